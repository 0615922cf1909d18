//! Inline allow comments: `piiscan:allow` after code covers its own line;
//! on a line of its own (only comment punctuation before it) it covers
//! that line and the next. `piiscan:allow email,phone` for only those
//! kinds, and the block form `piiscan:allow-begin [kinds]` ...
//! `piiscan:allow-end`.
//!
//! The scan pipeline finds the marker bytes ([`MARKER`]) and hands each
//! occurrence's line number and the text after it to [`parse`]; [`Allows`]
//! turns the markers of one input into line spans, answers "is this
//! finding allowed" and remembers which allows were used, for `--stats`
//! and `--report-unused-allows`.
//!
//! Must never: allow a finding on a line no marker covers, treat an
//! unknown word after the marker as a kind (a kind list only narrows what
//! is allowed), or read past the end of the marker's line.

use crate::catalog::kinds;

/// The bytes every marker starts with.
pub const MARKER: &[u8] = b"piiscan:allow";

/// At most this many bytes after the marker are looked at.
pub const MAX_TAIL: usize = 256;

/// What a marker does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// `piiscan:allow`: this line, and the next when the marker has a
    /// line of its own.
    Line,
    /// `piiscan:allow-begin`: from this line until the matching end.
    Begin,
    /// `piiscan:allow-end`: closes the open block.
    End,
}

/// One marker found in an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// 1-based line of the marker.
    pub line: u64,
    /// What it does.
    pub kind: MarkerKind,
    /// Only these kinds (`None`: every kind).
    pub kinds: Option<Vec<String>>,
    /// Nothing but comment punctuation before it on its line: it speaks
    /// for the next line too. After code (`x = "a@b.io" # piiscan:allow`)
    /// it speaks for its own line only, so it cannot silence a value on
    /// the line below.
    pub own_line: bool,
}

/// Whether `before` (a marker's line up to the marker) holds only
/// whitespace and comment punctuation (`//`, `#`, `/*`, `--`, `<!--`).
pub fn only_comment_before(before: &[u8]) -> bool {
    !before.iter().any(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
}

/// Parse the text starting at a [`MARKER`] occurrence (up to the end of
/// its line); `own_line` as [`Marker::own_line`]. `None` when it is not a
/// marker (`piiscan:allowed`).
pub fn parse(line: u64, text: &[u8], own_line: bool) -> Option<Marker> {
    let rest = text.strip_prefix(MARKER)?;
    let end = rest
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(rest.len())
        .min(MAX_TAIL);
    let rest = &rest[..end];
    let (kind, rest) = if let Some(r) = rest.strip_prefix(b"-begin") {
        (MarkerKind::Begin, r)
    } else if let Some(r) = rest.strip_prefix(b"-end") {
        (MarkerKind::End, r)
    } else {
        (MarkerKind::Line, rest)
    };
    if rest
        .first()
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return None;
    }
    let kinds = match kind {
        MarkerKind::End => None,
        _ => kind_list(rest),
    };
    Some(Marker { line, kind, kinds, own_line })
}

