//! Browser tests of the form itself: rendering, rules, the create and its failures, the host's
//! options and controls (the organization's own data is in tests/org_data.rs). The harness is in
//! tests/support.

#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;
use support::document;
use support::*;
use thena_add_contact::api::ApiConfig;
use thena_add_contact::api::TokenSource;
use thena_add_contact::form::{AddContactOptions, FormControl, Show, Theme};
use thena_add_contact::i18n::{Locale, TimeUnit};
use thena_add_contact::i18n::{Text, Texts};
use thena_add_contact::model::field::Field;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn renders_every_seed_field_with_labels_and_autocomplete() {
    let w = mount(&unique_org("render"), false).await;
    leptos::task::tick().await;
    let expected = [
        ("firstName", "First name", "given-name"),
        ("lastName", "Last name", "family-name"),
        ("email", "Email", "email"),
        ("phoneNumber", "Phone", "tel"),
        ("contactType", "Contact type", "off"),
        ("avatarUrl", "Avatar URL", "url"),
        ("accountIds", "Accounts", "off"),
    ];
    for (name, label, autocomplete) in expected {
        let field = w.field(name);
        let label_el = w.find(&format!("label[for=\"{}\"]", field.id()));
        assert!(label_el.text_content().unwrap().contains(label), "{name}");
        assert_eq!(
            field.get_attribute("autocomplete").as_deref(),
            Some(autocomplete)
        );
        assert_eq!(
            field.get_attribute("aria-invalid").as_deref(),
            Some("false")
        );
    }
    assert_eq!(w.button().text_content().unwrap(), "Add contact");
    assert!(w.find("[role=status]").get_attribute("aria-live").is_some());
}

#[wasm_bindgen_test]
async fn valid_submit_sends_the_documented_body_and_says_who_was_created() {
    let org = unique_org("valid");
    let w = mount(&org, false).await;
    w.type_into("firstName", "  Jane ").await;
    w.type_into("lastName", "Doe").await;
    w.type_into("email", " jane.doe@example.com ").await;
    w.type_into("phoneNumber", "0044 (20) 7946-0958").await;
    w.choose("contactType", "CT_BILLING").await;
    w.type_into("avatarUrl", "https://example.com/avatar.png")
        .await;
    // A list of IDs pasted into the account picker, one per line or separated by commas (or,
    // where a test cannot fake a paste, typed one by one).
    if !w.paste_into("accountIds", "A123, A456\nA789,").await {
        for id in ["A123", "A456", "A789"] {
            w.add_account_id(id).await;
        }
    }
    w.click_submit().await;
    w.wait_state("created").await;

    let received = stub_requests(&org).await;
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert_eq!(
        request["headers"]["authorization"],
        format!("Bearer token-{org}")
    );
    assert_eq!(request["headers"]["x-org-id"], org);
    assert_eq!(request["headers"]["content-type"], "application/json");
    assert_eq!(
        request["body"],
        json!({
            "firstName": "Jane",
            "lastName": "Doe",
            "email": "jane.doe@example.com",
            "phoneNumber": "+442079460958",
            "contactType": "CT_BILLING",
            "avatarUrl": "https://example.com/avatar.png",
            "accountIds": ["A123", "A456", "A789"],
            "customFieldValues": seeded_defaults(),
        })
    );
    assert_eq!(
        w.text("[role=status]"),
        "Added Jane Doe (jane.doe@example.com)."
    );
    assert!(!w.visible("form"));
    assert!(w.visible("button.thena-add-another"));
    wait_for("focus on Add another", || {
        w.focused().as_deref() == Some("Add another")
    })
    .await;
    assert_eq!(
        *w.events.borrow(),
        ["ready", "submit", "created:jane.doe@example.com"]
    );

    // "Add another" clears the form and starts again at the first field.
    let add_another: HtmlElement = w.find("button.thena-add-another").unchecked_into();
    add_another.click();
    w.wait_state("editing").await;
    assert!(w.visible("form"));
    assert!(!w.visible("button.thena-add-another"));
    for name in [
        "firstName",
        "lastName",
        "email",
        "phoneNumber",
        "accountIds",
    ] {
        assert_eq!(w.value(name), "", "{name}");
    }
    wait_for("focus on first name", || {
        w.focused().as_deref() == Some("firstName")
    })
    .await;
}

#[wasm_bindgen_test]
async fn empty_optional_fields_are_left_out_of_the_body() {
    let org = unique_org("minimal");
    // No custom fields, and contact types without a default: nothing but the two required
    // fields is sent.
    stub_seed(
        &org,
        json!({"customFields": [], "contactTypes": [{"id": "CT_A", "value": "A"}]}),
    )
    .await;
    let w = mount(&org, false).await;
    assert_eq!(
        w.options_of("contactType"),
        (
            vec!["Organization default".to_string(), "A".to_string()],
            String::new()
        )
    );
    w.fill_valid("min@example.com").await;
    w.type_into("lastName", "   ").await;
    w.click_submit().await;
    w.wait_state("created").await;
    let received = stub_requests(&org).await;
    assert_eq!(
        received[0]["body"],
        json!({"firstName": "Jane", "email": "min@example.com"})
    );
}

