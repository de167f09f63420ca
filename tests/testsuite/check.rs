//! `noticeboard check`: every coverage rule on a site with planted gaps, the exit codes, the
//! text and JSON reports, the published coverage page, and the refusal of resident ID numbers.

use crate::common::{Site, person, text};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Output;

/// A site with one planted problem per rule. The publication date is 2024-06-01 (common
/// CONFIG); the rules are the defaults: teams of 2 in villages and communities, a lead
/// everywhere, at most 3 units a person, numbers confirmed within 365 days.
fn planted() -> Site {
    let people = [
        ("a", "甲一", "13912340001", ""),
        ("b", "乙二", "13912340002", ""),
        ("c", "丙三", "13912340003", ""),
        ("d", "丁四", "13912340004", ""),
        ("e", "戊五", "13912340005", ""),
        // Stale: last confirmed 517 days before the publication date.
        ("f", "己六", "13912340006", "checked = 2023-01-01\n"),
        ("g", "庚七", "13912340007", ""),
        // Fresh: confirmed 31 days before.
        ("h", "辛八", "13912340008", "checked = 2024-05-01\n"),
        // One number, written two ways, for two people.
        ("i", "壬九", "13912340021", ""),
        ("j", "癸十", "139-1234-0021", ""),
        ("busy", "赵忙", "13912340031", ""),
        ("almost", "钱满", "13912340032", ""),
        ("idle", "孙闲", "13912340033", ""),
    ];
    let mut files: Vec<(String, String)> = people
        .iter()
        .map(|(id, name, phone, extra)| {
            (
                format!("content/people/{id}.toml"),
                format!("{}{extra}", person(name, phone)),
            )
        })
        .collect();
    let member = |id: &str, extra: &str| format!("[[team]]\nperson = \"{id}\"\n{extra}\n");
    let unit = |name: &str, kind: &str, team: &[String]| {
        format!("name = \"{name}\"\nkind = \"{kind}\"\n\n{}", team.concat())
    };
    let lead = "lead = true\n";
    let units = [
        (
            "content/donghu/_index.toml",
            "name = \"东湖镇\"\n".to_string(),
        ),
        (
            "content/qingshi/_index.toml",
            "name = \"青石街道\"\nkind = \"street\"\n".to_string(),
        ),
        // Complete; `almost`'s expired assignment here must not count for overload.
        (
            "content/donghu/full.toml",
            unit(
                "完整村",
                "village",
                &[
                    member("a", lead),
                    member("b", ""),
                    member("almost", "until = 2024-01-01\n"),
                ],
            ),
        ),
        ("content/donghu/empty.toml", unit("空村", "village", &[])),
        // d's assignment ended the day before publication: one member left (min_team).
        (
            "content/donghu/small.toml",
            unit(
                "小村",
                "village",
                &[member("c", lead), member("d", "until = 2024-05-31\n")],
            ),
        ),
        // The only lead's assignment expired: enough members, but no lead.
        (
            "content/donghu/expired.toml",
            unit(
                "过期村",
                "village",
                &[
                    member("e", "lead = true\nuntil = 2024-01-01\n"),
                    member("f", ""),
                    member("busy", ""),
                ],
            ),
        ),
        // The only assignment starts after publication: no team.
        (
            "content/donghu/future.toml",
            unit(
                "未来村",
                "village",
                &[member("g", "lead = true\nsince = 2024-07-01\n")],
            ),
        ),
        // An enterprise needs no team of 2, but a lead.
        (
            "content/qingshi/nolead.toml",
            unit("无头企业", "enterprise", &[member("h", "")]),
        ),
        (
            "content/qingshi/c1.toml",
            unit(
                "社区一",
                "community",
                &[member("i", lead), member("busy", ""), member("almost", "")],
            ),
        ),
        (
            "content/qingshi/c2.toml",
            unit(
                "社区二",
                "community",
                &[member("j", lead), member("busy", ""), member("almost", "")],
            ),
        ),
        (
            "content/qingshi/school.toml",
            unit(
                "学校",
                "school",
                &[member("busy", lead), member("almost", "")],
            ),
        ),
    ];
    files.extend(units.iter().map(|(p, t)| (p.to_string(), t.clone())));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Site::new(&refs)
}

