//! Stage 3, render: every page, board, QR code and vCard of a resolved site, written into a
//! staging folder. Templates come from the theme; Rust code only prepares data.

pub mod campaign;
pub mod context;
pub mod markdown;
mod org;
pub mod qr;
pub mod search;
pub mod theme;
pub mod vcard;

use crate::config::Language;
use crate::coverage::Report;
use crate::model::{Site, Unit};
use crate::photos::PhotoOutcome;
use context::{LinkView, PersonView, PhoneView, UnitView, date_display};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera, Value};
use theme::Theme;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template {origin}: {message}")]
    Template { origin: String, message: String },
    #[error("strings table {origin}: {message}")]
    Strings { origin: String, message: String },
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot make the QR code for {url}: {message}")]
    Qr { url: String, message: String },
}

/// Pixels per module of `qr.png`: 410 px for a typical code, plenty for a screen or a share
/// preview; boards print the SVG.
const QR_PNG_MODULE_PX: u32 = 10;

/// What a build needs besides the site itself.
pub struct RenderInput<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub photos: &'a HashMap<PathBuf, PhotoOutcome>,
    pub report: Option<&'a Report>,
    /// The live-reload script's URL, only while serving.
    pub live_reload: Option<String>,
    /// Counts rendered units and people.
    pub progress: &'a crate::progress::Progress,
    /// QR codes kept between builds of one `serve` session, by URL.
    pub qr_cache: Option<&'a QrCache>,
    /// Whether to compute [`Fingerprints`] (only `serve` compares builds).
    pub fingerprints: bool,
    /// The views of a session's last build, to take over what did not change.
    pub previous: Option<&'a ViewCache>,
}

/// A build's views, kept by a session for the next build: see [`Renderer::into_views`].
pub struct Views {
    people: Vec<PersonView>,
    person_values: Vec<Value>,
    units: Vec<UnitFacts>,
    unit_values: Vec<Value>,
    boards: Vec<BoardRecord>,
    fingerprints: Fingerprints,
}

/// A build's views with the site they show.
pub struct ViewCache {
    site: Site,
    views: Views,
}

impl ViewCache {
    pub fn new(site: Site, views: Views) -> ViewCache {
        ViewCache { site, views }
    }
}

impl std::ops::Deref for ViewCache {
    type Target = Views;
    fn deref(&self) -> &Views {
        &self.views
    }
}

/// QR codes already encoded, by URL: encoding (mask selection) is the costliest step of
/// making a unit's pages, and a URL's code never changes.
pub type QrCache = std::sync::Mutex<HashMap<String, qr::QrCode>>;

/// What a build's pages were made from, in hashes, so the next build of a `serve` session can
/// render only the pages whose data changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprints {
    /// Everything every page may show: the configuration, the theme, the area tree, the set of
    /// units and people and their addresses. When it changes, everything is rendered.
    pub site: u64,
    /// Each unit's view (its team's people included), in `site.units` order.
    pub units: Vec<u64>,
    /// Each person's view, in `site.people` order.
    pub people: Vec<u64>,
}

/// Which pages a build renders.
#[derive(Debug, Clone)]
pub enum Scope {
    All,
    /// Only the pages that show these units or people (indexes into the site's lists): their
    /// own pages, boards and vCards, the areas above the units, the lists and the search index.
    /// The coverage report is rendered when `report` is set. Pages are rendered into memory
    /// and written only when all of them succeeded.
    Changed {
        units: std::collections::HashSet<usize>,
        people: std::collections::HashSet<usize>,
        report: bool,
    },
}

impl Scope {
    fn unit(&self, index: usize) -> bool {
        match self {
            Scope::All => true,
            Scope::Changed { units, .. } => units.contains(&index),
        }
    }

    fn person(&self, index: usize) -> bool {
        match self {
            Scope::All => true,
            Scope::Changed { people, .. } => people.contains(&index),
        }
    }

    /// The areas whose pages show a changed unit: every area above one.
    fn areas(&self, site: &Site) -> std::collections::HashSet<usize> {
        match self {
            Scope::All => (0..site.areas.len()).collect(),
            Scope::Changed { units, .. } => units
                .iter()
                .flat_map(|&u| {
                    let area = site.units[u].area;
                    let mut chain = site.ancestors(area);
                    chain.push(0);
                    chain
                })
                .collect(),
        }
    }

    /// The people list and the search index show every unit and person.
    fn lists(&self) -> bool {
        match self {
            Scope::All => true,
            Scope::Changed { units, people, .. } => !units.is_empty() || !people.is_empty(),
        }
    }

    fn report(&self) -> bool {
        match self {
            Scope::All => true,
            Scope::Changed { report, .. } => *report,
        }
    }

    fn everything(&self) -> bool {
        matches!(self, Scope::All)
    }
}

/// One printed board, for the manifest and reprint list.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct BoardRecord {
    pub id: String,
    pub url: String,
    /// Hash of everything the board prints except the publication date.
    pub hash: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub pages: usize,
    /// Every file written, relative to the output folder, `/`-separated.
    pub written: Vec<String>,
    pub boards: Vec<BoardRecord>,
}

