//! Accounts: the platform's list (`GET /v1/accounts`) and its Typesense-backed search
//! (`GET /v1/search/accounts`).

use crate::platform::{count_param, json_response, nest_error, param, Caller, Paging, Params};
use crate::{lock, Shared};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

/// The account fields search can look in, as Typesense's `query_by` names them.
const SEARCHABLE: [&str; 2] = ["name", "primaryDomain"];

/// `GET /v1/accounts?page=&limit=`: `{data: [...]}`. The platform does not say whether `page`
/// starts at 0; the stub takes it 0-based like `/v1/custom-field` (limit default 20, at most 100).
pub(crate) async fn list(State(stub): State<Shared>, caller: Caller, params: Params) -> Response {
    let paging = match Paging::from_query(&params, 100) {
        Ok(paging) => paging,
        Err(problems) => return nest_error(400, problems),
    };
    let accounts = paging.of(&lock(&stub).org(&caller.org).data.accounts);
    json_response(StatusCode::OK, &json!({"data": accounts}))
}

/// `GET /v1/search/accounts?q=&query_by=&per_page=&page=&filter_by=`, Typesense-like: `q` is a
/// case-insensitive substring of any `query_by` field (empty or `*`: everything), `filter_by`
/// only `id:[a,b]` / `id:=a`, `page` 1-based. Answers `{result: {found, page, hits}}`, unwrapped.
pub(crate) async fn search(State(stub): State<Shared>, caller: Caller, params: Params) -> Response {
    let fields: Vec<&str> = match param(&params, "query_by").map(str::trim) {
        None | Some("") => SEARCHABLE.to_vec(),
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect(),
    };
    if let Some(unknown) = fields.iter().find(|f| !SEARCHABLE.contains(f)) {
        return nest_error(
            400,
            format!("Could not find a field named `{unknown}` in the schema."),
        );
    }
    let ids = match param(&params, "filter_by").map(str::trim) {
        None | Some("") => None,
        Some(filter) => match ids_of_filter(filter) {
            Some(ids) => Some(ids),
            None => {
                return nest_error(
                    400,
                    format!("Could not parse the filter query `{filter}`: only id:[a,b] and id:=a are supported."),
                )
            }
        },
    };
    let per_page = count_param(&params, "per_page", 10, 1);
    let page = count_param(&params, "page", 1, 1);
    let (per_page, page) = match (per_page, page) {
        (Ok(per_page), Ok(page)) => (per_page.min(250), page),
        (per_page, page) => {
            let problems: Vec<String> =
                [per_page.err(), page.err()].into_iter().flatten().collect();
            return nest_error(400, problems);
        }
    };
    let q = param(&params, "q").map(str::trim).unwrap_or_default();
    let q = if q == "*" {
        String::new()
    } else {
        q.to_lowercase()
    };

    let accounts = lock(&stub).org(&caller.org).data.accounts.clone();
    let matches: Vec<&Value> = accounts
        .iter()
        .filter(|a| {
            ids.as_ref()
                .is_none_or(|ids| a["id"].as_str().is_some_and(|id| ids.contains(&id)))
        })
        .filter(|a| {
            q.is_empty()
                || fields.iter().any(|f| {
                    a[*f]
                        .as_str()
                        .is_some_and(|text| text.to_lowercase().contains(&q))
                })
        })
        .collect();
    let hits: Vec<Value> = matches
        .iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .map(|a| {
            json!({"document": {"id": a["id"], "name": a["name"], "primaryDomain": a["primaryDomain"]}})
        })
        .collect();
    json_response(
        StatusCode::OK,
        &json!({"result": {"found": matches.len(), "page": page, "hits": hits}}),
    )
}

/// The ids of `id:[a, b]`, `id:=[a, b]`, `id:=a` or `id:a` (Typesense's backquotes allowed).
fn ids_of_filter(filter: &str) -> Option<Vec<&str>> {
    let value = filter.strip_prefix("id:")?.trim_start();
    let value = value.strip_prefix('=').unwrap_or(value).trim();
    let list = match value.strip_prefix('[') {
        Some(rest) => rest.strip_suffix(']')?,
        None => value,
    };
    let ids: Vec<&str> = list
        .split(',')
        .map(|id| id.trim().trim_matches('`').trim())
        .filter(|id| !id.is_empty())
        .collect();
    (!ids.is_empty()).then_some(ids)
}
