//! Parsing and normalising the phone numbers printed on a notice board.
//!
//! A board publishes an official's *work* number so villagers can call it, so
//! what we print must be dialable from anywhere in mainland China: a mobile, or
//! a landline *with* its area code. Hotline fields may also hold service short
//! codes (110, 12345, 95588) and 400/800 numbers.
//!
//! The heavy lifting is done by the `phonenumber` crate (libphonenumber's
//! metadata), but it has traps we guard against here:
//! - it does not understand full-width characters, which Chinese input methods
//!   produce easily, so we fold them to ASCII first;
//! - it accepts a bare local number such as `2212345` as a Tianjin number
//!   (area code 22 + a 5-digit "local" part), so we insist on an area code and
//!   on a 7–8 digit local number;
//! - it parses things it then calls invalid, so `is_valid()` is always checked;
//! - short codes are either refused or reported invalid, so we recognise them
//!   ourselves before calling it.

use super::fold_full_width;
use parking_lot::Mutex;
use phonenumber::{Mode, PhoneNumber, Type, country, metadata::Database};
use std::sync::LazyLock;

/// What kind of number a [`Phone`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PhoneKind {
    /// A mainland mobile number (11 digits, starting with 1).
    Mobile,
    /// A fixed line with its area code.
    Landline,
    /// A service number: a short code (110, 12345, 95588) or a 400/800 number.
    Service,
}

/// A validated mainland China phone number, ready to print and to link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phone {
    pub kind: PhoneKind,
    /// E.164 form such as `+8613912345678`; for short codes the bare digits
    /// (`12345`), since they have no international form.
    pub e164: String,
    /// How the number is printed on the board: `139 1234 5678`,
    /// `0534-2212345`, `010-12345678`, `400-123-4567` or `12345`.
    pub display: String,
}

impl Phone {
    /// The `tel:` URI for links and vCards: `tel:+8613912345678`, or
    /// `tel:12345` for a short code (dialled as written on a local phone).
    pub(crate) fn tel_uri(&self) -> String {
        format!("tel:{}", self.e164)
    }
}

/// Why a phone number was refused. Every message names the offending input and
/// says how to fix it, because it is shown to the person editing the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PhoneError {
    Empty,
    NoDigits { input: String },
    InvalidCharacter { input: String, found: char },
    NoAreaCode { input: String },
    ShortCode { input: String },
    ServiceNumber { input: String },
    Foreign { input: String, country_code: u16 },
    UnsupportedKind { input: String },
    Invalid { input: String },
}

impl std::error::Error for PhoneError {}

impl std::fmt::Display for PhoneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            PhoneError::Empty => crate::msg!("content-phone-empty"),
            PhoneError::NoDigits { input } => crate::msg!("content-phone-no-digits", input = input),
            PhoneError::InvalidCharacter { input, found } => crate::msg!(
                "content-phone-bad-character",
                input = input,
                found = found.to_string()
            ),
            PhoneError::NoAreaCode { input } => {
                crate::msg!("content-phone-no-area-code", input = input)
            }
            PhoneError::ShortCode { input } => {
                crate::msg!("content-phone-short-code", input = input)
            }
            PhoneError::ServiceNumber { input } => {
                crate::msg!("content-phone-service-number", input = input)
            }
            PhoneError::Foreign {
                input,
                country_code,
            } => crate::msg!(
                "content-phone-foreign",
                input = input,
                country_code = country_code.to_string()
            ),
            PhoneError::UnsupportedKind { input } => {
                crate::msg!("content-phone-unsupported-kind", input = input)
            }
            PhoneError::Invalid { input } => crate::msg!("content-phone-invalid", input = input),
        };
        f.write_str(&text)
    }
}

/// Which numbers a field accepts besides mobiles and landlines with their area code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ServicePolicy {
    /// A hotline field: short service codes (3–5 digits such as 110, 12345, 95588) and
    /// 400/800 numbers are fine.
    Accept,
    /// A person's public number: service numbers are refused, because a board must name a
    /// line that reaches the official.
    Refuse,
}

/// China's numbering plan alone, from the crate's own metadata (`phone/china.xml`). Loading
/// the crate's whole database checks the patterns of every country, about 80 ms of every
/// build's first phone number; it is loaded only to name the country of a foreign number.
static CHINA: LazyLock<Database> = LazyLock::new(|| {
    Database::parse(include_str!("phone/china.xml"))
        .expect("the built-in metadata is checked by a test")
});

/// Longest digit string worth handing to the parser: E.164 allows 15 digits,
/// plus room for a `0086` prefix and a trunk `0`.
const MAX_DIGITS: usize = 20;

/// Parses phone numbers and remembers every answer, so that a number is parsed once however
/// often it is written. One build owns one; a `serve` session keeps one across its rebuilds,
/// which parse the same numbers every time.
#[derive(Default)]
pub(crate) struct PhoneParser {
    /// Every number parsed, with its outcome. The `phonenumber` parser's regex cache makes a
    /// parse cost far more than a lookup.
    parsed: Mutex<foldhash::HashMap<(String, ServicePolicy), Result<Phone, PhoneError>>>,
    /// How a mobile number's first seven digits (its block) print, without the last four: a
    /// county's officials share a few hundred blocks, so the parser runs once per block.
    mobile_blocks: Mutex<foldhash::HashMap<String, String>>,
}

