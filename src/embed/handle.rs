//! The widget's handle as the JavaScript module holds it: `mount_widget` reads the host's
//! options, mounts the form once its language has arrived, and returns the handle whose
//! methods reset, read and set the form, and destroy it.

use super::host_fns::{account_search, dispatch, token_source, Callbacks};
use super::locales;
use super::option_error::{read, OptionError};
use super::options::{ContactValues, FieldName, JsFunction, MountOptions};
use crate::api::{to_js, ApiConfig, TokenSource};
use crate::form::{AddContactForm, AddContactOptions, FormControl, Show, WidgetEvent};
use crate::i18n::Texts;
use js_sys::Function;
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use std::ptr::NonNull;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A mounted widget, as the JavaScript module holds it. The widget stays mounted until
/// `destroy()`, even when the host drops the handle and the garbage collector frees it: a
/// widget must not vanish from a page because nobody kept a variable.
#[wasm_bindgen]
pub struct WidgetHandle {
    /// From `Box::into_raw`, taken back exactly once by `destroy`.
    mounted: Option<NonNull<dyn Any>>,
    control: FormControl,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget and stops a submit under way (its request is aborted, nothing more
    /// is sent). Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            // SAFETY: the pointer came from Box::into_raw in `mount_widget`, taken only here.
            drop(unsafe { Box::from_raw(mounted.as_ptr()) });
        }
    }

    /// Back to the values given at mount: no errors, the form shown (also after a create).
    pub fn reset(&self) {
        self.control.reset();
    }

    /// Sets the fields named, as if typed; refuses what `mount` refuses in `values`, and a
    /// hidden field's invalid value.
    #[wasm_bindgen(js_name = setValues)]
    pub fn set_values(&self, values: JsValue) -> Result<(), JsError> {
        let values: ContactValues = read(values, "values")?;
        if values.custom_field_values.is_some() {
            return Err(OptionError(
                "setValues cannot change customFieldValues; give them to mount".into(),
            )
            .into());
        }
        self.control
            .set_values(&values.fields())
            .map_err(|problem| OptionError(problem).into())
    }

    /// What the form holds (`accountIds` as an array); `null` after `destroy()`.
    #[wasm_bindgen(js_name = getValues)]
    pub fn get_values(&self) -> JsValue {
        self.control
            .values()
            .and_then(|draft| to_js(&ContactValues::from_draft(&draft)).ok())
            .unwrap_or(JsValue::NULL)
    }

    /// Whether a request is under way (the custom element waits for it before remounting).
    #[wasm_bindgen(js_name = isSending)]
    pub fn is_sending(&self) -> bool {
        self.control.is_sending()
    }
}

/// Where the form is: waiting for its language, shown, or gone (destroyed).
enum Shown {
    Waiting,
    Form(Box<dyn Any>),
    Gone,
}

/// The widget as its handle holds it: dropping it unmounts the form, or stops it from showing.
struct Mounted(Rc<RefCell<Shown>>);

impl Drop for Mounted {
    fn drop(&mut self) {
        // Unmounted outside the borrow: the form's cleanup may reach the handle.
        let shown = std::mem::replace(&mut *self.0.borrow_mut(), Shown::Gone);
        if let Shown::Form(form) = shown {
            drop(form);
        }
    }
}

/// Mounts the form, unless the widget was destroyed while it waited. One call site: each
/// mounted view costs its size in the wasm.
fn show(mounted: &RefCell<Shown>, element: web_sys::HtmlElement, options: AddContactOptions) {
    if matches!(*mounted.borrow(), Shown::Waiting) {
        let handle = leptos::mount::mount_to(element, move || {
            view! { <AddContactForm options /> }
        });
        *mounted.borrow_mut() = Shown::Form(Box::new(handle));
    }
}

