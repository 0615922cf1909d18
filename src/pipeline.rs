//! The parallel, ordered, bounded-memory pipeline behind `scan`.
//!
//! Brief overview: one producer thread opens inputs in path order and cuts
//! each into line-aligned chunks (memory-mapped files are chunked without
//! copying; streams such as gzip, zstd and stdin are decompressed into
//! owned chunks). Every chunk becomes a numbered task. Worker threads scan
//! tasks in any order and turn matches into findings with line numbers
//! relative to the chunk. The calling thread puts results back in task
//! order, fixes up line and column from the chunks before, and hands them
//! to a sink. Output is therefore identical whatever the thread count, and
//! one large file is scanned on all cores.
//!
//! Memory is bounded: tickets for a task's bytes (one per 64 KiB, at
//! least one, at most a chunk's worth) are taken before it is cut and
//! returned only when its results were emitted, so at most
//! [`tickets_for`]`(threads)` chunks' worth of bytes and their findings
//! are alive at once, whatever the input size. Because small files take
//! few tickets, many of them are in flight at once, and a worker scans
//! a batch of them together ([`Engine::scan_batch`]). One input's error never stops the run: it
//! becomes an event in its place in the order.
//!
//! Documents and archives ([`crate::document`]) are expanded by the
//! producer, one member at a time: each member's text is scanned as an
//! input of its own (a `Unit`: its own path such as `a.zip!b.csv`, line
//! numbers from 1, its own events), and spreadsheet findings are named
//! by cell. The hook is one call in `produce` and the `Feed` below.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use crate::document::{self, Cells};
use crate::engine::{
    Engine, FileStart, Haystack, Match, SqlContext, SqlTracker,
};
use crate::finding::Finding;
use crate::input::{
    self, Content, Input, InputError, OpenOptions, Outcome, OwnedChunk, Skip,
    Whole,
};
use crate::output;

/// Tickets in flight: two chunks' worth per worker plus two. Trees of
/// small files need the slack (one per worker plus two left the workers
/// waiting: a 6,000-file tree took 0.85 s longer on two threads); the
/// chunk size keeps the memory small.
pub fn tickets_for(threads: usize) -> usize {
    (2 * threads + 2) * TICKETS_PER_CHUNK
}

/// Bytes one ticket stands for.
const TICKET_BYTES: usize = 64 << 10;
/// Tickets a full chunk takes.
const TICKETS_PER_CHUNK: usize = input::CHUNK_SIZE / TICKET_BYTES;
/// Small tasks a worker gathers into one batch, up to this many bytes.
const BATCH_BYTES: usize = input::CHUNK_SIZE;

/// Tickets for a task holding `len` bytes: its share of a chunk, at least
/// one. Longer chunks (long lines) count as one chunk, as they always did.
fn tickets_of(len: usize) -> usize {
    len.div_ceil(TICKET_BYTES).clamp(1, TICKETS_PER_CHUNK)
}

/// A [`Task`] before its tickets are taken and its number given.
struct NewTask {
    input: usize,
    body: Body,
    head: Option<Arc<[u8]>>,
    sql: Option<Arc<SqlContext>>,
    unit: Option<Arc<Unit>>,
}

/// Take the tickets for `t` and queue it; false when the run is stopping.
fn queue(
    next: &impl Fn(&mut u64, usize) -> Option<u64>,
    seq: &mut u64,
    tasks: &mpsc::Sender<Task>,
    t: NewTask,
) -> bool {
    let tickets = tickets_of(match &t.body {
        Body::Mapped(_, range) => range.len(),
        Body::Owned(chunk) => chunk.hay.len(),
    });
    let Some(seq) = next(seq, tickets) else { return false };
    let NewTask { input, body, head, sql, unit } = t;
    tasks.send(Task { seq, tickets, input, body, head, sql, unit }).is_ok()
}

