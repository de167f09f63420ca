//! Printed QR codes never die, and an office knows which boards to print again.
//!
//! Every build writes `manifest.json` into the output: each board's unit id, name, URL and a
//! hash of what the board prints ([`crate::render::board_hash`]). The build also keeps the
//! site's publishing history in `published.json` **in the site folder**, beside `config.toml`:
//! the output folder is disposable (git-ignored, deleted on a fresh machine, rebuilt from
//! scratch), while the site folder is what a clerk backs up and commits, and the history must
//! outlive any one `public/`. It holds
//!
//! - `addresses`: every page address a board's QR code has ever held (and every alias the site
//!   has answered), so that a renamed or moved unit is an error until its record lists the old
//!   address in `aliases` (which then gets a redirect page), even after `public/` was deleted;
//! - `boards`: the last build's board hashes, which the next build compares with to make the
//!   reprint list (`reprint.json` and `reprint/boards.html` in the output).
//!
//! Without `published.json`, `<output>/manifest.json` is read instead, if a previous build left
//! one. With neither (a first build), nothing is compared: every board is new and is on the
//! reprint list, since none has been printed by this tool yet.
//!
//! A rebuild in which no board changed keeps the previous reprint list instead of emptying it,
//! so rebuilding to fix a typo in a page's text does not lose the list of boards still to
//! print, and two builds of the same content write the same output.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
pub(crate) use crate::render::Board;
use foldhash::{HashMap, HashSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The history in the site folder.
pub(crate) const HISTORY_FILE: &str = "published.json";
/// What a build published, in the output folder.
pub(crate) const MANIFEST_FILE: &str = "manifest.json";
/// The reprint list, in the output folder.
pub(crate) const REPRINT_FILE: &str = "reprint.json";
/// The boards on the reprint list, one sheet each, in the output folder.
pub(crate) const REPRINT_PAGE: &str = "reprint/boards.html";

const ABOUT: &str = "Written by `noticeboard build`. It remembers every address printed in a \
board's QR code, so that a renamed or moved unit is caught before those codes stop working, \
and the boards of the last build, so that the next build can list the boards to print again. \
Keep this file with the site: back it up and commit it. \
本文件记录公示牌二维码中印过的全部网址，请与站点文件夹一同保存，不要删除。";

/// `manifest.json`: what one build published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub base_url: String,
    /// The publication date printed on the boards.
    pub date: String,
    pub boards: Vec<Board>,
}

impl Manifest {
    /// The manifest of a rendered site; `boards` come from the renderer, in unit order.
    pub(crate) fn new(site: &Site, boards: &[Board]) -> Manifest {
        Manifest {
            base_url: site.config.base_url.as_str().to_string(),
            date: site.date.to_string(),
            boards: boards.to_vec(),
        }
    }
}

/// An address the site has published: a unit's page or an alias redirecting to one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Address {
    /// The page path relative to `base_url`: `donghu/liuzhuangcun/`.
    pub path: String,
    /// The unit it led to when last built.
    pub name: String,
    /// That unit's record, relative to the site folder.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
}

/// `published.json`: the site's publishing history.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct History {
    #[serde(default)]
    pub about: String,
    pub base_url: String,
    pub date: String,
    /// The boards of the last recorded build.
    pub boards: Vec<Board>,
    /// The reprint list that build produced.
    #[serde(default)]
    pub reprint: Option<Reprint>,
    /// Every address ever published, sorted.
    #[serde(default)]
    pub addresses: Vec<Address>,
}

impl From<Manifest> for History {
    /// A history recovered from an output's `manifest.json` (no `published.json` yet).
    fn from(m: Manifest) -> History {
        let addresses = m
            .boards
            .iter()
            .map(|b| Address {
                path: format!("{}/", b.id),
                name: b.name.clone(),
                file: String::new(),
            })
            .collect();
        History {
            about: String::new(),
            base_url: m.base_url,
            date: m.date,
            boards: m.boards,
            reprint: None,
            addresses,
        }
    }
}

