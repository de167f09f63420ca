//! The campaign rules' audit (全覆盖, 全参与): units without the members a `[[rules.require]]`
//! asks for, units whose members link too few of their households, people of a rank short of
//! their `[[rules.package]]`, and organizations with nobody on a current team.
//!
//! Only current assignments count. Every check reads each unit's team, each person's current
//! units and each organization's people once: the audit stays linear in the size of the site.

use super::{Gap, Rule};
use crate::config::campaign::{PackageRule, RequireRule};
use crate::model::{Kind, Site, Unit};
use crate::msg;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a campaign gap adds to [`Gap`]: the requirement's name, or the household counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct GapDetail {
    /// `rule` = `require`: the rule's `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) requirement: Option<String>,
    /// `rule` = `households`: the households the current members link ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) linked: Option<u64>,
    /// ... out of the unit's `households`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) households: Option<u32>,
}

/// A person of a package's rank who is short of units of some kinds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PackageGap {
    /// The person's id.
    pub(crate) person: String,
    /// The `[[rules.package]]`'s name.
    pub(crate) package: String,
    /// How many more units of each kind the person must be on the current team of.
    pub(crate) missing: BTreeMap<Kind, usize>,
    pub(crate) name: String,
    pub(crate) file: String,
    /// The person's page, when they are published (serving today).
    pub(crate) page: Option<String>,
}

/// An organization nobody of which is on a current team (`every_org_serves`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct IdleOrg {
    /// Its name.
    pub(crate) org: String,
    /// Its page, relative to the site root.
    pub(crate) page: String,
    /// Its record, else the record of its first person.
    pub(crate) file: String,
}

/// The campaign findings that are not about one unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Findings {
    pub(crate) packages: Vec<PackageGap>,
    pub(crate) idle_orgs: Vec<IdleOrg>,
}

