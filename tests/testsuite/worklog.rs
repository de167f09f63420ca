//! The work log (全过程): a fixture site with a GBK CSV visit log, an .xlsx visit log made here
//! with rust_xlsxwriter and a CSV ledger, with planted findings: units not visited in time,
//! people with too few home visits, overdue and undated ledger entries. The tests read what a
//! clerk and a resident would: `check` in JSON and text, the unit and ledger pages, the audit
//! workbook; and every bad row as an error with its file, row and column.

use crate::common::{Site, person, snapshot, text};
use noticeboard::BuildMode;
use noticeboard::build::{self, BuildOptions, Session};
use serde_json::{Value, json};

/// The publication date is 2024-06-01; units need a visit every 30 days, people two home
/// visits (入户) a year.
fn config(extra: &str) -> String {
    format!(
        "{}\n[rules.visits]\nunit_every_days = 30\nhome_visits_per_year = 2\n{extra}",
        crate::common::CONFIG
    )
}

fn unit(name: &str, members: &[&str]) -> String {
    let mut text = format!("name = \"{name}\"\n");
    for (i, m) in members.iter().enumerate() {
        text.push_str(&format!("[[team]]\nperson = \"{m}\"\nlead = {}\n", i == 0));
    }
    text
}

/// Two people named 张伟 (a name must then be written as an id); 旧人 rotated out in 2023.
/// Every team is complete, so that the only findings are the work log's.
fn planted() -> Site {
    let site = Site::new(&[
        ("config.toml", &config("")),
        ("content/people/wang.toml", &person("王兴", "13912340001")),
        ("content/people/li.toml", &person("李华", "13912340002")),
        ("content/people/zhang.toml", &person("张伟", "13912340003")),
        ("content/people/zhang2.toml", &person("张伟", "13912340004")),
        ("content/people/old.toml", &person("旧人", "13912340005")),
        ("content/donghu/_index.toml", "name = \"东湖镇\"\n"),
        (
            "content/donghu/刘庄村.toml",
            &format!(
                "{}[[team]]\nperson = \"old\"\nuntil = 2023-01-01\n",
                unit("刘庄村", &["wang", "li"])
            ),
        ),
        (
            "content/donghu/石桥村.toml",
            &unit("石桥村", &["li", "wang"]),
        ),
        ("content/donghu/new.toml", &unit("新村", &["zhang", "wang"])),
        ("content/xishan/_index.toml", "name = \"西山乡\"\n"),
        ("content/xishan/东村.toml", &unit("东村", &["zhang2", "li"])),
        (
            "content/ledger/台账.csv",
            "编号,单位,登记日期,类别,问题,责任人,办理期限,状态,办结日期\n\
             L-1,donghu/刘庄村,2024-05-01,基础设施,修补村道坑洼,王兴,2024-05-20,办理中,\n\
             L-2,donghu/刘庄村,2024-03-01,就业,发布招聘信息,李华,2024-04-01,已办结,2024-03-20\n\
             L-3,东湖镇/石桥村,2024-05-25,环境,清理河道垃圾,李华,2024-06-30,待办,\n\
             L-4,xishan/dongcun,2024-01-10,就业,组织技能培训,zhang2,2024-02-01,已反馈,\n\
             L-5,donghu/liuzhuangcun,2022-01-10,住房,危房改造,王兴,2022-03-01,已办结,2022-02-01\n",
        ),
    ]);
    site.write_bytes("content/visits/东湖.csv", &gbk(EAST_VISITS));
    site.write_bytes("content/visits/西山.xlsx", &west_visits());
    site
}

/// The east's visit log, as Chinese Excel saves CSV: GBK, with a title row.
const EAST_VISITS: &str = "东湖镇走访记录,,,,,\n\
    日期,单位,人员,形式,户数,内容\n\
    2024-05-20,donghu/刘庄村,王兴、李华,入户,5,春耕生产政策宣传\n\
    2024-04-01,东湖镇/石桥村,李华,入户,3,防汛检查\n\
    2023-05-01,donghu/liuzhuangcun,wang,入户,2,去年的走访\n";

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must not be UTF-8"
    );
    bytes.into_owned()
}

