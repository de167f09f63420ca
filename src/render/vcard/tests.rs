//! Tests of the vCards: escaping, folding, name order, and every card parsed back by vcard4.

use super::*;

/// A content line folded on its own.
fn fold_line(line: &str) -> String {
    let mut folded = String::new();
    fold_line_into(&mut folded, line);
    folded
}

/// A value escaped on its own.
fn escape_text(value: &str) -> String {
    let mut escaped = String::new();
    escape_text_into(&mut escaped, value);
    escaped
}

fn official<'a>() -> Contact<'a> {
    Contact {
        full_name: "张伟",
        title: Some("村党支部书记"),
        org: Some("刘庄村村民委员会"),
        phones: vec![
            ContactPhone {
                uri: "tel:+8613912345678",
                kind: TelKind::Cell,
            },
            ContactPhone {
                uri: "tel:+865342212345",
                kind: TelKind::Work,
            },
        ],
        url: Some("https://example.org/liuzhuang/"),
        note: Some("工作日 8:30–17:30"),
    }
}

/// RFC 6350 §3.2 unfolding: remove every CRLF followed by one space or tab.
fn unfold(card: &str) -> String {
    card.replace("\r\n ", "").replace("\r\n\t", "")
}

/// The value of the first property named `name` (after unfolding), still
/// escaped.
fn raw_value(card: &str, name: &str) -> Option<String> {
    unfold(card).split("\r\n").find_map(|line| {
        let (head, value) = line.split_once(':')?;
        let prop = head.split(';').next()?;
        (prop == name).then(|| value.to_owned())
    })
}

/// Reverses `escape_text`, for checking values by hand.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_one(card: &str) -> vcard4::Vcard {
    let mut cards = vcard4::parse(card).unwrap_or_else(|e| panic!("{e}\n{card}"));
    assert_eq!(cards.len(), 1);
    cards.remove(0)
}

fn tel_values(parsed: &vcard4::Vcard) -> Vec<String> {
    parsed
        .tel
        .iter()
        .map(|t| match t {
            vcard4::property::TextOrUriProperty::Uri(u) => u.value.to_string(),
            vcard4::property::TextOrUriProperty::Text(t) => format!("text:{}", t.value),
        })
        .collect()
}

#[test]
fn full_card_has_expected_lines_in_order() {
    let card = to_vcard(&official());
    assert_eq!(
        card,
        "BEGIN:VCARD\r\n\
         VERSION:4.0\r\n\
         FN:张伟\r\n\
         N:张;伟;;;\r\n\
         TITLE:村党支部书记\r\n\
         ORG:刘庄村村民委员会\r\n\
         TEL;VALUE=uri;TYPE=cell:tel:+8613912345678\r\n\
         TEL;VALUE=uri;TYPE=work,voice:tel:+865342212345\r\n\
         URL:https://example.org/liuzhuang/\r\n\
         NOTE:工作日 8:30–17:30\r\n\
         END:VCARD\r\n"
    );
}

#[test]
fn minimal_card_omits_absent_and_blank_fields() {
    let contact = Contact {
        full_name: "李娜",
        title: Some("  "),
        org: Some(""),
        ..Contact::default()
    };
    let card = to_vcard(&contact);
    assert_eq!(
        card,
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:李娜\r\nN:李;娜;;;\r\nEND:VCARD\r\n"
    );
    parse_one(&card);
}

#[test]
fn only_crlf_line_endings() {
    let card = to_vcard(&official());
    assert!(card.ends_with("END:VCARD\r\n"));
    assert_eq!(card.matches('\n').count(), card.matches("\r\n").count());
    assert_eq!(card.matches('\r').count(), card.matches("\r\n").count());
}

