//! Processing a site's photos: a cheap first pass finds each source's content key (from the
//! index when the file is unchanged) and any complete cache entry; a second pass renders, in
//! parallel, each key that has none; the outcomes then say what every source became.

use super::cache::PhotoCache;
use super::encode::render;
use super::error::{MAX_SOURCE_BYTES, Unusable};
use super::index::{FileStamp, IndexEntry, hash_file};
use super::{PhotoOutcome, PhotoSet, ProcessStats};
use crate::progress::Progress;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Where one source stands after the cheap first pass (stat, hash, manifest).
pub(super) enum Resolved {
    Unusable(Unusable),
    Known {
        key: String,
        content_hash: String,
        stamp: Option<FileStamp>,
        cached: Option<PhotoSet>,
    },
}

/// The result of rendering each content key that had no cache entry.
pub(super) type Rendered<'a> = HashMap<&'a str, Result<PhotoSet, Unusable>>;

/// The keys to render: one render per distinct content, however many people share the photo.
pub(super) fn jobs<'a>(
    sources: &'a [(PathBuf, String)],
    resolved: &'a [Resolved],
) -> Vec<(&'a str, &'a str, &'a Path)> {
    let mut jobs = Vec::new();
    let mut queued: HashSet<&str> = HashSet::new();
    for ((path, _), res) in sources.iter().zip(resolved) {
        if let Resolved::Known {
            key,
            content_hash,
            cached: None,
            ..
        } = res
            && queued.insert(key.as_str())
        {
            jobs.push((key.as_str(), content_hash.as_str(), path.as_path()));
        }
    }
    jobs
}

/// What one source became: its renditions, and whether this run processed them (the first
/// source of a key rendered now) rather than reused them; or why it cannot be used.
pub(super) fn outcome<'a>(
    resolved: &'a Resolved,
    rendered: &'a Rendered<'a>,
    counted_as_processed: &mut HashSet<&'a str>,
) -> Result<(PhotoSet, bool), &'a Unusable> {
    let (key, cached) = match resolved {
        Resolved::Unusable(reason) => return Err(reason),
        Resolved::Known { key, cached, .. } => (key, cached),
    };
    match (cached, rendered.get(key.as_str())) {
        (Some(set), _) => Ok((set.clone(), false)),
        (None, Some(Ok(set))) => Ok((set.clone(), counted_as_processed.insert(key))),
        (None, Some(Err(reason))) => Err(reason),
        // Every uncached key was queued, so this does not happen; stay safe.
        (None, None) => Err(&Unusable::ChangedDuringBuild),
    }
}

impl PhotoCache {
    /// Renders every source that has no complete cache entry, in parallel.
    ///
    /// `sources` are absolute paths, each with a site-relative name used in warnings. Failures
    /// never stop the build: each becomes `PhotoOutcome::Unusable` with a warning.
    pub fn process_all(
        &self,
        sources: &[(PathBuf, String)],
        show_progress: bool,
    ) -> (HashMap<PathBuf, PhotoOutcome>, ProcessStats) {
        let index = self.load_index();
        let resolved: Vec<Resolved> = sources
            .par_iter()
            .map(|(path, _)| self.resolve(path, index.get(path)))
            .collect();
        let jobs = jobs(sources, &resolved);
        let progress = Progress::new(
            show_progress,
            jobs.len() as u64,
            crate::msg!("photos-progress"),
        );
        let rendered: Rendered = jobs
            .par_iter()
            .map(|&(key, content_hash, path)| {
                let result = self.render_and_store(key, content_hash, path);
                progress.inc(1);
                (key, result)
            })
            .collect();
        progress.finish();
        let mut stats = ProcessStats::default();
        let mut new_index: Vec<(&Path, FileStamp, &str)> = Vec::new();
        let mut counted_as_processed: HashSet<&str> = HashSet::new();
        let outcomes = sources
            .iter()
            .zip(&resolved)
            .map(|((path, display), res)| {
                if let Resolved::Known {
                    content_hash,
                    stamp: Some(stamp),
                    ..
                } = res
                {
                    new_index.push((path, stamp.clone(), content_hash));
                }
                let outcome = match outcome(res, &rendered, &mut counted_as_processed) {
                    Ok((set, processed)) => {
                        match processed {
                            true => stats.processed += 1,
                            false => stats.reused += 1,
                        }
                        PhotoOutcome::Ready(set)
                    }
                    Err(reason) => {
                        stats.unusable += 1;
                        PhotoOutcome::Unusable {
                            warning: format!("{display}: {reason}"),
                        }
                    }
                };
                (path.clone(), outcome)
            })
            .collect();
        // The index only saves re-hashing; failing to write it costs time, not correctness.
        let _ = self.save_index(&new_index);
        (outcomes, stats)
    }

    /// First pass: find the content key (from the index when the file is unchanged) and any
    /// complete cache entry. Reads no pixels.
    pub(super) fn resolve(&self, path: &Path, indexed: Option<&IndexEntry>) -> Resolved {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Resolved::Unusable(Unusable::Missing);
            }
            Err(e) => return Resolved::Unusable(Unusable::Unreadable(e)),
        };
        if !meta.is_file() {
            return Resolved::Unusable(Unusable::NotAFile);
        }
        if meta.len() > MAX_SOURCE_BYTES {
            return Resolved::Unusable(Unusable::FileTooLarge { size: meta.len() });
        }
        let stamp = FileStamp::of(&meta);
        let content_hash = match (indexed, &stamp) {
            (Some(entry), Some(stamp)) if entry.stamp_text == stamp.text => {
                entry.content_hash.clone()
            }
            _ => match hash_file(path) {
                Ok(hash) => hash,
                Err(e) => return Resolved::Unusable(Unusable::Unreadable(e)),
            },
        };
        let key = self.key_for(&content_hash);
        let cached = self.load_manifest(&key);
        Resolved::Known {
            key,
            content_hash,
            stamp: stamp.filter(|s| !s.is_racy(self.racy_window)),
            cached,
        }
    }

    /// Second pass for one content key: decode, render, and store atomically.
    pub(super) fn render_and_store(
        &self,
        key: &str,
        content_hash: &str,
        path: &Path,
    ) -> Result<PhotoSet, Unusable> {
        let bytes = read_capped(path)?;
        if hex::encode(Sha256::digest(&bytes)) != content_hash {
            return Err(Unusable::ChangedDuringBuild);
        }
        // Decoders are third-party code fed untrusted files: a panic in one must cost only
        // this photo, not the build.
        let encoded = std::panic::catch_unwind(|| render(&bytes, &self.settings))
            .unwrap_or_else(|_| Err(Unusable::Damaged(crate::msg!("photos-decoder-crashed"))))?;
        self.store(key, encoded).map_err(Unusable::CacheWrite)
    }
}

pub(super) fn read_capped(path: &Path) -> Result<Vec<u8>, Unusable> {
    let file = File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Unusable::Missing,
        _ => Unusable::Unreadable(e),
    })?;
    let mut bytes = Vec::new();
    // The size was checked in the first pass; the cap guards against the file growing since.
    file.take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Unusable::Unreadable)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(Unusable::FileTooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}
