//! An unsent draft kept in the browser's storage, when the host asks for it (`persistDraft`):
//! the fields the person can edit, saved a moment after each change under the organization (and
//! the host's `draftKey`), restored at mount, and removed once the contact is created, on reset
//! and on "Discard". Never the token, never a hidden or read-only field (the host's values).
//! Storage that throws (quota, disabled, private mode) is ignored: the form works without it.

use super::show::Show;
use crate::api::to_js;
use crate::model::field::{Field, FieldMap};
use crate::rules::ContactDraft;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// Which of the browser's storages keeps the draft.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{AddContactOptions, ApiConfig, DraftStorage, TokenSource};
///
/// let api = ApiConfig::new("https://platform.thena.ai", "org_7Hq2").unwrap();
/// let mut options = AddContactOptions::new(api, TokenSource::fixed("eyJhbGciOi…"));
/// // Keep what was typed across a reload of the tab, apart from the sidebar's form.
/// options.persist_draft = Some(DraftStorage::Session);
/// options.draft_key = Some("new-customer-page".into());
/// // As a JavaScript host writes it: `persistDraft: "local"`.
/// let storage: DraftStorage = serde_json::from_str(r#""local""#).unwrap();
/// assert_eq!(storage, DraftStorage::Local);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DraftStorage {
    /// `sessionStorage`: the draft survives a reload of the tab, not its closing.
    Session,
    /// `localStorage`: the draft survives until it is sent or discarded.
    Local,
}

/// The stored form of a draft: built-in fields by their request names, custom fields by slug
/// (pairs in form order, not maps: a map type costs the bundle several KB).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedDraft {
    #[serde(default)]
    pub values: Vec<(String, String)>,
    #[serde(default)]
    pub custom: Vec<(String, Vec<String>)>,
}

impl SavedDraft {
    /// What of `draft` is kept: the fields shown editable.
    pub fn of(
        draft: &ContactDraft,
        show: &FieldMap<Show>,
        custom_show: impl Fn(&str) -> Show,
    ) -> SavedDraft {
        SavedDraft {
            values: Field::ALL
                .into_iter()
                .filter(|field| show[*field] == Show::Editable)
                .map(|field| (field.json_name().to_string(), draft.values[field].clone()))
                .collect(),
            custom: draft
                .custom
                .iter()
                .map(|entry| (entry.field.definition.slug(), &entry.values))
                .filter(|(slug, _)| custom_show(slug) == Show::Editable)
                .map(|(slug, values)| (slug.to_string(), values.clone()))
                .collect(),
        }
    }

    /// Lays the saved built-in fields over `draft`, those shown editable only.
    pub fn restore_values(&self, draft: &mut ContactDraft, show: &FieldMap<Show>) {
        for (name, value) in &self.values {
            match Field::from_json_name(name) {
                Some(field) if show[field] == Show::Editable => draft.values[field] = value.clone(),
                _ => {}
            }
        }
    }

    /// Lays the saved custom fields over `draft`'s, those shown editable only.
    pub fn restore_custom(&self, draft: &mut ContactDraft, custom_show: impl Fn(&str) -> Show) {
        for entry in &mut draft.custom {
            let slug = entry.field.definition.slug();
            if let Some((_, values)) = self.custom.iter().find(|(s, _)| s == slug) {
                if custom_show(slug) == Show::Editable {
                    entry.values = values.clone();
                }
            }
        }
    }
}

/// Where one form's draft is kept.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftStore {
    storage: DraftStorage,
    key: String,
}

impl DraftStore {
    /// The draft of `org_id`'s form, told apart from the page's other forms by `draft_key`.
    pub fn new(storage: DraftStorage, org_id: &str, draft_key: Option<&str>) -> DraftStore {
        let mut key = format!("thena-add-contact:draft:{org_id}");
        if let Some(draft_key) = draft_key {
            key.push(':');
            key.push_str(draft_key);
        }
        DraftStore { storage, key }
    }

    /// The storage, if the browser lets the page use it (reading it may throw).
    fn storage(&self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        match self.storage {
            DraftStorage::Session => window.session_storage(),
            DraftStorage::Local => window.local_storage(),
        }
        .ok()
        .flatten()
    }

    /// The saved draft, if there is one that reads as a draft.
    pub fn load(&self) -> Option<SavedDraft> {
        let text = self.storage()?.get_item(&self.key).ok().flatten()?;
        let value = js_sys::JSON::parse(&text).ok()?;
        serde_wasm_bindgen::from_value(value).ok()
    }

    /// Saves `draft`; a storage that refuses (full, disabled) keeps nothing.
    pub fn save(&self, draft: &SavedDraft) {
        let text = to_js(draft)
            .ok()
            .and_then(|value| js_sys::JSON::stringify(&value).ok())
            .and_then(|text| text.as_string());
        if let (Some(storage), Some(text)) = (self.storage(), text) {
            let _ = storage.set_item(&self.key, &text);
        }
    }

    pub fn remove(&self) {
        if let Some(storage) = self.storage() {
            let _: Result<(), JsValue> = storage.remove_item(&self.key);
        }
    }
}
