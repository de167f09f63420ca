//! QR codes that lead from a printed board to the unit's web page.
//!
//! Every payload is encoded as a single byte-mode segment. The `qrcode`
//! crate's automatic mode optimiser can split UTF-8 Chinese text into
//! Shift-JIS "Kanji" segments; zbar and phone scanners then show garbage while
//! some decoders (rqrr) happen to re-join the bytes and hide the fault. Text
//! that is not pure ASCII also carries ECI 26 (UTF-8) so scanners do not guess
//! the character set.
//!
//! Error correction: the smallest version that holds the text at level M is
//! chosen, then the level is raised to Q or H when the text still fits in that
//! same version. Fixed Q would cost a whole version for typical URLs (a
//! 60-character URL is version 4, 33×33, at M but version 5, 37×37, at Q), and
//! on a board of fixed print size larger modules help scanning from a distance
//! more than the extra redundancy does.

use std::fmt::Write as _;
use std::sync::OnceLock;

use qrcode::bits::Bits;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{EcLevel, Version};

use penalty::{Line, Word};

/// Light modules around the symbol that scanners need to find its edges; the
/// QR specification requires four.
pub(crate) const QUIET_ZONE: u32 = 4;

/// ECI designator for UTF-8.
const UTF8_ECI: u32 = 26;

/// Largest accepted `module_px` for [`QrCode::to_png`]: version 40 at this
/// size is already a 5920×5920 image (35 MB before compression). Print output
/// should use the SVG instead.
pub const MAX_MODULE_PX: u32 = 32;

/// Why a QR code could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QrError {
    /// The text does not fit the largest QR code.
    #[error("{}", crate::msg!("build-qr-too-long", bytes = .bytes.to_string()))]
    TooLong {
        /// The text's length in UTF-8.
        bytes: usize,
    },
    /// The module size asked for is out of range.
    #[error(
        "{}",
        crate::msg!(
            "build-qr-module-size",
            max = MAX_MODULE_PX.to_string(),
            size = .0.to_string()
        )
    )]
    ModuleSize(u32),
}

/// An encoded QR symbol: a square matrix of dark and light modules, without
/// the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QrCode {
    width: u32,
    /// Row-major, one bit per module, set for a dark one. A city keeps 30,000 codes during a
    /// build; a byte per module made them 50 MB.
    dark: Vec<u64>,
}

/// The most bytes of ASCII text a QR code holds in byte mode: version 40 at level M, the
/// largest symbol [`encode`] makes.
pub(crate) const MAX_BYTES: usize = 2331;

/// Whether [`encode`] can make a code of `text`: checked with the model, so that `check`
/// refuses an address too long for its board's code as the build would.
pub(crate) fn fits(text: &str) -> bool {
    holds(text, Version::Normal(40), EcLevel::M)
}

/// The width in modules of [`encode`]'s code of `text`, without encoding it: the site's
/// printed code size needs every unit's width, and a rebuild encodes only changed units.
pub(crate) fn width_of(text: &str) -> Result<u32, QrError> {
    let number = smallest_version(text)?;
    Ok(17 + 4 * u32::from(number.unsigned_abs()))
}

/// The smallest version holding `text` at level M.
fn smallest_version(text: &str) -> Result<i16, QrError> {
    (1..=40)
        .find(|&n| holds(text, Version::Normal(n), EcLevel::M))
        .ok_or(QrError::TooLong { bytes: text.len() })
}

/// Whether `text`, as [`data_codewords`] lays it out, fits `version` at `ec_level`: counted, not
/// encoded, since every unit's address is measured in every build.
fn holds(text: &str, version: Version, ec_level: EcLevel) -> bool {
    // The UTF-8 designator: a mode indicator and one byte.
    let designator = if text.is_ascii() { 0 } else { 4 + 8 };
    let header = 4 + qrcode::types::Mode::Byte.length_bits_count(version);
    let needed = designator + header + 8 * text.len();
    Bits::new(version)
        .max_len(ec_level)
        .is_ok_and(|max| needed <= max)
}

