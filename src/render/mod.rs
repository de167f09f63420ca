//! Stage 3, render: every page, board, QR code and vCard of a resolved site, written into a
//! staging folder. Templates come from the theme; Rust code only prepares data.
//!
//! [`Renderer::new`] makes everything pages share once (templates, views, QR codes);
//! [`Renderer::render_site`] then renders the pages a [`Scope`] names. One job per file:
//! `templates` compiles the theme and gives every page its frame, `context` makes the views
//! templates see, `pages` and `boards` render them, `writer` writes the files, and
//! `incremental` fingerprints views (hashed by `fingerprint`) so a rebuild renders only what
//! changed.

mod boards;
pub(crate) mod campaign;
mod codes;
mod constants;
pub(crate) mod context;
mod fingerprint;
mod incremental;
pub(crate) mod markdown;
mod org;
mod pages;
pub mod qr;
mod reprint;
pub(crate) mod search;
mod strings;
mod templates;
pub(crate) mod theme;
mod tree;
pub(crate) mod vcard;
mod writer;

pub(crate) use boards::Board;
pub(crate) use fingerprint::fingerprint;
pub(crate) use incremental::{Fingerprints, QrCache, Scope, ViewCache, Views};
pub(crate) use reprint::{REPRINT_BATCH, ReprintJobs};
pub(crate) use templates::relative_root as templates_relative_root;
pub(crate) use tree::batch_holds_parts;

use crate::coverage::Report;
use crate::model::{Site, Unit};
use crate::photos::PhotoOutcome;
use crate::timings::Timings;
use context::{PersonView, UnitView};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use strings::Strings;
use tera::{Context, Tera, Value};
use theme::Theme;
use writer::Writer;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{}", crate::msg!("build-template", origin = .origin, reason = .message))]
    Template { origin: String, message: String },
    #[error("{}", crate::msg!("build-strings", origin = .origin, reason = .message))]
    Strings { origin: String, message: String },
    #[error("{}", crate::msg!("build-unwritable", path = .path, reason = .source.to_string()))]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{}", crate::msg!("build-qr", url = .url, reason = .message))]
    Qr { url: String, message: String },
}

/// What a build needs besides the site itself.
pub(crate) struct RenderInput<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub photos: &'a HashMap<PathBuf, PhotoOutcome>,
    /// The live-reload script's URL, only while serving.
    pub live_reload: Option<String>,
    /// Counts rendered units and people.
    pub progress: &'a crate::progress::Progress,
    /// QR codes kept between builds: a `serve` session's, or restored from disk.
    pub qr_cache: Option<&'a QrCache>,
    /// Whether the views are kept for the next build as Tera values (only a `serve` session
    /// keeps them; a single build makes each value when it renders the page).
    pub keep_views: bool,
    /// The views of a session's last build, to take over what did not change.
    pub previous: Option<&'a ViewCache>,
    /// Not the publication: boards carry the draft mark.
    pub draft: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub pages: usize,
    /// Every file written, relative to the output folder, `/`-separated.
    pub written: Vec<String>,
}

/// Builds a site's pages from prepared data. Everything shared between pages (the compiled
/// templates, every unit's and person's view, every QR code) is made once in [`Renderer::new`];
/// the site and any batch of boards are then rendered from it.
pub(crate) struct Renderer<'a> {
    input: &'a RenderInput<'a>,
    tera: Tera,
    /// The theme's words in the site's language.
    strings: Strings,
    /// Every person's view, shared by their page and the teams that show them (as cards: see
    /// [`MemberView`](context::MemberView)).
    people: Vec<Arc<PersonView>>,
    /// Every person's view as a Tera value, for their page and the people list (only in a
    /// session: see [`Renderer::new`]).
    person_values: Vec<Value>,
    /// What pages need of each unit besides its template value.
    units: Vec<UnitFacts>,
    /// Every unit's view as a Tera value (without its QR code), only in a session: see
    /// [`Renderer::unit_value`].
    unit_values: Vec<Value>,
    /// Every unit's view, in a single build: its Tera value is made when its pages are
    /// rendered. A province's values, kept for the whole build, were 860 MB; the views take
    /// a fraction of that.
    unit_views: Vec<UnitView>,
    /// How many units each area has, its sub-areas' included ([`Site::unit_totals`]).
    area_units: Vec<usize>,
    codes: codes::Codes<'a>,
    boards: Vec<Board>,
    fingerprints: Fingerprints,
}

