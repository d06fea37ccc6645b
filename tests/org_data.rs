//! Browser tests of the organization's own data in the form: contact types by name, custom
//! fields by type, the duplicate-email warning, and what happens when any of it cannot be
//! loaded. The stub seeds every organization with the platform's contact types and a custom
//! field of every type (stub-api/src/seed.rs); tests that need other data seed their own org.

#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use std::cell::Cell;
use std::rc::Rc;
use support::document;
use support::*;
use thena_add_contact::api::TokenSource;
use thena_add_contact::form::{Definitions, Show};
use thena_add_contact::model::org::{ContactType, CustomFieldDefinition, FieldType};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The input name of a custom field.
fn custom(slug: &str) -> String {
    format!("custom.{slug}")
}

fn input(w: &Widget, name: &str) -> HtmlInputElement {
    w.field(name).unchecked_into()
}

/// The checked state of the radio or checkbox of `name` with `value`.
fn checked(w: &Widget, name: &str, value: &str) -> bool {
    w.find(&format!("[name=\"{name}\"][value=\"{value}\"]"))
        .unchecked_into::<HtmlInputElement>()
        .checked()
}

/// The label text of the field whose input is named `name`.
fn label_of(w: &Widget, name: &str) -> String {
    let id = w.field(name).id();
    w.text(&format!("label[for=\"{id}\"]"))
}

async fn mount_default(org: &str) -> Widget {
    let token = TokenSource::fixed(format!("token-{org}"));
    mount_shaped(org, token, Rc::new(Cell::new(false)), |_| {}).await
}

fn item(id: &str, values: &[&str]) -> Value {
    let data: Vec<Value> = values.iter().map(|v| json!({"value": v})).collect();
    json!({"customFieldId": id, "data": data})
}

#[wasm_bindgen_test]
async fn every_custom_field_type_renders_by_its_type() {
    let w = mount_default(&unique_org("cf-render")).await;
    // slug, label, tag, type, inputmode
    type Expected<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);
    let expected: [Expected; 16] = [
        ("customer_tier", "Customer tier", "SELECT", None, None),
        ("employee_id", "Employee ID", "INPUT", Some("text"), None),
        ("notes", "Notes", "TEXTAREA", None, None),
        ("bio", "Bio", "TEXTAREA", None, None),
        (
            "employee_count",
            "Employee count",
            "INPUT",
            Some("text"),
            Some("numeric"),
        ),
        (
            "health_score",
            "Health score",
            "INPUT",
            Some("text"),
            Some("decimal"),
        ),
        (
            "annual_revenue",
            "Annual revenue",
            "INPUT",
            Some("text"),
            Some("decimal"),
        ),
        ("birthday", "Birthday", "INPUT", Some("date"), None),
        (
            "last_call",
            "Last call",
            "INPUT",
            Some("datetime-local"),
            None,
        ),
        (
            "best_time",
            "Best time to call",
            "INPUT",
            Some("time"),
            None,
        ),
        ("newsletter", "Newsletter", "INPUT", Some("checkbox"), None),
        (
            "billing_email",
            "Billing email",
            "INPUT",
            Some("email"),
            None,
        ),
        ("mobile", "Mobile", "INPUT", Some("tel"), None),
        ("linkedin", "LinkedIn", "INPUT", Some("url"), None),
        ("office_ip", "Office IP", "INPUT", Some("text"), None),
        // colour_picker: a type the widget does not know is a single line.
        ("badge_colour", "Badge colour", "INPUT", Some("text"), None),
    ];
    for (slug, label, tag, input_type, input_mode) in expected {
        let name = custom(slug);
        let field = w.field(&name);
        assert_eq!(field.tag_name(), tag, "{slug}");
        assert_eq!(field.get_attribute("type").as_deref(), input_type, "{slug}");
        assert_eq!(
            field.get_attribute("inputmode").as_deref(),
            input_mode,
            "{slug}"
        );
        assert_eq!(label_of(&w, &name), label, "{slug}");
        assert_eq!(
            field.get_attribute("aria-invalid").as_deref(),
            Some("false")
        );
    }
    // Radio and checkbox groups: a fieldset named by its legend, one box per option.
    for (slug, legend, kind, options) in [
        (
            "preferred_channel",
            "Preferred channel",
            "radio",
            ["Email", "Phone", "Chat"],
        ),
        (
            "interests",
            "Interests",
            "checkbox",
            ["Product", "Pricing", "Security"],
        ),
    ] {
        let name = custom(slug);
        let boxes = w
            .root
            .query_selector_all(&format!("fieldset [name=\"{name}\"]"))
            .unwrap();
        assert_eq!(boxes.length(), 3, "{slug}");
        for (i, option) in options.iter().enumerate() {
            let input: HtmlInputElement = boxes.item(i as u32).unwrap().unchecked_into();
            assert_eq!(input.type_(), kind);
            assert_eq!(input.value(), *option);
            let label = input.parent_element().unwrap().text_content().unwrap();
            assert_eq!(label.trim(), *option);
        }
        let fieldset = w.field(&name).closest("fieldset").unwrap().unwrap();
        assert_eq!(
            fieldset
                .query_selector("legend")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap(),
            legend
        );
    }
    // The inactive field is not shown; the mandatory ones are marked and prefilled with their
    // defaults; hint and placeholder come from the definition.
    assert!(w
        .root
        .query_selector("[name=\"custom.legacy_code\"]")
        .unwrap()
        .is_none());
    assert_eq!(
        w.options_of(&custom("customer_tier")),
        (
            ["Choose…", "Bronze", "Silver", "Gold"]
                .map(String::from)
                .to_vec(),
            "Silver".to_string()
        )
    );
    assert!(w.field(&custom("customer_tier")).has_attribute("required"));
    assert!(checked(&w, &custom("preferred_channel"), "Email"));
    let employee_id = input(&w, &custom("employee_id"));
    assert_eq!(employee_id.placeholder(), "AB-1234");
    let hint_id = employee_id.get_attribute("aria-describedby").unwrap();
    assert_eq!(
        document()
            .get_element_by_id(&hint_id)
            .unwrap()
            .text_content()
            .unwrap(),
        "Two capital letters, a dash and four digits, like AB-1234."
    );
    assert_eq!(
        w.field(&custom("notes"))
            .get_attribute("placeholder")
            .as_deref(),
        Some("Anything the team should know")
    );
    // Below the built-in fields, above the button.
    let tier = w.field(&custom("customer_tier"));
    let position = w.field("accountIds").compare_document_position(&tier);
    assert_ne!(position & web_sys::Node::DOCUMENT_POSITION_FOLLOWING, 0);
}

