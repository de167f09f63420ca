//! Boards set into every page that prints them: a unit's `board.html`, its area's
//! `boards.html` and the reprint list show the same sheet, with links that work from each
//! page; an area too large for one print job links its parts' batches instead.

use crate::common::{Site, person, photo};
use std::path::Path;

/// The sheets of a page of boards, each as written between `<article class="sheet"` and its
/// end.
fn sheets(html: &str) -> Vec<&str> {
    html.match_indices("<article class=\"sheet\"")
        .map(|(start, _)| {
            let end = html[start..].find("</article>").unwrap() + start;
            &html[start..end]
        })
        .collect()
}

/// Every `src="…"` of `html`, resolved from the page at `page` (a path under public/).
fn sources(public: &Path, page: &str, html: &str) -> Vec<std::path::PathBuf> {
    let folder = public.join(page).parent().unwrap().to_path_buf();
    html.split("src=\"")
        .skip(1)
        .map(|rest| folder.join(&rest[..rest.find('"').unwrap()]))
        .collect()
}

#[test]
fn a_board_is_the_same_sheet_on_its_page_its_areas_batch_and_the_reprint_list() {
    let site = Site::new(&[
        ("content/people/a.toml", &person("甲", "13905341201")),
        ("content/people/b.toml", &person("乙", "13905341202")),
        ("content/east/_index.toml", "name = \"东镇\"\n"),
        (
            "content/east/v.toml",
            "name = \"东村\"\n[[team]]\nperson = \"a\"\nlead = true\n[[team]]\nperson = \"b\"\n",
        ),
        (
            "content/east/w.toml",
            "name = \"西村\"\n[[team]]\nperson = \"b\"\nlead = true\n",
        ),
    ]);
    site.write_bytes("content/people/a.jpg", &photo(300, 400));
    site.build_ok();
    let public = site.path("public");
    // 东村 comes first on each page that prints it.
    let pages = [
        "east/v/board.html",
        "east/boards.html",
        "reprint/boards.html",
    ];
    let mut seen = Vec::new();
    for page in pages {
        let html = site.public(page);
        let sheet = sheets(&html)[0];
        assert!(sheet.contains(">东村<"), "{page}: {sheet}");
        assert!(sheet.contains("-print.jpg"), "{page} prints 甲's photo");
        assert!(!sheet.contains('\u{E000}'), "{page} has no unfilled root");
        // Every photo and image a sheet names is there, from where the page is.
        let found = sources(&public, page, sheet);
        assert!(!found.is_empty(), "{page}");
        for file in found {
            assert!(file.is_file(), "{page}: {} is missing", file.display());
        }
        // The same sheet, but for the links that start at each page's root.
        let root = "../".repeat(page.matches('/').count());
        seen.push(sheet.replace(&format!("=\"{root}"), "=\""));
    }
    assert_eq!(seen[0], seen[1], "board page and area batch");
    assert_eq!(seen[0], seen[2], "board page and reprint list");
    assert_eq!(sheets(&site.public("east/boards.html")).len(), 2);
}

/// A county of two townships of `sizes` villages each, one person on every team.
fn county(sizes: &[usize]) -> Site {
    let mut files = vec![
        (
            "content/people/wang.toml".to_string(),
            person("王兴", "13912340001"),
        ),
        (
            "content/xian/_index.toml".to_string(),
            "name = \"县\"\n".to_string(),
        ),
    ];
    for (town, &size) in sizes.iter().enumerate() {
        files.push((
            format!("content/xian/zhen{town}/_index.toml"),
            format!("name = \"第{town}镇\"\n"),
        ));
        for v in 0..size {
            files.push((
                format!("content/xian/zhen{town}/v{v:03}.toml"),
                format!("name = \"{town}镇{v}村\"\n[[team]]\nperson = \"wang\"\nlead = true\n"),
            ));
        }
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Site::new(&borrowed)
}

#[test]
fn an_area_within_one_print_job_holds_every_board_below_it() {
    let site = county(&[30, 40]);
    site.build_ok();
    let batch = site.public("xian/boards.html");
    assert_eq!(sheets(&batch).len(), 70, "both townships' boards");
    assert_eq!(sheets(&site.public("xian/zhen0/boards.html")).len(), 30);
    assert_eq!(sheets(&site.public("xian/zhen1/boards.html")).len(), 40);
}

#[test]
fn an_area_over_one_print_job_links_its_parts_batches_instead() {
    let site = county(&[60, 50]);
    site.build_ok();
    let batch = site.public("xian/boards.html");
    assert_eq!(
        sheets(&batch).len(),
        0,
        "no board of the county's 110 twice"
    );
    for (town, size) in [(0, 60), (1, 50)] {
        let link = format!("href=\"../xian/zhen{town}/boards.html\">第{town}镇</a>");
        assert!(batch.contains(&link), "{link} in {batch}");
        let part = site.public(&format!("xian/zhen{town}/boards.html"));
        assert_eq!(sheets(&part).len(), size);
    }
    // `print` still prints the county whole, from the boards' own pages: see tests/print.rs.
}

/// The boards of a reprint list, as reprint.json names them: (unit id, batch page if any).
fn listed(site: &Site) -> Vec<(String, Option<String>)> {
    let list: serde_json::Value = serde_json::from_str(&site.public("reprint.json")).unwrap();
    list["boards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let batch = b["batch"].as_str().map(str::to_string);
            (b["id"].as_str().unwrap().to_string(), batch)
        })
        .collect()
}

