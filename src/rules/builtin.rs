//! The built-in fields' rules: names, email, phone, avatar URL, account IDs.

use crate::model::field_error::FieldError;
use crate::model::web_url;

/// Longest name, contact type or account ID accepted. The public reference publishes no limit;
/// this keeps a stray paste of a whole document from being sent as a name.
pub const MAX_TEXT_CHARS: usize = 255;
/// The longest address that fits in an SMTP path (RFC 5321), as the issue asks.
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest avatar URL accepted.
pub const MAX_URL_CHARS: usize = 2048;
/// Longest multi-line custom field value accepted.
pub const MAX_LONG_TEXT_CHARS: usize = 10_000;

pub(super) fn check_text(value: &str, max: usize) -> Result<(), FieldError> {
    let actual = value.chars().count();
    if actual > max {
        return Err(FieldError::TooLong { max, actual });
    }
    if value.chars().any(char::is_control) {
        return Err(FieldError::ControlCharacters);
    }
    Ok(())
}

/// Trimmed, `None` when empty.
pub(super) fn non_empty(raw: &str) -> Option<&str> {
    let value = raw.trim();
    (!value.is_empty()).then_some(value)
}

/// First name: required after trimming.
pub fn first_name(raw: &str) -> Result<String, FieldError> {
    optional_text(raw)?.ok_or(FieldError::Required)
}

/// Last name, contact type: optional text.
pub fn optional_text(raw: &str) -> Result<Option<String>, FieldError> {
    let Some(value) = non_empty(raw) else {
        return Ok(None);
    };
    check_text(value, MAX_TEXT_CHARS)?;
    Ok(Some(value.to_string()))
}

/// Email: required; valid by the WHATWG `<input type=email>` rule, with a dot in the domain, and
/// at most 254 characters.
pub fn email(raw: &str) -> Result<String, FieldError> {
    let value = non_empty(raw).ok_or(FieldError::Required)?;
    let actual = value.chars().count();
    if actual > MAX_EMAIL_CHARS {
        return Err(FieldError::TooLong {
            max: MAX_EMAIL_CHARS,
            actual,
        });
    }
    let Some((local, domain)) = value.split_once('@') else {
        if let Some(c) = value.chars().find(|&c| !is_email_local_char(c) && c != '.') {
            return Err(FieldError::EmailInvalidCharacter(c));
        }
        return Err(FieldError::EmailMissingAt);
    };
    if let Some(c) = local.chars().find(|&c| !is_email_local_char(c)) {
        return Err(FieldError::EmailInvalidCharacter(c));
    }
    if local.is_empty() {
        return Err(FieldError::EmailMissingLocalPart);
    }
    if let Some(c) = domain
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
    {
        return Err(FieldError::EmailInvalidCharacter(c));
    }
    if domain.is_empty() || !domain.split('.').all(is_domain_label) {
        return Err(FieldError::EmailInvalidDomain);
    }
    if !domain.contains('.') {
        return Err(FieldError::EmailDomainWithoutDot);
    }
    Ok(value.to_string())
}

/// The WHATWG local-part characters: `a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-`.
fn is_email_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)
}

/// A WHATWG domain label: 1 to 63 of `a-zA-Z0-9-`, not starting or ending with `-`.
fn is_domain_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// Phone: optional. Spaces, dashes, dots and parentheses are ignored and a leading `00` means `+`;
/// the result must be E.164 (`+`, then 7 to 15 digits, the first not 0) and is sent normalized.
pub fn phone(raw: &str) -> Result<Option<String>, FieldError> {
    let compact: String = raw
        .chars()
        .filter(|&c| !(c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')')))
        .collect();
    if compact.is_empty() {
        return Ok(None);
    }
    let international = match compact.strip_prefix("00") {
        Some(rest) => Some(rest),
        None => compact.strip_prefix('+'),
    };
    let Some(digits) = international else {
        return Err(if compact.chars().all(|c| c.is_ascii_digit()) {
            FieldError::PhoneMissingCountryCode
        } else {
            FieldError::PhoneInvalidCharacters
        });
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::PhoneInvalidCharacters);
    }
    if !(7..=15).contains(&digits.len()) {
        return Err(FieldError::PhoneWrongLength {
            digits: digits.len(),
        });
    }
    if digits.starts_with('0') {
        return Err(FieldError::PhoneCountryCodeStartsWithZero);
    }
    Ok(Some(format!("+{digits}")))
}

