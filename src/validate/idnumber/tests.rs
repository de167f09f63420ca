//! Tests of the identifier scanner: resident IDs and bank cards in every written form, and ordinary
//! numbers left alone.

use super::*;

/// Builds a valid fictional 18-character ID from its first 17 digits.
fn make_id(first17: &str) -> String {
    let check = resident_id_check_char(first17).expect("17 digits");
    format!("{first17}{check}")
}

/// Appends the Luhn check digit to `body`.
fn make_card(body: &str) -> String {
    (0..10)
        .map(|d| format!("{body}{d}"))
        .find(|c| passes_luhn(c))
        .expect("one digit always fits")
}

/// A fictional ID whose check character is X, found by varying the
/// sequence number.
fn id_with_x() -> String {
    (0..1000)
        .map(|seq| make_id(&format!("37142819900307{seq:03}")))
        .find(|id| id.ends_with('X'))
        .expect("about one in eleven ends in X")
}

fn to_full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' | 'X' | '-' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
            ' ' => '\u{3000}',
            other => other,
        })
        .collect()
}

fn kinds(text: &str) -> Vec<SensitiveKind> {
    scan(text).into_iter().map(|m| m.kind).collect()
}

#[test]
fn check_character_matches_the_standard() {
    // Worked example from GB 11643-1999: 11010519491231002X.
    assert_eq!(resident_id_check_char("11010519491231002"), Some('X'));
    assert!(is_resident_id("11010519491231002X"));
    // Another widely quoted example: 440524188001010014.
    assert_eq!(resident_id_check_char("44052418800101001"), Some('4'));
    assert_eq!(resident_id_check_char("1234"), None);
    assert_eq!(resident_id_check_char("1101051949123100a"), None);
}