#[test]
fn round_trips_through_vcard4_parser() {
    let card = to_vcard(&official());
    let parsed = parse_one(&card);
    assert_eq!(parsed.formatted_name[0].value, "张伟");
    assert_eq!(parsed.title[0].value, "村党支部书记");
    assert_eq!(parsed.org[0].value, ["刘庄村村民委员会"]);
    assert_eq!(parsed.note[0].value, "工作日 8:30–17:30");
    assert_eq!(
        parsed.url[0].value.to_string(),
        "https://example.org/liuzhuang/"
    );
    assert_eq!(
        tel_values(&parsed),
        ["tel:+8613912345678", "tel:+865342212345"]
    );
    let name = parsed.name.as_ref().map(|n| n.value.clone());
    assert_eq!(
        name,
        Some(vec![
            "张".to_owned(),
            "伟".to_owned(),
            String::new(),
            String::new(),
            String::new()
        ])
    );
}

#[test]
fn long_chinese_org_is_folded_and_survives_round_trip() {
    let org = "山东省德州市乐陵市杨安镇刘庄村村民委员会党群服务中心便民服务代办点";
    assert!(org.len() > MAX_LINE_OCTETS);
    let title = "村民委员会主任兼村务监督委员会联络员、网格员、人民调解委员会主任";
    let contact = Contact {
        org: Some(org),
        title: Some(title),
        ..official()
    };
    let card = to_vcard(&contact);
    assert!(card.contains("\r\n "), "expected a folded line:\n{card}");

    let parsed = parse_one(&card);
    assert_eq!(parsed.org[0].value, [org]);
    assert_eq!(parsed.title[0].value, title);
    assert_eq!(parsed.formatted_name[0].value, "张伟");
    assert_eq!(
        tel_values(&parsed),
        ["tel:+8613912345678", "tel:+865342212345"]
    );
}

#[test]
fn every_physical_line_fits_in_75_octets() {
    let long_note = "村务公开栏每周一更新，如有疑问请于工作时间致电；紧急情况请拨打110。".repeat(8);
    let contact = Contact {
        full_name: "欧阳娜娜",
        org: Some("乐陵市杨安镇刘庄村村民委员会、党支部、村务监督委员会联合办公室"),
        note: Some(&long_note),
        url: Some(
            "https://example.org/notice-boards/shandong/dezhou/laoling/yangan/liuzhuang/index.html",
        ),
        ..official()
    };
    let card = to_vcard(&contact);
    for line in card.split("\r\n") {
        assert!(
            line.len() <= MAX_LINE_OCTETS,
            "{} octets: {line}",
            line.len()
        );
    }
    // Folding is undone exactly by unfolding.
    assert_eq!(
        unescape(&raw_value(&card, "NOTE").unwrap_or_default()),
        long_note
    );
    assert_eq!(raw_value(&card, "URL").as_deref(), contact.url);
    let parsed = parse_one(&card);
    assert_eq!(parsed.note[0].value, long_note);
}

#[test]
fn folding_keeps_utf8_characters_whole_at_every_offset() {
    // Shift a run of 3- and 4-octet characters across the 75-octet
    // boundary one ASCII byte at a time.
    for prefix_len in 0..8 {
        let value = format!("{}{}", "a".repeat(prefix_len), "村委会𠀋办公室".repeat(10));
        let line = format!("NOTE:{value}");
        let folded = fold_line(&line);
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= MAX_LINE_OCTETS);
        }
        // Any split inside a character would have left a replacement
        // character or a changed string after unfolding.
        assert_eq!(folded.replace("\r\n ", ""), line);
        assert!(folded.split("\r\n").skip(1).all(|l| l.starts_with(' ')));
    }
}

#[test]
fn short_lines_are_not_folded_and_75_octets_is_the_limit() {
    let exactly = format!("NOTE:{}", "x".repeat(70));
    assert_eq!(exactly.len(), 75);
    assert_eq!(fold_line(&exactly), exactly);
    let over = format!("{exactly}y");
    assert_eq!(fold_line(&over), format!("{exactly}\r\n y"));
}

