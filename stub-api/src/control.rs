//! How tests steer the stub: every platform request is recorded and may be made to misbehave
//! ([`intercept`]), and `/__stub/…` queues misbehaviours, lists requests, replaces seeds and
//! resets organizations.

use crate::platform::{
    header_text, json_response, nest_error, param, rate_limit_headers, with_content_type, Params,
    RawBody,
};
use crate::{lock, Shared};
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::time::Duration;

const MAX_DELAY_MS: u64 = 120_000;
/// The path `/__stub/next` and `/__stub/requests` mean when they are given none.
const CREATE_PATH: &str = "/v1/accounts/contacts";

/// What the next request of an organization to one path does instead of (or before) the normal
/// handling.
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
    /// Answer with a body that is not JSON: 201 to a POST, 200 to anything else.
    #[serde(default)]
    pub malformed: bool,
    /// Close the connection without answering.
    #[serde(default)]
    pub drop: bool,
    /// How many requests in a row behave like this (default 1).
    pub times: Option<u32>,
}

/// Middleware in front of every route but `/__stub/…`: records the request for its
/// organization, plays a queued misbehaviour for its path, else lets the route answer with
/// rate-limit headers. It runs before any auth check, as a misbehaving edge would.
pub(crate) async fn intercept(
    State(stub): State<Shared>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if path.starts_with("/__stub/") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    // Read here, within the body limit, so that it can be recorded and still handled.
    let body = match RawBody::from_request(Request::from_parts(parts.clone(), body), &()).await {
        Ok(RawBody(body)) => body,
        Err(response) => return response,
    };
    let org_id = header_text(&parts.headers, "x-org-id").unwrap_or_default();
    let body_text = String::from_utf8_lossy(&body).into_owned();
    let seen: Map<String, Value> = ["authorization", "x-org-id", "content-type"]
        .into_iter()
        .filter_map(|h| header_text(&parts.headers, h).map(|v| (h.to_string(), json!(v))))
        .collect();
    let (misbehaviour, used) = {
        let mut stub = lock(&stub);
        let org = stub.org(&org_id);
        org.received.push(json!({
            "method": parts.method.as_str(),
            "path": path,
            "query": parts.uri.query().unwrap_or_default(),
            "headers": seen,
            "body": serde_json::from_str::<Value>(&body_text).unwrap_or(Value::Null),
            "bodyText": body_text,
        }));
        let misbehaviour = org.queues.get_mut(&path).and_then(|q| q.pop_front());
        (misbehaviour, org.received.len())
    };
    if let Some(m) = misbehaviour {
        if m.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(m.delay_ms.min(MAX_DELAY_MS))).await;
        }
        if m.drop {
            return dropped_connection();
        }
        if m.malformed {
            let status = if parts.method == Method::POST {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            return with_content_type(status, "application/json", Body::from("{\"id\": \"ct_"));
        }
        if let Some(status) = m.status {
            return injected(status, m.body, &m.headers);
        }
    }
    let response = next.run(Request::from_parts(parts, Body::from(body))).await;
    rate_limit_headers(response, used)
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

pub(crate) async fn health() -> Response {
    with_content_type(StatusCode::OK, "text/plain", Body::from("ok"))
}

/// `GET /__stub/requests?org=ORG[&path=PATH]`: what the org sent to PATH (default the create,
/// `*` every path), oldest first.
pub(crate) async fn requests(State(stub): State<Shared>, params: Params) -> Response {
    let org = param(&params, "org").unwrap_or_default();
    let path = param(&params, "path").unwrap_or(CREATE_PATH);
    let received: Vec<Value> = lock(&stub)
        .orgs
        .get(org)
        .map(|o| {
            o.received
                .iter()
                .filter(|r| path == "*" || r["path"] == path)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    json_response(StatusCode::OK, &Value::Array(received))
}

/// `POST /__stub/next?org=ORG[&path=PATH]` with a [`Misbehaviour`]: queue it for the org's
/// next requests to PATH (default the create), whatever their method.
pub(crate) async fn queue_misbehaviour(
    State(stub): State<Shared>,
    params: Params,
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
    let org = param(&params, "org").unwrap_or_default();
    let path = param(&params, "path").unwrap_or(CREATE_PATH).to_string();
    let mut stub = lock(&stub);
    let queue = stub.org(org).queues.entry(path).or_default();
    for _ in 0..times {
        queue.push_back(misbehaviour.clone());
    }
    json_response(StatusCode::OK, &json!({"queued": times}))
}

/// The body of `/__stub/seed`: each part given replaces that part of the org's data as it is.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SeedParts {
    contact_types: Option<Vec<Map<String, Value>>>,
    custom_fields: Option<Vec<Map<String, Value>>>,
    accounts: Option<Vec<Map<String, Value>>>,
    contacts: Option<Vec<Map<String, Value>>>,
}

/// `POST /__stub/seed?org=ORG`: replace parts of the org's seed; answers which.
pub(crate) async fn seed(
    State(stub): State<Shared>,
    params: Params,
    RawBody(body): RawBody,
) -> Response {
    let parts = match serde_json::from_slice::<SeedParts>(&body) {
        Ok(parts) => parts,
        Err(e) => return nest_error(400, format!("Bad seed: {e}")),
    };
    let objects = |items: Vec<Map<String, Value>>| -> Vec<Value> {
        items.into_iter().map(Value::Object).collect()
    };
    let org = param(&params, "org").unwrap_or_default();
    let mut stub = lock(&stub);
    let data = &mut stub.org(org).data;
    let mut seeded = Vec::new();
    if let Some(items) = parts.contact_types {
        data.contact_types = objects(items);
        seeded.push("contactTypes");
    }
    if let Some(items) = parts.custom_fields {
        data.custom_fields = objects(items);
        seeded.push("customFields");
    }
    if let Some(items) = parts.accounts {
        data.accounts = objects(items);
        seeded.push("accounts");
    }
    if let Some(items) = parts.contacts {
        data.contacts = objects(items);
        seeded.push("contacts");
    }
    json_response(StatusCode::OK, &json!({"seeded": seeded}))
}

/// `POST /__stub/reset[?org=ORG]`: forget one org (its seed comes back on next use), or all.
pub(crate) async fn reset(State(stub): State<Shared>, params: Params) -> Response {
    let mut stub = lock(&stub);
    match param(&params, "org") {
        Some(org) => {
            stub.orgs.remove(org);
        }
        None => stub.orgs.clear(),
    }
    json_response(StatusCode::OK, &json!({"reset": true}))
}