fn json(site: &Site, extra: &[&str]) -> (Output, Value) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let out = site.run(&args);
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json printed no JSON ({e}):\n{}", text(&out)));
    (out, value)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

#[test]
fn every_rule_reports_its_planted_gap_and_only_current_assignments_count() {
    let site = planted();
    let (out, report) = json(&site, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "gaps alone pass:\n{}",
        text(&out)
    );
    assert_eq!(report["errors"].as_array().unwrap().len(), 0, "{report:#}");

    let gaps: BTreeSet<(String, String)> = report["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            assert!(g["message"].as_str().is_some_and(|m| !m.is_empty()));
            (
                g["unit"].as_str().unwrap().to_string(),
                g["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("donghu/empty", "no_team"),
        ("donghu/future", "no_team"),
        ("donghu/small", "min_team"),
        ("donghu/expired", "require_lead"),
        ("qingshi/nolead", "require_lead"),
    ]
    .iter()
    .map(|(u, r)| (u.to_string(), r.to_string()))
    .collect();
    assert_eq!(gaps, expected);

    let overloaded = report["overloaded"].as_array().unwrap();
    assert_eq!(overloaded.len(), 1, "{overloaded:#?}");
    assert_eq!(overloaded[0]["person"], "busy");
    let units: BTreeSet<String> = strings(&overloaded[0]["units"]).into_iter().collect();
    let busy_units: BTreeSet<String> = [
        "donghu/expired",
        "qingshi/c1",
        "qingshi/c2",
        "qingshi/school",
    ]
    .map(String::from)
    .into();
    assert_eq!(units, busy_units);

    let stale: Vec<&str> = report["stale"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["person"].as_str().unwrap())
        .collect();
    assert_eq!(stale, vec!["f"]);
    assert_eq!(report["stale"][0]["days"], 517);

    let shared = report["shared_phones"].as_array().unwrap();
    assert_eq!(shared.len(), 1, "{shared:#?}");
    assert_eq!(strings(&shared[0]["people"]), vec!["i", "j"]);

    assert_eq!(strings(&report["unreferenced"]), vec!["idle"]);
    // d and e's assignments ended before the publication date, g's starts after it.
    assert_eq!(strings(&report["not_serving"]), vec!["d", "e", "g"]);

    assert_eq!(report["totals"]["units"], 9);
    assert_eq!(report["totals"]["covered"], 7);
    assert_eq!(report["totals"]["percent_covered"], 77.8);
}

#[test]
fn strict_fails_on_gaps_and_exit_codes_follow_the_readme() {
    let site = planted();
    let out = site.run(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));

    let clean = Site::new(&[
        ("content/people/a.toml", &person("甲一", "13912340001")),
        ("content/people/b.toml", &person("乙二", "13912340002")),
        (
            "content/town/village.toml",
            "name = \"村\"\n[[team]]\nperson = \"a\"\nlead = true\n[[team]]\nperson = \"b\"\n",
        ),
    ]);
    let out = clean.run(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("clean: 0 errors, 0 gaps, 0 warnings"));

    let usage = clean.run(&["check", "--format", "yaml"]);
    assert_eq!(usage.status.code(), Some(2), "{}", text(&usage));
}

#[test]
fn text_report_groups_gaps_by_area_with_totals_and_percentages() {
    let site = planted();
    let out = site.run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\x1b'), "no colour into a pipe:\n{stdout}");

    let donghu = stdout
        .find("东湖镇 (donghu/): 5 units, 3 covered (60.0%), 1 without gaps")
        .unwrap_or_else(|| panic!("{stdout}"));
    let qingshi = stdout
        .find("青石街道 (qingshi/): 4 units, 4 covered (100.0%), 3 without gaps")
        .unwrap_or_else(|| panic!("{stdout}"));
    let small = stdout.find("content/donghu/small.toml: 小村 has 1 current member(s)");
    let nolead = stdout.find("content/qingshi/nolead.toml: 无头企业 has no current member");
    assert!(
        small.is_some_and(|s| donghu < s && s < qingshi),
        "小村's gap is listed under 东湖镇:\n{stdout}"
    );
    assert!(nolead.is_some_and(|n| qingshi < n), "{stdout}");
    // The expired assignment is named as the reason the lead is missing.
    assert!(
        stdout.contains("过期村 has no current member marked as its lead (负责人) (1 team place(s) have ended or not yet begun on 2024-06-01)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("赵忙 is on 4 current teams (at most 3)"),
        "{stdout}"
    );
    assert!(stdout.contains("己六's number was last confirmed on 2023-01-01, 517 days ago"));
    assert!(
        stdout.contains("139 1234 0021 is given for 壬九 (i) and 癸十 (j)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("孙闲 (content/people/idle.toml) (warning"),
        "{stdout}"
    );
    assert!(
        stdout.contains("not serving   丁四 (content/people/d.toml); 戊五 (content/people/e.toml); 庚七 (content/people/g.toml) (warning: on 2024-06-01 every team place of theirs has ended or not yet begun"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Total: 9 units, 7 covered (77.8%), 4 without gaps; 13 people"),
        "{stdout}"
    );
}

fn check_with_env(site: &Site, env: &[(&str, &str)]) -> String {
    let mut command = crate::common::noticeboard();
    command
        .args(["check", "--root"])
        .arg(site.root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().expect("run noticeboard");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn colour_follows_the_terminal_and_no_color() {
    let site = planted();
    // CLICOLOR_FORCE stands in for a terminal, which a test cannot have.
    let forced = check_with_env(&site, &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\x1b["), "colour when forced:\n{forced}");
    let refused = check_with_env(&site, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!refused.contains('\x1b'), "NO_COLOR wins:\n{refused}");
    assert!(refused.contains("东湖镇 (donghu/): 5 units"));
}

#[test]
fn check_writes_nothing() {
    let site = planted();
    site.build_ok();
    let before = crate::common::snapshot(site.root());
    for args in [
        &["check"][..],
        &["check", "--format", "json"],
        &["check", "--strict"],
    ] {
        site.run(args);
    }
    assert_eq!(crate::common::snapshot(site.root()), before);
}

#[test]
fn build_publishes_a_coverage_page_with_a_table_per_area_linking_every_gap() {
    let site = planted();
    site.build_ok();
    let report: Value = serde_json::from_str(&site.public("coverage.json")).unwrap();
    assert_eq!(report["gaps"].as_array().unwrap().len(), 5);
    let page = site.public("coverage/index.html");
    assert_eq!(page.matches("<section class=\"coverage-area\"").count(), 2);
    assert_eq!(page.matches("<table class=\"coverage gaps\">").count(), 2);
    assert!(
        page.contains("(60.0%)") && page.contains("(77.8%)"),
        "{page}"
    );
    for gap in report["gaps"].as_array().unwrap() {
        let href = format!("href=\"../{}/\"", gap["unit"].as_str().unwrap());
        assert!(page.contains(&href), "no link {href}");
    }
    // Every local link on the page leads to a file of the build.
    for link in crate::common::links(&page) {
        if link.starts_with("http") || link.starts_with('#') || link.starts_with("tel:") {
            continue;
        }
        let target = link.trim_start_matches("../");
        let file = if target.ends_with('/') || target.is_empty() {
            format!("{target}index.html")
        } else {
            target.to_string()
        };
        assert!(site.public_exists(&file), "broken link {link}");
    }
}

#[test]
fn publish_report_false_keeps_the_report_out_of_the_output() {
    let site = planted();
    site.write(
        "config.toml",
        &format!(
            "{}\n[rules]\npublish_report = false\n",
            crate::common::CONFIG
        ),
    );
    site.build_ok();
    assert!(!site.public_exists("coverage.json"));
    assert!(!site.public_exists("coverage/index.html"));
    // check still audits.
    let (_, report) = json(&site, &[]);
    assert_eq!(report["gaps"].as_array().unwrap().len(), 5);
}

// ---- resident ID numbers -------------------------------------------------------------------

/// ISO 7064 MOD 11-2, as GB 11643 defines the 18th character.
fn id_check(first17: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

fn id_number(region: &str, birth: &str, sequence: &str) -> String {
    let first17 = format!("{region}{birth}{sequence}");
    format!("{first17}{}", id_check(&first17))
}

/// Some other check character than the right one.
fn wrong_check(id: &str) -> String {
    let (body, check) = id.split_at(17);
    let wrong = if check == "1" { '2' } else { '1' };
    format!("{body}{wrong}")
}

fn luhn_valid(prefix: &str) -> String {
    let digits: Vec<u32> = prefix.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    format!("{prefix}{}", (10 - sum % 10) % 10)
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            'X' => 'Ｘ',
            other => other,
        })
        .collect()
}

/// A clean site whose one unit is a Markdown file with `body` on its 7th line.
fn site_with_body(body: &str) -> Site {
    let unit =
        format!("+++\nname = \"刘庄村\"\n[[team]]\nperson = \"a\"\nlead = true\n+++\n{body}\n");
    Site::new(&[
        ("content/people/a.toml", &person("甲一", "13912340001")),
        ("content/people/b.toml", &person("乙二", "13912340002")),
        ("content/town/liuzhuang.md", &unit),
        (
            "content/town/other.toml",
            "name = \"二村\"\n[[team]]\nperson = \"b\"\nlead = true\n[[team]]\nperson = \"a\"\n",
        ),
    ])
}

fn id_findings(site: &Site) -> (Option<i32>, Vec<Value>, Vec<Value>) {
    let (out, report) = json(site, &[]);
    let pick = |key: &str| {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["message"]
                    .as_str()
                    .unwrap()
                    .contains("must not be published")
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    (out.status.code(), pick("errors"), pick("warnings"))
}

#[test]
fn a_resident_id_number_is_an_error_naming_file_and_line_and_stops_the_build() {
    let id = id_number("371428", "19900307", "123");
    let written = [
        id.clone(),
        full_width(&id),
        format!("{} {} {}", &id[..6], &id[6..14], &id[14..]),
        format!("{}-{}-{}", &id[..6], &id[6..14], &id[14..]),
    ];
    for form in written {
        let site = site_with_body(&format!("村民身份证号：{form}"));
        let (code, errors, _) = id_findings(&site);
        assert_eq!(code, Some(1), "{form} must fail check");
        assert_eq!(errors.len(), 1, "{form}: {errors:#?}");
        assert_eq!(errors[0]["file"], "content/town/liuzhuang.md");
        assert_eq!(errors[0]["line"], 7, "{form}");
        // The report itself must not leak the number.
        assert!(!errors[0]["message"].as_str().unwrap().contains(&id[6..14]));

        let out = site.run(&["build"]);
        assert!(!out.status.success(), "{form} must stop the build");
        assert!(!site.public_exists("index.html"));
    }
}

#[test]
fn numbers_that_only_look_like_ids_pass() {
    let id = id_number("371428", "19900307", "123");
    let impossible_date = id_number("371428", "19900230", "123");
    for body in [
        format!("编号 {}", wrong_check(&id)),
        format!("编号 {impossible_date}"),
        // A phone number, a date and a 12-digit division code.
        "电话 13912345678，2024-06-01，区划代码 371428104201".to_string(),
    ] {
        let site = site_with_body(&body);
        let (code, errors, warnings) = id_findings(&site);
        assert_eq!(code, Some(0), "{body}");
        assert!(
            errors.is_empty() && warnings.is_empty(),
            "{body}: {errors:#?} {warnings:#?}"
        );
    }
}

#[test]
fn old_ids_and_card_numbers_are_warnings() {
    // 15 digits: region, YYMMDD, sequence.
    let old = "371428900307123";
    let card = luhn_valid("622202123456789012");
    for body in [format!("旧身份证 {old}"), format!("银行卡 {card}")] {
        let site = site_with_body(&body);
        let (code, errors, warnings) = id_findings(&site);
        assert_eq!(code, Some(0), "{body}");
        assert!(errors.is_empty(), "{body}: {errors:#?}");
        assert_eq!(warnings.len(), 1, "{body}: {warnings:#?}");
        assert_eq!(warnings[0]["file"], "content/town/liuzhuang.md");
        assert_eq!(warnings[0]["line"], 7);
    }
}

#[test]
fn config_toml_is_scanned_too() {
    let id = id_number("110105", "19851231", "456");
    let site = site_with_body("");
    site.write(
        "config.toml",
        &format!(
            "{}\n# 联系人身份证 {id}\n",
            crate::common::CONFIG.trim_end()
        ),
    );
    let (code, errors, _) = id_findings(&site);
    assert_eq!(code, Some(1));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["file"], "config.toml");
    let line = crate::common::CONFIG.trim_end().lines().count() + 1;
    assert_eq!(errors[0]["line"], line);
}
