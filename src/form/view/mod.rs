//! The form's view: one component per thing a person can point at, each in its own file, all
//! reading the form's context ([`FormCtx`]) and controllers ([`Controllers`]) instead of taking
//! long parameter lists. [`ContactForm`] makes both and lays the parts out.

mod accounts;
mod actions;
mod alert;
mod contact_type;
mod custom;
mod field_shell;
mod live_notes;
mod parts;
mod select;
mod text_field;

use super::context::FormCtx;
use super::control::{Controls, FormControl};
use super::controllers::draft::Restored;
use super::controllers::submit::Phase;
use super::controllers::Controllers;
use super::options::AddContactOptions;
use super::state::FormState;
use super::store::FormStore;
use crate::model::field::Field;
use accounts::AccountPicker;
use actions::{DraftNotice, StatusRegion, SubmitButton, SuccessPanel};
use alert::Alert;
use contact_type::ContactTypeField;
use custom::CustomFields;
use leptos::prelude::*;
use live_notes::LiveNotes;
use text_field::TextField;

/// The form, for options [`AddContactOptions::check`] accepts.
#[component]
pub fn ContactForm(
    /// Where to send, as whom, what to prefill, whom to tell.
    options: AddContactOptions,
) -> impl IntoView {
    let mut start = FormState::new(options.values.clone());
    // An unsent draft from before the reload: its values over the host's, with a notice.
    let restored = Restored::load(&options, &mut start);
    let control = options.control.clone();
    let (locale, theme) = (options.texts.locale(), options.theme);
    let ctx = FormCtx::new(options, FormStore::new(start));
    let controllers = Controllers::provide(ctx, restored, parts::custom_inputs);
    if let Some(control) = control {
        lend(&control, ctx, controllers);
    }
    ready_after_mount(controllers);
    let (submit, live) = (controllers.submit, controllers.live);
    view! {
        <div
            class="thena-add-contact"
            id=ctx.prefix()
            node_ref=controllers.focus.root
            data-state=move || submit.phase.with(Phase::name)
            // While the organization's data is on its way (a submit pressed in the shell waits).
            data-loading=move || live.is_loading().then_some("")
            data-theme=theme.name()
            lang=locale.tag()
            dir=if locale.is_rtl() { "rtl" } else { "ltr" }
        >
            // Which of the form and the "Add another" panel shows follows data-state (the CSS).
            <form
                class="thena-form"
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit.submit();
                }
            >
                <DraftNotice />
                // The built-in fields, in form order (`Field::ALL`).
                <TextField field=Field::FirstName />
                <TextField field=Field::LastName />
                <TextField field=Field::Email />
                <TextField field=Field::Phone />
                <ContactTypeField />
                <TextField field=Field::AvatarUrl />
                <AccountPicker />
                <CustomFields />
                <LiveNotes />
                <Alert />
                <SubmitButton />
            </form>
            <StatusRegion />
            <SuccessPanel />
        </div>
    }
}

/// Lends the host's [`FormControl`] this form until it is unmounted.
fn lend(control: &FormControl, ctx: FormCtx, controllers: Controllers) {
    let submit = controllers.submit;
    control.attach(Controls {
        store: ctx.store,
        show: ctx.show,
        texts: ctx.texts(),
        reset: UnsyncCallback::new(move |()| controllers.reset()),
        sending: UnsyncCallback::new(move |()| submit.is_busy()),
    });
    on_cleanup(move || {
        ctx.with_options(|o| o.control.as_ref().map(FormControl::detach));
    });
}

/// Ready once the view is in the DOM: mounting finishes before this microtask runs. The
/// organization's data is asked for then, under the form's owner (its unmount stops it); a form
/// unmounted before then does nothing. The owner is held weakly meanwhile: a strong hold would
/// keep it from being cleaned up.
#[cfg(target_arch = "wasm32")]
fn ready_after_mount(controllers: Controllers) {
    let owner = Owner::current().map(|owner| owner.downgrade());
    queue_microtask(move || {
        if let Some(owner) = owner.and_then(|owner| owner.upgrade()) {
            owner.with(|| controllers.ready());
        }
    });
}

/// Rendered to HTML natively (the shell, at build time: src/bin/thena-shell.rs), the form is
/// never mounted, so never ready.
#[cfg(not(target_arch = "wasm32"))]
fn ready_after_mount(_: Controllers) {}
