//! The site as a roster: one row per assignment (and one per unit without a team), under the
//! headers import reads.

use crate::import::columns::Column;
use crate::model::{Assignment, Kind, Record, Site};
use std::path::{Component, Path, PathBuf};
use time::Date;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Empty,
    Text(String),
    Date(Date),
    /// A count (联系户数), a number in Excel.
    Number(u32),
}

impl Value {
    fn text(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() {
            Value::Empty
        } else {
            Value::Text(s)
        }
    }

    /// The cell in a CSV file. Text that Excel would run as a formula (`=HYPERLINK(…)` typed
    /// into a record by anyone) is marked as text with an apostrophe, as Excel itself does;
    /// `import` reads it back without the mark.
    fn as_csv(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) if s.starts_with(crate::import::sheet::FORMULA_STARTS) => {
                format!("'{s}")
            }
            Value::Text(s) => s.clone(),
            Value::Date(d) => d.to_string(),
            Value::Number(n) => n.to_string(),
        }
    }
}

/// One roster row, cells in [`Column::EXPORTED`] order.
pub(super) type Row = Vec<Value>;

/// The roster word for a kind: what a clerk types, and what [`Kind::parse`] reads back.
pub(super) fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Village => "村",
        Kind::Community => "社区",
        Kind::Enterprise => "企业",
        Kind::School => "学校",
        Kind::Project => "项目",
        Kind::Township => "镇街",
        Kind::Street => "街道",
        Kind::County => "县区",
        Kind::Other => "其他",
    }
}

/// Every row, area by area: the area's own team first, then its units in file order.
pub(super) fn rows(site: &Site, roster_dir: &Path) -> Vec<Row> {
    let mut out = Vec::new();
    for (index, area) in site.areas.iter().enumerate() {
        let area_path = |through: usize| -> String {
            site.ancestors(through)
                .into_iter()
                .map(|i| site.areas[i].name.clone())
                .collect::<Vec<_>>()
                .join("/")
        };
        if index != 0
            && let Some(record) = &area.record
        {
            unit_rows(
                site,
                record,
                &area_path(index),
                &area.name,
                roster_dir,
                &mut out,
            );
        }
        let parent_path = if index == 0 {
            String::new()
        } else {
            area_path(index)
        };
        for &u in &area.units {
            let unit = &site.units[u];
            let record = &unit.record;
            unit_rows(site, record, &parent_path, &unit.name, roster_dir, &mut out);
        }
    }
    out
}

fn unit_rows(
    site: &Site,
    unit: &Record,
    area: &str,
    name: &str,
    roster_dir: &Path,
    out: &mut Vec<Row>,
) {
    let base = |column: Column| -> Value {
        match column {
            Column::Area => Value::text(area),
            Column::Unit => Value::text(name),
            Column::Kind => Value::text(kind_label(unit.kind)),
            Column::Orgs => Value::text(unit.orgs.join("、")),
            _ => Value::Empty,
        }
    };
    if unit.team.is_empty() {
        out.push(Column::EXPORTED.iter().map(|c| base(*c)).collect());
        return;
    }
    for assignment in &unit.team {
        out.push(
            Column::EXPORTED
                .iter()
                .map(|c| match base(*c) {
                    Value::Empty => member_cell(site, assignment, *c, roster_dir),
                    v => v,
                })
                .collect(),
        );
    }
}

