//! `serve` rebuilds only what an edit changed. Whatever it skips, its output must be exactly
//! what a full build of the same files writes: after every edit below, the session's output
//! folder is compared byte for byte with a fresh full build.

use crate::common::{Site, person, snapshot};
use noticeboard::build::{self, BuildMode, BuildOptions, Session};
use std::path::Path;

const PREVIEW_URL: &str = "http://127.0.0.1:9";

fn options(site: &Site, output: &str) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.path(output)),
        mode: BuildMode::Preview {
            base_url: PREVIEW_URL.to_string(),
        },
        live_reload: Some("/__livereload.js".to_string()),
        progress: false,
    }
}

pub(crate) fn unit(name: &str, members: &[&str]) -> String {
    let mut text = format!("name = \"{name}\"\n");
    for (i, m) in members.iter().enumerate() {
        text.push_str(&format!("[[team]]\nperson = \"{m}\"\nlead = {}\n", i == 0));
    }
    text
}

/// Five people on four units in two townships, one of them with a team of its own.
pub(crate) fn city() -> Site {
    Site::new(&[
        ("content/people/wang.toml", &person("王兴", "13912340001")),
        ("content/people/li.toml", &person("李华", "13912340002")),
        ("content/people/zhao.toml", &person("赵明", "13912340003")),
        ("content/people/sun.toml", &person("孙强", "13912340004")),
        ("content/people/qian.toml", &person("钱进", "13912340005")),
        (
            "content/donghu/_index.toml",
            "name = \"东湖镇\"\n[[team]]\nperson = \"qian\"\nrole = \"包片领导\"\n",
        ),
        (
            "content/donghu/刘庄村.toml",
            &unit("刘庄村", &["wang", "li"]),
        ),
        ("content/donghu/石桥村.toml", &unit("石桥村", &["zhao"])),
        (
            "content/xihu/北关村.toml",
            &unit("北关村", &["sun", "zhao"]),
        ),
        ("content/xihu/南关社区.toml", &unit("南关社区", &["li"])),
    ])
}

/// A full build into `full/`: a fresh folder, so that it cannot be a partial build itself.
fn full_build(site: &Site) -> Result<build::BuildSummary, build::BuildError> {
    let _ = std::fs::remove_dir_all(site.path("full"));
    build::build(&options(site, "full"))
}

/// Files that differ between two output folders, by relative path (the output marker aside:
/// it says when the folder was made).
pub(crate) fn differences(a: &Path, b: &Path) -> Vec<String> {
    let (a, b) = (snapshot(a), snapshot(b));
    let mut names: Vec<_> = a.iter().chain(&b).map(|(p, _)| p.clone()).collect();
    names.sort();
    names.dedup();
    let find = |list: &[(std::path::PathBuf, Vec<u8>)], name: &std::path::PathBuf| {
        list.iter().find(|(p, _)| p == name).map(|(_, b)| b.clone())
    };
    names
        .into_iter()
        .filter(|name| name != Path::new(".noticeboard-output"))
        .filter(|name| find(&a, name) != find(&b, name))
        .map(|p| p.display().to_string())
        .collect()
}

