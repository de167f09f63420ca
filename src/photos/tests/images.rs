//! Orientation, crop and sizes, and bad input: what a source photo becomes.

use super::*;
use image::{Rgba, RgbaImage};

// ---- orientation ----

#[test]
fn sideways_photo_with_exif_orientation_6_comes_out_upright() {
    // Stored sideways: 400×300, red on the left, blue on the right. Orientation 6 means
    // "rotate 90° clockwise to view", which puts the left (red) side on top.
    let stored = halves(400, 300, RED, BLUE);
    let site = Site::new();
    let (outcome, _) = process_one(
        &site,
        "sideways.jpg",
        &with_exif_orientation(&jpeg_of(&stored), 6),
    );
    let set = ready(Some(&outcome));
    for rendition in all_renditions(set) {
        let image = open_rendition(&site, rendition);
        assert!(image.height() > image.width(), "{rendition:?} is portrait");
        assert!(
            close_to(band_mean(&image, 0.0, 0.4), RED),
            "top of {rendition:?} is red"
        );
        assert!(
            close_to(band_mean(&image, 0.6, 1.0), BLUE),
            "bottom of {rendition:?} is blue"
        );
    }
}

#[test]
fn without_exif_the_same_photo_is_left_as_stored() {
    // Control for the test above: ignoring the tag would give a centred crop, red left of
    // blue, so that test cannot pass by accident.
    let site = Site::new();
    let (outcome, _) = process_one(&site, "wide.jpg", &jpeg_of(&halves(400, 300, RED, BLUE)));
    let image = open_rendition(&site, &ready(Some(&outcome)).screen[0]);
    let top = band_mean(&image, 0.0, 0.4);
    assert!(
        !close_to(top, RED) && !close_to(top, BLUE),
        "top mixes both halves"
    );
}

#[test]
fn source_rect_matches_image_apply_orientation_for_all_eight_orientations() {
    let stored = DynamicImage::ImageRgb8(noise(7, 5, 3));
    for exif in 1..=8 {
        let orientation = Orientation::from_exif(exif).expect("valid EXIF value");
        let mut upright = stored.clone();
        upright.apply_orientation(orientation);
        let (uw, uh) = (upright.width(), upright.height());
        let rect = Rect {
            x: 1.0,
            y: 0.0,
            width: f64::from(uw) - 2.0,
            height: f64::from(uh) - 1.0,
        };
        let expected = upright.crop_imm(1, 0, uw - 2, uh - 1).to_rgb8();
        let s = rect_in_source(orientation, uw, uh, rect);
        let mut actual = stored.crop_imm(s.x as u32, s.y as u32, s.width as u32, s.height as u32);
        actual.apply_orientation(orientation);
        assert_eq!(actual.to_rgb8(), expected, "EXIF orientation {exif}");
    }
}

// ---- crop and sizes ----

#[test]
fn tall_photo_is_cropped_to_3_4_keeping_the_top() {
    // 900×2000: the face band (green, top 300 rows) must survive; the crop is 900×1200.
    let tall = RgbImage::from_fn(900, 2000, |_, y| if y < 300 { GREEN } else { GREY });
    let site = Site::new();
    let (outcome, _) = process_one(&site, "tall.png", &png_of(&DynamicImage::ImageRgb8(tall)));
    let set = ready(Some(&outcome));
    let widths: Vec<u32> = set.screen.iter().map(|r| r.width).collect();
    assert_eq!(widths, [240, 480]);
    assert_eq!((set.print.width, set.print.height), (354, 472));
    for rendition in all_renditions(set) {
        assert_eq!(
            rendition.height,
            (rendition.width * 4 + 1) / 3,
            "3:4: {rendition:?}"
        );
        let image = open_rendition(&site, rendition);
        assert_eq!(
            (image.width(), image.height()),
            (rendition.width, rendition.height)
        );
        // Green fills 300/1200 = the top quarter.
        assert!(
            close_to(band_mean(&image, 0.0, 0.2), GREEN),
            "{rendition:?} keeps the top"
        );
        assert!(
            close_to(band_mean(&image, 0.3, 1.0), GREY),
            "{rendition:?} rest is grey"
        );
    }
}

#[test]
fn wide_photo_is_cropped_to_its_centre() {
    // 2000×900 → a centred 675×900 crop; red bars at both edges must be cut away.
    let wide = RgbImage::from_fn(2000, 900, |x, _| {
        if !(300..1700).contains(&x) { RED } else { GREY }
    });
    let site = Site::new();
    let (outcome, _) = process_one(&site, "wide.jpg", &jpeg_of(&wide));
    let set = ready(Some(&outcome));
    for rendition in all_renditions(set) {
        let image = open_rendition(&site, rendition);
        assert!(
            close_to(band_mean(&image, 0.0, 1.0), GREY),
            "{rendition:?} has no red edge"
        );
    }
}

