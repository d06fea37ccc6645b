//! Client-side rules for every field: pure functions over what the person typed, no DOM, no
//! signals. Each rule trims, checks and returns the value to send, or a [`FieldError`] whose
//! message says what to do.

use crate::contact::{CustomFieldDatum, CustomFieldValue, NewContact};
use crate::field::{Field, FieldMap, Target};
use crate::org_data::{CustomFieldDefinition, FieldType};
use crate::texts::{fill, Text, Texts};
use std::rc::Rc;

/// Longest name, contact type or account ID accepted. The public reference publishes no limit;
/// this keeps a stray paste of a whole document from being sent as a name.
pub const MAX_TEXT_CHARS: usize = 255;
/// The longest address that fits in an SMTP path (RFC 5321), as the issue asks.
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest avatar URL accepted.
pub const MAX_URL_CHARS: usize = 2048;
/// Longest multi-line custom field value accepted.
pub const MAX_LONG_TEXT_CHARS: usize = 10_000;

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

/// What the person has typed, one raw string per field, plus what the host passes through.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{ContactDraft, Field, Texts};
///
/// let mut draft = ContactDraft::default();
/// draft.values[Field::FirstName] = "  Jane ".into();
/// draft.values[Field::Email] = "jane@acme.com".into();
/// draft.values[Field::Phone] = "0049 30 901820".into();
/// let body = draft.to_request().unwrap();
/// assert_eq!(body.first_name, "Jane");
/// assert_eq!(body.phone_number.as_deref(), Some("+4930901820"));
/// draft.values[Field::Email] = "jane@acme".into();
/// let error = draft.check(Field::Email).unwrap();
/// let expected = "Add the end of the domain, like example.com rather than example.";
/// assert_eq!(error.message(Field::Email, &Texts::default()), expected);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactDraft {
    /// The raw text of each built-in field, as typed or prefilled (account IDs separated by
    /// commas or line breaks).
    pub values: FieldMap<String>,
    /// The host's custom field values for fields the form does not show, sent unchanged.
    pub custom_field_values: Vec<CustomFieldValue>,
    /// The organization's custom fields the form shows, with what they hold.
    pub custom: Vec<CustomEntry>,
    /// What is typed in the account picker and not chosen yet: never dropped, so it must be
    /// chosen, added as an ID or cleared before the contact can be sent.
    pub account_query: String,
}

/// A custom field as the form shows it, and what it holds: one text, or the chosen options of
/// a multi_choice (a checked checkbox holds `"true"`).
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use thena_add_contact::{CustomEntry, CustomField, CustomFieldDefinition, FieldType, Target};
///
/// let definition = CustomFieldDefinition {
///     uid: "cf_9".into(),
///     slug: Some("seats".into()),
///     field_type: Some(FieldType::Integer),
///     ..CustomFieldDefinition::default()
/// };
/// let field = Rc::new(CustomField { definition, pattern: None });
/// let entry = CustomEntry { field, values: vec!["+12".into()] };
/// assert_eq!(entry.target(), Target::Custom("seats".into()));
/// // The item the request carries for it: the value as the platform reads it.
/// let item = entry.check().unwrap().unwrap();
/// assert_eq!(item.custom_field_id.as_deref(), Some("cf_9"));
/// assert_eq!(item.data.unwrap()[0].value, "12");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CustomEntry {
    /// The field.
    pub field: Rc<CustomField>,
    /// What it holds: one text, or the options chosen.
    pub values: Vec<String>,
}

/// A custom field's definition with its `regexForValidation`, compiled once.
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use thena_add_contact::{CustomEntry, CustomField, CustomFieldDefinition, Pattern};
///
/// // A host's own test stands in for the browser's RegExp (natively there is none).
/// let upper = Pattern(Rc::new(|value: &str| value.chars().all(|c| c.is_ascii_uppercase())));
/// let definition = CustomFieldDefinition { uid: "cf_1".into(), ..Default::default() };
/// let field = Rc::new(CustomField { definition, pattern: Some(upper) });
/// let entry = |value: &str| CustomEntry { field: field.clone(), values: vec![value.into()] };
/// assert!(entry("ACME").check().is_ok());
/// assert!(entry("acme").check().is_err());
/// ```
#[derive(Debug, PartialEq)]
pub struct CustomField {
    /// The definition, as the platform sent it or the host gave it.
    pub definition: CustomFieldDefinition,
    /// `regexForValidation`, compiled; `None` when there is none or it does not compile.
    pub pattern: Option<Pattern>,
}

