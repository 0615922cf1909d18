//! Finding subjects in inputs: open each file (plain, mapped, gzip,
//! zstd), run the [`SubjectMatcher`] over its line-aligned chunks (in
//! parallel for content in memory), and turn hits into located
//! occurrences with line, column and, where the line carries one, its
//! timestamp; optionally keep each matching record for an export.
//!
//! Reads only; never writes and never prints.

use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::json_doc;
use super::matcher::{Hit, SubjectMatcher};
use super::records::{self, DocumentRecords, RecordFormat};
use super::rows::RowRecords;

use crate::document::{self, Item, NoteKind};
use crate::engine::{FileStart, SqlContext, SqlTracker};
use crate::input::{
    self, Chunk, Content, Input, InputId, OpenOptions, Outcome,
};

/// One occurrence of one identifier of one subject in one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Byte offset of the first byte (decompressed content).
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
    /// 1-based line of `start`.
    pub line: u64,
    /// 1-based byte column of `start`.
    pub column: u64,
    /// Index of the subject.
    pub subject: u32,
    /// Index of the identifier within the subject.
    pub ident: u32,
    /// The line's timestamp (`YYYY-MM-DDTHH:MM:SS`), if it has one.
    pub time: Option<String>,
    /// Index into [`FileHits::records`] when records are kept.
    pub record: Option<u32>,
    /// Masked preview of the value.
    pub masked: String,
    /// The raw value, only when asked for (`--reveal`).
    pub value: Option<String>,
    /// In a spreadsheet: the cell holding it (`C7`); `start`, `end` and
    /// `column` are then within the cell's text and `line` is 1, as
    /// `scan` names spreadsheet findings (`book.xlsx!Customers!C7`).
    pub cell: Option<String>,
}

/// A record (line, CSV row, JSON object) holding at least one hit, kept
/// for exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line.
    pub line: u64,
    /// The record's bytes, without its line ending.
    pub text: Vec<u8>,
    /// Every hit in it, spans relative to `text`.
    pub hits: Vec<Hit>,
}

/// What one input holds.
#[derive(Debug, Clone, Default)]
pub struct FileHits {
    /// The input's display path (raw: escape before printing).
    pub path: String,
    /// Content bytes read.
    pub bytes: u64,
    /// Occurrences, in offset order.
    pub hits: Vec<Located>,
    /// Matching records, when asked for.
    pub records: Vec<Record>,
    /// How records are shaped in this input.
    pub format: Option<RecordFormat>,
    /// The first line (a CSV header), when records are kept.
    pub head: Vec<u8>,
    /// Why the input could not be read (fully): `path: reason`.
    pub error: Option<String>,
    /// Why it was not read at all, when that is not an error (binary).
    pub skipped: Option<&'static str>,
}

/// What a chunk produced, before line numbers are made absolute.
struct ChunkResult {
    hits: Vec<Located>,
    records: Vec<Record>,
    newlines: u64,
}

/// Find every subject in `input`; with `keep_records`, keep each record
/// that holds a hit.
pub fn locate(
    matcher: &SubjectMatcher,
    input: &Input,
    open: &OpenOptions,
    keep_records: bool,
    reveal: bool,
) -> FileHits {
    let mut out =
        FileHits { path: input.display.clone(), ..FileHits::default() };
    let how = How { matcher, keep_records, reveal };
    match input::open(input, open) {
        Ok(Content::Whole(whole)) => how.bytes(&mut out, whole.bytes()),
        Ok(Content::Stream(stream)) => {
            let mut chunker = stream.chunker();
            how.stream(&mut out, &mut chunker);
            if let Outcome::Partial(reason) = chunker.outcome() {
                out.error = Some(format!(
                    "{}: partial: {reason}",
                    crate::sanitize::for_terminal(&input.display)
                ));
            }
        }
        Err(e) => match e.skip_reason() {
            Some(reason) => out.skipped = Some(reason),
            None => out.error = Some(e.to_string()),
        },
    }
    out
}

