//! The work log's part of `noticeboard check`'s report for people: units not visited in time,
//! grouped by area, people with too few home visits, then the ledger's totals with its overdue
//! entries and resolved entries without a closing date. Written between the people findings and
//! the totals, in the coverage report's styles.

use super::messages;
use crate::coverage::Report;
use crate::coverage::text::{GAP, HEADING};
use crate::msg;
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
    let heading = msg!(
        "worklog-heading-visits",
        date = &report.date,
        every = v.unit_every_days,
        home = v.home_visits_per_year
    );
    writeln!(out, "{HEADING}{heading}{HEADING:#}")?;
    let (no_visit, few_home_visits) = (
        msg!("worklog-label-no-visit"),
        msg!("worklog-label-few-home-visits"),
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
            writeln!(out, "{}", msg!("check-top-level"))?;
        } else {
            writeln!(out, "{}", msg!("check-area-name", name = name, path = area))?;
        }
        for u in units {
            let what = match (&u.last, u.days) {
                (Some(last), Some(days)) => {
                    msg!(
                        "worklog-last-visit",
                        name = &u.name,
                        last = last,
                        days = days,
                        every = v.unit_every_days
                    )
                }
                _ => msg!("worklog-never-visited", name = &u.name),
            };
            writeln!(out, "  {GAP}{no_visit:<width$}{GAP:#}  {}: {what}", u.file)?;
        }
    }
    if !v.under_quota.is_empty() {
        writeln!(out, "{}", msg!("check-heading-people"))?;
    }
    for p in &v.under_quota {
        writeln!(
            out,
            "  {GAP}{few_home_visits:<width$}{GAP:#}  {}: {}",
            p.file,
            msg!(
                "worklog-under-quota",
                name = &p.name,
                visits = p.home_visits,
                required = p.required
            )
        )?;
    }
    writeln!(out)
}

fn ledger(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let l = &report.ledger;
    if !l.kept {
        return Ok(());
    }
    let heading = msg!(
        "worklog-heading-ledger",
        entries = l.entries,
        open = l.open,
        overdue = l.overdue.len(),
        resolved = l.resolved
    );
    writeln!(out, "{HEADING}{heading}{HEADING:#}")?;
    let (overdue, no_closing_date) = (
        msg!("worklog-label-overdue"),
        msg!("worklog-label-no-closing-date"),
    );
    let width = width(&[&overdue, &no_closing_date]);
    let line =
        |out: &mut dyn Write, label: &str, file: &str, sheet: Option<&str>, row, what: String| {
            let place = messages::place(sheet, row as usize, None);
            writeln!(
                out,
                "  {GAP}{label:<width$}{GAP:#}  {}",
                msg!(
                    "import-at",
                    place = msg!("worklog-file-and-place", file = file, place = &place),
                    message = &what
                )
            )
        };
    for e in &l.overdue {
        let what = messages::overdue_entry(&e.id, &e.name, &e.category, &e.due, e.days);
        line(out, &overdue, &e.file, e.sheet.as_deref(), e.row, what)?;
    }
    for e in &l.no_closing_date {
        let what = msg!("worklog-no-closing-date", id = &e.id, unit = &e.name);
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