/// A pattern test: the browser's `RegExp` in the widget (no regex crate in the wasm).
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use thena_add_contact::Pattern;
///
/// let digits = Pattern(Rc::new(|value: &str| value.bytes().all(|b| b.is_ascii_digit())));
/// assert!((digits.0)("2026"));
/// assert!(!(digits.0)("20x6"));
/// ```
#[derive(Clone)]
pub struct Pattern(pub Rc<dyn Fn(&str) -> bool>);

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pattern")
    }
}

impl CustomEntry {
    /// The field's rule, once: the item to send, nothing (empty and optional), or the error.
    pub fn check(&self) -> Result<Option<CustomFieldValue>, FieldError> {
        custom_value(&self.field, &self.values)
    }

    /// Where its value and errors belong: the custom field, by its slug.
    pub fn target(&self) -> Target {
        Target::Custom(self.field.definition.slug().to_string())
    }
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
            Field::AccountIds => {
                if let Some(query) = non_empty(&self.account_query) {
                    return Err(FieldError::AccountNotChosen(query.to_string()));
                }
                body.account_ids = account_ids(raw)?
            }
        }
        Ok(())
    }

    /// The error of one field, if it has one.
    pub fn check(&self, field: Field) -> Option<FieldError> {
        self.apply(field, &mut NewContact::default()).err()
    }

    /// The request body, or every field's error in form order, custom fields last (never an
    /// empty list). Each rule runs once.
    pub fn to_request(&self) -> Result<NewContact, Vec<(Target, FieldError)>> {
        let mut body = NewContact {
            custom_field_values: self.custom_field_values.clone(),
            ..NewContact::default()
        };
        let mut errors: Vec<(Target, FieldError)> = Field::ALL
            .into_iter()
            .filter_map(|field| {
                let error = self.apply(field, &mut body).err()?;
                Some((Target::Field(field), error))
            })
            .collect();
        for entry in &self.custom {
            match entry.check() {
                Ok(item) => body.custom_field_values.extend(item),
                Err(error) => errors.push((entry.target(), error)),
            }
        }
        if errors.is_empty() {
            Ok(body)
        } else {
            Err(errors)
        }
    }
}

/// A custom field's rule, by its type: the `customFieldValues` item to send (the one shape,
/// [`CustomFieldValue`]), `None` for an empty optional field, or the error. Email, phone and
/// URL fields follow the built-in fields' rules; a `regexForValidation` is checked last.
pub fn custom_value(
    field: &CustomField,
    raw: &[String],
) -> Result<Option<CustomFieldValue>, FieldError> {
    let definition = &field.definition;
    let kind = definition.kind();
    let mut values: Vec<String> = Vec::new();
    for raw in raw {
        let Some(value) = non_empty(raw) else {
            continue;
        };
        let value = match kind {
            FieldType::MultiLine | FieldType::RichText => long_text(value)?,
            FieldType::Integer => whole_number(value)?,
            FieldType::Decimal => decimal(value, None)?,
            FieldType::Currency => decimal(value, Some(2))?,
            FieldType::Date => date(value).ok_or(FieldError::InvalidDate)?,
            FieldType::DateTime => date_time(value).ok_or(FieldError::InvalidDateTime)?,
            FieldType::Time => time(value).ok_or(FieldError::InvalidTime)?,
            FieldType::SingleChoice | FieldType::RadioButton | FieldType::MultiChoice => {
                if !definition.options.0.iter().any(|option| option == value) {
                    return Err(FieldError::NotAnOption(value.to_string()));
                }
                value.to_string()
            }
            // Unchecked is empty: only a checked box is sent.
            FieldType::Checkbox if value == "true" => value.to_string(),
            FieldType::Checkbox => continue,
            FieldType::Email => email(value)?,
            FieldType::PhoneNumber => phone(value)?.unwrap_or_default(),
            FieldType::Url => avatar_url(value)?.unwrap_or_default(),
            // Checked, and sent as typed (like dates and numbers).
            FieldType::IpAddress => match value.parse::<std::net::IpAddr>() {
                Ok(_) => value.to_string(),
                Err(_) => return Err(FieldError::InvalidIpAddress),
            },
            FieldType::SingleLine | FieldType::Unknown => {
                check_text(value, MAX_TEXT_CHARS)?;
                value.to_string()
            }
        };
        if value.is_empty() {
            continue; // a phone number of dashes only
        }
        if let Some(Pattern(matches)) = &field.pattern {
            if !matches(&value) {
                return Err(FieldError::PatternMismatch);
            }
        }
        if !values.contains(&value) {
            values.push(value);
        }
        if kind != FieldType::MultiChoice {
            break; // one value
        }
    }
    if values.is_empty() {
        return if definition.mandatory_on_creation {
            Err(FieldError::Required)
        } else {
            Ok(None)
        };
    }
    Ok(Some(CustomFieldValue {
        custom_field_id: Some(definition.uid.clone()),
        data: Some(
            values
                .into_iter()
                .map(|value| CustomFieldDatum { value })
                .collect(),
        ),
    }))
}

