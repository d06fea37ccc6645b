//! The host's options as serde types, read from its JavaScript values ([`HostValue`](super::host_value::HostValue)), and the
//! messages that name what is wrong with them (`thena-add-contact: hidden names no field
//! "avatar"`).

use super::host_value::kind;
use super::option_error::OptionError;
use crate::api::Reply;
use crate::form::{Definitions, DraftStorage, Theme};
use crate::i18n::Texts;
use crate::model::contact::CustomFieldValue;
use crate::model::field::Field;
use crate::rules::ContactDraft;
use serde::de::{self, DeserializeOwned, Deserializer, SeqAccess, Unexpected, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// The options of `mount(element, options)`. Every member it knows is checked; members it does
/// not know are ignored, as the module always did (a page written for a later version keeps
/// working; a misspelt option does nothing).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an object")]
pub struct MountOptions {
    /// `apiBase`: the platform's URL, as [`ApiConfig::new`](crate::ApiConfig::new) takes it.
    pub api_base: String,
    /// `orgId`: the organization, sent as `x-org-id`.
    pub org_id: String,
    /// `token`: a fixed bearer token; `token` or `getToken` is required.
    pub token: Option<String>,
    /// `getToken`: returns the token or a Promise of it; asked before every request, and once
    /// more after a 401. Used instead of `token` when both are given.
    pub get_token: Option<JsFunction>,
    /// `values`: the prefilled values.
    pub values: Option<ContactValues>,
    /// `readOnly`: the fields shown and sent, not editable; `None` when not given.
    #[serde(default, deserialize_with = "field_names")]
    pub read_only: Option<Vec<FieldName>>,
    /// `hidden`: the fields not shown, sent as set in `values`; `None` when not given.
    #[serde(default, deserialize_with = "field_names")]
    pub hidden: Option<Vec<FieldName>>,
    /// `true` (loaded, the default), `false`, or the organization's contact types in the API's
    /// shape (then nothing is loaded).
    pub contact_types: Option<Given>,
    /// `false`, or the organization's custom field definitions in the API's shape.
    pub custom_fields: Option<Given>,
    /// `checkDuplicates`: look up a valid email when it loses focus (`true` when not given).
    pub check_duplicates: Option<bool>,
    /// `searchAccounts`: a function, or `false` (no search).
    pub search_accounts: Option<Given>,
    /// `strings`: texts replaced by key, over any language.
    pub strings: Option<Texts>,
    /// A BCP 47 tag (`"de-AT"`); without it, the nearest `lang`.
    pub locale: Option<String>,
    /// `theme`: `"light"` (when not given), `"dark"` or `"auto"`.
    pub theme: Option<Theme>,
    /// `requestTimeoutMs`: how long a request may take; [`DEFAULT_TIMEOUT`](crate::DEFAULT_TIMEOUT)
    /// when not given.
    pub request_timeout_ms: Option<Milliseconds>,
    /// `tokenTimeoutMs`: how long `getToken` may take; [`DEFAULT_TIMEOUT`](crate::DEFAULT_TIMEOUT)
    /// when not given.
    pub token_timeout_ms: Option<Milliseconds>,
    /// `"session"` or `"local"`: keep an unsent draft across reloads.
    pub persist_draft: Option<DraftStorage>,
    /// `draftKey`: tells the drafts of several forms of one organization apart.
    pub draft_key: Option<String>,
    /// `onReady`: called once the form is on the page.
    pub on_ready: Option<JsFunction>,
    /// `onSubmit`: called with the request body before it is sent; returning `false` stops it.
    pub on_submit: Option<JsFunction>,
    /// `onCreated`: called with the created contact.
    pub on_created: Option<JsFunction>,
    /// `onError`: called with the error (`contact:error`'s detail).
    pub on_error: Option<JsFunction>,
    /// `onDuplicate`: called with the existing contact that has the email typed.
    pub on_duplicate: Option<JsFunction>,
}

/// A name in `readOnly` or `hidden`: a built-in field, or any other name, taken as the slug of
/// one of the organization's custom fields.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldName {
    /// One of the form's fields, by its property name.
    Builtin(Field),
    /// Any other name: a custom field's slug.
    Custom(String),
}

