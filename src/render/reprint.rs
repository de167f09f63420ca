//! The reprint list's print jobs: pages of [`REPRINT_BATCH`] boards with links between them.
//!
//! A full build fills each page with the sheets its walk of the area tree renders anyway
//! ([`ReprintJobs`]) and writes the page as soon as its last board arrives, so that a first
//! build, which lists every board, does not render every board a second time; a page waits
//! for at most a hundred sheets. A partial rebuild renders the boards of the pages that
//! changed ([`Renderer::render_reprint`]). The boards of areas the list prints whole are not
//! on these pages: each page links to those areas' batches (see `manifest/batches.rs`).

use super::tree::{BoardPage, Sheet};
use super::writer::Writer;
use super::{RenderError, Renderer};
use crate::manifest::AreaBatch;
use parking_lot::Mutex;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use tera::Context;

/// Boards on one page of the reprint list: a print job that browsers and office printers
/// handle well. A first build of a city lists thousands of boards; one page of them all was
/// hundreds of megabytes.
pub(crate) const REPRINT_BATCH: usize = 100;

/// A link to one page of a batch print job.
#[derive(Serialize)]
struct BatchLink {
    number: usize,
    url: String,
    current: bool,
}

/// The reprint list's pages, filling while a full build renders its boards.
pub(crate) struct ReprintJobs {
    pages: Vec<String>,
    /// The areas the list prints whole, which every page links to.
    areas: Vec<AreaBatch>,
    /// The page and the place on it of each unit on the list.
    places: HashMap<usize, (usize, usize)>,
    jobs: Vec<Mutex<Job>>,
}

/// One page: its sheets as they arrive, and whether it is written.
struct Job {
    units: Vec<usize>,
    sheets: Vec<Option<Sheet>>,
    missing: usize,
    written: bool,
}

impl ReprintJobs {
    /// The pages named in `pages` for the boards of `units` (indexes into `site.units`), in
    /// list order, with links to the batches of `areas`.
    pub(crate) fn new(pages: &[String], areas: &[AreaBatch], units: &[usize]) -> Self {
        let chunks = print_jobs(units);
        let places = chunks
            .iter()
            .enumerate()
            .flat_map(|(page, chunk)| {
                chunk
                    .iter()
                    .enumerate()
                    .map(move |(place, &unit)| (unit, (page, place)))
            })
            .collect();
        let jobs = chunks
            .iter()
            .map(|chunk| {
                Mutex::new(Job {
                    units: chunk.to_vec(),
                    sheets: vec![None; chunk.len()],
                    missing: chunk.len(),
                    written: false,
                })
            })
            .collect();
        ReprintJobs {
            pages: pages.to_vec(),
            areas: areas.to_vec(),
            places,
            jobs,
        }
    }
}

impl Renderer<'_> {
    /// Hands `unit`'s sheet to its page of the reprint list, if it is on it, and writes the
    /// page once its last sheet is in.
    pub(super) fn collect_reprint(
        &self,
        jobs: &ReprintJobs,
        writer: &Writer,
        unit: usize,
        sheet: &Sheet,
    ) -> Result<(), RenderError> {
        let Some(&(page, place)) = jobs.places.get(&unit) else {
            return Ok(());
        };
        let complete = {
            let mut job = jobs.jobs[page].lock();
            if job.sheets[place].replace(sheet.clone()).is_none() {
                job.missing -= 1;
            }
            if job.missing == 0 && !job.written {
                job.written = true;
                Some(std::mem::take(&mut job.sheets))
            } else {
                None
            }
        };
        match complete {
            Some(sheets) => {
                let sheets: Vec<Sheet> = sheets.into_iter().flatten().collect();
                self.reprint_page(writer, &jobs.pages, &jobs.areas, page, &sheets)
            }
            None => Ok(()),
        }
    }

    /// Writes into `out` the pages of `jobs` that no build step completed: an empty list's
    /// page, or boards the walk did not render.
    pub(crate) fn finish_reprint(&self, jobs: &ReprintJobs, out: &Path) -> Result<(), RenderError> {
        let writer = Writer::new(out, false);
        jobs.jobs
            .par_iter()
            .enumerate()
            .try_for_each(|(page, job)| {
                let mut job = job.lock();
                if job.written {
                    return Ok(());
                }
                let job = &mut *job;
                let sheets = job
                    .units
                    .iter()
                    .zip(std::mem::take(&mut job.sheets))
                    .map(|(&u, sheet)| sheet.map_or_else(|| self.reprinted_sheet(u), Ok))
                    .collect::<Result<Vec<_>, _>>()?;
                job.written = true;
                self.reprint_page(&writer, &jobs.pages, &jobs.areas, page, &sheets)
            })
    }

    /// Writes the reprint list's boards (`units`, indexes into `site.units`) on the pages
    /// named in `pages`, [`REPRINT_BATCH`] boards a page, each linking to the batches of
    /// `areas`. With `only`, just those pages (numbered from 0) are rendered.
    pub(crate) fn render_reprint(
        &self,
        out: &Path,
        pages: &[String],
        areas: &[AreaBatch],
        units: &[usize],
        only: Option<&HashSet<usize>>,
    ) -> Result<(), RenderError> {
        let writer = Writer::new(out, false);
        let chunks = print_jobs(units);
        let wanted = |number: &usize| only.is_none_or(|only| only.contains(number));
        let jobs: Vec<(usize, &[usize])> = chunks
            .into_iter()
            .enumerate()
            .take(pages.len())
            .filter(|(number, _)| wanted(number))
            .collect();
        jobs.into_par_iter().try_for_each(|(number, chunk)| {
            let sheets = chunk
                .iter()
                .map(|&u| self.reprinted_sheet(u))
                .collect::<Result<Vec<_>, _>>()?;
            self.reprint_page(&writer, pages, areas, number, &sheets)
        })
    }

    /// Page `number` (from 0) of the reprint list, with links to every page and to the
    /// batches of the areas it prints whole.
    fn reprint_page(
        &self,
        writer: &Writer,
        pages: &[String],
        areas: &[AreaBatch],
        number: usize,
        sheets: &[Sheet],
    ) -> Result<(), RenderError> {
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
        ctx.insert("batches", &batches);
        ctx.insert("area_batches", areas);
        let page = BoardPage {
            template: "boards.html",
            path: &pages[number],
            title: self.strings.text("reprint"),
            description: "",
        };
        self.batch_page(writer, &page, sheets, ctx)
    }

    /// A unit's sheet for a page of the list that the walk of the area tree did not fill.
    fn reprinted_sheet(&self, unit: usize) -> Result<Sheet, RenderError> {
        self.board_sheet(unit, &self.unit_value(unit))
            .map(|(sheet, _)| sheet)
    }
}

/// The boards of each page of a list of `units`: [`REPRINT_BATCH`] a page, and one empty page
/// for an empty list, which still says there is nothing to print.
fn print_jobs(units: &[usize]) -> Vec<&[usize]> {
    let mut chunks: Vec<&[usize]> = units.chunks(REPRINT_BATCH).collect();
    if chunks.is_empty() {
        chunks.push(&[]);
    }
    chunks
}
