//! What crosses from the host page and the network into the widget, read in the browser: the
//! host's values through `embed::host_value` (plain objects only, errors by path and kind), and
//! URLs through the browser's own parser (where the token may go; the URLs a field accepts).

#![cfg(target_arch = "wasm32")]

use serde_json::json;
use thena_add_contact::embed::option_error::read;
use thena_add_contact::embed::options::{ContactValues, MountOptions};
use thena_add_contact::model::field_error::FieldError;
use thena_add_contact::rules::avatar_url;
use thena_add_contact::ApiConfig;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A JavaScript value made by the page's own `eval`: class instances, `Map`s, getters.
fn js(source: &str) -> JsValue {
    js_sys::eval(&format!("({source})")).expect("the test's JavaScript runs")
}

/// What reading `value` as the host's `values` says: `Ok` or the message.
fn values(value: JsValue) -> Result<ContactValues, String> {
    read::<ContactValues>(value, "values").map_err(|e| e.0)
}

fn options_error(value: JsValue) -> String {
    match read::<MountOptions>(value, "options") {
        Ok(_) => "read".into(),
        Err(error) => error.0,
    }
}

#[wasm_bindgen_test]
fn a_plain_object_is_read_from_this_frame_another_frame_or_without_a_prototype() {
    assert_eq!(
        values(js(r#"{firstName: "Ada"}"#))
            .unwrap()
            .first_name
            .as_deref(),
        Some("Ada")
    );
    // Made from defaults: still a plain object (its own members are read).
    let derived = js(r#"Object.assign(Object.create({theme: "dark"}), {firstName: "Grace"})"#);
    assert_eq!(
        values(derived).unwrap().first_name.as_deref(),
        Some("Grace")
    );
    let bare = js(r#"Object.assign(Object.create(null), {email: "ada@example.com"})"#);
    assert_eq!(
        values(bare).unwrap().email.as_deref(),
        Some("ada@example.com")
    );
    // An object made by another frame's Object (a host that keeps its state in an iframe).
    let frame: web_sys::HtmlIFrameElement = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("iframe")
        .unwrap()
        .unchecked_into();
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap()
        .append_child(&frame)
        .unwrap();
    let other = frame.content_window().unwrap();
    let object = js_sys::Reflect::get(&other, &"Object".into()).unwrap();
    let made: js_sys::Function = object.unchecked_into();
    let value = made.call0(&JsValue::NULL).unwrap();
    js_sys::Reflect::set(&value, &"lastName".into(), &"Lovelace".into()).unwrap();
    assert_eq!(
        values(value).unwrap().last_name.as_deref(),
        Some("Lovelace")
    );
    frame.remove();
}

#[wasm_bindgen_test]
fn a_map_a_date_or_a_class_instance_is_refused_not_read_as_empty() {
    let cases = [
        (r#"new Map([["firstName", "Ada"]])"#, "a Map"),
        ("new Date(0)", "a Date"),
        (
            r#"new (class Contact { constructor() { this.firstName = "Ada"; } })()"#,
            "a Contact",
        ),
        ("[1, 2]", "an array"),
    ];
    for (source, kind) in cases {
        assert_eq!(
            values(js(source)).unwrap_err(),
            format!("values must be an object, not {kind}"),
            "{source}"
        );
    }
    // Deeper down, the path says where.
    let nested = js(r#"{values: {firstName: new Date(0)}}"#);
    assert_eq!(
        options_error(nested),
        "values.firstName must be a string, not a Date"
    );
}

#[wasm_bindgen_test]
fn every_error_names_its_path_and_what_was_wrong() {
    for (value, said) in [
        (json!({"orgId": "o", "token": "t"}), "apiBase is required"),
        (
            json!({"apiBase": "x", "orgId": "o", "values": {"accountIds": ["A1", 2]}}),
            "values.accountIds[1] must be a string, not number `2`",
        ),
        (
            json!({"apiBase": "x", "orgId": "o", "values": {"customFieldValues": [{"data": [{}]}]}}),
            "values.customFieldValues[0].data[0].value is required",
        ),
        (
            json!({"apiBase": "x", "orgId": "o", "theme": "pink"}),
            "theme must be \"light\", \"dark\" or \"auto\", not \"pink\"",
        ),
        (
            json!({"apiBase": "x", "orgId": "o", "strings": {"submit": 5}}),
            "strings.submit must be a string, not number `5`",
        ),
    ] {
        let value = js_sys::JSON::parse(&value.to_string()).unwrap();
        assert_eq!(options_error(value), said);
    }
    // A getter that throws is an error like any other (reading the options' members runs it).
    let throwing =
        js(r#"{apiBase: "x", orgId: "o", get values() { throw new Error("no values here"); }}"#);
    assert_eq!(
        options_error(throwing),
        "options: could not be read (no values here)"
    );
}

#[wasm_bindgen_test]
fn the_browsers_url_parser_decides_where_the_token_may_go() {
    assert!(ApiConfig::new("https://platform.thena.ai/", "o").is_ok());
    assert!(ApiConfig::new("http://localhost:8787", "o").is_ok());
    assert!(ApiConfig::new("HTTP://[::1]:80", "o").is_ok());
    // 0x7f.1 is 127.0.0.1 to a browser: local.
    assert!(ApiConfig::new("http://0x7f.1:8787", "o").is_ok());
    for bad in [
        "http://platform.thena.ai",
        "http://localhost.evil.com",
        "platform.thena.ai",
        "javascript:alert(1)",
        "https://",
        "https://exa mple.com",
        "https://a.com/?x",
        "http://evil.com\\@localhost",
        "http://[::1]@evil.com",
        "http://localhost@evil.com",
        "https://user:secret@platform.thena.ai",
        "http://127.0.0.1.evil.com",
        "https:platform.thena.ai",
    ] {
        let error = ApiConfig::new(bad, "o").unwrap_err();
        assert!(error.0.contains("apiBase"), "{bad}: {error}");
    }
}

#[wasm_bindgen_test]
fn a_url_field_refuses_what_the_browser_refuses() {
    assert_eq!(
        avatar_url("https://a:99999/x.png"),
        Err(FieldError::UrlInvalidPort)
    );
    assert_eq!(
        avatar_url("https://\u{f44d2}/x.png"),
        Err(FieldError::UrlMissingHost)
    );
    assert!(avatar_url("https://bücher.example/a.png").is_ok());
    assert!(avatar_url("http://[::1]:8080/a.png").is_ok());
}
