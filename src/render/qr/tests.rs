//! Tests of the QR codes: payload bits, symbols against the qrcode crate, masks, and every output
//! decoded back.

use super::*;

const VILLAGE_URL: &str = "https://example.org/wucheng/luquantun/liuzhuang/";
/// qrcode's optimiser turns this into Byte + Kanji + Alphanumeric segments.
const KANJI_PRONE_URL: &str = "https://example.org/东后城村/";
const CHINESE_URL: &str = "https://example.org/刘庄/";

/// The `qrcode` crate's bits for `text` laid out as [`data_codewords`] lays them out: one
/// byte-mode segment, after the UTF-8 designator when the text is not ASCII.
fn encode_bits(text: &str, version: Version, ec_level: EcLevel) -> Option<Bits> {
    let mut bits = Bits::new(version);
    if !text.is_ascii() {
        bits.push_eci_designator(UTF8_ECI).ok()?;
    }
    bits.push_byte_data(text.as_bytes()).ok()?;
    bits.push_terminator(ec_level).ok()?;
    Some(bits)
}

fn url_of_len(len: usize) -> String {
    let mut url = String::from("https://example.org/");
    let mut segment = 0;
    while url.len() < len {
        url.push_str(&format!("unit{segment}/"));
        segment += 1;
    }
    url.truncate(len);
    url
}

/// The mask choice is this module's own (for speed); every symbol must still come out
/// module for module as the `qrcode` crate draws it, across versions (1 to 40),
/// error-correction levels and ASCII and UTF-8 text, so that all eight masks win somewhere.
#[test]
fn masks_are_chosen_exactly_as_the_qrcode_crate_does() {
    let mut masks_seen = std::collections::BTreeSet::new();
    let texts = (0..400)
        .map(|n| url_of_len(20 + n % 180) + &n.to_string())
        .chain((0..100).map(|n| format!("https://example.org/刘庄{n}/")))
        // Up to version 40: lines of 177 modules span three words.
        .chain([
            String::new(),
            "a".repeat(900),
            "a".repeat(1500),
            "刘".repeat(760),
        ])
        .chain([String::from("https://example.org/").repeat(115)]);
    for text in texts {
        let ours = encode(&text).unwrap();
        let version = (1..=40)
            .map(Version::Normal)
            .find(|&v| encode_bits(&text, v, EcLevel::M).is_some())
            .unwrap();
        let (bits, level) = [EcLevel::H, EcLevel::Q, EcLevel::M]
            .into_iter()
            .find_map(|level| Some((encode_bits(&text, version, level)?, level)))
            .unwrap();
        let theirs = qrcode::QrCode::with_bits(bits, level).unwrap();
        let theirs: Vec<bool> = theirs
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        let at = |x: u32, y: u32| ours.is_dark(x, y);
        let modules: Vec<bool> = (0..ours.width * ours.width)
            .map(|i| at(i % ours.width, i / ours.width))
            .collect();
        assert_eq!(modules, theirs, "{text}");
        // The format information's mask bits, read from beside the top-left finder.
        let format: u32 = (0..5).fold(0, |acc, x| acc << 1 | at(x, 8) as u32);
        masks_seen.insert((format ^ 0b10101) & 0b111);
    }
    assert_eq!(masks_seen.len(), 8, "masks chosen: {masks_seen:?}");
}

/// Every version's and level's blocks, error correction and interleaving give the bytes the
/// `qrcode` crate gives, for data of every byte value.
#[test]
fn codewords_are_the_qrcode_crates() {
    let mut seed: u32 = 0x6e62;
    let mut byte = || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as u8
    };
    for number in 1..=40 {
        let total = Layout::of(number, EcLevel::M).order.len() / 8;
        for level in [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H] {
            let capacity = Bits::new(Version::Normal(number)).max_len(level).unwrap() / 8;
            for _ in 0..3 {
                let data: Vec<u8> = (0..capacity).map(|_| byte()).collect();
                let (theirs, ec) =
                    qrcode::ec::construct_codewords(&data, Version::Normal(number), level).unwrap();
                let ours = codewords::codewords(number, level, total, &data);
                // The tables' blocks fill the symbol's data modules exactly.
                assert_eq!(ours.len(), total, "version {number}, {level:?}");
                assert_eq!(ours, [theirs, ec].concat(), "version {number}, {level:?}");
            }
        }
    }
}

