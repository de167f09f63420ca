//! Reading a log's table row by row: what every row shares (the place of each problem, the
//! checks on every cell, dates, the unit column with its fill-down, the people named), and
//! [`read_table`], which reads a table in pieces on every core. `resolve` gives each kind of
//! log its row.

use super::columns::LogColumn;
use super::lookup::Lookup;
use super::messages;
use super::model::{self, RowAt};
use super::privacy::{self, Finding};
use super::read::Table;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::import::columns::letter;
use crate::import::rows::date_cell;
use crate::import::sheet::Cell;
use crate::model::UnitIndex;
use crate::msg;
use rayon::prelude::*;
use std::borrow::Cow;
use time::Date;

/// Suggestions ("did you mean") compare a name with every unit or person; past this many bad
/// names in one piece of a table they are left out, so a wrong file cannot take minutes.
const MAX_SUGGESTIONS: usize = 50;

/// How many pieces a table is read in, each on its own core: a county keeps each log in one
/// table, a province too. Fixed, not the number of cores, so that the same table gives the
/// same suggestions on every machine.
const PIECES: usize = 4;

/// Reads `table`'s rows with `read_row` (which returns the row's item, or `None` after an
/// error), in [`PIECES`] pieces side by side. Each piece starts with the unit its first rows
/// repeat from the rows above (fill-down, see [`Reader::unit`]), so pieces read as the whole
/// table would.
pub(super) fn read_table<C: LogColumn + Sync, T: Send>(
    lookup: &Lookup,
    table: &Table<C>,
    table_index: u32,
    dates: &[C],
    unit: C,
    read_row: impl Fn(&mut Reader<'_, C>, usize, &mut Option<usize>, &mut Vec<u32>) -> Option<T> + Sync,
) -> Vec<Rows<T>> {
    let rows = &table.sheet.rows;
    let data: Vec<usize> = (table.layout.header_row + 1..rows.len())
        .filter(|&r| rows[r].iter().any(|c| !c.is_empty()))
        .collect();
    let piece = data.len().div_ceil(PIECES).max(1);
    let unit_column = table.layout.index(unit);
    let names_unit = |row: usize| {
        unit_column
            .and_then(|i| rows[row].get(i))
            .is_some_and(|c| !c.is_empty())
    };
    // The row each piece's fill-down starts from, found in one pass.
    let mut starts = Vec::with_capacity(PIECES);
    let mut above = None;
    for (i, &row) in data.iter().enumerate() {
        if i % piece == 0 {
            starts.push(above);
        }
        if names_unit(row) {
            above = Some(row);
        }
    }
    let headers = headers(table);
    data.par_chunks(piece)
        .zip(starts)
        .map(|(piece, mut above)| {
            let mut reader = Reader::new(lookup, table, table_index, &headers, dates);
            let (mut items, mut sheet_rows, mut people) = (Vec::new(), Vec::new(), Vec::new());
            for &row in piece {
                if let Some(item) = read_row(&mut reader, row, &mut above, &mut people) {
                    items.push(item);
                    sheet_rows.push(row);
                }
            }
            Rows {
                rows: items,
                sheet_rows,
                people,
                diagnostics: reader.diagnostics,
            }
        })
        .collect()
}

/// The header of each column of `table`, by index, for messages.
fn headers<C: LogColumn>(table: &Table<C>) -> Vec<Option<String>> {
    let width = table.sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut headers = vec![None; width];
    for (_, i, h) in &table.layout.columns {
        headers[*i] = Some(h.clone());
    }
    for (h, i) in &table.layout.unused {
        headers[*i] = Some(h.clone());
    }
    headers
}

/// One piece of a table's rows, with its own list of people (merged by `resolve`).
pub(super) struct Rows<T> {
    pub(super) rows: Vec<T>,
    /// The sheet row (0-based) each of `rows` was read from.
    pub(super) sheet_rows: Vec<usize>,
    pub(super) people: Vec<u32>,
    pub(super) diagnostics: Diagnostics,
}

/// Reads one table: what every row of a log shares (the place of each problem, the checks
/// on every cell, the unit column with its fill-down) around `read_row`.
pub(super) struct Reader<'a, C: LogColumn> {
    lookup: &'a Lookup<'a>,
    table: &'a Table<C>,
    table_index: u32,
    /// The header of each column, by index, for messages.
    headers: &'a [Option<String>],
    diagnostics: Diagnostics,
    /// How many "did you mean" suggestions this piece made.
    suggested: usize,
    /// The date columns' indexes: the privacy check leaves them to the date check.
    dates: Vec<usize>,
    /// The columns of the current row whose cell named units or people the site has: the
    /// privacy check passes over them (a province's unit paths and people's ids have more
    /// digits than a phone number, and scanning them was a third of reading its log).
    named: Vec<usize>,
    /// Buffers kept from row to row.
    found: Vec<Finding>,
    people: Vec<usize>,
}

