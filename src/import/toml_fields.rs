//! Reading and setting the fields import owns, in place, with `toml_edit`: a field is only
//! rewritten when its meaning changes (`phone = "139 1234 5678"` and `"13912345678"` are the
//! same number, `since = "2023/3/9"` and `2023-03-09` the same day), and comments, field order,
//! other fields and the Markdown body stay exactly as the clerk left them.

use crate::content::values::{calendar_date, parse_ymd};
use crate::validate::phone::{Phone, PhoneParser, ServicePolicy};
use time::Date;
use toml_edit::{Item, Table, Value};

/// A text field, trimmed; numbers typed without quotes count as text (`code = 3714...`).
pub(super) fn get_str(table: &Table, key: &str) -> Option<String> {
    let value = table.get(key)?.as_value()?;
    let text = match value {
        Value::String(s) => s.value().trim().to_string(),
        Value::Integer(i) => i.value().to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

pub(super) fn get_bool(table: &Table, key: &str) -> bool {
    table.get(key).and_then(Item::as_bool).unwrap_or(false)
}

pub(super) fn get_list(table: &Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(|s| s.trim().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn get_date(table: &Table, key: &str) -> Option<Date> {
    let (year, month, day) = match table.get(key)?.as_value()? {
        Value::Datetime(dt) => {
            let d = dt.value().date?;
            (i32::from(d.year), d.month, d.day)
        }
        Value::String(s) => parse_ymd(s.value().trim())?,
        _ => return None,
    };
    calendar_date(year, month, day).ok()
}

/// Replaces a value, keeping the comment written after it on its line.
fn put(table: &mut Table, key: &str, new: Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        _ => {
            table.insert(key, Item::Value(new));
        }
    }
}

/// Sets a text field (`None` removes it). Returns whether the file changes.
pub(super) fn set_str(table: &mut Table, key: &str, wanted: Option<&str>) -> bool {
    let wanted = wanted.map(str::trim).filter(|s| !s.is_empty());
    if get_str(table, key).as_deref() == wanted {
        // Equal in meaning; a present-but-empty field stays as written too.
        return false;
    }
    match wanted {
        Some(s) => put(table, key, Value::from(s)),
        None => {
            table.remove(key);
        }
    }
    true
}

/// `lead = true`, or no `lead` line for false.
pub(super) fn set_flag(table: &mut Table, key: &str, wanted: bool) -> bool {
    if get_bool(table, key) == wanted {
        return false;
    }
    if wanted {
        put(table, key, Value::from(true));
    } else {
        table.remove(key);
    }
    true
}

/// A list of texts (an empty list removes the field).
pub(super) fn set_list(table: &mut Table, key: &str, wanted: &[String]) -> bool {
    if get_list(table, key) == wanted {
        return false;
    }
    if wanted.is_empty() {
        table.remove(key);
    } else {
        put(
            table,
            key,
            Value::Array(wanted.iter().map(String::as_str).collect()),
        );
    }
    true
}

pub(super) fn set_date(table: &mut Table, key: &str, wanted: Option<Date>) -> bool {
    if get_date(table, key) == wanted {
        return false;
    }
    match wanted {
        Some(d) => put(table, key, Value::from(toml_date(d))),
        None => {
            table.remove(key);
        }
    }
    true
}

/// A phone field, compared as numbers, written in the board's display form when it changes.
pub(super) fn set_phone(
    table: &mut Table,
    key: &str,
    wanted: Option<&Phone>,
    phones: &PhoneParser,
) -> bool {
    let current = get_str(table, key).and_then(|t| phones.parse(&t, ServicePolicy::Accept).ok());
    if current.as_ref().map(|p| &p.e164) == wanted.map(|p| &p.e164) {
        return false;
    }
    match wanted {
        Some(p) => put(table, key, Value::from(p.display.as_str())),
        None => {
            table.remove(key);
        }
    }
    true
}

/// A bare TOML date (`2023-03-09`), as the spec writes them.
pub(super) fn toml_date(d: Date) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: u16::try_from(d.year()).unwrap_or(0),
            month: u8::from(d.month()),
            day: d.day(),
        }),
        time: None,
        offset: None,
    }
}

/// The `[[team]]` entries, whether written as tables or as an inline array.
pub(super) fn team_tables(table: &Table) -> Vec<Table> {
    match table.get("team") {
        Some(Item::ArrayOfTables(a)) => a.iter().cloned().collect(),
        Some(Item::Value(Value::Array(a))) => a
            .iter()
            .filter_map(|v| v.as_inline_table().cloned().map(|t| t.into_table()))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml_edit::DocumentMut;

    fn doc(text: &str) -> DocumentMut {
        text.parse().unwrap()
    }

    #[test]
    fn equal_meaning_is_not_a_change() {
        let mut d =
            doc("phone = \"139 1234 5678\" # work\nsince = \"2023/3/9\"\nname = \" 王兴 \"\n");
        let before = d.to_string();
        let phones = PhoneParser::default();
        let phone = phones.parse("13912345678", ServicePolicy::Refuse).unwrap();
        let date = Date::from_calendar_date(2023, time::Month::March, 9).unwrap();
        assert!(!set_phone(d.as_table_mut(), "phone", Some(&phone), &phones));
        assert!(!set_date(d.as_table_mut(), "since", Some(date)));
        assert!(!set_str(d.as_table_mut(), "name", Some("王兴")));
        assert!(!set_flag(d.as_table_mut(), "lead", false));
        assert_eq!(d.to_string(), before);
    }

    #[test]
    fn changes_keep_the_line_comment() {
        let mut d = doc("title = \"副局长\" # as of 2023\n");
        assert!(set_str(d.as_table_mut(), "title", Some("局长")));
        assert_eq!(d.to_string(), "title = \"局长\" # as of 2023\n");
        assert!(set_str(d.as_table_mut(), "title", None));
        assert_eq!(d.to_string(), "");
    }

    #[test]
    fn dates_are_bare_toml_dates() {
        let mut d = doc("");
        let date = Date::from_calendar_date(2024, time::Month::January, 5).unwrap();
        assert!(set_date(d.as_table_mut(), "since", Some(date)));
        assert_eq!(d.to_string(), "since = 2024-01-05\n");
    }
}
