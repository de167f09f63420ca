//! `noticeboard export`: the roster written back (xlsx, csv) imports into the same site without
//! a single change, rebuilds the same teams in an empty folder, and Popolo JSON has the shape
//! open-data tools expect.

use crate::common::{Site, jpeg, snapshot, text};
use calamine::{Data, Reader};
use std::path::Path;

/// A site written by hand, with what a roster has to carry: an area's own team, a lead whose
/// role does not say so, an ended assignment, covers, duties, a Markdown body, a landline,
/// a photo, office phone and checked date, a unit without a team, a street.
fn hand_written_site() -> Site {
    let site = Site::new(&[
        (
            "content/donghu/_index.toml",
            "name = \"东湖镇\"\nhotline = \"0534-2219876\"\n\n[[team]]\nperson = \"zhao-ming\"\nrole = \"包片领导\"\nlead = true\n",
        ),
        (
            "content/donghu/刘庄村.toml",
            r#"name = "刘庄村"
kind = "village"
households = 312 # 2023

[[team]]
person = "wang-xing"
role = "第一书记"
lead = true
duties = "政策宣传员、民意情报员"
covers = ["1组", "2组"]
since = 2024-03-09

[[team]]
person = "li-hua"
role = "包村干部"
covers = ["3组"]

# An assignment that ended.
[[team]]
person = "zhou-jie"
role = "包村干部"
since = 2023-03-09
until = 2024-03-08
"#,
        ),
        (
            "content/donghu/zhangzhuang.md",
            "+++\nname = \"张庄村\"\n\n[[team]]\nperson = \"li-hua\"\nrole = \"包村干部\"\n\n[[team]]\nperson = \"chen-jing\"\nrole = \"第一书记\"\nlead = true\n+++\n## 村情简介\n\n张庄村以种植小麦为主。\n",
        ),
        ("content/donghu/beiguan.toml", "name = \"北关村\"\n"),
        (
            "content/青石街道/_index.toml",
            "name = \"青石街道\"\nkind = \"street\"\n",
        ),
        (
            "content/青石街道/幸福社区.toml",
            "name = \"幸福社区\"\nkind = \"community\"\n\n[[team]]\nperson = \"wu-fang\"\nrole = \"网格长\"\nlead = true\ncovers = [\"1号楼\", \"2号楼\"]\n",
        ),
        (
            "content/people/wang-xing.toml",
            "name = \"王兴\"\ntitle = \"县农机局副局长\"\norg = \"县农机局\"\nphone = \"139 0534 1201\"\noffice_phone = \"0534-2213001\"\nchecked = 2024-05-20\n",
        ),
        (
            "content/people/li-hua.toml",
            &crate::common::person("李华", "138 0534 2202"),
        ),
        (
            "content/people/zhou-jie.toml",
            &crate::common::person("周杰", "136 0534 4404"),
        ),
        (
            "content/people/chen-jing.md",
            "+++\nname = \"陈静\"\norg = \"县教育局\"\nphone = \"135 0534 5505\"\n+++\n陈静同志负责教育帮扶。\n",
        ),
        (
            "content/people/zhao-ming.toml",
            "name = \"赵明\"\ntitle = \"镇党委副书记\"\norg = \"东湖镇党委\"\nphone = \"0534-2216688\"\n",
        ),
        (
            "content/people/wu-fang.toml",
            &crate::common::person("吴芳", "159 0534 6606"),
        ),
    ]);
    site.write_bytes("content/people/wang-xing.jpg", &jpeg());
    site
}

