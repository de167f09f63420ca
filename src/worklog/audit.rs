//! The work log's audit (全过程): units with a current team not visited within
//! `unit_every_days`, serving people with fewer than `home_visits_per_year` 入户 visits in the
//! 365 days up to the publication date, open ledger entries past their deadline (超期, to be
//! 督办), and resolved entries without a closing date. The findings are part of the coverage
//! report (`check`, `coverage.json`, the coverage page, `--strict`).

use super::model::{Category, LedgerEntry, within_year};
use crate::content::values::iso_date;
use crate::model::Site;
use serde::Serialize;
use std::collections::BTreeMap;

/// The visit findings: `visits` in `check --format json` and `coverage.json`.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct VisitFindings {
    /// Whether the visit rules were applied: the site keeps a visit log (`content/visits/`)
    /// or sets `[rules.visits]`.
    pub(crate) audited: bool,
    pub(crate) unit_every_days: u32,
    pub(crate) home_visits_per_year: u32,
    pub(crate) overdue_units: Vec<OverdueUnit>,
    pub(crate) under_quota: Vec<UnderQuota>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct OverdueUnit {
    /// The unit's id (its URL path).
    pub(crate) unit: String,
    pub(crate) name: String,
    /// The id of the unit's area.
    pub(crate) area: String,
    pub(crate) file: String,
    /// The date of the unit's latest visit, or null when it has none.
    pub(crate) last: Option<String>,
    /// Days from the latest visit to the publication date.
    pub(crate) days: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UnderQuota {
    pub(crate) person: String,
    pub(crate) name: String,
    /// The person's page, relative to the site root.
    pub(crate) page: String,
    pub(crate) file: String,
    /// 入户 visits in the 365 days up to the publication date.
    pub(crate) home_visits: u32,
    pub(crate) required: u32,
}

/// The ledger findings: `ledger` in `check --format json` and `coverage.json`.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct LedgerFindings {
    /// Whether the site keeps a ledger (`content/ledger/`).
    pub(crate) kept: bool,
    pub(crate) entries: usize,
    /// Open entries (待办, 交办, 办理中), the overdue ones included.
    pub(crate) open: usize,
    /// Open entries whose deadline is before the publication date, longest overdue first.
    pub(crate) overdue: Vec<OverdueEntry>,
    /// Resolved entries (已办结, 已反馈).
    pub(crate) resolved: usize,
    /// Resolved entries without a closing date (办结日期).
    pub(crate) no_closing_date: Vec<EntryRef>,
    /// By the units' areas, in the order of the area tree.
    pub(crate) areas: Vec<LedgerTotals>,
    /// By category: the spec's categories in its order, then others, then entries without one.
    pub(crate) categories: Vec<LedgerTotals>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct OverdueEntry {
    pub(crate) id: String,
    /// The unit's id (its URL path).
    pub(crate) unit: String,
    pub(crate) name: String,
    pub(crate) area: String,
    pub(crate) category: String,
    /// The UI string key of a category the spec names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) category_key: Option<&'static str>,
    pub(crate) raised: String,
    pub(crate) due: String,
    /// Days past the deadline on the publication date.
    pub(crate) days: i64,
    /// The names of the people responsible.
    pub(crate) owners: Vec<String>,
    pub(crate) file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sheet: Option<String>,
    pub(crate) row: u32,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntryRef {
    pub(crate) id: String,
    pub(crate) unit: String,
    pub(crate) name: String,
    pub(crate) area: String,
    pub(crate) file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sheet: Option<String>,
    pub(crate) row: u32,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct LedgerTotals {
    /// The area's id, or the category as written.
    pub(crate) key: String,
    pub(crate) name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) category_key: Option<&'static str>,
    pub(crate) open: usize,
    pub(crate) overdue: usize,
    pub(crate) resolved: usize,
}

impl VisitFindings {
    /// What `check --strict` fails on.
    pub(crate) fn findings(&self) -> usize {
        self.overdue_units.len() + self.under_quota.len()
    }
}

impl LedgerFindings {
    /// What `check --strict` fails on.
    pub(crate) fn findings(&self) -> usize {
        self.overdue.len() + self.no_closing_date.len()
    }
}

/// Applies `[rules.visits]` to the visit log on the publication date.
pub(crate) fn visits(site: &Site) -> VisitFindings {
    let rules = site.config.worklog.visits;
    let log = &site.worklog;
    let mut found = VisitFindings {
        audited: log.visits_kept || rules.configured,
        unit_every_days: rules.unit_every_days,
        home_visits_per_year: rules.home_visits_per_year,
        ..VisitFindings::default()
    };
    if !found.audited {
        return found;
    }
    let every = i64::from(rules.unit_every_days);
    for (i, unit) in site.units.iter().enumerate() {
        if unit.current_team().next().is_none() {
            continue;
        }
        // Newest first; none is after the publication date (that is an error).
        let last = log.visits_of(i).first().map(|v| v.date);
        let days = last.map(|d| (site.date - d).whole_days());
        if days.is_none_or(|d| d > every) {
            found.overdue_units.push(OverdueUnit {
                unit: unit.id.clone(),
                name: unit.name.clone(),
                area: site.areas[unit.area].id.clone(),
                file: unit.record.source.clone(),
                last: last.map(|d| d.to_string()),
                days,
            });
        }
    }
    let mut home = vec![0u32; site.people.len()];
    for visit in log.visits() {
        if visit.kind.is_home() && within_year(visit.date, site.date) {
            for p in log.people(visit.people) {
                home[p] += 1;
            }
        }
    }
    for p in site.published_people() {
        let person = &site.people[p];
        if home[p] < rules.home_visits_per_year {
            found.under_quota.push(UnderQuota {
                person: person.id.clone(),
                name: person.name.clone(),
                page: format!("people/{}/", crate::model::resolve_person_slug(&person.id)),
                file: person.source.clone(),
                home_visits: home[p],
                required: rules.home_visits_per_year,
            });
        }
    }
    found
}

/// Sums the ledger and finds its overdue and undated entries on the publication date.
pub(crate) fn ledger(site: &Site) -> LedgerFindings {
    let log = &site.worklog;
    let mut found = LedgerFindings {
        kept: log.ledger_kept,
        ..LedgerFindings::default()
    };
    let mut by_area = vec![LedgerTotals::default(); site.areas.len()];
    let mut by_category: BTreeMap<&Category, LedgerTotals> = BTreeMap::new();
    for entry in log.ledger() {
        found.entries += 1;
        let unit = &site.units[entry.unit];
        let overdue = entry.is_overdue(site.date);
        let category = by_category
            .entry(&entry.category)
            .or_insert_with(|| LedgerTotals {
                key: entry.category.text().to_string(),
                name: entry.category.text().to_string(),
                category_key: entry.category.key(),
                ..LedgerTotals::default()
            });
        for totals in [&mut by_area[unit.area], category] {
            if entry.status.is_open() {
                totals.open += 1;
                totals.overdue += usize::from(overdue);
            } else {
                totals.resolved += 1;
            }
        }
        if entry.status.is_open() {
            found.open += 1;
            if overdue {
                found.overdue.push(overdue_entry(site, entry));
            }
        } else {
            found.resolved += 1;
            if entry.closed.is_none() {
                let table = log.table(entry.at);
                found.no_closing_date.push(EntryRef {
                    id: entry.id.to_string(),
                    unit: unit.id.clone(),
                    name: unit.name.clone(),
                    area: site.areas[unit.area].id.clone(),
                    file: table.file.clone(),
                    sheet: table.sheet.clone(),
                    row: entry.at.row,
                });
            }
        }
    }
    found
        .overdue
        .sort_by(|a, b| (b.days, &a.id).cmp(&(a.days, &b.id)));
    found.no_closing_date.sort_by(|a, b| a.id.cmp(&b.id));
    found.areas = by_area
        .into_iter()
        .enumerate()
        .filter(|(_, t)| t.open + t.resolved > 0)
        .map(|(i, t)| LedgerTotals {
            key: site.areas[i].id.clone(),
            name: site.areas[i].name.clone(),
            ..t
        })
        .collect();
    found.categories = by_category.into_values().collect();
    found
}

fn overdue_entry(site: &Site, entry: &LedgerEntry) -> OverdueEntry {
    let log = &site.worklog;
    let unit = &site.units[entry.unit];
    let table = log.table(entry.at);
    let due = entry.due.unwrap_or(site.date);
    OverdueEntry {
        id: entry.id.to_string(),
        unit: unit.id.clone(),
        name: unit.name.clone(),
        area: site.areas[unit.area].id.clone(),
        category: entry.category.text().to_string(),
        category_key: entry.category.key(),
        raised: iso_date(entry.raised),
        due: iso_date(due),
        days: (site.date - due).whole_days(),
        owners: log
            .people(entry.owners)
            .map(|p| site.people[p].name.clone())
            .collect(),
        file: table.file.clone(),
        sheet: table.sheet.clone(),
        row: entry.at.row,
    }
}
