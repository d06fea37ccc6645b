//! The platform's read endpoints, in-process: contact types, custom fields, contact search,
//! accounts and account search, with their auth, shapes and paging.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{api_get, call, create_request, get, minimal, seed_org};
use serde_json::{json, Value};

const READS: [&str; 5] = [
    "/v1/accounts/attributes?attribute=contact_type",
    "/v1/custom-field?source=customer_contact",
    "/v1/accounts/contacts/search?email=jane.doe@acme.com",
    "/v1/accounts",
    "/v1/search/accounts?q=acme",
];

fn ids(items: &Value, key: &str) -> Vec<String> {
    items
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {items}"))
        .iter()
        .map(|i| i[key].as_str().unwrap().to_string())
        .collect()
}

/// Milliseconds since the epoch of a time as the platform writes it, ISO 8601 in UTC to the
/// millisecond (`2026-11-29T19:30:00.123Z`); panics on any other form.
fn epoch_millis(iso: &str) -> i64 {
    let shape: String = iso
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect();
    assert_eq!(shape, "0000-00-00T00:00:00.000Z", "{iso}");
    let n = |from: usize, to: usize| iso[from..to].parse::<i64>().unwrap();
    let (month, day) = (n(5, 7), n(8, 10));
    // Days from civil (Howard Hinnant's algorithm), the years starting in March.
    let year = n(0, 4) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    (((days * 24 + n(11, 13)) * 60 + n(14, 16)) * 60 + n(17, 19)) * 1000 + n(20, 23)
}

/// Milliseconds since the epoch, now.
fn now_millis() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    i64::try_from(now.as_millis()).unwrap()
}

/// The custom fields listed by this query, after checking the wrapper.
async fn custom_fields(app: &axum::Router, org: &str, query: &str) -> Value {
    let answer = call(app, api_get(org, &format!("/v1/custom-field?{query}"))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let body = answer.json();
    assert_eq!(body["status"], true);
    assert_eq!(body["message"], "Custom fields fetched successfully");
    body["data"].clone()
}

/// The hits' ids and `found` of an account search.
async fn search_accounts(app: &axum::Router, query: &str) -> (Vec<String>, u64) {
    let answer = call(app, api_get("sa", &format!("/v1/search/accounts?{query}"))).await;
    assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.body);
    let result = answer.json()["result"].clone();
    let hits: Vec<Value> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["document"].clone())
        .collect();
    (ids(&json!(hits), "id"), result["found"].as_u64().unwrap())
}

