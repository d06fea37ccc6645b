//! A local stand-in for the Thena platform's `POST /v1/accounts/contacts`, written from the
//! platform's reference page: bearer token + `x-org-id`, NestJS-style 400s, 409 for a second
//! contact with the same email in one organization, 201 with the documented body.
//!
//! Tests steer it through `/__stub/…` (see [`route`]): make the next request misbehave (a status
//! and body, a delay, malformed JSON, a dropped connection) and list what it received. State is
//! kept per organization (`x-org-id`), so tests that use their own org id never see each other.

pub mod http;

use http::{read_request, ReadError, Request, Response};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::{HashMap, VecDeque};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const RATE_LIMIT: u32 = 1000;

/// What the next request of an organization does instead of (or before) the normal handling.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Misbehaviour {
    /// Answer with this status (and `body`, `headers`) instead of handling the request.
    pub status: Option<u16>,
    /// A JSON value, or a string sent as it is.
    pub body: Option<Value>,
    #[serde(default)]
    pub headers: HashMap<String, String>,
    /// Wait this long before answering.
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
pub struct State {
    orgs: HashMap<String, Org>,
    next_id: u64,
}

pub type Shared = Arc<Mutex<State>>;

fn lock(state: &Shared) -> MutexGuard<'_, State> {
    // A panicked handler thread must not take the whole stub down.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Serves until the process ends: one thread per connection.
pub fn serve(listener: TcpListener) {
    let state: Shared = Arc::default();
    for stream in listener.incoming().flatten() {
        let state = state.clone();
        std::thread::spawn(move || handle_connection(stream, &state));
    }
}

