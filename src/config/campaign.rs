//! The campaign rules of `[rules]` (全覆盖, 全参与): `[[rules.require]]` (every unit of some
//! kinds needs members of a rank or role), `[[rules.package]]` (every person of a rank links
//! units of each kind), `household_coverage` and `every_org_serves`.
//!
//! They are read on their own from config.toml's text, with the positions of their values, so
//! that a rule naming an unknown kind, an empty rank list or a zero minimum is an error at its
//! line.

use crate::content::source::{self, SourceFile, nearest};
use crate::content::spanned::Spanned;
use crate::content::values::error_at;
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use crate::model::Kind;
use crate::msg;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Value;

/// The campaign rules in force; all empty when config.toml sets none.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct CampaignRules {
    /// A unit with `households` needs its current members' `households` to add up to at
    /// least this share of it.
    pub(crate) household_coverage: Option<f64>,
    /// Every organization has someone on a current team.
    pub(crate) every_org_serves: bool,
    pub(crate) require: Vec<RequireRule>,
    pub(crate) package: Vec<PackageRule>,
}

impl CampaignRules {}

/// `[[rules.require]]`: every unit of `kinds` needs at least `min` current members whose rank
/// is one of `rank` (when given) and whose role is one of `role` (when given).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct RequireRule {
    pub(crate) name: String,
    pub(crate) kinds: Vec<Kind>,
    pub(crate) rank: Vec<String>,
    pub(crate) role: Vec<String>,
    pub(crate) min: usize,
}

/// `[[rules.package]]`: every person whose rank is one of `rank` is on the current teams of
/// at least `kinds[kind]` units of each kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PackageRule {
    pub(crate) name: String,
    pub(crate) rank: Vec<String>,
    pub(crate) kinds: BTreeMap<Kind, usize>,
}

const KNOWN_REQUIRE: &[&str] = &["name", "kinds", "rank", "role", "min"];
const KNOWN_PACKAGE: &[&str] = &["name", "rank", "kinds"];

#[derive(Deserialize, Default)]
struct ConfigPart {
    #[serde(default)]
    rules: RulesPart,
}

#[derive(Deserialize, Default)]
struct RulesPart {
    household_coverage: Option<Spanned<Value>>,
    every_org_serves: Option<bool>,
    #[serde(default)]
    require: Vec<Spanned<RequireRecord>>,
    #[serde(default)]
    package: Vec<Spanned<PackageRecord>>,
}

#[derive(Deserialize)]
struct RequireRecord {
    name: Option<Spanned<String>>,
    kinds: Option<Spanned<Vec<Spanned<String>>>>,
    rank: Option<Spanned<Vec<String>>>,
    role: Option<Spanned<Vec<String>>>,
    min: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
struct PackageRecord {
    name: Option<Spanned<String>>,
    rank: Option<Spanned<Vec<String>>>,
    kinds: Option<Spanned<toml::Table>>,
}

/// Reads the campaign rules of config.toml. Every problem goes to `out`; a broken rule is left
/// out of what is returned.
pub(crate) fn resolve(
    file: &SourceFile,
    doc: &source::Document,
    out: &mut Diagnostics,
) -> CampaignRules {
    unknown_fields(file, doc, out);
    let part: ConfigPart = match source::parse_toml(file, doc) {
        Ok(p) => p,
        Err(d) => {
            out.push(d);
            return CampaignRules::default();
        }
    };
    let r = part.rules;
    let reader = Reader { file, doc };
    CampaignRules {
        household_coverage: r
            .household_coverage
            .as_ref()
            .and_then(|v| reader.coverage(v, out)),
        every_org_serves: r.every_org_serves.unwrap_or(false),
        require: r
            .require
            .iter()
            .filter_map(|rule| reader.require(rule, out))
            .collect(),
        package: r
            .package
            .iter()
            .filter_map(|rule| reader.package(rule, out))
            .collect(),
    }
}

struct Reader<'a> {
    file: &'a SourceFile,
    doc: &'a source::Document<'a>,
}