/// The west's visit log: an .xlsx with English headers, dates as Excel dates and as text.
fn west_visits() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("走访").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (j, h) in ["date", "unit", "people", "kind", "households", "topic"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, j as u16, *h).unwrap();
    }
    let day = |d: u8| ExcelDateTime::from_ymd(2024, 5, d).unwrap();
    sheet.write_date_with_format(1, 0, day(30), &date).unwrap();
    sheet.write_string(1, 1, "xishan/dongcun").unwrap();
    sheet.write_string(1, 2, "zhang2").unwrap();
    sheet.write_string(1, 3, "home").unwrap();
    sheet.write_number(1, 4, 4.0).unwrap();
    sheet.write_string(1, 5, "水井安全检查").unwrap();
    sheet.write_string(2, 0, "2024/5/10").unwrap();
    sheet.write_string(2, 1, "西山乡/东村").unwrap();
    sheet.write_string(2, 2, "zhang2").unwrap();
    sheet.write_string(2, 3, "入户").unwrap();
    sheet.write_string(2, 5, "饮水安全").unwrap();
    sheet.write_date_with_format(3, 0, day(12), &date).unwrap();
    sheet.write_string(3, 1, "xishan/东村").unwrap();
    sheet.write_string(3, 2, "zhang2、李华").unwrap();
    sheet.write_string(3, 3, "座谈").unwrap();
    sheet.write_string(3, 5, "村民议事").unwrap();
    workbook.save_to_buffer().unwrap()
}

fn check_json(site: &Site, strict: bool) -> (Value, i32) {
    let mut args = vec!["check", "--format", "json"];
    if strict {
        args.push("--strict");
    }
    let out = site.run(&args);
    let report: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    (report, out.status.code().unwrap_or(-1))
}

fn expected_visits() -> Value {
    json!({
        "audited": true,
        "unit_every_days": 30,
        "home_visits_per_year": 2,
        "overdue_units": [
            {"unit": "donghu/new", "name": "新村", "area": "donghu",
             "file": "content/donghu/new.toml", "last": null, "days": null},
            {"unit": "donghu/shiqiaocun", "name": "石桥村", "area": "donghu",
             "file": "content/donghu/石桥村.toml", "last": "2024-04-01", "days": 61},
        ],
        "under_quota": [
            {"person": "wang", "name": "王兴", "page": "people/wang/",
             "file": "content/people/wang.toml", "home_visits": 1, "required": 2},
            {"person": "zhang", "name": "张伟", "page": "people/zhang/",
             "file": "content/people/zhang.toml", "home_visits": 0, "required": 2},
        ],
    })
}

fn expected_ledger() -> Value {
    json!({
        "kept": true,
        "entries": 5,
        "open": 2,
        "overdue": [
            {"id": "L-1", "unit": "donghu/liuzhuangcun", "name": "刘庄村", "area": "donghu",
             "category": "基础设施", "category_key": "infrastructure", "raised": "2024-05-01",
             "due": "2024-05-20", "days": 12, "owners": ["王兴"],
             "file": "content/ledger/台账.csv", "row": 2},
        ],
        "resolved": 3,
        "no_closing_date": [
            {"id": "L-4", "unit": "xishan/dongcun", "name": "东村", "area": "xishan",
             "file": "content/ledger/台账.csv", "row": 5},
        ],
        "areas": [
            {"key": "donghu", "name": "东湖镇", "open": 2, "overdue": 1, "resolved": 2},
            {"key": "xishan", "name": "西山乡", "open": 0, "overdue": 0, "resolved": 1},
        ],
        "categories": [
            {"key": "基础设施", "name": "基础设施", "category_key": "infrastructure",
             "open": 1, "overdue": 1, "resolved": 0},
            {"key": "就业", "name": "就业", "category_key": "employment",
             "open": 0, "overdue": 0, "resolved": 2},
            {"key": "住房", "name": "住房", "category_key": "housing",
             "open": 0, "overdue": 0, "resolved": 1},
            {"key": "环境", "name": "环境", "category_key": "environment",
             "open": 1, "overdue": 0, "resolved": 0},
        ],
    })
}

