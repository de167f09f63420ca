//! What templates see. Views are plain serializable structs, built once per unit and person and
//! converted to Tera values once, so a unit shown on five pages is serialized once.

use super::RenderError;
use super::strings::Strings;
use crate::model::{AreaIndex, Assignment, Person, Record, Site, Unit};
use crate::photos::{PhotoOutcome, PhotoSet};
use crate::validate::phone::Phone;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use tera::Value;

#[derive(Serialize, Clone, PartialEq)]
pub(crate) struct PhoneView {
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
pub(crate) struct ImageView {
    /// Site-relative: `photos/9f3c…-240.jpg` (templates prefix `root`).
    pub src: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Serialize, Clone, PartialEq)]
pub(crate) struct PhotoView {
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
pub(crate) struct LinkView {
    pub name: String,
    /// Site-relative path (`luquantun/liuzhuang/`).
    pub url: String,
}

#[derive(Serialize, Clone, PartialEq)]
pub(crate) struct PersonView {
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

/// A person as the people list shows them. The list holds every serving person (a province's
/// 163,680), so it carries only what a row shows, not each person's whole card: the cards of
/// a province's list took 306 MB of its build's peak as template values.
#[derive(Serialize)]
pub(crate) struct ListedPerson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub title: Option<&'a str>,
    pub org: Option<&'a str>,
    pub url: &'a str,
    pub phone: &'a PhoneView,
}

impl<'a> From<&'a PersonView> for ListedPerson<'a> {
    fn from(p: &'a PersonView) -> Self {
        ListedPerson {
            id: &p.id,
            name: &p.name,
            title: p.title.as_deref(),
            org: p.org.as_deref(),
            url: &p.url,
            phone: &p.phone,
        }
    }
}

#[derive(Serialize, Clone)]
pub(crate) struct MemberView {
    /// The person's own view, shared with their page and every team they are on; a team
    /// shows it as their card ([`CardView`]).
    #[serde(serialize_with = "as_card")]
    pub person: Arc<PersonView>,
    pub role: Option<String>,
    pub lead: bool,
    pub duties: Option<String>,
    pub covers: Vec<String>,
    pub since: Option<String>,
    /// How many households the member links (联系户数).
    pub households: Option<u32>,
    /// The same in the theme's words (`households_n`), made once here: as a `replace` filter
    /// it cost every page and board that shows the member a filter call with arguments.
    pub households_display: Option<String>,
    // The lead's name with their role, as a unit page's call button says it, is put together
    // by the template: a field on every member, kept for the whole build with the units'
    // views, took a province's build 30 to 50 MB more at its peak.
}

#[derive(Serialize, Clone)]
pub(crate) struct UnitView {
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
    /// The current team, leads first. Templates also see `leads`, the team's leads: see
    /// [`UnitView::to_value`].
    pub team: Vec<MemberView>,
    pub area: LinkView,
    pub breadcrumbs: Vec<LinkView>,
    pub board_code: String,
    /// What the board's type is sized by.
    pub sheet: super::boards::SheetLayout,
    pub has_page: bool,
    /// `orgs`, `households_linked`, `former`, `stand_in`.
    #[serde(flatten)]
    pub campaign: super::campaign::UnitCampaignView,
}

impl UnitView {
    /// The view as templates see it, with `leads`: the values of the team's leads, shared
    /// with the team's list, where a copy of each lead in the view had its card made into a
    /// template value a second time for every unit.
    pub(super) fn to_value(&self) -> Value {
        with_leads(Value::from_serializable(self), &self.team)
    }
}

/// `value`, a unit's map with its `team` (the values of `team`), with `leads` beside it: the
/// team's values of its leads.
fn with_leads(value: Value, team: &[MemberView]) -> Value {
    let Some(mut map) = value.into_map() else {
        return Value::none();
    };
    let team_key = tera::value::Key::from("team");
    let leads: Vec<Value> = map
        .get(&team_key)
        .and_then(Value::as_array)
        .unwrap_or_default()
        .iter()
        .zip(team)
        .filter(|(_, member)| member.lead)
        .map(|(value, _)| value.clone())
        .collect();
    let at = map.get_index_of(&team_key).map_or(map.len(), |i| i + 1);
    map.shift_insert(at, "leads".into(), Value::from(leads));
    Value::from(map)
}

