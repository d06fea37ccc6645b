//! A local stand-in for the Thena platform API as far as the widget uses it, written from the
//! platform's reference pages (`shared/THENA_API.md`): bearer token + `x-org-id`, NestJS-style
//! errors, rate-limit headers, the platform's wrapped and bare list answers.
//!
//! [`app`] is the whole service as an axum [`Router`].
//!
//! Platform routes. Each needs `Authorization: Bearer <token>` (else a NestJS 401
//! `Unauthorized`) and `x-org-id` (else a 401 `Organization ID (x-org-id) is required`), and
//! answers, errors included, with `X-RateLimit-Limit/-Remaining/-Reset` (remaining: 1000 less
//! the requests the org made so far, to any path):
//!
//! - `POST /v1/accounts/contacts`: the platform's create. 201 with the created contact; a NestJS
//!   400 listing every problem, including `contactType` not being one of the org's contact types
//!   (absent: the org's default) and `customFieldValues` checked against the org's custom fields
//!   (items `{"customFieldId": "<uid>", "data": [{"value": "…"}]}`, see `custom_fields.rs`); 409
//!   for an email the org already has, seeded contacts included.
//! - `GET /v1/accounts/contacts/search?email=`: a bare array of the org's contacts with that
//!   email (exact, ignoring case), each as the create answered it, `createdAt` included (UTC to
//!   the millisecond, `2026-11-29T19:30:00.123Z`); no email: 400.
//! - `GET /v1/accounts/attributes?attribute=contact_type`: the org's contact types, wrapped
//!   `{status, message, timestamp, data}`; another attribute: 400.
//! - `GET /v1/custom-field?source=customer_contact&limit=&page=`: the org's custom fields,
//!   inactive ones included, wrapped; `page` 0-based, `limit` 20 by default and at most 100;
//!   another source: `data: []`.
//! - `GET /v1/accounts?page=&limit=`: the org's accounts as `{data}`, paged as custom fields
//!   (0-based: the platform does not say).
//! - `GET /v1/search/accounts?q=&query_by=&per_page=&page=&filter_by=`: Typesense-like account
//!   search, `{result: {found, page, hits: [{document: {id, name, primaryDomain}}]}}`; `page`
//!   1-based, `per_page` 10 by default and at most 250, `filter_by` only `id:[a,b]` / `id:=a`.
//!
//! Each organization starts with a seed (`seed.rs`), made on first use: contact types
//! `CT_PRIMARY` (default), `CT_BILLING`, `CT_LEGAL`, `CT_EXECUTIVE`, `CT_OTHER`; 19 custom fields
//! `cf_…`, one of every field type, `cf_tier` and `cf_channel` mandatory, `cf_legacy` inactive,
//! `cf_badge` of a type the widget does not know; accounts `acc_acme`, `acc_globex`,
//! `acc_initech`, `acc_labs` (a hostile name), `acc_umbrella` (no domain); contact
//! `ct_seed_jane` (`jane.doe@acme.com`).
//!
//! Control routes, without auth:
//!
//! - `POST /__stub/next?org=ORG&path=PATH` with a [`Misbehaviour`] as JSON: the org's next
//!   `times` (default 1) request(s) to PATH (default `/v1/accounts/contacts`), whatever the
//!   method, misbehave before any auth check. Instead of the route, which then does not run
//!   (nothing is created): `{"status": 503, "body": …, "headers": {…}, "contentType": "…"}` an
//!   answer as given (`body` a string sent as it is, or JSON); `{"malformed": true}` a 2xx that
//!   is not JSON; `{"drop": true}` a dropped connection, no answer at all; `{"bodyBytes": n}`
//!   a body of exactly n bytes (≤ 50,000,000) `{"id":"ct_big","filler":"xxx…"}`, and
//!   `{"deepJson": n}` n `[` then n `]` (n ≤ 2,000,000), both streamed with a Content-Length;
//!   `{"stall": true}` the head and `body` (default `{"id":`), then a body that never ends until
//!   the client goes. These take `status` (default 201 to a POST, 200 otherwise), `headers`
//!   and `contentType`. After the route, which runs as usual (a create really creates), its
//!   answer is spoiled: `{"dropAfter": true}` dropped; `{"replaceStatus": 200}` sent with this
//!   status, its body and headers kept; `{"emptyBody": true}` sent with an empty body (goes with
//!   `replaceStatus`); `{"stallAfter": true}` its head and the first half of its body, then
//!   nothing; `{"contentType": "text/html"}` (`""`: none) sent with this Content-Type, alone or
//!   with the others; `headers` are added. `{"delayMs": 700}` (≤ 120,000) waits before
//!   answering, with any of these (with an 'after' form, once the route has answered). A body
//!   that mixes the two kinds, gives two forms for the body (`drop` and `dropAfter`,
//!   `bodyBytes` and `deepJson`, `malformed` and `stall`…), shapes an answer that is dropped,
//!   or a bad status, content type or size, is a NestJS 400 `Bad misbehaviour: …` naming the
//!   fields, and nothing is queued.
//! - `GET /__stub/requests?org=ORG&path=PATH`: what the org sent to PATH (default the create;
//!   `*` every path), oldest first: `{method, path, query, headers: {authorization, x-org-id,
//!   content-type}, body, bodyText}`. Every platform request is recorded, unknown paths and
//!   misbehaving requests too.
//! - `POST /__stub/seed?org=ORG` with `{contactTypes?, customFields?, accounts?, contacts?}`,
//!   each an array of objects: replace those parts of the org's data as given; answers
//!   `{"seeded": [names]}`.
//! - `POST /__stub/reset[?org=ORG]`: forget one org (its seed comes back), or everything.
//! - `GET /__stub/health`: `ok`.
//!
//! Anything else: a NestJS 404 `Cannot METHOD PATH`; bodies over 1 MiB: a NestJS 413, not
//! recorded. An injected misbehaviour's answer has only the headers it was given (a spoiled
//! answer of the route keeps the route's). `OPTIONS *`
//! is the CORS preflight allowing `Authorization`, `Content-Type`, `x-org-id`; every answer,
//! errors included, carries `Access-Control-Allow-Origin: *` and exposes `Retry-After` and
//! `X-RateLimit-*`. State is kept per organization, so tests that use their own org id never see
//! each other.

