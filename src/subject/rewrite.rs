//! Erasure and rectification: rewrite each file that holds a subject's
//! identifiers, through the one writer that replaces files
//! ([`AtomicFile`]: temporary file beside it, fsync, rename, fsync the
//! directory, mode and owner kept, refused if the file changed meanwhile)
//! and the redaction encoders (`.gz` and `.zst` stay compressed).
//!
//! Three changes share this file because they share everything but the
//! bytes they put in a span's place:
//! - [`Change::Erase`]: each identifier becomes a tag of its kind
//!   (`[EMAIL]`, `[PERSON_NAME]`, `[REDACTED]` for literals);
//! - [`Change::EraseRecords`]: each line holding one is removed whole;
//!   in a CSV file each row, even one whose quoted cells hold line
//!   breaks ([`RowEraser`]), and the header row is kept; in a JSON
//!   document each object of its arrays with its separator, in a YAML
//!   document each entry of its lists, and the result must parse to the
//!   document minus those records ([`DocumentRecords`]);
//! - [`Change::Correct`]: each occurrence of an identifier that has a
//!   replacement (`--correct KIND=OLD=NEW`) becomes NEW.
//!
//! Bytes outside a changed span never change, and an erased chunk is
//! searched again before anything is written: if the subject could still
//! be found, the file is not rewritten. A file with nothing to
//! change is never opened for writing. A dry run inspects and reads like
//! a real one (so it reports what would be refused) and writes nothing.
//! Never writes a file whose content was not read to its end.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;

use rayon::prelude::*;

use super::json_doc::{self, RemoveError};
use super::matcher::{Hit, SubjectMatcher};
use super::profile::IdKind;
use super::records::{self, DocumentRecords, RecordFormat};
use super::rows::RowEraser;
use crate::document::{self, rewrite::Redone};
use crate::engine::{FileStart, SqlContext, SqlTracker};
use crate::input::{
    self, Chunk, Compression, Content, Input, InputId, OpenOptions, Outcome,
};
use crate::redact::sink::Encoder;
use crate::redact::syntax::Syntax;
use crate::redact::{AtomicFile, Original, Policy};

/// What to do with each occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Replace identifiers with a tag of their kind.
    Erase,
    /// Remove whole records (lines, CSV rows, JSON objects) holding one.
    EraseRecords,
    /// Replace identifiers that have a correction with the new value.
    Correct,
}

