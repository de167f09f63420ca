//! The publishing history in a build: before rendering, every address printed before must
//! still lead somewhere; after rendering, the reprint list and `manifest.json` are written into
//! the output, and a publication records itself in `published.json` (see [`crate::manifest`]).

use super::session::LastBuild;
use super::{BuildError, BuildMode};
use crate::diagnostics::Diagnostics;
use crate::manifest::{self, Manifest, ManifestError, Previous, Reprint};
use crate::model::Site;
use crate::output::OutputError;
use crate::output::atomic::Prepared;
use crate::render::{REPRINT_BATCH, Renderer, ReprintJobs, Scope};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Reads the publishing history and checks that every address printed before still leads
/// somewhere. `check` and `build` both run it, so `check` reports what would stop a build.
pub(super) fn check(
    root: &Path,
    output: &Path,
    site: &Site,
    mode: &BuildMode,
    out: &mut Diagnostics,
) -> Option<Previous> {
    // A preview's output (another host's URLs) never printed a board: only a publication's
    // output stands in for a missing history.
    let output = mode.is_publication().then_some(output);
    let previous = manifest::load_previous(root, output, out)?;
    manifest::check_addresses(site, &previous, !mode.is_publication(), out);
    Some(previous)
}

/// What a build published besides its pages: the manifest the next build compares with, and
/// the reprint list.
pub(super) struct Published {
    pub(super) manifest: Manifest,
    pub(super) reprint: Reprint,
}

impl Published {
    /// The files this part of the build wrote, relative to the output.
    pub(super) fn files(&self) -> impl Iterator<Item = String> + '_ {
        self.reprint.pages.iter().cloned().chain([
            manifest::MANIFEST_FILE.to_string(),
            manifest::REPRINT_FILE.to_string(),
        ])
    }
}

/// What a build will publish besides its pages, decided before they are rendered: the
/// manifest, the reprint list, and which of the list's pages to render.
pub(super) struct Plan {
    manifest: Manifest,
    reprint: Reprint,
    to_print: Vec<usize>,
    /// After a partial rebuild, the pages of the list that changed.
    pages: Option<HashSet<usize>>,
    /// In a full build, the list's pages, filled while the boards are rendered.
    pub(super) jobs: Option<ReprintJobs>,
    /// After a partial rebuild, the last build's pages of the list that this one has not.
    stale: Vec<String>,
}

/// Compares this build's boards with the history: the manifest, the reprint list and the
/// print jobs of it to render.
pub(super) fn plan(
    renderer: &Renderer,
    site: &Site,
    previous: Option<&Previous>,
    scope: &Scope,
    last: Option<&LastBuild>,
) -> Plan {
    let manifest = Manifest::new(site, renderer.boards());
    let history = previous.map(|p| &p.history);
    let reprint = manifest::compare(history, site, &manifest);
    let unit_index: HashMap<&str, usize> = site
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    // The boards on the list's own pages; those an area batch prints are rendered there.
    let to_print: Vec<usize> = reprint
        .paged()
        .filter_map(|b| unit_index.get(b.id.as_str()).copied())
        .collect();
    let pages = match (scope, last) {
        (Scope::Changed { units, .. }, Some(last)) => {
            Some(pages_changed(last.reprint(), &reprint, &to_print, units))
        }
        _ => None,
    };
    let jobs = scope
        .everything()
        .then(|| ReprintJobs::new(&reprint.pages, &reprint.areas, &to_print));
    let stale = match (scope, last) {
        (Scope::Changed { .. }, Some(last)) => last
            .reprint()
            .pages
            .iter()
            .filter(|page| !reprint.pages.contains(page))
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    Plan {
        manifest,
        reprint,
        to_print,
        pages,
        jobs,
        stale,
    }
}

/// Finishes the reprint list's print jobs (after a partial rebuild, renders those that
/// changed) and writes `manifest.json` and `reprint.json` into `target`.
pub(super) fn publish(
    renderer: &Renderer,
    plan: Plan,
    target: &Path,
) -> Result<Published, BuildError> {
    let Plan {
        manifest,
        reprint,
        to_print,
        pages,
        jobs,
        stale,
    } = plan;
    match &jobs {
        Some(jobs) => renderer.finish_reprint(jobs, target)?,
        None => renderer.render_reprint(
            target,
            &reprint.pages,
            &reprint.areas,
            &to_print,
            pages.as_ref(),
        )?,
    }
    // A full build's output holds only what it wrote; a partial one removes the pages the
    // shorter list no longer has.
    for page in stale {
        let path = target.join(&page);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(OutputError::Io { path, source: e }.into());
            }
            _ => {}
        }
    }
    manifest::write_output(target, &manifest, &reprint).map_err(|source| OutputError::Io {
        path: target.join(manifest::MANIFEST_FILE),
        source,
    })?;
    Ok(Published { manifest, reprint })
}

/// Makes this build the history the next one compares with: `published.json` in the site
/// folder, written beside its place now and put there once the output is, so that a history
/// that cannot be written stops the build before the output changes. Only a publication does
/// this (see [`BuildMode::Publish`]).
pub(super) fn prepare_record(
    root: &Path,
    previous: Option<&Previous>,
    site: &Site,
    published: &Published,
) -> Result<Record, ManifestError> {
    let history = previous.map(|p| &p.history);
    let next = manifest::next_history(history, site, &published.manifest, &published.reprint);
    Ok(Record {
        file: manifest::prepare_history(root, &next)?,
        path: root.join(manifest::HISTORY_FILE),
    })
}

/// The next `published.json`, written and waiting for the output to be in place.
pub(super) struct Record {
    file: Prepared,
    path: std::path::PathBuf,
}

impl Record {
    /// Puts the history in place: a rename, the last step of a publication.
    pub(super) fn put_in_place(self) -> Result<(), ManifestError> {
        self.file
            .put_in_place()
            .map_err(|source| ManifestError::Write {
                path: self.path,
                source,
            })
    }
}

/// The reprint list's pages that differ from the last build's: those whose boards are not the
/// same ones, or show a changed unit. All of them when the number of pages or the areas
/// printed whole changed, since every page links to every other and to those areas.
fn pages_changed(
    last: &Reprint,
    now: &Reprint,
    to_print: &[usize],
    changed_units: &HashSet<usize>,
) -> HashSet<usize> {
    if last.pages != now.pages || last.areas != now.areas {
        return (0..now.pages.len()).collect();
    }
    let ids = |r: &Reprint| -> Vec<String> { r.paged().map(|b| b.id.clone()).collect() };
    let (before, after) = (ids(last), ids(now));
    (0..now.pages.len())
        .filter(|&page| {
            let range =
                |len: usize| (page * REPRINT_BATCH).min(len)..((page + 1) * REPRINT_BATCH).min(len);
            before[range(before.len())] != after[range(after.len())]
                || to_print[range(to_print.len())]
                    .iter()
                    .any(|u| changed_units.contains(u))
        })
        .collect()
}