impl PhoneParser {
    /// Parses `input` as a number a board may print: a mainland mobile, a landline written
    /// with its area code, and with [`ServicePolicy::Accept`] a service number.
    pub(crate) fn parse(&self, input: &str, policy: ServicePolicy) -> Result<Phone, PhoneError> {
        let key = (input.to_owned(), policy);
        if let Some(known) = self.parsed.lock().get(&key) {
            return known.clone();
        }
        let parsed = self
            .parse_mobile_by_block(input, policy)
            .unwrap_or_else(|| parse_uncached(input, policy));
        self.parsed.lock().insert(key, parsed.clone());
        parsed
    }

    /// Parses an 11-digit mainland mobile written without a country code through the number
    /// of another mobile in its block, or `None` when `input` is not such a number.
    ///
    /// The `phonenumber` parser matches each number against its metadata's patterns behind one
    /// lock for the whole process; at 90,000 officials that was most of a build's time on one
    /// core. Whether such a number is a valid mobile, and how it is grouped (`139 1234 5678`),
    /// is decided by its first five or six digits in the metadata (`1740[0-5]`), so the answer
    /// for one number of a block holds for all; and a mobile is a mobile whether a hotline or a
    /// person's number is being read. Only blocks 13–19 qualify, leaving out 179, where the
    /// parser may instead read a carrier-selection prefix (179xx). The test
    /// `mobile_blocks_give_exactly_what_the_parser_gives` compares the two paths.
    fn parse_mobile_by_block(
        &self,
        input: &str,
        policy: ServicePolicy,
    ) -> Option<Result<Phone, PhoneError>> {
        let normalised = fold_to_ascii(input);
        let trimmed = normalised.trim();
        let cleaned = strip_separators(trimmed, trimmed).ok()?;
        let digits = cleaned.digits;
        let is_mobile_shaped = !cleaned.has_plus
            && digits.len() == 11
            && matches!(digits.as_bytes()[..2], [b'1', b'3'..=b'9'])
            && !digits.starts_with("179");
        if !is_mobile_shaped {
            return None;
        }
        let (block, last4) = digits.split_at(7);
        if let Some(head) = self.mobile_blocks.lock().get(block) {
            return Some(Ok(Phone {
                kind: PhoneKind::Mobile,
                e164: format!("+86{digits}"),
                display: format!("{head}{last4}"),
            }));
        }
        let parsed = parse_uncached(input, policy);
        if let Ok(phone) = &parsed
            && phone.kind == PhoneKind::Mobile
            && phone.e164 == format!("+86{digits}")
            && let Some(head) = phone.display.strip_suffix(last4)
        {
            self.mobile_blocks
                .lock()
                .insert(block.to_owned(), head.to_owned());
        }
        Some(parsed)
    }
}

fn parse_uncached(input: &str, policy: ServicePolicy) -> Result<Phone, PhoneError> {
    let normalised = fold_to_ascii(input);
    let trimmed = normalised.trim();
    // Error messages quote what the person typed, not our ASCII rewrite of it.
    let shown = input.trim().to_owned();
    if trimmed.is_empty() {
        return Err(PhoneError::Empty);
    }

    let cleaned = strip_separators(trimmed, &shown)?;
    let digits = cleaned.digits.as_str();
    if digits.is_empty() {
        return Err(PhoneError::NoDigits { input: shown });
    }
    if digits.len() > MAX_DIGITS {
        return Err(PhoneError::Invalid { input: shown });
    }

    if !cleaned.has_plus && is_short_service_code(digits) {
        return match policy {
            ServicePolicy::Accept => Ok(Phone {
                kind: PhoneKind::Service,
                e164: digits.to_owned(),
                display: digits.to_owned(),
            }),
            ServicePolicy::Refuse => Err(PhoneError::ShortCode { input: shown }),
        };
    }

    // Checked before the parser sees it, which would call `2212345` Tianjin.
    if !cleaned.has_plus && looks_like_bare_local_number(digits) {
        return Err(PhoneError::NoAreaCode { input: shown });
    }

    let candidate = if cleaned.has_plus {
        format!("+{digits}")
    } else {
        digits.to_owned()
    };
    // A number China's plan cannot read may be another country's, which only the whole
    // database can name.
    let number = phonenumber::parse_with(&CHINA, Some(country::CN), &candidate)
        .or_else(|_| phonenumber::parse(Some(country::CN), &candidate))
        .map_err(|_| PhoneError::Invalid {
            input: shown.clone(),
        })?;

    let country_code = number.code().value();
    if country_code != CHINA_COUNTRY_CODE {
        return Err(PhoneError::Foreign {
            input: shown,
            country_code,
        });
    }
    if number.extension().is_some() || !number.is_valid_with(&CHINA) {
        return Err(PhoneError::Invalid { input: shown });
    }

    // Written out rather than through the crate's formatter, which loads its whole database
    // even when given another.
    let e164 = format!("+{CHINA_COUNTRY_CODE}{}", number.national());
    match number.number_type(&CHINA) {
        Type::Mobile => Ok(Phone {
            kind: PhoneKind::Mobile,
            e164,
            display: national_format(&number),
        }),
        Type::FixedLine => {
            let display = landline_display(&e164, &shown)?;
            Ok(Phone {
                kind: PhoneKind::Landline,
                e164,
                display,
            })
        }
        Type::TollFree | Type::SharedCost => match policy {
            ServicePolicy::Accept => Ok(Phone {
                kind: PhoneKind::Service,
                e164,
                // The library prints `400 123 4567`; boards conventionally
                // use dashes for these numbers.
                display: national_format(&number).replace(' ', "-"),
            }),
            ServicePolicy::Refuse => Err(PhoneError::ServiceNumber { input: shown }),
        },
        _ => Err(PhoneError::UnsupportedKind { input: shown }),
    }
}

