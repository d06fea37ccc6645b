//! The API contract of `POST /v1/accounts/contacts`, from the platform's reference page:
//! the request body and the created contact, and their JSON, and nothing else.

use crate::json::{self, Json, Node};

/// A piece of JSON kept as text: what the widget passes through or hands to the host without
/// reading it (custom field values, metadata).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawJson(String);

impl RawJson {
    /// Checks that `text` is JSON.
    pub fn parse(text: &str) -> Option<RawJson> {
        json::parse(text).map(|node| RawJson(node.raw.to_string()))
    }

    pub fn get(&self) -> &str {
        &self.0
    }

    /// `true` for nothing, `null` and `[]`: nothing worth sending.
    pub fn is_empty(&self) -> bool {
        json::parse(&self.0).is_none_or(|node| match node.value {
            Json::Null => true,
            Json::Array(items) => items.is_empty(),
            _ => false,
        })
    }
}

/// The request body. Optional fields the person left empty are left out of the JSON
/// (never sent as `""` or `[]`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewContact {
    pub first_name: String,
    pub last_name: Option<String>,
    pub email: String,
    pub phone_number: Option<String>,
    /// UID of a contact-type attribute value; the organization's default is used when absent.
    pub contact_type: Option<String>,
    pub avatar_url: Option<String>,
    pub account_ids: Vec<String>,
    /// A JSON array passed through unchanged from the host's prefill. The public reference shows
    /// only `[{}]`; the platform's other write APIs use
    /// `{"customFieldId": "<uid>", "data": [{"value": "…"}]}`.
    pub custom_field_values: RawJson,
}

impl NewContact {
    /// The body as JSON, keys in the reference page's order.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        let key = |out: &mut String, name: &str| {
            if out.len() > 1 {
                out.push(',');
            }
            json::write_str(out, name);
            out.push(':');
        };
        let texts = [
            ("firstName", Some(&self.first_name)),
            ("lastName", self.last_name.as_ref()),
            ("email", Some(&self.email)),
            ("phoneNumber", self.phone_number.as_ref()),
            ("contactType", self.contact_type.as_ref()),
            ("avatarUrl", self.avatar_url.as_ref()),
        ];
        for (name, value) in texts {
            if let Some(value) = value {
                key(&mut out, name);
                json::write_str(&mut out, value);
            }
        }
        if !self.account_ids.is_empty() {
            key(&mut out, "accountIds");
            out.push('[');
            for (i, id) in self.account_ids.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json::write_str(&mut out, id);
            }
            out.push(']');
        }
        if !self.custom_field_values.is_empty() {
            key(&mut out, "customFieldValues");
            out.push_str(self.custom_field_values.get());
        }
        out.push('}');
        out
    }
}

/// The created contact (201), with every documented field. `id`, `firstName` and `email` must be
/// strings; the others must have their documented type when present, and default to empty when
/// the service sends `null` or leaves them out, because the contact exists by then and a missing
/// avatar is no reason to say it failed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CreatedContact {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone_number: String,
    pub avatar_url: String,
    pub accounts: Vec<String>,
    pub contact_type_id: String,
    pub contact_type: String,
    /// Documented as `string[]`; kept as JSON text because only the host reads it.
    pub custom_field_values: RawJson,
    pub metadata: RawJson,
    pub created_at: String,
    pub updated_at: String,
}