impl<'de> Deserialize<'de> for FieldName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(match Field::from_json_name(&name) {
            Some(field) => FieldName::Builtin(field),
            None => FieldName::Custom(name),
        })
    }
}

/// `contactTypes` / `customFields` as the host gave them: `true` or nothing (load them), `false`
/// (off), or the definitions in the API's shape, read like the API's own answers
/// (an array), each item read by serde-wasm-bindgen as the API's own answers are: one reader for
/// both, so that the wasm holds one copy of the definitions' readers.
#[derive(Clone, Debug)]
pub struct Given(pub JsValue);

impl<'de> Deserialize<'de> for Given {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_wasm_bindgen::preserve::deserialize(deserializer).map(Given)
    }
}

impl Given {
    /// The definitions; `name` is the option's, for the message.
    pub fn definitions<T: DeserializeOwned>(
        self,
        name: &str,
    ) -> Result<Definitions<Vec<T>>, OptionError> {
        if self.0.is_null() || self.0.is_undefined() || self.0 == JsValue::TRUE {
            return Ok(Definitions::Load);
        }
        if self.0 == JsValue::FALSE {
            return Ok(Definitions::Off);
        }
        let items = self.0.items().ok_or_else(|| {
            OptionError(format!(
                "{name} must be true, false or an array of definitions, not {}",
                kind(&self.0)
            ))
        })?;
        let mut definitions = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let definition = serde_wasm_bindgen::from_value(item).map_err(|error| {
                // The reader's own words, as they came (the JavaScript error's "Error: " aside).
                let said = error.to_string();
                let said = said.strip_prefix("Error: ").unwrap_or(&said).to_string();
                OptionError(format!("{name}[{i}] cannot be read: {said}"))
            })?;
            definitions.push(definition);
        }
        Ok(Definitions::Given(definitions))
    }
}

/// The host's `values` (and what `getValues()` returns), named as in the request body. A test
/// keeps its members equal to [`Field::ALL`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, expecting = "an object")]
pub struct ContactValues {
    /// `firstName`; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// `lastName`; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// `email`; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `phoneNumber`; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `contactType`: a contact type's ID; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    /// `avatarUrl`; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// `accountIds`: an array of account IDs; left out when `None`.
    #[serde(
        default,
        deserialize_with = "strings",
        skip_serializing_if = "Option::is_none"
    )]
    pub account_ids: Option<Vec<String>>,
    /// At mount only: an item for a custom field the form shows prefills that field; the others
    /// are passed through to the request unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_field_values: Option<Vec<CustomFieldValue>>,
}

impl ContactValues {
    /// Every field of the form with what it holds (account IDs one per line).
    pub fn from_draft(draft: &ContactDraft) -> ContactValues {
        let text = |field: Field| Some(draft.values[field].clone());
        ContactValues {
            first_name: text(Field::FirstName),
            last_name: text(Field::LastName),
            email: text(Field::Email),
            phone_number: text(Field::Phone),
            contact_type: text(Field::ContactType),
            avatar_url: text(Field::AvatarUrl),
            account_ids: Some(crate::rules::account_id_list(
                &draft.values[Field::AccountIds],
            )),
            custom_field_values: None,
        }
    }

    /// The fields given, as the form's inputs hold them (account IDs one per line).
    pub fn fields(&self) -> Vec<(Field, String)> {
        Field::ALL
            .into_iter()
            .filter_map(|field| {
                let value = match field {
                    Field::FirstName => self.first_name.clone(),
                    Field::LastName => self.last_name.clone(),
                    Field::Email => self.email.clone(),
                    Field::Phone => self.phone_number.clone(),
                    Field::ContactType => self.contact_type.clone(),
                    Field::AvatarUrl => self.avatar_url.clone(),
                    Field::AccountIds => self.account_ids.as_ref().map(|ids| ids.join("\n")),
                };
                value.map(|value| (field, value))
            })
            .collect()
    }

    /// The draft the form starts from.
    pub fn into_draft(self) -> ContactDraft {
        let mut draft = ContactDraft::default();
        for (field, value) in self.fields() {
            draft.values[field] = value;
        }
        draft.custom_field_values = self.custom_field_values.unwrap_or_default();
        draft
    }
}

