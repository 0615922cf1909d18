//! Redacting an archive or Office document: the document layer
//! ([`crate::document::rewrite`]) takes it apart and puts it back
//! together; this module redacts each member's text with the
//! [`Redactor`], counts what was replaced, and writes the new file
//! through [`AtomicFile`], the one writer that replaces files.
//!
//! Formats that cannot be rewritten (PDF, email exports) fail with a
//! clear reason and are left untouched.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::document::rewrite::{self, Redone};
use crate::document::{Kind, Options};
use crate::input::{io_reason, CHUNK_SIZE};

use super::atomic::{AtomicFile, Original};
use super::file::{copy_raw, source_mode, Destination};
use super::redactor::Redactor;
use super::report::{FileReport, FileStatus};

/// One document to redact.
pub struct Job<'a> {
    /// The file.
    pub path: &'a Path,
    /// As displayed.
    pub display: &'a str,
    /// What it is.
    pub kind: Kind,
    /// Where the result goes.
    pub dest: &'a Destination,
    /// The inspected original (in place).
    pub original: Option<&'a Original>,
    /// Write nothing.
    pub dry_run: bool,
    /// Caps.
    pub documents: &'a Options,
}

/// Redact one archive or Office document.
pub fn redact_document(redactor: &Redactor<'_>, job: Job<'_>) -> FileReport {
    // In place (inspected even for a dry run) a PDF is refused below;
    // into `-o DIR` it becomes a redacted text rendition.
    if job.kind == Kind::Pdf && job.original.is_none() {
        return pdf_rendition(redactor, &job);
    }
    let mut report = FileReport::new(job.display);
    if let Some(why) = rewrite::refusal(job.kind) {
        return report.failed(why);
    }
    let bytes = match rewrite::read_whole(job.path, job.documents) {
        Ok(b) => b,
        Err(reason) => return report.failed(reason),
    };
    report.bytes = bytes.len() as u64;
    let rules = redactor.engine().rules();
    let mut redact =
        |member: &str, text: &[u8]| -> Result<Option<Redone>, String> {
            // Per member: a `.yaml` or `.json` member keeps its values typed.
            let member_redactor = redactor.for_file(member);
            let r = member_redactor.redact_bytes(text, CHUNK_SIZE).map_err(
                |e| format!("{}: {e}", crate::sanitize::for_terminal(member)),
            )?;
            if r.edits.is_empty() {
                return Ok(None);
            }
            for f in &r.found {
                *report.replaced.entry(rules[f.rule].kind.id).or_default() +=
                    1;
            }
            Ok(Some(Redone {
                output: r.output,
                edits: r
                    .edits
                    .iter()
                    .map(|e| (e.src.clone(), e.dst.clone()))
                    .collect(),
            }))
        };
    let result = rewrite::rewrite(
        job.kind,
        bytes,
        job.display,
        job.documents,
        &mut redact,
    );
    let new = match result {
        // Parser errors may quote member names: escape them.
        Err(reason) => {
            return report.failed(crate::sanitize::for_terminal(&reason))
        }
        Ok(new) => new,
    };
    let written = match (&new, job.dest) {
        (_, Destination::Nowhere) => Ok(()),
        (None, Destination::InPlace { .. }) => Ok(()),
        (None, Destination::Copy(target)) => copy_raw(job.path, target),
        (Some(new), Destination::InPlace { backup, .. }) => {
            let original = job.original.expect("inspected before reading");
            AtomicFile::replace(original)
                .map_err(|e| e.reason())
                .and_then(|f| write_all(f, new, backup.as_deref()))
        }
        (Some(new), Destination::Copy(target)) => {
            AtomicFile::create(target, source_mode(job.path))
                .map_err(|e| e.to_string())
                .and_then(|f| write_all(f, new, None))
        }
    };
    if let Err(reason) = written {
        return report.failed(reason);
    }
    report.status = match (new.is_some(), job.dry_run) {
        (false, _) => FileStatus::Unchanged,
        (true, true) => FileStatus::WouldRedact,
        (true, false) => FileStatus::Redacted,
    };
    report
}

/// A PDF's text, pages separated by form feeds, redacted: written to
/// `-o DIR` as `NAME.pdf.txt` when anything was found (the PDF itself is
/// copied when nothing was).
fn pdf_rendition(redactor: &Redactor<'_>, job: &Job<'_>) -> FileReport {
    let mut report = FileReport::new(job.display);
    let bytes = match fs::read(job.path) {
        Ok(b) => b,
        Err(e) => return report.failed(io_reason(&e)),
    };
    report.bytes = bytes.len() as u64;
    let pages = match crate::document::pdf::page_texts(&bytes) {
        Ok(p) => p,
        Err((_, reason)) => {
            return report.failed(format!("{reason}; not rewritten"))
        }
    };
    let text: Vec<u8> = pages
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n\x0c\n")
        .into_bytes();
    let r = match redactor.redact_bytes(&text, CHUNK_SIZE) {
        Ok(r) => r,
        Err(e) => return report.failed(e.to_string()),
    };
    let rules = redactor.engine().rules();
    for f in &r.found {
        *report.replaced.entry(rules[f.rule].kind.id).or_default() += 1;
    }
    let changed = !r.edits.is_empty();
    let written = match job.dest {
        Destination::Copy(target) if changed => {
            let mut name = target.as_os_str().to_owned();
            name.push(".txt");
            let txt = std::path::PathBuf::from(name);
            AtomicFile::create(&txt, source_mode(job.path))
                .map_err(|e| e.to_string())
                .and_then(|f| write_all(f, &r.output, None))
        }
        Destination::Copy(target) => copy_raw(job.path, target),
        _ => Ok(()),
    };
    if let Err(reason) = written {
        return report.failed(reason);
    }
    report.status = match (changed, job.dry_run) {
        (false, _) => FileStatus::Unchanged,
        (true, true) => FileStatus::WouldRedact,
        (true, false) => FileStatus::Redacted,
    };
    report
}

fn write_all(
    file: AtomicFile,
    bytes: &[u8],
    backup: Option<&Path>,
) -> Result<(), String> {
    let mut handle = file.file();
    handle.write_all(bytes).and_then(|()| handle.flush()).map_err(|e| {
        format!("cannot write the redacted copy: {}", io_reason(&e))
    })?;
    file.commit(backup).map_err(|e| e.reason())
}
