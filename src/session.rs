//! Requests as the signed-in person: the host's token (asked for before every request, and once
//! more after a 401 when the host can refresh it), the timeouts, and abort on drop. The create,
//! the organization's live data and the duplicate search all go through [`Session::send`].

use crate::api::{self, Answer, ApiConfig, ApiError, ApiRequest};
use crate::form::TokenSource;
use futures::channel::oneshot;
use futures::future::{self, Either as Winner};
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where, as whom, and how long to wait.
#[derive(Clone)]
pub struct Session {
    /// Where the requests go, and for which organization.
    pub api: ApiConfig,
    /// The signed-in person's bearer token.
    pub token: TokenSource,
    /// How long a request may take, from sending to the end of the reply.
    pub request_timeout: Duration,
    /// How long the token source may take; after that, the request is not sent (`unauthorized`).
    pub token_timeout: Duration,
}

impl Session {
    /// Sends `request` with the host's token; after a 401, asks a refreshing token source again
    /// and retries once. Dropping the future aborts the request on the wire and clears its
    /// timers.
    pub async fn send(&self, request: &ApiRequest) -> Result<Answer, ApiError> {
        let controller = AbortOnDrop(web_sys::AbortController::new().ok());
        let signal = controller.0.as_ref().map(web_sys::AbortController::signal);
        let mut retried = false;
        loop {
            let Some(token) = within(self.token_timeout, self.token.get()).await.flatten() else {
                // No token, or none in time: nothing the widget can send.
                return Err(ApiError::Unauthorized { status: None });
            };
            let answer = api::fetch(&self.api, &token, request, signal.as_ref());
            let result =
                within(self.request_timeout, answer)
                    .await
                    .unwrap_or(Err(ApiError::Network {
                        timeout_secs: Some(self.request_timeout.as_secs_f64().ceil() as u64),
                    }));
            let unauthorized = matches!(&result, Ok(answer) if answer.status == 401);
            if retried || !self.token.refreshes() || !unauthorized {
                return result;
            }
            retried = true;
        }
    }
}

/// Aborts its request when dropped: on a timeout, and when the widget is unmounted.
struct AbortOnDrop(Option<web_sys::AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// `future`'s output, or `None` when `limit` passes first.
pub async fn within<T>(limit: Duration, future: impl Future<Output = T>) -> Option<T> {
    match future::select(pin!(future), sleep(limit)).await {
        Winner::Left((output, _)) => Some(output),
        Winner::Right(_) => None,
    }
}

/// A browser timer as a future; dropping it clears the timer and frees its callback.
pub struct Sleep {
    done: oneshot::Receiver<()>,
    timer: Option<(i32, Closure<dyn FnMut()>)>,
}

/// A [`Sleep`] of `duration`, at most about 24.8 days (`setTimeout`'s limit); without a browser
/// window it ends at once.
pub fn sleep(duration: Duration) -> Sleep {
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
