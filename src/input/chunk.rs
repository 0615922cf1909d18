//! Line-aligned chunks of one input's content.
//!
//! One boundary rule ([`next_boundary`]) serves both content held whole in
//! memory ([`chunk_boundaries`]) and streams ([`StreamChunker`]), so the
//! chunks, and therefore the findings, never depend on how the content was
//! read or on how many threads scan it. This module never opens files and
//! never looks at what the bytes mean beyond `\n`.

use std::io::Read;
use std::ops::Range;

use super::error::{io_reason, InputError};

/// Target chunk size: a chunk ends just after the first `\n` at or after this
/// many bytes. Chunks in flight (and their findings) are most of a scan's
/// memory besides the automata caches. The engine runs its automata one
/// after the other over a chunk, so a longer chunk keeps each automaton's
/// lazy DFA states in the CPU cache longer: 2 MiB scans 256 MiB on two
/// threads in 2.70 s against 2.92 s for 1 MiB (6 runs each; 32 KiB chunks
/// were 25% slower than 1 MiB), for ~20 MiB more peak RSS; 4 MiB is no
/// faster and costs another ~25 MiB.
pub const CHUNK_SIZE: usize = 2 << 20;

/// Longest first line kept as a file's head: a CSV header names the
/// columns of every later chunk (field-aware context).
pub const HEAD_LINE: usize = 4096;

/// Lines above a fixed-width report's column header (a title block).
const MAX_TITLE_LINES: usize = 12;

/// The column header of a fixed-width report (a hotel's guest list, a
/// mainframe extract, a printed ledger) starting with `head`: among its
/// first lines, a line of at least three names over a rule of dashes.
/// Returns the header line's range and the end of the rule's line.
pub fn fixed_width_header(head: &[u8]) -> Option<(Range<usize>, usize)> {
    let head = &head[..head.len().min(HEAD_LINE)];
    let mut previous: Option<Range<usize>> = None;
    let mut start = 0;
    for _ in 0..=MAX_TITLE_LINES {
        let end = start + memchr::memchr(b'\n', &head[start..])?;
        let line = trim_line_end(&head[start..end]);
        let dashes = line.iter().filter(|&&b| b == b'-' || b == b'=').count();
        let rule = dashes >= 20
            && line.iter().all(|&b| matches!(b, b'-' | b'=' | b' ' | b'+'));
        if rule {
            let header = previous?;
            let names = head[header.clone()]
                .split(|&b| b == b' ')
                .filter(|w| !w.is_empty())
                .count();
            return (names >= 3).then_some((header, end + 1));
        }
        previous = Some(start..start + line.len());
        start = end + 1;
    }
    None
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let mut n = line.len();
    while n > 0 && matches!(line[n - 1], b'\r' | b' ') {
        n -= 1;
    }
    &line[..n]
}

/// The first line of content starting with `content_start`, with its
/// `\n`, at most [`HEAD_LINE`] bytes. A W3C extended log (IIS) names
/// its columns in a `#Fields:` directive below `#Software:`/`#Version:`
/// lines, a fixed-width report in a header over a rule of dashes below
/// its title ([`fixed_width_header`]), a CSV export below a preamble in
/// a header row under its title lines, a DATEV import in its
/// `[Satzbeschreibung]` section, an HTML table in its first header row,
/// a Telegram export in its opening lines, an xDT or a CESP file in the
/// first lines its sniff reads: its head runs through that line,
/// section, row or lines (and, for the CSV, the data row after it).
pub fn head_line(content_start: &[u8]) -> &[u8] {
    if let Some((_, end)) = fixed_width_header(content_start) {
        return &content_start[..end];
    }
    // A DATEV import: through its record descriptions.
    let start =
        content_start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content_start);
    if start.starts_with(b"[Allgemein]") {
        let head = &content_start[..content_start.len().min(HEAD_LINE)];
        if let Some(at) = memchr::memmem::find(head, b"[Satzbeschreibung]") {
            let after =
                at + memchr::memchr(b'\n', &head[at..]).map_or(0, |i| i + 1);
            let end = memchr::memmem::find(&head[after..], b"\n[")
                .map_or(head.len(), |i| after + i + 1);
            return &head[..end];
        }
    }
    // A CSV export below a preamble: through the header and the row that
    // shows it is one.
    let head = &content_start[..content_start.len().min(HEAD_LINE)];
    if let Some(header) = crate::engine::preamble_header(head) {
        let row_end = memchr::memchr(b'\n', &head[header.end + 1..])
            .map_or(head.len(), |i| header.end + 1 + i + 1);
        return &head[..row_end.min(head.len())];
    }
    // An HTML table (a report saved as `.xls`): through its header row,
    // which names the cells of every later chunk. A Telegram export:
    // through the line opening its messages, which says what it is. An
    // xDT or CESP file: through the lines that say what it is.
    if let Some(end) = crate::engine::html_header_end(head)
        .or_else(|| crate::engine::telegram_head_end(head))
        .or_else(|| crate::engine::record_head_end(head))
    {
        return &head[..end];
    }
    let line_end = |from: usize| {
        memchr::memchr(b'\n', &content_start[from..])
            .map_or(content_start.len(), |i| from + i + 1)
    };
    let mut n = line_end(0);
    if content_start.starts_with(b"#Software:")
        || content_start.starts_with(b"#Version:")
    {
        let mut end = n;
        while content_start[end..].starts_with(b"#") && end < HEAD_LINE {
            let next = line_end(end);
            if content_start[end..].starts_with(b"#Fields:") {
                n = next;
                break;
            }
            end = next;
        }
    }
    &content_start[..n.min(HEAD_LINE)]
}

