//! Edit lists: how a redacted buffer maps back to its original.
//!
//! An [`Edit`] says "bytes `src` of the input became bytes `dst` of the
//! output"; every byte between two edits is copied unchanged. That is the
//! whole of redaction guarantee 2 (bytes outside a redacted span never
//! change), so the rest of the redactor only ever builds output through
//! [`splice`], and a second round of replacements is folded into the first
//! with [`compose`]. This module never looks at what the bytes mean.

use std::ops::Range;

/// One replaced span: `src` in the input became `dst` in the output.
///
/// Edits of one list are sorted and never overlap, in either coordinate.
/// Both ranges are non-empty (values and replacements are never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Span in the input.
    pub src: Range<usize>,
    /// Span in the output that replaced it.
    pub dst: Range<usize>,
}

impl Edit {
    fn delta(&self) -> isize {
        self.dst.len() as isize - self.src.len() as isize
    }
}

/// Copy `input` into `out`, replacing each span of `spans` (sorted,
/// non-overlapping) by what `write(i, out)` appends for `spans[i]`, and
/// push one [`Edit`] per span to `edits`. Output offsets in the edits are
/// relative to where `out` ended when the call started.
pub fn splice(
    input: &[u8],
    spans: &[Range<usize>],
    out: &mut Vec<u8>,
    edits: &mut Vec<Edit>,
    mut write: impl FnMut(usize, &mut Vec<u8>),
) {
    let base = out.len();
    let mut pos = 0;
    for (i, span) in spans.iter().enumerate() {
        debug_assert!(span.start >= pos && span.end > span.start);
        out.extend_from_slice(&input[pos..span.start]);
        let start = out.len() - base;
        write(i, out);
        let end = out.len() - base;
        debug_assert!(end > start, "an empty replacement");
        edits.push(Edit { src: span.clone(), dst: start..end });
        pos = span.end;
    }
    out.extend_from_slice(&input[pos..]);
}

/// Chain two edit lists: `first` maps A to B, `second` maps B to C; the
/// result maps A to C. Edits of the two lists that overlap in B become
/// one edit covering both.
pub fn compose(first: &[Edit], second: &[Edit]) -> Vec<Edit> {
    let mut out = Vec::with_capacity(first.len() + second.len());
    let (mut i, mut j) = (0, 0);
    // Sums of (dst - src) lengths of the edits of each list passed so far:
    // a B position not inside a `first` edit maps to A by subtracting
    // `shift1`, and one not inside a `second` edit maps to C by adding
    // `shift2`.
    let (mut shift1, mut shift2) = (0isize, 0isize);
    while i < first.len() || j < second.len() {
        let take_first = match (first.get(i), second.get(j)) {
            (Some(f), Some(s)) => f.dst.start <= s.src.start,
            (Some(_), None) => true,
            _ => false,
        };
        let bmin =
            if take_first { first[i].dst.start } else { second[j].src.start };
        let amin = offset(bmin, -shift1);
        let cmin = offset(bmin, shift2);
        let mut bmax = bmin;
        loop {
            if let Some(f) = first.get(i).filter(|f| {
                f.dst.start < bmax || bmax == bmin && f.dst.start == bmin
            }) {
                bmax = bmax.max(f.dst.end);
                shift1 += f.delta();
                i += 1;
                continue;
            }
            if let Some(s) = second.get(j).filter(|s| {
                s.src.start < bmax || bmax == bmin && s.src.start == bmin
            }) {
                bmax = bmax.max(s.src.end);
                shift2 += s.delta();
                j += 1;
                continue;
            }
            break;
        }
        out.push(Edit {
            src: amin..offset(bmax, -shift1),
            dst: cmin..offset(bmax, shift2),
        });
    }
    out
}

fn offset(x: usize, by: isize) -> usize {
    (x as isize + by) as usize
}

/// The input span that output span `span` came from: positions inside an
/// edit's output widen to the whole of that edit's input.
pub fn source_span(edits: &[Edit], span: &Range<usize>) -> Range<usize> {
    SourceMap::new(edits).map(span)
}

/// [`source_span`] for many spans in increasing order, in one pass over
/// the edits.
#[derive(Debug)]
pub struct SourceMap<'e> {
    edits: &'e [Edit],
    /// Edits before `next` end before the last position asked for.
    next: usize,
    /// Sum of their length changes.
    shift: isize,
}

