//! A portal's "new customer" page, written with Leptos, with the add-contact form in it.

use leptos::prelude::*;
use std::rc::Rc;
use thena_add_contact::{
    AddContactForm, AddContactOptions, ApiConfig, Field, Show, Theme, TokenSource, WidgetEvent,
};

/// The page: the form for the signed-in agent's organization, the last contact created under it.
#[component]
fn NewCustomer(org_id: String, token: String) -> impl IntoView {
    let last = RwSignal::new(None::<String>);
    let api = match ApiConfig::new("https://platform.thena.ai", &org_id) {
        Ok(api) => api,
        Err(problem) => return view! { <p role="alert">{problem.to_string()}</p> }.into_any(),
    };
    let mut options = AddContactOptions::new(api, TokenSource::fixed(token));
    options.values.values[Field::AccountIds] = "A123".into();
    options.show[Field::AccountIds] = Show::ReadOnly;
    options.theme = Theme::Auto;
    options.on_event = Some(Rc::new(move |event| {
        if let WidgetEvent::Created(contact) = event {
            last.set(Some(contact.display_name()));
        }
        true
    }));
    view! {
        <h1>"New customer"</h1>
        <AddContactForm options />
        <p>{move || last.get().map(|name| format!("Created {name}"))}</p>
    }
    .into_any()
}

fn main() {
    mount_to_body(|| view! { <NewCustomer org_id="org_7Hq2".into() token="token".into() /> });
}
