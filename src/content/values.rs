//! Values as clerks write them, read into types: [`LooseText`] takes `phone = 13912345678` as
//! well as `phone = "139 1234 5678"`, [`LooseDate`] a date with or without quotes, so the
//! model receives typed values; and where a value sits in its file, for messages.

use super::source::{Document, SourceFile};
use crate::content::spanned::Spanned;
use crate::diagnostics::{Diagnostic, line_col};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::Date;
use toml::Value;

/// Where a spanned value sits in its file.
pub(crate) fn position<T>(file: &SourceFile, doc: &Document, value: &Spanned<T>) -> (usize, usize) {
    line_col(&file.text, doc.toml_offset + value.span().start)
}

pub(crate) fn error_at<T>(
    file: &SourceFile,
    doc: &Document,
    value: &Spanned<T>,
    message: impl Into<String>,
) -> Diagnostic {
    let (line, column) = position(file, doc, value);
    Diagnostic::error(&file.display, message).at(Some(line), Some(column))
}

/// A required field that is not there: `` `name` is missing ``, with a line to add, like
/// `name = "王兴"` (`example` is the value as written in TOML).
pub(crate) fn missing_field(file: &str, field: &str, example: &str) -> Diagnostic {
    Diagnostic::error(file, crate::msg!("content-missing-field", field = field)).help(crate::msg!(
        "content-missing-field-help",
        field = field,
        example = example
    ))
}

/// A text field that may also have been typed as a number: `phone = 13912345678` as often as
/// `phone = "139 1234 5678"`. What else was written is kept for the message.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LooseText {
    /// Text (trimmed), or a whole number as its digits.
    Text(String),
    /// A value that is neither (a date, a list, `true` …), as written.
    Other(String),
}

impl LooseText {
    /// The text, if the value was text or a whole number.
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            LooseText::Text(text) => Some(text),
            LooseText::Other(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for LooseText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            let (kind, text) = <(u8, String)>::deserialize(deserializer)?;
            return Ok(match kind {
                0 => LooseText::Text(text),
                _ => LooseText::Other(text),
            });
        }
        Ok(match Value::deserialize(deserializer)? {
            Value::String(s) => LooseText::Text(s.trim().to_string()),
            Value::Integer(i) => LooseText::Text(i.to_string()),
            other => LooseText::Other(other.to_string()),
        })
    }
}

/// A calendar date, written bare (`2023-03-09`) or quoted (`"2023/3/9"`), checked as it is
/// read: impossible dates such as `2023-02-30` are refused even when the TOML parser lets
/// them through.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LooseDate {
    Date(Date),
    /// Written like a date, but no such day exists; as written.
    Impossible(String),
    /// Not a date at all; as written.
    NotADate(String),
    /// A real day, but outside [`PLAUSIBLE_YEARS`]; as written.
    OutOfRange(String),
}

impl LooseDate {
    /// The date, or the message and help for a field named `field` that holds something else.
    pub(crate) fn date(&self, field: &str) -> Result<Date, (String, String)> {
        match self {
            LooseDate::OutOfRange(shown) => Err((
                crate::msg!(
                    "content-date-out-of-range",
                    field = field,
                    value = shown,
                    from = PLAUSIBLE_YEARS.start().to_string(),
                    to = PLAUSIBLE_YEARS.end().to_string()
                ),
                crate::msg!("content-date-out-of-range-help"),
            )),
            LooseDate::Date(date) => Ok(*date),
            LooseDate::NotADate(shown) => Err((
                crate::msg!("content-not-a-date", field = field, value = shown),
                crate::msg!("content-not-a-date-help"),
            )),
            LooseDate::Impossible(shown) => Err((
                crate::msg!("content-impossible-date", field = field, value = shown),
                crate::msg!("content-impossible-date-help"),
            )),
        }
    }
}

/// The read cache's form of a loose value: which kind it is, and the text; for a date, its
/// Julian day. TOML is only ever read, so this is the only form written.
impl Serialize for LooseText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            LooseText::Text(text) => (0u8, text).serialize(serializer),
            LooseText::Other(text) => (1u8, text).serialize(serializer),
        }
    }
}

impl Serialize for LooseDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            LooseDate::Date(date) => (0u8, date.to_julian_day(), "").serialize(serializer),
            LooseDate::Impossible(shown) => (1u8, 0, shown).serialize(serializer),
            LooseDate::NotADate(shown) => (2u8, 0, shown).serialize(serializer),
            LooseDate::OutOfRange(shown) => (3u8, 0, shown).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for LooseDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            let (kind, day, shown) = <(u8, i32, String)>::deserialize(deserializer)?;
            return Ok(match kind {
                0 => LooseDate::Date(Date::from_julian_day(day).map_err(serde::de::Error::custom)?),
                1 => LooseDate::Impossible(shown),
                2 => LooseDate::NotADate(shown),
                _ => LooseDate::OutOfRange(shown),
            });
        }
        let value = Value::deserialize(deserializer)?;
        let ymd = match &value {
            Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => Some((i32::from(d.year), d.month, d.day)),
                _ => None,
            },
            Value::String(s) => parse_ymd(s.trim()),
            _ => None,
        };
        // Written out only for a message: a province's 160,000 good dates need none, and
        // TOML writes a date through its whole serializer.
        let shown = || match value {
            Value::String(s) => s,
            other => other.to_string(),
        };
        Ok(match ymd {
            None => LooseDate::NotADate(shown()),
            Some((year, month, day)) => match calendar_date(year, month, day) {
                Ok(date) => LooseDate::Date(date),
                Err(DateProblem::NotInCalendar) => LooseDate::Impossible(shown()),
                Err(DateProblem::OutOfRange) => LooseDate::OutOfRange(shown()),
            },
        })
    }
}

