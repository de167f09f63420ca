//! Printed QR codes never die, and the office learns which boards to print again: the
//! manifest, the publishing history kept in the site folder, alias redirects, the reprint list.

use crate::common::{Site, person, text};
use serde_json::Value;

const LIUZHUANG: &str =
    "name = \"刘庄村\"\n[[team]]\nperson = \"wang\"\nlead = true\n[[team]]\nperson = \"li\"\n";

/// Three villages; `wang` serves only 刘庄村, the others share `zhao` and `sun`.
fn three_villages() -> Site {
    Site::new(&[
        ("content/people/wang.toml", &person("王兴", "13912340001")),
        ("content/people/li.toml", &person("李华", "13912340002")),
        ("content/people/zhao.toml", &person("赵明", "13912340003")),
        ("content/people/sun.toml", &person("孙强", "13912340004")),
        ("content/donghu/刘庄村.toml", LIUZHUANG),
        (
            "content/donghu/石桥村.toml",
            "name = \"石桥村\"\n[[team]]\nperson = \"zhao\"\nlead = true\n[[team]]\nperson = \"sun\"\n",
        ),
        (
            "content/donghu/北关村.toml",
            "name = \"北关村\"\n[[team]]\nperson = \"sun\"\nlead = true\n[[team]]\nperson = \"zhao\"\n",
        ),
    ])
}

fn reprint(site: &Site) -> Value {
    serde_json::from_str(&site.public("reprint.json")).expect("reprint.json is JSON")
}

fn reprinted(site: &Site) -> Vec<(String, String)> {
    reprint(site)["boards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap().to_string(),
                b["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn sheets(html: &str) -> usize {
    html.matches("<article class=\"sheet\"").count()
}

#[test]
fn every_build_writes_a_manifest_and_a_first_build_lists_every_board() {
    let site = three_villages();
    site.build_ok();
    let manifest: Value = serde_json::from_str(&site.public("manifest.json")).unwrap();
    let boards = manifest["boards"].as_array().unwrap();
    assert_eq!(boards.len(), 3);
    for b in boards {
        let id = b["id"].as_str().unwrap();
        assert_eq!(
            b["url"].as_str().unwrap(),
            format!("https://gongshi.shifan.cn/county/{id}/")
        );
        assert!(b["hash"].as_str().is_some_and(|h| h.len() >= 16));
        // The URL is the one the unit's QR code holds.
        assert!(site.public_exists(&format!("{id}/qr.svg")));
    }
    // Nothing was printed by this tool yet: every board is new.
    let list = reprinted(&site);
    assert_eq!(list.len(), 3);
    assert!(list.iter().all(|(_, reason)| reason == "added"), "{list:?}");
    assert_eq!(sheets(&site.public("reprint/boards.html")), 3);

    // The history lives in the site folder, which is what a clerk keeps.
    let history: Value =
        serde_json::from_str(&std::fs::read_to_string(site.path("published.json")).unwrap())
            .unwrap();
    let addresses: Vec<&str> = history["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        addresses,
        vec![
            "donghu/beiguancun/",
            "donghu/liuzhuangcun/",
            "donghu/shiqiaocun/"
        ]
    );
}

#[test]
fn a_phone_change_puts_exactly_one_board_on_the_reprint_list() {
    let site = three_villages();
    site.build_ok();
    site.build_ok();
    site.write("content/people/wang.toml", &person("王兴", "13987650001"));
    site.build_ok();

    assert_eq!(
        reprinted(&site),
        vec![("donghu/liuzhuangcun".to_string(), "changed".to_string())]
    );
    let page = site.public("reprint/boards.html");
    assert_eq!(sheets(&page), 1, "{page}");
    assert!(page.contains("139 8765 0001"), "the new number is printed");
    assert!(page.contains("刘庄村") && !page.contains("石桥村"));

    // Rebuilding without a change keeps the list still to print.
    site.build_ok();
    assert_eq!(reprinted(&site).len(), 1);
    // A change that no board prints (the page's text) empties nothing either.
    site.write(
        "content/donghu/刘庄村.toml",
        &format!("description = \"村委会在村东头\"\n{LIUZHUANG}"),
    );
    site.build_ok();
    assert_eq!(reprinted(&site).len(), 1);
    // The next printed change replaces it.
    site.write("content/people/zhao.toml", &person("赵明", "13987650003"));
    site.build_ok();
    let mut ids: Vec<String> = reprinted(&site).into_iter().map(|(id, _)| id).collect();
    ids.sort();
    assert_eq!(ids, vec!["donghu/beiguancun", "donghu/shiqiaocun"]);
}

#[test]
fn a_renamed_unit_without_an_alias_fails_even_from_a_fresh_clone() {
    let site = three_villages();
    site.build_ok();
    // The clerk renames the file, and public/ is gone (git-ignored, a new machine).
    site.remove("content/donghu/刘庄村.toml");
    site.write("content/donghu/刘家庄村.toml", LIUZHUANG);
    std::fs::remove_dir_all(site.path("public")).unwrap();

    let out = site.run(&["build"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("/donghu/liuzhuangcun/"), "{all}");
    assert!(
        all.contains("content/donghu/刘家庄村.toml"),
        "the record to edit: {all}"
    );
    assert!(all.contains("aliases = [\"donghu/liuzhuangcun\"]"), "{all}");
    assert!(
        !site.public_exists("index.html"),
        "a failed build writes nothing"
    );

    // check reports the same error, and writes nothing either.
    let before = crate::common::snapshot(site.root());
    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["message"]
                .as_str()
                .unwrap()
                .contains("/donghu/liuzhuangcun/")),
        "{report:#}"
    );
    assert_eq!(crate::common::snapshot(site.root()), before);
}

#[test]
fn an_alias_keeps_the_old_address_working_and_the_moved_board_is_reprinted() {
    let site = three_villages();
    site.build_ok();
    site.remove("content/donghu/刘庄村.toml");
    site.write(
        "content/donghu/刘家庄村.toml",
        &format!("aliases = [\"donghu/liuzhuangcun\"]\n{LIUZHUANG}"),
    );
    site.build_ok();

    let redirect = site.public("donghu/liuzhuangcun/index.html");
    assert!(
        redirect.contains("url=../../donghu/liujiazhuangcun/"),
        "the old address leads to the new page: {redirect}"
    );
    assert!(site.public_exists("donghu/liujiazhuangcun/index.html"));
    let list = reprint(&site);
    let boards = list["boards"].as_array().unwrap();
    assert_eq!(boards.len(), 1, "{list:#}");
    assert_eq!(boards[0]["id"], "donghu/liujiazhuangcun");
    assert_eq!(boards[0]["reason"], "moved");
    assert_eq!(boards[0]["from"], "donghu/liuzhuangcun");
    assert_eq!(list["removed"].as_array().unwrap().len(), 0);

    // The alias is part of the history now: dropping it later is caught too.
    site.write("content/donghu/刘家庄村.toml", LIUZHUANG);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("/donghu/liuzhuangcun/"));
}

