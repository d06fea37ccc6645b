//! What a host gives the form, and what the form reports back.

use super::{DraftStorage, FormState};
use crate::api::{ApiConfig, ApiError};
use crate::contact::{CreatedContact, NewContact};
use crate::field::{Field, FieldMap};
use crate::org_data::{Account, ContactType, CustomFieldDefinition};
use crate::session::Session;
use crate::texts::Texts;
use crate::validate::{invalid_fields_summary, ContactDraft};
use leptos::prelude::*;
use serde::{Deserialize, Serialize, Serializer};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

/// How long the form waits for the service, and for the host's token, unless told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

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

    pub fn get(&self) -> TokenFuture {
        (self.get)()
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
pub type EventHandler = Rc<dyn Fn(WidgetEvent<'_>) -> bool>;

/// An error as the host receives it (`contact:error`'s detail).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WidgetError {
    /// validation, unauthorized, forbidden, conflict, rate_limited, server, network,
    /// bad_response; options (a host value that does not fit the organization's data)
    pub kind: &'static str,
    /// The HTTP status the service sent; `None` when no answer came (or none was asked for).
    pub status: Option<u16>,
    pub message: String,
    /// Messages by field in form order; the host gets an object keyed by the request body's
    /// property names and custom fields' slugs.
    #[serde(serialize_with = "as_object")]
    pub field_errors: Vec<(String, String)>,
}

fn as_object<S: Serializer>(errors: &[(String, String)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(errors.iter().map(|(name, message)| (name, message)))
}

impl WidgetError {
    /// `field_errors`: (name, message) of the fields the service named.
    pub fn from_api(
        error: &ApiError,
        field_errors: Vec<(String, String)>,
        texts: &Texts,
    ) -> WidgetError {
        WidgetError {
            kind: error.kind(),
            status: error.status(),
            message: error.message(texts),
            field_errors,
        }
    }

    /// `field_errors`: (name, message) of every invalid field.
    pub fn from_validation(field_errors: Vec<(String, String)>, texts: &Texts) -> WidgetError {
        WidgetError {
            kind: "validation",
            status: None,
            message: invalid_fields_summary(field_errors.len(), texts),
            field_errors,
        }
    }

    /// A host value that does not fit the organization's data.
    pub fn options(message: String) -> WidgetError {
        WidgetError {
            kind: "options",
            status: None,
            message,
            field_errors: Vec::new(),
        }
    }
}

/// A host's account search: the query in, the accounts out (`None` when it failed).
pub type AccountSearchFn =
    Rc<dyn Fn(String) -> Pin<Box<dyn Future<Output = Option<Vec<Account>>>>>>;

/// Where the account picker finds accounts by name or domain.
#[derive(Clone, Default)]
pub enum AccountSearch {
    /// The platform's search API (`GET /v1/search/accounts`); a failure or a reply of another
    /// shape leaves the picker taking typed account IDs.
    #[default]
    Platform,
    /// The host's function, which knows its backend best.
    Host(AccountSearchFn),
    /// No search: accounts are added by their IDs.
    Off,
}

/// Where the organization's definitions (contact types, custom fields) come from.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Definitions<T> {
    /// Loaded from the API at mount, once per page per `(apiBase, orgId)`.
    #[default]
    Load,
    /// Given by the host, in the API's own shapes: nothing is loaded.
    Given(T),
    /// Not used: the contact type list holds "Organization default" (and a prefilled id); no
    /// custom fields are shown.
    Off,
}

/// How the form shows a field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    Editable,
    /// Shown and sent, not editable: a value the host decides.
    ReadOnly,
    /// Not shown, sent as the host set it.
    Hidden,
}

/// The form's colours: light (the default, as most portals are), dark, or `auto`, following the
/// person's system setting (`prefers-color-scheme`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
    Auto,
}

