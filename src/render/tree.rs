//! Units and areas, rendered area by area down the area tree, so that each board's sheet is
//! rendered once and then set into every page that prints it: the unit's `board.html` and its
//! area's `boards.html`. A board rendered once per page that shows it was a third of a
//! county build, and a province's boards sat in the batch of every area above them.
//!
//! An area's batch holds the boards of all the units below it while they fit one print job
//! ([`REPRINT_BATCH`]); a larger area's batch holds its own units' boards and links to its
//! sub-areas' batches (`print` still prints any area whole, from the boards' pages).

use super::boards::with_qr_svg;
use super::context::{LinkView, UnitValues, area_description, area_value};
use super::templates::template_error;
use super::writer::Writer;
use super::{REPRINT_BATCH, RenderError, Renderer, ReprintJobs, Scope};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use tera::{Context, Value};

/// Whether the batch of an area with `units` units below it (its sub-areas' included) holds
/// all their boards; a larger area's batch holds its own units' boards and links its parts'
/// batches. The reprint list's area links follow the same rule (`manifest/batches.rs`).
pub(crate) fn batch_holds_parts(units: usize) -> bool {
    units <= REPRINT_BATCH
}

/// Pixels per module of `qr.png`: 410 px for a typical code, plenty for a screen or a share
/// preview; boards print the SVG.
const QR_PNG_MODULE_PX: u32 = 10;

/// Stands for the page's `root` in a sheet rendered once for several pages: a character
/// from Unicode's private use area, which no template writes and escaping leaves alone.
const ROOT_MARK: &str = "\u{E000}";

/// One board, rendered: its sheet (with [`ROOT_MARK`] for the page's root) and the unit's
/// value with its QR code, which board pages also pass to templates as `boards`.
#[derive(Clone)]
pub(super) struct Sheet {
    html: String,
    /// Whether `html` holds [`ROOT_MARK`] (a photo's link).
    rooted: bool,
    value: Value,
}

impl Sheet {
    /// The sheet as it goes into the page whose links start at `root`: as it is when it
    /// links nothing (a board without photos).
    pub(super) fn for_page(&self, root: &str) -> std::borrow::Cow<'_, str> {
        match self.rooted {
            true => self.html.replace(ROOT_MARK, root).into(),
            false => self.html.as_str().into(),
        }
    }
}

/// A page of boards: a unit's `board.html`, an area's batch or a page of the reprint list.
pub(super) struct BoardPage<'p> {
    pub template: &'p str,
    pub path: &'p str,
    pub title: &'p str,
    pub description: &'p str,
}

/// What an area's walk hands to the area above.
#[derive(Default)]
struct Made {
    sheets: Vec<Sheet>,
    /// Its own units' values, by unit index.
    values: Vec<(usize, Value)>,
}

/// What every step of a walk shares.
struct Walk<'w> {
    writer: &'w Writer<'w>,
    scope: &'w Scope,
    /// The reprint list's pages, filled with the sheets as they are rendered.
    reprint: Option<&'w ReprintJobs>,
    /// The areas whose pages this build renders.
    areas: HashSet<usize>,
}

