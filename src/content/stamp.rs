//! What the file system says of a file without reading it, and when that is enough to trust
//! what was read from it before: the caches of parsed records and of the resolved work log
//! both ask it.
//!
//! A file is trusted by its size and times alone, as `make` and the peers' caches do, with two
//! guards: its inode's change time, which no program can set back (a file copied in with an
//! old modification time and the same size is read again), and a file modified within a moment
//! of its read, which may have been written again in the same clock tick, is read again.

use serde::{Deserialize, Serialize};
use std::time::{Duration, SystemTime};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    len: u64,
    modified: SystemTime,
    /// The inode's change time in seconds and nanoseconds (Unix only).
    changed: Option<(i64, i64)>,
}

/// How close to the read a file's last change must be for a cache to read it again.
const RACY: Duration = Duration::from_secs(2);

impl Stamp {
    pub(crate) fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        let changed = {
            use std::os::unix::fs::MetadataExt;
            Some((meta.ctime(), meta.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let changed = None;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
            changed,
        })
    }

    /// The stamp of the file at `path`, if the file system says.
    pub(crate) fn of_path(path: &std::path::Path) -> Option<Stamp> {
        Stamp::of(&std::fs::metadata(path).ok()?)
    }

    /// Whether a file with this stamp, read at `read_at`, had stopped changing by then: its
    /// last change was at least [`RACY`] before.
    pub(crate) fn settled(&self, read_at: SystemTime) -> bool {
        read_at
            .duration_since(self.last_change())
            .is_ok_and(|d| d >= RACY)
    }

    /// The later of the two times: a copy given an old modification time was still written
    /// when its inode changed.
    fn last_change(&self) -> SystemTime {
        let changed = self.changed.and_then(|(secs, nanos)| {
            let since = Duration::new(u64::try_from(secs).ok()?, u32::try_from(nanos).ok()?);
            std::time::UNIX_EPOCH.checked_add(since)
        });
        changed.map_or(self.modified, |c| c.max(self.modified))
    }
}
