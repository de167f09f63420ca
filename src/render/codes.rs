//! Every unit's QR code, encoded when a page first needs it: a full build encodes each once
//! while rendering, and a rebuild after an edit only those of the units it renders, unless a
//! [`QrCache`] has it. What the whole site shares, the printed size of every board's code,
//! needs only the codes' widths, which come from the URLs' lengths without encoding.

use super::{QrCache, RenderError, qr};
use crate::model::Site;
use rayon::prelude::*;
use std::sync::OnceLock;
use std::sync::atomic::Ordering;

pub(super) struct Codes<'a> {
    site: &'a Site,
    /// Codes kept between the builds of a `serve` session, by URL.
    cache: Option<&'a QrCache>,
    codes: Vec<OnceLock<qr::QrCode>>,
    widest: Option<u32>,
}

impl<'a> Codes<'a> {
    /// The site's codes, none encoded yet. Fails, naming the URL, when a unit's address is
    /// too long for any QR code.
    pub(super) fn new(site: &'a Site, cache: Option<&'a QrCache>) -> Result<Self, RenderError> {
        let widths: Vec<u32> = site
            .units
            .par_iter()
            .map(|u| qr::width_of(&u.url).map_err(|e| qr_error(&u.url, &e)))
            .collect::<Result<_, _>>()?;
        let codes = match cache {
            Some(cache) if cache.handed_over => take_codes(site, cache),
            _ => (0..site.units.len()).map(|_| OnceLock::new()).collect(),
        };
        Ok(Codes {
            site,
            cache,
            codes,
            widest: widths.into_iter().max(),
        })
    }

    /// The codes encoded so far, to be freed elsewhere; a cache that handed its codes over
    /// and is to be saved (see [`QrCache::changed`]) gets them back, and the rest (none) is
    /// returned. One that is not saved (after an edit that moved no unit) gets none: a
    /// province's codes are 64,000 allocations to move.
    pub(super) fn give_back(self) -> Vec<OnceLock<qr::QrCode>> {
        let Some(cache) = self.cache.filter(|c| c.handed_over && c.changed()) else {
            return self.codes;
        };
        let mut kept = cache.codes.lock();
        for (unit, code) in self.site.units.iter().zip(self.codes) {
            if let Some(code) = code.into_inner() {
                kept.insert(unit.url.clone(), code);
            }
        }
        Vec::new()
    }

    /// The width in modules of the site's widest code, if it has a unit.
    pub(super) fn widest(&self) -> Option<u32> {
        self.widest
    }

    /// Unit `index`'s code.
    pub(super) fn get(&self, index: usize) -> Result<&qr::QrCode, RenderError> {
        if let Some(code) = self.codes[index].get() {
            return Ok(code);
        }
        let url = &self.site.units[index].url;
        let shared = self.cache.filter(|c| !c.handed_over);
        let cached = shared.and_then(|c| c.codes.lock().get(url).cloned());
        let code = match cached {
            Some(code) => code,
            None => {
                let code = qr::encode(url).map_err(|e| qr_error(url, &e))?;
                if let Some(cache) = self.cache {
                    cache.changed.store(true, Ordering::Relaxed);
                }
                if let Some(cache) = shared {
                    cache.codes.lock().insert(url.clone(), code.clone());
                }
                code
            }
        };
        Ok(self.codes[index].get_or_init(|| code))
    }
}

/// The codes of the site's units that `cache` holds, moved out of it; the others it held
/// (of units that are gone) are dropped.
fn take_codes(site: &Site, cache: &QrCache) -> Vec<OnceLock<qr::QrCode>> {
    let mut held = std::mem::take(&mut *cache.codes.lock());
    let codes = site
        .units
        .iter()
        .map(|u| {
            held.remove(&u.url)
                .map_or_else(OnceLock::new, OnceLock::from)
        })
        .collect();
    if !held.is_empty() {
        cache.changed.store(true, Ordering::Relaxed);
    }
    codes
}

fn qr_error(url: &str, e: &qr::QrError) -> RenderError {
    RenderError::Qr {
        url: url.to_string(),
        message: e.to_string(),
    }
}
