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
    /// The address last looked up: leaving the field again does not look it up again.
    searched: StoredValue<RefCell<String>, LocalStorage>,
    search: TaskSlot,
    picker: Picker,
    ctx: FormCtx,
}

impl EmailCheck {
    /// The email check of the form of `ctx`.
    pub fn new(ctx: FormCtx, picker: Picker) -> EmailCheck {
        EmailCheck {
            duplicate: RwSignal::new(None),
            searched: StoredValue::new_local(RefCell::default()),
            search: TaskSlot::new(),
            picker,
            ctx,
        }
    }

    /// Whether the host turned the duplicate check on (the warning's line is kept for it).
    pub fn warns(&self) -> bool {
        self.ctx
            .with_options(|o| o.check_duplicates)
            .unwrap_or(false)
    }

    /// The warning under the email (tracked); empty while there is none.
    pub fn warning(&self) -> String {
        self.duplicate.with(|duplicate| match duplicate {
            Some(duplicate) => {
                let texts = self.ctx.texts();
                texts.fill(Text::DuplicateEmail, &[("name", &duplicate.name)])
            }
            None => String::new(),
        })
    }

    /// The email changed: what was found for another address goes, and coming back to an
    /// address asks again.
    pub fn changed(&self) {
        let Some(email) = self.ctx.store.read(current) else {
            return; // the form is gone
        };
        self.picker
            .forget_suggestion_unless(data::company_domain(&email).as_deref());
        if self
            .duplicate
            .with_untracked(|d| d.as_ref().is_some_and(|d| d.email != email))
        {
            self.duplicate.set(None);
        }
        let other = self.searched.try_with_value(|searched| {
            let other = *searched.borrow() != email;
            if other {
                searched.borrow_mut().clear();
            }
            other
        });
        if other == Some(true) {
            self.search.stop();
        }
    }

    /// The email lost focus: a valid address not looked up yet is.
    pub fn left(&self) {
        let store = self.ctx.store;
        let Some(Ok(email)) = store.read(|s| rules::email(&s.draft.values[Field::Email])) else {
            return;
        };
        let email = email.to_ascii_lowercase();
        let new = self
            .searched
            .try_with_value(|searched| searched.replace(email.clone()) != email);
        if new != Some(true) {
            return;
        }
        if let Some(domain) = data::company_domain(&email) {
            self.picker.suggest_for_domain(domain);
        }
        let Some(session) = self.ctx.session().filter(|_| self.warns()) else {
            return;
        };
        let (duplicate, ctx) = (self.duplicate, self.ctx);
        self.search.run(async move {
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
        self.picker.suggested.try_set(None);
    }

    /// After a reset: what was found goes too, and the address is looked up again when it is
    /// next left.
    pub fn forget(&self) {
        self.clear_shown();
        self.search.stop();
        self.searched
            .try_with_value(|searched| searched.borrow_mut().clear());
    }
}

/// The email as the check compares it: trimmed, in lower case.
fn current(s: &crate::form::state::FormState) -> String {
    s.draft.values[Field::Email].trim().to_ascii_lowercase()
}
