//! A QR code as a PNG: 1 bit per pixel, each module a square of pixels, written by hand. Its
//! rows repeat: each row of modules is one line of pixels and `module_px - 1` copies of it,
//! which PNG's "up" filter (each byte less the one above) turns into zeros before they are
//! compressed. The `png` crate filtered and compressed every line of pixels alike, which with
//! its per-pixel drawing was a tenth of a county build's time; then a general compressor
//! searched the lines for the repeats the writer knows of, and now [`Zlib`] is told of them.

use super::RowBits;
use super::deflate::{Pattern, Zlib};

/// Every PNG file starts with these bytes.
const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// Filter types, the first byte of each line.
const FILTER_NONE: u8 = 0;
const FILTER_UP: u8 = 2;

/// A `modules`×`modules` image of `module_px`-pixel squares: `light_row(y)` gives row `y`'s
/// modules as bits, set where the module is white.
pub(super) fn encode(
    modules: u32,
    module_px: u32,
    mut light_row: impl FnMut(u32) -> RowBits,
) -> Vec<u8> {
    let side = modules * module_px;
    let line_bytes = side.div_ceil(8) as usize;
    // Each row of modules: its line of pixels, then the same line under the "up" filter
    // (nothing but zeros), once written and then repeated for the rest of the row's height.
    let mut line = Vec::with_capacity(line_bytes + 4);
    let mut same = vec![0u8; line_bytes + 1];
    same[0] = FILTER_UP;
    let same = Pattern::of(&same);
    let mut zlib = Zlib::new(64 * modules as usize);
    let mut above = RowBits::default();
    for y in 0..modules {
        let row = light_row(y);
        // A row like the one above it (the quiet zone's, a finder pattern's) is all repeats.
        let repeats = if y > 0 && row == above {
            module_px as usize
        } else {
            draw_line(&mut line, &row, modules, module_px);
            zlib.write(&[FILTER_NONE]);
            zlib.write(&line);
            module_px as usize - 1
        };
        if repeats > 0 {
            zlib.write(&[FILTER_UP]);
            zlib.fill(0, line_bytes);
            zlib.repeat(&same, repeats - 1);
        }
        above = row;
    }
    let compressed = zlib.finish();
    let mut png = Vec::with_capacity(compressed.len() + 64);
    png.extend_from_slice(&SIGNATURE);
    let mut header = [0u8; 13];
    header[0..4].copy_from_slice(&side.to_be_bytes());
    header[4..8].copy_from_slice(&side.to_be_bytes());
    // Bit depth 1, grayscale; deflate, adaptive filters, no interlacing (all 0).
    header[8] = 1;
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &compressed);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// Draws one line of pixels into `line`: `module_px` (at most 32) bits for each of the
/// `modules` modules of `row`, set where it is light (in a 1-bit grayscale PNG a set bit is
/// white), from the high end of each byte, four bytes at a time; the bits after the last
/// module are left clear.
fn draw_line(line: &mut Vec<u8>, row: &RowBits, modules: u32, module_px: u32) {
    line.clear();
    let ones = (1u64 << module_px) - 1;
    // Bits waiting for a whole word: never more than 31 + `module_px`.
    let (mut waiting, mut count) = (0u64, 0u32);
    let mut left = modules as usize;
    for &word in row {
        let mut word = word;
        for _ in 0..left.min(64) {
            waiting = (waiting << module_px) | (ones & (word & 1).wrapping_neg());
            word >>= 1;
            count += module_px;
            if count >= 32 {
                count -= 32;
                line.extend_from_slice(&((waiting >> count) as u32).to_be_bytes());
            }
        }
        left = left.saturating_sub(64);
    }
    let last = (waiting << (32 - count)) as u32;
    line.extend_from_slice(&last.to_be_bytes()[..count.div_ceil(8) as usize]);
}

/// Appends a chunk: its length, type, data and the CRC of type and data.
fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let length = u32::try_from(data.len()).expect("a QR code's PNG is small");
    png.extend_from_slice(&length.to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32fast::hash(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::{RowBits, draw_line};

    #[test]
    fn lines_are_drawn_from_the_high_end_of_each_byte() {
        let drawn = |row: &[bool], module_px: u32| {
            let mut bits = RowBits::default();
            for (x, _) in row.iter().enumerate().filter(|(_, light)| **light) {
                bits[x / 64] |= 1 << (x % 64);
            }
            let mut line = vec![0xaa; 3];
            draw_line(&mut line, &bits, row.len() as u32, module_px);
            line
        };
        // Modules of 5 pixels: light, dark, light, light; then four clear bits.
        assert_eq!(
            drawn(&[true, false, true, true], 5),
            [0b1111_1000, 0b0011_1111, 0b1111_0000]
        );
        let thirds: Vec<bool> = (0..16).map(|x| x % 3 == 0).collect();
        assert_eq!(drawn(&thirds, 1), [0b1001_0010, 0b0100_1001]);
        assert_eq!(
            drawn(&[true, false], 32),
            [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]
        );
        // Whole words and a last byte of three bits: 41 modules of 10 pixels, light at both
        // ends, as a code's quiet zone is.
        let row: Vec<bool> = (0..41)
            .map(|x| !(4..37).contains(&x) || x % 2 == 0)
            .collect();
        let line = drawn(&row, 10);
        assert_eq!(line.len(), 52);
        let pixel = |p: usize| line[p / 8] >> (7 - p % 8) & 1 == 1;
        for p in 0..410 {
            assert_eq!(pixel(p), row[p / 10], "pixel {p}");
        }
        assert_eq!(
            line[51] & 0b0001_1111,
            0,
            "the bits after the last module are clear"
        );
    }
}
