//! Why a field's value cannot be sent: the one error type of every field rule and of the
//! service's field messages. What a person reads for each is in `crate::i18n`.

/// Why a field's value cannot be sent.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{ContactDraft, Field, FieldError, Texts};
///
/// let mut draft = ContactDraft::default();
/// draft.values[Field::Email] = "jane.acme.com".into();
/// let error = draft.check(Field::Email).unwrap();
/// assert_eq!(error, FieldError::EmailMissingAt);
/// // The message the form shows under the field, in the form's language.
/// assert!(error.message(Field::Email, &Texts::default()).contains('@'));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// Empty (after trimming), and the field is required.
    Required,
    /// Longer than the field allows.
    TooLong {
        /// The most characters allowed.
        max: usize,
        /// How many characters the value has.
        actual: usize,
    },
    /// Control characters (line breaks and tabs are allowed in a multi-line value only).
    ControlCharacters,
    /// An email without `@`.
    EmailMissingAt,
    /// An email with a character it cannot have there (a space, a second `@`, …): the first one.
    EmailInvalidCharacter(char),
    /// An email with nothing before the `@`.
    EmailMissingLocalPart,
    /// An email whose domain is empty, or has a label that is empty, longer than 63 characters,
    /// or starts or ends with `-`.
    EmailInvalidDomain,
    /// An email whose domain has no dot (`name@example`).
    EmailDomainWithoutDot,
    /// A phone number of digits only, without a leading `+` or `00`.
    PhoneMissingCountryCode,
    /// A phone number with a character other than digits, spaces, `-`, `.`, parentheses and a
    /// leading `+`.
    PhoneInvalidCharacters,
    /// A phone number of fewer than 7 or more than 15 digits, country code included.
    PhoneWrongLength {
        /// How many digits it has.
        digits: usize,
    },
    /// A phone number whose country code starts with 0.
    PhoneCountryCodeStartsWithZero,
    /// A URL without a scheme, or without `//` after it.
    UrlNotAbsolute,
    /// A URL whose scheme is neither `http` nor `https`: that scheme, in lower case.
    UrlUnsupportedScheme(String),
    /// A URL with whitespace in it.
    UrlContainsSpace,
    /// A URL without a host (`https:///a.png`).
    UrlMissingHost,
    /// A URL whose port (after the host's `:`) is not a number from 0 to 65535, which
    /// browsers and the platform refuse.
    UrlInvalidPort,
    /// An account ID with whitespace inside: that ID.
    AccountIdContainsSpace(String),
    /// Account IDs listed more than once: each of them once, in order.
    AccountIdsRepeated(Vec<String>),
    /// Text in the account picker that is not an account yet.
    AccountNotChosen(String),
    /// An integer field's value that is not an optional sign and 1 to 30 digits.
    NotWholeNumber,
    /// A decimal or currency field's value that is not an optional sign and 1 to 30 digits with
    /// at most one `.`.
    NotNumber,
    /// A currency value with more than 2 decimals.
    TooManyDecimals,
    /// A date field's value that is not a day that exists, as `YYYY-MM-DD`.
    InvalidDate,
    /// A date-time field's value that is not `YYYY-MM-DDTHH:MM[:SS]`.
    InvalidDateTime,
    /// A time field's value that is not `HH:MM[:SS]`.
    InvalidTime,
    /// A choice field's value that is not one of its options: that value.
    NotAnOption(String),
    /// An IP address field's value that is neither an IPv4 nor an IPv6 address.
    InvalidIpAddress,
    /// The value does not match the custom field's `regexForValidation`.
    PatternMismatch,
    /// The service said the email is already used by a contact of this organization.
    EmailAlreadyExists,
    /// A message from the service about this field, shown as it came (as text), with a
    /// `{label}` placeholder where it named the property.
    Server(String),
}
