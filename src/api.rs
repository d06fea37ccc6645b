//! The one client of `POST /v1/accounts/contacts`: it builds the request (URL, headers, body) and
//! turns every outcome into one typed result, so the view never looks at a status code.

use crate::contact::{CreatedContact, NewContact};
use crate::field::Field;
use crate::json::{self, Json};
use crate::texts::{Text, Texts};
use crate::validate::{invalid_fields_summary, FieldError};

/// How long the widget waits for the service before it gives up and offers a retry.
pub const REQUEST_TIMEOUT_MS: u32 = 30_000;

/// Where and as whom the widget calls the API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiConfig {
    api_base: String,
    org_id: String,
}

/// Why an [`ApiConfig`] could not be made; the message names the option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ApiConfig {
    /// `api_base`: an absolute `https` URL (plain `http` only for localhost); `org_id`: the
    /// organization sent as `x-org-id`.
    pub fn new(api_base: &str, org_id: &str) -> Result<ApiConfig, ConfigError> {
        let api_base = api_base.trim().trim_end_matches('/');
        let lower = api_base.to_ascii_lowercase();
        let host = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
        let Some(host) = host.filter(|h| !h.is_empty()) else {
            return Err(ConfigError(format!(
                "apiBase must be an absolute https:// URL, like https://platform.thena.ai (got \"{api_base}\")"
            )));
        };
        let hostname = if host.starts_with('[') {
            host.split_inclusive(']').next().unwrap_or_default()
        } else {
            host.rsplit('@')
                .next()
                .unwrap_or_default()
                .split(':')
                .next()
                .unwrap_or_default()
        };
        let local = matches!(hostname, "localhost" | "127.0.0.1" | "[::1]");
        if lower.starts_with("http://") && !local {
            return Err(ConfigError(format!(
                "apiBase must use https:// (plain http:// only for localhost), got \"{api_base}\""
            )));
        }
        if api_base
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
            || api_base.contains(['?', '#'])
        {
            return Err(ConfigError(format!(
                "apiBase must not contain spaces, a query or a fragment, got \"{api_base}\""
            )));
        }
        let org_id = org_id.trim();
        if org_id.is_empty() {
            return Err(ConfigError("orgId is required".into()));
        }
        if !is_header_value(org_id) {
            return Err(ConfigError(
                "orgId may contain only printable ASCII characters".into(),
            ));
        }
        Ok(ApiConfig {
            api_base: api_base.to_string(),
            org_id: org_id.to_string(),
        })
    }

    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    pub fn org_id(&self) -> &str {
        &self.org_id
    }

    pub fn contacts_url(&self) -> String {
        format!("{}/v1/accounts/contacts", self.api_base)
    }
}

/// What `fetch` accepts in a header without throwing: printable ASCII.
fn is_header_value(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Every way a create can fail, each with the message a person reads.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// 400/422: messages attached to the fields they name, and the rest.
    Validation {
        fields: Vec<(Field, FieldError)>,
        general: Vec<String>,
    },
    /// 401, or a token the host gave that no request can carry.
    Unauthorized,
    Forbidden,
    /// 409, or a 400 that says the email exists.
    Conflict,
    RateLimited {
        retry_after_secs: Option<u64>,
    },
    Server {
        status: u16,
    },
    Network {
        timed_out: bool,
    },
    /// A reply that is not the documented JSON, or a status the API does not document.
    BadResponse {
        status: u16,
    },
}

