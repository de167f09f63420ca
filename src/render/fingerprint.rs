//! A view's fingerprint: a hash of everything it serializes, fed to the hasher as serde walks
//! the value. Serializing to JSON first spent most of the time escaping and formatting text
//! that only the hash reads (a province's views, report and people list every build).
//!
//! The stream the hasher sees is unambiguous: every piece starts with a tag, text and bytes
//! carry their length, and sequences and maps end with a tag of their own, so two different
//! values do not feed the same bytes by running one field into the next.

use serde::ser::{self, Serialize};
use std::hash::Hasher;

/// A hash of `value`: equal for equal views, cheap next to rendering a page.
pub(crate) fn fingerprint<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut hashing = Hashing(fixed_hasher());
    // Only a value's own `Serialize` can fail, and it fails the same way every time.
    let _ = value.serialize(&mut hashing);
    hashing.0.finish()
}

/// The same hasher in every build, with a fixed seed, so fingerprints compare across builds and
/// processes (a saved state is trusted only by the same program, so the hash function is too).
pub(super) fn fixed_hasher() -> foldhash::fast::FoldHasher<'static> {
    std::hash::BuildHasher::build_hasher(&foldhash::fast::FixedState::with_seed(0x6e62))
}

/// What comes next in the stream.
#[repr(u8)]
enum Tag {
    False,
    True,
    Int,
    Float,
    Text,
    Bytes,
    None,
    Some,
    Unit,
    Variant,
    Seq,
    Map,
    Field,
    Skipped,
    End,
}

struct Hashing(foldhash::fast::FoldHasher<'static>);

/// Serialization into a hasher never fails by itself.
#[derive(Debug)]
struct Never(String);

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Never(msg.to_string())
    }
}

impl Hashing {
    fn tag(&mut self, tag: Tag) {
        self.0.write_u8(tag as u8);
    }

    fn text(&mut self, tag: Tag, bytes: &[u8]) {
        self.tag(tag);
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
    }

    fn int(&mut self, value: u128) -> Done {
        self.tag(Tag::Int);
        self.0.write_u128(value);
        Ok(())
    }

    /// The end of a list, map or struct.
    fn end(&mut self) -> Done {
        self.tag(Tag::End);
        Ok(())
    }
}

type Done = Result<(), Never>;

impl ser::Serializer for &mut Hashing {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.tag(if v { Tag::True } else { Tag::False });
        Ok(())
    }
    // Signed numbers as their two's complement in 128 bits: -1 and u128::MAX never meet in
    // a view.
    fn serialize_i8(self, v: i8) -> Done {
        self.int(v as u128)
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.int(v as u128)
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.int(v as u128)
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.int(v as u128)
    }
    fn serialize_i128(self, v: i128) -> Done {
        self.int(v as u128)
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.int(v.into())
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.int(v.into())
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.int(v.into())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.int(v.into())
    }
    fn serialize_u128(self, v: u128) -> Done {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.tag(Tag::Float);
        self.0.write_u64(v.to_bits());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.text(Tag::Text, v.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.text(Tag::Text, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.text(Tag::Bytes, v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tag(Tag::None);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.tag(Tag::Some);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.tag(Tag::Unit);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
    ) -> Done {
        self.tag(Tag::Variant);
        self.0.write_u32(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.serialize_unit_variant(name, index, variant)?;
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Never> {
        self.tag(Tag::Seq);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Never> {
        self.serialize_unit_variant(name, index, variant)?;
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Never> {
        self.tag(Tag::Map);
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self, Never> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Never> {
        self.serialize_unit_variant(name, index, variant)?;
        self.serialize_map(Some(len))
    }
}

/// The sequence-like parts (lists, tuples, tuple structs and variants): each element in turn,
/// then the end tag.
macro_rules! elements_then_end {
    ($($part:ident :: $element:ident),*) => {$(
        impl ser::$part for &mut Hashing {
            type Ok = ();
            type Error = Never;
            fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.end()
            }
        }
    )*};
}

elements_then_end!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Hashing {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Hashing::end(self)
    }
}

impl ser::SerializeStruct for &mut Hashing {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        // Named, as a field left out (`skip_serializing_if`) shifts the ones after it.
        self.text(Tag::Field, key.as_bytes());
        value.serialize(&mut **self)
    }
    fn skip_field(&mut self, key: &'static str) -> Done {
        self.text(Tag::Skipped, key.as_bytes());
        Ok(())
    }
    fn end(self) -> Done {
        Hashing::end(self)
    }
}

impl ser::SerializeStructVariant for &mut Hashing {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Done {
        Hashing::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Member<'a> {
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        org: Option<&'a str>,
        units: Vec<&'a str>,
    }

    fn member<'a>(name: &'a str, title: Option<&'a str>, org: Option<&'a str>) -> Member<'a> {
        Member {
            name,
            title,
            org,
            units: vec!["刘庄村"],
        }
    }

    #[test]
    fn equal_values_hash_alike_and_any_change_shows() {
        let base = fingerprint(&member("王兴", Some("第一书记"), None));
        assert_eq!(base, fingerprint(&member("王兴", Some("第一书记"), None)));
        // Text moved from one field to the next, a field left out in the other's place, a
        // character moved across the border of two texts, one more list element.
        assert_ne!(base, fingerprint(&member("王兴", None, Some("第一书记"))));
        assert_ne!(base, fingerprint(&member("王兴第", Some("一书记"), None)));
        assert_ne!(
            base,
            fingerprint(&member("王兴", Some("第一书记"), Some("")))
        );
        let mut more = member("王兴", Some("第一书记"), None);
        more.units.push("");
        assert_ne!(base, fingerprint(&more));
        assert_ne!(
            fingerprint(&(vec!["a", "b"], vec!["c"])),
            fingerprint(&(vec!["a"], vec!["b", "c"]))
        );
        assert_ne!(fingerprint(&Some(0u8)), fingerprint(&None::<u8>));
        assert_ne!(fingerprint(&-1i64), fingerprint(&1u64));
        assert_ne!(fingerprint(&1.0f64), fingerprint(&1u64));
    }
}
