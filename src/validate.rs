//! Client-side rules for every field: pure functions over what the person typed, no DOM, no
//! signals. Each rule trims, checks and returns the value to send, or a [`FieldError`] whose
//! message says what to do.

use crate::contact::{CustomFieldValue, NewContact};
use crate::field::{Field, FieldMap};
use crate::texts::{fill, Text, Texts};

/// Longest name, contact type or account ID accepted. The public reference publishes no limit;
/// this keeps a stray paste of a whole document from being sent as a name.
pub const MAX_TEXT_CHARS: usize = 255;
/// The longest address that fits in an SMTP path (RFC 5321), as the issue asks.
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest avatar URL accepted.
pub const MAX_URL_CHARS: usize = 2048;

/// Why a field's value cannot be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    Required,
    TooLong {
        max: usize,
        actual: usize,
    },
    ControlCharacters,
    EmailMissingAt,
    EmailInvalidCharacter(char),
    EmailMissingLocalPart,
    EmailInvalidDomain,
    EmailDomainWithoutDot,
    PhoneMissingCountryCode,
    PhoneInvalidCharacters,
    PhoneWrongLength {
        digits: usize,
    },
    PhoneCountryCodeStartsWithZero,
    UrlNotAbsolute,
    UrlUnsupportedScheme(String),
    UrlContainsSpace,
    UrlMissingHost,
    AccountIdContainsSpace(String),
    AccountIdsRepeated(Vec<String>),
    /// The service said the email is already used by a contact of this organization.
    EmailAlreadyExists,
    /// A message from the service about this field, shown as it came (as text), with a
    /// `{label}` placeholder where it named the property.
    Server(String),
}

impl FieldError {
    /// What the person reads under the field, in the form's texts.
    pub fn message(&self, field: Field, texts: &Texts) -> String {
        let label = texts.label(field);
        let quoted = |text: &str| format!("\u{201c}{text}\u{201d}");
        let (key, name, value) = match self {
            FieldError::Required => {
                let text = if field == Field::Email {
                    Text::EmailRequired
                } else {
                    Text::FirstNameRequired
                };
                return texts.fill(text, &[("label", label)]);
            }
            FieldError::TooLong { max, actual } => {
                let (max, actual) = (max.to_string(), actual.to_string());
                let args = [("label", label), ("max", &max), ("actual", &actual)];
                return texts.fill(Text::ErrorTooLong, &args);
            }
            FieldError::ControlCharacters => (Text::ErrorControlCharacters, "label", label.into()),
            FieldError::EmailMissingAt => (Text::ErrorEmailMissingAt, "", String::new()),
            FieldError::EmailInvalidCharacter(' ') => (Text::ErrorEmailSpace, "", String::new()),
            FieldError::EmailInvalidCharacter(c) => {
                let shown = if c.is_whitespace() || c.is_control() {
                    format!("U+{:04X}", *c as u32)
                } else {
                    quoted(c.encode_utf8(&mut [0; 4]))
                };
                (Text::ErrorEmailInvalidCharacter, "character", shown)
            }
            FieldError::EmailMissingLocalPart => {
                (Text::ErrorEmailMissingLocalPart, "", String::new())
            }
            FieldError::EmailInvalidDomain => (Text::ErrorEmailInvalidDomain, "", String::new()),
            FieldError::EmailDomainWithoutDot => {
                (Text::ErrorEmailDomainWithoutDot, "", String::new())
            }
            FieldError::PhoneMissingCountryCode => {
                (Text::ErrorPhoneMissingCountryCode, "", String::new())
            }
            FieldError::PhoneInvalidCharacters => {
                (Text::ErrorPhoneInvalidCharacters, "", String::new())
            }
            FieldError::PhoneWrongLength { digits } => {
                (Text::ErrorPhoneWrongLength, "digits", digits.to_string())
            }
            FieldError::PhoneCountryCodeStartsWithZero => {
                (Text::ErrorPhoneCountryCodeStartsWithZero, "", String::new())
            }
            FieldError::UrlNotAbsolute => (Text::ErrorUrlNotAbsolute, "", String::new()),
            FieldError::UrlUnsupportedScheme(scheme) => {
                (Text::ErrorUrlUnsupportedScheme, "scheme", scheme.clone())
            }
            FieldError::UrlContainsSpace => (Text::ErrorUrlContainsSpace, "", String::new()),
            FieldError::UrlMissingHost => (Text::ErrorUrlMissingHost, "", String::new()),
            FieldError::AccountIdContainsSpace(id) => {
                (Text::ErrorAccountIdContainsSpace, "id", id.clone())
            }
            FieldError::AccountIdsRepeated(ids) if ids.len() == 1 => {
                (Text::ErrorAccountIdRepeated, "id", ids.concat())
            }
            FieldError::AccountIdsRepeated(ids) => {
                let quoted: Vec<String> = ids.iter().map(|id| quoted(id)).collect();
                (Text::ErrorAccountIdsRepeated, "ids", quoted.join(", "))
            }
            FieldError::EmailAlreadyExists => (Text::ErrorEmailAlreadyExists, "", String::new()),
            FieldError::Server(message) => return fill(message, &[("label", label)]),
        };
        texts.fill(key, &[(name, &value)])
    }
}

