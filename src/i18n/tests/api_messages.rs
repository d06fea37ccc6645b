//! The API's outcomes as a person reads them: a reply (status, headers, body) read into an
//! [`ApiError`], and the message shown above the button.

use crate::api::reply::{flat_or_data, interpret_response, ResponseParts};
use crate::api::ApiError;
use crate::i18n::Texts;
use crate::model::contact::CreatedContact;
use crate::model::field::{Field, Target};
use crate::model::field_error::FieldError;
use serde_json::{json, Value};
const NOW: u64 = 1_800_000_000;

/// The reply as the browser would hand it over: parsed when it is JSON.
fn respond(status: u16, body: &str) -> Result<CreatedContact, ApiError> {
    respond_with(status, None, None, body)
}

fn respond_with(
    status: u16,
    retry_after: Option<&str>,
    rate_limit_reset: Option<&str>,
    body: &str,
) -> Result<CreatedContact, ApiError> {
    interpret_response(
        ResponseParts {
            status,
            retry_after,
            rate_limit_reset,
            body: serde_json::from_str::<Value>(body).ok(),
        },
        NOW,
        flat_or_data,
    )
}

fn nest(status: u16, message: Value) -> String {
    json!({"statusCode": status, "message": message, "error": "Bad Request"}).to_string()
}

fn english(error: &ApiError) -> String {
    error.message(&Texts::default())
}

#[test]
fn created_contact_flat_or_wrapped_in_data() {
    let seed = include_str!("../../../tests/fixtures/response.json");
    let flat = respond(201, seed).unwrap();
    assert_eq!(flat.id, "ct_7f3a");
    assert_eq!(flat.email, "johanna.doerfler@example.com");
    let wrapped = format!(
        r#"{{"status":true,"message":"ok","timestamp":"2026-11-28T00:00:00Z","data":{seed}}}"#
    );
    assert_eq!(respond(201, &wrapped).unwrap(), flat);
    assert_eq!(respond(200, seed).unwrap(), flat);
}

#[test]
fn created_but_unreadable_is_a_bad_response_that_is_not_retried() {
    for body in [
        "",
        "not json",
        "{\"id\":",
        "[]",
        "{}",
        "null",
        r#"{"data":{"x":1}}"#,
        r#"{"id":"c","firstName":"A"}"#,
    ] {
        let err = respond(201, body).unwrap_err();
        assert_eq!(err, ApiError::BadResponse { status: 201 }, "{body}");
        assert_eq!(
            (err.kind().name(), err.status()),
            ("bad_response", Some(201))
        );
        assert!(!err.retryable());
        assert!(english(&err).contains("contact list"));
    }
}

#[test]
fn nest_messages_go_to_the_fields_they_name() {
    let body = nest(
        400,
        json!([
            "email must be an email",
            "firstName should not be empty",
            "accountIds.0 must be a string",
            "each value in accountIds must be a UUID",
            "something else went wrong",
        ]),
    );
    let err = respond(400, &body).unwrap_err();
    assert_eq!((err.kind().name(), err.status()), ("validation", Some(400)));
    assert_eq!(
        err.field_errors(),
        [
            (
                Target::Field(Field::Email),
                FieldError::Server("{label} must be an email.".into())
            ),
            (
                Target::Field(Field::FirstName),
                FieldError::Server("{label} should not be empty.".into())
            ),
            (
                Target::Field(Field::AccountIds),
                FieldError::Server(
                    "{label} must be a string. Each of the {label} must be a UUID.".into()
                )
            ),
        ]
    );
    assert_eq!(english(&err), "something else went wrong");
}

#[test]
fn a_refusal_reports_the_status_the_server_sent() {
    let err = respond(400, &nest(400, "No contacts to create".into())).unwrap_err();
    assert_eq!(
        err,
        ApiError::Rejected {
            status: 400,
            fields: vec![],
            general: vec!["No contacts to create".into()]
        }
    );
    let err = respond(400, "<html>Bad</html>").unwrap_err();
    assert_eq!((err.kind().name(), err.status()), ("validation", Some(400)));
    assert!(english(&err).contains("didn't say why (error 400)"));
    let err = respond(
        422,
        &nest(422, json!(["phoneNumber must be a valid phone number"])),
    )
    .unwrap_err();
    assert_eq!((err.kind().name(), err.status()), ("validation", Some(422)));
    assert_eq!(err.field_errors()[0].0, Target::Field(Field::Phone));
    assert_eq!(english(&err), "Check the highlighted field.");
    assert!(english(&respond(422, "").unwrap_err()).contains("(error 422)"));
}

