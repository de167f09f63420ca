//! The records as written in files, before validation. Every field is optional here so that
//! one pass can report every missing or malformed field instead of only serde's first; values
//! clerks type loosely arrive as [`LooseText`] and [`LooseDate`].

use super::values::{LooseDate, LooseText};
use crate::content::spanned::Spanned;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
pub(crate) struct UnitRecord {
    pub name: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub slug: Option<Spanned<String>>,
    pub code: Option<Spanned<LooseText>>,
    pub households: Option<u32>,
    pub address: Option<String>,
    pub hotline: Option<Spanned<LooseText>>,
    pub tasks: Option<Vec<String>>,
    pub aliases: Option<Vec<Spanned<String>>>,
    /// A line for search results and link previews; the body's first paragraph otherwise.
    pub description: Option<String>,
    #[serde(default)]
    pub team: Vec<TeamRecord>,
    /// Organizations linked to the unit as a whole (单位联系村): their names.
    pub orgs: Option<Vec<Spanned<String>>>,
}

pub(crate) const UNIT_FIELDS: &[&str] = &[
    "name",
    "kind",
    "slug",
    "code",
    "households",
    "address",
    "hotline",
    "tasks",
    "aliases",
    "description",
    "team",
    "orgs",
];

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
pub(crate) struct TeamRecord {
    pub person: Option<Spanned<String>>,
    pub role: Option<String>,
    pub lead: Option<bool>,
    pub duties: Option<String>,
    pub covers: Option<Vec<String>>,
    pub since: Option<Spanned<LooseDate>>,
    pub until: Option<Spanned<LooseDate>>,
    /// How many households this member links (联系户 count, never their names).
    pub households: Option<u32>,
}

pub(crate) const TEAM_FIELDS: &[&str] = &[
    "person",
    "role",
    "lead",
    "duties",
    "covers",
    "since",
    "until",
    "households",
];

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
pub(crate) struct PersonRecord {
    pub name: Option<Spanned<String>>,
    pub title: Option<String>,
    pub org: Option<String>,
    pub phone: Option<Spanned<LooseText>>,
    pub office_phone: Option<Spanned<LooseText>>,
    pub photo: Option<Spanned<String>>,
    pub checked: Option<Spanned<LooseDate>>,
    /// Free text (县级, 科级, 一般干部 ...), for the campaign rules.
    pub rank: Option<String>,
}

pub(crate) const PERSON_FIELDS: &[&str] = &[
    "name",
    "title",
    "org",
    "phone",
    "office_phone",
    "photo",
    "checked",
    "rank",
];

/// `content/_index.md`: the front page's own text.
#[derive(Debug, Deserialize, Serialize, Default, Clone)]
pub(crate) struct FrontRecord {
    pub title: Option<String>,
    pub description: Option<String>,
}

pub(crate) const FRONT_FIELDS: &[&str] = &["title", "description"];

/// `content/orgs/<id>.toml`: an organization's own record (派出单位).
#[derive(Debug, Deserialize, Serialize, Default, Clone)]
pub(crate) struct OrgRecord {
    /// The `org` value of its people.
    pub name: Option<Spanned<String>>,
    /// The person id of its responsible leader (责任领导).
    pub leader: Option<Spanned<String>>,
    /// The office's public number.
    pub phone: Option<Spanned<LooseText>>,
}

pub(crate) const ORG_FIELDS: &[&str] = &["name", "leader", "phone"];
