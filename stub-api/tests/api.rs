//! The stub: mostly in-process through `tower::ServiceExt::oneshot`, plus a few tests over real
//! sockets (raw HTTP/1.1, chunked bodies, dropped connections, concurrent delays, the binary).

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{api_get, call, create_request, get, minimal, post_text, queue, seed_org, value_of};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// A create body with every documented property (the platform reference page's example, with
/// a contact type and custom field values the seeded organization has).
fn full_body() -> Value {
    json!({
        "firstName": "John",
        "lastName": "Doe",
        "email": "john.doe@example.com",
        "phoneNumber": "+1234567890",
        "contactType": "CT_BILLING",
        "avatarUrl": "https://example.com/avatar.png",
        "accountIds": ["A123", "A456"],
        "customFieldValues": [
            {"customFieldId": "cf_tier", "data": [{"value": "Gold"}]},
            {"customFieldId": "cf_channel", "data": [{"value": "Phone"}]}
        ]
    })
}

#[tokio::test]
async fn preflight_allows_the_three_headers() {
    let app = stub_api::app();
    let answer = call(
        &app,
        Request::options("/v1/accounts/contacts")
            .header("Origin", "http://a")
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type,x-org-id",
            )
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(answer.status.is_success(), "{}", answer.status);
    assert_eq!(answer.header("access-control-allow-origin"), "*");
    let allowed = answer
        .header("access-control-allow-headers")
        .to_ascii_lowercase();
    for name in ["authorization", "content-type", "x-org-id"] {
        assert!(allowed.contains(name), "{name} not in {allowed}");
    }
    assert!(answer
        .header("access-control-allow-methods")
        .contains("POST"));
    assert_eq!(answer.header("access-control-max-age"), "600");
}

#[tokio::test]
async fn create_answers_201_with_the_documented_body_then_409_for_the_same_email() {
    let app = stub_api::app();
    let answer = call(&app, create_request("org-a", &full_body())).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    assert_eq!(
        answer.header("content-type"),
        "application/json; charset=utf-8"
    );
    assert_eq!(answer.header("x-ratelimit-limit"), "1000");
    // The request itself counts.
    assert_eq!(answer.header("x-ratelimit-remaining"), "999");
    assert!(answer.header("x-ratelimit-reset").parse::<u64>().unwrap() > 1_700_000_000);
    // Never a kept-alive connection: a browser would retry a dropped request on its own.
    assert_eq!(answer.header("connection"), "close");
    answer.assert_readable_cross_origin();
    let contact = answer.json();
    for key in [
        "id",
        "firstName",
        "lastName",
        "email",
        "phoneNumber",
        "avatarUrl",
        "accounts",
        "contactTypeId",
        "contactType",
        "customFieldValues",
        "metadata",
        "createdAt",
        "updatedAt",
    ] {
        assert!(contact.get(key).is_some(), "{key} missing in {contact}");
    }
    assert_eq!(contact["id"], "ct_000001");
    assert_eq!(contact["firstName"], "John");
    assert_eq!(contact["accounts"], json!(["A123", "A456"]));
    assert_eq!(contact["contactTypeId"], "CT_BILLING");
    assert_eq!(contact["contactType"], "BILLING");
    // Documented as string[]: each item as JSON text.
    let custom = contact["customFieldValues"].as_array().unwrap();
    assert_eq!(custom.len(), 2);
    assert_eq!(
        serde_json::from_str::<Value>(custom[0].as_str().unwrap()).unwrap(),
        full_body()["customFieldValues"][0]
    );
    assert_eq!(contact["metadata"], json!({}));
    assert_eq!(contact["createdAt"].as_str().unwrap().len(), 24);

    let mut again = full_body();
    again["email"] = json!("JOHN.DOE@example.com");
    let answer = call(&app, create_request("org-a", &again)).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert_eq!(
        answer.json(),
        json!({"statusCode": 409, "message": "Contact with this email already exists", "error": "Conflict"})
    );
    assert_eq!(answer.header("x-ratelimit-remaining"), "998");

    // Another organization may have the same email; ids go on counting.
    let answer = call(&app, create_request("org-b", &full_body())).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(answer.json()["id"], "ct_000003");

    // A default contact type is filled in and named.
    let answer = call(&app, create_request("org-c", &minimal("A", "a@b.co"))).await;
    assert_eq!(answer.json()["contactTypeId"], "CT_PRIMARY");
    assert_eq!(answer.json()["contactType"], "PRIMARY");
}

