//! Redacting one file: open it, redact it chunk by chunk, and put the
//! result where it goes (in place, or a new file under `-o DIR`), or
//! nowhere (`--dry-run`, `--check`).
//!
//! Memory stays bounded whatever the file size: content is taken in
//! batches of line-aligned chunks (the scan pipeline's chunking), each
//! batch redacted in parallel while the previous one is written out in
//! order (two batches in flight), through a gzip or zstd encoder for
//! compressed inputs. A plain file with nothing to redact
//! is never opened for writing (its mtime does not change); a compressed
//! one is re-encoded to a temporary file that is dropped when nothing
//! changed.
//!
//! This module never rewrites binary content (it is skipped at open),
//! never writes a file whose content was not read to its end (read errors
//! and decompression caps fail the file), and never writes except through
//! [`AtomicFile`].

use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::input::{
    self, Chunk, Compression, Content, Input, InputId, OpenOptions, Outcome,
    OwnedChunk, Skip, CONTEXT_PREFIX,
};

use super::atomic::{AtomicFile, Original, Policy};
use super::redactor::{Carry, ChunkOut, Redactor, Unclean, HOLD};
use super::report::{FileReport, FileStatus, Tally};
use super::sink::Encoder;

/// A chunk's first-pass result, before it is settled.
type Redone = Result<ChunkOut, Unclean>;

/// Where one file's redacted content goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Replace the file itself.
    InPlace {
        /// Hard-link policy.
        policy: Policy,
        /// Keep the original at this path.
        backup: Option<PathBuf>,
    },
    /// Write a new file at this path; an unchanged input is copied as is.
    Copy(PathBuf),
    /// Write nothing; only report.
    Nowhere,
}

/// How to read and write.
#[derive(Debug, Clone)]
pub struct FileOptions {
    /// How inputs are opened (binary sniffing, decompression cap).
    pub open: OpenOptions,
    /// Report what would change; write nothing.
    pub dry_run: bool,
    /// Chunks redacted in parallel before they are written.
    pub batch: usize,
    /// Archives and Office documents are rewritten member by member
    /// ([`super::document`]).
    pub documents: crate::document::Options,
}

/// Redact one input to `dest`.
pub fn redact_file(
    redactor: &Redactor<'_>,
    input: &Input,
    dest: &Destination,
    opts: &FileOptions,
) -> FileReport {
    let report = FileReport::new(&input.display);
    let InputId::Path(path) = &input.id else {
        return report.failed("standard input is redacted as a stream");
    };
    // Inspected even for a dry run, so it reports what --in-place would
    // refuse.
    let original = match dest {
        Destination::InPlace { policy, .. } => {
            match Original::inspect(path, *policy) {
                Ok(o) => Some(o),
                Err(e) => return report.failed(e.reason()),
            }
        }
        _ => None,
    };
    let dest = if opts.dry_run { &Destination::Nowhere } else { dest };
    // Documents by name; a binary file may be one by another name.
    let mut document = opts
        .documents
        .detect_named(input)
        .filter(|&k| !crate::document::reads_as_text(k, path));
    let opened = match document {
        Some(_) => None,
        None => Some(input::open(input, &opts.open)),
    };
    if matches!(&opened, Some(Err(e)) if e.skip() == Some(Skip::Binary)) {
        document = opts.documents.detect(input);
    }
    if let Some(kind) = document {
        return super::document::redact_document(
            redactor,
            super::document::Job {
                path,
                display: &input.display,
                kind,
                dest,
                original: original.as_ref(),
                dry_run: opts.dry_run,
                documents: &opts.documents,
            },
        );
    }
    let content = match opened.expect("opened unless a document") {
        Ok(c) => c,
        Err(e) => {
            return match e.skip_reason() {
                Some(reason) => report.skipped(reason),
                None => report.failed(e.reason),
            }
        }
    };
    // Per file: the first line is this file's CSV header, if any.
    let redactor = &redactor.for_file(&path.to_string_lossy());
    if let Content::Whole(whole) = &content {
        redactor.set_head(whole.bytes());
    }
    let mut job = Job {
        redactor,
        path,
        dest,
        original: original.as_ref(),
        tally: Tally::new(redactor, &input.display),
        writer: None,
        changed: false,
    };
    let result = match content {
        Content::Whole(whole) => job.whole(whole.bytes(), opts.batch),
        Content::Stream(stream) => job.stream(stream, opts.batch),
    };
    let changed = job.changed;
    let mut report = job.tally.report;
    match result {
        Err(reason) => report.failed(reason),
        Ok(()) => {
            report.status = match (changed, opts.dry_run) {
                (false, _) => FileStatus::Unchanged,
                (true, true) => FileStatus::WouldRedact,
                (true, false) => FileStatus::Redacted,
            };
            report
        }
    }
}

