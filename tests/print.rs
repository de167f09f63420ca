//! The printed notice boards, end to end: build a site, print its boards with headless Chromium
//! as a township clerk would, and read the PDFs back as a printer and a phone would.
//!
//! For every paper (A4, A3, A2) and orientation, boards with 1, 5 and 12 members, with long
//! names, titles and organisations, must each print as exactly one sheet of that paper, show
//! everything a resident needs with no text cut or overlapping, and carry a QR code that zbar
//! (like WeChat) reads as exactly the unit's URL, large enough to scan from about a metre.
//! An area's `boards.html` must print one sheet per unit, each with its own code, and
//! `noticeboard print` must write every board (or the named ones, or the reprint list) into one
//! PDF, one sheet per board, each code decoding to its own unit's address, even as a phone's
//! camera sees it from arm's length (scaled to 40 % and blurred), with zbar and with ZXing.
//! The residents' pages of the same site must hold on small phones at 200 % text.
//!
//! These tests need Debian's chromium, poppler-utils and zbar-tools (and fonts-noto-cjk for
//! the glyphs), python3 with zxing-cpp and node with the npm packages of tests/browser; they
//! fail, never skip, without them. CI installs them in .ci/run; zxing-cpp and the npm packages
//! are installed on first use.

mod common;
#[path = "common/print.rs"]
mod print;

use common::Site;
use print::Word;
use std::path::{Path, PathBuf};

const BASE_URL: &str = "https://gongshi.shifan.cn/shifan";
/// Sixteen characters: longer than the usual heading, so printed in smaller type.
const HEADING: &str = "干部联系服务群众全覆盖工作公示牌";
const HOTLINE: &str = "0534-2212345";
const ISSUER: &str = "中共示范县委组织部";
const DATE_SHOWN: &str = "2024年6月1日";
const TASKS: &[&str] = &[
    "宣传党的政策",
    "反映群众心声",
    "帮助解决困难",
    "促进产业发展",
    "维护社会稳定",
];
/// A unit's own tasks, written out as sentences: the longest task list a board prints.
const LONG_TASKS: &[&str] = &[
    "宣传贯彻党的路线方针政策",
    "收集反映群众意见建议和诉求",
    "帮助解决群众生产生活困难",
    "推动村级集体经济发展壮大",
    "化解矛盾纠纷维护社会稳定",
    "监督村务公开和财务管理",
];
/// What the board tells residents they get by scanning (strings.toml `scan`).
const SCAN_CAPTION: &str = "扫码查看最新联系人和电话";
/// The resolution of the "scan" that zbar reads and the QR code is measured on.
const DPI: u32 = 150;

struct Person {
    id: &'static str,
    name: &'static str,
    title: &'static str,
    org: &'static str,
    role: &'static str,
    /// As written in the record.
    phone: &'static str,
    /// As the board prints it.
    phone_shown: &'static str,
}

/// Twelve people, in the order teams take them. Four-character compound-surname names, titles
/// of up to 26 characters, organisations of 30 characters and a 12-character role: the longest
/// text a real roster has, on the densest cards.
const PEOPLE: [Person; 12] = [
    Person {
        id: "wang-xing",
        name: "王兴",
        title: "县农业农村局党组成员、副局长兼县乡村振兴服务中心主任",
        org: "示范县经济技术开发区管理委员会农业农村综合发展服务中心办公室",
        role: "驻村第一书记兼工作队队长",
        phone: "13900015678",
        phone_shown: "139 0001 5678",
    },
    Person {
        id: "ouyang-xiaoming",
        name: "欧阳晓明",
        title: "镇党委副书记",
        org: "东湖镇人民政府",
        role: "包村干部",
        phone: "139-0002-5679",
        phone_shown: "139 0002 5679",
    },
    Person {
        id: "li-hua",
        name: "李华",
        title: "县公安局东湖派出所副所长",
        org: "示范县公安局",
        role: "联村民警",
        phone: "0534-2212399",
        phone_shown: "0534-2212399",
    },
    Person {
        id: "sima-changfeng",
        name: "司马长风",
        title: "镇农业综合服务中心主任",
        org: "示范县人民政府办公室驻东湖镇乡村振兴工作专班第一联络服务中心",
        role: "民生代办员",
        phone: "13900045681",
        phone_shown: "139 0004 5681",
    },
    Person {
        id: "shangguan-waner",
        name: "上官婉儿",
        title: "县人民医院副院长",
        org: "示范县人民医院",
        role: "网格员",
        phone: "13900055682",
        phone_shown: "139 0005 5682",
    },
    Person {
        id: "zhang-wei",
        name: "张伟",
        title: "县教育和体育局办公室副主任",
        org: "示范县教育和体育局",
        role: "乡村医生",
        phone: "13900065683",
        phone_shown: "139 0006 5683",
    },
    Person {
        id: "zhuge-mingliang",
        name: "诸葛明亮",
        title: "县委组织部组织二科科长",
        org: "中共示范县委组织部派驻东湖镇经济技术开发区党建工作第三指导站",
        role: "驻村工作队员",
        phone: "13900075684",
        phone_shown: "139 0007 5684",
    },
    Person {
        id: "zhao-min",
        name: "赵敏",
        title: "镇党委委员、武装部长",
        org: "东湖镇人民政府",
        role: "包村干部",
        phone: "13900085685",
        phone_shown: "139 0008 5685",
    },
    Person {
        id: "huangfu-songshan",
        name: "皇甫嵩山",
        title: "县司法局东湖司法所所长",
        org: "示范县司法局",
        role: "法律顾问",
        phone: "13900095686",
        phone_shown: "139 0009 5686",
    },
    Person {
        id: "chen-jing",
        name: "陈静",
        title: "社区卫生服务站医生",
        org: "东湖镇卫生院",
        role: "乡村医生",
        phone: "13900105687",
        phone_shown: "139 0010 5687",
    },
    Person {
        id: "dongfang-hongri",
        name: "东方红日",
        title: "县农业农村局农技推广站高级农艺师兼站长助理",
        org: "示范县农业农村局",
        role: "农技员",
        phone: "13900115688",
        phone_shown: "139 0011 5688",
    },
    Person {
        id: "liu-yang",
        name: "刘洋",
        title: "县供电公司东湖供电所所长",
        org: "国网示范县供电公司",
        role: "电力服务员",
        phone: "13900125689",
        phone_shown: "139 0012 5689",
    },
];

