//! Reading one record file: UTF-8 text, optional `+++` front matter, TOML with positions.

use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// A file as read from disk, with the name a clerk knows it by.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct SourceFile {
    pub path: PathBuf,
    /// Relative to the site folder, `/`-separated: what messages print.
    pub display: String,
    pub text: String,
}

impl SourceFile {
    pub(crate) fn read(path: &Path, display: String) -> Result<SourceFile, Diagnostic> {
        Self::read_with_metadata(path, display).map(|(file, _)| file)
    }

    /// [`SourceFile::read`], with what the file system said of the file as it was opened
    /// (taken from the open file, as reading it needs: a second look by path cost a
    /// province's first build 230,000 path walks).
    pub(crate) fn read_with_metadata(
        path: &Path,
        display: String,
    ) -> Result<(SourceFile, std::fs::Metadata), Diagnostic> {
        let unreadable = |e: std::io::Error| {
            Diagnostic::error(
                &display,
                crate::msg!("content-unreadable", reason = e.to_string()),
            )
            .help(crate::msg!("content-unreadable-help"))
        };
        let read = || {
            use std::io::Read as _;
            let mut file = std::fs::File::open(path)?;
            let meta = file.metadata()?;
            let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
            file.read_to_end(&mut bytes)?;
            Ok((bytes, meta))
        };
        let (bytes, meta) = read().map_err(unreadable)?;
        // Notepad's "Unicode" is UTF-16, not GBK. Without its mark, the ASCII of a record
        // (keys, quotes, digits) is valid UTF-8 in it, with a zero byte after each character,
        // which no record in UTF-8 holds.
        let utf16 = |bytes: &[u8]| {
            crate::validate::encoding::utf16(bytes).map(|_| {
                Diagnostic::error(&display, crate::msg!("content-utf16"))
                    .help(crate::msg!("content-not-utf8-help"))
            })
        };
        if bytes.contains(&0)
            && let Some(d) = utf16(&bytes)
        {
            return Err(d);
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            if let Some(d) = utf16(e.as_bytes()) {
                return d;
            }
            let (line, _) = line_col(
                &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
                usize::MAX,
            );
            Diagnostic::error(&display, crate::msg!("content-not-utf8"))
                .at(Some(line), None)
                .help(crate::msg!("content-not-utf8-help"))
        })?;
        // A BOM is what Windows Notepad writes; it is not part of the record.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let file = SourceFile {
            path: path.to_path_buf(),
            display,
            text,
        };
        Ok((file, meta))
    }

    /// 1-based line of a byte offset in this file.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        line_col(&self.text, offset).0
    }

    pub(crate) fn is_markdown(&self) -> bool {
        self.path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
    }
}

/// A record split into its TOML part and its Markdown body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Document<'a> {
    pub toml: &'a str,
    /// Byte offset of `toml` inside the file, to turn TOML spans into file lines.
    pub toml_offset: usize,
    pub body: Option<&'a str>,
}

/// Splits `+++`-fenced front matter from a Markdown file; a `.toml` file is all TOML.
pub(crate) fn split(file: &SourceFile) -> Result<Document<'_>, Diagnostic> {
    let text = file.text.as_str();
    if !file.is_markdown() {
        return Ok(Document {
            toml: text,
            toml_offset: 0,
            body: None,
        });
    }
    let trimmed = text.trim_start_matches(['\n', '\r', ' ', '\t']);
    let lead = text.len() - trimmed.len();
    let Some(after_open) = trimmed.strip_prefix("+++") else {
        // Markdown without front matter is only a body (allowed for `_index.md`).
        return Ok(Document {
            toml: "",
            toml_offset: 0,
            body: Some(text),
        });
    };
    let start = lead + 3;
    // The closing fence is a line that is exactly `+++`.
    let mut offset = start;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "+++" && offset > start {
            let toml = &text[start..offset];
            let body = &text[offset + line.len()..];
            return Ok(Document {
                toml,
                toml_offset: start,
                body: Some(body),
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(&file.display, crate::msg!("content-front-matter-open"))
            .at(Some(file.line_of(lead)), None)
            .help(crate::msg!("content-front-matter-open-help")),
    )
}

/// Parses the TOML part into `T`, reporting syntax errors with their line.
pub(crate) fn parse_toml<T: DeserializeOwned>(
    file: &SourceFile,
    doc: &Document,
) -> Result<T, Diagnostic> {
    toml::from_str::<T>(doc.toml).map_err(|e| toml_error(file, doc, &e))
}

/// The keys a record may have: `known` at the top, and for each table (or array of tables)
/// in `nested`, its own.
pub(crate) struct Keys<'a> {
    pub known: &'a [&'a str],
    pub nested: &'a [(&'a str, &'a [&'a str])],
}

/// A parsed TOML part, as [`parse_table`] gives it.
pub(crate) type Table<'i> = toml::Spanned<toml::de::DeTable<'i>>;

/// Parses the TOML part once, for the privacy scan and [`parse_checked`] to share: a record
/// used to be parsed three times.
pub(crate) fn parse_table<'i>(
    file: &SourceFile,
    doc: &Document<'i>,
) -> Result<Table<'i>, Diagnostic> {
    toml::de::DeTable::parse(doc.toml).map_err(|e| toml_error(file, doc, &e))
}