/// Builds a site's pages from prepared data. Everything shared between pages (the compiled
/// templates, every unit's and person's view, every QR code) is made once in [`Renderer::new`];
/// the site and any batch of boards are then rendered from it.
pub struct Renderer<'a> {
    input: &'a RenderInput<'a>,
    tera: Tera,
    people: Vec<PersonView>,
    /// Every person's view as a Tera value, for their page and the people list (only in a
    /// session: see [`Renderer::new`]).
    person_values: Vec<Value>,
    /// What pages need of each unit besides its template value.
    units: Vec<UnitFacts>,
    /// Every unit's view as a Tera value (without its QR code: see [`Renderer::board_value`]).
    unit_values: Vec<Value>,
    codes: Vec<qr::QrCode>,
    boards: Vec<BoardRecord>,
    fingerprints: Fingerprints,
}

#[derive(Clone)]
struct UnitFacts {
    abs_url: String,
    description: String,
}

/// Renders the whole site into `out`: [`Renderer::new`] then [`Renderer::render_site`].
pub fn render(input: &RenderInput, out: &Path) -> Result<Rendered, RenderError> {
    Renderer::new(input)?.render_site(out, &Scope::All)
}

impl<'a> Renderer<'a> {
    pub fn new(input: &'a RenderInput<'a>) -> Result<Self, RenderError> {
        let site = input.site;
        // Each unit's QR code is encoded exactly once: mask selection is the costliest step
        // of a build, and the SVG, the PNG and the board size all come from the same code.
        let codes: Vec<qr::QrCode> = site
            .units
            .par_iter()
            .map(|u| {
                let url = site.config.url(&u.path());
                let cache = input.qr_cache;
                let cached = cache.and_then(|c| lock(c).get(&url).cloned());
                if let Some(code) = cached {
                    return Ok(code);
                }
                let code = qr::encode(&url).map_err(|e| RenderError::Qr {
                    url: url.clone(),
                    message: e.to_string(),
                })?;
                if let Some(cache) = cache {
                    lock(cache).insert(url, code.clone());
                }
                Ok(code)
            })
            .collect::<Result<_, _>>()?;
        let tera = compile(input, &codes)?;
        let people: Vec<PersonView> = site
            .people
            .par_iter()
            .map(|p| context::person_view(site, p, input.photos))
            .collect();
        let mut fingerprints = Fingerprints::default();
        // A session's last build, when it had the same units and people in the same order.
        let previous = input.previous.filter(|p| {
            input.fingerprints
                && p.site.units.len() == site.units.len()
                && p.site.people.len() == site.people.len()
        });
        if input.fingerprints {
            fingerprints.people = people
                .par_iter()
                .enumerate()
                .map(|(i, view)| match previous {
                    Some(p) if p.people[i] == *view => p.fingerprints.people[i],
                    _ => fingerprint(view),
                })
                .collect();
            fingerprints.site = site_fingerprint(input, &fingerprints.people);
        }
        // Kept only by a session, where most of them are taken over by the next build; a single
        // build makes each person's value when it renders their page, which keeps a city's peak
        // memory lower.
        let kept = if input.fingerprints { &people[..] } else { &[] };
        let person_values: Vec<Value> = kept
            .par_iter()
            .enumerate()
            .map(|(i, view)| match previous {
                Some(p) if p.people[i] == *view => p.person_values[i].clone(),
                _ => Value::from_serializable(view),
            })
            .collect();
        // A unit whose record, site-wide settings and team members are as in the last build
        // has the same view: its value is taken over instead of being made again.
        let previous = previous.filter(|p| p.fingerprints.site == fingerprints.site);
        let person_prints = &fingerprints.people;
        let unchanged = |i: usize, u: &Unit| -> Option<&ViewCache> {
            let p = previous?;
            let same = p.site.units[i] == *u
                && u.team
                    .iter()
                    .all(|a| p.fingerprints.people[a.person] == person_prints[a.person]);
            same.then_some(p)
        };
        // Each view is turned into a Tera value and dropped at once: only the value (shared by
        // every page that shows the unit) and a few facts stay for the whole build.
        let made: Vec<(Value, UnitFacts, BoardRecord, u64)> = site
            .units
            .par_iter()
            .enumerate()
            .map(|(i, u)| {
                if let Some(p) = unchanged(i, u) {
                    return (
                        p.unit_values[i].clone(),
                        p.units[i].clone(),
                        p.boards[i].clone(),
                        p.fingerprints.units[i],
                    );
                }
                let (view, hash) = finished_unit_view(site, u, &people);
                let print = if input.fingerprints {
                    fingerprint(&view)
                } else {
                    0
                };
                let board = BoardRecord {
                    id: u.id.clone(),
                    url: view.abs_url.clone(),
                    hash,
                };
                let value = Value::from_serializable(&view);
                let facts = UnitFacts {
                    abs_url: view.abs_url,
                    description: view.description,
                };
                (value, facts, board, print)
            })
            .collect();
        let mut unit_values = Vec::with_capacity(made.len());
        let mut units = Vec::with_capacity(made.len());
        let mut boards = Vec::with_capacity(made.len());
        for (value, facts, board, print) in made {
            unit_values.push(value);
            units.push(facts);
            boards.push(board);
            fingerprints.units.push(print);
        }
        Ok(Renderer {
            input,
            tera,
            people,
            person_values,
            units,
            unit_values,
            codes,
            boards,
            fingerprints,
        })
    }

