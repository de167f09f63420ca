//! Finds personal identifiers that must never be published on a board.
//!
//! Source records are often pasted from village spreadsheets that also hold
//! resident ID numbers and bank card numbers. This scanner looks for them in
//! any text before it is rendered, so a slip is caught at build time.
//!
//! Only numbers that pass their own checks are reported (a real birth date, a
//! valid check digit, the Luhn sum), so ordinary numbers on a board (phones,
//! dates, the 12-digit statistical division codes) are left alone.

/// What kind of identifier was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SensitiveKind {
    /// An 18-character resident identity card number with a valid check digit.
    ResidentId,
    /// A 15-digit first-generation identity card number (no check digit, so
    /// it can only be recognised by its shape and birth date).
    OldResidentId,
    /// A 16–19 digit number passing the Luhn check, as bank cards do.
    CardNumber,
}

impl SensitiveKind {
    /// Whether this finding must stop the build. Only a checksummed resident
    /// ID is certain enough; the others may be an order or account number and
    /// are reported as warnings for a person to look at.
    pub(crate) fn is_error(&self) -> bool {
        matches!(self, SensitiveKind::ResidentId)
    }

    /// A noun phrase with its article, to follow "this looks like".
    pub(crate) fn describe(&self) -> String {
        match self {
            SensitiveKind::ResidentId => crate::msg!("content-kind-resident-id"),
            SensitiveKind::OldResidentId => crate::msg!("content-kind-old-resident-id"),
            SensitiveKind::CardNumber => crate::msg!("content-kind-card-number"),
        }
    }
}

/// One identifier found by [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SensitiveMatch {
    pub kind: SensitiveKind,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column of the first character, counted in characters (not
    /// bytes), so editors and CJK-aware error printers point at it correctly.
    pub column: usize,
    /// The number with its middle replaced by `*`, e.g. `371428********123X`,
    /// so the report itself does not leak it.
    pub masked: String,
}

/// Scans `text` for resident ID numbers (18 and 15 digit) and bank card
/// numbers, written plainly, in full-width digits, or in groups separated by
/// single spaces or dashes. Matches come in reading order.
pub(crate) fn scan(text: &str) -> Vec<SensitiveMatch> {
    // A line break ends every chain, so a text whose chains are all short has only short
    // lines: one pass over a record that holds no long number, where most records are.
    if too_few_digits(text, TYPED_SEPARATORS) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (line_index, line) in text.split('\n').enumerate() {
        if too_few_digits(line, TYPED_SEPARATORS) {
            continue;
        }
        // Full-width forms are what Chinese input methods type: folded one for one, columns stay
        // right.
        let chars: Vec<char> = line.chars().map(super::fold_full_width).collect();
        for chain in chains(&chars, TYPED_SEPARATORS) {
            scan_chain(&chain, line_index + 1, false, &mut found);
        }
    }
    found
}

/// Scans text as a reader sees it on a page (made by `content::privacy`): one line, where a number may
/// also be split by dots. Columns count characters of that line.
pub(crate) fn scan_as_read(seen: &str) -> Vec<SensitiveMatch> {
    if too_few_digits(seen, READ_SEPARATORS) {
        return Vec::new();
    }
    let chars: Vec<char> = seen.chars().map(super::fold_full_width).collect();
    let mut found = Vec::new();
    for chain in chains(&chars, READ_SEPARATORS) {
        scan_chain(&chain, 1, true, &mut found);
    }
    found
}

/// The fewest digits any identifier found here has: a first-generation ID's 15.
const FEWEST_DIGITS: usize = 15;

