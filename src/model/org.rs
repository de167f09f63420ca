//! Organizations (派出单位): every distinct `org` of a person, and every record in
//! `content/orgs/` (matched to people by its `name`), each with its own page under `orgs/`.
//!
//! An organization's URL segment is its record's file stem (as pinyin when it is not ASCII), or
//! for one without a record the pinyin of its name, `-2`, `-3` … after it when a homophone
//! already holds it. Records claim their segments first, so adding an organization's person
//! never moves a record's page.

use super::lengths::NAME_MAX;
use super::resolve::person_slug;
use super::slug::slugify;
use super::{Person, PersonIndex, Unit, UnitIndex};
use crate::content::Loaded;
use crate::content::record::{OrgRecord, UnitRecord};
use crate::content::source::nearest;
use crate::content::values::error_at;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::msg;
use crate::validate::phone::{Phone, PhoneParser, ServicePolicy};
use foldhash::HashMap;
use std::sync::Arc;

pub(crate) type OrgIndex = usize;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Organization {
    /// The URL segment under `orgs/`.
    pub(crate) id: String,
    pub(crate) name: String,
    /// The responsible leader (责任领导), from the record.
    pub(crate) leader: Option<PersonIndex>,
    /// The office's public number, from the record.
    pub(crate) phone: Option<Phone>,
    /// The record's site-relative path, when it has one.
    pub(crate) source: Option<String>,
    pub(crate) body: Option<String>,
    /// People whose `org` is this name, in file order (serving or not).
    pub(crate) people: Vec<PersonIndex>,
    /// Units that name it in their `orgs` (linked as a whole), in file order.
    pub(crate) units: Vec<UnitIndex>,
}

impl Organization {
    /// `orgs/nongjiju/`: the page path relative to the site root.
    pub(crate) fn path(&self) -> String {
        format!("orgs/{}/", self.id)
    }

    /// Whether one of its people is on a current team today (全参与).
    pub(crate) fn serves(&self, people: &[Person]) -> bool {
        self.people.iter().any(|&p| people[p].serving)
    }

    /// The file a clerk opens about it: its record, else its first person's record.
    pub(crate) fn file<'a>(&'a self, people: &'a [Person]) -> &'a str {
        match (&self.source, self.people.first()) {
            (Some(source), _) => source,
            (None, Some(&p)) => &people[p].source,
            (None, None) => "",
        }
    }
}

/// Every organization, with a lookup by name built once.
#[derive(Clone, Default)]
pub(crate) struct Orgs {
    list: Vec<Organization>,
    by_name: HashMap<String, OrgIndex>,
}

/// The list alone: the lookup's order differs from one build to the next, and `serve`
/// compares builds by what they print.
impl std::fmt::Debug for Orgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.list).finish()
    }
}

