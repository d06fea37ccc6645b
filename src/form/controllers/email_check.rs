//! The email check: a valid address that loses focus is looked up once per value, for a
//! contact that already has it (the duplicate warning, `contact:duplicate`) and for the account
//! its company domain belongs to (the picker's suggestion). Submitting stays possible.

use super::accounts::Picker;
use super::tasks::TaskSlot;
use crate::data;
use crate::form::context::FormCtx;
use crate::form::events::WidgetEvent;
use crate::i18n::Text;
use crate::model::field::Field;
use crate::rules;
use leptos::prelude::*;
use std::cell::RefCell;

/// The existing contact that has the email typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Duplicate {
    /// The address, in lower case.
    pub email: String,
    /// The contact's name.
    pub name: String,
}

/// One form's email check.
#[derive(Clone, Copy)]
pub struct EmailCheck {
    /// The contact found with the address typed, if any.
    pub duplicate: RwSignal<Option<Duplicate>>,
    /// The rest, in the arena: every closure of the email field holds a copy of this handle.
    inner: StoredValue<Inner, LocalStorage>,
}

struct Inner {
    /// The address last looked up: leaving the field again does not look it up again.
    searched: RefCell<String>,
    search: TaskSlot,
    picker: Picker,
    ctx: FormCtx,
}

impl EmailCheck {
    /// The email check of the form of `ctx`.
    pub fn new(ctx: FormCtx, picker: Picker) -> EmailCheck {
        EmailCheck {
            duplicate: RwSignal::new(None),
            inner: StoredValue::new_local(Inner {
                searched: RefCell::default(),
                search: TaskSlot::new(),
                picker,
                ctx,
            }),
        }
    }

    /// The search, the picker and the form's context; `None` once the form is gone.
    fn parts(&self) -> Option<(TaskSlot, Picker, FormCtx)> {
        self.inner.try_with_value(|i| (i.search, i.picker, i.ctx))
    }

    /// Whether the host turned the duplicate check on (the warning's line is kept for it).
    pub fn warns(&self) -> bool {
        self.parts()
            .and_then(|(_, _, ctx)| ctx.with_options(|o| o.check_duplicates))
            .unwrap_or(false)
    }

    /// The warning under the email (tracked); empty while there is none.
    pub fn warning(&self) -> String {
        let name = self.duplicate.with(|d| d.as_ref().map(|d| d.name.clone()));
        match (name, self.parts()) {
            (Some(name), Some((_, _, ctx))) => {
                ctx.texts().fill(Text::DuplicateEmail, &[("name", &name)])
            }
            _ => String::new(),
        }
    }

    /// The email changed: what was found for another address goes, and coming back to an
    /// address asks again.
    pub fn changed(&self) {
        let Some((search, picker, ctx)) = self.parts() else {
            return; // the form is gone
        };
        let Some(email) = ctx.store.read(current) else {
            return;
        };
        picker.forget_suggestion_unless(data::company_domain(&email).as_deref());
        if self
            .duplicate
            .with_untracked(|d| d.as_ref().is_some_and(|d| d.email != email))
        {
            self.duplicate.set(None);
        }
        let other = self.inner.try_with_value(|i| {
            let other = *i.searched.borrow() != email;
            if other {
                i.searched.borrow_mut().clear();
            }
            other
        });
        if other == Some(true) {
            search.stop();
        }
    }

    /// The email lost focus: a valid address not looked up yet is.
    pub fn left(&self) {
        let Some((search, picker, ctx)) = self.parts() else {
            return; // the form is gone
        };
        let store = ctx.store;
        let Some(Ok(email)) = store.read(|s| rules::email(&s.draft.values[Field::Email])) else {
            return;
        };
        let email = email.to_ascii_lowercase();
        let new = self
            .inner
            .try_with_value(|i| i.searched.replace(email.clone()) != email);
        if new != Some(true) {
            return;
        }
        if let Some(domain) = data::company_domain(&email) {
            picker.suggest_for_domain(domain);
        }
        let Some(session) = ctx.session().filter(|_| self.warns()) else {
            return;
        };
        let duplicate = self.duplicate;
        search.run(async move {
            // A failed search shows nothing and blocks nothing.
            let Ok(Some(contact)) = data::contact_with_email(&session, &email).await else {
                return;
            };
            if store.read(current).as_ref() == Some(&email) {
                let name = contact.display_name();
                duplicate.try_set(Some(Duplicate { email, name }));
                ctx.emit(WidgetEvent::Duplicate(&contact));
            }
        });
    }

    /// After a create: the warning and the suggestion go.
    pub fn clear_shown(&self) {
        self.duplicate.try_set(None);
        if let Some((_, picker, _)) = self.parts() {
            picker.suggested.try_set(None);
        }
    }

    /// After a reset: what was found goes too, and the address is looked up again when it is
    /// next left (a search under way still reports, if the email is still its address).
    pub fn forget(&self) {
        self.clear_shown();
        self.inner
            .try_with_value(|i| i.searched.borrow_mut().clear());
    }
}

/// The email as the check compares it: trimmed, in lower case.
fn current(s: &crate::form::state::FormState) -> String {
    s.draft.values[Field::Email].trim().to_ascii_lowercase()
}
