//! Parsed records kept between builds, so that a build after an edit re-reads only the files
//! that changed: in memory for the builds of one `serve` session, and on disk
//! (`.noticeboard-cache/records/`, see [`ReadCache::restore`] and [`ReadCache::save`]) from
//! one command-line build to the next.
//!
//! Restored records are decoded only when their file is found unchanged, on the core that
//! would have parsed it, in the order of the walk: decoded all at once in the order of the
//! cache's files, a province's records were scattered in memory, and resolving them took
//! half a second longer.
//!
//! A file is trusted as [`Stamp`] says.

use super::stamp::Stamp;
use super::{Parsed, Walk};
use crate::diagnostics::{Diagnostic, Diagnostics, StoredDiagnostic};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::ffi::{OsStr, OsString};
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::SystemTime;

/// Parsed records by file, with the last walk of `content/`.
#[derive(Default)]
pub(crate) struct ReadCache {
    /// By path (as an `OsString`: hashing a `Path` walks its components).
    files: parking_lot::RwLock<foldhash::HashMap<OsString, CachedFile>>,
    /// The files restored from disk, by [`shard_of`], which [`Outcome::Kept`] points into.
    kept: Vec<Vec<u8>>,
    walk: parking_lot::Mutex<Option<Arc<Walk>>>,
    /// Set by [`ReadCache::only_changed`] for the next load.
    hint: parking_lot::Mutex<Option<foldhash::HashSet<OsString>>>,
    /// By [`shard_of`]: whether a file was read or forgotten since the cache was made or
    /// restored, so that its part must be saved.
    changed: [AtomicBool; SHARDS],
    /// Counts the loads that walked `content/`, so that a file can say which walk last found
    /// it (see [`ReadCache::forget_unseen`]).
    walks: AtomicU32,
}

struct CachedFile {
    stamp: Stamp,
    /// When the file was read.
    read_at: SystemTime,
    outcome: Outcome,
    /// The last walk that found the file (a count of [`ReadCache::walks`]).
    seen: AtomicU32,
}

/// What reading a file gave.
enum Outcome {
    /// Read by this process.
    Read {
        parsed: Result<Parsed, Diagnostic>,
        diags: Diagnostics,
    },
    /// Restored from disk and not decoded yet: bytes `range` of `kept[shard]`, a [`Payload`].
    Kept { shard: usize, range: Range<usize> },
}

type Found = (Result<Parsed, Diagnostic>, Diagnostics);

/// What the cache keeps of a file on disk.
type Payload<S, P> = (Result<P, StoredDiagnostic<S>>, Vec<StoredDiagnostic<S>>);

/// Bumped whenever what a record holds, or how it is kept, changes. The program's identity
/// (see [`ReadCache::restore`]) covers every release; this covers builds of one version.
const FORMAT: u32 = 1;

/// How many files the cache is kept in, so that saving after an edit writes one small file
/// and restoring reads them on every core. A path's file is chosen by a hash of it.
pub(crate) const SHARDS: usize = 32;

/// The bytes a saved path is given room for: a province's are about 60.
const PATH_ROOM: usize = 96;

impl ReadCache {
    /// Tells the next load that, since the last one, no file or folder under `content/` was
    /// added, removed or renamed, and only the files in `paths` were written (as a file
    /// watcher reports). That load then reuses the last walk and reads only those files,
    /// without asking the file system about every other one.
    pub(crate) fn only_changed(&self, paths: impl IntoIterator<Item = PathBuf>) {
        let set = paths.into_iter().map(PathBuf::into_os_string).collect();
        *self.hint.lock() = Some(set);
    }

    pub(super) fn take_hint(&self) -> Option<foldhash::HashSet<OsString>> {
        self.hint.lock().take()
    }

    pub(super) fn last_walk(&self) -> Option<Arc<Walk>> {
        self.walk.lock().clone()
    }

    /// Keeps `walk` for a session's next load, and makes room for every file it found: a
    /// province's first build grew the map from empty to 230,000 files, each growth moving
    /// every entry while both reading threads waited on its lock.
    pub(super) fn remember_walk(&self, walk: &Arc<Walk>) {
        *self.walk.lock() = Some(Arc::clone(walk));
        let mut files = self.files.write();
        let more = walk.jobs.len().saturating_sub(files.len());
        files.reserve(more);
    }

