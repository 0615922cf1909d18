//! The `"key": value` pairs of a pretty-printed JSON document, line by
//! line: an API response or an export saved with indentation (Graylog,
//! Datadog, Intercom, claims intake), whose keys name what their values
//! hold the way a CSV header does.
//!
//! Each line of such a document starts outside any string, so reading
//! strings from the line's start keeps in step with the JSON: a string
//! followed by `:` is a key, and the string, number or bare word after it
//! is its value. Values holding escapes (JSON inside a JSON string) are
//! skipped; the regex rules read those.

use std::ops::Range;

/// The document whose first line is `head` is JSON read by its keys:
/// pretty-printed (its first line opens an object or an array and holds
/// nothing else: `{`, `[`, `{"data": [`) or JSON lines of records (its
/// first line is one whole object: a database or webhook export,
/// `{"_id":...}`, `{"id":"evt_1",...}`). An event log's lines start with
/// their time stamp or level (`{"ts":...}`): the keyed rules read those,
/// and reading every pair of every event would cost a log scan ~8%.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let line = super::records::first_line(head);
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let line = line.trim_ascii();
    if !matches!(line.first(), Some(b'{' | b'[')) {
        return false;
    }
    match line.last() {
        Some(b'{' | b'[') => true,
        Some(b'}') => !starts_like_an_event(line),
        _ => false,
    }
}

/// Keys an event log's records start with.
const EVENT_KEYS: &[&str] = &[
    "ts",
    "t",
    "time",
    "timestamp",
    "datetime",
    "date",
    "eventtime",
    "level",
    "severity",
    "loglevel",
    "msg",
    "message",
    "log",
];

/// The object on `line` starts with a time stamp or level key.
fn starts_like_an_event(line: &[u8]) -> bool {
    let at = skip_spaces(line, 1, line.len());
    if line.get(at) != Some(&b'"') {
        return false;
    }
    let Some(key) = string_at(line, at + 1, line.len()) else {
        return false;
    };
    let mut buf = [0u8; 48];
    let norm = super::fields::normalize_key(&line[key], &mut buf);
    EVENT_KEYS.iter().any(|k| k.as_bytes() == norm)
}

/// A line of a JSON document that may hold pairs: it starts (after
/// indentation) with a key or opens an object or array. A log line that
/// follows a JSON one in a mixed file does not.
pub(crate) fn may_hold_pairs(line: &[u8]) -> bool {
    matches!(
        line.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'"' | b'{' | b'[')
    )
}

/// Hand each `"key": value` pair of `line` of `hay` to `each` (key
/// without its quotes, value without its quotes).
pub(crate) fn pairs(
    hay: &[u8],
    line: Range<usize>,
    mut each: impl FnMut(Range<usize>, Range<usize>),
) {
    let end = line.end;
    let mut pos = line.start;
    while let Some(open) = memchr::memchr(b'"', &hay[pos..end]) {
        let start = pos + open + 1;
        let Some(string) = string_at(hay, start, end) else { return };
        pos = string.end + 1;
        let after = skip_spaces(hay, pos, end);
        if after >= end || hay[after] != b':' {
            // A value string (or an array element): go on after it.
            continue;
        }
        let key = string;
        let at = skip_spaces(hay, after + 1, end);
        if at >= end {
            return;
        }
        if hay[at] == b'"' {
            let Some(value) = string_at(hay, at + 1, end) else { return };
            pos = value.end + 1;
            if memchr::memchr(b'\\', &hay[value.clone()]).is_none() {
                each(key, value);
            }
        } else if matches!(hay[at], b'{' | b'[') {
            // An object or array: its strings are read as they come.
            pos = at + 1;
        } else {
            let len = hay[at..end]
                .iter()
                .take_while(|&&b| !matches!(b, b',' | b'}' | b']' | b' '))
                .count();
            pos = at + len;
            if len > 0 {
                each(key, at..at + len);
            }
        }
    }
}

/// The string whose content starts at `start` (after its opening quote),
/// up to its closing quote, if it closes before `end`.
pub(crate) fn string_at(
    hay: &[u8],
    start: usize,
    end: usize,
) -> Option<Range<usize>> {
    let mut i = start;
    while i < end {
        i += memchr::memchr2(b'"', b'\\', &hay[i..end])?;
        if hay[i] == b'"' {
            return Some(start..i);
        }
        i += 2;
    }
    None
}

/// How far from a value the object holding it is read, either way.
const MAX_OBJECT: usize = 4 << 10;

