//! Every visible text of the widget. The English texts are `src/js/strings.en.json`: the
//! JavaScript module bundles that file and hands the form the whole table, in the file's order,
//! with the host's `strings` laid over it, so the wasm carries neither the English nor the keys.
//! A text may hold `{name}` placeholders for the values it is about (`{label}`, `{max}`…); the
//! typings list them.

use crate::field::Field;
use crate::json::{self, Json};
use std::sync::Arc;

/// The English texts, for Rust hosts and tests (the JavaScript module bundles the same file).
pub const ENGLISH: &str = include_str!("js/strings.en.json");

/// A text, named after its key in `strings.en.json` (`ErrorTooLong` is `error.tooLong`), in
/// the file's order: the table starts with each field's label and hint, in form order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    FirstNameLabel,
    FirstNameHint,
    LastNameLabel,
    LastNameHint,
    EmailLabel,
    EmailHint,
    PhoneNumberLabel,
    PhoneNumberHint,
    ContactTypeLabel,
    ContactTypeHint,
    AvatarUrlLabel,
    AvatarUrlHint,
    AccountIdsLabel,
    AccountIdsHint,
    Submit,
    Sending,
    Retry,
    AddAnother,
    Created,
    InvalidField,
    InvalidFields,
    FirstNameRequired,
    EmailRequired,
    ErrorTooLong,
    ErrorControlCharacters,
    ErrorEmailMissingAt,
    ErrorEmailSpace,
    ErrorEmailInvalidCharacter,
    ErrorEmailMissingLocalPart,
    ErrorEmailInvalidDomain,
    ErrorEmailDomainWithoutDot,
    ErrorEmailAlreadyExists,
    ErrorPhoneMissingCountryCode,
    ErrorPhoneInvalidCharacters,
    ErrorPhoneWrongLength,
    ErrorPhoneCountryCodeStartsWithZero,
    ErrorUrlNotAbsolute,
    ErrorUrlUnsupportedScheme,
    ErrorUrlContainsSpace,
    ErrorUrlMissingHost,
    ErrorAccountIdContainsSpace,
    ErrorAccountIdRepeated,
    ErrorAccountIdsRepeated,
    ApiRejected,
    ApiUnauthorized,
    ApiForbidden,
    ApiConflict,
    ApiRateLimited,
    ApiRateLimitedMinutes,
    ApiRateLimitedUnknown,
    ApiServer,
    ApiTimeout,
    ApiNetwork,
    ApiProbablyCreated,
    ApiNotFound,
    ApiBadResponse,
}

/// How many texts there are.
pub const COUNT: usize = Text::ApiBadResponse as usize + 1;

/// The form's texts, one per [`Text`].
#[derive(Clone, Debug, PartialEq)]
pub struct Texts(Arc<Vec<String>>);

impl Default for Texts {
    /// English.
    fn default() -> Texts {
        let english = json::parse(ENGLISH).map(|node| match node.value {
            Json::Object(members) => members
                .into_iter()
                .filter_map(|(_, text)| text.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        });
        Texts::new(english.unwrap_or_default()).unwrap_or_else(|| Texts(Arc::default()))
    }
}

impl Texts {
    /// One text per [`Text`], in order; `None` when the count is wrong.
    pub fn new(texts: Vec<String>) -> Option<Texts> {
        (texts.len() == COUNT).then(|| Texts(Arc::new(texts)))
    }

    /// These texts with one replaced (what a JavaScript host's `strings` does).
    pub fn with(mut self, text: Text, value: &str) -> Texts {
        if let Some(slot) = Arc::make_mut(&mut self.0).get_mut(text as usize) {
            *slot = value.into();
        }
        self
    }

    pub fn get(&self, text: Text) -> &str {
        self.0.get(text as usize).map_or("", String::as_str)
    }

    /// The text with its `{name}` placeholders filled in.
    pub fn fill(&self, text: Text, args: &[(&str, &str)]) -> String {
        fill(self.get(text), args)
    }

    /// A field's label, as shown.
    pub fn label(&self, field: Field) -> &str {
        self.0.get(field as usize * 2).map_or("", String::as_str)
    }

