//! Reading one record, a unit's or an area's `_index.toml`, into a [`Record`]: its kind,
//! code, hotline, aliases and team checked, with what the area tree passes down.

use super::lengths::NAME_MAX;
use super::slug::is_valid_slug;
use super::{Assignment, Kind, Record};
use crate::config::Config;
use crate::content::Loaded;
use crate::content::record::{TeamRecord, UnitRecord};
use crate::content::source::{Document, SourceFile, nearest};
use crate::content::spanned::Spanned;
use crate::content::values::{self, LooseDate, LooseText, error_at};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::validate::phone::{Phone, PhoneParser, ServicePolicy};
use foldhash::{HashMap, HashSet};
use std::path::Path;
use time::Date;

/// Whose record is read: a unit's, which must have a `name`, or an area's `_index.toml`,
/// which is named after its folder when it has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    Unit,
    Area,
}

impl Owner {
    fn default_kind(self) -> Kind {
        match self {
            Owner::Unit => Kind::Village,
            Owner::Area => Kind::Township,
        }
    }
}

/// What the nearest area passes down to a record that does not write its own.
pub(super) struct Inherited<'a> {
    pub(super) hotline: &'a Option<Phone>,
    pub(super) tasks: &'a [String],
}

/// What reading records needs to know about the whole site.
pub(super) struct Resolver<'a> {
    pub(super) person_index: &'a HashMap<&'a str, usize>,
    pub(super) person_ids: &'a [&'a str],
    /// People whose record exists but has errors: teams naming them get no second error.
    pub(super) broken: &'a HashSet<&'a str>,
    /// The publication date, on which assignments are judged current.
    pub(super) date: Date,
    pub(super) phones: &'a PhoneParser,
    pub(super) config: &'a Config,
    pub(super) root: &'a Path,
    /// The organizations, for the units' `orgs`.
    pub(super) orgs: &'a super::Orgs,
}

impl Resolver<'_> {
    /// The record's name (`fallback_name` when an area's has none) and the record.
    pub(super) fn record(
        &self,
        source: &Loaded<UnitRecord>,
        owner: Owner,
        fallback_name: String,
        inherited: Inherited,
        out: &mut Diagnostics,
    ) -> (String, Record) {
        let r = &source.record;
        let file = &source.file;
        let doc = source.doc();
        let name = match &r.name {
            Some(n) if !n.get_ref().trim().is_empty() => n.get_ref().trim().to_string(),
            _ if owner == Owner::Area => fallback_name,
            _ => {
                let example = format!("\"{fallback_name}\"");
                out.push(values::missing_field(&file.display, "name", &example));
                fallback_name
            }
        };
        let hotline = match &r.hotline {
            Some(h) => {
                let policy = ServicePolicy::Accept;
                phone_field(file, &doc, "hotline", h, policy, self.phones, out)
                    .or_else(|| inherited.hotline.clone())
            }
            None => inherited.hotline.clone(),
        };
        let record = Record {
            kind: kind(file, &doc, r.kind.as_ref(), owner.default_kind(), out),
            code: r.code.as_ref().and_then(|c| code(file, &doc, c, out)),
            households: r.households,
            address: clean(r.address.as_deref()),
            hotline,
            tasks: r.tasks.clone().unwrap_or_else(|| inherited.tasks.to_vec()),
            aliases: aliases(file, &doc, r.aliases.iter().flatten(), out),
            description: clean(r.description.as_deref()),
            team: self.team(file, &doc, &r.team, out),
            body: source.body.clone(),
            source: file.display.clone(),
            orgs: super::org::unit_orgs(source, self.orgs, out),
        };
        (name, record)
    }

    /// The team in display order: leads first, then as written (the order on the board).
    fn team(
        &self,
        file: &SourceFile,
        doc: &Document,
        members: &[TeamRecord],
        out: &mut Diagnostics,
    ) -> Vec<Assignment> {
        let mut team: Vec<Assignment> = Vec::with_capacity(members.len());
        for (n, member) in members.iter().enumerate() {
            let Some(person_ref) = &member.person else {
                out.push(
                    Diagnostic::error(
                        &file.display,
                        crate::msg!("model-member-no-person", n = n + 1),
                    )
                    .help(crate::msg!("model-member-no-person-help")),
                );
                continue;
            };
            let Some(person) = self.person(file, doc, person_ref, out) else {
                continue;
            };
            if team.iter().any(|a| a.person == person) {
                let (line, col) = values::position(file, doc, person_ref);
                let message =
                    crate::msg!("model-member-twice", person = person_ref.get_ref().trim());
                out.push(
                    Diagnostic::warning(&file.display, message)
                        .at(Some(line), Some(col))
                        .help(crate::msg!("model-member-twice-help")),
                );
            }
            team.push(self.assignment(file, doc, person, member, person_ref, out));
        }
        team.sort_by_key(|a| !a.lead);
        team
    }

    /// The person a team entry names, or `None` (reported unless their record is broken).
    fn person(
        &self,
        file: &SourceFile,
        doc: &Document,
        person_ref: &Spanned<String>,
        out: &mut Diagnostics,
    ) -> Option<usize> {
        let wanted = person_ref.get_ref().trim();
        if self.broken.contains(wanted) {
            return None;
        }
        if let Some(&person) = self.person_index.get(wanted) {
            return Some(person);
        }
        let message = crate::msg!("model-unknown-person", person = wanted);
        let d = error_at(file, doc, person_ref, message);
        out.push(match nearest(wanted, self.person_ids) {
            Some(best) => d.help(crate::msg!(
                "model-unknown-person-near",
                best = best,
                person = wanted
            )),
            None => d.help(crate::msg!("model-unknown-person-help", person = wanted)),
        });
        None
    }

    /// One team entry, its dates checked and judged on the publication date.
    fn assignment(
        &self,
        file: &SourceFile,
        doc: &Document,
        person: usize,
        member: &TeamRecord,
        person_ref: &Spanned<String>,
        out: &mut Diagnostics,
    ) -> Assignment {
        let date = |field: &str, value: &Option<Spanned<LooseDate>>, out: &mut Diagnostics| {
            value
                .as_ref()
                .and_then(|v| date_field(file, doc, field, v, out))
        };
        let since = date("since", &member.since, out);
        let until = date("until", &member.until, out);
        if let (Some(s), Some(u)) = (since, until)
            && u < s
        {
            let (line, col) = values::position(file, doc, person_ref);
            out.push(
                Diagnostic::error(
                    &file.display,
                    crate::msg!(
                        "model-until-before-since",
                        until = u.to_string(),
                        since = s.to_string()
                    ),
                )
                .at(Some(line), Some(col))
                .help(crate::msg!("model-until-before-since-help")),
            );
        }
        Assignment {
            person,
            role: clean(member.role.as_deref()),
            lead: member.lead.unwrap_or(false),
            duties: clean(member.duties.as_deref()),
            covers: member.covers.clone().unwrap_or_default(),
            since,
            until,
            current: since.is_none_or(|s| s <= self.date) && until.is_none_or(|u| self.date <= u),
            households: member.households,
        }
    }
}

