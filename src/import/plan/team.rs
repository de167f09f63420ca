//! A roster's team merged into a record's `[[team]]` tables, keeping what the roster has no
//! column for.

use super::super::columns::Column;
use super::super::rows::{RosterMember, RosterUnit};
use super::super::toml_fields::{
    get_bool, get_str, set_date, set_flag, set_list, set_str, team_tables,
};
use std::collections::BTreeSet;
use toml_edit::{ArrayOfTables, Item, Table, value};

/// Merges the roster's team into a record's `[[team]]` tables. Existing entries are found by
/// person and keep every field the roster has no column for; entries of people no longer on
/// the roster's team are dropped. Returns whether the team changed.
pub(super) fn merge_team(table: &mut Table, unit: &RosterUnit, person_ids: &[String]) -> bool {
    let old = team_tables(table);
    let mut used = vec![false; old.len()];
    let mut updated: Vec<(Option<usize>, Table)> = Vec::with_capacity(unit.members.len());
    for member in &unit.members {
        let id = &person_ids[member.person];
        let found = (0..old.len())
            .find(|&i| !used[i] && get_str(&old[i], "person").as_deref() == Some(id.as_str()));
        let mut entry = match found {
            Some(i) => {
                used[i] = true;
                old[i].clone()
            }
            None => {
                let mut t = Table::new();
                t.insert("person", value(id.as_str()));
                t
            }
        };
        apply_member(&mut entry, member, &unit.owns);
        updated.push((found, entry));
    }

    // Keep the file's order when the board would show the same order (leads first, then as
    // written): an exported roster lists leads first, and re-importing it must not shuffle.
    let same_people = updated.len() == old.len() && used.iter().all(|u| *u);
    let mut in_old_order = updated.clone();
    in_old_order.sort_by_key(|(i, _)| *i);
    let order = |list: &[(Option<usize>, Table)]| -> Vec<String> {
        let mut v: Vec<(bool, String)> = list
            .iter()
            .map(|(_, t)| {
                (
                    !get_bool(t, "lead"),
                    get_str(t, "person").unwrap_or_default(),
                )
            })
            .collect();
        v.sort_by_key(|(not_lead, _)| *not_lead);
        v.into_iter().map(|(_, p)| p).collect()
    };
    let chosen = if same_people && order(&in_old_order) == order(&updated) {
        in_old_order
    } else {
        updated
    };

    let unchanged = chosen.len() == old.len()
        && chosen
            .iter()
            .zip(&old)
            .all(|((_, new), old)| new.to_string() == old.to_string());
    if unchanged {
        return false;
    }
    if chosen.is_empty() {
        table.remove("team");
        return true;
    }
    let position = match table.get("team") {
        Some(Item::ArrayOfTables(a)) => a.iter().find_map(Table::position),
        _ => None,
    };
    let mut array = ArrayOfTables::new();
    for (_, mut t) in chosen {
        if position.is_some() {
            t.set_position(position);
        }
        array.push(t);
    }
    table.insert("team", Item::ArrayOfTables(array));
    true
}

fn apply_member(entry: &mut Table, member: &RosterMember, owns: &BTreeSet<Column>) {
    let has = |c: Column| owns.contains(&c);
    if has(Column::Role) {
        set_str(entry, "role", member.role.as_deref());
    }
    if let Some(lead) = member.lead {
        set_flag(entry, "lead", lead);
    }
    if has(Column::Duties) {
        set_str(entry, "duties", member.duties.as_deref());
    }
    if has(Column::Covers) {
        set_list(entry, "covers", &member.covers);
    }
    if has(Column::Since) {
        set_date(entry, "since", member.since);
    }
    if has(Column::Until) {
        set_date(entry, "until", member.until);
    }
    if has(Column::Households) {
        super::super::campaign::apply_member(entry, member);
    }
}