#[test]
fn check_json_and_coverage_json_hold_exactly_the_planted_findings() {
    let site = planted();
    let (report, code) = check_json(&site, false);
    assert_eq!(report["errors"], json!([]), "{report:#}");
    assert_eq!(report["visits"], expected_visits());
    assert_eq!(report["ledger"], expected_ledger());
    // No coverage gap: `--strict` fails on the work log's findings alone.
    assert_eq!(report["gaps"], json!([]));
    assert_eq!(code, 0);
    let (_, strict) = check_json(&site, true);
    assert_eq!(strict, 1);

    site.build_ok();
    let published: Value = serde_json::from_str(&site.public("coverage.json")).unwrap();
    assert_eq!(published["visits"], expected_visits());
    assert_eq!(published["ledger"], expected_ledger());
    // The log folders are no areas: they get no page and are not on the front page.
    assert!(!site.public_exists("visits"));
    assert!(site.public_exists("ledger/index.html"));
    assert!(!site.public("index.html").contains("href=\"visits/\""));
}

#[test]
fn check_text_names_the_findings_grouped_by_area() {
    let site = planted();
    let out = site.run(&["check"]);
    let report = text(&out);
    let line = |needle: &str| {
        report
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in\n{report}"))
    };
    let east = line("\n东湖镇 (donghu/)\n");
    let new = line("no recent visit  content/donghu/new.toml: 新村: no visit recorded");
    let shiqiao = line(
        "no recent visit  content/donghu/石桥村.toml: 石桥村: last visited on 2024-04-01, 61 days ago (at most 30)",
    );
    assert!(east < new && new < shiqiao, "{report}");
    assert!(
        !report.contains("西山乡 (xishan/)\n  no recent visit"),
        "{report}"
    );
    line(
        "few home visits  content/people/wang.toml: 王兴 made 1 home visit(s) (入户) in the last 365 days; at least 2 are required",
    );
    line("few home visits  content/people/zhang.toml: 张伟 made 0 home visit(s)");
    line("Problem ledger: 5 entries, 2 open (1 overdue), 3 resolved");
    line(
        "overdue          content/ledger/台账.csv, row 2: L-1 刘庄村 (基础设施): was due on 2024-05-20, 12 days ago, and is still open",
    );
    line(
        "no closing date  content/ledger/台账.csv, row 5: L-4 东村: resolved, but the 办结日期 (closed) cell is empty",
    );
    line("ready to build, with gaps: 0 errors, 6 gaps");
}

/// The text of an HTML fragment as a reader sees it: tags dropped, spaces collapsed.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `<section>` labelled by `id`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("aria-labelledby=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let end = start + html[start..].find("</section>").unwrap();
    &html[start..end]
}

/// The `<li>` items (or `<tr>` rows) of a fragment, as plain text, with their opening tag.
fn items<'a>(html: &'a str, tag: &str) -> Vec<(&'a str, String)> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i..];
        let end = after.find(&close).unwrap();
        let head = &after[..after.find('>').unwrap() + 1];
        out.push((head, plain(&after[..end])));
        rest = &after[end..];
    }
    out
}