/// Bytes of the preceding content kept in front of each chunk, so context
/// windows (keywords near a candidate) can look back across a chunk boundary.
pub const CONTEXT_PREFIX: usize = 256;

/// One chunk to scan, borrowed from whole content or from a [`StreamChunker`].
///
/// Matches should be reported only when they start inside `body`; the bytes
/// before `body.start` are context carried over from the previous chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk<'a> {
    /// Up to [`CONTEXT_PREFIX`] bytes of preceding content, then the body.
    pub hay: &'a [u8],
    /// The range of `hay` this chunk is responsible for.
    pub body: Range<usize>,
    /// Absolute content offset of `hay[body.start]`.
    pub offset: u64,
}

impl<'a> Chunk<'a> {
    /// The chunk of whole `content` whose body is `body` (a range returned by
    /// [`chunk_boundaries`]), with its context prefix.
    pub fn of_whole(content: &'a [u8], body: Range<usize>) -> Chunk<'a> {
        let hay_start = body.start.saturating_sub(CONTEXT_PREFIX);
        Chunk {
            hay: &content[hay_start..body.end],
            body: body.start - hay_start..body.end - hay_start,
            offset: body.start as u64,
        }
    }

    /// The body bytes alone, without the context prefix.
    pub fn body_bytes(&self) -> &'a [u8] {
        &self.hay[self.body.clone()]
    }

    /// Absolute content offset of `hay[0]`.
    pub fn hay_offset(&self) -> u64 {
        self.offset - self.body.start as u64
    }

    /// Absolute content offset just past the body.
    pub fn end_offset(&self) -> u64 {
        self.offset + self.body.len() as u64
    }

    /// Copy into an owned chunk, e.g. to hand it to another thread.
    pub fn to_owned_chunk(&self) -> OwnedChunk {
        OwnedChunk {
            hay: self.hay.to_vec(),
            body: self.body.clone(),
            offset: self.offset,
        }
    }
}

/// An owned copy of a [`Chunk`], as the [`StreamChunker`] iterator yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedChunk {
    /// Same meaning as [`Chunk::hay`].
    pub hay: Vec<u8>,
    /// Same meaning as [`Chunk::body`].
    pub body: Range<usize>,
    /// Same meaning as [`Chunk::offset`].
    pub offset: u64,
}

impl OwnedChunk {
    /// Borrow as a [`Chunk`].
    pub fn as_chunk(&self) -> Chunk<'_> {
        Chunk { hay: &self.hay, body: self.body.clone(), offset: self.offset }
    }
}

/// The boundary rule, the single implementation both paths use.
///
/// `window` starts where the next chunk starts. Returns the chunk's length:
/// just after the first `\n` at or after `chunk_size`; when there is no `\n`
/// in `[chunk_size, 2 * chunk_size)` (one very long line: minified JSON, a
/// one-line export), just after the last field separator there
/// ([`field_cut`]), else `2 * chunk_size`; or the whole window when
/// `at_eof` and it ends first. Returns `None` when the window is too
/// short to decide and more bytes may follow (`!at_eof`); a window of at
/// least `2 * chunk_size` bytes always decides. Only bytes in
/// `[chunk_size, 2 * chunk_size)` are looked at.
pub fn next_boundary(
    window: &[u8],
    chunk_size: usize,
    at_eof: bool,
) -> Option<usize> {
    assert!(chunk_size > 0, "chunk size must be positive");
    let len = window.len();
    let cap = chunk_size.saturating_mul(2);
    if len > chunk_size {
        let limit = len.min(cap);
        if let Some(i) = memchr::memchr(b'\n', &window[chunk_size..limit]) {
            return Some(chunk_size + i + 1);
        }
        if len >= cap {
            let cut = field_cut(&window[chunk_size..cap]);
            return Some(cut.map_or(cap, |i| chunk_size + i));
        }
    }
    if at_eof {
        Some(len)
    } else {
        None
    }
}

