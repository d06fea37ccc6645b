//! Every visible text of the widget, by key. The English texts are `src/js/strings.en.json`: the
//! JavaScript module bundles that file and hands the form the whole table, with the host's
//! `strings` laid over it, so the wasm carries no English of its own. A text may hold `{name}`
//! placeholders for the values it is about (`{label}`, `{max}`…); the typings list them.

use crate::field::Field;
use crate::json::{self, Json};
use std::sync::Arc;

/// The English texts, for Rust hosts and tests (the JavaScript module has its own copy of the
/// same file).
pub const ENGLISH: &str = include_str!("js/strings.en.json");

/// The form's texts by key.
#[derive(Clone, Debug, PartialEq)]
pub struct Texts(Arc<Vec<(String, String)>>);

impl Default for Texts {
    /// English.
    fn default() -> Texts {
        Texts::from_json(ENGLISH).unwrap_or_else(|| Texts::new(Vec::new()))
    }
}

impl Texts {
    pub fn new(texts: Vec<(String, String)>) -> Texts {
        Texts(Arc::new(texts))
    }

    /// A JSON object of texts by key; `None` unless every member is a string.
    pub fn from_json(text: &str) -> Option<Texts> {
        match json::parse(text)?.value {
            Json::Object(members) => members
                .into_iter()
                .map(|(key, node)| Some((key, node.as_str()?.to_string())))
                .collect::<Option<_>>()
                .map(Texts::new),
            _ => None,
        }
    }

    /// The text of `key`; empty when there is none.
    pub fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, text)| text)
    }

    /// The text of `key` with its `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// A field's text: `part` is label, hint or required.
    pub fn of_field(&self, field: Field, part: &str) -> &str {
        self.get(&format!("{}.{part}", field.json_name()))
    }

    /// A field's label, as shown.
    pub fn label(&self, field: Field) -> &str {
        self.of_field(field, "label")
    }
}

/// `template` with its `{name}` placeholders filled in; unknown ones stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut rest = template;
    let mut out = String::new();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let value = rest.find('}').and_then(|close| {
            let name = &rest[1..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (*value, close + 1))
        });
        match value {
            Some((value, end)) => {
                out.push_str(value);
                rest = &rest[end..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_has_every_field_and_fills_placeholders() {
        let t = Texts::default();
        assert_eq!(t.get("submit"), "Add contact");
        assert_eq!(t.get("no.such.key"), "");
        assert_eq!(t.label(Field::Phone), "Phone");
        assert_eq!(t.of_field(Field::FirstName, "hint"), "");
        for field in Field::ALL {
            assert!(!t.label(field).is_empty(), "{field:?}");
        }
        let args = [("label", "First name"), ("max", "255"), ("actual", "300")];
        assert_eq!(
            t.fill("error.tooLong", &args),
            "First name can be at most 255 characters; this one has 300."
        );
    }

    #[test]
    fn fill_keeps_unknown_and_unclosed_placeholders_and_repeats_known_ones() {
        let t = Texts::new(vec![("k".into(), "{a}{b} {a} {x} {".into())]);
        assert_eq!(t.fill("k", &[("a", "1"), ("b", "{a}")]), "1{a} 1 {x} {");
        assert_eq!(t.fill("k", &[]), "{a}{b} {a} {x} {");
        let t = Texts::new(vec![("k".into(), "ü{a}é}".into())]);
        assert_eq!(t.fill("k", &[("a", "😀")]), "ü😀é}");
    }

    /// The typings list the same text keys as the English table and the same field names as
    /// the code, in the same order.
    #[test]
    fn the_typings_list_every_text_key_and_field_name() {
        let typings = include_str!("js/thena_add_contact.d.ts");
        let block = |start: &str, end: &str| {
            let from = typings.find(start).expect(start) + start.len();
            let to = from + typings[from..].find(end).expect(end);
            &typings[from..to]
        };
        let keys: Vec<&str> = block("export interface Strings {", "\n}")
            .lines()
            .map(str::trim)
            .filter(|line| line.ends_with("?: string;"))
            .map(|line| line.trim_end_matches("?: string;").trim_matches('"'))
            .collect();
        let english = Texts::default();
        let english: Vec<&str> = english.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, english);
        let fields: Vec<&str> = block("export type FieldName =", ";")
            .split('|')
            .map(|name| name.trim().trim_matches('"'))
            .filter(|name| !name.is_empty())
            .collect();
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.json_name()).collect();
        assert_eq!(fields, names);
        // The module's own list, which it checks the host's field names against.
        let module = include_str!("js/thena_add_contact.js");
        let from = module.find("const FIELDS = [").expect("FIELDS") + "const FIELDS = [".len();
        let list = &module[from..from + module[from..].find(']').expect("]")];
        let fields: Vec<&str> = list
            .split(',')
            .map(|n| n.trim().trim_matches('"'))
            .collect();
        assert_eq!(fields, names);
    }
}
