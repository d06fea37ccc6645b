//! The Leptos component: signals in, events out. Rules live in [`crate::validate`], requests in
//! [`crate::api`], the form's memory in [`state::FormState`].

mod options;
mod state;

pub use options::{
    invalid_fields_summary, AddContactOptions, EventHandler, TokenFuture, TokenSource, WidgetError,
    WidgetEvent,
};
pub use state::FormState;

use crate::api::{self, ApiConfig, ApiError, Created, REQUEST_TIMEOUT_MS};
use crate::contact::{CreatedContact, NewContact};
use crate::field::Field;
use crate::validate::split_account_ids;
use leptos::prelude::*;
use leptos::task::{spawn_local, spawn_local_scoped_with_cancellation, tick};
use send_wrapper::SendWrapper;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Where the form is in its life.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Editing,
    Sending,
    Failed(ApiError),
    Created(CreatedContact),
}

impl Phase {
    fn name(&self) -> &'static str {
        match self {
            Phase::Editing => "editing",
            Phase::Sending => "sending",
            Phase::Failed(_) => "failed",
            Phase::Created(_) => "created",
        }
    }
}

/// The request under way, so that unmounting can abort it and clear its timer.
type InFlight = Rc<RefCell<Option<(web_sys::AbortController, Option<TimeoutHandle>)>>>;

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// The add-contact form. Mount it with [`leptos::mount::mount_to`] or inside any Leptos view.
#[component]
pub fn AddContactForm(options: AddContactOptions) -> impl IntoView {
    let prefix = format!("thena-ac-{}", INSTANCES.fetch_add(1, Ordering::Relaxed) + 1);
    let state = RwSignal::new(FormState::new(options.values.clone()));
    let phase = RwSignal::new(Phase::Editing);
    let announcement = RwSignal::new(String::new());
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let add_another_ref = NodeRef::<leptos::html::Button>::new();
    let options = StoredValue::new_local(options);
    let in_flight: InFlight = Rc::default();
    // Weak, so that holding it does not keep the form's owner (and its cleanups) alive.
    let owner = StoredValue::new(Owner::current().map(|o| o.downgrade()));

    on_cleanup({
        let in_flight = SendWrapper::new(in_flight.clone());
        move || {
            if let Some((controller, timer)) = in_flight.borrow_mut().take() {
                if let Some(timer) = timer {
                    timer.clear();
                }
                controller.abort();
            }
        }
    });

    let focus_field = move |field: Field| {
        // After the DOM shows the new aria-invalid / aria-describedby.
        spawn_local(async move {
            tick().await;
            let selector = format!("[data-field=\"{}\"]", field.json_name());
            if let Some(Ok(Some(element))) = form_ref
                .get_untracked()
                .map(|form| form.query_selector(&selector))
            {
                if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    };

    let in_flight = StoredValue::new_local(in_flight);
    let submit = move || {
        if phase.with_untracked(|p| matches!(p, Phase::Sending | Phase::Created(_))) {
            return;
        }
        let Some(result) = state.try_update(FormState::submit) else {
            return;
        };
        let body = match result {
            Ok(body) => body,
            Err(first_invalid) => {
                let errors = state.with_untracked(|s| s.draft.errors());
                phase.set(Phase::Editing);
                announcement.set(invalid_fields_summary(errors.len()));
                focus_field(first_invalid);
                let error = WidgetError::from_validation(&errors);
                options.with_value(|o| o.emit(WidgetEvent::Error(&error)));
                return;
            }
        };
        if !options.with_value(|o| o.emit(WidgetEvent::Submit(&body))) {
            return;
        }
        let Some(owner) = owner.with_value(|o| o.as_ref().and_then(|o| o.upgrade())) else {
            return;
        };
        phase.set(Phase::Sending);
        announcement.set("Adding contact\u{2026}".into());
        let (config, token) = options.with_value(|o| (o.api.clone(), o.token.clone()));
        let in_flight = in_flight.get_value();
        owner.with(|| {
            spawn_local_scoped_with_cancellation(async move {
                let result = match token.get().await {
                    Some(token) => send(&config, &token, &body, &in_flight).await,
                    None => Err(ApiError::Unauthorized),
                };
                match result {
                    Ok(created) => {
                        announcement.set(format!(
                            "Added {} ({}).",
                            created.contact.display_name(),
                            created.contact.email
                        ));
                        phase.set(Phase::Created(created.contact.clone()));
                        options.with_value(|o| o.emit(WidgetEvent::Created(&created)));
                        spawn_local(async move {
                            tick().await;
                            if let Some(button) = add_another_ref.get_untracked() {
                                let _ = button.focus();
                            }
                        });
                    }
                    Err(error) => {
                        announcement.set(String::new());
                        if let Some(field) =
                            state.try_update(|s| s.show_server_errors(&error)).flatten()
                        {
                            focus_field(field);
                        }
                        let reported = WidgetError::from_api(&error);
                        phase.set(Phase::Failed(error));
                        options.with_value(|o| o.emit(WidgetEvent::Error(&reported)));
                    }
                }
            });
        });
    };

    let add_another = move |_| {
        state.update(FormState::clear);
        phase.set(Phase::Editing);
        announcement.set(String::new());
        focus_field(Field::FirstName);
    };

    Effect::new(move |_| {
        options.with_value(|o| o.emit(WidgetEvent::Ready));
    });

    let sending = move || phase.with(|p| matches!(p, Phase::Sending));
    let created = move || phase.with(|p| matches!(p, Phase::Created(_)));
    let failure = move || {
        phase.with(|p| match p {
            Phase::Failed(error) => Some((error.message(), error.retryable())),
            _ => None,
        })
    };

    view! {
        <div class="thena-add-contact" id=prefix.clone() data-state=move || phase.with(Phase::name)>
            <form
                class="thena-form"
                novalidate=true
                node_ref=form_ref
                hidden=created
                aria-busy=move || if sending() { "true" } else { "false" }
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }
            >
                {Field::ALL.map(|field| field_row(field, &prefix, state))}
                <div class="thena-alert" role="alert" class:thena-alert--shown=move || failure().is_some()>
                    {move || failure().map(|(message, retryable)| view! {
                        <p class="thena-alert-message">{message}</p>
                        {retryable.then(|| view! {
                            <button type="button" class="thena-retry" on:click=move |_| submit()>
                                "Try again"
                            </button>
                        })}
                    })}
                </div>
                <button
                    type="submit"
                    class="thena-submit"
                    aria-disabled=move || if sending() { "true" } else { "false" }
                >
                    {move || if sending() { "Adding contact\u{2026}" } else { "Add contact" }}
                </button>
            </form>
            <p class="thena-status" role="status" aria-live="polite">
                {move || announcement.get()}
            </p>
            <div class="thena-success" hidden=move || !created()>
                <button type="button" class="thena-add-another" node_ref=add_another_ref on:click=add_another>
                    "Add another"
                </button>
            </div>
        </div>
    }
}

/// One field: label, hint, input, error.
fn field_row(field: Field, prefix: &str, state: RwSignal<FormState>) -> impl IntoView {
    let id = format!("{prefix}-{}", field.slug());
    let error_id = format!("{id}-error");
    let hint_id = field.hint().map(|_| format!("{id}-hint"));
    let message =
        Memo::new(move |_| state.with(|s| s.shown[field].as_ref().map(|e| e.message(field))));
    let invalid = move || {
        if message.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    };
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let error = message.with(Option::is_some).then(|| error_id.clone());
            let ids: Vec<String> = hint_id.iter().cloned().chain(error).collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    // A memo, so that an input event that leaves the value as it was (a trailing space in an
    // email input, whose value the browser trims) does not write the value back over the typing.
    let value = Memo::new(move |_| state.with(|s| s.draft.values[field].clone()));
    let on_input = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        state.update(|s| s.input(field, value));
    };
    let on_blur = move |_| state.update(|s| s.blur(field));
    let control = match field.input_type() {
        Some(input_type) => view! {
            <input
                id=id.clone()
                name=field.json_name()
                data-field=field.json_name()
                type=input_type
                autocomplete=field.autocomplete()
                dir="auto"
                spellcheck="false"
                required=field.required()
                aria-invalid=invalid
                aria-describedby=described_by.clone()
                prop:value=value
                on:input=on_input
                on:blur=on_blur
            />
        }
        .into_any(),
        None => view! {
            <textarea
                id=id.clone()
                name=field.json_name()
                data-field=field.json_name()
                rows="3"
                autocomplete=field.autocomplete()
                dir="auto"
                spellcheck="false"
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
                on:blur=on_blur
            ></textarea>
        }
        .into_any(),
    };
    view! {
        <div class="thena-field" class:thena-field--invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>
                {field.label()}
                {field.required().then(|| view! { <span class="thena-required" aria-hidden="true">" *"</span> })}
            </label>
            {field.hint().map(|hint| view! { <p class="thena-hint" id=hint_id.clone()>{hint}</p> })}
            {control}
            {(field == Field::AccountIds).then(|| account_chips(state))}
            {move || message.get().map(|text| view! { <p class="thena-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// The account IDs as they will be sent, one chip each; a repeated one is marked.
fn account_chips(state: RwSignal<FormState>) -> impl IntoView {
    let chips = move || {
        state.with(|s| {
            let ids = split_account_ids(&s.draft.values[Field::AccountIds]);
            ids.iter()
                .enumerate()
                .map(|(i, id)| (id.to_string(), ids[..i].contains(id)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ul class="thena-chips" aria-hidden="true">
            {move || chips().into_iter().map(|(id, repeated)| view! {
                <li class="thena-chip" class:thena-chip--repeated=repeated>{id}</li>
            }).collect_view()}
        </ul>
    }
}

/// Sends the request with a timeout, keeping its controller where unmounting can abort it.
async fn send(
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
        *in_flight.borrow_mut() = Some((controller.clone(), timer));
    }
    let result = api::create_contact(config, token, body, signal.as_ref()).await;
    if let Some((_, Some(timer))) = in_flight.borrow_mut().take() {
        timer.clear();
    }
    match result {
        Err(ApiError::Network { .. }) if timed_out.get() => {
            Err(ApiError::Network { timed_out: true })
        }
        other => other,
    }
}
