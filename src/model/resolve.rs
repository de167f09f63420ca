//! Turning loaded records into the model: people looked up, phones and dates validated, URLs
//! assigned and checked for collisions, hotlines and tasks inherited down the area tree.

use super::slug::{is_valid_slug, slugify};
use super::{Area, AreaIndex, Assignment, Kind, Person, Site, Unit};
use crate::config::Config;
use crate::content::record::{PersonRecord, UnitRecord};
use crate::content::source::{SourceFile, nearest};
use crate::content::values::{self, error_at};
use crate::content::{Content, Loaded};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::validate::phone::{self, Phone};
use foldhash::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use time::Date;

/// Top-level URL segments the build writes itself; no area may take them.
pub const RESERVED_SEGMENTS: &[&str] =
    &["people", "photos", "assets", "coverage", "reprint", "orgs"];

/// Builds the model. Every problem goes to `out`; `None` when there were errors.
pub fn resolve(
    config: Config,
    root: &Path,
    content: Content,
    date: Date,
    out: &mut Diagnostics,
) -> Option<Site> {
    let errors_before = out.errors().count();
    let Content {
        front,
        areas: area_sources,
        units: unit_sources,
        people: people_sources,
        people_images,
        orgs: org_sources,
    } = content;

    let people = resolve_people(root, &people_sources, &people_images, out);
    let person_index: HashMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let person_ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    // People whose record exists but has errors: teams naming them get no second error.
    let broken: HashSet<&str> = people_sources
        .iter()
        .map(|p| p.stem())
        .filter(|id| !person_index.contains_key(id))
        .collect();
    let mut orgs = super::org::resolve(&org_sources, &people, &person_index, out);
    let ctx = Resolver {
        person_index: &person_index,
        person_ids: &person_ids,
        broken: &broken,
        date,
        orgs: &orgs,
    };

    let mut urls = UrlRegistry::default();
    let mut areas = vec![Area {
        id: String::new(),
        name: config.title.clone(),
        parent: None,
        children: Vec::new(),
        units: Vec::new(),
        record: None,
    }];
    // What each area passes down to its units: (hotline, tasks).
    let mut inherited: Vec<(Option<Phone>, Vec<String>)> =
        vec![(config.hotline.clone(), config.board.tasks.clone())];
    let mut area_by_segments: HashMap<Vec<String>, AreaIndex> = HashMap::default();
    area_by_segments.insert(Vec::new(), 0);

    for source in &area_sources {
        let parent_segments = &source.segments[..source.segments.len() - 1];
        let Some(&parent) = area_by_segments.get(parent_segments) else {
            continue;
        };
        let folder = source.segments.last().cloned().unwrap_or_default();
        let shown = source.record.as_ref().map_or_else(
            || crate::content::display(root, &source.dir),
            |r| r.file.display.clone(),
        );
        let slug = segment_for(source.record.as_deref(), &folder, &shown, out);
        let id = join_id(&areas[parent].id, &slug);
        if parent == 0 && RESERVED_SEGMENTS.contains(&slug.as_str()) {
            out.push(
                Diagnostic::error(
                    &shown,
                    format!("the folder name `{folder}` is reserved for the site's own pages"),
                )
                .help("rename the folder or give its _index.toml a different `slug`"),
            );
        }
        urls.claim(&id, &shown, out);
        let index = areas.len();
        let (parent_hotline, parent_tasks) = inherited[parent].clone();
        let record = source.record.as_ref().map(|r| {
            ctx.unit(
                r,
                id.clone(),
                folder.clone(),
                Kind::Township,
                index,
                &parent_hotline,
                &parent_tasks,
                out,
            )
        });
        let passed_down = match &record {
            Some(r) => (r.hotline.clone(), r.tasks.clone()),
            None => (parent_hotline, parent_tasks),
        };
        if let Some(r) = &record {
            for alias in &r.aliases {
                urls.claim(alias, &shown, out);
            }
        }
        areas.push(Area {
            id,
            name: record.as_ref().map_or(folder, |r| r.name.clone()),
            parent: Some(parent),
            children: Vec::new(),
            units: Vec::new(),
            record,
        });
        areas[parent].children.push(index);
        inherited.push(passed_down);
        area_by_segments.insert(source.segments.clone(), index);
    }

    let mut units = Vec::with_capacity(unit_sources.len());
    for source in &unit_sources {
        let parent_segments = &source.segments[..source.segments.len() - 1];
        let Some(&area) = area_by_segments.get(parent_segments) else {
            continue;
        };
        let stem = source.stem().to_string();
        let slug = segment_for(Some(source), &stem, &source.file.display, out);
        let id = join_id(&areas[area].id, &slug);
        if area == 0 && RESERVED_SEGMENTS.contains(&slug.as_str()) {
            out.push(
                Diagnostic::error(
                    &source.file.display,
                    format!("`{slug}` is reserved for the site's own pages"),
                )
                .help("rename the file or give it a different `slug`"),
            );
        }
        urls.claim(&id, &source.file.display, out);
        let (hotline, tasks) = &inherited[area];
        let unit = ctx.unit(source, id, stem, Kind::Village, area, hotline, tasks, out);
        for alias in &unit.aliases {
            urls.claim(alias, &source.file.display, out);
        }
        areas[area].units.push(units.len());
        units.push(unit);
    }

    super::org::link_units(&mut orgs, &units);
    let mut people = people;
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
    let mut person_urls = UrlRegistry::default();
    for person in &people {
        person_urls.claim(&person_slug(&person.id), &person.source, out);
    }

    if out.errors().count() > errors_before {
        return None;
    }
    let (front_title, front_description, front_body) = match front {
        Some(f) => (
            f.record.title.clone(),
            f.record.description.clone(),
            f.body.clone(),
        ),
        None => (None, None, None),
    };
    Some(Site {
        config,
        root: root.to_path_buf(),
        date,
        areas,
        units,
        people,
        front_title,
        front_description,
        front_body,
        orgs,
    })
}

