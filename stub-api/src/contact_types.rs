//! The organization's contact types: `GET /v1/accounts/attributes?attribute=contact_type`, and
//! which one a create gets.

use crate::platform::{nest_error, param, wrapped, Caller, Params};
use crate::{lock, Shared};
use axum::extract::State;
use axum::response::Response;
use serde_json::Value;

/// `GET /v1/accounts/attributes?attribute=contact_type`: the org's contact types, wrapped.
pub(crate) async fn list(State(stub): State<Shared>, caller: Caller, params: Params) -> Response {
    if param(&params, "attribute") != Some("contact_type") {
        return nest_error(
            400,
            "attribute must be one of the following values: contact_type",
        );
    }
    let types = lock(&stub).org(&caller.org).data.contact_types.clone();
    wrapped("Attributes fetched successfully", types)
}

/// `(contactTypeId, contactType)` of a create: the type with id `given`, or the default type
/// (nulls when none is default); `None` when `given` is not one of `types`.
pub(crate) fn resolve(types: &[Value], given: Option<&str>) -> Option<(Value, Value)> {
    let named = |t: &Value| (t["id"].clone(), t["value"].clone());
    match given {
        Some(id) => types
            .iter()
            .find(|t| t["id"].as_str() == Some(id))
            .map(named),
        None => Some(
            types
                .iter()
                .find(|t| t["isDefault"] == Value::Bool(true))
                .map_or((Value::Null, Value::Null), named),
        ),
    }
}
