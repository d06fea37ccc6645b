//! What the widget accepts, the stub creates: drafts made of values the widget's own rules
//! (`thena_add_contact::validate`) accept are sent, as the widget sends them, to the stub's
//! router, which checks them independently; each must be created (201), or be refused as a
//! duplicate (409) only when its email was created before in that organization.
//!
//! Each property runs `PROPTEST_CASES` cases (10,000 when unset), one create per case; the
//! inputs come from `tests/strategies/mod.rs` at the workspace root. Run with `--nocapture` to
//! see the time each took.

#[path = "../../tests/strategies/mod.rs"]
mod strategies;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use std::time::Instant;
use strategies::*;
use thena_add_contact::api;
use thena_add_contact::data;
use thena_add_contact::model::field::Field;
use thena_add_contact::model::field_error::FieldError;
use thena_add_contact::model::org::{CustomFieldDefinition, FieldType};
use thena_add_contact::rules::{self, ContactDraft, CustomEntry, CustomField, Pattern};
use tower::ServiceExt;

/// The stub, in process, and a runtime to call it from the (synchronous) property.
struct Stub {
    app: Router,
    runtime: tokio::runtime::Runtime,
}

impl Stub {
    fn new() -> Stub {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        Stub {
            app: stub_api::app(),
            runtime,
        }
    }

    fn call(&self, request: Request<Body>) -> (StatusCode, String) {
        self.runtime.block_on(async {
            let response = self.app.clone().oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        })
    }

    /// The create, with the headers the widget sends (`api::fetch`).
    fn create(&self, org: &str, json: String) -> (StatusCode, String) {
        self.call(
            Request::post("/v1/accounts/contacts")
                .header("Authorization", "Bearer token")
                .header("x-org-id", org)
                .header("Content-Type", "application/json")
                .body(Body::from(json))
                .unwrap(),
        )
    }

    fn seed(&self, org: &str, parts: Value) {
        let (status, body) = self.call(
            Request::post(format!("/__stub/seed?org={org}"))
                .body(Body::from(parts.to_string()))
                .unwrap(),
        );
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    /// The org's custom fields as the widget shows them: read by the widget's own reader,
    /// active ones, each once (`data::ready_to_show`), the pattern compiled (by the regex crate
    /// here, by the browser's RegExp in the widget).
    fn custom_fields(&self, org: &str) -> Vec<Rc<CustomField>> {
        let (status, body) = self.call(
            Request::get("/v1/custom-field?source=customer_contact&limit=100&page=0")
                .header("Authorization", "Bearer token")
                .header("x-org-id", org)
                .body(Body::empty())
                .unwrap(),
        );
        assert_eq!(status, StatusCode::OK, "{body}");
        let reply = Json(serde_json::from_str(&body).unwrap());
        let definitions: Vec<CustomFieldDefinition> = api::list(&reply).unwrap();
        // The stub's regex engine stands in for the browser's RegExp.
        data::ready_to_show_with(definitions, |source| {
            let regex = regex::Regex::new(source).ok()?;
            Some(Pattern(Rc::new(move |value: &str| regex.is_match(value))))
        })
    }
}

/// The seeded organization's contact types (the form offers them in a select), or none.
const CONTACT_TYPES: &[&str] = &[
    "",
    "CT_PRIMARY",
    "CT_BILLING",
    " CT_LEGAL ",
    "CT_EXECUTIVE",
    "CT_OTHER",
];

/// The built-in fields' values, each shaped (often valid, often not) and then kept only when
/// the widget's rule accepts it: an optional field it refuses is left empty, a required one
/// gets a plain valid value instead. So every draft is one the widget would send, made of
/// values each of which it accepted.
fn built_in_values() -> impl Strategy<Value = [String; 7]> {
    let first = (name_text(), "[A-Z][a-z]{1,10}");
    let mail = (
        email_text(),
        "[a-z]{1,8}[.+_-]?[a-z0-9]{1,8}@[a-z0-9]{1,10}\\.(com|io|co\\.uk)",
    );
    let contact_type = select(CONTACT_TYPES).prop_map(String::from);
    (
        first,
        name_text(),
        mail,
        phone_text(),
        contact_type,
        url_text(),
        account_ids_text(),
    )
        .prop_map(
            |((first, plain_first), last, (mail, plain_mail), tel, kind, avatar, ids)| {
                let keep = |value: String, ok: bool| if ok { value } else { String::new() };
                let first = if rules::first_name(&first).is_ok() {
                    first
                } else {
                    plain_first
                };
                let mail = if rules::email(&mail).is_ok() {
                    mail
                } else {
                    plain_mail
                };
                let last_ok = rules::optional_text(&last).is_ok();
                let tel_ok = rules::phone(&tel).is_ok();
                let avatar_ok = rules::avatar_url(&avatar).is_ok();
                let ids_ok = rules::account_ids(&ids).is_ok();
                [
                    first,
                    keep(last, last_ok),
                    mail,
                    keep(tel, tel_ok),
                    kind,
                    keep(avatar, avatar_ok),
                    keep(ids, ids_ok),
                ]
            },
        )
}

fn draft_of(values: [String; 7]) -> ContactDraft {
    let mut draft = ContactDraft::default();
    for (field, value) in Field::ALL.into_iter().zip(values) {
        draft.values[field] = value;
    }
    draft
}

/// A custom field's values, shaped for its type, kept only when the widget's rule accepts
/// them: else left empty, or, for a mandatory field, its first option or a plain value.
fn custom_values(field: &Rc<CustomField>) -> BoxedStrategy<Vec<String>> {
    let definition = &field.definition;
    let most = if definition.kind() == FieldType::MultiChoice {
        3
    } else {
        1
    };
    let field = field.clone();
    vec(
        custom_text(definition.kind(), &definition.options.0),
        0..=most,
    )
    .prop_map(move |values| {
        if rules::custom_value(&field, &values).is_ok() {
            return values;
        }
        let fallback = field
            .definition
            .options
            .0
            .first()
            .cloned()
            .unwrap_or_else(|| "AB-1234".into());
        if field.definition.mandatory_on_creation
            && rules::custom_value(&field, std::slice::from_ref(&fallback)).is_ok()
        {
            vec![fallback]
        } else {
            Vec::new()
        }
    })
    .boxed()
}

/// Runs `property` over `strategy` with the shared configuration; prints how long it took.
fn run<S: Strategy>(
    name: &str,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let started = Instant::now();
    let mut runner = TestRunner::new(config());
    let result = runner.run(&strategy, property);
    let verdict = if result.is_ok() { "passed" } else { "failed" };
    eprintln!(
        "{name}: {verdict}, {} cases, {:.1} s",
        cases(),
        started.elapsed().as_secs_f64()
    );
    if let Err(failure) = result {
        panic!("{name}: {failure}");
    }
}

/// The emails created so far in the current organization; a new one every `PER_ORG` cases
/// keeps the stub's duplicate check (a scan of the org's contacts) short.
struct Orgs {
    prefix: &'static str,
    count: usize,
    created: HashSet<String>,
    /// Seeds each new organization.
    seed: Box<dyn Fn(&str)>,
}

const PER_ORG: usize = 500;

impl Orgs {
    fn new(prefix: &'static str, seed: impl Fn(&str) + 'static) -> Orgs {
        Orgs {
            prefix,
            count: 0,
            created: HashSet::new(),
            seed: Box::new(seed),
        }
    }

