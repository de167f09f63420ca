//! What a careless clerk, a hostile contributor or a failing machine must not be able to do
//! (issue 20): leak a person who is not published. (Memory against one person's team count is
//! measured by `cargo bench --bench scale -- teams`.)

use crate::common::{CONFIG, Site, person};
use serde_json::Value;

mod files;
mod names;
mod spreadsheets;

/// `noticeboard import ROSTER --into .` run in `dir`: its output and what it said.
fn import_into(dir: &std::path::Path, roster: &std::path::Path) -> (std::process::Output, String) {
    let out = crate::common::noticeboard()
        .current_dir(dir)
        .args(["import", roster.to_str().unwrap(), "--into", "."])
        .output()
        .unwrap();
    let said = crate::common::text(&out);
    (out, said)
}

/// Every file of the build, as text (binary files lossily).
fn published_text(site: &Site) -> Vec<(String, String)> {
    crate::common::snapshot(&site.path("public"))
        .into_iter()
        .map(|(path, bytes)| {
            (
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect()
}

#[test]
fn people_not_serving_are_named_to_the_clerk_but_never_published() {
    let site = Site::new(&[
        ("config.toml", CONFIG),
        ("content/people/wang.toml", &person("王兴", "13912340001")),
        // A record left behind, named by its file as clerks do: the file name is a full name.
        (
            "content/people/赵留守.toml",
            &person("赵留守", "13912340002"),
        ),
        ("content/people/qian.toml", &person("钱已调", "13912340003")),
        (
            "content/刘庄村.toml",
            "name = \"刘庄村\"\n\
             [[team]]\nperson = \"wang\"\nlead = true\n\
             [[team]]\nperson = \"qian\"\nuntil = 2020-01-01\n",
        ),
    ]);
    let check = site.run(&["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&check.stdout).expect("check's JSON");
    assert_eq!(report["unreferenced"], serde_json::json!(["赵留守"]));
    assert_eq!(report["not_serving"], serde_json::json!(["qian"]));

    site.build_ok();
    let published: Value = serde_json::from_str(&site.public("coverage.json")).unwrap();
    assert!(published.get("unreferenced").is_none() && published.get("not_serving").is_none());
    for (path, text) in published_text(&site) {
        // The unit's page lists its former members by name (换人不换单位), nothing more.
        let former_ok = path == "liuzhuangcun/index.html";
        for private in ["赵留守", "13912340002", "13912340003", "people/qian"] {
            assert!(!text.contains(private), "{path} names {private}");
        }
        assert!(former_ok || !text.contains("钱已调"), "{path} names 钱已调");
    }
    assert!(site.public("liuzhuangcun/index.html").contains("王兴"));
}

/// A small site with one unit, built into `public/`.
fn one_village() -> Site {
    Site::new(&[
        ("config.toml", CONFIG),
        ("content/people/wang.toml", &person("王兴", "13912340001")),
        (
            "content/石桥村.toml",
            "name = \"石桥村\"\n[[team]]\nperson = \"wang\"\nlead = true\n",
        ),
    ])
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn copies_zip_debris_and_links_out_of_the_site_publish_nothing() {
    let site = one_village();
    let record = std::fs::read_to_string(site.path("content/石桥村.toml")).unwrap();
    // Windows Explorer's and macOS Finder's copies, and what a zip made on a Mac carries.
    site.write("content/石桥村 - 副本.toml", &record);
    site.write("content/石桥村 - 副本 (2).toml", &record);
    site.write("content/石桥村 copy.toml", &record);
    site.write("content/__MACOSX/石桥村.toml", &record);
    site.write("content/__MACOSX/._石桥村.toml", "\u{0}\u{5}binary");
    // Links out of the site: a record and a photo that must not be read.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.toml"),
        "name = \"外村\"\n[[team]]\nperson = \"wang\"\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("wang.jpg"), b"not for the public").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.toml"),
        site.path("content/外村.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("wang.jpg"),
        site.path("content/people/wang.jpg"),
    )
    .unwrap();
    let built = site.build_ok();
    let said = crate::common::text(&built);
    for copy in [
        "石桥村 - 副本.toml",
        "石桥村 - 副本 (2).toml",
        "石桥村 copy.toml",
    ] {
        assert!(said.contains(copy), "the copy {copy} is named: {said}");
    }
    assert!(said.contains("外村.toml"), "the link is named: {said}");
    let top = names_in(&site.path("public"));
    let units: Vec<&String> = top.iter().filter(|n| n.starts_with("shiqiao")).collect();
    assert_eq!(units, ["shiqiaocun"], "one village, no copy");
    assert!(
        !top.iter()
            .any(|n| n.contains("MACOSX") || n.starts_with("waicun")),
        "{top:?}"
    );
    let index = site.public("index.html");
    assert!(!index.contains("外村") && !index.contains("MACOSX"));
    let photos = names_in(&site.path("public/photos"));
    assert!(
        photos.is_empty(),
        "the linked photo is not published: {photos:?}"
    );
}

#[test]
fn a_name_written_decomposed_on_a_mac_is_the_same_unit_and_area() {
    let site = one_village();
    // "Lü" composed (Windows) in one file's folder and decomposed (macOS) in another's.
    let unit =
        |name: &str| format!("name = \"{name}\"\n[[team]]\nperson = \"wang\"\nlead = true\n");
    site.write("content/L\u{fc}镇/_index.toml", "name = \"L\u{fc}镇\"\n");
    site.write("content/L\u{fc}镇/甲村.toml", &unit("甲村"));
    site.write("content/Lu\u{308}镇/乙村.toml", &unit("乙村"));
    let built = site.run(&["build"]);
    let said = crate::common::text(&built);
    assert!(built.status.success(), "{said}");
    let areas: Vec<String> = names_in(&site.path("public"))
        .into_iter()
        .filter(|n| n.starts_with("l-") || n.starts_with("lu"))
        .collect();
    assert_eq!(areas, ["l-zhen"], "one area");
    let area = site.public("l-zhen/index.html");
    assert!(area.contains("甲村") && area.contains("乙村"), "{area}");
}

#[test]
fn the_output_may_not_lie_inside_what_the_build_reads() {
    let site = one_village();
    for inside in ["content/public", "static/site", ""] {
        let output = site.path(inside);
        let built = site.run(&["build", "--output", output.to_str().unwrap()]);
        let said = crate::common::text(&built);
        assert!(!built.status.success(), "{inside}: {said}");
        assert!(said.contains("--output"), "{inside}: {said}");
    }
    assert!(!site.path("content/public").exists());
    assert!(!site.path("static").exists());
}

#[test]
fn a_public_folder_linked_to_the_web_root_stays_a_link() {
    let site = one_village();
    let web_root = tempfile::tempdir().unwrap();
    let served = web_root.path().join("gongshi");
    std::fs::create_dir(&served).unwrap();
    std::os::unix::fs::symlink(&served, site.path("public")).unwrap();
    for round in 0..3 {
        site.build_ok();
        let link = std::fs::symlink_metadata(site.path("public")).unwrap();
        assert!(
            link.file_type().is_symlink(),
            "round {round}: public/ is still a link"
        );
        assert!(
            served.join("shiqiaocun/index.html").is_file(),
            "round {round}"
        );
    }
}

#[test]
fn crashed_and_failed_builds_leave_nothing_behind_and_the_output_as_it_was() {
    let site = one_village();
    site.build_ok();
    let before = crate::common::snapshot(&site.path("public"));
    // What a build killed with -9 leaves: its staging folder, marked as noticeboard's.
    let crashed = site.path(".public.tmp-4000000");
    std::fs::create_dir(&crashed).unwrap();
    std::fs::write(crashed.join(".noticeboard-output"), "").unwrap();
    std::fs::write(crashed.join("index.html"), "half a build").unwrap();
    // A build that fails while rendering, after its staging folder was made.
    site.write("templates/unit.html", "{{ no_such_thing.name }}");
    let failed = site.run(&["build"]);
    assert!(!failed.status.success(), "{}", crate::common::text(&failed));
    assert_eq!(crate::common::snapshot(&site.path("public")), before);
    let left: Vec<String> = names_in(site.root())
        .into_iter()
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(
        left.iter().all(|n| n == ".public.lock"),
        "no staging folder is left, the crashed one included: {left:?}"
    );
    site.remove("templates/unit.html");
    site.build_ok();
    assert!(site.public("shiqiaocun/index.html").contains("王兴"));
}

#[test]
fn a_disguised_id_number_or_a_roster_in_static_stops_the_build_and_leaves_the_site() {
    let site = one_village();
    site.build_ok();
    let before = crate::common::snapshot(&site.path("public"));
    // Every digit but one is plain; the first is an HTML entity: the page would show it whole.
    site.write(
        "content/东村.md",
        "+++\nname = \"东村\"\n+++\n村情简介。\n\n联系人身份证 &#49;1010519491231002X\n",
    );
    let built = site.run(&["build"]);
    let said = crate::common::text(&built);
    assert!(!built.status.success(), "{said}");
    assert!(said.contains("content/东村.md:6"), "file and line: {said}");
    assert!(
        !said.contains("11010519491231002X"),
        "the report masks the number: {said}"
    );
    assert_eq!(crate::common::snapshot(&site.path("public")), before);
    site.remove("content/东村.md");

    site.write(
        "static/名单.csv",
        "姓名,身份证号\n张三,11010519491231002X\n",
    );
    let built = site.run(&["build"]);
    let said = crate::common::text(&built);
    assert!(!built.status.success(), "{said}");
    assert!(said.contains("static/名单.csv:2"), "{said}");
    let checked = site.run(&["check"]);
    assert!(!checked.status.success(), "check says it too");
    assert_eq!(crate::common::snapshot(&site.path("public")), before);
}

#[test]
fn a_hidden_sheet_is_not_imported_and_the_clerk_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let header = ["镇街", "单位", "姓名", "电话", "角色"];
    for (name, unit, person, phone, hidden) in [
        ("花名册", "刘庄村", "王兴", "13912340001", false),
        ("旧名单", "石桥村", "赵旧", "13912340002", true),
    ] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in ["东湖镇", unit, person, phone, "第一书记"]
            .iter()
            .enumerate()
        {
            sheet.write_string(1, c as u16, *v).unwrap();
        }
        sheet.set_hidden(hidden);
    }
    workbook.save(dir.path().join("roster.xlsx")).unwrap();
    let roster = dir.path().join("roster.xlsx");
    let (out, said) = import_into(dir.path(), &roster);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("旧名单") && said.contains("hidden"), "{said}");
    let mut records = Vec::new();
    for entry in walkdir::WalkDir::new(dir.path().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            records.push(std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
    }
    let all = records.join("\n");
    assert!(all.contains("王兴") && all.contains("刘庄村"), "{all}");
    assert!(!all.contains("赵旧") && !all.contains("石桥村"), "{all}");
}

#[test]
fn a_formula_typed_into_a_record_is_exported_as_text_and_imports_back_unchanged() {
    let formula = "=HYPERLINK(\"http://x.example/\",\"点我领补贴\")";
    let site = Site::new(&[
        ("config.toml", CONFIG),
        (
            "content/people/wang.toml",
            &format!(
                "name = \"王兴\"\nphone = \"13912340001\"\ntitle = '{formula}'\norg = \"+县农业局\"\n"
            ),
        ),
        (
            "content/刘庄村.toml",
            "name = \"刘庄村\"\n[[team]]\nperson = \"wang\"\nlead = true\nrole = \"-第一书记\"\n",
        ),
    ]);
    let roster = site.path("roster.csv");
    let out = site.run(&["export", "--format", "csv", "-o", roster.to_str().unwrap()]);
    assert!(out.status.success(), "{}", crate::common::text(&out));
    let text = std::fs::read_to_string(&roster).unwrap();
    let mut cells = Vec::new();
    for record in csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes()).records()
    {
        cells.extend(record.unwrap().iter().map(str::to_string));
    }
    for cell in &cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@']),
            "a cell Excel would run as a formula: {cell}"
        );
    }
    assert!(
        cells.iter().any(|c| c == &format!("'{formula}")),
        "{cells:?}"
    );
    let before = crate::common::snapshot(&site.path("content"));
    let out = site.run(&["import", roster.to_str().unwrap()]);
    let said = crate::common::text(&out);
    assert!(said.contains("0 created, 0 changed"), "{said}");
    assert_eq!(crate::common::snapshot(&site.path("content")), before);
}