/// `email,phone` / `email, phone` right after the marker: the known kind
/// ids in it, or `None` when the first word is not a kind (free text).
fn kind_list(mut rest: &[u8]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let skip_ws = |r: &mut &[u8]| {
        while let Some((&b, tail)) = r.split_first() {
            if b == b' ' || b == b'\t' {
                *r = tail;
            } else {
                break;
            }
        }
    };
    skip_ws(&mut rest);
    loop {
        let len = rest
            .iter()
            .position(|&b| {
                !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            })
            .unwrap_or(rest.len());
        let word = std::str::from_utf8(&rest[..len]).unwrap_or("");
        match kinds::lookup(word) {
            Some(info) => out.push(info.id.to_string()),
            None => break,
        }
        rest = &rest[len..];
        skip_ws(&mut rest);
        match rest.strip_prefix(b",") {
            Some(r) => {
                rest = r;
                skip_ws(&mut rest);
            }
            None => break,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Lines covered by one allow, and whether it silenced anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Line of the marker (of `-begin` for blocks).
    pub line: u64,
    /// First covered line.
    pub first: u64,
    /// Last covered line (inclusive).
    pub last: u64,
    /// Only these kinds (`None`: every kind).
    pub kinds: Option<Vec<String>>,
    /// Whether the allow is a block.
    pub block: bool,
    /// Whether it silenced at least one finding.
    pub used: bool,
}

impl Span {
    /// How the allow reads, for `--report-unused-allows`.
    pub fn describe(&self) -> String {
        let mut s = String::from(if self.block {
            "piiscan:allow-begin"
        } else {
            "piiscan:allow"
        });
        if let Some(kinds) = &self.kinds {
            s.push(' ');
            s.push_str(&kinds.join(","));
        }
        s
    }
}

/// The resolved allows of one input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allows {
    /// Sorted by first line.
    pub spans: Vec<Span>,
    /// Lines of `-end` markers with no open block.
    pub stray_ends: Vec<u64>,
}

impl Allows {
    /// Resolve markers (in line order) into spans. A block left open runs
    /// to the end of the input; a `-begin` inside an open block is ignored.
    pub fn new(markers: &[Marker]) -> Allows {
        let mut allows = Allows::default();
        let mut open: Option<&Marker> = None;
        for m in markers {
            match m.kind {
                MarkerKind::Line => allows.spans.push(Span {
                    line: m.line,
                    first: m.line,
                    last: m.line + u64::from(m.own_line),
                    kinds: m.kinds.clone(),
                    block: false,
                    used: false,
                }),
                MarkerKind::Begin => {
                    if open.is_none() {
                        open = Some(m);
                    }
                }
                MarkerKind::End => match open.take() {
                    Some(b) => allows.spans.push(Span {
                        line: b.line,
                        first: b.line,
                        last: m.line,
                        kinds: b.kinds.clone(),
                        block: true,
                        used: false,
                    }),
                    None => allows.stray_ends.push(m.line),
                },
            }
        }
        if let Some(b) = open {
            allows.spans.push(Span {
                line: b.line,
                first: b.line,
                last: u64::MAX,
                kinds: b.kinds.clone(),
                block: true,
                used: false,
            });
        }
        allows.spans.sort_by_key(|s| (s.first, s.line));
        allows
    }

    /// Whether an allow covers a finding of `kind` on `line`; every
    /// covering allow is marked used.
    pub fn allows(&mut self, line: u64, kind: &str) -> bool {
        let mut hit = false;
        for s in &mut self.spans {
            if s.first > line {
                break;
            }
            let kind_ok =
                s.kinds.as_ref().map_or(true, |k| k.iter().any(|k| k == kind));
            if line <= s.last && kind_ok {
                s.used = true;
                hit = true;
            }
        }
        hit
    }

    /// Whether an allow covers a finding of `kind` on `line`, without
    /// marking anything used.
    pub fn covers(&self, line: u64, kind: &str) -> bool {
        self.spans.iter().take_while(|s| s.first <= line).any(|s| {
            line <= s.last
                && s.kinds
                    .as_ref()
                    .map_or(true, |k| k.iter().any(|k| k == kind))
        })
    }

    /// Whether there are no allows at all.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(line: u64, text: &str) -> Option<Marker> {
        parse(line, text.as_bytes(), true)
    }

    #[test]
    fn markers_parse() {
        let plain = m(3, "piiscan:allow\n").unwrap();
        assert_eq!(plain.kind, MarkerKind::Line);
        assert_eq!(plain.kinds, None);
        let some = m(3, "piiscan:allow email,phone -- fixture").unwrap();
        assert_eq!(some.kinds.unwrap(), ["email", "phone"]);
        let spaced = m(3, "piiscan:allow email, us_ssn */").unwrap();
        assert_eq!(spaced.kinds.unwrap(), ["email", "us_ssn"]);
        let free = m(3, "piiscan:allow fixture data").unwrap();
        assert_eq!(free.kinds, None);
        let typo = m(3, "piiscan:allow email,phnoe").unwrap();
        assert_eq!(typo.kinds.unwrap(), ["email"]);
        assert_eq!(
            m(3, "piiscan:allow-begin ipv4").unwrap().kind,
            MarkerKind::Begin
        );
        assert_eq!(
            m(3, "piiscan:allow-end -->").unwrap().kind,
            MarkerKind::End
        );
        assert!(m(3, "piiscan:allowed").is_none());
        assert!(m(3, "piiscan:allow-all").is_none());
        assert!(m(3, "piiscan:allow\" />").is_some());
        // The kind list stops at the end of the line.
        assert_eq!(m(3, "piiscan:allow\nemail").unwrap().kinds, None);
    }

    #[test]
    fn spans_cover_lines_and_kinds() {
        let markers = vec![
            m(2, "piiscan:allow").unwrap(),
            m(10, "piiscan:allow-begin email").unwrap(),
            m(14, "piiscan:allow-end").unwrap(),
            m(20, "piiscan:allow-end").unwrap(),
            m(30, "piiscan:allow phone").unwrap(),
        ];
        let mut a = Allows::new(&markers);
        assert!(!a.allows(1, "email"));
        assert!(a.allows(2, "email"));
        assert!(a.allows(3, "us_ssn"));
        assert!(!a.allows(4, "email"));
        assert!(a.allows(12, "email"));
        assert!(!a.allows(12, "phone"));
        assert!(a.allows(14, "email"));
        assert!(!a.allows(15, "email"));
        assert!(!a.allows(31, "email"));
        assert_eq!(a.stray_ends, [20]);
        assert!(a.spans.iter().filter(|s| !s.used).count() == 1);
        assert_eq!(a.spans[2].describe(), "piiscan:allow phone");
    }

    #[test]
    fn a_marker_after_code_covers_its_own_line_only() {
        let trailing = parse(5, b"piiscan:allow", false).unwrap();
        let own = parse(8, b"piiscan:allow", true).unwrap();
        let mut a = Allows::new(&[trailing, own]);
        assert!(a.allows(5, "email"));
        assert!(!a.allows(6, "email"));
        assert!(a.allows(8, "email") && a.allows(9, "email"));
        assert!(only_comment_before(b"    // "));
        assert!(only_comment_before(b"<!-- "));
        assert!(only_comment_before(b""));
        assert!(!only_comment_before(b"x = 1  # "));
        assert!(!only_comment_before(b"\"jane@x.io\" // "));
    }

    #[test]
    fn open_block_runs_to_the_end() {
        let mut a = Allows::new(&[m(5, "piiscan:allow-begin").unwrap()]);
        assert!(!a.allows(4, "email"));
        assert!(a.allows(1_000_000, "email"));
    }
}
