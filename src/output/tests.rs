//! Tests of the staging folder: commit, failed builds, reuse and pruning, foreign folders.

use super::*;

fn written(names: &[&str]) -> HashSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn commit_replaces_and_a_failed_build_leaves_the_output_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    let s = Staging::new(&target).unwrap();
    std::fs::write(s.path().join("a.txt"), "1").unwrap();
    s.commit(&written(&["a.txt"])).unwrap();
    assert_eq!(std::fs::read_to_string(target.join("a.txt")).unwrap(), "1");

    let s = Staging::new(&target).unwrap();
    std::fs::write(s.path().join("a.txt"), "2").unwrap();
    drop(s); // a failed build
    assert_eq!(std::fs::read_to_string(target.join("a.txt")).unwrap(), "1");
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
}

#[test]
fn a_reused_folder_loses_the_files_this_build_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    // Round 0 publishes a unit that later rounds no longer have; round 2 builds in round
    // 0's folder (the output before last), where the unit's page must not survive.
    for round in 0..4 {
        let s = Staging::new(&target).unwrap();
        let mut files = vec!["kept.html"];
        if round == 0 {
            std::fs::create_dir_all(s.path().join("old/unit")).unwrap();
            std::fs::write(s.path().join("old/unit/index.html"), "gone soon").unwrap();
            files.push("old/unit/index.html");
        }
        std::fs::write(s.path().join("kept.html"), format!("{round}")).unwrap();
        s.commit(&written(&files)).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("kept.html")).unwrap(),
            format!("{round}")
        );
        assert_eq!(
            target.join("old").exists(),
            round == 0,
            "round {round}: stale file or folder kept"
        );
    }
}

#[test]
fn pruning_keeps_what_was_written_with_its_folders_and_removes_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for file in [
        MARKER,
        "stale.html",
        "kept.html",
        "a/b/c/kept.html",
        "a/b/stale.vcf",
        "a/d/e/stale.html",
        "f/stale.png",
        "people/x/index.html",
        "people/y/index.html",
    ] {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x").unwrap();
    }
    std::fs::create_dir_all(dir.join("g/h")).unwrap();
    prune(
        dir,
        &written(&["kept.html", "a/b/c/kept.html", "people/y/index.html"]),
    )
    .unwrap();
    let mut left: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            let slash = if e.file_type().is_dir() { "/" } else { "" };
            format!("{rel}{slash}")
        })
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            MARKER,
            "a/",
            "a/b/",
            "a/b/c/",
            "a/b/c/kept.html",
            "kept.html",
            "people/",
            "people/y/",
            "people/y/index.html",
        ]
    );
}

#[test]
fn refuses_to_replace_a_foreign_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("thesis.doc"), "precious").unwrap();
    assert!(matches!(
        Staging::new(tmp.path()),
        Err(OutputError::Foreign(_))
    ));
}
