//! The submit and everything that decides what the person sees of it: the phases, the invalid
//! fields, the offline wait (the contact goes out once the connection is back), the alert with
//! "Try again" and its countdown after a 429, the create's lost-reply check, and the announcement
//! of the outcome.

use super::countdown::Countdown;
use super::draft::DraftKeeper;
use super::email_check::EmailCheck;
use super::focus::Focus;
use super::lost_reply::{Created, LostReply};
use super::tasks::TaskSlot;
use crate::api::ApiError;
use crate::form::context::FormCtx;
use crate::form::events::{WidgetError, WidgetEvent};
use crate::form::state::FormState;
use crate::i18n::{invalid_fields_summary, Text, Texts};
use crate::model::field::Target;
use crate::model::field_error::FieldError;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

/// Where the form is in its life.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// The person is typing.
    Editing,
    /// A request is under way.
    Sending,
    /// The browser is offline: the contact is sent when the connection is back, unless the
    /// person cancels.
    Offline,
    /// The request failed: the message above the button, and whether trying again can help.
    Failed {
        /// What went wrong, in the form's texts.
        message: String,
        /// Whether "Try again" is offered.
        retry: Retry,
    },
    /// The contact was created: the "Add another" panel shows.
    Created,
}

/// Whether sending the same thing again can work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// "Try again" shows.
    Offered,
    /// The message says what to do instead.
    NotOffered,
}

impl Phase {
    /// As the form's `data-state` (the CSS shows the form or the success panel by it).
    pub fn name(&self) -> &'static str {
        match self {
            Phase::Editing => "editing",
            Phase::Sending => "sending",
            Phase::Offline => "offline",
            Phase::Failed { .. } => "failed",
            Phase::Created => "created",
        }
    }
}

/// Whether the browser says it has no network.
fn offline() -> bool {
    web_sys::window().is_some_and(|window| !window.navigator().on_line())
}

/// What the submit waits for between attempts.
#[derive(Default)]
struct Waits {
    /// The `online` event, while the form is offline.
    online: RefCell<Option<WindowListenerHandle>>,
    /// How many 429s came in a row (for the back-off when the service names no wait).
    limited_in_a_row: Cell<u32>,
}

/// One form's submit.
#[derive(Clone, Copy)]
pub struct Submitter {
    /// Where the form is.
    pub phase: RwSignal<Phase>,
    /// What the status region announces.
    pub announcement: RwSignal<String>,
    /// The wait after a 429.
    pub countdown: Countdown,
    request: TaskSlot,
    waits: StoredValue<Waits, LocalStorage>,
    lost: LostReply,
    ctx: FormCtx,
    /// The controllers a submit's outcome reaches (held in the arena: every closure that holds
    /// the submitter holds a copy of it).
    links: StoredValue<Links, LocalStorage>,
}

/// What the submit moves on its outcome: focus, the email check's warning, the draft.
#[derive(Clone, Copy)]
struct Links {
    focus: Focus,
    email: EmailCheck,
    draft: DraftKeeper,
}

impl Submitter {
    /// Runs `act` with the linked controllers, unless the form is gone.
    fn with_links(&self, act: impl FnOnce(&Links)) {
        self.links.try_with_value(act);
    }

    /// The submit of the form of `ctx`; unmounting stops the request under way (aborted on the
    /// wire, nothing more sent) and the wait for the connection.
    pub fn new(ctx: FormCtx, focus: Focus, email: EmailCheck, draft: DraftKeeper) -> Submitter {
        let submitter = Submitter {
            phase: RwSignal::new(Phase::Editing),
            announcement: RwSignal::new(String::new()),
            countdown: Countdown::new(),
            request: TaskSlot::new(),
            waits: StoredValue::new_local(Waits::default()),
            lost: LostReply::default(),
            ctx,
            links: StoredValue::new_local(Links {
                focus,
                email,
                draft,
            }),
        };
        on_cleanup(move || submitter.stop_waiting());
        submitter
    }

    /// Whether a request is under way, or waits for the connection (a remount would drop it).
    pub fn is_busy(&self) -> bool {
        self.phase
            .try_with_untracked(|p| matches!(p, Phase::Sending | Phase::Offline))
            .unwrap_or(false)
    }

    /// Sends what the form holds, or shows why it cannot be sent. Does nothing while a request
    /// is under way, after a create, or while a 429's wait counts down.
    pub fn submit(&self) {
        let idle = self
            .phase
            .try_with_untracked(|p| !matches!(p, Phase::Sending | Phase::Created));
        if idle != Some(true) || self.countdown.is_waiting() {
            return;
        }
        let Some(result) = self.ctx.store.update(FormState::submit) else {
            return;
        };
        self.stop_waiting();
        let texts = self.ctx.texts();
        let body = match result {
            Ok(body) => body,
            Err(errors) => return self.invalid(&errors, &texts),
        };
        // Offline: nothing is sent (and no submit reported) until the connection is back.
        if offline() {
            return self.wait_for_connection();
        }
        if self.phase.try_with_untracked(|p| *p == Phase::Offline) == Some(true) {
            self.phase.set(Phase::Editing); // a host that stops this submit leaves it editable
        }
        if !self.ctx.emit(WidgetEvent::Submit(&body)) {
            return;
        }
        let Some(session) = self.ctx.session() else {
            return; // unmounted by the submit listener
        };
        self.phase.set(Phase::Sending);
        self.announcement.set(texts.get(Text::Sending).into());
        let this = *self;
        self.request.run(async move {
            let result = this.lost.create(&session, &body, offline).await;
            if this.phase.is_disposed() {
                return;
            }
            match result {
                Ok(created) => this.created(created, &texts),
                // The connection went while sending: this request ends as a network error
                // (its one outcome), and the contact is sent again once the connection is back.
                Err(error) if error.outcome_unknown() && offline() => {
                    this.wait_for_connection();
                    let mut reported = WidgetError::from_api(&error, Vec::new(), &texts);
                    reported.message = texts.get(Text::Offline).to_string();
                    this.ctx.emit(WidgetEvent::Error(&reported));
                }
                Err(error) => this.failed(error, &texts),
            }
        });
    }

