//! What the JavaScript module (`src/js/thena_add_contact.js`) calls. That module checks every
//! option's type and names (a JavaScript check costs a fraction of its wasm) and hands the
//! options over as JSON text, read here with the same reader as the API's replies. What only
//! the wasm knows is checked here: the API address and the validity of hidden fields' values.

use crate::api::ApiConfig;
use crate::contact::RawJson;
use crate::field::{Field, FieldMap};
use crate::form::{
    AddContactForm, AddContactOptions, FormControl, Show, TokenSource, WidgetError, WidgetEvent,
};
use crate::json::{self, Json, Node};
use crate::texts::Texts;
use crate::validate::ContactDraft;
use js_sys::{Function, Promise};
use leptos::prelude::*;
use std::any::Any;
use std::ptr::NonNull;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A problem with the host's options: the message names the option.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionError(pub String);

fn problem(message: impl Into<String>) -> OptionError {
    OptionError(message.into())
}

impl From<OptionError> for JsError {
    fn from(error: OptionError) -> JsError {
        JsError::new(&format!("thena-add-contact: {}", error.0))
    }
}

/// The host's options, read from their JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub api: ApiConfig,
    pub values: ContactDraft,
    pub show: FieldMap<Show>,
    pub texts: Texts,
}

fn string<'a>(options: &'a Node<'_>, name: &str) -> &'a str {
    options.get(name).and_then(Node::as_str).unwrap_or_default()
}

impl Config {
    /// Reads `{apiBase, orgId, values, readOnly, hidden, texts}` as the module passes them:
    /// `values` holds strings (account IDs one per line) and `customFieldValues`; `readOnly` and
    /// `hidden` hold field names; `texts` is the whole table of texts.
    pub fn from_json(text: &str) -> Result<Config, OptionError> {
        let options = json::parse(text).ok_or_else(|| problem("options must be plain data"))?;
        let api = ApiConfig::new(string(&options, "apiBase"), string(&options, "orgId"))
            .map_err(|e| problem(e.0))?;
        let mut values = ContactDraft::default();
        if let Some(Json::Object(members)) = options.get("values").map(|node| &node.value) {
            for (name, node) in members {
                match Field::from_json_name(name) {
                    Some(field) => values.values[field] = node.as_str().unwrap_or_default().into(),
                    None if name == "customFieldValues" => {
                        values.custom_field_values = RawJson::parse(node.raw).unwrap_or_default()
                    }
                    None => {}
                }
            }
        }
        let mut show = FieldMap::default();
        for (name, how) in [("readOnly", Show::ReadOnly), ("hidden", Show::Hidden)] {
            if let Some(Json::Array(names)) = options.get(name).map(|node| &node.value) {
                for field in names
                    .iter()
                    .filter_map(|n| Field::from_json_name(n.as_str()?))
                {
                    show[field] = how;
                }
            }
        }
        let texts = match options.get("texts").map(|node| &node.value) {
            Some(Json::Array(texts)) => texts
                .iter()
                .map(|text| text.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .and_then(Texts::new),
            _ => None,
        }
        .ok_or_else(|| problem("texts must be the whole table of texts"))?;
        crate::form::check_hidden(&show, &values, &texts).map_err(problem)?;
        Ok(Config {
            api,
            values,
            show,
            texts,
        })
    }
}

/// `event.detail` of `contact:error`: `{kind, status, message, fieldErrors}`, as JSON.
pub fn error_json(error: &WidgetError) -> String {
    let mut out = String::from("{\"kind\":");
    json::write_str(&mut out, error.kind);
    out.push_str(",\"status\":");
    out.push_str(&error.status.map_or("null".into(), |s| s.to_string()));
    out.push_str(",\"message\":");
    json::write_str(&mut out, &error.message);
    out.push_str(",\"fieldErrors\":{");
    for (i, (name, message)) in error.field_errors.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::write_str(&mut out, name);
        out.push(':');
        json::write_str(&mut out, message);
    }
    out.push_str("}}");
    out
}

/// A token function from JavaScript: returns a Promise of the token (or of anything else, which
/// counts as no token).
fn token_source(get_token: Function, refreshes: bool) -> TokenSource {
    let get = move || -> crate::form::TokenFuture {
        let get_token = get_token.clone();
        Box::pin(async move {
            let promise = get_token.call0(&JsValue::NULL).ok()?;
            JsFuture::from(Promise::from(promise))
                .await
                .ok()?
                .as_string()
        })
    };
    let source = TokenSource::from_fn(get);
    if refreshes {
        source
    } else {
        source.without_refresh()
    }
}

/// A mounted widget, as the JavaScript module holds it. The widget stays mounted until
/// `destroy()`, even when the host drops the handle and the garbage collector frees it: a
/// widget must not vanish from a page because nobody kept a variable.
#[wasm_bindgen]
pub struct WidgetHandle {
    /// From `Box::into_raw`, taken back exactly once by `destroy`.
    mounted: Option<NonNull<dyn Any>>,
    control: FormControl,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget and aborts a request in flight. Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            // SAFETY: the pointer came from Box::into_raw in `mount_widget`, taken only here.
            drop(unsafe { Box::from_raw(mounted.as_ptr()) });
        }
    }

    pub fn reset(&self) {
        self.control.reset();
    }
}

