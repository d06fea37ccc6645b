//! The parts every field's frame shares, each written once: the label, the hint, the error
//! under the control, and the ids that tie them to it. Labels and hints are isolated (`<bdi>`):
//! an organization's own texts keep their order in a right-to-left form. Each field lays them
//! out in its own `<div>` (or a group's `<fieldset>`) around its control: a frame that took the
//! control as children would make the wasm carry a type-erased view per kind of control.

use crate::form::context::FormCtx;
use crate::form::controllers::Controllers;
use crate::form::store::CustomSignals;
use crate::model::field::Field;
use leptos::prelude::*;

/// The ids of a field's parts, for `for` and `aria-describedby`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldIds {
    /// The control's id.
    pub control: String,
    /// The hint's id; `None` for a field without a hint.
    pub hint: Option<String>,
    /// The error's id.
    pub error: String,
}

impl FieldIds {
    /// The ids of field `name` of the form of `ctx`; `hint` says whether it has one.
    pub fn new(ctx: &FormCtx, name: &str, hint: bool) -> FieldIds {
        let control = ctx.id(name);
        FieldIds {
            hint: hint.then(|| format!("{control}-hint")),
            error: format!("{control}-error"),
            control,
        }
    }

    /// What describes the control: the hint always, the error while there is one, and `more`
    /// (the email's warning while it shows).
    pub fn described_by(&self, has_error: bool, more: Option<&str>) -> Option<String> {
        let error = has_error.then_some(self.error.as_str());
        let ids: Vec<&str> = self
            .hint
            .as_deref()
            .into_iter()
            .chain(error)
            .chain(more)
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The frame's classes: `thena-field`, marked required (the CSS adds the "*"), and `extra`.
pub fn frame_class(required: bool, extra: &str) -> String {
    let mut class = String::from("thena-field");
    if required {
        class.push_str(" thena-field--required");
    }
    if !extra.is_empty() {
        class.push(' ');
        class.push_str(extra);
    }
    class
}

/// A field's label, for its control.
#[component]
pub fn FieldLabel(
    /// The control's id.
    control: String,
    /// The label.
    text: String,
) -> impl IntoView {
    view! {
        <label for=control>
            <bdi>{text}</bdi>
        </label>
    }
}

/// A field's hint (empty, and hidden by the CSS, for none).
#[component]
pub fn FieldHint(
    /// Its id (`None` for none).
    id: Option<String>,
    /// The hint.
    text: String,
) -> impl IntoView {
    view! {
        <p class="thena-hint" id=id>
            <bdi>{text}</bdi>
        </p>
    }
}

/// Whose error an [`ErrorLine`] shows.
#[derive(Clone)]
pub enum ErrorOf {
    /// A built-in field's.
    Field(Field),
    /// A custom field's, named by its label.
    Custom {
        /// What the field holds, and its error.
        signals: CustomSignals,
        /// The field's name, as messages name it.
        label: String,
    },
}

/// The error under a field, in the form's texts (empty, and hidden by the CSS, while there is
/// none).
#[component]
pub fn ErrorLine(
    /// Its id.
    id: String,
    /// Whose error.
    of: ErrorOf,
) -> impl IntoView {
    let ctx = Controllers::get().ctx;
    let (store, texts) = (ctx.store, ctx.texts());
    let text = move || {
        let message = match &of {
            ErrorOf::Field(field) => store.error(*field).map(|e| e.message(*field, &texts)),
            ErrorOf::Custom { signals, label } => {
                signals.error().map(|e| e.custom_message(label, &texts))
            }
        };
        message.unwrap_or_default()
    };
    view! { <p class="thena-error" id=id>{text}</p> }
}
