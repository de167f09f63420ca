//! Turning loaded records into the model: people looked up, phones and dates validated, URLs
//! assigned and checked for collisions, hotlines and tasks inherited down the area tree.

use super::lengths::{NAME_MAX, VCARD_SUFFIX, short_example};
use super::people::resolve_people;
use super::record::{Inherited, Owner, Resolver};
use super::slug::{is_valid_slug, slugify};
use super::{Area, AreaIndex, Person, Site, Unit};
use crate::config::Config;
use crate::content::record::UnitRecord;
use crate::content::values::error_at;
use crate::content::{AreaSource, Content, Loaded};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::validate::phone::{Phone, PhoneParser};
use foldhash::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use time::Date;

/// Top-level URL segments the build writes itself; no area may take them.
pub(crate) const RESERVED_SEGMENTS: &[&str] = &[
    "people", "photos", "assets", "coverage", "reprint", "ledger", "orgs",
];

/// Builds the model. Every problem goes to `out`; `None` when there were errors.
pub(crate) fn resolve(
    config: Config,
    root: &Path,
    content: Content,
    date: Date,
    phones: &PhoneParser,
    out: &mut Diagnostics,
) -> Option<Site> {
    let errors_before = out.errors().count();
    let mut people = resolve_people(root, &content.people, &content.people_images, phones, out);
    let person_index: HashMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let person_ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    // People whose record exists but has errors: teams naming them get no second error.
    let broken: HashSet<&str> = content
        .people
        .iter()
        .map(|p| p.stem())
        .filter(|id| !person_index.contains_key(id))
        .collect();
    let mut orgs = super::org::resolve(&content.orgs, &people, &person_index, phones, out);
    let ctx = Resolver {
        orgs: &orgs,
        person_index: &person_index,
        person_ids: &person_ids,
        broken: &broken,
        date,
        phones,
        config: &config,
        root,
    };
    let mut urls = UrlRegistry::default();
    let mut tree = ctx.area_tree(&content.areas, &mut urls, out);
    let units = ctx.units(&content.units, &mut tree, &mut urls, out);
    super::board::warn_crowded(&units, out);
    let areas = tree.areas;
    super::org::link_units(&mut orgs, &units);
    mark_serving(&mut people, &units, &areas);
    let mut person_urls = UrlRegistry::default();
    for person in &people {
        let slug = person_slug(&person.id);
        if slug.len() + VCARD_SUFFIX.len() > NAME_MAX {
            out.push(
                Diagnostic::error(
                    &person.source,
                    crate::msg!(
                        "model-person-name-too-long",
                        length = slug.len(),
                        max = NAME_MAX - VCARD_SUFFIX.len()
                    ),
                )
                .help(crate::msg!(
                    "model-person-name-too-long-help",
                    example = short_example(&person.name)
                )),
            );
        }
        person_urls.claim(&slug, &person.source, out);
    }
    if out.errors().count() > errors_before {
        return None;
    }
    let (front_title, front_description, front_body) = match &content.front {
        Some(f) => (
            f.record.title.clone(),
            f.record.description.clone(),
            f.body.clone(),
        ),
        None => (None, None, None),
    };
    let site = Site {
        config,
        root: root.to_path_buf(),
        date,
        areas,
        units,
        people,
        front_title,
        front_description,
        front_body,
        worklog: Default::default(),
        orgs,
    };
    // The records are not needed after: a province's take a tenth of a second to free.
    crate::drop_on_the_side(content);
    Some(site)
}

/// The areas as they are resolved, and what each passes down to the units below it.
struct Tree {
    areas: Vec<Area>,
    /// Per area: the hotline and tasks its units inherit.
    inherited: Vec<(Option<Phone>, Vec<String>)>,
    /// Each area by its folder names under `content/`.
    by_segments: HashMap<Vec<String>, AreaIndex>,
}

impl Tree {
    /// The area holding a file or folder at `segments`, if it was resolved.
    fn parent_of(&self, segments: &[String]) -> Option<AreaIndex> {
        self.by_segments
            .get(&segments[..segments.len() - 1])
            .copied()
    }
}

