//! `noticeboard export --format audit-xlsx`: the audit as an `.xlsx` workbook for the office's
//! monthly report, one sheet per finding (coverage gaps, units not visited in time, people
//! with too few home visits, overdue ledger entries, resolved entries without a closing date).

use super::messages::{self, SheetWords};
use crate::config::Language;
use crate::coverage::Report;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// One cell of the workbook.
enum Value {
    Text(String),
    Number(f64),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

fn number(n: impl Into<f64>) -> Value {
    Value::Number(n.into())
}

/// The workbook's bytes and how many findings it lists.
pub(crate) fn workbook(report: &Report, language: Language) -> Result<(Vec<u8>, usize), XlsxError> {
    let area_name = |id: &str| -> String {
        report
            .areas
            .iter()
            .find(|a| a.area == id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    };
    // A ledger entry's first cells: its id, area and unit.
    let entry = |id: &str, area: &str, unit: &str| -> Vec<Value> {
        vec![id.into(), area_name(area).into(), unit.into()]
    };
    let sheets: Vec<Vec<Vec<Value>>> = vec![
        report
            .gaps
            .iter()
            .map(|g| {
                vec![
                    area_name(&g.area).into(),
                    g.name.as_str().into(),
                    g.rule.label_in(language).into(),
                    number(g.members as f64),
                    g.file.as_str().into(),
                ]
            })
            .collect(),
        report
            .visits
            .overdue_units
            .iter()
            .map(|u| {
                vec![
                    area_name(&u.area).into(),
                    u.name.as_str().into(),
                    u.last.clone().unwrap_or_default().into(),
                    u.days
                        .map_or(Value::Text(String::new()), |d| number(d as f64)),
                    u.file.as_str().into(),
                ]
            })
            .collect(),
        report
            .visits
            .under_quota
            .iter()
            .map(|p| {
                vec![
                    p.name.as_str().into(),
                    p.person.as_str().into(),
                    number(p.home_visits),
                    number(p.required),
                    p.file.as_str().into(),
                ]
            })
            .collect(),
        report
            .ledger
            .overdue
            .iter()
            .map(|e| {
                let mut row = entry(&e.id, &e.area, &e.name);
                row.extend([
                    e.category.as_str().into(),
                    e.raised.as_str().into(),
                    e.due.as_str().into(),
                    number(e.days as f64),
                    e.owners.join("、").into(),
                    e.file.as_str().into(),
                    number(e.row),
                ]);
                row
            })
            .collect(),
        report
            .ledger
            .no_closing_date
            .iter()
            .map(|e| {
                let mut row = entry(&e.id, &e.area, &e.name);
                row.extend([e.file.as_str().into(), number(e.row)]);
                row
            })
            .collect(),
    ];
    let findings = sheets.iter().map(Vec::len).sum();
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for (words, rows) in messages::workbook_sheets(language).iter().zip(&sheets) {
        write_sheet(&mut workbook, words, rows, &bold)?;
    }
    Ok((workbook.save_to_buffer()?, findings))
}

fn write_sheet(
    workbook: &mut Workbook,
    words: &SheetWords,
    rows: &[Vec<Value>],
    bold: &Format,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(&words.name)?;
    for (j, header) in words.headers.iter().enumerate() {
        let col = j as u16;
        sheet.write_string_with_format(0, col, header, bold)?;
        sheet.set_column_width(col, 14)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (j, value) in row.iter().enumerate() {
            let col = j as u16;
            match value {
                Value::Text(s) if s.is_empty() => {}
                Value::Text(s) => {
                    sheet.write_string(r, col, s)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, col, *n)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
