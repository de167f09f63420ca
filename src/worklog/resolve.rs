//! Stage 2 for the work log: every row's cells given their meaning, its unit and people looked
//! up in the resolved site (through maps built once), its dates checked against the
//! publication date, and every cell checked for anything about a resident. Every bad row is an
//! error with its file, sheet, row and column; one run reports them all.

use super::columns::{
    CATEGORIES, LedgerColumn, LogColumn, Status, VISIT_KINDS, VisitColumn, find_word,
};
use super::lookup::Lookup;
use super::messages;
use super::model::{self, Category, LedgerEntry, RowAt, TableName, Visit, VisitKind, Worklog};
use super::privacy::{self, Finding};
use super::read::{Logs, Table};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::import::columns::letter;
use crate::import::rows::date_cell;
use crate::import::sheet::{Cell, Sheet};
use crate::model::{Site, UnitIndex};
use crate::msg;
use crate::validate::phone::PhoneParser;
use rayon::prelude::*;
use std::borrow::Cow;
use time::Date;

/// Suggestions ("did you mean") compare a name with every unit or person; past this many bad
/// names in one table they are left out, so a wrong file cannot take minutes.
const MAX_SUGGESTIONS: usize = 50;

/// Resolves both logs against `site`. Problems go to `out`.
pub(crate) fn resolve(
    site: &Site,
    logs: Logs,
    phones: &PhoneParser,
    out: &mut Diagnostics,
) -> Worklog {
    let Logs {
        visits,
        ledger,
        diagnostics,
    } = logs;
    out.extend(diagnostics);
    // Made when a table needs it: a site without a work log need not index every unit and
    // person (0.3–0.4 s of a province's build).
    let lookup = std::sync::OnceLock::new();
    let lookup = || lookup.get_or_init(|| Lookup::new(site, phones));
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
                .map(|(i, table)| visit_rows(lookup(), table, first_visit_table + i as u32))
                .collect()
        },
        || {
            ledger
                .tables
                .into_par_iter()
                .enumerate()
                .map(|(i, table)| ledger_rows(lookup(), table, first_ledger_table + i as u32))
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
    log
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

/// A cell's text, borrowed when it is text.
fn text_of(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Text(s) => Cow::Borrowed(s.trim()),
        Cell::Empty => Cow::Borrowed(""),
        other => Cow::Owned(other.text()),
    }
}

/// Moves a cell's text out of the sheet (the sheet is not needed after): no copy for text.
fn take_text(cell: &mut Cell) -> Option<Box<str>> {
    let text = match std::mem::replace(cell, Cell::Empty) {
        Cell::Text(s) => {
            let trimmed = s.trim();
            if trimmed.len() == s.len() {
                s
            } else {
                trimmed.to_string()
            }
        }
        Cell::Empty => return None,
        other => other.text(),
    };
    (!text.is_empty()).then(|| text.into_boxed_str())
}

/// Moves the text of `column` out of each of `rows` (`(item, row)`) into `put(item, text)`,
/// once the rows have been read: the sheet is not needed after.
fn take_texts(
    sheet: &mut Sheet,
    column: Option<usize>,
    rows: Vec<(usize, usize)>,
    mut put: impl FnMut(usize, Option<Box<str>>),
) {
    let Some(column) = column else { return };
    for (item, row) in rows {
        if let Some(cell) = sheet.rows[row].get_mut(column) {
            put(item, take_text(cell));
        }
    }
}

/// One table's rows, with its own list of people (merged by [`resolve`]).
struct Rows<T> {
    rows: Vec<T>,
    people: Vec<u32>,
    diagnostics: Diagnostics,
}

/// Reads one table: what every row of a log shares (the place of each problem, the checks
/// on every cell, the unit column with its fill-down) around `read_row`.
struct Reader<'a, C: LogColumn> {
    lookup: &'a Lookup<'a>,
    table: &'a Table<C>,
    table_index: u32,
    /// The header of each column, by index, for messages.
    headers: Vec<Option<String>>,
    diagnostics: Diagnostics,
    /// How many "did you mean" suggestions were made.
    suggested: usize,
    /// The date columns' indexes: the privacy check leaves them to the date check.
    dates: Vec<usize>,
    /// Buffers kept from row to row.
    found: Vec<Finding>,
    people: Vec<usize>,
}

