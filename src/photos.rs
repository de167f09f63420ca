//! Photo stage: turns the clerks' snapshots into small, upright, 3:4 portrait JPEGs for screens
//! (a `srcset` pair) and one print size for the A4 boards, cached by content so that a second
//! build decodes nothing.
//!
//! Choices, each measured on a 2-core machine:
//! - Resizing uses fast_image_resize (Lanczos3): 12–17 ms per 3000×4000 → 480×640 against
//!   160–340 ms for image's own Lanczos3, with the same result (SSIM 0.9997). Decoding the JPEG
//!   (~150 ms) is then the main cost of a cold build.
//! - Encoding uses jpeg-encoder with 4:2:0 chroma: ~19% smaller than image's JPEG encoder at the
//!   same quality setting and the same luma SSIM. WebP is not written: image's encoder is lossless
//!   only (6–9× larger than JPEG), webp-rust 0.3 wrote corrupt files at q90, and the one good pure
//!   Rust lossy encoder (zenwebp) is AGPL.
//! - Content hashes use SHA-256 (sha2): 1.5 GB/s here against 2.5 GB/s for BLAKE3, a gap that only
//!   shows on cold builds, where decoding costs far more; warm builds skip hashing through a small
//!   index keyed by path, size, mtime, ctime and inode.
//!
//! Cache layout (`<site>/.noticeboard-cache/photos`):
//! - `<key>-<width>.jpg` screen renditions, `<key>-print.jpg` the print rendition;
//! - `<key>.meta` the manifest of one key, written last, so its presence means every rendition of
//!   that key was completely written;
//! - `index.tsv` path → content hash, rewritten after each run with the current sources only.
//!
//! `<key>` is the first 16 hex digits of SHA-256(settings id, SHA-256(source bytes)), so two
//! identical photos share renditions and any change of sizes, quality or algorithm makes new keys.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use fast_image_resize as fir;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};
use indicatif::{ParallelProgressIterator, ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// Bump when the pixels written for the same source and settings would change (new resizer,
/// encoder, crop rule...), so that old cache entries stop matching.
const ALGORITHM_VERSION: &str =
    "photos-v1 crop=3:4-top resize=fir6-lanczos3 jpeg=jpeg-encoder0.7-420";

/// Sources larger than this are refused before being read: phone JPEGs are 2–20 MB, and the
/// whole file is held in memory while decoding.
const MAX_SOURCE_BYTES: u64 = 100 * 1024 * 1024;
/// Widest or tallest accepted image; a 108 MP phone photo is 12000×9000.
const MAX_SIDE: u32 = 16_384;
/// Largest decoded pixel buffer. Enforced by us as well as by image, because
/// `ImageReader::into_decoder` (needed for the EXIF orientation) skips image's own check.
const MAX_DECODED_BYTES: u64 = 320 * 1024 * 1024;
/// Narrower 3:4 crops than this are thumbnails or icons, not usable portraits.
const MIN_CROP_WIDTH: u32 = 96;
/// Screen renditions step down in quality until they fit the byte cap, but not below this.
const MIN_SCREEN_QUALITY: u8 = 40;
const QUALITY_STEP: u8 = 5;
/// Temporary files younger than this may belong to a build running right now.
const STALE_TEMP_AGE: Duration = Duration::from_secs(3600);
/// Files changed this recently are not put in the index: a second change within the same
/// timestamp tick would otherwise go unnoticed.
const RACY_STAMP_WINDOW: Duration = Duration::from_secs(2);

const INDEX_FILE: &str = "index.tsv";
const INDEX_HEADER: &str = "noticeboard-photo-index 1";
const MANIFEST_HEADER: &str = "noticeboard-photo-manifest 1";
const TEMP_PREFIX: &str = ".tmp-";
const KEY_LEN: usize = 16;

/// What the photos look like. The defaults are the ones the boards are designed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSettings {
    /// Screen rendition widths in pixels (3:4, so 240 → 240×320); sorted when the cache opens.
    pub screen_widths: Vec<u32>,
    /// Print rendition width: 354×472 is a 30×40 mm photo at 300 dpi.
    pub print_width: u32,
    /// Resolution written into the print file's JFIF header.
    pub print_dpi: u16,
    /// JPEG quality of screen renditions before any step-down to fit `max_screen_bytes`.
    pub screen_quality: u8,
    pub print_quality: u8,
    /// Upper bound for each screen file, for cheap phones on slow connections.
    pub max_screen_bytes: u64,
}

impl Default for PhotoSettings {
    fn default() -> Self {
        Self {
            screen_widths: vec![240, 480],
            print_width: 354,
            print_dpi: 300,
            screen_quality: 80,
            print_quality: 90,
            max_screen_bytes: 60_000,
        }
    }
}

impl PhotoSettings {
    /// Every field that changes the output bytes, so it can be part of the cache key.
    fn id(&self) -> String {
        format!(
            "{ALGORITHM_VERSION}; screen={:?} q{} max{}; print={} q{} {}dpi",
            self.screen_widths,
            self.screen_quality,
            self.max_screen_bytes,
            self.print_width,
            self.print_quality,
            self.print_dpi
        )
    }

    fn validate(&self) -> io::Result<()> {
        let widths_ok = self
            .screen_widths
            .iter()
            .chain([&self.print_width])
            .all(|w| (1..=4096).contains(w));
        let quality_ok = [self.screen_quality, self.print_quality]
            .iter()
            .all(|q| (1..=100).contains(q));
        if widths_ok && quality_ok && !self.screen_widths.is_empty() {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("photo settings out of range: {self:?}"),
            ))
        }
    }
}

/// One processed file in the cache (and, after `publish`, in the output's photos folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    /// Content-hash-keyed, e.g. `9f3c1a2b4d5e6f70-240.jpg`.
    pub file_name: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSet {
    /// Ascending width. Usually 240 and 480 wide; a small source gives fewer or narrower ones,
    /// since nothing is enlarged.
    pub screen: Vec<Rendition>,
    /// 354×472 for a 30×40 mm photo at 300 dpi, or smaller for a small source: size it on the
    /// page in millimetres, not pixels.
    pub print: Rendition,
}

impl PhotoSet {
    /// The `srcset` attribute value, e.g. `photos/a-240.jpg 240w, photos/a-480.jpg 480w`.
    pub fn srcset(&self, url_prefix: &str) -> String {
        self.screen
            .iter()
            .map(|r| format!("{url_prefix}{} {}w", r.file_name, r.width))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoOutcome {
    Ready(PhotoSet),
    /// The page shows a placeholder; `warning` names the file and says what to do.
    Unusable {
        warning: String,
    },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProcessStats {
    /// Sources decoded and rendered in this run.
    pub processed: usize,
    /// Sources whose renditions were already cached (or rendered for an identical file).
    pub reused: usize,
    /// Sources that get a placeholder.
    pub unusable: usize,
}

/// Why a photo gets a placeholder. The text follows the file's name in the warning.
#[derive(Debug, thiserror::Error)]
enum Unusable {
    #[error("photo not found; add the file or correct the photo path")]
    Missing,
    #[error("not a regular file; point the photo path at an image file")]
    NotAFile,
    #[error("cannot read the file ({0}); check that it is readable")]
    Unreadable(io::Error),
    #[error(
        "file is {size} bytes, over the {MAX_SOURCE_BYTES}-byte limit; re-save it as JPEG at phone size"
    )]
    FileTooLarge { size: u64 },
    #[error("file is empty; copy the photo again")]
    Empty,
    #[error(
        "HEIC/HEIF photos cannot be read; re-save it as JPEG (on iPhone: Settings › Camera › Formats › Most Compatible)"
    )]
    Heic,
    #[error("not a JPEG, PNG or WebP image; re-save it as JPEG")]
    UnknownFormat,
    #[error("file is truncated (the copy or download stopped early); copy the photo again")]
    Truncated,
    #[error("image is {}; the limit is {MAX_SIDE} pixels a side and {} MB decoded; re-save it smaller, e.g. 3000×4000", describe_size(*.dimensions), MAX_DECODED_BYTES >> 20)]
    TooBig { dimensions: Option<(u32, u32)> },
    #[error(
        "image is only {width}×{height} pixels, too small for a portrait; use a photo at least {MIN_CROP_WIDTH} pixels wide"
    )]
    TooSmall { width: u32, height: u32 },
    #[error("image uses a feature this program cannot read ({0}); re-save it as JPEG")]
    UnsupportedFeature(String),
    #[error("image data is damaged ({0}); re-save it as JPEG")]
    Damaged(String),
    #[error(
        "image is mostly noise and cannot be made small enough for phones; use a clearer photo"
    )]
    Incompressible,
    #[error("file changed while the site was being built; build again")]
    ChangedDuringBuild,
    #[error("could not save the processed photo in the cache ({0}); check free disk space")]
    CacheWrite(io::Error),
}

