//! The frame every field shares, written once: its label (or a group's legend), its hint, the
//! control, the error under it, and what a field adds after that (the email's warning, the
//! account suggestion). Labels and hints are isolated (`<bdi>`): an organization's own texts
//! keep their order in a right-to-left form.

use crate::form::context::FormCtx;
use leptos::either::Either;
use leptos::prelude::*;

/// The ids of a field's parts, for `for`, `aria-describedby` and `aria-errormessage`.
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

/// How a field is framed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Frame {
    /// One control, named by a `<label>`.
    #[default]
    Single,
    /// A group of choices: a `<fieldset>` named by its `<legend>`.
    Group,
}

/// A field's frame: label, hint, the control (`children`), error, and `after`.
#[component]
pub fn FieldShell(
    /// The ids of the field's parts.
    ids: FieldIds,
    /// The label (or legend).
    #[prop(into)]
    label: String,
    /// The hint; empty for none.
    #[prop(into)]
    hint: String,
    /// The error's text (empty while there is none).
    #[prop(into)]
    error: Signal<String>,
    /// Required fields get their "*" from the CSS.
    #[prop(optional)]
    required: bool,
    /// A hidden field stays out of sight, out of the tab order and out of the accessibility
    /// tree.
    #[prop(optional)]
    hidden: bool,
    /// A label or a legend.
    #[prop(optional)]
    frame: Frame,
    /// A group's description (its fieldset carries it).
    #[prop(optional, into)]
    described_by: Signal<Option<String>>,
    /// A class beside `thena-field`.
    #[prop(optional)]
    class: &'static str,
    /// The control.
    children: Children,
    /// What follows the error.
    #[prop(default = None)]
    after: Option<Children>,
) -> impl IntoView {
    let class = match (required, class.is_empty()) {
        (true, true) => "thena-field thena-field--required".to_string(),
        (true, false) => format!("thena-field thena-field--required {class}"),
        (false, true) => "thena-field".to_string(),
        (false, false) => format!("thena-field {class}"),
    };
    let hint = view! {
        <p class="thena-hint" id=ids.hint.clone()>
            <bdi>{hint}</bdi>
        </p>
    };
    let error = view! { <p class="thena-error" id=ids.error.clone()>{move || error.get()}</p> };
    let after = after.map(|after| after());
    match frame {
        Frame::Single => Either::Left(view! {
            <div class=class hidden=hidden>
                <label for=ids.control.clone()>
                    <bdi>{label}</bdi>
                </label>
                {hint}
                {children()}
                {error}
                {after}
            </div>
        }),
        Frame::Group => Either::Right(view! {
            <fieldset class=class hidden=hidden aria-describedby=move || described_by.get()>
                <legend>
                    <bdi>{label}</bdi>
                </legend>
                {hint}
                {children()}
                {error}
                {after}
            </fieldset>
        }),
    }
}
