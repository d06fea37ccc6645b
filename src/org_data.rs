//! The organization's own data, in the shapes the platform sends (see `../shared/THENA_API.md`):
//! contact types, custom field definitions, accounts, and the contacts an email search finds.
//! Lists come bare or wrapped in `data` ([`crate::api::list`]); an item the widget cannot read is
//! skipped. Members the widget does not use are ignored; the paths of the requests are here too.

use crate::api::ApiRequest;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most custom fields asked for per page (the `limit` of each request).
pub const CUSTOM_FIELDS_PER_PAGE: usize = 100;
/// The most pages of custom fields read (see [`CUSTOM_FIELDS_PER_PAGE`]).
pub const CUSTOM_FIELD_PAGES: usize = 10;

/// The organization's contact types: `GET /v1/accounts/attributes?attribute=contact_type`.
pub fn contact_types_request() -> ApiRequest {
    ApiRequest::get(
        "/v1/accounts/attributes",
        vec![("attribute", "contact_type".into())],
    )
}

/// One page (0-based) of the organization's contact custom fields.
pub fn custom_fields_request(page: usize) -> ApiRequest {
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
pub fn contact_search_request(email: &str) -> ApiRequest {
    ApiRequest::get(
        "/v1/accounts/contacts/search",
        vec![("email", email.into())],
    )
}

/// Accounts whose name or primary domain matches `query`, from the platform's search API
/// (Typesense parameters; the account document's field names are not published, so a reply of
/// another shape reads as no accounts and the form falls back to typed IDs).
pub fn account_search_request(query: &str) -> ApiRequest {
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
pub fn accounts_by_id_request(ids: &[String]) -> ApiRequest {
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

/// The most accounts a search suggests.
pub const ACCOUNT_SUGGESTIONS: usize = 8;

/// Email domains anyone can sign up for: an address there says nothing about its company.
const PUBLIC_EMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "yandex.ru",
    "yandex.com",
    "zoho.com",
    "qq.com",
    "163.com",
    "fastmail.com",
    "hey.com",
];

/// The company domain of a valid `email`, unless it is a public one (gmail.com, …).
pub fn company_domain(email: &str) -> Option<String> {
    let domain = email.rsplit_once('@')?.1.trim().to_ascii_lowercase();
    let public = PUBLIC_EMAIL_DOMAINS
        .iter()
        .any(|public| domain == *public || domain.ends_with(&format!(".{public}")));
    (!domain.is_empty() && !public).then_some(domain)
}

/// A contact type: `id` goes into `contactType`, `value` is its name.
///
/// # Examples
///
/// ```
/// use thena_add_contact::ContactType;
///
/// let item = r#"{"id": "CT_PRIMARY", "attribute": "contact_type", "value": "PRIMARY",
///                "isDefault": true, "configuration": {}}"#;
/// let primary: ContactType = serde_json::from_str(item).unwrap();
/// assert_eq!((primary.id.as_str(), primary.is_default), ("CT_PRIMARY", true));
/// let item = r#"{"id": "CT_OTHER", "value": "OTHER", "isDefault": null}"#;
/// let other: ContactType = serde_json::from_str(item).unwrap();
/// assert!(!other.is_default);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactType {
    /// `id`: what goes into `contactType` on create.
    pub id: String,
    /// `value`: the name the form shows.
    pub value: String,
    /// `isDefault`: the organization's default, preselected; missing or `null` is false.
    #[serde(default, deserialize_with = "flag")]
    pub is_default: bool,
}

/// A custom field of contacts, as `GET /v1/custom-field` describes it.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{CustomFieldDefinition, FieldType};
///
/// let tier: CustomFieldDefinition = serde_json::from_str(
///     r#"{"uid": "cf_tier", "name": "Customer tier", "slug": "customer_tier",
///         "fieldType": "single_choice", "options": ["Bronze", {"value": "Silver"}, "Gold"],
///         "mandatoryOnCreation": true}"#,
/// )
/// .unwrap();
/// assert_eq!((tier.kind(), tier.slug()), (FieldType::SingleChoice, "customer_tier"));
/// assert_eq!(tier.options.0, ["Bronze", "Silver", "Gold"]);
/// assert!(tier.is_active && tier.mandatory_on_creation);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomFieldDefinition {
    /// The key (`customFieldId` in a value); the platform has no `id` here.
    pub uid: String,
    /// `name`: the label the form shows.
    pub name: String,
    /// How hosts name the field (`hidden`, `readOnly`); the uid when the platform gives none.
    #[serde(default)]
    pub slug: Option<String>,
    /// `fieldType`: an unknown or missing type is a single line of text.
    #[serde(default)]
    pub field_type: Option<FieldType>,
    /// `options`: the choices of a single_choice, multi_choice or radio_button field; empty for
    /// none.
    #[serde(default)]
    pub options: Choices,
    /// `isActive`: an inactive field is not shown; missing or `null` means active.
    #[serde(default = "active", deserialize_with = "flag_or_true")]
    pub is_active: bool,
    /// `hintText`: shown under the label; `None` for none.
    #[serde(default)]
    pub hint_text: Option<String>,
    /// `placeholderText`: shown in the empty input; `None` for none.
    #[serde(default)]
    pub placeholder_text: Option<String>,
    /// `mandatoryOnCreation`: the contact cannot be sent without a value; missing or `null` is
    /// false.
    #[serde(default, deserialize_with = "flag")]
    pub mandatory_on_creation: bool,
    /// `defaultValue`: what the field holds when the host gives no value; empty for none.
    #[serde(default)]
    pub default_value: Loose,
    /// `regexForValidation`: a pattern the browser's `RegExp` tests each value with (a match
    /// anywhere in the value passes, unless the pattern anchors it); `None` for none.
    #[serde(default)]
    pub regex_for_validation: Option<String>,
}

