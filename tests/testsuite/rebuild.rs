//! A second `build` after an edit renders only the pages that show it, from the state the last
//! build left in `.noticeboard-cache/builds/`. Whatever it skips, its output (and the
//! publishing history it records) must be exactly what a full build of the same files writes:
//! after every kind of edit below, the site is copied as it stands, the copy is built in full,
//! and the two outputs are compared byte for byte.

use crate::common::{CONFIG, Site, jpeg, person, snapshot, text};
use crate::incremental::{city, differences, unit};
use noticeboard::build::{self, BuildMode, BuildOptions, BuildSummary};
use std::path::Path;

fn options(root: &Path, mode: BuildMode) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: None,
        mode,
        live_reload: None,
        progress: false,
    }
}

fn publish(root: &Path) -> Result<BuildSummary, build::BuildError> {
    build::build(&options(root, BuildMode::Publish))
}

/// [`city`] with an organization, and a third township of ten units that no edit touches (so
/// that a partial build is seen to render fewer pages).
fn county() -> Site {
    let site = city();
    site.write(
        "content/orgs/nongjiju.toml",
        "name = \"县直单位\"\nphone = \"0534-2212001\"\n",
    );
    for i in 0..10 {
        let phone = format!("1381234{i:04}");
        site.write(
            &format!("content/people/p{i}.toml"),
            &person("周平", &phone),
        );
        let id = format!("p{i}");
        site.write(
            &format!("content/nanshan/{i}村.toml"),
            &unit("南山村", &[&id]),
        );
    }
    site
}

/// Copies the site's own files (not its outputs or caches) into a new folder.
fn copy_sources(site: &Site) -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(site.root()).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(site.root()).unwrap();
        let top = rel.components().next().unwrap().as_os_str();
        if top == "public" || top == ".noticeboard-cache" || !entry.file_type().is_file() {
            continue;
        }
        let to = copy.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(entry.path(), to).unwrap();
    }
    copy
}

/// Builds the site as it stands after `what`, and a copy of it in full, and compares them.
/// Returns the build's summary.
fn rebuild_and_compare(site: &Site, what: &str) -> BuildSummary {
    let reference = copy_sources(site);
    let summary = publish(site.root()).unwrap_or_else(|e| panic!("{what}: {e}"));
    let full = publish(reference.path()).unwrap_or_else(|e| panic!("{what}, in full: {e}"));
    assert!(!full.partial, "{what}: a fresh copy builds in full");
    let diff = differences(&site.path("public"), &reference.path().join("public"));
    assert!(diff.is_empty(), "{what}: the rebuild differs in {diff:?}");
    let history = |root: &Path| std::fs::read(root.join("published.json")).unwrap();
    assert_eq!(
        history(site.root()),
        history(reference.path()),
        "{what}: published.json"
    );
    summary
}

/// How an edit should be rebuilt: only the pages showing it, or everything.
#[derive(Debug, PartialEq)]
enum Expect {
    Partial,
    Full,
}

fn theme_template(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    std::fs::read_to_string(path.join(name)).unwrap()
}

