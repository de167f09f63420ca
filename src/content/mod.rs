//! Stage 1, load: walk `content/` and read every record file into its raw record.
//!
//! Nothing here knows about URLs, people lookups or coverage; it only reads what is written,
//! with enough position information for later stages to point at the right line.

pub(crate) mod names;
pub(crate) mod orgs;
pub(crate) mod privacy;
mod read_cache;
pub(crate) mod record;
pub(crate) mod source;
pub(crate) mod spanned;
pub(crate) mod stamp;
pub(crate) mod static_files;
pub(crate) mod values;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::validate::idnumber;
use rayon::prelude::*;
use record::{FrontRecord, OrgRecord, PersonRecord, UnitRecord};
use source::{Document, Keys, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

pub(crate) use read_cache::ReadCache;
use serde::{Deserialize, Serialize};

pub(crate) const CONTENT_DIR: &str = "content";
pub(crate) const PEOPLE_DIR: &str = "people";
pub(crate) const PHOTO_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp"];

/// A parsed record with the file it came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Loaded<T> {
    pub file: SourceFile,
    /// Byte offset of the TOML part inside the file (non-zero for Markdown front matter).
    pub toml_offset: usize,
    /// The folder names from `content/` down to the file, and last the file stem (Chinese as
    /// written; URL segments are made from them later).
    pub segments: Vec<String>,
    pub record: T,
    pub body: Option<String>,
}

impl<T> Loaded<T> {
    /// The document view used to turn spans into lines.
    pub(crate) fn doc(&self) -> Document<'_> {
        Document {
            toml: self.file.text.get(self.toml_offset..).unwrap_or(""),
            toml_offset: self.toml_offset,
            body: None,
        }
    }

    pub(crate) fn stem(&self) -> &str {
        self.segments.last().map_or("", String::as_str)
    }
}

/// An area folder, with its optional `_index.toml`/`_index.md` record.
#[derive(Debug, Clone)]
pub(crate) struct AreaSource {
    pub segments: Vec<String>,
    pub dir: PathBuf,
    pub record: Option<Arc<Loaded<UnitRecord>>>,
}

/// Everything read from `content/`. Records are shared (`Arc`) with the read cache of a
/// `serve` session, so a rebuild after an edit does not copy the thousands it did not read.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub front: Option<Arc<Loaded<FrontRecord>>>,
    /// Every folder under `content/` except `people/`, parents before children.
    pub areas: Vec<AreaSource>,
    pub units: Vec<Arc<Loaded<UnitRecord>>>,
    pub people: Vec<Arc<Loaded<PersonRecord>>>,
    /// Image files in `people/`, for photos found by stem.
    pub people_images: Vec<PathBuf>,
    /// `content/orgs/` records, in file name order.
    pub orgs: Vec<Arc<Loaded<OrgRecord>>>,
}

#[derive(Clone)]
enum Kind {
    Front,
    AreaIndex(usize),
    Unit,
    Person,
    Org,
}

/// Reads every record under `site/content`. Problems go to `out`; records that could not be
/// parsed are left out, so later stages see only what was readable.
pub(crate) fn load(site: &Path, out: &mut Diagnostics) -> Content {
    load_with(site, out, None)
}

