//! Which boards a `print` run prints: the units and areas named on the command line, every
//! unit (`--all`) or the reprint list (`--reprint`), in the site's order, each once.
//!
//! A name may be written the way a clerk has it to hand: a unit's or area's URL path
//! (`donghu/liuzhuang`, with or without slashes), its folder path under `content/` as the
//! spec calls ids (`东湖镇/刘庄村`), a whole address from a board's QR code
//! (`https://example.org/county/donghu/liuzhuang/`), or a name (`刘庄村`, `东湖镇`) when
//! only one unit or area has it. An area stands for all the units in it and below it.

use crate::model::Site;
use std::collections::{BTreeSet, HashMap};

/// What to print, as the command line said it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Selection {
    pub(crate) names: Vec<String>,
    pub(crate) all: bool,
    /// The unit ids on the reprint list (from the build's `reprint.json`), when `--reprint`.
    pub(crate) reprint: Option<Vec<String>>,
}

/// A name that matched nothing, or more than one thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmatched {
    Unknown {
        name: String,
        suggestion: Option<String>,
    },
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
}

/// The units to print (indexes into `site.units`, in site order), or every name that did not
/// match.
pub(crate) fn resolve(site: &Site, selection: &Selection) -> Result<Vec<usize>, Vec<Unmatched>> {
    let mut chosen = BTreeSet::new();
    if selection.all {
        chosen.extend(0..site.units.len());
    }
    if let Some(ids) = &selection.reprint {
        let index: HashMap<&str, usize> = site
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), i))
            .collect();
        chosen.extend(ids.iter().filter_map(|id| index.get(id.as_str()).copied()));
    }
    let names = Names::of(site);
    let mut unmatched = Vec::new();
    for name in &selection.names {
        match names.find(site, name) {
            Ok(units) => chosen.extend(units),
            Err(problem) => unmatched.push(problem),
        }
    }
    if unmatched.is_empty() {
        Ok(chosen.into_iter().collect())
    } else {
        Err(unmatched)
    }
}

/// What a name can be: a unit or an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Unit(usize),
    Area(usize),
}

/// Every way of naming each unit and area.
struct Names {
    /// URL paths and content paths, each naming exactly one thing.
    paths: HashMap<String, Target>,
    /// Display names, which several may share.
    names: HashMap<String, Vec<Target>>,
    base_url: String,
}

impl Names {
    fn of(site: &Site) -> Names {
        let mut paths = HashMap::new();
        let mut names: HashMap<String, Vec<Target>> = HashMap::new();
        for (index, area) in site.areas.iter().enumerate().skip(1) {
            paths.insert(area.id.clone(), Target::Area(index));
            names
                .entry(area.name.clone())
                .or_default()
                .push(Target::Area(index));
        }
        for (index, unit) in site.units.iter().enumerate() {
            paths.insert(unit.id.clone(), Target::Unit(index));
            // `content/东湖镇/刘庄村.toml` → `东湖镇/刘庄村`, and its folders name its areas.
            let source = unit.record.source.replace('\\', "/");
            let source = source.strip_prefix("content/").unwrap_or(&source);
            let stem = source.rsplit_once('.').map_or(source, |(stem, _)| stem);
            paths.entry(stem.to_string()).or_insert(Target::Unit(index));
            let mut folder = stem.rsplit_once('/').map(|(folder, _)| folder);
            let mut area = Some(unit.area);
            while let (Some(path), Some(a)) = (folder, area) {
                if a == 0 {
                    break;
                }
                paths.entry(path.to_string()).or_insert(Target::Area(a));
                folder = path.rsplit_once('/').map(|(up, _)| up);
                area = site.areas[a].parent;
            }
            names
                .entry(unit.name.clone())
                .or_default()
                .push(Target::Unit(index));
        }
        Names {
            paths,
            names,
            base_url: site.config.base_url.as_str().to_string(),
        }
    }

    fn find(&self, site: &Site, name: &str) -> Result<Vec<usize>, Unmatched> {
        let trimmed = name.trim();
        let path = trimmed
            .strip_prefix(&self.base_url)
            .unwrap_or(trimmed)
            .trim_matches('/')
            .trim_end_matches("/board.html")
            .trim_end_matches("board.html");
        let target = match self.paths.get(path) {
            Some(target) => *target,
            None => match self.names.get(trimmed).map(Vec::as_slice) {
                Some([one]) => *one,
                Some(several) => {
                    return Err(Unmatched::Ambiguous {
                        name: name.to_string(),
                        candidates: several.iter().map(|t| describe(site, *t)).collect(),
                    });
                }
                None => {
                    return Err(Unmatched::Unknown {
                        name: name.to_string(),
                        suggestion: self.closest(path),
                    });
                }
            },
        };
        Ok(match target {
            Target::Unit(unit) => vec![unit],
            Target::Area(area) => crate::render::context::descendant_units(site, area),
        })
    }

    /// The path or name most like `wanted`, if one is close enough to be a likely typo.
    fn closest(&self, wanted: &str) -> Option<String> {
        self.paths
            .keys()
            .chain(self.names.keys())
            .map(|candidate| (strsim::normalized_levenshtein(wanted, candidate), candidate))
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, candidate)| candidate.clone())
    }
}

/// `donghu/liuzhuang (刘庄村)`: how a candidate is listed when a name is ambiguous.
fn describe(site: &Site, target: Target) -> String {
    match target {
        Target::Unit(u) => format!("{} ({})", site.units[u].id, site.units[u].name),
        Target::Area(a) => format!("{}/ ({})", site.areas[a].id, site.areas[a].name),
    }
}