    /// A field's hint; empty for none.
    pub fn hint(&self, field: Field) -> &str {
        self.0
            .get(field as usize * 2 + 1)
            .map_or("", String::as_str)
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

    const ALL: [Text; COUNT] = [
        Text::FirstNameLabel,
        Text::FirstNameHint,
        Text::LastNameLabel,
        Text::LastNameHint,
        Text::EmailLabel,
        Text::EmailHint,
        Text::PhoneNumberLabel,
        Text::PhoneNumberHint,
        Text::ContactTypeLabel,
        Text::ContactTypeHint,
        Text::AvatarUrlLabel,
        Text::AvatarUrlHint,
        Text::AccountIdsLabel,
        Text::AccountIdsHint,
        Text::Submit,
        Text::Sending,
        Text::Retry,
        Text::AddAnother,
        Text::Created,
        Text::InvalidField,
        Text::InvalidFields,
        Text::FirstNameRequired,
        Text::EmailRequired,
        Text::ErrorTooLong,
        Text::ErrorControlCharacters,
        Text::ErrorEmailMissingAt,
        Text::ErrorEmailSpace,
        Text::ErrorEmailInvalidCharacter,
        Text::ErrorEmailMissingLocalPart,
        Text::ErrorEmailInvalidDomain,
        Text::ErrorEmailDomainWithoutDot,
        Text::ErrorEmailAlreadyExists,
        Text::ErrorPhoneMissingCountryCode,
        Text::ErrorPhoneInvalidCharacters,
        Text::ErrorPhoneWrongLength,
        Text::ErrorPhoneCountryCodeStartsWithZero,
        Text::ErrorUrlNotAbsolute,
        Text::ErrorUrlUnsupportedScheme,
        Text::ErrorUrlContainsSpace,
        Text::ErrorUrlMissingHost,
        Text::ErrorAccountIdContainsSpace,
        Text::ErrorAccountIdRepeated,
        Text::ErrorAccountIdsRepeated,
        Text::ApiRejected,
        Text::ApiUnauthorized,
        Text::ApiForbidden,
        Text::ApiConflict,
        Text::ApiRateLimited,
        Text::ApiRateLimitedMinutes,
        Text::ApiRateLimitedUnknown,
        Text::ApiServer,
        Text::ApiTimeout,
        Text::ApiNetwork,
        Text::ApiProbablyCreated,
        Text::ApiNotFound,
        Text::ApiBadResponse,
    ];

    /// `ErrorTooLong` → `error.tooLong`, `FirstNameLabel` → `firstName.label`.
    fn key(text: Text) -> String {
        let name = format!("{text:?}");
        let lower_first = |s: &str| s[..1].to_lowercase() + &s[1..];
        for prefix in ["Error", "Api"] {
            if let Some(rest) = name.strip_prefix(prefix) {
                return format!("{}.{}", prefix.to_lowercase(), lower_first(rest));
            }
        }
        for field in Field::ALL {
            let field = field.json_name();
            if let Some(rest) = name.strip_prefix(&(field[..1].to_uppercase() + &field[1..])) {
                if !rest.is_empty() {
                    return format!("{field}.{}", lower_first(rest));
                }
            }
        }
        lower_first(&name)
    }

    #[test]
    fn the_texts_are_the_english_tables_keys_in_order() {
        let node = json::parse(ENGLISH).unwrap();
        let Json::Object(members) = node.value else {
            panic!("strings.en.json is an object")
        };
        let keys: Vec<String> = members.iter().map(|(k, _)| k.clone()).collect();
        let texts: Vec<String> = ALL.iter().map(|t| key(*t)).collect();
        assert_eq!(texts, keys);
        for (i, text) in ALL.iter().enumerate() {
            assert_eq!(*text as usize, i);
        }
        for field in Field::ALL {
            assert_eq!(
                keys[field as usize * 2],
                format!("{}.label", field.json_name())
            );
            assert_eq!(
                keys[field as usize * 2 + 1],
                format!("{}.hint", field.json_name())
            );
        }
    }

    #[test]
    fn english_has_every_field_and_fills_placeholders() {
        let t = Texts::default();
        assert_eq!(t.get(Text::Submit), "Add contact");
        assert_eq!(t.label(Field::Phone), "Phone");
        assert_eq!(t.hint(Field::FirstName), "");
        assert!(t.hint(Field::Phone).contains("country code"));
        for field in Field::ALL {
            assert!(!t.label(field).is_empty(), "{field:?}");
        }
        let args = [("label", "First name"), ("max", "255"), ("actual", "300")];
        assert_eq!(
            t.fill(Text::ErrorTooLong, &args),
            "First name can be at most 255 characters; this one has 300."
        );
        assert!(Texts::new(vec!["x".into()]).is_none());
    }

    #[test]
    fn fill_keeps_unknown_and_unclosed_placeholders_and_repeats_known_ones() {
        assert_eq!(
            fill("{a}{b} {a} {x} {", &[("a", "1"), ("b", "{a}")]),
            "1{a} 1 {x} {"
        );
        assert_eq!(fill("{a}{b} {a} {x} {", &[]), "{a}{b} {a} {x} {");
        assert_eq!(fill("ü{a}é}", &[("a", "😀")]), "ü😀é}");
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
        let english: Vec<String> = ALL.iter().map(|t| key(*t)).collect();
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