/// Encodes `text` in byte mode at error-correction level M or better, in the
/// smallest QR version that holds it.
pub fn encode(text: &str) -> Result<QrCode, QrError> {
    let number = smallest_version(text)?;
    let version = Version::Normal(number);

    // Spare capacity in the chosen version buys extra redundancy at no cost in size.
    let data = [EcLevel::H, EcLevel::Q, EcLevel::M]
        .into_iter()
        .find(|&level| holds(text, version, level))
        .and_then(|level| Some((data_codewords(text, version, level)?, level)));
    let (data, ec_level) = data.ok_or(QrError::TooLong { bytes: text.len() })?;

    let layout = Layout::of(number, ec_level);
    // Every codeword fills eight data modules; up to seven modules are left over.
    let total = layout.order.len() / 8;
    let codewords = codewords::codewords(number, ec_level, total, &data);
    // A line of a symbol up to 64 modules wide (version 11: every unit's address) is one
    // word; wider ones take three.
    let dark = if layout.width <= 64 {
        layout.best_masked::<u64>(&codewords)
    } else {
        layout.best_masked::<Line>(&codewords)
    };
    Ok(QrCode {
        width: layout.width as u32,
        dark,
    })
}

/// What every symbol of one version and error-correction level shares: the order of the
/// modules that carry data, and, for each mask, the fixed modules (format information
/// included) and the mask's pattern over the data. A symbol under a mask is then
/// `fixed | (data ^ pattern)`, a few word operations per line, where masking a copy of the
/// whole canvas module by module eight times was most of the cost of a code. The qrcode crate
/// draws the functional patterns and the masks, and a test holds every symbol to its, bit for
/// bit.
struct Layout {
    width: usize,
    /// The data modules `(x, y)` in the order the codewords' bits fill them, most
    /// significant bit first, so that a code's bits are set where they go rather than drawn
    /// onto a copy of a canvas that is then read back module by module.
    order: Vec<(u8, u8)>,
    masks: Vec<MaskLayout>,
}

struct MaskLayout {
    fixed: Symbol,
    pattern: Symbol,
}

