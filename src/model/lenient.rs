//! Reading what the platform sends loosely where its shapes vary: a field's `options` (strings,
//! or `{value}` objects) and `defaultValue` (a string, a number, a boolean, or a list of them),
//! read as texts. One level of list and of `{value}` only, so that a reply nested ten thousand
//! deep is refused instead of recursing through the stack.

use super::org::{Choices, Loose};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// Reads texts: a string, a number or a boolean, and, as `level` allows, `null`, `{value}` or a
/// list of those. One level of list and of `{value}` only, so that a reply nested ten thousand
/// deep is refused instead of recursing through the stack.
struct Texts {
    what: &'static str,
    level: Level,
}

#[derive(Clone, Copy, PartialEq)]
enum Level {
    /// `options`, `defaultValue`: a list of items, or one item.
    List,
    /// An item: a text, `null`, or `{value}`.
    Item,
    /// The `value` of `{value}`: a text only.
    Value,
}

impl<'de> Visitor<'de> for Texts {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Vec<String>, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Vec<String>, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Vec<String>, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Vec<String>, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
        if self.level == Level::Value {
            return Err(de::Error::invalid_type(de::Unexpected::Unit, &self));
        }
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Vec<String>, E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<String>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        if self.level != Level::List {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let mut texts = Vec::new();
        while let Some(item) = seq.next_element::<Choice>()? {
            texts.extend(item.0);
        }
        Ok(texts)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
        if self.level == Level::Value {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        let mut texts = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "value" {
                texts = map.next_value::<Scalar>()?.0;
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(texts)
    }
}

/// The `value` of an option object: a string, a number or a boolean.
struct Scalar(Vec<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Texts {
            what: "a text",
            level: Level::Value,
        })
        .map(Scalar)
    }
}

/// One option: a text, or an object whose `value` is one.
struct Choice(Vec<String>);

impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Texts {
            what: "an option",
            level: Level::Item,
        })
        .map(Choice)
    }
}

impl<'de> Deserialize<'de> for Choices {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Texts {
            what: "a list of options",
            level: Level::List,
        })
        .map(Choices)
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Texts {
            what: "a default value",
            level: Level::List,
        })
        .map(Loose)
    }
}