#[test]
fn a_unit_page_shows_its_latest_visits_the_years_count_and_its_ledger_entries() {
    let site = planted();
    site.build_ok();
    let page = site.public("donghu/liuzhuangcun/index.html");
    let visits = section(&page, "log-visits");
    assert!(plain(visits).contains("近一年共走访 1 次。"), "{visits}");
    let listed: Vec<String> = items(visits, "li").into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        listed,
        [
            "2024年5月20日 · 入户走访 · 5 户 走访人： 王兴、李华 春耕生产政策宣传",
            "2023年5月1日 · 入户走访 · 2 户 走访人： 王兴 去年的走访",
        ]
    );
    let ledger = section(&page, "log-ledger");
    let entries = items(ledger, "li");
    assert_eq!(
        entries.len(),
        2,
        "L-5 is two years old and resolved: {ledger}"
    );
    assert!(entries[0].0.contains("is-overdue"));
    assert_eq!(
        entries[0].1,
        "办理中 · 超期 基础设施 · 编号 L-1 登记日期： 2024-05-01 · 办理期限： 2024-05-20"
    );
    assert!(!entries[1].0.contains("is-overdue"));
    assert_eq!(
        entries[1].1,
        "已办结 就业 · 编号 L-2 登记日期： 2024-03-01 · 办理期限： 2024-04-01 · 办结日期： 2024-03-20"
    );
    assert!(ledger.contains("href=\"../../ledger/\""));

    // The xlsx log's visits, with dates as Excel dates and as text, and a kind in English.
    let west = site.public("xishan/dongcun/index.html");
    let visits = section(&west, "log-visits");
    assert!(plain(visits).contains("近一年共走访 3 次。"));
    let listed: Vec<String> = items(visits, "li").into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        listed,
        [
            "2024年5月30日 · 入户走访 · 4 户 走访人： 张伟 水井安全检查",
            "2024年5月12日 · 座谈 走访人： 张伟、李华 村民议事",
            "2024年5月10日 · 入户走访 走访人： 张伟 饮水安全",
        ]
    );
    // A unit without visits says so.
    let new = site.public("donghu/new/index.html");
    assert!(plain(section(&new, "log-visits")).contains("近一年没有走访记录。"));
    assert!(plain(section(&new, "log-ledger")).contains("近一年没有登记的问题。"));
}

/// Kinds and categories the theme has no word for are shown as the clerk wrote them, and an
/// entry without a category in the theme's word for none; a lead's call button names their
/// role in the theme's words.
#[test]
fn words_the_theme_lacks_are_shown_as_written() {
    let site = Site::new(&[
        ("config.toml", &config("")),
        ("content/people/wang.toml", &person("王兴", "13912340001")),
        ("content/people/li.toml", &person("李华", "13912340002")),
        (
            "content/donghu/刘庄村.toml",
            "name = \"刘庄村\"\n[[team]]\nperson = \"wang\"\nlead = true\nrole = \"第一书记\"\n\
             [[team]]\nperson = \"li\"\n",
        ),
        (
            "content/visits/走访.csv",
            "日期,单位,人员,形式,户数,内容\n\
             2024-05-20,donghu/刘庄村,王兴、李华,防汛巡查,,河堤\n\
             2024-05-10,donghu/刘庄村,李华,,,\n",
        ),
        (
            "content/ledger/台账.csv",
            "编号,单位,登记日期,类别,问题,责任人,办理期限,状态,办结日期\n\
             L-1,donghu/刘庄村,2024-05-01,邻里纠纷,调解,王兴,2024-06-20,交办,\n\
             L-2,donghu/刘庄村,2024-04-01,,路灯,李华,2024-06-30,待办,\n",
        ),
    ]);
    site.build_ok();
    let page = site.public("donghu/liuzhuangcun/index.html");
    let listed: Vec<String> = items(section(&page, "log-visits"), "li")
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        listed,
        [
            "2024年5月20日 · 防汛巡查 走访人： 王兴、李华 河堤",
            "2024年5月10日 走访人： 李华",
        ]
    );
    let entries: Vec<String> = items(section(&page, "log-ledger"), "li")
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        entries,
        [
            "交办 邻里纠纷 · 编号 L-1 登记日期： 2024-05-01 · 办理期限： 2024-06-20",
            "待办 未分类 · 编号 L-2 登记日期： 2024-04-01 · 办理期限： 2024-06-30",
        ]
    );
    let call = &page[page.find("class=\"call-who\"").unwrap()..];
    assert!(
        call.starts_with("class=\"call-who\">王兴（第一书记）</span>"),
        "{call}"
    );
}

