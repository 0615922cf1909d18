//! piiscan: find personal data in logs, exports and source trees, and act on it.
//!
//! Brief overview: [`catalog`] loads the pattern files and names the
//! validators; [`engine`] runs one multi-pattern pass over a buffer and turns
//! candidates into scored, de-overlapped matches; [`input`] walks trees and
//! opens files (mmap, read, or streaming decompression); [`output`] masks
//! values and writes findings in the contract formats. The engine knows
//! nothing about files; input knows nothing about patterns.

pub mod catalog;
pub mod document;
pub mod engine;
pub mod finding;
pub mod gate;
pub mod input;
pub mod output;
pub mod pipeline;
pub mod redact;
pub mod sanitize;
pub mod scan;
pub mod subject;
