//! thena-add-contact: an embeddable "add contact" form for the Thena customer platform.
//!
//! - [`contact`]: the API contract as serde types (request body, created contact, errors).
//! - [`field`]: the one list of fields every other part reads.
//! - [`validate`]: the client-side rule of every field.
//! - [`api`]: the one client of `POST /v1/accounts/contacts` (gloo-net).
//! - [`texts`]: every visible text by key, with its English, and the host's overrides.
//! - [`form`]: the Leptos component.
//! - [`embed`]: what the JavaScript module (`src/js/`) calls; the host's options.

pub mod api;
pub mod contact;
pub mod embed;
pub mod field;
pub mod form;
pub mod texts;
pub mod validate;