/// [`locate`] for an input that may be a document or archive (`docs`
/// decides): each member is searched as a file of its own, named
/// `a.zip!b.csv` (a spreadsheet's sheet as `book.xlsx!Sheet1`, lines being
/// rows); a member that cannot be read is an error of its own. Other
/// inputs give one result, as [`locate`].
pub fn locate_members(
    matcher: &SubjectMatcher,
    input: &Input,
    open: &OpenOptions,
    docs: &document::Options,
    keep_records: bool,
    reveal: bool,
) -> Vec<FileHits> {
    let kind = match (docs.detect_named(input), &input.id) {
        (Some(kind), InputId::Path(path))
            if !document::reads_as_text(kind, path) =>
        {
            kind
        }
        _ => return vec![locate(matcher, input, open, keep_records, reveal)],
    };
    let how = How { matcher, keep_records, reveal };
    let mut results = Vec::new();
    document::expand(input, kind, docs, &mut |item| {
        let mut out = FileHits::default();
        match item {
            Item::Text(member) => {
                out.path = member.path;
                how.bytes(&mut out, &member.text);
                if let Some(cells) = &member.cells {
                    in_cells(&mut out.hits, cells);
                }
            }
            Item::Stream(member) => {
                out.path = member.path;
                let mut chunker = input::StreamChunker::new(member.reader)
                    .with_display(out.path.clone());
                how.stream(&mut out, &mut chunker);
            }
            Item::Note(note) => {
                out.path = note.path;
                match note.kind {
                    NoteKind::Skipped(reason) => out.skipped = Some(reason),
                    NoteKind::Error
                    | NoteKind::Partial
                    | NoteKind::Unscanned => {
                        out.error = Some(format!(
                            "{}: {}",
                            crate::sanitize::for_terminal(&out.path),
                            note.reason
                        ))
                    }
                }
            }
        }
        results.push(out);
        true
    });
    results
}

/// Name each hit of a sheet by its cell, with offsets into the cell.
fn in_cells(hits: &mut [Located], cells: &document::Cells) {
    for h in hits {
        let Some((cell, first)) = cells.locate(h.start as usize) else {
            continue;
        };
        h.cell = Some(cell.to_string());
        h.start -= first as u64;
        h.end -= first as u64;
        h.line = 1;
        h.column = h.start + 1;
    }
}

/// What to search for and what to keep, for one input's content.
struct How<'m> {
    matcher: &'m SubjectMatcher,
    keep_records: bool,
    reveal: bool,
}

impl How<'_> {
    /// Content held whole: its chunks searched in parallel.
    fn bytes(&self, out: &mut FileHits, bytes: &[u8]) {
        out.bytes = bytes.len() as u64;
        let head = first_line(bytes);
        out.format = Some(records::detect(&out.path, head));
        if self.keep_records {
            out.head = head.to_vec();
        }
        let rows = self.rows(out.format);
        let results: Vec<ChunkResult> = input::whole_chunks(bytes)
            .par_iter()
            .map(|c| self.chunk(c, head, None, rows.is_none()))
            .collect();
        let mut line = 1;
        for r in results {
            add_result(out, r, &mut line);
        }
        if let Some(mut rows) = rows {
            rows.feed(0, bytes, &mut out.hits, &mut out.records);
            rows.finish(out.bytes, &mut out.hits, &mut out.records);
        }
        if let Some(format) = self.document(out.format) {
            document_records(format, bytes, &mut out.hits, &mut out.records);
        }
    }

    /// Records of a JSON or YAML document span lines: found once the
    /// whole text is read ([`document_records`]).
    fn document(&self, format: Option<RecordFormat>) -> Option<RecordFormat> {
        format.filter(|f| self.keep_records && f.is_document())
    }

    /// Records of a CSV input are its rows, which may span lines: they are
    /// read in order ([`RowRecords`]) rather than line by line per chunk.
    fn rows(&self, format: Option<RecordFormat>) -> Option<RowRecords> {
        (self.keep_records && format == Some(RecordFormat::Csv))
            .then(RowRecords::default)
    }

    /// Content read in order; a read error ends it and is recorded.
    fn stream<R: std::io::Read>(
        &self,
        out: &mut FileHits,
        chunker: &mut input::StreamChunker<R>,
    ) {
        let mut head: Vec<u8> = Vec::new();
        let mut rows = None;
        // A document's text, while it fits in memory.
        let mut document: Option<Vec<u8>> = None;
        let mut line = 1;
        let mut sql = SqlTracker::default();
        loop {
            match chunker.next_chunk() {
                Ok(Some(c)) => {
                    let context =
                        sql.next_chunk(c.offset == 0, c.body_bytes());
                    if c.offset == 0 {
                        head = first_line(c.body_bytes()).to_vec();
                        out.format = Some(records::detect(&out.path, &head));
                        rows = self.rows(out.format);
                        document =
                            self.document(out.format).map(|_| Vec::new());
                    }
                    out.bytes = c.end_offset();
                    let r = self.chunk(
                        &c,
                        &head,
                        context.as_deref(),
                        rows.is_none(),
                    );
                    add_result(out, r, &mut line);
                    if let Some(rows) = &mut rows {
                        let (hits, records) =
                            (&mut out.hits, &mut out.records);
                        rows.feed(c.offset, c.body_bytes(), hits, records);
                    }
                    if let Some(text) = &mut document {
                        if text.len() + c.body_bytes().len()
                            > json_doc::MAX_DOC
                        {
                            document = None;
                        } else {
                            text.extend_from_slice(c.body_bytes());
                        }
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    out.error = Some(e.with_path(&out.path).to_string());
                    break;
                }
            }
        }
        if let Some(rows) = &mut rows {
            rows.finish(out.bytes, &mut out.hits, &mut out.records);
        }
        if let (Some(text), Some(format), None) =
            (&document, self.document(out.format), &out.error)
        {
            document_records(format, text, &mut out.hits, &mut out.records);
        }
        if self.keep_records {
            out.head = head;
        }
    }

    /// Search one chunk (of a streamed SQL dump: with the context the
    /// chunks before it left, `sql`); `lines`: keep the lines holding
    /// hits as records.
    fn chunk(
        &self,
        c: &Chunk<'_>,
        head: &[u8],
        sql: Option<&SqlContext>,
        lines: bool,
    ) -> ChunkResult {
        let keep = self.keep_records && lines;
        scan_chunk(self.matcher, c, head, sql, keep, self.reveal)
    }
}

