//! The theme's words (`strings.toml`, one table per language): every word on a page or a board
//! comes from there, including the few that Rust code puts together (page titles, the
//! descriptions of units and areas, the publication date, the default board heading), so a
//! theme can change every one of them.
//!
//! The built-in table is the base; a theme's `strings.toml` overrides it key by key, so a
//! theme that changes three words needs to list only those three.

use super::RenderError;
use super::theme::Theme;
use crate::config::Language;
use time::Date;

/// The words of one language, the built-in ones overridden by the theme's.
pub(crate) struct Strings {
    table: toml::Table,
    /// `date_format` and `month_names`, looked up once: a unit's page shows a date for each
    /// of its latest visits, and a province's pages show hundreds of thousands.
    dates: DateFormat,
}

/// Keys Rust code reads: each must be text.
const TEXT_KEYS: [&str; 10] = [
    "people",
    "not_found",
    "coverage",
    "reprint",
    "list_sep",
    "board_heading",
    "date_format",
    "area_description",
    "unit_description",
    "unit_description_no_team",
];

impl Strings {
    /// The table for `language`, from every `strings.toml` layer of the theme.
    pub(crate) fn load(theme: &Theme, language: Language) -> Result<Strings, RenderError> {
        let mut table = toml::Table::new();
        for file in &theme.strings {
            let fail = |message: String| RenderError::Strings {
                origin: file.origin.clone(),
                message,
            };
            let text = std::str::from_utf8(&file.bytes)
                .map_err(|_| fail(crate::msg!("build-strings-not-utf8")))?;
            let mut all: toml::Table = toml::from_str(text).map_err(|e| fail(e.to_string()))?;
            match all.remove(language.code()) {
                Some(toml::Value::Table(words)) => table.extend(words),
                Some(_) => {
                    return Err(fail(crate::msg!(
                        "build-strings-not-a-table",
                        table = language.code()
                    )));
                }
                None => {}
            }
            if let Some(key) = TEXT_KEYS
                .iter()
                .find(|key| table.get(**key).is_some_and(|v| !v.is_str()))
            {
                return Err(fail(crate::msg!(
                    "build-strings-not-text",
                    key = *key,
                    table = language.code()
                )));
            }
        }
        let dates = DateFormat::of(&table);
        Ok(Strings { table, dates })
    }

    /// Every word, for templates (`t`).
    pub(crate) fn table(&self) -> &toml::Table {
        &self.table
    }

    /// The word under `key`, if the theme has one.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.table.get(key).and_then(toml::Value::as_str)
    }

    /// The word under `key` (one the built-in table has), or the key itself.
    pub(crate) fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.get(key).unwrap_or(key)
    }

    /// The word under `key` with each `{name}` replaced by its value.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill_in(self.text(key), values)
    }

    /// The publication date as people write it in this language (`date_format`, with
    /// `{year}`, `{month}`, `{day}` and `{month_name}` from `month_names`).
    pub(crate) fn date(&self, date: Date) -> String {
        self.dates.write(date)
    }
}

/// The fields `date_format` may hold, in the order [`DateFormat::write`] knows them.
const DATE_FIELDS: [&str; 4] = ["year", "month", "month_name", "day"];

/// A theme's `date_format`, cut at its fields, with its month names.
struct DateFormat {
    pieces: Vec<Piece<String>>,
    /// January's first; a month the theme names none for is written as its number.
    month_names: [String; 12],
}

impl DateFormat {
    fn of(table: &toml::Table) -> DateFormat {
        let format = table.get("date_format").and_then(toml::Value::as_str);
        let format = format.unwrap_or("date_format");
        let mut pieces = Vec::new();
        let field = |name: &str| DATE_FIELDS.iter().position(|n| *n == name);
        cut(format, field, |piece| {
            pieces.push(match piece {
                Piece::Text(text) => Piece::Text(text.to_string()),
                Piece::Field(i) => Piece::Field(i),
            })
        });
        let names = table.get("month_names").and_then(toml::Value::as_array);
        let month_names = std::array::from_fn(|i| {
            names
                .and_then(|names| names.get(i))
                .and_then(toml::Value::as_str)
                .map_or_else(|| (i + 1).to_string(), str::to_string)
        });
        DateFormat {
            pieces,
            month_names,
        }
    }

    fn write(&self, date: Date) -> String {
        use std::fmt::Write;
        let month = u8::from(date.month());
        let mut out = String::with_capacity(24);
        for piece in &self.pieces {
            // Writing to a string cannot fail.
            let _ = match piece {
                Piece::Text(text) => out.write_str(text),
                Piece::Field(0) => write!(out, "{}", date.year()),
                Piece::Field(1) => write!(out, "{month}"),
                Piece::Field(2) => out.write_str(&self.month_names[usize::from(month) - 1]),
                Piece::Field(_) => write!(out, "{}", date.day()),
            };
        }
        out
    }
}

/// A part of a text with `{name}` fields in it.
enum Piece<T> {
    /// Text as written.
    Text(T),
    /// The field named by the `i`th of the names asked for.
    Field(usize),
}

