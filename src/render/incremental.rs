//! What a build compares with the last one (a `serve` session's, or the one the command line
//! saved: see `build::state`): every view's fingerprint, which pages a rebuild must render
//! ([`Scope`]), and the views and QR codes a session keeps for its next build.

use super::Board;
use super::context::{ListedPerson, PersonView};
use super::fingerprint::{fingerprint, fixed_hasher};
use super::{RenderInput, UnitFacts, qr};
use crate::model::Site;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use tera::Value;

/// A build's views, kept by a session for the next build: see [`Renderer::into_views`].
pub(crate) struct Views {
    pub(super) people: Vec<std::sync::Arc<PersonView>>,
    pub(super) person_values: Vec<Value>,
    pub(super) units: Vec<UnitFacts>,
    pub(super) unit_values: Vec<Value>,
    pub(super) boards: Vec<Board>,
    pub(super) fingerprints: Fingerprints,
}

/// A build's views with the site they show.
pub(crate) struct ViewCache {
    pub(super) site: Site,
    pub(super) views: Views,
}

impl ViewCache {
    pub(crate) fn new(site: Site, views: Views) -> ViewCache {
        ViewCache { site, views }
    }
}

impl std::ops::Deref for ViewCache {
    type Target = Views;
    fn deref(&self) -> &Views {
        &self.views
    }
}

/// QR codes already encoded, by URL: encoding (mask selection) is the costliest step of
/// making a unit's pages, and a URL's code never changes. A `serve` session keeps one in
/// memory and shares it with each build; a command-line build restores one from disk
/// (`build/records.rs`) and is handed its codes, which go back into it when the build is done.
#[derive(Default)]
pub(crate) struct QrCache {
    pub(super) codes: parking_lot::Mutex<HashMap<String, qr::QrCode>>,
    /// Whether the codes are handed over to the build (moved into it and back) rather than
    /// shared with it (copied): a province's are 13 MB.
    pub(super) handed_over: bool,
    /// Whether the build encoded a code, or left one out, since the cache was made.
    pub(super) changed: std::sync::atomic::AtomicBool,
}

impl QrCache {
    /// A cache of `codes` whose build is handed them.
    pub(crate) fn handed_over(codes: HashMap<String, qr::QrCode>) -> QrCache {
        QrCache {
            codes: parking_lot::Mutex::new(codes),
            handed_over: true,
            changed: Default::default(),
        }
    }

    /// Whether a build encoded a code, or dropped one of a unit that is gone.
    pub(crate) fn changed(&self) -> bool {
        self.changed.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The codes, by URL.
    pub(crate) fn into_codes(self) -> HashMap<String, qr::QrCode> {
        self.codes.into_inner()
    }
}

/// What a build's pages were made from, in hashes, so the next build can render only the pages
/// whose data changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Fingerprints {
    /// Everything every page may show: the configuration, the theme, the area tree, the set of
    /// units and people and their addresses. When it changes, everything is rendered.
    pub site: u64,
    /// Each unit's view (its team's people included), in `site.units` order.
    pub units: Vec<u64>,
    /// Each person's view, in `site.people` order.
    pub people: Vec<u64>,
    /// The people list's rows: a unit renamed changes its members' views (their units) but
    /// not the list.
    pub people_list: u64,
}

/// Which pages a build renders.
#[derive(Debug, Clone)]
pub(crate) enum Scope {
    All,
    /// Only the pages that show these units or people (indexes into the site's lists): their
    /// own pages, boards and vCards, the areas above the units, the lists and the search index.
    /// The coverage report is rendered when `report` is set. Pages are rendered into memory
    /// and written only when all of them succeeded.
    Changed {
        units: std::collections::HashSet<usize>,
        people: std::collections::HashSet<usize>,
        report: bool,
        /// Whether the people list's rows changed.
        people_list: bool,
    },
}

impl Scope {
    pub(super) fn unit(&self, index: usize) -> bool {
        match self {
            Scope::All => true,
            Scope::Changed { units, .. } => units.contains(&index),
        }
    }

    pub(super) fn person(&self, index: usize) -> bool {
        match self {
            Scope::All => true,
            Scope::Changed { people, .. } => people.contains(&index),
        }
    }

    /// The areas whose pages show a changed unit: every area above one.
    pub(super) fn areas(&self, site: &Site) -> std::collections::HashSet<usize> {
        match self {
            Scope::All => (0..site.areas.len()).collect(),
            Scope::Changed { units, .. } => units
                .iter()
                .flat_map(|&u| {
                    let area = site.units[u].area;
                    let mut chain = site.ancestors(area);
                    chain.push(0);
                    chain
                })
                .collect(),
        }
    }

    /// The people list and the search index show every unit and person.
    pub(super) fn lists(&self) -> bool {
        match self {
            Scope::All => true,
            Scope::Changed { units, people, .. } => !units.is_empty() || !people.is_empty(),
        }
    }