#[test]
fn small_photo_is_never_enlarged() {
    // 200×300: the crop is 200×267, so every rendition is 200 wide and there is one screen size.
    let site = Site::new();
    let (outcome, _) = process_one(&site, "small.jpg", &jpeg_of(&halves(200, 300, GREEN, GREY)));
    let set = ready(Some(&outcome));
    assert_eq!(set.screen.len(), 1);
    assert_eq!((set.screen[0].width, set.screen[0].height), (200, 267));
    assert_eq!((set.print.width, set.print.height), (200, 267));
    assert_eq!(
        set.srcset("photos/"),
        format!("photos/{} 200w", set.screen[0].file_name)
    );
}

#[test]
fn tiny_image_is_unusable() {
    let site = Site::new();
    let (outcome, stats) = process_one(
        &site,
        "icon.png",
        &png_of(&DynamicImage::ImageRgb8(noise(80, 80, 1))),
    );
    let text = warning(Some(&outcome));
    assert!(
        text.starts_with("people/icon.png: ") && text.contains("too small"),
        "{text}"
    );
    assert_eq!(stats.unusable, 1);
}

#[test]
fn screen_files_stay_under_the_byte_cap() {
    // Pure noise is the worst case for JPEG: 480×640 at q80 is far above 60 KB, so this
    // only passes if the quality steps down (or the size is dropped).
    let site = Site::new();
    let (outcome, _) = process_one(&site, "noise.jpg", &jpeg_of(&noise(960, 1280, 9)));
    let set = ready(Some(&outcome));
    assert!(!set.screen.is_empty());
    for rendition in &set.screen {
        let on_disk = fs::metadata(site.cache_dir().join(&rendition.file_name))
            .expect("file")
            .len();
        assert_eq!(on_disk, rendition.bytes);
        assert!(rendition.bytes <= 60_000, "{rendition:?}");
    }
    let at_q80 = encode_jpeg(&noise(480, 640, 9), 80, None).expect("encode");
    assert!(
        at_q80.len() > 60_000,
        "the test image must need the step-down"
    );
}

#[test]
fn encoding_gives_up_when_nothing_fits() {
    let pixels = noise(240, 320, 5);
    assert!(
        encode_within(&pixels, 80, None, Some(1_000))
            .expect("encodes")
            .is_none()
    );
    let fitted = encode_within(&pixels, 80, None, None)
        .expect("encodes")
        .expect("no cap");
    assert_eq!((fitted.width, fitted.height), (240, 320));
}

#[test]
fn capped_size_is_3_4_and_never_wider_than_the_crop() {
    assert_eq!(capped_size(240, 3000), (240, 320));
    assert_eq!(capped_size(480, 3000), (480, 640));
    assert_eq!(capped_size(354, 3000), (354, 472));
    assert_eq!(capped_size(480, 150), (150, 200));
    let crop = portrait_crop(3000, 4000);
    assert_eq!(
        (crop.x, crop.y, crop.width, crop.height),
        (0.0, 0.0, 3000.0, 4000.0)
    );
    let crop = portrait_crop(1000, 3000);
    assert_eq!(
        (crop.y, crop.width, crop.height),
        (0.0, 1000.0, 4000.0 / 3.0)
    );
}

#[test]
fn transparent_png_is_flattened_on_white() {
    let clear = DynamicImage::ImageRgba8(RgbaImage::from_pixel(300, 400, Rgba([0, 0, 0, 0])));
    let site = Site::new();
    let (outcome, _) = process_one(&site, "screenshot.png", &png_of(&clear));
    let image = open_rendition(&site, &ready(Some(&outcome)).screen[0]);
    assert!(close_to(band_mean(&image, 0.0, 1.0), Rgb([255, 255, 255])));
}

#[test]
fn grey_and_16_bit_sources_are_read() {
    let grey = DynamicImage::ImageLuma8(image::GrayImage::from_pixel(300, 400, image::Luma([128])));
    let deep = DynamicImage::ImageRgb16(image::ImageBuffer::from_pixel(
        300,
        400,
        Rgb([65535u16, 0, 0]),
    ));
    let site = Site::new();
    let (grey_outcome, _) = process_one(&site, "grey.png", &png_of(&grey));
    let (deep_outcome, _) = process_one(&site, "deep.png", &png_of(&deep));
    let grey_image = open_rendition(&site, &ready(Some(&grey_outcome)).screen[0]);
    let deep_image = open_rendition(&site, &ready(Some(&deep_outcome)).screen[0]);
    assert!(close_to(band_mean(&grey_image, 0.0, 1.0), GREY));
    assert!(close_to(band_mean(&deep_image, 0.0, 1.0), Rgb([255, 0, 0])));
}

// ---- bad input ----

#[test]
fn png_header_claiming_60000_square_is_refused_without_decoding() {
    let site = Site::new();
    let (outcome, stats) = process_one(&site, "bomb.png", &png_claiming(60_000, 60_000));
    let text = warning(Some(&outcome));
    assert!(text.starts_with("people/bomb.png: "), "{text}");
    assert!(
        text.contains("60000×60000"),
        "names the claimed size: {text}"
    );
    assert!(text.contains("re-save it smaller"), "{text}");
    assert_eq!(
        stats,
        ProcessStats {
            processed: 0,
            reused: 0,
            unusable: 1
        }
    );
}

