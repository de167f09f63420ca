//! Putting a staged build in place of the output in one step. With two renames (the output
//! aside, the new one in) there is a moment when the output does not exist: a web server
//! answers 404 for every page, and a crash then leaves no output at all. Linux exchanges two
//! folders atomically (`renameat2` with `RENAME_EXCHANGE`); elsewhere, or on a file system
//! that cannot, the two renames remain, and `Staging::new` restores an
//! output a crash left aside.

use std::io;
use std::path::Path;

/// Puts `staged` at `target`; the old output, if any, ends up at `previous` (to be reused).
pub(super) fn put_in_place(staged: &Path, target: &Path, previous: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(target).is_err() {
        return std::fs::rename(staged, target);
    }
    if exchange(staged, target).is_ok() {
        // `staged` now holds the old output: kept aside for the next build, or left for the
        // next build's clean-up if even that fails.
        let _ = std::fs::rename(staged, previous);
        return Ok(());
    }
    std::fs::rename(target, previous)?;
    if let Err(e) = std::fs::rename(staged, target) {
        let _ = std::fs::rename(previous, target);
        return Err(e);
    }
    Ok(())
}

/// Swaps two paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes()).map_err(|_| io::Error::other("a NUL in a path"))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_staged_folder_takes_the_outputs_place_and_the_old_one_goes_aside() {
        let tmp = tempfile::tempdir().unwrap();
        let (staged, target, previous) = (
            tmp.path().join(".public.tmp-1"),
            tmp.path().join("public"),
            tmp.path().join(".public.previous"),
        );
        for (folder, text) in [(&staged, "new"), (&target, "old")] {
            std::fs::create_dir(folder).unwrap();
            std::fs::write(folder.join("index.html"), text).unwrap();
        }
        put_in_place(&staged, &target, &previous).unwrap();
        let read = |p: &Path| std::fs::read_to_string(p.join("index.html")).unwrap();
        assert_eq!(read(&target), "new");
        assert_eq!(read(&previous), "old");
        assert!(!staged.exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn linux_swaps_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::write(&a, "a").unwrap();
        std::fs::write(&b, "b").unwrap();
        exchange(&a, &b).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "b");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "a");
    }
}
