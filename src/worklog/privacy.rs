//! What a log cell must not hold: a resident ID number (found by `validate::idnumber`), or a
//! phone number that is not published (a cadre's or a hotline), which may be a resident's.
//!
//! Most cells hold no long run of digits and are passed over after one look at their bytes.

use crate::validate::idnumber;
use crate::validate::phone::{PhoneParser, ServicePolicy};
use foldhash::HashSet;

/// Something private found in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Finding {
    /// An identifier from [`idnumber::scan`]: `error` for a checked resident ID number, else a
    /// warning (an old ID number or a card number may be something else).
    Identifier {
        describe: String,
        masked: String,
        error: bool,
    },
    /// A dialable number that no published person or hotline has.
    Phone { masked: String },
}

/// Fewest digits a phone number has (a landline's area code and local number).
const PHONE_DIGITS: usize = 10;

/// Scans `text`; `published` holds the E.164 form of every published number.
pub(super) fn scan(
    text: &str,
    published: &HashSet<&str>,
    phones: &PhoneParser,
    found: &mut Vec<Finding>,
) {
    // The shortest identifier is longer than any phone number; `idnumber::scan` passes over
    // text too short for one by itself.
    if count_digits(text) < PHONE_DIGITS {
        return;
    }
    for m in idnumber::scan(text) {
        found.push(Finding::Identifier {
            describe: m.kind.describe(),
            masked: m.masked,
            error: m.kind.is_error(),
        });
    }
    phone_candidates(text, |candidate| {
        if let Ok(p) = phones.parse(candidate, ServicePolicy::Refuse)
            && !published.contains(p.e164.as_str())
        {
            found.push(Finding::Phone {
                masked: mask(candidate),
            });
        }
    });
}

/// ASCII and full-width digits.
fn count_digits(text: &str) -> usize {
    let ascii = text.bytes().filter(u8::is_ascii_digit).count();
    // Full-width digits are EF BC 90..99 in UTF-8; most text has none.
    let wide = if text.is_ascii() {
        0
    } else {
        text.chars().filter(|c| ('０'..='９').contains(c)).count()
    };
    ascii + wide
}

fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '－' => '-',
        '（' => '(',
        '）' => ')',
        '\u{3000}' => ' ',
        other => other,
    }
}

/// Calls `each` with every run of digits shaped like a mainland phone number: a mobile
/// (`13912345678`, `139 1234 5678`, `+86 139-1234-5678`) or a landline with its area code
/// (`0534-2212345`, `(0534)2212345`). Groups of digits joined by one space, dash or bracket
/// are tried together, up to three at a time, longest first.
fn phone_candidates(text: &str, mut each: impl FnMut(&str)) {
    const MAX_GROUPS: usize = 16;
    // Digit groups as (start, len) in `digits`; `joined[i]`: group i+1 follows group i after
    // one separator.
    let mut digits = [0u8; 64];
    let mut groups = [(0usize, 0usize); MAX_GROUPS];
    let mut joined = [false; MAX_GROUPS];
    let mut n_digits = 0;
    let mut n_groups = 0;
    let mut in_group = false;
    let mut separators = 0;
    let mut flush = |digits: &[u8], groups: &[(usize, usize)], joined: &[bool]| {
        let mut i = 0;
        while i < groups.len() {
            let mut used = 1;
            for take in (1..=3).rev() {
                if i + take > groups.len() || !joined[i..i + take - 1].iter().all(|&j| j) {
                    continue;
                }
                let (start, _) = groups[i];
                let (last, len) = groups[i + take - 1];
                let run = &digits[start..last + len];
                if let Some(number) = phone_shaped(run) {
                    each(number);
                    used = take;
                    break;
                }
            }
            i += used;
        }
    };
    for c in text.chars().map(fold) {
        if c.is_ascii_digit() {
            if n_digits == digits.len() || (!in_group && n_groups == MAX_GROUPS) {
                flush(
                    &digits[..n_digits],
                    &groups[..n_groups],
                    &joined[..n_groups],
                );
                (n_digits, n_groups) = (0, 0);
                in_group = false;
            }
            if !in_group {
                if n_groups > 0 {
                    joined[n_groups - 1] = separators <= 1;
                }
                joined[n_groups] = false;
                groups[n_groups] = (n_digits, 0);
                n_groups += 1;
                in_group = true;
                separators = 0;
            }
            digits[n_digits] = c as u8;
            n_digits += 1;
            groups[n_groups - 1].1 += 1;
        } else {
            in_group = false;
            if matches!(c, ' ' | '-' | '(' | ')' | '+') {
                separators += 1;
            } else {
                separators = 2;
            }
        }
    }
    flush(
        &digits[..n_digits],
        &groups[..n_groups],
        &joined[..n_groups],
    );
}

/// The digits as a number to check, if they have a phone number's shape.
fn phone_shaped(run: &[u8]) -> Option<&str> {
    let run = std::str::from_utf8(run).ok()?;
    let mobile =
        |s: &str| s.len() == 11 && s.starts_with('1') && matches!(s.as_bytes()[1], b'3'..=b'9');
    let landline =
        |s: &str| s.starts_with('0') && !s.starts_with("00") && (10..=12).contains(&s.len());
    let national = run.strip_prefix("86").filter(|s| mobile(s)).unwrap_or(run);
    (mobile(national) || landline(national)).then_some(national)
}

/// `139****5678`: enough to find the number in the file, not enough to dial it.
fn mask(number: &str) -> String {
    let keep = number.len().saturating_sub(4);
    format!("{}****{}", &number[..3.min(keep)], &number[keep..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<Finding> {
        let published: HashSet<&str> = ["+8613905341201", "+865342212345"].into_iter().collect();
        let mut out = Vec::new();
        scan(text, &published, &PhoneParser::default(), &mut out);
        out
    }

    fn phone(masked: &str) -> Finding {
        Finding::Phone {
            masked: masked.to_string(),
        }
    }

    #[test]
    fn unpublished_numbers_are_found_however_they_are_written() {
        assert_eq!(found("回访13812345678"), [phone("138****5678")]);
        assert_eq!(found("电话 138 1234 5678。"), [phone("138****5678")]);
        assert_eq!(found("+86 138-1234-5678"), [phone("138****5678")]);
        assert_eq!(found("（0534）2256789"), [phone("053****6789")]);
        assert_eq!(found("０５３４－２２５６７８９"), [phone("053****6789")]);
        assert_eq!(
            found("13812345678 13712345678"),
            [phone("138****5678"), phone("137****5678")]
        );
    }

    #[test]
    fn published_numbers_dates_and_codes_pass() {
        assert!(found("王兴 139 0534 1201 来访").is_empty());
        assert!(found("监督电话0534-2212345").is_empty());
        assert!(found("2024-05-01 至 2024-06-30").is_empty());
        assert!(found("区划代码371428104201").is_empty());
        assert!(found("DH-2024-0001").is_empty());
        assert!(
            found("139123456789").is_empty(),
            "12 digits are not a mobile"
        );
        assert!(found("修路 3 公里").is_empty());
    }

    #[test]
    fn resident_id_numbers_are_errors() {
        let found = found("户主身份证 11010519491231002X");
        assert_eq!(found.len(), 1, "{found:?}");
        match &found[0] {
            Finding::Identifier { masked, error, .. } => {
                assert!(*error);
                assert!(!masked.contains("19491231"), "{masked}");
            }
            other => panic!("{other:?}"),
        }
    }
}
