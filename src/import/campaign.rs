//! The roster's campaign columns: 级别 (a person's rank), 联系户数 (how many households a member
//! links) and 联系单位 (the organizations linked to a unit as a whole), read from the cells and
//! written into the records only where their meaning changes.

use super::rows::{RosterMember, RosterPerson, RosterUnit};
use super::sheet::Cell;
use super::toml_fields::{set_list, set_str};
use crate::msg;
use toml_edit::{Item, Table, Value};

/// A list typed into one cell: `1组、2组`, `县农机局；县教育局`.
pub(crate) fn list_cell(text: Option<String>) -> Vec<String> {
    text.map(|c| {
        c.split(['、', ';', '；', ',', '，', '\n'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

/// Adds the organizations a further row of the same unit names, keeping the first order.
pub(crate) fn add_orgs(orgs: &mut Vec<String>, more: Vec<String>) {
    for org in more {
        if !orgs.contains(&org) {
            orgs.push(org);
        }
    }
}

/// A 联系户数 cell: a whole number of households (`5`, `5.0` as Excel stores it, `5户`).
pub(crate) fn households_cell(cell: &Cell) -> Result<Option<u32>, String> {
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX) => {
            return Ok(Some(*n as u32));
        }
        other => other.text(),
    };
    let digits = text.trim().trim_end_matches('户').trim();
    digits
        .parse::<u32>()
        .map(Some)
        .map_err(|_| msg!("campaign-import-bad-households", value = text))
}

/// The first row's rank stays; a different one on a later row is named in the warning.
pub(crate) fn merge_rank(first: &mut Option<String>, later: Option<String>) -> Option<String> {
    match (first.as_deref(), later) {
        (None, Some(rank)) => {
            *first = Some(rank);
            None
        }
        (Some(kept), Some(other)) if kept != other => Some(msg!(
            "campaign-import-rank-differs",
            rank = other,
            kept = kept
        )),
        _ => None,
    }
}

/// A new person record's rank.
pub(crate) fn new_person(table: &mut Table, person: &RosterPerson) {
    set_str(table, "rank", person.rank.as_deref());
}

/// An existing person record's rank, when the roster has a 级别 column. Returns whether it
/// changed.
pub(crate) fn update_person(table: &mut Table, person: &RosterPerson) -> bool {
    set_str(table, "rank", person.rank.as_deref())
}

/// A team entry's household count, when the roster has a 联系户数 column.
pub(crate) fn apply_member(entry: &mut Table, member: &RosterMember) {
    set_count(entry, "households", member.households);
}

/// A unit's `orgs`, when the roster has a 联系单位 column. Returns whether they changed.
pub(crate) fn apply_unit(table: &mut Table, unit: &RosterUnit) -> bool {
    set_list(table, "orgs", &unit.orgs)
}

/// A whole-number field (`None` removes it). Returns whether the file changes.
fn set_count(table: &mut Table, key: &str, wanted: Option<u32>) -> bool {
    let current = table
        .get(key)
        .and_then(Item::as_integer)
        .and_then(|n| u32::try_from(n).ok());
    if current == wanted {
        return false;
    }
    match wanted {
        Some(n) => match table.get_mut(key) {
            Some(Item::Value(old)) => {
                let decor = old.decor().clone();
                *old = Value::from(i64::from(n));
                *old.decor_mut() = decor;
            }
            _ => {
                table.insert(key, Item::Value(Value::from(i64::from(n))));
            }
        },
        None => {
            table.remove(key);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml_edit::DocumentMut;

    #[test]
    fn household_counts_as_clerks_type_them() {
        assert_eq!(households_cell(&Cell::Number(5.0)), Ok(Some(5)));
        assert_eq!(households_cell(&Cell::Text(" 12户 ".into())), Ok(Some(12)));
        assert_eq!(households_cell(&Cell::Empty), Ok(None));
        assert!(households_cell(&Cell::Number(2.5)).is_err());
        assert!(households_cell(&Cell::Text("五户".into())).is_err());
        assert!(households_cell(&Cell::Number(-1.0)).is_err());
    }

    #[test]
    fn a_count_is_written_only_when_it_changes_and_keeps_its_comment() {
        let mut doc: DocumentMut = "person = \"a\"\nhouseholds = 5 # 2024\n".parse().unwrap();
        let before = doc.to_string();
        assert!(!set_count(doc.as_table_mut(), "households", Some(5)));
        assert_eq!(doc.to_string(), before);
        assert!(set_count(doc.as_table_mut(), "households", Some(6)));
        assert_eq!(doc.to_string(), "person = \"a\"\nhouseholds = 6 # 2024\n");
        assert!(set_count(doc.as_table_mut(), "households", None));
        assert_eq!(doc.to_string(), "person = \"a\"\n");
    }

    #[test]
    fn organizations_from_several_rows_are_joined_in_order() {
        let mut orgs = list_cell(Some("县农机局、县教育局".into()));
        add_orgs(&mut orgs, list_cell(Some("县教育局；县水利局".into())));
        assert_eq!(orgs, ["县农机局", "县教育局", "县水利局"]);
    }
}
