//! Reading a reply: the one mapping of a response (status, rate-limit headers, JSON body) to a
//! typed result, generic over [`Reply`] so that it is tested natively on serde_json values; and
//! the shapes lists and search results come in.

use super::error::ApiError;
use crate::model::contact::NestError;
use crate::model::field::{Field, Target};
use crate::model::field_error::FieldError;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

/// A reply's JSON, parsed: by the browser in the widget, by serde_json in native tests.
pub trait Reply: Sized {
    /// The reply read as a `T`, if it has that shape.
    fn read<T: DeserializeOwned>(&self) -> Option<T>;
    /// A member of the reply, if it is an object that has one by that name.
    fn member(&self, name: &str) -> Option<Self>;
    /// The items of the reply, if it is an array.
    fn items(&self) -> Option<Vec<Self>>;
}

impl Reply for JsValue {
    fn read<T: DeserializeOwned>(&self) -> Option<T> {
        serde_wasm_bindgen::from_value(self.clone()).ok()
    }

    fn member(&self, name: &str) -> Option<JsValue> {
        let object = self.dyn_ref::<js_sys::Object>()?;
        js_sys::Reflect::get(object, &name.into())
            .ok()
            .filter(|member| !member.is_undefined())
    }

    fn items(&self) -> Option<Vec<JsValue>> {
        let array = self.dyn_ref::<js_sys::Array>()?;
        Some(array.iter().collect())
    }
}

/// Natively (tests, a Rust host's server side) a reply is a serde_json value.
#[cfg(any(test, not(target_arch = "wasm32")))]
impl Reply for serde_json::Value {
    fn read<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_value(self.clone()).ok()
    }

    fn member(&self, name: &str) -> Option<serde_json::Value> {
        self.as_object()?.get(name).cloned()
    }

    fn items(&self) -> Option<Vec<serde_json::Value>> {
        self.as_array().cloned()
    }
}

/// The object itself, or the one wrapped in `data` (`{status, message, timestamp, data}`), as
/// some Thena endpoints answer.
pub fn flat_or_data<R: Reply, T: DeserializeOwned>(body: &R) -> Option<T> {
    body.read().or_else(|| body.member("data")?.read())
}

/// A list, bare or wrapped in `data`. An item the widget cannot read is skipped: one odd
/// contact type must not hide the others.
pub fn list<R: Reply, T: DeserializeOwned>(body: &R) -> Option<Vec<T>> {
    list_page(body).map(|(items, _)| items)
}

/// The documents of a search API reply (`{result: {hits: [{document}]}}`) that read as `T`.
pub fn search_hits<R: Reply, T: DeserializeOwned>(body: &R) -> Option<Vec<T>> {
    let hits = body.member("result")?.member("hits")?.items()?;
    Some(
        hits.iter()
            .filter_map(|hit| hit.member("document")?.read())
            .collect(),
    )
}

/// A page of a list: the items read, and how many the service sent (a page is short when it
/// sent fewer than asked for, whatever could be read).
pub fn list_page<R: Reply, T: DeserializeOwned>(body: &R) -> Option<(Vec<T>, usize)> {
    let items = body.items().or_else(|| body.member("data")?.items())?;
    Some((items.iter().filter_map(Reply::read).collect(), items.len()))
}

/// The parts of a response that decide the outcome. `body` is `None` when the reply was not JSON
/// (or could not be read).
pub struct ResponseParts<'a, R> {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header, if sent.
    pub retry_after: Option<&'a str>,
    /// The `X-RateLimit-Reset` header, if sent.
    pub rate_limit_reset: Option<&'a str>,
    /// The parsed body; `None` when it was not JSON (or could not be read).
    pub body: Option<R>,
}

/// Turns a response into the one typed result: what `read` finds in a 2xx body, or the error.
/// `now_unix` is the current time in seconds.
pub fn interpret_response<R: Reply, T>(
    parts: ResponseParts<'_, R>,
    now_unix: u64,
    read: impl FnOnce(&R) -> Option<T>,
) -> Result<T, ApiError> {
    let status = parts.status;
    match status {
        200..=299 => parts
            .body
            .as_ref()
            .and_then(read)
            .ok_or(ApiError::BadResponse { status }),
        400 | 409 | 422 => {
            let messages = parts
                .body
                .and_then(|body| body.read())
                .map(NestError::messages)
                .unwrap_or_default();
            Err(rejection(status, &messages))
        }
        401 => Err(ApiError::Unauthorized {
            status: Some(status),
        }),
        403 => Err(ApiError::Forbidden),
        429 => Err(ApiError::RateLimited {
            retry_after_secs: wait_seconds(parts.retry_after, parts.rate_limit_reset, now_unix),
        }),
        500..=599 => Err(ApiError::Server { status }),
        _ => Err(ApiError::BadResponse { status }),
    }
}

