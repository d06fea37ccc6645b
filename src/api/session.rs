//! Requests as the signed-in person: the host's token ([`TokenSource`], asked for before every
//! request, and once more after a 401 when the host can refresh it), the timeouts, and abort on
//! drop. The create, the organization's live data and the duplicate search all go through
//! [`Session::send`].

use super::config::ApiConfig;
use super::error::ApiError;
use super::fetch::{fetch, Answer};
use super::request::ApiRequest;
use futures::future::{self, Either as Winner};
use gloo_timers::future::TimeoutFuture;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::time::Duration;

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
            let answer = fetch(&self.api, &token, request, signal.as_ref());
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

/// `future`'s output, or `None` when `limit` passes first (a browser timer, cleared when either
/// ends). A limit over `setTimeout`'s (about 24.8 days) waits that long.
pub async fn within<T>(limit: Duration, future: impl Future<Output = T>) -> Option<T> {
    let ms = limit.as_millis().min(i32::MAX as u128) as u32;
    match future::select(pin!(future), TimeoutFuture::new(ms)).await {
        Winner::Left((output, _)) => Some(output),
        Winner::Right(_) => None,
    }
}

/// A future that yields the bearer token, or `None` when the host has none.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{TokenFuture, TokenSource};
///
/// /// The portal's signed-in session, asked for its current token.
/// fn current_token() -> TokenFuture {
///     Box::pin(async { Some("eyJhbGciOiJIUzI1NiJ9.current".to_string()) })
/// }
///
/// let token = TokenSource::from_fn(current_token);
/// assert!(token.refreshes());
/// ```
pub type TokenFuture = Pin<Box<dyn Future<Output = Option<String>>>>;

/// Where the bearer token comes from: asked for before every request, so a host can refresh it.
///
/// # Examples
///
/// ```
/// use thena_add_contact::TokenSource;
///
/// /// The portal's own refresh (a request to its backend in a real page).
/// async fn refresh_token() -> Option<String> {
///     Some("eyJhbGciOiJIUzI1NiJ9.fresh".to_string())
/// }
///
/// // Asked before every request, and once more after a 401.
/// let tokens = TokenSource::from_fn(|| Box::pin(refresh_token()));
/// assert!(tokens.refreshes());
/// // A fixed token is never asked again: a 401 ends the attempt.
/// assert!(!TokenSource::fixed("eyJhbGciOiJIUzI1NiJ9.static").refreshes());
/// ```
#[derive(Clone)]
pub struct TokenSource {
    get: Rc<dyn Fn() -> TokenFuture>,
    /// A function can hand out a new token: after a 401 it is asked again, once.
    refreshes: bool,
}

impl TokenSource {
    /// The same token every time.
    pub fn fixed(token: impl Into<String>) -> TokenSource {
        let token: String = token.into();
        TokenSource {
            get: Rc::new(move || {
                let token = token.clone();
                Box::pin(async move { Some(token) })
            }),
            refreshes: false,
        }
    }

    /// A function the form calls before every request, and again after a 401.
    pub fn from_fn(get: impl Fn() -> TokenFuture + 'static) -> TokenSource {
        TokenSource {
            get: Rc::new(get),
            refreshes: true,
        }
    }

    /// The token for the next request: the fixed one, or what the function gives.
    pub fn get(&self) -> TokenFuture {
        (self.get)()
    }

    /// Whether a new token can be asked for (made with [`TokenSource::from_fn`]): only then is a
    /// request refused with 401 sent once more.
    pub fn refreshes(&self) -> bool {
        self.refreshes
    }
}