    /// The cached outcome of a file known not to have changed.
    pub(super) fn get_trusted(&self, path: &Path) -> Option<Found> {
        let files = self.files.read();
        let hit = files.get(path.as_os_str())?;
        self.mark_seen(hit);
        self.found(hit)
    }

    /// The cached outcome of a file, if it has not changed since it was read. A file the
    /// cache does not hold is not looked at: reading it says the same.
    pub(super) fn get(&self, path: &Path) -> Option<Found> {
        let files = self.files.read();
        let hit = files.get(path.as_os_str())?;
        let stamp = Stamp::of_path(path)?;
        if hit.stamp == stamp && stamp.settled(hit.read_at) {
            self.mark_seen(hit);
            self.found(hit)
        } else {
            None
        }
    }

    /// What `file` holds, decoded if it was restored (`None` if that fails: it is read again).
    fn found(&self, file: &CachedFile) -> Option<Found> {
        match &file.outcome {
            Outcome::Read { parsed, diags } => Some((parsed.clone(), diags.clone())),
            Outcome::Kept { shard, range } => {
                let bytes = self.kept.get(*shard)?.get(range.clone())?;
                let (parsed, diags): Payload<String, Parsed> = postcard::from_bytes(bytes).ok()?;
                let parsed = parsed.map_err(StoredDiagnostic::into_diagnostic);
                Some((
                    parsed,
                    diags
                        .into_iter()
                        .map(StoredDiagnostic::into_diagnostic)
                        .collect(),
                ))
            }
        }
    }

    pub(super) fn put(
        &self,
        path: &Path,
        meta: &std::fs::Metadata,
        read_at: SystemTime,
        parsed: &Result<Parsed, Diagnostic>,
        diags: &Diagnostics,
    ) {
        let Some(stamp) = Stamp::of(meta) else {
            return;
        };
        let outcome = Outcome::Read {
            parsed: parsed.clone(),
            diags: diags.clone(),
        };
        let file = CachedFile {
            stamp,
            read_at,
            outcome,
            seen: AtomicU32::new(self.walks.load(Ordering::Relaxed)),
        };
        self.files.write().insert(path.as_os_str().to_owned(), file);
        self.changed[shard_of(path.as_os_str())].store(true, Ordering::Relaxed);
    }

    /// Starts a load that walked `content/` afresh: the files it finds are marked as seen
    /// by it, and [`ReadCache::forget_unseen`] then forgets the others.
    pub(super) fn start_walk(&self) {
        self.walks.fetch_add(1, Ordering::Relaxed);
    }

    fn mark_seen(&self, file: &CachedFile) {
        file.seen
            .store(self.walks.load(Ordering::Relaxed), Ordering::Relaxed);
    }

    /// Forgets the files the last walk did not find (or could not ask the file system about):
    /// they are gone. Marking them as they are looked up spares a set of every path found.
    pub(super) fn forget_unseen(&self) {
        let walk = self.walks.load(Ordering::Relaxed);
        self.files.write().retain(|path, file| {
            let keep = file.seen.load(Ordering::Relaxed) == walk;
            if !keep {
                self.changed[shard_of(path)].store(true, Ordering::Relaxed);
            }
            keep
        });
    }

    /// The cache a command-line build saved in the folder `dir` (see [`ReadCache::save`]):
    /// each of its files that was saved by the same program, for the same site, in the same
    /// language (`identity` says all three: messages found while reading are kept in it). A
    /// missing or damaged file holds nothing: its records are read again, and it is saved anew.
    pub(crate) fn restore(dir: &Path, identity: &str) -> ReadCache {
        let mut kept: Vec<Vec<u8>> = (0..SHARDS)
            .into_par_iter()
            .map(|shard| std::fs::read(dir.join(shard_name(shard))).unwrap_or_default())
            .collect();
        let indexes: Vec<Option<Vec<(OsString, CachedFile)>>> = kept
            .par_iter()
            .enumerate()
            .map(|(shard, bytes)| index(shard, bytes, identity))
            .collect();
        // A part that is not trusted is not held either: after an upgrade, all 100 MB of a
        // province's would be, through the whole read.
        for (bytes, index) in kept.iter_mut().zip(&indexes) {
            if index.is_none() {
                *bytes = Vec::new();
            }
        }
        let files = indexes.into_iter().flatten().flatten().collect();
        ReadCache {
            files: parking_lot::RwLock::new(files),
            kept,
            ..ReadCache::default()
        }
    }

