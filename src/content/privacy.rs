//! Resident ID numbers never reach a page, however they were typed. A record is scanned as
//! typed (`scan_for_identifiers`) and again as a reader sees it once published: TOML escapes
//! (`\u0031`) resolved, Markdown rendered (entities such as `&#49;`, emphasis `**` and escapes
//! `\-` inside the digits), invisible characters (zero-width spaces, soft hyphens) dropped,
//! compatibility forms (`𝟏`, `①`) read as digits, and runs of white space, line breaks
//! included, read as one space, as a browser shows them. A number found only this way was
//! disguised, on purpose or by a copy from a web page; it stops the build like any other.

use super::source::{Document, SourceFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::validate::idnumber;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

/// Reports every ID number in what a reader of `file`'s published page would see that the
/// scan of the file as typed did not already report (`typed`: the masked numbers it did).
pub(crate) fn scan_as_read(
    file: &SourceFile,
    doc: &Document<'_>,
    table: Option<&toml::de::DeTable>,
    typed: &[String],
    diags: &mut Diagnostics,
) {
    let mut strings = Vec::new();
    for value in table.iter().flat_map(|t| t.values()) {
        strings_of(value.get_ref(), &mut strings);
    }
    // Most records (a name, a role, a phone number) cannot hold an identifier however they
    // read, and are not normalised character by character to find that out.
    if doc.body.is_none() && idnumber::too_few_digits_as_read(strings.iter().copied()) {
        return;
    }
    let mut seen = Seen::default();
    for text in strings {
        seen.push(" ", None);
        seen.push(text, None);
    }
    if let Some(body) = doc.body {
        let offset = body.as_ptr() as usize - file.text.as_ptr() as usize;
        seen.add_markdown(body, |at| file.line_of(offset + at));
    }
    for found in idnumber::scan_as_read(&seen.text) {
        if typed.contains(&found.masked) {
            continue;
        }
        let message = crate::msg!(
            "content-id-disguised",
            kind = match found.kind {
                idnumber::SensitiveKind::ResidentId => "resident",
                idnumber::SensitiveKind::OldResidentId => "old",
                idnumber::SensitiveKind::CardNumber => "card",
            },
            number = &found.masked
        );
        let d = if found.kind.is_error() {
            Diagnostic::error(&file.display, message)
        } else {
            Diagnostic::warning(&file.display, message)
        };
        diags.push(
            d.at(seen.line_at(found.column), None)
                .help(crate::msg!("content-id-disguised-help")),
        );
    }
}

/// Every string of a TOML value (a table's keys are not shown), each a piece of what a reader
/// sees.
fn strings_of<'a>(value: &'a toml::de::DeValue<'a>, strings: &mut Vec<&'a str>) {
    use toml::de::DeValue;
    match value {
        DeValue::String(text) => strings.push(text),
        DeValue::Array(items) => items.iter().for_each(|v| strings_of(v.get_ref(), strings)),
        DeValue::Table(table) => table
            .values()
            .for_each(|v| strings_of(v.get_ref(), strings)),
        _ => {}
    }
}

/// What a reader sees, as one line, with the source line where each piece began.
#[derive(Default)]
pub(crate) struct Seen {
    pub(crate) text: String,
    chars: usize,
    after_space: bool,
    /// (character index in `text`, line in the file) at the start of each piece.
    marks: Vec<(usize, usize)>,
}

impl Seen {
    /// Adds `piece`, begun at `line` of the file when known, as a reader sees it.
    pub(crate) fn push(&mut self, piece: &str, line: Option<usize>) {
        if let Some(line) = line {
            self.marks.push((self.chars, line));
        }
        // Most text is already in NFKC (names, addresses in common characters), which the
        // quick check tells without normalising it.
        match unicode_normalization::is_nfkc_quick(piece.chars()) {
            unicode_normalization::IsNormalized::Yes => piece.chars().for_each(|c| self.add(c)),
            _ => piece.nfkc().for_each(|c| self.add(c)),
        }
    }

