//! The redactor: a chunk of content in, redacted bytes and an edit list
//! out.
//!
//! Brief overview. [`Redactor::redact_chunk`] scans a chunk exactly as
//! `piiscan scan` does (same haystack, same context prefix), replaces each
//! match through [`splice`], then *verifies*: it rescans every line it
//! changed, and the line after it, in the redacted text. Replacing a value
//! can bring a context word within reach of another candidate (text got
//! shorter) or, for tags, add one (`[US_SSN]` holds the word `ssn`); what
//! the rescan finds is replaced too, up to [`STYLE_ROUNDS`] rounds in the
//! chosen style and then as tags, and a chunk that is still not clean
//! after [`MAX_ROUNDS`] is an error ([`Unclean`]), never written. So the
//! output, scanned again, holds none of the selected kinds (guarantee 1),
//! and redacting it again changes nothing (guarantee 3). With the `fake`
//! style, values the engine flags synthetic are left as they are: that is
//! what fakes are.
//!
//! Chunks of one input are redacted in parallel ([`Redactor::redact_batch`])
//! with the original bytes before each chunk as context, then settled in
//! order: when the redacted end of the previous chunk differs from the
//! original one, the first line of the next chunk is checked again against
//! the redacted bytes ([`Redactor::follow`]), the only line whose context
//! can reach back across a line-aligned boundary.
//!
//! This module never touches files and never changes a byte outside a
//! match: every output byte is either copied or part of a replacement
//! recorded in the chunk's [`Edit`] list.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::engine::{Engine, FileStart, Match, SqlContext, SqlTracker};
use crate::input::{chunk_boundaries_sized, Chunk, CONTEXT_PREFIX};

use super::edit::{compose, splice, Edit, SourceMap};
use super::style::{Replacer, Style};
use super::syntax::Syntax;

/// Rescans after which leftovers are replaced as tags instead of in the
/// chosen style.
pub const STYLE_ROUNDS: usize = 2;
/// Rescans after which a chunk that is still not clean is given up.
pub const MAX_ROUNDS: usize = 4;
/// Longest value kept whole across a forced cut (a chunk end inside a line
/// longer than twice the chunk size).
pub const HOLD: usize = 16 << 10;
/// Bytes at the start of a carried tail only used as context by the seam
/// check (they may be the end of a value cut off before them).
const SEAM_SKIP: usize = 32;

/// One replaced value.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Index into the engine's rules.
    pub rule: usize,
    /// Span in the original content (relative to the chunk body in a
    /// [`ChunkOut`], absolute in [`Redacted`]). For a value found by a
    /// rescan, the original bytes it came from (widened to whole earlier
    /// replacements it overlaps).
    pub span: Range<usize>,
    /// Score after validation and context.
    pub confidence: f64,
    /// Masked preview of the value, when the redactor records them.
    pub masked: Option<String>,
    /// Found by a rescan after earlier replacements, not in the original.
    pub rescan: bool,
}

/// Content that could not be redacted to a clean result; nothing is
/// written for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclean {
    /// Values kept reappearing after [`MAX_ROUNDS`] rescans.
    Rounds,
    /// A value straddles a forced cut inside a very long line once its
    /// neighbours were replaced (see [`Redactor::follow`]).
    Seam,
}

impl fmt::Display for Unclean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unclean::Rounds => write!(
                f,
                "values kept reappearing after {MAX_ROUNDS} rounds of \
                 replacement; not rewritten"
            ),
            Unclean::Seam => f.write_str(
                "a value straddles a cut inside a line longer than the \
                 chunk size; not rewritten",
            ),
        }
    }
}

impl std::error::Error for Unclean {}

/// The result of redacting one chunk.
#[derive(Debug, Clone, Default)]
pub struct ChunkOut {
    /// The verify prefix, then the redacted body (empty when unchanged).
    buf: Vec<u8>,
    start: usize,
    /// Replacements: `src` relative to the chunk body, `dst` relative to
    /// the redacted body.
    pub edits: Vec<Edit>,
    /// What was replaced, by rule.
    pub found: Vec<Found>,
}

