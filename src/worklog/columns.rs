//! The work log's columns, in Chinese or English (and the spellings clerks' own sheets use), and
//! the words its cells hold: visit kinds, ledger categories and statuses.

use crate::import::cell_text::trim;
use crate::import::columns::{normalize, recognise};

/// The columns of one kind of log sheet.
pub(crate) trait LogColumn: Copy + PartialEq + Sized + 'static {
    const ALL: &'static [Self];
    /// A sheet's header row must name all of these.
    const REQUIRED: &'static [Self];
    /// The spec's Chinese header first, then its English one, then other spellings.
    fn names(self) -> &'static [&'static str];

    /// The spec's Chinese header.
    fn header(self) -> &'static str {
        self.names()[0]
    }

    /// The column a header cell names, if any (see [`recognise`]).
    fn from_header(text: &str) -> Option<Self> {
        recognise(text, |key| {
            Self::ALL
                .iter()
                .copied()
                .find(|c| c.names().iter().any(|n| normalize(n) == key))
        })
    }
}

/// A visit log (`content/visits/`): one row per visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum VisitColumn {
    Date,
    /// Not in the spec's table: a sheet with a 镇街 column names the unit by area and name.
    Area,
    Unit,
    People,
    Kind,
    Households,
    Topic,
}

impl LogColumn for VisitColumn {
    const ALL: &'static [Self] = &[
        VisitColumn::Date,
        VisitColumn::Area,
        VisitColumn::Unit,
        VisitColumn::People,
        VisitColumn::Kind,
        VisitColumn::Households,
        VisitColumn::Topic,
    ];
    const REQUIRED: &'static [Self] = &[VisitColumn::Date, VisitColumn::Unit, VisitColumn::People];

    fn names(self) -> &'static [&'static str] {
        match self {
            VisitColumn::Date => &["日期", "date", "走访日期", "活动日期", "走访时间", "时间"],
            VisitColumn::Area => &["镇街", "area", "乡镇", "镇", "街道", "township"],
            VisitColumn::Unit => &[
                "单位",
                "unit",
                "联系单位",
                "走访单位",
                "村",
                "村(社区)",
                "村居",
                "联系点",
            ],
            VisitColumn::People => &[
                "人员",
                "people",
                "走访人",
                "走访人员",
                "参加人员",
                "走访干部",
                "干部",
                "姓名",
            ],
            VisitColumn::Kind => &["形式", "kind", "走访形式", "活动形式", "方式", "类型"],
            VisitColumn::Households => &["户数", "households", "走访户数", "入户户数"],
            VisitColumn::Topic => &["内容", "topic", "走访内容", "活动内容", "主题", "事项"],
        }
    }
}

/// The problem ledger (`content/ledger/`): one row per problem raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum LedgerColumn {
    Id,
    /// As for visits: an optional 镇街 column.
    Area,
    Unit,
    Raised,
    Category,
    Summary,
    Owner,
    Due,
    Status,
    Closed,
}

impl LogColumn for LedgerColumn {
    const ALL: &'static [Self] = &[
        LedgerColumn::Id,
        LedgerColumn::Area,
        LedgerColumn::Unit,
        LedgerColumn::Raised,
        LedgerColumn::Category,
        LedgerColumn::Summary,
        LedgerColumn::Owner,
        LedgerColumn::Due,
        LedgerColumn::Status,
        LedgerColumn::Closed,
    ];
    const REQUIRED: &'static [Self] = &[
        LedgerColumn::Id,
        LedgerColumn::Unit,
        LedgerColumn::Raised,
        LedgerColumn::Status,
    ];

    fn names(self) -> &'static [&'static str] {
        match self {
            LedgerColumn::Id => &["编号", "id", "问题编号", "台账编号"],
            LedgerColumn::Area => &["镇街", "area", "乡镇", "镇", "街道", "township"],
            LedgerColumn::Unit => &[
                "单位",
                "unit",
                "联系单位",
                "所在单位",
                "村",
                "村(社区)",
                "村居",
            ],
            LedgerColumn::Raised => &["登记日期", "raised", "发现日期", "登记时间", "受理日期"],
            LedgerColumn::Category => &["类别", "category", "问题类别", "问题类型", "类型"],
            LedgerColumn::Summary => &["问题", "summary", "问题描述", "问题内容", "诉求内容"],
            LedgerColumn::Owner => &["责任人", "owner", "承办人", "包案领导"],
            LedgerColumn::Due => &["办理期限", "due", "期限", "办结时限", "完成时限"],
            LedgerColumn::Status => &["状态", "status", "办理状态", "办理情况"],
            LedgerColumn::Closed => &["办结日期", "closed", "办结时间", "完成日期"],
        }
    }
}