/// A person's URL segment under `people/`: the file stem, as pinyin when it is not ASCII.
pub fn person_slug(id: &str) -> String {
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
fn segment_for(
    record: Option<&Loaded<UnitRecord>>,
    name: &str,
    shown: &str,
    out: &mut Diagnostics,
) -> String {
    if let Some(r) = record
        && let Some(slug) = &r.record.slug
    {
        if is_valid_slug(slug.get_ref()) {
            return slug.get_ref().clone();
        }
        out.push(
            error_at(
                &r.file,
                &r.doc(),
                slug,
                format!("`slug` = \"{}\" is not a valid URL segment", slug.get_ref()),
            )
            .help(format!(
                "use lowercase letters, digits and dashes only, like \"{}\"",
                slugify(slug.get_ref())
            )),
        );
    }
    let slug = slugify(name);
    if slug.is_empty() {
        out.push(
            Diagnostic::error(
                shown,
                format!("`{name}` gives no letters for a web address"),
            )
            .help("add a `slug` field such as slug = \"dongcun\""),
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
                    Diagnostic::error(file, format!("this record and {first} both end up at the address /{url}/"))
                        .help(format!(
                            "give one of them its own address with a line such as slug = \"{last}-2\" (names that sound alike, like 石庄村 and 师庄村, share a pinyin)"
                        )),
                );
            }
            return;
        }
        self.owners.insert(url, file.to_string());
    }
}

struct Resolver<'a> {
    person_index: &'a HashMap<&'a str, usize>,
    person_ids: &'a [&'a str],
    broken: &'a HashSet<&'a str>,
    date: Date,
    orgs: &'a super::Orgs,
}