    /// Renders `template` as the page at `path` (a folder path gets `index.html`).
    fn page(
        &self,
        writer: &Writer,
        template: &str,
        path: &str,
        title: &str,
        description: &str,
        mut ctx: Context,
    ) -> Result<(), RenderError> {
        insert_page(
            &mut ctx,
            self.input.site,
            template,
            path,
            title,
            description,
        );
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        // Each thread renders into one buffer that keeps its size from page to page, and the
        // bytes go to the file as they are: `Tera::render` grew a new string for every page
        // and then checked all of it for valid UTF-8, which tera's output always is.
        thread_local! {
            static PAGE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        PAGE.with_borrow_mut(|html| {
            // Cleared first as well as last: a failed render leaves its part-page behind.
            html.clear();
            let written = self
                .tera
                .render_to(template, &ctx, &mut *html)
                .map_err(|e| template_error(self.input.theme, template, e))
                .and_then(|()| writer.write(&file, html));
            html.clear();
            // A city's people list is tens of megabytes; a thread need not keep that.
            html.shrink_to(PAGE_BUFFER_KEPT);
            written
        })
    }

    /// Frees the renderer's data on another thread: for a city that takes tens of
    /// milliseconds that the caller need not wait for.
    pub fn discard(self) {
        let views = self.into_views();
        std::thread::spawn(move || drop(views));
    }

    /// This build's views, for the next build of a session; the rest is freed on another
    /// thread.
    pub fn into_views(self) -> Views {
        let Renderer {
            tera,
            people,
            person_values,
            units,
            unit_values,
            codes,
            boards,
            fingerprints,
            ..
        } = self;
        std::thread::spawn(move || drop((tera, codes)));
        Views {
            people,
            person_values,
            units,
            unit_values,
            boards,
            fingerprints,
        }
    }

    /// What this build's pages were made from (all zero unless `input.fingerprints`).
    pub fn fingerprints(&self) -> &Fingerprints {
        &self.fingerprints
    }

    /// Every unit's board with the hash of what it prints, in `site.units` order.
    pub fn boards(&self) -> &[BoardRecord] {
        &self.boards
    }

    /// A unit's value with its QR code as inline SVG, for the board templates.
    fn board_value(&self, unit: usize) -> Value {
        let svg = self.codes[unit].to_svg(&self.units[unit].abs_url);
        with_qr_svg(&self.unit_values[unit], svg)
    }

    /// Renders the pages `scope` names into `out`. `Rendered::written` lists them.
    pub fn render_site(&self, out: &Path, scope: &Scope) -> Result<Rendered, RenderError> {
        let Renderer {
            input,
            people,
            units,
            unit_values,
            codes,
            ..
        } = self;
        let board_value = |unit: usize| self.board_value(unit);
        let input: &RenderInput = input;
        let site = input.site;
        let writer = Writer::new(out, !scope.everything());

        let mut rendered = Rendered::default();
        let page = |template: &str, path: &str, title: &str, description: &str, ctx: Context| {
            self.page(&writer, template, path, title, description, ctx)
        };

        // Units, areas and people are rendered side by side, not one after the other: creating
        // a file or folder takes its parent folder's lock, and every person's folder and vCard
        // sit in `people/`. Threads that all wrote people waited on that one lock; a thread
        // writing units meanwhile has its own folders.
        let unit_pages = || {
            site.units
                .par_iter()
                .enumerate()
                .zip(units.par_iter())
                .zip(unit_values.par_iter())
                .zip(codes.par_iter())
                .filter(|((((index, _), _), _), _)| scope.unit(*index))
                .try_for_each(
                    |((((_, unit), view), value), code)| -> Result<(), RenderError> {
                        let mut ctx = Context::new();
                        ctx.insert_value("unit", value.clone());
                        page(
                            "unit.html",
                            &unit.path(),
                            &unit.name,
                            &view.description,
                            ctx.clone(),
                        )?;
                        let svg = code.to_svg(&view.abs_url);
                        ctx.insert_value(
                            "boards",
                            Value::from(vec![with_qr_svg(value, svg.clone())]),
                        );
                        page(
                            "board.html",
                            &format!("{}board.html", unit.path()),
                            &unit.name,
                            &view.description,
                            ctx,
                        )?;
                        writer.write(&format!("{}qr.svg", unit.path()), svg.as_bytes())?;
                        let png = code.to_png(QR_PNG_MODULE_PX).map_err(|e| RenderError::Qr {
                            url: view.abs_url.clone(),
                            message: e.to_string(),
                        })?;
                        writer.write(&format!("{}qr.png", unit.path()), &png)?;
                        input.progress.inc(1);
                        Ok(())
                    },
                )
        };

        // Areas: page and batch of boards.
        let areas = scope.areas(site);
        let area_pages = || {
            (1..site.areas.len())
                .into_par_iter()
                .filter(|index| areas.contains(index))
                .try_for_each(|index| -> Result<(), RenderError> {
                    let area = &site.areas[index];
                    let mut ctx = Context::new();
                    ctx.insert_value("area", area_value(site, index, people, unit_values)?);
                    let description = area_description(site, index);
                    page(
                        "area.html",
                        &area.path(),
                        &area.name,
                        &description,
                        ctx.clone(),
                    )?;
                    let all = descendant_units(site, index);
                    if all.is_empty() {
                        return Ok(());
                    }
                    ctx.insert_value(
                        "boards",
                        Value::from(all.iter().map(|&u| board_value(u)).collect::<Vec<_>>()),
                    );
                    page(
                        "boards.html",
                        &format!("{}boards.html", area.path()),
                        &area.name,
                        &description,
                        ctx,
                    )
                })
        };

        // People: page and vCard.
        let person_pages = || {
            site.people
                .par_iter()
                .enumerate()
                .zip(people.par_iter())
                .filter(|((index, person), _)| person.serving && scope.person(*index))
                .try_for_each(|((index, person), view)| -> Result<(), RenderError> {
                    let mut ctx = Context::new();
                    match self.person_values.get(index) {
                        Some(value) => ctx.insert_value("person", value.clone()),
                        None => ctx.insert("person", view),
                    }
                    let description = [view.title.as_deref(), view.org.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    page("person.html", &view.url, &person.name, &description, ctx)?;
                    writer.write(&view.vcard, vcard_for(site, person, view).as_bytes())?;
                    input.progress.inc(1);
                    Ok(())
                })
        };
        let (units_done, (people_done, areas_done)) =
            rayon::join(unit_pages, || rayon::join(person_pages, area_pages));
        units_done.and(people_done).and(areas_done)?;
        rendered.boards = self.boards.clone();
        if scope.lists() {
            let search = || search::write(site, people, input.theme, &writer);
            let front = || self.render_front_page(&writer);
            let people_list = || self.render_people_list(&writer);
            if scope.everything() {
                search()?;
                front()?;
                people_list()?;
            } else {
                let (a, (b, c)) = rayon::join(search, || rayon::join(front, people_list));
                a.and(b).and(c)?;
            }
        }
        if scope.lists() {
            org::write_pages(self, &writer, scope)?;
        }
        if scope.everything() {
            self.render_site_wide(&writer)?;
        }
        if scope.report()
            && let Some(report) = input.report
        {
            let json = serde_json::to_string_pretty(report).unwrap_or_default();
            writer.write("coverage.json", json.as_bytes())?;
            let mut ctx = Context::new();
            ctx.insert("report", report);
            page(
                "coverage.html",
                "coverage/",
                strings_title(site.config.language, "coverage"),
                "",
                ctx,
            )?;
        }
        rendered.written = writer.finish()?;
        rendered.pages = rendered
            .written
            .iter()
            .filter(|p| p.ends_with(".html"))
            .count();
        Ok(rendered)
    }

    fn render_front_page(&self, writer: &Writer) -> Result<(), RenderError> {
        let site = self.input.site;
        let (people, unit_values) = (&self.people, &self.unit_values);
        let root_value = area_value(site, 0, people, unit_values)?;
        let mut ctx = Context::new();
        ctx.insert_value("area", root_value);
        ctx.insert(
            "body_html",
            &site.front_body.as_deref().map(markdown::to_html),
        );
        ctx.insert("unit_count", &site.units.len());
        let title = site
            .front_title
            .clone()
            .unwrap_or_else(|| site.config.title.clone());
        let description = site
            .front_description
            .clone()
            .unwrap_or_else(|| area_description(site, 0));
        self.page(writer, "index.html", "", &title, &description, ctx)
    }

    fn render_people_list(&self, writer: &Writer) -> Result<(), RenderError> {
        let site = self.input.site;
        let mut ctx = Context::new();
        let published = site.published_people();
        match self.person_values.is_empty() {
            false => ctx.insert_value(
                "people",
                Value::from(
                    published
                        .map(|i| self.person_values[i].clone())
                        .collect::<Vec<_>>(),
                ),
            ),
            true => ctx.insert(
                "people",
                &published.map(|i| &self.people[i]).collect::<Vec<_>>(),
            ),
        }
        self.page(
            writer,
            "people.html",
            "people/",
            strings_title(site.config.language, "people"),
            "",
            ctx,
        )
    }

    /// Pages that change only with the site as a whole: 404, redirects, sitemap, static files.
    fn render_site_wide(&self, writer: &Writer) -> Result<(), RenderError> {
        let page = |template: &str, path: &str, title: &str, description: &str, ctx: Context| {
            self.page(writer, template, path, title, description, ctx)
        };
        let (input, tera, site) = (self.input, &self.tera, self.input.site);
        let (people, units) = (&self.people, &self.units);

        let mut ctx = Context::new();
        // The 404 page is served at any depth, so its links start from the site's base path.
        ctx.insert("base_path", &site.config.base_path());
        let html = {
            ctx.insert("root", &site.config.base_path());
            ctx.insert(
                "page",
                &PageView {
                    kind: "404".into(),
                    path: "404.html".into(),
                    url: site.config.url("404.html"),
                    title: strings_title(site.config.language, "404").into(),
                    description: String::new(),
                },
            );
            tera.render("404.html", &ctx)
                .map_err(|e| template_error(input.theme, "404.html", e))?
        };
        writer.write("404.html", html.as_bytes())?;

        for unit in &site.units {
            for alias in &unit.aliases {
                let mut ctx = Context::new();
                ctx.insert(
                    "target",
                    &LinkView {
                        name: unit.name.clone(),
                        url: unit.path(),
                    },
                );
                page("redirect.html", &format!("{alias}/"), &unit.name, "", ctx)?;
            }
        }

        let mut urls: Vec<String> = vec![site.config.url("")];
        urls.extend(
            site.areas
                .iter()
                .skip(1)
                .map(|a| site.config.url(&a.path())),
        );
        urls.extend(units.iter().map(|u| u.abs_url.clone()));
        urls.extend(
            site.published_people()
                .map(|i| site.config.url(&people[i].url)),
        );
        urls.extend(org::urls(site));
        let mut ctx = Context::new();
        ctx.insert("urls", &urls);
        ctx.insert("root", "");
        let xml = tera
            .render("sitemap.xml", &ctx)
            .map_err(|e| template_error(input.theme, "sitemap.xml", e))?;
        writer.write("sitemap.xml", xml.as_bytes())?;
        for (name, file) in &input.theme.static_files {
            writer.write(name, &file.bytes)?;
        }
        Ok(())
    }

    /// Writes the reprint list's boards (`units`, indexes into `site.units`) on the batch
    /// pages named in `pages`, [`REPRINT_BATCH`] boards a page, with the template of an area's
    /// `boards.html` and links between the pages. With `only`, just those pages (numbered
    /// from 0) are rendered.
    pub fn render_reprint(
        &self,
        out: &Path,
        pages: &[String],
        units: &[usize],
        only: Option<&std::collections::HashSet<usize>>,
    ) -> Result<(), RenderError> {
        let site = self.input.site;
        let strings = load_strings(self.input.theme, site.config.language)?;
        let title = strings
            .get("reprint")
            .and_then(toml::Value::as_str)
            .unwrap_or("reprint");
        let writer = Writer::new(out, false);
        let mut chunks: Vec<&[usize]> = units.chunks(REPRINT_BATCH).collect();
        if chunks.is_empty() {
            chunks.push(&[]);
        }
        let wanted = |number: &usize| only.is_none_or(|only| only.contains(number));
        let jobs: Vec<(usize, (&String, &[usize]))> = pages
            .iter()
            .zip(chunks)
            .enumerate()
            .filter(|(number, _)| wanted(number))
            .collect();
        jobs.into_par_iter()
            .try_for_each(|(number, (path, chunk))| {
                let boards: Vec<Value> = chunk.iter().map(|&u| self.board_value(u)).collect();
                let batches: Vec<BatchLink> = pages
                    .iter()
                    .enumerate()
                    .map(|(i, url)| BatchLink {
                        number: i + 1,
                        url: url.clone(),
                        current: i == number,
                    })
                    .collect();
                let mut ctx = Context::new();
                ctx.insert_value("boards", Value::from(boards));
                ctx.insert("batches", &batches);
                insert_page(&mut ctx, site, "boards.html", path, title, "");
                let html = self
                    .tera
                    .render("boards.html", &ctx)
                    .map_err(|e| template_error(self.input.theme, "boards.html", e))?;
                writer.write(path, html.as_bytes())
            })
    }
}

/// Boards on one page of the reprint list: a print job that browsers and office printers
/// handle well. A first build of a city lists thousands of boards; one page of them all was
/// hundreds of megabytes.
pub const REPRINT_BATCH: usize = 100;

/// A link to one page of a batch print job.
#[derive(Serialize)]
struct BatchLink {
    number: usize,
    url: String,
    current: bool,
}

fn strings_title(language: Language, key: &str) -> &'static str {
    match (language, key) {
        (Language::ZhHans, "people") => "联系人",
        (Language::ZhHans, "404") => "页面不存在",
        (Language::ZhHans, "coverage") => "覆盖情况",
        (Language::En, "people") => "People",
        (Language::En, "404") => "Page not found",
        _ => "Coverage",
    }
}

#[derive(Serialize)]
struct PageView {
    /// What the page is: its template's name without `.html` (`unit`, `area`, `index` …).
    kind: String,
    /// Site-relative path of this page.
    path: String,
    /// Absolute URL (canonical, link previews).
    url: String,
    title: String,
    description: String,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    base_url: &'a str,
    /// The host of `base_url` (page metadata's SiteDomain).
    domain: &'a str,
    language: &'static str,
    hotline: Option<PhoneView>,
    issuer: Option<&'a str>,
    date: String,
    date_display: String,
    board: BoardView<'a>,
    rules: &'a crate::config::Rules,
    publish_report: bool,
    gov: &'a crate::config::gov::Gov,
}

#[derive(Serialize)]
struct BoardView<'a> {
    paper: crate::config::Paper,
    orientation: crate::config::Orientation,
    heading: &'a str,
    width_mm: u32,
    height_mm: u32,
    /// The shorter side over 210 mm: 1 on A4, √2 on A3, 2 on A2.
    scale: f64,
    /// Printed side of every board's QR code, quiet zone included, in mm. One size for the
    /// whole site, chosen for its longest unit URL, so that a batch of boards looks alike.
    qr_mm: f64,
}

