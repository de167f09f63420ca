//! The pipeline, end to end: load → resolve → check the history → photos → audit → render →
//! write. `check` runs the same stages up to the audit and writes nothing.
//!
//! [`build`] and [`rebuild`] read as that list of stages; what a `serve` session keeps between
//! builds is in [`Session`], the publishing history (`published.json`, the reprint list) in
//! `history`, and the photo stage in `photos`.

mod history;
mod photos;
mod records;
mod session;
mod state;

pub use session::Session;

use crate::config;
use crate::content;
use crate::content::source::SourceFile;
use crate::coverage::{self, Report};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::manifest::{ManifestError, Previous, Reprint};
use crate::model::{self, Site};
use crate::output::{OutputError, Staging};
use crate::progress::Progress;
use crate::render::{self, RenderError, RenderInput, Renderer, Scope, theme::Theme};
use crate::timings::Timings;
use crate::validate::phone::PhoneParser;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use time::Date;

/// What a build is for: it decides which address the pages are built for and whether the build
/// becomes part of the site's publishing history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildMode {
    /// The site at config.toml's `base_url`, whose addresses are printed on boards: the build
    /// checks the publishing history and records itself in it.
    #[default]
    Publish,
    /// A preview for another host (`build --base-url`, `serve`): its addresses are not the
    /// printed ones, so the history is checked but not updated, and an earlier preview's
    /// output never stands in for a missing history.
    Preview {
        /// The absolute address the preview is served at.
        base_url: String,
    },
    /// A draft at config.toml's `base_url` (`--draft`), which may still be a placeholder such
    /// as example.org: boards carry a 样稿 (draft) mark, and the history is not updated.
    Draft,
}

impl BuildMode {
    /// The address to build for instead of config.toml's `base_url`.
    fn base_url(&self) -> Option<&str> {
        match self {
            BuildMode::Publish | BuildMode::Draft => None,
            BuildMode::Preview { base_url } => Some(base_url),
        }
    }

    /// Whether the build's addresses are the ones printed on boards.
    fn is_publication(&self) -> bool {
        match self {
            BuildMode::Publish => true,
            BuildMode::Preview { .. } | BuildMode::Draft => false,
        }
    }
}

/// How to build a site.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    /// A publication, or a preview for another address.
    pub mode: BuildMode,
    /// The live-reload script URL, injected only while serving.
    pub live_reload: Option<String>,
    /// Draw progress bars (only in a terminal).
    pub progress: bool,
}

impl BuildOptions {
    fn output_dir(&self) -> PathBuf {
        output_dir(&self.root, self.output.as_deref())
    }
}

/// The output folder: `output`, else `<root>/public`.
fn output_dir(root: &Path, output: Option<&Path>) -> PathBuf {
    output.map_or_else(|| root.join("public"), Path::to_path_buf)
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// The output folder.
    pub output: PathBuf,
    /// Units built (each with a page and a board).
    pub units: usize,
    /// People published: those serving on the publication date.
    pub people: usize,
    /// HTML pages rendered: all of them, or in a partial build those that show what changed.
    pub pages: usize,
    /// Whether only the pages that show what changed since the last build were rendered, the
    /// rest being as that build wrote them.
    pub partial: bool,
    /// Printable boards written.
    pub boards: usize,
    /// Photos decoded and resized in this build.
    pub photos_processed: usize,
    /// Photos taken from the cache.
    pub photos_reused: usize,
    /// Wall time of the build.
    pub seconds: f64,
    /// Every warning found (errors stop a build).
    pub warnings: Vec<Diagnostic>,
    /// The coverage audit.
    pub report: Report,
    /// The boards whose printed content changed since the previous build.
    pub(crate) reprint: Reprint,
}

impl BuildSummary {
    /// One line for the build's output: how many boards to print again, and where.
    pub fn reprint_summary(&self) -> String {
        crate::manifest::summary(&self.reprint, &self.output)
    }
}