impl Renderer<'_> {
    /// Every unit's page, board and QR code files, and every area's page and batch of boards,
    /// as far as `scope` names them.
    pub(super) fn render_tree(
        &self,
        writer: &Writer,
        scope: &Scope,
        reprint: Option<&ReprintJobs>,
    ) -> Result<(), RenderError> {
        let site = self.input.site;
        let walk = Walk {
            writer,
            scope,
            reprint,
            areas: scope.areas(site),
        };
        self.render_area(&walk, 0, false).map(drop)
    }

    /// Area `index`'s page and batch and everything below it. Returns the sheets of all its
    /// units, its sub-areas' included, when `wanted` by the batch of an area above, and the
    /// values of its own units made on the way, which the page of the area above lists.
    fn render_area(&self, walk: &Walk, index: usize, wanted: bool) -> Result<Made, RenderError> {
        let area = &self.input.site.areas[index];
        // The root area's page is the front page, which shows the lists' changes too; it has
        // no batch of boards.
        let (shown, batch) = match index {
            0 => (walk.scope.lists(), false),
            _ => {
                let shown = walk.areas.contains(&index);
                (shown, shown)
            }
        };
        let whole = batch_holds_parts(self.area_units[index]);
        let children_wanted = wanted || (batch && whole);
        let own_wanted = wanted || batch;
        let (own, children) = rayon::join(
            || {
                area.units
                    .par_iter()
                    .map(|&u| self.render_unit(walk, u, own_wanted))
                    .collect::<Result<Vec<_>, _>>()
            },
            || {
                area.children
                    .par_iter()
                    .map(|&c| self.render_area(walk, c, children_wanted))
                    .collect::<Result<Vec<_>, _>>()
            },
        );
        let mut made = Made::default();
        for (unit, (sheet, value)) in area.units.iter().zip(own?) {
            made.sheets.extend(sheet);
            made.values.extend(value.map(|v| (*unit, v)));
        }
        let mut shown_units: HashMap<usize, Value> = made.values.iter().cloned().collect();
        for child in children? {
            shown_units.extend(child.values);
            if children_wanted {
                made.sheets.extend(child.sheets);
            }
        }
        if shown {
            let unit = |u: usize| {
                shown_units
                    .get(&u)
                    .cloned()
                    .unwrap_or_else(|| self.unit_value(u))
            };
            match index {
                0 => self.render_front_page(walk.writer, &unit)?,
                _ => self.render_area_pages(walk, index, &made.sheets, &unit)?,
            }
        }
        if !wanted {
            made.sheets = Vec::new();
        }
        Ok(made)
    }

    /// An area's page, and its batch of `sheets` (with links to its sub-areas' batches when
    /// they are not in it).
    fn render_area_pages(
        &self,
        walk: &Walk,
        index: usize,
        sheets: &[Sheet],
        unit: &UnitValues<'_>,
    ) -> Result<(), RenderError> {
        let site = self.input.site;
        let area = &site.areas[index];
        let mut ctx = Context::new();
        ctx.insert_value(
            "area",
            area_value(
                site,
                &self.strings,
                index,
                &self.people,
                &self.area_units,
                unit,
            )?,
        );
        let description = area_description(site, &self.strings, &self.area_units, index);
        let path = area.path();
        self.page(
            walk.writer,
            "area.html",
            &path,
            &area.name,
            &description,
            ctx.clone(),
        )?;
        if self.area_units[index] == 0 {
            return Ok(());
        }
        let batch = format!("{path}boards.html");
        let parts: Vec<LinkView> = match batch_holds_parts(self.area_units[index]) {
            true => Vec::new(),
            false => area
                .children
                .iter()
                .filter(|&&c| self.area_units[c] > 0)
                .map(|&c| LinkView {
                    name: site.areas[c].name.clone(),
                    url: format!("{}boards.html", site.areas[c].path()),
                })
                .collect(),
        };
        ctx.insert("parts", &parts);
        let page = BoardPage {
            template: "boards.html",
            path: &batch,
            title: &area.name,
            description: &description,
        };
        self.batch_page(walk.writer, &page, sheets, ctx)
    }

    /// A page of boards showing `sheets`: the template sees them as `sheets` (their HTML) and
    /// as `boards` (the units' values, for a theme that renders them itself).
    pub(super) fn batch_page(
        &self,
        writer: &Writer,
        page: &BoardPage,
        sheets: &[Sheet],
        mut ctx: Context,
    ) -> Result<(), RenderError> {
        let root = super::templates::relative_root(page.path);
        let boards: Vec<Value> = sheets.iter().map(|s| s.value.clone()).collect();
        let html: Vec<std::borrow::Cow<str>> = sheets.iter().map(|s| s.for_page(&root)).collect();
        ctx.insert_value("boards", Value::from(boards));
        ctx.insert("sheets", &html);
        self.page(
            writer,
            page.template,
            page.path,
            page.title,
            page.description,
            ctx,
        )
    }

    /// A unit's page, board and QR code files when `scope` names it; its sheet when `wanted`;
    /// and its value, when it was made.
    fn render_unit(
        &self,
        walk: &Walk,
        index: usize,
        wanted: bool,
    ) -> Result<(Option<Sheet>, Option<Value>), RenderError> {
        let shown = walk.scope.unit(index);
        if !shown && !wanted {
            return Ok((None, None));
        }
        let value = self.unit_value(index);
        let (sheet, svg) = self.board_sheet(index, &value)?;
        if shown {
            self.write_unit(walk.writer, index, &value, &sheet, svg)?;
            if let Some(jobs) = walk.reprint {
                self.collect_reprint(jobs, walk.writer, index, &sheet)?;
            }
        }
        Ok((wanted.then_some(sheet), Some(value)))
    }

    /// Unit `index`'s board (`value` is its value), rendered: its printed sheet, and its QR
    /// code as SVG, which the sheet shows inline.
    pub(super) fn board_sheet(
        &self,
        index: usize,
        value: &Value,
    ) -> Result<(Sheet, String), RenderError> {
        const TEMPLATE: &str = "partials/board.html";
        let svg = self
            .codes
            .get(index)?
            .to_svg(&self.input.site.units[index].url);
        let board = with_qr_svg(value, svg.clone());
        let mut ctx = Context::new();
        ctx.insert_value("unit", board.clone());
        ctx.insert("root", ROOT_MARK);
        let html = self
            .tera
            .render(TEMPLATE, &ctx)
            .map_err(|e| template_error(self.input.theme, TEMPLATE, e))?;
        let sheet = Sheet {
            rooted: html.contains(ROOT_MARK),
            html,
            value: board,
        };
        Ok((sheet, svg))
    }

    /// A unit's page, its board page with `sheet`, and its QR code as `qr.svg` and `qr.png`.
    fn write_unit(
        &self,
        writer: &Writer,
        index: usize,
        value: &Value,
        sheet: &Sheet,
        svg: String,
    ) -> Result<(), RenderError> {
        let site = self.input.site;
        let unit = &site.units[index];
        let description = &self.units[index].description;
        let mut ctx = Context::new();
        ctx.insert_value("unit", value.clone());
        let words = crate::worklog::views::Words {
            date: &|d| self.strings.date(d),
            count: &|key, n| self.strings.fill(key, &[("n", &n.to_string())]),
            word: &|key| self.strings.text(key).to_string(),
        };
        ctx.insert(
            "worklog",
            &crate::worklog::views::unit_section(site, index, &words),
        );
        let path = unit.path();
        self.page(
            writer,
            "unit.html",
            &path,
            &unit.name,
            description,
            ctx.clone(),
        )?;
        let board = format!("{path}board.html");
        let page = BoardPage {
            template: "board.html",
            path: &board,
            title: &unit.name,
            description,
        };
        self.batch_page(writer, &page, std::slice::from_ref(sheet), ctx)?;
        writer.write(&format!("{path}qr.svg"), svg.as_bytes())?;
        let png = self
            .codes
            .get(index)?
            .to_png(QR_PNG_MODULE_PX)
            .map_err(|e| RenderError::Qr {
                url: unit.url.clone(),
                message: e.to_string(),
            })?;
        writer.write(&format!("{path}qr.png"), &png)?;
        self.input.progress.inc(1);
        Ok(())
    }
}