#[wasm_bindgen_test]
async fn every_custom_field_type_checks_its_value_and_sends_its_item() {
    let org = unique_org("cf-values");
    let w = mount_default(&org).await;
    w.fill_valid("cf-values@example.com").await;
    // Each wrong value gets its field's message on blur.
    for (slug, wrong, message) in [
        ("employee_count", "12.5", "Enter a whole number, like 42."),
        (
            "health_score",
            "3,5",
            "Enter a number with a dot for decimals, like 12.5.",
        ),
        (
            "annual_revenue",
            "12.345",
            "Use at most 2 decimals, like 1250.99.",
        ),
        (
            "billing_email",
            "billing@",
            "The part after the @ isn't a valid domain, like example.com.",
        ),
        (
            "mobile",
            "415 555 0123",
            "Add the country code, starting with +, as in +1 415 555 0123.",
        ),
        (
            "linkedin",
            "ftp://example.com",
            "Only http:// and https:// addresses can be used, not “ftp:”.",
        ),
        (
            "office_ip",
            "300.1.2.3",
            "Enter an IPv4 address like 192.0.2.10 or an IPv6 address like 2001:db8::1.",
        ),
        // regexForValidation, checked with the browser's RegExp.
        (
            "employee_id",
            "ab-12",
            "Employee ID isn't in the format your organization asks for.",
        ),
        (
            "badge_colour",
            "red\u{7}",
            "Badge colour contains invisible control characters. Retype it without them.",
        ),
    ] {
        let name = custom(slug);
        w.type_into(&name, wrong).await;
        assert_eq!(w.error_of(&name).as_deref(), Some(message), "{slug}");
        assert!(w.invalid(&name), "{slug}");
    }
    // A mandatory choice left empty.
    w.choose(&custom("customer_tier"), "").await;
    assert_eq!(
        w.error_of(&custom("customer_tier")).as_deref(),
        Some("Fill in Customer tier.")
    );
    w.click_submit().await;
    assert_eq!(w.text("[role=status]"), "Check the 10 highlighted fields.");
    wait_for("focus on the first invalid field", || {
        w.focused() == Some(custom("customer_tier"))
    })
    .await;
    assert!(stub_requests(&org).await.is_empty());
    let error = w.errors.borrow().last().cloned().unwrap();
    assert_eq!(error.kind, "validation");
    assert!(error
        .field_errors
        .contains(&("customer_tier".into(), "Fill in Customer tier.".into())));

    for (slug, right) in [
        ("employee_id", "AB-1234"),
        ("notes", "Line 1\nLine 2"),
        ("bio", "<b>not bold</b>"),
        ("employee_count", "+42"),
        ("health_score", "3.5"),
        ("annual_revenue", "1250.99"),
        ("birthday", "2026-03-31"),
        ("last_call", "2026-03-31T14:30"),
        ("best_time", "14:30"),
        ("billing_email", "billing@acme.com"),
        ("mobile", "+1 (415) 555-0123"),
        ("linkedin", "https://www.linkedin.com/in/jane"),
        ("office_ip", "2001:db8::1"),
        ("badge_colour", "#ff0000"),
    ] {
        let name = custom(slug);
        w.type_into(&name, right).await;
        assert_eq!(w.error_of(&name), None, "{slug}");
    }
    w.choose(&custom("customer_tier"), "Gold").await;
    w.click_option(&custom("preferred_channel"), "Phone").await;
    w.click_option(&custom("interests"), "Product").await;
    w.click_option(&custom("interests"), "Security").await;
    w.click_option(&custom("interests"), "Pricing").await;
    w.click_option(&custom("interests"), "Pricing").await; // and unchosen again
    w.click_option(&custom("newsletter"), "true").await;
    assert!(!checked(&w, &custom("preferred_channel"), "Email"));
    w.click_submit().await;
    w.wait_state("created").await;
    let received = stub_requests(&org).await;
    assert_eq!(
        received[0]["body"]["customFieldValues"],
        json!([
            item("cf_tier", &["Gold"]),
            item("cf_channel", &["Phone"]),
            item("cf_employee_id", &["AB-1234"]),
            item("cf_notes", &["Line 1\nLine 2"]),
            item("cf_bio", &["<b>not bold</b>"]),
            item("cf_employees", &["42"]),
            item("cf_score", &["3.5"]),
            item("cf_revenue", &["1250.99"]),
            item("cf_birthday", &["2026-03-31"]),
            item("cf_last_call", &["2026-03-31T14:30"]),
            item("cf_best_time", &["14:30"]),
            item("cf_interests", &["Product", "Security"]),
            item("cf_newsletter", &["true"]),
            item("cf_billing_email", &["billing@acme.com"]),
            item("cf_mobile", &["+14155550123"]),
            item("cf_linkedin", &["https://www.linkedin.com/in/jane"]),
            item("cf_office_ip", &["2001:db8::1"]),
            item("cf_badge", &["#ff0000"]),
        ])
    );
    // Markup typed into a text area went as text and came back as text.
    assert!(w.root.query_selector("b").unwrap().is_none());
    // "Add another": the defaults again.
    assert!(checked(&w, &custom("preferred_channel"), "Email"));
    assert_eq!(w.options_of(&custom("customer_tier")).1, "Silver");
    assert!(!checked(&w, &custom("interests"), "Product"));
}

