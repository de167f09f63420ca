//! The site's own `static/` files (and a theme's) are copied to the output as they are, so
//! they are checked before anything is written: a file that can carry text is scanned for
//! resident ID numbers, as typed and as read; an image must not carry the place it was taken
//! (EXIF GPS, which phones write); documents that cannot be checked (spreadsheets, Word files,
//! PDFs: a roster left in the wrong folder) are refused. Photos of people belong in
//! `content/people/`, where they are resized and stripped of metadata.

use super::privacy::Seen;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::validate::idnumber;

/// Extensions of files read as text.
const TEXT: &[&str] = &[
    "txt",
    "csv",
    "tsv",
    "html",
    "htm",
    "xml",
    "json",
    "js",
    "mjs",
    "css",
    "svg",
    "md",
    "vcf",
    "ics",
    "webmanifest",
];
/// Extensions of documents that may hold a roster and cannot be checked here.
const UNCHECKABLE: &[&str] = &[
    "xlsx", "xls", "xlsm", "ods", "doc", "docx", "odt", "pdf", "et", "wps",
];

/// Checks one static file, named by `origin` (its path in the site), before it is copied.
pub(crate) fn check(origin: &str, bytes: &[u8], diags: &mut Diagnostics) {
    let ext = origin
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if TEXT.contains(&ext.as_str()) {
        scan_text(origin, bytes, diags);
    } else if UNCHECKABLE.contains(&ext.as_str()) {
        diags.push(
            Diagnostic::error(
                origin,
                crate::msg!("static-uncheckable", ext = ext.as_str()),
            )
            .help(crate::msg!("static-uncheckable-help")),
        );
    } else if has_gps(bytes) {
        diags.push(
            Diagnostic::error(origin, crate::msg!("static-image-gps"))
                .help(crate::msg!("static-image-gps-help")),
        );
    }
}

/// ID numbers in a text file, as typed and as read, in whatever encoding a clerk saved it
/// (UTF-16, whose every digit has a zero byte beside it, UTF-8, GBK as Chinese Excel saves
/// CSV), read as a spreadsheet's CSV is read.
fn scan_text(origin: &str, bytes: &[u8], diags: &mut Diagnostics) {
    let text = crate::validate::encoding::decode_every_line(bytes);
    let mut reported = Vec::new();
    for found in idnumber::scan(&text) {
        reported.push(found.masked.clone());
        if found.kind.is_error() {
            diags.push(id_error(origin, &found.masked).at(Some(found.line), Some(found.column)));
        }
    }
    let mut seen = Seen::default();
    for (index, line) in text.lines().enumerate() {
        seen.push(line, Some(index + 1));
        seen.push(" ", None);
    }
    for found in idnumber::scan_as_read(&seen.text) {
        if found.kind.is_error() && !reported.contains(&found.masked) {
            diags.push(id_error(origin, &found.masked).at(seen.line_at(found.column), None));
        }
    }
}

fn id_error(origin: &str, masked: &str) -> Diagnostic {
    Diagnostic::error(origin, crate::msg!("static-id-number", number = masked))
        .help(crate::msg!("static-id-number-help"))
}

/// Whether an image's EXIF block (JPEG APP1, PNG eXIf, WebP EXIF) points to GPS data.
fn has_gps(bytes: &[u8]) -> bool {
    exif_blocks(bytes).any(ifd0_has_gps)
}

/// The TIFF structures of the EXIF blocks of a JPEG, PNG or WebP file.
fn exif_blocks(bytes: &[u8]) -> Box<dyn Iterator<Item = &[u8]> + '_> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        return Box::new(jpeg_segments(bytes).filter_map(|(marker, data)| {
            (marker == 0xE1)
                .then(|| data.strip_prefix(b"Exif\0\0"))
                .flatten()
        }));
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Box::new(
            chunks(&bytes[8..], true).filter_map(|(kind, data)| (kind == b"eXIf").then_some(data)),
        );
    }
    if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Box::new(
            chunks(&bytes[12..], false)
                .filter(|(kind, _)| *kind == b"EXIF")
                .map(|(_, data)| data.strip_prefix(b"Exif\0\0").unwrap_or(data)),
        );
    }
    Box::new(std::iter::empty())
}

/// JPEG segments up to the image data: (marker, payload).
fn jpeg_segments(bytes: &[u8]) -> impl Iterator<Item = (u8, &[u8])> {
    let mut at = 2;
    std::iter::from_fn(move || {
        let marker = *bytes.get(at + 1)?;
        if bytes[at] != 0xFF || marker == 0xDA || marker == 0xD9 {
            return None;
        }
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let data = bytes.get(at + 4..at + 2 + length)?;
        at += 2 + length;
        Some((marker, data))
    })
}

