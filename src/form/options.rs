//! What a host gives the form: where to send, as whom, what to prefill and show, whom to tell.

use super::control::FormControl;
use super::draft_store::DraftStorage;
use super::events::EventHandler;
use super::show::{check_hidden, custom_field_show, Show};
use crate::api::{ApiConfig, Session, TokenSource};
use crate::data::AccountSearch;
use crate::i18n::Texts;
use crate::model::field::FieldMap;
use crate::model::org::{ContactType, CustomFieldDefinition};
use crate::rules::ContactDraft;
use serde::Deserialize;
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
    /// Called with every [`WidgetEvent`](super::WidgetEvent); `None` (the default) reports nothing.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_waits_30_seconds_for_the_service_and_for_the_token_unless_told() {
        let api = ApiConfig::new("https://platform.thena.ai", "org").unwrap();
        let options = AddContactOptions::new(api, TokenSource::fixed("t"));
        assert_eq!(options.request_timeout, Duration::from_secs(30));
        assert_eq!(options.token_timeout, Duration::from_secs(30));
    }
}