/// The problems of one row; the row is left out when it has any error.
#[derive(Default)]
pub(super) struct RowProblems {
    pub(super) errors: bool,
    /// Whether the row's formulas without a value were reported: each is then not reported
    /// again as the empty cell it reads as.
    formulas: bool,
}

impl<'a, C: LogColumn> Reader<'a, C> {
    fn new(
        lookup: &'a Lookup<'a>,
        table: &'a Table<C>,
        table_index: u32,
        headers: &'a [Option<String>],
        dates: &[C],
    ) -> Self {
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
            named: Vec::new(),
            found: Vec::new(),
            people: Vec::new(),
        }
    }

    /// The table being read.
    pub(super) fn table(&self) -> &'a Table<C> {
        self.table
    }

    pub(super) fn cell<'r>(&self, row: &'r [Cell], column: C) -> &'r Cell {
        self.table
            .layout
            .index(column)
            .and_then(|i| row.get(i))
            .unwrap_or(&Cell::Empty)
    }

    pub(super) fn index(&self, column: C) -> Option<usize> {
        self.table.layout.index(column)
    }

    /// A diagnostic at row `row` (0-based) and column `index`.
    pub(super) fn report(
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

    pub(super) fn error(
        &mut self,
        problems: &mut RowProblems,
        row: usize,
        column: C,
        problem: (impl Into<String>, impl Into<String>),
    ) {
        let index = self.index(column);
        self.report(problems, row, index, true, problem);
    }

    /// Every cell of the row, checked for formulas without their value: first, so that such a
    /// cell is not reported again as the empty cell it reads as.
    pub(super) fn check_formulas(&mut self, problems: &mut RowProblems, row: usize) {
        self.named.clear();
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
    }

    /// Every cell of the row checked for ID numbers and private phone numbers, last: date
    /// columns are left to the date check (a number there is no date), and cells that named
    /// the site's units or people hold nothing else.
    pub(super) fn check_privacy(&mut self, problems: &mut RowProblems, row: usize) {
        let cells = &self.table.sheet.rows[row];
        let mut found = std::mem::take(&mut self.found);
        for (i, cell) in cells.iter().enumerate() {
            let skipped = self.dates.contains(&i) || self.named.contains(&i);
            if skipped || matches!(cell, Cell::Empty | Cell::Date { .. }) {
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
    pub(super) fn date(
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
    pub(super) fn unit(
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
            Ok(u) => {
                // The row's own cell named it (the area cell, which a full path makes
                // unused, is checked).
                if from == row {
                    self.named.extend(self.index(unit));
                }
                Some(u)
            }
            Err(problem) => {
                self.suggested += 1;
                self.error(problems, row, unit, problem);
                None
            }
        }
    }

    /// The people a cell names, appended to `arena`; `None` after an error.
    pub(super) fn people(
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
            Ok(()) => {
                self.named.extend(self.index(column));
                Some(model::push_people(arena, found.iter().copied()))
            }
            Err(problem) => {
                self.suggested += 1;
                self.error(problems, row, column, problem);
                None
            }
        };
        self.people = found;
        people
    }

    pub(super) fn at(&self, row: usize) -> RowAt {
        RowAt {
            table: self.table_index,
            row: row as u32 + 1,
        }
    }
}

/// A cell's text, borrowed when it is text.
pub(super) fn text_of(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Text(s) => Cow::Borrowed(crate::import::cell_text::trim(s)),
        Cell::Empty => Cow::Borrowed(""),
        other => Cow::Owned(other.text()),
    }
}

/// An empty required cell: what is wrong and what to do.
pub(super) fn empty_cell(header: &str) -> (String, String) {
    (
        msg!("worklog-empty-cell", header = header),
        msg!("worklog-empty-cell-help", header = header),
    )
}