const CHINA_COUNTRY_CODE: u16 = 86;

/// Digits and whether the number was written in international form.
struct CleanedNumber {
    digits: String,
    has_plus: bool,
}

/// Drops the separators people use when writing numbers, and refuses anything
/// else, so letters or notes ("转8001", "ext") never reach the parser, which
/// would otherwise silently skip or reinterpret them.
fn strip_separators(text: &str, shown: &str) -> Result<CleanedNumber, PhoneError> {
    let mut digits = String::with_capacity(text.len());
    let mut has_plus = false;
    for ch in text.chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            ' ' | '\t' | '-' | '.' | '(' | ')' | '/' => {}
            // A plus only makes sense as the international prefix, before any digit.
            '+' if !has_plus && digits.is_empty() => has_plus = true,
            other => {
                return Err(PhoneError::InvalidCharacter {
                    input: shown.to_owned(),
                    found: other,
                });
            }
        }
    }
    Ok(CleanedNumber { digits, has_plus })
}

/// Full-width digits and signs, Unicode spaces and dashes as ASCII, one character for one.
fn fold_to_ascii(input: &str) -> String {
    input.chars().map(fold_full_width).collect()
}

/// China's short-number plan puts service codes in the 1xx/1xxxx blocks
/// (110, 12345, 10086) and the 95xxx/96xxx blocks (95588, 96110). Other
/// 3–5 digit strings are far more likely a truncated local number.
fn is_short_service_code(digits: &str) -> bool {
    (3..=5).contains(&digits.len()) && (digits.starts_with('1') || digits.starts_with('9'))
}

/// A 7–8 digit number not starting with 0 or 1 is how a local landline is
/// written for callers in the same city; without the area code nobody else
/// can dial it.
fn looks_like_bare_local_number(digits: &str) -> bool {
    (7..=8).contains(&digits.len()) && !digits.starts_with('0') && !digits.starts_with('1')
}

/// A mobile grouped `139 1234 5678`, a 400/800 number `400 123 4567`: the groups of the
/// national format in China's plan, which the test `our_groups_are_the_library_s` compares
/// with the crate's formatter. Any other length goes through that formatter, which loads the
/// crate's whole database.
fn national_format(number: &PhoneNumber) -> String {
    let digits = number.national().to_string();
    let groups: &[usize] = match digits.len() {
        11 if digits.starts_with('1') => &[3, 4, 4],
        10 if digits.starts_with("400") || digits.starts_with("800") => &[3, 3, 4],
        _ => return library_national_format(number),
    };
    let mut grouped = String::with_capacity(digits.len() + groups.len());
    let mut rest = digits.as_str();
    for &len in groups {
        let (group, after) = rest.split_at(len);
        if !grouped.is_empty() {
            grouped.push(' ');
        }
        grouped.push_str(group);
        rest = after;
    }
    grouped
}

fn library_national_format(number: &PhoneNumber) -> String {
    number.format_with(&CHINA).mode(Mode::National).to_string()
}

/// Builds `0534-2212345` from `+865342212345`. The library's national format
/// groups the local number (`0534 221 2345`), which is not how Chinese boards
/// print landlines, so the area code is derived from the numbering plan:
/// Beijing (10) and the 2x cities have two-digit area codes, all others three.
fn landline_display(e164: &str, shown: &str) -> Result<String, PhoneError> {
    let national = e164.strip_prefix("+86").unwrap_or(e164);
    let area_len = if national.starts_with("10") || national.starts_with('2') {
        2
    } else {
        3
    };
    let (area, local) = national.split_at(area_len.min(national.len()));
    // The library accepts area code + 5 or 6 digits (a local number typed
    // without its area code, e.g. `+862212345`); real local numbers have 7–8.
    if !(7..=8).contains(&local.len()) {
        return Err(PhoneError::NoAreaCode {
            input: shown.to_owned(),
        });
    }
    Ok(format!("0{area}-{local}"))
}

#[cfg(test)]
mod tests;
