//! What a person reads under a field: every error's message filled and printable, hostile
//! input included.

use crate::i18n::{Text, Texts};
use crate::model::field::{Field, Target};
use crate::model::field_error::FieldError;
use crate::rules::tests::{draft, HOSTILE};
use crate::rules::{account_ids, phone};

#[test]
fn the_phone_and_account_messages_name_what_is_wrong() {
    assert!(phone("415 555 0123")
        .unwrap_err()
        .message(Field::Phone, &Texts::default())
        .contains("country code"));
    let msg = account_ids("A123, A123")
        .unwrap_err()
        .message(Field::AccountIds, &Texts::default());
    assert!(
        msg.contains("A123") && msg.contains("more than once"),
        "{msg}"
    );
}

/// The `{name}` placeholders the English texts use.
fn placeholder_names() -> Vec<String> {
    Text::ALL
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