/// What the ordered consumer receives, in input order.
pub enum Event {
    /// Findings of one chunk, with final line and column numbers.
    Findings(Vec<Finding>),
    /// One input, or one member of a document or archive, was
    /// completely read (`bytes` of content).
    Done {
        /// Content bytes read.
        bytes: u64,
        /// A member (`a.zip!b.csv`); its document gets a `Done` of its
        /// own (with `bytes` 0: its members carry them) once expanded.
        member: bool,
    },
    /// The input was skipped (binary, special file, ...).
    Skipped(&'static str),
    /// The input could not be read (fully); already formatted for people.
    Error(InputError),
    /// The input was cut short (decompression cap); formatted for people.
    Partial(String),
}

/// Where the ordered events go. Returning an error (e.g. a broken pipe)
/// stops the run early.
pub trait Sink {
    /// Called for every event, in input order then offset order.
    fn event(&mut self, input: &Input, event: Event) -> std::io::Result<()>;
}

/// Options the pipeline needs.
#[derive(Debug, Clone)]
pub struct PipelineOptions {
    /// How to open inputs.
    pub open: OpenOptions,
    /// Put raw values into findings.
    pub reveal: bool,
    /// Worker threads.
    pub threads: usize,
    /// How documents and containers are expanded into members.
    pub documents: document::Options,
}

/// A member of a document or container (`a.zip!b.csv`), scanned as an
/// input of its own: events about it reach the sink with `input`.
struct Unit {
    /// The container's input, with the member's path as its display.
    input: Input,
    /// The same path, shared by the member's findings.
    path: Arc<str>,
    /// Spreadsheet cells: findings are named by cell.
    cells: Option<Cells>,
    /// Distinct per member, so line numbers restart.
    id: u64,
}

enum Body {
    Mapped(Arc<Whole>, Range<usize>),
    Owned(OwnedChunk),
}

struct Task {
    seq: u64,
    /// Tickets taken for it.
    tickets: usize,
    input: usize,
    body: Body,
    /// A streamed input's first line ([`input::head_line`]), shared by
    /// all its chunks: a CSV header names the columns of every chunk
    /// (field-aware context). Mapped inputs need none: their chunks see
    /// the whole file.
    head: Option<Arc<[u8]>>,
    /// A streamed SQL dump's context at this chunk (tables created and a
    /// `COPY` block open in earlier chunks). Mapped inputs need none.
    sql: Option<Arc<SqlContext>>,
    /// The document member this chunk belongs to, if any.
    unit: Option<Arc<Unit>>,
}

/// A chunk as a worker sees it: `hay[i]` is content offset `base + i`,
/// and matches may only start in `body`.
struct ChunkRef<'a> {
    hay: &'a [u8],
    body: Range<usize>,
    base: u64,
}

/// Per-chunk facts the consumer needs to turn chunk-relative positions
/// into absolute lines and columns.
struct ChunkLines {
    /// Newlines in the chunk's body.
    newlines: u64,
    /// Bytes after the body's last newline (the whole body if none).
    tail: u64,
}

enum Payload {
    Chunk(Vec<Finding>, ChunkLines),
    /// A chunk whose scan failed (a bug): its lines still count for the
    /// chunks after it.
    Failed(ChunkLines, InputError),
    Event(Event),
}

struct Done {
    seq: u64,
    /// Tickets to return once it is emitted.
    tickets: usize,
    input: usize,
    unit: Option<Arc<Unit>>,
    payload: Payload,
}

/// Run the pipeline over `inputs` (already walked and sorted).
pub fn run(
    engine: &Engine,
    inputs: &[Input],
    options: &PipelineOptions,
    sink: &mut dyn Sink,
) -> std::io::Result<()> {
    let threads = options.threads.max(1);
    let (ticket_tx, ticket_rx) =
        mpsc::sync_channel::<()>(tickets_for(threads));
    let (task_tx, task_rx) = mpsc::channel::<Task>();
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let task_rx = Arc::new(Mutex::new(task_rx));
    let names = Names::new(engine, inputs);
    let stop = std::sync::atomic::AtomicBool::new(false);

    std::thread::scope(|scope| {
        for _ in 0..threads {
            let task_rx = Arc::clone(&task_rx);
            let done_tx = done_tx.clone();
            let names = &names;
            scope.spawn(move || {
                worker(engine, names, options, &task_rx, &done_tx)
            });
        }
        {
            let done_tx = done_tx.clone();
            let stop = &stop;
            scope.spawn(move || {
                produce(inputs, options, &ticket_tx, &task_tx, &done_tx, stop)
            });
        }
        drop(done_tx);
        let result = consume(inputs, &done_rx, &ticket_rx, sink);
        if result.is_err() {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            // Unblock the producer and drain workers.
            while ticket_rx.try_recv().is_ok() {}
            drop(ticket_rx);
            for _ in done_rx.iter() {}
        }
        result
    })
}