/// Why a build stopped. The previous output is left as it was in every case.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has errors: nothing was written.
    #[error("{}", crate::msg!("build-invalid", errors = .0.errors().count()))]
    Invalid(Diagnostics),
    /// The theme could not be read.
    #[error("{}", crate::msg!("build-theme", problem = .0.to_string()))]
    Theme(#[from] render::theme::ThemeError),
    /// A template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The output could not be written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The publishing history could not be written.
    #[error(transparent)]
    Manifest(#[from] ManifestError),
}

impl BuildError {
    /// Every diagnostic behind the failure (warnings included), for printing.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            BuildError::Invalid(d) => d.iter().cloned().collect(),
            _ => Vec::new(),
        }
    }
}

/// What `check` found: the site (when it resolved), every diagnostic, and the audit.
pub struct CheckOutcome {
    /// The resolved site, when it had no errors.
    pub site: Option<Site>,
    /// Every problem found, sorted.
    pub diagnostics: Diagnostics,
    /// The coverage audit, with the diagnostics in it.
    pub report: Report,
}

/// Loads and resolves a site: stages 1 and 2. Its addresses are not checked for publication,
/// since nothing is printed from it.
pub fn load_site(root: &Path, out: &mut Diagnostics) -> Option<Site> {
    let (site, _) = load(
        root,
        &BuildMode::Draft,
        out,
        Reads::Fresh,
        &mut Timings::from_env(),
    )?;
    // Reading afresh keeps nothing for the next build.
    Some(site)
}

/// Reads and resolves the site for `mode`, taking unchanged records from `reads`.
fn load(
    root: &Path,
    mode: &BuildMode,
    out: &mut Diagnostics,
    reads: Reads<'_>,
    timings: &mut Timings,
) -> Option<(Site, Option<crate::worklog::Keeping>)> {
    let session = match reads {
        Reads::Session(session) => Some(session),
        Reads::Fresh | Reads::Saved => None,
    };
    let fresh;
    let phones = match session {
        Some(session) => &session.phones,
        None => {
            fresh = PhoneParser::default();
            &fresh
        }
    };
    // The configuration is read beside the content: its numbers are the first the phone
    // parser sees, and loading the parser's metadata takes tens of milliseconds.
    let mut content_out = Diagnostics::default();
    let (loaded, ((content, saved), logs)) = rayon::join(
        || config::load(root, phones, out),
        || {
            rayon::join(
                || {
                    let saved = matches!(reads, Reads::Saved).then(|| records::restore(root));
                    let cache = session.map(|s| &s.reads).or(saved.as_ref());
                    (content::load_with(root, &mut content_out, cache), saved)
                },
                || match reads {
                    Reads::Saved => records::log_input(root),
                    Reads::Fresh | Reads::Session(_) => {
                        crate::worklog::Input::Read(crate::worklog::read(root))
                    }
                },
            )
        },
    );
    out.extend(content_out);
    timings.stage("read");
    // Saved while the site is resolved (see [`Read::saving`]).
    let saving = saved.map(|cache| records::Saving::start(root, cache));
    let read = Read {
        config: loaded,
        content,
        logs,
        saving,
    };
    resolve(root, mode, out, read, phones, timings)
}

/// Where a load finds the records read before.
#[derive(Clone, Copy)]
enum Reads<'a> {
    /// Nowhere: every file is read.
    Fresh,
    /// In what the session's last build read.
    Session(&'a Session),
    /// In what the last command-line build saved (see [`records`]), which is saved again.
    Saved,
}

/// What stage 1 read: the configuration (if it could be read), the content and the work log.
struct Read {
    config: Option<(config::Config, SourceFile)>,
    content: content::Content,
    logs: crate::worklog::Input,
    /// The read cache being saved, which holds every record until it is done: waited for
    /// once the site is resolved, so that the records are freed before the work log is read
    /// into the site (a province's full build peaked there at 1 GB when both were alive).
    saving: Option<records::Saving>,
}