impl Reader<'_> {
    fn error<T>(&self, at: &Spanned<T>, message: String, help: String) -> Diagnostic {
        error_at(self.file, self.doc, at, message).help(help)
    }

    fn coverage(&self, value: &Spanned<Value>, out: &mut Diagnostics) -> Option<f64> {
        let share = match value.get_ref() {
            Value::Float(f) => Some(*f),
            Value::Integer(i) => Some(*i as f64),
            _ => None,
        };
        match share {
            Some(s) if s > 0.0 && s <= 1.0 => Some(s),
            _ => {
                out.push(self.error(
                    value,
                    msg!(
                        "campaign-rule-bad-coverage",
                        value = value.get_ref().to_string()
                    ),
                    msg!("campaign-rule-bad-coverage-help"),
                ));
                None
            }
        }
    }

    /// The rule's name, which the reports carry.
    fn name<T>(
        &self,
        rule: &Spanned<T>,
        name: &Option<Spanned<String>>,
        table: &str,
        out: &mut Diagnostics,
    ) -> Option<String> {
        let found = name
            .as_ref()
            .map(|n| n.get_ref().trim().to_string())
            .filter(|n| !n.is_empty());
        if found.is_none() {
            out.push(self.error(
                rule,
                msg!("campaign-rule-no-name", table = table),
                msg!("campaign-rule-no-name-help"),
            ));
        }
        found
    }

    fn kind(&self, written: &Spanned<String>, out: &mut Diagnostics) -> Option<Kind> {
        let found = Kind::parse(written.get_ref());
        if found.is_none() {
            out.push(self.unknown_kind(written, written.get_ref()));
        }
        found
    }

    fn unknown_kind<T>(&self, at: &Spanned<T>, kind: &str) -> Diagnostic {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        let help = match nearest(kind, &names) {
            Some(best) => msg!("campaign-rule-unknown-kind-near", best = best),
            None => msg!("campaign-rule-unknown-kind-help", kinds = names.join(", ")),
        };
        self.error(at, msg!("campaign-rule-unknown-kind", kind = kind), help)
    }

    /// A `rank` or `role` list: absent is `Some(empty)`, written empty is an error (`None`).
    fn list(
        &self,
        list: &Option<Spanned<Vec<String>>>,
        field: &str,
        rule: &str,
        out: &mut Diagnostics,
    ) -> Option<Vec<String>> {
        let Some(list) = list else {
            return Some(Vec::new());
        };
        let items: Vec<String> = list
            .get_ref()
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if items.is_empty() {
            let message = match field {
                "rank" => msg!("campaign-rule-empty-rank", rule = rule),
                _ => msg!("campaign-rule-empty-role", rule = rule),
            };
            out.push(self.error(list, message, msg!("campaign-rule-empty-list-help")));
            return None;
        }
        Some(items)
    }

    fn require(&self, rule: &Spanned<RequireRecord>, out: &mut Diagnostics) -> Option<RequireRule> {
        let r = rule.get_ref();
        let errors = out.errors().count();
        let name = self.name(rule, &r.name, "[[rules.require]]", out);
        let shown = name.clone().unwrap_or_default();
        let kinds: Vec<Kind> = match &r.kinds {
            Some(kinds) if !kinds.get_ref().is_empty() => kinds
                .get_ref()
                .iter()
                .filter_map(|k| self.kind(k, out))
                .collect(),
            Some(kinds) => {
                out.push(self.no_kinds(kinds, &shown));
                Vec::new()
            }
            None => {
                out.push(self.no_kinds(rule, &shown));
                Vec::new()
            }
        };
        let rank = self.list(&r.rank, "rank", &shown, out);
        let role = self.list(&r.role, "role", &shown, out);
        if r.rank.is_none() && r.role.is_none() {
            out.push(self.error(
                rule,
                msg!("campaign-rule-no-rank-or-role", rule = &shown),
                msg!("campaign-rule-no-rank-or-role-help"),
            ));
        }
        let min = match &r.min {
            None => 1,
            Some(m) if *m.get_ref() >= 1 => usize::try_from(*m.get_ref()).unwrap_or(usize::MAX),
            Some(m) => {
                out.push(self.error(
                    m,
                    msg!("campaign-rule-zero-min", rule = &shown, min = *m.get_ref()),
                    msg!("campaign-rule-zero-min-help"),
                ));
                0
            }
        };
        if out.errors().count() > errors {
            return None;
        }
        Some(RequireRule {
            name: name?,
            kinds,
            rank: rank?,
            role: role?,
            min,
        })
    }

    fn no_kinds<T>(&self, at: &Spanned<T>, rule: &str) -> Diagnostic {
        self.error(
            at,
            msg!("campaign-rule-no-kinds", rule = rule),
            msg!("campaign-rule-no-kinds-help"),
        )
    }

    fn package(&self, rule: &Spanned<PackageRecord>, out: &mut Diagnostics) -> Option<PackageRule> {
        let r = rule.get_ref();
        let errors = out.errors().count();
        let name = self.name(rule, &r.name, "[[rules.package]]", out);
        let shown = name.clone().unwrap_or_default();
        let rank = match &r.rank {
            Some(_) => self.list(&r.rank, "rank", &shown, out),
            None => {
                out.push(self.error(
                    rule,
                    msg!("campaign-rule-package-no-rank", rule = &shown),
                    msg!("campaign-rule-empty-list-help"),
                ));
                None
            }
        };
        let mut kinds = BTreeMap::new();
        match &r.kinds {
            Some(table) if !table.get_ref().is_empty() => {
                for (kind, count) in table.get_ref() {
                    let Some(k) = Kind::parse(kind) else {
                        out.push(self.unknown_kind(table, kind));
                        continue;
                    };
                    match count.as_integer() {
                        Some(n) if n >= 1 => {
                            kinds.insert(k, usize::try_from(n).unwrap_or(usize::MAX));
                        }
                        Some(n) => out.push(self.error(
                            table,
                            msg!(
                                "campaign-rule-zero-count",
                                rule = &shown,
                                kind = kind,
                                min = n
                            ),
                            msg!("campaign-rule-zero-min-help"),
                        )),
                        None => out.push(self.error(
                            table,
                            msg!(
                                "campaign-rule-bad-count",
                                rule = &shown,
                                kind = kind,
                                value = count.to_string()
                            ),
                            msg!("campaign-rule-zero-min-help"),
                        )),
                    }
                }
            }
            Some(table) => out.push(self.no_kinds(table, &shown)),
            None => out.push(self.no_kinds(rule, &shown)),
        }
        if out.errors().count() > errors {
            return None;
        }
        Some(PackageRule {
            name: name?,
            rank: rank?,
            kinds,
        })
    }
}