#[test]
fn duplicate_email_is_a_conflict_on_the_email_field() {
    for (status, body) in [
        (409, nest(409, "Contact already exists".into())),
        (409, String::new()),
        (
            400,
            nest(400, "Contact with this email already exists".into()),
        ),
        (400, nest(400, json!(["Email is already in use"]))),
        (422, nest(422, json!(["email must be unique"]))),
    ] {
        let err = respond(status, &body).unwrap_err();
        assert_eq!(
            (err.kind().name(), err.status()),
            ("conflict", Some(status)),
            "{body}"
        );
        assert_eq!(
            err.field_errors(),
            [(Target::Field(Field::Email), FieldError::EmailAlreadyExists)]
        );
        assert_eq!(english(&err), "A contact with this email already exists.");
        assert!(!err.retryable());
    }
}

#[test]
fn only_a_message_about_a_taken_email_is_a_duplicate_and_none_is_dropped() {
    // "exists" and "email" alone do not make a duplicate.
    let err = respond(
        400,
        &nest(400, "No account exists for this email domain".into()),
    )
    .unwrap_err();
    assert_eq!(err.kind().name(), "validation");
    assert!(err.field_errors().is_empty());
    assert_eq!(english(&err), "No account exists for this email domain");
    // A duplicate among other messages: each is kept where it belongs.
    let err = respond(
        400,
        &nest(
            400,
            json!([
                "phoneNumber must be a valid phone number",
                "Contact with this email already exists",
                "Account limit reached",
            ]),
        ),
    )
    .unwrap_err();
    assert_eq!((err.kind().name(), err.status()), ("validation", Some(400)));
    assert_eq!(
        err.field_errors(),
        [
            (
                Target::Field(Field::Phone),
                FieldError::Server("{label} must be a valid phone number.".into())
            ),
            (Target::Field(Field::Email), FieldError::EmailAlreadyExists),
        ]
    );
    assert_eq!(english(&err), "Account limit reached");
}

#[test]
fn auth_errors_have_their_own_messages() {
    let err = respond(401, &nest(401, "Unauthorized".into())).unwrap_err();
    assert_eq!(
        (err.kind().name(), err.status()),
        ("unauthorized", Some(401))
    );
    assert!(english(&err).contains("session has expired"));
    let no_token = ApiError::Unauthorized { status: None };
    assert_eq!(
        (no_token.kind().name(), no_token.status()),
        ("unauthorized", None)
    );
    let err = respond(403, "").unwrap_err();
    assert_eq!((err.kind().name(), err.status()), ("forbidden", Some(403)));
    assert!(english(&err).contains("don't have permission"));
    assert!(!err.retryable());
}

#[test]
fn rate_limit_uses_retry_after_or_the_reset_time() {
    let limited = |retry_after, reset| respond_with(429, retry_after, reset, "").unwrap_err();
    let secs = |secs| ApiError::RateLimited {
        retry_after_secs: secs,
    };
    assert_eq!(limited(Some("30"), None), secs(Some(30)));
    assert!(english(&limited(Some("30"), None)).contains("30 seconds"));
    let reset = (NOW + 120).to_string();
    let err = limited(None, Some(&reset));
    assert_eq!(err, secs(Some(120)));
    assert!(english(&err).contains("about 2 minutes"));
    assert_eq!(limited(None, Some("45")), secs(Some(45)));
    let fraction = format!("{}.75", NOW + 10);
    assert_eq!(limited(None, Some(&fraction)), secs(Some(10)));
    let ms = ((NOW + 10) * 1000).to_string();
    assert_eq!(limited(None, Some(&ms)), secs(Some(10)));
    assert_eq!(limited(Some("soon"), Some("never")), secs(None));
    assert!(english(&limited(None, None)).contains("Wait a minute"));
    assert_eq!(
        (
            limited(None, None).kind().name(),
            limited(None, None).status()
        ),
        ("rate_limited", Some(429))
    );
    // Retry-After as an HTTP-date, in each form RFC 9110 asks recipients to read.
    let at =
        httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(NOW + 75));
    assert_eq!(limited(Some(&at), None), secs(Some(75)));
    assert_eq!(
        limited(Some("Friday, 15-Jan-27 08:00:00 GMT"), None),
        limited(Some("Fri Jan 15 08:00:00 2027"), None),
    );
    assert_eq!(
        limited(Some("Thu, 01 Jan 1970 00:00:00 GMT"), None),
        secs(Some(0))
    );
    // Garbage is no header: the reset header is read, else nothing.
    let reset = (NOW + 20).to_string();
    assert_eq!(limited(Some("in a bit"), Some(&reset)), secs(Some(20)));
    // Ten years: reported, not counted down.
    let decade = limited(Some("315360000"), None);
    assert_eq!(decade.countdown(), None);
    assert!(
        english(&decade).contains("more than an hour"),
        "{}",
        english(&decade)
    );
    assert_eq!(limited(Some("90"), None).countdown(), Some(90));
    assert_eq!(limited(Some("0"), None).countdown(), None);
}