#[wasm_bindgen_test]
async fn submitting_an_empty_form_shows_every_error_focuses_the_first_and_sends_nothing() {
    let org = unique_org("empty");
    let w = mount(&org, false).await;
    w.click_submit().await;
    wait_for("errors", || w.invalid("firstName") && w.invalid("email")).await;
    assert_eq!(
        w.error_of("firstName").as_deref(),
        Some("Enter a first name.")
    );
    assert_eq!(
        w.error_of("email").as_deref(),
        Some("Enter an email address.")
    );
    assert!(!w.invalid("lastName"));
    assert_eq!(w.text("[role=status]"), "Check the 2 highlighted fields.");
    wait_for("focus on first name", || {
        w.focused().as_deref() == Some("firstName")
    })
    .await;
    assert_eq!(*w.events.borrow(), ["ready", "error:validation"]);
    only_requests_before_a_marker(&org, 0).await;
}

#[wasm_bindgen_test]
async fn a_touched_field_shows_its_error_on_blur_and_clears_it_when_fixed() {
    let w = mount(&unique_org("blur"), false).await;
    w.type_into("email", "jane@example").await;
    wait_for("email error", || w.invalid("email")).await;
    let message = w.error_of("email").unwrap();
    assert!(message.contains("example.com"), "{message}");
    // Nothing is said about fields the person has not reached.
    assert!(!w.invalid("firstName"));
    w.type_into("email", "jane@example.com").await;
    wait_for("email valid", || !w.invalid("email")).await;
    assert_eq!(w.error_of("email"), None);
}

#[wasm_bindgen_test]
async fn each_kind_of_invalid_input_gets_its_message_and_nothing_is_sent() {
    let org = unique_org("invalid");
    let w = mount(&org, false).await;
    w.fill_valid("not-an-email").await;
    w.type_into("phoneNumber", "415 555 0123").await;
    w.type_into("avatarUrl", "javascript:alert(1)").await;
    // Typed in the account picker but not chosen.
    w.type_into("accountIds", "A1, not chosen").await;
    w.type_into("lastName", &"x".repeat(10_000)).await;
    w.click_submit().await;
    wait_for("errors", || w.invalid("phoneNumber")).await;
    let expectations = [
        ("email", "@"),
        ("phoneNumber", "country code"),
        ("avatarUrl", "http"),
        ("accountIds", "“A1, not chosen” isn't added yet"),
        ("lastName", "at most 255"),
    ];
    for (name, words) in expectations {
        assert!(w.invalid(name), "{name}");
        let message = w.error_of(name).unwrap();
        assert!(message.contains(words), "{name}: {message}");
    }
    wait_for("focus on the first invalid field", || {
        w.focused().as_deref() == Some("lastName")
    })
    .await;
    // Every value is still there.
    assert_eq!(w.value("avatarUrl"), "javascript:alert(1)");
    assert_eq!(w.value("lastName").len(), 10_000);
    only_requests_before_a_marker(&org, 0).await;
}

