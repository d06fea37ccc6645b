//! What the browser tests share: mounting the real component into a fresh element, driving it
//! through DOM events, and steering and reading the stub API (started by
//! scripts/wasm-test-runner.sh). Each test uses its own organization id, so the stub keeps its
//! requests apart from every other test's.

#![allow(dead_code)] // each test binary uses its part

use futures::channel::oneshot;
use leptos::prelude::*;
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use thena_add_contact::api::ApiConfig;
use thena_add_contact::api::TokenSource;
use thena_add_contact::data::AccountSearch;
use thena_add_contact::form::{
    AddContactForm, AddContactOptions, Definitions, WidgetError, WidgetEvent,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement};

pub const STUB: &str = match option_env!("THENA_TEST_STUB_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8788",
};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits until `check` holds, for up to 5 s.
pub async fn wait_for(what: &str, check: impl Fn() -> bool) {
    for _ in 0..250 {
        if check() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for: {what}");
}

pub fn unique_org(name: &str) -> String {
    format!(
        "{name}-{}-{}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e9) as u64
    )
}

pub async fn stub_requests(org: &str) -> Vec<Value> {
    let response = gloo_net::http::Request::get(&format!("{STUB}/__stub/requests?org={org}"))
        .send()
        .await
        .expect("the stub API is not running");
    response.json().await.unwrap()
}

pub async fn stub_next(org: &str, misbehaviour: Value) {
    stub_next_at(org, "/v1/accounts/contacts", misbehaviour).await;
}

/// Makes the next request(s) of `org` to `path` misbehave.
pub async fn stub_next_at(org: &str, path: &str, misbehaviour: Value) {
    let response =
        gloo_net::http::Request::post(&format!("{STUB}/__stub/next?org={org}&path={path}"))
            .body(misbehaviour.to_string())
            .unwrap()
            .send()
            .await
            .expect("the stub API is not running");
    assert_eq!(response.status(), 200);
}

/// What the stub received from `org` at `path` (any method).
pub async fn stub_requests_at(org: &str, path: &str) -> Vec<Value> {
    let url = format!("{STUB}/__stub/requests?org={org}&path={path}");
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .expect("the stub API is not running");
    response.json().await.unwrap()
}

/// Forgets everything of `org`: its requests, misbehaviours, contacts and seed.
pub async fn stub_reset(org: &str) {
    let response = gloo_net::http::Request::post(&format!("{STUB}/__stub/reset?org={org}"))
        .send()
        .await
        .expect("the stub API is not running");
    assert_eq!(response.status(), 200);
}

/// Replaces parts of `org`'s seeded data (contactTypes, customFields, accounts, contacts).
pub async fn stub_seed(org: &str, seed: Value) {
    let response = gloo_net::http::Request::post(&format!("{STUB}/__stub/seed?org={org}"))
        .body(seed.to_string())
        .unwrap()
        .send()
        .await
        .expect("the stub API is not running");
    assert_eq!(response.status(), 200);
}

pub const CUSTOM_FIELDS: &str = "/v1/custom-field";
pub const CONTACT_TYPES: &str = "/v1/accounts/attributes";
pub const SEARCH: &str = "/v1/accounts/contacts/search";

/// The items the stub's seeded mandatory custom fields send with their defaults.
pub fn seeded_defaults() -> Value {
    json!([
        {"customFieldId": "cf_tier", "data": [{"value": "Silver"}]},
        {"customFieldId": "cf_channel", "data": [{"value": "Email"}]},
    ])
}

/// A mounted form and what it reported.
pub struct Widget {
    pub root: HtmlElement,
    pub events: Rc<RefCell<Vec<String>>>,
    /// The details of its `error` events.
    pub errors: Rc<RefCell<Vec<WidgetError>>>,
    pub _handle: Box<dyn std::any::Any>,
}

impl Drop for Widget {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Mounts a form for `org` and waits for its `ready` event, as a host would.
pub async fn mount(org: &str, cancel_submit: bool) -> Widget {
    let token = TokenSource::fixed(format!("token-{org}"));
    mount_shaped(org, token, Rc::new(Cell::new(cancel_submit)), |_| {}).await
}

/// Like [`mount`], with the host's token source, which only the create asks: the
/// organization's data is not loaded (the org has no custom fields) and emails are not looked
/// up.
pub async fn mount_with(org: &str, token: TokenSource, cancel_submit: bool) -> Widget {
    stub_seed(org, json!({"customFields": []})).await;
    let cancel = Rc::new(Cell::new(cancel_submit));
    mount_shaped(org, token, cancel, only_the_create).await
}

/// Options under which the form asks the API for nothing but the create.
pub fn only_the_create(options: &mut AddContactOptions) {
    options.contact_types = Definitions::Off;
    options.custom_fields = Definitions::Off;
    options.check_duplicates = false;
    options.account_search = AccountSearch::Off;
}

/// Mounts the real component into a fresh element of the page, with the widget's stylesheet.
pub fn mount_raw(options: AddContactOptions) -> (HtmlElement, Box<dyn std::any::Any>) {
    // The widget's own stylesheet, as a host page would load it.
    if document().get_element_by_id("thena-style").is_none() {
        let style = document().create_element("style").unwrap();
        style.set_id("thena-style");
        style.set_text_content(Some(include_str!("../../style/thena-add-contact.css")));
        document().head().unwrap().append_child(&style).unwrap();
    }
    let root: HtmlElement = document()
        .create_element("section")
        .unwrap()
        .unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <AddContactForm options /> }
    });
    (root, Box::new(handle))
}

