//! Strategies the property tests share (`tests/properties.rs`, `stub-api/tests/agreement.rs`):
//! any text at all, and text shaped like what people type or paste into each field, near-valid
//! and valid, so that the interesting boundaries are reached often.

// Each test file uses some of these.
#![allow(dead_code)]

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde::de::DeserializeOwned;
use serde_json::Value;
use thena_add_contact::api::Reply;
use thena_add_contact::model::org::FieldType;

/// A parsed reply as serde_json holds it, for the widget's readers (api.rs's own
/// `impl Reply for Value` is private to its unit tests).
#[derive(Clone, Debug)]
pub struct Json(pub Value);

impl Reply for Json {
    fn read<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_value(self.0.clone()).ok()
    }

    fn member(&self, name: &str) -> Option<Json> {
        self.0.as_object()?.get(name).cloned().map(Json)
    }

    fn items(&self) -> Option<Vec<Json>> {
        Some(self.0.as_array()?.iter().cloned().map(Json).collect())
    }
}

/// Cases per property unless `PROPTEST_CASES` asks for another number.
pub const DEFAULT_CASES: u32 = 10_000;

/// `PROPTEST_CASES` when it is set to a number, else [`DEFAULT_CASES`].
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// The one configuration of every property: [`cases`] cases, and no regression files written
/// into the source tree (a failure is pinned by a plain unit test instead).
pub fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Characters that decide things: separators, control and odd whitespace, non-ASCII digits,
/// letters that change length when case-folded, astral characters.
const SPECIAL: &[char] = &[
    '\0',
    '\t',
    '\n',
    '\r',
    '\u{b}',
    '\u{c}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{2028}',
    '\u{2029}',
    '\u{200b}',
    '\u{feff}',
    '\u{202e}',
    '\u{3000}',
    ' ',
    '@',
    '.',
    ',',
    '+',
    '-',
    '(',
    ')',
    '/',
    ':',
    '[',
    ']',
    '\\',
    '"',
    '\'',
    '<',
    '>',
    '%',
    '#',
    '?',
    '&',
    '=',
    '_',
    '~',
    '!',
    '$',
    '*',
    '`',
    '{',
    '}',
    '|',
    '^',
    ';',
    '٣',
    '０',
    'é',
    'ß',
    'İ',
    'ﬃ',
    '😀',
    '\u{10ffff}',
    '\u{fffd}',
];

/// Any character: printable ASCII, the special ones, any in the BMP, any at all, and C0 and
/// C1 controls, in about the ratio 3:3:2:2:1. Drawn from one `u32` (a union of char strategies
/// per character made each case ten times slower); it shrinks towards `a`.
pub fn any_char() -> impl Strategy<Value = char> {
    any::<u32>().prop_map(char_of)
}

fn char_of(code: u32) -> char {
    let n = code / 11;
    let scalar = |value: u32| char::from_u32(value).unwrap_or('\u{fffd}');
    match code % 11 {
        0..=2 => scalar(u32::from(b'!') + (n + 64) % 94),
        3..=5 => SPECIAL[n as usize % SPECIAL.len()],
        6 | 7 => scalar(n % 0x1_0000),
        8 | 9 => scalar(n % 0x11_0000),
        _ => scalar([n % 0x20, 0x7f + n % 0x21][n as usize / 0x20 % 2]),
    }
}

/// Up to `max` of any character.
pub fn text(max: usize) -> impl Strategy<Value = String> {
    vec(any_char(), 0..=max).prop_map(String::from_iter)
}

/// A few KB (up to about 6,000 characters): a piece of any characters repeated, then more.
/// (Thousands of characters drawn one by one would make each case slow.)
pub fn long_text() -> impl Strategy<Value = String> {
    (text(48), 20..=120usize, text(16)).prop_map(|(piece, n, tail)| piece.repeat(n) + &tail)
}