/// Call `each` with the key of every direct member of the JSON object
/// holding the string value that starts at `at` (the member's own key
/// too; nested objects' keys are theirs), read within [`MAX_OBJECT`]
/// bytes either side. Nothing if the value is not in an object.
pub(crate) fn object_keys_around(
    hay: &[u8],
    at: usize,
    mut each: impl FnMut(&[u8]),
) {
    // Back to the `{` that opens the object, past the value's quote;
    // strings are skipped by their unescaped quotes.
    let Some(quote) = at.checked_sub(1).filter(|&q| hay[q] == b'"') else {
        return;
    };
    let from = quote.saturating_sub(MAX_OBJECT);
    let (mut i, mut depth, mut in_string) = (quote, 0usize, false);
    let open = loop {
        if i <= from {
            return;
        }
        i -= 1;
        match hay[i] {
            b'"' if i == 0 || hay[i - 1] != b'\\' => in_string = !in_string,
            _ if in_string => {}
            b'}' | b']' => depth += 1,
            b'{' | b'[' if depth > 0 => depth -= 1,
            b'{' => break i,
            b'[' => return,
            _ => {}
        }
    };
    // Forward over its members.
    let end = (quote + MAX_OBJECT).min(hay.len());
    let (mut i, mut depth) = (open + 1, 0usize);
    while i < end {
        match hay[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < end && hay[j] != b'"' {
                    j += if hay[j] == b'\\' { 2 } else { 1 };
                }
                if j >= end {
                    return;
                }
                if depth == 0
                    && hay[skip_spaces(hay, j + 1, end)..].first()
                        == Some(&b':')
                {
                    each(&hay[start..j]);
                }
                i = j + 1;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return,
            },
            _ => {}
        }
        i += 1;
    }
}

fn skip_spaces(hay: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && matches!(hay[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_around(hay: &str, value: &str) -> Vec<String> {
        let at = hay.find(value).unwrap();
        let mut keys = Vec::new();
        object_keys_around(hay.as_bytes(), at, |k| {
            keys.push(String::from_utf8_lossy(k).into_owned())
        });
        keys
    }

    #[test]
    fn keys_of_the_object_holding_a_value() {
        let hay = r#"{"id": 7, "customer": {"name": "Hodan Abdi",
            "tags": ["a", "{b"], "alt": {"email": "x@y"}, "msisdn": "+254"},
            "note": "}"}"#;
        assert_eq!(
            keys_around(hay, "Hodan"),
            ["name", "tags", "alt", "msisdn"]
        );
        // A value in an array belongs to no object's member.
        assert!(
            keys_around(r#"{"names": ["Hodan Abdi"]}"#, "Hodan").is_empty()
        );
        // Not a string value.
        assert!(keys_around(r#"{"n": 12}"#, "12").is_empty());
    }

    fn all_pairs(text: &str) -> Vec<(String, String)> {
        let hay = text.as_bytes();
        let mut found = Vec::new();
        pairs(hay, 0..hay.len(), |k, v| {
            found.push((text[k].to_string(), text[v].to_string()))
        });
        found
    }

    #[test]
    fn pretty_printed_documents_and_json_lines() {
        assert!(sniff(b"{\n  \"messages\": [\n"));
        assert!(sniff(b"  [\r\n"));
        assert!(sniff(b"{\"data\": [\n"));
        assert!(sniff(b"{\"_id\":{\"$oid\":\"65e1\"},\"cp\":\"28012\"}\n"));
        // An event log's lines are left to the keyed rules.
        assert!(!sniff(b"{\"ts\":\"2024-06-12\",\"msg\":\"ok\"}\n"));
        assert!(!sniff(b"{ \"@timestamp\": \"2024-06-12\"}\n"));
        assert!(!sniff(b"2024-06-12 INFO {\"msg\":\"ok\"}\n"));
        assert!(!sniff(b"id,name\n"));
        // In a mixed log, only the JSON lines are read.
        assert!(may_hold_pairs(b"{\"zip\":\"10115\"}"));
        assert!(may_hold_pairs(b"    \"zip\": \"10115\","));
        assert!(!may_hold_pairs(b"2024-06-12 INFO zip=\"10115\""));
    }

    #[test]
    fn keys_and_their_values() {
        assert_eq!(
            all_pairs(r#"    "telefono": "612 448 903","#),
            [("telefono".into(), "612 448 903".into())]
        );
        assert_eq!(
            all_pairs(r#"  "lat": 48.8652, "ok": true, "tags": ["a", "b"]"#),
            [("lat".into(), "48.8652".into()), ("ok".into(), "true".into())]
        );
        // A compact object on one line; a value with a colon in it.
        assert_eq!(
            all_pairs(r#""adresse": { "ligne1": "3 cours", "url": "a:b" }"#),
            [
                ("ligne1".into(), "3 cours".into()),
                ("url".into(), "a:b".into())
            ]
        );
    }

    #[test]
    fn escaped_values_are_left_to_the_rules() {
        assert!(all_pairs(r#""body": "{\"zip\": \"80337\"}""#).is_empty());
        assert!(all_pairs(r#""zip": "80337"#).is_empty());
    }
}