/// Where to cut a line too long for one chunk so that no value is cut in
/// two: just after the last `,` that closes a field (`",`, `},`, `],`, as
/// in JSON and quoted CSV). No pattern's value holds a closing quote or
/// bracket followed by a comma. `None` when there is no such place (the
/// cut then falls mid-field and a value across it may be missed).
fn field_cut(part: &[u8]) -> Option<usize> {
    let mut end = part.len();
    while let Some(i) = memchr::memrchr(b',', &part[..end]) {
        if i > 0 && matches!(part[i - 1], b'"' | b'}' | b']') {
            return Some(i + 1);
        }
        end = i;
    }
    None
}

/// Chunk bodies of whole content with the default [`CHUNK_SIZE`]; empty
/// content has no chunks.
pub fn chunk_boundaries(bytes: &[u8]) -> Vec<Range<usize>> {
    chunk_boundaries_sized(bytes, CHUNK_SIZE)
}

/// [`chunk_boundaries`] with a chosen chunk size (tests use small ones).
pub fn chunk_boundaries_sized(
    bytes: &[u8],
    chunk_size: usize,
) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(bytes.len() / chunk_size.max(1) + 1);
    let mut p = 0;
    while p < bytes.len() {
        let len = next_boundary(&bytes[p..], chunk_size, true)
            .expect("a window at end of input always has a boundary");
        out.push(p..p + len);
        p += len;
    }
    out
}

/// All chunks of whole content, in order, with their context prefixes.
pub fn whole_chunks(bytes: &[u8]) -> Vec<Chunk<'_>> {
    whole_chunks_sized(bytes, CHUNK_SIZE)
}

/// [`whole_chunks`] with a chosen chunk size.
pub fn whole_chunks_sized(bytes: &[u8], chunk_size: usize) -> Vec<Chunk<'_>> {
    chunk_boundaries_sized(bytes, chunk_size)
        .into_iter()
        .map(|r| Chunk::of_whole(bytes, r))
        .collect()
}

/// Cuts a stream into the same chunks [`chunk_boundaries`] gives for the
/// same bytes, holding at most `2 * chunk_size + CONTEXT_PREFIX` bytes.
///
/// Use [`StreamChunker::next_chunk`] to borrow each chunk without copying,
/// or iterate to get [`OwnedChunk`]s. A read error ends the stream: the
/// chunks of the bytes read before it are still yielded (cut as if the
/// stream ended there), then the error, once.
pub struct StreamChunker<R> {
    reader: R,
    display: String,
    chunk_size: usize,
    /// `buf[..start]` is the context prefix, `buf[start..]` not yet handed out.
    buf: Vec<u8>,
    start: usize,
    /// Absolute content offset of `buf[start]`.
    pos: u64,
    eof: bool,
    pending_error: Option<InputError>,
    done: bool,
}

impl<R: Read> StreamChunker<R> {
    /// Chunk `reader` with the default [`CHUNK_SIZE`]. Errors carry an
    /// empty path until [`StreamChunker::with_display`] names the input
    /// ([`super::Stream::chunker`] does that for opened inputs).
    pub fn new(reader: R) -> Self {
        Self::with_chunk_size(reader, CHUNK_SIZE)
    }

    /// Chunk with a chosen chunk size (tests use small ones).
    pub fn with_chunk_size(reader: R, chunk_size: usize) -> Self {
        assert!(chunk_size > 0, "chunk size must be positive");
        StreamChunker {
            reader,
            display: String::new(),
            chunk_size,
            buf: Vec::new(),
            start: 0,
            pos: 0,
            eof: false,
            pending_error: None,
            done: false,
        }
    }

    /// Name the input in errors (the displayed path).
    pub fn with_display(mut self, display: impl Into<String>) -> Self {
        self.display = display.into();
        self
    }

    /// The next chunk, `Ok(None)` at the end, or the read error that ended
    /// the stream (after the chunks read before it).
    pub fn next_chunk(&mut self) -> Result<Option<Chunk<'_>>, InputError> {
        if self.done {
            return Ok(None);
        }
        // Keep only the context prefix of what was handed out before.
        let keep = self.start.min(CONTEXT_PREFIX);
        self.buf.drain(..self.start - keep);
        self.start = keep;

