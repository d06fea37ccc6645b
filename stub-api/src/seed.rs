//! What an organization has on the platform before a test changes it: the platform's default
//! contact types, one custom field of every type, a few accounts and one contact.

use serde_json::{json, Value};

/// An organization's data, as JSON in the platform's shapes: `/__stub/seed` replaces each part
/// as given, so nothing here may assume more than "an object".
pub(crate) struct OrgData {
    pub contact_types: Vec<Value>,
    pub custom_fields: Vec<Value>,
    pub accounts: Vec<Value>,
    pub contacts: Vec<Value>,
    /// A create of an email the org has answers 409 (the platform's rule). Off, the stub
    /// creates it again, so that a test can count the contacts a client created.
    pub unique_emails: bool,
}

impl OrgData {
    /// The seed of organization `org`, created at `now`.
    pub fn seeded(org: &str, now: &str) -> Self {
        OrgData {
            contact_types: contact_types(now),
            custom_fields: custom_fields(org, now),
            accounts: accounts(now),
            contacts: contacts(now),
            unique_emails: true,
        }
    }
}

fn contact_types(now: &str) -> Vec<Value> {
    [
        ("CT_PRIMARY", "PRIMARY", true),
        ("CT_BILLING", "BILLING", false),
        ("CT_LEGAL", "LEGAL", false),
        ("CT_EXECUTIVE", "EXECUTIVE", false),
        ("CT_OTHER", "OTHER", false),
    ]
    .into_iter()
    .map(|(id, value, default)| {
        json!({"id": id, "attribute": "contact_type", "value": value, "isDefault": default,
               "configuration": {}, "createdAt": now, "updatedAt": now})
    })
    .collect()
}

/// The parts of a seeded custom field that differ from one field to the next.
#[derive(Default)]
struct FieldSeed {
    uid: &'static str,
    name: &'static str,
    slug: &'static str,
    field_type: &'static str,
    options: &'static [&'static str],
    mandatory: bool,
    inactive: bool,
    default_value: Option<&'static str>,
    hint: Option<&'static str>,
    placeholder: Option<&'static str>,
    regex: Option<&'static str>,
}

impl FieldSeed {
    fn new(uid: &'static str, name: &'static str, slug: &'static str, kind: &'static str) -> Self {
        FieldSeed {
            uid,
            name,
            slug,
            field_type: kind,
            ..FieldSeed::default()
        }
    }

    fn to_json(&self, org: &str, now: &str) -> Value {
        let mut field = json!({
            "uid": self.uid,
            "name": self.name,
            "slug": self.slug,
            "organizationId": org,
            "source": "customer_contact",
            "fieldType": self.field_type,
            "options": self.options,
            "metadata": {},
            "isActive": !self.inactive,
            "teamId": null,
            "autoAddToAllForms": true,
            "hintText": self.hint,
            "placeholderText": self.placeholder,
            "mandatoryOnCreation": self.mandatory,
            "mandatoryOnClose": false,
            "visibleToCustomer": false,
            "editableByCustomer": false,
            "defaultValue": self.default_value,
            "createdAt": now,
            "updatedAt": now,
        });
        if let (Some(regex), Some(object)) = (self.regex, field.as_object_mut()) {
            object.insert("regexForValidation".into(), json!(regex));
        }
        field
    }
}

fn custom_fields(org: &str, now: &str) -> Vec<Value> {
    let field = FieldSeed::new;
    [
        FieldSeed {
            options: &["Bronze", "Silver", "Gold"],
            mandatory: true,
            default_value: Some("Silver"),
            hint: Some("Decides the support plan."),
            ..field("cf_tier", "Customer tier", "customer_tier", "single_choice")
        },
        FieldSeed {
            options: &["Email", "Phone", "Chat"],
            mandatory: true,
            default_value: Some("Email"),
            ..field(
                "cf_channel",
                "Preferred channel",
                "preferred_channel",
                "radio_button",
            )
        },
        FieldSeed {
            regex: Some(r"^[A-Z]{2}-\d{4}$"),
            hint: Some("Two capital letters, a dash and four digits, like AB-1234."),
            placeholder: Some("AB-1234"),
            ..field(
                "cf_employee_id",
                "Employee ID",
                "employee_id",
                "single_line",
            )
        },
        FieldSeed {
            placeholder: Some("Anything the team should know"),
            ..field("cf_notes", "Notes", "notes", "multi_line")
        },
        field("cf_bio", "Bio", "bio", "rich_text"),
        field(
            "cf_employees",
            "Employee count",
            "employee_count",
            "integer",
        ),
        field("cf_score", "Health score", "health_score", "decimal"),
        field("cf_revenue", "Annual revenue", "annual_revenue", "currency"),
        field("cf_birthday", "Birthday", "birthday", "date"),
        field("cf_last_call", "Last call", "last_call", "date_time"),
        field("cf_best_time", "Best time to call", "best_time", "time"),
        FieldSeed {
            options: &["Product", "Pricing", "Security"],
            ..field("cf_interests", "Interests", "interests", "multi_choice")
        },
        field("cf_newsletter", "Newsletter", "newsletter", "checkbox"),
        field(
            "cf_billing_email",
            "Billing email",
            "billing_email",
            "email",
        ),
        field("cf_mobile", "Mobile", "mobile", "phone_number"),
        field("cf_linkedin", "LinkedIn", "linkedin", "url"),
        field("cf_office_ip", "Office IP", "office_ip", "ip_address"),
        FieldSeed {
            inactive: true,
            ..field("cf_legacy", "Legacy code", "legacy_code", "single_line")
        },
        // A type the widget does not know: it must fall back to a single line of text.
        field("cf_badge", "Badge colour", "badge_colour", "colour_picker"),
    ]
    .iter()
    .map(|f| f.to_json(org, now))
    .collect()
}

fn accounts(now: &str) -> Vec<Value> {
    [
        ("acc_acme", "Acme Corp", Some("acme.com")),
        ("acc_globex", "Globex Corporation", Some("globex.com")),
        ("acc_initech", "Initech", Some("initech.io")),
        // Hostile on purpose: a client must show it as text.
        (
            "acc_labs",
            "<img src=x onerror=alert(1)> Labs",
            Some("labs.example"),
        ),
        ("acc_umbrella", "Umbrella Health", None),
    ]
    .into_iter()
    .map(|(id, name, domain)| {
        json!({"id": id, "name": name, "primaryDomain": domain, "status": "ACTIVE",
               "classification": "CUSTOMER", "accountOwner": null,
               "createdAt": now, "updatedAt": now})
    })
    .collect()
}

fn contacts(now: &str) -> Vec<Value> {
    vec![json!({
        "id": "ct_seed_jane",
        "firstName": "Jane",
        "lastName": "Doe",
        "email": "jane.doe@acme.com",
        "phoneNumber": null,
        "avatarUrl": null,
        "accounts": ["acc_acme"],
        "contactTypeId": "CT_PRIMARY",
        "contactType": "PRIMARY",
        "customFieldValues": [],
        "metadata": {},
        "createdAt": now,
        "updatedAt": now,
    })]
}
