//! The resolved work log kept between command-line builds, beside the parsed records
//! (`.noticeboard-cache/records/worklog`): a province's log is 854,000 rows, which take a
//! second and a half of both cores to read and resolve, and a tenth of that to restore.
//!
//! It is trusted when the log files are as they were (the same files, each with the same
//! [`Stamp`], settled before they were read) and when what the rows were resolved against is
//! too: [`Lookup::depends`] hashes the site's ids, paths and published numbers, and the
//! units' and people's names only when a row was looked up by name. Renaming a unit or a
//! person thus keeps a log that names them by path or id, as a province's generated logs do;
//! a log that names them by name is resolved again.
//!
//! The files are looked at in stage 1, beside the content: when they changed, or when their
//! rows were looked up by name, they are read there as before. Otherwise they are read only if
//! stage 2 finds the site changed under them.

use super::lookup::{Consulted, Lookup};
use super::read::{self, Found, Logs};
use super::{Worklog, resolve};
use crate::content::display;
use crate::content::stamp::Stamp;
use crate::diagnostics::{Diagnostics, StoredDiagnostic};
use crate::model::Site;
use crate::validate::phone::PhoneParser;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Bumped whenever what the kept log holds, or how, changes within one version of the
/// program (whose identity covers releases).
const FORMAT: u32 = 1;

/// The work log as stage 1 leaves it for stage 2.
pub(crate) enum Input {
    /// Read by this build.
    Read(Logs),
    /// A command-line build's: the files found, and what the last build kept of them.
    Saved(Box<Saved>),
}

pub(crate) struct Saved {
    root: PathBuf,
    /// Where the log is kept, and what must have kept it.
    place: PathBuf,
    identity: String,
    found: Found,
    /// Each file's site-relative path and stamp, taken before it is read; `None` when one
    /// could not be taken (the log is then not kept).
    stamps: Option<Vec<(String, Stamp)>>,
    read_at: SystemTime,
    /// The files as read in stage 1, when they changed since the log was kept.
    logs: Option<Logs>,
    kept: Option<(Header, KeptBody)>,
}

/// The kept log itself: decoded in stage 1 when it is likely to be used, else when stage 2
/// finds it can be.
enum KeptBody {
    Decoded(Body),
    /// The kept file's bytes, and where the body starts in them.
    Undecoded(Vec<u8>, usize),
}

impl KeptBody {
    fn decode(self) -> Option<Body> {
        match self {
            KeptBody::Decoded(body) => Some(body),
            KeptBody::Undecoded(bytes, at) => postcard::from_bytes(bytes.get(at..)?).ok(),
        }
    }
}

/// What says whether a kept log can be trusted; read first, so that the log itself is decoded
/// only when it can.
#[derive(Serialize, Deserialize, PartialEq)]
struct Header {
    format: u32,
    identity: String,
    /// Whether each folder exists.
    folders: (bool, bool),
    files: Vec<(String, Stamp)>,
    read_at: SystemTime,
    consulted: Consulted,
    depends: u64,
}

#[derive(Deserialize)]
struct Body {
    worklog: Worklog,
    diagnostics: Vec<StoredDiagnostic<String>>,
}

#[derive(Serialize)]
struct BodyRef<'a> {
    worklog: &'a Worklog,
    diagnostics: Vec<StoredDiagnostic<&'a str>>,
}

impl Input {
    /// Finds the log files of the site at `root` and reads them, unless the log kept at
    /// `place` with `identity` was resolved from them as they are.
    pub(crate) fn saved(root: &Path, place: PathBuf, identity: String) -> Input {
        let read_at = SystemTime::now();
        let found = read::find(root);
        let stamps: Option<Vec<(String, Stamp)>> = found
            .files()
            .map(|path| Some((display(root, path), Stamp::of_path(path)?)))
            .collect();
        let folders = (found.visits.kept, found.ledger.kept);
        let kept = std::fs::read(&place).ok().and_then(|bytes| {
            let (header, rest) = postcard::take_from_bytes::<Header>(&bytes).ok()?;
            let at = bytes.len() - rest.len();
            let trusted = header.format == FORMAT
                && header.identity == identity
                && header.folders == folders
                && stamps.as_ref() == Some(&header.files)
                && header.files.iter().all(|(_, s)| s.settled(header.read_at));
            if !trusted {
                return None;
            }
            // A log whose rows were looked up by name is read all the same (renaming any
            // unit or person resolves it again, and reading it here, beside the content,
            // costs less than after), and decoded only if it is used.
            let body = match header.consulted.any() {
                false => KeptBody::Decoded(postcard::from_bytes(&bytes[at..]).ok()?),
                true => KeptBody::Undecoded(bytes, at),
            };
            Some((header, body))
        });
        let by_name = kept.as_ref().is_none_or(|(h, _)| h.consulted.any());
        let logs = by_name.then(|| found.read(root));
        Input::Saved(Box::new(Saved {
            root: root.to_path_buf(),
            place,
            identity,
            found,
            stamps,
            read_at,
            logs,
            kept,
        }))
    }

