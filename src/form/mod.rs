//! The Leptos component and everything it is made of. [`AddContactForm`] checks the host's
//! options and shows the form ([`view`](mod@view)), whose parts share one context ([`context`]) and a
//! few controllers ([`controllers`]); what the form knows between events is the plain
//! [`state::FormState`], which [`store`] mirrors into per-field signals.

pub mod context;
pub mod control;
pub mod controllers;
mod draft_store;
pub mod events;
pub mod options;
pub mod show;
pub mod state;
pub mod store;
pub mod view;

pub use control::FormControl;
pub use draft_store::DraftStorage;
pub use events::{EventHandler, WidgetError, WidgetEvent};
pub use options::{AddContactOptions, Definitions, Theme, DEFAULT_TIMEOUT};
pub use show::Show;
pub use state::FormState;

use leptos::either::Either;
use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use view::ContactForm;

/// The add-contact form, for hosts written in Leptos: one [`AddContactOptions`] in, events out.
/// Mount it with [`leptos::mount::mount_to`] or inside any view. Options that
/// [`AddContactOptions::check`] refuses are shown as that refusal (`role="alert"`), without a
/// form.
///
/// # Examples
///
/// ```no_run
/// use leptos::prelude::*;
/// use std::rc::Rc;
/// use thena_add_contact::{AddContactForm, AddContactOptions, ApiConfig, TokenSource, WidgetEvent};
///
/// #[component]
/// fn NewContactPage(org_id: String, token: String) -> impl IntoView {
///     let api = match ApiConfig::new("https://platform.thena.ai", &org_id) {
///         Ok(api) => api,
///         Err(problem) => return view! { <p>{problem.0}</p> }.into_any(),
///     };
///     let mut options = AddContactOptions::new(api, TokenSource::fixed(token));
///     options.on_event = Some(Rc::new(|event| {
///         if let WidgetEvent::Created(contact) = event {
///             leptos::logging::log!("created {}", contact.id);
///         }
///         true // false from a Submit event stops the request
///     }));
///     view! { <AddContactForm options /> }.into_any()
/// }
///
/// fn main() {
///     let (org_id, token) = ("org_7Hq2".to_string(), "eyJhbGciOi…".to_string());
///     mount_to_body(move || view! { <NewContactPage org_id token /> });
/// }
/// ```
#[component]
pub fn AddContactForm(
    /// Where to send, as whom, what to prefill, whom to tell.
    options: AddContactOptions,
) -> impl IntoView {
    match options.check() {
        Ok(()) => {
            // The form's own owner, a child of the caller's (as Leptos's `Provider` makes one):
            // its context is the form's, and the caller's unmount cleans it up explicitly,
            // which stops every task the form started, even one that holds the owner while
            // it waits.
            let owner = Owner::current().unwrap_or_default().child();
            let form = owner.with(|| view! { <ContactForm options /> });
            Either::Left(OwnedView::new_with_owner(form, owner))
        }
        Err(problem) => {
            // What `mount` throws for a JavaScript host; a Rust host sees it where the form
            // would be, and in the console.
            let problem = format!("thena-add-contact: {problem}");
            leptos::logging::error!("{problem}");
            Either::Right(
                view! { <p class="thena-add-contact thena-refused" role="alert">{problem}</p> },
            )
        }
    }
}
