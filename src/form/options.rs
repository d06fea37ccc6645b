//! What a host gives the form, and what the form reports back.

use crate::api::{ApiConfig, ApiError, Created};
use crate::contact::NewContact;
use crate::field::Field;
use crate::validate::{invalid_fields_summary, ContactDraft, FieldError};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A future that yields the bearer token, or `None` when the host has none.
pub type TokenFuture = Pin<Box<dyn Future<Output = Option<String>>>>;

/// Where the bearer token comes from: asked for before every request, so a host can refresh it.
#[derive(Clone)]
pub struct TokenSource {
    get: Rc<dyn Fn() -> TokenFuture>,
    /// A function can hand out a new token: after a 401 it is asked again, once.
    refreshes: bool,
}

impl TokenSource {
    /// The same token every time.
    pub fn fixed(token: impl Into<String>) -> TokenSource {
        let token: String = token.into();
        TokenSource {
            get: Rc::new(move || {
                let token = token.clone();
                Box::pin(async move { Some(token) })
            }),
            refreshes: false,
        }
    }

    /// A function the form calls before every request, and again after a 401.
    pub fn from_fn(get: impl Fn() -> TokenFuture + 'static) -> TokenSource {
        TokenSource {
            get: Rc::new(get),
            refreshes: true,
        }
    }

    pub async fn get(&self) -> Option<String> {
        (self.get)().await
    }

    pub fn refreshes(&self) -> bool {
        self.refreshes
    }
}

/// What the form reports to its host.
#[derive(Clone, Debug)]
pub enum WidgetEvent<'a> {
    /// The form is on the page and can be used.
    Ready,
    /// A valid contact is about to be sent; the handler returns `false` to stop it.
    Submit(&'a NewContact),
    /// The service created the contact.
    Created(&'a Created),
    /// Validation failed, or the request did.
    Error(&'a WidgetError),
}

/// Called with every event; the return value matters only for [`WidgetEvent::Submit`].
pub type EventHandler = Rc<dyn Fn(WidgetEvent<'_>) -> bool>;

/// An error as the host receives it.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetError {
    /// validation, unauthorized, forbidden, conflict, rate_limited, server, network, bad_response
    pub kind: &'static str,
    pub status: Option<u16>,
    pub message: String,
    /// Messages by field, keyed by the request body's property names.
    pub field_errors: Vec<(&'static str, String)>,
}

impl WidgetError {
    pub fn from_api(error: &ApiError) -> WidgetError {
        WidgetError {
            kind: error.kind(),
            status: error.status(),
            message: error.message(),
            field_errors: field_messages(&error.field_errors()),
        }
    }

    pub fn from_validation(errors: &[(Field, FieldError)]) -> WidgetError {
        WidgetError {
            kind: "validation",
            status: None,
            message: invalid_fields_summary(errors.len()),
            field_errors: field_messages(errors),
        }
    }
}

fn field_messages(errors: &[(Field, FieldError)]) -> Vec<(&'static str, String)> {
    errors
        .iter()
        .map(|(field, error)| (field.json_name(), error.message(*field)))
        .collect()
}

/// Everything the form needs: where to send, as whom, what to prefill, whom to tell.
#[derive(Clone)]
pub struct AddContactOptions {
    pub api: ApiConfig,
    pub token: TokenSource,
    /// Prefilled values (and custom field values passed through unchanged).
    pub values: ContactDraft,
    pub on_event: Option<EventHandler>,
}

impl AddContactOptions {
    pub fn new(api: ApiConfig, token: TokenSource) -> AddContactOptions {
        AddContactOptions {
            api,
            token,
            values: ContactDraft::default(),
            on_event: None,
        }
    }

    /// Reports an event; `false` when the host stopped a submit.
    pub(crate) fn emit(&self, event: WidgetEvent<'_>) -> bool {
        self.on_event.as_ref().is_none_or(|handler| handler(event))
    }
}