fn describe_size(dimensions: Option<(u32, u32)>) -> String {
    match dimensions {
        Some((w, h)) => format!("{w}×{h} pixels"),
        None => "too large to open".to_string(),
    }
}

/// Processed photos of one site, kept in a folder of their own.
#[derive(Debug)]
pub struct PhotoCache {
    dir: PathBuf,
    settings: PhotoSettings,
    settings_id: String,
    /// `RACY_STAMP_WINDOW`, except in tests that cannot wait for files to age.
    racy_window: Duration,
}

/// Where one source stands after the cheap first pass (stat, hash, manifest).
enum Resolved {
    Unusable(Unusable),
    Known {
        key: String,
        content_hash: String,
        stamp: Option<FileStamp>,
        cached: Option<PhotoSet>,
    },
}

impl PhotoCache {
    /// Opens (creating if needed) the cache folder with the default settings.
    pub fn open(cache_dir: &Path) -> io::Result<Self> {
        Self::with_settings(cache_dir, PhotoSettings::default())
    }

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

    /// Renders every source that has no complete cache entry, in parallel.
    ///
    /// `sources` are absolute paths, each with a site-relative name used in warnings. Failures
    /// never stop the build: each becomes `PhotoOutcome::Unusable` with a warning.
    pub fn process_all(
        &self,
        sources: &[(PathBuf, String)],
        show_progress: bool,
    ) -> (HashMap<PathBuf, PhotoOutcome>, ProcessStats) {
        let index = self.load_index();
        let resolved: Vec<Resolved> = sources
            .par_iter()
            .map(|(path, _)| self.resolve(path, index.get(path)))
            .collect();

        // One render per distinct content, however many people share the photo.
        let mut jobs: Vec<(&str, &str, &Path)> = Vec::new();
        let mut queued: HashSet<&str> = HashSet::new();
        for ((path, _), res) in sources.iter().zip(&resolved) {
            if let Resolved::Known {
                key,
                content_hash,
                cached: None,
                ..
            } = res
                && queued.insert(key.as_str())
            {
                jobs.push((key.as_str(), content_hash.as_str(), path.as_path()));
            }
        }

        let bar = if show_progress && !jobs.is_empty() {
            let style = ProgressStyle::with_template(
                "{prefix} [{bar:30}] {pos}/{len} {elapsed_precise} (eta {eta})",
            )
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            ProgressBar::new(jobs.len() as u64)
                .with_style(style)
                .with_prefix("Processing photos")
        } else {
            ProgressBar::hidden()
        };
        let rendered: HashMap<&str, Result<PhotoSet, Unusable>> = jobs
            .par_iter()
            .progress_with(bar.clone())
            .map(|&(key, content_hash, path)| (key, self.render_and_store(key, content_hash, path)))
            .collect();
        bar.finish_and_clear();

        let mut outcomes = HashMap::with_capacity(sources.len());
        let mut stats = ProcessStats::default();
        let mut counted_as_processed: HashSet<&str> = HashSet::new();
        let mut new_index: Vec<(&Path, FileStamp, &str)> = Vec::new();
        for ((path, display), res) in sources.iter().zip(&resolved) {
            let outcome = match res {
                Resolved::Unusable(reason) => Err(reason),
                Resolved::Known {
                    key,
                    content_hash,
                    stamp,
                    cached,
                } => {
                    if let Some(stamp) = stamp {
                        new_index.push((path, stamp.clone(), content_hash));
                    }
                    match (cached, rendered.get(key.as_str())) {
                        (Some(set), _) => {
                            stats.reused += 1;
                            Ok(set.clone())
                        }
                        (None, Some(Ok(set))) => {
                            if counted_as_processed.insert(key) {
                                stats.processed += 1;
                            } else {
                                stats.reused += 1;
                            }
                            Ok(set.clone())
                        }
                        (None, Some(Err(reason))) => Err(reason),
                        // Every uncached key was queued, so this does not happen; stay safe.
                        (None, None) => Err(&Unusable::ChangedDuringBuild),
                    }
                }
            };
            let outcome = match outcome {
                Ok(set) => PhotoOutcome::Ready(set),
                Err(reason) => {
                    stats.unusable += 1;
                    PhotoOutcome::Unusable {
                        warning: format!("{display}: {reason}"),
                    }
                }
            };
            outcomes.insert(path.clone(), outcome);
        }
        // The index only saves re-hashing; failing to write it costs time, not correctness.
        let _ = self.save_index(&new_index);
        (outcomes, stats)
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
                    // Across devices or on file systems without links; copy through a temporary
                    // file so a crash never leaves a half-written JPEG in the output.
                    let temp = temp_path(out_dir, &rendition.file_name);
                    let copied = fs::copy(&from, &temp).and_then(|_| fs::rename(&temp, &to));
                    if let Err(e) = copied {
                        let _ = fs::remove_file(&temp);
                        return Err(with_path(e, &from));
                    }
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
            let remove = if name.starts_with(TEMP_PREFIX) {
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

    /// First pass: find the content key (from the index when the file is unchanged) and any
    /// complete cache entry. Reads no pixels.
    fn resolve(&self, path: &Path, indexed: Option<&IndexEntry>) -> Resolved {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Resolved::Unusable(Unusable::Missing);
            }
            Err(e) => return Resolved::Unusable(Unusable::Unreadable(e)),
        };
        if !meta.is_file() {
            return Resolved::Unusable(Unusable::NotAFile);
        }
        if meta.len() > MAX_SOURCE_BYTES {
            return Resolved::Unusable(Unusable::FileTooLarge { size: meta.len() });
        }
        let stamp = FileStamp::of(&meta);
        let content_hash = match (indexed, &stamp) {
            (Some(entry), Some(stamp)) if entry.stamp_text == stamp.text => {
                entry.content_hash.clone()
            }
            _ => match hash_file(path) {
                Ok(hash) => hash,
                Err(e) => return Resolved::Unusable(Unusable::Unreadable(e)),
            },
        };
        let key = self.key_for(&content_hash);
        let cached = self.load_manifest(&key);
        Resolved::Known {
            key,
            content_hash,
            stamp: stamp.filter(|s| !s.is_racy(self.racy_window)),
            cached,
        }
    }

