//! The photo stage of a build: every published person's photo is processed once into the
//! site's cache (see [`crate::photos`]), linked into the output from there, and cache entries
//! no photo uses any more are removed after a full build.

use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::OutputError;
use crate::photos::{PhotoCache, PhotoOutcome, PhotoSet, ProcessStats};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Where processed photos are kept, relative to the site folder.
pub(crate) const PHOTO_CACHE_DIR: &str = ".noticeboard-cache/photos";

/// The photos of one build.
pub(crate) struct Photos {
    cache: PhotoCache,
    outcomes: HashMap<PathBuf, PhotoOutcome>,
    pub(super) stats: ProcessStats,
}

impl Photos {
    /// Processes every photo the site's people point to; a photo that cannot be used is a
    /// warning, and its person gets a placeholder.
    pub(super) fn process(
        site: &Site,
        progress: bool,
        diagnostics: &mut Diagnostics,
    ) -> Result<Photos, OutputError> {
        let dir = site.root.join(PHOTO_CACHE_DIR);
        let cache = PhotoCache::open(&dir).map_err(|source| OutputError::Io {
            path: dir.clone(),
            source,
        })?;
        let mut sources: Vec<(PathBuf, String)> = site
            .people
            .iter()
            .filter_map(|p| {
                let path = p.photo.clone()?;
                let shown = content::display(&site.root, &path);
                Some((path, shown))
            })
            .collect();
        sources.sort();
        sources.dedup();
        let (outcomes, stats) = cache.process_all(&sources, progress);
        for outcome in outcomes.values() {
            if let PhotoOutcome::Unusable { warning } = outcome {
                diagnostics.push(
                    Diagnostic::warning("content/people", warning.clone())
                        .help(crate::msg!("photos-placeholder-help")),
                );
            }
        }
        Ok(Photos {
            cache,
            outcomes,
            stats,
        })
    }

    /// Each source photo's outcome, by path.
    pub(super) fn outcomes(&self) -> &HashMap<PathBuf, PhotoOutcome> {
        &self.outcomes
    }

    fn ready(&self) -> impl Iterator<Item = &PhotoSet> {
        self.outcomes.values().filter_map(|o| match o {
            PhotoOutcome::Ready(set) => Some(set),
            PhotoOutcome::Unusable { .. } => None,
        })
    }

    /// The file names of every rendition in use.
    fn file_names(&self) -> impl Iterator<Item = &String> {
        self.ready()
            .flat_map(|set| set.screen.iter().chain(std::iter::once(&set.print)))
            .map(|r| &r.file_name)
    }

    /// Links (or copies) every rendition into `<target>/photos`.
    pub(super) fn publish(&self, target: &Path) -> Result<(), OutputError> {
        let dir = target.join("photos");
        self.cache
            .publish(self.ready(), &dir)
            .map_err(|source| OutputError::Io { path: dir, source })
    }

    /// The files [`Photos::publish`] wrote, relative to the output.
    pub(super) fn published_files(&self) -> impl Iterator<Item = String> + '_ {
        self.file_names().map(|name| format!("photos/{name}"))
    }

    /// Removes cache entries this build did not use. Failing costs disk space, not
    /// correctness, so it is not an error.
    pub(super) fn prune_cache(&self) {
        let in_use: HashSet<String> = self.file_names().cloned().collect();
        let _ = self.cache.prune(&in_use);
    }
}
