//! Client-side rules for every field: pure functions over what the person typed, no DOM, no
//! signals. Each rule trims, checks and returns the value to send, or a [`FieldError`]; what a
//! person reads for each error is in `crate::i18n`. The built-in fields' rules are in
//! [`builtin`], the custom fields' in [`custom`]; [`ContactDraft`] runs them all.

pub mod builtin;
pub mod custom;

pub use builtin::{
    account_id_list, account_ids, avatar_url, email, first_name, optional_text, phone,
    split_account_ids, MAX_EMAIL_CHARS, MAX_LONG_TEXT_CHARS, MAX_TEXT_CHARS, MAX_URL_CHARS,
};
pub use custom::custom_value;

use crate::model::contact::{CustomFieldValue, NewContact};
use crate::model::field::{Field, FieldMap, Target};
use crate::model::field_error::FieldError;
use crate::model::org::CustomFieldDefinition;
use builtin::non_empty;
use std::rc::Rc;

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

#[cfg(test)]
pub(crate) mod tests;
