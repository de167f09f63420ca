//! Finding the unit and the people a log row names, through maps built once for the site:
//! units by id, path under `content/`, former id, area and unit names, or unit name alone;
//! people by id or name. It also knows every published number, for the privacy check.

use crate::content::source::nearest;
use crate::import::cell_text::trim;
use crate::model::{PersonIndex, Site, UnitIndex};
use crate::msg;
use crate::validate::phone::PhoneParser;
use foldhash::{HashMap, HashSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};

/// Marks a name that several units or people share.
const AMBIGUOUS: u32 = u32::MAX;

/// Units and people by every name a log may use, and the numbers that are published.
pub(super) struct Lookup<'a> {
    pub(crate) site: &'a Site,
    /// Ids (URL paths), paths under `content/` and former ids (aliases).
    unit_paths: HashMap<String, u32>,
    /// `东湖镇/刘庄村` and `刘庄村`: [`AMBIGUOUS`] when several units have the name.
    unit_names: HashMap<String, u32>,
    person_ids: HashMap<&'a str, u32>,
    person_names: HashMap<&'a str, u32>,
    pub(crate) published_phones: HashSet<&'a str>,
    /// The build's phone parser, for numbers found in log text.
    pub(crate) phones: &'a PhoneParser,
    /// Whether a cell was looked up among the units' names, and among the people's.
    unit_names_consulted: AtomicBool,
    person_names_consulted: AtomicBool,
}

/// Which of the maps built from names the rows were looked up in: what the resolved log
/// depends on beyond ids and paths (see [`Lookup::depends`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Consulted {
    pub(crate) unit_names: bool,
    pub(crate) person_names: bool,
}

impl Consulted {
    /// Whether any names were.
    pub(crate) fn any(self) -> bool {
        self.unit_names || self.person_names
    }
}

