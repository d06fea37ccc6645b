//! The JavaScript-facing surface: `mount(element, options)`, options parsing and the DOM events.
//! The only module that knows about `JsValue` options.

use crate::api::ApiConfig;
use crate::contact::RawJson;
use crate::field::Field;
use crate::form::{AddContactForm, AddContactOptions, TokenSource, WidgetError, WidgetEvent};
use crate::validate::ContactDraft;
use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use leptos::prelude::*;
use std::any::Any;
use std::ptr::NonNull;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The host's `values`: every field named as in the request body (`accountIds` an array of
/// strings, `customFieldValues` an array passed through as JSON).
fn prefill(values: &JsValue) -> Result<ContactDraft, JsError> {
    let mut draft = ContactDraft::default();
    if values.is_undefined() || values.is_null() {
        return Ok(draft);
    }
    if !values.is_object() || Array::is_array(values) {
        return Err(option_error("values must be an object"));
    }
    for key in Object::keys(values.unchecked_ref::<Object>()) {
        let name = key.as_string().unwrap_or_default();
        let value = get(values, &name);
        let must_be = |what: &str| option_error(format!("values.{name} must be {what}"));
        if value.is_undefined() || value.is_null() {
            continue;
        }
        if name == "customFieldValues" {
            if !Array::is_array(&value) {
                return Err(must_be("an array"));
            }
            let json = JSON::stringify(&value)
                .ok()
                .and_then(|json| json.as_string())
                .ok_or_else(|| must_be("plain data"))?;
            draft.custom_field_values =
                RawJson::parse(&json).ok_or_else(|| must_be("plain data"))?;
            continue;
        }
        let field = Field::from_json_name(&name)
            .ok_or_else(|| option_error(format!("values has no field named \"{name}\"")))?;
        draft.values[field] = if field == Field::AccountIds {
            let ids: Option<Vec<String>> = Array::is_array(&value)
                .then(|| {
                    Array::from(&value)
                        .iter()
                        .map(|id| id.as_string())
                        .collect()
                })
                .flatten();
            ids.ok_or_else(|| must_be("an array of strings"))?
                .join("\n")
        } else {
            value.as_string().ok_or_else(|| must_be("a string"))?
        };
    }
    Ok(draft)
}

fn option_error(message: impl AsRef<str>) -> JsError {
    JsError::new(&format!("thena-add-contact: {}", message.as_ref()))
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
                // A string or a Promise of one: resolve() takes both.
                let value = JsFuture::from(Promise::resolve(&value)).await.ok()?;
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

/// A plain JavaScript value of JSON text.
fn json_to_js(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or(JsValue::NULL)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// `event.detail` of `contact:error`: `{kind, status, message, fieldErrors}`.
fn error_detail(error: &WidgetError) -> JsValue {
    let field_errors = Object::new();
    for (name, message) in &error.field_errors {
        set(&field_errors, name, &JsValue::from_str(message));
    }
    let detail = Object::new();
    set(&detail, "kind", &JsValue::from_str(error.kind));
    let status = error.status.map_or(JsValue::NULL, JsValue::from);
    set(&detail, "status", &status);
    set(&detail, "message", &JsValue::from_str(&error.message));
    set(&detail, "fieldErrors", &field_errors);
    detail.into()
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
        WidgetEvent::Submit(body) => dispatch(target, "submit", &json_to_js(&body.to_json()), true),
        WidgetEvent::Created(created) => {
            dispatch(target, "created", &json_to_js(&created.json), false)
        }
        WidgetEvent::Error(error) => dispatch(target, "error", &error_detail(error), false),
    }
}

/// A mounted widget, as JavaScript holds it. The widget stays mounted until `destroy()`, even
/// when the host drops the handle and the garbage collector frees it: a widget must not vanish
/// from a page because nobody kept a variable.
#[wasm_bindgen]
pub struct WidgetHandle {
    /// From `Box::into_raw`, taken back exactly once by `destroy`.
    mounted: Option<NonNull<dyn Any>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget and aborts a request in flight. Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            // SAFETY: the pointer came from Box::into_raw in `mount` and is taken only here.
            drop(unsafe { Box::from_raw(mounted.as_ptr()) });
        }
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
    let api = ApiConfig::new(&api_base, &org_id).map_err(|e| option_error(e.0))?;
    let token = token_source(&options)?;
    let values = prefill(&get(&options, "values"))?;
    let target = element.clone();
    let form_options = AddContactOptions {
        api,
        token,
        values,
        on_event: Some(Rc::new(move |event| report(&target, event))),
    };
    let handle = leptos::mount::mount_to(element, move || {
        view! { <AddContactForm options=form_options /> }
    });
    let mounted: Box<dyn Any> = Box::new(handle);
    Ok(WidgetHandle {
        mounted: NonNull::new(Box::into_raw(mounted)),
    })
}
