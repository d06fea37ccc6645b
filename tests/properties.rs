//! Property tests of the widget's pure parts: every field rule and normaliser on any text, the
//! request body built from a draft, and the typed outcome of any response. Each property runs
//! `PROPTEST_CASES` cases (10,000 when unset); `tests/strategies/mod.rs` makes the inputs.
//! The widget's agreement with the stub API is in `stub-api/tests/agreement.rs`.

#![cfg(not(target_arch = "wasm32"))]

mod strategies;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Map, Value};
use std::rc::Rc;
use std::sync::OnceLock;
use strategies::*;
use thena_add_contact::api::{self, interpret_response, ApiError, Reply, ResponseParts};
use thena_add_contact::data;
use thena_add_contact::i18n::{fill, Text, Texts};
use thena_add_contact::model::contact::{CreatedContact, NestError, NewContact};
use thena_add_contact::model::field::{Field, Target};
use thena_add_contact::model::field_error::FieldError;
use thena_add_contact::model::org::{
    Account, Choices, ContactType, CustomFieldDefinition, FieldType,
};
use thena_add_contact::rules::{
    account_id_list, account_ids, avatar_url, custom_value, email, first_name, optional_text,
    phone, split_account_ids, ContactDraft, CustomEntry, CustomField, Pattern, MAX_EMAIL_CHARS,
    MAX_TEXT_CHARS, MAX_URL_CHARS,
};

/// The `{name}` placeholders of the English texts.
fn placeholders() -> &'static [String] {
    static PLACEHOLDERS: OnceLock<Vec<String>> = OnceLock::new();
    PLACEHOLDERS.get_or_init(|| {
        Text::ALL
            .iter()
            .flat_map(|t| t.english().split('{').skip(1))
            .filter_map(|part| part.split_once('}').map(|(name, _)| format!("{{{name}}}")))
            .collect()
    })
}

/// A message a person reads under a field: not blank, no control character, no placeholder
/// left unfilled (unless the input itself had braces).
fn assert_readable(message: &str, input: &str, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !message.trim().is_empty(),
        "{what}: blank message for {input:?}"
    );
    prop_assert!(
        !message.chars().any(char::is_control),
        "{what}: a control character reaches the page: {message:?} (input {input:?})"
    );
    if !input.contains('{') {
        for name in placeholders() {
            prop_assert!(
                !message.contains(name.as_str()),
                "{what}: {message:?} keeps {name}"
            );
        }
    }
    Ok(())
}

