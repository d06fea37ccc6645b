//! The misbehaviours that answer instead of the route (`bodyBytes`, `deepJson`, `stall`,
//! `contentType`) or spoil the route's answer after it ran (`dropAfter`, `replaceStatus`,
//! `emptyBody`, `stallAfter`), with `delayMs`, what `/__stub/next` refuses, and the request log
//! of misbehaving requests: in-process, plus real sockets for what only a socket shows (a
//! Content-Length, a closed connection, a stalled body ended by the client).

mod common;

use axum::body::{Body, Bytes};
use axum::http::{Response, StatusCode};
use axum::Router;
use common::{api_get, call, create_request, get, minimal, post_text, queue};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const SEARCH: &str = "/v1/accounts/contacts/search?email=";

/// The contacts of `org` with `email`, as the platform's search answers them.
async fn found(app: &Router, org: &str, email: &str) -> Vec<Value> {
    let answer = call(app, api_get(org, &format!("{SEARCH}{email}"))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json().as_array().unwrap().clone()
}

/// Queues `misbehaviour` for the org's creates; panics unless the stub took it.
async fn queued(app: &Router, org: &str, misbehaviour: Value) {
    let answer = queue(app, org, misbehaviour).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

/// The next frame of `body`, or `None` if none comes within `wait`.
async fn next_frame(body: &mut Body, wait: Duration) -> Option<Bytes> {
    let frame = tokio::time::timeout(wait, body.frame()).await.ok()?;
    Some(frame.unwrap().unwrap().into_data().unwrap())
}

/// The response of the org's create of `contact`, its body not read yet.
async fn create_response(app: &Router, org: &str, contact: &Value) -> Response<Body> {
    app.clone()
        .oneshot(create_request(org, contact))
        .await
        .unwrap()
}

#[tokio::test]
async fn drop_after_creates_the_contact_then_drops_the_answer() {
    let app = stub_api::app();
    let ana = minimal("Ana", "ana@example.com");
    queued(&app, "da", json!({"dropAfter": true})).await;
    let response = create_response(&app, "da", &ana).await;
    // In-process, a dropped connection is a body that fails.
    assert!(response.into_body().collect().await.is_err());
    // Yet the contact was created.
    let contacts = found(&app, "da", "ana@example.com").await;
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0]["firstName"], "Ana");
    assert_eq!(contacts[0]["id"], "ct_000001");
    // So a retry is a 409.
    let answer = call(&app, create_request("da", &ana)).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn replace_status_keeps_the_routes_body_and_headers() {
    let app = stub_api::app();
    let ana = minimal("Ana", "ana@example.com");
    queued(&app, "rs", json!({"replaceStatus": 200})).await;
    let answer = call(&app, create_request("rs", &ana)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["id"], "ct_000001");
    assert_eq!(answer.json()["email"], "ana@example.com");
    assert_eq!(
        answer.header("content-type"),
        "application/json; charset=utf-8"
    );
    assert_eq!(answer.header("x-ratelimit-remaining"), "999");
    answer.assert_readable_cross_origin();
    assert_eq!(found(&app, "rs", "ana@example.com").await.len(), 1);

    // Any answer of the route, an error too, with headers added.
    queued(
        &app,
        "rs",
        json!({"replaceStatus": 503, "headers": {"Retry-After": "2"}}),
    )
    .await;
    let answer = call(&app, create_request("rs", &ana)).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.json()["statusCode"], 409);
    assert_eq!(answer.header("retry-after"), "2");
    assert_eq!(answer.header("x-ratelimit-remaining"), "997");
}

#[tokio::test]
async fn pad_to_creates_then_answers_the_same_json_made_longer() {
    let app = stub_api::app();
    let ana = minimal("Ana", "ana@example.com");
    queued(&app, "pad", json!({"padTo": 3_000_000})).await;
    let answer = call(&app, create_request("pad", &ana)).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(answer.body.len(), 3_000_000);
    assert_eq!(answer.header("content-length"), "3000000");
    assert_eq!(answer.json()["email"], "ana@example.com");
    assert_eq!(found(&app, "pad", "ana@example.com").await.len(), 1);
    let refused = queue(&app, "pad", json!({"padTo": 60_000_000})).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("padTo"), "{}", refused.body);
}