/// Open inputs in order and cut them into tasks; one ticket per task.
fn produce(
    inputs: &[Input],
    options: &PipelineOptions,
    tickets: &SyncSender<()>,
    tasks: &mpsc::Sender<Task>,
    done: &mpsc::Sender<Done>,
    stop: &std::sync::atomic::AtomicBool,
) {
    let mut seq = 0u64;
    // Every event takes a ticket and every task its bytes' worth, so the
    // consumer can return them as it emits each item.
    let next = |seq: &mut u64, count: usize| -> Option<u64> {
        for _ in 0..count {
            if stop.load(std::sync::atomic::Ordering::Relaxed)
                || tickets.send(()).is_err()
            {
                return None;
            }
        }
        *seq += 1;
        Some(*seq - 1)
    };
    let event = |seq: u64, input: usize, event: Event| {
        done.send(Done {
            seq,
            tickets: 1,
            input,
            unit: None,
            payload: Payload::Event(event),
        })
        .is_ok()
    };
    let mut units = 0u64;
    for (index, input) in inputs.iter().enumerate() {
        // Documents by name; a binary file may be one by another name.
        let mut document = options.documents.detect_named(input);
        let opened = match document {
            Some(_) => None,
            None => Some(input::open(input, &options.open)),
        };
        if matches!(&opened, Some(Err(e)) if e.skip() == Some(Skip::Binary)) {
            document = options.documents.detect(input);
        }
        if let Some(kind) = document {
            let mut feed = Feed {
                index,
                tasks,
                done,
                next: &next,
                seq: &mut seq,
                units: &mut units,
                scanned: false,
            };
            if !feed.expand(input, kind, &options.documents) {
                return;
            }
            continue;
        }
        let content = match opened.expect("opened unless a document") {
            Ok(c) => c,
            Err(e) => {
                let Some(s) = next(&mut seq, 1) else { return };
                let ev = match e.skip_reason() {
                    Some(reason) => Event::Skipped(reason),
                    None => Event::Error(e),
                };
                if !event(s, index, ev) {
                    return;
                }
                continue;
            }
        };
        let bytes;
        match content {
            Content::Whole(whole) => {
                let whole = Arc::new(whole);
                bytes = whole.bytes().len() as u64;
                for body in input::chunk_boundaries(whole.bytes()) {
                    let body = Body::Mapped(Arc::clone(&whole), body);
                    let task = NewTask {
                        input: index,
                        body,
                        head: None,
                        sql: None,
                        unit: None,
                    };
                    if !queue(&next, &mut seq, tasks, task) {
                        return;
                    }
                }
            }
            Content::Stream(stream) => {
                let mut chunker = stream.chunker();
                let mut failed = None;
                let end = stream_tasks(&mut chunker, |owned, head, sql| {
                    let body = Body::Owned(owned);
                    let task =
                        NewTask { input: index, body, head, sql, unit: None };
                    queue(&next, &mut seq, tasks, task)
                });
                match end {
                    StreamEnd::Stopped => return,
                    StreamEnd::Done(read) => bytes = read,
                    StreamEnd::Failed(read, e) => {
                        bytes = read;
                        failed = Some(e.with_path(&input.display));
                    }
                }
                if let Some(e) = failed {
                    let Some(s) = next(&mut seq, 1) else { return };
                    if !event(s, index, Event::Error(e)) {
                        return;
                    }
                }
                if let Outcome::Partial(reason) = chunker.outcome() {
                    let Some(s) = next(&mut seq, 1) else { return };
                    let msg = format!(
                        "{}: partial: {}",
                        crate::sanitize::for_terminal(&input.display),
                        reason
                    );
                    if !event(s, index, Event::Partial(msg)) {
                        return;
                    }
                }
            }
        }
        let Some(s) = next(&mut seq, 1) else { return };
        if !event(s, index, Event::Done { bytes, member: false }) {
            return;
        }
    }
}

/// How [`stream_tasks`] ended.
enum StreamEnd {
    /// The content was read to its end (bytes read).
    Done(u64),
    /// A task could not be queued: the run is stopping.
    Stopped,
    /// A read error after the bytes read (their chunks were queued).
    Failed(u64, InputError),
}

