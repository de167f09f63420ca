//! `noticeboard init DIR`: writes the example site that ships in this repository (config.toml
//! and content/), so a new user starts from something that builds and shows every feature.

use include_dir::{Dir, include_dir};
use std::path::Path;

static EXAMPLE_CONTENT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/content");
static EXAMPLE_CONFIG: &str = include_str!("../config.toml");

/// Why `init` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{}", crate::msg!("cli-init-not-empty", dir = .0))]
    /// The folder, which already holds files.
    NotEmpty(String),
    #[error("{}", crate::msg!("cli-init-unwritable", path = .path, reason = .source.to_string()))]
    /// A file could not be written.
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// Writes the example site into `dir`, which must not already hold a site.
pub fn init(dir: &Path) -> Result<usize, InitError> {
    if dir.join("config.toml").exists() || dir.join("content").exists() {
        return Err(InitError::NotEmpty(dir.display().to_string()));
    }
    let io = |path: &Path| {
        let shown = path.display().to_string();
        move |source| InitError::Io {
            path: shown,
            source,
        }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let config_path = dir.join("config.toml");
    // Dated as a build without `date` would be: today (or SOURCE_DATE_EPOCH).
    let today = crate::build::publication_date(None);
    std::fs::write(&config_path, starter_config(today)).map_err(io(&config_path))?;
    let mut written = 1;
    write_dir(&EXAMPLE_CONTENT, &dir.join("content"), &mut written)?;
    Ok(written)
}

fn write_dir(source: &Dir<'_>, target: &Path, written: &mut usize) -> Result<(), InitError> {
    for file in source.files() {
        let path = target.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| InitError::Io {
                path: parent.display().to_string(),
                source: e,
            })?;
        }
        std::fs::write(&path, file.contents()).map_err(|e| InitError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        *written += 1;
    }
    for sub in source.dirs() {
        write_dir(sub, target, written)?;
    }
    Ok(())
}

/// The example's config.toml with `date` set to `date`: boards print the publication date,
/// and a date left from the example would make every new board look months old.
fn starter_config(date: time::Date) -> String {
    EXAMPLE_CONFIG
        .lines()
        .map(|line| {
            if line.starts_with("date = ") {
                format!("date = {date}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_config_is_dated_the_day_it_is_written() {
        let day = time::macros::date!(2031 - 07 - 15);
        let config = starter_config(day);
        assert!(config.contains("\ndate = 2031-07-15\n"), "{config}");
        assert_eq!(config.matches("date = ").count(), 1);
        assert!(
            EXAMPLE_CONFIG.contains("\ndate = "),
            "the example config has a date line to replace"
        );
    }
}
