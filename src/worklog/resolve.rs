//! Stage 2 for the work log: every row's cells given their meaning, its unit and people looked
//! up in the resolved site (through maps built once), its dates checked against the
//! publication date, and every cell checked for anything about a resident. Every bad row is an
//! error with its file, sheet, row and column; one run reports them all.

use super::columns::{
    CATEGORIES, LedgerColumn, LogColumn, Status, VISIT_KINDS, VisitColumn, find_word,
};
use super::lookup::{Consulted, Lookup};
use super::messages;
use super::model::{self, Category, LedgerEntry, RowAt, TableName, Visit, VisitKind, Worklog};
use super::read::{Logs, Table};
use super::rows::{Reader, RowProblems, Rows, empty_cell, read_table, text_of};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::import::cell_text::trim;
use crate::import::sheet::{Cell, Sheet};
use crate::model::Site;
use crate::msg;
use crate::validate::phone::PhoneParser;
use rayon::prelude::*;
use time::Date;

/// Resolves both logs against `site`. Problems go to `out`. Says which names the rows were
/// looked up among.
pub(crate) fn resolve(
    site: &Site,
    logs: Logs,
    phones: &PhoneParser,
    out: &mut Diagnostics,
) -> (Worklog, Consulted) {
    let Logs {
        visits,
        ledger,
        diagnostics,
    } = logs;
    out.extend(diagnostics);
    // Made when a table needs it: a site without a work log need not index every unit and
    // person (0.3–0.4 s of a province's build).
    let made = std::sync::OnceLock::new();
    let lookup = || made.get_or_init(|| Lookup::new(site, phones));
    let names = |list: &[Table<_>]| -> Vec<TableName> { list.iter().map(table_name).collect() };
    let mut tables: Vec<TableName> = names(&visits.tables);
    let first_visit_table = 0;
    let first_ledger_table = tables.len() as u32;
    tables.extend(ledger.tables.iter().map(table_name));

    // Side by side: a county keeps each log in one table, which one thread reads.
    let (read_visits, read_ledger): (Vec<Rows<Visit>>, Vec<Rows<LedgerEntry>>) = rayon::join(
        || {
            visits
                .tables
                .into_par_iter()
                .enumerate()
                .flat_map(|(i, table)| visit_rows(lookup(), table, first_visit_table + i as u32))
                .collect()
        },
        || {
            ledger
                .tables
                .into_par_iter()
                .enumerate()
                .flat_map(|(i, table)| ledger_rows(lookup(), table, first_ledger_table + i as u32))
                .collect()
        },
    );

    let mut people = Vec::new();
    let mut all_visits = Vec::new();
    for rows in read_visits {
        out.extend(rows.diagnostics);
        all_visits.extend(rows.rows.into_iter().map(|mut v| {
            v.people = model::move_people(&rows.people, v.people, &mut people);
            v
        }));
    }
    let mut all_ledger = Vec::new();
    for rows in read_ledger {
        out.extend(rows.diagnostics);
        all_ledger.extend(rows.rows.into_iter().map(|mut e| {
            e.owners = model::move_people(&rows.people, e.owners, &mut people);
            e
        }));
    }
    duplicate_ids(&all_ledger, &tables, out);
    let mut log = Worklog::new(site.units.len(), all_visits, all_ledger, people, tables);
    log.visits_kept = visits.kept;
    log.ledger_kept = ledger.kept;
    (log, made.get().map(Lookup::consulted).unwrap_or_default())
}

fn table_name<C>(table: &Table<C>) -> TableName {
    TableName {
        file: table.file.clone(),
        sheet: table.sheet.name.clone(),
    }
}

/// Ledger ids are unique within the site: a second use is an error naming the first.
fn duplicate_ids(entries: &[LedgerEntry], tables: &[TableName], out: &mut Diagnostics) {
    let mut by_id: Vec<&LedgerEntry> = entries.iter().collect();
    by_id.sort_by(|a, b| (&a.id, a.at.table, a.at.row).cmp(&(&b.id, b.at.table, b.at.row)));
    for pair in by_id.windows(2) {
        let (first, second) = (pair[0], pair[1]);
        if first.id != second.id {
            continue;
        }
        let name = |at: RowAt| &tables[at.table as usize];
        let first_place =
            messages::place(name(first.at).sheet.as_deref(), first.at.row as usize, None);
        let table = name(second.at);
        let place = messages::place(table.sheet.as_deref(), second.at.row as usize, None);
        let (message, help) = (
            msg!(
                "worklog-duplicate-id",
                id = second.id.as_ref(),
                file = &name(first.at).file,
                place = &first_place
            ),
            msg!("worklog-duplicate-id-help"),
        );
        out.push(
            Diagnostic::error(
                &table.file,
                msg!("import-at", place = &place, message = &message),
            )
            .at(Some(second.at.row as usize), None)
            .help(help),
        );
    }
}