/// A JavaScript function the host passed (`getToken`, the callbacks), kept as it is.
#[derive(Clone, Debug)]
pub struct JsFunction(pub js_sys::Function);

impl<'de> Deserialize<'de> for JsFunction {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value: JsValue = serde_wasm_bindgen::preserve::deserialize(deserializer)?;
        value.dyn_into().map(JsFunction).map_err(|value| {
            de::Error::invalid_type(Unexpected::Other(&kind(&value)), &"a function")
        })
    }
}

/// A duration in milliseconds, as `setTimeout` takes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Milliseconds(pub Duration);

impl<'de> Deserialize<'de> for Milliseconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Number;
        impl Visitor<'_> for Number {
            type Value = Milliseconds;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number of milliseconds from 1 to 2147483647")
            }
            fn visit_f64<E: de::Error>(self, ms: f64) -> Result<Milliseconds, E> {
                if (1.0..=2_147_483_647.0).contains(&ms) {
                    Ok(Milliseconds(Duration::from_millis(ms as u64)))
                } else if ms.fract() == 0.0 && ms.abs() < 1e15 {
                    Err(E::invalid_value(Unexpected::Signed(ms as i64), &self))
                } else {
                    Err(E::invalid_value(Unexpected::Float(ms), &self))
                }
            }
            fn visit_i64<E: de::Error>(self, ms: i64) -> Result<Milliseconds, E> {
                self.visit_f64(ms as f64)
            }
            fn visit_u64<E: de::Error>(self, ms: u64) -> Result<Milliseconds, E> {
                self.visit_f64(ms as f64)
            }
        }
        deserializer.deserialize_f64(Number)
    }
}

/// An array of `T`; `null` or `undefined` is `None`. Anything else is refused with what it must
/// be (`what`, in the error's words: "an array of field names").
fn array<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
    what: &'static str,
) -> Result<Option<Vec<T>>, D::Error> {
    struct Array<T> {
        what: &'static str,
        items: PhantomData<T>,
    }
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Array<T> {
        type Value = Option<Vec<T>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.what)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(Some(items))
        }
    }
    deserializer.deserialize_any(Array {
        what,
        items: PhantomData,
    })
}

/// `accountIds`.
fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    array(d, "an array of strings")
}

/// `readOnly`, `hidden`.
fn field_names<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<FieldName>>, D::Error> {
    array(d, "an array of field names")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_take_the_request_bodys_names_and_refuse_others() {
        let values: ContactValues =
            serde_json::from_value(json!({"firstName": "Ada", "accountIds": ["A1", "B2"]}))
                .unwrap();
        assert_eq!(
            values,
            ContactValues {
                first_name: Some("Ada".into()),
                account_ids: Some(vec!["A1".into(), "B2".into()]),
                ..ContactValues::default()
            }
        );
        for (bad, says) in [
            (json!({"nickname": "x"}), "unknown field `nickname`"),
            (json!({"accountIds": "A1"}), "expected an array of strings"),
            (json!({"accountIds": ["A1", 2]}), "expected a string"),
            (
                json!({"customFieldValues": [{"fieldId": "cf"}]}),
                "unknown field `fieldId`",
            ),
            (
                json!({"customFieldValues": [{"data": [{}]}]}),
                "missing field `value`",
            ),
        ] {
            let error = serde_json::from_value::<ContactValues>(bad.clone()).unwrap_err();
            assert!(error.to_string().contains(says), "{bad}: {error}");
        }
    }

    #[test]
    fn values_hold_every_field_and_only_the_fields() {
        let mut draft = ContactDraft::default();
        for field in Field::ALL {
            draft.values[field] = format!("{}-value", field.json_name());
        }
        let values = ContactValues::from_draft(&draft);
        let serialized = serde_json::to_value(&values).unwrap();
        let keys: Vec<&str> = serialized
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut names: Vec<&str> = Field::ALL.iter().map(|f| f.json_name()).collect();
        names.sort_unstable();
        assert_eq!(keys, names);
        assert_eq!(values.clone().into_draft().values, draft.values);
        assert_eq!(values.fields().len(), Field::ALL.len());
    }
}
