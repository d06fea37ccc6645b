//! The account the email's company domain suggests ("Add to Acme (acme.com)?"): never added
//! without a click, announced politely when it comes.

use crate::form::controllers::Controllers;
use crate::i18n::Text;
use leptos::prelude::*;

/// The suggestion, while there is one that is not chosen yet.
#[component]
pub fn Suggestion(
    /// A read-only picker suggests nothing.
    read_only: bool,
    /// The search box, where focus goes after the account is added.
    input: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let Controllers { ctx, picker, .. } = Controllers::get();
    let texts = ctx.texts();
    let suggestion = move || {
        let account = picker.suggested.get()?;
        if read_only || picker.chosen.with(|chosen| chosen.contains(&account.id)) {
            return None;
        }
        let domain = account.primary_domain.clone().unwrap_or_default();
        let args = [("name", account.name.as_str()), ("domain", domain.as_str())];
        let text = texts.fill(Text::AccountsSuggest, &args);
        let add_label = texts.get(Text::AccountsAdd).to_string();
        let add = move |_| {
            picker.choose(account.clone());
            picker.suggested.set(None);
            super::refocus(input);
        };
        Some(view! {
            <p class="thena-suggestion">
                {text} " " <button type="button" on:click=add>{add_label}</button>
            </p>
        })
    };
    view! { <div class="thena-suggestions" aria-live="polite">{suggestion}</div> }
}