/// Moves a cell's text out of the sheet (the sheet is not needed after): a long text's
/// allocation is moved, not copied.
fn take_text(cell: &mut Cell) -> Option<Box<str>> {
    let text: Box<str> = match std::mem::replace(cell, Cell::Empty) {
        Cell::Text(s) => {
            let trimmed = trim(&s);
            if trimmed.len() == s.len() {
                s.into_boxed_str()
            } else {
                trimmed.into()
            }
        }
        Cell::Empty => return None,
        other => other.text().into_boxed_str(),
    };
    (!text.is_empty()).then_some(text)
}

/// Moves the text of `column` out of each of `rows` into `put(i, text)` for the `i`th row,
/// once the rows have been read: the sheet is not needed after.
fn take_texts(
    sheet: &mut Sheet,
    column: Option<usize>,
    rows: &[usize],
    mut put: impl FnMut(usize, Option<Box<str>>),
) {
    let Some(column) = column else { return };
    for (item, &row) in rows.iter().enumerate() {
        if let Some(cell) = sheet.rows[row].get_mut(column) {
            put(item, take_text(cell));
        }
    }
}

fn visit_rows(lookup: &Lookup, mut table: Table<VisitColumn>, index: u32) -> Vec<Rows<Visit>> {
    use VisitColumn as V;
    let mut pieces = read_table(
        lookup,
        &table,
        index,
        &[V::Date],
        V::Unit,
        |r, row, above, people| {
            let mut p = RowProblems::default();
            r.check_formulas(&mut p, row);
            let cells = &r.table().sheet.rows[row];
            let date = r.date(&mut p, row, V::Date, true, true);
            let unit = r.unit(&mut p, row, V::Area, V::Unit, above);
            let who = r.people(&mut p, row, V::People, true, people);
            let kind = visit_kind(&text_of(r.cell(cells, V::Kind)));
            let households = households(r.cell(cells, V::Households)).unwrap_or_else(|problem| {
                r.error(&mut p, row, V::Households, problem);
                None
            });
            r.check_privacy(&mut p, row);
            let (Some(date), Some(unit), Some(who), false) = (date, unit, who, p.errors) else {
                return None;
            };
            Some(Visit {
                date,
                unit,
                kind,
                households,
                people: who,
                topic: None,
            })
        },
    );
    let topic_column = table.layout.index(V::Topic);
    for piece in &mut pieces {
        take_texts(
            &mut table.sheet,
            topic_column,
            &piece.sheet_rows,
            |v, text| piece.rows[v].topic = text,
        );
    }
    // A year of a province's visits takes a tenth of a second to free.
    crate::drop_on_the_side(table);
    pieces
}

fn ledger_rows(
    lookup: &Lookup,
    mut table: Table<LedgerColumn>,
    index: u32,
) -> Vec<Rows<LedgerEntry>> {
    use LedgerColumn as L;
    let dates = [L::Raised, L::Due, L::Closed];
    let mut pieces = read_table(
        lookup,
        &table,
        index,
        &dates,
        L::Unit,
        |r, row, above, people| {
            let mut p = RowProblems::default();
            r.check_formulas(&mut p, row);
            let cells = &r.table().sheet.rows[row];
            let id = text_of(r.cell(cells, L::Id));
            if id.is_empty() {
                r.error(&mut p, row, L::Id, empty_cell(L::Id.header()));
            }
            let unit = r.unit(&mut p, row, L::Area, L::Unit, above);
            let raised = r.date(&mut p, row, L::Raised, true, true);
            let due = r.date(&mut p, row, L::Due, false, false);
            let closed = r.date(&mut p, row, L::Closed, false, true);
            let owners = r.people(&mut p, row, L::Owner, false, people);
            let status = status(r, &mut p, row);
            check_ledger_dates(r, &mut p, row, (raised, due, closed), status);
            let category = category(&text_of(r.cell(cells, L::Category)));
            r.check_privacy(&mut p, row);
            let (Some(unit), Some(raised), Some(owners), Some(status), false) =
                (unit, raised, owners, status, p.errors)
            else {
                return None;
            };
            Some(LedgerEntry {
                id: id.as_ref().into(),
                unit,
                raised,
                category,
                summary: None,
                owners,
                due,
                status,
                closed,
                at: r.at(row),
            })
        },
    );
    let summary_column = table.layout.index(L::Summary);
    for piece in &mut pieces {
        take_texts(
            &mut table.sheet,
            summary_column,
            &piece.sheet_rows,
            |e, text| piece.rows[e].summary = text,
        );
    }
    pieces
}