/// The problems of one row; the row is left out when it has any error.
#[derive(Default)]
struct RowProblems {
    errors: bool,
    /// Whether the row's formulas without a value were reported: each is then not reported
    /// again as the empty cell it reads as.
    formulas: bool,
}

impl<'a, C: LogColumn> Reader<'a, C> {
    fn new(lookup: &'a Lookup<'a>, table: &'a Table<C>, table_index: u32, dates: &[C]) -> Self {
        let width = table.sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut headers = vec![None; width];
        for (_, i, h) in &table.layout.columns {
            headers[*i] = Some(h.clone());
        }
        for (h, i) in &table.layout.unused {
            headers[*i] = Some(h.clone());
        }
        Reader {
            lookup,
            table,
            table_index,
            headers,
            diagnostics: Diagnostics::default(),
            suggested: 0,
            dates: dates
                .iter()
                .filter_map(|&c| table.layout.index(c))
                .collect(),
            found: Vec::new(),
            people: Vec::new(),
        }
    }

    fn cell<'r>(&self, row: &'r [Cell], column: C) -> &'r Cell {
        self.table
            .layout
            .index(column)
            .and_then(|i| row.get(i))
            .unwrap_or(&Cell::Empty)
    }

    fn index(&self, column: C) -> Option<usize> {
        self.table.layout.index(column)
    }

    /// A diagnostic at row `row` (0-based) and column `index`.
    fn report(
        &mut self,
        problems: &mut RowProblems,
        row: usize,
        index: Option<usize>,
        error: bool,
        (message, help): (impl Into<String>, impl Into<String>),
    ) {
        let cell = index.and_then(|i| self.table.sheet.rows[row].get(i));
        if problems.formulas && matches!(cell, Some(Cell::Formula(_))) {
            return;
        }
        let header = index.map(|i| {
            let h = self.headers.get(i).cloned().flatten().unwrap_or_default();
            (h, letter(i))
        });
        let place = messages::place(
            self.table.sheet.name.as_deref(),
            row + 1,
            header.as_ref().map(|(h, l)| (h.as_str(), l.as_str())),
        );
        let file = &self.table.file;
        let message = msg!("import-at", place = &place, message = message.into());
        let d = if error {
            problems.errors = true;
            Diagnostic::error(file, message)
        } else {
            Diagnostic::warning(file, message)
        };
        self.diagnostics
            .push(d.at(Some(row + 1), index.map(|i| i + 1)).help(help));
    }

    fn error(
        &mut self,
        problems: &mut RowProblems,
        row: usize,
        column: C,
        problem: (impl Into<String>, impl Into<String>),
    ) {
        let index = self.index(column);
        self.report(problems, row, index, true, problem);
    }

    /// Every cell of the row, checked for formulas without their value, ID numbers and private
    /// phone numbers. Date columns are left to the date check (a number there is no date).
    fn check_cells(&mut self, problems: &mut RowProblems, row: usize) {
        let table = self.table;
        let cells = &table.sheet.rows[row];
        for (i, cell) in cells.iter().enumerate() {
            if let Some(formula) = cell.formula_without_value() {
                let problem = (
                    msg!("worklog-formula-without-value", formula = formula),
                    msg!("worklog-formula-without-value-help"),
                );
                self.report(problems, row, Some(i), true, problem);
            }
        }
        problems.formulas = true;
        let mut found = std::mem::take(&mut self.found);
        for (i, cell) in cells.iter().enumerate() {
            if self.dates.contains(&i) || matches!(cell, Cell::Empty | Cell::Date { .. }) {
                continue;
            }
            privacy::scan(
                &text_of(cell),
                &self.lookup.published_phones,
                self.lookup.phones,
                &mut found,
            );
            for f in found.drain(..) {
                let (error, problem) = match f {
                    Finding::Identifier {
                        describe,
                        masked,
                        error,
                    } => (
                        error,
                        (
                            msg!("worklog-identifier", what = &describe, masked = &masked),
                            msg!("worklog-identifier-help"),
                        ),
                    ),
                    Finding::Phone { masked } => (
                        true,
                        (
                            msg!("worklog-private-phone", masked = &masked),
                            msg!("worklog-private-phone-help"),
                        ),
                    ),
                };
                self.report(problems, row, Some(i), error, problem);
            }
        }
        self.found = found;
    }

    /// A date cell: `None` (after an error) when it is bad, empty though `required`, or after
    /// the publication date though it must not be.
    fn date(
        &mut self,
        problems: &mut RowProblems,
        row: usize,
        column: C,
        required: bool,
        not_after_today: bool,
    ) -> Option<Date> {
        let today = self.lookup.site.date;
        let table = self.table;
        let cell = self.cell(&table.sheet.rows[row], column);
        match date_cell(cell) {
            Err(reason) => self.error(
                problems,
                row,
                column,
                (reason, msg!("worklog-bad-date-help")),
            ),
            Ok(None) if required => self.error(problems, row, column, empty_cell(column.header())),
            Ok(None) => {}
            Ok(Some(d)) if not_after_today && d > today => self.error(
                problems,
                row,
                column,
                (
                    msg!(
                        "worklog-date-in-future",
                        date = d.to_string(),
                        publication = today.to_string()
                    ),
                    msg!("worklog-date-in-future-help"),
                ),
            ),
            Ok(Some(d)) => return Some(d),
        }
        None
    }

    /// The unit a row names; an empty unit cell repeats the one above (merged cells saved as
    /// CSV leave them empty), as in a roster.
    fn unit(
        &mut self,
        problems: &mut RowProblems,
        row: usize,
        area: C,
        unit: C,
        above: &mut Option<usize>,
    ) -> Option<UnitIndex> {
        let table = self.table;
        let rows = &table.sheet.rows;
        let from = if self.cell(&rows[row], unit).is_empty() {
            *above
        } else {
            *above = Some(row);
            Some(row)
        };
        let Some(from) = from else {
            self.error(problems, row, unit, empty_cell(unit.header()));
            return None;
        };
        let area_text = text_of(self.cell(&rows[from], area));
        let unit_text = text_of(self.cell(&rows[from], unit));
        let suggest = self.suggested < MAX_SUGGESTIONS;
        match self.lookup.unit(&area_text, &unit_text, suggest) {
            Ok(u) => Some(u),
            Err(problem) => {
                self.suggested += 1;
                self.error(problems, row, unit, problem);
                None
            }
        }
    }

    /// The people a cell names, appended to `arena`; `None` after an error.
    fn people(
        &mut self,
        problems: &mut RowProblems,
        row: usize,
        column: C,
        required: bool,
        arena: &mut Vec<u32>,
    ) -> Option<model::People> {
        let table = self.table;
        let text = text_of(self.cell(&table.sheet.rows[row], column));
        if text.is_empty() {
            if required {
                self.error(problems, row, column, empty_cell(column.header()));
                return None;
            }
            return Some(model::People::default());
        }
        let mut found = std::mem::take(&mut self.people);
        found.clear();
        let suggest = self.suggested < MAX_SUGGESTIONS;
        let people = self.lookup.people(&text, &mut found, suggest);
        let people = match people {
            Ok(()) => Some(model::push_people(arena, found.iter().copied())),
            Err(problem) => {
                self.suggested += 1;
                self.error(problems, row, column, problem);
                None
            }
        };
        self.people = found;
        people
    }

    /// Rows below the header that hold anything, 0-based.
    fn data_rows(&self) -> Vec<usize> {
        let rows = &self.table.sheet.rows;
        (self.table.layout.header_row + 1..rows.len())
            .filter(|&r| rows[r].iter().any(|c| !c.is_empty()))
            .collect()
    }

    fn at(&self, row: usize) -> RowAt {
        RowAt {
            table: self.table_index,
            row: row as u32 + 1,
        }
    }
}

