//! The Leptos component: signals in, events out. Rules live in [`crate::validate`], requests in
//! [`crate::api`] and [`crate::live`], the form's memory in [`state::FormState`]; the custom
//! fields' inputs in `custom.rs`, the account picker in `accounts.rs`.

mod accounts;
mod custom;
mod draft;
mod options;
mod state;

pub use draft::DraftStorage;
pub use options::{
    AccountSearch, AccountSearchFn, AddContactOptions, Definitions, EventHandler, FormControl,
    Show, Theme, TokenFuture, TokenSource, WidgetError, WidgetEvent, DEFAULT_TIMEOUT,
};
pub use state::FormState;

use crate::api::{ApiError, ApiRequest};
use crate::field::{Field, Target};
use crate::live;
use crate::locale::TimeUnit;
use crate::org_data::{company_domain, ContactType};
use crate::texts::{Text, Texts};
use crate::validate::{self, invalid_fields_summary, ContactDraft};
use draft::{DraftStore, SavedDraft};
use futures::future::{AbortHandle, Abortable};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use options::Controls;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Where the form is in its life.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Editing,
    Sending,
    /// The browser is offline: the contact is sent when the connection is back, unless the
    /// person cancels.
    Offline,
    /// The message above the button, and whether "Try again" can help.
    Failed(String, bool),
    Created,
}

impl Phase {
    fn name(&self) -> &'static str {
        match self {
            Phase::Editing => "editing",
            Phase::Sending => "sending",
            Phase::Offline => "offline",
            Phase::Failed(..) => "failed",
            Phase::Created => "created",
        }
    }
}

/// Whether the browser says it has no network.
fn offline() -> bool {
    web_sys::window().is_some_and(|window| !window.navigator().on_line())
}

/// A piece of the organization's live data, as the form shows it.
#[derive(Clone, Debug, PartialEq)]
enum Live<T> {
    Loading,
    Ready(T),
    /// Not loaded: a note says so and offers to load again.
    Failed,
    /// Turned off by the host.
    Off,
}

impl<T> Live<T> {
    /// Before `ready`: loading, unless the host turned it `off`.
    fn at_mount(off: bool) -> Live<T> {
        if off {
            Live::Off
        } else {
            Live::Loading
        }
    }
}

/// What the event handlers share that is not `Send` (and so lives in a local stored value).
struct Host {
    options: AddContactOptions,
    /// Stops the submit under way: after unmounting, nothing of it runs again.
    in_flight: Cell<Option<AbortHandle>>,
    /// Stops the live-data loads and the email search on unmount.
    tasks: RefCell<Vec<AbortHandle>>,
    /// The email search under way, stopped when the email changes.
    search: Cell<Option<AbortHandle>>,
    /// The email last searched for: a blur does not search the same value again.
    searched: RefCell<String>,
    /// The account search under way, stopped by the next keystroke.
    account_search: Cell<Option<AbortHandle>>,
    /// A create whose outcome is unknown (its reply was lost): the email it sent and when it
    /// left (the earliest such attempt, in ms since 1970). Until the contact is known created,
    /// each new attempt first asks whether it was.
    lost_reply: RefCell<Option<(String, f64)>>,
    /// How many 429s came in a row (for the back-off when the service names no wait).
    limited_in_a_row: Cell<u32>,
    /// The countdown after a 429.
    countdown: Cell<Option<AbortHandle>>,
    /// Waits for the `online` event while the form is offline.
    online: Cell<Option<WindowListenerHandle>>,
    /// Where the unsent draft is kept, when the host asked for it.
    draft: Option<DraftStore>,
    /// The save of the draft that waits for typing to pause.
    draft_timer: Cell<Option<TimeoutHandle>>,
    /// The restored draft's custom fields, laid over them when they arrive.
    restored_custom: RefCell<Option<SavedDraft>>,
    /// Saves the draft when the page is left or reloaded before typing paused.
    pagehide: Cell<Option<WindowListenerHandle>>,
}

impl Host {
    /// When the create of `email` whose reply was lost left, if one was.
    fn lost_reply_since(&self, email: &str) -> Option<f64> {
        match &*self.lost_reply.borrow() {
            Some((sent, since)) if sent.eq_ignore_ascii_case(email) => Some(*since),
            _ => None,
        }
    }

    /// A create of `email` that left at `left` got no readable reply; returns when the earliest
    /// such attempt of that email left.
    fn reply_lost(&self, email: &str, left: f64) -> f64 {
        let since = self
            .lost_reply_since(email)
            .map_or(left, |since| since.min(left));
        *self.lost_reply.borrow_mut() = Some((email.to_string(), since));
        since
    }

    /// What of the form is kept as the unsent draft; `None` when it holds the host's values.
    /// A restored draft's custom fields count until the fields arrive and take them.
    fn draft_to_save(&self, s: &FormState) -> Option<SavedDraft> {
        let keep = |draft: &ContactDraft| {
            SavedDraft::of(draft, &self.options.show, |slug| {
                self.options.custom_field_show(slug)
            })
        };
        let mut kept = keep(&s.draft);
        if let Some(pending) = &*self.restored_custom.borrow() {
            kept.custom.extend(pending.custom.iter().cloned());
        }
        (kept != keep(&s.initial)).then_some(kept)
    }

    /// Stops the save that waits for typing to pause; whether there was one.
    fn cancel_draft_save(&self) -> bool {
        let timer = self.draft_timer.take();
        if let Some(timer) = timer {
            timer.clear();
        }
        timer.is_some()
    }

