//! Every visible text of the widget, by key. The table below is the one home of the keys and the
//! English. The other languages are JSON files of the same keys (`src/locales/<tag>.json`, see
//! [`super::locale`]), and a host's `strings` (JavaScript) or [`Texts::with`] (Rust) replace texts
//! by key over any language.
//! A text may hold `{name}` placeholders for the values it is about (`{label}`, `{max}`…); the
//! typings (`src/js/thena_add_contact.d.ts`, `Strings`) list them, and tests keep the typings' keys
//! and every language's keys and placeholders equal to this table.

use super::locale::{Locale, TimeUnit};
use crate::model::field::Field;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::sync::Arc;

/// Declares [`Text`]: one variant per key, with the key hosts use and the English.
macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident = $key:literal => $english:literal,)*) => {
        /// A text of the widget, read from the key a host's `strings` uses.
        ///
        /// # Examples
        ///
        /// ```
        /// use thena_add_contact::Text;
        ///
        /// assert_eq!(Text::Submit.key(), "submit");
        /// assert_eq!(Text::Submit.english(), "Add contact");
        /// let text: Text = serde_json::from_str(r#""firstName.label""#).unwrap();
        /// assert_eq!(text, Text::FirstNameLabel);
        /// assert!(serde_json::from_str::<Text>(r#""firstname.label""#).is_err());
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Text {
            $($(#[$doc])* $name,)*
        }

        impl Text {
            /// Every text, in the table's order.
            pub const ALL: &'static [Text] = &[$(Text::$name,)*];

            /// The key a host uses for this text, as in `strings: {"firstName.label": "…"}`.
            pub const fn key(self) -> &'static str {
                match self {
                    $(Text::$name => $key,)*
                }
            }

            /// The English text.
            pub const fn english(self) -> &'static str {
                match self {
                    $(Text::$name => $english,)*
                }
            }
        }
    };
}

