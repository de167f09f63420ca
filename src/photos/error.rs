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
    #[error("{}", crate::msg!("photos-missing"))]
    Missing,
    #[error("{}", crate::msg!("photos-not-a-file"))]
    NotAFile,
    #[error("{}", crate::msg!("photos-unreadable", reason = .0.to_string()))]
    Unreadable(io::Error),
    #[error(
        "{}",
        crate::msg!(
            "photos-file-too-large",
            size = .size.to_string(),
            limit = MAX_SOURCE_BYTES.to_string()
        )
    )]
    FileTooLarge { size: u64 },
    #[error("{}", crate::msg!("photos-empty"))]
    Empty,
    #[error("{}", crate::msg!("photos-heic"))]
    Heic,
    #[error("{}", crate::msg!("photos-unknown-format"))]
    UnknownFormat,
    #[error("{}", crate::msg!("photos-truncated"))]
    Truncated,
    #[error(
        "{}",
        crate::msg!(
            "photos-too-big",
            size = describe_size(*.dimensions),
            side = MAX_SIDE.to_string(),
            megabytes = (MAX_DECODED_BYTES >> 20).to_string()
        )
    )]
    TooBig { dimensions: Option<(u32, u32)> },
    #[error(
        "{}",
        crate::msg!(
            "photos-too-small",
            width = .width.to_string(),
            height = .height.to_string(),
            min = MIN_CROP_WIDTH.to_string()
        )
    )]
    TooSmall { width: u32, height: u32 },
    #[error("{}", crate::msg!("photos-unsupported-feature", feature = .0))]
    UnsupportedFeature(String),
    #[error("{}", crate::msg!("photos-damaged", reason = .0))]
    Damaged(String),
    #[error("{}", crate::msg!("photos-incompressible"))]
    Incompressible,
    #[error("{}", crate::msg!("photos-changed-during-build"))]
    ChangedDuringBuild,
    #[error("{}", crate::msg!("photos-cache-write", reason = .0.to_string()))]
    CacheWrite(io::Error),
}

pub(super) fn describe_size(dimensions: Option<(u32, u32)>) -> String {
    match dimensions {
        Some((w, h)) => crate::msg!("photos-size", width = w.to_string(), height = h.to_string()),
        None => crate::msg!("photos-size-unknown"),
    }
}