fn handle_connection(stream: TcpStream, state: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let request = match read_request(&stream) {
        Ok(request) => request,
        Err(ReadError::Closed) => return,
        Err(ReadError::TooLarge) => {
            let _ = cors(nest_error(413, "Request entity too large")).write_to(&stream);
            return;
        }
        Err(ReadError::Malformed(what)) => {
            let _ = cors(nest_error(400, format!("Malformed HTTP {what}"))).write_to(&stream);
            return;
        }
    };
    match route(&request, state) {
        Some(response) => {
            let _ = cors(response).write_to(&stream);
        }
        None => {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

fn cors(response: Response) -> Response {
    response
        .with_header("Access-Control-Allow-Origin", "*")
        .with_header(
            "Access-Control-Expose-Headers",
            "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset",
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
    Response::json(
        status,
        &json!({"statusCode": status, "message": message.into(), "error": error}),
    )
}

/// The answer to one request; `None` drops the connection.
///
/// - `OPTIONS *`: CORS preflight allowing `Authorization`, `Content-Type`, `x-org-id`.
/// - `POST /v1/accounts/contacts`: the platform's create.
/// - `POST /__stub/next?org=ORG` with a [`Misbehaviour`] as JSON: queue it for that org.
/// - `GET /__stub/requests?org=ORG`: what the create endpoint received from that org, oldest
///   first: `{method, path, headers: {authorization, x-org-id, content-type}, body, bodyText}`.
/// - `POST /__stub/reset[?org=ORG]`: forget one org, or everything.
/// - `GET /__stub/health`: `ok`.
pub fn route(request: &Request, state: &Shared) -> Option<Response> {
    if request.method == "OPTIONS" {
        return Some(
            Response::new(204, "text/plain", "")
                .with_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .with_header(
                    "Access-Control-Allow-Headers",
                    "Authorization, Content-Type, x-org-id",
                )
                .with_header("Access-Control-Max-Age", "600"),
        );
    }
    let org_param = request.query("org").unwrap_or_default().to_string();
    Some(match (request.method.as_str(), request.path.as_str()) {
        ("POST", "/v1/accounts/contacts") => return create_contact(request, state),
        ("GET", "/v1/accounts/attributes") => contact_types(),
        ("GET", "/__stub/health") => Response::new(200, "text/plain", "ok"),
        ("GET", "/__stub/requests") => {
            let state = lock(state);
            let received = state
                .orgs
                .get(&org_param)
                .map(|o| o.received.clone())
                .unwrap_or_default();
            Response::json(200, &Value::Array(received))
        }
        ("POST", "/__stub/next") => match serde_json::from_slice::<Misbehaviour>(&request.body) {
            Ok(misbehaviour) => {
                let times = misbehaviour.times.unwrap_or(1);
                let mut state = lock(state);
                let org = state.orgs.entry(org_param).or_default();
                for _ in 0..times {
                    org.queue.push_back(misbehaviour.clone());
                }
                Response::json(200, &json!({"queued": times}))
            }
            Err(e) => nest_error(400, format!("Bad misbehaviour: {e}")),
        },
        ("POST", "/__stub/reset") => {
            let mut state = lock(state);
            match request.query("org") {
                Some(org) => {
                    state.orgs.remove(org);
                }
                None => state.orgs.clear(),
            }
            Response::json(200, &json!({"reset": true}))
        }
        _ => nest_error(404, format!("Cannot {} {}", request.method, request.path)),
    })
}

fn contact_types() -> Response {
    let now = iso_now();
    let item = |id: &str, value: &str, default: bool| {
        json!({"id": id, "attribute": "contact_type", "value": value, "isDefault": default,
               "configuration": {}, "createdAt": now, "updatedAt": now})
    };
    Response::json(
        200,
        &json!({"data": [item("CT_CUSTOMER", "Customer", true), item("CT_PARTNER", "Partner", false)]}),
    )
}

fn rate_limit_headers(response: Response, used: usize) -> Response {
    let reset = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() + 60)
        .unwrap_or_default();
    let remaining = (RATE_LIMIT as usize).saturating_sub(used);
    response
        .with_header("X-RateLimit-Limit", &RATE_LIMIT.to_string())
        .with_header("X-RateLimit-Remaining", &remaining.to_string())
        .with_header("X-RateLimit-Reset", &reset.to_string())
}

fn create_contact(request: &Request, state: &Shared) -> Option<Response> {
    let org_id = request.header("x-org-id").unwrap_or_default().to_string();
    let body_text = String::from_utf8_lossy(&request.body).into_owned();
    let misbehaviour = {
        let mut state = lock(state);
        let org = state.orgs.entry(org_id.clone()).or_default();
        let headers: Map<String, Value> = ["authorization", "x-org-id", "content-type"]
            .into_iter()
            .filter_map(|h| request.header(h).map(|v| (h.to_string(), json!(v))))
            .collect();
        org.received.push(json!({
            "method": request.method,
            "path": request.path,
            "headers": headers,
            "body": serde_json::from_str::<Value>(&body_text).unwrap_or(Value::Null),
            "bodyText": body_text,
        }));
        org.queue.pop_front()
    };
    if let Some(m) = misbehaviour {
        if m.delay_ms > 0 {
            std::thread::sleep(Duration::from_millis(m.delay_ms.min(120_000)));
        }
        if m.drop {
            return None;
        }
        if m.malformed {
            return Some(Response::new(201, "application/json", "{\"id\": \"ct_"));
        }
        if let Some(status) = m.status {
            let body = match m.body {
                Some(Value::String(text)) => text,
                Some(value) => value.to_string(),
                None => String::new(),
            };
            let mut response = Response::new(status, "application/json; charset=utf-8", body);
            for (name, value) in &m.headers {
                response = response.with_header(name, value);
            }
            return Some(response);
        }
    }
    Some(handle_create(request, &org_id, &body_text, state))
}

fn handle_create(request: &Request, org_id: &str, body_text: &str, state: &Shared) -> Response {
    let token = request
        .header("authorization")
        .and_then(|a| a.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    if token.is_empty() {
        return nest_error(401, "Unauthorized");
    }
    if org_id.is_empty() {
        return nest_error(401, "Organization ID (x-org-id) is required");
    }
    if !request
        .header("content-type")
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
    let mut state = lock(state);
    state.next_id += 1;
    let id = format!("ct_{:06}", state.next_id);
    let org = state.orgs.entry(org_id.to_string()).or_default();
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
    rate_limit_headers(Response::json(201, &contact), used)
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
