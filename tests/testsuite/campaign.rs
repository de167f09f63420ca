//! The campaign rules (全覆盖, 全参与) on a fixture county with one planted finding of every kind:
//! a village without a county- or section-level cadre, a village without a 联村民警, a county
//! leader whose school assignment has ended, an office with nobody serving, a village whose
//! members link 60 % of its households, and expired assignments that must not count. `check`
//! must list exactly those; organization pages, former members and the stand-in team are read
//! back from the HTML; export then import changes nothing.

use crate::common::{Site, text};
use serde_json::Value;
use std::collections::BTreeSet;

const CONFIG: &str = r#"
title = "测试县公示"
base_url = "https://gongshi.shifan.cn/county"
hotline = "0534-2212345"
date = 2024-06-01

[rules]
household_coverage = 0.8
every_org_serves = true

[[rules.require]]
name = "县级或科级干部联系"
kinds = ["village", "community"]
rank = ["县级", "科级"]
min = 1

[[rules.require]]
name = "民警联村"
kinds = ["village"]
role = ["联村民警"]

[[rules.package]]
name = "县级领导包联"
rank = ["县级"]
kinds = { village = 1, enterprise = 1, school = 1 }
"#;

fn person(name: &str, phone: &str, org: &str, rank: &str) -> String {
    let mut text =
        format!("name = \"{name}\"\ntitle = \"干部\"\norg = \"{org}\"\nphone = \"{phone}\"\n");
    if !rank.is_empty() {
        text.push_str(&format!("rank = \"{rank}\"\n"));
    }
    text
}

/// `[[team]]` entries: (person, extra lines).
fn unit(name: &str, kind: &str, extra: &str, team: &[(&str, &str)]) -> String {
    let mut text = format!("name = \"{name}\"\nkind = \"{kind}\"\n{extra}");
    for (id, lines) in team {
        text.push_str(&format!("\n[[team]]\nperson = \"{id}\"\n{lines}"));
    }
    text
}

const LEAD: &str = "lead = true\n";