impl Layout {
    /// The layout of version `number` (1 to 40) at `ec_level`, made once per process: a
    /// city's codes share one or two.
    fn of(number: i16, ec_level: EcLevel) -> &'static Layout {
        static LAYOUTS: [OnceLock<Layout>; 40 * 4] = [const { OnceLock::new() }; 40 * 4];
        // Lossless: 0 to 159.
        let index = (number - 1) as usize * 4 + ec_level as usize;
        LAYOUTS[index].get_or_init(|| Layout::new(Version::Normal(number), ec_level))
    }

    fn new(version: Version, ec_level: EcLevel) -> Layout {
        let mut functional = Canvas::new(version, ec_level);
        functional.draw_all_functional_patterns();
        // Lossless: QR symbols are at most 177 modules wide.
        let width = version.width() as usize;
        // The data goes wherever the functional patterns left the canvas empty.
        let data = Symbol::from_fn(width, |x, y| {
            functional.get(x as i16, y as i16) == qrcode::canvas::Module::Empty
        });
        let order = zigzag(width)
            .filter(|&(x, y)| data.rows[y].get(x))
            // Lossless: both are below 177.
            .map(|(x, y)| (x as u8, y as u8))
            .collect();
        let masks = MASKS
            .iter()
            .map(|&mask| {
                // Masking the empty canvas draws this mask's format information and leaves
                // the mask's own pattern where the data goes.
                let mut masked = functional.clone();
                masked.apply_mask(mask);
                let all = Symbol::of(&masked, width);
                MaskLayout {
                    fixed: all.except(&data),
                    pattern: all.only(&data),
                }
            })
            .collect();
        Layout {
            width,
            order,
            masks,
        }
    }

    /// The modules, row-major a bit each as [`QrCode`] keeps them, of the symbol of
    /// `codewords` under the mask the specification's penalty prefers. Each mask's symbol is
    /// `fixed | (data ^ pattern)` a line at a time, into the same two buffers: a code is
    /// scored eight times, and a fresh symbol for each mask was most of its allocations.
    fn best_masked<W: Word>(&self, codewords: &[u8]) -> Vec<u64> {
        let width = self.width;
        let (data_rows, data_columns) = self.place::<W>(codewords);
        let mut rows = vec![W::first(0); width];
        let mut columns = vec![W::first(0); width];
        let mut best = (u32::MAX, vec![W::first(0); width]);
        let masked = |out: &mut [W], fixed: &[Line], pattern: &[Line], data: &[W]| {
            for (((out, &fixed), &pattern), &data) in
                out.iter_mut().zip(fixed).zip(pattern).zip(data)
            {
                *out = W::from_line(fixed) | (data ^ W::from_line(pattern));
            }
        };
        for mask in &self.masks {
            masked(&mut rows, &mask.fixed.rows, &mask.pattern.rows, &data_rows);
            masked(
                &mut columns,
                &mask.fixed.columns,
                &mask.pattern.columns,
                &data_columns,
            );
            let score = penalty::score(width, &rows, &columns);
            // The first of equally good masks, as qrcode picks.
            if score < best.0 {
                best.0 = score;
                best.1.copy_from_slice(&rows);
            }
        }
        let mut dark = vec![0u64; (width * width).div_ceil(64)];
        for (y, row) in best.1.into_iter().enumerate() {
            for (k, word) in row.to_line().words().into_iter().enumerate() {
                put_bits(&mut dark, y * width + 64 * k, word);
            }
        }
        dark
    }

    /// The unmasked data modules of a symbol whose codewords (data, then error correction)
    /// are `codewords`, as rows and columns; modules past the last codeword stay light, as
    /// the specification's remainder bits are. Bits are set without a branch: a code's data
    /// bits are as good as random, and a branch on each was mispredicted half the time.
    fn place<W: Word>(&self, codewords: &[u8]) -> (Vec<W>, Vec<W>) {
        let mut rows = vec![W::first(0); self.width];
        let mut columns = vec![W::first(0); self.width];
        for (modules, &byte) in self.order.chunks_exact(8).zip(codewords) {
            for (bit, &(x, y)) in modules.iter().enumerate() {
                // Most significant bit first.
                let dark = byte << bit & 0x80 != 0;
                let (x, y) = (usize::from(x), usize::from(y));
                rows[y].put(x, dark);
                columns[x].put(y, dark);
            }
        }
        (rows, columns)
    }
}

/// Every module of a `width`-wide symbol but the vertical timing column's, in the order
/// the specification places codeword bits: two columns at a time from the right, upwards
/// then downwards, right module before left.
fn zigzag(width: usize) -> impl Iterator<Item = (usize, usize)> {
    const TIMING_COLUMN: usize = 6;
    // The right columns of the pairs: the timing column shifts the pairs left of it by one.
    let rights = (1..width)
        .rev()
        .step_by(2)
        .map(|x| if x <= TIMING_COLUMN { x - 1 } else { x });
    rights.enumerate().flat_map(move |(pair, right)| {
        let upwards = pair % 2 == 0;
        (0..width).flat_map(move |step| {
            let y = if upwards { width - 1 - step } else { step };
            [(right, y), (right - 1, y)]
        })
    })
}

/// The eight masks of a (non-micro) QR symbol, in the order of their pattern numbers.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// A masked symbol as it is scored: its rows, and its columns as the rows of the transposed
/// symbol, so every rule is a handful of word operations per line rather than a walk over
/// modules.
struct Symbol {
    width: usize,
    rows: Vec<Line>,
    columns: Vec<Line>,
}

impl Symbol {
    /// The dark modules of `canvas`.
    fn of(canvas: &Canvas, width: usize) -> Symbol {
        // Lossless: both are below 177.
        Symbol::from_fn(width, |x, y| canvas.get(x as i16, y as i16).is_dark())
    }

    /// The modules for which `set` holds.
    fn from_fn(width: usize, set: impl Fn(usize, usize) -> bool) -> Symbol {
        let mut rows = vec![Line::default(); width];
        let mut columns = vec![Line::default(); width];
        for (y, row) in rows.iter_mut().enumerate() {
            for x in (0..width).filter(|&x| set(x, y)) {
                row.put(x, true);
                columns[x].put(y, true);
            }
        }
        Symbol {
            width,
            rows,
            columns,
        }
    }