#[test]
fn a_429_without_a_wait_backs_off_from_5_seconds() {
    let waits: Vec<Option<u64>> = (0..10)
        .map(|n| {
            ApiError::RateLimited {
                retry_after_secs: None,
            }
            .with_backoff(n)
            .countdown()
        })
        .collect();
    assert_eq!(
        waits,
        [5, 10, 20, 40, 80, 160, 300, 300, 300, 300].map(Some)
    );
    let named = ApiError::RateLimited {
        retry_after_secs: Some(7),
    };
    assert_eq!(named.clone().with_backoff(3), named);
    assert_eq!(
        ApiError::Forbidden.with_backoff(1),
        ApiError::Forbidden,
        "only a 429 backs off"
    );
}

#[test]
fn only_a_lost_reply_or_an_unreadable_success_leaves_the_outcome_unknown() {
    assert!(ApiError::Network { timeout_secs: None }.outcome_unknown());
    assert!(ApiError::Network {
        timeout_secs: Some(30)
    }
    .outcome_unknown());
    assert!(ApiError::BadResponse { status: 201 }.outcome_unknown());
    assert!(ApiError::BadResponse { status: 200 }.outcome_unknown());
    for known in [
        ApiError::BadResponse { status: 404 },
        ApiError::Server { status: 502 },
        ApiError::Forbidden,
        ApiError::RateLimited {
            retry_after_secs: None,
        },
        ApiError::Unauthorized { status: Some(401) },
    ] {
        assert!(!known.outcome_unknown(), "{known:?}");
    }
}

#[test]
fn server_errors_and_odd_statuses_offer_a_retry() {
    for status in [500, 502, 503, 504] {
        let err = respond(status, "<html>oops</html>").unwrap_err();
        assert_eq!((err.kind().name(), err.status()), ("server", Some(status)));
        assert!(err.retryable());
        assert!(english(&err).contains(&status.to_string()));
    }
    let err = respond(404, "").unwrap_err();
    assert_eq!(err.kind().name(), "bad_response");
    assert!(english(&err).contains("API address"));
    let err = respond(302, "").unwrap_err();
    assert_eq!(err, ApiError::BadResponse { status: 302 });
    assert!(err.retryable());
    let net = ApiError::Network { timeout_secs: None };
    assert_eq!((net.kind().name(), net.status()), ("network", None));
    assert!(net.retryable() && english(&net).contains("Couldn't reach"));
    let timeout = ApiError::Network {
        timeout_secs: Some(30),
    };
    assert_eq!((timeout.kind().name(), timeout.status()), ("network", None));
    assert!(english(&timeout).contains("within 30 seconds"));
}

/// Every status, with every hostile body: the outcome follows the status alone, and what a
/// person reads is the server's text as text (or ours), never empty.
#[test]
fn hostile_error_bodies_are_classified_by_status_and_read_as_text() {
    let huge = "x".repeat(100_000);
    let markup = "<img src=x onerror=alert(1)>";
    let bodies = [
        String::new(),
        "\u{0}".into(),
        "{\"message\":null}".into(),
        "{\"message\":[1,2,{}]}".into(),
        "{\"message\":{}}".into(),
        "{\"error\":\"<script>\"}".into(),
        huge.clone(),
        json!({ "message": markup }).to_string(),
        json!({ "message": [huge] }).to_string(),
    ];
    for body in &bodies {
        for status in [
            0, 100, 200, 201, 204, 302, 400, 401, 403, 404, 409, 418, 422, 429, 500, 599, 600,
            65535,
        ] {
            let err = respond(status, body).unwrap_err();
            let expected = match status {
                200..=299 | 0..=199 | 300..=399 | 404 | 418 | 600.. => "bad_response",
                409 => "conflict",
                400 | 422 => "validation",
                401 => "unauthorized",
                403 => "forbidden",
                429 => "rate_limited",
                _ => "server",
            };
            assert_eq!(err.kind().name(), expected, "{status}");
            assert_eq!(err.status(), Some(status));
            let message = english(&err);
            assert!(!message.is_empty(), "{status}");
            if body.contains(markup) && matches!(status, 400 | 422) {
                assert_eq!(message, markup, "the server's words, as they came");
            } else {
                assert!(!message.contains('<'), "{status}: {message}");
            }
        }
    }
}
