//! The site as Popolo JSON (<https://www.popoloproject.com/specs/>): persons, organizations
//! (the units and areas with a team, and the dispatching organizations 派出单位), memberships
//! (person ↔ unit with role and dates; person ↔ dispatching organization with position), areas.
//!
//! Ids are prefixed by what they name (`person:`, `unit:`, `org:`, `area:`) so that they are
//! unique across the whole document, as Popolo asks.

use crate::model::slug::slugify;
use crate::model::{Assignment, Kind, Record, Site, resolve_person_slug};
use crate::validate::phone::PhoneKind;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub(super) struct Document {
    pub persons: Vec<Person>,
    pub organizations: Vec<Organization>,
    pub memberships: Vec<Membership>,
    pub areas: Vec<Area>,
}

#[derive(Debug, Serialize)]
pub(super) struct Person {
    pub id: String,
    pub name: String,
    pub contact_details: Vec<ContactDetail>,
    pub links: Vec<Link>,
}

#[derive(Debug, Serialize)]
pub(super) struct ContactDetail {
    /// `cell` for a mobile, `voice` for a landline.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub value: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub(super) struct Link {
    pub url: String,
    pub note: &'static str,
}

#[derive(Debug, Serialize)]
pub(super) struct Organization {
    pub id: String,
    pub name: String,
    /// The unit's kind (`village`, `township` ...), or `dispatching organization`.
    pub classification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

#[derive(Debug, Serialize)]
pub(super) struct Identifier {
    pub identifier: String,
    pub scheme: &'static str,
}

#[derive(Debug, Serialize)]
pub(super) struct Membership {
    pub person_id: String,
    pub organization_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// The dispatching organization the person serves the unit for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_behalf_of_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_id: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct Area {
    pub id: String,
    pub name: String,
    pub classification: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
}

fn person_id(site: &Site, index: usize) -> String {
    format!("person:{}", site.people[index].id)
}

fn area_id(id: &str) -> String {
    format!("area:{id}")
}

pub(super) fn document(site: &Site) -> Document {
    let orgs = dispatching_orgs(site);
    let persons = persons(site);
    let areas = site
        .areas
        .iter()
        .skip(1)
        .map(|a| Area {
            id: area_id(&a.id),
            name: a.name.clone(),
            classification: a
                .record
                .as_ref()
                .map_or(Kind::Township, |r| r.kind)
                .as_str(),
            parent_id: a
                .parent
                .filter(|&p| p != 0)
                .map(|p| area_id(&site.areas[p].id)),
        })
        .collect();

    let mut organizations = Vec::new();
    let mut memberships = Vec::new();
    // An area's own record is published as an organization of the area, like a unit.
    let mut add_unit = |place: (&str, &str, &str), record: &Record, area: Option<String>| {
        let (unit_id, name, url) = place;
        let id = format!("unit:{unit_id}");
        organizations.push(Organization {
            id: id.clone(),
            name: name.to_string(),
            classification: record.kind.as_str().to_string(),
            area_id: area.clone(),
            identifiers: record
                .code
                .iter()
                .map(|c| Identifier {
                    identifier: c.clone(),
                    scheme: "statistical-division-code",
                })
                .collect(),
            links: vec![Link {
                url: url.to_string(),
                note: "notice board page",
            }],
        });
        for a in &record.team {
            memberships.push(membership(site, a, &id, area.clone(), &orgs));
        }
    };
    for (index, area) in site.areas.iter().enumerate().skip(1) {
        if let Some(record) = &area.record {
            let place = (area.id.as_str(), area.name.as_str(), area.url.as_str());
            add_unit(place, record, Some(area_id(&site.areas[index].id)));
        }
    }
    for unit in &site.units {
        let area = (unit.area != 0).then(|| area_id(&site.areas[unit.area].id));
        add_unit((&unit.id, &unit.name, &unit.url), &unit.record, area);
    }
    for (name, id) in &orgs {
        organizations.push(Organization {
            id: id.clone(),
            name: name.to_string(),
            classification: "dispatching organization".to_string(),
            area_id: None,
            identifiers: Vec::new(),
            links: Vec::new(),
        });
    }
    for (i, person) in site.people.iter().enumerate() {
        if let Some(org) = person.org.as_deref().and_then(|o| orgs.get(o)) {
            memberships.push(Membership {
                person_id: person_id(site, i),
                organization_id: org.clone(),
                role: person.title.clone(),
                start_date: None,
                end_date: None,
                on_behalf_of_id: None,
                area_id: None,
            });
        }
    }
    Document {
        persons,
        organizations,
        memberships,
        areas,
    }
}

/// Dispatching organizations by name, with ids unique even for names that sound alike.
fn dispatching_orgs(site: &Site) -> BTreeMap<&str, String> {
    let mut orgs: BTreeMap<&str, String> = BTreeMap::new();
    let mut taken: Vec<String> = Vec::new();
    for person in &site.people {
        if let Some(org) = person.org.as_deref()
            && !orgs.contains_key(org)
        {
            let base = match slugify(org) {
                s if s.is_empty() => "org".to_string(),
                s => s,
            };
            let id = (1..)
                .map(|n| {
                    if n == 1 {
                        format!("org:{base}")
                    } else {
                        format!("org:{base}-{n}")
                    }
                })
                .find(|c| !taken.contains(c))
                .unwrap_or_default();
            taken.push(id.clone());
            orgs.insert(org, id);
        }
    }
    orgs
}

/// Every person, with their public numbers and page.
fn persons(site: &Site) -> Vec<Person> {
    site.people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut contact_details = vec![contact(&p.phone)];
            contact_details.extend(p.office_phone.as_ref().map(contact));
            Person {
                id: person_id(site, i),
                name: p.name.clone(),
                contact_details,
                links: vec![Link {
                    url: site
                        .config
                        .url(&format!("people/{}/", resolve_person_slug(&p.id))),
                    note: "notice board page",
                }],
            }
        })
        .collect()
}

fn membership(
    site: &Site,
    a: &Assignment,
    organization_id: &str,
    area_id: Option<String>,
    orgs: &BTreeMap<&str, String>,
) -> Membership {
    let person = &site.people[a.person];
    Membership {
        person_id: person_id(site, a.person),
        organization_id: organization_id.to_string(),
        role: a.role.clone(),
        start_date: a.since.map(|d| d.to_string()),
        end_date: a.until.map(|d| d.to_string()),
        on_behalf_of_id: person.org.as_deref().and_then(|o| orgs.get(o)).cloned(),
        area_id,
    }
}

fn contact(phone: &crate::validate::phone::Phone) -> ContactDetail {
    ContactDetail {
        kind: match phone.kind {
            PhoneKind::Mobile => "cell",
            PhoneKind::Landline | PhoneKind::Service => "voice",
        },
        value: phone.e164.clone(),
        label: phone.display.clone(),
    }
}
