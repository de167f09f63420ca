//! One PDF from many, written as it goes: each batch the browser printed is parsed, its pages
//! and everything they use are renumbered and written to the output at once, and only the
//! pages' object numbers and the objects' file offsets stay in memory until the end, where the
//! page tree, catalogue and cross-reference table close the file. A county's 3,000 boards
//! never sit in memory together.

use lopdf::{Dictionary, Document, Object, ObjectId, Writer};
use std::collections::HashMap;
use std::io::Write;

/// The object number of the page tree's root, reserved when the file is started.
const PAGES_ROOT: u32 = 1;

/// Page attributes that a page may inherit from the page-tree nodes above it (PDF 1.7,
/// 7.7.3.4): copied onto each page, since the batch's own tree is not carried over.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{}", crate::msg!("print-pdf-unreadable", reason = .0.to_string()))]
    Parse(#[from] lopdf::Error),
    #[error("{}", crate::msg!("print-pdf-no-pages"))]
    NoPages,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A PDF being written: batches are appended with [`Merger::append`] and the file is closed by
/// [`Merger::finish`].
pub(crate) struct Merger<W: Write> {
    out: Counting<W>,
    /// File offset of each object written, indexed by object number (0 unused).
    offsets: Vec<Option<u64>>,
    /// The pages, in order.
    pages: Vec<u32>,
}

impl<W: Write> Merger<W> {
    pub(crate) fn new(out: W) -> std::io::Result<Merger<W>> {
        let mut out = Counting { inner: out, at: 0 };
        // The binary comment line tells transfer tools that the file is not text.
        out.write_all(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(Merger {
            out,
            offsets: vec![None, None],
            pages: Vec::new(),
        })
    }

    /// Pages written so far.
    #[cfg(test)]
    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Appends every page of `pdf`, in order; returns how many.
    pub(crate) fn append(&mut self, pdf: &[u8]) -> Result<usize, MergeError> {
        let document = Document::load_mem(pdf)?;
        let pages: Vec<ObjectId> = document.page_iter().collect();
        if pages.is_empty() {
            return Err(MergeError::NoPages);
        }
        let mut detached: HashMap<ObjectId, Object> = pages
            .iter()
            .filter_map(|&id| Some((id, detached_page(&document, document.get_object(id).ok()?))))
            .collect();
        // Number the pages and everything they reach, in the order found.
        let mut numbers: HashMap<ObjectId, u32> = HashMap::new();
        let mut order: Vec<ObjectId> = Vec::new();
        let first = self.offsets.len() as u32;
        let mut number = |id: ObjectId, order: &mut Vec<ObjectId>| {
            numbers.entry(id).or_insert_with(|| {
                order.push(id);
                first + order.len() as u32 - 1
            });
        };
        for &page in &pages {
            number(page, &mut order);
        }
        let mut seen = 0;
        while seen < order.len() {
            let id = order[seen];
            seen += 1;
            let object = match detached.get(&id) {
                Some(page) => page,
                None => match document.get_object(id) {
                    Ok(object) => object,
                    Err(_) => continue,
                },
            };
            let mut found = Vec::new();
            references(object, &mut found);
            for reference in found {
                if document.objects.contains_key(&reference) && !is_tree_node(&document, reference)
                {
                    number(reference, &mut order);
                }
            }
        }
        let renumber = |id: &ObjectId| numbers.get(id).map(|&n| (n, 0));
        for id in &order {
            let is_page = detached.contains_key(id);
            let mut object = match detached.remove(id) {
                Some(page) => page,
                None => match document.get_object(*id) {
                    Ok(object) => object.clone(),
                    Err(_) => continue,
                },
            };
            rewrite_references(&mut object, &renumber);
            if is_page && let Object::Dictionary(dict) = &mut object {
                dict.set("Parent", Object::Reference((PAGES_ROOT, 0)));
            }
            self.write_object(numbers[id], &object)?;
        }
        self.pages.extend(pages.iter().map(|p| numbers[p]));
        Ok(pages.len())
    }

    fn write_object(&mut self, number: u32, object: &Object) -> std::io::Result<()> {
        let index = number as usize;
        if self.offsets.len() <= index {
            self.offsets.resize(index + 1, None);
        }
        self.offsets[index] = Some(self.out.at);
        write!(self.out, "{number} 0 obj")?;
        if Writer::need_separator(object) {
            self.out.write_all(b" ")?;
        }
        Writer::write_object(&mut self.out, object).map_err(std::io::Error::other)?;
        if Writer::need_end_separator(object) {
            self.out.write_all(b" ")?;
        }
        self.out.write_all(b"\nendobj\n")
    }

    /// Writes the page tree, catalogue, cross-reference table and trailer; returns the writer.
    pub(crate) fn finish(mut self) -> std::io::Result<W> {
        let kids: Vec<Object> = self
            .pages
            .iter()
            .map(|&p| Object::Reference((p, 0)))
            .collect();
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", Object::Integer(self.pages.len() as i64));
        tree.set("Kids", Object::Array(kids));
        self.write_object(PAGES_ROOT, &Object::Dictionary(tree))?;
        let catalog_number = self.offsets.len() as u32;
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference((PAGES_ROOT, 0)));
        self.write_object(catalog_number, &Object::Dictionary(catalog))?;

        let xref_at = self.out.at;
        let size = self.offsets.len();
        write!(self.out, "xref\n0 {size}\n0000000000 65535 f \n")?;
        for offset in &self.offsets[1..] {
            match offset {
                Some(at) => writeln!(self.out, "{at:010} 00000 n ")?,
                // Numbers of objects left out (a batch's own page tree): free entries.
                None => self.out.write_all(b"0000000000 65535 f \n")?,
            }
        }
        write!(
            self.out,
            "trailer\n<< /Size {size} /Root {catalog_number} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n"
        )?;
        self.out.flush()?;
        Ok(self.out.inner)
    }
}

/// Whether `id` is a page-tree node or the catalogue: what a batch leaves behind.
fn is_tree_node(document: &Document, id: ObjectId) -> bool {
    let Ok(Object::Dictionary(dict)) = document.get_object(id) else {
        return false;
    };
    matches!(dict.get(b"Type"), Ok(Object::Name(name)) if name == b"Pages" || name == b"Catalog")
}

/// A page with what it inherits from its page tree copied in and without its `/Parent`: the
/// batch's tree is not carried over.
fn detached_page(document: &Document, page: &Object) -> Object {
    let Object::Dictionary(page) = page else {
        return page.clone();
    };
    let mut dict = page.clone();
    let mut parent = dict.get(b"Parent").and_then(Object::as_reference).ok();
    dict.remove(b"Parent");
    // A malformed tree could loop; real ones are a few levels deep.
    for _ in 0..64 {
        let Some(node) = parent else { break };
        let Ok(Object::Dictionary(node_dict)) = document.get_object(node) else {
            break;
        };
        for key in INHERITED {
            if !dict.has(key)
                && let Ok(value) = node_dict.get(key)
            {
                dict.set(key.to_vec(), value.clone());
            }
        }
        parent = node_dict.get(b"Parent").and_then(Object::as_reference).ok();
    }
    Object::Dictionary(dict)
}

/// Every object number `object` refers to.
fn references(object: &Object, found: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => found.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, found)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| references(o, found)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| references(o, found)),
        _ => {}
    }
}

