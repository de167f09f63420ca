use super::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Ids built at run time from a prefix (the command line's help texts are looked up by the
/// command's and the option's names); every other id appears literally in `msg!("…")`.
const DYNAMIC_PREFIXES: &[&str] = &["cli-about-", "cli-arg-", "cli-heading-"];

fn source_files(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

/// Every id the code names, with the file naming it.
fn ids_in_code() -> Vec<(String, String)> {
    let mut files = Vec::new();
    source_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    // This module's own examples are not uses.
    files.retain(|(file, _)| !file.contains("src/messages/"));
    let mut found = Vec::new();
    for (file, text) in files {
        for opening in ["msg!(", "msg_in!("] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(opening) {
                rest = rest[at + opening.len()..].trim_start();
                // `msg_in!` names the language first.
                if opening == "msg_in!(" {
                    rest = rest.split_once(',').map_or("", |(_, id)| id.trim_start());
                }
                if let Some(quoted) = rest.strip_prefix('"')
                    && let Some(end) = quoted.find('"')
                {
                    found.push((quoted[..end].to_string(), file.clone()));
                }
            }
        }
    }
    found
}

#[test]
fn both_languages_have_the_same_messages() {
    let zh: BTreeSet<String> = ids(Language::ZhHans).into_iter().collect();
    let en: BTreeSet<String> = ids(Language::En).into_iter().collect();
    let only_zh: Vec<_> = zh.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&zh).collect();
    assert!(
        only_zh.is_empty() && only_en.is_empty(),
        "only in zh-Hans.ftl: {only_zh:?}; only in en.ftl: {only_en:?}"
    );
    assert!(!zh.is_empty());
}

#[test]
fn every_message_the_code_names_is_in_the_catalogue_and_every_entry_is_used() {
    let catalogue: BTreeSet<String> = ids(Language::En).into_iter().collect();
    let used = ids_in_code();
    let missing: Vec<_> = used
        .iter()
        .filter(|(id, _)| !catalogue.contains(id) && !id.ends_with('-'))
        .collect();
    assert!(
        missing.is_empty(),
        "named in code, missing from the catalogue: {missing:?}"
    );
    let named: BTreeSet<&str> = used.iter().map(|(id, _)| id.as_str()).collect();
    let unused: Vec<_> = catalogue
        .iter()
        .filter(|id| !named.contains(id.as_str()))
        .filter(|id| !DYNAMIC_PREFIXES.iter().any(|p| id.starts_with(p)))
        .collect();
    assert!(
        unused.is_empty(),
        "in the catalogue but named nowhere: {unused:?}"
    );
}

/// The variables a message refers to, found by formatting it with none.
fn variables(language: Language, id: &str) -> BTreeSet<String> {
    let catalogue = catalogue();
    let bundle = match language {
        Language::ZhHans => &catalogue.zh_hans,
        Language::En => &catalogue.en,
    };
    let pattern = bundle.get_message(id).and_then(|m| m.value()).unwrap();
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, None, &mut errors);
    errors
        .iter()
        .map(|e| e.to_string())
        .filter_map(|e| {
            e.split('$').nth(1).map(|v| {
                v.trim_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != '-')
                    .to_string()
            })
        })
        .collect()
}

#[test]
fn a_message_takes_the_same_values_in_both_languages() {
    for id in ids(Language::En) {
        assert_eq!(
            variables(Language::ZhHans, &id),
            variables(Language::En, &id),
            "{id} refers to different values in zh-Hans.ftl and en.ftl"
        );
    }
}

#[test]
fn values_are_put_in_without_isolation_marks() {
    let line = text_in(
        Language::En,
        "cli-built-summary-units",
        &[("units", Arg::from(7usize)), ("people", Arg::from(8usize))],
    );
    assert!(line.contains('7') && line.contains('8'), "{line}");
    assert!(
        !line.contains('\u{2068}') && !line.contains('\u{2069}'),
        "{line:?}"
    );
    let chinese = text_in(
        Language::ZhHans,
        "cli-built-summary-units",
        &[("units", Arg::from(7usize)), ("people", Arg::from(8usize))],
    );
    assert_ne!(line, chinese);
    assert_eq!(
        text_in(Language::En, "no-such-message", &[]),
        "no-such-message"
    );
}

#[test]
fn numbers_are_written_without_grouping_and_lines_keep_their_breaks() {
    let line = text_in(
        Language::En,
        "build-invalid",
        &[("errors", Arg::from(12345usize))],
    );
    assert!(line.starts_with("12345 error(s)"), "{line}");
    let comment = text_in(Language::En, "import-starter-config-comment", &[]);
    assert_eq!(comment.lines().count(), 2, "{comment:?}");
    assert!(comment.lines().all(|l| l.starts_with("# ")), "{comment:?}");
}

#[test]
fn the_language_setting_wins_then_the_site_then_the_locale() {
    use Language::{En, ZhHans};
    assert_eq!(choose(Some("en"), Some(ZhHans), Some("zh_CN.UTF-8")), En);
    assert_eq!(choose(Some("zh"), Some(En), None), ZhHans);
    assert_eq!(choose(Some("klingon"), Some(En), None), En);
    assert_eq!(choose(None, Some(ZhHans), Some("en_US.UTF-8")), ZhHans);
    assert_eq!(choose(None, None, Some("zh_CN.UTF-8")), ZhHans);
    assert_eq!(choose(None, None, Some("C")), En);
    assert_eq!(choose(None, None, None), En);
}
