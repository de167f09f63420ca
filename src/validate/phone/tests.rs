//! Tests of phone parsing: every written form of mobiles and landlines, service numbers, messages,
//! and the mobile-block path against the parser.

use super::*;

fn parse_phone(input: &str) -> Result<Phone, PhoneError> {
    PhoneParser::default().parse(input, ServicePolicy::Refuse)
}

fn parse_hotline(input: &str) -> Result<Phone, PhoneError> {
    PhoneParser::default().parse(input, ServicePolicy::Accept)
}

fn phone(input: &str) -> Phone {
    match parse_phone(input) {
        Ok(p) => p,
        Err(e) => panic!("{input:?} should parse, got: {e}"),
    }
}

fn hotline(input: &str) -> Phone {
    match parse_hotline(input) {
        Ok(p) => p,
        Err(e) => panic!("{input:?} should parse as a hotline, got: {e}"),
    }
}

fn assert_mobile(input: &str) {
    let p = phone(input);
    assert_eq!(p.kind, PhoneKind::Mobile, "{input:?}");
    assert_eq!(p.e164, "+8613912345678", "{input:?}");
    assert_eq!(p.display, "139 1234 5678", "{input:?}");
}

#[test]
fn mobile_in_many_written_forms() {
    for input in [
        "13912345678",
        "139 1234 5678",
        "139-1234-5678",
        "139.1234.5678",
        "(139)12345678",
        "+8613912345678",
        "+86 139-1234-5678",
        "+86 139 1234 5678",
        "+86-13912345678",
        "008613912345678",
        "0086 139 1234 5678",
        "  13912345678\t",
        "\u{3000}139 1234 5678\u{3000}",
    ] {
        assert_mobile(input);
    }
}

#[test]
fn mobile_in_full_width_characters() {
    for input in [
        "１３９１２３４５６７８",
        "１３９－１２３４－５６７８",
        "＋８６　１３９　１２３４　５６７８",
        "（１３９）１２３４．５６７８",
        "139–1234–5678",
    ] {
        assert_mobile(input);
    }
}

#[test]
fn other_mobile_prefixes() {
    for (input, e164, display) in [
        ("18612345678", "+8618612345678", "186 1234 5678"),
        ("150 0000 1234", "+8615000001234", "150 0000 1234"),
        ("17012345678", "+8617012345678", "170 1234 5678"),
        ("19912345678", "+8619912345678", "199 1234 5678"),
    ] {
        let p = phone(input);
        assert_eq!(
            (p.kind, p.e164.as_str(), p.display.as_str()),
            (PhoneKind::Mobile, e164, display)
        );
    }
}

#[test]
fn landlines_with_area_code_in_many_forms() {
    let cases = [
        ("0534-2212345", "+865342212345", "0534-2212345"),
        ("0534 2212345", "+865342212345", "0534-2212345"),
        ("05342212345", "+865342212345", "0534-2212345"),
        ("(0534)2212345", "+865342212345", "0534-2212345"),
        ("(0534) 221-2345", "+865342212345", "0534-2212345"),
        (
            "（０５３４）２２１２３４５",
            "+865342212345",
            "0534-2212345",
        ),
        ("０５３４－２２１２３４５", "+865342212345", "0534-2212345"),
        ("+86 534 2212345", "+865342212345", "0534-2212345"),
        ("+86 (0534) 2212345", "+865342212345", "0534-2212345"),
        ("+86-0534-2212345", "+865342212345", "0534-2212345"),
        ("0086 534 221 2345", "+865342212345", "0534-2212345"),
        ("010-12345678", "+861012345678", "010-12345678"),
        ("010 1234 5678", "+861012345678", "010-12345678"),
        ("+86 10 1234 5678", "+861012345678", "010-12345678"),
        ("020-12345678", "+862012345678", "020-12345678"),
        ("021-61234567", "+862161234567", "021-61234567"),
        ("0755-26123456", "+8675526123456", "0755-26123456"),
        ("0532-12345678", "+8653212345678", "0532-12345678"),
        ("0999-1234567", "+869991234567", "0999-1234567"),
    ];
    for (input, e164, display) in cases {
        let p = phone(input);
        assert_eq!(p.kind, PhoneKind::Landline, "{input:?}");
        assert_eq!(p.e164, e164, "{input:?}");
        assert_eq!(p.display, display, "{input:?}");
    }
}

