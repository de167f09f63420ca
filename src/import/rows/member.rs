//! A row's person and assignment: name, phones, dates, lead, photo and households, each
//! cell read as clerks type it, and one roster person for each name and number.

use super::date::date_cell;
use super::*;

impl SheetReader<'_> {
    /// The person and assignment of a row, or `None` for a row that only names a unit.
    pub(super) fn read_member(
        &self,
        index: usize,
        row: &RowCells,
        problems: &mut Vec<BadRow>,
        roster: &mut Roster,
    ) -> Option<(RosterPerson, RosterMember)> {
        let Some(name) = row.text(Column::Name) else {
            if let Some(c) = Column::PERSON.iter().find(|c| !row.get(**c).is_empty()) {
                let what = self
                    .column_ref(*c)
                    .map_or_else(|| c.chinese().to_string(), |(h, _)| h);
                problems.push(self.bad(
                    index,
                    Some(Column::Name),
                    crate::msg!("import-no-name", what = what),
                ));
            }
            return None;
        };
        let phone = self.phone(index, row, problems);
        let office_phone = match self.phone_cell(row.get(Column::OfficePhone), true) {
            Ok(p) => p,
            Err(message) => {
                problems.push(self.bad(index, Some(Column::OfficePhone), message));
                None
            }
        };
        let mut date = |column: Column| match date_cell(row.get(column)) {
            Ok(d) => d,
            Err(message) => {
                problems.push(self.bad(index, Some(column), message));
                None
            }
        };
        let since = date(Column::Since);
        let until = date(Column::Until);
        let checked = date(Column::Checked);
        let households = match super::super::campaign::households_cell(row.get(Column::Households))
        {
            Ok(n) => n,
            Err(message) => {
                problems.push(self.bad(index, Some(Column::Households), message));
                None
            }
        };
        if let (Some(s), Some(u)) = (since, until)
            && u < s
        {
            problems.push(self.bad(
                index,
                Some(Column::Until),
                crate::msg!(
                    "import-until-before-since",
                    until = u.to_string(),
                    since = s.to_string()
                ),
            ));
        }
        let role = row.text(Column::Role);
        let lead = self.lead(index, row, role.as_deref(), problems);
        let photo = row
            .text(Column::Photo)
            .and_then(|p| self.photo(index, &p, roster));
        let covers = super::super::campaign::list_cell(row.text(Column::Covers));
        let phone = phone?;
        Some((
            RosterPerson {
                name,
                phone,
                title: row.text(Column::Title),
                org: row.text(Column::Org),
                photo,
                office_phone,
                checked,
                rank: row.text(Column::Rank),
                owns: BTreeSet::new(),
                first: self.at(index),
            },
            RosterMember {
                person: usize::MAX,
                role,
                lead,
                duties: row.text(Column::Duties),
                covers,
                since,
                until,
                households,
            },
        ))
    }

    /// The row's public number, or `None` (reported) when it is missing or wrong.
    fn phone(&self, index: usize, row: &RowCells, problems: &mut Vec<BadRow>) -> Option<Phone> {
        match self.phone_cell(row.get(Column::Phone), false) {
            Ok(Some(p)) => Some(p),
            Ok(None) => {
                let message = if self.layout.has(Column::Phone) {
                    crate::msg!("import-no-phone")
                } else {
                    crate::msg!("import-no-phone-column")
                };
                problems.push(self.bad(index, Some(Column::Phone), message));
                None
            }
            Err(message) => {
                problems.push(self.bad(index, Some(Column::Phone), message));
                None
            }
        }
    }

    /// Whether the row's person leads the team: a 负责人 column, else a role that marks the
    /// lead; `None` when the roster says nothing about it.
    fn lead(
        &self,
        index: usize,
        row: &RowCells,
        role: Option<&str>,
        problems: &mut Vec<BadRow>,
    ) -> Option<bool> {
        match row.text(Column::Lead) {
            Some(text) => match yes_no(&text) {
                Some(b) => Some(b),
                None => {
                    problems.push(self.bad(
                        index,
                        Some(Column::Lead),
                        crate::msg!("import-bad-lead", value = &text),
                    ));
                    None
                }
            },
            None if self.layout.has(Column::Lead) || self.layout.has(Column::Role) => {
                Some(role.is_some_and(role_marks_lead))
            }
            None => None,
        }
    }

    /// The photo named in the row, if it is a photo beside the roster (else a warning).
    fn photo(&self, index: usize, p: &str, roster: &mut Roster) -> Option<PathBuf> {
        let path = self.dir.join(p);
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !crate::content::PHOTO_EXTENSIONS.contains(&extension.as_str()) {
            roster.warnings.push(self.warn(
                index,
                Some(Column::Photo),
                crate::msg!("import-photo-not-an-image", photo = p),
            ));
            None
        } else if !path.is_file() {
            roster.warnings.push(self.warn(
                index,
                Some(Column::Photo),
                crate::msg!(
                    "import-photo-missing",
                    photo = p,
                    path = path.display().to_string()
                ),
            ));
            None
        } else if !self.may_copy(&path) {
            roster.warnings.push(self.warn(
                index,
                Some(Column::Photo),
                crate::msg!("import-photo-outside", photo = p),
            ));
            None
        } else {
            Some(path)
        }
    }

    /// Whether a named photo lies beside the roster, inside the site, or in another site's
    /// `content/people/` (a roster exported from one site and imported into another): a roster
    /// from someone else must not make import copy, and the site publish, any other file on
    /// the computer (`/home/…`, `../../…`).
    fn may_copy(&self, photo: &Path) -> bool {
        let Ok(photo) = photo.canonicalize() else {
            return false;
        };
        let in_folder = [self.dir, self.site]
            .iter()
            .filter_map(|folder| folder.canonicalize().ok())
            .any(|folder| photo.starts_with(folder));
        in_folder || is_a_sites_people_photo(&photo)
    }

    /// A phone cell: text as typed, or a number Excel stored (`13912345678.0`). A landline
    /// stored as a number has lost its leading 0; the phone rules read it back with the 0.
    fn phone_cell(&self, cell: &Cell, office: bool) -> Result<Option<Phone>, String> {
        let text = match cell {
            Cell::Empty => return Ok(None),
            Cell::Date { .. } => {
                return Err(crate::msg!("import-phone-is-date", value = cell.text()));
            }
            other => other.text(),
        };
        let policy = if office {
            ServicePolicy::Accept
        } else {
            ServicePolicy::Refuse
        };
        self.phones
            .parse(&text, policy)
            .map(Some)
            .map_err(|e| e.to_string())
    }

    /// The roster's index of this person (same name and same number: one person).
    pub(super) fn person_index(
        &self,
        index: usize,
        person: RosterPerson,
        owns: &BTreeSet<Column>,
        roster: &mut Roster,
        carry: &mut Carry,
    ) -> usize {
        let key = (person.name.clone(), person.phone.e164.clone());
        if let Some(&i) = carry.people.get(&key) {
            let first = &mut roster.people[i];
            first.owns.extend(owns.iter().copied());
            let mut differs = Vec::new();
            let mut merge = |differ: fn(String, &str) -> String,
                             a: &mut Option<String>,
                             b: Option<String>| match (a.as_deref(), b)
            {
                (None, Some(b)) => *a = Some(b),
                (Some(x), Some(y)) if x != y => differs.push(differ(y, x)),
                _ => {}
            };
            merge(
                |value, kept| crate::msg!("import-differs-title", value = value, kept = kept),
                &mut first.title,
                person.title,
            );
            merge(
                |value, kept| crate::msg!("import-differs-org", value = value, kept = kept),
                &mut first.org,
                person.org,
            );
            if first.photo.is_none() {
                first.photo = person.photo;
            }
            if first.office_phone.is_none() {
                first.office_phone = person.office_phone;
            }
            if first.checked.is_none() {
                first.checked = person.checked;
            }
            differs.extend(super::super::campaign::merge_rank(
                &mut first.rank,
                person.rank,
            ));
            if !differs.is_empty() {
                let message = crate::msg!(
                    "import-person-differs",
                    name = &first.name,
                    row = first.first.to_string(),
                    fields = differs.join(", ")
                );
                roster.warnings.push(self.warn(index, None, message));
            }
            return i;
        }
        // Two people with one name are two records; say so, in case it is one person whose
        // number was typed two ways.
        match carry.names_seen.get(&person.name) {
            Some((phone, at)) if *phone != person.phone.display => {
                roster.warnings.push(
                    self.warn(
                        index,
                        Some(Column::Phone),
                        crate::msg!(
                            "import-two-numbers",
                            name = &person.name,
                            phone = &person.phone.display,
                            other = phone,
                            row = at.to_string()
                        ),
                    )
                    .help(crate::msg!("import-two-numbers-help")),
                );
            }
            Some(_) => {}
            None => {
                carry.names_seen.insert(
                    person.name.clone(),
                    (person.phone.display.clone(), self.at(index)),
                );
            }
        }
        let i = roster.people.len();
        carry.people.insert(key, i);
        roster.people.push(RosterPerson {
            owns: owns.clone(),
            ..person
        });
        i
    }
}

/// 是/否 and their spellings.
pub(super) fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "是" | "y" | "yes" | "true" | "1" | "√" | "✓" | "✔" | "负责人" | "组长" => {
            Some(true)
        }
        "否" | "n" | "no" | "false" | "0" | "×" | "✗" => Some(false),
        _ => None,
    }
}

/// Whether `photo` is `<site>/content/people/<file>` of a folder holding a site's config.toml.
fn is_a_sites_people_photo(photo: &Path) -> bool {
    let Some(people) = photo.parent() else {
        return false;
    };
    let content = people.parent();
    people.file_name().is_some_and(|n| n == "people")
        && content
            .and_then(Path::file_name)
            .is_some_and(|n| n == "content")
        && content
            .and_then(Path::parent)
            .is_some_and(|site| site.join("config.toml").is_file())
}
