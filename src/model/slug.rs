//! URL segments from names: ASCII names stay, Chinese names become pinyin.
//!
//! Printed QR codes carry these URLs, so the mapping must be stable: the same name always gives
//! the same segment, and a `slug` field in the record overrides it.

use pinyin::ToPinyin;

/// A URL segment for `name`: lowercase `[a-z0-9-]`, Chinese characters as plain pinyin without
/// separators (`刘庄村` → `liuzhuangcun`), anything else as a single `-`.
pub(crate) fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 2);
    let mut pending_dash = false;
    for ch in name.chars() {
        let piece: Option<std::borrow::Cow<'static, str>> = if ch.is_ascii_alphanumeric() {
            Some(ch.to_ascii_lowercase().to_string().into())
        } else {
            // ü is written v, as on every pinyin keyboard: URLs stay within [a-z0-9-].
            ch.to_pinyin().map(|p| p.plain().replace('ü', "v").into())
        };
        match piece {
            Some(p) => {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push_str(&p);
            }
            None => pending_dash = true,
        }
    }
    out
}

/// Pinyin initials (`刘庄村` → `lzc`), for search.
pub(crate) fn initials(name: &str) -> String {
    name.chars()
        .filter_map(|ch| {
            if ch.is_ascii_alphanumeric() {
                Some(ch.to_ascii_lowercase())
            } else {
                ch.to_pinyin().and_then(|p| p.first_letter().chars().next())
            }
        })
        .collect()
}

/// Whether `s` may be used as written in a `slug` field.
pub(crate) fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_become_pinyin() {
        assert_eq!(slugify("刘庄村"), "liuzhuangcun");
        assert_eq!(slugify("鲁权屯镇"), "luquantunzhen");
        assert_eq!(initials("刘庄村"), "lzc");
    }

    #[test]
    fn ascii_names_are_kept_and_cleaned() {
        assert_eq!(slugify("liuzhuang"), "liuzhuang");
        assert_eq!(slugify("Liu Zhuang_2"), "liu-zhuang-2");
        assert_eq!(slugify("第3组"), "di3zu");
        assert_eq!(slugify("—刘庄（东）"), "liuzhuang-dong");
    }

    #[test]
    fn u_umlaut_becomes_v_so_urls_stay_ascii() {
        assert_eq!(slugify("吕庄村"), "lvzhuangcun");
        assert_eq!(slugify("绿化"), "lvhua");
        assert!(slugify("女娲").is_ascii());
    }

    #[test]
    fn homophones_collide_which_is_why_slugs_exist() {
        assert_eq!(slugify("石庄村"), slugify("师庄村"));
    }

    #[test]
    fn slug_validation() {
        assert!(is_valid_slug("shizhuang-2"));
        assert!(!is_valid_slug("Shizhuang"));
        assert!(!is_valid_slug("-a"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("a/b"));
    }
}
