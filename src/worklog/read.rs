//! Stage 1 for the work log: find the spreadsheets in `content/visits/` and `content/ledger/`
//! and read them into sheets of cells with their header rows, with the roster reader of
//! `import` (xlsx through calamine, CSV in UTF-8 or GBK). Nothing here knows about units or
//! people; problems of whole files and sheets go to the returned diagnostics.

use super::columns::{LedgerColumn, LogColumn, VisitColumn};
use super::messages;
use crate::content::{CONTENT_DIR, display};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::import::sheet::{self, Layout, Sheet, find_header_with};
use crate::msg;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The folder under `content/` that holds visit logs (reserved: not an area).
pub(crate) const VISITS_DIR: &str = "visits";
/// The folder under `content/` that holds the problem ledger (reserved: not an area).
pub(crate) const LEDGER_DIR: &str = "ledger";

/// Spreadsheet files the import reader understands.
const EXTENSIONS: &[&str] = &["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "xlsb", "ods"];

/// One sheet with a header row.
pub(crate) struct Table<C> {
    /// Site-relative, `/`-separated.
    pub(crate) file: String,
    pub(crate) sheet: Sheet,
    pub(crate) layout: Layout<C>,
}

/// What one of the two folders holds.
pub(crate) struct Folder<C> {
    /// Whether the folder exists: a site keeps the log by making it.
    pub(crate) kept: bool,
    pub(crate) tables: Vec<Table<C>>,
}

impl<C> Default for Folder<C> {
    fn default() -> Self {
        Folder {
            kept: false,
            tables: Vec::new(),
        }
    }
}

/// Both logs as read.
#[derive(Default)]
pub(crate) struct Logs {
    pub(crate) visits: Folder<VisitColumn>,
    pub(crate) ledger: Folder<LedgerColumn>,
    pub(crate) diagnostics: Diagnostics,
}

/// Reads `content/visits/` and `content/ledger/` of the site at `site`.
pub(crate) fn read(site: &Path) -> Logs {
    let found = find(site);
    let mut logs = found.read(site);
    logs.diagnostics.extend(found.diagnostics);
    logs
}

/// The log files of a site, found and not read yet.
pub(crate) struct Found {
    pub(crate) visits: FoundFolder,
    pub(crate) ledger: FoundFolder,
    /// The files that are not spreadsheets, and the folders that could not be read.
    pub(crate) diagnostics: Diagnostics,
}

/// The files found in one of the two folders, in the order they are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FoundFolder {
    /// Whether the folder exists: a site keeps the log by making it.
    pub(crate) kept: bool,
    pub(crate) files: Vec<PathBuf>,
}

/// Finds the log files of the site at `site`.
pub(crate) fn find(site: &Path) -> Found {
    let content = site.join(CONTENT_DIR);
    let mut diagnostics = Diagnostics::default();
    let visits = find_in(site, &content.join(VISITS_DIR), &mut diagnostics);
    let ledger = find_in(site, &content.join(LEDGER_DIR), &mut diagnostics);
    Found {
        visits,
        ledger,
        diagnostics,
    }
}

impl Found {
    /// Reads the files found, on every core; problems of the files go to the logs'
    /// diagnostics (not the finding's).
    pub(crate) fn read(&self, site: &Path) -> Logs {
        let mut diagnostics = Diagnostics::default();
        let (visits, ledger) = rayon::join(
            || read_folder::<VisitColumn>(site, &self.visits),
            || read_folder::<LedgerColumn>(site, &self.ledger),
        );
        let (visits, d) = visits;
        diagnostics.extend(d);
        let (ledger, d) = ledger;
        diagnostics.extend(d);
        Logs {
            visits,
            ledger,
            diagnostics,
        }
    }

    /// Every file found, in both folders.
    pub(crate) fn files(&self) -> impl Iterator<Item = &Path> {
        let files = self.visits.files.iter().chain(&self.ledger.files);
        files.map(PathBuf::as_path)
    }
}

fn find_in(site: &Path, dir: &Path, out: &mut Diagnostics) -> FoundFolder {
    if !dir.is_dir() {
        return FoundFolder::default();
    }
    let mut files: Vec<PathBuf> = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !crate::content::names::is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let known = e.path().extension().is_some_and(|x| {
                    EXTENSIONS.contains(&x.to_string_lossy().to_ascii_lowercase().as_str())
                });
                if known {
                    files.push(e.into_path());
                } else {
                    out.push(
                        Diagnostic::warning(
                            display(site, e.path()),
                            msg!("worklog-not-a-spreadsheet"),
                        )
                        .help(msg!("worklog-not-a-spreadsheet-help")),
                    );
                }
            }
            Ok(_) => {}
            Err(e) => {
                let shown = e
                    .path()
                    .map_or_else(|| display(site, dir), |p| display(site, p));
                out.push(Diagnostic::error(
                    shown,
                    msg!("worklog-unreadable", reason = e.to_string()),
                ));
            }
        }
    }
    FoundFolder { kept: true, files }
}

