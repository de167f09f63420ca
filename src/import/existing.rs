//! What the site folder already holds, as import needs it: which file each area, unit and
//! person lives in, under which name, and every URL already taken (printed QR codes point at
//! them, so a new record must never take one and an old record never loses its own).

use crate::content::record::{PersonRecord, UnitRecord};
use crate::content::source;
use crate::content::{self, Loaded};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::slug::{is_valid_slug, slugify};
use crate::model::{RESERVED_SEGMENTS, resolve_person_slug};
use crate::validate::phone::{PhoneParser, ServicePolicy};
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A record file as read, with where its TOML sits (all of a `.toml`, the front matter of a
/// `.md`), so that it can be edited in place.
#[derive(Debug, Clone)]
pub(super) struct RecordFile {
    pub path: PathBuf,
    /// Site-relative, `/`-separated.
    pub display: String,
    pub text: String,
    pub toml: Range<usize>,
}

impl RecordFile {
    fn from_loaded<T>(loaded: &Loaded<T>) -> Option<RecordFile> {
        let doc = source::split(&loaded.file).ok()?;
        Some(RecordFile {
            path: loaded.file.path.clone(),
            display: loaded.file.display.clone(),
            text: loaded.file.text.clone(),
            toml: doc.toml_offset..doc.toml_offset + doc.toml.len(),
        })
    }

    pub(super) fn toml_text(&self) -> &str {
        self.text.get(self.toml.clone()).unwrap_or("")
    }

    /// The file with its TOML part replaced.
    pub(super) fn with_toml(&self, toml: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + toml.len());
        out.push_str(&self.text[..self.toml.start]);
        out.push_str(toml);
        out.push_str(&self.text[self.toml.end..]);
        out
    }
}

#[derive(Debug, Clone)]
pub(super) struct ExistingArea {
    /// Folder names from `content/` down; empty for the site root.
    pub segments: Vec<String>,
    pub dir: PathBuf,
    /// The record's `name`, else the folder name: what a roster's 镇街 column matches.
    pub name: String,
    /// The URL path (`donghu`, `a/b`); empty for the root.
    pub url: String,
    pub record: Option<RecordFile>,
}

#[derive(Debug, Clone)]
pub(super) struct ExistingUnit {
    /// The folder names of its area.
    pub area: Vec<String>,
    pub name: String,
    pub file: RecordFile,
}

#[derive(Debug, Clone)]
pub(super) struct ExistingPerson {
    pub id: String,
    pub name: String,
    /// `None` when the record's number is missing or invalid: such a record matches no row.
    pub e164: Option<String>,
    pub photo_field: Option<String>,
    pub file: RecordFile,
}

#[derive(Debug, Default)]
pub(super) struct Existing {
    pub has_config: bool,
    /// `areas[0]` is the root.
    pub areas: Vec<ExistingArea>,
    pub units: Vec<ExistingUnit>,
    pub people: Vec<ExistingPerson>,
    pub people_images: Vec<PathBuf>,
    /// Every URL path in use: areas, units, their aliases, top-level reserved segments.
    pub urls: HashSet<String>,
    /// Every file stem in use under people/, and the URL segment each gives.
    pub person_ids: HashSet<String>,
}

/// Reads the site at `root`. A site whose records cannot be parsed is refused: import would
/// not know which unit a broken file holds, and could write a second one beside it.
pub(super) fn load(root: &Path, phones: &PhoneParser) -> Result<Existing, Vec<Diagnostic>> {
    let mut existing = Existing {
        has_config: root.join(crate::config::FILE_NAME).is_file(),
        areas: vec![ExistingArea {
            segments: Vec::new(),
            dir: root.join(content::CONTENT_DIR),
            name: String::new(),
            url: String::new(),
            record: None,
        }],
        ..Existing::default()
    };
    existing
        .urls
        .extend(RESERVED_SEGMENTS.iter().map(|s| s.to_string()));
    if !root.join(content::CONTENT_DIR).is_dir() {
        return Ok(existing);
    }
    let mut diagnostics = Diagnostics::default();
    let loaded = content::load(root, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics.sorted().errors().cloned().collect());
    }

    for area in &loaded.areas {
        let folder = area.segments.last().cloned().unwrap_or_default();
        let parent = &area.segments[..area.segments.len() - 1];
        let parent_url = existing
            .areas
            .iter()
            .find(|a| a.segments == parent)
            .map(|a| a.url.clone())
            .unwrap_or_default();
        let record = area.record.as_ref();
        let segment = url_segment(record.map(|r| &r.record), &folder);
        let url = join(&parent_url, &segment);
        existing.urls.insert(url.clone());
        if let Some(r) = record {
            add_aliases(&mut existing.urls, &r.record);
        }
        existing.areas.push(ExistingArea {
            segments: area.segments.clone(),
            dir: area.dir.clone(),
            name: record
                .and_then(|r| r.record.name.as_ref())
                .map(|n| n.get_ref().trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or(folder),
            url,
            record: record.and_then(|r| RecordFile::from_loaded(r)),
        });
    }
    for unit in &loaded.units {
        let area_segments = unit.segments[..unit.segments.len() - 1].to_vec();
        let Some(area) = existing.areas.iter().find(|a| a.segments == area_segments) else {
            continue;
        };
        let url = join(&area.url, &url_segment(Some(&unit.record), unit.stem()));
        existing.urls.insert(url.clone());
        add_aliases(&mut existing.urls, &unit.record);
        let Some(file) = RecordFile::from_loaded(unit) else {
            continue;
        };
        existing.units.push(ExistingUnit {
            area: area_segments,
            name: unit
                .record
                .name
                .as_ref()
                .map(|n| n.get_ref().trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| unit.stem().to_string()),
            file,
        });
    }
    add_people(&mut existing, &loaded.people, phones);
    existing.people_images = loaded.people_images;
    Ok(existing)
}

/// Every person record, with the ids and pinyin URLs they take.
fn add_people(
    existing: &mut Existing,
    people: &[std::sync::Arc<Loaded<PersonRecord>>],
    phones: &PhoneParser,
) {
    for person in people {
        let id = person.stem().to_string();
        existing.person_ids.insert(id.clone());
        existing.person_ids.insert(resolve_person_slug(&id));
        let Some(file) = RecordFile::from_loaded(person) else {
            continue;
        };
        let r = &person.record;
        existing.people.push(ExistingPerson {
            id,
            name: r
                .name
                .as_ref()
                .map(|n| n.get_ref().trim().to_string())
                .unwrap_or_default(),
            e164: r
                .phone
                .as_ref()
                .and_then(|p| p.get_ref().text())
                .and_then(|p| phones.parse(p, ServicePolicy::Refuse).ok())
                .map(|p| p.e164),
            photo_field: r.photo.as_ref().map(|p| p.get_ref().clone()),
            file,
        });
    }
}

/// The URL segment a record ends on: its valid `slug`, else its file or folder name in pinyin.
fn url_segment(record: Option<&UnitRecord>, name: &str) -> String {
    record
        .and_then(|r| r.slug.as_ref())
        .map(|s| s.get_ref().clone())
        .filter(|s| is_valid_slug(s))
        .unwrap_or_else(|| slugify(name))
}

fn add_aliases(urls: &mut HashSet<String>, record: &UnitRecord) {
    for alias in record.aliases.iter().flatten() {
        urls.insert(alias.get_ref().trim().trim_matches('/').to_string());
    }
}

pub(super) fn join(parent: &str, segment: &str) -> String {
    if parent.is_empty() {
        segment.to_string()
    } else {
        format!("{parent}/{segment}")
    }
}
