//! Every way a request can fail, as one typed value: what the service said (field by field when
//! it named fields), what it did not say, and what the form can do about it (wait, try again,
//! check whether a lost reply's contact was created). The messages people read are in
//! `crate::i18n`.

use crate::model::field::{Field, Target};
use crate::model::field_error::FieldError;

/// The longest wait after a 429 that the form counts down; a longer one (a `Retry-After` of ten
/// years) is reported as "try again later", and "Try again" stays usable.
pub const MAX_COUNTDOWN_SECS: u64 = 3600;

/// What kind of failure the host receives in `contact:error`'s `kind`.
///
/// # Examples
///
/// ```
/// use thena_add_contact::api::ErrorKind;
///
/// assert_eq!(ErrorKind::RateLimited.name(), "rate_limited");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A field's value cannot be sent (the form's rules, or the service's refusal).
    Validation,
    /// 401, or no token.
    Unauthorized,
    /// 403.
    Forbidden,
    /// The email is taken.
    Conflict,
    /// 429.
    RateLimited,
    /// A 5xx.
    Server,
    /// No answer.
    Network,
    /// A reply that is not the documented one.
    BadResponse,
    /// A host value that does not fit the organization's data.
    Options,
}

impl ErrorKind {
    /// As the host reads it: `"validation"`, `"rate_limited"`, …
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::Conflict => "conflict",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::Network => "network",
            ErrorKind::BadResponse => "bad_response",
            ErrorKind::Options => "options",
        }
    }
}

/// Every way a request can fail.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// 400, 409 or 422: the service refused the contact. Its messages are attached to the fields
    /// they name (a duplicate email to the email field), the rest are kept to show above the
    /// button.
    Rejected {
        /// The status sent: 400, 409 or 422.
        status: u16,
        /// The messages that name a field, each on the field (built-in or custom) it is about.
        fields: Vec<(Target, FieldError)>,
        /// The messages that name no field, as sent.
        general: Vec<String>,
    },
    /// 401, or no token the host could give (`status` is then `None`).
    Unauthorized {
        /// `Some(401)`, or `None` when nothing was sent for want of a token.
        status: Option<u16>,
    },
    /// 403: the signed-in person may not add contacts in this organization.
    Forbidden,
    /// 429: too many requests.
    RateLimited {
        /// The seconds to wait (`Retry-After`, else `X-RateLimit-Reset`); `None` when the reply
        /// named no wait that could be read (see [`ApiError::with_backoff`]).
        retry_after_secs: Option<u64>,
    },
    /// A 5xx: the service failed.
    Server {
        /// The status sent (500 to 599).
        status: u16,
    },
    /// No answer: the network failed, or none came within `timeout_secs`.
    Network {
        /// The timeout that ran out, in seconds; `None` when the network failed (or the request
        /// could not be made).
        timeout_secs: Option<u64>,
    },
    /// A reply that is not the documented JSON, or a status the API does not document.
    BadResponse {
        /// The status sent.
        status: u16,
    },
    /// A 2xx whose body could not be read, after which a search did not find the contact: it
    /// was probably not created (or is not searchable yet), so trying again is offered.
    Unconfirmed {
        /// The 2xx status sent.
        status: u16,
    },
}

impl ApiError {
    /// The service said only that the email is taken (a 409, or a 400 saying so and nothing
    /// else).
    pub fn is_conflict(&self) -> bool {
        match self {
            ApiError::Rejected {
                status,
                fields,
                general,
            } => {
                *status == 409
                    || (general.is_empty()
                        && matches!(
                            fields.as_slice(),
                            [(Target::Field(Field::Email), FieldError::EmailAlreadyExists)]
                        ))
            }
            _ => false,
        }
    }

