//! One print job's page: the sheets of several boards, taken from their `board.html` in the
//! built site, so that the PDF shows exactly what the site publishes.
//!
//! The page is written outside the output folder and points back into it with a `<base>`:
//! every link a board makes is relative to its own page (`../../photos/…`), so each sheet's
//! links are made relative to the site root first.

use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(
        "{}",
        crate::msg!("print-batch-unreadable", path = .path, reason = .source.to_string())
    )]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{}", crate::msg!("print-no-sheet", path = .path))]
    NoSheet { path: String },
}

/// The batch page for the boards of `units` (their URL paths, `donghu/liuzhuang/`) from the
/// built site in `public`.
pub(crate) fn page(public: &Path, units: &[String]) -> Result<String, BatchError> {
    let base = url::Url::from_directory_path(public)
        .map(String::from)
        .unwrap_or_default();
    let mut html = String::new();
    for (index, unit) in units.iter().enumerate() {
        let rel = format!("{unit}board.html");
        let path = public.join(&rel);
        let text = std::fs::read_to_string(&path).map_err(|source| BatchError::Read {
            path: rel.clone(),
            source,
        })?;
        let root = crate::render::templates_relative_root(&rel);
        let (head, sheet) = split(&text).ok_or(BatchError::NoSheet { path: rel })?;
        if index == 0 {
            let head = from_root(&head, &root);
            // The `<base>` goes first in <head>, before anything it resolves.
            match head.split_once("<head>") {
                Some((before, after)) => {
                    let _ = write!(
                        html,
                        "{before}<head>\n<base href=\"{}\">{after}",
                        escape_attribute(&base)
                    );
                }
                None => html.push_str(&head),
            }
            html.push_str("<main>\n");
        }
        html.push_str(&from_root(sheet, &root));
        html.push('\n');
    }
    html.push_str("</main>\n</body>\n</html>\n");
    Ok(html)
}

/// A board page's head and body start (up to the `<body …>` tag, the screen-only toolbar
/// left out) and the sheet inside its `<main>`.
fn split(page: &str) -> Option<(String, &str)> {
    let main_start = page.find("<main>")?;
    let main_end = page[main_start..].find("</main>")? + main_start;
    let sheet = &page[main_start + "<main>".len()..main_end];
    let body = page[..main_start].find("<body")?;
    let body_tag_end = page[body..main_start].find('>')? + body + 1;
    let head = page[..body_tag_end].to_string();
    Some((head, sheet))
}

/// `html` with the links that start at `root` (`../../`) made relative to the site root.
/// Only attribute values start with `="`: text has its quotes escaped.
fn from_root(html: &str, root: &str) -> String {
    if root == "./" {
        return html.replace("=\"./", "=\"");
    }
    html.replace(&format!("=\"{root}"), "=\"")
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOARD: &str = "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n\
        <link rel=\"stylesheet\" href=\"../../assets/board.css\">\n</head>\n\
        <body class=\"boards portrait\">\n<div class=\"toolbar screen-only\"><button>打印</button></div>\n\
        <main>\n<article class=\"sheet\"><img src=\"../../photos/a.jpg\" alt=\"照片：王兴\"></article>\n</main>\n</body>\n</html>\n";

    #[test]
    fn sheets_are_joined_under_one_head_with_links_from_the_site_root() {
        let dir = tempfile::tempdir().unwrap();
        for unit in ["a/one", "a/two"] {
            let folder = dir.path().join(unit);
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(
                folder.join("board.html"),
                BOARD.replace("a.jpg", &format!("{}.jpg", &unit[2..])),
            )
            .unwrap();
        }
        let html = page(dir.path(), &["a/one/".into(), "a/two/".into()]).unwrap();
        assert_eq!(html.matches("<article class=\"sheet\"").count(), 2);
        assert_eq!(html.matches("<head>").count(), 1);
        assert!(html.contains("href=\"assets/board.css\""));
        assert!(html.contains("src=\"photos/one.jpg\"") && html.contains("src=\"photos/two.jpg\""));
        assert!(
            !html.contains("toolbar"),
            "the screen-only toolbar is left out"
        );
        let base = url::Url::from_directory_path(dir.path()).unwrap();
        assert!(html.contains(&format!("<head>\n<base href=\"{base}\">")));
        assert!(html.contains("<body class=\"boards portrait\">"));
    }

    #[test]
    fn a_board_page_without_main_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("x")).unwrap();
        std::fs::write(
            dir.path().join("x/board.html"),
            "<html><body>no sheet</body></html>",
        )
        .unwrap();
        let error = page(dir.path(), &["x/".into()]).unwrap_err();
        assert!(error.to_string().contains("x/board.html"), "{error}");
        let missing = page(dir.path(), &["y/".into()]).unwrap_err();
        assert!(missing.to_string().contains("y/board.html"), "{missing}");
    }
}
