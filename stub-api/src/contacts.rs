//! Contacts: the platform's create (`POST /v1/accounts/contacts`) and search by email.

use crate::contact_types;
use crate::custom_fields::check_custom_field_values;
use crate::platform::{
    header_text, iso_now, json_response, nest_error, param, Caller, Params, RawBody,
};
use crate::rules::{is_e164, looks_like_email};
use crate::{lock, Shared};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

/// `POST /v1/accounts/contacts`: 201 with the created contact, a NestJS 400 listing every
/// problem (custom field values and contact type included), or 409 for a known email.
pub(crate) async fn create(
    State(stub): State<Shared>,
    caller: Caller,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    if !header_text(&headers, "content-type")
        .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/json"))
    {
        return nest_error(400, "Content-Type must be application/json");
    }
    let body: Value = match serde_json::from_slice(&body) {
        Ok(Value::Object(body)) => Value::Object(body),
        Ok(_) => return nest_error(400, "Request body must be a JSON object"),
        Err(e) => return nest_error(400, format!("Unexpected token in JSON: {e}")),
    };
    let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or_default();
    let mut stub = lock(&stub);
    let org = stub.org(&caller.org);
    let mut problems = check_new_contact(&body);
    let given_type = Some(text("contactType")).filter(|t| !t.is_empty());
    let contact_type = contact_types::resolve(&org.data.contact_types, given_type);
    if contact_type.is_none() {
        problems.push("contactType must be a valid contact type id".into());
    }
    match body.get("customFieldValues") {
        None | Some(Value::Null) => {
            problems.extend(check_custom_field_values(&[], &org.data.custom_fields))
        }
        Some(Value::Array(items)) => {
            problems.extend(check_custom_field_values(items, &org.data.custom_fields))
        }
        // check_new_contact said what is wrong with it.
        Some(_) => {}
    }
    let Some((contact_type_id, contact_type)) = contact_type.filter(|_| problems.is_empty()) else {
        return nest_error(400, Value::from(problems));
    };

    // A 409 uses up an id too, as a database sequence would.
    stub.next_id += 1;
    let id = format!("ct_{:06}", stub.next_id);
    let org = stub.org(&caller.org);
    let email = text("email");
    if org.data.unique_emails
        && org
            .data
            .contacts
            .iter()
            .any(|c| c["email"].as_str().is_some_and(|e| same_email(e, email)))
    {
        return nest_error(409, "Contact with this email already exists");
    }
    let now = iso_now();
    // The reference documents customFieldValues of the answer as string[].
    let custom: Vec<Value> = body
        .get("customFieldValues")
        .and_then(Value::as_array)
        .map(|items| items.iter().map(|v| json!(v.to_string())).collect())
        .unwrap_or_default();
    let contact = json!({
        "id": id,
        "firstName": text("firstName"),
        "lastName": text("lastName"),
        "email": email,
        "phoneNumber": text("phoneNumber"),
        "avatarUrl": text("avatarUrl"),
        "accounts": body.get("accountIds").cloned().unwrap_or(json!([])),
        "contactTypeId": contact_type_id,
        "contactType": contact_type,
        "customFieldValues": custom,
        "metadata": {},
        "createdAt": now,
        "updatedAt": now,
    });
    org.data.contacts.push(contact.clone());
    json_response(StatusCode::CREATED, &contact)
}

/// `GET /v1/accounts/contacts/search?email=`: a bare array of the org's contacts with that
/// email (exact, ignoring case and surrounding spaces).
pub(crate) async fn search(State(stub): State<Shared>, caller: Caller, params: Params) -> Response {
    let email = param(&params, "email").map(str::trim).unwrap_or_default();
    if email.is_empty() {
        return nest_error(400, vec!["email should not be empty"]);
    }
    let found: Vec<Value> = lock(&stub)
        .org(&caller.org)
        .data
        .contacts
        .iter()
        .filter(|c| c["email"].as_str().is_some_and(|e| same_email(e, email)))
        .cloned()
        .collect();
    json_response(StatusCode::OK, &Value::Array(found))
}

/// Emails are unique per organization regardless of case.
fn same_email(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// class-validator-style messages for a create body (whitelist with forbidNonWhitelisted, so a
/// misspelt property is an error, and empty strings for optional fields are rejected so that a
/// client that sends `""` for "not given" is caught). The checks that need the organization's
/// data (contact type, custom field values) are made by the create itself.
pub fn check_new_contact(body: &Value) -> Vec<String> {
    const KNOWN: [&str; 8] = [
        "firstName",
        "lastName",
        "email",
        "phoneNumber",
        "contactType",
        "avatarUrl",
        "accountIds",
        "customFieldValues",
    ];
    let mut problems = Vec::new();
    let Some(object) = body.as_object() else {
        return vec!["body must be an object".into()];
    };
    for key in object.keys() {
        if !KNOWN.contains(&key.as_str()) {
            problems.push(format!("property {key} should not exist"));
        }
    }
    match object.get("firstName") {
        Some(Value::String(s)) if !s.trim().is_empty() => {}
        Some(Value::String(_)) | None => problems.push("firstName should not be empty".into()),
        Some(_) => problems.push("firstName must be a string".into()),
    }
    match object.get("email") {
        Some(Value::String(s)) if looks_like_email(s) => {}
        _ => problems.push("email must be an email".into()),
    }
    for key in ["lastName", "contactType"] {
        match object.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if !s.is_empty() => {}
            Some(Value::String(_)) => problems.push(format!("{key} should not be empty")),
            Some(_) => problems.push(format!("{key} must be a string")),
        }
    }
    match object.get("phoneNumber") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if is_e164(s) => {}
        Some(_) => problems.push("phoneNumber must be a valid phone number".into()),
    }
    match object.get("avatarUrl") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.starts_with("https://") || s.starts_with("http://") => {}
        Some(_) => problems.push("avatarUrl must be a URL address".into()),
    }
    match object.get("accountIds") {
        None | Some(Value::Null) => {}
        Some(Value::Array(ids))
            if ids
                .iter()
                .all(|i| i.as_str().is_some_and(|s| !s.is_empty())) => {}
        Some(Value::Array(_)) => problems.push("each value in accountIds must be a string".into()),
        Some(_) => problems.push("accountIds must be an array".into()),
    }
    match object.get("customFieldValues") {
        // Each item is checked against the organization's fields.
        None | Some(Value::Null) | Some(Value::Array(_)) => {}
        Some(_) => problems.push("customFieldValues must be an array of objects".into()),
    }
    problems
}
