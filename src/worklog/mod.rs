//! The work log (全过程): the visit log (`content/visits/`) and the problem ledger
//! (`content/ledger/`), spreadsheets that clerks keep, read, audited and published.
//!
//! The module follows the pipeline's stages, each in its own file: [`read`] finds and reads
//! the files (stage 1, beside the content walk), [`resolve()`] turns their rows into the
//! [`model`] kept in `Site::worklog` (stage 2), reading each table in pieces with `rows`, [`audit`] adds its findings to the coverage
//! report, [`text`] prints them for `check`, [`views`] prepares the unit pages' section and the
//! ledger page, and [`xlsx`] writes the audit workbook for `export`. Every message is in
//! [`messages`]; the [`settings`] come from `config.toml`.

pub(crate) mod audit;
pub(crate) mod columns;
mod kept;
mod lookup;
pub(crate) mod messages;
pub(crate) mod model;
mod privacy;
pub(crate) mod read;
mod resolve;
mod rows;
pub(crate) mod settings;
pub(crate) mod text;
pub(crate) mod views;
pub(crate) mod xlsx;

use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::validate::phone::PhoneParser;
pub(crate) use kept::{Input, Keeping};
pub(crate) use model::Worklog;
pub(crate) use read::{LEDGER_DIR, VISITS_DIR, read};
pub(crate) use resolve::resolve;
pub(crate) use settings::Settings;

/// Whether a walk of `content/` at `depth` (1: directly inside it) has found one of the log
/// folders, which are not areas.
pub(crate) fn is_log_folder(depth: usize, name: &std::ffi::OsStr) -> bool {
    depth == 1 && (name == VISITS_DIR || name == LEDGER_DIR)
}

/// Resolves the logs against a site that resolved; when it did not, only the problems found
/// while reading them are reported (the rows cannot be checked without the site). A log
/// resolved afresh comes with its save for the next build, which the caller runs once it is
/// free to (see [`Keeping`]).
pub(crate) fn attach(
    site: Option<Site>,
    logs: Input,
    phones: &PhoneParser,
    out: &mut Diagnostics,
) -> (Option<Site>, Option<Keeping>) {
    match site {
        Some(mut site) => {
            let (worklog, keeping) = logs.resolve(&site, phones, out);
            site.worklog = std::sync::Arc::new(worklog);
            (Some(site), keeping)
        }
        None => {
            out.extend(logs.diagnostics());
            (None, None)
        }
    }
}