/// "Check the highlighted field." / "Check the 3 highlighted fields."
pub fn invalid_fields_summary(count: usize, texts: &Texts) -> String {
    match count {
        1 => texts.get(Text::InvalidField).into(),
        n => texts.fill(Text::InvalidFields, &[("count", &n.to_string())]),
    }
}

/// What the person has typed, one raw string per field, plus what the host passes through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactDraft {
    pub values: FieldMap<String>,
    /// Custom field values passed through unchanged from the host's prefill; not edited in the
    /// form yet.
    pub custom_field_values: Vec<CustomFieldValue>,
}

impl ContactDraft {
    /// Runs the field's rule once and puts its value where the request body carries it.
    fn apply(&self, field: Field, body: &mut NewContact) -> Result<(), FieldError> {
        let raw = &self.values[field];
        match field {
            Field::FirstName => body.first_name = first_name(raw)?,
            Field::LastName => body.last_name = optional_text(raw)?,
            Field::Email => body.email = email(raw)?,
            Field::Phone => body.phone_number = phone(raw)?,
            Field::ContactType => body.contact_type = optional_text(raw)?,
            Field::AvatarUrl => body.avatar_url = avatar_url(raw)?,
            Field::AccountIds => body.account_ids = account_ids(raw)?,
        }
        Ok(())
    }

    /// The error of one field, if it has one.
    pub fn check(&self, field: Field) -> Option<FieldError> {
        self.apply(field, &mut NewContact::default()).err()
    }

    /// The request body, or every field's error in form order (never an empty list). Each rule
    /// runs once.
    pub fn to_request(&self) -> Result<NewContact, Vec<(Field, FieldError)>> {
        let mut body = NewContact {
            custom_field_values: self.custom_field_values.clone(),
            ..NewContact::default()
        };
        let errors: Vec<(Field, FieldError)> = Field::ALL
            .into_iter()
            .filter_map(|field| self.apply(field, &mut body).err().map(|e| (field, e)))
            .collect();
        if errors.is_empty() {
            Ok(body)
        } else {
            Err(errors)
        }
    }
}

