//! The API contract of `POST /v1/accounts/contacts`, from the platform's reference page, as serde
//! types: the request body, the created contact, one item of `customFieldValues`, and the NestJS
//! error body. Nothing else.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The request body. Optional fields the person left empty are left out of the JSON (never sent
/// as `""` or `[]`).
///
/// # Examples
///
/// ```
/// use thena_add_contact::NewContact;
///
/// let body = NewContact {
///     first_name: "Jane".into(),
///     email: "jane@acme.com".into(),
///     account_ids: vec!["acc_acme".into()],
///     ..NewContact::default()
/// };
/// let json = serde_json::to_string(&body).unwrap();
/// assert_eq!(json, r#"{"firstName":"Jane","email":"jane@acme.com","accountIds":["acc_acme"]}"#);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewContact {
    /// `firstName`: required.
    pub first_name: String,
    /// `lastName`; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// `email`: required; unique within the organization.
    pub email: String,
    /// `phoneNumber`, with its country code (the form sends E.164: `+14155550123`); left out
    /// when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `contactType`: the UID of a contact-type attribute value; left out when `None`, and the
    /// organization's default is used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    /// `avatarUrl`: an `http` or `https` URL of the contact's picture; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// `accountIds`: the IDs of the accounts the contact belongs to; left out when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account_ids: Vec<String>,
    /// `customFieldValues`: one item per custom field with a value; left out when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_field_values: Vec<CustomFieldValue>,
}

/// One item of `customFieldValues` on create.
///
/// **Working assumption.** The public reference shows every item as `{}`. The platform's read
/// responses show `{customFieldId, data, metadata}`, so an item is taken to be
/// `{"customFieldId": "<uid>", "data": [{"value": "…"}]}` (see `../shared/THENA_API.md`). This
/// type is the one place that holds that shape: both members may be left out (the reference's
/// own example is `[{}]`), and any other member is refused rather than silently dropped.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use thena_add_contact::{CustomFieldDatum, CustomFieldValue};
///
/// let tier = CustomFieldValue {
///     custom_field_id: Some("cf_tier".into()),
///     data: Some(vec![CustomFieldDatum { value: "Gold".into() }]),
/// };
/// let sent = json!({"customFieldId": "cf_tier", "data": [{"value": "Gold"}]});
/// assert_eq!(serde_json::to_value(&tier).unwrap(), sent);
/// // Another shape is refused rather than dropped.
/// assert!(serde_json::from_value::<CustomFieldValue>(json!({"fieldId": "cf_tier"})).is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, expecting = "an object")]
pub struct CustomFieldValue {
    /// `customFieldId`: the custom field's `uid`; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_field_id: Option<String>,
    /// `data`: the field's values; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<CustomFieldDatum>>,
}

/// One value of a custom field: a multiple-choice field has one per chosen option.
///
/// # Examples
///
/// ```
/// use thena_add_contact::CustomFieldDatum;
///
/// let datum: CustomFieldDatum = serde_json::from_str(r#"{"value": "2026-03-31"}"#).unwrap();
/// assert_eq!(datum.value, "2026-03-31");
/// assert!(serde_json::from_str::<CustomFieldDatum>(r#"{"value": 42}"#).is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "an object")]
pub struct CustomFieldDatum {
    /// The value as text, as typed or chosen (`"42"`, `"2026-03-31"`; `"true"` for a checked
    /// checkbox).
    pub value: String,
}

/// JSON the widget does not read but hands to the host exactly as the service sent it: the
/// browser's own value in the wasm (kept by serde-wasm-bindgen's `preserve`, no copy), serde_json's
/// in the native tests.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{AsItCame, CreatedContact};
///
/// let json = r#"{"id": "ct_1", "firstName": "Jane", "email": "jane@acme.com",
///     "metadata": {"source": "crm", "score": 7}}"#;
/// let contact: CreatedContact = serde_json::from_str(json).unwrap();
/// // Natively a serde_json value; in the browser, the JavaScript value as it came.
/// let metadata: &AsItCame = &contact.metadata;
/// assert_eq!(metadata["score"], 7);
/// ```
#[cfg(target_arch = "wasm32")]
pub type AsItCame = wasm_bindgen::JsValue;
/// JSON the widget does not read (see the wasm definition).
#[cfg(not(target_arch = "wasm32"))]
pub type AsItCame = serde_json::Value;

