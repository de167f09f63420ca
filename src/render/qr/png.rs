//! A QR code as a PNG: 1 bit per pixel, each module a square of pixels, written by hand. Its
//! rows repeat: each row of modules is one line of pixels and `module_px - 1` copies of it,
//! which PNG's "up" filter (each byte less the one above) turns into zeros before they are
//! compressed. The `png` crate filtered and compressed every line of pixels alike, which with
//! its per-pixel drawing was a tenth of a county build's time.

/// Every PNG file starts with these bytes.
const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// Filter types, the first byte of each line.
const FILTER_NONE: u8 = 0;
const FILTER_UP: u8 = 2;

/// A `modules`×`modules` image of `module_px`-pixel squares, white where `light(x, y)` says.
pub(super) fn encode(modules: u32, module_px: u32, light: impl Fn(u32, u32) -> bool) -> Vec<u8> {
    let side = modules * module_px;
    let line_bytes = side.div_ceil(8) as usize;
    let mut lines = Vec::with_capacity((line_bytes + 1) * side as usize);
    let mut line = vec![0u8; line_bytes];
    for y in 0..modules {
        line.fill(0);
        for x in (0..modules).filter(|&x| light(x, y)) {
            set_bits(&mut line, x * module_px, (x + 1) * module_px);
        }
        lines.push(FILTER_NONE);
        lines.extend_from_slice(&line);
        for _ in 1..module_px {
            lines.push(FILTER_UP);
            lines.resize(lines.len() + line_bytes, 0);
        }
    }
    let compressed = fdeflate::compress_to_vec(&lines);
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

/// Sets bits `from..to` of `line`, a byte at a time: in a 1-bit grayscale PNG a set bit is
/// white, and bits run from the high end of each byte.
fn set_bits(line: &mut [u8], from: u32, to: u32) {
    let mut bit = from;
    while bit < to {
        let offset = bit % 8;
        let count = (8 - offset).min(to - bit);
        let mask = (0xffu16 >> offset) & !(0xffu16 >> (offset + count));
        line[(bit / 8) as usize] |= mask as u8;
        bit += count;
    }
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
    use super::set_bits;

    #[test]
    fn bits_are_set_across_bytes_from_the_high_end() {
        let mut line = [0u8; 3];
        set_bits(&mut line, 3, 13);
        assert_eq!(line, [0b0001_1111, 0b1111_1000, 0]);
        set_bits(&mut line, 16, 24);
        assert_eq!(line[2], 0xff);
        let mut one = [0u8; 1];
        set_bits(&mut one, 7, 8);
        assert_eq!(one, [1]);
    }
}
