//! Browser tests of what must never be lost or doubled: a create whose reply was lost (checked
//! with a search before anything is sent again), offline submits, rate limits with their
//! countdown, drafts kept across a reload, and servers that answer in hostile ways. The stub API
//! injects each fault (`/__stub/next`); the harness is in tests/support.

#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use support::*;
use thena_add_contact::api::TokenSource;
use thena_add_contact::form::{AddContactOptions, DraftStorage, FormControl, Show};
use thena_add_contact::model::field::Field;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// A form that asks the API for nothing but the create (and the lost-reply search).
async fn plain(org: &str) -> Widget {
    mount_with(org, TokenSource::fixed(format!("token-{org}")), false).await
}

/// Like [`plain`], giving up on a request after `timeout_ms`.
async fn impatient(org: &str, timeout_ms: u64) -> Widget {
    stub_seed(org, json!({"customFields": []})).await;
    let cancel = Rc::new(Cell::new(false));
    mount_shaped(org, TokenSource::fixed("t"), cancel, |options| {
        only_the_create(options);
        options.request_timeout = Duration::from_millis(timeout_ms);
    })
    .await
}

/// The contacts the stub holds with `email`, as its search answers.
async fn contacts_with(org: &str, email: &str) -> Vec<Value> {
    let url = format!("{STUB}{SEARCH}?email={email}");
    let response = gloo_net::http::Request::get(&url)
        .header("Authorization", "Bearer check")
        .header("x-org-id", org)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn events(w: &Widget) -> Vec<String> {
    w.events.borrow().clone()
}

fn click(w: &Widget, selector: &str) {
    w.find(selector).unchecked_into::<HtmlElement>().click();
}

fn attribute(w: &Widget, selector: &str, name: &str) -> String {
    w.find(selector).get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_lost_reply_whose_create_worked_is_found_and_reported_created_once() {
    let org = unique_org("lost-created");
    let w = plain(&org).await;
    stub_next(&org, json!({"dropAfter": true})).await;
    w.fill_valid("lost@example.com").await;
    w.click_submit().await;
    w.wait_state("created").await;
    assert_eq!(
        events(&w),
        ["ready", "submit", "recovered:lost@example.com"]
    );
    assert!(w.text(".thena-status").contains("Added Jane"));
    assert_eq!(stub_requests(&org).await.len(), 1);
    let searches = stub_requests_at(&org, SEARCH).await;
    assert_eq!(searches.len(), 1);
    assert_eq!(searches[0]["query"], "email=lost%40example.com");
    assert_eq!(contacts_with(&org, "lost@example.com").await.len(), 1);
}

#[wasm_bindgen_test]
async fn an_empty_201_a_200_and_a_stalled_body_each_end_in_one_contact() {
    // (misbehaviour, the event the host gets)
    let cases = [
        (json!({"emptyBody": true}), "recovered"),
        (
            json!({"emptyBody": true, "replaceStatus": 200}),
            "recovered",
        ),
        (json!({"replaceStatus": 200}), "created"),
        (json!({"contentType": "text/plain"}), "created"),
        (json!({"stallAfter": true}), "recovered"),
        // The created contact, padded: read within 2 MiB, given up past it (then searched).
        (json!({"padTo": 1_500_000}), "created"),
        (json!({"padTo": 3_000_000}), "recovered"),
    ];
    for (misbehaviour, event) in cases {
        let org = unique_org("odd-2xx");
        let w = impatient(&org, 1500).await;
        stub_next(&org, misbehaviour.clone()).await;
        w.fill_valid("odd@example.com").await;
        w.click_submit().await;
        w.wait_state("created").await;
        assert_eq!(
            events(&w),
            ["ready", "submit", &format!("{event}:odd@example.com")],
            "{misbehaviour}"
        );
        assert_eq!(contacts_with(&org, "odd@example.com").await.len(), 1);
    }
}

#[wasm_bindgen_test]
async fn a_lost_reply_that_created_nothing_offers_try_again_after_searching() {
    let org = unique_org("lost-nothing");
    let w = plain(&org).await;
    stub_next(&org, json!({"drop": true})).await;
    w.fill_valid("lost2@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    assert!(w.text(".thena-alert").contains("Couldn't reach"));
    assert!(w.visible("button.thena-retry"));
    assert_eq!(stub_requests_at(&org, SEARCH).await.len(), 1);
    assert_eq!(w.value("email"), "lost2@example.com");
    click(&w, "button.thena-retry");
    w.wait_state("created").await;
    // Try again asked first whether the lost create had worked, then sent it.
    assert_eq!(stub_requests_at(&org, SEARCH).await.len(), 2);
    assert_eq!(stub_requests(&org).await.len(), 2);
    assert_eq!(
        events(&w),
        [
            "ready",
            "submit",
            "error:network",
            "submit",
            "created:lost2@example.com"
        ]
    );
    assert_eq!(contacts_with(&org, "lost2@example.com").await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_409_after_a_lost_reply_is_the_contact_that_request_created() {
    let org = unique_org("lost-409");
    let w = plain(&org).await;
    // The create works but its reply is lost; the searches after it fail twice.
    stub_next(&org, json!({"dropAfter": true})).await;
    stub_next_at(&org, SEARCH, json!({"status": 500, "times": 2})).await;
    w.fill_valid("twice@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    assert!(w.text(".thena-alert").contains("Couldn't reach"));
    click(&w, "button.thena-retry");
    // The retry's create gets 409; the search after it finds the contact of the first.
    w.wait_state("created").await;
    assert_eq!(
        events(&w).last().unwrap(),
        "recovered:twice@example.com",
        "{:?}",
        events(&w)
    );
    assert!(!w.text(".thena-alert").contains("already exists"));
    let creates = stub_requests(&org).await;
    assert_eq!(creates.len(), 2);
    assert_eq!(contacts_with(&org, "twice@example.com").await.len(), 1);
}

#[wasm_bindgen_test]
async fn an_older_contact_with_the_email_is_a_conflict_not_a_recovery() {
    let org = unique_org("lost-old");
    let old = json!({"id": "ct_old", "firstName": "Old", "email": "old@example.com",
        "createdAt": "2020-01-01T00:00:00.000Z"});
    stub_seed(&org, json!({"contacts": [old]})).await;
    let w = plain(&org).await;
    stub_next(&org, json!({"drop": true})).await;
    w.fill_valid("old@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    click(&w, "button.thena-retry");
    wait_for("the conflict", || w.invalid("email")).await;
    assert_eq!(w.state(), "failed");
    assert!(w.error_of("email").unwrap().contains("already exists"));
    assert_eq!(events(&w).last().unwrap(), "error:conflict");
}

#[wasm_bindgen_test]
async fn hostile_bodies_are_read_within_bounds_and_said_truthfully() {
    // (misbehaviour, words of the alert, kind, status)
    let cases = [
        (
            json!({"bodyBytes": 10_000_000}),
            "isn't in the contact list",
            "bad_response",
            Some(201),
        ),
        (
            json!({"deepJson": 100_000}),
            "isn't in the contact list",
            "bad_response",
            Some(201),
        ),
        (
            json!({"deepJson": 100_000, "status": 400}),
            "didn't say why",
            "validation",
            Some(400),
        ),
        (
            json!({"status": 502, "contentType": "text/html",
                "body": "<html><body><h1>502 Bad Gateway</h1><script>window.__pwned=1</script></body></html>"}),
            "error 502",
            "server",
            Some(502),
        ),
        (
            json!({"status": 400, "body": {"message": ["<img src=x onerror=\"window.__pwned=1\">"]}}),
            "<img src=x onerror=\"window.__pwned=1\">",
            "validation",
            Some(400),
        ),
    ];
    for (misbehaviour, words, kind, status) in cases {
        let org = unique_org("hostile");
        let w = plain(&org).await;
        stub_next(&org, misbehaviour.clone()).await;
        w.fill_valid("hostile@example.com").await;
        w.click_submit().await;
        w.wait_state("failed").await;
        let alert = w.text(".thena-alert-message");
        assert!(alert.contains(words), "{misbehaviour}: {alert}");
        let error = w.errors.borrow().last().cloned().unwrap();
        assert_eq!((error.kind, error.status), (kind, status), "{misbehaviour}");
        assert!(w.root.query_selector(".thena-alert img").unwrap().is_none());
        // Still responsive: typing works and nothing typed was lost.
        w.type_into("lastName", "Still here").await;
        assert_eq!(w.value("lastName"), "Still here");
        assert_eq!(w.value("email"), "hostile@example.com");
    }
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
async fn a_body_that_never_ends_times_out_and_offers_try_again() {
    let org = unique_org("stall");
    let w = impatient(&org, 1000).await;
    stub_next(&org, json!({"stall": true})).await;
    w.fill_valid("stall@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    assert!(w.text(".thena-alert").contains("within 1 second."));
    click(&w, "button.thena-retry");
    w.wait_state("created").await;
    assert_eq!(contacts_with(&org, "stall@example.com").await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_429_counts_down_on_the_button_and_announces_the_wait_once() {
    let org = unique_org("limited");
    let w = plain(&org).await;
    stub_next(
        &org,
        json!({"status": 429, "headers": {"Retry-After": "2"}}),
    )
    .await;
    w.fill_valid("limited@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    assert!(w.text(".thena-alert-message").contains("2 seconds"));
    assert_eq!(w.text("button.thena-retry"), "Try again in 2 sec");
    assert_eq!(attribute(&w, "button.thena-retry", "aria-disabled"), "true");
    assert_eq!(
        attribute(&w, "button.thena-submit", "aria-disabled"),
        "true"
    );
    // Neither button sends while the wait lasts.
    click(&w, "button.thena-retry");
    w.click_submit().await;
    assert_eq!(stub_requests(&org).await.len(), 1);
    // The wait was announced once, by the alert's message; the counting button is in no live
    // region.
    let live = w
        .root
        .query_selector_all("[role=alert], [role=status], [aria-live]")
        .unwrap();
    for i in 0..live.length() {
        let region: web_sys::Element = live.item(i).unwrap().unchecked_into();
        assert!(region
            .query_selector("button.thena-retry")
            .unwrap()
            .is_none());
    }
    assert_eq!(w.text(".thena-status"), "");
    wait_for("the end of the wait", || {
        w.text("button.thena-retry") == "Try again"
    })
    .await;
    assert_eq!(
        attribute(&w, "button.thena-retry", "aria-disabled"),
        "false"
    );
    assert_eq!(w.text(".thena-status"), "");
    click(&w, "button.thena-retry");
    w.wait_state("created").await;
    assert_eq!(stub_requests(&org).await.len(), 2);
}

#[wasm_bindgen_test]
async fn every_form_of_a_429_wait_is_read_and_a_missing_one_backs_off_from_5_seconds() {
    let in_3_s = js_sys::Date::new(&(js_sys::Date::now() + 3000.0).into()).to_utc_string();
    let reset = ((js_sys::Date::now() / 1000.0) as u64 + 3).to_string();
    // (headers, words of the alert, whether the button counts down)
    let cases = [
        (
            json!({"Retry-After": String::from(in_3_s)}),
            "seconds",
            true,
        ),
        (json!({"X-RateLimit-Reset": reset}), "seconds", true),
        (json!({}), "5 seconds", true),
        (json!({"Retry-After": "soon-ish"}), "5 seconds", true),
        (
            json!({"Retry-After": "315360000"}),
            "more than an hour",
            false,
        ),
    ];
    for (headers, words, counts_down) in cases {
        let org = unique_org("limited-forms");
        let w = plain(&org).await;
        stub_next(&org, json!({"status": 429, "headers": headers.clone()})).await;
        w.fill_valid("limits@example.com").await;
        w.click_submit().await;
        w.wait_state("failed").await;
        let alert = w.text(".thena-alert-message");
        assert!(alert.contains(words), "{headers}: {alert}");
        let button = w.text("button.thena-retry");
        assert_eq!(
            button.starts_with("Try again in "),
            counts_down,
            "{headers}: {button}"
        );
        let disabled = attribute(&w, "button.thena-retry", "aria-disabled");
        assert_eq!(disabled == "true", counts_down, "{headers}");
        let error = w.errors.borrow().last().cloned().unwrap();
        assert_eq!((error.kind, error.status), ("rate_limited", Some(429)));
    }
}

#[wasm_bindgen_test]
async fn offline_the_contact_waits_for_the_connection_and_is_sent_once() {
    let org = unique_org("offline");
    let w = plain(&org).await;
    w.fill_valid("offline@example.com").await;
    let _online_again = go_offline();
    w.click_submit().await;
    w.wait_state("offline").await;
    assert!(w
        .text(".thena-alert-message")
        .contains("sent when the connection is back"));
    assert!(w.visible("button.thena-cancel"));
    assert!(stub_requests(&org).await.is_empty());
    assert_eq!(events(&w), ["ready"], "no submit is reported while offline");
    // Edits while waiting are what is sent.
    w.type_into("lastName", "Offline").await;
    come_online();
    w.wait_state("created").await;
    let creates = stub_requests(&org).await;
    assert_eq!(creates.len(), 1);
    assert_eq!(creates[0]["body"]["lastName"], "Offline");
    assert_eq!(
        events(&w),
        ["ready", "submit", "created:offline@example.com"]
    );
    // The listener is gone: with a valid form again, another online event sends nothing.
    click(&w, "button.thena-add-another");
    w.fill_valid("second@example.com").await;
    come_online();
    sleep(200).await;
    assert_eq!(w.state(), "editing");
    assert_eq!(stub_requests(&org).await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_pending_offline_send_can_be_cancelled_and_keeps_what_was_typed() {
    let org = unique_org("offline-cancel");
    let w = plain(&org).await;
    w.fill_valid("cancel@example.com").await;
    let _online_again = go_offline();
    w.click_submit().await;
    w.wait_state("offline").await;
    click(&w, "button.thena-cancel");
    w.wait_state("editing").await;
    assert_eq!(w.value("email"), "cancel@example.com");
    come_online();
    sleep(200).await;
    assert!(stub_requests(&org).await.is_empty());
    assert_eq!(w.state(), "editing");
}

#[wasm_bindgen_test]
async fn a_request_lost_while_going_offline_is_checked_then_sent_once_online() {
    let org = unique_org("offline-mid");
    let w = plain(&org).await;
    stub_next(&org, json!({"drop": true, "delayMs": 400})).await;
    w.fill_valid("midway@example.com").await;
    w.click_submit().await;
    let _online_again = go_offline();
    w.wait_state("offline").await;
    assert_eq!(stub_requests(&org).await.len(), 1);
    come_online();
    w.wait_state("created").await;
    assert_eq!(stub_requests(&org).await.len(), 2);
    // Before sending again, the form asked whether the lost create had worked.
    assert_eq!(stub_requests_at(&org, SEARCH).await.len(), 1);
    assert_eq!(contacts_with(&org, "midway@example.com").await.len(), 1);
    let outcomes: Vec<String> = events(&w)
        .into_iter()
        .filter(|e| e.starts_with("created") || e.starts_with("error"))
        .collect();
    // The request lost going offline ended as a network error; the one sent online created it.
    assert_eq!(outcomes, ["error:network", "created:midway@example.com"]);
}

/// The session storage's item under `key`, parsed.
fn stored(key: &str) -> Option<Value> {
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let text = storage.get_item(key).unwrap()?;
    Some(serde_json::from_str(&text).unwrap())
}

/// What a stored draft keeps for `name` in `part` (`values` or `custom`: lists of pairs).
fn kept(saved: &Value, part: &str, name: &str) -> Option<Value> {
    let pairs = saved[part].as_array()?;
    let pair = pairs.iter().find(|pair| pair[0] == name)?;
    Some(pair[1].clone())
}

/// A form that keeps its draft in the session storage under draft key "page-a", shaped further
/// by `shape`.
async fn mount_drafting(org: &str, shape: impl FnOnce(&mut AddContactOptions)) -> Widget {
    stub_seed(org, json!({"customFields": []})).await;
    let cancel = Rc::new(Cell::new(false));
    mount_shaped(org, TokenSource::fixed(SECRET), cancel, |options| {
        only_the_create(options);
        options.persist_draft = Some(DraftStorage::Session);
        options.draft_key = Some("page-a".into());
        shape(options);
    })
    .await
}

/// The token of the drafting forms: it must never be stored.
const SECRET: &str = "token-never-stored-5f1c";

/// A last name the host sets and hides.
fn hidden_last_name(options: &mut AddContactOptions) {
    options.values.values[Field::LastName] = "Hidden".into();
    options.show[Field::LastName] = Show::Hidden;
}

#[wasm_bindgen_test]
async fn a_draft_survives_a_remount_until_it_is_created() {
    let org = unique_org("draft");
    let key = format!("thena-add-contact:draft:{org}:page-a");
    let w = mount_drafting(&org, hidden_last_name).await;
    assert!(!w.visible(".thena-draft"));
    w.type_into("firstName", "Drafty").await;
    w.type_into("phoneNumber", "+1 415 555 0199").await;
    wait_for("the saved draft", || stored(&key).is_some()).await;
    let saved = stored(&key).unwrap();
    assert_eq!(kept(&saved, "values", "firstName"), Some(json!("Drafty")));
    assert_eq!(
        kept(&saved, "values", "phoneNumber"),
        Some(json!("+1 415 555 0199"))
    );
    assert_eq!(kept(&saved, "values", "lastName"), None, "hidden: {saved}");
    assert!(!saved.to_string().contains(SECRET), "{saved}");
    drop(w);
    // As after a reload: the draft comes back, with a notice.
    let w = mount_drafting(&org, hidden_last_name).await;
    assert_eq!(w.value("firstName"), "Drafty");
    assert_eq!(w.value("phoneNumber"), "+1 415 555 0199");
    assert!(w.visible(".thena-draft"));
    assert!(w
        .text(".thena-draft")
        .contains("Restored your unsent draft"));
    w.type_into("email", "drafty@example.com").await;
    w.click_submit().await;
    w.wait_state("created").await;
    assert_eq!(stored(&key), None);
    assert!(!w.visible(".thena-draft"));
    let creates = stub_requests(&org).await;
    assert_eq!(creates[0]["body"]["lastName"], "Hidden");
}

#[wasm_bindgen_test]
async fn discard_and_reset_drop_the_draft_and_a_throwing_storage_is_ignored() {
    let org = unique_org("draft-discard");
    let key = format!("thena-add-contact:draft:{org}:page-a");
    let w = mount_drafting(&org, |_| {}).await;
    w.type_into("firstName", "Gone").await;
    wait_for("the saved draft", || stored(&key).is_some()).await;
    drop(w);
    let w = mount_drafting(&org, |_| {}).await;
    assert_eq!(w.value("firstName"), "Gone");
    click(&w, "button.thena-discard");
    leptos::task::tick().await;
    assert_eq!(w.value("firstName"), "");
    assert!(!w.visible(".thena-draft"));
    assert_eq!(stored(&key), None);
    drop(w);
    // reset() drops it too.
    let control = FormControl::default();
    let shaped = control.clone();
    let w = mount_drafting(&org, move |options| options.control = Some(shaped)).await;
    w.type_into("firstName", "Reset me").await;
    wait_for("the saved draft", || stored(&key).is_some()).await;
    control.reset();
    leptos::task::tick().await;
    sleep(400).await;
    assert_eq!(stored(&key), None);
    drop(w);
    // A storage whose every read and write throws: the form goes on as if there were none.
    {
        let _throwing = ThrowingStorage::new();
        let w = mount_drafting(&org, |_| {}).await;
        w.type_into("firstName", "Quota").await;
        w.type_into("email", "quota@example.com").await;
        sleep(400).await;
        w.click_submit().await;
        w.wait_state("created").await;
        // Typing again and destroying the form at once (the save on the way out throws too).
        click(&w, "button.thena-add-another");
        w.type_into("firstName", "Gone").await;
        drop(w);
    }
    assert_eq!(stored(&key), None, "nothing could be written");
}

/// Makes `Storage.prototype.getItem`, `setItem` and `removeItem` throw until dropped.
struct ThrowingStorage(Vec<(&'static str, wasm_bindgen::JsValue)>);

impl ThrowingStorage {
    fn new() -> ThrowingStorage {
        let prototype = js_sys::eval("Storage.prototype").unwrap();
        let throwing =
            js_sys::Function::new_no_args("throw new DOMException('full', 'QuotaExceededError')");
        let originals = ["getItem", "setItem", "removeItem"]
            .into_iter()
            .map(|name| {
                let original = js_sys::Reflect::get(&prototype, &name.into()).unwrap();
                js_sys::Reflect::set(&prototype, &name.into(), &throwing).unwrap();
                (name, original)
            })
            .collect();
        ThrowingStorage(originals)
    }
}

impl Drop for ThrowingStorage {
    fn drop(&mut self) {
        let prototype = js_sys::eval("Storage.prototype").unwrap();
        for (name, original) in &self.0 {
            js_sys::Reflect::set(&prototype, &(*name).into(), original).unwrap();
        }
    }
}

#[wasm_bindgen_test]
async fn a_restored_draft_fills_the_custom_fields_when_they_arrive() {
    let org = unique_org("draft-custom");
    let key = format!("thena-add-contact:draft:{org}");
    let mount_live = || {
        mount_shaped(
            &org,
            TokenSource::fixed("t"),
            Rc::new(Cell::new(false)),
            |options| {
                options.persist_draft = Some(DraftStorage::Session);
                // Read-only: the host's, never kept.
                options
                    .custom_show
                    .push(("employee_id".into(), Show::ReadOnly));
            },
        )
    };
    let w = mount_live().await;
    w.type_into("custom.employee_count", "42").await;
    w.type_into("lastName", "Custom").await;
    wait_for("the saved draft", || {
        stored(&key)
            .is_some_and(|saved| kept(&saved, "custom", "employee_count") == Some(json!(["42"])))
    })
    .await;
    let saved = stored(&key).unwrap();
    assert_eq!(kept(&saved, "custom", "employee_id"), None, "{saved}");
    drop(w);
    let w = mount_live().await;
    assert_eq!(w.value("lastName"), "Custom");
    assert_eq!(w.value("custom.employee_count"), "42");
    assert!(w.visible(".thena-draft"));
    click(&w, "button.thena-discard");
    leptos::task::tick().await;
    assert_eq!(w.value("custom.employee_count"), "");
    assert_eq!(stored(&key), None);
}

#[wasm_bindgen_test]
async fn a_reply_with_a_byte_order_mark_is_read_as_the_browser_reads_it() {
    let org = unique_org("bom");
    let w = plain(&org).await;
    let contact = json!({"id": "ct_bom", "firstName": "Jane", "email": "bom@example.com"});
    stub_next(
        &org,
        json!({"status": 201, "body": format!("\u{feff}{contact}")}),
    )
    .await;
    w.fill_valid("bom@example.com").await;
    w.click_submit().await;
    w.wait_state("created").await;
    assert_eq!(events(&w).last().unwrap(), "created:bom@example.com");
    // Read from the reply itself: no search was needed.
    assert!(stub_requests_at(&org, SEARCH).await.is_empty());
}

#[wasm_bindgen_test]
async fn a_restored_draft_of_custom_fields_alone_is_kept_while_they_load() {
    let org = unique_org("draft-pending");
    let key = format!("thena-add-contact:draft:{org}");
    let drafting = |options: &mut AddContactOptions| {
        options.persist_draft = Some(DraftStorage::Session);
    };
    let w = mount_shaped(
        &org,
        TokenSource::fixed("t"),
        Rc::new(Cell::new(false)),
        drafting,
    )
    .await;
    w.type_into("custom.employee_count", "7").await;
    wait_for("the saved draft", || stored(&key).is_some()).await;
    drop(w);
    // As after a reload on a slow network: the same organization through another address (so
    // not this page's loaded fields), whose custom fields take 1.5 s.
    stub_next_at(&org, CUSTOM_FIELDS, json!({"delayMs": 1500})).await;
    let elsewhere = STUB.replace("127.0.0.1", "localhost");
    let (root, handle) = {
        let mut options = AddContactOptions::new(
            thena_add_contact::api::ApiConfig::new(&elsewhere, &org).unwrap(),
            TokenSource::fixed("t"),
        );
        drafting(&mut options);
        mount_raw(options)
    };
    sleep(500).await;
    // Only the custom field was typed, and it has not arrived: the draft is still kept…
    let saved = stored(&key).expect("the draft was dropped while its fields loaded");
    assert_eq!(kept(&saved, "custom", "employee_count"), Some(json!(["7"])));
    // …also when the form goes before they arrive.
    drop(handle);
    root.remove();
    sleep(100).await;
    let saved = stored(&key).expect("the draft was dropped with the form");
    assert_eq!(kept(&saved, "custom", "employee_count"), Some(json!(["7"])));
    let w = mount_shaped(
        &org,
        TokenSource::fixed("t"),
        Rc::new(Cell::new(false)),
        drafting,
    )
    .await;
    assert_eq!(w.value("custom.employee_count"), "7");
}
