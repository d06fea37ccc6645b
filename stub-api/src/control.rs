//! How tests steer the stub: every platform request is recorded and may be made to misbehave
//! ([`intercept`]), and `/__stub/…` queues misbehaviours, lists requests, replaces seeds and
//! resets organizations.

use crate::answers::{add_headers, deep_json_body, dropped_connection, filler_body, stalled};
use crate::platform::{
    header_text, json_response, nest_error, param, rate_limit_headers, with_content_type, Params,
    RawBody,
};
use crate::{lock, Shared};
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::time::Duration;

const MAX_DELAY_MS: u64 = 120_000;
/// The largest `bodyBytes` a misbehaviour may ask for.
const MAX_BODY_BYTES: u64 = 50_000_000;
/// The deepest `deepJson` a misbehaviour may ask for.
const MAX_DEEP_JSON: u64 = 2_000_000;
/// The path `/__stub/next` and `/__stub/requests` mean when they are given none.
const CREATE_PATH: &str = "/v1/accounts/contacts";
/// What a `stall: true` answer sends before it stalls, when it is given no `body`.
const STALL_START: &str = "{\"id\":";
/// The content type of injected answers that are not given one.
const JSON_TYPE: &str = "application/json; charset=utf-8";

/// What the next request of an organization to one path does instead of (or before, or after)
/// the normal handling.
///
/// Two kinds of forms. Those that answer *instead of* the route, which then never runs (nothing
/// is created): `drop`, `malformed`, `status`, `bodyBytes`, `deepJson`, `stall`. Those that run
/// the route first and then spoil *its* answer (a create really creates): `dropAfter`,
/// `replaceStatus`, `emptyBody`, `stallAfter`, and `contentType` when given alone. The two
/// kinds do not mix, and at most one form says what becomes of the body; `/__stub/next`
/// refuses other combinations with a 400 naming the fields. `delayMs` goes with any of them.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Misbehaviour {
    /// Answer with this status (and `body`, `headers`, `contentType`) instead of handling the
    /// request. Also the status of `malformed`, `bodyBytes`, `deepJson` and `stall` answers
    /// (default 201 to a POST, 200 to anything else).
    pub status: Option<u16>,
    /// A JSON value, or a string sent as it is: the body of a `status` answer, or what a
    /// `stall` answer sends before it stalls.
    pub body: Option<Value>,
    /// Headers added to the answer, the injected one or the route's (with an 'after' form);
    /// names or values HTTP cannot carry are left out.
    #[serde(default)]
    pub headers: HashMap<String, String>,
    /// Wait this long (at most two minutes) before answering: before the route runs, or, with
    /// an 'after' form, between the route's answer and what goes out instead.
    #[serde(default)]
    pub delay_ms: u64,
    /// Answer with a body that is not JSON, `{"id": "ct_`, as `application/json`: 201 to a
    /// POST, 200 to anything else (or `status`).
    #[serde(default)]
    pub malformed: bool,
    /// Close the connection without answering, without running the route.
    #[serde(default)]
    pub drop: bool,
    /// Run the route (a create really creates), then close the connection without sending its
    /// answer.
    #[serde(default)]
    pub drop_after: bool,
    /// Run the route, then answer with this status instead of the route's, with the route's
    /// body and headers (a 200 instead of the create's 201, say).
    pub replace_status: Option<u16>,
    /// Run the route, then answer with its status and headers but an empty body. Goes with
    /// `replaceStatus`.
    #[serde(default)]
    pub empty_body: bool,
    /// The Content-Type of the answer: of an injected answer (`status`, `malformed`,
    /// `bodyBytes`, `deepJson`, `stall`), or of the route's (alone or with an 'after' form).
    /// `""`: no Content-Type at all. Wins over a Content-Type in `headers`.
    pub content_type: Option<String>,
    /// Answer (with `status`) a body of exactly this many bytes, at most 50,000,000, streamed
    /// with a Content-Length: `{"id":"ct_big","filler":"xxx…x"}`, or the first bytes of
    /// `{"id":"ct_big","filler":""}` when shorter than that.
    pub body_bytes: Option<u64>,
    /// Answer (with `status`) this many `[` then as many `]`, at most 2,000,000 of each,
    /// streamed with a Content-Length.
    pub deep_json: Option<u64>,
    /// Send the status line, headers and the start of a body (`body`, default `{"id":`), then
    /// nothing more, without running the route: the body never ends (until the client goes).
    #[serde(default)]
    pub stall: bool,
    /// Run the route, then send its status line, headers and the first half of its body (at
    /// least one byte), then nothing more.
    #[serde(default)]
    pub stall_after: bool,
    /// Run the route, then send its body followed by spaces up to this many bytes (at most
    /// 50,000,000): still the same JSON, only longer.
    pub pad_to: Option<u64>,
    /// How many requests in a row behave like this (default 1).
    pub times: Option<u32>,
}

