//! The theme: templates, static files and UI strings, layered as in Zola. The default theme is
//! compiled into the binary; a site's `themes/<name>/` overrides it file by file, and the site's
//! own `templates/` overrides any template by name.

use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub(crate) const DEFAULT_NAME: &str = "default";

/// A file of the theme, from the binary or from disk.
#[derive(Debug, Clone)]
pub(crate) struct ThemeFile {
    /// Where it came from, for error messages: `themes/default/templates/unit.html`.
    pub origin: String,
    pub bytes: Vec<u8>,
    /// One of the built-in theme's own files, not the site's.
    pub built_in: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Theme {
    /// Template name (`unit.html`, `partials/member.html`) → source.
    pub templates: BTreeMap<String, ThemeFile>,
    /// Output-relative path → file, copied as is.
    pub static_files: BTreeMap<String, ThemeFile>,
    /// `strings.toml`, one table per language: the built-in one first, then the theme's,
    /// which overrides it key by key.
    pub strings: Vec<ThemeFile>,
}

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("{}", crate::msg!("build-theme-missing", theme = .0))]
    Missing(String),
    #[error("{}", crate::msg!("build-theme-unreadable", path = .path, reason = .source.to_string()))]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl Theme {
    /// Layers: built-in default → `<site>/themes/<name>/` → `<site>/templates/` and `<site>/static/`.
    pub(crate) fn load(site: &Path, name: &str) -> Result<Theme, ThemeError> {
        let mut theme = Theme::default();
        theme.add_embedded(&DEFAULT_THEME);
        let on_disk = site.join("themes").join(name);
        if on_disk.is_dir() {
            theme.add_dir(site, &on_disk.join("templates"), Layer::Templates)?;
            theme.add_dir(site, &on_disk.join("static"), Layer::Static)?;
            let strings = on_disk.join("strings.toml");
            if strings.is_file() {
                theme.strings.push(read(site, &strings)?);
            }
        } else if name != DEFAULT_NAME {
            return Err(ThemeError::Missing(name.to_string()));
        }
        theme.add_dir(site, &site.join("templates"), Layer::Templates)?;
        theme.add_dir(site, &site.join("static"), Layer::Static)?;
        Ok(theme)
    }

    /// Whether `file` is one of the built-in theme's own files (not the site's).
    pub(crate) fn is_built_in(&self, file: &ThemeFile) -> bool {
        file.built_in
    }

    fn add_embedded(&mut self, dir: &Dir<'_>) {
        for entry in dir.entries() {
            if let Some(sub) = entry.as_dir() {
                self.add_embedded(sub);
            } else if let Some(file) = entry.as_file() {
                let path = file.path().to_string_lossy().replace('\\', "/");
                let tf = ThemeFile {
                    origin: crate::msg!("build-builtin-theme-file", path = &path),
                    bytes: file.contents().to_vec(),
                    built_in: true,
                };
                if let Some(name) = path.strip_prefix("templates/") {
                    self.templates.insert(name.to_string(), tf);
                } else if let Some(name) = path.strip_prefix("static/") {
                    self.static_files.insert(name.to_string(), tf);
                } else if path == "strings.toml" {
                    self.strings.push(tf);
                }
            }
        }
    }

    fn add_dir(&mut self, site: &Path, dir: &Path, layer: Layer) -> Result<(), ThemeError> {
        if !dir.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| ThemeError::Io {
                path: crate::content::display(site, dir),
                source: e.into(),
            })?;
            if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.')
            {
                continue;
            }
            let rel: PathBuf = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_path_buf();
            let name = rel.to_string_lossy().replace('\\', "/");
            let file = read(site, entry.path())?;
            match layer {
                Layer::Templates => self.templates.insert(name, file),
                Layer::Static => self.static_files.insert(name, file),
            };
        }
        Ok(())
    }
}

enum Layer {
    Templates,
    Static,
}

fn read(site: &Path, path: &Path) -> Result<ThemeFile, ThemeError> {
    let origin = crate::content::display(site, path);
    let bytes = std::fs::read(path).map_err(|source| ThemeError::Io {
        path: origin.clone(),
        source,
    })?;
    Ok(ThemeFile {
        origin,
        bytes,
        built_in: false,
    })
}