    /// The form's rules refused it: every error shown, the first field focused.
    fn invalid(&self, errors: &[(Target, FieldError)], texts: &Texts) {
        self.phase.set(Phase::Editing);
        self.announcement
            .set(invalid_fields_summary(errors.len(), texts));
        if let Some((first, _)) = errors.first() {
            self.with_links(|l| l.focus.field(first));
        }
        let messages = self.ctx.store.read(|s| s.messages(errors, texts));
        let error = WidgetError::from_validation(messages.unwrap_or_default(), texts);
        self.ctx.emit(WidgetEvent::Error(&error));
    }

    /// The contact exists: announced, the form cleared behind the "Add another" panel (so that
    /// nothing re-sends it by mistake), the host told.
    fn created(&self, created: Created, texts: &Texts) {
        let Created {
            mut contact,
            recovered,
        } = created;
        contact.recovered = recovered;
        self.lost.settled();
        self.waits.try_with_value(|w| w.limited_in_a_row.set(0));
        self.with_links(|l| l.draft.forget());
        let name = contact.display_name();
        self.announcement
            .set(texts.fill(Text::Created, &[("name", &name), ("email", &contact.email)]));
        self.ctx.store.update(FormState::clear);
        self.with_links(|l| l.email.clear_shown());
        self.phase.set(Phase::Created);
        self.ctx.emit(WidgetEvent::Created(&contact));
        self.with_links(|l| l.focus.add_another());
    }

    /// The request failed: the service's field messages on their fields, the message above
    /// the button (with "Try again" when it can help, counting down a 429's wait).
    fn failed(&self, mut error: ApiError, texts: &Texts) {
        let limited = matches!(error, ApiError::RateLimited { .. });
        let in_a_row = self
            .waits
            .try_with_value(|w| {
                let in_a_row = w.limited_in_a_row.get();
                w.limited_in_a_row
                    .set(if limited { in_a_row + 1 } else { 0 });
                in_a_row
            })
            .unwrap_or(0);
        error = error.with_backoff(in_a_row);
        self.announcement.set(String::new());
        let store = self.ctx.store;
        store.read(|s| error.claim_custom_fields(s.custom_names()));
        if let Some(target) = store.update(|s| s.show_server_errors(&error)).flatten() {
            self.with_links(|l| l.focus.field(&target));
        }
        let messages = store.read(|s| s.messages(error.field_errors(), texts));
        let reported = WidgetError::from_api(&error, messages.unwrap_or_default(), texts);
        let retry = if error.retryable() {
            Retry::Offered
        } else {
            Retry::NotOffered
        };
        self.phase.set(Phase::Failed {
            message: reported.message.clone(),
            retry,
        });
        if let Some(secs) = error.countdown() {
            self.countdown.start(secs);
        }
        self.ctx.emit(WidgetEvent::Error(&reported));
    }

    /// Offline: the form waits for the `online` event, then submits what it holds.
    fn wait_for_connection(&self) {
        let this = *self;
        let online = window_event_listener(leptos::ev::online, move |_| this.submit());
        if let Some(Some(earlier)) = self
            .waits
            .try_with_value(|w| w.online.replace(Some(online)))
        {
            earlier.remove();
        }
        self.announcement.set(String::new());
        self.phase.set(Phase::Offline);
    }

    /// Stops waiting for the connection.
    fn stop_waiting(&self) {
        if let Some(Some(online)) = self.waits.try_with_value(|w| w.online.take()) {
            online.remove();
        }
    }

    /// "Don't send": the form stops waiting for the connection and stays as it is.
    pub fn cancel_offline(&self) {
        self.stop_waiting();
        self.phase.set(Phase::Editing);
        self.with_links(|l| l.focus.submit_button());
    }

    /// Back to editing, the status cleared (reset, "Add another"). During a request the values
    /// and errors go back, but the request goes on and reports its outcome: only one request at
    /// a time, and none dropped without a word. A lost reply stays on record: the same email
    /// sent again is checked first.
    pub fn reset(&self) {
        self.stop_waiting();
        if self.phase.try_with_untracked(|p| *p != Phase::Sending) == Some(true) {
            self.phase.set(Phase::Editing);
            self.announcement.set(String::new());
        }
    }
}