impl Theme {
    /// As written in the option and in the form's `data-theme`.
    pub const fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// Everything the form needs: where to send, as whom, what to prefill, whom to tell.
#[derive(Clone)]
pub struct AddContactOptions {
    pub api: ApiConfig,
    pub token: TokenSource,
    /// Prefilled values (and custom field values passed through unchanged); also what
    /// "Add another" and [`FormControl::reset`] go back to.
    pub values: ContactDraft,
    /// Which fields are read-only or hidden. A hidden field's value must be valid (see
    /// [`AddContactOptions::check`]): nobody could see or fix its error.
    pub show: FieldMap<Show>,
    /// Custom fields (by slug) that are read-only or hidden. A hidden custom field is not
    /// shown or checked; the host's value for it is sent unchanged.
    pub custom_show: Vec<(String, Show)>,
    pub contact_types: Definitions<Vec<ContactType>>,
    pub custom_fields: Definitions<Vec<CustomFieldDefinition>>,
    /// Whether an email that loses focus is looked up, to warn about an existing contact.
    pub check_duplicates: bool,
    /// Where the account picker finds accounts by name or domain.
    pub account_search: AccountSearch,
    /// The texts: a language, with the host's `strings` over it. Their language is the form's
    /// `lang`, and sets its direction.
    pub texts: Texts,
    pub theme: Theme,
    pub on_event: Option<EventHandler>,
    /// Lets the host reset the form, read and set its values after mounting.
    pub control: Option<FormControl>,
    /// How long a request may take before the form gives up and offers "Try again".
    pub request_timeout: Duration,
    /// How long the token source may take; after that the form reports `unauthorized`.
    pub token_timeout: Duration,
    /// Keep an unsent draft in the browser's storage across reloads (off by default).
    pub persist_draft: Option<DraftStorage>,
    /// Tells this form's draft apart from other forms of the same organization on the page.
    pub draft_key: Option<String>,
}

impl AddContactOptions {
    pub fn new(api: ApiConfig, token: TokenSource) -> AddContactOptions {
        AddContactOptions {
            api,
            token,
            values: ContactDraft::default(),
            show: FieldMap::default(),
            custom_show: Vec::new(),
            contact_types: Definitions::Load,
            custom_fields: Definitions::Load,
            check_duplicates: true,
            account_search: AccountSearch::Platform,
            texts: Texts::default(),
            theme: Theme::default(),
            on_event: None,
            control: None,
            request_timeout: DEFAULT_TIMEOUT,
            token_timeout: DEFAULT_TIMEOUT,
            persist_draft: None,
            draft_key: None,
        }
    }

    /// Where, as whom and how long: what every request of the form needs.
    pub fn session(&self) -> Session {
        Session {
            api: self.api.clone(),
            token: self.token.clone(),
            request_timeout: self.request_timeout,
            token_timeout: self.token_timeout,
        }
    }

    /// How the form shows the custom field with this slug.
    pub fn custom_field_show(&self, slug: &str) -> Show {
        custom_field_show(&self.custom_show, slug)
    }

    /// Refuses options the form cannot work with: a hidden field whose value is invalid (the
    /// person could neither see nor fix it). [`AddContactForm`](super::AddContactForm) shows
    /// this refusal instead of the form; `mount` throws it.
    pub fn check(&self) -> Result<(), String> {
        check_hidden(&self.show, &self.values, &self.texts)
    }
}

/// How `custom_show` (slugs, as in [`AddContactOptions::custom_show`]) shows a custom field: a
/// slug both read-only and hidden is hidden, as a built-in field is.
pub(crate) fn custom_field_show(custom_show: &[(String, Show)], slug: &str) -> Show {
    let named = custom_show.iter().filter(|(s, _)| s == slug);
    named.fold(Show::Editable, |shown, (_, how)| match (shown, how) {
        (Show::Hidden, _) | (_, Show::Hidden) => Show::Hidden,
        (_, how) => *how,
    })
}

/// Hidden fields must hold valid values: the person could not see or fix them.
fn check_hidden(show: &FieldMap<Show>, draft: &ContactDraft, texts: &Texts) -> Result<(), String> {
    for (field, how) in show.iter() {
        if *how == Show::Hidden {
            if let Some(error) = draft.check(field) {
                return Err(format!(
                    "hidden field {} needs a valid value: {}",
                    field.json_name(),
                    error.message(field, texts)
                ));
            }
        }
    }
    Ok(())
}

/// Reaches a mounted form from outside: reset it, read and set its values. Does nothing before
/// the form is mounted or after it is gone, except while the form waits to be shown (for its
/// translation): then what is set is kept and typed in once the form shows.
#[derive(Clone, Default)]
pub struct FormControl(Rc<RefCell<Reach>>);

#[derive(Default)]
enum Reach {
    #[default]
    Detached,
    Waiting(Box<Waiting>),
    Attached(Controls),
}

/// The form will show with `initial`; `typed` is what the host set meanwhile.
struct Waiting {
    initial: ContactDraft,
    show: FieldMap<Show>,
    texts: Texts,
    typed: Vec<(Field, String)>,
}

pub(crate) struct Controls {
    pub state: RwSignal<FormState, LocalStorage>,
    pub show: FieldMap<Show>,
    pub texts: Texts,
    pub reset: Rc<dyn Fn()>,
    pub sending: Rc<dyn Fn() -> bool>,
}

impl FormControl {
    /// The form with these options will show once it can: until then, values set are kept.
    pub fn waiting_for(&self, options: &AddContactOptions) {
        *self.0.borrow_mut() = Reach::Waiting(Box::new(Waiting {
            initial: options.values.clone(),
            show: options.show.clone(),
            texts: options.texts.clone(),
            typed: Vec::new(),
        }));
    }