#[test]
fn finds_a_plain_resident_id_with_position_and_mask() {
    let id = make_id("37142819900307123");
    let text = format!("村委会公示\n联系人：张三，身份证号{id}，电话13912345678");
    let found = scan(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    let m = &found[0];
    assert_eq!(m.kind, SensitiveKind::ResidentId);
    assert_eq!(m.line, 2);
    // "联系人：张三，身份证号" is 11 characters.
    assert_eq!(m.column, 12);
    assert_eq!(m.masked, format!("371428********{}", &id[14..]));
    assert!(!m.masked.contains(&id[6..14]), "birth date leaked");
    assert!(m.kind.is_error());
}

#[test]
fn finds_id_ending_in_x_in_either_case() {
    let id = id_with_x();
    for written in [id.clone(), id.to_lowercase()] {
        let found = scan(&written);
        assert_eq!(found.len(), 1, "{written}");
        assert_eq!(found[0].kind, SensitiveKind::ResidentId);
        assert!(found[0].masked.ends_with('X'));
        assert_eq!(found[0].masked, format!("371428********{}", &id[14..]));
    }
}

#[test]
fn finds_full_width_ids() {
    let id = id_with_x();
    let text = format!("号码：{}。", to_full_width(&id));
    let found = scan(&text);
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(found[0].kind, SensitiveKind::ResidentId);
    assert_eq!(found[0].column, 4);
    assert_eq!(found[0].masked, format!("371428********{}", &id[14..]));
    assert!(found[0].masked.is_ascii());
}

#[test]
fn finds_grouped_ids() {
    let id = make_id("11010519850615042");
    let (area, birth, rest) = (&id[..6], &id[6..14], &id[14..]);
    let written = [
        format!("{area} {birth} {rest}"),
        format!("{area}-{birth}-{rest}"),
        format!("{} {} {} {}", &id[..6], &id[6..10], &id[10..14], &id[14..]),
        format!(
            "{} {} {} {} {}",
            &id[..4],
            &id[4..8],
            &id[8..12],
            &id[12..16],
            &id[16..]
        ),
        format!("{} {} {}", &id[..6], &id[6..12], &id[12..]),
        to_full_width(&format!("{area} {birth} {rest}")),
        to_full_width(&format!("{area}-{birth}-{rest}")),
    ];
    for text in written {
        let found = scan(&format!("身份证：{text}"));
        assert_eq!(
            kinds(&format!("身份证：{text}")),
            [SensitiveKind::ResidentId],
            "{text}"
        );
        assert_eq!(found[0].column, 5, "{text}");
        assert_eq!(found[0].masked, format!("110105********{}", &id[14..]));
    }
}

#[test]
fn grouped_id_next_to_other_numbers_is_still_found() {
    let id = make_id("11010519850615042");
    let grouped = format!("{} {} {}", &id[..6], &id[6..14], &id[14..]);
    for text in [
        format!("13912345678 {grouped}"),
        format!("2024-03-07 {grouped} 0534-2212345"),
        format!("{grouped} 12"),
    ] {
        assert_eq!(kinds(&text), [SensitiveKind::ResidentId], "{text}");
    }
}

#[test]
fn eighteen_digit_card_outside_province_codes_is_a_card() {
    let card = make_card("40000000000000002");
    assert_eq!(card.len(), 18);
    assert_eq!(kinds(&card), [SensitiveKind::CardNumber]);
}

#[test]
fn mixed_or_doubled_separators_do_not_join_groups() {
    let id = make_id("11010519850615042");
    for text in [
        format!("{} {}-{}", &id[..6], &id[6..14], &id[14..]),
        format!("{}  {} {}", &id[..6], &id[6..14], &id[14..]),
        format!("{}, {} {}", &id[..6], &id[6..14], &id[14..]),
    ] {
        assert!(kinds(&text).is_empty(), "{text}");
    }
}

#[test]
fn rejects_wrong_check_digit_and_impossible_dates() {
    let id = make_id("37142819900307123");
    let check = id.chars().last().unwrap_or('0');
    let wrong = if check == '1' { '2' } else { '1' };
    assert!(kinds(&format!("{}{wrong}", &id[..17])).is_empty());

    for first17 in [
        "37142819900230123", // 30 February
        "37142819000229123", // 1900 was not a leap year
        "37142819901301123", // month 13
        "37142819900300123", // day 0
        "37142818991231123", // before 1900
        "37142821010101123", // after 2100
    ] {
        assert!(kinds(&make_id(first17)).is_empty(), "{first17}");
    }
    // 2000 was a leap year.
    assert_eq!(
        kinds(&make_id("37142820000229123")),
        [SensitiveKind::ResidentId]
    );
}

#[test]
fn wrong_check_digit_id_is_not_reported_as_a_card_either() {
    // Find an ID-shaped 18-digit string that fails MOD 11-2 but passes
    // Luhn, the case a naive card check would flag.
    let candidate = (0..1000)
        .map(|seq| format!("37142819900307{seq:03}"))
        .flat_map(|first17| (0..10).map(move |d| format!("{first17}{d}")))
        .find(|s| !is_resident_id(s) && passes_luhn(s))
        .expect("one in ten passes Luhn");
    assert!(kinds(&candidate).is_empty(), "{candidate}");
}

#[test]
fn id_inside_a_longer_digit_run_is_not_an_id() {
    let id = make_id("37142819900307123");
    for text in [format!("9{id}"), format!("{id}9"), format!("12{id}34")] {
        assert!(!kinds(&text).contains(&SensitiveKind::ResidentId), "{text}");
    }
}

#[test]
fn finds_old_fifteen_digit_ids_as_warnings() {
    let found = scan("旧证号 371428900307123 已作废");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, SensitiveKind::OldResidentId);
    assert_eq!(found[0].column, 5);
    assert_eq!(found[0].masked, "371428******123");
    assert!(!found[0].kind.is_error());

    assert_eq!(kinds("371428 900307 123"), [SensitiveKind::OldResidentId]);
    assert_eq!(
        kinds("３７１４２８９００３０７１２３"),
        [SensitiveKind::OldResidentId]
    );
    // Impossible date, unknown province, or a 16th digit: not an old ID.
    assert!(kinds("371428901307123").is_empty());
    assert!(kinds("371428000229123").is_empty()); // 1900-02-29
    assert!(kinds("991428900307123").is_empty());
    assert!(!kinds("3714289003071234").contains(&SensitiveKind::OldResidentId));
}

