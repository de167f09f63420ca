//! The index that spares a warm build from hashing every photo: path → content hash, trusted
//! while the file's stamp (size, times, inode) is unchanged.

use super::cache::{PhotoCache, write_atomic};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub(super) const INDEX_FILE: &str = "index.tsv";
pub(super) const INDEX_HEADER: &str = "noticeboard-photo-index 1";

impl PhotoCache {
    pub(super) fn load_index(&self) -> HashMap<PathBuf, IndexEntry> {
        let Ok(text) = fs::read_to_string(self.dir.join(INDEX_FILE)) else {
            return HashMap::new();
        };
        let mut lines = text.lines();
        if lines.next() != Some(INDEX_HEADER) {
            return HashMap::new();
        }
        lines
            .filter_map(|line| {
                let mut fields = line.splitn(3, '\t');
                let content_hash = fields.next()?;
                let stamp = fields.next()?;
                let path = fields.next()?;
                let well_formed =
                    content_hash.len() == 64 && content_hash.bytes().all(|b| b.is_ascii_hexdigit());
                well_formed.then(|| {
                    let entry = IndexEntry {
                        content_hash: content_hash.to_string(),
                        stamp_text: stamp.to_string(),
                    };
                    (PathBuf::from(path), entry)
                })
            })
            .collect()
    }

    pub(super) fn save_index(&self, entries: &[(&Path, FileStamp, &str)]) -> io::Result<()> {
        let mut text = String::from(INDEX_HEADER);
        text.push('\n');
        for (path, stamp, content_hash) in entries {
            // Paths that cannot round-trip through one line of UTF-8 are simply re-hashed.
            let Some(path) = path.to_str().filter(|p| !p.contains(['\n', '\r'])) else {
                continue;
            };
            text.push_str(&format!("{content_hash}\t{}\t{path}\n", stamp.text));
        }
        write_atomic(&self.dir, INDEX_FILE, text.as_bytes())
    }
}

pub(super) struct IndexEntry {
    pub(super) content_hash: String,
    pub(super) stamp_text: String,
}

/// Size, modification time and (on Unix) ctime and inode, which `touch` or a copy preserving
/// mtime cannot fake. Equal stamps mean unchanged content, so the hash can be reused.
#[derive(Debug, Clone)]
pub(super) struct FileStamp {
    pub(super) text: String,
    /// The later of mtime and ctime, since the Unix epoch.
    pub(super) last_change: Duration,
}

impl FileStamp {
    pub(super) fn of(meta: &fs::Metadata) -> Option<Self> {
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?;
        #[cfg(unix)]
        let (extra, ctime) = {
            use std::os::unix::fs::MetadataExt;
            let ctime = Duration::new(
                u64::try_from(meta.ctime()).unwrap_or(0),
                u32::try_from(meta.ctime_nsec()).unwrap_or(0),
            );
            let extra = format!("{}.{}.{}", ctime.as_nanos(), meta.ino(), meta.dev());
            (extra, ctime)
        };
        #[cfg(not(unix))]
        let (extra, ctime) = (String::from("-"), Duration::ZERO);
        Some(Self {
            text: format!("{}.{}.{extra}", meta.len(), mtime.as_nanos()),
            last_change: mtime.max(ctime),
        })
    }

    /// Whether the file changed so recently that another change could share its timestamps
    /// (coarse on FAT and some network file systems); such files are hashed again next time.
    pub(super) fn is_racy(&self, window: Duration) -> bool {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        now.saturating_sub(self.last_change) < window
    }
}

pub(super) fn hash_file(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}
