//! Stage 2, the typed model: areas, units, people and their assignments, resolved once and
//! checked, so that rendering never has to look anything up or fail.

pub(crate) mod board;
pub(crate) mod lengths;
pub(crate) mod org;
mod people;
pub(crate) mod reading;
mod record;
mod resolve;
pub(crate) mod slug;

pub(crate) use org::{OrgIndex, Organization, Orgs};
pub(crate) use resolve::resolve;
pub(crate) use resolve::{RESERVED_SEGMENTS, person_slug as resolve_person_slug};

use crate::config::Config;
use crate::validate::phone::Phone;
use serde::Serialize;
use std::path::PathBuf;
use time::Date;

pub(crate) type AreaIndex = usize;
pub(crate) type UnitIndex = usize;
pub(crate) type PersonIndex = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Village,
    Community,
    Enterprise,
    School,
    Project,
    Township,
    Street,
    County,
    Other,
}

impl Kind {
    pub(crate) const ALL: [Kind; 9] = [
        Kind::Village,
        Kind::Community,
        Kind::Enterprise,
        Kind::School,
        Kind::Project,
        Kind::Township,
        Kind::Street,
        Kind::County,
        Kind::Other,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Village => "village",
            Kind::Community => "community",
            Kind::Enterprise => "enterprise",
            Kind::School => "school",
            Kind::Project => "project",
            Kind::Township => "township",
            Kind::Street => "street",
            Kind::County => "county",
            Kind::Other => "other",
        }
    }

    /// The English name or the Chinese one a roster uses (村, 社区 ...).
    pub(crate) fn parse(s: &str) -> Option<Kind> {
        let s = s.trim();
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .or(match s {
                "村" | "行政村" => Some(Kind::Village),
                "社区" | "居委会" => Some(Kind::Community),
                "企业" | "公司" => Some(Kind::Enterprise),
                "学校" => Some(Kind::School),
                "项目" | "项目工地" => Some(Kind::Project),
                "镇" | "乡" | "乡镇" | "镇街" => Some(Kind::Township),
                "街道" => Some(Kind::Street),
                "县" | "区" | "县区" => Some(Kind::County),
                "其他" => Some(Kind::Other),
                _ => None,
            })
    }

    /// Kinds that the `min_team` rule applies to.
    pub(crate) fn needs_full_team(self) -> bool {
        matches!(self, Kind::Village | Kind::Community)
    }
}

/// One person's place on one unit's team.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Assignment {
    pub person: PersonIndex,
    pub role: Option<String>,
    pub lead: bool,
    pub duties: Option<String>,
    pub covers: Vec<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// Within `[since, until]` on the publication date: only these are shown and counted.
    pub current: bool,
    /// How many households the member links (a count; never their names).
    pub households: Option<u32>,
}

/// What a unit's record and an area's own record (`_index.toml`) both say: the team, the
/// hotline and tasks (inherited when not written), and the other fields of the format.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Record {
    pub kind: Kind,
    pub code: Option<String>,
    pub households: Option<u32>,
    pub address: Option<String>,
    /// The record's own hotline, else the nearest area's, else the site's.
    pub hotline: Option<Phone>,
    /// The record's own tasks, else the nearest area's, else `[board].tasks`.
    pub tasks: Vec<String>,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// In display order: leads first, then as written.
    pub team: Vec<Assignment>,
    pub body: Option<String>,
    /// Site-relative path of the record.
    pub source: String,
    /// Names of the organizations linked to the unit as a whole (单位联系村), as written.
    pub orgs: Vec<String>,
}

impl Record {
    pub(crate) fn current_team(&self) -> impl Iterator<Item = &Assignment> {
        self.team.iter().filter(|a| a.current)
    }

    pub(crate) fn leads(&self) -> impl Iterator<Item = &Assignment> {
        self.current_team().filter(|a| a.lead)
    }
}

/// A village, community, enterprise, school or project site: a page and a printed board.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unit {
    /// The URL path without slashes at the ends: `luquantun/liuzhuang`.
    pub id: String,
    /// The page's absolute URL: what its QR code holds, and the one place it is made.
    pub url: String,
    pub name: String,
    pub area: AreaIndex,
    pub record: Record,
}

impl Unit {
    pub(crate) fn current_team(&self) -> impl Iterator<Item = &Assignment> {
        self.record.current_team()
    }

    /// `luquantun/liuzhuang/`: the page path relative to the site root.
    pub(crate) fn path(&self) -> String {
        format!("{}/", self.id)
    }
}