    /// The organization for the next create.
    fn next(&mut self) -> String {
        let org = format!("{}-{}", self.prefix, self.count / PER_ORG);
        if self.count.is_multiple_of(PER_ORG) {
            (self.seed)(&org);
            // The seed's own contact.
            self.created = HashSet::from(["jane.doe@acme.com".to_string()]);
        }
        self.count += 1;
        org
    }
}

/// Sends what `draft` makes, as the widget would: 201, or 409 for an email the org has
/// already.
fn send(stub: &Stub, orgs: &RefCell<Orgs>, draft: &ContactDraft) -> Result<(), TestCaseError> {
    // Every value was kept because its rule accepted it.
    let body = draft.to_request().map_err(|errors| {
        TestCaseError::fail(format!("the widget refused its own values: {errors:?}"))
    })?;
    let json = serde_json::to_string(&body).unwrap();
    let mut orgs = orgs.borrow_mut();
    let org = orgs.next();
    let (status, answer) = stub.create(&org, json.clone());
    // The stub compares emails ignoring ASCII case and surrounding space.
    let email = body.email.trim().to_ascii_lowercase();
    match status {
        StatusCode::CREATED => {
            prop_assert!(
                orgs.created.insert(email),
                "201 for an email created before: {json}"
            );
        }
        StatusCode::CONFLICT => {
            prop_assert!(
                orgs.created.contains(&email),
                "409 for a new email: {json} -> {answer}"
            );
        }
        other => prop_assert!(false, "the stub answered {other} to {json}: {answer}"),
    }
    Ok(())
}

/// The built-in fields, for an organization without custom fields.
#[test]
fn the_stub_creates_what_the_widget_accepts() {
    let stub = Rc::new(Stub::new());
    let seeder = stub.clone();
    let orgs = RefCell::new(Orgs::new("agreement", move |org| {
        seeder.seed(org, json!({"customFields": []}))
    }));
    run(
        "the_stub_creates_what_the_widget_accepts",
        built_in_values(),
        |values| {
            let draft = draft_of(values);
            send(&stub, &orgs, &draft)
        },
    );
}

/// The seeded organization's custom fields too, one of every type, with their values.
#[test]
fn the_stub_creates_what_the_widget_accepts_in_custom_fields() {
    let stub = Rc::new(Stub::new());
    let fields = stub.custom_fields("agreement-cf-fields");
    assert!(fields.len() >= 17, "{}", fields.len());
    let values: Vec<BoxedStrategy<Vec<String>>> = fields.iter().map(custom_values).collect();
    let orgs = RefCell::new(Orgs::new("agreement-cf", |_| {}));
    run(
        "the_stub_creates_what_the_widget_accepts_in_custom_fields",
        (built_in_values(), values),
        |(built_in, custom)| {
            let mut draft = draft_of(built_in);
            draft.custom = fields
                .iter()
                .zip(custom)
                .map(|(field, values)| CustomEntry {
                    field: field.clone(),
                    values,
                })
                .collect();
            send(&stub, &orgs, &draft)
        },
    );
}

/// The properties' premise: a mandatory custom field left empty is the widget's own refusal.
#[test]
fn a_mandatory_custom_field_left_empty_is_refused_by_both() {
    let stub = Stub::new();
    let fields = stub.custom_fields("agreement-premise");
    let tier = fields
        .iter()
        .find(|f| f.definition.uid == "cf_tier")
        .unwrap();
    assert_eq!(rules::custom_value(tier, &[]), Err(FieldError::Required));
    let (status, body) = stub.create(
        "agreement-premise",
        json!({"firstName": "Ana", "email": "ana@example.com"}).to_string(),
    );
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("Custom field customer_tier is required"),
        "{body}"
    );
}
