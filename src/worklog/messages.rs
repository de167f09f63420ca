//! The work log's messages (errors, warnings, help, the audit lines of `check`), named by
//! their catalogue ids (`worklog-` in `src/messages/*.ftl`): the helpers here only gather the
//! values a message takes, such as the required columns of a log. Page words are in the
//! theme's strings.toml.

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

/// A file and a place in it: `content/visits/2026.xlsx, row 7`.
pub(crate) fn file_and_place(file: &str, place: &str) -> String {
    msg!("worklog-file-and-place", file = file, place = place)
}

/// A message about a cell, after its place.
pub(crate) fn at(place: &str, message: &str) -> String {
    msg!("import-at", place = place, message = message)
}

// --- Reading the files --------------------------------------------------------------------

pub(crate) fn not_a_spreadsheet() -> (String, String) {
    (
        msg!("worklog-not-a-spreadsheet"),
        msg!("worklog-not-a-spreadsheet-help"),
    )
}

pub(crate) fn unreadable(reason: &str) -> String {
    msg!("worklog-unreadable", reason = reason)
}

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

pub(crate) fn unused_columns(sheet: Option<&str>, columns: &str) -> (String, String) {
    let what = match sheet {
        Some(sheet) => msg!(
            "worklog-unused-columns-sheet",
            sheet = sheet,
            columns = columns
        ),
        None => msg!("worklog-unused-columns", columns = columns),
    };
    (what, msg!("worklog-unused-columns-help"))
}

pub(crate) fn undecodable(encoding: &str) -> (String, String) {
    (
        msg!("worklog-undecodable", encoding = encoding),
        msg!("worklog-undecodable-help"),
    )
}

// --- Cells --------------------------------------------------------------------------------

pub(crate) fn empty_cell(header: &str) -> (String, String) {
    (
        msg!("worklog-empty-cell", header = header),
        msg!("worklog-empty-cell-help", header = header),
    )
}

pub(crate) fn bad_date(reason: &str) -> (String, String) {
    (reason.to_string(), msg!("worklog-bad-date-help"))
}

pub(crate) fn date_in_future(date: time::Date, publication: time::Date) -> (String, String) {
    (
        msg!(
            "worklog-date-in-future",
            date = date.to_string(),
            publication = publication.to_string()
        ),
        msg!("worklog-date-in-future-help"),
    )
}

pub(crate) fn closed_before_raised(closed: time::Date, raised: time::Date) -> (String, String) {
    (
        msg!(
            "worklog-closed-before-raised",
            closed = closed.to_string(),
            raised = raised.to_string()
        ),
        msg!("worklog-check-both-dates"),
    )
}

pub(crate) fn due_before_raised(due: time::Date, raised: time::Date) -> (String, String) {
    (
        msg!(
            "worklog-due-before-raised",
            due = due.to_string(),
            raised = raised.to_string()
        ),
        msg!("worklog-check-both-dates"),
    )
}

pub(crate) fn closed_but_open(status: Status) -> (String, String) {
    (
        msg!(
            "worklog-closed-but-open",
            status = status.chinese(),
            key = status.key()
        ),
        msg!("worklog-closed-but-open-help"),
    )
}

pub(crate) fn unknown_unit(text: &str, suggestion: Option<&str>) -> (String, String) {
    (
        msg!("worklog-unknown-unit", unit = text),
        match suggestion {
            Some(best) => msg!("worklog-unknown-unit-near", best = best),
            None => msg!("worklog-unknown-unit-help"),
        },
    )
}

pub(crate) fn ambiguous_unit(text: &str, candidates: &[String]) -> (String, String) {
    (
        msg!(
            "worklog-ambiguous-unit",
            unit = text,
            candidates = candidates.join(", ")
        ),
        msg!("worklog-ambiguous-unit-help"),
    )
}

