//! `--format json`: one JSON document, `{"findings":[...],"summary":{...}}`.
//!
//! Streamed: the opening is written by `begin`, each finding (the same
//! object as a jsonl line) as it comes, the summary and the closing by
//! `finish`, so a run with millions of findings holds none of them in
//! memory. One finding per line keeps it readable.
//!
//! Must never: print a raw value unless `Finding.value` is set, or leave
//! the document unclosed when `finish` is called.

use std::io::{self, Write};

use super::{Record, Report, RuleMeta, Summary};
use crate::finding::Finding;

/// Writes one JSON document holding every finding and the summary.
#[derive(Debug, Clone, Default)]
pub struct JsonReport {
    count: u64,
}

impl JsonReport {
    /// A writer that has written nothing yet.
    pub fn new() -> Self {
        JsonReport { count: 0 }
    }
}

impl Report for JsonReport {
    fn begin(
        &mut self,
        w: &mut dyn Write,
        _rules: &[RuleMeta],
    ) -> io::Result<()> {
        self.count = 0;
        w.write_all(b"{\n  \"findings\": [")
    }

    fn finding(&mut self, w: &mut dyn Write, f: &Finding) -> io::Result<()> {
        w.write_all(if self.count == 0 { b"\n    " } else { b",\n    " })?;
        self.count += 1;
        serde_json::to_writer(&mut *w, &Record::from(f))?;
        Ok(())
    }

    fn finish(
        &mut self,
        w: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        if self.count > 0 {
            w.write_all(b"\n  ")?;
        }
        w.write_all(b"],\n  \"summary\": ")?;
        serde_json::to_writer(&mut *w, summary)?;
        w.write_all(b"\n}\n")
    }
}