/// In a JSON or YAML document that parses whole (and fits
/// [`json_doc::MAX_DOC`]), a hit inside a record (an object of a JSON
/// array, an entry of a YAML list) gets that record instead of its line;
/// other hits keep their line.
fn document_records(
    format: RecordFormat,
    text: &[u8],
    hits: &mut [Located],
    records: &mut Vec<Record>,
) {
    if hits.is_empty() {
        return;
    }
    let Some(doc) = DocumentRecords::parse(format, text) else { return };
    let lines = std::mem::take(records);
    // The record made last: by its span (objects), or by the line
    // record it copies (other hits).
    let mut last: Option<(Range<usize>, u32)> = None;
    let mut line = 1;
    let mut counted = 0;
    for h in hits.iter_mut() {
        let start = h.start as usize;
        let (span, first_line) = match doc.record_at(start) {
            Some(span) => {
                line += memchr::memchr_iter(b'\n', &text[counted..span.start])
                    .count() as u64;
                counted = span.start;
                (span, line)
            }
            None => {
                let Some(old) = h.record else { continue };
                let rec = &lines[old as usize];
                let from = start - (h.column as usize - 1);
                (from..from + rec.text.len(), rec.line)
            }
        };
        let index = match &last {
            Some((s, i)) if *s == span => *i,
            _ => {
                records.push(Record {
                    line: first_line,
                    text: text[span.clone()].to_vec(),
                    hits: Vec::new(),
                });
                let i = records.len() as u32 - 1;
                last = Some((span.clone(), i));
                i
            }
        };
        let rel = start - span.start;
        let rel_end = (h.end as usize).min(span.end).max(start) - span.start;
        records[index as usize].hits.push(Hit {
            span: rel..rel_end,
            subject: h.subject,
            ident: h.ident,
        });
        h.record = Some(index);
    }
}

/// The next chunk's results, with line numbers made absolute (`line`:
/// the line the chunk starts on).
fn add_result(out: &mut FileHits, mut r: ChunkResult, line: &mut u64) {
    let base = out.records.len() as u32;
    for h in &mut r.hits {
        h.line += *line;
        h.record = h.record.map(|i| i + base);
    }
    for rec in &mut r.records {
        rec.line += *line;
    }
    *line += r.newlines;
    out.hits.extend(r.hits);
    out.records.extend(r.records);
}

/// The first line of `bytes` (at most 4 KiB), without its line ending.
pub(crate) fn first_line(bytes: &[u8]) -> &[u8] {
    let n = memchr::memchr(b'\n', bytes)
        .map_or(bytes.len(), |i| i + 1)
        .min(input::HEAD_LINE);
    let line = &bytes[..n];
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Where `chunk` sits in its file: the file's first line (`head`, a CSV
/// header) names the columns of every chunk, and a streamed SQL dump's
/// chunk gets what the chunks before it said (`sql`: tables created, a
/// `COPY` block open).
pub(crate) fn file_start<'a>(
    chunk: &Chunk<'a>,
    head: &'a [u8],
    sql: Option<&'a SqlContext>,
) -> FileStart<'a> {
    if chunk.offset == 0 {
        FileStart { head: chunk.hay, at_hay: true, sql }
    } else {
        FileStart { head, at_hay: false, sql }
    }
}

