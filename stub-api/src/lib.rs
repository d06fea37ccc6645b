//! A local stand-in for the Thena platform's `POST /v1/accounts/contacts`, written from the
//! platform's reference page: bearer token + `x-org-id`, NestJS-style 400s, 409 for a second
//! contact with the same email in one organization, 201 with the documented body.
//!
//! [`app`] is the whole service as an axum [`Router`]:
//!
//! - `OPTIONS *`: CORS preflight allowing `Authorization`, `Content-Type`, `x-org-id`. Every
//!   answer, errors included, carries `Access-Control-Allow-Origin: *` and exposes `Retry-After`
//!   and `X-RateLimit-*`.
//! - `POST /v1/accounts/contacts`: the platform's create.
//! - `GET /v1/accounts/attributes`: the contact types (`CT_CUSTOMER`, `CT_PARTNER`).
//! - `POST /__stub/next?org=ORG` with a [`Misbehaviour`] as JSON: queue it for that org.
//! - `GET /__stub/requests?org=ORG`: what the create endpoint received from that org, oldest
//!   first: `{method, path, headers: {authorization, x-org-id, content-type}, body, bodyText}`.
//! - `POST /__stub/reset[?org=ORG]`: forget one org, or everything.
//! - `GET /__stub/health`: `ok`.
//! - anything else: a NestJS 404 `Cannot METHOD PATH`; bodies over 1 MiB: a NestJS 413.
//!
//! Tests steer it through `/__stub/…`: make the next request misbehave (a status and body, a
//! delay, malformed JSON, a dropped connection) and list what it received. State is kept per
//! organization (`x-org-id`), so tests that use their own org id never see each other.

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tower_http::cors::{Any, CorsLayer};

const RATE_LIMIT: u32 = 1000;
const MAX_DELAY_MS: u64 = 120_000;
/// The largest request body accepted; larger ones get a 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What the next request of an organization does instead of (or before) the normal handling.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Misbehaviour {
    /// Answer with this status (and `body`, `headers`) instead of handling the request.
    pub status: Option<u16>,
    /// A JSON value, or a string sent as it is.
    pub body: Option<Value>,
    /// Headers of the `status` answer; names or values HTTP cannot carry are left out.
    #[serde(default)]
    pub headers: HashMap<String, String>,
    /// Wait this long before answering (at most two minutes).
    #[serde(default)]
    pub delay_ms: u64,
    /// Answer 201 with a body that is not JSON.
    #[serde(default)]
    pub malformed: bool,
    /// Close the connection without answering.
    #[serde(default)]
    pub drop: bool,
    /// How many requests in a row behave like this (default 1).
    pub times: Option<u32>,
}

#[derive(Default)]
struct Org {
    contacts: Vec<Value>,
    received: Vec<Value>,
    queue: VecDeque<Misbehaviour>,
}

#[derive(Default)]
struct Stub {
    orgs: HashMap<String, Org>,
    next_id: u64,
}

type Shared = Arc<Mutex<Stub>>;

fn lock(stub: &Shared) -> MutexGuard<'_, Stub> {
    // A panicked handler must not take the whole stub down.
    stub.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The service, with fresh state: serve it with `axum::serve`, or call it in-process.
pub fn app() -> Router {
    Router::new()
        .route("/v1/accounts/contacts", post(create_contact))
        .route("/v1/accounts/attributes", get(contact_types))
        .route("/__stub/health", get(health))
        .route("/__stub/requests", get(received))
        .route("/__stub/next", post(queue_misbehaviour))
        .route("/__stub/reset", post(reset))
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors())
        .layer(axum::middleware::map_response(close_connection))
        .with_state(Shared::default())
}

/// Every answer closes its connection, as the platform's edge may. A browser retries a request
/// on its own when a reused keep-alive connection closes before answering, so without this a
/// `drop: true` misbehaviour would be healed by a silent second request.
async fn close_connection(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("x-org-id"),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            HeaderName::from_static("x-ratelimit-limit"),
            HeaderName::from_static("x-ratelimit-remaining"),
            HeaderName::from_static("x-ratelimit-reset"),
        ])
        .max_age(Duration::from_secs(600))
}

/// The request body as bytes, whatever its content type; too large or unreadable bodies are
/// NestJS errors.
struct RawBody(Bytes);

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

/// The query's parameters in order; the first `name` wins.
type Params = Query<Vec<(String, String)>>;

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
}

fn with_content_type(status: StatusCode, content_type: &'static str, body: Body) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    with_content_type(
        status,
        "application/json; charset=utf-8",
        Body::from(value.to_string()),
    )
}

