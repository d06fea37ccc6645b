//! What the form knows between events, as a plain type: the typed values and the errors shown.
//! The controllers forward DOM events here (through [`super::store::FormStore`], which tells the
//! view what changed) and the components render the result.

use crate::api::ApiError;
use crate::i18n::Texts;
use crate::model::contact::NewContact;
use crate::model::field::{Field, FieldMap, Target};
use crate::model::field_error::FieldError;
use crate::model::org::FieldType;
use crate::rules::{ContactDraft, CustomEntry, CustomField};
use std::rc::Rc;

/// What the form holds between events: the draft, the errors shown, and the host's values to
/// go back to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormState {
    /// What the form holds now.
    pub draft: ContactDraft,
    /// The error shown under each field (client rule or server message).
    pub shown: FieldMap<Option<FieldError>>,
    /// The error shown under each custom field, in `draft.custom`'s order.
    pub custom_shown: Vec<Option<FieldError>>,
    /// The host's values, which "Add another" and a reset go back to.
    pub initial: ContactDraft,
}

impl FormState {
    /// A form that starts from `draft` (also what a reset goes back to), with no errors shown.
    pub fn new(draft: ContactDraft) -> FormState {
        FormState {
            initial: draft.clone(),
            draft,
            ..FormState::default()
        }
    }

    /// The person changed a field. An error already shown follows the new value (so it clears
    /// as soon as the value is fixed); no new error appears while typing.
    pub fn input(&mut self, field: Field, value: String) {
        self.draft.values[field] = value;
        if self.shown[field].is_some() {
            self.shown[field] = self.draft.check(field);
        }
    }

    /// A touched field lost focus: show its error, if any. A server message stays until the
    /// value changes.
    pub fn blur(&mut self, field: Field) {
        if !matches!(
            self.shown[field],
            Some(FieldError::Server(_) | FieldError::EmailAlreadyExists)
        ) {
            self.shown[field] = self.draft.check(field);
        }
    }

    /// The person changed custom field `index` (its text, or the options chosen).
    pub fn input_custom(&mut self, index: usize, values: Vec<String>) {
        let Some(entry) = self.draft.custom.get_mut(index) else {
            return;
        };
        entry.values = values;
        if let Some(Some(_)) = self.custom_shown.get(index) {
            self.custom_shown[index] = entry.check().err();
        }
    }

    /// Custom field `index` lost focus: show its error, if any. A server message stays until the
    /// value changes.
    pub fn blur_custom(&mut self, index: usize) {
        let (Some(entry), Some(shown)) = (
            self.draft.custom.get(index),
            self.custom_shown.get_mut(index),
        ) else {
            return;
        };
        if !matches!(shown, Some(FieldError::Server(_))) {
            *shown = entry.check().err();
        }
    }

    /// The organization's custom fields arrived: each is shown (`shown(slug)` is false for the
    /// ones the host hides) with the host's value for it, or its default. The host's items
    /// for the fields shown leave the pass-through list; the others stay in it, unchanged.
    pub fn add_custom_fields(&mut self, fields: &[Rc<CustomField>], shown: impl Fn(&str) -> bool) {
        for draft in [&mut self.draft, &mut self.initial] {
            for field in fields {
                let definition = &field.definition;
                if !shown(definition.slug())
                    || draft
                        .custom
                        .iter()
                        .any(|e| e.field.definition.uid == definition.uid)
                {
                    continue;
                }
                let given = draft.custom_field_values.iter().position(|item| {
                    item.custom_field_id.as_deref() == Some(definition.uid.as_str())
                });
                let values: Vec<String> = match given {
                    Some(at) => draft
                        .custom_field_values
                        .remove(at)
                        .data
                        .unwrap_or_default()
                        .into_iter()
                        .map(|datum| datum.value)
                        .collect(),
                    None => definition.default_value.0.clone(),
                };
                // A choice no longer offered could be neither seen nor removed: it is dropped.
                let choices = &definition.options.0;
                let values = match definition.kind() {
                    FieldType::SingleChoice | FieldType::RadioButton | FieldType::MultiChoice => {
                        values.into_iter().filter(|v| choices.contains(v)).collect()
                    }
                    _ => values,
                };
                draft.custom.push(CustomEntry {
                    field: field.clone(),
                    values,
                });
            }
        }
        self.custom_shown.resize(self.draft.custom.len(), None);
    }

