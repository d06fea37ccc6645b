//! Where and as whom the widget calls the API: the base URL (checked with a WHATWG URL parser,
//! the browser's own in the widget, so that the host the token goes to is the host the browser
//! will call) and the organization.

use super::request::CONTACTS_PATH;
use crate::model::web_url::parse_url;

/// Where and as whom the widget calls the API.
///
/// # Examples
///
/// ```
/// use thena_add_contact::ApiConfig;
///
/// let api = ApiConfig::new("https://platform.thena.ai/", " org_7Hq2 ").unwrap();
/// assert_eq!(api.api_base(), "https://platform.thena.ai");
/// assert_eq!(api.org_id(), "org_7Hq2");
/// assert_eq!(api.contacts_url(), "https://platform.thena.ai/v1/accounts/contacts");
/// // Plain http only for a local stand-in of the API.
/// assert!(ApiConfig::new("http://localhost:8787", "org_7Hq2").is_ok());
/// assert!(ApiConfig::new("http://platform.thena.ai", "org_7Hq2").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiConfig {
    api_base: String,
    org_id: String,
}

/// Why an [`ApiConfig`] could not be made; the message names the option.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{ApiConfig, ConfigError};
///
/// let error: ConfigError = ApiConfig::new("https://platform.thena.ai", " ").unwrap_err();
/// assert_eq!(error.to_string(), "orgId is required");
/// let error = ApiConfig::new("platform.thena.ai", "org_7Hq2").unwrap_err();
/// assert!(error.0.starts_with("apiBase must be an absolute https:// URL"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ApiConfig {
    /// `api_base`: an absolute `https` URL (plain `http` only for `localhost`, `127.0.0.1` and
    /// `[::1]`), without a user name, a password, a backslash, spaces, a query or a fragment;
    /// `org_id`: the organization sent as `x-org-id`, printable ASCII.
    pub fn new(api_base: &str, org_id: &str) -> Result<ApiConfig, ConfigError> {
        let api_base = api_base.trim().trim_end_matches('/');
        check_base(api_base)?;
        let org_id = org_id.trim();
        if org_id.is_empty() {
            return Err(ConfigError("orgId is required".into()));
        }
        if !is_header_value(org_id) {
            return Err(ConfigError(
                "orgId may contain only printable ASCII characters".into(),
            ));
        }
        Ok(ApiConfig {
            api_base: api_base.to_string(),
            org_id: org_id.to_string(),
        })
    }

    /// The base URL, trimmed and without a trailing `/` (`https://platform.thena.ai`).
    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    /// The organization's ID, trimmed: the `x-org-id` header of every request.
    pub fn org_id(&self) -> &str {
        &self.org_id
    }

    /// The URL of the create: the base URL followed by [`CONTACTS_PATH`].
    pub fn contacts_url(&self) -> String {
        format!("{}{CONTACTS_PATH}", self.api_base)
    }
}

/// Refuses a base URL the token must not be sent to, read as the browser reads it.
fn check_base(api_base: &str) -> Result<(), ConfigError> {
    let absolute = || {
        ConfigError(format!(
            "apiBase must be an absolute https:// URL, like https://platform.thena.ai (got \"{api_base}\")"
        ))
    };
    // As written, not only as parsed: the parser reads `https:platform.thena.ai` as a URL, but
    // a request path appended to it would be relative to the host page.
    let lower = api_base.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(absolute());
    }
    // The parser drops tabs and line breaks, and would keep a query or fragment that the
    // request paths are appended after: refused as written.
    if api_base
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
        || api_base.contains(['?', '#'])
    {
        return Err(ConfigError(format!(
            "apiBase must not contain spaces, a query or a fragment, got \"{api_base}\""
        )));
    }
    let url = parse_url(api_base)
        .filter(|url| matches!(url.scheme.as_str(), "http" | "https") && !url.hostname.is_empty())
        .ok_or_else(absolute)?;
    // A user name or a password: fetch refuses such a URL, and a reader may take the name for
    // the host (`http://localhost@evil.com`). A backslash is a `/` to the browser: never meant.
    if url.has_credentials || api_base.contains('\\') {
        return Err(ConfigError(format!(
            "apiBase must not contain a user name, a password or a backslash, got \"{api_base}\""
        )));
    }
    // What the browser will call: `http://127.1` is 127.0.0.1 to it, and local.
    let local = matches!(url.hostname.as_str(), "localhost" | "127.0.0.1" | "[::1]");
    if url.scheme == "http" && !local {
        return Err(ConfigError(format!(
            "apiBase must use https:// (plain http:// only for localhost), got \"{api_base}\""
        )));
    }
    Ok(())
}

/// What `fetch` accepts in a header without throwing: printable ASCII.
pub(crate) fn is_header_value(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| (0x20..0x7f).contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_requires_https_except_on_localhost() {
        let c = ApiConfig::new("https://platform.thena.ai/", "org_1").unwrap();
        assert_eq!(
            c.contacts_url(),
            "https://platform.thena.ai/v1/accounts/contacts"
        );
        assert!(ApiConfig::new("http://localhost:8787", "o").is_ok());
        assert!(ApiConfig::new("http://127.0.0.1:8787/", "o").is_ok());
        assert!(ApiConfig::new("HTTP://[::1]:80", "o").is_ok());
        for bad in BAD_BASES {
            let err = ApiConfig::new(bad, "o").unwrap_err();
            assert!(err.0.contains("apiBase"), "{bad}: {err}");
        }
        assert_eq!(
            ApiConfig::new("https://a.com", " ").unwrap_err().0,
            "orgId is required"
        );
        assert!(ApiConfig::new("https://a.com", "org\nX: y")
            .unwrap_err()
            .0
            .contains("orgId"));
        assert!(ApiConfig::new("https://a.com", "orgé").is_err());
    }

    /// Base URLs the token must not go to (the browser tests check the same list with the
    /// browser's parser).
    pub(crate) const BAD_BASES: &[&str] = &[
        "http://platform.thena.ai",
        "http://localhost.evil.com",
        "platform.thena.ai",
        "/v1",
        "",
        "javascript:alert(1)",
        "https://",
        "https://exa mple.com",
        "https://a.com/?x",
        // The browser's host is evil.com in each: plain http and the token would go there.
        "http://evil.com\\@localhost",
        "http://[::1]@evil.com",
        "http://localhost@evil.com",
        "http://evil.com\\.localhost",
        "https://user:secret@platform.thena.ai",
        "http://127.0.0.1.evil.com",
        "http://0x7f.1@evil.com",
        // Parsed as https://platform.thena.ai/, but a path appended to it is relative.
        "https:platform.thena.ai",
        "https:/platform.thena.ai",
    ];
}