impl CustomFieldDefinition {
    /// How hosts name the field: `slug`, or the `uid` when the slug is missing or empty.
    pub fn slug(&self) -> &str {
        self.slug
            .as_deref()
            .filter(|s| !s.is_empty())
            .unwrap_or(&self.uid)
    }

    /// The field's type: [`FieldType::SingleLine`] when `fieldType` is missing or `null`.
    pub fn kind(&self) -> FieldType {
        self.field_type.unwrap_or(FieldType::SingleLine)
    }
}

/// The platform's custom field types; any other is shown as a single line of text.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{CustomFieldDefinition, FieldType};
///
/// let employees = CustomFieldDefinition {
///     uid: "cf_employees".into(),
///     name: "Employees".into(),
///     field_type: Some(FieldType::Integer),
///     ..CustomFieldDefinition::default()
/// };
/// assert_eq!(employees.kind(), FieldType::Integer);
/// let newer: FieldType = serde_json::from_str(r#""colour_picker""#).unwrap();
/// assert_eq!(newer, FieldType::Unknown);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// `single_line`: one line of text.
    SingleLine,
    /// `multi_line`: several lines of text.
    MultiLine,
    /// `rich_text`: formatted text, entered as several lines of plain text.
    RichText,
    /// `integer`: a whole number.
    Integer,
    /// `decimal`: a number with a dot for decimals.
    Decimal,
    /// `currency`: an amount, at most 2 decimals.
    Currency,
    /// `date`: `YYYY-MM-DD`.
    Date,
    /// `date_time`: a local date and time, `YYYY-MM-DDTHH:MM[:SS]`.
    DateTime,
    /// `time`: `HH:MM[:SS]`.
    Time,
    /// `single_choice`: one of `options`, from a list.
    SingleChoice,
    /// `multi_choice`: any of `options`.
    MultiChoice,
    /// `radio_button`: one of `options`, as radio buttons.
    RadioButton,
    /// `checkbox`: checked or not; sent as `"true"` when checked.
    Checkbox,
    /// `email`: an email address, checked like the contact's.
    Email,
    /// `phone_number`: a phone number, checked like the contact's.
    PhoneNumber,
    /// `url`: an `http` or `https` URL.
    Url,
    /// `ip_address`: an IPv4 or IPv6 address.
    IpAddress,
    /// Any other type: shown and checked as a single line of text.
    #[serde(other)]
    Unknown,
}

/// A field's `options`: strings in responses, `{value}` objects in the create request; both
/// are read.
///
/// # Examples
///
/// ```
/// use thena_add_contact::Choices;
///
/// let choices: Choices = serde_json::from_str(r#"["Gold", {"value": "Silver"}]"#).unwrap();
/// assert_eq!(choices, Choices(vec!["Gold".into(), "Silver".into()]));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices(pub Vec<String>);

/// `defaultValue`: a string, a number, a boolean or a list of strings (multi_choice), read as
/// the texts the inputs hold. `null` is none.
///
/// # Examples
///
/// ```
/// use thena_add_contact::Loose;
///
/// let read = |json: &str| serde_json::from_str::<Loose>(json).unwrap().0;
/// assert_eq!(read("42"), vec!["42"]);
/// assert_eq!(read("true"), vec!["true"]);
/// assert_eq!(read(r#"["a", "b"]"#), vec!["a", "b"]);
/// assert!(read("null").is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loose(pub Vec<String>);

