//! Replacements inside structured files stay values of the right type:
//! a tag such as `[EMAIL]` written where an unquoted YAML value starts is
//! read back as a list (a mask starting with `*` as an alias), and one
//! written in place of a bare JSON number (`"ssn": 536228741`) makes the
//! file unparsable. So such a replacement is written as a string:
//! `email: "[EMAIL]"`, `"ssn": "[US_SSN]"`. Only a replacement that is a
//! whole unquoted value is quoted; anything else is written as it is.
//!
//! In a CSV (or TSV) file a value can span a field separator
//! (`48.858370,2.294481` in `lat,lon` columns): one replacement would
//! merge the two cells and shift the rest of the row, so each side of an
//! unquoted separator is replaced on its own. Redaction and `subject
//! --erase` both write through [`Syntax::write_replacement`].

use std::ops::Range;

/// The syntax a file's values follow, for quoting replacements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Anything else: replacements are written as they are.
    Plain,
    /// YAML (`.yaml`, `.yml`).
    Yaml,
    /// JSON or JSON lines (`.json`, `.jsonl`, `.ndjson`).
    Json,
    /// Delimited rows (`.csv`: `,`; `.tsv`: tab).
    Delimited(u8),
    /// SQL (`.sql` dumps): a bare literal (`VALUES (1, 536228741)`,
    /// `ssn = 536228741`) becomes a quoted string.
    Sql,
    /// TOML (`.toml`): a bare value (`ssn = 536228741`) becomes a string.
    Toml,
}

impl Syntax {
    /// The syntax of a file by name (compression suffixes ignored).
    pub fn of_name(name: &str) -> Syntax {
        let lower = name.to_ascii_lowercase();
        let name = crate::input::without_compression_suffix(&lower);
        if name.ends_with(".yaml") || name.ends_with(".yml") {
            Syntax::Yaml
        } else if [".json", ".jsonl", ".ndjson"]
            .iter()
            .any(|s| name.ends_with(s))
        {
            Syntax::Json
        } else if name.ends_with(".csv") {
            Syntax::Delimited(b',')
        } else if name.ends_with(".tsv") {
            Syntax::Delimited(b'\t')
        } else if name.ends_with(".sql") {
            Syntax::Sql
        } else if name.ends_with(".toml") {
            Syntax::Toml
        } else {
            Syntax::Plain
        }
    }

    /// Write the replacement of `span` (of the line-aligned `text`) so the
    /// file keeps its syntax. `write` appends the replacement of a value.
    /// A delimited file gets one per cell, and `fallback`'s (the tag)
    /// where one would hold the separator, a quote or a line break; a
    /// whole unquoted value that would not read back as a string is
    /// written as one.
    pub fn write_replacement(
        self,
        text: &[u8],
        span: &Range<usize>,
        out: &mut Vec<u8>,
        mut write: impl FnMut(&[u8], &mut Vec<u8>),
        fallback: impl Fn(&mut Vec<u8>),
    ) {
        match self {
            Syntax::Plain => write(&text[span.clone()], out),
            Syntax::Delimited(sep) => {
                let mut at = span.start;
                let mut cell = Vec::new();
                for p in self.field_pieces(text, span) {
                    out.extend_from_slice(&text[at..p.start]);
                    cell.clear();
                    write(&text[p.clone()], &mut cell);
                    let opens = |&b: &u8| {
                        matches!(b, b'"' | b'\n' | b'\r') || b == sep
                    };
                    if cell.iter().any(opens) {
                        cell.clear();
                        fallback(&mut cell);
                    }
                    out.extend_from_slice(&cell);
                    at = p.end;
                }
                out.extend_from_slice(&text[at..span.end]);
            }
            _ => {
                let mut replacement = Vec::new();
                write(&text[span.clone()], &mut replacement);
                if self.needs_quotes(text, span, &replacement) {
                    self.write_string(&replacement, out);
                } else {
                    out.extend_from_slice(&replacement);
                }
            }
        }
    }