/// Whether no chain of digit groups in `line` has as many digits as an identifier, so that
/// the scan cannot find one: most lines and log cells have a few digits (a phone number, a
/// date, a house number), and the scan allocates for each chain. The chains counted here hold
/// every chain [`chains`] makes: only a character that is neither a digit, a separator nor a
/// check character (after folding, as the scan folds) ends one.
///
/// Read byte by byte, as every line of every record and log cell passes through it: a
/// character from U+4000 to U+9FFF (a lead byte E4–E9: the common Chinese characters) is never
/// folded, so it ends a chain without being decoded.
pub(crate) fn too_few_digits(line: &str, separators: &[char]) -> bool {
    let bytes = line.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let ch = match byte {
            0..0x80 => {
                at += 1;
                char::from(byte)
            }
            0xE4..=0xE9 => {
                at += 3;
                run = 0;
                continue;
            }
            _ => {
                let ch = line[at..].chars().next().unwrap_or(' ');
                at += ch.len_utf8();
                super::fold_full_width(ch)
            }
        };
        if ch.is_ascii_digit() {
            run += 1;
            if run >= FEWEST_DIGITS {
                return false;
            }
        } else if !(separators.contains(&ch) || matches!(ch, 'X' | 'x')) {
            run = 0;
        }
    }
    true
}

/// Whether text that a reader sees as `pieces` one after another, a space between, surely has
/// too few digits in a row to hold an identifier, told from the pieces as typed, without
/// normalising them: as [`too_few_digits`] with [`READ_SEPARATORS`], where a character outside
/// ASCII and U+4000–U+9FFF counts as four digits that do not end a chain (a compatibility form
/// reads as three digits at most, `⅒` as `1⁄10`, and others as a separator or as nothing).
/// A record it passes need not be read as a reader sees it to be scanned.
pub(crate) fn too_few_digits_as_read<'a>(pieces: impl IntoIterator<Item = &'a str>) -> bool {
    let mut run = 0;
    for piece in pieces {
        let bytes = piece.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            let (digits, width) = match byte {
                b'0'..=b'9' => (1, 1),
                b'-' | b'.' | b'X' | b'x' => (0, 1),
                // White space reads as one space, a separator.
                0..0x80 if char::from(byte).is_whitespace() => (0, 1),
                0..0x80 => {
                    run = 0;
                    (0, 1)
                }
                0xE4..=0xE9 => {
                    run = 0;
                    (0, 3)
                }
                0xC0..0xE0 => (4, 2),
                0xE0..0xF0 => (4, 3),
                0xF0.. => (4, 4),
                _ => (4, 1),
            };
            run += digits;
            if run >= FEWEST_DIGITS {
                return false;
            }
            at += width;
        }
    }
    true
}

/// Whether a reader's eye passes over `ch` without seeing it: zero-width spaces and joiners,
/// the soft hyphen, word joiners and the byte-order mark. Put between two digits they hide a
/// number from a plain search and not from the reader.
pub(crate) fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Separators typed between the groups of a number in a record.
const TYPED_SEPARATORS: &[char] = &[' ', '-'];
/// Separators a reader reads through, on a page: also dots (`371428.19900307.123X`).
pub(crate) const READ_SEPARATORS: &[char] = &[' ', '-', '.', '\u{00B7}'];

/// A maximal run of digits, possibly ending in the check character `X`.
#[derive(Debug)]
struct Group {
    /// Index (in characters) of the first digit within the line.
    start: usize,
    /// Digits in ASCII, with an uppercase `X` at the end if there was one.
    text: String,
    /// The separator written before this group (`None` for the first one).
    separator_before: Option<char>,
}

impl Group {
    fn ends_with_x(&self) -> bool {
        self.text.ends_with('X')
    }
}