impl Findings {
    pub(crate) fn len(&self) -> usize {
        self.packages.len() + self.idle_orgs.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The `require` and `households` gaps of one unit. A unit without any current member has
/// its `no_team` gap and no others: the same missing team would be reported once per rule.
pub(crate) fn unit_gaps(site: &Site, unit: &Unit, gaps: &mut Vec<Gap>) {
    let rules = &site.config.rules.campaign;
    let members = unit.current_team().count();
    if members == 0 {
        return;
    }
    let not_current = unit.record.team.len() - members;
    let note = if not_current > 0 {
        msg!(
            "campaign-note-not-current",
            count = not_current,
            date = site.date.to_string()
        )
    } else {
        String::new()
    };
    let mut gap = |rule, message: String, detail| {
        gaps.push(Gap::of(
            site,
            unit,
            rule,
            format!("{message}{note}"),
            detail,
        ))
    };
    for rule in rules
        .require
        .iter()
        .filter(|r| r.kinds.contains(&unit.record.kind))
    {
        let found = unit
            .current_team()
            .filter(|a| {
                matches(
                    rule,
                    site.people[a.person].rank.as_deref(),
                    a.role.as_deref(),
                )
            })
            .count();
        if found < rule.min {
            let message = msg!(
                "campaign-gap-require",
                unit = &unit.name,
                requirement = &rule.name,
                who = who(rule),
                found = found,
                min = rule.min
            );
            let detail = GapDetail {
                requirement: Some(rule.name.clone()),
                ..GapDetail::default()
            };
            gap(Rule::Require, message, detail);
        }
    }
    if let (Some(share), Some(households)) = (rules.household_coverage, unit.record.households)
        && households > 0
    {
        let linked: u64 = unit
            .current_team()
            .filter_map(|a| a.households)
            .map(u64::from)
            .sum();
        let required = required_households(share, households);
        if linked < required {
            let message = msg!(
                "campaign-gap-households",
                unit = &unit.name,
                linked = linked,
                households = households,
                percent = format!("{:.0}", linked as f64 * 100.0 / f64::from(households)),
                required = required
            );
            let detail = GapDetail {
                linked: Some(linked),
                households: Some(households),
                ..GapDetail::default()
            };
            gap(Rule::Households, message, detail);
        }
    }
}

/// The households `share` of `households` asks for, rounded up: 0.9 of 312 is 281.
pub(crate) fn required_households(share: f64, households: u32) -> u64 {
    // Less a hair, so that 0.6 × 100 (59.999…) asks for 60, not 61.
    (share * f64::from(households) - 1e-9).ceil().max(0.0) as u64
}

/// Whether a member of `rank` in `role` is one the rule counts: their rank is one of the
/// rule's (when it names ranks) and their role one of its roles (when it names roles).
pub(crate) fn matches(rule: &RequireRule, rank: Option<&str>, role: Option<&str>) -> bool {
    let within = |list: &[String], value: Option<&str>| {
        list.is_empty() || value.is_some_and(|v| list.iter().any(|x| x == v))
    };
    within(&rule.rank, rank) && within(&rule.role, role)
}

/// Who a rule asks for, in words: "县级 or 科级", "in the role 联村民警".
fn who(rule: &RequireRule) -> String {
    let or = msg!("campaign-or");
    let ranks = rule.rank.join(&or);
    let roles = rule.role.join(&or);
    match (rule.rank.is_empty(), rule.role.is_empty()) {
        (false, true) => msg!("campaign-who-rank", ranks = ranks),
        (true, false) => msg!("campaign-who-role", roles = roles),
        _ => msg!("campaign-who-rank-role", ranks = ranks, roles = roles),
    }
}

/// The people short of a package and the organizations nobody of which serves.
pub(crate) fn findings(site: &Site) -> Findings {
    let rules = &site.config.rules.campaign;
    let mut findings = Findings::default();
    for rule in &rules.package {
        package_gaps(site, rule, &mut findings.packages);
    }
    if rules.every_org_serves {
        findings.idle_orgs = site
            .orgs
            .iter()
            .filter(|org| !org.serves(&site.people))
            .map(|org| IdleOrg {
                org: org.name.clone(),
                page: org.path(),
                file: org.file(&site.people).to_string(),
            })
            .collect();
    }
    findings
}

fn package_gaps(site: &Site, rule: &PackageRule, out: &mut Vec<PackageGap>) {
    for person in &site.people {
        if !person
            .rank
            .as_ref()
            .is_some_and(|rank| rule.rank.contains(rank))
        {
            continue;
        }
        let mut linked: BTreeMap<Kind, usize> = BTreeMap::new();
        for &u in &person.current_units {
            *linked.entry(site.units[u].record.kind).or_default() += 1;
        }
        let missing: BTreeMap<Kind, usize> = rule
            .kinds
            .iter()
            .filter_map(|(kind, &wanted)| {
                let have = linked.get(kind).copied().unwrap_or(0);
                (have < wanted).then_some((*kind, wanted - have))
            })
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(PackageGap {
            person: person.id.clone(),
            package: rule.name.clone(),
            missing,
            name: person.name.clone(),
            file: person.source.clone(),
            page: person.serving.then(|| person.page()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(rank: &[&str], role: &[&str]) -> RequireRule {
        RequireRule {
            name: "r".into(),
            kinds: vec![Kind::Village],
            rank: rank.iter().map(|s| s.to_string()).collect(),
            role: role.iter().map(|s| s.to_string()).collect(),
            min: 1,
        }
    }

    #[test]
    fn a_rule_with_rank_and_role_asks_for_both() {
        let both = rule(&["县级", "科级"], &["第一书记"]);
        assert!(matches(&both, Some("科级"), Some("第一书记")));
        assert!(!matches(&both, Some("科级"), Some("包村干部")));
        assert!(!matches(&both, None, Some("第一书记")));
        let rank = rule(&["县级"], &[]);
        assert!(matches(&rank, Some("县级"), None));
        assert!(!matches(&rank, Some("一般干部"), Some("第一书记")));
        let role = rule(&[], &["联村民警"]);
        assert!(matches(&role, None, Some("联村民警")));
        assert!(!matches(&role, Some("县级"), None));
    }

    #[test]
    fn household_shares_round_up_but_not_past_an_exact_product() {
        assert_eq!(required_households(1.0, 312), 312);
        assert_eq!(required_households(0.6, 100), 60);
        assert_eq!(required_households(0.9, 312), 281);
        assert_eq!(required_households(0.01, 5), 1);
    }
}
