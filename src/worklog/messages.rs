//! Every message of the work log in one place (errors, warnings, help, the audit lines of
//! `check` and the headers of the audit workbook), so that they move into the CLI's message
//! catalogue in one step. English only until then; page words are in the theme's strings.toml.

use super::columns::{LogColumn, Status};
use crate::config::Language;
use crate::import::sheet::HEADER_SEARCH_ROWS;

// --- Places -------------------------------------------------------------------------------

/// `sheet 走访, row 7, column 单位 (B)`: what a clerk looks for in Excel.
pub(crate) fn place(sheet: Option<&str>, row: usize, column: Option<(&str, &str)>) -> String {
    let mut s = match sheet {
        Some(sheet) => format!("sheet {sheet}, row {row}"),
        None => format!("row {row}"),
    };
    if let Some((header, letter)) = column {
        s.push_str(&format!(", column {header} ({letter})"));
    }
    s
}

/// A message about a cell, after its place.
pub(crate) fn at(place: &str, message: &str) -> String {
    format!("{place}: {message}")
}

// --- Reading the files --------------------------------------------------------------------

pub(crate) fn not_a_spreadsheet() -> (&'static str, &'static str) {
    (
        "this file is not a spreadsheet and is not read",
        "keep only .csv and .xlsx files in content/visits/ and content/ledger/",
    )
}

pub(crate) fn unreadable(reason: &str) -> String {
    format!("cannot read this log: {reason}")
}

/// No sheet of a log file has a header row with the required columns.
pub(crate) fn no_header<C: LogColumn>() -> (String, String) {
    let required: Vec<&str> = C::REQUIRED.iter().map(|c| c.header()).collect();
    let all: Vec<&str> = C::ALL.iter().map(|c| c.header()).collect();
    (
        format!(
            "no sheet has a header row naming the columns {} in its first {HEADER_SEARCH_ROWS} rows",
            required.join(", ")
        ),
        format!(
            "add a header row with the columns {} (or their English names)",
            all.join(", ")
        ),
    )
}

pub(crate) fn sheet_without_header<C: LogColumn>(sheet: &str) -> (String, &'static str) {
    let required: Vec<&str> = C::REQUIRED.iter().map(|c| c.header()).collect();
    (
        format!(
            "sheet {sheet} has no header row with {}, so it is not read",
            required.join(", ")
        ),
        "add the header row if the sheet holds part of the log",
    )
}

pub(crate) fn unused_columns(sheet: Option<&str>, columns: &str) -> (String, &'static str) {
    let what = match sheet {
        Some(sheet) => format!("sheet {sheet}: the columns {columns} are not read (nor published)"),
        None => format!("the columns {columns} are not read (nor published)"),
    };
    (
        what,
        "check their headers if they should be read; otherwise this is only a note",
    )
}

pub(crate) fn undecodable(encoding: &str) -> (String, &'static str) {
    (
        format!("some characters could not be read as {encoding}; they show as �"),
        "save the file from Excel as .xlsx, or as \"CSV UTF-8\"",
    )
}

// --- Cells --------------------------------------------------------------------------------

pub(crate) fn empty_cell(header: &str) -> (String, String) {
    (
        format!("the {header} cell is empty"),
        format!("fill in the {header} column on every row"),
    )
}

pub(crate) fn bad_date(reason: &str) -> (String, &'static str) {
    (
        reason.to_string(),
        "write dates as YYYY-MM-DD, or format the column as a date in Excel",
    )
}

pub(crate) fn date_in_future(date: time::Date, publication: time::Date) -> (String, &'static str) {
    (
        format!("{date} is after the publication date {publication}"),
        "check the date; the log records what has happened by the publication date",
    )
}

pub(crate) fn closed_before_raised(
    closed: time::Date,
    raised: time::Date,
) -> (String, &'static str) {
    (
        format!("the closing date {closed} is before the day it was raised ({raised})"),
        "check both dates",
    )
}

pub(crate) fn due_before_raised(due: time::Date, raised: time::Date) -> (String, &'static str) {
    (
        format!("the deadline {due} is before the day it was raised ({raised})"),
        "check both dates",
    )
}