/// Stage 2 and the work log: the site resolved from what [`load`] read.
fn resolve(
    root: &Path,
    mode: &BuildMode,
    out: &mut Diagnostics,
    read: Read,
    phones: &PhoneParser,
    timings: &mut Timings,
) -> Option<(Site, Option<crate::worklog::Keeping>)> {
    let Read {
        config,
        content,
        logs,
        saving,
    } = read;
    let Some((mut config, config_file)) = config else {
        out.extend(logs.diagnostics());
        return None;
    };
    if let Some(url) = mode.base_url()
        && let Err(d) = config.with_base_url(url)
    {
        out.push(d);
        return None;
    }
    if matches!(mode, BuildMode::Publish) && config.base_url.is_placeholder() {
        out.push(placeholder_address(&config, &config_file));
    }
    let date = publication_date(config.date);
    let site = model::resolve(config, root, content, date, phones, out);
    drop(saving);
    timings.stage("resolve");
    let (site, keeping) = crate::worklog::attach(site, logs, phones, out);
    timings.stage("work log");
    let site = site?;
    // Errors found while loading (syntax, encoding, ID numbers) stop the build as well; the
    // log resolved is kept for the next all the same.
    if out.has_errors() {
        if let Some(keeping) = keeping {
            keeping.save(&site.worklog);
        }
        return None;
    }
    Some((site, keeping))
}

/// The error for a publication whose `base_url` is a placeholder: every board's QR code would
/// lead nowhere. It names config.toml's `base_url` line.
fn placeholder_address(config: &crate::config::Config, file: &SourceFile) -> Diagnostic {
    let line = file
        .text
        .lines()
        .position(|l| l.trim_start().starts_with("base_url"))
        .map(|i| i + 1);
    Diagnostic::error(
        &file.display,
        crate::msg!("build-placeholder-address", url = config.base_url.as_str()),
    )
    .at(line, None)
    .help(crate::msg!("build-placeholder-address-help"))
}

/// `config.date`, else `SOURCE_DATE_EPOCH` (reproducible builds), else today.
pub(crate) fn publication_date(configured: Option<Date>) -> Date {
    if let Some(d) = configured {
        return d;
    }
    let from_epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .map(|t| t.date());
    from_epoch.unwrap_or_else(|| {
        time::OffsetDateTime::now_local()
            .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
            .date()
    })
}

/// Validates everything a build of `root` into `output` (default `<root>/public`) in `mode`
/// reads; writes nothing.
pub fn check(root: &Path, output: Option<&Path>, mode: &BuildMode) -> CheckOutcome {
    let mut diagnostics = Diagnostics::default();
    // Reading afresh keeps nothing for the next build.
    let site = load(
        root,
        mode,
        &mut diagnostics,
        Reads::Fresh,
        &mut Timings::from_env(),
    )
    .map(|(site, _)| site);
    if let Some(site) = &site {
        let output = output_dir(root, output);
        history::check(root, &output, site, mode, &mut diagnostics);
        let prefix = crate::output::staging_len(&output);
        crate::model::lengths::check_paths(site, prefix, &mut diagnostics);
        if let Ok(theme) = Theme::load(root, &site.config.theme) {
            check_static_files(&theme, &mut diagnostics);
        }
    }
    let report = match &site {
        Some(s) => coverage::audit(s),
        None => coverage::empty(publication_date(None)),
    };
    if let Some(site) = &site {
        diagnostics.extend(report.outdated.warnings(site));
    }
    let diagnostics = diagnostics.sorted();
    let report = with_diagnostics(report, &diagnostics);
    CheckOutcome {
        site,
        diagnostics,
        report,
    }
}

/// The site's and its theme's `static/` files, checked before they are copied as they are.
fn check_static_files(theme: &Theme, diagnostics: &mut Diagnostics) {
    for file in theme.static_files.values() {
        if !theme.is_built_in(file) {
            content::static_files::check(&file.origin, &file.bytes, diagnostics);
        }
    }
}

