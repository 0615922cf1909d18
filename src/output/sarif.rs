//! `--format sarif`: a SARIF 2.1.0 log for code-scanning tools and CI.
//!
//! One run; `tool.driver` is piiscan with one rule per pattern (id,
//! shortDescription, default level, properties kind/sensitive). Each
//! finding is one result: `ruleId`/`ruleIndex`, level `error` for sensitive
//! kinds and `warning` otherwise, the message `KIND found: MASKED`, one
//! physical location (relative URI with forward slashes, percent-encoded;
//! region with start line/column and the byte offset/length), a
//! `piiscan/v1` partial fingerprint and properties (confidence, synthetic).
//! Results are streamed; `finish` closes the arrays and records whether
//! the run had errors.
//!
//! Must never: print a raw value unless `Finding.value` is set (then only
//! in `properties.value`, never in the message), derive the fingerprint
//! from the raw value, or reference the network (no `informationUri`).

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{round_confidence, Report, RuleMeta, Summary};
use crate::finding::Finding;

/// The `$schema` written into every log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes a SARIF 2.1.0 log, streaming its results.
#[derive(Debug, Clone, Default)]
pub struct SarifReport {
    rule_index: HashMap<String, usize>,
    count: u64,
}

impl SarifReport {
    /// A writer that has written nothing yet.
    pub fn new() -> Self {
        SarifReport::default()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    short_description: Text<'a>,
    default_configuration: Level,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    kind: &'a str,
    sensitive: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    partial_fingerprints: Fingerprints,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u64,
    start_column: u64,
    byte_offset: u64,
    byte_length: u64,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "piiscan/v1")]
    v1: String,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    kind: &'a str,
    confidence: f64,
    sensitive: bool,
    synthetic: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
}

fn level(sensitive: bool) -> &'static str {
    if sensitive {
        "error"
    } else {
        "warning"
    }
}

impl Report for SarifReport {
    fn begin(
        &mut self,
        w: &mut dyn Write,
        rules: &[RuleMeta],
    ) -> io::Result<()> {
        self.rule_index.clear();
        self.count = 0;
        write!(
            w,
            "{{\n  \"$schema\": {},\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \
             \"tool\": {{\n        \"driver\": {{\n          \"name\": \"piiscan\",\n          \
             \"version\": {},\n          \"rules\": [",
            serde_json::to_string(SCHEMA_URI)?,
            serde_json::to_string(env!("CARGO_PKG_VERSION"))?,
        )?;
        for rule in rules {
            // SARIF wants rule ids unique; the first description wins.
            if self.rule_index.contains_key(&rule.id) {
                continue;
            }
            let index = self.rule_index.len();
            self.rule_index.insert(rule.id.clone(), index);
            let description = if rule.description.trim().is_empty() {
                &rule.kind
            } else {
                &rule.description
            };
            w.write_all(if index == 0 {
                b"\n            "
            } else {
                b",\n            "
            })?;
            serde_json::to_writer(
                &mut *w,
                &Rule {
                    id: &rule.id,
                    short_description: Text { text: description },
                    default_configuration: Level {
                        level: level(rule.sensitive),
                    },
                    properties: RuleProperties {
                        kind: &rule.kind,
                        sensitive: rule.sensitive,
                    },
                },
            )?;
        }
        if !self.rule_index.is_empty() {
            w.write_all(b"\n          ")?;
        }
        w.write_all(b"]\n        }\n      },\n      \"results\": [")
    }

    fn finding(&mut self, w: &mut dyn Write, f: &Finding) -> io::Result<()> {
        let result = SarifResult {
            rule_id: &f.pattern,
            rule_index: self.rule_index.get(&*f.pattern).copied(),
            level: level(f.sensitive),
            message: Message {
                text: format!("{} found: {}", f.kind, f.masked),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: path_to_uri(&f.path),
                    },
                    region: Region {
                        start_line: f.line.max(1),
                        start_column: f.column.max(1),
                        byte_offset: f.start,
                        byte_length: f.end.saturating_sub(f.start),
                    },
                },
            }],
            partial_fingerprints: Fingerprints { v1: fingerprint(f) },
            properties: ResultProperties {
                kind: f.kind,
                confidence: round_confidence(f.confidence),
                sensitive: f.sensitive,
                synthetic: f.synthetic,
                value: f.value.as_deref(),
            },
        };
        w.write_all(if self.count == 0 {
            b"\n        "
        } else {
            b",\n        "
        })?;
        self.count += 1;
        serde_json::to_writer(&mut *w, &result)?;
        Ok(())
    }

    fn finish(
        &mut self,
        w: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        if self.count > 0 {
            w.write_all(b"\n      ")?;
        }
        let ok = summary.errors == 0 && summary.partial == 0;
        write!(
            w,
            "],\n      \"invocations\": [\n        {{\"executionSuccessful\": {ok}}}\n      \
             ]\n    }}\n  ]\n}}\n"
        )
    }
}

/// A stable id for "this kind of value at this place": FNV-1a (128 bit)
/// over pattern, path and masked preview, never over the raw value, so
/// the same finding keeps its fingerprint when lines move.
pub fn fingerprint(f: &Finding) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013b;
    let mut h = OFFSET;
    // The URI, not the path as typed: `scan .` (`./a.txt`) and
    // `scan a.txt` must give a result the same fingerprint.
    let uri = path_to_uri(&f.path);
    for part in [&*f.pattern, &uri, &f.masked] {
        for &b in part.as_bytes().iter().chain(&[0u8]) {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    format!("{h:032x}")
}

/// The artifact URI for a finding's path: forward slashes, `./` dropped,
/// every byte outside RFC 3986 `pchar` (spaces, `%`, `#`, `?`, `:`,
/// non-ASCII, ...) percent-encoded; absolute paths become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let bytes = p.as_bytes();
    let drive = bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes.len() == 2 || bytes[2] == b'/');
    let mut out = String::with_capacity(p.len() + 8);
    let rest = if drive {
        out.push_str("file:///");
        out.push_str(&p[..2]);
        &p[2..]
    } else if p.starts_with('/') {
        out.push_str("file://");
        p.as_str()
    } else {
        let mut r = p.as_str();
        while let Some(s) = r.strip_prefix("./") {
            r = s.trim_start_matches('/');
        }
        r
    };
    for &b in rest.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            );
        if keep {
            out.push(char::from(b));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::path_to_uri;

    #[test]
    fn uris() {
        assert_eq!(path_to_uri("logs/a.log"), "logs/a.log");
        assert_eq!(path_to_uri("./my logs/ä.log"), "my%20logs/%C3%A4.log");
        assert_eq!(path_to_uri("dir\\x#1?.log"), "dir/x%231%3F.log");
        assert_eq!(
            path_to_uri("a.tar.gz!logs/app.log"),
            "a.tar.gz!logs/app.log"
        );
        assert_eq!(path_to_uri("/var/log/a b"), "file:///var/log/a%20b");
        assert_eq!(path_to_uri("C:\\x\\y.txt"), "file:///C:/x/y.txt");
        assert_eq!(path_to_uri("100%:x"), "100%25%3Ax");
    }
}
