//! thena-add-contact: an embeddable "add contact" form for the Thena customer platform.
//!
//! - [`contact`]: the API contract (request body, created contact).
//! - [`field`]: the one list of fields every other part reads.
//! - [`json`]: the little JSON the widget reads and writes.
//! - [`validate`]: the client-side rule of every field.
//! - [`api`]: the one client of `POST /v1/accounts/contacts`.
//! - [`texts`]: every visible text by key, and the host's overrides.
//! - [`form`]: the Leptos component.
//! - [`embed`]: what the JavaScript module (`src/js/`) calls.

pub mod api;
pub mod contact;
pub mod embed;
pub mod field;
pub mod form;
pub mod json;
pub mod texts;
pub mod validate;
