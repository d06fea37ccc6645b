//! The language of a JavaScript host's widget and its translation file. The language is the
//! `locale` option, else the `lang` of the element or its nearest ancestor with one (through
//! shadow roots), else the document's; a language not shipped is English ([`Locale`]). The file,
//! `locales/<tag>.json` beside the module (or where a bundler put it: the module names each
//! file), is fetched once per page however many widgets use it; English is built in and needs
//! none.

use crate::api::session::within;
use crate::i18n::{Locale, Texts};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use js_sys::Function;
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// How long a translation may take to arrive; after that the form shows in English.
const LOAD_TIMEOUT: Duration = Duration::from_secs(5);

type Load = Shared<LocalBoxFuture<'static, Texts>>;

thread_local! {
    /// Each translation file asked for on this page, by URL: loading, or loaded.
    static LOADS: RefCell<Vec<(String, Load)>> = const { RefCell::new(Vec::new()) };
}

/// The language a widget mounted into `element` speaks: `option` (the host's `locale`), else the
/// nearest `lang`.
pub fn requested(option: Option<&str>, element: &web_sys::Element) -> Locale {
    match option {
        Some(tag) => Locale::for_page(Some(tag)),
        None => Locale::for_page(nearest_lang(element).as_deref()),
    }
}

/// The `lang` of `element` or its nearest ancestor with a non-empty one, crossing out of shadow
/// roots to their hosts; then the document's.
fn nearest_lang(element: &web_sys::Element) -> Option<String> {
    let mut at = Some(element.clone());
    while let Some(element) = at {
        if let Some(lang) = element
            .get_attribute("lang")
            .filter(|l| !l.trim().is_empty())
        {
            return Some(lang);
        }
        at = element.parent_element().or_else(|| {
            let root = element.parent_node()?;
            Some(root.dyn_into::<web_sys::ShadowRoot>().ok()?.host())
        });
    }
    // A widget mounted into an element not (yet) in the document.
    let html = web_sys::window()?.document()?.document_element()?;
    html.get_attribute("lang").filter(|l| !l.trim().is_empty())
}

/// The texts of `locale` as they are now: English at once, a translation once it has arrived;
/// until then `Err` with the URL of its file, for [`load`].
pub fn ready(locale: Locale, files: Option<&Function>) -> Result<Texts, String> {
    if locale == Locale::En {
        return Ok(Texts::default());
    }
    let url = file_url(locale, files);
    let arrived = LOADS.with(|loads| {
        loads
            .borrow()
            .iter()
            .find(|(u, _)| *u == url)
            .and_then(|(_, load)| load.peek().cloned())
    });
    arrived.ok_or(url)
}

/// The texts of `locale`, from its file at `url` (once per page). A file that cannot be fetched
/// or read in time gives English, with a warning in the console.
pub fn load(locale: Locale, url: String) -> impl std::future::Future<Output = Texts> {
    LOADS.with(|loads| {
        let mut loads = loads.borrow_mut();
        if let Some((_, load)) = loads.iter().find(|(u, _)| *u == url) {
            return load.clone();
        }
        let load = fetch(url.clone(), locale).boxed_local().shared();
        loads.push((url, load.clone()));
        load
    })
}

/// The URL of `locale`'s file: what `files` (the module's `tag => URL`) answers, else
/// `locales/<tag>.json` relative to the page.
fn file_url(locale: Locale, files: Option<&Function>) -> String {
    files
        .and_then(|files| files.call1(&JsValue::NULL, &locale.tag().into()).ok())
        .and_then(|url| url.as_string())
        .unwrap_or_else(|| format!("locales/{}.json", locale.tag()))
}

async fn fetch(url: String, locale: Locale) -> Texts {
    let read = async {
        let response = gloo_net::http::Request::get(&url).send().await.ok()?;
        if !response.ok() {
            return None;
        }
        let text = response.text().await.ok()?;
        let json = js_sys::JSON::parse(&text).ok()?;
        // Read as a host's `strings` are: the same keys, the same reader.
        super::option_error::read::<Texts>(json, "locale").ok()
    };
    match within(LOAD_TIMEOUT, read).await.flatten() {
        Some(texts) => texts.in_locale(locale),
        None => {
            leptos::logging::warn!(
                "thena-add-contact: the {} texts ({url}) could not be loaded; showing English",
                locale.tag()
            );
            Texts::default()
        }
    }
}
