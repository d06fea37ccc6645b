//! thena-add-contact: an embeddable "add contact" form for the Thena customer platform.
//!
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
//! - [`embed`]: what the JavaScript module (`src/js/`) calls; the host's options.

pub mod api;
pub mod contact;
pub mod embed;
pub mod field;
pub mod form;
pub mod live;
pub mod locale;
pub mod org_data;
pub mod session;
pub mod texts;
pub mod validate;
