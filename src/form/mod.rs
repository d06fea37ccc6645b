//! The Leptos component: signals in, events out. Rules live in [`crate::validate`], requests in
//! [`crate::api`], the form's memory in [`state::FormState`].

mod options;
mod state;

pub use options::{
    AddContactOptions, EventHandler, FormControl, Show, TokenFuture, TokenSource, WidgetError,
    WidgetEvent, DEFAULT_TIMEOUT,
};
pub use state::FormState;

use crate::api::{self, ApiConfig, ApiError};
use crate::contact::{CreatedContact, NewContact};
use crate::field::Field;
use crate::texts::{Text, Texts};
use crate::validate::invalid_fields_summary;
use futures::channel::oneshot;
use futures::future::{self, AbortHandle, Abortable, Either as Winner};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use options::Controls;
use std::cell::Cell;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where the form is in its life.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Editing,
    Sending,
    /// The message above the button, and whether "Try again" can help.
    Failed(String, bool),
    Created,
}

impl Phase {
    fn name(&self) -> &'static str {
        match self {
            Phase::Editing => "editing",
            Phase::Sending => "sending",
            Phase::Failed(..) => "failed",
            Phase::Created => "created",
        }
    }
}

/// What the event handlers share that is not `Send` (and so lives in a local stored value).
struct Host {
    options: AddContactOptions,
    /// Stops the submit under way: after unmounting, nothing of it runs again.
    in_flight: Cell<Option<AbortHandle>>,
}

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// The add-contact form, for hosts written in Leptos: one [`AddContactOptions`] in, events out.
/// Mount it with [`leptos::mount::mount_to`] or inside any view. Options that
/// [`AddContactOptions::check`] refuses are shown as that refusal (`role="alert"`), without a
/// form.
///
/// ```
/// use leptos::prelude::*;
/// use std::rc::Rc;
/// use thena_add_contact::api::ApiConfig;
/// use thena_add_contact::form::{AddContactForm, AddContactOptions, TokenSource, WidgetEvent};
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
/// ```
#[component]
pub fn AddContactForm(options: AddContactOptions) -> impl IntoView {
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
    let state = RwSignal::new(FormState::new(options.values.clone()));
    let texts = options.texts.clone();
    let show = options.show.clone();
    let control = options.control.clone();
    let phase = RwSignal::new(Phase::Editing);
    let announcement = RwSignal::new(String::new());
    let root = NodeRef::<leptos::html::Div>::new();
    let host = StoredValue::new_local(Host {
        options,
        in_flight: Cell::new(None),
    });
    // Unmounting stops the submit under way: its token wait, its request (aborted on the wire)
    // and its timers (cleanups run before the owner's values are dropped, so the stored value
    // is still there).
    on_cleanup(move || {
        if let Some(Some(control)) = host.try_with_value(|h| h.options.control.clone()) {
            control.detach();
        }
        if let Some(Some(submit)) = host.try_with_value(|h| h.in_flight.take()) {
            submit.abort();
        }
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

    // Focuses an element of the widget once the DOM shows the latest state (the view updates
    // in microtasks, which all run before a timeout).
    let focus = move |selector: String| {
        set_timeout(
            move || {
                let element = root
                    .try_get_untracked()
                    .flatten()
                    .and_then(|root| root.query_selector(&selector).ok().flatten())
                    // Every selector here names an input, a textarea or a button.
                    .map(|element| element.unchecked_into::<web_sys::HtmlElement>());
                if let Some(element) = element {
                    let _ = element.focus();
                }
            },
            Duration::ZERO,
        );
    };
    let focus_field = move |field: Field| focus(field.selector());

    let submit = move || {
        if phase.with_untracked(|p| matches!(p, Phase::Sending | Phase::Created)) {
            return;
        }
        let Some(result) = state.try_update(FormState::submit) else {
            return;
        };
        let Some(texts) = host.try_with_value(|h| h.options.texts.clone()) else {
            return;
        };
        let body = match result {
            Ok(body) => body,
            Err(errors) => {
                phase.set(Phase::Editing);
                announcement.set(invalid_fields_summary(errors.len(), &texts));
                if let Some((first, _)) = errors.first() {
                    focus_field(*first);
                }
                emit(WidgetEvent::Error(&WidgetError::from_validation(
                    &errors, &texts,
                )));
                return;
            }
        };
        if !emit(WidgetEvent::Submit(&body)) {
            return;
        }
        let Some(request) = host.try_with_value(|h| Request {
            api: h.options.api.clone(),
            token: h.options.token.clone(),
            request_timeout: h.options.request_timeout,
            token_timeout: h.options.token_timeout,
        }) else {
            return; // unmounted by the submit listener
        };
        let (abort, registration) = AbortHandle::new_pair();
        host.with_value(|h| h.in_flight.set(Some(abort)));
        phase.set(Phase::Sending);
        announcement.set(texts.get(Text::Sending).into());
        spawn_local(async move {
            // After an unmount nothing of this runs: no token is awaited, nothing is sent.
            let Ok(result) = Abortable::new(request.send(&body), registration).await else {
                return;
            };
            if phase.is_disposed() {
                return;
            }
            host.with_value(|h| h.in_flight.set(None));
            match result {
                Ok(created) => {
                    let name = created.display_name();
                    announcement.set(
                        texts.fill(Text::Created, &[("name", &name), ("email", &created.email)]),
                    );
                    // The form behind the "Add another" panel starts again, so that nothing
                    // re-sends the created contact by mistake.
                    state.update(FormState::clear);
                    phase.set(Phase::Created);
                    emit(WidgetEvent::Created(&created));
                    focus(".thena-add-another".into());
                }
                Err(error) => {
                    announcement.set(String::new());
                    if let Some(field) =
                        state.try_update(|s| s.show_server_errors(&error)).flatten()
                    {
                        focus_field(field);
                    }
                    let reported = WidgetError::from_api(&error, &texts);
                    phase.set(Phase::Failed(reported.message.clone(), error.retryable()));
                    emit(WidgetEvent::Error(&reported));
                }
            }
        });
    };

    // During a request the values and errors go back, but the request goes on and reports
    // its outcome: only one request at a time, and none dropped without a word.
    let reset = move || {
        state.try_update(FormState::clear);
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
            sending: Rc::new(move || {
                phase
                    .try_with_untracked(|p| matches!(p, Phase::Sending))
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
            focus_field(field);
        }
    };

    // Ready once the view is in the DOM: mounting finishes before this microtask runs.
    queue_microtask(move || {
        emit(WidgetEvent::Ready);
    });

    let sending = move || phase.with(|p| matches!(p, Phase::Sending));
    let failure = move || {
        phase.with(|p| match p {
            Phase::Failed(message, retryable) => Some((message.clone(), *retryable)),
            _ => None,
        })
    };

    view! {
        <div class="thena-add-contact" id=prefix.clone() node_ref=root data-state=move || phase.with(Phase::name)>
            // Which of the form and the "Add another" panel shows follows data-state (in the CSS).
            <form
                class="thena-form"
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }
            >
                {Field::ALL.map(|field| field_row(field, &prefix, state, show[field], &texts))}
                // data-shown: nothing, the message, or the message and "Try again" (see the CSS).
                <div
                    class="thena-alert"
                    role="alert"
                    data-shown=move || match failure() {
                        None => "none",
                        Some((_, false)) => "message",
                        Some((_, true)) => "retry",
                    }
                >
                    <p class="thena-alert-message">
                        {move || failure().map(|(message, _)| message).unwrap_or_default()}
                    </p>
                    <button type="button" class="thena-retry" on:click=move |_| submit()>
                        {texts.get(Text::Retry).to_string()}
                    </button>
                </div>
                <button
                    type="submit"
                    class="thena-submit"
                    aria-disabled=move || if sending() { "true" } else { "false" }
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

/// One field: label, hint, input, error.
fn field_row(
    field: Field,
    prefix: &str,
    state: RwSignal<FormState>,
    show: Show,
    texts: &Texts,
) -> impl IntoView {
    let id = format!("{prefix}-{}", field.json_name());
    let error_id = format!("{id}-error");
    let hint = texts.hint(field).to_string();
    let hint_id = (!hint.is_empty()).then(|| format!("{id}-hint"));
    let read_only = show == Show::ReadOnly;
    let has_error = move || state.with(|s| s.shown[field].is_some());
    let message = {
        let texts = texts.clone();
        move || {
            state.with(|s| {
                s.shown[field]
                    .as_ref()
                    .map(|e| e.message(field, &texts))
                    .unwrap_or_default()
            })
        }
    };
    let invalid = move || if has_error() { "true" } else { "false" };
    // The hint always; the error text while there is one.
    let described_by = {
        let valid = hint_id.clone();
        let invalid = Some(match &hint_id {
            Some(hint_id) => format!("{hint_id} {error_id}"),
            None => error_id.clone(),
        });
        move || {
            if has_error() {
                invalid.clone()
            } else {
                valid.clone()
            }
        }
    };
    let value = move || state.with(|s| s.draft.values[field].clone());
    let on_input = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        // Only a change is written: an email input whose value the browser trims (a trailing
        // space) must not get the trimmed value written back over what is being typed.
        if state.with_untracked(|s| s.draft.values[field] != value) {
            state.update(|s| s.input(field, value));
        }
    };
    let on_blur = move |_| state.update(|s| s.blur(field));
    let control = match field.input_type() {
        Some(input_type) => Either::Left(view! {
            <input
                id=id.clone()
                name=field.json_name()
                type=input_type
                autocomplete=field.autocomplete()
                dir="auto"
                spellcheck="false"
                required=field.required()
                readonly=read_only
                aria-invalid=invalid
                aria-describedby=described_by.clone()
                prop:value=value
                on:input=on_input
                on:blur=on_blur
            />
        }),
        // A textarea, so that a pasted list keeps its line breaks.
        None => Either::Right(view! {
            <textarea
                id=id.clone()
                name=field.json_name()
                rows="3"
                autocomplete=field.autocomplete()
                dir="auto"
                spellcheck="false"
                readonly=read_only
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
                on:blur=on_blur
            ></textarea>
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
        </div>
    }
}

/// One submit's request: where, as whom, how long to wait.
struct Request {
    api: ApiConfig,
    token: TokenSource,
    request_timeout: Duration,
    token_timeout: Duration,
}

impl Request {
    /// Sends the contact with the host's token; after a 401, asks a refreshing token source
    /// again and retries once. Dropping the future aborts the request on the wire and clears
    /// its timers.
    async fn send(&self, body: &NewContact) -> Result<CreatedContact, ApiError> {
        let controller = AbortOnDrop(web_sys::AbortController::new().ok());
        let signal = controller.0.as_ref().map(web_sys::AbortController::signal);
        let mut retried = false;
        loop {
            let Some(token) = within(self.token_timeout, self.token.get()).await.flatten() else {
                // No token, or none in time: nothing the form can send.
                return Err(ApiError::Unauthorized { status: None });
            };
            let created = api::create_contact(&self.api, &token, body, signal.as_ref());
            let result =
                within(self.request_timeout, created)
                    .await
                    .unwrap_or(Err(ApiError::Network {
                        timeout_secs: Some(self.request_timeout.as_secs_f64().ceil() as u64),
                    }));
            let unauthorized = matches!(result, Err(ApiError::Unauthorized { .. }));
            if retried || !self.token.refreshes() || !unauthorized {
                return result;
            }
            retried = true;
        }
    }
}

/// Aborts its request when dropped: on a timeout, and when the form is unmounted.
struct AbortOnDrop(Option<web_sys::AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// `future`'s output, or `None` when `limit` passes first.
async fn within<T>(limit: Duration, future: impl Future<Output = T>) -> Option<T> {
    match future::select(pin!(future), sleep(limit)).await {
        Winner::Left((output, _)) => Some(output),
        Winner::Right(_) => None,
    }
}

/// A browser timer as a future; dropping it clears the timer and frees its callback.
struct Sleep {
    done: oneshot::Receiver<()>,
    timer: Option<(i32, Closure<dyn FnMut()>)>,
}

fn sleep(duration: Duration) -> Sleep {
    let (sender, done) = oneshot::channel();
    let mut sender = Some(sender);
    let callback = Closure::<dyn FnMut()>::new(move || {
        if let Some(sender) = sender.take() {
            let _ = sender.send(());
        }
    });
    // setTimeout takes at most 2^31-1 ms (about 24.8 days); a Rust host may ask for more.
    let ms = duration.as_millis().min(i32::MAX as u128) as i32;
    // Without a timer (no window), the callback is dropped with its sender: the sleep ends at once.
    let timer = web_sys::window()
        .and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    ms,
                )
                .ok()
        })
        .map(|id| (id, callback));
    Sleep { done, timer }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        Pin::new(&mut self.done).poll(cx).map(|_| ())
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let (Some((id, _callback)), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }
}