#[wasm_bindgen_test]
async fn contact_types_are_chosen_by_name_with_the_default_preselected() {
    let org = unique_org("types");
    let w = mount_default(&org).await;
    let names = ["PRIMARY", "BILLING", "LEGAL", "EXECUTIVE", "OTHER"].map(String::from);
    assert_eq!(
        w.options_of("contactType"),
        (names.to_vec(), "CT_PRIMARY".to_string())
    );
    assert_eq!(label_of(&w, "contactType"), "Contact type");
    let asked = stub_requests_at(&org, CONTACT_TYPES).await;
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0]["query"], "attribute=contact_type");
    assert_eq!(
        asked[0]["headers"]["authorization"],
        format!("Bearer token-{org}")
    );
    assert_eq!(asked[0]["headers"]["x-org-id"], org);
    // The default is sent; then a chosen one.
    w.fill_valid("types1@example.com").await;
    w.click_submit().await;
    w.wait_state("created").await;
    let add_another: HtmlElement = w.find("button.thena-add-another").unchecked_into();
    add_another.click();
    w.wait_state("editing").await;
    assert_eq!(w.options_of("contactType").1, "CT_PRIMARY");
    w.fill_valid("types2@example.com").await;
    w.choose("contactType", "CT_LEGAL").await;
    w.click_submit().await;
    w.wait_state("created").await;
    let received = stub_requests(&org).await;
    assert_eq!(received[0]["body"]["contactType"], "CT_PRIMARY");
    assert_eq!(received[1]["body"]["contactType"], "CT_LEGAL");
}

#[wasm_bindgen_test]
async fn without_a_default_the_first_choice_leaves_the_type_to_the_organization() {
    let org = unique_org("types-no-default");
    stub_seed(
        &org,
        json!({"contactTypes": [
            {"id": "CT_A", "value": "Partner", "isDefault": false},
            {"id": "CT_B", "value": "<i>Vendor</i>"},
        ]}),
    )
    .await;
    let w = mount_default(&org).await;
    assert_eq!(
        w.options_of("contactType"),
        (
            ["Organization default", "Partner", "<i>Vendor</i>"]
                .map(String::from)
                .to_vec(),
            String::new()
        )
    );
    w.fill_valid("nodefault@example.com").await;
    w.click_submit().await;
    w.wait_state("created").await;
    let body = &stub_requests(&org).await[0]["body"];
    assert!(body.get("contactType").is_none(), "{body}");
}

#[wasm_bindgen_test]
async fn a_prefilled_contact_type_is_selected_and_an_unknown_one_is_reported_not_sent() {
    let org = unique_org("types-prefilled");
    let allow = Rc::new(Cell::new(false));
    let w = mount_shaped(&org, TokenSource::fixed("t"), allow.clone(), |options| {
        options.values.values[thena_add_contact::model::field::Field::ContactType] =
            "CT_EXECUTIVE".into();
    })
    .await;
    assert_eq!(w.options_of("contactType").1, "CT_EXECUTIVE");
    assert!(w.errors.borrow().is_empty());

    let unknown = mount_shaped(&org, TokenSource::fixed("t"), allow, |options| {
        options.values.values[thena_add_contact::model::field::Field::ContactType] =
            "CT_GONE".into();
    })
    .await;
    let error = unknown.errors.borrow().last().cloned().expect("reported");
    assert_eq!((error.kind, error.status), ("options", None));
    assert!(error.message.contains("\"CT_GONE\""), "{}", error.message);
    assert_eq!(unknown.options_of("contactType").1, "CT_PRIMARY");
    unknown.fill_valid("unknown-type@example.com").await;
    unknown.click_submit().await;
    unknown.wait_state("created").await;
    assert_eq!(
        stub_requests(&org).await[0]["body"]["contactType"],
        "CT_PRIMARY"
    );
}

/// Every way the organization's data can fail to arrive.
fn failures() -> Vec<(&'static str, Value)> {
    vec![
        (
            "server error",
            json!({"status": 503, "body": {"statusCode": 503, "message": "down"}}),
        ),
        (
            "unauthorized",
            json!({"status": 401, "body": {"statusCode": 401, "message": "Unauthorized"}}),
        ),
        (
            "forbidden",
            json!({"status": 403, "body": {"statusCode": 403, "message": "Forbidden resource"}}),
        ),
        // Firefox sends a GET whose connection drops before an answer again, 10 times in all
        // (measured); Chrome once.
        ("dropped", json!({"drop": true, "times": 20})),
        (
            "not json",
            json!({"status": 200, "body": "<html>proxy</html>"}),
        ),
        (
            "unreadable shape",
            json!({"status": 200, "body": {"data": {"unexpected": true}}}),
        ),
    ]
}

