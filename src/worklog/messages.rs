//! The few work-log messages whose values take gathering (the place of a cell, the columns a
//! log needs, the statuses, an overdue entry's category) and the audit workbook's words, all
//! from the catalogue (`worklog-` in `src/messages/*.ftl`); the other messages are made where
//! they are found. Page words are in the theme's strings.toml.

use super::columns::{LogColumn, Status};
use crate::config::Language;
use crate::import::sheet::HEADER_SEARCH_ROWS;
use crate::messages::msg_in;
use crate::msg;

// --- Places -------------------------------------------------------------------------------

/// `sheet 走访, row 7, column 单位 (B)`: what a clerk looks for in Excel.
pub(crate) fn place(sheet: Option<&str>, row: usize, column: Option<(&str, &str)>) -> String {
    let mut s = match sheet {
        Some(sheet) => msg!("import-place-sheet-row", sheet = sheet, row = row),
        None => msg!("import-place-row", row = row),
    };
    if let Some((header, letter)) = column {
        s.push_str(&msg!(
            "import-place-column",
            header = header,
            letter = letter
        ));
    }
    s
}

// --- Reading the files --------------------------------------------------------------------

/// No sheet of a log file has a header row with the required columns.
pub(crate) fn no_header<C: LogColumn>() -> (String, String) {
    let required: Vec<&str> = C::REQUIRED.iter().map(|c| c.header()).collect();
    let all: Vec<&str> = C::ALL.iter().map(|c| c.header()).collect();
    (
        msg!(
            "worklog-no-header",
            columns = required.join(", "),
            rows = HEADER_SEARCH_ROWS
        ),
        msg!("worklog-no-header-help", columns = all.join(", ")),
    )
}

pub(crate) fn sheet_without_header<C: LogColumn>(sheet: &str) -> (String, String) {
    let required: Vec<&str> = C::REQUIRED.iter().map(|c| c.header()).collect();
    (
        msg!(
            "worklog-sheet-without-header",
            sheet = sheet,
            columns = required.join(", ")
        ),
        msg!("worklog-sheet-without-header-help"),
    )
}

// --- Cells --------------------------------------------------------------------------------

pub(crate) fn unknown_status(text: &str) -> (String, String) {
    let names: Vec<String> = Status::ALL
        .iter()
        .map(|s| format!("{} ({})", s.chinese(), s.key()))
        .collect();
    (
        msg!("worklog-unknown-status", status = text),
        msg!("worklog-unknown-status-help", statuses = names.join(", ")),
    )
}

// --- The audit, as `check` prints it --------------------------------------------------------

pub(crate) fn overdue_entry(id: &str, unit: &str, category: &str, due: &str, days: i64) -> String {
    let category = if category.is_empty() {
        String::new()
    } else {
        msg!("worklog-category", category = category)
    };
    msg!(
        "worklog-overdue-entry",
        id = id,
        unit = unit,
        category = category,
        due = due,
        days = days
    )
}

// --- The audit workbook (`export --format audit-xlsx`) --------------------------------------

/// A sheet's name and its column headers.
pub(crate) struct SheetWords {
    pub(crate) name: String,
    pub(crate) headers: Vec<String>,
}

/// The workbook's sheets, in the site's language (`language`).
pub(crate) fn workbook_sheets(language: Language) -> [SheetWords; 5] {
    let sheet = |name: String, headers: &[String]| SheetWords {
        name,
        headers: headers.to_vec(),
    };
    let area = msg_in!(language, "worklog-column-area");
    let unit = msg_in!(language, "worklog-column-unit");
    let file = msg_in!(language, "worklog-column-file");
    let id = msg_in!(language, "worklog-column-id");
    let row = msg_in!(language, "worklog-column-row");
    [
        sheet(
            msg_in!(language, "worklog-sheet-gaps"),
            &[
                area.clone(),
                unit.clone(),
                msg_in!(language, "worklog-column-gap"),
                msg_in!(language, "worklog-column-members"),
                file.clone(),
            ],
        ),
        sheet(
            msg_in!(language, "worklog-sheet-not-visited"),
            &[
                area.clone(),
                unit.clone(),
                msg_in!(language, "worklog-column-last-visit"),
                msg_in!(language, "worklog-column-days-ago"),
                file.clone(),
            ],
        ),
        sheet(
            msg_in!(language, "worklog-sheet-few-home-visits"),
            &[
                msg_in!(language, "worklog-column-name"),
                id.clone(),
                msg_in!(language, "worklog-column-home-visits"),
                msg_in!(language, "worklog-column-required"),
                file.clone(),
            ],
        ),
        sheet(
            msg_in!(language, "worklog-sheet-overdue"),
            &[
                id.clone(),
                area.clone(),
                unit.clone(),
                msg_in!(language, "worklog-column-category"),
                msg_in!(language, "worklog-column-raised"),
                msg_in!(language, "worklog-column-due"),
                msg_in!(language, "worklog-column-days-overdue"),
                msg_in!(language, "worklog-column-owner"),
                file.clone(),
                row.clone(),
            ],
        ),
        sheet(
            msg_in!(language, "worklog-sheet-no-closing-date"),
            &[id, area, unit, file, row],
        ),
    ]
}
