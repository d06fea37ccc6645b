//! Sending a request with gloo-net: the host's bearer token and the organization as headers, an
//! abort signal, and the reply read to its end (at most [`MAX_BODY_BYTES`]) and parsed by the
//! browser.

use super::config::{is_header_value, ApiConfig};
use super::error::ApiError;
use super::reply::{flat_or_data, interpret_response, ResponseParts};
use super::request::ApiRequest;
use crate::model::contact::CreatedContact;
use wasm_bindgen::{JsCast, JsValue};

/// The most of a reply the widget reads: its replies are a few kilobytes (a page of 100 custom
/// fields is the largest); a longer body is a broken or hostile server's, and reads as no body.
pub const MAX_BODY_BYTES: usize = 2 << 20;

/// A reply, read to the end: the status, the rate-limit headers and the body the browser parsed
/// (`None` when it was not JSON or was cut off).
pub struct Answer {
    /// The HTTP status of the reply.
    pub status: u16,
    retry_after: Option<String>,
    rate_limit_reset: Option<String>,
    body: Option<JsValue>,
}

impl Answer {
    /// The typed outcome: what `read` finds in a 2xx body, or the error.
    pub fn interpret<T>(self, read: impl FnOnce(&JsValue) -> Option<T>) -> Result<T, ApiError> {
        interpret_response(
            ResponseParts {
                status: self.status,
                retry_after: self.retry_after.as_deref(),
                rate_limit_reset: self.rate_limit_reset.as_deref(),
                body: self.body,
            },
            (js_sys::Date::now() / 1000.0) as u64,
            read,
        )
    }

    /// The created contact, flat or wrapped in `data`.
    pub fn created_contact(self) -> Result<CreatedContact, ApiError> {
        self.interpret(flat_or_data)
    }
}

/// Sends `request` with the host page's bearer token; `signal` aborts it. Resolves once the
/// reply has been read. Fails only when no answer came (or the token cannot be sent).
pub async fn fetch(
    config: &ApiConfig,
    token: &str,
    request: &ApiRequest,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Answer, ApiError> {
    let token = token.trim();
    // fetch refuses such header values (gloo-net would throw); a person can only fix this by
    // signing in again.
    if !is_header_value(token) {
        return Err(ApiError::Unauthorized { status: None });
    }
    let network = ApiError::Network { timeout_secs: None };
    let url = format!("{}{}", config.api_base(), request.path);
    let builder = match request.json {
        Some(_) => gloo_net::http::Request::post(&url).header("Content-Type", "application/json"),
        None => gloo_net::http::Request::get(&url),
    }
    .query(
        request
            .query
            .iter()
            .map(|(name, value)| (*name, value.as_str())),
    )
    .header("Authorization", &format!("Bearer {token}"))
    .header("x-org-id", config.org_id())
    .abort_signal(signal);
    let sent = match &request.json {
        Some(json) => builder.body(json.as_str()).map_err(|_| network.clone())?,
        None => builder.build().map_err(|_| network.clone())?,
    };
    let response = sent.send().await.map_err(|_| network)?;
    let headers = response.headers();
    // Parsed by the browser; a reply that is not JSON (or is cut off, or too long) has no body
    // to read.
    let body = read_bounded(&response)
        .await
        .and_then(|text| js_sys::JSON::parse(&text).ok());
    Ok(Answer {
        status: response.status(),
        retry_after: headers.get("retry-after"),
        rate_limit_reset: headers.get("x-ratelimit-reset"),
        body,
    })
}

/// The reply's body as text, if it is at most [`MAX_BODY_BYTES`]: read chunk by chunk, and given
/// up (the rest cancelled) as soon as it is longer.
async fn read_bounded(response: &gloo_net::http::Response) -> Option<String> {
    let reader: web_sys::ReadableStreamDefaultReader =
        response.body()?.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .ok()?;
        let field = |name: &str| js_sys::Reflect::get(&chunk, &name.into()).ok();
        if field("done")?.as_bool() != Some(false) {
            // As `response.text()` decodes: bad bytes replaced, a byte order mark dropped.
            let text = String::from_utf8_lossy(&bytes);
            return Some(text.trim_start_matches('\u{feff}').to_string());
        }
        let chunk: js_sys::Uint8Array = field("value")?.dyn_into().ok()?;
        let start = bytes.len();
        let end = start + chunk.length() as usize;
        if end > MAX_BODY_BYTES {
            let _ = reader.cancel();
            return None;
        }
        bytes.resize(end, 0);
        chunk.copy_to(&mut bytes[start..]);
    }
}