/// Cut streamed content into owned chunks and `send` each one to be
/// queued with the content's first line ([`input::head_line`]): a CSV
/// header names the columns of every later chunk. A SQL dump's chunks
/// also get the [`SqlContext`] at their start, kept up to date here in
/// file order (a `CREATE TABLE` or `COPY` line in one chunk names the
/// columns of rows many chunks later). `send` returns false when the run
/// stops.
fn stream_tasks<R: std::io::Read>(
    chunker: &mut input::StreamChunker<R>,
    mut send: impl FnMut(
        OwnedChunk,
        Option<Arc<[u8]>>,
        Option<Arc<SqlContext>>,
    ) -> bool,
) -> StreamEnd {
    let mut head: Option<Arc<[u8]>> = None;
    let mut sql = SqlTracker::default();
    let mut bytes = 0u64;
    loop {
        match chunker.next_chunk() {
            Ok(Some(chunk)) => {
                bytes = chunk.end_offset();
                let owned = chunk.to_owned_chunk();
                let b = &owned.hay[owned.body.clone()];
                let first = head.is_none() && owned.offset == 0;
                if first {
                    head = Some(Arc::from(input::head_line(b)));
                }
                let at_start = sql.next_chunk(first, b);
                if !send(owned, head.clone(), at_start) {
                    return StreamEnd::Stopped;
                }
            }
            Ok(None) => return StreamEnd::Done(bytes),
            Err(e) => return StreamEnd::Failed(bytes, e),
        }
    }
}

/// The strings every finding repeats, allocated once per run and shared.
struct Names {
    /// Display path of each input.
    paths: Vec<Arc<str>>,
    /// Id of each rule of the engine.
    rules: Vec<Arc<str>>,
}

impl Names {
    fn new(engine: &Engine, inputs: &[Input]) -> Names {
        Names {
            paths: inputs
                .iter()
                .map(|i| Arc::from(i.display.as_str()))
                .collect(),
            rules: engine
                .rules()
                .iter()
                .map(|r| Arc::from(r.id.as_str()))
                .collect(),
        }
    }
}

fn worker(
    engine: &Engine,
    names: &Names,
    options: &PipelineOptions,
    tasks: &Mutex<Receiver<Task>>,
    done: &mpsc::Sender<Done>,
) {
    let mut batch: Vec<Task> = Vec::new();
    let mut outs: Vec<Vec<Match>> = Vec::new();
    loop {
        batch.clear();
        {
            let Ok(rx) = tasks.lock() else { return };
            match rx.recv() {
                Ok(t) => batch.push(t),
                Err(_) => return,
            }
            // A small task takes the small tasks queued behind it along,
            // up to a chunk's worth: scanned together, they keep each
            // automaton's states in the CPU cache (Engine::scan_batch).
            let mut bytes = view(&batch[0]).0.body.len();
            while bytes < BATCH_BYTES {
                let Ok(t) = rx.try_recv() else { break };
                bytes += view(&t).0.body.len();
                batch.push(t);
            }
        }
        let views: Vec<(ChunkRef<'_>, FileStart<'_>)> =
            batch.iter().map(view).collect();
        let items: Vec<Haystack<'_>> = views
            .iter()
            .map(|(chunk, file)| Haystack {
                hay: chunk.hay,
                body: chunk.body.clone(),
                file: *file,
            })
            .collect();
        outs.resize_with(batch.len(), Vec::new);
        for out in &mut outs {
            out.clear();
        }
        let failed = scan_guarded(&items, &mut outs[..batch.len()], |i, o| {
            engine.scan_batch(i, o)
        });
        for ((item, out), &failed) in items.iter().zip(&mut outs).zip(&failed)
        {
            // A whole file only: in a chunk of a larger one, whether a
            // value recurs would depend on where the cuts fall.
            let whole_file = item.file.at_hay
                && item.body.start == 0
                && item.body.end == item.hay.len();
            if !failed && whole_file {
                engine.add_repeats(item.hay, item.body.clone(), out);
            }
        }
        for (((task, (chunk, _)), matches), failed) in
            batch.iter().zip(&views).zip(&outs).zip(failed)
        {
            let path = match &task.unit {
                Some(unit) => &unit.path,
                None => &names.paths[task.input],
            };
            let (mut findings, lines) = build_findings(
                engine,
                (path, &names.rules),
                options.reveal,
                chunk,
                if failed { &[] } else { matches },
            );
            if let Some(cells) =
                task.unit.as_ref().and_then(|u| u.cells.as_ref())
            {
                in_cells(&mut findings, cells);
            }
            let payload = if failed {
                let error = InputError::new(
                    path.as_ref(),
                    "internal error while scanning (a bug in piiscan; \
                     please report it): findings in this file may be missing",
                );
                Payload::Failed(lines, error)
            } else {
                Payload::Chunk(findings, lines)
            };
            let done_item = Done {
                seq: task.seq,
                tickets: task.tickets,
                input: task.input,
                unit: task.unit.clone(),
                payload,
            };
            if done.send(done_item).is_err() {
                return;
            }
        }
    }
}

