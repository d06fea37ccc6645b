//! The account picker: the chosen accounts as removable chips, a combobox that finds accounts by
//! name or domain (the host's `searchAccounts`, else the platform's search API) and, when the
//! email has a company domain, the account to suggest ("Add to Acme (acme.com)?", never added
//! without a click). What the request sends stays the list of IDs in [`FormState`]'s
//! `accountIds`, so the rules, `getValues` and `setValues` see what they always saw. Without a
//! search (none, failed, or an answer of another shape) Enter adds what was typed as an ID.

use super::{AccountSearch, FormState, Host, Show};
use crate::field::Field;
use crate::live;
use crate::org_data::Account;
use crate::session::sleep;
use crate::texts::{Text, Texts};
use crate::validate::account_id_list;
use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

type State = RwSignal<FormState, LocalStorage>;

/// What the picker knows besides the form's values.
#[derive(Clone, Copy)]
pub(super) struct Picker {
    /// Accounts seen in searches and lookups: how chips find their names.
    pub known: RwSignal<Vec<Account>, LocalStorage>,
    /// The account whose domain is the email's, offered until chosen or dismissed.
    pub suggested: RwSignal<Option<Account>, LocalStorage>,
    /// What the current search found (`None`: nothing searched, or no search to ask).
    found: RwSignal<Option<Vec<Account>>, LocalStorage>,
    /// The suggestion the arrow keys are on.
    active: RwSignal<Option<usize>, LocalStorage>,
}

impl Picker {
    pub fn new() -> Picker {
        Picker {
            known: RwSignal::new_local(Vec::new()),
            suggested: RwSignal::new_local(None),
            found: RwSignal::new_local(None),
            active: RwSignal::new_local(None),
        }
    }

    /// Remembers accounts' names (the latest wins).
    pub fn learn(&self, accounts: &[Account]) {
        self.known.update(|known| {
            known.retain(|k| !accounts.iter().any(|a| a.id == k.id));
            known.extend(accounts.iter().cloned());
        });
    }

    fn name_of(&self, id: &str) -> Option<String> {
        self.known
            .try_with(|known| {
                known
                    .iter()
                    .find(|account| account.id == id)
                    .map(|account| account.name.clone())
            })
            .flatten()
    }
}

fn chosen(state: State) -> Vec<String> {
    state
        .try_with(|s| account_id_list(&s.draft.values[Field::AccountIds]))
        .unwrap_or_default()
}

/// Adds accounts by ID (each once), as if typed in the list of IDs.
fn add(state: State, ids: &[String]) {
    let mut all = chosen(state);
    for id in ids {
        if !all.contains(id) {
            all.push(id.clone());
        }
    }
    state.update(|s| s.input(Field::AccountIds, all.join("\n")));
}

fn remove(state: State, id: &str) {
    let mut all = chosen(state);
    all.retain(|chosen| chosen != id);
    state.update(|s| s.input(Field::AccountIds, all.join("\n")));
}

fn set_query(state: State, query: String) {
    state.update(|s| {
        s.draft.account_query = query;
        if s.shown[Field::AccountIds].is_some() {
            s.shown[Field::AccountIds] = s.draft.check(Field::AccountIds);
        }
    });
}