    /// The person typed in the account picker: text that is not an account yet. An error shown
    /// under the accounts follows it.
    pub fn input_account_query(&mut self, query: String) {
        self.draft.account_query = query;
        if self.shown[Field::AccountIds].is_some() {
            self.shown[Field::AccountIds] = self.draft.check(Field::AccountIds);
        }
    }

    /// The host's contact type is not one of the organization's: the default shows instead,
    /// also after a reset.
    pub fn drop_contact_type(&mut self) {
        for draft in [&mut self.draft, &mut self.initial] {
            draft.values[Field::ContactType].clear();
        }
    }

    /// The organization's default contact type is selected unless the host chose one.
    pub fn default_contact_type(&mut self, id: &str) {
        for draft in [&mut self.draft, &mut self.initial] {
            if draft.values[Field::ContactType].trim().is_empty() {
                draft.values[Field::ContactType] = id.to_string();
            }
        }
    }

    /// Submit: the request body, or every error (in form order), each now shown.
    pub fn submit(&mut self) -> Result<NewContact, Vec<(Target, FieldError)>> {
        let result = self.draft.to_request();
        self.shown = FieldMap::default();
        self.custom_shown = vec![None; self.draft.custom.len()];
        if let Err(errors) = &result {
            for (target, error) in errors {
                self.show(target, error.clone());
            }
        }
        result
    }

    fn show(&mut self, target: &Target, error: FieldError) {
        match target {
            Target::Field(field) => self.shown[*field] = Some(error),
            Target::Custom(slug) => {
                if let Some(index) = self.custom_index(slug) {
                    self.custom_shown[index] = Some(error);
                }
            }
        }
    }

    fn custom_index(&self, slug: &str) -> Option<usize> {
        self.draft
            .custom
            .iter()
            .position(|entry| entry.field.definition.slug() == slug)
    }

    /// Shows what the service said about fields; returns the first such field in form order
    /// (the built-in fields, then the custom ones), whatever order the service named them in.
    pub fn show_server_errors(&mut self, error: &ApiError) -> Option<Target> {
        let errors = error.field_errors();
        for (target, error) in errors {
            self.show(target, error.clone());
        }
        let place = |target: &Target| match target {
            Target::Field(field) => *field as usize,
            Target::Custom(slug) => {
                Field::ALL.len() + self.custom_index(slug).unwrap_or(usize::MAX / 2)
            }
        };
        errors
            .iter()
            .map(|(target, _)| target)
            .min_by_key(|target| place(target))
            .cloned()
    }

    /// The custom fields shown, as (slug, name): what a server message may name.
    pub fn custom_names(&self) -> impl Iterator<Item = (&str, &str)> + Clone {
        self.draft.custom.iter().map(|entry| {
            (
                entry.field.definition.slug(),
                entry.field.definition.name.as_str(),
            )
        })
    }

    /// The message of an error on `target`, in the form's texts.
    pub fn message(&self, target: &Target, error: &FieldError, texts: &Texts) -> String {
        match target {
            Target::Field(field) => error.message(*field, texts),
            Target::Custom(slug) => {
                let name = self.custom_index(slug).map_or(slug.as_str(), |i| {
                    self.draft.custom[i].field.definition.name.as_str()
                });
                error.custom_message(name, texts)
            }
        }
    }

    /// (name, message) of each error, as the host receives them in `fieldErrors`.
    pub fn messages(
        &self,
        errors: &[(Target, FieldError)],
        texts: &Texts,
    ) -> Vec<(String, String)> {
        errors
            .iter()
            .map(|(target, error)| {
                (
                    target.name().to_string(),
                    self.message(target, error, texts),
                )
            })
            .collect()
    }

    /// How many fields, built-in and custom, show an error.
    pub fn invalid_count(&self) -> usize {
        self.shown.iter().filter(|(_, e)| e.is_some()).count()
            + self.custom_shown.iter().filter(|e| e.is_some()).count()
    }