fn member_cell(site: &Site, a: &Assignment, column: Column, roster_dir: &Path) -> Value {
    let person = &site.people[a.person];
    let opt = |s: &Option<String>| Value::text(s.clone().unwrap_or_default());
    let date = |d: Option<Date>| d.map_or(Value::Empty, Value::Date);
    match column {
        Column::Name => Value::text(person.name.clone()),
        Column::Title => opt(&person.title),
        Column::Org => opt(&person.org),
        Column::Role => opt(&a.role),
        Column::Phone => Value::text(person.phone.display.clone()),
        Column::Photo => person
            .photo
            .as_deref()
            .map_or(Value::Empty, |p| Value::text(relative(p, roster_dir))),
        Column::Covers => Value::text(a.covers.join("、")),
        Column::Since => date(a.since),
        Column::Until => date(a.until),
        Column::Duties => opt(&a.duties),
        Column::Lead => Value::text(if a.lead { "是" } else { "否" }),
        Column::OfficePhone => Value::text(
            person
                .office_phone
                .as_ref()
                .map(|p| p.display.clone())
                .unwrap_or_default(),
        ),
        Column::Checked => date(person.checked),
        Column::Rank => opt(&person.rank),
        Column::Households => a.households.map_or(Value::Empty, Value::Number),
        Column::Area | Column::Unit | Column::Kind | Column::Orgs => Value::Empty,
    }
}

/// `path` relative to `dir` with `/` separators (`../content/people/wang-xing.jpg`), or the
/// absolute path when they share no root (another drive).
fn relative(path: &Path, dir: &Path) -> String {
    let absolute = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (path, dir) = (absolute(path), absolute(dir));
    let ours: Vec<Component> = path.components().collect();
    let theirs: Vec<Component> = dir.components().collect();
    let common = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return path.display().to_string();
    }
    let mut out = PathBuf::new();
    for _ in common..theirs.len() {
        out.push("..");
    }
    for c in &ours[common..] {
        out.push(c.as_os_str());
    }
    out.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// An `.xlsx` workbook with one sheet, 花名册: a bold header row that stays in view, dates as
/// Excel dates, phone numbers as text (so a landline keeps its leading 0).
pub(super) fn xlsx(rows: &[Row]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("花名册")?;
    let bold = Format::new().set_bold();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (j, column) in Column::EXPORTED.iter().enumerate() {
        let col = u16::try_from(j).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, column.chinese(), &bold)?;
        let width = match column {
            Column::Area
            | Column::Unit
            | Column::Org
            | Column::Title
            | Column::Duties
            | Column::Orgs => 18,
            Column::Phone | Column::OfficePhone | Column::Covers | Column::Photo => 16,
            Column::Since | Column::Until | Column::Checked => 12,
            _ => 9,
        };
        sheet.set_column_width(col, width)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (j, value) in row.iter().enumerate() {
            let col = u16::try_from(j).unwrap_or(u16::MAX);
            match value {
                Value::Empty => {}
                Value::Text(s) => {
                    sheet.write_string(r, col, s)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, col, f64::from(*n))?;
                }
                Value::Date(d) => {
                    // Excel has no dates before 1900: such a date is written as text, which
                    // import reads just the same.
                    let excel = u16::try_from(d.year()).ok().and_then(|y| {
                        ExcelDateTime::from_ymd(y, u8::from(d.month()), d.day()).ok()
                    });
                    match excel {
                        Some(date) => sheet.write_date_with_format(r, col, &date, &date_format)?,
                        None => sheet.write_string(r, col, d.to_string())?,
                    };
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

/// UTF-8 with a BOM: without it, Chinese Excel opens the file as GBK and shows garbage.
pub(super) fn csv(rows: &[Row]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(Column::EXPORTED.iter().map(|c| c.chinese()))?;
    for row in rows {
        writer.write_record(row.iter().map(Value::as_csv))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_labels_read_back() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind_label(kind)), Some(kind), "{kind:?}");
        }
    }

    #[test]
    fn relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("content/people/a.jpg");
        std::fs::create_dir_all(photo.parent().unwrap()).unwrap();
        std::fs::write(&photo, b"x").unwrap();
        let out = dir.path().join("exports");
        std::fs::create_dir_all(&out).unwrap();
        assert_eq!(relative(&photo, dir.path()), "content/people/a.jpg");
        assert_eq!(relative(&photo, &out), "../content/people/a.jpg");
    }
}
