//! What encoding the bytes of a text file are in, where the answer is not simply "UTF-8":
//! files that clerks save from Notepad as "Unicode" (UTF-16), and files put together from two
//! others (a row copied from a GBK CSV into a UTF-8 one), which no single encoding reads.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// UTF-16 told by its byte-order mark, or without one by where its zero bytes are: text in
/// UTF-8 or GBK never holds a zero byte, while in UTF-16 every ASCII character (digits,
/// commas, quotes, line ends) has one, always in the same half of its two bytes. Returns the
/// encoding and the length of its mark.
pub(crate) fn utf16(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    if let Some((encoding, mark)) = Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        return Some((encoding, mark));
    }
    let pairs = bytes.chunks_exact(2);
    let units = pairs.len();
    let (mut high, mut low) = (0, 0);
    for pair in pairs {
        low += usize::from(pair[0] == 0);
        high += usize::from(pair[1] == 0);
    }
    // A CJK character may have a zero byte too (一 is U+4E00), in the other half: it is
    // enough that one half has several times as many as the other and at least one unit in
    // ten has one.
    let one_sided = |ours: usize, theirs: usize| ours * 10 >= units && ours >= 4 * theirs;
    if units > 0 && one_sided(high, low) {
        Some((UTF_16LE, 0))
    } else if units > 0 && one_sided(low, high) {
        Some((UTF_16BE, 0))
    } else {
        None
    }
}

/// The first line of a file that is in another encoding than the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mixed {
    /// This line (1-based) is not UTF-8, while the rest of the file is.
    NotUtf8(usize),
    /// This line is UTF-8, while most of the file is in another encoding (GBK, as Chinese
    /// Excel saves CSV).
    Utf8(usize),
}

impl Mixed {
    /// The line, 1-based.
    pub(crate) fn line(self) -> usize {
        match self {
            Mixed::NotUtf8(line) | Mixed::Utf8(line) => line,
        }
    }
}

/// Whether `bytes`, which are not UTF-8 as a whole, hold lines of two encodings, and which
/// line is the first of the one less used. `utf8`: the file says it is UTF-8 (by its mark),
/// so every line that is not is the odd one. A line counts as UTF-8 only when it holds a
/// character of three bytes or more (every Chinese character is one): a few bytes of GBK can
/// pass for UTF-8 by chance, a line of Chinese text practically never.
pub(crate) fn mixed(bytes: &[u8], utf8: bool) -> Option<Mixed> {
    let (mut utf8_lines, mut other_lines) = (0usize, 0usize);
    let (mut first_utf8, mut first_other) = (None, None);
    for (index, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(text) if text.chars().any(|c| c.len_utf8() >= 3) => {
                utf8_lines += 1;
                first_utf8.get_or_insert(index + 1);
            }
            Ok(_) => {}
            Err(_) => {
                other_lines += 1;
                first_other.get_or_insert(index + 1);
            }
        }
    }
    let first_other = first_other?;
    if utf8 || (utf8_lines > 0 && utf8_lines >= other_lines) {
        Some(Mixed::NotUtf8(first_other))
    } else {
        first_utf8.map(Mixed::Utf8)
    }
}

/// A text file's bytes, decoded.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Some bytes were not text in `encoding` (each became U+FFFD).
    pub undecodable: bool,
}

/// Decodes a text file a clerk saved: UTF-16 and UTF-8 are told by their marks or shapes (the
/// UTF-8 mark is dropped); anything else is guessed by chardetng, which recognises the GBK
/// that Chinese Excel writes, and GBK is read as GB18030, its superset, so that rarer
/// characters in names survive. A file whose lines are in two encodings (a row pasted from a
/// GBK CSV into a UTF-8 one) is an error: no one encoding reads it, and a guess would publish
/// garbled names.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, Mixed> {
    if let Some((encoding, mark)) = utf16(bytes) {
        let (text, undecodable) = encoding.decode_without_bom_handling(&bytes[mark..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
            undecodable,
        });
    }
    let (body, marked) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (body, true),
        None => (bytes, false),
    };
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: encoding_rs::UTF_8,
            undecodable: false,
        });
    }
    if let Some(mixed) = mixed(body, marked) {
        return Err(mixed);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    if encoding == encoding_rs::GBK {
        encoding = encoding_rs::GB18030;
    }
    let (text, undecodable) = encoding.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
        undecodable,
    })
}