/// [`load`], reusing what `cache` holds of files that have not changed since.
pub(crate) fn load_with(site: &Path, out: &mut Diagnostics, cache: Option<&ReadCache>) -> Content {
    let root = site.join(CONTENT_DIR);
    let mut content = Content::default();
    if !root.is_dir() {
        out.push(
            Diagnostic::error(CONTENT_DIR, crate::msg!("content-no-folder"))
                .help(crate::msg!("content-no-folder-help")),
        );
        return content;
    }

    // A session told exactly which files changed reuses its last walk.
    let hint = cache.and_then(ReadCache::take_hint);
    let reused = match (cache, &hint) {
        (Some(cache), Some(_)) => cache.last_walk(),
        _ => None,
    };
    let walked = match reused {
        Some(walked) => walked,
        None => {
            let fresh = Arc::new(walk(site, &root));
            if let Some(cache) = cache {
                cache.remember_walk(&fresh);
                cache.start_walk();
            }
            fresh
        }
    };
    content.areas = walked.areas.clone();
    content.people_images = walked.people_images.clone();
    out.extend(walked.diagnostics.iter().cloned());
    let results: Vec<(Kind, Result<Parsed, Diagnostic>, Diagnostics)> = walked
        .jobs
        .par_iter()
        .map(|(path, kind, segments)| {
            let kind = kind.clone();
            let written = hint.as_ref().map(|h| h.contains(path.as_os_str()));
            if written == Some(false)
                && let Some(cache) = cache
                && let Some((parsed, diags)) = cache.get_trusted(path)
            {
                return (kind, parsed, diags);
            }
            if written != Some(true)
                && let Some(cache) = cache
                && let Some((parsed, diags)) = cache.get(path)
            {
                return (kind, parsed, diags);
            }
            let read_at = SystemTime::now();
            let mut diags = Diagnostics::default();
            // What the file system said of the file as it was opened (a file that could not
            // be opened is not kept: it is read again next time).
            let mut opened = None;
            let parsed = read_one(site, path, &kind, segments.clone(), &mut opened, &mut diags);
            if let (Some(cache), Some(meta)) = (cache, &opened) {
                cache.put(path, meta, read_at, &parsed, &diags);
            }
            (kind, parsed, diags)
        })
        .collect();
    if let (Some(cache), None) = (cache, &hint) {
        // Files no longer found are forgotten (a reused walk found the same files).
        cache.forget_unseen();
    }

    for (kind, parsed, diags) in results {
        out.extend(diags);
        let parsed = match parsed {
            Ok(p) => p,
            Err(d) => {
                out.push(d);
                continue;
            }
        };
        match (kind, parsed) {
            (Kind::Front, Parsed::Front(f)) => content.front = Some(f),
            (Kind::AreaIndex(i), Parsed::Unit(u)) => {
                if let Some(prev) = &content.areas[i].record {
                    out.push(two_records(&prev.file.display, &u.file.display));
                } else {
                    content.areas[i].record = Some(u);
                }
            }
            (Kind::Unit, Parsed::Unit(u)) => content.units.push(u),
            (Kind::Org, Parsed::Org(o)) => content.orgs.push(o),
            (Kind::Person, Parsed::Person(p)) => content.people.push(p),
            _ => {}
        }
    }
    two_formats_of_one_unit(&content.units, out);
    one_record_per_person(&mut content.people, out);
    content
}

/// Keeps the first of the records of one person (`wang.toml` and `wang.md`, or one in a
/// folder of `people/`), with an error naming both.
fn one_record_per_person(people: &mut Vec<Arc<Loaded<PersonRecord>>>, out: &mut Diagnostics) {
    let mut first: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    first.reserve(people.len());
    let mut again = Vec::new();
    for (i, p) in people.iter().enumerate() {
        if let Some(&f) = first.get(p.stem()) {
            out.push(two_records(&people[f].file.display, &p.file.display));
            again.push(i);
        } else {
            first.insert(p.stem(), i);
        }
    }
    drop(first);
    for i in again.into_iter().rev() {
        people.remove(i);
    }
}

/// What a walk of `content/` found: the files to read and how, the area folders and photos.
#[derive(Clone, Default)]
struct Walk {
    jobs: Vec<(PathBuf, Kind, Vec<String>)>,
    areas: Vec<AreaSource>,
    people_images: Vec<PathBuf>,
    /// Folders inside `people/` already warned about.
    people_subfolders_named: Vec<PathBuf>,
    diagnostics: Diagnostics,
}

impl Walk {
    /// A file in a folder inside `people/`. Photos may be kept there, where records name them
    /// (`photo = "photos/wang.jpg"`), and are read from there; anything else (a record moved
    /// into a folder) is not read, which the clerk is told once a folder.
    fn add_people_subfolder_file(&mut self, site: &Path, path: &Path) {
        let is_photo = path.extension().is_some_and(|e| {
            PHOTO_EXTENSIONS.contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
        });
        let Some(folder) = path.parent().filter(|_| !is_photo) else {
            return;
        };
        if self.people_subfolders_named.iter().any(|f| f == folder) {
            return;
        }
        self.people_subfolders_named.push(folder.to_path_buf());
        let file = path.file_name().map(names::composed).unwrap_or_default();
        self.diagnostics.push(
            Diagnostic::warning(
                display(site, folder),
                crate::msg!("content-people-subfolder", file = file),
            )
            .help(crate::msg!("content-people-subfolder-help")),
        );
    }

    /// A file directly in `people/`: a person's record, or a photo found by its stem.
    fn add_people_file(&mut self, path: &Path, ext: &str, stem: String, mut segments: Vec<String>) {
        if segments.len() != 2 {
            return;
        }
        match ext {
            "toml" | "md" => {
                if let Some(last) = segments.last_mut() {
                    *last = stem;
                }
                self.jobs.push((path.to_path_buf(), Kind::Person, segments));
            }
            e if PHOTO_EXTENSIONS.contains(&e) => self.people_images.push(path.to_path_buf()),
            _ => {}
        }
    }
}

