//! Stage 4, write atomically: a build goes into a staging folder beside the output and replaces
//! it only when everything succeeded, so a failed build leaves the previous site as it was.

use std::io;
use std::path::{Path, PathBuf};

/// Marks a folder as made by noticeboard, so that a build never replaces a folder it did not
/// make (an `--output` pointing at someone's documents must not wipe them).
pub const MARKER: &str = ".noticeboard-output";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{0} already exists and was not made by noticeboard; refusing to replace it (choose another --output, or empty it first)"
    )]
    Foreign(PathBuf),
    #[error("cannot prepare the output beside {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
}

impl Staging {
    /// A fresh, empty folder in the same parent as `target`, so the final rename stays on one
    /// file system.
    pub fn new(target: &Path) -> Result<Staging, OutputError> {
        if target.exists() && !is_replaceable(target) {
            return Err(OutputError::Foreign(target.to_path_buf()));
        }
        let parent = parent_of(target);
        let io = |source| OutputError::Io {
            path: target.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(&parent).map_err(io)?;
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.tmp-"))
            .tempdir_in(&parent)
            .map_err(io)?;
        std::fs::write(
            dir.path().join(MARKER),
            b"This folder is made by noticeboard build.\n",
        )
        .map_err(io)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Puts the staged build in place of the target. The old output is moved aside first and
    /// only deleted once the new one is in place; on failure it is moved back.
    pub fn commit(self) -> Result<(), OutputError> {
        let io = |source| OutputError::Io {
            path: self.target.clone(),
            source,
        };
        let staged = self.dir.keep();
        let old = if self.target.exists() {
            let aside = parent_of(&self.target).join(format!(
                ".{}.old-{}",
                self.target
                    .file_name()
                    .map_or("public".into(), |n| n.to_string_lossy().into_owned()),
                std::process::id()
            ));
            let _ = std::fs::remove_dir_all(&aside);
            std::fs::rename(&self.target, &aside).map_err(|e| {
                let _ = std::fs::remove_dir_all(&staged);
                io(e)
            })?;
            Some(aside)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(&staged, &self.target) {
            if let Some(aside) = &old {
                let _ = std::fs::rename(aside, &self.target);
            }
            let _ = std::fs::remove_dir_all(&staged);
            return Err(io(e));
        }
        if let Some(aside) = old {
            let _ = std::fs::remove_dir_all(aside);
        }
        Ok(())
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn is_replaceable(target: &Path) -> bool {
    if target.join(MARKER).is_file() {
        return true;
    }
    std::fs::read_dir(target).is_ok_and(|mut entries| entries.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let s = Staging::new(&target).unwrap();
        std::fs::write(s.path().join("a.txt"), "1").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read_to_string(target.join("a.txt")).unwrap(), "1");

        let s = Staging::new(&target).unwrap();
        std::fs::write(s.path().join("a.txt"), "2").unwrap();
        drop(s); // a failed build
        assert_eq!(std::fs::read_to_string(target.join("a.txt")).unwrap(), "1");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging folder must be removed");
    }

    #[test]
    fn refuses_to_replace_a_foreign_folder() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("thesis.doc"), "precious").unwrap();
        assert!(matches!(
            Staging::new(tmp.path()),
            Err(OutputError::Foreign(_))
        ));
    }
}
