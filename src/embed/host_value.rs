//! The host page's JavaScript values (options, `values`, definitions) as a serde `Deserializer`.
//!
//! serde-wasm-bindgen's own deserializer, used for the API's replies, reads a struct by asking
//! the object for the struct's members only, so `#[serde(deny_unknown_fields)]` never sees a
//! misspelt member (`values: {nickname}`, a custom field value `{fieldId, value}`), and its
//! errors do not say where they happened. Host data needs both: what the host wrote must be
//! refused by name, never silently dropped. This reader walks every member of a plain object
//! (`Object.entries`) and every item of an array, records where an error happened
//! (`values.accountIds[1]`), and keeps what went wrong as data ([`Problem`]), from which
//! [`super::options`] writes the message. A getter that throws is an error like any other, never
//! an exception through the wasm; a `Map`, a `Date` or a class instance is refused, not read as
//! `{}`. It is small on purpose: against serde-wasm-bindgen with serde_path_to_error and a map
//! layer that shows `deny_unknown_fields` every member, it saves 14.4 KB of gzip (see
//! docs/size.md).

use js_sys::{Array, Number, Object, Reflect};
use serde::de::value::StringDeserializer;
use serde::de::{
    self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor,
};
use std::fmt;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// `Object.entries`, which runs the host's getters: a getter that throws is an error here,
    /// not an exception through the wasm.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn object_entries(object: &JsValue) -> std::result::Result<Array, JsValue>;
}

/// What a JavaScript value is, in words: "a symbol", "a function", "a Map", "an object".
pub fn kind(value: &JsValue) -> String {
    if value.is_object() && !value.is_function() && !Array::is_array(value) {
        return match constructor_name(value) {
            Some(name) if name != "Object" => format!("a {name}"),
            _ => "an object".into(),
        };
    }
    format!("a {}", value.js_typeof().as_string().unwrap_or_default())
}

/// The name of an object's constructor, found through its prototypes (`Object`, `Map`, `Date`,
/// a class's name).
fn constructor_name(value: &JsValue) -> Option<String> {
    let prototype = Object::get_prototype_of(value);
    let constructor = Reflect::get(&prototype, &"constructor".into()).ok()?;
    let name = constructor.dyn_ref::<js_sys::Function>()?.name();
    Some(String::from(name)).filter(|name| !name.is_empty())
}

/// The error for a host getter (or proxy) that threw while being read.
fn unreadable(thrown: JsValue) -> HostError {
    let said = thrown
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .unwrap_or_else(|| kind(&thrown));
    HostError::new(Problem::Unreadable(said))
}

/// A value the host page handed over.
pub struct HostValue(pub JsValue);

/// What is wrong with a value the host gave, as data.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A member the value needs is missing: its name.
    Missing(&'static str),
    /// A member the value cannot have (`deny_unknown_fields`): its name.
    UnknownMember(String),
    /// A name that is none of the ones allowed (a text's key, a theme): the name, and the ones
    /// allowed (empty when they are too many to list).
    UnknownName {
        /// The name given.
        name: String,
        /// The names allowed.
        expected: &'static [&'static str],
    },
    /// A value of another type, or out of range.
    Wrong {
        /// What it is, in words (`number \`5\``, `null`, `an array`, `a Map`).
        got: String,
        /// What it must be, in words (`a string`, `an array of field names`).
        expected: String,
    },
    /// A getter (or proxy) threw while it was read: what it said.
    Unreadable(String),
    /// Anything else, as a type's own reader said it.
    Other(String),
}

/// What is wrong, and where: `path` is empty at the value itself, else like
/// `accountIds[1]` (members joined by dots, items in brackets).
#[derive(Debug)]
pub struct HostError {
    /// Where: empty at the value itself, else like `accountIds[1]`.
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

impl HostError {
    fn new(problem: Problem) -> HostError {
        HostError {
            path: String::new(),
            problem,
        }
    }

    /// The same error, one level further out: inside member `key`.
    fn in_member(mut self, key: &str) -> HostError {
        self.path = match self.path.chars().next() {
            None => key.to_string(),
            Some('[') => format!("{key}{}", self.path),
            Some(_) => format!("{key}.{}", self.path),
        };
        self
    }

