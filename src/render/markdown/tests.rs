//! Tests of Markdown rendering: raw HTML shown as text, links and images filtered, headings moved
//! down.

use super::*;

/// Markup that must never appear in the output, whatever the input.
fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    for needle in [
        "<script",
        "<iframe",
        "<style",
        "<object",
        "<embed",
        "<svg",
        "<math",
        "<form",
        "<input",
        "onerror",
        "onload",
        "onclick",
        "onmouseover",
        "javascript:",
        "vbscript:",
        "data:",
        "style=\"background",
    ] {
        if needle.starts_with('<') {
            assert!(!lower.contains(needle), "{needle} in {html}");
        } else {
            // Event-handler names and schemes may survive as visible text,
            // but never inside a tag.
            for tag in lower.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap_or_default();
                assert!(!tag.contains(needle), "{needle} inside <{tag}> in {html}");
            }
        }
    }
}

#[test]
fn script_tag_becomes_visible_text() {
    let html = to_html("<script>alert(1)</script>\n\nafter");
    assert_inert(&html);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("<p>after</p>"), "{html}");
}

#[test]
fn inline_html_becomes_visible_text() {
    let html = to_html("点这里 <img src=x onerror=alert(1)> 和 <b>粗</b>");
    assert_inert(&html);
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

#[test]
fn html_blocks_become_visible_text() {
    for source in [
        r#"<iframe src="https://evil.example/"></iframe>"#,
        r#"<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>"#,
        "<style>body{display:none}</style>",
        "<div onclick=\"alert(1)\">点我</div>",
        "<!-- comment --><svg onload=alert(1)>",
    ] {
        let html = to_html(source);
        assert_inert(&html);
        assert!(html.starts_with("<p>&lt;"), "{source} gave {html}");
    }
}

#[test]
fn dangerous_link_urls_lose_their_href() {
    for source in [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](  javascript:alert(1) )",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ] {
        let html = to_html(source);
        assert_inert(&html);
        assert!(!html.contains("href"), "{source} gave {html}");
    }
}

#[test]
fn dangerous_autolinks_lose_their_href() {
    for source in [
        "<javascript:alert(1)>",
        "<data:text/html,<b>x</b>>",
        "<JAVASCRIPT:alert(1)>",
    ] {
        let html = to_html(source);
        assert_inert(&html);
        assert!(!html.contains("href"), "{source} gave {html}");
    }
}

#[test]
fn web_autolinks_survive_with_rel() {
    assert_eq!(
        to_html("<https://example.org/刘庄/>"),
        "<p><a href=\"https://example.org/%E5%88%98%E5%BA%84/\" rel=\"noopener noreferrer\">\
         https://example.org/刘庄/</a></p>\n"
    );
    assert_eq!(
        to_html("<cunwei@example.org>"),
        "<p><a href=\"mailto:cunwei@example.org\" rel=\"noopener noreferrer\">\
         cunwei@example.org</a></p>\n"
    );
}

#[test]
fn tel_and_web_links_survive_with_rel() {
    assert_eq!(
        to_html("[拨打 0534-2212345](tel:+8605342212345) 或 [网站](https://example.org/)"),
        "<p><a href=\"tel:+8605342212345\" rel=\"noopener noreferrer\">拨打 0534-2212345</a> 或 \
         <a href=\"https://example.org/\" rel=\"noopener noreferrer\">网站</a></p>\n"
    );
}

#[test]
fn relative_links_survive() {
    assert_eq!(
        to_html("[上级](../index.html)"),
        "<p><a href=\"../index.html\" rel=\"noopener noreferrer\">上级</a></p>\n"
    );
    // A colon is fine after the first path segment.
    assert_eq!(
        to_html("[x](docs/a:b?q=c:d#e:f)"),
        "<p><a href=\"docs/a:b?q=c:d#e:f\" rel=\"noopener noreferrer\">x</a></p>\n"
    );
}

