//! `noticeboard import`: rosters made here as a clerk's Excel would hold them (title rows,
//! merged cells, phone numbers stored as numbers, dates as Excel dates, GBK CSV), imported
//! with the real binary, then built.

use crate::common::{Site, snapshot, text};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;
use std::process::Output;

/// A cell of a fixture sheet.
enum X {
    T(String),
    N(f64),
    D(u16, u8, u8),
}

fn t(s: &str) -> X {
    X::T(s.to_string())
}

/// One sheet of a fixture workbook. `merges` are (first row, first col, last row, last col),
/// 0-based, holding the text of their top-left cell as Excel stores them.
struct SheetSpec {
    name: &'static str,
    rows: Vec<Vec<X>>,
    merges: Vec<(u32, u16, u32, u16)>,
}

fn write_xlsx(path: &Path, sheets: &[SheetSpec]) {
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for SheetSpec { name, rows, merges } in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if merges.iter().any(|m| {
                    (m.0..=m.2).contains(&r) && (m.1..=m.3).contains(&c) && (m.0, m.1) != (r, c)
                }) {
                    continue;
                }
                match cell {
                    X::T(s) if s.is_empty() => {}
                    X::T(s) => {
                        sheet.write_string(r, c, s).unwrap();
                    }
                    X::N(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    X::D(y, m, d) => {
                        let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        sheet
                            .write_date_with_format(r, c, &date, &date_format)
                            .unwrap();
                    }
                }
            }
        }
        for &(r0, c0, r1, c1) in merges {
            let value = match &rows[r0 as usize][c0 as usize] {
                X::T(s) => s.clone(),
                _ => String::new(),
            };
            sheet
                .merge_range(r0, c0, r1, c1, &value, &Format::new())
                .unwrap();
        }
    }
    workbook.save(path).unwrap();
}

/// A small real JPEG.
fn jpeg(shade: u8) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(40, 50, image::Rgb([shade, 120, 200]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Jpeg).unwrap();
    bytes.into_inner()
}

/// Runs the binary in `dir` (so messages name the roster as typed, `roster.xlsx`).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    crate::common::noticeboard()
        .current_dir(dir)
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run noticeboard")
}

