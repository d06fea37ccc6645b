//! The inputs of the organization's custom fields, by `fieldType`: text, numeric, date and time
//! inputs, a textarea, a select, radio and checkbox groups, one checkbox. The rules are in
//! [`crate::validate::custom_value`]; this file only wires inputs to [`FormState`]. Every kind of
//! `<input>` comes from one view ([`input`]), so the wasm holds its code once.

use super::{FormState, Show};
use crate::field::custom_input_name;
use crate::org_data::FieldType;
use crate::texts::{Text, Texts};
use crate::validate::CustomField;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;

type State = RwSignal<FormState, LocalStorage>;

/// What every input of one custom field shares.
#[derive(Clone)]
struct Wiring {
    index: usize,
    state: State,
    name: String,
    required: bool,
    read_only: bool,
    multiple: bool,
    hint_id: Option<String>,
    error_id: String,
}

impl Wiring {
    fn values(&self) -> Vec<String> {
        let index = self.index;
        self.state.with(|s| {
            s.draft
                .custom
                .get(index)
                .map(|entry| entry.values.clone())
                .unwrap_or_default()
        })
    }

    fn has_error(&self) -> bool {
        let index = self.index;
        self.state
            .with(|s| matches!(s.custom_shown.get(index), Some(Some(_))))
    }

