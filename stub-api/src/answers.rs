//! The bodies and headers of the stub's misbehaving answers (see `control.rs`): a
//! dropped connection, a body that never ends, a body of a given size, JSON nested deep.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::Response;
use futures_util::StreamExt;
use std::collections::HashMap;
use std::convert::Infallible;

/// A response whose body fails at once: hyper then closes the connection before anything of
/// the response went out, so the client gets no HTTP answer at all.
pub(crate) fn dropped_connection() -> Response {
    let error = std::io::Error::new(
        std::io::ErrorKind::ConnectionAborted,
        "stub-api: connection dropped on purpose",
    );
    let failing: [Result<Bytes, _>; 1] = [Err(error)];
    Response::new(Body::from_stream(futures_util::stream::iter(failing)))
}

/// A body that sends `start` (if anything), then never ends; it is dropped, and the
/// connection closed, when the client goes away.
pub(crate) fn stalled(start: Bytes) -> Body {
    let start = (!start.is_empty()).then_some(Ok::<_, Infallible>(start));
    Body::from_stream(futures_util::stream::iter(start).chain(futures_util::stream::pending()))
}

/// The size of the chunks big bodies are streamed in.
const CHUNK: usize = 64 * 1024;

/// `n` bytes: `{"id":"ct_big","filler":"xxx…x"}`, or the first `n` bytes of it without
/// filler; streamed from static chunks, never built whole.
pub(crate) fn filler_body(n: u64) -> Body {
    const SHORT: &str = r#"{"id":"ct_big","filler":""}"#;
    static FILLER: [u8; CHUNK] = [b'x'; CHUNK];
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    let Some(filler) = n.checked_sub(SHORT.len()) else {
        return Body::from(&SHORT[..n]);
    };
    let (open, close) = SHORT.split_at(SHORT.len() - 2);
    body_of(
        std::iter::once(Bytes::from_static(open.as_bytes()))
            .chain(repeated(&FILLER, filler))
            .chain(std::iter::once(Bytes::from_static(close.as_bytes()))),
    )
}

/// `n` times `[`, then `n` times `]`, streamed from static chunks.
pub(crate) fn deep_json_body(n: u64) -> Body {
    static OPEN: [u8; CHUNK] = [b'['; CHUNK];
    static CLOSE: [u8; CHUNK] = [b']'; CHUNK];
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    body_of(repeated(&OPEN, n).chain(repeated(&CLOSE, n)))
}

/// `total` bytes of `chunk`'s repeated byte, as static slices of at most one chunk.
pub(crate) fn repeated(chunk: &'static [u8; CHUNK], total: usize) -> impl Iterator<Item = Bytes> {
    let (whole, rest) = (total / CHUNK, total % CHUNK);
    std::iter::repeat_n(Bytes::from_static(chunk), whole)
        .chain((rest > 0).then(|| Bytes::from_static(&chunk[..rest])))
}

/// A body streamed from these chunks, one after the other.
pub(crate) fn body_of(chunks: impl Iterator<Item = Bytes>) -> Body {
    // At most a few hundred handles on static chunks: nothing is copied.
    let chunks: Vec<Bytes> = chunks.collect();
    Body::from_stream(futures_util::stream::iter(
        chunks.into_iter().map(Ok::<_, Infallible>),
    ))
}

/// Adds `headers` that HTTP can carry to `response`, then sets its Content-Type to
/// `content_type` (`""`: none) if given.
pub(crate) fn add_headers(
    response: &mut Response,
    headers: &HashMap<String, String>,
    content_type: Option<&str>,
) {
    for (name, value) in headers {
        // Header values come from tests; keep them on one line.
        let value: String = value.chars().filter(|c| !c.is_control()).collect();
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    match content_type {
        None => {}
        Some("") => {
            response.headers_mut().remove(header::CONTENT_TYPE);
        }
        Some(text) => {
            if let Ok(value) = HeaderValue::from_str(text) {
                response.headers_mut().insert(header::CONTENT_TYPE, value);
            }
        }
    }
}
