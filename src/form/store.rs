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

/// The form's model and its per-field signals; `Copy` and two handles small, shared through
/// the form's context (every closure of the view that reads the form holds a copy).
#[derive(Clone, Copy)]
pub struct FormStore {
    model: StoredValue<FormState, LocalStorage>,
    signals: StoredValue<Signals, LocalStorage>,
}

/// One signal per field for its value and one for its error, and the custom fields' cells.
#[derive(Clone, Copy)]
struct Signals {
    values: FieldMap<RwSignal<String>>,
    errors: FieldMap<RwSignal<Option<FieldError>>>,
    account_query: RwSignal<String>,
    custom: RwSignal<Vec<CustomCell>, LocalStorage>,
    /// Notified after every update (the draft's save listens): an update may change only what
    /// a reset goes back to, which no field's signal shows.
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
        let custom = RwSignal::new_local(cells_of(&state));
        FormStore {
            model: StoredValue::new_local(state),
            signals: StoredValue::new_local(Signals {
                values,
                errors,
                account_query,
                custom,
                changed: Trigger::new(),
            }),
        }
    }

    /// The signals' handles; `None` once the form is gone.
    fn signals(&self) -> Option<Signals> {
        self.signals.try_with_value(|signals| *signals)
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
        self.signals()
            .map(|s| s.values[field].get())
            .unwrap_or_default()
    }

    /// A field's value as the model holds it now (untracked).
    pub fn value_now(&self, field: Field) -> String {
        self.read(|s| s.draft.values[field].clone())
            .unwrap_or_default()
    }

    /// The error shown under a field (tracked).
    pub fn error(&self, field: Field) -> Option<FieldError> {
        self.signals().and_then(|s| s.errors[field].get())
    }

    /// Whether an error is shown under a field (tracked).
    pub fn has_error(&self, field: Field) -> bool {
        self.signals()
            .is_some_and(|s| s.errors[field].with(Option::is_some))
    }

    /// What is typed in the account picker and not chosen yet (tracked).
    pub fn account_query(&self) -> String {
        self.signals()
            .map(|s| s.account_query.get())
            .unwrap_or_default()
    }

    /// The custom fields shown (tracked: changes when they arrive, not when they are typed in).
    pub fn custom_fields(&self) -> Vec<CustomCell> {
        self.signals().map(|s| s.custom.get()).unwrap_or_default()
    }

    /// Subscribes the running effect to every change of the model.
    pub fn track_changes(&self) {
        if let Some(signals) = self.signals() {
            signals.changed.track();
        }
    }

    /// Sets the signals whose value differs from the model's, and only those, then tells who
    /// listens to every change. (Setting a signal only schedules what reads it: nothing runs
    /// while the model is read here.)
    fn refresh(&self) {
        let Some(signals) = self.signals() else {
            return;
        };
        let read = self.read(|s| {
            for field in Field::ALL {
                set_if_changed(signals.values[field], &s.draft.values[field]);
                set_if_changed(signals.errors[field], &s.shown[field]);
            }
            set_if_changed(signals.account_query, &s.draft.account_query);
            refresh_custom(signals.custom, s);
        });
        if read.is_some() {
            signals.changed.notify();
        }
    }
}

/// The custom fields' signals: new cells when the fields themselves changed, else each cell's
/// values and error as they changed.
fn refresh_custom(custom: RwSignal<Vec<CustomCell>, LocalStorage>, s: &FormState) {
    let cells = custom.get_untracked();
    let same_fields = cells.len() == s.draft.custom.len()
        && cells
            .iter()
            .zip(&s.draft.custom)
            .all(|(cell, entry)| Rc::ptr_eq(&cell.field, &entry.field));
    if !same_fields {
        custom.set(cells_of(s));
        return;
    }
    for (index, (cell, entry)) in cells.iter().zip(&s.draft.custom).enumerate() {
        let shown = s.custom_shown.get(index).cloned().flatten();
        set_if_changed(cell.signals.values.clone(), &entry.values);
        set_if_changed(cell.signals.error.clone(), &shown);
    }
}

/// Sets `signal` to `now` if it holds something else.
fn set_if_changed<T, S>(signal: S, now: &T)
where
    T: PartialEq + Clone,
    S: WithUntracked<Value = T> + Set<Value = T>,
{
    if signal.with_untracked(|value| value != now) {
        signal.set(now.clone());
    }
}

/// A cell per custom field of `state`.
fn cells_of(state: &FormState) -> Vec<CustomCell> {
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