impl ChunkOut {
    /// Whether anything was replaced.
    pub fn changed(&self) -> bool {
        !self.edits.is_empty()
    }

    /// The redacted body; `original` (the chunk's body) when unchanged.
    pub fn body<'a>(&'a self, original: &'a [u8]) -> &'a [u8] {
        if self.changed() {
            &self.buf[self.start..]
        } else {
            original
        }
    }
}

/// What carries from one chunk of an input to the next: the end of the
/// redacted output so far.
#[derive(Debug, Clone, Default)]
pub struct Carry {
    tail: Vec<u8>,
}

impl Carry {
    /// At the start of an input.
    pub fn new() -> Carry {
        Carry::default()
    }

    /// The last (up to [`CONTEXT_PREFIX`]) bytes written.
    pub fn tail(&self) -> &[u8] {
        &self.tail
    }

    fn push(&mut self, bytes: &[u8]) {
        if bytes.len() >= CONTEXT_PREFIX {
            self.tail.clear();
            self.tail
                .extend_from_slice(&bytes[bytes.len() - CONTEXT_PREFIX..]);
        } else {
            let excess =
                (self.tail.len() + bytes.len()).saturating_sub(CONTEXT_PREFIX);
            self.tail.drain(..excess);
            self.tail.extend_from_slice(bytes);
        }
    }
}

/// A whole buffer, redacted ([`Redactor::redact_bytes`]).
#[derive(Debug, Clone, Default)]
pub struct Redacted {
    /// The redacted content.
    pub output: Vec<u8>,
    /// Replacements with absolute offsets into the input and the output.
    pub edits: Vec<Edit>,
    /// What was replaced, with absolute spans in the input.
    pub found: Vec<Found>,
}

/// What [`Redactor::settle`] carries over its rounds: the edits and
/// findings so far, and the chunk's SQL context.
struct Settle<'a> {
    edits: Vec<Edit>,
    found: Vec<Found>,
    sql: Option<&'a SqlContext>,
}

/// The engine plus a style for each of its rules.
pub struct Redactor<'e> {
    engine: &'e Engine,
    replacer: Replacer,
    styles: Vec<Style>,
    record: bool,
    /// The first line of the file being redacted, once known: a CSV
    /// header names the column of every value below it, in every chunk,
    /// so redaction finds what `scan` finds (field-aware context).
    head: OnceLock<Vec<u8>>,
    /// The file's syntax: whole unquoted values are quoted when their
    /// replacement would not read back as a string ([`super::syntax`]).
    /// Known from a file's name; for content without one (stdin) taken
    /// from its head ([`Redactor::set_head`]: a CSV/TSV header row makes
    /// it [`Syntax::Delimited`]); [`Syntax::Plain`] until then.
    syntax: OnceLock<Syntax>,
    /// A SQL dump's column context at each chunk start, recorded in file
    /// order ([`Redactor::track_sql`]), so rows far below their `CREATE
    /// TABLE` or `COPY` line are redacted as `scan` finds them.
    sql: Mutex<SqlTrack>,
}

/// The [`SqlContext`] of a dump being redacted: the chunks seen so far,
/// and the context at each chunk's start offset.
#[derive(Default)]
struct SqlTrack {
    tracker: SqlTracker,
    at: BTreeMap<u64, Arc<SqlContext>>,
}