#[test]
fn a_roster_cannot_make_import_copy_a_photo_from_elsewhere_on_the_computer() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.jpg");
    std::fs::write(&secret, b"\xFF\xD8\xFF\xE0 not for the public").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    let roster = site.join("roster.csv");
    std::fs::write(
        &roster,
        format!(
            "镇街,单位,姓名,电话,角色,照片\n东湖镇,刘庄村,王兴,13912340001,第一书记,{}\n东湖镇,刘庄村,李华,13912340002,包村干部,../{}\n",
            secret.display(),
            secret.file_name().unwrap().to_string_lossy()
        ),
    )
    .unwrap();
    // The second path leads out of the site's folder too.
    std::fs::copy(&secret, dir.path().join("secret.jpg")).unwrap();
    let (out, said) = import_into(&site, &roster);
    assert!(out.status.success(), "{said}");
    assert_eq!(
        said.matches("neither beside the roster nor inside the site")
            .count(),
        2,
        "{said}"
    );
    let copied: Vec<String> = names_in(&site.join("content/people"))
        .into_iter()
        .filter(|n| !n.ends_with(".toml"))
        .collect();
    assert!(copied.is_empty(), "no photo was copied: {copied:?}");
}

#[test]
fn a_team_too_large_for_one_board_sheet_is_warned_about_by_check_and_build() {
    // 25 members fill the board's five rows of five cards; the 26th would start a second sheet.
    for (members, warned) in [(25, false), (26, true), (500, true)] {
        let site = one_village();
        let mut unit = String::from("name = \"大村\"\n");
        for i in 0..members {
            site.write(
                &format!("content/people/p{i}.toml"),
                &person(&format!("干部{i}"), &format!("139{i:08}")),
            );
            unit.push_str(&format!("[[team]]\nperson = \"p{i}\"\n"));
        }
        site.write("content/大村.toml", &unit);
        for command in ["check", "build"] {
            let out = site.run(&[command]);
            let said = crate::common::text(&out);
            assert!(out.status.success(), "{command}: {said}");
            let warning = format!("content/大村.toml: 大村 has {members} current members");
            assert_eq!(said.contains(&warning), warned, "{command}: {said}");
            assert_eq!(said.contains("split the team"), warned, "{command}: {said}");
        }
    }
}
