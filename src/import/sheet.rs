//! Reading a roster file into sheets of cells, whatever Excel saved: `.xlsx`/`.xls`/`.ods`
//! through calamine (merged cells filled from their top-left cell), `.csv`/`.txt` through the
//! csv crate after decoding UTF-8, UTF-16 (with BOM) or GBK/GB18030, as Chinese Excel saves
//! "CSV" in the system's ANSI code page.

use super::cell_text::{CellText, trim};
use super::columns::{Column, letter};
use crate::validate::encoding::{self, Mixed};
use calamine::{Data, Reader, Sheets};
use std::path::Path;

/// One cell as read, before any meaning is given to it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(CellText),
    /// Excel stores phone numbers typed without quotes as numbers (`13912345678.0`).
    Number(f64),
    /// A cell Excel formatted as a date (stored as a day serial).
    Date {
        year: i32,
        month: u8,
        day: u8,
    },
    /// `#N/A`, `#REF!` ...: a formula that failed.
    Error(String),
    /// A formula the file holds no value of (as written, without `=`): a program wrote it and
    /// nobody opened and saved the file in Excel or WPS, which work out and store the values.
    /// It is not empty (the clerk sees a value in Excel) and has no text here.
    Formula(String),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => trim(s).is_empty(),
            _ => false,
        }
    }

    /// The cell as a clerk sees it: numbers without `.0`, dates as `YYYY-MM-DD`, trimmed.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => without_text_mark(trim(s)).to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Date { year, month, day } => format!("{year:04}-{month:02}-{day:02}"),
            Cell::Error(e) => e.clone(),
            Cell::Formula(_) => String::new(),
        }
    }

    /// The formula of a cell that holds one without its value.
    pub(crate) fn formula_without_value(&self) -> Option<String> {
        match self {
            Cell::Formula(f) => {
                let shown: String = f.trim_start_matches('=').chars().take(60).collect();
                Some(format!("={shown}"))
            }
            _ => None,
        }
    }
}

/// Characters a spreadsheet reads as the start of a formula when a cell begins with them.
pub(crate) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `'=1+1` → `=1+1`: the apostrophe spreadsheets (and noticeboard's exports) put before text
/// that would otherwise be read as a formula.
fn without_text_mark(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => text,
    }
}

/// `13912345678.0` → `13912345678`; other numbers as Rust prints them.
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e17 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A worksheet (or the one table of a CSV file): `rows[i]` is spreadsheet row `i + 1`,
/// `rows[i][j]` is column `letter(j)`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sheet {
    /// `None` for a CSV file, which has no sheets.
    pub name: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub(crate) fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Cell::Empty)
    }
}

/// Where the header row is and what each of its cells means. `C` is the kind of sheet's
/// columns: a roster's [`Column`], or another table's (the work log's).
#[derive(Debug, Clone)]
pub(crate) struct Layout<C = Column> {
    /// 0-based index into [`Sheet::rows`].
    pub header_row: usize,
    /// The recognised columns: (column, 0-based index, header as written).
    pub columns: Vec<(C, usize, String)>,
    /// Headers that mean nothing to import: (header as written, 0-based index).
    pub unused: Vec<(String, usize)>,
    /// The first text above the header (a title row such as "东湖镇干部联系花名册").
    pub title: Option<String>,
}

impl<C: Copy + PartialEq> Layout<C> {
    pub(crate) fn index(&self, column: C) -> Option<usize> {
        self.columns
            .iter()
            .find(|(c, _, _)| *c == column)
            .map(|(_, i, _)| *i)
    }

    pub(crate) fn header(&self, column: C) -> Option<(&str, usize)> {
        self.columns
            .iter()
            .find(|(c, _, _)| *c == column)
            .map(|(_, i, h)| (h.as_str(), *i))
    }

    pub(crate) fn has(&self, column: C) -> bool {
        self.index(column).is_some()
    }

