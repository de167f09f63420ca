//! QR codes read back with zbar, the decoder that reads segments the way phones' scanners do.
//!
//! rqrr re-joins the bytes of a Kanji segment and would hide a payload that left byte mode;
//! zbar reads such a segment as Shift-JIS and shows garbage, as WeChat would. So the codes of
//! sites whose addresses hold Chinese characters (a base URL under a Chinese column name) are
//! built with the real binary and scanned here. zbar comes through common::tools.

use crate::common::{Site, person, tools};
use std::process::Command;

/// Base URLs whose unit addresses tempt a QR optimiser into Kanji mode.
const BASE_URLS: &[&str] = &[
    "https://gongshi.shifan.cn/东后城村",
    "https://gongshi.shifan.cn/刘庄",
    "https://gongshi.shifan.cn/wucheng",
];

fn zbar_reads(png: &std::path::Path) -> String {
    let output = Command::new(tools::require("zbarimg"))
        .args(["-q", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(png)
        .output()
        .expect("run zbarimg");
    assert!(
        output.status.success(),
        "zbarimg failed on {}: {output:?}",
        png.display()
    );
    let decoded = String::from_utf8(output.stdout).expect("zbarimg prints UTF-8");
    decoded.strip_suffix('\n').unwrap_or(&decoded).to_string()
}

#[test]
fn zbar_reads_exactly_the_unit_url_for_chinese_and_ascii_base_urls() {
    for base_url in BASE_URLS {
        let config = crate::common::CONFIG.replace("https://gongshi.shifan.cn/county", base_url);
        let site = Site::new(&[
            ("config.toml", &config),
            (
                "content/people/wang-xing.toml",
                &person("王兴", "13912345678"),
            ),
            (
                "content/东后城镇/东后城村.toml",
                "name = \"东后城村\"\n[[team]]\nperson = \"wang-xing\"\nlead = true\n",
            ),
        ]);
        site.build_ok();
        // The page states the address its code holds; both must be the same string.
        let page = site.public("donghouchengzhen/donghouchengcun/index.html");
        let canonical = page
            .split("<link rel=\"canonical\" href=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the unit page names its canonical address")
            .replace("&amp;", "&");
        assert!(
            canonical.ends_with("/donghouchengzhen/donghouchengcun/"),
            "{base_url}: {canonical}"
        );
        let png = site.path("public/donghouchengzhen/donghouchengcun/qr.png");
        assert_eq!(zbar_reads(&png), canonical, "base_url {base_url}");
    }
}