#[tokio::test]
async fn missing_token_or_org_is_401_and_bad_bodies_are_nest_400s() {
    let app = stub_api::app();
    let no_token = Request::post("/v1/accounts/contacts")
        .header("x-org-id", "o")
        .header("Content-Type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let answer = call(&app, no_token).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        answer.json(),
        json!({"statusCode": 401, "message": "Unauthorized", "error": "Unauthorized"})
    );
    answer.assert_readable_cross_origin();

    let answer = call(&app, create_request("", &full_body())).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        answer.json()["message"],
        "Organization ID (x-org-id) is required"
    );

    let text = Request::post("/v1/accounts/contacts")
        .header("Authorization", "Bearer t")
        .header("x-org-id", "o")
        .header("Content-Type", "text/plain")
        .body(Body::from(full_body().to_string()))
        .unwrap();
    let answer = call(&app, text).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.json()["message"],
        "Content-Type must be application/json"
    );

    let array = call(&app, create_request("o", &json!([1]))).await;
    assert_eq!(array.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        array.json()["message"],
        "Request body must be a JSON object"
    );

    let mut not_json = create_request("o", &json!({}));
    *not_json.body_mut() = Body::from("{nope");
    let answer = call(&app, not_json).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.json()["message"]
        .as_str()
        .unwrap()
        .starts_with("Unexpected token in JSON"));

    let answer = call(
        &app,
        create_request(
            "o",
            &json!({"firstName": "", "email": "nope", "lastName": "", "phoneNumber": "555", "extra": 1}),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    answer.assert_readable_cross_origin();
    let body = answer.json();
    assert_eq!(body["statusCode"], 400);
    assert_eq!(body["error"], "Bad Request");
    let messages = body["message"].as_array().unwrap();
    for expected in [
        "property extra should not exist",
        "firstName should not be empty",
        "email must be an email",
        "lastName should not be empty",
        "phoneNumber must be a valid phone number",
    ] {
        assert!(
            messages.contains(&json!(expected)),
            "{expected} not in {messages:?}"
        );
    }
}

#[tokio::test]
async fn health_and_unknown_routes() {
    let app = stub_api::app();
    let answer = call(&app, get("/__stub/health")).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::OK, "ok")
    );

    let answer = call(&app, get("/nowhere?x=1")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        answer.json(),
        json!({"statusCode": 404, "message": "Cannot GET /nowhere", "error": "Not Found"})
    );
    answer.assert_readable_cross_origin();
    // A known path with another method is a NestJS 404 too, not a bare 405.
    let answer = call(&app, get("/v1/accounts/contacts")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.json()["message"], "Cannot GET /v1/accounts/contacts");
}

