//! The roster's columns: the spec's Chinese and English headers, plus the spellings clerks'
//! own sheets use for them (联系电话, 手机号, 村（社区）...).
//!
//! Export writes [`Column::EXPORTED`] under their Chinese headers, so that importing an exported
//! roster reads back every field the roster owns.

/// One column of a roster. Which columns a sheet has decides which fields import owns:
/// a field whose column is absent is never touched in existing records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Column {
    Area,
    Unit,
    Kind,
    Name,
    Title,
    Org,
    Role,
    Phone,
    Photo,
    Covers,
    Since,
    /// Extensions beyond the spec's table, so that export → import loses nothing.
    Until,
    Duties,
    Lead,
    OfficePhone,
    Checked,
    /// The campaign fields: a person's rank, a member's household count, the unit's
    /// organizations linked as a whole.
    Rank,
    Households,
    Orgs,
}

impl Column {
    pub(crate) const ALL: [Column; 19] = [
        Column::Area,
        Column::Unit,
        Column::Kind,
        Column::Name,
        Column::Title,
        Column::Org,
        Column::Role,
        Column::Phone,
        Column::Photo,
        Column::Covers,
        Column::Since,
        Column::Until,
        Column::Duties,
        Column::Lead,
        Column::OfficePhone,
        Column::Checked,
        Column::Rank,
        Column::Households,
        Column::Orgs,
    ];

    /// What an exported roster holds, in this order.
    pub(crate) const EXPORTED: [Column; 19] = Column::ALL;

    /// The columns that describe the person or the assignment (not the unit): a row with any
    /// of them filled in is about a person and so needs a name.
    /// `ALL` lists the unit's own columns (area, unit, kind) first and its orgs last; every
    /// column between them.
    pub(crate) const PERSON: &'static [Column] =
        Column::ALL.split_at(3).1.split_at(Column::ALL.len() - 4).0;

    /// The header the spec gives (and export writes).
    pub(crate) fn chinese(self) -> &'static str {
        match self {
            Column::Area => "镇街",
            Column::Unit => "单位",
            Column::Kind => "类型",
            Column::Name => "姓名",
            Column::Title => "职务",
            Column::Org => "派出单位",
            Column::Role => "角色",
            Column::Phone => "电话",
            Column::Photo => "照片",
            Column::Covers => "联系户",
            Column::Since => "起始日期",
            Column::Until => "结束日期",
            Column::Duties => "职责",
            Column::Lead => "负责人",
            Column::OfficePhone => "办公电话",
            Column::Checked => "核实日期",
            Column::Rank => "级别",
            Column::Households => "联系户数",
            Column::Orgs => "联系单位",
        }
    }

    /// The English header, which is also the record field it fills.
    pub(crate) fn english(self) -> &'static str {
        match self {
            Column::Area => "area",
            Column::Unit => "unit",
            Column::Kind => "kind",
            Column::Name => "name",
            Column::Title => "title",
            Column::Org => "org",
            Column::Role => "role",
            Column::Phone => "phone",
            Column::Photo => "photo",
            Column::Covers => "covers",
            Column::Since => "since",
            Column::Until => "until",
            Column::Duties => "duties",
            Column::Lead => "lead",
            Column::OfficePhone => "office_phone",
            Column::Checked => "checked",
            Column::Rank => "rank",
            Column::Households => "households",
            Column::Orgs => "orgs",
        }
    }

    /// Other headers seen on township rosters for the same column.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Area => &[
                "乡镇",
                "镇",
                "街道",
                "乡镇街道",
                "镇(街道)",
                "乡镇(街道)",
                "所属镇街",
                "township",
            ],
            Column::Unit => &[
                "单位名称",
                "村",
                "村居",
                "村(社区)",
                "村社区",
                "联系点",
                "unit name",
            ],
            Column::Kind => &["单位类型", "type"],
            Column::Name => &["干部姓名", "人员姓名"],
            Column::Title => &["现任职务", "position"],
            Column::Org => &["工作单位", "所在单位", "organization"],
            Column::Role => &["身份", "岗位"],
            Column::Phone => &[
                "联系电话",
                "手机",
                "手机号",
                "手机号码",
                "电话号码",
                "mobile",
            ],
            Column::Photo => &["相片", "照片文件"],
            Column::Covers => &["联系农户", "包联户", "联系户(楼栋)"],
            Column::Since => &["开始日期", "起始时间", "开始时间", "start date"],
            Column::Until => &["截止日期", "结束时间", "end date"],
            Column::Duties => &["分工", "工作职责"],
            Column::Lead => &["是否负责人", "牵头人"],
            Column::OfficePhone => &["座机", "办公室电话", "office phone"],
            Column::Checked => &["核实时间", "电话核实日期"],
            Column::Rank => &["职级", "干部级别"],
            Column::Households => &["包联户数", "联系农户数"],
            Column::Orgs => &["包联单位", "结对单位"],
        }
    }

    /// The column a header cell names, if any. Spaces, `*` (required-field marks), a trailing
    /// colon, letter case and full-width brackets do not matter, nor does a bracketed note
    /// after the name (`电话（必填）`).
    pub(crate) fn from_header(text: &str) -> Option<Column> {
        recognise(text, |key| {
            Column::ALL.into_iter().find(|c| {
                normalize(c.chinese()) == key
                    || normalize(c.english()) == key
                    || c.aliases().iter().any(|a| normalize(a) == key)
            })
        })
    }
}