#[test]
fn the_ledger_page_sums_by_area_and_category_and_lists_the_overdue_entries() {
    let site = planted();
    site.build_ok();
    let page = site.public("ledger/index.html");
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(
        plain(&page).contains("未办结 2 · 超期 1 · 已办结 3"),
        "{page}"
    );
    let rows = |class: &str| -> Vec<String> {
        let start = page.find(&format!("class=\"coverage {class}\"")).unwrap();
        let end = start + page[start..].find("</table>").unwrap();
        items(&page[start..end], "tr")
            .into_iter()
            .skip(1)
            .map(|(_, t)| t)
            .collect()
    };
    assert_eq!(rows("by-area"), ["东湖镇 2 1 2", "西山乡 0 0 1"]);
    assert_eq!(
        rows("by-category"),
        ["基础设施 1 1 0", "就业 0 0 2", "住房 0 0 1", "环境 1 0 0"]
    );
    assert_eq!(
        rows("overdue"),
        ["L-1 刘庄村 基础设施 2024-05-01 2024-05-20 12 王兴"]
    );
    assert!(page.contains("href=\"../donghu/liuzhuangcun/\""));
}

#[test]
fn summaries_are_published_only_with_publish_summary() {
    let site = planted();
    site.build_ok();
    let summaries = [
        "修补村道坑洼",
        "发布招聘信息",
        "清理河道垃圾",
        "组织技能培训",
    ];
    let public = site.path("public");
    for entry in walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            for s in summaries {
                assert!(!text.contains(s), "{} shows {s}", entry.path().display());
            }
        }
    }

    site.write("config.toml", &config("[ledger]\npublish_summary = true\n"));
    site.build_ok();
    let unit = site.public("donghu/liuzhuangcun/index.html");
    let entries = items(section(&unit, "log-ledger"), "li");
    assert!(entries[0].1.contains("修补村道坑洼"), "{:?}", entries[0]);
    assert!(entries[1].1.contains("发布招聘信息"));
    let ledger = site.public("ledger/index.html");
    assert!(plain(&ledger).contains("刘庄村 修补村道坑洼"));
}