/// Any text, or text shaped like any of the fields.
fn field_input() -> BoxedStrategy<String> {
    prop_oneof![
        any_text(),
        name_text(),
        email_text(),
        phone_text(),
        url_text(),
        account_ids_text(),
        contact_type_text(),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config())]

    /// 1. Every rule returns, on any text, and every refusal reads well.
    #[test]
    fn every_rule_answers_any_text_and_explains_each_refusal(input in field_input()) {
        let texts = Texts::default();
        let refusals: [(Field, Option<FieldError>); 7] = [
            (Field::FirstName, first_name(&input).err()),
            (Field::LastName, optional_text(&input).err()),
            (Field::Email, email(&input).err()),
            (Field::Phone, phone(&input).err()),
            (Field::ContactType, optional_text(&input).err()),
            (Field::AvatarUrl, avatar_url(&input).err()),
            (Field::AccountIds, account_ids(&input).err()),
        ];
        for (field, error) in refusals {
            let Some(error) = error else { continue };
            assert_readable(&error.message(field, &texts), &input, &format!("{field:?} {error:?}"))?;
            // Under a custom field, labelled by any name: still says something.
            prop_assert!(!error.custom_message(&input, &texts).trim().is_empty() || input.trim().is_empty());
        }
        let entries = split_account_ids(&input);
        for entry in &entries {
            prop_assert!(!entry.is_empty() && entry.trim() == *entry);
            prop_assert!(!entry.contains([',', '\n', '\r']));
        }
        prop_assert_eq!(account_id_list(&input), entries.iter().map(|e| e.to_string()).collect::<Vec<_>>());
        if let Some(domain) = data::company_domain(&input) {
            prop_assert!(!domain.is_empty());
            prop_assert_eq!(domain.to_ascii_lowercase(), domain);
        }
        fill(&input, &[("label", "First name"), ("max", "255")]);
        texts.clone().with(Text::ErrorTooLong, &input).fill(Text::ErrorTooLong, &[("max", "1")]);
    }

    /// 2. What a rule sends, sent again, is accepted unchanged; and it is within the limits.
    #[test]
    fn normalised_values_are_fixed_points(input in field_input()) {
        if let Ok(value) = first_name(&input) {
            prop_assert_eq!(first_name(&value), Ok(value.clone()));
            prop_assert!(!value.is_empty() && value.trim() == value);
        }
        if let Ok(Some(value)) = optional_text(&input) {
            prop_assert_eq!(optional_text(&value), Ok(Some(value.clone())));
            prop_assert!(value.trim() == value && value.chars().count() <= MAX_TEXT_CHARS);
            prop_assert!(!value.chars().any(char::is_control));
        }
        if let Ok(value) = email(&input) {
            prop_assert_eq!(email(&value), Ok(value.clone()));
            prop_assert!(value.is_ascii() && value.len() <= MAX_EMAIL_CHARS);
            prop_assert_eq!(value.matches('@').count(), 1);
        }
        if let Ok(Some(value)) = phone(&input) {
            prop_assert_eq!(phone(&value), Ok(Some(value.clone())));
            let digits = value.strip_prefix('+').unwrap_or_default();
            prop_assert!((7..=15).contains(&digits.len()), "{value}");
            prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0'));
        }
        if let Ok(Some(value)) = avatar_url(&input) {
            prop_assert_eq!(avatar_url(&value), Ok(Some(value.clone())));
            prop_assert!(value.trim() == value && value.chars().count() <= MAX_URL_CHARS);
            let lower = value.to_ascii_lowercase();
            prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"), "{value}");
        }
        if let Ok(ids) = account_ids(&input) {
            for separator in [",", "\n", ", ", "\r\n"] {
                prop_assert_eq!(account_ids(&ids.join(separator)), Ok(ids.clone()));
            }
        }
    }

    /// 1 and 2 for custom fields: any values for a field of any type: one verdict; what is sent,
    /// sent again, is sent unchanged.
    #[test]
    fn custom_values_are_checked_once_and_fixed_points(
        (field, values) in custom_field().prop_flat_map(|field| {
            let text = custom_text(field.definition.kind(), &field.definition.options.0);
            (Just(field), vec(text, 0..=4))
        })
    ) {
        let definition = &field.definition;
        let kind = definition.kind();
        let entry = CustomEntry { field: field.clone(), values: values.clone() };
        let result = custom_value(&field, &values);
        prop_assert_eq!(&entry.check(), &result);
        match result {
            Ok(None) => prop_assert!(!definition.mandatory_on_creation),
            Ok(Some(item)) => {
                prop_assert_eq!(item.custom_field_id.as_deref(), Some(definition.uid.as_str()));
                let sent: Vec<String> =
                    item.data.clone().unwrap_or_default().into_iter().map(|d| d.value).collect();
                prop_assert!(!sent.is_empty() && sent.iter().all(|v| !v.is_empty()));
                if kind != FieldType::MultiChoice {
                    prop_assert_eq!(sent.len(), 1);
                }
                for (i, value) in sent.iter().enumerate() {
                    prop_assert!(!sent[..i].contains(value), "{value:?} twice");
                }
                prop_assert_eq!(custom_value(&field, &sent), Ok(Some(item)));
            }
            Err(error) => {
                if error == FieldError::Required {
                    prop_assert!(definition.mandatory_on_creation);
                }
                let message = error.custom_message(&definition.name, &Texts::default());
                prop_assert!(!message.trim().is_empty(), "{error:?}");
            }
        }
    }

    /// The submit runs each field's rule once: the body holds exactly what the rules return,
    /// the errors are exactly the fields' own, in form order, custom fields last.
    #[test]
    fn a_draft_is_sent_as_its_rules_say_or_refused_field_by_field(draft in draft()) {
        let custom_errors: Vec<(Target, FieldError)> = draft
            .custom
            .iter()
            .filter_map(|entry| Some((entry.target(), entry.check().err()?)))
            .collect();
        let field_errors: Vec<(Target, FieldError)> = Field::ALL
            .into_iter()
            .filter_map(|field| Some((Target::Field(field), draft.check(field)?)))
            .collect();
        match draft.to_request() {
            Ok(body) => {
                prop_assert!(field_errors.is_empty() && custom_errors.is_empty());
                let values = &draft.values;
                prop_assert_eq!(Ok(body.first_name.clone()), first_name(&values[Field::FirstName]));
                prop_assert_eq!(Ok(body.last_name.clone()), optional_text(&values[Field::LastName]));
                prop_assert_eq!(Ok(body.email.clone()), email(&values[Field::Email]));
                prop_assert_eq!(Ok(body.phone_number.clone()), phone(&values[Field::Phone]));
                prop_assert_eq!(Ok(body.contact_type.clone()), optional_text(&values[Field::ContactType]));
                prop_assert_eq!(Ok(body.avatar_url.clone()), avatar_url(&values[Field::AvatarUrl]));
                prop_assert_eq!(Ok(body.account_ids.clone()), account_ids(&values[Field::AccountIds]));
                let custom: Vec<_> = draft
                    .custom
                    .iter()
                    .filter_map(|entry| entry.check().unwrap())
                    .collect();
                prop_assert_eq!(&body.custom_field_values, &custom);
                // The JSON: no empty strings, no empty lists, and it reads back the same.
                let text = serde_json::to_string(&body).unwrap();
                let sent: Value = serde_json::from_str(&text).unwrap();
                for (key, value) in sent.as_object().unwrap() {
                    prop_assert!(value != "" && value != &json!([]), "{key}: {value}");
                }
                prop_assert_eq!(serde_json::from_str::<NewContact>(&text).unwrap(), body);
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                let expected: Vec<_> = field_errors.into_iter().chain(custom_errors).collect();
                prop_assert_eq!(&errors, &expected);
                // Each reads well, whatever was typed (all of it counts as the input).
                let typed: Vec<&str> = draft
                    .values
                    .iter()
                    .map(|(_, value)| value.as_str())
                    .chain(draft.custom.iter().flat_map(|e| e.values.iter().map(String::as_str)))
                    .chain([draft.account_query.as_str()])
                    .collect();
                let typed = typed.concat();
                let texts = Texts::default();
                for (target, error) in &errors {
                    let shown = match target {
                        Target::Field(field) => error.message(*field, &texts),
                        Target::Custom(_) => {
                            let entry = draft.custom.iter().find(|e| e.target() == *target).unwrap();
                            error.custom_message(&entry.field.definition.name, &texts)
                        }
                    };
                    assert_readable(&shown, &typed, &format!("{target:?} {error:?}"))?;
                }
            }
        }
    }

    /// 4. Any status, body and rate-limit headers: one typed outcome, of the kind the status
    /// says, with a message to show.
    #[test]
    fn any_response_maps_to_one_outcome_by_its_status(
        (now, status, body, (retry_after, retry_after_sane), (reset, reset_sane)) in response()
    ) {
        let parts = ResponseParts {
            status,
            retry_after: retry_after.as_deref(),
            rate_limit_reset: reset.as_deref(),
            body: body.clone().map(Json),
        };
        let outcome = interpret_response(parts, now, api::flat_or_data::<Json, CreatedContact>);
        let kind = match &outcome {
            Ok(_) => "ok",
            Err(error) => error.kind().name(),
        };
        let allowed: &[&str] = match status {
            200..=299 => &["ok", "bad_response"],
            400 | 422 => &["validation", "conflict"],
            409 => &["conflict"],
            401 => &["unauthorized"],
            403 => &["forbidden"],
            429 => &["rate_limited"],
            500..=599 => &["server"],
            _ => &["bad_response"],
        };
        prop_assert!(allowed.contains(&kind), "{status} gave {kind}: {outcome:?}");
        let Err(error) = outcome else { return Ok(()) };
        prop_assert_eq!(error.status(), Some(status));
        let texts = Texts::default();
        let message = error.message(&texts);
        prop_assert!(!message.trim().is_empty(), "{status} {body:?}: {error:?} has no message");
        for (target, field_error) in error.field_errors() {
            let shown = match target {
                Target::Field(field) => field_error.message(*field, &texts),
                Target::Custom(slug) => field_error.custom_message(slug, &texts),
            };
            prop_assert!(!shown.trim().is_empty(), "{target:?}: {field_error:?}");
        }
        if let ApiError::RateLimited { retry_after_secs: Some(wait) } = error {
            // Headers that each mean at most a day's wait never make a longer one.
            let sane = retry_after_sane && reset_sane;
            prop_assert!(!sane || wait <= DAY + 60, "wait {wait}s from {retry_after:?} / {reset:?} at {now}");
        }
    }

    /// The readers of the organization's data and of created contacts take any JSON.
    #[test]
    fn readers_take_any_json(body in reply_body()) {
        let reply = Json(body);
        let _ = api::list::<Json, CustomFieldDefinition>(&reply);
        let _ = api::list::<Json, ContactType>(&reply);
        let _ = api::search_hits::<Json, Account>(&reply);
        let _ = api::flat_or_data::<Json, CreatedContact>(&reply);
        let _ = reply.read::<NestError>().map(NestError::messages);
        if let Some((fields, sent)) = api::list_page::<Json, CustomFieldDefinition>(&reply) {
            prop_assert!(fields.len() <= sent);
            for field in fields {
                let _ = (field.slug(), field.kind());
            }
        }
        if let Some(contact) = api::flat_or_data::<Json, CreatedContact>(&reply) {
            let _ = contact.display_name();
        }
    }
}

