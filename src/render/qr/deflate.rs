//! A zlib stream written as it goes, for the one shape of data a QR code's PNG holds: lines of
//! literal bytes with runs of one byte (the quiet zone, the finder patterns), and whole lines
//! repeated. Blocks with deflate's fixed Huffman code (RFC 1951, 3.2.6) need no code tables
//! and no search for matches: the PNG writer says where its lines repeat. A general
//! compressor searched 21 KB of pixels per code for the repeats the writer already knew.
//! A line's literal bytes go in a stored block of their own: the fixed code gives a byte no
//! fewer than 8 bits, so coding each one bought nothing but the time it took.

/// Longest and shortest copy one deflate code can say.
const MAX_COPY: usize = 258;
const MIN_COPY: usize = 3;
/// The shortest run of one byte said as a copy rather than byte by byte: a copy of the byte
/// before costs about two literals.
const MIN_RUN: usize = 6;
/// The fewest literal bytes put in a stored block rather than coded one by one: a stored
/// block costs about 6 bytes more (the end of the coded block, its own header and length,
/// the next coded block's header), which a line of pixels (53 bytes at 10 pixels a module)
/// is worth, and a short piece is not.
const MIN_STORED: usize = 32;
/// The furthest back a copy may reach.
const WINDOW: usize = 32_768;

/// Copy lengths: the first length of each code from 257 on, and its extra bits.
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Copy distances: the first distance of each code, and its extra bits.
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// Every literal/length symbol's code in the fixed Huffman code, its bits reversed as deflate
/// sends them, and its length in bits.
const FIXED_CODES: [(u16, u8); 288] = fixed_codes();

/// The length code of each copy length from [`MIN_COPY`] to [`MAX_COPY`].
const LENGTH_CODES: [u8; MAX_COPY - MIN_COPY + 1] = length_codes();

/// The distance code of each distance up to [`SHORT_DISTANCES`]: every copy a QR code's PNG
/// makes (a line of version 40 at 32 pixels a module is 756 bytes).
const SHORT_DISTANCES: usize = 1024;
const DISTANCE_CODES: [u8; SHORT_DISTANCES + 1] = distance_codes();

/// Adler-32's modulus.
const ADLER_MOD: u64 = 65_521;

/// A zlib stream being written: [`Zlib::write`], [`Zlib::fill`] and [`Zlib::repeat`], then
/// [`Zlib::finish`].
pub(super) struct Zlib {
    out: Vec<u8>,
    /// Bits waiting for a whole word, lowest first.
    bits: u64,
    bit_count: u32,
    /// Bytes the stream stands for so far (how far back a copy may reach), and their checksum.
    written: usize,
    adler: Adler32,
}

impl Zlib {
    pub(super) fn new(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        // CMF: deflate with a 32 KB window; FLG: no dictionary, and CMF·256 + FLG divisible
        // by 31, as the format asks.
        out.extend_from_slice(&[0x78, 0x01]);
        let mut zlib = Zlib {
            out,
            bits: 0,
            bit_count: 0,
            written: 0,
            adler: Adler32::default(),
        };
        zlib.start_coded_block(false);
        zlib
    }