texts! {
    /// The first name's label.
    FirstNameLabel = "firstName.label" => "First name",
    /// The first name's hint (empty: none).
    FirstNameHint = "firstName.hint" => "",
    /// The last name's label.
    LastNameLabel = "lastName.label" => "Last name",
    /// The last name's hint (empty: none).
    LastNameHint = "lastName.hint" => "",
    /// The email's label.
    EmailLabel = "email.label" => "Email",
    /// The email's hint (empty: none).
    EmailHint = "email.hint" => "",
    /// The phone number's label.
    PhoneNumberLabel = "phoneNumber.label" => "Phone",
    /// The phone number's hint.
    PhoneNumberHint = "phoneNumber.hint" => "With country code, as in +1 415 555 0123",
    /// The contact type's label.
    ContactTypeLabel = "contactType.label" => "Contact type",
    /// The contact type's hint (empty: none).
    ContactTypeHint = "contactType.hint" => "",
    /// The avatar URL's label.
    AvatarUrlLabel = "avatarUrl.label" => "Avatar URL",
    /// The avatar URL's hint.
    AvatarUrlHint = "avatarUrl.hint" => "A web address starting with https://",
    /// The accounts' label.
    AccountIdsLabel = "accountIds.label" => "Accounts",
    /// The accounts' hint.
    AccountIdsHint = "accountIds.hint" => "Search by name or domain, or type an account ID and press Enter.",
    /// The submit button.
    Submit = "submit" => "Add contact",
    /// The submit button while the contact is being sent; also announced.
    Sending = "sending" => "Adding contact…",
    /// The button that sends again after a failure.
    Retry = "retry" => "Try again",
    /// After "Try again" while a wait after a 429 counts down: `{seconds}`.
    RetryIn = "retry.in" => " in {seconds}",
    /// Shown while the browser is offline and the contact waits for the connection.
    Offline = "offline" => "You're offline. The contact will be sent when the connection is back.",
    /// The button that stops the contact waiting for the connection.
    OfflineCancel = "offline.cancel" => "Don't send",
    /// The notice that an unsent draft was restored.
    DraftRestored = "draft.restored" => "Restored your unsent draft.",
    /// The button that discards the restored draft.
    DraftDiscard = "draft.discard" => "Discard",
    /// The button, after a create, that shows the form again.
    AddAnother = "addAnother" => "Add another",
    /// Announced once the contact is created: `{name}`, `{email}`.
    Created = "created" => "Added {name} ({email}).",
    /// Above the button when one field is invalid.
    InvalidField = "invalidField" => "Check the highlighted field.",
    /// Above the button when several fields are invalid: `{count}`.
    InvalidFields = "invalidFields" => "Check the {count} highlighted fields.",
    /// Under an empty first name: `{label}`.
    FirstNameRequired = "firstName.required" => "Enter a first name.",
    /// Under an empty email: `{label}`.
    EmailRequired = "email.required" => "Enter an email address.",
    /// A value longer than its field allows: `{label}`, `{max}`, `{actual}`.
    ErrorTooLong = "error.tooLong" => "{label} can be at most {max} characters; this one has {actual}.",
    /// A value with control characters: `{label}`.
    ErrorControlCharacters = "error.controlCharacters" => "{label} contains invisible control characters. Retype it without them.",
    /// An email without `@`.
    ErrorEmailMissingAt = "error.emailMissingAt" => "An email address needs an @, like name@example.com.",
    /// An email with a space.
    ErrorEmailSpace = "error.emailSpace" => "An email address can't contain a space.",
    /// An email with a character it cannot have: `{character}`.
    ErrorEmailInvalidCharacter = "error.emailInvalidCharacter" => "An email address can't contain {character}.",
    /// An email with nothing before the `@`.
    ErrorEmailMissingLocalPart = "error.emailMissingLocalPart" => "Add the part before the @, like name@example.com.",
    /// An email whose domain is not valid.
    ErrorEmailInvalidDomain = "error.emailInvalidDomain" => "The part after the @ isn't a valid domain, like example.com.",
    /// An email whose domain has no dot.
    ErrorEmailDomainWithoutDot = "error.emailDomainWithoutDot" => "Add the end of the domain, like example.com rather than example.",
    /// Under the email, when the service says a contact already has it.
    ErrorEmailAlreadyExists = "error.emailAlreadyExists" => "A contact with this email already exists in this organization.",
    /// A phone number without a country code.
    ErrorPhoneMissingCountryCode = "error.phoneMissingCountryCode" => "Add the country code, starting with +, as in +1 415 555 0123.",
    /// A phone number with characters other than digits and separators.
    ErrorPhoneInvalidCharacters = "error.phoneInvalidCharacters" => "Use only digits, spaces, dashes, dots, parentheses and a leading +.",
    /// A phone number of too few or too many digits: `{digits}`.
    ErrorPhoneWrongLength = "error.phoneWrongLength" => "A phone number with country code has 7 to 15 digits; this one has {digits}.",
    /// A phone number whose country code starts with 0.
    ErrorPhoneCountryCodeStartsWithZero = "error.phoneCountryCodeStartsWithZero" => "Country codes don't start with 0. Check the digits after the +.",
    /// A URL that is not absolute.
    ErrorUrlNotAbsolute = "error.urlNotAbsolute" => "Enter the full web address, starting with https://.",
    /// A URL with a scheme other than http and https: `{scheme}`.
    ErrorUrlUnsupportedScheme = "error.urlUnsupportedScheme" => "Only http:// and https:// addresses can be used, not “{scheme}:”.",
    /// A URL with a space.
    ErrorUrlContainsSpace = "error.urlContainsSpace" => "A web address can't contain spaces. Copy the address again.",
    /// A URL without a host.
    ErrorUrlMissingHost = "error.urlMissingHost" => "The address is missing the site's name, like https://example.com/photo.png.",
    /// A URL whose port is not a number from 0 to 65535.
    ErrorUrlInvalidPort = "error.urlInvalidPort" => "The port after the site's name must be a number from 0 to 65535, like https://example.com:8443/.",
    /// An account ID with a space: `{id}`.
    ErrorAccountIdContainsSpace = "error.accountIdContainsSpace" => "“{id}” contains a space. Separate account IDs with commas.",
    /// One account ID listed more than once: `{id}`.
    ErrorAccountIdRepeated = "error.accountIdRepeated" => "“{id}” is listed more than once. Remove the copy.",
    /// Several account IDs listed more than once: `{ids}`.
    ErrorAccountIdsRepeated = "error.accountIdsRepeated" => "{ids} are listed more than once. Remove the copies.",
    /// Text left in the account picker: `{query}`.
    ErrorAccountNotChosen = "error.accountNotChosen" => "“{query}” isn't added yet. Choose an account from the list, or press Enter to add it as an account ID.",
    /// The label of the button that removes an account: `{name}`.
    AccountsRemove = "accounts.remove" => "Remove {name}",
    /// The account suggested for the email's domain: `{name}`, `{domain}`.
    AccountsSuggest = "accounts.suggest" => "Add to {name} ({domain})?",
    /// The button that adds the suggested account.
    AccountsAdd = "accounts.add" => "Add",
    /// The account search found nothing: `{query}`.
    AccountsNoMatch = "accounts.noMatch" => "No account found. Press Enter to add “{query}” as an account ID.",
    /// Under an empty required custom field: `{label}`.
    CustomRequired = "customField.required" => "Fill in {label}.",
    /// An integer field's value that is not a whole number.
    ErrorNotWholeNumber = "error.notWholeNumber" => "Enter a whole number, like 42.",
    /// A decimal or currency field's value that is not a number.
    ErrorNotNumber = "error.notNumber" => "Enter a number with a dot for decimals, like 12.5.",
    /// A currency value with more than 2 decimals.
    ErrorTooManyDecimals = "error.tooManyDecimals" => "Use at most 2 decimals, like 1250.99.",
    /// A date field's value that is not a date.
    ErrorInvalidDate = "error.invalidDate" => "Enter a date as YYYY-MM-DD, like 2026-03-31.",
    /// A date-time field's value that is not a date and time.
    ErrorInvalidDateTime = "error.invalidDateTime" => "Enter a date and time, like 2026-03-31T14:30.",
    /// A time field's value that is not a time.
    ErrorInvalidTime = "error.invalidTime" => "Enter a time as HH:MM, like 14:30.",
    /// A value that is not one of the field's choices: `{value}`, `{label}`.
    ErrorNotAnOption = "error.notAnOption" => "{value} isn't one of the choices for {label}. Pick one from the list.",
    /// An IP address field's value that is not one.
    ErrorInvalidIpAddress = "error.invalidIpAddress" => "Enter an IPv4 address like 192.0.2.10 or an IPv6 address like 2001:db8::1.",
    /// A value that does not match the field's pattern: `{label}`.
    ErrorPatternMismatch = "error.patternMismatch" => "{label} isn't in the format your organization asks for.",
    /// The first choice of a custom field's select, which leaves the field empty.
    ChooseOption = "choose" => "Choose…",
    /// The contact type choice that leaves it to the organization's default.
    ContactTypeDefault = "contactType.default" => "Organization default",
    /// Reported to the host (kind `options`) when its contact type is not the
    /// organization's: `{id}`.
    ContactTypeUnknown = "contactType.unknown" => "values.contactType \"{id}\" is not one of this organization's contact types; the form shows the default instead.",
    /// While the organization's data loads.
    Loading = "loading" => "Loading…",
    /// When the contact types could not be loaded.
    ContactTypesFailed = "contactTypes.failed" => "Couldn't load the contact types. You can still add the contact.",
    /// When the custom fields could not be loaded.
    CustomFieldsFailed = "customFields.failed" => "Couldn't load your organization's contact fields. You can still add the contact.",
    /// The button that loads what failed again.
    LoadAgain = "loadAgain" => "Load again",
    /// Under the email, when a contact already has it: `{name}`.
    DuplicateEmail = "duplicate.email" => "{name} already has this email.",
    /// The service refused the contact without saying why: `{status}`.
    ApiRejected = "api.rejected" => "The service didn't accept the contact and didn't say why (error {status}). Check the fields, then try again.",
    /// A 401, or no token.
    ApiUnauthorized = "api.unauthorized" => "Your session has expired. Sign in again, then add the contact.",
    /// A 403.
    ApiForbidden = "api.forbidden" => "You don't have permission to add contacts in this organization.",
    /// The service says a contact already has the email.
    ApiConflict = "api.conflict" => "A contact with this email already exists.",
    /// A 429 that asks to wait up to 90 seconds: `{seconds}`.
    ApiRateLimited = "api.rateLimited" => "Too many requests right now. Try again in {seconds}.",
    /// A 429 that asks to wait up to an hour: `{minutes}`.
    ApiRateLimitedMinutes = "api.rateLimitedMinutes" => "Too many requests right now. Try again in about {minutes}.",
    /// A 429 that names no wait.
    ApiRateLimitedUnknown = "api.rateLimitedUnknown" => "Too many requests right now. Wait a minute, then try again.",
    /// A 429 that asks to wait more than an hour.
    ApiRateLimitedLong = "api.rateLimitedLong" => "Too many requests: the Thena service asks to wait more than an hour. Try again later.",
    /// A 5xx: `{status}`.
    ApiServer = "api.server" => "The Thena service had a problem (error {status}). Nothing was lost: try again.",
    /// No answer in time: `{seconds}`.
    ApiTimeout = "api.timeout" => "The Thena service didn't answer within {seconds}. Nothing was lost: try again.",
    /// The network failed.
    ApiNetwork = "api.network" => "Couldn't reach the Thena service. Check your connection, then try again.",
    /// A 2xx whose body could not be read.
    ApiProbablyCreated = "api.probablyCreated" => "The contact was probably created, but the reply could not be read. Check the contact list before adding it again.",
    /// A 2xx whose body could not be read, and the contact was not found: `{status}`.
    ApiUnconfirmed = "api.unconfirmed" => "The service's reply (status {status}) couldn't be read, and the contact isn't in the contact list. Try again.",
    /// A 404: the API address is probably wrong.
    ApiNotFound = "api.notFound" => "The contacts service wasn't found at this address (error 404). Check the widget's API address.",
    /// A reply that is not the documented one: `{status}`.
    ApiBadResponse = "api.badResponse" => "The service sent a reply the form couldn't read (status {status}). Try again; if it keeps happening, contact support.",
}

