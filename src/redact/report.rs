//! What a redaction run reports: per file and kind on stderr, and as JSON
//! with `--report FILE`.
//!
//! Reports hold masked previews only (built by [`crate::output::mask`]),
//! never a raw value; the JSON report file is created `0600` through
//! [`super::atomic::AtomicFile`], so it is never written through a
//! symlink and never seen half-written. Paths in text lines are escaped
//! for the terminal.
//!
//! (DESIGN.md puts report files in the output module; this one lives here
//! because it needs the atomic writer and the redaction records, and
//! should move once output grows a report-file writer.)

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use crate::input::{Chunk, LineCounter};

use super::redactor::{ChunkOut, Redactor};
use crate::output::private::PrivateFile;

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Nothing to redact; the file was not touched (or, with `-o`, copied).
    Unchanged,
    /// Redacted and written.
    Redacted,
    /// `--dry-run` / `--check`: would be redacted; nothing written.
    WouldRedact,
    /// Not read (binary, a leftover temporary file, a backup); not an
    /// error.
    Skipped,
    /// An error; nothing was written for it.
    Failed,
}

/// One replaced value, as reported (never the raw value).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplacementRecord {
    /// 1-based line of `start` in the original.
    pub line: u64,
    /// 1-based byte column of `start`.
    pub column: u64,
    /// Byte offset in the original (decompressed) content.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
    /// Kind id.
    pub kind: &'static str,
    /// Rule id.
    pub pattern: String,
    /// Score, two decimals.
    pub confidence: f64,
    /// Masked preview.
    pub masked: String,
    /// Found by the rescan after earlier replacements.
    #[serde(skip_serializing_if = "is_false")]
    pub rescan: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The outcome for one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileReport {
    /// The path as displayed (raw: escape before printing).
    pub path: String,
    /// What happened.
    pub status: FileStatus,
    /// Why it was skipped or failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Content bytes read (decompressed).
    pub bytes: u64,
    /// Replacements per kind.
    pub replaced: BTreeMap<&'static str, u64>,
    /// Each replacement, when recorded (`--report`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replacements: Vec<ReplacementRecord>,
}

impl FileReport {
    /// A report for `path`, unchanged so far.
    pub fn new(path: &str) -> FileReport {
        FileReport {
            path: path.to_string(),
            status: FileStatus::Unchanged,
            reason: None,
            bytes: 0,
            replaced: BTreeMap::new(),
            replacements: Vec::new(),
        }
    }

    /// This report, failed for `reason`.
    pub fn failed(mut self, reason: impl Into<String>) -> FileReport {
        self.status = FileStatus::Failed;
        self.reason = Some(reason.into());
        self
    }

    /// This report, skipped for `reason`.
    pub fn skipped(mut self, reason: impl Into<String>) -> FileReport {
        self.status = FileStatus::Skipped;
        self.reason = Some(reason.into());
        self
    }

    /// Total replacements.
    pub fn total(&self) -> u64 {
        self.replaced.values().sum()
    }

    /// The stderr line for this file, if it gets one: `redacted PATH:
    /// email 2, us_ssn 1`, `would redact ...`, or `PATH: reason` for an
    /// error (print it after `piiscan: `).
    pub fn text_line(&self) -> Option<String> {
        let path = crate::sanitize::for_terminal(&self.path);
        let verb = match self.status {
            FileStatus::Redacted => "redacted",
            FileStatus::WouldRedact => "would redact",
            FileStatus::Failed => {
                let reason = self.reason.as_deref().unwrap_or("failed");
                return Some(format!("{path}: {reason}"));
            }
            FileStatus::Unchanged | FileStatus::Skipped => return None,
        };
        Some(format!("{verb} {path}: {}", kinds_text(&self.replaced)))
    }
}

