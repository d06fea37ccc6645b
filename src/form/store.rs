//! The form's state as the view reads it. [`FormState`] stays the one plain model (tested
//! natively); beside it, one signal per field holds its value and one its error, each set only
//! when an update changed it, so that a keystroke wakes the closures of its own field and
//! nothing else. (reactive_stores would need its derive on the model's types down to
//! `ContactDraft` in the rules layer, which must not know Leptos.)

use super::state::FormState;
use crate::model::field::{Field, FieldMap};
use crate::model::field_error::FieldError;
use crate::rules::CustomField;
use leptos::prelude::*;
use std::rc::Rc;

/// The form's model and its per-field signals; `Copy`, shared through the form's context.
#[derive(Clone, Copy)]
pub struct FormStore {
    model: StoredValue<FormState, LocalStorage>,
    values: FieldMap<RwSignal<String>>,
    errors: FieldMap<RwSignal<Option<FieldError>>>,
    account_query: RwSignal<String>,
    custom: RwSignal<Vec<CustomCell>, LocalStorage>,
    /// Notified after every update that changed anything (the draft's save listens).
    changed: Trigger,
}

/// One custom field as the view reads it: its definition, and its signals.
#[derive(Clone)]
pub struct CustomCell {
    /// The field, as the organization defines it.
    pub field: Rc<CustomField>,
    /// What it holds and its error.
    pub signals: CustomSignals,
}

/// What a custom field holds and its error, as signals (`Send`, for the view's closures).
#[derive(Clone)]
pub struct CustomSignals {
    /// Its place in the form's custom fields.
    pub index: usize,
    values: ArcRwSignal<Vec<String>>,
    error: ArcRwSignal<Option<FieldError>>,
}

impl CustomSignals {
    /// What it holds (tracked): one text, or the options chosen.
    pub fn values(&self) -> Vec<String> {
        self.values.try_get().unwrap_or_default()
    }

    /// Its first value (tracked), or nothing.
    pub fn first_value(&self) -> String {
        self.values
            .try_with(|v| v.first().cloned())
            .flatten()
            .unwrap_or_default()
    }

    /// The error shown under it (tracked).
    pub fn error(&self) -> Option<FieldError> {
        self.error.try_get().flatten()
    }

    /// Whether an error is shown under it (tracked).
    pub fn has_error(&self) -> bool {
        self.error.try_with(Option::is_some).unwrap_or(false)
    }
}

impl FormStore {
    /// The store of a form that starts as `state`.
    pub fn new(state: FormState) -> FormStore {
        let values = FieldMap::from_fn(|field| RwSignal::new(state.draft.values[field].clone()));
        let errors = FieldMap::from_fn(|field| RwSignal::new(state.shown[field].clone()));
        let account_query = RwSignal::new(state.draft.account_query.clone());
        let custom = RwSignal::new_local(cells(&state));
        FormStore {
            model: StoredValue::new_local(state),
            values,
            errors,
            account_query,
            custom,
            changed: Trigger::new(),
        }
    }

    /// Changes the model; the signals of what changed follow. `None` once the form is gone.
    pub fn update<R>(&self, change: impl FnOnce(&mut FormState) -> R) -> Option<R> {
        let result = self.model.try_update_value(change)?;
        self.refresh();
        Some(result)
    }

    /// Reads the model without tracking; `None` once the form is gone.
    pub fn read<R>(&self, read: impl FnOnce(&FormState) -> R) -> Option<R> {
        self.model.try_with_value(read)
    }

    /// Whether the form is gone (unmounted).
    pub fn is_gone(&self) -> bool {
        self.model.is_disposed()
    }

    /// A field's value (tracked).
    pub fn value(&self, field: Field) -> String {
        self.values[field].get()
    }

    /// A field's value as the model holds it now (untracked).
    pub fn value_now(&self, field: Field) -> String {
        self.read(|s| s.draft.values[field].clone())
            .unwrap_or_default()
    }

    /// The error shown under a field (tracked).
    pub fn error(&self, field: Field) -> Option<FieldError> {
        self.errors[field].get()
    }

    /// Whether an error is shown under a field (tracked).
    pub fn has_error(&self, field: Field) -> bool {
        self.errors[field].with(Option::is_some)
    }

    /// What is typed in the account picker and not chosen yet (tracked).
    pub fn account_query(&self) -> String {
        self.account_query.get()
    }

