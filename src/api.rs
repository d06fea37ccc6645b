//! The one client of the Thena API: it builds every request (URL, query, headers, body) with
//! gloo-net — the create, and the reads of the organization's data ([`crate::org_data`]) — and
//! turns every outcome into one typed result, so the view never looks at a status code. The browser parses the reply (`JSON.parse`) and serde-wasm-bindgen reads it into the
//! contract's types; [`interpret_response`] takes any [`Reply`], so the same mapping is tested
//! natively on serde_json values.

use crate::contact::{CreatedContact, NestError, NewContact};
use crate::field::{Field, Target};
use crate::locale::TimeUnit;
use crate::texts::{Text, Texts};
use crate::validate::{invalid_fields_summary, FieldError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// Where and as whom the widget calls the API.
///
/// # Examples
///
/// ```
/// use thena_add_contact::ApiConfig;
///
/// let api = ApiConfig::new("https://platform.thena.ai/", " org_7Hq2 ").unwrap();
/// assert_eq!(api.api_base(), "https://platform.thena.ai");
/// assert_eq!(api.org_id(), "org_7Hq2");
/// assert_eq!(api.contacts_url(), "https://platform.thena.ai/v1/accounts/contacts");
/// // Plain http only for a local stand-in of the API.
/// assert!(ApiConfig::new("http://localhost:8787", "org_7Hq2").is_ok());
/// assert!(ApiConfig::new("http://platform.thena.ai", "org_7Hq2").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiConfig {
    api_base: String,
    org_id: String,
}