/// Printed width of a board's QR symbol (without quiet zone) on A4; scaled with the paper.
/// About 1.1 mm modules for a typical 50–70 character URL: WeChat reads that from about a
/// metre, where residents stand in front of a board at the village gate.
const BOARD_QR_SYMBOL_MM: f64 = 38.0;
/// Smallest printed module on A4 (scaled with the paper), for URLs long enough to need a
/// high QR version: the code grows rather than its modules shrink below this.
const BOARD_QR_MIN_MODULE_MM: f64 = 0.9;

/// The printed side of the site's boards' QR codes, quiet zone included, in mm: set by the unit
/// URL that needs the most modules.
fn board_qr_mm(codes: &[qr::QrCode], scale: f64) -> f64 {
    let Some(code) = codes.iter().max_by_key(|c| c.width()) else {
        return 0.0;
    };
    let modules = f64::from(code.width());
    let module = scale * (BOARD_QR_SYMBOL_MM / modules).max(BOARD_QR_MIN_MODULE_MM);
    // Rounded up to 0.01 mm so the CSS value never prints a hair below the minimum.
    let module = (module * 100.0).ceil() / 100.0;
    let side = module * (modules + 2.0 * f64::from(code.quiet_zone()));
    (side * 100.0).ceil() / 100.0
}

