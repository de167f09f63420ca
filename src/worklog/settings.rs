//! The work log's settings in `config.toml`: `[rules.visits]` (how often units are visited and
//! how many home visits a person makes) and `[ledger]` (whether summaries are published).

use crate::content::source::{Document, SourceFile, nearest};
use crate::content::spanned::Spanned;
use crate::content::values::error_at;
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use crate::msg;
use serde::{Deserialize, Serialize};

/// The keys of `[ledger]`.
pub(crate) const LEDGER_KEYS: &[&str] = &["publish_summary"];
/// The keys of `[rules.visits]`.
pub(crate) const VISIT_RULE_KEYS: &[&str] = &["unit_every_days", "home_visits_per_year"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct VisitRules {
    /// Every unit with a current team needs a visit at least this often.
    pub(crate) unit_every_days: u32,
    /// Every serving person needs this many 入户 visits in the 365 days up to the
    /// publication date.
    pub(crate) home_visits_per_year: u32,
    /// Whether `config.toml` has a `[rules.visits]` table: then the rules apply even to a
    /// site without a visit log.
    #[serde(skip)]
    pub(crate) configured: bool,
}

impl Default for VisitRules {
    fn default() -> Self {
        VisitRules {
            unit_every_days: 31,
            home_visits_per_year: 4,
            configured: false,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Settings {
    pub(crate) visits: VisitRules,
    /// `[ledger] publish_summary`: whether a ledger entry's 问题 (summary) is published.
    pub(crate) publish_summary: bool,
}

/// `[rules.visits]` as written.
#[derive(Debug, Deserialize, Default)]
pub(crate) struct VisitRulesRecord {
    unit_every_days: Option<Spanned<i64>>,
    home_visits_per_year: Option<Spanned<i64>>,
}

/// `[ledger]` as written.
#[derive(Debug, Deserialize, Default)]
pub(crate) struct LedgerRecord {
    publish_summary: Option<bool>,
}

/// The settings from the records of `config.toml`; problems go to `out`.
pub(crate) fn resolve(
    visits: Option<VisitRulesRecord>,
    ledger: Option<LedgerRecord>,
    file: &SourceFile,
    doc: &Document,
    out: &mut Diagnostics,
) -> Settings {
    let defaults = VisitRules::default();
    let mut number = |field: &str, value: &Option<Spanned<i64>>, default: u32| match value {
        None => default,
        Some(v) => match u32::try_from(*v.get_ref()) {
            Ok(n) if n >= 1 => n,
            _ => {
                out.push(
                    error_at(file, doc, v, msg!("worklog-not-positive", field = field))
                        .help(msg!("worklog-not-positive-help")),
                );
                default
            }
        },
    };
    let configured = visits.is_some();
    let visits = visits.unwrap_or_default();
    let rules = VisitRules {
        unit_every_days: number(
            "unit_every_days",
            &visits.unit_every_days,
            defaults.unit_every_days,
        ),
        home_visits_per_year: number(
            "home_visits_per_year",
            &visits.home_visits_per_year,
            defaults.home_visits_per_year,
        ),
        configured,
    };
    warn_unknown_visit_keys(file, doc, out);
    Settings {
        visits: rules,
        publish_summary: ledger.and_then(|l| l.publish_summary).unwrap_or(false),
    }
}

/// A typo in `[rules.visits]` would silently apply the default: say so, like other tables.
fn warn_unknown_visit_keys(file: &SourceFile, doc: &Document, out: &mut Diagnostics) {
    use toml::de::{DeTable, DeValue};
    let Ok(table) = DeTable::parse(doc.toml) else {
        return;
    };
    let table = table.into_inner();
    let Some(DeValue::Table(rules)) = table.get("rules").map(|v| v.get_ref()) else {
        return;
    };
    let Some(DeValue::Table(visits)) = rules.get("visits").map(|v| v.get_ref()) else {
        return;
    };
    for (key, _) in visits.iter() {
        let name = key.get_ref().as_ref();
        if VISIT_RULE_KEYS.contains(&name) {
            continue;
        }
        let (line, column) = line_col(&file.text, doc.toml_offset + key.span().start);
        let help = match nearest(name, VISIT_RULE_KEYS) {
            Some(best) => msg!("content-did-you-mean-field", best = best),
            None => msg!("content-known-fields", known = VISIT_RULE_KEYS.join(", ")),
        };
        out.push(
            Diagnostic::warning(
                &file.display,
                msg!(
                    "worklog-unknown-field",
                    field = name,
                    table = "rules.visits"
                ),
            )
            .at(Some(line), Some(column))
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Diagnostics;

    fn load(extra: &str) -> (Option<super::Settings>, Vec<String>) {
        let site = tempfile::tempdir().unwrap();
        std::fs::write(
            site.path().join("config.toml"),
            format!("title = \"t\"\nbase_url = \"https://example.org\"\n{extra}"),
        )
        .unwrap();
        let mut out = Diagnostics::default();
        let config = crate::config::load(
            site.path(),
            &crate::validate::phone::PhoneParser::default(),
            &mut out,
        );
        let messages = out.iter().map(ToString::to_string).collect();
        (config.map(|(c, _)| c.worklog), messages)
    }

    #[test]
    fn defaults_apply_until_the_tables_are_written() {
        let (settings, messages) = load("");
        let settings = settings.unwrap();
        assert!(messages.is_empty());
        assert_eq!(settings.visits.unit_every_days, 31);
        assert_eq!(settings.visits.home_visits_per_year, 4);
        assert!(!settings.visits.configured && !settings.publish_summary);

        let (settings, messages) =
            load("[rules.visits]\nunit_every_days = 14\n[ledger]\npublish_summary = true\n");
        let settings = settings.unwrap();
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(settings.visits.unit_every_days, 14);
        assert_eq!(settings.visits.home_visits_per_year, 4);
        assert!(settings.visits.configured && settings.publish_summary);
    }

    #[test]
    fn bad_values_are_errors_and_typos_warnings_at_their_line() {
        let (settings, messages) = load("[rules.visits]\nunit_every_days = 0\nhome_visit = 3\n");
        assert!(settings.is_none());
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with(
            "error: config.toml:4:19: `unit_every_days` must be a whole number of at least 1"
        ));
        assert!(messages[1].starts_with(
            "warning: config.toml:5:1: unknown field `home_visit` in [rules.visits] is ignored\n  help: did you mean `home_visits_per_year`?"
        ));
        let (_, messages) = load("[ledger]\npublish_sumary = true\n");
        assert!(
            messages[0].contains("unknown field `publish_sumary`"),
            "{messages:?}"
        );
    }
}