/// Decodes a PNG with rqrr, returning (rqrr error-correction code, text).
/// rqrr reports the raw format bits: M = 0, L = 1, H = 2, Q = 3.
fn decode_png(png: &[u8]) -> (u16, String) {
    let image = image::load_from_memory(png)
        .expect("PNG decodes")
        .to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "expected exactly one QR code in the PNG");
    let (meta, text) = grids[0].decode().expect("rqrr decodes the QR code");
    (meta.ecc_level, text)
}

/// Reads the data segment back out of the bits for a version 1–9 symbol
/// (8-bit length field): (ECI designator if any, mode, byte count,
/// payload, the 4 bits after the payload).
fn parse_header(bytes: Vec<u8>) -> (Option<u32>, u32, usize, Vec<u8>, u32) {
    let mut position = 0;
    let mut read = |count: usize| {
        let mut value = 0u32;
        for _ in 0..count {
            let bit = (bytes[position / 8] >> (7 - position % 8)) & 1;
            value = (value << 1) | u32::from(bit);
            position += 1;
        }
        value
    };
    let mut mode = read(4);
    let mut eci = None;
    if mode == 0b0111 {
        eci = Some(read(8));
        mode = read(4);
    }
    let count = read(8) as usize;
    let payload = (0..count).map(|_| read(8) as u8).collect();
    let after = read(4);
    (eci, mode, count, payload, after)
}

#[test]
fn ascii_url_is_one_byte_segment_without_eci() {
    let bytes = data_codewords(VILLAGE_URL, Version::Normal(5), EcLevel::M).unwrap();
    let (eci, mode, count, payload, after) = parse_header(bytes);
    assert_eq!(eci, None);
    assert_eq!(mode, 0b0100, "byte mode");
    assert_eq!(count, VILLAGE_URL.len());
    assert_eq!(payload, VILLAGE_URL.as_bytes());
    assert_eq!(after, 0, "terminator follows: no second segment");
}

#[test]
fn chinese_url_is_utf8_eci_then_one_byte_segment() {
    for text in [KANJI_PRONE_URL, CHINESE_URL] {
        let bytes = data_codewords(text, Version::Normal(5), EcLevel::M).unwrap();
        let (eci, mode, count, payload, after) = parse_header(bytes);
        assert_eq!(eci, Some(26), "{text}");
        assert_eq!(mode, 0b0100, "byte mode, never Kanji, for {text}");
        assert_eq!(count, text.len(), "{text}");
        assert_eq!(payload, text.as_bytes(), "{text}");
        assert_eq!(after, 0, "terminator follows: no second segment in {text}");
    }
}

#[test]
fn village_url_round_trips_through_png() {
    let code = encode(VILLAGE_URL).unwrap();
    assert_eq!(decode_png(&code.to_png(4).unwrap()).1, VILLAGE_URL);
}

#[test]
fn long_url_round_trips_through_png() {
    let url = url_of_len(150);
    let code = encode(&url).unwrap();
    assert_eq!(decode_png(&code.to_png(3).unwrap()).1, url);
}

#[test]
fn chinese_urls_round_trip_through_png() {
    for text in [CHINESE_URL, KANJI_PRONE_URL] {
        let code = encode(text).unwrap();
        assert_eq!(decode_png(&code.to_png(4).unwrap()).1, text);
    }
}

