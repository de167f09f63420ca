//! The work log's part of `noticeboard check`'s report for people: units not visited in time,
//! grouped by area, people with too few home visits, then the ledger's totals with its overdue
//! entries and resolved entries without a closing date. Written between the people findings and
//! the totals, in the coverage report's styles.

use super::messages;
use crate::coverage::Report;
use crate::coverage::text::{GAP, HEADING};
use std::io::{self, Write};

/// Writes the work log's findings; nothing when the site keeps no log and sets no visit rules.
pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    visits(report, out)?;
    ledger(report, out)
}

fn visits(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let v = &report.visits;
    if !v.audited {
        return Ok(());
    }
    let heading = messages::heading_visits(&report.date, v.unit_every_days, v.home_visits_per_year);
    writeln!(out, "{HEADING}{heading}{HEADING:#}")?;
    let (no_visit, few_home_visits) = (
        messages::label_no_visit(),
        messages::label_few_home_visits(),
    );
    let width = width(&[&no_visit, &few_home_visits]);
    // Areas in the order of the coverage report, then any other area a unit is in.
    let mut areas: Vec<(&str, &str)> = report
        .areas
        .iter()
        .map(|a| (a.area.as_str(), a.name.as_str()))
        .collect();
    for u in &v.overdue_units {
        if !areas.iter().any(|(id, _)| *id == u.area) {
            areas.push((&u.area, &u.area));
        }
    }
    for (area, name) in areas {
        let units: Vec<_> = v.overdue_units.iter().filter(|u| u.area == area).collect();
        if units.is_empty() {
            continue;
        }
        if area.is_empty() {
            writeln!(out, "{}", messages::top_level())?;
        } else {
            writeln!(out, "{}", messages::area_name(name, area))?;
        }
        for u in units {
            let what = match (&u.last, u.days) {
                (Some(last), Some(days)) => {
                    messages::last_visit(&u.name, last, days, v.unit_every_days)
                }
                _ => messages::never_visited(&u.name),
            };
            writeln!(out, "  {GAP}{no_visit:<width$}{GAP:#}  {}: {what}", u.file)?;
        }
    }
    if !v.under_quota.is_empty() {
        writeln!(out, "{}", messages::people())?;
    }
    for p in &v.under_quota {
        writeln!(
            out,
            "  {GAP}{few_home_visits:<width$}{GAP:#}  {}: {}",
            p.file,
            messages::under_quota(&p.name, p.home_visits, p.required)
        )?;
    }
    writeln!(out)
}

fn ledger(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let l = &report.ledger;
    if !l.kept {
        return Ok(());
    }
    let heading = messages::heading_ledger(l.entries, l.open, l.overdue.len(), l.resolved);
    writeln!(out, "{HEADING}{heading}{HEADING:#}")?;
    let (overdue, no_closing_date) = (messages::label_overdue(), messages::label_no_closing_date());
    let width = width(&[&overdue, &no_closing_date]);
    let line =
        |out: &mut dyn Write, label: &str, file: &str, sheet: Option<&str>, row, what: String| {
            let place = messages::place(sheet, row as usize, None);
            writeln!(
                out,
                "  {GAP}{label:<width$}{GAP:#}  {}",
                messages::at(&messages::file_and_place(file, &place), &what)
            )
        };
    for e in &l.overdue {
        let what = messages::overdue_entry(&e.id, &e.name, &e.category, &e.due, e.days);
        line(out, &overdue, &e.file, e.sheet.as_deref(), e.row, what)?;
    }
    for e in &l.no_closing_date {
        let what = messages::no_closing_date(&e.id, &e.name);
        line(
            out,
            &no_closing_date,
            &e.file,
            e.sheet.as_deref(),
            e.row,
            what,
        )?;
    }
    writeln!(out)
}

/// The width the labels of a block are padded to.
fn width(labels: &[&str]) -> usize {
    labels.iter().map(|l| l.chars().count()).max().unwrap_or(0)
}
