//! The one list of the form's fields. The view, the validation rules, the request body and the
//! mapping of server messages to fields all read it, so a field is described exactly once. Its
//! serde names are the request body's property names, which hosts also use (`values`,
//! `readOnly`, `hidden`); the typings' `FieldName` and `embed::options::ContactValues` are
//! checked against it by tests. Nothing here knows the DOM: the form builds its selectors from
//! [`Target::input_name`].

use serde::{Deserialize, Serialize};
use std::ops::{Index, IndexMut};

/// A field of the add-contact form, in the order the form shows them.
///
/// # Examples
///
/// ```
/// use thena_add_contact::Field;
///
/// assert_eq!(Field::Phone.json_name(), "phoneNumber");
/// assert_eq!(Field::from_json_name("avatarUrl"), Some(Field::AvatarUrl));
/// assert!(Field::Email.required() && !Field::Phone.required());
/// assert_eq!(serde_json::to_string(&Field::Phone).unwrap(), r#""phoneNumber""#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a field name")]
pub enum Field {
    /// First name (`firstName`): required.
    FirstName,
    /// Last name (`lastName`).
    LastName,
    /// Email address (`email`): required.
    Email,
    /// Phone number with country code (`phoneNumber`).
    #[serde(rename = "phoneNumber")]
    Phone,
    /// Contact type (`contactType`): the ID of one of the organization's contact types.
    ContactType,
    /// URL of the contact's picture (`avatarUrl`).
    AvatarUrl,
    /// The accounts the contact belongs to, by ID (`accountIds`).
    AccountIds,
}

impl Field {
    /// Every field, in form order: the first invalid one in this order gets focus on submit.
    pub const ALL: [Field; 7] = [
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::Phone,
        Field::ContactType,
        Field::AvatarUrl,
        Field::AccountIds,
    ];

    /// The property name in the API's request body (and in the host's `values`): the serde name.
    pub const fn json_name(self) -> &'static str {
        match self {
            Field::FirstName => "firstName",
            Field::LastName => "lastName",
            Field::Email => "email",
            Field::Phone => "phoneNumber",
            Field::ContactType => "contactType",
            Field::AvatarUrl => "avatarUrl",
            Field::AccountIds => "accountIds",
        }
    }

    /// The `autocomplete` hint that lets browsers and password managers fill the field.
    pub const fn autocomplete(self) -> &'static str {
        match self {
            Field::FirstName => "given-name",
            Field::LastName => "family-name",
            Field::Email => "email",
            Field::Phone => "tel",
            Field::AvatarUrl => "url",
            Field::ContactType | Field::AccountIds => "off",
        }
    }

    /// The `type` of the `<input>` (the contact type is a select, the accounts a picker).
    pub const fn input_type(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::Phone => "tel",
            Field::AvatarUrl => "url",
            Field::FirstName | Field::LastName | Field::ContactType | Field::AccountIds => "text",
        }
    }

    /// The input's direction: addresses and numbers read left to right in every language (also
    /// in a right-to-left form); names follow what is typed.
    pub const fn dir(self) -> &'static str {
        match self {
            Field::Email | Field::Phone | Field::AvatarUrl => "ltr",
            _ => "auto",
        }
    }

    /// Whether the contact cannot be sent without it: the first name and the email.
    pub const fn required(self) -> bool {
        matches!(self, Field::FirstName | Field::Email)
    }

    /// The CSS selector of the field's input within the widget (its `name`).
    #[deprecated(
        since = "0.1.1",
        note = "the form's focus controller owns its selectors; kept for semver until 0.2"
    )]
    pub fn selector(self) -> String {
        format!("[name=\"{}\"]", self.json_name())
    }

    /// The field with this property name (`"phoneNumber"`); `None` for any other name (case
    /// matters).
    pub fn from_json_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.json_name() == name)
    }
}