/// One file being redacted.
struct Job<'a, 'r, 'e> {
    redactor: &'r Redactor<'e>,
    path: &'a Path,
    dest: &'a Destination,
    original: Option<&'a Original>,
    tally: Tally<'r, 'e>,
    writer: Option<Writer>,
    changed: bool,
}

impl Job<'_, '_, '_> {
    /// Content in memory: written lazily in place (from the first change
    /// on, after the unchanged bytes before it), eagerly to a copy. While
    /// one batch is settled and written, the next one is redacted.
    fn whole(&mut self, bytes: &[u8], batch: usize) -> Result<(), String> {
        if matches!(self.dest, Destination::Copy(_)) {
            self.open_writer(Compression::None)?;
        }
        let redactor = self.redactor;
        let chunks = redactor.chunks(bytes, input::CHUNK_SIZE);
        let groups: Vec<&[Chunk<'_>]> = chunks.chunks(batch.max(1)).collect();
        let mut carry = Carry::new();
        let mut pending: Option<(&[Chunk<'_>], Vec<Redone>)> = None;
        for next in groups.iter().map(Some).chain([None]) {
            let (written, redone) = rayon::join(
                || match pending.take() {
                    Some((group, outs)) => {
                        self.settle(group, outs, &mut carry, Some(bytes))
                    }
                    None => Ok(()),
                },
                || next.map(|g| redactor.first_pass(g)),
            );
            written?;
            pending = next.zip(redone).map(|(g, o)| (*g, o));
        }
        self.finish(None)
    }

    /// Content that must be read in order (gzip, zstd): always written to
    /// a temporary file, dropped when nothing changed. While one batch is
    /// settled and encoded, the next one is read and redacted.
    fn stream(
        &mut self,
        stream: input::Stream,
        batch: usize,
    ) -> Result<(), String> {
        let compression = stream.compression();
        if !matches!(self.dest, Destination::Nowhere) {
            self.open_writer(compression)?;
        }
        let redactor = self.redactor;
        let mut chunker = stream.chunker();
        let mut resplit = Resplit { redactor, held: None };
        let mut carry = Carry::new();
        let mut read_next = || -> Result<(Vec<OwnedChunk>, bool), String> {
            let mut owned = Vec::with_capacity(batch.max(1));
            while owned.len() < batch.max(1) {
                match chunker.next_chunk() {
                    Ok(Some(c)) => {
                        if c.offset == 0 {
                            redactor.set_head(c.body_bytes());
                        }
                        redactor.track_sql(&c);
                        owned.extend(resplit.push(c.to_owned_chunk()))
                    }
                    Ok(None) => {
                        owned.extend(resplit.held.take());
                        return Ok((owned, true));
                    }
                    Err(e) => {
                        return Err(format!("{}; not rewritten", e.reason))
                    }
                }
            }
            Ok((owned, false))
        };
        let mut pending: Option<(Vec<OwnedChunk>, Vec<Redone>)> = None;
        let mut end = false;
        loop {
            let (written, next) = rayon::join(
                || match pending.take() {
                    Some((owned, outs)) => {
                        let views: Vec<Chunk<'_>> =
                            owned.iter().map(OwnedChunk::as_chunk).collect();
                        self.settle(&views, outs, &mut carry, None)
                    }
                    None => Ok(()),
                },
                || -> Result<_, String> {
                    if end {
                        return Ok(None);
                    }
                    let (owned, last) = read_next()?;
                    let views: Vec<Chunk<'_>> =
                        owned.iter().map(OwnedChunk::as_chunk).collect();
                    let outs = redactor.first_pass(&views);
                    drop(views);
                    Ok(Some((owned, outs, last)))
                },
            );
            written?;
            match next? {
                Some((owned, outs, last)) => {
                    end = last;
                    pending = Some((owned, outs));
                }
                None => break,
            }
        }
        if let Outcome::Partial(reason) = chunker.outcome() {
            return Err(format!("partial: {reason}; not rewritten"));
        }
        self.finish(Some(compression))
    }

    /// Settle a redacted batch in order and write it out.
    fn settle(
        &mut self,
        group: &[Chunk<'_>],
        outs: Vec<Redone>,
        carry: &mut Carry,
        whole: Option<&[u8]>,
    ) -> Result<(), String> {
        for (chunk, out) in group.iter().zip(outs) {
            let mut out = out.map_err(|e| e.to_string())?;
            self.redactor
                .follow(carry, chunk, &mut out)
                .map_err(|e| e.to_string())?;
            if let Some(bytes) = whole {
                if out.changed()
                    && self.writer.is_none()
                    && matches!(self.dest, Destination::InPlace { .. })
                {
                    self.open_writer(Compression::None)?;
                    self.write(&bytes[..chunk.offset as usize])?;
                }
            }
            self.emit(chunk, &out)?;
        }
        Ok(())
    }

    fn emit(
        &mut self,
        chunk: &Chunk<'_>,
        out: &ChunkOut,
    ) -> Result<(), String> {
        self.tally.add(chunk, out);
        self.changed |= out.changed();
        if self.writer.is_some() {
            self.write(out.body(chunk.body_bytes()))?;
        }
        Ok(())
    }

    fn open_writer(&mut self, compression: Compression) -> Result<(), String> {
        let file = match self.dest {
            Destination::Nowhere => return Ok(()),
            Destination::InPlace { .. } => {
                let original =
                    self.original.expect("inspected before reading");
                AtomicFile::replace(original).map_err(|e| e.reason())?
            }
            Destination::Copy(target) => {
                AtomicFile::create(target, source_mode(self.path))
                    .map_err(|e| e.to_string())?
            }
        };
        let handle = file.file().try_clone().map_err(write_error)?;
        let encoder =
            Encoder::new(handle, compression).map_err(write_error)?;
        self.writer = Some(Writer { file, encoder });
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        let w = self.writer.as_mut().expect("writer open");
        w.encoder.write_all(bytes).map_err(write_error)
    }

    /// Commit, or for an unchanged input drop the copy; under `-o`, an
    /// unchanged compressed input is copied byte for byte instead.
    fn finish(
        &mut self,
        compression: Option<Compression>,
    ) -> Result<(), String> {
        let Some(writer) = self.writer.take() else { return Ok(()) };
        let backup = match self.dest {
            Destination::InPlace { backup, .. } => backup.as_deref(),
            _ => None,
        };
        if self.changed {
            return writer.commit(backup);
        }
        match (self.dest, compression) {
            (Destination::Copy(target), Some(c)) if c != Compression::None => {
                drop(writer);
                copy_raw(self.path, target)
            }
            (Destination::Copy(_), _) => writer.commit(None),
            _ => Ok(()), // in place and unchanged: the temporary file goes
        }
    }
}

/// Moves forced cuts of a chunk stream back before a value straddling
/// them, like [`Redactor::chunks`] does for content in memory: each chunk
/// is held until the next one shows what follows its end.
struct Resplit<'r, 'e> {
    redactor: &'r Redactor<'e>,
    held: Option<OwnedChunk>,
}

impl Resplit<'_, '_> {
    /// Take `next`; returns the held chunk, now final.
    fn push(&mut self, mut next: OwnedChunk) -> Option<OwnedChunk> {
        let Some(mut prev) = self.held.take() else {
            self.held = Some(next);
            return None;
        };
        if prev.hay[prev.body.clone()].last() != Some(&b'\n') {
            let tail = prev.body.end.saturating_sub(HOLD).max(prev.body.start);
            let from = tail.saturating_sub(CONTEXT_PREFIX);
            let head_end = (next.body.start + HOLD).min(next.body.end);
            let mut window = prev.hay[from..prev.body.end].to_vec();
            window.extend_from_slice(&next.hay[next.body.start..head_end]);
            let cut = prev.body.end - from;
            let safe = self.redactor.safe_cut(&window, tail - from, cut);
            if safe < cut {
                let pos = from + safe;
                if pos > prev.body.start {
                    let ctx = pos.saturating_sub(CONTEXT_PREFIX);
                    let mut hay = prev.hay[ctx..prev.body.end].to_vec();
                    let body_start = pos - ctx;
                    hay.extend_from_slice(&next.hay[next.body.clone()]);
                    next = OwnedChunk {
                        body: body_start..hay.len(),
                        offset: prev.offset + (pos - prev.body.start) as u64,
                        hay,
                    };
                    prev.hay.truncate(pos);
                    prev.body.end = pos;
                }
            }
        }
        self.held = Some(next);
        Some(prev)
    }
}

struct Writer {
    file: AtomicFile,
    encoder: Encoder,
}

impl Writer {
    fn commit(self, backup: Option<&Path>) -> Result<(), String> {
        self.encoder.finish().map_err(write_error)?;
        self.file.commit(backup).map_err(|e| e.reason())
    }
}

fn write_error(e: io::Error) -> String {
    format!("cannot write the redacted copy: {}", input::io_reason(&e))
}

/// Permission bits for a copy of `path` (set-id bits dropped).
pub(super) fn source_mode(path: &Path) -> u32 {
    fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777)
}

/// Copy `src` to `target` as it is, atomically.
pub(super) fn copy_raw(src: &Path, target: &Path) -> Result<(), String> {
    let file = AtomicFile::create(target, source_mode(src))
        .map_err(|e| e.to_string())?;
    let mut from = File::open(src)
        .map_err(|e| format!("cannot reopen it: {}", input::io_reason(&e)))?;
    let mut to = file.file();
    io::copy(&mut from, &mut to).map_err(write_error)?;
    to.flush().map_err(write_error)?;
    file.commit(None).map_err(|e| e.reason())
}