    /// Writes the unsent draft as the form holds it: saved, or removed when the form holds the
    /// host's values. Returns whether a draft is kept.
    fn write_draft(&self, state: RwSignal<FormState, LocalStorage>) -> bool {
        let kept = state
            .try_with_untracked(|s| self.draft_to_save(s))
            .flatten();
        match (&self.draft, kept) {
            (Some(store), Some(kept)) => {
                store.save(&kept);
                true
            }
            (Some(store), None) => {
                store.remove();
                false
            }
            (None, _) => false,
        }
    }

    /// Writes now a draft whose write waits for typing to pause: the form is going (destroyed,
    /// or the page is being left or reloaded).
    fn save_draft_now(&self, state: RwSignal<FormState, LocalStorage>) {
        if self.cancel_draft_save() {
            self.write_draft(state);
        }
    }

    /// Forgets the unsent draft: created, reset or discarded.
    fn forget_draft(&self) {
        self.cancel_draft_save();
        if let Some(store) = &self.draft {
            store.remove();
        }
        self.restored_custom.take();
    }

    /// Stops waiting for the connection.
    fn stop_waiting(&self) {
        if let Some(online) = self.online.take() {
            online.remove();
        }
    }
}

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// How long typing must pause before the draft is saved.
const DRAFT_SAVE_DELAY: Duration = Duration::from_millis(300);

/// The add-contact form, for hosts written in Leptos: one [`AddContactOptions`] in, events out.
/// Mount it with [`leptos::mount::mount_to`] or inside any view. Options that
/// [`AddContactOptions::check`] refuses are shown as that refusal (`role="alert"`), without a
/// form.
///
/// # Examples
///
/// ```no_run
/// use leptos::prelude::*;
/// use std::rc::Rc;
/// use thena_add_contact::{AddContactForm, AddContactOptions, ApiConfig, TokenSource, WidgetEvent};
///
/// #[component]
/// fn NewContactPage(org_id: String, token: String) -> impl IntoView {
///     let api = match ApiConfig::new("https://platform.thena.ai", &org_id) {
///         Ok(api) => api,
///         Err(problem) => return view! { <p>{problem.0}</p> }.into_any(),
///     };
///     let mut options = AddContactOptions::new(api, TokenSource::fixed(token));
///     options.on_event = Some(Rc::new(|event| {
///         if let WidgetEvent::Created(contact) = event {
///             leptos::logging::log!("created {}", contact.id);
///         }
///         true // false from a Submit event stops the request
///     }));
///     view! { <AddContactForm options /> }.into_any()
/// }
///
/// fn main() {
///     let (org_id, token) = ("org_7Hq2".to_string(), "eyJhbGciOi…".to_string());
///     mount_to_body(move || view! { <NewContactPage org_id token /> });
/// }
/// ```
#[component]
pub fn AddContactForm(
    /// Where to send, as whom, what to prefill, whom to tell.
    options: AddContactOptions,
) -> impl IntoView {
    match options.check() {
        Ok(()) => Either::Left(form(options)),
        Err(problem) => {
            // What `mount` throws for a JavaScript host; a Rust host sees it where the form
            // would be, and in the console.
            let problem = format!("thena-add-contact: {problem}");
            leptos::logging::error!("{problem}");
            Either::Right(
                view! { <p class="thena-add-contact thena-refused" role="alert">{problem}</p> },
            )
        }
    }
}

