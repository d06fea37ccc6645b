//! The one client of the Thena API: it builds every request ([`request`]), sends it as the
//! signed-in person ([`session`], [`fetch`](mod@fetch)) and turns every outcome into one typed result
//! ([`reply`], [`error`]), so the view never looks at a status code. The browser parses the
//! reply (`JSON.parse`) and serde-wasm-bindgen reads it into the contract's types.

pub mod config;
pub mod error;
pub mod fetch;
pub mod reply;
pub mod request;
pub mod session;

pub use config::{ApiConfig, ConfigError};
pub use error::{ApiError, ErrorKind, MAX_COUNTDOWN_SECS};
pub use fetch::{fetch, Answer, MAX_BODY_BYTES};
pub use reply::{
    flat_or_data, interpret_response, list, list_page, search_hits, Reply, ResponseParts,
};
pub use request::{to_js, ApiRequest, CONTACTS_PATH};
pub use session::{Session, TokenFuture, TokenSource};