fn nest_error(status: u16, message: impl Into<Value>) -> Response {
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

async fn not_found(method: Method, uri: Uri) -> Response {
    nest_error(404, format!("Cannot {method} {}", uri.path()))
}

async fn health() -> Response {
    with_content_type(StatusCode::OK, "text/plain", Body::from("ok"))
}

async fn received(State(stub): State<Shared>, Query(params): Params) -> Response {
    let org = param(&params, "org").unwrap_or_default();
    let received = lock(&stub)
        .orgs
        .get(org)
        .map(|o| o.received.clone())
        .unwrap_or_default();
    json_response(StatusCode::OK, &Value::Array(received))
}

async fn queue_misbehaviour(
    State(stub): State<Shared>,
    Query(params): Params,
    RawBody(body): RawBody,
) -> Response {
    let misbehaviour = match serde_json::from_slice::<Misbehaviour>(&body) {
        Ok(misbehaviour) => misbehaviour,
        Err(e) => return nest_error(400, format!("Bad misbehaviour: {e}")),
    };
    if let Some(status) = misbehaviour.status {
        if StatusCode::from_u16(status).is_err() {
            return nest_error(
                400,
                format!("Bad misbehaviour: {status} is not an HTTP status code"),
            );
        }
    }
    // A queue for a test, not a way to fill the stub's memory.
    let times = misbehaviour.times.unwrap_or(1).min(1000);
    let org = param(&params, "org").unwrap_or_default().to_string();
    let mut stub = lock(&stub);
    let queue = &mut stub.orgs.entry(org).or_default().queue;
    for _ in 0..times {
        queue.push_back(misbehaviour.clone());
    }
    json_response(StatusCode::OK, &json!({"queued": times}))
}

async fn reset(State(stub): State<Shared>, Query(params): Params) -> Response {
    let mut stub = lock(&stub);
    match param(&params, "org") {
        Some(org) => {
            stub.orgs.remove(org);
        }
        None => stub.orgs.clear(),
    }
    json_response(StatusCode::OK, &json!({"reset": true}))
}

async fn contact_types() -> Response {
    let now = iso_now();
    let item = |id: &str, value: &str, default: bool| {
        json!({"id": id, "attribute": "contact_type", "value": value, "isDefault": default,
               "configuration": {}, "createdAt": now, "updatedAt": now})
    };
    json_response(
        StatusCode::OK,
        &json!({"data": [item("CT_CUSTOMER", "Customer", true), item("CT_PARTNER", "Partner", false)]}),
    )
}

fn rate_limit_headers(mut response: Response, used: usize) -> Response {
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

/// A response whose body fails at once: hyper then closes the connection before anything of
/// the response went out, so the client gets no HTTP answer at all.
fn dropped_connection() -> Response {
    let error = std::io::Error::new(
        std::io::ErrorKind::ConnectionAborted,
        "stub-api: connection dropped on purpose",
    );
    let failing: [Result<Bytes, _>; 1] = [Err(error)];
    Response::new(Body::from_stream(futures_util::stream::iter(failing)))
}

/// The `status` answer of a misbehaviour: `body` as given, `headers` that HTTP can carry.
fn injected(status: u16, body: Option<Value>, headers: &HashMap<String, String>) -> Response {
    let body = match body {
        Some(Value::String(text)) => text,
        Some(value) => value.to_string(),
        None => String::new(),
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = with_content_type(status, "application/json; charset=utf-8", body.into());
    for (name, value) in headers {
        // Header values come from tests; keep them on one line.
        let value: String = value.chars().filter(|c| !c.is_control()).collect();
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

async fn create_contact(
    State(stub): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let org_id = header_text(&headers, "x-org-id").unwrap_or_default();
    let body_text = String::from_utf8_lossy(&body).into_owned();
    let misbehaviour = {
        let mut stub = lock(&stub);
        let org = stub.orgs.entry(org_id.clone()).or_default();
        let seen: Map<String, Value> = ["authorization", "x-org-id", "content-type"]
            .into_iter()
            .filter_map(|h| header_text(&headers, h).map(|v| (h.to_string(), json!(v))))
            .collect();
        org.received.push(json!({
            "method": method.as_str(),
            "path": uri.path(),
            "headers": seen,
            "body": serde_json::from_str::<Value>(&body_text).unwrap_or(Value::Null),
            "bodyText": body_text,
        }));
        org.queue.pop_front()
    };
    if let Some(m) = misbehaviour {
        if m.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(m.delay_ms.min(MAX_DELAY_MS))).await;
        }
        if m.drop {
            return dropped_connection();
        }
        if m.malformed {
            return with_content_type(
                StatusCode::CREATED,
                "application/json",
                Body::from("{\"id\": \"ct_"),
            );
        }
        if let Some(status) = m.status {
            return injected(status, m.body, &m.headers);
        }
    }
    handle_create(&headers, &org_id, &body_text, &stub)
}

fn handle_create(headers: &HeaderMap, org_id: &str, body_text: &str, stub: &Shared) -> Response {
    let authorization = header_text(headers, "authorization").unwrap_or_default();
    let token = authorization
        .strip_prefix("Bearer ")
        .map(str::trim)
        .unwrap_or_default();
    if token.is_empty() {
        return nest_error(401, "Unauthorized");
    }
    if org_id.is_empty() {
        return nest_error(401, "Organization ID (x-org-id) is required");
    }
    if !header_text(headers, "content-type")
        .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/json"))
    {
        return nest_error(400, "Content-Type must be application/json");
    }
    let body: Value = match serde_json::from_str(body_text) {
        Ok(Value::Object(body)) => Value::Object(body),
        Ok(_) => return nest_error(400, "Request body must be a JSON object"),
        Err(e) => return nest_error(400, format!("Unexpected token in JSON: {e}")),
    };
    let problems = check_new_contact(&body);
    if !problems.is_empty() {
        return nest_error(400, Value::from(problems));
    }
    let mut stub = lock(stub);
    stub.next_id += 1;
    let id = format!("ct_{:06}", stub.next_id);
    let org = stub.orgs.entry(org_id.to_string()).or_default();
    let email = body["email"].as_str().unwrap_or_default().to_string();
    let used = org.received.len();
    if org.contacts.iter().any(|c| {
        c["email"]
            .as_str()
            .is_some_and(|e| e.eq_ignore_ascii_case(&email))
    }) {
        return rate_limit_headers(
            nest_error(409, "Contact with this email already exists"),
            used,
        );
    }
    let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or_default();
    let contact_type_id = match text("contactType") {
        "" => "CT_CUSTOMER",
        other => other,
    };
    let contact_type = match contact_type_id {
        "CT_CUSTOMER" => "Customer",
        "CT_PARTNER" => "Partner",
        other => other,
    };
    let now = iso_now();
    let custom: Vec<Value> = body
        .get("customFieldValues")
        .and_then(Value::as_array)
        .map(|items| items.iter().map(|v| json!(v.to_string())).collect())
        .unwrap_or_default();
    let contact = json!({
        "id": id,
        "firstName": text("firstName"),
        "lastName": text("lastName"),
        "email": email,
        "phoneNumber": text("phoneNumber"),
        "avatarUrl": text("avatarUrl"),
        "accounts": body.get("accountIds").cloned().unwrap_or(json!([])),
        "contactTypeId": contact_type_id,
        "contactType": contact_type,
        "customFieldValues": custom,
        "metadata": {},
        "createdAt": now,
        "updatedAt": now,
    });
    org.contacts.push(contact.clone());
    rate_limit_headers(json_response(StatusCode::CREATED, &contact), used)
}

/// class-validator-style messages for a create body (whitelist with forbidNonWhitelisted, so a
/// misspelt property is an error, and empty strings for optional fields are rejected so that a
/// client that sends `""` for "not given" is caught).
pub fn check_new_contact(body: &Value) -> Vec<String> {
    const KNOWN: [&str; 8] = [
        "firstName",
        "lastName",
        "email",
        "phoneNumber",
        "contactType",
        "avatarUrl",
        "accountIds",
        "customFieldValues",
    ];
    let mut problems = Vec::new();
    let Some(object) = body.as_object() else {
        return vec!["body must be an object".into()];
    };
    for key in object.keys() {
        if !KNOWN.contains(&key.as_str()) {
            problems.push(format!("property {key} should not exist"));
        }
    }
    match object.get("firstName") {
        Some(Value::String(s)) if !s.trim().is_empty() => {}
        Some(Value::String(_)) | None => problems.push("firstName should not be empty".into()),
        Some(_) => problems.push("firstName must be a string".into()),
    }
    match object.get("email") {
        Some(Value::String(s)) if looks_like_email(s) => {}
        _ => problems.push("email must be an email".into()),
    }
    for key in ["lastName", "contactType"] {
        match object.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if !s.is_empty() => {}
            Some(Value::String(_)) => problems.push(format!("{key} should not be empty")),
            Some(_) => problems.push(format!("{key} must be a string")),
        }
    }
    match object.get("phoneNumber") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if is_e164(s) => {}
        Some(_) => problems.push("phoneNumber must be a valid phone number".into()),
    }
    match object.get("avatarUrl") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.starts_with("https://") || s.starts_with("http://") => {}
        Some(_) => problems.push("avatarUrl must be a URL address".into()),
    }
    match object.get("accountIds") {
        None | Some(Value::Null) => {}
        Some(Value::Array(ids))
            if ids
                .iter()
                .all(|i| i.as_str().is_some_and(|s| !s.is_empty())) => {}
        Some(Value::Array(_)) => problems.push("each value in accountIds must be a string".into()),
        Some(_) => problems.push("accountIds must be an array".into()),
    }
    match object.get("customFieldValues") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) if items.iter().all(Value::is_object) => {}
        Some(_) => problems.push("customFieldValues must be an array of objects".into()),
    }
    problems
}

fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.contains('@')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

fn is_e164(s: &str) -> bool {
    s.strip_prefix('+').is_some_and(|digits| {
        (7..=15).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0')
    })
}

/// Now as `2026-11-28T09:10:38.000Z`.
pub fn iso_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
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
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
