//! The custom fields' rules, by `fieldType`: numbers, dates and times, choices, and the built-in
//! rules for email, phone and URL fields; a `regexForValidation` is checked last.

use super::builtin::{
    avatar_url, check_text, email, non_empty, phone, MAX_LONG_TEXT_CHARS, MAX_TEXT_CHARS,
};
use super::{CustomField, Pattern};
use crate::model::contact::{CustomFieldDatum, CustomFieldValue};
use crate::model::field_error::FieldError;
use crate::model::org::FieldType;

/// A custom field's rule, by its type: the `customFieldValues` item to send (the one shape,
/// [`CustomFieldValue`]), `None` for an empty optional field, or the error. Email, phone and
/// URL fields follow the built-in fields' rules; a `regexForValidation` is checked last.
pub fn custom_value(
    field: &CustomField,
    raw: &[String],
) -> Result<Option<CustomFieldValue>, FieldError> {
    let definition = &field.definition;
    let kind = definition.kind();
    let mut values: Vec<String> = Vec::new();
    for raw in raw {
        let Some(value) = non_empty(raw) else {
            continue;
        };
        let value = match kind {
            FieldType::MultiLine | FieldType::RichText => long_text(value)?,
            FieldType::Integer => whole_number(value)?,
            FieldType::Decimal => decimal(value, None)?,
            FieldType::Currency => decimal(value, Some(2))?,
            FieldType::Date => date(value).ok_or(FieldError::InvalidDate)?,
            FieldType::DateTime => date_time(value).ok_or(FieldError::InvalidDateTime)?,
            FieldType::Time => time(value).ok_or(FieldError::InvalidTime)?,
            FieldType::SingleChoice | FieldType::RadioButton | FieldType::MultiChoice => {
                if !definition.options.0.iter().any(|option| option == value) {
                    return Err(FieldError::NotAnOption(value.to_string()));
                }
                value.to_string()
            }
            // Unchecked is empty: only a checked box is sent.
            FieldType::Checkbox if value == "true" => value.to_string(),
            FieldType::Checkbox => continue,
            FieldType::Email => email(value)?,
            FieldType::PhoneNumber => phone(value)?.unwrap_or_default(),
            FieldType::Url => avatar_url(value)?.unwrap_or_default(),
            // Checked, and sent as typed (like dates and numbers).
            FieldType::IpAddress => match value.parse::<std::net::IpAddr>() {
                Ok(_) => value.to_string(),
                Err(_) => return Err(FieldError::InvalidIpAddress),
            },
            FieldType::SingleLine | FieldType::Unknown => {
                check_text(value, MAX_TEXT_CHARS)?;
                value.to_string()
            }
        };
        if value.is_empty() {
            continue; // a phone number of dashes only
        }
        if let Some(Pattern(matches)) = &field.pattern {
            if !matches(&value) {
                return Err(FieldError::PatternMismatch);
            }
        }
        if !values.contains(&value) {
            values.push(value);
        }
        if kind != FieldType::MultiChoice {
            break; // one value
        }
    }
    if values.is_empty() {
        return if definition.mandatory_on_creation {
            Err(FieldError::Required)
        } else {
            Ok(None)
        };
    }
    Ok(Some(CustomFieldValue {
        custom_field_id: Some(definition.uid.clone()),
        data: Some(
            values
                .into_iter()
                .map(|value| CustomFieldDatum { value })
                .collect(),
        ),
    }))
}

/// Several lines: line breaks and tabs allowed, other control characters not.
fn long_text(value: &str) -> Result<String, FieldError> {
    let actual = value.chars().count();
    if actual > MAX_LONG_TEXT_CHARS {
        return Err(FieldError::TooLong {
            max: MAX_LONG_TEXT_CHARS,
            actual,
        });
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(FieldError::ControlCharacters);
    }
    Ok(value.to_string())
}

/// An optional sign and digits; sent without a `+`.
fn whole_number(value: &str) -> Result<String, FieldError> {
    let (sign, unsigned) = split_sign(value);
    if unsigned.is_empty() || unsigned.len() > 30 || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::NotWholeNumber);
    }
    Ok(format!("{sign}{unsigned}"))
}