fn run_ok(site: &Site, args: &[&str]) -> String {
    let out = site.run(args);
    assert!(out.status.success(), "{args:?} failed:\n{}", text(&out));
    text(&out)
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

const HEADERS: [&str; 19] = [
    "镇街",
    "单位",
    "类型",
    "姓名",
    "职务",
    "派出单位",
    "角色",
    "电话",
    "照片",
    "联系户",
    "起始日期",
    "结束日期",
    "职责",
    "负责人",
    "办公电话",
    "核实日期",
    "级别",
    "联系户数",
    "联系单位",
];

#[test]
fn xlsx_export_imports_back_into_the_same_site_without_a_change() {
    let site = hand_written_site();
    site.build_ok();
    let roster = site.path("roster.xlsx");
    let out = run_ok(
        &site,
        &["export", "--format", "xlsx", "-o", path_str(&roster)],
    );
    assert!(out.contains("wrote 9 rows (4 units, 6 people)"), "{out}");

    // What a clerk opening it in Excel sees.
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&roster).unwrap();
    assert_eq!(workbook.sheet_names(), vec!["花名册".to_string()]);
    let range = workbook.worksheet_range("花名册").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let headers: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(headers, HEADERS);
    let zhao = rows
        .iter()
        .find(|r| r[3] == Data::String("赵明".into()))
        .unwrap();
    assert_eq!(zhao[0], Data::String("东湖镇".into()));
    assert_eq!(zhao[1], Data::String("东湖镇".into()));
    assert_eq!(zhao[2], Data::String("镇街".into()));
    assert_eq!(
        zhao[7],
        Data::String("0534-2216688".into()),
        "phones stay text"
    );
    assert_eq!(zhao[13], Data::String("是".into()));
    let zhou = rows
        .iter()
        .find(|r| r[3] == Data::String("周杰".into()))
        .unwrap();
    assert!(
        matches!(zhou[11], Data::DateTime(_)),
        "dates are Excel dates: {:?}",
        zhou[11]
    );
    let beiguan = rows
        .iter()
        .find(|r| r[1] == Data::String("北关村".into()))
        .unwrap();
    assert_eq!(
        beiguan[3],
        Data::Empty,
        "a unit without a team has a row of its own"
    );

    let before = snapshot(&site.path("content"));
    let out = run_ok(&site, &["import", path_str(&roster)]);
    assert!(out.contains("0 created, 0 changed"), "{out}");
    assert_eq!(
        snapshot(&site.path("content")),
        before,
        "not one byte changed"
    );
}

#[test]
fn csv_export_is_excel_friendly_and_imports_back_without_a_change() {
    let site = hand_written_site();
    let roster = site.path("exports/roster.csv");
    run_ok(
        &site,
        &["export", "--format", "csv", "-o", path_str(&roster)],
    );
    let bytes = std::fs::read(&roster).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM, so Chinese Excel reads UTF-8"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(text.lines().next().unwrap(), HEADERS.join(","));
    let wang = text.lines().find(|l| l.contains("王兴")).unwrap();
    assert!(
        wang.contains(",../content/people/wang-xing.jpg,1组、2组,2024-03-09,,政策宣传员、民意情报员,是,0534-2213001,2024-05-20"),
        "{wang}"
    );

    let before = snapshot(&site.path("content"));
    let out = run_ok(&site, &["import", path_str(&roster)]);
    assert!(out.contains("0 created, 0 changed"), "{out}");
    assert_eq!(snapshot(&site.path("content")), before);
}

