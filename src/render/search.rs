//! `search.json`: the small index behind the search box on the front page and the area pages.
//!
//! Residents type a place, a person's name, the pinyin of either (full, initials or a mix such
//! as `lzhuang`), or the last digits of a phone number; `assets/search.js` matches as they type.
//! The index holds only what the pages already show, and of phone numbers only the last four
//! digits: enough to find a contact, and the full number stays on the page the result opens.
//!
//! Keys are one or two letters because the file travels over slow mobile connections; people
//! are listed once and referenced by position, so a person on five teams costs five numbers.

use crate::model::reading;
use crate::model::slug::initials;
use crate::model::{Assignment, Site};
use crate::render::context::PersonView;
use rayon::prelude::*;
use serde::Serialize;

/// Bumped when the shape changes, so a cached old script can tell it cannot read the file.
pub(crate) const FORMAT_VERSION: u32 = 2;

/// The file name under the output root; the search partial points the script at it.
pub(crate) const FILE_NAME: &str = "search.json";

#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct SearchIndex {
    /// [`FORMAT_VERSION`].
    pub v: u32,
    /// Kind code → label in the site's language (`village` → `村`), for result lines.
    pub kinds: std::collections::BTreeMap<String, String>,
    /// Units and areas, in page order.
    pub places: Vec<Place>,
    /// Everyone with a person page (the people serving today), in the order of `people/`.
    pub people: Vec<PersonEntry>,
}

/// A unit or an area.
#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct Place {
    /// Name: `刘庄村`.
    pub n: String,
    /// Kind code: `village`, `township` ...
    pub k: &'static str,
    /// The area it belongs to (`东湖镇`); empty for a top-level area.
    pub a: String,
    /// Page path relative to the site root: `donghu/liuzhuangcun/`.
    pub u: String,
    /// Pinyin syllables separated by spaces (`liu zhuang cun`), each with its readings
    /// separated by `|` (`zhong|chong yang cun`), so the script can match initials, full
    /// pinyin and mixes at syllable boundaries, in any reading.
    pub p: String,
    /// Pinyin initials: `lzc`.
    pub i: String,
    /// The current team: `[person, role]`, person being a position in `people`.
    pub m: Vec<(usize, Option<String>)>,
}

#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct PersonEntry {
    pub n: String,
    pub p: String,
    pub i: String,
    /// Title (职务), as the person's page shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t: Option<String>,
    /// Page path: `people/wang-xing/`.
    pub u: String,
    /// Last four digits of each public phone number (mobile, then office).
    pub d: Vec<String>,
}

/// Builds the index from the resolved site and the person views the pages were made from.
/// `kind_label` maps a kind code to its display label (from the theme's strings).
pub(crate) fn build(
    site: &Site,
    people: &[std::sync::Arc<PersonView>],
    kind_label: impl Fn(&str) -> Option<String>,
) -> SearchIndex {
    // Only people serving today are listed; a current team holds no one else.
    let mut position = vec![usize::MAX; site.people.len()];
    let listed: Vec<usize> = site.published_people().collect();
    for (at, &i) in listed.iter().enumerate() {
        position[i] = at;
    }
    let team = |assignments: &mut dyn Iterator<Item = &Assignment>| {
        assignments
            .map(|a| (position[a.person], a.role.clone()))
            .collect::<Vec<_>>()
    };

    let mut places = Vec::with_capacity(site.units.len() + site.areas.len());
    // Areas first (skipping the site root, which is the front page itself), then units, so a
    // query that names a township finds the township before its villages on equal scores.
    for area in site.areas.iter().skip(1) {
        let parent = area.parent.filter(|&p| p != 0);
        places.push(Place {
            n: area.name.clone(),
            k: area
                .record
                .as_ref()
                .map_or(crate::model::Kind::Township, |r| r.kind)
                .as_str(),
            a: parent.map_or_else(String::new, |p| site.areas[p].name.clone()),
            u: area.path(),
            p: syllables(&area.name, false),
            i: initials(&area.name),
            m: area
                .record
                .as_ref()
                .map_or_else(Vec::new, |r| team(&mut r.current_team())),
        });
    }
    // Readings are looked up character by character: a province's 230,000 names are read on
    // every core.
    places.par_extend(site.units.par_iter().map(|unit| Place {
        n: unit.name.clone(),
        k: unit.record.kind.as_str(),
        a: site.areas[unit.area].name.clone(),
        u: unit.path(),
        p: syllables(&unit.name, false),
        i: initials(&unit.name),
        m: team(&mut unit.current_team()),
    }));

    let people = listed
        .par_iter()
        .map(|&i| &people[i])
        .map(|p| PersonEntry {
            n: p.name.clone(),
            p: syllables(&p.name, true),
            i: initials(&p.name),
            t: p.title.clone(),
            u: p.url.clone(),
            d: std::iter::once(&p.phone)
                .chain(p.office_phone.as_ref())
                .filter_map(|phone| last_digits(&phone.display))
                .collect(),
        })
        .collect();

    let kinds = crate::model::Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .chain(["person"])
        .filter_map(|code| kind_label(code).map(|label| (code.to_string(), label)))
        .collect();

    SearchIndex {
        v: FORMAT_VERSION,
        kinds,
        places,
        people,
    }
}

