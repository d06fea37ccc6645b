//! Helpers the in-process test files share: call the router, build platform requests, steer the
//! stub through `/__stub/…`.

// Each test file uses some of these.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const EXPOSED: &str = "retry-after,x-ratelimit-limit,x-ratelimit-remaining,x-ratelimit-reset";

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or_default()
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// The `message` of a NestJS 400, as a list whether it came as a string or an array.
    pub fn messages(&self) -> Vec<String> {
        assert_eq!(self.status, StatusCode::BAD_REQUEST, "{}", self.body);
        let body = self.json();
        assert_eq!(body["statusCode"], 400, "{body}");
        assert_eq!(body["error"], "Bad Request", "{body}");
        match &body["message"] {
            Value::String(message) => vec![message.clone()],
            Value::Array(messages) => messages
                .iter()
                .map(|m| m.as_str().unwrap().to_string())
                .collect(),
            other => panic!("message is {other}"),
        }
    }

    /// The CORS headers a browser needs to read this answer.
    pub fn assert_readable_cross_origin(&self) {
        assert_eq!(self.header("access-control-allow-origin"), "*");
        assert_eq!(
            self.header("access-control-expose-headers")
                .to_ascii_lowercase()
                .replace(' ', ""),
            EXPOSED
        );
    }
}

pub async fn call(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// A GET without credentials, as tests read the control endpoints.
pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// A GET of a platform endpoint with a token and `org`.
pub fn api_get(org: &str, uri: &str) -> Request<Body> {
    Request::get(uri)
        .header("Authorization", "Bearer t")
        .header("x-org-id", org)
        .body(Body::empty())
        .unwrap()
}

/// A POST without a content type, as the tests post to the control endpoints.
pub fn post_text(uri: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri).body(body.into()).unwrap()
}

pub fn create_request(org: &str, body: &Value) -> Request<Body> {
    Request::post("/v1/accounts/contacts")
        .header("Authorization", "Bearer t")
        .header("x-org-id", org)
        .header("Content-Type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// Queues a misbehaviour for the org's creates.
pub async fn queue(app: &Router, org: &str, misbehaviour: Value) -> Answer {
    call(
        app,
        post_text(&format!("/__stub/next?org={org}"), misbehaviour.to_string()),
    )
    .await
}

/// Replaces parts of the org's seed; panics unless the stub took them.
pub async fn seed_org(app: &Router, org: &str, parts: Value) -> Answer {
    let answer = call(
        app,
        post_text(&format!("/__stub/seed?org={org}"), parts.to_string()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer
}

/// One `customFieldValues` item, in the shape the stub accepts.
pub fn value_of(uid: &str, values: &[&str]) -> Value {
    let data: Vec<Value> = values.iter().map(|v| json!({"value": v})).collect();
    json!({"customFieldId": uid, "data": data})
}

/// Values for the two custom fields the seed makes mandatory.
pub fn mandatory_values() -> Vec<Value> {
    vec![
        value_of("cf_tier", &["Gold"]),
        value_of("cf_channel", &["Email"]),
    ]
}

/// The smallest create body the seeded organization takes.
pub fn minimal(first_name: &str, email: &str) -> Value {
    json!({"firstName": first_name, "email": email, "customFieldValues": mandatory_values()})
}
