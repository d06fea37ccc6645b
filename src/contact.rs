//! The API contract of `POST /v1/accounts/contacts`, from the platform's reference page:
//! the request body and the created contact, as serde types, and nothing else.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// The request body. Optional fields the person left empty are left out of the JSON
/// (never sent as `""` or `[]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewContact {
    pub first_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// UID of a contact-type attribute value; the organization's default is used when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account_ids: Vec<String>,
    /// Passed through unchanged from the host's prefill. The public reference shows only `[{}]`;
    /// the platform's other write APIs use `{"customFieldId": "<uid>", "data": [{"value": "…"}]}`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_field_values: Vec<Value>,
}

/// The created contact (201). `id`, `firstName` and `email` must be present; the other documented
/// fields are read when present and default to empty when the service sends `null` or leaves them
/// out, because the contact already exists by then and a missing avatar is no reason to say it
/// failed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedContact {
    pub id: String,
    pub first_name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub last_name: String,
    pub email: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub phone_number: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub avatar_url: String,
    /// Documented as `string[]`; kept as JSON values because only the host reads them.
    #[serde(default, deserialize_with = "null_as_default")]
    pub accounts: Vec<Value>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub contact_type_id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub contact_type: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_field_values: Vec<Value>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: serde_json::Map<String, Value>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub created_at: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub updated_at: String,
}

impl CreatedContact {
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

fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_REQUEST: &str = include_str!("../tests/fixtures/seed-request.json");
    const SEED_RESPONSE: &str = include_str!("../tests/fixtures/seed-response.json");

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
            custom_field_values: vec![serde_json::json!({})],
        };
        let ours = serde_json::to_value(&body).unwrap();
        let seed: Value = serde_json::from_str(SEED_REQUEST).unwrap();
        assert_eq!(ours, seed);
        let back: NewContact = serde_json::from_value(seed).unwrap();
        assert_eq!(back, body);
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
    fn created_contact_reads_every_documented_field_of_the_seed() {
        let contact: CreatedContact = serde_json::from_str(SEED_RESPONSE).unwrap();
        let s = "<string>".to_string();
        assert_eq!(contact.id, s);
        assert_eq!(contact.first_name, s);
        assert_eq!(contact.last_name, s);
        assert_eq!(contact.email, s);
        assert_eq!(contact.phone_number, s);
        assert_eq!(contact.avatar_url, s);
        assert_eq!(contact.accounts, vec![Value::String(s.clone())]);
        assert_eq!(contact.contact_type_id, s);
        assert_eq!(contact.contact_type, s);
        assert_eq!(contact.custom_field_values, vec![Value::String(s.clone())]);
        assert!(contact.metadata.is_empty());
        assert_eq!(contact.created_at, s);
        assert_eq!(contact.updated_at, s);
        // And it writes back the same 13 keys.
        let again = serde_json::to_value(&contact).unwrap();
        assert_eq!(again, serde_json::from_str::<Value>(SEED_RESPONSE).unwrap());
    }

    #[test]
    fn created_contact_tolerates_nulls_but_not_a_missing_id() {
        let contact: CreatedContact = serde_json::from_str(
            r#"{"id":"c1","firstName":"Ana","lastName":null,"email":"ana@example.com","accounts":null}"#,
        )
        .unwrap();
        assert_eq!(contact.display_name(), "Ana");
        assert!(contact.accounts.is_empty());
        assert!(
            serde_json::from_str::<CreatedContact>(r#"{"firstName":"Ana","email":"a@b.co"}"#)
                .is_err()
        );
        assert!(serde_json::from_str::<CreatedContact>(
            r#"{"id":7,"firstName":"A","email":"a@b.co"}"#
        )
        .is_err());
    }
}
