//! Writing a build's files: each written whole, compared with what an earlier output holds so
//! unchanged files are left alone, and listed so the output folder can be cleared of the rest.

use super::RenderError;
use crate::output::atomic::{self, Prepared};
use std::path::Path;

/// Writes a build's files, and lists them so the output folder can be cleared of anything
/// else. A buffered writer keeps the files in memory until [`Writer::finish`], so that a
/// partial rebuild either writes all its pages or none.
pub(super) struct Writer<'a> {
    out: &'a Path,
    written: parking_lot::Mutex<Vec<String>>,
    buffer: Option<parking_lot::Mutex<Vec<PendingFile>>>,
    /// Folders recently made. A unit's folder holds four files; asking the kernel to create
    /// it four times takes its parent folder's lock four times, and the threads writing
    /// beside each other then wait on it. Most folders are written in one go, so the set is
    /// emptied when it grows past [`RECENT_FOLDERS`] rather than keeping a city's 120,000.
    /// Each folder is the output-relative path of a file's parent, as written.
    folders: parking_lot::Mutex<foldhash::HashSet<String>>,
    /// Whether the output folder started empty, so that no file in it can hold old bytes.
    fresh: bool,
    /// Streamed files of a buffered writer, each written beside its place and put there by
    /// [`Writer::finish`]: a province's lists held in memory took a rebuild over 1 GB.
    prepared: parking_lot::Mutex<Vec<(String, Prepared)>>,
}

/// How many folders a [`Writer`] remembers having made.
const RECENT_FOLDERS: usize = 1024;

/// A file's output-relative path and bytes, waiting to be written.
type PendingFile = (String, Vec<u8>);

impl<'a> Writer<'a> {
    pub(super) fn new(out: &'a Path, buffered: bool) -> Self {
        Writer {
            out,
            written: parking_lot::Mutex::new(Vec::new()),
            buffer: buffered.then(Default::default),
            folders: Default::default(),
            fresh: holds_only_the_marker(out),
            prepared: Default::default(),
        }
    }

    pub(super) fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), RenderError> {
        if let Some(buffer) = &self.buffer {
            buffer.lock().push((rel.to_string(), bytes.to_vec()));
            return Ok(());
        }
        self.write_now(rel, bytes)
    }

    /// Writes the file at `rel` as `render` makes it, never holding it whole in memory (a
    /// province's people list is tens of megabytes). Into a new output (a full build) the
    /// bytes go straight to the file as they come; into an earlier one they go to a file
    /// beside it, which replaces it if it differs: at once, or when a buffered writer
    /// finishes.
    pub(super) fn write_streamed(
        &self,
        rel: &str,
        render: impl Fn(&mut dyn std::io::Write) -> Result<(), RenderError>,
    ) -> Result<(), RenderError> {
        let path = self.out.join(rel);
        let io = |source| RenderError::Io {
            path: rel.to_string(),
            source,
        };
        self.make_folder(rel).map_err(io)?;
        if self.buffer.is_some() || !self.fresh {
            let mut prepared = atomic::prepare_empty(&path).map_err(io)?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, prepared.file());
            render(&mut out)?;
            std::io::Write::flush(&mut out).map_err(io)?;
            drop(out);
            if self.buffer.is_some() {
                self.prepared.lock().push((rel.to_string(), prepared));
            } else {
                prepared.put_in_place_if_changed().map_err(io)?;
                self.written.lock().push(rel.to_string());
            }
            return Ok(());
        }
        let opened = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        let file = match opened {
            Ok(file) => file,
            // Written already in this build (as `write_new` allows): compared and replaced.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let mut bytes = Vec::new();
                render(&mut bytes)?;
                return self.write(rel, &bytes);
            }
            Err(e) => return Err(io(e)),
        };
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        render(&mut out)?;
        std::io::Write::flush(&mut out).map_err(io)?;
        self.written.lock().push(rel.to_string());
        Ok(())
    }

    /// Makes the folder the file at `rel` goes in, unless it was made recently. Folders are
    /// known by their output-relative path as a string: hashing a `Path` parses its
    /// components, which for 30,000 files took more time than the rest of writing them
    /// outside the kernel.
    fn make_folder(&self, rel: &str) -> std::io::Result<()> {
        let Some((parent, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        if self.folders.lock().contains(parent) {
            return Ok(());
        }
        std::fs::create_dir_all(self.out.join(parent))?;
        let mut folders = self.folders.lock();
        if folders.len() >= RECENT_FOLDERS {
            folders.clear();
        }
        folders.insert(parent.to_string());
        Ok(())
    }

    fn write_now(&self, rel: &str, bytes: &[u8]) -> Result<(), RenderError> {
        let path = self.out.join(rel);
        let io = |source| RenderError::Io {
            path: rel.to_string(),
            source,
        };
        self.make_folder(rel).map_err(io)?;
        if self.buffer.is_some() {
            // A partial build writes into the published output: each page is replaced whole,
            // so that a reader, or a build stopped half way, never sees half of one.
            replace_if_changed(&path, bytes).map_err(io)?;
        } else if self.fresh {
            write_new(&path, bytes).map_err(io)?;
        } else {
            write_if_changed(&path, bytes).map_err(io)?;
        }
        self.written.lock().push(rel.to_string());
        Ok(())
    }

    /// Writes what was buffered; returns every file written.
    pub(super) fn finish(self) -> Result<Vec<String>, RenderError> {
        if let Some(buffer) = &self.buffer {
            let pending = std::mem::take(&mut *buffer.lock());
            for (rel, bytes) in pending {
                self.write_now(&rel, &bytes)?;
            }
        }
        let prepared = std::mem::take(&mut *self.prepared.lock());
        for (rel, file) in prepared {
            file.put_in_place_if_changed()
                .map_err(|source| RenderError::Io {
                    path: rel.clone(),
                    source,
                })?;
            self.written.lock().push(rel);
        }
        Ok(self.written.into_inner())
    }
}

/// A writer that keeps the first error of the one it wraps: a template engine reports a
/// failed write as its own error, and the build should say which file could not be written.
pub(super) struct KeepsError<'a> {
    inner: &'a mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl<'a> KeepsError<'a> {
    pub(super) fn new(inner: &'a mut dyn std::io::Write) -> Self {
        KeepsError { inner, error: None }
    }

    /// The first write error, if any.
    pub(super) fn error(&mut self) -> Option<std::io::Error> {
        self.error.take()
    }

    fn keep<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result
            && self.error.is_none()
        {
            self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
        result
    }
}

