//! What the form knows between events, as a plain type: the typed values and the errors shown.
//! The component only forwards DOM events here and renders the result.

use crate::api::ApiError;
use crate::contact::NewContact;
use crate::field::{Field, FieldMap};
use crate::validate::{ContactDraft, FieldError};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormState {
    pub draft: ContactDraft,
    /// The error shown under each field (client rule or server message).
    pub shown: FieldMap<Option<FieldError>>,
    /// The host's values, which "Add another" and a reset go back to.
    pub initial: ContactDraft,
}

impl FormState {
    pub fn new(draft: ContactDraft) -> FormState {
        FormState {
            initial: draft.clone(),
            draft,
            shown: FieldMap::default(),
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

    /// Submit: the request body, or every error (in form order), each now shown.
    pub fn submit(&mut self) -> Result<NewContact, Vec<(Field, FieldError)>> {
        let result = self.draft.to_request();
        self.shown = FieldMap::default();
        if let Err(errors) = &result {
            for (field, error) in errors.iter().cloned() {
                self.shown[field] = Some(error);
            }
        }
        result
    }

    /// Shows what the service said about fields; returns the first such field.
    pub fn show_server_errors(&mut self, error: &ApiError) -> Option<Field> {
        let errors = error.field_errors();
        for (field, error) in errors.iter().cloned() {
            self.shown[field] = Some(error);
        }
        errors.first().map(|(field, _)| *field)
    }

    pub fn invalid_count(&self) -> usize {
        self.shown.iter().filter(|(_, e)| e.is_some()).count()
    }

    /// "Add another" and reset: the host's values again, no errors.
    pub fn clear(&mut self) {
        self.draft = self.initial.clone();
        self.shown = FieldMap::default();
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
        let fields: Vec<Field> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, [Field::FirstName, Field::Email, Field::Phone]);
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
                fields: vec![(Field::Email, FieldError::EmailAlreadyExists)],
                general: vec![],
            }),
            Some(Field::Email)
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
    fn clear_goes_back_to_the_hosts_values() {
        let mut initial = ContactDraft {
            custom_field_values: vec![crate::contact::CustomFieldValue {
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
