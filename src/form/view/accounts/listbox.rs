//! The search's suggestions under the search box (a listbox the combobox controls), or the
//! note that nothing was found and Enter adds what is typed as an ID.

use crate::form::controllers::Controllers;
use crate::i18n::Text;
use leptos::prelude::*;

/// The id of suggestion `index` of the listbox `list_id`.
pub fn option_id(list_id: &str, index: usize) -> String {
    format!("{list_id}-{index}")
}

/// The list of suggestions.
#[component]
pub fn Listbox(
    /// Its id (the combobox's `aria-controls`).
    id: String,
) -> impl IntoView {
    let Controllers { ctx, picker, .. } = Controllers::get();
    let store = ctx.store;
    let options = {
        let id = id.clone();
        move || {
            let suggestions = picker.suggestions.get().unwrap_or_default();
            let options = suggestions.into_iter().enumerate().map(|(i, account)| {
                let label = match &account.primary_domain {
                    Some(domain) => format!("{} ({domain})", account.name),
                    None => account.name.clone(),
                };
                let selected = move || picker.active.get() == Some(i);
                view! {
                    <li
                        class="thena-option-account"
                        role="option"
                        id=option_id(&id, i)
                        aria-selected=move || if selected() { "true" } else { "false" }
                        // Chosen before the search box loses focus and closes the list.
                        on:mousedown=move |ev| ev.prevent_default()
                        on:click=move |_| picker.choose(account.clone())
                    >
                        {label}
                    </li>
                }
            });
            options.collect_view()
        }
    };
    let texts = ctx.texts();
    let no_match = move || {
        let typed = store.account_query();
        texts.fill(Text::AccountsNoMatch, &[("query", typed.trim())])
    };
    let matches = move || picker.has_suggestions();
    view! {
        <ul class="thena-listbox" role="listbox" id=id hidden=move || !picker.is_open()>
            {options}
            <li class="thena-option-none" role="option" aria-disabled="true" hidden=matches>
                {no_match}
            </li>
        </ul>
    }
}