fn visit_rows(lookup: &Lookup, mut table: Table<VisitColumn>, index: u32) -> Rows<Visit> {
    use VisitColumn as V;
    let mut visits = Vec::with_capacity(table.sheet.rows.len());
    let mut people = Vec::new();
    // (visit, row): the topics to move out of the sheet once the reader is done with it.
    let mut topics: Vec<(usize, usize)> = Vec::new();
    let topic_column = table.layout.index(V::Topic);
    let diagnostics = {
        let mut r = Reader::new(lookup, &table, index, &[V::Date]);
        let mut above = None;
        for row in r.data_rows() {
            let mut p = RowProblems::default();
            r.check_cells(&mut p, row);
            let cells = &table.sheet.rows[row];
            let date = r.date(&mut p, row, V::Date, true, true);
            let unit = r.unit(&mut p, row, V::Area, V::Unit, &mut above);
            let who = r.people(&mut p, row, V::People, true, &mut people);
            let kind = visit_kind(&text_of(r.cell(cells, V::Kind)));
            let households = households(r.cell(cells, V::Households)).unwrap_or_else(|problem| {
                r.error(&mut p, row, V::Households, problem);
                None
            });
            let (Some(date), Some(unit), Some(who), false) = (date, unit, who, p.errors) else {
                continue;
            };
            topics.push((visits.len(), row));
            visits.push(Visit {
                date,
                unit,
                kind,
                households,
                people: who,
                topic: None,
            });
        }
        r.diagnostics
    };
    take_texts(&mut table.sheet, topic_column, topics, |v, text| {
        visits[v].topic = text
    });
    Rows {
        rows: visits,
        people,
        diagnostics,
    }
}