/// Like [`mount_with`], with options the host sets (values, fields shown, texts, control);
/// the host stops a submit while `cancel` holds.
pub async fn mount_shaped(
    org: &str,
    token: TokenSource,
    cancel: Rc<Cell<bool>>,
    shape: impl FnOnce(&mut AddContactOptions),
) -> Widget {
    let events = Rc::new(RefCell::new(Vec::new()));
    let errors = Rc::new(RefCell::new(Vec::new()));
    let mut options = AddContactOptions::new(ApiConfig::new(STUB, org).unwrap(), token);
    shape(&mut options);
    let (log, error_log) = (events.clone(), errors.clone());
    options.on_event = Some(Rc::new(move |event| {
        log.borrow_mut().push(match &event {
            WidgetEvent::Ready => "ready".to_string(),
            WidgetEvent::Submit(_) => "submit".to_string(),
            WidgetEvent::Created(contact) if contact.recovered => {
                format!("recovered:{}", contact.email)
            }
            WidgetEvent::Created(contact) => format!("created:{}", contact.email),
            WidgetEvent::Error(error) => {
                error_log.borrow_mut().push((*error).clone());
                format!("error:{}", error.kind)
            }
            WidgetEvent::Duplicate(contact) => format!("duplicate:{}", contact.email),
        });
        !(cancel.get() && matches!(event, WidgetEvent::Submit(_)))
    }));
    let (root, handle) = mount_raw(options);
    let widget = Widget {
        root,
        events,
        errors,
        _handle: handle,
    };
    wait_for("ready event", || {
        widget.events.borrow().first().map(String::as_str) == Some("ready")
    })
    .await;
    widget.settled().await;
    widget
}

/// Proves that nothing more of `org`'s reached the service: a fresh widget creates a marker
/// contact, and once it is created the stub must hold `expected` requests before it, then the
/// marker (a request sent earlier would have arrived earlier). Returns the requests before it.
pub async fn only_requests_before_a_marker(org: &str, expected: usize) -> Vec<Value> {
    let marker = mount(org, false).await;
    marker.fill_valid("marker@example.com").await;
    marker.click_submit().await;
    marker.wait_state("created").await;
    let mut received = stub_requests(org).await;
    let last = received.pop().expect("the marker reached the stub");
    assert_eq!(last["body"]["email"], "marker@example.com");
    assert_eq!(
        received.len(),
        expected,
        "requests before the marker: {received:?}"
    );
    received
}

/// A token the test hands over when it chooses: the token source's future waits for it.
#[derive(Clone, Default)]
pub struct HeldToken {
    pub pending: Rc<RefCell<Vec<oneshot::Sender<String>>>>,
    pub calls: Rc<Cell<u32>>,
}

