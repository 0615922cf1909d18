//! Documents and containers: zip and tar archives, Office files
//! (OOXML and OpenDocument), email exports (`.eml`, `.mbox`) turned into
//! the text members piiscan scans.
//!
//! Brief overview:
//! - [`detect`]: which kind of document an input or member is, by
//!   extension and magic bytes (a `.gz` that holds no tar stays a stream);
//! - [`container`]: zip and tar (plain, gzip, zstd) members, nested up to
//!   a depth limit;
//! - [`ooxml`], [`odf`]: text of `.docx`, `.xlsx`, `.pptx`, `.odt`, `.ods`
//!   parts through a real XML parser ([`xml`]); spreadsheets become one
//!   tab-separated text per sheet with the header row first ([`sheet`]),
//!   so the engine's CSV field context applies, and every finding is put
//!   back in its cell (`book.xlsx!Sheet1!C7`);
//! - [`pdf`]: the text layer of each page (`report.pdf!page-3`);
//!   encrypted and image-only PDFs reported as unscanned;
//! - [`email`]: headers (RFC 2047 decoded), text and HTML bodies, and
//!   attachments expanded again as documents (`inbox.mbox!msg-42!a.csv`);
//! - [`limits`]: caps on depth, extracted bytes, compression ratio and
//!   member count: a breach is reported as partial with its reason, never
//!   a silent cut;
//! - [`name`]: member names made safe to print and to extract;
//! - [`rewrite`]: redacted copies of zip, tar and Office files.
//!
//! The model is push: [`expand`] calls a visitor with one [`Item`] per
//! text member or problem, in archive order, holding one member in
//! memory at a time. This module never looks for personal data (the
//! caller scans the text) and never writes a file.

pub mod container;
pub mod detect;
pub mod email;
pub mod limits;
pub mod name;
pub mod odf;
pub mod office;
pub mod ooxml;
pub mod pdf;
pub mod rewrite;
pub mod sheet;
pub mod xml;

use std::ops::Range;

use crate::input::{Input, InputId};

pub use detect::Kind;
pub use limits::Limits;

/// Separator between a container and a member in displayed paths.
pub const SEP: char = '!';

/// One thing found while expanding a document.
pub enum Item<'a> {
    /// Text to scan, shown as `path`.
    Text(Member),
    /// A large plain-text member (a log in a tar) to be read in order,
    /// never held whole: the visitor reads it to its end before
    /// returning.
    Stream(StreamMember<'a>),
    /// A member that could not be read, was cut short or was skipped.
    Note(Note),
}

/// A member read as a stream ([`Item::Stream`]).
pub struct StreamMember<'a> {
    /// Container path joined with the member name; raw, not escaped.
    pub path: String,
    /// The member's content (caps applied).
    pub reader: &'a mut dyn std::io::Read,
}

/// A text member: its displayed path and extracted text.
#[derive(Debug)]
pub struct Member {
    /// Container path joined with member names by `!`; raw, not escaped.
    pub path: String,
    /// The extracted text (UTF-8 for documents; raw bytes for plain
    /// members).
    pub text: Vec<u8>,
    /// For spreadsheet sheets: which cell each byte range is.
    pub cells: Option<Cells>,
}

/// Spreadsheet cells of a sheet's text: sorted, non-overlapping ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cells {
    ranges: Vec<(Range<usize>, String)>,
}

impl Cells {
    /// Record that `range` of the text is cell `name` (`C7`); ranges are
    /// pushed in text order.
    pub fn push(&mut self, range: Range<usize>, name: String) {
        self.ranges.push((range, name));
    }