/// How to rewrite.
#[derive(Debug, Clone)]
pub struct RewriteOptions {
    /// How inputs are opened.
    pub open: OpenOptions,
    /// Report only; write nothing.
    pub dry_run: bool,
    /// Hard-link policy of the atomic writer.
    pub policy: Policy,
    /// What to do.
    pub change: Change,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RewriteStatus {
    /// Nothing to change; not touched.
    Unchanged,
    /// Rewritten.
    Changed,
    /// Dry run: would be rewritten.
    WouldChange,
    /// Not read (binary); not an error.
    Skipped,
    /// An error; the file is as it was.
    Failed,
}

/// The outcome for one file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileChange {
    /// Display path (raw: escape before printing).
    pub path: String,
    /// What happened.
    pub status: RewriteStatus,
    /// Why it failed or was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Occurrences changed, per kind.
    pub changed: BTreeMap<String, u64>,
    /// Records (lines, CSV rows, JSON objects) removed.
    #[serde(skip_serializing_if = "is_zero")]
    pub records_removed: u64,
    /// Occurrences changed, per subject index.
    #[serde(skip)]
    pub by_subject: BTreeMap<u32, u64>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl FileChange {
    fn new(path: &str) -> FileChange {
        FileChange {
            path: path.to_string(),
            status: RewriteStatus::Unchanged,
            reason: None,
            changed: BTreeMap::new(),
            records_removed: 0,
            by_subject: BTreeMap::new(),
        }
    }

    /// Failed: the file is as it was, so nothing counts as changed.
    fn fail(mut self, reason: impl Into<String>) -> FileChange {
        self.status = RewriteStatus::Failed;
        self.reason = Some(reason.into());
        self.changed.clear();
        self.by_subject.clear();
        self.records_removed = 0;
        self
    }

    /// Done: changed (or would be, in a dry run) when anything counts.
    fn settled(mut self, dry_run: bool) -> FileChange {
        let any = self.total() > 0 || self.records_removed > 0;
        self.status = match (any, dry_run) {
            (false, _) => RewriteStatus::Unchanged,
            (true, true) => RewriteStatus::WouldChange,
            (true, false) => RewriteStatus::Changed,
        };
        self
    }

    /// Occurrences changed in all.
    pub fn total(&self) -> u64 {
        self.changed.values().sum()
    }

    /// One line for stderr: `erased logs/a.log: email 2, phone 1`.
    pub fn text_line(&self, verb: &str) -> Option<String> {
        let path = crate::sanitize::for_terminal(&self.path);
        match self.status {
            RewriteStatus::Unchanged | RewriteStatus::Skipped => None,
            RewriteStatus::Failed => Some(format!(
                "{path}: {}",
                self.reason.as_deref().unwrap_or("failed")
            )),
            RewriteStatus::Changed | RewriteStatus::WouldChange => {
                let mut counts: Vec<String> = self
                    .changed
                    .iter()
                    .map(|(k, n)| format!("{k} {n}"))
                    .collect();
                if self.records_removed > 0 {
                    counts.push(format!(
                        "{} record{} removed",
                        self.records_removed,
                        if self.records_removed == 1 { "" } else { "s" }
                    ));
                }
                let would = if self.status == RewriteStatus::WouldChange {
                    "would be "
                } else {
                    ""
                };
                Some(format!("{would}{verb} {path}: {}", counts.join(", ")))
            }
        }
    }
}

/// One chunk's new body, when it changed, and its counts.
#[derive(Default)]
struct ChunkEdit {
    body: Option<Vec<u8>>,
    /// Each change: its range in the old body and in the new one.
    spans: Vec<(Range<usize>, Range<usize>)>,
    changed: BTreeMap<String, u64>,
    by_subject: BTreeMap<u32, u64>,
    records: u64,
    /// An erasure left something to find (see [`verify`]).
    unclean: bool,
    /// Removing CSV rows or document records: where each hit starts
    /// (absolute); the records are cut once the file is read in order.
    row_hits: Vec<u64>,
}

/// Rewrite `input` for `opts.change`.
pub fn rewrite(
    matcher: &SubjectMatcher,
    input: &Input,
    opts: &RewriteOptions,
) -> FileChange {
    let report = FileChange::new(&input.display);
    let InputId::Path(path) = &input.id else {
        return report.fail("standard input cannot be changed in place");
    };
    let original = match Original::inspect(path, opts.policy) {
        Ok(o) => o,
        Err(e) => return report.fail(e.reason()),
    };
    let content = match input::open(input, &opts.open) {
        Ok(c) => c,
        Err(e) => {
            let mut r = report;
            match e.skip_reason() {
                Some(reason) => {
                    r.status = RewriteStatus::Skipped;
                    r.reason = Some(reason.to_string());
                }
                None => return r.fail(e.reason),
            }
            return r;
        }
    };
    let mut job = Job { matcher, opts, report, writer: None, original };
    let result = match content {
        Content::Whole(whole) => job.whole(whole.bytes()),
        Content::Stream(stream) => job.stream(stream),
    };
    match result {
        Err(reason) => job.report.fail(reason),
        Ok(()) => job.report.settled(opts.dry_run),
    }
}

/// Rewrite the archive or Office document `input` of `kind` for
/// `opts.change`: each member's text is changed as a file's would be, and
/// the document is put back together around it by the same code that
/// redacts documents ([`crate::document::rewrite`]), then written through
/// [`AtomicFile`]. Removing whole records is refused: a "line" of a
/// spreadsheet or a paragraph is not a record to delete from inside the
/// document's XML. A PDF is refused (its text cannot be rewritten).
pub fn rewrite_document(
    matcher: &SubjectMatcher,
    input: &Input,
    kind: document::Kind,
    docs: &document::Options,
    opts: &RewriteOptions,
) -> FileChange {
    let report = FileChange::new(&input.display);
    let InputId::Path(path) = &input.id else {
        return report.fail("standard input cannot be changed in place");
    };
    if opts.change == Change::EraseRecords {
        return report.fail(
            "removing records inside documents and archives is not \
             supported (use --erase); not changed",
        );
    }
    if let Some(why) = document::rewrite::refusal(kind) {
        return report.fail(why);
    }
    let original = match Original::inspect(path, opts.policy) {
        Ok(o) => o,
        Err(e) => return report.fail(e.reason()),
    };
    let bytes = match document::rewrite::read_whole(path, docs) {
        Ok(b) => b,
        Err(reason) => return report.fail(reason),
    };
    let mut job = Job { matcher, opts, report, writer: None, original };
    let (matcher, change) = (job.matcher, opts.change);
    let mut edits: Vec<ChunkEdit> = Vec::new();
    let mut change_member =
        |member: &str, text: &[u8]| -> Result<Option<Redone>, String> {
            let head = super::locate::first_line(text);
            let format = records::detect(member, head);
            let syntax = records::value_syntax(member, format);
            let mut redone = Redone::default();
            for chunk in input::whole_chunks(text) {
                let e = edit_chunk(
                    matcher, &chunk, head, None, format, syntax, change,
                );
                if e.unclean {
                    return Err(format!(
                        "{}: {UNCLEAN}",
                        crate::sanitize::for_terminal(member)
                    ));
                }
                let Some(body) = &e.body else {
                    redone.output.extend_from_slice(chunk.body_bytes());
                    continue;
                };
                // Spans are relative to the chunk's body, old and new.
                let (at, shift) = (chunk.offset as usize, redone.output.len());
                for (src, dst) in &e.spans {
                    redone.edits.push((
                        at + src.start..at + src.end,
                        shift + dst.start..shift + dst.end,
                    ));
                }
                redone.output.extend_from_slice(body);
                edits.push(e);
            }
            Ok((!redone.edits.is_empty()).then_some(redone))
        };
    let result = document::rewrite::rewrite(
        kind,
        bytes,
        &input.display,
        docs,
        &mut change_member,
    );
    for e in &edits {
        job.count(e);
    }
    let new = match result {
        // Parser errors may quote member names: escape them.
        Err(reason) => {
            return job.report.fail(crate::sanitize::for_terminal(&reason))
        }
        Ok(new) => new,
    };
    if let (Some(new), false) = (new, opts.dry_run) {
        let written = job
            .open(Compression::None)
            .and_then(|()| job.write(&new))
            .and_then(|()| job.commit());
        if let Err(reason) = written {
            return job.report.fail(reason);
        }
    }
    job.report.settled(opts.dry_run)
}

struct Job<'a> {
    matcher: &'a SubjectMatcher,
    opts: &'a RewriteOptions,
    report: FileChange,
    writer: Option<(AtomicFile, Encoder)>,
    original: Original,
}

