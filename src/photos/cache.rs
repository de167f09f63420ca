//! The photo cache on disk (`<site>/.noticeboard-cache/photos`): renditions named by content
//! key, a manifest per key written last, publishing into an output and pruning what no
//! build uses.

use super::encode::{EncodedImage, EncodedSet};
use super::{PhotoSet, PhotoSettings, Rendition};
use crate::output::atomic;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Temporary files younger than this may belong to a build running right now.
pub(super) const STALE_TEMP_AGE: Duration = Duration::from_secs(3600);
/// Files changed this recently are not put in the index: a second change within the same
/// timestamp tick would otherwise go unnoticed.
pub(super) const RACY_STAMP_WINDOW: Duration = Duration::from_secs(2);

pub(super) const MANIFEST_HEADER: &str = "noticeboard-photo-manifest 1";
pub(super) const KEY_LEN: usize = 16;

/// Processed photos of one site, kept in a folder of their own.
#[derive(Debug)]
pub struct PhotoCache {
    pub(super) dir: PathBuf,
    pub(super) settings: PhotoSettings,
    pub(super) settings_id: String,
    /// `RACY_STAMP_WINDOW`, except in tests that cannot wait for files to age.
    pub(super) racy_window: Duration,
}

impl PhotoCache {
    /// Opens (creating if needed) the cache folder with the default settings.
    pub fn open(cache_dir: &Path) -> io::Result<Self> {
        Self::with_settings(cache_dir, PhotoSettings::default())
    }

    /// Opens (creating if needed) the cache folder for photos made with `settings`.
    pub fn with_settings(cache_dir: &Path, mut settings: PhotoSettings) -> io::Result<Self> {
        settings.validate()?;
        settings.screen_widths.sort_unstable();
        settings.screen_widths.dedup();
        fs::create_dir_all(cache_dir)?;
        let settings_id = settings.id();
        Ok(Self {
            dir: cache_dir.to_path_buf(),
            settings,
            settings_id,
            racy_window: RACY_STAMP_WINDOW,
        })
    }

