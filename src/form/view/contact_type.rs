//! The contact type: the organization's types by name, the chosen one's id sent. The first
//! option leaves the field out (the organization's default applies) unless the organization
//! marks a default. While the types load, and when they are off or could not be loaded, the list
//! holds that first option and the host's id, if it gave one.

use super::field_shell::{frame_class, ErrorLine, ErrorOf, FieldHint, FieldIds, FieldLabel};
use super::select::{Select, SelectSource};
use crate::form::controllers::live_data::{Live, LiveData};
use crate::form::controllers::Controllers;
use crate::form::show::Show;
use crate::form::store::FormStore;
use crate::i18n::Text;
use crate::model::field::Field;
use leptos::prelude::*;
use std::sync::Arc;

const FIELD: Field = Field::ContactType;

/// The contact type's field.
#[component]
pub fn ContactTypeField() -> impl IntoView {
    let ctx = Controllers::get().ctx;
    let store = ctx.store;
    let texts = ctx.texts();
    let hint = texts.hint(FIELD).to_string();
    let ids = FieldIds::new(&ctx, FIELD.json_name(), !hint.is_empty());
    let show = ctx.show[FIELD];
    let source = Arc::new(ContactTypes {
        live: Controllers::get().live,
        store,
        ids: ids.clone(),
        read_only: show == Show::ReadOnly,
        loading: ctx.text(Text::Loading),
        default: ctx.text(Text::ContactTypeDefault),
    });
    view! {
        <div class=frame_class(false, "") hidden=show == Show::Hidden>
            <FieldLabel control=ids.control.clone() text=texts.label(FIELD).to_string() />
            <FieldHint id=ids.hint.clone() text=hint />
            <Select id=ids.control.clone() name=FIELD.json_name().to_string() source />
            <ErrorLine id=ids.error of=ErrorOf::Field(FIELD) />
        </div>
    }
}

/// The contact types, as the select shows them.
struct ContactTypes {
    live: LiveData,
    store: FormStore,
    ids: FieldIds,
    read_only: bool,
    loading: String,
    default: String,
}

impl SelectSource for ContactTypes {
    /// Rebuilt when the types change (not when another field is typed in); without the types,
    /// also when the value changes, so that the list always holds it.
    fn options(&self) -> Vec<(String, String)> {
        self.live.contact_types.with(|types| match types {
            Live::Loading => vec![(String::new(), self.loading.clone())],
            Live::Ready(types) => {
                let default = (!types.iter().any(|t| t.is_default))
                    .then(|| (String::new(), self.default.clone()));
                let named = types.iter().map(|t| (t.id.clone(), t.value.clone()));
                default.into_iter().chain(named).collect()
            }
            Live::Failed | Live::Off => {
                let given = self.store.value(FIELD);
                let given = (!given.is_empty()).then(|| (given.clone(), given));
                let default = (String::new(), self.default.clone());
                std::iter::once(default).chain(given).collect()
            }
        })
    }

    fn chosen(&self) -> String {
        self.store.value(FIELD)
    }

    fn disabled(&self) -> bool {
        self.read_only || self.live.contact_types.with(|t| *t == Live::Loading)
    }

    fn invalid(&self) -> bool {
        self.store.has_error(FIELD)
    }

    fn described_by(&self) -> Option<String> {
        self.ids.described_by(self.store.has_error(FIELD), None)
    }

    fn choose(&self, value: String) {
        self.store.update(|s| s.input(FIELD, value));
    }
}