/// Reads the host's options into the form's; the message of an error names the option.
fn form_options(
    options: MountOptions,
) -> Result<(AddContactOptions, Callbacks, Option<String>), OptionError> {
    let api = ApiConfig::new(&options.api_base, &options.org_id).map_err(|e| OptionError(e.0))?;
    let token = match (options.get_token, options.token) {
        (Some(JsFunction(get_token)), _) => token_source(get_token),
        (None, Some(token)) if !token.trim().is_empty() => TokenSource::fixed(token),
        _ => {
            return Err(OptionError(
                "token (a string) or getToken (a function) is required".into(),
            ))
        }
    };
    let mut form = AddContactOptions::new(api, token);
    form.values = options.values.unwrap_or_default().into_draft();
    for (names, how) in [
        (options.read_only, Show::ReadOnly),
        (options.hidden, Show::Hidden),
    ] {
        for name in names.unwrap_or_default() {
            match name {
                FieldName::Builtin(field) => form.show[field] = how,
                FieldName::Custom(slug) => form.custom_show.push((slug, how)),
            }
        }
    }
    if let Some(given) = options.contact_types {
        form.contact_types = given.definitions("contactTypes")?;
    }
    if let Some(given) = options.custom_fields {
        form.custom_fields = given.definitions("customFields")?;
    }
    if let Some(check) = options.check_duplicates {
        form.check_duplicates = check;
    }
    if let Some(search) = options.search_accounts {
        form.account_search = account_search(search)?;
    }
    // The host's strings for now; laid over the language's texts when mounting.
    form.texts = options.strings.unwrap_or_default();
    form.theme = options.theme.unwrap_or_default();
    if let Some(timeout) = options.request_timeout_ms {
        form.request_timeout = timeout.0;
    }
    if let Some(timeout) = options.token_timeout_ms {
        form.token_timeout = timeout.0;
    }
    form.persist_draft = options.persist_draft;
    form.draft_key = options.draft_key;
    form.check().map_err(OptionError)?;
    let callback = |f: Option<JsFunction>| f.map(|f| f.0);
    let callbacks = Callbacks {
        ready: callback(options.on_ready),
        submit: callback(options.on_submit),
        created: callback(options.on_created),
        error: callback(options.on_error),
        duplicate: callback(options.on_duplicate),
    };
    Ok((form, callbacks, options.locale))
}

/// Mounts the form into `element` with the host's `options` (see the typings' `MountOptions`);
/// throws an Error naming the option when one is wrong, and then mounts nothing. `settled` (for
/// the custom element) is called after a request has ended and reported its outcome, whatever
/// listeners did with the event. `locales` gives a language's translation file: `tag => URL`
/// (without it, `locales/<tag>.json` relative to the page); a language whose file has not
/// arrived yet shows once it has (the handle works meanwhile).
#[wasm_bindgen]
pub fn mount_widget(
    element: JsValue,
    options: JsValue,
    settled: Option<Function>,
    locales: Option<Function>,
) -> Result<WidgetHandle, JsError> {
    let element: web_sys::HtmlElement = element
        .dyn_into()
        .map_err(|_| OptionError("mount needs an HTML element to mount into".into()))?;
    let (mut form, callbacks, locale) = form_options(read(options, "options")?)?;
    let locale = locales::requested(locale.as_deref(), &element);
    let control = FormControl::default();
    form.control = Some(control.clone());
    let (host, mounted) = (element.clone(), control.clone());
    form.on_event = Some(Rc::new(move |event| {
        let ended = matches!(event, WidgetEvent::Created(_) | WidgetEvent::Error(_));
        let allowed = dispatch(&host, &callbacks, &mounted, event);
        if let Some(settled) = settled.as_ref().filter(|_| ended) {
            let _ = settled.call0(&JsValue::NULL);
        }
        allowed
    }));
    let in_language = move |mut form: AddContactOptions, texts: Texts| {
        form.texts = texts.replaced_by(&form.texts);
        form
    };
    // Nothing shows until the language has arrived (or, failing that, English).
    let mounted = Rc::new(RefCell::new(Shown::Waiting));
    match locales::ready(locale, locales.as_ref()) {
        Ok(texts) => show(&mounted, element, in_language(form, texts)),
        Err(file) => {
            control.waiting_for(&form.values, form.show, &form.texts);
            let (load, mounted) = (locales::load(locale, file), mounted.clone());
            // Not leptos's spawn_local: its executor starts with the first mount, which may
            // be this one.
            wasm_bindgen_futures::spawn_local(async move {
                let texts = load.await;
                show(&mounted, element, in_language(form, texts));
            });
        }
    }
    let mounted: Box<dyn Any> = Box::new(Mounted(mounted));
    Ok(WidgetHandle {
        mounted: NonNull::new(Box::into_raw(mounted)),
        control,
    })
}
