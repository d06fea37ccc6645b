//! A note per piece of the organization's data that is loading or could not be loaded, with a
//! way to load it again; announced politely.

use crate::form::context::FormCtx;
use crate::form::controllers::live_data::Live;
use crate::form::controllers::Controllers;
use crate::i18n::Text;
use leptos::prelude::*;

/// The notes about the organization's data.
#[component]
pub fn LiveNotes() -> impl IntoView {
    let live = Controllers::get().live;
    let loading = Signal::derive(move || live.custom_fields.with(|f| *f == Live::Loading));
    let types_failed = Signal::derive(move || live.contact_types.with(|t| *t == Live::Failed));
    let fields_failed = Signal::derive(move || live.custom_fields.with(|f| *f == Live::Failed));
    view! {
        <div class="thena-live" aria-live="polite">
            <LiveNote shown=loading text=Text::Loading />
            <LiveNote
                shown=types_failed
                text=Text::ContactTypesFailed
                load_again=Callback::new(move |()| live.load_contact_types())
            />
            <LiveNote
                shown=fields_failed
                text=Text::CustomFieldsFailed
                load_again=Callback::new(move |()| live.load_custom_fields())
            />
        </div>
    }
}

/// One note, shown while `shown` holds, with "Load again" when it can help.
#[component]
fn LiveNote(
    shown: Signal<bool>,
    text: Text,
    #[prop(optional)] load_again: Option<Callback<()>>,
) -> impl IntoView {
    let ctx = FormCtx::get();
    let button = load_again.map(|load_again| {
        view! {
            " "
            <button type="button" class="thena-load-again" on:click=move |_| load_again.run(())>
                {ctx.text(Text::LoadAgain)}
            </button>
        }
    });
    view! {
        <p class="thena-live-note" hidden=move || !shown.get()>
            {ctx.text(text)}
            {button}
        </p>
    }
}
