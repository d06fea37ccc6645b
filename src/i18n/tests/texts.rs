//! The texts' table, the languages' files and the typings agree.

use crate::i18n::locale::Locale;
use crate::i18n::texts::{field_texts, fill, Text, Texts};
use crate::model::field::Field;

#[test]
fn keys_are_unique_and_each_field_has_a_label_and_hint_key() {
    let mut keys: Vec<&str> = Text::ALL.iter().map(|t| t.key()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), Text::ALL.len());
    for field in Field::ALL {
        let (label, hint) = field_texts(field);
        assert_eq!(label.key(), format!("{}.label", field.json_name()));
        assert_eq!(hint.key(), format!("{}.hint", field.json_name()));
    }
}

#[test]
fn english_has_every_field_and_fills_placeholders() {
    let t = Texts::default();
    assert_eq!(t.get(Text::Submit), "Add contact");
    assert_eq!(t.label(Field::Phone), "Phone");
    assert_eq!(t.hint(Field::FirstName), "");
    assert!(t.hint(Field::Phone).contains("country code"));
    for field in Field::ALL {
        assert!(!t.label(field).is_empty(), "{field:?}");
    }
    let args = [("label", "First name"), ("max", "255"), ("actual", "300")];
    assert_eq!(
        t.fill(Text::ErrorTooLong, &args),
        "First name can be at most 255 characters; this one has 300."
    );
}

