//! `--format jsonl`: one JSON object per finding per line.
//!
//! Fields and their order are the contract of DESIGN.md: path, line,
//! column, start, end, kind, pattern, confidence (at most 2 decimals),
//! sensitive, masked, then `value` only with `--reveal` and `synthetic`
//! only when true. Nothing before the first line, nothing after the last.
//!
//! Must never: print a raw value unless `Finding.value` is set.

use std::io::{self, Write};

use super::{Record, Report, RuleMeta, Summary};
use crate::finding::Finding;

/// Writes one JSON line per finding.
#[derive(Debug, Clone, Default)]
pub struct JsonlReport {
    /// One line is built here, then written with one call: serde's many
    /// small writes through `dyn Write` cost more than the copy.
    line: Vec<u8>,
}

impl JsonlReport {
    /// A JSON-lines writer.
    pub fn new() -> Self {
        JsonlReport { line: Vec::with_capacity(512) }
    }
}

impl Report for JsonlReport {
    fn begin(
        &mut self,
        _w: &mut dyn Write,
        _rules: &[RuleMeta],
    ) -> io::Result<()> {
        Ok(())
    }

    fn finding(&mut self, w: &mut dyn Write, f: &Finding) -> io::Result<()> {
        self.line.clear();
        write_record(&mut self.line, &Record::from(f));
        self.line.push(b'\n');
        w.write_all(&self.line)
    }

    fn finish(
        &mut self,
        _w: &mut dyn Write,
        _summary: &Summary,
    ) -> io::Result<()> {
        Ok(())
    }
}

/// The record as one JSON object, written by hand: this is the hot path
/// of a scan that finds millions of values, and serde's generic
/// serializer cost more than the scan of the bytes around each finding.
/// `tests::hand_written_json_equals_serde` keeps the two identical.
fn write_record(buf: &mut Vec<u8>, r: &Record<'_>) {
    buf.extend_from_slice(b"{\"path\":");
    write_str(buf, r.path);
    for (key, n) in [
        ("line", r.line),
        ("column", r.column),
        ("start", r.start),
        ("end", r.end),
    ] {
        buf.extend_from_slice(b",\"");
        buf.extend_from_slice(key.as_bytes());
        buf.extend_from_slice(b"\":");
        write_u64(buf, n);
    }
    buf.extend_from_slice(b",\"kind\":");
    write_str(buf, r.kind);
    buf.extend_from_slice(b",\"pattern\":");
    write_str(buf, r.pattern);
    buf.extend_from_slice(b",\"confidence\":");
    write_confidence(buf, r.confidence);
    buf.extend_from_slice(if r.sensitive {
        b",\"sensitive\":true"
    } else {
        b",\"sensitive\":false"
    });
    buf.extend_from_slice(b",\"masked\":");
    write_str(buf, r.masked);
    if let Some(v) = r.value {
        buf.extend_from_slice(b",\"value\":");
        write_str(buf, v);
    }
    if r.synthetic {
        buf.extend_from_slice(b",\"synthetic\":true");
    }
    buf.push(b'}');
}

fn write_u64(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

/// A confidence already rounded to two decimals in [0, 1], printed the way
/// serde_json prints that f64 (`1.0`, `0.9`, `0.95`).
fn write_confidence(buf: &mut Vec<u8>, c: f64) {
    let hundredths = (c * 100.0).round() as u64;
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    write_u64(buf, whole);
    buf.push(b'.');
    if frac % 10 == 0 {
        buf.push(b'0' + (frac / 10) as u8);
    } else {
        buf.push(b'0' + (frac / 10) as u8);
        buf.push(b'0' + (frac % 10) as u8);
    }
}

/// A JSON string literal with the escapes serde_json uses.
fn write_str(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    // Most strings need no escape: one branch-free pass says so.
    let plain = bytes
        .iter()
        .fold(true, |ok, &b| ok & (b >= 0x20) & (b != b'"') & (b != b'\\'));
    if plain {
        buf.extend_from_slice(bytes);
        buf.push(b'"');
        return;
    }
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        buf.extend_from_slice(&bytes[from..i]);
        if escape.is_empty() {
            let _ = write!(buf, "\\u{:04x}", b);
        } else {
            buf.extend_from_slice(escape);
        }
        from = i + 1;
    }
    buf.extend_from_slice(&bytes[from..]);
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;

    #[test]
    fn hand_written_json_equals_serde() {
        let mut f = Finding {
            path: "dir/we\"ird\\ \u{1}\n\t\u{7f}é.log".into(),
            line: 12,
            column: 5,
            start: 1043,
            end: 1060,
            kind: "email",
            pattern: "email-address".into(),
            confidence: 0.95,
            sensitive: false,
            masked: "j***@e******.com".to_string(),
            value: None,
            synthetic: false,
        };
        for (confidence, value, synthetic) in [
            (0.95, None, false),
            (1.0, Some("jane@example.com\u{8}\u{c}"), true),
            (0.5, None, true),
            (0.12, Some(""), false),
            (0.07, None, false),
            (0.0, None, false),
        ] {
            f.confidence = confidence;
            f.line = (confidence * 1e6) as u64 + 10_000_000_000;
            f.value = value.map(str::to_string);
            f.synthetic = synthetic;
            let record = Record::from(&f);
            let mut ours = Vec::new();
            write_record(&mut ours, &record);
            let theirs = serde_json::to_vec(&record).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs).unwrap()
            );
        }
    }
}