    fn key_for(&self, content_hash: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.settings_id.as_bytes());
        hasher.update([0]);
        hasher.update(content_hash.as_bytes());
        let mut key = hex::encode(hasher.finalize());
        key.truncate(KEY_LEN);
        key
    }

    /// Second pass for one content key: decode, render, and store atomically.
    fn render_and_store(
        &self,
        key: &str,
        content_hash: &str,
        path: &Path,
    ) -> Result<PhotoSet, Unusable> {
        let bytes = read_capped(path)?;
        if hex::encode(Sha256::digest(&bytes)) != content_hash {
            return Err(Unusable::ChangedDuringBuild);
        }
        // Decoders are third-party code fed untrusted files: a panic in one must cost only
        // this photo, not the build.
        let encoded = std::panic::catch_unwind(|| render(&bytes, &self.settings))
            .unwrap_or_else(|_| Err(Unusable::Damaged("the decoder crashed on it".to_string())))?;
        self.store(key, encoded).map_err(Unusable::CacheWrite)
    }

    fn store(&self, key: &str, encoded: EncodedSet) -> io::Result<PhotoSet> {
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

    fn write_rendition(&self, file_name: String, image: EncodedImage) -> io::Result<Rendition> {
        write_atomic(&self.dir, &file_name, &image.jpeg)?;
        Ok(Rendition {
            file_name,
            width: image.width,
            height: image.height,
            bytes: image.jpeg.len() as u64,
        })
    }

    /// A cached set, if its manifest is readable and every file it lists is there in full.
    fn load_manifest(&self, key: &str) -> Option<PhotoSet> {
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

    fn load_index(&self) -> HashMap<PathBuf, IndexEntry> {
        let Ok(text) = fs::read_to_string(self.dir.join(INDEX_FILE)) else {
            return HashMap::new();
        };
        let mut lines = text.lines();
        if lines.next() != Some(INDEX_HEADER) {
            return HashMap::new();
        }
        lines
            .filter_map(|line| {
                let mut fields = line.splitn(3, '\t');
                let content_hash = fields.next()?;
                let stamp = fields.next()?;
                let path = fields.next()?;
                let well_formed =
                    content_hash.len() == 64 && content_hash.bytes().all(|b| b.is_ascii_hexdigit());
                well_formed.then(|| {
                    let entry = IndexEntry {
                        content_hash: content_hash.to_string(),
                        stamp_text: stamp.to_string(),
                    };
                    (PathBuf::from(path), entry)
                })
            })
            .collect()
    }

    fn save_index(&self, entries: &[(&Path, FileStamp, &str)]) -> io::Result<()> {
        let mut text = String::from(INDEX_HEADER);
        text.push('\n');
        for (path, stamp, content_hash) in entries {
            // Paths that cannot round-trip through one line of UTF-8 are simply re-hashed.
            let Some(path) = path.to_str().filter(|p| !p.contains(['\n', '\r'])) else {
                continue;
            };
            text.push_str(&format!("{content_hash}\t{}\t{path}\n", stamp.text));
        }
        write_atomic(&self.dir, INDEX_FILE, text.as_bytes())
    }
}

struct IndexEntry {
    content_hash: String,
    stamp_text: String,
}

/// Size, modification time and (on Unix) ctime and inode, which `touch` or a copy preserving
/// mtime cannot fake. Equal stamps mean unchanged content, so the hash can be reused.
#[derive(Debug, Clone)]
struct FileStamp {
    text: String,
    /// The later of mtime and ctime, since the Unix epoch.
    last_change: Duration,
}

impl FileStamp {
    fn of(meta: &fs::Metadata) -> Option<Self> {
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?;
        #[cfg(unix)]
        let (extra, ctime) = {
            use std::os::unix::fs::MetadataExt;
            let ctime = Duration::new(
                u64::try_from(meta.ctime()).unwrap_or(0),
                u32::try_from(meta.ctime_nsec()).unwrap_or(0),
            );
            let extra = format!("{}.{}.{}", ctime.as_nanos(), meta.ino(), meta.dev());
            (extra, ctime)
        };
        #[cfg(not(unix))]
        let (extra, ctime) = (String::from("-"), Duration::ZERO);
        Some(Self {
            text: format!("{}.{}.{extra}", meta.len(), mtime.as_nanos()),
            last_change: mtime.max(ctime),
        })
    }

    /// Whether the file changed so recently that another change could share its timestamps
    /// (coarse on FAT and some network file systems); such files are hashed again next time.
    fn is_racy(&self, window: Duration) -> bool {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        now.saturating_sub(self.last_change) < window
    }
}

fn manifest_text(set: &PhotoSet) -> String {
    let mut text = format!("{MANIFEST_HEADER}\n");
    for r in &set.screen {
        text.push_str(&format!("screen {} {} {}\n", r.width, r.height, r.bytes));
    }
    let p = &set.print;
    text.push_str(&format!("print {} {} {}\n", p.width, p.height, p.bytes));
    text
}

/// The key a cache file belongs to: names start with 16 hex digits then `-` or `.`.
fn entry_key(name: &str) -> Option<&str> {
    let key = name.get(..KEY_LEN)?;
    let next = name.as_bytes().get(KEY_LEN)?;
    let hex = key
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (hex && matches!(next, b'-' | b'.')).then_some(key)
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

fn temp_path(dir: &Path, final_name: &str) -> PathBuf {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(
        "{TEMP_PREFIX}{}-{n}-{final_name}",
        std::process::id()
    ))
}

/// Write to a temporary file beside the target, then rename: readers, concurrent builds and
/// crashes see either the old file, the new one, or none, never half of one.
fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let temp = temp_path(dir, name);
    let result = fs::write(&temp, bytes).and_then(|()| fs::rename(&temp, dir.join(name)));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(|e| with_path(e, &dir.join(name)))
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

fn hash_file(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

fn read_capped(path: &Path) -> Result<Vec<u8>, Unusable> {
    let file = File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Unusable::Missing,
        _ => Unusable::Unreadable(e),
    })?;
    let mut bytes = Vec::new();
    // The size was checked in the first pass; the cap guards against the file growing since.
    file.take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Unusable::Unreadable)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(Unusable::FileTooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

struct EncodedImage {
    width: u32,
    height: u32,
    jpeg: Vec<u8>,
}

struct EncodedSet {
    screen: Vec<EncodedImage>,
    print: EncodedImage,
}

/// Decode `bytes`, then crop, resize, orient and encode every rendition. Pure: no file access.
fn render(bytes: &[u8], settings: &PhotoSettings) -> Result<EncodedSet, Unusable> {
    let (image, orientation) = decode(bytes)?;
    let source = SourcePixels::from_image(image)?;
    let (oriented_w, oriented_h) = if swaps_axes(orientation) {
        (source.height, source.width)
    } else {
        (source.width, source.height)
    };
    let crop = portrait_crop(oriented_w, oriented_h);
    // Whole pixels only: a crop 95.9 pixels wide cannot give a 96-pixel rendition.
    let crop_width = crop.width.floor() as u32;
    if crop_width < MIN_CROP_WIDTH {
        return Err(Unusable::TooSmall {
            width: oriented_w,
            height: oriented_h,
        });
    }
    let source_crop = rect_in_source(orientation, oriented_w, oriented_h, crop);

    let mut resizer = fir::Resizer::new();
    let mut render_one =
        |target_width: u32, quality: u8, dpi: Option<u16>, max_bytes: Option<u64>| {
            let (width, height) = capped_size(target_width, crop_width);
            let pixels = source.resize(&mut resizer, source_crop, width, height, orientation)?;
            encode_within(&pixels, quality, dpi, max_bytes)
        };

    let mut screen: Vec<EncodedImage> = Vec::new();
    for &target in &settings.screen_widths {
        let (width, _) = capped_size(target, crop_width);
        if screen.last().is_some_and(|prev| prev.width == width) {
            continue; // a small source caps several targets to the same width
        }
        if let Some(image) = render_one(
            target,
            settings.screen_quality,
            None,
            Some(settings.max_screen_bytes),
        )? {
            screen.push(image);
        }
    }
    if screen.is_empty() {
        return Err(Unusable::Incompressible);
    }
    let print = render_one(
        settings.print_width,
        settings.print_quality,
        Some(settings.print_dpi),
        None,
    )?
    .ok_or(Unusable::Incompressible)?;
    Ok(EncodedSet { screen, print })
}

/// Width and height of a 3:4 rendition `target` wide, never wider than the crop (no enlarging).
fn capped_size(target: u32, crop_width: u32) -> (u32, u32) {
    let width = target.min(crop_width).max(1);
    let height = ((u64::from(width) * 4 + 1) / 3) as u32; // rounded: 354 → 472, 150 → 200
    (width, height)
}

fn decode(bytes: &[u8]) -> Result<(DynamicImage, Orientation), Unusable> {
    if bytes.is_empty() {
        return Err(Unusable::Empty);
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        _ if is_heif(bytes) => return Err(Unusable::Heic),
        _ => return Err(Unusable::UnknownFormat),
    };
    // zune-jpeg (image's JPEG decoder) is lenient and fills a cut-off file with grey; a RIFF
    // size beyond the end is the same fault in WebP. PNG decoders report it themselves.
    let complete = match format {
        ImageFormat::Jpeg => jpeg_is_complete(bytes),
        ImageFormat::WebP => riff_is_complete(bytes),
        _ => true,
    };
    if !complete {
        return Err(Unusable::Truncated);
    }

    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits.clone());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| classify(e, bytes, format))?;
    // into_decoder() checks the side limits but, unlike ImageReader::decode(), not the size of
    // the buffer it is about to allocate.
    limits
        .reserve(decoder.total_bytes())
        .map_err(|e| classify(e, bytes, format))?;
    // A damaged EXIF block should not cost the photo: it is then shown as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(|e| classify(e, bytes, format))?;
    Ok((image, orientation))
}