#[derive(Clone)]
struct UnitFacts {
    description: String,
}

/// One unit's share of [`Renderer`]: its value, facts, board and fingerprint.
type UnitMade = (UnitMadeView, UnitFacts, Board, u64);

/// A unit's view as a session keeps it (a Tera value) or a single build does.
enum UnitMadeView {
    Value(Value),
    View(Box<UnitView>),
}

impl<'a> Renderer<'a> {
    pub(crate) fn new(input: &'a RenderInput<'a>) -> Result<Self, RenderError> {
        let site = input.site;
        let codes = codes::Codes::new(site, input.qr_cache)?;
        let strings = Strings::load(input.theme, site.config.language)?;
        let tera = templates::compile(input, &codes, &strings)?;
        let people: Vec<Arc<PersonView>> = site
            .people
            .par_iter()
            .map(|p| Arc::new(context::person_view(site, p, input.photos)))
            .collect();
        let mut fingerprints = Fingerprints::default();
        // A session's last build, when it had the same units and people in the same order.
        let previous = input.previous.filter(|p| {
            p.site.units.len() == site.units.len() && p.site.people.len() == site.people.len()
        });
        // Every build compares with the next one: `serve`'s next build, or the next command
        // line build through the saved state.
        fingerprints.people = incremental::person_fingerprints(&people, previous);
        fingerprints.site = incremental::site_fingerprint(input, &fingerprints.people);
        fingerprints.people_list =
            incremental::people_list_fingerprint(site.published_people().map(|i| &*people[i]));
        // Kept only by a session, where most of them are taken over by the next build; a single
        // build makes each person's value when it renders their page, which keeps a city's peak
        // memory lower.
        let kept = if input.keep_views { &people[..] } else { &[] };
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
        let made = unit_values(input, &strings, &people, previous, &fingerprints.people);
        let mut unit_values = Vec::new();
        let mut unit_views = Vec::new();
        let mut units = Vec::with_capacity(made.len());
        let mut boards = Vec::with_capacity(made.len());
        for (made, facts, board, print) in made {
            match made {
                UnitMadeView::Value(value) => unit_values.push(value),
                UnitMadeView::View(view) => unit_views.push(*view),
            }
            units.push(facts);
            boards.push(board);
            fingerprints.units.push(print);
        }
        Ok(Renderer {
            input,
            tera,
            strings,
            people,
            person_values,
            units,
            unit_values,
            unit_views,
            area_units: site.unit_totals(),
            codes,
            boards,
            fingerprints,
        })
    }

