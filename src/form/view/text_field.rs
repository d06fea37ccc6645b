//! A built-in field typed into: first and last name, email (with its duplicate warning), phone,
//! avatar URL. Errors appear when the field is left and follow the value once shown.

use super::field_shell::{FieldIds, FieldShell};
use crate::form::context::FormCtx;
use crate::form::controllers::Controllers;
use crate::form::options::Show;
use crate::model::field::Field;
use leptos::prelude::*;

/// One built-in text field: the frame and its `<input>`.
#[component]
pub fn TextField(
    /// Which field.
    field: Field,
    /// Called after the value changed.
    #[prop(optional)]
    on_change: Option<Callback<()>>,
    /// Called after the field lost focus.
    #[prop(optional)]
    on_leave: Option<Callback<()>>,
    /// The id of a line that describes the field while it shows (`None`: none).
    #[prop(optional, into)]
    described_too: Signal<Option<String>>,
    /// What follows the error.
    #[prop(default = None)]
    after: Option<Children>,
) -> impl IntoView {
    let ctx = FormCtx::get();
    let store = ctx.store;
    let texts = ctx.texts();
    let hint = texts.hint(field).to_string();
    let ids = FieldIds::new(&ctx, field.json_name(), !hint.is_empty());
    let show = ctx.show[field];
    let error = Signal::derive(move || {
        store
            .error(field)
            .map(|e| e.message(field, &texts))
            .unwrap_or_default()
    });
    let described_by = {
        let ids = ids.clone();
        move || ids.described_by(store.has_error(field), described_too.get().as_deref())
    };
    let on_input = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        // Only a change is written: an email input whose value the browser trims (a trailing
        // space) must not get the trimmed value written back over what is typed.
        let changed = store.update(|s| {
            let changed = s.draft.values[field] != value;
            if changed {
                s.input(field, value);
            }
            changed
        });
        if let (Some(true), Some(on_change)) = (changed, on_change) {
            on_change.run(());
        }
    };
    let on_blur = move |_| {
        // An input removed with the form while it had focus has nothing to update.
        if store.update(|s| s.blur(field)).is_some() {
            if let Some(on_leave) = on_leave {
                on_leave.run(());
            }
        }
    };
    view! {
        <FieldShell
            ids=ids.clone()
            label=ctx.texts().label(field).to_string()
            hint
            error
            required=field.required()
            hidden=show == Show::Hidden
            after
        >
            <input
                id=ids.control.clone()
                name=field.json_name()
                type=field.input_type()
                autocomplete=field.autocomplete()
                dir=field.dir()
                spellcheck="false"
                required=field.required()
                readonly=show == Show::ReadOnly
                aria-invalid=move || if store.has_error(field) { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || store.value(field)
                on:input=on_input
                on:blur=on_blur
            />
        </FieldShell>
    }
}

/// The email: a text field whose value is checked for a contact that already has it when it is
/// left, with the warning's line kept below it (so that its arrival moves no field).
#[component]
pub fn EmailField() -> impl IntoView {
    let email = Controllers::get().email;
    let warning_id = FormCtx::get().id("email-warning");
    let warns = email.warns();
    let described_too = {
        let warning_id = warning_id.clone();
        Signal::derive(move || {
            let shows = warns && email.duplicate.with(Option::is_some);
            shows.then(|| warning_id.clone())
        })
    };
    let after: Option<Children> = warns.then(|| -> Children {
        Box::new(move || {
            view! { <p class="thena-warning" id=warning_id>{move || email.warning()}</p> }
                .into_any()
        })
    });
    view! {
        <TextField
            field=Field::Email
            on_change=Callback::new(move |()| email.changed())
            on_leave=Callback::new(move |()| email.left())
            described_too
            after
        />
    }
}