/// Where an entry is in the closed loop 发现→交办→处理→反馈.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    Open,
    Assigned,
    InProgress,
    Resolved,
    Answered,
}

impl Status {
    pub(crate) const ALL: [Status; 5] = [
        Status::Open,
        Status::Assigned,
        Status::InProgress,
        Status::Resolved,
        Status::Answered,
    ];

    /// The spec's Chinese word.
    pub(crate) fn chinese(self) -> &'static str {
        match self {
            Status::Open => "待办",
            Status::Assigned => "交办",
            Status::InProgress => "办理中",
            Status::Resolved => "已办结",
            Status::Answered => "已反馈",
        }
    }

    /// The spec's English word, also the key of its UI string (`status_<key>`).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Assigned => "assigned",
            Status::InProgress => "in_progress",
            Status::Resolved => "resolved",
            Status::Answered => "answered",
        }
    }

    /// 待办, 交办 and 办理中 are open; 已办结 and 已反馈 resolved.
    pub(crate) fn is_open(self) -> bool {
        matches!(self, Status::Open | Status::Assigned | Status::InProgress)
    }

    /// The Chinese or English word, or a common variant (`办结`, `in progress`).
    pub(crate) fn parse(text: &str) -> Option<Status> {
        let text = trim(text);
        let chinese = Status::ALL.into_iter().find(|s| s.chinese() == text);
        chinese
            .or(match text {
                "未办" | "未办理" | "待办理" => Some(Status::Open),
                "已交办" => Some(Status::Assigned),
                "在办" | "处理中" | "正在办理" => Some(Status::InProgress),
                "办结" | "已完成" | "已解决" => Some(Status::Resolved),
                "反馈" | "已回复" => Some(Status::Answered),
                _ => None,
            })
            .or_else(|| {
                let english = text.to_ascii_lowercase().replace([' ', '-'], "_");
                Status::ALL.into_iter().find(|s| s.key() == english)
            })
    }
}

/// A word of a closed list (visit kinds, ledger categories): its key for UI strings and its
/// Chinese name, with the English spellings read as the same word.
pub(crate) struct Word {
    pub(crate) key: &'static str,
    pub(crate) chinese: &'static str,
    pub(crate) english: &'static [&'static str],
}

/// The visit kinds the spec names. 入户 (home visits) is the one the quota counts.
pub(crate) const VISIT_KINDS: &[Word] = &[
    Word {
        key: "home",
        chinese: "入户",
        english: &["home", "home visit", "home visits", "home_visit"],
    },
    Word {
        key: "activity",
        chinese: "活动",
        english: &["activity", "event"],
    },
    Word {
        key: "meeting",
        chinese: "座谈",
        english: &["meeting", "forum"],
    },
    Word {
        key: "lecture",
        chinese: "宣讲",
        english: &["lecture", "talk"],
    },
    Word {
        key: "survey",
        chinese: "调研",
        english: &["survey", "research"],
    },
];

