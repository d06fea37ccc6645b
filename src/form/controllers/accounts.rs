//! The account picker's behaviour: which accounts are chosen (the store's `accountIds`, so the
//! rules, `getValues` and `setValues` see what they always saw), what the search found, which
//! suggestion the arrow keys are on, the account the email's domain suggests, and the names of
//! the accounts the host prefilled. Without a search (none, failed, or an answer of another
//! shape) Enter adds what was typed as an ID.

use super::tasks::{spawn_for_form, TaskSlot};
use crate::api::Session;
use crate::data::{self, AccountSearch};
use crate::form::context::FormCtx;
use crate::form::show::Show;
use crate::model::field::Field;
use crate::model::org::Account;
use crate::rules::account_id_list;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

/// How long typing must pause before the accounts are searched, in milliseconds.
const SEARCH_DELAY_MS: u32 = 200;

/// One form's account picker.
#[derive(Clone, Copy)]
pub struct Picker {
    /// The IDs chosen, in order.
    pub chosen: Memo<Vec<String>>,
    /// What the search found, without the accounts already chosen (`None`: nothing searched, or
    /// no search to ask).
    pub suggestions: Memo<Option<Vec<Account>>>,
    /// The suggestion the arrow keys are on.
    pub active: RwSignal<Option<usize>>,
    /// The account whose domain is the email's, offered until chosen or dismissed.
    pub suggested: RwSignal<Option<Account>>,
    /// Accounts seen in searches and lookups: how chips find their names.
    known: RwSignal<Vec<Account>>,
    found: RwSignal<Option<Vec<Account>>>,
    search: TaskSlot,
    ctx: FormCtx,
}

impl Picker {
    /// The picker of the form of `ctx`.
    pub fn new(ctx: FormCtx) -> Picker {
        let chosen = Memo::new(move |_| account_id_list(&ctx.store.value(Field::AccountIds)));
        let found = RwSignal::new(None::<Vec<Account>>);
        let suggestions = Memo::new(move |_| {
            let chosen = chosen.get();
            found.with(|found| {
                found.as_ref().map(|found| {
                    let fresh = found.iter().filter(|a| !chosen.contains(&a.id));
                    fresh.cloned().collect::<Vec<_>>()
                })
            })
        });
        Picker {
            chosen,
            suggestions,
            active: RwSignal::new(None),
            suggested: RwSignal::new(None),
            known: RwSignal::new(Vec::new()),
            found,
            search: TaskSlot::new(),
            ctx,
        }
    }

    /// The form's store.
    pub fn store(&self) -> crate::form::store::FormStore {
        self.ctx.store
    }

    /// Whether the search found accounts not chosen yet (tracked).
    pub fn has_suggestions(&self) -> bool {
        self.suggestions
            .try_with(|s| s.as_ref().is_some_and(|s| !s.is_empty()))
            .unwrap_or(false)
    }

    /// Whether the list shows (tracked): something typed, and a search's answer for it.
    pub fn is_open(&self) -> bool {
        let answered = self.suggestions.try_with(Option::is_some).unwrap_or(false);
        answered && !self.ctx.store.account_query().trim().is_empty()
    }

    /// What a search needs: the session, and where to search; `None` once the form is gone.
    fn search_with(&self) -> Option<(Session, AccountSearch)> {
        self.ctx
            .with_options(|o| (o.session(), o.account_search.clone()))
    }

    /// Whether the host gave a way to search accounts.
    pub fn searches(&self) -> bool {
        self.ctx
            .with_options(|o| !matches!(o.account_search, AccountSearch::Off))
            .unwrap_or(false)
    }

    /// Remembers accounts' names (the latest wins).
    pub fn learn(&self, accounts: &[Account]) {
        self.known.try_update(|known| {
            known.retain(|k| !accounts.iter().any(|a| a.id == k.id));
            known.extend(accounts.iter().cloned());
        });
    }

    /// The name of an account seen before (tracked).
    pub fn name_of(&self, id: &str) -> Option<String> {
        self.known
            .try_with(|known| known.iter().find(|a| a.id == id).map(|a| a.name.clone()))
            .flatten()
    }

    /// Adds accounts by ID (each once), as if typed in the list of IDs.
    pub fn add(&self, ids: &[String]) {
        let mut all = self.chosen.try_get_untracked().unwrap_or_default();
        for id in ids {
            if !all.contains(id) {
                all.push(id.clone());
            }
        }
        self.ctx
            .store
            .update(|s| s.input(Field::AccountIds, all.join("\n")));
    }

    /// Removes a chosen account.
    pub fn remove(&self, id: &str) {
        let mut all = self.chosen.try_get_untracked().unwrap_or_default();
        all.retain(|chosen| chosen != id);
        self.ctx
            .store
            .update(|s| s.input(Field::AccountIds, all.join("\n")));
    }

