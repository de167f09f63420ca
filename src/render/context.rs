//! What templates see. Views are plain serializable structs, built once per unit and person and
//! converted to Tera values once, so a unit shown on five pages is serialized once.

use crate::config::{Config, Language};
use crate::model::{Assignment, Person, Site, Unit};
use crate::photos::{PhotoOutcome, PhotoSet};
use crate::validate::phone::Phone;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use time::Date;

#[derive(Serialize, Clone, PartialEq)]
pub struct PhoneView {
    /// As read aloud: `139 1234 5678`, `0534-2212345`.
    pub display: String,
    /// `tel:+8613912345678`
    pub tel: String,
}

impl From<&Phone> for PhoneView {
    fn from(p: &Phone) -> Self {
        PhoneView {
            display: p.display.clone(),
            tel: p.tel_uri(),
        }
    }
}

#[derive(Serialize, Clone, PartialEq)]
pub struct ImageView {
    /// Site-relative: `photos/9f3c…-240.jpg` (templates prefix `root`).
    pub src: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Serialize, Clone, PartialEq)]
pub struct PhotoView {
    /// Ascending widths, for `srcset`.
    pub screen: Vec<ImageView>,
    pub print: ImageView,
}

impl From<&PhotoSet> for PhotoView {
    fn from(set: &PhotoSet) -> Self {
        let image = |r: &crate::photos::Rendition| ImageView {
            src: format!("photos/{}", r.file_name),
            width: r.width,
            height: r.height,
        };
        PhotoView {
            screen: set.screen.iter().map(image).collect(),
            print: image(&set.print),
        }
    }
}

#[derive(Serialize, Clone, PartialEq)]
pub struct LinkView {
    pub name: String,
    /// Site-relative path (`luquantun/liuzhuang/`).
    pub url: String,
}

#[derive(Serialize, Clone, PartialEq)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    /// The surname, shown in the placeholder when there is no photo.
    pub initial: String,
    pub title: Option<String>,
    pub org: Option<String>,
    pub phone: PhoneView,
    pub office_phone: Option<PhoneView>,
    pub photo: Option<PhotoView>,
    pub url: String,
    pub vcard: String,
    pub checked: Option<String>,
    pub body_html: Option<String>,
    pub units: Vec<LinkView>,
}

#[derive(Serialize, Clone)]
pub struct MemberView {
    pub person: PersonView,
    pub role: Option<String>,
    pub lead: bool,
    pub duties: Option<String>,
    pub covers: Vec<String>,
    pub since: Option<String>,
    /// How many households the member links (联系户数).
    pub households: Option<u32>,
}

#[derive(Serialize, Clone)]
pub struct UnitView {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub url: String,
    /// Absolute URL: what the QR code holds.
    pub abs_url: String,
    pub code: Option<String>,
    pub households: Option<u32>,
    pub address: Option<String>,
    pub hotline: Option<PhoneView>,
    pub tasks: Vec<String>,
    pub description: String,
    pub body_html: Option<String>,
    /// The current team, leads first.
    pub team: Vec<MemberView>,
    pub leads: Vec<MemberView>,
    pub area: LinkView,
    pub breadcrumbs: Vec<LinkView>,
    pub board_code: String,
    pub has_page: bool,
    /// `orgs`, `households_linked`, `former`, `stand_in`.
    #[serde(flatten)]
    pub campaign: super::campaign::UnitCampaignView,
}

/// Publication date as people write it in this language.
pub fn date_display(date: Date, language: Language) -> String {
    match language {
        Language::ZhHans => format!(
            "{}年{}月{}日",
            date.year(),
            u8::from(date.month()),
            date.day()
        ),
        Language::En => format!("{} {} {}", date.day(), date.month(), date.year()),
    }
}

