//! The form's behaviours, without views. Each is a small `Copy` struct made by `new` that owns
//! its state and registers its own cleanup with the form's owner (the leptos-use `use_x`
//! shape); the components reach them through context.

pub mod accounts;
pub mod countdown;
pub mod draft;
pub mod email_check;
pub mod focus;
pub mod live_data;
pub mod lost_reply;
pub mod submit;
pub mod tasks;

use super::context::FormCtx;
use super::events::WidgetEvent;
use super::show::Show;
use super::state::FormState;
use accounts::Picker;
use draft::{DraftKeeper, Restored};
use email_check::EmailCheck;
use focus::Focus;
use leptos::prelude::*;
use live_data::{DrawCustomSource, LiveData};
use submit::{Phase, Submitter};

/// Every behaviour of one form, provided as context.
#[derive(Clone, Copy)]
pub struct Controllers {
    /// Where focus goes.
    pub focus: Focus,
    /// The account picker.
    pub picker: Picker,
    /// The duplicate check and the account suggestion.
    pub email: EmailCheck,
    /// The contact types and custom fields.
    pub live: LiveData,
    /// The unsent draft.
    pub draft: DraftKeeper,
    /// The submit.
    pub submit: Submitter,
    /// What the form's parts share.
    pub ctx: FormCtx,
}

impl Controllers {
    /// The behaviours of the form of `ctx` (with the draft `restored` at mount, and the part
    /// that draws custom fields from `draw_custom`), provided with `ctx` to the components below
    /// the caller: one context for the form.
    pub fn provide(ctx: FormCtx, restored: Restored, draw_custom: DrawCustomSource) -> Controllers {
        let focus = Focus::default();
        let picker = Picker::new(ctx);
        let email = EmailCheck::new(ctx, picker);
        let draft = DraftKeeper::new(ctx, restored);
        let live = LiveData::new(ctx, draft, draw_custom);
        let submit = Submitter::new(ctx, focus, email, draft);
        let controllers = Controllers {
            focus,
            picker,
            email,
            live,
            draft,
            submit,
            ctx,
        };
        provide_context(controllers);
        controllers
    }

    /// The controllers (and [`FormCtx`]) of the form this component is part of.
    pub fn get() -> Controllers {
        use_context().expect("a form's part is made inside the form")
    }

    /// The form is on the page: the host hears `ready`, then the organization's data is asked
    /// for (so that what it reports comes after `ready`).
    pub fn ready(&self) {
        self.ctx.emit(WidgetEvent::Ready);
        self.live.load();
        self.picker.name_prefilled();
    }

    /// Back to the host's values: no errors, no draft, the form shown (also after a create).
    pub fn reset(&self) {
        self.ctx.store.update(FormState::clear);
        self.email.forget();
        self.draft.forget();
        self.submit.reset();
    }

    /// "Add another", after a create: the form again, focus in its first field.
    pub fn add_another(&self) {
        self.submit.phase.set(Phase::Editing);
        self.submit.announcement.set(String::new());
        self.focus_first_field();
    }

    /// "Discard": the host's values again, and no draft.
    pub fn discard(&self) {
        self.draft.forget();
        self.ctx.store.update(FormState::clear);
        self.focus_first_field();
    }

    fn focus_first_field(&self) {
        let show = self.ctx.show;
        self.focus
            .first_editable(|field| show[field] == Show::Editable);
    }
}