impl std::io::Write for KeepsError<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let result = self.inner.write(bytes);
        self.keep(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.inner.flush();
        self.keep(result)
    }
}

/// Whether `dir` holds nothing but the output marker: a new staging folder.
fn holds_only_the_marker(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .map(|entry| entry.map(|e| e.file_name()))
            .all(|name| name.is_ok_and(|name| name == crate::output::MARKER))
    })
}

/// Writes `bytes` to a file that is expected not to exist yet: one system call fewer per file
/// than [`write_if_changed`], which at city scale is 300,000 calls. Should the file exist after
/// all, it is compared and replaced as usual.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => file.write_all(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => write_if_changed(path, bytes),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to `path` unless the file already holds exactly them. A build reuses an
/// earlier output folder, where most files are unchanged: reading them back costs far less than
/// writing, and a file is never truncated to nothing first, which on ext4 forces a flush of
/// every such file when it is closed.
fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::{Read, Seek, Write};
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    let len = file.metadata()?.len();
    if len == bytes.len() as u64 && len > 0 {
        let mut old = Vec::with_capacity(bytes.len());
        file.read_to_end(&mut old)?;
        if old == bytes {
            return Ok(());
        }
        file.rewind()?;
    }
    file.write_all(bytes)?;
    if len > bytes.len() as u64 {
        file.set_len(bytes.len() as u64)?;
    }
    Ok(())
}