#[test]
fn a_long_reprint_list_links_the_batches_of_areas_it_prints_whole() {
    let site = county(&[60, 50]);
    let out = site.build_ok();
    // A first publication: all 110 boards, each printed from its township's batch.
    let boards = listed(&site);
    assert_eq!(boards.len(), 110);
    for (id, batch) in &boards {
        let town = &id[..id.find("/v").unwrap()];
        assert_eq!(
            batch.as_deref(),
            Some(format!("{town}/boards.html").as_str())
        );
    }
    let list = site.public("reprint/boards.html");
    assert_eq!(sheets(&list).len(), 0, "no board repeated");
    for (town, size) in [(0, 60), (1, 50)] {
        let link =
            format!("href=\"../xian/zhen{town}/boards.html\">第{town}镇（共 {size} 张）</a>");
        assert!(list.contains(&link), "{link} in {list}");
    }
    assert!(!site.public_exists("reprint/boards-2.html"));
    // The history keeps the list without where each board prints: every build works it out.
    let history = std::fs::read_to_string(site.path("published.json")).unwrap();
    assert!(!history.contains("\"batch\"") && !history.contains("\"areas\""));
    assert!(
        crate::common::text(&out).contains("110 of them are every board of 2 areas"),
        "{}",
        crate::common::text(&out)
    );

    // All of one township's boards and most of the other's changed: the first is printed whole,
    // the rest of the list is on its pages.
    let village = |town: usize, v: usize| {
        format!(
            "name = \"{town}镇{v}村\"\n[[team]]\nperson = \"wang\"\nlead = true\nrole = \"第一书记\"\n"
        )
    };
    for v in 0..50 {
        site.write(&format!("content/xian/zhen1/v{v:03}.toml"), &village(1, v));
    }
    for v in 0..51 {
        site.write(&format!("content/xian/zhen0/v{v:03}.toml"), &village(0, v));
    }
    site.build_ok();
    let boards = listed(&site);
    assert_eq!(boards.len(), 101);
    let paged: Vec<&String> = boards
        .iter()
        .filter(|(_, batch)| batch.is_none())
        .map(|(id, _)| id)
        .collect();
    assert_eq!(paged.len(), 51);
    assert!(
        paged.iter().all(|id| id.starts_with("xian/zhen0/")),
        "{paged:?}"
    );
    let list = site.public("reprint/boards.html");
    assert_eq!(sheets(&list).len(), 51);
    assert!(list.contains("href=\"../xian/zhen1/boards.html\">第1镇（共 50 张）</a>"));
    assert!(!list.contains("zhen0/boards.html"));
    // That build rendered only what changed: a full one writes the same files.
    let full = site.path("full");
    let out = site.run(&["build", "--full", "--output", full.to_str().unwrap()]);
    assert!(out.status.success(), "{}", crate::common::text(&out));
    let differ = crate::incremental::differences(&site.path("public"), &full);
    assert!(differ.is_empty(), "{differ:?}");

    // One more board: a list within one print job is printed from its own page, whole.
    site.write(
        "content/xian/zhen1/v000.toml",
        &village(1, 0).replace("第一书记", "包村干部"),
    );
    site.build_ok();
    assert_eq!(listed(&site), [("xian/zhen1/v000".to_string(), None)]);
    let list = site.public("reprint/boards.html");
    assert_eq!(sheets(&list).len(), 1);
    assert!(!list.contains("boards.html\">第"), "no area links: {list}");
}