impl<'e> Redactor<'e> {
    /// A redactor for `engine`'s rules. With `record`, each [`Found`]
    /// carries a masked preview (for `--report`).
    pub fn new(
        engine: &'e Engine,
        replacer: Replacer,
        record: bool,
    ) -> Redactor<'e> {
        let styles = engine
            .rules()
            .iter()
            .map(|r| replacer.style_for(r.kind.id))
            .collect();
        Redactor {
            engine,
            replacer,
            styles,
            record,
            head: OnceLock::new(),
            syntax: OnceLock::new(),
            sql: Mutex::default(),
        }
    }

    /// The same redactor for one file, whose first line is not known yet
    /// ([`Redactor::set_head`]); `name` tells a YAML or JSON file.
    pub fn for_file(&self, name: &str) -> Redactor<'e> {
        Redactor {
            engine: self.engine,
            replacer: self.replacer.clone(),
            styles: self.styles.clone(),
            record: self.record,
            head: OnceLock::new(),
            // stdin (`-`) has no name to go by.
            syntax: if name == "-" {
                OnceLock::new()
            } else {
                OnceLock::from(Syntax::of_name(name))
            },
            sql: Mutex::default(),
        }
    }

    /// Remember the start of the file's content (its first line is kept,
    /// [`crate::input::head_line`]). Only the first call counts: call it
    /// with the content's first bytes before redacting any chunk.
    pub fn set_head(&self, content_start: &[u8]) {
        let _ = self.head.set(crate::input::head_line(content_start).to_vec());
        let _ = self.syntax.set(
            crate::engine::csv_delimiter(content_start)
                .map_or(Syntax::Plain, Syntax::Delimited),
        );
    }

    /// The syntax replacements are written in.
    fn syntax(&self) -> Syntax {
        self.syntax.get().copied().unwrap_or(Syntax::Plain)
    }

    /// Record the SQL context at `chunk`, the next chunk of the content
    /// in file order (the first one decides whether it is a dump).
    pub fn track_sql(&self, chunk: &Chunk<'_>) {
        let mut track = self.sql.lock().unwrap_or_else(|e| e.into_inner());
        let first = chunk.offset == 0;
        if first {
            track.at.clear();
        }
        if let Some(at_start) =
            track.tracker.next_chunk(first, chunk.body_bytes())
        {
            track.at.insert(chunk.offset, at_start);
        }
    }

    /// The SQL context of the chunk starting at content offset `offset`.
    fn sql_at(&self, offset: u64) -> Option<Arc<SqlContext>> {
        let track = self.sql.lock().unwrap_or_else(|e| e.into_inner());
        track.at.range(..=offset).next_back().map(|(_, c)| Arc::clone(c))
    }

    /// [`Engine::scan_in_file`] with the file's head: `hay` is taken to
    /// start at the file's start when it begins with the head line (or
    /// when no head was set).
    fn scan(&self, hay: &[u8], body: Range<usize>, out: &mut Vec<Match>) {
        self.scan_in(hay, body, None, out);
    }

    /// [`Redactor::scan`] of a chunk of a SQL dump with its context.
    fn scan_in(
        &self,
        hay: &[u8],
        body: Range<usize>,
        sql: Option<&SqlContext>,
        out: &mut Vec<Match>,
    ) {
        let file = match self.head.get() {
            Some(head) if !head.is_empty() && !hay.starts_with(head) => {
                FileStart { head, at_hay: false, sql }
            }
            _ => FileStart { head: hay, at_hay: true, sql },
        };
        self.engine.scan_in_file(hay, body, file, out);
    }

    /// The engine matches come from.
    pub fn engine(&self) -> &'e Engine {
        self.engine
    }

    /// The replacement styles in use.
    pub fn replacer(&self) -> &Replacer {
        &self.replacer
    }

    /// Whether founds carry masked previews.
    pub fn records(&self) -> bool {
        self.record
    }

    /// Redact `hay[body]` (the bytes before `body` are context, as in
    /// [`Engine::scan`]). `verify_prefix` is what precedes the body in the
    /// *output*, used as context when rescanning.
    pub fn redact_chunk(
        &self,
        hay: &[u8],
        body: Range<usize>,
        verify_prefix: &[u8],
    ) -> Result<ChunkOut, Unclean> {
        self.redact_chunk_in(hay, body, verify_prefix, None)
    }

    /// [`Redactor::redact_chunk`] of a chunk of a SQL dump with its
    /// context.
    fn redact_chunk_in(
        &self,
        hay: &[u8],
        body: Range<usize>,
        verify_prefix: &[u8],
        sql: Option<&SqlContext>,
    ) -> Result<ChunkOut, Unclean> {
        let mut matches = Vec::new();
        self.scan_in(hay, body.clone(), sql, &mut matches);
        self.keep_redactable(&mut matches);
        if matches.is_empty() {
            return Ok(ChunkOut::default());
        }
        let src = &hay[body.clone()];
        let spans: Vec<Range<usize>> = matches
            .iter()
            .map(|m| m.span.start - body.start..m.span.end - body.start)
            .collect();
        let found: Vec<Found> = matches
            .iter()
            .zip(&spans)
            .map(|(m, s)| {
                self.found(m, s.clone(), &hay[m.span.clone()], false)
            })
            .collect();
        let mut work = Vec::with_capacity(
            verify_prefix.len() + src.len() + src.len() / 8,
        );
        work.extend_from_slice(verify_prefix);
        let plen = work.len();
        let mut edits = Vec::with_capacity(matches.len());
        splice(src, &spans, &mut work, &mut edits, |i, out| {
            self.replace(&matches[i], src, &spans[i], false, out)
        });
        let regions = touched(&work[plen..], &edits);
        let mut state = Settle { edits, found, sql };
        self.settle(&mut work, plen, &mut state, regions)?;
        let Settle { edits, found, .. } = state;
        Ok(ChunkOut { buf: work, start: plen, edits, found })
    }

    /// Settle `out`, the result for `chunk`, after the chunks before it:
    /// recheck its first line if the redacted bytes before it differ from
    /// the original ones it was redacted with, then remember its end.
    pub fn follow(
        &self,
        carry: &mut Carry,
        chunk: &Chunk<'_>,
        out: &mut ChunkOut,
    ) -> Result<(), Unclean> {
        let original_prefix = &chunk.hay[..chunk.body.start];
        if carry.tail() != original_prefix {
            let sql = self.sql_at(chunk.offset);
            self.recheck_first_line(
                out,
                chunk.body_bytes(),
                carry.tail(),
                sql.as_deref(),
            )?;
        }
        if carry.tail().last().is_some_and(|&b| b != b'\n') {
            self.check_seam(carry.tail(), out.body(chunk.body_bytes()))?;
        }
        carry.push(out.body(chunk.body_bytes()));
        Ok(())
    }

    /// Redact consecutive chunks of one input: in parallel, then settled
    /// in order against `carry`.
    pub fn redact_batch(
        &self,
        chunks: &[Chunk<'_>],
        carry: &mut Carry,
    ) -> Result<Vec<ChunkOut>, Unclean> {
        let outs = self.first_pass(chunks);
        let mut settled = Vec::with_capacity(outs.len());
        for (chunk, out) in chunks.iter().zip(outs) {
            let mut out = out?;
            self.follow(carry, chunk, &mut out)?;
            settled.push(out);
        }
        Ok(settled)
    }

    /// Redact consecutive chunks in parallel, each with the original bytes
    /// before it as context; [`Redactor::follow`] must then settle them in
    /// order.
    pub fn first_pass(
        &self,
        chunks: &[Chunk<'_>],
    ) -> Vec<Result<ChunkOut, Unclean>> {
        let first = |c: &Chunk<'_>| {
            let sql = self.sql_at(c.offset);
            let prefix = &c.hay[..c.body.start];
            self.redact_chunk_in(c.hay, c.body.clone(), prefix, sql.as_deref())
        };
        if chunks.len() > 1 {
            chunks.par_iter().map(first).collect()
        } else {
            chunks.iter().map(first).collect()
        }
    }

    /// Redact a whole buffer cut into chunks of `chunk_size` (the file
    /// path uses [`crate::input::CHUNK_SIZE`]; tests use small ones).
    pub fn redact_bytes(
        &self,
        input: &[u8],
        chunk_size: usize,
    ) -> Result<Redacted, Unclean> {
        let chunks = self.chunks(input, chunk_size);
        let batch = rayon::current_num_threads().max(1) * 2;
        let mut carry = Carry::new();
        let mut r = Redacted::default();
        for group in chunks.chunks(batch) {
            let outs = self.redact_batch(group, &mut carry)?;
            for (c, o) in group.iter().zip(outs) {
                let (ib, ob) = (c.offset as usize, r.output.len());
                r.edits.extend(o.edits.iter().map(|e| Edit {
                    src: e.src.start + ib..e.src.end + ib,
                    dst: e.dst.start + ob..e.dst.end + ob,
                }));
                r.found.extend(o.found.iter().map(|f| Found {
                    span: f.span.start + ib..f.span.end + ib,
                    ..f.clone()
                }));
                r.output.extend_from_slice(o.body(c.body_bytes()));
            }
        }
        Ok(r)
    }

    /// Chunks of content held whole: the input module's line-aligned
    /// chunks, except that a forced cut (inside a line longer than twice
    /// `chunk_size`) moves to a nearby [`Redactor::safe_cut`], so no value
    /// is cut in two and missed.
    pub fn chunks<'b>(
        &self,
        bytes: &'b [u8],
        chunk_size: usize,
    ) -> Vec<Chunk<'b>> {
        let mut bounds = chunk_boundaries_sized(bytes, chunk_size);
        for i in 0..bounds.len().saturating_sub(1) {
            let end = bounds[i].end;
            if bytes[end - 1] == b'\n' {
                continue;
            }
            let hi = (end + HOLD).min(bytes.len());
            let lo = end.saturating_sub(HOLD).max(bounds[i].start);
            let cut = self.safe_cut(&bytes[..hi], lo, end);
            if cut > bounds[i].start {
                bounds[i].end = cut;
                bounds[i + 1].start = cut;
            }
        }
        let chunks: Vec<Chunk<'b>> =
            bounds.into_iter().map(|b| Chunk::of_whole(bytes, b)).collect();
        for c in &chunks {
            self.track_sql(c);
        }
        chunks
    }

    /// A position at or before `cut` (after `lo`) where `hay` can be cut
    /// without changing the redaction of `hay[lo..]`: scanning `[lo, c)`
    /// (seeing nothing after `c`) and `[c, end)` apart finds what scanning
    /// `[lo, end)` finds, and redacting the two halves apart (the right one
    /// verified after the left one's output) gives the same bytes as
    /// redacting the window at once. Tries `cut`, then up to 64 positions
    /// before it that follow a byte which is not a letter or digit;
    /// returns `cut` when none is safe (a value longer than the window).
    ///
    /// Checking beats computing: rules consume bytes before and after
    /// their capture group (`[^\w:]` before an IPv6 address, a cookie's
    /// name before its value), and a replacement can make a neighbour
    /// match (a tag's word is context; `]` is a word boundary).
    pub fn safe_cut(&self, hay: &[u8], lo: usize, cut: usize) -> usize {
        let mut whole = Vec::new();
        self.scan(hay, lo..hay.len(), &mut whole);
        let window = &hay[lo..];
        let at_once = self.redact_chunk(hay, lo..hay.len(), &hay[..lo]).ok();
        let mut halves = Vec::new();
        let mut safe = |c: usize| -> bool {
            halves.clear();
            self.scan(&hay[..c], lo..c, &mut halves);
            self.scan(hay, c..hay.len(), &mut halves);
            if halves != whole {
                return false;
            }
            let Some(at_once) = &at_once else { return false };
            let Ok(left) = self.redact_chunk(&hay[..c], lo..c, &hay[..lo])
            else {
                return false;
            };
            let left_out = left.body(&hay[lo..c]);
            let tail =
                &left_out[left_out.len().saturating_sub(CONTEXT_PREFIX)..];
            let Ok(right) = self.redact_chunk(hay, c..hay.len(), tail) else {
                return false;
            };
            let joined = at_once.body(window);
            let right_out = right.body(&hay[c..]);
            joined.len() == left_out.len() + right_out.len()
                && joined.starts_with(left_out)
                && joined.ends_with(right_out)
        };
        if safe(cut) {
            return cut;
        }
        let mut c = cut;
        let mut tries = 0;
        while c > lo + 1 && tries < 64 {
            c -= 1;
            // Never inside a match.
            if let Some(m) =
                whole.iter().find(|m| m.span.start < c && c < m.span.end)
            {
                c = m.span.start + 1;
                continue;
            }
            if hay[c - 1].is_ascii_alphanumeric() {
                continue;
            }
            tries += 1;
            if safe(c) {
                return c;
            }
        }
        cut
    }

    /// After a forced cut (the output so far, `tail`, ends inside a line):
    /// fail if, seen with the start of `next` after it, the end of the tail
    /// now holds a value (a replacement in `next` brought a context word
    /// within reach, or a value runs across the cut). Chunks redacted apart
    /// cannot see that; [`Redactor::safe_cut`] picks cuts where it does not
    /// happen, and this is the safety net that keeps an unclean result
    /// from being written.
    fn check_seam(&self, tail: &[u8], next: &[u8]) -> Result<(), Unclean> {
        let end = memchr::memchr(b'\n', next)
            .map_or(next.len(), |i| i + 1)
            .min(HOLD);
        // The tail's first bytes lack their own context: start past them.
        let from = memchr::memrchr(b'\n', tail)
            .map_or(SEAM_SKIP.min(tail.len()), |i| i + 1);
        let mut hay = Vec::with_capacity(tail.len() + end);
        hay.extend_from_slice(tail);
        hay.extend_from_slice(&next[..end]);
        // One span across the seam, as a later scan of the output sees it
        // (a span ending at the cut would not be the same search).
        let mut matches = Vec::new();
        self.scan(&hay, from..hay.len(), &mut matches);
        self.keep_redactable(&mut matches);
        if matches.iter().all(|m| m.span.start >= tail.len()) {
            Ok(())
        } else {
            Err(Unclean::Seam)
        }
    }

    /// Drop matches left as they are: synthetic values under `fake`.
    fn keep_redactable(&self, matches: &mut Vec<Match>) {
        matches
            .retain(|m| !(m.synthetic && self.styles[m.rule] == Style::Fake));
    }

    fn found(
        &self,
        m: &Match,
        span: Range<usize>,
        value: &[u8],
        rescan: bool,
    ) -> Found {
        let kind = self.engine.rules()[m.rule].kind.id;
        Found {
            rule: m.rule,
            span,
            confidence: m.confidence,
            masked: self
                .record
                .then(|| crate::output::mask::mask(kind, value)),
            rescan,
        }
    }

    /// Write the replacement of `span` of the line-aligned `text`.
    fn replace(
        &self,
        m: &Match,
        text: &[u8],
        span: &Range<usize>,
        force_tag: bool,
        out: &mut Vec<u8>,
    ) {
        let rule = &self.engine.rules()[m.rule];
        let style = if force_tag { Style::Tag } else { self.styles[m.rule] };
        self.syntax().write_replacement(
            text,
            span,
            out,
            |value, out| self.replacer.write(style, rule, value, out),
            |out| super::style::tag(rule.kind.id, out),
        );
    }

    /// Rescan `regions` of the redacted body `work[plen..]` until nothing
    /// redactable is left, replacing what is found.
    fn settle(
        &self,
        work: &mut Vec<u8>,
        plen: usize,
        state: &mut Settle<'_>,
        mut regions: Vec<Range<usize>>,
    ) -> Result<(), Unclean> {
        let Settle { edits, found, sql } = state;
        let mut matches = Vec::new();
        let mut round = 1;
        while !regions.is_empty() {
            matches.clear();
            for r in &regions {
                let body = r.start + plen..r.end + plen;
                self.scan_in(work, body, *sql, &mut matches);
            }
            self.keep_redactable(&mut matches);
            if matches.is_empty() {
                return Ok(());
            }
            if round > MAX_ROUNDS {
                return Err(Unclean::Rounds);
            }
            let force_tag = round > STYLE_ROUNDS;
            let spans: Vec<Range<usize>> = matches
                .iter()
                .map(|m| m.span.start - plen..m.span.end - plen)
                .collect();
            let mut map = SourceMap::new(edits);
            for (m, s) in matches.iter().zip(&spans) {
                let original = map.map(s);
                found.push(self.found(
                    m,
                    original,
                    &work[m.span.clone()],
                    true,
                ));
            }
            let mut next = Vec::with_capacity(work.len() + 64);
            next.extend_from_slice(&work[..plen]);
            let mut second = Vec::with_capacity(matches.len());
            let body = &work[plen..];
            splice(body, &spans, &mut next, &mut second, |i, out| {
                self.replace(&matches[i], body, &spans[i], force_tag, out)
            });
            *edits = compose(edits, &second);
            regions = touched(&next[plen..], &second);
            *work = next;
            round += 1;
        }
        Ok(())
    }

    /// Recheck the first line of `out` with `prefix` (the redacted bytes
    /// before it) as context.
    fn recheck_first_line(
        &self,
        out: &mut ChunkOut,
        original_body: &[u8],
        prefix: &[u8],
        sql: Option<&SqlContext>,
    ) -> Result<(), Unclean> {
        let current = out.body(original_body);
        let line_end =
            memchr::memchr(b'\n', current).map_or(current.len(), |i| i + 1);
        if line_end == 0 {
            return Ok(());
        }
        let mut hay = Vec::with_capacity(prefix.len() + line_end);
        hay.extend_from_slice(prefix);
        hay.extend_from_slice(&current[..line_end]);
        let mut matches = Vec::new();
        self.scan_in(&hay, prefix.len()..hay.len(), sql, &mut matches);
        self.keep_redactable(&mut matches);
        if matches.is_empty() {
            return Ok(());
        }
        let mut work = Vec::with_capacity(prefix.len() + current.len() + 64);
        work.extend_from_slice(prefix);
        work.extend_from_slice(current);
        let plen = prefix.len();
        let edits = std::mem::take(&mut out.edits);
        let found = std::mem::take(&mut out.found);
        let mut state = Settle { edits, found, sql };
        let first_line = std::iter::once(0..line_end).collect();
        self.settle(&mut work, plen, &mut state, first_line)?;
        let Settle { edits, found, .. } = state;
        *out = ChunkOut { buf: work, start: plen, edits, found };
        Ok(())
    }
}

