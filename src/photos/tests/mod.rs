//! The photo stage's tests: test images are made in code (no binary fixtures) and run through
//! the whole stage, cache included, then read back and measured.

mod cache;
mod images;

use super::cache::entry_key;
use super::encode::{encode_jpeg, encode_within};
use super::format::jpeg_is_complete;
use super::index::INDEX_FILE;
use super::ops::{Rect, capped_size, portrait_crop, rect_in_source};
use super::*;
use image::metadata::Orientation;
use image::{DynamicImage, ImageEncoder, ImageFormat, Rgb, RgbImage};
use std::fs::{self, File};
use std::io::Cursor;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

pub(super) const RED: Rgb<u8> = Rgb([220, 20, 20]);
pub(super) const BLUE: Rgb<u8> = Rgb([20, 20, 220]);
pub(super) const GREEN: Rgb<u8> = Rgb([20, 200, 20]);
pub(super) const GREY: Rgb<u8> = Rgb([128, 128, 128]);

// ---- building test images (no binary fixtures) ----

pub(super) fn jpeg_of(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode test JPEG");
    out
}

pub(super) fn png_of(image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .expect("encode test PNG");
    out
}

/// Inserts an EXIF APP1 segment (big-endian TIFF, one IFD entry: Orientation) after SOI.
pub(super) fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a");
    tiff.extend_from_slice(&8u32.to_be_bytes()); // first IFD right after the header
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // tag: Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // type: SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // count
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]); // value padding to 4 bytes
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let length = u16::try_from(payload.len() + 2).expect("short segment");
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

pub(super) fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

pub(super) fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A valid PNG header claiming `width`×`height` RGBA, with a token IDAT: what a
/// decompression bomb looks like before its pixels are inflated.
pub(super) fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA, no interlace
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    png_chunk(&mut out, b"IEND", &[]);
    out
}

pub(super) fn noise(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut state = seed | 1;
    RgbImage::from_fn(width, height, |_, _| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let [r, g, b, ..] = state.to_le_bytes();
        Rgb([r, g, b])
    })
}

pub(super) fn halves(width: u32, height: u32, left: Rgb<u8>, right: Rgb<u8>) -> RgbImage {
    RgbImage::from_fn(
        width,
        height,
        |x, _| if x < width / 2 { left } else { right },
    )
}

pub(super) struct Site {
    pub(super) dir: tempfile::TempDir,
}

impl Site {
    pub(super) fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }
    pub(super) fn cache_dir(&self) -> PathBuf {
        self.dir.path().join(".noticeboard-cache/photos")
    }
    pub(super) fn cache(&self) -> PhotoCache {
        let mut cache = PhotoCache::open(&self.cache_dir()).expect("open cache");
        cache.racy_window = Duration::ZERO;
        cache
    }
    pub(super) fn add(&self, name: &str, bytes: &[u8]) -> (PathBuf, String) {
        let path = self.dir.path().join("people").join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, bytes).expect("write source");
        (path, format!("people/{name}"))
    }
}

pub(super) fn ready(outcome: Option<&PhotoOutcome>) -> &PhotoSet {
    match outcome {
        Some(PhotoOutcome::Ready(set)) => set,
        other => panic!("expected a ready photo, got {other:?}"),
    }
}

pub(super) fn warning(outcome: Option<&PhotoOutcome>) -> &str {
    match outcome {
        Some(PhotoOutcome::Unusable { warning }) => warning,
        other => panic!("expected an unusable photo, got {other:?}"),
    }
}

pub(super) fn process_one(site: &Site, name: &str, bytes: &[u8]) -> (PhotoOutcome, ProcessStats) {
    let source = site.add(name, bytes);
    let (mut outcomes, stats) = site
        .cache()
        .process_all(std::slice::from_ref(&source), false);
    (
        outcomes.remove(&source.0).expect("an outcome per source"),
        stats,
    )
}

pub(super) fn open_rendition(site: &Site, rendition: &Rendition) -> RgbImage {
    image::open(site.cache_dir().join(&rendition.file_name))
        .expect("rendition decodes")
        .to_rgb8()
}

pub(super) fn all_renditions(set: &PhotoSet) -> Vec<&Rendition> {
    set.screen.iter().chain([&set.print]).collect()
}

/// Mean colour of the rows in `[from, to)` (fractions of the height).
pub(super) fn band_mean(image: &RgbImage, from: f64, to: f64) -> [f64; 3] {
    let (y0, y1) = (
        (from * f64::from(image.height())) as u32,
        (to * f64::from(image.height())) as u32,
    );
    let mut sum = [0.0; 3];
    let mut n = 0.0;
    for y in y0..y1 {
        for x in 0..image.width() {
            let p = image.get_pixel(x, y);
            for c in 0..3 {
                sum[c] += f64::from(p[c]);
            }
            n += 1.0;
        }
    }
    sum.map(|s| s / n)
}

pub(super) fn close_to(actual: [f64; 3], expected: Rgb<u8>) -> bool {
    actual
        .iter()
        .zip(expected.0)
        .all(|(a, e)| (a - f64::from(e)).abs() < 30.0)
}
