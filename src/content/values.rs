//! Turning loosely typed TOML values into the model's types, with errors at the value's line.
//!
//! Clerks write `phone = 13912345678` as often as `phone = "139 1234 5678"`, and dates with or
//! without quotes; both are accepted.

use super::source::{Document, SourceFile};
use crate::diagnostics::{Diagnostic, line_col};
use time::Date;
use toml::{Spanned, Value};

/// Where a spanned value sits in its file.
pub fn position<T>(file: &SourceFile, doc: &Document, value: &Spanned<T>) -> (usize, usize) {
    line_col(&file.text, doc.toml_offset + value.span().start)
}

pub fn error_at<T>(
    file: &SourceFile,
    doc: &Document,
    value: &Spanned<T>,
    message: impl Into<String>,
) -> Diagnostic {
    let (line, column) = position(file, doc, value);
    Diagnostic::error(&file.display, message).at(Some(line), Some(column))
}

/// A text field that may also have been typed as a number.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

/// A calendar date (`2023-03-09`, quoted or not). Impossible dates such as `2023-02-30` are
/// refused here even when the TOML parser lets them through.
pub fn date(
    file: &SourceFile,
    doc: &Document,
    field: &str,
    value: &Spanned<Value>,
) -> Result<Date, Diagnostic> {
    let raw = match value.get_ref() {
        Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => Some((i32::from(d.year), d.month, d.day)),
            _ => None,
        },
        Value::String(s) => parse_ymd(s.trim()),
        _ => None,
    };
    let shown = match value.get_ref() {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let Some((year, month, day)) = raw else {
        return Err(error_at(
            file,
            doc,
            value,
            format!("`{field}` must be a date like 2023-03-09, not `{shown}`"),
        )
        .help("write the date as YYYY-MM-DD"));
    };
    calendar_date(year, month, day).ok_or_else(|| {
        error_at(
            file,
            doc,
            value,
            format!("`{field}` = {shown} is not a real calendar date"),
        )
        .help("check the day and month (February has 28 or 29 days)")
    })
}

/// The calendar date `year`-`month`-`day`, or `None` for one that does not exist
/// (`2023-02-30`, month 13): the one place a year, month and day become a [`Date`].
pub fn calendar_date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

/// `YYYY-MM-DD` (also with `/` or `.`), as typed in spreadsheets.
pub fn parse_ymd(s: &str) -> Option<(i32, u8, u8)> {
    let mut parts = s.split(['-', '/', '.']);
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parse_date(src: &str) -> Result<Date, Diagnostic> {
        #[derive(serde::Deserialize)]
        struct R {
            d: Spanned<Value>,
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
        date(&file, &doc, "d", &r.d)
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
    }
}