impl Orgs {
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, Organization> {
        self.list.iter()
    }

    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub(crate) fn index(&self, name: &str) -> Option<OrgIndex> {
        self.by_name.get(name).copied()
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Organization> {
        self.index(name).map(|i| &self.list[i])
    }

    fn push(&mut self, org: Organization) -> OrgIndex {
        let index = self.list.len();
        self.by_name.insert(org.name.clone(), index);
        self.list.push(org);
        index
    }
}

impl std::ops::Index<OrgIndex> for Orgs {
    type Output = Organization;
    fn index(&self, index: OrgIndex) -> &Organization {
        &self.list[index]
    }
}

/// The organizations of the records and of the people. `person_index` looks people up by id.
pub(super) fn resolve(
    records: &[Arc<Loaded<OrgRecord>>],
    people: &[Person],
    person_index: &HashMap<&str, usize>,
    phones: &PhoneParser,
    out: &mut Diagnostics,
) -> Orgs {
    let mut orgs = Orgs::default();
    // Which file holds each URL segment, so that a clash names both files.
    let mut segments: HashMap<String, String> = HashMap::default();
    let person_ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    for source in records {
        let file = &source.file;
        let doc = source.doc();
        let r = &source.record;
        let Some(name) = r
            .name
            .as_ref()
            .map(|n| n.get_ref().trim().to_string())
            .filter(|n| !n.is_empty())
        else {
            out.push(
                Diagnostic::error(&file.display, msg!("campaign-org-no-name"))
                    .help(msg!("campaign-org-no-name-help", stem = source.stem())),
            );
            continue;
        };
        if let Some(first) = orgs.get(&name) {
            let first = first.source.clone().unwrap_or_default();
            out.push(
                Diagnostic::error(
                    &file.display,
                    msg!("campaign-org-same-name", name = &name, first = first),
                )
                .help(msg!("campaign-org-same-name-help")),
            );
            continue;
        }
        let id = person_slug(source.stem());
        if id.len() > NAME_MAX {
            out.push(
                Diagnostic::error(
                    &file.display,
                    msg!(
                        "campaign-org-name-too-long",
                        length = id.len(),
                        max = NAME_MAX
                    ),
                )
                .help(msg!("campaign-org-name-too-long-help")),
            );
            continue;
        }
        if id.is_empty() {
            out.push(
                Diagnostic::error(
                    &file.display,
                    msg!("campaign-org-no-address", stem = source.stem()),
                )
                .help(msg!("campaign-org-no-address-help")),
            );
            continue;
        }
        if let Some(first) = segments.insert(id.clone(), file.display.clone()) {
            out.push(
                Diagnostic::error(
                    &file.display,
                    msg!("campaign-org-same-address", first = first, id = &id),
                )
                .help(msg!("campaign-org-same-address-help")),
            );
            continue;
        }
        let leader = r.leader.as_ref().and_then(|l| {
            let wanted = l.get_ref().trim();
            let found = person_index.get(wanted).copied();
            if found.is_none() {
                let help = match nearest(wanted, &person_ids) {
                    Some(best) => msg!("campaign-org-unknown-leader-near", best = best),
                    None => msg!("campaign-org-unknown-leader-help", leader = wanted),
                };
                out.push(
                    error_at(
                        file,
                        &doc,
                        l,
                        msg!("campaign-org-unknown-leader", leader = wanted),
                    )
                    .help(help),
                );
            }
            found
        });
        let phone = r.phone.as_ref().and_then(|p| {
            let parsed = match p.get_ref().text() {
                Some(text) => phones
                    .parse(text, ServicePolicy::Accept)
                    .map_err(|e| e.to_string()),
                None => Err(msg!("campaign-org-phone-not-text")),
            };
            parsed
                .map_err(|problem| {
                    out.push(error_at(
                        file,
                        &doc,
                        p,
                        msg!("campaign-org-bad-phone", problem = problem),
                    ))
                })
                .ok()
        });
        orgs.push(Organization {
            id,
            name,
            leader,
            phone,
            source: Some(file.display.clone()),
            body: source.body.clone(),
            people: Vec::new(),
            units: Vec::new(),
        });
    }
    for (index, person) in people.iter().enumerate() {
        let Some(name) = &person.org else { continue };
        let org = match orgs.index(name) {
            Some(org) => org,
            None => {
                // The address of an organization without a record is the tool's own choice,
                // printed nowhere: a long name's is cut short enough to be a folder, with
                // room for the `-2` that tells two such names apart.
                let base = match slugify(name) {
                    s if s.is_empty() => "org".to_string(),
                    mut s => {
                        s.truncate(NAME_MAX - 16);
                        s.trim_end_matches('-').to_string()
                    }
                };
                let id = (1..)
                    .map(|n| match n {
                        1 => base.clone(),
                        n => format!("{base}-{n}"),
                    })
                    .find(|c| !segments.contains_key(c))
                    .unwrap_or(base);
                segments.insert(id.clone(), person.source.clone());
                orgs.push(Organization {
                    id,
                    name: name.clone(),
                    leader: None,
                    phone: None,
                    source: None,
                    body: None,
                    people: Vec::new(),
                    units: Vec::new(),
                })
            }
        };
        orgs.list[org].people.push(index);
    }
    orgs
}

/// A unit record's `orgs`, trimmed and without repeats; a name that is no organization's is
/// reported at its line (a typo would otherwise drop the link without a word) and kept, so
/// the page still shows what the clerk wrote.
pub(super) fn unit_orgs(
    source: &Loaded<UnitRecord>,
    orgs: &Orgs,
    out: &mut Diagnostics,
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let known: Vec<&str> = orgs.iter().map(|o| o.name.as_str()).collect();
    for written in source.record.orgs.iter().flatten() {
        let name = written.get_ref().trim();
        if name.is_empty() || names.iter().any(|n| n == name) {
            continue;
        }
        if orgs.index(name).is_none() {
            let help = match nearest(name, &known) {
                Some(best) => msg!("campaign-unit-unknown-org-near", best = best),
                None => msg!("campaign-unit-unknown-org-help"),
            };
            let (line, column) =
                crate::content::values::position(&source.file, &source.doc(), written);
            out.push(
                Diagnostic::warning(
                    &source.file.display,
                    msg!("campaign-unit-unknown-org", org = name),
                )
                .at(Some(line), Some(column))
                .help(help),
            );
        }
        names.push(name.to_string());
    }
    names
}

/// Records which units name each organization.
pub(super) fn link_units(orgs: &mut Orgs, units: &[Unit]) {
    for (index, unit) in units.iter().enumerate() {
        for name in &unit.record.orgs {
            if let Some(org) = orgs.index(name) {
                orgs.list[org].units.push(index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::source::SourceFile;

    fn person(id: &str, org: Option<&str>) -> Person {
        Person {
            id: id.into(),
            name: id.into(),
            title: None,
            org: org.map(String::from),
            phone: PhoneParser::default()
                .parse("13912345678", ServicePolicy::Refuse)
                .unwrap(),
            office_phone: None,
            photo: None,
            checked: None,
            body: None,
            source: format!("content/people/{id}.toml"),
            current_units: Vec::new(),
            serving: false,
            rank: None,
        }
    }

    fn by_id(people: &[Person]) -> HashMap<&str, usize> {
        people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect()
    }

    fn record(stem: &str, text: &str) -> Arc<Loaded<OrgRecord>> {
        let file = SourceFile {
            path: format!("content/orgs/{stem}.toml").into(),
            display: format!("content/orgs/{stem}.toml"),
            text: text.into(),
        };
        let record = toml::from_str(text).unwrap();
        Arc::new(Loaded {
            file,
            toml_offset: 0,
            segments: vec!["orgs".into(), stem.into()],
            record,
            body: None,
        })
    }

    #[test]
    fn records_claim_their_addresses_before_organizations_named_only_by_people() {
        // 农机局 (no record) and the record nongjiju.toml for 县农机局 sound alike in pinyin:
        // the record keeps its stem, the other takes -2.
        let people = vec![
            person("a", Some("农机局")),
            person("b", Some("县农机局")),
            person("c", Some("县农机局")),
            person("d", None),
        ];
        let index = by_id(&people);
        let mut out = Diagnostics::default();
        let orgs = resolve(
            &[record(
                "nongjiju",
                "name = \"县农机局\"\nleader = \"b\"\nphone = \"0534-2212001\"\n",
            )],
            &people,
            &index,
            &PhoneParser::default(),
            &mut out,
        );
        assert!(!out.has_errors(), "{out:?}");
        let record = orgs.get("县农机局").unwrap();
        assert_eq!(record.id, "nongjiju");
        assert_eq!(record.people, [1, 2]);
        assert_eq!(record.leader, Some(1));
        assert_eq!(record.phone.as_ref().unwrap().display, "0534-2212001");
        let derived = orgs.get("农机局").unwrap();
        assert_eq!(derived.id, "nongjiju-2");
        assert_eq!(derived.file(&people), "content/people/a.toml");
        assert_eq!(orgs.len(), 2);
    }

    #[test]
    fn organizations_print_the_same_in_every_build() {
        let people: Vec<Person> = (0..20)
            .map(|i| person(&format!("p{i}"), Some(&format!("单位{i}"))))
            .collect();
        let index = by_id(&people);
        let mut out = Diagnostics::default();
        let first = format!(
            "{:?}",
            resolve(&[], &people, &index, &PhoneParser::default(), &mut out)
        );
        for _ in 0..5 {
            assert_eq!(
                format!(
                    "{:?}",
                    resolve(&[], &people, &index, &PhoneParser::default(), &mut out)
                ),
                first
            );
        }
    }

    #[test]
    fn a_record_naming_an_unknown_leader_or_repeating_a_name_is_an_error_at_its_line() {
        let people = vec![person("wang-xing", Some("县农机局"))];
        let index = by_id(&people);
        let mut out = Diagnostics::default();
        resolve(
            &[
                record("a", "name = \"县农机局\"\nleader = \"wang-xin\"\n"),
                record("b", "name = \"县农机局\"\n"),
                record("c", "phone = \"1\"\n"),
            ],
            &people,
            &index,
            &PhoneParser::default(),
            &mut out,
        );
        let errors: Vec<_> = out.errors().collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(errors[0].file, "content/orgs/a.toml");
        assert_eq!(errors[0].line, Some(2));
        assert!(
            errors[0].help.as_deref().unwrap().contains("wang-xing"),
            "{errors:?}"
        );
        assert_eq!(errors[1].file, "content/orgs/b.toml");
        assert!(errors[1].message.contains("content/orgs/a.toml"));
        assert_eq!(errors[2].file, "content/orgs/c.toml");
    }
}