        let cap = self.chunk_size.saturating_mul(2);
        while !self.eof && self.buf.len() - self.start < cap {
            let need = cap - (self.buf.len() - self.start);
            self.buf.reserve_exact(need);
            match (&mut self.reader)
                .take(need as u64)
                .read_to_end(&mut self.buf)
            {
                Ok(n) if n < need => self.eof = true,
                Ok(_) => {}
                Err(e) => {
                    self.eof = true;
                    self.pending_error =
                        Some(InputError::new(&*self.display, io_reason(&e)));
                }
            }
        }

        let window = &self.buf[self.start..];
        if window.is_empty() {
            self.done = true;
            return match self.pending_error.take() {
                Some(e) => Err(e),
                None => Ok(None),
            };
        }
        let len = next_boundary(window, self.chunk_size, self.eof)
            .expect("a full window or end of input always has a boundary");
        let body = self.start..self.start + len;
        let offset = self.pos;
        self.start += len;
        self.pos += len as u64;
        Ok(Some(Chunk { hay: &self.buf[..body.end], body, offset }))
    }

    /// Content bytes handed out so far (the end offset of the last chunk).
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// The reader being chunked.
    pub fn get_ref(&self) -> &R {
        &self.reader
    }

    /// Give back the reader.
    pub fn into_inner(self) -> R {
        self.reader
    }
}