/// The roster rows without the photo column (its paths differ between sites), sorted.
fn rows_without_photo(csv: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(csv).unwrap();
    let mut rows: Vec<String> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            cells.remove(8);
            cells.join(",")
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn an_exported_roster_rebuilds_the_same_teams_in_an_empty_folder() {
    let site = hand_written_site();
    let exports = tempfile::tempdir().unwrap();
    let roster = exports.path().join("roster.xlsx");
    run_ok(
        &site,
        &["export", "--format", "xlsx", "-o", path_str(&roster)],
    );

    let copy = Site::new(&[]);
    run_ok(&copy, &["import", path_str(&roster)]);
    copy.build_ok();
    assert_eq!(
        std::fs::read(copy.path("content/people/wangxing.jpg")).unwrap(),
        jpeg(),
        "the photo came along"
    );
    assert!(
        copy.public("donghuzhen/liuzhuangcun/index.html")
            .contains("王兴")
    );

    let original = exports.path().join("a.csv");
    let rebuilt = exports.path().join("b.csv");
    run_ok(
        &site,
        &["export", "--format", "csv", "-o", path_str(&original)],
    );
    run_ok(
        &copy,
        &["export", "--format", "csv", "-o", path_str(&rebuilt)],
    );
    assert_eq!(rows_without_photo(&rebuilt), rows_without_photo(&original));
}

#[test]
fn popolo_json_has_persons_organizations_memberships_and_areas() {
    let site = hand_written_site();
    let file = site.path("popolo.json");
    let out = run_ok(
        &site,
        &["export", "--format", "popolo", "-o", path_str(&file)],
    );
    assert!(out.contains("memberships"), "{out}");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let list = |key: &str| {
        doc[key]
            .as_array()
            .unwrap_or_else(|| panic!("no {key}"))
            .clone()
    };
    let ids = |key: &str| -> Vec<String> {
        list(key)
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    let persons = ids("persons");
    let organizations = ids("organizations");
    let areas = ids("areas");
    // 周杰's only assignment has ended: like the site, the document leaves him out.
    assert_eq!(persons.len(), 5);
    assert!(!persons.contains(&"person:zhou-jie".to_string()));

    let wang = list("persons")
        .into_iter()
        .find(|p| p["name"] == "王兴")
        .unwrap();
    assert_eq!(wang["contact_details"][0]["type"], "cell");
    assert_eq!(wang["contact_details"][0]["value"], "+8613905341201");
    assert_eq!(wang["contact_details"][1]["type"], "voice");
    assert_eq!(
        wang["links"][0]["url"],
        "https://gongshi.shifan.cn/county/people/wang-xing/"
    );

    let org = |name: &str| {
        list("organizations")
            .into_iter()
            .find(|o| o["name"] == name)
            .unwrap_or_else(|| panic!("no organization {name}"))
    };
    assert_eq!(org("刘庄村")["classification"], "village");
    assert_eq!(org("幸福社区")["classification"], "community");
    assert_eq!(
        org("县农机局")["classification"],
        "dispatching organization"
    );
    assert_eq!(
        org("东湖镇")["classification"],
        "township",
        "the area's own team"
    );
    let area_of_liuzhuang = org("刘庄村")["area_id"].as_str().unwrap().to_string();
    assert!(areas.contains(&area_of_liuzhuang));

    let street = list("areas")
        .into_iter()
        .find(|a| a["name"] == "青石街道")
        .unwrap();
    assert_eq!(street["classification"], "street");

    let memberships = list("memberships");
    for m in &memberships {
        assert!(
            persons.contains(&m["person_id"].as_str().unwrap().to_string()),
            "{m}"
        );
        assert!(
            organizations.contains(&m["organization_id"].as_str().unwrap().to_string()),
            "{m}"
        );
    }
    assert!(
        !memberships
            .iter()
            .any(|m| m["person_id"] == "person:zhou-jie"),
        "no membership of someone not serving"
    );
    let since = memberships
        .iter()
        .find(|m| m["person_id"] == "person:wang-xing" && m.get("start_date").is_some())
        .unwrap();
    assert_eq!(since["start_date"], "2024-03-09");
    assert_eq!(since["role"], "第一书记");
    let wang_unit = memberships
        .iter()
        .find(|m| {
            m["person_id"] == "person:wang-xing" && m["organization_id"] == org("刘庄村")["id"]
        })
        .unwrap();
    assert_eq!(wang_unit["on_behalf_of_id"], org("县农机局")["id"]);
    assert!(wang_unit.get("end_date").is_none());
    let dispatch = memberships
        .iter()
        .find(|m| {
            m["person_id"] == "person:wang-xing" && m["organization_id"] == org("县农机局")["id"]
        })
        .unwrap();
    assert_eq!(dispatch["role"], "县农机局副局长");
}

#[test]
fn export_refuses_a_site_with_errors_and_writes_nothing() {
    let site = Site::new(&[(
        "content/a/b.toml",
        "name = \"北关村\"\n[[team]]\nperson = \"nobody\"\n",
    )]);
    let file = site.path("roster.xlsx");
    let out = site.run(&["export", "--format", "xlsx", "-o", path_str(&file)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("no person `nobody`"), "{}", text(&out));
    assert!(!file.exists());
}
