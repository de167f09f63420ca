//! A site published as a Chinese government website: the footer's filing numbers and links,
//! the find-error link with each page's address, the page metadata provincial checkers crawl,
//! and `check`'s warnings and errors about them. Pages are read back as a crawler would.

use crate::common::{Site, person, text};

const GOV_CONFIG: &str = r#"
title = "测试县干部联系公示"
base_url = "https://gongshi.ceshi.gov.cn/lianxi"
hotline = "0534-2212345"
issuer = "中共测试县委组织部"
date = 2024-06-01
host_org = "中共测试县委组织部办公室"
site_code = "3714280001"
icp = "鲁ICP备12345678号-1"
police_record = "鲁公网安备 37142802000123号"
gov_mark = { image = "dzjg.png", link = "https://bszs.conac.cn/sitename?method=show&id=ABCDEF" }
contact = "gongshi@ceshi.gov.cn"
"#;

fn gov_site(config: &str) -> Site {
    Site::new(&[
        ("config.toml", config),
        (
            "static/dzjg.png",
            "not really a PNG, but a file the footer links",
        ),
        (
            "content/people/wang-xing.toml",
            &person("王兴", "13912345678"),
        ),
        (
            "content/东湖镇/_index.toml",
            "name = \"东湖镇\"\nkind = \"township\"\n",
        ),
        (
            "content/东湖镇/刘庄村.toml",
            "name = \"刘庄村\"\n[[team]]\nperson = \"wang-xing\"\nlead = true\n",
        ),
    ])
}

/// The test config with `keys` added at its top level (before its `[board]` table).
fn config_with(keys: &str) -> String {
    crate::common::CONFIG.replacen("\n[board]", &format!("\n{keys}\n[board]"), 1)
}

/// The `content` of every `<meta name="NAME">` in `html`.
fn meta(html: &str, name: &str) -> Vec<String> {
    let needle = format!("<meta name=\"{name}\" content=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest[..rest.find('"').expect("closing quote")].to_string()
        })
        .collect()
}

/// The `href` of the link whose text is `label`.
fn href_of(html: &str, label: &str) -> Option<String> {
    let end = html.find(&format!(">{label}</a>"))?;
    let start = html[..end].rfind("<a ")?;
    let tag = &html[start..end];
    let href = tag.split("href=\"").nth(1)?;
    Some(href[..href.find('"')?].replace("&amp;", "&"))
}

