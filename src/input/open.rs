//! Opening one input: plain files are read or memory-mapped, gzip and zstd
//! (recognised by magic bytes) and stdin are streamed, binary content is
//! sniffed.
//!
//! This is the only place in piiscan that holds `unsafe` (the mmap). It never
//! opens FIFOs, sockets or devices, never decompresses past the configured
//! cap without saying so, and never writes to an input.

use std::fs::{self, File};
use std::io::{self, BufReader, Cursor, Read};

use super::chunk::{whole_chunks, Chunk, StreamChunker, CHUNK_SIZE};
use super::error::{io_reason, InputError};
use super::walk::{Input, InputId, Skip};

/// How many leading bytes of (decompressed) content are sniffed for NUL.
pub const BINARY_SNIFF_LEN: usize = 8 << 10;

/// Default cap on decompressed bytes per input (64 GiB): a guard against
/// decompression bombs that still lets real log archives through.
pub const DEFAULT_MAX_DECOMPRESSED: u64 = 64 << 30;

/// Default size from which plain files are memory-mapped instead of read.
pub const DEFAULT_MMAP_THRESHOLD: u64 = 1 << 20;
/// Plain files at least this large are streamed in chunks (see
/// [`OpenOptions::stream_threshold`]).
pub const DEFAULT_STREAM_THRESHOLD: u64 = 8 << 20;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
/// zstd's window limit (128 MiB): a frame asking for more is refused rather
/// than allowed to allocate without bound.
const ZSTD_WINDOW_LOG_MAX: u32 = 27;

/// How to open inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOptions {
    /// `--binary`: scan content with NUL bytes too, instead of skipping it.
    pub binary: bool,
    /// Stop decompressing after this many bytes (reported as
    /// [`Outcome::Partial`]).
    pub max_decompressed: u64,
    /// Plain files at least this large are mapped, smaller ones read.
    pub mmap_threshold: u64,
    /// Plain files at least this large are streamed in chunks instead of
    /// held whole: reading from the page cache costs little next to
    /// scanning, and it keeps resident memory flat (a mapped 1 GiB file
    /// counts 1 GiB of resident pages) while the pipeline still scans the
    /// chunks on all cores.
    pub stream_threshold: u64,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            binary: false,
            max_decompressed: DEFAULT_MAX_DECOMPRESSED,
            mmap_threshold: DEFAULT_MMAP_THRESHOLD,
            stream_threshold: DEFAULT_STREAM_THRESHOLD,
        }
    }
}

/// `name` without a `.gz` or `.zst` suffix: the name of what a
/// compressed file holds, for telling its format.
pub fn without_compression_suffix(name: &str) -> &str {
    name.strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(name)
}

/// The compression an input was found to use (by magic bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip, possibly several members.
    Gzip,
    /// zstd, possibly several frames.
    Zstd,
}

impl Compression {
    /// Recognise compression from the first bytes of an input.
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(GZIP_MAGIC) {
            Compression::Gzip
        } else if head.starts_with(ZSTD_MAGIC) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// Lowercase name used in messages (`gzip`, `zstd`, `plain`).
    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "plain",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// Whether an input's content was read to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// All content was read.
    Complete,
    /// Reading stopped early; the reason says why (the caller reports it).
    Partial(String),
}

/// An opened input.
pub enum Content {
    /// The entire content in memory (mapped or read): chunk with
    /// [`Whole::chunks`] or [`super::chunk_boundaries`], scan chunks in
    /// parallel.
    Whole(Whole),
    /// Content that must be read in order (stdin, gzip, zstd): chunk with
    /// [`Stream::chunker`], then check [`StreamChunker::outcome`].
    Stream(Stream),
}

impl std::fmt::Debug for Content {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Content::Whole(w) => f
                .debug_struct("Whole")
                .field("len", &w.bytes().len())
                .field("mapped", &w.is_mapped())
                .finish(),
            Content::Stream(s) => f
                .debug_struct("Stream")
                .field("compression", &s.compression())
                .finish(),
        }
    }
}

/// Entire content of a plain file, mapped or read into memory.
pub struct Whole {
    data: WholeData,
}

enum WholeData {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl Whole {
    /// Wrap bytes already in memory (e.g. a member extracted by a caller).
    pub fn from_vec(bytes: Vec<u8>) -> Whole {
        Whole { data: WholeData::Read(bytes) }
    }

    /// The content.
    pub fn bytes(&self) -> &[u8] {
        match &self.data {
            WholeData::Mapped(m) => m,
            WholeData::Read(v) => v,
        }
    }

    /// Whether the content is memory-mapped (rather than read).
    pub fn is_mapped(&self) -> bool {
        matches!(self.data, WholeData::Mapped(_))
    }

