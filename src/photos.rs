//! STUB: being written; replaced by the real module.
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
pub struct PhotoCache {
    dir: PathBuf,
}
#[derive(Debug, Clone)]
pub struct Rendition {
    pub file_name: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
}
#[derive(Debug, Clone)]
pub struct PhotoSet {
    pub screen: Vec<Rendition>,
    pub print: Rendition,
}
#[derive(Debug, Clone)]
pub enum PhotoOutcome {
    Ready(PhotoSet),
    Unusable { warning: String },
}
#[derive(Debug, Default, Clone)]
pub struct ProcessStats {
    pub processed: usize,
    pub reused: usize,
    pub unusable: usize,
}
impl PhotoCache {
    pub fn open(cache_dir: &Path) -> std::io::Result<Self> {
        Ok(PhotoCache {
            dir: cache_dir.to_path_buf(),
        })
    }
    pub fn process_all(
        &self,
        sources: &[(PathBuf, String)],
        _show_progress: bool,
    ) -> (HashMap<PathBuf, PhotoOutcome>, ProcessStats) {
        let _ = &self.dir;
        let map = sources
            .iter()
            .map(|(p, d)| {
                (
                    p.clone(),
                    PhotoOutcome::Unusable {
                        warning: format!("{d}: photos are not processed yet"),
                    },
                )
            })
            .collect();
        (map, ProcessStats::default())
    }
    pub fn publish<'a>(
        &self,
        _sets: impl IntoIterator<Item = &'a PhotoSet>,
        _out_dir: &Path,
    ) -> std::io::Result<()> {
        Ok(())
    }
    pub fn prune(&self, _in_use: &HashSet<String>) -> std::io::Result<usize> {
        Ok(0)
    }
}
