//! `noticeboard export`: the site back out as a roster (xlsx/csv) or as Popolo JSON.
//! (Being written: issue 6.)

use crate::model::Site;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
    Popolo,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("export is not available yet")]
    NotYet,
}

pub fn export(_site: &Site, _format: ExportFormat, _output: &Path) -> Result<(), ExportError> {
    Err(ExportError::NotYet)
}