/// Where a value or an error belongs: a built-in field, or one of the organization's custom
/// fields by its slug.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{ContactDraft, Field, FieldError, Target};
///
/// let mut draft = ContactDraft::default();
/// draft.values[Field::Email] = "jane@acme.com".into();
/// // No first name: the request is refused, the error where it belongs.
/// let errors = draft.to_request().unwrap_err();
/// assert_eq!(errors, vec![(Target::Field(Field::FirstName), FieldError::Required)]);
/// assert_eq!(errors[0].0.name(), "firstName");
/// assert_eq!(Target::Custom("customer_tier".into()).name(), "customer_tier");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A built-in field.
    Field(Field),
    /// A custom field, by its slug.
    Custom(String),
}

impl Target {
    /// How hosts name it: the request body's property name, or the custom field's slug (the
    /// keys of `contact:error`'s `fieldErrors`).
    pub fn name(&self) -> &str {
        match self {
            Target::Field(field) => field.json_name(),
            Target::Custom(slug) => slug,
        }
    }

    /// The `name` its input carries in the form (every input of a group shares it): the property
    /// name, or `custom.<slug>` for a custom field. Quotes and backslashes, which no slug should
    /// have, are dropped so that a CSS selector can hold it.
    pub fn input_name(&self) -> String {
        match self {
            Target::Field(field) => field.json_name().to_string(),
            Target::Custom(slug) => format!("custom.{}", slug.replace(['\\', '"'], "")),
        }
    }

    /// The CSS selector of its (first) input within the widget.
    #[deprecated(
        since = "0.1.1",
        note = "the form's focus controller owns its selectors; kept for semver until 0.2"
    )]
    pub fn selector(&self) -> String {
        format!("[name=\"{}\"]", self.input_name())
    }
}

/// One value per field.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{Field, FieldMap, Show};
///
/// let mut show: FieldMap<Show> = FieldMap::default();
/// show[Field::ContactType] = Show::Hidden;
/// let hidden: Vec<Field> = show
///     .iter()
///     .filter(|(_, how)| **how == Show::Hidden)
///     .map(|(field, _)| field)
///     .collect();
/// assert_eq!(hidden, [Field::ContactType]);
/// assert_eq!(FieldMap::from_fn(Field::json_name)[Field::Email], "email");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldMap<T>([T; 7]);

impl<T> FieldMap<T> {
    /// A map holding `f(field)` for every field.
    pub fn from_fn(mut f: impl FnMut(Field) -> T) -> Self {
        FieldMap(Field::ALL.map(&mut f))
    }

    /// Every field with its value, in form order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &T)> {
        Field::ALL.into_iter().zip(self.0.iter())
    }
}

impl<T> Index<Field> for FieldMap<T> {
    type Output = T;
    fn index(&self, field: Field) -> &T {
        // In bounds: `Field::ALL` has one entry per variant, in declaration order (tested).
        &self.0[field as usize]
    }
}

impl<T> IndexMut<Field> for FieldMap<T> {
    fn index_mut(&mut self, field: Field) -> &mut T {
        &mut self.0[field as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_field_once_in_index_order_with_its_serde_name() {
        for (i, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(field as usize, i);
            assert_eq!(Field::from_json_name(field.json_name()), Some(field));
            let serde_name = serde_json::to_value(field).unwrap();
            assert_eq!(serde_name, field.json_name());
            assert_eq!(serde_json::from_value::<Field>(serde_name).unwrap(), field);
        }
        assert_eq!(Field::from_json_name("firstname"), None);
        let unknown = serde_json::from_str::<Field>("\"avatar\"").unwrap_err();
        assert!(unknown.to_string().contains("unknown variant `avatar`"));
    }

    #[test]
    fn required_fields_are_first_name_and_email() {
        let required: Vec<_> = Field::ALL.into_iter().filter(|f| f.required()).collect();
        assert_eq!(required, [Field::FirstName, Field::Email]);
    }
}