    /// Appends `bytes`: a run of one byte at either end (a QR code's quiet zone, a whole
    /// line of it) as the byte and a copy of it, the rest as literals. Runs inside a line are
    /// few and short, and not worth looking for.
    pub(super) fn write(&mut self, bytes: &[u8]) {
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return;
        };
        let head = bytes.iter().take_while(|&&b| b == first).count();
        if head == bytes.len() {
            return self.fill(first, head);
        }
        let tail = bytes.iter().rev().take_while(|&&b| b == last).count();
        let (head, tail) = (
            if head >= MIN_RUN { head } else { 0 },
            if tail >= MIN_RUN { tail } else { 0 },
        );
        if head > 0 {
            self.fill(first, head);
        }
        let middle = &bytes[head..bytes.len() - tail];
        if middle.len() >= MIN_STORED {
            self.stored(middle);
        } else {
            self.literals(middle);
        }
        self.adler.update(middle);
        self.written += middle.len();
        if tail > 0 {
            self.fill(last, tail);
        }
    }

    /// Appends `byte` `times` times: once, then as a copy of itself.
    pub(super) fn fill(&mut self, byte: u8, times: usize) {
        if times < MIN_RUN {
            // A PNG line's filter byte comes here alone, once for every line written.
            let bytes = &[byte; MIN_RUN][..times];
            self.literals(bytes);
            self.adler.update(bytes);
            self.written += times;
            return;
        }
        self.literals(&[byte]);
        self.copies(1, times - 1);
        self.adler.update_repeated(&Pattern::of(&[byte]), times);
        self.written += times;
    }

    /// Appends `pattern` `times` more times, as copies. `pattern` must be the last bytes
    /// written: the copies repeat them, and the checksum counts what they stand for.
    pub(super) fn repeat(&mut self, pattern: &Pattern, times: usize) {
        let (distance, length) = (pattern.len, pattern.len * times);
        if length == 0 {
            return;
        }
        assert!(
            distance <= WINDOW && distance <= self.written && length >= MIN_COPY,
            "a repeat copies at least three bytes from the window"
        );
        self.copies(distance, length);
        self.adler.update_repeated(pattern, times);
        self.written += length;
    }

    /// The finished stream: the end of its blocks, and the Adler-32 of all it stands for.
    pub(super) fn finish(mut self) -> Vec<u8> {
        // The coded block ends, and an empty one is the last.
        self.symbol(256);
        self.start_coded_block(true);
        self.symbol(256);
        self.flush_to_byte();
        self.out
            .extend_from_slice(&self.adler.value().to_be_bytes());
        self.out
    }

    /// Writes the bits waiting, the last byte filled out with zeros.
    fn flush_to_byte(&mut self) {
        let pending = self.bit_count.div_ceil(8) as usize;
        self.out
            .extend_from_slice(&self.bits.to_le_bytes()[..pending]);
        (self.bits, self.bit_count) = (0, 0);
    }

    /// A block with the fixed code (BTYPE 01), the last when `last` (BFINAL).
    fn start_coded_block(&mut self, last: bool) {
        self.put(0b010 | u32::from(last), 3);
    }

    /// `bytes` as they are, in a stored block (BTYPE 00) between the coded block it ends and
    /// the one it starts.
    fn stored(&mut self, bytes: &[u8]) {
        for piece in bytes.chunks(usize::from(u16::MAX)) {
            self.symbol(256);
            self.put(0b000, 3);
            // A stored block's length starts at the next whole byte.
            self.flush_to_byte();
            let length = piece.len() as u16;
            self.out.extend_from_slice(&length.to_le_bytes());
            self.out.extend_from_slice(&(!length).to_le_bytes());
            self.out.extend_from_slice(piece);
            self.start_coded_block(false);
        }
    }

    /// `bytes` as literals, with the bit buffer kept in registers.
    fn literals(&mut self, bytes: &[u8]) {
        self.out.reserve(bytes.len() * 9 / 8 + 8);
        let (mut bits, mut count) = (self.bits, self.bit_count);
        for &byte in bytes {
            let (code, length) = FIXED_CODES[usize::from(byte)];
            bits |= u64::from(code) << count;
            count += u32::from(length);
            if count >= 32 {
                self.out.extend_from_slice(&(bits as u32).to_le_bytes());
                bits >>= 32;
                count -= 32;
            }
        }
        (self.bits, self.bit_count) = (bits, count);
    }

    /// `length` (at least [`MIN_COPY`]) bytes copied from `distance` back, in codes of at
    /// most [`MAX_COPY`].
    fn copies(&mut self, distance: usize, length: usize) {
        let mut left = length;
        while left > 0 {
            // Never leave a remainder too short for a copy of its own.
            let take = match left {
                n if n <= MAX_COPY => n,
                n if n - MAX_COPY < MIN_COPY => n - MIN_COPY,
                _ => MAX_COPY,
            };
            self.copy(distance, take);
            left -= take;
        }
    }

    fn copy(&mut self, distance: usize, length: usize) {
        let code = usize::from(LENGTH_CODES[length - MIN_COPY]);
        self.symbol(257 + code as u16);
        let extra = length - usize::from(LENGTH_BASE[code]);
        self.put(extra as u32, u32::from(LENGTH_EXTRA[code]));
        let code = match DISTANCE_CODES.get(distance) {
            Some(&code) => usize::from(code),
            None => DISTANCE_BASE.partition_point(|&base| usize::from(base) <= distance) - 1,
        };
        // Distance codes are five bits, sent like Huffman codes: highest bit first.
        self.put(reverse(code as u32, 5), 5);
        let extra = distance - usize::from(DISTANCE_BASE[code]);
        self.put(extra as u32, u32::from(DISTANCE_EXTRA[code]));
    }

    fn symbol(&mut self, symbol: u16) {
        let (code, length) = FIXED_CODES[usize::from(symbol)];
        self.put(u32::from(code), u32::from(length));
    }

    /// Appends the low `count` (at most 24) bits of `value`, lowest first.
    fn put(&mut self, value: u32, count: u32) {
        self.bits |= u64::from(value) << self.bit_count;
        self.bit_count += count;
        if self.bit_count >= 32 {
            self.out
                .extend_from_slice(&(self.bits as u32).to_le_bytes());
            self.bits >>= 32;
            self.bit_count -= 32;
        }
    }
}