#[test]
fn finds_card_numbers_plain_and_grouped() {
    let card16 = make_card("622202123456789");
    let card19 = make_card("622848001234567890");
    assert_eq!(card19.len(), 19);

    let found = scan(&format!("工资卡 {card16}"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, SensitiveKind::CardNumber);
    assert_eq!(found[0].column, 5);
    assert_eq!(found[0].masked, format!("6222********{}", &card16[12..]));
    assert!(!found[0].kind.is_error());

    let spaced16 = format!(
        "{} {} {} {}",
        &card16[..4],
        &card16[4..8],
        &card16[8..12],
        &card16[12..]
    );
    let dashed19 = format!(
        "{}-{}-{}-{}-{}",
        &card19[..4],
        &card19[4..8],
        &card19[8..12],
        &card19[12..16],
        &card19[16..]
    );
    for text in [
        spaced16,
        dashed19.clone(),
        card19.clone(),
        to_full_width(&dashed19),
    ] {
        let found = scan(&text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].kind, SensitiveKind::CardNumber, "{text}");
        assert_eq!(found[0].column, 1);
    }
    // The 19-digit card is reported whole, not as its 16-digit prefix.
    assert_eq!(
        scan(&dashed19)[0].masked,
        format!("6228***********{}", &card19[15..])
    );
}

#[test]
fn card_number_failing_luhn_is_ignored() {
    let card = make_card("622202123456789");
    let last = card
        .chars()
        .last()
        .and_then(|c| c.to_digit(10))
        .unwrap_or(0);
    let broken = format!("{}{}", &card[..15], (last + 1) % 10);
    assert!(kinds(&broken).is_empty());
    assert!(passes_luhn("79927398713"));
    assert!(!passes_luhn("79927398710"));
}

#[test]
fn ordinary_board_numbers_are_not_flagged() {
    let text = "\
张三 村支书 13912345678 / 139 1234 5678 / +86 139-1234-5678
办公室 0534-2212345，(0534)2212345，010-12345678
统计用区划代码 371428104201，邮编 253600
公示日期 2024-03-07，2024年3月7日，20240307
更新于 2024-03-07T10:20:30+08:00，2024-03-07 10:20:30
文号 鲁政发〔2024〕12号 第 1 2 3 4 5 6 页
17 位 12345678901234567
监督电话 12345 400-123-4567
";
    assert_eq!(scan(text), []);
    // A row of 4-digit groups that is not a card (fails Luhn).
    assert_eq!(scan("1234 5678 1234 5678"), []);
}

#[test]
fn several_matches_in_reading_order() {
    let a = make_id("37142819900307123");
    let b = make_id("11010519850615042");
    let card = make_card("622202123456789");
    let text = format!("{a} {b}\n\n卡号：{card}；旧证 371428900307123\r\n");
    let found = scan(&text);
    let summary: Vec<(SensitiveKind, usize, usize)> =
        found.iter().map(|m| (m.kind, m.line, m.column)).collect();
    assert_eq!(
        summary,
        [
            (SensitiveKind::ResidentId, 1, 1),
            (SensitiveKind::ResidentId, 1, 20),
            (SensitiveKind::CardNumber, 3, 4),
            (SensitiveKind::OldResidentId, 3, 24),
        ]
    );
}

#[test]
fn masks_never_contain_the_full_number() {
    let id = make_id("37142819900307123");
    let card = make_card("622848001234567890");
    for text in [id.as_str(), card.as_str(), "371428900307123"] {
        for m in scan(text) {
            assert!(!m.masked.contains(text));
            assert_eq!(m.masked.len(), text.len());
            assert!(m.masked.contains("****"));
        }
    }
}

#[test]
fn describe_and_severity() {
    assert!(SensitiveKind::ResidentId.is_error());
    assert!(!SensitiveKind::OldResidentId.is_error());
    assert!(!SensitiveKind::CardNumber.is_error());
    for kind in [
        SensitiveKind::ResidentId,
        SensitiveKind::OldResidentId,
        SensitiveKind::CardNumber,
    ] {
        let phrase = kind.describe();
        assert!(
            phrase.starts_with("a ") || phrase.starts_with("an "),
            "{phrase}"
        );
    }
    assert!(SensitiveKind::CardNumber.describe().contains("card"));
}

#[test]
fn random_text_never_panics_and_masks_stay_masked() {
    let alphabet: Vec<char> = "0123456789Xx -０９Ｘ－\u{3000}a身\n\r🙂".chars().collect();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..2000 {
        let mut text = String::new();
        for _ in 0..60 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        for m in scan(&text) {
            assert!(m.masked.contains('*'), "{m:?}");
            assert!(m.line >= 1 && m.column >= 1);
        }
    }
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "\n\n\n",
        "X",
        "-",
        "1-",
        "1 X",
        "123X4",
        "１２３ｘ",
        "🙂371428199003071234🙂",
        "\u{FFFF}1\u{0}2",
    ] {
        let _ = scan(text);
    }
}

