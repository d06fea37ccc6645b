//! The checks of single values that both the create (`contacts.rs`) and the custom fields'
//! check (`custom_fields.rs`) use: emails, E.164 phone numbers, numbers, dates and times (read
//! with the `time` crate), URLs (read with the `url` crate, the WHATWG standard browsers
//! follow).

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{Date, Time, UtcOffset};

/// Something, `@`, a domain with a dot; no whitespace (class-validator's loose reading).
pub(crate) fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.contains('@')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// `+` and 7 to 15 digits, the first not 0.
pub(crate) fn is_e164(s: &str) -> bool {
    s.strip_prefix('+').is_some_and(|digits| {
        (7..=15).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0')
    })
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `-12`, `0`, `42`: `^-?\d+$` with ASCII digits.
pub(crate) fn is_integer(s: &str) -> bool {
    all_digits(s.strip_prefix('-').unwrap_or(s))
}

/// How many digits follow the point of a decimal number (`-12`, `+3.5`, `0.25`); `None` for
/// anything else.
pub(crate) fn decimal_places(s: &str) -> Option<usize> {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    (all_digits(whole) && fraction.is_none_or(all_digits)).then(|| fraction.map_or(0, str::len))
}

const DATE: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");
const HOURS_MINUTES: &[BorrowedFormatItem<'_>] = format_description!("[hour]:[minute]");
const HOURS_MINUTES_SECONDS: &[BorrowedFormatItem<'_>] =
    format_description!("[hour]:[minute]:[second]");
const WITH_FRACTION: &[BorrowedFormatItem<'_>] =
    format_description!("[hour]:[minute]:[second].[subsecond]");
const OFFSET: &[BorrowedFormatItem<'_>] =
    format_description!("[offset_hour sign:mandatory]:[offset_minute]");

/// `YYYY-MM-DD`, a day that exists.
pub(crate) fn is_date(s: &str) -> bool {
    s.len() == 10 && Date::parse(s, DATE).is_ok()
}

/// `HH:MM` or `HH:MM:SS`, on a 24-hour clock.
pub(crate) fn is_time(s: &str) -> bool {
    Time::parse(s, HOURS_MINUTES).is_ok() || Time::parse(s, HOURS_MINUTES_SECONDS).is_ok()
}

/// `YYYY-MM-DDTHH:MM`, optionally `:SS` and then `.fff`, optionally `Z` or `±HH:MM`.
pub(crate) fn is_date_time(s: &str) -> bool {
    let Some((date, clock)) = s.split_once('T') else {
        return false;
    };
    let (clock, zone) = match clock.find(['Z', '+', '-']) {
        Some(at) => clock.split_at(at),
        None => (clock, ""),
    };
    // The offset's hours stop at 23 (the `time` crate reads up to 25).
    let zone_fits = matches!(zone, "" | "Z")
        || UtcOffset::parse(zone, OFFSET).is_ok_and(|offset| offset.whole_hours().abs() <= 23);
    let clock_fits = match clock.split_once('.') {
        Some((_, fraction)) => fraction.len() <= 9 && Time::parse(clock, WITH_FRACTION).is_ok(),
        None => is_time(clock),
    };
    is_date(date) && clock_fits && zone_fits
}

/// An absolute `http` or `https` URL with a host, as a browser reads it; written with `//`
/// and a host after the scheme (`https:///a` is a slip, though the standard reads `a` as its
/// host), and without whitespace.
pub(crate) fn is_url(s: &str) -> bool {
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((_, rest)) = s.split_once("://") else {
        return false;
    };
    let Ok(url) = url::Url::parse(s) else {
        return false;
    };
    matches!(url.scheme(), "http" | "https")
        && !rest.starts_with('/')
        && url.host_str().is_some_and(|host| !host.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for ok in ["0", "-12", "42"] {
            assert!(is_integer(ok), "{ok}");
        }
        for bad in ["", "-", "+1", "1.0", "1e3", "٣", " 1"] {
            assert!(!is_integer(bad), "{bad}");
        }
        assert_eq!(decimal_places("+3.50"), Some(2));
        assert_eq!(decimal_places("-7"), Some(0));
        for bad in ["", ".5", "5.", "1e3", "NaN", "inf", "1.2.3", "--1"] {
            assert_eq!(decimal_places(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_and_times() {
        for ok in ["2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-1-01",
            "2024-04-31",
            "24-01-01",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
        for ok in ["00:00", "23:59:59"] {
            assert!(is_time(ok), "{ok}");
        }
        for bad in ["24:00", "9:30", "12:60", "12:00:", "12:00:00:00", "é1:00"] {
            assert!(!is_time(bad), "{bad}");
        }
        for ok in [
            "2024-05-01T09:30",
            "2024-05-01T09:30:15",
            "2024-05-01T09:30:15.123Z",
            "2024-05-01T09:30+02:00",
            "2024-05-01T09:30:00-05:30",
        ] {
            assert!(is_date_time(ok), "{ok}");
        }
        for bad in [
            "2024-05-01",
            "2024-05-01 09:30",
            "2024-05-01T09:30.5",
            "2024-05-01T09:30Z+01:00",
            "2024-05-01T25:00",
            "2024-05-01T09:30+2",
            "2024-05-01T09:30+24:00",
            "2024-05-01T09:30-25:00",
            "2024-02-30T09:30",
        ] {
            assert!(!is_date_time(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        for ok in [
            "https://example.com",
            "http://a.b/c?d#e",
            "HTTPS://[::1]:8080/x",
            "https://u:p@host",
        ] {
            assert!(is_url(ok), "{ok}");
        }
        for bad in [
            "example.com",
            "ftp://x",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://:80",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
    }
}