/// A former member of 石桥村 whose assignment ended before the publication date: never printed.
const FORMER_NAME: &str = "钱过去";

/// The households or building units (联系户) the first three members of every team link, the
/// second as long as a city block's list gets.
const COVERS: [&[&str]; 3] = [
    &["1组", "2组", "3组"],
    &["幸福里小区1号楼1单元至3单元", "2号楼"],
    &["4组"],
];

/// What the board calls the lead (strings.toml `lead`), printed on the lead's card.
const LEAD_LABEL: &str = "负责人";

struct Unit {
    /// The unit's path under content/ and in the URL.
    path: &'static str,
    name: &'static str,
    /// How many of `PEOPLE` (from the first) serve in it; the first is the lead.
    members: usize,
    /// The unit's own tasks; empty for the site's `[board].tasks`.
    tasks: &'static [&'static str],
}

impl Unit {
    fn url(&self) -> String {
        format!("{BASE_URL}/{}/", self.path)
    }

    fn team(&self) -> &'static [Person] {
        &PEOPLE[..self.members]
    }

    fn tasks(&self) -> &'static [&'static str] {
        if self.tasks.is_empty() {
            TASKS
        } else {
            self.tasks
        }
    }
}

/// The boards printed one by one and checked in full: 1, 5 and 12 members.
const MAIN_UNITS: [Unit; 3] = [
    Unit {
        path: "donghu/liuzhuang",
        name: "刘庄村",
        members: 1,
        tasks: &[],
    },
    Unit {
        path: "donghu/shiqiao",
        name: "石桥村",
        members: 5,
        tasks: &[],
    },
    Unit {
        // A URL of over 106 bytes needs a QR code of version 7 (45 modules): the boards of the
        // whole site then print larger codes, with modules no smaller than 0.9 mm on A4.
        path: "donghu/jingjijishukaifaqu-xingfulishequ-jumin-weiyuanhui-disan-wangge-fuwuzhan-dongqu",
        name: "东湖镇经济技术开发区幸福里社区",
        members: 12,
        tasks: &[],
    },
];

/// Every other team size from 0 to 11, printed together from their area's boards.html. Names
/// are chosen so that none contains another.
const SWEEP_UNITS: [Unit; 9] = [
    Unit {
        path: "ceshi/u0",
        name: "无人村",
        members: 0,
        tasks: &[],
    },
    Unit {
        path: "ceshi/u2",
        name: "二人村",
        members: 2,
        tasks: &[],
    },
    Unit {
        path: "ceshi/u3",
        name: "三人村",
        members: 3,
        tasks: &[],
    },
    Unit {
        path: "ceshi/u4",
        name: "四人村",
        members: 4,
        tasks: &[],
    },
    Unit {
        path: "ceshi/u6",
        name: "六人村",
        members: 6,
        tasks: &[],
    },
    Unit {
        path: "ceshi/u7",
        name: "七人村",
        members: 7,
        tasks: &[],
    },
    Unit {
        path: "ceshi/u8",
        name: "八人村",
        members: 8,
        tasks: &[],
    },
    Unit {
        path: "ceshi/u10",
        name: "十人村",
        members: 10,
        tasks: &[],
    },
    Unit {
        path: "ceshi/u11",
        // 27 characters, with its own long task list, on the second densest board.
        name: "示范县经济技术开发区管理委员会东湖街道幸福里社区居委会",
        members: 11,
        tasks: LONG_TASKS,
    },
];

#[derive(Clone, Copy, Debug)]
struct Sheet {
    paper: &'static str,
    orientation: &'static str,
}

impl Sheet {
    /// Width and height in millimetres, as the board must print.
    fn size_mm(self) -> (f64, f64) {
        let (short, long) = match self.paper {
            "A4" => (210.0, 297.0),
            "A3" => (297.0, 420.0),
            "A2" => (420.0, 594.0),
            other => panic!("no such paper in these tests: {other}"),
        };
        match self.orientation {
            "portrait" => (short, long),
            _ => (long, short),
        }
    }

    /// How much larger than A4 the sheet is (shorter side over 210 mm).
    fn scale(self) -> f64 {
        let (w, h) = self.size_mm();
        w.min(h) / 210.0
    }
}