#[test]
fn images_keep_web_and_relative_sources_only() {
    assert_eq!(
        to_html("![村委会](photos/cunwei.jpg)"),
        "<p><img src=\"photos/cunwei.jpg\" alt=\"村委会\" loading=\"lazy\"></p>\n"
    );
    assert_eq!(
        to_html("![x](https://example.org/a.png)"),
        "<p><img src=\"https://example.org/a.png\" alt=\"x\" loading=\"lazy\"></p>\n"
    );
    for source in [
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "![x](tel:110)",
        "![x](mailto:a@example.org)",
    ] {
        let html = to_html(source);
        assert_inert(&html);
        assert!(!html.contains("src"), "{source} gave {html}");
    }
}

#[test]
fn headings_move_down_one_level() {
    let html = to_html("# 一\n## 二\n### 三\n#### 四\n##### 五\n###### 六\n\n标题\n===");
    assert_eq!(
        html,
        "<h2>一</h2>\n<h3>二</h3>\n<h4>三</h4>\n<h5>四</h5>\n<h6>五</h6>\n<h6>六</h6>\n<h2>标题</h2>\n"
    );
    assert!(!html.contains("<h1"));
}

#[test]
fn tables_render_with_alignment() {
    let html = to_html("| 职务 | 电话 |\n|:---|---:|\n| 村主任 | 13912345678 |\n");
    assert_eq!(
        html,
        "<table><thead><tr><th style=\"text-align: left\">职务</th>\
         <th style=\"text-align: right\">电话</th></tr></thead><tbody>\n\
         <tr><td style=\"text-align: left\">村主任</td>\
         <td style=\"text-align: right\">13912345678</td></tr>\n</tbody></table>\n"
    );
}

#[test]
fn only_alignment_styles_are_kept() {
    let html = sanitize(
        "<table><tr><td style=\"background:url(javascript:alert(1))\">x</td>\
         <td style=\"text-align: center\">y</td></tr></table>",
    );
    assert_inert(&html);
    assert!(html.contains("<td>x</td>"), "{html}");
    assert!(
        html.contains("<td style=\"text-align: center\">y</td>"),
        "{html}"
    );
}

#[test]
fn strikethrough_renders() {
    assert_eq!(
        to_html("~~旧号码~~ 新号码"),
        "<p><del>旧号码</del> 新号码</p>\n"
    );
}

#[test]
fn chinese_text_is_untouched() {
    let text =
        "刘庄村村民委员会：办公时间 周一至周五 8:30—17:30（节假日除外）。“便民服务”请拨 12345！";
    assert_eq!(to_html(text), format!("<p>{text}</p>\n"));
}

#[test]
fn special_characters_are_escaped_as_text() {
    assert_eq!(to_html("a < b & c > d"), "<p>a &lt; b &amp; c &gt; d</p>\n");
}

/// The sanitizer on its own, in case raw HTML ever reaches it: the
/// obfuscated forms browsers still run must be removed too.
#[test]
fn sanitizer_removes_attacks_in_raw_html() {
    for attack in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
        "<p style=\"background:url(x)\" onclick=\"alert(1)\">x</p>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><style><img src=x onerror=alert(1)></style></mtext></math>",
        "<form action=\"https://evil.example/\"><input name=x></form>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
    ] {
        let html = sanitize(attack);
        assert_inert(&html);
        assert!(!html.contains("href="), "{attack} gave {html}");
    }
}

#[test]
fn any_input_renders_without_panicking() {
    for source in [
        "",
        "\0",
        "\u{FEFF}# 标题",
        "|",
        "|-|\n|",
        "[",
        "![",
        "<",
        "&#0;",
        "&#xD800;",
        "*".repeat(10_000).as_str(),
        "[".repeat(10_000).as_str(),
        "> ".repeat(1_000).as_str(),
    ] {
        assert_inert(&to_html(source));
    }
}