    /// Copies every rendition of `sets` into `out_dir`, hard-linking when the file system allows.
    pub fn publish<'a>(
        &self,
        sets: impl IntoIterator<Item = &'a PhotoSet>,
        out_dir: &Path,
    ) -> io::Result<()> {
        fs::create_dir_all(out_dir)?;
        for set in sets {
            for rendition in set.screen.iter().chain([&set.print]) {
                let from = self.dir.join(&rendition.file_name);
                let to = out_dir.join(&rendition.file_name);
                // Names are content hashes: a file of the right size under that name is the same
                // file, typically from an identical photo or a previous build.
                if fs::metadata(&to).is_ok_and(|m| m.is_file() && m.len() == rendition.bytes) {
                    continue;
                }
                match fs::remove_file(&to) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(with_path(e, &to)),
                    _ => {}
                }
                if fs::hard_link(&from, &to).is_err() {
                    // Across devices or on file systems without links; copied whole, so a crash
                    // never leaves a half-written JPEG in the output.
                    atomic::copy(&from, &to).map_err(|e| with_path(e, &from))?;
                }
            }
        }
        Ok(())
    }

    /// Deletes cache entries not among `in_use` (rendition file names) and returns how many files
    /// were removed. A key's files go together: any one in use keeps its manifest and siblings.
    pub fn prune(&self, in_use: &HashSet<String>) -> io::Result<usize> {
        let keys_in_use: HashSet<&str> = in_use.iter().filter_map(|n| entry_key(n)).collect();
        let mut removed = 0;
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            let Ok(name) = entry.file_name().into_string() else {
                continue; // not ours: every name we write is ASCII
            };
            let remove = if atomic::is_leftover(&name) {
                // Left by a crash, unless a concurrent build is writing it right now.
                entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > STALE_TEMP_AGE)
            } else {
                match entry_key(&name) {
                    Some(key) => !in_use.contains(&name) && !keys_in_use.contains(key),
                    None => false, // index.tsv, or something we did not write
                }
            };
            if remove {
                match fs::remove_file(entry.path()) {
                    Ok(()) => removed += 1,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {} // another build pruned it
                    Err(e) => return Err(with_path(e, &entry.path())),
                }
            }
        }
        Ok(removed)
    }

    pub(super) fn store(&self, key: &str, encoded: EncodedSet) -> io::Result<PhotoSet> {
        let mut screen = Vec::with_capacity(encoded.screen.len());
        for image in encoded.screen {
            let name = format!("{key}-{}.jpg", image.width);
            screen.push(self.write_rendition(name, image)?);
        }
        let print = self.write_rendition(format!("{key}-print.jpg"), encoded.print)?;
        let set = PhotoSet { screen, print };
        // Written last: its presence vouches for every rendition above.
        write_atomic(
            &self.dir,
            &format!("{key}.meta"),
            manifest_text(&set).as_bytes(),
        )?;
        Ok(set)
    }

    pub(super) fn write_rendition(
        &self,
        file_name: String,
        image: EncodedImage,
    ) -> io::Result<Rendition> {
        write_atomic(&self.dir, &file_name, &image.jpeg)?;
        Ok(Rendition {
            file_name,
            width: image.width,
            height: image.height,
            bytes: image.jpeg.len() as u64,
        })
    }

    pub(super) fn key_for(&self, content_hash: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.settings_id.as_bytes());
        hasher.update([0]);
        hasher.update(content_hash.as_bytes());
        let mut key = hex::encode(hasher.finalize());
        key.truncate(KEY_LEN);
        key
    }

    /// A cached set, if its manifest is readable and every file it lists is there in full.
    pub(super) fn load_manifest(&self, key: &str) -> Option<PhotoSet> {
        let text = fs::read_to_string(self.dir.join(format!("{key}.meta"))).ok()?;
        let mut lines = text.lines();
        if lines.next()? != MANIFEST_HEADER {
            return None;
        }
        let mut screen = Vec::new();
        let mut print = None;
        for line in lines {
            let mut fields = line.split(' ');
            let kind = fields.next()?;
            let mut number = || fields.next()?.parse::<u64>().ok();
            let (width, height, bytes) = (number()?, number()?, number()?);
            let (width, height) = (u32::try_from(width).ok()?, u32::try_from(height).ok()?);
            let file_name = match kind {
                "screen" => format!("{key}-{width}.jpg"),
                "print" => format!("{key}-print.jpg"),
                _ => return None,
            };
            // A short file means a crash or power loss after the rename: render again.
            let on_disk = fs::metadata(self.dir.join(&file_name)).ok()?;
            if on_disk.len() != bytes {
                return None;
            }
            let rendition = Rendition {
                file_name,
                width,
                height,
                bytes,
            };
            match kind {
                "screen" => screen.push(rendition),
                _ => print = Some(rendition),
            }
        }
        if screen.is_empty() {
            return None;
        }
        Some(PhotoSet {
            screen,
            print: print?,
        })
    }
}

pub(super) fn manifest_text(set: &PhotoSet) -> String {
    let mut text = format!("{MANIFEST_HEADER}\n");
    for r in &set.screen {
        text.push_str(&format!("screen {} {} {}\n", r.width, r.height, r.bytes));
    }
    let p = &set.print;
    text.push_str(&format!("print {} {} {}\n", p.width, p.height, p.bytes));
    text
}

/// The key a cache file belongs to: names start with 16 hex digits then `-` or `.`.
pub(super) fn entry_key(name: &str) -> Option<&str> {
    let key = name.get(..KEY_LEN)?;
    let next = name.as_bytes().get(KEY_LEN)?;
    let hex = key
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (hex && matches!(next, b'-' | b'.')).then_some(key)
}

/// Replaces `dir/name` whole (see [`atomic`]); errors name the file.
pub(super) fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let path = dir.join(name);
    atomic::write(&path, bytes).map_err(|e| with_path(e, &path))
}

pub(super) fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}
