//! What the JavaScript module (`src/js/thena_add_contact.js`) calls: `mount_widget` and the handle
//! it returns ([`handle`]), and the events the widget dispatches on the host element
//! ([`host_fns`]). Options arrive as the host's JavaScript object and are read into serde types
//! ([`options`], [`host_value`], [`option_error`]); event details leave as JavaScript values made
//! by serde-wasm-bindgen. No JSON text crosses the boundary.

pub mod handle;
pub mod host_fns;
pub mod host_value;
pub mod locales;
pub mod option_error;
pub mod options;

pub use handle::{mount_widget, WidgetHandle};
