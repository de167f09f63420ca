//! Spreadsheets as programs, other computers and careless copies leave them (issue 20): each
//! problem named as what it is, with where it is and what to do.

use super::import_into;
use super::one_village;

#[test]
fn a_formula_without_a_saved_value_is_named_as_one_not_as_an_empty_cell() {
    // What a program writes (and Excel fills in only when the file is opened and saved): a
    // formula with no value stored beside it.
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("花名册").unwrap();
    for (c, h) in ["镇街", "单位", "姓名", "电话", "角色"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["东湖镇", "刘庄村", "王兴", "13912340001", "第一书记"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    for (c, v) in ["东湖镇", "刘庄村", "李华"].iter().enumerate() {
        sheet.write_string(2, c as u16, *v).unwrap();
    }
    sheet.write_formula(2, 3, "=D2+1").unwrap();
    let roster = dir.path().join("roster.xlsx");
    workbook.save(&roster).unwrap();
    without_saved_values(&roster);
    let (out, said) = import_into(dir.path(), &roster);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("sheet 花名册, row 3, column 电话 (D)"),
        "sheet, row and column: {said}"
    );
    assert!(
        said.contains("formula =D2+1") && said.contains("no saved value"),
        "{said}"
    );
    assert!(said.contains("Excel or WPS"), "what to do: {said}");
    assert!(!said.contains("is empty"), "{said}");

    // The visit log is read the same way, by check and build.
    let site = one_village();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("走访").unwrap();
    for (c, h) in ["日期", "单位", "人员", "形式"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_formula(1, 0, "=TODAY()-3").unwrap();
    for (c, v) in ["石桥村", "wang", "入户"].iter().enumerate() {
        sheet.write_string(1, c as u16 + 1, *v).unwrap();
    }
    let log = site.path("content/visits/2024.xlsx");
    std::fs::create_dir_all(log.parent().unwrap()).unwrap();
    workbook.save(&log).unwrap();
    without_saved_values(&log);
    let checked = site.run(&["check"]);
    let said = crate::common::text(&checked);
    assert!(!checked.status.success(), "{said}");
    assert!(
        said.contains("content/visits/2024.xlsx:2:1: sheet 走访, row 2, column 日期 (A)"),
        "{said}"
    );
    assert!(
        said.contains("formula =TODAY()-3") && said.contains("Excel or WPS"),
        "{said}"
    );
    assert!(!said.contains("is empty"), "{said}");
}

/// The workbook at `path` with its formulas' saved values taken out, as a program that writes
/// formulas without computing them leaves a file (rust_xlsxwriter always saves one).
fn without_saved_values(path: &std::path::Path) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name.starts_with("xl/worksheets/") {
            let xml = String::from_utf8(data).unwrap();
            let bare = formulas_without_values(&xml);
            assert_ne!(bare, xml, "the sheet has a formula with a value");
            data = bare.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// `<c r="D3"><f>D2+1</f><v>0</v></c>` → `<c r="D3"><f>D2+1</f></c>`.
fn formulas_without_values(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find("</f><v>") {
        let end = rest[at..].find("</v>").map(|e| at + e + "</v>".len());
        let Some(end) = end else { break };
        out.push_str(&rest[..at + "</f>".len()]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Imports `bytes` as `roster.csv` into a new folder: whether it succeeded, and what it said.
fn import_csv(bytes: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, bytes).unwrap();
    let out = crate::common::noticeboard()
        .current_dir(dir.path())
        .args(["import", roster.to_str().unwrap(), "--into", "."])
        .output()
        .unwrap();
    (out.status.success(), crate::common::text(&out))
}

#[test]
fn a_csv_mixing_two_encodings_names_its_first_line_in_the_other_one() {
    let lines = [
        "镇街,单位,姓名,电话,角色\n",
        "东湖镇,刘庄村,王兴,13912340001,第一书记\n",
        "东湖镇,刘庄村,李华,13912340002,包村干部\n",
        "东湖镇,石桥村,赵六,13912340003,第一书记\n",
    ];
    let gbk = |text: &str| encoding_rs::GBK.encode(text).0.into_owned();
    // A UTF-8 roster with a row pasted in from a GBK file, and the reverse.
    let mut utf8_with_gbk = Vec::new();
    let mut gbk_with_utf8 = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        utf8_with_gbk.extend(if i == 2 {
            gbk(line)
        } else {
            line.as_bytes().to_vec()
        });
        gbk_with_utf8.extend(if i == 3 {
            line.as_bytes().to_vec()
        } else {
            gbk(line)
        });
    }
    for (bytes, problem) in [
        (
            utf8_with_gbk,
            "line 3 is not UTF-8 text like the lines before it",
        ),
        (
            gbk_with_utf8,
            "line 4 is UTF-8 text, unlike the rest of the file",
        ),
    ] {
        let (imported, said) = import_csv(&bytes);
        assert!(!imported, "{said}");
        assert!(
            said.contains("roster.csv") && said.contains(problem),
            "{said}"
        );
        assert!(said.contains("mixes two encodings"), "{said}");
        assert!(
            said.contains("\"CSV UTF-8\" or as .xlsx"),
            "what to do: {said}"
        );
        assert!(!said.contains("no sheet has a header row"), "{said}");
    }

    // A visit log of two encodings stops check with its file and line.
    let site = one_village();
    let mut log = "日期,单位,人员,形式\n".as_bytes().to_vec();
    log.extend(gbk("2024-05-01,石桥村,wang,入户\n"));
    site.write_bytes("content/visits/2024.csv", &log);
    let checked = site.run(&["check"]);
    let said = crate::common::text(&checked);
    assert!(!checked.status.success(), "{said}");
    assert!(
        said.contains("content/visits/2024.csv:2: line 2 is not UTF-8 text"),
        "{said}"
    );
    assert!(said.contains("\"CSV UTF-8\" or as .xlsx"), "{said}");
}
