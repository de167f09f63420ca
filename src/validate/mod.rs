//! Checks on single values: phone numbers, and identifiers that must never be published.

pub(crate) mod encoding;
pub(crate) mod idnumber;
pub(crate) mod phone;

/// Folds the full-width forms Chinese input methods type (U+FF01..=U+FF5E, the block that
/// mirrors ASCII 0x21..=0x7E: digits, `＋`, `－`, `（`, `Ｘ` …) to ASCII, the ideographic
/// and other Unicode spaces to a space, and Unicode dashes and the minus sign to `-`. One
/// character for one, so columns counted on the folded text stay right.
pub(crate) fn fold_full_width(ch: char) -> char {
    match ch {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(ch) - 0xFEE0).unwrap_or(ch),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' => '-',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_fold_one_for_one() {
        let typed = "（０５３４）２２１－２３４５　１２３Ｘｘ＋８６‐—−";
        let folded: String = typed.chars().map(fold_full_width).collect();
        assert_eq!(folded, "(0534)221-2345 123Xx+86---");
        assert_eq!(folded.chars().count(), typed.chars().count());
        assert_eq!(fold_full_width('刘'), '刘');
    }
}
