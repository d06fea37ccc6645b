//! thena-add-contact: an embeddable "add contact" form for the Thena customer platform.
//!
//! The form renders its fields, checks what the person types before anything is sent, and
//! creates the contact with the platform's `POST /v1/accounts/contacts` as the signed-in person.
//! Web portals use it through the JavaScript module (the npm package, see the README); a portal
//! written with [Leptos](https://leptos.dev) 0.8 uses the component from this crate:
//!
//! ```no_run
//! use leptos::prelude::*;
//! use thena_add_contact::{AddContactForm, AddContactOptions, ApiConfig, TokenSource};
//!
//! #[component]
//! fn NewCustomer(token: String) -> impl IntoView {
//!     let api = ApiConfig::new("https://platform.thena.ai", "org_7Hq2").expect("a valid base URL");
//!     let options = AddContactOptions::new(api, TokenSource::fixed(token));
//!     view! { <AddContactForm options /> }
//! }
//! ```
//!
//! The page needs the widget's stylesheet: [`STYLESHEET`] in a `<style>`, or a link to
//! `style/thena-add-contact.css`. The crate renders in the browser only: it turns on Leptos's
//! `csr` feature, which fits a client-side rendered portal (built with Trunk, say); it does not
//! offer Leptos's `ssr` and `hydrate` features yet.
//!
//! What is public, and covered by the version number, is what is re-exported at the crate root
//! (listed below, under "Re-exports"). The modules are the widget's own parts, public for its
//! tests: they are documented, but they change without notice.
//!
//! The modules, in layers (each imports only from the layers below it):
//! - [`model`]: the API contract, the organization's data and the form's fields, as serde types.
//! - [`rules`] (on `model`): the client-side rule of every field.
//! - [`api`] (on `model`): the one client of the Thena API: requests, the session, replies.
//! - [`i18n`] (on `model`, `rules`, `api`): every visible text, the languages, the messages.
//! - [`data`] (on `api`, `rules`): the organization's data, loaded once per page; the searches.
//! - [`form`] (on all of the above): the Leptos component, its controllers and views.
//! - `embed` (on `form`; with the `embed` feature): what the JavaScript module (`src/js/`)
//!   calls; the host's options.
//!
//! # Features
//!
//! - `embed` (default): the JavaScript API (`mount_widget` and the handle the npm package's
//!   module calls). A Leptos host turns it off (`default-features = false`), so that its build
//!   carries none of that glue.
#![warn(missing_docs)]

pub use api::{ApiConfig, ConfigError, TokenFuture, TokenSource};
pub use data::{AccountSearch, AccountSearchFn};
pub use form::{
    AddContactForm, AddContactFormProps, AddContactOptions, Definitions, DraftStorage,
    EventHandler, FormControl, Show, Theme, WidgetError, WidgetEvent, DEFAULT_TIMEOUT,
};
pub use i18n::{Locale, Text, Texts, TimeUnit};
pub use model::contact::{
    AsItCame, CreatedContact, CustomFieldDatum, CustomFieldValue, NewContact,
};
pub use model::field::{Field, FieldMap, Target};
pub use model::field_error::FieldError;
pub use model::org::{Account, Choices, ContactType, CustomFieldDefinition, FieldType, Loose};
pub use rules::{ContactDraft, CustomEntry, CustomField, Pattern};

/// The widget's stylesheet (`style/thena-add-contact.css`), for a Leptos host to put in its page:
/// the form's classes and its `--thena-*` custom properties (see the README's "Themes").
///
/// # Examples
///
/// ```no_run
/// use leptos::prelude::*;
/// use thena_add_contact::{AddContactForm, AddContactOptions, STYLESHEET};
///
/// #[component]
/// fn NewCustomer(options: AddContactOptions) -> impl IntoView {
///     view! {
///         <style>{STYLESHEET}</style>
///         <AddContactForm options />
///     }
/// }
/// ```
pub const STYLESHEET: &str = include_str!("../style/thena-add-contact.css");

pub mod api;
pub mod data;
#[cfg(feature = "embed")]
pub mod embed;
pub mod form;
pub mod i18n;
pub mod model;
pub mod rules;

#[cfg(test)]
mod tests {
    /// One version number: the crate's is the npm package's, and the changelog has a section
    /// for it.
    #[test]
    fn the_crate_the_npm_package_and_the_changelog_share_one_version() {
        let package: serde_json::Value =
            serde_json::from_str(include_str!("../npm/package.json")).unwrap();
        assert_eq!(package["version"], env!("CARGO_PKG_VERSION"));
        let changelog = include_str!("../CHANGELOG.md");
        let section = format!("\n## [{}] - ", env!("CARGO_PKG_VERSION"));
        assert!(
            changelog.contains(&section),
            "CHANGELOG.md lacks {section:?}"
        );
    }
}