/// Warns about fields inside `[[rules.require]]` and `[[rules.package]]` that mean nothing:
/// a typo such as `mni = 2` would otherwise leave a rule at its default without a word.
fn unknown_fields(file: &SourceFile, doc: &source::Document, out: &mut Diagnostics) {
    let Ok(table) = toml::de::DeTable::parse(doc.toml) else {
        return; // the syntax error is reported where the whole file is read
    };
    let table = table.into_inner();
    let Some(rules) = table.get("rules") else {
        return;
    };
    let toml::de::DeValue::Table(rules) = rules.get_ref() else {
        return;
    };
    for (key, known) in [("require", KNOWN_REQUIRE), ("package", KNOWN_PACKAGE)] {
        let Some(list) = rules.get(key) else { continue };
        let toml::de::DeValue::Array(items) = list.get_ref() else {
            continue;
        };
        for item in items {
            let toml::de::DeValue::Table(fields) = item.get_ref() else {
                continue;
            };
            for (field, _) in fields {
                let name = field.get_ref().as_ref();
                if known.contains(&name) {
                    continue;
                }
                let (line, column) = line_col(&file.text, doc.toml_offset + field.span().start);
                let help = match nearest(name, known) {
                    Some(best) => msg!("campaign-rule-unknown-field-near", best = best),
                    None => msg!("campaign-rule-unknown-field-help", known = known.join(", ")),
                };
                out.push(
                    Diagnostic::warning(
                        &file.display,
                        msg!("campaign-rule-unknown-field", field = name, table = key),
                    )
                    .at(Some(line), Some(column))
                    .help(help),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn read(text: &str) -> (CampaignRules, Diagnostics) {
        let file = SourceFile {
            path: PathBuf::from("config.toml"),
            display: "config.toml".into(),
            text: text.into(),
        };
        let doc = source::Document {
            toml: &file.text,
            toml_offset: 0,
            body: None,
        };
        let mut out = Diagnostics::default();
        let rules = resolve(&file, &doc, &mut out);
        (rules, out)
    }

    #[test]
    fn rules_as_the_spec_writes_them() {
        let (rules, out) = read(
            r#"
title = "x"
[rules]
household_coverage = 1.0
every_org_serves = true

[[rules.require]]
name = "县级或科级干部联系"
kinds = ["village", "社区"]
rank = ["县级", "科级"]
min = 1

[[rules.require]]
name = "民警联村"
kinds = ["village"]
role = ["联村民警"]

[[rules.package]]
name = "县级领导包联"
rank = ["县级"]
kinds = { village = 1, enterprise = 1, school = 1 }
"#,
        );
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(rules.household_coverage, Some(1.0));
        assert!(rules.every_org_serves);
        assert_eq!(rules.require.len(), 2);
        assert_eq!(rules.require[0].kinds, [Kind::Village, Kind::Community]);
        assert_eq!(rules.require[1].role, ["联村民警"]);
        assert_eq!(rules.require[1].min, 1);
        let package = &rules.package[0];
        assert_eq!(package.kinds.get(&Kind::School), Some(&1));
        let json = serde_json::to_value(&rules).unwrap();
        assert_eq!(json["package"][0]["kinds"]["enterprise"], 1);
    }

    #[test]
    fn an_unknown_kind_an_empty_rank_list_or_a_zero_minimum_is_an_error_at_its_line() {
        let (rules, out) = read(
            "[rules]\n\
             [[rules.require]]\n\
             name = \"a\"\n\
             kinds = [\"vilage\"]\n\
             rank = [\"县级\"]\n\
             [[rules.require]]\n\
             name = \"b\"\n\
             kinds = [\"village\"]\n\
             rank = []\n\
             [[rules.require]]\n\
             name = \"c\"\n\
             kinds = [\"village\"]\n\
             role = [\"联村民警\"]\n\
             min = 0\n\
             [[rules.package]]\n\
             name = \"d\"\n\
             rank = [\"县级\"]\n\
             kinds = { village = 0, farm = 1 }\n\
             [rules.x]\n",
        );
        assert!(rules.require.is_empty() && rules.package.is_empty());
        let errors: Vec<(Option<usize>, &str)> = out
            .errors()
            .map(|d| (d.line, d.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(errors.len(), 5, "{out:?}");
        let lines: Vec<Option<usize>> = errors.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [Some(4), Some(9), Some(14), Some(18), Some(18)]);
        assert!(errors[0].1.contains("village"), "{errors:?}");
        assert!(out.errors().all(|d| d.file == "config.toml"));
    }

    #[test]
    fn a_typo_inside_a_rule_is_a_warning_with_a_suggestion() {
        let (rules, out) = read(
            "[[rules.require]]\nname = \"a\"\nkinds = [\"village\"]\nrank = [\"县级\"]\nmni = 2\n",
        );
        assert_eq!(rules.require.len(), 1);
        let warnings: Vec<_> = out.warnings().collect();
        assert_eq!(warnings.len(), 1, "{out:?}");
        assert_eq!(warnings[0].line, Some(5));
        assert!(warnings[0].help.as_deref().unwrap().contains("min"));
    }
}
