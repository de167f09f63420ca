//! Giving the cells their meaning: one row per assignment becomes units with their teams and
//! the people on them. Every problem is collected with its sheet, row and column, so that one
//! run tells the clerk about every bad row.

use super::columns::{Column, letter};
use super::sheet::{Cell, Layout, Sheet};
use crate::diagnostics::Diagnostic;
use crate::model::Kind;
use crate::validate::idnumber;
use crate::validate::phone::{Phone, PhoneParser, ServicePolicy};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use time::Date;

mod date;
pub(crate) use date::date_cell;
mod member;

/// Where a row is: what the clerk looks for in Excel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRef {
    pub(crate) sheet: Option<String>,
    /// 1-based, as Excel numbers rows.
    pub(crate) row: usize,
}

impl fmt::Display for RowRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match &self.sheet {
            Some(sheet) => crate::msg!("import-place-sheet-row", sheet = sheet, row = self.row),
            None => crate::msg!("import-place-row", row = self.row),
        };
        f.write_str(&place)
    }
}

/// A cell that stops the import: `roster.xlsx: sheet 花名册, row 7, column 电话 (F): ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The roster as the user named it.
    pub(crate) file: String,
    pub(crate) at: RowRef,
    /// The header as written in the roster and the column letter, when one cell is at fault.
    pub(crate) column: Option<(String, String)>,
    pub(crate) message: String,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = self.at.to_string();
        if let Some((header, letter)) = &self.column {
            place.push_str(&crate::msg!(
                "import-place-column",
                header = header,
                letter = letter
            ));
        }
        let at = crate::msg!("import-at", place = place, message = &self.message);
        f.write_str(&crate::msg!("import-at", place = &self.file, message = at))
    }
}

/// What a group of rows describes: a unit in an area, or (for 类型 镇街 rows) the area itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Target {
    /// Area names from the top: `["东湖镇", "北片"]` for `东湖镇/北片`.
    pub area: Vec<String>,
    /// `None`: the area's own record (its `_index.toml`).
    pub unit: Option<String>,
}

impl Target {
    pub(super) fn describe(&self) -> String {
        match &self.unit {
            Some(u) => u.clone(),
            None => self.area.join("/"),
        }
    }
}

/// A person as the roster describes them, first row first.
#[derive(Debug, Clone)]
pub(super) struct RosterPerson {
    pub name: String,
    pub phone: Phone,
    pub title: Option<String>,
    pub org: Option<String>,
    /// The photo file found beside the roster.
    pub photo: Option<PathBuf>,
    pub office_phone: Option<Phone>,
    pub checked: Option<Date>,
    /// 级别: the person's rank.
    pub rank: Option<String>,
    /// The columns the person's rows had: fields of other columns are left as they are.
    pub owns: BTreeSet<Column>,
    pub first: RowRef,
}

#[derive(Debug, Clone)]
pub(super) struct RosterMember {
    /// Index into [`Roster::people`].
    pub person: usize,
    pub role: Option<String>,
    /// `None` when neither a 负责人 nor a 角色 column says: the record's value stays.
    pub lead: Option<bool>,
    pub duties: Option<String>,
    pub covers: Vec<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// 联系户数: how many households the member links.
    pub households: Option<u32>,
}

#[derive(Debug, Clone)]
pub(super) struct RosterUnit {
    pub target: Target,
    /// `None` when the 类型 cells were empty (the default applies) or there is no such column.
    pub kind: Option<Kind>,
    pub members: Vec<RosterMember>,
    /// The columns of the sheet(s) its rows came from.
    pub owns: BTreeSet<Column>,
    pub first: RowRef,
    /// 联系单位: the organizations linked to it as a whole, from all its rows.
    pub orgs: Vec<String>,
}

/// The roster, understood.
#[derive(Debug, Default)]
pub(super) struct Roster {
    /// In the order of their first row: new homophones get their `-2` slugs in this order.
    pub units: Vec<RosterUnit>,
    pub people: Vec<RosterPerson>,
    pub bad: Vec<BadRow>,
    /// Units with a bad row: with `--skip-bad`, an existing one is left exactly as it was.
    pub bad_targets: HashSet<Target>,
    pub warnings: Vec<Diagnostic>,
    /// The title row above the first header, for a new site's config.toml.
    pub title: Option<String>,
    pub rows: usize,
}

