//! The work log, resolved: every visit and ledger entry with its unit and people looked up and
//! its dates checked, grouped by unit so that a unit's page and the audit read them directly.

use super::columns::{CATEGORIES, Status, VISIT_KINDS};
use crate::model::{PersonIndex, UnitIndex};
use serde::{Deserialize, Serialize};
use time::Date;

/// How many days count as "the year" up to the publication date: the 365 days ending on it.
pub(crate) const YEAR_DAYS: i64 = 365;

/// Whether `date` is within the 365 days ending on `today` (today included).
pub(crate) fn within_year(date: Date, today: Date) -> bool {
    date <= today && (today - date).whole_days() < YEAR_DAYS
}

/// The people of one row: a range of [`Worklog::people`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct People {
    start: u32,
    len: u32,
}

/// Where a row is: a table (a sheet of a file) and its 1-based row number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct RowAt {
    pub(crate) table: u32,
    pub(crate) row: u32,
}

/// A sheet of a log file, as messages name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct TableName {
    /// Site-relative, `/`-separated: `content/ledger/2026.xlsx`.
    pub(crate) file: String,
    /// `None` for a CSV file.
    pub(crate) sheet: Option<String>,
}

/// What kind of visit a row records.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum VisitKind {
    /// One of the kinds the spec names: an index into the list of known kinds (入户 first).
    Known(u8),
    /// Any other text, as written.
    Other(Box<str>),
    /// The row (or its sheet) gives no kind.
    Unstated,
}

impl VisitKind {
    /// 入户: the visits the home-visit quota counts.
    pub(crate) fn is_home(&self) -> bool {
        matches!(self, VisitKind::Known(0))
    }

    /// The UI string key of a known kind (`visit_kind_<key>`).
    pub(crate) fn key(&self) -> Option<&'static str> {
        match self {
            VisitKind::Known(i) => VISIT_KINDS.get(usize::from(*i)).map(|w| w.key),
            _ => None,
        }
    }

    /// The kind in the log's own words: the spec's Chinese word for a known kind.
    pub(crate) fn text(&self) -> &str {
        match self {
            VisitKind::Known(i) => VISIT_KINDS.get(usize::from(*i)).map_or("", |w| w.chinese),
            VisitKind::Other(text) => text,
            VisitKind::Unstated => "",
        }
    }
}

/// A ledger entry's category.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Category {
    /// An index into the list of categories the spec names.
    Known(u8),
    Other(Box<str>),
    Unstated,
}

impl Category {
    pub(crate) fn key(&self) -> Option<&'static str> {
        match self {
            Category::Known(i) => CATEGORIES.get(usize::from(*i)).map(|w| w.key),
            _ => None,
        }
    }

    pub(crate) fn text(&self) -> &str {
        match self {
            Category::Known(i) => CATEGORIES.get(usize::from(*i)).map_or("", |w| w.chinese),
            Category::Other(text) => text,
            Category::Unstated => "",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Visit {
    pub(crate) date: Date,
    pub(crate) unit: UnitIndex,
    pub(crate) kind: VisitKind,
    /// How many households were visited (入户), when the log says.
    pub(crate) households: Option<u32>,
    pub(crate) people: People,
    /// A short public summary.
    pub(crate) topic: Option<Box<str>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct LedgerEntry {
    /// Unique within the site.
    pub(crate) id: Box<str>,
    pub(crate) unit: UnitIndex,
    pub(crate) raised: Date,
    pub(crate) category: Category,
    /// Published only with `[ledger] publish_summary = true`.
    pub(crate) summary: Option<Box<str>>,
    /// The people responsible.
    pub(crate) owners: People,
    pub(crate) due: Option<Date>,
    pub(crate) status: Status,
    pub(crate) closed: Option<Date>,
    pub(crate) at: RowAt,
}

impl LedgerEntry {
    /// Open, and its deadline is before `today`: to be 督办.
    pub(crate) fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.due.is_some_and(|due| due < today)
    }
}

/// The site's work log. Empty (and not kept) when the site has no `content/visits/` or
/// `content/ledger/` folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Worklog {
    /// Whether the site keeps a visit log (a `content/visits/` folder).
    pub(crate) visits_kept: bool,
    /// Whether the site keeps a problem ledger (a `content/ledger/` folder).
    pub(crate) ledger_kept: bool,
    /// By unit, each unit's newest first.
    visits: Vec<Visit>,
    /// `visits[visit_starts[u]..visit_starts[u + 1]]` are unit `u`'s.
    visit_starts: Vec<u32>,
    /// By unit, each unit's most recently raised first.
    ledger: Vec<LedgerEntry>,
    ledger_starts: Vec<u32>,
    /// The people of every row, one after another (see [`People`]).
    people: Vec<u32>,
    /// Every table rows were read from, for messages.
    pub(crate) tables: Vec<TableName>,
}

impl Worklog {
    /// Builds the log from its rows in any order; `units` is the number of units of the site.
    pub(crate) fn new(
        units: usize,
        mut visits: Vec<Visit>,
        mut ledger: Vec<LedgerEntry>,
        people: Vec<u32>,
        tables: Vec<TableName>,
    ) -> Worklog {
        use rayon::slice::ParallelSliceMut;
        // On every core: a province's year holds 850,000 visits. Rows on one day for one unit
        // keep the order the (deterministic) sort leaves them in, the same in every build.
        rayon::join(
            || visits.par_sort_unstable_by(|a, b| (a.unit, b.date).cmp(&(b.unit, a.date))),
            || {
                ledger.par_sort_unstable_by(|a, b| {
                    (a.unit, b.raised, &a.id).cmp(&(b.unit, a.raised, &b.id))
                })
            },
        );
        let visit_starts = starts(units, visits.iter().map(|v| v.unit));
        let ledger_starts = starts(units, ledger.iter().map(|e| e.unit));
        Worklog {
            visits_kept: false,
            ledger_kept: false,
            visits,
            visit_starts,
            ledger,
            ledger_starts,
            people,
            tables,
        }
    }

    /// Every visit, by unit.
    pub(crate) fn visits(&self) -> &[Visit] {
        &self.visits
    }

    /// Every ledger entry, by unit.
    pub(crate) fn ledger(&self) -> &[LedgerEntry] {
        &self.ledger
    }

    /// A unit's visits, newest first.
    pub(crate) fn visits_of(&self, unit: UnitIndex) -> &[Visit] {
        slice(&self.visits, &self.visit_starts, unit)
    }

    /// A unit's ledger entries, most recently raised first.
    pub(crate) fn ledger_of(&self, unit: UnitIndex) -> &[LedgerEntry] {
        slice(&self.ledger, &self.ledger_starts, unit)
    }

    pub(crate) fn people(&self, people: People) -> impl Iterator<Item = PersonIndex> + '_ {
        let start = people.start as usize;
        self.people[start..start + people.len as usize]
            .iter()
            .map(|&p| p as usize)
    }

    pub(crate) fn table(&self, at: RowAt) -> &TableName {
        &self.tables[at.table as usize]
    }
}