/// An account as a picker shows it.
///
/// # Examples
///
/// ```
/// use thena_add_contact::Account;
///
/// let document = r#"{"id": "acc_acme", "name": "Acme Corp", "primaryDomain": "acme.com",
///                    "status": "ACTIVE"}"#;
/// let acme: Account = serde_json::from_str(document).unwrap();
/// assert_eq!(acme.primary_domain.as_deref(), Some("acme.com"));
/// let bare = Account { id: "acc_x".into(), name: "No domain".into(), primary_domain: None };
/// assert_eq!(serde_json::to_string(&bare).unwrap(), r#"{"id":"acc_x","name":"No domain"}"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    /// `id`: what goes into `accountIds` on create.
    pub id: String,
    /// `name`: what the picker shows.
    pub name: String,
    /// `primaryDomain`, like `acme.com`; `None` when missing or `null` (and then left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_domain: Option<String>,
}

/// A missing or `null` flag is false.
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

fn active() -> bool {
    true
}

fn flag_or_true<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(true))
}

impl Default for CustomFieldDefinition {
    fn default() -> Self {
        CustomFieldDefinition {
            uid: String::new(),
            name: String::new(),
            slug: None,
            field_type: None,
            options: Choices::default(),
            is_active: true,
            hint_text: None,
            placeholder_text: None,
            mandatory_on_creation: false,
            default_value: Loose::default(),
            regex_for_validation: None,
        }
    }
}

/// Reads texts: a string, a number or a boolean, and, as `level` allows, `null`, `{value}` or a
/// list of those. One level of list and of `{value}` only, so that a reply nested ten thousand
/// deep is refused instead of recursing through the stack.
struct Texts {
    what: &'static str,
    level: Level,
}

#[derive(Clone, Copy, PartialEq)]
enum Level {
    /// `options`, `defaultValue`: a list of items, or one item.
    List,
    /// An item: a text, `null`, or `{value}`.
    Item,
    /// The `value` of `{value}`: a text only.
    Value,
}

impl<'de> Visitor<'de> for Texts {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Vec<String>, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Vec<String>, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Vec<String>, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Vec<String>, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
        if self.level == Level::Value {
            return Err(de::Error::invalid_type(de::Unexpected::Unit, &self));
        }
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Vec<String>, E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<String>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        if self.level != Level::List {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let mut texts = Vec::new();
        while let Some(item) = seq.next_element::<Choice>()? {
            texts.extend(item.0);
        }
        Ok(texts)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
        if self.level == Level::Value {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        let mut texts = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "value" {
                texts = map.next_value::<Scalar>()?.0;
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(texts)
    }
}

/// The `value` of an option object: a string, a number or a boolean.
struct Scalar(Vec<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Texts {
            what: "a text",
            level: Level::Value,
        })
        .map(Scalar)
    }
}

/// One option: a text, or an object whose `value` is one.
struct Choice(Vec<String>);

impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Texts {
            what: "an option",
            level: Level::Item,
        })
        .map(Choice)
    }
}

