//! The languages the widget ships, which one a page asks for, and numbers and durations as that
//! language writes them (the browser's `Intl`). The translations are JSON files outside the wasm
//! (`src/locales/<tag>.json`, served as `locales/<tag>.json` beside the module); English is the
//! table in [`super::texts`] and needs no file.

use serde::Serialize;

/// A language the widget ships.
///
/// # Examples
///
/// ```
/// use thena_add_contact::Locale;
///
/// assert_eq!(Locale::for_tag("de-AT"), Some(Locale::De));
/// assert_eq!(Locale::for_tag("pt_PT"), Some(Locale::PtBr));
/// assert_eq!(Locale::for_tag("zh-Hans"), None);
/// assert_eq!(Locale::for_page(Some("zh-Hans")), Locale::En);
/// assert_eq!(Locale::PtBr.tag(), "pt-BR");
/// assert!(Locale::Ar.is_rtl());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English (`en`), the default: the table in [`super::texts`], no file.
    #[default]
    En,
    /// German (`de`).
    De,
    /// French (`fr`).
    Fr,
    /// Spanish (`es`).
    Es,
    /// Brazilian Portuguese (`pt-BR`), also for any other Portuguese tag.
    PtBr,
    /// Japanese (`ja`).
    Ja,
    /// Arabic (`ar`), written right to left.
    Ar,
}

impl Locale {
    /// Every shipped language, English first.
    pub const ALL: [Locale; 7] = [
        Locale::En,
        Locale::De,
        Locale::Fr,
        Locale::Es,
        Locale::PtBr,
        Locale::Ja,
        Locale::Ar,
    ];

    /// The BCP 47 tag, as in `lang` and as the file is named.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Fr => "fr",
            Locale::Es => "es",
            Locale::PtBr => "pt-BR",
            Locale::Ja => "ja",
            Locale::Ar => "ar",
        }
    }

    /// Whether the language is written right to left.
    pub const fn is_rtl(self) -> bool {
        matches!(self, Locale::Ar)
    }

    /// The shipped language for a BCP 47 tag: the tag itself, else its language (`de-AT` →
    /// `de`; any Portuguese → `pt-BR`, the one shipped); `None` for a language not shipped.
    /// Case and `_` for `-` do not matter (`pt_br`, `EN-gb`).
    pub fn for_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().replace('_', "-");
        if let Some(exact) = Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(&tag))
        {
            return Some(exact);
        }
        let language = tag.split('-').next()?.to_ascii_lowercase();
        match language.as_str() {
            "pt" => Some(Locale::PtBr),
            _ => Locale::ALL.into_iter().find(|l| l.tag() == language),
        }
    }

    /// The language of a page where the nearest `lang` is `tag`: a language not shipped, or an
    /// unknown one (`lang=""`), is English.
    pub fn for_page(tag: Option<&str>) -> Locale {
        tag.and_then(Locale::for_tag).unwrap_or_default()
    }

    /// `n` as this language writes a count (`1,234` in English, `1.234` in German).
    pub fn number(self, n: u64) -> String {
        self.format(n, &IntlOptions::default())
            .unwrap_or_else(|| n.to_string())
    }

    /// A duration in this language, with its unit and grammatical number (`29 seconds`,
    /// `1 Minute`); `short` as on a button (`29 sec`).
    pub fn duration(self, n: u64, unit: TimeUnit, short: bool) -> String {
        let options = IntlOptions {
            style: Some("unit"),
            unit: Some(unit.name()),
            unit_display: Some(if short { "short" } else { "long" }),
        };
        self.format(n, &options).unwrap_or_else(|| {
            let (one, many, abbreviated) = match unit {
                TimeUnit::Second => ("second", "seconds", "sec"),
                TimeUnit::Minute => ("minute", "minutes", "min"),
            };
            match (short, n) {
                (true, _) => format!("{n} {abbreviated}"),
                (false, 1) => format!("1 {one}"),
                (false, _) => format!("{n} {many}"),
            }
        })
    }

    #[cfg(target_arch = "wasm32")]
    fn format(self, n: u64, options: &IntlOptions) -> Option<String> {
        let options = serde_wasm_bindgen::to_value(options).ok()?;
        let format = intl::NumberFormat::new(self.tag(), &options).ok()?;
        Some(format.format(n as f64))
    }

    /// Natively (tests, a Rust host's server) there is no `Intl`: English.
    #[cfg(not(target_arch = "wasm32"))]
    fn format(self, _: u64, _: &IntlOptions) -> Option<String> {
        None
    }
}

/// A unit of the durations messages mention.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{Texts, TimeUnit};
///
/// // In the browser through Intl.NumberFormat, in the form's language; natively in English.
/// let texts = Texts::default();
/// assert_eq!(texts.duration(1, TimeUnit::Second, false), "1 second");
/// assert_eq!(texts.duration(3, TimeUnit::Minute, false), "3 minutes");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
}

impl TimeUnit {
    const fn name(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
        }
    }
}

/// `Intl.NumberFormat`'s options, as much of them as the widget uses.
#[derive(Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct IntlOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    style: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_display: Option<&'static str>,
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Intl)]
        pub type NumberFormat;
        #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
        pub fn new(locale: &str, options: &JsValue) -> Result<NumberFormat, JsValue>;
        #[wasm_bindgen(method)]
        pub fn format(this: &NumberFormat, n: f64) -> String;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_falls_back_to_its_language_then_to_english() {
        assert_eq!(Locale::for_tag("de-AT"), Some(Locale::De));
        assert_eq!(Locale::for_tag("DE"), Some(Locale::De));
        assert_eq!(Locale::for_tag("pt-BR"), Some(Locale::PtBr));
        assert_eq!(Locale::for_tag("pt_br"), Some(Locale::PtBr));
        assert_eq!(Locale::for_tag("pt-PT"), Some(Locale::PtBr));
        assert_eq!(Locale::for_tag("ar-EG"), Some(Locale::Ar));
        assert_eq!(Locale::for_tag("ja-JP-u-ca-japanese"), Some(Locale::Ja));
        assert_eq!(Locale::for_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::for_tag("zh-Hans"), None);
        assert_eq!(Locale::for_tag(""), None);
        assert_eq!(Locale::for_tag("-"), None);
        assert_eq!(Locale::for_page(Some("zh")), Locale::En);
        assert_eq!(Locale::for_page(None), Locale::En);
        for locale in Locale::ALL {
            assert_eq!(Locale::for_tag(locale.tag()), Some(locale));
        }
    }

    #[test]
    fn without_intl_numbers_and_durations_are_english() {
        assert_eq!(Locale::De.number(1234), "1234");
        assert_eq!(
            Locale::En.duration(29, TimeUnit::Second, false),
            "29 seconds"
        );
        assert_eq!(Locale::En.duration(1, TimeUnit::Minute, false), "1 minute");
        assert_eq!(Locale::En.duration(29, TimeUnit::Second, true), "29 sec");
    }
}