impl Job<'_> {
    fn whole(&mut self, bytes: &[u8]) -> Result<(), String> {
        let head = super::locate::first_line(bytes);
        let format = records::detect(&self.report.path, head);
        let syntax = records::value_syntax(&self.report.path, format);
        let chunks = input::whole_chunks(bytes);
        let (matcher, change) = (self.matcher, self.opts.change);
        let edits: Vec<ChunkEdit> = chunks
            .par_iter()
            .map(|c| {
                edit_chunk(matcher, c, head, None, format, syntax, change)
            })
            .collect();
        for e in &edits {
            self.count(e);
        }
        if self.removes_document_records(format) {
            let hits = edits.iter().flat_map(|e| e.row_hits.iter().copied());
            let hits: Vec<u64> = hits.collect();
            if hits.is_empty() {
                return Ok(());
            }
            self.open_unless_dry_run(Compression::None)?;
            return self.remove_records(format, bytes, &hits);
        }
        if self.removes_csv_rows(format) {
            let hits: Vec<u64> = edits
                .iter()
                .flat_map(|e| e.row_hits.iter().copied())
                .collect();
            let mut rows = RowEraser::default();
            let mut new = Vec::with_capacity(bytes.len());
            rows.feed(0, bytes, &hits, &mut new).map_err(|_| ROW_TOO_LONG)?;
            rows.finish(bytes.len() as u64, &hits, &mut new);
            self.report.records_removed += rows.removed;
            if rows.removed == 0 || self.opts.dry_run {
                return verify_kept(matcher, &new);
            }
            self.open(Compression::None)?;
            self.write_kept(&new)?;
            return self.commit();
        }
        let changed = edits.iter().any(|e| e.body.is_some());
        if edits.iter().any(|e| e.unclean) {
            return Err(UNCLEAN.to_string());
        }
        if !changed || self.opts.dry_run {
            return Ok(());
        }
        self.open(Compression::None)?;
        for (c, e) in chunks.iter().zip(&edits) {
            self.write(e.body.as_deref().unwrap_or(c.body_bytes()))?;
        }
        self.commit()
    }

    fn stream(&mut self, stream: input::Stream) -> Result<(), String> {
        let compression = stream.compression();
        self.open_unless_dry_run(compression)?;
        let mut chunker = stream.chunker();
        let mut head = Vec::new();
        let mut format = RecordFormat::Text;
        let mut syntax = Syntax::Plain;
        let mut changed = false;
        let mut rows: Option<RowEraser> = None;
        // A document losing records: its text, read whole first.
        let mut document: Option<Vec<u8>> = None;
        let (mut out, mut row_hits) = (Vec::new(), Vec::new());
        let mut chunker_end = 0;
        let mut sql = SqlTracker::default();
        loop {
            let chunk = match chunker.next_chunk() {
                Ok(Some(c)) => c,
                Ok(None) => break,
                Err(e) => return Err(format!("{}; not rewritten", e.reason)),
            };
            let context =
                sql.next_chunk(chunk.offset == 0, chunk.body_bytes());
            if chunk.offset == 0 {
                head = super::locate::first_line(chunk.body_bytes()).to_vec();
                format = records::detect(&self.report.path, &head);
                syntax = records::value_syntax(&self.report.path, format);
            }
            if chunk.offset == 0 && self.removes_csv_rows(format) {
                rows = Some(RowEraser::default());
            }
            if chunk.offset == 0 && self.removes_document_records(format) {
                document = Some(Vec::new());
            }
            chunker_end = chunk.end_offset();
            let e = edit_chunk(
                self.matcher,
                &chunk,
                &head,
                context.as_deref(),
                format,
                syntax,
                self.opts.change,
            );
            changed |= e.body.is_some();
            self.count(&e);
            if e.unclean {
                return Err(UNCLEAN.to_string());
            }
            if let Some(text) = &mut document {
                if text.len() + chunk.body_bytes().len() > json_doc::MAX_DOC {
                    return Err(DOC_TOO_LARGE.to_string());
                }
                text.extend_from_slice(chunk.body_bytes());
                row_hits.extend_from_slice(&e.row_hits);
                continue;
            }
            if let Some(rows) = &mut rows {
                // Rows may go on into the next chunk: hits are kept until
                // their row is read.
                row_hits.retain(|&h| h >= rows.row_start());
                row_hits.extend_from_slice(&e.row_hits);
                out.clear();
                rows.feed(
                    chunk.offset,
                    chunk.body_bytes(),
                    &row_hits,
                    &mut out,
                )
                .map_err(|_| ROW_TOO_LONG.to_string())?;
                self.write_kept(&out)?;
                continue;
            }
            if self.writer.is_some() {
                let out =
                    e.body.as_deref().unwrap_or(chunk.body_bytes()).to_vec();
                self.write(&out)?;
            }
        }
        if let Some(rows) = &mut rows {
            out.clear();
            rows.finish(chunker_end, &row_hits, &mut out);
            self.write_kept(&out)?;
            self.report.records_removed += rows.removed;
            changed |= rows.removed > 0;
        }
        if let Outcome::Partial(reason) = chunker.outcome() {
            return Err(format!("partial: {reason}; not rewritten"));
        }
        if let Some(text) = document {
            if row_hits.is_empty() {
                self.writer = None;
                return Ok(());
            }
            return self.remove_records(format, &text, &row_hits);
        }
        if changed && self.writer.is_some() {
            return self.commit();
        }
        // Unchanged: the temporary file is dropped, the original stays.
        self.writer = None;
        Ok(())
    }

    /// Whole CSV rows are about to be removed (by a [`RowEraser`]).
    fn removes_csv_rows(&self, format: RecordFormat) -> bool {
        self.opts.change == Change::EraseRecords && format == RecordFormat::Csv
    }

    /// Whole records of a JSON or YAML document are about to be removed.
    fn removes_document_records(&self, format: RecordFormat) -> bool {
        self.opts.change == Change::EraseRecords && format.is_document()
    }

    fn open_unless_dry_run(
        &mut self,
        compression: Compression,
    ) -> Result<(), String> {
        if self.opts.dry_run {
            Ok(())
        } else {
            self.open(compression)
        }
    }

    /// Remove the records holding `hits` from the document `text` (the
    /// whole content), check the rest is as it was and holds no
    /// identifier, and write it if a copy is being written.
    fn remove_records(
        &mut self,
        format: RecordFormat,
        text: &[u8],
        hits: &[u64],
    ) -> Result<(), String> {
        if text.len() > json_doc::MAX_DOC {
            return Err(DOC_TOO_LARGE.to_string());
        }
        let doc =
            DocumentRecords::parse(format, text).ok_or(NOT_A_DOCUMENT)?;
        let hits: Vec<usize> = hits.iter().map(|&h| h as usize).collect();
        let (new, removed) = doc.remove(text, &hits).map_err(|e| match e {
            RemoveError::Outside => OUTSIDE_OBJECTS,
            RemoveError::WouldChangeTheRest => NOT_KEPT_VALID,
        })?;
        verify_kept(self.matcher, &new)?;
        self.report.records_removed += removed;
        if self.writer.is_none() {
            return Ok(());
        }
        self.write(&new)?;
        self.commit()
    }

    fn count(&mut self, e: &ChunkEdit) {
        for (k, n) in &e.changed {
            *self.report.changed.entry(k.clone()).or_default() += n;
        }
        for (s, n) in &e.by_subject {
            *self.report.by_subject.entry(*s).or_default() += n;
        }
        self.report.records_removed += e.records;
    }

    fn open(&mut self, compression: Compression) -> Result<(), String> {
        let file =
            AtomicFile::replace(&self.original).map_err(|e| e.reason())?;
        let handle = file.file().try_clone().map_err(write_error)?;
        let encoder =
            Encoder::new(handle, compression).map_err(write_error)?;
        self.writer = Some((file, encoder));
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        let (_, enc) = self.writer.as_mut().expect("writer open");
        enc.write_all(bytes).map_err(write_error)
    }

    /// Rows a [`RowEraser`] kept: searched again (a kept header may hold
    /// the subject), then written if a copy is being written.
    fn write_kept(&mut self, rows: &[u8]) -> Result<(), String> {
        verify_kept(self.matcher, rows)?;
        if self.writer.is_some() {
            self.write(rows)?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), String> {
        let (file, enc) = self.writer.take().expect("writer open");
        enc.finish().map_err(write_error)?;
        file.commit(None).map_err(|e| e.reason())
    }
}