pub(crate) fn unknown_person(name: &str, suggestion: Option<&str>) -> (String, String) {
    (
        msg!("worklog-unknown-person", name = name),
        match suggestion {
            Some(best) => msg!("worklog-unknown-person-near", best = best),
            None => msg!("worklog-unknown-person-help"),
        },
    )
}

pub(crate) fn ambiguous_person(name: &str, ids: &[&str]) -> (String, String) {
    (
        msg!(
            "worklog-ambiguous-person",
            name = name,
            ids = ids.join(", ")
        ),
        msg!("worklog-ambiguous-person-help"),
    )
}

pub(crate) fn bad_households(text: &str) -> (String, String) {
    (
        msg!("worklog-bad-households", value = text),
        msg!("worklog-bad-households-help"),
    )
}

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

pub(crate) fn duplicate_id(id: &str, file: &str, place: &str) -> (String, String) {
    (
        msg!("worklog-duplicate-id", id = id, file = file, place = place),
        msg!("worklog-duplicate-id-help"),
    )
}

pub(crate) fn identifier(describe: &str, masked: &str) -> (String, String) {
    (
        msg!("worklog-identifier", what = describe, masked = masked),
        msg!("worklog-identifier-help"),
    )
}

pub(crate) fn private_phone(masked: &str) -> (String, String) {
    (
        msg!("worklog-private-phone", masked = masked),
        msg!("worklog-private-phone-help"),
    )
}

// --- Configuration ------------------------------------------------------------------------

pub(crate) fn not_positive(field: &str) -> (String, String) {
    (
        msg!("worklog-not-positive", field = field),
        msg!("worklog-not-positive-help"),
    )
}

pub(crate) fn unknown_field(name: &str, table: &str) -> String {
    msg!("worklog-unknown-field", field = name, table = table)
}

pub(crate) fn did_you_mean(best: &str) -> String {
    msg!("content-did-you-mean-field", best = best)
}

pub(crate) fn known_fields(known: &[&str]) -> String {
    msg!("content-known-fields", known = known.join(", "))
}

// --- The audit, as `check` prints it --------------------------------------------------------

pub(crate) fn heading_visits(date: &str, every: u32, home: u32) -> String {
    msg!(
        "worklog-heading-visits",
        date = date,
        every = every,
        home = home
    )
}

pub(crate) fn label_no_visit() -> String {
    msg!("worklog-label-no-visit")
}

pub(crate) fn label_few_home_visits() -> String {
    msg!("worklog-label-few-home-visits")
}

pub(crate) fn label_overdue() -> String {
    msg!("worklog-label-overdue")
}

pub(crate) fn label_no_closing_date() -> String {
    msg!("worklog-label-no-closing-date")
}

pub(crate) fn top_level() -> String {
    msg!("check-top-level")
}

pub(crate) fn area_name(name: &str, area: &str) -> String {
    msg!("check-area-name", name = name, path = area)
}

pub(crate) fn people() -> String {
    msg!("check-heading-people")
}

pub(crate) fn last_visit(name: &str, last: &str, days: i64, every: u32) -> String {
    msg!(
        "worklog-last-visit",
        name = name,
        last = last,
        days = days,
        every = every
    )
}

pub(crate) fn never_visited(name: &str) -> String {
    msg!("worklog-never-visited", name = name)
}

pub(crate) fn under_quota(name: &str, visits: u32, required: u32) -> String {
    msg!(
        "worklog-under-quota",
        name = name,
        visits = visits,
        required = required
    )
}

pub(crate) fn heading_ledger(
    entries: usize,
    open: usize,
    overdue: usize,
    resolved: usize,
) -> String {
    msg!(
        "worklog-heading-ledger",
        entries = entries,
        open = open,
        overdue = overdue,
        resolved = resolved
    )
}

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

pub(crate) fn no_closing_date(id: &str, unit: &str) -> String {
    msg!("worklog-no-closing-date", id = id, unit = unit)
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

/// The gap labels of the coverage sheet.
pub(crate) fn gap_label(rule: crate::coverage::Rule, language: Language) -> String {
    rule.label_in(language)
}