#[tokio::test]
async fn queued_misbehaviour_answers_with_status_body_headers_or_malformed_json() {
    let app = stub_api::app();
    let ok = minimal("Ana", "ana@example.com");
    let answer = queue(
        &app,
        "o1",
        json!({"status": 503, "body": {"message": "down"}, "headers": {"Retry-After": "7", "Bad Name": "x", "X-Ctl": "a\u{1}b"}, "times": 2}),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json(), json!({"queued": 2}));
    for _ in 0..2 {
        let answer = call(&app, create_request("o1", &ok)).await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(answer.body, r#"{"message":"down"}"#);
        assert_eq!(answer.header("retry-after"), "7");
        assert_eq!(answer.header("x-ctl"), "ab");
        // An injected error is readable by a browser, Retry-After included.
        answer.assert_readable_cross_origin();
    }
    // The queue is used up: the next one is a normal create.
    assert_eq!(
        call(&app, create_request("o1", &ok)).await.status,
        StatusCode::CREATED
    );

    // A string body goes out as it is.
    queue(&app, "o1", json!({"status": 418, "body": "plain <text>"})).await;
    let answer = call(&app, create_request("o1", &ok)).await;
    assert_eq!(
        (answer.status.as_u16(), answer.body.as_str()),
        (418, "plain <text>")
    );

    queue(&app, "o1", json!({"malformed": true})).await;
    let answer = call(&app, create_request("o1", &ok)).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(answer.header("content-type"), "application/json");
    assert!(answer.body.starts_with("{\"id\": \"ct_"));
    assert!(serde_json::from_str::<Value>(&answer.body).is_err());

    // In-process, a dropped connection is a body that fails.
    queue(&app, "o1", json!({"drop": true})).await;
    let response = app
        .clone()
        .oneshot(create_request("o1", &ok))
        .await
        .unwrap();
    assert!(response.into_body().collect().await.is_err());
}

#[tokio::test]
async fn queued_delay_waits_before_answering() {
    let app = stub_api::app();
    queue(&app, "od", json!({"delayMs": 300})).await;
    let started = Instant::now();
    let answer = call(
        &app,
        create_request("od", &minimal("Ana", "ana@example.com")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn bogus_misbehaviour_is_a_nest_400() {
    let app = stub_api::app();
    for bogus in [r#"{"bogus": 1}"#, "not json", r#"{"status": 42}"#] {
        let answer = call(&app, post_text("/__stub/next?org=ob", bogus)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bogus}");
        assert!(answer.json()["message"]
            .as_str()
            .unwrap()
            .starts_with("Bad misbehaviour: "));
        answer.assert_readable_cross_origin();
    }
    // Nothing was queued.
    let answer = call(&app, create_request("ob", &full_body())).await;
    assert_eq!(answer.status, StatusCode::CREATED);
}

#[tokio::test]
async fn requests_are_logged_per_org_and_reset_forgets_them() {
    let app = stub_api::app();
    let ok = minimal("Ana", "ana@example.com");
    call(&app, create_request("o1", &ok)).await;
    let unauthenticated = Request::post("/v1/accounts/contacts")
        .header("x-org-id", "o1")
        .body(Body::from("not json"))
        .unwrap();
    call(&app, unauthenticated).await;
    call(&app, create_request("o2", &ok)).await;

    let received = call(&app, get("/__stub/requests?org=o1")).await.json();
    let received = received.as_array().unwrap();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0]["method"], "POST");
    assert_eq!(received[0]["path"], "/v1/accounts/contacts");
    assert_eq!(
        received[0]["headers"],
        json!({"authorization": "Bearer t", "x-org-id": "o1", "content-type": "application/json"})
    );
    assert_eq!(received[0]["body"], ok);
    assert_eq!(received[0]["bodyText"], ok.to_string());
    // Only the headers that were sent; a body that is not JSON is null, its text kept.
    assert_eq!(received[1]["headers"], json!({"x-org-id": "o1"}));
    assert_eq!(received[1]["body"], Value::Null);
    assert_eq!(received[1]["bodyText"], "not json");

    let unknown = call(&app, get("/__stub/requests?org=nobody")).await;
    assert_eq!(unknown.body, "[]");

    let answer = call(&app, post_text("/__stub/reset?org=o1", "")).await;
    assert_eq!(answer.json(), json!({"reset": true}));
    assert_eq!(call(&app, get("/__stub/requests?org=o1")).await.body, "[]");
    // o2 is untouched, and its contact still exists.
    assert_eq!(
        call(&app, get("/__stub/requests?org=o2"))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        call(&app, create_request("o2", &ok)).await.status,
        StatusCode::CONFLICT
    );
    // Without an org, reset forgets everything.
    call(&app, post_text("/__stub/reset", "")).await;
    assert_eq!(call(&app, get("/__stub/requests?org=o2")).await.body, "[]");
    assert_eq!(
        call(&app, create_request("o2", &ok)).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn bodies_over_one_mib_are_413_with_cors_headers() {
    let app = stub_api::app();
    // 2 MiB, and 1.5 MiB (under axum's own default limit of 2 MiB).
    for size in [2 * 1024 * 1024, 1536 * 1024] {
        let big = format!(
            r#"{{"firstName": "A", "email": "a@b.co", "lastName": "{}"}}"#,
            "x".repeat(size)
        );
        let mut request = create_request("big", &json!({}));
        *request.body_mut() = Body::from(big);
        let answer = call(&app, request).await;
        assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE, "{size}");
        assert_eq!(
            answer.json(),
            json!({"statusCode": 413, "message": "Request entity too large", "error": "Payload Too Large"})
        );
        answer.assert_readable_cross_origin();
    }
    // Nothing was created; just under the limit is fine.
    let received = call(&app, get("/__stub/requests?org=big")).await;
    assert_eq!(received.body, "[]");
    let mut fits = minimal("A", "a@b.co");
    fits["lastName"] = json!("x".repeat(1000 * 1024));
    let fits = fits.to_string();
    let mut request = create_request("big", &json!({}));
    *request.body_mut() = Body::from(fits);
    assert_eq!(call(&app, request).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn contact_type_is_one_of_the_orgs_and_defaults_to_its_default() {
    let app = stub_api::app();
    let mut body = minimal("Ana", "ana@example.com");
    body["contactType"] = json!("CT_NOPE");
    let answer = call(&app, create_request("types", &body)).await;
    assert_eq!(
        answer.messages(),
        ["contactType must be a valid contact type id"]
    );
    body["contactType"] = json!("CT_LEGAL");
    let answer = call(&app, create_request("types", &body)).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let contact = answer.json();
    assert_eq!(contact["contactTypeId"], "CT_LEGAL");
    assert_eq!(contact["contactType"], "LEGAL");

    // An organization whose types have no default gets none.
    seed_org(
        &app,
        "vendors",
        json!({"contactTypes": [{"id": "X1", "attribute": "contact_type", "value": "Vendor", "isDefault": false}]}),
    )
    .await;
    let answer = call(&app, create_request("vendors", &minimal("A", "a@b.co"))).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    assert_eq!(answer.json()["contactTypeId"], Value::Null);
    assert_eq!(answer.json()["contactType"], Value::Null);
    let mut body = minimal("B", "b@b.co");
    body["contactType"] = json!("X1");
    let answer = call(&app, create_request("vendors", &body)).await;
    assert_eq!(answer.json()["contactType"], "Vendor");
    // The platform's default ids are not this organization's.
    body["contactType"] = json!("CT_PRIMARY");
    let answer = call(&app, create_request("vendors", &body)).await;
    assert_eq!(
        answer.messages(),
        ["contactType must be a valid contact type id"]
    );
}

#[tokio::test]
async fn the_seeded_contact_email_is_taken() {
    let app = stub_api::app();
    let answer = call(
        &app,
        create_request("taken", &minimal("Jane", "Jane.Doe@acme.com")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.body);
}

#[tokio::test]
async fn every_request_of_the_org_counts_against_the_rate_limit() {
    let app = stub_api::app();
    let answer = call(
        &app,
        api_get("rl", "/v1/accounts/attributes?attribute=contact_type"),
    )
    .await;
    assert_eq!(answer.header("x-ratelimit-remaining"), "999");
    call(
        &app,
        api_get("rl", "/v1/custom-field?source=customer_contact"),
    )
    .await;
    let mut body = minimal("Ana", "ana@example.com");
    body["customFieldValues"]
        .as_array_mut()
        .unwrap()
        .push(value_of("cf_employees", &["12"]));
    let answer = call(&app, create_request("rl", &body)).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    assert_eq!(answer.header("x-ratelimit-limit"), "1000");
    assert_eq!(answer.header("x-ratelimit-remaining"), "997");
    // Errors carry them too.
    let answer = call(&app, create_request("rl", &json!({}))).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.header("x-ratelimit-remaining"), "996");
}

// Over real sockets.

/// Serves a fresh app on a free port, on its own single-threaded runtime as the binary does.
fn start() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, stub_api::app()).await.unwrap();
        });
    });
    address
}