/// Turns a parsed TOML part into `T`, reporting errors with their line like [`parse_toml`],
/// and warns about keys `keys` does not know, suggesting the nearest known one: a typo such
/// as `phnoe` would otherwise silently drop a phone number from every board.
pub(crate) fn parse_checked<T: DeserializeOwned>(
    file: &SourceFile,
    doc: &Document,
    table: Table,
    keys: &Keys,
    out: &mut Diagnostics,
) -> Result<T, Diagnostic> {
    warn_unknown_keys(file, doc, table.get_ref(), keys, out);
    T::deserialize(toml::de::Deserializer::from(table)).map_err(|e| toml_error(file, doc, &e))
}

fn toml_error(file: &SourceFile, doc: &Document, e: &toml::de::Error) -> Diagnostic {
    let line = e.span().map(|s| file.line_of(doc.toml_offset + s.start));
    let column = e
        .span()
        .map(|s| line_col(&file.text, doc.toml_offset + s.start).1);
    Diagnostic::error(&file.display, first_line(e.message()))
        .at(line, column)
        .help(crate::msg!("content-bad-toml-help"))
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

fn warn_unknown_keys(
    file: &SourceFile,
    doc: &Document,
    table: &toml::de::DeTable,
    keys: &Keys,
    out: &mut Diagnostics,
) {
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        if let Some((_, inner_known)) = keys.nested.iter().find(|(k, _)| *k == name) {
            let tables: Vec<_> = match value.get_ref() {
                toml::de::DeValue::Array(items) => items.iter().collect(),
                toml::de::DeValue::Table(_) => vec![value],
                _ => Vec::new(),
            };
            for item in tables {
                if let toml::de::DeValue::Table(inner) = item.get_ref() {
                    for (inner_key, _) in inner.iter() {
                        warn_unknown(file, doc, inner_key, inner_known, Some(name), out);
                    }
                }
            }
        } else {
            warn_unknown(file, doc, key, keys.known, None, out);
        }
    }
}

fn warn_unknown(
    file: &SourceFile,
    doc: &Document,
    key: &toml::Spanned<toml::de::DeString>,
    known: &[&str],
    parent: Option<&str>,
    out: &mut Diagnostics,
) {
    let name = key.get_ref().as_ref();
    if known.contains(&name) {
        return;
    }
    let (line, column) = line_col(&file.text, doc.toml_offset + key.span().start);
    let message = match parent {
        Some(table) => crate::msg!("content-unknown-field-in", field = name, table = table),
        None => crate::msg!("content-unknown-field", field = name),
    };
    let mut d = Diagnostic::warning(&file.display, message).at(Some(line), Some(column));
    d = match nearest(name, known) {
        Some(best) => d.help(crate::msg!("content-did-you-mean-field", best = best)),
        None => d.help(crate::msg!(
            "content-known-fields",
            known = known.join(", ")
        )),
    };
    out.push(d);
}

/// The known name closest to `name`, if it is close enough to be a typo.
pub(crate) fn nearest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from(name),
            display: name.to_string(),
            text: text.to_string(),
        }
    }

    #[test]
    fn splits_front_matter_and_body() {
        let f = file("a.md", "+++\nname = \"x\"\n+++\n# Hello\n");
        let doc = split(&f).unwrap();
        assert_eq!(doc.toml, "\nname = \"x\"\n");
        assert_eq!(doc.body, Some("# Hello\n"));
        assert_eq!(f.line_of(doc.toml_offset + 1), 2);
    }

    #[test]
    fn unclosed_front_matter_is_an_error_with_line() {
        let f = file("a.md", "\n+++\nname = \"x\"\n");
        let err = split(&f).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn toml_errors_carry_the_file_line() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct R {
            name: String,
        }
        let f = file("a.md", "+++\n\nname = 刘庄\n+++\nbody");
        let doc = split(&f).unwrap();
        let err = parse_toml::<R>(&f, &doc).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let f = file(
            "p.toml",
            "name = \"王兴\"\nphnoe = \"1\"\n[[team]]\npersno = \"x\"\n",
        );
        let doc = split(&f).unwrap();
        let mut out = Diagnostics::default();
        let keys = Keys {
            known: &["name", "phone", "team"],
            nested: &[("team", &["person", "role"])],
        };
        let table = parse_table(&f, &doc).unwrap();
        parse_checked::<toml::Table>(&f, &doc, table, &keys, &mut out).unwrap();
        let all: Vec<_> = out.iter().collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].line, Some(2));
        assert_eq!(all[0].help.as_deref(), Some("did you mean `phone`?"));
        assert_eq!(all[1].help.as_deref(), Some("did you mean `person`?"));
    }

    // Fuzz target (proptest): any text, fenced or not, is split and parsed into a record or
    // an error with a line inside the file; never a panic.
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn fuzz_any_record_text_loads_or_fails_with_a_line(
            front in "\\PC{0,80}",
            body in "\\PC{0,80}",
            fenced in proptest::bool::ANY,
            name in "(a|b)\\.(toml|md)",
        ) {
            let text = if fenced { format!("+++\n{front}\n+++\n{body}") } else { format!("{front}{body}") };
            let lines = text.lines().count().max(1) + 1;
            let f = file(&name, &text);
            match split(&f) {
                Ok(doc) => {
                    if let Err(d) = parse_toml::<toml::Table>(&f, &doc) {
                        proptest::prop_assert!(d.line.is_none_or(|l| l <= lines));
                    }
                }
                Err(d) => proptest::prop_assert!(d.line.is_none_or(|l| l <= lines)),
            }
        }
    }
}