/// Why an [`ApiConfig`] could not be made; the message names the option.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{ApiConfig, ConfigError};
///
/// let error: ConfigError = ApiConfig::new("https://platform.thena.ai", " ").unwrap_err();
/// assert_eq!(error.to_string(), "orgId is required");
/// let error = ApiConfig::new("platform.thena.ai", "org_7Hq2").unwrap_err();
/// assert!(error.0.starts_with("apiBase must be an absolute https:// URL"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ApiConfig {
    /// `api_base`: an absolute `https` URL (plain `http` only for `localhost`, `127.0.0.1` and
    /// `[::1]`), without a user name, a password, a backslash, spaces, a query or a fragment;
    /// `org_id`: the organization sent as `x-org-id`, printable ASCII.
    pub fn new(api_base: &str, org_id: &str) -> Result<ApiConfig, ConfigError> {
        let api_base = api_base.trim().trim_end_matches('/');
        let lower = api_base.to_ascii_lowercase();
        let host = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            // Browsers end the host at a backslash too.
            .map(|rest| rest.split(['/', '\\', '?', '#']).next().unwrap_or_default());
        let Some(host) = host.filter(|h| !h.is_empty()) else {
            return Err(ConfigError(format!(
                "apiBase must be an absolute https:// URL, like https://platform.thena.ai (got \"{api_base}\")"
            )));
        };
        // A user name or password: the browser's host is what follows the `@`, and fetch refuses
        // such a URL anyway.
        if host.contains('@') || api_base.contains('\\') {
            return Err(ConfigError(format!(
                "apiBase must not contain a user name, a password or a backslash, got \"{api_base}\""
            )));
        }
        let hostname = if host.starts_with('[') {
            host.split_inclusive(']').next().unwrap_or_default()
        } else {
            host.split(':').next().unwrap_or_default()
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

    /// The base URL, trimmed and without a trailing `/` (`https://platform.thena.ai`).
    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    /// The organization's ID, trimmed: the `x-org-id` header of every request.
    pub fn org_id(&self) -> &str {
        &self.org_id
    }

    /// The URL of the create: the base URL followed by [`CONTACTS_PATH`].
    pub fn contacts_url(&self) -> String {
        format!("{}{CONTACTS_PATH}", self.api_base)
    }
}

/// The longest wait after a 429 that the form counts down; a longer one (a `Retry-After` of ten
/// years) is reported as "try again later", and "Try again" stays usable.
pub const MAX_COUNTDOWN_SECS: u64 = 3600;

/// The most of a reply the widget reads: its replies are a few kilobytes (a page of 100 custom
/// fields is the largest); a longer body is a broken or hostile server's, and reads as no body.
pub const MAX_BODY_BYTES: usize = 2 << 20;

/// The create's path under `apiBase`.
pub const CONTACTS_PATH: &str = "/v1/accounts/contacts";

/// What `fetch` accepts in a header without throwing: printable ASCII.
fn is_header_value(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Every way a create can fail, each with the message a person reads.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// 400, 409 or 422: the service refused the contact. Its messages are attached to the fields
    /// they name (a duplicate email to the email field), the rest are kept to show above the
    /// button.
    Rejected {
        /// The status sent: 400, 409 or 422.
        status: u16,
        /// The messages that name a field, each on the field (built-in or custom) it is about.
        fields: Vec<(Target, FieldError)>,
        /// The messages that name no field, as sent.
        general: Vec<String>,
    },
    /// 401, or no token the host could give (`status` is then `None`).
    Unauthorized {
        /// `Some(401)`, or `None` when nothing was sent for want of a token.
        status: Option<u16>,
    },
    /// 403: the signed-in person may not add contacts in this organization.
    Forbidden,
    /// 429: too many requests.
    RateLimited {
        /// The seconds to wait (`Retry-After`, else `X-RateLimit-Reset`); `None` when the reply
        /// named no wait that could be read (see [`ApiError::with_backoff`]).
        retry_after_secs: Option<u64>,
    },
    /// A 5xx: the service failed.
    Server {
        /// The status sent (500 to 599).
        status: u16,
    },
    /// No answer: the network failed, or none came within `timeout_secs`.
    Network {
        /// The timeout that ran out, in seconds; `None` when the network failed (or the request
        /// could not be made).
        timeout_secs: Option<u64>,
    },
    /// A reply that is not the documented JSON, or a status the API does not document.
    BadResponse {
        /// The status sent.
        status: u16,
    },
    /// A 2xx whose body could not be read, after which a search did not find the contact: it
    /// was probably not created (or is not searchable yet), so trying again is offered.
    Unconfirmed {
        /// The 2xx status sent.
        status: u16,
    },
}

impl ApiError {
    /// The service said only that the email is taken (a 409, or a 400 saying so and nothing
    /// else).
    pub fn is_conflict(&self) -> bool {
        match self {
            ApiError::Rejected {
                status,
                fields,
                general,
            } => {
                *status == 409
                    || (general.is_empty()
                        && matches!(
                            fields.as_slice(),
                            [(Target::Field(Field::Email), FieldError::EmailAlreadyExists)]
                        ))
            }
            _ => false,
        }
    }

    /// The machine-readable kind the host receives in `contact:error`.
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Rejected { .. } if self.is_conflict() => "conflict",
            ApiError::Rejected { .. } => "validation",
            ApiError::Unauthorized { .. } => "unauthorized",
            ApiError::Forbidden => "forbidden",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::Server { .. } => "server",
            ApiError::Network { .. } => "network",
            ApiError::BadResponse { .. } | ApiError::Unconfirmed { .. } => "bad_response",
        }
    }

    /// The message shown above the button.
    pub fn message(&self, texts: &Texts) -> String {
        // Status codes are codes, written as sent; durations as the language writes them.
        let seconds = |n| texts.duration(n, TimeUnit::Second, false);
        let (key, name, value) = match self {
            ApiError::Rejected { general, .. } if !general.is_empty() => return general.join(" "),
            ApiError::Rejected { .. } if self.is_conflict() => {
                (Text::ApiConflict, "", String::new())
            }
            ApiError::Rejected { fields, .. } if !fields.is_empty() => {
                return invalid_fields_summary(fields.len(), texts)
            }
            ApiError::Rejected { status, .. } => (Text::ApiRejected, "status", status.to_string()),
            ApiError::Unauthorized { .. } => (Text::ApiUnauthorized, "", String::new()),
            ApiError::Forbidden => (Text::ApiForbidden, "", String::new()),
            ApiError::RateLimited {
                retry_after_secs: Some(secs @ 0..=90),
            } => (Text::ApiRateLimited, "seconds", seconds((*secs).max(2))),
            ApiError::RateLimited {
                retry_after_secs: Some(secs @ 0..=MAX_COUNTDOWN_SECS),
            } => (
                Text::ApiRateLimitedMinutes,
                "minutes",
                texts.duration(secs.div_ceil(60), TimeUnit::Minute, false),
            ),
            ApiError::RateLimited {
                retry_after_secs: Some(_),
            } => (Text::ApiRateLimitedLong, "", String::new()),
            ApiError::RateLimited {
                retry_after_secs: None,
            } => (Text::ApiRateLimitedUnknown, "", String::new()),
            ApiError::Server { status } => (Text::ApiServer, "status", status.to_string()),
            ApiError::Network {
                timeout_secs: Some(secs),
            } => (Text::ApiTimeout, "seconds", seconds(*secs)),
            ApiError::Network { timeout_secs: None } => (Text::ApiNetwork, "", String::new()),
            ApiError::BadResponse { status: 200..=299 } => {
                (Text::ApiProbablyCreated, "", String::new())
            }
            ApiError::BadResponse { status: 404 } => (Text::ApiNotFound, "", String::new()),
            ApiError::BadResponse { status } => {
                (Text::ApiBadResponse, "status", status.to_string())
            }
            ApiError::Unconfirmed { status } => {
                (Text::ApiUnconfirmed, "status", status.to_string())
            }
        };
        texts.fill(key, &[(name, &value)])
    }

    /// The HTTP status the service sent, `None` when no answer came.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Rejected { status, .. }
            | ApiError::Server { status }
            | ApiError::BadResponse { status }
            | ApiError::Unconfirmed { status } => Some(*status),
            ApiError::Unauthorized { status } => *status,
            ApiError::Forbidden => Some(403),
            ApiError::RateLimited { .. } => Some(429),
            ApiError::Network { .. } => None,
        }
    }

    /// Errors to show on fields.
    pub fn field_errors(&self) -> &[(Target, FieldError)] {
        match self {
            ApiError::Rejected { fields, .. } => fields,
            _ => &[],
        }
    }

    /// Moves the refusal's messages that name one of the form's custom fields — by its name at
    /// the start ("Employee count must be an integer") or by its slug anywhere ("Custom field
    /// customer_tier is required") — to that field. `custom` lists (slug, name).
    pub fn claim_custom_fields<'a>(
        &mut self,
        custom: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    ) {
        let ApiError::Rejected {
            fields, general, ..
        } = self
        else {
            return;
        };
        general.retain(|message| {
            let named = custom.clone().find(|(slug, name)| {
                starts_with_word(message, name) || contains_word(message, slug)
            });
            let Some((slug, _)) = named else {
                return true;
            };
            let target = Target::Custom(slug.to_string());
            match fields.iter_mut().find(|(t, _)| *t == target) {
                Some((_, FieldError::Server(existing))) => {
                    existing.push(' ');
                    existing.push_str(message);
                }
                Some(_) => {}
                None => fields.push((target, FieldError::Server(message.clone()))),
            }
            false
        });
    }

    /// Whether the request may have created the contact all the same: no answer came (the
    /// network failed, or the reply did not end in time), or a 2xx whose body could not be read.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            ApiError::Network { .. }
                | ApiError::BadResponse { status: 200..=299 }
                | ApiError::Unconfirmed { .. }
        )
    }

    /// What a lost reply comes to when a search did not find the contact it may have created.
    pub fn not_found_after(self) -> ApiError {
        match self {
            ApiError::BadResponse {
                status: status @ 200..=299,
            } => ApiError::Unconfirmed { status },
            other => other,
        }
    }

    /// A 429 that named no wait gets one: 5 seconds, doubled for each 429 `in_a_row` before
    /// it, at most 5 minutes.
    pub fn with_backoff(self, in_a_row: u32) -> ApiError {
        match self {
            ApiError::RateLimited {
                retry_after_secs: None,
            } => ApiError::RateLimited {
                retry_after_secs: Some(5u64 << in_a_row.min(6)).map(|secs| secs.min(300)),
            },
            other => other,
        }
    }

    /// The seconds to wait before trying again, when the service named a wait the form counts
    /// down (up to an hour; a longer one is only reported).
    pub fn countdown(&self) -> Option<u64> {
        match self {
            ApiError::RateLimited {
                retry_after_secs: Some(secs @ 1..=MAX_COUNTDOWN_SECS),
            } => Some(*secs),
            _ => None,
        }
    }

    /// Whether sending the same thing again can work (the view offers "Try again").
    pub fn retryable(&self) -> bool {
        match self {
            ApiError::RateLimited { .. }
            | ApiError::Server { .. }
            | ApiError::Network { .. }
            | ApiError::Unconfirmed { .. } => true,
            ApiError::BadResponse { status } => !(200..300).contains(status),
            _ => false,
        }
    }
}

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
fn rejection(status: u16, messages: &[String]) -> ApiError {
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

/// Whether `message` starts with `word` followed by a space (case-insensitive).
fn starts_with_word(message: &str, word: &str) -> bool {
    !word.is_empty()
        && message
            .get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word))
        && message[word.len()..].starts_with(' ')
}