/// Avatar URL: optional; an absolute `http` or `https` URL with a host, sent with its scheme in
/// lower case (`HTTPS://A.COM` as `https://A.COM`).
pub fn avatar_url(raw: &str) -> Result<Option<String>, FieldError> {
    let Some(value) = non_empty(raw) else {
        return Ok(None);
    };
    let actual = value.chars().count();
    if actual > MAX_URL_CHARS {
        return Err(FieldError::TooLong {
            max: MAX_URL_CHARS,
            actual,
        });
    }
    if value.chars().any(char::is_control) {
        return Err(FieldError::ControlCharacters);
    }
    let Some((scheme, rest)) = value.split_once(':') else {
        return Err(FieldError::UrlNotAbsolute);
    };
    // RFC 3986 scheme characters; a '.' means it was a host name ("example.com:8080/a.png").
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-');
    if !is_scheme {
        return Err(FieldError::UrlNotAbsolute);
    }
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return Err(FieldError::UrlUnsupportedScheme(
            scheme.to_ascii_lowercase(),
        ));
    }
    if value.chars().any(char::is_whitespace) {
        return Err(FieldError::UrlContainsSpace);
    }
    let Some(after_slashes) = rest.strip_prefix("//") else {
        return Err(FieldError::UrlNotAbsolute);
    };
    let authority = after_slashes
        .split(['/', '?', '#', '\\'])
        .next()
        .unwrap_or_default();
    let host_and_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if host_and_port.starts_with('[') {
        host_and_port
            .split_inclusive(']')
            .next()
            .unwrap_or_default()
    } else {
        host_and_port.split(':').next().unwrap_or_default()
    };
    let unclosed = host.starts_with('[') && !host.ends_with(']');
    if host.is_empty() || host == "[]" || unclosed || host.chars().all(|c| c == '.') {
        return Err(FieldError::UrlMissingHost);
    }
    // What follows the host: nothing, or `:` and a port (empty means the default one).
    let port = host_and_port[host.len()..].strip_prefix(':');
    let valid_port = |port: &str| {
        let significant = port.trim_start_matches('0');
        port.bytes().all(|b| b.is_ascii_digit())
            && significant.len() <= 5
            && significant.parse::<u32>().map_or(true, |n| n <= 65535)
    };
    if host_and_port.len() > host.len() && !port.is_some_and(valid_port) {
        return Err(FieldError::UrlInvalidPort);
    }
    // Last, the standard's own reading: a host it cannot read (an invalid international name)
    // is refused by the browser and the platform alike.
    if web_url::parse_url(value).is_none_or(|url| url.hostname.is_empty()) {
        return Err(FieldError::UrlMissingHost);
    }
    Ok(Some(format!("{}:{rest}", scheme.to_ascii_lowercase())))
}

/// The entries of a comma- or newline-separated list: trimmed, empty ones dropped.
pub fn split_account_ids(raw: &str) -> Vec<&str> {
    raw.split([',', '\n', '\r'])
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .collect()
}

/// The entries of a comma- or newline-separated list, owned.
pub fn account_id_list(raw: &str) -> Vec<String> {
    split_account_ids(raw)
        .into_iter()
        .map(String::from)
        .collect()
}

/// Account IDs: a comma- or newline-separated list; each ID once.
pub fn account_ids(raw: &str) -> Result<Vec<String>, FieldError> {
    let ids = split_account_ids(raw);
    for id in &ids {
        check_text(id, MAX_TEXT_CHARS)?;
        if id.chars().any(char::is_whitespace) {
            return Err(FieldError::AccountIdContainsSpace(id.to_string()));
        }
    }
    let mut repeated: Vec<String> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) && !repeated.iter().any(|r| r == id) {
            repeated.push(id.to_string());
        }
    }
    if !repeated.is_empty() {
        return Err(FieldError::AccountIdsRepeated(repeated));
    }
    Ok(ids.into_iter().map(String::from).collect())
}
