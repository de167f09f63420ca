//! The report as the site publishes it (`coverage.json`): `check --format json` without what
//! names people who are not published. The unreferenced and not-serving lists are ids, which
//! with a Chinese file name are full names, and the warnings quote people's files; they are
//! for the clerk running `check`, not for the public.
//!
//! The published fields are borrowed from the [`Report`] and written as they are read: a
//! province's `coverage.json` is 60 MB, and building it as a JSON tree first, to drop the
//! private fields from it, took half a second and as much memory again. A test keeps the
//! two lists of fields in step.

use super::{AreaTotals, BoardDetails, Gap, Overload, Report, SharedPhone, Stale, Totals};
use crate::config::Rules;
use crate::diagnostics::Diagnostic;
use serde::Serialize;

/// What `coverage.json` holds: every field of the [`Report`] but the private ones.
#[derive(Serialize)]
pub(crate) struct PublicReport<'a> {
    date: &'a str,
    rules: &'a Rules,
    errors: &'a [Diagnostic],
    gaps: &'a [Gap],
    overloaded: &'a [Overload],
    stale: &'a [Stale],
    shared_phones: &'a [SharedPhone],
    boards: &'a BoardDetails,
    totals: &'a Totals,
    areas: &'a [AreaTotals],
    visits: &'a crate::worklog::audit::VisitFindings,
    ledger: &'a crate::worklog::audit::LedgerFindings,
    #[serde(flatten)]
    campaign: &'a super::campaign::Findings,
    outdated: &'a super::outdated::Outdated,
}

impl Report {
    /// What the site publishes of the report.
    pub(crate) fn public(&self) -> PublicReport<'_> {
        PublicReport {
            date: &self.date,
            rules: &self.rules,
            errors: &self.errors,
            gaps: &self.gaps,
            overloaded: &self.overloaded,
            stale: &self.stale,
            shared_phones: &self.shared_phones,
            boards: &self.boards,
            totals: &self.totals,
            areas: &self.areas,
            visits: &self.visits,
            ledger: &self.ledger,
            campaign: &self.campaign,
            outdated: &self.outdated,
        }
    }
}

/// The fields of the report that are never published.
#[cfg(test)]
pub(crate) const PRIVATE: [&str; 3] = ["unreferenced", "not_serving", "warnings"];

#[cfg(test)]
mod tests {
    use super::*;

    /// A report with something in every private field, so that leaving one in would show.
    fn report() -> Report {
        let date = time::Date::from_calendar_date(2026, time::Month::March, 1).unwrap();
        let mut report = crate::coverage::empty(date);
        report.unreferenced = vec!["赵六".into()];
        report.not_serving = vec!["钱七".into()];
        report.warnings = vec![Diagnostic::warning("content/people/赵六.toml", "w")];
        report
    }

    #[test]
    fn the_public_report_is_the_report_without_its_private_fields() {
        let report = report();
        let mut whole = serde_json::to_value(&report).unwrap();
        let object = whole.as_object_mut().unwrap();
        for private in PRIVATE {
            assert!(object.remove(private).is_some(), "{private}");
        }
        let public = serde_json::to_value(report.public()).unwrap();
        // Compared as trees: a field added to the report and not here (or the other way) fails.
        assert_eq!(public, whole);
        let text = serde_json::to_string(&report.public()).unwrap();
        for private in ["赵六", "钱七", "content/people"] {
            assert!(!text.contains(private), "{private} in {text}");
        }
    }
}