/// Several lines: line breaks and tabs allowed, other control characters not.
fn long_text(value: &str) -> Result<String, FieldError> {
    let actual = value.chars().count();
    if actual > MAX_LONG_TEXT_CHARS {
        return Err(FieldError::TooLong {
            max: MAX_LONG_TEXT_CHARS,
            actual,
        });
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(FieldError::ControlCharacters);
    }
    Ok(value.to_string())
}

/// An optional sign and digits; sent without a `+`.
fn whole_number(value: &str) -> Result<String, FieldError> {
    let (sign, unsigned) = split_sign(value);
    if unsigned.is_empty() || unsigned.len() > 30 || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::NotWholeNumber);
    }
    Ok(format!("{sign}{unsigned}"))
}

/// One optional sign, as sent (`-`, or nothing for `+`), and the rest.
fn split_sign(value: &str) -> (&'static str, &str) {
    match value.as_bytes().first() {
        Some(b'-') => ("-", &value[1..]),
        Some(b'+') => ("", &value[1..]),
        _ => ("", value),
    }
}

/// A decimal number with a dot (`-12.5`, `.5`, `3.`); at most `max_decimals` after the dot.
/// Sent without a `+` and with digits on both sides of any dot (`0.5`, `3`), a form every
/// number parser reads.
fn decimal(value: &str, max_decimals: Option<usize>) -> Result<String, FieldError> {
    let (sign, unsigned) = split_sign(value);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0
        || whole.len() + fraction.len() > 30
        || !digits(whole)
        || !digits(fraction)
    {
        return Err(FieldError::NotNumber);
    }
    if max_decimals.is_some_and(|max| fraction.len() > max) {
        return Err(FieldError::TooManyDecimals);
    }
    let whole = if whole.is_empty() { "0" } else { whole };
    Ok(match fraction {
        "" => format!("{sign}{whole}"),
        fraction => format!("{sign}{whole}.{fraction}"),
    })
}

/// `YYYY-MM-DD`, a day that exists.
fn date(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = value.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then(|| value.to_string())
}

/// `HH:MM` or `HH:MM:SS` (what `<input type=time>` gives).
fn time(value: &str) -> Option<String> {
    let mut parts = value.split(':');
    let limits = [23, 59, 59];
    let mut count = 0;
    for (part, max) in parts.by_ref().zip(limits) {
        let valid = part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
        if !valid || part.parse::<u32>().ok()? > max {
            return None;
        }
        count += 1;
    }
    (parts.next().is_none() && count >= 2).then(|| value.to_string())
}