    /// Unit `index`'s view as a Tera value: a session's kept value, else made from its view,
    /// else (once a full build has freed the views: see [`Renderer::render_site`]) from the unit.
    fn unit_value(&self, index: usize) -> Value {
        if let Some(value) = self.unit_values.get(index) {
            return value.clone();
        }
        match self.unit_views.get(index) {
            Some(view) => view.to_value(),
            None => {
                let site = self.input.site;
                let unit = &site.units[index];
                let (view, _) = boards::finished_unit_view(site, &self.strings, unit, &self.people);
                view.to_value()
            }
        }
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
        templates::insert_page(
            &mut ctx,
            self.input.site,
            template,
            path,
            title,
            description,
        );
        let file = page_file(path);
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
                .map_err(|e| templates::template_error(self.input.theme, template, e))
                .and_then(|()| writer.write(&file, html));
            html.clear();
            // A city's people list is tens of megabytes; a thread need not keep that.
            html.shrink_to(PAGE_BUFFER_KEPT);
            written
        })
    }

    /// Like [`Renderer::page`], for a page that lists the whole site (its people, its coverage
    /// gaps: tens of megabytes at a province): written to its file as it is rendered.
    fn list_page(
        &self,
        writer: &Writer,
        template: &str,
        path: &str,
        title: &str,
        mut ctx: Context,
    ) -> Result<(), RenderError> {
        let site = self.input.site;
        templates::insert_page(&mut ctx, site, template, path, title, "");
        let file = page_file(path);
        writer.write_streamed(&file, |out| {
            let mut out = writer::KeepsError::new(out);
            let rendered = self.tera.render_to(template, &ctx, &mut out);
            rendered.map_err(|e| match out.error() {
                Some(source) => RenderError::Io {
                    path: file.clone(),
                    source,
                },
                None => templates::template_error(self.input.theme, template, e),
            })
        })
    }

    /// Frees the renderer's data on another thread: for a city that takes tens of
    /// milliseconds that the caller need not wait for.
    pub(crate) fn discard(self) {
        let views = self.into_views();
        std::thread::spawn(move || drop(views));
    }

    /// This build's views, for the next build of a session; the rest is freed on another
    /// thread.
    pub(crate) fn into_views(self) -> Views {
        let Renderer {
            tera,
            people,
            person_values,
            units,
            unit_values,
            unit_views,
            codes,
            boards,
            fingerprints,
            ..
        } = self;
        let codes = codes.give_back();
        std::thread::spawn(move || drop((tera, codes, unit_views)));
        Views {
            people,
            person_values,
            units,
            unit_values,
            boards,
            fingerprints,
        }
    }

    /// What this build's pages were made from.
    pub(crate) fn fingerprints(&self) -> &Fingerprints {
        &self.fingerprints
    }

    /// Every unit's board with the hash of what it prints, in `site.units` order.
    pub(crate) fn boards(&self) -> &[Board] {
        &self.boards
    }

    /// Renders the pages `scope` names into `out`, and the coverage page of `report` when the
    /// site publishes it. `Rendered::written` lists them.
    /// With `reprint`, a full build also fills the reprint list's pages (see [`ReprintJobs`]).
    pub(crate) fn render_site(
        &mut self,
        out: &Path,
        scope: &Scope,
        reprint: Option<&ReprintJobs>,
        report: Option<&Report>,
        timings: &mut Timings,
    ) -> Result<Rendered, RenderError> {
        let writer = Writer::new(out, !scope.everything());
        if lists_after_pages(self.input.site.units.len()) {
            // One after the other: at a province's size each list holds hundreds of megabytes
            // while it is made, on top of the pages' data. A rebuild too: its lists side by
            // side took a province's one-edit rebuild from 890 MB to 1.2 GB.
            self.render_pages(&writer, scope, reprint)?;
            timings.stage("pages");
            // The lists need the people's views, not the units': a province's took 110 MB
            // at the lists' peak. The reprint list's boards were all filled by the walk.
            let unit_views = std::mem::take(&mut self.unit_views);
            std::thread::spawn(move || drop(unit_views));
            if scope.everything() {
                self.render_site_wide(&writer)?;
            }
            // The coverage page's values are the largest: made last, when the unit views are
            // freed and the other lists are done.
            let mut lists = self.lists(&writer, scope, report);
            lists.sort_by_key(|(name, _)| *name == REPORT_LIST);
            for (name, list) in lists {
                // What the last list (or the pages) freed is given back before this one is
                // made, rather than within a second of being freed.
                let _ = crate::memory::give_back_freed();
                list()?;
                timings.stage(name);
            }
        } else {
            // A smaller site's rebuild renders a few pages and the lists, which show every
            // unit: each list beside the others and the pages (the coverage page takes as long
            // as the pages). Its full build does the same: each list is made by one thread,
            // and after the pages the other would wait.
            let this = &*self;
            let lists = this.lists(&writer, scope, report);
            let (paged, listed) = rayon::join(
                || {
                    this.render_pages(&writer, scope, reprint)?;
                    if scope.everything() {
                        this.render_site_wide(&writer)
                    } else {
                        Ok(())
                    }
                },
                || lists.par_iter().try_for_each(|(_, list)| list()),
            );
            paged.and(listed)?;
            timings.stage("pages+lists");
        }
        let written = writer.finish()?;
        timings.stage("render end");
        let pages = written.iter().filter(|p| p.ends_with(".html")).count();
        Ok(Rendered { pages, written })
    }

    /// The pages of the units, areas and people `scope` names. Units and areas are rendered
    /// beside people, not before them: creating a file or folder takes its parent folder's
    /// lock, and every person's folder and vCard sit in `people/`. Threads that all wrote
    /// people waited on that one lock; a thread writing units meanwhile has its own folders.
    fn render_pages(
        &self,
        writer: &Writer,
        scope: &Scope,
        reprint: Option<&ReprintJobs>,
    ) -> Result<(), RenderError> {
        let (tree_done, people_done) = rayon::join(
            || self.render_tree(writer, scope, reprint),
            || self.render_people(writer, scope),
        );
        tree_done.and(people_done)
    }

    /// The lists that show every unit or person, each when `scope` wants it rendered, and the
    /// coverage page of `report`: each with its name for the stage timings.
    fn lists<'s>(
        &'s self,
        writer: &'s Writer,
        scope: &'s Scope,
        report: Option<&'s Report>,
    ) -> Vec<(&'static str, List<'s>)> {
        let mut lists: Vec<(&'static str, List<'s>)> = Vec::new();
        // The longest first: a rebuild, which makes them side by side, then starts it first.
        if let Some(report) = report.filter(|_| scope.report()) {
            lists.push((
                REPORT_LIST,
                Box::new(move || self.render_report(writer, report)),
            ));
        }
        if scope.lists() {
            let site = self.input.site;
            lists.push((
                "search",
                Box::new(move || search::write(site, &self.people, &self.strings, writer)),
            ));
            if scope.people_list() {
                lists.push((
                    "people list",
                    Box::new(move || self.render_people_list(writer)),
                ));
            }
            lists.push(("ledger", Box::new(move || self.render_ledger(writer))));
            lists.push((
                "orgs",
                Box::new(move || org::write_pages(self, writer, scope)),
            ));
        }
        lists
    }
}