    pub(crate) fn attach(&self, controls: Controls) {
        let waited = std::mem::replace(&mut *self.0.borrow_mut(), Reach::Attached(controls));
        if let Reach::Waiting(waited) = waited {
            // Checked when they were set.
            let _ = self.set_values(&waited.typed);
        }
    }

    pub(crate) fn detach(&self) {
        *self.0.borrow_mut() = Reach::Detached;
    }

    fn state(&self) -> Option<RwSignal<FormState, LocalStorage>> {
        match &*self.0.borrow() {
            Reach::Attached(c) => Some(c.state),
            _ => None,
        }
    }

    /// Back to the host's values: no errors, the form shown (also after a contact was created).
    pub fn reset(&self) {
        let reset = match &mut *self.0.borrow_mut() {
            Reach::Attached(c) => Some(c.reset.clone()),
            Reach::Waiting(waiting) => {
                waiting.typed.clear();
                None
            }
            Reach::Detached => None,
        };
        if let Some(reset) = reset {
            reset();
        }
    }

    /// What the form holds now, `None` once it is gone.
    pub fn values(&self) -> Option<ContactDraft> {
        if let Reach::Waiting(waiting) = &*self.0.borrow() {
            let mut draft = waiting.initial.clone();
            for (field, value) in &waiting.typed {
                draft.values[*field] = value.clone();
            }
            return Some(draft);
        }
        self.state()?.try_with_untracked(|s| s.draft.clone())
    }

    /// Sets fields as if the person typed them: an error shown under a field follows its new
    /// value. Refused (nothing set) when a hidden field would get an invalid value.
    pub fn set_values(&self, values: &[(Field, String)]) -> Result<(), String> {
        let mut draft = self.values().unwrap_or_default();
        for (field, value) in values {
            draft.values[*field] = value.clone();
        }
        let mut reach = self.0.borrow_mut();
        let state = match &mut *reach {
            Reach::Detached => return Ok(()),
            Reach::Waiting(waiting) => {
                check_hidden(&waiting.show, &draft, &waiting.texts)?;
                waiting.typed.extend(values.iter().cloned());
                return Ok(());
            }
            Reach::Attached(c) => {
                check_hidden(&c.show, &draft, &c.texts)?;
                c.state
            }
        };
        drop(reach);
        state.try_update(|s| {
            for (field, value) in values {
                if s.draft.values[*field] != *value {
                    s.input(*field, value.clone());
                }
            }
        });
        Ok(())
    }

    /// Whether the form is mounted (attached and not yet gone).
    pub fn is_mounted(&self) -> bool {
        matches!(&*self.0.borrow(), Reach::Attached(_))
    }

    /// Whether a request is under way.
    pub fn is_sending(&self) -> bool {
        let sending = match &*self.0.borrow() {
            Reach::Attached(c) => Some(c.sending.clone()),
            _ => None,
        };
        sending.is_some_and(|sending| sending())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_custom_field_named_read_only_and_hidden_is_hidden() {
        let shown = |slug| {
            let custom_show = [
                ("tier".to_string(), Show::ReadOnly),
                ("tier".to_string(), Show::Hidden),
                ("code".to_string(), Show::ReadOnly),
            ];
            custom_field_show(&custom_show, slug)
        };
        assert_eq!(shown("tier"), Show::Hidden);
        assert_eq!(shown("code"), Show::ReadOnly);
        assert_eq!(shown("other"), Show::Editable);
    }

    #[test]
    fn the_form_waits_30_seconds_for_the_service_and_for_the_token_unless_told() {
        let api = ApiConfig::new("https://platform.thena.ai", "org").unwrap();
        let options = AddContactOptions::new(api, TokenSource::fixed("t"));
        assert_eq!(options.request_timeout, Duration::from_secs(30));
        assert_eq!(options.token_timeout, Duration::from_secs(30));
    }
}
