//! The little JSON the widget needs: read a reply (strings, and the raw text of anything else)
//! and write strings. serde + serde_json did this too, at ~20 KB gzip of wasm (mostly generic
//! deserializer code, error formatting and float tables); this reader costs a few KB.

/// A parsed JSON value. Numbers are kept as their text: the widget never computes with them.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(&'a str),
    String(String),
    Array(Vec<Node<'a>>),
    Object(Vec<(String, Node<'a>)>),
}

/// A value and the exact text it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    pub value: Json<'a>,
    pub raw: &'a str,
}

/// Deeper nesting is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 64;

/// Parses one JSON value (with optional surrounding whitespace); `None` if `text` is not JSON.
pub fn parse(text: &str) -> Option<Node<'_>> {
    let mut reader = Reader { text, pos: 0 };
    let node = reader.value(0)?;
    reader.skip_whitespace();
    (reader.pos == text.len()).then_some(node)
}

impl<'a> Node<'a> {
    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.value {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        self.value == Json::Null
    }
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        self.text[self.pos..]
            .starts_with(word)
            .then(|| self.pos += word.len())
    }

    fn value(&mut self, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_whitespace();
        let start = self.pos;
        let value = match self.peek()? {
            b'n' => self.literal("null").map(|_| Json::Null)?,
            b't' => self.literal("true").map(|_| Json::Bool(true))?,
            b'f' => self.literal("false").map(|_| Json::Bool(false))?,
            b'"' => Json::String(self.string()?),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_whitespace();
                if self.eat(b']').is_none() {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.skip_whitespace();
                        match self.peek()? {
                            b',' => self.pos += 1,
                            b']' => {
                                self.pos += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Json::Array(items)
            }
            b'{' => {
                self.pos += 1;
                let mut members = Vec::new();
                self.skip_whitespace();
                if self.eat(b'}').is_none() {
                    loop {
                        self.skip_whitespace();
                        let key = self.string()?;
                        self.skip_whitespace();
                        self.eat(b':')?;
                        members.push((key, self.value(depth + 1)?));
                        self.skip_whitespace();
                        match self.peek()? {
                            b',' => self.pos += 1,
                            b'}' => {
                                self.pos += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Json::Object(members)
            }
            b'-' | b'0'..=b'9' => Json::Number(self.number()?),
            _ => return None,
        };
        Some(Node {
            value,
            raw: &self.text[start..self.pos],
        })
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let digits = |r: &mut Self| {
            let from = r.pos;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.pos += 1;
            }
            (r.pos > from).then_some(())
        };
        let _ = self.eat(b'-');
        if self.eat(b'0').is_none() {
            digits(self)?;
        }
        if self.eat(b'.').is_some() {
            digits(self)?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            digits(self)?;
        }
        Some(&self.text[start..self.pos])
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = self.text.get(self.pos..self.pos + 4)?;
        let code = u32::from_str_radix(hex, 16).ok()?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        Some(code)
    }

    /// After `\u`: a code point, or a surrogate pair; a lone half becomes U+FFFD.
    fn unicode_escape(&mut self, out: &mut String) -> Option<char> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) && self.text[self.pos..].starts_with("\\u")
        {
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            } else {
                out.push('\u{fffd}');
                second
            }
        } else {
            first
        };
        Some(char::from_u32(code).unwrap_or('\u{fffd}'))
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.pos..];
            // Copy the run up to the next quote, backslash or control character at once.
            let run = rest
                .find(|c: char| c == '"' || c == '\\' || c < ' ')
                .unwrap_or(rest.len());
            out.push_str(&rest[..run]);
            self.pos += run;
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let escaped = self.peek()?;
                    self.pos += 1;
                    let c = match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape(&mut out)?,
                        _ => return None,
                    };
                    out.push(c);
                }
                _ => return None, // a raw control character
            }
        }
    }
}

/// Appends `s` as a JSON string literal.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' => {
                let code = c as u32;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from_digit((code >> shift) & 0xF, 16).unwrap_or('0'));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Our reading agrees with serde_json's on what is JSON and what is not.
    fn agrees(text: &str) {
        let ours = parse(text);
        let theirs = serde_json::from_str::<Value>(text);
        assert_eq!(ours.is_some(), theirs.is_ok(), "{text:?}");
        if let (Some(ours), Ok(theirs)) = (ours, theirs) {
            assert_eq!(to_value(&ours), theirs, "{text:?}");
        }
    }

    fn to_value(node: &Node) -> Value {
        match &node.value {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => serde_json::from_str(n).unwrap(),
            Json::String(s) => Value::String(s.clone()),
            Json::Array(items) => Value::Array(items.iter().map(to_value).collect()),
            Json::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), to_value(v)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            include_str!("../tests/fixtures/seed-request.json"),
            include_str!("../tests/fixtures/seed-response.json"),
            "null",
            " true ",
            "false",
            "0",
            "-0",
            "12",
            "-3.25e+10",
            "1E5",
            "0.5",
            r#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#,
            r#"{"a":[1,{"b":null}],"c":"d"}"#,
            "[]",
            "{}",
            "[ [ ] , { } ]",
            r#""<script>alert(1)</script>""#,
            "\"محمد 👩🏽‍💻\"",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in [
            "",
            " ",
            "nul",
            "tru",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "[1 2]",
            "{\"a\" 1}",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12G4\"",
            "\"a\u{1}b\"",
            "[",
            "{",
            "{\"id\":",
            "[1]]",
            "nullx",
            "'a'",
            "NaN",
            "Infinity",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(parse(r#""\ud800""#).unwrap().as_str(), Some("\u{fffd}"));
        assert_eq!(
            parse(r#""\ud800\u0041""#).unwrap().as_str(),
            Some("\u{fffd}A")
        );
        assert_eq!(parse(r#""\udc00""#).unwrap().as_str(), Some("\u{fffd}"));
    }

    #[test]
    fn hostile_nesting_and_size_do_not_break_it() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&deep), None);
        let ok = format!("{}{}", "[".repeat(60), "]".repeat(60));
        assert!(parse(&ok).is_some());
        let big = format!("\"{}\"", "x".repeat(1_000_000));
        assert_eq!(parse(&big).unwrap().as_str().map(str::len), Some(1_000_000));
    }

    #[test]
    fn nodes_keep_their_raw_text() {
        let node = parse(r#" {"data": { "id" : "c1" }, "n": [1, 2] } "#).unwrap();
        assert_eq!(node.get("data").unwrap().raw, r#"{ "id" : "c1" }"#);
        assert_eq!(node.get("n").unwrap().raw, "[1, 2]");
        assert_eq!(
            node.get("data").unwrap().get("id").unwrap().as_str(),
            Some("c1")
        );
        assert!(node.get("missing").is_none());
    }

    #[test]
    fn written_strings_read_back_the_same() {
        for s in [
            "",
            "plain",
            "quote \" backslash \\ slash /",
            "\u{0}\u{1f}\n\r\t\u{7f}",
            "\u{2028}\u{2029}",
            "<script>alert(1)</script>",
            "محمد 👩🏽‍💻",
            "\u{feff}\u{202e}",
        ] {
            let mut out = String::new();
            write_str(&mut out, s);
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
            assert_eq!(parse(&out).unwrap().as_str(), Some(s));
        }
    }
}
