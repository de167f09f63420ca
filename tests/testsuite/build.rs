//! The core pipeline, end to end: fixture sites built with the real binary, output read back as
//! a resident's phone or a clerk would read it.

use crate::common::{Site, links, person, snapshot, text};
use std::path::Path;

/// Two areas (one with a Chinese folder name), an expired assignment, a future one, and three
/// planted gaps: 北关村 (no team), 石桥村 (one member), 华兴 (no lead).
fn planted() -> Site {
    Site::new(&[
        (
            "content/people/wang-xing.toml",
            &person("王兴", "139 0534 1201"),
        ),
        (
            "content/people/li-hua.toml",
            &person("李华", "138-0534-2202"),
        ),
        (
            "content/people/zhou-jie.toml",
            &person("周杰", "13605344404"),
        ),
        (
            "content/people/old-hand.toml",
            &person("旧人", "13705343303"),
        ),
        (
            "content/people/newcomer.toml",
            &person("新人", "13505345505"),
        ),
        (
            "content/鲁权屯镇/刘庄村.toml",
            r#"name = "刘庄村"
[[team]]
person = "wang-xing"
role = "第一书记"
lead = true
[[team]]
person = "li-hua"
role = "包村干部"
[[team]]
person = "old-hand"
role = "包村干部"
since = 2022-01-01
until = 2023-12-31
[[team]]
person = "newcomer"
since = 2025-01-01
"#,
        ),
        (
            "content/鲁权屯镇/石桥村.toml",
            "name = \"石桥村\"\n[[team]]\nperson = \"zhou-jie\"\nlead = true\n",
        ),
        ("content/鲁权屯镇/北关村.toml", "name = \"北关村\"\n"),
        (
            "content/qingshi/huaxing.md",
            "+++\nname = \"华兴机械\"\nkind = \"enterprise\"\n[[team]]\nperson = \"li-hua\"\n+++\n工作日有人值班。\n",
        ),
    ])
}

#[test]
fn unit_pages_show_current_members_with_tel_links_and_hide_expired_ones() {
    let site = planted();
    site.build_ok();
    let page = site.public("luquantunzhen/liuzhuangcun/index.html");
    assert!(page.contains("王兴") && page.contains("李华"));
    assert!(
        page.contains("href=\"tel:+8613905341201\""),
        "lead's tel link"
    );
    assert!(page.contains("href=\"tel:+8613805342202\""));
    assert!(page.contains("139 0534 1201"), "phone grouped for reading");
    // The expired member is off the team and their number off the page; they are named only
    // in the list of former members (换人不换单位).
    let team = &page[page.find("id=\"team\"").unwrap()..page.find("</section>").unwrap()];
    assert!(!team.contains("旧人"), "expired member shown on the team");
    assert!(
        !page.contains("13705343303"),
        "expired member's number shown"
    );
    let former = &page[page.find("class=\"former\"").expect("former members")..];
    let former = &former[..former.find("</section>").unwrap()];
    assert!(former.contains("旧人") && !former.contains("tel:"));
    assert!(!page.contains("新人"), "future member shown");
    // The lead's call button comes before the rest of the team.
    assert!(page.find("tel:+8613905341201").unwrap() < page.find("tel:+8613805342202").unwrap());
    let board = site.public("luquantunzhen/liuzhuangcun/board.html");
    assert!(board.contains("王兴") && !board.contains("旧人"));
}

