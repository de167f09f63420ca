//! Printing pages and reading them back the way people do: headless Chromium prints a page to
//! PDF as a township clerk's browser would, poppler (`pdfinfo`, `pdftotext`, `pdftoppm`) reads
//! the PDF as a printer would, and `zbarimg` scans the QR code as a resident's phone would.
//!
//! Every tool is required and comes through `common::tools`, which installs it on first use
//! (or fails naming the command to run), so a skip can never hide a broken board.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Millimetres in a PDF point (1/72 inch).
pub(crate) const MM_PER_PT: f64 = 25.4 / 72.0;

/// How long one Chromium print may take before the test gives up on it. A board prints in
/// 2–4 s here; the margin is for a loaded CI machine, not for a hung browser.
const PRINT_TIMEOUT: Duration = Duration::from_secs(180);

/// Runs `program`, installing it first on a fresh machine.
fn run(program: &str, args: &[&OsStr]) -> Output {
    let path = crate::common::tools::require(program);
    Command::new(&path)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("could not run {}: {error}", path.display()))
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The Chromium to print with: `$CHROMIUM` if set, else Debian's `chromium` (installed on
/// first use), with the Chinese fonts a board needs.
pub(crate) fn chromium() -> PathBuf {
    crate::common::tools::require_cjk_fonts();
    match std::env::var_os("CHROMIUM") {
        Some(path) => PathBuf::from(path),
        None => crate::common::tools::require("chromium"),
    }
}

/// A `file://` URL for a local file; the few characters that would end or cut a URL are
/// percent-encoded.
pub(crate) fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for ch in path.to_string_lossy().chars() {
        match ch {
            '%' => url.push_str("%25"),
            ' ' => url.push_str("%20"),
            '#' => url.push_str("%23"),
            '?' => url.push_str("%3F"),
            c => url.push(c),
        }
    }
    url
}

/// Prints `html` to `pdf` with headless Chromium, as a user's "Save as PDF" would: no header or
/// footer, the page size and margins from the page's own `@page` rule. Each call uses a fresh
/// profile, so runs in parallel threads do not share browser state.
pub(crate) fn print_to_pdf(html: &Path, pdf: &Path) {
    let browser = chromium();
    let profile = tempfile::tempdir().expect("temp dir for the Chromium profile");
    let log_path = profile.path().join("chromium.log");
    let log = File::create(&log_path).expect("Chromium log file");
    let mut child = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|error| panic!("could not start {}: {error}", browser.display()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for Chromium") {
            break status;
        }
        if started.elapsed() > PRINT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "Chromium did not print {} within {PRINT_TIMEOUT:?}:\n{}",
                html.display(),
                std::fs::read_to_string(&log_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let printed = std::fs::metadata(pdf).map(|m| m.len()).unwrap_or(0);
    assert!(
        status.success() && printed > 0,
        "Chromium failed to print {} ({status}):\n{}",
        html.display(),
        std::fs::read_to_string(&log_path).unwrap_or_default()
    );
}

/// Width and height of every page of `pdf`, in millimetres.
pub(crate) fn page_sizes_mm(pdf: &Path) -> Vec<(f64, f64)> {
    let output = run(
        "pdfinfo",
        &[
            "-f".as_ref(),
            "1".as_ref(),
            "-l".as_ref(),
            "100000".as_ref(),
            pdf.as_os_str(),
        ],
    );
    assert!(
        output.status.success(),
        "pdfinfo failed on {}: {}",
        pdf.display(),
        stderr_of(&output)
    );
    // "Page    1 size: 594.96 x 841.92 pts (A4)"
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| line.starts_with("Page ") && line.contains(" size:"))
        .map(|line| {
            let size = line.split(" size:").nth(1).unwrap_or_default();
            let numbers: Vec<f64> = size
                .split_whitespace()
                .filter_map(|word| word.parse().ok())
                .collect();
            assert!(numbers.len() >= 2, "unexpected pdfinfo line: {line}");
            (numbers[0] * MM_PER_PT, numbers[1] * MM_PER_PT)
        })
        .collect()
}

/// A word that `pdftotext -bbox` found, with its box in millimetres from the top-left corner.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub(crate) text: String,
    pub(crate) x_min: f64,
    pub(crate) y_min: f64,
    pub(crate) x_max: f64,
    pub(crate) y_max: f64,
}

impl Word {
    /// The vertical middle of the word's glyphs.
    ///
    /// pdftotext's box spans the font's bounding box, which is centred on the glyphs' em square
    /// but much taller than the glyphs (about 2.9 em for the Type 3 fonts Chromium embeds, about
    /// 1.5 em for embedded OpenType), so the centre is reliable and the height only up to a factor.
    pub(crate) fn y_centre(&self) -> f64 {
        (self.y_min + self.y_max) / 2.0
    }