#[test]
fn bomb_within_the_side_limit_is_caught_by_the_allocation_limit() {
    // 16000×16000 RGBA passes the 16384-pixel side limit but needs 1 GB decoded:
    // into_decoder() does not check that, our own reserve() must.
    let site = Site::new();
    let (outcome, _) = process_one(&site, "bomb2.png", &png_claiming(16_000, 16_000));
    let text = warning(Some(&outcome));
    assert!(
        text.contains("16000×16000") && text.contains("re-save it smaller"),
        "{text}"
    );
}

#[test]
fn overlong_side_is_refused_even_when_small_in_bytes() {
    // 20000×100 RGBA is only 8 MB decoded, but wider than any phone photo.
    let site = Site::new();
    let (outcome, _) = process_one(&site, "strip.png", &png_claiming(20_000, 100));
    let text = warning(Some(&outcome));
    assert!(
        text.contains("20000×100") && text.contains("re-save it smaller"),
        "{text}"
    );
}

#[test]
fn truncated_jpeg_is_reported_as_truncated() {
    let full = jpeg_of(&noise(600, 800, 4));
    let site = Site::new();
    let (outcome, _) = process_one(&site, "cut.jpg", &full[..full.len() * 6 / 10]);
    let text = warning(Some(&outcome));
    assert!(
        text.starts_with("people/cut.jpg: ") && text.contains("truncated"),
        "{text}"
    );
}

#[test]
fn truncated_png_is_reported_as_truncated() {
    let full = png_of(&DynamicImage::ImageRgb8(noise(300, 400, 4)));
    let site = Site::new();
    let (outcome, _) = process_one(&site, "cut.png", &full[..full.len() / 2]);
    let text = warning(Some(&outcome));
    assert!(text.contains("truncated"), "{text}");
}

#[test]
fn jpeg_completeness_check_follows_the_marker_structure() {
    let baseline = jpeg_of(&noise(64, 48, 2));
    let mut progressive = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut progressive, 80);
    encoder.set_progressive(true);
    encoder
        .encode(
            noise(64, 48, 2).as_raw(),
            64,
            48,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("encode");
    for full in [&baseline, &progressive] {
        assert!(jpeg_is_complete(full));
        for cut in [
            2,
            10,
            full.len() / 3,
            full.len() / 2,
            full.len() - 3,
            full.len() - 1,
        ] {
            assert!(
                !jpeg_is_complete(&full[..cut]),
                "cut at {cut} of {}",
                full.len()
            );
        }
        // Data after the end marker (a Motion Photo's video) is not truncation.
        let mut with_trailer = full.clone();
        with_trailer.extend_from_slice(&[0x00, 0x00, 0x00, 0x18, b'f', b't', b'y', b'p']);
        assert!(jpeg_is_complete(&with_trailer));
    }
    assert!(!jpeg_is_complete(b"\xFF\xD8"));
    assert!(!jpeg_is_complete(b"not a jpeg"));
}

#[test]
fn missing_photo_gets_a_warning_and_the_rest_still_build() {
    let site = Site::new();
    let present = site.add("present.jpg", &jpeg_of(&halves(300, 400, RED, BLUE)));
    let missing = (
        site.dir.path().join("people/absent.jpg"),
        "people/absent.jpg".to_string(),
    );
    let (outcomes, stats) = site
        .cache()
        .process_all(&[missing.clone(), present.clone()], false);
    let text = warning(outcomes.get(&missing.0));
    assert!(
        text.starts_with("people/absent.jpg: ") && text.contains("not found"),
        "{text}"
    );
    ready(outcomes.get(&present.0));
    assert_eq!(
        stats,
        ProcessStats {
            processed: 1,
            reused: 0,
            unusable: 1
        }
    );
}

#[test]
fn files_that_are_not_images_are_named_with_advice() {
    let site = Site::new();
    let (text_file, _) = process_one(&site, "notes.jpg", b"hello, this is not a photo");
    assert!(warning(Some(&text_file)).contains("re-save it as JPEG"));
    let (heic, _) = process_one(&site, "iphone.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic");
    assert!(warning(Some(&heic)).contains("HEIC"));
    let (empty, _) = process_one(&site, "empty.jpg", b"");
    assert!(warning(Some(&empty)).contains("empty"));
    let (folder, _) = {
        let path = site.dir.path().join("people/folder.jpg");
        fs::create_dir_all(&path).expect("mkdir");
        let (mut outcomes, stats) = site
            .cache()
            .process_all(&[(path.clone(), "people/folder.jpg".into())], false);
        (outcomes.remove(&path).expect("outcome"), stats)
    };
    assert!(warning(Some(&folder)).contains("not a regular file"));
}