/// Why a board is on the reprint list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Reason {
    /// A unit that had no board before.
    Added,
    /// Something the board prints changed: a member, a phone, the hotline, the tasks ...
    Changed,
    /// The unit's address changed; the old one (`from`) redirects, but the board shows the old
    /// QR code and board code.
    Moved,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ReprintEntry {
    pub id: String,
    pub name: String,
    pub url: String,
    pub reason: Reason,
    /// For a moved unit: its former id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The area batch (`<area>/boards.html`) this board is printed from, when the list prints
    /// that area whole (see [`Reprint::areas`]); else it is on the list's own pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<String>,
}

/// `reprint.json`: the boards whose printed content differs from the previous build.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Reprint {
    /// This build's publication date.
    pub date: String,
    /// The publication date of the build compared with; none on a first build.
    pub previous: Option<String>,
    /// The page holding these boards for printing, relative to the output.
    pub page: String,
    /// Every page of the list when it is longer than one print job: `page` first, then
    /// `reprint/boards-2.html` and so on, each holding up to 100 boards.
    #[serde(default)]
    pub pages: Vec<String>,
    pub boards: Vec<ReprintEntry>,
    /// Units whose boards are no longer published: take those boards down.
    pub removed: Vec<String>,
    /// On a list longer than one print job, the areas every board of whose batch is on it (a
    /// first publication, a new heading): their boards are printed from the area's batch,
    /// which the list's pages link to instead of repeating it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<AreaBatch>,
}

/// An area whose batch of boards the reprint list prints whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct AreaBatch {
    pub name: String,
    /// The batch's page, relative to the output.
    pub page: String,
    /// How many boards it holds.
    pub boards: usize,
}

impl Reprint {
    /// The boards the list's own pages hold: those no area batch prints.
    pub(crate) fn paged(&self) -> impl Iterator<Item = &ReprintEntry> {
        self.boards.iter().filter(|b| b.batch.is_none())
    }
}

/// The history a build compares with, and where it was read.
#[derive(Debug, Clone)]
pub(crate) struct Previous {
    /// As messages show it: `published.json` or `public/manifest.json`.
    pub shown: String,
    text: String,
    pub history: History,
}

impl Previous {
    /// The 1-based line where `needle` (a JSON string value) first appears, for messages.
    fn line_of(&self, needle: &str) -> Option<usize> {
        let quoted = serde_json::to_string(needle).ok()?;
        let offset = self.text.find(&quoted)?;
        Some(crate::diagnostics::line_col(&self.text, offset).0)
    }
}

#[derive(Debug)]
pub enum ManifestError {
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl std::error::Error for ManifestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ManifestError::Write { source, .. } => Some(source),
        }
    }
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ManifestError::Write { path, source } => f.write_str(&crate::msg!(
                "build-history-unwritable",
                path = path.display().to_string(),
                reason = source.to_string()
            )),
        }
    }
}

/// Reads the history: `published.json` in the site folder, else the `manifest.json` a previous
/// build left in `output` (none for previews). Problems go to `out`; `None` when there is no
/// history.
pub(crate) fn load_previous(
    root: &Path,
    output: Option<&Path>,
    out: &mut Diagnostics,
) -> Option<Previous> {
    let history = root.join(HISTORY_FILE);
    if history.exists() {
        let text = match std::fs::read_to_string(&history) {
            Ok(t) => t,
            Err(e) => {
                out.push(
                    Diagnostic::error(
                        HISTORY_FILE,
                        crate::msg!("content-unreadable", reason = e.to_string()),
                    )
                    .help(crate::msg!("build-history-unreadable-help")),
                );
                return None;
            }
        };
        return match serde_json::from_str::<History>(&text) {
            Ok(history) => Some(Previous {
                shown: HISTORY_FILE.to_string(),
                text,
                history,
            }),
            Err(e) => {
                // Losing the history silently would let a renamed unit break printed QR codes,
                // so a damaged file stops the build until a person decides.
                out.push(
                    Diagnostic::error(
                        HISTORY_FILE,
                        crate::msg!("build-history-damaged", reason = e.to_string()),
                    )
                    .at(Some(e.line()), Some(e.column()))
                    .help(crate::msg!("build-history-damaged-help")),
                );
                None
            }
        };
    }

    let output = output?;
    let manifest = output.join(MANIFEST_FILE);
    let shown = crate::content::display(root, &manifest);
    // Only a folder a build made; a foreign manifest.json (a web app's) means nothing here.
    if !output.join(crate::output::MARKER).is_file() || !manifest.is_file() {
        return None;
    }
    let parsed = std::fs::read_to_string(&manifest)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            serde_json::from_str::<Manifest>(&text)
                .map(|m| (text, m))
                .map_err(|e| e.to_string())
        });
    match parsed {
        Ok((text, m)) => Some(Previous {
            shown,
            text,
            history: History::from(m),
        }),
        Err(e) => {
            out.push(
                Diagnostic::warning(shown, crate::msg!("build-manifest-unreadable", reason = e))
                    .help(crate::msg!(
                        "build-manifest-unreadable-help",
                        history = HISTORY_FILE
                    )),
            );
            None
        }
    }
}