    /// "Add another" and reset: the host's values again, no errors.
    pub fn clear(&mut self) {
        self.draft = self.initial.clone();
        self.shown = FieldMap::default();
        self.custom_shown = vec![None; self.draft.custom.len()];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> FormState {
        FormState::default()
    }

    #[test]
    fn errors_appear_on_blur_not_while_typing_and_clear_when_fixed() {
        let mut s = state();
        s.input(Field::Email, "jane@".into());
        assert_eq!(s.shown[Field::Email], None);
        s.blur(Field::Email);
        assert_eq!(s.shown[Field::Email], Some(FieldError::EmailInvalidDomain));
        s.input(Field::Email, "jane@example".into());
        assert_eq!(
            s.shown[Field::Email],
            Some(FieldError::EmailDomainWithoutDot)
        );
        s.input(Field::Email, "jane@example.com".into());
        assert_eq!(s.shown[Field::Email], None);
        // An empty optional field has nothing to say on blur.
        s.blur(Field::Phone);
        assert_eq!(s.shown[Field::Phone], None);
    }

    #[test]
    fn submit_shows_every_error_and_names_the_first_field() {
        let mut s = state();
        s.input(Field::Phone, "555 1234".into());
        let errors = s.submit().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.name()).collect();
        assert_eq!(fields, ["firstName", "email", "phoneNumber"]);
        assert_eq!(s.invalid_count(), 3);
        assert_eq!(
            s.shown[Field::Phone],
            Some(FieldError::PhoneMissingCountryCode)
        );
        s.input(Field::FirstName, "Jane".into());
        s.input(Field::Email, "jane@example.com".into());
        s.input(Field::Phone, "+1 555 123 4567".into());
        let body = s.submit().unwrap();
        assert_eq!(body.phone_number.as_deref(), Some("+15551234567"));
        assert_eq!(s.invalid_count(), 0);
        // Values are kept: only "Add another" clears them.
        assert_eq!(s.draft.values[Field::FirstName], "Jane");
    }

    #[test]
    fn server_errors_stay_until_the_value_changes() {
        let mut s = state();
        s.input(Field::Email, "jane@example.com".into());
        assert_eq!(
            s.show_server_errors(&ApiError::Rejected {
                status: 409,
                fields: vec![(Target::Field(Field::Email), FieldError::EmailAlreadyExists)],
                general: vec![],
            }),
            Some(Target::Field(Field::Email))
        );
        s.blur(Field::Email);
        assert_eq!(s.shown[Field::Email], Some(FieldError::EmailAlreadyExists));
        s.input(Field::Email, "jane2@example.com".into());
        assert_eq!(s.shown[Field::Email], None);
        assert_eq!(
            s.show_server_errors(&ApiError::Server { status: 500 }),
            None
        );
    }

    #[test]
    fn a_refusal_focuses_its_first_field_in_form_order() {
        let mut s = state();
        let error = ApiError::Rejected {
            status: 400,
            fields: vec![
                (Target::Field(Field::Phone), FieldError::Server("x".into())),
                (
                    Target::Custom("tier".into()),
                    FieldError::Server("y".into()),
                ),
                (
                    Target::Field(Field::FirstName),
                    FieldError::Server("z".into()),
                ),
            ],
            general: vec![],
        };
        assert_eq!(
            s.show_server_errors(&error),
            Some(Target::Field(Field::FirstName))
        );
        assert_eq!(s.shown[Field::Phone], Some(FieldError::Server("x".into())));
    }

    #[test]
    fn clear_goes_back_to_the_hosts_values() {
        let mut initial = ContactDraft {
            custom_field_values: vec![crate::model::contact::CustomFieldValue {
                custom_field_id: Some("cf1".into()),
                data: None,
            }],
            ..ContactDraft::default()
        };
        initial.values[Field::AccountIds] = "A1".into();
        let mut s = FormState::new(initial.clone());
        s.input(Field::FirstName, "Jane".into());
        s.input(Field::AccountIds, "A2".into());
        s.blur(Field::Email);
        s.clear();
        assert_eq!(s.draft, initial);
        assert_eq!(s.invalid_count(), 0);
    }
}
