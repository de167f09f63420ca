//! The cache: warm builds, the index, shared and changed entries, pruning, publishing, and
//! concurrent builds.

use super::*;
use std::collections::HashSet;

// ---- cache ----

#[test]
fn second_build_processes_nothing() {
    let site = Site::new();
    let sources = vec![
        site.add("a.jpg", &jpeg_of(&halves(600, 800, RED, BLUE))),
        site.add(
            "b.png",
            &png_of(&DynamicImage::ImageRgb8(halves(300, 400, GREEN, GREY))),
        ),
    ];
    let (first, stats) = site.cache().process_all(&sources, false);
    assert_eq!(
        stats,
        ProcessStats {
            processed: 2,
            reused: 0,
            unusable: 0
        }
    );
    // A new PhotoCache, as in a new build process.
    let (second, stats) = site.cache().process_all(&sources, true);
    assert_eq!(
        stats,
        ProcessStats {
            processed: 0,
            reused: 2,
            unusable: 0
        }
    );
    assert_eq!(first, second);
}

#[test]
fn warm_build_takes_hashes_from_the_index() {
    let site = Site::new();
    let source = site.add("a.jpg", &jpeg_of(&halves(300, 400, RED, BLUE)));
    site.cache()
        .process_all(std::slice::from_ref(&source), false);
    // Poison the index entry: if the warm run trusts it (no re-hash), it looks for a key
    // that has no renditions, renders, and catches the mismatch before storing anything.
    let index_path = site.cache_dir().join(INDEX_FILE);
    let index = fs::read_to_string(&index_path).expect("index written");
    let line = index.lines().nth(1).expect("one entry");
    let (hash, rest) = line.split_once('\t').expect("fields");
    fs::write(
        &index_path,
        index.replace(line, &format!("{}\t{rest}", "0".repeat(hash.len()))),
    )
    .expect("write");
    let (outcomes, _) = site
        .cache()
        .process_all(std::slice::from_ref(&source), false);
    assert!(warning(outcomes.get(&source.0)).contains("changed while"));
    // A changed file no longer matches its stamp, so it is hashed and rendered again.
    fs::write(&source.0, jpeg_of(&halves(300, 400, BLUE, RED))).expect("rewrite");
    let (outcomes, stats) = site
        .cache()
        .process_all(std::slice::from_ref(&source), false);
    ready(outcomes.get(&source.0));
    assert_eq!(stats.processed, 1);
}

#[test]
fn identical_files_share_renditions() {
    let site = Site::new();
    let bytes = jpeg_of(&halves(300, 400, RED, BLUE));
    let sources = vec![
        site.add("one.jpg", &bytes),
        site.add("same-person-again.jpg", &bytes),
    ];
    let (outcomes, stats) = site.cache().process_all(&sources, false);
    assert_eq!(
        ready(outcomes.get(&sources[0].0)),
        ready(outcomes.get(&sources[1].0))
    );
    assert_eq!(
        stats,
        ProcessStats {
            processed: 1,
            reused: 1,
            unusable: 0
        }
    );
}

#[test]
fn changed_settings_make_new_entries() {
    let site = Site::new();
    let source = site.add("a.jpg", &jpeg_of(&halves(600, 800, RED, BLUE)));
    let (before, _) = site
        .cache()
        .process_all(std::slice::from_ref(&source), false);
    let settings = PhotoSettings {
        screen_quality: 70,
        ..PhotoSettings::default()
    };
    let cache = PhotoCache::with_settings(&site.cache_dir(), settings).expect("open");
    let (after, stats) = cache.process_all(std::slice::from_ref(&source), false);
    assert_eq!(stats.processed, 1);
    assert_ne!(
        ready(before.get(&source.0)).print.file_name,
        ready(after.get(&source.0)).print.file_name
    );
}

#[test]
fn a_cache_file_cut_short_is_rendered_again() {
    let site = Site::new();
    let source = site.add("a.jpg", &jpeg_of(&halves(600, 800, RED, BLUE)));
    let (outcomes, _) = site
        .cache()
        .process_all(std::slice::from_ref(&source), false);
    let print = site
        .cache_dir()
        .join(&ready(outcomes.get(&source.0)).print.file_name);
    let bytes = fs::read(&print).expect("print file");
    fs::write(&print, &bytes[..bytes.len() / 2]).expect("cut");
    let (_, stats) = site
        .cache()
        .process_all(std::slice::from_ref(&source), false);
    assert_eq!(stats.processed, 1);
    assert_eq!(fs::read(&print).expect("print file"), bytes);
}