fn compile(input: &RenderInput, codes: &[qr::QrCode]) -> Result<Tera, RenderError> {
    let site = input.site;
    let theme = input.theme;
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml", ".svg"]);
    // The find-error link carries the page's address as a query value.
    tera.register_filter(
        "urlencode_strict",
        tera_contrib::urlencode::urlencode_strict,
    );
    let mut sources = Vec::with_capacity(theme.templates.len());
    for (name, file) in &theme.templates {
        let text = std::str::from_utf8(&file.bytes).map_err(|_| RenderError::Template {
            origin: file.origin.clone(),
            message: "the template is not UTF-8 text; save it as UTF-8".into(),
        })?;
        sources.push((name.as_str(), text));
    }
    tera.add_raw_templates(sources).map_err(|e| {
        let origin = theme
            .templates
            .get(e_template_name(&e))
            .map_or_else(|| "templates".to_string(), |f| f.origin.clone());
        RenderError::Template {
            origin,
            message: error_chain(&e),
        }
    })?;

    let strings = load_strings(theme, site.config.language)?;
    let (width_mm, height_mm) = site.config.board.sheet_mm();
    let scale = f64::from(width_mm.min(height_mm)) / 210.0;
    let qr_mm = board_qr_mm(codes, scale);
    let globals = tera.global_context();
    globals.insert("t", &strings);
    globals.insert(
        "site",
        &SiteView {
            title: &site.config.title,
            base_url: &site.config.base_url,
            domain: site.config.domain(),
            language: site.config.language.code(),
            hotline: site.config.hotline.as_ref().map(PhoneView::from),
            issuer: site.config.issuer.as_deref(),
            date: site.date.to_string(),
            date_display: date_display(site.date, site.config.language),
            board: BoardView {
                paper: site.config.board.paper,
                orientation: site.config.board.orientation,
                heading: &site.config.board.heading,
                width_mm,
                height_mm,
                scale,
                qr_mm,
            },
            rules: &site.config.rules,
            publish_report: input.report.is_some(),
            gov: &site.config.gov,
        },
    );
    globals.insert("live_reload", &input.live_reload);
    globals.insert("org_count", &site.orgs.len());
    Ok(tera)
}

