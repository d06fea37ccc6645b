//! The one `<select>` view: the contact type and a custom single-choice field. The options are
//! rebuilt only when the list changes; which one is selected follows the value without
//! rebuilding them.

use leptos::prelude::*;

/// A select of `options` (value, text shown), with `chosen` selected.
#[component]
pub fn Select(
    /// Its id (the label's `for`).
    id: String,
    /// Its `name`.
    name: String,
    /// The options: the value, and the text shown.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The value chosen.
    #[prop(into)]
    chosen: Signal<String>,
    /// Whether a value is required.
    #[prop(optional)]
    required: bool,
    /// A select has no `readonly`: a value the person cannot change is disabled.
    #[prop(into)]
    disabled: Signal<bool>,
    /// Whether an error shows under it.
    #[prop(into)]
    invalid: Signal<bool>,
    /// Its `aria-describedby`.
    #[prop(into)]
    described_by: Signal<Option<String>>,
    /// Called with the value chosen.
    on_change: Callback<String>,
) -> impl IntoView {
    let options = move || {
        options
            .get()
            .into_iter()
            .map(|(value, text)| {
                let own = value.clone();
                let selected = move || chosen.with(|chosen| *chosen == own);
                view! { <option value=value prop:selected=selected>{text}</option> }
            })
            .collect_view()
    };
    view! {
        <select
            id=id
            name=name
            autocomplete="off"
            required=required
            disabled=move || disabled.get()
            aria-invalid=move || if invalid.get() { "true" } else { "false" }
            aria-describedby=move || described_by.get()
            on:change=move |ev| on_change.run(event_target_value(&ev))
        >
            {options}
        </select>
    }
}