fn check_text(value: &str, max: usize) -> Result<(), FieldError> {
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
fn non_empty(raw: &str) -> Option<&str> {
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

/// Avatar URL: optional; an absolute `http` or `https` URL with a host.
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
    if host.is_empty() || host == "[]" || host.chars().all(|c| c == '.') {
        return Err(FieldError::UrlMissingHost);
    }
    Ok(Some(value.to_string()))
}

/// The entries of a comma- or newline-separated list: trimmed, empty ones dropped.
pub fn split_account_ids(raw: &str) -> Vec<&str> {
    raw.split([',', '\n', '\r'])
        .map(str::trim)
        .filter(|id| !id.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(pairs: &[(Field, &str)]) -> ContactDraft {
        let mut draft = ContactDraft::default();
        for (field, value) in pairs {
            draft.values[*field] = value.to_string();
        }
        draft
    }

    const HOSTILE: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "'; DROP TABLE contacts; --",
        "Zoë 👩🏽‍💻 Ñandú",
        "محمد علي",
        "\u{202e}gnp.exe",
        "{{constructor.constructor('alert(1)')()}}",
        "${7*7}",
    ];

    #[test]
    fn first_name_is_required_after_trimming() {
        assert_eq!(first_name(""), Err(FieldError::Required));
        assert_eq!(first_name(" \t\u{a0} "), Err(FieldError::Required));
        assert_eq!(first_name("  Jane "), Ok("Jane".into()));
    }

    #[test]
    fn names_keep_hostile_text_as_plain_text() {
        for text in HOSTILE {
            assert_eq!(first_name(text), Ok(text.to_string()), "{text}");
            assert_eq!(optional_text(text), Ok(Some(text.to_string())), "{text}");
        }
    }

    #[test]
    fn names_reject_control_characters_and_huge_values() {
        assert_eq!(first_name("Ja\u{0}ne"), Err(FieldError::ControlCharacters));
        assert_eq!(first_name("Ja\u{7}ne"), Err(FieldError::ControlCharacters));
        assert_eq!(
            optional_text("Do\u{1b}[31me"),
            Err(FieldError::ControlCharacters)
        );
        let huge = "x".repeat(10_000);
        assert_eq!(
            first_name(&huge),
            Err(FieldError::TooLong {
                max: 255,
                actual: 10_000
            })
        );
        // Characters, not bytes: 255 emoji fit.
        assert!(first_name(&"😀".repeat(255)).is_ok());
        assert!(first_name(&"😀".repeat(256)).is_err());
    }

    #[test]
    fn optional_text_is_none_when_empty() {
        assert_eq!(optional_text("   "), Ok(None));
        assert_eq!(optional_text(" CT123 "), Ok(Some("CT123".into())));
    }

    #[test]
    fn email_accepts_what_an_email_input_accepts() {
        for ok in [
            "john.doe@example.com",
            "a@b.co",
            "first.last+tag@sub.example.co.uk",
            "o'brien@example.ie",
            "x!#$%&'*+/=?^_`{|}~-@ex-ample.com",
            "  padded@example.com  ",
            "digits@123.45.org",
        ] {
            assert_eq!(email(ok), Ok(ok.trim().to_string()), "{ok}");
        }
    }

    #[test]
    fn email_rejections_say_what_is_wrong() {
        assert_eq!(email(""), Err(FieldError::Required));
        assert_eq!(email("john.example.com"), Err(FieldError::EmailMissingAt));
        assert_eq!(
            email("@example.com"),
            Err(FieldError::EmailMissingLocalPart)
        );
        assert_eq!(email("john@"), Err(FieldError::EmailInvalidDomain));
        assert_eq!(
            email("john@localhost"),
            Err(FieldError::EmailDomainWithoutDot)
        );
        assert_eq!(
            email("john@-example.com"),
            Err(FieldError::EmailInvalidDomain)
        );
        assert_eq!(
            email("john@example-.com"),
            Err(FieldError::EmailInvalidDomain)
        );
        assert_eq!(
            email("john@example..com"),
            Err(FieldError::EmailInvalidDomain)
        );
        assert_eq!(
            email("john@example.com."),
            Err(FieldError::EmailInvalidDomain)
        );
        assert_eq!(
            email("jo hn@example.com"),
            Err(FieldError::EmailInvalidCharacter(' '))
        );
        assert_eq!(
            email("a@b@example.com"),
            Err(FieldError::EmailInvalidCharacter('@'))
        );
        assert_eq!(
            email("jöhn@example.com"),
            Err(FieldError::EmailInvalidCharacter('ö'))
        );
        assert_eq!(
            email("john@exämple.com"),
            Err(FieldError::EmailInvalidCharacter('ä'))
        );
        assert_eq!(
            email("<script>@example.com"),
            Err(FieldError::EmailInvalidCharacter('<'))
        );
        assert_eq!(
            email("john<x>"),
            Err(FieldError::EmailInvalidCharacter('<'))
        );
        let long_label = format!("a@{}.com", "b".repeat(64));
        assert_eq!(email(&long_label), Err(FieldError::EmailInvalidDomain));
    }

    #[test]
    fn email_is_at_most_254_characters() {
        let at_limit = format!("{}@example.com", "a".repeat(254 - 12));
        assert_eq!(at_limit.len(), 254);
        assert!(email(&at_limit).is_ok());
        let over = format!("a{at_limit}");
        assert_eq!(
            email(&over),
            Err(FieldError::TooLong {
                max: 254,
                actual: 255
            })
        );
        assert!(matches!(
            email(&"a".repeat(10_000)),
            Err(FieldError::TooLong { .. })
        ));
    }

    #[test]
    fn phone_is_normalized_to_e164() {
        assert_eq!(phone(""), Ok(None));
        assert_eq!(phone("   "), Ok(None));
        assert_eq!(phone("+1234567890"), Ok(Some("+1234567890".into())));
        assert_eq!(phone("+1 (415) 555-0123"), Ok(Some("+14155550123".into())));
        assert_eq!(phone("0044 20.7946.0958"), Ok(Some("+442079460958".into())));
        assert_eq!(phone(" +49 30 901820 "), Ok(Some("+4930901820".into())));
        assert_eq!(phone("+1234567"), Ok(Some("+1234567".into())));
        assert_eq!(
            phone("+123456789012345"),
            Ok(Some("+123456789012345".into()))
        );
    }

    #[test]
    fn phone_without_country_code_says_so() {
        assert_eq!(
            phone("415 555 0123"),
            Err(FieldError::PhoneMissingCountryCode)
        );
        assert_eq!(
            phone("(020) 7946 0958"),
            Err(FieldError::PhoneMissingCountryCode)
        );
        assert!(FieldError::PhoneMissingCountryCode
            .message(Field::Phone, &Texts::default())
            .contains("country code"));
    }

    #[test]
    fn phone_rejects_wrong_length_letters_and_leading_zero() {
        assert_eq!(
            phone("+123456"),
            Err(FieldError::PhoneWrongLength { digits: 6 })
        );
        assert_eq!(
            phone("+1234567890123456"),
            Err(FieldError::PhoneWrongLength { digits: 16 })
        );
        assert_eq!(phone("+"), Err(FieldError::PhoneWrongLength { digits: 0 }));
        assert_eq!(
            phone("+0123456789"),
            Err(FieldError::PhoneCountryCodeStartsWithZero)
        );
        assert_eq!(
            phone("000123456789"),
            Err(FieldError::PhoneCountryCodeStartsWithZero)
        );
        assert_eq!(
            phone("+1 415 555 0123 x12"),
            Err(FieldError::PhoneInvalidCharacters)
        );
        assert_eq!(
            phone("+1+4155550123"),
            Err(FieldError::PhoneInvalidCharacters)
        );
        assert_eq!(phone("call me"), Err(FieldError::PhoneInvalidCharacters));
        assert_eq!(phone("+١٢٣٤٥٦٧٨"), Err(FieldError::PhoneInvalidCharacters));
        for text in HOSTILE {
            assert!(phone(text).is_err(), "{text}");
        }
        assert!(phone(&"9".repeat(10_000)).is_err());
    }

    #[test]
    fn avatar_url_must_be_absolute_http_or_https() {
        assert_eq!(avatar_url(""), Ok(None));
        for ok in [
            "https://example.com/avatar.png",
            "http://example.com",
            "HTTPS://EXAMPLE.COM/A.PNG",
            "https://cdn.example.com:8443/a/b.png?size=64#x",
            "https://user@example.com/a.png",
            "http://[::1]:8080/a.png",
            "https://bücher.example/a.png",
        ] {
            assert_eq!(avatar_url(ok), Ok(Some(ok.to_string())), "{ok}");
        }
        assert_eq!(
            avatar_url("javascript:alert(1)"),
            Err(FieldError::UrlUnsupportedScheme("javascript".into()))
        );
        assert_eq!(
            avatar_url("JaVaScRiPt:alert(1)"),
            Err(FieldError::UrlUnsupportedScheme("javascript".into()))
        );
        assert_eq!(
            avatar_url("data:image/png;base64,iVBORw0KGgo="),
            Err(FieldError::UrlUnsupportedScheme("data".into()))
        );
        assert_eq!(
            avatar_url("ftp://example.com/a.png"),
            Err(FieldError::UrlUnsupportedScheme("ftp".into()))
        );
        for relative in [
            "/avatar.png",
            "avatar.png",
            "//example.com/a.png",
            "example.com:8080/a.png",
            "www.example.com/a.png",
        ] {
            assert_eq!(
                avatar_url(relative),
                Err(FieldError::UrlNotAbsolute),
                "{relative}"
            );
        }
        assert_eq!(
            avatar_url("https:example.com"),
            Err(FieldError::UrlNotAbsolute)
        );
        assert_eq!(avatar_url("https://"), Err(FieldError::UrlMissingHost));
        assert_eq!(
            avatar_url("https:///a.png"),
            Err(FieldError::UrlMissingHost)
        );
        assert_eq!(
            avatar_url("https://:80/a.png"),
            Err(FieldError::UrlMissingHost)
        );
        assert_eq!(
            avatar_url("https://exa mple.com/"),
            Err(FieldError::UrlContainsSpace)
        );
        assert_eq!(
            avatar_url("https://example.com/\u{0}"),
            Err(FieldError::ControlCharacters)
        );
        assert!(matches!(
            avatar_url(&format!("https://example.com/{}", "a".repeat(10_000))),
            Err(FieldError::TooLong { max: 2048, .. })
        ));
    }

    #[test]
    fn account_ids_split_on_commas_and_newlines() {
        assert_eq!(account_ids(""), Ok(vec![]));
        assert_eq!(account_ids(" , \n ,"), Ok(vec![]));
        assert_eq!(
            account_ids("A123, A456"),
            Ok(vec!["A123".into(), "A456".into()])
        );
        assert_eq!(
            account_ids("A123\r\nA456\n\n,A789,"),
            Ok(vec!["A123".into(), "A456".into(), "A789".into()])
        );
        assert_eq!(split_account_ids(" A1 ,, A2\n"), vec!["A1", "A2"]);
    }

    #[test]
    fn account_ids_flag_duplicates_and_spaces() {
        assert_eq!(
            account_ids("A123, A456, A123, A456, A123"),
            Err(FieldError::AccountIdsRepeated(vec![
                "A123".into(),
                "A456".into()
            ]))
        );
        assert_eq!(
            account_ids("A123 A456"),
            Err(FieldError::AccountIdContainsSpace("A123 A456".into()))
        );
        assert!(matches!(
            account_ids(&"A".repeat(10_000)),
            Err(FieldError::TooLong { .. })
        ));
        assert_eq!(account_ids("A1\u{1}"), Err(FieldError::ControlCharacters));
        let msg = FieldError::AccountIdsRepeated(vec!["A123".into()])
            .message(Field::AccountIds, &Texts::default());
        assert!(
            msg.contains("A123") && msg.contains("more than once"),
            "{msg}"
        );
    }

    #[test]
    fn draft_builds_the_request_with_empty_optionals_left_out() {
        let d = draft(&[
            (Field::FirstName, "  Jane "),
            (Field::LastName, "   "),
            (Field::Email, " jane@example.com "),
            (Field::Phone, "+1 (415) 555-0123"),
            (Field::AccountIds, "A1,\nA2"),
        ]);
        let body = d.to_request().unwrap();
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({
                "firstName": "Jane",
                "email": "jane@example.com",
                "phoneNumber": "+14155550123",
                "accountIds": ["A1", "A2"],
            })
        );
    }

    #[test]
    fn draft_reports_every_error_in_form_order() {
        let d = draft(&[
            (Field::Phone, "555 0123 999"),
            (Field::AvatarUrl, "javascript:alert(1)"),
            (Field::AccountIds, "A, A"),
        ]);
        let errors = d.to_request().unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                Field::FirstName,
                Field::Email,
                Field::Phone,
                Field::AvatarUrl,
                Field::AccountIds
            ]
        );
        assert_eq!(d.check(Field::LastName), None);
        assert_eq!(d.check(Field::Email), Some(FieldError::Required));
    }

    /// The `{name}` placeholders the English texts use.
    fn placeholder_names() -> Vec<String> {
        crate::texts::Text::ALL
            .iter()
            .flat_map(|t| t.english().split('{').skip(1))
            .filter_map(|part| part.split_once('}').map(|(name, _)| format!("{{{name}}}")))
            .collect()
    }

    #[test]
    fn hostile_values_in_every_field_get_one_verdict_and_printable_filled_messages() {
        let mut inputs: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
        inputs.push("x".repeat(10_000));
        inputs.push("😀".repeat(10_000));
        inputs.push("\u{0}\u{1}\u{7f}\u{85}\u{2028}".into());
        inputs.push("@@@...,,,\n\n".into());
        inputs.push("\u{fffd}\u{feff}\u{200b}".into());
        inputs.push("a@b.co\u{0}".into());
        inputs.push("A1, A\u{b}2".into());
        let placeholders = placeholder_names();
        let mut messages = 0;
        for input in &inputs {
            for field in Field::ALL {
                let d = draft(&[(field, input.as_str())]);
                let own_error = d.check(field);
                // The submit's verdict on the field is the same rule's.
                let submitted = d.to_request().err().unwrap_or_default();
                let in_submit = submitted.iter().find(|(f, _)| *f == field).map(|(_, e)| e);
                assert_eq!(in_submit, own_error.as_ref(), "{field:?} {input:?}");
                let Some(error) = own_error else { continue };
                let message = error.message(field, &Texts::default());
                messages += 1;
                assert!(!message.trim().is_empty(), "{field:?} {input:?}");
                assert!(
                    !message.chars().any(char::is_control),
                    "{field:?}: a control character reaches the page: {message:?}"
                );
                if !input.contains('{') {
                    for name in &placeholders {
                        assert!(!message.contains(name.as_str()), "{field:?}: {message:?}");
                    }
                }
            }
        }
        assert!(
            messages > inputs.len(),
            "most hostile inputs are refused somewhere"
        );
    }

    #[test]
    fn every_message_names_what_to_do() {
        assert_eq!(
            FieldError::Required.message(Field::FirstName, &Texts::default()),
            "Enter a first name."
        );
        assert_eq!(
            FieldError::Required.message(Field::Email, &Texts::default()),
            "Enter an email address."
        );
        let length = FieldError::TooLong {
            max: 255,
            actual: 300,
        }
        .message(Field::LastName, &Texts::default());
        assert_eq!(
            length,
            "Last name can be at most 255 characters; this one has 300."
        );
    }
}