pub(crate) fn person_view(
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

/// A person as a member's card shows them: everything but the list of units they serve. A
/// team shows that list on the person's own page only; carrying it in every card would make a
/// leader on N teams cost N² (a county leader linked to every village is real). It borrows the
/// person's view, which every team shares: a copy of each card took a province's build 100 MB.
#[derive(Serialize)]
struct CardView<'a> {
    id: &'a str,
    name: &'a str,
    initial: &'a str,
    title: &'a Option<String>,
    org: &'a Option<String>,
    phone: &'a PhoneView,
    office_phone: &'a Option<PhoneView>,
    photo: &'a Option<PhotoView>,
    url: &'a str,
    vcard: &'a str,
    checked: &'a Option<String>,
    body_html: &'a Option<String>,
    /// Always empty on a card, and still there for templates that test it.
    units: [LinkView; 0],
}

impl<'a> From<&'a PersonView> for CardView<'a> {
    fn from(p: &'a PersonView) -> Self {
        CardView {
            id: &p.id,
            name: &p.name,
            initial: &p.initial,
            title: &p.title,
            org: &p.org,
            phone: &p.phone,
            office_phone: &p.office_phone,
            photo: &p.photo,
            url: &p.url,
            vcard: &p.vcard,
            checked: &p.checked,
            body_html: &p.body_html,
            units: [],
        }
    }
}

fn as_card<S: serde::Serializer>(
    person: &Arc<PersonView>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    CardView::from(&**person).serialize(serializer)
}

pub(crate) fn member_view(
    a: &Assignment,
    cards: &[Arc<PersonView>],
    strings: &Strings,
) -> MemberView {
    MemberView {
        person: Arc::clone(&cards[a.person]),
        role: a.role.clone(),
        lead: a.lead,
        duties: a.duties.clone(),
        covers: a.covers.clone(),
        since: a.since.map(|d| d.to_string()),
        households: a.households,
        households_display: a
            .households
            .map(|n| strings.fill("households_n", &[("n", &n.to_string())])),
    }
}

/// Where a record is shown: a unit's page, or an area's page for the area's own record.
pub(super) struct Place<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    /// Site-relative path of the page.
    pub(super) path: String,
    /// Absolute URL of the page.
    pub(super) url: &'a str,
    /// The area the record belongs to: a unit's area, or the area itself.
    pub(super) area: AreaIndex,
}

