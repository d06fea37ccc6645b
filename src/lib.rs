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
//! The modules:
//! - [`contact`]: the API contract as serde types (request body, created contact, errors).
//! - [`field`]: the one list of fields every other part reads.
//! - [`validate`]: the client-side rule of every field.
//! - [`api`]: the one request builder and response reader of the Thena API (gloo-net).
//! - [`org_data`]: the organization's contact types, custom fields and accounts, as serde types.
//! - [`session`]: requests as the signed-in person (token, refresh, timeouts, abort).
//! - [`live`]: the organization's data, loaded once per page; the duplicate-email search.
//! - [`texts`]: every visible text by key, with its English, and the host's overrides.
//! - [`locale`]: the languages shipped, which one a page asks for, numbers and durations (`Intl`).
//! - [`form`]: the Leptos component.
//! - `embed` (with the `embed` feature): what the JavaScript module (`src/js/`) calls; the host's
//!   options.
//!
//! # Features
//!
//! - `embed` (default): the JavaScript API (`mount_widget` and the handle the npm package's
//!   module calls). A Leptos host turns it off (`default-features = false`), so that its build
//!   carries none of that glue.
#![warn(missing_docs)]

pub use api::{ApiConfig, ConfigError};
pub use contact::{AsItCame, CreatedContact, CustomFieldDatum, CustomFieldValue, NewContact};
pub use field::{Field, FieldMap, Target};
pub use form::{
    AccountSearch, AccountSearchFn, AddContactForm, AddContactFormProps, AddContactOptions,
    Definitions, DraftStorage, EventHandler, FormControl, Show, Theme, TokenFuture, TokenSource,
    WidgetError, WidgetEvent, DEFAULT_TIMEOUT,
};
pub use locale::{Locale, TimeUnit};
pub use org_data::{Account, Choices, ContactType, CustomFieldDefinition, FieldType, Loose};
pub use texts::{Text, Texts};
pub use validate::{ContactDraft, CustomEntry, CustomField, FieldError, Pattern};

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
pub mod contact;
#[cfg(feature = "embed")]
pub mod embed;
pub mod field;
pub mod form;
pub mod live;
pub mod locale;
pub mod org_data;
pub mod session;
pub mod texts;
pub mod validate;

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