    fn add(&mut self, ch: char) {
        if idnumber::is_invisible(ch) {
            return;
        }
        if ch.is_whitespace() {
            if !self.after_space && self.chars > 0 {
                self.text.push(' ');
                self.chars += 1;
                self.after_space = true;
            }
            return;
        }
        self.text.push(ch);
        self.chars += 1;
        self.after_space = false;
    }

    /// The text of a Markdown body as rendered: its words, and the addresses its links and
    /// images carry (a number in a link is on the page too). Raw HTML is shown as text.
    fn add_markdown(&mut self, body: &str, line_of: impl Fn(usize) -> usize) {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            match event {
                Event::Text(text)
                | Event::Code(text)
                | Event::Html(text)
                | Event::InlineHtml(text) => self.push(&text, Some(line_of(range.start))),
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    let decoded = percent_decoded(&dest_url);
                    self.push(" ", None);
                    self.push(&decoded, Some(line_of(range.start)));
                    self.push(" ", None);
                }
                // Emphasis inside a number is only a change of weight to the reader.
                Event::End(
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
                ) => {}
                Event::SoftBreak | Event::HardBreak | Event::End(_) => self.push(" ", None),
                _ => {}
            }
        }
    }

    /// The file line of the piece holding character `column` (1-based), when known.
    pub(crate) fn line_at(&self, column: usize) -> Option<usize> {
        let index = column.saturating_sub(1);
        self.marks
            .iter()
            .rev()
            .find(|(start, _)| *start <= index)
            .map(|(_, line)| *line)
    }
}