pub fn person_view(
    site: &Site,
    person: &Person,
    photos: &HashMap<PathBuf, PhotoOutcome>,
) -> PersonView {
    let slug = crate::model::resolve_person_slug(&person.id);
    let photo = person.photo.as_ref().and_then(|p| match photos.get(p) {
        Some(PhotoOutcome::Ready(set)) => Some(PhotoView::from(set)),
        _ => None,
    });
    PersonView {
        id: person.id.clone(),
        name: person.name.clone(),
        initial: person.initial(),
        title: person.title.clone(),
        org: person.org.clone(),
        phone: PhoneView::from(&person.phone),
        office_phone: person.office_phone.as_ref().map(PhoneView::from),
        photo,
        url: format!("people/{slug}/"),
        vcard: format!("people/{slug}.vcf"),
        checked: person.checked.map(|d| d.to_string()),
        body_html: person.body.as_deref().map(super::markdown::to_html),
        units: person
            .current_units
            .iter()
            .map(|&u| LinkView {
                name: site.units[u].name.clone(),
                url: site.units[u].path(),
            })
            .collect(),
    }
}

pub fn member_view(a: &Assignment, people: &[PersonView]) -> MemberView {
    MemberView {
        person: people[a.person].clone(),
        role: a.role.clone(),
        lead: a.lead,
        duties: a.duties.clone(),
        covers: a.covers.clone(),
        since: a.since.map(|d| d.to_string()),
        households: a.households,
    }
}

/// A unit or area record's view; `board_code` is filled in by the caller. Boards add
/// `qr_svg`, the QR code as inline SVG, only while they are rendered: at 4 KB a unit, keeping
/// it in every view cost a large site hundreds of megabytes.
pub fn unit_view(site: &Site, unit: &Unit, people: &[PersonView], has_page: bool) -> UnitView {
    let config: &Config = &site.config;
    let team: Vec<MemberView> = unit
        .current_team()
        .map(|a| member_view(a, people))
        .collect();
    let leads = team.iter().filter(|m| m.lead).cloned().collect();
    let area = &site.areas[unit.area];
    let mut breadcrumbs: Vec<LinkView> = site
        .ancestors(unit.area)
        .into_iter()
        .map(|i| LinkView {
            name: site.areas[i].name.clone(),
            url: site.areas[i].path(),
        })
        .collect();
    if has_page {
        breadcrumbs.push(LinkView {
            name: unit.name.clone(),
            url: unit.path(),
        });
    }
    let body_html = unit.body.as_deref().map(super::markdown::to_html);
    UnitView {
        id: unit.id.clone(),
        name: unit.name.clone(),
        kind: unit.kind.as_str(),
        url: unit.path(),
        abs_url: config.url(&unit.path()),
        code: unit.code.clone(),
        households: unit.households,
        address: unit.address.clone(),
        hotline: unit.hotline.as_ref().map(PhoneView::from),
        tasks: unit.tasks.clone(),
        description: unit
            .description
            .clone()
            .unwrap_or_else(|| describe(unit, site, &team)),
        body_html,
        team,
        leads,
        area: LinkView {
            name: area.name.clone(),
            url: area.path(),
        },
        breadcrumbs,
        board_code: String::new(),
        has_page,
        campaign: super::campaign::unit_view(site, unit, people, has_page),
    }
}

/// A one-line summary for search results, meta descriptions and link previews.
fn describe(unit: &Unit, site: &Site, team: &[MemberView]) -> String {
    let names: Vec<&str> = team
        .iter()
        .take(4)
        .map(|m| m.person.name.as_str())
        .collect();
    let area = &site.areas[unit.area].name;
    match site.config.language {
        Language::ZhHans if names.is_empty() => format!("{area}{}联系服务干部公示", unit.name),
        Language::ZhHans => format!(
            "{area}{}联系服务干部：{}。点击即可拨打电话。",
            unit.name,
            names.join("、")
        ),
        Language::En if names.is_empty() => format!("Contact team of {}, {area}", unit.name),
        Language::En => format!(
            "Contact team of {}, {area}: {}. Tap to call.",
            unit.name,
            names.join(", ")
        ),
    }
}