/// What a refusal says, field by field. A 409 is a duplicate email whatever its message.
pub(crate) fn rejection(status: u16, messages: &[String]) -> ApiError {
    let mut fields: Vec<(Target, FieldError)> = Vec::new();
    let mut general = Vec::new();
    let mut add = |field: Field, error: FieldError| {
        let field = Target::Field(field);
        if let Some((_, existing)) = fields.iter_mut().find(|(f, _)| *f == field) {
            match (existing, error) {
                // The duplicate email says the most: it replaces what else was said.
                (existing, FieldError::EmailAlreadyExists) => {
                    *existing = FieldError::EmailAlreadyExists
                }
                (FieldError::Server(existing), FieldError::Server(more)) => {
                    existing.push(' ');
                    existing.push_str(&more);
                }
                _ => {}
            }
        } else {
            fields.push((field, error));
        }
    };
    if status == 409 {
        add(Field::Email, FieldError::EmailAlreadyExists);
    } else {
        // A blank message says nothing: it must not become a blank alert.
        for message in messages.iter().filter(|m| !m.trim().is_empty()) {
            if says_email_exists(message) {
                add(Field::Email, FieldError::EmailAlreadyExists);
            } else if let Some((field, readable)) = field_of_message(message) {
                add(field, FieldError::Server(readable));
            } else {
                general.push(message.clone());
            }
        }
    }
    ApiError::Rejected {
        status,
        fields,
        general,
    }
}

/// "Contact with this email already exists", "Email is already in use", "email must be unique".
/// Saying "exists" is not enough: "No account exists for this email domain" is no duplicate.
fn says_email_exists(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("email")
        && ["already", "duplicate", "in use", "taken", "unique"]
            .iter()
            .any(|w| m.contains(w))
}

/// class-validator messages start with the property ("email must be an email",
/// "accountIds.0 must be a string", "each value in accountIds must be a string").
/// Returns the field and the message with the property replaced by a `{label}` placeholder
/// (filled with the form's label when shown).
fn field_of_message(message: &str) -> Option<(Field, String)> {
    let rest = message.strip_prefix("each value in ").unwrap_or(message);
    let (word, tail) = rest.split_once(' ').unwrap_or((rest, ""));
    let property = word.split(['.', '[']).next().unwrap_or_default();
    let field = Field::from_json_name(property)?;
    let readable = if message.starts_with("each value in ") {
        format!("Each of the {{label}} {tail}")
    } else {
        format!("{{label}} {tail}")
    };
    let readable = readable.trim_end().to_string();
    let readable = if readable.ends_with(['.', '!', '?']) {
        readable
    } else {
        format!("{readable}.")
    };
    Some((field, readable))
}

