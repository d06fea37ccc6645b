//! The organization's custom fields for contacts: `GET /v1/custom-field`, and the check of a
//! create's `customFieldValues` against them.
//!
//! One `customFieldValues` item is `{"customFieldId": "<uid>", "data": [{"value": "<string>"}]}`:
//! the platform does not publish the shape, this is the widget's working assumption, and the
//! only shape the stub accepts.

use crate::platform::{nest_error, param, wrapped, Caller, Paging, Params};
use crate::rules::{
    decimal_places, is_date, is_date_time, is_e164, is_integer, is_time, is_url, looks_like_email,
};
use crate::{lock, Shared};
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use std::net::IpAddr;

/// `GET /v1/custom-field?source=customer_contact&limit=&page=`: the org's fields, inactive ones
/// included (clients filter on `isActive`), 0-based pages of at most 100, wrapped.
pub(crate) async fn list(State(stub): State<Shared>, caller: Caller, params: Params) -> Response {
    let paging = match Paging::from_query(&params, 100) {
        Ok(paging) => paging,
        Err(problems) => return nest_error(400, problems),
    };
    let fields = if param(&params, "source") == Some("customer_contact") {
        paging.of(&lock(&stub).org(&caller.org).data.custom_fields)
    } else {
        Vec::new()
    };
    wrapped("Custom fields fetched successfully", fields)
}

/// A custom field as the check reads it. Seeds are taken as given, so everything but `uid` is
/// optional, and a definition without a string `uid` is no field at all.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FieldDefinition {
    uid: String,
    name: Option<String>,
    slug: Option<String>,
    field_type: Option<String>,
    options: Option<Vec<FieldOption>>,
    is_active: Option<bool>,
    mandatory_on_creation: Option<bool>,
    regex_for_validation: Option<String>,
}

/// Options come as strings in responses and as `{value}` objects in the platform's create
/// request; anything else is not an option.
#[derive(Deserialize)]
#[serde(untagged)]
enum FieldOption {
    Text(String),
    Object { value: String },
    Other(serde::de::IgnoredAny),
}

impl FieldDefinition {
    fn slug(&self) -> &str {
        self.slug.as_deref().unwrap_or(&self.uid)
    }

    /// What messages about the value call the field: its name, else its slug.
    fn name(&self) -> &str {
        self.name.as_deref().unwrap_or_else(|| self.slug())
    }

    fn is_active(&self) -> bool {
        self.is_active.unwrap_or(true)
    }

    fn is_mandatory(&self) -> bool {
        self.is_active() && self.mandatory_on_creation.unwrap_or(false)
    }

    fn options(&self) -> Vec<String> {
        self.options
            .iter()
            .flatten()
            .filter_map(|o| match o {
                FieldOption::Text(value) | FieldOption::Object { value } => Some(value.clone()),
                FieldOption::Other(_) => None,
            })
            .collect()
    }

    fn rule(&self) -> Rule {
        match self.field_type.as_deref().unwrap_or_default() {
            "integer" => Rule::Integer,
            "decimal" => Rule::Decimal,
            "currency" => Rule::Currency,
            "date" => Rule::Date,
            "date_time" => Rule::DateTime,
            "time" => Rule::Time,
            "single_choice" | "radio_button" => Rule::OneOf(self.options()),
            "multi_choice" => Rule::SomeOf(self.options()),
            "checkbox" => Rule::Boolean,
            "email" => Rule::Email,
            "phone_number" => Rule::Phone,
            "url" => Rule::Url,
            "ip_address" => Rule::IpAddress,
            // single_line, multi_line, rich_text and types the stub does not know.
            _ => Rule::AnyText,
        }
    }

    /// What is wrong with these values of this field, if anything: the type's rule first, then
    /// `regexForValidation` (an invalid pattern is ignored, as a field's author may err).
    fn check(&self, values: &[&str]) -> Option<String> {
        let rule = self.rule();
        if !rule.accepts(values) {
            return Some(format!("{} {}", self.name(), rule.requirement()));
        }
        let pattern = self
            .regex_for_validation
            .as_deref()
            .and_then(|p| regex::Regex::new(p).ok())?;
        values
            .iter()
            .any(|v| !pattern.is_match(v))
            .then(|| format!("{} does not match the required format", self.name()))
    }
}

/// The values a field type accepts.
enum Rule {
    AnyText,
    Integer,
    Decimal,
    Currency,
    Date,
    DateTime,
    Time,
    OneOf(Vec<String>),
    /// Each value one of the options, none twice.
    SomeOf(Vec<String>),
    Boolean,
    Email,
    Phone,
    Url,
    IpAddress,
}