impl Misbehaviour {
    /// The forms given that say what becomes of the body; at most one may be.
    fn body_forms(&self) -> Vec<&'static str> {
        [
            ("drop", self.drop),
            ("dropAfter", self.drop_after),
            ("malformed", self.malformed),
            ("bodyBytes", self.body_bytes.is_some()),
            ("deepJson", self.deep_json.is_some()),
            ("stall", self.stall),
            ("stallAfter", self.stall_after),
            ("emptyBody", self.empty_body),
            ("padTo", self.pad_to.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }

    /// The forms given that answer instead of the route.
    fn instead_forms(&self) -> Vec<&'static str> {
        [
            ("drop", self.drop),
            ("malformed", self.malformed),
            ("status", self.status.is_some()),
            ("bodyBytes", self.body_bytes.is_some()),
            ("deepJson", self.deep_json.is_some()),
            ("stall", self.stall),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }

    /// The forms given that run the route, then change its answer (`contentType` alone too).
    fn after_forms(&self) -> Vec<&'static str> {
        [
            ("dropAfter", self.drop_after),
            ("replaceStatus", self.replace_status.is_some()),
            ("emptyBody", self.empty_body),
            ("stallAfter", self.stall_after),
            ("padTo", self.pad_to.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }

    /// Whether the route runs and its answer is then changed.
    fn runs_route_first(&self) -> bool {
        !self.after_forms().is_empty()
            || (self.content_type.is_some() && self.instead_forms().is_empty())
    }

    /// Why this misbehaviour makes no sense, if it does not.
    fn problem(&self) -> Option<String> {
        for (name, status) in [
            ("status", self.status),
            ("replaceStatus", self.replace_status),
        ] {
            if let Some(status) = status.filter(|s| StatusCode::from_u16(*s).is_err()) {
                return Some(format!("{status} is not an HTTP status code ({name})"));
            }
        }
        let bodies = self.body_forms();
        if bodies.len() > 1 {
            return Some(format!("{} cannot be combined", bodies.join(" and ")));
        }
        let dropping = [("drop", self.drop), ("dropAfter", self.drop_after)]
            .into_iter()
            .find_map(|(name, given)| given.then_some(name));
        if let Some(drop) = dropping {
            let answering = [
                ("status", self.status.is_some()),
                ("replaceStatus", self.replace_status.is_some()),
                ("body", self.body.is_some()),
                ("headers", !self.headers.is_empty()),
                ("contentType", self.content_type.is_some()),
            ];
            if let Some((name, _)) = answering.into_iter().find(|(_, given)| *given) {
                return Some(format!(
                    "{drop} and {name} cannot be combined: nothing is answered"
                ));
            }
        }
        let (instead, after) = (self.instead_forms(), self.after_forms());
        if let (Some(a), Some(b)) = (instead.first(), after.first()) {
            return Some(format!(
                "{a} answers instead of the route and {b} changes the route's answer: they \
                 cannot be combined"
            ));
        }
        // The route's answer keeps the route's body; only `status` and `stall` take one.
        let spoiling = if after.is_empty() && self.runs_route_first() {
            vec!["contentType"]
        } else {
            after
        };
        if let Some(form) = self
            .body
            .as_ref()
            .and(bodies.iter().chain(&spoiling).find(|f| **f != "stall"))
        {
            return Some(format!("body and {form} cannot be combined"));
        }
        if let Some(text) = &self.content_type {
            if HeaderValue::from_str(text).is_err() {
                return Some(format!("contentType {text:?} cannot be sent as a header"));
            }
        }
        if let Some(n) = self.body_bytes.filter(|n| *n > MAX_BODY_BYTES) {
            return Some(format!("bodyBytes {n} is over {MAX_BODY_BYTES}"));
        }
        if let Some(n) = self.pad_to.filter(|n| *n > MAX_BODY_BYTES) {
            return Some(format!("padTo {n} is over {MAX_BODY_BYTES}"));
        }
        if let Some(n) = self.deep_json.filter(|n| *n > MAX_DEEP_JSON) {
            return Some(format!("deepJson {n} is over {MAX_DEEP_JSON}"));
        }
        None
    }
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
    let Some(m) = misbehaviour else {
        let response = next.run(Request::from_parts(parts, Body::from(body))).await;
        return rate_limit_headers(response, used);
    };
    if m.runs_route_first() {
        let response = next.run(Request::from_parts(parts, Body::from(body))).await;
        let response = rate_limit_headers(response, used);
        delay(&m).await;
        return spoiled(response, &m).await;
    }
    delay(&m).await;
    let status = m
        .status
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(if parts.method == Method::POST {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        });
    let (body, content_type) = if m.drop {
        return dropped_connection();
    } else if m.malformed {
        (Body::from("{\"id\": \"ct_"), "application/json")
    } else if let Some(n) = m.body_bytes {
        (filler_body(n), JSON_TYPE)
    } else if let Some(n) = m.deep_json {
        (deep_json_body(n), JSON_TYPE)
    } else if m.stall {
        let start = m.body.as_ref().map_or(STALL_START.into(), value_text);
        (stalled(Bytes::from(start)), JSON_TYPE)
    } else if m.status.is_some() {
        (
            Body::from(m.body.as_ref().map(value_text).unwrap_or_default()),
            JSON_TYPE,
        )
    } else {
        // A delay alone: the normal answer, late.
        let response = next.run(Request::from_parts(parts, Body::from(body))).await;
        return rate_limit_headers(response, used);
    };
    let mut response = with_content_type(status, content_type, body);
    if let Some(n) = m.body_bytes.or(m.deep_json.map(|n| n * 2)) {
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(n));
    }
    add_headers(&mut response, &m.headers, m.content_type.as_deref());
    response
}

/// Waits the misbehaviour's `delayMs`, if any.
async fn delay(m: &Misbehaviour) {
    if m.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(m.delay_ms.min(MAX_DELAY_MS))).await;
    }
}

