//! What templates see of the work log: a unit page's section (its latest visits with the
//! year's count, its ledger entries of the past year and any still open) and the ledger page
//! (`ledger/index.html`). Only counts, kinds, dates, statuses, public topics and cadres' names
//! are shown; a ledger entry's summary only with `[ledger] publish_summary = true`.

use super::audit::{self, LedgerFindings, OverdueEntry};
use super::model::{LedgerEntry, Visit, within_year};
use crate::content::values::iso_date;
use crate::model::{Site, UnitIndex};
use serde::Serialize;

/// The ledger page's path.
pub(crate) const LEDGER_PAGE: &str = "ledger/";
/// How many of a unit's latest visits its page lists.
pub(crate) const LATEST_VISITS: usize = 5;

/// Hashes the work log, which every unit's page and the ledger page show: a build renders
/// everything again when it changes. The names of the people in it are not hashed here: a unit
/// page shows those of its latest visits ([`people_shown`]), which count in the unit's own
/// fingerprint, and the ledger and coverage pages are rendered whenever anyone changed.
pub(crate) fn hash_shown(site: &Site, h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    site.worklog.hash(h);
}

/// The people whose names `unit`'s page shows in its latest visits: they need not be on its
/// team, so renaming one changes the page.
pub(crate) fn people_shown(site: &Site, unit: UnitIndex) -> impl Iterator<Item = usize> + '_ {
    let log = &site.worklog;
    log.visits_of(unit)
        .iter()
        .take(LATEST_VISITS)
        .flat_map(|v| log.people(v.people))
}

/// The `worklog` of `unit.html`.
#[derive(Debug, Serialize)]
pub(crate) struct UnitSection<'a> {
    pub(crate) visits_kept: bool,
    pub(crate) ledger_kept: bool,
    /// The unit's visits in the 365 days up to the publication date.
    pub(crate) visits_year: usize,
    /// The same in the theme's words (`log_visits_year`).
    pub(crate) visits_year_display: String,
    /// The latest visits, newest first.
    pub(crate) visits: Vec<VisitView<'a>>,
    /// Entries raised in the past year, and older ones still open; most recent first.
    pub(crate) entries: Vec<EntryView<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct VisitView<'a> {
    pub(crate) date: String,
    pub(crate) date_display: String,
    /// The UI string key of a kind the spec names (`log_kind_<key>`), else the kind as written.
    pub(crate) kind_key: Option<&'static str>,
    pub(crate) kind: &'a str,
    /// The kind in the theme's words (`log_kind_<key>`), else as written; none when the
    /// visit names none.
    pub(crate) kind_display: Option<String>,
    pub(crate) households: Option<u32>,
    /// The same in the theme's words (`log_households`).
    pub(crate) households_display: Option<String>,
    /// The names of who went.
    pub(crate) people: Vec<&'a str>,
    /// The same names as one line, separated by the theme's `list_sep`.
    pub(crate) people_display: String,
    pub(crate) topic: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct EntryView<'a> {
    pub(crate) id: &'a str,
    pub(crate) category_key: Option<&'static str>,
    pub(crate) category: &'a str,
    /// The category in the theme's words (`log_category_<key>`), else as written, else the
    /// theme's `log_category_none`.
    pub(crate) category_display: String,
    pub(crate) raised: String,
    pub(crate) due: Option<String>,
    /// The status key (`open`, `assigned`, `in_progress`, `resolved`, `answered`).
    pub(crate) status: &'static str,
    /// The status in the theme's words (`log_status_<status>`).
    pub(crate) status_display: String,
    pub(crate) open: bool,
    pub(crate) closed: Option<String>,
    pub(crate) overdue: bool,
    /// Only with `[ledger] publish_summary = true`.
    pub(crate) summary: Option<&'a str>,
}

/// A unit page's work log, or `None` when the site keeps neither log.
/// How the theme words what a unit's section shows: a date, a count in the string of a key
/// (its `{n}` filled), and the word under a key. Made here rather than in the templates, where
/// a `replace` or `join` filter, or a key put together and looked up, cost every one of a
/// unit's latest visits and entries a filter call or a lookup in the whole table of words.
pub(crate) struct Words<'w> {
    pub(crate) date: &'w dyn Fn(time::Date) -> String,
    pub(crate) count: &'w dyn Fn(&str, u64) -> String,
    pub(crate) word: &'w dyn Fn(&str) -> String,
}