/// The county. Publication date 2024-06-01.
fn county() -> Site {
    let people = [
        ("zhang", person("张县长", "13912340001", "县政府", "县级")),
        ("li", person("李书记", "13912340002", "县委", "县级")),
        (
            "wang-ke",
            person("王科长", "13912340003", "县农机局", "科级"),
        ),
        (
            "sun",
            person("孙警官", "13912340004", "县公安局", "一般干部"),
        ),
        (
            "sun-er",
            person("孙二", "13912340005", "县公安局", "一般干部"),
        ),
        (
            "worker",
            person("周干事", "13912340006", "东湖镇政府", "一般干部"),
        ),
        (
            "worker-2",
            person("吴干事", "13912340007", "东湖镇政府", ""),
        ),
        // Section level, but only on an assignment that ended: it must not count.
        ("ke-er", person("科二", "13912340008", "县农机局", "科级")),
        // The only person of 县水利局, whose assignment ended: the office is idle.
        (
            "zhao-shui",
            person("赵水", "13912340009", "县水利局", "一般干部"),
        ),
    ];
    let mut files: Vec<(String, String)> = people
        .iter()
        .map(|(id, text)| (format!("content/people/{id}.toml"), text.clone()))
        .collect();
    let units = [
        (
            "content/donghu/_index.toml",
            "name = \"东湖镇\"\n".to_string(),
        ),
        (
            "content/qingshi/_index.toml",
            "name = \"青石街道\"\nkind = \"street\"\n".to_string(),
        ),
        // Complete: a county leader and a police officer, 50 + 50 of 100 households, and
        // 县农机局 linked as a whole.
        (
            "content/donghu/a.toml",
            unit(
                "甲村",
                "village",
                "households = 100\norgs = [\"县农机局\"]\n",
                &[
                    (
                        "zhang",
                        "role = \"包村领导\"\nlead = true\nhouseholds = 50\n",
                    ),
                    ("sun", "role = \"联村民警\"\nhouseholds = 50\n"),
                ],
            ),
        ),
        // Exactly 80 %: 160 of 200 households.
        (
            "content/donghu/b.toml",
            unit(
                "乙村",
                "village",
                "households = 200\n",
                &[
                    ("li", "role = \"包村领导\"\nlead = true\nhouseholds = 100\n"),
                    ("sun", "role = \"联村民警\"\nhouseholds = 60\n"),
                ],
            ),
        ),
        // 60 %: 40 + 20 of 100 households.
        (
            "content/donghu/c.toml",
            unit(
                "丙村",
                "village",
                "households = 100\n",
                &[
                    (
                        "wang-ke",
                        "role = \"第一书记\"\nlead = true\nhouseholds = 40\n",
                    ),
                    ("sun-er", "role = \"联村民警\"\nhouseholds = 20\n"),
                ],
            ),
        ),
        // No county- or section-level cadre: 科二's assignment ended.
        (
            "content/donghu/d.toml",
            unit(
                "丁村",
                "village",
                "",
                &[
                    ("worker", "role = \"包村干部\"\nlead = true\n"),
                    ("sun-er", "role = \"联村民警\"\n"),
                    (
                        "ke-er",
                        "role = \"第一书记\"\nsince = 2023-03-09\nuntil = 2024-01-31\n",
                    ),
                ],
            ),
        ),
        // No 联村民警.
        (
            "content/qingshi/e.toml",
            unit(
                "戊村",
                "village",
                "",
                &[
                    ("wang-ke", "role = \"第一书记\"\nlead = true\n"),
                    ("worker-2", "role = \"包村干部\"\n"),
                ],
            ),
        ),
        (
            "content/qingshi/community.toml",
            unit(
                "幸福社区",
                "community",
                "",
                &[("wang-ke", LEAD), ("worker-2", "role = \"网格员\"\n")],
            ),
        ),
        (
            "content/qingshi/enterprise.toml",
            unit("华兴公司", "enterprise", "", &[("zhang", LEAD), ("li", "")]),
        ),
        // 张县长's school assignment ended; 李书记's is current.
        (
            "content/qingshi/school.toml",
            unit(
                "东湖小学",
                "school",
                "",
                &[
                    ("li", LEAD),
                    (
                        "zhang",
                        "role = \"联校领导\"\nsince = 2023-09-01\nuntil = 2024-03-01\n",
                    ),
                    ("zhao-shui", "since = 2023-09-01\nuntil = 2024-03-01\n"),
                ],
            ),
        ),
        (
            "content/orgs/nongjiju.toml",
            "name = \"县农机局\"\nleader = \"wang-ke\"\nphone = \"0534-2212001\"\n".to_string(),
        ),
        (
            "content/orgs/shuili.toml",
            "name = \"县水利局\"\nleader = \"zhao-shui\"\n".to_string(),
        ),
    ];
    files.extend(units.iter().map(|(p, t)| (p.to_string(), t.clone())));
    files.push(("config.toml".into(), CONFIG.into()));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Site::new(&borrowed)
}

fn check_json(site: &Site, args: &[&str]) -> (Value, Option<i32>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = site.run(&all);
    let json =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    (json, out.status.code())
}