/// Marks everyone on a current team as serving, and notes the units they serve.
fn mark_serving(people: &mut [Person], units: &[Unit], areas: &[Area]) {
    for (index, unit) in units.iter().enumerate() {
        for assignment in unit.current_team() {
            let person = &mut people[assignment.person];
            person.serving = true;
            if !person.current_units.contains(&index) {
                person.current_units.push(index);
            }
        }
    }
    for record in areas.iter().filter_map(|a| a.record.as_ref()) {
        for assignment in record.current_team() {
            people[assignment.person].serving = true;
        }
    }
}

impl Resolver<'_> {
    /// Every area folder under `content/`, parents before children, with its own record.
    fn area_tree(
        &self,
        sources: &[AreaSource],
        urls: &mut UrlRegistry,
        out: &mut Diagnostics,
    ) -> Tree {
        let config = self.config;
        let mut tree = Tree {
            areas: vec![Area {
                id: String::new(),
                url: config.url(""),
                name: config.title.clone(),
                parent: None,
                children: Vec::new(),
                units: Vec::new(),
                record: None,
                source: crate::content::CONTENT_DIR.to_string(),
            }],
            inherited: vec![(config.hotline.clone(), config.board.tasks.clone())],
            by_segments: HashMap::from_iter([(Vec::new(), 0)]),
        };
        for source in sources {
            let Some(parent) = tree.parent_of(&source.segments) else {
                continue;
            };
            let folder = source.segments.last().cloned().unwrap_or_default();
            let shown = source.record.as_ref().map_or_else(
                || crate::content::display(self.root, &source.dir),
                |r| r.file.display.clone(),
            );
            let slug = segment_for(source.record.as_deref(), &folder, &shown, out);
            let id = join_id(&tree.areas[parent].id, &slug);
            if parent == 0 && RESERVED_SEGMENTS.contains(&slug.as_str()) {
                out.push(
                    Diagnostic::error(
                        &shown,
                        crate::msg!("model-reserved-folder", folder = &folder),
                    )
                    .help(crate::msg!("model-reserved-folder-help")),
                );
            }
            urls.claim(&id, &shown, out);
            let (hotline, tasks) = tree.inherited[parent].clone();
            let inherited = Inherited {
                hotline: &hotline,
                tasks: &tasks,
            };
            let own = source
                .record
                .as_ref()
                .map(|r| self.record(r, Owner::Area, folder.clone(), inherited, out));
            let passed_down = match &own {
                Some((_, r)) => (r.hotline.clone(), r.tasks.clone()),
                None => (hotline, tasks),
            };
            for alias in own.iter().flat_map(|(_, r)| &r.aliases) {
                urls.claim(alias, &shown, out);
            }
            let (name, record) = match own {
                Some((name, record)) => (name, Some(record)),
                None => (folder, None),
            };
            let index = tree.areas.len();
            tree.areas.push(Area {
                url: config.url(&format!("{id}/")),
                id,
                name,
                parent: Some(parent),
                children: Vec::new(),
                units: Vec::new(),
                record,
                source: shown,
            });
            tree.areas[parent].children.push(index);
            tree.inherited.push(passed_down);
            tree.by_segments.insert(source.segments.clone(), index);
        }
        tree
    }

    /// Every unit record, each in the area of its folder.
    fn units(
        &self,
        sources: &[Arc<Loaded<UnitRecord>>],
        tree: &mut Tree,
        urls: &mut UrlRegistry,
        out: &mut Diagnostics,
    ) -> Vec<Unit> {
        let mut units = Vec::with_capacity(sources.len());
        for source in sources {
            let Some(area) = tree.parent_of(&source.segments) else {
                continue;
            };
            let stem = source.stem().to_string();
            let slug = segment_for(Some(source), &stem, &source.file.display, out);
            let id = join_id(&tree.areas[area].id, &slug);
            if area == 0 && RESERVED_SEGMENTS.contains(&slug.as_str()) {
                out.push(
                    Diagnostic::error(
                        &source.file.display,
                        crate::msg!("model-reserved-slug", slug = &slug),
                    )
                    .help(crate::msg!("model-reserved-slug-help")),
                );
            }
            urls.claim(&id, &source.file.display, out);
            let (hotline, tasks) = &tree.inherited[area];
            let inherited = Inherited { hotline, tasks };
            let (name, record) = self.record(source, Owner::Unit, stem, inherited, out);
            for alias in &record.aliases {
                urls.claim(alias, &source.file.display, out);
            }
            let url = self.config.url(&format!("{id}/"));
            if !crate::render::qr::fits(&url) {
                out.push(
                    Diagnostic::error(
                        &source.file.display,
                        crate::msg!(
                            "model-url-too-long-for-qr",
                            length = url.len(),
                            max = crate::render::qr::MAX_BYTES
                        ),
                    )
                    .help(crate::msg!("model-url-too-long-for-qr-help")),
                );
            }
            tree.areas[area].units.push(units.len());
            units.push(Unit {
                url,
                id,
                name,
                area,
                record,
            });
        }
        units
    }
}