/// Builds the index and writes it as [`FILE_NAME`] at the output root: the one call `render` makes.
pub(super) fn write(
    site: &Site,
    people: &[std::sync::Arc<PersonView>],
    strings: &super::strings::Strings,
    writer: &super::Writer,
) -> Result<(), super::RenderError> {
    let index = build(site, people, |code| {
        strings.get(&format!("kind_{code}")).map(String::from)
    });
    // Compact JSON (every byte is paid for on a slow connection), written as it is made: a
    // province's index is 30 MB.
    writer.write_streamed(FILE_NAME, |out| {
        serde_json::to_writer(out, &index).map_err(|e| super::RenderError::Io {
            path: FILE_NAME.into(),
            source: e.into(),
        })
    })
}

/// `刘庄村` → `liu zhuang cun`: syllables separated by spaces, each with every reading of its
/// character separated by `|` (`重阳村` → `zhong|chong yang cun`), so a search finds a place by
/// any reading people use. With `person`, the surname is read as a surname first (`曾国藩` →
/// `zeng|ceng guo fan`). See [`crate::model::reading`].
pub(crate) fn syllables(name: &str, person: bool) -> String {
    reading::syllables(name, person)
        .iter()
        .map(|readings| readings.join("|"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last four digits of a number as the page shows it (`139 0534 1201` → `1201`); short
/// codes keep what they have (`110` → `110`).
fn last_digits(display: &str) -> Option<String> {
    let digits: Vec<char> = display.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    Some(digits[digits.len().saturating_sub(4)..].iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_split_chinese_and_keep_ascii_runs() {
        assert_eq!(syllables("刘庄村", false), "liu zhuang cun");
        assert_eq!(syllables("欧阳兰", true), "ou yang lan");
        assert_eq!(syllables("A区3号楼", false).split(' ').count(), 5);
        assert!(syllables("A区3号楼", false).starts_with("a qu"));
        assert_eq!(syllables("（东）", false), "dong");
        assert_eq!(syllables("吕", false), "lv");
        assert_eq!(syllables("", false), "");
    }

    #[test]
    fn every_reading_is_listed_and_surnames_come_first() {
        let chongyang = syllables("重阳村", false);
        assert!(chongyang.starts_with("zhong|chong"), "{chongyang}");
        assert!(chongyang.ends_with(" yang cun"), "{chongyang}");
        let zeng = syllables("曾国藩", true);
        assert!(zeng.starts_with("zeng|ceng guo"), "{zeng}");
    }

    #[test]
    fn last_digits_come_from_the_shown_number() {
        assert_eq!(last_digits("139 0534 1201").as_deref(), Some("1201"));
        assert_eq!(last_digits("0534-2212345").as_deref(), Some("2345"));
        assert_eq!(last_digits("110").as_deref(), Some("110"));
        assert_eq!(last_digits("—"), None);
    }
}
