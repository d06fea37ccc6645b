//! The Leptos component: signals in, events out. Rules live in [`crate::validate`], requests in
//! [`crate::api`], the form's memory in [`state::FormState`].

mod options;
mod state;

pub(crate) use options::check_hidden;
pub use options::{
    AddContactOptions, EventHandler, FormControl, Show, TokenFuture, TokenSource, WidgetError,
    WidgetEvent,
};
pub use state::FormState;

use crate::api::{self, ApiConfig, ApiError, Created, REQUEST_TIMEOUT_MS};
use crate::contact::NewContact;
use crate::field::Field;
use crate::texts::{Text, Texts};
use crate::validate::invalid_fields_summary;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use options::Controls;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
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

/// The request under way, so that unmounting can abort it and clear its timer.
type InFlight = Rc<Cell<Option<(web_sys::AbortController, Option<TimeoutHandle>)>>>;

/// What the event handlers share that is not `Send` (and so lives in a local stored value).
struct Host {
    options: AddContactOptions,
    in_flight: InFlight,
}

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// The add-contact form, for hosts written in Leptos: one [`AddContactOptions`] in, events out.
/// Mount it with [`leptos::mount::mount_to`] or inside any view.
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
///         if let WidgetEvent::Created(created) = event {
///             leptos::logging::log!("created {}", created.contact.id);
///         }
///         true // false from a Submit event stops the request
///     }));
///     view! { <AddContactForm options /> }.into_any()
/// }
/// ```
#[component]
pub fn AddContactForm(options: AddContactOptions) -> impl IntoView {
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
        in_flight: InFlight::default(),
    });
    // Unmounting aborts a request in flight and clears its timer (cleanups run before the
    // owner's values are dropped, so the stored value is still there).
    on_cleanup(move || {
        if let Some(Some(control)) = host.try_with_value(|h| h.options.control.clone()) {
            control.detach();
        }
        if let Some(Some((controller, timer))) = host.try_with_value(|h| h.in_flight.take()) {
            if let Some(timer) = timer {
                timer.clear();
            }
            controller.abort();
        }
    });
    let emit = move |event: WidgetEvent<'_>| {
        host.try_with_value(|h| h.options.emit(event))
            .unwrap_or(false)
    };

    // Focuses an element of the widget once the DOM shows the latest state (the view updates
    // in microtasks, which all run before a timeout).
    let focus = move |selector: &'static str| {
        set_timeout(
            move || {
                let element = root
                    .try_get_untracked()
                    .flatten()
                    .and_then(|root| root.query_selector(selector).ok().flatten())
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
        let body = match result {
            Ok(body) => body,
            Err(first_invalid) => {
                let errors = state.with_untracked(|s| s.draft.errors());
                let texts = host.with_value(|h| h.options.texts.clone());
                phase.set(Phase::Editing);
                announcement.set(invalid_fields_summary(errors.len(), &texts));
                focus_field(first_invalid);
                emit(WidgetEvent::Error(&WidgetError::from_validation(
                    &errors, &texts,
                )));
                return;
            }
        };
        if !emit(WidgetEvent::Submit(&body)) {
            return;
        }
        let Some((config, token, in_flight, texts)) = host.try_with_value(|h| {
            (
                h.options.api.clone(),
                h.options.token.clone(),
                h.in_flight.clone(),
                h.options.texts.clone(),
            )
        }) else {
            return;
        };
        phase.set(Phase::Sending);
        announcement.set(texts.get(Text::Sending).into());
        spawn_local(async move {
            let result = send(&config, &token, &body, &in_flight).await;
            if phase.is_disposed() {
                return; // unmounted meanwhile
            }
            match result {
                Ok(created) => {
                    let (name, email) = (created.contact.display_name(), &created.contact.email);
                    announcement
                        .set(texts.fill(Text::Created, &[("name", &name), ("email", email)]));
                    // The form behind the "Add another" panel starts again, so that nothing
                    // re-sends the created contact by mistake.
                    state.update(FormState::clear);
                    phase.set(Phase::Created);
                    emit(WidgetEvent::Created(&created));
                    focus(".thena-add-another");
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

    let reset = move || {
        state.try_update(FormState::clear);
        phase.try_set(Phase::Editing);
        announcement.try_set(String::new());
    };
    if let Some(control) = control {
        control.attach(Controls {
            state,
            reset: Rc::new(reset),
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

/// Sends the request with the host's token; after a 401, asks a refreshing token source again
/// and retries once.
async fn send(
    config: &ApiConfig,
    token: &TokenSource,
    body: &NewContact,
    in_flight: &InFlight,
) -> Result<Created, ApiError> {
    let mut retried = false;
    loop {
        let result = match token.get().await {
            Some(token) => send_once(config, &token, body, in_flight).await,
            None => Err(ApiError::Unauthorized),
        };
        if retried || !token.refreshes() || !matches!(result, Err(ApiError::Unauthorized)) {
            return result;
        }
        retried = true;
    }
}

/// Sends the request with a timeout, keeping its controller where unmounting can abort it.
async fn send_once(
    config: &ApiConfig,
    token: &str,
    body: &NewContact,
    in_flight: &InFlight,
) -> Result<Created, ApiError> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(web_sys::AbortController::signal);
    let timed_out = Rc::new(Cell::new(false));
    if let Some(controller) = &controller {
        let timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    controller.abort();
                },
                Duration::from_millis(REQUEST_TIMEOUT_MS.into()),
            )
            .ok()
        };
        in_flight.set(Some((controller.clone(), timer)));
    }
    let result = api::create_contact(config, token, body, signal.as_ref()).await;
    if let Some((_, Some(timer))) = in_flight.take() {
        timer.clear();
    }
    match result {
        Err(ApiError::Network { .. }) if timed_out.get() => {
            Err(ApiError::Network { timed_out: true })
        }
        other => other,
    }
}