impl ApiError {
    /// The machine-readable kind the host receives in `contact:error`.
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Validation { .. } => "validation",
            ApiError::Unauthorized => "unauthorized",
            ApiError::Forbidden => "forbidden",
            ApiError::Conflict => "conflict",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::Server { .. } => "server",
            ApiError::Network { .. } => "network",
            ApiError::BadResponse { .. } => "bad_response",
        }
    }

    /// The message shown above the button.
    pub fn message(&self, texts: &Texts) -> String {
        let (key, name, value) = match self {
            ApiError::Validation { general, fields } => {
                return match (general.is_empty(), fields.len()) {
                    (false, _) => general.join(" "),
                    (true, 0) => texts.get(Text::ApiRejected).into(),
                    (true, n) => invalid_fields_summary(n, texts),
                }
            }
            ApiError::Unauthorized => (Text::ApiUnauthorized, "", 0),
            ApiError::Forbidden => (Text::ApiForbidden, "", 0),
            ApiError::Conflict => (Text::ApiConflict, "", 0),
            ApiError::RateLimited {
                retry_after_secs: Some(secs @ 0..=90),
            } => (Text::ApiRateLimited, "seconds", (*secs).max(2)),
            ApiError::RateLimited {
                retry_after_secs: Some(secs),
            } => (Text::ApiRateLimitedMinutes, "minutes", secs.div_ceil(60)),
            ApiError::RateLimited {
                retry_after_secs: None,
            } => (Text::ApiRateLimitedUnknown, "", 0),
            ApiError::Server { status } => (Text::ApiServer, "status", (*status).into()),
            ApiError::Network { timed_out: true } => (
                Text::ApiTimeout,
                "seconds",
                (REQUEST_TIMEOUT_MS / 1000).into(),
            ),
            ApiError::Network { timed_out: false } => (Text::ApiNetwork, "", 0),
            ApiError::BadResponse { status: 200..=299 } => (Text::ApiProbablyCreated, "", 0),
            ApiError::BadResponse { status: 404 } => (Text::ApiNotFound, "", 0),
            ApiError::BadResponse { status } => (Text::ApiBadResponse, "status", (*status).into()),
        };
        texts.fill(key, &[(name, &value.to_string())])
    }

    /// The HTTP status, when there was a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Validation { .. } => Some(400),
            ApiError::Unauthorized => Some(401),
            ApiError::Forbidden => Some(403),
            ApiError::Conflict => Some(409),
            ApiError::RateLimited { .. } => Some(429),
            ApiError::Server { status } | ApiError::BadResponse { status } => Some(*status),
            ApiError::Network { .. } => None,
        }
    }

    /// Errors to show on fields.
    pub fn field_errors(&self) -> Vec<(Field, FieldError)> {
        match self {
            ApiError::Validation { fields, .. } => fields.clone(),
            ApiError::Conflict => vec![(Field::Email, FieldError::EmailAlreadyExists)],
            _ => Vec::new(),
        }
    }

    /// Whether sending the same thing again can work (the view offers "Try again").
    pub fn retryable(&self) -> bool {
        match self {
            ApiError::RateLimited { .. } | ApiError::Server { .. } | ApiError::Network { .. } => {
                true
            }
            ApiError::BadResponse { status } => !(200..300).contains(status),
            _ => false,
        }
    }
}

/// The parts of a response that decide the outcome.
#[derive(Clone, Copy, Debug)]
pub struct ResponseParts<'a> {
    pub status: u16,
    pub retry_after: Option<&'a str>,
    pub rate_limit_reset: Option<&'a str>,
    pub body: &'a str,
}

/// A created contact, typed, with the JSON object the API returned (for the host).
#[derive(Clone, Debug, PartialEq)]
pub struct Created {
    pub contact: CreatedContact,
    /// The contact object as JSON text, unwrapped from `data` when the service wrapped it.
    pub json: String,
}

/// Turns a response into the one typed result. `now_unix` is the current time in seconds.
pub fn interpret_response(parts: ResponseParts<'_>, now_unix: u64) -> Result<Created, ApiError> {
    let status = parts.status;
    match status {
        200..=299 => {
            let bad = ApiError::BadResponse { status };
            let reply = json::parse(parts.body).ok_or(bad.clone())?;
            // Some Thena endpoints wrap results as {status, message, timestamp, data}.
            let object = match reply.get("data") {
                Some(data) if reply.get("id").is_none() => data,
                _ => &reply,
            };
            let contact = CreatedContact::from_json(object).ok_or(bad)?;
            Ok(Created {
                contact,
                json: object.raw.to_string(),
            })
        }
        400 | 422 => Err(validation_error(&nest_messages(parts.body))),
        401 => Err(ApiError::Unauthorized),
        403 => Err(ApiError::Forbidden),
        409 => Err(ApiError::Conflict),
        429 => Err(ApiError::RateLimited {
            retry_after_secs: wait_seconds(parts.retry_after, parts.rate_limit_reset, now_unix),
        }),
        500..=599 => Err(ApiError::Server { status }),
        _ => Err(ApiError::BadResponse { status }),
    }
}