/// The accounts row: label, hint, chips, the search box and its list, error, suggestion.
pub(super) fn accounts_row(
    prefix: &str,
    state: State,
    show: Show,
    texts: &Texts,
    host: StoredValue<Host, LocalStorage>,
    picker: Picker,
) -> impl IntoView {
    let field = Field::AccountIds;
    let id = format!("{prefix}-{}", field.json_name());
    let (list_id, hint_id, error_id) = (
        format!("{id}-list"),
        format!("{id}-hint"),
        format!("{id}-error"),
    );
    let read_only = show == Show::ReadOnly;
    let Picker {
        found,
        active,
        suggested,
        ..
    } = picker;
    let query = move || state.with(|s| s.draft.account_query.clone());
    let has_error = move || state.with(|s| s.shown[field].is_some());
    let message = super::error_text(state, field, texts);
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if has_error() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    // The suggestions shown: what the search found, without the accounts already chosen.
    let suggestions = Memo::new(move |_| {
        let chosen = chosen(state);
        found.with(|found| {
            found.as_ref().map(|found| {
                found
                    .iter()
                    .filter(|account| !chosen.contains(&account.id))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let open = move || suggestions.with(|s| s.is_some()) && !query().trim().is_empty();
    // Closing the list also drops the search under way, so that it cannot open it again.
    let close = move || {
        if let Some(Some(search)) = host.try_with_value(|h| h.account_search.take()) {
            search.abort();
        }
        found.set(None);
        active.set(None);
    };
    // After a chip or the suggestion's button goes, focus stays in the picker.
    // The input itself, not a lookup by id: the form may be in a shadow root.
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let refocus = move || {
        if let Some(input) = input_ref.try_get_untracked().flatten() {
            let _ = input.focus();
        }
    };
    let choose = move |account: Account| {
        picker.learn(std::slice::from_ref(&account));
        add(state, std::slice::from_ref(&account.id));
        set_query(state, String::new());
        close();
    };
    // Searches after a short pause in typing; a new keystroke drops the search under way.
    let search = move |text: String| {
        let Some((session, how)) =
            host.try_with_value(|h| (h.options.session(), h.options.account_search.clone()))
        else {
            return;
        };
        let (abort, registration) = AbortHandle::new_pair();
        if let Some(Some(previous)) = host.try_with_value(|h| h.account_search.replace(Some(abort)))
        {
            previous.abort();
        }
        // What was found for the text before is not for this one.
        found.set(None);
        active.set(None);
        if text.trim().is_empty() || matches!(how, AccountSearch::Off) {
            close();
            return;
        }
        spawn_local(async move {
            let task = async {
                sleep(Duration::from_millis(200)).await;
                live::search_accounts(&how, &session, text.trim()).await
            };
            let Ok(accounts) = Abortable::new(task, registration).await else {
                return;
            };
            let _ = host.try_with_value(|h| h.account_search.take()); // done
            if let Some(accounts) = &accounts {
                picker.learn(accounts);
            }
            found.try_set(accounts.or(Some(Vec::new())));
        });
    };
    let searches = host
        .try_with_value(|h| !matches!(h.options.account_search, AccountSearch::Off))
        .unwrap_or(false);
    let on_input = move |ev: web_sys::Event| {
        if state.is_disposed() {
            return;
        }
        let text = event_target_value(&ev);
        // Without a search, a comma ends an ID; with one it may be part of a name ("Acme, Inc").
        match text.rsplit_once(',').filter(|_| !searches) {
            Some((complete, rest)) => {
                add(state, &account_id_list(complete));
                set_query(state, rest.trim_start().to_string());
            }
            None => {
                set_query(state, text.clone());
                search(text);
            }
        }
    };
    // A pasted list of IDs (one per line, or separated by commas) is added at once: a one-line
    // input would lose its line breaks.
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let pasted = ev
            .clipboard_data()
            .and_then(|data| data.get_data("text").ok())
            .unwrap_or_default();
        if state.is_disposed() || !pasted.contains([',', '\n', '\r']) {
            return;
        }
        ev.prevent_default();
        add(state, &account_id_list(&pasted));
        state.update(|s| s.blur(field));
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if state.is_disposed() {
            return;
        }
        let count = suggestions.with(|s| s.as_ref().map_or(0, Vec::len));
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                ev.prevent_default();
                let down = ev.key() == "ArrowDown";
                active.update(|active| {
                    *active = Some(match (*active, down) {
                        (None, true) => 0,
                        (None, false) => count - 1,
                        (Some(i), true) => (i + 1) % count,
                        (Some(i), false) => (i + count - 1) % count,
                    })
                });
            }
            "Escape" if open() => {
                ev.prevent_default();
                close();
            }
            "Enter" if !query().trim().is_empty() => {
                // Enter chooses; it never sends the form while something is typed here.
                ev.prevent_default();
                // The highlighted account, else the first listed; what was typed is an ID only
                // when the search found nothing (or there is none).
                let listed = suggestions.with_untracked(|s| {
                    let s = s.as_ref()?;
                    s.get(active.get_untracked().unwrap_or(0)).cloned()
                });
                let searching = host
                    .try_with_value(|h| {
                        let search = h.account_search.take();
                        let under_way = search.is_some();
                        h.account_search.set(search);
                        under_way
                    })
                    .unwrap_or(false);
                match listed {
                    Some(account) => choose(account),
                    // The answer for this text is still coming: Enter waits for it.
                    None if searching => {}
                    None => {
                        add(state, &account_id_list(&query()));
                        set_query(state, String::new());
                        close();
                        state.update(|s| s.blur(field));
                    }
                }
            }
            _ => {}
        }
    };
    let on_blur = move |_| {
        if state.is_disposed() {
            return; // the search box removed with the form while it had focus
        }
        close();
        state.update(|s| s.blur(field));
    };
    let active_id = {
        let list_id = list_id.clone();
        move || active.get().map(|i| format!("{list_id}-{i}"))
    };

    let chips = {
        let texts = texts.clone();
        let ids = Memo::new(move |_| chosen(state));
        move || {
            ids.get()
                .into_iter()
                .map(|account_id| {
                    let name = picker.name_of(&account_id);
                    let shown = name.clone().unwrap_or_else(|| account_id.clone());
                    let remove_label = texts.fill(Text::AccountsRemove, &[("name", &shown)]);
                    let remove_button = (!read_only).then(|| {
                        let account_id = account_id.clone();
                        view! {
                            <button
                                type="button"
                                class="thena-chip-remove"
                                aria-label=remove_label
                                on:click=move |_| {
                                    remove(state, &account_id);
                                    refocus();
                                }
                            >
                                "×"
                            </button>
                        }
                    });
                    view! {
                        <li class="thena-chip" title=account_id.clone()>
                            <span>{shown}</span>
                            {remove_button}
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let options = {
        let list_id = list_id.clone();
        move || {
            suggestions
                .get()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, account)| {
                    let label = match &account.primary_domain {
                        Some(domain) => format!("{} ({domain})", account.name),
                        None => account.name.clone(),
                    };
                    view! {
                        <li
                            class="thena-option-account"
                            role="option"
                            id=format!("{list_id}-{i}")
                            aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                            // Chosen before the search box loses focus and closes the list.
                            on:mousedown=move |ev| ev.prevent_default()
                            on:click=move |_| choose(account.clone())
                        >
                            {label}
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let no_match = {
        let texts = texts.clone();
        move || {
            let typed = query();
            texts.fill(Text::AccountsNoMatch, &[("query", typed.trim())])
        }
    };
    let matches = move || suggestions.with(|s| s.as_ref().is_some_and(|s| !s.is_empty()));
    let suggestion = {
        let texts = texts.clone();
        move || {
            let account = suggested.get()?;
            if chosen(state).contains(&account.id) || read_only {
                return None;
            }
            let domain = account.primary_domain.clone().unwrap_or_default();
            let text = texts.fill(
                Text::AccountsSuggest,
                &[("name", &account.name), ("domain", &domain)],
            );
            let add_label = texts.get(Text::AccountsAdd).to_string();
            Some(view! {
                <p class="thena-suggestion">
                    {text} " "
                    <button type="button" on:click={
                        move |_| {
                            choose(account.clone());
                            suggested.set(None);
                            refocus();
                        }
                    }>
                        {add_label}
                    </button>
                </p>
            })
        }
    };

    view! {
        <div class="thena-field thena-accounts" hidden=show == Show::Hidden>
            <label for=id.clone()>{texts.label(field).to_string()}</label>
            <p class="thena-hint" id=hint_id>{texts.hint(field).to_string()}</p>
            <ul class="thena-chips">{chips}</ul>
            <div class="thena-combobox">
                <input
                    id=id
                    node_ref=input_ref
                    name=field.json_name()
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    dir="auto"
                    aria-autocomplete="list"
                    aria-controls=list_id.clone()
                    aria-expanded=move || if open() { "true" } else { "false" }
                    aria-activedescendant=active_id
                    readonly=read_only
                    aria-invalid=move || if has_error() { "true" } else { "false" }
                    aria-describedby=described_by
                    prop:value=query
                    on:input=on_input
                    on:keydown=on_keydown
                    on:paste=on_paste
                    on:blur=on_blur
                />
                <ul class="thena-listbox" role="listbox" id=list_id hidden=move || !open()>
                    {options}
                    <li class="thena-option-none" role="option" aria-disabled="true" hidden=matches>
                        {no_match}
                    </li>
                </ul>
            </div>
            <p class="thena-error" id=error_id>{message}</p>
            // Announced when it comes, politely.
            <div class="thena-suggestions" aria-live="polite">{suggestion}</div>
        </div>
    }
}