/// A JSON value as the text of a body: a string as it is, anything else as JSON.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        value => value.to_string(),
    }
}

/// The route's `response` changed by the 'after' forms of `m`.
async fn spoiled(response: Response, m: &Misbehaviour) -> Response {
    if m.drop_after {
        return dropped_connection();
    }
    let (mut head, body) = response.into_parts();
    if let Some(status) = m.replace_status.and_then(|s| StatusCode::from_u16(s).ok()) {
        head.status = status;
    }
    let body = if m.empty_body {
        head.headers.remove(header::CONTENT_LENGTH);
        Body::empty()
    } else if let Some(length) = m.pad_to {
        let mut bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default()
            .to_vec();
        bytes.resize(bytes.len().max(length.min(MAX_BODY_BYTES) as usize), b' ');
        head.headers.remove(header::CONTENT_LENGTH);
        Body::from(bytes)
    } else if m.stall_after {
        // The route's bodies are whole in memory; an unreadable one counts as empty.
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        let half = (bytes.len() / 2).max(1).min(bytes.len());
        head.headers.remove(header::CONTENT_LENGTH);
        stalled(bytes.slice(..half))
    } else {
        body
    };
    let mut response = Response::from_parts(head, body);
    add_headers(&mut response, &m.headers, m.content_type.as_deref());
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
    if let Some(problem) = misbehaviour.problem() {
        return nest_error(400, format!("Bad misbehaviour: {problem}"));
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
    /// `false`: the org takes a second contact with an email it has (default true: 409).
    unique_emails: Option<bool>,
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
    if let Some(unique) = parts.unique_emails {
        data.unique_emails = unique;
        seeded.push("uniqueEmails");
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
