//! The organization's custom fields, below the built-in ones, by `fieldType`: text, numeric,
//! date and time inputs, a textarea, a select, radio and checkbox groups, one checkbox. The
//! rules are in [`crate::rules::custom`]; this only wires inputs to the form's store. The list
//! is rendered again only when the fields arrive, not on every keystroke.

mod inputs;

use super::field_shell::{FieldIds, FieldShell, Frame};
use super::select::Select;
use crate::form::context::FormCtx;
use crate::form::options::Show;
use crate::form::store::{CustomCell, CustomSignals, FormStore};
use crate::i18n::Text;
use crate::model::field::Target;
use crate::model::org::FieldType;
use inputs::{ChoiceGroup, CustomInput, InputSpec, LongText};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

/// Every custom field the form shows.
#[component]
pub fn CustomFields() -> impl IntoView {
    let store = FormCtx::get().store;
    move || {
        let cells = store.custom_fields().into_iter();
        cells
            .map(|cell| view! { <CustomFieldRow cell /> })
            .collect_view()
    }
}

/// What every input of one custom field shares.
#[derive(Clone)]
pub struct Wiring {
    store: FormStore,
    signals: CustomSignals,
    /// The `name` every input of the field shares.
    name: String,
    required: bool,
    read_only: bool,
    /// A multi_choice: several options can be chosen.
    multiple: bool,
    ids: FieldIds,
}

impl Wiring {
    fn values(&self) -> Vec<String> {
        self.signals.values()
    }

    fn has_error(&self) -> bool {
        self.signals.has_error()
    }

    /// The hint, and the error while there is one.
    fn described_by(&self) -> Option<String> {
        self.ids.described_by(self.has_error(), None)
    }

    /// Typing changes the value; a choice (select, radio, checkbox) is made in one act, so its
    /// error follows at once.
    fn set(&self, values: Vec<String>, chosen: bool) {
        let index = self.signals.index;
        self.store.update(|s| {
            s.input_custom(index, values);
            if chosen {
                s.blur_custom(index);
            }
        });
    }

    fn blur(&self) {
        // An input removed with the form while it had focus has nothing to update.
        let index = self.signals.index;
        self.store.update(|s| s.blur_custom(index));
    }
}

/// One custom field: label (or legend), hint, input(s), error.
#[component]
fn CustomFieldRow(cell: CustomCell) -> impl IntoView {
    let ctx = FormCtx::get();
    let definition = &cell.field.definition;
    let kind = definition.kind();
    let slug = definition.slug();
    let hint = definition.hint_text.clone().unwrap_or_default();
    let ids = FieldIds::new(
        &ctx,
        &format!("cf{}", cell.signals.index),
        !hint.trim().is_empty(),
    );
    let wiring = Wiring {
        store: ctx.store,
        signals: cell.signals.clone(),
        name: Target::Custom(slug.to_string()).input_name(),
        required: definition.mandatory_on_creation,
        read_only: ctx.custom_show(slug) == Show::ReadOnly,
        multiple: kind == FieldType::MultiChoice,
        ids: ids.clone(),
    };
    let error = {
        let (texts, label, signals) = (ctx.texts(), definition.name.clone(), cell.signals.clone());
        Signal::derive(move || {
            let error = signals.error();
            error
                .map(|e| e.custom_message(&label, &texts))
                .unwrap_or_default()
        })
    };
    let options = definition.options.0.clone();
    let placeholder = definition.placeholder_text.clone();
    let (frame, class, control) = match kind {
        FieldType::RadioButton | FieldType::MultiChoice => {
            let group = view! { <ChoiceGroup wiring=wiring.clone() options /> };
            (Frame::Group, "thena-group", Either::Left(group))
        }
        FieldType::MultiLine | FieldType::RichText => {
            let text = view! { <LongText wiring=wiring.clone() placeholder /> };
            (Frame::Single, "", Either::Right(EitherOf3::A(text)))
        }
        FieldType::SingleChoice => {
            let choose = ctx.text(Text::ChooseOption);
            let select = single_choice(&wiring, choose, options);
            (Frame::Single, "", Either::Right(EitherOf3::B(select)))
        }
        _ => {
            let spec = InputSpec::for_kind(kind, placeholder);
            let input = view! { <CustomInput wiring=wiring.clone() id=ids.control.clone() spec /> };
            // A single checkbox comes before its label (in the CSS).
            let class = if kind == FieldType::Checkbox {
                "thena-checkbox"
            } else {
                ""
            };
            (Frame::Single, class, Either::Right(EitherOf3::C(input)))
        }
    };
    let described_by = {
        let wiring = wiring.clone();
        Signal::derive(move || {
            (frame == Frame::Group)
                .then(|| wiring.described_by())
                .flatten()
        })
    };
    view! {
        <FieldShell
            ids
            label=definition.name.clone()
            hint
            error
            required=wiring.required
            frame
            described_by
            class
        >
            {control}
        </FieldShell>
    }
}

/// A select of the options, after a first "Choose…" that leaves the field empty.
fn single_choice(wiring: &Wiring, choose: String, options: Vec<String>) -> impl IntoView {
    let first = std::iter::once((String::new(), choose));
    let options: Vec<(String, String)> = first
        .chain(options.into_iter().map(|o| (o.clone(), o)))
        .collect();
    let (chosen, invalid, described_by, change) = (
        wiring.clone(),
        wiring.clone(),
        wiring.clone(),
        wiring.clone(),
    );
    view! {
        <Select
            id=wiring.ids.control.clone()
            name=wiring.name.clone()
            options=Signal::stored(options)
            chosen=Signal::derive(move || chosen.signals.first_value())
            required=wiring.required
            disabled=Signal::stored(wiring.read_only)
            invalid=Signal::derive(move || invalid.has_error())
            described_by=Signal::derive(move || described_by.described_by())
            on_change=Callback::new(move |value| change.set(vec![value], true))
        />
    }
}
