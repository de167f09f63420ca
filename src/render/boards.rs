//! The printed boards: what a board's hash covers (so the reprint list knows which changed),
//! the size of its QR code on paper and the board code printed on it.

use super::context::{self, PersonView, UnitView};
use super::qr;
use super::strings::Strings;
use crate::model::{Site, Unit};
use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::Value;

/// One printed board, as the manifest, the publishing history and the reprint list record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub(crate) struct Board {
    /// The unit's id (its URL path without slashes at the ends).
    pub id: String,
    pub name: String,
    /// The absolute URL its QR code holds.
    pub url: String,
    /// A hash of everything the board prints except the publication date.
    pub hash: String,
}

/// Smallest printed width of a board's QR symbol (without quiet zone) on A4; scaled with the
/// paper.
const BOARD_QR_SYMBOL_MM: f64 = 50.0;
/// Smallest printed module on A4 (scaled with the paper). A board rasterised at 150 dpi,
/// scaled to 40 % and blurred by one pixel (a phone camera's preview at about 60 cm) decodes
/// with ZXing from about 1.0 mm modules but with zbar only from about 1.4 mm: a URL long enough
/// to need a high QR version gets a larger code rather than smaller modules.
const BOARD_QR_MIN_MODULE_MM: f64 = 1.5;

/// The printed side of the site's boards' QR codes, quiet zone included, in mm: set by the unit
/// URL that needs the most modules (`widest`, without the quiet zone).
pub(super) fn board_qr_mm(widest: Option<u32>, scale: f64) -> f64 {
    let Some(widest) = widest else {
        return 0.0;
    };
    let modules = f64::from(widest);
    let module = scale * (BOARD_QR_SYMBOL_MM / modules).max(BOARD_QR_MIN_MODULE_MM);
    // Rounded up to 0.01 mm so the CSS value never prints a hair below the minimum.
    let module = (module * 100.0).ceil() / 100.0;
    let side = module * (modules + 2.0 * f64::from(qr::QUIET_ZONE));
    (side * 100.0).ceil() / 100.0
}

/// Measures of a unit's printed board that its template sizes type by, made once with the view:
/// as the template's own filters (split, sort, `length` of every member's facts) they were a
/// third of rendering a board.
#[derive(Serialize, Clone)]
pub(crate) struct SheetLayout {
    /// The most characters in any current member's title, organisation or role.
    pub longest_fact: usize,
    /// The page's address as it is printed, in lines that break only after a `/`: the
    /// scheme and host (`https://host/`), then each part of the path with its `/`.
    pub url_head: String,
    pub url_parts: Vec<String>,
    /// Characters in the longest of those lines.
    pub url_chars: usize,
}

/// The [`SheetLayout`] of a board for the page at `abs_url` with `team`.
pub(super) fn sheet_layout(abs_url: &str, team: &[context::MemberView]) -> SheetLayout {
    let chars = |s: Option<&str>| s.map_or(0, |s| s.chars().count());
    let longest_fact = team
        .iter()
        .flat_map(|m| {
            [
                chars(m.person.title.as_deref()),
                chars(m.person.org.as_deref()),
                chars(m.role.as_deref()),
            ]
        })
        .max()
        .unwrap_or(0);
    let mut parts = abs_url.split('/');
    let scheme = parts.next().unwrap_or_default();
    let host = parts.nth(1).unwrap_or_default();
    let url_head = format!("{scheme}//{host}/");
    let url_parts: Vec<String> = parts
        .filter(|p| !p.is_empty())
        .map(|p| format!("{p}/"))
        .collect();
    let url_chars = url_parts
        .iter()
        .chain([&url_head])
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0);
    SheetLayout {
        longest_fact,
        url_head,
        url_parts,
        url_chars,
    }
}

/// `unit` (a unit's value) with `qr_svg` added. The map's entries are shared, not copied.
pub(super) fn with_qr_svg(unit: &Value, svg: String) -> Value {
    let mut map = unit.as_map().cloned().unwrap_or_default();
    map.insert("qr_svg".into(), Value::from(svg));
    Value::from(map)
}

/// A unit's view with its board code, and the hash of its board.
pub(super) fn finished_unit_view(
    site: &Site,
    strings: &Strings,
    unit: &Unit,
    cards: &[std::sync::Arc<PersonView>],
) -> (UnitView, String) {
    let place = context::Place::of_unit(unit);
    let mut view = context::record_view(site, strings, place, &unit.record, cards, true);
    let hash = board_hash(site, heading(site, strings), &view);
    let initials = crate::model::slug::initials(&unit.name).to_uppercase();
    view.board_code = format!(
        "{}-{}",
        initials.chars().take(6).collect::<String>(),
        &hash[..6].to_uppercase()
    );
    (view, hash)
}

/// The heading printed on every board: `[board].heading` in config.toml, else the theme's
/// `board_heading`.
pub(super) fn heading<'a>(site: &'a Site, strings: &'a Strings) -> &'a str {
    site.config
        .board
        .heading
        .as_deref()
        .unwrap_or_else(|| strings.text("board_heading"))
}

/// A hash of what the printed board shows, so that a reprint is needed exactly when it changes.
pub(crate) fn board_hash(site: &Site, heading: &str, view: &UnitView) -> String {
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update(s.as_bytes());
        h.update([0u8]);
    };
    field(heading);
    field(site.config.issuer.as_deref().unwrap_or(""));
    field(&view.name);
    field(&view.abs_url);
    field(view.hotline.as_ref().map_or("", |p| p.display.as_str()));
    for task in &view.tasks {
        field(task);
    }
    for m in &view.team {
        for s in [
            m.person.name.as_str(),
            m.role.as_deref().unwrap_or(""),
            m.person.title.as_deref().unwrap_or(""),
            m.person.org.as_deref().unwrap_or(""),
            &m.person.phone.display,
            m.person.photo.as_ref().map_or("", |p| p.print.src.as_str()),
        ] {
            field(s);
        }
        // Printed since covers and the lead's label came onto the board; added only when
        // present, so that a board without them keeps the hash it had.
        if m.lead {
            field("\u{1}lead");
        }
        for covered in &m.covers {
            field("\u{1}covers");
            field(covered);
        }
    }
    super::campaign::board_fields(view, &mut field);
    let digest = h.finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}
