//! People: each record's name, phones, dates and photo checked, the photo found beside the
//! record when none is named.

use super::Person;
use super::record::{clean, date_field, phone_field};
use crate::content::Loaded;
use crate::content::record::PersonRecord;
use crate::content::spanned::Spanned;
use crate::content::values::{self, error_at};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::validate::phone::{PhoneParser, ServicePolicy};
use foldhash::HashMap;
use std::path::{Path, PathBuf};

/// Every readable person record as a [`Person`]; records with errors are reported and left
/// out, so teams naming them get no second error.
pub(super) fn resolve_people(
    root: &Path,
    sources: &[std::sync::Arc<Loaded<PersonRecord>>],
    images: &[PathBuf],
    phones: &PhoneParser,
    out: &mut Diagnostics,
) -> Vec<Person> {
    let mut by_stem: HashMap<String, &PathBuf> = HashMap::default();
    for image in images {
        if let Some(stem) = image.file_stem() {
            // Prefer the first in sorted order (jpg before png), deterministically.
            by_stem
                .entry(stem.to_string_lossy().into_owned())
                .or_insert(image);
        }
    }
    let photos = Photos {
        root,
        canonical_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        by_stem,
    };
    sources
        .iter()
        .filter_map(|source| person(source, &photos, phones, out))
        .collect()
}

/// One person, or `None` (reported) when the name or phone is missing or wrong.
fn person(
    source: &Loaded<PersonRecord>,
    photos: &Photos,
    phones: &PhoneParser,
    out: &mut Diagnostics,
) -> Option<Person> {
    let r = &source.record;
    let file = &source.file;
    let doc = source.doc();
    let id = source.stem().to_string();
    let name = match &r.name {
        Some(n) if !n.get_ref().trim().is_empty() => n.get_ref().trim().to_string(),
        _ => {
            out.push(values::missing_field(&file.display, "name", "\"王兴\""));
            return None;
        }
    };
    let phone = match &r.phone {
        Some(p) => phone_field(file, &doc, "phone", p, ServicePolicy::Refuse, phones, out),
        None => {
            out.push(
                Diagnostic::error(
                    &file.display,
                    crate::msg!("content-missing-field", field = "phone"),
                )
                .help(crate::msg!("model-missing-phone-help")),
            );
            None
        }
    };
    let office_phone = r.office_phone.as_ref().and_then(|p| {
        let policy = ServicePolicy::Accept;
        phone_field(file, &doc, "office_phone", p, policy, phones, out)
    });
    let checked = r
        .checked
        .as_ref()
        .and_then(|v| date_field(file, &doc, "checked", v, out));
    let photo = match &r.photo {
        Some(p) => photos.named(source, p, out),
        None => photos.by_stem.get(&id).map(|p| p.to_path_buf()),
    };
    Some(Person {
        id,
        name,
        title: clean(r.title.as_deref()),
        org: clean(r.org.as_deref()),
        phone: phone?,
        office_phone,
        photo,
        checked,
        body: source.body.clone(),
        source: file.display.clone(),
        current_units: Vec::new(),
        serving: false,
        rank: clean(r.rank.as_deref()),
    })
}

/// Where photos are found: named in a record (inside the site folder only), else beside it.
struct Photos<'a> {
    root: &'a Path,
    canonical_root: PathBuf,
    /// Image files in `people/` by stem.
    by_stem: HashMap<String, &'a PathBuf>,
}

impl Photos<'_> {
    /// The photo a record names in `photo`, relative to the record, if it is there and inside
    /// the site folder; otherwise a warning or an error says what is wrong.
    fn named(
        &self,
        source: &Loaded<PersonRecord>,
        p: &Spanned<String>,
        out: &mut Diagnostics,
    ) -> Option<PathBuf> {
        let (file, doc) = (&source.file, source.doc());
        let dir = file.path.parent().unwrap_or(self.root);
        let candidate = dir.join(p.get_ref());
        match candidate.canonicalize() {
            Ok(real) if real.starts_with(&self.canonical_root) => Some(real),
            Ok(_) => {
                out.push(
                    error_at(
                        file,
                        &doc,
                        p,
                        crate::msg!("model-photo-outside", photo = p.get_ref()),
                    )
                    .help(crate::msg!("model-photo-outside-help")),
                );
                None
            }
            Err(_) if leaves_folder(p.get_ref()) => {
                let message = crate::msg!("model-photo-leaves-folder", photo = p.get_ref());
                out.push(
                    error_at(file, &doc, p, message)
                        .help(crate::msg!("model-photo-leaves-folder-help")),
                );
                None
            }
            Err(_) => {
                let (line, col) = values::position(file, &doc, p);
                let message = crate::msg!("model-photo-missing", photo = p.get_ref());
                out.push(
                    Diagnostic::warning(&file.display, message)
                        .at(Some(line), Some(col))
                        .help(crate::msg!("model-photo-missing-help")),
                );
                None
            }
        }
    }
}

fn leaves_folder(path: &str) -> bool {
    let p = Path::new(path);
    p.is_absolute()
        || p.components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
}