impl<'e> SourceMap<'e> {
    /// A cursor at the start of the output of `edits`.
    pub fn new(edits: &'e [Edit]) -> Self {
        SourceMap { edits, next: 0, shift: 0 }
    }

    /// The input span of output span `span`; spans must come sorted and
    /// without overlap.
    pub fn map(&mut self, span: &Range<usize>) -> Range<usize> {
        let start = self.position(span.start, false);
        let end = self.position(span.end, true);
        start..end
    }

    fn position(&mut self, x: usize, is_end: bool) -> usize {
        while let Some(e) = self.edits.get(self.next) {
            let passed = if is_end { e.dst.end < x } else { e.dst.end <= x };
            if !passed {
                break;
            }
            self.shift += e.delta();
            self.next += 1;
        }
        match self.edits.get(self.next) {
            Some(e) if !is_end && e.dst.start <= x => e.src.start,
            Some(e) if is_end && e.dst.start < x => e.src.end,
            _ => offset(x, -self.shift),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(input: &[u8], edits: &[Edit], output: &[u8]) -> bool {
        // Every byte outside the edits is copied, in order.
        let mut pos = 0;
        let mut opos = 0;
        for e in edits {
            if input[pos..e.src.start] != output[opos..e.dst.start] {
                return false;
            }
            pos = e.src.end;
            opos = e.dst.end;
        }
        input[pos..] == output[opos..]
    }

    fn run(
        input: &[u8],
        spans: &[Range<usize>],
        with: &[u8],
    ) -> (Vec<u8>, Vec<Edit>) {
        let mut out = Vec::new();
        let mut edits = Vec::new();
        splice(input, spans, &mut out, &mut edits, |_, o| {
            o.extend_from_slice(with)
        });
        (out, edits)
    }

    #[test]
    fn splice_records_edits() {
        let (out, edits) = run(b"a secret b secret", &[2..8, 11..17], b"[X]");
        assert_eq!(out, b"a [X] b [X]");
        assert_eq!(edits[0], Edit { src: 2..8, dst: 2..5 });
        assert_eq!(edits[1], Edit { src: 11..17, dst: 8..11 });
        assert!(apply(b"a secret b secret", &edits, &out));
    }

    #[test]
    fn compose_disjoint_and_overlapping() {
        let a = b"xx 111 yy 2222 zz";
        let (b, e1) = run(a, &[3..6, 10..14], b"[N]");
        assert_eq!(b, b"xx [N] yy [N] zz");
        // Second round: one span overlapping the first tag and the text
        // after it, one span on untouched text.
        let (c, e2) = run(&b, &[4..9, 14..16], b"<>");
        assert_eq!(c, b"xx [<> [N] <>");
        let e = compose(&e1, &e2);
        assert!(apply(a, &e, &c), "{e:?}");
        assert_eq!(e[0].src, 3..9);
        assert_eq!(e[1].src, 10..14);
        assert_eq!(e[2].src, 15..17);
        assert_eq!(compose(&e1, &[]), e1);
        assert_eq!(compose(&[], &e2), e2);
    }

    #[test]
    fn compose_chain_merges_transitively() {
        let a = b"0123456789abcdef";
        let (b, e1) = run(a, &[2..4, 6..8], b"XYZ");
        // b = 01XYZ45XYZ89abcdef; one span covering both edits.
        let one_span: Vec<Range<usize>> = std::iter::once(3..9).collect();
        let (c, e2) = run(&b, &one_span, b"-");
        let e = compose(&e1, &e2);
        assert_eq!(e, vec![Edit { src: 2..8, dst: 2..5 }]);
        assert!(apply(a, &e, &c));
    }

    #[test]
    fn source_span_widens_inside_edits() {
        let e = vec![
            Edit { src: 3..6, dst: 3..4 },
            Edit { src: 10..14, dst: 8..11 },
        ];
        assert_eq!(source_span(&e, &(0..2)), 0..2);
        assert_eq!(source_span(&e, &(3..4)), 3..6);
        assert_eq!(source_span(&e, &(5..7)), 7..9);
        assert_eq!(source_span(&e, &(9..12)), 10..15);
        let spans = [0..2, 3..4, 5..7, 9..12, 12..13];
        let mut map = SourceMap::new(&e);
        for s in &spans {
            assert_eq!(map.map(s), source_span(&e, s), "{s:?}");
        }
    }
}