impl<'a> Lookup<'a> {
    pub(crate) fn new(site: &'a Site, phones: &'a PhoneParser) -> Self {
        let mut unit_paths = HashMap::default();
        let mut unit_names = HashMap::default();
        let name = |map: &mut HashMap<String, u32>, key: String, unit: u32| {
            map.entry(key)
                .and_modify(|u| {
                    if *u != unit {
                        *u = AMBIGUOUS
                    }
                })
                .or_insert(unit);
        };
        for (i, unit) in site.units.iter().enumerate() {
            let i = i as u32;
            unit_paths.insert(unit.id.clone(), i);
            unit_paths
                .entry(content_path(&unit.record.source))
                .or_insert(i);
            for alias in &unit.record.aliases {
                unit_paths.entry(alias.clone()).or_insert(i);
            }
            let path = names_path(site, unit);
            if path != unit.name {
                name(&mut unit_names, unit.name.clone(), i);
            }
            name(&mut unit_names, path, i);
        }
        let mut person_names: HashMap<&str, u32> = HashMap::default();
        for (i, p) in site.people.iter().enumerate() {
            person_names
                .entry(p.name.as_str())
                .and_modify(|x| *x = AMBIGUOUS)
                .or_insert(i as u32);
        }
        let published_phones = published_phones(site).collect();
        Lookup {
            site,
            phones,
            unit_paths,
            unit_names,
            person_ids: site
                .people
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), i as u32))
                .collect(),
            person_names,
            published_phones,
            unit_names_consulted: AtomicBool::new(false),
            person_names_consulted: AtomicBool::new(false),
        }
    }

    /// Which names the lookups so far have consulted.
    pub(crate) fn consulted(&self) -> Consulted {
        Consulted {
            unit_names: self.unit_names_consulted.load(Ordering::Relaxed),
            person_names: self.person_names_consulted.load(Ordering::Relaxed),
        }
    }

    /// A hash of everything in `site` that a lookup which `consulted` these names can give
    /// (and the publication date, which the rows' dates are checked against): equal, the rows
    /// of an unchanged log resolve as they did. Names that were not consulted are left out,
    /// so that renaming a unit or a person keeps a log that names them by id or path.
    pub(crate) fn depends(site: &Site, consulted: Consulted) -> u64 {
        let mut h = foldhash::fast::FixedState::with_seed(0x6e62).build_hasher();
        site.date.hash(&mut h);
        site.units.len().hash(&mut h);
        for unit in &site.units {
            unit.id.hash(&mut h);
            content_path(&unit.record.source).hash(&mut h);
            unit.record.aliases.hash(&mut h);
            if consulted.unit_names {
                unit.name.hash(&mut h);
                names_path(site, unit).hash(&mut h);
            }
        }
        site.people.len().hash(&mut h);
        for person in &site.people {
            person.id.hash(&mut h);
            if consulted.person_names {
                person.name.hash(&mut h);
            }
        }
        for phone in published_phones(site) {
            phone.hash(&mut h);
        }
        h.finish()
    }

    /// The unit a cell names (with the row's 镇街, if the sheet has that column).
    pub(crate) fn unit(
        &self,
        area: &str,
        text: &str,
        suggest: bool,
    ) -> Result<UnitIndex, (String, String)> {
        let key = unit_key(text);
        let key = if area.is_empty() || key.contains('/') {
            key
        } else {
            Cow::Owned(format!("{}/{key}", unit_key(area)))
        };
        let found = self.unit_paths.get(key.as_ref()).or_else(|| {
            self.unit_names_consulted.store(true, Ordering::Relaxed);
            self.unit_names.get(key.as_ref())
        });
        match found {
            Some(&AMBIGUOUS) => Err((
                msg!(
                    "worklog-ambiguous-unit",
                    unit = text,
                    candidates = self.units_named(&key).join(", ")
                ),
                msg!("worklog-ambiguous-unit-help"),
            )),
            Some(&u) => Ok(u as usize),
            None => {
                let best = suggest.then(|| self.nearest_unit(&key)).flatten();
                Err((
                    msg!("worklog-unknown-unit", unit = text),
                    match best {
                        Some(best) => msg!("worklog-unknown-unit-near", best = best),
                        None => msg!("worklog-unknown-unit-help"),
                    },
                ))
            }
        }
    }

    /// The content paths of the units whose name (or area and unit names) is `key`.
    fn units_named(&self, key: &str) -> Vec<String> {
        let site = self.site;
        site.units
            .iter()
            .filter(|u| u.name == key || names_path(site, u) == key)
            .map(|u| content_path(&u.record.source))
            .collect()
    }

    fn nearest_unit(&self, key: &str) -> Option<&str> {
        self.unit_names_consulted.store(true, Ordering::Relaxed);
        let keys: Vec<&str> = self
            .unit_paths
            .keys()
            .chain(self.unit_names.keys())
            .map(String::as_str)
            .collect();
        nearest(key, &keys)
    }

    /// The person a name or id is.
    fn person(&self, text: &str, suggest: bool) -> Result<PersonIndex, (String, String)> {
        if let Some(&p) = self.person_ids.get(text) {
            return Ok(p as usize);
        }
        self.person_names_consulted.store(true, Ordering::Relaxed);
        match self.person_names.get(text) {
            Some(&AMBIGUOUS) => {
                let ids: Vec<&str> = self
                    .site
                    .people
                    .iter()
                    .filter(|p| p.name == text)
                    .map(|p| p.id.as_str())
                    .collect();
                Err((
                    msg!(
                        "worklog-ambiguous-person",
                        name = text,
                        ids = ids.join(", ")
                    ),
                    msg!("worklog-ambiguous-person-help"),
                ))
            }
            Some(&p) => Ok(p as usize),
            None => {
                let best = suggest
                    .then(|| {
                        let keys: Vec<&str> = self
                            .person_ids
                            .keys()
                            .chain(self.person_names.keys())
                            .copied()
                            .collect();
                        nearest(text, &keys)
                    })
                    .flatten();
                Err((
                    msg!("worklog-unknown-person", name = text),
                    match best {
                        Some(best) => msg!("worklog-unknown-person-near", best = best),
                        None => msg!("worklog-unknown-person-help"),
                    },
                ))
            }
        }
    }

    /// The people a cell names, separated by 、 (or commas or semicolons); a part that names
    /// nobody as a whole is tried again split at spaces (王兴 李华).
    pub(crate) fn people(
        &self,
        text: &str,
        found: &mut Vec<PersonIndex>,
        suggest: bool,
    ) -> Result<(), (String, String)> {
        for part in text.split(['、', ',', '，', ';', '；', '/']) {
            let part = trim(part);
            if part.is_empty() {
                continue;
            }
            let one = self.person(part, suggest).or_else(|e| {
                if !part.contains(char::is_whitespace) {
                    return Err(e);
                }
                for word in part.split_whitespace() {
                    let p = self.person(word, suggest)?;
                    if !found.contains(&p) {
                        found.push(p);
                    }
                }
                Ok(usize::MAX)
            })?;
            if one != usize::MAX && !found.contains(&one) {
                found.push(one);
            }
        }
        Ok(())
    }
}