impl TryFrom<String> for Text {
    type Error = String;

    /// The text a key names; serde's words for a name it does not know.
    fn try_from(key: String) -> Result<Text, String> {
        Text::for_key(&key).ok_or_else(|| format!("unknown variant `{key}`"))
    }
}

impl Text {
    /// The text a key names, if any (case matters).
    fn for_key(key: &str) -> Option<Text> {
        Text::ALL.iter().find(|text| text.key() == key).copied()
    }
}

/// A key, as in a host's `strings`; a key no text has is an unknown variant to the reader,
/// which says so in its own words (the widget's reader names the option).
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        let key = String::deserialize(deserializer)?;
        Text::for_key(&key).ok_or_else(|| de::Error::unknown_variant(&key, &[]))
    }
}

/// The form's texts: a language (English, or a translation laid over it), with the host's
/// replacements laid over that (a few, so a list).
///
/// # Examples
///
/// ```
/// use thena_add_contact::{Field, Text, Texts};
///
/// let texts = Texts::default()
///     .with(Text::Submit, "Save customer")
///     .with(Text::FirstNameLabel, "Given name");
/// assert_eq!(texts.get(Text::Submit), "Save customer");
/// assert_eq!(texts.label(Field::FirstName), "Given name");
/// assert_eq!(texts.get(Text::Retry), "Try again");
/// let args = [("name", "Jane Doe"), ("email", "jane@acme.com")];
/// assert_eq!(texts.fill(Text::Created, &args), "Added Jane Doe (jane@acme.com).");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Texts {
    locale: Locale,
    replaced: Arc<Vec<(Text, String)>>,
}

