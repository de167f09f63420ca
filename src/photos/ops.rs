//! Geometry and pixels: the 3:4 portrait crop, mapped back through the EXIF orientation so
//! that cropping and resizing happen before rotating, and the resize itself.

use super::error::Unusable;
use fast_image_resize as fir;
use image::DynamicImage;
use image::metadata::Orientation;

/// Width and height of a 3:4 rendition `target` wide, never wider than the crop (no enlarging).
pub(super) fn capped_size(target: u32, crop_width: u32) -> (u32, u32) {
    let width = target.min(crop_width).max(1);
    let height = ((u64::from(width) * 4 + 1) / 3) as u32; // rounded: 354 → 472, 150 → 200
    (width, height)
}

/// Decoded pixels in one of the two layouts the resizer and encoder need.
pub(super) struct SourcePixels {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) has_alpha: bool,
    pub(super) buffer: Vec<u8>,
}

impl SourcePixels {
    pub(super) fn from_image(image: DynamicImage) -> Result<Self, Unusable> {
        let (width, height) = (image.width(), image.height());
        // Rgb8/Rgba8 (nearly every JPEG and PNG) move without copying; others convert once.
        let (has_alpha, buffer) = match image {
            DynamicImage::ImageRgb8(buffer) => (false, buffer.into_raw()),
            DynamicImage::ImageRgba8(buffer) => (true, buffer.into_raw()),
            other if other.color().has_alpha() => (true, other.into_rgba8().into_raw()),
            other => (false, other.into_rgb8().into_raw()),
        };
        if width == 0 || height == 0 {
            return Err(Unusable::Damaged(crate::msg!("photos-no-pixels")));
        }
        Ok(Self {
            width,
            height,
            has_alpha,
            buffer,
        })
    }

    /// Resizes `crop` (in stored orientation) to a `width`×`height` portrait, then orients it.
    /// Orienting after the resize turns a 36 MB rotation into a 1 MB one.
    pub(super) fn resize(
        &self,
        resizer: &mut fir::Resizer,
        crop: Rect,
        width: u32,
        height: u32,
        orientation: Orientation,
    ) -> Result<image::RgbImage, Unusable> {
        let pixel_type = if self.has_alpha {
            fir::PixelType::U8x4
        } else {
            fir::PixelType::U8x3
        };
        let internal = |e: &dyn std::fmt::Display| Unusable::Damaged(format!("resize failed: {e}"));
        let src = fir::images::ImageRef::new(self.width, self.height, &self.buffer, pixel_type)
            .map_err(|e| internal(&e))?;
        let (stored_w, stored_h) = if swaps_axes(orientation) {
            (height, width)
        } else {
            (width, height)
        };
        let mut dst = fir::images::Image::new(stored_w, stored_h, pixel_type);
        // fast_image_resize refuses a box even a rounding error outside the image.
        let (max_x, max_y) = (f64::from(self.width), f64::from(self.height));
        let (x, y) = (crop.x.clamp(0.0, max_x), crop.y.clamp(0.0, max_y));
        let options = fir::ResizeOptions::new()
            .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3))
            .crop(x, y, crop.width.min(max_x - x), crop.height.min(max_y - y));
        resizer
            .resize(&src, &mut dst, &options)
            .map_err(|e| internal(&e))?;
        let data = dst.into_vec();
        let mut small = if self.has_alpha {
            image::RgbaImage::from_raw(stored_w, stored_h, data).map(DynamicImage::ImageRgba8)
        } else {
            image::RgbImage::from_raw(stored_w, stored_h, data).map(DynamicImage::ImageRgb8)
        }
        .ok_or_else(|| internal(&"buffer size mismatch"))?;
        small.apply_orientation(orientation);
        Ok(match small {
            DynamicImage::ImageRgba8(rgba) => flatten_on_white(&rgba),
            other => other.into_rgb8(),
        })
    }
}

/// JPEG has no transparency: show transparent screenshot areas as white paper, not black.
pub(super) fn flatten_on_white(rgba: &image::RgbaImage) -> image::RgbImage {
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend =
            |c: u8| ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

/// A rectangle in continuous pixel coordinates (fast_image_resize crops at sub-pixel precision,
/// so a 3:4 crop is exact however the source divides).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) width: f64,
    pub(super) height: f64,
}

/// The 3:4 portrait crop of an upright `width`×`height` image: full width from the top when the
/// image is taller (faces are near the top), full height and centred when it is wider.
pub(super) fn portrait_crop(width: u32, height: u32) -> Rect {
    let (w, h) = (f64::from(width), f64::from(height));
    if u64::from(width) * 4 > u64::from(height) * 3 {
        let crop_w = h * 3.0 / 4.0;
        Rect {
            x: (w - crop_w) / 2.0,
            y: 0.0,
            width: crop_w,
            height: h,
        }
    } else {
        Rect {
            x: 0.0,
            y: 0.0,
            width: w,
            height: w * 4.0 / 3.0,
        }
    }
}

pub(super) fn swaps_axes(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Maps `rect`, given in the upright image (`upright_w`×`upright_h`, i.e. after applying
/// `orientation`), back to the stored pixels, so the crop and resize happen before rotating.
pub(super) fn rect_in_source(
    orientation: Orientation,
    upright_w: u32,
    upright_h: u32,
    rect: Rect,
) -> Rect {
    let (ow, oh) = (f64::from(upright_w), f64::from(upright_h));
    // Inverse of image's apply_orientation for a point (x, y) of the upright image.
    let to_stored = |x: f64, y: f64| -> (f64, f64) {
        match orientation {
            Orientation::NoTransforms => (x, y),
            Orientation::Rotate90 => (y, ow - x),
            Orientation::Rotate180 => (ow - x, oh - y),
            Orientation::Rotate270 => (oh - y, x),
            Orientation::FlipHorizontal => (ow - x, y),
            Orientation::FlipVertical => (x, oh - y),
            Orientation::Rotate90FlipH => (y, x),
            Orientation::Rotate270FlipH => (oh - y, ow - x),
        }
    };
    let (ax, ay) = to_stored(rect.x, rect.y);
    let (bx, by) = to_stored(rect.x + rect.width, rect.y + rect.height);
    Rect {
        x: ax.min(bx),
        y: ay.min(by),
        width: (ax - bx).abs(),
        height: (ay - by).abs(),
    }
}
