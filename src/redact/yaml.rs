//! Replacements inside YAML files: a tag such as `[EMAIL]` (or a mask
//! starting with `*`) written where an unquoted value starts would be read
//! back as a list (or an alias), so `email: jane@x.io` must become
//! `email: "[EMAIL]"`, not `email: [EMAIL]`. Only a replacement that is
//! the whole plain value of its line is quoted; anything else is written
//! as it is.

use std::ops::Range;

/// The file is YAML by name (compression suffixes ignored).
pub fn is_yaml_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let name = lower
        .strip_suffix(".gz")
        .or_else(|| lower.strip_suffix(".zst"))
        .unwrap_or(&lower);
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Whether `replacement` for `span` of the line-aligned `text` must be
/// double-quoted: the span is a whole plain value (after `key: ` or a
/// list item's `- `, up to the end of the line or a comment) and the
/// replacement would not read back as a plain string.
pub fn needs_quotes(
    text: &[u8],
    span: &Range<usize>,
    replacement: &[u8],
) -> bool {
    let line = text[..span.start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let before = &text[line..span.start];
    let key = before.trim_ascii_end();
    let spaced = key.len() < before.len();
    let starts_value = spaced
        && match key.last() {
            Some(b':') => true,
            // `- value`, `  - - value`: only list markers before it.
            Some(b'-') => key.iter().all(|&b| matches!(b, b' ' | b'-')),
            _ => false,
        };
    if !starts_value {
        return false;
    }
    let end = text[span.end..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| span.end + i);
    let rest = text[span.end..end].trim_ascii_start();
    let ends_value = rest.is_empty()
        || (rest[0] == b'#'
            && span.end < end
            && text[span.end].is_ascii_whitespace());
    if !ends_value {
        return false;
    }
    let first = replacement.first().copied().unwrap_or(b' ');
    b"[]{}*&!|>'\"%@`#,?:-".contains(&first)
        || replacement.windows(2).any(|w| w == b": " || w == b" #")
        || replacement.last().is_some_and(|&b| b == b':' || b == b' ')
}

/// `replacement` as a YAML double-quoted scalar.
pub fn write_quoted(replacement: &[u8], out: &mut Vec<u8>) {
    out.push(b'"');
    for &b in replacement {
        if b == b'"' || b == b'\\' {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(line: &str, value: &str, replacement: &str) -> bool {
        let at = line.find(value).unwrap();
        needs_quotes(
            line.as_bytes(),
            &(at..at + value.len()),
            replacement.as_bytes(),
        )
    }

    #[test]
    fn whole_plain_values_are_quoted_when_they_would_not_read_as_strings() {
        assert!(quoted("email: jane@x.io\n", "jane@x.io", "[EMAIL]"));
        assert!(quoted("  - jane@x.io  # old\n", "jane@x.io", "[EMAIL]"));
        assert!(quoted("ssn: 123-45-6789", "123-45-6789", "***-**-6789"));
        // Already quoted, part of a longer value, not a value at all.
        assert!(!quoted("email: \"jane@x.io\"\n", "jane@x.io", "[EMAIL]"));
        assert!(!quoted("note: mail jane@x.io\n", "jane@x.io", "[EMAIL]"));
        assert!(!quoted("to: jane@x.io, bob\n", "jane@x.io", "[EMAIL]"));
        assert!(!quoted("see jane@x.io\n", "jane@x.io", "[EMAIL]"));
        // A replacement that reads back as it is needs nothing.
        assert!(!quoted(
            "email: jane@x.io\n",
            "jane@x.io",
            "user4821@example.com"
        ));
        let mut out = Vec::new();
        write_quoted(br#"a"b\c"#, &mut out);
        assert_eq!(out, br#""a\"b\\c""#);
        assert!(is_yaml_name("seed.YML.gz") && !is_yaml_name("a.yaml.txt"));
    }
}
