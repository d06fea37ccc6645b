//! The account picker: the chosen accounts as removable chips, a combobox that finds accounts by
//! name or domain (the host's `searchAccounts`, else the platform's search API), its list, and
//! the account the email's domain suggests. The behaviour is the
//! [`Picker`](crate::form::controllers::accounts::Picker) controller's.

mod chips;
mod listbox;
mod suggestion;

use super::field_shell::{frame_class, ErrorLine, ErrorOf, FieldHint, FieldIds, FieldLabel};
use crate::form::controllers::accounts::Picker;
use crate::form::controllers::Controllers;
use crate::form::show::Show;
use crate::model::field::Field;
use crate::rules::account_id_list;
use chips::Chips;
use leptos::prelude::*;
use listbox::{option_id, Listbox};
use suggestion::Suggestion;

/// The accounts' field: label, hint, chips, the search box and its list, error, suggestion.
#[component]
pub fn AccountPicker() -> impl IntoView {
    let Controllers { ctx, picker, .. } = Controllers::get();
    let (store, field) = (ctx.store, Field::AccountIds);
    let texts = ctx.texts();
    let ids = FieldIds::new(&ctx, field.json_name(), true);
    let list_id = format!("{}-list", ids.control);
    let show = ctx.show[field];
    let read_only = show == Show::ReadOnly;
    // The input itself, not a lookup by id: the form may be in a shadow root.
    let input = NodeRef::<leptos::html::Input>::new();
    let described_by = {
        let ids = ids.clone();
        move || ids.described_by(store.has_error(field), None)
    };
    let active = {
        let list_id = list_id.clone();
        move || picker.active.get().map(|i| option_id(&list_id, i))
    };
    view! {
        <div class=frame_class(false, "thena-accounts") hidden=show == Show::Hidden>
            <FieldLabel control=ids.control.clone() text=texts.label(field).to_string() />
            <FieldHint id=ids.hint.clone() text=texts.hint(field).to_string() />
            <Chips read_only input />
            <div class="thena-combobox">
                <input
                    id=ids.control.clone()
                    node_ref=input
                    name=field.json_name()
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    dir="auto"
                    aria-autocomplete="list"
                    aria-controls=list_id.clone()
                    aria-expanded=move || if picker.is_open() { "true" } else { "false" }
                    aria-activedescendant=active
                    readonly=read_only
                    aria-invalid=move || if store.has_error(field) { "true" } else { "false" }
                    aria-describedby=described_by
                    prop:value=move || store.account_query()
                    on:input=move |ev| on_input(picker, ev)
                    on:keydown=move |ev| on_keydown(picker, ev)
                    on:paste=move |ev| on_paste(picker, ev)
                    on:blur=move |_| on_blur(picker)
                />
                <Listbox id=list_id />
            </div>
            <ErrorLine id=ids.error of=ErrorOf::Field(field) />
            <Suggestion read_only input />
        </div>
    }
}

/// After a chip or the suggestion's button goes, focus stays in the picker: its search box.
fn refocus(input: NodeRef<leptos::html::Input>) {
    if let Some(input) = input.try_get_untracked().flatten() {
        let _ = input.focus();
    }
}

/// Typing: without a search, a comma ends an ID; with one it may be part of a name ("Acme,
/// Inc") and the text is searched.
fn on_input(picker: Picker, ev: web_sys::Event) {
    let text = event_target_value(&ev);
    match text.rsplit_once(',').filter(|_| !picker.searches()) {
        Some((complete, rest)) => {
            picker.add(&account_id_list(complete));
            picker.set_query(rest.trim_start().to_string());
        }
        None => {
            picker.set_query(text.clone());
            picker.search(text);
        }
    }
}

/// A pasted list of IDs (one per line, or separated by commas) is added at once: a one-line
/// input would lose its line breaks.
fn on_paste(picker: Picker, ev: web_sys::ClipboardEvent) {
    let store = picker.store();
    let pasted = ev
        .clipboard_data()
        .and_then(|data| data.get_data("text").ok())
        .unwrap_or_default();
    if store.is_gone() || !pasted.contains([',', '\n', '\r']) {
        return;
    }
    ev.prevent_default();
    picker.add(&account_id_list(&pasted));
    store.update(|s| s.blur(Field::AccountIds));
}

/// The arrow keys move through the suggestions, Escape closes them, and Enter chooses: it never
/// sends the form while something is typed here.
fn on_keydown(picker: Picker, ev: web_sys::KeyboardEvent) {
    let typed = picker
        .store()
        .read(|s| !s.draft.account_query.trim().is_empty());
    match ev.key().as_str() {
        "ArrowDown" | "ArrowUp" if picker.has_suggestions() => {
            ev.prevent_default();
            picker.move_active(ev.key() == "ArrowDown");
        }
        "Escape" if picker.is_open() => {
            ev.prevent_default();
            picker.close();
        }
        "Enter" if typed == Some(true) => {
            ev.prevent_default();
            picker.enter();
        }
        _ => {}
    }
}

/// Leaving the box closes the list and shows the field's error, if any.
fn on_blur(picker: Picker) {
    let store = picker.store();
    if store.is_gone() {
        return; // the search box removed with the form while it had focus
    }
    picker.close();
    store.update(|s| s.blur(Field::AccountIds));
}