/// Sends raw bytes and reads until the server closes: what came back, or the read error.
fn send_raw(address: SocketAddr, raw: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(raw.as_bytes())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    Ok(String::from_utf8_lossy(&response).into_owned())
}

/// A raw `Connection: close` request; returns (status, head, body).
fn send(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut raw = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    raw.push_str("\r\n");
    raw.push_str(body);
    let response = send_raw(address, &raw).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (
        head[9..12].parse().unwrap(),
        head.to_string(),
        body.to_string(),
    )
}

fn create_raw(address: SocketAddr, org: &str, body: &Value) -> (u16, String, String) {
    send(
        address,
        "POST",
        "/v1/accounts/contacts",
        &[
            ("Authorization", "Bearer t"),
            ("x-org-id", org),
            ("Content-Type", "application/json"),
        ],
        &body.to_string(),
    )
}

#[test]
fn socket_plain_create_over_http_1_1() {
    let address = start();
    let (status, head, body) = create_raw(address, "os", &full_body());
    assert_eq!(status, 201, "{head}\n{body}");
    let head = head.to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 201 created"), "{head}");
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
    assert!(head.contains("x-ratelimit-reset: "), "{head}");
    let contact: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(contact["email"], "john.doe@example.com");
    let (status, _, body) = send(address, "GET", "/__stub/requests?org=os", &[], "");
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()[0]["body"],
        full_body()
    );
}

