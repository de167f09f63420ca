//! Tests of reading roster cells: leads from roles, and dates as clerks type them.

use super::member::date_cell;
use super::*;

#[test]
fn lead_roles() {
    for role in [
        "组长",
        "工作组组长",
        "驻村工作队队长",
        "第一书记",
        "第一书记兼队长",
    ] {
        assert!(role_marks_lead(role), "{role}");
    }
    for role in ["副组长", "副队长", "包村干部", "队员", "联村民警"] {
        assert!(!role_marks_lead(role), "{role}");
    }
}

#[test]
fn dates_in_the_ways_clerks_type_them() {
    let d = |s: &str| date_cell(&Cell::Text(s.into()));
    let want = Date::from_calendar_date(2023, time::Month::March, 9).ok();
    for s in [
        "2023-03-09",
        "2023/3/9",
        "2023.3.9",
        "2023年3月9日",
        "20230309",
    ] {
        assert_eq!(d(s), Ok(want), "{s}");
    }
    assert_eq!(date_cell(&Cell::Number(20230309.0)), Ok(want));
    assert_eq!(
        date_cell(&Cell::Date {
            year: 2023,
            month: 3,
            day: 9
        }),
        Ok(want)
    );
    assert!(
        d("2023-02-30")
            .unwrap_err()
            .contains("not a real calendar date")
    );
    assert!(d("下个月").unwrap_err().contains("YYYY-MM-DD"));
    assert!(date_cell(&Cell::Number(45000.0)).is_err());
    assert_eq!(date_cell(&Cell::Empty), Ok(None));
}