#[test]
fn every_page_type_carries_each_metadata_tag_once_with_its_value() {
    let site = gov_site(GOV_CONFIG);
    site.build_ok();
    // The organizations' pages: the list is a column, each organization an article.
    let orgs = site.public("orgs/index.html");
    assert_eq!(meta(&orgs, "ColumnName"), ["派出单位"]);
    assert!(meta(&orgs, "ArticleTitle").is_empty());
    let org_page = std::fs::read_dir(site.path("public/orgs"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().is_dir())
        .map(|e| std::fs::read_to_string(e.path().join("index.html")).unwrap())
        .expect("an organization page");
    assert_eq!(meta(&org_page, "ColumnName"), ["派出单位"]);
    assert_eq!(meta(&org_page, "ArticleTitle"), ["县直单位"]);
    // (file, ColumnName, ArticleTitle)
    let pages = [
        ("index.html", "首页", None),
        ("donghuzhen/index.html", "东湖镇", None),
        (
            "donghuzhen/liuzhuangcun/index.html",
            "东湖镇",
            Some("刘庄村"),
        ),
        ("people/wang-xing/index.html", "联系人", Some("王兴")),
        ("people/index.html", "联系人", None),
        ("coverage/index.html", "覆盖情况", None),
    ];
    for (file, column, article) in pages {
        let html = site.public(file);
        assert_eq!(meta(&html, "SiteName"), ["测试县干部联系公示"], "{file}");
        assert_eq!(
            meta(&html, "SiteDomain"),
            ["gongshi.ceshi.gov.cn"],
            "{file}"
        );
        assert_eq!(meta(&html, "SiteIDCode"), ["3714280001"], "{file}");
        assert_eq!(meta(&html, "ColumnName"), [column], "{file}");
        assert_eq!(meta(&html, "ColumnType"), ["公示公告"], "{file}");
        match article {
            Some(title) => {
                assert_eq!(meta(&html, "ArticleTitle"), [title], "{file}");
                assert_eq!(meta(&html, "PubDate"), ["2024-06-01"], "{file}");
                assert_eq!(
                    meta(&html, "ContentSource"),
                    ["中共测试县委组织部办公室"],
                    "{file}"
                );
            }
            None => {
                for name in ["ArticleTitle", "PubDate", "ContentSource"] {
                    assert!(meta(&html, name).is_empty(), "{file} has {name}");
                }
            }
        }
        // No tag is written empty.
        assert!(
            !html.contains("content=\"\""),
            "{file} has an empty meta tag"
        );
    }
}

#[test]
fn the_footer_shows_each_configured_item_with_its_link() {
    let site = gov_site(GOV_CONFIG);
    site.build_ok();
    let page = "donghuzhen/liuzhuangcun/index.html";
    let html = site.public(page);
    let footer = &html[html.find("<footer").expect("a footer")..];
    assert!(
        footer.contains("主办单位：中共测试县委组织部办公室"),
        "{footer}"
    );
    assert!(footer.contains("网站标识码：3714280001"));
    assert_eq!(
        href_of(footer, "鲁ICP备12345678号-1").as_deref(),
        Some("https://beian.miit.gov.cn/")
    );
    let police = footer
        .split("<a class=\"police\" href=\"")
        .nth(1)
        .expect("the public-security number is a link");
    assert!(
        police.starts_with("https://beian.mps.gov.cn/#/query/webSearch?code=37142802000123\""),
        "{police}"
    );
    assert!(police.contains("鲁公网安备 37142802000123号</a>"));
    assert!(footer.contains(
        "<a class=\"gov-mark\" href=\"https://bszs.conac.cn/sitename?method=show&amp;id=ABCDEF\"><img src=\"../../dzjg.png\""
    ));
    assert!(
        site.public_exists("dzjg.png"),
        "the mark's image is published from static/"
    );
    assert_eq!(
        href_of(footer, "联系我们").as_deref(),
        Some("mailto:gongshi@ceshi.gov.cn")
    );
    // The find-error link names the site and this page's own address, URL-encoded.
    let find_error = href_of(footer, "我为政府网站找错").expect("a find-error link");
    assert_eq!(
        find_error,
        "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3714280001&url=https%3A%2F%2Fgongshi%2Eceshi%2Egov%2Ecn%2Flianxi%2Fdonghuzhen%2Fliuzhuangcun%2F"
    );
    let front = site.public("index.html");
    assert!(
        href_of(&front, "我为政府网站找错")
            .unwrap()
            .ends_with("&url=https%3A%2F%2Fgongshi%2Eceshi%2Egov%2Ecn%2Flianxi%2F")
    );
}

#[test]
fn a_site_that_sets_nothing_shows_no_government_footer_and_host_defaults_to_issuer() {
    let plain = gov_site(crate::common::CONFIG);
    plain.build_ok();
    let html = plain.public("index.html");
    assert!(!html.contains("class=\"gov\""));
    assert!(meta(&html, "SiteIDCode").is_empty());
    let issuer_only = gov_site(&config_with("site_code = \"3714280001\""));
    issuer_only.build_ok();
    let unit = issuer_only.public("donghuzhen/liuzhuangcun/index.html");
    assert!(unit.contains("主办单位：测试县委组织部"));
    assert_eq!(meta(&unit, "ContentSource"), ["测试县委组织部"]);
}

#[test]
fn check_warns_a_gov_cn_site_missing_its_numbers_and_refuses_malformed_ones() {
    let missing = gov_site(&crate::common::CONFIG.replace(
        "https://gongshi.shifan.cn/county",
        "https://gongshi.ceshi.gov.cn/lianxi",
    ));
    let out = missing.run(&["check"]);
    let report = text(&out);
    assert!(out.status.success(), "{report}");
    assert!(
        report.contains("warning: config.toml:3:")
            && report.contains("site_code, icp, police_record"),
        "{report}"
    );

    let keys = [
        "site_code = \"37142800\"",
        "icp = \"ICP备12345678号\"",
        "police_record = \"鲁公网安备 123号\"",
        "contact = \"找办公室\"",
    ];
    let config = config_with(&keys.join("\n"));
    let bad = gov_site(&config);
    let out = bad.run(&["check"]);
    let report = text(&out);
    assert!(!out.status.success(), "{report}");
    let line_of = |key: &str| {
        1 + config
            .lines()
            .position(|l| l.starts_with(&format!("{key} =")))
            .unwrap()
    };
    for (key, what) in [
        ("site_code", "not a government-website code"),
        ("icp", "not an ICP filing number"),
        ("police_record", "not a public-security filing number"),
        ("contact", "not an e-mail address"),
    ] {
        let expected = format!("error: config.toml:{}:", line_of(key));
        assert!(
            report
                .lines()
                .any(|l| l.starts_with(&expected) && l.contains(what)),
            "{key}: wanted `{expected} … {what}` in\n{report}"
        );
    }
}