    /// The modules set both here and in `other`.
    fn only(&self, other: &Symbol) -> Symbol {
        self.zip(other, |a, b| a & b)
    }

    /// The modules set here but not in `other`.
    fn except(&self, other: &Symbol) -> Symbol {
        self.zip(other, |a, b| a & !b)
    }

    fn zip(&self, other: &Symbol, f: impl Fn(Line, Line) -> Line) -> Symbol {
        let pair = |a: &[Line], b: &[Line]| a.iter().zip(b).map(|(&a, &b)| f(a, b)).collect();
        Symbol {
            width: self.width,
            rows: pair(&self.rows, &other.rows),
            columns: pair(&self.columns, &other.columns),
        }
    }
}

/// The data codewords of `text` as one byte-mode segment (after an ECI header when the text
/// is not ASCII), the terminator and the padding (ISO/IEC 18004, 7.4), or `None` when they do
/// not fit `version` at `ec_level`. Written here a byte at a time: the `qrcode` crate's `Bits`
/// pushes every byte as a number of bits, and that was a tenth of encoding a code. The test
/// `data_codewords_are_the_qrcode_crates` holds the two to the same bytes.
fn data_codewords(text: &str, version: Version, ec_level: EcLevel) -> Option<Vec<u8>> {
    const ECI_MODE: u64 = 0b0111;
    const BYTE_MODE: u64 = 0b0100;
    const PADDING: [u8; 2] = [0b1110_1100, 0b0001_0001];
    let capacity = Bits::new(version).max_len(ec_level).ok()? / 8;
    let count_bits = qrcode::types::Mode::Byte.length_bits_count(version);
    if text.len() >= 1 << count_bits {
        return None;
    }
    let mut out = BitWriter::with_capacity(capacity);
    if !text.is_ascii() {
        out.push(ECI_MODE, 4);
        out.push(u64::from(UTF8_ECI), 8);
    }
    out.push(BYTE_MODE, 4);
    out.push(text.len() as u64, count_bits);
    for &byte in text.as_bytes() {
        out.push(u64::from(byte), 8);
    }
    // The terminator's four zero bits, fewer where the capacity ends first, then zeros to
    // the end of the byte.
    let bits = out.len();
    if bits > 8 * capacity {
        return None;
    }
    out.push(0, (8 * capacity - bits).min(4));
    let mut bytes = out.into_bytes();
    let padding = capacity - bytes.len();
    bytes.extend(PADDING.iter().cycle().take(padding));
    Some(bytes)
}

/// Bits written most significant first into bytes; a last partial byte is padded with zeros.
struct BitWriter {
    bytes: Vec<u8>,
    /// Bits not yet written as a byte, in the low `pending` bits.
    word: u64,
    pending: usize,
}

impl BitWriter {
    fn with_capacity(bytes: usize) -> BitWriter {
        BitWriter {
            bytes: Vec::with_capacity(bytes),
            word: 0,
            pending: 0,
        }
    }

    /// Appends the low `count` (at most 32) bits of `value`.
    fn push(&mut self, value: u64, count: usize) {
        self.word = self.word << count | (value & ((1 << count) - 1));
        self.pending += count;
        while self.pending >= 8 {
            self.pending -= 8;
            // Lossless: the byte's eight bits.
            self.bytes.push((self.word >> self.pending) as u8);
        }
    }

    fn len(&self) -> usize {
        8 * self.bytes.len() + self.pending
    }

    fn into_bytes(mut self) -> Vec<u8> {
        if self.pending > 0 {
            self.push(0, 8 - self.pending);
        }
        self.bytes
    }
}

impl QrCode {
    /// Width (and height) in modules, without the quiet zone.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Width of the light border, in modules, that [`Self::to_svg`] and
    /// [`Self::to_png`] draw on every side.
    pub fn quiet_zone(&self) -> u32 {
        QUIET_ZONE
    }

    /// Width including the quiet zone on both sides.
    fn outer_width(&self) -> u32 {
        self.width + 2 * QUIET_ZONE
    }