fn write_error(e: std::io::Error) -> String {
    format!("cannot write the new copy: {}", input::io_reason(&e))
}

/// The tag an erased identifier of `kind` becomes.
pub fn tag(kind: &IdKind) -> String {
    match kind {
        IdKind::Literal => "[REDACTED]".to_string(),
        k => format!("[{}]", k.name().to_ascii_uppercase()),
    }
}

/// The new body of one chunk, if anything in it changes.
fn edit_chunk(
    matcher: &SubjectMatcher,
    chunk: &Chunk<'_>,
    head: &[u8],
    sql: Option<&SqlContext>,
    format: RecordFormat,
    syntax: Syntax,
    change: Change,
) -> ChunkEdit {
    let hay = chunk.hay;
    let body = chunk.body.clone();
    let mut hits = Vec::new();
    let file = super::locate::file_start(chunk, head, sql);
    matcher.find(hay, body.clone(), file, &mut hits);
    let subjects = matcher.subjects();
    let ident =
        |h: &Hit| &subjects[h.subject as usize].identifiers[h.ident as usize];
    if change == Change::Correct {
        hits.retain(|h| ident(h).replacement.is_some());
    }
    let mut out = ChunkEdit::default();
    if hits.is_empty() {
        return out;
    }
    for h in &hits {
        *out.changed.entry(ident(h).kind.name().to_string()).or_default() += 1;
        *out.by_subject.entry(h.subject).or_default() += 1;
    }
    if change == Change::EraseRecords && format.records_span_lines() {
        // Rows and objects may span lines and chunks: they are cut once
        // the file is read in order.
        let base = chunk.hay_offset();
        out.row_hits =
            hits.iter().map(|h| base + h.span.start as u64).collect();
        return out;
    }
    let src = &hay[body.clone()];
    let shift = body.start;
    let mut new = Vec::with_capacity(src.len());
    let mut at = 0usize;
    match change {
        Change::EraseRecords => {
            // Lines holding a hit, as body-relative ranges with their
            // line ending; a CSV header row stays.
            let mut lines: Vec<Range<usize>> = Vec::new();
            for h in &hits {
                let s = h.span.start - shift;
                let start =
                    memchr::memrchr(b'\n', &src[..s]).map_or(0, |i| i + 1);
                let end = memchr::memchr(b'\n', &src[s..])
                    .map_or(src.len(), |i| s + i + 1);
                let is_header = chunk.offset == 0
                    && start == 0
                    && format == RecordFormat::Csv;
                if is_header || lines.last().is_some_and(|l| l.start == start)
                {
                    continue;
                }
                lines.push(start..end);
            }
            for l in &lines {
                new.extend_from_slice(&src[at..l.start]);
                out.spans.push((l.clone(), new.len()..new.len()));
                at = l.end;
            }
            out.records = lines.len() as u64;
        }
        Change::Erase | Change::Correct => {
            // Hits of several subjects may overlap: replace their union,
            // with the first (leftmost, longest) hit's replacement.
            let mut i = 0;
            while i < hits.len() {
                let first = &hits[i];
                let start = first.span.start - shift;
                let mut end = first.span.end - shift;
                let mut j = i + 1;
                while j < hits.len() && hits[j].span.start - shift < end {
                    end = end.max(hits[j].span.end - shift);
                    j += 1;
                }
                new.extend_from_slice(&src[at..start]);
                let id = ident(first);
                let from = new.len();
                match (&id.replacement, change) {
                    (Some(r), Change::Correct) => {
                        new.extend_from_slice(r.as_bytes())
                    }
                    _ => {
                        // Written so the file keeps its syntax: a tag
                        // alone as a YAML value reads as a list, in place
                        // of a JSON number it breaks the file.
                        let t = tag(&id.kind);
                        let t = t.as_bytes();
                        syntax.write_replacement(
                            src,
                            &(start..end),
                            &mut new,
                            |_, out| out.extend_from_slice(t),
                            |out| out.extend_from_slice(t),
                        );
                    }
                }
                out.spans.push((start..end, from..new.len()));
                at = end;
                i = j;
            }
        }
    }
    new.extend_from_slice(&src[at..]);
    if change != Change::Correct {
        out.unclean = !verify(matcher, &new);
    }
    out.body = Some(new);
    out
}