    /// "备注 (H), 身份证号 (I)", for the warning about columns that are not imported.
    pub(crate) fn unused_list(&self) -> String {
        self.unused
            .iter()
            .map(|(h, i)| format!("{h} ({})", letter(*i)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How many rows from the top may hold titles and notes before the header row.
pub(crate) const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header row: the first row naming both the unit and the name column.
pub(crate) fn find_header(sheet: &Sheet) -> Option<Layout> {
    find_header_with(sheet, Column::from_header, &[Column::Unit, Column::Name])
}

/// Finds the header row of any table: the first row in which `recognise` finds every column
/// of `required`.
pub(crate) fn find_header_with<C: Copy + PartialEq>(
    sheet: &Sheet,
    recognise: impl Fn(&str) -> Option<C>,
    required: &[C],
) -> Option<Layout<C>> {
    for (index, row) in sheet.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let mut columns: Vec<(C, usize, String)> = Vec::new();
        let mut unused = Vec::new();
        for (j, cell) in row.iter().enumerate() {
            let text = cell.text();
            if text.is_empty() {
                continue;
            }
            match recognise(&text) {
                Some(c) if !columns.iter().any(|(seen, _, _)| *seen == c) => {
                    columns.push((c, j, text))
                }
                // A second column of the same meaning is not read: say so.
                _ => unused.push((text, j)),
            }
        }
        let has = |c: &C| columns.iter().any(|(seen, _, _)| seen == c);
        if required.iter().all(has) {
            let title = sheet.rows[..index]
                .iter()
                .flat_map(|r| r.iter())
                .map(Cell::text)
                .find(|t| !t.is_empty());
            return Some(Layout {
                header_row: index,
                columns,
                unused,
                title,
            });
        }
    }
    None
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}", crate::msg!("import-roster-unreadable", file = .file, reason = .message))]
    Unreadable { file: String, message: String },
    #[error("{}", crate::msg!("import-not-a-spreadsheet", file = .file))]
    Format { file: String },
    /// Lines in two encodings: `problem` names the first line of the one less used.
    #[error("{}", crate::msg!("import-mixed-encoding", file = .file, problem = .problem))]
    MixedEncoding {
        file: String,
        line: usize,
        problem: String,
    },
}

impl ReadError {
    fn mixed(file: &str, mixed: Mixed) -> ReadError {
        let problem = match mixed {
            Mixed::NotUtf8(line) => crate::msg!("import-line-not-utf8", line = line),
            Mixed::Utf8(line) => crate::msg!("import-line-utf8", line = line),
        };
        ReadError::MixedEncoding {
            file: file.to_string(),
            line: mixed.line(),
            problem,
        }
    }
}

/// What was learnt while reading, for the summary (the encoding a CSV was decoded from).
#[derive(Debug, Clone, Default)]
pub(crate) struct ReadNotes {
    pub encoding: Option<&'static str>,
    /// The CSV had byte sequences that are not text in the detected encoding.
    pub undecodable: bool,
    /// Sheets the workbook hides, which are not read: a clerk who cannot see a sheet in Excel
    /// must not find its rows published.
    pub hidden_sheets: Vec<String>,
}

/// Reads every sheet of the roster at `path` (`file` is how messages name it).
pub(crate) fn read(path: &Path, file: &str) -> Result<(Vec<Sheet>, ReadNotes), ReadError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "txt" | "tsv" => {
            let bytes = std::fs::read(path).map_err(|e| ReadError::Unreadable {
                file: file.to_string(),
                message: crate::msg!("import-csv-unreadable", reason = e.to_string()),
            })?;
            read_csv(&bytes, file)
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path, file),
        _ => Err(ReadError::Format {
            file: file.to_string(),
        }),
    }
}

fn read_workbook(path: &Path, file: &str) -> Result<(Vec<Sheet>, ReadNotes), ReadError> {
    if !path.is_file() {
        return Err(ReadError::Unreadable {
            file: file.to_string(),
            message: crate::msg!("import-no-such-file"),
        });
    }
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| ReadError::Unreadable {
        file: file.to_string(),
        message: crate::msg!("import-workbook-unreadable", reason = e.to_string()),
    })?;
    let mut sheets = Vec::new();
    let mut notes = ReadNotes::default();
    let hidden: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    for name in workbook.sheet_names() {
        if hidden.contains(&name) {
            notes.hidden_sheets.push(name);
            continue;
        }
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| ReadError::Unreadable {
                file: file.to_string(),
                message: crate::msg!(
                    "import-sheet-unreadable",
                    sheet = &name,
                    reason = e.to_string()
                ),
            })?;
        let merged = match &mut workbook {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        if let Some((row0, col0)) = range.start() {
            let (row0, col0) = (row0 as usize, col0 as usize);
            rows.resize(row0, Vec::new());
            for row in range.rows() {
                let mut cells = vec![Cell::Empty; col0];
                cells.extend(row.iter().map(cell_of));
                rows.push(cells);
            }
        }
        if let Ok(formulas) = workbook.worksheet_formula(&name) {
            mark_formulas_without_value(&mut rows, &range, &formulas);
        }
        // A merged block shows its top-left value in every cell it covers (a 镇街 merged over
        // all its villages' rows); the file stores it only once.
        // Regions are clipped to the cells in use: a damaged file may claim a whole sheet.
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for region in merged {
            let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
            let r1 = (region.end.0 as usize).min(rows.len().saturating_sub(1));
            let c1 = (region.end.1 as usize).min(width.saturating_sub(1));
            if r0 > r1 || c0 > c1 {
                continue;
            }
            let value = rows.get(r0).and_then(|r| r.get(c0)).cloned();
            let Some(value) = value.filter(|v| !v.is_empty()) else {
                continue;
            };
            for row in &mut rows[r0..=r1] {
                if row.len() <= c1 {
                    row.resize(c1 + 1, Cell::Empty);
                }
                for cell in &mut row[c0..=c1] {
                    if cell.is_empty() {
                        *cell = value.clone();
                    }
                }
            }
        }
        sheets.push(Sheet {
            name: Some(name),
            rows,
        });
    }
    Ok((sheets, notes))
}

