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
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use thena_add_contact::{AddContactOptions, ApiConfig, TokenSource, DEFAULT_TIMEOUT};
///
/// let api = ApiConfig::new("https://platform.thena.ai", "org_7Hq2").unwrap();
/// let mut options = AddContactOptions::new(api, TokenSource::fixed("eyJhbGciOi…"));
/// assert_eq!(options.request_timeout, DEFAULT_TIMEOUT);
/// assert_eq!(DEFAULT_TIMEOUT, Duration::from_secs(30));
/// // Behind a slow proxy: give the service longer.
/// options.request_timeout = Duration::from_secs(60);
/// ```
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A future that yields the bearer token, or `None` when the host has none.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{TokenFuture, TokenSource};
///
/// /// The portal's signed-in session, asked for its current token.
/// fn current_token() -> TokenFuture {
///     Box::pin(async { Some("eyJhbGciOiJIUzI1NiJ9.current".to_string()) })
/// }
///
/// let token = TokenSource::from_fn(current_token);
/// assert!(token.refreshes());
/// ```
pub type TokenFuture = Pin<Box<dyn Future<Output = Option<String>>>>;

/// Where the bearer token comes from: asked for before every request, so a host can refresh it.
///
/// # Examples
///
/// ```
/// use thena_add_contact::TokenSource;
///
/// /// The portal's own refresh (a request to its backend in a real page).
/// async fn refresh_token() -> Option<String> {
///     Some("eyJhbGciOiJIUzI1NiJ9.fresh".to_string())
/// }
///
/// // Asked before every request, and once more after a 401.
/// let tokens = TokenSource::from_fn(|| Box::pin(refresh_token()));
/// assert!(tokens.refreshes());
/// // A fixed token is never asked again: a 401 ends the attempt.
/// assert!(!TokenSource::fixed("eyJhbGciOiJIUzI1NiJ9.static").refreshes());
/// ```
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

    /// The token for the next request: the fixed one, or what the function gives.
    pub fn get(&self) -> TokenFuture {
        (self.get)()
    }

    /// Whether a new token can be asked for (made with [`TokenSource::from_fn`]): only then is a
    /// request refused with 401 sent once more.
    pub fn refreshes(&self) -> bool {
        self.refreshes
    }
}

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
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use thena_add_contact::{Account, AccountSearch, AccountSearchFn};
///
/// /// The portal's own lookup (its backend, in a real page).
/// fn find(query: &str) -> Vec<Account> {
///     let acme = Account {
///         id: "acc_acme".into(),
///         name: "Acme Corp".into(),
///         primary_domain: Some("acme.com".into()),
///     };
///     let query = query.to_lowercase();
///     let matches = |a: &Account| {
///         a.name.to_lowercase().contains(&query) || a.primary_domain.as_deref() == Some(&query)
///     };
///     [acme].into_iter().filter(matches).collect()
/// }
///
/// let search: AccountSearchFn = Rc::new(|query: String| {
///     let found = find(&query);
///     Box::pin(async move { Some(found) })
/// });
/// let account_search = AccountSearch::Host(search);
/// assert_eq!(find("acme.com")[0].name, "Acme Corp");
/// ```
pub type AccountSearchFn =
    Rc<dyn Fn(String) -> Pin<Box<dyn Future<Output = Option<Vec<Account>>>>>>;

/// Where the account picker finds accounts by name or domain.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{AccountSearch, AddContactOptions, ApiConfig, TokenSource};
///
/// let api = ApiConfig::new("https://platform.thena.ai", "org_7Hq2").unwrap();
/// let mut options = AddContactOptions::new(api, TokenSource::fixed("eyJhbGciOi…"));
/// assert!(matches!(options.account_search, AccountSearch::Platform));
/// // This portal's people know their account IDs: no search.
/// options.account_search = AccountSearch::Off;
/// ```
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
///
/// # Examples
///
/// ```
/// use thena_add_contact::{AddContactOptions, ApiConfig, ContactType, Definitions, TokenSource};
///
/// let api = ApiConfig::new("https://platform.thena.ai", "org_7Hq2").unwrap();
/// let mut options = AddContactOptions::new(api, TokenSource::fixed("eyJhbGciOi…"));
/// assert_eq!(options.contact_types, Definitions::Load);
/// // The portal has the contact types already: nothing is loaded at mount.
/// options.contact_types = Definitions::Given(vec![
///     ContactType { id: "CT_PRIMARY".into(), value: "Primary".into(), is_default: true },
///     ContactType { id: "CT_BILLING".into(), value: "Billing".into(), is_default: false },
/// ]);
/// // And shows no custom fields.
/// options.custom_fields = Definitions::Off;
/// ```
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
///
/// # Examples
///
/// ```
/// use thena_add_contact::{AddContactOptions, ApiConfig, Field, Show, TokenSource};
///
/// let api = ApiConfig::new("https://platform.thena.ai", "org_7Hq2").unwrap();
/// let mut options = AddContactOptions::new(api, TokenSource::fixed("eyJhbGciOi…"));
/// options.values.values[Field::ContactType] = "CT_BILLING".into();
/// options.show[Field::ContactType] = Show::ReadOnly;
/// options.custom_show.push(("customer_tier".into(), Show::Hidden));
/// assert_eq!(options.check(), Ok(()));
/// // A hidden field needs a valid value: nobody could see or fix it.
/// options.show[Field::Email] = Show::Hidden;
/// assert_eq!(
///     options.check(),
///     Err("hidden field email needs a valid value: Enter an email address.".into())
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    /// Shown and editable (the default).
    #[default]
    Editable,
    /// Shown and sent, not editable: a value the host decides.
    ReadOnly,
    /// Not shown, sent as the host set it.
    Hidden,
}

