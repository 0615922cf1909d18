//! Walking trees and opening inputs; knows nothing about patterns.
//!
//! - [`walk`]: command-line paths to a sorted, deduplicated list of
//!   [`Input`]s, with errors and skip counts ([`WalkReport`]);
//! - [`open`]: one input to [`Content`]: whole in memory (read or mapped)
//!   or a [`Stream`] (stdin, gzip, zstd), binary content skipped;
//! - [`chunk_boundaries`] / [`StreamChunker`]: line-aligned chunks with the
//!   same boundaries whichever way the content was read;
//! - [`LineCounter`]: lazy line/column numbers for findings.
//!
//! This is the only module allowed `unsafe` (the mmap in `open.rs`). It never
//! looks for personal data, never formats findings, and never writes files.

mod chunk;
mod error;
mod lines;
mod open;
mod walk;

pub use chunk::{
    chunk_boundaries, chunk_boundaries_sized, fixed_width_header, head_line,
    next_boundary, whole_chunks, whole_chunks_sized, Chunk, OwnedChunk,
    StreamChunker, CHUNK_SIZE, CONTEXT_PREFIX, HEAD_LINE,
};
pub use error::{io_reason, InputError};
pub use lines::LineCounter;
pub use open::{
    open, without_compression_suffix, Compression, Content, OpenOptions,
    Outcome, Stream, Whole, BINARY_SNIFF_LEN, DEFAULT_MAX_DECOMPRESSED,
    DEFAULT_MMAP_THRESHOLD, DEFAULT_STREAM_THRESHOLD,
};
pub use walk::{
    check_globs, walk, Input, InputId, Skip, WalkOptions, WalkReport,
};
