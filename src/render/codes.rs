//! Every unit's QR code, encoded when a page first needs it: a full build encodes each once
//! while rendering, and a rebuild after an edit only those of the units it renders. What the
//! whole site shares, the printed size of every board's code, needs only the codes' widths,
//! which come from the URLs' lengths without encoding.

use super::{QrCache, RenderError, qr};
use crate::model::Site;
use rayon::prelude::*;
use std::sync::OnceLock;

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
        Ok(Codes {
            site,
            cache,
            codes: (0..site.units.len()).map(|_| OnceLock::new()).collect(),
            widest: widths.into_iter().max(),
        })
    }

    /// The width in modules of the site's widest code, if it has a unit.
    pub(super) fn widest(&self) -> Option<u32> {
        self.widest
    }

    /// The codes encoded so far, to be freed elsewhere.
    pub(super) fn into_encoded(self) -> Vec<OnceLock<qr::QrCode>> {
        self.codes
    }

    /// Unit `index`'s code.
    pub(super) fn get(&self, index: usize) -> Result<&qr::QrCode, RenderError> {
        if let Some(code) = self.codes[index].get() {
            return Ok(code);
        }
        let url = &self.site.units[index].url;
        let cached = self.cache.and_then(|c| c.lock().get(url).cloned());
        let code = match cached {
            Some(code) => code,
            None => {
                let code = qr::encode(url).map_err(|e| qr_error(url, &e))?;
                if let Some(cache) = self.cache {
                    cache.lock().insert(url.clone(), code.clone());
                }
                code
            }
        };
        Ok(self.codes[index].get_or_init(|| code))
    }
}

fn qr_error(url: &str, e: &qr::QrError) -> RenderError {
    RenderError::Qr {
        url: url.to_string(),
        message: e.to_string(),
    }
}
