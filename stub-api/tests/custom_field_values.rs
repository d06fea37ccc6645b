//! A create's `customFieldValues`, checked against the seeded organization's custom fields:
//! every message, and one valid and invalid value for every field type.

mod common;

use axum::http::StatusCode;
use axum::Router;
use common::{call, create_request, mandatory_values, seed_org, value_of, Answer};
use serde_json::{json, Value};

/// A create body with `items` and values for the mandatory fields that `items` leaves out.
fn body_with(email: &str, items: Vec<Value>) -> Value {
    let mut values: Vec<Value> = mandatory_values()
        .into_iter()
        .filter(|m| {
            !items
                .iter()
                .any(|i| i["customFieldId"] == m["customFieldId"])
        })
        .collect();
    values.extend(items);
    json!({"firstName": "Ana", "email": email, "customFieldValues": values})
}

async fn create(app: &Router, org: &str, email: &str, items: Vec<Value>) -> Answer {
    call(app, create_request(org, &body_with(email, items))).await
}

/// A create with exactly these `customFieldValues`, for organizations with their own fields.
async fn create_exactly(app: &Router, org: &str, email: &str, items: Vec<Value>) -> Answer {
    let body = json!({"firstName": "Ana", "email": email, "customFieldValues": items});
    call(app, create_request(org, &body)).await
}

/// The messages of a create with exactly these `customFieldValues`.
async fn messages_for(items: Value) -> Vec<String> {
    let app = stub_api::app();
    let body = json!({"firstName": "Ana", "email": "ana@example.com", "customFieldValues": items});
    call(&app, create_request("cfv", &body)).await.messages()
}

/// Each of `valid` alone is taken (201); each of `invalid` alone gets exactly `message`.
async fn assert_field_takes(uid: &str, valid: &[&str], invalid: &[&str], message: &str) {
    let app = stub_api::app();
    for (i, value) in valid.iter().enumerate() {
        let answer = create(
            &app,
            "t",
            &format!("v{i}@example.com"),
            vec![value_of(uid, &[value])],
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::CREATED,
            "{uid} {value:?}: {}",
            answer.body
        );
    }
    for value in invalid {
        let answer = create(&app, "t", "bad@example.com", vec![value_of(uid, &[value])]).await;
        assert_eq!(answer.messages(), [message], "{uid} {value:?}");
    }
}

macro_rules! field_type_case {
    ($test:ident, $uid:literal, $valid:expr, $invalid:expr, $message:literal) => {
        #[tokio::test]
        async fn $test() {
            assert_field_takes($uid, &$valid, &$invalid, $message).await;
        }
    };
}