/// The years a record or a roster can mean. A date outside them is a typing or saving
/// mistake (a short year `3/9/23` read as the year 3), never a real assignment.
pub(crate) const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

/// Why year, month and day are not a date a record may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateProblem {
    /// Not in the calendar: 2023-02-30, month 13.
    NotInCalendar,
    /// Outside [`PLAUSIBLE_YEARS`].
    OutOfRange,
}

/// The one place a year, month and day become a [`Date`] a record may hold.
pub(crate) fn calendar_date(year: i32, month: u8, day: u8) -> Result<Date, DateProblem> {
    let date = time::Month::try_from(month)
        .ok()
        .and_then(|m| Date::from_calendar_date(year, m, day).ok())
        .ok_or(DateProblem::NotInCalendar)?;
    if PLAUSIBLE_YEARS.contains(&year) {
        Ok(date)
    } else {
        Err(DateProblem::OutOfRange)
    }
}

/// `YYYY-MM-DD` (also with `/` or `.`), as typed in spreadsheets. The year comes first and
/// in four digits: `3/9/23` could mean 2023-03-09 or 2003-09-23, and is not guessed at.
pub(crate) fn parse_ymd(s: &str) -> Option<(i32, u8, u8)> {
    let mut parts = s.split(['-', '/', '.']);
    let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((year, month, day))
}

/// `date` as `YYYY-MM-DD`, as pages and JSON write it. A unit's page writes a date for each
/// of its latest visits and open entries; `Date`'s own formatting measures each field's width
/// before writing it, several times the work.
pub(crate) fn iso_date(date: Date) -> String {
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return date.to_string();
    }
    format!("{year:04}-{:02}-{:02}", u8::from(date.month()), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parse_date(src: &str) -> Result<Date, Diagnostic> {
        #[derive(serde::Deserialize)]
        struct R {
            d: Spanned<LooseDate>,
        }
        let file = SourceFile {
            path: PathBuf::from("x.toml"),
            display: "x.toml".into(),
            text: src.into(),
        };
        let doc = Document {
            toml: &file.text,
            toml_offset: 0,
            body: None,
        };
        let r: R = toml::from_str(src).map_err(|e| Diagnostic::error("x", e.to_string()))?;
        r.d.get_ref()
            .date("d")
            .map_err(|(message, help)| error_at(&file, &doc, &r.d, message).help(help))
    }

    #[test]
    fn iso_dates_are_dates_as_time_writes_them() {
        // Every day of some years, and days 29 apart through all the others.
        let mut date = Date::from_calendar_date(1, time::Month::January, 1).ok();
        while let Some(day) = date.filter(|d| d.year() <= 9999) {
            assert_eq!(iso_date(day), day.to_string());
            date = match day.year() % 250 {
                0 | 1 => day.next_day(),
                _ => day.checked_add(time::Duration::days(29)),
            };
        }
        let last = Date::from_calendar_date(9999, time::Month::December, 31).unwrap();
        assert_eq!(iso_date(last), "9999-12-31");
        let before = Date::from_calendar_date(-1, time::Month::March, 9).unwrap();
        assert_eq!(iso_date(before), before.to_string());
    }

    #[test]
    fn accepts_bare_and_quoted_dates() {
        let d = parse_date("d = 2023-03-09").unwrap();
        assert_eq!(d.to_string(), "2023-03-09");
        assert_eq!(parse_date("d = \"2023/3/9\"").unwrap(), d);
    }

    #[test]
    fn refuses_impossible_dates() {
        let err = parse_date("\nd = \"2023-02-30\"").unwrap_err();
        assert!(err.message.contains("not a real calendar date"), "{err}");
        assert_eq!(err.line, Some(2));
        assert!(parse_date("d = 2023-02-30").is_err());
        assert!(parse_date("d = \"soon\"").is_err());
        let err = parse_date("d = 0003-09-23").unwrap_err();
        assert!(err.message.contains("outside the years"), "{err}");
        assert!(parse_date("d = \"3/9/23\"").is_err());
    }

    #[test]
    fn text_may_be_typed_as_a_number() {
        #[derive(serde::Deserialize)]
        struct R {
            a: LooseText,
            b: LooseText,
            c: LooseText,
        }
        let r: R = toml::from_str("a = \" 139 1234 5678 \"\nb = 13912345678\nc = true\n").unwrap();
        assert_eq!(r.a.text(), Some("139 1234 5678"));
        assert_eq!(r.b.text(), Some("13912345678"));
        assert_eq!(r.c, LooseText::Other("true".into()));
    }

    #[test]
    fn loose_values_come_back_from_the_cache_form_as_they_were_read() {
        let texts = vec![
            LooseText::Text("139".into()),
            LooseText::Other("true".into()),
        ];
        let dates = vec![
            LooseDate::Date(time::macros::date!(2023 - 03 - 09)),
            LooseDate::Impossible("2023-02-30".into()),
            LooseDate::NotADate("soon".into()),
            LooseDate::OutOfRange("0003-09-23".into()),
        ];
        let kept = postcard::to_allocvec(&(&texts, &dates)).unwrap();
        let back: (Vec<LooseText>, Vec<LooseDate>) = postcard::from_bytes(&kept).unwrap();
        assert_eq!(back.0, texts);
        assert_eq!(back.1, dates);
    }
}