/// Whether `word` occurs in `message` on its own (not inside a longer slug or word).
fn contains_word(message: &str, word: &str) -> bool {
    let part_of_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    !word.is_empty()
        && message.match_indices(word).any(|(at, _)| {
            !message[..at].ends_with(part_of_word)
                && !message[at + word.len()..].starts_with(part_of_word)
        })
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

/// A value as JavaScript sees it: `serde_wasm_bindgen::to_value` in its JSON-compatible form
/// (`Serializer::json_compatible()`): plain objects for maps, `null` for nothing, as
/// `JSON.stringify` and the host's event listeners expect.
pub(crate) fn to_js<T: Serialize + ?Sized>(
    value: &T,
) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// A request to the API: a path under `apiBase`, its query parameters, and the JSON body of a
/// POST.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiRequest {
    /// The path under `apiBase`, like [`CONTACTS_PATH`].
    pub path: &'static str,
    /// The query parameters, as (name, value) in order; empty for none.
    pub query: Vec<(&'static str, String)>,
    /// The JSON body of a POST; `None` for a GET.
    pub json: Option<String>,
}

impl ApiRequest {
    /// `GET path?query`.
    pub fn get(path: &'static str, query: Vec<(&'static str, String)>) -> ApiRequest {
        ApiRequest {
            path,
            query,
            json: None,
        }
    }

    /// `POST /v1/accounts/contacts` with the contact.
    pub fn create(body: &NewContact) -> Result<ApiRequest, ApiError> {
        let json = to_js(body)
            .ok()
            .and_then(|body| js_sys::JSON::stringify(&body).ok())
            .and_then(|json| json.as_string())
            .ok_or(ApiError::Network { timeout_secs: None })?;
        Ok(ApiRequest {
            path: CONTACTS_PATH,
            query: Vec::new(),
            json: Some(json),
        })
    }
}