    /// Whether the module at (`x`, `y`) of the symbol (inside the quiet zone) is dark.
    pub fn is_dark(&self, x: u32, y: u32) -> bool {
        let i = (y * self.width + x) as usize;
        self.dark[i / 64] >> (i % 64) & 1 == 1
    }

    /// Whether the module at (`x`, `y`), counted from the outer corner of the
    /// quiet zone, is dark: module by module, as the tests read images back.
    #[cfg(test)]
    fn is_dark_with_quiet_zone(&self, x: u32, y: u32) -> bool {
        let (Some(x), Some(y)) = (x.checked_sub(QUIET_ZONE), y.checked_sub(QUIET_ZONE)) else {
            return false;
        };
        x < self.width && y < self.width && self.is_dark(x, y)
    }

    /// Row `y` of the symbol as bits: bit `x` set when module `x` is dark, bits past the
    /// width clear.
    fn dark_row(&self, y: u32) -> RowBits {
        let width = self.width as usize;
        let start = y as usize * width;
        let mut row = [0; ROW_WORDS];
        for (k, word) in row.iter_mut().enumerate().take(width.div_ceil(64)) {
            *word = bits_at(&self.dark, start + 64 * k, (width - 64 * k).min(64));
        }
        row
    }

    /// Row `y` counted from the outer corner of the quiet zone, the zone included, as bits:
    /// bit `x` set when module `x` is light, bits past the outer width clear.
    fn light_row(&self, y: u32) -> RowBits {
        let outer = self.outer_width() as usize;
        let mut row = [0; ROW_WORDS];
        for (k, word) in row.iter_mut().enumerate() {
            *word = u64::first(outer.saturating_sub(64 * k));
        }
        let Some(y) = y.checked_sub(QUIET_ZONE).filter(|&y| y < self.width) else {
            return row;
        };
        // Module `x` of the symbol is module `x + QUIET_ZONE` of the row.
        for (k, dark) in self.dark_row(y).into_iter().enumerate() {
            row[k] &= !(dark << QUIET_ZONE);
            if let Some(next) = row.get_mut(k + 1) {
                *next &= !(dark >> (64 - QUIET_ZONE));
            }
        }
        row
    }