    /// Saves the cache for [`ReadCache::restore`]: `write(name, bytes)` is called for each of
    /// its files in which a record was read or forgotten since the cache was made or restored
    /// (after an edit, one file of [`SHARDS`]), one call at a time, in no set order. Files
    /// whose path is not Unicode are left out: they are read every time.
    pub(crate) fn save(
        &self,
        identity: &str,
        write: impl FnMut(&str, &[u8]) -> io::Result<()> + Send,
    ) -> io::Result<()> {
        let changed: Vec<usize> = (0..SHARDS)
            .filter(|&s| self.changed[s].load(Ordering::Relaxed))
            .collect();
        if changed.is_empty() {
            return Ok(());
        }
        let files = self.files.read();
        let mut shards: Vec<Vec<(&str, &CachedFile)>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for (path, file) in files.iter() {
            let shard = shard_of(path);
            if let (true, Some(path)) = (self.changed[shard].load(Ordering::Relaxed), path.to_str())
            {
                shards[shard].push((path, file));
            }
        }
        // The parts on every core: a first build waits for them once its site is resolved
        // (see `build::records`), and one thread left the other core idle through that wait.
        // Each part is written as soon as it is made, so that only one a core is held.
        let write = parking_lot::Mutex::new(write);
        changed.par_iter().try_for_each(|&shard| {
            let bytes = self.part(identity, &shards[shard])?;
            (write.lock())(&shard_name(shard), &bytes)
        })
    }

    /// One of the files [`ReadCache::save`] writes, holding `files`.
    fn part(&self, identity: &str, files: &[(&str, &CachedFile)]) -> io::Result<Vec<u8>> {
        // The part's payloads one after another, each then copied once into the part: a
        // buffer of its own for each made a province's records 230,000 allocations, each
        // grown a few times, while its site was resolved waiting for them.
        let mut payloads = Vec::new();
        let mut entries = Vec::with_capacity(files.len());
        for &(path, file) in files {
            let start = payloads.len();
            payloads = self
                .append_payload(file, payloads)
                .map_err(io::Error::other)?;
            entries.push((path, file.stamp, file.read_at, start..payloads.len()));
        }
        let saved = SavedRef {
            format: FORMAT,
            identity,
            files: entries
                .iter()
                .map(|(path, stamp, read_at, range)| KeptRef {
                    path,
                    stamp: *stamp,
                    read_at: *read_at,
                    payload: Bytes(&payloads[range.clone()]),
                })
                .collect(),
        };
        // Room for the payloads and each file's path and times, so that the part is not grown
        // by doubling while its payloads are held.
        let room = payloads.len() + identity.len() + entries.len() * (PATH_ROOM + 32);
        postcard::to_extend(&saved, Vec::with_capacity(room)).map_err(io::Error::other)
    }

    /// `to` with the bytes [`ReadCache::found`] decodes `file` from after it.
    fn append_payload(&self, file: &CachedFile, mut to: Vec<u8>) -> postcard::Result<Vec<u8>> {
        match &file.outcome {
            Outcome::Read { parsed, diags } => {
                let payload: Payload<&str, &Parsed> = (
                    parsed.as_ref().map_err(StoredDiagnostic::of),
                    diags.iter().map(StoredDiagnostic::of).collect(),
                );
                postcard::to_extend(&payload, to)
            }
            Outcome::Kept { shard, range } => {
                let bytes = self.kept.get(*shard).and_then(|k| k.get(range.clone()));
                to.extend_from_slice(bytes.unwrap_or_default());
                Ok(to)
            }
        }
    }
}

/// The files one shard of the cache holds, each pointing at its undecoded record.
fn index(shard: usize, bytes: &[u8], identity: &str) -> Option<Vec<(OsString, CachedFile)>> {
    let saved: Saved<'_> = postcard::from_bytes(bytes).ok()?;
    if saved.format != FORMAT || saved.identity != identity {
        return None;
    }
    let start = bytes.as_ptr() as usize;
    let files = saved
        .files
        .into_iter()
        .map(|kept| {
            // The payload is borrowed from `bytes`: where it sits is its range.
            let from = kept.payload.as_ptr() as usize - start;
            let range = from..from + kept.payload.len();
            let file = CachedFile {
                stamp: kept.stamp,
                read_at: kept.read_at,
                outcome: Outcome::Kept { shard, range },
                seen: AtomicU32::new(0),
            };
            (OsString::from(kept.path), file)
        })
        .collect();
    Some(files)
}