/// The low `count` bits of `code` in reverse order.
const fn reverse(code: u32, count: u32) -> u32 {
    code.reverse_bits() >> (32 - count)
}

const fn fixed_codes() -> [(u16, u8); 288] {
    let mut codes = [(0u16, 0u8); 288];
    let mut symbol = 0;
    while symbol < 288 {
        let s = symbol as u32;
        let (code, length) = match symbol {
            0..=143 => (0x30 + s, 8),
            144..=255 => (0x190 + s - 144, 9),
            256..=279 => (s - 256, 7),
            _ => (0xc0 + s - 280, 8),
        };
        codes[symbol] = (reverse(code, length) as u16, length as u8);
        symbol += 1;
    }
    codes
}

const fn distance_codes() -> [u8; SHORT_DISTANCES + 1] {
    let mut codes = [0u8; SHORT_DISTANCES + 1];
    let mut code = 0;
    let mut distance = 1;
    while distance <= SHORT_DISTANCES {
        if code + 1 < DISTANCE_BASE.len() && DISTANCE_BASE[code + 1] as usize <= distance {
            code += 1;
        }
        codes[distance] = code as u8;
        distance += 1;
    }
    codes
}

const fn length_codes() -> [u8; MAX_COPY - MIN_COPY + 1] {
    let mut codes = [0u8; MAX_COPY - MIN_COPY + 1];
    let mut code = 0;
    let mut length = MIN_COPY;
    while length <= MAX_COPY {
        if code + 1 < LENGTH_BASE.len() && LENGTH_BASE[code + 1] as usize <= length {
            code += 1;
        }
        codes[length - MIN_COPY] = code as u8;
        length += 1;
    }
    codes
}

/// Bytes to repeat, with the sums their checksum needs, made once for every repeat.
pub(super) struct Pattern {
    len: usize,
    /// The bytes' sum, and each byte times its distance from the end (the last counts once),
    /// modulo [`ADLER_MOD`].
    sum: u64,
    weighted: u64,
}

impl Pattern {
    pub(super) fn of(bytes: &[u8]) -> Self {
        let sum = bytes.iter().map(|&b| u64::from(b)).sum::<u64>() % ADLER_MOD;
        let weighted = bytes
            .iter()
            .enumerate()
            .map(|(i, &b)| (bytes.len() - i) as u64 * u64::from(b))
            .sum::<u64>()
            % ADLER_MOD;
        Pattern {
            len: bytes.len(),
            sum,
            weighted,
        }
    }
}

/// The Adler-32 checksum (RFC 1950): two sums modulo [`ADLER_MOD`].
struct Adler32 {
    a: u64,
    b: u64,
}

impl Default for Adler32 {
    fn default() -> Self {
        Adler32 { a: 1, b: 0 }
    }
}

