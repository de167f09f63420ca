//! What keeps a clerk from doing harm without a word (issue 15): a placeholder `base_url` is
//! refused unless the build says it is a draft, and draft boards are marked; a stale
//! publication date and members whose end date has passed are warned about by name, and
//! `--strict` fails on them; the same bad site speaks Chinese or English as asked.

use crate::common::{CONFIG, Site, person, text};

fn site_at(base_url: &str) -> Site {
    Site::new(&[
        (
            "config.toml",
            &CONFIG.replace("https://gongshi.shifan.cn/county", base_url),
        ),
        (
            "content/people/wang-xing.toml",
            &person("王兴", "139 0534 1201"),
        ),
        (
            "content/刘庄村.toml",
            "name = \"刘庄村\"\n[[team]]\nperson = \"wang-xing\"\nlead = true\n",
        ),
    ])
}

#[test]
fn a_placeholder_address_is_refused_naming_config_toml_and_its_line() {
    for url in [
        "https://example.org/county",
        "http://localhost:1111",
        "http://192.168.1.20/gongshi",
        "http://127.0.0.1",
    ] {
        let site = site_at(url);
        let built = site.run(&["build"]);
        assert!(!built.status.success(), "{url}: {}", text(&built));
        let said = text(&built);
        assert!(
            said.contains("config.toml:3") && said.contains("placeholder"),
            "{url}: the error names config.toml's base_url line: {said}"
        );
        assert!(
            said.contains("--draft"),
            "and says how to try it out: {said}"
        );
        assert!(
            !site.path("public").exists(),
            "{url}: nothing is written for a placeholder address"
        );
        let checked = site.run(&["check"]);
        assert_eq!(checked.status.code(), Some(1), "{url}: {}", text(&checked));
        assert!(text(&checked).contains("placeholder"), "{}", text(&checked));
    }
}

#[test]
fn a_draft_builds_with_a_placeholder_and_marks_every_board() {
    let site = site_at("https://example.org/county");
    let out = site.run(&["build", "--draft"]);
    assert!(out.status.success(), "{}", text(&out));
    let board = site.public("liuzhuangcun/board.html");
    assert!(
        board.contains("data-draft") && board.contains("样稿"),
        "the draft board carries its mark: {board}"
    );
    assert!(
        !site.path("published.json").exists(),
        "a draft's addresses are not recorded as printed"
    );
    let checked = site.run(&["check", "--draft"]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked));
    // A publication at a real address has no mark.
    let real = site_at("https://gongshi.shifan.cn/county");
    real.build_ok();
    assert!(
        !real
            .public("liuzhuangcun/board.html")
            .contains("data-draft")
    );
}

#[test]
fn a_stale_date_and_an_ended_member_are_warned_by_name_and_fail_strict() {
    let site = site_at("https://gongshi.shifan.cn/county");
    site.write(
        "content/刘庄村.toml",
        "name = \"刘庄村\"\n[[team]]\nperson = \"wang-xing\"\nlead = true\nuntil = 2024-07-01\n",
    );
    // Today 2024-09-01: the publication date (2024-06-01) is 92 days old, and 王兴's end
    // date has passed although he is current on the publication date.
    let run = |args: &[&str]| {
        crate::common::noticeboard()
            .env("SOURCE_DATE_EPOCH", "1725148800")
            .args(args)
            .arg("--root")
            .arg(site.root())
            .output()
            .unwrap()
    };
    let built = run(&["build"]);
    assert!(
        built.status.success(),
        "warnings do not stop a build: {}",
        text(&built)
    );
    let said = text(&built);
    assert!(said.contains("92 days before today (2024-09-01)"), "{said}");
    assert!(
        said.contains("王兴 is still on the team of 刘庄村") && said.contains("2024-07-01"),
        "{said}"
    );
    assert_eq!(run(&["check"]).status.code(), Some(0));
    let strict = run(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", text(&strict));
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["check", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["outdated"]["stale_date_days"], 92);
    assert_eq!(json["outdated"]["ended"][0]["name"], "王兴");
    // On the fixtures' own today, nothing is stale.
    assert!(!text(&site.run(&["check"])).contains("days before today"));
}

#[test]
fn the_same_bad_site_speaks_chinese_or_english() {
    let site = site_at("https://example.org/county");
    let speak = |lang: &str| {
        let out = crate::common::noticeboard()
            .env("NOTICEBOARD_LANG", lang)
            .args(["build", "--root"])
            .arg(site.root())
            .output()
            .unwrap();
        text(&out)
    };
    let zh = speak("zh");
    let en = speak("en");
    assert!(zh.contains("是示例地址或内网地址"), "{zh}");
    assert!(zh.contains("--draft") && zh.contains("样稿"), "{zh}");
    assert!(en.contains("is a placeholder or private address"), "{en}");
    assert!(!en.contains("示例地址"), "{en}");
}

#[test]
fn check_says_plainly_when_the_audit_did_not_run() {
    let site = site_at("https://gongshi.shifan.cn/county");
    site.write("content/刘庄村.toml", "name = \"刘庄村\n");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out);
    assert!(said.contains("the coverage audit did not run"), "{said}");
    assert!(
        !said.contains("0 gaps"),
        "no gap count for an audit that did not run: {said}"
    );
}

#[test]
fn check_counts_what_the_boards_would_print_without_and_names_people_by_name() {
    let site = Site::new(&[
        (
            "config.toml",
            "title = \"示范县\"\nbase_url = \"https://gongshi.shifan.cn/county\"\ndate = 2024-06-01\n",
        ),
        (
            "content/people/wang-xing.toml",
            &person("王兴", "139 0534 1201"),
        ),
        (
            "content/people/zhao.toml",
            &person("赵留守", "139 0534 1202"),
        ),
        (
            "content/刘庄村.toml",
            "name = \"刘庄村\"\n[[team]]\nperson = \"wang-xing\"\n",
        ),
    ]);
    let out = site.run(&["check"]);
    let said = text(&out);
    assert!(
        said.contains("Boards: 1 unit(s) without a supervision hotline")
            && said.contains("no issuer (落款) in config.toml")
            && said.contains("1 of 1 people without a photo"),
        "{said}"
    );
    // Names and files, never a bare id or a field's syntax.
    assert!(said.contains("赵留守 (content/people/zhao.toml)"), "{said}");
    assert!(
        said.contains("marked as its lead (负责人)") && !said.contains("lead = true"),
        "{said}"
    );
    let zh = crate::common::noticeboard()
        .env("NOTICEBOARD_LANG", "zh")
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let said = text(&zh);
    assert!(
        said.contains("公示牌") && said.contains("1 个单位没有监督电话"),
        "{said}"
    );
    let json = site.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["boards"]["units_without_hotline"], 1);
    assert_eq!(report["boards"]["no_issuer"], true);
    assert_eq!(report["boards"]["people_without_photo"], 1);
}