impl Resolver<'_> {
    #[allow(clippy::too_many_arguments)]
    fn unit(
        &self,
        source: &Loaded<UnitRecord>,
        id: String,
        fallback_name: String,
        default_kind: Kind,
        area: AreaIndex,
        inherited_hotline: &Option<Phone>,
        inherited_tasks: &[String],
        out: &mut Diagnostics,
    ) -> Unit {
        let r = &source.record;
        let file = &source.file;
        let doc = source.doc();
        let is_area_record = default_kind == Kind::Township;
        let name = match &r.name {
            Some(n) if !n.get_ref().trim().is_empty() => n.get_ref().trim().to_string(),
            _ if is_area_record => fallback_name,
            _ => {
                out.push(
                    Diagnostic::error(&file.display, "`name` is missing")
                        .help(format!("add a line such as name = \"{fallback_name}\"")),
                );
                fallback_name
            }
        };
        let kind = match &r.kind {
            None => default_kind,
            Some(k) => Kind::parse(k.get_ref()).unwrap_or_else(|| {
                let names: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                let mut d = error_at(file, &doc, k, format!("unknown kind `{}`", k.get_ref()));
                d = match nearest(k.get_ref(), &names) {
                    Some(best) => d.help(format!(
                        "did you mean \"{best}\"? kinds: {}",
                        names.join(", ")
                    )),
                    None => d.help(format!("use one of: {}", names.join(", "))),
                };
                out.push(d);
                default_kind
            }),
        };
        let code = r.code.as_ref().and_then(|c| {
            let text = values::text(c.get_ref());
            if !text
                .as_deref()
                .is_some_and(|t| t.len() == 12 && t.bytes().all(|b| b.is_ascii_digit()))
            {
                let (line, col) = values::position(file, &doc, c);
                out.push(
                    Diagnostic::warning(
                        &file.display,
                        "`code` should be the 12-digit statistical division code",
                    )
                    .at(Some(line), Some(col))
                    .help("write it in quotes, like code = \"371428104201\", or remove it"),
                );
            }
            text
        });
        let hotline = match &r.hotline {
            Some(h) => phone_field(file, &doc, "hotline", h, true, out)
                .or_else(|| inherited_hotline.clone()),
            None => inherited_hotline.clone(),
        };
        let aliases = r
            .aliases
            .iter()
            .flatten()
            .filter_map(|a| {
                let clean = a.get_ref().trim().trim_matches('/').to_string();
                let valid = !clean.is_empty() && clean.split('/').all(is_valid_slug);
                if !valid {
                    out.push(
                        error_at(
                            file,
                            &doc,
                            a,
                            format!("alias \"{}\" is not a site path", a.get_ref()),
                        )
                        .help("write the old address path, like \"luquantun/liuzhuang\""),
                    );
                }
                valid.then_some(clean)
            })
            .collect();

        let mut team: Vec<Assignment> = Vec::with_capacity(r.team.len());
        for (n, member) in r.team.iter().enumerate() {
            let Some(person_ref) = &member.person else {
                out.push(
                    Diagnostic::error(
                        &file.display,
                        format!("team member {} has no `person`", n + 1),
                    )
                    .help("add person = \"file-name-of-the-person\" (a record in content/people/)"),
                );
                continue;
            };
            let wanted = person_ref.get_ref().trim();
            if self.broken.contains(wanted) {
                continue;
            }
            let Some(&person) = self.person_index.get(wanted) else {
                let mut d = error_at(
                    file,
                    &doc,
                    person_ref,
                    format!("no person `{wanted}` in content/people/"),
                );
                d = match nearest(wanted, self.person_ids) {
                    Some(best) => d.help(format!(
                        "did you mean \"{best}\"? otherwise create content/people/{wanted}.toml"
                    )),
                    None => d.help(format!(
                        "create content/people/{wanted}.toml with the person's name and phone"
                    )),
                };
                out.push(d);
                continue;
            };
            if team.iter().any(|a| a.person == person) {
                let (line, col) = values::position(file, &doc, person_ref);
                out.push(
                    Diagnostic::warning(&file.display, format!("`{wanted}` is on this team twice"))
                        .at(Some(line), Some(col))
                        .help("remove one of the two [[team]] entries"),
                );
            }
            let since = member.since.as_ref().and_then(|v| {
                values::date(file, &doc, "since", v)
                    .map_err(|d| out.push(d))
                    .ok()
            });
            let until = member.until.as_ref().and_then(|v| {
                values::date(file, &doc, "until", v)
                    .map_err(|d| out.push(d))
                    .ok()
            });
            if let (Some(s), Some(u)) = (since, until)
                && u < s
            {
                let (line, col) = values::position(file, &doc, person_ref);
                out.push(
                    Diagnostic::error(
                        &file.display,
                        format!("`until` ({u}) is before `since` ({s})"),
                    )
                    .at(Some(line), Some(col))
                    .help("swap the two dates"),
                );
            }
            let current =
                since.is_none_or(|s| s <= self.date) && until.is_none_or(|u| self.date <= u);
            team.push(Assignment {
                person,
                role: clean(member.role.as_deref()),
                lead: member.lead.unwrap_or(false),
                duties: clean(member.duties.as_deref()),
                covers: member.covers.clone().unwrap_or_default(),
                since,
                until,
                current,
                households: member.households,
            });
        }
        // Leads first; otherwise the order written, which is the order on the board.
        team.sort_by_key(|a| !a.lead);

        Unit {
            id,
            name,
            kind,
            area,
            code,
            households: r.households,
            address: clean(r.address.as_deref()),
            hotline,
            tasks: r.tasks.clone().unwrap_or_else(|| inherited_tasks.to_vec()),
            aliases,
            description: clean(r.description.as_deref()),
            team,
            body: source.body.clone(),
            source: file.display.clone(),
            orgs: super::org::unit_orgs(source, self.orgs, out),
        }
    }
}

