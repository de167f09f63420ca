//! What `print` tells the clerk, in Chinese and in English, kept together so that it can move to
//! the CLI message catalogue when there is one.

use super::select::Unmatched;
use std::path::Path;

/// How to get a browser, for when none was found.
pub fn no_browser() -> String {
    "找不到用来生成 PDF 的浏览器（Chrome、Chromium 或 Edge）。请安装其中一个：Windows 10 和 11 自带 \
     Microsoft Edge；Linux（统信 UOS、麒麟、Debian、Ubuntu 等）运行 sudo apt-get install chromium，\
     或安装 Chrome、Edge 的安装包；macOS 安装 Google Chrome。浏览器装在别处时，用 --browser 路径 \
     或环境变量 CHROME 指明。\n\
     no browser to make the PDF with (Chrome, Chromium or Edge) was found. Install one: Windows \
     10 and 11 come with Microsoft Edge; on Linux run sudo apt-get install chromium, or install \
     Chrome's or Edge's package; on macOS install Google Chrome. If one is installed elsewhere, \
     name it with --browser PATH or the CHROME environment variable."
        .to_string()
}

/// `--browser` or `$CHROME` named a file that is not there.
pub fn browser_missing(named: &Path, by: &str) -> String {
    let shown = named.display();
    let how = if by == "CHROME" {
        "环境变量 CHROME".to_string()
    } else {
        by.to_string()
    };
    format!(
        "{how} 指定的浏览器 {shown} 不存在；请改正路径，或去掉它，让 noticeboard 自己查找 Chrome、Chromium 或 Edge。\n\
         the browser {shown} named by {by} does not exist; correct the path, or leave it out to let \
         noticeboard look for Chrome, Chromium or Edge itself."
    )
}

/// The browser was found but did not start.
pub fn browser_failed(browser: &Path, message: &str) -> String {
    let shown = browser.display();
    format!(
        "浏览器 {shown} 启动失败（{message}）。请确认它能正常打开；换一个浏览器可以用 --browser 路径 指定。\n\
         could not start the browser {shown} ({message}); check that it opens normally, or name \
         another one with --browser PATH."
    )
}

/// The browser started but could not load or print a batch of boards.
pub fn print_failed(page: &Path, message: &str) -> String {
    let shown = page.display();
    format!(
        "浏览器没能打印 {shown}（{message}），未生成 PDF；请再试一次。\n\
         the browser could not print {shown} ({message}); no PDF was written. Try again."
    )
}

/// Nothing was named to print.
pub fn nothing_asked() -> String {
    "请写出要打印的村（社区、单位）或镇街，或者用 --all（全部）或 --reprint（需要重新印制的）。例如：\
     noticeboard print donghu -o 东湖镇.pdf\n\
     name the units or areas to print, or use --all (every board) or --reprint (the boards to \
     print again), e.g. noticeboard print donghu -o donghu.pdf"
        .to_string()
}

/// A name on the command line that matches no unit or area, or several.
pub(crate) fn unmatched(problem: &Unmatched) -> String {
    match problem {
        Unmatched::Unknown { name, suggestion } => {
            let (zh, en) = match suggestion {
                Some(s) => (format!("；是不是 {s}？"), format!("; did you mean {s}?")),
                None => (
                    "；可以写网址路径（如 donghu/liuzhuang）、content 下的路径或名称".to_string(),
                    "; write a URL path (e.g. donghu/liuzhuang), a path under content/ or a name"
                        .to_string(),
                ),
            };
            format!(
                "没有叫 {name} 的村（社区、单位）或镇街{zh}\nno unit or area is called {name}{en}"
            )
        }
        Unmatched::Ambiguous { name, candidates } => {
            let list = candidates.join(", ");
            format!(
                "{name} 不止一个，请写出路径：{list}\nmore than one unit or area is called {name}; write its path instead: {list}"
            )
        }
    }
}

/// Nothing was selected: an empty reprint list, or areas without units.
pub fn nothing_to_print(reprint: bool) -> String {
    if reprint {
        "没有需要重新印制的公示牌（与上次生成相比没有变化），未生成 PDF。\n\
         no board needs printing again (nothing changed since the last build); no PDF was written."
            .to_string()
    } else {
        "所选镇街下没有村（社区、单位），未生成 PDF。\n\
         the areas named have no units; no PDF was written."
            .to_string()
    }
}

/// Boards that would need a second sheet.
pub fn spilled(boards: &[String]) -> String {
    let list = boards.join(", ");
    format!(
        "这些公示牌一张纸印不下：{list}。请缩短职务、单位名称或任务，或在 config.toml 的 [board] 中选更大的纸张，然后再打印。\n\
         these boards do not fit on one sheet: {list}. Shorten titles, organisations or tasks, or \
         choose a larger paper in config.toml's [board], then print again."
    )
}

/// The closing line of a run that wrote a PDF.
pub fn printed(boards: usize, paper: &Paper, output: &Path, seconds: f64) -> String {
    let shown = output.display();
    format!(
        "已生成 {boards} 张公示牌（{} {}，每张一页）：{shown}，用时 {seconds:.1} 秒。把这个 PDF 交给打印店，按 100% 原大打印。\n\
         printed {boards} board(s) ({} {}, one sheet each) to {shown} in {seconds:.1}s. Take this \
         PDF to the print shop; print at 100% (actual size).",
        paper.size, paper.zh, paper.size, paper.en
    )
}

/// The boards' paper as the messages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    /// `A4`
    pub size: String,
    /// `纵向`
    pub zh: &'static str,
    /// `portrait`
    pub en: &'static str,
}

impl Paper {
    pub(crate) fn of(config: &crate::config::BoardConfig) -> Paper {
        use crate::config::Orientation;
        let (zh, en) = match config.orientation {
            Orientation::Portrait => ("纵向", "portrait"),
            Orientation::Landscape => ("横向", "landscape"),
        };
        Paper {
            size: format!("{:?}", config.paper),
            zh,
            en,
        }
    }
}
