//! One build at a time per output folder. A build reads `published.json`, renders, swaps the
//! output and writes `published.json` again; two builds interleaving those steps could publish
//! a unit the history does not record. The lock is an advisory lock on `.<name>.lock` beside
//! the output, held for the whole build and released by the kernel when the process ends,
//! however it ends: a crashed build never leaves the folder locked.

use super::OutputError;
use std::fs::{File, OpenOptions};
use std::path::Path;

/// Held while a build of one output folder runs.
pub(crate) struct OutputLock {
    _file: File,
}

/// Waits until no other build of `target` runs, then holds the lock until dropped.
pub(crate) fn lock(target: &Path) -> Result<OutputLock, OutputError> {
    let parent = super::parent_of(target);
    let io = |source| OutputError::Io {
        path: target.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(&parent).map_err(io)?;
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(parent.join(format!(".{}.lock", super::name_of(target))))
        .map_err(io)?;
    file.lock().map_err(io)?;
    Ok(OutputLock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_build_of_the_same_output_waits_for_the_first() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let held = lock(&target).unwrap();
        let lock_file = tmp.path().join(".public.lock");
        let other = File::open(&lock_file).unwrap();
        assert!(other.try_lock().is_err(), "the lock is held");
        drop(held);
        assert!(other.try_lock().is_ok(), "and released when the build ends");
        drop(other);
        // Another output folder is not held up.
        let _first = lock(&target).unwrap();
        let _second = lock(&tmp.path().join("preview")).unwrap();
    }
}
