//! `content/orgs/`: the organizations' own records (派出单位), reserved like `people/`: the
//! walk reads the record files directly inside it and never takes the folder for an area.

use super::display;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::msg;
use std::path::{Path, PathBuf};

/// The reserved folder under `content/`.
pub(crate) const ORGS_DIR: &str = "orgs";

/// Whether a walked entry (by its segments under `content/`) lies in `orgs/`.
pub(super) fn is_inside(segments: &[String]) -> bool {
    segments.first().is_some_and(|s| s == ORGS_DIR)
}

/// What the walk does with an entry inside `orgs/`: the path and segments (`["orgs", stem]`)
/// of a record to read, or nothing. A folder inside it gets a warning, since its files would
/// otherwise be left out without a word.
pub(super) fn record_to_read(
    site: &Path,
    entry: &walkdir::DirEntry,
    segments: &[String],
    out: &mut Diagnostics,
) -> Option<(PathBuf, Vec<String>)> {
    let path = entry.path();
    if entry.file_type().is_dir() {
        if segments.len() > 1 {
            out.push(
                Diagnostic::warning(display(site, path), msg!("campaign-orgs-subfolder"))
                    .help(msg!("campaign-orgs-subfolder-help")),
            );
        }
        return None;
    }
    let extension = path.extension()?.to_string_lossy().to_ascii_lowercase();
    if segments.len() != 2 || !matches!(extension.as_str(), "toml" | "md") {
        return None;
    }
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    Some((path.to_path_buf(), vec![ORGS_DIR.to_string(), stem]))
}