impl Texts {
    /// These texts with one replaced (what a JavaScript host's `strings` does).
    pub fn with(mut self, text: Text, value: &str) -> Texts {
        let replaced = Arc::make_mut(&mut self.replaced);
        replaced.retain(|(t, _)| *t != text);
        replaced.push((text, value.into()));
        self
    }

    /// A translation (a locale file read as `Texts`) as the texts of `locale`.
    pub fn in_locale(mut self, locale: Locale) -> Texts {
        self.locale = locale;
        self
    }

    /// These texts with `host`'s replacements laid over them: a host's `strings` win over
    /// any language.
    pub fn replaced_by(self, host: &Texts) -> Texts {
        host.replaced
            .iter()
            .fold(self, |texts, (text, value)| texts.with(*text, value))
    }

    /// The language the texts are in.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// A count as the language writes it.
    pub fn number(&self, n: impl Into<u64>) -> String {
        self.locale.number(n.into())
    }

    /// A duration as the language writes it (`29 seconds`), or `short` (`29 sec`).
    pub fn duration(&self, n: u64, unit: TimeUnit, short: bool) -> String {
        self.locale.duration(n, unit, short)
    }

    /// The text: its replacement (a translation's, or the host's), else the English.
    pub fn get(&self, text: Text) -> &str {
        self.replaced
            .iter()
            .find(|(t, _)| *t == text)
            .map_or(text.english(), |(_, value)| value)
    }