    /// The cell holding text offset `at`, with the cell's first offset.
    pub fn locate(&self, at: usize) -> Option<(&str, usize)> {
        let i = self.ranges.partition_point(|(r, _)| r.end <= at);
        let (r, name) = self.ranges.get(i)?;
        r.contains(&at).then_some((name.as_str(), r.start))
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

/// What went wrong with one member (or the container itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The member's displayed path; raw, not escaped.
    pub path: String,
    /// What kind of problem.
    pub kind: NoteKind,
    /// Why, lowercase (`corrupt zip archive: ...`).
    pub reason: String,
}

/// How a [`Note`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Not read: an error (exit code 2).
    Error,
    /// Read only in part: a cap was reached.
    Partial,
    /// Deliberately not scanned (a binary member); the value is the
    /// stats key.
    Skipped(&'static str),
    /// Could not be scanned (an encrypted or image-only PDF): reported
    /// with its reason, and the run is not called clean.
    Unscanned,
}

/// How documents are expanded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Caps; `limits.depth == 0` turns expansion off.
    pub limits: Limits,
    /// Scan members with NUL bytes too (`--binary`).
    pub binary: bool,
}

impl Options {
    /// [`Options::detect`] for an input named like a document (`.zip`,
    /// `.docx`, `.tar.gz`, `.pdf`, `.eml`, ...); other inputs are not
    /// opened here, so plain files cost nothing. Callers check a file
    /// skipped as binary with [`Options::detect`] (a zip by another name).
    pub fn detect_named(&self, input: &Input) -> Option<Kind> {
        let InputId::Path(path) = &input.id else { return None };
        let name = path.file_name()?.to_string_lossy();
        if !detect::named(&name) {
            return None;
        }
        self.detect(input)
    }

    /// Whether `input` is a document or container to expand, and which
    /// kind (never for standard input, or with expansion off).
    pub fn detect(&self, input: &Input) -> Option<Kind> {
        if self.limits.depth == 0 {
            return None;
        }
        let InputId::Path(path) = &input.id else { return None };
        detect::detect_path(path)
    }
}

/// Whether a document of `kind` at `path` is read as the plain text file
/// it is (an `.eml` that is plain text: see [`email`]), so it is scanned
/// and redacted like any text file.
pub fn reads_as_text(kind: Kind, path: &std::path::Path) -> bool {
    if kind != Kind::Email {
        return false;
    }
    let Ok(meta) = std::fs::metadata(path) else { return false };
    if meta.len() > 64 << 20 {
        return false;
    }
    std::fs::read(path).is_ok_and(|raw| email::is_plain(&raw))
}

/// Expand `input` (of `kind`, from [`Options::detect`]) into text members
/// and notes, in order; stops early when `visit` returns false.
pub fn expand(
    input: &Input,
    kind: Kind,
    opts: &Options,
    visit: &mut dyn FnMut(Item<'_>) -> bool,
) {
    let InputId::Path(path) = &input.id else { return };
    let mut ctx = container::Ctx::new(opts, visit);
    container::expand_path(&mut ctx, path, &input.display, kind);
}

/// Whether `input` stands for a member of a document rather than a file:
/// its displayed path names a member (`a.zip!b.csv`) that its file path
/// does not.
pub fn is_member(input: &Input) -> bool {
    match &input.id {
        InputId::Path(p) => {
            input.display.contains(SEP) && !p.to_string_lossy().contains(SEP)
        }
        InputId::Stdin => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_locate_offsets() {
        let mut c = Cells::default();
        c.push(0..5, "A1".into());
        c.push(6..9, "B1".into());
        assert_eq!(c.locate(0), Some(("A1", 0)));
        assert_eq!(c.locate(4), Some(("A1", 0)));
        assert_eq!(c.locate(5), None);
        assert_eq!(c.locate(7), Some(("B1", 6)));
        assert_eq!(c.locate(9), None);
    }

    #[test]
    fn members_told_from_files() {
        let m = Input {
            id: InputId::Path("a.zip".into()),
            display: "a.zip!b.csv".into(),
        };
        assert!(is_member(&m));
        assert!(!is_member(&Input::path("x!y.txt")));
        assert!(!is_member(&Input::path("plain.txt")));
    }
}