fn import_ok(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    assert!(out.status.success(), "import failed:\n{}", text(&out));
    text(&out)
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn toml_of(site: &Site, rel: &str) -> toml::Table {
    let text = read(site, rel);
    let front = match text.strip_prefix("+++") {
        Some(rest) => rest.split("\n+++").next().unwrap().to_string(),
        None => text,
    };
    front.parse().unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// (person, role, lead) of each `[[team]]` entry.
fn team(site: &Site, rel: &str) -> Vec<(String, String, bool)> {
    toml_of(site, rel)
        .get("team")
        .and_then(|t| t.as_array())
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["person"].as_str().unwrap().to_string(),
                        e.get("role")
                            .and_then(|r| r.as_str())
                            .unwrap_or("")
                            .to_string(),
                        e.get("lead").and_then(|l| l.as_bool()).unwrap_or(false),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn entry(p: &str, role: &str, lead: bool) -> (String, String, bool) {
    (p.to_string(), role.to_string(), lead)
}

fn csv(site: &Site, rel: &str, lines: &[&str]) {
    site.write(rel, &(lines.join("\n") + "\n"));
}

const HEADER: &str = "镇街,单位,类型,姓名,职务,派出单位,角色,电话";

#[test]
fn full_xlsx_import_then_build() {
    // An empty folder: import writes config.toml too, and the result builds.
    let dir = tempfile::tempdir().unwrap();
    let site = Site { dir };
    site.write_bytes("incoming/王兴.jpg", &jpeg(90));
    let header = [
        "镇街",
        "单位",
        "类型",
        "姓名",
        "职务",
        "派出单位",
        "角色",
        "联系电话",
        "照片",
        "联系户",
        "起始日期",
        "备注",
    ];
    let rows: Vec<Vec<X>> = vec![
        vec![t("东湖镇干部联系服务群众花名册")],
        header.iter().map(|h| t(h)).collect(),
        // Rows 3-8: 东湖镇 merged down column A; 石庄村 merged over its two rows.
        vec![
            t("东湖镇"),
            t("石庄村"),
            t("村"),
            t("王兴"),
            t("县农机局副局长"),
            t("县农机局"),
            t("组长"),
            X::N(13912345678.0),
            t("王兴.jpg"),
            t("1组、2组"),
            X::D(2024, 3, 9),
            t("老党员"),
        ],
        vec![
            t(""),
            t(""),
            t(""),
            t("李华"),
            t("镇农业办主任"),
            t("东湖镇人民政府"),
            t("包村干部"),
            t("138 0534 2202"),
            t(""),
            t("3组;4组"),
            t("2024/3/9"),
            t(""),
        ],
        // The same person (same name, same number typed another way) on a second unit.
        vec![
            t(""),
            t("师庄村"),
            t("村"),
            t("王兴"),
            t("县农机局副局长"),
            t("县农机局"),
            t("队长"),
            t("139-1234-5678"),
        ],
        // A landline typed as a number: Excel dropped its leading 0.
        vec![
            t(""),
            t(""),
            t(""),
            t("赵六"),
            t("民警"),
            t("东湖派出所"),
            t("联村民警"),
            X::N(5342212345.0),
        ],
        vec![],
        // The township's own team.
        vec![
            t(""),
            t("东湖镇"),
            t("镇街"),
            t("张三"),
            t("镇党委副书记"),
            t("东湖镇党委"),
            t("包片领导"),
            t("13605340001"),
        ],
        vec![
            t("西湖镇"),
            t("幸福社区"),
            t("社区"),
            t("吴芳"),
            t("社区书记"),
            t("西湖镇政府"),
            t("第一书记"),
            t("15905346606"),
            t(""),
            t("1号楼"),
        ],
    ];
    let merges = vec![(0, 0, 0, 11), (2, 0, 7, 0), (2, 1, 3, 1), (2, 2, 3, 2)];
    let notes = vec![vec![t("填表说明：每行一名干部")]];
    write_xlsx(
        &site.path("incoming/roster.xlsx"),
        &[
            SheetSpec {
                name: "花名册",
                rows,
                merges,
            },
            SheetSpec {
                name: "说明",
                rows: notes,
                merges: vec![],
            },
        ],
    );

    let out = import_ok(site.root(), &["incoming/roster.xlsx", "--into", "."]);
    // Extra columns and the notes sheet are reported, not silently dropped.
    assert!(
        out.contains("these columns are not imported: 备注 (L)"),
        "{out}"
    );
    assert!(out.contains("sheet 说明 has no header row"), "{out}");

    // Areas are folders, units pinyin-named files; the homophone got its own URL.
    assert_eq!(
        toml_of(&site, "content/donghuzhen/_index.toml")["name"].as_str(),
        Some("东湖镇")
    );
    let shi = toml_of(&site, "content/donghuzhen/shizhuangcun.toml");
    assert_eq!(shi["name"].as_str(), Some("石庄村"));
    assert!(shi.get("slug").is_none());
    let shi2 = toml_of(&site, "content/donghuzhen/shizhuangcun-2.toml");
    assert_eq!(shi2["name"].as_str(), Some("师庄村"));
    assert_eq!(shi2["slug"].as_str(), Some("shizhuangcun-2"));
    assert_eq!(
        toml_of(&site, "content/xihuzhen/xingfushequ.toml")["kind"].as_str(),
        Some("community")
    );

    // 组长 / 队长 / 第一书记 mark the lead; other roles do not.
    assert_eq!(
        team(&site, "content/donghuzhen/shizhuangcun.toml"),
        vec![
            entry("wangxing", "组长", true),
            entry("lihua", "包村干部", false)
        ]
    );
    assert_eq!(
        team(&site, "content/donghuzhen/shizhuangcun-2.toml"),
        vec![
            entry("wangxing", "队长", true),
            entry("zhaoliu", "联村民警", false)
        ]
    );
    assert_eq!(
        team(&site, "content/donghuzhen/_index.toml"),
        vec![entry("zhangsan", "包片领导", false)]
    );
    let shizhuang = toml_of(&site, "content/donghuzhen/shizhuangcun.toml");
    let first = &shizhuang["team"].as_array().unwrap()[0];
    assert_eq!(first["covers"].as_array().unwrap().len(), 2);
    assert_eq!(first["since"].to_string(), "2024-03-09");
    let second = &shizhuang["team"].as_array().unwrap()[1];
    assert_eq!(second["covers"][1].as_str(), Some("4组"));

    // One record per person, phone normalised, photo copied beside it.
    let people: Vec<_> = std::fs::read_dir(site.path("content/people"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        people.iter().filter(|p| p.starts_with("wangxing")).count(),
        2,
        "{people:?}"
    );
    let wang = toml_of(&site, "content/people/wangxing.toml");
    assert_eq!(wang["phone"].as_str(), Some("139 1234 5678"));
    assert_eq!(wang["org"].as_str(), Some("县农机局"));
    assert_eq!(
        std::fs::read(site.path("content/people/wangxing.jpg")).unwrap(),
        std::fs::read(site.path("incoming/王兴.jpg")).unwrap()
    );
    assert_eq!(
        toml_of(&site, "content/people/zhaoliu.toml")["phone"].as_str(),
        Some("0534-2212345")
    );
    assert!(site.path("config.toml").is_file());

    // The imported tree builds, and each homophone has its own page.
    // Its config.toml's base_url is a placeholder until the clerk writes the real address:
    // a publication is refused, a draft builds.
    let refused = site.run(&["build"]);
    assert!(!refused.status.success(), "{}", text(&refused));
    let draft = site.run(&["build", "--draft"]);
    assert!(draft.status.success(), "{}", text(&draft));
    assert!(
        site.public("donghuzhen/shizhuangcun/index.html")
            .contains("石庄村")
    );
    let second_page = site.public("donghuzhen/shizhuangcun-2/index.html");
    assert!(second_page.contains("师庄村"));
    assert!(second_page.contains("tel:+8613912345678"));
    assert!(second_page.contains("tel:+865342212345"));
    assert!(
        site.public("xihuzhen/xingfushequ/index.html")
            .contains("吴芳")
    );
}

#[test]
fn gbk_csv_with_english_headers_and_groups_typed_once() {
    let site = Site::new(&[]);
    let roster = "\
area,unit,kind,name,title,org,role,phone,notes
东湖镇,刘庄村,village,王兴,副局长,县农机局,组长,13912345678,x
,,,,,,,,
,,,李华,主任,镇政府,包村干部,13805342202,
,石桥村,村,周杰,科员,县财政局,第一书记,13605344404,
";
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(roster);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must really be GBK"
    );
    site.write_bytes("roster.csv", &bytes);

    let out = import_ok(site.root(), &["roster.csv"]);
    assert!(
        out.contains("these columns are not imported: notes (I)"),
        "{out}"
    );
    // The empty 镇街/单位 cells repeat the ones above.
    assert_eq!(
        team(&site, "content/donghuzhen/liuzhuangcun.toml"),
        vec![
            entry("wangxing", "组长", true),
            entry("lihua", "包村干部", false)
        ]
    );
    assert_eq!(
        team(&site, "content/donghuzhen/shiqiaocun.toml"),
        vec![entry("zhoujie", "第一书记", true)]
    );
    assert_eq!(
        toml_of(&site, "content/people/lihua.toml")["name"].as_str(),
        Some("李华")
    );
    site.build_ok();
    assert!(
        site.public("donghuzhen/liuzhuangcun/index.html")
            .contains("王兴")
    );
}

#[test]
fn reimport_keeps_hand_written_bodies_fields_and_urls() {
    let site = Site::new(&[]);
    csv(
        &site,
        "roster.csv",
        &[
            HEADER,
            "东湖镇,刘庄村,村,王兴,副局长,县农机局,组长,13912345678",
            "东湖镇,刘庄村,村,李华,主任,镇政府,包村干部,13805342202",
            "东湖镇,石桥村,村,周杰,科员,县财政局,第一书记,13605344404",
        ],
    );
    import_ok(site.root(), &["roster.csv"]);

    // The clerk turns 刘庄村 into Markdown with a body, adds fields the roster does not
    // have, and notes a duty by hand.
    let generated = read(&site, "content/donghuzhen/liuzhuangcun.toml");
    let with_duty = generated.replacen(
        "person = \"wangxing\"\n",
        "person = \"wangxing\"\nduties = \"政策宣传员\" # agreed 2024-05\n",
        1,
    );
    let body = "## 村情简介\n\n刘庄村以种植小麦为主。\n";
    let markdown = format!("+++\n# 刘庄村, kept by hand\nhouseholds = 312\n{with_duty}+++\n{body}");
    site.remove("content/donghuzhen/liuzhuangcun.toml");
    site.write("content/donghuzhen/liuzhuangcun.md", &markdown);
    let person = read(&site, "content/people/wangxing.toml") + "checked = 2024-05-01 # called\n";
    site.write("content/people/wangxing.toml", &person);
    let shiqiao_before = std::fs::metadata(site.path("content/donghuzhen/shiqiaocun.toml"))
        .unwrap()
        .modified()
        .unwrap();

    // The next roster: 王兴's role changes, 李华 leaves, 陈静 joins; 石桥村 is as it was.
    csv(
        &site,
        "roster.csv",
        &[
            HEADER,
            "东湖镇,刘庄村,村,王兴,副局长,县农机局,第一书记,139 1234 5678",
            "东湖镇,刘庄村,村,陈静,干部,县教育局,包村干部,13505345505",
            "东湖镇,石桥村,村,周杰,科员,县财政局,第一书记,13605344404",
        ],
    );
    let out = import_ok(site.root(), &["roster.csv"]);
    assert!(
        out.contains("change  content/donghuzhen/liuzhuangcun.md"),
        "{out}"
    );
    assert!(
        !out.contains("shiqiaocun"),
        "an unchanged unit is not listed:\n{out}"
    );
    assert!(!site.path("content/donghuzhen/liuzhuangcun.toml").exists());

    let after = read(&site, "content/donghuzhen/liuzhuangcun.md");
    assert!(
        after.ends_with(&format!("+++\n{body}")),
        "the body is kept:\n{after}"
    );
    assert!(
        after.contains("# 刘庄村, kept by hand\nhouseholds = 312\n"),
        "{after}"
    );
    assert!(
        after.contains("duties = \"政策宣传员\" # agreed 2024-05"),
        "{after}"
    );
    assert_eq!(
        team(&site, "content/donghuzhen/liuzhuangcun.md"),
        vec![
            entry("wangxing", "第一书记", true),
            entry("chenjing", "包村干部", false)
        ]
    );
    assert!(read(&site, "content/people/wangxing.toml").contains("checked = 2024-05-01 # called"));
    let shiqiao_after = std::fs::metadata(site.path("content/donghuzhen/shiqiaocun.toml"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(
        shiqiao_before, shiqiao_after,
        "an unchanged file is not rewritten"
    );

    site.build_ok();
    let page = site.public("donghuzhen/liuzhuangcun/index.html");
    assert!(page.contains("村情简介") && page.contains("陈静"), "{page}");

    // The same roster again changes nothing at all.
    let before = snapshot(&site.path("content"));
    let out = import_ok(site.root(), &["roster.csv"]);
    assert!(out.contains("0 created, 0 changed"), "{out}");
    assert_eq!(snapshot(&site.path("content")), before);
}

#[test]
fn homophones_get_distinct_stable_slugs_next_to_existing_records() {
    // A hand-written site: 东湖镇 lives in `donghu/`, 石庄村 in a Chinese-named file whose URL
    // is already printed on boards.
    let site = Site::new(&[
        ("content/donghu/_index.toml", "name = \"东湖镇\"\n"),
        ("content/donghu/石庄村.toml", "name = \"石庄村\"\n"),
    ]);
    csv(
        &site,
        "roster.csv",
        &[
            HEADER,
            "东湖镇,师庄村,村,王兴,副局长,县农机局,组长,13912345678",
            "东湖镇,石庄村,村,李华,主任,镇政府,组长,13805342202",
        ],
    );
    import_ok(site.root(), &["roster.csv"]);
    assert!(
        !site.path("content/donghuzhen").exists(),
        "the area is matched by name"
    );
    assert_eq!(
        team(&site, "content/donghu/石庄村.toml"),
        vec![entry("lihua", "组长", true)]
    );
    let shi2 = toml_of(&site, "content/donghu/shizhuangcun-2.toml");
    assert_eq!(shi2["name"].as_str(), Some("师庄村"));
    assert_eq!(shi2["slug"].as_str(), Some("shizhuangcun-2"));

    // Later: another homophone joins, rows come in another order. Published URLs stay.
    csv(
        &site,
        "roster.csv",
        &[
            HEADER,
            "东湖镇,施庄村,村,周杰,科员,县财政局,组长,13605344404",
            "东湖镇,石庄村,村,李华,主任,镇政府,组长,13805342202",
            "东湖镇,师庄村,村,王兴,副局长,县农机局,组长,13912345678",
        ],
    );
    let out = import_ok(site.root(), &["roster.csv"]);
    assert!(out.contains("2 created, 0 changed"), "{out}");
    assert_eq!(
        toml_of(&site, "content/donghu/shizhuangcun-3.toml")["name"].as_str(),
        Some("施庄村")
    );
    site.build_ok();
    assert!(
        site.public("donghu/shizhuangcun/index.html")
            .contains("石庄村")
    );
    assert!(
        site.public("donghu/shizhuangcun-2/index.html")
            .contains("师庄村")
    );
    assert!(
        site.public("donghu/shizhuangcun-3/index.html")
            .contains("施庄村")
    );
}

#[test]
fn units_missing_from_the_roster_are_reported_and_removed_only_with_prune() {
    let site = Site::new(&[]);
    csv(
        &site,
        "roster.csv",
        &[
            HEADER,
            "东湖镇,刘庄村,村,王兴,副局长,县农机局,组长,13912345678",
            "东湖镇,石桥村,村,周杰,科员,县财政局,第一书记,13605344404",
        ],
    );
    import_ok(site.root(), &["roster.csv"]);
    csv(
        &site,
        "roster.csv",
        &[
            HEADER,
            "东湖镇,刘庄村,村,王兴,副局长,县农机局,组长,13912345678",
        ],
    );

    let out = import_ok(site.root(), &["roster.csv"]);
    assert!(
        out.contains("missing content/donghuzhen/shiqiaocun.toml")
            && out.contains("is not in the roster: kept (--prune removes it)"),
        "{out}"
    );
    assert!(site.path("content/donghuzhen/shiqiaocun.toml").exists());

    let out = import_ok(site.root(), &["roster.csv", "--prune"]);
    assert!(
        out.contains("remove  content/donghuzhen/shiqiaocun.toml"),
        "{out}"
    );
    assert!(!site.path("content/donghuzhen/shiqiaocun.toml").exists());
    assert!(site.path("content/donghuzhen/liuzhuangcun.toml").exists());
}

/// A roster with one bad row of each kind, between good ones.
fn bad_roster(path: &Path) {
    let header = [
        "镇街",
        "单位",
        "类型",
        "姓名",
        "职务",
        "派出单位",
        "角色",
        "电话",
        "起始日期",
    ];
    let row = |cells: [&str; 9]| cells.iter().map(|c| t(c)).collect::<Vec<_>>();
    let rows = vec![
        vec![t("东湖镇花名册")],
        header.iter().map(|h| t(h)).collect(),
        row([
            "东湖镇",
            "刘庄村",
            "村",
            "王兴",
            "副局长",
            "县农机局",
            "组长",
            "13912345678",
            "2024-03-09",
        ]),
        row([
            "东湖镇",
            "刘庄村",
            "村",
            "",
            "主任",
            "镇政府",
            "包村干部",
            "13805342202",
            "",
        ]),
        row([
            "东湖镇",
            "石桥村",
            "村",
            "周杰",
            "科员",
            "县财政局",
            "组长",
            "1391234",
            "",
        ]),
        row([
            "东湖镇",
            "北关村",
            "农场",
            "李四",
            "科员",
            "县财政局",
            "组长",
            "13605340001",
            "",
        ]),
        row([
            "东湖镇",
            "北关村",
            "村",
            "赵五",
            "科员",
            "县财政局",
            "队员",
            "13605340002",
            "2023-02-30",
        ]),
        row([
            "东湖镇",
            "北关村",
            "村",
            "钱七",
            "11010519491231002X",
            "县财政局",
            "队员",
            "13605340003",
            "",
        ]),
        row([
            "东湖镇",
            "石桥村",
            "村",
            "陈静",
            "干部",
            "县教育局",
            "第一书记",
            "13505345505",
            "",
        ]),
    ];
    write_xlsx(
        path,
        &[SheetSpec {
            name: "花名册",
            rows,
            merges: vec![(0, 0, 0, 8)],
        }],
    );
}

#[test]
fn every_bad_row_is_reported_with_sheet_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    bad_roster(&dir.path().join("roster.xlsx"));
    let out = run_in(dir.path(), &["import", "roster.xlsx", "--into", "."]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    for expected in [
        "roster.xlsx: sheet 花名册, row 4, column 姓名 (D): the name (姓名) is empty",
        "roster.xlsx: sheet 花名册, row 5, column 电话 (H): `1391234` is not a valid mainland China phone number",
        "roster.xlsx: sheet 花名册, row 6, column 类型 (C): unknown kind \"农场\"",
        "roster.xlsx: sheet 花名册, row 7, column 起始日期 (I): \"2023-02-30\" is not a real calendar date",
        "roster.xlsx: sheet 花名册, row 8, column 职务 (E): this cell holds a resident ID number",
        "5 bad row(s) in roster.xlsx; nothing was written",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in:\n{all}");
    }
    assert!(
        !all.contains("11010519491231002X"),
        "the ID number is never echoed:\n{all}"
    );
    assert!(
        !all.contains("row 3,") && !all.contains("row 9,"),
        "good rows are not reported:\n{all}"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(
        left.len(),
        1,
        "only the roster is there: nothing was written"
    );

    // The same rules for a CSV, which has no sheets.
    let site = Site::new(&[]);
    csv(
        &site,
        "r.csv",
        &[HEADER, "东湖镇,刘庄村,村,王兴,副局长,县农机局,组长,12345"],
    );
    let out = run_in(site.root(), &["import", "r.csv"]);
    assert!(
        text(&out).contains("r.csv: row 2, column 电话 (H): `12345` is a short service code"),
        "{}",
        text(&out)
    );
    assert!(!site.path("content").exists());
}

#[test]
fn skip_bad_imports_the_good_rows_and_lists_the_others() {
    let dir = tempfile::tempdir().unwrap();
    bad_roster(&dir.path().join("roster.xlsx"));
    let out = run_in(
        dir.path(),
        &["import", "roster.xlsx", "--into", ".", "--skip-bad"],
    );
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert_eq!(
        all.matches("skipped: roster.xlsx: sheet 花名册, row")
            .count(),
        5,
        "{all}"
    );
    assert!(all.contains("5 bad row(s) skipped"), "{all}");
    let site = Site { dir };
    assert_eq!(
        team(&site, "content/donghuzhen/shiqiaocun.toml"),
        vec![entry("chenjing", "第一书记", true)]
    );
    assert!(!site.path("content/people/zhoujie.toml").exists());
    assert!(!site.path("content/people/qianqi.toml").exists());
    let everything = snapshot(&site.path("content"));
    assert!(
        everything
            .iter()
            .all(|(_, bytes)| !String::from_utf8_lossy(bytes).contains("11010519491231002X")),
        "an ID number never reaches the content"
    );
}

#[test]
fn dry_run_shows_the_plan_and_writes_nothing() {
    // Into an empty folder.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("roster.csv"),
        format!("{HEADER}\n东湖镇,刘庄村,村,王兴,副局长,县农机局,组长,13912345678\n"),
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &["import", "roster.csv", "--into", ".", "--dry-run"],
    );
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert!(
        all.contains("create  content/donghuzhen/liuzhuangcun.toml"),
        "{all}"
    );
    assert!(
        all.contains("create  content/people/wangxing.toml"),
        "{all}"
    );
    assert!(all.contains("(dry run: nothing was written)"), "{all}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only the roster"
    );

    // Into an existing site, with a change.
    let site = Site { dir };
    import_ok(site.root(), &["roster.csv", "--into", "."]);
    std::fs::write(
        site.path("roster.csv"),
        format!("{HEADER}\n东湖镇,刘庄村,村,王兴,局长,县农机局,组长,13912345678\n"),
    )
    .unwrap();
    let before = snapshot(site.root());
    let out = import_ok(site.root(), &["roster.csv", "--into", ".", "--dry-run"]);
    assert!(
        out.contains("change  content/people/wangxing.toml  (person 王兴: title)"),
        "{out}"
    );
    assert_eq!(snapshot(site.root()), before, "a dry run writes nothing");
}

#[test]
fn a_roster_without_a_header_row_is_explained() {
    let site = Site::new(&[]);
    csv(&site, "roster.csv", &["刘庄村,王兴,13912345678"]);
    let out = run_in(site.root(), &["import", "roster.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out)
            .contains("no sheet has a header row naming the columns 单位 (unit) and 姓名 (name)"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_site_with_a_broken_record_is_not_touched() {
    // Import cannot tell which unit a broken file holds, and could write a second one.
    let site = Site::new(&[("content/donghu/刘庄村.toml", "name = 刘庄村\n")]);
    csv(
        &site,
        "roster.csv",
        &[
            HEADER,
            "东湖镇,刘庄村,村,王兴,副局长,县农机局,组长,13912345678",
        ],
    );
    let before = snapshot(site.root());
    let out = run_in(site.root(), &["import", "roster.csv"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("content/donghu/刘庄村.toml:1"), "{all}");
    assert!(
        all.contains("error(s) to fix before importing; nothing was written"),
        "{all}"
    );
    assert_eq!(snapshot(site.root()), before);
}

const DATED_HEADER: &str = "镇街,单位,类型,姓名,职务,派出单位,角色,电话,起始日期";

#[test]
fn short_and_implausible_dates_are_refused_with_row_and_column_and_excel_day_numbers_are_read() {
    let site = Site::new(&[]);
    csv(
        &site,
        "r.csv",
        &[
            DATED_HEADER,
            "东湖镇,刘庄村,村,王兴,副局长,县农机局,组长,13912345678,3/9/23",
            "东湖镇,石桥村,村,李华,主任,镇政府,组长,13805342202,44994",
            "东湖镇,北关村,村,周杰,科员,县财政局,组长,13605344404,1900-01-01",
            "东湖镇,南关村,村,赵敏,科员,县财政局,组长,13705345505,09/03/2023",
        ],
    );
    let out = run_in(site.root(), &["import", "r.csv"]);
    let said = text(&out);
    assert!(!out.status.success(), "{said}");
    for (row, value) in [(2, "3/9/23"), (5, "09/03/2023")] {
        let line = format!(
            "r.csv: row {row}, column 起始日期 (I): \"{value}\" has no four-digit year first"
        );
        assert!(said.contains(&line), "wanted `{line}` in\n{said}");
    }
    assert!(
        said.contains(
            "r.csv: row 4, column 起始日期 (I): \"1900-01-01\" is outside the years 1949–2100"
        ),
        "{said}"
    );
    assert!(!site.path("content").exists(), "nothing is written");

    // The good row's Excel day number is the date it stands for.
    import_ok(site.root(), &["r.csv", "--skip-bad"]);
    let unit = toml_of(&site, "content/donghuzhen/shiqiaocun.toml");
    let since = unit["team"][0]["since"].to_string();
    assert_eq!(since, "2023-03-09");
    assert!(!site.path("content/donghuzhen/liuzhuangcun.toml").exists());

    // In a workbook, a number typed where a date goes is read the same way.
    let site = Site::new(&[]);
    write_xlsx(
        &site.path("roster.xlsx"),
        &[SheetSpec {
            name: "花名册",
            rows: vec![
                DATED_HEADER.split(',').map(t).collect(),
                vec![
                    t("东湖镇"),
                    t("刘庄村"),
                    t("村"),
                    t("王兴"),
                    t("副局长"),
                    t("县农机局"),
                    t("组长"),
                    t("13912345678"),
                    X::N(44994.0),
                ],
            ],
            merges: vec![],
        }],
    );
    import_ok(site.root(), &["roster.xlsx"]);
    let unit = toml_of(&site, "content/donghuzhen/liuzhuangcun.toml");
    assert_eq!(unit["team"][0]["since"].to_string(), "2023-03-09");
}

fn township_sheet(name: &'static str, unit: &str, person: &str, phone: &str) -> SheetSpec {
    SheetSpec {
        name,
        rows: vec![
            "单位,类型,姓名,职务,派出单位,角色,电话"
                .split(',')
                .map(t)
                .collect(),
            [unit, "村", person, "科员", "县直单位", "组长", phone]
                .into_iter()
                .map(t)
                .collect(),
        ],
        merges: vec![],
    }
}

#[test]
fn sheets_named_after_townships_are_their_areas_and_other_sheets_are_named_in_a_warning() {
    let site = Site::new(&[]);
    write_xlsx(
        &site.path("roster.xlsx"),
        &[
            township_sheet("东湖镇", "刘庄村", "王兴", "13912345678"),
            township_sheet("青石街道", "幸福社区", "李华", "13805342202"),
        ],
    );
    let said = import_ok(site.root(), &["roster.xlsx"]);
    assert!(!said.contains("top level"), "{said}");
    assert!(site.path("content/donghuzhen/liuzhuangcun.toml").is_file());
    assert!(
        site.path("content/qingshijiedao/xingfushequ.toml")
            .is_file()
    );
    assert_eq!(
        toml_of(&site, "content/qingshijiedao/_index.toml")["name"].as_str(),
        Some("青石街道")
    );

    let site = Site::new(&[]);
    write_xlsx(
        &site.path("roster.xlsx"),
        &[
            township_sheet("Sheet1", "刘庄村", "王兴", "13912345678"),
            township_sheet("第二批", "幸福社区", "李华", "13805342202"),
        ],
    );
    let said = import_ok(site.root(), &["roster.xlsx"]);
    for sheet in ["Sheet1", "第二批"] {
        assert!(
            said.contains(&format!(
                "sheet {sheet} has no 镇街 column and its name is not a township's"
            )),
            "{sheet}: {said}"
        );
    }
    assert!(site.path("content/liuzhuangcun.toml").is_file());
}

#[test]
fn surnames_are_read_as_surnames_and_polyphonic_place_names_are_pointed_out() {
    let site = Site::new(&[]);
    csv(
        &site,
        "r.csv",
        &[
            HEADER,
            "东湖镇,重阳村,村,曾国范,副局长,县农机局,组长,13912345678",
            "东湖镇,刘庄村,村,单田芳,主任,镇政府,组长,13805342202",
        ],
    );
    let said = import_ok(site.root(), &["r.csv"]);
    assert!(
        site.path("content/people/zengguofan.toml").is_file(),
        "{said}"
    );
    assert!(
        site.path("content/people/shantianfang.toml").is_file(),
        "{said}"
    );
    // The address keeps the default reading; the clerk is told how to choose the other.
    assert!(site.path("content/donghuzhen/zhongyangcun.toml").is_file());
    assert!(
        said.contains("content/donghuzhen/zhongyangcun.toml")
            && said.contains("重阳村 has characters read more than one way: 重 (zhong/chong")
            && said.contains("slug = \"chongyangcun\""),
        "{said}"
    );
    assert!(!said.contains("刘庄村 has characters"), "{said}");
}
