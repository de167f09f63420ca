//! The message catalogue: every message, warning, error, summary and help text the tool
//! prints, in Chinese and English, from Project Fluent files compiled into the binary
//! (`zh-Hans.ftl`, `en.ftl` beside this file). Code names a message by its id and passes its
//! values; the words live only in the catalogue, so a translation never touches Rust.
//!
//! One language serves a whole run: `NOTICEBOARD_LANG` if set, else the site's `language` in
//! config.toml, else the user's locale (`choose`). The command line sets it once, before any
//! message is made ([`use_language_for`]); messages made before that (or in a library caller that
//! never sets it) are in the site's default language, Chinese.
//!
//! What is written in the site's language rather than spoken to the user (the audit workbook)
//! names its language with `msg_in!`. The command line's help texts are looked up by the names
//! of the command and the option ([`lookup`]), so that clap's derive needs no words of its own.
//!
//! ```
//! # use noticeboard::msg;
//! let line = msg!("cli-built-summary-units", units = 7, people = 8);
//! assert!(!line.is_empty());
//! ```

use crate::config::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

const ZH_HANS: &str = include_str!("zh-Hans.ftl");
const EN: &str = include_str!("en.ftl");

/// The language every message of this run is made in. Unit tests read messages in English,
/// as the integration tests do (`NOTICEBOARD_LANG=en`).
static LANGUAGE: AtomicU8 = AtomicU8::new(if cfg!(test) {
    Language::En as u8
} else {
    Language::ZhHans as u8
});

/// Makes every later message of this run in the language `choose` picks for the site in
/// `site` (a folder that may hold a config.toml).
pub fn use_language_for(site: &std::path::Path) {
    set_language(choose(
        std::env::var("NOTICEBOARD_LANG").ok().as_deref(),
        crate::config::peek_language(site),
        locale_from_env().as_deref(),
    ));
}

/// Makes every later message in `language`.
pub(crate) fn set_language(language: Language) {
    LANGUAGE.store(language as u8, Ordering::Relaxed);
}

/// The language messages are made in now.
pub(crate) fn language() -> Language {
    match LANGUAGE.load(Ordering::Relaxed) {
        x if x == Language::En as u8 => Language::En,
        _ => Language::ZhHans,
    }
}

/// The language of a run: `NOTICEBOARD_LANG` (`zh`, `zh-Hans`, `zh_CN.UTF-8`, `en` …), else the
/// site's configured language, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`; Chinese when
/// it starts with `zh`, English otherwise, the C locale included).
pub(crate) fn choose(
    setting: Option<&str>,
    site: Option<Language>,
    locale: Option<&str>,
) -> Language {
    setting
        .and_then(parse_language)
        .or(site)
        .unwrap_or_else(|| match locale.and_then(parse_language) {
            Some(language) => language,
            None => Language::En,
        })
}

/// `zh`, `zh-Hans`, `zh_CN.UTF-8` → Chinese; `en`, `en_US.UTF-8` → English; anything else
/// (`C`, `POSIX`, empty) says nothing.
pub(crate) fn parse_language(value: &str) -> Option<Language> {
    let value = value.trim().to_ascii_lowercase();
    if value.starts_with("zh") {
        Some(Language::ZhHans)
    } else if value.starts_with("en") {
        Some(Language::En)
    } else {
        None
    }
}

/// The user's locale from the environment, as POSIX reads it.
pub(crate) fn locale_from_env() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|key| std::env::var(key).ok())
        .find(|value| !value.is_empty())
}

/// A value put into a message.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    /// Words, a name or a path.
    Text(Cow<'a, str>),
    /// A count or a measure, which the language may pluralise.
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl<'a> From<Cow<'a, str>> for Arg<'a> {
    fn from(s: Cow<'a, str>) -> Self {
        Arg::Text(s)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_args!(usize, u8, u16, u32, u64, i32, i64, f64);

struct Catalogue {
    zh_hans: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(source: &str, locale: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, errors)| {
        panic!("the {locale} message catalogue does not parse: {errors:?}")
    });
    let mut bundle = FluentBundle::new_concurrent(vec![locale.parse().expect("a language tag")]);
    // Fluent would wrap every value in Unicode isolation marks, which terminals show as boxes.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("the {locale} message catalogue repeats ids: {errors:?}"));
    bundle
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue {
        zh_hans: bundle(ZH_HANS, "zh-Hans"),
        en: bundle(EN, "en"),
    })
}

/// Message `id` in the current language with `args`; see [`msg!`](crate::msg).
pub fn text(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(language(), id, args)
}

/// Message `id` in the current language, or `None` when the catalogue has no such id: for ids
/// made at run time, such as the command line's help texts, looked up by the names of the
/// command and the option (`cli-arg-build-draft`).
pub fn lookup(id: &str) -> Option<String> {
    let catalogue = catalogue();
    let bundle = match language() {
        Language::ZhHans => &catalogue.zh_hans,
        Language::En => &catalogue.en,
    };
    bundle.has_message(id).then(|| text(id, &[]))
}

/// Message `id` in `language`. An id missing from the catalogue (a bug the catalogue test
/// catches) gives the id itself rather than a panic.
pub(crate) fn text_in(language: Language, id: &str, args: &[(&str, Arg)]) -> String {
    let catalogue = catalogue();
    let bundle = match language {
        Language::ZhHans => &catalogue.zh_hans,
        Language::En => &catalogue.en,
    };
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Text(s) => FluentValue::from(s.as_ref()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// Every message id of the catalogue in `language`, for the completeness tests.
#[cfg(test)]
fn ids(language: Language) -> Vec<String> {
    let source = match language {
        Language::ZhHans => ZH_HANS,
        Language::En => EN,
    };
    source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim().to_string()))
        .collect()
}

/// A message in the current language: `msg!("id", name = value, …)`. Values are text or
/// numbers; the words come from the catalogue (`src/messages/*.ftl`).
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::text($id, &[$((stringify!($name), $crate::messages::Arg::from($value))),*])
    };
}

/// A message in a given language, whatever the run's: `msg_in!(language, "id", name = value, …)`,
/// for what is written in the site's language (the audit workbook) rather than spoken to the
/// user.
macro_rules! msg_in {
    ($language:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::text_in(
            $language,
            $id,
            &[$((stringify!($name), $crate::messages::Arg::from($value))),*],
        )
    };
}
pub(crate) use msg_in;

#[cfg(test)]
mod tests;
