//! A note per piece of the organization's data that is loading or could not be loaded, with a
//! way to load it again; announced politely.

use crate::form::controllers::live_data::{Live, LiveData};
use crate::form::controllers::Controllers;
use crate::i18n::Text;
use leptos::prelude::*;

/// The notes about the organization's data.
#[component]
pub fn LiveNotes() -> impl IntoView {
    view! {
        <div class="thena-live" aria-live="polite">
            <LiveNote note=Note::Loading />
            <LiveNote note=Note::ContactTypesFailed />
            <LiveNote note=Note::CustomFieldsFailed />
        </div>
    }
}

/// What a note says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Note {
    /// The custom fields are loading.
    Loading,
    /// The contact types could not be loaded.
    ContactTypesFailed,
    /// The custom fields could not be loaded.
    CustomFieldsFailed,
}

impl Note {
    fn text(self) -> Text {
        match self {
            Note::Loading => Text::Loading,
            Note::ContactTypesFailed => Text::ContactTypesFailed,
            Note::CustomFieldsFailed => Text::CustomFieldsFailed,
        }
    }

    /// Whether it shows (tracked).
    fn shows(self, live: LiveData) -> bool {
        match self {
            Note::Loading => live.custom_fields.with(|f| *f == Live::Loading),
            Note::ContactTypesFailed => live.contact_types.with(|t| *t == Live::Failed),
            Note::CustomFieldsFailed => live.custom_fields.with(|f| *f == Live::Failed),
        }
    }

    /// "Load again", where it can help.
    fn load_again(self, live: LiveData) -> Option<impl Fn(web_sys::MouseEvent) + Copy> {
        let reload = move |_| match self {
            Note::ContactTypesFailed => live.load_contact_types(),
            _ => live.load_custom_fields(),
        };
        (self != Note::Loading).then_some(reload)
    }
}

/// One note, shown while it holds, with "Load again" when it can help.
#[component]
fn LiveNote(note: Note) -> impl IntoView {
    let Controllers { ctx, live, .. } = Controllers::get();
    let button = note.load_again(live).map(|reload| {
        view! {
            " "
            <button type="button" class="thena-load-again" on:click=reload>
                {ctx.text(Text::LoadAgain)}
            </button>
        }
    });
    view! {
        <p class="thena-live-note" hidden=move || !note.shows(live)>
            {ctx.text(note.text())}
            {button}
        </p>
    }
}