/// The E.164 form of every published number: the serving people's, and every hotline.
fn published_phones(site: &Site) -> impl Iterator<Item = &str> {
    let people = site.people.iter().filter(|p| p.serving).flat_map(|p| {
        let office = p.office_phone.as_ref().map(|o| o.e164.as_str());
        std::iter::once(p.phone.e164.as_str()).chain(office)
    });
    let area_records = site.areas.iter().filter_map(|a| a.record.as_ref());
    let records = site.units.iter().map(|u| &u.record).chain(area_records);
    let hotlines = records.filter_map(|r| r.hotline.as_ref().map(|h| h.e164.as_str()));
    let site_hotline = site.config.hotline.as_ref().map(|h| h.e164.as_str());
    people.chain(hotlines).chain(site_hotline)
}

/// `东湖镇/刘庄村`: the names of a unit's areas from the top, and its own.
fn names_path(site: &Site, unit: &crate::model::Unit) -> String {
    let mut names: Vec<&str> = site
        .ancestors(unit.area)
        .into_iter()
        .map(|a| site.areas[a].name.as_str())
        .collect();
    names.push(&unit.name);
    names.join("/")
}

/// `content/donghu/刘庄村.toml` → `donghu/刘庄村`: a unit's path under `content/`.
fn content_path(source: &str) -> String {
    let path = source
        .strip_prefix(crate::content::CONTENT_DIR)
        .and_then(|p| p.strip_prefix('/'))
        .unwrap_or(source);
    match path.rsplit_once('.') {
        Some((stem, _)) => stem.to_string(),
        None => path.to_string(),
    }
}

/// A unit cell as a lookup key: trimmed, full-width and back slashes made `/`, no slash at
/// either end and no space around one. Borrowed when nothing needs changing, as it mostly is.
fn unit_key(text: &str) -> Cow<'_, str> {
    let text = trim(text).trim_matches(['/', '／']);
    if !text.contains(['／', '\\', ' ', '\u{3000}']) {
        return Cow::Borrowed(text);
    }
    let replaced = text.replace(['／', '\\'], "/");
    Cow::Owned(
        replaced
            .split('/')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_keys_forgive_slashes_and_spaces() {
        assert_eq!(unit_key(" donghu/刘庄村 "), "donghu/刘庄村");
        assert_eq!(unit_key("/donghu/liuzhuangcun/"), "donghu/liuzhuangcun");
        assert_eq!(unit_key("东湖镇／刘庄村"), "东湖镇/刘庄村");
        assert_eq!(unit_key("东湖镇 / 刘庄村"), "东湖镇/刘庄村");
        assert!(matches!(unit_key("东湖镇/刘庄村"), Cow::Borrowed(_)));
    }

    #[test]
    fn content_paths_drop_the_folder_and_extension() {
        assert_eq!(content_path("content/donghu/刘庄村.toml"), "donghu/刘庄村");
        assert_eq!(
            content_path("content/a/b/zhangzhuang.md"),
            "a/b/zhangzhuang"
        );
    }
}