const DAY: u64 = 86_400;

/// Found by `any_response_maps_to_one_outcome_by_its_status`: blank messages in a refusal were
/// joined into a blank message above the button; they are now skipped.
#[test]
fn a_refusal_of_blank_messages_still_says_something() {
    for message in [
        json!(""),
        json!(" "),
        json!(["", "\n"]),
        json!(["", "firstName must be a string"]),
    ] {
        let body = json!({"statusCode": 400, "message": message, "error": "Bad Request"});
        for status in [400, 422] {
            let error = interpret_response(
                ResponseParts {
                    status,
                    retry_after: None,
                    rate_limit_reset: None,
                    body: Some(Json(body.clone())),
                },
                1_800_000_000,
                api::flat_or_data::<Json, CreatedContact>,
            )
            .unwrap_err();
            let shown = error.message(&Texts::default());
            assert!(!shown.trim().is_empty(), "{status} {body}: {error:?}");
        }
    }
}

/// A custom field of any type, with options, maybe mandatory, maybe with a pattern.
fn custom_field() -> impl Strategy<Value = Rc<CustomField>> {
    let pattern = prop_oneof![
        3 => Just(None),
        1 => Just(Some(Pattern(Rc::new(|_: &str| true)))),
        1 => Just(Some(Pattern(Rc::new(|_: &str| false)))),
        1 => Just(Some(Pattern(Rc::new(|v: &str| v.len().is_multiple_of(2))))),
        1 => Just(Some(Pattern(Rc::new(|v: &str| v.is_ascii())))),
    ];
    let options = vec(
        prop_oneof![3 => select(&["Gold", "Silver", "Email", " padded ", ""][..]).prop_map(String::from), 1 => text(8)],
        0..=4,
    );
    (
        select(&FIELD_TYPES[..]),
        options,
        any::<bool>(),
        pattern,
        "[a-z_]{1,8}",
    )
        .prop_map(|(kind, options, mandatory, pattern, uid)| {
            Rc::new(CustomField {
                definition: CustomFieldDefinition {
                    uid: format!("cf_{uid}"),
                    name: uid.clone(),
                    slug: Some(uid),
                    field_type: Some(kind),
                    options: Choices(options),
                    mandatory_on_creation: mandatory,
                    ..CustomFieldDefinition::default()
                },
                pattern,
            })
        })
}