/// The board prints its page's address whole, in lines that break only after a `/`, with the
/// type sized by the longest line; a team whose titles, orgs or roles run long gets the smaller
/// type for them (`is-wordy`), a team of short ones does not.
#[test]
fn a_board_prints_its_address_in_lines_and_sizes_type_by_the_longest() {
    let long_org = "县乡村振兴和农业农村综合行政执法大队办公室";
    let site = Site::new(&[
        ("content/people/a.toml", &person("甲", "13905341201")),
        (
            "content/people/b.toml",
            &format!("name = \"乙\"\norg = \"{long_org}\"\nphone = \"13905341202\"\n"),
        ),
        (
            "content/dongcheng/a-very-long-village-address-part.toml",
            "name = \"长村\"\n[[team]]\nperson = \"b\"\nlead = true\n",
        ),
        (
            "content/dongcheng/short.toml",
            "name = \"短村\"\n[[team]]\nperson = \"a\"\nrole = \"第一书记\"\nlead = true\n",
        ),
    ]);
    site.build_ok();
    let address = |board: &str| {
        let start = board.find("<p class=\"b-url\"").expect("address line");
        board[start..start + board[start..].find("</p>").unwrap()].to_string()
    };
    let lines = |address: &str| -> Vec<String> {
        address
            .split("<span>")
            .skip(1)
            .map(|s| s.split("</span>").next().unwrap().to_string())
            .collect()
    };
    let members = |board: &str| {
        let start = board.find("<ul class=\"b-members").expect("members");
        board[start..start + board[start..].find('>').unwrap()].to_string()
    };
    let url_chars = |address: &str| -> usize {
        let style = address.split("--url-chars: ").nth(1).unwrap();
        style[..style.find('"').unwrap()].parse().unwrap()
    };

    let short = site.public("dongcheng/short/board.html");
    let short_address = address(&short);
    assert_eq!(
        lines(&short_address),
        [
            "https://gongshi.shifan.cn/",
            "county/",
            "dongcheng/",
            "short/"
        ]
    );
    assert_eq!(
        short_address.matches("<wbr>").count(),
        3,
        "a break before each part"
    );
    assert_eq!(
        url_chars(&short_address),
        "https://gongshi.shifan.cn/".len()
    );
    assert!(
        !members(&short).contains("is-wordy"),
        "short facts keep the larger type"
    );

    let long = site.public("dongcheng/a-very-long-village-address-part/board.html");
    let long_address = address(&long);
    assert_eq!(
        lines(&long_address).concat(),
        "https://gongshi.shifan.cn/county/dongcheng/a-very-long-village-address-part/"
    );
    assert_eq!(
        url_chars(&long_address),
        "a-very-long-village-address-part/".len(),
        "the longest line sizes the type"
    );
    assert!(long.contains(long_org));
    assert!(
        members(&long).contains("is-wordy"),
        "a {}-character org gets the smaller type",
        long_org.chars().count()
    );
}

/// A small site renders its site-wide lists beside its pages; a province's build renders them
/// after the pages, one at a time, for memory (`NOTICEBOARD_LISTS_AFTER_PAGES` asks for that at
/// any size). Both ways write the same files, lists included, in a full build and in a rebuild
/// after an edit.
#[test]
fn lists_after_the_pages_are_the_same_files_as_lists_beside_them() {
    let beside = planted();
    beside.build_ok();
    let after = planted();
    let build_after = || {
        let out = crate::common::noticeboard()
            .args(["build", "--root"])
            .arg(after.root())
            .env("NOTICEBOARD_LISTS_AFTER_PAGES", "1")
            .env("NOTICEBOARD_TIMINGS", "1")
            .output()
            .expect("run noticeboard");
        assert!(out.status.success(), "{}", text(&out));
        text(&out)
    };
    // The stage timings name each list when they come after the pages.
    let timings = build_after();
    assert!(
        timings.contains("pages ") && timings.contains("people list "),
        "{timings}"
    );
    assert!(after.public("people/index.html").contains("王兴"));
    same_output(&beside, &after);

    // A renamed person: a rebuild of the pages that show them, the people list among them,
    // which in a province's rebuild is written beside its place and put there at the end.
    for site in [&beside, &after] {
        site.write(
            "content/people/wang-xing.toml",
            &person("王新兴", "139 0534 1201"),
        );
    }
    let rebuilt = beside.build_ok();
    assert!(text(&rebuilt).contains("--full"), "{}", text(&rebuilt));
    let timings = build_after();
    assert!(
        timings.contains("--full") && timings.contains("people list "),
        "a rebuild, its lists after its pages: {timings}"
    );
    assert!(after.public("people/index.html").contains("王新兴"));
    same_output(&beside, &after);
}

