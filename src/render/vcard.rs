//! vCard 4.0 (RFC 6350) output, so a villager can save an official's work
//! number to their phone from the board's page or QR code.
//!
//! Written by hand rather than with a crate: the format is small, and the
//! parts that matter (escaping, folding without breaking UTF-8, Chinese name
//! order) are exactly what needs care and tests here.

/// The person or office a card describes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Contact<'a> {
    pub full_name: &'a str,
    pub title: Option<&'a str>,
    pub org: Option<&'a str>,
    pub phones: Vec<ContactPhone<'a>>,
    pub url: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// One number on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ContactPhone<'a> {
    /// A `tel:` URI such as `tel:+8613912345678` (see `Phone::tel_uri`).
    pub uri: &'a str,
    pub kind: TelKind,
}

/// Which label a phone app shows for the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TelKind {
    /// A mobile (`TYPE=cell`).
    Cell,
    /// An office line (`TYPE=work,voice`).
    Work,
}

impl TelKind {
    fn type_param(self) -> &'static str {
        match self {
            TelKind::Cell => "cell",
            TelKind::Work => "work,voice",
        }
    }
}

/// Renders `contact` as a single vCard 4.0: CRLF line endings, text values
/// escaped, lines folded at 75 octets, ending with `END:VCARD\r\n`.
/// Empty optional fields are left out rather than written as empty properties.
pub(crate) fn to_vcard(contact: &Contact) -> String {
    let mut card = Card::default();
    card.text.push_str("BEGIN:VCARD\r\nVERSION:4.0\r\n");

    let full_name = contact.full_name.trim();
    let line = card.begin("FN:");
    escape_text_into(line, full_name);
    card.end();
    let name = split_name(full_name);
    let line = card.begin("N:");
    escape_text_into(line, name.family);
    line.push(';');
    escape_text_into(line, &name.given);
    line.push_str(";;;");
    card.end();

    for (label, value) in [("TITLE:", contact.title), ("ORG:", contact.org)] {
        if let Some(value) = non_blank(value) {
            escape_text_into(card.begin(label), value);
            card.end();
        }
    }
    for phone in &contact.phones {
        let line = card.begin("TEL;VALUE=uri;TYPE=");
        line.push_str(phone.kind.type_param());
        line.push(':');
        let start = line.len();
        push_tel_uri(line, phone.uri);
        if line.len() - start > "tel:".len() {
            card.end();
        }
    }
    if let Some(url) = non_blank(contact.url) {
        push_clean_uri(card.begin("URL:"), url);
        card.end();
    }
    if let Some(note) = non_blank(contact.note) {
        escape_text_into(card.begin("NOTE:"), note);
        card.end();
    }

    card.text.push_str("END:VCARD\r\n");
    card.text
}

/// A card being written: each content line is put together in `line`, then folded onto
/// `text`. A person's card is seven lines, and a province writes 160,000 cards: a string of
/// its own for each line and each escaped value was most of the time a card took.
struct Card {
    text: String,
    line: String,
}

impl Default for Card {
    fn default() -> Self {
        Card {
            text: String::with_capacity(256),
            line: String::with_capacity(128),
        }
    }
}

impl Card {
    /// Starts a content line with `name` (and its `:` or parameters).
    fn begin(&mut self, name: &str) -> &mut String {
        self.line.clear();
        self.line.push_str(name);
        &mut self.line
    }

    /// Adds the line [`Card::begin`] started to the card.
    fn end(&mut self) {
        fold_line_into(&mut self.text, &self.line);
        self.text.push_str("\r\n");
    }
}

fn non_blank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// RFC 6350 §3.2 limit for a physical line, excluding the CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// Appends a content line to `card` folded into physical lines of at most 75 octets, each
/// continuation starting with a single space (RFC 6350 §3.2). Breaks only between
/// characters, so a multi-octet UTF-8 character is never split, and never inside a backslash
/// escape: some parsers (vcard4 among them) unescape before unfolding and would otherwise
/// print a stray `\`.
fn fold_line_into(card: &mut String, line: &str) {
    if line.len() <= MAX_LINE_OCTETS {
        card.push_str(line);
        return;
    }
    let mut octets_on_line = 0;
    let mut rest = line;
    while let Some(ch) = rest.chars().next() {
        let mut octets = ch.len_utf8();
        if ch == '\\' {
            octets += rest[octets..].chars().next().map_or(0, char::len_utf8);
        }
        let (unit, after) = rest.split_at(octets);
        if octets_on_line + octets > MAX_LINE_OCTETS {
            card.push_str("\r\n ");
            octets_on_line = 1;
        }
        card.push_str(unit);
        octets_on_line += octets;
        rest = after;
    }
}

