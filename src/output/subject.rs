//! `piiscan subject` locations in the `--format`s of `scan`: one
//! occurrence per line (text, jsonl), a table (csv), or one document with
//! a summary per subject, source and kind (json). Text ends with the
//! summary too.
//!
//! An occurrence says where (path, line, column, byte span), who (the
//! subject's label) and what (`email#1`: the subject's first identifier,
//! an email), with a masked preview; the raw value only with `--reveal`.
//! Must never print a raw value otherwise, nor a path without escaping it
//! for the terminal (text).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Format;
use crate::sanitize::for_terminal;

/// One occurrence, as printed.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence<'a> {
    /// Input path.
    pub path: &'a str,
    /// 1-based line.
    pub line: u64,
    /// 1-based byte column.
    pub column: u64,
    /// Byte offset (decompressed content).
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
    /// The subject's label.
    pub subject: &'a str,
    /// Which identifier: `KIND#N`, N counting the subject's identifiers
    /// from 1.
    pub identifier: String,
    /// Kind id of the identifier (`literal` for account ids).
    pub kind: &'a str,
    /// Masked preview.
    pub masked: &'a str,
    /// Raw value, only with `--reveal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'a str>,
    /// The line's timestamp, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<&'a str>,
}

/// Counts for one subject.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SubjectSummary {
    /// The subject's label.
    pub subject: String,
    /// Occurrences in all.
    pub total: u64,
    /// Occurrences per source path.
    pub by_source: BTreeMap<String, u64>,
    /// Occurrences per kind.
    pub by_kind: BTreeMap<String, u64>,
    /// Earliest timestamp on a line with an occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// Latest timestamp on a line with an occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
}

impl SubjectSummary {
    /// Count `o`.
    pub fn add(&mut self, o: &Occurrence<'_>) {
        self.total += 1;
        *self.by_source.entry(o.path.to_string()).or_default() += 1;
        *self.by_kind.entry(o.kind.to_string()).or_default() += 1;
        if let Some(t) = o.time {
            if self.first_seen.as_deref().map_or(true, |cur| t < cur) {
                self.first_seen = Some(t.to_string());
            }
            if self.last_seen.as_deref().map_or(true, |cur| t > cur) {
                self.last_seen = Some(t.to_string());
            }
        }
    }
}

/// The whole run's numbers, printed at the end.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunTotals {
    /// Inputs read.
    pub files_read: u64,
    /// Content bytes read.
    pub bytes_read: u64,
    /// Inputs that failed.
    pub errors: u64,
}

/// Writes occurrences in one format.
pub struct SubjectReport {
    format: Format,
    first: bool,
}

impl SubjectReport {
    /// A writer for `format` (`sarif` is not offered for subjects).
    pub fn new(format: Format) -> SubjectReport {
        SubjectReport { format, first: true }
    }

    /// Whatever precedes the first occurrence.
    pub fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Csv => w.write_all(
                b"path,line,column,start,end,subject,identifier,kind,masked,value,time\r\n",
            ),
            Format::Json => w.write_all(b"{\"occurrences\":["),
            _ => Ok(()),
        }
    }

    /// One occurrence.
    pub fn occurrence(
        &mut self,
        w: &mut dyn Write,
        o: &Occurrence<'_>,
    ) -> io::Result<()> {
        match self.format {
            Format::Json => {
                if !self.first {
                    w.write_all(b",")?;
                }
                self.first = false;
                w.write_all(b"\n")?;
                serde_json::to_writer(&mut *w, o)?;
                Ok(())
            }
            Format::Jsonl | Format::Sarif => {
                serde_json::to_writer(&mut *w, o)?;
                w.write_all(b"\n")
            }
            Format::Csv => {
                let nums =
                    [o.line, o.column, o.start, o.end].map(|n| n.to_string());
                let cells: [&str; 11] = [
                    o.path,
                    &nums[0],
                    &nums[1],
                    &nums[2],
                    &nums[3],
                    o.subject,
                    &o.identifier,
                    o.kind,
                    o.masked,
                    o.value.unwrap_or(""),
                    o.time.unwrap_or(""),
                ];
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        w.write_all(b",")?;
                    }
                    super::csv::write_cell(w, c)?;
                }
                w.write_all(b"\r\n")
            }
            Format::Text => {
                let shown = o.value.unwrap_or(o.masked);
                write!(
                    w,
                    "{}:{}:{} {} {} {}",
                    for_terminal(o.path),
                    o.line,
                    o.column,
                    for_terminal(o.subject),
                    o.identifier,
                    for_terminal(shown)
                )?;
                if let Some(t) = o.time {
                    write!(w, " {t}")?;
                }
                w.write_all(b"\n")
            }
        }
    }

    /// Whatever follows the last occurrence: the summaries.
    pub fn finish(
        &mut self,
        w: &mut dyn Write,
        summaries: &[SubjectSummary],
        totals: &RunTotals,
    ) -> io::Result<()> {
        match self.format {
            Format::Json => {
                w.write_all(b"\n],\"subjects\":")?;
                serde_json::to_writer(&mut *w, summaries)?;
                w.write_all(b",\"totals\":")?;
                serde_json::to_writer(&mut *w, totals)?;
                w.write_all(b"}\n")
            }
            Format::Text => {
                for s in summaries {
                    write!(
                        w,
                        "# {}: {} occurrence{} in {} source{}",
                        for_terminal(&s.subject),
                        s.total,
                        if s.total == 1 { "" } else { "s" },
                        s.by_source.len(),
                        if s.by_source.len() == 1 { "" } else { "s" },
                    )?;
                    let kinds: Vec<String> = s
                        .by_kind
                        .iter()
                        .map(|(k, n)| format!("{k} {n}"))
                        .collect();
                    if !kinds.is_empty() {
                        write!(w, " ({})", kinds.join(", "))?;
                    }
                    if let (Some(a), Some(b)) = (&s.first_seen, &s.last_seen) {
                        write!(w, ", first {a}, last {b}")?;
                    }
                    w.write_all(b"\n")?;
                    for (path, n) in &s.by_source {
                        writeln!(w, "#   {}: {n}", for_terminal(path))?;
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
