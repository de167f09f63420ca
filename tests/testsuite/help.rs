//! `--help` speaks the run's language from the message catalogue: Chinese or English by
//! `NOTICEBOARD_LANG`, else by the language of the site `--root` names, for the tool and for
//! each command, clap's own words (usage, headings, the help flag) included.

use crate::common::{Site, noticeboard, text};

/// `noticeboard ARGS` with `NOTICEBOARD_LANG=lang`: what it printed, after checking it
/// succeeded.
fn help(lang: &str, args: &[&str]) -> String {
    let out = noticeboard()
        .env("NOTICEBOARD_LANG", lang)
        .args(args)
        .output()
        .expect("run noticeboard");
    let said = text(&out);
    assert!(out.status.success(), "{args:?} failed:\n{said}");
    said
}

#[test]
fn help_is_chinese_with_noticeboard_lang_zh_and_english_with_en() {
    let zh = help("zh", &["--help"]);
    for words in [
        "把干部联系公示牌发布成网站",
        "用法：",
        "命令:",
        "选项:",
        "站点文件夹（放 config.toml 的那个）",
        "显示帮助",
        "显示版本号",
        "把 .xlsx 或 .csv 花名册导入成站点内容",
    ] {
        assert!(zh.contains(words), "zh --help lacks {words:?}:\n{zh}");
    }
    for english in [
        "Usage:",
        "Commands:",
        "Options:",
        "Print help",
        "Publish contact-point",
    ] {
        assert!(!zh.contains(english), "zh --help has {english:?}:\n{zh}");
    }

    let en = help("en", &["--help"]);
    for words in [
        "Publish contact-point notice boards (公示牌) as a static site and printable sheets",
        "Usage: noticeboard",
        "Commands:",
        "Options:",
        "The site folder (the one holding config.toml); defaults to the current folder",
        "Print help",
        "Turn an .xlsx or .csv roster into the content tree; safe to run again",
    ] {
        assert!(en.contains(words), "en --help lacks {words:?}:\n{en}");
    }
    assert!(!en.contains("用法") && !en.contains("显示帮助"), "{en}");
}

#[test]
fn build_help_is_chinese_with_zh_and_english_with_en() {
    let zh = help("zh", &["build", "--help"]);
    for words in [
        "把网站生成到 public/",
        "用法：",
        "选项:",
        "生成样稿",
        "用这个网址，不用 config.toml 里的 base_url",
        "--draft",
        "--base-url",
    ] {
        assert!(zh.contains(words), "zh build --help lacks {words:?}:\n{zh}");
    }
    assert!(
        !zh.contains("Build the site") && !zh.contains("Print help"),
        "{zh}"
    );

    let en = help("en", &["build", "--help"]);
    for words in [
        "Build the site into public/ (or --output DIR). A failed build changes nothing there",
        "Usage: noticeboard build",
        "Use this address instead of config.toml's base_url",
        "boards are marked 样稿 (draft)",
        "Print help",
    ] {
        assert!(en.contains(words), "en build --help lacks {words:?}:\n{en}");
    }
    assert!(!en.contains("生成样稿"), "{en}");

    // The `help` command says the same as `--help`.
    assert_eq!(help("zh", &["help", "build"]), zh);
}

#[test]
fn every_command_has_its_chinese_help_and_check_its_exit_status() {
    for (command, about) in [
        ("build", "把网站生成到"),
        ("check", "检查生成网站要读的所有内容"),
        ("init", "示例站点"),
        ("serve", "在 127.0.0.1 上预览"),
        ("import", "花名册导入成站点内容"),
        ("print", "印成一个 PDF"),
        ("export", "把站点的花名册导出"),
    ] {
        let zh = help("zh", &[command, "--help"]);
        assert!(zh.contains(about), "{command}:\n{zh}");
        assert!(
            zh.contains("站点文件夹"),
            "--root is explained in {command}:\n{zh}"
        );
        assert!(!zh.contains("Print help"), "{command}:\n{zh}");
    }
    assert!(help("zh", &["check", "--help"]).contains("退出码"));
    assert!(help("en", &["check", "--help"]).contains("Exit status: 0 when there are no errors"));
    assert!(help("zh", &["export", "--help"]).contains("audit-xlsx（检查结果表格"));
}

#[test]
fn without_noticeboard_lang_the_site_named_by_root_chooses() {
    let english = Site::new(&[(
        "config.toml",
        "title = \"t\"\nbase_url = \"https://gongshi.shifan.cn/\"\nlanguage = \"en\"\n",
    )]);
    let chinese = Site::new(&[]);
    let run = |site: &Site, root_first: bool| {
        let mut command = noticeboard();
        command
            .env_remove("NOTICEBOARD_LANG")
            .env("LC_ALL", "zh_CN.UTF-8");
        if root_first {
            command
                .arg("--root")
                .arg(site.root())
                .args(["build", "--help"]);
        } else {
            command
                .args(["build", "--help"])
                .arg(format!("--root={}", site.root().display()));
        }
        text(&command.output().expect("run noticeboard"))
    };
    for root_first in [true, false] {
        let en = run(&english, root_first);
        assert!(en.contains("Build the site into public/"), "{en}");
        let zh = run(&chinese, root_first);
        assert!(zh.contains("把网站生成到 public/"), "{zh}");
    }
}
