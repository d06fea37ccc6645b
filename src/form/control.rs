//! How a host reaches a mounted form from outside: reset it, read and set its values.

use super::show::{check_hidden, Show};
use super::store::FormStore;
use crate::i18n::Texts;
use crate::model::field::{Field, FieldMap};
use crate::rules::ContactDraft;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Reaches a mounted form from outside: reset it, read and set its values. Does nothing before
/// the form is mounted or after it is gone, except while the form waits to be shown (for its
/// translation): then what is set is kept and typed in once the form shows.
///
/// # Examples
///
/// ```no_run
/// use leptos::prelude::*;
/// use thena_add_contact::{AddContactForm, AddContactOptions, Field, FormControl};
///
/// #[component]
/// fn NewContactPanel(options: AddContactOptions) -> impl IntoView {
///     let control = FormControl::default();
///     let options = AddContactOptions { control: Some(control.clone()), ..options };
///     let prefill = control.clone();
///     view! {
///         <AddContactForm options />
///         <button on:click=move |_| control.reset()>"Start over"</button>
///         <button on:click=move |_| {
///             let _ = prefill.set_values(&[(Field::Email, "jane@acme.com".into())]);
///         }>"Use Jane's address"</button>
///     }
/// }
/// ```
#[derive(Clone, Default)]
pub struct FormControl(Rc<RefCell<Reach>>);

#[derive(Default)]
enum Reach {
    #[default]
    Detached,
    Waiting(Box<Waiting>),
    Attached(Box<Controls>),
}

/// The form will show with `initial`; `typed` is what the host set meanwhile.
struct Waiting {
    initial: ContactDraft,
    show: FieldMap<Show>,
    texts: Texts,
    typed: Vec<(Field, String)>,
}

/// What a mounted form lends its [`FormControl`].
pub(crate) struct Controls {
    pub store: FormStore,
    pub show: FieldMap<Show>,
    pub texts: Texts,
    /// Back to the host's values (see [`FormControl::reset`]).
    pub reset: UnsyncCallback<()>,
    /// Whether a request is under way, or waits for the connection.
    pub sending: UnsyncCallback<(), bool>,
}

impl FormControl {
    /// The form that starts from `values`, shows its fields as `show` and speaks `texts` will
    /// show once it can: until then, values set are kept.
    #[doc(hidden)]
    pub fn waiting_for(&self, values: &ContactDraft, show: FieldMap<Show>, texts: &Texts) {
        *self.0.borrow_mut() = Reach::Waiting(Box::new(Waiting {
            initial: values.clone(),
            show,
            texts: texts.clone(),
            typed: Vec::new(),
        }));
    }

    pub(crate) fn attach(&self, controls: Controls) {
        let waited = std::mem::replace(
            &mut *self.0.borrow_mut(),
            Reach::Attached(Box::new(controls)),
        );
        if let Reach::Waiting(waited) = waited {
            // Checked when they were set.
            let _ = self.set_values(&waited.typed);
        }
    }

    pub(crate) fn detach(&self) {
        *self.0.borrow_mut() = Reach::Detached;
    }

    fn store(&self) -> Option<FormStore> {
        match &*self.0.borrow() {
            Reach::Attached(c) => Some(c.store),
            _ => None,
        }
    }

    /// Back to the host's values: no errors, the form shown (also after a contact was created).
    pub fn reset(&self) {
        let reset = match &mut *self.0.borrow_mut() {
            Reach::Attached(c) => Some(c.reset),
            Reach::Waiting(waiting) => {
                waiting.typed.clear();
                None
            }
            Reach::Detached => None,
        };
        if let Some(reset) = reset {
            reset.run(());
        }
    }

    /// What the form holds now, `None` once it is gone.
    pub fn values(&self) -> Option<ContactDraft> {
        if let Reach::Waiting(waiting) = &*self.0.borrow() {
            let mut draft = waiting.initial.clone();
            for (field, value) in &waiting.typed {
                draft.values[*field] = value.clone();
            }
            return Some(draft);
        }
        self.store()?.read(|s| s.draft.clone())
    }

    /// Sets fields as if the person typed them: an error shown under a field follows its new
    /// value. Refused (nothing set) when a hidden field would get an invalid value.
    pub fn set_values(&self, values: &[(Field, String)]) -> Result<(), String> {
        let mut draft = self.values().unwrap_or_default();
        for (field, value) in values {
            draft.values[*field] = value.clone();
        }
        let mut reach = self.0.borrow_mut();
        let store = match &mut *reach {
            Reach::Detached => return Ok(()),
            Reach::Waiting(waiting) => {
                check_hidden(&waiting.show, &draft, &waiting.texts)?;
                waiting.typed.extend(values.iter().cloned());
                return Ok(());
            }
            Reach::Attached(c) => {
                check_hidden(&c.show, &draft, &c.texts)?;
                c.store
            }
        };
        drop(reach);
        store.update(|s| {
            for (field, value) in values {
                if s.draft.values[*field] != *value {
                    s.input(*field, value.clone());
                }
            }
        });
        Ok(())
    }

    /// Whether the form is mounted (attached and not yet gone).
    pub fn is_mounted(&self) -> bool {
        matches!(&*self.0.borrow(), Reach::Attached(_))
    }

    /// Whether a request is under way.
    pub fn is_sending(&self) -> bool {
        let sending = match &*self.0.borrow() {
            Reach::Attached(c) => Some(c.sending),
            _ => None,
        };
        sending.is_some_and(|sending| sending.run(()))
    }
}
