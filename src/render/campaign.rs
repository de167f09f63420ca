//! What the campaign fields add to a unit's view: the organizations linked to it as a whole
//! (联系单位), the households its members link, its former members (换人不换单位), and, while it
//! has no current member, its area's team to call instead.
//!
//! Former members are shown by name, role, organization and dates only: never a phone, and a
//! link only to a page that exists (a person serving today).

use super::context::{LinkView, MemberView, PersonView, PhoneView, member_view};
use super::strings::Strings;
use crate::model::{AreaIndex, Assignment, Record, Site};
use serde::Serialize;

#[derive(Serialize, Clone, Default)]
pub(crate) struct UnitCampaignView {
    /// `orgs` of the record: each with its page, or without one for a name no organization has.
    pub(crate) orgs: Vec<OrgLink>,
    /// The households the current members link, when any member gives a count.
    pub(crate) households_linked: Option<HouseholdsLinked>,
    /// Members whose assignment ended before the publication date, latest first.
    pub(crate) former: Vec<FormerMember>,
    /// While no member is current: the nearest area team to call instead.
    pub(crate) stand_in: Option<StandIn>,
}

#[derive(Serialize, Clone, PartialEq)]
pub(crate) struct HouseholdsLinked {
    /// The sum of the current members' `households`.
    pub(crate) linked: u64,
    /// The unit's `households`.
    pub(crate) of: Option<u32>,
}

#[derive(Serialize, Clone, PartialEq)]
pub(crate) struct OrgLink {
    pub(crate) name: String,
    /// `orgs/<oid>/`, relative to the site root.
    pub(crate) url: Option<String>,
}

#[derive(Serialize, Clone, PartialEq)]
pub(crate) struct FormerMember {
    pub(crate) name: String,
    /// The person's page, only when they are published (serving elsewhere today).
    pub(crate) url: Option<String>,
    pub(crate) role: Option<String>,
    pub(crate) org: Option<String>,
    pub(crate) since: Option<String>,
    pub(crate) until: Option<String>,
}

#[derive(Serialize, Clone)]
pub(crate) struct StandIn {
    /// The area whose team stands in.
    pub(crate) area: LinkView,
    pub(crate) team: Vec<MemberView>,
    pub(crate) hotline: Option<PhoneView>,
    /// The unit had members (whose dates have ended or not begun): its team is being changed.
    pub(crate) changing: bool,
}

/// The campaign part of a unit's (or, without `has_page`, an area record's) view.
pub(crate) fn unit_view(
    site: &Site,
    strings: &Strings,
    area: AreaIndex,
    record: &Record,
    cards: &[std::sync::Arc<PersonView>],
    has_page: bool,
) -> UnitCampaignView {
    let orgs = record
        .orgs
        .iter()
        .map(|name| OrgLink {
            name: name.clone(),
            url: site.orgs.get(name).map(|o| o.path()),
        })
        .collect();
    let households_linked = record
        .current_team()
        .any(|a| a.households.is_some())
        .then(|| HouseholdsLinked {
            linked: record
                .current_team()
                .filter_map(|a| a.households)
                .map(u64::from)
                .sum(),
            of: record.households,
        });
    if !has_page {
        return UnitCampaignView {
            orgs,
            households_linked,
            ..UnitCampaignView::default()
        };
    }
    let mut ended: Vec<&Assignment> = record
        .team
        .iter()
        .filter(|a| !a.current && a.until.is_some_and(|u| u < site.date))
        .collect();
    ended.sort_by_key(|a| std::cmp::Reverse(a.until));
    let former = ended.into_iter().map(|a| former(site, a)).collect();
    let stand_in = record
        .current_team()
        .next()
        .is_none()
        .then(|| stand_in(site, strings, area, record, cards))
        .flatten();
    UnitCampaignView {
        orgs,
        households_linked,
        former,
        stand_in,
    }
}

fn former(site: &Site, a: &Assignment) -> FormerMember {
    let person = &site.people[a.person];
    FormerMember {
        name: person.name.clone(),
        url: person.serving.then(|| person.page()),
        role: a.role.clone(),
        org: person.org.clone(),
        since: a.since.map(|d| d.to_string()),
        until: a.until.map(|d| d.to_string()),
    }
}

/// The team of the nearest area above the unit that has current members.
fn stand_in(
    site: &Site,
    strings: &Strings,
    unit_area: AreaIndex,
    unit: &Record,
    cards: &[std::sync::Arc<PersonView>],
) -> Option<StandIn> {
    let mut area = Some(unit_area);
    while let Some(index) = area {
        let here = &site.areas[index];
        if let Some(record) = &here.record
            && record.current_team().next().is_some()
        {
            return Some(StandIn {
                area: LinkView {
                    name: here.name.clone(),
                    url: here.path(),
                },
                team: record
                    .current_team()
                    .map(|a| member_view(a, cards, strings))
                    .collect(),
                hotline: unit.hotline.as_ref().map(PhoneView::from),
                changing: !unit.team.is_empty(),
            });
        }
        area = here.parent;
    }
    None
}

/// Feeds what the campaign fields print on a board into its hash, so that the board is on the
/// reprint list exactly when they change. Nothing is fed for a unit that uses none of them,
/// so such a board keeps its hash.
pub(crate) fn board_fields(view: &super::context::UnitView, field: &mut dyn FnMut(&str)) {
    for m in &view.team {
        // Covers are hashed with the rest of the card; the count only when it is printed.
        if let Some(households) = m.households {
            field("households");
            field(&households.to_string());
        }
    }
    let extra = &view.campaign;
    if !extra.orgs.is_empty() {
        field("orgs");
        extra.orgs.iter().for_each(|o| field(&o.name));
    }
    if let Some(stand_in) = &extra.stand_in {
        field("stand_in");
        field(&stand_in.area.name);
        field(if stand_in.changing { "changing" } else { "" });
        for m in &stand_in.team {
            field(&m.person.name);
            field(&m.person.phone.display);
        }
    }
}
