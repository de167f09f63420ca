//! Scoring a masked QR symbol, to choose its mask (ISO/IEC 18004, 7.8.3): every rule is a
//! handful of word operations per row or column. A symbol up to 64 modules wide (version 11:
//! every unit's address) is scored in single `u64` words; wider ones in [`Line`]s of three.

use std::ops::{BitAnd, BitOr, BitXor, Not};

/// A row or column of modules as bits (bit `x` for module `x`, set for dark); bits past the
/// symbol stay clear, so the outside reads as light, as the penalty rules want.
pub(super) trait Word:
    Copy + BitAnd<Output = Self> + BitOr<Output = Self> + BitXor<Output = Self> + Not<Output = Self>
{
    /// The first `n` modules set.
    fn first(n: usize) -> Self;
    /// Module `x + n` at position `x`, for `n` in 1..64.
    fn shr(self, n: u32) -> Self;
    /// Module `x - n` at position `x`, for `n` in 1..64; before the first module reads light.
    fn shl(self, n: u32) -> Self;
    fn count(self) -> u32;
    /// Sets module `x` when `dark`, without a branch.
    fn put(&mut self, x: usize, dark: bool);
    /// The line's modules in a word of this kind: a `u64` takes only the first 64.
    fn from_line(line: Line) -> Self;
    fn to_line(self) -> Line;
}

impl Word for u64 {
    fn first(n: usize) -> u64 {
        if n >= 64 { u64::MAX } else { (1 << n) - 1 }
    }
    fn shr(self, n: u32) -> u64 {
        self >> n
    }
    fn shl(self, n: u32) -> u64 {
        self << n
    }
    fn count(self) -> u32 {
        self.count_ones()
    }
    fn put(&mut self, x: usize, dark: bool) {
        *self |= u64::from(dark) << x;
    }
    fn from_line(line: Line) -> u64 {
        line.0[0]
    }
    fn to_line(self) -> Line {
        Line([self, 0, 0])
    }
}

/// The penalty of a symbol `width` modules wide with these rows and columns (the rows of the
/// transposed symbol): runs of five or more modules of one colour, 2×2 blocks of one colour,
/// finder-like `#.###.#` runs with four light modules on a side, and a dark share away from
/// half. The lowest score decides the mask, so scanners find an even, finder-free pattern.
///
/// The `qrcode` crate scores masks the same way, with the same rules and the same
/// simplifications, but allocates for each position it tests; at city scale its mask choice
/// was a tenth of a whole build. The test `masks_are_chosen_exactly_as_the_qrcode_crate_does`
/// keeps the two identical.
pub(super) fn score<W: Word>(width: usize, rows: &[W], columns: &[W]) -> u32 {
    let inside = W::first(width);
    let pairs = W::first(width - 1);
    let lines = rows.iter().chain(columns);
    let mut score: u32 = lines.map(|&line| line_penalty(line, pairs)).sum();
    // Rule 2: every 2×2 block of one colour, overlaps counted, costs 3.
    for (&upper, &lower) in rows.iter().zip(&rows[1..]) {
        let same_below = !(upper ^ lower) & inside;
        let same_right = !(upper ^ upper.shr(1)) & pairs;
        score += 3 * (same_below & same_below.shr(1) & same_right).count();
    }
    // Rule 4: the dark share's distance from 50%, one point per half percent.
    let dark: u32 = rows.iter().map(|&row| row.count()).sum();
    let ratio = dark as usize * 200 / (width * width);
    score + (ratio as u32).abs_diff(100)
}

/// Rules 1 and 3 along one row or column. `pairs` marks the modules that have a next one.
fn line_penalty<W: Word>(line: W, pairs: W) -> u32 {
    // Rule 1: a run of 5 + n modules of one colour costs 3 + n. A run of length L holds L - 4
    // windows of five alike; the first window of each run carries the other 2.
    let alike = !(line ^ line.shr(1)) & pairs;
    let two = alike & alike.shr(1);
    let five = two & two.shr(2);
    let runs = five.count() + 2 * (five & !five.shl(1)).count();
    // Rule 3: #.###.# with four light modules before or after it (outside the symbol counts
    // as light) costs 40. The three finder patterns themselves add the same 720 to every mask.
    let finder =
        line & !line.shr(1) & line.shr(2) & line.shr(3) & line.shr(4) & !line.shr(5) & line.shr(6);
    // Modules x-1 and x-2, then x-3 and x-4 with them; x+7 to x+10 the same way.
    let before = line.shl(1) | line.shl(2);
    let dark_before = before | before.shl(2);
    let after = line.shr(7) | line.shr(8);
    let dark_after = after | after.shr(2);
    let finders = (finder & !(dark_before & dark_after)).count();
    runs + 40 * finders
}

