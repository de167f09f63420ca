//! From the roster and the existing site to a list of file operations, decided before anything
//! is written: which records are created, which change (and in which fields), which are kept
//! byte for byte, which are missing from the roster (and, with `--prune`, removed).
//!
//! The rules that keep printed QR codes working: an existing unit is found by its area and
//! name and keeps its file (and so its URL) forever; a new unit takes the pinyin of its name,
//! or `-2`, `-3` ... after it when a homophone already holds that URL, in the order of the
//! roster's rows.

use super::columns::Column;
use super::existing::{Existing, ExistingPerson, RecordFile, join};
use super::rows::{Roster, RosterPerson, RosterUnit};
use super::toml_fields::{get_str, set_date, set_phone, set_str};
use crate::content::{CONTENT_DIR, PEOPLE_DIR, PHOTO_EXTENSIONS};
use crate::diagnostics::Diagnostic;
use crate::model::Kind;
use crate::model::reading;
use crate::model::slug::slugify;
use crate::validate::phone::PhoneParser;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, value};

mod team;
use team::merge_team;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Action {
    Create,
    Change,
    Keep,
    Remove,
}

#[derive(Debug, Clone)]
pub(super) enum Payload {
    Text(String),
    /// A photo copied from beside the roster.
    Copy(PathBuf),
    None,
}

#[derive(Debug, Clone)]
pub(super) struct FileOp {
    pub action: Action,
    pub path: PathBuf,
    /// Site-relative, `/`-separated.
    pub display: String,
    /// What the file is and, for a change, which fields: `unit 刘庄村: kind, team`.
    pub what: String,
    pub payload: Payload,
}

#[derive(Debug, Default)]
pub(super) struct Plan {
    pub ops: Vec<FileOp>,
    /// Units in the site that the roster no longer lists: (file, name).
    pub missing: Vec<(String, String)>,
    pub warnings: Vec<Diagnostic>,
}

pub(super) struct Planner<'a> {
    pub root: &'a Path,
    pub existing: &'a Existing,
    pub roster: &'a Roster,
    pub prune: bool,
    pub skip_bad: bool,
    pub roster_file: &'a str,
    /// Reads the numbers already in the records, to compare them with the roster's.
    pub phones: &'a PhoneParser,
}

/// An area folder as import sees it: an existing one, or one this run creates.
#[derive(Debug, Clone)]
struct Folder {
    segments: Vec<String>,
    dir: PathBuf,
    url: String,
    /// The area's record, when it has one.
    record: Option<RecordFile>,
    /// The area's name (for new areas and matching).
    name: String,
    created: bool,
}

struct State {
    folders: Vec<Folder>,
    urls: HashSet<String>,
    /// Paths this run writes, so that two new records never share a file.
    claimed: HashSet<PathBuf>,
    person_ids: HashSet<String>,
}