    /// The machine-readable kind the host receives in `contact:error`.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ApiError::Rejected { .. } if self.is_conflict() => ErrorKind::Conflict,
            ApiError::Rejected { .. } => ErrorKind::Validation,
            ApiError::Unauthorized { .. } => ErrorKind::Unauthorized,
            ApiError::Forbidden => ErrorKind::Forbidden,
            ApiError::RateLimited { .. } => ErrorKind::RateLimited,
            ApiError::Server { .. } => ErrorKind::Server,
            ApiError::Network { .. } => ErrorKind::Network,
            ApiError::BadResponse { .. } | ApiError::Unconfirmed { .. } => ErrorKind::BadResponse,
        }
    }

    /// The HTTP status the service sent, `None` when no answer came.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Rejected { status, .. }
            | ApiError::Server { status }
            | ApiError::BadResponse { status }
            | ApiError::Unconfirmed { status } => Some(*status),
            ApiError::Unauthorized { status } => *status,
            ApiError::Forbidden => Some(403),
            ApiError::RateLimited { .. } => Some(429),
            ApiError::Network { .. } => None,
        }
    }

    /// Errors to show on fields.
    pub fn field_errors(&self) -> &[(Target, FieldError)] {
        match self {
            ApiError::Rejected { fields, .. } => fields,
            _ => &[],
        }
    }

    /// Moves the refusal's messages that name one of the form's custom fields — by its name at
    /// the start ("Employee count must be an integer") or by its slug anywhere ("Custom field
    /// customer_tier is required") — to that field. `custom` lists (slug, name).
    pub fn claim_custom_fields<'a>(
        &mut self,
        custom: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    ) {
        let ApiError::Rejected {
            fields, general, ..
        } = self
        else {
            return;
        };
        general.retain(|message| {
            let named = custom.clone().find(|(slug, name)| {
                starts_with_word(message, name) || contains_word(message, slug)
            });
            let Some((slug, _)) = named else {
                return true;
            };
            let target = Target::Custom(slug.to_string());
            match fields.iter_mut().find(|(t, _)| *t == target) {
                Some((_, FieldError::Server(existing))) => {
                    existing.push(' ');
                    existing.push_str(message);
                }
                Some(_) => {}
                None => fields.push((target, FieldError::Server(message.clone()))),
            }
            false
        });
    }

    /// Whether the request may have created the contact all the same: no answer came (the
    /// network failed, or the reply did not end in time), or a 2xx whose body could not be read.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            ApiError::Network { .. }
                | ApiError::BadResponse { status: 200..=299 }
                | ApiError::Unconfirmed { .. }
        )
    }

    /// What a lost reply comes to when a search did not find the contact it may have created.
    pub fn not_found_after(self) -> ApiError {
        match self {
            ApiError::BadResponse {
                status: status @ 200..=299,
            } => ApiError::Unconfirmed { status },
            other => other,
        }
    }

    /// A 429 that named no wait gets one: 5 seconds, doubled for each 429 `in_a_row` before
    /// it, at most 5 minutes.
    pub fn with_backoff(self, in_a_row: u32) -> ApiError {
        match self {
            ApiError::RateLimited {
                retry_after_secs: None,
            } => ApiError::RateLimited {
                retry_after_secs: Some(5u64 << in_a_row.min(6)).map(|secs| secs.min(300)),
            },
            other => other,
        }
    }

    /// The seconds to wait before trying again, when the service named a wait the form counts
    /// down (up to an hour; a longer one is only reported).
    pub fn countdown(&self) -> Option<u64> {
        match self {
            ApiError::RateLimited {
                retry_after_secs: Some(secs @ 1..=MAX_COUNTDOWN_SECS),
            } => Some(*secs),
            _ => None,
        }
    }

    /// Whether sending the same thing again can work (the view offers "Try again").
    pub fn retryable(&self) -> bool {
        match self {
            ApiError::RateLimited { .. }
            | ApiError::Server { .. }
            | ApiError::Network { .. }
            | ApiError::Unconfirmed { .. } => true,
            ApiError::BadResponse { status } => !(200..300).contains(status),
            _ => false,
        }
    }
}

/// Whether `message` starts with `word` followed by a space (case-insensitive).
fn starts_with_word(message: &str, word: &str) -> bool {
    !word.is_empty()
        && message
            .get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word))
        && message[word.len()..].starts_with(' ')
}

/// Whether `word` occurs in `message` on its own (not inside a longer slug or word).
fn contains_word(message: &str, word: &str) -> bool {
    let part_of_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    !word.is_empty()
        && message.match_indices(word).any(|(at, _)| {
            !message[..at].ends_with(part_of_word)
                && !message[at + word.len()..].starts_with(part_of_word)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejected(messages: &[&str]) -> ApiError {
        crate::api::reply::rejection(
            400,
            &messages.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
        )
    }

    #[test]
    fn messages_naming_a_custom_field_by_name_or_slug_go_to_it() {
        let mut err = rejected(&[
            "Employee count must be an integer",
            "Custom field customer_tier is required",
            "email must be an email",
            "Custom field customer_tier_old is not active",
            "Bio graphy is unknown",
            "customFieldValues.0.customFieldId cf_x is not a custom field of this organization",
        ]);
        let custom = [
            ("employee_count", "Employee count"),
            ("customer_tier", "Customer tier"),
            ("bio", "Bio graphy x"),
        ];
        err.claim_custom_fields(custom.iter().copied());
        let ApiError::Rejected {
            fields, general, ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!(
            fields,
            &[
                (
                    Target::Field(Field::Email),
                    FieldError::Server("{label} must be an email.".into())
                ),
                (
                    Target::Custom("employee_count".into()),
                    FieldError::Server("Employee count must be an integer".into())
                ),
                (
                    Target::Custom("customer_tier".into()),
                    FieldError::Server("Custom field customer_tier is required".into())
                ),
            ]
        );
        assert_eq!(general.len(), 3, "{general:?}");
        assert_eq!(err.kind().name(), "validation");
    }
}