/// A draft: every built-in field shaped or any, custom fields, text left in the account picker.
fn draft() -> impl Strategy<Value = ContactDraft> {
    let builtins = (
        name_text(),
        name_text(),
        email_text(),
        phone_text(),
        contact_type_text(),
        url_text(),
        account_ids_text(),
    );
    let custom = vec(
        custom_field().prop_flat_map(|field| {
            let text = custom_text(field.definition.kind(), &field.definition.options.0);
            (Just(field), vec(text, 0..=3))
        }),
        0..=3,
    );
    let query = prop_oneof![6 => Just(String::new()), 1 => Just(" ".into()), 1 => text(10)];
    (builtins, custom, query).prop_map(|(values, custom, account_query)| {
        let (first, last, mail, tel, kind, avatar, accounts) = values;
        let mut draft = ContactDraft {
            account_query,
            ..ContactDraft::default()
        };
        for (field, value) in Field::ALL
            .into_iter()
            .zip([first, last, mail, tel, kind, avatar, accounts])
        {
            draft.values[field] = value;
        }
        draft.custom = custom
            .into_iter()
            .map(|(field, values)| CustomEntry { field, values })
            .collect();
        draft
    })
}

/// Object keys the readers look for, and any.
fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(&[
            "message", "data", "id", "firstName", "lastName", "email", "statusCode", "error",
            "status", "result", "hits", "document", "accounts", "uid", "name", "value", "options",
            "fieldType", "defaultValue", "isActive",
        ][..]).prop_map(String::from),
        1 => text(8),
    ]
}