// Fuzz targets (proptest, a bounded number of cases in every `cargo test`): the scanner never
// panics, never prints a number whole, and finds a valid ID however a reader-ignored mark
// splits it.
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    #[test]
    fn fuzz_the_guard_read_by_bytes_counts_as_one_read_by_characters(
        // Digits, separators and check characters, full-width and ideographic forms, and the
        // characters either side of the range the guard passes over undecoded (U+4000–U+9FFF).
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "1", "12345", "0000000", " ", "-", ".", "\u{00B7}", "X", "x", "a", "/", "、",
            "３", "１２３４５", "－", "　", "\u{2010}", "\u{00A0}", "\u{3FFF}", "\u{4000}",
            "李", "\u{9FFF}", "\u{A000}", "\u{FF10}", "Ｘ", "①", "\u{1F600}",
        ]), 0..40),
    ) {
        let line = pieces.concat();
        for separators in [TYPED_SEPARATORS, READ_SEPARATORS] {
            // The guard as first written, character by character.
            let mut run = 0;
            let mut short = true;
            for ch in line.chars().map(crate::validate::fold_full_width) {
                if ch.is_ascii_digit() {
                    run += 1;
                    if run >= FEWEST_DIGITS {
                        short = false;
                        break;
                    }
                } else if !(separators.contains(&ch) || matches!(ch, 'X' | 'x')) {
                    run = 0;
                }
            }
            proptest::prop_assert_eq!(too_few_digits(&line, separators), short, "{:?}", line);
        }
    }

    #[test]
    fn fuzz_a_text_is_scanned_as_its_lines_are_one_by_one(
        lines in proptest::collection::vec(proptest::sample::select(vec![
            String::new(), "name = \"刘庄村\"".into(), "phone = \"139 1234 5678\"".into(),
            make_id("37142819900307123"), format!("证号 {}", make_id("11010519491231002")),
            "371428900307123".into(), make_card("622202123456789"), "１２３４５６７８９０１２３４５".into(),
            "1234567 1234567".into(), "12345678901234".into(),
        ]), 0..8),
    ) {
        let text = lines.join("\n");
        // Each line scanned on its own, as the whole text was before one pass looked first.
        let mut expected = Vec::new();
        for (i, line) in text.split('\n').enumerate() {
            let chars: Vec<char> = line.chars().map(crate::validate::fold_full_width).collect();
            for chain in chains(&chars, TYPED_SEPARATORS) {
                scan_chain(&chain, i + 1, false, &mut expected);
            }
        }
        proptest::prop_assert_eq!(scan(&text), expected, "{:?}", text);
    }

    #[test]
    fn fuzz_any_text_is_scanned_without_panic(text in "\\PC{0,200}") {
        for m in scan(&text).into_iter().chain(scan_as_read(&text)) {
            proptest::prop_assert!(m.masked.contains('*'));
        }
    }

    #[test]
    fn fuzz_a_split_id_is_found_as_read(
        // Up to 17: the check character split off on its own.
        at in 1usize..18,
        mark in proptest::sample::select(vec![" ", "-", ".", "\u{200B}", "\u{00AD}", "\u{2060}"]),
    ) {
        let id = "11010519491231002X";
        let split = format!("证号：{}{mark}{}。", &id[..at], &id[at..]);
        let seen: String = split.chars().filter(|c| !is_invisible(*c)).collect();
        let found = scan_as_read(&seen);
        proptest::prop_assert!(
            found.iter().any(|m| m.kind == SensitiveKind::ResidentId),
            "{split:?}"
        );
    }

    #[test]
    fn fuzz_the_guard_passes_over_only_lines_without_a_finding(
        which in 0usize..4,
        cuts in proptest::collection::vec(1usize..18, 0..4),
        mark in proptest::sample::select(vec![" ", "-", ".", "\u{00B7}", "\u{3000}", "/", "a"]),
        wide in proptest::bool::ANY,
        noise in "[0-9 a、-]{0,6}",
    ) {
        // An identifier of each kind and length, cut into groups, among other characters.
        let number = [
            make_id("37142819900307123"),
            "371428900307123".to_string(),
            make_card("622202123456789"),
            make_card("622202123456789012"),
        ][which].clone();
        let mut line = noise.clone();
        let mut at = 0;
        let mut cuts = cuts;
        cuts.sort_unstable();
        for cut in cuts.into_iter().filter(|&c| c < number.len()) {
            line.push_str(&number[at..cut]);
            line.push_str(mark);
            at = cut;
        }
        line.push_str(&number[at..]);
        line.push_str(&noise);
        if wide {
            line = to_full_width(&line);
        }
        for (separators, loose) in [(TYPED_SEPARATORS, false), (READ_SEPARATORS, true)] {
            if !too_few_digits(&line, separators) {
                continue;
            }
            let chars: Vec<char> = line.chars().map(crate::validate::fold_full_width).collect();
            let mut found = Vec::new();
            for chain in chains(&chars, separators) {
                scan_chain(&chain, 1, loose, &mut found);
            }
            proptest::prop_assert!(found.is_empty(), "{line:?}: {found:?}");
        }
    }
}

