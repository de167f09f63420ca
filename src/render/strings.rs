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
        Ok(Strings { table })
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
        let month = u8::from(date.month());
        let month_name = self
            .table
            .get("month_names")
            .and_then(toml::Value::as_array)
            .and_then(|names| names.get(usize::from(month) - 1))
            .and_then(toml::Value::as_str)
            .map_or_else(|| month.to_string(), str::to_string);
        self.fill(
            "date_format",
            &[
                ("year", &date.year().to_string()),
                ("month", &month.to_string()),
                ("month_name", &month_name),
                ("day", &date.day().to_string()),
            ],
        )
    }
}

/// `text` with each `{name}` that `values` names replaced by its value, in one pass: a value
/// is never filled in itself (a name may hold braces), and other braces stay as written.
fn fill_in(text: &str, values: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((close, *value))
        });
        match value {
            Some((close, value)) => {
                filled.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
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
