//! The organization's own data, in the shapes the platform sends (see `../shared/THENA_API.md`):
//! contact types, custom field definitions, accounts, and the contacts an email search finds.
//! Lists come bare or wrapped in `data` (`crate::api::list`); an item the widget cannot read is
//! skipped. Members the widget does not use are ignored; the paths of the requests are here too.

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::json;

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