/// The name of the coverage report's list in [`Renderer::lists`].
const REPORT_LIST: &str = "report";

/// Up to how many units a build renders the site-wide lists beside the pages rather than
/// after them: beyond it, a list's hundreds of megabytes on top of the pages' would take a
/// province over its memory budget.
const LISTS_BESIDE_PAGES_UP_TO: usize = 20_000;

/// Whether a build of `units` units renders the lists after its pages, one at a time:
/// above [`LISTS_BESIDE_PAGES_UP_TO`], or when `NOTICEBOARD_LISTS_AFTER_PAGES` is set (for a
/// machine short of memory, and so that the tests build small sites that way too).
fn lists_after_pages(units: usize) -> bool {
    units > LISTS_BESIDE_PAGES_UP_TO || std::env::var_os("NOTICEBOARD_LISTS_AFTER_PAGES").is_some()
}

/// Renders one list page (or file) of [`Renderer::lists`].
type List<'s> = Box<dyn Fn() -> Result<(), RenderError> + Send + Sync + 's>;

/// The file of the page at `path`: a folder path gets `index.html`.
fn page_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// How many bytes of page buffer a rendering thread keeps between pages: more than a unit's
/// board or an area page needs.
const PAGE_BUFFER_KEPT: usize = 1 << 20;

/// Every unit's value, facts, board and fingerprint, taken over from `previous` where the unit
/// and its team's people did not change. In a session each view is turned into a Tera value
/// at once and kept for the next build; a single build keeps the view.
fn unit_values(
    input: &RenderInput,
    strings: &Strings,
    cards: &[Arc<PersonView>],
    previous: Option<&ViewCache>,
    person_prints: &[u64],
) -> Vec<UnitMade> {
    let site = input.site;
    // The work log is the same as the last build's (it is in the site fingerprint), so the
    // people a unit's page shows from it are the same people.
    let unchanged = |i: usize, u: &Unit| -> Option<&ViewCache> {
        let p = previous?;
        let same_person = |person: usize| p.fingerprints.people[person] == person_prints[person];
        let same = p.site.units[i] == *u
            && u.record.team.iter().all(|a| same_person(a.person))
            && crate::worklog::views::people_shown(site, i).all(same_person);
        same.then_some(p)
    };
    site.units
        .par_iter()
        .enumerate()
        .map(|(i, u)| {
            if let Some(p) = unchanged(i, u) {
                return (
                    UnitMadeView::Value(p.unit_values[i].clone()),
                    p.units[i].clone(),
                    p.boards[i].clone(),
                    p.fingerprints.units[i],
                );
            }
            let (view, hash) = boards::finished_unit_view(site, strings, u, cards);
            let print = incremental::unit_fingerprint(site, i, &view);
            let board = Board {
                id: u.id.clone(),
                name: u.name.clone(),
                url: view.abs_url.clone(),
                hash,
            };
            let facts = UnitFacts {
                description: view.description.clone(),
            };
            let made = match input.keep_views {
                true => UnitMadeView::Value(view.to_value()),
                false => UnitMadeView::View(Box::new(view)),
            };
            (made, facts, board, print)
        })
        .collect()
}
