//! The one `<select>` view: the contact type and a custom single-choice field. The options are
//! rebuilt only when the list changes; which one is selected follows the value without
//! rebuilding them. What it shows and what a choice does come from a [`SelectSource`].

use leptos::prelude::*;
use std::sync::Arc;

/// What a select shows, and what choosing does (all reads tracked).
pub trait SelectSource: Send + Sync {
    /// The options: the value, and the text shown.
    fn options(&self) -> Vec<(String, String)>;
    /// The value chosen.
    fn chosen(&self) -> String;
    /// A select has no `readonly`: a value the person cannot change is disabled.
    fn disabled(&self) -> bool;
    /// Whether an error shows under it.
    fn invalid(&self) -> bool;
    /// Its `aria-describedby`.
    fn described_by(&self) -> Option<String>;
    /// The person chose `value`.
    fn choose(&self, value: String);
}

/// A select fed by `source`.
#[component]
pub fn Select(
    /// Its id (the label's `for`).
    id: String,
    /// Its `name`.
    name: String,
    /// Whether a value is required.
    #[prop(optional)]
    required: bool,
    /// What it shows, and what choosing does.
    source: Arc<dyn SelectSource>,
) -> impl IntoView {
    let options = {
        let source = source.clone();
        move || {
            let options = source.options().into_iter().map(|(value, text)| {
                let (source, own) = (source.clone(), value.clone());
                let selected = move || source.chosen() == own;
                view! { <option value=value prop:selected=selected>{text}</option> }
            });
            options.collect_view()
        }
    };
    let (disabled, invalid, described_by, choose) =
        (source.clone(), source.clone(), source.clone(), source);
    view! {
        <select
            id=id
            name=name
            autocomplete="off"
            required=required
            disabled=move || disabled.disabled()
            aria-invalid=move || if invalid.invalid() { "true" } else { "false" }
            aria-describedby=move || described_by.described_by()
            on:change=move |ev| choose.choose(event_target_value(&ev))
        >
            {options}
        </select>
    }
}