    /// The hint, and the error while there is one.
    fn described_by(&self) -> Option<String> {
        let ids: Vec<&str> = self
            .hint_id
            .iter()
            .map(String::as_str)
            .chain(self.has_error().then_some(self.error_id.as_str()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    /// Typing changes the value; a choice (select, radio, checkbox) is made in one act, so its
    /// error follows at once.
    fn set(&self, values: Vec<String>, chosen: bool) {
        let index = self.index;
        self.state.update(|s| {
            s.input_custom(index, values);
            if chosen {
                s.blur_custom(index);
            }
        });
    }

    fn blur(&self) {
        if self.state.is_disposed() {
            return; // an input removed with the form while it had focus
        }
        let index = self.index;
        self.state.update(|s| s.blur_custom(index));
    }
}

/// Custom field `index` of the form: label (or legend), hint, input(s), error.
pub(super) fn custom_row(
    index: usize,
    field: Rc<CustomField>,
    prefix: &str,
    state: State,
    show: Show,
    texts: &Texts,
) -> impl IntoView {
    let definition = &field.definition;
    let kind = definition.kind();
    let id = format!("{prefix}-cf{index}");
    let hint = definition.hint_text.clone().unwrap_or_default();
    let wiring = Wiring {
        index,
        state,
        name: custom_input_name(definition.slug()),
        required: definition.mandatory_on_creation,
        read_only: show == Show::ReadOnly,
        multiple: kind == FieldType::MultiChoice,
        hint_id: (!hint.trim().is_empty()).then(|| format!("{id}-hint")),
        error_id: format!("{id}-error"),
    };
    let label = definition.name.clone();
    let message = {
        let (texts, label) = (texts.clone(), label.clone());
        move || {
            state.with(|s| match s.custom_shown.get(index) {
                Some(Some(error)) => error.custom_message(&label, &texts),
                _ => String::new(),
            })
        }
    };
    let placeholder = definition.placeholder_text.clone();
    let options = definition.options.0.clone();
    let (input_type, input_mode) = match kind {
        FieldType::Integer => ("text", Some("numeric")),
        FieldType::Decimal | FieldType::Currency => ("text", Some("decimal")),
        FieldType::Date => ("date", None),
        FieldType::DateTime => ("datetime-local", None),
        FieldType::Time => ("time", None),
        FieldType::Email => ("email", None),
        FieldType::PhoneNumber => ("tel", None),
        FieldType::Url => ("url", None),
        FieldType::Checkbox => ("checkbox", None),
        FieldType::RadioButton => ("radio", None),
        FieldType::MultiChoice => ("checkbox", None),
        _ => ("text", None),
    };
    let class = if wiring.required {
        "thena-field thena-field--required"
    } else {
        "thena-field"
    };
    // The organization's own texts, in its language whatever the form's: isolated (<bdi>), so
    // that English in a right-to-left form keeps its order (a full stop stays at its end).
    let hint_view = view! {
        <p class="thena-hint" id=wiring.hint_id.clone()>
            <bdi>{hint}</bdi>
        </p>
    };
    let error_view = view! { <p class="thena-error" id=wiring.error_id.clone()>{message}</p> };
    match kind {
        // A group of choices is a fieldset named by its legend; each option is a labelled box.
        FieldType::RadioButton | FieldType::MultiChoice => {
            let described_by = {
                let wiring = wiring.clone();
                move || wiring.described_by()
            };
            let boxes = options
                .into_iter()
                .enumerate()
                .map(|(i, option)| {
                    let input = input(
                        &wiring,
                        format!("{id}-{i}"),
                        input_type,
                        None,
                        None,
                        Some(option.clone()),
                    );
                    view! { <label class="thena-option">{input} <bdi>{option}</bdi></label> }
                })
                .collect_view();
            Either::Left(view! {
                <fieldset class=format!("{class} thena-group") aria-describedby=described_by>
                    <legend>
                        <bdi>{label}</bdi>
                    </legend>
                    {hint_view}
                    <div class="thena-options">{boxes}</div>
                    {error_view}
                </fieldset>
            })
        }
        _ => {
            let control = match kind {
                FieldType::MultiLine | FieldType::RichText => {
                    EitherOf3::A(textarea(&wiring, id.clone(), placeholder))
                }
                FieldType::SingleChoice => {
                    EitherOf3::B(select(&wiring, id.clone(), options, texts))
                }
                _ => EitherOf3::C(input(
                    &wiring,
                    id.clone(),
                    input_type,
                    input_mode,
                    placeholder,
                    None,
                )),
            };
            // A single checkbox comes before its label (in the CSS).
            let class = if kind == FieldType::Checkbox {
                format!("{class} thena-checkbox")
            } else {
                class.to_string()
            };
            Either::Right(view! {
                <div class=class>
                    <label for=id>
                        <bdi>{label}</bdi>
                    </label>
                    {hint_view}
                    {control}
                    {error_view}
                </div>
            })
        }
    }
}

/// One `<input>`: a text-like input (its value is the field's first value), or, with `option`,
/// a radio or checkbox for that option (checked while it is chosen). A single checkbox holds
/// `"true"` when checked.
fn input(
    wiring: &Wiring,
    id: String,
    input_type: &'static str,
    input_mode: Option<&'static str>,
    placeholder: Option<String>,
    option: Option<String>,
) -> impl IntoView {
    let choice = matches!(input_type, "checkbox" | "radio");
    let in_group = option.is_some();
    // Addresses, numbers and codes read left to right in any language.
    let dir = if input_type == "text" && input_mode.is_none() {
        "auto"
    } else {
        "ltr"
    };
    let shown_value = {
        let (wiring, option) = (wiring.clone(), option.clone());
        move || match &option {
            Some(option) => option.clone(),
            None if choice => "true".into(),
            None => wiring.values().into_iter().next().unwrap_or_default(),
        }
    };
    let checked = {
        let (wiring, option) = (wiring.clone(), option.clone());
        move || {
            choice && {
                let own = option.clone().unwrap_or_else(|| "true".into());
                wiring.values().contains(&own)
            }
        }
    };
    let on_input = {
        let wiring = wiring.clone();
        move |ev: web_sys::Event| {
            if wiring.state.is_disposed() {
                return;
            }
            let Some(target) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if !choice {
                let value = target.value();
                if wiring.values().first() != Some(&value) {
                    wiring.set(vec![value], false);
                }
                return;
            }
            let own = option.clone().unwrap_or_else(|| "true".into());
            let mut chosen = if wiring.multiple {
                wiring.values()
            } else {
                Vec::new()
            };
            chosen.retain(|v| *v != own);
            if target.checked() {
                chosen.push(own);
            }
            wiring.set(chosen, true);
        }
    };
    let (invalid, described_by, blur) = {
        let (a, b, c) = (wiring.clone(), wiring.clone(), wiring.clone());
        (
            move || if a.has_error() { "true" } else { "false" },
            // In a group, the fieldset carries the description.
            move || if in_group { None } else { b.described_by() },
            move |_| c.blur(),
        )
    };
    view! {
        <input
            id=id
            name=wiring.name.clone()
            type=input_type
            inputmode=input_mode
            autocomplete="off"
            dir=dir
            spellcheck="false"
            // A checkbox group can be left with none chosen by the browser's rules; the form's
            // own rule decides.
            required=wiring.required && input_type != "checkbox"
            readonly=wiring.read_only && !choice
            disabled=wiring.read_only && choice
            placeholder=placeholder
            aria-invalid=invalid
            aria-describedby=described_by
            prop:value=shown_value
            prop:checked=checked
            on:input=on_input
            on:blur=blur
        />
    }
}

fn textarea(wiring: &Wiring, id: String, placeholder: Option<String>) -> impl IntoView {
    let (a, b, c, d, e) = (
        wiring.clone(),
        wiring.clone(),
        wiring.clone(),
        wiring.clone(),
        wiring.clone(),
    );
    view! {
        <textarea
            id=id
            name=wiring.name.clone()
            rows="3"
            dir="auto"
            required=wiring.required
            readonly=wiring.read_only
            placeholder=placeholder
            aria-invalid=move || if a.has_error() { "true" } else { "false" }
            aria-describedby=move || b.described_by()
            prop:value=move || c.values().into_iter().next().unwrap_or_default()
            on:input=move |ev| d.set(vec![event_target_value(&ev)], false)
            on:blur=move |_| e.blur()
        ></textarea>
    }
}

/// A select of the options, after a first "Choose…" that leaves the field empty.
fn select(wiring: &Wiring, id: String, options: Vec<String>, texts: &Texts) -> impl IntoView {
    let (a, b, c) = (wiring.clone(), wiring.clone(), wiring.clone());
    let choices = {
        let wiring = wiring.clone();
        let choose = texts.get(Text::ChooseOption).to_string();
        move || {
            let chosen = wiring.values().into_iter().next().unwrap_or_default();
            let choices = std::iter::once((String::new(), choose.clone()))
                .chain(options.iter().map(|o| (o.clone(), o.clone())))
                .collect();
            super::option_views(choices, &chosen)
        }
    };
    view! {
        <select
            id=id
            name=wiring.name.clone()
            required=wiring.required
            disabled=wiring.read_only
            aria-invalid=move || if a.has_error() { "true" } else { "false" }
            aria-describedby=move || b.described_by()
            on:change=move |ev| c.set(vec![event_target_value(&ev)], true)
        >
            {choices}
        </select>
    }
}
