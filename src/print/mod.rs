//! `noticeboard print`: the boards of the named units or areas (or all of them, or the reprint
//! list) as one print-ready PDF, one sheet per board at the board's paper size.
//!
//! The site is built first (as `build` does, so the PDF always shows the current content and
//! the reprint list is up to date); then the chosen boards are printed by a headless
//! Chromium, Chrome or Edge in batches of `BATCH`, and each batch's pages are appended to the
//! output as soon as it is printed (`merge`), so that a county's thousands of boards are never
//! in memory at once. The PDF is written to a temporary file beside the output and renamed
//! into place at the end: a failed or interrupted run leaves any earlier PDF as it was.
//!
//! - `locate`: finding the browser;
//! - `select`: which units the names on the command line stand for;
//! - `batch`: one print job's page, from the built boards;
//! - `browser`: driving the browser over the DevTools protocol;
//! - `merge`: the streaming PDF merge;
//! - [`messages`]: what the clerk is told, in Chinese and English.

mod batch;
mod browser;
mod locate;
mod merge;
pub mod messages;
mod select;

use crate::build::{BuildError, BuildOptions};
use crate::diagnostics::Diagnostics;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Boards per browser print job: large enough that starting a job costs little next to
/// printing, small enough that a job's PDF (photos included) stays a few megabytes.
pub const BATCH: usize = 50;

/// What `noticeboard print` was asked for.
#[derive(Debug, Clone, Default)]
pub struct PrintOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Units and areas named on the command line.
    pub names: Vec<String>,
    /// `--all`: every board of the site.
    pub all: bool,
    /// `--reprint`: the boards on the reprint list.
    pub reprint: bool,
    /// The PDF to write.
    pub output: PathBuf,
    /// `--browser`: the browser program to use.
    pub browser: Option<PathBuf>,
    /// `--draft`: print drafts, marked 样稿, even with a placeholder `base_url`.
    pub draft: bool,
    /// Draw progress bars (only in a terminal).
    pub progress: bool,
}

/// What a run printed.
#[derive(Debug)]
pub struct Printed {
    /// Boards printed; none when the selection was empty, and then no file was written.
    pub boards: usize,
    /// The paper the boards print on.
    pub paper: messages::Paper,
    /// The PDF written.
    pub output: PathBuf,
    /// How long the run took.
    pub seconds: f64,
    /// The build's own warnings and reprint summary, as `build` prints them.
    pub build: crate::build::BuildSummary,
}