/// Replaces `path` with `bytes` in one step (see [`crate::output::atomic`]) unless it already
/// holds exactly them.
fn replace_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::read(path) {
        Ok(old) if old == bytes => Ok(()),
        _ => crate::output::atomic::write(path, bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_if_changed_leaves_equal_files_alone_and_replaces_others_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        write_if_changed(&path, b"first version").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"first version");

        // Unchanged bytes: the file is not written (its mtime stays).
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_if_changed(&path, b"first version").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), old);

        // Same length, other bytes; then shorter; then longer; then empty.
        for next in [
            &b"other version"[..],
            b"short",
            b"a much longer version",
            b"",
        ] {
            write_if_changed(&path, next).unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), next);
        }
    }

    /// A partial build writes into the published folder: a changed page is a new file renamed
    /// over the old one (a reader holding the old one keeps reading it whole), an unchanged one
    /// is left alone.
    #[cfg(unix)]
    #[test]
    fn a_buffered_writer_replaces_each_changed_page_whole_and_leaves_the_rest() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        let (changed, same) = (
            dir.path().join("a/changed.html"),
            dir.path().join("a/same.html"),
        );
        std::fs::write(&changed, "old page").unwrap();
        std::fs::write(&same, "same page").unwrap();
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let (changed_before, same_before) = (inode(&changed), inode(&same));
        let held = std::fs::File::open(&changed).unwrap();

        let writer = Writer::new(dir.path(), true);
        writer.write("a/changed.html", b"new page").unwrap();
        writer.write("a/same.html", b"same page").unwrap();
        assert_eq!(
            std::fs::read(&changed).unwrap(),
            b"old page",
            "nothing before finish"
        );
        writer.finish().unwrap();

        assert_eq!(std::fs::read(&changed).unwrap(), b"new page");
        assert_ne!(inode(&changed), changed_before, "replaced by a rename");
        assert_eq!(inode(&same), same_before, "left alone");
        let mut old = String::new();
        std::io::Read::read_to_string(&mut &held, &mut old).unwrap();
        assert_eq!(old, "old page", "a reader of the old page reads it whole");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    }

    #[test]
    fn a_writer_knows_a_new_folder_and_still_replaces_a_file_found_there() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(crate::output::MARKER), "").unwrap();
        let writer = Writer::new(dir.path(), false);
        assert!(writer.fresh);
        writer.write("a/b/page.html", b"new page").unwrap();
        // A file that exists after all (written twice in one build) ends up exact.
        writer.write("a/b/page.html", b"short").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("a/b/page.html")).unwrap(),
            b"short"
        );
        assert_eq!(writer.finish().unwrap(), ["a/b/page.html", "a/b/page.html"]);
        // A folder with anything else in it is an earlier output: files are compared.
        assert!(!Writer::new(dir.path(), false).fresh);
    }

    /// A big page goes straight to its file in a new output, and through a file beside it
    /// elsewhere; a failed write names the file.
    #[test]
    fn a_streamed_page_is_the_same_file_in_a_new_output_and_an_old_one() {
        use std::io::Write;
        let page = |out: &mut dyn Write| {
            out.write_all("<ul>".as_bytes())
                .and_then(|()| out.write_all("<li>王兴</li></ul>".as_bytes()))
                .map_err(|source| RenderError::Io {
                    path: "people/index.html".into(),
                    source,
                })
        };
        let new = tempfile::tempdir().unwrap();
        let writer = Writer::new(new.path(), false);
        writer.write_streamed("people/index.html", page).unwrap();
        assert_eq!(writer.finish().unwrap(), ["people/index.html"]);
        let written = std::fs::read(new.path().join("people/index.html")).unwrap();
        assert_eq!(written, "<ul><li>王兴</li></ul>".as_bytes());

        // A file this build already wrote at the same place is replaced, not an error.
        let again = tempfile::tempdir().unwrap();
        let writer = Writer::new(again.path(), false);
        writer.write("people/index.html", b"static").unwrap();
        writer.write_streamed("people/index.html", page).unwrap();
        let replaced = std::fs::read(again.path().join("people/index.html")).unwrap();
        assert_eq!(replaced, "<ul><li>王兴</li></ul>".as_bytes());

        // An output holding other files compares, and leaves an equal file alone.
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        let path = new.path().join("people/index.html");
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(old).unwrap();
        let writer = Writer::new(new.path(), false);
        writer.write_streamed("people/index.html", page).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), old);

        // A buffered writer (a rebuild) changes the page only when it finishes; dropped (a
        // failed rebuild), it leaves the page and no temporary file.
        let other = |out: &mut dyn Write| {
            out.write_all(b"<ul></ul>")
                .map_err(|source| RenderError::Io {
                    path: "people/index.html".into(),
                    source,
                })
        };
        let writer = Writer::new(new.path(), true);
        writer.write_streamed("people/index.html", other).unwrap();
        drop(writer);
        let in_folder = || {
            std::fs::read_dir(new.path().join("people"))
                .unwrap()
                .count()
        };
        assert_eq!(in_folder(), 1, "no temporary file left");
        let writer = Writer::new(new.path(), true);
        writer.write_streamed("people/index.html", other).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            "<ul><li>王兴</li></ul>".as_bytes()
        );
        assert_eq!(writer.finish().unwrap(), ["people/index.html"]);
        assert_eq!(std::fs::read(&path).unwrap(), b"<ul></ul>");
        assert_eq!(in_folder(), 1);

        // A write that fails is kept for the message, not lost in the template's error.
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "disk full",
                ))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut full = Full;
        let mut kept = KeepsError::new(&mut full);
        assert!(kept.write_all(b"x").is_err());
        assert_eq!(
            kept.error().unwrap().kind(),
            std::io::ErrorKind::StorageFull
        );
    }
}