    /// All chunks, in order, with the default chunk size.
    pub fn chunks(&self) -> Vec<Chunk<'_>> {
        whole_chunks(self.bytes())
    }
}

/// Content read in order: stdin or a decompressor, with the decompressed
/// size cap applied and errors worded for the user.
pub struct Stream {
    /// Bytes already read for sniffing, delivered first.
    head: Cursor<Vec<u8>>,
    body: Capped,
    display: String,
}

impl Stream {
    /// The compression the content was found to use.
    pub fn compression(&self) -> Compression {
        self.body.compression
    }

    /// Whether everything was read; meaningful once reading returned EOF.
    pub fn outcome(&self) -> Outcome {
        match self.body.limit {
            Some(limit) if self.body.capped => Outcome::Partial(format!(
                "decompressed size cap of {limit} bytes reached"
            )),
            _ => Outcome::Complete,
        }
    }

    /// Chunk this stream with the default chunk size; errors name the
    /// input by its [`Input::display`].
    pub fn chunker(self) -> StreamChunker<Stream> {
        let display = self.display.clone();
        StreamChunker::with_chunk_size(self, CHUNK_SIZE).with_display(display)
    }
}

impl Read for Stream {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.head.read(out)?;
        if n > 0 || out.is_empty() {
            return Ok(n);
        }
        self.body.read(out)
    }
}

impl StreamChunker<Stream> {
    /// Whether the whole stream was read; check after the last chunk.
    pub fn outcome(&self) -> Outcome {
        self.get_ref().outcome()
    }
}

/// A decoded reader that stops at `limit` bytes and remembers whether more
/// content was there; read errors of decompressors say "corrupt ... stream".
struct Capped {
    reader: Box<dyn Read + Send>,
    compression: Compression,
    limit: Option<u64>,
    delivered: u64,
    capped: bool,
    probed: bool,
}

impl Capped {
    fn wrap_err(&self, e: io::Error) -> io::Error {
        match self.compression {
            Compression::None => e,
            c => io::Error::new(
                e.kind(),
                format!("corrupt {} stream: {}", c.name(), io_reason(&e)),
            ),
        }
    }
}

impl Read for Capped {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        let mut room = out.len();
        if let Some(limit) = self.limit {
            if self.delivered >= limit {
                if !self.probed {
                    // One byte past the cap tells a cut from an exact fit.
                    let mut one = [0u8; 1];
                    let n = read_retrying(&mut self.reader, &mut one)
                        .map_err(|e| self.wrap_err(e))?;
                    self.probed = true;
                    self.capped = n > 0;
                }
                return Ok(0);
            }
            room = room.min(
                usize::try_from(limit - self.delivered).unwrap_or(usize::MAX),
            );
        }
        let n = self
            .reader
            .read(&mut out[..room])
            .map_err(|e| self.wrap_err(e))?;
        self.delivered += n as u64;
        Ok(n)
    }
}