#[test]
fn every_kind_of_edit_rebuilds_to_what_a_full_build_writes() {
    let site = county();
    // Files written within a moment of a build are read again by the next; these are not, so
    // every rebuild below takes the records it did not see change from the saved read cache.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let first = publish(site.root()).expect("first build");
    assert!(!first.partial, "the first build renders everything");
    let all_pages = first.pages;
    let kept = std::fs::read_dir(site.path(".noticeboard-cache/records")).unwrap();
    assert!(
        kept.count() > 1,
        "the records read are kept for the next build"
    );

    // 王兴 (wang) visits 石桥村 as well, whose team he is not on.
    let visits = "日期,单位,人员,形式,户数,内容\n2024-05-20,donghu/刘庄村,wang,入户,3,走访\n\
                  2024-05-22,donghu/石桥村,wang,座谈,,议事\n";
    let ledger = "编号,单位,登记日期,类别,问题,责任人,办理期限,状态,办结日期\n\
                  L-1,donghu/刘庄村,2024-05-01,基础设施,修补村道,wang,2024-05-20,办理中,\n";
    // (what the edit is, file, its new bytes or None to remove it, how it is rebuilt)
    let edits: Vec<(&str, &str, Option<Vec<u8>>, Expect)> = vec![
        (
            "a unit renamed",
            "content/donghu/刘庄村.toml",
            Some(unit("刘家庄村", &["wang", "li"]).into_bytes()),
            Expect::Partial,
        ),
        (
            "a phone changed",
            "content/people/zhao.toml",
            Some(person("赵明", "13912349999").into_bytes()),
            Expect::Partial,
        ),
        (
            "a member added",
            "content/xihu/南关社区.toml",
            Some(unit("南关社区", &["li", "wang"]).into_bytes()),
            Expect::Partial,
        ),
        (
            "a unit's address",
            "content/xihu/北关村.toml",
            Some(
                unit("北关村", &["sun", "zhao"])
                    .replacen('\n', "\naddress = \"北关村委会\"\n", 1)
                    .into_bytes(),
            ),
            Expect::Partial,
        ),
        (
            "a photo added",
            "content/people/li.jpg",
            Some(jpeg()),
            Expect::Partial,
        ),
        (
            "the last member leaves",
            "content/donghu/石桥村.toml",
            Some(unit("石桥村", &[]).into_bytes()),
            Expect::Partial,
        ),
        (
            "an area's team member's title",
            "content/people/qian.toml",
            Some(
                "name = \"钱进\"\ntitle = \"副镇长\"\norg = \"东湖镇政府\"\nphone = \"13912340005\"\n"
                    .into(),
            ),
            Expect::Full,
        ),
        (
            "an area renamed",
            "content/donghu/_index.toml",
            Some("name = \"东湖街道\"\n".into()),
            Expect::Full,
        ),
        (
            "a member's only assignment ends",
            "content/xihu/北关村.toml",
            Some(
                unit("北关村", &["sun", "zhao"])
                    .replacen("lead = true\n", "lead = true\nuntil = 2024-01-01\n", 1)
                    .into_bytes(),
            ),
            Expect::Full,
        ),
        (
            "a visit recorded",
            "content/visits/东湖.csv",
            Some(visits.into()),
            Expect::Full,
        ),
        (
            // 石桥村's page shows the name among its latest visits.
            "a visitor renamed",
            "content/people/wang.toml",
            Some(person("王新兴", "13912340001").into_bytes()),
            Expect::Partial,
        ),
        (
            "a ledger entry",
            "content/ledger/台账.csv",
            Some(ledger.into()),
            Expect::Full,
        ),
        (
            "an organization's phone",
            "content/orgs/nongjiju.toml",
            Some("name = \"县直单位\"\nphone = \"0534-2212009\"\n".into()),
            Expect::Full,
        ),
        (
            "a unit added",
            "content/xihu/新村.toml",
            Some(unit("新村", &["sun"]).into_bytes()),
            Expect::Full,
        ),
        (
            // Moved to another township, its printed address kept as an alias (written below).
            "a unit moved",
            "content/xihu/南关社区.toml",
            None,
            Expect::Full,
        ),
        (
            "the site's settings",
            "config.toml",
            Some(CONFIG.replace("测试县公示", "测试县联系干部公示").into_bytes()),
            Expect::Full,
        ),
        (
            "a template overridden",
            "templates/unit.html",
            Some(
                theme_template("unit.html")
                    .replacen("{% block nav %}", "{% block nav %}<!-- 本县 -->", 1)
                    .into_bytes(),
            ),
            Expect::Full,
        ),
        (
            "a static file added",
            "static/notice.txt",
            Some("办事指南\n".into()),
            Expect::Full,
        ),
        ("nothing", "", None, Expect::Partial),
    ];
    for (what, file, bytes, expect) in edits {
        if what == "a unit moved" {
            let moved = format!(
                "aliases = [\"xihu/nanguanshequ\"]\n{}",
                unit("南关社区", &["li", "wang"])
            );
            site.write("content/donghu/南关社区.toml", &moved);
        }
        match bytes {
            Some(bytes) => site.write_bytes(file, &bytes),
            None if !file.is_empty() => site.remove(file),
            None => {}
        }
        let summary = rebuild_and_compare(&site, what);
        assert_eq!(
            summary.partial,
            expect == Expect::Partial,
            "{what}: a partial build is {expect:?}"
        );
        if summary.partial {
            assert!(
                summary.pages < all_pages / 2,
                "{what}: {} of {all_pages} pages rendered again",
                summary.pages
            );
        }
        if what == "nothing" {
            assert_eq!(summary.pages, 0, "nothing changed: no page is rendered");
        }
    }
}