/// Every address printed before must still lead somewhere: to the same unit's page, to an area
/// page, or through an alias. `base_url_overridden` (a `--base-url` preview) skips the check
/// that `base_url` itself is unchanged.
pub(crate) fn check_addresses(
    site: &Site,
    previous: &Previous,
    base_url_overridden: bool,
    out: &mut Diagnostics,
) {
    let history = &previous.history;
    let mut live: HashMap<String, &crate::model::Unit> = HashMap::default();
    for unit in &site.units {
        live.insert(unit.path(), unit);
        for alias in &unit.record.aliases {
            live.insert(format!("{alias}/"), unit);
        }
    }
    let areas: HashSet<String> = site.areas.iter().skip(1).map(|a| a.path()).collect();

    for address in &history.addresses {
        if let Some(unit) = live.get(&address.path) {
            // Homophones share a pinyin: a new 师庄村 can take the address 石庄村's boards carry.
            if unit.name != address.name && unit.path() == address.path {
                out.push(
                    Diagnostic::warning(
                        &unit.record.source,
                        crate::msg!(
                            "build-address-taken",
                            path = &address.path,
                            old = &address.name,
                            new = &unit.name
                        ),
                    )
                    .help(crate::msg!("build-address-taken-help")),
                );
            }
            continue;
        }
        if areas.contains(&address.path) {
            continue;
        }
        out.push(gone(site, previous, address));
    }

    if !base_url_overridden
        && !history.base_url.is_empty()
        && history.base_url != site.config.base_url.as_str()
    {
        out.push(
            Diagnostic::warning(
                crate::config::FILE_NAME,
                crate::msg!(
                    "build-base-url-changed",
                    old = &history.base_url,
                    new = site.config.base_url.as_str()
                ),
            )
            .help(crate::msg!(
                "build-base-url-changed-help",
                old = &history.base_url
            )),
        );
    }
}

fn gone(site: &Site, previous: &Previous, address: &Address) -> Diagnostic {
    let old_id = address.path.trim_end_matches('/');
    let message = crate::msg!(
        "build-address-gone",
        path = &address.path,
        name = &address.name
    );
    // Blame the record to edit: the same file (its `slug` changed), else the one unit with
    // the same name (the file was renamed or moved).
    let same_file = site
        .units
        .iter()
        .find(|u| !address.file.is_empty() && u.record.source == address.file);
    let mut same_name = site.units.iter().filter(|u| u.name == address.name);
    let unit = same_file.or_else(|| match (same_name.next(), same_name.next()) {
        (Some(u), None) => Some(u),
        _ => None,
    });
    match unit {
        Some(unit) => {
            let old_parent = old_id.rsplit_once('/').map_or("", |(p, _)| p);
            let new_parent = unit.id.rsplit_once('/').map_or("", |(p, _)| p);
            let help = if old_parent == new_parent {
                let last = old_id.rsplit('/').next().unwrap_or(old_id);
                crate::msg!(
                    "build-address-gone-moved-slug",
                    path = unit.path(),
                    old = old_id,
                    last = last
                )
            } else {
                crate::msg!("build-address-gone-moved", path = unit.path(), old = old_id)
            };
            Diagnostic::error(&unit.record.source, message).help(help)
        }
        None => Diagnostic::error(&previous.shown, message)
            .at(previous.line_of(&address.path), None)
            .help(crate::msg!(
                "build-address-gone-help",
                old = old_id,
                file = &previous.shown
            )),
    }
}

