//! The stub, over real sockets: each test starts its own server on a free port.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

fn start() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || stub_api::serve(listener));
    address
}

/// Sends a raw request; returns (status, head, body), or None when the connection was dropped.
fn send(address: &str, raw: &str) -> Option<(u16, String, String)> {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    if response.is_empty() {
        return None;
    }
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    Some((status, head.to_string(), body.to_string()))
}

fn post(
    address: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<(u16, String, String)> {
    let mut raw = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    raw.push_str("\r\n");
    raw.push_str(body);
    send(address, &raw)
}

fn create(address: &str, org: &str, body: &Value) -> Option<(u16, String, String)> {
    post(
        address,
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
fn preflight_allows_the_three_headers() {
    let address = start();
    let (status, head, _) = send(
        &address,
        "OPTIONS /v1/accounts/contacts HTTP/1.1\r\nOrigin: http://a\r\nAccess-Control-Request-Method: POST\r\n\r\n",
    )
    .unwrap();
    assert_eq!(status, 204);
    assert!(head.contains("Access-Control-Allow-Headers: Authorization, Content-Type, x-org-id"));
    assert!(head.contains("Access-Control-Allow-Origin: *"));
}

#[test]
fn create_answers_201_with_the_documented_body_then_409_for_the_same_email() {
    let address = start();
    let seed: Value =
        serde_json::from_str(include_str!("../../tests/fixtures/seed-request.json")).unwrap();
    let (status, head, body) = create(&address, "org-a", &seed).unwrap();
    assert_eq!(status, 201, "{body}");
    assert!(head.contains("X-RateLimit-Reset: "));
    let contact: Value = serde_json::from_str(&body).unwrap();
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
        assert!(contact.get(key).is_some(), "{key} missing in {body}");
    }
    assert_eq!(contact["accounts"], json!(["A123", "A456"]));
    assert_eq!(contact["contactTypeId"], "CT123");
    let mut again = seed.clone();
    again["email"] = json!("JOHN.DOE@example.com");
    let (status, _, body) = create(&address, "org-a", &again).unwrap();
    assert_eq!(status, 409);
    assert!(body.contains("already exists"));
    // Another organization may have the same email.
    assert_eq!(create(&address, "org-b", &seed).unwrap().0, 201);
}

#[test]
fn missing_token_is_401_and_bad_bodies_are_nest_400s() {
    let address = start();
    let (status, _, _) = post(
        &address,
        "/v1/accounts/contacts",
        &[("x-org-id", "o")],
        "{}",
    )
    .unwrap();
    assert_eq!(status, 401);
    let (status, _, body) = create(
        &address,
        "o",
        &json!({"firstName": "", "email": "nope", "lastName": "", "phoneNumber": "555", "extra": 1}),
    )
    .unwrap();
    assert_eq!(status, 400);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["statusCode"], 400);
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

#[test]
fn tests_can_queue_misbehaviour_and_read_what_was_received() {
    let address = start();
    let ok = json!({"firstName": "Ana", "email": "ana@example.com"});
    let queue = |m: Value| post(&address, "/__stub/next?org=o1", &[], &m.to_string()).unwrap();
    assert_eq!(
        queue(json!({"status": 503, "body": {"message": "down"}, "headers": {"Retry-After": "7"}}))
            .0,
        200
    );
    let (status, head, body) = create(&address, "o1", &ok).unwrap();
    assert_eq!((status, body.as_str()), (503, r#"{"message":"down"}"#));
    assert!(head.contains("Retry-After: 7"));
    queue(json!({"malformed": true}));
    let (status, _, body) = create(&address, "o1", &ok).unwrap();
    assert_eq!(status, 201);
    assert!(serde_json::from_str::<Value>(&body).is_err());
    queue(json!({"drop": true}));
    assert!(create(&address, "o1", &ok).is_none());
    queue(json!({"delayMs": 300}));
    let started = std::time::Instant::now();
    assert_eq!(create(&address, "o1", &ok).unwrap().0, 201);
    assert!(started.elapsed().as_millis() >= 300);
    assert_eq!(queue(json!({"bogus": 1})).0, 400);

    let (status, _, body) = send(&address, "GET /__stub/requests?org=o1 HTTP/1.1\r\n\r\n").unwrap();
    assert_eq!(status, 200);
    let received: Vec<Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(received.len(), 4);
    assert_eq!(received[0]["headers"]["authorization"], "Bearer t");
    assert_eq!(received[0]["headers"]["x-org-id"], "o1");
    assert_eq!(received[0]["headers"]["content-type"], "application/json");
    assert_eq!(received[0]["body"], ok);
    // Other orgs see nothing; reset forgets.
    let (_, _, body) = send(&address, "GET /__stub/requests?org=o2 HTTP/1.1\r\n\r\n").unwrap();
    assert_eq!(body, "[]");
    post(&address, "/__stub/reset?org=o1", &[], "");
    let (_, _, body) = send(&address, "GET /__stub/requests?org=o1 HTTP/1.1\r\n\r\n").unwrap();
    assert_eq!(body, "[]");
}

#[test]
fn chunked_bodies_are_read() {
    let address = start();
    let body = json!({"firstName": "Chunk", "email": "chunk@example.com"}).to_string();
    let (a, b) = body.split_at(10);
    let raw = format!(
        "POST /v1/accounts/contacts HTTP/1.1\r\nAuthorization: Bearer t\r\nx-org-id: oc\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n",
        a.len(),
        b.len()
    );
    assert_eq!(send(&address, &raw).unwrap().0, 201);
}
