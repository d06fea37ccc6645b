//! The JavaScript-facing surface: `mount(element, options)`, options parsing and the DOM events.
//! The only module that knows about `JsValue` options.

use crate::api::ApiConfig;
use crate::field::Field;
use crate::form::{AddContactForm, AddContactOptions, TokenSource, WidgetError, WidgetEvent};
use crate::validate::ContactDraft;
use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Prefilled values, named as in the request body.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Prefill {
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    phone_number: Option<String>,
    contact_type: Option<String>,
    avatar_url: Option<String>,
    account_ids: Option<Vec<String>>,
    custom_field_values: Option<Vec<serde_json::Value>>,
}

impl Prefill {
    fn into_draft(self) -> ContactDraft {
        let mut draft = ContactDraft::default();
        let texts = [
            (Field::FirstName, self.first_name),
            (Field::LastName, self.last_name),
            (Field::Email, self.email),
            (Field::Phone, self.phone_number),
            (Field::ContactType, self.contact_type),
            (Field::AvatarUrl, self.avatar_url),
            (
                Field::AccountIds,
                self.account_ids.map(|ids| ids.join("\n")),
            ),
        ];
        for (field, value) in texts {
            draft.values[field] = value.unwrap_or_default();
        }
        draft.custom_field_values = self.custom_field_values.unwrap_or_default();
        draft
    }
}

fn option_error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("thena-add-contact: {message}"))
}

fn get(options: &JsValue, name: &str) -> JsValue {
    Reflect::get(options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn string_option(options: &JsValue, name: &str) -> Result<Option<String>, JsError> {
    let value = get(options, name);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| option_error(format!("{name} must be a string")))
}

/// `token` (a string) or `getToken` (a function returning a string or a Promise of one).
fn token_source(options: &JsValue) -> Result<TokenSource, JsError> {
    let get_token = get(options, "getToken");
    if let Some(function) = get_token.dyn_ref::<Function>() {
        let function = function.clone();
        return Ok(TokenSource::from_fn(move || {
            let function = function.clone();
            Box::pin(async move {
                let value = function.call0(&JsValue::NULL).ok()?;
                let value = match value.dyn_into::<Promise>() {
                    Ok(promise) => JsFuture::from(promise).await.ok()?,
                    Err(value) => value,
                };
                value.as_string()
            })
        }));
    }
    if !get_token.is_undefined() && !get_token.is_null() {
        return Err(option_error("getToken must be a function"));
    }
    match string_option(options, "token")? {
        Some(token) if !token.trim().is_empty() => Ok(TokenSource::fixed(token)),
        _ => Err(option_error(
            "token (a string) or getToken (a function) is required",
        )),
    }
}

/// What the host receives as `event.detail` of `contact:error`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorDetail<'a> {
    kind: &'a str,
    status: Option<u16>,
    message: &'a str,
    field_errors: serde_json::Map<String, serde_json::Value>,
}

fn to_js(value: &impl Serialize) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// Dispatches `contact:<name>` on the host element; `false` when a listener called
/// `preventDefault()` on a cancelable one.
fn dispatch(target: &web_sys::HtmlElement, name: &str, detail: &JsValue, cancelable: bool) -> bool {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(cancelable);
    init.set_detail(detail);
    match web_sys::CustomEvent::new_with_event_init_dict(&format!("contact:{name}"), &init) {
        Ok(event) => target.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

fn report(target: &web_sys::HtmlElement, event: WidgetEvent<'_>) -> bool {
    match event {
        WidgetEvent::Ready => dispatch(target, "ready", &JsValue::NULL, false),
        WidgetEvent::Submit(body) => dispatch(target, "submit", &to_js(body), true),
        WidgetEvent::Created(created) => dispatch(target, "created", &to_js(&created.json), false),
        WidgetEvent::Error(error) => dispatch(target, "error", &to_js(&error_detail(error)), false),
    }
}

fn error_detail(error: &WidgetError) -> ErrorDetail<'_> {
    ErrorDetail {
        kind: error.kind,
        status: error.status,
        message: &error.message,
        field_errors: error
            .field_errors
            .iter()
            .map(|(name, message)| (name.to_string(), message.clone().into()))
            .collect(),
    }
}

/// A mounted widget, as JavaScript holds it.
#[wasm_bindgen]
pub struct WidgetHandle {
    mounted: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget and aborts a request in flight.
    pub fn destroy(&mut self) {
        self.mounted = None;
    }
}

/// Mounts the add-contact form into `element`.
///
/// Options: `apiBase` (https URL; http only for localhost), `orgId`, `token` or `getToken`,
/// `values` (prefill, named as in the request body). Events `contact:ready`, `contact:submit`
/// (cancelable), `contact:created`, `contact:error` are dispatched on `element`.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<WidgetHandle, JsError> {
    if !options.is_object() {
        return Err(option_error("options must be an object"));
    }
    let api_base =
        string_option(&options, "apiBase")?.ok_or_else(|| option_error("apiBase is required"))?;
    let org_id = string_option(&options, "orgId")?.unwrap_or_default();
    let api = ApiConfig::new(&api_base, &org_id).map_err(option_error)?;
    let token = token_source(&options)?;
    let values = get(&options, "values");
    let prefill: Prefill = if values.is_undefined() || values.is_null() {
        Prefill::default()
    } else if values.is_object() && !values.is_instance_of::<js_sys::Array>() {
        serde_wasm_bindgen::from_value(values).map_err(|e| option_error(format!("values: {e}")))?
    } else {
        return Err(option_error("values must be an object"));
    };
    let target = element.clone();
    let form_options = AddContactOptions {
        api,
        token,
        values: prefill.into_draft(),
        on_event: Some(Rc::new(move |event| report(&target, event))),
    };
    let handle = leptos::mount::mount_to(element, move || {
        view! { <AddContactForm options=form_options /> }
    });
    Ok(WidgetHandle {
        mounted: Some(Box::new(handle)),
    })
}