#[test]
fn bad_rows_are_errors_with_file_row_and_column_and_the_output_stays() {
    let site = planted();
    site.build_ok();
    let before = snapshot(&site.path("public"));
    site.write(
        "content/visits/bad.csv",
        "日期,单位,人员,形式,户数,内容\n\
         2024-07-01,donghu/刘庄村,王兴,入户,1,明天\n\
         2024-02-30,donghu/刘庄村,王兴,入户,1,没有这一天\n\
         2024-05-01,donghu/王庄村,王兴,入户,1,走错村\n\
         2024-05-01,donghu/刘庄村,张伟,入户,1,重名\n\
         2024-05-01,donghu/刘庄村,王兴、赵六,入户,1,无此人\n\
         2024-05-01,donghu/刘庄村,王兴,入户,1,户主身份证11010519491231002X\n\
         2024-05-01,donghu/刘庄村,王兴,入户,1,回访电话13812345678\n\
         2024-05-01,donghu/刘庄村,王兴,入户,若干,户数\n\
         2024-05-01,石桥村,王兴,入户,1,两个石桥村\n\
         2024-05-01,donghu/刘庄村,王兴,入户,1,可打王兴电话13912340001\n\
         2024-05-01,13812345670,王兴,入户,1,号码当单位\n\
         2024-05-01,donghu/刘庄村,王兴 13812345671,入户,1,号码当人员\n",
    );
    site.write(
        "content/xishan/石桥村.toml",
        &unit("石桥村", &["li", "zhang2"]),
    );
    site.write(
        "content/ledger/bad.csv",
        "编号,单位,登记日期,类别,问题,责任人,办理期限,状态,办结日期\n\
         B-1,donghu/刘庄村,2024-05-01,环境,x,王兴,2024-05-10,搁置,\n\
         B-2,donghu/刘庄村,2024-05-10,环境,x,王兴,2024-05-20,已办结,2024-05-01\n\
         B-3,donghu/刘庄村,2024-05-02,环境,x,王兴,2024-05-20,待办,\n\
         B-3,donghu/刘庄村,2024-05-03,环境,x,王兴,2024-05-20,待办,\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(snapshot(&site.path("public")), before, "the output changed");

    let (report, code) = check_json(&site, false);
    assert_eq!(code, 1);
    let errors: Vec<(String, Option<u64>, Option<u64>, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_string(),
                e["line"].as_u64(),
                e["column"].as_u64(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let visits = "content/visits/bad.csv";
    let ledger = "content/ledger/bad.csv";
    let expected: Vec<(&str, u64, Option<u64>, &str)> = vec![
        (
            ledger,
            2,
            Some(8),
            "row 2, column 状态 (H): unknown status \"搁置\"",
        ),
        (
            ledger,
            3,
            Some(9),
            "row 3, column 办结日期 (I): the closing date 2024-05-01 is before the day it was raised (2024-05-10)",
        ),
        (
            ledger,
            5,
            None,
            "row 5: the id B-3 is used twice: also on content/ledger/bad.csv row 4",
        ),
        (
            visits,
            2,
            Some(1),
            "row 2, column 日期 (A): 2024-07-01 is after the publication date 2024-06-01",
        ),
        (
            visits,
            3,
            Some(1),
            "row 3, column 日期 (A): \"2024-02-30\" is not a real calendar date: check the day and month",
        ),
        (
            visits,
            4,
            Some(2),
            "row 4, column 单位 (B): no unit \"donghu/王庄村\" in content/",
        ),
        (
            visits,
            5,
            Some(3),
            "row 5, column 人员 (C): more than one person is named 张伟: zhang, zhang2",
        ),
        (
            visits,
            6,
            Some(3),
            "row 6, column 人员 (C): no person \"赵六\" in content/people/",
        ),
        (
            visits,
            7,
            Some(6),
            "row 7, column 内容 (F): this looks like a resident ID number (110105********002X); it must not be recorded here",
        ),
        (
            visits,
            8,
            Some(6),
            "row 8, column 内容 (F): the phone number 138****5678 is not a published cadre's or hotline: it may be a resident's",
        ),
        (
            visits,
            9,
            Some(5),
            "row 9, column 户数 (E): \"若干\" is not a number of households",
        ),
        (
            visits,
            10,
            Some(2),
            "row 10, column 单位 (B): \"石桥村\" names more than one unit: donghu/石桥村, xishan/石桥村",
        ),
        // A cell that names no unit or person is checked like any other text.
        (
            visits,
            12,
            Some(2),
            "row 12, column 单位 (B): no unit \"13812345670\" in content/",
        ),
        (
            visits,
            12,
            Some(2),
            "row 12, column 单位 (B): the phone number 138****5670 is not a published cadre's or hotline: it may be a resident's",
        ),
        (
            visits,
            13,
            Some(3),
            "row 13, column 人员 (C): no person \"13812345671\" in content/people/",
        ),
        (
            visits,
            13,
            Some(3),
            "row 13, column 人员 (C): the phone number 138****5671 is not a published cadre's or hotline: it may be a resident's",
        ),
    ];
    let got: Vec<(&str, u64, Option<u64>, &str)> = errors
        .iter()
        .map(|(f, l, c, m)| (f.as_str(), l.unwrap_or(0), *c, m.as_str()))
        .collect();
    assert_eq!(got, expected, "{report:#}");
    // The ID number itself is never printed, not even in the error.
    assert!(!serde_json::to_string(&report).unwrap().contains("19491231"));
}

#[test]
fn export_writes_the_audit_as_a_workbook() {
    use calamine::{Data, Reader};
    let site = planted();
    let file = site.path("audit.xlsx");
    let out = site.run(&[
        "export",
        "--format",
        "audit-xlsx",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("wrote the audit (6 findings)"),
        "{}",
        text(&out)
    );
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&file).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "覆盖缺口",
            "超期未走访单位",
            "入户不足人员",
            "超期问题",
            "办结无日期"
        ]
    );
    let mut rows = |sheet: &str| -> Vec<Vec<String>> {
        let range = book.worksheet_range(sheet).unwrap();
        range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Float(f) => f.to_string(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect()
    };
    assert_eq!(rows("覆盖缺口").len(), 1, "only the header: no gap");
    assert_eq!(
        rows("超期未走访单位")[1..],
        [
            vec!["东湖镇", "新村", "", "", "content/donghu/new.toml"],
            vec![
                "东湖镇",
                "石桥村",
                "2024-04-01",
                "61",
                "content/donghu/石桥村.toml"
            ],
        ]
    );
    assert_eq!(
        rows("入户不足人员")[1..],
        [
            vec!["王兴", "wang", "1", "2", "content/people/wang.toml"],
            vec!["张伟", "zhang", "0", "2", "content/people/zhang.toml"],
        ]
    );
    assert_eq!(
        rows("超期问题")[1..],
        [vec![
            "L-1",
            "东湖镇",
            "刘庄村",
            "基础设施",
            "2024-05-01",
            "2024-05-20",
            "12",
            "王兴",
            "content/ledger/台账.csv",
            "2"
        ]]
    );
    assert_eq!(
        rows("办结无日期")[1..],
        [vec![
            "L-4",
            "西山乡",
            "东村",
            "content/ledger/台账.csv",
            "5"
        ]]
    );
}

#[test]
fn serve_rebuilds_everything_when_a_log_file_changes() {
    let site = planted();
    let options = |output: &str| BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.path(output)),
        mode: BuildMode::Preview {
            base_url: "http://127.0.0.1:9".to_string(),
        },
        live_reload: Some("/__livereload.js".to_string()),
        progress: false,
    };
    let mut session = Session::default();
    build::rebuild(&options("preview"), &mut session).expect("first build");
    let file = "content/visits/东湖.csv";
    site.write_bytes(
        file,
        &gbk(&format!(
            "{EAST_VISITS}2024-05-31,donghu/new,zhang、zhang2,入户,2,新村首次走访\n"
        )),
    );
    session.only_changed(vec![site.path(file)]);
    build::rebuild(&options("preview"), &mut session).expect("rebuild");
    let page = std::fs::read_to_string(site.path("preview/donghu/new/index.html")).unwrap();
    assert!(plain(section(&page, "log-visits")).contains("新村首次走访"));
    // Exactly what a full build writes (the ledger page and coverage report included).
    build::build(&options("full")).expect("full build");
    assert!(snapshot(&site.path("preview")) == snapshot(&site.path("full")));
    let report: Value =
        serde_json::from_slice(&std::fs::read(site.path("preview/coverage.json")).unwrap())
            .unwrap();
    let overdue: Vec<&str> = report["visits"]["overdue_units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert_eq!(overdue, ["donghu/shiqiaocun"]);

    // The second 张伟 went to 新村 without being on its team: renaming him changes that page.
    let zhang2 = "content/people/zhang2.toml";
    site.write(zhang2, &person("张卫", "13912340004"));
    session.only_changed(vec![site.path(zhang2)]);
    build::rebuild(&options("preview"), &mut session).expect("rebuild");
    let page = std::fs::read_to_string(site.path("preview/donghu/new/index.html")).unwrap();
    assert!(plain(section(&page, "log-visits")).contains("张伟、张卫"));
    build::build(&options("full")).expect("full build");
    assert!(snapshot(&site.path("preview")) == snapshot(&site.path("full")));
}

#[test]
fn a_site_without_logs_has_no_log_sections_and_no_visit_findings() {
    let site = Site::new(&[
        ("content/people/wang.toml", &person("王兴", "13912340001")),
        ("content/people/li.toml", &person("李华", "13912340002")),
        (
            "content/donghu/刘庄村.toml",
            &unit("刘庄村", &["wang", "li"]),
        ),
    ]);
    let (report, code) = check_json(&site, true);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["visits"]["audited"], json!(false));
    assert_eq!(report["visits"]["overdue_units"], json!([]));
    assert_eq!(report["ledger"]["kept"], json!(false));
    site.build_ok();
    let page = site.public("donghu/liuzhuangcun/index.html");
    assert!(!page.contains("log-visits") && !page.contains("log-ledger"));
    assert!(!site.public_exists("ledger"));
}

