//! The contact type: the organization's types by name, the chosen one's id sent. The first
//! option leaves the field out (the organization's default applies) unless the organization
//! marks a default. While the types load, and when they are off or could not be loaded, the list
//! holds that first option and the host's id, if it gave one.

use super::field_shell::{FieldIds, FieldShell};
use super::select::Select;
use crate::form::context::FormCtx;
use crate::form::controllers::live_data::Live;
use crate::form::controllers::Controllers;
use crate::form::options::Show;
use crate::i18n::Text;
use crate::model::field::Field;
use leptos::prelude::*;

/// The contact type's field.
#[component]
pub fn ContactTypeField() -> impl IntoView {
    let (ctx, live) = (FormCtx::get(), Controllers::get().live);
    let (store, field) = (ctx.store, Field::ContactType);
    let texts = ctx.texts();
    let hint = texts.hint(field).to_string();
    let ids = FieldIds::new(&ctx, field.json_name(), !hint.is_empty());
    let show = ctx.show[field];
    let (loading, default) = (ctx.text(Text::Loading), ctx.text(Text::ContactTypeDefault));
    // Rebuilt when the types change, not when one is chosen.
    let options = Signal::derive(move || {
        live.contact_types.with(|types| match types {
            Live::Loading => vec![(String::new(), loading.clone())],
            Live::Ready(types) => {
                let default =
                    (!types.iter().any(|t| t.is_default)).then(|| (String::new(), default.clone()));
                let named = types.iter().map(|t| (t.id.clone(), t.value.clone()));
                default.into_iter().chain(named).collect()
            }
            Live::Failed | Live::Off => {
                let given = store.value_now(field);
                let given = (!given.is_empty()).then(|| (given.clone(), given));
                std::iter::once((String::new(), default.clone()))
                    .chain(given)
                    .collect()
            }
        })
    });
    let error = {
        let texts = texts.clone();
        Signal::derive(move || {
            let error = store.error(field);
            error.map(|e| e.message(field, &texts)).unwrap_or_default()
        })
    };
    let described_by = {
        let ids = ids.clone();
        Signal::derive(move || ids.described_by(store.has_error(field), None))
    };
    let read_only = show == Show::ReadOnly;
    view! {
        <FieldShell
            ids=ids.clone()
            label=texts.label(field).to_string()
            hint
            error
            hidden=show == Show::Hidden
        >
            <Select
                id=ids.control.clone()
                name=field.json_name().to_string()
                options
                chosen=Signal::derive(move || store.value(field))
                disabled=Signal::derive(move || {
                    read_only || live.contact_types.with(|t| *t == Live::Loading)
                })
                invalid=Signal::derive(move || store.has_error(field))
                described_by
                on_change=Callback::new(move |value| {
                    store.update(|s| s.input(field, value));
                })
            />
        </FieldShell>
    }
}