/// A folder of units (a township, a street …): a page, and the boards of every unit below.
#[derive(Debug, Clone)]
pub(crate) struct Area {
    /// `""` for the site root, else the URL path (`luquantun`, `a/b`).
    pub id: String,
    /// The page's absolute URL.
    pub url: String,
    pub name: String,
    pub parent: Option<AreaIndex>,
    pub children: Vec<AreaIndex>,
    pub units: Vec<UnitIndex>,
    /// The area's own record (`_index.toml`): its team, hotline, tasks, text.
    pub record: Option<Record>,
    /// What messages name the area by: its `_index` record, else its folder (site-relative).
    pub source: String,
}

impl Area {
    pub(crate) fn path(&self) -> String {
        if self.id.is_empty() {
            String::new()
        } else {
            format!("{}/", self.id)
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// The record's file stem: `wang-xing`.
    pub id: String,
    pub name: String,
    pub title: Option<String>,
    pub org: Option<String>,
    pub phone: Phone,
    pub office_phone: Option<Phone>,
    /// Absolute path of the source photo, if one exists.
    pub photo: Option<PathBuf>,
    pub checked: Option<Date>,
    pub body: Option<String>,
    pub source: String,
    /// Units (not area records) where this person is on the current team.
    pub current_units: Vec<UnitIndex>,
    /// On a current team of a unit or an area on the publication date. Only such people are
    /// published: a cadre who has rotated out, or not yet started, gets no page, vCard or
    /// search entry, so residents are never sent to a number nobody answers for them.
    pub serving: bool,
    /// Free text (县级, 科级 ...), for the campaign rules; not published.
    pub rank: Option<String>,
}

impl Person {
    /// The surname, for the photo placeholder and the vCard's N field.
    pub(crate) fn initial(&self) -> String {
        self.name
            .chars()
            .next()
            .map(String::from)
            .unwrap_or_default()
    }

    /// `people/wang-xing/`: the page path relative to the site root (only serving people
    /// have one).
    pub(crate) fn page(&self) -> String {
        format!("people/{}/", resolve_person_slug(&self.id))
    }
}

/// The whole site, resolved: what every later stage reads.
#[derive(Debug, Clone)]
pub struct Site {
    pub(crate) config: Config,
    pub(crate) root: PathBuf,
    /// The publication date on which assignments are judged current.
    pub(crate) date: Date,
    /// `areas[0]` is the site root (the front page).
    pub(crate) areas: Vec<Area>,
    pub(crate) units: Vec<Unit>,
    pub(crate) people: Vec<Person>,
    /// The front page's own title and Markdown text.
    pub(crate) front_title: Option<String>,
    pub(crate) front_description: Option<String>,
    pub(crate) front_body: Option<String>,
    /// The visit log and the problem ledger (`content/visits/`, `content/ledger/`). Shared,
    /// so that it can be saved for the next build beside the build's later stages.
    pub(crate) worklog: std::sync::Arc<crate::worklog::Worklog>,
    /// The organizations (派出单位): from `content/orgs/` and from people's `org`.
    pub(crate) orgs: Orgs,
}

impl Site {
    /// The people who get a page, a vCard and a place on the lists: those serving today.
    pub fn published_people(&self) -> impl Iterator<Item = PersonIndex> + '_ {
        (0..self.people.len()).filter(|&i| self.people[i].serving)
    }

    /// How many units each area has, its sub-areas' included, by area index: counted once for
    /// a build, where each area's page, description and batch need it.
    pub(crate) fn unit_totals(&self) -> Vec<usize> {
        fn count(site: &Site, index: AreaIndex, totals: &mut [usize]) -> usize {
            let area = &site.areas[index];
            let below: usize = area.children.iter().map(|&c| count(site, c, totals)).sum();
            totals[index] = area.units.len() + below;
            totals[index]
        }
        let mut totals = vec![0; self.areas.len()];
        if !self.areas.is_empty() {
            count(self, 0, &mut totals);
        }
        totals
    }

    /// Areas from the top down to `area`, without the site root.
    pub fn ancestors(&self, area: AreaIndex) -> Vec<AreaIndex> {
        let mut chain = Vec::new();
        let mut current = Some(area);
        while let Some(i) = current {
            if i != 0 {
                chain.push(i);
            }
            current = self.areas[i].parent;
        }
        chain.reverse();
        chain
    }
}