fn ledger_rows(lookup: &Lookup, mut table: Table<LedgerColumn>, index: u32) -> Rows<LedgerEntry> {
    use LedgerColumn as L;
    let mut entries: Vec<LedgerEntry> = Vec::new();
    let mut people = Vec::new();
    let mut summaries: Vec<(usize, usize)> = Vec::new();
    let summary_column = table.layout.index(L::Summary);
    let diagnostics = {
        let mut r = Reader::new(lookup, &table, index, &[L::Raised, L::Due, L::Closed]);
        let mut above = None;
        for row in r.data_rows() {
            let mut p = RowProblems::default();
            r.check_cells(&mut p, row);
            let cells = &table.sheet.rows[row];
            let id = text_of(r.cell(cells, L::Id));
            if id.is_empty() {
                r.error(&mut p, row, L::Id, empty_cell(L::Id.header()));
            }
            let unit = r.unit(&mut p, row, L::Area, L::Unit, &mut above);
            let raised = r.date(&mut p, row, L::Raised, true, true);
            let due = r.date(&mut p, row, L::Due, false, false);
            let closed = r.date(&mut p, row, L::Closed, false, true);
            let owners = r.people(&mut p, row, L::Owner, false, &mut people);
            let status_text = text_of(r.cell(cells, L::Status));
            let status = if status_text.is_empty() {
                r.error(&mut p, row, L::Status, empty_cell(L::Status.header()));
                None
            } else {
                Status::parse(&status_text).or_else(|| {
                    r.error(
                        &mut p,
                        row,
                        L::Status,
                        messages::unknown_status(&status_text),
                    );
                    None
                })
            };
            if let (Some(raised), Some(closed)) = (raised, closed)
                && closed < raised
            {
                r.error(
                    &mut p,
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
                    &mut p,
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
                    &mut p,
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
            let category = category(&text_of(r.cell(cells, L::Category)));
            let (Some(unit), Some(raised), Some(owners), Some(status), false) =
                (unit, raised, owners, status, p.errors)
            else {
                continue;
            };
            summaries.push((entries.len(), row));
            entries.push(LedgerEntry {
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
            });
        }
        r.diagnostics
    };
    take_texts(&mut table.sheet, summary_column, summaries, |e, text| {
        entries[e].summary = text
    });
    Rows {
        rows: entries,
        people,
        diagnostics,
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

/// An empty required cell: what is wrong and what to do.
fn empty_cell(header: &str) -> (String, String) {
    (
        msg!("worklog-empty-cell", header = header),
        msg!("worklog-empty-cell-help", header = header),
    )
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
        let mut cell = Cell::Text("修路".to_string());
        let before = match &cell {
            Cell::Text(s) => s.as_ptr(),
            _ => unreachable!(),
        };
        let taken = take_text(&mut cell).unwrap();
        assert_eq!(&*taken, "修路");
        assert_eq!(taken.as_ptr(), before);
        assert_eq!(cell, Cell::Empty);
        assert_eq!(take_text(&mut Cell::Text("  ".into())), None);
    }
}