field_type_case!(
    integer_field,
    "cf_employees",
    ["-42", "0", "1000"],
    ["4.2", "12a", "", "+1", "1e3"],
    "Employee count must be an integer"
);
field_type_case!(
    decimal_field,
    "cf_score",
    ["-3.75", "42", "+0.5"],
    ["3,75", "1e3", "NaN", ".5", "Infinity"],
    "Health score must be a number"
);
field_type_case!(
    currency_field,
    "cf_revenue",
    ["1250000.50", "-10", "3.5"],
    ["12.345", "€12", "1,000.00"],
    "Annual revenue must be an amount with at most 2 decimals"
);
field_type_case!(
    date_field,
    "cf_birthday",
    ["2000-02-29", "2024-12-31"],
    ["2001-02-29", "31/12/2024", "2024-1-5", "2024-04-31"],
    "Birthday must be a date (YYYY-MM-DD)"
);
field_type_case!(
    date_time_field,
    "cf_last_call",
    [
        "2024-05-01T09:30",
        "2024-05-01T09:30:15",
        "2024-05-01T09:30:15.123Z",
        "2024-05-01T09:30:00+02:00"
    ],
    [
        "2024-05-01 09:30",
        "2024-05-01",
        "2024-05-01T24:00",
        "2024-05-01T09:30.5"
    ],
    "Last call must be a date and time"
);
field_type_case!(
    time_field,
    "cf_best_time",
    ["09:30", "23:59:59"],
    ["9:30 am", "24:00", "09:60", "0930"],
    "Best time to call must be a time (HH:MM)"
);
field_type_case!(
    single_choice_field,
    "cf_tier",
    ["Bronze", "Gold"],
    ["Platinum", "gold"],
    "Customer tier must be one of Bronze, Silver, Gold"
);
field_type_case!(
    radio_button_field,
    "cf_channel",
    ["Chat", "Phone"],
    ["Fax", "email"],
    "Preferred channel must be one of Email, Phone, Chat"
);
field_type_case!(
    checkbox_field,
    "cf_newsletter",
    ["true", "false"],
    ["yes", "1", "TRUE"],
    "Newsletter must be true or false"
);
field_type_case!(
    email_field,
    "cf_billing_email",
    ["billing@acme.com"],
    ["billing@", "acme.com", "a b@acme.com"],
    "Billing email must be an email"
);
field_type_case!(
    phone_number_field,
    "cf_mobile",
    ["+14155550123"],
    ["4155550123", "+1 415 555 0123", "+0123456789"],
    "Mobile must be a phone number with country code"
);
field_type_case!(
    url_field,
    "cf_linkedin",
    [
        "https://www.linkedin.com/in/jane",
        "http://example.com:8080/x?y#z"
    ],
    [
        "linkedin.com/in/jane",
        "ftp://example.com",
        "https://",
        "javascript:alert(1)"
    ],
    "LinkedIn must be a URL"
);
field_type_case!(
    ip_address_field,
    "cf_office_ip",
    ["192.168.0.1", "2001:db8::1"],
    ["300.1.1.1", "localhost", "10.0.0"],
    "Office IP must be an IP address"
);
field_type_case!(
    regex_for_validation,
    "cf_employee_id",
    ["AB-1234", "ZZ-0000"],
    ["ab-1234", "AB1234", "AB-12345", " AB-1234"],
    "Employee ID does not match the required format"
);

#[tokio::test]
async fn text_fields_and_unknown_types_take_any_string() {
    let app = stub_api::app();
    for (i, (uid, value)) in [
        ("cf_notes", "line one\nline two"),
        ("cf_notes", ""),
        ("cf_bio", "<p><b>Hi</b> <script>alert(1)</script></p>"),
        ("cf_badge", "#ff8800"),
        ("cf_badge", "not a colour at all"),
    ]
    .into_iter()
    .enumerate()
    {
        let answer = create(
            &app,
            "t",
            &format!("t{i}@example.com"),
            vec![value_of(uid, &[value])],
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::CREATED,
            "{uid} {value:?}: {}",
            answer.body
        );
    }
}

#[tokio::test]
async fn multi_choice_takes_several_options_none_twice() {
    let app = stub_api::app();
    for (i, values) in [vec!["Product"], vec!["Security", "Product", "Pricing"]]
        .into_iter()
        .enumerate()
    {
        let answer = create(
            &app,
            "t",
            &format!("m{i}@example.com"),
            vec![value_of("cf_interests", &values)],
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::CREATED,
            "{values:?}: {}",
            answer.body
        );
    }
    for values in [
        vec!["Product", "Product"],
        vec!["Sales"],
        vec!["Product", "Sales"],
    ] {
        let answer = create(
            &app,
            "t",
            "bad@example.com",
            vec![value_of("cf_interests", &values)],
        )
        .await;
        assert_eq!(
            answer.messages(),
            ["Interests must be one of Product, Pricing, Security"],
            "{values:?}"
        );
    }
}

#[tokio::test]
async fn other_fields_take_one_value() {
    let messages = messages_for(json!([
        value_of("cf_tier", &["Gold", "Silver"]),
        value_of("cf_channel", &["Email"]),
        value_of("cf_notes", &["a", "b"]),
    ]))
    .await;
    assert_eq!(
        messages,
        ["Customer tier takes one value", "Notes takes one value"]
    );
}

#[tokio::test]
async fn an_unknown_field_is_named_with_its_index() {
    let mut items = mandatory_values();
    items.push(value_of("cf_nope", &["x"]));
    assert_eq!(
        messages_for(json!(items)).await,
        ["customFieldValues.2.customFieldId cf_nope is not a custom field of this organization"]
    );
}