    /// A standalone SVG document that can also be inlined into HTML.
    ///
    /// The viewBox is in modules and includes the quiet zone; there are no
    /// width/height attributes, so CSS decides the printed size. `label` is the
    /// accessible name (for example "二维码：刘庄村公示页面"); an empty label
    /// marks the image as decorative (`aria-hidden`), since an `img` role
    /// without a name is an accessibility error.
    pub fn to_svg(&self, label: &str) -> String {
        let side = self.outer_width();
        let mut svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges""#
        );
        let label = escape_xml(label.trim());
        if label.is_empty() {
            svg.push_str(r#" aria-hidden="true">"#);
        } else {
            let _ = write!(
                svg,
                r#" role="img" aria-label="{label}"><title>{label}</title>"#
            );
        }
        let _ = write!(
            svg,
            r##"<rect width="{side}" height="{side}" fill="#fff"/><path stroke="#000" d=""##
        );
        // About two bytes of path per module.
        let mut path = Vec::with_capacity((self.width * self.width) as usize * 2);
        // Each horizontal run of dark modules is one stroke a module wide along the middle of
        // its row: `M x y.5 h run` for a row's first run, `m gap 0 h run` from the end of the
        // one before. Half the bytes of drawing each run as a filled rectangle, which matters
        // as every board sheet carries the code inline, in up to three pages. A run is one
        // piece, so there are no hairline seams between neighbouring modules.
        for y in 0..self.width {
            let row = self.dark_row(y);
            let mut end = None;
            let mut x = next_module(&row, 0, true, self.width);
            while x < self.width {
                let stop = next_module(&row, x, false, self.width);
                // Bytes, not `write!` nor a `String`'s `push` of each character: every board
                // sheet of every build draws its code again, about 600 numbers a code.
                match end {
                    None => {
                        path.push(b'M');
                        push_number(&mut path, x + QUIET_ZONE);
                        path.push(b' ');
                        push_number(&mut path, y + QUIET_ZONE);
                        path.extend_from_slice(b".5h");
                    }
                    Some(end) => {
                        path.push(b'm');
                        push_number(&mut path, x - end);
                        path.extend_from_slice(b" 0h");
                    }
                }
                push_number(&mut path, stop - x);
                end = Some(stop);
                x = next_module(&row, stop, true, self.width);
            }
        }
        // The path is ASCII (letters, digits, spaces and points), which `from_utf8` checks a
        // word at a time, where `from_utf8_lossy` took a fifth of drawing a code.
        svg.push_str(std::str::from_utf8(&path).unwrap_or_default());
        svg.push_str(r#""/></svg>"#);
        svg
    }

    /// A black-and-white PNG (1 bit per pixel), quiet zone included, with each module drawn
    /// as a `module_px`×`module_px` square. One bit per pixel and the "up" filter make a typical
    /// 410-pixel code about 2 KB: 8-bit pixels made it 47 KB, and writing those was a large
    /// share of a big site's build.
    pub fn to_png(&self, module_px: u32) -> Result<Vec<u8>, QrError> {
        if !(1..=MAX_MODULE_PX).contains(&module_px) {
            return Err(QrError::ModuleSize(module_px));
        }
        Ok(png::encode(self.outer_width(), module_px, |y| {
            self.light_row(y)
        }))
    }
}

/// Words of one row of modules as bits: the widest symbol (177 modules) with its quiet zone
/// (8) fits three. Codes are drawn a row at a time, a run of modules found with one look at
/// a word, where testing them one by one was most of drawing a code.
const ROW_WORDS: usize = 3;
type RowBits = [u64; ROW_WORDS];

/// The `len` (at most 64) bits of `words` from bit `pos` on, lowest first.
fn bits_at(words: &[u64], pos: usize, len: usize) -> u64 {
    let (i, shift) = (pos / 64, pos % 64);
    let mut bits = words[i] >> shift;
    if shift > 0
        && let Some(next) = words.get(i + 1)
    {
        bits |= next << (64 - shift);
    }
    bits & u64::first(len)
}

/// Sets the bits of `word` in `words` from bit `pos` on, lowest first; bits of `word` that
/// would fall past the end of `words` must be clear, and a word with none set may start past
/// it.
fn put_bits(words: &mut [u64], pos: usize, word: u64) {
    if word == 0 {
        return;
    }
    let (i, shift) = (pos / 64, pos % 64);
    words[i] |= word << shift;
    if shift > 0 && word >> (64 - shift) != 0 {
        words[i + 1] |= word >> (64 - shift);
    }
}

/// The first module at or after `from` in `row` that is dark (`dark`) or light (not
/// `dark`); `width` when there is none.
fn next_module(row: &RowBits, from: u32, dark: bool, width: u32) -> u32 {
    let mut x = from;
    while x < width {
        let word = row[(x / 64) as usize];
        let rest = if dark { word } else { !word } >> (x % 64);
        if rest != 0 {
            return (x + rest.trailing_zeros()).min(width);
        }
        x = (x / 64 + 1) * 64;
    }
    width
}

/// Appends `n` in decimal. Module coordinates are below 200: one to three digits, written
/// inline, as a code's path holds about 600 numbers.
#[inline(always)]
fn push_number(out: &mut Vec<u8>, n: u32) {
    let digit = |d: u32| b'0' + (d % 10) as u8;
    match n {
        0..10 => out.push(digit(n)),
        10..100 => out.extend_from_slice(&[digit(n / 10), digit(n)]),
        100..1000 => out.extend_from_slice(&[digit(n / 100), digit(n / 10), digit(n)]),
        _ => push_large_number(out, n),
    }
}

#[cold]
fn push_large_number(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(n.to_string().as_bytes());
}

/// Escapes text for XML content and attribute values, dropping characters
/// that XML 1.0 forbids outright (most C0 controls, U+FFFE, U+FFFF), which
/// would otherwise make the whole document unreadable.
fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(' '),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

mod codewords;
mod deflate;
mod penalty;
mod png;
#[cfg(test)]
mod tests;