/// A ledger row's status (状态), required and one of the known words.
fn status(r: &mut Reader<'_, LedgerColumn>, p: &mut RowProblems, row: usize) -> Option<Status> {
    use LedgerColumn as L;
    let cells = &r.table().sheet.rows[row];
    let status_text = text_of(r.cell(cells, L::Status));
    if status_text.is_empty() {
        r.error(p, row, L::Status, empty_cell(L::Status.header()));
        return None;
    }
    Status::parse(&status_text).or_else(|| {
        r.error(p, row, L::Status, messages::unknown_status(&status_text));
        None
    })
}

/// A ledger row's dates against each other and its status: closed before raised is an
/// error; due before raised, or a closing date on an open entry, a warning.
fn check_ledger_dates(
    r: &mut Reader<'_, LedgerColumn>,
    p: &mut RowProblems,
    row: usize,
    (raised, due, closed): (Option<Date>, Option<Date>, Option<Date>),
    status: Option<Status>,
) {
    use LedgerColumn as L;
    if let (Some(raised), Some(closed)) = (raised, closed)
        && closed < raised
    {
        r.error(
            p,
            row,
            L::Closed,
            (
                msg!(
                    "worklog-closed-before-raised",
                    closed = closed.to_string(),
                    raised = raised.to_string()
                ),
                msg!("worklog-check-both-dates"),
            ),
        );
    }
    if let (Some(raised), Some(due)) = (raised, due)
        && due < raised
    {
        let index = r.index(L::Due);
        r.report(
            p,
            row,
            index,
            false,
            (
                msg!(
                    "worklog-due-before-raised",
                    due = due.to_string(),
                    raised = raised.to_string()
                ),
                msg!("worklog-check-both-dates"),
            ),
        );
    }
    if let (Some(status), Some(_)) = (status, closed)
        && status.is_open()
    {
        let index = r.index(L::Closed);
        r.report(
            p,
            row,
            index,
            false,
            (
                msg!(
                    "worklog-closed-but-open",
                    status = status.chinese(),
                    key = status.key()
                ),
                msg!("worklog-closed-but-open-help"),
            ),
        );
    }
}

fn visit_kind(text: &str) -> VisitKind {
    if text.is_empty() {
        return VisitKind::Unstated;
    }
    match find_word(VISIT_KINDS, text, true) {
        Some(i) => VisitKind::Known(i as u8),
        None => VisitKind::Other(text.into()),
    }
}

fn category(text: &str) -> Category {
    if text.is_empty() {
        return Category::Unstated;
    }
    match find_word(CATEGORIES, text, false) {
        Some(i) => Category::Known(i as u8),
        None => Category::Other(text.into()),
    }
}

/// A 户数 cell: a whole number (`5`, `5户`), or empty.
fn households(cell: &Cell) -> Result<Option<u32>, (String, String)> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n <= f64::from(u32::MAX) => {
            Ok(Some(*n as u32))
        }
        Cell::Text(s) => {
            let t = s.trim();
            let digits = t.strip_suffix('户').unwrap_or(t).trim();
            if t.is_empty() {
                return Ok(None);
            }
            digits
                .parse::<u32>()
                .map(Some)
                .map_err(|_| bad_households(t))
        }
        other => Err(bad_households(&other.text())),
    }
}

/// A 户数 cell that is not a number.
fn bad_households(text: &str) -> (String, String) {
    (
        msg!("worklog-bad-households", value = text),
        msg!("worklog-bad-households-help"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn households_are_whole_numbers() {
        assert_eq!(households(&Cell::Number(5.0)), Ok(Some(5)));
        assert_eq!(households(&Cell::Text(" 12户 ".into())), Ok(Some(12)));
        assert_eq!(households(&Cell::Empty), Ok(None));
        assert!(households(&Cell::Number(2.5)).is_err());
        assert!(households(&Cell::Text("若干".into())).is_err());
        assert!(households(&Cell::Number(-1.0)).is_err());
    }

    #[test]
    fn kinds_and_categories_keep_other_words_as_written() {
        assert!(visit_kind("入户走访").is_home());
        assert_eq!(visit_kind("义诊"), VisitKind::Other("义诊".into()));
        assert_eq!(visit_kind(""), VisitKind::Unstated);
        assert_eq!(category("住房").key(), Some("housing"));
        assert_eq!(category("农业生产").text(), "农业生产");
    }

    #[test]
    fn text_is_moved_out_of_a_cell_without_copying() {
        // Long enough to be kept on the heap (see `CellText`).
        let mut cell = Cell::Text("村里的路面年久失修，雨天积水".to_string().into());
        let before = match &cell {
            Cell::Text(s) => s.as_ptr(),
            _ => unreachable!(),
        };
        let taken = take_text(&mut cell).unwrap();
        assert_eq!(&*taken, "村里的路面年久失修，雨天积水");
        assert_eq!(taken.as_ptr(), before);
        assert_eq!(cell, Cell::Empty);
        assert_eq!(take_text(&mut Cell::Text("  ".into())), None);
    }
}