/// Points every reference in `object` at its new number; a reference to an object that is
/// not carried over (the batch's page tree) becomes `null`, as PDF reads a missing object.
fn rewrite_references(object: &mut Object, renumber: &impl Fn(&ObjectId) -> Option<ObjectId>) {
    match object {
        Object::Reference(id) => *object = renumber(id).map_or(Object::Null, Object::Reference),
        Object::Array(items) => items
            .iter_mut()
            .for_each(|o| rewrite_references(o, renumber)),
        Object::Dictionary(dict) => dict
            .iter_mut()
            .for_each(|(_, o)| rewrite_references(o, renumber)),
        Object::Stream(stream) => stream
            .dict
            .iter_mut()
            .for_each(|(_, o)| rewrite_references(o, renumber)),
        _ => {}
    }
}

/// A writer that knows how many bytes went through it: the cross-reference table needs each
/// object's offset.
struct Counting<W: Write> {
    inner: W,
    at: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.at += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// A PDF whose pages are `widths` points wide, each drawing its own width as text; the page
    /// size is inherited from the page tree when `inherit` is set, as some writers do.
    fn pdf(widths: &[i64], inherit: bool) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let kids: Vec<Object> = widths
            .iter()
            .map(|&width| {
                let content = format!("BT /F1 12 Tf 10 10 Td (w{width}) Tj ET");
                let stream = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
                let mut page = dictionary! {
                    "Type" => "Page",
                    "Parent" => pages_id,
                    "Contents" => stream,
                };
                if !inherit {
                    page.set(
                        "MediaBox",
                        vec![0.into(), 0.into(), width.into(), 800.into()],
                    );
                }
                doc.add_object(page).into()
            })
            .collect();
        let mut tree = dictionary! {
            "Type" => "Pages",
            "Count" => widths.len() as i64,
            "Kids" => kids,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        };
        if inherit {
            tree.set(
                "MediaBox",
                vec![0.into(), 0.into(), widths[0].into(), 800.into()],
            );
        }
        doc.objects.insert(pages_id, Object::Dictionary(tree));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    fn width_of(doc: &Document, page: ObjectId) -> i64 {
        let dict = doc.get_dictionary(page).unwrap();
        let media = dict.get(b"MediaBox").unwrap().as_array().unwrap();
        media[2].as_i64().unwrap()
    }

    #[test]
    fn batches_merge_into_one_document_with_every_page_in_order() {
        let mut merger = Merger::new(Vec::new()).unwrap();
        assert_eq!(merger.append(&pdf(&[595, 842], false)).unwrap(), 2);
        assert_eq!(merger.append(&pdf(&[1191], true)).unwrap(), 1);
        assert_eq!(merger.page_count(), 3);
        let bytes = merger.finish().unwrap();

        let merged = Document::load_mem(&bytes).expect("the merged file parses");
        let pages: Vec<ObjectId> = merged.page_iter().collect();
        let widths: Vec<i64> = pages.iter().map(|&p| width_of(&merged, p)).collect();
        assert_eq!(widths, [595, 842, 1191], "pages keep their order and sizes");
        for (page, width) in pages.iter().zip(widths) {
            // Each page keeps its own content and the font its inherited resources named.
            let content = merged.get_page_content(*page);
            assert!(String::from_utf8_lossy(&content).contains(&format!("(w{width})")));
            assert!(
                merged
                    .get_page_fonts(*page)
                    .unwrap()
                    .contains_key(b"F1".as_slice())
            );
        }
    }

    #[test]
    fn a_file_that_is_not_a_pdf_is_an_error() {
        let mut merger = Merger::new(Vec::new()).unwrap();
        assert!(merger.append(b"not a pdf").is_err());
    }
}
