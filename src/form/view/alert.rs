//! The alert above the button: a failure's message, with "Try again" when it can help (counting
//! down a 429's wait); offline, that the contact waits for the connection, with "Don't send".
//! Only the message is the live region: the countdown on the button must not be announced every
//! second.

use crate::form::controllers::submit::{Phase, Retry};
use crate::form::controllers::Controllers;
use crate::i18n::{Text, TimeUnit};
use leptos::prelude::*;

/// What the alert shows (its `data-shown`; the CSS shows the parts by it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    Nothing,
    Message,
    MessageAndRetry,
    Offline,
}

impl Shown {
    fn of(phase: &Phase) -> Shown {
        match phase {
            Phase::Failed {
                retry: Retry::Offered,
                ..
            } => Shown::MessageAndRetry,
            Phase::Failed { .. } => Shown::Message,
            Phase::Offline => Shown::Offline,
            _ => Shown::Nothing,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Shown::Nothing => "none",
            Shown::Message => "message",
            Shown::MessageAndRetry => "retry",
            Shown::Offline => "offline",
        }
    }
}

/// The alert, its "Try again" and its "Don't send".
#[component]
pub fn Alert() -> impl IntoView {
    let Controllers { ctx, submit, .. } = Controllers::get();
    let offline = ctx.text(Text::Offline);
    let message = move || {
        submit.phase.with(|p| match p {
            Phase::Failed { message, .. } => message.clone(),
            Phase::Offline => offline.clone(),
            _ => String::new(),
        })
    };
    let countdown = submit.countdown;
    let texts = ctx.texts();
    // Seen, not spoken: a focused button whose name changed every second would be read out
    // every second.
    let wait = move || match countdown.left.get() {
        0 => String::new(),
        left => {
            let seconds = texts.duration(left, TimeUnit::Second, true);
            texts.fill(Text::RetryIn, &[("seconds", &seconds)])
        }
    };
    view! {
        <div class="thena-alert" data-shown=move || submit.phase.with(Shown::of).name()>
            <p class="thena-alert-message" role="alert">{message}</p>
            <button
                type="button"
                class="thena-retry"
                aria-disabled=move || if countdown.is_waiting() { "true" } else { "false" }
                on:click=move |_| submit.submit()
            >
                {ctx.text(Text::Retry)}
                <span class="thena-wait" aria-hidden="true">{wait}</span>
            </button>
            <button type="button" class="thena-cancel" on:click=move |_| submit.cancel_offline()>
                {ctx.text(Text::OfflineCancel)}
            </button>
        </div>
    }
}