/// PNG chunks (big-endian length, then type, data and a CRC) or RIFF chunks (type, then a
/// little-endian length, data padded to even): (type, data).
fn chunks(bytes: &[u8], png: bool) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let head = bytes.get(at..at + 8)?;
        let (kind, length) = if png {
            (
                &head[4..8],
                u32::from_be_bytes([head[0], head[1], head[2], head[3]]),
            )
        } else {
            (
                &head[..4],
                u32::from_le_bytes([head[4], head[5], head[6], head[7]]),
            )
        };
        let length = usize::try_from(length).ok()?;
        let data = bytes.get(at + 8..at + 8 + length)?;
        at += 8 + length + if png { 4 } else { length % 2 };
        Some((kind, data))
    })
}

/// Whether the first image directory of a TIFF structure has the GPS pointer (tag 0x8825).
fn ifd0_has_gps(tiff: &[u8]) -> bool {
    let big = match tiff.get(..2) {
        Some(b"MM") => true,
        Some(b"II") => false,
        _ => return false,
    };
    let u16_at = |at: usize| {
        tiff.get(at..at + 2).map(|b| {
            if big {
                u16::from_be_bytes([b[0], b[1]])
            } else {
                u16::from_le_bytes([b[0], b[1]])
            }
        })
    };
    let u32_at = |at: usize| {
        tiff.get(at..at + 4).map(|b| {
            let b = [b[0], b[1], b[2], b[3]];
            if big {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            }
        })
    };
    let Some(ifd) = u32_at(4).and_then(|o| usize::try_from(o).ok()) else {
        return false;
    };
    let Some(count) = u16_at(ifd) else {
        return false;
    };
    (0..usize::from(count)).any(|i| u16_at(ifd + 2 + 12 * i) == Some(0x8825))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TIFF structure (little-endian) whose first directory holds one entry, `tag`.
    fn tiff_with(tag: u16) -> Vec<u8> {
        let mut tiff = b"II*\0".to_vec();
        tiff.extend(8u32.to_le_bytes());
        tiff.extend(1u16.to_le_bytes());
        tiff.extend(tag.to_le_bytes());
        tiff.extend([4, 0, 1, 0, 0, 0, 26, 0, 0, 0]);
        tiff.extend(0u32.to_le_bytes());
        tiff
    }

    fn jpeg_with(tiff: &[u8]) -> Vec<u8> {
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
        let length = u16::try_from(2 + 6 + tiff.len()).unwrap();
        jpeg.extend(length.to_be_bytes());
        jpeg.extend(b"Exif\0\0");
        jpeg.extend(tiff);
        jpeg.extend([0xFF, 0xDA, 0, 2, 0xFF, 0xD9]);
        jpeg
    }

    fn errors(origin: &str, bytes: &[u8]) -> usize {
        let mut diags = Diagnostics::default();
        check(origin, bytes, &mut diags);
        diags.errors().count()
    }

    #[test]
    fn a_photo_that_says_where_it_was_taken_is_refused() {
        assert_eq!(errors("static/gate.jpg", &jpeg_with(&tiff_with(0x8825))), 1);
        // EXIF without a place (a camera model, an orientation) is left alone.
        assert_eq!(errors("static/gate.jpg", &jpeg_with(&tiff_with(0x0112))), 0);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let tiff = tiff_with(0x8825);
        png.extend(u32::try_from(tiff.len()).unwrap().to_be_bytes());
        png.extend(b"eXIf");
        png.extend(&tiff);
        png.extend([0; 4]);
        assert_eq!(errors("static/map.png", &png), 1);
    }

    #[test]
    fn rosters_and_id_numbers_in_static_files_are_refused() {
        let roster = "姓名,身份证号\n张三,11010519491231002X\n";
        assert_eq!(errors("static/roster.csv", roster.as_bytes()), 1);
        let (gbk, _, _) = encoding_rs::GBK.encode(roster);
        assert_eq!(errors("static/roster.csv", &gbk), 1);
        // A row in UTF-8 pasted into a GBK file: each line is read in its own encoding, so
        // the full-width digits of the pasted row are still digits (read as GBK, as the
        // rest of the file, they were other characters).
        let wide = "张三,１１０１０５１９４９１２３１００２Ｘ\n";
        let mixed = [
            &encoding_rs::GBK.encode("姓名,身份证号\n").0,
            wide.as_bytes(),
        ]
        .concat();
        assert_eq!(errors("static/roster.csv", &mixed), 1);
        let hidden = "<p>110105\u{200B}19491231002X</p>";
        assert_eq!(errors("static/notice.html", hidden.as_bytes()), 1);
        assert_eq!(errors("static/名单.xlsx", b"PK\x03\x04"), 1);
        assert_eq!(errors("static/style.css", b"body { color: #123456 }"), 0);
    }
}