/// Any string: mostly short, sometimes a few hundred characters, sometimes a few KB.
pub fn any_text() -> BoxedStrategy<String> {
    prop_oneof![
        6 => text(24),
        2 => text(300),
        1 => long_text(),
    ]
    .boxed()
}

/// `shaped` most of the time, else any string.
fn or_any(shaped: impl Strategy<Value = String> + 'static) -> BoxedStrategy<String> {
    prop_oneof![4 => shaped, 1 => any_text()].boxed()
}

/// Whitespace people leave around a value (and some they cannot see).
pub fn padding() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => Just(""),
        1 => select(&[" ", "  ", "\t", "\u{a0}", "\n", "\r\n", "\u{3000}", "\u{2028}"][..]),
    ]
}

fn padded(value: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (padding(), value, padding())
        .prop_map(|(before, value, after)| format!("{before}{value}{after}"))
}

/// Text for names (first, last): ordinary, hostile, around the length limit, anything.
pub fn name_text() -> BoxedStrategy<String> {
    or_any(padded(prop_oneof![
        6 => "[A-Z][a-z]{0,12}([ '-][A-Z][a-z]{0,10})?",
        2 => select(&[
            "Zoë", "Ñandú", "محمد", "李", "O'Brien", "<script>alert(1)</script>", "{label}",
            "'; DROP TABLE contacts; --", "\u{202e}gnp.exe", "👩🏽\u{200d}💻",
        ][..]).prop_map(String::from),
        1 => (select(&["x", "é", "😀"][..]), 250..=260usize).prop_map(|(c, n)| c.repeat(n)),
    ]))
}

/// A valid email's local part and domain, or one that is nearly valid.
pub fn email_text() -> BoxedStrategy<String> {
    let local = prop_oneof![
        6 => "[a-z][a-z0-9]{0,10}([._+-][a-z0-9]{1,8})?",
        2 => "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]{0,16}",
        1 => text(6),
        1 => (230..=250usize).prop_map(|n| "a".repeat(n)),
    ];
    let label = prop_oneof![
        8 => "[a-z0-9]{1,10}",
        2 => "[a-z0-9-]{0,12}",
        1 => "[a-z]{62,65}",
        1 => text(4),
    ];
    let domain = (vec(label, 1..=4), select(&["", "", "", "", ".", "-"][..]))
        .prop_map(|(labels, end)| format!("{}{end}", labels.join(".")));
    let at = prop_oneof![
        12 => Just("@"),
        1 => select(&["", "@@", " @", "@ ", "＠"][..]),
    ];
    or_any(padded((local, at, domain).prop_map(
        |(local, at, domain)| format!("{local}{at}{domain}"),
    )))
}

/// A phone number the way people write them: with `+` or `00` or neither, groups of digits
/// between spaces, dashes, dots and parentheses; sometimes letters or other digits.
pub fn phone_text() -> BoxedStrategy<String> {
    let prefix = select(&["+", "+", "+", "00", "", "+0", " +", "(+", "0", "++", "+ "][..]);
    let separator = prop_oneof![
        8 => select(&[" ", "-", ".", "", "(", ")", ") "][..]),
        1 => select(&["\u{a0}", "\t", "/", "x", "ext.", "٣", "+", "\n"][..]),
    ];
    let groups = vec(("[0-9]{1,5}", separator), 0..=6).prop_map(|groups| {
        groups
            .into_iter()
            .map(|(digits, separator)| format!("{digits}{separator}"))
            .collect::<String>()
    });
    prop_oneof![
        5 => padded((prefix, groups).prop_map(|(prefix, groups)| format!("{prefix}{groups}"))),
        1 => "[+]?[1-9][0-9]{5,16}",
        1 => any_text(),
    ]
    .boxed()
}