    pub(crate) fn height(&self) -> f64 {
        self.y_max - self.y_min
    }

    /// A band around the glyphs' centre line that lies inside the glyphs whatever the font
    /// embedding: ±14 % of pdftotext's box, which is ±0.4 em for Type 3 fonts.
    pub(crate) fn core(&self) -> (f64, f64) {
        let half = 0.14 * self.height();
        (self.y_centre() - half, self.y_centre() + half)
    }
}

/// The words of every page of `pdf`, in the order the page draws them.
pub(crate) fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let output = run(
        "pdftotext",
        &[
            "-bbox".as_ref(),
            "-enc".as_ref(),
            "UTF-8".as_ref(),
            pdf.as_os_str(),
            "-".as_ref(),
        ],
    );
    assert!(
        output.status.success(),
        "pdftotext failed on {}: {}",
        pdf.display(),
        stderr_of(&output)
    );
    let xhtml = String::from_utf8(output.stdout).expect("pdftotext writes UTF-8");
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let document = roxmltree::Document::parse_with_options(&xhtml, options)
        .unwrap_or_else(|error| panic!("pdftotext -bbox output is not XML ({error}):\n{xhtml}"));
    let number = |node: roxmltree::Node, name: &str| -> f64 {
        node.attribute(name)
            .and_then(|value| value.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("pdftotext -bbox word without {name}"))
            * MM_PER_PT
    };
    document
        .descendants()
        .filter(|node| node.has_tag_name(("http://www.w3.org/1999/xhtml", "page")))
        .map(|page| {
            page.children()
                .filter(|node| node.has_tag_name(("http://www.w3.org/1999/xhtml", "word")))
                .map(|word| Word {
                    text: word.text().unwrap_or_default().to_string(),
                    x_min: number(word, "xMin"),
                    y_min: number(word, "yMin"),
                    x_max: number(word, "xMax"),
                    y_max: number(word, "yMax"),
                })
                .collect()
        })
        .collect()
}

/// All text of a page with every space and line break removed, so that a name, an organisation
/// or a URL that wrapped across lines still reads as one string.
pub(crate) fn joined_text(words: &[Word]) -> String {
    words
        .iter()
        .flat_map(|word| word.text.chars())
        .filter(|ch| !ch.is_whitespace())
        .collect()
}

