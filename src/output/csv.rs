//! `--format csv`: RFC 4180 CSV with the jsonl columns.
//!
//! Header `path,line,column,start,end,kind,pattern,confidence,sensitive,
//! masked,value,synthetic`; records end with CRLF; a field holding a comma,
//! quote, CR or LF is quoted with inner quotes doubled. `value` is empty
//! unless `--reveal`.
//!
//! Must never: print a raw value unless `Finding.value` is set, or emit a
//! cell a spreadsheet would run as a formula: a cell starting with `=`,
//! `+`, `-`, `@`, tab or CR gets a leading `'` (the stdin path `-` alone
//! is left as is: it cannot form a formula).

use std::io::{self, Write};

use super::{round_confidence, Report, RuleMeta, Summary};
use crate::finding::Finding;

/// The header line's columns, in order.
pub const COLUMNS: [&str; 12] = [
    "path",
    "line",
    "column",
    "start",
    "end",
    "kind",
    "pattern",
    "confidence",
    "sensitive",
    "masked",
    "value",
    "synthetic",
];

/// Writes a header, then one CSV record per finding.
#[derive(Debug, Clone, Default)]
pub struct CsvReport;

impl CsvReport {
    /// A CSV writer; it keeps no state.
    pub fn new() -> Self {
        CsvReport
    }
}

impl Report for CsvReport {
    fn begin(
        &mut self,
        w: &mut dyn Write,
        _rules: &[RuleMeta],
    ) -> io::Result<()> {
        w.write_all(COLUMNS.join(",").as_bytes())?;
        w.write_all(b"\r\n")
    }

    fn finding(&mut self, w: &mut dyn Write, f: &Finding) -> io::Result<()> {
        let confidence =
            serde_json::to_string(&round_confidence(f.confidence))?;
        let numbers =
            [f.line, f.column, f.start, f.end].map(|n| n.to_string());
        let cells: [&str; 12] = [
            &f.path,
            &numbers[0],
            &numbers[1],
            &numbers[2],
            &numbers[3],
            f.kind,
            &f.pattern,
            &confidence,
            bool_str(f.sensitive),
            &f.masked,
            f.value.as_deref().unwrap_or(""),
            bool_str(f.synthetic),
        ];
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                w.write_all(b",")?;
            }
            write_cell(w, cell)?;
        }
        w.write_all(b"\r\n")
    }

    fn finish(
        &mut self,
        _w: &mut dyn Write,
        _summary: &Summary,
    ) -> io::Result<()> {
        Ok(())
    }
}

fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// Write one cell: formula guard first, then RFC 4180 quoting.
pub(crate) fn write_cell(w: &mut dyn Write, cell: &str) -> io::Result<()> {
    let guard =
        cell != "-" && cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = cell.contains([',', '"', '\r', '\n']);
    if quote {
        w.write_all(b"\"")?;
    }
    if guard {
        w.write_all(b"'")?;
    }
    if quote {
        w.write_all(cell.replace('"', "\"\"").as_bytes())?;
        w.write_all(b"\"")
    } else {
        w.write_all(cell.as_bytes())
    }
}