fn classify(error: ImageError, bytes: &[u8], format: ImageFormat) -> Unusable {
    match error {
        ImageError::Limits(_) => {
            // Re-read the header without our limits only to name the size in the warning.
            let dimensions = ImageReader::with_format(Cursor::new(bytes), format)
                .into_dimensions()
                .ok();
            Unusable::TooBig { dimensions }
        }
        ImageError::IoError(e) if e.kind() == io::ErrorKind::UnexpectedEof => Unusable::Truncated,
        ImageError::Unsupported(e) => Unusable::UnsupportedFeature(e.to_string()),
        // png reports a cut-off file as a decoding error mentioning EOF.
        ImageError::Decoding(e) if e.to_string().to_lowercase().contains("eof") => {
            Unusable::Truncated
        }
        other => Unusable::Damaged(other.to_string()),
    }
}

/// HEIF/HEIC files (iPhone photos) start with an ISO-BMFF `ftyp` box naming a HEIF brand.
fn is_heif(bytes: &[u8]) -> bool {
    const BRANDS: [&[u8]; 5] = [b"heic", b"heix", b"mif1", b"msf1", b"hevc"];
    bytes.get(4..8) == Some(b"ftyp".as_slice())
        && bytes
            .get(8..12)
            .is_some_and(|brand| BRANDS.contains(&brand))
}

/// Walks the JPEG marker structure up to the first End Of Image marker. Data after it (Motion
/// Photo videos, MPF secondary images) is allowed; a file that ends before it is truncated.
fn jpeg_is_complete(data: &[u8]) -> bool {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut pos = 2;
    loop {
        // Find the next marker, skipping any fill bytes or stray data between segments.
        let Some(offset) = data
            .get(pos..)
            .and_then(|rest| rest.iter().position(|&b| b == 0xFF))
        else {
            return false;
        };
        pos += offset;
        while data.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = data.get(pos) else {
            return false;
        };
        pos += 1;
        match marker {
            0xD9 => return true,
            // Standalone markers carry no length.
            0x00 | 0x01 | 0xD0..=0xD8 => continue,
            _ => {}
        }
        let Some(length) = data
            .get(pos..pos + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            return false;
        };
        if length < 2 {
            return false;
        }
        pos += length;
        if pos > data.len() {
            return false;
        }
        if marker == 0xDA {
            // Entropy-coded data: runs until a 0xFF that is neither a stuffed 0x00 nor a
            // restart marker.
            loop {
                let Some(offset) = data
                    .get(pos..)
                    .and_then(|rest| rest.iter().position(|&b| b == 0xFF))
                else {
                    return false;
                };
                pos += offset;
                match data.get(pos + 1) {
                    None => return false,
                    Some(0x00 | 0xD0..=0xD7) => pos += 2,
                    Some(_) => break,
                }
            }
        }
    }
}

fn riff_is_complete(data: &[u8]) -> bool {
    match data.get(4..8) {
        Some(size) => {
            let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]);
            data.len() as u64 >= u64::from(size) + 8
        }
        None => false,
    }
}

/// Decoded pixels in one of the two layouts the resizer and encoder need.
struct SourcePixels {
    width: u32,
    height: u32,
    has_alpha: bool,
    buffer: Vec<u8>,
}

impl SourcePixels {
    fn from_image(image: DynamicImage) -> Result<Self, Unusable> {
        let (width, height) = (image.width(), image.height());
        // Rgb8/Rgba8 (nearly every JPEG and PNG) move without copying; others convert once.
        let (has_alpha, buffer) = match image {
            DynamicImage::ImageRgb8(buffer) => (false, buffer.into_raw()),
            DynamicImage::ImageRgba8(buffer) => (true, buffer.into_raw()),
            other if other.color().has_alpha() => (true, other.into_rgba8().into_raw()),
            other => (false, other.into_rgb8().into_raw()),
        };
        if width == 0 || height == 0 {
            return Err(Unusable::Damaged("image has no pixels".to_string()));
        }
        Ok(Self {
            width,
            height,
            has_alpha,
            buffer,
        })
    }

    /// Resizes `crop` (in stored orientation) to a `width`×`height` portrait, then orients it.
    /// Orienting after the resize turns a 36 MB rotation into a 1 MB one.
    fn resize(
        &self,
        resizer: &mut fir::Resizer,
        crop: Rect,
        width: u32,
        height: u32,
        orientation: Orientation,
    ) -> Result<image::RgbImage, Unusable> {
        let pixel_type = if self.has_alpha {
            fir::PixelType::U8x4
        } else {
            fir::PixelType::U8x3
        };
        let internal = |e: &dyn std::fmt::Display| Unusable::Damaged(format!("resize failed: {e}"));
        let src = fir::images::ImageRef::new(self.width, self.height, &self.buffer, pixel_type)
            .map_err(|e| internal(&e))?;
        let (stored_w, stored_h) = if swaps_axes(orientation) {
            (height, width)
        } else {
            (width, height)
        };
        let mut dst = fir::images::Image::new(stored_w, stored_h, pixel_type);
        // fast_image_resize refuses a box even a rounding error outside the image.
        let (max_x, max_y) = (f64::from(self.width), f64::from(self.height));
        let (x, y) = (crop.x.clamp(0.0, max_x), crop.y.clamp(0.0, max_y));
        let options = fir::ResizeOptions::new()
            .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3))
            .crop(x, y, crop.width.min(max_x - x), crop.height.min(max_y - y));
        resizer
            .resize(&src, &mut dst, &options)
            .map_err(|e| internal(&e))?;
        let data = dst.into_vec();
        let mut small = if self.has_alpha {
            image::RgbaImage::from_raw(stored_w, stored_h, data).map(DynamicImage::ImageRgba8)
        } else {
            image::RgbImage::from_raw(stored_w, stored_h, data).map(DynamicImage::ImageRgb8)
        }
        .ok_or_else(|| internal(&"buffer size mismatch"))?;
        small.apply_orientation(orientation);
        Ok(match small {
            DynamicImage::ImageRgba8(rgba) => flatten_on_white(&rgba),
            other => other.into_rgb8(),
        })
    }
}