fn e_template_name(e: &tera::Error) -> &str {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => r.filename(),
        _ => "",
    }
}

fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!("\n  {s}"));
        source = s.source();
    }
    message
}

fn template_error(theme: &Theme, template: &str, e: tera::Error) -> RenderError {
    let name = match e_template_name(&e) {
        "" => template,
        n => n,
    };
    let origin = theme
        .templates
        .get(name)
        .map_or_else(|| name.to_string(), |f| f.origin.clone());
    RenderError::Template {
        origin,
        message: error_chain(&e),
    }
}

fn load_strings(theme: &Theme, language: Language) -> Result<toml::Table, RenderError> {
    let Some(file) = &theme.strings else {
        return Ok(toml::Table::new());
    };
    let fail = |message: String| RenderError::Strings {
        origin: file.origin.clone(),
        message,
    };
    let text = std::str::from_utf8(&file.bytes).map_err(|_| fail("not UTF-8".into()))?;
    let mut all: toml::Table = toml::from_str(text).map_err(|e| fail(e.to_string()))?;
    match all.remove(language.code()) {
        Some(toml::Value::Table(t)) => Ok(t),
        _ => Err(fail(format!("no [{}] table", language.code()))),
    }
}

/// What every page template gets about itself: its relative `root` and its `page` facts.
fn insert_page(
    ctx: &mut Context,
    site: &Site,
    template: &str,
    path: &str,
    title: &str,
    description: &str,
) {
    ctx.insert("root", &relative_root(path));
    ctx.insert(
        "page",
        &PageView {
            kind: template.trim_end_matches(".html").to_string(),
            path: path.to_string(),
            url: site.config.url(path),
            title: title.to_string(),
            description: description.to_string(),
        },
    );
}

/// `../../` for `a/b/`, `./` for the site root, so links work under any sub-path and host.
pub fn relative_root(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A hash of `value` as JSON: equal for equal views, cheap next to rendering a page.
pub fn fingerprint<T: Serialize>(value: &T) -> u64 {
    struct Hashing(foldhash::fast::FoldHasher<'static>);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            std::hash::Hasher::write(&mut self.0, bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(fixed_hasher());
    let _ = serde_json::to_writer(&mut hashing, value);
    std::hash::Hasher::finish(&hashing.0)
}

/// The same hasher in every build of a session, so fingerprints compare.
fn fixed_hasher() -> foldhash::fast::FoldHasher<'static> {
    std::hash::BuildHasher::build_hasher(&foldhash::fast::FixedState::with_seed(0x6e62))
}

/// Everything pages show besides single units and people: see [`Fingerprints::site`].
/// `people` are the people's fingerprints.
fn site_fingerprint(input: &RenderInput, people: &[u64]) -> u64 {
    use std::hash::{Hash, Hasher};
    let site = input.site;
    let mut h = fixed_hasher();
    for (name, file) in input
        .theme
        .templates
        .iter()
        .chain(&input.theme.static_files)
    {
        (name, &file.bytes).hash(&mut h);
    }
    input.theme.strings.as_ref().map(|f| &f.bytes).hash(&mut h);
    input.live_reload.hash(&mut h);
    format!("{:?}", site.config).hash(&mut h);
    site.date.hash(&mut h);
    (&site.front_title, &site.front_description, &site.front_body).hash(&mut h);
    for area in &site.areas {
        format!("{area:?}").hash(&mut h);
        // An area's own team shows its people.
        if let Some(record) = &area.record {
            for a in &record.team {
                people[a.person].hash(&mut h);
            }
        }
    }
    for unit in &site.units {
        (&unit.id, &unit.aliases).hash(&mut h);
    }
    // Organization pages show their records, people and linked units.
    format!("{:?}", site.orgs).hash(&mut h);
    // Who is published shows on the people list, the search index and the sitemap.
    for person in &site.people {
        (&person.id, person.serving).hash(&mut h);
    }
    h.finish()
}

/// Writes a build's files, and lists them so the output folder can be cleared of anything
/// else. A buffered writer keeps the files in memory until [`Writer::finish`], so that a
/// partial rebuild either writes all its pages or none.
struct Writer<'a> {
    out: &'a Path,
    written: std::sync::Mutex<Vec<String>>,
    buffer: Option<std::sync::Mutex<Vec<PendingFile>>>,
    /// Folders recently made. A unit's folder holds four files; asking the kernel to create
    /// it four times takes its parent folder's lock four times, and the threads writing
    /// beside each other then wait on it. Most folders are written in one go, so the set is
    /// emptied when it grows past [`RECENT_FOLDERS`] rather than keeping a city's 120,000.
    folders: std::sync::Mutex<foldhash::HashSet<PathBuf>>,
    /// Whether the output folder started empty, so that no file in it can hold old bytes.
    fresh: bool,
}

