//! The host's functions, called from the wasm: its token function, its account search, and the
//! events and callbacks the widget reports to (a throw or a rejection counts as no answer, and a
//! listener that throws is reported like an uncaught error; the widget goes on).

use super::host_value::kind;
use super::option_error::OptionError;
use super::options::Given;
use crate::api::{to_js, Reply, TokenSource};
use crate::data::AccountSearch;
use crate::form::{FormControl, WidgetEvent};
use js_sys::{Function, Promise};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// Reports an error as an uncaught one would be (`window.onerror`), without throwing.
    #[wasm_bindgen(catch, js_name = reportError)]
    fn report_error(error: &JsValue) -> Result<(), JsValue>;
}

/// A token function from JavaScript: returns the token or a Promise of it (anything else, a
/// throw or a rejection counts as no token).
pub fn token_source(get_token: Function) -> TokenSource {
    TokenSource::from_fn(move || {
        let get_token = get_token.clone();
        Box::pin(async move {
            let token = get_token.call0(&JsValue::NULL).ok()?;
            JsFuture::from(Promise::resolve(&token))
                .await
                .ok()?
                .as_string()
        })
    })
}

/// The host's `searchAccounts(query) => Promise<{id, name, primaryDomain?}[]>`, or `false` for
/// none; a throw, a rejection or an answer that is not a list counts as no answer, and items
/// that are not accounts are skipped.
pub fn account_search(given: Given) -> Result<AccountSearch, OptionError> {
    if given.0 == JsValue::FALSE {
        return Ok(AccountSearch::Off);
    }
    if given.0.is_null() || given.0.is_undefined() || given.0 == JsValue::TRUE {
        return Ok(AccountSearch::Platform);
    }
    let search: Function = given.0.dyn_into().map_err(|value| {
        OptionError(format!(
            "searchAccounts must be a function or false, not {}",
            kind(&value)
        ))
    })?;
    Ok(AccountSearch::Host(Rc::new(move |query: String| {
        let search = search.clone();
        Box::pin(async move {
            let answer = search.call1(&JsValue::NULL, &query.into()).ok()?;
            let accounts = JsFuture::from(Promise::resolve(&answer)).await.ok()?;
            Some(accounts.items()?.iter().filter_map(Reply::read).collect())
        })
    })))
}

/// The host's callbacks, called after the matching event.
pub struct Callbacks {
    /// `onReady`.
    pub ready: Option<Function>,
    /// `onSubmit`: returning `false` stops the request.
    pub submit: Option<Function>,
    /// `onCreated`.
    pub created: Option<Function>,
    /// `onError`.
    pub error: Option<Function>,
    /// `onDuplicate`.
    pub duplicate: Option<Function>,
}

/// Dispatches `contact:<name>` on `element` (bubbling, composed; `contact:submit` cancelable),
/// then calls the host's callback with the same detail, unless a listener destroyed the widget.
/// Returns `false` when a listener called `preventDefault()` or the callback returned `false`. A
/// listener or callback that throws is reported like an uncaught error and changes nothing: the
/// widget goes on.
pub fn dispatch(
    element: &web_sys::HtmlElement,
    callbacks: &Callbacks,
    control: &FormControl,
    event: WidgetEvent<'_>,
) -> bool {
    let (name, callback, detail) = match event {
        WidgetEvent::Ready => ("ready", &callbacks.ready, Ok(JsValue::NULL)),
        WidgetEvent::Submit(body) => ("submit", &callbacks.submit, to_js(body)),
        WidgetEvent::Created(contact) => ("created", &callbacks.created, to_js(contact)),
        WidgetEvent::Error(error) => ("error", &callbacks.error, to_js(error)),
        WidgetEvent::Duplicate(contact) => ("duplicate", &callbacks.duplicate, to_js(contact)),
    };
    let detail = detail.unwrap_or(JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(name == "submit");
    init.set_detail(&detail);
    // Listeners' exceptions are reported by the browser itself; dispatchEvent does not throw.
    let mut allowed =
        web_sys::CustomEvent::new_with_event_init_dict(&format!("contact:{name}"), &init)
            .map_or(true, |event| element.dispatch_event(&event).unwrap_or(true));
    if let Some(callback) = callback.as_ref().filter(|_| control.is_mounted()) {
        match callback.call1(&JsValue::NULL, &detail) {
            Ok(returned) if returned == JsValue::FALSE => allowed = false,
            Ok(_) => {}
            Err(thrown) => {
                let _ = report_error(&thrown);
            }
        }
    }
    allowed
}
