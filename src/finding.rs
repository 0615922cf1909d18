//! The finding record: the one shape every output format is built from.
//!
//! Field names and meanings follow the contract in DESIGN.md. A `Finding`
//! never carries a raw value unless the user asked for it (`--reveal`).

use std::sync::Arc;

use serde::Serialize;

/// One piece of personal data found in one input.
///
/// Scans of log archives produce millions of findings, so the fields that
/// repeat (path, kind, rule id) are shared, not copied per finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Path as given on the command line joined with the walked relative
    /// path; `-` for stdin.
    pub path: Arc<str>,
    /// 1-based line of `start`.
    pub line: u64,
    /// 1-based byte column of `start` within its line.
    pub column: u64,
    /// Byte offset of the first byte (into decompressed content).
    pub start: u64,
    /// Byte offset one past the last byte.
    pub end: u64,
    /// Kind id from the fixed list in DESIGN.md (`email`, `us_ssn`, ...).
    pub kind: &'static str,
    /// Id of the rule that matched (`email-address`, ...).
    pub pattern: Arc<str>,
    /// Score in [0, 1] after validation and context.
    pub confidence: f64,
    /// True for government ids, financial data and credentials.
    pub sensitive: bool,
    /// Masked preview, safe to print.
    pub masked: String,
    /// Raw value; only present with `--reveal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// True for values that are fake by convention (example.com, 555-01xx).
    #[serde(skip_serializing_if = "is_false")]
    pub synthetic: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}