    /// What is typed in the search box.
    pub fn set_query(&self, query: String) {
        self.ctx.store.update(|s| s.input_account_query(query));
    }

    /// Chooses an account: added, the box emptied, the list closed.
    pub fn choose(&self, account: Account) {
        self.learn(std::slice::from_ref(&account));
        self.add(std::slice::from_ref(&account.id));
        self.set_query(String::new());
        self.close();
    }

    /// Closes the list, and drops the search under way so that it cannot open it again.
    pub fn close(&self) {
        self.search.stop();
        self.found.try_set(None);
        self.active.try_set(None);
    }

    /// Searches `text` after a short pause in typing; the next keystroke drops the search.
    pub fn search(&self, text: String) {
        let Some((session, how)) = self.search_with() else {
            return;
        };
        // What was found for the text before is not for this one.
        self.close();
        if text.trim().is_empty() || matches!(how, AccountSearch::Off) {
            return;
        }
        let this = *self;
        self.search.run(async move {
            TimeoutFuture::new(SEARCH_DELAY_MS).await;
            let accounts = data::search_accounts(&how, &session, text.trim()).await;
            if let Some(accounts) = &accounts {
                this.learn(accounts);
            }
            this.found.try_set(accounts.or(Some(Vec::new())));
        });
    }

    /// Whether the answer for the text typed is still coming.
    pub fn is_searching(&self) -> bool {
        self.search.is_busy()
    }

    /// The arrow keys: the next (`down`) or previous suggestion, round the list.
    pub fn move_active(&self, down: bool) {
        let count = self
            .suggestions
            .try_with_untracked(|s| s.as_ref().map_or(0, Vec::len))
            .unwrap_or(0);
        if count == 0 {
            return;
        }
        self.active.try_update(|active| {
            *active = Some(match (*active, down) {
                (None, true) => 0,
                (None, false) => count - 1,
                (Some(i), true) => (i + 1) % count,
                (Some(i), false) => (i + count - 1) % count,
            })
        });
    }

    /// Enter with text in the box: the highlighted suggestion, else the first listed; what was
    /// typed is an ID only when the search found nothing (or there is none). While the answer
    /// for this text is coming, Enter waits for it.
    pub fn enter(&self) {
        let active = self.active.try_get_untracked().flatten().unwrap_or(0);
        let listed = self
            .suggestions
            .try_with_untracked(|s| s.as_ref()?.get(active).cloned())
            .flatten();
        match listed {
            Some(account) => self.choose(account),
            None if self.is_searching() => {}
            None => {
                let typed = self.ctx.store.read(|s| s.draft.account_query.clone());
                self.add(&account_id_list(&typed.unwrap_or_default()));
                self.set_query(String::new());
                self.close();
                self.ctx.store.update(|s| s.blur(Field::AccountIds));
            }
        }
    }

    /// The account whose domain is the email's `domain`, when the picker is editable.
    pub fn suggest_for_domain(&self, domain: String) {
        let Some((session, how)) = self.search_with() else {
            return;
        };
        if self.ctx.show[Field::AccountIds] != Show::Editable {
            return;
        }
        let (this, store) = (*self, self.ctx.store);
        spawn_for_form(async move {
            let found = data::search_accounts(&how, &session, &domain).await;
            let account = found.unwrap_or_default().into_iter().find(|account| {
                let own = account.primary_domain.as_deref().map(str::trim);
                own.is_some_and(|d| d.eq_ignore_ascii_case(&domain))
            });
            // Only for the address still there: an answer for an earlier one is dropped.
            let current = store.read(|s| data::company_domain(&s.draft.values[Field::Email]));
            if let Some(account) = account.filter(|_| current.flatten().as_ref() == Some(&domain)) {
                this.learn(std::slice::from_ref(&account));
                this.suggested.try_set(Some(account));
            }
        });
    }

    /// The suggestion goes when the email's domain is not its domain any more.
    pub fn forget_suggestion_unless(&self, domain: Option<&str>) {
        let other = self.suggested.with_untracked(|account| {
            account.as_ref().is_some_and(|a| {
                a.primary_domain
                    .as_deref()
                    .map(str::to_ascii_lowercase)
                    .as_deref()
                    != domain
            })
        });
        if other {
            self.suggested.set(None);
        }
    }

    /// Finds the names of the accounts the host prefilled, when they can be found.
    pub fn name_prefilled(&self) {
        let ids = self.chosen.try_get_untracked().unwrap_or_default();
        let Some((session, how)) = self.search_with() else {
            return;
        };
        let shown = self.ctx.show[Field::AccountIds] != Show::Hidden;
        if ids.is_empty() || !shown || matches!(how, AccountSearch::Off) {
            return;
        }
        let this = *self;
        spawn_for_form(async move {
            let found = data::accounts_by_id(&how, &session, &ids).await;
            this.learn(&found);
        });
    }
}