/// A member the service left out, as the host receives it: `null`.
fn left_out() -> AsItCame {
    #[cfg(target_arch = "wasm32")]
    return wasm_bindgen::JsValue::NULL;
    #[cfg(not(target_arch = "wasm32"))]
    return serde_json::Value::Null;
}

/// The created contact (201), with every documented member. `id`, `firstName` and `email` must be
/// strings; the others must have their documented type when present, and may be `null` or
/// missing, because the contact exists by then and a missing avatar is no reason to say it
/// failed. The contact may come flat or wrapped in `data` (see `crate::api`).
///
/// # Examples
///
/// ```
/// use thena_add_contact::CreatedContact;
///
/// let reply = r#"{"id": "ct_7f3a", "firstName": "Jane", "lastName": "Doe",
///                 "email": "jane@acme.com", "accounts": ["acc_acme"], "avatarUrl": null}"#;
/// let contact: CreatedContact = serde_json::from_str(reply).unwrap();
/// assert_eq!(contact.display_name(), "Jane Doe");
/// assert_eq!(contact.accounts, Some(vec!["acc_acme".to_string()]));
/// assert_eq!(contact.avatar_url, None);
/// // Without an id, it is no created contact.
/// assert!(serde_json::from_str::<CreatedContact>(r#"{"firstName": "Jane"}"#).is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedContact {
    /// `id`: the new contact's ID.
    pub id: String,
    /// `firstName`.
    pub first_name: String,
    /// `lastName`; `None` when missing or `null`.
    pub last_name: Option<String>,
    /// `email`.
    pub email: String,
    /// `phoneNumber`; `None` when missing or `null`.
    pub phone_number: Option<String>,
    /// `avatarUrl`; `None` when missing or `null`.
    pub avatar_url: Option<String>,
    /// `accounts`, documented as `string[]`; `None` when missing or `null`.
    pub accounts: Option<Vec<String>>,
    /// `contactTypeId`: the contact type's ID; `None` when missing or `null`.
    pub contact_type_id: Option<String>,
    /// `contactType`, documented as a string; `None` when missing or `null`.
    pub contact_type: Option<String>,
    /// Documented as `string[]`; only the host reads it.
    #[serde(default = "left_out")]
    #[cfg_attr(target_arch = "wasm32", serde(with = "serde_wasm_bindgen::preserve"))]
    pub custom_field_values: AsItCame,
    /// `metadata`, documented as an object; only the host reads it (`null` when missing).
    #[serde(default = "left_out")]
    #[cfg_attr(target_arch = "wasm32", serde(with = "serde_wasm_bindgen::preserve"))]
    pub metadata: AsItCame,
    /// `createdAt`, the time as sent; `None` when missing or `null`.
    pub created_at: Option<String>,
    /// `updatedAt`, the time as sent; `None` when missing or `null`.
    pub updated_at: Option<String>,
    /// The reply to the create was lost, and a search found the contact it created (the host
    /// gets `recovered: true`; the member is left out otherwise).
    #[serde(skip_deserializing, skip_serializing_if = "not")]
    pub recovered: bool,
}

fn not(value: &bool) -> bool {
    !value
}

impl CreatedContact {
    /// "Jane Doe", or just the first name when there is no last name.
    pub fn display_name(&self) -> String {
        let first = self.first_name.trim();
        match self.last_name.as_deref().map(str::trim) {
            Some(last) if !last.is_empty() => format!("{first} {last}"),
            _ => first.to_string(),
        }
    }
}

/// A NestJS error body: `{"statusCode": 400, "message": "…" or ["…", …], "error": "…"}`. Only
/// the messages matter.
#[derive(Debug, Default, Deserialize)]
pub struct NestError {
    #[serde(default)]
    message: Messages,
}

impl NestError {
    /// The messages, in order.
    pub fn messages(self) -> Vec<String> {
        self.message.0
    }
}