    /// The pieces of `span` (of the line-aligned `text`) to replace one by
    /// one: split at each field separator outside quotes in a delimited
    /// file, else the span itself.
    fn field_pieces(
        self,
        text: &[u8],
        span: &Range<usize>,
    ) -> Vec<Range<usize>> {
        let Syntax::Delimited(sep) = self else {
            return vec![span.clone()];
        };
        let (before, _) = around(text, span);
        let mut quoted =
            before.iter().filter(|&&b| b == b'"').count() % 2 == 1;
        let mut pieces = Vec::new();
        let mut from = span.start;
        for i in span.clone() {
            match text[i] {
                b'"' => quoted = !quoted,
                b if b == sep && !quoted => {
                    pieces.push(from..i);
                    from = i + 1;
                }
                _ => {}
            }
        }
        pieces.push(from..span.end);
        pieces.retain(|p| !p.is_empty());
        pieces
    }

    /// Whether `replacement` for `span` of the line-aligned `text` must be
    /// written as a quoted string ([`write_quoted`]).
    fn needs_quotes(
        self,
        text: &[u8],
        span: &Range<usize>,
        replacement: &[u8],
    ) -> bool {
        match self {
            Syntax::Plain | Syntax::Delimited(_) => false,
            Syntax::Yaml => yaml_needs_quotes(text, span, replacement),
            // A tag, mask or fake is never a bare TOML number or date.
            Syntax::Toml => whole_value_after(text, span, b'='),
            Syntax::Json => json_bare_value(text, span),
            Syntax::Sql => sql_bare_literal(text, span),
        }
    }

    /// Write `replacement` as a string of this syntax: SQL quotes with
    /// `'` (doubled inside), YAML and JSON with `"` ([`write_quoted`]).
    fn write_string(self, replacement: &[u8], out: &mut Vec<u8>) {
        if self == Syntax::Sql {
            out.push(b'\'');
            for &b in replacement {
                if b == b'\'' {
                    out.push(b'\'');
                }
                out.push(b);
            }
            out.push(b'\'');
        } else {
            write_quoted(replacement, out);
        }
    }
}