/// Marks the cells that hold a formula and no value at all ([`Cell::Formula`]). A formula
/// whose saved value is the empty text (`=IF(A2="","",A2)`, stored as such by Excel) is an
/// empty cell, as the clerk sees it.
fn mark_formulas_without_value(
    rows: &mut Vec<Vec<Cell>>,
    values: &calamine::Range<Data>,
    formulas: &calamine::Range<String>,
) {
    let Some((row0, col0)) = formulas.start() else {
        return;
    };
    for (r, c, formula) in formulas.used_cells() {
        let (r, c) = (row0 as usize + r, col0 as usize + c);
        let value = values.get_value((r as u32, c as u32));
        if formula.trim().is_empty() || !matches!(value, None | Some(Data::Empty)) {
            continue;
        }
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Cell::Empty);
        }
        row[c] = Cell::Formula(formula.clone());
    }
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.as_str().into()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            Cell::Date {
                year: i32::from(year),
                month,
                day,
            }
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => match iso_date(s) {
            Some((year, month, day)) => Cell::Date { year, month, day },
            None => Cell::Text(s.as_str().into()),
        },
        Data::DurationIso(s) => Cell::Text(s.as_str().into()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

fn iso_date(s: &str) -> Option<(i32, u8, u8)> {
    let date = s.get(..10)?;
    crate::content::values::parse_ymd(date)
}

/// Decodes a CSV file and splits it into rows. The delimiter is a comma, or a tab when the
/// first line has more tabs than commas (Excel's "Unicode text" export).
pub(crate) fn read_csv(bytes: &[u8], file: &str) -> Result<(Vec<Sheet>, ReadNotes), ReadError> {
    let (text, notes) = decode(bytes).map_err(|mixed| ReadError::mixed(file, mixed))?;
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // One record read into again and again, its fields checked as UTF-8 once, all together
    // (csv checks each field of a line that is not ASCII on its own): a year of a province's
    // visits is a million rows.
    let mut record = csv::ByteRecord::new();
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| ReadError::Unreadable {
                file: file.to_string(),
                message: crate::msg!("import-csv-bad-quote", reason = e.to_string()),
            })?;
        if !more {
            break;
        }
        // The text is UTF-8 and split at ASCII bytes, so the fields are too.
        let fields = String::from_utf8_lossy(record.as_slice());
        rows.push(
            (0..record.len())
                .map(|i| {
                    let field = record.range(i).and_then(|r| fields.get(r)).unwrap_or("");
                    if trim(field).is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(field.into())
                    }
                })
                .collect(),
        );
    }
    Ok((vec![Sheet { name: None, rows }], notes))
}