    /// The same error, inside item `index` of an array.
    fn in_item(mut self, index: u32) -> HostError {
        self.path = match self.path.chars().next() {
            None | Some('[') => format!("[{index}]{}", self.path),
            Some(_) => format!("[{index}].{}", self.path),
        };
        self
    }
}

/// For serde's trait only: the host reads [`super::option_error`]'s message.
impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the host's value does not fit, at ")?;
        f.write_str(&self.path)
    }
}

impl std::error::Error for HostError {}

/// serde's reports, each kept as the [`Problem`] it is.
impl de::Error for HostError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        HostError::new(Problem::Other(message.to_string()))
    }

    fn invalid_type(got: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        HostError::new(Problem::Wrong {
            got: in_words(got),
            expected: expected.to_string(),
        })
    }

    fn invalid_value(got: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        HostError::invalid_type(got, expected)
    }

    fn unknown_variant(name: &str, expected: &'static [&'static str]) -> Self {
        HostError::new(Problem::UnknownName {
            name: name.to_string(),
            expected,
        })
    }

    fn unknown_field(name: &str, _expected: &'static [&'static str]) -> Self {
        HostError::new(Problem::UnknownMember(name.to_string()))
    }

    fn missing_field(name: &'static str) -> Self {
        HostError::new(Problem::Missing(name))
    }
}

/// A value that is not what was expected, as a host developer names it.
fn in_words(got: Unexpected<'_>) -> String {
    match got {
        Unexpected::Unit | Unexpected::Option => "null".into(),
        Unexpected::Map => "an object".into(),
        Unexpected::Seq => "an array".into(),
        Unexpected::Bool(value) => format!("boolean `{value}`"),
        Unexpected::Signed(value) => format!("number `{value}`"),
        Unexpected::Unsigned(value) => format!("number `{value}`"),
        Unexpected::Float(value) => format!("number `{value}`"),
        Unexpected::Str(value) => format!("string {value:?}"),
        Unexpected::Other(what) => what.to_string(),
        other => other.to_string(),
    }
}

type Result<T> = std::result::Result<T, HostError>;

impl HostValue {
    fn is_nullish(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }

    /// A plain object: one without a prototype, or whose constructor is `Object` (of any
    /// frame; `Object.create(defaults)` too). A `Map`, a `Date` or a class instance is not: its
    /// members are not what it holds.
    fn is_plain_object(&self) -> bool {
        // Not `instanceof Object`: neither another frame's objects nor `Object.create(null)`
        // are instances of this frame's Object.
        if !self.0.is_object() || self.0.is_function() || Array::is_array(&self.0) {
            return false;
        }
        Object::get_prototype_of(&self.0).is_null()
            || constructor_name(&self.0).as_deref() == Some("Object")
    }

    /// The error for a value that is not what `visitor` reads, saying what it is.
    fn invalid<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value> {
        let text;
        let unexpected = if self.is_nullish() {
            Unexpected::Unit
        } else if let Some(value) = self.0.as_bool() {
            Unexpected::Bool(value)
        } else if let Some(value) = self.0.as_f64() {
            if Number::is_safe_integer(&self.0) {
                Unexpected::Signed(value as i64)
            } else {
                Unexpected::Float(value)
            }
        } else if let Some(value) = self.0.as_string() {
            text = value;
            Unexpected::Str(&text)
        } else if Array::is_array(&self.0) {
            Unexpected::Seq
        } else if self.is_plain_object() {
            Unexpected::Map
        } else {
            text = kind(&self.0);
            Unexpected::Other(&text)
        };
        Err(de::Error::invalid_type(unexpected, &visitor))
    }

    fn integer<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0.as_f64() {
            Some(value) if Number::is_safe_integer(&self.0) => visitor.visit_i64(value as i64),
            _ => self.invalid(visitor),
        }
    }
}