/// Splits a line into chains of digit groups joined by single separators:
/// `371428 19900307 123X` is one chain of three groups. Any other character
/// (including a second separator) ends a chain, so numbers in different
/// sentences or table cells are never glued together.
fn chains(chars: &[char], separators: &[char]) -> Vec<Vec<Group>> {
    let mut chains = Vec::new();
    let mut current: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let mut text: String = chars[start..i].iter().collect();
        // Take an X as a check character only when it closes the number; in
        // `123X4` the X is just a letter between two numbers.
        let x_follows = chars.get(i).is_some_and(|c| *c == 'X' || *c == 'x');
        if x_follows && !chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            text.push('X');
            i += 1;
        }

        let separator_before = if current.is_empty() {
            None
        } else {
            start.checked_sub(1).and_then(|s| chars.get(s)).copied()
        };
        current.push(Group {
            start,
            text,
            separator_before,
        });

        let open = !current.last().is_some_and(Group::ends_with_x)
            && chars.get(i).is_some_and(|c| separators.contains(c));
        if open && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            i += 1;
        } else if open && check_character_alone(chars, i + 1) {
            // `11010519491231002 X`: the check character on its own, after a line break or a
            // cell border (one space as read). It closes the chain; whether it is the number's
            // check character is for the check digit to say.
            current.push(Group {
                start: i + 1,
                text: "X".to_string(),
                separator_before: Some(chars[i]),
            });
            i += 2;
            chains.push(std::mem::take(&mut current));
        } else {
            chains.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        chains.push(current);
    }
    chains
}

/// Whether `chars[at]` is an `X` standing alone: not the start of a word (`Xiaomi`, `XL`)
/// nor of a model number (`X1`).
fn check_character_alone(chars: &[char], at: usize) -> bool {
    chars.get(at).is_some_and(|c| matches!(c, 'X' | 'x'))
        && !chars.get(at + 1).is_some_and(char::is_ascii_alphanumeric)
}

/// Tries every run of consecutive groups, longest first from each start, so a
/// 19-digit card is reported once rather than as its 16-digit prefix.
/// `loose`: as read, a checksummed ID split anywhere (`1101051949-1231002X`) is still one,
/// in up to four pieces; typed, only the groupings people use are joined.
fn scan_chain(chain: &[Group], line: usize, loose: bool, found: &mut Vec<SensitiveMatch>) {
    let mut first = 0;
    while first < chain.len() {
        let hit = (first..chain.len())
            .rev()
            .find_map(|last| classify(&chain[first..=last], loose).map(|m| (last, m)));
        match hit {
            Some((last, (kind, masked))) => {
                found.push(SensitiveMatch {
                    kind,
                    line,
                    column: chain[first].start + 1,
                    masked,
                });
                first = last + 1;
            }
            None => first += 1,
        }
    }
}

/// Decides what, if anything, a run of groups is. Checked in order of
/// severity, so an ID that happens to pass Luhn is reported as an ID.
fn classify(groups: &[Group], loose: bool) -> Option<(SensitiveKind, String)> {
    if !uses_one_separator(groups) {
        return None;
    }
    let joined: String = groups.iter().map(|g| g.text.as_str()).collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.text.len()).collect();

    // The check character alone after the other 17 digits in one piece (`11010519491231002 X`)
    // is an ID however it was typed.
    let x_apart = lengths == [17, 1];
    let id_split = id_grouping(&lengths) || x_apart || (loose && groups.len() <= 4);
    if id_split && is_resident_id(&joined) {
        return Some((SensitiveKind::ResidentId, mask(&joined, 6, 4)));
    }
    if id_grouping(&lengths) && is_old_resident_id(&joined) {
        return Some((SensitiveKind::OldResidentId, mask(&joined, 6, 3)));
    }
    if card_grouping(&lengths) && is_card_number(&joined) {
        return Some((SensitiveKind::CardNumber, mask(&joined, 4, 4)));
    }
    None
}

fn uses_one_separator(groups: &[Group]) -> bool {
    let mut separators = groups.iter().skip(1).map(|g| g.separator_before);
    match separators.next() {
        None => true,
        Some(first) => separators.all(|s| s == first),
    }
}

/// How people split an ID number: 6-8-4 (area, birth date, rest) or in
/// blocks of 4 or 6. Requiring it keeps unrelated neighbouring numbers from
/// being joined into a false match.
fn id_grouping(lengths: &[usize]) -> bool {
    match lengths.split_last() {
        Some((_, leading)) => leading.iter().all(|len| matches!(len, 4 | 6 | 8)),
        None => false,
    }
}

/// Cards are printed in blocks of four, the last block possibly shorter.
fn card_grouping(lengths: &[usize]) -> bool {
    match lengths.split_last() {
        Some((_, leading)) => leading.iter().all(|len| *len == 4),
        None => false,
    }
}