pub(crate) fn closed_but_open(status: Status) -> (String, &'static str) {
    (
        format!(
            "the entry has a closing date but its status is {} ({}), which is open",
            status.chinese(),
            status.key()
        ),
        "set the status to 已办结 or 已反馈, or remove the closing date",
    )
}

pub(crate) fn unknown_unit(text: &str, suggestion: Option<&str>) -> (String, String) {
    (
        format!("no unit \"{text}\" in content/"),
        match suggestion {
            Some(best) => format!("did you mean \"{best}\"? write the unit's path under content/ (donghu/刘庄村), its web address (donghu/liuzhuangcun) or 镇/村 names (东湖镇/刘庄村)"),
            None => "write the unit's path under content/ (donghu/刘庄村), its web address (donghu/liuzhuangcun) or 镇/村 names (东湖镇/刘庄村)".to_string(),
        },
    )
}

pub(crate) fn ambiguous_unit(text: &str, candidates: &[String]) -> (String, String) {
    (
        format!(
            "\"{text}\" names more than one unit: {}",
            candidates.join(", ")
        ),
        "write the unit's path, like one of those above".to_string(),
    )
}

pub(crate) fn unknown_person(name: &str, suggestion: Option<&str>) -> (String, String) {
    (
        format!("no person \"{name}\" in content/people/"),
        match suggestion {
            Some(best) => format!(
                "did you mean \"{best}\"? write a person's id (the file name in content/people/) or name; separate several with 、"
            ),
            None => "write a person's id (the file name in content/people/) or name; separate several with 、".to_string(),
        },
    )
}

pub(crate) fn ambiguous_person(name: &str, ids: &[&str]) -> (String, String) {
    (
        format!("more than one person is named {name}: {}", ids.join(", ")),
        "write the id of the one you mean (the file name in content/people/)".to_string(),
    )
}

pub(crate) fn bad_households(text: &str) -> (String, &'static str) {
    (
        format!("\"{text}\" is not a number of households"),
        "write a whole number, like 5, or leave the cell empty",
    )
}

pub(crate) fn unknown_status(text: &str) -> (String, String) {
    let names: Vec<String> = Status::ALL
        .iter()
        .map(|s| format!("{} ({})", s.chinese(), s.key()))
        .collect();
    (
        format!("unknown status \"{text}\""),
        format!("use one of: {}", names.join(", ")),
    )
}

pub(crate) fn duplicate_id(id: &str, first: &str) -> (String, &'static str) {
    (
        format!("the id {id} is used twice: also on {first}"),
        "give every ledger entry its own id",
    )
}

pub(crate) fn identifier(describe: &str, masked: &str) -> (String, &'static str) {
    (
        format!("this looks like {describe} ({masked}); it must not be recorded here"),
        "remove it: the log holds counts and public summaries, nothing about a resident",
    )
}

pub(crate) fn private_phone(masked: &str) -> (String, &'static str) {
    (
        format!(
            "the phone number {masked} is not a published cadre's or hotline: it may be a resident's"
        ),
        "remove it: nothing about a resident is recorded in the log",
    )
}

// --- Configuration ------------------------------------------------------------------------

pub(crate) fn not_positive(field: &str) -> (String, &'static str) {
    (
        format!("`{field}` must be a whole number of at least 1"),
        "write a number such as 31, or remove the line for the default",
    )
}

pub(crate) fn unknown_field(name: &str, table: &str) -> String {
    format!("unknown field `{name}` in [{table}] is ignored")
}

pub(crate) fn did_you_mean(best: &str) -> String {
    format!("did you mean `{best}`?")
}

pub(crate) fn known_fields(known: &[&str]) -> String {
    format!("known fields: {}", known.join(", "))
}

// --- The audit, as `check` prints it --------------------------------------------------------

pub(crate) fn heading_visits(date: &str, every: u32, home: u32) -> String {
    format!(
        "Visits on {date}: every unit at least every {every} days; {home} home visits (入户) a person a year"
    )
}

pub(crate) const LABEL_NO_VISIT: &str = "no recent visit";
pub(crate) const LABEL_FEW_HOME_VISITS: &str = "few home visits";
pub(crate) const LABEL_OVERDUE: &str = "overdue";
pub(crate) const LABEL_NO_CLOSING_DATE: &str = "no closing date";

