//! Replacing a file whole: written to a temporary file beside it, then renamed over it, so
//! that readers, concurrent builds and crashes see the old file or the new one, never half of
//! one. Every file noticeboard keeps outside a build's staging folder is written this way: the
//! photo cache, `published.json`, imported records and exported rosters.
//!
//! The temporary file is `.<name>.tmp-<random>` in the same folder (so the rename stays on one
//! file system); a leftover from a crash matches the `*.tmp-*` pattern that site folders
//! ignore, and [`is_leftover`] recognises it. No `fsync`: every such file can be written again,
//! and syncing made a first import of a county roster eight times slower.

use std::fs::File;
use std::io::{self, Write as _};
use std::path::Path;

/// Replaces `path` with `bytes`.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_with(path, |file| file.write_all(bytes))
}

/// A file written whole beside its place, put there by [`Prepared::put_in_place`]: for a file
/// that must change together with something else (`published.json` with the output), so that
/// everything that can fail is done before either changes.
pub(crate) struct Prepared {
    temp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

/// Writes `bytes` for `path` without touching `path` yet; dropped, it leaves nothing.
pub(crate) fn prepare(path: &Path, bytes: &[u8]) -> io::Result<Prepared> {
    let mut temp = temp_beside(path)?;
    temp.as_file_mut().write_all(bytes)?;
    Ok(Prepared {
        temp,
        path: path.to_path_buf(),
    })
}

/// An empty [`Prepared`] file for `path`, to be filled through [`Prepared::file`]: for a file
/// too big to hold in memory whole (a province's people list is tens of megabytes).
pub(crate) fn prepare_empty(path: &Path) -> io::Result<Prepared> {
    prepare(path, b"")
}

impl Prepared {
    /// The temporary file, to write the new bytes into.
    pub(crate) fn file(&mut self) -> &mut File {
        self.temp.as_file_mut()
    }

    /// Renames the written file over its place: one step, which leaves the old file or the new.
    pub(crate) fn put_in_place(self) -> io::Result<()> {
        self.temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }

    /// [`Prepared::put_in_place`], unless the file in place already holds the same bytes: then
    /// it is left alone (its time and inode stay) and the temporary file removed. The two are
    /// compared a block at a time, never read whole.
    pub(crate) fn put_in_place_if_changed(self) -> io::Result<()> {
        if same_bytes(self.temp.path(), &self.path)? {
            return Ok(());
        }
        self.put_in_place()
    }
}

/// Whether the files at `a` and `b` hold the same bytes; a missing `b` holds none.
fn same_bytes(a: &Path, b: &Path) -> io::Result<bool> {
    let (mut a, mut b) = match (File::open(a), File::open(b)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) => return Err(e),
        (_, Err(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        (_, Err(e)) => return Err(e),
    };
    if a.metadata()?.len() != b.metadata()?.len() {
        return Ok(false);
    }
    const BLOCK: usize = 1 << 16;
    let (mut block_a, mut block_b) = (vec![0; BLOCK], vec![0; BLOCK]);
    loop {
        let read = fill(&mut a, &mut block_a)?;
        if read != fill(&mut b, &mut block_b)? || block_a[..read] != block_b[..read] {
            return Ok(false);
        }
        if read < BLOCK {
            return Ok(true);
        }
    }
}

/// Reads into `block` until it is full or the file ends; returns how much was read.
fn fill(file: &mut File, block: &mut [u8]) -> io::Result<usize> {
    use io::Read as _;
    let mut filled = 0;
    while filled < block.len() {
        match file.read(&mut block[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Replaces `to` with a copy of `from`.
pub(crate) fn copy(from: &Path, to: &Path) -> io::Result<()> {
    replace_with(to, |file| {
        io::copy(&mut File::open(from)?, file)?;
        Ok(())
    })
}

/// Whether `name` is a temporary file of [`write`] or [`copy`] (left by a crash, or being
/// written right now).
pub(crate) fn is_leftover(name: &str) -> bool {
    name.starts_with('.') && name.contains(TEMP_INFIX)
}

const TEMP_INFIX: &str = ".tmp-";

/// Writes a temporary file beside `path` with `fill`, then renames it to `path`; on any
/// failure the temporary file is removed and `path` is untouched.
fn replace_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let mut temp = temp_beside(path)?;
    fill(temp.as_file_mut())?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// An empty temporary file in `path`'s folder, named so that it is recognised as a leftover.
fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}{TEMP_INFIX}");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    // One file-mode policy: a replaced file is created like any other (0644 less the umask),
    // not with a temporary file's 0600, which would lock another account out of the site
    // (published.json) or the web server out of a file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("published.json");
        write(&path, b"first").unwrap();
        write(&path, b"second, longer").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
        let source = dir.path().join("photo.jpg");
        std::fs::write(&source, b"jpeg bytes").unwrap();
        let copied = dir.path().join("copy.jpg");
        copy(&source, &copied).unwrap();
        assert_eq!(std::fs::read(&copied).unwrap(), b"jpeg bytes");
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["copy.jpg", "photo.jpg", "published.json"]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.tsv");
        write(&path, b"old").unwrap();
        let failed = replace_with(&path, |file| {
            file.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "disk full");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // A missing source is an error, and leaves nothing behind.
        assert!(copy(&dir.path().join("absent.jpg"), &dir.path().join("x.jpg")).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_prepared_file_changes_nothing_until_put_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("published.json");
        write(&path, b"old").unwrap();
        let prepared = prepare(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        prepared.put_in_place().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        drop(prepare(&path, b"abandoned").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_prepared_file_equal_to_the_one_in_place_leaves_it_alone() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.html");
        // Longer than a comparison block, differing only in the last byte.
        let mut old = vec![b'a'; (1 << 16) + 10];
        write(&path, &old).unwrap();
        let inode = || std::fs::metadata(&path).unwrap().ino();
        let before = inode();
        let mut same = prepare_empty(&path).unwrap();
        same.file().write_all(&old).unwrap();
        same.put_in_place_if_changed().unwrap();
        assert_eq!(inode(), before, "left alone");
        *old.last_mut().unwrap() = b'b';
        let mut changed = prepare_empty(&path).unwrap();
        changed.file().write_all(&old).unwrap();
        changed.put_in_place_if_changed().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), old);
        // A file with no old one is put in place.
        let new = dir.path().join("new.html");
        let mut fresh = prepare_empty(&new).unwrap();
        fresh.file().write_all(b"x").unwrap();
        fresh.put_in_place_if_changed().unwrap();
        assert_eq!(std::fs::read(&new).unwrap(), b"x");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_is_readable_by_others_as_a_new_file_would_be() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("published.json");
        write(&path, b"{}").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o044,
            0o044,
            "group and others can read it: {mode:o}"
        );
    }

    #[test]
    fn leftovers_are_recognised_by_name() {
        assert!(is_leftover(".9f3c1a2b4d5e6f70-240.jpg.tmp-AbC123"));
        assert!(is_leftover(".published.json.tmp-x"));
        assert!(!is_leftover("9f3c1a2b4d5e6f70-240.jpg"));
        assert!(!is_leftover("index.tsv"));
    }
}