#[test]
fn socket_chunked_bodies_are_read() {
    let address = start();
    let body = minimal("Chunk", "chunk@example.com").to_string();
    let (a, b) = body.split_at(10);
    let raw = format!(
        "POST /v1/accounts/contacts HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer t\r\nx-org-id: oc\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n",
        a.len(),
        b.len()
    );
    let response = send_raw(address, &raw).unwrap();
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    let (_, body) = response.split_once("\r\n\r\n").unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(body).unwrap()["firstName"],
        "Chunk"
    );
}

#[test]
fn socket_drop_closes_the_connection_without_an_answer() {
    let address = start();
    let (status, _, _) = send(
        address,
        "POST",
        "/__stub/next?org=odrop",
        &[],
        r#"{"drop": true}"#,
    );
    assert_eq!(status, 200);
    let ok = minimal("Ana", "ana@example.com");
    let raw = format!(
        "POST /v1/accounts/contacts HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer t\r\nx-org-id: odrop\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{ok}",
        ok.to_string().len()
    );
    // Either the connection is reset (an error) or closed before any byte of an answer.
    match send_raw(address, &raw) {
        Ok(response) => assert_eq!(response, "", "the client got an answer"),
        Err(e) => assert_ne!(e.kind(), std::io::ErrorKind::WouldBlock, "timed out: {e}"),
    }
    // The server itself goes on.
    assert_eq!(create_raw(address, "odrop", &ok).0, 201);
}

#[test]
fn socket_a_delayed_request_does_not_hold_up_others() {
    let address = start();
    let (status, _, _) = send(
        address,
        "POST",
        "/__stub/next?org=slow",
        &[],
        r#"{"delayMs": 1500}"#,
    );
    assert_eq!(status, 200);
    let started = Instant::now();
    let slow = std::thread::spawn(move || {
        let answer = create_raw(address, "slow", &minimal("S", "s@x.co"));
        (answer.0, started.elapsed())
    });
    // Once the stub holds the slow request (it records before it waits), send another.
    while send(address, "GET", "/__stub/requests?org=slow", &[], "").2 == "[]" {
        std::thread::sleep(Duration::from_millis(10));
    }
    let (status, _, _) = create_raw(address, "fast", &minimal("F", "f@x.co"));
    assert_eq!(status, 201);
    // Answered while the slow one still waits: a delay holds up nobody else.
    assert!(
        !slow.is_finished(),
        "the fast request waited for the slow one"
    );
    let (slow_status, slow) = slow.join().unwrap();
    assert_eq!(slow_status, 201);
    assert!(slow >= Duration::from_millis(1500), "{slow:?}");
}

#[test]
fn binary_prints_the_listening_line_and_checks_its_usage() {
    let binary = env!("CARGO_BIN_EXE_stub-api");
    let mut child = std::process::Command::new(binary)
        .args(["--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim_end()
        .strip_prefix("stub-api listening on http://127.0.0.1:")
        .map(|port| SocketAddr::from(([127, 0, 0, 1], port.parse().unwrap())));
    let health = address.map(|a| send(a, "GET", "/__stub/health", &[], ""));
    child.kill().unwrap();
    child.wait().unwrap();
    let (status, _, body) = health.unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    assert_eq!((status, body.as_str()), (200, "ok"));

    let usage = std::process::Command::new(binary)
        .arg("--bogus")
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&usage.stderr),
        "usage: stub-api [--port N]\n"
    );
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let busy = std::process::Command::new(binary)
        .args(["--port", &port])
        .output()
        .unwrap();
    assert_eq!(busy.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&busy.stderr).contains("cannot listen on"));
}
