//! The control endpoints, in-process: seed replacement, misbehaviour per path, the request log
//! per path.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{api_get, call, create_request, get, minimal, post_text, seed_org};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const FIELDS: &str = "/v1/custom-field?source=customer_contact";

async fn queue_for(app: &axum::Router, org: &str, path: &str, misbehaviour: Value) {
    let answer = call(
        app,
        post_text(
            &format!("/__stub/next?org={org}&path={path}"),
            misbehaviour.to_string(),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

async fn listed(app: &axum::Router, query: &str) -> Vec<Value> {
    let answer = call(app, get(&format!("/__stub/requests?{query}"))).await;
    assert_eq!(answer.status, StatusCode::OK);
    answer.json().as_array().unwrap().clone()
}

fn count(answer: &Value) -> usize {
    answer["data"].as_array().unwrap().len()
}

#[tokio::test]
async fn seed_replaces_only_the_parts_given_until_reset() {
    let app = stub_api::app();
    let answer = seed_org(
        &app,
        "sd",
        json!({"contactTypes": [{"id": "V", "value": "Vendor", "isDefault": false, "colour": 1}]}),
    )
    .await;
    assert_eq!(answer.json(), json!({"seeded": ["contactTypes"]}));
    let types = call(
        &app,
        api_get("sd", "/v1/accounts/attributes?attribute=contact_type"),
    )
    .await
    .json();
    // Taken as given, without a schema.
    assert_eq!(
        types["data"],
        json!([{"id": "V", "value": "Vendor", "isDefault": false, "colour": 1}])
    );
    assert_eq!(count(&call(&app, api_get("sd", FIELDS)).await.json()), 19);
    assert_eq!(
        count(&call(&app, api_get("sd", "/v1/accounts")).await.json()),
        5
    );

    let answer = seed_org(
        &app,
        "sd",
        json!({"contacts": [{"id": "c1", "email": "x@y.co"}], "customFields": [], "accounts": [{"id": "a1"}]}),
    )
    .await;
    // Always in this order, whatever the body's.
    assert_eq!(
        answer.json(),
        json!({"seeded": ["customFields", "accounts", "contacts"]})
    );
    assert_eq!(count(&call(&app, api_get("sd", FIELDS)).await.json()), 0);
    assert_eq!(
        call(&app, api_get("sd", "/v1/accounts")).await.json(),
        json!({"data": [{"id": "a1"}]})
    );
    let search = "/v1/accounts/contacts/search?email=";
    let found = call(&app, api_get("sd", &format!("{search}X@Y.co"))).await;
    assert_eq!(found.json(), json!([{"id": "c1", "email": "x@y.co"}]));
    assert_eq!(
        call(&app, api_get("sd", &format!("{search}jane.doe@acme.com")))
            .await
            .body,
        "[]"
    );
    // Without custom fields, nothing is mandatory; a seeded email is taken.
    let answer = call(
        &app,
        create_request("sd", &json!({"firstName": "A", "email": "a@b.co"})),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let answer = call(
        &app,
        create_request("sd", &json!({"firstName": "X", "email": "x@y.co"})),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    // An empty body replaces nothing.
    assert_eq!(
        seed_org(&app, "sd", json!({})).await.json(),
        json!({"seeded": []})
    );

    // Another organization still has the seed; a reset brings it back.
    assert_eq!(
        count(&call(&app, api_get("other", FIELDS)).await.json()),
        19
    );
    call(&app, post_text("/__stub/reset?org=sd", "")).await;
    assert_eq!(count(&call(&app, api_get("sd", FIELDS)).await.json()), 19);
    let types = call(
        &app,
        api_get("sd", "/v1/accounts/attributes?attribute=contact_type"),
    )
    .await
    .json();
    assert_eq!(types["data"][0]["id"], "CT_PRIMARY");
}

#[tokio::test]
async fn bad_seeds_are_nest_400s_and_change_nothing() {
    let app = stub_api::app();
    for bogus in [
        "not json",
        "[1]",
        r#"{"customFields": {}}"#,
        r#"{"customFields": [1]}"#,
        r#"{"accounts": [{"id": "a"}, "b"]}"#,
        r#"{"customfields": []}"#,
    ] {
        let answer = call(&app, post_text("/__stub/seed?org=bad", bogus)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bogus}");
        let message = answer.json()["message"].as_str().unwrap().to_string();
        assert!(message.starts_with("Bad seed: "), "{bogus}: {message}");
        answer.assert_readable_cross_origin();
    }
    assert_eq!(count(&call(&app, api_get("bad", FIELDS)).await.json()), 19);
    assert_eq!(
        count(&call(&app, api_get("bad", "/v1/accounts")).await.json()),
        5
    );
}

#[tokio::test]
async fn a_misbehaviour_for_one_path_leaves_the_others_alone() {
    let app = stub_api::app();
    queue_for(
        &app,
        "fi",
        "/v1/custom-field",
        json!({"status": 503, "body": {"message": "down"}, "headers": {"Retry-After": "3"}}),
    )
    .await;
    // The create, and other reads, are not affected.
    let answer = call(
        &app,
        create_request("fi", &minimal("Ana", "ana@example.com")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let answer = call(&app, api_get("fi", "/v1/accounts")).await;
    assert_eq!(answer.status, StatusCode::OK);
    // Another organization's custom fields are not affected either.
    assert_eq!(
        call(&app, api_get("fj", FIELDS)).await.status,
        StatusCode::OK
    );
    // Checked before auth: even a request without a token gets it.
    let no_token = Request::get(FIELDS)
        .header("x-org-id", "fi")
        .body(Body::empty())
        .unwrap();
    let answer = call(&app, no_token).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.body, r#"{"message":"down"}"#);
    assert_eq!(answer.header("retry-after"), "3");
    answer.assert_readable_cross_origin();
    // Used up.
    assert_eq!(
        call(&app, api_get("fi", FIELDS)).await.status,
        StatusCode::OK
    );

    // Any misbehaviour works on any path, whatever the method.
    queue_for(
        &app,
        "fi",
        "/v1/accounts/attributes",
        json!({"malformed": true}),
    )
    .await;
    let answer = call(
        &app,
        api_get("fi", "/v1/accounts/attributes?attribute=contact_type"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(serde_json::from_str::<Value>(&answer.body).is_err());

    queue_for(&app, "fi", "/v1/search/accounts", json!({"drop": true})).await;
    let response = app
        .clone()
        .oneshot(api_get("fi", "/v1/search/accounts?q=a"))
        .await
        .unwrap();
    assert!(response.into_body().collect().await.is_err());

    queue_for(
        &app,
        "fi",
        "/v1/accounts/contacts/search",
        json!({"delayMs": 200}),
    )
    .await;
    let started = Instant::now();
    let answer = call(
        &app,
        api_get("fi", "/v1/accounts/contacts/search?email=jane.doe@acme.com"),
    )
    .await;
    assert!(started.elapsed() >= Duration::from_millis(200));
    // A delay alone is followed by the normal answer.
    assert_eq!(answer.json()[0]["id"], "ct_seed_jane");

    // Without a path, the create is meant, as before.
    call(
        &app,
        post_text("/__stub/next?org=fi", json!({"status": 500}).to_string()),
    )
    .await;
    assert_eq!(
        call(&app, api_get("fi", FIELDS)).await.status,
        StatusCode::OK
    );
    let answer = call(&app, create_request("fi", &minimal("Bo", "bo@example.com"))).await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn requests_are_listed_per_path() {
    let app = stub_api::app();
    call(&app, api_get("rq", &format!("{FIELDS}&limit=5"))).await;
    call(
        &app,
        api_get("rq", "/v1/accounts/attributes?attribute=contact_type"),
    )
    .await;
    call(
        &app,
        create_request("rq", &minimal("Ana", "ana@example.com")),
    )
    .await;
    call(&app, get("/v1/nowhere")).await;
    let unauthenticated = Request::get("/v1/nowhere")
        .header("x-org-id", "rq")
        .body(Body::empty())
        .unwrap();
    call(&app, unauthenticated).await;

    // By default, only what the create received.
    let creates = listed(&app, "org=rq").await;
    assert_eq!(creates.len(), 1);
    assert_eq!(creates[0]["body"], minimal("Ana", "ana@example.com"));
    assert_eq!(creates[0]["query"], "");

    let fields = listed(&app, "org=rq&path=/v1/custom-field").await;
    assert_eq!(
        fields,
        [json!({
            "method": "GET",
            "path": "/v1/custom-field",
            "query": "source=customer_contact&limit=5",
            "headers": {"authorization": "Bearer t", "x-org-id": "rq"},
            "body": null,
            "bodyText": "",
        })]
    );

    let everything = listed(&app, "org=rq&path=*").await;
    let paths: Vec<&str> = everything
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "/v1/custom-field",
            "/v1/accounts/attributes",
            "/v1/accounts/contacts",
            "/v1/nowhere"
        ]
    );
    // The request without an org is filed under the empty org.
    assert_eq!(listed(&app, "org=&path=/v1/nowhere").await.len(), 1);
    assert!(listed(&app, "org=rq&path=/v1/accounts").await.is_empty());
    // Control requests are not recorded.
    assert_eq!(listed(&app, "org=rq&path=*").await.len(), 4);
}