#[wasm_bindgen_test]
async fn hostile_text_renders_as_text_and_is_sent_as_typed() {
    let org = unique_org("hostile");
    let w = mount(&org, false).await;
    let first = "<img src=x onerror=\"window.__pwned=1\">";
    let last = "محمد 👩🏽‍💻 </p><script>window.__pwned=1</script>";
    w.type_into("firstName", first).await;
    w.type_into("lastName", last).await;
    w.type_into("email", "hostile@example.com").await;
    w.add_account_id("<b>A1</b>").await;
    w.click_submit().await;
    w.wait_state("created").await;
    let received = stub_requests(&org).await;
    assert_eq!(received[0]["body"]["firstName"], first);
    assert_eq!(received[0]["body"]["lastName"], last);
    assert_eq!(received[0]["body"]["accountIds"], json!(["<b>A1</b>"]));
    assert_eq!(
        w.text("[role=status]"),
        format!("Added {first} {last} (hostile@example.com).")
    );
    assert!(w.root.query_selector("img, script, b").unwrap().is_none());
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

/// One server answer, what the person then sees, and that nothing typed was lost.
async fn server_error_case(
    misbehaviour: Value,
    field: Option<(&str, &str)>,
    alert: &str,
    kind: &str,
) {
    let org = unique_org(kind);
    let w = mount(&org, false).await;
    stub_next(&org, misbehaviour).await;
    w.fill_valid("case@example.com").await;
    w.type_into("phoneNumber", "+1 415 555 0123").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    let shown = w.text(".thena-alert");
    assert!(
        shown.contains(alert),
        "{kind}: alert {shown:?} lacks {alert:?}"
    );
    if let Some((name, words)) = field {
        assert!(w.invalid(name), "{kind}: {name} not invalid");
        let message = w.error_of(name).unwrap();
        assert!(message.contains(words), "{kind}: {message}");
        wait_for("focus on the field", || {
            w.focused().as_deref() == Some(name)
        })
        .await;
    }
    assert_eq!(w.value("firstName"), "Jane");
    assert_eq!(w.value("email"), "case@example.com");
    assert_eq!(w.value("phoneNumber"), "+1 415 555 0123");
    assert_eq!(w.button().text_content().unwrap(), "Add contact");
    assert_eq!(w.events.borrow().last().unwrap(), &format!("error:{kind}"));
}

#[wasm_bindgen_test]
async fn nest_400_messages_land_on_their_fields_and_the_rest_above_the_button() {
    server_error_case(
        json!({"status": 400, "body": {"statusCode": 400, "error": "Bad Request",
            "message": ["phoneNumber must be a valid phone number", "Account limit reached"]}}),
        Some(("phoneNumber", "Phone must be a valid phone number.")),
        "Account limit reached",
        "validation",
    )
    .await;
}

#[wasm_bindgen_test]
async fn expired_session_and_missing_permission_say_so() {
    server_error_case(
        json!({"status": 401, "body": {"statusCode": 401, "message": "Unauthorized"}}),
        None,
        "session has expired",
        "unauthorized",
    )
    .await;
    server_error_case(
        json!({"status": 403, "body": {"statusCode": 403, "message": "Forbidden"}}),
        None,
        "don't have permission",
        "forbidden",
    )
    .await;
}

#[wasm_bindgen_test]
async fn conflicts_go_on_the_email_field() {
    server_error_case(
        json!({"status": 409, "body": {"statusCode": 409, "message": "Conflict"}}),
        Some(("email", "already exists")),
        "already exists",
        "conflict",
    )
    .await;
    server_error_case(
        json!({"status": 400, "body": {"statusCode": 400, "message": "Contact with this email already exists"}}),
        Some(("email", "already exists")),
        "already exists",
        "conflict",
    )
    .await;
}

#[wasm_bindgen_test]
async fn rate_limits_say_how_long_to_wait() {
    server_error_case(
        json!({"status": 429, "body": {"statusCode": 429, "message": "Too Many Requests"},
            "headers": {"Retry-After": "30"}}),
        None,
        "Try again in 30 seconds",
        "rate_limited",
    )
    .await;
    let reset = (js_sys::Date::now() / 1000.0) as u64 + 120;
    server_error_case(
        json!({"status": 429, "headers": {"X-RateLimit-Reset": reset.to_string()}}),
        None,
        "minutes",
        "rate_limited",
    )
    .await;
}

#[wasm_bindgen_test]
async fn server_failures_bad_bodies_and_dropped_connections_offer_a_retry() {
    server_error_case(
        json!({"status": 503, "body": "<html>down</html>"}),
        None,
        "error 503",
        "server",
    )
    .await;
    server_error_case(json!({"drop": true}), None, "Couldn't reach", "network").await;
    server_error_case(
        json!({"status": 400, "body": "not json"}),
        None,
        "didn't say why",
        "validation",
    )
    .await;
    // A 201 that cannot be read, and no such contact found after it: not created, try again.
    server_error_case(
        json!({"malformed": true}),
        None,
        "couldn't be read, and the contact isn't in the contact list",
        "bad_response",
    )
    .await;
}

#[wasm_bindgen_test]
async fn try_again_after_a_server_error_creates_the_contact() {
    let org = unique_org("retry");
    let w = mount(&org, false).await;
    stub_next(
        &org,
        json!({"status": 500, "body": {"statusCode": 500, "message": "Internal server error"}}),
    )
    .await;
    w.fill_valid("retry@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    let retry: HtmlElement = w.find("button.thena-retry").unchecked_into();
    assert_eq!(retry.text_content().unwrap(), "Try again");
    retry.click();
    w.wait_state("created").await;
    let received = stub_requests(&org).await;
    assert_eq!(received.len(), 2);
    assert_eq!(received[0]["body"], received[1]["body"]);
}

#[wasm_bindgen_test]
async fn a_second_contact_with_the_same_email_is_refused_by_the_service() {
    let org = unique_org("dupe");
    let w = mount(&org, false).await;
    w.fill_valid("same@example.com").await;
    w.click_submit().await;
    w.wait_state("created").await;
    let add_another: HtmlElement = w.find("button.thena-add-another").unchecked_into();
    add_another.click();
    w.wait_state("editing").await;
    w.type_into("firstName", "Janet").await;
    w.type_into("email", "SAME@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    assert!(w.invalid("email"));
    assert!(w.error_of("email").unwrap().contains("already exists"));
    // Changing the email clears the server's message.
    w.type_into("email", "other@example.com").await;
    wait_for("email valid again", || !w.invalid("email")).await;
}

#[wasm_bindgen_test]
async fn clicks_and_enter_while_sending_send_nothing_more() {
    let org = unique_org("double");
    let w = mount(&org, false).await;
    stub_next(&org, json!({"delayMs": 700})).await;
    w.fill_valid("double@example.com").await;
    w.click_submit().await;
    w.wait_state("sending").await;
    assert_eq!(w.button().text_content().unwrap(), "Adding contact\u{2026}");
    assert_eq!(
        w.button().get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    let form: web_sys::HtmlFormElement = w.find("form").unchecked_into();
    for _ in 0..3 {
        w.button().click();
        form.request_submit().unwrap(); // what Enter in a field does
    }
    w.wait_state("created").await;
    assert_eq!(stub_requests(&org).await.len(), 1);
    assert_eq!(
        w.events.borrow().iter().filter(|e| *e == "submit").count(),
        1
    );
}

#[wasm_bindgen_test]
async fn a_host_that_stops_the_submit_stops_the_request() {
    let org = unique_org("cancel");
    let cancel = Rc::new(Cell::new(true));
    let token = TokenSource::fixed("cancel");
    let w = mount_shaped(&org, token, cancel.clone(), |_| {}).await;
    w.fill_valid("cancel@example.com").await;
    w.click_submit().await;
    assert_eq!(w.state(), "editing");
    assert_eq!(*w.events.borrow(), ["ready", "submit"]);
    // Allowed the second time: the stopped one never went out before it.
    cancel.set(false);
    w.click_submit().await;
    w.wait_state("created").await;
    assert_eq!(stub_requests(&org).await.len(), 1);
    assert_eq!(
        *w.events.borrow(),
        ["ready", "submit", "submit", "created:cancel@example.com"]
    );
}

/// A token source like a host's `getToken`: "t1", "t2", … and how often it was asked.
fn counting_tokens() -> (TokenSource, Rc<std::cell::Cell<u32>>) {
    let calls = Rc::new(std::cell::Cell::new(0));
    let counter = calls.clone();
    let source = TokenSource::from_fn(move || {
        counter.set(counter.get() + 1);
        let token = format!("t{}", counter.get());
        Box::pin(async move { Some(token) })
    });
    (source, calls)
}

#[wasm_bindgen_test]
async fn a_401_asks_get_token_again_and_retries_once_with_the_new_token() {
    let org = unique_org("refresh");
    let (token, calls) = counting_tokens();
    let w = mount_with(&org, token, false).await;
    stub_next(
        &org,
        json!({"status": 401, "body": {"statusCode": 401, "message": "Unauthorized"}}),
    )
    .await;
    w.fill_valid("refresh@example.com").await;
    w.click_submit().await;
    w.wait_state("created").await;
    let received = stub_requests(&org).await;
    let auth: Vec<&Value> = received
        .iter()
        .map(|r| &r["headers"]["authorization"])
        .collect();
    assert_eq!(auth, [&json!("Bearer t1"), &json!("Bearer t2")]);
    assert_eq!(calls.get(), 2);
}

#[wasm_bindgen_test]
async fn a_second_401_says_the_session_expired_and_a_fixed_token_is_not_retried() {
    let org = unique_org("expired");
    let (token, calls) = counting_tokens();
    let w = mount_with(&org, token, false).await;
    stub_next(&org, json!({"status": 401, "times": 3})).await;
    w.fill_valid("expired@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    assert!(w.text(".thena-alert").contains("session has expired"));
    assert_eq!(stub_requests(&org).await.len(), 2);
    assert_eq!(calls.get(), 2);
    assert_eq!(w.events.borrow().last().unwrap(), "error:unauthorized");

    let org = unique_org("fixed");
    let w = mount(&org, false).await;
    stub_next(&org, json!({"status": 401, "times": 2})).await;
    w.fill_valid("fixed@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    assert_eq!(stub_requests(&org).await.len(), 1);
}

#[wasm_bindgen_test]
async fn host_values_read_only_hidden_fields_and_texts_shape_the_form() {
    let org = unique_org("shaped");
    let allow = Rc::new(Cell::new(false));
    let w = mount_shaped(&org, TokenSource::fixed("shaped"), allow, |options| {
        options.values.values[Field::AccountIds] = "A1\nB2".into();
        options.values.values[Field::AvatarUrl] = "https://example.com/a.png".into();
        options.show[Field::AccountIds] = Show::ReadOnly;
        options.show[Field::AvatarUrl] = Show::Hidden;
        options.texts = Texts::default()
            .with(Text::FirstNameLabel, "Vorname")
            .with(Text::Submit, "Anlegen")
            .with(Text::FirstNameRequired, "Bitte {label} angeben.");
        assert_eq!(options.check(), Ok(()));
    })
    .await;
    assert_eq!(w.text("label"), "Vorname");
    assert_eq!(w.button().text_content().unwrap(), "Anlegen");
    assert_eq!(w.chips(), ["A1", "B2"]);
    assert!(w.field("accountIds").has_attribute("readonly"));
    assert!(w
        .root
        .query_selector(".thena-chip-remove")
        .unwrap()
        .is_none());
    assert!(!w.visible("[name=\"avatarUrl\"]"));
    w.click_submit().await;
    assert_eq!(
        w.error_of("firstName").as_deref(),
        Some("Bitte Vorname angeben.")
    );
    w.fill_valid("shaped@example.com").await;
    w.click_submit().await;
    w.wait_state("created").await;
    let received = stub_requests(&org).await;
    assert_eq!(
        received[0]["body"],
        json!({"firstName": "Jane", "email": "shaped@example.com", "contactType": "CT_PRIMARY",
            "avatarUrl": "https://example.com/a.png", "accountIds": ["A1", "B2"],
            "customFieldValues": seeded_defaults()})
    );
    // The form behind "Add another" is back to the host's values.
    assert_eq!(w.value("firstName"), "");
    assert_eq!(w.chips(), ["A1", "B2"]);
}

#[wasm_bindgen_test]
async fn a_hidden_field_without_a_valid_value_is_refused_instead_of_the_form() {
    let mut options = AddContactOptions::new(
        ApiConfig::new(STUB, &unique_org("refused")).unwrap(),
        TokenSource::fixed("t"),
    );
    options.show[Field::Email] = Show::Hidden;
    options.values.values[Field::FirstName] = "Jane".into();
    let reported = Rc::new(RefCell::new(Vec::new()));
    let log = reported.clone();
    options.on_event = Some(Rc::new(move |event| {
        log.borrow_mut().push(format!("{event:?}"));
        true
    }));
    let (root, handle) = mount_raw(options);
    leptos::task::tick().await;
    let refusal = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("the refusal is shown");
    assert_eq!(
        refusal.text_content().unwrap(),
        "thena-add-contact: hidden field email needs a valid value: Enter an email address."
    );
    assert!(root
        .query_selector("form, input, button")
        .unwrap()
        .is_none());
    sleep(0).await;
    assert!(reported.borrow().is_empty(), "{:?}", reported.borrow());
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_host_resets_the_form_to_its_values_through_form_control() {
    let org = unique_org("control");
    let control = FormControl::default();
    let allow = Rc::new(Cell::new(false));
    let w = mount_shaped(&org, TokenSource::fixed("c"), allow, |options| {
        options.values.values[Field::LastName] = "Host".into();
        options.control = Some(control.clone());
    })
    .await;
    w.type_into("firstName", "Jane").await;
    w.type_into("lastName", "Typed").await;
    w.type_into("email", "jane@").await;
    w.click_submit().await;
    assert!(w.invalid("email"));
    assert_eq!(control.values().unwrap().values[Field::FirstName], "Jane");
    control.reset();
    leptos::task::tick().await;
    assert_eq!(w.value("firstName"), "");
    assert_eq!(w.value("lastName"), "Host");
    assert!(!w.invalid("email"));
    assert_eq!(w.state(), "editing");
    // Once the form is gone, the control does nothing and reads nothing.
    drop(w);
    leptos::task::tick().await;
    assert!(control.values().is_none());
    control.reset();
}

#[wasm_bindgen_test]
async fn contact_error_reports_the_status_the_server_sent() {
    let org = unique_org("status");
    let w = mount(&org, false).await;
    w.fill_valid("status@example.com").await;
    for (misbehaviour, kind, status) in [
        (
            json!({"status": 422, "body": {"message": ["phoneNumber must be a valid phone number"]}}),
            "validation",
            Some(422),
        ),
        (
            json!({"status": 400, "body": {"message": "Contact with this email already exists"}}),
            "conflict",
            Some(400),
        ),
        (json!({"status": 409}), "conflict", Some(409)),
        (json!({"drop": true}), "network", None),
    ] {
        stub_next(&org, misbehaviour).await;
        let before = w.errors.borrow().len();
        w.click_submit().await;
        wait_for(&format!("an error after {kind} {status:?}"), || {
            w.errors.borrow().len() > before
        })
        .await;
        let error = w.errors.borrow().last().cloned().unwrap();
        assert_eq!((error.kind, error.status), (kind, status));
    }
}

#[wasm_bindgen_test]
async fn a_400_that_mentions_an_email_without_a_duplicate_is_not_a_conflict() {
    server_error_case(
        json!({"status": 400, "body": {"statusCode": 400,
            "message": ["No account exists for this email domain"]}}),
        None,
        "No account exists for this email domain",
        "validation",
    )
    .await;
}

#[wasm_bindgen_test]
async fn unmounting_while_the_token_is_awaited_sends_nothing_afterwards() {
    let org = unique_org("unmount-token");
    let held = HeldToken::default();
    let w = mount_with(&org, held.source(0), false).await;
    w.fill_valid("late@example.com").await;
    w.click_submit().await;
    w.wait_state("sending").await;
    assert_eq!(held.calls.get(), 1);
    drop(w);
    leptos::task::tick().await;
    held.release("late-token");
    only_requests_before_a_marker(&org, 0).await;
}

#[wasm_bindgen_test]
async fn unmounting_between_a_401_and_its_retry_sends_nothing_afterwards() {
    let org = unique_org("unmount-retry");
    let held = HeldToken::default();
    let w = mount_with(&org, held.source(1), false).await;
    stub_next(&org, json!({"status": 401})).await;
    w.fill_valid("retry-late@example.com").await;
    w.click_submit().await;
    // The 401 came back and the form asked for a new token, which is held.
    wait_for("the second token request", || held.calls.get() == 2).await;
    drop(w);
    leptos::task::tick().await;
    held.release("t2");
    let sent = only_requests_before_a_marker(&org, 1).await;
    assert_eq!(sent[0]["headers"]["authorization"], "Bearer t1");
}

#[wasm_bindgen_test]
async fn a_request_without_an_answer_in_time_fails_with_a_retry() {
    let org = unique_org("timeout");
    let allow = Rc::new(Cell::new(false));
    let w = mount_shaped(&org, TokenSource::fixed("slow"), allow, |options| {
        options.request_timeout = Duration::from_millis(1000);
    })
    .await;
    stub_next(&org, json!({"delayMs": 4000})).await;
    w.fill_valid("slow@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    assert!(
        w.text(".thena-alert")
            .contains("didn't answer within 1 second."),
        "{}",
        w.text(".thena-alert")
    );
    assert!(w.visible("button.thena-retry"));
    let error = w.errors.borrow().last().cloned().unwrap();
    assert_eq!((error.kind, error.status), ("network", None));
    // Try again: the stub answers at once this time.
    let retry: HtmlElement = w.find("button.thena-retry").unchecked_into();
    retry.click();
    w.wait_state("created").await;
}

#[wasm_bindgen_test]
async fn a_token_that_never_comes_counts_as_no_session() {
    let org = unique_org("no-token");
    let held = HeldToken::default();
    let allow = Rc::new(Cell::new(false));
    let w = mount_shaped(&org, held.source(0), allow, |options| {
        options.token_timeout = Duration::from_millis(300);
    })
    .await;
    w.fill_valid("no-token@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    assert!(w.text(".thena-alert").contains("session has expired"));
    let error = w.errors.borrow().last().cloned().unwrap();
    assert_eq!((error.kind, error.status), ("unauthorized", None));
    // The token arriving late sends nothing.
    held.release("too-late");
    only_requests_before_a_marker(&org, 0).await;
}

fn mount_error(options: wasm_bindgen::JsValue) -> String {
    let element = document().create_element("div").unwrap();
    match thena_add_contact::embed::mount_widget(element.clone().into(), options, None, None) {
        Ok(_) => "mounted".into(),
        Err(error) => {
            let error: wasm_bindgen::JsValue = error.into();
            let message = js_sys::Reflect::get(&error, &"message".into()).unwrap();
            assert_eq!(element.child_element_count(), 0, "nothing mounted");
            message.as_string().unwrap()
        }
    }
}

#[wasm_bindgen_test]
fn mount_reads_the_hosts_options_and_names_a_wrong_one() {
    let base = json!({"apiBase": STUB, "orgId": "org", "token": "t"});
    let with = |key: &str, value: Value| {
        let mut options = base.clone();
        options[key] = value;
        js_options(options)
    };
    for (options, message) in [
        (js_options(json!({"orgId": "o"})), "thena-add-contact: apiBase is required"),
        (with("token", json!(5)), "thena-add-contact: token must be a string, not number `5`"),
        (
            with("values", json!({"nickname": "x"})),
            "thena-add-contact: values has no field named \"nickname\"",
        ),
        (
            with("values", json!({"accountIds": "A1"})),
            "thena-add-contact: values.accountIds must be an array of strings, not string \"A1\"",
        ),
        (
            with("values", json!({"customFieldValues": [{"fieldId": "cf", "value": "x"}]})),
            "thena-add-contact: values.customFieldValues[0] has no field named \"fieldId\"",
        ),
        (
            with("hidden", json!([5])),
            "thena-add-contact: hidden[0] must be a string, not number `5`",
        ),
        (
            with("readOnly", json!("email")),
            "thena-add-contact: readOnly must be an array of field names, not string \"email\"",
        ),
        (
            with("strings", json!({"Submit": "x"})),
            "thena-add-contact: strings has no text named \"Submit\"",
        ),
        (
            with("getToken", json!("nope")),
            "thena-add-contact: getToken must be a function, not a string",
        ),
        (
            with("requestTimeoutMs", json!(0)),
            "thena-add-contact: requestTimeoutMs must be a number of milliseconds from 1 to 2147483647, not number `0`",
        ),
        (
            with("hidden", json!(["email"])),
            "thena-add-contact: hidden field email needs a valid value: Enter an email address.",
        ),
        (wasm_bindgen::JsValue::NULL, "thena-add-contact: options must be an object, not null"),
    ] {
        assert_eq!(mount_error(options), message);
    }
    // A symbol, which JSON cannot hold.
    let options = with("apiBase", json!(null));
    js_sys::Reflect::set(
        &options,
        &"apiBase".into(),
        &js_sys::Symbol::for_("wrong").into(),
    )
    .unwrap();
    assert!(mount_error(options).starts_with("thena-add-contact: apiBase must be a string, not "));
    // Unknown options are ignored; a good set mounts.
    assert_eq!(mount_error(with("somethingElse", json!(1))), "mounted");
}

#[wasm_bindgen_test]
async fn the_host_gets_the_created_contact_with_what_it_passed_through_as_it_came() {
    let org = unique_org("detail");
    let element: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&element).unwrap();
    // A custom field the form does not show (hidden by its slug): its item is sent unchanged.
    let options = js_options(json!({"apiBase": STUB, "orgId": org, "token": "t",
        "hidden": ["employee_id"],
        "values": {"firstName": "Ada", "email": "ada.detail@example.com",
            "customFieldValues": [{"customFieldId": "cf_employee_id", "data": [{"value": "AB-1234"}]}]}}));
    let detail = Rc::new(RefCell::new(None));
    let seen = detail.clone();
    let on_created = wasm_bindgen::closure::Closure::<dyn Fn(wasm_bindgen::JsValue)>::new(
        move |contact: wasm_bindgen::JsValue| {
            *seen.borrow_mut() = Some(contact);
        },
    );
    js_sys::Reflect::set(&options, &"onCreated".into(), on_created.as_ref()).unwrap();
    let mut handle =
        thena_add_contact::embed::mount_widget(element.clone().into(), options, None, None)
            .unwrap_or_else(|_| panic!("mounted"));
    wait_for("custom fields", || {
        element
            .query_selector("[name=\"custom.customer_tier\"]")
            .unwrap()
            .is_some()
    })
    .await;
    assert!(element
        .query_selector("[name=\"custom.employee_id\"]")
        .unwrap()
        .is_none());
    let submit: HtmlElement = element
        .query_selector(".thena-submit")
        .unwrap()
        .unwrap()
        .unchecked_into();
    submit.click();
    wait_for("contact:created", || detail.borrow().is_some()).await;
    let contact = detail.borrow().clone().unwrap();
    let member = |name: &str| js_sys::Reflect::get(&contact, &name.into()).unwrap();
    assert_eq!(
        member("email").as_string().unwrap(),
        "ada.detail@example.com"
    );
    assert!(member("id").as_string().unwrap().starts_with("ct_"));
    // The stub leaves lastName empty; what the API sent comes as it was.
    assert_eq!(member("lastName").as_string().unwrap(), "");
    let custom: js_sys::Array = member("customFieldValues").unchecked_into();
    assert_eq!(custom.length(), 3);
    assert!(custom
        .get(0)
        .as_string()
        .unwrap()
        .contains("cf_employee_id"));
    assert!(member("metadata").is_object());
    let received = stub_requests(&org).await;
    let mut expected = json!([{"customFieldId": "cf_employee_id", "data": [{"value": "AB-1234"}]}]);
    expected
        .as_array_mut()
        .unwrap()
        .extend(seeded_defaults().as_array().unwrap().iter().cloned());
    assert_eq!(received[0]["body"]["customFieldValues"], expected);
    handle.destroy();
    element.remove();
}

#[wasm_bindgen_test]
async fn a_reset_during_a_request_keeps_it_going_until_it_reports() {
    let org = unique_org("reset-sending");
    let control = FormControl::default();
    let allow = Rc::new(Cell::new(false));
    let w = mount_shaped(&org, TokenSource::fixed("r"), allow, |options| {
        options.control = Some(control.clone());
    })
    .await;
    stub_next(&org, json!({"delayMs": 700})).await;
    w.fill_valid("reset@example.com").await;
    w.click_submit().await;
    w.wait_state("sending").await;
    control.reset();
    leptos::task::tick().await;
    // The values go back; the request does not: still one at a time, still sending.
    assert_eq!(w.value("firstName"), "");
    assert_eq!(w.state(), "sending");
    assert!(control.is_sending());
    w.click_submit().await;
    w.wait_state("created").await;
    assert_eq!(stub_requests(&org).await.len(), 1);
    assert_eq!(
        w.events.borrow().last().map(String::as_str),
        Some("created:reset@example.com")
    );
}

/// A shipped language's texts, as the embed reads them from `locales/<tag>.json`.
fn language(locale: Locale) -> Texts {
    let json = match locale {
        Locale::De => include_str!("../src/locales/de.json"),
        Locale::Ar => include_str!("../src/locales/ar.json"),
        _ => unreachable!("add the file here"),
    };
    serde_json::from_str::<Texts>(json)
        .unwrap()
        .in_locale(locale)
}

#[wasm_bindgen_test]
fn numbers_and_durations_are_written_as_the_language_writes_them() {
    assert_eq!(Locale::De.number(1234), "1.234");
    assert_eq!(Locale::En.number(1234), "1,234");
    assert_eq!(
        Locale::De.duration(30, TimeUnit::Second, false),
        "30 Sekunden"
    );
    assert_eq!(Locale::En.duration(1, TimeUnit::Minute, false), "1 minute");
    assert_eq!(Locale::En.duration(29, TimeUnit::Second, true), "29 sec");
    assert_eq!(Locale::Ja.duration(3, TimeUnit::Minute, false), "3 分");
}

#[wasm_bindgen_test]
async fn a_language_shows_its_texts_and_the_theme_its_colours() {
    let org = unique_org("german");
    let w = mount_shaped(&org, TokenSource::fixed("t"), Rc::default(), |o| {
        only_the_create(o);
        o.texts = language(Locale::De).with(Text::Submit, "Anlegen");
        o.theme = Theme::Dark;
    })
    .await;
    let root = w.find(".thena-add-contact");
    assert_eq!(root.get_attribute("lang").as_deref(), Some("de"));
    assert_eq!(root.get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));
    let label = w.find(&format!("label[for=\"{}\"]", w.field("firstName").id()));
    assert_eq!(label.text_content().unwrap(), "Vorname");
    // The host's strings win over the language.
    assert_eq!(w.button().text_content().unwrap(), "Anlegen");
    // Dark: light text on a dark surface.
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&root)
        .unwrap()
        .unwrap();
    assert_eq!(
        style.get_property_value("background-color").unwrap(),
        "rgb(22, 27, 34)"
    );
    assert_eq!(
        style.get_property_value("color").unwrap(),
        "rgb(230, 237, 243)"
    );
    w.click_submit().await;
    assert_eq!(
        w.error_of("email").unwrap(),
        "Geben Sie eine E-Mail-Adresse ein."
    );
    assert!(
        w.text("[role=status]").contains('2'),
        "{}",
        w.text("[role=status]")
    );
    assert!(stub_requests(&org).await.is_empty());
}

#[wasm_bindgen_test]
async fn arabic_is_right_to_left_with_addresses_left_to_right_and_arabic_digits() {
    let org = unique_org("arabic");
    let w = mount_shaped(&org, TokenSource::fixed("t"), Rc::default(), |o| {
        only_the_create(o);
        o.texts = language(Locale::Ar);
    })
    .await;
    let root = w.find(".thena-add-contact");
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ar"));
    for (name, dir) in [
        ("email", "ltr"),
        ("phoneNumber", "ltr"),
        ("avatarUrl", "ltr"),
        ("firstName", "auto"),
    ] {
        assert_eq!(w.field(name).get_attribute("dir").as_deref(), Some(dir));
    }
    // The fields sit at the right edge, as the language reads.
    let (root_box, field_box) = (
        root.get_bounding_client_rect(),
        w.field("firstName").get_bounding_client_rect(),
    );
    assert!((root_box.right() - field_box.right()).abs() < 1.0);
    w.type_into("phoneNumber", "+1 23").await;
    let error = w.error_of("phoneNumber").unwrap();
    // The count as Intl writes it for Arabic, isolated from the text around it.
    let three = Locale::Ar.number(3);
    assert!(
        error.contains(&format!("\u{2068}{three}\u{2069}")),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn mount_shows_the_form_once_its_language_is_there_and_the_handle_works_meanwhile() {
    let org = unique_org("waiting");
    let element: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    element.set_attribute("lang", "de-AT").unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    let options = js_options(json!({"apiBase": STUB, "orgId": org, "token": "t",
        "contactTypes": false, "customFields": false, "checkDuplicates": false,
        "searchAccounts": false}));
    // No translation at the address the module gives: after the attempt, English.
    let missing = js_sys::Function::new_with_args(
        "tag",
        &format!("return `{STUB}/__no-locales-here/${{tag}}.json`"),
    );
    let mut handle = thena_add_contact::embed::mount_widget(
        element.clone().into(),
        options,
        None,
        Some(missing),
    )
    .unwrap_or_else(|_| panic!("mounted"));
    assert!(element.query_selector("form").unwrap().is_none());
    handle
        .set_values(js_options(json!({"firstName": "Früh"})))
        .unwrap_or_else(|_| panic!("set"));
    let values = handle.get_values();
    assert_eq!(
        js_sys::Reflect::get(&values, &"firstName".into()).unwrap(),
        "Früh"
    );
    wait_for("the form", || {
        element.query_selector("form").unwrap().is_some()
    })
    .await;
    leptos::task::tick().await;
    let first: web_sys::HtmlInputElement = element
        .query_selector("[name=firstName]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(first.value(), "Früh");
    let root = element
        .query_selector(".thena-add-contact")
        .unwrap()
        .unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));
    let button = element.query_selector(".thena-submit").unwrap().unwrap();
    assert_eq!(button.text_content().unwrap(), "Add contact");
    handle.destroy();
    assert!(element.query_selector("form").unwrap().is_none());
}