impl HeldToken {
    /// A token source whose first `immediate` calls answer at once ("t1", "t2"…) and whose
    /// later calls wait for [`HeldToken::release`].
    pub fn source(&self, immediate: u32) -> TokenSource {
        let held = self.clone();
        TokenSource::from_fn(move || {
            held.calls.set(held.calls.get() + 1);
            let call = held.calls.get();
            let (sender, receiver) = oneshot::channel();
            if call <= immediate {
                let _ = sender.send(format!("t{call}"));
            } else {
                held.pending.borrow_mut().push(sender);
            }
            Box::pin(async move { receiver.await.ok() })
        })
    }

    pub fn release(&self, token: &str) {
        for sender in self.pending.borrow_mut().drain(..) {
            let _ = sender.send(token.to_string());
        }
    }
}

impl Widget {
    /// Waits until the organization's data has arrived (or failed): the contact types can be
    /// chosen and no field is loading.
    pub async fn settled(&self) {
        // What was just done shows in the DOM after the view's effects have run.
        leptos::task::tick().await;
        wait_for("live data", || {
            !self.field("contactType").has_attribute("disabled")
                && !self.notes().iter().any(|n| n.starts_with("Loading"))
        })
        .await;
    }

    /// The notes about live data shown.
    pub fn notes(&self) -> Vec<String> {
        let notes = self
            .root
            .query_selector_all(".thena-live-note:not([hidden])")
            .unwrap();
        (0..notes.length())
            .filter_map(|i| notes.item(i)?.text_content())
            .collect()
    }

    /// Types into a field without leaving it (an `input` event only).
    pub async fn input_only(&self, name: &str, text: &str) {
        let input = self.field(name);
        let _ = input.focus();
        js_sys::Reflect::set(&input, &"value".into(), &text.into()).unwrap();
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input
            .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
        leptos::task::tick().await;
    }

