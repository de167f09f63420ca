//! What `print` tells the clerk: the values its messages take, gathered for the catalogue
//! (`print-` ids in `src/messages/*.ftl`), which speaks the run's language.

use super::select::Unmatched;
use crate::msg;
use std::path::Path;

/// How to get a browser, for when none was found.
pub fn no_browser() -> String {
    msg!("print-no-browser")
}

/// `--browser` or `$CHROME` named a file that is not there.
pub fn browser_missing(named: &Path, by: &str) -> String {
    let shown = named.display().to_string();
    if by == "CHROME" {
        msg!("print-browser-missing-env", browser = shown, by = by)
    } else {
        msg!("print-browser-missing", browser = shown, by = by)
    }
}

/// The browser was found but did not start.
pub fn browser_failed(browser: &Path, message: &str) -> String {
    msg!(
        "print-browser-failed",
        browser = browser.display().to_string(),
        reason = message
    )
}

/// The browser started but could not load or print a batch of boards.
pub fn print_failed(page: &Path, message: &str) -> String {
    msg!(
        "print-failed",
        page = page.display().to_string(),
        reason = message
    )
}

/// Nothing was named to print.
pub fn nothing_asked() -> String {
    msg!("print-nothing-asked")
}

/// A name on the command line that matches no unit or area, or several.
pub(crate) fn unmatched(problem: &Unmatched) -> String {
    match problem {
        Unmatched::Unknown {
            name,
            suggestion: Some(best),
        } => msg!("print-unknown-near", name = name, best = best),
        Unmatched::Unknown {
            name,
            suggestion: None,
        } => msg!("print-unknown", name = name),
        Unmatched::Ambiguous { name, candidates } => msg!(
            "print-ambiguous",
            name = name,
            candidates = candidates.join(", ")
        ),
    }
}

/// Nothing was selected: an empty reprint list, or areas without units.
pub fn nothing_to_print(reprint: bool) -> String {
    if reprint {
        msg!("print-nothing-to-reprint")
    } else {
        msg!("print-areas-empty")
    }
}

/// Boards that would need a second sheet.
pub fn spilled(boards: &[String]) -> String {
    msg!("print-spilled", boards = boards.join(", "))
}

/// The closing line of a run that wrote a PDF.
pub fn printed(boards: usize, paper: &Paper, output: &Path, seconds: f64) -> String {
    msg!(
        "print-printed",
        boards = boards,
        size = &paper.size,
        orientation = paper.orientation,
        path = output.display().to_string(),
        seconds = format!("{seconds:.1}")
    )
}

/// The boards' paper as the messages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    /// `A4`
    pub size: String,
    /// `portrait` or `landscape`, which the catalogue words.
    pub orientation: &'static str,
}

impl Paper {
    pub(crate) fn of(config: &crate::config::BoardConfig) -> Paper {
        use crate::config::Orientation;
        let orientation = match config.orientation {
            Orientation::Portrait => "portrait",
            Orientation::Landscape => "landscape",
        };
        Paper {
            size: format!("{:?}", config.paper),
            orientation,
        }
    }
}
