//! What is wrong with a host's option, in the words a host developer reads, written from the
//! reader's [`Problem`] (never from serde's English): `values.accountIds must be an array of
//! strings, not string "A1"`.

use super::host_value::{HostError, HostValue, Problem};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsError, JsValue};

/// A problem with the host's options; the message names the option and the bad value.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionError(pub String);

impl From<OptionError> for JsError {
    fn from(error: OptionError) -> JsError {
        JsError::new(&format!("thena-add-contact: {}", error.0))
    }
}

/// Reads the host's `value` as a `T`; `name` is what the host calls it ("options", "values",
/// `customFields[2]`), for the message.
pub fn read<T: DeserializeOwned>(value: JsValue, name: &str) -> Result<T, OptionError> {
    T::deserialize(HostValue(value)).map_err(|error| named(name, error))
}

/// The message of `error` in the value the host calls `name`.
fn named(name: &str, error: HostError) -> OptionError {
    let path = match (name, error.path.as_str()) {
        (name, "") => name.to_string(),
        ("options", path) => path.to_string(),
        (name, path) if path.starts_with('[') => format!("{name}{path}"),
        (name, path) => format!("{name}.{path}"),
    };
    OptionError(describe(&path, &error.problem))
}

/// `problem` at `path`, as a sentence.
fn describe(path: &str, problem: &Problem) -> String {
    match problem {
        Problem::Missing(member) if path == "options" => format!("{member} is required"),
        Problem::Missing(member) => format!("{path}.{member} is required"),
        Problem::UnknownMember(name) => format!("{path} has no field named \"{name}\""),
        // The texts' keys are the keys of `strings`.
        Problem::UnknownName { name, .. } if path.starts_with("strings") => {
            format!("strings has no text named \"{name}\"")
        }
        Problem::UnknownName { name, expected } if !expected.is_empty() => {
            let quoted: Vec<String> = expected.iter().map(|e| format!("\"{e}\"")).collect();
            let allowed = match quoted.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            };
            format!("{path} must be {allowed}, not \"{name}\"")
        }
        // A field's name, in an array of them.
        Problem::UnknownName { name, .. } => {
            let array = path.rsplit_once('[').map_or(path, |(array, _)| array);
            format!("{array} names no field \"{name}\"")
        }
        Problem::Wrong { got, expected } => format!("{path} must be {expected}, not {got}"),
        Problem::Unreadable(said) => format!("{path}: could not be read ({said})"),
        Problem::Other(message) => format!("{path}: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_speaks_of_options_fields_and_texts() {
        let wrong = |got: &str, expected: &str| Problem::Wrong {
            got: got.into(),
            expected: expected.into(),
        };
        for (path, problem, said) in [
            (
                "options",
                Problem::Missing("apiBase"),
                "apiBase is required",
            ),
            (
                "values.customFieldValues[0].data[0]",
                Problem::Missing("value"),
                "values.customFieldValues[0].data[0].value is required",
            ),
            (
                "values",
                Problem::UnknownMember("nickname".into()),
                "values has no field named \"nickname\"",
            ),
            (
                "hidden[0]",
                Problem::UnknownName {
                    name: "avatar".into(),
                    expected: &[],
                },
                "hidden names no field \"avatar\"",
            ),
            (
                "strings",
                Problem::UnknownName {
                    name: "Submit".into(),
                    expected: &[],
                },
                "strings has no text named \"Submit\"",
            ),
            (
                "theme",
                Problem::UnknownName {
                    name: "pink".into(),
                    expected: &["light", "dark", "auto"],
                },
                "theme must be \"light\", \"dark\" or \"auto\", not \"pink\"",
            ),
            (
                "token",
                wrong("number `5`", "a string"),
                "token must be a string, not number `5`",
            ),
            (
                "values",
                wrong("an array", "an object"),
                "values must be an object, not an array",
            ),
            (
                "values",
                Problem::Unreadable("no keys".into()),
                "values: could not be read (no keys)",
            ),
            (
                "x",
                Problem::Other("something odd".into()),
                "x: something odd",
            ),
        ] {
            assert_eq!(describe(path, &problem), said);
        }
    }
}