/// A reply, read to the end: the status, the rate-limit headers and the body the browser parsed
/// (`None` when it was not JSON or was cut off).
pub struct Answer {
    /// The HTTP status of the reply.
    pub status: u16,
    retry_after: Option<String>,
    rate_limit_reset: Option<String>,
    body: Option<JsValue>,
}

impl Answer {
    /// The typed outcome: what `read` finds in a 2xx body, or the error.
    pub fn interpret<T>(self, read: impl FnOnce(&JsValue) -> Option<T>) -> Result<T, ApiError> {
        interpret_response(
            ResponseParts {
                status: self.status,
                retry_after: self.retry_after.as_deref(),
                rate_limit_reset: self.rate_limit_reset.as_deref(),
                body: self.body,
            },
            (js_sys::Date::now() / 1000.0) as u64,
            read,
        )
    }

    /// The created contact, flat or wrapped in `data`.
    pub fn created_contact(self) -> Result<CreatedContact, ApiError> {
        self.interpret(flat_or_data)
    }
}

/// Sends `request` with the host page's bearer token; `signal` aborts it. Resolves once the
/// reply has been read. Fails only when no answer came (or the token cannot be sent).
pub async fn fetch(
    config: &ApiConfig,
    token: &str,
    request: &ApiRequest,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Answer, ApiError> {
    let token = token.trim();
    // fetch refuses such header values (gloo-net would throw); a person can only fix this by
    // signing in again.
    if !is_header_value(token) {
        return Err(ApiError::Unauthorized { status: None });
    }
    let network = ApiError::Network { timeout_secs: None };
    let url = format!("{}{}", config.api_base, request.path);
    let builder = match request.json {
        Some(_) => gloo_net::http::Request::post(&url).header("Content-Type", "application/json"),
        None => gloo_net::http::Request::get(&url),
    }
    .query(
        request
            .query
            .iter()
            .map(|(name, value)| (*name, value.as_str())),
    )
    .header("Authorization", &format!("Bearer {token}"))
    .header("x-org-id", config.org_id())
    .abort_signal(signal);
    let sent = match &request.json {
        Some(json) => builder.body(json.as_str()).map_err(|_| network.clone())?,
        None => builder.build().map_err(|_| network.clone())?,
    };
    let response = sent.send().await.map_err(|_| network)?;
    let headers = response.headers();
    // Parsed by the browser; a reply that is not JSON (or is cut off, or too long) has no body
    // to read.
    let body = read_bounded(&response)
        .await
        .and_then(|text| js_sys::JSON::parse(&text).ok());
    Ok(Answer {
        status: response.status(),
        retry_after: headers.get("retry-after"),
        rate_limit_reset: headers.get("x-ratelimit-reset"),
        body,
    })
}

/// The reply's body as text, if it is at most [`MAX_BODY_BYTES`]: read chunk by chunk, and given
/// up (the rest cancelled) as soon as it is longer.
async fn read_bounded(response: &gloo_net::http::Response) -> Option<String> {
    let reader: web_sys::ReadableStreamDefaultReader =
        response.body()?.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .ok()?;
        let field = |name: &str| js_sys::Reflect::get(&chunk, &name.into()).ok();
        if field("done")?.as_bool() != Some(false) {
            // As `response.text()` decodes: bad bytes replaced, a byte order mark dropped.
            let text = String::from_utf8_lossy(&bytes);
            return Some(text.trim_start_matches('\u{feff}').to_string());
        }
        let chunk: js_sys::Uint8Array = field("value")?.dyn_into().ok()?;
        let start = bytes.len();
        let end = start + chunk.length() as usize;
        if end > MAX_BODY_BYTES {
            let _ = reader.cancel();
            return None;
        }
        bytes.resize(end, 0);
        chunk.copy_to(&mut bytes[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    impl Reply for Value {
        fn read<T: DeserializeOwned>(&self) -> Option<T> {
            serde_json::from_value(self.clone()).ok()
        }

        fn member(&self, name: &str) -> Option<Value> {
            self.as_object()?.get(name).cloned()
        }

        fn items(&self) -> Option<Vec<Value>> {
            self.as_array().cloned()
        }
    }

    const NOW: u64 = 1_800_000_000;

    /// The reply as the browser would hand it over: parsed when it is JSON.
    fn respond(status: u16, body: &str) -> Result<CreatedContact, ApiError> {
        respond_with(status, None, None, body)
    }

    fn respond_with(
        status: u16,
        retry_after: Option<&str>,
        rate_limit_reset: Option<&str>,
        body: &str,
    ) -> Result<CreatedContact, ApiError> {
        interpret_response(
            ResponseParts {
                status,
                retry_after,
                rate_limit_reset,
                body: serde_json::from_str::<Value>(body).ok(),
            },
            NOW,
            flat_or_data,
        )
    }

    fn nest(status: u16, message: Value) -> String {
        json!({"statusCode": status, "message": message, "error": "Bad Request"}).to_string()
    }

    fn english(error: &ApiError) -> String {
        error.message(&Texts::default())
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
            // The browser's host is evil.com in each: plain http and the token would go there.
            "http://evil.com\\@localhost",
            "http://[::1]@evil.com",
            "http://localhost@evil.com",
            "http://evil.com\\.localhost",
            "https://user:secret@platform.thena.ai",
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

    #[test]
    fn created_contact_flat_or_wrapped_in_data() {
        let seed = include_str!("../tests/fixtures/response.json");
        let flat = respond(201, seed).unwrap();
        assert_eq!(flat.id, "ct_7f3a");
        assert_eq!(flat.email, "johanna.doerfler@example.com");
        let wrapped = format!(
            r#"{{"status":true,"message":"ok","timestamp":"2026-11-28T00:00:00Z","data":{seed}}}"#
        );
        assert_eq!(respond(201, &wrapped).unwrap(), flat);
        assert_eq!(respond(200, seed).unwrap(), flat);
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
            r#"{"id":"c","firstName":"A"}"#,
        ] {
            let err = respond(201, body).unwrap_err();
            assert_eq!(err, ApiError::BadResponse { status: 201 }, "{body}");
            assert_eq!((err.kind(), err.status()), ("bad_response", Some(201)));
            assert!(!err.retryable());
            assert!(english(&err).contains("contact list"));
        }
    }

    #[test]
    fn nest_messages_go_to_the_fields_they_name() {
        let body = nest(
            400,
            json!([
                "email must be an email",
                "firstName should not be empty",
                "accountIds.0 must be a string",
                "each value in accountIds must be a UUID",
                "something else went wrong",
            ]),
        );
        let err = respond(400, &body).unwrap_err();
        assert_eq!((err.kind(), err.status()), ("validation", Some(400)));
        assert_eq!(
            err.field_errors(),
            [
                (
                    Target::Field(Field::Email),
                    FieldError::Server("{label} must be an email.".into())
                ),
                (
                    Target::Field(Field::FirstName),
                    FieldError::Server("{label} should not be empty.".into())
                ),
                (
                    Target::Field(Field::AccountIds),
                    FieldError::Server(
                        "{label} must be a string. Each of the {label} must be a UUID.".into()
                    )
                ),
            ]
        );
        assert_eq!(english(&err), "something else went wrong");
    }

    #[test]
    fn a_refusal_reports_the_status_the_server_sent() {
        let err = respond(400, &nest(400, "No contacts to create".into())).unwrap_err();
        assert_eq!(
            err,
            ApiError::Rejected {
                status: 400,
                fields: vec![],
                general: vec!["No contacts to create".into()]
            }
        );
        let err = respond(400, "<html>Bad</html>").unwrap_err();
        assert_eq!((err.kind(), err.status()), ("validation", Some(400)));
        assert!(english(&err).contains("didn't say why (error 400)"));
        let err = respond(
            422,
            &nest(422, json!(["phoneNumber must be a valid phone number"])),
        )
        .unwrap_err();
        assert_eq!((err.kind(), err.status()), ("validation", Some(422)));
        assert_eq!(err.field_errors()[0].0, Target::Field(Field::Phone));
        assert_eq!(english(&err), "Check the highlighted field.");
        assert!(english(&respond(422, "").unwrap_err()).contains("(error 422)"));
    }

    #[test]
    fn duplicate_email_is_a_conflict_on_the_email_field() {
        for (status, body) in [
            (409, nest(409, "Contact already exists".into())),
            (409, String::new()),
            (
                400,
                nest(400, "Contact with this email already exists".into()),
            ),
            (400, nest(400, json!(["Email is already in use"]))),
            (422, nest(422, json!(["email must be unique"]))),
        ] {
            let err = respond(status, &body).unwrap_err();
            assert_eq!(
                (err.kind(), err.status()),
                ("conflict", Some(status)),
                "{body}"
            );
            assert_eq!(
                err.field_errors(),
                [(Target::Field(Field::Email), FieldError::EmailAlreadyExists)]
            );
            assert_eq!(english(&err), "A contact with this email already exists.");
            assert!(!err.retryable());
        }
    }

    #[test]
    fn only_a_message_about_a_taken_email_is_a_duplicate_and_none_is_dropped() {
        // "exists" and "email" alone do not make a duplicate.
        let err = respond(
            400,
            &nest(400, "No account exists for this email domain".into()),
        )
        .unwrap_err();
        assert_eq!(err.kind(), "validation");
        assert!(err.field_errors().is_empty());
        assert_eq!(english(&err), "No account exists for this email domain");
        // A duplicate among other messages: each is kept where it belongs.
        let err = respond(
            400,
            &nest(
                400,
                json!([
                    "phoneNumber must be a valid phone number",
                    "Contact with this email already exists",
                    "Account limit reached",
                ]),
            ),
        )
        .unwrap_err();
        assert_eq!((err.kind(), err.status()), ("validation", Some(400)));
        assert_eq!(
            err.field_errors(),
            [
                (
                    Target::Field(Field::Phone),
                    FieldError::Server("{label} must be a valid phone number.".into())
                ),
                (Target::Field(Field::Email), FieldError::EmailAlreadyExists),
            ]
        );
        assert_eq!(english(&err), "Account limit reached");
    }

    #[test]
    fn auth_errors_have_their_own_messages() {
        let err = respond(401, &nest(401, "Unauthorized".into())).unwrap_err();
        assert_eq!((err.kind(), err.status()), ("unauthorized", Some(401)));
        assert!(english(&err).contains("session has expired"));
        let no_token = ApiError::Unauthorized { status: None };
        assert_eq!((no_token.kind(), no_token.status()), ("unauthorized", None));
        let err = respond(403, "").unwrap_err();
        assert_eq!((err.kind(), err.status()), ("forbidden", Some(403)));
        assert!(english(&err).contains("don't have permission"));
        assert!(!err.retryable());
    }

    #[test]
    fn rate_limit_uses_retry_after_or_the_reset_time() {
        let limited = |retry_after, reset| respond_with(429, retry_after, reset, "").unwrap_err();
        let secs = |secs| ApiError::RateLimited {
            retry_after_secs: secs,
        };
        assert_eq!(limited(Some("30"), None), secs(Some(30)));
        assert!(english(&limited(Some("30"), None)).contains("30 seconds"));
        let reset = (NOW + 120).to_string();
        let err = limited(None, Some(&reset));
        assert_eq!(err, secs(Some(120)));
        assert!(english(&err).contains("about 2 minutes"));
        assert_eq!(limited(None, Some("45")), secs(Some(45)));
        let fraction = format!("{}.75", NOW + 10);
        assert_eq!(limited(None, Some(&fraction)), secs(Some(10)));
        let ms = ((NOW + 10) * 1000).to_string();
        assert_eq!(limited(None, Some(&ms)), secs(Some(10)));
        assert_eq!(limited(Some("soon"), Some("never")), secs(None));
        assert!(english(&limited(None, None)).contains("Wait a minute"));
        assert_eq!(
            (limited(None, None).kind(), limited(None, None).status()),
            ("rate_limited", Some(429))
        );
        // Retry-After as an HTTP-date, in each form RFC 9110 asks recipients to read.
        let at = httpdate::fmt_http_date(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(NOW + 75),
        );
        assert_eq!(limited(Some(&at), None), secs(Some(75)));
        assert_eq!(
            limited(Some("Friday, 15-Jan-27 08:00:00 GMT"), None),
            limited(Some("Fri Jan 15 08:00:00 2027"), None),
        );
        assert_eq!(
            limited(Some("Thu, 01 Jan 1970 00:00:00 GMT"), None),
            secs(Some(0))
        );
        // Garbage is no header: the reset header is read, else nothing.
        let reset = (NOW + 20).to_string();
        assert_eq!(limited(Some("in a bit"), Some(&reset)), secs(Some(20)));
        // Ten years: reported, not counted down.
        let decade = limited(Some("315360000"), None);
        assert_eq!(decade.countdown(), None);
        assert!(
            english(&decade).contains("more than an hour"),
            "{}",
            english(&decade)
        );
        assert_eq!(limited(Some("90"), None).countdown(), Some(90));
        assert_eq!(limited(Some("0"), None).countdown(), None);
    }

    #[test]
    fn a_429_without_a_wait_backs_off_from_5_seconds() {
        let waits: Vec<Option<u64>> = (0..10)
            .map(|n| {
                ApiError::RateLimited {
                    retry_after_secs: None,
                }
                .with_backoff(n)
                .countdown()
            })
            .collect();
        assert_eq!(
            waits,
            [5, 10, 20, 40, 80, 160, 300, 300, 300, 300].map(Some)
        );
        let named = ApiError::RateLimited {
            retry_after_secs: Some(7),
        };
        assert_eq!(named.clone().with_backoff(3), named);
        assert_eq!(
            ApiError::Forbidden.with_backoff(1),
            ApiError::Forbidden,
            "only a 429 backs off"
        );
    }

    #[test]
    fn only_a_lost_reply_or_an_unreadable_success_leaves_the_outcome_unknown() {
        assert!(ApiError::Network { timeout_secs: None }.outcome_unknown());
        assert!(ApiError::Network {
            timeout_secs: Some(30)
        }
        .outcome_unknown());
        assert!(ApiError::BadResponse { status: 201 }.outcome_unknown());
        assert!(ApiError::BadResponse { status: 200 }.outcome_unknown());
        for known in [
            ApiError::BadResponse { status: 404 },
            ApiError::Server { status: 502 },
            ApiError::Forbidden,
            ApiError::RateLimited {
                retry_after_secs: None,
            },
            ApiError::Unauthorized { status: Some(401) },
        ] {
            assert!(!known.outcome_unknown(), "{known:?}");
        }
    }

    #[test]
    fn server_errors_and_odd_statuses_offer_a_retry() {
        for status in [500, 502, 503, 504] {
            let err = respond(status, "<html>oops</html>").unwrap_err();
            assert_eq!((err.kind(), err.status()), ("server", Some(status)));
            assert!(err.retryable());
            assert!(english(&err).contains(&status.to_string()));
        }
        let err = respond(404, "").unwrap_err();
        assert_eq!(err.kind(), "bad_response");
        assert!(english(&err).contains("API address"));
        let err = respond(302, "").unwrap_err();
        assert_eq!(err, ApiError::BadResponse { status: 302 });
        assert!(err.retryable());
        let net = ApiError::Network { timeout_secs: None };
        assert_eq!((net.kind(), net.status()), ("network", None));
        assert!(net.retryable() && english(&net).contains("Couldn't reach"));
        let timeout = ApiError::Network {
            timeout_secs: Some(30),
        };
        assert_eq!((timeout.kind(), timeout.status()), ("network", None));
        assert!(english(&timeout).contains("within 30 seconds"));
    }

    /// Every status, with every hostile body: the outcome follows the status alone, and what a
    /// person reads is the server's text as text (or ours), never empty.
    #[test]
    fn hostile_error_bodies_are_classified_by_status_and_read_as_text() {
        let huge = "x".repeat(100_000);
        let markup = "<img src=x onerror=alert(1)>";
        let bodies = [
            String::new(),
            "\u{0}".into(),
            "{\"message\":null}".into(),
            "{\"message\":[1,2,{}]}".into(),
            "{\"message\":{}}".into(),
            "{\"error\":\"<script>\"}".into(),
            huge.clone(),
            json!({ "message": markup }).to_string(),
            json!({ "message": [huge] }).to_string(),
        ];
        for body in &bodies {
            for status in [
                0, 100, 200, 201, 204, 302, 400, 401, 403, 404, 409, 418, 422, 429, 500, 599, 600,
                65535,
            ] {
                let err = respond(status, body).unwrap_err();
                let expected = match status {
                    200..=299 | 0..=199 | 300..=399 | 404 | 418 | 600.. => "bad_response",
                    409 => "conflict",
                    400 | 422 => "validation",
                    401 => "unauthorized",
                    403 => "forbidden",
                    429 => "rate_limited",
                    _ => "server",
                };
                assert_eq!(err.kind(), expected, "{status}");
                assert_eq!(err.status(), Some(status));
                let message = english(&err);
                assert!(!message.is_empty(), "{status}");
                if body.contains(markup) && matches!(status, 400 | 422) {
                    assert_eq!(message, markup, "the server's words, as they came");
                } else {
                    assert!(!message.contains('<'), "{status}: {message}");
                }
            }
        }
    }
}

#[cfg(test)]
mod custom_field_messages {
    use super::*;

    fn rejected(messages: &[&str]) -> ApiError {
        rejection(
            400,
            &messages.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
        )
    }

    #[test]
    fn messages_naming_a_custom_field_by_name_or_slug_go_to_it() {
        let mut err = rejected(&[
            "Employee count must be an integer",
            "Custom field customer_tier is required",
            "email must be an email",
            "Custom field customer_tier_old is not active",
            "Bio graphy is unknown",
            "customFieldValues.0.customFieldId cf_x is not a custom field of this organization",
        ]);
        let custom = [
            ("employee_count", "Employee count"),
            ("customer_tier", "Customer tier"),
            ("bio", "Bio graphy x"),
        ];
        err.claim_custom_fields(custom.iter().copied());
        let ApiError::Rejected {
            fields, general, ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!(
            fields,
            &[
                (
                    Target::Field(Field::Email),
                    FieldError::Server("{label} must be an email.".into())
                ),
                (
                    Target::Custom("employee_count".into()),
                    FieldError::Server("Employee count must be an integer".into())
                ),
                (
                    Target::Custom("customer_tier".into()),
                    FieldError::Server("Custom field customer_tier is required".into())
                ),
            ]
        );
        assert_eq!(general.len(), 3, "{general:?}");
        assert_eq!(err.kind(), "validation");
    }
}