#[tokio::test]
async fn every_read_needs_a_token_and_an_org() {
    let app = stub_api::app();
    for uri in READS {
        let answer = call(&app, get(uri)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_eq!(
            answer.json(),
            json!({"statusCode": 401, "message": "Unauthorized", "error": "Unauthorized"})
        );
        answer.assert_readable_cross_origin();

        let empty_token = Request::get(uri)
            .header("Authorization", "Bearer  ")
            .header("x-org-id", "o")
            .body(Body::empty())
            .unwrap();
        let answer = call(&app, empty_token).await;
        assert_eq!(answer.json()["message"], "Unauthorized", "{uri}");

        let answer = call(&app, api_get("", uri)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_eq!(
            answer.json()["message"],
            "Organization ID (x-org-id) is required"
        );

        let answer = call(&app, api_get("o", uri)).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
        assert_eq!(
            answer.header("content-type"),
            "application/json; charset=utf-8"
        );
        assert!(!answer.header("x-ratelimit-remaining").is_empty(), "{uri}");
        answer.assert_readable_cross_origin();
    }
}

#[tokio::test]
async fn contact_types_are_the_platform_defaults_wrapped() {
    let app = stub_api::app();
    let answer = call(
        &app,
        api_get("ct", "/v1/accounts/attributes?attribute=contact_type"),
    )
    .await;
    let body = answer.json();
    assert_eq!(body["status"], true);
    assert_eq!(body["message"], "Attributes fetched successfully");
    assert_eq!(body["timestamp"].as_str().unwrap().len(), 24);
    let types = &body["data"];
    assert_eq!(
        ids(types, "id"),
        [
            "CT_PRIMARY",
            "CT_BILLING",
            "CT_LEGAL",
            "CT_EXECUTIVE",
            "CT_OTHER"
        ]
    );
    assert_eq!(
        ids(types, "value"),
        ["PRIMARY", "BILLING", "LEGAL", "EXECUTIVE", "OTHER"]
    );
    let defaults: Vec<bool> = types
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["isDefault"].as_bool().unwrap())
        .collect();
    assert_eq!(defaults, [true, false, false, false, false]);
    let primary = &types[0];
    assert_eq!(primary["attribute"], "contact_type");
    assert_eq!(primary["configuration"], json!({}));
    assert_eq!(primary["createdAt"].as_str().unwrap().len(), 24);
    assert_eq!(primary["updatedAt"], primary["createdAt"]);

    for uri in [
        "/v1/accounts/attributes",
        "/v1/accounts/attributes?attribute=industry",
    ] {
        let answer = call(&app, api_get("ct", uri)).await;
        assert_eq!(
            answer.messages(),
            ["attribute must be one of the following values: contact_type"],
            "{uri}"
        );
    }
}

#[tokio::test]
async fn custom_fields_are_the_seeded_nineteen_in_order_wrapped() {
    let app = stub_api::app();
    let fields = custom_fields(&app, "cf", "source=customer_contact&limit=&page=").await;
    assert_eq!(
        ids(&fields, "uid"),
        [
            "cf_tier",
            "cf_channel",
            "cf_employee_id",
            "cf_notes",
            "cf_bio",
            "cf_employees",
            "cf_score",
            "cf_revenue",
            "cf_birthday",
            "cf_last_call",
            "cf_best_time",
            "cf_interests",
            "cf_newsletter",
            "cf_billing_email",
            "cf_mobile",
            "cf_linkedin",
            "cf_office_ip",
            "cf_legacy",
            "cf_badge"
        ]
    );
    assert_eq!(
        ids(&fields, "fieldType"),
        [
            "single_choice",
            "radio_button",
            "single_line",
            "multi_line",
            "rich_text",
            "integer",
            "decimal",
            "currency",
            "date",
            "date_time",
            "time",
            "multi_choice",
            "checkbox",
            "email",
            "phone_number",
            "url",
            "ip_address",
            "single_line",
            "colour_picker"
        ]
    );
    let tier = &fields[0];
    let created = tier["createdAt"].clone();
    assert_eq!(
        tier,
        &json!({
            "uid": "cf_tier", "name": "Customer tier", "slug": "customer_tier",
            "organizationId": "cf", "source": "customer_contact", "fieldType": "single_choice",
            "options": ["Bronze", "Silver", "Gold"], "metadata": {}, "isActive": true,
            "teamId": null, "autoAddToAllForms": true, "hintText": "Decides the support plan.",
            "placeholderText": null, "mandatoryOnCreation": true, "mandatoryOnClose": false,
            "visibleToCustomer": false, "editableByCustomer": false, "defaultValue": "Silver",
            "createdAt": created, "updatedAt": created
        })
    );
    assert_eq!(fields[1]["options"], json!(["Email", "Phone", "Chat"]));
    assert_eq!(fields[1]["mandatoryOnCreation"], true);
    assert_eq!(fields[1]["defaultValue"], "Email");
    let employee_id = &fields[2];
    assert_eq!(employee_id["regexForValidation"], r"^[A-Z]{2}-\d{4}$");
    assert_eq!(employee_id["placeholderText"], "AB-1234");
    assert_eq!(
        employee_id["hintText"],
        "Two capital letters, a dash and four digits, like AB-1234."
    );
    assert_eq!(
        fields[3]["placeholderText"],
        "Anything the team should know"
    );
    assert_eq!(
        fields[11]["options"],
        json!(["Product", "Pricing", "Security"])
    );
    for (i, field) in fields.as_array().unwrap().iter().enumerate() {
        // Only the employee id has a pattern; only the two first are mandatory.
        assert_eq!(field.get("regexForValidation").is_some(), i == 2, "{field}");
        assert_eq!(field["mandatoryOnCreation"], i < 2, "{field}");
        assert_eq!(field["isActive"], i != 17, "{field}");
        if ![0, 1, 11].contains(&i) {
            assert_eq!(field["options"], json!([]), "{field}");
            assert_eq!(field["defaultValue"], Value::Null, "{field}");
        }
    }
    assert_eq!(fields[17]["slug"], "legacy_code");
    assert_eq!(fields[18]["slug"], "badge_colour");

    // Another source, or none, has no fields here.
    for query in ["source=customer", "source=", "limit=5"] {
        assert_eq!(custom_fields(&app, "cf", query).await, json!([]), "{query}");
    }
}

#[tokio::test]
async fn custom_fields_come_in_0_based_pages_of_at_most_100() {
    let app = stub_api::app();
    let many: Vec<Value> = (0..250)
        .map(|i| json!({"uid": format!("f{i:03}"), "name": format!("Field {i}"), "slug": format!("f{i:03}"), "fieldType": "single_line"}))
        .collect();
    seed_org(&app, "many", json!({"customFields": many})).await;
    let page = |n: u32, limit: &str| format!("source=customer_contact&limit={limit}&page={n}");
    let mut seen = Vec::new();
    for (n, size) in [(0, 100), (1, 100), (2, 50), (3, 0), (9, 0)] {
        let fields = custom_fields(&app, "many", &page(n, "100")).await;
        assert_eq!(fields.as_array().unwrap().len(), size, "page {n}");
        seen.extend(ids(&fields, "uid"));
    }
    let expected: Vec<String> = (0..250).map(|i| format!("f{i:03}")).collect();
    assert_eq!(seen, expected);
    // The limit is capped at 100 and is 20 by default; the page is 0 by default.
    let capped = custom_fields(&app, "many", &page(0, "500")).await;
    assert_eq!(capped.as_array().unwrap().len(), 100);
    let default = custom_fields(&app, "many", "source=customer_contact").await;
    assert_eq!(ids(&default, "uid")[..], expected[..20]);
    let second = custom_fields(&app, "many", "source=customer_contact&page=1").await;
    assert_eq!(ids(&second, "uid")[..], expected[20..40]);

    for (query, message) in [
        ("limit=ten", "limit must be an integer number"),
        ("page=1.5", "page must be an integer number"),
        ("page=-1", "page must not be less than 0"),
        ("limit=0", "limit must not be less than 1"),
    ] {
        let answer = call(
            &app,
            api_get(
                "many",
                &format!("/v1/custom-field?source=customer_contact&{query}"),
            ),
        )
        .await;
        assert_eq!(answer.messages(), [message], "{query}");
    }
}

#[tokio::test]
async fn contact_search_is_an_exact_email_match_and_a_bare_array() {
    let app = stub_api::app();
    let search = |org: &str, email: &str| {
        api_get(org, &format!("/v1/accounts/contacts/search?email={email}"))
    };
    let answer = call(&app, search("cs", "JANE.DOE%40Acme.com")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let found = answer.json();
    assert_eq!(ids(&found, "id"), ["ct_seed_jane"]);
    let jane = &found[0];
    for (key, value) in [
        ("firstName", json!("Jane")),
        ("lastName", json!("Doe")),
        ("email", json!("jane.doe@acme.com")),
        ("phoneNumber", Value::Null),
        ("avatarUrl", Value::Null),
        ("accounts", json!(["acc_acme"])),
        ("contactTypeId", json!("CT_PRIMARY")),
        ("contactType", json!("PRIMARY")),
        ("customFieldValues", json!([])),
        ("metadata", json!({})),
    ] {
        assert_eq!(jane[key], value, "{key}");
    }
    assert_eq!(jane["createdAt"].as_str().unwrap().len(), 24);
    // Surrounding spaces do not count; a part of an email is no match.
    assert_eq!(
        ids(
            &call(&app, search("cs", "%20jane.doe@acme.com%20"))
                .await
                .json(),
            "id"
        ),
        ["ct_seed_jane"]
    );
    for partial in ["jane", "acme.com", "jane.doe@acme.co"] {
        assert_eq!(
            call(&app, search("cs", partial)).await.body,
            "[]",
            "{partial}"
        );
    }

    // A created contact is found, in the created shape; other organizations don't see it.
    let created = call(
        &app,
        create_request("cs", &minimal("Ana", "Ana@Example.com")),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let found = call(&app, search("cs", "ana@example.com")).await.json();
    assert_eq!(found, json!([created.json()]));
    assert_eq!(
        call(&app, search("other", "ana@example.com")).await.body,
        "[]"
    );

    for uri in [
        "/v1/accounts/contacts/search",
        "/v1/accounts/contacts/search?email=",
        "/v1/accounts/contacts/search?email=%20",
    ] {
        let answer = call(&app, api_get("cs", uri)).await;
        assert_eq!(
            answer.json()["message"],
            json!(["email should not be empty"]),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn accounts_are_listed_in_data_and_paged_from_0() {
    let app = stub_api::app();
    let answer = call(&app, api_get("acc", "/v1/accounts")).await;
    let body = answer.json();
    assert_eq!(body.as_object().unwrap().len(), 1, "only data: {body}");
    let accounts = &body["data"];
    assert_eq!(
        ids(accounts, "id"),
        [
            "acc_acme",
            "acc_globex",
            "acc_initech",
            "acc_labs",
            "acc_umbrella"
        ]
    );
    assert_eq!(
        ids(accounts, "name"),
        [
            "Acme Corp",
            "Globex Corporation",
            "Initech",
            "<img src=x onerror=alert(1)> Labs",
            "Umbrella Health"
        ]
    );
    let acme = &accounts[0];
    let created = acme["createdAt"].clone();
    assert_eq!(
        acme,
        &json!({"id": "acc_acme", "name": "Acme Corp", "primaryDomain": "acme.com",
                "status": "ACTIVE", "classification": "CUSTOMER", "accountOwner": null,
                "createdAt": created, "updatedAt": created})
    );
    assert_eq!(accounts[2]["primaryDomain"], "initech.io");
    assert_eq!(accounts[4]["primaryDomain"], Value::Null);

    for (query, expected) in [
        ("page=0&limit=2", vec!["acc_acme", "acc_globex"]),
        ("page=1&limit=2", vec!["acc_initech", "acc_labs"]),
        ("page=2&limit=2", vec!["acc_umbrella"]),
        ("page=3&limit=2", vec![]),
    ] {
        let answer = call(&app, api_get("acc", &format!("/v1/accounts?{query}"))).await;
        assert_eq!(ids(&answer.json()["data"], "id"), expected, "{query}");
    }
    let answer = call(&app, api_get("acc", "/v1/accounts?page=x")).await;
    assert_eq!(answer.messages(), ["page must be an integer number"]);
}

#[tokio::test]
async fn account_search_by_name_domain_and_ids() {
    let app = stub_api::app();
    let answer = call(&app, api_get("sa", "/v1/search/accounts?q=glob")).await;
    assert_eq!(
        answer.json(),
        json!({"result": {"found": 1, "page": 1, "hits": [
            {"document": {"id": "acc_globex", "name": "Globex Corporation", "primaryDomain": "globex.com"}}
        ]}})
    );
    let all = [
        "acc_acme",
        "acc_globex",
        "acc_initech",
        "acc_labs",
        "acc_umbrella",
    ];
    for (query, expected) in [
        ("q=ACME&query_by=name", vec!["acc_acme"]),
        ("q=.io&query_by=primaryDomain", vec!["acc_initech"]),
        ("q=initech.io&query_by=name", vec![]),
        (
            "q=initech.io&query_by=name,%20primaryDomain",
            vec!["acc_initech"],
        ),
        ("q=health", vec!["acc_umbrella"]),
        ("q=health&query_by=primaryDomain", vec![]),
        ("q=onerror", vec!["acc_labs"]),
        ("q=*", all.to_vec()),
        ("q=", all.to_vec()),
        ("", all.to_vec()),
        ("q=*&query_by=primaryDomain", all.to_vec()),
        (
            "q=*&filter_by=id:[acc_acme,acc_labs]",
            vec!["acc_acme", "acc_labs"],
        ),
        (
            "q=*&filter_by=id:%5Bacc_acme,%20acc_labs%5D",
            vec!["acc_acme", "acc_labs"],
        ),
        ("q=labs&filter_by=id:[acc_acme,acc_labs]", vec!["acc_labs"]),
        ("q=*&filter_by=id:=acc_globex", vec!["acc_globex"]),
        ("q=*&filter_by=id:=[`acc_globex`]", vec!["acc_globex"]),
        ("q=*&filter_by=id:[nobody]", vec![]),
    ] {
        let (hits, found) = search_accounts(&app, query).await;
        assert_eq!(hits, expected, "{query}");
        assert_eq!(found, expected.len() as u64, "{query}");
    }
    let labs = call(&app, api_get("sa", "/v1/search/accounts?q=labs"))
        .await
        .json();
    assert_eq!(
        labs["result"]["hits"][0]["document"]["name"],
        "<img src=x onerror=alert(1)> Labs"
    );

    // Typesense pages: 1-based, 10 a page by default, at most 250.
    let (hits, found) = search_accounts(&app, "q=*&per_page=2&page=2").await;
    assert_eq!(
        (hits, found),
        (vec!["acc_initech".to_string(), "acc_labs".to_string()], 5)
    );
    let (hits, _) = search_accounts(&app, "q=*&per_page=2&page=4").await;
    assert!(hits.is_empty());
    let answer = call(
        &app,
        api_get("sa", "/v1/search/accounts?q=*&per_page=2&page=3"),
    )
    .await;
    assert_eq!(answer.json()["result"]["page"], 3);
    seed_org(
        &app,
        "sa300",
        json!({"accounts": (0..300).map(|i| json!({"id": format!("a{i}"), "name": format!("Account {i}")})).collect::<Vec<_>>()}),
    )
    .await;
    for (query, size) in [("q=account", 10), ("q=account&per_page=1000", 250)] {
        let answer = call(
            &app,
            api_get("sa300", &format!("/v1/search/accounts?{query}")),
        )
        .await;
        let result = &answer.json()["result"];
        assert_eq!(result["found"], 300, "{query}");
        assert_eq!(result["hits"].as_array().unwrap().len(), size, "{query}");
    }

    for (query, message) in [
        (
            "q=a&query_by=name,industry",
            "Could not find a field named `industry` in the schema.",
        ),
        ("q=a&page=0", "page must not be less than 1"),
        ("q=a&per_page=many", "per_page must be an integer number"),
    ] {
        let answer = call(&app, api_get("sa", &format!("/v1/search/accounts?{query}"))).await;
        assert_eq!(answer.messages(), [message], "{query}");
    }
    let answer = call(
        &app,
        api_get("sa", "/v1/search/accounts?q=a&filter_by=name:acme"),
    )
    .await;
    assert!(answer.messages()[0].starts_with("Could not parse the filter query"));
}

#[tokio::test]
async fn searched_contacts_carry_their_creation_time_to_the_millisecond() {
    assert_eq!(epoch_millis("1970-01-01T00:00:00.000Z"), 0);
    assert_eq!(epoch_millis("2000-02-29T23:59:59.999Z"), 951_868_799_999);
    assert_eq!(epoch_millis("2026-11-29T19:30:00.123Z"), 1_795_980_600_123);
    // Real milliseconds, not a whole second written .000.
    let drift = (epoch_millis(&stub_api::iso_now()) - now_millis()).abs();
    assert!(drift < 100, "iso_now is {drift} ms off");

    let app = stub_api::app();
    let search =
        |email: &str| api_get("ca", &format!("/v1/accounts/contacts/search?email={email}"));
    let created = call(
        &app,
        create_request("ca", &minimal("Ana", "ana@example.com")),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let found = call(&app, search("ana@example.com")).await.json();
    let created_at = found[0]["createdAt"].as_str().unwrap();
    let age = now_millis() - epoch_millis(created_at);
    assert!(
        (0..5000).contains(&age),
        "created {age} ms ago: {created_at}"
    );
    assert_eq!(created_at, created.json()["createdAt"]);
    assert_eq!(found[0]["updatedAt"], created_at);

    // The seeded contact too, from when the organization was first used.
    let found = call(&app, search("jane.doe@acme.com")).await.json();
    let age = now_millis() - epoch_millis(found[0]["createdAt"].as_str().unwrap());
    assert!((0..5000).contains(&age), "seeded {age} ms ago: {found}");
}