pub(crate) fn top_level() -> &'static str {
    "(top level)"
}

pub(crate) fn people() -> &'static str {
    "People"
}

pub(crate) fn last_visit(name: &str, last: &str, days: i64, every: u32) -> String {
    format!("{name}: last visited on {last}, {days} days ago (at most {every})")
}

pub(crate) fn never_visited(name: &str) -> String {
    format!("{name}: no visit recorded")
}

pub(crate) fn under_quota(name: &str, visits: u32, required: u32) -> String {
    format!(
        "{name} made {visits} home visit(s) (入户) in the last 365 days; at least {required} are required"
    )
}

pub(crate) fn heading_ledger(
    entries: usize,
    open: usize,
    overdue: usize,
    resolved: usize,
) -> String {
    format!(
        "Problem ledger: {entries} entries, {open} open ({overdue} overdue), {resolved} resolved"
    )
}

pub(crate) fn overdue_entry(id: &str, unit: &str, category: &str, due: &str, days: i64) -> String {
    let category = if category.is_empty() {
        String::new()
    } else {
        format!(" ({category})")
    };
    format!("{id} {unit}{category}: was due on {due}, {days} days ago, and is still open")
}

pub(crate) fn no_closing_date(id: &str, unit: &str) -> String {
    format!("{id} {unit}: resolved, but the 办结日期 (closed) cell is empty")
}

// --- The audit workbook (`export --format audit-xlsx`) --------------------------------------

/// A sheet's name and its column headers.
pub(crate) struct SheetWords {
    pub(crate) name: &'static str,
    pub(crate) headers: &'static [&'static str],
}

pub(crate) fn workbook_sheets(language: Language) -> [SheetWords; 5] {
    match language {
        Language::ZhHans => [
            SheetWords {
                name: "覆盖缺口",
                headers: &["镇街", "单位", "问题", "现有成员", "文件"],
            },
            SheetWords {
                name: "超期未走访单位",
                headers: &["镇街", "单位", "最近走访", "距今天数", "文件"],
            },
            SheetWords {
                name: "入户不足人员",
                headers: &["姓名", "编号", "近一年入户次数", "要求次数", "文件"],
            },
            SheetWords {
                name: "超期问题",
                headers: &[
                    "编号",
                    "镇街",
                    "单位",
                    "类别",
                    "登记日期",
                    "办理期限",
                    "超期天数",
                    "责任人",
                    "文件",
                    "行",
                ],
            },
            SheetWords {
                name: "办结无日期",
                headers: &["编号", "镇街", "单位", "文件", "行"],
            },
        ],
        Language::En => [
            SheetWords {
                name: "Coverage gaps",
                headers: &["Area", "Unit", "Gap", "Current members", "File"],
            },
            SheetWords {
                name: "Units not visited",
                headers: &["Area", "Unit", "Last visit", "Days ago", "File"],
            },
            SheetWords {
                name: "Few home visits",
                headers: &["Name", "Id", "Home visits (365 days)", "Required", "File"],
            },
            SheetWords {
                name: "Overdue entries",
                headers: &[
                    "Id",
                    "Area",
                    "Unit",
                    "Category",
                    "Raised",
                    "Due",
                    "Days overdue",
                    "Owner",
                    "File",
                    "Row",
                ],
            },
            SheetWords {
                name: "No closing date",
                headers: &["Id", "Area", "Unit", "File", "Row"],
            },
        ],
    }
}

/// The gap labels of the coverage sheet.
pub(crate) fn gap_label(
    rule: crate::coverage::Rule,
    language: Language,
) -> std::borrow::Cow<'static, str> {
    use crate::coverage::Rule;
    let catalogue = |id: &str| crate::messages::text_in(language, id, &[]).into();
    match (language, rule) {
        (_, Rule::Require) => catalogue("campaign-label-require"),
        (_, Rule::Households) => catalogue("campaign-label-households"),
        (Language::ZhHans, Rule::NoTeam) => "无工作队".into(),
        (Language::ZhHans, Rule::MinTeam) => "人数不足".into(),
        (Language::ZhHans, Rule::RequireLead) => "无负责人".into(),
        (Language::En, rule) => rule.label(),
    }
}