#[wasm_bindgen_test]
async fn each_live_data_failure_leaves_a_working_form_and_can_be_loaded_again() {
    // One optional custom field, so that the create needs nothing the failure took away.
    let seed = json!({"customFields": [{"uid": "cf_only", "name": "Only field", "slug": "only",
        "fieldType": "single_line", "isActive": true}]});
    for (what, failure) in failures() {
        let org = unique_org("live-failure");
        stub_seed(&org, seed.clone()).await;
        stub_next_at(&org, CUSTOM_FIELDS, failure.clone()).await;
        stub_next_at(&org, CONTACT_TYPES, failure).await;
        let w = mount_default(&org).await;
        assert_eq!(
            w.notes(),
            [
                "Couldn't load the contact types. You can still add the contact. Load again",
                "Couldn't load your organization's contact fields. You can still add the contact. Load again",
            ],
            "{what}"
        );
        // The contact type falls back to the organization's default.
        assert_eq!(
            w.options_of("contactType"),
            (vec!["Organization default".to_string()], String::new()),
            "{what}"
        );
        // The built-in fields work: a contact can be added.
        w.fill_valid("live-failure@example.com").await;
        w.click_submit().await;
        w.wait_state("created").await;
        let body = &stub_requests(&org).await[0]["body"];
        assert_eq!(
            body,
            &json!({"firstName": "Jane", "email": "live-failure@example.com"}),
            "{what}"
        );
        // Loading again brings what failed (a misbehaviour left over for a second attempt that
        // did not come is forgotten first).
        stub_reset(&org).await;
        stub_seed(&org, seed.clone()).await;
        let add_another: HtmlElement = w.find("button.thena-add-another").unchecked_into();
        add_another.click();
        w.wait_state("editing").await;
        for retry in [".thena-live-note:not([hidden]) button"; 2] {
            let button: HtmlElement = w.find(retry).unchecked_into();
            button.click();
            w.settled().await;
        }
        assert!(w.notes().is_empty(), "{what}: {:?}", w.notes());
        assert_eq!(w.options_of("contactType").1, "CT_PRIMARY", "{what}");
        assert_eq!(label_of(&w, &custom("only")), "Only field", "{what}");
    }
}

#[wasm_bindgen_test]
async fn slow_definitions_never_block_typing_and_arrive_below_the_built_in_fields() {
    let org = unique_org("live-slow");
    stub_next_at(&org, CUSTOM_FIELDS, json!({"delayMs": 1500})).await;
    let token = TokenSource::fixed("slow");
    let (root, _handle) = {
        let mut options = thena_add_contact::form::AddContactOptions::new(
            thena_add_contact::api::ApiConfig::new(STUB, &org).unwrap(),
            token,
        );
        options.check_duplicates = false;
        mount_raw(options)
    };
    let w = Widget {
        root,
        events: Default::default(),
        errors: Default::default(),
        _handle,
    };
    wait_for("loading note", || w.notes() == ["Loading…"]).await;
    w.type_into("firstName", "Jane").await;
    let first = w.field("firstName");
    let _ = first.focus();
    let top = first.get_bounding_client_rect().top();
    w.settled().await;
    assert!(w.notes().is_empty());
    // The custom fields came in below; the field being typed in did not move.
    assert_eq!(first.get_bounding_client_rect().top(), top);
    assert_eq!(w.focused().as_deref(), Some("firstName"));
    assert_eq!(w.value("firstName"), "Jane");
    assert_eq!(w.options_of(&custom("customer_tier")).1, "Silver");
}

#[wasm_bindgen_test]
async fn definitions_are_loaded_once_per_page_per_organization() {
    let org = unique_org("live-once");
    let first = mount_default(&org).await;
    let second = mount_default(&org).await;
    let other = unique_org("live-once-other");
    let third = mount_default(&other).await;
    for w in [&first, &second, &third] {
        assert_eq!(w.options_of("contactType").1, "CT_PRIMARY");
        assert_eq!(w.options_of(&custom("customer_tier")).1, "Silver");
    }
    assert_eq!(stub_requests_at(&org, CUSTOM_FIELDS).await.len(), 1);
    assert_eq!(stub_requests_at(&org, CONTACT_TYPES).await.len(), 1);
    assert_eq!(stub_requests_at(&other, CUSTOM_FIELDS).await.len(), 1);
}

