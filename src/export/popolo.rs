//! The site as Popolo JSON (<https://www.popoloproject.com/specs/>): persons, organizations
//! (the units and areas with a team, and the dispatching organizations 派出单位 with their
//! office phone and page), memberships (person ↔ unit with role and dates; person ↔
//! dispatching organization with position; the responsible leader ↔ organization; an
//! organization linked to a unit as a whole ↔ that unit, with `member`), areas.
//!
//! Like the site, the document holds only the people serving on the publication date: no
//! person who is not published, and so no number of theirs, and every link leads to a page
//! the build writes.
//!
//! Ids are prefixed by what they name (`person:`, `unit:`, `org:`, `area:`) so that they are
//! unique across the whole document, as Popolo asks.

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
    pub contact_details: Vec<ContactDetail>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_id: Option<String>,
    /// An organization as the member (linked to a unit as a whole), as Popolo writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<Member>,
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
pub(super) struct Member {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub id: String,
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
    // Dispatching organizations by name: their ids are their page addresses' segments.
    let orgs: BTreeMap<&str, String> = site
        .orgs
        .iter()
        .map(|o| (o.name.as_str(), format!("org:{}", o.id)))
        .collect();
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
            contact_details: Vec::new(),
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
        for a in record.team.iter().filter(|a| site.people[a.person].serving) {
            memberships.push(membership(site, a, &id, area.clone(), &orgs));
        }
        for org in record
            .orgs
            .iter()
            .filter_map(|name| orgs.get(name.as_str()))
        {
            memberships.push(Membership {
                member: Some(Member {
                    kind: "Organization",
                    id: org.clone(),
                }),
                role: Some("linked organization".to_string()),
                ..Membership::new(None, &id)
            });
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
    for org in site.orgs.iter() {
        let id = format!("org:{}", org.id);
        organizations.push(Organization {
            id: id.clone(),
            name: org.name.clone(),
            classification: "dispatching organization".to_string(),
            area_id: None,
            identifiers: Vec::new(),
            contact_details: org.phone.iter().map(contact).collect(),
            links: vec![Link {
                url: site.config.url(&org.path()),
                note: "organization page",
            }],
        });
        if let Some(leader) = org.leader.filter(|&l| site.people[l].serving) {
            memberships.push(Membership {
                role: Some("responsible leader".to_string()),
                ..Membership::new(Some(person_id(site, leader)), &id)
            });
        }
    }
    for i in site.published_people() {
        let person = &site.people[i];
        if let Some(org) = person.org.as_deref().and_then(|o| orgs.get(o)) {
            memberships.push(Membership {
                role: person.title.clone(),
                ..Membership::new(Some(person_id(site, i)), org)
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

/// Every person, with their public numbers and page.
fn persons(site: &Site) -> Vec<Person> {
    site.published_people()
        .map(|i| (i, &site.people[i]))
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
        person_id: Some(person_id(site, a.person)),
        member: None,
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

impl Membership {
    fn new(person_id: Option<String>, organization_id: &str) -> Membership {
        Membership {
            person_id,
            member: None,
            organization_id: organization_id.to_string(),
            role: None,
            start_date: None,
            end_date: None,
            on_behalf_of_id: None,
            area_id: None,
        }
    }
}
