//! What surrounds the fields: the notice of a restored draft, the submit button, the status
//! region that announces the outcome, and the panel shown after a create.

use crate::form::controllers::submit::Phase;
use crate::form::controllers::Controllers;
use crate::i18n::Text;
use leptos::prelude::*;

/// "Restored your unsent draft." with "Discard".
#[component]
pub fn DraftNotice() -> impl IntoView {
    let Controllers { ctx, draft, .. } = Controllers::get();
    let restored = draft.restored;
    // The controllers are looked up when clicked: a closure that held them all would make the
    // form's view (and the stack that builds it) that much larger.
    view! {
        <p class="thena-draft" hidden=move || !restored.get()>
            {ctx.text(Text::DraftRestored)}
            " "
            <button type="button" class="thena-discard" on:click=|_| Controllers::get().discard()>
                {ctx.text(Text::DraftDiscard)}
            </button>
        </p>
    }
}

/// The submit button: busy while a request is under way or a 429's wait counts down (it stays
/// focusable and says so with `aria-disabled`).
#[component]
pub fn SubmitButton() -> impl IntoView {
    let Controllers { ctx, submit, .. } = Controllers::get();
    let (phase, countdown) = (submit.phase, submit.countdown);
    let sending = move || phase.with(|p| *p == Phase::Sending);
    let busy = move || sending() || countdown.is_waiting();
    let (idle, sending_text) = (ctx.text(Text::Submit), ctx.text(Text::Sending));
    view! {
        <button
            type="submit"
            class="thena-submit"
            aria-disabled=move || if busy() { "true" } else { "false" }
        >
            {move || if sending() { sending_text.clone() } else { idle.clone() }}
        </button>
    }
}

/// What is announced politely: sending, the invalid fields, the created contact.
#[component]
pub fn StatusRegion() -> impl IntoView {
    let announcement = Controllers::get().submit.announcement;
    view! {
        <p class="thena-status" role="status" aria-live="polite">
            {move || announcement.get()}
        </p>
    }
}

/// After a create: "Add another" (the CSS shows it by the form's `data-state`).
#[component]
pub fn SuccessPanel() -> impl IntoView {
    let ctx = Controllers::get().ctx;
    view! {
        <div class="thena-success">
            <button
                type="button"
                class="thena-add-another"
                on:click=|_| Controllers::get().add_another()
            >
                {ctx.text(Text::AddAnother)}
            </button>
        </div>
    }
}
