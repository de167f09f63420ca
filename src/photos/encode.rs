//! One source photo to its renditions: decode, crop, resize and orient, then encode each
//! rendition as JPEG within its byte cap. Pure: no file access.

use super::PhotoSettings;
use super::error::{MIN_CROP_WIDTH, Unusable};
use super::format::decode;
use super::ops::{SourcePixels, capped_size, portrait_crop, rect_in_source, swaps_axes};
use fast_image_resize as fir;

/// Screen renditions step down in quality until they fit the byte cap, but not below this.
pub(super) const MIN_SCREEN_QUALITY: u8 = 40;
pub(super) const QUALITY_STEP: u8 = 5;

pub(super) struct EncodedImage {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) jpeg: Vec<u8>,
}

pub(super) struct EncodedSet {
    pub(super) screen: Vec<EncodedImage>,
    pub(super) print: EncodedImage,
}

/// Decode `bytes`, then crop, resize, orient and encode every rendition. Pure: no file access.
pub(super) fn render(bytes: &[u8], settings: &PhotoSettings) -> Result<EncodedSet, Unusable> {
    let (image, orientation) = decode(bytes)?;
    let source = SourcePixels::from_image(image)?;
    let (oriented_w, oriented_h) = if swaps_axes(orientation) {
        (source.height, source.width)
    } else {
        (source.width, source.height)
    };
    let crop = portrait_crop(oriented_w, oriented_h);
    // Whole pixels only: a crop 95.9 pixels wide cannot give a 96-pixel rendition.
    let crop_width = crop.width.floor() as u32;
    if crop_width < MIN_CROP_WIDTH {
        return Err(Unusable::TooSmall {
            width: oriented_w,
            height: oriented_h,
        });
    }
    let source_crop = rect_in_source(orientation, oriented_w, oriented_h, crop);

    let mut resizer = fir::Resizer::new();
    let mut render_one =
        |target_width: u32, quality: u8, dpi: Option<u16>, max_bytes: Option<u64>| {
            let (width, height) = capped_size(target_width, crop_width);
            let pixels = source.resize(&mut resizer, source_crop, width, height, orientation)?;
            encode_within(&pixels, quality, dpi, max_bytes)
        };

    let mut screen: Vec<EncodedImage> = Vec::new();
    for &target in &settings.screen_widths {
        let (width, _) = capped_size(target, crop_width);
        if screen.last().is_some_and(|prev| prev.width == width) {
            continue; // a small source caps several targets to the same width
        }
        if let Some(image) = render_one(
            target,
            settings.screen_quality,
            None,
            Some(settings.max_screen_bytes),
        )? {
            screen.push(image);
        }
    }
    if screen.is_empty() {
        return Err(Unusable::Incompressible);
    }
    let print = render_one(
        settings.print_width,
        settings.print_quality,
        Some(settings.print_dpi),
        None,
    )?
    .ok_or(Unusable::Incompressible)?;
    Ok(EncodedSet { screen, print })
}

/// Encodes at `quality`, stepping down until the file fits `max_bytes`. `None` if it never does.
pub(super) fn encode_within(
    pixels: &image::RgbImage,
    quality: u8,
    dpi: Option<u16>,
    max_bytes: Option<u64>,
) -> Result<Option<EncodedImage>, Unusable> {
    let mut quality = quality;
    loop {
        let jpeg = encode_jpeg(pixels, quality, dpi)?;
        let fits = max_bytes.is_none_or(|max| jpeg.len() as u64 <= max);
        if fits {
            return Ok(Some(EncodedImage {
                width: pixels.width(),
                height: pixels.height(),
                jpeg,
            }));
        }
        if quality <= MIN_SCREEN_QUALITY {
            return Ok(None);
        }
        quality = quality.saturating_sub(QUALITY_STEP).max(MIN_SCREEN_QUALITY);
    }
}

pub(super) fn encode_jpeg(
    pixels: &image::RgbImage,
    quality: u8,
    dpi: Option<u16>,
) -> Result<Vec<u8>, Unusable> {
    let internal =
        |e: &dyn std::fmt::Display| Unusable::Damaged(format!("JPEG encoding failed: {e}"));
    let width = u16::try_from(pixels.width()).map_err(|e| internal(&e))?;
    let height = u16::try_from(pixels.height()).map_err(|e| internal(&e))?;
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    // Optimized Huffman tables make jpeg-encoder write one scan per component in a baseline
    // 4:2:0 file, which image 0.25's decoder (zune-jpeg) turns into green stripes. The saving
    // is 1–2%: leave them off.
    encoder.set_optimized_huffman_tables(false);
    if let Some(dpi) = dpi {
        encoder.set_density(jpeg_encoder::PixelDensity::dpi(dpi));
    }
    encoder
        .encode(pixels.as_raw(), width, height, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| internal(&e))?;
    Ok(out)
}
