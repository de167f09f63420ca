//! What a command-line build leaves for the next one, so that `build` after an edit renders
//! only the pages that show what changed, as a `serve` session does between its builds.
//!
//! The state is the last build's fingerprints and reprint list (a [`LastBuild`]), kept in
//! `.noticeboard-cache/builds/` beside the photo cache, one file per output folder. It is
//! trusted only when everything it cannot see is as it was: the same program (version and
//! executable), the same mode, and the same output. Every full build makes the output's
//! marker file anew, so the marker's time says which build the output holds; nothing is
//! added to the output, whose bytes stay those of a full build. The theme, `config.toml` and everything else pages share are in the
//! site fingerprint, so a change there renders everything.
//!
//! A partial build writes into the output in place. The state is removed before it writes
//! and saved again after, so a build stopped half way leaves no state that could describe an
//! output it no longer matches: the next build is then a full one.

use super::BuildMode;
use super::session::LastBuild;
use crate::manifest::Reprint;
use crate::render::Fingerprints;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where the states are kept, relative to the site folder.
const STATE_DIR: &str = ".noticeboard-cache/builds";

/// Bumped when what a state holds, or what its fingerprints cover, changes.
const FORMAT: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Saved {
    format: u32,
    program: String,
    mode: String,
    output: PathBuf,
    marker: String,
    site: u64,
    units: Vec<u64>,
    people: Vec<u64>,
    people_list: u64,
    report: u64,
    reprint: Reprint,
}

/// The last build into `output` in `mode`, when its state is there and still describes the
/// output; else `None`, and the build renders everything.
pub(super) fn load(root: &Path, output: &Path, mode: &BuildMode) -> Option<LastBuild> {
    let bytes = std::fs::read(state_file(root, output)).ok()?;
    let saved: Saved = serde_json::from_slice(&bytes).ok()?;
    let trusted = saved.format == FORMAT
        && saved.program == program()
        && saved.mode == mode_name(mode)
        && saved.output == absolute(output)
        && marker_stamp(output).as_deref() == Some(saved.marker.as_str());
    trusted.then(|| {
        let fingerprints = Fingerprints {
            site: saved.site,
            units: saved.units,
            people: saved.people,
            people_list: saved.people_list,
        };
        LastBuild::restored(
            output.to_path_buf(),
            fingerprints,
            saved.report,
            saved.reprint,
        )
    })
}

/// Removes the state of builds into `output`, before a build changes the output in place
/// (and for `build --full`).
pub(super) fn forget(root: &Path, output: &Path) -> Result<(), crate::output::OutputError> {
    let file = state_file(root, output);
    let removed = std::fs::remove_file(&file);
    gone(file, removed)
}

/// The outcome of removing `path`, which was not there to begin with is no error.
pub(super) fn gone(
    path: PathBuf,
    removed: std::io::Result<()>,
) -> Result<(), crate::output::OutputError> {
    match removed {
        Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
            Err(crate::output::OutputError::Io { path, source })
        }
        _ => Ok(()),
    }
}

/// Records `last` as the state of builds into its output. Failing costs the next build its
/// speed, not its correctness, so the caller may ignore the error.
pub(super) fn save(root: &Path, mode: &BuildMode, last: &LastBuild) -> std::io::Result<()> {
    let output = last.output();
    let marker = marker_stamp(output).ok_or_else(|| std::io::Error::other("no marker"))?;
    let fingerprints = last.fingerprints();
    let saved = Saved {
        format: FORMAT,
        program: program(),
        mode: mode_name(mode),
        output: absolute(output),
        marker,
        site: fingerprints.site,
        units: fingerprints.units.clone(),
        people: fingerprints.people.clone(),
        people_list: fingerprints.people_list,
        report: last.report(),
        reprint: last.reprint().clone(),
    };
    let file = state_file(root, output);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_vec(&saved).map_err(std::io::Error::other)?;
    crate::output::atomic::write(&file, &json)
}