/// One row or column of a symbol, a bit per module (bit `x` for module `x`), set for dark.
/// Three words hold the widest symbol (177 modules). Bits past the symbol stay clear, so the
/// outside reads as light, as the penalty rules want; results of `!` are masked before they
/// are counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Line([u64; 3]);

impl Line {
    /// Modules 0 to 63, 64 to 127 and 128 to 191, lowest first.
    pub(super) fn words(self) -> [u64; 3] {
        self.0
    }

    pub(super) fn get(&self, x: usize) -> bool {
        self.0[x / 64] >> (x % 64) & 1 == 1
    }
}

impl Word for Line {
    fn first(n: usize) -> Line {
        Line(std::array::from_fn(|i| {
            u64::first(n.saturating_sub(i * 64))
        }))
    }

    fn shr(self, n: u32) -> Line {
        let [a, b, c] = self.0;
        Line([a >> n | b << (64 - n), b >> n | c << (64 - n), c >> n])
    }

    fn shl(self, n: u32) -> Line {
        let [a, b, c] = self.0;
        Line([a << n, b << n | a >> (64 - n), c << n | b >> (64 - n)])
    }

    fn count(self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    fn put(&mut self, x: usize, dark: bool) {
        self.0[x / 64] |= u64::from(dark) << (x % 64);
    }

    fn from_line(line: Line) -> Line {
        line
    }

    fn to_line(self) -> Line {
        self
    }
}

impl BitAnd for Line {
    type Output = Line;
    fn bitand(self, other: Line) -> Line {
        Line(std::array::from_fn(|i| self.0[i] & other.0[i]))
    }
}

impl BitOr for Line {
    type Output = Line;
    fn bitor(self, other: Line) -> Line {
        Line(std::array::from_fn(|i| self.0[i] | other.0[i]))
    }
}

impl BitXor for Line {
    type Output = Line;
    fn bitxor(self, other: Line) -> Line {
        Line(std::array::from_fn(|i| self.0[i] ^ other.0[i]))
    }
}

impl Not for Line {
    type Output = Line;
    fn not(self) -> Line {
        Line(self.0.map(|w| !w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of pseudo-random bits (xorshift), the same every run.
    fn random_words(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// A narrow symbol scores the same in single words as in three-word lines.
    #[test]
    fn single_words_score_as_lines_do() {
        let mut random = random_words(0x2545_f491_4f6c_dd1d);
        for width in [21, 25, 41, 57, 61, 63, 64] {
            for _ in 0..20 {
                let mut rows = vec![Line::default(); width];
                let mut columns = vec![Line::default(); width];
                for (y, row) in rows.iter_mut().enumerate() {
                    let bits = random();
                    for x in (0..width).filter(|&x| bits >> (x % 64) & 1 == 1) {
                        row.put(x, true);
                        columns[x].put(y, true);
                    }
                }
                let narrow = |lines: &[Line]| -> Vec<u64> {
                    lines.iter().map(|&line| u64::from_line(line)).collect()
                };
                assert_eq!(
                    score(width, &narrow(&rows), &narrow(&columns)),
                    score(width, &rows, &columns),
                    "width {width}"
                );
            }
        }
    }

    /// The penalty rules read neighbours through these shifts, across word boundaries too.
    #[test]
    fn line_shifts_move_every_module_by_n() {
        let mut random = random_words(0x9e37_79b9_7f4a_7c15);
        for _ in 0..50 {
            let line = Line([random(), random(), random()]);
            for n in 1..=10 {
                let (right, left) = (line.shr(n), line.shl(n));
                for x in 0..192 {
                    let n = n as usize;
                    assert_eq!(
                        right.get(x),
                        x + n < 192 && line.get(x + n),
                        "shr {n} at {x}"
                    );
                    assert_eq!(left.get(x), x >= n && line.get(x - n), "shl {n} at {x}");
                }
            }
        }
        for n in [0, 1, 63, 64, 65, 127, 128, 177, 192] {
            let first = Line::first(n);
            assert!((0..192).all(|x| first.get(x) == (x < n)), "first {n}");
        }
    }
}