fn read_retrying(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Read until `want` bytes or EOF.
fn read_up_to(r: &mut dyn Read, want: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(want);
    r.take(want as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

fn looks_binary(head: &[u8]) -> bool {
    memchr::memchr(0, &head[..head.len().min(BINARY_SNIFF_LEN)]).is_some()
}

/// Open one input.
///
/// Plain files below [`OpenOptions::mmap_threshold`] are read, larger ones
/// mapped ([`Content::Whole`]); gzip, zstd (by magic bytes, whatever the
/// name) and stdin come back as [`Content::Stream`]. Errors name the path:
/// `permission denied`, `no such file or directory`, `dangling symlink`,
/// `corrupt gzip stream: ...` when the first bytes do not decompress.
///
/// Skips come back as errors too, told apart by [`InputError::skip`]:
/// binary content (a NUL in the first [`BINARY_SNIFF_LEN`] bytes, after
/// decompression) is `Skip::Binary` unless [`OpenOptions::binary`]; a path
/// that is not a regular file when opened (e.g. replaced by a FIFO after the
/// walk) is `Skip::Special` and was not opened. Count them under
/// [`InputError::skip_reason`]; do not report them as errors.
pub fn open(input: &Input, opts: &OpenOptions) -> Result<Content, InputError> {
    match &input.id {
        InputId::Stdin => open_stdin(&input.display, opts),
        InputId::Path(path) => open_path(path, &input.display, opts),
    }
}

fn open_stdin(
    display: &str,
    opts: &OpenOptions,
) -> Result<Content, InputError> {
    let mut stdin: Box<dyn Read + Send> = Box::new(io::stdin());
    let magic = read_up_to(&mut stdin, ZSTD_MAGIC.len())
        .map_err(|e| InputError::io(display, &e))?;
    let compression = Compression::sniff(&magic);
    let raw: Box<dyn Read + Send> = Box::new(Cursor::new(magic).chain(stdin));
    open_stream(raw, compression, display, opts)
}

fn open_path(
    path: &std::path::Path,
    display: &str,
    opts: &OpenOptions,
) -> Result<Content, InputError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let dangling = e.kind() == io::ErrorKind::NotFound
                && fs::symlink_metadata(path)
                    .is_ok_and(|m| m.file_type().is_symlink());
            return Err(if dangling {
                InputError::new(display, "dangling symlink")
            } else {
                InputError::io(display, &e)
            });
        }
    };
    if meta.is_dir() {
        return Err(InputError::new(display, "is a directory"));
    }
    if !meta.is_file() {
        return Err(InputError::skipped(display, Skip::Special));
    }
    let mut file =
        File::open(path).map_err(|e| InputError::io(display, &e))?;
    // Check the opened file itself: the path may have changed since.
    let meta = file.metadata().map_err(|e| InputError::io(display, &e))?;
    if !meta.is_file() {
        return Err(InputError::skipped(display, Skip::Special));
    }
    let magic = read_up_to(&mut file, ZSTD_MAGIC.len())
        .map_err(|e| InputError::io(display, &e))?;
    let compression = Compression::sniff(&magic);
    if compression != Compression::None {
        let raw: Box<dyn Read + Send> = Box::new(
            Cursor::new(magic).chain(BufReader::with_capacity(64 << 10, file)),
        );
        return open_stream(raw, compression, display, opts);
    }
    if meta.len() >= opts.stream_threshold {
        let raw: Box<dyn Read + Send> =
            Box::new(Cursor::new(magic).chain(file));
        return open_stream(raw, compression, display, opts);
    }

    let whole = if meta.len() >= opts.mmap_threshold && meta.len() > 0 {
        match map(&file) {
            Ok(m) => Whole { data: WholeData::Mapped(m) },
            Err(e) => {
                log::debug!("{display}: mmap failed ({e}), reading instead");
                read_rest(file, magic, meta.len(), display)?
            }
        }
    } else {
        read_rest(file, magic, meta.len(), display)?
    };
    if !opts.binary && looks_binary(whole.bytes()) {
        return Err(InputError::skipped(display, Skip::Binary));
    }
    Ok(Content::Whole(whole))
}

/// Read the rest of `file` after the `head` bytes already read from it.
fn read_rest(
    mut file: File,
    head: Vec<u8>,
    len: u64,
    display: &str,
) -> Result<Whole, InputError> {
    let mut buf = head;
    buf.reserve(usize::try_from(len).unwrap_or(0).saturating_sub(buf.len()));
    file.read_to_end(&mut buf).map_err(|e| InputError::io(display, &e))?;
    Ok(Whole::from_vec(buf))
}

fn map(file: &File) -> io::Result<memmap2::Mmap> {
    // SAFETY: the map is read-only and private to this process, and we only
    // ever read it as bytes. memmap2 marks mapping `unsafe` because another
    // process can change the file while it is mapped. A concurrent write only
    // changes the bytes we scan (findings may then mix old and new content).
    // The residual risk: if the file is truncated while mapped, touching a
    // page past its new end raises SIGBUS and kills the process. We accept
    // that, as grep-like tools do, for the speed of scanning large files;
    // files below the mmap threshold are read instead.
    unsafe { memmap2::Mmap::map(file) }
}