/// The lines to rescan after `edits` were made in `body`: each edited
/// line and the one after it (a value starting its own line takes context
/// from the line above), merged into sorted, disjoint ranges.
fn touched(body: &[u8], edits: &[Edit]) -> Vec<Range<usize>> {
    let mut regions: Vec<Range<usize>> = Vec::new();
    // End of the line holding the previous edit: edits before it on the
    // same line add nothing, and line starts are searched from there.
    let mut line_end = 0;
    for e in edits {
        if e.dst.start < line_end {
            continue;
        }
        let from = line_end;
        let start = memchr::memrchr(b'\n', &body[from..e.dst.start])
            .map_or(from, |i| from + i + 1);
        line_end = next_line_end(body, e.dst.end);
        let end = next_line_end(body, line_end);
        match regions.last_mut() {
            Some(r) if start <= r.end => r.end = r.end.max(end),
            _ => regions.push(start..end),
        }
    }
    regions
}

/// Just past the first `\n` at or after `from`, or the end of `body`.
fn next_line_end(body: &[u8], from: usize) -> usize {
    if from >= body.len() {
        return body.len();
    }
    memchr::memchr(b'\n', &body[from..]).map_or(body.len(), |i| from + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touched_lines_and_the_next() {
        let body = b"aa\nb X c X\nnext\nfar\nY\n";
        let x1 = 5;
        let x2 = 9;
        let y = 20;
        let edits = vec![
            Edit { src: 0..1, dst: x1..x1 + 1 },
            Edit { src: 0..1, dst: x2..x2 + 1 },
            Edit { src: 0..1, dst: y..y + 1 },
        ];
        let r = touched(body, &edits);
        assert_eq!(r, vec![3..16, 20..22]);
    }

    #[test]
    fn carry_keeps_the_last_bytes() {
        let mut c = Carry::new();
        c.push(b"abc");
        c.push(&[b'x'; 300]);
        assert_eq!(c.tail().len(), CONTEXT_PREFIX);
        c.push(b"yz");
        assert!(c.tail().ends_with(b"xyz"));
        assert_eq!(c.tail().len(), CONTEXT_PREFIX);
    }
}