fn strings(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn check_lists_exactly_the_planted_findings_and_strict_fails_on_them() {
    let site = county();
    let (report, code) = check_json(&site, &[]);
    assert_eq!(code, Some(0), "findings alone pass without --strict");
    assert_eq!(report["errors"], Value::Array(vec![]), "{report:#}");
    assert_eq!(report["warnings"], Value::Array(vec![]), "{report:#}");

    let gaps: BTreeSet<String> = report["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let detail = match g["rule"].as_str().unwrap() {
                "require" => g["requirement"].as_str().unwrap().to_string(),
                "households" => format!("{}/{}", g["linked"], g["households"]),
                other => other.to_string(),
            };
            format!(
                "{} {} {detail}",
                g["unit"].as_str().unwrap(),
                g["rule"].as_str().unwrap()
            )
        })
        .collect();
    let expected: BTreeSet<String> = [
        "donghu/c households 60/100",
        "donghu/d require 县级或科级干部联系",
        "qingshi/e require 民警联村",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(gaps, expected, "{report:#}");

    assert_eq!(
        report["packages"],
        serde_json::json!([{
            "person": "zhang",
            "package": "县级领导包联",
            "missing": {"school": 1},
            "name": "张县长",
            "file": "content/people/zhang.toml",
            "page": "people/zhang/"
        }])
    );
    let idle: Vec<&str> = report["idle_orgs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["org"].as_str().unwrap())
        .collect();
    assert_eq!(idle, ["县水利局"]);
    for empty in ["overloaded", "stale", "shared_phones", "unreferenced"] {
        assert_eq!(report[empty], Value::Array(vec![]), "{empty}: {report:#}");
    }
    // The people whose only assignments ended are not published, and say so.
    assert_eq!(strings(&report["not_serving"]), ["ke-er", "zhao-shui"]);
    // The rules in force are in the report.
    assert_eq!(report["rules"]["require"][1]["role"][0], "联村民警");
    assert_eq!(report["rules"]["household_coverage"], 0.8);

    // --strict fails on them; the same county without campaign rules passes it.
    let (_, strict) = check_json(&site, &["--strict"]);
    assert_eq!(strict, Some(1));
    let plain = CONFIG.split("\n[rules]").next().unwrap();
    site.write("config.toml", plain);
    let (report, strict) = check_json(&site, &["--strict"]);
    assert_eq!(strict, Some(0), "{report:#}");
    assert_eq!(report["packages"], Value::Array(vec![]));
    assert_eq!(report["idle_orgs"], Value::Array(vec![]));
}

#[test]
fn the_text_report_names_units_and_people_by_name_with_their_files_in_plain_words() {
    let site = county();
    let out = site.run(&["check"]);
    let report = text(&out);
    // Each unit gap under its area, with the unit's name and file.
    let donghu = report.find("东湖镇 (donghu/)").expect(&report);
    let qingshi = report.find("青石街道 (qingshi/)").expect(&report);
    let households = report
        .find("content/donghu/c.toml: 丙村: its members link 60 of its 100 households (60%); at least 80 must be linked")
        .expect(&report);
    let require = report
        .find("content/donghu/d.toml: 丁村 has 0 current member(s) of rank 县级 or 科级; \"县级或科级干部联系\" asks for at least 1 (1 assignment(s) are outside their start and end dates on 2024-06-01 and do not count)")
        .expect(&report);
    let police = report
        .find("content/qingshi/e.toml: 戊村 has 0 current member(s) serving as 联村民警")
        .expect(&report);
    assert!(donghu < households && households < qingshi && require < qingshi && qingshi < police);
    assert!(
        report.contains(
            "content/people/zhang.toml: 张县长 (县级领导包联) is on too few current teams: 1 school more needed"
        ),
        "{report}"
    );
    assert!(
        report.contains("content/orgs/shuili.toml: nobody from 县水利局 is on a current team"),
        "{report}"
    );
    assert!(!report.contains(" = "), "no field syntax: {report}");
    assert!(report.contains("5 gaps"), "{report}");

    // In Chinese, as a Chinese site's clerk reads it.
    let out = crate::common::noticeboard()
        .env("NOTICEBOARD_LANG", "zh")
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let chinese = text(&out);
    assert!(
        chinese.contains("张县长（县级领导包联）联系的单位不够：还差 1所学校"),
        "{chinese}"
    );
    assert!(
        chinese.contains("县水利局 没有人在现任工作队里"),
        "{chinese}"
    );
    assert!(chinese.contains("丙村：成员共联系 60 户"), "{chinese}");
}

#[test]
fn a_broken_rule_is_an_error_naming_config_toml_and_its_line() {
    let site = county();
    site.write(
        "config.toml",
        &format!(
            "{CONFIG}\n[[rules.require]]\nname = \"错\"\nkinds = [\"vilage\"]\nrank = []\nmin = 0\n"
        ),
    );
    let (report, code) = check_json(&site, &[]);
    assert_eq!(code, Some(1));
    let errors = report["errors"].as_array().unwrap();
    let lines: Vec<u64> = errors
        .iter()
        .inspect(|e| assert_eq!(e["file"], "config.toml", "{e}"))
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    let base = CONFIG.lines().count() as u64 + 1;
    assert_eq!(lines, [base + 3, base + 4, base + 5], "{report:#}");
    let build = site.run(&["build"]);
    assert!(!build.status.success());
    assert!(!site.public_exists("index.html"));
}

#[test]
fn organization_pages_show_leader_people_units_and_counts() {
    let site = county();
    site.build_ok();
    let front = site.public("index.html");
    assert!(
        front.contains("href=\"./orgs/\""),
        "the front page links the index"
    );
    let index = site.public("orgs/index.html");
    for (name, url) in [
        ("县农机局", "orgs/nongjiju/"),
        ("县水利局", "orgs/shuili/"),
        ("县政府", "orgs/xianzhengfu/"),
        ("县公安局", "orgs/xiangonganju/"),
    ] {
        assert!(
            index.contains(&format!("href=\"../{url}\"")),
            "{url}: {index}"
        );
        assert!(index.contains(name), "{name}");
        assert!(site.public_exists(&format!("{url}index.html")), "{url}");
    }

    let page = site.public("orgs/nongjiju/index.html");
    let section = |class: &str| -> String {
        let start = page
            .find(&format!("class=\"{class}\""))
            .unwrap_or_else(|| panic!("{class}: {page}"));
        page[start..].split("</dd>").next().unwrap().to_string()
    };
    // The record's office phone, and its leader linked with their number (they serve).
    assert!(page.contains("href=\"tel:+865342212001\""), "{page}");
    let leader = section("org-leader");
    assert!(
        leader.contains("王科长") && leader.contains("href=\"../../people/wang-ke/\""),
        "{leader}"
    );
    assert!(leader.contains("tel:+8613912340003"), "{leader}");
    // Its one person serves three units; 甲村 links it as a whole.
    let counts = section("org-counts");
    assert!(counts.contains("4 个单位"), "{counts}");
    assert!(counts.contains("data-kind=\"village\">村 3"), "{counts}");
    assert!(
        counts.contains("data-kind=\"community\">社区 1"),
        "{counts}"
    );
    let people = &page[page.find("class=\"org-people\"").unwrap()..];
    let person = &people[..people.find("</li>").unwrap()];
    assert!(person.contains("王科长"), "{person}");
    for unit in ["丙村", "戊村", "幸福社区"] {
        assert!(person.contains(unit), "{unit}: {person}");
    }
    let whole = &page[page.find("class=\"link-list org-units\"").unwrap()..];
    assert!(
        whole.contains("href=\"../../donghu/a/\">甲村</a>"),
        "{whole}"
    );

    // An idle office: its page says nobody serves, and names neither its former member nor his
    // number, and its leader (not serving) is named without a link or number.
    let idle = site.public("orgs/shuili/index.html");
    assert!(idle.contains("本单位暂无干部参与联系"), "{idle}");
    let leader = &idle[idle.find("class=\"org-leader\"").unwrap()..];
    let leader = &leader[..leader.find("</dd>").unwrap()];
    assert!(
        leader.contains("赵水") && !leader.contains("href"),
        "{leader}"
    );
    assert!(!idle.contains("13912340009") && !idle.contains("people/zhao-shui"));

    // A unit shows its linked organization (联系单位) and households, on its page and board.
    let unit = site.public("donghu/a/index.html");
    assert!(
        unit.contains("<a href=\"../../orgs/nongjiju/\">县农机局</a>"),
        "{unit}"
    );
    assert!(unit.contains("100 户（共 100 户）"), "{unit}");
    assert!(unit.contains("50 户"), "{unit}");
    let board = site.public("donghu/a/board.html");
    assert!(
        board.contains("联系单位") && board.contains("县农机局"),
        "{board}"
    );
    assert!(board.contains("50 户"), "{board}");
    // The sitemap lists the organization pages.
    assert!(
        site.public("sitemap.xml")
            .contains("https://gongshi.shifan.cn/county/orgs/nongjiju/")
    );
}

#[test]
fn former_members_are_listed_without_phones_and_linked_only_when_published() {
    let site = county();
    site.build_ok();
    let former = |path: &str| -> String {
        let page = site.public(path);
        let start = page
            .find("<section class=\"former\"")
            .unwrap_or_else(|| panic!("{path}: {page}"));
        page[start..start + page[start..].find("</section>").unwrap()].to_string()
    };
    // 科二 no longer serves anywhere: named, with role, organization and dates, no link.
    let d = former("donghu/d/index.html");
    let item = &d[d.find("class=\"former-member\"").unwrap()..];
    assert!(
        item.contains("<span class=\"former-name\">科二</span>"),
        "{d}"
    );
    assert!(
        item.contains("第一书记") && item.contains("县农机局"),
        "{d}"
    );
    assert!(item.contains("2023-03-09 至 2024-01-31"), "{d}");
    assert!(
        !d.contains("href") && !d.contains("tel:") && !d.contains("13912340008"),
        "{d}"
    );
    assert!(!site.public_exists("people/ke-er/index.html"));
    // 张县长 still serves elsewhere: his former assignment links his page; 赵水 does not.
    let school = former("qingshi/school/index.html");
    assert!(
        school.contains("<a href=\"../../people/zhang/\">张县长</a>"),
        "{school}"
    );
    assert!(
        school.contains("赵水") && !school.contains("people/zhao-shui"),
        "{school}"
    );
    assert!(!school.contains("tel:"), "{school}");
    // A unit without former members has no such section.
    assert!(
        !site
            .public("donghu/a/index.html")
            .contains("class=\"former\"")
    );
}

#[test]
fn a_unit_between_teams_shows_its_areas_team_and_says_the_team_is_being_changed() {
    let site = Site::new(&[
        (
            "content/people/a.toml",
            &crate::common::person("甲", "13905341201"),
        ),
        (
            "content/people/b.toml",
            &crate::common::person("乙", "13905341202"),
        ),
        (
            "content/donghu/_index.toml",
            "name = \"东湖镇\"\nhotline = \"0534-2219876\"\n\n[[team]]\nperson = \"a\"\nrole = \"包片领导\"\nlead = true\n",
        ),
        (
            "content/donghu/changing.toml",
            "name = \"换人村\"\n\n[[team]]\nperson = \"b\"\nrole = \"第一书记\"\nuntil = 2024-05-01\n",
        ),
        ("content/donghu/new.toml", "name = \"新村\"\n"),
        (
            "content/donghu/b.toml",
            "name = \"有人村\"\n\n[[team]]\nperson = \"b\"\nlead = true\n",
        ),
    ]);
    site.build_ok();
    let page = site.public("donghu/changing/index.html");
    let team = &page[page.find("id=\"team\"").unwrap()..page.find("</section>").unwrap()];
    assert!(team.contains("工作队正在调整"), "{team}");
    assert!(
        team.contains("东湖镇联系干部") && team.contains("href=\"tel:+8613905341201\""),
        "{team}"
    );
    assert!(
        team.contains("href=\"tel:+865342219876\""),
        "the area's hotline: {team}"
    );
    let board = site.public("donghu/changing/board.html");
    assert!(
        board.contains("工作队正在调整") && board.contains("139 0534 1201"),
        "{board}"
    );
    // A unit that never had a team says so, and shows the area's team too.
    let new = site.public("donghu/new/index.html");
    let team = &new[new.find("id=\"team\"").unwrap()..new.find("</section>").unwrap()];
    assert!(
        !team.contains("工作队正在调整") && team.contains("暂未公示工作队"),
        "{team}"
    );
    assert!(team.contains("href=\"tel:+8613905341201\""), "{team}");
}

#[test]
fn export_then_import_changes_nothing_and_carries_rank_households_and_orgs() {
    let site = county();
    let roster = site.path("roster.xlsx");
    let csv = site.path("roster.csv");
    for (format, file) in [("xlsx", &roster), ("csv", &csv)] {
        let out = site.run(&["export", "--format", format, "-o", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out));
    }
    let text_roster = std::fs::read_to_string(&csv).unwrap();
    let header = text_roster.lines().next().unwrap();
    for column in ["级别", "联系户数", "联系单位"] {
        assert!(header.contains(column), "{header}");
    }
    assert!(text_roster.contains("县级"), "{text_roster}");
    let a_row = text_roster
        .lines()
        .find(|l| l.contains("甲村") && l.contains("张县长"))
        .unwrap();
    assert!(
        a_row.contains(",50,") && a_row.contains("县农机局"),
        "{a_row}"
    );

    for file in [&roster, &csv] {
        let before = crate::common::snapshot(&site.path("content"));
        let out = site.run(&["import", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out));
        assert!(
            text(&out).contains("0 created, 0 changed"),
            "{}",
            text(&out)
        );
        assert_eq!(
            crate::common::snapshot(&site.path("content")),
            before,
            "{}",
            file.display()
        );
    }

    // Into an empty folder, the roster rebuilds the same ranks, counts and links.
    let fresh = Site::new(&[]);
    let out = fresh.run(&["import", roster.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let (report, _) = check_json(&fresh, &[]);
    assert_eq!(report["errors"], Value::Array(vec![]), "{report:#}");
    let records: String = crate::common::snapshot(&fresh.path("content"))
        .into_iter()
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    assert!(records.contains("rank = \"县级\""), "{records}");
    assert!(records.contains("households = 50"), "{records}");
    assert!(records.contains("orgs = [\"县农机局\"]"), "{records}");
}

#[test]
fn popolo_export_has_the_organizations_and_unit_links_but_only_people_serving_today() {
    let site = county();
    let file = site.path("popolo.json");
    let out = site.run(&["export", "--format", "popolo", "-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let raw = std::fs::read_to_string(&file).unwrap();
    let doc: Value = serde_json::from_str(&raw).unwrap();
    // Not serving today: not in the document at all, nor their numbers.
    for gone in ["ke-er", "zhao-shui", "13912340008", "13912340009"] {
        assert!(!raw.contains(gone), "{gone} in the export");
    }
    let persons: Vec<&str> = doc["persons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(persons.len(), 7, "{persons:?}");
    let org = doc["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "县农机局")
        .unwrap();
    assert_eq!(org["id"], "org:nongjiju");
    assert_eq!(org["contact_details"][0]["value"], "+865342212001");
    assert_eq!(
        org["links"][0]["url"],
        "https://gongshi.shifan.cn/county/orgs/nongjiju/"
    );
    let memberships = doc["memberships"].as_array().unwrap();
    assert!(
        memberships
            .iter()
            .any(|m| m["member"]["@type"] == "Organization"
                && m["member"]["id"] == "org:nongjiju"
                && m["organization_id"] == "unit:donghu/a"),
        "the unit link"
    );
    assert!(
        memberships
            .iter()
            .any(|m| m["person_id"] == "person:wang-ke"
                && m["organization_id"] == "org:nongjiju"
                && m["role"] == "responsible leader"),
        "the leader"
    );
    // Every membership names someone or something in the document.
    let ids: BTreeSet<&str> = doc["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    for m in memberships {
        let member = m["person_id"]
            .as_str()
            .or(m["member"]["id"].as_str())
            .unwrap();
        assert!(persons.contains(&member) || ids.contains(member), "{m}");
        assert!(ids.contains(m["organization_id"].as_str().unwrap()), "{m}");
    }
}

#[test]
fn a_package_short_of_several_kinds_lists_them_in_the_same_order_every_build() {
    // Tera's maps were hash maps seeded per process: the kinds came out in any order, so two
    // builds of the same site differed.
    let site = Site::new(&[
        ("config.toml", CONFIG),
        (
            "content/people/zhang.toml",
            &person("张县长", "13905340001", "县政府", "县级"),
        ),
        (
            "content/donghu/shequ.toml",
            &unit("东湖社区", "community", "", &[("zhang", LEAD)]),
        ),
    ]);
    for build in 0..4 {
        site.build_ok();
        let page = site.public("coverage/index.html");
        assert!(
            page.contains("<td>县级领导包联</td><td>村 1、企业 1、学校 1</td>"),
            "build {build}: {page}"
        );
    }
}