impl Planner<'_> {
    pub(super) fn plan(&self) -> Plan {
        let mut plan = Plan::default();
        let mut state = State {
            folders: self
                .existing
                .areas
                .iter()
                .map(|a| Folder {
                    segments: a.segments.clone(),
                    dir: a.dir.clone(),
                    url: a.url.clone(),
                    record: a.record.clone(),
                    name: a.name.clone(),
                    created: false,
                })
                .collect(),
            urls: self.existing.urls.clone(),
            claimed: HashSet::new(),
            person_ids: self.existing.person_ids.clone(),
        };

        if !self.existing.has_config {
            plan.ops.push(self.config_op());
            plan.warnings.push(
                Diagnostic::warning(
                    crate::config::FILE_NAME,
                    crate::msg!("import-starter-config"),
                )
                .help(crate::msg!("import-starter-config-help")),
            );
        }

        // Areas first, in the order the roster names them, so that new area folders get their
        // slugs in row order too.
        let mut unit_folder: Vec<usize> = Vec::with_capacity(self.roster.units.len());
        for unit in &self.roster.units {
            unit_folder.push(self.folder_for(&unit.target.area, &mut state));
        }

        let person_ids = self.plan_people(&mut state, &mut plan);

        // Area records: the 镇街 rows' teams, and the name of every new area folder.
        let mut area_rows: HashMap<usize, &RosterUnit> = HashMap::new();
        for (unit, &folder) in self.roster.units.iter().zip(&unit_folder) {
            if unit.target.unit.is_none() {
                area_rows.entry(folder).or_insert(unit);
            }
        }
        for index in 1..state.folders.len() {
            let roster_unit = area_rows.get(&index).copied();
            let folder = state.folders[index].clone();
            if roster_unit.is_none() && !folder.created {
                continue;
            }
            self.plan_area_record(&folder, roster_unit, &person_ids, &mut plan);
            if folder.created {
                let record = self.display(&folder.dir.join("_index.toml"));
                let slug = folder.segments.last().map_or("", String::as_str);
                plan.warnings
                    .extend(misread_warning(&record, &folder.name, slug));
            }
        }

        let matched = self.plan_units(&mut state, &unit_folder, &person_ids, &mut plan);
        self.plan_missing(&matched, &mut plan);
        plan
    }

    /// Each roster unit: an update of the existing record with the same name in the same area
    /// folder, else a new record. Returns the existing records matched.
    fn plan_units(
        &self,
        state: &mut State,
        unit_folder: &[usize],
        person_ids: &[String],
        plan: &mut Plan,
    ) -> HashSet<PathBuf> {
        let mut by_name: HashMap<(&[String], &str), usize> = HashMap::new();
        for (i, u) in self.existing.units.iter().enumerate() {
            by_name.entry((&u.area[..], u.name.as_str())).or_insert(i);
        }
        let mut matched: HashSet<PathBuf> = HashSet::new();
        for (unit, &folder) in self.roster.units.iter().zip(unit_folder) {
            let Some(name) = &unit.target.unit else {
                continue;
            };
            let folder = state.folders[folder].clone();
            let existing = by_name
                .get(&(&folder.segments[..], name.as_str()))
                .map(|&i| &self.existing.units[i]);
            match existing {
                Some(found) => {
                    matched.insert(found.file.path.clone());
                    if self.skip_bad && self.roster.bad_targets.contains(&unit.target) {
                        plan.warnings
                            .push(self.left_as_it_was(&found.file.display, name));
                        plan.ops.push(keep(
                            &found.file,
                            crate::msg!("import-what-unit", name = name),
                        ));
                        continue;
                    }
                    plan.ops
                        .push(self.update(&found.file, unit, person_ids, false));
                }
                None => {
                    if self.roster.bad_targets.contains(&unit.target) && unit.members.is_empty() {
                        // Every row of this new unit was bad: there is nothing to create.
                        continue;
                    }
                    let slug = free_slug(&folder, &slug_base(name, "unit"), state);
                    let path = folder.dir.join(format!("{slug}.toml"));
                    state.claimed.insert(path.clone());
                    let mut doc = DocumentMut::new();
                    doc.insert("name", value(name.as_str()));
                    doc.insert("kind", value(unit.kind.unwrap_or(Kind::Village).as_str()));
                    // A homophone's URL is not its plain pinyin: write it down, so that the
                    // record says where it is published.
                    if slug != slugify(name) {
                        doc.insert("slug", value(slug.as_str()));
                    }
                    plan.warnings
                        .extend(misread_warning(&self.display(&path), name, &slug));
                    super::campaign::apply_unit(doc.as_table_mut(), unit);
                    merge_team(doc.as_table_mut(), unit, person_ids);
                    plan.ops.push(FileOp {
                        action: Action::Create,
                        display: self.display(&path),
                        path,
                        what: with_members(
                            crate::msg!("import-what-unit", name = name),
                            unit.members.len(),
                        ),
                        payload: Payload::Text(doc.to_string()),
                    });
                }
            }
        }

        matched
    }

    /// Existing units the roster no longer lists: reported, and removed with `--prune`.
    fn plan_missing(&self, matched: &HashSet<PathBuf>, plan: &mut Plan) {
        for unit in &self.existing.units {
            if matched.contains(&unit.file.path) {
                continue;
            }
            plan.missing
                .push((unit.file.display.clone(), unit.name.clone()));
            if self.prune {
                plan.ops.push(FileOp {
                    action: Action::Remove,
                    path: unit.file.path.clone(),
                    display: unit.file.display.clone(),
                    what: crate::msg!("import-what-not-in-roster", name = &unit.name),
                    payload: Payload::None,
                });
            }
        }
    }

    fn display(&self, path: &Path) -> String {
        crate::content::display(self.root, path)
    }

    fn left_as_it_was(&self, file: &str, name: &str) -> Diagnostic {
        Diagnostic::warning(
            file,
            crate::msg!(
                "import-left-as-it-was",
                name = name,
                roster = self.roster_file
            ),
        )
        .help(crate::msg!("import-left-as-it-was-help"))
    }

    /// The folder of an area path, matching existing areas by name (or folder name) and
    /// creating the missing ones. Returns an index into `state.folders`.
    fn folder_for(&self, names: &[String], state: &mut State) -> usize {
        let mut current = 0;
        for name in names {
            let parent = state.folders[current].clone();
            let depth = parent.segments.len();
            let found = state.folders.iter().position(|f| {
                f.segments.len() == depth + 1
                    && f.segments[..depth] == parent.segments[..]
                    && (f.name == *name || f.segments.last() == Some(name))
            });
            current = match found {
                Some(i) => i,
                None => {
                    let slug = free_slug(&parent, &slug_base(name, "area"), state);
                    let dir = parent.dir.join(&slug);
                    state.claimed.insert(dir.clone());
                    let mut segments = parent.segments.clone();
                    segments.push(slug.clone());
                    state.folders.push(Folder {
                        segments,
                        dir,
                        url: join(&parent.url, &slug),
                        record: None,
                        name: name.clone(),
                        created: true,
                    });
                    state.folders.len() - 1
                }
            };
        }
        current
    }

    fn plan_area_record(
        &self,
        folder: &Folder,
        roster_unit: Option<&RosterUnit>,
        person_ids: &[String],
        plan: &mut Plan,
    ) {
        if let (Some(record), Some(unit)) = (&folder.record, roster_unit) {
            if self.skip_bad && self.roster.bad_targets.contains(&unit.target) {
                plan.warnings
                    .push(self.left_as_it_was(&record.display, &folder.name));
                plan.ops.push(keep(
                    record,
                    crate::msg!("import-what-area", name = &folder.name),
                ));
                return;
            }
            plan.ops.push(self.update(record, unit, person_ids, true));
            return;
        }
        let path = folder.dir.join("_index.toml");
        let mut doc = DocumentMut::new();
        doc.insert("name", value(folder.name.as_str()));
        let mut what = crate::msg!("import-what-area", name = &folder.name);
        if let Some(unit) = roster_unit {
            if let Some(kind) = unit.kind.filter(|k| *k != Kind::Township) {
                doc.insert("kind", value(kind.as_str()));
            }
            super::campaign::apply_unit(doc.as_table_mut(), unit);
            merge_team(doc.as_table_mut(), unit, person_ids);
            what = with_members(what, unit.members.len());
        }
        plan.ops.push(FileOp {
            action: Action::Create,
            display: self.display(&path),
            path,
            what,
            payload: Payload::Text(doc.to_string()),
        });
    }

    /// An existing unit or area record, with the roster's fields merged in.
    fn update(
        &self,
        file: &RecordFile,
        unit: &RosterUnit,
        person_ids: &[String],
        is_area: bool,
    ) -> FileOp {
        let name = unit.target.describe();
        let what = if is_area {
            crate::msg!("import-what-area", name = &name)
        } else {
            crate::msg!("import-what-unit", name = &name)
        };
        let Ok(mut doc) = file.toml_text().parse::<DocumentMut>() else {
            // content::load parsed it with the same grammar; this is not expected.
            return keep(file, crate::msg!("import-what-not-editable", what = &what));
        };
        let mut changed: Vec<&str> = Vec::new();
        let table = doc.as_table_mut();
        if let Some(wanted) = &unit.target.unit
            && get_str(table, "name").is_some_and(|n| n != *wanted)
            && set_str(table, "name", Some(wanted))
        {
            changed.push("name");
        }
        if unit.owns.contains(&Column::Kind) {
            let default = if is_area {
                Kind::Township
            } else {
                Kind::Village
            };
            let wanted = unit.kind.unwrap_or(default);
            let current = match get_str(table, "kind") {
                Some(k) => Kind::parse(&k),
                None => Some(default),
            };
            if current != Some(wanted) {
                table.insert("kind", value(wanted.as_str()));
                changed.push("kind");
            }
        }
        if unit.owns.contains(&Column::Orgs) && super::campaign::apply_unit(table, unit) {
            changed.push("orgs");
        }
        if merge_team(table, unit, person_ids) {
            changed.push("team");
        }
        let text = file.with_toml(&doc.to_string());
        if changed.is_empty() || text == file.text {
            return keep(file, what);
        }
        FileOp {
            action: Action::Change,
            path: file.path.clone(),
            display: file.display.clone(),
            what: crate::msg!(
                "import-what-changed",
                what = &what,
                fields = changed.join(", ")
            ),
            payload: Payload::Text(text),
        }
    }

    /// Person records (and photos); returns each roster person's record id.
    fn plan_people(&self, state: &mut State, plan: &mut Plan) -> Vec<String> {
        let people_dir = self.root.join(CONTENT_DIR).join(PEOPLE_DIR);
        let mut ids = Vec::with_capacity(self.roster.people.len());
        // The same name and the same number: the same person (the spec's rule).
        let mut by_key: HashMap<(&str, &str), &ExistingPerson> = HashMap::new();
        let mut by_name: HashMap<&str, &ExistingPerson> = HashMap::new();
        for p in &self.existing.people {
            if let Some(e164) = &p.e164 {
                by_key.entry((p.name.as_str(), e164.as_str())).or_insert(p);
            }
            by_name.entry(p.name.as_str()).or_insert(p);
        }
        for person in &self.roster.people {
            let found = by_key.get(&(person.name.as_str(), person.phone.e164.as_str()));
            let id = match found {
                Some(existing) => {
                    plan.ops.extend(self.update_person(existing, person));
                    existing.id.clone()
                }
                None => {
                    if let Some(other) = by_name.get(person.name.as_str()) {
                        plan.warnings.push(
                            Diagnostic::warning(
                                &other.file.display,
                                crate::msg!(
                                    "import-new-number",
                                    name = &person.name,
                                    row = person.first.to_string(),
                                    phone = &person.phone.display
                                ),
                            )
                            .help(crate::msg!(
                                "import-new-number-help",
                                file = &other.file.display
                            )),
                        );
                    }
                    let base = person_slug_base(&person.name);
                    let id = (1..)
                        .map(|n| suffixed(&base, n))
                        .find(|c| {
                            !state.person_ids.contains(c)
                                && !people_dir.join(format!("{c}.toml")).exists()
                                && !people_dir.join(format!("{c}.md")).exists()
                        })
                        .unwrap_or(base);
                    state.person_ids.insert(id.clone());
                    let path = people_dir.join(format!("{id}.toml"));
                    let step = PhotoStep {
                        id: id.clone(),
                        field: None,
                        dir: people_dir.clone(),
                        source: person.photo.clone(),
                        name: person.name.clone(),
                    };
                    let (photo, photo_field) = step.plan(self.root, &self.existing.people_images);
                    let mut doc = DocumentMut::new();
                    doc.insert("name", value(person.name.as_str()));
                    let table = doc.as_table_mut();
                    set_str(table, "title", person.title.as_deref());
                    set_str(table, "org", person.org.as_deref());
                    table.insert("phone", value(person.phone.display.as_str()));
                    set_phone(
                        table,
                        "office_phone",
                        person.office_phone.as_ref(),
                        self.phones,
                    );
                    set_date(table, "checked", person.checked);
                    super::campaign::new_person(table, person);
                    if let Some(field) = photo_field {
                        table.insert("photo", value(field));
                    }
                    plan.ops.push(FileOp {
                        action: Action::Create,
                        display: self.display(&path),
                        path,
                        what: crate::msg!("import-what-person", name = &person.name),
                        payload: Payload::Text(doc.to_string()),
                    });
                    plan.ops.extend(photo);
                    id
                }
            };
            ids.push(id);
        }
        ids
    }

    /// An existing person's record with the roster's fields (and photo) merged in.
    fn update_person(&self, existing: &ExistingPerson, person: &RosterPerson) -> Vec<FileOp> {
        let file = &existing.file;
        let Ok(mut doc) = file.toml_text().parse::<DocumentMut>() else {
            return vec![keep(
                file,
                crate::msg!("import-what-person", name = &person.name),
            )];
        };
        let mut changed: Vec<&str> = Vec::new();
        let table = doc.as_table_mut();
        let owns = |c: Column| person.owns.contains(&c);
        if owns(Column::Title) && set_str(table, "title", person.title.as_deref()) {
            changed.push("title");
        }
        if owns(Column::Org) && set_str(table, "org", person.org.as_deref()) {
            changed.push("org");
        }
        if owns(Column::OfficePhone)
            && set_phone(
                table,
                "office_phone",
                person.office_phone.as_ref(),
                self.phones,
            )
        {
            changed.push("office_phone");
        }
        if owns(Column::Checked) && set_date(table, "checked", person.checked) {
            changed.push("checked");
        }
        if owns(Column::Rank) && super::campaign::update_person(table, person) {
            changed.push("rank");
        }
        let step = PhotoStep {
            id: existing.id.clone(),
            field: existing.photo_field.clone(),
            dir: file
                .path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            source: person.photo.clone(),
            name: person.name.clone(),
        };
        let (photo, field) = step.plan(self.root, &self.existing.people_images);
        if let Some(field) = field
            && set_str(table, "photo", Some(&field))
        {
            changed.push("photo");
        }
        let text = file.with_toml(&doc.to_string());
        let what = crate::msg!("import-what-person", name = &person.name);
        let record = if changed.is_empty() || text == file.text {
            keep(file, what)
        } else {
            FileOp {
                action: Action::Change,
                path: file.path.clone(),
                display: file.display.clone(),
                what: crate::msg!(
                    "import-what-changed",
                    what = &what,
                    fields = changed.join(", ")
                ),
                payload: Payload::Text(text),
            }
        };
        std::iter::once(record).chain(photo).collect()
    }

    fn config_op(&self) -> FileOp {
        let title = self
            .roster
            .title
            .clone()
            .unwrap_or_else(|| "干部联系服务群众公示".to_string());
        let mut doc = DocumentMut::new();
        doc.insert("title", value(title));
        doc.insert("base_url", value("https://example.org/"));
        doc.insert("language", value("zh-Hans"));
        let text = format!("{}\n{doc}", crate::msg!("import-starter-config-comment"));
        let path = self.root.join(crate::config::FILE_NAME);
        FileOp {
            action: Action::Create,
            display: crate::config::FILE_NAME.to_string(),
            path,
            what: crate::msg!("import-what-settings"),
            payload: Payload::Text(text),
        }
    }
}

