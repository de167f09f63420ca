//! The organizations' pages (派出单位, 全参与): one per organization at `orgs/<oid>/` with its
//! office phone, its responsible leader, its people serving today with the units each links,
//! the units it links as a whole and its counts by kind; and the index at `orgs/`.
//!
//! Only published people appear with a link and a number: a leader who is not serving today
//! is named without either.

use super::context::{LinkView, PersonView, PhoneView};
use super::writer::Writer;
use super::{RenderError, Renderer, Scope};
use crate::model::{Kind, OrgIndex, Organization, Site, UnitIndex};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use tera::Context;

#[derive(Serialize)]
struct OrgView<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    phone: Option<PhoneView>,
    leader: Option<LeaderView>,
    /// Its people serving today, each with the units they link.
    people: Vec<OrgPerson<'a>>,
    /// Units linked to it as a whole (`orgs` on the unit).
    units: Vec<UnitLink>,
    /// Distinct units its people or the organization itself link, by kind.
    counts: Vec<KindCount>,
    unit_total: usize,
    body_html: Option<String>,
}

/// One of an organization's people as its page lists them: a province's organizations list
/// 160,000 people, and each person's whole card (photo, notes, vCard) as a template value was
/// most of the time their pages took.
#[derive(Serialize)]
struct OrgPerson<'a> {
    name: &'a str,
    title: Option<&'a str>,
    url: &'a str,
    phone: &'a PhoneView,
    units: &'a [LinkView],
}

impl<'a> From<&'a PersonView> for OrgPerson<'a> {
    fn from(p: &'a PersonView) -> Self {
        OrgPerson {
            name: &p.name,
            title: p.title.as_deref(),
            url: &p.url,
            phone: &p.phone,
            units: &p.units,
        }
    }
}

#[derive(Serialize)]
struct LeaderView {
    name: String,
    title: Option<String>,
    /// Page and number only for a leader serving today (published).
    url: Option<String>,
    phone: Option<PhoneView>,
}

#[derive(Serialize)]
struct UnitLink {
    name: String,
    url: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct KindCount {
    kind: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct OrgSummary<'a> {
    name: &'a str,
    url: String,
    people: usize,
    units: usize,
}

/// Every unit the organization links: through its serving people, and as a whole.
/// Each unit once, in order: a province's organizations link thousands each, through people
/// who mostly share them.
fn linked_units(site: &Site, org: &Organization) -> Vec<UnitIndex> {
    let mut units: Vec<UnitIndex> = org.units.clone();
    for &p in &org.people {
        units.extend_from_slice(&site.people[p].current_units);
    }
    units.sort_unstable();
    units.dedup();
    units
}

/// The page of `org`, which links the units `linked` (see [`linked_units`]).
fn view<'a>(
    site: &'a Site,
    org: &'a Organization,
    linked: &[UnitIndex],
    people: &'a [std::sync::Arc<PersonView>],
) -> OrgView<'a> {
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for &u in linked {
        *counts.entry(site.units[u].record.kind).or_default() += 1;
    }
    let leader = org.leader.map(|l| {
        let person = &site.people[l];
        LeaderView {
            name: person.name.clone(),
            title: person.title.clone(),
            url: person.serving.then(|| person.page()),
            phone: person.serving.then(|| PhoneView::from(&person.phone)),
        }
    });
    OrgView {
        id: &org.id,
        name: &org.name,
        url: org.path(),
        phone: org.phone.as_ref().map(PhoneView::from),
        leader,
        people: org
            .people
            .iter()
            .filter(|&&p| site.people[p].serving)
            .map(|&p| OrgPerson::from(&*people[p]))
            .collect(),
        units: org
            .units
            .iter()
            .map(|&u| UnitLink {
                name: site.units[u].name.clone(),
                url: site.units[u].path(),
                kind: site.units[u].record.kind.as_str(),
            })
            .collect(),
        counts: counts
            .into_iter()
            .map(|(kind, count)| KindCount {
                kind: kind.as_str(),
                count,
            })
            .collect(),
        unit_total: linked.len(),
        body_html: org.body.as_deref().map(super::markdown::to_html),
    }
}

/// The organizations whose pages show something of the changed units and people: the
/// organizations of their members, the ones they link as a whole, and those they lead.
/// (A change in who belongs to an organization changes `site.orgs`, and so the whole site.)
fn touched(site: &Site, scope: &Scope) -> Option<HashSet<OrgIndex>> {
    let Scope::Changed { units, people, .. } = scope else {
        return None;
    };
    let mut people: HashSet<usize> = people.clone();
    let mut orgs: HashSet<OrgIndex> = HashSet::new();
    for &u in units {
        let unit = &site.units[u];
        people.extend(unit.record.team.iter().map(|a| a.person));
        orgs.extend(
            unit.record
                .orgs
                .iter()
                .filter_map(|name| site.orgs.index(name)),
        );
    }
    for &p in &people {
        orgs.extend(
            site.people[p]
                .org
                .as_deref()
                .and_then(|o| site.orgs.index(o)),
        );
    }
    orgs.extend(
        site.orgs
            .iter()
            .enumerate()
            .filter(|(_, o)| o.leader.is_some_and(|l| people.contains(&l)))
            .map(|(i, _)| i),
    );
    Some(orgs)
}

/// Writes the organizations' pages that `scope` touches, and the index with them.
pub(super) fn write_pages(
    renderer: &Renderer,
    writer: &Writer,
    scope: &Scope,
) -> Result<(), RenderError> {
    let site = renderer.input.site;
    let wanted = touched(site, scope);
    if site.orgs.is_empty() || wanted.as_ref().is_some_and(HashSet::is_empty) {
        return Ok(());
    }
    let text = |key: &str| renderer.strings.text(key).to_string();
    let describe = text("org_description");
    let orgs: Vec<&Organization> = site.orgs.iter().collect();
    // Made once for both an organization's page and its line in the index.
    let linked: Vec<Vec<UnitIndex>> = orgs.par_iter().map(|org| linked_units(site, org)).collect();
    let render: Vec<OrgIndex> = match &wanted {
        None => (0..orgs.len()).collect(),
        Some(set) => set.iter().copied().collect(),
    };
    render.par_iter().try_for_each(|&i| {
        let org = orgs[i];
        let mut ctx = Context::new();
        ctx.insert("org", &view(site, org, &linked[i], &renderer.people));
        let description = describe.replace("{org}", &org.name);
        renderer.page(
            writer,
            "org.html",
            &org.path(),
            &org.name,
            &description,
            ctx,
        )
    })?;
    let summaries: Vec<OrgSummary> = orgs
        .iter()
        .zip(&linked)
        .map(|(org, linked)| OrgSummary {
            name: &org.name,
            url: org.path(),
            people: org
                .people
                .iter()
                .filter(|&&p| site.people[p].serving)
                .count(),
            units: linked.len(),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("orgs", &summaries);
    renderer.page(
        writer,
        "orgs.html",
        "orgs/",
        &text("orgs"),
        &text("orgs_intro"),
        ctx,
    )
}

/// The organizations' page addresses, for the sitemap.
pub(super) fn urls(site: &Site) -> Vec<String> {
    if site.orgs.is_empty() {
        return Vec::new();
    }
    std::iter::once(site.config.url("orgs/"))
        .chain(site.orgs.iter().map(|o| site.config.url(&o.path())))
        .collect()
}