fn with_diagnostics(mut report: Report, diagnostics: &Diagnostics) -> Report {
    report.errors = diagnostics.errors().cloned().collect();
    report.warnings = diagnostics.warnings().cloned().collect();
    report
}

/// Builds the site into its output folder, replacing it only on success.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, BuildError> {
    build_in(options, None)
}

/// Builds like [`build`], as one of a session's builds: when only some units or people
/// changed since the session's last build, only their pages (and the lists and area pages
/// that show them) are rendered, written in place into the output once all succeeded.
pub fn rebuild(options: &BuildOptions, session: &mut Session) -> Result<BuildSummary, BuildError> {
    build_in(options, Some(session))
}

fn build_in(
    options: &BuildOptions,
    session: Option<&mut Session>,
) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let mut timings = Timings::from_env();
    let (root, mode) = (&options.root, &options.mode);
    let mut diagnostics = Diagnostics::default();
    let output = options.output_dir();
    crate::output::check_place(root, &output)?;
    // Held to the end: the history read now is the one this build's record replaces.
    let _lock = crate::output::lock(&output)?;
    // A command-line build takes the codes the last one encoded (a URL's code never changes),
    // restored beside the reading: a province's are 17 MB.
    let kept_codes = session.is_none().then(|| {
        let root = root.clone();
        std::thread::spawn(move || records::restore_codes(&root))
    });
    // The work log's save, when it runs, is waited for when the build ends.
    let (site, previous, _log_saving) =
        checked_site(options, session.as_deref(), &mut diagnostics, &mut timings)?;
    let theme = Theme::load(root, &site.config.theme)?;
    check_static_files(&theme, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(BuildError::Invalid(diagnostics.sorted()));
    }
    timings.stage("history+theme");
    let photos = photos::Photos::process(&site, options.progress, &mut diagnostics)?;
    timings.stage("photos");
    let kept_codes = kept_codes.map(|restoring| {
        restoring
            .join()
            .unwrap_or_else(|_| render::QrCache::handed_over(Default::default()))
    });
    let progress = Progress::new(
        options.progress,
        (site.units.len() + site.people.len()) as u64,
        crate::msg!("build-progress-pages"),
    );
    let input = RenderInput {
        site: &site,
        theme: &theme,
        photos: photos.outcomes(),
        live_reload: options.live_reload.clone(),
        progress: &progress,
        qr_cache: session.as_deref().map(|s| &s.codes).or(kept_codes.as_ref()),
        keep_views: session.is_some(),
        previous: session.as_deref().and_then(Session::views),
        draft: !mode.is_publication(),
    };
    // The audit beside the views: neither needs the other.
    let ((report, report_print), renderer) = rayon::join(
        || {
            let report = coverage::audit(&site);
            diagnostics.extend(report.outdated.warnings(&site));
            let report = with_diagnostics(report, &diagnostics.clone().sorted());
            let print = render::fingerprint(&report);
            (report, print)
        },
        || Renderer::new(&input),
    );
    let mut renderer = renderer?;
    timings.stage("audit+views");
    // A session remembers its last build; a command-line build reads what the last one saved.
    let saved = match session {
        Some(_) => None,
        None => state::load(root, &output, mode),
    };
    let last = match session.as_deref() {
        Some(s) => s.last_build_into(&output),
        None => saved.as_ref(),
    };
    let scope = last.map_or(Scope::All, |last| {
        last.changes(renderer.fingerprints(), report_print)
    });
    // A full build goes to a staging folder swapped in at the end; a partial one only
    // replaces pages in the output, each written whole.
    let staging = match scope {
        Scope::All => Some(Staging::new(&output)?),
        Scope::Changed { .. } => {
            state::forget(root, &output)?;
            None
        }
    };
    let target = staging.as_ref().map_or(output.as_path(), |s| s.path());
    let plan = history::plan(&renderer, &site, previous.as_ref(), &scope, last);
    let mut rendered = renderer.render_site(
        target,
        &scope,
        plan.jobs.as_ref(),
        site.config.rules.publish_report.then_some(&report),
        &mut timings,
    )?;
    progress.finish();
    let published = history::publish(&renderer, plan, target)?;
    photos.publish(target)?;
    // Moved, not copied: at city scale the list holds 300,000 paths, at the build's peak.
    let mut written: HashSet<String> = std::mem::take(&mut rendered.written).into_iter().collect();
    written.extend(published.files());
    written.extend(photos.published_files());
    timings.stage("manifest+photos");
    let fingerprints = renderer.fingerprints().clone();
    let views = match &session {
        Some(_) => Some(renderer.into_views()),
        None => {
            renderer.discard();
            None
        }
    };
    drop(input);
    if let Some(codes) = kept_codes {
        // Failing costs the next build its speed, not its correctness.
        let _ = records::save_codes(root, codes);
    }
    let record = match mode.is_publication() {
        true => Some(history::prepare_record(
            root,
            previous.as_ref(),
            &site,
            &published,
        )?),
        false => None,
    };
    if let Some(staging) = staging {
        staging.commit(&written)?;
    }
    timings.stage("commit");
    if let Some(record) = record {
        record.put_in_place()?;
    }
    if matches!(scope, Scope::All) {
        photos.prune_cache();
    }
    timings.stage("history");
    timings.report();
    let summary = BuildSummary {
        output: output.clone(),
        units: site.units.len(),
        people: site.published_people().count(),
        pages: rendered.pages,
        partial: !scope.everything(),
        boards: site.units.len(),
        photos_processed: photos.stats.processed,
        photos_reused: photos.stats.reused,
        seconds: started.elapsed().as_secs_f64(),
        warnings: diagnostics.sorted().warnings().cloned().collect(),
        report,
        reprint: published.reprint.clone(),
    };
    let last = session::LastBuild::new(output, fingerprints, report_print, &published);
    match (session, views) {
        (Some(session), Some(views)) => session.remember(last, site, views, photos),
        _ => {
            // Without it the next build renders everything, which is slower but the same.
            let _ = state::save(root, mode, &last);
            // Freed on the side, like the renderer's data.
            crate::drop_on_the_side((site, photos));
        }
    }
    crate::drop_on_the_side((published, previous, written, rendered));
    Ok(summary)
}