/// The record's kind, else `default` (an unknown kind is reported with the nearest one).
fn kind(
    file: &SourceFile,
    doc: &Document,
    written: Option<&Spanned<String>>,
    default: Kind,
    out: &mut Diagnostics,
) -> Kind {
    let Some(k) = written else {
        return default;
    };
    Kind::parse(k.get_ref()).unwrap_or_else(|| {
        let names: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        let d = error_at(
            file,
            doc,
            k,
            crate::msg!("model-unknown-kind", kind = k.get_ref()),
        );
        out.push(match nearest(k.get_ref(), &names) {
            Some(best) => d.help(crate::msg!(
                "model-unknown-kind-near",
                best = best,
                kinds = names.join(", ")
            )),
            None => d.help(crate::msg!(
                "model-unknown-kind-help",
                kinds = names.join(", ")
            )),
        });
        default
    })
}

/// The statistical division code as written; anything but 12 digits is a warning.
fn code(
    file: &SourceFile,
    doc: &Document,
    c: &Spanned<LooseText>,
    out: &mut Diagnostics,
) -> Option<String> {
    let text = c.get_ref().text().map(str::to_string);
    if !text
        .as_deref()
        .is_some_and(|t| t.len() == 12 && t.bytes().all(|b| b.is_ascii_digit()))
    {
        let (line, col) = values::position(file, doc, c);
        out.push(
            Diagnostic::warning(&file.display, crate::msg!("model-bad-code"))
                .at(Some(line), Some(col))
                .help(crate::msg!("model-bad-code-help")),
        );
    }
    text
}

/// The former addresses that must keep working, each a site path.
fn aliases<'a>(
    file: &SourceFile,
    doc: &Document,
    written: impl Iterator<Item = &'a Spanned<String>>,
    out: &mut Diagnostics,
) -> Vec<String> {
    written
        .filter_map(|a| {
            let clean = a.get_ref().trim().trim_matches('/').to_string();
            let valid = !clean.is_empty() && clean.split('/').all(is_valid_slug);
            // Each part is a folder of the output, which no file system takes longer.
            let fits = clean.split('/').all(|s| s.len() <= NAME_MAX);
            if valid && !fits {
                out.push(
                    error_at(
                        file,
                        doc,
                        a,
                        crate::msg!("model-alias-too-long", max = NAME_MAX),
                    )
                    .help(crate::msg!("model-alias-too-long-help")),
                );
                return None;
            }
            if !valid {
                out.push(
                    error_at(
                        file,
                        doc,
                        a,
                        crate::msg!("model-bad-alias", alias = a.get_ref()),
                    )
                    .help(crate::msg!("model-bad-alias-help")),
                );
            }
            valid.then_some(clean)
        })
        .collect()
}

/// The trimmed text, unless there is none.
pub(super) fn clean(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The phone number in `value`, or `None` after reporting what is wrong with it.
pub(super) fn phone_field(
    file: &SourceFile,
    doc: &Document,
    field: &str,
    value: &Spanned<LooseText>,
    policy: ServicePolicy,
    phones: &PhoneParser,
    out: &mut Diagnostics,
) -> Option<Phone> {
    let Some(text) = value.get_ref().text() else {
        out.push(
            error_at(
                file,
                doc,
                value,
                crate::msg!("model-phone-not-text", field = field),
            )
            .help(crate::msg!("model-phone-not-text-help")),
        );
        return None;
    };
    phones
        .parse(text, policy)
        .map_err(|e| {
            let message = crate::msg!("model-bad-phone", field = field, problem = e.to_string());
            out.push(error_at(file, doc, value, message))
        })
        .ok()
}

/// The date in `value`, or `None` after reporting what is wrong with it.
pub(super) fn date_field(
    file: &SourceFile,
    doc: &Document,
    field: &str,
    value: &Spanned<LooseDate>,
    out: &mut Diagnostics,
) -> Option<Date> {
    value
        .get_ref()
        .date(field)
        .map_err(|(message, help)| out.push(error_at(file, doc, value, message).help(help)))
        .ok()
}
