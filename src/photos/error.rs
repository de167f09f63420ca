//! Why a photo gets a placeholder, and the limits that decide it.

use std::io;

/// Sources larger than this are refused before being read: phone JPEGs are 2–20 MB, and the
/// whole file is held in memory while decoding.
pub(super) const MAX_SOURCE_BYTES: u64 = 100 * 1024 * 1024;
/// Widest or tallest accepted image; a 108 MP phone photo is 12000×9000.
pub(super) const MAX_SIDE: u32 = 16_384;
/// Largest decoded pixel buffer. Enforced by us as well as by image, because
/// `ImageReader::into_decoder` (needed for the EXIF orientation) skips image's own check.
pub(super) const MAX_DECODED_BYTES: u64 = 320 * 1024 * 1024;
/// Narrower 3:4 crops than this are thumbnails or icons, not usable portraits.
pub(super) const MIN_CROP_WIDTH: u32 = 96;

/// Why a photo gets a placeholder. The text follows the file's name in the warning.
#[derive(Debug, thiserror::Error)]
pub(super) enum Unusable {
    #[error("photo not found; add the file or correct the photo path")]
    Missing,
    #[error("not a regular file; point the photo path at an image file")]
    NotAFile,
    #[error("cannot read the file ({0}); check that it is readable")]
    Unreadable(io::Error),
    #[error(
        "file is {size} bytes, over the {MAX_SOURCE_BYTES}-byte limit; re-save it as JPEG at phone size"
    )]
    FileTooLarge { size: u64 },
    #[error("file is empty; copy the photo again")]
    Empty,
    #[error(
        "HEIC/HEIF photos cannot be read; re-save it as JPEG (on iPhone: Settings › Camera › Formats › Most Compatible)"
    )]
    Heic,
    #[error("not a JPEG, PNG or WebP image; re-save it as JPEG")]
    UnknownFormat,
    #[error("file is truncated (the copy or download stopped early); copy the photo again")]
    Truncated,
    #[error("image is {}; the limit is {MAX_SIDE} pixels a side and {} MB decoded; re-save it smaller, e.g. 3000×4000", describe_size(*.dimensions), MAX_DECODED_BYTES >> 20)]
    TooBig { dimensions: Option<(u32, u32)> },
    #[error(
        "image is only {width}×{height} pixels, too small for a portrait; use a photo at least {MIN_CROP_WIDTH} pixels wide"
    )]
    TooSmall { width: u32, height: u32 },
    #[error("image uses a feature this program cannot read ({0}); re-save it as JPEG")]
    UnsupportedFeature(String),
    #[error("image data is damaged ({0}); re-save it as JPEG")]
    Damaged(String),
    #[error(
        "image is mostly noise and cannot be made small enough for phones; use a clearer photo"
    )]
    Incompressible,
    #[error("file changed while the site was being built; build again")]
    ChangedDuringBuild,
    #[error("could not save the processed photo in the cache ({0}); check free disk space")]
    CacheWrite(io::Error),
}

pub(super) fn describe_size(dimensions: Option<(u32, u32)>) -> String {
    match dimensions {
        Some((w, h)) => format!("{w}×{h} pixels"),
        None => "too large to open".to_string(),
    }
}