fn shard_of(path: &OsStr) -> usize {
    use std::hash::BuildHasher;
    let hash = foldhash::fast::FixedState::with_seed(0x6e62).hash_one(path);
    (hash % SHARDS as u64) as usize
}

fn shard_name(shard: usize) -> String {
    format!("{shard:02}")
}

/// One of the files [`ReadCache::save`] writes and [`ReadCache::restore`] reads.
#[derive(Serialize)]
struct SavedRef<'a> {
    format: u32,
    identity: &'a str,
    files: Vec<KeptRef<'a>>,
}

#[derive(Serialize)]
struct KeptRef<'a> {
    path: &'a str,
    stamp: Stamp,
    read_at: SystemTime,
    payload: Bytes<'a>,
}

#[derive(Deserialize)]
struct Saved<'a> {
    format: u32,
    identity: &'a str,
    #[serde(borrow)]
    files: Vec<Kept<'a>>,
}

#[derive(Deserialize)]
struct Kept<'a> {
    path: &'a str,
    stamp: Stamp,
    read_at: SystemTime,
    payload: &'a [u8],
}

/// Bytes written as bytes (serde writes a slice as a list), to be read back borrowed.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Content, load_with};
    use super::*;
    use std::time::Duration;

    fn unit_names(content: &Content) -> Vec<String> {
        content
            .units
            .iter()
            .filter_map(|u| u.record.name.as_ref().map(|n| n.get_ref().clone()))
            .collect()
    }

    fn load(site: &Path, cache: &ReadCache) -> (Content, Diagnostics) {
        let mut out = Diagnostics::default();
        let content = load_with(site, &mut out, Some(cache));
        (content, out)
    }

    /// As if every file had been read long after it was last written.
    fn settle(cache: &ReadCache) {
        for file in cache.files.write().values_mut() {
            file.read_at += Duration::from_secs(3600);
        }
    }

    fn read_at(cache: &ReadCache, path: &Path) -> SystemTime {
        cache.files.read()[path.as_os_str()].read_at
    }

    fn set_mtime(path: &Path, when: SystemTime) {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }

    #[test]
    fn the_read_cache_rereads_exactly_the_files_that_may_have_changed() {
        let site = tempfile::tempdir().unwrap();
        let file = site.path().join("content/east/a.toml");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "name = \"甲村\"\n").unwrap();
        let cache = ReadCache::default();
        assert_eq!(unit_names(&load(site.path(), &cache).0), ["甲村"]);

        // A settled file is taken from the cache without reading it.
        settle(&cache);
        let settled = read_at(&cache, &file);
        assert_eq!(unit_names(&load(site.path(), &cache).0), ["甲村"]);
        assert_eq!(read_at(&cache, &file), settled);

        // Written again with the same size and modification time: its inode's change time
        // tells.
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        // Past the file system's clock tick, so that the change time moves.
        std::thread::sleep(Duration::from_millis(30));
        std::fs::write(&file, "name = \"乙村\"\n").unwrap();
        set_mtime(&file, modified);
        assert_eq!(unit_names(&load(site.path(), &cache).0), ["乙村"]);

        // A watcher's word is taken for which files were written.
        settle(&cache);
        std::fs::write(&file, "name = \"丙村\"\n").unwrap();
        cache.only_changed([file.clone()]);
        assert_eq!(unit_names(&load(site.path(), &cache).0), ["丙村"]);

        // A time within a moment of the read may hide a second write: read again.
        std::fs::write(&file, "name = \"丁村\"\n").unwrap();
        assert_eq!(unit_names(&load(site.path(), &cache).0), ["丁村"]);
        std::fs::write(&file, "name = \"戊村\"\n").unwrap();
        assert_eq!(unit_names(&load(site.path(), &cache).0), ["戊村"]);

        // A new file is found by a load without a hint, and a removed one is forgotten.
        let other = site.path().join("content/east/b.toml");
        std::fs::write(&other, "name = \"己村\"\n").unwrap();
        assert_eq!(unit_names(&load(site.path(), &cache).0), ["戊村", "己村"]);
        std::fs::remove_file(&file).unwrap();
        let (content, out) = load(site.path(), &cache);
        assert_eq!(unit_names(&content), ["己村"]);
        assert_eq!(cache.files.read().len(), 1);
        assert!(!out.has_errors());
    }

    /// Saves `cache` into `dir`; returns the names of the files written.
    fn save(cache: &ReadCache, dir: &Path, identity: &str) -> Vec<String> {
        let mut written = Vec::new();
        cache
            .save(identity, |name, bytes| {
                written.push(name.to_string());
                std::fs::write(dir.join(name), bytes)
            })
            .unwrap();
        written
    }

    #[test]
    fn a_saved_cache_gives_back_what_was_read_and_reads_again_what_changed() {
        let site = tempfile::tempdir().unwrap();
        let unit = site.path().join("content/east/a.toml");
        std::fs::create_dir_all(unit.parent().unwrap()).unwrap();
        // An unknown key: a warning with its line, which must come back from the cache.
        std::fs::write(&unit, "\nname = \"甲村\"\nnmae = \"甲\"\n").unwrap();
        std::fs::create_dir_all(site.path().join("content/people")).unwrap();
        let person = site.path().join("content/people/wang.toml");
        std::fs::write(&person, "name = \"王兴\"\nphone = 13912345678\n").unwrap();
        let broken = site.path().join("content/east/b.toml");
        std::fs::write(&broken, "name = \"乙村\n").unwrap();

        let first = ReadCache::default();
        let (read, read_out) = load(site.path(), &first);
        assert!(read_out.has_errors() && read_out.warnings().count() > 0);
        settle(&first);
        let dir = tempfile::tempdir().unwrap();
        assert!(!save(&first, dir.path(), "this build").is_empty());

        let restored = ReadCache::restore(dir.path(), "this build");
        assert_eq!(restored.files.read().len(), 3);
        let (again, again_out) = load(site.path(), &restored);
        assert_eq!(format!("{:?}", again.units), format!("{:?}", read.units));
        assert_eq!(format!("{:?}", again.people), format!("{:?}", read.people));
        assert_eq!(
            again_out.iter().collect::<Vec<_>>(),
            read_out.iter().collect::<Vec<_>>()
        );
        let span = |c: &Content| c.units[0].record.name.as_ref().unwrap().span();
        assert_eq!(span(&again), span(&read));
        // Nothing was read, so nothing is saved.
        assert_eq!(
            restored
                .changed
                .iter()
                .filter(|c| c.load(Ordering::Relaxed))
                .count(),
            0
        );
        assert!(save(&restored, dir.path(), "this build").is_empty());

        // Another program, site or language: nothing is trusted.
        let other = ReadCache::restore(dir.path(), "another build");
        assert!(other.files.read().is_empty());

        // A damaged part holds nothing; the rest is used.
        let part = dir.path().join(shard_name(shard_of(unit.as_os_str())));
        let bytes = std::fs::read(&part).unwrap();
        std::fs::write(&part, &bytes[..bytes.len() / 2]).unwrap();
        let damaged = ReadCache::restore(dir.path(), "this build");
        assert!(damaged.files.read().len() < 3);
        let (content, _) = load(site.path(), &damaged);
        assert_eq!(format!("{:?}", content.units), format!("{:?}", read.units));

        // The damaged part, and only it, is saved anew.
        settle(&damaged);
        assert_eq!(
            save(&damaged, dir.path(), "this build"),
            [shard_name(shard_of(unit.as_os_str()))]
        );
        assert_eq!(
            ReadCache::restore(dir.path(), "this build")
                .files
                .read()
                .len(),
            3
        );

        // An edited file is read again, and only its part is saved again.
        let restored = ReadCache::restore(dir.path(), "this build");
        std::fs::write(&person, "name = \"王兴兴\"\nphone = 13912345678\n").unwrap();
        let (content, _) = load(site.path(), &restored);
        assert_eq!(
            content.people[0].record.name.as_ref().unwrap().get_ref(),
            "王兴兴"
        );
        assert_eq!(
            save(&restored, dir.path(), "this build"),
            [shard_name(shard_of(person.as_os_str()))]
        );
    }
}