/// The photo of one person: where the roster's photo goes and whether the record must point
/// at it.
struct PhotoStep {
    id: String,
    field: Option<String>,
    /// The folder of the person's record.
    dir: PathBuf,
    source: Option<PathBuf>,
    name: String,
}

impl PhotoStep {
    fn plan(&self, root: &Path, images: &[PathBuf]) -> (Option<FileOp>, Option<String>) {
        let Some(source) = &self.source else {
            return (None, None);
        };
        let same_stem: Vec<&PathBuf> = images
            .iter()
            .filter(|p| {
                p.parent() == Some(self.dir.as_path())
                    && p.file_stem()
                        .is_some_and(|s| s.to_string_lossy() == self.id)
            })
            .collect();
        // What the build shows today: the `photo` field, else the first same-stem image.
        let current = match &self.field {
            Some(f) => Some(self.dir.join(f)),
            None => same_stem.first().map(|p| p.to_path_buf()),
        };
        if current.as_ref().is_some_and(|c| same_bytes(c, source)) {
            return (None, None);
        }
        let extension = source
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .filter(|e| PHOTO_EXTENSIONS.contains(&e.as_str()))
            .unwrap_or_else(|| "jpg".to_string());
        let file_name = format!("{}.{extension}", self.id);
        let target = self.dir.join(&file_name);
        // Without a field, the build takes the first same-stem image in name order; point at
        // the new one explicitly when another would win.
        let needs_field = self.field.is_some()
            || same_stem
                .iter()
                .any(|p| p.as_path() != target && p.file_name() < target.file_name());
        let op = (!same_bytes(&target, source)).then(|| FileOp {
            action: if target.exists() {
                Action::Change
            } else {
                Action::Create
            },
            display: crate::content::display(root, &target),
            path: target.clone(),
            what: crate::msg!("import-what-photo", name = &self.name),
            payload: Payload::Copy(source.clone()),
        });
        (op, needs_field.then_some(file_name))
    }
}