/// Mounts the form into `element`. `options` is the JSON of the host's options; `get_token`
/// returns a Promise of the token; `emit(type, detailJson)` reports an event and returns
/// `false` when the host stopped a submit.
#[wasm_bindgen]
pub fn mount_widget(
    element: web_sys::HtmlElement,
    options: &str,
    get_token: Function,
    refreshes: bool,
    emit: Function,
) -> Result<WidgetHandle, JsError> {
    let config = Config::from_json(options)?;
    let control = FormControl::default();
    let report = move |event: WidgetEvent<'_>| {
        let (name, detail) = match event {
            WidgetEvent::Ready => ("ready", String::new()),
            WidgetEvent::Submit(body) => ("submit", body.to_json()),
            WidgetEvent::Created(created) => ("created", created.json.clone()),
            WidgetEvent::Error(error) => ("error", error_json(error)),
        };
        emit.call2(&JsValue::NULL, &name.into(), &detail.into())
            .map_or(true, |allowed| allowed.as_bool() != Some(false))
    };
    let form_options = AddContactOptions {
        api: config.api,
        token: token_source(get_token, refreshes),
        values: config.values,
        show: config.show,
        texts: config.texts,
        on_event: Some(Rc::new(report)),
        control: Some(control.clone()),
    };
    let handle = leptos::mount::mount_to(element, move || {
        view! { <AddContactForm options=form_options /> }
    });
    let mounted: Box<dyn Any> = Box::new(handle);
    Ok(WidgetHandle {
        mounted: NonNull::new(Box::into_raw(mounted)),
        control,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &str) -> Result<Config, String> {
        // The English table as the module sends it: its values, in order.
        let english = json::parse(crate::texts::ENGLISH).unwrap();
        let Json::Object(members) = english.value else {
            panic!("strings.en.json is an object")
        };
        let texts: Vec<&str> = members.iter().map(|(_, text)| text.raw).collect();
        let texts = format!("[{}]", texts.join(","));
        Config::from_json(&format!(
            r#"{{"apiBase":"https://platform.thena.ai","orgId":"org_1","texts":{texts}{extra}}}"#
        ))
        .map_err(|e| e.0)
    }

    #[test]
    fn what_only_the_wasm_can_check_is_refused_with_the_option_named() {
        let error = Config::from_json(r#"{"apiBase":"http://example.com","orgId":"o"}"#);
        assert!(error.unwrap_err().0.contains("https"));
        let error = Config::from_json(r#"{"apiBase":"https://example.com","orgId":""}"#);
        assert!(error.unwrap_err().0.contains("orgId"));
        let error = config(r#","hidden":["email"]"#).unwrap_err();
        assert!(
            error.starts_with("hidden field email needs a valid value"),
            "{error}"
        );
        let error = config(r#","hidden":["email"],"values":{"email":"a@b"}"#).unwrap_err();
        assert!(error.contains("example.com"), "{error}");
        assert!(config(r#","hidden":["email"],"values":{"email":"a@b.io"}"#).is_ok());
    }

    #[test]
    fn options_are_read_into_the_forms_config() {
        let c = config(
            r#","token":"t","values":{"firstName":"Ada","accountIds":"A1\nA2",
            "customFieldValues":[{"customFieldId":"cf"}]},
            "readOnly":["accountIds"],"hidden":["avatarUrl"]"#,
        )
        .unwrap();
        assert_eq!(c.api.org_id(), "org_1");
        assert_eq!(c.values.values[Field::FirstName], "Ada");
        assert_eq!(c.values.values[Field::AccountIds], "A1\nA2");
        assert_eq!(
            c.values.custom_field_values.get(),
            r#"[{"customFieldId":"cf"}]"#
        );
        assert_eq!(c.show[Field::AccountIds], Show::ReadOnly);
        assert_eq!(c.show[Field::AvatarUrl], Show::Hidden);
        assert_eq!(c.show[Field::Email], Show::Editable);
        assert_eq!(c.texts.get(crate::texts::Text::Submit), "Add contact");
    }

    #[test]
    fn error_details_are_json_with_every_member() {
        let error = WidgetError {
            kind: "validation",
            status: None,
            message: "Check \"this\"".into(),
            field_errors: vec![("email", "Bad".into()), ("phoneNumber", "Worse".into())],
        };
        let parsed: serde_json::Value = serde_json::from_str(&error_json(&error)).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!({"kind": "validation", "status": null, "message": "Check \"this\"",
                "fieldErrors": {"email": "Bad", "phoneNumber": "Worse"}})
        );
        let parsed: serde_json::Value = serde_json::from_str(&error_json(&WidgetError {
            status: Some(409),
            field_errors: vec![],
            ..error
        }))
        .unwrap();
        assert_eq!(parsed["status"], 409);
    }
}
