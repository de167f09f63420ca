//! Stage 4, write atomically: a build goes into a staging folder beside the output and replaces
//! it only when everything succeeded, so a failed build leaves the previous site as it was.

pub(crate) mod atomic;
mod lock;
mod swap;

pub(crate) use lock::lock;

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

/// Marks a folder as made by noticeboard, so that a build never replaces a folder it did not
/// make (an `--output` pointing at someone's documents must not wipe them).
pub(crate) const MARKER: &str = ".noticeboard-output";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{}", crate::msg!("build-output-foreign", path = .0.display().to_string()))]
    Foreign(PathBuf),
    #[error(
        "{}",
        crate::msg!(
            "build-output-unwritable",
            path = .path.display().to_string(),
            reason = .source.to_string()
        )
    )]
    Io { path: PathBuf, source: io::Error },
    #[error("{}", crate::msg!("build-output-in-sources", output = .output.display().to_string(), folder = .folder.as_str()))]
    InsideSources { output: PathBuf, folder: String },
    #[error("{}", crate::msg!("build-output-holds-site", output = .0.display().to_string()))]
    HoldsSite(PathBuf),
}

/// The site's folders a build reads: an output inside one would be read back as content (or
/// copied as static files) by the next build.
const SOURCE_FOLDERS: [&str; 4] = ["content", "static", "templates", "themes"];

/// Refuses an output folder that is the site folder, holds it, or lies inside one of its
/// sources.
pub(crate) fn check_place(root: &Path, output: &Path) -> Result<(), OutputError> {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|p| normalise(&p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (root, output) = (absolute(root), absolute(output));
    if root.starts_with(&output) {
        return Err(OutputError::HoldsSite(output));
    }
    let inside = |folder: &&&str| output.starts_with(root.join(folder));
    match SOURCE_FOLDERS.iter().find(inside) {
        Some(folder) => Err(OutputError::InsideSources {
            output,
            folder: folder.to_string(),
        }),
        None => Ok(()),
    }
}

/// `path` without `.` and `..` parts (`std::path::absolute` keeps them).
fn normalise(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

pub(crate) struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// Where the output before last is kept, to be reused as the next build's staging folder.
    previous: PathBuf,
    /// Whether the staging folder is an earlier output, which may hold files to remove.
    reused: bool,
    committed: bool,
}

impl Staging {
    /// A staging folder in the same parent as `target` (so the final rename stays on one file
    /// system). The previous build's output is reused when it is there: overwriting files in
    /// place costs far less than deleting a whole site and creating every file again, which
    /// dominated the time of large builds.
    ///
    /// The caller holds the output's `lock`: every staging folder left beside the output is
    /// then a crashed build's, and is removed. An output that is a symbolic link (to a web
    /// server's folder) stays one: the folder it points to is replaced.
    pub(crate) fn new(target: &Path) -> Result<Staging, OutputError> {
        let target = &through_link(target);
        if target.exists() && !is_replaceable(target) {
            return Err(OutputError::Foreign(target.to_path_buf()));
        }
        let parent = parent_of(target);
        let name = name_of(target);
        let io = |source| OutputError::Io {
            path: target.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(&parent).map_err(io)?;
        let previous = parent.join(format!(".{name}.previous"));
        remove_crashed_staging(&parent, &name);
        // A crash between the two renames of a commit (where the output cannot be swapped in
        // one step) leaves the last output only as `.previous`: it is the output again.
        if !target.exists() && previous.join(MARKER).is_file() {
            let _ = std::fs::rename(&previous, target);
        }
        let dir = parent.join(staging_name(&name, std::process::id()));
        let reused = previous.join(MARKER).is_file() && std::fs::rename(&previous, &dir).is_ok();
        if !reused {
            let _ = std::fs::remove_dir_all(&previous);
            std::fs::create_dir(&dir).map_err(io)?;
        }
        std::fs::write(
            dir.join(MARKER),
            b"This folder is made by noticeboard build.\n",
        )
        .map_err(io)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            previous,
            reused,
            committed: false,
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.dir
    }

    /// Puts the staged build in place of the target. `written` lists every file this build
    /// wrote (relative, `/`-separated); anything else left from a reused folder is removed
    /// first. The old output is moved aside, not deleted: the next build reuses it.
    pub(crate) fn commit(mut self, written: &HashSet<String>) -> Result<(), OutputError> {
        let io = |source| OutputError::Io {
            path: self.target.clone(),
            source,
        };
        // A fresh folder holds only what this build wrote: walking a city's 300,000 files to
        // find nothing took seconds.
        if self.reused {
            prune(&self.dir, written).map_err(io)?;
        }
        let _ = std::fs::remove_dir_all(&self.previous);
        swap::put_in_place(&self.dir, &self.target, &self.previous).map_err(io)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    /// A failed build removes its half-written folder: the output itself was never touched,
    /// and a build that failed on a full disk must not leave it full.
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The staging folder's name for the output `name` and a build's process id. The id is
/// written with seven digits (Linux gives at most 4194304), so that every build's staging
/// path has the same length, which `check` measures against the kernel's limit.
fn staging_name(name: &str, pid: u32) -> String {
    format!(".{name}.tmp-{pid:07}")
}

/// The length in bytes of the path of the folder a full build into `target` writes every
/// page in: its staging folder.
pub(crate) fn staging_len(target: &Path) -> usize {
    let target = through_link(target);
    let folder = parent_of(&target).join(staging_name(&name_of(&target), 0));
    folder.as_os_str().len()
}

/// Removes the staging folders (`.<name>.tmp-<pid>`) of builds that were killed.
fn remove_crashed_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let is_staging = entry.file_name().to_string_lossy().starts_with(&prefix);
        if is_staging && entry.path().join(MARKER).is_file() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The folder a build replaces: `target`, or where it points when it is a symbolic link.
fn through_link(target: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return target.to_path_buf();
    }
    match std::fs::read_link(target) {
        Ok(points_to) => parent_of(target).join(points_to),
        Err(_) => target.to_path_buf(),
    }
}

/// The output folder's name, which names its staging, previous and lock files.
fn name_of(target: &Path) -> String {
    target
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned())
}

/// Deletes every file under `dir` not listed in `written` (nor the marker), then every folder
/// left empty. A reused city output holds 120,000 folders: they are walked in parallel, and
/// only a folder with nothing kept in it is asked to go, instead of asking each one and
/// letting the kernel refuse.
fn prune(dir: &Path, written: &HashSet<String>) -> io::Result<()> {
    prune_folder(dir, "", written).map(|_| ())
}

/// Prunes the folder `abs`, whose output-relative path is `rel` (`""` or ending in `/`), and
/// tells whether anything in it was kept.
fn prune_folder(abs: &Path, rel: &str, written: &HashSet<String>) -> io::Result<bool> {
    use rayon::prelude::*;
    let mut kept = false;
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(abs)? {
        let entry = entry?;
        let path = format!("{rel}{}", entry.file_name().to_string_lossy());
        if entry.file_type()?.is_dir() {
            folders.push((entry.path(), path + "/"));
        } else if written.contains(&path) || path == MARKER {
            kept = true;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    let kept_below = folders
        .into_par_iter()
        .map(|(abs, rel)| -> io::Result<bool> {
            let kept = prune_folder(&abs, &rel, written)?;
            if !kept {
                let _ = std::fs::remove_dir(&abs);
            }
            Ok(kept)
        })
        .try_reduce(|| false, |a, b| Ok(a || b))?;
    Ok(kept || kept_below)
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
mod tests;
