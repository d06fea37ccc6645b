//! The widget's data, as plain serde types with no DOM, no signals and no requests: the API
//! contract from the seed ([`contact`]), the organization's data ([`org`]), the one list of the
//! form's fields ([`field`]) and why a field's value cannot be sent ([`field_error`]); and how a
//! URL is read ([`web_url`]). Every other layer reads these; these read nothing of the widget's.

pub mod contact;
pub mod field;
pub mod field_error;
mod lenient;
pub mod org;
pub mod web_url;