/// A long log is read in pieces side by side; an empty 单位 cell repeats the unit above it
/// (merged cells saved as CSV), across the pieces' edges too, and a bad row in a later piece
/// is still named by its own row.
#[test]
fn a_long_log_repeats_the_unit_above_across_its_pieces() {
    let site = planted();
    let mut log = String::from("日期,单位,人员,形式,户数,内容\n");
    for day in 1..=9 {
        let unit = match day {
            1 => "donghu/刘庄村",
            6 => "东湖镇/石桥村",
            _ => "",
        };
        log.push_str(&format!("2024-05-{day:02},{unit},李华,入户,1,第{day}次\n"));
    }
    log.push_str("2024-05-10,,李华,入户,两户,写错的户数\n");
    site.write("content/visits/东湖.csv", &log);
    let out = site.run(&["build"]);
    let report = text(&out);
    assert!(!out.status.success(), "{report}");
    assert!(report.contains("content/visits/东湖.csv"), "{report}");
    assert!(report.contains("row 11"), "{report}");
    assert!(report.contains("两户"), "{report}");

    // Without the bad row, rows 2-6 are 刘庄村's and rows 7-10 石桥村's.
    let fixed = log.lines().take(10).collect::<Vec<_>>().join("\n");
    site.write("content/visits/东湖.csv", &fixed);
    site.build_ok();
    let liuzhuang = site.public("donghu/liuzhuangcun/index.html");
    assert!(
        plain(section(&liuzhuang, "log-visits")).contains("近一年共走访 5 次。"),
        "{liuzhuang}"
    );
    let shiqiao = site.public("donghu/shiqiaocun/index.html");
    assert!(
        plain(section(&shiqiao, "log-visits")).contains("近一年共走访 4 次。"),
        "{shiqiao}"
    );
}