impl<R: Read> Iterator for StreamChunker<R> {
    type Item = Result<OwnedChunk, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_chunk() {
            Ok(Some(chunk)) => Some(Ok(chunk.to_owned_chunk())),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    fn stream_chunks(bytes: &[u8], cs: usize) -> Vec<OwnedChunk> {
        StreamChunker::with_chunk_size(bytes, cs)
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
    }

    #[test]
    fn head_of_a_fixed_width_report_runs_through_its_rule() {
        let report = b"HOTEL X\nLIST 1/1\n\nID   SURNAME  NAME   ZIP\n------------------------\n1    ROE      ANN    12180\n";
        let (header, end) = fixed_width_header(report).unwrap();
        assert_eq!(&report[header], b"ID   SURNAME  NAME   ZIP");
        assert_eq!(head_line(report), &report[..end]);
        assert!(head_line(report).ends_with(b"-\n"));
        // Two names over a rule, or a rule with nothing above, is no header.
        assert_eq!(fixed_width_header(b"a b\n--------------------\n"), None);
        assert_eq!(fixed_width_header(b"--------------------\nx y z\n"), None);
        assert_eq!(head_line(b"x y z\nno rule\n"), b"x y z\n");
        let datev = b"[Allgemein]\nZiel=LODAS\n\n[Satzbeschreibung]\n10;u_lod_psd_mitarbeiter;pnr#psd;adresse_plz#psd;\n\n[Stammdaten]\n10;1001;\"93049\";\n";
        assert!(head_line(datev).ends_with(b"adresse_plz#psd;\n\n"));
        let export = b"Report: patients\n\nid,first_name,zip\n1,Ann,62704\n2,Bo,10115\n";
        assert_eq!(head_line(export), &export[..48]);
    }

    #[test]
    fn head_is_the_first_line_or_a_w3c_log_through_its_fields() {
        assert_eq!(head_line(b"id,zip\n1,62704\n"), b"id,zip\n");
        assert_eq!(head_line(b"no newline"), b"no newline");
        let bdt =
            b"01380000020\r\n014810000094\r\n0128300LAB\r\n0133101Roth\r\n";
        assert_eq!(head_line(bdt), &bdt[..39]);
        let w3c = b"#Software: IIS 10.0\r\n#Version: 1.0\r\n#Fields: date cs-username\r\n2024-03-12 ana\r\n";
        assert_eq!(head_line(w3c), &w3c[..w3c.len() - 16]);
        // Directives without `#Fields:`: the first line only.
        assert_eq!(
            head_line(b"#Version: 1.0\n#Date: x\ndata\n"),
            b"#Version: 1.0\n"
        );
        let long = [&b"#Version: 1.0\n"[..], &[b'#'; 5000]].concat();
        assert_eq!(head_line(&long).len(), 14);
    }

    #[test]
    fn boundary_after_first_newline_past_chunk_size() {
        //            0123456789
        let text = b"ab\ncd\nefgh\nij";
        assert_eq!(chunk_boundaries_sized(text, 4), vec![0..6, 6..11, 11..13]);
    }

    #[test]
    fn long_line_cut_at_twice_chunk_size() {
        let text = vec![b'x'; 25];
        assert_eq!(
            chunk_boundaries_sized(&text, 4),
            vec![0..8, 8..16, 16..24, 24..25]
        );
        // A newline exactly at 2*cs - 1 still ends the chunk at 2*cs.
        let mut text = vec![b'x'; 10];
        text[7] = b'\n';
        assert_eq!(chunk_boundaries_sized(&text, 4), vec![0..8, 8..10]);
        // A newline before chunk_size does not count.
        let mut text = vec![b'x'; 10];
        text[2] = b'\n';
        assert_eq!(chunk_boundaries_sized(&text, 4), vec![0..8, 8..10]);
    }

    #[test]
    fn long_line_cut_after_a_field() {
        // cs = 8: no newline in [8, 16), so the cut goes after the last
        // `",` there (at 10), not at 16.
        let text = br#"{"a":"xy","b":"cd","c":"ef","d":"g"}"#;
        let bounds = chunk_boundaries_sized(text, 8);
        assert_eq!(bounds[0], 0..10);
        assert!(text[..10].ends_with(br#""xy","#));
        // Stream and whole content agree.
        let streamed: Vec<Range<usize>> = stream_chunks(text, 8)
            .iter()
            .map(|c| c.offset as usize..c.offset as usize + c.body.len())
            .collect();
        assert_eq!(streamed, bounds);
        // A comma not closing a field is no cut: `1,5` stays whole.
        let text = b"aaaaaaaaaa1,5bbbbbbbbbbbbb";
        assert_eq!(chunk_boundaries_sized(text, 8)[0], 0..16);
    }

    #[test]
    fn empty_and_tiny_content() {
        assert!(chunk_boundaries(b"").is_empty());
        assert_eq!(chunk_boundaries(b"a\nb"), vec![0..3]);
        assert!(stream_chunks(b"", 4).is_empty());
    }

    #[test]
    fn next_boundary_waits_for_more_bytes() {
        assert_eq!(next_boundary(b"abcdef", 4, false), None);
        assert_eq!(next_boundary(b"abcdef", 4, true), Some(6));
        assert_eq!(next_boundary(b"abcd\nf", 4, false), Some(5));
        assert_eq!(next_boundary(b"abcdefgh", 4, false), Some(8));
    }

    #[test]
    fn whole_chunks_carry_context_prefix() {
        let text: Vec<u8> = (0..2000u32)
            .map(|i| if i % 100 == 99 { b'\n' } else { b'a' + (i % 26) as u8 })
            .collect();
        let chunks = whole_chunks_sized(&text, 300);
        assert!(chunks.len() > 2);
        let second = &chunks[1];
        assert_eq!(second.body.start, CONTEXT_PREFIX);
        assert_eq!(second.hay_offset() + CONTEXT_PREFIX as u64, second.offset);
        let mut joined = Vec::new();
        for c in &chunks {
            joined.extend_from_slice(c.body_bytes());
        }
        assert_eq!(joined, text);
    }

    #[test]
    fn stream_matches_whole_on_sample() {
        let text = b"one\ntwo\nthree\nfour five six\n\nseven".repeat(40);
        for cs in [1, 2, 3, 7, 64, 1000] {
            let whole: Vec<OwnedChunk> = whole_chunks_sized(&text, cs)
                .iter()
                .map(Chunk::to_owned_chunk)
                .collect();
            assert_eq!(stream_chunks(&text, cs), whole, "chunk size {cs}");
        }
    }

    struct FailAfter {
        data: Vec<u8>,
        pos: usize,
    }

    impl Read for FailAfter {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.pos == self.data.len() {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "Truncated",
                ));
            }
            let n = out.len().min(3).min(self.data.len() - self.pos);
            out[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }

    #[test]
    fn read_error_comes_after_the_chunks_before_it() {
        let data = b"aaaa\nbbbb\ncccc\n".to_vec();
        let mut ch = StreamChunker::with_chunk_size(
            FailAfter { data: data.clone(), pos: 0 },
            4,
        )
        .with_display("x.gz");
        let mut got = Vec::new();
        let err = loop {
            match ch.next_chunk() {
                Ok(Some(c)) => got.extend_from_slice(c.body_bytes()),
                Ok(None) => panic!("expected an error"),
                Err(e) => break e,
            }
        };
        assert_eq!(got, data);
        assert_eq!(err.to_string(), "x.gz: truncated");
        assert!(ch.next_chunk().unwrap().is_none());
    }
}
