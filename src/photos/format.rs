//! Recognising and decoding a source photo within the limits: the format from its bytes (HEIC
//! named as such), truncated files caught before a lenient decoder fills them with grey, and
//! the EXIF orientation read for the later steps.

use super::error::{MAX_DECODED_BYTES, MAX_SIDE, Unusable};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};
use std::io::{self, Cursor};

pub(super) fn decode(bytes: &[u8]) -> Result<(DynamicImage, Orientation), Unusable> {
    if bytes.is_empty() {
        return Err(Unusable::Empty);
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        _ if is_heif(bytes) => return Err(Unusable::Heic),
        _ => return Err(Unusable::UnknownFormat),
    };
    // zune-jpeg (image's JPEG decoder) is lenient and fills a cut-off file with grey; a RIFF
    // size beyond the end is the same fault in WebP. PNG decoders report it themselves.
    let complete = match format {
        ImageFormat::Jpeg => jpeg_is_complete(bytes),
        ImageFormat::WebP => riff_is_complete(bytes),
        _ => true,
    };
    if !complete {
        return Err(Unusable::Truncated);
    }

    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits.clone());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| classify(e, bytes, format))?;
    // into_decoder() checks the side limits but, unlike ImageReader::decode(), not the size of
    // the buffer it is about to allocate.
    limits
        .reserve(decoder.total_bytes())
        .map_err(|e| classify(e, bytes, format))?;
    // A damaged EXIF block should not cost the photo: it is then shown as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(|e| classify(e, bytes, format))?;
    Ok((image, orientation))
}

pub(super) fn classify(error: ImageError, bytes: &[u8], format: ImageFormat) -> Unusable {
    match error {
        ImageError::Limits(_) => {
            // Re-read the header without our limits only to name the size in the warning.
            let dimensions = ImageReader::with_format(Cursor::new(bytes), format)
                .into_dimensions()
                .ok();
            Unusable::TooBig { dimensions }
        }
        ImageError::IoError(e) if e.kind() == io::ErrorKind::UnexpectedEof => Unusable::Truncated,
        ImageError::Unsupported(e) => Unusable::UnsupportedFeature(e.to_string()),
        // png reports a cut-off file as a decoding error mentioning EOF.
        ImageError::Decoding(e) if e.to_string().to_lowercase().contains("eof") => {
            Unusable::Truncated
        }
        other => Unusable::Damaged(other.to_string()),
    }
}

/// HEIF/HEIC files (iPhone photos) start with an ISO-BMFF `ftyp` box naming a HEIF brand.
pub(super) fn is_heif(bytes: &[u8]) -> bool {
    const BRANDS: [&[u8]; 5] = [b"heic", b"heix", b"mif1", b"msf1", b"hevc"];
    bytes.get(4..8) == Some(b"ftyp".as_slice())
        && bytes
            .get(8..12)
            .is_some_and(|brand| BRANDS.contains(&brand))
}

/// Walks the JPEG marker structure up to the first End Of Image marker. Data after it (Motion
/// Photo videos, MPF secondary images) is allowed; a file that ends before it is truncated.
pub(super) fn jpeg_is_complete(data: &[u8]) -> bool {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut pos = 2;
    loop {
        // Find the next marker, skipping any fill bytes or stray data between segments.
        let Some(at) = next_ff(data, pos) else {
            return false;
        };
        pos = at;
        while data.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = data.get(pos) else {
            return false;
        };
        pos += 1;
        match marker {
            0xD9 => return true,
            // Standalone markers carry no length.
            0x00 | 0x01 | 0xD0..=0xD8 => continue,
            _ => {}
        }
        let Some(length) = data
            .get(pos..pos + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            return false;
        };
        if length < 2 {
            return false;
        }
        pos += length;
        if pos > data.len() {
            return false;
        }
        if marker == 0xDA {
            // Entropy-coded data: runs until a 0xFF that is neither a stuffed 0x00 nor a
            // restart marker.
            loop {
                let Some(at) = next_ff(data, pos) else {
                    return false;
                };
                pos = at;
                match data.get(pos + 1) {
                    None => return false,
                    Some(0x00 | 0xD0..=0xD7) => pos += 2,
                    Some(_) => break,
                }
            }
        }
    }
}

/// Where the next 0xFF byte at or after `from` is.
fn next_ff(data: &[u8], from: usize) -> Option<usize> {
    let offset = data.get(from..)?.iter().position(|&b| b == 0xFF)?;
    Some(from + offset)
}

pub(super) fn riff_is_complete(data: &[u8]) -> bool {
    match data.get(4..8) {
        Some(size) => {
            let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]);
            data.len() as u64 >= u64::from(size) + 8
        }
        None => false,
    }
}
