//! The `key: value` lines of an indented document that is neither JSON
//! nor XML: YAML (a Kubernetes secret, an Ansible inventory, an export
//! saved as YAML) and protocol buffers' text format (a gRPC service's
//! debug dump, `family_name: "中村"` inside `customer { ... }`). Their
//! keys name their values the way a CSV header or JSON keys do, so the
//! column rules read them.
//!
//! A line holds one pair: an indent, a key of letters, digits, `_`, `-`
//! or `.`, a colon and a space, then a quoted string or a bare value to
//! the line's end.

use std::ops::Range;

/// Lines of the head read to tell such a document.
const SNIFF_LINES: usize = 24;

/// The document whose head is `head` is made of keyed lines: among its
/// first lines (comments and blank lines aside), most are `key: value`
/// pairs, `key:` or `name {` openings, `}` closings or `- ` list items,
/// and three at least are pairs. A log's lines start with a time stamp
/// and are none of these.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let (mut lines, mut keyed, mut pairs) = (0, 0, 0);
    for line in head.split(|&b| b == b'\n').take(SNIFF_LINES * 2) {
        let text = line.trim_ascii();
        if text.is_empty() || text.starts_with(b"#") || text == b"---" {
            continue;
        }
        lines += 1;
        if pair(line, 0).is_some() {
            keyed += 1;
            pairs += 1;
        } else if opening(text) || text == b"}" || text.starts_with(b"- ") {
            keyed += 1;
        }
        if lines == SNIFF_LINES {
            break;
        }
    }
    // The last line of the head may be cut short.
    pairs >= 3 && keyed * 5 >= (lines.max(1) - 1) * 4
}

/// `key:` (a YAML mapping) or `key {` (a message in text format).
fn opening(text: &[u8]) -> bool {
    let key = key_len(text);
    key > 0 && matches!(&text[key..], b":" | b" {" | b"{")
}

/// Length of the key starting `text`: a letter or `_`, then letters,
/// digits, `_`, `-` or `.`.
fn key_len(text: &[u8]) -> usize {
    match text.first() {
        Some(b) if b.is_ascii_alphabetic() || *b == b'_' => text
            .iter()
            .take_while(|&&b| {
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
            })
            .count(),
        _ => 0,
    }
}

/// The key and value of the pair on `line` (a slice of a haystack whose
/// offset is `at`), if it holds one: `  phone: "080-5521-0938"` gives
/// `phone` and `080-5521-0938`. A value opening a block, a list, an
/// anchor or an alias (`{`, `[`, `|`, `>`, `&`, `*`) is none.
pub(crate) fn pair(
    line: &[u8],
    at: usize,
) -> Option<(Range<usize>, Range<usize>)> {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    let key = indent..indent + key_len(&line[indent..]);
    if key.is_empty() || line.get(key.end..key.end + 2) != Some(b": ") {
        return None;
    }
    let mut start = key.end + 2;
    while line.get(start) == Some(&b' ') {
        start += 1;
    }
    let mut end = line.len();
    while end > start && matches!(line[end - 1], b' ' | b'\r') {
        end -= 1;
    }
    if start >= end
        || matches!(line[start], b'{' | b'[' | b'|' | b'>' | b'&' | b'*')
    {
        return None;
    }
    let quote = line[start];
    let value = if matches!(quote, b'"' | b'\'') {
        // The string alone, without escapes: JSON inside it is the
        // regex rules' to read.
        let close = start + 1 + memchr::memchr(quote, &line[start + 1..end])?;
        if close + 1 != end || line[start + 1..close].contains(&b'\\') {
            return None;
        }
        start + 1..close
    } else {
        start..end
    };
    (!value.is_empty()).then(|| {
        (at + key.start..at + key.end, at + value.start..at + value.end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(line: &str) -> Option<(String, String)> {
        pair(line.as_bytes(), 0)
            .map(|(k, v)| (line[k].to_string(), line[v].to_string()))
    }

    #[test]
    fn pairs_of_yaml_and_text_format_lines() {
        let both = |k: &str, v: &str| Some((k.to_string(), v.to_string()));
        assert_eq!(
            kv("  phone: \"080-5521-0938\""),
            both("phone", "080-5521-0938")
        );
        assert_eq!(
            kv("address_line1: 4-2 Hakata Ekimae\r"),
            both("address_line1", "4-2 Hakata Ekimae")
        );
        assert_eq!(kv("  floor: 11"), both("floor", "11"));
        assert_eq!(kv("customer {"), None);
        assert_eq!(kv("spec: {replicas: 2}"), None);
        assert_eq!(kv("note: \"say \\\"hi\\\"\""), None);
        assert_eq!(kv("2024-10-06 10:05:31 INFO: started"), None);
    }

    #[test]
    fn documents_of_keyed_lines() {
        let txtpb = "# debug dump\nrequest_id: \"qr_1\"\nchannel: WEB\ncustomer {\n  family_name: \"中村\"\n  phone: \"080\"\n}\n";
        assert!(sniff(txtpb.as_bytes()));
        let yaml = "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  user: YWRt\n";
        assert!(sniff(yaml.as_bytes()));
        let log = "2024-10-06 10:05:31 INFO: started\n2024-10-06 10:05:32 WARN: slow\nuser: ann\nid: 7\nok: 1\n2024-10-06 x\n";
        assert!(!sniff(log.as_bytes()));
        assert!(!sniff(b"{\n  \"a\": 1\n}\n"));
    }
}
