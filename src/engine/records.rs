//! Values read from the fields of a record format (HL7 v2 segments,
//! vCard and iCalendar properties): each field's value is reported under
//! the rule of its role when it passes that rule ([`FieldRule`]) and is
//! no stand-in for an unknown value ([`repeated_digit`]).

use std::marker::PhantomData;
use std::ops::Range;

use super::fields::FieldRule;
use super::Match;
use crate::catalog::validators::repeated_digit;
use crate::catalog::Rule;

/// Declare a record detector's roles: the `Role` enum, their number
/// (`ROLES`, the size of its [`RoleRules`]) and the rule id serving each
/// (`Role::of_rule`), from one list of `Variant => "rule-id"` pairs
/// inside `enum Role { ... }`.
macro_rules! roles {
    (
        $(#[$meta:meta])*
        enum Role {
            $($(#[$vmeta:meta])* $variant:ident => $id:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Role {
            $($(#[$vmeta])* $variant,)+
        }

        /// How many roles there are (the size of the detector's rules).
        pub(crate) const ROLES: usize = [$($id),+].len();

        impl From<Role> for usize {
            fn from(role: Role) -> usize {
                role as usize
            }
        }

        impl Role {
            /// The role served by rule `id`, if the detector serves it.
            pub(crate) fn of_rule(id: &str) -> Option<Role> {
                match id {
                    $($id => Some(Role::$variant),)+
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use roles;

/// The rule of each of a record detector's `N` roles, if selected.
pub(crate) struct RoleRules<const N: usize>([Option<FieldRule>; N]);

impl<const N: usize> RoleRules<N> {
    /// No rules yet (add them with [`RoleRules::add`]).
    pub(crate) fn new() -> Self {
        RoleRules(std::array::from_fn(|_| None))
    }

    /// Report values of `role` under rule `index`.
    pub(crate) fn add(
        &mut self,
        role: impl Into<usize>,
        index: usize,
        rule: &Rule,
    ) {
        self.0[role.into()] = Some(FieldRule::new(index, rule));
    }

    /// An [`Emit`] reporting into `out`.
    pub(crate) fn emit<'a, R: Copy + Into<usize>>(
        &'a self,
        hay: &'a [u8],
        min_confidence: f64,
        out: &'a mut Vec<Match>,
    ) -> Emit<'a, R> {
        Emit::new(hay, min_confidence, out, &self.0)
    }
}

/// Reports values that pass their rule; `R` names the roles, each an
/// index into `rules`.
pub(crate) struct Emit<'a, R> {
    hay: &'a [u8],
    min_confidence: f64,
    out: &'a mut Vec<Match>,
    rules: &'a [Option<FieldRule>],
    roles: PhantomData<R>,
}

impl<'a, R: Copy + Into<usize>> Emit<'a, R> {
    pub(crate) fn new(
        hay: &'a [u8],
        min_confidence: f64,
        out: &'a mut Vec<Match>,
        rules: &'a [Option<FieldRule>],
    ) -> Self {
        Emit { hay, min_confidence, out, rules, roles: PhantomData }
    }

    /// Report `span` if it passes the rule of `role`.
    pub(crate) fn value(&mut self, role: R, span: Range<usize>) {
        let value = &self.hay[span.clone()];
        self.value_as(role, span, value);
    }

    /// Report `span` if it passes its rule, `checked` standing in for its
    /// bytes before the validator (a number split over components).
    pub(crate) fn value_as(
        &mut self,
        role: R,
        span: Range<usize>,
        checked: &[u8],
    ) {
        if let Some(rule) =
            self.passing(role, &self.hay[span.clone()], checked)
        {
            self.out.push(rule.finding(span));
        }
    }

    /// `value` passes the rule of `role` (`checked` is what its validator
    /// reads).
    pub(crate) fn accepts(
        &self,
        role: R,
        value: &[u8],
        checked: &[u8],
    ) -> bool {
        self.passing(role, value, checked).is_some()
    }

    /// The rule of `role`, if `value` passes it.
    fn passing(
        &self,
        role: R,
        value: &[u8],
        checked: &[u8],
    ) -> Option<&'a FieldRule> {
        self.rules[role.into()].as_ref().filter(|rule| {
            rule.confidence >= self.min_confidence
                && !repeated_digit(value)
                && rule.accepts_as(value, checked)
        })
    }
}

/// The first line of a file's `head`, without its `\r\n` or `\n`: what
/// a record format's sniff reads.
pub(crate) fn first_line(head: &[u8]) -> &[u8] {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The first `n` lines of a file's `head` (fewer if it has fewer),
/// without their `\r\n` or `\n`: what a sniff reading more than the
/// first line reads (the head then runs through them, [`lines_end`]).
pub(crate) fn first_lines(
    head: &[u8],
    n: usize,
) -> impl Iterator<Item = &[u8]> {
    let head = head.strip_suffix(b"\n").unwrap_or(head);
    head.split(|&b| b == b'\n')
        .take(if head.is_empty() { 0 } else { n })
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
}

/// Where the first `n` lines of `head` end (after the `n`th line's
/// `\n`, or at the end of a shorter head).
pub(crate) fn lines_end(head: &[u8], n: usize) -> usize {
    let mut end = 0;
    for _ in 0..n {
        match memchr::memchr(b'\n', &head[end..]) {
            Some(i) => end += i + 1,
            None => return head.len(),
        }
    }
    end
}

/// The lines that start in `body` (a line cut by the chunk boundary
/// belongs to the chunk before), without their `\r\n` or `\n`.
pub(crate) fn lines_starting_in(
    hay: &[u8],
    body: Range<usize>,
) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = body.start;
    if pos > 0 && hay[pos - 1] != b'\n' {
        pos = memchr::memchr(b'\n', &hay[pos..])
            .map_or(hay.len(), |i| pos + i + 1);
    }
    std::iter::from_fn(move || {
        if pos >= body.end {
            return None;
        }
        let end =
            memchr::memchr(b'\n', &hay[pos..]).map_or(hay.len(), |i| pos + i);
        let line = if end > pos && hay[end - 1] == b'\r' {
            pos..end - 1
        } else {
            pos..end
        };
        pos = end + 1;
        Some(line)
    })
}

/// `span` of `hay` without the spaces that pad a fixed-width field
/// (empty at its start if it holds nothing else).
pub(crate) fn trimmed(hay: &[u8], span: Range<usize>) -> Range<usize> {
    let bytes = &hay[span.clone()];
    let start = bytes.iter().take_while(|&&b| b == b' ').count();
    let end =
        bytes.len() - bytes.iter().rev().take_while(|&&b| b == b' ').count();
    if start >= end {
        span.start..span.start
    } else {
        span.start + start..span.start + end
    }
}

/// The first `sep` in `hay[from..to]` that `release` (an escape character
/// such as EDIFACT's `?`) does not release.
pub(crate) fn next_separator(
    hay: &[u8],
    from: usize,
    to: usize,
    sep: u8,
    release: Option<u8>,
) -> Option<usize> {
    let Some(release) = release else {
        return memchr::memchr(sep, &hay[from..to]).map(|i| from + i);
    };
    let mut i = from;
    while i < to {
        let at = i + memchr::memchr2(sep, release, &hay[i..to])?;
        if hay[at] == release {
            i = at + 2;
            continue;
        }
        return Some(at);
    }
    None
}

/// The segments of an EDI interchange (X12, EDIFACT) that start in `body`
/// (one cut by the chunk boundary belongs to the chunk before), without
/// their `terminator` and without the line break often written after one
/// (`~\n`).
pub(crate) fn segments_starting_in(
    hay: &[u8],
    body: Range<usize>,
    terminator: u8,
    release: Option<u8>,
) -> impl Iterator<Item = Range<usize>> + '_ {
    let next = move |from: usize| {
        next_separator(hay, from, hay.len(), terminator, release)
    };
    let mut pos = body.start;
    if pos > 0 && hay[pos - 1] != terminator && hay[pos - 1] != b'\n' {
        pos = next(pos).map_or(hay.len(), |i| i + 1);
    }
    std::iter::from_fn(move || {
        if pos >= body.end {
            return None;
        }
        let end = next(pos).unwrap_or(hay.len());
        let start = pos
            + hay[pos..end]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
        pos = end + 1;
        Some(start..end)
    })
}

#[cfg(test)]
mod tests {
    use super::{
        first_lines, lines_end, lines_starting_in, next_separator,
        repeated_digit, segments_starting_in, trimmed,
    };

    #[test]
    fn padding_is_trimmed() {
        assert_eq!(trimmed(b"  ab  ", 0..6), 2..4);
        assert_eq!(trimmed(b"      ", 0..6), 0..0);
    }

    #[test]
    fn segments_of_an_interchange() {
        let hay = b"NAD+FL+++O?'BRIEN'\nDTM+329:590214'";
        let segs: Vec<&[u8]> =
            segments_starting_in(hay, 0..hay.len(), b'\'', Some(b'?'))
                .map(|r| &hay[r])
                .collect();
        assert_eq!(segs, [&b"NAD+FL+++O?'BRIEN"[..], b"DTM+329:590214"]);
        assert_eq!(next_separator(b"a*b~c", 0, 5, b'~', None), Some(3));
    }

    #[test]
    fn lines_of_a_chunk() {
        let hay = b"cut\r\nA\r\nB\nC";
        let lines: Vec<&[u8]> =
            lines_starting_in(hay, 1..hay.len()).map(|r| &hay[r]).collect();
        assert_eq!(lines, [&b"A"[..], b"B", b"C"]);
        let lines: Vec<&[u8]> =
            lines_starting_in(hay, 0..5).map(|r| &hay[r]).collect();
        assert_eq!(lines, [&b"cut"[..]]);
    }

    #[test]
    fn first_lines_of_a_head() {
        let head = b"A\r\nB\nC\nD\n";
        let lines: Vec<&[u8]> = first_lines(head, 3).collect();
        assert_eq!(lines, [&b"A"[..], b"B", b"C"]);
        assert_eq!(first_lines(b"A\n", 3).count(), 1);
        assert_eq!(first_lines(b"", 3).count(), 0);
        assert_eq!(lines_end(head, 3), 7);
        assert_eq!(lines_end(b"A\nB", 3), 3);
    }

    #[test]
    fn placeholders() {
        assert!(repeated_digit(b"000000000"));
        assert!(repeated_digit(b"(000)000-0000"));
        assert!(!repeated_digit(b"596258835"));
        assert!(!repeated_digit(b"GARCIA"));
        assert!(!repeated_digit(b"JTHOMPSON3"));
    }
}