/// How many bytes of page buffer a rendering thread keeps between pages: more than a unit's
/// board or an area page needs.
const PAGE_BUFFER_KEPT: usize = 1 << 20;

/// How many folders a [`Writer`] remembers having made.
const RECENT_FOLDERS: usize = 1024;

/// A file's output-relative path and bytes, waiting to be written.
type PendingFile = (String, Vec<u8>);

impl<'a> Writer<'a> {
    fn new(out: &'a Path, buffered: bool) -> Self {
        Writer {
            out,
            written: std::sync::Mutex::new(Vec::new()),
            buffer: buffered.then(Default::default),
            folders: Default::default(),
            fresh: holds_only_the_marker(out),
        }
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), RenderError> {
        if let Some(buffer) = &self.buffer {
            lock(buffer).push((rel.to_string(), bytes.to_vec()));
            return Ok(());
        }
        self.write_now(rel, bytes)
    }

    fn write_now(&self, rel: &str, bytes: &[u8]) -> Result<(), RenderError> {
        let path = self.out.join(rel);
        let io = |source| RenderError::Io {
            path: rel.to_string(),
            source,
        };
        if let Some(parent) = path.parent()
            && !lock(&self.folders).contains(parent)
        {
            std::fs::create_dir_all(parent).map_err(io)?;
            let mut folders = lock(&self.folders);
            if folders.len() >= RECENT_FOLDERS {
                folders.clear();
            }
            folders.insert(parent.to_path_buf());
        }
        if self.fresh {
            write_new(&path, bytes).map_err(io)?;
        } else {
            write_if_changed(&path, bytes).map_err(io)?;
        }
        lock(&self.written).push(rel.to_string());
        Ok(())
    }

    /// Writes what was buffered; returns every file written.
    fn finish(self) -> Result<Vec<String>, RenderError> {
        if let Some(buffer) = &self.buffer {
            for (rel, bytes) in lock(buffer).drain(..) {
                self.write_now(&rel, &bytes)?;
            }
        }
        Ok(self.written.into_inner().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Whether `dir` holds nothing but the output marker: a new staging folder.
fn holds_only_the_marker(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .map(|entry| entry.map(|e| e.file_name()))
            .all(|name| name.is_ok_and(|name| name == crate::output::MARKER))
    })
}

/// Writes `bytes` to a file that is expected not to exist yet: one system call fewer per file
/// than [`write_if_changed`], which at city scale is 300,000 calls. Should the file exist after
/// all, it is compared and replaced as usual.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => file.write_all(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => write_if_changed(path, bytes),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to `path` unless the file already holds exactly them. A build reuses an
/// earlier output folder, where most files are unchanged: reading them back costs far less than
/// writing, and a file is never truncated to nothing first, which on ext4 forces a flush of
/// every such file when it is closed.
fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::{Read, Seek, Write};
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    let len = file.metadata()?.len();
    if len == bytes.len() as u64 && len > 0 {
        let mut old = Vec::with_capacity(bytes.len());
        file.read_to_end(&mut old)?;
        if old == bytes {
            return Ok(());
        }
        file.rewind()?;
    }
    file.write_all(bytes)?;
    if len > bytes.len() as u64 {
        file.set_len(bytes.len() as u64)?;
    }
    Ok(())
}

/// `unit` (a unit's value) with `qr_svg` added. The map's entries are shared, not copied.
fn with_qr_svg(unit: &Value, svg: String) -> Value {
    let mut map = unit.as_map().cloned().unwrap_or_default();
    map.insert("qr_svg".into(), Value::from(svg));
    Value::from(map)
}

/// A unit's view with its board code, and the hash of its board.
fn finished_unit_view(site: &Site, unit: &Unit, people: &[PersonView]) -> (UnitView, String) {
    let mut view = context::unit_view(site, unit, people, true);
    let hash = board_hash(site, &view);
    let initials = crate::model::slug::initials(&unit.name).to_uppercase();
    view.board_code = format!(
        "{}-{}",
        initials.chars().take(6).collect::<String>(),
        &hash[..6].to_uppercase()
    );
    (view, hash)
}

