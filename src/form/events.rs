//! What the form reports to its host: the events, and the errors as the host receives them.

use crate::api::{ApiError, ErrorKind};
use crate::i18n::{invalid_fields_summary, Texts};
use crate::model::contact::{CreatedContact, NewContact};
use serde::{Serialize, Serializer};
use std::rc::Rc;

/// What the form reports to its host.
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use thena_add_contact::{CreatedContact, EventHandler, WidgetEvent};
///
/// let on_event: EventHandler = Rc::new(|event| {
///     if let WidgetEvent::Created(contact) = event {
///         leptos::logging::log!("added {} ({})", contact.display_name(), contact.id);
///     }
///     true
/// });
/// let contact = CreatedContact {
///     id: "ct_7f3a".into(),
///     first_name: "Jane".into(),
///     ..CreatedContact::default()
/// };
/// assert!(on_event(WidgetEvent::Created(&contact)));
/// ```
#[derive(Clone, Debug)]
pub enum WidgetEvent<'a> {
    /// The form is on the page and can be used.
    Ready,
    /// A valid contact is about to be sent; the handler returns `false` to stop it.
    Submit(&'a NewContact),
    /// The service created the contact.
    Created(&'a CreatedContact),
    /// Validation failed, or the request did; or the host's options did not fit the
    /// organization's data (kind `options`).
    Error(&'a WidgetError),
    /// The email typed already belongs to this contact (`contact:duplicate`); submitting stays
    /// possible.
    Duplicate(&'a CreatedContact),
}

/// Called with every event; the return value matters only for [`WidgetEvent::Submit`]. A Rust
/// handler must not panic: the release build aborts on panic, which stops every widget.
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use thena_add_contact::{EventHandler, NewContact, WidgetEvent};
///
/// // This portal adds business contacts only: `false` stops the request.
/// let on_event: EventHandler = Rc::new(|event| match event {
///     WidgetEvent::Submit(body) => !body.email.ends_with("@gmail.com"),
///     _ => true,
/// });
/// let body = NewContact {
///     first_name: "Jane".into(),
///     email: "jane@gmail.com".into(),
///     ..NewContact::default()
/// };
/// assert!(!on_event(WidgetEvent::Submit(&body)));
/// assert!(on_event(WidgetEvent::Ready));
/// ```
pub type EventHandler = Rc<dyn Fn(WidgetEvent<'_>) -> bool>;

/// An error as the host receives it (`contact:error`'s detail).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use thena_add_contact::{Texts, WidgetError};
///
/// let invalid = vec![("email".to_string(), "Enter an email address.".to_string())];
/// let error = WidgetError::from_validation(invalid, &Texts::default());
/// assert_eq!(error.message, "Check the highlighted field.");
/// assert_eq!(
///     serde_json::to_value(&error).unwrap(),
///     json!({"kind": "validation", "status": null, "message": "Check the highlighted field.",
///            "fieldErrors": {"email": "Enter an email address."}})
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WidgetError {
    /// validation, unauthorized, forbidden, conflict, rate_limited, server, network,
    /// bad_response; options (a host value that does not fit the organization's data)
    pub kind: &'static str,
    /// The HTTP status the service sent; `None` when no answer came (or none was asked for).
    pub status: Option<u16>,
    /// What went wrong, in the form's texts: the message shown above the button.
    pub message: String,
    /// `fieldErrors`: messages by field in form order; the host gets an object keyed by the
    /// request body's property names and custom fields' slugs.
    #[serde(serialize_with = "as_object")]
    pub field_errors: Vec<(String, String)>,
}

fn as_object<S: Serializer>(errors: &[(String, String)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(errors.iter().map(|(name, message)| (name, message)))
}

impl WidgetError {
    /// `field_errors`: (name, message) of the fields the service named.
    #[doc(hidden)]
    pub fn from_api(
        error: &ApiError,
        field_errors: Vec<(String, String)>,
        texts: &Texts,
    ) -> WidgetError {
        WidgetError {
            kind: error.kind().name(),
            status: error.status(),
            message: error.message(texts),
            field_errors,
        }
    }

    /// `field_errors`: (name, message) of every invalid field.
    pub fn from_validation(field_errors: Vec<(String, String)>, texts: &Texts) -> WidgetError {
        WidgetError {
            kind: ErrorKind::Validation.name(),
            status: None,
            message: invalid_fields_summary(field_errors.len(), texts),
            field_errors,
        }
    }

    /// A host value that does not fit the organization's data.
    pub fn options(message: String) -> WidgetError {
        WidgetError {
            kind: ErrorKind::Options.name(),
            status: None,
            message,
            field_errors: Vec::new(),
        }
    }
}
