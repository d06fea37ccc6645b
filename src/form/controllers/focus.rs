//! Where focus goes: the first field in error after a submit or a refusal, the "Add another"
//! button after a create, back to the form after it. The selectors live here, and only here.

use crate::model::field::{Field, Target};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Moves focus inside one form (which may sit in a shadow root: elements are found from the
/// form's own root, never from the document).
#[derive(Clone, Copy, Default)]
pub struct Focus {
    /// The form's root element.
    pub root: NodeRef<leptos::html::Div>,
}

impl Focus {
    /// The (first) input of a field.
    pub fn field(&self, target: &Target) {
        self.selector(format!("[name=\"{}\"]", target.input_name()));
    }

    /// The first field the person can type into, if any (`editable` says which are).
    pub fn first_editable(&self, editable: impl Fn(Field) -> bool) {
        if let Some(field) = Field::ALL.into_iter().find(|field| editable(*field)) {
            self.field(&Target::Field(field));
        }
    }

    /// The submit button.
    pub fn submit_button(&self) {
        self.selector(".thena-submit".into());
    }

    /// "Add another", after a create.
    pub fn add_another(&self) {
        self.selector(".thena-add-another".into());
    }

    /// Focuses the element `selector` names once the DOM shows the latest state (the view
    /// updates in microtasks, which all run before a timeout).
    fn selector(&self, selector: String) {
        let root = self.root;
        set_timeout(
            move || {
                let element = root
                    .try_get_untracked()
                    .flatten()
                    .and_then(|root| root.query_selector(&selector).ok().flatten())
                    // Every selector here names an input, a select, a textarea or a button.
                    .map(|element| element.unchecked_into::<web_sys::HtmlElement>());
                if let Some(element) = element {
                    let _ = element.focus();
                }
            },
            Duration::ZERO,
        );
    }
}
