//! Every request the widget makes, built in one place: the path under `apiBase`, the query, and
//! the JSON body of the create (made by serde-wasm-bindgen and the browser's `JSON.stringify`).

use super::error::ApiError;
use crate::model::contact::NewContact;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// The create's path under `apiBase`.
pub const CONTACTS_PATH: &str = "/v1/accounts/contacts";

/// A value as JavaScript sees it: `serde_wasm_bindgen::to_value` in its JSON-compatible form
/// (`Serializer::json_compatible()`): plain objects for maps, `null` for nothing, as
/// `JSON.stringify` and the host's event listeners expect.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// A request to the API: a path under `apiBase`, its query parameters, and the JSON body of a
/// POST.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiRequest {
    /// The path under `apiBase`, like [`CONTACTS_PATH`].
    pub path: &'static str,
    /// The query parameters, as (name, value) in order; empty for none.
    pub query: Vec<(&'static str, String)>,
    /// The JSON body of a POST; `None` for a GET.
    pub json: Option<String>,
}

impl ApiRequest {
    /// `GET path?query`.
    pub fn get(path: &'static str, query: Vec<(&'static str, String)>) -> ApiRequest {
        ApiRequest {
            path,
            query,
            json: None,
        }
    }

    /// `POST /v1/accounts/contacts` with the contact.
    pub fn create(body: &NewContact) -> Result<ApiRequest, ApiError> {
        let json = to_js(body)
            .ok()
            .and_then(|body| js_sys::JSON::stringify(&body).ok())
            .and_then(|json| json.as_string())
            .ok_or(ApiError::Network { timeout_secs: None })?;
        Ok(ApiRequest {
            path: CONTACTS_PATH,
            query: Vec::new(),
            json: Some(json),
        })
    }

    /// The organization's contact types: `GET /v1/accounts/attributes?attribute=contact_type`.
    pub fn contact_types() -> ApiRequest {
        ApiRequest::get(
            "/v1/accounts/attributes",
            vec![("attribute", "contact_type".into())],
        )
    }

    /// One page (0-based) of the organization's contact custom fields.
    pub fn custom_fields(page: usize) -> ApiRequest {
        ApiRequest::get(
            "/v1/custom-field",
            vec![
                ("source", "customer_contact".into()),
                ("limit", CUSTOM_FIELDS_PER_PAGE.to_string()),
                ("page", page.to_string()),
            ],
        )
    }

    /// The contacts with this email.
    pub fn contact_search(email: &str) -> ApiRequest {
        ApiRequest::get(
            "/v1/accounts/contacts/search",
            vec![("email", email.into())],
        )
    }

    /// Accounts whose name or primary domain matches `query`, from the platform's search API
    /// (Typesense parameters; the account document's field names are not published, so a reply
    /// of another shape reads as no accounts and the form falls back to typed IDs).
    pub fn account_search(query: &str) -> ApiRequest {
        ApiRequest::get(
            "/v1/search/accounts",
            vec![
                ("q", query.into()),
                ("query_by", "name,primaryDomain".into()),
                ("per_page", ACCOUNT_SUGGESTIONS.to_string()),
            ],
        )
    }

    /// The accounts with these IDs, from the same search API (to show prefilled IDs by name).
    pub fn accounts_by_id(ids: &[String]) -> ApiRequest {
        let quoted: Vec<String> = ids
            .iter()
            .map(|id| format!("`{}`", id.replace('`', "")))
            .collect();
        ApiRequest::get(
            "/v1/search/accounts",
            vec![
                ("q", "*".into()),
                ("query_by", "name".into()),
                ("filter_by", format!("id:[{}]", quoted.join(","))),
                ("per_page", ids.len().to_string()),
            ],
        )
    }
}

/// The most custom fields asked for per page (the `limit` of each request).
pub const CUSTOM_FIELDS_PER_PAGE: usize = 100;
/// The most pages of custom fields read (see [`CUSTOM_FIELDS_PER_PAGE`]).
pub const CUSTOM_FIELD_PAGES: usize = 10;
/// The most accounts a search suggests.
pub const ACCOUNT_SUGGESTIONS: usize = 8;
