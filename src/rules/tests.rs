//! The rules' unit tests (hostile input included).

use super::builtin::*;
use super::*;

pub(crate) fn draft(pairs: &[(Field, &str)]) -> ContactDraft {
    let mut draft = ContactDraft::default();
    for (field, value) in pairs {
        draft.values[*field] = value.to_string();
    }
    draft
}

pub(crate) const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "'; DROP TABLE contacts; --",
    "Zoë 👩🏽‍💻 Ñandú",
    "محمد علي",
    "\u{202e}gnp.exe",
    "{{constructor.constructor('alert(1)')()}}",
    "${7*7}",
];

#[test]
fn first_name_is_required_after_trimming() {
    assert_eq!(first_name(""), Err(FieldError::Required));
    assert_eq!(first_name(" \t\u{a0} "), Err(FieldError::Required));
    assert_eq!(first_name("  Jane "), Ok("Jane".into()));
}

#[test]
fn names_keep_hostile_text_as_plain_text() {
    for text in HOSTILE {
        assert_eq!(first_name(text), Ok(text.to_string()), "{text}");
        assert_eq!(optional_text(text), Ok(Some(text.to_string())), "{text}");
    }
}

#[test]
fn names_reject_control_characters_and_huge_values() {
    assert_eq!(first_name("Ja\u{0}ne"), Err(FieldError::ControlCharacters));
    assert_eq!(first_name("Ja\u{7}ne"), Err(FieldError::ControlCharacters));
    assert_eq!(
        optional_text("Do\u{1b}[31me"),
        Err(FieldError::ControlCharacters)
    );
    let huge = "x".repeat(10_000);
    assert_eq!(
        first_name(&huge),
        Err(FieldError::TooLong {
            max: 255,
            actual: 10_000
        })
    );
    // Characters, not bytes: 255 emoji fit.
    assert!(first_name(&"😀".repeat(255)).is_ok());
    assert!(first_name(&"😀".repeat(256)).is_err());
}

#[test]
fn optional_text_is_none_when_empty() {
    assert_eq!(optional_text("   "), Ok(None));
    assert_eq!(optional_text(" CT123 "), Ok(Some("CT123".into())));
}

#[test]
fn email_accepts_what_an_email_input_accepts() {
    for ok in [
        "john.doe@example.com",
        "a@b.co",
        "first.last+tag@sub.example.co.uk",
        "o'brien@example.ie",
        "x!#$%&'*+/=?^_`{|}~-@ex-ample.com",
        "  padded@example.com  ",
        "digits@123.45.org",
    ] {
        assert_eq!(email(ok), Ok(ok.trim().to_string()), "{ok}");
    }
}

#[test]
fn email_rejections_say_what_is_wrong() {
    assert_eq!(email(""), Err(FieldError::Required));
    assert_eq!(email("john.example.com"), Err(FieldError::EmailMissingAt));
    assert_eq!(
        email("@example.com"),
        Err(FieldError::EmailMissingLocalPart)
    );
    assert_eq!(email("john@"), Err(FieldError::EmailInvalidDomain));
    assert_eq!(
        email("john@localhost"),
        Err(FieldError::EmailDomainWithoutDot)
    );
    assert_eq!(
        email("john@-example.com"),
        Err(FieldError::EmailInvalidDomain)
    );
    assert_eq!(
        email("john@example-.com"),
        Err(FieldError::EmailInvalidDomain)
    );
    assert_eq!(
        email("john@example..com"),
        Err(FieldError::EmailInvalidDomain)
    );
    assert_eq!(
        email("john@example.com."),
        Err(FieldError::EmailInvalidDomain)
    );
    assert_eq!(
        email("jo hn@example.com"),
        Err(FieldError::EmailInvalidCharacter(' '))
    );
    assert_eq!(
        email("a@b@example.com"),
        Err(FieldError::EmailInvalidCharacter('@'))
    );
    assert_eq!(
        email("jöhn@example.com"),
        Err(FieldError::EmailInvalidCharacter('ö'))
    );
    assert_eq!(
        email("john@exämple.com"),
        Err(FieldError::EmailInvalidCharacter('ä'))
    );
    assert_eq!(
        email("<script>@example.com"),
        Err(FieldError::EmailInvalidCharacter('<'))
    );
    assert_eq!(
        email("john<x>"),
        Err(FieldError::EmailInvalidCharacter('<'))
    );
    let long_label = format!("a@{}.com", "b".repeat(64));
    assert_eq!(email(&long_label), Err(FieldError::EmailInvalidDomain));
}

