//! Photo stage: turns the clerks' snapshots into small, upright, 3:4 portrait JPEGs for screens
//! (a `srcset` pair) and one print size for the A4 boards, cached by content so that a second
//! build decodes nothing.
//!
//! Choices, each measured on a 2-core machine:
//! - Resizing uses fast_image_resize (Lanczos3): 12–17 ms per 3000×4000 → 480×640 against
//!   160–340 ms for image's own Lanczos3, with the same result (SSIM 0.9997). Decoding the JPEG
//!   (~150 ms) is then the main cost of a cold build.
//! - Encoding uses jpeg-encoder with 4:2:0 chroma: ~19% smaller than image's JPEG encoder at the
//!   same quality setting and the same luma SSIM. WebP is not written: image's encoder is lossless
//!   only (6–9× larger than JPEG), webp-rust 0.3 wrote corrupt files at q90, and the one good pure
//!   Rust lossy encoder (zenwebp) is AGPL.
//! - Content hashes use SHA-256 (sha2): 1.5 GB/s here against 2.5 GB/s for BLAKE3, a gap that only
//!   shows on cold builds, where decoding costs far more; warm builds skip hashing through a small
//!   index keyed by path, size, mtime, ctime and inode.
//!
//! Cache layout (`<site>/.noticeboard-cache/photos`):
//! - `<key>-<width>.jpg` screen renditions, `<key>-print.jpg` the print rendition;
//! - `<key>.meta` the manifest of one key, written last, so its presence means every rendition of
//!   that key was completely written;
//! - `index.tsv` path → content hash, rewritten after each run with the current sources only.
//!
//! `<key>` is the first 16 hex digits of SHA-256(settings id, SHA-256(source bytes)), so two
//! identical photos share renditions and any change of sizes, quality or algorithm makes new keys.
//!
//! The stage is split as in Zola's imageproc: `format` sniffs and decodes a file within
//! limits, `ops` crops, resizes and orients its pixels, `encode` turns a source into JPEG
//! renditions, `processor` runs that for a site's photos in parallel, and `cache` and
//! `index` keep them on disk keyed by content.

mod cache;
mod encode;
mod error;
mod format;
mod index;
mod ops;
mod processor;
#[cfg(test)]
mod tests;

pub use cache::PhotoCache;

use std::io;

/// Bump when the pixels written for the same source and settings would change (new resizer,
/// encoder, crop rule...), so that old cache entries stop matching.
const ALGORITHM_VERSION: &str =
    "photos-v1 crop=3:4-top resize=fir6-lanczos3 jpeg=jpeg-encoder0.7-420";

/// What the photos look like. The defaults are the ones the boards are designed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSettings {
    /// Screen rendition widths in pixels (3:4, so 240 → 240×320); sorted when the cache opens.
    pub screen_widths: Vec<u32>,
    /// Print rendition width: 354×472 is a 30×40 mm photo at 300 dpi.
    pub print_width: u32,
    /// Resolution written into the print file's JFIF header.
    pub print_dpi: u16,
    /// JPEG quality of screen renditions before any step-down to fit `max_screen_bytes`.
    pub screen_quality: u8,
    /// JPEG quality of the print rendition.
    pub print_quality: u8,
    /// Upper bound for each screen file, for cheap phones on slow connections.
    pub max_screen_bytes: u64,
}

impl Default for PhotoSettings {
    fn default() -> Self {
        Self {
            screen_widths: vec![240, 480],
            print_width: 354,
            print_dpi: 300,
            screen_quality: 80,
            print_quality: 90,
            max_screen_bytes: 60_000,
        }
    }
}

impl PhotoSettings {
    /// Every field that changes the output bytes, so it can be part of the cache key.
    fn id(&self) -> String {
        format!(
            "{ALGORITHM_VERSION}; screen={:?} q{} max{}; print={} q{} {}dpi",
            self.screen_widths,
            self.screen_quality,
            self.max_screen_bytes,
            self.print_width,
            self.print_quality,
            self.print_dpi
        )
    }

    fn validate(&self) -> io::Result<()> {
        let widths_ok = self
            .screen_widths
            .iter()
            .chain([&self.print_width])
            .all(|w| (1..=4096).contains(w));
        let quality_ok = [self.screen_quality, self.print_quality]
            .iter()
            .all(|q| (1..=100).contains(q));
        if widths_ok && quality_ok && !self.screen_widths.is_empty() {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("photo settings out of range: {self:?}"),
            ))
        }
    }
}

/// One processed file in the cache (and, after `publish`, in the output's photos folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    /// Content-hash-keyed, e.g. `9f3c1a2b4d5e6f70-240.jpg`.
    pub file_name: String,
    /// In pixels.
    pub width: u32,
    /// In pixels.
    pub height: u32,
    /// The file's size.
    pub bytes: u64,
}

/// Every rendition of one photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSet {
    /// Ascending width. Usually 240 and 480 wide; a small source gives fewer or narrower ones,
    /// since nothing is enlarged.
    pub screen: Vec<Rendition>,
    /// 354×472 for a 30×40 mm photo at 300 dpi, or smaller for a small source: size it on the
    /// page in millimetres, not pixels.
    pub print: Rendition,
}

impl PhotoSet {
    /// The `srcset` attribute value, e.g. `photos/a-240.jpg 240w, photos/a-480.jpg 480w`.
    pub fn srcset(&self, url_prefix: &str) -> String {
        self.screen
            .iter()
            .map(|r| format!("{url_prefix}{} {}w", r.file_name, r.width))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a source photo became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoOutcome {
    /// Its renditions, in the cache.
    Ready(PhotoSet),
    /// The page shows a placeholder; `warning` names the file and says what to do.
    Unusable {
        /// The file's name, then what is wrong and what to do.
        warning: String,
    },
}

/// How a run of [`PhotoCache::process_all`] went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProcessStats {
    /// Sources decoded and rendered in this run.
    pub processed: usize,
    /// Sources whose renditions were already cached (or rendered for an identical file).
    pub reused: usize,
    /// Sources that get a placeholder.
    pub unusable: usize,
}