fn open_stream(
    raw: Box<dyn Read + Send>,
    compression: Compression,
    display: &str,
    opts: &OpenOptions,
) -> Result<Content, InputError> {
    let (reader, limit): (Box<dyn Read + Send>, Option<u64>) =
        match compression {
            Compression::None => (raw, None),
            Compression::Gzip => (
                Box::new(flate2::read::MultiGzDecoder::new(raw)),
                Some(opts.max_decompressed),
            ),
            Compression::Zstd => {
                let corrupt = |e: io::Error| {
                    InputError::new(
                        display,
                        format!("corrupt zstd stream: {}", io_reason(&e)),
                    )
                };
                let mut dec =
                    zstd::stream::read::Decoder::new(raw).map_err(corrupt)?;
                dec.window_log_max(ZSTD_WINDOW_LOG_MAX).map_err(corrupt)?;
                (Box::new(dec), Some(opts.max_decompressed))
            }
        };
    let mut body = Capped {
        reader,
        compression,
        limit,
        delivered: 0,
        capped: false,
        probed: false,
    };
    let head = read_up_to(&mut body, BINARY_SNIFF_LEN)
        .map_err(|e| InputError::io(display, &e))?;
    if !opts.binary && looks_binary(&head) {
        return Err(InputError::skipped(display, Skip::Binary));
    }
    Ok(Content::Stream(Stream {
        head: Cursor::new(head),
        body,
        display: display.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::default(),
        );
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn stream_all(content: Content) -> (Vec<u8>, Outcome) {
        let Content::Stream(s) = content else {
            panic!("expected a stream, got {content:?}")
        };
        let mut ch = s.chunker();
        let mut out = Vec::new();
        while let Some(c) = ch.next_chunk().unwrap() {
            out.extend_from_slice(c.body_bytes());
        }
        (out, ch.outcome())
    }

    fn write(dir: &tempfile::TempDir, name: &str, data: &[u8]) -> Input {
        let p = dir.path().join(name);
        fs::write(&p, data).unwrap();
        Input::path(p)
    }

    #[test]
    fn content_can_cross_threads() {
        fn send<T: Send>() {}
        fn sync<T: Sync>() {}
        send::<Content>();
        sync::<Whole>();
    }

    #[test]
    fn sniffs_magic() {
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(
            Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd]),
            Compression::Zstd
        );
        assert_eq!(Compression::sniff(b"\x28\xb5"), Compression::None);
        assert_eq!(Compression::sniff(b""), Compression::None);
    }

    #[test]
    fn small_files_read_large_mapped() {
        let dir = tempfile::tempdir().unwrap();
        let input = write(&dir, "a.txt", b"hello\nworld\n");
        let opts = OpenOptions { mmap_threshold: 5, ..OpenOptions::default() };
        let Content::Whole(w) = open(&input, &opts).unwrap() else { panic!() };
        assert!(w.is_mapped());
        assert_eq!(w.bytes(), b"hello\nworld\n");
        let Content::Whole(w) = open(&input, &OpenOptions::default()).unwrap()
        else {
            panic!()
        };
        assert!(!w.is_mapped());
        assert_eq!(w.bytes(), b"hello\nworld\n");
        let empty = write(&dir, "e.txt", b"");
        let Content::Whole(w) = open(&empty, &opts).unwrap() else { panic!() };
        assert!(w.bytes().is_empty());
    }

    #[test]
    fn binary_skipped_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let input = write(&dir, "b.bin", b"abc\0def");
        assert_eq!(
            open(&input, &OpenOptions::default()).unwrap_err().skip(),
            Some(Skip::Binary)
        );
        let opts = OpenOptions { binary: true, ..OpenOptions::default() };
        assert!(matches!(open(&input, &opts).unwrap(), Content::Whole(_)));
        // NUL only after the sniffed prefix: text.
        let mut late = vec![b'a'; BINARY_SNIFF_LEN];
        late.push(0);
        let input = write(&dir, "late.txt", &late);
        assert!(matches!(
            open(&input, &OpenOptions::default()).unwrap(),
            Content::Whole(_)
        ));
        // Binary after decompression.
        let input = write(&dir, "b.gz", &gz(b"x\0y"));
        assert_eq!(
            open(&input, &OpenOptions::default()).unwrap_err().skip(),
            Some(Skip::Binary)
        );
    }

    #[test]
    fn gzip_by_magic_not_name() {
        let dir = tempfile::tempdir().unwrap();
        let input = write(&dir, "plain-name.log", &gz(b"a@b.example\n"));
        let content = open(&input, &OpenOptions::default()).unwrap();
        let (data, outcome) = stream_all(content);
        assert_eq!(data, b"a@b.example\n");
        assert_eq!(outcome, Outcome::Complete);
    }

    #[test]
    fn cap_exact_fit_is_complete_and_cut_is_partial() {
        let dir = tempfile::tempdir().unwrap();
        let input = write(&dir, "c.gz", &gz(b"0123456789"));
        let exact =
            OpenOptions { max_decompressed: 10, ..OpenOptions::default() };
        let (data, outcome) = stream_all(open(&input, &exact).unwrap());
        assert_eq!(data, b"0123456789");
        assert_eq!(outcome, Outcome::Complete);
        let cut =
            OpenOptions { max_decompressed: 4, ..OpenOptions::default() };
        let (data, outcome) = stream_all(open(&input, &cut).unwrap());
        assert_eq!(data, b"0123");
        assert_eq!(
            outcome,
            Outcome::Partial(
                "decompressed size cap of 4 bytes reached".into()
            )
        );
    }

    #[test]
    fn missing_and_directory() {
        let dir = tempfile::tempdir().unwrap();
        let e = open(
            &Input::path(dir.path().join("nope")),
            &OpenOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.reason, "no such file or directory");
        let e = open(&Input::path(dir.path()), &OpenOptions::default())
            .unwrap_err();
        assert_eq!(e.reason, "is a directory");
    }
}
