//! The coverage audit (全覆盖): which units lack a team, enough members or a lead, who is
//! linked to too many units, whose number has not been confirmed for too long, which number is
//! given for two people, who is on no team at all and whose assignments have all ended.
//!
//! Only current assignments count (`Assignment::current`: inside `[since, until]` on the
//! publication date), so an expired or future assignment never hides a gap. The [`Report`] is
//! what `check --format json` prints and what the build publishes as `coverage.json`; [`text`]
//! prints it for people.

pub(crate) mod campaign;
mod campaign_text;
pub(crate) mod outdated;
mod public;
pub mod text;

use crate::config::Rules;
use crate::diagnostics::Diagnostic;
use crate::model::{Site, Unit};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Rule {
    NoTeam,
    MinTeam,
    RequireLead,
    /// A `[[rules.require]]` not met.
    Require,
    /// Fewer households linked than `household_coverage` asks for.
    Households,
}

impl Rule {
    /// The short label the text report and the coverage page use.
    pub(crate) fn label(self) -> std::borrow::Cow<'static, str> {
        self.label_in(crate::messages::language()).into()
    }

    /// The short label in `language` (the audit workbook is in the site's language).
    pub(crate) fn label_in(self, language: crate::config::Language) -> String {
        use crate::messages::msg_in;
        match self {
            Rule::NoTeam => msg_in!(language, "check-label-no-team"),
            Rule::MinTeam => msg_in!(language, "check-label-team-too-small"),
            Rule::RequireLead => msg_in!(language, "check-label-no-lead"),
            Rule::Require => msg_in!(language, "campaign-label-require"),
            Rule::Households => msg_in!(language, "campaign-label-households"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Gap {
    /// The unit's id (its URL path).
    pub(crate) unit: String,
    pub(crate) name: String,
    /// The id of the area the unit is in (`""` for units directly under `content/`).
    pub(crate) area: String,
    pub(crate) file: String,
    pub(crate) rule: Rule,
    pub(crate) message: String,
    /// Current team members on the publication date.
    pub(crate) members: usize,
    /// Assignments in the file that are expired or not yet started, so do not count.
    pub(crate) not_current: usize,
    /// `requirement` of a `require` gap; `linked` and `households` of a `households` gap.
    #[serde(flatten)]
    pub(crate) detail: campaign::GapDetail,
}

impl Gap {
    /// A gap of `unit` under `rule`, with its current and other assignments counted.
    fn of(
        site: &Site,
        unit: &Unit,
        rule: Rule,
        message: String,
        detail: campaign::GapDetail,
    ) -> Gap {
        let members = unit.current_team().count();
        Gap {
            unit: unit.id.clone(),
            name: unit.name.clone(),
            area: site.areas[unit.area].id.clone(),
            file: unit.record.source.clone(),
            rule,
            message,
            members,
            not_current: unit.record.team.len() - members,
            detail,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Overload {
    pub(crate) person: String,
    pub(crate) name: String,
    /// The person's page, relative to the site root.
    pub(crate) page: String,
    pub(crate) file: String,
    /// Ids of the units whose current team the person is on.
    pub(crate) units: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Stale {
    pub(crate) person: String,
    pub(crate) name: String,
    pub(crate) page: String,
    pub(crate) file: String,
    pub(crate) checked: String,
    pub(crate) days: i64,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SharedPhone {
    /// E.164, the form two differently written numbers are compared in.
    pub(crate) phone: String,
    /// As printed on the boards.
    pub(crate) display: String,
    /// Person ids, and their names in the same order.
    pub(crate) people: Vec<String>,
    pub(crate) names: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AreaTotals {
    pub(crate) area: String,
    pub(crate) name: String,
    /// Units directly in this area (a sub-area has its own entry).
    pub(crate) units: usize,
    /// Units with at least one current team member.
    pub(crate) covered: usize,
    /// Units with no gap at all.
    pub(crate) complete: usize,
    /// `covered / units` in percent, one decimal.
    pub(crate) percent_covered: f64,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Totals {
    pub(crate) units: usize,
    pub(crate) covered: usize,
    pub(crate) complete: usize,
    pub(crate) people: usize,
    /// `covered / units` in percent, one decimal.
    pub(crate) percent_covered: f64,
}

/// The report `check --format json` prints and the build writes as `coverage.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The publication date the assignments were judged on.
    pub(crate) date: String,
    /// The `[rules]` applied.
    pub(crate) rules: Rules,
    pub(crate) errors: Vec<Diagnostic>,
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) gaps: Vec<Gap>,
    pub(crate) overloaded: Vec<Overload>,
    pub(crate) stale: Vec<Stale>,
    pub(crate) shared_phones: Vec<SharedPhone>,
    /// Ids of people no unit or area team names (a warning: a record left behind).
    pub(crate) unreferenced: Vec<String>,
    /// Ids of people on a team whose every assignment is outside its `since`/`until` dates
    /// (a warning: rotated out, or not started yet). Like the unreferenced, they are not
    /// published.
    pub(crate) not_serving: Vec<String>,
    /// What the printed boards will lack: a hotline, the issuer, photos.
    pub(crate) boards: BoardDetails,
    /// The same two lists as the clerk reads them: `赵六 (content/people/zhao.toml)`.
    #[serde(skip)]
    pub(crate) off_team_names: (Vec<String>, Vec<String>),
    pub(crate) totals: Totals,
    /// Areas with units of their own, in tree order.
    pub(crate) areas: Vec<AreaTotals>,
    /// The visit log's findings (全过程).
    pub(crate) visits: crate::worklog::audit::VisitFindings,
    /// The problem ledger's totals and findings.
    pub(crate) ledger: crate::worklog::audit::LedgerFindings,
    /// `packages` and `idle_orgs`: the campaign findings that are not about one unit.
    #[serde(flatten)]
    pub(crate) campaign: campaign::Findings,
    /// What has gone out of date by today: a stale publication date, ended members.
    pub(crate) outdated: outdated::Outdated,
}

impl Report {
    /// Rule findings that `check --strict` fails on: gaps, overloaded people, stale numbers and
    /// numbers shared by two people. People on no team are only a warning.
    pub fn findings(&self) -> usize {
        self.gaps.len()
            + self.overloaded.len()
            + self.stale.len()
            + self.shared_phones.len()
            + self.visits.findings()
            + self.ledger.findings()
            + self.campaign.len()
            + self.outdated.len()
    }

    /// Whether `check` fails: on any error, and with `strict` on any finding too.
    pub fn fails(&self, strict: bool) -> bool {
        !self.errors.is_empty() || (strict && self.findings() > 0)
    }
}

/// Applies `[rules]` to the site on its publication date.
pub(crate) fn audit(site: &Site) -> Report {
    let mut gaps = Vec::new();
    for unit in &site.units {
        unit_gaps(site, unit, &mut gaps);
        campaign::unit_gaps(site, unit, &mut gaps);
    }
    let (unreferenced, not_serving) = off_teams(site);
    let named = |people: &[usize]| -> Vec<String> {
        people
            .iter()
            .map(|&p| format!("{} ({})", site.people[p].name, site.people[p].source))
            .collect()
    };
    let off_team_names = (named(&unreferenced), named(&not_serving));
    let id = |people: Vec<usize>| -> Vec<String> {
        people
            .into_iter()
            .map(|p| site.people[p].id.clone())
            .collect()
    };
    let (unreferenced, not_serving) = (id(unreferenced), id(not_serving));
    let (areas, totals) = totals(site, &gaps);
    Report {
        date: site.date.to_string(),
        rules: site.config.rules.clone(),
        errors: Vec::new(),
        warnings: Vec::new(),
        gaps,
        overloaded: overloaded(site),
        stale: stale(site),
        shared_phones: shared_phones(site),
        unreferenced,
        not_serving,
        off_team_names,
        boards: BoardDetails::of(site),
        totals,
        areas,
        visits: crate::worklog::audit::visits(site),
        ledger: crate::worklog::audit::ledger(site),
        campaign: campaign::findings(site),
        outdated: outdated::audit(site, crate::build::publication_date(None)),
    }
}

/// What the boards will print without: counted by `check` so that a clerk sees a board with
/// no supervision hotline, no issuer or blank photos before the print shop does.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct BoardDetails {
    /// Units whose board has no supervision hotline (their own, their area's or the site's).
    pub(crate) units_without_hotline: usize,
    /// Whether config.toml names no issuer (落款) for the boards.
    pub(crate) no_issuer: bool,
    /// Serving people without a photo, out of `people_serving`.
    pub(crate) people_without_photo: usize,
    pub(crate) people_serving: usize,
}

impl BoardDetails {
    fn of(site: &Site) -> BoardDetails {
        let serving = site.people.iter().filter(|p| p.serving);
        BoardDetails {
            units_without_hotline: site
                .units
                .iter()
                .filter(|u| u.record.hotline.is_none())
                .count(),
            no_issuer: site
                .config
                .issuer
                .as_deref()
                .is_none_or(|i| i.trim().is_empty()),
            people_without_photo: serving.clone().filter(|p| p.photo.is_none()).count(),
            people_serving: serving.count(),
        }
    }

    /// Whether any board lacks something.
    pub(crate) fn any(&self) -> bool {
        self.units_without_hotline > 0 || self.no_issuer || self.people_without_photo > 0
    }
}

/// A person's page, relative to the site root.
fn page(id: &str) -> String {
    format!("people/{}/", crate::model::resolve_person_slug(id))
}

/// People on more current units than `max_units_per_person`.
fn overloaded(site: &Site) -> Vec<Overload> {
    let rules = &site.config.rules;
    site.people
        .iter()
        .filter(|p| p.current_units.len() > rules.max_units_per_person)
        .map(|p| Overload {
            person: p.id.clone(),
            name: p.name.clone(),
            page: page(&p.id),
            file: p.source.clone(),
            units: p
                .current_units
                .iter()
                .map(|&u| site.units[u].id.clone())
                .collect(),
        })
        .collect()
}

/// Published numbers not confirmed within `max_age_days`. A number that is not published
/// cannot send anyone to the wrong person.
fn stale(site: &Site) -> Vec<Stale> {
    let rules = &site.config.rules;
    site.people
        .iter()
        .filter(|p| p.serving)
        .filter_map(|p| {
            let checked = p.checked?;
            let days = (site.date - checked).whole_days();
            (days > rules.max_age_days).then(|| Stale {
                person: p.id.clone(),
                name: p.name.clone(),
                page: page(&p.id),
                file: p.source.clone(),
                checked: checked.to_string(),
                days,
            })
        })
        .collect()
}

/// Numbers given for two or more people.
fn shared_phones(site: &Site) -> Vec<SharedPhone> {
    let mut by_phone: BTreeMap<&str, Vec<&crate::model::Person>> = BTreeMap::new();
    for p in &site.people {
        by_phone.entry(&p.phone.e164).or_default().push(p);
    }
    by_phone
        .into_iter()
        .filter(|(_, people)| people.len() > 1)
        .map(|(phone, people)| SharedPhone {
            phone: phone.to_string(),
            display: people[0].phone.display.clone(),
            people: people.iter().map(|p| p.id.clone()).collect(),
            names: people.iter().map(|p| p.name.clone()).collect(),
        })
        .collect()
}

/// People on no team at all, and people on teams whose every assignment is outside its dates.
fn off_teams(site: &Site) -> (Vec<usize>, Vec<usize>) {
    let mut referenced = vec![false; site.people.len()];
    let area_records = site.areas.iter().filter_map(|a| a.record.as_ref());
    for record in site.units.iter().map(|u| &u.record).chain(area_records) {
        for a in &record.team {
            referenced[a.person] = true;
        }
    }
    let people = || site.people.iter().enumerate().zip(&referenced);
    let unreferenced = people()
        .filter(|(_, r)| !**r)
        .map(|((i, _), _)| i)
        .collect();
    let not_serving = people()
        .filter(|((_, p), r)| **r && !p.serving)
        .map(|((i, _), _)| i)
        .collect();
    (unreferenced, not_serving)
}

/// Coverage by area (areas holding units), and for the whole site.
fn totals(site: &Site, gaps: &[Gap]) -> (Vec<AreaTotals>, Totals) {
    let is_covered = |u: &Unit| u.current_team().next().is_some();
    // One set, not a scan of every gap per unit: 200,000 units without a team are 200,000 gaps.
    let with_gaps: std::collections::HashSet<&str> = gaps.iter().map(|g| g.unit.as_str()).collect();
    let is_complete = |u: &Unit| !with_gaps.contains(u.id.as_str());
    let count = |units: &[usize], test: &dyn Fn(&Unit) -> bool| {
        units.iter().filter(|&&u| test(&site.units[u])).count()
    };
    let areas = site
        .areas
        .iter()
        .filter(|a| !a.units.is_empty())
        .map(|a| {
            let covered = count(&a.units, &is_covered);
            AreaTotals {
                area: a.id.clone(),
                name: a.name.clone(),
                units: a.units.len(),
                covered,
                complete: count(&a.units, &is_complete),
                percent_covered: percent(covered, a.units.len()),
            }
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
    (areas, totals)
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
    // Saying how many assignments were left out tells the clerk why a unit that has a team
    // in its file still shows up: the dates, not a missing line.
    let not_current = unit.record.team.len() - members;
    let mut gap =
        |rule, message: String| gaps.push(Gap::of(site, unit, rule, message, Default::default()));
    let note = if not_current > 0 {
        crate::msg!(
            "check-note-not-current",
            count = not_current,
            date = site.date.to_string()
        )
    } else {
        String::new()
    };
    if members == 0 {
        gap(
            Rule::NoTeam,
            crate::msg!("check-gap-no-team", unit = &unit.name, note = &note),
        );
        return;
    }
    if unit.record.kind.needs_full_team() && members < rules.min_team {
        gap(
            Rule::MinTeam,
            crate::msg!(
                "check-gap-team-too-small",
                unit = &unit.name,
                members = members,
                min = rules.min_team,
                note = &note
            ),
        );
    }
    if rules.require_lead && unit.record.leads().next().is_none() {
        gap(
            Rule::RequireLead,
            crate::msg!("check-gap-no-lead", unit = &unit.name, note = &note),
        );
    }
}

/// The report of a site that did not load: errors only.
pub fn empty(date: time::Date) -> Report {
    Report {
        date: date.to_string(),
        rules: Rules::default(),
        errors: Vec::new(),
        warnings: Vec::new(),
        gaps: Vec::new(),
        overloaded: Vec::new(),
        stale: Vec::new(),
        shared_phones: Vec::new(),
        unreferenced: Vec::new(),
        not_serving: Vec::new(),
        off_team_names: Default::default(),
        boards: BoardDetails::default(),
        totals: Totals {
            units: 0,
            covered: 0,
            complete: 0,
            people: 0,
            percent_covered: 100.0,
        },
        areas: Vec::new(),
        visits: Default::default(),
        ledger: Default::default(),
        campaign: campaign::Findings::default(),
        outdated: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_has_one_decimal_and_an_empty_site_is_fully_covered() {
        assert_eq!(percent(418, 432), 96.8);
        assert_eq!(percent(2, 3), 66.7);
        assert_eq!(percent(0, 0), 100.0);
        assert_eq!(percent(0, 5), 0.0);
    }
}