#[test]
fn a_slug_change_is_caught_in_the_same_file() {
    let site = three_villages();
    site.build_ok();
    site.write(
        "content/donghu/刘庄村.toml",
        &format!("slug = \"liuzhuang\"\n{LIUZHUANG}"),
    );
    let out = site.run(&["check"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("error: content/donghu/刘庄村.toml"), "{all}");
    assert!(all.contains("slug = \"liuzhuangcun\""), "{all}");
}

#[test]
fn a_preview_with_another_base_url_does_not_become_the_history() {
    let site = three_villages();
    site.build_ok();
    let history = std::fs::read(site.path("published.json")).unwrap();
    let preview = site.path("preview");
    let out = site.run(&[
        "build",
        "--base-url",
        "http://127.0.0.1:1111",
        "--output",
        preview.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(preview.join("manifest.json").is_file());
    assert_eq!(std::fs::read(site.path("published.json")).unwrap(), history);
}

#[test]
fn a_damaged_history_stops_the_build_and_says_what_to_do() {
    let site = three_villages();
    site.build_ok();
    site.write("published.json", "{\"boards\": [");
    let out = site.run(&["build"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("error: published.json:1:"), "{all}");
    assert!(all.contains("restore it from your backup"), "{all}");
}

#[test]
fn without_published_json_the_previous_output_manifest_is_used() {
    let site = three_villages();
    site.build_ok();
    std::fs::remove_file(site.path("published.json")).unwrap();
    site.remove("content/donghu/石桥村.toml");
    site.write(
        "content/donghu/石桥新村.toml",
        "name = \"石桥村\"\n[[team]]\nperson = \"zhao\"\nlead = true\n[[team]]\nperson = \"sun\"\n",
    );
    let out = site.run(&["build"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("/donghu/shiqiaocun/"), "{all}");
}

/// `check --output DIR` reads the previous build where the build went, not `public/`: a clerk
/// who builds into `www/` is warned about a renamed unit before building again.
#[test]
fn check_reads_the_previous_build_from_its_output_folder() {
    let site = three_villages();
    let built = site.run(&["build", "--output", site.path("www").to_str().unwrap()]);
    assert!(built.status.success(), "{}", text(&built));
    std::fs::remove_file(site.path("published.json")).unwrap();
    site.remove("content/donghu/石桥村.toml");
    site.write(
        "content/donghu/石桥新村.toml",
        "name = \"石桥村\"\n[[team]]\nperson = \"zhao\"\nlead = true\n[[team]]\nperson = \"sun\"\n",
    );
    // Without --output, check looks in public/, which no build made: nothing to compare with.
    let plain = site.run(&["check"]);
    assert_eq!(plain.status.code(), Some(0), "{}", text(&plain));
    let out = site.run(&["check", "--output", site.path("www").to_str().unwrap()]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("/donghu/shiqiaocun/"), "{all}");
    assert!(!site.public_exists(""), "check writes nothing");
}

#[test]
fn a_long_reprint_list_is_split_into_print_jobs_of_100_boards() {
    let village = |i: usize, role: &str| {
        format!("name = \"第{i}村\"\n[[team]]\nperson = \"wang\"\nlead = true\n{role}")
    };
    let mut files = vec![(
        "content/people/wang.toml".to_string(),
        person("王兴", "13912340001"),
    )];
    for i in 0..206 {
        files.push((format!("content/donghu/v{i:03}.toml"), village(i, "")));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = Site::new(&borrowed);
    // A first publication lists every board, which the township's batch already holds.
    site.build_ok();
    assert_eq!(reprint(&site)["boards"].as_array().unwrap().len(), 206);
    assert_eq!(
        reprint(&site)["areas"],
        serde_json::json!([{"name": "donghu", "page": "donghu/boards.html", "boards": 206}])
    );
    let list = site.public("reprint/boards.html");
    assert_eq!(sheets(&list), 0);
    assert!(
        list.contains("href=\"../donghu/boards.html\">donghu（共 206 张）</a>"),
        "{list}"
    );
    assert_eq!(sheets(&site.public("donghu/boards.html")), 206);
    assert!(
        reprint(&site)["boards"]
            .as_array()
            .unwrap()
            .iter()
            .all(|b| b["batch"] == "donghu/boards.html")
    );

    // 205 changed boards of the 206: the township is not printed whole, the list is.
    for i in 1..206 {
        site.write(
            &format!("content/donghu/v{i:03}.toml"),
            &village(i, "role = \"第一书记\"\n"),
        );
    }
    let out = site.build_ok();
    assert!(
        text(&out).contains("and 2 more pages of 100"),
        "{}",
        text(&out)
    );
    assert!(
        reprint(&site).get("areas").is_none(),
        "no area printed whole"
    );

    let pages = [
        "reprint/boards.html",
        "reprint/boards-2.html",
        "reprint/boards-3.html",
    ];
    assert_eq!(
        reprint(&site)["pages"],
        serde_json::json!(pages),
        "reprint.json names every page"
    );
    let counts: Vec<usize> = pages.iter().map(|p| sheets(&site.public(p))).collect();
    assert_eq!(counts, [100, 100, 5]);
    // Every board is on exactly one page, and every page links to the others.
    let mut seen = std::collections::HashSet::new();
    for page in pages {
        let html = site.public(page);
        for i in 1..206 {
            if html.contains(&format!(">第{i}村<")) {
                assert!(seen.insert(i), "第{i}村 is on two pages");
            }
        }
        for other in pages {
            assert!(
                html.contains(&format!("href=\"../{other}\"")),
                "{page} → {other}"
            );
        }
        assert_eq!(html.matches("aria-current=\"page\"").count(), 1);
    }
    assert_eq!(seen.len(), 205);

    // A build that changes one board lists one page: the others are removed.
    site.write(
        "content/donghu/v007.toml",
        &village(7, "role = \"包村干部\"\n"),
    );
    site.build_ok();
    assert_eq!(
        reprint(&site)["pages"],
        serde_json::json!(["reprint/boards.html"])
    );
    assert_eq!(sheets(&site.public("reprint/boards.html")), 1);
    assert!(!site.public_exists("reprint/boards-2.html"));
    assert!(
        !site
            .public("reprint/boards.html")
            .contains("class=\"batches\"")
    );
}