/// A hash of what the printed board shows, so that a reprint is needed exactly when it changes.
pub fn board_hash(site: &Site, view: &UnitView) -> String {
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update(s.as_bytes());
        h.update([0u8]);
    };
    field(&site.config.board.heading);
    field(site.config.issuer.as_deref().unwrap_or(""));
    field(&view.name);
    field(&view.abs_url);
    field(view.hotline.as_ref().map_or("", |p| p.display.as_str()));
    for task in &view.tasks {
        field(task);
    }
    for m in &view.team {
        for s in [
            m.person.name.as_str(),
            m.role.as_deref().unwrap_or(""),
            m.person.title.as_deref().unwrap_or(""),
            m.person.org.as_deref().unwrap_or(""),
            &m.person.phone.display,
            m.person.photo.as_ref().map_or("", |p| p.print.src.as_str()),
        ] {
            field(s);
        }
    }
    campaign::board_fields(view, &mut field);
    let digest = h.finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

fn area_value(
    site: &Site,
    index: usize,
    people: &[PersonView],
    units: &[Value],
) -> Result<Value, RenderError> {
    let area = &site.areas[index];
    let record = area.record.as_ref().map(|r| {
        let mut v = context::unit_view(site, r, people, false);
        v.url = area.path();
        v.abs_url = site.config.url(&area.path());
        v
    });
    let breadcrumbs: Vec<LinkView> = site
        .ancestors(index)
        .into_iter()
        .map(|i| LinkView {
            name: site.areas[i].name.clone(),
            url: site.areas[i].path(),
        })
        .collect();
    let children: Vec<Value> = area
        .children
        .iter()
        .map(|&c| {
            let child = &site.areas[c];
            let mut map = tera::Map::new();
            map.insert("name".into(), Value::from(child.name.as_str()));
            map.insert("url".into(), Value::from(child.path()));
            map.insert(
                "unit_count".into(),
                Value::from(descendant_units(site, c).len()),
            );
            map.insert(
                "units".into(),
                Value::from(
                    child
                        .units
                        .iter()
                        .map(|&u| units[u].clone())
                        .collect::<Vec<_>>(),
                ),
            );
            Value::from(map)
        })
        .collect();
    let mut map = tera::Map::new();
    map.insert("id".into(), Value::from(area.id.as_str()));
    map.insert("name".into(), Value::from(area.name.as_str()));
    map.insert("url".into(), Value::from(area.path()));
    map.insert("record".into(), Value::from_serializable(&record));
    map.insert("breadcrumbs".into(), Value::from_serializable(&breadcrumbs));
    map.insert("children".into(), Value::from(children));
    map.insert(
        "units".into(),
        Value::from(
            area.units
                .iter()
                .map(|&u| units[u].clone())
                .collect::<Vec<_>>(),
        ),
    );
    map.insert(
        "unit_count".into(),
        Value::from(descendant_units(site, index).len()),
    );
    Ok(Value::from(map))
}

fn area_description(site: &Site, index: usize) -> String {
    let area = &site.areas[index];
    let count = descendant_units(site, index).len();
    match site.config.language {
        Language::ZhHans => format!("{}：{count}个村（社区、单位）的联系干部和电话", area.name),
        Language::En => format!(
            "{}: contact teams and phone numbers for {count} units",
            area.name
        ),
    }
}

/// Units of an area and of every area below it, in tree order.
pub fn descendant_units(site: &Site, index: usize) -> Vec<usize> {
    let mut out = site.areas[index].units.clone();
    for &child in &site.areas[index].children {
        out.extend(descendant_units(site, child));
    }
    out
}

fn vcard_for(site: &Site, person: &crate::model::Person, view: &PersonView) -> String {
    let mut phones = vec![vcard::ContactPhone {
        uri: &view.phone.tel,
        kind: vcard::TelKind::Cell,
    }];
    if let Some(office) = &view.office_phone {
        phones.push(vcard::ContactPhone {
            uri: &office.tel,
            kind: vcard::TelKind::Work,
        });
    }
    if person.phone.kind != crate::validate::phone::PhoneKind::Mobile {
        phones[0].kind = vcard::TelKind::Work;
    }
    let url = site.config.url(&view.url);
    vcard::to_vcard(&vcard::Contact {
        full_name: &person.name,
        title: person.title.as_deref(),
        org: person.org.as_deref(),
        phones,
        url: Some(&url),
        note: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_if_changed_leaves_equal_files_alone_and_replaces_others_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        write_if_changed(&path, b"first version").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"first version");

        // Unchanged bytes: the file is not written (its mtime stays).
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_if_changed(&path, b"first version").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), old);

        // Same length, other bytes; then shorter; then longer; then empty.
        for next in [
            &b"other version"[..],
            b"short",
            b"a much longer version",
            b"",
        ] {
            write_if_changed(&path, next).unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), next);
        }
    }

    #[test]
    fn a_writer_knows_a_new_folder_and_still_replaces_a_file_found_there() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(crate::output::MARKER), "").unwrap();
        let writer = Writer::new(dir.path(), false);
        assert!(writer.fresh);
        writer.write("a/b/page.html", b"new page").unwrap();
        // A file that exists after all (written twice in one build) ends up exact.
        writer.write("a/b/page.html", b"short").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("a/b/page.html")).unwrap(),
            b"short"
        );
        assert_eq!(writer.finish().unwrap(), ["a/b/page.html", "a/b/page.html"]);
        // A folder with anything else in it is an earlier output: files are compared.
        assert!(!Writer::new(dir.path(), false).fresh);
    }
}