/// A URL: http(s) and odd schemes, slashes right and wrong, hosts present, missing or
/// bracketed, ports, paths, and sometimes right around the length limit.
pub fn url_text() -> BoxedStrategy<String> {
    let scheme = prop_oneof![
        6 => select(&["https", "http"][..]),
        2 => select(&[
            "HTTP", "HtTpS", "javascript", "JaVaScRiPt", "data", "ftp", "mailto", "h", "1http",
            "http+x", "", "http.", "ht tp", "web+x", "file",
        ][..]),
    ];
    let colon = prop_oneof![8 => Just(":"), 1 => select(&["", "::", "："][..])];
    let slashes = prop_oneof![8 => Just("//"), 1 => select(&["/", "", "///", "\\\\", "/\\"][..])];
    let userinfo = prop_oneof![8 => Just(""), 1 => select(&["user@", "u:p@", "@", "a@b@"][..])];
    let host = prop_oneof![
        6 => "[a-z][a-z0-9-]{0,10}(\\.[a-z]{2,5}){0,2}",
        3 => select(&[
            "example.com", "[::1]", "[", "[]", "]", "[x", "[::1", "...", ".", "", "bücher.example",
            "a b", "localhost", "127.0.0.1", "EXAMPLE.COM", "exa\tmple.com", "%2F",
        ][..]).prop_map(String::from),
        1 => text(6),
    ];
    let port = prop_oneof![6 => Just(""), 1 => select(&[":", ":8080", ":99999", ":x"][..])];
    let path = prop_oneof![
        4 => select(&["", "/", "/a.png", "/avatars/jd.png?size=64#top", "?x=1", "#f"][..])
            .prop_map(String::from),
        1 => select(&["/a b", "\\x", "/%20", "/\u{0}", "/ä"][..]).prop_map(String::from),
        1 => text(10).prop_map(|t| format!("/{t}")),
        1 => (2010..=2060usize).prop_map(|n| format!("/{}", "a".repeat(n))),
    ];
    or_any(padded(
        (scheme, colon, slashes, userinfo, host, port, path).prop_map(
            |(scheme, colon, slashes, userinfo, host, port, path)| {
                format!("{scheme}{colon}{slashes}{userinfo}{host}{port}{path}")
            },
        ),
    ))
}

/// A comma- or newline-separated list of account IDs, with repeats, spaces, empty entries.
pub fn account_ids_text() -> BoxedStrategy<String> {
    let id = prop_oneof![
        6 => "(acc_)?[a-z0-9_]{1,10}",
        3 => select(&["A1", "A2", "acc_acme", "ACC_1"][..]).prop_map(String::from),
        1 => select(&["a b", "a\tb", "a\u{1}b", "\u{a0}"][..]).prop_map(String::from),
        1 => text(5),
        1 => (250..=260usize).prop_map(|n| "x".repeat(n)),
    ];
    let separator = select(
        &[
            ",", ",", ", ", "\n", "\r\n", ",,", " ,\n", "\r", " ", "\t", ";",
        ][..],
    );
    or_any(vec((id, separator), 0..=8).prop_map(|items| {
        items
            .into_iter()
            .map(|(id, separator)| format!("{id}{separator}"))
            .collect()
    }))
}

/// A contact type: anything (the host may preset it).
pub fn contact_type_text() -> BoxedStrategy<String> {
    or_any(padded(
        select(
            &[
                "",
                "CT_PRIMARY",
                "CT_BILLING",
                "CT_LEGAL",
                "CT_OTHER",
                "ct_primary",
            ][..],
        )
        .prop_map(String::from),
    ))
}

/// Every type of custom field the widget knows, and the fallback.
pub const FIELD_TYPES: [FieldType; 18] = [
    FieldType::SingleLine,
    FieldType::MultiLine,
    FieldType::RichText,
    FieldType::Integer,
    FieldType::Decimal,
    FieldType::Currency,
    FieldType::Date,
    FieldType::DateTime,
    FieldType::Time,
    FieldType::SingleChoice,
    FieldType::MultiChoice,
    FieldType::RadioButton,
    FieldType::Checkbox,
    FieldType::Email,
    FieldType::PhoneNumber,
    FieldType::Url,
    FieldType::IpAddress,
    FieldType::Unknown,
];

