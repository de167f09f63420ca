//! The report of `noticeboard check` for people: problems first (they stop a build), then the
//! gaps grouped by area with each area's totals, then the people findings, then the totals.
//!
//! Styles are written as ANSI escapes; the caller passes an `anstream` stream, which drops them
//! when the output is not a terminal or `NO_COLOR` is set.

use super::{Report, Rule};
use crate::diagnostics::Diagnostic;
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
    for d in report.errors.iter() {
        diagnostic(d, "error", ERROR, out)?;
    }
    for d in report.warnings.iter() {
        diagnostic(d, "warning", WARNING, out)?;
    }
    if !report.errors.is_empty() || !report.warnings.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

fn diagnostic(d: &Diagnostic, label: &str, style: Style, out: &mut dyn Write) -> io::Result<()> {
    write!(out, "{style}{label}{style:#}: {}", d.file)?;
    if let Some(line) = d.line {
        write!(out, ":{line}")?;
        if let Some(column) = d.column {
            write!(out, ":{column}")?;
        }
    }
    writeln!(out, ": {}", d.message)?;
    if let Some(help) = &d.help {
        writeln!(out, "  {DIM}help:{DIM:#} {help}")?;
    }
    Ok(())
}

fn areas(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.areas.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{HEADING}Coverage by area{HEADING:#} on {}",
        report.date
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
            "(top level)".to_string()
        } else {
            format!("{} ({}/)", area.name, area.area)
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
    writeln!(out, "{HEADING}People{HEADING:#}")?;
    for o in &report.overloaded {
        writeln!(
            out,
            "  {GAP}overloaded  {GAP:#}  {}: {} is on {} current teams (at most {}): {}",
            o.file,
            o.name,
            o.units.len(),
            rules.max_units_per_person,
            o.units.join(", ")
        )?;
    }
    for s in &report.stale {
        writeln!(
            out,
            "  {GAP}stale       {GAP:#}  {}: {}'s number was last confirmed on {}, {} days ago (at most {})",
            s.file, s.name, s.checked, s.days, rules.max_age_days
        )?;
    }
    for p in &report.shared_phones {
        let who: Vec<String> = p
            .people
            .iter()
            .zip(&p.names)
            .map(|(id, name)| format!("{name} ({id})"))
            .collect();
        writeln!(
            out,
            "  {GAP}shared phone{GAP:#}  {} is given for {}",
            p.display,
            who.join(" and ")
        )?;
    }
    if !report.unreferenced.is_empty() {
        writeln!(
            out,
            "  {WARNING}on no team  {WARNING:#}  {} (warning: no unit lists them, so they are not published; remove the record or add them to a team)",
            report.unreferenced.join(", ")
        )?;
    }
    if !report.not_serving.is_empty() {
        writeln!(
            out,
            "  {WARNING}not serving {WARNING:#}  {} (warning: every assignment is outside its since/until dates on {}, so no page, vCard or search entry is published)",
            report.not_serving.join(", "),
            report.date
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
            "{HEADING}Total{HEADING:#}: {}; {} people",
            counts(t.units, t.covered, t.percent_covered, t.complete),
            t.people
        )?;
    }
    let errors = report.errors.len();
    if !loaded {
        // No gap count: the audit did not run, and "0 gaps" would read as a clean site.
        return writeln!(
            out,
            "{ERROR}{}{ERROR:#}",
            crate::msg!("check-not-audited", errors = errors)
        );
    }
    let warnings = report.warnings.len()
        + usize::from(!report.unreferenced.is_empty())
        + usize::from(!report.not_serving.is_empty());
    let findings = report.findings();
    let (style, verdict) = if errors > 0 {
        (ERROR, "not ready to publish")
    } else if findings > 0 {
        (GAP, "ready to build, with gaps")
    } else {
        (GOOD, "clean")
    };
    writeln!(
        out,
        "{style}{verdict}{style:#}: {}, {}, {}",
        plural(errors, "error"),
        plural(findings, "gap"),
        plural(warnings, "warning")
    )
}

/// "432 units, 418 covered (96.8%), 400 without gaps", the coverage green when it is full.
fn counts(units: usize, covered: usize, percent: f64, complete: usize) -> String {
    let style = if covered == units { GOOD } else { GAP };
    format!(
        "{}, {style}{covered} covered ({percent:.1}%){style:#}, {complete} without gaps",
        plural(units, "unit")
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
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
