//! Giving the cells their meaning: one row per assignment becomes units with their teams and
//! the people on them. Every problem is collected with its sheet, row and column, so that one
//! run tells the clerk about every bad row.

use super::columns::{Column, letter};
use super::sheet::{Cell, Layout, Sheet, number_text};
use crate::content::values::{DateProblem, PLAUSIBLE_YEARS, calendar_date, parse_ymd};
use crate::diagnostics::Diagnostic;
use crate::model::Kind;
use crate::validate::idnumber;
use crate::validate::phone::{self, Phone};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use time::Date;

/// Where a row is: what the clerk looks for in Excel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRef {
    pub sheet: Option<String>,
    /// 1-based, as Excel numbers rows.
    pub row: usize,
}

impl fmt::Display for RowRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(sheet) = &self.sheet {
            write!(f, "sheet {sheet}, ")?;
        }
        write!(f, "row {}", self.row)
    }
}

/// A cell that stops the import: `roster.xlsx: sheet 花名册, row 7, column 电话 (F): ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The roster as the user named it.
    pub file: String,
    pub at: RowRef,
    /// The header as written in the roster and the column letter, when one cell is at fault.
    pub column: Option<(String, String)>,
    pub message: String,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.at)?;
        if let Some((header, letter)) = &self.column {
            write!(f, ", column {header} ({letter})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What a group of rows describes: a unit in an area, or (for 类型 镇街 rows) the area itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Target {
    /// Area names from the top: `["东湖镇", "北片"]` for `东湖镇/北片`.
    pub area: Vec<String>,
    /// `None`: the area's own record (its `_index.toml`).
    pub unit: Option<String>,
}

impl Target {
    pub fn describe(&self) -> String {
        match &self.unit {
            Some(u) => u.clone(),
            None => self.area.join("/"),
        }
    }
}

/// A person as the roster describes them, first row first.
#[derive(Debug, Clone)]
pub struct RosterPerson {
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
pub struct RosterMember {
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
pub struct RosterUnit {
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
pub struct Roster {
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
pub struct SheetReader<'a> {
    pub file: &'a str,
    pub dir: &'a Path,
    pub sheet: &'a Sheet,
    pub layout: &'a Layout,
    /// How many sheets of the workbook hold a roster.
    pub sheets: usize,
}

/// Roles that make the member the team's lead when there is no 负责人 column.
pub fn role_marks_lead(role: &str) -> bool {
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
pub struct Carry {
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
        let place = match column.and_then(|c| self.column_ref(c)) {
            Some((h, l)) => format!("{}, column {h} ({l})", self.at(row)),
            None => self.at(row).to_string(),
        };
        Diagnostic::warning(self.file, format!("{place}: {message}"))
    }

    /// Reads every row below the header. `progress` is ticked once per row.
    pub fn read_into(&self, roster: &mut Roster, carry: &mut Carry, progress: &dyn Fn()) {
        let owns: BTreeSet<Column> = self.layout.columns.iter().map(|(c, _, _)| *c).collect();
        if roster.title.is_none() {
            roster.title = self.layout.title.clone();
        }
        if !self.layout.unused.is_empty() {
            let place = match &self.sheet.name {
                Some(s) => format!("sheet {s}: "),
                None => String::new(),
            };
            roster.warnings.push(
                Diagnostic::warning(
                    self.file,
                    format!(
                        "{place}these columns are not imported: {}",
                        self.layout.unused_list()
                    ),
                )
                .help(format!(
                    "the columns read are {}; rename a header if it means one of them",
                    Column::ALL
                        .iter()
                        .map(|c| c.chinese())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
        // Each sheet starts its own groups: a 镇街 cell never carries over from another sheet.
        // Without a 镇街 column, a workbook with one sheet per township names the area in the
        // sheet's name; any other sheet name says nothing about where its units are.
        carry.area = None;
        carry.unit = None;
        carry.kind = None;
        if !self.layout.has(Column::Area)
            && let Some(name) = &self.sheet.name
        {
            if names_an_area(name) {
                carry.area = Some(Cell::Text(name.trim().to_string()));
            } else if self.sheets > 1 {
                roster.warnings.push(
                    Diagnostic::warning(
                        self.file,
                        format!(
                            "sheet {name} has no 镇街 column and its name is not a township's, so its units are placed at the top level, outside any area"
                        ),
                    )
                    .help("add a 镇街 column, or name the sheet after its area (…镇, …乡, …街道, …办事处) and import again"),
                );
            }
        }
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

        // Resident ID numbers must never reach the content: refuse the cell outright.
        let mut columns: Vec<Column> = row.cells.keys().copied().collect();
        columns.sort();
        for column in columns {
            let cell = row.get(column);
            if let Cell::Error(e) = cell {
                problems.push(self.bad(
                    index,
                    Some(column),
                    format!("the cell shows the Excel error {e}: type the value itself instead of a formula"),
                ));
                row.cells.remove(&column);
                continue;
            }
            let text = cell.text();
            for found in idnumber::scan(&text) {
                if found.kind.is_error() {
                    problems.push(self.bad(
                        index,
                        Some(column),
                        format!(
                            "this cell holds {} ({}): ID numbers must never be published, so remove it from the roster",
                            found.kind.describe(),
                            found.masked
                        ),
                    ));
                    row.cells.remove(&column);
                    break;
                }
                roster.warnings.push(self.warn(
                    index,
                    Some(column),
                    format!(
                        "this looks like {} ({}); check that it may be published",
                        found.kind.describe(),
                        found.masked
                    ),
                ));
            }
        }

        let kind = match row.get(Column::Kind) {
            Cell::Empty => None,
            cell => {
                let text = cell.text();
                match Kind::parse(&text) {
                    Some(k) => Some(k),
                    None => {
                        problems.push(self.bad(
                            index,
                            Some(Column::Kind),
                            format!(
                                "unknown kind \"{text}\": use 村, 社区, 企业, 学校, 项目 or 镇街 (or village, community, enterprise, school, project, township, street, county, other)"
                            ),
                        ));
                        None
                    }
                }
            }
        };
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
        let target = match (&unit, area_kind) {
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
                problems.push(self.bad(
                    index,
                    Some(Column::Unit),
                    "the unit (单位) is empty: write the village, community or other unit this row belongs to",
                ));
                None
            }
        };

        let member = self.read_member(index, &row, &mut problems, roster);
        let orgs = super::campaign::list_cell(row.text(Column::Orgs));
        let bad = !problems.is_empty();
        roster.bad.extend(problems);
        let Some(target) = target else { return };
        if bad {
            roster.bad_targets.insert(target.clone());
        }

        let unit_index = match carry.units.get(&target) {
            Some(&i) => {
                let existing = &mut roster.units[i];
                existing.owns.extend(owns.iter().copied());
                super::campaign::add_orgs(&mut existing.orgs, orgs);
                match (existing.kind, kind) {
                    (None, Some(k)) => existing.kind = Some(k),
                    (Some(a), Some(b)) if a != b => roster.warnings.push(self.warn(
                        index,
                        Some(Column::Kind),
                        format!(
                            "{} is already a {} on {}; the first is kept",
                            target.describe(),
                            a.as_str(),
                            existing.first
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
                    orgs,
                });
                roster.units.len() - 1
            }
        };
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
                format!(
                    "{name} is already on the team of {} (this row is left out)",
                    unit.target.describe()
                ),
            ));
            return;
        }
        unit.members.push(member);
    }

    /// The person and assignment of a row, or `None` for a row that only names a unit.
    fn read_member(
        &self,
        index: usize,
        row: &RowCells,
        problems: &mut Vec<BadRow>,
        roster: &mut Roster,
    ) -> Option<(RosterPerson, RosterMember)> {
        let Some(name) = row.text(Column::Name) else {
            if let Some(c) = Column::PERSON.iter().find(|c| !row.get(**c).is_empty()) {
                let what = self
                    .column_ref(*c)
                    .map_or_else(|| c.chinese().to_string(), |(h, _)| h);
                problems.push(self.bad(
                    index,
                    Some(Column::Name),
                    format!("the name (姓名) is empty but the row has a {what}: write the person's name, or clear the row"),
                ));
            }
            return None;
        };
        let phone = match self.phone_cell(row.get(Column::Phone), false) {
            Ok(Some(p)) => Some(p),
            Ok(None) => {
                let what = if self.layout.has(Column::Phone) {
                    "the phone number (电话) is empty"
                } else {
                    "the roster has no phone (电话) column"
                };
                problems.push(self.bad(
                    index,
                    Some(Column::Phone),
                    format!("{what}: every person on a board needs a public contact number, a mobile like 139 1234 5678 or a landline like 0534-2212345"),
                ));
                None
            }
            Err(message) => {
                problems.push(self.bad(index, Some(Column::Phone), message));
                None
            }
        };
        let office_phone = match self.phone_cell(row.get(Column::OfficePhone), true) {
            Ok(p) => p,
            Err(message) => {
                problems.push(self.bad(index, Some(Column::OfficePhone), message));
                None
            }
        };
        let mut date = |column: Column| match date_cell(row.get(column)) {
            Ok(d) => d,
            Err(message) => {
                problems.push(self.bad(index, Some(column), message));
                None
            }
        };
        let since = date(Column::Since);
        let until = date(Column::Until);
        let checked = date(Column::Checked);
        let households = match super::campaign::households_cell(row.get(Column::Households)) {
            Ok(n) => n,
            Err(message) => {
                problems.push(self.bad(index, Some(Column::Households), message));
                None
            }
        };
        if let (Some(s), Some(u)) = (since, until)
            && u < s
        {
            problems.push(self.bad(
                index,
                Some(Column::Until),
                format!("the end date {u} is before the start date {s}: swap the two dates"),
            ));
        }
        let role = row.text(Column::Role);
        let lead = match row.text(Column::Lead) {
            Some(text) => match yes_no(&text) {
                Some(b) => Some(b),
                None => {
                    problems.push(self.bad(
                        index,
                        Some(Column::Lead),
                        format!("\"{text}\" is neither yes nor no: write 是 for the team's lead, or leave the cell empty"),
                    ));
                    None
                }
            },
            None if self.layout.has(Column::Lead) || self.layout.has(Column::Role) => {
                Some(role.as_deref().is_some_and(role_marks_lead))
            }
            None => None,
        };
        let photo = row.text(Column::Photo).and_then(|p| {
            let path = self.dir.join(&p);
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if !crate::content::PHOTO_EXTENSIONS.contains(&extension.as_str()) {
                roster.warnings.push(self.warn(
                    index,
                    Some(Column::Photo),
                    format!("\"{p}\" is not a .jpg, .jpeg, .png or .webp photo; the person is imported without it"),
                ));
                None
            } else if !path.is_file() {
                roster.warnings.push(
                    self.warn(
                        index,
                        Some(Column::Photo),
                        format!(
                            "the photo \"{p}\" is not beside the roster ({}); the person is imported without it",
                            path.display()
                        ),
                    ),
                );
                None
            } else {
                Some(path)
            }
        });
        let covers = super::campaign::list_cell(row.text(Column::Covers));
        let phone = phone?;
        Some((
            RosterPerson {
                name,
                phone,
                title: row.text(Column::Title),
                org: row.text(Column::Org),
                photo,
                office_phone,
                checked,
                rank: row.text(Column::Rank),
                owns: BTreeSet::new(),
                first: self.at(index),
            },
            RosterMember {
                person: usize::MAX,
                role,
                lead,
                duties: row.text(Column::Duties),
                covers,
                since,
                until,
                households,
            },
        ))
    }

    /// A phone cell: text as typed, or a number Excel stored (`13912345678.0`). A landline
    /// stored as a number has lost its leading 0; the phone rules read it back with the 0.
    fn phone_cell(&self, cell: &Cell, office: bool) -> Result<Option<Phone>, String> {
        let text = match cell {
            Cell::Empty => return Ok(None),
            Cell::Date { .. } => {
                return Err(format!(
                    "\"{}\" is a date, not a phone number: format the column as Text and type the number again",
                    cell.text()
                ));
            }
            other => other.text(),
        };
        let parsed = if office {
            phone::parse_hotline(&text)
        } else {
            phone::parse_phone(&text)
        };
        parsed.map(Some).map_err(|e| e.to_string())
    }

    /// The roster's index of this person (same name and same number: one person).
    fn person_index(
        &self,
        index: usize,
        person: RosterPerson,
        owns: &BTreeSet<Column>,
        roster: &mut Roster,
        carry: &mut Carry,
    ) -> usize {
        let key = (person.name.clone(), person.phone.e164.clone());
        if let Some(&i) = carry.people.get(&key) {
            let first = &mut roster.people[i];
            first.owns.extend(owns.iter().copied());
            let mut differs = Vec::new();
            let mut merge = |field: &'static str, a: &mut Option<String>, b: Option<String>| match (
                a.as_deref(),
                b,
            ) {
                (None, Some(b)) => *a = Some(b),
                (Some(x), Some(y)) if x != y => {
                    differs.push(format!("{field} \"{y}\" (\"{x}\" there)"))
                }
                _ => {}
            };
            merge("职务 title", &mut first.title, person.title);
            merge("派出单位 org", &mut first.org, person.org);
            if first.photo.is_none() {
                first.photo = person.photo;
            }
            if first.office_phone.is_none() {
                first.office_phone = person.office_phone;
            }
            if first.checked.is_none() {
                first.checked = person.checked;
            }
            differs.extend(super::campaign::merge_rank(&mut first.rank, person.rank));
            if !differs.is_empty() {
                let message = format!(
                    "{} also appears on {} with a different {}; the first row's is used",
                    first.name,
                    first.first,
                    differs.join(", ")
                );
                roster.warnings.push(self.warn(index, None, message));
            }
            return i;
        }
        // Two people with one name are two records; say so, in case it is one person whose
        // number was typed two ways.
        match carry.names_seen.get(&person.name) {
            Some((phone, at)) if *phone != person.phone.display => {
                roster.warnings.push(self.warn(
                    index,
                    Some(Column::Phone),
                    format!(
                        "{} has the number {} here and {} on {}: they are imported as two people",
                        person.name, person.phone.display, phone, at
                    ),
                ).help("if it is one person, give the same number on every row"));
            }
            Some(_) => {}
            None => {
                carry.names_seen.insert(
                    person.name.clone(),
                    (person.phone.display.clone(), self.at(index)),
                );
            }
        }
        let i = roster.people.len();
        carry.people.insert(key, i);
        roster.people.push(RosterPerson {
            owns: owns.clone(),
            ..person
        });
        i
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
pub fn is_area_kind(kind: Kind) -> bool {
    matches!(kind, Kind::Township | Kind::Street | Kind::County)
}

/// 是/否 and their spellings.
fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "是" | "y" | "yes" | "true" | "1" | "√" | "✓" | "✔" | "负责人" | "组长" => {
            Some(true)
        }
        "否" | "n" | "no" | "false" | "0" | "×" | "✗" => Some(false),
        _ => None,
    }
}

/// A date cell: an Excel date, an Excel day number (`44994`, as a CSV saved from Excel holds
/// a date column formatted as General), or text like `2023-03-09`, `2023/3/9`, `2023.3.9`,
/// `2023年3月9日`, `20230309`. Short forms (`3/9/23`, `09/03/2023`) and dates outside
/// [`PLAUSIBLE_YEARS`] are refused: a guessed date on a public board is worse than an error.
pub fn date_cell(cell: &Cell) -> Result<Option<Date>, String> {
    let (ymd, shown) = match cell {
        Cell::Empty => return Ok(None),
        Cell::Date { year, month, day } => (Some((*year, *month, *day)), cell.text()),
        Cell::Number(n) => {
            let text = number_text(*n);
            (compact_date(&text).or_else(|| excel_serial(*n)), text)
        }
        Cell::Text(s) => {
            let s = s.trim();
            let normal: String = s
                .replace(['年', '月'], "-")
                .replace('日', "")
                .trim()
                .to_string();
            let serial = || {
                (normal.len() == 5 && normal.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| normal.parse::<f64>().ok().and_then(excel_serial))
                    .flatten()
            };
            (
                parse_ymd(&normal)
                    .or_else(|| compact_date(&normal))
                    .or_else(serial),
                s.to_string(),
            )
        }
        Cell::Error(e) => (None, e.clone()),
    };
    let Some((year, month, day)) = ymd else {
        return Err(if short_date(&shown) {
            format!(
                "\"{shown}\" has no four-digit year first: it could mean more than one date; write it as YYYY-MM-DD, like 2023-03-09"
            )
        } else {
            format!("\"{shown}\" is not a date: write it as YYYY-MM-DD, like 2023-03-09")
        });
    };
    match calendar_date(year, month, day) {
        Ok(date) => Ok(Some(date)),
        Err(DateProblem::NotInCalendar) => Err(format!(
            "\"{shown}\" is not a real calendar date: check the day and month"
        )),
        Err(DateProblem::OutOfRange) => Err(format!(
            "\"{shown}\" is outside the years {}–{}: write the full date as YYYY-MM-DD, like 2023-03-09",
            PLAUSIBLE_YEARS.start(),
            PLAUSIBLE_YEARS.end()
        )),
    }
}

/// An Excel day number as year, month and day: days since 1899-12-30 (Excel counts a
/// 29 February 1900 that never was, so serials from 61 on line up with that origin; earlier
/// ones are outside the plausible years anyway). Only whole days within the plausible years.
fn excel_serial(n: f64) -> Option<(i32, u8, u8)> {
    if n.fract() != 0.0 || !(61.0..=80_000.0).contains(&n) {
        return None;
    }
    let origin = Date::from_calendar_date(1899, time::Month::December, 30).ok()?;
    let date = origin.checked_add(time::Duration::days(n as i64))?;
    PLAUSIBLE_YEARS
        .contains(&date.year())
        .then(|| (date.year(), u8::from(date.month()), date.day()))
}

/// Text shaped like a date but without a four-digit year first: `3/9/23`, `09/03/2023`.
fn short_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn compact_date(s: &str) -> Option<(i32, u8, u8)> {
    (s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit())).then(|| {
        let year = s[..4].parse().ok()?;
        let month = s[4..6].parse().ok()?;
        let day = s[6..].parse().ok()?;
        Some((year, month, day))
    })?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_roles() {
        for role in [
            "组长",
            "工作组组长",
            "驻村工作队队长",
            "第一书记",
            "第一书记兼队长",
        ] {
            assert!(role_marks_lead(role), "{role}");
        }
        for role in ["副组长", "副队长", "包村干部", "队员", "联村民警"] {
            assert!(!role_marks_lead(role), "{role}");
        }
    }

    #[test]
    fn dates_in_the_ways_clerks_type_them() {
        let d = |s: &str| date_cell(&Cell::Text(s.into()));
        let want = Date::from_calendar_date(2023, time::Month::March, 9).ok();
        for s in [
            "2023-03-09",
            "2023/3/9",
            "2023.3.9",
            "2023年3月9日",
            "20230309",
        ] {
            assert_eq!(d(s), Ok(want), "{s}");
        }
        assert_eq!(date_cell(&Cell::Number(20230309.0)), Ok(want));
        assert_eq!(
            date_cell(&Cell::Date {
                year: 2023,
                month: 3,
                day: 9
            }),
            Ok(want)
        );
        assert!(
            d("2023-02-30")
                .unwrap_err()
                .contains("not a real calendar date")
        );
        assert!(d("下个月").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(date_cell(&Cell::Empty), Ok(None));
    }

    #[test]
    fn excel_day_numbers_become_their_dates() {
        let want = Date::from_calendar_date(2023, time::Month::March, 9).ok();
        assert_eq!(date_cell(&Cell::Number(44994.0)), Ok(want));
        assert_eq!(date_cell(&Cell::Text("44994".into())), Ok(want));
        let new_year = Date::from_calendar_date(2000, time::Month::January, 1).ok();
        assert_eq!(date_cell(&Cell::Number(36526.0)), Ok(new_year));
        // A day number with a time of day, or far outside the years, is not taken as a date.
        assert!(date_cell(&Cell::Number(44994.5)).is_err());
        assert!(date_cell(&Cell::Number(450.0)).is_err());
    }

    #[test]
    fn short_and_implausible_dates_are_refused_not_guessed() {
        let d = |s: &str| date_cell(&Cell::Text(s.into()));
        for short in ["3/9/23", "23-3-9", "09/03/2023", "3.9.23"] {
            let error = d(short).unwrap_err();
            assert!(error.contains("four-digit year"), "{short}: {error}");
        }
        for far in ["1900-01-01", "2101-01-01", "0003-09-23", "1948-12-31"] {
            let error = d(far).unwrap_err();
            assert!(error.contains("1949–2100"), "{far}: {error}");
        }
        assert!(d("1949-01-01").is_ok());
        assert!(d("2100-12-31").is_ok());
    }
}