#[test]
fn landline_area_code_agrees_with_library_grouping() {
    // Our two/three-digit area code rule must match the library's own
    // first group, or the dash would land in the wrong place.
    for input in [
        "0534-2212345",
        "010-12345678",
        "020-12345678",
        "0755-26123456",
    ] {
        let p = phone(input);
        let parsed = phonenumber::parse(Some(country::CN), input).expect("parses");
        let national = library_national_format(&parsed);
        let library_area = national.split(' ').next().unwrap_or_default();
        let our_area = p.display.split('-').next().unwrap_or_default();
        assert_eq!(library_area, our_area, "{input:?}");
    }
}

#[test]
fn tel_uri_uses_e164() {
    assert_eq!(phone("139-1234-5678").tel_uri(), "tel:+8613912345678");
    assert_eq!(phone("0534-2212345").tel_uri(), "tel:+865342212345");
    assert_eq!(hotline("12345").tel_uri(), "tel:12345");
    assert_eq!(hotline("400-123-4567").tel_uri(), "tel:+864001234567");
}

#[test]
fn bare_local_number_is_refused_with_area_code_advice() {
    for input in [
        "2212345",
        "22123456",
        "221-2345",
        "6221 2345",
        "２２１２３４５",
    ] {
        let err = parse_phone(input).expect_err(input);
        assert!(
            matches!(err, PhoneError::NoAreaCode { .. }),
            "{input:?}: {err:?}"
        );
        // Hotline fields must not accept them either.
        assert!(parse_hotline(input).is_err(), "{input:?}");
    }
    let message = parse_phone("2212345").expect_err("bare").to_string();
    assert_eq!(
        message,
        "`2212345` has no area code: write it with the area code, like 0534-2212345"
    );
}

#[test]
fn local_number_behind_country_code_is_refused() {
    // The library reads these as Tianjin (22) with a 5–6 digit local part.
    for input in ["+862212345", "+86 22123456", "0086 2212345"] {
        let err = parse_phone(input).expect_err(input);
        assert!(
            matches!(err, PhoneError::NoAreaCode { .. }),
            "{input:?}: {err:?}"
        );
    }
}

#[test]
fn empty_and_blank_are_refused() {
    assert_eq!(parse_phone(""), Err(PhoneError::Empty));
    assert_eq!(parse_phone("   "), Err(PhoneError::Empty));
    assert_eq!(parse_phone("\u{3000}"), Err(PhoneError::Empty));
    assert_eq!(parse_hotline(""), Err(PhoneError::Empty));
    assert!(matches!(
        parse_phone("- ( ) -"),
        Err(PhoneError::NoDigits { .. })
    ));
    assert!(matches!(parse_phone("+"), Err(PhoneError::NoDigits { .. })));
}

#[test]
fn letters_and_notes_are_refused() {
    for (input, found) in [
        ("abc", 'a'),
        ("139I2345678", 'I'),
        ("0534-2212345 ext 8001", 'e'),
        ("0534-2212345转8001", '转'),
        ("tel:13912345678", 't'),
        ("13912345678 (办公室)", '办'),
        ("139１２３４ｏ６７８", 'o'),
        ("139+12345678", '+'),
        ("++8613912345678", '+'),
    ] {
        let err = parse_phone(input).expect_err(input);
        assert_eq!(
            err,
            PhoneError::InvalidCharacter {
                input: input.trim().to_owned(),
                found
            },
            "{input:?}"
        );
    }
}

#[test]
fn invalid_numbers_are_refused() {
    for input in [
        "1391234567",    // mobile one digit short
        "139123456789",  // one digit long
        "12345678901",   // no such mobile prefix
        "10012345678",   // neither mobile nor landline
        "0534-221234",   // local part too short
        "01012345",      // Beijing + 5 digits
        "1065712345678", // SMS gateway range
        "000",           // not a number at all
        "0",             // far too short
        "123456789012345678901234567890",
        "99999999999999999999",
    ] {
        let err = parse_phone(input).expect_err(input);
        assert!(
            matches!(
                err,
                PhoneError::Invalid { .. } | PhoneError::NoAreaCode { .. }
            ),
            "{input:?}: {err:?}"
        );
    }
}