    pub(super) fn report(&self) -> bool {
        match self {
            Scope::All => true,
            Scope::Changed { report, .. } => *report,
        }
    }

    pub(super) fn people_list(&self) -> bool {
        match self {
            Scope::All => true,
            Scope::Changed { people_list, .. } => *people_list,
        }
    }

    pub(crate) fn everything(&self) -> bool {
        matches!(self, Scope::All)
    }
}

/// Unit `index`'s fingerprint: its view's, and the names of the people its page shows from the
/// work log.
pub(super) fn unit_fingerprint<T: Serialize>(site: &Site, index: usize, view: &T) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = fixed_hasher();
    fingerprint(view).hash(&mut h);
    for person in crate::worklog::views::people_shown(site, index) {
        site.people[person].name.hash(&mut h);
    }
    h.finish()
}

/// Everything pages show besides single units and people: see [`Fingerprints::site`].
/// `people` are the people's fingerprints.
pub(super) fn site_fingerprint(input: &RenderInput, people: &[u64]) -> u64 {
    use std::hash::{Hash, Hasher};
    let site = input.site;
    let mut h = fixed_hasher();
    for (name, file) in input
        .theme
        .templates
        .iter()
        .chain(&input.theme.static_files)
    {
        (name, &file.bytes).hash(&mut h);
    }
    for file in &input.theme.strings {
        file.bytes.hash(&mut h);
    }
    input.live_reload.hash(&mut h);
    format!("{:?}", site.config).hash(&mut h);
    site.date.hash(&mut h);
    (&site.front_title, &site.front_description, &site.front_body).hash(&mut h);
    for area in &site.areas {
        format!("{area:?}").hash(&mut h);
        // An area's own team shows its people.
        if let Some(record) = &area.record {
            for a in &record.team {
                people[a.person].hash(&mut h);
            }
        }
    }
    for unit in &site.units {
        (&unit.id, &unit.record.aliases).hash(&mut h);
    }
    // Unit pages and the ledger page show the work log.
    crate::worklog::views::hash_shown(site, &mut h);
    // Organization pages show their records, people and linked units.
    format!("{:?}", site.orgs).hash(&mut h);
    // Who is published shows on the people list, the search index and the sitemap.
    for person in &site.people {
        (&person.id, person.serving).hash(&mut h);
    }
    h.finish()
}

/// The fingerprint of the people list's rows (of `listed`, the published people), as the list
/// shows them.
pub(super) fn people_list_fingerprint<'a>(listed: impl Iterator<Item = &'a PersonView>) -> u64 {
    let rows: Vec<ListedPerson> = listed.map(ListedPerson::from).collect();
    fingerprint(&rows)
}

/// Each person's fingerprint, taken over from `previous` where the view is the same.
pub(super) fn person_fingerprints(
    people: &[std::sync::Arc<PersonView>],
    previous: Option<&ViewCache>,
) -> Vec<u64> {
    people
        .par_iter()
        .enumerate()
        .map(|(i, view)| match previous {
            Some(p) if p.people[i] == *view => p.fingerprints.people[i],
            _ => fingerprint(view),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::context::{LinkView, PhoneView};

    fn person(name: &str, phone: &str, units: &[&str]) -> PersonView {
        PersonView {
            id: "wang".into(),
            name: name.into(),
            initial: "王".into(),
            title: Some("第一书记".into()),
            org: Some("县农业农村局".into()),
            phone: PhoneView {
                display: phone.into(),
                tel: format!("tel:+86{}", phone.replace(' ', "")),
            },
            office_phone: None,
            photo: None,
            url: "people/wang/".into(),
            vcard: "people/wang.vcf".into(),
            checked: None,
            body_html: None,
            units: units
                .iter()
                .map(|u| LinkView {
                    name: u.to_string(),
                    url: "zhen/cun/".into(),
                })
                .collect(),
        }
    }

    /// A unit renamed changes its members' views (the units they serve) but not one row of
    /// the people list, which a rebuild then leaves as it is; a name or a number changes it.
    #[test]
    fn the_people_list_changes_only_with_what_its_rows_show() {
        let print = |p: &PersonView| people_list_fingerprint(std::iter::once(p));
        let before = person("王兴", "139 1234 0001", &["刘庄村"]);
        let renamed_unit = person("王兴", "139 1234 0001", &["刘家庄村"]);
        assert!(fingerprint(&before) != fingerprint(&renamed_unit));
        assert_eq!(print(&before), print(&renamed_unit));
        assert_ne!(
            print(&before),
            print(&person("王新兴", "139 1234 0001", &["刘庄村"]))
        );
        assert_ne!(
            print(&before),
            print(&person("王兴", "139 1234 0002", &["刘庄村"]))
        );
    }
}
