//! Tests of reading roster cells: leads from roles, and dates as clerks type them.

use super::date::date_cell;
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
    assert_eq!(date_cell(&Cell::Empty), Ok(None));
}

#[test]
fn excel_day_numbers_become_their_dates() {
    let want = Date::from_calendar_date(2023, time::Month::March, 9).ok();
    assert_eq!(date_cell(&Cell::Number(44994.0)), Ok(want));
    assert_eq!(date_cell(&Cell::Text("44994".into())), Ok(want));
    let new_year = Date::from_calendar_date(2000, time::Month::January, 1).ok();
    assert_eq!(date_cell(&Cell::Number(36526.0)), Ok(new_year));
    // A day number with a time of day, or far outside the years, is not taken as a date.
    assert!(date_cell(&Cell::Number(44994.5)).is_err());
    assert!(date_cell(&Cell::Number(450.0)).is_err());
}

#[test]
fn short_and_implausible_dates_are_refused_not_guessed() {
    let d = |s: &str| date_cell(&Cell::Text(s.into()));
    for short in ["3/9/23", "23-3-9", "09/03/2023", "3.9.23"] {
        let error = d(short).unwrap_err();
        assert!(error.contains("four-digit year"), "{short}: {error}");
    }
    for far in ["1900-01-01", "2101-01-01", "0003-09-23", "1948-12-31"] {
        let error = d(far).unwrap_err();
        assert!(error.contains("1949–2100"), "{far}: {error}");
    }
    assert!(d("1949-01-01").is_ok());
    assert!(d("2100-12-31").is_ok());
}
