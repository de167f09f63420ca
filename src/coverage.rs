//! The coverage audit (全覆盖): which units lack a team, enough members or a lead, who is
//! linked to too many units, whose number has not been confirmed for too long.

use crate::diagnostics::Diagnostic;
use crate::model::{Site, Unit};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    NoTeam,
    MinTeam,
    RequireLead,
}

#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    /// The unit's id (its URL path).
    pub unit: String,
    pub name: String,
    pub file: String,
    pub rule: Rule,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overload {
    pub person: String,
    pub name: String,
    pub units: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stale {
    pub person: String,
    pub name: String,
    pub checked: String,
    pub days: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SharedPhone {
    pub phone: String,
    pub people: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaTotals {
    pub area: String,
    pub name: String,
    pub units: usize,
    /// Units with at least one current team member.
    pub covered: usize,
    /// Units with no gap at all.
    pub complete: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub units: usize,
    pub covered: usize,
    pub complete: usize,
    pub people: usize,
    /// `covered / units` in percent, one decimal.
    pub percent_covered: f64,
}

/// The report `check --format json` prints and the build writes as `coverage.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub date: String,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    pub gaps: Vec<Gap>,
    pub overloaded: Vec<Overload>,
    pub stale: Vec<Stale>,
    pub shared_phones: Vec<SharedPhone>,
    /// People no unit or area team names.
    pub unreferenced: Vec<String>,
    pub totals: Totals,
    pub areas: Vec<AreaTotals>,
}

/// Applies `[rules]` to the site on its publication date.
pub fn audit(site: &Site) -> Report {
    let rules = &site.config.rules;
    let mut gaps = Vec::new();
    for unit in &site.units {
        unit_gaps(site, unit, &mut gaps);
    }

    let overloaded = site
        .people
        .iter()
        .filter(|p| p.current_units.len() > rules.max_units_per_person)
        .map(|p| Overload {
            person: p.id.clone(),
            name: p.name.clone(),
            units: p
                .current_units
                .iter()
                .map(|&u| site.units[u].id.clone())
                .collect(),
        })
        .collect();

    let stale = site
        .people
        .iter()
        .filter_map(|p| {
            let checked = p.checked?;
            let days = (site.date - checked).whole_days();
            (days > rules.max_age_days).then(|| Stale {
                person: p.id.clone(),
                name: p.name.clone(),
                checked: checked.to_string(),
                days,
            })
        })
        .collect();

    let mut by_phone: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for p in &site.people {
        by_phone
            .entry(&p.phone.e164)
            .or_default()
            .push(p.id.clone());
    }
    let shared_phones = by_phone
        .into_iter()
        .filter(|(_, people)| people.len() > 1)
        .map(|(phone, people)| SharedPhone {
            phone: phone.to_string(),
            people,
        })
        .collect();

    let mut referenced = vec![false; site.people.len()];
    let area_records = site.areas.iter().filter_map(|a| a.record.as_ref());
    for unit in site.units.iter().chain(area_records) {
        for a in &unit.team {
            referenced[a.person] = true;
        }
    }
    let unreferenced = site
        .people
        .iter()
        .zip(&referenced)
        .filter(|(_, r)| !**r)
        .map(|(p, _)| p.id.clone())
        .collect();

    let is_covered = |u: &Unit| u.current_team().next().is_some();
    let is_complete = |u: &Unit| !gaps.iter().any(|g: &Gap| g.unit == u.id);
    let areas = site
        .areas
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.units.is_empty())
        .map(|(_, a)| AreaTotals {
            area: a.id.clone(),
            name: a.name.clone(),
            units: a.units.len(),
            covered: a
                .units
                .iter()
                .filter(|&&u| is_covered(&site.units[u]))
                .count(),
            complete: a
                .units
                .iter()
                .filter(|&&u| is_complete(&site.units[u]))
                .count(),
        })
        .collect();
    let covered = site.units.iter().filter(|u| is_covered(u)).count();
    let totals = Totals {
        units: site.units.len(),
        covered,
        complete: site.units.iter().filter(|u| is_complete(u)).count(),
        people: site.people.len(),
        percent_covered: percent(covered, site.units.len()),
    };

    Report {
        date: site.date.to_string(),
        errors: Vec::new(),
        warnings: Vec::new(),
        gaps,
        overloaded,
        stale,
        shared_phones,
        unreferenced,
        totals,
        areas,
    }
}

/// One decimal place, 100.0 for an empty site (nothing is uncovered).
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 100.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

fn unit_gaps(site: &Site, unit: &Unit, gaps: &mut Vec<Gap>) {
    let rules = &site.config.rules;
    let members = unit.current_team().count();
    let mut gap = |rule, message: String| {
        gaps.push(Gap {
            unit: unit.id.clone(),
            name: unit.name.clone(),
            file: unit.source.clone(),
            rule,
            message,
        })
    };
    if members == 0 {
        let expired = unit.team.len();
        let note = if expired > 0 {
            format!(
                " ({expired} assignment(s) are outside their dates on {})",
                site.date
            )
        } else {
            String::new()
        };
        gap(
            Rule::NoTeam,
            format!("{} has no current team{note}", unit.name),
        );
        return;
    }
    if unit.kind.needs_full_team() && members < rules.min_team {
        gap(
            Rule::MinTeam,
            format!(
                "{} has {members} current member(s); at least {} are required",
                unit.name, rules.min_team
            ),
        );
    }
    if rules.require_lead && unit.leads().next().is_none() {
        gap(
            Rule::RequireLead,
            format!("{} has no current member with lead = true", unit.name),
        );
    }
}

/// The report of a site that did not load: errors only.
pub fn empty(date: time::Date) -> Report {
    Report {
        date: date.to_string(),
        errors: Vec::new(),
        warnings: Vec::new(),
        gaps: Vec::new(),
        overloaded: Vec::new(),
        stale: Vec::new(),
        shared_phones: Vec::new(),
        unreferenced: Vec::new(),
        totals: Totals {
            units: 0,
            covered: 0,
            complete: 0,
            people: 0,
            percent_covered: 100.0,
        },
        areas: Vec::new(),
    }
}