/// [`verify`] as the error a rewrite stops with.
fn verify_kept(matcher: &SubjectMatcher, rows: &[u8]) -> Result<(), String> {
    if verify(matcher, rows) {
        Ok(())
    } else {
        Err(UNCLEAN.to_string())
    }
}

/// Whether an erased body holds nothing the matcher finds. Tags cannot
/// form an identifier, so this only fails for a value cut in two at a
/// forced chunk cut (a line longer than twice the chunk size); then the
/// file is not rewritten rather than left half-erased.
fn verify(matcher: &SubjectMatcher, body: &[u8]) -> bool {
    let mut left = Vec::new();
    let file = FileStart { head: &[], at_hay: false, sql: None };
    matcher.find(body, 0..body.len(), file, &mut left);
    left.is_empty()
}

/// Why removing records was refused.
const ROW_TOO_LONG: &str = "a CSV row is longer than 8 MiB: a quote is \
    left open, and rows cannot be told apart safely; not changed (--erase \
    replaces the values instead)";

/// Why removing records from a JSON or YAML document was refused.
const DOC_TOO_LARGE: &str = "a JSON or YAML document larger than 256 MiB: \
    its records are not read whole; not changed (--erase replaces the \
    values instead)";
const NOT_A_DOCUMENT: &str = "the document does not parse (JSON or YAML): \
    its records cannot be told apart; not changed (--erase replaces the \
    values instead)";
const OUTSIDE_OBJECTS: &str = "an identifier lies outside every record \
    (an object of a JSON array, a mapping entry of a YAML list), in a \
    top-level field or a plain list value: no record to remove; not \
    changed (--erase replaces the values instead)";
const NOT_KEPT_VALID: &str = "removing the records would change the rest \
    of the document (an anchor or a layout the lines cannot carry); not \
    changed";

/// Why an erasure was not written.
const UNCLEAN: &str = "identifiers would remain after erasure (a value \
    across a cut in a very long line); not rewritten";
