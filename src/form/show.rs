//! How the form shows each field (editable, read-only, hidden), and the rule that comes with
//! hiding one: its value must be valid, since nobody could see or fix it.

use crate::i18n::Texts;
use crate::model::field::FieldMap;
use crate::rules::ContactDraft;

/// How the form shows a field.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{AddContactOptions, ApiConfig, Field, Show, TokenSource};
///
/// let api = ApiConfig::new("https://platform.thena.ai", "org_7Hq2").unwrap();
/// let mut options = AddContactOptions::new(api, TokenSource::fixed("eyJhbGciOi…"));
/// options.values.values[Field::ContactType] = "CT_BILLING".into();
/// options.show[Field::ContactType] = Show::ReadOnly;
/// options.custom_show.push(("customer_tier".into(), Show::Hidden));
/// assert_eq!(options.check(), Ok(()));
/// // A hidden field needs a valid value: nobody could see or fix it.
/// options.show[Field::Email] = Show::Hidden;
/// assert_eq!(
///     options.check(),
///     Err("hidden field email needs a valid value: Enter an email address.".into())
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    /// Shown and editable (the default).
    #[default]
    Editable,
    /// Shown and sent, not editable: a value the host decides.
    ReadOnly,
    /// Not shown, sent as the host set it.
    Hidden,
}

/// How `custom_show` (slugs, as in `AddContactOptions::custom_show`) shows a custom field: a
/// slug both read-only and hidden is hidden, as a built-in field is.
pub(crate) fn custom_field_show(custom_show: &[(String, Show)], slug: &str) -> Show {
    let named = custom_show.iter().filter(|(s, _)| s == slug);
    named.fold(Show::Editable, |shown, (_, how)| match (shown, how) {
        (Show::Hidden, _) | (_, Show::Hidden) => Show::Hidden,
        (_, how) => *how,
    })
}

/// Hidden fields must hold valid values: the person could not see or fix them.
pub(crate) fn check_hidden(
    show: &FieldMap<Show>,
    draft: &ContactDraft,
    texts: &Texts,
) -> Result<(), String> {
    for (field, how) in show.iter() {
        if *how == Show::Hidden {
            if let Some(error) = draft.check(field) {
                return Err(format!(
                    "hidden field {} needs a valid value: {}",
                    field.json_name(),
                    error.message(field, texts)
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_custom_field_named_read_only_and_hidden_is_hidden() {
        let shown = |slug| {
            let custom_show = [
                ("tier".to_string(), Show::ReadOnly),
                ("tier".to_string(), Show::Hidden),
                ("code".to_string(), Show::ReadOnly),
            ];
            custom_field_show(&custom_show, slug)
        };
        assert_eq!(shown("tier"), Show::Hidden);
        assert_eq!(shown("code"), Show::ReadOnly);
        assert_eq!(shown("other"), Show::Editable);
    }
}