/// `YYYY-MM-DDTHH:MM[:SS]`, local time without a zone (what `<input type=datetime-local>`
/// gives), sent as it is.
fn date_time(value: &str) -> Option<String> {
    let (day, clock) = value.split_once('T')?;
    date(day)?;
    time(clock)?;
    Some(value.to_string())
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
    fn avatar_url_is_sent_with_a_lower_case_scheme() {
        // The stub API (like any server comparing "https://" as written) refused "HTTP://a".
        assert_eq!(
            avatar_url(" HTTPS://EXAMPLE.COM/A.PNG "),
            Ok(Some("https://EXAMPLE.COM/A.PNG".into()))
        );
        assert_eq!(avatar_url("HtTp://a"), Ok(Some("http://a".into())));
    }

    #[test]
    fn avatar_url_refuses_an_unclosed_bracket_as_its_host() {
        // The widget sent "https://[" (a custom URL field); the stub API refused it.
        for unclosed in ["https://[", "https://[/a.png", "http://[::1:8080/"] {
            assert_eq!(
                avatar_url(unclosed),
                Err(FieldError::UrlMissingHost),
                "{unclosed}"
            );
        }
        assert!(avatar_url("http://[::1]/a.png").is_ok());
    }

    #[test]
    fn decimals_are_sent_with_digits_on_both_sides_of_the_dot() {
        // The stub API refused "0." and ".5", which the widget accepted and sent as typed.
        let field = |kind: FieldType| CustomField {
            definition: CustomFieldDefinition {
                field_type: Some(kind),
                ..CustomFieldDefinition::default()
            },
            pattern: None,
        };
        let sent = |field: &CustomField, raw: &str| {
            custom_value(field, &[raw.to_string()])
                .map(|item| item.unwrap().data.unwrap()[0].value.clone())
        };
        let (number, amount) = (field(FieldType::Decimal), field(FieldType::Currency));
        for (raw, value) in [
            ("0.", "0"),
            (".5", "0.5"),
            ("-.5", "-0.5"),
            ("+3.", "3"),
            ("+12.50", "12.50"),
            ("-7", "-7"),
        ] {
            assert_eq!(sent(&number, raw), Ok(value.to_string()), "{raw}");
            assert_eq!(sent(&amount, raw), Ok(value.to_string()), "{raw}");
        }
        assert_eq!(sent(&amount, ".125"), Err(FieldError::TooManyDecimals));
        // One sign at most.
        let integer = field(FieldType::Integer);
        for raw in ["+-5", "-+5", "--5", "++5.5", "-"] {
            assert_eq!(sent(&number, raw), Err(FieldError::NotNumber), "{raw}");
            assert_eq!(
                sent(&integer, raw),
                Err(FieldError::NotWholeNumber),
                "{raw}"
            );
        }
        assert_eq!(sent(&integer, "+42"), Ok("42".to_string()));
        assert_eq!(sent(&integer, "-42"), Ok("-42".to_string()));
        for bad in [".", "-", "+.", "1.2.3", "1e3"] {
            assert_eq!(sent(&number, bad), Err(FieldError::NotNumber), "{bad}");
        }
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
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.name()).collect();
        assert_eq!(
            fields,
            [
                "firstName",
                "email",
                "phoneNumber",
                "avatarUrl",
                "accountIds"
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
                let in_submit = submitted
                    .iter()
                    .find(|(f, _)| *f == Target::Field(field))
                    .map(|(_, e)| e);
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
    fn messages_repeat_typed_text_without_control_characters() {
        // Found by the property tests: text left in the account picker, or a choice that is
        // not an option, was repeated with its control characters.
        let texts = Texts::default();
        let query = FieldError::AccountNotChosen("acme\u{b}\u{1b}".into());
        let shown = query.message(Field::AccountIds, &texts);
        assert!(shown.contains("acmeU+000BU+001B"), "{shown}");
        let option = FieldError::NotAnOption("Gold\u{7f}".into()).custom_message("Tier", &texts);
        assert!(option.contains("GoldU+007F"), "{option}");
        for message in [shown, option] {
            assert!(!message.chars().any(char::is_control), "{message:?}");
        }
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