/// Seconds to wait after a 429: `Retry-After` in seconds or as an HTTP-date, else
/// `X-RateLimit-Reset` (unix seconds; small values are taken as seconds from now, large ones as
/// milliseconds). A value that is neither counts as not given.
fn wait_seconds(retry_after: Option<&str>, reset: Option<&str>, now_unix: u64) -> Option<u64> {
    if let Some(value) = retry_after.map(str::trim) {
        if let Ok(secs) = value.parse::<u64>() {
            return Some(secs);
        }
        if let Ok(at) = httpdate::parse_http_date(value) {
            let at = at
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            return Some(at.saturating_sub(now_unix));
        }
    }
    // Unix seconds, possibly with a fraction (dropped).
    let reset: u64 = reset?.trim().split('.').next()?.parse().ok()?;
    Some(match reset {
        r if r < 1_000_000_000 => r,
        r if r > 100_000_000_000 => (r / 1000).saturating_sub(now_unix),
        r => r.saturating_sub(now_unix),
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::org::{Account, ContactType, CustomFieldDefinition, FieldType};
    use serde_json::json;

    #[test]
    fn contact_types_come_bare_or_wrapped_and_odd_items_are_skipped() {
        let item = json!({"id": "CT_PRIMARY", "attribute": "contact_type", "value": "PRIMARY",
                          "isDefault": true, "configuration": {"color": "red"}});
        let odd = json!({"id": 5, "value": "BROKEN"});
        let no_flag = json!({"id": "CT_OTHER", "value": "OTHER", "isDefault": null});
        let expected = vec![
            ContactType {
                id: "CT_PRIMARY".into(),
                value: "PRIMARY".into(),
                is_default: true,
            },
            ContactType {
                id: "CT_OTHER".into(),
                value: "OTHER".into(),
                is_default: false,
            },
        ];
        let bare = json!([item, odd, no_flag]);
        let wrapped = json!({"status": true, "data": bare.clone()});
        assert_eq!(list::<_, ContactType>(&bare), Some(expected.clone()));
        assert_eq!(list::<_, ContactType>(&wrapped), Some(expected));
        assert_eq!(list::<_, ContactType>(&json!({"data": {}})), None);
        assert_eq!(list::<_, ContactType>(&json!("[]")), None);
    }

    #[test]
    fn custom_fields_read_the_documented_members_and_tolerate_the_rest() {
        let fields: Vec<CustomFieldDefinition> = list(&json!({"data": [
            {"uid": "cf_tier", "name": "Customer tier", "slug": "customer_tier",
             "fieldType": "single_choice", "options": ["Bronze", {"value": "Silver"}, {"id": 1, "value": "Gold"}],
             "isActive": true, "hintText": "Decides the plan.", "placeholderText": null,
             "mandatoryOnCreation": true, "defaultValue": "Silver", "teamId": null},
            {"uid": "cf_new", "name": "Colour", "fieldType": "colour_picker", "isActive": null,
             "defaultValue": 3, "regexForValidation": "^#"},
            {"uid": "cf_multi", "name": "Interests", "slug": "", "fieldType": "multi_choice",
             "options": null, "defaultValue": ["A", "B"], "isActive": false},
            {"uid": "cf_plain", "name": "Plain"},
            {"name": "no uid"}
        ]}))
        .unwrap();
        assert_eq!(fields.len(), 4);
        let plain = &fields[3];
        assert!(plain.is_active && !plain.mandatory_on_creation);
        assert_eq!(
            (plain.kind(), plain.slug()),
            (FieldType::SingleLine, "cf_plain")
        );
        let tier = &fields[0];
        assert_eq!(tier.kind(), FieldType::SingleChoice);
        assert_eq!(tier.slug(), "customer_tier");
        assert_eq!(tier.options.0, ["Bronze", "Silver", "Gold"]);
        assert!(tier.mandatory_on_creation && tier.is_active);
        assert_eq!(tier.default_value.0, ["Silver"]);
        let colour = &fields[1];
        assert_eq!(colour.kind(), FieldType::Unknown);
        assert_eq!(colour.slug(), "cf_new");
        assert!(colour.is_active);
        assert_eq!(colour.default_value.0, ["3"]);
        assert_eq!(colour.regex_for_validation.as_deref(), Some("^#"));
        let multi = &fields[2];
        assert_eq!(multi.slug(), "cf_multi");
        assert!(multi.options.0.is_empty() && !multi.is_active);
        assert_eq!(multi.default_value.0, ["A", "B"]);
    }

    #[test]
    fn accounts_come_from_search_hits() {
        let reply = json!({"result": {"found": 2, "hits": [
            {"document": {"id": "acc_acme", "name": "Acme Corp", "primaryDomain": "acme.com", "status": "ACTIVE"}},
            {"document": {"id": "acc_x", "name": "No domain", "primaryDomain": null}},
            {"document": {"name": "no id"}},
            {"highlight": {}}
        ]}});
        let accounts: Vec<Account> = search_hits(&reply).unwrap();
        assert_eq!(
            accounts,
            [
                Account {
                    id: "acc_acme".into(),
                    name: "Acme Corp".into(),
                    primary_domain: Some("acme.com".into())
                },
                Account {
                    id: "acc_x".into(),
                    name: "No domain".into(),
                    primary_domain: None
                },
            ]
        );
        assert_eq!(search_hits::<_, Account>(&json!({"hits": []})), None);
        assert_eq!(search_hits::<_, Account>(&json!([])), None);
    }
}
