//! A URL as the WHATWG URL standard reads it, which is how the browser will read it: the
//! browser's own parser (`new URL(…)`) in the widget, the `url` crate (the same standard)
//! natively. `crate::api` decides with it where the token may go; `crate::rules` refuses a
//! URL the browser (and the platform) would refuse.

/// What decides where a URL's requests go, as a WHATWG URL parser reads it.
pub struct UrlParts {
    /// In lower case, without the `:`.
    pub scheme: String,
    /// The host without the port (`[::1]` with its brackets).
    pub hostname: String,
    /// Whether it has a user name or a password.
    pub has_credentials: bool,
}

/// The browser's own parser (`new URL(…)`); `None` when it refuses the text.
#[cfg(target_arch = "wasm32")]
pub fn parse_url(text: &str) -> Option<UrlParts> {
    let url = web_sys::Url::new(text).ok()?;
    Some(UrlParts {
        scheme: url.protocol().trim_end_matches(':').to_string(),
        hostname: url.hostname(),
        has_credentials: !url.username().is_empty() || !url.password().is_empty(),
    })
}

/// Natively (tests, a Rust host's server side) the `url` crate, which implements the same
/// WHATWG standard.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_url(text: &str) -> Option<UrlParts> {
    let url = url::Url::parse(text).ok()?;
    Some(UrlParts {
        scheme: url.scheme().to_string(),
        hostname: url.host_str().unwrap_or_default().to_string(),
        has_credentials: !url.username().is_empty() || url.password().is_some(),
    })
}
