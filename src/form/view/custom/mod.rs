//! The organization's custom fields, below the built-in ones, by `fieldType`: text, numeric,
//! date and time inputs, a textarea, a select, radio and checkbox groups, one checkbox. The
//! rules are in [`crate::rules::custom`]; this only wires inputs to the form's store. The list
//! is rendered again only when the fields arrive, not on every keystroke.

mod inputs;

use super::field_shell::{frame_class, ErrorLine, ErrorOf, FieldHint, FieldIds, FieldLabel};
use super::select::{Select, SelectSource};
use crate::form::controllers::Controllers;
use crate::form::show::Show;
use crate::form::store::{CustomCell, CustomSignals, FormStore};
use crate::i18n::Text;
use crate::model::field::Target;
use crate::model::org::FieldType;
use inputs::{ChoiceGroup, CustomInput, InputSpec, LongText};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use std::sync::Arc;

/// Every custom field the form shows, drawn by the part that draws them ([`row`]).
#[component]
pub fn CustomFields() -> impl IntoView {
    let Controllers { ctx, live, .. } = Controllers::get();
    move || {
        let row = live.draw_custom.get()?;
        Some(
            ctx.store
                .custom_fields()
                .into_iter()
                .map(row)
                .collect_view(),
        )
    }
}

/// One custom field, as the custom inputs part draws it (see `view/parts.rs`).
pub fn row(cell: CustomCell) -> AnyView {
    view! { <CustomFieldRow cell /> }.into_any()
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

/// One custom field: label (or a group's legend), hint, input(s), error.
#[component]
fn CustomFieldRow(cell: CustomCell) -> impl IntoView {
    let ctx = Controllers::get().ctx;
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
    let label = definition.name.clone();
    let error = ErrorOf::Custom {
        signals: cell.signals.clone(),
        label: label.clone(),
    };
    let options = definition.options.0.clone();
    let placeholder = definition.placeholder_text.clone();
    let class = frame_class(wiring.required, "");
    if matches!(kind, FieldType::RadioButton | FieldType::MultiChoice) {
        // A group of choices is a fieldset named by its legend, described as a whole.
        let described_by = {
            let wiring = wiring.clone();
            move || wiring.described_by()
        };
        return Either::Left(view! {
            <fieldset class=format!("{class} thena-group") aria-describedby=described_by>
                <legend>
                    <bdi>{label}</bdi>
                </legend>
                <FieldHint id=ids.hint.clone() text=hint />
                <ChoiceGroup wiring options />
                <ErrorLine id=ids.error.clone() of=error />
            </fieldset>
        });
    }
    let control = match kind {
        FieldType::MultiLine | FieldType::RichText => {
            EitherOf3::A(view! { <LongText wiring=wiring.clone() placeholder /> })
        }
        FieldType::SingleChoice => {
            let choose = ctx.text(Text::ChooseOption);
            let source = Arc::new(SingleChoice::new(wiring.clone(), choose, options));
            let (id, name) = (ids.control.clone(), wiring.name.clone());
            EitherOf3::B(view! { <Select id name required=wiring.required source /> })
        }
        _ => {
            let spec = InputSpec::for_kind(kind, placeholder);
            let id = ids.control.clone();
            EitherOf3::C(view! { <CustomInput wiring=wiring.clone() id spec /> })
        }
    };
    // A single checkbox comes before its label (in the CSS).
    let class = if kind == FieldType::Checkbox {
        format!("{class} thena-checkbox")
    } else {
        class
    };
    Either::Right(view! {
        <div class=class>
            <FieldLabel control=ids.control.clone() text=label />
            <FieldHint id=ids.hint.clone() text=hint />
            {control}
            <ErrorLine id=ids.error.clone() of=error />
        </div>
    })
}

/// A single choice, as its select shows it: a first "Choose…" that leaves the field empty, then
/// the options.
struct SingleChoice {
    wiring: Wiring,
    options: Vec<(String, String)>,
}

impl SingleChoice {
    fn new(wiring: Wiring, choose: String, options: Vec<String>) -> SingleChoice {
        let first = std::iter::once((String::new(), choose));
        let options = first.chain(options.into_iter().map(|o| (o.clone(), o)));
        SingleChoice {
            wiring,
            options: options.collect(),
        }
    }
}

impl SelectSource for SingleChoice {
    fn options(&self) -> Vec<(String, String)> {
        self.options.clone()
    }

    fn chosen(&self) -> String {
        self.wiring.signals.first_value()
    }

    fn disabled(&self) -> bool {
        self.wiring.read_only
    }

    fn invalid(&self) -> bool {
        self.wiring.has_error()
    }

    fn described_by(&self) -> Option<String> {
        self.wiring.described_by()
    }

    fn choose(&self, value: String) {
        self.wiring.set(vec![value], true);
    }
}