#[tokio::test]
async fn an_item_must_be_an_object_with_a_string_field_id() {
    let mut items = mandatory_values();
    items.extend([
        json!(1),
        json!({"data": [{"value": "x"}]}),
        json!({"customFieldId": 5, "data": [{"value": "x"}]}),
        json!("cf_notes"),
    ]);
    assert_eq!(
        messages_for(json!(items)).await,
        [
            "customFieldValues.2.customFieldId must be a string",
            "customFieldValues.3.customFieldId must be a string",
            "customFieldValues.4.customFieldId must be a string",
            "customFieldValues.5.customFieldId must be a string",
        ]
    );
    // Not an array at all is said once.
    let messages = messages_for(json!({"cf_tier": "Gold"})).await;
    assert_eq!(messages, ["customFieldValues must be an array of objects"]);
}

#[tokio::test]
async fn an_inactive_field_is_refused() {
    let mut items = mandatory_values();
    items.push(value_of("cf_legacy", &["L-1"]));
    assert_eq!(
        messages_for(json!(items)).await,
        ["Custom field legacy_code is not active"]
    );
}

#[tokio::test]
async fn mandatory_fields_are_required_by_slug() {
    let required = [
        "Custom field customer_tier is required",
        "Custom field preferred_channel is required",
    ];
    let app = stub_api::app();
    let answer = call(
        &app,
        create_request("m", &json!({"firstName": "A", "email": "a@b.co"})),
    )
    .await;
    assert_eq!(answer.messages(), required);
    assert_eq!(messages_for(json!([])).await, required);
    assert_eq!(messages_for(Value::Null).await, required);
    // A blank value is no value.
    assert_eq!(
        messages_for(json!([
            value_of("cf_tier", &["  "]),
            value_of("cf_channel", &["Chat"])
        ]))
        .await,
        ["Custom field customer_tier is required"]
    );
    // Values for other fields do not help.
    assert_eq!(
        messages_for(json!([value_of("cf_notes", &["hi"])])).await,
        required
    );
    // Without mandatory fields, no values are fine.
    seed_org(&app, "none", json!({"customFields": []})).await;
    let answer = call(
        &app,
        create_request("none", &json!({"firstName": "A", "email": "a@b.co"})),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
}

#[tokio::test]
async fn a_field_given_twice_is_said_once() {
    let mut items = mandatory_values();
    items.extend([
        value_of("cf_notes", &["a"]),
        value_of("cf_tier", &["Silver"]),
        value_of("cf_tier", &["Bronze"]),
    ]);
    assert_eq!(
        messages_for(json!(items)).await,
        ["Custom field customer_tier is given twice"]
    );
}

#[tokio::test]
async fn data_must_be_a_non_empty_list_of_value_objects() {
    let items = json!([
        {"customFieldId": "cf_tier"},
        {"customFieldId": "cf_channel", "data": "Email"},
        {"customFieldId": "cf_notes", "data": []},
        {"customFieldId": "cf_bio", "data": [{"value": 1}]},
        {"customFieldId": "cf_employees", "data": ["5"]},
        {"customFieldId": "cf_score", "data": [{"value": "1", "label": "one"}]},
        {"customFieldId": "cf_revenue", "data": null},
        {"customFieldId": "cf_birthday", "data": [{"value": "2000-01-01"}, {}]},
    ]);
    let expected: Vec<String> = [
        "customer_tier",
        "preferred_channel",
        "notes",
        "bio",
        "employee_count",
        "health_score",
        "annual_revenue",
        "birthday",
    ]
    .iter()
    .map(|slug| format!("Custom field {slug} needs data as [{{\"value\": \"…\"}}]"))
    .collect();
    assert_eq!(messages_for(items).await, expected);
}

#[tokio::test]
async fn an_item_has_no_other_members() {
    let mut items = mandatory_values();
    items.push(json!({"customFieldId": "cf_notes", "data": [{"value": "x"}], "metadata": {}}));
    assert_eq!(
        messages_for(json!(items)).await,
        ["customFieldValues.2.property metadata should not exist"]
    );
}

#[tokio::test]
async fn all_problems_come_at_once_in_order() {
    let app = stub_api::app();
    let body = json!({
        "firstName": "",
        "email": "ana@example.com",
        "contactType": "CT_NOPE",
        "customFieldValues": [
            value_of("cf_employees", &["many"]),
            value_of("cf_nope", &["x"]),
            value_of("cf_legacy", &["x"]),
            value_of("cf_channel", &["Fax"]),
        ],
    });
    let answer = call(&app, create_request("all", &body)).await;
    assert_eq!(
        answer.messages(),
        [
            "firstName should not be empty",
            "contactType must be a valid contact type id",
            "Employee count must be an integer",
            "customFieldValues.1.customFieldId cf_nope is not a custom field of this organization",
            "Custom field legacy_code is not active",
            "Preferred channel must be one of Email, Phone, Chat",
            "Custom field customer_tier is required",
        ]
    );
    answer.assert_readable_cross_origin();
    // Nothing was created.
    let answer = call(
        &app,
        create_request("all", &body_with("ana@example.com", vec![])),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
}

#[tokio::test]
async fn a_value_for_every_field_type_is_created() {
    let app = stub_api::app();
    let items = vec![
        value_of("cf_tier", &["Silver"]),
        value_of("cf_channel", &["Phone"]),
        value_of("cf_employee_id", &["AB-1234"]),
        value_of("cf_notes", &["Prefers mornings.\nAsk for Jane."]),
        value_of("cf_bio", &["<p>Head of IT</p>"]),
        value_of("cf_employees", &["250"]),
        value_of("cf_score", &["87.5"]),
        value_of("cf_revenue", &["1250000.00"]),
        value_of("cf_birthday", &["1990-07-14"]),
        value_of("cf_last_call", &["2024-05-01T09:30:00Z"]),
        value_of("cf_best_time", &["10:00"]),
        value_of("cf_interests", &["Product", "Security"]),
        value_of("cf_newsletter", &["true"]),
        value_of("cf_billing_email", &["billing@acme.com"]),
        value_of("cf_mobile", &["+14155550123"]),
        value_of("cf_linkedin", &["https://www.linkedin.com/in/jane"]),
        value_of("cf_office_ip", &["203.0.113.7"]),
        value_of("cf_badge", &["#ff8800"]),
    ];
    let answer = create(&app, "every", "every@example.com", items.clone()).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let stored: Vec<Value> = answer.json()["customFieldValues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| serde_json::from_str(v.as_str().unwrap()).unwrap())
        .collect();
    assert_eq!(stored, items);
}

#[tokio::test]
async fn an_invalid_pattern_in_a_definition_is_ignored() {
    let app = stub_api::app();
    seed_org(
        &app,
        "rx",
        json!({"customFields": [
            {"uid": "f1", "name": "Code", "slug": "code", "fieldType": "single_line", "regexForValidation": "(["},
            {"uid": "f2", "name": "Zip", "slug": "zip", "fieldType": "integer", "regexForValidation": "^\\d{5}$"}
        ]}),
    )
    .await;
    let answer = create_exactly(
        &app,
        "rx",
        "a@example.com",
        vec![value_of("f1", &["anything"])],
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    // The type is checked first, then the pattern: one message each.
    let answer = create_exactly(&app, "rx", "b@example.com", vec![value_of("f2", &["12a"])]).await;
    assert_eq!(answer.messages(), ["Zip must be an integer"]);
    let answer = create_exactly(&app, "rx", "b@example.com", vec![value_of("f2", &["1234"])]).await;
    assert_eq!(
        answer.messages(),
        ["Zip does not match the required format"]
    );
}

#[tokio::test]
async fn options_may_be_value_objects() {
    let app = stub_api::app();
    seed_org(
        &app,
        "opts",
        json!({"customFields": [{"uid": "f1", "name": "Size", "slug": "size", "fieldType": "single_choice",
                                 "options": [{"value": "S"}, "M", {"value": "L", "label": "Large"}, 7],
                                 "mandatoryOnCreation": true}]}),
    )
    .await;
    for (i, size) in ["S", "M", "L"].into_iter().enumerate() {
        let answer = create_exactly(
            &app,
            "opts",
            &format!("{i}@example.com"),
            vec![value_of("f1", &[size])],
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::CREATED,
            "{size}: {}",
            answer.body
        );
    }
    let answer = create_exactly(&app, "opts", "x@example.com", vec![value_of("f1", &["XL"])]).await;
    assert_eq!(answer.messages(), ["Size must be one of S, M, L"]);
    let answer = create_exactly(&app, "opts", "x@example.com", vec![]).await;
    assert_eq!(answer.messages(), ["Custom field size is required"]);
}