fn clean(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn phone_field(
    file: &SourceFile,
    doc: &crate::content::source::Document,
    field: &str,
    value: &toml::Spanned<toml::Value>,
    hotline: bool,
    out: &mut Diagnostics,
) -> Option<Phone> {
    let Some(text) = values::text(value.get_ref()) else {
        out.push(
            error_at(
                file,
                doc,
                value,
                format!("`{field}` must be a phone number"),
            )
            .help("write it in quotes, like \"139 1234 5678\""),
        );
        return None;
    };
    let parsed = if hotline {
        phone::parse_hotline(&text)
    } else {
        phone::parse_phone(&text)
    };
    parsed
        .map_err(|e| out.push(error_at(file, doc, value, format!("`{field}`: {e}"))))
        .ok()
}

fn resolve_people(
    root: &Path,
    sources: &[std::sync::Arc<Loaded<PersonRecord>>],
    images: &[PathBuf],
    out: &mut Diagnostics,
) -> Vec<Person> {
    let mut by_stem: HashMap<String, &PathBuf> = HashMap::default();
    for image in images {
        if let Some(stem) = image.file_stem() {
            // Prefer the first in sorted order (jpg before png), deterministically.
            by_stem
                .entry(stem.to_string_lossy().into_owned())
                .or_insert(image);
        }
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut people = Vec::with_capacity(sources.len());
    for source in sources {
        let r = &source.record;
        let file = &source.file;
        let doc = source.doc();
        let id = source.stem().to_string();
        let name = match &r.name {
            Some(n) if !n.get_ref().trim().is_empty() => n.get_ref().trim().to_string(),
            _ => {
                out.push(
                    Diagnostic::error(&file.display, "`name` is missing")
                        .help("add a line such as name = \"王兴\""),
                );
                continue;
            }
        };
        let phone = match &r.phone {
            Some(p) => phone_field(file, &doc, "phone", p, false, out),
            None => {
                out.push(
                    Diagnostic::error(&file.display, "`phone` is missing")
                        .help("add the public work number, like phone = \"139 1234 5678\""),
                );
                None
            }
        };
        let office_phone = r
            .office_phone
            .as_ref()
            .and_then(|p| phone_field(file, &doc, "office_phone", p, true, out));
        let checked = r.checked.as_ref().and_then(|v| {
            values::date(file, &doc, "checked", v)
                .map_err(|d| out.push(d))
                .ok()
        });
        let photo = match &r.photo {
            Some(p) => {
                let dir = file.path.parent().unwrap_or(root);
                let candidate = dir.join(p.get_ref());
                match candidate.canonicalize() {
                    Ok(real) if real.starts_with(&canonical_root) => Some(real),
                    Ok(_) => {
                        out.push(
                            error_at(file, &doc, p, format!("the photo \"{}\" is outside the site folder", p.get_ref()))
                                .help("copy the photo into the site folder (for example beside the record) and point to it there"),
                        );
                        None
                    }
                    Err(_) if leaves_folder(p.get_ref()) => {
                        out.push(
                            error_at(
                                file,
                                &doc,
                                p,
                                format!(
                                    "the photo \"{}\" points outside the site folder",
                                    p.get_ref()
                                ),
                            )
                            .help("copy the photo into the site folder and point to it there"),
                        );
                        None
                    }
                    Err(_) => {
                        let (line, col) = values::position(file, &doc, p);
                        out.push(
                            Diagnostic::warning(
                                &file.display,
                                format!(
                                    "the photo \"{}\" does not exist; a placeholder is shown",
                                    p.get_ref()
                                ),
                            )
                            .at(Some(line), Some(col))
                            .help("check the file name, or remove the `photo` line"),
                        );
                        None
                    }
                }
            }
            None => by_stem.get(&id).map(|p| p.to_path_buf()),
        };
        let Some(phone) = phone else { continue };
        people.push(Person {
            id,
            name,
            title: clean(r.title.as_deref()),
            org: clean(r.org.as_deref()),
            phone,
            office_phone,
            photo,
            checked,
            body: source.body.clone(),
            source: file.display.clone(),
            current_units: Vec::new(),
            serving: false,
            rank: clean(r.rank.as_deref()),
        });
    }
    people
}

fn leaves_folder(path: &str) -> bool {
    let p = Path::new(path);
    p.is_absolute()
        || p.components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
}
