//! What a person reads for every error: under a field ([`FieldError`]), above the button
//! ([`ApiError`], [`invalid_fields_summary`]), in the form's texts. Text the person typed is
//! repeated with its control characters written out, so that none reaches the page.

use super::locale::TimeUnit;
use super::texts::{fill, Text, Texts};
use crate::api::error::{ApiError, MAX_COUNTDOWN_SECS};
use crate::model::field::Field;
use crate::model::field_error::FieldError;

impl FieldError {
    /// What the person reads under the field, in the form's texts.
    pub fn message(&self, field: Field, texts: &Texts) -> String {
        let required = if field == Field::Email {
            Text::EmailRequired
        } else {
            Text::FirstNameRequired
        };
        self.labelled(texts.label(field), required, texts)
    }

    /// What the person reads under a custom field (labelled by its name).
    pub fn custom_message(&self, name: &str, texts: &Texts) -> String {
        self.labelled(name, Text::CustomRequired, texts)
    }

    fn labelled(&self, label: &str, required: Text, texts: &Texts) -> String {
        let quoted = |text: &str| format!("\u{201c}{text}\u{201d}");
        let (key, name, value) = match self {
            FieldError::Required => return texts.fill(required, &[("label", label)]),
            FieldError::TooLong { max, actual } => {
                let (max, actual) = (texts.number(*max as u64), texts.number(*actual as u64));
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
            FieldError::PhoneWrongLength { digits } => (
                Text::ErrorPhoneWrongLength,
                "digits",
                texts.number(*digits as u64),
            ),
            FieldError::PhoneCountryCodeStartsWithZero => {
                (Text::ErrorPhoneCountryCodeStartsWithZero, "", String::new())
            }
            FieldError::UrlNotAbsolute => (Text::ErrorUrlNotAbsolute, "", String::new()),
            FieldError::UrlUnsupportedScheme(scheme) => {
                (Text::ErrorUrlUnsupportedScheme, "scheme", scheme.clone())
            }
            FieldError::UrlContainsSpace => (Text::ErrorUrlContainsSpace, "", String::new()),
            FieldError::UrlMissingHost => (Text::ErrorUrlMissingHost, "", String::new()),
            FieldError::UrlInvalidPort => (Text::ErrorUrlInvalidPort, "", String::new()),
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
            FieldError::AccountNotChosen(query) => {
                (Text::ErrorAccountNotChosen, "query", printable(query))
            }
            FieldError::EmailAlreadyExists => (Text::ErrorEmailAlreadyExists, "", String::new()),
            FieldError::Server(message) => return fill(message, &[("label", label)]),
            FieldError::NotWholeNumber => (Text::ErrorNotWholeNumber, "", String::new()),
            FieldError::NotNumber => (Text::ErrorNotNumber, "", String::new()),
            FieldError::TooManyDecimals => (Text::ErrorTooManyDecimals, "", String::new()),
            FieldError::InvalidDate => (Text::ErrorInvalidDate, "", String::new()),
            FieldError::InvalidDateTime => (Text::ErrorInvalidDateTime, "", String::new()),
            FieldError::InvalidTime => (Text::ErrorInvalidTime, "", String::new()),
            FieldError::NotAnOption(value) => {
                let value = quoted(&printable(value));
                return texts.fill(
                    Text::ErrorNotAnOption,
                    &[("value", &value), ("label", label)],
                );
            }
            FieldError::InvalidIpAddress => (Text::ErrorInvalidIpAddress, "", String::new()),
            FieldError::PatternMismatch => (Text::ErrorPatternMismatch, "label", label.into()),
        };
        texts.fill(key, &[(name, &value)])
    }
}

/// Text the person typed, as a message repeats it: control characters as `U+001B`, so that none
/// reaches the page.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                format!("U+{:04X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// "Check the highlighted field." / "Check the 3 highlighted fields."
pub fn invalid_fields_summary(count: usize, texts: &Texts) -> String {
    match count {
        1 => texts.get(Text::InvalidField).into(),
        n => texts.fill(Text::InvalidFields, &[("count", &texts.number(n as u64))]),
    }
}

impl ApiError {
    /// The message shown above the button.
    pub fn message(&self, texts: &Texts) -> String {
        // Status codes are codes, written as sent; durations as the language writes them.
        let seconds = |n| texts.duration(n, TimeUnit::Second, false);
        let (key, name, value) = match self {
            ApiError::Rejected { general, .. } if !general.is_empty() => return general.join(" "),
            ApiError::Rejected { .. } if self.is_conflict() => {
                (Text::ApiConflict, "", String::new())
            }
            ApiError::Rejected { fields, .. } if !fields.is_empty() => {
                return invalid_fields_summary(fields.len(), texts)
            }
            ApiError::Rejected { status, .. } => (Text::ApiRejected, "status", status.to_string()),
            ApiError::Unauthorized { .. } => (Text::ApiUnauthorized, "", String::new()),
            ApiError::Forbidden => (Text::ApiForbidden, "", String::new()),
            ApiError::RateLimited {
                retry_after_secs: Some(secs @ 0..=90),
            } => (Text::ApiRateLimited, "seconds", seconds((*secs).max(2))),
            ApiError::RateLimited {
                retry_after_secs: Some(secs @ 0..=MAX_COUNTDOWN_SECS),
            } => (
                Text::ApiRateLimitedMinutes,
                "minutes",
                texts.duration(secs.div_ceil(60), TimeUnit::Minute, false),
            ),
            ApiError::RateLimited {
                retry_after_secs: Some(_),
            } => (Text::ApiRateLimitedLong, "", String::new()),
            ApiError::RateLimited {
                retry_after_secs: None,
            } => (Text::ApiRateLimitedUnknown, "", String::new()),
            ApiError::Server { status } => (Text::ApiServer, "status", status.to_string()),
            ApiError::Network {
                timeout_secs: Some(secs),
            } => (Text::ApiTimeout, "seconds", seconds(*secs)),
            ApiError::Network { timeout_secs: None } => (Text::ApiNetwork, "", String::new()),
            ApiError::BadResponse { status: 200..=299 } => {
                (Text::ApiProbablyCreated, "", String::new())
            }
            ApiError::BadResponse { status: 404 } => (Text::ApiNotFound, "", String::new()),
            ApiError::BadResponse { status } => {
                (Text::ApiBadResponse, "status", status.to_string())
            }
            ApiError::Unconfirmed { status } => {
                (Text::ApiUnconfirmed, "status", status.to_string())
            }
        };
        texts.fill(key, &[(name, &value)])
    }
}
