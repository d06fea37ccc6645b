//! What every part of one form shares: the store, the host's options, the texts and the ids.
//! `Copy`; the controllers hold it, and the components take it from the form's context
//! (`Controllers::get().ctx`) instead of a list of parameters.

use super::events::WidgetEvent;
use super::options::AddContactOptions;
use super::show::{custom_field_show, Show};
use super::store::FormStore;
use crate::api::Session;
use crate::i18n::{Text, Texts};
use crate::model::field::FieldMap;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One form's shared state and configuration.
#[derive(Clone, Copy)]
pub struct FormCtx {
    /// What the form holds, per field.
    pub store: FormStore,
    /// How the host shows each built-in field.
    pub show: FieldMap<Show>,
    config: StoredValue<Config, LocalStorage>,
}

/// What the form was made with: the host's options, the texts, the form's id.
struct Config {
    options: AddContactOptions,
    texts: Texts,
    prefix: String,
}

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

impl FormCtx {
    /// What a new form with `options`, starting from `store`, shares.
    pub fn new(options: AddContactOptions, store: FormStore) -> FormCtx {
        let prefix = format!("thena-ac-{}", INSTANCES.fetch_add(1, Ordering::Relaxed) + 1);
        FormCtx {
            store,
            show: options.show,
            config: StoredValue::new_local(Config {
                texts: options.texts.clone(),
                options,
                prefix,
            }),
        }
    }

    /// The form's texts.
    pub fn texts(&self) -> Texts {
        self.config
            .try_with_value(|c| c.texts.clone())
            .unwrap_or_default()
    }

    /// One text, as the form shows it.
    pub fn text(&self, text: Text) -> String {
        self.config
            .try_with_value(|c| c.texts.get(text).to_string())
            .unwrap_or_default()
    }

    /// The form's id (`thena-ac-1`), which every id inside it starts with.
    pub fn prefix(&self) -> String {
        self.config
            .try_with_value(|c| c.prefix.clone())
            .unwrap_or_default()
    }

    /// An id inside the form: `thena-ac-1-<name>`.
    pub fn id(&self, name: &str) -> String {
        let prefix = self.prefix();
        format!("{prefix}-{name}")
    }

    /// Reads the host's options; `None` once the form is gone.
    pub fn with_options<R>(&self, read: impl FnOnce(&AddContactOptions) -> R) -> Option<R> {
        self.config.try_with_value(|c| read(&c.options))
    }

    /// Where, as whom and how long: what every request needs; `None` once the form is gone.
    pub fn session(&self) -> Option<Session> {
        self.with_options(AddContactOptions::session)
    }

    /// How the host shows the custom field with this slug.
    pub fn custom_show(&self, slug: &str) -> Show {
        self.with_options(|o| custom_field_show(&o.custom_show, slug))
            .unwrap_or_default()
    }

    /// Tells the host; `false` when its handler said no (to a submit) or the form is gone. The
    /// handler runs outside any borrow of the form's state: it may call back into the form
    /// (reset, destroy).
    pub fn emit(&self, event: WidgetEvent<'_>) -> bool {
        match self.with_options(|o| o.on_event.clone()) {
            Some(Some(handler)) => handler(event),
            Some(None) => true,
            None => false,
        }
    }
}