fn read_folder<C: LogColumn + Send>(site: &Path, found: &FoundFolder) -> (Folder<C>, Diagnostics) {
    let mut out = Diagnostics::default();
    if !found.kept {
        return (Folder::default(), out);
    }
    let read: Vec<(Vec<Table<C>>, Diagnostics)> = found
        .files
        .par_iter()
        .map(|path| read_file::<C>(path, display(site, path)))
        .collect();
    let mut folder = Folder {
        kept: true,
        tables: Vec::new(),
    };
    for (tables, d) in read {
        folder.tables.extend(tables);
        out.extend(d);
    }
    (folder, out)
}

/// Reads one file's sheets that have a header row.
fn read_file<C: LogColumn>(path: &Path, file: String) -> (Vec<Table<C>>, Diagnostics) {
    let mut out = Diagnostics::default();
    let (sheets, notes) = match sheet::read(path, &file) {
        Ok(read) => read,
        Err(sheet::ReadError::MixedEncoding { line, problem, .. }) => {
            out.push(
                Diagnostic::error(&file, problem)
                    .at(Some(line), None)
                    .help(msg!("worklog-mixed-encoding-help")),
            );
            return (Vec::new(), out);
        }
        Err(e) => {
            out.push(Diagnostic::error(
                &file,
                msg!("worklog-unreadable", reason = e.to_string()),
            ));
            return (Vec::new(), out);
        }
    };
    for sheet in &notes.hidden_sheets {
        out.push(
            Diagnostic::warning(&file, msg!("import-hidden-sheet", sheet = sheet))
                .help(msg!("import-hidden-sheet-help")),
        );
    }
    if notes.undecodable {
        let encoding = notes.encoding.unwrap_or("text");
        out.push(
            Diagnostic::warning(&file, msg!("worklog-undecodable", encoding = encoding))
                .help(msg!("worklog-undecodable-help")),
        );
    }
    let mut tables = Vec::new();
    let mut skipped = Vec::new();
    for sheet in sheets {
        match find_header_with(&sheet, C::from_header, C::REQUIRED) {
            Some(layout) => {
                if !layout.unused.is_empty() {
                    let columns = layout.unused_list();
                    let message = match sheet.name.as_deref() {
                        Some(sheet) => msg!(
                            "worklog-unused-columns-sheet",
                            sheet = sheet,
                            columns = &columns
                        ),
                        None => msg!("worklog-unused-columns", columns = &columns),
                    };
                    out.push(
                        Diagnostic::warning(&file, message)
                            .help(msg!("worklog-unused-columns-help")),
                    );
                }
                tables.push(Table {
                    file: file.clone(),
                    sheet,
                    layout,
                });
            }
            None if sheet.rows.iter().any(|r| r.iter().any(|c| !c.is_empty())) => {
                let name = sheet.name.as_deref().unwrap_or("");
                let (message, help) = messages::sheet_without_header::<C>(name);
                skipped.push(Diagnostic::warning(&file, message).help(help));
            }
            None => {}
        }
    }
    // A file none of whose sheets has a header is one error, not a warning a sheet.
    if tables.is_empty() {
        let (message, help) = messages::no_header::<C>();
        out.push(Diagnostic::error(&file, message).help(help));
    } else {
        out.extend(skipped);
    }
    (tables, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_folders_and_says_which_files_it_cannot_use() {
        let site = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = site.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "content/visits/2024.csv",
            "走访记录,,\n日期,单位,人员,备注\n2024-05-01,donghu/a,wang,x\n",
        );
        write("content/visits/notes.md", "# notes\n");
        write("content/visits/~$2024.xlsx", "lock");
        write("content/ledger/bad.csv", "a,b\n1,2\n");
        let logs = read(site.path());
        assert!(logs.visits.kept && logs.ledger.kept);
        assert_eq!(logs.visits.tables.len(), 1);
        let table = &logs.visits.tables[0];
        assert_eq!(table.file, "content/visits/2024.csv");
        assert_eq!(table.layout.header_row, 1);
        assert_eq!(table.layout.index(VisitColumn::People), Some(2));
        let all: Vec<String> = logs.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(all.len(), 3, "{all:#?}");
        assert!(
            all.iter().any(
                |d| d.starts_with("warning: content/visits/2024.csv") && d.contains("备注 (D)")
            )
        );
        assert!(
            all.iter()
                .any(|d| d.starts_with("warning: content/visits/notes.md"))
        );
        assert!(
            all.iter()
                .any(|d| d.starts_with("error: content/ledger/bad.csv")
                    && d.contains("编号, 单位, 登记日期, 状态"))
        );
    }

    #[test]
    fn a_site_without_the_folders_keeps_no_log() {
        let site = tempfile::tempdir().unwrap();
        let logs = read(site.path());
        assert!(!logs.visits.kept && !logs.ledger.kept);
        assert!(logs.diagnostics.is_empty());
    }
}