fn keep(file: &RecordFile, what: String) -> FileOp {
    FileOp {
        action: Action::Keep,
        path: file.path.clone(),
        display: file.display.clone(),
        what,
        payload: Payload::None,
    }
}

/// `unit 刘庄村, 3 members`.
fn with_members(what: String, n: usize) -> String {
    crate::msg!(
        "import-what-with-members",
        what = what,
        members = crate::msg!("import-members", n = n)
    )
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(ma), Ok(mb)) if ma.len() == mb.len() => {
            matches!((std::fs::read(a), std::fs::read(b)), (Ok(x), Ok(y)) if x == y)
        }
        _ => false,
    }
}

fn slug_base(name: &str, fallback: &str) -> String {
    nonempty(slugify(name), fallback)
}

/// A new person's id: the pinyin of their name with the surname read as a surname (曾 zeng).
fn person_slug_base(name: &str) -> String {
    nonempty(reading::person_slug(name), "person")
}

fn nonempty(s: String, fallback: &str) -> String {
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

/// A new unit's or area's name with a character often read another way (重阳村: zhong or
/// chong): its address is printed on boards, so the clerk is told before the first build how
/// to pick the reading people use.
fn misread_warning(file: &str, name: &str, slug: &str) -> Option<Diagnostic> {
    let found = reading::often_misread(name, false);
    let (ch, readings) = found.first()?;
    let other = readings.get(1)?;
    let suggested: String = name
        .chars()
        .map(|c| {
            if c == *ch {
                other.to_string()
            } else {
                slugify(&c.to_string())
            }
        })
        .collect();
    let all = found
        .iter()
        .map(|(c, r)| format!("{c} ({})", r.join("/")))
        .collect::<Vec<_>>()
        .join(", ");
    Some(
        Diagnostic::warning(
            file,
            crate::msg!("import-misread", name = name, readings = all, slug = slug),
        )
        .help(crate::msg!("import-misread-help", suggested = suggested)),
    )
}

fn suffixed(base: &str, n: usize) -> String {
    if n == 1 {
        base.to_string()
    } else {
        format!("{base}-{n}")
    }
}

/// The first of `base`, `base-2`, `base-3` ... whose URL is free under `parent` and whose file
/// or folder name is free in it.
fn free_slug(parent: &Folder, base: &str, state: &mut State) -> String {
    let slug = (1..)
        .map(|n| suffixed(base, n))
        .find(|c| {
            let url = join(&parent.url, c);
            let taken_path = |p: PathBuf| p.exists() || state.claimed.contains(&p);
            !state.urls.contains(&url)
                && !taken_path(parent.dir.join(c))
                && !taken_path(parent.dir.join(format!("{c}.toml")))
                && !taken_path(parent.dir.join(format!("{c}.md")))
        })
        .unwrap_or_else(|| base.to_string());
    state.urls.insert(join(&parent.url, &slug));
    slug
}