#[test]
fn a_check_character_split_off_on_its_own_is_found() {
    let id = id_with_x();
    let (digits, _) = id.split_at(17);
    // As a reader sees a line break, a table's cell border or a new paragraph: one space; and
    // the separators a reader reads through.
    for mark in [" ", "-", ".", "\u{00B7}"] {
        let seen = format!("证号：{digits}{mark}X。");
        let found = scan_as_read(&seen);
        assert_eq!(
            found.iter().map(|m| m.kind).collect::<Vec<_>>(),
            [SensitiveKind::ResidentId],
            "{seen:?}"
        );
        assert_eq!(found[0].masked, mask(&id, 6, 4));
    }
    // Typed in a record with a space or a dash before it, in either case.
    assert_eq!(kinds(&format!("{digits} X")), [SensitiveKind::ResidentId]);
    assert_eq!(kinds(&format!("{digits}-x")), [SensitiveKind::ResidentId]);
    // And in the groups people type, as read.
    let grouped = format!("{} {} {} X", &id[..6], &id[6..14], &id[14..17]);
    assert_eq!(
        scan_as_read(&grouped)
            .iter()
            .map(|m| m.kind)
            .collect::<Vec<_>>(),
        [SensitiveKind::ResidentId]
    );
}

#[test]
fn a_word_beginning_with_x_after_seventeen_digits_is_no_check_character() {
    let id = id_with_x();
    let digits = &id[..17];
    // A word after a number whose check character would be X: an order number and a brand.
    for text in [
        format!("订单号 {digits} Xiaomi 手机"),
        format!("订单号 {digits} XL 码"),
        format!("订单号 {digits} X1 型"),
    ] {
        assert_eq!(scan(&text), [], "{text}");
        assert_eq!(scan_as_read(&text), [], "{text}");
    }
    // A lone X after 17 digits whose check character is not X: no ID number either.
    let other = (0..1000)
        .map(|seq| make_id(&format!("37142819900307{seq:03}")))
        .find(|id| !id.ends_with('X'))
        .expect("most do not end in X");
    let text = format!("编号 {} X 型", &other[..17]);
    assert_eq!(scan(&text), [], "{text}");
    assert_eq!(scan_as_read(&text), [], "{text}");
}

#[test]
fn the_chain_guard_counts_full_width_digits_and_stops_at_fifteen() {
    let typed = TYPED_SEPARATORS;
    assert!(too_few_digits("电话 139 1000 0270，2026-01-01", typed));
    assert!(too_few_digits(
        "city-00/county-000/area-0000/u000000",
        typed
    ));
    assert!(!too_few_digits("371428900307123", typed));
    assert!(!too_few_digits("３７１４２８９００３０７１２３", typed));
    assert!(!too_few_digits("371428 19900307 123X", typed));
    // Dots join groups only as read.
    assert!(too_few_digits("371428.900307.123", typed));
    assert!(!too_few_digits("371428.900307.123", READ_SEPARATORS));
    // An ID on its own line is found among lines with too few digits to hold one.
    let id = make_id("37142819900307123");
    let text = format!("name = \"李\"\nphone = \"13910000001\"\nnote = \"{id}\"\n");
    let found = scan(&text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 3);
}
