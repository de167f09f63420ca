//! Which boards of a long reprint list an area's batch prints. A first publication lists every
//! board, and so does a new heading: repeated on the list's own pages, a province's boards
//! were 640 more pages of a hundred sheets, the same sheets its area batches already hold.
//! When every board an area's batch (`<area>/boards.html`) holds is on the list, the list
//! links to that batch instead. A list within one print job stays whole on its page, as a
//! clerk printing a few changed boards expects.

use super::{AreaBatch, Reprint};
use crate::model::Site;
use crate::render::{REPRINT_BATCH, batch_holds_parts};
use foldhash::{HashMap, HashSet};

/// Sets `reprint.areas` and each board's `batch` for the site as it is now (a kept list's
/// areas may have changed since it was made).
pub(super) fn assign(site: &Site, reprint: &mut Reprint) {
    reprint.areas.clear();
    for board in &mut reprint.boards {
        board.batch = None;
    }
    if reprint.boards.len() <= REPRINT_BATCH || site.areas.is_empty() {
        return;
    }
    let listed: HashSet<&str> = reprint.boards.iter().map(|b| b.id.as_str()).collect();
    let walk = Walk {
        site,
        totals: site.unit_totals(),
        listed,
    };
    let mut whole = Vec::new();
    for &child in &site.areas[0].children {
        walk.visit(child, &mut whole);
    }
    let mut batch_of: HashMap<&str, usize> = HashMap::default();
    for (k, (_, units)) in whole.iter().enumerate() {
        for &u in units {
            batch_of.insert(site.units[u].id.as_str(), k);
        }
    }
    reprint.areas = whole
        .iter()
        .map(|&(area, ref units)| AreaBatch {
            name: site.areas[area].name.clone(),
            page: format!("{}boards.html", site.areas[area].path()),
            boards: units.len(),
        })
        .collect();
    for board in &mut reprint.boards {
        board.batch = batch_of
            .get(board.id.as_str())
            .map(|&k| reprint.areas[k].page.clone());
    }
}

struct Walk<'s> {
    site: &'s Site,
    /// Each area's units, its sub-areas' included.
    totals: Vec<usize>,
    listed: HashSet<&'s str>,
}

impl Walk<'_> {
    /// Adds to `whole` the areas at and below `area` whose batch the list prints whole, each
    /// with the units of its batch: every unit below it when the batch holds its parts'
    /// boards ([`batch_holds_parts`]), else the area's own units.
    fn visit(&self, area: usize, whole: &mut Vec<(usize, Vec<usize>)>) {
        if self.totals[area] == 0 {
            return;
        }
        let own = &self.site.areas[area].units;
        if batch_holds_parts(self.totals[area]) {
            let mut units = Vec::with_capacity(self.totals[area]);
            self.units_below(area, &mut units);
            if units.iter().all(|&u| self.is_listed(u)) {
                whole.push((area, units));
                return;
            }
        } else if !own.is_empty() && own.iter().all(|&u| self.is_listed(u)) {
            whole.push((area, own.clone()));
        }
        for &child in &self.site.areas[area].children {
            self.visit(child, whole);
        }
    }

    fn units_below(&self, area: usize, units: &mut Vec<usize>) {
        units.extend(&self.site.areas[area].units);
        for &child in &self.site.areas[area].children {
            self.units_below(child, units);
        }
    }

    fn is_listed(&self, unit: usize) -> bool {
        self.listed.contains(self.site.units[unit].id.as_str())
    }
}