/// A person's URL segment under `people/`: the file stem, as pinyin when it is not ASCII.
pub(crate) fn person_slug(id: &str) -> String {
    if is_valid_slug(id) {
        id.to_string()
    } else {
        slugify(id)
    }
}

fn join_id(parent: &str, slug: &str) -> String {
    if parent.is_empty() {
        slug.to_string()
    } else {
        format!("{parent}/{slug}")
    }
}

/// The URL segment of a record: its valid `slug`, else its file or folder name made ASCII.
/// A segment becomes a folder of the output: one longer than a file name may be is an error
/// here, as the build could not write it.
fn segment_for(
    record: Option<&Loaded<UnitRecord>>,
    name: &str,
    shown: &str,
    out: &mut Diagnostics,
) -> String {
    if let Some(r) = record
        && let Some(slug) = &r.record.slug
    {
        let written = slug.get_ref();
        if is_valid_slug(written) && written.len() <= NAME_MAX {
            return written.clone();
        }
        let (message, help) = if is_valid_slug(written) {
            (
                crate::msg!(
                    "model-slug-too-long",
                    length = written.len(),
                    max = NAME_MAX
                ),
                crate::msg!("model-slug-too-long-help", example = short_example(name)),
            )
        } else {
            (
                crate::msg!("model-bad-slug", slug = written),
                crate::msg!("model-bad-slug-help", example = slugify(written)),
            )
        };
        out.push(error_at(&r.file, &r.doc(), slug, message).help(help));
    }
    let slug = slugify(name);
    if slug.is_empty() {
        out.push(
            Diagnostic::error(shown, crate::msg!("model-no-slug", name = name))
                .help(crate::msg!("model-no-slug-help")),
        );
    } else if slug.len() > NAME_MAX && record.is_none_or(|r| r.record.slug.is_none()) {
        out.push(
            Diagnostic::error(
                shown,
                crate::msg!(
                    "model-name-too-long",
                    name = name,
                    length = slug.len(),
                    max = NAME_MAX
                ),
            )
            .help(crate::msg!(
                "model-name-too-long-help",
                example = short_example(name)
            )),
        );
    }
    slug
}

/// Which file owns each URL, so that collisions name both files.
#[derive(Default)]
struct UrlRegistry {
    owners: HashMap<String, String>,
}

impl UrlRegistry {
    fn claim(&mut self, url: &str, file: &str, out: &mut Diagnostics) {
        let url = url.trim_matches('/').to_string();
        if let Some(first) = self.owners.get(&url) {
            if first != file {
                let last = url.rsplit('/').next().unwrap_or(&url);
                out.push(
                    Diagnostic::error(
                        file,
                        crate::msg!("model-same-address", first = first, url = &url),
                    )
                    .help(crate::msg!("model-same-address-help", last = last)),
                );
            }
            return;
        }
        self.owners.insert(url, file.to_string());
    }
}