/// The column a header cell names, as `find` knows columns by their [`normalize`]d names: the
/// header as written, else without a bracketed note after the name.
pub(crate) fn recognise<C>(text: &str, find: impl Fn(&str) -> Option<C>) -> Option<C> {
    let key = normalize(text);
    if key.is_empty() {
        return None;
    }
    find(&key).or_else(|| {
        let without_note = key.split('(').next().unwrap_or("");
        (!without_note.is_empty() && without_note != key)
            .then(|| find(without_note))
            .flatten()
    })
}

/// A header as compared: without spaces, `*`, `_`, `-` or a trailing colon, lower case, with
/// full-width brackets made plain.
pub(crate) fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | '_' | '-'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other.to_ascii_lowercase(),
        })
        .collect::<String>()
        .trim_end_matches([':', '：'])
        .to_string()
}

/// `A`, `B` ... `Z`, `AA` ...: the column letters Excel shows, from a 0-based index.
pub(crate) fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn person_columns_are_all_but_the_units_own() {
        for own in [Column::Area, Column::Unit, Column::Kind, Column::Orgs] {
            assert!(!Column::PERSON.contains(&own), "{own:?}");
        }
        assert_eq!(Column::PERSON.len() + 4, Column::ALL.len());
        assert!(Column::PERSON.contains(&Column::Name) && Column::PERSON.contains(&Column::Phone));
    }

    use super::*;

    #[test]
    fn headers_in_either_language_and_common_spellings() {
        assert_eq!(Column::from_header("镇街"), Some(Column::Area));
        assert_eq!(Column::from_header("Area"), Some(Column::Area));
        assert_eq!(Column::from_header(" 联系电话 "), Some(Column::Phone));
        assert_eq!(Column::from_header("*姓名"), Some(Column::Name));
        assert_eq!(Column::from_header("电话（必填）"), Some(Column::Phone));
        assert_eq!(Column::from_header("村（社区）"), Some(Column::Unit));
        assert_eq!(
            Column::from_header("office phone"),
            Some(Column::OfficePhone)
        );
        assert_eq!(Column::from_header("起始日期："), Some(Column::Since));
        assert_eq!(Column::from_header("备注"), None);
        assert_eq!(Column::from_header(""), None);
        assert_eq!(Column::from_header("（）"), None);
    }

    #[test]
    fn every_header_maps_back_to_its_column() {
        for c in Column::ALL {
            assert_eq!(Column::from_header(c.chinese()), Some(c));
            assert_eq!(Column::from_header(c.english()), Some(c));
        }
    }

    #[test]
    fn column_letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(5), "F");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }
}
