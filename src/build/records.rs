//! The read cache a command-line build leaves for the next one, in
//! `.noticeboard-cache/records/` beside the photo cache: the parsed records of every file under
//! `content/`, so that `build` after an edit parses only the files that changed (a province's
//! 230,000 records take two seconds to read and parse, and a tenth of that to restore).
//!
//! It is written beside the resolve stage, while the records are in memory anyway: only the
//! parts in which a file was read or forgotten. `build --full` removes it.

use crate::content::ReadCache;
use std::path::{Path, PathBuf};

/// Where the cache is kept, relative to the site folder.
const RECORDS_DIR: &str = ".noticeboard-cache/records";

/// The resolved work log's file in it (the records' parts are numbered).
const LOG_FILE: &str = "worklog";

/// The QR codes' file in it.
const CODES_FILE: &str = "qr-codes";

/// The cache the last build of `root` saved, or an empty one.
pub(super) fn restore(root: &Path) -> ReadCache {
    ReadCache::restore(&root.join(RECORDS_DIR), &identity(root))
}

/// Saves `cache` for the next build of `root`: the parts that changed.
fn save(root: &Path, cache: &ReadCache) -> std::io::Result<()> {
    let dir = root.join(RECORDS_DIR);
    let identity = identity(root);
    let mut made = false;
    cache.save(&identity, |name, bytes| {
        if !made {
            // A file in its place (left by an older version, or copied in) goes.
            if dir.is_file() {
                std::fs::remove_file(&dir)?;
            }
            std::fs::create_dir_all(&dir)?;
            made = true;
        }
        crate::output::atomic::write(&dir.join(name), bytes)
    })
}

/// Something saved for the next build on another thread; dropped, it waits until that is
/// saved and what it held freed.
pub(super) struct Saving(Option<std::thread::JoinHandle<()>>);

impl Saving {
    /// Starts saving `cache` for the next build of `root`.
    pub(super) fn start(root: &Path, cache: ReadCache) -> Saving {
        let root = root.to_path_buf();
        // Failing costs the next build its speed, not its correctness.
        Saving::run(move || {
            let _ = save(&root, &cache);
        })
    }

    /// Starts saving the work log `keeping` was made for, `worklog`.
    pub(super) fn log(
        keeping: crate::worklog::Keeping,
        worklog: std::sync::Arc<crate::worklog::Worklog>,
    ) -> Saving {
        Saving::run(move || keeping.save(&worklog))
    }

    fn run(save: impl FnOnce() + Send + 'static) -> Saving {
        Saving(Some(std::thread::spawn(save)))
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            let _ = thread.join();
        }
    }
}

/// The work log's files for a build of `root`, with the resolved log the last build kept
/// beside the records (see `worklog::kept`).
pub(super) fn log_input(root: &Path) -> crate::worklog::Input {
    let place = root.join(RECORDS_DIR).join(LOG_FILE);
    crate::worklog::Input::saved(root, place, identity(root))
}

/// The QR codes the last build of `root` encoded, by URL (none when there are none, or when
/// another program, language or site path saved them).
pub(super) fn restore_codes(root: &Path) -> crate::render::QrCache {
    let bytes = std::fs::read(root.join(RECORDS_DIR).join(CODES_FILE)).unwrap_or_default();
    let codes = postcard::from_bytes::<SavedCodes>(&bytes)
        .ok()
        .filter(|saved| saved.format == CODES_FORMAT && saved.identity == identity(root))
        .map(|saved| saved.codes.into_iter().collect())
        .unwrap_or_default();
    crate::render::QrCache::handed_over(codes)
}

/// Saves the QR codes of this build of `root` for the next, when it encoded any.
pub(super) fn save_codes(root: &Path, cache: crate::render::QrCache) -> std::io::Result<()> {
    if !cache.changed() {
        return Ok(());
    }
    let saved = SavedCodes {
        format: CODES_FORMAT,
        identity: identity(root),
        codes: cache.into_codes().into_iter().collect(),
    };
    let bytes = postcard::to_allocvec(&saved).map_err(std::io::Error::other)?;
    let place = root.join(RECORDS_DIR).join(CODES_FILE);
    std::fs::create_dir_all(root.join(RECORDS_DIR))?;
    crate::output::atomic::write(&place, &bytes)
}

/// The QR codes' file: each code's URL and modules.
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedCodes {
    format: u32,
    identity: String,
    codes: Vec<(String, crate::render::qr::QrCode)>,
}

/// Bumped when the codes' file changes within one version of the program.
const CODES_FORMAT: u32 = 1;

/// Removes the cache, so that the next build reads every file (`build --full`).
pub(super) fn forget(root: &Path) -> Result<(), crate::output::OutputError> {
    let path = root.join(RECORDS_DIR);
    let removed = std::fs::remove_dir_all(&path);
    super::state::gone(path, removed)
}

/// What a saved cache must have been saved by to be trusted: this program (a rebuilt binary
/// may parse differently), in this language (messages found while reading are kept in it),
/// for this site as named (the records hold their paths) and as found from here.
fn identity(root: &Path) -> String {
    let absolute: PathBuf = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    format!(
        "{} {:?} {:?} {:?}",
        super::state::program(),
        crate::messages::language(),
        root,
        absolute
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;

    #[cfg(unix)]
    #[test]
    fn a_build_keeps_its_records_for_the_next_and_full_forgets_them() {
        let site = tempfile::tempdir().unwrap();
        let unit = site.path().join("content/east/a.toml");
        std::fs::create_dir_all(unit.parent().unwrap()).unwrap();
        std::fs::write(&unit, "name = \"甲村\"\n").unwrap();
        // Read long enough after it was written to be trusted next time.
        std::thread::sleep(std::time::Duration::from_millis(2100));

        let build = || {
            let cache = restore(site.path());
            let mut out = Diagnostics::default();
            let content = crate::content::load_with(site.path(), &mut out, Some(&cache));
            // Dropped, the saving is waited for.
            drop(Saving::start(site.path(), cache));
            content.units.len()
        };
        assert_eq!(build(), 1);
        let parts: Vec<PathBuf> = std::fs::read_dir(site.path().join(RECORDS_DIR))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(parts.len(), 1, "one file read, one part written");
        // A part is written anew by renaming a new file over it: a new inode.
        let inode = || std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&parts[0]).unwrap());
        let written = inode();

        // The next build of the same site trusts it: nothing is read, nothing written again.
        assert_eq!(build(), 1);
        assert_eq!(inode(), written);
        std::fs::write(&unit, "name = \"乙村\"\n").unwrap();
        assert_eq!(build(), 1);
        assert_ne!(inode(), written, "an edit writes its part again");

        forget(site.path()).unwrap();
        assert!(!site.path().join(RECORDS_DIR).exists());
        // Forgetting twice is no error.
        forget(site.path()).unwrap();
    }
}