#[test]
fn email_is_at_most_254_characters() {
    let at_limit = format!("{}@example.com", "a".repeat(254 - 12));
    assert_eq!(at_limit.len(), 254);
    assert!(email(&at_limit).is_ok());
    let over = format!("a{at_limit}");
    assert_eq!(
        email(&over),
        Err(FieldError::TooLong {
            max: 254,
            actual: 255
        })
    );
    assert!(matches!(
        email(&"a".repeat(10_000)),
        Err(FieldError::TooLong { .. })
    ));
}

#[test]
fn phone_is_normalized_to_e164() {
    assert_eq!(phone(""), Ok(None));
    assert_eq!(phone("   "), Ok(None));
    assert_eq!(phone("+1234567890"), Ok(Some("+1234567890".into())));
    assert_eq!(phone("+1 (415) 555-0123"), Ok(Some("+14155550123".into())));
    assert_eq!(phone("0044 20.7946.0958"), Ok(Some("+442079460958".into())));
    assert_eq!(phone(" +49 30 901820 "), Ok(Some("+4930901820".into())));
    assert_eq!(phone("+1234567"), Ok(Some("+1234567".into())));
    assert_eq!(
        phone("+123456789012345"),
        Ok(Some("+123456789012345".into()))
    );
}

#[test]
fn phone_without_country_code_says_so() {
    assert_eq!(
        phone("415 555 0123"),
        Err(FieldError::PhoneMissingCountryCode)
    );
    assert_eq!(
        phone("(020) 7946 0958"),
        Err(FieldError::PhoneMissingCountryCode)
    );
}

#[test]
fn phone_rejects_wrong_length_letters_and_leading_zero() {
    assert_eq!(
        phone("+123456"),
        Err(FieldError::PhoneWrongLength { digits: 6 })
    );
    assert_eq!(
        phone("+1234567890123456"),
        Err(FieldError::PhoneWrongLength { digits: 16 })
    );
    assert_eq!(phone("+"), Err(FieldError::PhoneWrongLength { digits: 0 }));
    assert_eq!(
        phone("+0123456789"),
        Err(FieldError::PhoneCountryCodeStartsWithZero)
    );
    assert_eq!(
        phone("000123456789"),
        Err(FieldError::PhoneCountryCodeStartsWithZero)
    );
    assert_eq!(
        phone("+1 415 555 0123 x12"),
        Err(FieldError::PhoneInvalidCharacters)
    );
    assert_eq!(
        phone("+1+4155550123"),
        Err(FieldError::PhoneInvalidCharacters)
    );
    assert_eq!(phone("call me"), Err(FieldError::PhoneInvalidCharacters));
    assert_eq!(phone("+١٢٣٤٥٦٧٨"), Err(FieldError::PhoneInvalidCharacters));
    for text in HOSTILE {
        assert!(phone(text).is_err(), "{text}");
    }
    assert!(phone(&"9".repeat(10_000)).is_err());
}

#[test]
fn avatar_url_must_be_absolute_http_or_https() {
    assert_eq!(avatar_url(""), Ok(None));
    for ok in [
        "https://example.com/avatar.png",
        "http://example.com",
        "https://cdn.example.com:8443/a/b.png?size=64#x",
        "https://user@example.com/a.png",
        "http://[::1]:8080/a.png",
        "https://bücher.example/a.png",
    ] {
        assert_eq!(avatar_url(ok), Ok(Some(ok.to_string())), "{ok}");
    }
    assert_eq!(
        avatar_url("javascript:alert(1)"),
        Err(FieldError::UrlUnsupportedScheme("javascript".into()))
    );
    assert_eq!(
        avatar_url("JaVaScRiPt:alert(1)"),
        Err(FieldError::UrlUnsupportedScheme("javascript".into()))
    );
    assert_eq!(
        avatar_url("data:image/png;base64,iVBORw0KGgo="),
        Err(FieldError::UrlUnsupportedScheme("data".into()))
    );
    assert_eq!(
        avatar_url("ftp://example.com/a.png"),
        Err(FieldError::UrlUnsupportedScheme("ftp".into()))
    );
    for relative in [
        "/avatar.png",
        "avatar.png",
        "//example.com/a.png",
        "example.com:8080/a.png",
        "www.example.com/a.png",
    ] {
        assert_eq!(
            avatar_url(relative),
            Err(FieldError::UrlNotAbsolute),
            "{relative}"
        );
    }
    assert_eq!(
        avatar_url("https:example.com"),
        Err(FieldError::UrlNotAbsolute)
    );
    assert_eq!(avatar_url("https://"), Err(FieldError::UrlMissingHost));
    assert_eq!(
        avatar_url("https:///a.png"),
        Err(FieldError::UrlMissingHost)
    );
    assert_eq!(
        avatar_url("https://:80/a.png"),
        Err(FieldError::UrlMissingHost)
    );
    assert_eq!(
        avatar_url("https://exa mple.com/"),
        Err(FieldError::UrlContainsSpace)
    );
    assert_eq!(
        avatar_url("https://example.com/\u{0}"),
        Err(FieldError::ControlCharacters)
    );
    assert!(matches!(
        avatar_url(&format!("https://example.com/{}", "a".repeat(10_000))),
        Err(FieldError::TooLong { max: 2048, .. })
    ));
}

