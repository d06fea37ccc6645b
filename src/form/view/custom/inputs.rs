//! The custom fields' controls. Every kind of `<input>` comes from one view ([`CustomInput`]),
//! so the wasm holds its code once; a group of choices is a box per option, a long text a
//! textarea.

use super::Wiring;
use crate::model::org::FieldType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What kind of `<input>` a custom field gets.
#[derive(Clone, Debug, PartialEq)]
pub struct InputSpec {
    /// Its `type`.
    pub input_type: &'static str,
    /// Its `inputmode`, for numbers typed as text.
    pub input_mode: Option<&'static str>,
    /// The organization's placeholder.
    pub placeholder: Option<String>,
    /// In a group, the option this box stands for (checked while it is chosen).
    pub option: Option<String>,
}

impl InputSpec {
    /// The input of a field of `kind` (not a group, a textarea or a select).
    pub fn for_kind(kind: FieldType, placeholder: Option<String>) -> InputSpec {
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
            _ => ("text", None),
        };
        InputSpec {
            input_type,
            input_mode,
            placeholder,
            option: None,
        }
    }

    /// A box of a group: a radio button or a checkbox for `option`.
    fn choice(multiple: bool, option: String) -> InputSpec {
        InputSpec {
            input_type: if multiple { "checkbox" } else { "radio" },
            input_mode: None,
            placeholder: None,
            option: Some(option),
        }
    }

    /// A radio button or a checkbox.
    fn is_choice(&self) -> bool {
        matches!(self.input_type, "checkbox" | "radio")
    }

    /// What a checked box holds: its option, or `"true"` for a single checkbox.
    fn own_value(&self) -> String {
        self.option.clone().unwrap_or_else(|| "true".into())
    }
}

/// One `<input>`: a text-like input (its value is the field's first value), or a radio or
/// checkbox (checked while its value is chosen).
#[component]
pub fn CustomInput(wiring: Wiring, id: String, spec: InputSpec) -> impl IntoView {
    let choice = spec.is_choice();
    let in_group = spec.option.is_some();
    // Addresses, numbers and codes read left to right in any language.
    let dir = if spec.input_type == "text" && spec.input_mode.is_none() {
        "auto"
    } else {
        "ltr"
    };
    let own = spec.own_value();
    let shown_value = {
        let (wiring, own) = (wiring.clone(), own.clone());
        move || {
            if choice {
                own.clone()
            } else {
                wiring.signals.first_value()
            }
        }
    };
    let checked = {
        let (wiring, own) = (wiring.clone(), own.clone());
        move || choice && wiring.values().contains(&own)
    };
    let on_input = {
        let wiring = wiring.clone();
        move |ev: web_sys::Event| {
            let target = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            let Some(target) = target else {
                return;
            };
            if !choice {
                let value = target.value();
                if wiring.values().first() != Some(&value) {
                    wiring.set(vec![value], false);
                }
                return;
            }
            let mut chosen = if wiring.multiple {
                wiring.values()
            } else {
                Vec::new()
            };
            chosen.retain(|v| *v != own);
            if target.checked() {
                chosen.push(own.clone());
            }
            wiring.set(chosen, true);
        }
    };
    let (invalid, described_by, blur) = (wiring.clone(), wiring.clone(), wiring.clone());
    view! {
        <input
            id=id
            name=wiring.name.clone()
            type=spec.input_type
            inputmode=spec.input_mode
            autocomplete="off"
            dir=dir
            spellcheck="false"
            // A checkbox group can be left with none chosen by the browser's rules; the form's
            // own rule decides.
            required=wiring.required && spec.input_type != "checkbox"
            readonly=wiring.read_only && !choice
            disabled=wiring.read_only && choice
            placeholder=spec.placeholder
            aria-invalid=move || if invalid.has_error() { "true" } else { "false" }
            // In a group, the fieldset carries the description.
            aria-describedby=move || if in_group { None } else { described_by.described_by() }
            prop:value=shown_value
            prop:checked=checked
            on:input=on_input
            on:blur=move |_| blur.blur()
        />
    }
}

/// A radio or checkbox group: a labelled box per option.
#[component]
pub fn ChoiceGroup(wiring: Wiring, options: Vec<String>) -> impl IntoView {
    let boxes = options
        .into_iter()
        .enumerate()
        .map(|(i, option)| {
            let id = format!("{}-{i}", wiring.ids.control);
            let spec = InputSpec::choice(wiring.multiple, option.clone());
            let input = view! { <CustomInput wiring=wiring.clone() id spec /> };
            view! { <label class="thena-option">{input} <bdi>{option}</bdi></label> }
        })
        .collect_view();
    view! { <div class="thena-options">{boxes}</div> }
}

/// Several lines of text.
#[component]
pub fn LongText(wiring: Wiring, placeholder: Option<String>) -> impl IntoView {
    let (a, b, c, d, e) = (
        wiring.clone(),
        wiring.clone(),
        wiring.clone(),
        wiring.clone(),
        wiring.clone(),
    );
    view! {
        <textarea
            id=wiring.ids.control.clone()
            name=wiring.name.clone()
            rows="3"
            dir="auto"
            required=wiring.required
            readonly=wiring.read_only
            placeholder=placeholder
            aria-invalid=move || if a.has_error() { "true" } else { "false" }
            aria-describedby=move || b.described_by()
            prop:value=move || c.signals.first_value()
            on:input=move |ev| d.set(vec![event_target_value(&ev)], false)
            on:blur=move |_| e.blur()
        ></textarea>
    }
}