    /// The log resolved against `site`, with its problems in `out`, and what is to be saved
    /// for the next build when it was resolved afresh.
    pub(crate) fn resolve(
        self,
        site: &Site,
        phones: &PhoneParser,
        out: &mut Diagnostics,
    ) -> (Worklog, Option<Keeping>) {
        match self {
            Input::Read(logs) => (resolve(site, logs, phones, out).0, None),
            Input::Saved(saved) => saved.resolve(site, phones, out),
        }
    }

    /// What reading the files found, for a site that did not resolve.
    pub(crate) fn diagnostics(self) -> Diagnostics {
        match self {
            Input::Read(logs) => logs.diagnostics,
            Input::Saved(saved) => {
                let Saved {
                    root, found, logs, ..
                } = *saved;
                let mut out = found.diagnostics.clone();
                out.extend(logs.unwrap_or_else(|| found.read(&root)).diagnostics);
                out
            }
        }
    }
}

impl Saved {
    fn resolve(
        self,
        site: &Site,
        phones: &PhoneParser,
        out: &mut Diagnostics,
    ) -> (Worklog, Option<Keeping>) {
        let Saved {
            root,
            place,
            identity,
            found,
            stamps,
            read_at,
            logs,
            kept,
        } = self;
        out.extend(found.diagnostics.iter().cloned());
        // What the site gives the names the kept log consulted, hashed once: saving under
        // the same names needs it again.
        let mut checked = None;
        if let Some((header, body)) = kept {
            let depends = Lookup::depends(site, header.consulted);
            checked = Some((header.consulted, depends));
            if header.depends == depends
                && let Some(body) = body.decode()
            {
                let kept = body.diagnostics.into_iter();
                out.extend(kept.map(StoredDiagnostic::into_diagnostic));
                return (body.worklog, None);
            }
        }
        let logs = logs.unwrap_or_else(|| found.read(&root));
        let mut diagnostics = Diagnostics::default();
        let (worklog, consulted) = resolve(site, logs, phones, &mut diagnostics);
        let keeping = stamps.map(|files| Keeping {
            place,
            header: Header {
                format: FORMAT,
                identity,
                folders: (found.visits.kept, found.ledger.kept),
                files,
                read_at,
                consulted,
                depends: match checked {
                    Some((then, depends)) if then == consulted => depends,
                    _ => Lookup::depends(site, consulted),
                },
            },
            diagnostics: diagnostics.clone(),
        });
        out.extend(diagnostics);
        (worklog, keeping)
    }
}

/// A resolved log to save for the next build: saved by [`Keeping::save`] once the site is
/// made, beside the build's later stages rather than on the work-log stage's one thread (a
/// province's log is 38 MB).
pub(crate) struct Keeping {
    place: PathBuf,
    header: Header,
    diagnostics: Diagnostics,
}

impl Keeping {
    /// Saves `worklog`, the log this was made with. Failing costs the next build its speed,
    /// not its correctness.
    pub(crate) fn save(&self, worklog: &Worklog) {
        let _ = self.write(worklog);
    }

    fn write(&self, worklog: &Worklog) -> std::io::Result<()> {
        let body = BodyRef {
            worklog,
            diagnostics: self.diagnostics.iter().map(StoredDiagnostic::of).collect(),
        };
        // The body after the header in one buffer: a province's is 38 MB, which made apart
        // and then copied over was twice the memory and a copy more.
        let bytes = postcard::to_allocvec(&self.header).map_err(std::io::Error::other)?;
        let bytes = postcard::to_extend(&body, bytes).map_err(std::io::Error::other)?;
        if let Some(folder) = self.place.parent() {
            std::fs::create_dir_all(folder)?;
        }
        crate::output::atomic::write(&self.place, &bytes)
    }
}