/// Scan `items` into `outs` as [`Engine::scan_batch`] does, so that a
/// bug panicking on one chunk costs that chunk, not the run (a lost chunk
/// would leave the run waiting for it): a batch that panics is scanned
/// again item by item. Which items failed (their `outs` are empty).
fn scan_guarded<T>(
    items: &[T],
    outs: &mut [Vec<Match>],
    scan: impl Fn(&[T], &mut [Vec<Match>]),
) -> Vec<bool> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let whole = catch_unwind(AssertUnwindSafe(|| scan(items, outs)));
    if whole.is_ok() {
        return vec![false; items.len()];
    }
    items
        .iter()
        .zip(outs.iter_mut())
        .map(|(item, out)| {
            out.clear();
            let one = std::slice::from_ref(item);
            let scanned = catch_unwind(AssertUnwindSafe(|| {
                scan(one, std::slice::from_mut(out))
            }));
            if scanned.is_err() {
                out.clear();
            }
            scanned.is_err()
        })
        .collect()
}

/// The chunk a task scans, and where it sits in its file.
fn view(task: &Task) -> (ChunkRef<'_>, FileStart<'_>) {
    let (hay, body): (&[u8], Range<usize>) = match &task.body {
        Body::Mapped(whole, body) => (whole.bytes(), body.clone()),
        Body::Owned(chunk) => (&chunk.hay, chunk.body.clone()),
    };
    // `hay[i]` is content offset `base + i`.
    let base = match &task.body {
        Body::Mapped(..) => 0,
        Body::Owned(chunk) => chunk.offset - chunk.body.start as u64,
    };
    let sql = task.sql.as_deref();
    let file = match &task.head {
        _ if base == 0 => FileStart { head: hay, at_hay: true, sql },
        Some(head) => FileStart { head, at_hay: false, sql },
        None => FileStart { head: &[], at_hay: false, sql },
    };
    (ChunkRef { hay, body, base }, file)
}

/// Findings of one chunk. Line numbers are relative to the chunk (0 for
/// its first line), and columns on the first line are relative to the
/// chunk start: the consumer adds what came before.
fn build_findings(
    engine: &Engine,
    (path, rule_ids): (&Arc<str>, &[Arc<str>]),
    reveal: bool,
    chunk: &ChunkRef<'_>,
    matches: &[Match],
) -> (Vec<Finding>, ChunkLines) {
    let ChunkRef { hay, body, base } = chunk;
    let (hay, body, base) = (*hay, body.clone(), *base);
    let mut findings = Vec::with_capacity(matches.len());
    // Absolute hay offset of the line holding `pos`, and its chunk line.
    let mut pos = body.start;
    let mut line = 0u64;
    let mut line_start = body.start;
    for m in matches {
        let start = m.span.start;
        let region = &hay[pos..start];
        let newlines = memchr::memchr_iter(b'\n', region).count() as u64;
        if newlines > 0 {
            line += newlines;
            let last = memchr::memrchr(b'\n', region).expect("counted one");
            line_start = pos + last + 1;
        }
        pos = start;
        let rule = &engine.rules()[m.rule];
        let value = &hay[m.span.clone()];
        findings.push(Finding {
            path: Arc::clone(path),
            line,
            column: (start - line_start) as u64 + 1,
            start: base + start as u64,
            end: base + m.span.end as u64,
            kind: rule.kind.id,
            pattern: Arc::clone(&rule_ids[m.rule]),
            confidence: m.confidence,
            sensitive: rule.kind.sensitive,
            masked: output::mask::mask(rule.kind.id, value),
            value: reveal.then(|| String::from_utf8_lossy(value).into_owned()),
            synthetic: m.synthetic,
        });
    }
    let rest = &hay[pos..body.end];
    line += memchr::memchr_iter(b'\n', rest).count() as u64;
    let tail = match memchr::memrchr(b'\n', &hay[body.clone()]) {
        Some(i) => (body.len() - i - 1) as u64,
        None => body.len() as u64,
    };
    (findings, ChunkLines { newlines: line, tail })
}