#[test]
fn folding_never_splits_an_escape() {
    // Put an escaped comma exactly across the 75-octet boundary.
    let line = format!("NOTE:{}\\,tail", "x".repeat(69));
    let folded = fold_line(&line);
    assert!(!folded.contains("\\\r\n"), "{folded:?}");
    assert_eq!(folded.replace("\r\n ", ""), line);
    for physical in folded.split("\r\n") {
        assert!(physical.len() <= MAX_LINE_OCTETS);
    }
}

#[test]
fn text_values_are_escaped() {
    assert_eq!(escape_text(r"a\b"), r"a\\b");
    assert_eq!(escape_text("a,b;c"), r"a\,b\;c");
    assert_eq!(
        escape_text("第一行\n第二行\r\n第三行\r第四行"),
        r"第一行\n第二行\n第三行\n第四行"
    );
    assert_eq!(escape_text("tab\there"), "tab here");
    assert_eq!(escape_text("bell\u{7}gone"), "bellgone");

    let note = "周一、三上午值班;周二,四下午\n地址：村委会\\二楼";
    let contact = Contact {
        note: Some(note),
        ..official()
    };
    let card = to_vcard(&contact);
    let raw = raw_value(&card, "NOTE").unwrap_or_default();
    assert_eq!(raw, r"周一、三上午值班\;周二\,四下午\n地址：村委会\\二楼");
    assert_eq!(unescape(&raw), note);
    // The newline was escaped, so the card still has its 11 logical lines.
    assert_eq!(unfold(&card).split_terminator("\r\n").count(), 11);
    assert_eq!(parse_one(&card).note[0].value, note);
}

#[test]
fn every_character_is_escaped_dropped_or_kept_as_the_rfc_says() {
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let expected = match c {
            '\\' => r"\\".to_string(),
            ',' => r"\,".to_string(),
            ';' => r"\;".to_string(),
            '\r' | '\n' => r"\n".to_string(),
            '\t' => " ".to_string(),
            c if c.is_control() => String::new(),
            c => c.to_string(),
        };
        // Alone, and among characters that need nothing done.
        assert_eq!(escape_text(&c.to_string()), expected, "{:?}", c);
        assert_eq!(
            escape_text(&format!("村{c}a")),
            format!("村{expected}a"),
            "{:?}",
            c
        );
    }
}

#[test]
fn commas_in_fn_and_title_round_trip() {
    let contact = Contact {
        full_name: "Wang, Fang",
        title: Some("主任, 会计"),
        ..official()
    };
    let parsed = parse_one(&to_vcard(&contact));
    assert_eq!(parsed.formatted_name[0].value, "Wang, Fang");
    assert_eq!(parsed.title[0].value, "主任, 会计");
}

#[test]
fn semicolon_in_org_stays_one_component() {
    // Checked on the raw text: vcard4 unescapes `\;` before splitting
    // ORG into components, so it would report two components anyway.
    let contact = Contact {
        org: Some("刘庄村委会;党支部"),
        ..official()
    };
    let card = to_vcard(&contact);
    assert_eq!(
        raw_value(&card, "ORG").as_deref(),
        Some(r"刘庄村委会\;党支部")
    );
}