/// `replacement` as a double-quoted string (YAML and JSON alike for the
/// replacements written: `"` and `\` escaped).
fn write_quoted(replacement: &[u8], out: &mut Vec<u8>) {
    out.push(b'"');
    for &b in replacement {
        if b == b'"' || b == b'\\' {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
}

/// The bytes of `span`'s line before it, and from its end to the end of
/// the line.
fn around<'t>(text: &'t [u8], span: &Range<usize>) -> (&'t [u8], &'t [u8]) {
    let line = text[..span.start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = text[span.end..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| span.end + i);
    (&text[line..span.start], &text[span.end..end])
}

/// The span is a whole plain YAML value (after `key: ` or a list item's
/// `- `, up to the end of the line or a comment) and `replacement` would
/// not read back as a plain string.
fn yaml_needs_quotes(
    text: &[u8],
    span: &Range<usize>,
    replacement: &[u8],
) -> bool {
    if !whole_value_after(text, span, b':') {
        return false;
    }
    let first = replacement.first().copied().unwrap_or(b' ');
    b"[]{}*&!|>'\"%@`#,?:-".contains(&first)
        || replacement.windows(2).any(|w| w == b": " || w == b" #")
        || replacement.last().is_some_and(|&b| b == b':' || b == b' ')
}

/// The span is a whole unquoted value: after `key` and `assign` (`:` in
/// YAML, `=` in TOML) or a YAML list item's `- `, or an item of a flow
/// collection on its line (`[a, value]`, `{k: value}`), up to the end of
/// the line, a comment, or the `,` `}` `]` that ends it in a collection.
fn whole_value_after(text: &[u8], span: &Range<usize>, assign: u8) -> bool {
    let (before, after) = around(text, span);
    let key = before.trim_ascii_end();
    let spaced = key.len() < before.len();
    // Inside `{...}` or `[...]` on this line, where `,` `}` `]` end a
    // value (brackets inside quotes are not told apart: rare in keys).
    let opened = before.iter().filter(|&&b| b == b'{' || b == b'[').count();
    let closed = before.iter().filter(|&&b| b == b'}' || b == b']').count();
    let flow = opened > closed;
    let starts_value = match key.last() {
        Some(&b) if b == assign => spaced || assign == b'=',
        // `- value`, `  - - value`: only list markers before it (YAML).
        Some(b'-') if assign == b':' => {
            spaced && key.iter().all(|&b| matches!(b, b' ' | b'-'))
        }
        // `[a, value]`, `{k: [value]}`.
        Some(b'[' | b',') => flow,
        _ => false,
    };
    let rest = after.trim_ascii_start();
    let ends_value = rest.is_empty()
        || (rest[0] == b'#' && after[0].is_ascii_whitespace())
        || (flow && matches!(rest[0], b',' | b'}' | b']'));
    starts_value && ends_value
}

/// The span is a whole bare JSON value (a number, say): outside every
/// string of its line (JSON strings hold no line breaks), after `:`, `[`
/// or `,`, and before `,`, `}`, `]` or the end of the line.
fn json_bare_value(text: &[u8], span: &Range<usize>) -> bool {
    let (before, after) = around(text, span);
    let mut in_string = false;
    let mut escaped = false;
    for &b in before {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = in_string;
        } else if b == b'"' {
            in_string = !in_string;
        }
    }
    let next = after.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\r'));
    !in_string
        && matches!(before.trim_ascii_end().last(), Some(b':' | b'[' | b','))
        && matches!(next, None | Some(b',' | b'}' | b']'))
}

/// The span is a whole bare SQL literal: outside every `'...'` string of
/// its line, after `(`, `,` or a comparison, and followed by the end of
/// the token (space, `,`, `)`, `;` or the end of the line).
fn sql_bare_literal(text: &[u8], span: &Range<usize>) -> bool {
    let (before, after) = around(text, span);
    // `''` inside a string toggles twice: counting quotes is enough.
    let in_string = before.iter().filter(|&&b| b == b'\'').count() % 2 == 1;
    let next = after.first().copied();
    !in_string
        && matches!(
            before.trim_ascii_end().last(),
            Some(b'(' | b',' | b'=' | b'<' | b'>')
        )
        && matches!(
            next,
            None | Some(b' ' | b'\t' | b'\r' | b',' | b')' | b';')
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(syntax: Syntax, line: &str, value: &str, with: &str) -> bool {
        let at = line.find(value).unwrap();
        let span = at..at + value.len();
        syntax.needs_quotes(line.as_bytes(), &span, with.as_bytes())
    }

    #[test]
    fn whole_plain_yaml_values_are_quoted_unless_they_read_as_strings() {
        let yaml = |line: &str, value: &str, with: &str| {
            quoted(Syntax::Yaml, line, value, with)
        };
        assert!(yaml("email: jane@x.io\n", "jane@x.io", "[EMAIL]"));
        assert!(yaml("  - jane@x.io  # old\n", "jane@x.io", "[EMAIL]"));
        assert!(yaml("ssn: 123-45-6789", "123-45-6789", "***-**-6789"));
        // Already quoted, part of a longer value, not a value at all.
        assert!(!yaml("email: \"jane@x.io\"\n", "jane@x.io", "[EMAIL]"));
        assert!(!yaml("note: mail jane@x.io\n", "jane@x.io", "[EMAIL]"));
        assert!(!yaml("to: jane@x.io, bob\n", "jane@x.io", "[EMAIL]"));
        assert!(!yaml("see jane@x.io\n", "jane@x.io", "[EMAIL]"));
        // In flow collections, where `,` `}` `]` end a value.
        assert!(yaml("u: {email: jane@x.io, id: 1}", "jane@x.io", "[EMAIL]"));
        assert!(yaml("to: [jane@x.io, bob@x.io]", "bob@x.io", "[EMAIL]"));
        assert!(yaml("to: [jane@x.io]", "jane@x.io", "[EMAIL]"));
        assert!(!yaml("to: [\"jane@x.io\"]", "jane@x.io", "[EMAIL]"));
        // A replacement that reads back as it is needs nothing.
        assert!(!yaml("email: jane@x.io\n", "jane@x.io", "u4821@example.com"));
        let mut out = Vec::new();
        write_quoted(br#"a"b\c"#, &mut out);
        assert_eq!(out, br#""a\"b\\c""#);
        assert_eq!(Syntax::of_name("seed.YML.gz"), Syntax::Yaml);
        assert_eq!(Syntax::of_name("a.yaml.txt"), Syntax::Plain);
        assert_eq!(Syntax::of_name("events.ndjson.zst"), Syntax::Json);
    }

    #[test]
    fn delimited_values_are_replaced_cell_by_cell() {
        let csv = Syntax::of_name("geo.csv");
        let line = b"1,48.858370,2.294481,Tower";
        let pieces = csv.field_pieces(line, &(2..20));
        assert_eq!(pieces, [2..11, 12..20]);
        // Inside a quoted cell the comma is text.
        let line = b"1,\"Paris, France\",x";
        let whole =
            |r: Range<usize>| vec![Range { start: r.start, end: r.end }];
        assert_eq!(csv.field_pieces(line, &(3..16)), whole(3..16));
        let tsv = Syntax::of_name("a.tsv.gz");
        assert_eq!(tsv.field_pieces(b"a\tb", &(0..3)), [0..1, 2..3]);
        assert_eq!(Syntax::Plain.field_pieces(b"a,b", &(0..3)), whole(0..3));
    }

    #[test]
    fn bare_toml_values_are_quoted() {
        let toml = |line: &str, value: &str| {
            quoted(Syntax::Toml, line, value, "[US_SSN]")
        };
        assert!(toml("ssn = 536228741\n", "536228741"));
        assert!(toml("card=4556737586899855 # test", "4556737586899855"));
        assert!(toml("ids = [536228741, 1]", "536228741"));
        assert!(!toml("ssn = \"536228741\"", "536228741"));
        assert!(!toml("note = \"a = 536228741\"", "536228741"));
    }

    #[test]
    fn bare_sql_literals_are_quoted() {
        let sql = |line: &str, value: &str| {
            quoted(Syntax::Sql, line, value, "[US_SSN]")
        };
        assert!(sql("VALUES (1, 536228741, 'x');", "536228741"));
        assert!(sql("SET ssn = 536228741 WHERE id = 1;", "536228741"));
        assert!(!sql("VALUES (1, 'ssn 536228741', 2);", "536228741"));
        assert!(!sql("VALUES (1, 'it''s, 536228741');", "536228741"));
        let mut out = Vec::new();
        Syntax::Sql.write_string(b"a'b", &mut out);
        assert_eq!(out, b"'a''b'");
    }

    #[test]
    fn bare_json_values_are_quoted() {
        let json = |line: &str, value: &str| {
            quoted(Syntax::Json, line, value, "[US_SSN]")
        };
        assert!(json(r#"{"ssn": 536228741, "a": 1}"#, "536228741"));
        assert!(json(r#"{"ids": [536228741]}"#, "536228741"));
        assert!(json("  \"ssn\": 536228741\n}", "536228741"));
        // Inside a string, even after a colon or an escaped quote.
        assert!(!json(r#"{"note": "ssn: 536228741, ok"}"#, "536228741"));
        assert!(!json(r#"{"note": "say \"x\": 536228741"}"#, "536228741"));
        assert!(!json(r#"{"ssn": "536228741"}"#, "536228741"));
        // Part of a longer bare value.
        assert!(!json(r#"{"n": 5362287419}"#, "536228741"));
        assert!(!quoted(Syntax::Plain, r#"{"ssn": 1}"#, "1", "[X]"));
    }
}