/// Name spreadsheet findings by cell (`book.xlsx!Sheet1!C7`), with
/// offsets and column into the cell's text. A sheet is one task, so line
/// 0 is the cell's line once the consumer adds the member's first line.
fn in_cells(findings: &mut [Finding], cells: &Cells) {
    for f in findings {
        let Some((cell, first)) = cells.locate(f.start as usize) else {
            continue;
        };
        f.path = document::name::join(&f.path, cell).into();
        f.start -= first as u64;
        f.end -= first as u64;
        f.line = 0;
        f.column = f.start + 1;
    }
}

/// Feeds one document's members to the workers as inputs of their own.
struct Feed<'a, N: Fn(&mut u64, usize) -> Option<u64>> {
    index: usize,
    tasks: &'a mpsc::Sender<Task>,
    done: &'a mpsc::Sender<Done>,
    next: &'a N,
    seq: &'a mut u64,
    units: &'a mut u64,
    /// A member was read to its end.
    scanned: bool,
}

impl<N: Fn(&mut u64, usize) -> Option<u64>> Feed<'_, N> {
    /// Expand `input`; false when the run is stopping.
    fn expand(
        &mut self,
        input: &Input,
        kind: document::Kind,
        opts: &document::Options,
    ) -> bool {
        let mut alive = true;
        let mut any = false;
        document::expand(input, kind, opts, &mut |item| {
            any = true;
            alive = self.item(input, item);
            alive
        });
        // The document counts as scanned when a member was, or when it
        // is empty; not when it could not be opened at all.
        if alive && (self.scanned || !any) {
            let done = Event::Done { bytes: 0, member: false };
            return self.event(None, done);
        }
        alive
    }

    fn event(&mut self, unit: Option<Arc<Unit>>, event: Event) -> bool {
        let Some(seq) = (self.next)(self.seq, 1) else { return false };
        let payload = Payload::Event(event);
        let input = self.index;
        let done = Done { seq, tickets: 1, input, unit, payload };
        self.done.send(done).is_ok()
    }

    fn item(&mut self, input: &Input, item: document::Item) -> bool {
        use document::{Item, NoteKind};
        let note = match item {
            Item::Text(m) => return self.member(input, m),
            Item::Stream(s) => return self.stream(input, s),
            Item::Note(n) => n,
        };
        let shown = crate::sanitize::for_terminal(&note.path);
        let event = match note.kind {
            NoteKind::Error => {
                Event::Error(InputError::new(note.path, note.reason))
            }
            NoteKind::Partial => {
                Event::Partial(format!("{shown}: partial: {}", note.reason))
            }
            NoteKind::Unscanned => {
                Event::Partial(format!("{shown}: unscanned: {}", note.reason))
            }
            NoteKind::Skipped(reason) => Event::Skipped(reason),
        };
        self.event(None, event)
    }

    /// A large member read in order: chunked as a stream, its first line
    /// shared with later chunks (field context), never held whole.
    fn stream(
        &mut self,
        input: &Input,
        s: document::StreamMember<'_>,
    ) -> bool {
        *self.units += 1;
        let unit = Arc::new(Unit {
            path: Arc::from(s.path.as_str()),
            input: Input { id: input.id.clone(), display: s.path },
            cells: None,
            id: *self.units,
        });
        let mut chunker =
            input::StreamChunker::with_chunk_size(s.reader, input::CHUNK_SIZE)
                .with_display(unit.input.display.clone());
        let end = stream_tasks(&mut chunker, |owned, head, sql| {
            let unit = Some(Arc::clone(&unit));
            let body = Body::Owned(owned);
            let task = NewTask { input: self.index, body, head, sql, unit };
            queue(self.next, self.seq, self.tasks, task)
        });
        let bytes = match end {
            StreamEnd::Stopped => return false,
            StreamEnd::Done(read) => read,
            StreamEnd::Failed(read, e) => {
                // The container's reader failed (a damaged archive):
                // reported by the container; this member ends here.
                log::debug!("{}: {}", unit.input.display, e.reason);
                read
            }
        };
        self.scanned = true;
        self.event(Some(unit), Event::Done { bytes, member: true })
    }

    fn member(&mut self, input: &Input, m: document::Member) -> bool {
        *self.units += 1;
        let unit = Arc::new(Unit {
            path: Arc::from(m.path.as_str()),
            input: Input { id: input.id.clone(), display: m.path },
            cells: m.cells,
            id: *self.units,
        });
        let whole = Arc::new(Whole::from_vec(m.text));
        let len = whole.bytes().len();
        // A sheet is one task: findings are renamed by cell, with no line
        // fix-up across chunks.
        let bodies = if unit.cells.is_some() {
            std::iter::once(0..len).collect()
        } else {
            input::chunk_boundaries(whole.bytes())
        };
        for body in bodies {
            let body = Body::Mapped(Arc::clone(&whole), body);
            let unit = Some(Arc::clone(&unit));
            let task = NewTask {
                input: self.index,
                body,
                head: None,
                sql: None,
                unit,
            };
            if !queue(self.next, self.seq, self.tasks, task) {
                return false;
            }
        }
        self.scanned = true;
        let done = Event::Done { bytes: len as u64, member: true };
        self.event(Some(unit), done)
    }
}