#[test]
fn avatar_url_refuses_a_port_browsers_refuse() {
    // Found by the stub's agreement test once the stub read URLs as browsers do.
    for ok in [
        "https://a:8443/x",
        "https://a:/x",
        "http://[::1]:65535",
        "https://a:0",
        "https://a:000080",
    ] {
        assert!(avatar_url(ok).is_ok(), "{ok}");
    }
    for bad in [
        "https://a:99999",
        "https://a:65536/x",
        "https://a:8o",
        "https://a:-1",
        "http://[::1]:99999",
        "https://a:1:2",
    ] {
        assert_eq!(avatar_url(bad), Err(FieldError::UrlInvalidPort), "{bad}");
    }
    // A host the standard cannot read (found by the stub's agreement test too).
    assert_eq!(
        avatar_url("https://\u{f44d2}"),
        Err(FieldError::UrlMissingHost)
    );
    assert!(avatar_url("https://bücher.example/a.png").is_ok());
}

#[test]
fn avatar_url_is_sent_with_a_lower_case_scheme() {
    // The stub API (like any server comparing "https://" as written) refused "HTTP://a".
    assert_eq!(
        avatar_url(" HTTPS://EXAMPLE.COM/A.PNG "),
        Ok(Some("https://EXAMPLE.COM/A.PNG".into()))
    );
    assert_eq!(avatar_url("HtTp://a"), Ok(Some("http://a".into())));
}

#[test]
fn avatar_url_refuses_an_unclosed_bracket_as_its_host() {
    // The widget sent "https://[" (a custom URL field); the stub API refused it.
    for unclosed in ["https://[", "https://[/a.png", "http://[::1:8080/"] {
        assert_eq!(
            avatar_url(unclosed),
            Err(FieldError::UrlMissingHost),
            "{unclosed}"
        );
    }
    assert!(avatar_url("http://[::1]/a.png").is_ok());
}

#[test]
fn account_ids_split_on_commas_and_newlines() {
    assert_eq!(account_ids(""), Ok(vec![]));
    assert_eq!(account_ids(" , \n ,"), Ok(vec![]));
    assert_eq!(
        account_ids("A123, A456"),
        Ok(vec!["A123".into(), "A456".into()])
    );
    assert_eq!(
        account_ids("A123\r\nA456\n\n,A789,"),
        Ok(vec!["A123".into(), "A456".into(), "A789".into()])
    );
    assert_eq!(split_account_ids(" A1 ,, A2\n"), vec!["A1", "A2"]);
}

#[test]
fn account_ids_flag_duplicates_and_spaces() {
    assert_eq!(
        account_ids("A123, A456, A123, A456, A123"),
        Err(FieldError::AccountIdsRepeated(vec![
            "A123".into(),
            "A456".into()
        ]))
    );
    assert_eq!(
        account_ids("A123 A456"),
        Err(FieldError::AccountIdContainsSpace("A123 A456".into()))
    );
    assert!(matches!(
        account_ids(&"A".repeat(10_000)),
        Err(FieldError::TooLong { .. })
    ));
    assert_eq!(account_ids("A1\u{1}"), Err(FieldError::ControlCharacters));
}

#[test]
fn draft_builds_the_request_with_empty_optionals_left_out() {
    let d = draft(&[
        (Field::FirstName, "  Jane "),
        (Field::LastName, "   "),
        (Field::Email, " jane@example.com "),
        (Field::Phone, "+1 (415) 555-0123"),
        (Field::AccountIds, "A1,\nA2"),
    ]);
    let body = d.to_request().unwrap();
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        serde_json::json!({
            "firstName": "Jane",
            "email": "jane@example.com",
            "phoneNumber": "+14155550123",
            "accountIds": ["A1", "A2"],
        })
    );
}

#[test]
fn draft_reports_every_error_in_form_order() {
    let d = draft(&[
        (Field::Phone, "555 0123 999"),
        (Field::AvatarUrl, "javascript:alert(1)"),
        (Field::AccountIds, "A, A"),
    ]);
    let errors = d.to_request().unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f.name()).collect();
    assert_eq!(
        fields,
        [
            "firstName",
            "email",
            "phoneNumber",
            "avatarUrl",
            "accountIds"
        ]
    );
    assert_eq!(d.check(Field::LastName), None);
    assert_eq!(d.check(Field::Email), Some(FieldError::Required));
}
