//! A value with where it was written: [`Spanned`], read from TOML with its byte range, and
//! kept in the read cache between builds with that range.
//!
//! `toml::Spanned` is read only from TOML (its spans come from a private protocol of the TOML
//! reader) and writes only its value, so a record kept on disk would come back without the
//! lines its messages point at. This type reads TOML through it, and writes and reads the
//! range itself in the compact form the cache uses (a format that is not human-readable).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::Range;

/// A value and the byte range it was written at, relative to the TOML it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spanned<T> {
    span: Range<usize>,
    value: T,
}

impl<T> Spanned<T> {
    /// A value written at `span`.
    pub(crate) fn new(span: Range<usize>, value: T) -> Self {
        Spanned { span, value }
    }

    /// Where the value was written.
    pub(crate) fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    pub(crate) fn get_ref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            let read = toml::Spanned::<T>::deserialize(deserializer)?;
            let span = read.span();
            Ok(Spanned::new(span, read.into_inner()))
        } else {
            let (start, end, value) = <(usize, usize, T)>::deserialize(deserializer)?;
            Ok(Spanned::new(start..end, value))
        }
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            self.value.serialize(serializer)
        } else {
            (self.span.start, self.span.end, &self.value).serialize(serializer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Record {
        name: Spanned<String>,
        list: Option<Vec<Spanned<String>>>,
    }

    #[test]
    fn spans_read_from_toml_survive_the_cache_form() {
        let text = "name = \"甲村\"\nlist = [\"a\", \"bc\"]\n";
        let read: Record = toml::from_str(text).unwrap();
        assert_eq!(&text[read.name.span()], "\"甲村\"");
        let list = read.list.as_ref().unwrap();
        assert_eq!(&text[list[1].span()], "\"bc\"");

        let kept = postcard::to_allocvec(&read).unwrap();
        let back: Record = postcard::from_bytes(&kept).unwrap();
        assert_eq!(back, read);
        assert_eq!(&text[back.list.unwrap()[1].span()], "\"bc\"");
    }

    #[test]
    fn human_readable_forms_hold_only_the_value() {
        let value = Spanned::new(3..9, "甲村".to_string());
        assert_eq!(serde_json::to_string(&value).unwrap(), "\"甲村\"");
    }
}