/// `message`: one string or a list of them; anything else says nothing.
#[derive(Debug, Default)]
struct Messages(Vec<String>);

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StringOrList;
        impl<'de> Visitor<'de> for StringOrList {
            type Value = Messages;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an array of strings")
            }
            fn visit_str<E: de::Error>(self, message: &str) -> Result<Messages, E> {
                Ok(Messages(vec![message.into()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Messages, A::Error> {
                let mut messages = Vec::new();
                while let Some(message) = items.next_element()? {
                    messages.push(message);
                }
                Ok(Messages(messages))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Messages, E> {
                Ok(Messages::default())
            }
        }
        deserializer.deserialize_any(StringOrList)
    }
}

// Native only: in the wasm, `AsItCame` is a JavaScript value (the browser tests cover that).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::{json, Map, Value};

    /// The reference page's examples, verbatim.
    const SEED_REQUEST: &str = include_str!("../../tests/fixtures/seed-request.json");
    const SEED_RESPONSE: &str = include_str!("../../tests/fixtures/seed-response.json");
    /// The same shapes with a different value in every member, so that a member read from the
    /// wrong key fails.
    const REQUEST: &str = include_str!("../../tests/fixtures/request.json");
    const RESPONSE: &str = include_str!("../../tests/fixtures/response.json");

    fn created(value: Value) -> Result<CreatedContact, serde_json::Error> {
        serde_json::from_value::<CreatedContact>(value)
    }

    /// The member names and JSON types of a value, recursively: what "the same shape" means.
    fn shape(value: &Value) -> Value {
        match value {
            Value::Object(members) => members
                .iter()
                .map(|(k, v)| (k.clone(), shape(v)))
                .collect::<Map<_, _>>()
                .into(),
            Value::Array(items) => items.iter().map(shape).collect(),
            Value::String(_) => json!("string"),
            other => other.clone(),
        }
    }

    #[test]
    fn the_fixtures_have_the_seeds_shapes_and_distinct_values() {
        for (seed, ours) in [(SEED_REQUEST, REQUEST), (SEED_RESPONSE, RESPONSE)] {
            let seed: Value = serde_json::from_str(seed).unwrap();
            let ours: Value = serde_json::from_str(ours).unwrap();
            // Ours may fill in what the seed leaves empty ([{}]), nothing else.
            let mut ours_shape = shape(&ours);
            if let Some(items) = ours_shape.get_mut("customFieldValues") {
                *items = shape(&seed["customFieldValues"]);
            }
            assert_eq!(ours_shape, shape(&seed));
            let mut strings = Vec::new();
            collect_strings(&ours, &mut strings);
            let count = strings.len();
            strings.sort_unstable();
            strings.dedup();
            assert_eq!(strings.len(), count, "a value repeats: {strings:?}");
        }
    }

    fn collect_strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::String(s) => out.push(s),
            Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
            Value::Object(members) => members.values().for_each(|v| collect_strings(v, out)),
            _ => {}
        }
    }

    #[test]
    fn the_seed_request_round_trips() {
        for text in [SEED_REQUEST, REQUEST] {
            let seed: Value = serde_json::from_str(text).unwrap();
            let body: NewContact = serde_json::from_value(seed.clone()).unwrap();
            assert_eq!(serde_json::to_value(&body).unwrap(), seed);
        }
    }

    #[test]
    fn the_request_body_has_each_member_under_its_own_key() {
        let body: NewContact = serde_json::from_str(REQUEST).unwrap();
        assert_eq!(
            body,
            NewContact {
                first_name: "Johanna".into(),
                last_name: Some("Doerfler".into()),
                email: "johanna.doerfler@example.com".into(),
                phone_number: Some("+4930901820".into()),
                contact_type: Some("CT_PARTNER".into()),
                avatar_url: Some("https://cdn.example.com/jd.png".into()),
                account_ids: vec!["ACC_1".into(), "ACC_2".into()],
                custom_field_values: vec![CustomFieldValue {
                    custom_field_id: Some("CF_TIER".into()),
                    data: Some(vec![CustomFieldDatum {
                        value: "Gold".into()
                    }]),
                }],
            }
        );
        // Keys in the reference page's order: the top-level lines of the pretty-printed JSON.
        let top_level_keys = |text: &str| -> Vec<String> {
            text.lines()
                .filter_map(|line| line.strip_prefix("  \"")?.split_once('"'))
                .map(|(key, _)| key.to_string())
                .collect()
        };
        let ours = serde_json::to_string_pretty(&body).unwrap();
        assert_eq!(top_level_keys(SEED_REQUEST).len(), 8);
        assert_eq!(top_level_keys(&ours), top_level_keys(SEED_REQUEST));
    }

    #[test]
    fn hostile_text_is_escaped_in_the_body() {
        let hostile = "\"}, \"email\": \"evil@x.com\" <script>\u{0}\u{2028}محمد 👩🏽‍💻";
        let body = NewContact {
            first_name: hostile.into(),
            email: "a@b.co".into(),
            account_ids: vec![hostile.into()],
            ..NewContact::default()
        };
        let parsed: Value = serde_json::from_str(&serde_json::to_string(&body).unwrap()).unwrap();
        assert_eq!(parsed["firstName"], hostile);
        assert_eq!(parsed["email"], "a@b.co");
        assert_eq!(parsed["accountIds"][0], hostile);
    }

    #[test]
    fn empty_optional_fields_are_left_out() {
        let body = NewContact {
            first_name: "Ana".into(),
            email: "ana@example.com".into(),
            ..NewContact::default()
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"firstName":"Ana","email":"ana@example.com"}"#
        );
    }

    #[test]
    fn a_custom_field_value_of_another_shape_is_refused() {
        let item = |v: Value| serde_json::from_value::<CustomFieldValue>(v);
        assert_eq!(item(json!({})).unwrap(), CustomFieldValue::default());
        let error = item(json!({"fieldId": "cf", "value": "x"})).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `fieldId`"),
            "{error}"
        );
        assert!(item(json!({"customFieldId": "cf", "data": [{"value": 5}]})).is_err());
        assert!(item(json!({"customFieldId": "cf", "data": "x"})).is_err());
    }

    #[test]
    fn created_contact_reads_every_documented_field_from_its_own_key() {
        let contact = created(serde_json::from_str(RESPONSE).unwrap()).unwrap();
        assert_eq!(
            contact,
            CreatedContact {
                id: "ct_7f3a".into(),
                first_name: "Johanna".into(),
                last_name: Some("Doerfler".into()),
                email: "johanna.doerfler@example.com".into(),
                phone_number: Some("+4930901820".into()),
                avatar_url: Some("https://cdn.example.com/jd.png".into()),
                accounts: Some(vec!["ACC_1".into()]),
                contact_type_id: Some("CT_PARTNER".into()),
                contact_type: Some("Partner".into()),
                custom_field_values: json!(["CF_TIER:Gold"]),
                metadata: json!({}),
                created_at: Some("2026-11-28T09:10:38.000Z".into()),
                updated_at: Some("2026-11-28T09:10:39.000Z".into()),
                recovered: false,
            }
        );
        // A server cannot mark a contact recovered; the widget's mark goes out to the host.
        let mut marked: Value = serde_json::from_str(RESPONSE).unwrap();
        marked["recovered"] = json!(true);
        let mut contact = created(marked.clone()).unwrap();
        assert!(!contact.recovered);
        contact.recovered = true;
        assert_eq!(serde_json::to_value(&contact).unwrap(), marked);
        // The seed's own example reads too, and both go back out as they came.
        for text in [SEED_RESPONSE, RESPONSE] {
            let value: Value = serde_json::from_str(text).unwrap();
            let contact = created(value.clone()).unwrap();
            assert_eq!(serde_json::to_value(&contact).unwrap(), value);
        }
    }

    #[test]
    fn created_contact_tolerates_nulls_but_not_a_missing_id_or_wrong_types() {
        let contact = created(json!({"id": "c1", "firstName": "Ana", "lastName": null,
            "email": "ana@example.com", "accounts": null}))
        .unwrap();
        assert_eq!(contact.display_name(), "Ana");
        assert_eq!(contact.accounts, None);
        for bad in [
            json!({"firstName": "Ana", "email": "a@b.co"}),
            json!({"id": 7, "firstName": "A", "email": "a@b.co"}),
            json!({"id": "c", "firstName": "A", "email": "a@b.co", "lastName": 5}),
            json!({"id": "c", "firstName": "A", "email": "a@b.co", "accounts": [1]}),
            json!({"data": {"x": 1}}),
            json!(null),
        ] {
            assert!(created(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn nest_messages_are_a_string_or_the_strings_of_an_array() {
        let messages = |v: Value| {
            serde_json::from_value::<NestError>(v)
                .map(NestError::messages)
                .unwrap_or_default()
        };
        assert_eq!(
            messages(json!({"message": "No contacts to create"})),
            ["No contacts to create"]
        );
        assert_eq!(messages(json!({"message": ["a", "b"]})), ["a", "b"]);
        assert!(messages(json!({"message": {}})).is_empty());
        assert!(messages(json!({"message": null})).is_empty());
        assert!(messages(json!({"error": "<script>"})).is_empty());
        assert!(messages(json!({"message": ["a", 1]})).is_empty());
        assert!(messages(json!("text")).is_empty());
    }
}