/// `email 2, us_ssn 1`.
pub fn kinds_text<K: AsRef<str>>(counts: &BTreeMap<K, u64>) -> String {
    counts
        .iter()
        .map(|(k, n)| format!("{} {n}", k.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Totals for a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RunSummary {
    /// Inputs read.
    pub files_scanned: u64,
    /// Inputs redacted (or that would be, with `--dry-run`).
    pub files_changed: u64,
    /// Inputs with nothing to redact.
    pub files_unchanged: u64,
    /// Content bytes read.
    pub bytes: u64,
    /// Replacements per kind.
    pub replaced: BTreeMap<String, u64>,
    /// Inputs that failed.
    pub errors: u64,
    /// Inputs skipped, per reason.
    pub skipped: BTreeMap<String, u64>,
    /// Wall-clock seconds.
    pub elapsed_secs: f64,
}

impl RunSummary {
    /// Count one file's report.
    pub fn add(&mut self, f: &FileReport) {
        match f.status {
            FileStatus::Skipped => {
                let reason = f.reason.clone().unwrap_or_default();
                *self.skipped.entry(reason).or_default() += 1;
                return;
            }
            FileStatus::Failed => self.errors += 1,
            FileStatus::Redacted | FileStatus::WouldRedact => {
                self.files_changed += 1
            }
            FileStatus::Unchanged => self.files_unchanged += 1,
        }
        if f.status != FileStatus::Failed || f.bytes > 0 {
            self.files_scanned += 1;
        }
        self.bytes += f.bytes;
        if f.status == FileStatus::Failed {
            return; // nothing was written for it
        }
        for (k, n) in &f.replaced {
            *self.replaced.entry(k.to_string()).or_default() += n;
        }
    }

    /// Total replacements.
    pub fn total(&self) -> u64 {
        self.replaced.values().sum()
    }

    /// The closing stderr line: `redact: 2 files changed, 5 unchanged, 1
    /// error; 7 replacements (email 4, us_ssn 3)`.
    pub fn text_line(&self, dry_run: bool) -> String {
        let changed = if dry_run { "would change" } else { "changed" };
        let mut s = format!(
            "redact: {} {} {changed}, {} unchanged",
            self.files_changed,
            plural(self.files_changed, "file", "files"),
            self.files_unchanged,
        );
        let skipped: u64 = self.skipped.values().sum();
        if skipped > 0 {
            s.push_str(&format!(
                ", {skipped} skipped ({})",
                kinds_text(&self.skipped)
            ));
        }
        if self.errors > 0 {
            s.push_str(&format!(
                ", {} {}",
                self.errors,
                plural(self.errors, "error", "errors")
            ));
        }
        s.push_str(&format!(
            "; {} {}",
            self.total(),
            plural(self.total(), "replacement", "replacements")
        ));
        if !self.replaced.is_empty() {
            s.push_str(&format!(" ({})", kinds_text(&self.replaced)));
        }
        s
    }
}

fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Counts replacements of one input chunk by chunk, and with `--report`
/// turns them into [`ReplacementRecord`]s with line numbers.
pub struct Tally<'r, 'e> {
    redactor: &'r Redactor<'e>,
    lines: LineCounter,
    /// The report being filled.
    pub report: FileReport,
}

impl<'r, 'e> Tally<'r, 'e> {
    /// Start counting for `path`.
    pub fn new(redactor: &'r Redactor<'e>, path: &str) -> Self {
        Tally {
            redactor,
            lines: LineCounter::new(),
            report: FileReport::new(path),
        }
    }

    /// Count `out`, the redaction of `chunk` (chunks in order).
    pub fn add(&mut self, chunk: &Chunk<'_>, out: &ChunkOut) {
        let rules = self.redactor.engine().rules();
        self.report.bytes += chunk.body.len() as u64;
        for f in &out.found {
            *self.report.replaced.entry(rules[f.rule].kind.id).or_default() +=
                1;
        }
        if !self.redactor.records() {
            return;
        }
        let mut order: Vec<usize> = (0..out.found.len()).collect();
        order.sort_by_key(|&i| out.found[i].span.start);
        for i in order {
            let f = &out.found[i];
            let rule = &rules[f.rule];
            let start = chunk.offset + f.span.start as u64;
            let (line, column) = self.lines.locate_in(chunk, start);
            self.report.replacements.push(ReplacementRecord {
                line,
                column,
                start,
                end: chunk.offset + f.span.end as u64,
                kind: rule.kind.id,
                pattern: rule.id.clone(),
                confidence: crate::output::round_confidence(f.confidence),
                masked: f.masked.clone().unwrap_or_default(),
                rescan: f.rescan,
            });
        }
        self.lines.finish_chunk(chunk);
    }
}

/// Facts about the run written at the top of the JSON report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportHeader {
    /// Report format version.
    pub version: u32,
    /// `in-place`, `output-dir`, `stdout` or `none`.
    pub mode: &'static str,
    /// Nothing was written (`--dry-run` or `--check`).
    pub dry_run: bool,
    /// Default style name.
    pub style: &'static str,
    /// `--style-for` overrides.
    pub style_for: BTreeMap<String, &'static str>,
}

/// The `--report FILE` writer: one JSON document, streamed file by file,
/// into a private report file ([`PrivateFile`]).
pub struct JsonReport {
    file: PrivateFile,
    out: BufWriter<File>,
    first: bool,
}

impl JsonReport {
    /// Start the report at `path` (mode 0600; an existing file or symlink
    /// there is replaced at the end, never written through).
    pub fn create(
        path: &Path,
        header: &ReportHeader,
    ) -> Result<JsonReport, String> {
        let file = PrivateFile::create(path)?;
        let out = file.writer()?;
        let mut report = JsonReport { file, out, first: true };
        let head = serde_json::to_string(header).map_err(|e| e.to_string())?;
        // `{...header fields..., "files": [`
        let head = head.strip_suffix('}').unwrap_or(&head);
        write!(report.out, "{head},\"files\":[").map_err(|e| report.err(e))?;
        Ok(report)
    }

    fn err(&self, e: io::Error) -> String {
        format!(
            "{}: cannot write the report: {}",
            crate::sanitize::for_terminal(
                &self.file.target().to_string_lossy()
            ),
            crate::input::io_reason(&e)
        )
    }

    /// Add one file.
    pub fn file(&mut self, f: &FileReport) -> Result<(), String> {
        let sep = if self.first { "" } else { "," };
        self.first = false;
        let r = self.out.write_all(sep.as_bytes()).and_then(|_| {
            serde_json::to_writer(&mut self.out, f).map_err(io::Error::from)
        });
        r.map_err(|e| self.err(e))
    }

    /// Close the document with the summary and put the file in place.
    pub fn finish(mut self, summary: &RunSummary) -> Result<(), String> {
        let r = self
            .out
            .write_all(b"],\"summary\":")
            .and_then(|_| {
                serde_json::to_writer(&mut self.out, summary)
                    .map_err(io::Error::from)
            })
            .and_then(|_| self.out.write_all(b"}\n"))
            .and_then(|_| self.out.flush());
        r.map_err(|e| self.err(e))?;
        drop(self.out);
        self.file.commit()
    }
}