impl Adler32 {
    fn update(&mut self, bytes: &[u8]) {
        // The sums stay far below u64's limit over a chunk this long before they are reduced.
        for chunk in bytes.chunks(4096) {
            for &byte in chunk {
                self.a += u64::from(byte);
                self.b += self.a;
            }
            self.a %= ADLER_MOD;
            self.b %= ADLER_MOD;
        }
    }

    /// As `times` updates with `pattern`, in a few multiplications: each adds the pattern's
    /// sum to `a`, and to `b` its length times `a` before it plus the pattern's weighted sum.
    fn update_repeated(&mut self, pattern: &Pattern, times: usize) {
        let length = pattern.len as u64 % ADLER_MOD;
        let k = times as u64 % ADLER_MOD;
        // Σ j for j < times: how many pattern sums `a` holds before each repeat, in all.
        let before = (times as u64 * (times as u64).saturating_sub(1) / 2) % ADLER_MOD;
        self.b = (self.b
            + k * length % ADLER_MOD * self.a
            + length * pattern.sum % ADLER_MOD * before
            + k * pattern.weighted)
            % ADLER_MOD;
        self.a = (self.a + k * pattern.sum) % ADLER_MOD;
    }

    fn value(&self) -> u32 {
        ((self.b << 16) | self.a) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::{Adler32, Pattern, Zlib};

    fn inflate(stream: &[u8]) -> Vec<u8> {
        fdeflate::decompress_to_vec(stream).expect("a valid zlib stream")
    }

    fn adler32(bytes: &[u8]) -> u32 {
        let mut adler = Adler32::default();
        adler.update(bytes);
        adler.value()
    }

    #[test]
    fn writes_fills_and_repeats_inflate_to_the_bytes_they_stand_for() {
        let mut zlib = Zlib::new(64);
        let mut expected = Vec::new();
        let mut state = 7u32;
        let mut next = || {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 8) as usize
        };
        for round in 0..300usize {
            // Runs of every length up to past two full copies, bytes from both halves of the
            // literal code, and repeats at short and long distances.
            let mut bytes = Vec::new();
            for _ in 0..round % 9 {
                let byte = [0u8, 2, 143, 144, 255][next() % 5];
                bytes.extend(std::iter::repeat_n(byte, 1 + next() % (round * 2 + 1)));
            }
            zlib.write(&bytes);
            expected.extend_from_slice(&bytes);
            let (byte, times) = ((next() % 256) as u8, next() % 600);
            zlib.fill(byte, times);
            expected.extend(std::iter::repeat_n(byte, times));
            let length = [3, 53, 300, 1][round % 4].min(expected.len());
            if length >= 3 {
                let pattern = expected[expected.len() - length..].to_vec();
                let times = round % 5;
                zlib.repeat(&Pattern::of(&pattern), times);
                (0..times).for_each(|_| expected.extend_from_slice(&pattern));
            }
        }
        assert!(expected.len() > 100_000, "{}", expected.len());
        let stream = zlib.finish();
        assert_eq!(inflate(&stream), expected);
        let checksum = u32::from_be_bytes(stream[stream.len() - 4..].try_into().unwrap());
        assert_eq!(checksum, adler32(&expected));
    }

    #[test]
    fn adler32_matches_the_checksum_of_rfc_1950() {
        // The example every implementation is checked against.
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        let long = vec![255u8; 100_000];
        let (mut a, mut b) = (1u64, 0u64);
        for &byte in &long {
            a = (a + u64::from(byte)) % 65_521;
            b = (b + a) % 65_521;
        }
        assert_eq!(adler32(&long), ((b << 16) | a) as u32);
    }

    #[test]
    fn a_repeat_sums_as_the_bytes_it_stands_for() {
        let pattern: Vec<u8> = (0..=255).rev().cycle().take(700).collect();
        for times in [0, 1, 2, 97, 300] {
            let mut repeated = Adler32::default();
            repeated.update(&[9, 200]);
            repeated.update_repeated(&Pattern::of(&pattern), times);
            let mut bytes = vec![9, 200];
            (0..times).for_each(|_| bytes.extend_from_slice(&pattern));
            assert_eq!(repeated.value(), adler32(&bytes), "{times} times");
        }
    }
}