/// Each row's unit is its own township's: the same unit name one row after another, under
/// another 镇街, is another unit; an empty unit cell repeats the unit above, not its people.
#[test]
fn rows_that_repeat_the_row_above_name_what_it_named_and_no_more() {
    let site = planted();
    site.write("content/xishan/新村.toml", &unit("新村", &["zhang2", "li"]));
    site.write(
        "content/visits/东湖.csv",
        "日期,镇街,单位,人员,形式,户数,内容\n\
         2024-05-20,东湖镇,新村,王兴,入户,1,东一\n\
         2024-05-21,西山乡,新村,王兴,入户,1,西一\n\
         2024-05-22,西山乡,新村,王兴,入户,1,西二\n\
         2024-05-23,东湖镇,新村,李华,入户,1,东二\n\
         2024-05-24,,,李华,入户,1,东三\n",
    );
    site.build_ok();
    let visits = |path: &str| {
        let page = site.public(path);
        items(section(&page, "log-visits"), "li")
            .into_iter()
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
    };
    let east = visits("donghu/new/index.html");
    assert_eq!(east.len(), 3, "{east:?}");
    assert!(
        east[0].contains("李华") && east[0].contains("东三"),
        "{east:?}"
    );
    assert!(
        east[1].contains("李华") && east[1].contains("东二"),
        "{east:?}"
    );
    assert!(
        east[2].contains("王兴") && east[2].contains("东一"),
        "{east:?}"
    );
    let west_page = std::fs::read_dir(site.path("public/xishan"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|name| name.starts_with("xin"))
        .expect("西山乡's 新村 has a page");
    let west = visits(&format!("xishan/{west_page}/index.html"));
    assert_eq!(west.len(), 2, "{west:?}");
    assert!(west.iter().all(|v| v.contains("王兴")), "{west:?}");
    assert!(
        west[0].contains("西二") && west[1].contains("西一"),
        "{west:?}"
    );
}