/// JPEG has no transparency: show transparent screenshot areas as white paper, not black.
fn flatten_on_white(rgba: &image::RgbaImage) -> image::RgbImage {
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend =
            |c: u8| ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

/// Encodes at `quality`, stepping down until the file fits `max_bytes`. `None` if it never does.
fn encode_within(
    pixels: &image::RgbImage,
    quality: u8,
    dpi: Option<u16>,
    max_bytes: Option<u64>,
) -> Result<Option<EncodedImage>, Unusable> {
    let mut quality = quality;
    loop {
        let jpeg = encode_jpeg(pixels, quality, dpi)?;
        let fits = max_bytes.is_none_or(|max| jpeg.len() as u64 <= max);
        if fits {
            return Ok(Some(EncodedImage {
                width: pixels.width(),
                height: pixels.height(),
                jpeg,
            }));
        }
        if quality <= MIN_SCREEN_QUALITY {
            return Ok(None);
        }
        quality = quality.saturating_sub(QUALITY_STEP).max(MIN_SCREEN_QUALITY);
    }
}

fn encode_jpeg(
    pixels: &image::RgbImage,
    quality: u8,
    dpi: Option<u16>,
) -> Result<Vec<u8>, Unusable> {
    let internal =
        |e: &dyn std::fmt::Display| Unusable::Damaged(format!("JPEG encoding failed: {e}"));
    let width = u16::try_from(pixels.width()).map_err(|e| internal(&e))?;
    let height = u16::try_from(pixels.height()).map_err(|e| internal(&e))?;
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    // Optimized Huffman tables make jpeg-encoder write one scan per component in a baseline
    // 4:2:0 file, which image 0.25's decoder (zune-jpeg) turns into green stripes. The saving
    // is 1–2%: leave them off.
    encoder.set_optimized_huffman_tables(false);
    if let Some(dpi) = dpi {
        encoder.set_density(jpeg_encoder::PixelDensity::dpi(dpi));
    }
    encoder
        .encode(pixels.as_raw(), width, height, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| internal(&e))?;
    Ok(out)
}

/// A rectangle in continuous pixel coordinates (fast_image_resize crops at sub-pixel precision,
/// so a 3:4 crop is exact however the source divides).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

/// The 3:4 portrait crop of an upright `width`×`height` image: full width from the top when the
/// image is taller (faces are near the top), full height and centred when it is wider.
fn portrait_crop(width: u32, height: u32) -> Rect {
    let (w, h) = (f64::from(width), f64::from(height));
    if u64::from(width) * 4 > u64::from(height) * 3 {
        let crop_w = h * 3.0 / 4.0;
        Rect {
            x: (w - crop_w) / 2.0,
            y: 0.0,
            width: crop_w,
            height: h,
        }
    } else {
        Rect {
            x: 0.0,
            y: 0.0,
            width: w,
            height: w * 4.0 / 3.0,
        }
    }
}

fn swaps_axes(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Maps `rect`, given in the upright image (`upright_w`×`upright_h`, i.e. after applying
/// `orientation`), back to the stored pixels, so the crop and resize happen before rotating.
fn rect_in_source(orientation: Orientation, upright_w: u32, upright_h: u32, rect: Rect) -> Rect {
    let (ow, oh) = (f64::from(upright_w), f64::from(upright_h));
    // Inverse of image's apply_orientation for a point (x, y) of the upright image.
    let to_stored = |x: f64, y: f64| -> (f64, f64) {
        match orientation {
            Orientation::NoTransforms => (x, y),
            Orientation::Rotate90 => (y, ow - x),
            Orientation::Rotate180 => (ow - x, oh - y),
            Orientation::Rotate270 => (oh - y, x),
            Orientation::FlipHorizontal => (ow - x, y),
            Orientation::FlipVertical => (x, oh - y),
            Orientation::Rotate90FlipH => (y, x),
            Orientation::Rotate270FlipH => (oh - y, ow - x),
        }
    };
    let (ax, ay) = to_stored(rect.x, rect.y);
    let (bx, by) = to_stored(rect.x + rect.width, rect.y + rect.height);
    Rect {
        x: ax.min(bx),
        y: ay.min(by),
        width: (ax - bx).abs(),
        height: (ay - by).abs(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

    const RED: Rgb<u8> = Rgb([220, 20, 20]);
    const BLUE: Rgb<u8> = Rgb([20, 20, 220]);
    const GREEN: Rgb<u8> = Rgb([20, 200, 20]);
    const GREY: Rgb<u8> = Rgb([128, 128, 128]);

    // ---- building test images (no binary fixtures) ----

    fn jpeg_of(image: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
            .write_image(
                image.as_raw(),
                image.width(),
                image.height(),
                image::ExtendedColorType::Rgb8,
            )
            .expect("encode test JPEG");
        out
    }

    fn png_of(image: &DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("encode test PNG");
        out
    }

    /// Inserts an EXIF APP1 segment (big-endian TIFF, one IFD entry: Orientation) after SOI.
    fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let mut tiff = Vec::new();
        tiff.extend_from_slice(b"MM\0\x2a");
        tiff.extend_from_slice(&8u32.to_be_bytes()); // first IFD right after the header
        tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
        tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // tag: Orientation
        tiff.extend_from_slice(&3u16.to_be_bytes()); // type: SHORT
        tiff.extend_from_slice(&1u32.to_be_bytes()); // count
        tiff.extend_from_slice(&orientation.to_be_bytes());
        tiff.extend_from_slice(&[0, 0]); // value padding to 4 bytes
        tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
        let mut payload = b"Exif\0\0".to_vec();
        payload.extend_from_slice(&tiff);
        let length = u16::try_from(payload.len() + 2).expect("short segment");
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }

    /// A valid PNG header claiming `width`×`height` RGBA, with a token IDAT: what a
    /// decompression bomb looks like before its pixels are inflated.
    fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA, no interlace
        png_chunk(&mut out, b"IHDR", &ihdr);
        png_chunk(
            &mut out,
            b"IDAT",
            &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        );
        png_chunk(&mut out, b"IEND", &[]);
        out
    }

    fn noise(width: u32, height: u32, seed: u64) -> RgbImage {
        let mut state = seed | 1;
        RgbImage::from_fn(width, height, |_, _| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let [r, g, b, ..] = state.to_le_bytes();
            Rgb([r, g, b])
        })
    }

    fn halves(width: u32, height: u32, left: Rgb<u8>, right: Rgb<u8>) -> RgbImage {
        RgbImage::from_fn(
            width,
            height,
            |x, _| if x < width / 2 { left } else { right },
        )
    }

    struct Site {
        dir: tempfile::TempDir,
    }

    impl Site {
        fn new() -> Self {
            Self {
                dir: tempfile::tempdir().expect("temp dir"),
            }
        }
        fn cache_dir(&self) -> PathBuf {
            self.dir.path().join(".noticeboard-cache/photos")
        }
        fn cache(&self) -> PhotoCache {
            let mut cache = PhotoCache::open(&self.cache_dir()).expect("open cache");
            cache.racy_window = Duration::ZERO;
            cache
        }
        fn add(&self, name: &str, bytes: &[u8]) -> (PathBuf, String) {
            let path = self.dir.path().join("people").join(name);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(&path, bytes).expect("write source");
            (path, format!("people/{name}"))
        }
    }

    fn ready(outcome: Option<&PhotoOutcome>) -> &PhotoSet {
        match outcome {
            Some(PhotoOutcome::Ready(set)) => set,
            other => panic!("expected a ready photo, got {other:?}"),
        }
    }

    fn warning(outcome: Option<&PhotoOutcome>) -> &str {
        match outcome {
            Some(PhotoOutcome::Unusable { warning }) => warning,
            other => panic!("expected an unusable photo, got {other:?}"),
        }
    }

    fn process_one(site: &Site, name: &str, bytes: &[u8]) -> (PhotoOutcome, ProcessStats) {
        let source = site.add(name, bytes);
        let (mut outcomes, stats) = site
            .cache()
            .process_all(std::slice::from_ref(&source), false);
        (
            outcomes.remove(&source.0).expect("an outcome per source"),
            stats,
        )
    }

    fn open_rendition(site: &Site, rendition: &Rendition) -> RgbImage {
        image::open(site.cache_dir().join(&rendition.file_name))
            .expect("rendition decodes")
            .to_rgb8()
    }

    fn all_renditions(set: &PhotoSet) -> Vec<&Rendition> {
        set.screen.iter().chain([&set.print]).collect()
    }

    /// Mean colour of the rows in `[from, to)` (fractions of the height).
    fn band_mean(image: &RgbImage, from: f64, to: f64) -> [f64; 3] {
        let (y0, y1) = (
            (from * f64::from(image.height())) as u32,
            (to * f64::from(image.height())) as u32,
        );
        let mut sum = [0.0; 3];
        let mut n = 0.0;
        for y in y0..y1 {
            for x in 0..image.width() {
                let p = image.get_pixel(x, y);
                for c in 0..3 {
                    sum[c] += f64::from(p[c]);
                }
                n += 1.0;
            }
        }
        sum.map(|s| s / n)
    }

    fn close_to(actual: [f64; 3], expected: Rgb<u8>) -> bool {
        actual
            .iter()
            .zip(expected.0)
            .all(|(a, e)| (a - f64::from(e)).abs() < 30.0)
    }

    // ---- orientation ----

    #[test]
    fn sideways_photo_with_exif_orientation_6_comes_out_upright() {
        // Stored sideways: 400×300, red on the left, blue on the right. Orientation 6 means
        // "rotate 90° clockwise to view", which puts the left (red) side on top.
        let stored = halves(400, 300, RED, BLUE);
        let site = Site::new();
        let (outcome, _) = process_one(
            &site,
            "sideways.jpg",
            &with_exif_orientation(&jpeg_of(&stored), 6),
        );
        let set = ready(Some(&outcome));
        for rendition in all_renditions(set) {
            let image = open_rendition(&site, rendition);
            assert!(image.height() > image.width(), "{rendition:?} is portrait");
            assert!(
                close_to(band_mean(&image, 0.0, 0.4), RED),
                "top of {rendition:?} is red"
            );
            assert!(
                close_to(band_mean(&image, 0.6, 1.0), BLUE),
                "bottom of {rendition:?} is blue"
            );
        }
    }

    #[test]
    fn without_exif_the_same_photo_is_left_as_stored() {
        // Control for the test above: ignoring the tag would give a centred crop, red left of
        // blue, so that test cannot pass by accident.
        let site = Site::new();
        let (outcome, _) = process_one(&site, "wide.jpg", &jpeg_of(&halves(400, 300, RED, BLUE)));
        let image = open_rendition(&site, &ready(Some(&outcome)).screen[0]);
        let top = band_mean(&image, 0.0, 0.4);
        assert!(
            !close_to(top, RED) && !close_to(top, BLUE),
            "top mixes both halves"
        );
    }

    #[test]
    fn source_rect_matches_image_apply_orientation_for_all_eight_orientations() {
        let stored = DynamicImage::ImageRgb8(noise(7, 5, 3));
        for exif in 1..=8 {
            let orientation = Orientation::from_exif(exif).expect("valid EXIF value");
            let mut upright = stored.clone();
            upright.apply_orientation(orientation);
            let (uw, uh) = (upright.width(), upright.height());
            let rect = Rect {
                x: 1.0,
                y: 0.0,
                width: f64::from(uw) - 2.0,
                height: f64::from(uh) - 1.0,
            };
            let expected = upright.crop_imm(1, 0, uw - 2, uh - 1).to_rgb8();
            let s = rect_in_source(orientation, uw, uh, rect);
            let mut actual =
                stored.crop_imm(s.x as u32, s.y as u32, s.width as u32, s.height as u32);
            actual.apply_orientation(orientation);
            assert_eq!(actual.to_rgb8(), expected, "EXIF orientation {exif}");
        }
    }

    // ---- crop and sizes ----

    #[test]
    fn tall_photo_is_cropped_to_3_4_keeping_the_top() {
        // 900×2000: the face band (green, top 300 rows) must survive; the crop is 900×1200.
        let tall = RgbImage::from_fn(900, 2000, |_, y| if y < 300 { GREEN } else { GREY });
        let site = Site::new();
        let (outcome, _) = process_one(&site, "tall.png", &png_of(&DynamicImage::ImageRgb8(tall)));
        let set = ready(Some(&outcome));
        let widths: Vec<u32> = set.screen.iter().map(|r| r.width).collect();
        assert_eq!(widths, [240, 480]);
        assert_eq!((set.print.width, set.print.height), (354, 472));
        for rendition in all_renditions(set) {
            assert_eq!(
                rendition.height,
                (rendition.width * 4 + 1) / 3,
                "3:4: {rendition:?}"
            );
            let image = open_rendition(&site, rendition);
            assert_eq!(
                (image.width(), image.height()),
                (rendition.width, rendition.height)
            );
            // Green fills 300/1200 = the top quarter.
            assert!(
                close_to(band_mean(&image, 0.0, 0.2), GREEN),
                "{rendition:?} keeps the top"
            );
            assert!(
                close_to(band_mean(&image, 0.3, 1.0), GREY),
                "{rendition:?} rest is grey"
            );
        }
    }

    #[test]
    fn wide_photo_is_cropped_to_its_centre() {
        // 2000×900 → a centred 675×900 crop; red bars at both edges must be cut away.
        let wide = RgbImage::from_fn(2000, 900, |x, _| {
            if !(300..1700).contains(&x) { RED } else { GREY }
        });
        let site = Site::new();
        let (outcome, _) = process_one(&site, "wide.jpg", &jpeg_of(&wide));
        let set = ready(Some(&outcome));
        for rendition in all_renditions(set) {
            let image = open_rendition(&site, rendition);
            assert!(
                close_to(band_mean(&image, 0.0, 1.0), GREY),
                "{rendition:?} has no red edge"
            );
        }
    }

    #[test]
    fn small_photo_is_never_enlarged() {
        // 200×300: the crop is 200×267, so every rendition is 200 wide and there is one screen size.
        let site = Site::new();
        let (outcome, _) =
            process_one(&site, "small.jpg", &jpeg_of(&halves(200, 300, GREEN, GREY)));
        let set = ready(Some(&outcome));
        assert_eq!(set.screen.len(), 1);
        assert_eq!((set.screen[0].width, set.screen[0].height), (200, 267));
        assert_eq!((set.print.width, set.print.height), (200, 267));
        assert_eq!(
            set.srcset("photos/"),
            format!("photos/{} 200w", set.screen[0].file_name)
        );
    }

    #[test]
    fn tiny_image_is_unusable() {
        let site = Site::new();
        let (outcome, stats) = process_one(
            &site,
            "icon.png",
            &png_of(&DynamicImage::ImageRgb8(noise(80, 80, 1))),
        );
        let text = warning(Some(&outcome));
        assert!(
            text.starts_with("people/icon.png: ") && text.contains("too small"),
            "{text}"
        );
        assert_eq!(stats.unusable, 1);
    }

    #[test]
    fn screen_files_stay_under_the_byte_cap() {
        // Pure noise is the worst case for JPEG: 480×640 at q80 is far above 60 KB, so this
        // only passes if the quality steps down (or the size is dropped).
        let site = Site::new();
        let (outcome, _) = process_one(&site, "noise.jpg", &jpeg_of(&noise(960, 1280, 9)));
        let set = ready(Some(&outcome));
        assert!(!set.screen.is_empty());
        for rendition in &set.screen {
            let on_disk = fs::metadata(site.cache_dir().join(&rendition.file_name))
                .expect("file")
                .len();
            assert_eq!(on_disk, rendition.bytes);
            assert!(rendition.bytes <= 60_000, "{rendition:?}");
        }
        let at_q80 = encode_jpeg(&noise(480, 640, 9), 80, None).expect("encode");
        assert!(
            at_q80.len() > 60_000,
            "the test image must need the step-down"
        );
    }

    #[test]
    fn encoding_gives_up_when_nothing_fits() {
        let pixels = noise(240, 320, 5);
        assert!(
            encode_within(&pixels, 80, None, Some(1_000))
                .expect("encodes")
                .is_none()
        );
        let fitted = encode_within(&pixels, 80, None, None)
            .expect("encodes")
            .expect("no cap");
        assert_eq!((fitted.width, fitted.height), (240, 320));
    }

    #[test]
    fn capped_size_is_3_4_and_never_wider_than_the_crop() {
        assert_eq!(capped_size(240, 3000), (240, 320));
        assert_eq!(capped_size(480, 3000), (480, 640));
        assert_eq!(capped_size(354, 3000), (354, 472));
        assert_eq!(capped_size(480, 150), (150, 200));
        let crop = portrait_crop(3000, 4000);
        assert_eq!(
            (crop.x, crop.y, crop.width, crop.height),
            (0.0, 0.0, 3000.0, 4000.0)
        );
        let crop = portrait_crop(1000, 3000);
        assert_eq!(
            (crop.y, crop.width, crop.height),
            (0.0, 1000.0, 4000.0 / 3.0)
        );
    }

    #[test]
    fn transparent_png_is_flattened_on_white() {
        let clear = DynamicImage::ImageRgba8(RgbaImage::from_pixel(300, 400, Rgba([0, 0, 0, 0])));
        let site = Site::new();
        let (outcome, _) = process_one(&site, "screenshot.png", &png_of(&clear));
        let image = open_rendition(&site, &ready(Some(&outcome)).screen[0]);
        assert!(close_to(band_mean(&image, 0.0, 1.0), Rgb([255, 255, 255])));
    }

    #[test]
    fn grey_and_16_bit_sources_are_read() {
        let grey =
            DynamicImage::ImageLuma8(image::GrayImage::from_pixel(300, 400, image::Luma([128])));
        let deep = DynamicImage::ImageRgb16(image::ImageBuffer::from_pixel(
            300,
            400,
            Rgb([65535u16, 0, 0]),
        ));
        let site = Site::new();
        let (grey_outcome, _) = process_one(&site, "grey.png", &png_of(&grey));
        let (deep_outcome, _) = process_one(&site, "deep.png", &png_of(&deep));
        let grey_image = open_rendition(&site, &ready(Some(&grey_outcome)).screen[0]);
        let deep_image = open_rendition(&site, &ready(Some(&deep_outcome)).screen[0]);
        assert!(close_to(band_mean(&grey_image, 0.0, 1.0), GREY));
        assert!(close_to(band_mean(&deep_image, 0.0, 1.0), Rgb([255, 0, 0])));
    }

    // ---- bad input ----

    #[test]
    fn png_header_claiming_60000_square_is_refused_without_decoding() {
        let site = Site::new();
        let (outcome, stats) = process_one(&site, "bomb.png", &png_claiming(60_000, 60_000));
        let text = warning(Some(&outcome));
        assert!(text.starts_with("people/bomb.png: "), "{text}");
        assert!(
            text.contains("60000×60000"),
            "names the claimed size: {text}"
        );
        assert!(text.contains("re-save it smaller"), "{text}");
        assert_eq!(
            stats,
            ProcessStats {
                processed: 0,
                reused: 0,
                unusable: 1
            }
        );
    }

    #[test]
    fn bomb_within_the_side_limit_is_caught_by_the_allocation_limit() {
        // 16000×16000 RGBA passes the 16384-pixel side limit but needs 1 GB decoded:
        // into_decoder() does not check that, our own reserve() must.
        let site = Site::new();
        let (outcome, _) = process_one(&site, "bomb2.png", &png_claiming(16_000, 16_000));
        let text = warning(Some(&outcome));
        assert!(
            text.contains("16000×16000") && text.contains("re-save it smaller"),
            "{text}"
        );
    }

    #[test]
    fn overlong_side_is_refused_even_when_small_in_bytes() {
        // 20000×100 RGBA is only 8 MB decoded, but wider than any phone photo.
        let site = Site::new();
        let (outcome, _) = process_one(&site, "strip.png", &png_claiming(20_000, 100));
        let text = warning(Some(&outcome));
        assert!(
            text.contains("20000×100") && text.contains("re-save it smaller"),
            "{text}"
        );
    }

    #[test]
    fn truncated_jpeg_is_reported_as_truncated() {
        let full = jpeg_of(&noise(600, 800, 4));
        let site = Site::new();
        let (outcome, _) = process_one(&site, "cut.jpg", &full[..full.len() * 6 / 10]);
        let text = warning(Some(&outcome));
        assert!(
            text.starts_with("people/cut.jpg: ") && text.contains("truncated"),
            "{text}"
        );
    }

    #[test]
    fn truncated_png_is_reported_as_truncated() {
        let full = png_of(&DynamicImage::ImageRgb8(noise(300, 400, 4)));
        let site = Site::new();
        let (outcome, _) = process_one(&site, "cut.png", &full[..full.len() / 2]);
        let text = warning(Some(&outcome));
        assert!(text.contains("truncated"), "{text}");
    }

    #[test]
    fn jpeg_completeness_check_follows_the_marker_structure() {
        let baseline = jpeg_of(&noise(64, 48, 2));
        let mut progressive = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut progressive, 80);
        encoder.set_progressive(true);
        encoder
            .encode(
                noise(64, 48, 2).as_raw(),
                64,
                48,
                jpeg_encoder::ColorType::Rgb,
            )
            .expect("encode");
        for full in [&baseline, &progressive] {
            assert!(jpeg_is_complete(full));
            for cut in [
                2,
                10,
                full.len() / 3,
                full.len() / 2,
                full.len() - 3,
                full.len() - 1,
            ] {
                assert!(
                    !jpeg_is_complete(&full[..cut]),
                    "cut at {cut} of {}",
                    full.len()
                );
            }
            // Data after the end marker (a Motion Photo's video) is not truncation.
            let mut with_trailer = full.clone();
            with_trailer.extend_from_slice(&[0x00, 0x00, 0x00, 0x18, b'f', b't', b'y', b'p']);
            assert!(jpeg_is_complete(&with_trailer));
        }
        assert!(!jpeg_is_complete(b"\xFF\xD8"));
        assert!(!jpeg_is_complete(b"not a jpeg"));
    }

    #[test]
    fn missing_photo_gets_a_warning_and_the_rest_still_build() {
        let site = Site::new();
        let present = site.add("present.jpg", &jpeg_of(&halves(300, 400, RED, BLUE)));
        let missing = (
            site.dir.path().join("people/absent.jpg"),
            "people/absent.jpg".to_string(),
        );
        let (outcomes, stats) = site
            .cache()
            .process_all(&[missing.clone(), present.clone()], false);
        let text = warning(outcomes.get(&missing.0));
        assert!(
            text.starts_with("people/absent.jpg: ") && text.contains("not found"),
            "{text}"
        );
        ready(outcomes.get(&present.0));
        assert_eq!(
            stats,
            ProcessStats {
                processed: 1,
                reused: 0,
                unusable: 1
            }
        );
    }

    #[test]
    fn files_that_are_not_images_are_named_with_advice() {
        let site = Site::new();
        let (text_file, _) = process_one(&site, "notes.jpg", b"hello, this is not a photo");
        assert!(warning(Some(&text_file)).contains("re-save it as JPEG"));
        let (heic, _) = process_one(&site, "iphone.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic");
        assert!(warning(Some(&heic)).contains("HEIC"));
        let (empty, _) = process_one(&site, "empty.jpg", b"");
        assert!(warning(Some(&empty)).contains("empty"));
        let (folder, _) = {
            let path = site.dir.path().join("people/folder.jpg");
            fs::create_dir_all(&path).expect("mkdir");
            let (mut outcomes, stats) = site
                .cache()
                .process_all(&[(path.clone(), "people/folder.jpg".into())], false);
            (outcomes.remove(&path).expect("outcome"), stats)
        };
        assert!(warning(Some(&folder)).contains("not a regular file"));
    }

    // ---- cache ----

    #[test]
    fn second_build_processes_nothing() {
        let site = Site::new();
        let sources = vec![
            site.add("a.jpg", &jpeg_of(&halves(600, 800, RED, BLUE))),
            site.add(
                "b.png",
                &png_of(&DynamicImage::ImageRgb8(halves(300, 400, GREEN, GREY))),
            ),
        ];
        let (first, stats) = site.cache().process_all(&sources, false);
        assert_eq!(
            stats,
            ProcessStats {
                processed: 2,
                reused: 0,
                unusable: 0
            }
        );
        // A new PhotoCache, as in a new build process.
        let (second, stats) = site.cache().process_all(&sources, true);
        assert_eq!(
            stats,
            ProcessStats {
                processed: 0,
                reused: 2,
                unusable: 0
            }
        );
        assert_eq!(first, second);
    }

    #[test]
    fn warm_build_takes_hashes_from_the_index() {
        let site = Site::new();
        let source = site.add("a.jpg", &jpeg_of(&halves(300, 400, RED, BLUE)));
        site.cache()
            .process_all(std::slice::from_ref(&source), false);
        // Poison the index entry: if the warm run trusts it (no re-hash), it looks for a key
        // that has no renditions, renders, and catches the mismatch before storing anything.
        let index_path = site.cache_dir().join(INDEX_FILE);
        let index = fs::read_to_string(&index_path).expect("index written");
        let line = index.lines().nth(1).expect("one entry");
        let (hash, rest) = line.split_once('\t').expect("fields");
        fs::write(
            &index_path,
            index.replace(line, &format!("{}\t{rest}", "0".repeat(hash.len()))),
        )
        .expect("write");
        let (outcomes, _) = site
            .cache()
            .process_all(std::slice::from_ref(&source), false);
        assert!(warning(outcomes.get(&source.0)).contains("changed while"));
        // A changed file no longer matches its stamp, so it is hashed and rendered again.
        fs::write(&source.0, jpeg_of(&halves(300, 400, BLUE, RED))).expect("rewrite");
        let (outcomes, stats) = site
            .cache()
            .process_all(std::slice::from_ref(&source), false);
        ready(outcomes.get(&source.0));
        assert_eq!(stats.processed, 1);
    }

    #[test]
    fn identical_files_share_renditions() {
        let site = Site::new();
        let bytes = jpeg_of(&halves(300, 400, RED, BLUE));
        let sources = vec![
            site.add("one.jpg", &bytes),
            site.add("same-person-again.jpg", &bytes),
        ];
        let (outcomes, stats) = site.cache().process_all(&sources, false);
        assert_eq!(
            ready(outcomes.get(&sources[0].0)),
            ready(outcomes.get(&sources[1].0))
        );
        assert_eq!(
            stats,
            ProcessStats {
                processed: 1,
                reused: 1,
                unusable: 0
            }
        );
    }

    #[test]
    fn changed_settings_make_new_entries() {
        let site = Site::new();
        let source = site.add("a.jpg", &jpeg_of(&halves(600, 800, RED, BLUE)));
        let (before, _) = site
            .cache()
            .process_all(std::slice::from_ref(&source), false);
        let settings = PhotoSettings {
            screen_quality: 70,
            ..PhotoSettings::default()
        };
        let cache = PhotoCache::with_settings(&site.cache_dir(), settings).expect("open");
        let (after, stats) = cache.process_all(std::slice::from_ref(&source), false);
        assert_eq!(stats.processed, 1);
        assert_ne!(
            ready(before.get(&source.0)).print.file_name,
            ready(after.get(&source.0)).print.file_name
        );
    }

    #[test]
    fn a_cache_file_cut_short_is_rendered_again() {
        let site = Site::new();
        let source = site.add("a.jpg", &jpeg_of(&halves(600, 800, RED, BLUE)));
        let (outcomes, _) = site
            .cache()
            .process_all(std::slice::from_ref(&source), false);
        let print = site
            .cache_dir()
            .join(&ready(outcomes.get(&source.0)).print.file_name);
        let bytes = fs::read(&print).expect("print file");
        fs::write(&print, &bytes[..bytes.len() / 2]).expect("cut");
        let (_, stats) = site
            .cache()
            .process_all(std::slice::from_ref(&source), false);
        assert_eq!(stats.processed, 1);
        assert_eq!(fs::read(&print).expect("print file"), bytes);
    }

    #[test]
    fn prune_removes_entries_no_longer_used() {
        let site = Site::new();
        let kept = site.add("kept.jpg", &jpeg_of(&halves(600, 800, RED, BLUE)));
        let dropped = site.add("dropped.jpg", &jpeg_of(&halves(600, 800, GREEN, GREY)));
        let cache = site.cache();
        let (outcomes, _) = cache.process_all(&[kept.clone(), dropped.clone()], false);
        let kept_set = ready(outcomes.get(&kept.0));
        let dropped_set = ready(outcomes.get(&dropped.0));

        let stale_temp = site.cache_dir().join(".tmp-1-0-old.jpg");
        let fresh_temp = site.cache_dir().join(".tmp-1-1-new.jpg");
        let foreign = site.cache_dir().join("README.txt");
        for path in [&stale_temp, &fresh_temp, &foreign] {
            fs::write(path, b"x").expect("write");
        }
        File::options()
            .write(true)
            .open(&stale_temp)
            .and_then(|f| f.set_modified(SystemTime::now() - Duration::from_secs(7200)))
            .expect("age the temp file");

        // The pipeline passes the file names its pages use; one name is enough to keep a key.
        let in_use: HashSet<String> = HashSet::from([kept_set.screen[0].file_name.clone()]);
        let removed = cache.prune(&in_use).expect("prune");
        // 2 screen + 1 print + manifest of the dropped photo, and the stale temp file.
        assert_eq!(removed, 5);
        for r in all_renditions(dropped_set) {
            assert!(
                !site.cache_dir().join(&r.file_name).exists(),
                "{r:?} pruned"
            );
        }
        for r in all_renditions(kept_set) {
            assert!(site.cache_dir().join(&r.file_name).exists(), "{r:?} kept");
        }
        assert!(!stale_temp.exists() && fresh_temp.exists() && foreign.exists());
        assert!(site.cache_dir().join(INDEX_FILE).exists());

        let (_, stats) = cache.process_all(&[kept, dropped], false);
        assert_eq!(
            stats,
            ProcessStats {
                processed: 1,
                reused: 1,
                unusable: 0
            }
        );
    }

    #[test]
    fn publish_links_renditions_and_nothing_else() {
        let site = Site::new();
        let source = site.add("a.jpg", &jpeg_of(&halves(600, 800, RED, BLUE)));
        let cache = site.cache();
        let (outcomes, _) = cache.process_all(std::slice::from_ref(&source), false);
        let set = ready(outcomes.get(&source.0));
        let out = site.dir.path().join("public/photos");
        cache.publish([set], &out).expect("publish");
        cache
            .publish([set, set], &out)
            .expect("publishing again is harmless");
        let mut published: Vec<String> = fs::read_dir(&out)
            .expect("out dir")
            .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
            .collect();
        published.sort();
        let mut expected: Vec<String> = all_renditions(set)
            .iter()
            .map(|r| r.file_name.clone())
            .collect();
        expected.sort();
        assert_eq!(published, expected, "renditions only, no original");
        for r in all_renditions(set) {
            assert_eq!(
                fs::read(out.join(&r.file_name)).expect("published"),
                fs::read(site.cache_dir().join(&r.file_name)).expect("cached")
            );
        }
    }

    #[test]
    fn concurrent_builds_leave_complete_files_only() {
        let site = Site::new();
        let sources: Vec<_> = (0..4)
            .map(|i| site.add(&format!("p{i}.jpg"), &jpeg_of(&noise(300, 400, i + 20))))
            .collect();
        let runs: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2)
                .map(|_| scope.spawn(|| site.cache().process_all(&sources, false)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("no panic"))
                .collect()
        });
        assert_eq!(runs[0].0, runs[1].0);
        for entry in fs::read_dir(site.cache_dir()).expect("cache dir") {
            let name = entry
                .expect("entry")
                .file_name()
                .into_string()
                .expect("utf-8");
            assert!(!name.starts_with(TEMP_PREFIX), "leftover {name}");
        }
        for outcome in runs[0].0.values() {
            let PhotoOutcome::Ready(set) = outcome else {
                panic!("{outcome:?}")
            };
            for r in all_renditions(set) {
                open_rendition(&site, r);
            }
        }
    }

    #[test]
    fn cache_entry_names_are_recognised() {
        assert_eq!(
            entry_key("9f3c1a2b4d5e6f70-240.jpg"),
            Some("9f3c1a2b4d5e6f70")
        );
        assert_eq!(entry_key("9f3c1a2b4d5e6f70.meta"), Some("9f3c1a2b4d5e6f70"));
        assert_eq!(entry_key("index.tsv"), None);
        assert_eq!(entry_key("9F3C1A2B4D5E6F70-240.jpg"), None);
        assert_eq!(entry_key("9f3c1a2b"), None);
        assert_eq!(entry_key("é9f3c1a2b4d5e6f70-240"), None);
    }
}