#[test]
fn sixty_char_url_is_version_4_at_level_m() {
    let url = url_of_len(60);
    let code = encode(&url).unwrap();
    assert_eq!(code.width(), 33, "version 4");
    assert_eq!(decode_png(&code.to_png(4).unwrap()).0, 0, "level M");
}

#[test]
fn spare_capacity_raises_error_correction_without_growing() {
    // 30 bytes need version 3 at M; Q still fits in version 3.
    let url = url_of_len(30);
    let code = encode(&url).unwrap();
    assert_eq!(code.width(), 29, "version 3");
    assert_eq!(decode_png(&code.to_png(4).unwrap()).0, 3, "level Q");
}

#[test]
fn png_has_white_quiet_zone_and_dark_finder_corner() {
    let module_px = 5;
    let code = encode(VILLAGE_URL).unwrap();
    let png = code.to_png(module_px).unwrap();
    let image = image::load_from_memory(&png).unwrap().to_luma8();
    let side = (code.width() + 2 * code.quiet_zone()) * module_px;
    assert_eq!(image.dimensions(), (side, side));
    let border = code.quiet_zone() * module_px;
    for (x, y, pixel) in image.enumerate_pixels() {
        let in_quiet_zone = x < border || y < border || x >= side - border || y >= side - border;
        if in_quiet_zone {
            assert_eq!(pixel.0, [255], "quiet zone pixel ({x}, {y}) is not white");
        }
    }
    // Top-left corner of the finder pattern sits right inside the quiet zone.
    assert_eq!(image.get_pixel(border, border).0, [0]);
}

#[test]
fn every_png_pixel_is_its_module_at_every_size() {
    // Small and large symbols, and module sizes with no repeated lines (1), one (2), and
    // lines that are not whole bytes.
    // Rows of one, two and three 64-bit words, quiet zone included.
    let long = "https://gongshi.example.cn/".to_string() + &"a".repeat(400);
    let longest = url_of_len(1200);
    for text in [VILLAGE_URL, long.as_str(), longest.as_str()] {
        let code = encode(text).unwrap();
        for module_px in [1, 2, 3, 5, 10, 12] {
            let png = code.to_png(module_px).unwrap();
            let image = image::load_from_memory(&png).unwrap().to_luma8();
            let side = (code.width() + 2 * code.quiet_zone()) * module_px;
            assert_eq!(image.dimensions(), (side, side));
            for (x, y, pixel) in image.enumerate_pixels() {
                let dark = code.is_dark_with_quiet_zone(x / module_px, y / module_px);
                let expected = if dark { 0 } else { 255 };
                assert_eq!(pixel.0, [expected], "{module_px} px: pixel ({x}, {y})");
            }
        }
    }
}

#[test]
fn site_png_is_small() {
    // The size a build writes for every unit: bytes written dominate large builds.
    let png = encode(VILLAGE_URL).unwrap().to_png(10).unwrap();
    assert!(png.len() < 2560, "{} bytes", png.len());
}

#[test]
fn png_rejects_unusable_module_sizes() {
    let code = encode(VILLAGE_URL).unwrap();
    assert!(matches!(code.to_png(0), Err(QrError::ModuleSize(0))));
    assert!(matches!(code.to_png(u32::MAX), Err(QrError::ModuleSize(_))));
}

#[test]
fn too_long_text_is_an_error() {
    let text = "刘".repeat(1000);
    assert!(matches!(
        encode(&text),
        Err(QrError::TooLong { bytes: 3000 })
    ));
    // The largest byte payload at level M still encodes.
    assert_eq!(encode(&"a".repeat(MAX_BYTES)).unwrap().width(), 177);
    assert!(encode(&"a".repeat(MAX_BYTES + 1)).is_err());
    // What `check` asks agrees with what the build does.
    assert!(fits(&"a".repeat(MAX_BYTES)) && !fits(&"a".repeat(MAX_BYTES + 1)));
    assert!(!fits(&text));
}

