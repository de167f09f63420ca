//! Cold and warm photo processing over 1,000 synthetic phone photos.
//!
//! `cargo bench --bench photos` (set NOTICEBOARD_BENCH_PHOTOS to change the count). One photo in
//! ten is 3000×4000, the rest 800×1067; each is a gradient with shapes and sensor-like noise so
//! that it compresses like a photo, not like a flat test card.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use image::{ImageEncoder, Rgb, RgbImage};
use noticeboard::photos::{PhotoCache, PhotoOutcome};
use rayon::prelude::*;

fn synthetic_photo(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let tint = (seed % 97) as f32 / 97.0;
    let (cx, cy) = (width as f32 / 2.0, height as f32 * 0.35);
    let radius = width as f32 * 0.25;
    RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let grain = (state % 17) as f32 - 8.0;
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let in_face = dx * dx + dy * dy < radius * radius;
        let base = if in_face {
            [200.0 - 40.0 * fy, 160.0 - 30.0 * fx, 130.0]
        } else {
            [60.0 + 120.0 * fx, 80.0 + 100.0 * tint, 140.0 - 80.0 * fy]
        };
        let stripes = if ((x / 37 + y / 53) % 2) == 0 {
            12.0
        } else {
            0.0
        };
        Rgb(base.map(|c| (c + grain + stripes).clamp(0.0, 255.0) as u8))
    })
}

fn main() {
    let count: usize = std::env::var("NOTICEBOARD_BENCH_PHOTOS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let site = tempfile::tempdir().expect("temp dir");
    let people = site.path().join("people");
    std::fs::create_dir_all(&people).expect("mkdir");

    let started = Instant::now();
    let sources: Vec<(PathBuf, String)> = (0..count)
        .into_par_iter()
        .map(|i| {
            let (width, height) = if i % 10 == 0 {
                (3000, 4000)
            } else {
                (800, 1067)
            };
            let image = synthetic_photo(width, height, i as u64 + 1);
            let mut jpeg = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 88)
                .write_image(
                    image.as_raw(),
                    width,
                    height,
                    image::ExtendedColorType::Rgb8,
                )
                .expect("encode source");
            let name = format!("person-{i:04}.jpg");
            let path = people.join(&name);
            std::fs::write(&path, jpeg).expect("write source");
            (path, format!("people/{name}"))
        })
        .collect();
    let source_bytes: u64 = sources
        .iter()
        .map(|(p, _)| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "generated {count} JPEGs ({:.0} MB) in {:.1} s",
        source_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    // Real photos are not edited in the second before a build; files younger than that are
    // deliberately re-hashed next time, which would blur the warm figure.
    std::thread::sleep(Duration::from_millis(2100));

    // Measure the processing alone, not the generation above (Linux only; no-op elsewhere).
    let _ = std::fs::write("/proc/self/clear_refs", "5");

    let cache_dir = site.path().join(".noticeboard-cache/photos");
    for run in ["cold", "warm", "warm again"] {
        let cache = PhotoCache::open(&cache_dir).expect("open cache");
        let (started, cpu_before) = (Instant::now(), cpu_seconds());
        let (outcomes, stats) = cache.process_all(&sources, true);
        let seconds = started.elapsed().as_secs_f64();
        // CPU time is what a busy shared machine does not distort: wall ≈ CPU / cores when idle.
        let cpu = cpu_seconds()
            .zip(cpu_before)
            .map(|(after, before)| format!("  cpu {:6.2} s", after - before))
            .unwrap_or_default();
        println!(
            "{run:>10}: {seconds:7.2} s{cpu}  processed {:4}  reused {:4}  unusable {}",
            stats.processed, stats.reused, stats.unusable
        );
        if run == "cold" {
            if let Some(mb) = peak_rss_mb() {
                println!("  peak RSS while processing: {mb:.0} MB");
            }
            report_sizes(outcomes.values());
        }
    }
}

/// User + system CPU time of this process, from /proc (USER_HZ is 100 on Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Peak resident memory since the last reset of /proc/self/clear_refs.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn report_sizes<'a>(outcomes: impl Iterator<Item = &'a PhotoOutcome>) {
    let mut by_width: std::collections::BTreeMap<String, (u64, u64, u64)> = Default::default();
    for outcome in outcomes {
        let PhotoOutcome::Ready(set) = outcome else {
            continue;
        };
        let labelled = set
            .screen
            .iter()
            .map(|r| (format!("screen {}x{}", r.width, r.height), r))
            .chain([(
                format!("print {}x{}", set.print.width, set.print.height),
                &set.print,
            )]);
        for (label, r) in labelled {
            let entry = by_width.entry(label).or_insert((0, 0, 0));
            entry.0 += 1;
            entry.1 += r.bytes;
            entry.2 = entry.2.max(r.bytes);
        }
    }
    for (label, (n, total, max)) in by_width {
        println!(
            "  {label:>17}: {n:4} files, mean {:5.1} KB, max {:5.1} KB",
            total as f64 / n as f64 / 1000.0,
            max as f64 / 1000.0
        );
    }
}