/// Hands `text` to `each` cut at each `{name}` that `field` knows (giving its index), in one
/// pass: a value filled in is never looked at again (a name may hold braces), and other braces
/// are text.
fn cut<'t>(
    text: &'t str,
    field: impl Fn(&str) -> Option<usize>,
    mut each: impl FnMut(Piece<&'t str>),
) {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let field = after.find('}').and_then(|close| {
            let name = &after[..close];
            Some((close, field(name)?))
        });
        match field {
            Some((close, i)) => {
                each(Piece::Text(&rest[..open]));
                each(Piece::Field(i));
                rest = &after[close + 1..];
            }
            None => {
                each(Piece::Text(&rest[..=open]));
                rest = after;
            }
        }
    }
    each(Piece::Text(rest));
}

/// `text` with each `{name}` that `values` names replaced by its value (see [`cut`]).
fn fill_in(text: &str, values: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(text.len() + 16);
    let field = |name: &str| values.iter().position(|(n, _)| *n == name);
    cut(text, field, |piece| match piece {
        Piece::Text(text) => filled.push_str(text),
        Piece::Field(i) => filled.push_str(values[i].1),
    });
    filled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::ThemeFile;

    fn theme(layers: &[&str]) -> Theme {
        let mut theme = Theme::load(std::path::Path::new("/nonexistent"), "default").unwrap();
        theme.strings.extend(layers.iter().map(|text| ThemeFile {
            origin: "themes/mine/strings.toml".into(),
            bytes: text.as_bytes().to_vec(),
            built_in: false,
        }));
        theme
    }

    #[test]
    fn fill_replaces_each_named_brace_once_and_keeps_the_rest() {
        let values = [("name", "王{role}"), ("role", "第一书记"), ("n", "3")];
        assert_eq!(
            fill_in("{name}（{role}）{n}{n} {unknown} {open", &values),
            "王{role}（第一书记）33 {unknown} {open"
        );
        assert_eq!(fill_in("", &values), "");
        assert_eq!(fill_in("}{}{n}", &values), "}{}3");
    }

    #[test]
    fn a_date_is_its_format_filled_in_for_every_day_and_format() {
        let formats = [
            "{year}年{month}月{day}日",
            "{day} {month_name} {year}",
            "{{year}}.{month}/{nope}{month_name}{day",
            "}{}{day}{day}",
            "",
        ];
        for format in formats {
            // Two month names only: the other months are written as numbers.
            let layer = format!(
                "[zh-Hans]\ndate_format = {format:?}\nmonth_names = [\"一月\", \"二月\"]\n"
            );
            let zh = Strings::load(&theme(&[&layer]), Language::ZhHans).unwrap();
            let mut date = Date::from_calendar_date(2024, time::Month::January, 1).unwrap();
            while date.year() == 2024 {
                let month = u8::from(date.month());
                let name = match month {
                    1 => "一月".to_string(),
                    2 => "二月".to_string(),
                    n => n.to_string(),
                };
                let values = [
                    ("year", date.year().to_string()),
                    ("month", month.to_string()),
                    ("month_name", name),
                    ("day", date.day().to_string()),
                ];
                let values: Vec<(&str, &str)> =
                    values.iter().map(|(n, v)| (*n, v.as_str())).collect();
                assert_eq!(zh.date(date), fill_in(format, &values), "{format} {date}");
                date = date.next_day().unwrap();
            }
        }
    }

    #[test]
    fn the_built_in_words_make_dates_and_descriptions_in_both_languages() {
        let date = Date::from_calendar_date(2026, time::Month::March, 1).unwrap();
        let zh = Strings::load(&theme(&[]), Language::ZhHans).unwrap();
        assert_eq!(zh.date(date), "2026年3月1日");
        assert_eq!(zh.text("board_heading"), "干部联系服务群众公示牌");
        assert_eq!(
            zh.fill("area_description", &[("area", "东湖镇"), ("n", "12")]),
            "东湖镇：12个村（社区、单位）的联系干部和电话"
        );
        let en = Strings::load(&theme(&[]), Language::En).unwrap();
        assert_eq!(en.date(date), "1 March 2026");
        assert_eq!(en.text("board_heading"), "Contact board");
    }

    #[test]
    fn a_theme_overrides_single_words_and_bad_values_name_its_file() {
        let mine = theme(&[
            "[zh-Hans]\nboard_heading = \"联系牌\"\ndate_format = \"{year}.{month}.{day}\"\n",
        ]);
        let zh = Strings::load(&mine, Language::ZhHans).unwrap();
        assert_eq!(zh.text("board_heading"), "联系牌");
        assert_eq!(
            zh.text("people"),
            "联系人",
            "words the theme leaves alone stay"
        );
        let date = Date::from_calendar_date(2026, time::Month::March, 1).unwrap();
        assert_eq!(zh.date(date), "2026.3.1");
        let broken = theme(&["[zh-Hans]\npeople = 3\n"]);
        let Err(RenderError::Strings { origin, message }) =
            Strings::load(&broken, Language::ZhHans)
        else {
            panic!("a number where a word belongs is an error");
        };
        assert_eq!(origin, "themes/mine/strings.toml");
        assert!(message.contains("`people`"), "{message}");
    }
}