impl CreatedContact {
    /// Reads the contact object; `None` when it is not the documented shape.
    pub fn from_json(object: &Node<'_>) -> Option<CreatedContact> {
        let Json::Object(_) = object.value else {
            return None;
        };
        let required = |name: &str| object.get(name)?.as_str().map(String::from);
        let optional = |name: &str| match object.get(name) {
            None => Some(String::new()),
            Some(node) if node.is_null() => Some(String::new()),
            Some(node) => node.as_str().map(String::from),
        };
        let raw = |name: &str| {
            object
                .get(name)
                .map_or_else(RawJson::default, |n| RawJson(n.raw.to_string()))
        };
        let accounts = match object.get("accounts").map(|n| &n.value) {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(String::from))
                .collect::<Option<Vec<_>>>()?,
            Some(_) => return None,
        };
        Some(CreatedContact {
            id: required("id")?,
            first_name: required("firstName")?,
            last_name: optional("lastName")?,
            email: required("email")?,
            phone_number: optional("phoneNumber")?,
            avatar_url: optional("avatarUrl")?,
            accounts,
            contact_type_id: optional("contactTypeId")?,
            contact_type: optional("contactType")?,
            custom_field_values: raw("customFieldValues"),
            metadata: raw("metadata"),
            created_at: optional("createdAt")?,
            updated_at: optional("updatedAt")?,
        })
    }

    /// "Jane Doe", or just the first name when there is no last name.
    pub fn display_name(&self) -> String {
        let last = self.last_name.trim();
        if last.is_empty() {
            self.first_name.trim().to_string()
        } else {
            format!("{} {}", self.first_name.trim(), last)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const SEED_REQUEST: &str = include_str!("../tests/fixtures/seed-request.json");
    const SEED_RESPONSE: &str = include_str!("../tests/fixtures/seed-response.json");

    fn created(text: &str) -> Option<CreatedContact> {
        CreatedContact::from_json(&json::parse(text)?)
    }

    #[test]
    fn request_matches_the_seed_example_exactly() {
        let body = NewContact {
            first_name: "John".into(),
            last_name: Some("Doe".into()),
            email: "john.doe@example.com".into(),
            phone_number: Some("+1234567890".into()),
            contact_type: Some("CT123".into()),
            avatar_url: Some("https://example.com/avatar.png".into()),
            account_ids: vec!["A123".into(), "A456".into()],
            custom_field_values: RawJson::parse("[{}]").unwrap(),
        };
        // Checked by an independent JSON implementation.
        let ours: Value = serde_json::from_str(&body.to_json()).unwrap();
        let seed: Value = serde_json::from_str(SEED_REQUEST).unwrap();
        assert_eq!(ours, seed);
        let keys: Vec<_> = ours.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys.len(), 8);
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
        let parsed: Value = serde_json::from_str(&body.to_json()).unwrap();
        assert_eq!(parsed["firstName"], hostile);
        assert_eq!(parsed["email"], "a@b.co");
        assert_eq!(parsed["accountIds"][0], hostile);
    }

    #[test]
    fn raw_json_is_checked_and_passed_through_unchanged() {
        let text = r#"[{"customFieldId":"cf1","data":[{"value":"<b>x</b>"}]}]"#;
        let raw = RawJson::parse(text).unwrap();
        assert_eq!(raw.get(), text);
        assert_eq!(RawJson::parse("[{]"), None);
        assert!(RawJson::parse(" [ ] ").unwrap().is_empty());
        assert!(RawJson::parse("null").unwrap().is_empty());
        assert!(RawJson::default().is_empty());
        assert!(!raw.is_empty());
    }

    #[test]
    fn empty_optional_fields_are_left_out() {
        let body = NewContact {
            first_name: "Ana".into(),
            email: "ana@example.com".into(),
            custom_field_values: RawJson::parse("[]").unwrap(),
            ..NewContact::default()
        };
        assert_eq!(
            body.to_json(),
            r#"{"firstName":"Ana","email":"ana@example.com"}"#
        );
    }

    #[test]
    fn created_contact_reads_every_documented_field_of_the_seed() {
        let contact = created(SEED_RESPONSE).unwrap();
        let s = "<string>".to_string();
        assert_eq!(contact.id, s);
        assert_eq!(contact.first_name, s);
        assert_eq!(contact.last_name, s);
        assert_eq!(contact.email, s);
        assert_eq!(contact.phone_number, s);
        assert_eq!(contact.avatar_url, s);
        assert_eq!(contact.accounts, vec![s.clone()]);
        assert_eq!(contact.contact_type_id, s);
        assert_eq!(contact.contact_type, s);
        let custom: Value = serde_json::from_str(contact.custom_field_values.get()).unwrap();
        assert_eq!(custom, serde_json::json!(["<string>"]));
        assert_eq!(contact.metadata.get(), "{}");
        assert_eq!(contact.created_at, s);
        assert_eq!(contact.updated_at, s);
    }

    #[test]
    fn created_contact_tolerates_nulls_but_not_a_missing_id_or_wrong_types() {
        let contact = created(
            r#"{"id":"c1","firstName":"Ana","lastName":null,"email":"ana@example.com","accounts":null}"#,
        )
        .unwrap();
        assert_eq!(contact.display_name(), "Ana");
        assert!(contact.accounts.is_empty());
        assert_eq!(created(r#"{"firstName":"Ana","email":"a@b.co"}"#), None);
        assert_eq!(
            created(r#"{"id":7,"firstName":"A","email":"a@b.co"}"#),
            None
        );
        assert_eq!(
            created(r#"{"id":"c","firstName":"A","email":"a@b.co","lastName":5}"#),
            None
        );
        assert_eq!(
            created(r#"{"id":"c","firstName":"A","email":"a@b.co","accounts":[1]}"#),
            None
        );
        assert_eq!(
            created(r#"[{"id":"c","firstName":"A","email":"a@b.co"}]"#),
            None
        );
    }
}
