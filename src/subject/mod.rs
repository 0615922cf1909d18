//! Data-subject requests: find one person's data (or many people's, in
//! one pass), export it, erase it or correct it.
//!
//! Brief overview:
//! - [`profile`]: who: subjects and identifiers, from flags or a JSON or
//!   TOML subjects file, checked with errors that name the field;
//! - [`normalize`]: canonical forms, so `+1 (415) 555-0100` is
//!   `415.555.0100` and `536 22 8741` is `536-22-8741`;
//! - [`matcher`]: one Aho-Corasick automaton over every literal form of
//!   every subject, [`digits`] for phones and all-digit ids in any
//!   layout, the catalog engine for ids with letters: the cost of a pass
//!   does not grow with the number of subjects;
//! - [`locate`]: inputs in, located occurrences (line, column, span,
//!   timestamp) and matching [`records`] out;
//! - [`export`]: per-subject export files with third parties redacted;
//! - [`rewrite`]: erasure, record erasure and correction through the
//!   atomic writer of [`crate::redact`];
//! - [`receipt`]: what was searched (keyed hashes), read, found and
//!   changed.
//!
//! (DESIGN.md sketches erase and correct as modules of their own; they
//! differ only in what replaces a span, so they share `rewrite.rs`.)
//!
//! This module never prints, never writes a raw identifier to a report
//! or receipt, and never replaces a file except through
//! [`crate::redact::AtomicFile`].

pub mod digits;
pub mod export;
pub mod json_doc;
pub mod locate;
pub mod matcher;
pub mod normalize;
pub mod profile;
pub mod receipt;
pub mod records;
pub mod rewrite;
pub mod rows;
pub mod yaml_doc;

pub use matcher::{Hit, MatchOptions, SubjectMatcher};
pub use profile::{IdKind, Identifier, Subject};