/// The form's colours: light (the default, as most portals are), dark, or `auto`, following the
/// person's system setting (`prefers-color-scheme`).
///
/// # Examples
///
/// ```
/// use thena_add_contact::Theme;
///
/// assert_eq!(Theme::default(), Theme::Light);
/// assert_eq!(Theme::Auto.name(), "auto");
/// let theme: Theme = serde_json::from_str(r#""dark""#).unwrap();
/// assert_eq!(theme, Theme::Dark);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Light colours (the default).
    #[default]
    Light,
    /// Dark colours.
    Dark,
    /// Light or dark, as the person's system is set (`prefers-color-scheme`).
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
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use thena_add_contact::{AddContactOptions, ApiConfig, Field, Show, TokenSource, WidgetEvent};
///
/// let api = ApiConfig::new("https://platform.thena.ai", "org_7Hq2").unwrap();
/// let mut options = AddContactOptions::new(api, TokenSource::fixed("eyJhbGciOi…"));
/// // A contact of the account the portal shows: prefilled, and not shown.
/// options.values.values[Field::Email] = "jane@acme.com".into();
/// options.values.values[Field::AccountIds] = "acc_acme".into();
/// options.show[Field::AccountIds] = Show::Hidden;
/// options.on_event = Some(Rc::new(|event| {
///     if let WidgetEvent::Created(contact) = event {
///         leptos::logging::log!("added {}", contact.id);
///     }
///     true
/// }));
/// assert_eq!(options.check(), Ok(()));
/// ```
#[derive(Clone)]
pub struct AddContactOptions {
    /// Where the requests go, and for which organization.
    pub api: ApiConfig,
    /// The signed-in person's bearer token.
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
    /// The contact types the form offers; loaded from the API by default.
    pub contact_types: Definitions<Vec<ContactType>>,
    /// The organization's custom fields for contacts, shown after the built-in fields; loaded
    /// from the API by default.
    pub custom_fields: Definitions<Vec<CustomFieldDefinition>>,
    /// Whether an email that loses focus is looked up, to warn about an existing contact.
    pub check_duplicates: bool,
    /// Where the account picker finds accounts by name or domain.
    pub account_search: AccountSearch,
    /// The texts: a language, with the host's `strings` over it. Their language is the form's
    /// `lang`, and sets its direction.
    pub texts: Texts,
    /// The form's colours; light by default.
    pub theme: Theme,
    /// Called with every [`WidgetEvent`]; `None` (the default) reports nothing.
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
    /// The options for `api` and `token`, with defaults for the rest: no prefilled values, every
    /// field editable, contact types and custom fields loaded from the API, the duplicate check
    /// on, the platform's account search, English, the light theme, [`DEFAULT_TIMEOUT`] for both
    /// timeouts, no draft kept.
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
    #[doc(hidden)]
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
///
/// # Examples
///
/// ```no_run
/// use leptos::prelude::*;
/// use thena_add_contact::{AddContactForm, AddContactOptions, Field, FormControl};
///
/// #[component]
/// fn NewContactPanel(options: AddContactOptions) -> impl IntoView {
///     let control = FormControl::default();
///     let options = AddContactOptions { control: Some(control.clone()), ..options };
///     let prefill = control.clone();
///     view! {
///         <AddContactForm options />
///         <button on:click=move |_| control.reset()>"Start over"</button>
///         <button on:click=move |_| {
///             let _ = prefill.set_values(&[(Field::Email, "jane@acme.com".into())]);
///         }>"Use Jane's address"</button>
///     }
/// }
/// ```
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
    #[doc(hidden)]
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