/// Builds the fixture site for one sheet: 东湖镇 with the main units, 测试镇 with the sweep.
fn build_site(sheet: Sheet) -> Site {
    let config = format!(
        "title = \"示范县干部联系服务群众公示\"\n\
         base_url = \"{BASE_URL}\"\n\
         hotline = \"{HOTLINE}\"\n\
         issuer = \"{ISSUER}\"\n\
         date = 2024-06-01\n\
         [board]\n\
         paper = \"{}\"\n\
         orientation = \"{}\"\n\
         heading = \"{HEADING}\"\n\
         tasks = [{}]\n",
        sheet.paper,
        sheet.orientation,
        TASKS
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut files: Vec<(String, String)> = vec![("config.toml".into(), config)];
    for person in &PEOPLE {
        files.push((
            format!("content/people/{}.toml", person.id),
            format!(
                "name = \"{}\"\ntitle = \"{}\"\norg = \"{}\"\nphone = \"{}\"\n",
                person.name, person.title, person.org, person.phone
            ),
        ));
    }
    files.push((
        "content/people/qian.toml".into(),
        format!("name = \"{FORMER_NAME}\"\nphone = \"13800001111\"\n"),
    ));
    files.push((
        "content/donghu/_index.toml".into(),
        "name = \"东湖镇\"\n".into(),
    ));
    files.push((
        "content/ceshi/_index.toml".into(),
        "name = \"测试镇\"\n".into(),
    ));
    for unit in MAIN_UNITS.iter().chain(&SWEEP_UNITS) {
        let mut record = format!("name = \"{}\"\n", unit.name);
        if !unit.tasks.is_empty() {
            let tasks: Vec<String> = unit.tasks.iter().map(|t| format!("\"{t}\"")).collect();
            record.push_str(&format!("tasks = [{}]\n", tasks.join(", ")));
        }
        for (index, person) in unit.team().iter().enumerate() {
            record.push_str(&format!(
                "\n[[team]]\nperson = \"{}\"\nrole = \"{}\"\n{}",
                person.id,
                person.role,
                if index == 0 { "lead = true\n" } else { "" }
            ));
            if let Some(covers) = COVERS.get(index) {
                let list: Vec<String> = covers.iter().map(|c| format!("\"{c}\"")).collect();
                record.push_str(&format!("covers = [{}]\n", list.join(", ")));
            }
        }
        if unit.members == 5 {
            record.push_str(
                "\n[[team]]\nperson = \"qian\"\nrole = \"包村干部\"\nuntil = 2020-01-01\n",
            );
        }
        files.push((format!("content/{}.toml", unit.path), record));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = Site::new(&borrowed);
    // Photos for some members, as a roster has: the board must fit with or without them.
    for person in &PEOPLE[..3] {
        site.write_bytes(
            &format!("content/people/{}.jpg", person.id),
            &portrait_jpeg(),
        );
    }
    site.build_ok();
    site
}

/// A small 3:4 JPEG standing in for an ID photo.
fn portrait_jpeg() -> Vec<u8> {
    let image = image::RgbImage::from_fn(300, 400, |x, y| {
        let (dx, dy) = (x as i32 - 150, y as i32 - 160);
        if dx * dx + dy * dy * 3 / 4 < 70 * 70 || (y > 280 && dx.abs() < (y as i32 - 200)) {
            image::Rgb([40, 50, 70])
        } else {
            image::Rgb([70, 130, 220])
        }
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85)
        .encode_image(&image)
        .expect("encode JPEG");
    bytes
}

/// Prints every job (HTML in, PDF out) with headless Chromium, two browsers at a time: the
/// machines this runs on have two cores, and Chromium is most of the test's time.
fn print_all(jobs: &[(PathBuf, PathBuf)]) {
    std::thread::scope(|scope| {
        for pair in jobs.chunks(2) {
            let handles: Vec<_> = pair
                .iter()
                .map(|(html, pdf)| scope.spawn(move || print::print_to_pdf(html, pdf)))
                .collect();
            for handle in handles {
                if let Err(panic) = handle.join() {
                    std::panic::resume_unwind(panic);
                }
            }
        }
    });
}

fn assert_sheet_size(pdf: &Path, sheet: Sheet, pages: usize) {
    let sizes = print::page_sizes_mm(pdf);
    assert_eq!(
        sizes.len(),
        pages,
        "{} printed {} pages, expected {pages} ({} {}): a board that spills onto a second sheet \
         does not fit its paper",
        pdf.display(),
        sizes.len(),
        sheet.paper,
        sheet.orientation
    );
    let (width, height) = sheet.size_mm();
    for (index, (w, h)) in sizes.iter().enumerate() {
        assert!(
            (w - width).abs() < 0.5 && (h - height).abs() < 0.5,
            "page {} of {} is {w:.1} × {h:.1} mm, expected {} {} ({width} × {height} mm)",
            index + 1,
            pdf.display(),
            sheet.paper,
            sheet.orientation
        );
    }
}

fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The board code printed after "公示牌编号：".
fn board_code(words: &[Word]) -> String {
    let after = words
        .iter()
        .find_map(|w| w.text.split_once("公示牌编号：").map(|(_, after)| after))
        .unwrap_or_else(|| panic!("no board code (公示牌编号：) on the page"));
    let code: String = after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    assert!(
        code.len() >= 8 && code.contains('-'),
        "unreadable board code {code:?}"
    );
    code
}

/// Everything a resident must be able to read on the unit's board, with no text cut: the
/// heading, the unit, every current member's name, role, title, organisation and phone, the
/// tasks, the hotline, the issuer and date, the scan caption and the URL.
fn assert_board_text(unit: &Unit, words: &[Word], what: &str) {
    let text = print::joined_text(words);
    let mut expected = vec![
        HEADING.to_string(),
        unit.name.to_string(),
        HOTLINE.to_string(),
        ISSUER.to_string(),
        DATE_SHOWN.to_string(),
        SCAN_CAPTION.to_string(),
        unit.url(),
    ];
    expected.extend(unit.tasks().iter().map(|t| t.to_string()));
    for (index, person) in unit.team().iter().enumerate() {
        expected.extend([person.name, person.role, person.title, person.org].map(String::from));
        expected.push(without_spaces(person.phone_shown));
        if let Some(covers) = COVERS.get(index) {
            expected.push(format!("联系户：{}", covers.join("、")));
        }
    }
    let missing: Vec<&String> = expected
        .iter()
        .filter(|e| !print::reads(words, e))
        .collect();
    assert!(
        missing.is_empty(),
        "{what}: missing or cut on the printed board: {missing:?}\nprinted text: {text}"
    );
    assert!(
        !text.contains(FORMER_NAME),
        "{what}: a former member (until 2020) is printed"
    );
    board_code(words);
    assert_url_whole(words, &unit.url(), what);
    assert_on_own_cards(unit, words, what);
}

/// The address is printed whole, and where it needs more than one line it breaks only after
/// a `/`, never inside a name, so that a resident can type it.
fn assert_url_whole(words: &[Word], url: &str, what: &str) {
    let lines = print::url_lines(words, url);
    assert_eq!(
        lines.concat(),
        url,
        "{what}: the address is not printed whole; its lines: {lines:?}"
    );
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.ends_with('/'),
            "{what}: the address breaks inside a name: {lines:?}"
        );
    }
}

/// Where a member's card is on the page: from the name's line to the phone's, round the
/// phone's centre.
struct Card {
    top: f64,
    bottom: f64,
    centre: f64,
    /// The height of the phone number's words: its type size (see `assert_phones_large`).
    phone_size: f64,
}

/// Each member's card, in team order.
fn member_cards(unit: &Unit, words: &[Word], what: &str) -> Vec<Card> {
    unit.team()
        .iter()
        .map(|person| {
            let name = words
                .iter()
                .find(|w| w.text == person.name)
                .unwrap_or_else(|| panic!("{what}: {}'s name is not printed", person.name));
            // The digit groups that only this member's number has ("0001", "5678").
            let phone: Vec<&Word> = words
                .iter()
                .filter(|w| w.text.len() >= 4 && person.phone_shown.contains(w.text.as_str()))
                .filter(|w| w.y_centre() > name.y_centre())
                .collect();
            let bottom = phone
                .iter()
                .map(|w| w.y_centre())
                .fold(f64::INFINITY, f64::min);
            assert!(
                bottom.is_finite(),
                "{what}: {}'s phone is not printed below the name",
                person.name
            );
            let row: Vec<&&Word> = phone
                .iter()
                .filter(|w| (w.y_centre() - bottom).abs() < 1.0)
                .collect();
            let left = row.iter().map(|w| w.x_min).fold(f64::INFINITY, f64::min);
            let right = row.iter().map(|w| w.x_max).fold(0.0, f64::max);
            Card {
                top: name.y_centre(),
                bottom,
                centre: (left + right) / 2.0,
                phone_size: phone
                    .iter()
                    .map(|w| w.height())
                    .fold(f64::INFINITY, f64::min),
            }
        })
        .collect()
}

/// The card a word is printed on: it lies between a card's name and phone, nearer that card's
/// phone than any other card's in the row. (On a compact card the text flows round the photo
/// and under it, so it may start left of the name.)
fn card_of(cards: &[Card], word: &Word) -> Option<usize> {
    let x = (word.x_min + word.x_max) / 2.0;
    cards
        .iter()
        .enumerate()
        .filter(|(_, c)| word.y_centre() > c.top && word.y_centre() < c.bottom)
        .min_by(|(_, a), (_, b)| (a.centre - x).abs().total_cmp(&(b.centre - x).abs()))
        .map(|(i, _)| i)
}

/// Each member's covers (联系户) are printed on that member's own card, and the lead's card
/// names the lead in words.
fn assert_on_own_cards(unit: &Unit, words: &[Word], what: &str) {
    let cards = member_cards(unit, words, what);
    let on_card = |index: usize, text: &str| {
        words
            .iter()
            .any(|w| w.text.contains(text) && card_of(&cards, w) == Some(index))
    };
    for (index, person) in unit.team().iter().enumerate() {
        if let Some(covers) = COVERS.get(index) {
            // The start of the first, which a line break cannot split from its label's line.
            let start: String = covers[0].chars().take(3).collect();
            assert!(
                on_card(index, &start),
                "{what}: {}'s covers ({}) are not on their card",
                person.name,
                covers[0]
            );
        }
        assert_eq!(
            on_card(index, LEAD_LABEL),
            index == 0,
            "{what}: {} is {}the lead, but their card {} {LEAD_LABEL}",
            person.name,
            if index == 0 { "" } else { "not " },
            if index == 0 { "does not say" } else { "says" }
        );
    }
}

/// Every word lies well inside the sheet (inside the reach of office printers, which lose
/// 3–5 mm at the edges), and no two words overlap: nothing is cut off or printed over.
fn assert_words_readable(words: &[Word], sheet: Sheet, what: &str) {
    const EDGE_MM: f64 = 8.0;
    let (width, height) = sheet.size_mm();
    for word in words {
        let (top, bottom) = word.core();
        assert!(
            word.x_min >= EDGE_MM
                && word.x_max <= width - EDGE_MM
                && top >= EDGE_MM
                && bottom <= height - EDGE_MM,
            "{what}: {:?} is printed within {EDGE_MM} mm of the sheet's edge \
             (x {:.1}–{:.1}, y {top:.1}–{bottom:.1} of {width} × {height} mm)",
            word.text,
            word.x_min,
            word.x_max
        );
    }
    // Words touching side by side share an edge; count only a real overlap.
    const SLACK_MM: f64 = 0.2;
    for (i, a) in words.iter().enumerate() {
        let (a_top, a_bottom) = a.core();
        for b in &words[i + 1..] {
            let (b_top, b_bottom) = b.core();
            let across = a.x_max.min(b.x_max) - a.x_min.max(b.x_min);
            let down = a_bottom.min(b_bottom) - a_top.max(b_top);
            assert!(
                across <= SLACK_MM || down <= SLACK_MM,
                "{what}: {:?} and {:?} are printed over each other",
                a.text,
                b.text
            );
        }
    }
}

/// Each member's phone number is printed larger than the role, title and organisation above it.
fn assert_phones_large(unit: &Unit, words: &[Word], what: &str) {
    // pdftotext's boxes scale with the font size, whatever the font's embedding, so their
    // heights compare type sizes. The page does not draw a card's words in reading order, so
    // the card is found by position (see `card_of`).
    let cards = member_cards(unit, words, what);
    for (index, person) in unit.team().iter().enumerate() {
        let text_size = words
            .iter()
            .filter(|w| {
                card_of(&cards, w) == Some(index)
                    && w.text.chars().count() >= 2
                    && [person.role, person.title, person.org]
                        .iter()
                        .any(|field| field.contains(w.text.as_str()))
            })
            .map(Word::height)
            .fold(0.0, f64::max);
        let phone_size = cards[index].phone_size;
        assert!(
            text_size > 0.0,
            "{what}: {}'s role, title and organisation are not printed between the name and phone",
            person.name
        );
        assert!(
            phone_size >= 1.5 * text_size,
            "{what}: {}'s phone is printed {:.2} times the size of the text above it; \
             phone numbers must be large (at least 1.5 times)",
            person.name,
            phone_size / text_size
        );
    }
}

/// Rasterises the page at 150 dpi and checks its QR code as a phone and a ruler would: zbar
/// reads exactly the unit's URL, the symbol is at least 50 mm wide on A4 (and grows with the
/// paper), modules are at least 1.5 mm on A4, and a 4-module quiet zone around it is clear.
fn assert_qr(pdf: &Path, page: usize, url: &str, sheet: Sheet, scratch: &Path, what: &str) {
    let png = scratch.join(format!(
        "{}-{page}.png",
        pdf.file_stem().unwrap().to_string_lossy()
    ));
    print::rasterise(pdf, page, DPI, &png);
    assert_eq!(
        print::zbar_qr_codes(&png),
        vec![url.to_string()],
        "{what}: zbarimg must read exactly one QR code holding the unit's URL"
    );
    let image = image::open(&png)
        .expect("read the rasterised page")
        .to_luma8();
    let symbol = print::locate_qr(&image, url)
        .unwrap_or_else(|| panic!("{what}: cannot locate the QR symbol to measure it"));
    // Measure the symbol to the pixel: the dark pixels within a module or two of where rqrr
    // found it are exactly the symbol when its quiet zone is clear (checked below).
    let rough_module = symbol.side_px() / symbol.modules as f64;
    let (left, top, right, bottom) = symbol.bounds();
    let margin = 2.0 * rough_module;
    let bounds = print::dark_bounds(
        &image,
        (left - margin, top - margin, right + margin, bottom + margin),
    )
    .expect("the located QR symbol has dark modules");
    let side_px = (bounds.2 - bounds.0 + 1.0).max(bounds.3 - bounds.1 + 1.0);
    let px_per_mm = f64::from(DPI) / 25.4;
    let side_mm = side_px / px_per_mm;
    let module_mm = side_mm / symbol.modules as f64;
    eprintln!(
        "{what}: QR {side_mm:.2} mm, {} modules of {module_mm:.3} mm",
        symbol.modules
    );
    // One pixel of measuring error at 150 dpi is 0.17 mm.
    let min_side = 50.0 * sheet.scale() - 0.2;
    assert!(
        side_mm >= min_side,
        "{what}: the QR code is {side_mm:.1} mm wide, less than {min_side:.1} mm"
    );
    let min_module = 1.5 * sheet.scale() - 0.02;
    assert!(
        module_mm >= min_module,
        "{what}: QR modules are {module_mm:.2} mm, less than {min_module:.2} mm"
    );
    // The ring from half a module to four modules around the symbol must be blank paper.
    let module_px = side_px / symbol.modules as f64;
    let dark = print::dark_pixels_in_ring(&image, bounds, 0.5 * module_px, 4.0 * module_px);
    assert!(
        dark.is_empty(),
        "{what}: {} dark pixels in the QR code's 4-module quiet zone, e.g. at {:?}",
        dark.len(),
        &dark[..dark.len().min(5)]
    );
}

/// Everything the board page loads is in the output (its stylesheet, icon and member photos),
/// and the only images are member photos: no emblem or other artwork ships with the theme.
fn assert_board_links_resolve(public: &Path, unit: &Unit) {
    let dir = public.join(unit.path);
    let html = std::fs::read_to_string(dir.join("board.html")).expect("read board.html");
    for link in common::links(&html) {
        let file = dir.join(&link);
        assert!(
            file.is_file(),
            "{}/board.html links to {link}, which is not in the output",
            unit.path
        );
    }
    for image in html.split("<img ").skip(1) {
        let src = image
            .split("src=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("");
        assert!(
            src.trim_start_matches("../").starts_with("photos/"),
            "{}/board.html shows an image that is not a member photo: {src}",
            unit.path
        );
    }
}

/// Builds, prints and checks every board of one sheet size. With `NOTICEBOARD_PRINTS=DIR` in
/// the environment the PDFs and page images are kept in DIR/<paper>-<orientation>/ for a look.
fn check_sheet(sheet: Sheet) {
    let site = build_site(sheet);
    let public = site.path("public");
    let pdfs = match std::env::var_os("NOTICEBOARD_PRINTS") {
        Some(dir) => PathBuf::from(dir).join(format!("{}-{}", sheet.paper, sheet.orientation)),
        None => site.path("pdf"),
    };
    std::fs::create_dir_all(&pdfs).unwrap();
    let single = |unit: &Unit| pdfs.join(format!("{}.pdf", unit.path.replace('/', "-")));
    let mut jobs: Vec<(PathBuf, PathBuf)> = MAIN_UNITS
        .iter()
        .map(|unit| (public.join(unit.path).join("board.html"), single(unit)))
        .collect();
    let main_batch = pdfs.join("donghu-boards.pdf");
    jobs.push((public.join("donghu/boards.html"), main_batch.clone()));
    print_all(&jobs);
    // Every board of the site, as a clerk takes them to the print shop.
    let everything = pdfs.join("all.pdf");
    print_command(&site, &["--all"], &everything);

    let mut codes = Vec::new();
    for unit in &MAIN_UNITS {
        assert_board_links_resolve(&public, unit);
        let what = format!(
            "{} {} board of {} (team of {})",
            sheet.paper, sheet.orientation, unit.name, unit.members
        );
        let pdf = single(unit);
        assert_sheet_size(&pdf, sheet, 1);
        let words = &print::words(&pdf)[0];
        assert_board_text(unit, words, &what);
        assert_words_readable(words, sheet, &what);
        assert_phones_large(unit, words, &what);
        assert_qr(&pdf, 1, &unit.url(), sheet, &pdfs, &what);
        assert_scans_at_arms_length(&pdf, 1, &unit.url(), &pdfs, &what);
        codes.push(board_code(words));
    }

    // The area's batch: one sheet per unit, each with its own unit's QR code and board code.
    assert_sheet_size(&main_batch, sheet, MAIN_UNITS.len());
    let pages = print::words(&main_batch);
    let mut seen = Vec::new();
    for (index, words) in pages.iter().enumerate() {
        let text = print::joined_text(words);
        let (position, unit) = MAIN_UNITS
            .iter()
            .enumerate()
            .find(|(_, unit)| print::reads(words, unit.name))
            .unwrap_or_else(|| {
                panic!(
                    "page {} of donghu/boards.html names no unit:\n{text}",
                    index + 1
                )
            });
        let what = format!(
            "{} {} boards.html page {} ({})",
            sheet.paper,
            sheet.orientation,
            index + 1,
            unit.name
        );
        assert_eq!(
            board_code(words),
            codes[position],
            "{what}: board code differs from its own board.html"
        );
        let png = pdfs.join(format!("donghu-boards-{}.png", index + 1));
        print::rasterise(&main_batch, index + 1, DPI, &png);
        assert_eq!(
            print::zbar_qr_codes(&png),
            vec![unit.url()],
            "{what}: the page's QR code must hold its own unit's URL"
        );
        seen.push(unit.name);
    }
    seen.sort_unstable();
    let mut all: Vec<&str> = MAIN_UNITS.iter().map(|u| u.name).collect();
    all.sort_unstable();
    assert_eq!(seen, all, "donghu/boards.html must print every unit once");

    // `print --all`: one sheet per board of the site, in the site's order, each with all its
    // text readable and a code that reads as its own unit's address.
    let all: Vec<&Unit> = SWEEP_UNITS.iter().chain(&MAIN_UNITS).collect();
    assert_sheet_size(&everything, sheet, all.len());
    let mut printed = Vec::new();
    for (index, words) in print::words(&everything).iter().enumerate() {
        let text = print::joined_text(words);
        let unit = all
            .iter()
            .find(|unit| print::reads(words, unit.name))
            .unwrap_or_else(|| panic!("page {} of print --all names no unit:\n{text}", index + 1));
        let what = format!(
            "{} {} print --all page {} ({}, team of {})",
            sheet.paper,
            sheet.orientation,
            index + 1,
            unit.name,
            unit.members
        );
        assert_board_text(unit, words, &what);
        assert_words_readable(words, sheet, &what);
        let png = pdfs.join(format!("all-{}.png", index + 1));
        print::rasterise(&everything, index + 1, DPI, &png);
        assert_eq!(
            print::zbar_qr_codes(&png),
            vec![unit.url()],
            "{what}: the page's QR code must hold its own unit's URL"
        );
        printed.push(unit.path);
    }
    let mut expected: Vec<&str> = all.iter().map(|u| u.path).collect();
    expected.sort_unstable();
    assert_eq!(
        printed, expected,
        "print --all must print every board once, in the site's order"
    );
}

/// Runs `noticeboard print ARGS -o pdf` in the site and checks that it succeeded.
fn print_command(site: &Site, args: &[&str], pdf: &Path) {
    let mut all: Vec<&str> = vec!["print"];
    all.extend(args);
    all.extend(["-o", pdf.to_str().expect("UTF-8 path")]);
    let out = site.run(&all);
    assert!(
        out.status.success(),
        "noticeboard {} failed:\n{}",
        all.join(" "),
        common::text(&out)
    );
}

/// The code on the page still decodes to exactly the unit's URL, with zbar and with ZXing, when
/// the page is rasterised at 150 dpi, scaled to 40 % and blurred by one pixel: about what a
/// phone's camera preview sees of a board from 60 cm.
fn assert_scans_at_arms_length(pdf: &Path, page: usize, url: &str, scratch: &Path, what: &str) {
    let stem = pdf.file_stem().unwrap().to_string_lossy();
    let png = scratch.join(format!("{stem}-{page}-scan.png"));
    let seen = scratch.join(format!("{stem}-{page}-seen.png"));
    print::rasterise(pdf, page, DPI, &png);
    print::seen_from_arms_length(&png, &seen);
    assert_eq!(
        print::zbar_qr_codes(&seen),
        vec![url.to_string()],
        "{what}: zbar does not read the code at 40 % and blurred ({})",
        seen.display()
    );
    assert_eq!(
        print::zxing_qr_codes(&seen),
        vec![url.to_string()],
        "{what}: ZXing does not read the code at 40 % and blurred ({})",
        seen.display()
    );
}

#[test]
fn a4_portrait_boards_print_on_one_sheet_with_a_scannable_code() {
    check_sheet(Sheet {
        paper: "A4",
        orientation: "portrait",
    });
}

#[test]
fn a4_landscape_boards_print_on_one_sheet_with_a_scannable_code() {
    check_sheet(Sheet {
        paper: "A4",
        orientation: "landscape",
    });
}

#[test]
fn a3_portrait_boards_print_on_one_sheet_with_a_scannable_code() {
    check_sheet(Sheet {
        paper: "A3",
        orientation: "portrait",
    });
}

#[test]
fn a3_landscape_boards_print_on_one_sheet_with_a_scannable_code() {
    check_sheet(Sheet {
        paper: "A3",
        orientation: "landscape",
    });
}

#[test]
fn a2_portrait_boards_print_on_one_sheet_with_a_scannable_code() {
    check_sheet(Sheet {
        paper: "A2",
        orientation: "portrait",
    });
}

#[test]
fn a2_landscape_boards_print_on_one_sheet_with_a_scannable_code() {
    check_sheet(Sheet {
        paper: "A2",
        orientation: "landscape",
    });
}

/// Boards print with the CJK fonts a clerk's computer has, whatever its system: Noto Sans CJK SC
/// on Linux (Debian's fonts-noto-cjk, which CI uses for the prints above), Microsoft YaHei or
/// SimHei on Windows, PingFang SC on macOS; the heading is bold.
#[test]
fn board_stylesheet_names_cjk_fonts_for_linux_windows_and_macos() {
    let site = Site::new(&[
        (
            "content/people/wang.toml",
            &common::person("王兴", "13900015678"),
        ),
        (
            "content/cun.toml",
            "name = \"刘庄村\"\n[[team]]\nperson = \"wang\"\n",
        ),
    ]);
    site.build_ok();
    let css = site.public("assets/board.css");
    let html = site.public("cun/board.html");
    assert!(
        html.contains("assets/board.css"),
        "the board page loads board.css"
    );
    assert!(
        html.contains("class=\"b-heading"),
        "the board page marks its heading b-heading"
    );
    let stack = css
        .split("font-family:")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("board.css sets a font-family");
    for font in [
        "Noto Sans CJK SC",
        "Microsoft YaHei",
        "SimHei",
        "PingFang SC",
    ] {
        assert!(
            stack.contains(font),
            "the board's font stack lacks {font}: {stack}"
        );
    }
    let heading_rule = css
        .split(".b-heading {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("board.css styles the heading");
    assert!(
        heading_rule.contains("font-weight: 700") || heading_rule.contains("font-weight: bold"),
        "the board's heading is not bold: {heading_rule}"
    );
}

// ---------------------------------------------------------------------------------------------
// `noticeboard print`: choosing boards, the reprint list, the print hint.

/// The QR codes of every page of `pdf`, page by page, as zbar reads them.
fn codes_by_page(pdf: &Path, scratch: &Path) -> Vec<Vec<String>> {
    (1..=print::page_sizes_mm(pdf).len())
        .map(|page| {
            let png = scratch.join(format!(
                "{}-{page}.png",
                pdf.file_stem().unwrap().to_string_lossy()
            ));
            print::rasterise(pdf, page, DPI, &png);
            print::zbar_qr_codes(&png)
        })
        .collect()
}

const A4_PORTRAIT: Sheet = Sheet {
    paper: "A4",
    orientation: "portrait",
};

/// A unit's record as build_site writes it, with `line` added after its name.
fn with_line(site: &Site, unit: &str, line: &str) {
    let file = format!("content/{unit}.toml");
    let record = std::fs::read_to_string(site.path(&file)).expect("unit record");
    let (name, rest) = record.split_once('\n').expect("name line");
    site.write(&file, &format!("{name}\n{line}\n{rest}"));
}

#[test]
fn print_reprint_prints_exactly_the_boards_on_the_reprint_list() {
    let site = build_site(A4_PORTRAIT);
    let scratch = site.path("pdf");
    std::fs::create_dir_all(&scratch).unwrap();
    // Two boards change after the first build: one unit's tasks, another's name.
    with_line(
        &site,
        "donghu/liuzhuang",
        "tasks = [\"组织村民议事\", \"调解邻里纠纷\"]",
    );
    let record = std::fs::read_to_string(site.path("content/ceshi/u4.toml")).unwrap();
    site.write(
        "content/ceshi/u4.toml",
        &record.replace("name = \"四人村\"", "name = \"四人新村\""),
    );
    let pdf = scratch.join("reprint.pdf");
    print_command(&site, &["--reprint"], &pdf);

    let reprint: serde_json::Value =
        serde_json::from_str(&site.public("reprint.json")).expect("reprint.json");
    let listed: Vec<String> = reprint["boards"]
        .as_array()
        .expect("reprint.json lists boards")
        .iter()
        .map(|b| b["url"].as_str().expect("a board's url").to_string())
        .collect();
    let mut changed = vec![
        format!("{BASE_URL}/ceshi/u4/"),
        format!("{BASE_URL}/donghu/liuzhuang/"),
    ];
    changed.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(
        sorted, changed,
        "the reprint list holds the two changed boards"
    );
    let sizes = print::page_sizes_mm(&pdf);
    assert_eq!(sizes.len(), listed.len(), "one sheet per board on the list");
    let codes = codes_by_page(&pdf, &scratch);
    let expected: Vec<Vec<String>> = listed.iter().map(|url| vec![url.clone()]).collect();
    assert_eq!(
        codes, expected,
        "the PDF holds exactly the reprint list's boards, in its order"
    );
    assert!(
        print::reads(&print::words(&pdf)[0], "四人新村")
            || print::reads(&print::words(&pdf)[1], "四人新村"),
        "the reprinted board shows the new name"
    );
}

#[test]
fn print_takes_areas_and_units_by_name_or_path_and_refuses_what_it_cannot_find() {
    let site = build_site(A4_PORTRAIT);
    let scratch = site.path("pdf");
    std::fs::create_dir_all(&scratch).unwrap();
    let pdf = scratch.join("chosen.pdf");
    // An area by its name (all its units) and a unit by its URL path, slashes and all.
    print_command(&site, &["东湖镇", "/ceshi/u2/"], &pdf);
    let codes = codes_by_page(&pdf, &scratch);
    let expected: Vec<Vec<String>> = [
        "ceshi/u2",
        MAIN_UNITS[2].path,
        MAIN_UNITS[0].path,
        MAIN_UNITS[1].path,
    ]
    .iter()
    .map(|path| vec![format!("{BASE_URL}/{path}/")])
    .collect();
    assert_eq!(
        codes, expected,
        "东湖镇's three boards and 二人村's, in site order"
    );
    let before = std::fs::read(&pdf).unwrap();

    // A name that matches nothing: an error naming it, and the earlier PDF left as it was.
    let out = site.run(&["print", "donghu/nowhere", "-o", pdf.to_str().unwrap()]);
    let text = common::text(&out);
    assert!(!out.status.success(), "an unknown unit must fail:\n{text}");
    assert!(
        text.contains("donghu/nowhere"),
        "the error names it:\n{text}"
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        before,
        "the earlier PDF is kept"
    );

    // A browser named that is not there, and nothing named at all: clear errors, no file.
    let other = scratch.join("other.pdf");
    let out = site.run(&[
        "print",
        "--all",
        "--browser",
        "/nowhere/chrome",
        "-o",
        other.to_str().unwrap(),
    ]);
    let text = common::text(&out);
    assert!(
        !out.status.success() && text.contains("/nowhere/chrome"),
        "{text}"
    );
    let out = site.run(&["print", "-o", other.to_str().unwrap()]);
    let text = common::text(&out);
    assert!(!out.status.success() && text.contains("--all"), "{text}");
    assert!(!other.exists(), "no PDF is written when nothing is printed");
    let leftovers: Vec<_> = std::fs::read_dir(&scratch)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// The board page's print hint says that "background graphics" need not be ticked, and that
/// is true: a browser printing with background graphics off (headless Chromium's default)
/// still prints the red heading band, since board.css asks for exact colours.
#[test]
fn boards_print_their_colours_without_background_graphics_as_the_hint_says() {
    let site = build_site(A4_PORTRAIT);
    let unit = &MAIN_UNITS[0];
    let html = site.public(&format!("{}/board.html", unit.path));
    assert!(
        !html.contains("勾选“背景图形”") && html.contains("“背景图形”勾不勾选都可以"),
        "the print hint must say that background graphics are optional"
    );
    let pdf = site.path("board.pdf");
    print::print_to_pdf(
        &site.path("public").join(unit.path).join("board.html"),
        &pdf,
    );
    let words = &print::words(&pdf)[0];
    let heading = words
        .iter()
        .find(|w| HEADING.starts_with(w.text.as_str()) && w.text.chars().count() >= 4)
        .expect("the heading is printed");
    let png = site.path("board.png");
    print::rasterise_colour(&pdf, 1, DPI, &png);
    let image = image::open(&png).unwrap().to_rgb8();
    let px = f64::from(DPI) / 25.4;
    let (x0, x1) = ((heading.x_min * px) as u32, (heading.x_max * px) as u32);
    let (y0, y1) = ((heading.y_min * px) as u32, (heading.y_max * px) as u32);
    let (mut red, mut all) = (0, 0);
    for y in y0..y1 {
        for x in x0..x1 {
            let [r, g, b] = image.get_pixel(x, y).0;
            all += 1;
            if r > 150 && g < 90 && b < 90 {
                red += 1;
            }
        }
    }
    assert!(
        red * 2 > all,
        "the heading band prints {red} red pixels of {all}: its background is lost without \
         \"background graphics\""
    );
}

// ---------------------------------------------------------------------------------------------
// The residents' pages on small phones with large text.

/// Every page type of the site, served as on its host, holds on a 360 px and a 320 px phone at
/// 200 % text: no horizontal scrolling and no text squeezed into a column one character wide.
/// The fixture is the print fixture: the longest names, titles, organisations and addresses.
/// Adds the longest organization record, a unit linked to it, a visit log and a published
/// ledger to the site of `build_site`, and rebuilds: the pages they add must hold too.
fn with_work_log_and_orgs(site: &Site, unit: &str) {
    let org = PEOPLE[0].org;
    site.write(
        "content/orgs/kaifaqu.toml",
        &format!(
            "name = \"{org}\"\nleader = \"{}\"\nphone = \"0534-2212001\"\n",
            PEOPLE[0].id
        ),
    );
    with_line(site, unit, &format!("orgs = [\"{org}\"]"));
    let config = std::fs::read_to_string(site.path("config.toml")).expect("config.toml");
    site.write(
        "config.toml",
        &format!("{config}[ledger]\npublish_summary = true\n"),
    );
    let name = MAIN_UNITS[2].name;
    let (lead, second) = (PEOPLE[0].name, PEOPLE[1].name);
    site.write(
        "content/visits/走访.csv",
        &format!(
            "日期,单位,人员,形式,户数,内容\n\
             2024-05-20,{unit},{lead}、{second},入户,5,春耕生产政策宣传和农业保险政策解读及困难群众帮扶需求摸排\n"
        ),
    );
    site.write(
        "content/ledger/台账.csv",
        &format!(
            "编号,单位,登记日期,类别,问题,责任人,办理期限,状态,办结日期\n\
             L-2024-0001,{unit},2024-05-01,农村基础设施建设和人居环境整治,{name}第三网格村道坑洼积水需要修补并增设排水沟,{lead},2024-05-20,办理中,\n\
             L-2024-0002,{unit},2024-03-01,就业,发布招聘信息,{second},2024-04-01,已办结,2024-03-20\n"
        ),
    );
    site.build_ok();
    let page = |path: &str| {
        std::fs::read_to_string(site.path(&format!("public/{path}index.html")))
            .unwrap_or_else(|e| panic!("public/{path}index.html: {e}"))
    };
    assert!(
        page("orgs/kaifaqu/").contains(name),
        "the organization lists its unit"
    );
    assert!(page("ledger/").contains("农村基础设施建设和人居环境整治"));
    assert!(page(&format!("{unit}/")).contains("春耕生产政策宣传"));
}

#[test]
fn every_page_type_holds_on_small_phones_at_200_percent_text() {
    let site = build_site(A4_PORTRAIT);
    let long = MAIN_UNITS[2].path;
    with_work_log_and_orgs(&site, long);
    let prefix = "/shifan/";
    let server = print::Server::start(&site.path("public"), prefix);
    let pages = [
        ("front page", String::new()),
        ("area", "donghu/".to_string()),
        ("unit", format!("{long}/")),
        ("unit of one", format!("{}/", MAIN_UNITS[0].path)),
        ("person", format!("people/{}/", PEOPLE[0].id)),
        ("people list", "people/".to_string()),
        ("coverage", "coverage/".to_string()),
        ("organizations", "orgs/".to_string()),
        ("organization", "orgs/kaifaqu/".to_string()),
        ("ledger", "ledger/".to_string()),
        ("404", "404.html".to_string()),
        ("board on screen", format!("{long}/board.html")),
    ];
    let mut problems = Vec::new();
    for (kind, path) in &pages {
        let url = server.url(prefix, path);
        let answer = print::node("layout.mjs", std::slice::from_ref(&url));
        for screen in answer["screens"].as_array().expect("screens") {
            let name = screen["screen"].as_str().unwrap_or("?");
            if screen["scrollWidth"].as_i64() > screen["clientWidth"].as_i64() {
                problems.push(format!(
                    "{kind} ({path}), {name}: {} px wide on a {} px screen; sticking out: {}",
                    screen["scrollWidth"], screen["clientWidth"], screen["sticking"]
                ));
            }
            for narrow in screen["narrow"].as_array().into_iter().flatten() {
                problems.push(format!(
                    "{kind} ({path}), {name}: one-character column: {narrow}"
                ));
            }
        }
        for error in answer["errors"].as_array().into_iter().flatten() {
            problems.push(format!("{kind} ({path}): console error {error}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