/// GB 11643: 17 digits, then an ISO 7064 MOD 11-2 check character.
fn is_resident_id(candidate: &str) -> bool {
    let bytes = candidate.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let Some(expected) = resident_id_check_char(&candidate[..17]) else {
        return false;
    };
    char::from(bytes[17]) == expected && has_birth_date(&candidate[6..14])
}

/// The check character for the first 17 digits of a resident ID, or `None`
/// when the input is not 17 ASCII digits.
fn resident_id_check_char(first17: &str) -> Option<char> {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (ch, weight) in first17.chars().zip(WEIGHTS) {
        sum += ch.to_digit(10)? * weight;
    }
    CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// An 18-digit string starting with a province code is read as an ID number
/// (perhaps mistyped or with an impossible date), not as a card, even when it
/// happens to pass Luhn (one in ten do): 18 is the ID length, while Chinese
/// bank cards are almost always 16 or 19 digits.
fn looks_like_resident_id(candidate: &str) -> bool {
    candidate.len() == 18 && candidate.get(..2).is_some_and(is_province_code)
}

/// First-generation IDs: 6-digit area code, YYMMDD (19YY), 3-digit sequence.
/// With no check digit, the area code must also start with a real
/// province-level code, or any 15-digit order number could match.
fn is_old_resident_id(candidate: &str) -> bool {
    if candidate.len() != 15 || !candidate.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let date = format!("19{}", &candidate[6..12]);
    is_province_code(&candidate[..2]) && has_birth_date(&date)
}

/// Province-level codes of GB/T 2260 (11 Beijing … 65 Xinjiang, 71 Taiwan,
/// 81 Hong Kong, 82 Macao).
fn is_province_code(code: &str) -> bool {
    matches!(
        code,
        "11" | "12"
            | "13"
            | "14"
            | "15"
            | "21"
            | "22"
            | "23"
            | "31"
            | "32"
            | "33"
            | "34"
            | "35"
            | "36"
            | "37"
            | "41"
            | "42"
            | "43"
            | "44"
            | "45"
            | "46"
            | "50"
            | "51"
            | "52"
            | "53"
            | "54"
            | "61"
            | "62"
            | "63"
            | "64"
            | "65"
            | "71"
            | "81"
            | "82"
    )
}

fn is_card_number(candidate: &str) -> bool {
    (16..=19).contains(&candidate.len())
        && candidate.bytes().all(|b| b.is_ascii_digit())
        // Issuer numbers never start with 0; long zero-padded serials do.
        && !candidate.starts_with('0')
        && !looks_like_resident_id(candidate)
        && passes_luhn(candidate)
}

fn passes_luhn(digits: &str) -> bool {
    let mut sum = 0;
    for (position, ch) in digits.chars().rev().enumerate() {
        let Some(mut digit) = ch.to_digit(10) else {
            return false;
        };
        if position % 2 == 1 {
            digit *= 2;
            if digit > 9 {
                digit -= 9;
            }
        }
        sum += digit;
    }
    sum % 10 == 0
}

/// `YYYYMMDD` naming a real calendar day in 1900..=2100.
fn has_birth_date(yyyymmdd: &str) -> bool {
    if yyyymmdd.len() != 8 || !yyyymmdd.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        yyyymmdd[..4].parse::<u32>(),
        yyyymmdd[4..6].parse::<u32>(),
        yyyymmdd[6..].parse::<u32>(),
    ) else {
        return false;
    };
    (1900..=2100).contains(&year) && day >= 1 && day <= days_in_month(year, month)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = i32::try_from(year).is_ok_and(time::util::is_leap_year);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Keeps `head` and `tail` characters and stars out the rest. The candidate
/// is always ASCII and longer than `head + tail` here.
fn mask(number: &str, head: usize, tail: usize) -> String {
    let len = number.chars().count();
    number
        .chars()
        .enumerate()
        .map(|(i, ch)| if i < head || i + tail >= len { ch } else { '*' })
        .collect()
}

#[cfg(test)]
mod tests;
