//! A built-in field typed into: first and last name, email, phone, avatar URL. Errors appear
//! when the field is left and follow the value once shown. The email is also checked for a
//! contact that already has it when it is left ([`EmailCheck`]), with the warning's line kept
//! below it (so that its arrival moves no field).

use super::field_shell::{frame_class, ErrorLine, ErrorOf, FieldHint, FieldIds, FieldLabel};
use crate::form::controllers::email_check::EmailCheck;
use crate::form::controllers::Controllers;
use crate::form::show::Show;
use crate::model::field::Field;
use leptos::prelude::*;

/// One built-in text field: its frame and its `<input>`.
#[component]
pub fn TextField(
    /// Which field.
    field: Field,
) -> impl IntoView {
    let Controllers { ctx, email, .. } = Controllers::get();
    let store = ctx.store;
    let texts = ctx.texts();
    let hint = texts.hint(field).to_string();
    let ids = FieldIds::new(&ctx, field.json_name(), !hint.is_empty());
    let show = ctx.show[field];
    // The email's check, unless the host turned it off.
    let email = (field == Field::Email).then_some(email);
    let warning_id = ctx.id("email-warning");
    let warns = email.filter(EmailCheck::warns);
    let described_by = {
        let (ids, warning_id) = (ids.clone(), warning_id.clone());
        move || {
            let warned = warns.is_some_and(|check| check.duplicate.with(Option::is_some));
            let more = warned.then_some(warning_id.as_str());
            ids.described_by(store.has_error(field), more)
        }
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
        if let (Some(true), Some(email)) = (changed, email) {
            email.changed();
        }
    };
    let on_blur = move |_| {
        // An input removed with the form while it had focus has nothing to update.
        if store.update(|s| s.blur(field)).is_some() {
            if let Some(email) = email {
                email.left();
            }
        }
    };
    let warning = warns.map(|check| {
        view! { <p class="thena-warning" id=warning_id>{move || check.warning()}</p> }
    });
    view! {
        // A hidden field stays out of sight, out of the tab order and out of the accessibility
        // tree.
        <div class=frame_class(field.required(), "") hidden=show == Show::Hidden>
            <FieldLabel control=ids.control.clone() text=texts.label(field).to_string() />
            <FieldHint id=ids.hint.clone() text=hint />
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
            <ErrorLine id=ids.error of=ErrorOf::Field(field) />
            {warning}
        </div>
    }
}