/// Where the consumer stands in the current input.
struct Position {
    input: usize,
    /// The document member, if any (0: the input itself).
    unit: u64,
    /// 1-based line of the next chunk's first byte.
    line: u64,
    /// Bytes of that line before the next chunk.
    carry: u64,
}

impl Position {
    /// Move past a chunk of `lines`.
    fn advance(&mut self, lines: &ChunkLines) {
        self.line += lines.newlines;
        self.carry = if lines.newlines > 0 {
            lines.tail
        } else {
            self.carry + lines.tail
        };
    }
}

fn consume(
    inputs: &[Input],
    done: &Receiver<Done>,
    tickets: &Receiver<()>,
    sink: &mut dyn Sink,
) -> std::io::Result<()> {
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut expected = 0u64;
    let mut at = Position { input: usize::MAX, unit: 0, line: 1, carry: 0 };
    for item in done.iter() {
        pending.insert(item.seq, item);
        while let Some(item) = pending.remove(&expected) {
            expected += 1;
            for _ in 0..item.tickets {
                let _ = tickets.try_recv();
            }
            let unit = item.unit.as_ref().map_or(0, |u| u.id);
            if item.input != at.input || unit != at.unit {
                at = Position { input: item.input, unit, line: 1, carry: 0 };
            }
            let input = match &item.unit {
                Some(u) => &u.input,
                None => &inputs[item.input],
            };
            match item.payload {
                Payload::Chunk(mut findings, lines) => {
                    for f in &mut findings {
                        if f.line == 0 {
                            f.column += at.carry;
                        }
                        f.line += at.line;
                    }
                    at.advance(&lines);
                    sink.event(input, Event::Findings(findings))?;
                }
                Payload::Failed(lines, error) => {
                    at.advance(&lines);
                    sink.event(input, Event::Error(error))?;
                }
                Payload::Event(event) => sink.event(input, event)?,
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scan that finds one match per item and panics on `"bug"`.
    fn scan(items: &[&str], outs: &mut [Vec<Match>]) {
        for (item, out) in items.iter().zip(outs.iter_mut()) {
            assert!(*item != "bug", "a bug in a detector");
            out.push(Match {
                span: 0..item.len(),
                rule: 0,
                confidence: 1.0,
                synthetic: false,
            });
        }
    }

    #[test]
    fn a_panicking_chunk_fails_alone() {
        let items = ["a", "bug", "ccc"];
        let mut outs = vec![Vec::new(); 3];
        let failed = scan_guarded(&items, &mut outs, scan);
        assert_eq!(failed, [false, true, false]);
        assert_eq!(outs[0][0].span, 0..1);
        assert!(outs[1].is_empty());
        assert_eq!(outs[2][0].span, 0..3);
    }

    #[test]
    fn a_batch_without_bugs_is_scanned_once() {
        let items = ["a", "bb"];
        let mut outs = vec![Vec::new(); 2];
        assert_eq!(scan_guarded(&items, &mut outs, scan), [false, false]);
        assert_eq!(outs.iter().map(Vec::len).sum::<usize>(), 2);
    }
}
