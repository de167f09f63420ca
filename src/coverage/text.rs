//! The report of `noticeboard check` for people: problems first (they stop a build), then the
//! gaps grouped by area with each area's totals, then the people findings, then the totals.
//!
//! Styles are written as ANSI escapes; the caller passes an `anstream` stream, which drops them
//! when the output is not a terminal or `NO_COLOR` is set.

use super::{Report, Rule};
use crate::diagnostics::Diagnostic;
use crate::msg;
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub(crate) const GAP: Style = AnsiColor::Yellow.on_default();
const GOOD: Style = AnsiColor::Green.on_default();
pub(crate) const HEADING: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// Writes the whole report. Every line names the file to open where there is one.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    diagnostics(report, out)?;
    areas(report, out)?;
    people(report, out)?;
    crate::worklog::text::write(report, out)?;
    super::campaign_text::write(report, out)?;
    summary(report, out)
}

fn diagnostics(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let (error, warning) = (msg!("cli-label-error"), msg!("cli-label-warning"));
    for d in report.errors.iter() {
        diagnostic(d, &error, ERROR, out)?;
    }
    for d in report.warnings.iter() {
        diagnostic(d, &warning, WARNING, out)?;
    }
    if !report.errors.is_empty() || !report.warnings.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

fn diagnostic(d: &Diagnostic, label: &str, style: Style, out: &mut dyn Write) -> io::Result<()> {
    write!(out, "{style}{label}{style:#}{}", d.file)?;
    if let Some(line) = d.line {
        write!(out, ":{line}")?;
        if let Some(column) = d.column {
            write!(out, ":{column}")?;
        }
    }
    writeln!(out, ": {}", d.message)?;
    if let Some(help) = &d.help {
        writeln!(out, "  {DIM}{}{DIM:#}{help}", msg!("cli-label-help"))?;
    }
    Ok(())
}

fn areas(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.areas.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{HEADING}{}{HEADING:#}",
        msg!("check-heading-areas", date = &report.date)
    )?;
    let width = [
        Rule::NoTeam,
        Rule::MinTeam,
        Rule::RequireLead,
        Rule::Require,
        Rule::Households,
    ]
    .iter()
    .map(|r| r.label().chars().count())
    .max()
    .unwrap_or(0);
    // Gaps by area once, not a scan of every gap per area: a province has thousands of each.
    let mut gaps_of: std::collections::HashMap<&str, Vec<&super::Gap>> = Default::default();
    for gap in &report.gaps {
        gaps_of.entry(gap.area.as_str()).or_default().push(gap);
    }
    for area in &report.areas {
        let name = if area.area.is_empty() {
            msg!("check-top-level")
        } else {
            msg!("check-area-name", name = &area.name, path = &area.area)
        };
        writeln!(
            out,
            "{HEADING}{name}{HEADING:#}: {}",
            counts(
                area.units,
                area.covered,
                area.percent_covered,
                area.complete
            )
        )?;
        for gap in gaps_of.get(area.area.as_str()).into_iter().flatten() {
            writeln!(
                out,
                "  {GAP}{:<width$}{GAP:#}  {}: {}",
                gap.rule.label(),
                gap.file,
                gap.message
            )?;
        }
    }
    writeln!(out)
}

fn people(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules = &report.rules;
    let any = !(report.overloaded.is_empty()
        && report.stale.is_empty()
        && report.shared_phones.is_empty()
        && report.unreferenced.is_empty()
        && report.not_serving.is_empty());
    if !any {
        return Ok(());
    }
    writeln!(out, "{HEADING}{}{HEADING:#}", msg!("check-heading-people"))?;
    let labels = [
        msg!("check-label-overloaded"),
        msg!("check-label-stale"),
        msg!("check-label-shared-phone"),
        msg!("check-label-on-no-team"),
        msg!("check-label-not-serving"),
    ];
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let [overloaded, stale, shared, on_no_team, not_serving] = &labels;
    for o in &report.overloaded {
        writeln!(
            out,
            "  {GAP}{overloaded:<width$}{GAP:#}  {}: {}",
            o.file,
            msg!(
                "check-overloaded",
                name = &o.name,
                count = o.units.len(),
                max = rules.max_units_per_person,
                units = o.units.join(", ")
            )
        )?;
    }
    for s in &report.stale {
        writeln!(
            out,
            "  {GAP}{stale:<width$}{GAP:#}  {}: {}",
            s.file,
            msg!(
                "check-stale",
                name = &s.name,
                checked = &s.checked,
                days = s.days,
                max = rules.max_age_days
            )
        )?;
    }
    for p in &report.shared_phones {
        let who: Vec<String> = p
            .people
            .iter()
            .zip(&p.names)
            .map(|(id, name)| msg!("check-person-with-id", name = name, id = id))
            .collect();
        writeln!(
            out,
            "  {GAP}{shared:<width$}{GAP:#}  {}",
            msg!(
                "check-shared-phone",
                phone = &p.display,
                people = who.join(&msg!("check-and"))
            )
        )?;
    }
    if !report.unreferenced.is_empty() {
        writeln!(
            out,
            "  {WARNING}{on_no_team:<width$}{WARNING:#}  {}",
            msg!(
                "check-on-no-team",
                people = report.off_team_names.0.join(&msg!("check-list-sep"))
            )
        )?;
    }
    if !report.not_serving.is_empty() {
        writeln!(
            out,
            "  {WARNING}{not_serving:<width$}{WARNING:#}  {}",
            msg!(
                "check-not-serving",
                people = report.off_team_names.1.join(&msg!("check-list-sep")),
                date = &report.date
            )
        )?;
    }
    writeln!(out)
}

fn summary(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let t = &report.totals;
    // A site too broken to load has no units to count; "0 units, 100% covered" would mislead.
    let loaded = t.units > 0 || t.people > 0 || report.errors.is_empty();
    if loaded {
        writeln!(
            out,
            "{HEADING}{}{HEADING:#}: {}",
            msg!("check-total"),
            msg!(
                "check-total-line",
                counts = counts(t.units, t.covered, t.percent_covered, t.complete),
                people = t.people
            )
        )?;
    }
    if loaded && report.boards.any() {
        let b = &report.boards;
        let mut parts = Vec::new();
        if b.units_without_hotline > 0 {
            parts.push(msg!(
                "check-boards-no-hotline",
                units = b.units_without_hotline
            ));
        }
        if b.no_issuer {
            parts.push(msg!("check-boards-no-issuer"));
        }
        if b.people_without_photo > 0 {
            parts.push(msg!(
                "check-boards-no-photo",
                people = b.people_without_photo,
                serving = b.people_serving
            ));
        }
        writeln!(
            out,
            "{WARNING}{}{WARNING:#}: {}",
            msg!("check-boards"),
            parts.join(&msg!("check-list-sep"))
        )?;
    }
    let errors = report.errors.len();
    if !loaded {
        // No gap count: the audit did not run, and "0 gaps" would read as a clean site.
        return writeln!(
            out,
            "{ERROR}{}{ERROR:#}",
            msg!("check-not-audited", errors = errors)
        );
    }
    let warnings = report.warnings.len()
        + usize::from(!report.unreferenced.is_empty())
        + usize::from(!report.not_serving.is_empty());
    let findings = report.findings();
    let (style, verdict) = if errors > 0 {
        (ERROR, msg!("check-verdict-errors"))
    } else if findings > 0 {
        (GAP, msg!("check-verdict-gaps"))
    } else {
        (GOOD, msg!("check-verdict-clean"))
    };
    writeln!(
        out,
        "{style}{verdict}{style:#}: {}",
        msg!(
            "check-verdict-counts",
            errors = errors,
            gaps = findings,
            warnings = warnings
        )
    )
}

/// "432 units, 418 covered (96.8%), 400 without gaps", the coverage green when it is full.
fn counts(units: usize, covered: usize, percent: f64, complete: usize) -> String {
    let style = if covered == units { GOOD } else { GAP };
    msg!(
        "check-counts",
        units = units,
        covered = covered,
        percent = format!("{percent:.1}"),
        // The colour around the coverage, which anstream drops when it is not wanted.
        start = format!("{style}"),
        end = format!("{style:#}"),
        complete = complete
    )
}

#[cfg(test)]
mod tests {
    use super::super::{AreaTotals, Gap, Totals, empty};
    use super::*;

    fn sample() -> Report {
        let mut r = empty(time::macros::date!(2024 - 06 - 01));
        r.gaps.push(Gap {
            unit: "donghu/shiqiao".into(),
            name: "石桥村".into(),
            area: "donghu".into(),
            file: "content/donghu/石桥村.toml".into(),
            rule: Rule::NoTeam,
            message: "石桥村 has no current team".into(),
            members: 0,
            not_current: 0,
            detail: Default::default(),
        });
        r.areas.push(AreaTotals {
            area: "donghu".into(),
            name: "东湖镇".into(),
            units: 432,
            covered: 418,
            complete: 400,
            percent_covered: 96.8,
        });
        r.totals = Totals {
            units: 432,
            covered: 418,
            complete: 400,
            people: 120,
            percent_covered: 96.8,
        };
        r
    }

    fn plain(report: &Report) -> String {
        let mut out = Vec::new();
        write(report, &mut out).unwrap();
        anstream::adapter::strip_str(&String::from_utf8(out).unwrap()).to_string()
    }

    #[test]
    fn groups_gaps_under_their_area_with_totals_and_percentages() {
        let text = plain(&sample());
        let area = text
            .find("东湖镇 (donghu/): 432 units, 418 covered (96.8%), 400 without gaps")
            .expect(&text);
        let gap = text
            .find("no team         content/donghu/石桥村.toml: 石桥村 has no current team")
            .expect(&text);
        assert!(area < gap, "{text}");
        assert!(text.contains("ready to build, with gaps: 0 errors, 1 gap, 0 warnings"));
    }

    #[test]
    fn styles_are_ansi_escapes_that_a_plain_stream_can_drop() {
        let mut out = Vec::new();
        write(&sample(), &mut out).unwrap();
        let styled = String::from_utf8(out).unwrap();
        assert!(styled.contains("\x1b["), "{styled}");
        assert!(!plain(&sample()).contains('\x1b'));
    }
}
