//! QR encoding at city scale: noticeboard's own mask choice against the `qrcode`, `qrcodegen`
//! and `fast_qr` crates, on the 30,000 unit URLs of the scale benchmark's city.
//!
//!     cargo bench --bench qr                # 30,000 URLs, best of 5 rounds each
//!     cargo bench --bench qr -- 3000 9      # 3,000 URLs, best of 9 rounds
//!
//! Every path encodes the same payload the build does (one byte-mode segment, the smallest
//! version at level M, the level raised while the text still fits that version), so the
//! symbols differ only where a crate picks another mask. The table gives the time per round
//! (one thread) and how many symbols agree module for module with the ones the build writes.
//! A second table times what a build then draws of each code: its SVG and its PNG.

use noticeboard::qr;
use std::time::{Duration, Instant};

/// The unit URLs of `cargo bench --bench scale`'s generated city (50 units an area).
fn city_urls(count: usize) -> Vec<String> {
    (0..count)
        .map(|u| format!("https://gongshi.shifan.cn/city/area-{:04}/u{u:06}/", u / 50))
        .collect()
}

/// The modules of one symbol, row by row, dark = true.
type Modules = Vec<bool>;

/// One way of encoding a URL.
type Encoder = fn(&str) -> Modules;

fn noticeboard(url: &str) -> Modules {
    let code = qr::encode(url).expect("encodes");
    let width = code.width();
    (0..width * width)
        .map(|i| code.is_dark(i % width, i / width))
        .collect()
}

/// Version (1 to 40) and level exactly as the build chooses them, through the qrcode crate's
/// capacity tables.
fn version_and_level(url: &str) -> (i16, qrcode::EcLevel) {
    use qrcode::{EcLevel, Version, bits::Bits};
    let fits = |version: i16, level: EcLevel| {
        let mut bits = Bits::new(Version::Normal(version));
        bits.push_byte_data(url.as_bytes()).is_ok() && bits.push_terminator(level).is_ok()
    };
    let version = (1..=40).find(|&v| fits(v, EcLevel::M)).expect("fits");
    let level = [EcLevel::H, EcLevel::Q]
        .into_iter()
        .find(|&l| fits(version, l))
        .unwrap_or(EcLevel::M);
    (version, level)
}

fn qrcode_crate(url: &str) -> Modules {
    use qrcode::{Version, bits::Bits};
    let (version, level) = version_and_level(url);
    let mut bits = Bits::new(Version::Normal(version));
    bits.push_byte_data(url.as_bytes()).expect("fits");
    bits.push_terminator(level).expect("fits");
    let code = qrcode::QrCode::with_bits(bits, level).expect("encodes");
    code.to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect()
}

fn qrcodegen_crate(url: &str) -> Modules {
    use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};
    let segments = [QrSegment::make_bytes(url.as_bytes())];
    let code = QrCode::encode_segments_advanced(
        &segments,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        None,
        true,
    )
    .expect("encodes");
    let size = code.size();
    (0..size * size)
        .map(|i| code.get_module(i % size, i / size))
        .collect()
}

fn fast_qr_crate(url: &str) -> Modules {
    use fast_qr::Version::*;
    use fast_qr::{ECL, Mode, QRBuilder};
    const VERSIONS: [fast_qr::Version; 40] = [
        V01, V02, V03, V04, V05, V06, V07, V08, V09, V10, V11, V12, V13, V14, V15, V16, V17, V18,
        V19, V20, V21, V22, V23, V24, V25, V26, V27, V28, V29, V30, V31, V32, V33, V34, V35, V36,
        V37, V38, V39, V40,
    ];
    let (version, level) = version_and_level(url);
    let ecl = match level {
        qrcode::EcLevel::L => ECL::L,
        qrcode::EcLevel::M => ECL::M,
        qrcode::EcLevel::Q => ECL::Q,
        qrcode::EcLevel::H => ECL::H,
    };
    let code = QRBuilder::new(url.as_bytes())
        .mode(Mode::Byte)
        .ecl(ecl)
        .version(VERSIONS[(version - 1) as usize])
        .build()
        .expect("encodes");
    (0..code.size * code.size)
        .map(|i| code.data[(i / code.size) * code.size + i % code.size].value())
        .collect()
}

/// The best of `rounds` timings of encoding every URL (what is left when the machine's other
/// work is least in the way), and the symbols of the last round.
fn measure(urls: &[String], rounds: usize, encode: Encoder) -> (Duration, Vec<Modules>) {
    let mut best = Duration::MAX;
    let mut symbols = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        symbols = urls.iter().map(|u| encode(u)).collect();
        best = best.min(started.elapsed());
    }
    (best, symbols)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let count = args.first().copied().unwrap_or(30_000);
    let rounds = args.get(1).copied().unwrap_or(5);
    let urls = city_urls(count);
    let (ours, reference) = measure(&urls, rounds, noticeboard);
    println!("{count} URLs, best of {rounds} rounds, one thread");
    println!("path                      time      per code  vs noticeboard  same symbols");
    let paths: [(&str, Encoder); 4] = [
        ("noticeboard (own masks)", noticeboard),
        ("qrcode 0.14", qrcode_crate),
        ("qrcodegen 1.8", qrcodegen_crate),
        ("fast_qr 0.14", fast_qr_crate),
    ];
    for (name, encode) in paths {
        let (time, symbols) = measure(&urls, rounds, encode);
        let same = symbols
            .iter()
            .zip(&reference)
            .filter(|(a, b)| a == b)
            .count();
        println!(
            "{name:<24} {:>7.0} ms  {:>6.1} µs  {:>12.2}×  {same:>6}/{count}",
            time.as_secs_f64() * 1000.0,
            time.as_secs_f64() * 1e6 / count as f64,
            time.as_secs_f64() / ours.as_secs_f64(),
        );
    }
    print_drawing(&urls, rounds);
}

/// One way of drawing a code, and the bytes it made.
type Drawing = fn(&qr::QrCode) -> usize;

/// What a build draws of every code, best of `rounds`: the SVG that boards inline and `qr.svg`
/// holds, and `qr.png` at the build's 10 pixels a module.
fn print_drawing(urls: &[String], rounds: usize) {
    let codes: Vec<qr::QrCode> = urls
        .iter()
        .map(|u| qr::encode(u).expect("encodes"))
        .collect();
    let drawings: [(&str, Drawing); 2] = [
        ("SVG", |code| code.to_svg("二维码").len()),
        ("PNG, 10 px a module", |code| {
            code.to_png(10).expect("10 px is a usable size").len()
        }),
    ];
    println!("drawing                   time      per code  bytes per code");
    for (name, draw) in drawings {
        let mut best = Duration::MAX;
        let mut bytes = 0;
        for _ in 0..rounds {
            let started = Instant::now();
            bytes = codes.iter().map(draw).sum::<usize>();
            best = best.min(started.elapsed());
        }
        println!(
            "{name:<24} {:>7.0} ms  {:>6.1} µs  {:>14}",
            best.as_secs_f64() * 1000.0,
            best.as_secs_f64() * 1e6 / codes.len() as f64,
            bytes / codes.len(),
        );
    }
}
