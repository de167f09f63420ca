//! Files as other programs save them (issue 20): Notepad's "Unicode" (UTF-16), and a folder
//! of photos inside `people/`. Each is read, or named for what it is.

use super::import_into;
use super::one_village;

/// `text` as Notepad saves it as "Unicode": UTF-16LE, with its byte-order mark or without.
fn utf16le(text: &str, mark: bool) -> Vec<u8> {
    let mut bytes = if mark { vec![0xFF, 0xFE] } else { Vec::new() };
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn a_utf16_file_is_called_utf16_and_read_where_it_can_be() {
    // A record saved as "Unicode": the clerk is told so, not that it may be GBK.
    for mark in [true, false] {
        let site = one_village();
        site.write_bytes(
            "content/东村.toml",
            &utf16le("name = \"东村\"\n[[team]]\nperson = \"wang\"\n", mark),
        );
        let checked = site.run(&["check"]);
        let said = crate::common::text(&checked);
        assert!(!checked.status.success(), "{said}");
        assert!(
            said.contains("content/东村.toml: the file is saved as UTF-16"),
            "{said}"
        );
        assert!(said.contains("encoding \"UTF-8\""), "what to do: {said}");
        assert!(!said.contains("GBK"), "{said}");
    }

    // A roster saved as "Unicode text" without its mark is read as what it is.
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.txt");
    let text = "镇街\t单位\t姓名\t电话\t角色\n东湖镇\t刘庄村\t王兴\t13912340001\t第一书记\n";
    std::fs::write(&roster, utf16le(text, false)).unwrap();
    let (out, said) = import_into(dir.path(), &roster);
    assert!(out.status.success(), "{said}");
    let people = std::fs::read_dir(dir.path().join("content/people")).unwrap();
    let records: String = people
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect();
    assert!(records.contains("王兴"), "{records}");

    // A UTF-16 roster left in static/ is scanned as what it is, not as GBK: its ID number
    // stops the build, with the file's mark or without.
    for mark in [true, false] {
        let site = one_village();
        site.write_bytes(
            "static/名单.csv",
            &utf16le("姓名,身份证号\n张三,11010519491231002X\n", mark),
        );
        let built = site.run(&["build"]);
        let said = crate::common::text(&built);
        assert!(!built.status.success(), "{said}");
        assert!(said.contains("static/名单.csv:2"), "{said}");
    }
}

#[test]
fn a_folder_of_photos_inside_people_is_not_warned_about_but_a_folder_of_records_is() {
    let site = one_village();
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(300, 400, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
    }))
    .write_to(
        &mut std::io::Cursor::new(&mut jpeg),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    site.write(
        "content/people/wang.toml",
        "name = \"王兴\"\nphone = \"13912340001\"\nphoto = \"photos/wang.jpg\"\n",
    );
    site.write_bytes("content/people/photos/wang.jpg", &jpeg);
    // Photos no record names yet are no reason for a warning either.
    site.write_bytes("content/people/photos/2023/li.png", b"\x89PNG\r\n\x1a\n");
    for command in ["check", "build"] {
        let out = site.run(&[command]);
        let said = crate::common::text(&out);
        assert!(out.status.success(), "{command}: {said}");
        assert!(!said.contains("people/photos"), "{command}: {said}");
    }
    assert!(site.public("shiqiaocun/index.html").contains("photos/"));

    // A record in a folder of its own is not read: that still says so, naming it.
    site.write(
        "content/people/旧/li.toml",
        &crate::common::person("李华", "13912340002"),
    );
    for command in ["check", "build"] {
        let out = site.run(&[command]);
        let said = crate::common::text(&out);
        assert!(out.status.success(), "{command}: {said}");
        assert!(
            said.contains("warning: content/people/旧: "),
            "{command}: {said}"
        );
        assert!(said.contains("li.toml"), "{command}: {said}");
        assert!(!said.contains("people/photos"), "{command}: {said}");
    }
}
