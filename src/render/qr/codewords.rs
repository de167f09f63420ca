//! A symbol's codewords (ISO/IEC 18004, 7.5 and 7.6): its data split into the blocks its
//! version and error-correction level call for, each block's Reed–Solomon error correction,
//! and both interleaved block by block.
//!
//! The `qrcode` crate does the same, multiplying in GF(256) through its log and antilog
//! tables one coefficient at a time and allocating for every block; a province's 64,000
//! codes spent as long on that as on choosing their masks. Here each error-correction length
//! has, once per process, a table of the generator polynomial times each byte, and a block is
//! divided through it a 256-bit word at a time: one table row XORed in per data byte. The
//! test `codewords_are_the_qrcode_crates` holds both to the same bytes for every version and
//! level.

use qrcode::EcLevel;
use std::sync::OnceLock;

/// Error-correction codewords per block, by version (1 to 40) and level (L, M, Q, H), from the
/// specification's table 9.
const EC_PER_BLOCK: [[u8; 4]; 40] = [
    [7, 10, 13, 17],
    [10, 16, 22, 28],
    [15, 26, 18, 22],
    [20, 18, 26, 16],
    [26, 24, 18, 22],
    [18, 16, 24, 28],
    [20, 18, 18, 26],
    [24, 22, 22, 26],
    [30, 22, 20, 24],
    [18, 26, 24, 28],
    [20, 30, 28, 24],
    [24, 22, 26, 28],
    [26, 22, 24, 22],
    [30, 24, 20, 24],
    [22, 24, 30, 24],
    [24, 28, 24, 30],
    [28, 28, 28, 28],
    [30, 26, 28, 28],
    [28, 26, 26, 26],
    [28, 26, 30, 28],
    [28, 26, 28, 30],
    [28, 28, 30, 24],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [26, 28, 30, 30],
    [28, 28, 28, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
    [30, 28, 30, 30],
];

/// Blocks, by version (1 to 40) and level (L, M, Q, H), from the same table.
const BLOCKS: [[u8; 4]; 40] = [
    [1, 1, 1, 1],
    [1, 1, 1, 1],
    [1, 1, 2, 2],
    [1, 2, 2, 4],
    [1, 2, 4, 4],
    [2, 4, 4, 4],
    [2, 4, 6, 5],
    [2, 4, 6, 6],
    [2, 5, 8, 8],
    [4, 5, 8, 8],
    [4, 5, 8, 11],
    [4, 8, 10, 11],
    [4, 9, 12, 16],
    [4, 9, 16, 16],
    [6, 10, 12, 18],
    [6, 10, 17, 16],
    [6, 11, 16, 19],
    [6, 13, 18, 21],
    [7, 14, 21, 25],
    [8, 16, 20, 25],
    [8, 17, 23, 25],
    [9, 17, 23, 34],
    [9, 18, 25, 30],
    [10, 20, 27, 32],
    [12, 21, 29, 35],
    [12, 23, 34, 37],
    [12, 25, 34, 40],
    [13, 26, 35, 42],
    [14, 28, 38, 45],
    [15, 29, 40, 48],
    [16, 31, 43, 51],
    [17, 33, 45, 54],
    [18, 35, 48, 57],
    [19, 37, 51, 60],
    [19, 38, 53, 63],
    [20, 40, 56, 66],
    [21, 43, 59, 70],
    [22, 45, 62, 74],
    [24, 47, 65, 77],
    [25, 49, 68, 81],
];

/// The most error-correction codewords a block has: they fit the 32 bytes of a [`Remainder`].
const MOST_EC: usize = 30;

/// Up to 32 bytes as four words, byte 0 the first word's most significant.
type Remainder = [u64; 4];

/// The data codewords of a symbol of version `number` (1 to 40) at `level` holding
/// `total` codewords in all, then its error-correction codewords, in the order they are
/// placed. `data` must hold exactly the symbol's data codewords: `total` less the
/// error-correction codewords.
pub(super) fn codewords(number: i16, level: EcLevel, total: usize, data: &[u8]) -> Vec<u8> {
    let (ec, blocks) = structure(number, level);
    debug_assert_eq!(data.len() + ec * blocks, total);
    // The first blocks are a codeword shorter than the last `long` ones.
    let short = data.len() / blocks;
    let long = data.len() % blocks;
    let mut rest = data;
    let split: Vec<&[u8]> = (0..blocks)
        .map(|b| {
            let (block, after) = rest.split_at(short + usize::from(b >= blocks - long));
            rest = after;
            block
        })
        .collect();
    let mut out = Vec::with_capacity(total);
    for i in 0..=short {
        out.extend(split.iter().filter_map(|block| block.get(i)));
    }
    let divisor = Divisor::of(ec);
    let remainders: Vec<Remainder> = split.iter().map(|block| divisor.remainder(block)).collect();
    for i in 0..ec {
        for r in &remainders {
            out.push((r[i / 8] >> (56 - 8 * (i % 8))) as u8);
        }
    }
    out
}

/// Error-correction codewords per block, and blocks.
fn structure(number: i16, level: EcLevel) -> (usize, usize) {
    // Lossless: versions run from 1 to 40.
    let v = (number - 1) as usize;
    let l = level as usize;
    (usize::from(EC_PER_BLOCK[v][l]), usize::from(BLOCKS[v][l]))
}

/// The generator polynomial of one error-correction length times every byte, each product's
/// coefficients (the leading 1 left out) as a [`Remainder`].
struct Divisor {
    times: Vec<Remainder>,
}

impl Divisor {
    /// The divisor for `ec` error-correction codewords, made once per process.
    fn of(ec: usize) -> &'static Divisor {
        static DIVISORS: [OnceLock<Divisor>; MOST_EC + 1] =
            [const { OnceLock::new() }; MOST_EC + 1];
        DIVISORS[ec].get_or_init(|| Divisor::new(ec))
    }

    fn new(ec: usize) -> Divisor {
        let field = Field::get();
        // (x - α⁰)(x - α¹)…(x - α^(ec-1)), highest power first, its leading 1 left out.
        let mut generator = vec![0u8; ec];
        generator[ec - 1] = 1;
        for i in 0..ec {
            let root = field.exp[i];
            for j in 0..ec {
                let next = generator.get(j + 1).copied().unwrap_or(0);
                generator[j] = field.multiply(generator[j], root) ^ next;
            }
        }
        let times = (0..=255u8)
            .map(|factor| {
                let mut row: Remainder = [0; 4];
                for (j, &g) in generator.iter().enumerate() {
                    row[j / 8] |= u64::from(field.multiply(g, factor)) << (56 - 8 * (j % 8));
                }
                row
            })
            .collect();
        Divisor { times }
    }

    /// The remainder of `block`, shifted up by the generator's degree, divided by the
    /// generator: the block's error-correction codewords, first in byte 0.
    fn remainder(&self, block: &[u8]) -> Remainder {
        let mut r: Remainder = [0; 4];
        for &byte in block {
            let factor = usize::from(byte ^ (r[0] >> 56) as u8);
            r = [
                r[0] << 8 | r[1] >> 56,
                r[1] << 8 | r[2] >> 56,
                r[2] << 8 | r[3] >> 56,
                r[3] << 8,
            ];
            let row = &self.times[factor];
            for (word, t) in r.iter_mut().zip(row) {
                *word ^= t;
            }
        }
        r
    }
}

/// GF(256) with the QR specification's polynomial x⁸ + x⁴ + x³ + x² + 1: powers of α = 2 and
/// their logarithms.
struct Field {
    exp: [u8; 255],
    log: [u8; 256],
}

impl Field {
    fn get() -> &'static Field {
        static FIELD: OnceLock<Field> = OnceLock::new();
        FIELD.get_or_init(|| {
            let mut field = Field {
                exp: [0; 255],
                log: [0; 256],
            };
            let mut x: u16 = 1;
            for i in 0..255 {
                // Lossless: x stays below 256 after the reduction.
                field.exp[i] = x as u8;
                field.log[x as usize] = i as u8;
                x <<= 1;
                if x & 0x100 != 0 {
                    x ^= 0x11d;
                }
            }
            field
        })
    }

    fn multiply(&self, a: u8, b: u8) -> u8 {
        if a == 0 || b == 0 {
            return 0;
        }
        let sum = usize::from(self.log[usize::from(a)]) + usize::from(self.log[usize::from(b)]);
        self.exp[sum % 255]
    }
}