/// Whether `needle` (spaces ignored) can be read on the page as one run of text: within one
/// word, or across words that follow each other on a line or wrap onto the next line of the
/// same block. This follows the words' positions, not the order pdftotext lists them in, which
/// mixes the lines of neighbouring cards.
pub(crate) fn reads(words: &[Word], needle: &str) -> bool {
    let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
    if needle.is_empty() {
        return true;
    }
    let texts: Vec<String> = words
        .iter()
        .map(|w| w.text.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    texts.iter().enumerate().any(|(index, text)| {
        text.contains(&needle)
            || text.char_indices().any(|(at, _)| {
                let tail = &text[at..];
                needle.starts_with(tail) && {
                    let word = &words[index];
                    reads_on(
                        words,
                        &texts,
                        index,
                        &needle[tail.len()..],
                        (word.x_min, word.x_max),
                    )
                }
            })
    })
}

/// Whether `rest` continues the run after word `previous`, whose line spans `line` (left, right).
fn reads_on(
    words: &[Word],
    texts: &[String],
    previous: usize,
    rest: &str,
    line: (f64, f64),
) -> bool {
    if rest.is_empty() {
        return true;
    }
    let before = &words[previous];
    words
        .iter()
        .zip(texts)
        .enumerate()
        .any(|(index, (word, text))| {
            if index == previous || text.is_empty() {
                return false;
            }
            let (ends_here, continues) = (text.starts_with(rest), rest.starts_with(text.as_str()));
            if !ends_here && !continues {
                return false;
            }
            // Box heights scale with the type size; see `Word::y_centre`.
            let size = before.height().max(word.height());
            let down = word.y_centre() - before.y_centre();
            let same_line = down.abs() < 0.25 * size
                && word.x_min >= before.x_max - 0.5
                && word.x_min - before.x_max < 0.5 * size;
            // A line may start left of the one above: on a compact card the text flows round
            // the photo and then takes the card's whole width.
            let next_line = down > 0.2 * size
                && down < 1.2 * size
                && word.x_min >= line.0 - 6.0 * size
                && word.x_min <= line.1;
            if !same_line && !next_line {
                return false;
            }
            ends_here || {
                let line = if same_line {
                    (line.0, line.1.max(word.x_max))
                } else {
                    (word.x_min, word.x_max)
                };
                reads_on(words, texts, index, &rest[text.len()..], line)
            }
        })
}

/// Rasterises page `page` (1-based) of `pdf` at `dpi` into a greyscale PNG at `png`, as a scan
/// of the printed sheet.
pub(crate) fn rasterise(pdf: &Path, page: usize, dpi: u32, png: &Path) {
    rasterise_as(pdf, page, dpi, png, true);
}

/// Rasterises page `page` of `pdf` at `dpi` in colour into a PNG at `png`.
pub(crate) fn rasterise_colour(pdf: &Path, page: usize, dpi: u32, png: &Path) {
    rasterise_as(pdf, page, dpi, png, false);
}

fn rasterise_as(pdf: &Path, page: usize, dpi: u32, png: &Path, grey: bool) {
    let prefix = png.with_extension("");
    let page = page.to_string();
    let dpi = dpi.to_string();
    let mut args: Vec<&OsStr> = vec!["-r".as_ref(), dpi.as_ref()];
    if grey {
        args.push("-gray".as_ref());
    }
    args.extend::<[&OsStr; 8]>([
        "-png".as_ref(),
        "-singlefile".as_ref(),
        "-f".as_ref(),
        page.as_ref(),
        "-l".as_ref(),
        page.as_ref(),
        pdf.as_os_str(),
        prefix.as_os_str(),
    ]);
    let output = run("pdftoppm", &args);
    assert!(
        output.status.success(),
        "pdftoppm failed on {}: {}",
        pdf.display(),
        stderr_of(&output)
    );
    assert!(png.is_file(), "pdftoppm wrote no {}", png.display());
}

/// The QR codes that zbar reads in an image, as phones' scanners do. zbar is the reference
/// because it reads segments the way phones do, unlike rqrr (see src/render/qr.rs).
pub(crate) fn zbar_qr_codes(png: &Path) -> Vec<String> {
    let output = run(
        "zbarimg",
        &[
            "-q".as_ref(),
            "--raw".as_ref(),
            "-Sdisable".as_ref(),
            "-Sqrcode.enable".as_ref(),
            png.as_os_str(),
        ],
    );
    // Exit code 4: the image holds no code.
    match output.status.code() {
        Some(0) => String::from_utf8(output.stdout)
            .expect("zbarimg prints UTF-8")
            .lines()
            .map(str::to_string)
            .collect(),
        Some(4) => Vec::new(),
        _ => panic!(
            "zbarimg failed on {}: {}",
            png.display(),
            stderr_of(&output)
        ),
    }
}

/// Where a QR symbol lies in a raster image, found by rqrr (used here for geometry only).
#[derive(Debug, Clone)]
pub(crate) struct QrSymbol {
    pub(crate) text: Option<String>,
    /// Modules on a side, without the quiet zone.
    pub(crate) modules: usize,
    /// Corners of the symbol (without quiet zone) in pixels: top-left, top-right,
    /// bottom-right, bottom-left.
    pub(crate) corners: [(f64, f64); 4],
}

impl QrSymbol {
    /// Mean length of the four sides, in pixels.
    pub(crate) fn side_px(&self) -> f64 {
        (0..4)
            .map(|i| {
                let (ax, ay) = self.corners[i];
                let (bx, by) = self.corners[(i + 1) % 4];
                (bx - ax).hypot(by - ay)
            })
            .sum::<f64>()
            / 4.0
    }

    /// Axis-aligned box around the symbol: (left, top, right, bottom) in pixels.
    pub(crate) fn bounds(&self) -> (f64, f64, f64, f64) {
        let xs = self.corners.map(|c| c.0);
        let ys = self.corners.map(|c| c.1);
        let min = |v: [f64; 4]| v.into_iter().fold(f64::INFINITY, f64::min);
        let max = |v: [f64; 4]| v.into_iter().fold(f64::NEG_INFINITY, f64::max);
        (min(xs), min(ys), max(xs), max(ys))
    }
}

/// Finds the QR symbol holding `text` in a page image. rqrr can pair a code's finder patterns
/// with square glyphs or photo edges elsewhere on a busy page, so when the whole page does not
/// give the symbol, overlapping tiles of half the page's width and height are tried: any code
/// smaller than a quarter of the page lies wholly inside one of them.
pub(crate) fn locate_qr(image: &image::GrayImage, text: &str) -> Option<QrSymbol> {
    let matching = |symbols: Vec<QrSymbol>| {
        symbols
            .into_iter()
            .find(|s| s.text.as_deref() == Some(text))
    };
    if let Some(symbol) = matching(qr_symbols(image)) {
        return Some(symbol);
    }
    let (width, height) = image.dimensions();
    let (tile_w, tile_h) = (width / 2, height / 2);
    for row in 0..3 {
        for column in 0..3 {
            let (x, y) = (column * width / 4, row * height / 4);
            let tile = image::imageops::crop_imm(image, x, y, tile_w, tile_h).to_image();
            if let Some(mut symbol) = matching(qr_symbols(&tile)) {
                for corner in &mut symbol.corners {
                    corner.0 += f64::from(x);
                    corner.1 += f64::from(y);
                }
                return Some(symbol);
            }
        }
    }
    None
}

pub(crate) fn qr_symbols(image: &image::GrayImage) -> Vec<QrSymbol> {
    let mut prepared = rqrr::PreparedImage::prepare(image.clone());
    prepared
        .detect_grids()
        .into_iter()
        .map(|grid| {
            use rqrr::BitGrid;
            QrSymbol {
                text: grid.decode().ok().map(|(_, text)| text),
                modules: grid.grid.size(),
                corners: grid.bounds.map(|p| (f64::from(p.x), f64::from(p.y))),
            }
        })
        .collect()
}

/// The box (left, top, right, bottom, in pixels, edges inclusive) of the pixels darker than
/// mid-grey within `region`. Around a QR symbol with a clear quiet zone this is the symbol
/// itself, to the pixel, whereas rqrr's corners are estimates that can be off by a module.
pub(crate) fn dark_bounds(
    image: &image::GrayImage,
    region: (f64, f64, f64, f64),
) -> Option<(f64, f64, f64, f64)> {
    let (width, height) = image.dimensions();
    let x0 = region.0.floor().max(0.0) as u32;
    let y0 = region.1.floor().max(0.0) as u32;
    let x1 = (region.2.ceil().max(0.0) as u32).min(width.saturating_sub(1));
    let y1 = (region.3.ceil().max(0.0) as u32).min(height.saturating_sub(1));
    let mut found: Option<(u32, u32, u32, u32)> = None;
    for y in y0..=y1 {
        for x in x0..=x1 {
            if image.get_pixel(x, y).0[0] < 128 {
                found = Some(match found {
                    None => (x, y, x, y),
                    Some((l, t, r, b)) => (l.min(x), t.min(y), r.max(x), b.max(y)),
                });
            }
        }
    }
    found.map(|(l, t, r, b)| (f64::from(l), f64::from(t), f64::from(r), f64::from(b)))
}

/// Pixels darker than mid-grey in the ring from `inner` to `outer` pixels outside `bounds`
/// (left, top, right, bottom), as (x, y) pairs: what would crowd a QR code's quiet zone.
pub(crate) fn dark_pixels_in_ring(
    image: &image::GrayImage,
    bounds: (f64, f64, f64, f64),
    inner: f64,
    outer: f64,
) -> Vec<(u32, u32)> {
    let (left, top, right, bottom) = bounds;
    let (width, height) = image.dimensions();
    let x0 = (left - outer).floor().max(0.0) as u32;
    let y0 = (top - outer).floor().max(0.0) as u32;
    let x1 = ((right + outer).ceil() as u32).min(width);
    let y1 = ((bottom + outer).ceil() as u32).min(height);
    let mut dark = Vec::new();
    for y in y0..y1 {
        for x in x0..x1 {
            let (px, py) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
            // Distance from the symbol's box, 0 inside it.
            let dx = (left - px).max(px - right).max(0.0);
            let dy = (top - py).max(py - bottom).max(0.0);
            let distance = dx.max(dy);
            if distance >= inner && distance <= outer && image.get_pixel(x, y).0[0] < 128 {
                dark.push((x, y));
            }
        }
    }
    dark
}

/// The page `png` as a phone's camera preview sees a board from about 60 cm: scaled to 40 %
/// and blurred by one pixel (Gaussian, σ = 1 px), written to `seen`.
pub(crate) fn seen_from_arms_length(png: &Path, seen: &Path) {
    let page = image::open(png)
        .unwrap_or_else(|e| panic!("read {}: {e}", png.display()))
        .to_luma8();
    let (width, height) = page.dimensions();
    let small = image::imageops::resize(
        &page,
        (width * 2).div_ceil(5),
        (height * 2).div_ceil(5),
        image::imageops::FilterType::Triangle,
    );
    image::imageops::blur(&small, 1.0)
        .save(seen)
        .unwrap_or_else(|e| panic!("write {}: {e}", seen.display()));
}

/// The QR codes that ZXing (zxing-cpp, through its Python module) reads in an image: a second
/// decoder beside zbar, as on many Android phones. The module is installed with pip on first
/// use; where that is impossible the test fails with the command to run.
pub(crate) fn zxing_qr_codes(png: &Path) -> Vec<String> {
    let python = crate::common::tools::require_python_module("zxingcpp", "zxing-cpp");
    let image = image::open(png)
        .unwrap_or_else(|e| panic!("read {}: {e}", png.display()))
        .to_luma8();
    let (width, height) = image.dimensions();
    let raw = png.with_extension("gray");
    std::fs::write(&raw, image.as_raw()).expect("write the raw image for ZXing");
    let script = "import sys, zxingcpp\n\
        data = open(sys.argv[1], 'rb').read()\n\
        view = memoryview(data).cast('B', (int(sys.argv[3]), int(sys.argv[2])))\n\
        for code in zxingcpp.read_barcodes(view, formats=zxingcpp.BarcodeFormat.QRCode):\n\
        \x20   print(code.text)\n";
    let output = Command::new(&python)
        .arg("-c")
        .arg(script)
        .arg(&raw)
        .arg(width.to_string())
        .arg(height.to_string())
        .output()
        .expect("run python3 with ZXing");
    assert!(
        output.status.success(),
        "ZXing failed on {}: {}",
        png.display(),
        stderr_of(&output)
    );
    String::from_utf8(output.stdout)
        .expect("ZXing prints UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

/// The lines the printed address `url` is set in, top to bottom: the page's ASCII words that
/// are parts of it, grouped by line. Other ASCII text on a board (phone numbers, the board
/// code) is never part of a unit's address.
pub(crate) fn url_lines(words: &[Word], url: &str) -> Vec<String> {
    let mut parts: Vec<&Word> = words
        .iter()
        .filter(|w| w.text.len() >= 3 && w.text.is_ascii() && url.contains(w.text.as_str()))
        .collect();
    parts.sort_by(|a, b| a.y_centre().total_cmp(&b.y_centre()));
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for word in parts {
        match lines.last_mut() {
            Some(line) if (line[0].y_centre() - word.y_centre()).abs() < 0.3 * line[0].height() => {
                line.push(word)
            }
            _ => lines.push(vec![word]),
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
            line.iter().map(|w| w.text.as_str()).collect()
        })
        .collect()
}

/// A static file server on 127.0.0.1 for a built site, serving `public` below `prefix` (the
/// path of the site's base_url, e.g. `/shifan/`), so that pages with root-relative links (the
/// 404 page) load their stylesheet as on the real host. Stops when dropped.
pub(crate) struct Server {
    pub(crate) addr: std::net::SocketAddr,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub(crate) fn start(public: &Path, prefix: &str) -> Server {
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let (public, prefix) = (public.to_path_buf(), prefix.to_string());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let (public, prefix) = (public.clone(), prefix.clone());
                    std::thread::spawn(move || serve_one(stream, &public, &prefix));
                }
            }
        });
        Server {
            addr,
            stop,
            thread: Some(thread),
        }
    }

    /// The address of `path` (site-relative) on this server.
    pub(crate) fn url(&self, prefix: &str, path: &str) -> String {
        format!("http://{}{prefix}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let _ = std::net::TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve_one(mut stream: std::net::TcpStream, public: &Path, prefix: &str) {
    use std::io::{BufRead, Write};
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = std::io::BufReader::new(&stream);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path);
    let file = path
        .strip_prefix(prefix)
        .filter(|rest| !rest.split('/').any(|part| part == ".."))
        .map(|rest| {
            let file = public.join(rest);
            if file.is_dir() {
                file.join("index.html")
            } else {
                file
            }
        })
        .filter(|file| file.is_file());
    let (status, file) = match file {
        Some(file) => ("200 OK", file),
        None => ("404 Not Found", public.join("404.html")),
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = path
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs `tests/browser/<script>` with node and returns its JSON answer. The npm packages
/// (puppeteer-core, which drives Debian's chromium) are installed on first use.
pub(crate) fn node(script: &str, args: &[String]) -> serde_json::Value {
    crate::common::tools::require_node_modules();
    let dir = Path::new(crate::common::tools::BROWSER_DIR);
    let output = Command::new(crate::common::tools::require("node"))
        .arg(script)
        .args(args)
        .current_dir(dir)
        .env("CHROME_PATH", chromium())
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "node {script} failed: {}",
        stderr_of(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "node {script} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}