/// The messages of a NestJS error body (`message`: a string or an array of strings); anything
/// else in it is ignored.
fn nest_messages(body: &str) -> Vec<String> {
    let Some(reply) = json::parse(body) else {
        return Vec::new();
    };
    match reply.get("message").map(|m| &m.value) {
        Some(Json::String(message)) => vec![message.clone()],
        Some(Json::Array(items)) => items
            .iter()
            .filter_map(|item| item.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

fn validation_error(messages: &[String]) -> ApiError {
    if messages.iter().any(|m| says_email_exists(m)) {
        return ApiError::Conflict;
    }
    let mut fields: Vec<(Field, FieldError)> = Vec::new();
    let mut general = Vec::new();
    for message in messages {
        match field_of_message(message) {
            Some((field, readable)) => match fields.iter_mut().find(|(f, _)| *f == field) {
                Some((_, FieldError::Server(existing))) => {
                    existing.push(' ');
                    existing.push_str(&readable);
                }
                _ => fields.push((field, FieldError::Server(readable))),
            },
            None => general.push(message.clone()),
        }
    }
    ApiError::Validation { fields, general }
}

fn says_email_exists(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("email")
        && ["exist", "already", "duplicate", "taken", "in use", "unique"]
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

/// Seconds to wait after a 429: `Retry-After` in seconds, else `X-RateLimit-Reset` (unix
/// seconds; small values are taken as seconds from now, large ones as milliseconds). The HTTP-date
/// form of `Retry-After` is not read (the Thena API documents the reset header).
fn wait_seconds(retry_after: Option<&str>, reset: Option<&str>, now_unix: u64) -> Option<u64> {
    if let Some(secs) = retry_after.and_then(|value| value.trim().parse::<u64>().ok()) {
        return Some(secs);
    }
    // Unix seconds, possibly with a fraction (dropped).
    let reset: u64 = reset?.trim().split('.').next()?.parse().ok()?;
    Some(match reset {
        r if r < 1_000_000_000 => r,
        r if r > 100_000_000_000 => (r / 1000).saturating_sub(now_unix),
        r => r.saturating_sub(now_unix),
    })
}

/// Sends the create request. `token` is the host page's bearer token; `signal` aborts it.
///
/// Plain `fetch` (see `post`): gloo-net's wrappers also link ReadableStream and URL code the
/// widget never uses (1.1 KB gzip of wasm and a dozen JS imports, measured).
pub async fn create_contact(
    config: &ApiConfig,
    token: &str,
    body: &NewContact,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Created, ApiError> {
    let token = token.trim();
    // fetch refuses such header values; a person can only fix this by signing in again.
    if !is_header_value(token) {
        return Err(ApiError::Unauthorized);
    }
    let network = |_| ApiError::Network { timed_out: false };
    let promise = post(
        &config.contacts_url(),
        token,
        config.org_id(),
        &body.to_json(),
        signal,
    );
    let parts: js_sys::Array = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(network)?
        .into();
    let text = |i| parts.get(i).as_string();
    let body = text(3).unwrap_or_default();
    let now_unix = (js_sys::Date::now() / 1000.0) as u64;
    interpret_response(
        ResponseParts {
            status: parts.get(0).as_f64().unwrap_or_default() as u16,
            retry_after: text(1).as_deref(),
            rate_limit_reset: text(2).as_deref(),
            body: &body,
        },
        now_unix,
    )
}

// The request itself, in JavaScript: one import instead of the dozen web-sys bindings that
// Headers, RequestInit and Response need (about 1 KB of gzip).
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function post(url, token, orgId, body, signal) {
  const headers = { Authorization: `Bearer ${token}`, "x-org-id": orgId, "Content-Type": "application/json" };
  return Promise.resolve()
    .then(() => fetch(url, { method: "POST", headers, body, signal }))
    .then((r) => r.text().then((text) => [r.status, r.headers.get("retry-after"), r.headers.get("x-ratelimit-reset"), text]));
}
"#)]
extern "C" {
    /// Resolves to `[status, Retry-After, X-RateLimit-Reset, body]`; rejects when no response
    /// came (network, abort).
    fn post(
        url: &str,
        token: &str,
        org_id: &str,
        body: &str,
        signal: Option<&web_sys::AbortSignal>,
    ) -> js_sys::Promise;
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000;

    fn respond(status: u16, body: &str) -> Result<Created, ApiError> {
        interpret_response(
            ResponseParts {
                status,
                retry_after: None,
                rate_limit_reset: None,
                body,
            },
            NOW,
        )
    }

    fn nest(status: u16, message: serde_json::Value) -> String {
        serde_json::json!({"statusCode": status, "message": message, "error": "Bad Request"})
            .to_string()
    }

    #[test]
    fn config_requires_https_except_on_localhost() {
        let c = ApiConfig::new("https://platform.thena.ai/", "org_1").unwrap();
        assert_eq!(
            c.contacts_url(),
            "https://platform.thena.ai/v1/accounts/contacts"
        );
        assert!(ApiConfig::new("http://localhost:8787", "o").is_ok());
        assert!(ApiConfig::new("http://127.0.0.1:8787/", "o").is_ok());
        assert!(ApiConfig::new("HTTP://[::1]:80", "o").is_ok());
        for bad in [
            "http://platform.thena.ai",
            "http://localhost.evil.com",
            "platform.thena.ai",
            "/v1",
            "",
            "javascript:alert(1)",
            "https://",
            "https://exa mple.com",
            "https://a.com/?x",
        ] {
            let err = ApiConfig::new(bad, "o").unwrap_err();
            assert!(err.0.contains("apiBase"), "{bad}: {err}");
        }
        assert_eq!(
            ApiConfig::new("https://a.com", " ").unwrap_err().0,
            "orgId is required"
        );
        assert!(ApiConfig::new("https://a.com", "org\nX: y")
            .unwrap_err()
            .0
            .contains("orgId"));
        assert!(ApiConfig::new("https://a.com", "orgé").is_err());
    }

    fn wrapped_json(body: &str) -> String {
        respond(201, body).unwrap().json
    }

    #[test]
    fn created_contact_flat_or_wrapped_in_data() {
        let seed = include_str!("../tests/fixtures/seed-response.json");
        let flat = respond(201, seed).unwrap();
        assert_eq!(flat.contact.id, "<string>");
        let wrapped = format!(
            r#"{{"status":true,"message":"ok","timestamp":"2026-11-28T00:00:00Z","data":{seed}}}"#
        );
        assert_eq!(respond(201, &wrapped).unwrap(), flat);
        assert_eq!(flat.json, seed.trim());
        assert_eq!(wrapped_json(&wrapped), seed.trim());
    }

    #[test]
    fn created_but_unreadable_is_a_bad_response_that_is_not_retried() {
        for body in [
            "",
            "not json",
            "{\"id\":",
            "[]",
            "{}",
            "null",
            r#"{"data":{"x":1}}"#,
        ] {
            let err = respond(201, body).unwrap_err();
            assert_eq!(err, ApiError::BadResponse { status: 201 }, "{body}");
            assert_eq!(err.kind(), "bad_response");
            assert!(!err.retryable());
            assert!(err.message(&Texts::default()).contains("contact list"));
        }
    }

    #[test]
    fn nest_messages_go_to_the_fields_they_name() {
        let body = nest(
            400,
            serde_json::json!([
                "email must be an email",
                "firstName should not be empty",
                "accountIds.0 must be a string",
                "each value in accountIds must be a UUID",
                "something else went wrong",
            ]),
        );
        let err = respond(400, &body).unwrap_err();
        assert_eq!(err.kind(), "validation");
        assert_eq!(
            err.field_errors(),
            vec![
                (
                    Field::Email,
                    FieldError::Server("{label} must be an email.".into())
                ),
                (
                    Field::FirstName,
                    FieldError::Server("{label} should not be empty.".into())
                ),
                (
                    Field::AccountIds,
                    FieldError::Server(
                        "{label} must be a string. Each of the {label} must be a UUID.".into()
                    )
                ),
            ]
        );
        assert_eq!(err.message(&Texts::default()), "something else went wrong");
    }

    #[test]
    fn nest_single_message_and_unreadable_400() {
        let err = respond(400, &nest(400, "No contacts to create".into())).unwrap_err();
        assert_eq!(
            err,
            ApiError::Validation {
                fields: vec![],
                general: vec!["No contacts to create".into()]
            }
        );
        let err = respond(400, "<html>Bad</html>").unwrap_err();
        assert_eq!(err.kind(), "validation");
        assert!(err.message(&Texts::default()).contains("didn't say why"));
        let err = respond(
            422,
            &nest(
                422,
                serde_json::json!(["phoneNumber must be a valid phone number"]),
            ),
        )
        .unwrap_err();
        assert_eq!(err.field_errors()[0].0, Field::Phone);
        assert_eq!(
            err.message(&Texts::default()),
            "Check the highlighted field."
        );
    }

    #[test]
    fn duplicate_email_is_a_conflict_on_the_email_field() {
        for err in [
            respond(409, &nest(409, "Contact already exists".into())).unwrap_err(),
            respond(409, "").unwrap_err(),
            respond(
                400,
                &nest(400, "Contact with this email already exists".into()),
            )
            .unwrap_err(),
            respond(
                400,
                &nest(400, serde_json::json!(["Email is already in use"])),
            )
            .unwrap_err(),
        ] {
            assert_eq!(err, ApiError::Conflict);
            assert_eq!(err.kind(), "conflict");
            assert_eq!(
                err.field_errors(),
                vec![(Field::Email, FieldError::EmailAlreadyExists)]
            );
            assert!(FieldError::EmailAlreadyExists
                .message(Field::Email, &Texts::default())
                .starts_with("A contact with this email already exists"));
        }
    }

    #[test]
    fn auth_errors_have_their_own_messages() {
        let err = respond(401, &nest(401, "Unauthorized".into())).unwrap_err();
        assert_eq!((err.kind(), err.status()), ("unauthorized", Some(401)));
        assert!(err
            .message(&Texts::default())
            .contains("session has expired"));
        let err = respond(403, "").unwrap_err();
        assert_eq!((err.kind(), err.status()), ("forbidden", Some(403)));
        assert!(err
            .message(&Texts::default())
            .contains("don't have permission"));
        assert!(!err.retryable());
    }

    #[test]
    fn rate_limit_uses_retry_after_or_the_reset_time() {
        let limited = |retry_after, reset| {
            interpret_response(
                ResponseParts {
                    status: 429,
                    retry_after,
                    rate_limit_reset: reset,
                    body: "",
                },
                NOW,
            )
            .unwrap_err()
        };
        assert_eq!(
            limited(Some("30"), None),
            ApiError::RateLimited {
                retry_after_secs: Some(30)
            }
        );
        assert!(limited(Some("30"), None)
            .message(&Texts::default())
            .contains("30 seconds"));
        let reset = (NOW + 120).to_string();
        let err = limited(None, Some(&reset));
        assert_eq!(
            err,
            ApiError::RateLimited {
                retry_after_secs: Some(120)
            }
        );
        assert!(err.message(&Texts::default()).contains("about 2 minutes"));
        assert_eq!(
            limited(None, Some("45")),
            ApiError::RateLimited {
                retry_after_secs: Some(45)
            }
        );
        let fraction = format!("{}.75", NOW + 10);
        assert_eq!(
            limited(None, Some(&fraction)),
            ApiError::RateLimited {
                retry_after_secs: Some(10)
            }
        );
        let ms = ((NOW + 10) * 1000).to_string();
        assert_eq!(
            limited(None, Some(&ms)),
            ApiError::RateLimited {
                retry_after_secs: Some(10)
            }
        );
        assert_eq!(
            limited(Some("soon"), Some("never")),
            ApiError::RateLimited {
                retry_after_secs: None
            }
        );
        assert!(limited(None, None)
            .message(&Texts::default())
            .contains("Wait a minute"));
        assert_eq!(limited(None, None).kind(), "rate_limited");
        // An HTTP-date Retry-After is not read; the reset header still is.
        let reset = (NOW + 20).to_string();
        assert_eq!(
            limited(Some("Fri, 15 Jan 2027 08:01:00 GMT"), Some(&reset)),
            ApiError::RateLimited {
                retry_after_secs: Some(20)
            }
        );
    }

    #[test]
    fn server_errors_and_odd_statuses_offer_a_retry() {
        for status in [500, 502, 503, 504] {
            let err = respond(status, "<html>oops</html>").unwrap_err();
            assert_eq!((err.kind(), err.status()), ("server", Some(status)));
            assert!(err.retryable());
            assert!(err.message(&Texts::default()).contains(&status.to_string()));
        }
        let err = respond(404, "").unwrap_err();
        assert_eq!(err.kind(), "bad_response");
        assert!(err.message(&Texts::default()).contains("API address"));
        let err = respond(302, "").unwrap_err();
        assert_eq!(err, ApiError::BadResponse { status: 302 });
        assert!(err.retryable());
        let net = ApiError::Network { timed_out: false };
        assert_eq!((net.kind(), net.status()), ("network", None));
        assert!(net.retryable() && net.message(&Texts::default()).contains("Couldn't reach"));
        assert!(ApiError::Network { timed_out: true }
            .message(&Texts::default())
            .contains("30 seconds"));
    }

    #[test]
    fn hostile_error_bodies_never_panic() {
        let huge = "x".repeat(100_000);
        for body in [
            "",
            "\u{0}",
            "{\"message\":null}",
            "{\"message\":[1,2,{}]}",
            "{\"message\":{}}",
            "[\"<script>\"]",
            &huge,
            "{\"message\":\"<img src=x onerror=alert(1)>\"}",
        ] {
            for status in [
                0, 100, 200, 201, 204, 400, 401, 403, 409, 422, 429, 500, 599, 600, 65535,
            ] {
                let _ = respond(status, body)
                    .map_err(|e| (e.message(&Texts::default()), e.field_errors()));
            }
        }
    }
}