fn walk(site: &Path, root: &Path) -> Walk {
    let mut walk = Walk::default();
    let mut area_folders = foldhash::HashSet::default();
    let walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !names::is_hidden(e.file_name())
                && !crate::worklog::is_log_folder(e.depth(), e.file_name())
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = e
                    .path()
                    .map_or_else(|| CONTENT_DIR.to_string(), |p| display(site, p));
                walk.diagnostics.push(Diagnostic::error(
                    shown,
                    crate::msg!("content-walk-unreadable", reason = e.to_string()),
                ));
                continue;
            }
        };
        if entry.path_is_symlink() && !stays_inside(site, entry.path()) {
            walk.diagnostics.push(
                Diagnostic::warning(
                    display(site, entry.path()),
                    crate::msg!("content-link-outside"),
                )
                .help(crate::msg!("content-link-outside-help")),
            );
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let mut segments: Vec<String> = rel
            .components()
            .map(|c| names::composed(c.as_os_str()))
            .collect();
        if orgs::is_inside(&segments) {
            let found = orgs::record_to_read(site, &entry, &segments, &mut walk.diagnostics);
            if let Some((path, segments)) = found {
                walk.jobs.push((path, Kind::Org, segments));
            }
            continue;
        }
        let in_people = segments.first().is_some_and(|s| s == PEOPLE_DIR);
        if entry.file_type().is_dir() {
            // The same folder name written composed and decomposed is one area.
            let seen = !area_folders.insert(segments.clone());
            if !segments.is_empty() && !in_people && !seen {
                walk.areas.push(AreaSource {
                    segments,
                    dir: entry.path().to_path_buf(),
                    record: None,
                });
            }
            continue;
        }
        let path = entry.path();
        if in_people && segments.len() > 2 {
            walk.add_people_subfolder_file(site, path);
            continue;
        }
        let Some(ext) = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
        else {
            continue;
        };
        let file_name = entry.file_name().to_string_lossy();
        let stem = path.file_stem().map_or(String::new(), names::composed);
        if names::is_copy(&stem) {
            walk.diagnostics.push(
                Diagnostic::warning(display(site, path), crate::msg!("content-file-copy"))
                    .help(crate::msg!("content-file-copy-help")),
            );
            continue;
        }
        if in_people {
            walk.add_people_file(path, &ext, stem, segments);
            continue;
        }
        if ext != "toml" && ext != "md" {
            continue;
        }
        segments.pop();
        if stem == "_index" {
            if segments.is_empty() {
                walk.jobs.push((path.to_path_buf(), Kind::Front, segments));
            } else {
                let index = walk.areas.iter().position(|a| a.segments == segments);
                match index {
                    Some(i) => walk
                        .jobs
                        .push((path.to_path_buf(), Kind::AreaIndex(i), segments)),
                    None => walk.diagnostics.push(Diagnostic::error(
                        display(site, path),
                        "internal: area folder not seen",
                    )),
                }
            }
            continue;
        }
        if file_name.starts_with('_') {
            walk.diagnostics.push(
                Diagnostic::warning(display(site, path), crate::msg!("content-underscore-file"))
                    .help(crate::msg!("content-underscore-file-help")),
            );
            continue;
        }
        segments.push(stem);
        walk.jobs.push((path.to_path_buf(), Kind::Unit, segments));
    }

    walk
}

#[derive(Clone, Serialize, Deserialize)]
enum Parsed {
    Front(Arc<Loaded<FrontRecord>>),
    Unit(Arc<Loaded<UnitRecord>>),
    Person(Arc<Loaded<PersonRecord>>),
    Org(Arc<Loaded<OrgRecord>>),
}