#[test]
fn a_hosts_strings_replace_texts_by_key() {
    let strings = r#"{"submit": "Anlegen", "firstName.label": "Vorname"}"#;
    let texts: Texts = serde_json::from_str(strings).unwrap();
    assert_eq!(texts.get(Text::Submit), "Anlegen");
    assert_eq!(texts.label(Field::FirstName), "Vorname");
    assert_eq!(texts.get(Text::Retry), "Try again");
    assert_eq!(
        texts,
        Texts::default()
            .with(Text::Submit, "Anlegen")
            .with(Text::FirstNameLabel, "Vorname")
    );
    let unknown = serde_json::from_str::<Texts>(r#"{"Submit": "x"}"#).unwrap_err();
    assert!(
        unknown.to_string().contains("unknown variant `Submit`"),
        "{unknown}"
    );
}

#[test]
fn fill_keeps_unknown_and_unclosed_placeholders_and_repeats_known_ones() {
    assert_eq!(
        fill("{a}{b} {a} {x} {", &[("a", "1"), ("b", "{a}")]),
        "1{a} 1 {x} {"
    );
    assert_eq!(fill("{a}{b} {a} {x} {", &[]), "{a}{b} {a} {x} {");
    assert_eq!(fill("ü{a}é}", &[("a", "😀")]), "ü😀é}");
    assert_eq!(fill("{}{ü}", &[("", "e")]), "e{ü}");
}

/// Every `{placeholder}` of a text, in order.
fn placeholders(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

/// Every shipped language has a file with every key of the table (and no other), and the
/// same `{placeholders}` as the English (a text the English leaves empty stays empty); no
/// other file is in the folder, and each file reads as texts.
#[test]
fn every_locale_file_has_every_key_and_placeholder() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/src/locales");
    let mut files: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let mut shipped: Vec<String> = Locale::ALL[1..]
        .iter()
        .map(|l| format!("{}.json", l.tag()))
        .collect();
    shipped.sort();
    assert_eq!(
        files, shipped,
        "src/locales/ holds one file per language but English"
    );
    // The module names each file, for bundlers to copy.
    let module = include_str!("../../js/thena_add_contact.js");
    for file in &shipped {
        let named = format!("new URL(\"./locales/{file}\", import.meta.url)");
        assert!(
            module.contains(&named),
            "src/js/thena_add_contact.js lacks {named}"
        );
    }
    let mut problems = Vec::new();
    for file in &files {
        let json = std::fs::read_to_string(format!("{folder}/{file}")).unwrap();
        let texts: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{file}: {e}"));
        for text in Text::ALL {
            let Some(translated) = texts.get(text.key()).and_then(|v| v.as_str()) else {
                problems.push(format!("{file}: {} is missing", text.key()));
                continue;
            };
            let (mut ours, mut theirs) = (placeholders(text.english()), placeholders(translated));
            ours.sort_unstable();
            theirs.sort_unstable();
            if ours != theirs {
                problems.push(format!(
                    "{file}: {} has {theirs:?}, not {ours:?}",
                    text.key()
                ));
            }
            if text.english().is_empty() != translated.is_empty() {
                problems.push(format!(
                    "{file}: {} is empty in one language only",
                    text.key()
                ));
            }
            if translated.chars().any(char::is_control) {
                problems.push(format!("{file}: {} has a control character", text.key()));
            }
        }
        for key in texts.keys() {
            if Text::try_from(key.clone()).is_err() {
                problems.push(format!("{file}: {key} is not a key of the table"));
            }
        }
        if let Err(e) = serde_json::from_str::<Texts>(&json) {
            problems.push(format!("{file}: {e}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_hosts_strings_win_over_the_language_and_rtl_values_are_isolated() {
    let german: Texts = serde_json::from_str(include_str!("../../locales/de.json")).unwrap();
    let german = german.in_locale(Locale::De);
    let host = Texts::default().with(Text::Submit, "Speichern");
    let texts = german.clone().replaced_by(&host);
    assert_eq!(texts.get(Text::Submit), "Speichern");
    assert_eq!(texts.get(Text::Retry), german.get(Text::Retry));
    assert_ne!(texts.get(Text::Retry), "Try again");
    assert_eq!(texts.locale(), Locale::De);
    let arabic: Texts = serde_json::from_str(include_str!("../../locales/ar.json")).unwrap();
    let created = arabic.in_locale(Locale::Ar).fill(
        Text::Created,
        &[("name", "Ada"), ("email", "ada@example.com")],
    );
    assert!(created.contains("\u{2068}Ada\u{2069}"), "{created}");
    assert!(
        created.contains("\u{2068}ada@example.com\u{2069}"),
        "{created}"
    );
    assert_eq!(
        Texts::default().fill(Text::Created, &[("name", "Ada"), ("email", "a@x.io")]),
        "Added Ada (a@x.io)."
    );
}

/// The typings list the same text keys as the table, in order, and document every
/// placeholder the English uses; and the same field names as the code.
#[test]
fn the_typings_list_every_text_key_and_field_name() {
    let typings = include_str!("../../js/thena_add_contact.d.ts");
    let block = |start: &str, end: &str| {
        let from = typings.find(start).expect(start) + start.len();
        let to = from + typings[from..].find(end).expect(end);
        &typings[from..to]
    };
    let mut documented: Vec<(&str, Vec<String>)> = Vec::new();
    let mut comment = String::new();
    for line in block("export interface Strings {", "\n}")
        .lines()
        .map(str::trim)
    {
        if let Some(key) = line.strip_suffix("?: string;") {
            let names = placeholders(&comment)
                .into_iter()
                .map(String::from)
                .collect();
            documented.push((key.trim_matches('"'), names));
            comment.clear();
        } else {
            // A comment, on one line or several.
            comment.push_str(line);
        }
    }
    let keys: Vec<&str> = documented.iter().map(|(key, _)| *key).collect();
    let table: Vec<&str> = Text::ALL.iter().map(|t| t.key()).collect();
    assert_eq!(keys, table);
    for (text, (key, names)) in Text::ALL.iter().zip(&documented) {
        for used in placeholders(text.english()) {
            assert!(
                names.iter().any(|name| name == used),
                "{key}: {{{used}}} is not in the typings"
            );
        }
    }
    let fields: Vec<&str> = block("export type FieldName =", ";")
        .split('|')
        .map(|name| name.trim().trim_matches('"'))
        .filter(|name| !name.is_empty())
        .collect();
    let names: Vec<&str> = Field::ALL.iter().map(|f| f.json_name()).collect();
    assert_eq!(fields, names);
}