#[test]
fn foreign_numbers_are_refused() {
    for (input, code) in [
        ("+1 650 253 0000", 1),
        ("+852 2123 4567", 852),
        ("00852 2123 4567", 852),
        ("+886 912 345 678", 886),
        ("+44 20 7946 0000", 44),
    ] {
        let err = parse_phone(input).expect_err(input);
        assert_eq!(
            err,
            PhoneError::Foreign {
                input: input.to_owned(),
                country_code: code
            }
        );
        assert!(parse_hotline(input).is_err(), "{input:?}");
    }
}

#[test]
fn short_codes_only_in_hotlines() {
    for code in [
        "110", "119", "120", "12345", "12315", "10086", "95588", "96110",
    ] {
        let err = parse_phone(code).expect_err(code);
        assert!(matches!(err, PhoneError::ShortCode { .. }), "{code}");

        let p = hotline(code);
        assert_eq!(p.kind, PhoneKind::Service);
        assert_eq!(p.e164, code);
        assert_eq!(p.display, code);
    }
    let p = hotline(" １２３４５ ");
    assert_eq!((p.e164.as_str(), p.display.as_str()), ("12345", "12345"));
}

#[test]
fn short_looking_numbers_outside_service_blocks_are_refused() {
    for input in ["22123", "5588", "00110", "+86 12345", "12"] {
        assert!(parse_hotline(input).is_err(), "{input:?}");
    }
}

#[test]
fn service_400_and_800_numbers_only_in_hotlines() {
    for (input, e164, display) in [
        ("400-123-4567", "+864001234567", "400-123-4567"),
        ("4001234567", "+864001234567", "400-123-4567"),
        ("400 123 4567", "+864001234567", "400-123-4567"),
        ("+86 400 123 4567", "+864001234567", "400-123-4567"),
        ("４００－１２３－４５６７", "+864001234567", "400-123-4567"),
        ("800-810-8888", "+868008108888", "800-810-8888"),
    ] {
        let err = parse_phone(input).expect_err(input);
        assert!(matches!(err, PhoneError::ServiceNumber { .. }), "{input:?}");

        let p = hotline(input);
        assert_eq!(p.kind, PhoneKind::Service, "{input:?}");
        assert_eq!(p.e164, e164, "{input:?}");
        assert_eq!(p.display, display, "{input:?}");
    }
}

#[test]
fn hotline_accepts_personal_numbers_too() {
    assert_eq!(hotline("139 1234 5678"), phone("13912345678"));
    assert_eq!(hotline("(0534)2212345"), phone("0534-2212345"));
}

#[test]
fn every_error_message_says_what_to_do() {
    let errors = [
        parse_phone("").expect_err("empty"),
        parse_phone("--").expect_err("no digits"),
        parse_phone("abc").expect_err("letters"),
        parse_phone("2212345").expect_err("no area code"),
        parse_phone("12345").expect_err("short code"),
        parse_phone("400-123-4567").expect_err("service"),
        parse_phone("+1 650 253 0000").expect_err("foreign"),
        parse_phone("1391234567").expect_err("invalid"),
    ];
    for err in errors {
        let message = err.to_string();
        // "what is wrong: what to do"
        let (what, fix) = message
            .split_once(": ")
            .unwrap_or_else(|| panic!("no advice in {message:?}"));
        assert!(!what.is_empty() && fix.len() > 10, "{message:?}");
        assert!(
            fix.contains("write") || fix.contains("give") || fix.contains("check"),
            "{message:?}"
        );
    }
    assert!(
        parse_phone("12345")
            .expect_err("short")
            .to_string()
            .starts_with("`12345` is a short service code")
    );
}

#[test]
fn messages_quote_the_input_as_typed() {
    let err = parse_phone(" ２２１２３４５ ").expect_err("bare local");
    assert_eq!(
        err.to_string(),
        "`２２１２３４５` has no area code: write it with the area code, like 0534-2212345"
    );
}