/// One optional sign, as sent (`-`, or nothing for `+`), and the rest.
fn split_sign(value: &str) -> (&'static str, &str) {
    match value.as_bytes().first() {
        Some(b'-') => ("-", &value[1..]),
        Some(b'+') => ("", &value[1..]),
        _ => ("", value),
    }
}

/// A decimal number with a dot (`-12.5`, `.5`, `3.`); at most `max_decimals` after the dot.
/// Sent without a `+` and with digits on both sides of any dot (`0.5`, `3`), a form every
/// number parser reads.
fn decimal(value: &str, max_decimals: Option<usize>) -> Result<String, FieldError> {
    let (sign, unsigned) = split_sign(value);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0
        || whole.len() + fraction.len() > 30
        || !digits(whole)
        || !digits(fraction)
    {
        return Err(FieldError::NotNumber);
    }
    if max_decimals.is_some_and(|max| fraction.len() > max) {
        return Err(FieldError::TooManyDecimals);
    }
    let whole = if whole.is_empty() { "0" } else { whole };
    Ok(match fraction {
        "" => format!("{sign}{whole}"),
        fraction => format!("{sign}{whole}.{fraction}"),
    })
}

/// `YYYY-MM-DD`, a day that exists.
fn date(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = value.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then(|| value.to_string())
}

/// `HH:MM` or `HH:MM:SS` (what `<input type=time>` gives).
fn time(value: &str) -> Option<String> {
    let mut parts = value.split(':');
    let limits = [23, 59, 59];
    let mut count = 0;
    for (part, max) in parts.by_ref().zip(limits) {
        let valid = part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
        if !valid || part.parse::<u32>().ok()? > max {
            return None;
        }
        count += 1;
    }
    (parts.next().is_none() && count >= 2).then(|| value.to_string())
}

/// `YYYY-MM-DDTHH:MM[:SS]`, local time without a zone (what `<input type=datetime-local>`
/// gives), sent as it is.
fn date_time(value: &str) -> Option<String> {
    let (day, clock) = value.split_once('T')?;
    date(day)?;
    time(clock)?;
    Some(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::org::CustomFieldDefinition;

    #[test]
    fn decimals_are_sent_with_digits_on_both_sides_of_the_dot() {
        // The stub API refused "0." and ".5", which the widget accepted and sent as typed.
        let field = |kind: FieldType| CustomField {
            definition: CustomFieldDefinition {
                field_type: Some(kind),
                ..CustomFieldDefinition::default()
            },
            pattern: None,
        };
        let sent = |field: &CustomField, raw: &str| {
            custom_value(field, &[raw.to_string()])
                .map(|item| item.unwrap().data.unwrap()[0].value.clone())
        };
        let (number, amount) = (field(FieldType::Decimal), field(FieldType::Currency));
        for (raw, value) in [
            ("0.", "0"),
            (".5", "0.5"),
            ("-.5", "-0.5"),
            ("+3.", "3"),
            ("+12.50", "12.50"),
            ("-7", "-7"),
        ] {
            assert_eq!(sent(&number, raw), Ok(value.to_string()), "{raw}");
            assert_eq!(sent(&amount, raw), Ok(value.to_string()), "{raw}");
        }
        assert_eq!(sent(&amount, ".125"), Err(FieldError::TooManyDecimals));
        // One sign at most.
        let integer = field(FieldType::Integer);
        for raw in ["+-5", "-+5", "--5", "++5.5", "-"] {
            assert_eq!(sent(&number, raw), Err(FieldError::NotNumber), "{raw}");
            assert_eq!(
                sent(&integer, raw),
                Err(FieldError::NotWholeNumber),
                "{raw}"
            );
        }
        assert_eq!(sent(&integer, "+42"), Ok("42".to_string()));
        assert_eq!(sent(&integer, "-42"), Ok("-42".to_string()));
        for bad in [".", "-", "+.", "1.2.3", "1e3"] {
            assert_eq!(sent(&number, bad), Err(FieldError::NotNumber), "{bad}");
        }
    }
}