/// Makes the next build of `options` read every file and render every page: it forgets the
/// records the last build kept, and what the last build into the same folder saved for
/// comparing (`build --full`).
pub fn forget_last_build(options: &BuildOptions) -> Result<(), BuildError> {
    records::forget(&options.root)?;
    Ok(state::forget(&options.root, &options.output_dir())?)
}

/// Stages 1 and 2, and the check of the publishing history: the site, ready to render, and
/// the history to compare with; or every error found.
fn checked_site(
    options: &BuildOptions,
    session: Option<&Session>,
    diagnostics: &mut Diagnostics,
    timings: &mut Timings,
) -> Result<(Site, Option<Previous>, Option<records::Saving>), BuildError> {
    let (root, mode) = (&options.root, &options.mode);
    let reads = session.map_or(Reads::Saved, Reads::Session);
    let Some((site, keeping)) = load(root, mode, diagnostics, reads, timings) else {
        return Err(BuildError::Invalid(std::mem::take(diagnostics).sorted()));
    };
    // The work log resolved afresh is saved for the next build beside what follows.
    let saving = keeping.map(|keeping| records::Saving::log(keeping, Arc::clone(&site.worklog)));
    let output = options.output_dir();
    let previous = history::check(root, &output, &site, mode, diagnostics);
    let prefix = crate::output::staging_len(&output);
    crate::model::lengths::check_paths(&site, prefix, diagnostics);
    if diagnostics.has_errors() {
        return Err(BuildError::Invalid(std::mem::take(diagnostics).sorted()));
    }
    Ok((site, previous, saving))
}