/// `%31%32` → `12`: how a browser reads a percent-encoded address.
fn percent_decoded(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid resident ID number (check character X) used in every disguise.
    const ID: &str = "11010519491231002X";

    /// Asserts that each of `texts` (Markdown when it has front matter, else TOML) is refused.
    fn every_one_is_refused(what: &str, texts: &[String]) {
        for (i, text) in texts.iter().enumerate() {
            let name = if text.starts_with("+++") {
                "a.md"
            } else {
                "a.toml"
            };
            let diags = found(name, text);
            assert!(
                diags.iter().any(Diagnostic::is_error),
                "{what} {i} not found: {text:?}"
            );
        }
    }

    fn found(name: &str, text: &str) -> Vec<Diagnostic> {
        let file = SourceFile {
            path: std::path::PathBuf::from(name),
            display: format!("content/{name}"),
            text: text.to_string(),
        };
        let doc = super::super::source::split(&file).expect("splits");
        let mut diags = Diagnostics::default();
        let typed = super::super::scan_for_identifiers(&file, &mut Diagnostics::default());
        let table = super::super::source::parse_table(&file, &doc).ok();
        scan_as_read(
            &file,
            &doc,
            table.as_ref().map(|t| t.get_ref()),
            &typed,
            &mut diags,
        );
        diags.iter().cloned().collect()
    }

    #[test]
    fn disguised_numbers_are_found_as_a_reader_sees_them() {
        let (head, tail) = ID.split_at(6);
        let disguises = [
            format!("+++\nname = \"x\"\n+++\n&#49;{}", &ID[1..]),
            format!(
                "+++\nname = \"x\"\n+++\n{head}**{}**{}",
                &tail[..4],
                &tail[4..]
            ),
            format!("+++\nname = \"x\"\n+++\n{head}\\-{tail}"),
            format!("+++\nname = \"x\"\n+++\n{head}\u{200B}{tail}"),
            format!("+++\nname = \"x\"\n+++\n{head}&shy;{tail}"),
            format!(
                "+++\nname = \"x\"\n+++\n{head}.{}.{}",
                &tail[..8],
                &tail[8..]
            ),
            format!(
                "+++\nname = \"x\"\n+++\n{head}\n{}\n{}",
                &tail[..8],
                &tail[8..]
            ),
            format!("+++\nname = \"x\"\n+++\n[电话](tel:%31{})", &ID[1..]),
            format!("name = \"x\"\ndescription = \"\\u0031{}\"\n", &ID[1..]),
        ];
        every_one_is_refused("disguise", &disguises);
    }

    #[test]
    fn a_check_character_split_off_on_its_own_is_found_as_a_reader_sees_it() {
        let digits = &ID[..17];
        let splits = [
            // A line break, a hard break, a new paragraph, a zero-width space and a space,
            // emphasis, a table's next cell.
            format!("+++\nname = \"x\"\n+++\n证号 {digits}\nX\n"),
            format!("+++\nname = \"x\"\n+++\n证号 {digits}  \nX\n"),
            format!("+++\nname = \"x\"\n+++\n证号 {digits}\n\nX\n"),
            format!("+++\nname = \"x\"\n+++\n证号 {digits}\u{200B} X\n"),
            format!("+++\nname = \"x\"\n+++\n证号 {digits} **X**\n"),
            format!("+++\nname = \"x\"\n+++\n| 证号 | 末位 |\n| --- | --- |\n| {digits} | X |\n"),
            format!("name = \"x\"\ndescription = \"{digits}\\nX\"\n"),
        ];
        every_one_is_refused("split", &splits);
        // An unrelated word after 17 digits is not their check character.
        let word = format!("+++\nname = \"x\"\n+++\n订单 {digits}\nXiaomi 手机\n");
        assert!(found("a.md", &word).is_empty());
    }

    #[test]
    fn a_number_typed_plainly_is_reported_once_and_ordinary_numbers_not_at_all() {
        assert!(found("a.toml", &format!("name = \"x\"\ndescription = \"{ID}\"\n")).is_empty());
        let ordinary = "+++\nname = \"x\"\n+++\n电话 0534-2212345，139 1234 5678；2024.06.01 开会，户数 1200。\n";
        assert!(found("a.md", ordinary).is_empty());
    }

    #[test]
    fn the_line_of_a_disguised_number_in_a_body_is_given() {
        let text = format!(
            "+++\nname = \"x\"\n+++\n第一段。\n\n身份证 &#49;{}\n",
            &ID[1..]
        );
        let diags = found("a.md", &text);
        assert_eq!(diags[0].line, Some(6), "{diags:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// A record the quick guard passes cannot hold an identifier as read: the text a reader
        /// sees has too few digits in a row for the scan to find one.
        #[test]
        fn fuzz_a_record_passed_unread_has_too_few_digits_as_read(
            strings in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(vec![
                    "1", "1234567", " ", "-", ".", "X", "x", "a", "\u{000B}", "\n", "李",
                    "\u{00B7}", "\u{200B}", "\u{00AD}", "①", "⑳", "⒛", "\u{2152}", "\u{1D7CF}",
                    "３", "　", "\u{3FFF}", "\u{A000}", "、",
                ]), 0..12),
                0..5,
            ),
        ) {
            let strings: Vec<String> = strings.into_iter().map(|s| s.concat()).collect();
            if idnumber::too_few_digits_as_read(strings.iter().map(String::as_str)) {
                let mut seen = Seen::default();
                for text in &strings {
                    seen.push(" ", None);
                    seen.push(text, None);
                }
                proptest::prop_assert!(
                    idnumber::too_few_digits(&seen.text, idnumber::READ_SEPARATORS),
                    "{:?} reads as {:?}",
                    strings,
                    seen.text
                );
            }
        }
    }

    #[test]
    fn the_quick_guard_passes_an_ordinary_record_and_not_a_long_number() {
        let unit = [
            "北老西村",
            "village",
            "p013497",
            "第一书记",
            "p013498",
            "包村干部",
        ];
        assert!(idnumber::too_few_digits_as_read(unit));
        let person = ["王伟伟", "市直机关干部", "市第0局", "13910000000", "县级"];
        assert!(idnumber::too_few_digits_as_read(person));
        // Across two strings, as read with a space between them.
        assert!(!idnumber::too_few_digits_as_read([
            "1101051949",
            "1231002X"
        ]));
        assert!(!idnumber::too_few_digits_as_read(["110105", "①⑳③"]));
        // And a disguised number in a record without a body is still found.
        let diags = found(
            "a.toml",
            &format!("name = \"{}\\u200B{}\"\n", &ID[..6], &ID[6..]),
        );
        assert!(diags.iter().any(Diagnostic::is_error), "{diags:?}");
    }
}