fn form(options: AddContactOptions) -> impl IntoView {
    let prefix = format!("thena-ac-{}", INSTANCES.fetch_add(1, Ordering::Relaxed) + 1);
    let mut start = FormState::new(options.values.clone());
    let draft_store = options.persist_draft.map(|storage| {
        DraftStore::new(storage, options.api.org_id(), options.draft_key.as_deref())
    });
    // An unsent draft from before the reload: its values over the host's, with a notice.
    let saved = draft_store.as_ref().and_then(DraftStore::load);
    if let Some(saved) = &saved {
        saved.restore_values(&mut start.draft, &options.show);
    }
    let restored = RwSignal::new(
        saved
            .as_ref()
            .is_some_and(|s| !s.values.is_empty() || !s.custom.is_empty()),
    );
    let state = RwSignal::new_local(start);
    let texts = options.texts.clone();
    let (locale, theme) = (texts.locale(), options.theme);
    let show = options.show.clone();
    let accounts_shown = show[Field::AccountIds];
    let control = options.control.clone();
    let check_duplicates = options.check_duplicates;
    let phase = RwSignal::new(Phase::Editing);
    let announcement = RwSignal::new(String::new());
    // Turned off by the host: never "Loading…", not even until `ready`.
    let contact_types = RwSignal::new_local(Live::<Rc<Vec<ContactType>>>::at_mount(matches!(
        options.contact_types,
        Definitions::Off
    )));
    let custom_fields = RwSignal::new(Live::<()>::at_mount(matches!(
        options.custom_fields,
        Definitions::Off
    )));
    // The existing contact that has the email typed: (its email, its name).
    let duplicate = RwSignal::new(None::<(String, String)>);
    let root = NodeRef::<leptos::html::Div>::new();
    let host = StoredValue::new_local(Host {
        options,
        in_flight: Cell::new(None),
        tasks: RefCell::new(Vec::new()),
        search: Cell::new(None),
        searched: RefCell::new(String::new()),
        account_search: Cell::new(None),
        lost_reply: RefCell::new(None),
        limited_in_a_row: Cell::new(0),
        countdown: Cell::new(None),
        online: Cell::new(None),
        draft: draft_store,
        draft_timer: Cell::new(None),
        restored_custom: RefCell::new(saved),
        pagehide: Cell::new(None),
    });
    let picker = accounts::Picker::new();
    // Unmounting stops the submit under way: its token wait, its request (aborted on the wire)
    // and its timers (cleanups run before the owner's values are dropped, so the stored value
    // is still there); and the live-data loads and the email search.
    on_cleanup(move || {
        let _ = host.try_with_value(|h| {
            if let Some(control) = &h.options.control {
                control.detach();
            }
            h.stop_waiting();
            h.save_draft_now(state);
            if let Some(pagehide) = h.pagehide.take() {
                pagehide.remove();
            }
            let tasks = h.tasks.take().into_iter().chain(h.in_flight.take());
            let tasks = tasks.chain(h.countdown.take());
            for task in tasks.chain(h.search.take()).chain(h.account_search.take()) {
                task.abort();
            }
        });
    });
    // The host's handler runs outside any borrow of the form's state: it may call back into
    // the form (reset, destroy) from inside.
    let emit = move |event: WidgetEvent<'_>| -> bool {
        match host.try_with_value(|h| h.options.on_event.clone()) {
            Some(Some(handler)) => handler(event),
            Some(None) => true,
            None => false, // unmounted
        }
    };
    // Runs `task` until it ends or the form is unmounted.
    let run = move |task: std::pin::Pin<Box<dyn Future<Output = ()>>>| -> Option<AbortHandle> {
        let (abort, registration) = AbortHandle::new_pair();
        spawn_local(async move {
            let _ = Abortable::new(task, registration).await;
        });
        Some(abort)
    };
    let background = move |task: std::pin::Pin<Box<dyn Future<Output = ()>>>| {
        if let Some(abort) = run(task) {
            host.with_value(|h| h.tasks.borrow_mut().push(abort));
        }
    };

    // Focuses an element of the widget once the DOM shows the latest state (the view updates
    // in microtasks, which all run before a timeout).
    let focus = move |selector: String| {
        set_timeout(
            move || {
                let element = root
                    .try_get_untracked()
                    .flatten()
                    .and_then(|root| root.query_selector(&selector).ok().flatten())
                    // Every selector here names an input, a select, a textarea or a button.
                    .map(|element| element.unchecked_into::<web_sys::HtmlElement>());
                if let Some(element) = element {
                    let _ = element.focus();
                }
            },
            Duration::ZERO,
        );
    };
    let focus_target = move |target: &Target| focus(target.selector());

    // The contact types: the host's value must be one of them (else it is reported and the
    // organization's default shows instead); the default is preselected.
    let contact_types_arrived = move |types: Rc<Vec<ContactType>>| {
        if state.is_disposed() {
            return; // the form is gone
        }
        let given = state.with_untracked(|s| s.draft.values[Field::ContactType].trim().to_string());
        if !given.is_empty() && !types.iter().any(|t| t.id == given) {
            let Some(texts) = host.try_with_value(|h| h.options.texts.clone()) else {
                return;
            };
            let message = texts.fill(Text::ContactTypeUnknown, &[("id", &given)]);
            state.update(|s| {
                for draft in [&mut s.draft, &mut s.initial] {
                    draft.values[Field::ContactType].clear();
                }
            });
            emit(WidgetEvent::Error(&WidgetError::options(message)));
        }
        if let Some(default) = types.iter().find(|t| t.is_default) {
            state.update(|s| s.default_contact_type(&default.id));
        }
        contact_types.set(Live::Ready(types));
    };
    let load_contact_types = move || {
        let Some((session, given)) =
            host.try_with_value(|h| (h.options.session(), h.options.contact_types.clone()))
        else {
            return;
        };
        match given {
            Definitions::Off => contact_types.set(Live::Off),
            Definitions::Given(types) => contact_types_arrived(Rc::new(types)),
            Definitions::Load => {
                contact_types.set(Live::Loading);
                background(Box::pin(async move {
                    let loaded = live::contact_types(&session).await;
                    match loaded {
                        Ok(types) => contact_types_arrived(types),
                        Err(_) => contact_types.set(Live::Failed),
                    }
                }));
            }
        }
    };
    // The custom fields: shown below the built-in ones, with the host's values or defaults.
    // A name in `hidden` or `readOnly` that names no field is reported, as a misspelt built-in
    // name would be at mount.
    let custom_fields_arrived = move |fields: Rc<Vec<Rc<validate::CustomField>>>| {
        if state.is_disposed() {
            return; // the form is gone
        }
        let Some(custom_show) = host.try_with_value(|h| h.options.custom_show.clone()) else {
            return;
        };
        let show = |slug: &str| options::custom_field_show(&custom_show, slug);
        state.update(|s| s.add_custom_fields(&fields, |slug| show(slug) != Show::Hidden));
        // A restored draft's values for them.
        let saved = host.try_with_value(|h| h.restored_custom.take()).flatten();
        if let Some(saved) = saved {
            state.update(|s| saved.restore_custom(&mut s.draft, show));
        }
        custom_fields.set(Live::Ready(()));
        for (slug, how) in &custom_show {
            if !fields.iter().any(|f| f.definition.slug() == slug) {
                let option = if *how == Show::Hidden {
                    "hidden"
                } else {
                    "readOnly"
                };
                let message = format!("{option} names no field \"{slug}\"");
                emit(WidgetEvent::Error(&WidgetError::options(message)));
            }
        }
    };
    let load_custom_fields = move || {
        let Some((session, given)) =
            host.try_with_value(|h| (h.options.session(), h.options.custom_fields.clone()))
        else {
            return;
        };
        match given {
            Definitions::Off => custom_fields.set(Live::Off),
            Definitions::Given(definitions) => {
                custom_fields_arrived(Rc::new(live::ready_to_show(definitions)))
            }
            Definitions::Load => {
                custom_fields.set(Live::Loading);
                background(Box::pin(async move {
                    match live::custom_fields(&session).await {
                        Ok(fields) => custom_fields_arrived(fields),
                        Err(_) => custom_fields.set(Live::Failed),
                    }
                }));
            }
        }
    };

    // The duplicate-email check: a valid address that lost focus, once per value.
    let email_changed = move || {
        if state.is_disposed() {
            return; // the form is gone
        }
        let email =
            state.with_untracked(|s| s.draft.values[Field::Email].trim().to_ascii_lowercase());
        // An account suggested for another domain goes.
        let domain = company_domain(&email);
        let other_domain = picker.suggested.with_untracked(|account| {
            account
                .as_ref()
                .is_some_and(|a| a.primary_domain.as_deref().map(str::to_ascii_lowercase) != domain)
        });
        if other_domain {
            picker.suggested.set(None);
        }
        if duplicate.with_untracked(|d| d.as_ref().is_some_and(|(e, _)| *e != email)) {
            duplicate.set(None);
        }
        // Another value: what was found for the last one no longer holds, and coming back to it
        // asks again.
        let other_value = host
            .try_with_value(|h| *h.searched.borrow() != email)
            .unwrap_or(false);
        if other_value {
            stop_email_search(host);
            let _ = host.try_with_value(|h| h.searched.borrow_mut().clear());
        }
    };
    // A valid address that lost focus, once per value: is it a contact's already (the duplicate
    // warning), and is its domain an account's (the account suggestion)?
    let email_left = move || {
        if state.is_disposed() {
            return; // the form is gone
        }
        let Ok(email) = state.with_untracked(|s| validate::email(&s.draft.values[Field::Email]))
        else {
            return;
        };
        let email = email.to_ascii_lowercase();
        let Some(Some((session, accounts))) = host.try_with_value(|h| {
            let mut searched = h.searched.borrow_mut();
            (*searched != email).then(|| {
                *searched = email.clone();
                (h.options.session(), h.options.account_search.clone())
            })
        }) else {
            return;
        };
        let pickable = accounts_shown == Show::Editable;
        if let Some(domain) = company_domain(&email).filter(|_| pickable) {
            let session = session.clone();
            background(Box::pin(async move {
                let found = live::search_accounts(&accounts, &session, &domain).await;
                let account = found.unwrap_or_default().into_iter().find(|account| {
                    account
                        .primary_domain
                        .as_deref()
                        .is_some_and(|d| d.trim().eq_ignore_ascii_case(&domain))
                });
                // Only for the address still there: an answer for an earlier one is dropped.
                let current = state
                    .try_with_untracked(|s| company_domain(&s.draft.values[Field::Email]))
                    .flatten();
                if let Some(account) = account.filter(|_| current.as_ref() == Some(&domain)) {
                    picker.learn(std::slice::from_ref(&account));
                    picker.suggested.try_set(Some(account));
                }
            }));
        }
        if !check_duplicates {
            return;
        }
        stop_email_search(host);
        let search = run(Box::pin(async move {
            // A failed search shows nothing and blocks nothing.
            let Ok(Some(contact)) = live::contact_with_email(&session, &email).await else {
                return;
            };
            let _ = host.try_with_value(|h| h.search.take());
            let current =
                state.with_untracked(|s| s.draft.values[Field::Email].trim().to_ascii_lowercase());
            if current == email {
                duplicate.set(Some((email, contact.display_name())));
                emit(WidgetEvent::Duplicate(&contact));
            }
        }));
        host.with_value(|h| h.search.set(search));
    };
    let email_hooks = EmailHooks {
        changed: Arc::new(email_changed),
        left: Arc::new(email_left),
        warning: check_duplicates.then(|| -> Arc<dyn Fn() -> String + Send + Sync> {
            let texts = texts.clone();
            Arc::new(move || {
                duplicate.with(|d| {
                    d.as_ref()
                        .map(|(_, name)| texts.fill(Text::DuplicateEmail, &[("name", name)]))
                        .unwrap_or_default()
                })
            })
        }),
    };
    // The names of the accounts the host prefilled, when they can be found.
    let name_prefilled_accounts = move || {
        if state.is_disposed() {
            return; // the form is gone
        }
        let ids =
            state.with_untracked(|s| validate::account_id_list(&s.draft.values[Field::AccountIds]));
        let Some((session, accounts)) =
            host.try_with_value(|h| (h.options.session(), h.options.account_search.clone()))
        else {
            return;
        };
        let shown = accounts_shown != Show::Hidden;
        if ids.is_empty() || !shown || matches!(accounts, AccountSearch::Off) {
            return;
        }
        background(Box::pin(async move {
            let found = live::accounts_by_id(&accounts, &session, &ids).await;
            picker.learn(&found);
        }));
    };

    // The submit, and everything that decides what the person sees of it. A create whose reply
    // was lost is checked with a search before anything is sent again; offline, the contact
    // waits for the connection; after a 429, "Try again" counts down.
    let submit_now = StoredValue::new_local(None::<Rc<dyn Fn()>>);
    let submit = move || {
        if let Some(Some(submit)) = submit_now.try_get_value() {
            submit();
        }
    };
    // Offline: the form waits for the `online` event, then submits what it holds.
    let wait_for_connection = move || {
        if host.is_disposed() {
            return; // the form is gone
        }
        let online = window_event_listener(leptos::ev::online, move |_| submit());
        host.with_value(|h| {
            if let Some(earlier) = h.online.replace(Some(online)) {
                earlier.remove();
            }
        });
        announcement.set(String::new());
        phase.set(Phase::Offline);
    };
    // After a 429 that names a wait: "Try again" counts it down (the alert said how long, once).
    let wait_left = RwSignal::new(0u64);
    // Counted against the clock, not by ticks: a background tab's timers run late.
    let count_down = move |secs: u64| {
        wait_left.set(secs);
        let deadline = js_sys::Date::now() + secs as f64 * 1000.0;
        let task = run(Box::pin(async move {
            loop {
                let left = ((deadline - js_sys::Date::now()) / 1000.0).ceil().max(0.0);
                wait_left.try_set(left as u64);
                if left <= 0.0 {
                    break;
                }
                let to_next = (deadline - js_sys::Date::now()).rem_euclid(1000.0);
                crate::session::sleep(Duration::from_millis(to_next as u64 + 1)).await;
            }
        }));
        host.with_value(|h| {
            if let Some(earlier) = h.countdown.replace(task) {
                earlier.abort();
            }
        });
    };
    submit_now.set_value(Some(Rc::new(move || {
        if state.is_disposed() {
            return;
        }
        if phase.with_untracked(|p| matches!(p, Phase::Sending | Phase::Created))
            || wait_left.get_untracked() > 0
        {
            return;
        }
        let Some(result) = state.try_update(FormState::submit) else {
            return;
        };
        let Some(texts) = host.try_with_value(|h| {
            h.stop_waiting();
            h.options.texts.clone()
        }) else {
            return;
        };
        let body = match result {
            Ok(body) => body,
            Err(errors) => {
                phase.set(Phase::Editing);
                announcement.set(invalid_fields_summary(errors.len(), &texts));
                if let Some((first, _)) = errors.first() {
                    focus_target(first);
                }
                let messages = state.with_untracked(|s| s.messages(&errors, &texts));
                emit(WidgetEvent::Error(&WidgetError::from_validation(
                    messages, &texts,
                )));
                return;
            }
        };
        // Offline: nothing is sent (and no submit reported) until the connection is back.
        if offline() {
            wait_for_connection();
            return;
        }
        if phase.with_untracked(|p| *p == Phase::Offline) {
            phase.set(Phase::Editing); // a host that stops this submit leaves an editable form
        }
        if !emit(WidgetEvent::Submit(&body)) {
            return;
        }
        let Some(session) = host.try_with_value(|h| h.options.session()) else {
            return; // unmounted by the submit listener
        };
        let (abort, registration) = AbortHandle::new_pair();
        host.with_value(|h| h.in_flight.set(Some(abort)));
        phase.set(Phase::Sending);
        announcement.set(texts.get(Text::Sending).into());
        let email = body.email.clone();
        spawn_local(async move {
            // The contact a create of this email since `since` made, if the search finds it.
            let created_since = |since| live::created_since(&session, &email, since);
            let create = async {
                // An earlier create of this email may have worked though its reply was lost.
                let lost = host.with_value(|h| h.lost_reply_since(&email));
                if let Some(since) = lost {
                    if let Ok(Some(contact)) = created_since(since).await {
                        return Ok((contact, true));
                    }
                }
                let left = js_sys::Date::now();
                let request = ApiRequest::create(&body)?;
                let sent = session.send(&request).await;
                let error = match sent.and_then(|answer| answer.created_contact()) {
                    Ok(created) => return Ok((created, false)),
                    Err(error) => error,
                };
                // No readable reply, or a 409 after such a reply: did it create the contact?
                let unknown = error.outcome_unknown();
                let ours = error.is_conflict() && lost.is_some();
                if !(unknown || ours) {
                    return Err(error);
                }
                let since = host.with_value(|h| h.reply_lost(&email, left));
                if unknown && offline() {
                    return Err(error);
                }
                match created_since(since).await {
                    Ok(Some(contact)) => Ok((contact, true)),
                    Ok(None) => Err(error.not_found_after()),
                    Err(_) => Err(error),
                }
            };
            // After an unmount nothing of this runs: no token is awaited, nothing is sent.
            let Ok(result) = Abortable::new(create, registration).await else {
                return;
            };
            if phase.is_disposed() {
                return;
            }
            host.with_value(|h| h.in_flight.set(None));
            match result {
                Ok((mut created, recovered)) => {
                    created.recovered = recovered;
                    host.with_value(|h| {
                        h.lost_reply.take();
                        h.limited_in_a_row.set(0);
                        h.forget_draft();
                    });
                    restored.set(false);
                    let name = created.display_name();
                    announcement.set(
                        texts.fill(Text::Created, &[("name", &name), ("email", &created.email)]),
                    );
                    // The form behind the "Add another" panel starts again, so that nothing
                    // re-sends the created contact by mistake.
                    state.update(FormState::clear);
                    duplicate.set(None);
                    picker.suggested.set(None);
                    phase.set(Phase::Created);
                    emit(WidgetEvent::Created(&created));
                    focus(".thena-add-another".into());
                }
                // The connection went while sending: this request ends as a network error
                // (its one outcome), and the contact is sent again once the connection is back.
                Err(error) if error.outcome_unknown() && offline() => {
                    wait_for_connection();
                    let mut reported = WidgetError::from_api(&error, Vec::new(), &texts);
                    reported.message = texts.get(Text::Offline).to_string();
                    emit(WidgetEvent::Error(&reported));
                }
                Err(mut error) => {
                    let limited = host.with_value(|h| {
                        let in_a_row = h.limited_in_a_row.get();
                        let limited = matches!(error, ApiError::RateLimited { .. });
                        h.limited_in_a_row
                            .set(if limited { in_a_row + 1 } else { 0 });
                        in_a_row
                    });
                    error = error.with_backoff(limited);
                    announcement.set(String::new());
                    state.with_untracked(|s| error.claim_custom_fields(s.custom_names()));
                    if let Some(target) =
                        state.try_update(|s| s.show_server_errors(&error)).flatten()
                    {
                        focus_target(&target);
                    }
                    let messages =
                        state.with_untracked(|s| s.messages(error.field_errors(), &texts));
                    let reported = WidgetError::from_api(&error, messages, &texts);
                    phase.set(Phase::Failed(reported.message.clone(), error.retryable()));
                    if let Some(secs) = error.countdown() {
                        count_down(secs);
                    }
                    emit(WidgetEvent::Error(&reported));
                }
            }
        });
    })));

    // During a request the values and errors go back, but the request goes on and reports
    // its outcome: only one request at a time, and none dropped without a word.
    let reset = move || {
        state.try_update(FormState::clear);
        duplicate.try_set(None);
        picker.suggested.try_set(None);
        let _ = host.try_with_value(|h| {
            h.searched.borrow_mut().clear();
            // A lost reply stays on record: the same email sent again is checked first.
            h.stop_waiting();
            h.forget_draft();
        });
        restored.try_set(false);
        let sending = phase.try_with_untracked(|p| matches!(p, Phase::Sending));
        if sending == Some(false) {
            phase.try_set(Phase::Editing);
            announcement.try_set(String::new());
        }
    };
    if let Some(control) = control {
        control.attach(Controls {
            state,
            show: show.clone(),
            texts: texts.clone(),
            reset: Rc::new(reset),
            // Waiting for the connection counts: a remount would drop the wait.
            sending: Rc::new(move || {
                phase
                    .try_with_untracked(|p| matches!(p, Phase::Sending | Phase::Offline))
                    .unwrap_or(false)
            }),
        });
    }
    // The first field the person can type into.
    let first_editable = Field::ALL
        .into_iter()
        .find(|field| show[*field] == Show::Editable);
    let add_another = move |_| {
        phase.set(Phase::Editing);
        announcement.set(String::new());
        if let Some(field) = first_editable {
            focus(field.selector());
        }
    };
    // The unsent draft: written once typing pauses for a moment (what to keep is worked out
    // then, not on every keystroke); forgotten when the form holds the host's values again.
    if host.with_value(|h| h.draft.is_some()) {
        let pagehide = window_event_listener(leptos::ev::pagehide, move |_| {
            let _ = host.try_with_value(|h| h.save_draft_now(state));
        });
        host.with_value(|h| h.pagehide.set(Some(pagehide)));
        Effect::new(move |_| {
            state.track();
            let write = move || {
                let kept = host.try_with_value(|h| {
                    h.draft_timer.take();
                    h.write_draft(state)
                });
                if kept == Some(false) {
                    // The host's values again: nothing restored is left to discard.
                    restored.try_set(false);
                }
            };
            let _ = host.try_with_value(|h| {
                h.cancel_draft_save();
                h.draft_timer
                    .set(set_timeout_with_handle(write, DRAFT_SAVE_DELAY).ok());
            });
        });
    }
    // "Discard": the host's values again, and no draft.
    let discard = move |_| {
        let _ = host.try_with_value(Host::forget_draft);
        state.update(FormState::clear);
        restored.set(false);
        if let Some(field) = first_editable {
            focus(field.selector());
        }
    };

    // Ready once the view is in the DOM: mounting finishes before this microtask runs. The
    // organization's data is asked for then, so that what it reports comes after `ready`.
    queue_microtask(move || {
        emit(WidgetEvent::Ready);
        load_contact_types();
        load_custom_fields();
        name_prefilled_accounts();
    });

    let sending = move || phase.with(|p| matches!(p, Phase::Sending));
    // What the alert above the button shows: a failure's message, with "Try again" when it can
    // help; offline, that the contact waits for the connection, with "Don't send".
    let alert = {
        let offline = texts.get(Text::Offline).to_string();
        move || {
            phase.with(|p| match p {
                Phase::Failed(message, true) => ("retry", message.clone()),
                Phase::Failed(message, false) => ("message", message.clone()),
                Phase::Offline => ("offline", offline.clone()),
                _ => ("none", String::new()),
            })
        }
    };
    let alert_shown = alert.clone();
    let waiting = move || wait_left.with(|left| *left > 0);
    // "Don't send": the form stops waiting for the connection and stays as it is.
    let cancel = move |_| {
        let _ = host.try_with_value(Host::stop_waiting);
        phase.set(Phase::Editing);
        focus(".thena-submit".into());
    };
    // The custom fields, rendered again only when they arrive (`custom_fields` changes), not on
    // every keystroke.
    let custom_rows = {
        let (prefix, texts) = (prefix.clone(), texts.clone());
        move || {
            let fields: Vec<_> = state.with_untracked(|s| {
                s.draft
                    .custom
                    .iter()
                    .map(|entry| entry.field.clone())
                    .collect()
            });
            custom_fields.track();
            let how = host
                .try_with_value(|h| {
                    fields
                        .iter()
                        .map(|f| h.options.custom_field_show(f.definition.slug()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            fields
                .into_iter()
                .zip(how)
                .enumerate()
                .map(|(index, (field, how))| {
                    custom::custom_row(index, field, &prefix, state, how, &texts)
                })
                .collect_view()
        }
    };
    // A note per piece of live data that is loading or could not be loaded, with a way to load
    // it again.
    type Shown = fn(&Live<Rc<Vec<ContactType>>>, &Live<()>) -> bool;
    let note = |shown: Shown, text: Text, retry: Option<Rc<dyn Fn()>>| {
        let shown =
            move || contact_types.with(|types| custom_fields.with(|fields| shown(types, fields)));
        view! {
            <p class="thena-live-note" hidden=move || !shown()>
                {texts.get(text).to_string()}
                {retry.map(|retry| view! {
                    " "
                    <button type="button" class="thena-load-again" on:click=move |_| retry()>
                        {texts.get(Text::LoadAgain).to_string()}
                    </button>
                })}
            </p>
        }
    };
    let live_notes = (
        note(|_, fields| *fields == Live::Loading, Text::Loading, None),
        note(
            |types, _| *types == Live::Failed,
            Text::ContactTypesFailed,
            Some(Rc::new(load_contact_types)),
        ),
        note(
            |_, fields| *fields == Live::Failed,
            Text::CustomFieldsFailed,
            Some(Rc::new(load_custom_fields)),
        ),
    );

    view! {
        <div
            class="thena-add-contact"
            id=prefix.clone()
            node_ref=root
            data-state=move || phase.with(Phase::name)
            data-theme=theme.name()
            lang=locale.tag()
            dir=if locale.is_rtl() { "rtl" } else { "ltr" }
        >
            // Which of the form and the "Add another" panel shows follows data-state (in the CSS).
            <form
                class="thena-form"
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }
            >
                <p class="thena-draft" hidden=move || !restored.get()>
                    {texts.get(Text::DraftRestored).to_string()}
                    " "
                    <button type="button" class="thena-discard" on:click=discard>
                        {texts.get(Text::DraftDiscard).to_string()}
                    </button>
                </p>
                {Field::ALL.map(|field| {
                    if field == Field::AccountIds {
                        return Either::Right(accounts::accounts_row(
                            &prefix, state, show[field], &texts, host, picker,
                        ));
                    }
                    let hooks = (field == Field::Email).then(|| email_hooks.clone());
                    let types = (field == Field::ContactType).then_some(contact_types);
                    Either::Left(field_row(field, &prefix, state, show[field], &texts, hooks, types))
                })}
                {custom_rows}
                // What is still loading, or could not be loaded (with a way to load it again).
                <div class="thena-live" aria-live="polite">{live_notes}</div>
                // data-shown: nothing, the message, the message and "Try again", or the offline
                // message and "Don't send" (see the CSS).
                // Only the message is the live region: the countdown on the button must not be
                // announced every second.
                <div class="thena-alert" data-shown=move || alert_shown().0>
                    <p class="thena-alert-message" role="alert">{move || alert().1}</p>
                    <button
                        type="button"
                        class="thena-retry"
                        aria-disabled=move || if waiting() { "true" } else { "false" }
                        on:click=move |_| submit()
                    >
                        {texts.get(Text::Retry).to_string()}
                        // Seen, not spoken: a focused button whose name changed every second
                        // would be read out every second.
                        <span class="thena-wait" aria-hidden="true">
                            {
                                let texts = texts.clone();
                                move || match wait_left.get() {
                                    0 => String::new(),
                                    left => texts.fill(Text::RetryIn, &[("seconds", &texts.duration(left, TimeUnit::Second, true))]),
                                }
                            }
                        </span>
                    </button>
                    <button type="button" class="thena-cancel" on:click=cancel>
                        {texts.get(Text::OfflineCancel).to_string()}
                    </button>
                </div>
                <button
                    type="submit"
                    class="thena-submit"
                    aria-disabled=move || if sending() || waiting() { "true" } else { "false" }
                >
                    {
                        let (idle, busy) = (
                            texts.get(Text::Submit).to_string(),
                            texts.get(Text::Sending).to_string(),
                        );
                        move || if sending() { busy.clone() } else { idle.clone() }
                    }
                </button>
            </form>
            <p class="thena-status" role="status" aria-live="polite">
                {move || announcement.get()}
            </p>
            <div class="thena-success">
                <button type="button" class="thena-add-another" on:click=add_another>
                    {texts.get(Text::AddAnother).to_string()}
                </button>
            </div>
        </div>
    }
}

/// Stops the email search under way.
fn stop_email_search(host: StoredValue<Host, LocalStorage>) {
    let _ = host.try_with_value(|h| {
        if let Some(search) = h.search.take() {
            search.abort();
        }
    });
}

/// What the email row adds: the duplicate check's hooks and its warning.
#[derive(Clone)]
struct EmailHooks {
    changed: Arc<dyn Fn() + Send + Sync>,
    left: Arc<dyn Fn() + Send + Sync>,
    /// The duplicate warning, unless the host turned the check off.
    warning: Option<Arc<dyn Fn() -> String + Send + Sync>>,
}

/// One field: label, hint, input, error (and the email's duplicate warning).
fn field_row(
    field: Field,
    prefix: &str,
    state: RwSignal<FormState, LocalStorage>,
    show: Show,
    texts: &Texts,
    email: Option<EmailHooks>,
    contact_types: Option<RwSignal<Live<Rc<Vec<ContactType>>>, LocalStorage>>,
) -> impl IntoView {
    let id = format!("{prefix}-{}", field.json_name());
    let error_id = format!("{id}-error");
    let warning_id = format!("{id}-warning");
    let hint = texts.hint(field).to_string();
    let hint_id = (!hint.is_empty()).then(|| format!("{id}-hint"));
    let read_only = show == Show::ReadOnly;
    let has_error = move || state.with(|s| s.shown[field].is_some());
    let message = error_text(state, field, texts);
    let invalid = move || if has_error() { "true" } else { "false" };
    let warning = email.as_ref().and_then(|hooks| hooks.warning.clone());
    // The hint always; the error and the warning while there is one.
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        let warning_id = warning_id.clone();
        let warning = warning.clone();
        move || {
            let mut ids: Vec<&str> = hint_id.iter().map(String::as_str).collect();
            if has_error() {
                ids.push(&error_id);
            }
            if warning.as_ref().is_some_and(|w| !w().is_empty()) {
                ids.push(&warning_id);
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let value = move || state.with(|s| s.draft.values[field].clone());
    let on_input = {
        let changed = email.as_ref().map(|hooks| hooks.changed.clone());
        move |ev: web_sys::Event| {
            if state.is_disposed() {
                return;
            }
            let value = event_target_value(&ev);
            // Only a change is written: an email input whose value the browser trims (a
            // trailing space) must not get the trimmed value written back over what is typed.
            if state.with_untracked(|s| s.draft.values[field] != value) {
                state.update(|s| s.input(field, value));
                if let Some(changed) = &changed {
                    changed();
                }
            }
        }
    };
    let on_blur = {
        let left = email.as_ref().map(|hooks| hooks.left.clone());
        move |_| {
            if state.is_disposed() {
                return; // an input removed with the form while it had focus
            }
            state.update(|s| s.blur(field));
            if let Some(left) = &left {
                left();
            }
        }
    };
    let control = match contact_types {
        Some(types) => Either::Left(contact_type_select(
            &id,
            state,
            types,
            read_only,
            (invalid, described_by),
            texts,
        )),
        None => Either::Right(view! {
            <input
                id=id.clone()
                name=field.json_name()
                type=field.input_type()
                autocomplete=field.autocomplete()
                dir=field.dir()
                spellcheck="false"
                required=field.required()
                readonly=read_only
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
                on:blur=on_blur
            />
        }),
    };
    view! {
        // Required fields get their "*" from the CSS; a field without a hint has an empty one.
        // A hidden field stays out of sight, out of the tab order and out of the accessibility
        // tree.
        <div
            class=if field.required() { "thena-field thena-field--required" } else { "thena-field" }
            hidden=show == Show::Hidden
        >
            <label for=id.clone()>{texts.label(field).to_string()}</label>
            <p class="thena-hint" id=hint_id.clone()>{hint}</p>
            {control}
            <p class="thena-error" id=error_id>{message}</p>
            {warning.map(|warning| view! {
                // A line kept for it, so that its arrival moves no field the person is in.
                <p class="thena-warning" id=warning_id>{move || warning()}</p>
            })}
        </div>
    }
}

/// The text of the error shown under a built-in field (empty while there is none).
fn error_text(
    state: RwSignal<FormState, LocalStorage>,
    field: Field,
    texts: &Texts,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let texts = texts.clone();
    move || {
        state.with(|s| {
            s.shown[field]
                .as_ref()
                .map(|e| e.message(field, &texts))
                .unwrap_or_default()
        })
    }
}

/// A select's options, each with its value and the text shown, the one with `chosen` selected.
fn option_views(choices: Vec<(String, String)>, chosen: &str) -> impl IntoView {
    choices
        .into_iter()
        .map(|(value, name)| {
            let selected = value == chosen;
            view! { <option value=value prop:selected=selected>{name}</option> }
        })
        .collect_view()
}

/// The contact types by name; the chosen one's id is sent. The first option leaves the field
/// out (the organization's default applies) unless the organization marks a default. While the
/// types load, and when they are off or could not be loaded, the list holds that first option
/// and the host's id, if it gave one.
fn contact_type_select(
    id: &str,
    state: RwSignal<FormState, LocalStorage>,
    types: RwSignal<Live<Rc<Vec<ContactType>>>, LocalStorage>,
    read_only: bool,
    (invalid, described_by): (
        impl Fn() -> &'static str + Send + Sync + 'static,
        impl Fn() -> Option<String> + Send + Sync + 'static,
    ),
    texts: &Texts,
) -> impl IntoView {
    let field = Field::ContactType;
    let (loading, default) = (
        texts.get(Text::Loading).to_string(),
        texts.get(Text::ContactTypeDefault).to_string(),
    );
    let choices = move || {
        let chosen = state.with(|s| s.draft.values[field].clone());
        let mut choices: Vec<(String, String)> = Vec::new();
        types.with(|types| match types {
            Live::Loading => choices.push((String::new(), loading.clone())),
            Live::Ready(types) => {
                if !types.iter().any(|t| t.is_default) {
                    choices.push((String::new(), default.clone()));
                }
                choices.extend(types.iter().map(|t| (t.id.clone(), t.value.clone())));
            }
            Live::Failed | Live::Off => {
                choices.push((String::new(), default.clone()));
                if !chosen.is_empty() {
                    choices.push((chosen.clone(), chosen.clone()));
                }
            }
        });
        option_views(choices, &chosen)
    };
    view! {
        // A read-only choice cannot be changed: a select has no readonly, so it is disabled.
        <select
            id=id.to_string()
            name=field.json_name()
            autocomplete="off"
            disabled=move || read_only || types.with(|t| *t == Live::Loading)
            aria-invalid=invalid
            aria-describedby=described_by
            on:change=move |ev| {
                let value = event_target_value(&ev);
                state.update(|s| s.input(field, value));
            }
        >
            {choices}
        </select>
    }
}