pub(crate) fn unit_section<'a>(
    site: &'a Site,
    unit: UnitIndex,
    words: &Words,
) -> Option<UnitSection<'a>> {
    let log = &site.worklog;
    if !log.visits_kept && !log.ledger_kept {
        return None;
    }
    let visits = log.visits_of(unit);
    let visits_year = visits
        .iter()
        .take_while(|v| within_year(v.date, site.date))
        .count();
    let sep = (words.word)("list_sep");
    let entries = log
        .ledger_of(unit)
        .iter()
        .filter(|e| e.status.is_open() || within_year(e.raised, site.date))
        .map(|e| entry_view(site, e, words))
        .collect();
    Some(UnitSection {
        visits_kept: log.visits_kept,
        ledger_kept: log.ledger_kept,
        visits_year,
        visits_year_display: (words.count)("log_visits_year", visits_year as u64),
        visits: visits
            .iter()
            .take(LATEST_VISITS)
            .map(|v| visit_view(site, v, words, &sep))
            .collect(),
        entries,
    })
}

/// A visit as a unit's page shows it; `sep` is the theme's `list_sep`.
fn visit_view<'a>(site: &'a Site, v: &'a Visit, words: &Words, sep: &str) -> VisitView<'a> {
    let people: Vec<&str> = site
        .worklog
        .people(v.people)
        .map(|p| site.people[p].name.as_str())
        .collect();
    let kind = v.kind.text();
    VisitView {
        date: iso_date(v.date),
        date_display: (words.date)(v.date),
        kind_key: v.kind.key(),
        kind,
        kind_display: match v.kind.key() {
            Some(key) => Some((words.word)(&format!("log_kind_{key}"))),
            None => (!kind.is_empty()).then(|| kind.to_string()),
        },
        households: v.households,
        households_display: v
            .households
            .map(|n| (words.count)("log_households", u64::from(n))),
        people_display: people.join(sep),
        people,
        topic: v.topic.as_deref(),
    }
}

fn entry_view<'a>(site: &'a Site, e: &'a LedgerEntry, words: &Words) -> EntryView<'a> {
    let category = e.category.text();
    EntryView {
        id: &e.id,
        category_key: e.category.key(),
        category,
        category_display: match e.category.key() {
            Some(key) => (words.word)(&format!("log_category_{key}")),
            None if !category.is_empty() => category.to_string(),
            None => (words.word)("log_category_none"),
        },
        raised: iso_date(e.raised),
        due: e.due.map(iso_date),
        status: e.status.key(),
        status_display: (words.word)(&format!("log_status_{}", e.status.key())),
        open: e.status.is_open(),
        closed: e.closed.map(iso_date),
        overdue: e.is_overdue(site.date),
        summary: summary(site, e),
    }
}

fn summary<'a>(site: &Site, e: &'a LedgerEntry) -> Option<&'a str> {
    if site.config.worklog.publish_summary {
        e.summary.as_deref()
    } else {
        None
    }
}

/// The `ledger` of `ledger.html`: the audit's totals, and its overdue entries with their
/// summaries when those are published.
#[derive(Debug, Serialize)]
pub(crate) struct LedgerPage<'a> {
    #[serde(flatten)]
    pub(crate) findings: LedgerFindings,
    pub(crate) overdue_entries: Vec<OverdueView<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct OverdueView<'a> {
    #[serde(flatten)]
    pub(crate) entry: OverdueEntry,
    pub(crate) summary: Option<&'a str>,
}

/// The ledger page, or `None` when the site keeps no ledger.
pub(crate) fn ledger_page(site: &Site) -> Option<LedgerPage<'_>> {
    if !site.worklog.ledger_kept {
        return None;
    }
    let mut findings = audit::ledger(site);
    let by_id: foldhash::HashMap<&str, &LedgerEntry> = match site.config.worklog.publish_summary {
        true => site.worklog.ledger().iter().map(|e| (&*e.id, e)).collect(),
        false => Default::default(),
    };
    let overdue_entries = std::mem::take(&mut findings.overdue)
        .into_iter()
        .map(|entry| OverdueView {
            summary: by_id.get(entry.id.as_str()).and_then(|e| summary(site, e)),
            entry,
        })
        .collect();
    Some(LedgerPage {
        findings,
        overdue_entries,
    })
}