/// Every four-digit start of a mobile-shaped number (and 17400–17409, where the metadata
/// looks at the sixth digit), each with two numbers of one block (so the second is
/// answered from the block), written plainly and in full-width digits: the block path must
/// give what the parser gives, valid or not.
#[test]
fn mobile_blocks_give_exactly_what_the_parser_gives() {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let parser = PhoneParser::default();
    let mut answered_from_blocks = 0;
    let starts: Vec<u64> = (1_300..2_000)
        .map(|start| start * 10 + next(10))
        .chain(17_400..17_410)
        .collect();
    for start in starts {
        let block = format!("{start}{:02}", next(100));
        for written in [
            format!("{block}{:04}", next(10_000)),
            format!("{block}{:04}", next(10_000)),
            format!("{}-{}", &block[..3], block[3..].to_owned() + "0000")
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                    other => other,
                })
                .collect(),
        ] {
            for policy in [ServicePolicy::Refuse, ServicePolicy::Accept] {
                let known = parser.mobile_blocks.lock().contains_key(&block);
                let fast = parser.parse_mobile_by_block(&written, policy);
                assert!(fast.is_some() || block.starts_with("179"), "{written}");
                if let Some(fast) = fast {
                    assert_eq!(fast, parse_uncached(&written, policy), "{written}");
                    answered_from_blocks += usize::from(known && fast.is_ok());
                }
            }
        }
    }
    // Most mobile-shaped blocks are real mobile blocks, and their later numbers were
    // answered without the parser.
    assert!(answered_from_blocks > 2_000, "{answered_from_blocks}");
    assert_eq!(
        parser.parse_mobile_by_block("+86 139 1234 5678", ServicePolicy::Refuse),
        None
    );
    assert_eq!(
        parser.parse_mobile_by_block("0534-2212345", ServicePolicy::Refuse),
        None
    );
}

#[test]
fn arbitrary_input_never_panics() {
    // A small deterministic generator over the characters that matter.
    let alphabet: Vec<char> = "0123456789+-() .x转０１＋－（）\u{3000}\u{FFFF}\u{1F600}"
        .chars()
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let len = (state >> 59) as usize + 1;
        let mut s = String::new();
        let mut bits = state;
        for _ in 0..len {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            bits ^= state >> 17;
            s.push(alphabet[(bits % alphabet.len() as u64) as usize]);
        }
        let _ = parse_phone(&s);
        let _ = parse_hotline(&s);
    }
}

/// Numbers are read with China's part of the crate's metadata alone (`phone/china.xml`); it
/// must be exactly the part the crate builds in, every pattern and format, or a crate update
/// that changed China's plan (a new mobile block) would go unread.
#[test]
fn the_china_metadata_is_the_crate_s_own() {
    let ours = CHINA.by_id("CN").expect("China is in china.xml");
    let crates = phonenumber::metadata::DATABASE
        .by_id("CN")
        .expect("China is in the crate's database");
    assert_eq!(format!("{ours:?}"), format!("{crates:?}"));
    assert_eq!(CHINA.iter().count(), 1);
}

/// Mobiles and 400/800 numbers are grouped and written in E.164 without the crate's formatter
/// (which loads its whole database): every block of four leading digits, and numbers the
/// crate calls toll-free or shared-cost, must come out as the formatter has them.
#[test]
fn our_groups_are_the_library_s() {
    let mut compared = 0;
    let blocks = (1300..2000).map(|b| format!("{b}5678912"));
    let services = (0..100).flat_map(|n| [format!("400{n:02}12345"), format!("800{n:02}12345")]);
    for national in blocks.chain(services) {
        let Ok(number) = phonenumber::parse_with(&CHINA, Some(country::CN), &national) else {
            continue;
        };
        if !number.is_valid_with(&CHINA) {
            continue;
        }
        assert_eq!(
            national_format(&number),
            library_national_format(&number),
            "{national}"
        );
        assert_eq!(
            parse_uncached(&national, ServicePolicy::Accept)
                .unwrap()
                .e164,
            number.format().mode(Mode::E164).to_string(),
            "{national}"
        );
        compared += 1;
    }
    // Every mobile block in use and the service numbers were compared, not skipped.
    assert!(compared > 500, "{compared}");
}