/// `beside` and `after` wrote the same files with the same bytes.
fn same_output(beside: &Site, after: &Site) {
    for list in [
        "coverage/index.html",
        "people/index.html",
        "search.json",
        "404.html",
        "sitemap.xml",
    ] {
        assert!(after.public_exists(list), "{list} missing");
    }
    let beside = snapshot(&beside.path("public"));
    let after = snapshot(&after.path("public"));
    assert_eq!(
        beside.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        after.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in beside.iter().zip(&after) {
        assert!(a == b, "{} differs", path.display());
    }
}

#[test]
fn chinese_file_and_folder_names_get_ascii_urls() {
    let site = planted();
    site.build_ok();
    for path in [
        "luquantunzhen/index.html",
        "luquantunzhen/liuzhuangcun/index.html",
        "luquantunzhen/shiqiaocun/board.html",
        "luquantunzhen/boards.html",
        "qingshi/huaxing/index.html",
    ] {
        assert!(site.public_exists(path), "{path} missing");
    }
    let all = snapshot(&site.path("public"));
    assert!(
        all.iter().all(|(p, _)| p.to_string_lossy().is_ascii()),
        "non-ASCII output path"
    );
}

#[test]
fn qr_png_decodes_to_exactly_the_unit_url() {
    let site = planted();
    site.build_ok();
    let png = site.public_bytes("luquantunzhen/liuzhuangcun/qr.png");
    let image = image::load_from_memory(&png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(
        content,
        "https://gongshi.shifan.cn/county/luquantunzhen/liuzhuangcun/"
    );
    let svg = site.public("luquantunzhen/liuzhuangcun/qr.svg");
    assert!(svg.starts_with("<svg") && !svg.contains("svg:"));
}

#[test]
fn every_vcard_parses_back() {
    let site = planted();
    site.build_ok();
    for id in ["wang-xing", "li-hua", "zhou-jie"] {
        let vcf = site.public(&format!("people/{id}.vcf"));
        assert!(vcf.contains("\r\n"), "vCard lines end in CRLF");
        let cards = vcard4::parse(&vcf).unwrap_or_else(|e| panic!("{id}.vcf: {e}\n{vcf}"));
        assert_eq!(cards.len(), 1);
        let card = &cards[0];
        assert!(!card.formatted_name.is_empty());
        let rendered = card.to_string();
        assert!(rendered.contains("TEL"), "{id} has no TEL");
        assert!(
            rendered.contains(&format!("/people/{id}/")),
            "{id} has no URL of its page"
        );
    }
    let wang = site.public("people/wang-xing.vcf");
    assert!(wang.contains("FN:王兴") && wang.contains("tel:+8613905341201"));
    // The person page links the card ("save contact").
    assert!(
        site.public("people/wang-xing/index.html")
            .contains("wang-xing.vcf")
    );
}

#[test]
fn people_not_serving_today_are_not_published_anywhere() {
    let site = planted();
    let out = text(&site.build_ok());
    assert!(out.contains("built 4 units, 3 people:"), "{out}");
    // old-hand's only assignment ended in 2023; newcomer's starts in 2025 (the publication
    // date is 2024-06-01).
    for (id, name, digits) in [
        ("old-hand", "旧人", "13705343303"),
        ("newcomer", "新人", "13505345505"),
    ] {
        for path in [
            format!("people/{id}/index.html"),
            format!("people/{id}.vcf"),
        ] {
            assert!(!site.public_exists(&path), "{path} is published");
        }
        for listing in ["people/index.html", "search.json", "sitemap.xml"] {
            let text = site.public(listing);
            assert!(
                !text.contains(&format!("people/{id}/")) && !text.contains(name),
                "{listing} lists {id}"
            );
        }
        let last_four = format!("\"{}\"", &digits[digits.len() - 4..]);
        assert!(
            !site.public("search.json").contains(&last_four),
            "{id}'s digits are searchable"
        );
        let everything = snapshot(&site.path("public"));
        assert!(
            everything
                .iter()
                .all(|(_, bytes)| !String::from_utf8_lossy(bytes).contains(digits)),
            "{id}'s number {digits} is published"
        );
    }
    // Those serving are still everywhere they were.
    for listing in ["people/index.html", "search.json", "sitemap.xml"] {
        assert!(site.public(listing).contains("people/li-hua/"), "{listing}");
    }
    // A row of the people list: the person's page, name, title and a number to tap.
    let list = site.public("people/index.html");
    let row = list
        .split("<li class=\"person-row\">")
        .find(|row| row.contains("people/li-hua/"))
        .expect("li-hua's row");
    for shown in [
        "李华",
        "干部",
        "href=\"tel:+8613805342202\"",
        "138 0534 2202",
    ] {
        assert!(row.contains(shown), "{shown} is not on li-hua's row: {row}");
    }
    assert!(site.public_exists("people/zhou-jie/index.html"));
    assert!(site.public_exists("people/zhou-jie.vcf"));
    // The search index refers to people by position: every member still points at a person
    // serving on that team.
    let index: serde_json::Value = serde_json::from_str(&site.public("search.json")).unwrap();
    let people = index["people"].as_array().unwrap();
    let liuzhuang = index["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["n"] == "刘庄村")
        .unwrap();
    let names: Vec<&str> = liuzhuang["m"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            people[m[0].as_u64().unwrap() as usize]["n"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(names, ["王兴", "李华"]);
}

#[test]
fn coverage_json_lists_the_planted_gaps_and_nothing_else() {
    let site = planted();
    site.build_ok();
    let report: serde_json::Value = serde_json::from_str(&site.public("coverage.json")).unwrap();
    let mut gaps: Vec<(String, String)> = report["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["unit"].as_str().unwrap().to_string(),
                g["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    gaps.sort();
    assert_eq!(
        gaps,
        vec![
            (
                "luquantunzhen/beiguancun".to_string(),
                "no_team".to_string()
            ),
            (
                "luquantunzhen/shiqiaocun".to_string(),
                "min_team".to_string()
            ),
            ("qingshi/huaxing".to_string(), "require_lead".to_string()),
        ]
    );
    assert_eq!(report["errors"].as_array().unwrap().len(), 0);
    assert_eq!(report["overloaded"].as_array().unwrap().len(), 0);
    // check --format json prints the same gaps.
    let out = site.run(&["check", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["gaps"].as_array().unwrap().len(), 3);
}

/// Every relative link and asset reference in every page points at a file of the output.
fn assert_links_resolve(public: &Path) {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") || path.file_name().unwrap() == "404.html" {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        for link in links(&html) {
            if link.contains(':') || link.starts_with('#') {
                continue; // absolute (tel:, https:) or in-page
            }
            let target = link.split(['#', '?']).next().unwrap();
            let mut resolved = path.parent().unwrap().join(target);
            if target.is_empty() || target.ends_with('/') {
                resolved = resolved.join("index.html");
            }
            assert!(
                resolved.exists(),
                "{}: broken link {link}",
                path.strip_prefix(public).unwrap().display()
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn every_internal_link_resolves_including_under_a_sub_path() {
    let site = planted();
    let out = site.run(&["build", "--base-url", "https://host.example/county/sub/"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_links_resolve(&site.path("public"));
    let page = site.public("luquantunzhen/liuzhuangcun/index.html");
    assert!(page.contains("https://host.example/county/sub/luquantunzhen/liuzhuangcun/"));
    // The 404 page is served at any depth: its links start from the base path.
    assert!(site.public("404.html").contains("href=\"/county/sub/"));
}

#[test]
fn the_example_site_builds_and_its_links_resolve() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = tempfile::tempdir().unwrap();
    let output = out_dir.path().join("public");
    // The README's first command: the example's base_url is a placeholder, so a draft.
    let out = crate::common::run_in(
        root,
        &["build", "--draft", "--output", output.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_links_resolve(&output);
    let front = std::fs::read_to_string(output.join("index.html")).unwrap();
    assert!(front.contains("东湖镇") && front.contains("青石街道"));
}

#[test]
fn markdown_bodies_are_sanitized_everywhere() {
    let site = Site::new(&[
        ("content/people/a.toml", &person("甲", "13905341201")),
        (
            "content/area/x.md",
            "+++\nname = \"X村\"\n[[team]]\nperson = \"a\"\nlead = true\n+++\n<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n[点我](javascript:alert(3))\n\n<iframe src=\"https://evil.example\"></iframe>\n\n**安全**文本\n",
        ),
    ]);
    site.build_ok();
    for (path, bytes) in snapshot(&site.path("public")) {
        let body = String::from_utf8_lossy(&bytes).to_lowercase();
        if path.extension().is_some_and(|e| e == "js") {
            continue;
        }
        // Raw HTML may survive as escaped text (&lt;script&gt;), never as markup.
        for bad in [
            "<script>alert",
            "<img src=x",
            "<img src=\"x\"",
            "href=\"javascript",
            "<iframe",
        ] {
            assert!(!body.contains(bad), "{} contains {bad}", path.display());
        }
    }
    assert!(
        site.public("area/x/index.html")
            .contains("<strong>安全</strong>")
    );
}

#[test]
fn english_ui_and_site_template_overrides() {
    let site = Site::new(&[
        (
            "config.toml",
            "title = \"Test County\"\nbase_url = \"https://gongshi.shifan.cn\"\nlanguage = \"en\"\n",
        ),
        ("content/people/a.toml", &person("Wang Xing", "13905341201")),
        (
            "content/east/village.toml",
            "name = \"East Village\"\n[[team]]\nperson = \"a\"\nlead = true\n",
        ),
        (
            "templates/person.html",
            "<!DOCTYPE html><title>custom</title><p>OVERRIDDEN {{ person.name }}</p>",
        ),
    ]);
    site.build_ok();
    let unit = site.public("east/village/index.html");
    assert!(
        unit.contains("lang=\"en\"")
            && unit.contains("Work team")
            && unit.contains("Call the team lead")
    );
    assert!(
        site.public("people/a/index.html")
            .contains("OVERRIDDEN Wang Xing")
    );
}

#[test]
fn init_writes_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new-site");
    // Dated today (the real one): the example's visit log and ledger run to recent dates.
    let run_in = |root: &Path, args: &[&str]| {
        crate::common::noticeboard()
            .env_remove("SOURCE_DATE_EPOCH")
            .args(args)
            .arg("--root")
            .arg(root)
            .output()
            .unwrap()
    };
    let out = run_in(tmp.path(), &["init", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    // Its base_url is a placeholder until the clerk writes the real address: only a draft
    // builds.
    let out = run_in(&dir, &["build"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("base_url"), "{}", text(&out));
    let out = run_in(&dir, &["build", "--draft"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.join("public/index.html").is_file());
    // A second init into the same folder refuses rather than overwriting.
    let again = run_in(tmp.path(), &["init", dir.to_str().unwrap()]);
    assert!(!again.status.success());
}

#[test]
fn unknown_fields_warn_with_a_suggestion() {
    let site = Site::new(&[
        (
            "content/people/a.toml",
            "name = \"甲\"\nphone = \"13905341201\"\nphnoe = \"1\"\n",
        ),
        (
            "content/x/y.toml",
            "name = \"Y村\"\n[[team]]\npersno = \"a\"\nperson = \"a\"\n",
        ),
    ]);
    let out = site.build_ok();
    let log = text(&out);
    assert!(
        log.contains("content/people/a.toml:3") && log.contains("did you mean `phone`?"),
        "{log}"
    );
    assert!(
        log.contains("content/x/y.toml:3") && log.contains("did you mean `person`?"),
        "{log}"
    );
}

// ---- bad input: an error naming the file, non-zero exit, previous output untouched ----

/// Builds a good site, breaks it with `files`, and checks that the build fails with every
/// `expected` text in its output while public/ stays byte for byte the same.
fn assert_refused(files: &[(&str, &[u8])], expected: &[&str]) {
    let site = planted();
    site.build_ok();
    let before = snapshot(&site.path("public"));
    for (path, bytes) in files {
        site.write_bytes(path, bytes);
    }
    let out = site.run(&["build"]);
    let log = text(&out);
    assert!(!out.status.success(), "build should fail:\n{log}");
    for e in expected {
        assert!(log.contains(e), "expected {e:?} in:\n{log}");
    }
    assert!(!log.contains("panicked"), "{log}");
    assert_eq!(
        before,
        snapshot(&site.path("public")),
        "public/ changed after a failed build"
    );
    let check = site.run(&["check"]);
    assert!(!check.status.success(), "check should fail too");
}

#[test]
fn toml_syntax_error_names_file_and_line() {
    assert_refused(
        &[(
            "content/qingshi/bad.toml",
            b"name = \"x\"\n\nhouseholds = = 3\n",
        )],
        &["content/qingshi/bad.toml:3"],
    );
}

#[test]
fn missing_required_fields() {
    assert_refused(
        &[
            ("content/qingshi/noname.toml", b"kind = \"village\"\n"),
            (
                "content/people/nophone.toml",
                "name = \"无号\"\n".as_bytes(),
            ),
        ],
        &[
            "content/qingshi/noname.toml",
            "`name` is missing",
            "content/people/nophone.toml",
            "`phone` is missing",
        ],
    );
}

#[test]
fn team_member_naming_no_person() {
    assert_refused(
        &[(
            "content/qingshi/ghost.toml",
            b"name = \"G\"\n[[team]]\nperson = \"wang-xin\"\n",
        )],
        &[
            "content/qingshi/ghost.toml:3",
            "no person `wang-xin`",
            "did you mean \"wang-xing\"",
        ],
    );
}

#[test]
fn invalid_phone() {
    assert_refused(
        &[(
            "content/people/bad-phone.toml",
            "name = \"错号\"\nphone = \"2212345\"\n".as_bytes(),
        )],
        &["content/people/bad-phone.toml:2", "area code"],
    );
}

#[test]
fn impossible_date() {
    assert_refused(
        &[(
            "content/qingshi/d.toml",
            b"name = \"D\"\n[[team]]\nperson = \"li-hua\"\nsince = 2023-02-30\n",
        )],
        &["content/qingshi/d.toml:4"],
    );
}

#[test]
fn unknown_kind() {
    assert_refused(
        &[(
            "content/qingshi/k.toml",
            b"name = \"K\"\nkind = \"vilage\"\n",
        )],
        &[
            "content/qingshi/k.toml:2",
            "unknown kind `vilage`",
            "did you mean \"village\"",
        ],
    );
}

#[test]
fn non_utf8_file() {
    // "刘庄村" in GBK, as Chinese Windows Notepad saves it.
    let gbk: &[u8] = b"name = \"\xc1\xf5\xd7\xaf\xb4\xe5\"\n";
    assert_refused(
        &[("content/qingshi/gbk.toml", gbk)],
        &["content/qingshi/gbk.toml", "not UTF-8", "UTF-8"],
    );
}

#[test]
fn two_records_on_one_url_and_every_collision_reported_in_one_run() {
    assert_refused(
        &[
            (
                "content/qingshi/石庄村.toml",
                "name = \"石庄村\"\n".as_bytes(),
            ),
            (
                "content/qingshi/师庄村.toml",
                "name = \"师庄村\"\n".as_bytes(),
            ),
            ("content/qingshi/王庄.toml", "name = \"王庄\"\n".as_bytes()),
            ("content/qingshi/汪庄.toml", "name = \"汪庄\"\n".as_bytes()),
        ],
        &[
            "师庄村.toml",
            "石庄村.toml",
            "/qingshi/shizhuangcun/",
            "/qingshi/wangzhuang/",
            "slug = \"",
        ],
    );
}

#[test]
fn missing_config() {
    let site = planted();
    site.build_ok();
    let before = snapshot(&site.path("public"));
    site.remove("config.toml");
    let out = site.run(&["build"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("config.toml"), "{}", text(&out));
    assert_eq!(before, snapshot(&site.path("public")));
}

#[test]
fn photo_path_leaving_the_site_folder() {
    assert_refused(
        &[(
            "content/people/escape.toml",
            "name = \"越界\"\nphone = \"13905349999\"\nphoto = \"../../../../etc/passwd\"\n"
                .as_bytes(),
        )],
        &["content/people/escape.toml:3", "outside the site folder"],
    );
}

#[test]
fn resident_id_number_is_refused_and_never_published() {
    // A fictional number with a valid birth date and MOD 11-2 check digit.
    let id = "11010519491231002X";
    assert_refused(
        &[(
            "content/qingshi/id.md",
            format!("+++\nname = \"I\"\n+++\n联系人身份证号 {id}\n").as_bytes(),
        )],
        &["content/qingshi/id.md:4", "resident ID"],
    );
}

#[test]
fn a_failed_build_leaves_no_staging_folder_behind() {
    let site = planted();
    site.build_ok();
    site.write("content/qingshi/bad.toml", "name = ");
    assert!(!site.run(&["build"]).status.success());
    let names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains(".tmp-") && !n.contains(".old-")),
        "{names:?}"
    );
}

#[test]
fn photos_are_processed_once_and_shown_on_pages_and_boards() {
    let site = Site::new(&[
        ("content/people/a.toml", &person("甲", "13905341201")),
        ("content/people/b.toml", &person("乙", "13905341202")),
        (
            "content/east/v.toml",
            "name = \"东村\"\n[[team]]\nperson = \"a\"\nlead = true\n[[team]]\nperson = \"b\"\n",
        ),
    ]);
    // A phone-sized snapshot: wider than 3:4 so the crop shows.
    let jpeg = crate::common::photo(900, 1000);
    site.write_bytes("content/people/a.jpg", &jpeg);

    let first = text(&site.build_ok());
    assert!(first.contains("photos 1 processed / 0 reused"), "{first}");
    let page = site.public("east/v/index.html");
    assert!(
        page.contains("240w") && page.contains("480w"),
        "srcset with both widths"
    );
    assert!(page.contains("alt=\"甲 干部\""), "alt text is name + title");
    let board = site.public("east/v/board.html");
    assert!(board.contains("-print.jpg"), "boards use the print size");
    // 乙 has no photo: the placeholder shows the surname.
    assert!(page.contains(">乙<"), "placeholder with the surname");

    let photos = snapshot(&site.path("public/photos"));
    assert_eq!(photos.len(), 3, "240, 480 and print renditions");
    for (path, bytes) in &photos {
        assert!(bytes.len() < 60_000 || path.to_string_lossy().contains("print"));
        let img = image::load_from_memory(bytes).unwrap();
        assert_eq!(
            img.width() * 4,
            img.height() * 3,
            "{} is not 3:4",
            path.display()
        );
        assert_ne!(bytes, &jpeg, "the original must not be published");
    }

    let second = text(&site.build_ok());
    assert!(second.contains("photos 0 processed / 1 reused"), "{second}");
}
