//! Everything a person reads: the texts by key with their English ([`texts`]), the languages
//! shipped with numbers and durations as each writes them ([`locale`]), and the message of every
//! error ([`messages`]).

pub mod locale;
pub mod messages;
pub mod texts;

pub use locale::{Locale, TimeUnit};
pub use messages::invalid_fields_summary;
pub use texts::{fill, Text, Texts};

#[cfg(test)]
mod tests;