/// The text of a CSV file and how it was read: see [`encoding::decode`].
fn decode(bytes: &[u8]) -> Result<(String, ReadNotes), Mixed> {
    let decoded = encoding::decode(bytes)?;
    let notes = ReadNotes {
        encoding: Some(decoded.encoding.name()),
        undecodable: decoded.undecodable,
        ..ReadNotes::default()
    };
    Ok((decoded.text, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_csv_is_detected_and_decoded() {
        let text = "单位,姓名,电话\n刘庄村,王兴,13912345678\n石庄村,欧阳兰,0534-2212345\n";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "the fixture must not be UTF-8"
        );
        let (sheets, notes) = read_csv(&bytes, "r.csv").unwrap();
        assert_eq!(notes.encoding, Some("gb18030"));
        assert!(!notes.undecodable);
        assert_eq!(sheets[0].cell(1, 1).text(), "王兴");
        assert_eq!(sheets[0].cell(2, 1).text(), "欧阳兰");
    }

    #[test]
    fn quoted_fields_and_empty_cells_are_read_field_by_field() {
        let text = "\"刘庄村,东\",王兴,\n石庄村,\"欧阳\"\"兰\",  \n\"两\n行\",ａ,b\n";
        let (sheets, _) = read_csv(text.as_bytes(), "r.csv").unwrap();
        let cells: Vec<Vec<String>> = sheets[0]
            .rows
            .iter()
            .map(|row| row.iter().map(Cell::text).collect())
            .collect();
        assert_eq!(
            cells,
            [
                ["刘庄村,东", "王兴", ""],
                ["石庄村", "欧阳\"兰", ""],
                ["两\n行", "ａ", "b"]
            ]
        );
        assert!(matches!(sheets[0].cell(1, 2), Cell::Empty));
    }

    #[test]
    fn utf8_bom_and_utf16_are_read() {
        let (sheets, _) = read_csv("\u{feff}单位,姓名\n刘庄村,王兴\n".as_bytes(), "r.csv").unwrap();
        assert_eq!(sheets[0].cell(0, 0).text(), "单位");
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "单位\t姓名\n刘庄村\t王兴\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let (sheets, notes) = read_csv(&utf16, "r.txt").unwrap();
        assert_eq!(notes.encoding, Some("UTF-16LE"));
        assert_eq!(sheets[0].cell(1, 1).text(), "王兴");
        // Without its mark, told by the zero byte of every ASCII character.
        let (sheets, notes) = read_csv(&utf16[2..], "r.txt").unwrap();
        assert_eq!(notes.encoding, Some("UTF-16LE"));
        assert_eq!(sheets[0].cell(1, 1).text(), "王兴");
    }

    #[test]
    fn header_is_found_below_title_rows() {
        let (sheets, _) = read_csv(
            "东湖镇干部联系花名册,,\n,,\n单位,姓名,备注\n刘庄村,王兴,x\n".as_bytes(),
            "r.csv",
        )
        .unwrap();
        let layout = find_header(&sheets[0]).unwrap();
        assert_eq!(layout.header_row, 2);
        assert_eq!(layout.title.as_deref(), Some("东湖镇干部联系花名册"));
        assert_eq!(layout.index(Column::Name), Some(1));
        assert_eq!(layout.unused_list(), "备注 (C)");
    }

    #[test]
    fn only_a_formula_with_no_value_at_all_is_marked() {
        let mut values = calamine::Range::new((0, 0), (0, 2));
        values.set_value((0, 0), Data::Empty);
        // Excel saves a formula whose result is empty text as just that: an empty cell.
        values.set_value((0, 1), Data::String(String::new()));
        values.set_value((0, 2), Data::Float(2.0));
        let mut formulas = calamine::Range::new((0, 0), (1, 2));
        for c in 0..3 {
            formulas.set_value((0, c), format!("A{c}+1"));
        }
        formulas.set_value((1, 1), "IF(A1=\"\",\"\",A1)".to_string());
        let mut rows = vec![vec![
            Cell::Empty,
            Cell::Text(String::new().into()),
            Cell::Number(2.0),
        ]];
        mark_formulas_without_value(&mut rows, &values, &formulas);
        assert_eq!(rows[0][0], Cell::Formula("A0+1".into()));
        assert_eq!(rows[0][0].formula_without_value().as_deref(), Some("=A0+1"));
        assert!(rows[0][1].is_empty());
        assert_eq!(rows[0][2], Cell::Number(2.0));
        // Below the values, in a row they do not reach.
        assert_eq!(rows[1][1].text(), "");
        assert!(!rows[1][1].is_empty());
    }

    #[test]
    fn numbers_print_as_typed() {
        assert_eq!(Cell::Number(13912345678.0).text(), "13912345678");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
        assert_eq!(Cell::Number(1e20).text(), "100000000000000000000");
    }

    // Fuzz target (proptest): any bytes read as a CSV roster give sheets or an error, and the
    // header search over them never panics.
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn fuzz_any_bytes_read_as_a_roster(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            if let Ok((sheets, _)) = read_csv(&bytes, "roster.csv") {
                for sheet in &sheets {
                    let _ = find_header(sheet);
                }
            }
        }

        #[test]
        fn fuzz_any_text_read_as_a_roster(text in "(姓名|单位|电话|,|\\n|\\PC){0,120}") {
            if let Ok((sheets, _)) = read_csv(text.as_bytes(), "roster.csv") {
                for sheet in &sheets {
                    let _ = find_header(sheet);
                }
            }
        }
    }
}