impl<'de> de::Deserializer<'de> for HostValue {
    type Error = HostError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_nullish() {
            visitor.visit_unit()
        } else if let Some(value) = self.0.as_bool() {
            visitor.visit_bool(value)
        } else if Number::is_safe_integer(&self.0) {
            self.integer(visitor)
        } else if let Some(value) = self.0.as_f64() {
            visitor.visit_f64(value)
        } else if let Some(value) = self.0.as_string() {
            visitor.visit_string(value)
        } else if Array::is_array(&self.0) {
            self.deserialize_seq(visitor)
        } else if self.is_plain_object() {
            self.deserialize_map(visitor)
        } else {
            self.invalid(visitor)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0.as_bool() {
            Some(value) => visitor.visit_bool(value),
            None => self.invalid(visitor),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.integer(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.integer(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0.as_f64() {
            Some(value) => visitor.visit_f64(value),
            None => self.invalid(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0.as_string() {
            Some(value) => visitor.visit_string(value),
            None => self.invalid(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_nullish() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.is_nullish() {
            visitor.visit_unit()
        } else {
            self.invalid(visitor)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if !Array::is_array(&self.0) {
            return self.invalid(visitor);
        }
        let length = Reflect::get(&self.0, &"length".into())
            .ok()
            .and_then(|length| length.as_f64())
            .unwrap_or_default();
        visitor.visit_seq(Items {
            items: self.0,
            length: length as u32,
            next: 0,
        })
    }

    /// JavaScript values kept as they are (`serde_wasm_bindgen::preserve`: the host's
    /// functions) come through serde-wasm-bindgen's own deserializer.
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        serde_wasm_bindgen::Deserializer::from(self.0)
            .deserialize_tuple_struct(name, len, visitor)
            .map_err(|error| HostError::new(Problem::Other(error.to_string())))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if !self.is_plain_object() {
            return self.invalid(visitor);
        }
        let entries = object_entries(&self.0).map_err(unreadable)?;
        visitor.visit_map(Members {
            entries,
            next: 0,
            key: String::new(),
            value: JsValue::UNDEFINED,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    /// Unit variants, named by a string (field names, text keys).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.0.as_string() {
            Some(name) => visitor.visit_enum(name.into_deserializer()),
            None => self.invalid(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u32 u128 f32 char str bytes byte_buf unit_struct tuple identifier
    }
}

/// The members of an object, in `Object.entries` order: every one, known or not.
struct Members {
    entries: Array,
    next: u32,
    key: String,
    value: JsValue,
}

impl<'de> MapAccess<'de> for Members {
    type Error = HostError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        loop {
            if self.next >= self.entries.length() {
                return Ok(None);
            }
            let entry: Array = self.entries.get(self.next).unchecked_into();
            self.next += 1;
            // `{orgId: undefined}` is the JavaScript way of leaving a member out.
            if !entry.get(1).is_undefined() {
                self.key = entry.get(0).as_string().unwrap_or_default();
                self.value = entry.get(1);
                break;
            }
        }
        let key: StringDeserializer<HostError> = self.key.clone().into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = std::mem::replace(&mut self.value, JsValue::UNDEFINED);
        seed.deserialize(HostValue(value))
            .map_err(|error| error.in_member(&self.key))
    }
}

/// The items of an array (read with `Reflect`, so that a throwing getter is an error here).
struct Items {
    items: JsValue,
    length: u32,
    next: u32,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = HostError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.next >= self.length {
            return Ok(None);
        }
        let index = self.next;
        self.next += 1;
        Reflect::get_u32(&self.items, index)
            .map_err(unreadable)
            .and_then(|item| seed.deserialize(HostValue(item)))
            .map(Some)
            .map_err(|error| error.in_item(index))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.length.saturating_sub(self.next) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_members_with_dots_and_items_with_brackets() {
        let error = HostError::new(Problem::Other("x".into()));
        let error = error.in_item(1).in_member("accountIds").in_member("values");
        assert_eq!(error.path, "values.accountIds[1]");
        let error = HostError {
            path: "value".into(),
            problem: Problem::Missing("value"),
        };
        assert_eq!(
            error.in_item(0).in_member("data").in_item(2).path,
            "[2].data[0].value"
        );
    }

    #[test]
    fn serdes_reports_are_kept_as_problems() {
        let wrong = <HostError as de::Error>::invalid_type(Unexpected::Float(5.5), &"a string");
        assert_eq!(
            wrong.problem,
            Problem::Wrong {
                got: "number `5.5`".into(),
                expected: "a string".into()
            }
        );
        let missing = <HostError as de::Error>::missing_field("apiBase");
        assert_eq!(missing.problem, Problem::Missing("apiBase"));
        let unknown = <HostError as de::Error>::unknown_field("nickname", &["firstName"]);
        assert_eq!(unknown.problem, Problem::UnknownMember("nickname".into()));
        assert_eq!(in_words(Unexpected::Str("A1")), "string \"A1\"");
        assert_eq!(in_words(Unexpected::Unit), "null");
        assert_eq!(in_words(Unexpected::Seq), "an array");
    }
}