#[test]
fn a_broken_edit_keeps_the_output_and_the_fix_is_a_partial_build() {
    let site = county();
    publish(site.root()).expect("first build");
    let before = snapshot(&site.path("public"));

    site.write(
        "content/people/wang.toml",
        "name = \"王兴\"\nphone = \"123\"\n",
    );
    publish(site.root()).expect_err("a bad phone stops the build");
    assert_eq!(snapshot(&site.path("public")), before, "output untouched");

    site.write("content/people/wang.toml", &person("王兴", "13812340001"));
    let summary = rebuild_and_compare(&site, "the fix");
    assert!(summary.partial, "the failed build left the state as it was");
    assert!(
        site.public("people/wang/index.html")
            .contains("138 1234 0001")
    );
}

#[test]
fn an_output_another_build_made_is_built_in_full() {
    let site = county();
    publish(site.root()).expect("first build");
    // A draft into the same folder replaces it: the publication's state no longer holds.
    let draft = build::build(&options(site.root(), BuildMode::Draft)).expect("draft");
    assert!(!draft.partial, "a draft has no state of its own yet");
    site.write("content/people/zhao.toml", &person("赵明", "13912349999"));
    let summary = rebuild_and_compare(&site, "a publication after a draft");
    assert!(!summary.partial);

    // Without the state (the folder the message names deleted), everything is built.
    std::fs::remove_dir_all(site.path(".noticeboard-cache/builds")).unwrap();
    site.write("content/people/zhao.toml", &person("赵明", "13912348888"));
    assert!(!rebuild_and_compare(&site, "without the state").partial);
    // And the state is back for the next.
    site.write("content/people/zhao.toml", &person("赵明", "13912347777"));
    assert!(rebuild_and_compare(&site, "with the state again").partial);
}

/// The number of pages the command line says it made (`…: N pages, …`).
fn pages_said(out: &str) -> usize {
    let (before, _) = out
        .split_once(" pages, ")
        .unwrap_or_else(|| panic!("{out}"));
    let digits = before.rsplit(' ').next().unwrap();
    digits.parse().unwrap_or_else(|_| panic!("{out}"))
}

#[test]
fn the_command_line_says_when_a_build_was_partial_and_full_makes_every_page() {
    let site = county();
    let first = text(&site.build_ok());
    assert!(
        !first.contains("build --full"),
        "a first build is whole: {first}"
    );
    let all = pages_said(&first);

    site.write("content/people/zhao.toml", &person("赵明", "13912349999"));
    let out = text(&site.build_ok());
    assert!(out.contains("noticeboard build --full"), "{out}");
    assert!(pages_said(&out) < all / 2, "{out}");
    assert!(
        site.public("people/zhao/index.html")
            .contains("139 1234 9999")
    );

    // A page changed by hand in the output is not noticed by a partial build; --full makes
    // every page again.
    std::fs::write(site.path("public/index.html"), "changed by hand").unwrap();
    site.write("content/people/zhao.toml", &person("赵明", "13912348888"));
    let out = text(&site.run(&["build", "--full"]));
    assert!(!out.contains("build --full"), "{out}");
    assert_eq!(pages_said(&out), all, "{out}");
    assert!(
        site.public("people/zhao/index.html")
            .contains("139 1234 8888")
    );
    assert!(
        site.public("index.html").contains("<html"),
        "the front page made again"
    );
}