/// Reads one sheet's rows into `roster`. `dir` is the roster's folder, where photos are.
pub(super) struct SheetReader<'a> {
    pub file: &'a str,
    pub dir: &'a Path,
    /// The site imported into: a photo may also be named inside it (exports do).
    pub site: &'a Path,
    pub sheet: &'a Sheet,
    pub layout: &'a Layout,
    /// How many sheets of the workbook hold a roster.
    pub sheets: usize,
    /// Parses the roster's numbers, each once.
    pub(crate) phones: &'a PhoneParser,
}

/// Roles that make the member the team's lead when there is no 负责人 column.
pub(super) fn role_marks_lead(role: &str) -> bool {
    let role = role.trim();
    if role.starts_with('副') || role.contains("副组长") || role.contains("副队长") {
        return false;
    }
    role.ends_with("组长") || role.ends_with("队长") || role.contains("第一书记")
}

/// Everything one row says, after fill-down.
struct RowCells {
    cells: HashMap<Column, Cell>,
}

impl RowCells {
    fn get(&self, c: Column) -> &Cell {
        self.cells.get(&c).unwrap_or(&Cell::Empty)
    }
    fn text(&self, c: Column) -> Option<String> {
        let t = self.get(c).text();
        (!t.is_empty()).then_some(t)
    }
}

/// The state carried from row to row: the key of the roster's people, and the area / unit
/// that an empty cell repeats.
#[derive(Default)]
pub(super) struct Carry {
    area: Option<Cell>,
    unit: Option<Cell>,
    kind: Option<Cell>,
    people: HashMap<(String, String), usize>,
    units: HashMap<Target, usize>,
    names_seen: HashMap<String, (String, RowRef)>,
}

