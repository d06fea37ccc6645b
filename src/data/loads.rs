//! The organization's definitions, fetched through [`Session`]: its contact types and custom
//! fields, loaded once per page per `(apiBase, orgId)` however many widgets ask; a failed load is
//! forgotten so that "Load again" asks again.

use crate::api::request::{CUSTOM_FIELDS_PER_PAGE, CUSTOM_FIELD_PAGES};
use crate::api::{self, ApiError, ApiRequest, Session};
use crate::model::org::{ContactType, CustomFieldDefinition};
use crate::rules::{CustomField, Pattern};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::thread::LocalKey;
use wasm_bindgen::JsCast;

/// A load every widget of the page can await; its result is kept for the page's life.
type Load<T> = Shared<LocalBoxFuture<'static, Result<Rc<T>, ApiError>>>;
/// `(apiBase, orgId)`.
type Key = (String, String);
/// The loads by key: a page holds one or two organizations, so a list is searched.
type Cache<T> = RefCell<Vec<(Key, Load<T>)>>;

thread_local! {
    static CONTACT_TYPES: Cache<Vec<ContactType>> = RefCell::default();
    static CUSTOM_FIELDS: Cache<Vec<Rc<CustomField>>> = RefCell::default();
}

/// The organization's contact types.
pub async fn contact_types(session: &Session) -> Result<Rc<Vec<ContactType>>, ApiError> {
    once_per_page(&CONTACT_TYPES, session, |session| async move {
        session
            .send(&ApiRequest::contact_types())
            .await?
            .interpret(api::list)
            .map(Rc::new)
    })
    .await
}

/// The organization's active contact custom fields, in its order: every page until a short one
/// (at most [`CUSTOM_FIELD_PAGES`]).
pub async fn custom_fields(session: &Session) -> Result<Rc<Vec<Rc<CustomField>>>, ApiError> {
    once_per_page(&CUSTOM_FIELDS, session, |session| async move {
        let mut definitions: Vec<CustomFieldDefinition> = Vec::new();
        for page in 0..CUSTOM_FIELD_PAGES {
            let request = ApiRequest::custom_fields(page);
            let (items, sent) = session.send(&request).await?.interpret(api::list_page)?;
            definitions.extend(items);
            if sent < CUSTOM_FIELDS_PER_PAGE {
                break;
            }
        }
        Ok(Rc::new(ready_to_show(definitions)))
    })
    .await
}

/// The active fields, each once, with their patterns compiled by the browser's `RegExp`.
pub fn ready_to_show(definitions: Vec<CustomFieldDefinition>) -> Vec<Rc<CustomField>> {
    ready_to_show_with(definitions, browser_pattern)
}

/// The active fields, each once, with their patterns compiled by `compile` (a pattern it cannot
/// compile is ignored): natively, tests pass another regex engine.
pub fn ready_to_show_with(
    definitions: Vec<CustomFieldDefinition>,
    compile: impl Fn(&str) -> Option<Pattern>,
) -> Vec<Rc<CustomField>> {
    let mut fields: Vec<Rc<CustomField>> = Vec::new();
    for definition in definitions {
        let seen = fields.iter().any(|f| {
            f.definition.uid == definition.uid || f.definition.slug() == definition.slug()
        });
        if definition.is_active && !seen {
            let pattern = definition
                .regex_for_validation
                .as_deref()
                .and_then(&compile);
            fields.push(Rc::new(CustomField {
                definition,
                pattern,
            }));
        }
    }
    fields
}

/// The load of `cache` for this session's `(apiBase, orgId)`: the one under way or done, or a
/// new one. A failed load is removed, so the next call asks again.
async fn once_per_page<T: 'static, F>(
    cache: &'static LocalKey<Cache<T>>,
    session: &Session,
    load: impl FnOnce(Session) -> F,
) -> Result<Rc<T>, ApiError>
where
    F: Future<Output = Result<Rc<T>, ApiError>> + 'static,
{
    let key: Key = (
        session.api.api_base().to_string(),
        session.api.org_id().to_string(),
    );
    let shared = cache.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, load)) = cache.iter().find(|(k, _)| *k == key) {
            return load.clone();
        }
        let load = load(session.clone()).boxed_local().shared();
        cache.push((key.clone(), load.clone()));
        load
    });
    let result = shared.clone().await;
    if result.is_err() {
        // Only this load: a retry may already have started another.
        cache.with(|cache| {
            cache
                .borrow_mut()
                .retain(|(k, load)| *k != key || !load.ptr_eq(&shared))
        });
    }
    result
}

/// `regexForValidation` compiled by the browser's `RegExp` (as the platform's JavaScript would
/// read it); `None` when the browser refuses it, so that a bad pattern from the server is
/// ignored rather than fatal.
fn browser_pattern(source: &str) -> Option<Pattern> {
    let constructor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"RegExp".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let regexp: js_sys::RegExp =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&source.into()))
            .ok()?
            .dyn_into()
            .ok()?;
    Some(Pattern(Rc::new(move |value| regexp.test(value))))
}