/// A number as typed: signs, digits, a dot with or without digits around it, odd forms.
pub fn number_text() -> BoxedStrategy<String> {
    prop_oneof![
        6 => "[+-]{0,2}[0-9]{0,6}(\\.[0-9]{0,4})?",
        1 => select(&[
            "1e3", "NaN", "Infinity", "-", "+", ".", "1,5", "٣", "0x10", "1_000", "+-1", "-+1",
        ][..]).prop_map(String::from),
        1 => "[0-9]{28,33}",
    ]
    .boxed()
}

/// A date, a time or both, as `<input>`s give them and nearly.
pub fn date_time_text() -> BoxedStrategy<String> {
    let date = "[0-9]{4}-(0[0-9]|1[0-3])-([0-2][0-9]|3[0-2])";
    let time = "([01][0-9]|2[0-5]):[0-6][0-9](:[0-6][0-9])?";
    prop_oneof![
        3 => date,
        3 => time,
        3 => (date, select(&["T", "T", " ", "t"][..]), time, select(&["", "", "Z", "+02:00", ".5"][..]))
            .prop_map(|(d, t, c, z)| format!("{d}{t}{c}{z}")),
        1 => select(&["2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "24:00", "9:30", "12:00:", "é1:00"][..])
            .prop_map(String::from),
    ]
    .boxed()
}

/// An IP address, or nearly one.
pub fn ip_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[0-9]{1,3}(\\.[0-9]{1,3}){3}",
        2 => "[0-9a-f:]{2,20}",
        1 => select(&["::1", "::ffff:1.2.3.4", "1.2.3", "fe80::1%eth0", "256.1.1.1"][..])
            .prop_map(String::from),
    ]
    .boxed()
}

/// What a custom field of `kind` may hold, typed by a person (or preset by a host): mostly
/// shaped for the type, sometimes for another, sometimes anything.
pub fn custom_text(kind: FieldType, options: &[String]) -> BoxedStrategy<String> {
    let options = if options.is_empty() {
        vec![String::from("Gold")]
    } else {
        options.to_vec()
    };
    let choice = prop_oneof![
        6 => select(options),
        1 => select(&["", "gold", " Gold", "Other", "true", "false"][..]).prop_map(String::from),
    ];
    let shaped: BoxedStrategy<String> = match kind {
        FieldType::Integer | FieldType::Decimal | FieldType::Currency => number_text(),
        FieldType::Date | FieldType::DateTime | FieldType::Time => date_time_text(),
        FieldType::SingleChoice | FieldType::RadioButton | FieldType::MultiChoice => choice.boxed(),
        FieldType::Checkbox => select(&["true", "false", "", "on", "TRUE", " true "][..])
            .prop_map(String::from)
            .boxed(),
        FieldType::Email => email_text(),
        FieldType::PhoneNumber => phone_text(),
        FieldType::Url => url_text(),
        FieldType::IpAddress => ip_text(),
        FieldType::SingleLine | FieldType::Unknown => prop_oneof![
            3 => "[A-Z]{2}-[0-9]{4}",
            3 => name_text(),
        ]
        .boxed(),
        FieldType::MultiLine | FieldType::RichText => prop_oneof![
            3 => "[A-Za-z ]{0,20}(\n[A-Za-z ]{0,20}){0,3}",
            1 => "<p>[a-z ]{0,10}</p>\r\n\t",
            1 => (9990..=10010usize).prop_map(|n| "a".repeat(n)),
            1 => any_text(),
        ]
        .boxed(),
    };
    prop_oneof![
        8 => padded(shaped),
        1 => number_text(),
        1 => any_text(),
    ]
    .boxed()
}