impl<'de> Deserialize<'de> for Choices {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Texts {
            what: "a list of options",
            level: Level::List,
        })
        .map(Choices)
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Texts {
            what: "a default value",
            level: Level::List,
        })
        .map(Loose)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::api::list;
    use serde_json::json;

    #[test]
    fn contact_types_come_bare_or_wrapped_and_odd_items_are_skipped() {
        let item = json!({"id": "CT_PRIMARY", "attribute": "contact_type", "value": "PRIMARY",
                          "isDefault": true, "configuration": {"color": "red"}});
        let odd = json!({"id": 5, "value": "BROKEN"});
        let no_flag = json!({"id": "CT_OTHER", "value": "OTHER", "isDefault": null});
        let expected = vec![
            ContactType {
                id: "CT_PRIMARY".into(),
                value: "PRIMARY".into(),
                is_default: true,
            },
            ContactType {
                id: "CT_OTHER".into(),
                value: "OTHER".into(),
                is_default: false,
            },
        ];
        let bare = json!([item, odd, no_flag]);
        let wrapped = json!({"status": true, "data": bare.clone()});
        assert_eq!(list::<_, ContactType>(&bare), Some(expected.clone()));
        assert_eq!(list::<_, ContactType>(&wrapped), Some(expected));
        assert_eq!(list::<_, ContactType>(&json!({"data": {}})), None);
        assert_eq!(list::<_, ContactType>(&json!("[]")), None);
    }

    #[test]
    fn custom_fields_read_the_documented_members_and_tolerate_the_rest() {
        let fields: Vec<CustomFieldDefinition> = list(&json!({"data": [
            {"uid": "cf_tier", "name": "Customer tier", "slug": "customer_tier",
             "fieldType": "single_choice", "options": ["Bronze", {"value": "Silver"}, {"id": 1, "value": "Gold"}],
             "isActive": true, "hintText": "Decides the plan.", "placeholderText": null,
             "mandatoryOnCreation": true, "defaultValue": "Silver", "teamId": null},
            {"uid": "cf_new", "name": "Colour", "fieldType": "colour_picker", "isActive": null,
             "defaultValue": 3, "regexForValidation": "^#"},
            {"uid": "cf_multi", "name": "Interests", "slug": "", "fieldType": "multi_choice",
             "options": null, "defaultValue": ["A", "B"], "isActive": false},
            {"uid": "cf_plain", "name": "Plain"},
            {"name": "no uid"}
        ]}))
        .unwrap();
        assert_eq!(fields.len(), 4);
        let plain = &fields[3];
        assert!(plain.is_active && !plain.mandatory_on_creation);
        assert_eq!(
            (plain.kind(), plain.slug()),
            (FieldType::SingleLine, "cf_plain")
        );
        let tier = &fields[0];
        assert_eq!(tier.kind(), FieldType::SingleChoice);
        assert_eq!(tier.slug(), "customer_tier");
        assert_eq!(tier.options.0, ["Bronze", "Silver", "Gold"]);
        assert!(tier.mandatory_on_creation && tier.is_active);
        assert_eq!(tier.default_value.0, ["Silver"]);
        let colour = &fields[1];
        assert_eq!(colour.kind(), FieldType::Unknown);
        assert_eq!(colour.slug(), "cf_new");
        assert!(colour.is_active);
        assert_eq!(colour.default_value.0, ["3"]);
        assert_eq!(colour.regex_for_validation.as_deref(), Some("^#"));
        let multi = &fields[2];
        assert_eq!(multi.slug(), "cf_multi");
        assert!(multi.options.0.is_empty() && !multi.is_active);
        assert_eq!(multi.default_value.0, ["A", "B"]);
    }

    #[test]
    fn deeply_nested_options_are_refused_without_recursing() {
        // The reader stops at the second level, whatever lies below (a browser's reply can be
        // nested far deeper than a native test can build and drop).
        let mut deep = json!("x");
        for _ in 0..50 {
            deep = json!([deep]);
        }
        let definition = json!({"uid": "u", "name": "n", "options": deep});
        assert!(serde_json::from_value::<CustomFieldDefinition>(definition).is_err());
        let nested_value =
            json!({"uid": "u", "name": "n", "defaultValue": {"value": {"value": "x"}}});
        assert!(serde_json::from_value::<CustomFieldDefinition>(nested_value).is_err());
        let one_level = json!({"uid": "u", "name": "n", "options": [["a"]]});
        assert!(serde_json::from_value::<CustomFieldDefinition>(one_level).is_err());
        let no_value = json!({"uid": "u", "name": "n", "options": [{"value": null}]});
        assert!(serde_json::from_value::<CustomFieldDefinition>(no_value).is_err());
    }

    #[test]
    fn only_company_domains_suggest_an_account() {
        assert_eq!(company_domain("jane@Acme.com").as_deref(), Some("acme.com"));
        assert_eq!(
            company_domain("jane@eu.acme.com").as_deref(),
            Some("eu.acme.com")
        );
        for public in [
            "jane@gmail.com",
            "jane@GMAIL.com",
            "j@mail.yahoo.com",
            "j@proton.me",
        ] {
            assert_eq!(company_domain(public), None, "{public}");
        }
        assert_eq!(company_domain("no-at-sign"), None);
    }

    #[test]
    fn accounts_come_from_search_hits() {
        let reply = json!({"result": {"found": 2, "hits": [
            {"document": {"id": "acc_acme", "name": "Acme Corp", "primaryDomain": "acme.com", "status": "ACTIVE"}},
            {"document": {"id": "acc_x", "name": "No domain", "primaryDomain": null}},
            {"document": {"name": "no id"}},
            {"highlight": {}}
        ]}});
        let accounts: Vec<Account> = crate::api::search_hits(&reply).unwrap();
        assert_eq!(
            accounts,
            [
                Account {
                    id: "acc_acme".into(),
                    name: "Acme Corp".into(),
                    primary_domain: Some("acme.com".into())
                },
                Account {
                    id: "acc_x".into(),
                    name: "No domain".into(),
                    primary_domain: None
                },
            ]
        );
        assert_eq!(
            crate::api::search_hits::<_, Account>(&json!({"hits": []})),
            None
        );
        assert_eq!(crate::api::search_hits::<_, Account>(&json!([])), None);
    }

    #[test]
    fn every_documented_field_type_has_its_variant() {
        for name in [
            "single_line",
            "multi_line",
            "rich_text",
            "integer",
            "decimal",
            "currency",
            "date",
            "date_time",
            "time",
            "single_choice",
            "multi_choice",
            "radio_button",
            "checkbox",
            "email",
            "phone_number",
            "url",
            "ip_address",
        ] {
            let kind: FieldType = serde_json::from_value(json!(name)).unwrap();
            assert_ne!(kind, FieldType::Unknown, "{name}");
        }
    }
}