/// The ledger categories the spec names.
pub(crate) const CATEGORIES: &[Word] = &[
    Word {
        key: "infrastructure",
        chinese: "基础设施",
        english: &["infrastructure"],
    },
    Word {
        key: "employment",
        chinese: "就业",
        english: &["employment", "jobs"],
    },
    Word {
        key: "social_security",
        chinese: "社保",
        english: &["social security", "social_security", "pensions"],
    },
    Word {
        key: "education",
        chinese: "教育",
        english: &["education"],
    },
    Word {
        key: "medical",
        chinese: "医疗",
        english: &["medical", "health"],
    },
    Word {
        key: "housing",
        chinese: "住房",
        english: &["housing"],
    },
    Word {
        key: "environment",
        chinese: "环境",
        english: &["environment"],
    },
];

/// The word of `list` that `text` is (its Chinese name, or an English spelling in any case).
/// A visit kind that starts with its word (入户走访) is that kind.
pub(crate) fn find_word(list: &'static [Word], text: &str, prefix: bool) -> Option<usize> {
    let text = trim(text);
    list.iter().position(|w| {
        w.chinese == text
            || (prefix && text.starts_with(w.chinese))
            || w.english.iter().any(|e| e.eq_ignore_ascii_case(text))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_either_language_and_clerks_spellings() {
        assert_eq!(VisitColumn::from_header("日期"), Some(VisitColumn::Date));
        assert_eq!(VisitColumn::from_header("Date"), Some(VisitColumn::Date));
        assert_eq!(
            VisitColumn::from_header("走访人员"),
            Some(VisitColumn::People)
        );
        assert_eq!(
            VisitColumn::from_header("户数（户）"),
            Some(VisitColumn::Households)
        );
        assert_eq!(VisitColumn::from_header("备注"), None);
        assert_eq!(
            LedgerColumn::from_header("办理期限"),
            Some(LedgerColumn::Due)
        );
        assert_eq!(
            LedgerColumn::from_header("*状态"),
            Some(LedgerColumn::Status)
        );
        assert_eq!(
            LedgerColumn::from_header("closed"),
            Some(LedgerColumn::Closed)
        );
        for c in VisitColumn::ALL {
            assert_eq!(VisitColumn::from_header(c.names()[0]), Some(*c));
            assert_eq!(VisitColumn::from_header(c.names()[1]), Some(*c));
        }
        for c in LedgerColumn::ALL {
            assert_eq!(LedgerColumn::from_header(c.names()[0]), Some(*c));
            assert_eq!(LedgerColumn::from_header(c.names()[1]), Some(*c));
        }
    }

    #[test]
    fn statuses_in_chinese_and_english() {
        assert_eq!(Status::parse("待办"), Some(Status::Open));
        assert_eq!(Status::parse(" 办理中 "), Some(Status::InProgress));
        assert_eq!(Status::parse("In progress"), Some(Status::InProgress));
        assert_eq!(Status::parse("in_progress"), Some(Status::InProgress));
        assert_eq!(Status::parse("RESOLVED"), Some(Status::Resolved));
        assert_eq!(Status::parse("已反馈"), Some(Status::Answered));
        assert_eq!(Status::parse("办结"), Some(Status::Resolved));
        assert_eq!(Status::parse("搁置"), None);
        let open: Vec<_> = Status::ALL.into_iter().filter(|s| s.is_open()).collect();
        assert_eq!(open, [Status::Open, Status::Assigned, Status::InProgress]);
    }

    #[test]
    fn kinds_and_categories_are_found_by_either_name() {
        assert_eq!(find_word(VISIT_KINDS, "入户", true), Some(0));
        assert_eq!(find_word(VISIT_KINDS, "入户走访", true), Some(0));
        assert_eq!(find_word(VISIT_KINDS, "Home visit", true), Some(0));
        assert_eq!(find_word(VISIT_KINDS, "座谈", true), Some(2));
        assert_eq!(find_word(VISIT_KINDS, "义诊", true), None);
        assert_eq!(find_word(CATEGORIES, "社保", false), Some(2));
        assert_eq!(find_word(CATEGORIES, "Housing", false), Some(5));
        assert_eq!(find_word(CATEGORIES, "基础设施建设", false), None);
    }
}
