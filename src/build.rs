//! The pipeline, end to end: load → resolve → audit → render → write. `check` runs the same
//! stages up to the audit and writes nothing.

use crate::config;
use crate::content;
use crate::coverage::{self, Report};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::manifest::{self, ManifestError, Reprint};
use crate::model::{self, Site};
use crate::output::{OutputError, Staging};
use crate::photos::{PhotoCache, PhotoOutcome};
use crate::render::{self, Fingerprints, RenderError, RenderInput, Scope, theme::Theme};
use crate::timings::Timings;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;
use time::Date;

pub const PHOTO_CACHE_DIR: &str = ".noticeboard-cache/photos";

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` (previews, staging hosts).
    pub base_url: Option<String>,
    /// The live-reload script URL, injected only while serving.
    pub live_reload: Option<String>,
    /// Draw progress bars (only in a terminal).
    pub progress: bool,
}

#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub output: PathBuf,
    pub units: usize,
    /// People published: those serving on the publication date.
    pub people: usize,
    pub pages: usize,
    pub boards: usize,
    pub photos_processed: usize,
    pub photos_reused: usize,
    pub seconds: f64,
    pub warnings: Vec<Diagnostic>,
    pub report: Report,
    /// The boards whose printed content changed since the previous build.
    pub reprint: Reprint,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has errors: nothing was written.
    #[error("{} error(s) found; nothing was written", .0.errors().count())]
    Invalid(Diagnostics),
    #[error("theme: {0}")]
    Theme(#[from] render::theme::ThemeError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Output(#[from] OutputError),
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
    pub site: Option<Site>,
    pub diagnostics: Diagnostics,
    pub report: Report,
}

/// Loads and resolves a site: stages 1 and 2.
pub fn load_site(root: &Path, base_url: Option<&str>, out: &mut Diagnostics) -> Option<Site> {
    load_site_with(root, base_url, out, None, &mut Timings::from_env())
}

fn load_site_with(
    root: &Path,
    base_url: Option<&str>,
    out: &mut Diagnostics,
    reads: Option<&content::ReadCache>,
    timings: &mut Timings,
) -> Option<Site> {
    let loaded = config::load(root, out);
    let (content, logs) = rayon::join(
        || content::load_with(root, out, reads),
        || crate::worklog::read(root),
    );
    timings.stage("read");
    let Some((mut config, _)) = loaded else {
        out.extend(logs.diagnostics);
        return None;
    };
    if let Some(url) = base_url
        && let Err(d) = config.with_base_url(url)
    {
        out.push(d);
        return None;
    }
    let date = publication_date(config.date);
    let site = model::resolve(config, root, content, date, out);
    let site = crate::worklog::attach(site, logs, out);
    timings.stage("resolve");
    // Errors found while loading (syntax, encoding, ID numbers) stop the build as well.
    if out.has_errors() { None } else { site }
}

/// Frees `data` on another thread: a city's model takes tens of milliseconds to free, which
/// the caller need not wait for.
fn drop_on_the_side<T: Send + 'static>(data: T) {
    std::thread::spawn(move || drop(data));
}

/// The reprint list's pages that differ from the last build's: those whose boards are not the
/// same ones, or show a changed unit. All of them when the number of pages changed, since
/// every page links to every other.
fn reprint_pages_changed(
    last: &Reprint,
    now: &Reprint,
    to_print: &[usize],
    changed_units: &HashSet<usize>,
) -> HashSet<usize> {
    let batch = render::REPRINT_BATCH;
    if last.pages != now.pages {
        return (0..now.pages.len()).collect();
    }
    let ids = |r: &Reprint| -> Vec<String> { r.boards.iter().map(|b| b.id.clone()).collect() };
    let (before, after) = (ids(last), ids(now));
    (0..now.pages.len())
        .filter(|&page| {
            let range = |len: usize| (page * batch).min(len)..((page + 1) * batch).min(len);
            before[range(before.len())] != after[range(after.len())]
                || to_print[range(to_print.len())]
                    .iter()
                    .any(|u| changed_units.contains(u))
        })
        .collect()
}

/// The pages to render after `last`: all of them when anything site-wide changed, else
/// those of the units and people whose data changed.
fn changed_since(last: &LastBuild, now: &Fingerprints, report: u64) -> Scope {
    let before = &last.fingerprints;
    if before.site != now.site
        || before.units.len() != now.units.len()
        || before.people.len() != now.people.len()
    {
        return Scope::All;
    }
    let changed = |a: &[u64], b: &[u64]| -> HashSet<usize> {
        a.iter()
            .zip(b)
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .map(|(i, _)| i)
            .collect()
    };
    Scope::Changed {
        units: changed(&before.units, &now.units),
        people: changed(&before.people, &now.people),
        report: last.report != report,
    }
}

/// `config.date`, else `SOURCE_DATE_EPOCH` (reproducible builds), else today.
pub fn publication_date(configured: Option<Date>) -> Date {
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

/// Reads the publishing history and checks that every address printed before still leads
/// somewhere. `check` and `build` both run it, so `check` reports what would stop a build.
pub fn check_history(
    root: &Path,
    output: &Path,
    site: &Site,
    base_url_overridden: bool,
    out: &mut Diagnostics,
) -> Option<manifest::Previous> {
    // A preview's output (another host's URLs) never printed a board: only a real build's
    // output stands in for a missing history.
    let output = (!base_url_overridden).then_some(output);
    let previous = manifest::load_previous(root, output, out)?;
    manifest::check_addresses(site, &previous, base_url_overridden, out);
    Some(previous)
}

/// Validates everything a build reads; writes nothing.
pub fn check(root: &Path) -> CheckOutcome {
    let mut diagnostics = Diagnostics::default();
    let site = load_site(root, None, &mut diagnostics);
    if let Some(site) = &site {
        check_history(root, &root.join("public"), site, false, &mut diagnostics);
    }
    let diagnostics = diagnostics.sorted();
    let report = match &site {
        Some(s) => coverage::audit(s),
        None => coverage::empty(publication_date(None)),
    };
    let report = with_diagnostics(report, &diagnostics);
    CheckOutcome {
        site,
        diagnostics,
        report,
    }
}

fn with_diagnostics(mut report: Report, diagnostics: &Diagnostics) -> Report {
    report.errors = diagnostics.errors().cloned().collect();
    report.warnings = diagnostics.warnings().cloned().collect();
    report
}

/// What one `serve` session keeps between builds, so that a rebuild after an edit reads only
/// the changed files and renders only the pages whose data changed.
#[derive(Default)]
pub struct Session {
    reads: content::ReadCache,
    codes: render::QrCache,
    last: Option<LastBuild>,
    views: Option<render::ViewCache>,
}

impl Session {
    /// See [`content::ReadCache::only_changed`]: the next build reads only these files.
    pub fn only_changed(&self, paths: Vec<PathBuf>) {
        self.reads.only_changed(paths);
    }
}

/// What the last successful build of a session wrote.
struct LastBuild {
    output: PathBuf,
    fingerprints: Fingerprints,
    report: u64,
    reprint: Reprint,
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
    mut session: Option<&mut Session>,
) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let mut timings = Timings::from_env();
    let root = &options.root;
    let mut diagnostics = Diagnostics::default();
    let site = load_site_with(
        root,
        options.base_url.as_deref(),
        &mut diagnostics,
        session.as_deref().map(|s| &s.reads),
        &mut timings,
    );
    let Some(site) = site else {
        return Err(BuildError::Invalid(diagnostics.sorted()));
    };
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("public"));
    let base_url_overridden = options.base_url.is_some();
    let previous = check_history(root, &output, &site, base_url_overridden, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(BuildError::Invalid(diagnostics.sorted()));
    }
    let theme = Theme::load(root, &site.config.theme)?;
    timings.stage("history+theme");

    // Photos: processed once into the cache, published from there.
    let cache =
        PhotoCache::open(&root.join(PHOTO_CACHE_DIR)).map_err(|source| OutputError::Io {
            path: root.join(PHOTO_CACHE_DIR),
            source,
        })?;
    let mut sources: Vec<(PathBuf, String)> = site
        .people
        .iter()
        .filter_map(|p| {
            p.photo.clone().map(|path| {
                let shown = content::display(root, &path);
                (path, shown)
            })
        })
        .collect();
    sources.sort();
    sources.dedup();
    let (photos, stats) = cache.process_all(&sources, options.progress);
    for outcome in photos.values() {
        if let PhotoOutcome::Unusable { warning } = outcome {
            diagnostics.push(
                Diagnostic::warning("content/people", warning.clone())
                    .help("a placeholder is shown instead"),
            );
        }
    }
    timings.stage("photos");
    let report = with_diagnostics(coverage::audit(&site), &diagnostics.clone().sorted());
    timings.stage("audit");
    let publish_report = site.config.rules.publish_report;
    let progress = crate::progress::Progress::new(
        options.progress,
        (site.units.len() + site.people.len()) as u64,
        "pages",
    );
    let input = RenderInput {
        site: &site,
        theme: &theme,
        photos: &photos,
        report: publish_report.then_some(&report),
        live_reload: options.live_reload.clone(),
        progress: &progress,
        qr_cache: session.as_deref().map(|s| &s.codes),
        fingerprints: session.is_some(),
        previous: session.as_deref().and_then(|s| s.views.as_ref()),
    };
    let renderer = render::Renderer::new(&input)?;
    timings.stage("views+qr");
    let report_print = render::fingerprint(&report);
    let last = session
        .as_deref()
        .and_then(|s| s.last.as_ref())
        .filter(|last| last.output == output && output.join(crate::output::MARKER).is_file());
    let scope = match last {
        Some(last) => changed_since(last, renderer.fingerprints(), report_print),
        None => Scope::All,
    };
    // A full build goes to a staging folder swapped in at the end; a partial one only
    // replaces pages in the output, each written whole.
    let staging = match scope {
        Scope::All => Some(Staging::new(&output)?),
        Scope::Changed { .. } => None,
    };
    let target = staging.as_ref().map_or(output.as_path(), |s| s.path());
    let mut rendered = renderer.render_site(target, &scope)?;
    progress.finish();
    timings.stage("render");

    // The reprint list and the manifest the next build compares with.
    let published = manifest::Manifest::new(&site, renderer.boards());
    let history = previous.as_ref().map(|p| &p.history);
    let reprint = manifest::compare(history, &site, &published);
    let unit_index: std::collections::HashMap<&str, usize> = site
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let to_print: Vec<usize> = reprint
        .boards
        .iter()
        .filter_map(|b| unit_index.get(b.id.as_str()).copied())
        .collect();
    let reprint_pages = match (&scope, last) {
        (Scope::Changed { units, .. }, Some(last)) => Some(reprint_pages_changed(
            &last.reprint,
            &reprint,
            &to_print,
            units,
        )),
        _ => None,
    };
    renderer.render_reprint(target, &reprint.pages, &to_print, reprint_pages.as_ref())?;
    manifest::write_output(target, &published, &reprint).map_err(|source| OutputError::Io {
        path: output.join(manifest::MANIFEST_FILE),
        source,
    })?;
    let ready: Vec<_> = photos
        .values()
        .filter_map(|o| match o {
            PhotoOutcome::Ready(set) => Some(set),
            PhotoOutcome::Unusable { .. } => None,
        })
        .collect();
    let photo_dir = target.join("photos");
    cache
        .publish(ready.iter().copied(), &photo_dir)
        .map_err(|source| OutputError::Io {
            path: photo_dir.clone(),
            source,
        })?;
    // Moved, not copied: at city scale the list holds 300,000 paths, at the build's peak.
    let mut written: HashSet<String> = std::mem::take(&mut rendered.written).into_iter().collect();
    written.extend(reprint.pages.iter().cloned());
    written.insert(manifest::MANIFEST_FILE.to_string());
    written.insert(manifest::REPRINT_FILE.to_string());
    written.extend(
        ready
            .iter()
            .flat_map(|set| set.screen.iter().chain(std::iter::once(&set.print)))
            .map(|r| format!("photos/{}", r.file_name)),
    );
    timings.stage("manifest+photos");
    let fingerprints = renderer.fingerprints().clone();
    let views = match session {
        Some(_) => Some(renderer.into_views()),
        None => {
            renderer.discard();
            None
        }
    };
    if let Some(staging) = staging {
        staging.commit(&written)?;
    }
    timings.stage("commit");
    if let Some(session) = session.as_deref_mut() {
        session.last = Some(LastBuild {
            output: output.clone(),
            fingerprints,
            report: report_print,
            reprint: reprint.clone(),
        });
    }
    // A `--base-url` build is a preview for another host: its URLs are not the printed ones,
    // so it must not become the history the next real build compares with.
    if !base_url_overridden {
        let next = manifest::next_history(history, &site, &published, &reprint);
        manifest::write_history(root, &next)?;
    }

    let in_use: HashSet<String> = ready
        .iter()
        .flat_map(|set| set.screen.iter().chain(std::iter::once(&set.print)))
        .map(|r| r.file_name.clone())
        .collect();
    if matches!(scope, Scope::All) {
        let _ = cache.prune(&in_use);
    }
    timings.stage("history");
    timings.report();
    let units = site.units.len();
    let people = site.published_people().count();
    match (session, views) {
        (Some(session), Some(views)) => {
            let old = session.views.replace(render::ViewCache::new(site, views));
            drop_on_the_side((old, photos));
        }
        // Freed on the side, like the renderer's data.
        _ => drop_on_the_side((site, photos)),
    }
    let pages = rendered.pages;
    drop_on_the_side((published, previous, written, rendered));

    Ok(BuildSummary {
        output,
        units,
        people,
        pages,
        boards: units,
        photos_processed: stats.processed,
        photos_reused: stats.reused,
        seconds: started.elapsed().as_secs_f64(),
        warnings: diagnostics
            .sorted()
            .into_vec()
            .into_iter()
            .filter(|d| !d.is_error())
            .collect(),
        report,
        reprint,
    })
}