/// Why nothing was printed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// No unit or area was named, and neither `--all` nor `--reprint` given.
    #[error("{}", messages::nothing_asked())]
    NothingAsked,
    /// No Chrome, Chromium or Edge was found.
    #[error("{}", messages::no_browser())]
    NoBrowser,
    /// `--browser` or `$CHROME` named a file that is not there.
    #[error("{}", messages::browser_missing(.named, .by))]
    BrowserMissing {
        /// The path named.
        named: PathBuf,
        /// Who named it: `--browser` or `CHROME`.
        by: &'static str,
    },
    /// The build failed; its diagnostics say why.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// Names that match no unit or area, or more than one.
    #[error("{}", .0.iter().map(messages::unmatched).collect::<Vec<_>>().join("\n"))]
    Unmatched(Vec<select::Unmatched>),
    /// The browser could not be started or driven.
    #[error(transparent)]
    Browser(#[from] browser::BrowserError),
    /// A batch page of boards could not be made.
    #[error(transparent)]
    Batch(#[from] batch::BatchError),
    /// The merged PDF could not be written.
    #[error(transparent)]
    Merge(#[from] merge::MergeError),
    /// These boards do not fit on one sheet.
    #[error("{}", messages::spilled(.0))]
    Spilled(Vec<String>),
    /// The PDF could not be written.
    #[error(
        "{}",
        crate::msg!(
            "print-unwritable",
            path = .path.display().to_string(),
            reason = .source.to_string()
        )
    )]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Builds the site and prints the chosen boards into one PDF.
pub fn print(options: &PrintOptions) -> Result<Printed, PrintError> {
    let started = Instant::now();
    if options.names.is_empty() && !options.all && !options.reprint {
        return Err(PrintError::NothingAsked);
    }
    let executable = match locate::find(options.browser.as_deref()) {
        locate::Found::Browser(path) => path,
        locate::Found::Missing { named, by } => {
            return Err(PrintError::BrowserMissing { named, by });
        }
        locate::Found::None => return Err(PrintError::NoBrowser),
    };
    let build = crate::build::build(&BuildOptions {
        root: options.root.clone(),
        progress: options.progress,
        mode: if options.draft {
            crate::build::BuildMode::Draft
        } else {
            crate::build::BuildMode::Publish
        },
        ..Default::default()
    })?;
    let (units, paper) = chosen(options, &build)?;
    let mut printed = Printed {
        boards: units.len(),
        paper,
        output: options.output.clone(),
        seconds: 0.0,
        build,
    };
    if !units.is_empty() {
        write_pdf(&executable, &printed.build.output, &units, options)?;
    }
    printed.seconds = started.elapsed().as_secs_f64();
    Ok(printed)
}

/// The URL paths of the units to print, in the site's order, and the paper they print on.
fn chosen(
    options: &PrintOptions,
    build: &crate::build::BuildSummary,
) -> Result<(Vec<String>, messages::Paper), PrintError> {
    let mut diagnostics = Diagnostics::default();
    // The build has just read the same files without error.
    let Some(site) = crate::build::load_site(&options.root, &mut diagnostics) else {
        return Err(PrintError::Build(BuildError::Invalid(diagnostics.sorted())));
    };
    let selection = select::Selection {
        names: options.names.clone(),
        all: options.all,
        reprint: options
            .reprint
            .then(|| build.reprint.boards.iter().map(|b| b.id.clone()).collect()),
    };
    let units = select::resolve(&site, &selection).map_err(PrintError::Unmatched)?;
    let paths = units.iter().map(|&u| site.units[u].path()).collect();
    Ok((paths, messages::Paper::of(&site.config.board)))
}

/// Prints the boards of `units` from the built site in `public` into `options.output`.
fn write_pdf(
    executable: &Path,
    public: &Path,
    units: &[String],
    options: &PrintOptions,
) -> Result<(), PrintError> {
    let output = &options.output;
    let write_error = |source| PrintError::Write {
        path: output.clone(),
        source,
    };
    let folder = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // Beside the output, so that the final rename stays on one file system.
    let file = tempfile::Builder::new()
        .prefix(".noticeboard-print-")
        .suffix(".pdf.tmp")
        .tempfile_in(&folder)
        .map_err(write_error)?;
    let scratch = tempfile::Builder::new()
        .prefix("noticeboard-print-")
        .tempdir()
        .map_err(write_error)?;
    let public = std::path::absolute(public).map_err(write_error)?;
    let mut browser = browser::Browser::launch(executable)?;
    let mut merger = merge::Merger::new(std::io::BufWriter::new(file)).map_err(write_error)?;
    let progress = crate::progress::Progress::new(
        options.progress,
        units.len() as u64,
        crate::msg!("print-progress-boards"),
    );
    for (number, chunk) in units.chunks(BATCH).enumerate() {
        let pdf = print_batch(&mut browser, &public, scratch.path(), number, chunk)?;
        let pages = merger.append(&pdf)?;
        if pages != chunk.len() {
            return Err(PrintError::Spilled(spilled(
                &mut browser,
                &public,
                scratch.path(),
                chunk,
            )?));
        }
        progress.inc(chunk.len() as u64);
    }
    progress.finish();
    drop(browser);
    let file = merger
        .finish()
        .map_err(write_error)?
        .into_inner()
        .map_err(|e| write_error(e.into_error()))?;
    file.as_file().sync_all().map_err(write_error)?;
    file.persist(output).map_err(|e| write_error(e.error))?;
    Ok(())
}

fn print_batch(
    browser: &mut browser::Browser,
    public: &Path,
    scratch: &Path,
    number: usize,
    units: &[String],
) -> Result<Vec<u8>, PrintError> {
    let html = batch::page(public, units)?;
    let path = scratch.join(format!("batch-{number}.html"));
    let write_error = |source| PrintError::Write {
        path: path.clone(),
        source,
    };
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(html.as_bytes()))
        .map_err(write_error)?;
    Ok(browser.print(&path)?)
}

/// The boards of a batch that printed more sheets than boards: each is printed alone to find
/// those that need more than one sheet.
fn spilled(
    browser: &mut browser::Browser,
    public: &Path,
    scratch: &Path,
    units: &[String],
) -> Result<Vec<String>, PrintError> {
    let mut spilled = Vec::new();
    for unit in units {
        let pdf = print_batch(
            browser,
            public,
            scratch,
            usize::MAX,
            std::slice::from_ref(unit),
        )?;
        let mut counter =
            merge::Merger::new(std::io::sink()).map_err(|source| PrintError::Write {
                path: scratch.to_path_buf(),
                source,
            })?;
        if counter.append(&pdf)? > 1 {
            spilled.push(unit.trim_end_matches('/').to_string());
        }
    }
    Ok(spilled)
}