mod accounts;
mod answers;
mod contact_types;
mod contacts;
mod control;
mod custom_fields;
mod platform;
mod rules;
mod seed;

pub use contacts::check_new_contact;
pub use control::Misbehaviour;
pub use custom_fields::check_custom_field_values;
pub use platform::{iso_now, MAX_BODY_BYTES};

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{middleware, Router};
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tower_http::cors::{Any, CorsLayer};

/// One organization: its data, what it sent, and what its next requests do, by path.
struct Org {
    data: seed::OrgData,
    received: Vec<Value>,
    queues: HashMap<String, VecDeque<Misbehaviour>>,
}

#[derive(Default)]
struct Stub {
    orgs: HashMap<String, Org>,
    next_id: u64,
}

impl Stub {
    /// The organization `id`, seeded on first use.
    fn org(&mut self, id: &str) -> &mut Org {
        self.orgs.entry(id.to_string()).or_insert_with(|| Org {
            data: seed::OrgData::seeded(id, &iso_now()),
            received: Vec::new(),
            queues: HashMap::new(),
        })
    }
}

type Shared = Arc<Mutex<Stub>>;

fn lock(stub: &Shared) -> MutexGuard<'_, Stub> {
    // A panicked handler must not take the whole stub down.
    stub.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The service, with fresh state: serve it with `axum::serve`, or call it in-process.
pub fn app() -> Router {
    let stub = Shared::default();
    Router::new()
        .route("/v1/accounts/contacts", post(contacts::create))
        .route("/v1/accounts/contacts/search", get(contacts::search))
        .route("/v1/accounts/attributes", get(contact_types::list))
        .route("/v1/accounts", get(accounts::list))
        .route("/v1/search/accounts", get(accounts::search))
        .route("/v1/custom-field", get(custom_fields::list))
        .route("/__stub/health", get(control::health))
        .route("/__stub/requests", get(control::requests))
        .route("/__stub/next", post(control::queue_misbehaviour))
        .route("/__stub/seed", post(control::seed))
        .route("/__stub/reset", post(control::reset))
        .fallback(platform::not_found)
        .method_not_allowed_fallback(platform::not_found)
        .layer(middleware::from_fn_with_state(
            stub.clone(),
            control::intercept,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors())
        .layer(middleware::map_response(close_connection))
        .with_state(stub)
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