impl SheetReader<'_> {
    fn at(&self, row: usize) -> RowRef {
        RowRef {
            sheet: self.sheet.name.clone(),
            row: row + 1,
        }
    }

    fn bad(&self, row: usize, column: Option<Column>, message: impl Into<String>) -> BadRow {
        BadRow {
            file: self.file.to_string(),
            at: self.at(row),
            column: column.and_then(|c| self.column_ref(c)),
            message: message.into(),
        }
    }

    fn column_ref(&self, c: Column) -> Option<(String, String)> {
        self.layout
            .header(c)
            .map(|(h, i)| (h.to_string(), letter(i)))
    }

    fn warn(&self, row: usize, column: Option<Column>, message: impl fmt::Display) -> Diagnostic {
        let mut place = self.at(row).to_string();
        if let Some((h, l)) = column.and_then(|c| self.column_ref(c)) {
            place.push_str(&crate::msg!("import-place-column", header = h, letter = l));
        }
        Diagnostic::warning(
            self.file,
            crate::msg!("import-at", place = place, message = message.to_string()),
        )
    }

    /// Reads every row below the header. `progress` is ticked once per row.
    pub(super) fn read_into(&self, roster: &mut Roster, carry: &mut Carry, progress: &dyn Fn()) {
        let owns: BTreeSet<Column> = self.layout.columns.iter().map(|(c, _, _)| *c).collect();
        if roster.title.is_none() {
            roster.title = self.layout.title.clone();
        }
        if !self.layout.unused.is_empty() {
            let columns = self.layout.unused_list();
            let message = match &self.sheet.name {
                Some(s) => crate::msg!("import-unused-columns-sheet", sheet = s, columns = columns),
                None => crate::msg!("import-unused-columns", columns = columns),
            };
            roster
                .warnings
                .push(Diagnostic::warning(self.file, message).help(crate::msg!(
                    "import-unused-columns-help",
                    columns = Column::ALL
                        .iter()
                        .map(|c| c.chinese())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
        }
        // Each sheet starts its own groups: a 镇街 cell never carries over from another sheet.
        carry.area = None;
        carry.unit = None;
        carry.kind = None;
        self.area_from_sheet_name(carry, roster);
        for index in self.layout.header_row + 1..self.sheet.rows.len() {
            progress();
            let mut cells: HashMap<Column, Cell> = HashMap::new();
            for (column, j, _) in &self.layout.columns {
                let cell = self.sheet.cell(index, *j);
                if !cell.is_empty() {
                    cells.insert(*column, cell.clone());
                }
            }
            let own_kind_is_area = cells
                .get(&Column::Kind)
                .and_then(|k| Kind::parse(&k.text()))
                .is_some_and(is_area_kind);
            // A row with only a 镇街 (a merged 镇街 block spanning an empty row) says nothing.
            let blank = cells
                .keys()
                .all(|c| matches!(c, Column::Area | Column::Kind))
                && !own_kind_is_area;
            if blank {
                continue;
            }
            roster.rows += 1;
            // An empty 镇街 repeats the one above, and within the same 镇街 an empty 单位 (with
            // its 类型) repeats the one above: what merged cells show, and how clerks type
            // groups. A 镇街-kind row with an empty 单位 is the area's own team instead.
            if !cells.contains_key(&Column::Area)
                && let Some(a) = &carry.area
            {
                cells.insert(Column::Area, a.clone());
            }
            let same_area = cells.get(&Column::Area) == carry.area.as_ref();
            if same_area
                && !own_kind_is_area
                && !cells.contains_key(&Column::Unit)
                && let Some(u) = &carry.unit
            {
                cells.insert(Column::Unit, u.clone());
                if !cells.contains_key(&Column::Kind)
                    && let Some(k) = &carry.kind
                {
                    cells.insert(Column::Kind, k.clone());
                }
            }
            carry.area = cells.get(&Column::Area).cloned();
            carry.unit = cells.get(&Column::Unit).cloned();
            carry.kind = cells.get(&Column::Kind).cloned();
            self.read_row(index, RowCells { cells }, &owns, roster, carry);
        }
    }

    fn read_row(
        &self,
        index: usize,
        mut row: RowCells,
        owns: &BTreeSet<Column>,
        roster: &mut Roster,
        carry: &mut Carry,
    ) {
        let mut problems: Vec<BadRow> = Vec::new();

        let refused = self.screen_cells(index, &mut row, &mut problems, roster);
        let screened = problems.len();

        let kind = self.kind_cell(index, &row, &mut problems);
        let target = self.target(index, &row, kind, &mut problems);

        let member = self.read_member(index, &row, &mut problems, roster);
        let orgs = super::campaign::list_cell(row.text(Column::Orgs));
        // A refused cell was reported as what it holds; it is not reported again as empty.
        let refused: Vec<_> = refused.iter().filter_map(|c| self.column_ref(*c)).collect();
        let mut seen = 0;
        problems.retain(|p| {
            seen += 1;
            seen <= screened || p.column.as_ref().is_none_or(|c| !refused.contains(c))
        });
        let bad = !problems.is_empty();
        roster.bad.extend(problems);
        let Some(target) = target else { return };
        if bad {
            roster.bad_targets.insert(target.clone());
        }

        let unit_index = self.unit_index(index, &target, kind, owns, roster, carry);
        super::campaign::add_orgs(&mut roster.units[unit_index].orgs, orgs);
        let Some((person, mut member)) = member.filter(|_| !bad) else {
            return;
        };
        let person_index = self.person_index(index, person, owns, roster, carry);
        member.person = person_index;
        let unit = &mut roster.units[unit_index];
        if unit.members.iter().any(|m| m.person == person_index) {
            let name = roster.people[person_index].name.clone();
            roster.warnings.push(self.warn(
                index,
                Some(Column::Name),
                crate::msg!(
                    "import-already-on-team",
                    name = name,
                    unit = unit.target.describe()
                ),
            ));
            return;
        }
        unit.members.push(member);
    }

    /// Refuses cells holding a formula error, a formula without its value, or a resident ID
    /// number (ID numbers must never reach the content) and warns about other identifiers.
    /// Returns the columns whose cells it refused.
    fn screen_cells(
        &self,
        index: usize,
        row: &mut RowCells,
        problems: &mut Vec<BadRow>,
        roster: &mut Roster,
    ) -> Vec<Column> {
        let mut columns: Vec<Column> = row.cells.keys().copied().collect();
        columns.sort();
        let mut refused = Vec::new();
        for column in columns {
            let cell = row.get(column);
            let message = match cell {
                Cell::Error(e) => Some(crate::msg!("import-excel-error", error = e)),
                Cell::Formula(_) => cell
                    .formula_without_value()
                    .map(|formula| crate::msg!("import-formula-without-value", formula = formula)),
                _ => None,
            };
            if let Some(message) = message {
                problems.push(self.bad(index, Some(column), message));
                row.cells.remove(&column);
                refused.push(column);
                continue;
            }
            let text = cell.text();
            for found in idnumber::scan(&text) {
                if found.kind.is_error() {
                    problems.push(self.bad(
                        index,
                        Some(column),
                        crate::msg!(
                            "import-identifier",
                            what = found.kind.describe(),
                            masked = &found.masked
                        ),
                    ));
                    row.cells.remove(&column);
                    refused.push(column);
                    break;
                }
                roster.warnings.push(self.warn(
                    index,
                    Some(column),
                    crate::msg!(
                        "import-maybe-identifier",
                        what = found.kind.describe(),
                        masked = &found.masked
                    ),
                ));
            }
        }
        refused
    }

    /// The row's kind, if it has one that is known.
    fn kind_cell(&self, index: usize, row: &RowCells, problems: &mut Vec<BadRow>) -> Option<Kind> {
        match row.get(Column::Kind) {
            Cell::Empty => None,
            cell => {
                let text = cell.text();
                match Kind::parse(&text) {
                    Some(k) => Some(k),
                    None => {
                        problems.push(self.bad(
                            index,
                            Some(Column::Kind),
                            crate::msg!("import-unknown-kind", kind = &text),
                        ));
                        None
                    }
                }
            }
        }
    }

    /// The unit (or the area's own team) a row belongs to.
    fn target(
        &self,
        index: usize,
        row: &RowCells,
        kind: Option<Kind>,
        problems: &mut Vec<BadRow>,
    ) -> Option<Target> {
        let area: Vec<String> = row
            .text(Column::Area)
            .map(|a| {
                a.split(['/', '／', '\\'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let unit = row.text(Column::Unit);
        let area_kind =
            kind.is_some_and(|k| matches!(k, Kind::Township | Kind::Street | Kind::County));
        // A 镇街-kind row names the area's own team when its 单位 is the area itself (or empty).
        match (&unit, area_kind) {
            (None, true) if !area.is_empty() => Some(Target { area, unit: None }),
            (Some(u), true) if area.last() == Some(u) => Some(Target { area, unit: None }),
            (Some(u), true) if area.is_empty() => Some(Target {
                area: vec![u.clone()],
                unit: None,
            }),
            (Some(u), _) => Some(Target {
                area,
                unit: Some(u.clone()),
            }),
            (None, _) => {
                problems.push(self.bad(index, Some(Column::Unit), crate::msg!("import-no-unit")));
                None
            }
        }
    }

    /// The roster's index of the row's unit, which the first row naming it adds.
    fn unit_index(
        &self,
        index: usize,
        target: &Target,
        kind: Option<Kind>,
        owns: &BTreeSet<Column>,
        roster: &mut Roster,
        carry: &mut Carry,
    ) -> usize {
        match carry.units.get(target) {
            Some(&i) => {
                let existing = &mut roster.units[i];
                existing.owns.extend(owns.iter().copied());
                match (existing.kind, kind) {
                    (None, Some(k)) => existing.kind = Some(k),
                    (Some(a), Some(b)) if a != b => roster.warnings.push(self.warn(
                        index,
                        Some(Column::Kind),
                        crate::msg!(
                            "import-kind-differs",
                            unit = target.describe(),
                            kind = a.as_str(),
                            row = existing.first.to_string()
                        ),
                    )),
                    _ => {}
                }
                i
            }
            None => {
                carry.units.insert(target.clone(), roster.units.len());
                roster.units.push(RosterUnit {
                    target: target.clone(),
                    kind,
                    members: Vec::new(),
                    owns: owns.clone(),
                    first: self.at(index),
                    orgs: Vec::new(),
                });
                roster.units.len() - 1
            }
        }
    }
}

impl SheetReader<'_> {
    /// Without a 镇街 column, a workbook with one sheet per township names the area in the
    /// sheet's name; any other sheet name says nothing about where its units are, which the
    /// clerk is told when the workbook has several sheets.
    fn area_from_sheet_name(&self, carry: &mut Carry, roster: &mut Roster) {
        if self.layout.has(Column::Area) {
            return;
        }
        let Some(name) = &self.sheet.name else {
            return;
        };
        if names_an_area(name) {
            carry.area = Some(Cell::Text(name.trim().into()));
        } else if self.sheets > 1 {
            roster.warnings.push(
                Diagnostic::warning(
                    self.file,
                    crate::msg!("import-sheet-not-an-area", sheet = name),
                )
                .help(crate::msg!("import-sheet-not-an-area-help")),
            );
        }
    }
}

/// Whether a sheet's name is an area's: `鲁权屯镇`, `城关街道`, `新华路办事处`, `王庄乡`.
fn names_an_area(sheet: &str) -> bool {
    let name = sheet.trim();
    ["镇", "乡", "街道", "办事处"]
        .iter()
        .any(|suffix| name.ends_with(suffix) && name.chars().count() > suffix.chars().count())
}

/// Kinds whose rows describe an area's own team rather than a unit in it.
pub(super) fn is_area_kind(kind: Kind) -> bool {
    matches!(kind, Kind::Township | Kind::Street | Kind::County)
}

#[cfg(test)]
mod tests;
