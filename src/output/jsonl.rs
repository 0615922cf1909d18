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
        serde_json::to_writer(&mut self.line, &Record::from(f))?;
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