#[test]
fn every_partial_rebuild_writes_what_a_full_build_writes() {
    let site = city();
    let mut session = Session::default();
    let first = build::rebuild(&options(&site, "preview"), &mut session).expect("first build");
    let all_pages = first.pages;

    // (what the edit is, file, new text, whether only some pages should be rendered)
    let edits: Vec<(&str, &str, String, bool)> = vec![
        (
            "a unit renamed",
            "content/donghu/刘庄村.toml",
            unit("刘家庄村", &["wang", "li"]),
            true,
        ),
        (
            "a phone changed",
            "content/people/zhao.toml",
            person("赵明", "13912349999"),
            true,
        ),
        (
            "a member added",
            "content/xihu/南关社区.toml",
            unit("南关社区", &["li", "wang"]),
            true,
        ),
        (
            "an area team member's title changed",
            "content/people/qian.toml",
            "name = \"钱进\"\ntitle = \"副镇长\"\norg = \"东湖镇政府\"\nphone = \"13912340005\"\n"
                .to_string(),
            false,
        ),
        (
            "a unit's text",
            "content/xihu/北关村.toml",
            unit("北关村", &["sun", "zhao"]).replacen("\n", "\naddress = \"北关村委会\"\n", 1),
            true,
        ),
        (
            "the last member leaves",
            "content/donghu/石桥村.toml",
            unit("石桥村", &[]),
            true,
        ),
        (
            // 孙强 serves nowhere else: his page, vCard and search entry must go.
            "a member's only assignment ends",
            "content/xihu/北关村.toml",
            unit("北关村", &["sun", "zhao"]).replacen(
                "lead = true\n",
                "lead = true\nuntil = 2024-01-01\n",
                1,
            ),
            false,
        ),
        (
            "and is extended",
            "content/xihu/北关村.toml",
            unit("北关村", &["sun", "zhao"]),
            false,
        ),
        (
            "the site's settings",
            "config.toml",
            crate::common::CONFIG.replace("测试县公示", "测试县联系干部公示"),
            false,
        ),
    ];
    for (what, file, text, partial) in edits {
        site.write(file, &text);
        session.only_changed(vec![site.path(file)]);
        let summary = build::rebuild(&options(&site, "preview"), &mut session)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        if partial {
            assert!(
                summary.pages < all_pages,
                "{what}: {} of {all_pages} pages rendered again",
                summary.pages
            );
        }
        full_build(&site).unwrap_or_else(|e| panic!("{what}: {e}"));
        let diff = differences(&site.path("preview"), &site.path("full"));
        assert!(
            diff.is_empty(),
            "{what}: the partial build differs in {diff:?}"
        );
        let sun_published = site.path("preview/people/sun/index.html").exists();
        assert_eq!(
            sun_published,
            what != "a member's only assignment ends",
            "{what}: 孙强's page"
        );
    }
}

#[test]
fn a_broken_edit_keeps_the_last_output_and_the_fix_is_rendered() {
    let site = city();
    let mut session = Session::default();
    build::rebuild(&options(&site, "preview"), &mut session).expect("first build");
    let before = snapshot(&site.path("preview"));

    site.write(
        "content/people/wang.toml",
        "name = \"王兴\"\nphone = \"123\"\n",
    );
    session.only_changed(vec![site.path("content/people/wang.toml")]);
    let err = build::rebuild(&options(&site, "preview"), &mut session)
        .expect_err("a bad phone stops the build");
    assert!(
        err.diagnostics()
            .iter()
            .any(|d| d.to_string().contains("wang.toml")),
        "{err}"
    );
    assert_eq!(snapshot(&site.path("preview")), before, "output untouched");

    site.write("content/people/wang.toml", &person("王兴", "13812340001"));
    session.only_changed(vec![site.path("content/people/wang.toml")]);
    build::rebuild(&options(&site, "preview"), &mut session).expect("fixed");
    full_build(&site).expect("full build");
    let diff = differences(&site.path("preview"), &site.path("full"));
    assert!(diff.is_empty(), "after the fix: {diff:?}");
    assert!(
        std::fs::read_to_string(site.path("preview/people/wang/index.html"))
            .unwrap()
            .contains("138 1234 0001")
    );
}

#[test]
fn files_added_or_removed_without_a_hint_are_seen() {
    let site = city();
    let mut session = Session::default();
    build::rebuild(&options(&site, "preview"), &mut session).expect("first build");
    // A new unit and a removed one, as `serve` reports them: no list of changed files.
    site.write("content/xihu/新村.toml", &unit("新村", &["sun"]));
    site.remove("content/xihu/南关社区.toml");
    build::rebuild(&options(&site, "preview"), &mut session).expect("rebuild");
    full_build(&site).expect("full build");
    let diff = differences(&site.path("preview"), &site.path("full"));
    assert!(diff.is_empty(), "{diff:?}");
    assert!(site.path("preview/xihu/xincun/index.html").is_file());
}