/// Appends `people` to `arena` and says where they are.
pub(crate) fn push_people(
    arena: &mut Vec<u32>,
    people: impl IntoIterator<Item = PersonIndex>,
) -> People {
    let start = arena.len();
    arena.extend(people.into_iter().map(|p| p as u32));
    People {
        start: start as u32,
        len: (arena.len() - start) as u32,
    }
}

/// Moves rows' people from one arena to the end of another.
pub(crate) fn move_people(from: &[u32], people: People, to: &mut Vec<u32>) -> People {
    let start = people.start as usize;
    push_people(
        to,
        from[start..start + people.len as usize]
            .iter()
            .map(|&p| p as usize),
    )
}

/// Where each unit's rows start in a list sorted by unit, and where the last one's end.
fn starts(units: usize, sorted: impl Iterator<Item = UnitIndex>) -> Vec<u32> {
    let mut starts = vec![0u32; units + 1];
    for unit in sorted {
        starts[unit + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    starts
}

fn slice<'a, T>(all: &'a [T], starts: &[u32], unit: UnitIndex) -> &'a [T] {
    match (starts.get(unit), starts.get(unit + 1)) {
        (Some(&a), Some(&b)) => &all[a as usize..b as usize],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn visit(unit: UnitIndex, date: Date) -> Visit {
        Visit {
            date,
            unit,
            kind: VisitKind::Unstated,
            households: None,
            people: People::default(),
            topic: None,
        }
    }

    #[test]
    fn visits_are_grouped_by_unit_newest_first() {
        let log = Worklog::new(
            3,
            vec![
                visit(2, date!(2024 - 01 - 01)),
                visit(0, date!(2024 - 01 - 05)),
                visit(2, date!(2024 - 03 - 01)),
                visit(0, date!(2024 - 02 - 05)),
            ],
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        let dates = |u| -> Vec<Date> { log.visits_of(u).iter().map(|v| v.date).collect() };
        assert_eq!(dates(0), [date!(2024 - 02 - 05), date!(2024 - 01 - 05)]);
        assert!(dates(1).is_empty());
        assert_eq!(dates(2), [date!(2024 - 03 - 01), date!(2024 - 01 - 01)]);
        assert!(dates(7).is_empty());
    }

    #[test]
    fn the_year_is_the_365_days_ending_today() {
        let today = date!(2024 - 06 - 01);
        assert!(within_year(today, today));
        assert!(within_year(date!(2023 - 06 - 03), today));
        assert!(!within_year(date!(2023 - 06 - 02), today));
        assert!(!within_year(date!(2024 - 06 - 02), today));
    }

    #[test]
    fn people_ranges_survive_a_move_between_arenas() {
        let mut a = vec![9];
        let p = push_people(&mut a, [3, 4]);
        let mut b = vec![1, 2, 7];
        let moved = move_people(&a, p, &mut b);
        let log = Worklog::new(0, Vec::new(), Vec::new(), b, Vec::new());
        assert_eq!(log.people(moved).collect::<Vec<_>>(), [3, 4]);
    }
}