fn scan_chunk(
    matcher: &SubjectMatcher,
    chunk: &Chunk<'_>,
    head: &[u8],
    sql: Option<&SqlContext>,
    keep_records: bool,
    reveal: bool,
) -> ChunkResult {
    let hay = chunk.hay;
    let body = chunk.body.clone();
    let base = chunk.hay_offset();
    let mut hits = Vec::new();
    matcher.find(hay, body.clone(), file_start(chunk, head, sql), &mut hits);
    let newlines =
        memchr::memchr_iter(b'\n', &hay[body.clone()]).count() as u64;
    let mut located = Vec::with_capacity(hits.len());
    let mut records: Vec<Record> = Vec::new();
    let mut rec_span: Option<Range<usize>> = None;
    // Line (0-based, relative to the body) and where it starts.
    let mut pos = body.start;
    let mut line = 0u64;
    for h in &hits {
        let start = h.span.start;
        line += memchr::memchr_iter(b'\n', &hay[pos..start]).count() as u64;
        pos = start;
        let line_start =
            memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &hay[start..])
            .map_or(hay.len(), |i| start + i);
        let text = &hay[line_start..line_end];
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        let mut record = None;
        if keep_records {
            let span = line_start..line_start + text.len();
            if rec_span.as_ref() != Some(&span) {
                records.push(Record {
                    line,
                    text: text.to_vec(),
                    hits: Vec::new(),
                });
                rec_span = Some(span);
            }
            let r = records.last_mut().expect("pushed above");
            let end = h.span.end.min(line_start + text.len());
            r.hits.push(Hit {
                span: start - line_start..end - line_start,
                subject: h.subject,
                ident: h.ident,
            });
            record = Some(records.len() as u32 - 1);
        }
        let kind = matcher.subjects()[h.subject as usize].identifiers
            [h.ident as usize]
            .kind
            .name();
        let value = &hay[h.span.clone()];
        located.push(Located {
            masked: crate::output::mask::mask(kind, value),
            value: reveal.then(|| String::from_utf8_lossy(value).into_owned()),
            start: base + start as u64,
            end: base + h.span.end as u64,
            line,
            column: (start - line_start) as u64 + 1,
            subject: h.subject,
            ident: h.ident,
            time: timestamp(text),
            record,
            cell: None,
        });
    }
    ChunkResult { hits: located, records, newlines }
}

/// The first ISO-8601-like timestamp on a line (`2024-03-01T12:00:00Z`,
/// `2024-03-01 12:00:00`), as `YYYY-MM-DDTHH:MM:SS` so that timestamps
/// compare as strings.
pub fn timestamp(line: &[u8]) -> Option<String> {
    static RE: OnceLock<regex::bytes::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::bytes::Regex::new(
            r"(?-u)\b((?:19|20)\d\d-[01]\d-[0-3]\d)[T ]([0-2]\d:[0-5]\d:[0-6]\d)",
        )
        .expect("timestamp regex compiles")
    });
    let window = &line[..line.len().min(1024)];
    let c = re.captures(window)?;
    Some(format!(
        "{}T{}",
        String::from_utf8_lossy(&c[1]),
        String::from_utf8_lossy(&c[2])
    ))
}

/// [`locate_members`] of every input, several at a time, results in
/// input order (members in document order). `each` receives them in order
/// as batches finish, so memory holds one batch of results, not the run's.
pub fn locate_all(
    matcher: &SubjectMatcher,
    inputs: &[Input],
    open: &OpenOptions,
    docs: &document::Options,
    keep_records: bool,
    reveal: bool,
    each: &mut dyn FnMut(FileHits) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let batch = (rayon::current_num_threads() * 4).max(4);
    for group in inputs.chunks(batch) {
        let results: Vec<Vec<FileHits>> = group
            .par_iter()
            .map(|i| {
                locate_members(matcher, i, open, docs, keep_records, reveal)
            })
            .collect();
        for r in results.into_iter().flatten() {
            each(r)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::timestamp;

    #[test]
    fn timestamps_are_normalized() {
        assert_eq!(
            timestamp(b"2024-03-01T12:00:00Z user=x").as_deref(),
            Some("2024-03-01T12:00:00")
        );
        assert_eq!(
            timestamp(b"[2023-12-31 23:59:59] x").as_deref(),
            Some("2023-12-31T23:59:59")
        );
        assert_eq!(timestamp(b"build 1.2.3"), None);
    }
}