    /// The custom fields shown (tracked: changes when they arrive, not when they are typed in).
    pub fn custom_fields(&self) -> Vec<CustomCell> {
        self.custom.get()
    }

    /// Subscribes the running effect to every change of the model.
    pub fn track_changes(&self) {
        self.changed.track();
    }

    /// Sets the signals whose value differs from the model's, and only those.
    fn refresh(&self) {
        let changes = self.read(|s| Changes::between(self, s));
        let Some(changes) = changes.filter(|c| !c.is_empty()) else {
            return;
        };
        for (field, value) in changes.values {
            self.values[field].set(value);
        }
        for (field, error) in changes.errors {
            self.errors[field].set(error);
        }
        if let Some(query) = changes.account_query {
            self.account_query.set(query);
        }
        match changes.custom {
            CustomChange::None => {}
            CustomChange::Cells(cells) => self.custom.set(cells),
            CustomChange::Entries(entries) => {
                let cells = self.custom.get_untracked();
                for (index, values, error) in entries {
                    let signals = &cells[index].signals;
                    if let Some(values) = values {
                        signals.values.set(values);
                    }
                    if let Some(error) = error {
                        signals.error.set(error);
                    }
                }
            }
        }
        self.changed.notify();
    }
}

/// A cell per custom field of `state`.
fn cells(state: &FormState) -> Vec<CustomCell> {
    state
        .draft
        .custom
        .iter()
        .enumerate()
        .map(|(index, entry)| CustomCell {
            field: entry.field.clone(),
            signals: CustomSignals {
                index,
                values: ArcRwSignal::new(entry.values.clone()),
                error: ArcRwSignal::new(state.custom_shown.get(index).cloned().flatten()),
            },
        })
        .collect()
}

/// What an update changed, worked out before any signal is set.
#[derive(Default)]
struct Changes {
    values: Vec<(Field, String)>,
    errors: Vec<(Field, Option<FieldError>)>,
    account_query: Option<String>,
    custom: CustomChange,
}

/// How the custom fields changed: not at all, in which fields they are (new cells), or in what
/// some of them hold (index, new values, new error).
#[derive(Default)]
enum CustomChange {
    #[default]
    None,
    Cells(Vec<CustomCell>),
    #[allow(clippy::type_complexity)]
    Entries(Vec<(usize, Option<Vec<String>>, Option<Option<FieldError>>)>),
}

impl Changes {
    fn between(store: &FormStore, s: &FormState) -> Changes {
        let differs = |signal: RwSignal<String>, now: &String| signal.with_untracked(|v| v != now);
        let mut changes = Changes::default();
        for field in Field::ALL {
            if differs(store.values[field], &s.draft.values[field]) {
                changes.values.push((field, s.draft.values[field].clone()));
            }
            if store.errors[field].with_untracked(|e| *e != s.shown[field]) {
                changes.errors.push((field, s.shown[field].clone()));
            }
        }
        if differs(store.account_query, &s.draft.account_query) {
            changes.account_query = Some(s.draft.account_query.clone());
        }
        changes.custom = store.custom.with_untracked(|cells| custom_change(cells, s));
        changes
    }

    fn is_empty(&self) -> bool {
        self.values.is_empty()
            && self.errors.is_empty()
            && self.account_query.is_none()
            && matches!(self.custom, CustomChange::None)
    }
}

fn custom_change(shown: &[CustomCell], s: &FormState) -> CustomChange {
    let same_fields = shown.len() == s.draft.custom.len()
        && shown
            .iter()
            .zip(&s.draft.custom)
            .all(|(cell, entry)| Rc::ptr_eq(&cell.field, &entry.field));
    if !same_fields {
        return CustomChange::Cells(cells(s));
    }
    let entries: Vec<_> = shown
        .iter()
        .zip(&s.draft.custom)
        .enumerate()
        .filter_map(|(index, (cell, entry))| {
            let shown = s.custom_shown.get(index).cloned().flatten();
            let signals = &cell.signals;
            let values = signals
                .values
                .with_untracked(|v| *v != entry.values)
                .then(|| entry.values.clone());
            let error = signals
                .error
                .with_untracked(|e| *e != shown)
                .then_some(shown);
            (values.is_some() || error.is_some()).then_some((index, values, error))
        })
        .collect();
    if entries.is_empty() {
        CustomChange::None
    } else {
        CustomChange::Entries(entries)
    }
}