#[test]
fn tel_lines_follow_rfc_6350_uri_form() {
    let contact = Contact {
        phones: vec![
            ContactPhone {
                uri: "tel:+8613912345678",
                kind: TelKind::Cell,
            },
            ContactPhone {
                uri: "tel:+861012345678",
                kind: TelKind::Work,
            },
            ContactPhone {
                uri: "tel:12345",
                kind: TelKind::Work,
            },
            // A bare number gets its scheme; stray whitespace is dropped.
            ContactPhone {
                uri: " +86 400 123 4567\n",
                kind: TelKind::Work,
            },
            // Nothing to dial: no TEL line at all.
            ContactPhone {
                uri: "  ",
                kind: TelKind::Cell,
            },
        ],
        ..official()
    };
    let card = to_vcard(&contact);
    let tel_lines: Vec<&str> = card
        .split("\r\n")
        .filter(|l| l.starts_with("TEL"))
        .collect();
    assert_eq!(
        tel_lines,
        [
            "TEL;VALUE=uri;TYPE=cell:tel:+8613912345678",
            "TEL;VALUE=uri;TYPE=work,voice:tel:+861012345678",
            "TEL;VALUE=uri;TYPE=work,voice:tel:12345",
            "TEL;VALUE=uri;TYPE=work,voice:tel:+864001234567",
        ]
    );
    let parsed = parse_one(&card);
    assert_eq!(
        tel_values(&parsed),
        [
            "tel:+8613912345678",
            "tel:+861012345678",
            "tel:12345",
            "tel:+864001234567"
        ]
    );
}

#[test]
fn structured_name_for_chinese_and_latin_names() {
    let cases = [
        ("张伟", "张", "伟"),
        ("王小明", "王", "小明"),
        ("王 小明", "王", "小明"),
        ("欧阳娜娜", "欧阳", "娜娜"),
        ("司马光", "司马", "光"),
        ("诸葛亮", "诸葛", "亮"),
        ("上官婉儿", "上官", "婉儿"),
        ("令狐冲", "令狐", "冲"),
        // Two characters: a single surname plus given name, even when
        // they spell a compound surname.
        ("司马", "司", "马"),
        ("马司", "马", "司"),
        ("买买提·艾力", "艾力", "买买提"),
        ("Li Wei", "Wei", "Li"),
        ("Anna Maria Smith", "Smith", "Anna Maria"),
        ("  Zhang   San  ", "San", "Zhang"),
        ("Madonna", "Madonna", ""),
        ("", "", ""),
    ];
    for (full, family, given) in cases {
        let split = split_name(full);
        assert_eq!(
            (split.family, split.given.as_str()),
            (family, given),
            "{full:?}"
        );
    }
    let card = to_vcard(&Contact {
        full_name: "欧阳娜娜",
        ..Contact::default()
    });
    assert!(card.contains("\r\nN:欧阳;娜娜;;;\r\n"), "{card}");
}

#[test]
fn random_text_always_gives_a_parseable_card_with_short_lines() {
    let alphabet: Vec<char> = "ab Z,;\\\n\r\t\u{7}:=\"村委会𠀋é·".chars().collect();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next_text = |len: usize| {
        let mut text = String::new();
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        text
    };
    for round in 0..300 {
        let (name, title, note) = (next_text(round % 40), next_text(50), next_text(200));
        let contact = Contact {
            full_name: &name,
            title: Some(&title),
            note: Some(&note),
            ..official()
        };
        let card = to_vcard(&contact);
        assert!(card.split("\r\n").all(|l| l.len() <= MAX_LINE_OCTETS));
        let parsed = parse_one(&card);
        assert_eq!(
            parsed.formatted_name[0].value,
            escape_then_unescape(name.trim())
        );
        if let Some(parsed_note) = parsed.note.first() {
            assert_eq!(parsed_note.value, escape_then_unescape(note.trim()));
        }
    }
}

/// What a correct reader gets back for `value`: newlines normalised to
/// `\n`, tabs to spaces, other control characters dropped.
fn escape_then_unescape(value: &str) -> String {
    unescape(&escape_text(value))
}

#[test]
fn name_with_special_characters_is_escaped_in_n() {
    let card = to_vcard(&Contact {
        full_name: "O;Brien, Pat",
        ..Contact::default()
    });
    assert_eq!(raw_value(&card, "N").as_deref(), Some(r"Pat;O\;Brien\,;;;"));
    assert_eq!(raw_value(&card, "FN").as_deref(), Some(r"O\;Brien\, Pat"));
}
