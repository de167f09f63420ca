//! `noticeboard export`: the site back out as a roster (`.xlsx`, `.csv`) that a clerk can edit
//! and import again, or as Popolo JSON for open-data reuse.
//!
//! The roster holds every field import owns, under the spec's Chinese headers, so importing an
//! export into the same site changes nothing.

mod popolo;
mod roster;

use crate::model::Site;
use crate::output::atomic;
use std::path::Path;

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The roster as an Excel workbook, importable again.
    Xlsx,
    /// The roster as UTF-8 CSV, importable again.
    Csv,
    /// Popolo JSON: persons, organizations, memberships and areas, for open data.
    Popolo,
    /// The audit (coverage gaps and the work log's findings) as a workbook.
    AuditXlsx,
}

/// Why an export wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}", crate::msg!("export-unwritable", path = .path, reason = .source.to_string()))]
    /// The file could not be written.
    Io {
        /// The file, as given.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    #[error("{}", crate::msg!("export-bad-xlsx", path = .path, reason = .message))]
    /// The workbook could not be made.
    Xlsx {
        /// The file, as given.
        path: String,
        /// Why.
        message: String,
    },
    #[error("{}", crate::msg!("export-bad-csv", path = .path, reason = .message))]
    /// The CSV could not be made.
    Csv {
        /// The file, as given.
        path: String,
        /// Why.
        message: String,
    },
    #[error("{}", crate::msg!("export-bad-json", path = .path, reason = .message))]
    /// The JSON could not be made.
    Json {
        /// The file, as given.
        path: String,
        /// Why.
        message: String,
    },
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Roster rows (one per assignment, and one per unit without a team); for Popolo, the
    /// memberships.
    pub rows: usize,
    /// Units exported.
    pub units: usize,
    /// People exported.
    pub people: usize,
}

/// Writes `site` to `output` in `format`, replacing the file only once it is complete.
pub fn export(
    site: &Site,
    format: ExportFormat,
    output: &Path,
) -> Result<ExportSummary, ExportError> {
    let shown = output.display().to_string();
    // Photo paths in a roster are written relative to the roster, where import looks for them.
    let roster_dir = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (bytes, rows) = match format {
        ExportFormat::Xlsx | ExportFormat::Csv => {
            let rows = roster::rows(site, roster_dir);
            let bytes = if format == ExportFormat::Xlsx {
                roster::xlsx(&rows).map_err(|e| ExportError::Xlsx {
                    path: shown.clone(),
                    message: e.to_string(),
                })?
            } else {
                roster::csv(&rows).map_err(|e| ExportError::Csv {
                    path: shown.clone(),
                    message: e.to_string(),
                })?
            };
            (bytes, rows.len())
        }
        ExportFormat::Popolo => {
            let document = popolo::document(site);
            let memberships = document.memberships.len();
            let mut bytes =
                serde_json::to_vec_pretty(&document).map_err(|e| ExportError::Json {
                    path: shown.clone(),
                    message: e.to_string(),
                })?;
            bytes.push(b'\n');
            (bytes, memberships)
        }
        ExportFormat::AuditXlsx => {
            let report = crate::coverage::audit(site);
            crate::worklog::xlsx::workbook(&report, site.config.language).map_err(|e| {
                ExportError::Xlsx {
                    path: shown.clone(),
                    message: e.to_string(),
                }
            })?
        }
    };
    // The folder may be new: `-o exports/2024/roster.xlsx`.
    let folder = output.parent().filter(|p| !p.as_os_str().is_empty());
    folder
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| atomic::write(output, &bytes))
        .map_err(|source| ExportError::Io {
            path: shown,
            source,
        })?;
    Ok(ExportSummary {
        rows,
        units: site.units.len(),
        people: site.people.len(),
    })
}