    /// The text with its `{name}` placeholders filled in. In a right-to-left language each
    /// value is isolated (U+2068 … U+2069), so that an email or a name written left to right
    /// keeps its order and does not reorder the sentence around it.
    pub fn fill(&self, text: Text, args: &[(&str, &str)]) -> String {
        if !self.locale.is_rtl() {
            return fill(self.get(text), args);
        }
        let isolated: Vec<(&str, String)> = args
            .iter()
            .map(|(name, value)| (*name, format!("\u{2068}{value}\u{2069}")))
            .collect();
        let args: Vec<(&str, &str)> = isolated.iter().map(|(n, v)| (*n, v.as_str())).collect();
        fill(self.get(text), &args)
    }

    /// A field's label, as shown.
    pub fn label(&self, field: Field) -> &str {
        self.get(field_texts(field).0)
    }

    /// A field's hint; empty for none.
    pub fn hint(&self, field: Field) -> &str {
        self.get(field_texts(field).1)
    }
}

/// A host's `strings`: an object of replacement texts by key.
impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Texts, D::Error> {
        struct Strings;
        impl<'de> Visitor<'de> for Strings {
            type Value = Texts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Texts, A::Error> {
                let mut texts = Texts::default();
                while let Some((text, value)) = map.next_entry::<Text, String>()? {
                    texts = texts.with(text, &value);
                }
                Ok(texts)
            }
        }
        deserializer.deserialize_map(Strings)
    }
}

/// A field's label and hint.
pub(super) const fn field_texts(field: Field) -> (Text, Text) {
    match field {
        Field::FirstName => (Text::FirstNameLabel, Text::FirstNameHint),
        Field::LastName => (Text::LastNameLabel, Text::LastNameHint),
        Field::Email => (Text::EmailLabel, Text::EmailHint),
        Field::Phone => (Text::PhoneNumberLabel, Text::PhoneNumberHint),
        Field::ContactType => (Text::ContactTypeLabel, Text::ContactTypeHint),
        Field::AvatarUrl => (Text::AvatarUrlLabel, Text::AvatarUrlHint),
        Field::AccountIds => (Text::AccountIdsLabel, Text::AccountIdsHint),
    }
}

/// `template` with its `{name}` placeholders filled in; unknown ones stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut rest = template;
    let mut out = String::new();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let value = rest.find('}').and_then(|close| {
            let name = rest.get(1..close)?;
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (*value, close + 1))
        });
        match value {
            Some((value, end)) => {
                out.push_str(value);
                rest = &rest[end..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