fn read_one(
    site: &Path,
    path: &Path,
    kind: &Kind,
    segments: Vec<String>,
    opened: &mut Option<std::fs::Metadata>,
    diags: &mut Diagnostics,
) -> Result<Parsed, Diagnostic> {
    let (file, meta) = SourceFile::read_with_metadata(path, display(site, path))?;
    *opened = Some(meta);
    let typed = scan_for_identifiers(&file, diags);
    let doc = source::split(&file)?;
    let table = source::parse_table(&file, &doc);
    let parsed = table.as_ref().ok().map(|t| t.get_ref());
    privacy::scan_as_read(&file, &doc, parsed, &typed, diags);
    let table = table?;
    let toml_offset = doc.toml_offset;
    let body = doc
        .body
        .map(str::to_string)
        .filter(|b| !b.trim().is_empty());
    Ok(match kind {
        Kind::Front => {
            let keys = Keys {
                known: record::FRONT_FIELDS,
                nested: &[],
            };
            let record = source::parse_checked(&file, &doc, table, &keys, diags)?;
            Parsed::Front(Arc::new(Loaded {
                file,
                toml_offset,
                segments,
                record,
                body,
            }))
        }
        Kind::AreaIndex(_) | Kind::Unit => {
            let keys = Keys {
                known: record::UNIT_FIELDS,
                nested: &[("team", record::TEAM_FIELDS)],
            };
            let record = source::parse_checked(&file, &doc, table, &keys, diags)?;
            Parsed::Unit(Arc::new(Loaded {
                file,
                toml_offset,
                segments,
                record,
                body,
            }))
        }
        Kind::Person => {
            let keys = Keys {
                known: record::PERSON_FIELDS,
                nested: &[],
            };
            let record = source::parse_checked(&file, &doc, table, &keys, diags)?;
            Parsed::Person(Arc::new(Loaded {
                file,
                toml_offset,
                segments,
                record,
                body,
            }))
        }
        Kind::Org => {
            let keys = Keys {
                known: record::ORG_FIELDS,
                nested: &[],
            };
            let record = source::parse_checked(&file, &doc, table, &keys, diags)?;
            Parsed::Org(Arc::new(Loaded {
                file,
                toml_offset,
                segments,
                record,
                body,
            }))
        }
    })
}

/// Residents' ID numbers must never be published, wherever in a file they were typed.
/// Returns the masked numbers it reported, which the scan as read leaves out.
pub(crate) fn scan_for_identifiers(file: &SourceFile, diags: &mut Diagnostics) -> Vec<String> {
    let mut reported = Vec::new();
    for found in idnumber::scan(&file.text) {
        reported.push(found.masked.clone());
        let message = crate::msg!(
            "content-identifier",
            what = found.kind.describe(),
            masked = &found.masked
        );
        let d = if found.kind.is_error() {
            Diagnostic::error(&file.display, message)
        } else {
            Diagnostic::warning(&file.display, message)
        };
        diags.push(
            d.at(Some(found.line), Some(found.column))
                .help(crate::msg!("content-identifier-help")),
        );
    }
    reported
}

fn two_records(first: &str, second: &str) -> Diagnostic {
    Diagnostic::error(second, crate::msg!("content-same-name", first = first))
        .help(crate::msg!("content-same-name-help"))
}

fn two_formats_of_one_unit(units: &[Arc<Loaded<UnitRecord>>], out: &mut Diagnostics) {
    let mut seen = std::collections::HashMap::new();
    for unit in units {
        if let Some(prev) = seen.insert(&unit.segments, &unit.file.display) {
            out.push(two_records(prev, &unit.file.display));
        }
    }
}

/// Whether the file or folder a symbolic link in the site points to is inside the site: a
/// link out of it (to a roster, to someone's photos) is never read or published.
fn stays_inside(site: &Path, link: &Path) -> bool {
    match (site.canonicalize(), link.canonicalize()) {
        (Ok(site), Ok(target)) => target.starts_with(site),
        _ => false,
    }
}

/// A site-relative, `/`-separated path for messages.
pub(crate) fn display(site: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(site).unwrap_or(path);
    // A path the walk made is already in this form where `/` is the separator, as it is on
    // the machines that build a province: each of its files is named this way.
    if let Some(text) = rel.to_str()
        && std::path::MAIN_SEPARATOR == '/'
        && !text.starts_with(['.', '/'])
        && !text.ends_with(['.', '/'])
        && !text.contains("//")
        && !text.contains("/./")
    {
        return text.to_string();
    }
    joined_components(rel)
}

/// `rel`'s components, joined with `/`.
fn joined_components(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_shown_as_its_components_joined_by_slashes() {
        let site = Path::new("/site");
        for path in [
            "/site/content/东湖镇/刘庄村.toml",
            "/site/content//a/./b.toml",
            "/site/./content/a/",
            "/site/content/a/.",
            "/site/.hidden/x",
            "/site/../x.toml",
            "/site",
            "/elsewhere/x.toml",
            "relative/x.toml",
        ] {
            let path = Path::new(path);
            let rel = path.strip_prefix(site).unwrap_or(path);
            assert_eq!(display(site, path), joined_components(rel), "{path:?}");
        }
        assert_eq!(
            display(site, Path::new("/site/content/a/b.toml")),
            "content/a/b.toml"
        );
    }
}