#[test]
fn empty_text_encodes() {
    assert_eq!(encode("").unwrap().width(), 21);
}

#[test]
fn svg_is_plain_svg_with_quiet_zone_viewbox() {
    let code = encode(VILLAGE_URL).unwrap();
    let side = code.width() + 8;
    let svg = code.to_svg("二维码：刘庄村");
    assert!(!svg.contains("svg:"), "no namespace prefix: {svg}");
    assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="#));
    assert!(svg.contains(&format!(r#"viewBox="0 0 {side} {side}""#)));

    let document = roxmltree::Document::parse(&svg).expect("SVG is well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("width"), None, "CSS sizes the code");
    assert_eq!(root.attribute("height"), None, "CSS sizes the code");
    assert_eq!(root.attribute("shape-rendering"), Some("crispEdges"));
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("aria-label"), Some("二维码：刘庄村"));
    let names: Vec<_> = root.children().map(|node| node.tag_name().name()).collect();
    assert_eq!(names, ["title", "rect", "path"]);
    let title = root.first_element_child().unwrap();
    assert_eq!(title.text(), Some("二维码：刘庄村"));
    let background = title.next_sibling_element().unwrap();
    assert_eq!(background.attribute("fill"), Some("#fff"));
    assert_eq!(
        background.attribute("width"),
        Some(side.to_string().as_str())
    );
}

/// Draws the SVG path of `code` (in the `M x y.5 h run m gap 0 h run` form `to_svg` writes:
/// strokes a module wide along the middle of each row) onto a module grid, quiet zone
/// included: the side of the grid and whether each module is dark.
fn svg_modules(code: &QrCode) -> (usize, Vec<bool>) {
    let svg = code.to_svg("QR");
    let document = roxmltree::Document::parse(&svg).unwrap();
    let path = document
        .descendants()
        .find(|node| node.has_tag_name("path"))
        .unwrap();
    assert_eq!(path.attribute("stroke"), Some("#000"));
    assert_eq!(
        path.attribute("fill"),
        None,
        "strokes only: no area to fill"
    );
    let side = (code.width() + 8) as usize;
    let mut dark = vec![false; side * side];
    let d = path.attribute("d").unwrap();
    // Commands and their numbers: `M` and `m` take two, `h` one.
    let mut pieces = Vec::new();
    let mut letter = None;
    for piece in d.split_inclusive(['M', 'm', 'h']) {
        let (numbers, next) = match piece.chars().last() {
            Some(c @ ('M' | 'm' | 'h')) => (&piece[..piece.len() - 1], Some(c)),
            _ => (piece, None),
        };
        if let Some(letter) = letter {
            pieces.push((letter, numbers.to_string()));
        }
        letter = next;
    }
    let (mut x, mut y) = (0usize, 0usize);
    for (letter, numbers) in pieces {
        let numbers: Vec<&str> = numbers.split(' ').collect();
        match (letter, &numbers[..]) {
            ('M', [mx, my]) => {
                x = mx.parse().unwrap();
                let (row, half) = my.split_once('.').expect("row middle");
                assert_eq!(half, "5", "strokes run along a row's middle");
                y = row.parse().unwrap();
            }
            ('m', [gap, "0"]) => x += gap.parse::<usize>().unwrap(),
            ('h', [run]) => {
                let run: usize = run.parse().unwrap();
                assert!(
                    x >= 4 && y >= 4 && x + run <= side - 4 && y < side - 4,
                    "inside quiet zone"
                );
                for cell in &mut dark[y * side + x..y * side + x + run] {
                    assert!(!*cell, "each module drawn once");
                    *cell = true;
                }
                x += run;
            }
            other => panic!("unexpected path command {other:?} in {d}"),
        }
    }
    (side, dark)
}

/// The vector output carries the same code as the PNG: its path decodes to the text.
#[test]
fn svg_path_decodes_to_the_text() {
    let code = encode(KANJI_PRONE_URL).unwrap();
    let (side, dark) = svg_modules(&code);
    let scale = 4;
    let mut prepared =
        rqrr::PreparedImage::prepare_from_bitmap(side * scale, side * scale, |x, y| {
            dark[(y / scale) * side + x / scale]
        });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    assert_eq!(grids[0].decode().unwrap().1, KANJI_PRONE_URL);
}

/// Every module of the path is the code's, in symbols whose rows take one, two and three
/// 64-bit words (runs are found a word at a time).
#[test]
fn svg_path_draws_every_module_at_every_width() {
    for len in [20, 150, 400, 1200] {
        let code = encode(&url_of_len(len)).unwrap();
        let (side, dark) = svg_modules(&code);
        for y in 0..side {
            for x in 0..side {
                assert_eq!(
                    dark[y * side + x],
                    code.is_dark_with_quiet_zone(x as u32, y as u32),
                    "{len} bytes, {} modules wide: module ({x}, {y})",
                    code.width()
                );
            }
        }
    }
}

#[test]
fn svg_label_is_escaped() {
    let code = encode("x").unwrap();
    let svg = code.to_svg("Tom & \"Jerry\" <script>'\u{0}\u{FFFF}\nend");
    let document = roxmltree::Document::parse(&svg).expect("escaped label keeps XML valid");
    let root = document.root_element();
    let expected = "Tom & \"Jerry\" <script>' end";
    assert_eq!(root.attribute("aria-label"), Some(expected));
    assert_eq!(root.first_element_child().unwrap().text(), Some(expected));
    assert!(!svg.contains("<script"));
}

#[test]
fn svg_without_label_is_hidden_from_assistive_technology() {
    let svg = encode("x").unwrap().to_svg("  ");
    let document = roxmltree::Document::parse(&svg).unwrap();
    let root = document.root_element();
    assert_eq!(root.attribute("aria-hidden"), Some("true"));
    assert_eq!(root.attribute("role"), None);
    assert!(!root.children().any(|node| node.has_tag_name("title")));
}

/// The printed size of every board comes from the widest code; a rebuild takes the widths
/// without encoding, so they must be the encoded codes' widths, version by version.
#[test]
fn the_width_of_a_code_is_known_without_encoding_it() {
    for len in (20..2300).step_by(37).chain([CHINESE_URL.len()]) {
        let url = url_of_len(len);
        assert_eq!(
            width_of(&url).unwrap(),
            encode(&url).unwrap().width(),
            "{len}"
        );
    }
    assert_eq!(
        width_of(CHINESE_URL).unwrap(),
        encode(CHINESE_URL).unwrap().width()
    );
    assert!(width_of(&url_of_len(MAX_BYTES + 1)).is_err());
}

/// The count of a payload's bits that measures every address must agree with the encoder at
/// every version and level, at each edge of a version's capacity, for ASCII and for UTF-8; and
/// the data codewords, terminator and padding included, must be the `qrcode` crate's.
#[test]
fn data_codewords_are_the_qrcode_crates() {
    let levels = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H];
    for n in 1..=40 {
        let version = Version::Normal(n);
        for level in levels {
            let capacity = Bits::new(version).max_len(level).unwrap() / 8;
            for len in (capacity.saturating_sub(3)..=capacity + 1).chain([0, 1, 2, 17]) {
                let ascii = "a".repeat(len);
                let mut chinese = "刘".repeat(len / 3);
                chinese.push_str(&"a".repeat(len % 3));
                for text in [ascii, chinese] {
                    let ours = data_codewords(&text, version, level);
                    assert_eq!(
                        holds(&text, version, level),
                        ours.is_some(),
                        "version {n}, {level:?}, {len} bytes"
                    );
                    let theirs = encode_bits(&text, version, level).map(Bits::into_bytes);
                    assert_eq!(ours, theirs, "version {n}, {level:?}, {len} bytes");
                }
            }
        }
    }
}