impl Rule {
    fn accepts(&self, values: &[&str]) -> bool {
        let each = |fits: fn(&str) -> bool| values.iter().all(|v| fits(v));
        match self {
            Rule::AnyText => true,
            Rule::Integer => each(is_integer),
            Rule::Decimal => each(|v| decimal_places(v).is_some()),
            Rule::Currency => each(|v| decimal_places(v).is_some_and(|places| places <= 2)),
            Rule::Date => each(is_date),
            Rule::DateTime => each(is_date_time),
            Rule::Time => each(is_time),
            Rule::OneOf(options) => values.iter().all(|v| options.iter().any(|o| o == v)),
            Rule::SomeOf(options) => values
                .iter()
                .enumerate()
                .all(|(i, v)| options.iter().any(|o| o == v) && !values[..i].contains(v)),
            Rule::Boolean => each(|v| v == "true" || v == "false"),
            Rule::Email => each(looks_like_email),
            Rule::Phone => each(is_e164),
            Rule::Url => each(is_url),
            Rule::IpAddress => each(|v| v.parse::<IpAddr>().is_ok()),
        }
    }

    /// The end of the message for a value this rule does not accept.
    fn requirement(&self) -> String {
        match self {
            Rule::AnyText => "must be text",
            Rule::Integer => "must be an integer",
            Rule::Decimal => "must be a number",
            Rule::Currency => "must be an amount with at most 2 decimals",
            Rule::Date => "must be a date (YYYY-MM-DD)",
            Rule::DateTime => "must be a date and time",
            Rule::Time => "must be a time (HH:MM)",
            Rule::OneOf(options) | Rule::SomeOf(options) => {
                return format!("must be one of {}", options.join(", "))
            }
            Rule::Boolean => "must be true or false",
            Rule::Email => "must be an email",
            Rule::Phone => "must be a phone number with country code",
            Rule::Url => "must be a URL",
            Rule::IpAddress => "must be an IP address",
        }
        .to_string()
    }
}

/// NestJS-style messages for a create's `customFieldValues` against the organization's field
/// `definitions`, all problems at once, each naming the field it is about.
pub fn check_custom_field_values(items: &[Value], definitions: &[Value]) -> Vec<String> {
    let fields: Vec<FieldDefinition> = definitions
        .iter()
        .filter_map(|d| FieldDefinition::deserialize(d).ok())
        .collect();
    let mut problems = Vec::new();
    let mut given: Vec<&str> = Vec::new();
    let mut twice: Vec<&str> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(uid) = item.get("customFieldId").and_then(Value::as_str) else {
            problems.push(format!(
                "customFieldValues.{i}.customFieldId must be a string"
            ));
            continue;
        };
        for key in item.as_object().into_iter().flat_map(|o| o.keys()) {
            if key != "customFieldId" && key != "data" {
                problems.push(format!(
                    "customFieldValues.{i}.property {key} should not exist"
                ));
            }
        }
        let Some(field) = fields.iter().find(|f| f.uid == uid) else {
            problems.push(format!(
                "customFieldValues.{i}.customFieldId {uid} is not a custom field of this organization"
            ));
            continue;
        };
        if given.contains(&uid) {
            if !twice.contains(&uid) {
                twice.push(uid);
                problems.push(format!("Custom field {} is given twice", field.slug()));
            }
            continue;
        }
        given.push(uid);
        if !field.is_active() {
            problems.push(format!("Custom field {} is not active", field.slug()));
            continue;
        }
        let Some(values) = data_values(item.get("data")) else {
            problems.push(format!(
                "Custom field {} needs data as [{{\"value\": \"…\"}}]",
                field.slug()
            ));
            continue;
        };
        if values.len() > 1 && field.field_type.as_deref() != Some("multi_choice") {
            problems.push(format!("{} takes one value", field.name()));
        } else if field.is_mandatory() && values.iter().all(|v| v.trim().is_empty()) {
            problems.push(format!("Custom field {} is required", field.slug()));
        } else if let Some(problem) = field.check(&values) {
            problems.push(problem);
        }
    }
    for field in &fields {
        if field.is_mandatory() && !given.contains(&field.uid.as_str()) {
            problems.push(format!("Custom field {} is required", field.slug()));
        }
    }
    problems
}

/// The strings of `data: [{"value": "…"}, …]`: a non-empty array of objects that have a string
/// `value` and nothing else.
fn data_values(data: Option<&Value>) -> Option<Vec<&str>> {
    let values: Option<Vec<&str>> = data?
        .as_array()?
        .iter()
        .map(|entry| {
            let entry = entry.as_object().filter(|e| e.len() == 1)?;
            entry.get("value")?.as_str()
        })
        .collect();
    values.filter(|v| !v.is_empty())
}