impl<'a> Place<'a> {
    pub(super) fn of_unit(unit: &'a Unit) -> Place<'a> {
        Place {
            id: &unit.id,
            name: &unit.name,
            path: unit.path(),
            url: &unit.url,
            area: unit.area,
        }
    }

    fn of_area(site: &'a Site, index: AreaIndex) -> Place<'a> {
        let area = &site.areas[index];
        Place {
            id: &area.id,
            name: &area.name,
            path: area.path(),
            url: &area.url,
            area: index,
        }
    }
}

/// A unit's or an area record's view; `board_code` is filled in by the caller. Boards add
/// `qr_svg`, the QR code as inline SVG, only while they are rendered: at 4 KB a unit, keeping
/// it in every view cost a large site hundreds of megabytes. `has_page`: a unit's own page
/// (not an area's record), which ends the breadcrumbs.
pub(super) fn record_view(
    site: &Site,
    strings: &Strings,
    place: Place,
    record: &Record,
    cards: &[Arc<PersonView>],
    has_page: bool,
) -> UnitView {
    let team: Vec<MemberView> = record
        .current_team()
        .map(|a| member_view(a, cards, strings))
        .collect();
    let area = &site.areas[place.area];
    let mut breadcrumbs: Vec<LinkView> = site
        .ancestors(place.area)
        .into_iter()
        .map(|i| LinkView {
            name: site.areas[i].name.clone(),
            url: site.areas[i].path(),
        })
        .collect();
    if has_page {
        breadcrumbs.push(LinkView {
            name: place.name.to_string(),
            url: place.path.clone(),
        });
    }
    let body_html = record.body.as_deref().map(super::markdown::to_html);
    let sheet = super::boards::sheet_layout(place.url, &team);
    UnitView {
        id: place.id.to_string(),
        name: place.name.to_string(),
        kind: record.kind.as_str(),
        abs_url: place.url.to_string(),
        code: record.code.clone(),
        households: record.households,
        address: record.address.clone(),
        hotline: record.hotline.as_ref().map(PhoneView::from),
        tasks: record.tasks.clone(),
        description: record
            .description
            .clone()
            .unwrap_or_else(|| describe(&place, &area.name, strings, &team)),
        url: place.path,
        body_html,
        team,
        area: LinkView {
            name: area.name.clone(),
            url: area.path(),
        },
        breadcrumbs,
        board_code: String::new(),
        sheet,
        has_page,
        campaign: super::campaign::unit_view(site, strings, place.area, record, cards, has_page),
    }
}

/// A one-line summary for search results, meta descriptions and link previews.
fn describe(place: &Place, area: &str, strings: &Strings, team: &[MemberView]) -> String {
    let names: Vec<&str> = team
        .iter()
        .take(4)
        .map(|m| m.person.name.as_str())
        .collect();
    let place = [("area", area), ("unit", place.name)];
    if names.is_empty() {
        return strings.fill("unit_description_no_team", &place);
    }
    let names = names.join(strings.text("list_sep"));
    strings.fill("unit_description", &[place[0], place[1], ("names", &names)])
}

/// How a page listing units gets a unit's value, from any thread.
pub(super) type UnitValues<'a> = dyn Fn(usize) -> Value + Sync + 'a;

/// Area `index` as templates see it: its record, breadcrumbs, units (their values through
/// `unit`) and sub-areas with their units, and unit counts from `totals`
/// ([`Site::unit_totals`]).
pub(super) fn area_value(
    site: &Site,
    strings: &Strings,
    index: usize,
    cards: &[Arc<PersonView>],
    totals: &[usize],
    unit: &UnitValues<'_>,
) -> Result<Value, RenderError> {
    let area = &site.areas[index];
    let record = area
        .record
        .as_ref()
        .map(|r| record_view(site, strings, Place::of_area(site, index), r, cards, false));
    let breadcrumbs: Vec<LinkView> = site
        .ancestors(index)
        .into_iter()
        .map(|i| LinkView {
            name: site.areas[i].name.clone(),
            url: site.areas[i].path(),
        })
        .collect();
    // Made on every core: the front page of a county lists all its units, and a rebuild makes
    // the values of all but the changed ones.
    let values =
        |units: &[usize]| Value::from(units.par_iter().map(|&u| unit(u)).collect::<Vec<_>>());
    let children: Vec<Value> = area
        .children
        .iter()
        .map(|&c| {
            let child = &site.areas[c];
            let mut map = tera::Map::new();
            map.insert("name".into(), Value::from(child.name.as_str()));
            map.insert("url".into(), Value::from(child.path()));
            map.insert("unit_count".into(), Value::from(totals[c]));
            map.insert("units".into(), values(&child.units));
            Value::from(map)
        })
        .collect();
    let mut map = tera::Map::new();
    map.insert("id".into(), Value::from(area.id.as_str()));
    map.insert("name".into(), Value::from(area.name.as_str()));
    map.insert("url".into(), Value::from(area.path()));
    map.insert(
        "record".into(),
        record.as_ref().map_or_else(Value::none, UnitView::to_value),
    );
    map.insert("breadcrumbs".into(), Value::from_serializable(&breadcrumbs));
    map.insert("children".into(), Value::from(children));
    map.insert("units".into(), values(&area.units));
    map.insert("unit_count".into(), Value::from(totals[index]));
    Ok(Value::from(map))
}

/// `totals`: [`Site::unit_totals`].
pub(super) fn area_description(
    site: &Site,
    strings: &Strings,
    totals: &[usize],
    index: usize,
) -> String {
    let count = totals[index].to_string();
    let name = site.areas[index].name.as_str();
    strings.fill("area_description", &[("area", name), ("n", &count)])
}

/// Units of an area and of every area below it, in tree order.
pub(crate) fn descendant_units(site: &Site, index: usize) -> Vec<usize> {
    let mut out = site.areas[index].units.clone();
    for &child in &site.areas[index].children {
        out.extend(descendant_units(site, child));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A person's view with number `n` (`139 1234 000n`), serving `units`.
    fn person(id: &str, name: &str, n: u32, units: Vec<LinkView>) -> PersonView {
        PersonView {
            id: id.into(),
            name: name.into(),
            initial: name.chars().take(1).collect(),
            title: None,
            org: None,
            phone: PhoneView {
                display: format!("139 1234 {n:04}"),
                tel: format!("tel:+861391234{n:04}"),
            },
            office_phone: None,
            photo: None,
            url: format!("people/{id}/"),
            vcard: format!("people/{id}.vcf"),
            checked: None,
            body_html: None,
            units,
        }
    }

    /// The default theme's words in Chinese.
    fn strings() -> Strings {
        let theme =
            super::super::theme::Theme::load(std::path::Path::new("/nonexistent"), "default");
        Strings::load(&theme.unwrap(), crate::config::Language::ZhHans).unwrap()
    }

    #[test]
    fn a_units_leads_are_its_teams_values_of_its_leads() {
        let people: Vec<Arc<PersonView>> = (0..3)
            .map(|i| Arc::new(person(&format!("p{i}"), &format!("干部{i}"), i, Vec::new())))
            .collect();
        let strings = strings();
        let team: Vec<MemberView> = [true, false, true]
            .into_iter()
            .enumerate()
            .map(|(i, lead)| {
                let assignment = Assignment {
                    person: i,
                    role: Some(format!("角色{i}")),
                    lead,
                    duties: None,
                    covers: Vec::new(),
                    since: None,
                    until: None,
                    current: true,
                    households: None,
                };
                member_view(&assignment, &people, &strings)
            })
            .collect();
        let mut map = tera::Map::new();
        map.insert("name".into(), Value::from("刘庄村"));
        map.insert("team".into(), Value::from_serializable(&team));
        map.insert("area".into(), Value::from("东湖镇"));
        let value = with_leads(Value::from(map), &team);
        let map = value.as_map().unwrap();
        let keys: Vec<&str> = map.keys().filter_map(|k| k.as_str()).collect();
        assert_eq!(keys, ["name", "team", "leads", "area"], "beside the team");
        let leads = serde_json::to_value(&map[&tera::value::Key::from("leads")]).unwrap();
        assert_eq!(leads, serde_json::to_value([&team[0], &team[2]]).unwrap());
    }

    #[test]
    fn a_members_card_leaves_the_list_of_their_units_to_their_own_page() {
        let link = |i: usize| LinkView {
            name: format!("第{i}村"),
            url: format!("zhen/c{i}/"),
        };
        let leader = PersonView {
            title: Some("县长".into()),
            ..person("leader", "王县长", 1, (0..500).map(link).collect())
        };
        let assignment = Assignment {
            person: 0,
            role: Some("包村领导".into()),
            lead: true,
            duties: None,
            covers: Vec::new(),
            since: None,
            until: None,
            current: true,
            households: Some(42),
        };
        let people = [Arc::new(leader)];
        let strings = strings();
        let member = member_view(&assignment, &people, &strings);
        // The households in the theme's words, as the template's filter used to make them.
        let words = strings.text("households_n").replace("{n}", "42");
        assert_eq!(member.households_display.as_deref(), Some(words.as_str()));
        assert!(Arc::ptr_eq(&member.person, &people[0]), "one view, shared");
        // The card is the person's view without the units they serve: every other field.
        let card = serde_json::to_value(&member).unwrap()["person"].clone();
        let without_units = PersonView {
            units: Vec::new(),
            ..(*people[0]).clone()
        };
        assert_eq!(card, serde_json::to_value(&without_units).unwrap());
        // Templates see the same card.
        let value = Value::from_serializable(&member);
        let person = value.as_map().unwrap()[&tera::value::Key::from("person")].clone();
        assert_eq!(serde_json::to_value(&person).unwrap(), card);
    }
}