    /// Pastes `text` into the field named `name`, as the clipboard would hand it over. Returns
    /// false, having done nothing, where the browser does not let a script fake a paste's data
    /// (Firefox drops `clipboardData` from a synthetic event).
    pub async fn paste_into(&self, name: &str, text: &str) -> bool {
        let input = self.field(name);
        let _ = input.focus();
        let data = web_sys::DataTransfer::new().unwrap();
        data.set_data("text/plain", text).unwrap();
        let init = web_sys::ClipboardEventInit::new();
        init.set_clipboard_data(Some(&data));
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
        let carried = event
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok());
        if carried.as_deref() != Some(text) {
            return false;
        }
        input.dispatch_event(&event).unwrap();
        leptos::task::tick().await;
        true
    }

    /// Adds an account ID in the picker as a person types one: once the search has found
    /// nothing, Enter.
    pub async fn add_account_id(&self, id: &str) {
        self.input_only("accountIds", id).await;
        wait_for("the search's answer", || {
            self.field("accountIds")
                .get_attribute("aria-expanded")
                .as_deref()
                == Some("true")
        })
        .await;
        assert!(!self.press("accountIds", "Enter").await);
    }

    /// Presses `key` in the field named `name`; returns whether the page let it through (no
    /// `preventDefault()`).
    pub async fn press(&self, name: &str, key: &str) -> bool {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        let allowed = self.field(name).dispatch_event(&event).unwrap();
        leptos::task::tick().await;
        allowed
    }

    /// Chooses `value` in the select named `name`, as a person would.
    pub async fn choose(&self, name: &str, value: &str) {
        let select = self.field(name);
        let _ = select.focus();
        js_sys::Reflect::set(&select, &"value".into(), &value.into()).unwrap();
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        for event in ["input", "change"] {
            select
                .dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap())
                .unwrap();
        }
        leptos::task::tick().await;
    }

    /// Clicks the radio or checkbox of `name` whose value is `value`.
    pub async fn click_option(&self, name: &str, value: &str) {
        let input: HtmlElement = self
            .find(&format!("[name=\"{name}\"][value=\"{value}\"]"))
            .unchecked_into();
        input.click();
        leptos::task::tick().await;
    }

    /// The chosen accounts, as their chips show them.
    pub fn chips(&self) -> Vec<String> {
        let chips = self.root.query_selector_all(".thena-chip > span").unwrap();
        (0..chips.length())
            .filter_map(|i| chips.item(i)?.text_content())
            .collect()
    }

    /// The texts of the options of the select named `name`, and which is selected.
    pub fn options_of(&self, name: &str) -> (Vec<String>, String) {
        let select: web_sys::HtmlSelectElement = self.field(name).unchecked_into();
        let options = select.options();
        let texts = (0..options.length())
            .filter_map(|i| options.item(i)?.text_content())
            .collect();
        (texts, select.value())
    }

    pub fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector}"))
    }

    pub fn field(&self, name: &str) -> HtmlElement {
        self.find(&format!("[name=\"{name}\"]")).unchecked_into()
    }

    pub fn value(&self, name: &str) -> String {
        js_sys::Reflect::get(&self.field(name), &"value".into())
            .unwrap()
            .as_string()
            .unwrap()
    }

    /// Types like a person: focus, new value, an `input` event, then leave the field.
    pub async fn type_into(&self, name: &str, text: &str) {
        self.input_only(name, text).await;
        self.field(name)
            .dispatch_event(&web_sys::FocusEvent::new("blur").unwrap())
            .unwrap();
        leptos::task::tick().await;
    }

    pub fn button(&self) -> HtmlElement {
        self.find("button.thena-submit").unchecked_into()
    }

    pub async fn click_submit(&self) {
        self.button().click();
        leptos::task::tick().await;
    }

    /// Whether a person can see the element (the widget's CSS is loaded for the tests).
    pub fn visible(&self, selector: &str) -> bool {
        let element: HtmlElement = self.find(selector).unchecked_into();
        element.offset_width() > 0 || element.offset_height() > 0
    }

    pub fn state(&self) -> String {
        self.find(".thena-add-contact")
            .get_attribute("data-state")
            .unwrap()
    }

    pub async fn wait_state(&self, state: &str) {
        wait_for(&format!("state {state}"), || self.state() == state).await;
    }

    pub fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }

    pub fn error_of(&self, name: &str) -> Option<String> {
        let field = self.field(name);
        let ids = field.get_attribute("aria-describedby").unwrap_or_default();
        ids.split(' ')
            .filter(|id| id.ends_with("-error"))
            .find_map(|id| document().get_element_by_id(id))
            .and_then(|e| e.text_content())
    }

    pub fn invalid(&self, name: &str) -> bool {
        self.field(name).get_attribute("aria-invalid").as_deref() == Some("true")
    }

    pub fn focused(&self) -> Option<String> {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("name").or_else(|| e.text_content()))
    }

    pub async fn fill_valid(&self, email: &str) {
        self.type_into("firstName", "Jane").await;
        self.type_into("email", email).await;
    }
}

/// Makes the browser report itself offline (`navigator.onLine` false) until [`come_online`], or
/// until the returned guard is dropped (so that a failing test leaves the next one online).
pub fn go_offline() -> OnlineAgain {
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"value".into(), &false.into()).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    let navigator = web_sys::window().unwrap().navigator();
    js_sys::Object::define_property(&navigator, &"onLine".into(), &descriptor);
    OnlineAgain
}

/// Ends [`go_offline`] when dropped.
pub struct OnlineAgain;

impl Drop for OnlineAgain {
    fn drop(&mut self) {
        let navigator = web_sys::window().unwrap().navigator();
        js_sys::Reflect::delete_property(&navigator, &"onLine".into()).unwrap();
    }
}

/// The browser is online again, and says so with the window's `online` event.
pub fn come_online() {
    let window = web_sys::window().unwrap();
    js_sys::Reflect::delete_property(&window.navigator(), &"onLine".into()).unwrap();
    window
        .dispatch_event(&web_sys::Event::new("online").unwrap())
        .unwrap();
}

/// The JavaScript entry point, called as the module calls it: options as a plain object.
pub fn js_options(options: Value) -> wasm_bindgen::JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&options, &serializer).unwrap()
}