/// The inode of the resolved work log the last build kept: a build that trusted it does not
/// write it again.
fn kept_log(site: &Site) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(site.path(".noticeboard-cache/records/worklog"))
        .expect("the resolved work log is kept")
        .ino()
}

#[test]
fn a_kept_work_log_is_trusted_only_while_the_names_its_rows_used_stay() {
    let site = county();
    // By path and id only: renaming the unit and the person changes nothing a row used.
    let by_id = "日期,单位,人员,形式,户数,内容\n2024-05-20,donghu/刘庄村,wang,入户,3,走访\n";
    site.write("content/visits/东湖.csv", by_id);
    std::thread::sleep(std::time::Duration::from_millis(2100));
    publish(site.root()).expect("first build");
    let first = kept_log(&site);
    site.write(
        "content/donghu/刘庄村.toml",
        &unit("刘家庄村", &["wang", "li"]),
    );
    site.write("content/people/wang.toml", &person("王新兴", "13912340001"));
    rebuild_and_compare(&site, "a unit and a visitor renamed");
    assert_eq!(kept_log(&site), first, "the log was not resolved again");

    // By name: 石桥村's visit goes to whichever unit has that name.
    let by_name = "日期,单位,人员,形式,户数,内容\n2024-05-20,石桥村,王新兴,座谈,,修桥议事\n";
    site.write("content/visits/东湖.csv", by_name);
    std::thread::sleep(std::time::Duration::from_millis(2100));
    rebuild_and_compare(&site, "a visit by name");
    let by_name_kept = kept_log(&site);
    assert_ne!(by_name_kept, first, "a changed log is resolved again");
    // Written within a moment of its read, the log is read again once more.
    rebuild_and_compare(&site, "nothing, after the log settled");
    let settled = kept_log(&site);
    assert!(
        site.public("donghu/shiqiaocun/index.html")
            .contains("修桥议事")
    );

    site.write("content/donghu/石桥村.toml", &unit("石桥新村", &["zhao"]));
    site.write(
        "content/xihu/北关村.toml",
        &unit("石桥村", &["sun", "zhao"]),
    );
    rebuild_and_compare(&site, "the name a row used moved to another unit");
    assert_ne!(kept_log(&site), settled, "the log was resolved again");
    assert!(
        site.public("xihu/beiguancun/index.html")
            .contains("修桥议事")
    );
    assert!(
        !site
            .public("donghu/shiqiaocun/index.html")
            .contains("修桥议事")
    );
}

#[test]
fn the_qr_codes_are_encoded_once_and_kept_for_the_next_build() {
    use std::os::unix::fs::MetadataExt;
    let site = county();
    publish(site.root()).expect("first build");
    let codes = || {
        std::fs::metadata(site.path(".noticeboard-cache/records/qr-codes"))
            .expect("the codes are kept")
            .ino()
    };
    let first = codes();
    site.write("content/people/zhao.toml", &person("赵明", "13912349999"));
    rebuild_and_compare(&site, "a phone changed");
    assert_eq!(codes(), first, "no code was encoded, so none is saved");
    // The full build of everything takes every code from the cache, and writes the same.
    let full = build::build(&BuildOptions {
        output: Some(site.path("again")),
        ..options(site.root(), BuildMode::Publish)
    })
    .expect("a full build into another folder");
    assert!(!full.partial);
    assert_eq!(codes(), first);
    let diff = differences(&site.path("public"), &site.path("again"));
    assert!(diff.is_empty(), "{diff:?}");
    site.write("content/xihu/新村.toml", &unit("新村", &["sun"]));
    rebuild_and_compare(&site, "a unit added");
    assert_ne!(codes(), first, "the new unit's code is saved");
}
