//! `noticeboard import ROSTER --into DIR`: an Excel/CSV roster into the content tree.
//! (Being written: issue 6.)

use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub roster: PathBuf,
    pub into: PathBuf,
    pub dry_run: bool,
    pub prune: bool,
    pub skip_bad: bool,
    pub progress: bool,
}

#[derive(Debug, Default)]
pub struct ImportSummary {
    pub created: Vec<String>,
    pub changed: Vec<String>,
    pub kept: Vec<String>,
    pub removed: Vec<String>,
    pub missing_from_roster: Vec<String>,
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("import is not available yet")]
    NotYet,
}

pub fn import(_options: &ImportOptions) -> Result<ImportSummary, ImportError> {
    Err(ImportError::NotYet)
}