#[tokio::test]
async fn an_org_seeded_without_unique_emails_takes_the_same_email_twice() {
    let app = stub_api::app();
    let ana = minimal("Ana", "ana@example.com");
    let seeded = call(
        &app,
        post_text("/__stub/seed?org=twice", r#"{"uniqueEmails": false}"#),
    )
    .await;
    assert_eq!(seeded.json()["seeded"], json!(["uniqueEmails"]));
    for _ in 0..2 {
        let answer = call(&app, create_request("twice", &ana)).await;
        assert_eq!(answer.status, StatusCode::CREATED);
    }
    assert_eq!(found(&app, "twice", "ana@example.com").await.len(), 2);
    // Other orgs keep the platform's rule.
    for expected in [StatusCode::CREATED, StatusCode::CONFLICT] {
        assert_eq!(
            call(&app, create_request("once", &ana)).await.status,
            expected
        );
    }
}

#[tokio::test]
async fn empty_body_creates_then_answers_nothing_with_the_status() {
    let app = stub_api::app();
    queued(&app, "eb", json!({"emptyBody": true})).await;
    let answer = call(
        &app,
        create_request("eb", &minimal("Ana", "ana@example.com")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(answer.body, "");
    // The route's headers are kept, its JSON content type included.
    assert_eq!(
        answer.header("content-type"),
        "application/json; charset=utf-8"
    );
    assert_eq!(answer.header("x-ratelimit-limit"), "1000");
    assert_eq!(found(&app, "eb", "ana@example.com").await.len(), 1);

    queued(&app, "eb", json!({"emptyBody": true, "replaceStatus": 200})).await;
    let answer = call(&app, create_request("eb", &minimal("Bo", "bo@example.com"))).await;
    assert_eq!((answer.status, answer.body.as_str()), (StatusCode::OK, ""));
    assert_eq!(found(&app, "eb", "bo@example.com").await.len(), 1);
}

#[tokio::test]
async fn content_type_of_an_injected_answer_or_of_the_routes() {
    let app = stub_api::app();
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    queued(
        &app,
        "cty",
        json!({"status": 502, "body": page, "contentType": "text/html",
               "headers": {"Content-Type": "text/plain"}}),
    )
    .await;
    let answer = call(
        &app,
        create_request("cty", &minimal("Ana", "ana@example.com")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
    assert_eq!(answer.body, page);
    // contentType wins over a Content-Type in headers.
    assert_eq!(answer.header("content-type"), "text/html");
    answer.assert_readable_cross_origin();
    // An injected answer: the route did not run.
    assert!(found(&app, "cty", "ana@example.com").await.is_empty());

    // Alone: the route's answer, with another content type.
    queued(&app, "cty", json!({"contentType": "text/plain"})).await;
    let answer = call(
        &app,
        create_request("cty", &minimal("Ana", "ana@example.com")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(answer.header("content-type"), "text/plain");
    assert_eq!(answer.json()["email"], "ana@example.com");
    assert_eq!(found(&app, "cty", "ana@example.com").await.len(), 1);

    // "": none at all; with an 'after' form.
    queued(
        &app,
        "cty",
        json!({"contentType": "", "replaceStatus": 200}),
    )
    .await;
    let answer = call(
        &app,
        create_request("cty", &minimal("Bo", "bo@example.com")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.headers.get("content-type").is_none());
    assert_eq!(answer.json()["firstName"], "Bo");
}

#[tokio::test]
async fn body_bytes_is_exactly_that_long_and_streamed() {
    let app = stub_api::app();
    let ana = minimal("Ana", "ana@example.com");
    for (n, expected) in [
        (0, ""),
        (5, r#"{"id""#),
        (27, r#"{"id":"ct_big","filler":""}"#),
        (30, r#"{"id":"ct_big","filler":"xxx"}"#),
    ] {
        queued(&app, "bb", json!({"bodyBytes": n})).await;
        let answer = call(&app, create_request("bb", &ana)).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{n}");
        assert_eq!(answer.body, expected, "{n}");
        assert_eq!(answer.header("content-length"), n.to_string());
    }

    // The largest, counted frame by frame: never one giant chunk.
    queued(
        &app,
        "bb",
        json!({"bodyBytes": 50_000_000, "status": 200, "contentType": "text/plain"}),
    )
    .await;
    let response = create_response(&app, "bb", &ana).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/plain");
    assert_eq!(response.headers()["content-length"], "50000000");
    let mut body = response.into_body();
    let (mut total, mut frames, mut largest) = (0, 0, 0);
    // The first bytes, and the last few.
    let (mut first, mut tail) = (Bytes::new(), Vec::new());
    while let Some(frame) = body.frame().await {
        let data = frame.unwrap().into_data().unwrap();
        if frames == 0 {
            first = data.clone();
        }
        total += data.len();
        largest = largest.max(data.len());
        frames += 1;
        tail.extend_from_slice(&data[data.len().saturating_sub(8)..]);
        tail.drain(..tail.len().saturating_sub(8));
    }
    assert_eq!(total, 50_000_000);
    assert!(frames > 100, "{frames} frames");
    assert!(largest <= 64 * 1024, "a frame of {largest} bytes");
    assert!(first.starts_with(br#"{"id":"ct_big","filler":""#));
    assert_eq!(tail, br#"xxxxxx"}"#);

    // A medium one is valid JSON; none of them ran the route.
    queued(&app, "bb", json!({"bodyBytes": 200_000})).await;
    let answer = call(&app, create_request("bb", &ana)).await;
    assert_eq!(answer.body.len(), 200_000);
    let filler = answer.json()["filler"].as_str().unwrap().to_string();
    assert_eq!(filler.len(), 200_000 - 27);
    assert!(filler.bytes().all(|b| b == b'x'));
    assert!(found(&app, "bb", "ana@example.com").await.is_empty());
}

#[tokio::test]
async fn deep_json_nests_brackets() {
    let app = stub_api::app();
    queued(&app, "dj", json!({"deepJson": 3})).await;
    let answer = call(
        &app,
        create_request("dj", &minimal("Ana", "ana@example.com")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(answer.body, "[[[]]]");
    assert_eq!(answer.header("content-length"), "6");
    assert_eq!(
        answer.header("content-type"),
        "application/json; charset=utf-8"
    );

    // The deepest, on a GET: 200 by default.
    let fields = "/v1/custom-field";
    let next = format!("/__stub/next?org=dj&path={fields}");
    call(
        &app,
        post_text(&next, json!({"deepJson": 2_000_000}).to_string()),
    )
    .await;
    let answer = call(&app, api_get("dj", fields)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header("content-length"), "4000000");
    assert_eq!(answer.body.len(), 4_000_000);
    let (open, close) = answer.body.split_at(2_000_000);
    assert!(open.bytes().all(|b| b == b'['));
    assert!(close.bytes().all(|b| b == b']'));
    // Too deep for a parser with a recursion limit.
    let error = serde_json::from_str::<Value>(&answer.body).unwrap_err();
    assert!(error.to_string().contains("recursion limit"), "{error}");
    assert!(found(&app, "dj", "ana@example.com").await.is_empty());
}

#[tokio::test]
async fn stall_sends_the_head_and_a_start_then_nothing_without_creating() {
    let app = stub_api::app();
    queued(&app, "st", json!({"stall": true})).await;
    let response = create_response(&app, "st", &minimal("Ana", "ana@example.com")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(
        response.headers()["content-type"],
        "application/json; charset=utf-8"
    );
    let mut body = response.into_body();
    let wait = Duration::from_millis(300);
    assert_eq!(next_frame(&mut body, wait).await.unwrap(), r#"{"id":"#);
    assert_eq!(next_frame(&mut body, wait).await, None, "the body went on");
    // The route did not run.
    assert!(found(&app, "st", "ana@example.com").await.is_empty());
    drop(body);

    // With a status, a start and a content type of its own, on any path.
    let next = "/__stub/next?org=st&path=/v1/accounts";
    let stall = json!({"stall": true, "status": 202, "body": "[{", "contentType": "text/plain"});
    call(&app, post_text(next, stall.to_string())).await;
    let response = app
        .clone()
        .oneshot(api_get("st", "/v1/accounts"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    assert_eq!(response.headers()["content-type"], "text/plain");
    let mut body = response.into_body();
    assert_eq!(next_frame(&mut body, wait).await.unwrap(), "[{");
    assert_eq!(next_frame(&mut body, wait).await, None, "the body went on");
}

#[tokio::test]
async fn stall_after_creates_then_sends_half_of_the_answer() {
    let app = stub_api::app();
    queued(&app, "sa", json!({"stallAfter": true})).await;
    let response = create_response(&app, "sa", &minimal("Ana", "ana@example.com")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.headers()["x-ratelimit-remaining"], "999");
    let mut body = response.into_body();
    let wait = Duration::from_millis(300);
    let start = next_frame(&mut body, wait).await.unwrap();
    assert_eq!(next_frame(&mut body, wait).await, None, "the body went on");
    drop(body);
    // The contact exists, and what was sent is the first half of it as the route answered.
    let contacts = found(&app, "sa", "ana@example.com").await;
    assert_eq!(contacts[0]["id"], "ct_000001");
    let contact = contacts[0].to_string();
    assert_eq!(start.len(), contact.len() / 2);
    assert!(contact.as_bytes().starts_with(&start), "{start:?}");
    assert!(serde_json::from_slice::<Value>(&start).is_err());
}

#[tokio::test]
async fn delay_comes_before_the_answer_of_every_form() {
    let app = stub_api::app();
    let wait = Duration::from_millis(300);
    // With an 'after' form, the route runs first: the contact exists while the answer waits.
    queued(&app, "dl", json!({"dropAfter": true, "delayMs": 300})).await;
    let started = Instant::now();
    let pending = {
        let app = app.clone();
        tokio::spawn(async move {
            create_response(&app, "dl", &minimal("Ana", "ana@example.com")).await
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(found(&app, "dl", "ana@example.com").await.len(), 1);
    assert!(!pending.is_finished(), "answered before the delay");
    let response = pending.await.unwrap();
    assert!(started.elapsed() >= wait, "{:?}", started.elapsed());
    assert!(response.into_body().collect().await.is_err());

    for (i, (misbehaviour, status)) in [
        (json!({"replaceStatus": 200, "delayMs": 300}), 200),
        (json!({"emptyBody": true, "delayMs": 300}), 201),
        (json!({"contentType": "text/plain", "delayMs": 300}), 201),
        (json!({"bodyBytes": 10, "status": 200, "delayMs": 300}), 200),
        (json!({"deepJson": 10, "delayMs": 300}), 201),
        (
            json!({"status": 502, "contentType": "text/html", "delayMs": 300}),
            502,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        queued(&app, "dl", misbehaviour.clone()).await;
        let started = Instant::now();
        let contact = minimal("X", &format!("x{i}@example.com"));
        let answer = call(&app, create_request("dl", &contact)).await;
        assert!(started.elapsed() >= wait, "{misbehaviour}");
        assert_eq!(answer.status.as_u16(), status, "{misbehaviour}");
    }

    // A stall's head comes after the delay.
    queued(&app, "dl", json!({"stall": true, "delayMs": 300})).await;
    let started = Instant::now();
    let response = create_response(&app, "dl", &minimal("Y", "y@example.com")).await;
    assert!(started.elapsed() >= wait);
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn senseless_misbehaviours_are_refused_naming_the_fields() {
    let app = stub_api::app();
    for (bogus, named) in [
        (
            json!({"drop": true, "dropAfter": true}),
            &["drop", "dropAfter"][..],
        ),
        (
            json!({"bodyBytes": 10, "deepJson": 10}),
            &["bodyBytes", "deepJson"],
        ),
        (
            json!({"malformed": true, "bodyBytes": 10}),
            &["malformed", "bodyBytes"],
        ),
        (
            json!({"malformed": true, "deepJson": 10}),
            &["malformed", "deepJson"],
        ),
        (
            json!({"malformed": true, "stall": true}),
            &["malformed", "stall"],
        ),
        (
            json!({"stall": true, "stallAfter": true}),
            &["stall", "stallAfter"],
        ),
        (
            json!({"emptyBody": true, "dropAfter": true}),
            &["dropAfter", "emptyBody"],
        ),
        (
            json!({"status": 200, "replaceStatus": 201}),
            &["status", "replaceStatus"],
        ),
        (
            json!({"bodyBytes": 1, "emptyBody": true}),
            &["bodyBytes", "emptyBody"],
        ),
        (
            json!({"stall": true, "replaceStatus": 200}),
            &["stall", "replaceStatus"],
        ),
        (json!({"drop": true, "status": 500}), &["drop", "status"]),
        (
            json!({"dropAfter": true, "contentType": "text/html"}),
            &["dropAfter", "contentType"],
        ),
        (
            json!({"dropAfter": true, "replaceStatus": 200}),
            &["dropAfter", "replaceStatus"],
        ),
        (
            json!({"emptyBody": true, "body": "x"}),
            &["body", "emptyBody"],
        ),
        (
            json!({"replaceStatus": 200, "body": "x"}),
            &["body", "replaceStatus"],
        ),
        (
            json!({"contentType": "text/plain", "body": "x"}),
            &["body", "contentType"],
        ),
        (json!({"bodyBytes": 50_000_001}), &["bodyBytes"]),
        (json!({"deepJson": 2_000_001}), &["deepJson"]),
        (json!({"replaceStatus": 42}), &["replaceStatus"]),
        (json!({"contentType": "text/html\n"}), &["contentType"]),
        // serde's own message, which does not name the field.
        (json!({"bodyBytes": -1}), &["expected u64"]),
        (json!({"dropafter": true}), &["dropafter"]),
    ] {
        let answer = queue(&app, "bad", bogus.clone()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bogus}");
        let message = answer.json()["message"].as_str().unwrap().to_string();
        assert!(message.starts_with("Bad misbehaviour: "), "{message}");
        for name in named {
            assert!(message.contains(name), "{bogus}: {name} not in {message}");
        }
    }
    // Nothing was queued.
    let answer = call(
        &app,
        create_request("bad", &minimal("Ana", "ana@example.com")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    assert_eq!(
        answer.header("content-type"),
        "application/json; charset=utf-8"
    );
}

#[tokio::test]
async fn every_misbehaving_request_is_recorded() {
    let app = stub_api::app();
    let forms = [
        json!({"drop": true}),
        json!({"dropAfter": true}),
        json!({"replaceStatus": 200}),
        json!({"emptyBody": true}),
        json!({"malformed": true}),
        json!({"status": 500}),
        json!({"bodyBytes": 100}),
        json!({"deepJson": 10}),
        json!({"stall": true}),
        json!({"stallAfter": true}),
        json!({"contentType": "text/plain"}),
        json!({"delayMs": 1}),
    ];
    for (i, form) in forms.iter().enumerate() {
        queued(&app, "log", form.clone()).await;
        let contact = minimal("Ana", &format!("ana{i}@example.com"));
        let response = create_response(&app, "log", &contact).await;
        // Stalled bodies are left unread and dropped; the others are read to the end.
        if !(form.get("stall").is_some() || form.get("stallAfter").is_some()) {
            let _ = response.into_body().collect().await;
        }
    }
    let received = call(&app, get("/__stub/requests?org=log")).await.json();
    let received = received.as_array().unwrap();
    assert_eq!(received.len(), forms.len());
    for (i, request) in received.iter().enumerate() {
        assert_eq!(request["method"], "POST");
        assert_eq!(
            request["body"],
            minimal("Ana", &format!("ana{i}@example.com"))
        );
    }
}

// Over real sockets.

/// Serves a fresh app on a free port, on its own single-threaded runtime as the binary does;
/// the runtime's handle tells how many connections it still serves (one task each).
fn start() -> (SocketAddr, tokio::runtime::Handle) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let address = listener.local_addr().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let handle = runtime.handle().clone();
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, stub_api::app()).await.unwrap();
        });
    });
    (address, handle)
}

/// A raw `Connection: close` request, its stream left open for reading.
fn open(address: SocketAddr, method: &str, path: &str, org: &str, body: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let raw = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer t\r\n\
         x-org-id: {org}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(raw.as_bytes()).unwrap();
    stream
}

/// Everything the server sends until it closes, or the read error.
fn read_all(mut stream: TcpStream) -> std::io::Result<Vec<u8>> {
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    Ok(response)
}

/// Queues a misbehaviour over the socket.
fn queue_raw(address: SocketAddr, org: &str, path: &str, misbehaviour: Value) {
    let next = format!("/__stub/next?org={org}&path={path}");
    let response = read_all(open(address, "POST", &next, org, &misbehaviour.to_string())).unwrap();
    assert!(response.starts_with(b"HTTP/1.1 200"), "{response:?}");
}

/// The head (lowercased) and body of a whole answer.
fn split(response: &[u8]) -> (String, Vec<u8>) {
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(response)));
    (
        String::from_utf8_lossy(&response[..end]).to_ascii_lowercase(),
        response[end + 4..].to_vec(),
    )
}

/// The org's contacts with `email`, searched over a socket.
fn search_raw(address: SocketAddr, org: &str, email: &str) -> Value {
    let response = read_all(open(address, "GET", &format!("{SEARCH}{email}"), org, "")).unwrap();
    serde_json::from_slice(&split(&response).1).unwrap()
}

/// Waits up to five seconds for the server to serve no connection at all.
fn wait_idle(handle: &tokio::runtime::Handle) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while handle.metrics().num_alive_tasks() > 0 {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

#[test]
fn socket_drop_after_closes_without_an_answer_but_the_contact_exists() {
    let (address, _) = start();
    queue_raw(
        address,
        "sda",
        "/v1/accounts/contacts",
        json!({"dropAfter": true}),
    );
    let ana = minimal("Ana", "ana@example.com").to_string();
    let stream = open(address, "POST", "/v1/accounts/contacts", "sda", &ana);
    // Either the connection is reset (an error) or closed before any byte of an answer.
    match read_all(stream) {
        Ok(response) => assert!(response.is_empty(), "the client got an answer"),
        Err(e) => assert_ne!(e.kind(), std::io::ErrorKind::WouldBlock, "timed out: {e}"),
    }
    let contacts = search_raw(address, "sda", "ana@example.com");
    assert_eq!(contacts[0]["firstName"], "Ana", "{contacts}");
}

#[test]
fn socket_big_bodies_have_a_content_length_and_exactly_that_many_bytes() {
    let (address, _) = start();
    let ana = minimal("Ana", "ana@example.com").to_string();
    for (misbehaviour, length) in [
        (json!({"bodyBytes": 3_000_000}), 3_000_000),
        (json!({"deepJson": 100_000}), 200_000),
        (json!({"emptyBody": true}), 0),
    ] {
        queue_raw(
            address,
            "sbb",
            "/v1/accounts/contacts",
            misbehaviour.clone(),
        );
        let stream = open(address, "POST", "/v1/accounts/contacts", "sbb", &ana);
        let (head, body) = split(&read_all(stream).unwrap());
        assert!(head.starts_with("http/1.1 201"), "{misbehaviour}: {head}");
        assert!(
            head.contains(&format!("\r\ncontent-length: {length}\r\n")),
            "{misbehaviour}: {head}"
        );
        assert!(!head.contains("transfer-encoding"), "{head}");
        assert_eq!(body.len(), length, "{misbehaviour}");
    }
}

#[test]
fn socket_a_stalled_body_lasts_until_the_client_goes() {
    let (address, handle) = start();
    for (org, misbehaviour, start) in [
        ("sst", json!({"stall": true}), r#"{"id":"#),
        ("ssa", json!({"stallAfter": true}), r#"{""#),
    ] {
        queue_raw(address, org, "/v1/accounts/contacts", misbehaviour.clone());
        assert!(wait_idle(&handle), "a connection was left open");
        let ana = minimal("Ana", "ana@example.com").to_string();
        let mut stream = open(address, "POST", "/v1/accounts/contacts", org, &ana);
        // Read the head and the start of the body.
        let mut received = Vec::new();
        let mut buffer = [0; 4096];
        while !String::from_utf8_lossy(&received).contains(start) {
            let n = stream.read(&mut buffer).unwrap();
            assert!(
                n > 0,
                "closed after {:?}",
                String::from_utf8_lossy(&received)
            );
            received.extend_from_slice(&buffer[..n]);
        }
        let (head, _) = split(&received);
        assert!(head.starts_with("http/1.1 201"), "{head}");
        assert!(head.contains("transfer-encoding: chunked"), "{head}");
        // Then nothing, not even the end of the chunked body.
        stream
            .set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        let error = stream.read(&mut buffer).map(|n| buffer[..n].to_vec());
        assert!(error.is_err(), "{misbehaviour}: more came: {error:?}");
        assert_eq!(handle.metrics().num_alive_tasks(), 1);
        // The client goes: the server lets go of the stalled answer and its connection.
        drop(stream);
        assert!(wait_idle(&handle), "{misbehaviour}: still served");
    }
    // The stall created nothing; the stall after the route did.
    assert_eq!(search_raw(address, "sst", "ana@example.com"), json!([]));
    assert_eq!(
        search_raw(address, "ssa", "ana@example.com")[0]["firstName"],
        "Ana"
    );
}
