//! Date cells as clerks type them, and as Excel and its CSVs save them. A guessed date on a
//! public board is worse than an error, so short and implausible dates are refused.

use super::super::sheet::{Cell, number_text};
use crate::content::values::{DateProblem, PLAUSIBLE_YEARS, calendar_date, parse_ymd};
use std::borrow::Cow;
use time::Date;

/// A date cell: an Excel date, an Excel day number (`44994`, as a CSV saved from Excel holds
/// a date column formatted as General), or text like `2023-03-09`, `2023/3/9`, `2023.3.9`,
/// `2023年3月9日`, `20230309`. Short forms (`3/9/23`, `09/03/2023`) and dates outside
/// [`PLAUSIBLE_YEARS`] are refused.
pub(crate) fn date_cell(cell: &Cell) -> Result<Option<Date>, String> {
    // What the cell shows, for a message: borrowed, as a log's million date cells mostly
    // need none.
    let (ymd, shown): (_, Cow<'_, str>) = match cell {
        Cell::Empty => return Ok(None),
        Cell::Date { year, month, day } => (Some((*year, *month, *day)), cell.text().into()),
        Cell::Number(n) => {
            let text = number_text(*n);
            (
                compact_date(&text).or_else(|| excel_serial(*n)),
                text.into(),
            )
        }
        Cell::Text(s) => {
            let s = s.trim();
            let normal: Cow<'_, str> = if s.contains(['年', '月', '日']) {
                let dashed = s.replace(['年', '月'], "-").replace('日', "");
                dashed.trim().to_string().into()
            } else {
                s.into()
            };
            let serial = || {
                (normal.len() == 5 && normal.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| normal.parse::<f64>().ok().and_then(excel_serial))
                    .flatten()
            };
            (
                parse_ymd(&normal)
                    .or_else(|| compact_date(&normal))
                    .or_else(serial),
                s.into(),
            )
        }
        Cell::Error(e) => (None, e.as_str().into()),
        Cell::Formula(_) => {
            let formula = cell.formula_without_value().unwrap_or_default();
            return Err(crate::msg!(
                "import-formula-without-value",
                formula = formula
            ));
        }
    };
    let Some((year, month, day)) = ymd else {
        return Err(if short_date(&shown) {
            crate::msg!("import-short-date", value = shown.as_ref())
        } else {
            crate::msg!("import-not-a-date", value = shown.as_ref())
        });
    };
    match calendar_date(year, month, day) {
        Ok(date) => Ok(Some(date)),
        Err(DateProblem::NotInCalendar) => Err(crate::msg!(
            "import-impossible-date",
            value = shown.as_ref()
        )),
        Err(DateProblem::OutOfRange) => Err(crate::msg!(
            "import-date-out-of-range",
            value = shown.as_ref(),
            from = PLAUSIBLE_YEARS.start().to_string(),
            to = PLAUSIBLE_YEARS.end().to_string()
        )),
    }
}

/// An Excel day number as year, month and day: days since 1899-12-30 (Excel counts a
/// 29 February 1900 that never was, so serials from 61 on line up with that origin; earlier
/// ones are outside the plausible years anyway). Only whole days within the plausible years.
fn excel_serial(n: f64) -> Option<(i32, u8, u8)> {
    if n.fract() != 0.0 || !(61.0..=80_000.0).contains(&n) {
        return None;
    }
    let origin = Date::from_calendar_date(1899, time::Month::December, 30).ok()?;
    let date = origin.checked_add(time::Duration::days(n as i64))?;
    PLAUSIBLE_YEARS
        .contains(&date.year())
        .then(|| (date.year(), u8::from(date.month()), date.day()))
}

/// Text shaped like a date but without a four-digit year first: `3/9/23`, `09/03/2023`.
fn short_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn compact_date(s: &str) -> Option<(i32, u8, u8)> {
    (s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit())).then(|| {
        let year = s[..4].parse().ok()?;
        let month = s[4..6].parse().ok()?;
        let day = s[6..].parse().ok()?;
        Some((year, month, day))
    })?
}