#[wasm_bindgen_test]
async fn custom_fields_are_read_page_by_page_until_a_short_page() {
    let org = unique_org("live-pages");
    let fields: Vec<Value> = (0..250)
        .map(|i| {
            json!({"uid": format!("cf_{i}"), "name": format!("Field {i}"), "slug": format!("f{i}"),
            "fieldType": "single_line", "isActive": true})
        })
        .collect();
    stub_seed(&org, json!({"customFields": fields})).await;
    let w = mount_default(&org).await;
    let asked: Vec<String> = stub_requests_at(&org, CUSTOM_FIELDS)
        .await
        .iter()
        .map(|r| r["query"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        asked,
        [0, 1, 2].map(|page| format!("source=customer_contact&limit=100&page={page}"))
    );
    assert_eq!(label_of(&w, &custom("f249")), "Field 249");
    let shown = w.root.query_selector_all("[name^=\"custom.\"]").unwrap();
    assert_eq!(shown.length(), 250);
}

#[wasm_bindgen_test]
async fn definitions_the_host_gives_are_used_without_asking_and_off_means_off() {
    let org = unique_org("live-given");
    let allow = Rc::new(Cell::new(false));
    let given = mount_shaped(&org, TokenSource::fixed("g"), allow.clone(), |options| {
        options.contact_types = Definitions::Given(vec![ContactType {
            id: "CT_HOST".into(),
            value: "From the host".into(),
            is_default: true,
        }]);
        options.custom_fields = Definitions::Given(vec![CustomFieldDefinition {
            uid: "cf_host".into(),
            name: "Host field".into(),
            field_type: Some(FieldType::Integer),
            ..CustomFieldDefinition::default()
        }]);
    })
    .await;
    assert_eq!(
        given.options_of("contactType"),
        (vec!["From the host".to_string()], "CT_HOST".to_string())
    );
    assert_eq!(label_of(&given, &custom("cf_host")), "Host field");
    let off = mount_shaped(&org, TokenSource::fixed("g"), allow, |options| {
        options.contact_types = Definitions::Off;
        options.custom_fields = Definitions::Off;
    })
    .await;
    assert_eq!(
        off.options_of("contactType"),
        (vec!["Organization default".to_string()], String::new())
    );
    assert!(off
        .root
        .query_selector("[name^=\"custom.\"]")
        .unwrap()
        .is_none());
    assert!(off.notes().is_empty());
    // Without the types, a contact type the host sets later (setValues) is offered, chosen.
    let control = thena_add_contact::FormControl::default();
    let later = mount_shaped(&org, TokenSource::fixed("g"), Rc::default(), |options| {
        options.contact_types = Definitions::Off;
        options.custom_fields = Definitions::Off;
        options.control = Some(control.clone());
    })
    .await;
    let field = thena_add_contact::model::field::Field::ContactType;
    control.set_values(&[(field, "CT_LATE".into())]).unwrap();
    let offered = || {
        let names = vec!["Organization default".to_string(), "CT_LATE".to_string()];
        later.options_of("contactType") == (names, "CT_LATE".to_string())
    };
    wait_for("the host's later contact type offered and chosen", offered).await;
    assert!(stub_requests_at(&org, CUSTOM_FIELDS).await.is_empty());
    assert!(stub_requests_at(&org, CONTACT_TYPES).await.is_empty());
}

#[wasm_bindgen_test]
async fn host_values_prefill_custom_fields_and_slugs_hide_them_or_make_them_read_only() {
    let org = unique_org("cf-host");
    let allow = Rc::new(Cell::new(false));
    let w = mount_shaped(&org, TokenSource::fixed("h"), allow, |options| {
        options.values.custom_field_values = serde_json::from_value(json!([
            item("cf_tier", &["Gold"]),
            item("cf_interests", &["Pricing", "Security"]),
            item("cf_notes", &["From the host"]),
        ]))
        .unwrap();
        options.custom_show = vec![
            ("customer_tier".into(), Show::ReadOnly),
            ("notes".into(), Show::Hidden),
            ("nickname".into(), Show::Hidden),
        ];
    })
    .await;
    assert_eq!(w.options_of(&custom("customer_tier")).1, "Gold");
    assert!(w.field(&custom("customer_tier")).has_attribute("disabled"));
    assert!(checked(&w, &custom("interests"), "Pricing"));
    assert!(checked(&w, &custom("interests"), "Security"));
    assert!(w
        .root
        .query_selector("[name=\"custom.notes\"]")
        .unwrap()
        .is_none());
    // A slug that names no field is reported, like a misspelt built-in name at mount.
    let error = w.errors.borrow().last().cloned().expect("reported");
    assert_eq!(error.kind, "options");
    assert_eq!(error.message, "hidden names no field \"nickname\"");
    w.fill_valid("cf-host@example.com").await;
    w.click_submit().await;
    w.wait_state("created").await;
    // The hidden field's item goes unchanged, first; then the fields shown, in form order.
    assert_eq!(
        stub_requests(&org).await[0]["body"]["customFieldValues"],
        json!([
            item("cf_notes", &["From the host"]),
            item("cf_tier", &["Gold"]),
            item("cf_channel", &["Email"]),
            item("cf_interests", &["Pricing", "Security"]),
        ])
    );
}

#[wasm_bindgen_test]
async fn a_server_refusal_naming_a_custom_field_is_shown_on_it() {
    let org = unique_org("cf-server");
    let w = mount_default(&org).await;
    stub_next(
        &org,
        json!({"status": 400, "body": {"statusCode": 400, "error": "Bad Request", "message": [
            "Employee count must be an integer",
            "Custom field customer_tier is required",
            "customFieldValues.3.customFieldId cf_x is not a custom field of this organization",
        ]}}),
    )
    .await;
    w.fill_valid("cf-server@example.com").await;
    w.click_submit().await;
    w.wait_state("failed").await;
    assert_eq!(
        w.error_of(&custom("employee_count")).as_deref(),
        Some("Employee count must be an integer")
    );
    assert_eq!(
        w.error_of(&custom("customer_tier")).as_deref(),
        Some("Custom field customer_tier is required")
    );
    assert!(w
        .text(".thena-alert")
        .contains("cf_x is not a custom field"));
    // Focus goes to the first of them in form order, not in the server's.
    wait_for("focus on the first field named", || {
        w.focused() == Some(custom("customer_tier"))
    })
    .await;
    let error = w.errors.borrow().last().cloned().unwrap();
    assert_eq!(
        error.field_errors,
        [
            (
                "employee_count".to_string(),
                "Employee count must be an integer".to_string()
            ),
            (
                "customer_tier".to_string(),
                "Custom field customer_tier is required".to_string()
            ),
        ]
    );
    // The stub's own check says the same about a wrong value the form could not know about.
    w.type_into(&custom("employee_count"), "7").await;
    assert_eq!(w.error_of(&custom("employee_count")), None);
}

#[wasm_bindgen_test]
async fn an_invalid_pattern_from_the_server_is_ignored() {
    let org = unique_org("cf-bad-pattern");
    stub_seed(
        &org,
        json!({"customFields": [{"uid": "cf_code", "name": "Code", "slug": "code",
            "fieldType": "single_line", "regexForValidation": "([", "mandatoryOnCreation": true}]}),
    )
    .await;
    let w = mount_default(&org).await;
    w.fill_valid("bad-pattern@example.com").await;
    w.type_into(&custom("code"), "anything").await;
    assert_eq!(w.error_of(&custom("code")), None);
    w.click_submit().await;
    w.wait_state("created").await;
    assert_eq!(
        stub_requests(&org).await[0]["body"]["customFieldValues"],
        json!([item("cf_code", &["anything"])])
    );
}

#[wasm_bindgen_test]
async fn an_email_that_a_contact_has_gets_a_warning_naming_it_and_submitting_stays_possible() {
    let org = unique_org("duplicate");
    let w = mount_default(&org).await;
    w.type_into("firstName", "Janet").await;
    w.type_into("email", " Jane.Doe@acme.com ").await;
    let warning = "Jane Doe already has this email.";
    wait_for("the warning", || w.text(".thena-warning") == warning).await;
    assert_eq!(*w.events.borrow(), ["ready", "duplicate:jane.doe@acme.com"]);
    let described = w.field("email").get_attribute("aria-describedby").unwrap();
    let warning_id = w.find(".thena-warning").id();
    assert!(
        described.split(' ').any(|id| id == warning_id),
        "{described}"
    );
    assert!(!w.invalid("email"));
    let searched = stub_requests_at(&org, SEARCH).await;
    assert_eq!(searched.len(), 1);
    assert_eq!(searched[0]["query"], "email=jane.doe%40acme.com");
    // The same value again is not searched again.
    w.type_into("email", "jane.doe@acme.com").await;
    sleep(100).await;
    assert_eq!(stub_requests_at(&org, SEARCH).await.len(), 1);
    // Changed and changed back: the warning goes, then comes back.
    w.type_into("email", "jane.doe@acme.co").await;
    assert_eq!(w.text(".thena-warning"), "");
    w.type_into("email", "jane.doe@acme.com").await;
    wait_for("the warning again", || w.text(".thena-warning") == warning).await;
    // Submitting is possible: the service decides.
    w.click_submit().await;
    w.wait_state("failed").await;
    assert_eq!(
        w.error_of("email").as_deref(),
        Some("A contact with this email already exists in this organization.")
    );
    // Another address: the warning goes.
    w.type_into("email", "janet@acme.com").await;
    assert_eq!(w.text(".thena-warning"), "");
    sleep(100).await;
    assert_eq!(w.text(".thena-warning"), "");
}

#[wasm_bindgen_test]
async fn a_failed_or_outdated_search_shows_nothing_and_an_invalid_email_is_not_searched() {
    let org = unique_org("duplicate-quiet");
    let w = mount_default(&org).await;
    w.type_into("email", "jane.doe@").await;
    stub_next_at(&org, SEARCH, json!({"status": 503})).await;
    w.type_into("email", "jane.doe@acme.com").await;
    sleep(200).await;
    assert_eq!(w.text(".thena-warning"), "");
    // A search still under way when the value changes is dropped.
    stub_next_at(&org, SEARCH, json!({"delayMs": 600})).await;
    w.type_into("email", "JANE.doe@acme.com.").await; // invalid: not searched
    w.type_into("email", "jane.doe@acme.com").await; // searched again (the last failed)
    w.type_into("email", "someone@acme.com").await;
    sleep(900).await;
    assert_eq!(w.text(".thena-warning"), "");
    assert!(!w.events.borrow().iter().any(|e| e.starts_with("duplicate")));
    let searched: Vec<String> = stub_requests_at(&org, SEARCH)
        .await
        .iter()
        .map(|r| r["query"].as_str().unwrap().to_string())
        .collect();
    // The invalid address was never asked for; the dropped search may have been aborted
    // before it left (Firefox) or after (Chrome).
    let (jane, someone) = ("email=jane.doe%40acme.com", "email=someone%40acme.com");
    assert_eq!(searched.first().map(String::as_str), Some(jane));
    assert_eq!(searched.last().map(String::as_str), Some(someone));
    assert!(
        searched.iter().all(|q| q == jane || q == someone),
        "{searched:?}"
    );
    // The form works all along.
    w.type_into("firstName", "Someone").await;
    w.click_submit().await;
    w.wait_state("created").await;
}

#[wasm_bindgen_test]
async fn a_search_under_way_when_the_form_goes_reports_nothing() {
    let org = unique_org("duplicate-gone");
    let w = mount_default(&org).await;
    stub_next_at(&org, SEARCH, json!({"delayMs": 400})).await;
    w.type_into("email", "jane.doe@acme.com").await;
    let events = w.events.clone();
    drop(w);
    sleep(700).await;
    assert_eq!(*events.borrow(), ["ready"]);
}

/// The texts of the account picker's suggestions (once the list is open).
async fn suggestions(w: &Widget) -> Vec<String> {
    wait_for("the list of accounts", || {
        w.field("accountIds")
            .get_attribute("aria-expanded")
            .as_deref()
            == Some("true")
    })
    .await;
    let options = w
        .root
        .query_selector_all(".thena-listbox [role=option]:not([hidden])")
        .unwrap();
    (0..options.length())
        .filter_map(|i| options.item(i)?.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn the_account_picker_finds_accounts_by_name_or_domain_and_sends_their_ids() {
    let org = unique_org("accounts");
    let w = mount_default(&org).await;
    let input = w.field("accountIds");
    assert_eq!(input.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    // By name, chosen with the keyboard.
    w.input_only("accountIds", "acme").await;
    assert_eq!(suggestions(&w).await, ["Acme Corp (acme.com)"]);
    assert!(!w.press("accountIds", "ArrowDown").await);
    let active = input.get_attribute("aria-activedescendant").unwrap();
    assert_eq!(
        document()
            .get_element_by_id(&active)
            .unwrap()
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    assert!(
        !w.press("accountIds", "Enter").await,
        "Enter chooses, it does not submit"
    );
    assert_eq!(w.chips(), ["Acme Corp"]);
    assert_eq!(w.value("accountIds"), "");
    // By domain, chosen with a click; an account already chosen is not offered again.
    w.input_only("accountIds", "globex.com").await;
    assert_eq!(suggestions(&w).await, ["Globex Corporation (globex.com)"]);
    let option: HtmlElement = w.find(".thena-option-account").unchecked_into();
    option.click();
    leptos::task::tick().await;
    assert_eq!(w.chips(), ["Acme Corp", "Globex Corporation"]);
    w.input_only("accountIds", "corp").await;
    assert_eq!(
        suggestions(&w).await,
        ["No account found. Press Enter to add “corp” as an account ID."]
    );
    assert!(!w.press("accountIds", "Escape").await);
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    // A hostile name is text.
    w.input_only("accountIds", "labs").await;
    assert_eq!(
        suggestions(&w).await,
        ["<img src=x onerror=alert(1)> Labs (labs.example)"]
    );
    assert!(w.root.query_selector("img").unwrap().is_none());
    // An ID nobody can find is added as typed; a chip is removed by its button.
    w.input_only("accountIds", "acc_typed").await;
    let _ = suggestions(&w).await;
    assert!(!w.press("accountIds", "Enter").await);
    let remove: HtmlElement = w.find("[aria-label=\"Remove Acme Corp\"]").unchecked_into();
    remove.click();
    leptos::task::tick().await;
    assert_eq!(w.chips(), ["Globex Corporation", "acc_typed"]);
    w.fill_valid("accounts@example.com").await;
    w.click_submit().await;
    w.wait_state("created").await;
    assert_eq!(
        stub_requests(&org).await[0]["body"]["accountIds"],
        json!(["acc_globex", "acc_typed"])
    );
    let searched = stub_requests_at(&org, "/v1/search/accounts").await;
    assert!(searched
        .iter()
        .any(|r| r["query"] == "q=acme&query_by=name%2CprimaryDomain&per_page=8"));
    assert_eq!(searched[0]["headers"]["x-org-id"], org);
}

#[wasm_bindgen_test]
async fn text_typed_in_the_picker_but_not_chosen_is_kept_and_stops_the_submit() {
    let org = unique_org("accounts-pending");
    let w = mount_default(&org).await;
    w.fill_valid("pending@example.com").await;
    w.type_into("accountIds", "acm").await;
    assert_eq!(
        w.error_of("accountIds").as_deref(),
        Some("“acm” isn't added yet. Choose an account from the list, or press Enter to add it as an account ID.")
    );
    w.click_submit().await;
    wait_for("focus on the picker", || {
        w.focused().as_deref() == Some("accountIds")
    })
    .await;
    assert_eq!(w.value("accountIds"), "acm");
    assert!(stub_requests(&org).await.is_empty());
    // Cleared, the form goes.
    w.type_into("accountIds", "").await;
    assert_eq!(w.error_of("accountIds"), None);
    w.click_submit().await;
    w.wait_state("created").await;
}

#[wasm_bindgen_test]
async fn the_emails_company_domain_suggests_its_account_added_only_with_a_click() {
    let org = unique_org("accounts-suggest");
    let w = mount_default(&org).await;
    w.type_into("email", "someone@gmail.com").await;
    sleep(300).await;
    assert!(w
        .root
        .query_selector(".thena-suggestion")
        .unwrap()
        .is_none());
    w.type_into("email", "new.person@acme.com").await;
    wait_for("the suggestion", || {
        w.root
            .query_selector(".thena-suggestion")
            .unwrap()
            .is_some()
    })
    .await;
    assert_eq!(
        w.text(".thena-suggestion"),
        "Add to Acme Corp (acme.com)? Add"
    );
    assert!(w.chips().is_empty(), "never added without a click");
    let add: HtmlElement = w.find(".thena-suggestion button").unchecked_into();
    add.click();
    leptos::task::tick().await;
    assert_eq!(w.chips(), ["Acme Corp"]);
    assert!(w
        .root
        .query_selector(".thena-suggestion")
        .unwrap()
        .is_none());
    // Another domain: a suggestion for it, or none.
    w.type_into("email", "new.person@initech.io").await;
    wait_for("the other suggestion", || {
        w.root
            .query_selector(".thena-suggestion")
            .unwrap()
            .is_some_and(|s| s.text_content().unwrap().contains("Initech"))
    })
    .await;
    w.type_into("email", "new.person@nowhere.example").await;
    sleep(300).await;
    assert!(w
        .root
        .query_selector(".thena-suggestion")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_host_search_function_finds_accounts_and_prefilled_ids_show_by_name() {
    use thena_add_contact::data::AccountSearch;
    use thena_add_contact::model::org::Account;
    let org = unique_org("accounts-host");
    let asked = Rc::new(std::cell::RefCell::new(Vec::new()));
    let log = asked.clone();
    let allow = Rc::new(Cell::new(false));
    let w = mount_shaped(&org, TokenSource::fixed("h"), allow, move |options| {
        options.values.values[thena_add_contact::model::field::Field::AccountIds] =
            "host_1\nunknown_9".into();
        options.account_search = AccountSearch::Host(Rc::new(move |query: String| {
            log.borrow_mut().push(query.clone());
            Box::pin(async move {
                let all = [
                    ("host_1", "Host One", "one.example"),
                    ("host_2", "Host Two", "two.example"),
                ];
                Some(
                    all.iter()
                        .filter(|(id, name, _)| {
                            name.to_lowercase().contains(&query.to_lowercase()) || *id == query
                        })
                        .map(|(id, name, domain)| Account {
                            id: id.to_string(),
                            name: name.to_string(),
                            primary_domain: Some(domain.to_string()),
                        })
                        .collect(),
                )
            })
        }));
    })
    .await;
    wait_for("the prefilled name", || {
        w.chips() == ["Host One", "unknown_9"]
    })
    .await;
    w.input_only("accountIds", "two").await;
    assert_eq!(suggestions(&w).await, ["Host Two (two.example)"]);
    assert!(!w.press("accountIds", "ArrowDown").await);
    assert!(!w.press("accountIds", "Enter").await);
    assert_eq!(w.chips(), ["Host One", "unknown_9", "Host Two"]);
    assert!(asked.borrow().contains(&"two".to_string()));
    assert!(stub_requests_at(&org, "/v1/search/accounts")
        .await
        .is_empty());
}

#[wasm_bindgen_test]
async fn without_a_working_search_the_picker_takes_typed_ids() {
    for (what, failure) in [
        ("server error", json!({"status": 503})),
        (
            "another shape",
            json!({"status": 200, "body": {"hits": [{"id": "x"}]}}),
        ),
    ] {
        let org = unique_org("accounts-no-search");
        let mut failure = failure;
        failure["times"] = json!(5);
        stub_next_at(&org, "/v1/search/accounts", failure).await;
        let w = mount_default(&org).await;
        w.input_only("accountIds", "A-77").await;
        assert_eq!(
            suggestions(&w).await,
            ["No account found. Press Enter to add “A-77” as an account ID."],
            "{what}"
        );
        assert!(!w.press("accountIds", "Enter").await);
        assert_eq!(w.chips(), ["A-77"], "{what}");
    }
    // Prefilled IDs that cannot be named show as IDs; the picker's row is there for them.
    let org = unique_org("accounts-prefilled");
    let allow = Rc::new(Cell::new(false));
    let w = mount_shaped(&org, TokenSource::fixed("p"), allow, |options| {
        options.values.values[thena_add_contact::model::field::Field::AccountIds] =
            "acc_acme\nacc_gone".into();
    })
    .await;
    wait_for("the prefilled name", || {
        w.chips() == ["Acme Corp", "acc_gone"]
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_form_unmounted_before_it_was_ready_does_nothing_afterwards() {
    // As a host that destroys a widget in the task that mounted it (a listener of its first
    // event): the work queued for `ready` (the organization's data, the names of prefilled
    // accounts) must find the form gone and do nothing.
    let org = unique_org("gone-early");
    let mut options = thena_add_contact::form::AddContactOptions::new(
        thena_add_contact::api::ApiConfig::new(STUB, &org).unwrap(),
        TokenSource::fixed("early"),
    );
    options.values.values[thena_add_contact::model::field::Field::AccountIds] = "acc_acme".into();
    options.values.values[thena_add_contact::model::field::Field::Email] =
        "jane.doe@acme.com".into();
    let (root, handle) = mount_raw(options);
    drop(handle);
    root.remove();
    sleep(300).await;
    for path in [CUSTOM_FIELDS, CONTACT_TYPES, "/v1/search/accounts"] {
        assert!(stub_requests_at(&org, path).await.is_empty(), "{path}");
    }
}

#[wasm_bindgen_test]
async fn definitions_nested_ten_thousand_deep_are_refused_not_a_crash() {
    // An `options` array nested 100,000 deep, as JSON.parse would hand over a hostile reply.
    let mut deep = wasm_bindgen::JsValue::from("x");
    for _ in 0..100_000 {
        let outer = js_sys::Array::new();
        outer.push(&deep);
        deep = outer.into();
    }
    let definition =
        js_options(json!({"uid": "cf_deep", "name": "Deep", "fieldType": "single_choice"}));
    js_sys::Reflect::set(&definition, &"options".into(), &deep).unwrap();
    let options = js_options(json!({"apiBase": STUB, "orgId": unique_org("deep"), "token": "t"}));
    js_sys::Reflect::set(
        &options,
        &"customFields".into(),
        &js_sys::Array::of1(&definition),
    )
    .unwrap();
    let element = document().create_element("div").unwrap();
    let refused = thena_add_contact::embed::mount_widget(element.into(), options, None, None);
    let message = js_sys::Reflect::get(
        &wasm_bindgen::JsValue::from(refused.err().expect("refused")),
        &"message".into(),
    )
    .unwrap()
    .as_string()
    .unwrap();
    assert!(
        message.starts_with("thena-add-contact: customFields[0]"),
        "{message}"
    );
}
