//! Masked previews and the contract output formats.
//!
//! Every format is a [`Report`]: `begin` once with the rule list, `finding`
//! once per finding in the order the scan reports them, `finish` once with
//! the run's [`Summary`]. Reports stream: nothing is buffered per finding,
//! so memory stays flat however many findings a run produces.
//!
//! This module must never print a raw value unless `Finding.value` is set
//! (`--reveal`): every format prints `Finding.masked`, which [`mask::mask`]
//! built, and only adds the raw value where the user asked for it.

pub mod csv;
pub mod json;
pub mod jsonl;
pub mod mask;
pub mod private;
pub mod sarif;
pub mod subject;
pub mod text;

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use serde::Serialize;

use crate::finding::Finding;

/// The report formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One line per finding for people (`path:line:col kind conf masked`).
    Text,
    /// One JSON document: findings plus a summary.
    Json,
    /// One JSON object per line, the contract schema of DESIGN.md.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning tools and CI.
    Sarif,
    /// RFC 4180 CSV with the same columns as jsonl.
    Csv,
}

impl Format {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Csv => "csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of `text|json|jsonl|sarif|csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseFormatError(pub String);

impl fmt::Display for ParseFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown format {:?} (expected text, json, jsonl, sarif or csv)",
            self.0
        )
    }
}

impl std::error::Error for ParseFormatError {}

impl FromStr for Format {
    type Err = ParseFormatError;

    /// Parse a format name, ignoring ASCII case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "sarif" => Ok(Format::Sarif),
            "csv" => Ok(Format::Csv),
            _ => Err(ParseFormatError(s.to_string())),
        }
    }
}

/// What SARIF needs to know about one rule (pattern) up front, before any
/// result refers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    /// Pattern id (`Finding.pattern`), the SARIF `ruleId`.
    pub id: String,
    /// Kind id the rule reports.
    pub kind: String,
    /// One line for people.
    pub description: String,
    /// Sensitive kinds are reported at SARIF level `error`.
    pub sensitive: bool,
}

/// Counts for one run, handed to [`Report::finish`] (json embeds them,
/// SARIF uses them for the invocation) and printed by `--stats`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Inputs opened and scanned (a document or archive counts once).
    pub files_scanned: u64,
    /// Members of documents and archives scanned (`a.zip!b.csv`, a
    /// spreadsheet's sheet, an email's attachment).
    pub members_scanned: u64,
    /// Bytes of (decompressed) content scanned.
    pub bytes_scanned: u64,
    /// Findings per kind id.
    pub findings_by_kind: BTreeMap<String, u64>,
    /// Inputs that failed (reported on stderr).
    pub errors: u64,
    /// Inputs scanned only in part (e.g. a decompression cap was hit).
    pub partial: u64,
    /// Inputs skipped, per reason (`binary`, `too large`, ...).
    pub skipped: BTreeMap<String, u64>,
    /// Wall-clock seconds for the whole run.
    pub elapsed_secs: f64,
}

/// A streaming writer of one report format.
///
/// Callers call `begin` once, `finding` for each finding, then `finish`
/// once; a format that needs closing brackets writes them in `finish`.
pub trait Report {
    /// Write whatever precedes the first finding.
    fn begin(
        &mut self,
        w: &mut dyn Write,
        rules: &[RuleMeta],
    ) -> io::Result<()>;
    /// Write one finding.
    fn finding(&mut self, w: &mut dyn Write, f: &Finding) -> io::Result<()>;
    /// Write whatever follows the last finding.
    fn finish(
        &mut self,
        w: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()>;
}

/// The reporter for `format`; `color` only affects [`Format::Text`].
pub fn reporter(format: Format, color: bool) -> Box<dyn Report + Send> {
    match format {
        Format::Text => Box::new(text::TextReport::new(color)),
        Format::Json => Box::new(json::JsonReport::new()),
        Format::Jsonl => Box::new(jsonl::JsonlReport::new()),
        Format::Sarif => Box::new(sarif::SarifReport::new()),
        Format::Csv => Box::new(csv::CsvReport::new()),
    }
}

/// Confidence as printed: at most two decimals, within [0, 1], never NaN
/// (so `0.9500000001` prints as `0.95` and every format agrees).
pub fn round_confidence(c: f64) -> f64 {
    if !c.is_finite() {
        return 0.0;
    }
    ((c.clamp(0.0, 1.0) * 100.0).round()) / 100.0
}

/// The finding as the machine formats print it: the same fields in the
/// same order as [`Finding`], with the confidence rounded.
#[derive(Debug, Serialize)]
pub(crate) struct Record<'a> {
    pub path: &'a str,
    pub line: u64,
    pub column: u64,
    pub start: u64,
    pub end: u64,
    pub kind: &'a str,
    pub pattern: &'a str,
    pub confidence: f64,
    pub sensitive: bool,
    pub masked: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'a str>,
    #[serde(skip_serializing_if = "is_false")]
    pub synthetic: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl<'a> From<&'a Finding> for Record<'a> {
    fn from(f: &'a Finding) -> Self {
        Record {
            path: &f.path,
            line: f.line,
            column: f.column,
            start: f.start,
            end: f.end,
            kind: f.kind,
            pattern: &f.pattern,
            confidence: round_confidence(f.confidence),
            sensitive: f.sensitive,
            masked: &f.masked,
            value: f.value.as_deref(),
            synthetic: f.synthetic,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in [
            Format::Text,
            Format::Json,
            Format::Jsonl,
            Format::Sarif,
            Format::Csv,
        ] {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
        }
        assert_eq!("SARIF".parse::<Format>(), Ok(Format::Sarif));
        assert!("xml".parse::<Format>().is_err());
    }

    #[test]
    fn confidence_is_rounded_and_clamped() {
        assert_eq!(round_confidence(0.9500000001), 0.95);
        assert_eq!(round_confidence(0.123), 0.12);
        assert_eq!(round_confidence(1.7), 1.0);
        assert_eq!(round_confidence(f64::NAN), 0.0);
        assert_eq!(
            serde_json::to_string(&round_confidence(0.95)).unwrap(),
            "0.95"
        );
    }
}
