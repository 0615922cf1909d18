//! Redaction: rewrite personal data found by the engine, in place, into a
//! new tree, or from standard input to standard output.
//!
//! Brief overview:
//! - [`style`]: what a value becomes (`tag`, `mask`, `hash`, `fake`), with
//!   [`key`] for the keyed styles and [`fake`] for realistic fakes;
//! - [`redactor`]: one chunk in, redacted bytes and an [`edit`] list out;
//!   replacements are verified by rescanning, so the output never holds a
//!   selected kind again;
//! - [`atomic`]: the one writer that replaces files (temporary file in the
//!   same directory, fsync, rename, fsync the directory, mode and owner
//!   kept); later commands that erase or correct reuse it;
//! - [`file`]: one file, chunk by chunk, through [`sink`] encoders for
//!   `.gz` and `.zst`; [`run`]: many files in parallel, reported in order;
//! - [`stream`]: standard input, line by line, live;
//! - [`report`]: per-file counts, the stderr summary, the JSON report;
//! - [`syntax`]: a replacement that is a whole unquoted YAML value or a
//!   bare JSON value is written as a string (`"[EMAIL]"`).
//!
//! Guarantees (each has a test in `tests/redact*.rs`): the output scanned
//! again finds none of the redacted kinds (with `fake`, only values
//! flagged synthetic); every byte outside a replaced span is unchanged;
//! redacting twice equals redacting once; a file is either exactly the
//! original or fully redacted, whenever the process dies; a failure
//! (disk full, permission denied, vanished path) names the file, leaves
//! it untouched and does not stop the run; binary files and files over
//! `--max-filesize` are never rewritten.
//!
//! This module never writes a raw value to a report, never follows a
//! symlink when replacing, and never holds more than a few chunks of one
//! file in memory.

pub mod atomic;
pub mod document;
pub mod edit;
pub mod fake;
pub mod file;
pub mod key;
pub mod redactor;
pub mod report;
pub mod run;
pub mod sink;
pub mod stream;
pub mod style;
pub mod syntax;

pub use atomic::{AtomicFile, Original, Policy};
pub use edit::Edit;
pub use file::{redact_file, Destination, FileOptions};
pub use key::Key;
pub use redactor::{Carry, ChunkOut, Found, Redacted, Redactor, Unclean};
pub use report::{
    FileReport, FileStatus, JsonReport, ReplacementRecord, ReportHeader,
    RunSummary,
};
pub use run::{run, RedactOptions, Target};
pub use stream::{redact_stream, Prefetch, StreamLimits};
pub use style::{Replacer, Style, StylePlan};
