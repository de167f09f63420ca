//! What a `serve` session keeps between builds (and, of it, what a command-line build keeps in
//! [`super::state`]), so that a rebuild after an edit reads only the
//! changed files, reuses every QR code and unchanged view, and renders only the pages whose
//! data changed.

use super::history::Published;
use super::photos::Photos;
use crate::content;
use crate::manifest::Reprint;
use crate::model::Site;
use crate::render::{self, Fingerprints, Scope, ViewCache, Views};
use crate::validate::phone::PhoneParser;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The state one `serve` session carries from build to build (see [`super::rebuild`]).
#[derive(Default)]
pub struct Session {
    pub(super) reads: content::ReadCache,
    pub(super) codes: render::QrCache,
    /// Every phone number parsed so far: rebuilds parse the same numbers every time.
    pub(super) phones: PhoneParser,
    last: Option<LastBuild>,
    views: Option<ViewCache>,
}

impl Session {
    /// Tells the next build that only the files in `paths` were written since the last one
    /// (as a file watcher reports them): it then reads only those, and trusts its last walk
    /// of `content/` for everything else.
    pub fn only_changed(&self, paths: Vec<PathBuf>) {
        self.reads.only_changed(paths);
    }

    /// The views of the last build, for the next one to take over what did not change.
    pub(super) fn views(&self) -> Option<&ViewCache> {
        self.views.as_ref()
    }

    /// The last build, if it went into `output` and that output is still there.
    pub(super) fn last_build_into(&self, output: &Path) -> Option<&LastBuild> {
        self.last
            .as_ref()
            .filter(|last| last.output == output && output.join(crate::output::MARKER).is_file())
    }

    /// Keeps what this build made for the next one; the last build's views and the photos'
    /// bookkeeping are freed on another thread.
    pub(super) fn remember(&mut self, last: LastBuild, site: Site, views: Views, photos: Photos) {
        self.last = Some(last);
        let old = self.views.replace(ViewCache::new(site, views));
        crate::drop_on_the_side((old, photos));
    }
}

/// What the last successful build of a session wrote.
pub(super) struct LastBuild {
    output: PathBuf,
    fingerprints: Fingerprints,
    report: u64,
    reprint: Reprint,
}

impl LastBuild {
    pub(super) fn new(
        output: PathBuf,
        fingerprints: Fingerprints,
        report: u64,
        published: &Published,
    ) -> LastBuild {
        LastBuild {
            output,
            fingerprints,
            report,
            reprint: published.reprint.clone(),
        }
    }

    /// A build recorded by an earlier process (see [`super::state`]).
    pub(super) fn restored(
        output: PathBuf,
        fingerprints: Fingerprints,
        report: u64,
        reprint: Reprint,
    ) -> LastBuild {
        LastBuild {
            output,
            fingerprints,
            report,
            reprint,
        }
    }

    /// The reprint list it wrote.
    pub(super) fn reprint(&self) -> &Reprint {
        &self.reprint
    }

    pub(super) fn output(&self) -> &Path {
        &self.output
    }

    pub(super) fn fingerprints(&self) -> &Fingerprints {
        &self.fingerprints
    }

    /// The fingerprint of its coverage report.
    pub(super) fn report(&self) -> u64 {
        self.report
    }

    /// The pages to render after this build: all of them when anything site-wide changed,
    /// else those of the units and people whose data changed. `report` is the fingerprint of
    /// the coverage report.
    pub(super) fn changes(&self, now: &Fingerprints, report: u64) -> Scope {
        let before = &self.fingerprints;
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
            report: self.report != report,
            people_list: before.people_list != now.people_list,
        }
    }
}