/// The state file of builds into `output`: named by a hash of the output's absolute path, so
/// a site built into several folders keeps one state for each.
fn state_file(root: &Path, output: &Path) -> PathBuf {
    let path = absolute(output);
    let hash = crate::render::fingerprint(&path);
    root.join(STATE_DIR).join(format!("{hash:016x}.json"))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// When the output's marker file was made, and which file it is: a new full build (or a
/// `serve` session's first) makes it anew.
fn marker_stamp(output: &Path) -> Option<String> {
    let meta = std::fs::metadata(output.join(crate::output::MARKER)).ok()?;
    let made = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    #[cfg(unix)]
    let file = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let file = meta.len();
    Some(format!("{made} {file}"))
}

/// This program: its version and its executable's size and time, so that a rebuilt binary,
/// whose pages may differ, never trusts a state an older one saved.
pub(super) fn program() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    let (len, modified) = exe.map_or((0, 0), |m| {
        let modified = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        (m.len(), modified)
    });
    format!("{} {len} {modified}", env!("CARGO_PKG_VERSION"))
}

fn mode_name(mode: &BuildMode) -> String {
    match mode {
        BuildMode::Publish => "publish".to_string(),
        BuildMode::Draft => "draft".to_string(),
        BuildMode::Preview { base_url } => format!("preview {base_url}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn last_build(output: &Path) -> LastBuild {
        let fingerprints = Fingerprints {
            site: 7,
            units: vec![1, 2, 3],
            people: vec![4, 5],
            people_list: 6,
        };
        LastBuild::restored(output.to_path_buf(), fingerprints, 9, Reprint::default())
    }

    /// A site folder with an output folder that has its marker.
    fn site_with_output() -> (tempfile::TempDir, PathBuf) {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        std::fs::create_dir(&output).unwrap();
        std::fs::write(output.join(crate::output::MARKER), "").unwrap();
        (site, output)
    }

    #[test]
    fn a_saved_state_is_trusted_only_for_its_own_output_mode_and_build() {
        let (site, output) = site_with_output();
        assert!(load(site.path(), &output, &BuildMode::Publish).is_none());

        save(site.path(), &BuildMode::Publish, &last_build(&output)).unwrap();
        let restored = load(site.path(), &output, &BuildMode::Publish).unwrap();
        assert_eq!(restored.fingerprints().units, [1, 2, 3]);
        assert_eq!(restored.report(), 9);
        // Another mode, or another output folder, has no state.
        assert!(load(site.path(), &output, &BuildMode::Draft).is_none());
        let other = site.path().join("other");
        std::fs::create_dir(&other).unwrap();
        assert!(load(site.path(), &other, &BuildMode::Publish).is_none());

        // An output another build wrote since (a new marker) is not the one the state shows.
        let marker = output.join(crate::output::MARKER);
        std::fs::remove_file(&marker).unwrap();
        assert!(load(site.path(), &output, &BuildMode::Publish).is_none());
        std::fs::write(&marker, "").unwrap();
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(1);
        let file = std::fs::File::options().write(true).open(&marker).unwrap();
        file.set_modified(later).unwrap();
        assert!(load(site.path(), &output, &BuildMode::Publish).is_none());

        save(site.path(), &BuildMode::Publish, &last_build(&output)).unwrap();
        assert!(load(site.path(), &output, &BuildMode::Publish).is_some());
        forget(site.path(), &output).unwrap();
        assert!(load(site.path(), &output, &BuildMode::Publish).is_none());
        // Forgetting twice is no error.
        forget(site.path(), &output).unwrap();
    }

    #[test]
    fn a_damaged_state_is_not_trusted() {
        let (site, output) = site_with_output();
        save(site.path(), &BuildMode::Draft, &last_build(&output)).unwrap();
        let file = state_file(site.path(), &output);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, &text[..text.len() / 2]).unwrap();
        assert!(load(site.path(), &output, &BuildMode::Draft).is_none());
    }
}
