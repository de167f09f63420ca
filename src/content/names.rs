//! Which files in a site folder are records, as clerks' computers name them. One policy for
//! every folder the tool reads (content/, the work logs):
//!
//! - hidden files, editor backups, Excel's lock files (`~$名单.xlsx`) and the folders and
//!   files that macOS and Windows add to a zip or a shared folder (`__MACOSX/`, `Thumbs.db`,
//!   `desktop.ini`) are not records;
//! - a copy made by the file manager (`石桥村 - 副本.toml`, `石桥村 - Copy (2).toml`,
//!   `石桥村 副本.toml`, `石桥村 copy.toml`) is not a second village: it is skipped with a warning;
//! - a name is read in Unicode's composed form (NFC): macOS writes `é`-like characters
//!   decomposed, Windows composed, and the same name must give the same web address.

use std::ffi::OsStr;
use unicode_normalization::UnicodeNormalization;

/// Whether a file or folder is the system's, an editor's or Excel's, not the clerk's.
pub(crate) fn is_hidden(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || ["__MACOSX", "Thumbs.db", "desktop.ini"]
            .iter()
            .any(|system| name.eq_ignore_ascii_case(system))
}

/// Whether a file's stem (its name without the extension) is a file manager's copy of another.
pub(crate) fn is_copy(stem: &str) -> bool {
    let stem = without_copy_number(stem.trim_end());
    [
        " - 副本",
        " - Copy",
        " - copy",
        " 副本",
        " copy",
        " Copy",
        "的副本",
    ]
    .iter()
    .any(|mark| stem.ends_with(mark))
}

/// `石桥村 - 副本 (2)` → `石桥村 - 副本`: Windows numbers the second copy and later.
fn without_copy_number(stem: &str) -> &str {
    let Some(open) = stem
        .strip_suffix(')')
        .and_then(|s| s.rfind(" (").map(|i| (s, i)))
    else {
        return stem;
    };
    let (inner, at) = open;
    let number = &inner[at + 2..];
    if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
        &stem[..at]
    } else {
        stem
    }
}

/// A file or folder name as text, in composed form.
pub(crate) fn composed(name: &OsStr) -> String {
    let name = name.to_string_lossy();
    // Nearly every name is composed already, which a quick check tells without rewriting it
    // (a province has 230,000 of them).
    match unicode_normalization::is_nfc_quick(name.chars()) {
        unicode_normalization::IsNormalized::Yes => name.into_owned(),
        _ => name.nfc().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_and_editor_files_are_hidden() {
        for hidden in [
            ".DS_Store",
            "~$名单.xlsx",
            "刘庄村.toml~",
            "__MACOSX",
            "Thumbs.db",
        ] {
            assert!(is_hidden(OsStr::new(hidden)), "{hidden}");
        }
        for record in ["刘庄村.toml", "_index.toml", "people"] {
            assert!(!is_hidden(OsStr::new(record)), "{record}");
        }
    }

    #[test]
    fn file_manager_copies_are_known() {
        for copy in [
            "石桥村 - 副本",
            "石桥村 - 副本 (2)",
            "石桥村 - Copy",
            "石桥村 - Copy (12)",
            "石桥村 副本",
            "石桥村 copy",
            "石桥村的副本",
        ] {
            assert!(is_copy(copy), "{copy}");
        }
        for name in [
            "石桥村",
            "副本村",
            "copyshop",
            "石桥村 (2)",
            "石桥村 - 副本 (二)",
        ] {
            assert!(!is_copy(name), "{name}");
        }
    }

    #[test]
    fn decomposed_and_composed_names_read_the_same() {
        assert_eq!(
            composed(OsStr::new("Cafe\u{301}")),
            composed(OsStr::new("Caf\u{e9}"))
        );
        assert_eq!(composed(OsStr::new("刘庄村")), "刘庄村");
    }
}