/// Any JSON value: nested arrays and objects of anything.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        4 => text(12).prop_map(Value::String),
        1 => any_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec((json_key(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// A message of a NestJS error: about a field, a duplicate email, or anything.
fn nest_message() -> impl Strategy<Value = String> {
    let property = select(
        &[
            "firstName",
            "lastName",
            "email",
            "phoneNumber",
            "contactType",
            "avatarUrl",
            "accountIds",
            "accountIds.0",
            "customFieldValues.0.customFieldId",
            "each value in accountIds",
            "",
            "firstname",
            "Email",
        ][..],
    );
    prop_oneof![
        3 => (property, select(&[
            " must be a string", " should not be empty", " must be an email", " already exists",
            " is already in use", " must be unique", "", " ", ".", " {label}",
        ][..])).prop_map(|(p, tail)| format!("{p}{tail}")),
        1 => select(&[
            "Contact with this email already exists", "No account exists for this email domain",
            "", " ", "\n", "{label}", "{", "}", "Custom field customer_tier is required",
        ][..]).prop_map(String::from),
        2 => any_text(),
    ]
}

/// A NestJS error body, with `message` a string, a list, or something else.
fn nest_error() -> impl Strategy<Value = Value> {
    let message = prop_oneof![
        3 => nest_message().prop_map(Value::String),
        3 => vec(nest_message(), 0..=5).prop_map(|m| json!(m)),
        1 => json_value(),
    ];
    (any::<u16>(), message, text(12), any::<bool>()).prop_map(|(code, message, error, wrap)| {
        let body = json!({"statusCode": code, "message": message, "error": error});
        if wrap {
            json!({"data": body})
        } else {
            body
        }
    })
}

/// A member that may be missing, null, of its type, or of any other.
fn maybe(value: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(Value::Null)),
        3 => value.prop_map(Some),
        1 => json_value().prop_map(Some),
    ]
}

/// A created contact, flat or wrapped in `data`, with members of the documented types or not.
fn created_contact() -> impl Strategy<Value = Value> {
    let string = || text(12).prop_map(Value::String);
    (
        (
            maybe(string()),
            maybe(name_text().prop_map(Value::String)),
            maybe(email_text().prop_map(Value::String)),
        ),
        (
            maybe(string()),
            maybe(vec(string(), 0..3).prop_map(Value::Array)),
            maybe(string()),
        ),
        any::<bool>(),
    )
        .prop_map(|((id, first, mail), (last, accounts, avatar), wrap)| {
            let mut contact = Map::new();
            for (key, value) in [
                ("id", id),
                ("firstName", first),
                ("email", mail),
                ("lastName", last),
                ("accounts", accounts),
                ("avatarUrl", avatar),
            ] {
                if let Some(value) = value {
                    contact.insert(key.into(), value);
                }
            }
            let contact = Value::Object(contact);
            if wrap {
                json!({"status": true, "data": contact})
            } else {
                contact
            }
        })
}

/// A custom field definition as the platform might describe it, members odd or not.
fn definition_json() -> impl Strategy<Value = Value> {
    (
        maybe(text(8).prop_map(Value::String)),
        maybe(
            select(
                &[
                    "single_line",
                    "multi_choice",
                    "checkbox",
                    "colour_picker",
                    "",
                ][..],
            )
            .prop_map(Value::from),
        ),
        maybe(json_value()),
        maybe(json_value()),
        (
            maybe(any::<bool>().prop_map(Value::Bool)),
            maybe(any::<bool>().prop_map(Value::Bool)),
        ),
        prop_oneof![19 => Just(0usize), 1 => 100..=130usize],
    )
        .prop_map(
            |(uid, kind, options, default, (active, mandatory), depth)| {
                let mut field = Map::new();
                field.insert("name".into(), json!("Field"));
                for (key, value) in [
                    ("uid", uid),
                    ("fieldType", kind),
                    ("options", options),
                    ("defaultValue", default),
                    ("isActive", active),
                    ("mandatoryOnCreation", mandatory),
                ] {
                    if let Some(value) = value {
                        field.insert(key.into(), value);
                    }
                }
                // Sometimes options nested deep, as a hostile reply would.
                if depth > 0 {
                    let mut nested = json!("x");
                    for level in 0..depth {
                        nested = if level.is_multiple_of(2) {
                            json!([nested])
                        } else {
                            json!({"value": nested})
                        };
                    }
                    field.insert("options".into(), nested);
                }
                Value::Object(field)
            },
        )
}

/// A reply the readers may get: anything, a list of definitions bare or wrapped, search hits.
fn reply_body() -> impl Strategy<Value = Value> {
    prop_oneof![
        2 => json_value(),
        2 => vec(definition_json(), 0..=4).prop_map(Value::Array),
        1 => vec(definition_json(), 0..=4).prop_map(|items| json!({"data": items})),
        1 => vec(json_value(), 0..=4)
            .prop_map(|docs| json!({"result": {"hits": docs.into_iter().map(|d| json!({"document": d})).collect::<Vec<_>>()}})),
        1 => created_contact(),
    ]
}

/// The statuses the API documents and their neighbours.
const STATUSES: &[u16] = &[
    0, 100, 199, 200, 201, 204, 299, 300, 302, 399, 400, 401, 402, 403, 404, 408, 409, 413, 418,
    422, 429, 499, 500, 502, 503, 504, 599, 600, 999, 65535,
];

/// A rate-limit header, and whether it means at most a day's wait (absent counts as such).
type Header = (Option<String>, bool);

/// `Retry-After`: seconds, an HTTP-date around now, or anything.
fn retry_after(now: u64) -> impl Strategy<Value = Header> {
    prop_oneof![
        2 => Just((None, true)),
        2 => (0..=DAY, padding()).prop_map(|(secs, pad)| (Some(format!("{pad}{secs}{pad}")), true)),
        2 => (-(DAY as i64)..=DAY as i64).prop_map(move |offset| {
            (Some(http_date(now.saturating_add_signed(offset))), true)
        }),
        1 => (any::<u64>(), select(&["", "GMT", " UTC", "x"][..]))
            .prop_map(|(secs, junk)| (Some(format!("{secs}{junk}")), false)),
        1 => any::<u64>().prop_map(|t| (Some(http_date(t % 253_402_300_800)), false)),
        1 => select(&["-1", "1.5", "", " ", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Thu, 31 Feb 2030 25:61:61 GMT"][..])
            .prop_map(|value| (Some(value.to_string()), false)),
        1 => any_text().prop_map(|value| (Some(value), false)),
    ]
}

/// `X-RateLimit-Reset`: unix seconds or milliseconds around now, seconds from now, or anything.
fn rate_limit_reset(now: u64) -> impl Strategy<Value = Header> {
    prop_oneof![
        2 => Just((None, true)),
        2 => (-(DAY as i64)..=DAY as i64, select(&["", ".5", ".999"][..]))
            .prop_map(move |(offset, fraction)| (Some(format!("{}{fraction}", now.saturating_add_signed(offset))), true)),
        2 => (-(DAY as i64)..=DAY as i64, 0..1000u64)
            .prop_map(move |(offset, ms)| (Some(format!("{}", now.saturating_add_signed(offset) * 1000 + ms)), true)),
        1 => (0..=DAY).prop_map(|secs| (Some(secs.to_string()), true)),
        1 => any::<u64>().prop_map(|value| (Some(value.to_string()), false)),
        1 => "[0-9.+ -]{0,25}".prop_map(|value| (Some(value), false)),
        1 => any_text().prop_map(|value| (Some(value), false)),
    ]
}

/// A response: the time now, a status, a body (None: not JSON), the two rate-limit headers.
fn response() -> impl Strategy<Value = (u64, u16, Option<Value>, Header, Header)> {
    (1_600_000_000..2_100_000_000u64).prop_flat_map(|now| {
        let status = prop_oneof![3 => select(STATUSES), 1 => any::<u16>()];
        let body = prop_oneof![
            1 => Just(None),
            3 => json_value().prop_map(Some),
            3 => nest_error().prop_map(Some),
            2 => created_contact().prop_map(Some),
        ];
        (
            Just(now),
            status,
            body,
            retry_after(now),
            rate_limit_reset(now),
        )
    })
}

/// `secs` (unix) as an IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(secs: u64) -> String {
    httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
}

#[test]
fn the_case_count_defaults_to_ten_thousand() {
    if std::env::var_os("PROPTEST_CASES").is_none() {
        assert_eq!(config().cases, 10_000);
    }
    assert_eq!(config().cases, cases());
}