/// The text of `bytes` for a scan that must read every line: as [`decode`], and a file of two
/// encodings line by line, each line in UTF-8 when it is, else in GB18030.
pub(crate) fn decode_every_line(bytes: &[u8]) -> String {
    match decode(bytes) {
        Ok(decoded) => decoded.text,
        Err(_) => bytes
            .split(|b| *b == b'\n')
            .map(|line| match std::str::from_utf8(line) {
                Ok(text) => text.to_string(),
                Err(_) => encoding_rs::GB18030
                    .decode_without_bom_handling(line)
                    .0
                    .into_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf16_is_told_with_or_without_its_mark() {
        let text = "name = \"一二三\"\nphone = \"13912345678\"\n";
        let le = utf16le(text);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf16(&le), Some((UTF_16LE, 0)));
        assert_eq!(utf16(&be), Some((UTF_16BE, 0)));
        let marked = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(utf16(&marked), Some((UTF_16LE, 2)));
        // Neither UTF-8, with or without its mark, nor GBK, nor a file of Chinese alone.
        assert_eq!(utf16(text.as_bytes()), None);
        assert_eq!(
            utf16(&[&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()),
            None
        );
        assert_eq!(utf16(&gbk(text)), None);
        assert_eq!(utf16(&utf16le("刘庄村王兴")), None);
        assert_eq!(utf16(b""), None);
    }

    #[test]
    fn a_line_in_another_encoding_is_found_either_way_round() {
        let lines = [
            "单位,姓名\n",
            "刘庄村,王兴\n",
            "石桥村,李华\n",
            "东村,赵六\n",
        ];
        let with =
            |odd: usize, odd_one: &dyn Fn(&str) -> Vec<u8>, rest: &dyn Fn(&str) -> Vec<u8>| {
                let mut bytes = Vec::new();
                for (i, line) in lines.iter().enumerate() {
                    bytes.extend(if i == odd { odd_one(line) } else { rest(line) });
                }
                bytes
            };
        let utf8 = |s: &str| s.as_bytes().to_vec();
        assert_eq!(mixed(&with(2, &gbk, &utf8), false), Some(Mixed::NotUtf8(3)));
        assert_eq!(mixed(&with(3, &utf8, &gbk), false), Some(Mixed::Utf8(4)));
        // One encoding throughout is not mixed; a file marked UTF-8 names any line that is not.
        let all_gbk = gbk(&lines.concat());
        assert_eq!(mixed(&all_gbk, false), None);
        assert_eq!(mixed(&all_gbk, true), Some(Mixed::NotUtf8(1)));
        assert_eq!(mixed(lines.concat().as_bytes(), false), None);
        assert_eq!(Mixed::Utf8(4).line(), 4);
    }

    #[test]
    fn every_line_of_a_file_in_two_encodings_is_read() {
        let utf8_line = "刘庄村,王兴,13912345678\n";
        let gbk_line = gbk("石庄村,欧阳兰,３７１４２８\n");
        let bytes = [utf8_line.as_bytes(), &gbk_line, utf8_line.as_bytes()].concat();
        assert!(decode(&bytes).is_err(), "two encodings are no one encoding");
        assert_eq!(
            decode_every_line(&bytes),
            format!("{utf8_line}石庄村,欧阳兰,３７１４２８\n{utf8_line}")
        );
        // One encoding: as decoded.
        let whole = gbk("石庄村,欧阳兰\n刘庄村,王兴\n");
        let decoded = decode(&whole).unwrap();
        assert_eq!(decoded.encoding, encoding_rs::GB18030);
        assert_eq!(decode_every_line(&whole), decoded.text);
        assert_eq!(
            decode_every_line(&utf16le("电话,13912345678\n")),
            "电话,13912345678\n"
        );
    }
}