#[test]
fn prune_removes_entries_no_longer_used() {
    let site = Site::new();
    let kept = site.add("kept.jpg", &jpeg_of(&halves(600, 800, RED, BLUE)));
    let dropped = site.add("dropped.jpg", &jpeg_of(&halves(600, 800, GREEN, GREY)));
    let cache = site.cache();
    let (outcomes, _) = cache.process_all(&[kept.clone(), dropped.clone()], false);
    let kept_set = ready(outcomes.get(&kept.0));
    let dropped_set = ready(outcomes.get(&dropped.0));

    let stale_temp = site.cache_dir().join(".old.jpg.tmp-1");
    let fresh_temp = site.cache_dir().join(".new.jpg.tmp-2");
    let foreign = site.cache_dir().join("README.txt");
    for path in [&stale_temp, &fresh_temp, &foreign] {
        fs::write(path, b"x").expect("write");
    }
    File::options()
        .write(true)
        .open(&stale_temp)
        .and_then(|f| f.set_modified(SystemTime::now() - Duration::from_secs(7200)))
        .expect("age the temp file");

    // The pipeline passes the file names its pages use; one name is enough to keep a key.
    let in_use: HashSet<String> = HashSet::from([kept_set.screen[0].file_name.clone()]);
    let removed = cache.prune(&in_use).expect("prune");
    // 2 screen + 1 print + manifest of the dropped photo, and the stale temp file.
    assert_eq!(removed, 5);
    for r in all_renditions(dropped_set) {
        assert!(
            !site.cache_dir().join(&r.file_name).exists(),
            "{r:?} pruned"
        );
    }
    for r in all_renditions(kept_set) {
        assert!(site.cache_dir().join(&r.file_name).exists(), "{r:?} kept");
    }
    assert!(!stale_temp.exists() && fresh_temp.exists() && foreign.exists());
    assert!(site.cache_dir().join(INDEX_FILE).exists());

    let (_, stats) = cache.process_all(&[kept, dropped], false);
    assert_eq!(
        stats,
        ProcessStats {
            processed: 1,
            reused: 1,
            unusable: 0
        }
    );
}

#[test]
fn publish_links_renditions_and_nothing_else() {
    let site = Site::new();
    let source = site.add("a.jpg", &jpeg_of(&halves(600, 800, RED, BLUE)));
    let cache = site.cache();
    let (outcomes, _) = cache.process_all(std::slice::from_ref(&source), false);
    let set = ready(outcomes.get(&source.0));
    let out = site.dir.path().join("public/photos");
    cache.publish([set], &out).expect("publish");
    cache
        .publish([set, set], &out)
        .expect("publishing again is harmless");
    let mut published: Vec<String> = fs::read_dir(&out)
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    published.sort();
    let mut expected: Vec<String> = all_renditions(set)
        .iter()
        .map(|r| r.file_name.clone())
        .collect();
    expected.sort();
    assert_eq!(published, expected, "renditions only, no original");
    for r in all_renditions(set) {
        assert_eq!(
            fs::read(out.join(&r.file_name)).expect("published"),
            fs::read(site.cache_dir().join(&r.file_name)).expect("cached")
        );
    }
}

#[test]
fn concurrent_builds_leave_complete_files_only() {
    let site = Site::new();
    let sources: Vec<_> = (0..4)
        .map(|i| site.add(&format!("p{i}.jpg"), &jpeg_of(&noise(300, 400, i + 20))))
        .collect();
    let runs: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| site.cache().process_all(&sources, false)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    assert_eq!(runs[0].0, runs[1].0);
    for entry in fs::read_dir(site.cache_dir()).expect("cache dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .into_string()
            .expect("utf-8");
        assert!(
            !crate::output::atomic::is_leftover(&name),
            "leftover {name}"
        );
    }
    for outcome in runs[0].0.values() {
        let PhotoOutcome::Ready(set) = outcome else {
            panic!("{outcome:?}")
        };
        for r in all_renditions(set) {
            open_rendition(&site, r);
        }
    }
}

#[test]
fn cache_entry_names_are_recognised() {
    assert_eq!(
        entry_key("9f3c1a2b4d5e6f70-240.jpg"),
        Some("9f3c1a2b4d5e6f70")
    );
    assert_eq!(entry_key("9f3c1a2b4d5e6f70.meta"), Some("9f3c1a2b4d5e6f70"));
    assert_eq!(entry_key("index.tsv"), None);
    assert_eq!(entry_key("9F3C1A2B4D5E6F70-240.jpg"), None);
    assert_eq!(entry_key("9f3c1a2b"), None);
    assert_eq!(entry_key("é9f3c1a2b4d5e6f70-240"), None);
}
