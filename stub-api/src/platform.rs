//! What every platform endpoint shares: the caller's token and organization, NestJS-style
//! answers, the platform's `{status, message, timestamp, data}` wrapper and query paging.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// The most requests an organization may make in a window, as the rate-limit headers say.
const RATE_LIMIT: u32 = 1000;
/// The largest request body accepted; larger ones get a 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The request body as bytes, whatever its content type; too large or unreadable bodies are
/// NestJS errors.
pub(crate) struct RawBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        match Bytes::from_request(request, state).await {
            Ok(bytes) => Ok(RawBody(bytes)),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(nest_error(413, "Request entity too large"))
            }
            Err(e) => Err(nest_error(
                400,
                format!("Malformed HTTP body: {}", e.body_text()),
            )),
        }
    }
}

/// Who calls a platform endpoint: a bearer token was sent, and this organization.
pub(crate) struct Caller {
    pub org: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Response> {
        let authorization = header_text(&parts.headers, "authorization").unwrap_or_default();
        let token = authorization
            .strip_prefix("Bearer ")
            .map(str::trim)
            .unwrap_or_default();
        if token.is_empty() {
            return Err(nest_error(401, "Unauthorized"));
        }
        let org = header_text(&parts.headers, "x-org-id").unwrap_or_default();
        if org.is_empty() {
            return Err(nest_error(401, "Organization ID (x-org-id) is required"));
        }
        Ok(Caller { org })
    }
}

/// The query's parameters in order; the first `name` wins.
pub(crate) type Params = Query<Vec<(String, String)>>;

pub(crate) fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A whole-number query parameter: `default` when absent or empty, class-validator messages
/// when it is not a number or below `min`.
pub(crate) fn count_param(
    params: &[(String, String)],
    name: &str,
    default: usize,
    min: usize,
) -> Result<usize, String> {
    let Some(text) = param(params, name).map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(default);
    };
    match text.parse::<i64>() {
        Ok(n) if n < min as i64 => Err(format!("{name} must not be less than {min}")),
        Ok(n) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        Err(_) => Err(format!("{name} must be an integer number")),
    }
}

/// A 0-based `page` of `limit` items, as the platform's list endpoints take them.
pub(crate) struct Paging {
    page: usize,
    limit: usize,
}

impl Paging {
    /// `page` (default 0) and `limit` (default 20, at most `max_limit`) from the query, or
    /// class-validator messages for what is wrong.
    pub fn from_query(params: &[(String, String)], max_limit: usize) -> Result<Self, Vec<String>> {
        match (
            count_param(params, "page", 0, 0),
            count_param(params, "limit", 20, 1),
        ) {
            (Ok(page), Ok(limit)) => Ok(Paging {
                page,
                limit: limit.min(max_limit),
            }),
            (page, limit) => Err([page.err(), limit.err()].into_iter().flatten().collect()),
        }
    }

    /// This page of `items`; empty past the end.
    pub fn of(&self, items: &[Value]) -> Vec<Value> {
        items
            .iter()
            .skip(self.page.saturating_mul(self.limit))
            .take(self.limit)
            .cloned()
            .collect()
    }
}

pub(crate) fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
}

pub(crate) fn with_content_type(
    status: StatusCode,
    content_type: &'static str,
    body: Body,
) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

pub(crate) fn json_response(status: StatusCode, value: &Value) -> Response {
    with_content_type(
        status,
        "application/json; charset=utf-8",
        Body::from(value.to_string()),
    )
}

/// A 200 in the wrapper some platform endpoints use: `{status, message, timestamp, data}`.
pub(crate) fn wrapped(message: &str, data: Vec<Value>) -> Response {
    json_response(
        StatusCode::OK,
        &json!({"status": true, "message": message, "timestamp": iso_now(), "data": data}),
    )
}

/// A NestJS error body; `message` is a string or an array of strings.
pub(crate) fn nest_error(status: u16, message: impl Into<Value>) -> Response {
    let error = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Payload Too Large",
        _ => "Error",
    };
    json_response(
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        &json!({"statusCode": status, "message": message.into(), "error": error}),
    )
}

pub(crate) async fn not_found(method: Method, uri: Uri) -> Response {
    nest_error(404, format!("Cannot {method} {}", uri.path()))
}

/// `X-RateLimit-*` as the platform sends them; `used` counts the organization's requests.
pub(crate) fn rate_limit_headers(mut response: Response, used: usize) -> Response {
    let reset = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() + 60)
        .unwrap_or_default();
    let remaining = (RATE_LIMIT as usize).saturating_sub(used);
    let headers = response.headers_mut();
    headers.insert("x-ratelimit-limit", HeaderValue::from(RATE_LIMIT));
    headers.insert("x-ratelimit-remaining", HeaderValue::from(remaining));
    headers.insert("x-ratelimit-reset", HeaderValue::from(reset));
    response
}

/// Now in UTC to the millisecond, as `2026-11-28T09:10:38.123Z`.
pub fn iso_now() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let (secs, millis) = (now.as_secs(), now.subsec_millis());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
