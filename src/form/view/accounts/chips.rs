//! The chosen accounts, as chips: the account's name when it is known (its ID as the title), and
//! a button that removes it unless the field is read-only.

use crate::form::controllers::Controllers;
use crate::i18n::Text;
use leptos::prelude::*;

/// The chips of the chosen accounts.
#[component]
pub fn Chips(
    /// Whether the accounts can be removed.
    read_only: bool,
    /// The search box, where focus goes after a chip is removed.
    input: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let Controllers { ctx, picker, .. } = Controllers::get();
    let texts = ctx.texts();
    let chips = move || {
        picker
            .chosen
            .get()
            .into_iter()
            .map(|account_id| {
                let shown = picker
                    .name_of(&account_id)
                    .unwrap_or_else(|| account_id.clone());
                let remove_label = texts.fill(Text::AccountsRemove, &[("name", &shown)]);
                let remove = (!read_only).then(|| {
                    let account_id = account_id.clone();
                    view! {
                        <button
                            type="button"
                            class="thena-chip-remove"
                            aria-label=remove_label
                            on:click=move |_| {
                                picker.remove(&account_id);
                                super::refocus(input);
                            }
                        >
                            "×"
                        </button>
                    }
                });
                view! {
                    <li class="thena-chip" title=account_id>
                        <span>{shown}</span>
                        {remove}
                    </li>
                }
            })
            .collect_view()
    };
    view! { <ul class="thena-chips">{chips}</ul> }
}
