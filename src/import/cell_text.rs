//! The text of one spreadsheet cell, kept inside the cell when it is short.
//!
//! A work log's cells are dates, unit codes, a visit's kind, one or two names: almost all of
//! them fit in 22 bytes. A province's year of visits and ledger is millions of cells; with a
//! heap string each, reading the log made an allocation for every cell and freeing the table
//! a free for every cell, which took a fifth of a first build's work-log stage, and each
//! string's block was held beside the cell that points at it (80 MB of the province's read).

use std::fmt;
use std::ops::Deref;

/// Bytes of text kept inside the cell: with the length and the variant's tag, as large as a
/// heap string's pointer and length with their tag, so a cell is no larger than it was.
const INLINE: usize = 22;

/// A cell's text: inline up to [`INLINE`] bytes, else on the heap. Reads as a `str`.
#[derive(Clone)]
pub(crate) struct CellText(Repr);

/// Private to this file, which alone makes one: an inline text's bytes are always a whole
/// `str` copied in (see `From<&str>`), which is what lets [`CellText::as_str`] skip checking
/// them again. Checked on every read (the privacy scan alone reads every cell), they cost a
/// county's first build 99 million instructions, more than the allocations saved.
#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl CellText {
    pub(crate) fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                let bytes = &bytes[..usize::from(*len)];
                debug_assert!(std::str::from_utf8(bytes).is_ok());
                // SAFETY: the bytes were copied from a `str`, whole (`From<&str>`), and are
                // never changed after.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            Repr::Heap(text) => text,
        }
    }

    /// The text as a boxed `str`: a long text's own allocation, moved, not copied.
    pub(crate) fn into_boxed_str(self) -> Box<str> {
        match self.0 {
            Repr::Heap(text) => text,
            Repr::Inline { .. } => self.as_str().into(),
        }
    }

    #[cfg(test)]
    fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline { .. })
    }
}

impl From<&str> for CellText {
    fn from(text: &str) -> Self {
        match u8::try_from(text.len()) {
            Ok(len) if text.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..text.len()].copy_from_slice(text.as_bytes());
                CellText(Repr::Inline { len, bytes })
            }
            _ => CellText(Repr::Heap(text.into())),
        }
    }
}

impl From<String> for CellText {
    fn from(text: String) -> Self {
        match text.len() <= INLINE {
            true => CellText::from(text.as_str()),
            false => CellText(Repr::Heap(text.into_boxed_str())),
        }
    }
}

impl Deref for CellText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for CellText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for CellText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// `text` without the white space around it, as `str::trim` (Unicode's white space: tabs,
/// line ends, spaces, the ideographic space a Chinese keyboard types, no-break spaces). Every
/// cell of a log is trimmed where it is read and again where it is used: millions of cells at
/// a province, where `trim` decoding a character at each end was most of a cell's cost. Text
/// whose first byte cannot begin a white-space character and whose last byte cannot end one
/// (dates, codes, numbers, most Chinese) is returned as it is after a look at two bytes.
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) if !may_start_space(first) && !may_end_space(last) => text,
        _ => text.trim(),
    }
}

/// Whether `byte` is the first byte of a white-space character, or may be: the ASCII ones
/// (tab to carriage return, space), and the lead bytes of U+0085 and U+00A0 (`C2`), U+1680
/// (`E1`), U+2000 to U+205F (`E2`) and U+3000 (`E3`).
fn may_start_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// Whether `byte` is the last byte of a white-space character, or may be: the ASCII ones, and
/// the last bytes of U+0085 (`85`), U+00A0 (`A0`), U+1680 and U+3000 (`80`), U+2000 to
/// U+200A (`80` to `8A`), U+2028, U+2029 and U+202F (`A8`, `A9`, `AF`) and U+205F (`9F`).
fn may_end_space(byte: u8) -> bool {
    matches!(
        byte,
        b'\t'..=b'\r' | b' ' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path must never keep white space `str::trim` removes: every character of
    /// Unicode alone, first and last.
    #[test]
    fn trim_is_str_trim_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [
                c.to_string(),
                format!("{c}刘"),
                format!("刘{c}"),
                format!("{c}a{c}"),
            ] {
                assert_eq!(trim(&text), text.trim(), "U+{:04X}", u32::from(c));
            }
        }
        assert_eq!(trim(""), "");
        assert_eq!(trim("\u{3000}刘庄村 "), "刘庄村");
    }

    #[test]
    fn short_text_stays_in_the_cell_and_long_text_goes_to_the_heap() {
        // 7 Chinese characters are 21 bytes: two names with their separator.
        let short = CellText::from("王伟伟、李伟伟");
        assert!(short.is_inline());
        assert_eq!(&*short, "王伟伟、李伟伟");
        let edge = CellText::from("a".repeat(INLINE).as_str());
        assert!(edge.is_inline());
        assert_eq!(edge.len(), INLINE);
        let long = CellText::from("王伟伟、李伟伟、张伟伟");
        assert!(!long.is_inline());
        assert_eq!(&*long, "王伟伟、李伟伟、张伟伟");
        assert_eq!(CellText::from(String::from("")).as_str(), "");
        assert_eq!(CellText::from(String::from("修路")), CellText::from("修路"));
    }

    #[test]
    fn a_cell_is_no_larger_than_with_a_heap_string() {
        assert_eq!(
            std::mem::size_of::<CellText>(),
            std::mem::size_of::<String>()
        );
    }

    #[test]
    fn a_long_text_is_moved_out_without_copying() {
        let text = String::from("村里的路面年久失修，雨天积水，群众出行不便");
        let at = text.as_ptr();
        let boxed = CellText::from(text).into_boxed_str();
        assert_eq!(boxed.as_ptr(), at);
        assert_eq!(&*CellText::from("修路").into_boxed_str(), "修路");
    }
}