/// Appends `value` to `out` escaped as a TEXT value (RFC 6350 §3.4): backslash, comma,
/// semicolon and newlines. Other control characters are dropped, since they are not
/// allowed in a vCard and strict parsers reject the whole card for one.
fn escape_text_into(out: &mut String, value: &str) {
    // Most values (names, titles, offices) hold none of these: no byte of a C0 control,
    // DEL, the three escaped signs, or the lead byte of a C1 control (U+0080 to U+009F).
    let plain = |b: &u8| *b >= 0x20 && !matches!(b, 0x7f | 0xc2 | b'\\' | b',' | b';');
    if value.as_bytes().iter().all(plain) {
        out.push_str(value);
        return;
    }
    let mut chars = value.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                // CRLF is one line break, not two.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Appends `uri` to `out` as it is written in a card. URIs are not TEXT and are not
/// escaped, but a stray space or line break in one would break the card, and no valid URI
/// contains them.
fn push_clean_uri(out: &mut String, uri: &str) {
    out.extend(
        uri.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control()),
    );
}

/// Appends the TEL value to `out`, with `tel:` added when the caller passed a bare number,
/// so the `VALUE=uri` we declare stays true.
fn push_tel_uri(out: &mut String, uri: &str) {
    // Cleaning removes no colon: whether there is one can be asked of `uri` itself.
    if !uri.contains(':') {
        out.push_str("tel:");
    }
    push_clean_uri(out, uri);
}

/// Family and given name for the structured N property.
struct SplitName<'a> {
    family: &'a str,
    given: String,
}

/// Two-character (compound) surnames. Only the common ones: a rare compound
/// surname missing here is split after its first character, which still
/// leaves FN, the name phones show, correct.
const COMPOUND_SURNAMES: [&str; 14] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "令狐",
];

/// Splits a full name into family and given name:
/// - names joined by a middle dot (transliterated Uyghur or foreign names,
///   `买买提·艾力`): the last part is the family name;
/// - Chinese names: the surname comes first and is one character, or two
///   for the compound surnames above;
/// - other names with spaces (`Li Wei`, `Anna Smith`): the last word;
/// - a single word is taken as the family name.
fn split_name(full_name: &str) -> SplitName<'_> {
    let name = full_name.trim();
    if let Some((given, family)) = name.rsplit_once(['·', '•', '・', '‧']) {
        return SplitName {
            family: family.trim(),
            given: given.trim().to_owned(),
        };
    }

    if name.chars().next().is_some_and(is_han) {
        let surname_chars =
            if name.chars().count() > 2 && COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
                2
            } else {
                1
            };
        let split_at = name
            .char_indices()
            .nth(surname_chars)
            .map_or(name.len(), |(i, _)| i);
        let (family, given) = name.split_at(split_at);
        // "王 小明" is sometimes typed with a space; it is not part of the name.
        let given: String = given.chars().filter(|c| !c.is_whitespace()).collect();
        return SplitName {
            family: family.trim(),
            given,
        };
    }

    match name.rsplit_once(char::is_whitespace) {
        Some((given, family)) => SplitName {
            family: family.trim(),
            given: given.trim().to_owned(),
        },
        None => SplitName {
            family: name,
            given: String::new(),
        },
    }
}

/// CJK Unified Ideographs, Extension A and the compatibility block, which
/// cover the characters used in Chinese names.
fn is_han(ch: char) -> bool {
    matches!(ch,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2EBEF}')
}

/// The vCard of a published person, from the view their page shows.
pub(super) fn for_person(
    site: &crate::model::Site,
    person: &crate::model::Person,
    view: &super::context::PersonView,
) -> String {
    let mut phones = vec![ContactPhone {
        uri: &view.phone.tel,
        kind: TelKind::Cell,
    }];
    if let Some(office) = &view.office_phone {
        phones.push(ContactPhone {
            uri: &office.tel,
            kind: TelKind::Work,
        });
    }
    if person.phone.kind != crate::validate::phone::PhoneKind::Mobile {
        phones[0].kind = TelKind::Work;
    }
    let url = site.config.url(&view.url);
    to_vcard(&Contact {
        full_name: &person.name,
        title: person.title.as_deref(),
        org: person.org.as_deref(),
        phones,
        url: Some(&url),
        note: None,
    })
}

#[cfg(test)]
mod tests;