/// Which boards to print again: those added, changed or moved since the previous build. A
/// build in which no board changed keeps the previous list.
pub(crate) fn compare(previous: Option<&History>, site: &Site, manifest: &Manifest) -> Reprint {
    let mut reprint = compare_boards(previous, site, manifest);
    batches::assign(site, &mut reprint);
    reprint.pages = reprint_pages(reprint.paged().count());
    reprint
}

/// The pages of a reprint list of `count` boards: always at least the first.
pub(crate) fn reprint_pages(count: usize) -> Vec<String> {
    let pages = count.div_ceil(crate::render::REPRINT_BATCH).max(1);
    (1..=pages)
        .map(|n| match n {
            1 => REPRINT_PAGE.to_string(),
            n => format!("reprint/boards-{n}.html"),
        })
        .collect()
}

fn compare_boards(previous: Option<&History>, site: &Site, manifest: &Manifest) -> Reprint {
    let date = manifest.date.clone();
    let Some(previous) = previous else {
        return Reprint {
            date,
            previous: None,
            page: REPRINT_PAGE.to_string(),
            pages: Vec::new(),
            boards: manifest
                .boards
                .iter()
                .map(|b| entry(b, Reason::Added, None))
                .collect(),
            removed: Vec::new(),
            areas: Vec::new(),
        };
    };
    if let Some(kept) = &previous.reprint
        && previous.boards == manifest.boards
    {
        return Reprint {
            date,
            ..kept.clone()
        };
    }

    let before: HashMap<&str, &Board> =
        previous.boards.iter().map(|b| (b.id.as_str(), b)).collect();
    let aliases: HashMap<&str, &[String]> = site
        .units
        .iter()
        .map(|u| (u.id.as_str(), u.record.aliases.as_slice()))
        .collect();
    let mut moved_from = HashSet::default();
    let mut boards = Vec::new();
    for board in &manifest.boards {
        match before.get(board.id.as_str()) {
            Some(old) if old.hash == board.hash => {}
            Some(_) => boards.push(entry(board, Reason::Changed, None)),
            None => {
                let from = aliases
                    .get(board.id.as_str())
                    .and_then(|list| list.iter().find(|a| before.contains_key(a.as_str())));
                match from {
                    Some(from) => {
                        moved_from.insert(from.as_str());
                        boards.push(entry(board, Reason::Moved, Some(from.clone())));
                    }
                    None => boards.push(entry(board, Reason::Added, None)),
                }
            }
        }
    }
    let current: HashSet<&str> = manifest.boards.iter().map(|b| b.id.as_str()).collect();
    let removed = previous
        .boards
        .iter()
        .map(|b| b.id.as_str())
        .filter(|id| !current.contains(id) && !moved_from.contains(id))
        .map(str::to_string)
        .collect();
    Reprint {
        date,
        previous: Some(previous.date.clone()),
        page: REPRINT_PAGE.to_string(),
        pages: Vec::new(),
        boards,
        removed,
        areas: Vec::new(),
    }
}

/// One line for the build's output: how many boards to print again, and where.
pub(crate) fn summary(reprint: &Reprint, output: &Path) -> String {
    let count = |reason| reprint.boards.iter().filter(|b| b.reason == reason).count();
    let mut line = if reprint.boards.is_empty() {
        crate::msg!("build-reprint-none")
    } else {
        let parts: Vec<String> = [Reason::Changed, Reason::Added, Reason::Moved]
            .into_iter()
            .filter(|r| count(*r) > 0)
            .map(|r| match r {
                Reason::Changed => crate::msg!("build-reprint-changed", n = count(r)),
                Reason::Added => crate::msg!("build-reprint-new", n = count(r)),
                Reason::Moved => crate::msg!("build-reprint-moved", n = count(r)),
            })
            .collect();
        let mut batches = match reprint.pages.len() {
            0 | 1 => String::new(),
            n => crate::msg!("build-reprint-more-pages", n = n - 1),
        };
        if !reprint.areas.is_empty() {
            batches.push_str(&crate::msg!(
                "build-reprint-in-areas",
                boards = reprint.areas.iter().map(|a| a.boards).sum::<usize>(),
                areas = reprint.areas.len()
            ));
        }
        crate::msg!(
            "build-reprint-boards",
            boards = reprint.boards.len(),
            reasons = parts.join(&crate::msg!("cli-list-separator")),
            page = output.join(REPRINT_PAGE).display().to_string(),
            batches = batches
        )
    };
    if let Some(date) = &reprint.previous {
        line.push_str(&crate::msg!("build-reprint-compared", date = date));
    }
    if !reprint.removed.is_empty() {
        line.push_str(&crate::msg!(
            "build-reprint-removed",
            boards = reprint.removed.join(&crate::msg!("cli-list-separator"))
        ));
    }
    line
}

fn entry(board: &Board, reason: Reason, from: Option<String>) -> ReprintEntry {
    ReprintEntry {
        id: board.id.clone(),
        name: board.name.clone(),
        url: board.url.clone(),
        reason,
        from,
        batch: None,
    }
}

/// Writes `manifest.json` and `reprint.json` into a build's staging folder.
pub(crate) fn write_output(
    dir: &Path,
    manifest: &Manifest,
    reprint: &Reprint,
) -> std::io::Result<()> {
    std::fs::write(dir.join(MANIFEST_FILE), to_json(manifest))?;
    std::fs::write(dir.join(REPRINT_FILE), to_json(reprint))
}

/// The history after this build: every address ever published stays in it.
pub(crate) fn next_history(
    previous: Option<&History>,
    site: &Site,
    manifest: &Manifest,
    reprint: &Reprint,
) -> History {
    let mut addresses: BTreeMap<String, Address> = previous
        .map(|h| {
            h.addresses
                .iter()
                .map(|a| (a.path.clone(), a.clone()))
                .collect()
        })
        .unwrap_or_default();
    for unit in &site.units {
        let mut record = |path: String| {
            addresses.insert(
                path.clone(),
                Address {
                    path,
                    name: unit.name.clone(),
                    file: unit.record.source.clone(),
                },
            );
        };
        record(unit.path());
        // An alias is an address residents may hold too (boards printed by an earlier
        // system): once answered, dropping it is caught like a renamed unit.
        for alias in &unit.record.aliases {
            record(format!("{alias}/"));
        }
    }
    // Which boards an area's batch prints is worked out again by every build (see
    // `batches.rs`): the history keeps the list without it, a province's 64,000 pages shorter.
    let mut kept = reprint.clone();
    kept.areas.clear();
    for board in &mut kept.boards {
        board.batch = None;
    }
    History {
        about: ABOUT.to_string(),
        base_url: manifest.base_url.clone(),
        date: manifest.date.clone(),
        boards: manifest.boards.clone(),
        reprint: Some(kept),
        addresses: addresses.into_values().collect(),
    }
}

/// `published.json` written beside its place, to be put there once the output is.
pub(crate) fn prepare_history(
    root: &Path,
    history: &History,
) -> Result<crate::output::atomic::Prepared, ManifestError> {
    let path = root.join(HISTORY_FILE);
    crate::output::atomic::prepare(&path, to_json(history).as_bytes())
        .map_err(|source| ManifestError::Write { path, source })
}

fn to_json<T: Serialize>(value: &T) -> String {
    // These types hold only strings, lists and maps with string keys: serializing cannot fail.
    let mut json = serde_json::to_string_pretty(value).unwrap_or_default();
    json.push('\n');
    json
}

mod batches;
#[cfg(test)]
mod tests;
