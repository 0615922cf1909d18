//! Splitting the rules into automata that each read the haystack cheaply.
//!
//! One automaton over every rule reads every byte at lazy-DFA speed, and
//! one rule without a literal lead switches regex-automata's literal
//! prefilter off for all of them (PERFORMANCE.md). So rules are grouped:
//!
//! - *led* rules start with a rare literal (`eyJ`, `AKIA`, `bearer`,
//!   `://`, `+1`): on its own their automaton keeps a literal prefilter
//!   and only runs near those literals (walked with the dense ones it
//!   reads every byte, which the shared loop makes cheap);
//! - *inner* rules contain a literal in the middle (`@` of an email): each
//!   gets an automaton of its own, where regex-automata finds the literal
//!   with memchr and searches outward from it;
//! - *dense* rules (digit- and id-shaped values) share two automata that
//!   read every byte (split in half: see `Engine::new`).
//!
//! The literal-led and dense automata walk each haystack together
//! (`lockstep.rs`). Grouping never changes which rules can match; the
//! engine merges the groups' matches leftmost-first.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// Which automaton a rule belongs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lane {
    /// Shares the prefiltered automaton of literal-led rules.
    Led,
    /// Gets an automaton of its own (inner literal).
    Inner,
    /// Shares the automaton that reads every byte.
    Dense,
}

/// Decide the lane of one regex (already known to compile).
pub(crate) fn lane(pattern: &str) -> Lane {
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
    else {
        return Lane::Dense;
    };
    if has_rare_prefix(&hir) {
        Lane::Led
    } else if has_inner_literal(&hir) {
        Lane::Inner
    } else {
        Lane::Dense
    }
}

/// The index of capture group `name` in `pattern`, as the pattern's own
/// compiled regex numbers it (groups counted by opening parenthesis, the
/// whole match being 0): found from the syntax tree, so that building an
/// engine does not compile each rule's regex on its own.
pub(crate) fn capture_index(pattern: &str, name: &str) -> Option<usize> {
    fn find(hir: &Hir, name: &str) -> Option<usize> {
        match hir.kind() {
            HirKind::Capture(cap) if cap.name.as_deref() == Some(name) => {
                Some(cap.index as usize)
            }
            HirKind::Capture(cap) => find(&cap.sub, name),
            HirKind::Repetition(rep) => find(&rep.sub, name),
            HirKind::Concat(parts) | HirKind::Alternation(parts) => {
                parts.iter().find_map(|p| find(p, name))
            }
            _ => None,
        }
    }
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .multi_line(true)
        .build()
        .parse(pattern)
        .ok()?;
    find(&hir, name)
}

/// Every match begins with one of a finite set of literals, each at least
/// two bytes long and none starting with a digit (digits are everywhere
/// in logs, so a digit-led prefilter would fire on every line).
fn has_rare_prefix(hir: &Hir) -> bool {
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    let seq = extractor.extract(hir);
    match seq.literals() {
        Some(lits) if !lits.is_empty() => lits.iter().all(|l| {
            let b = l.as_bytes();
            b.len() >= 2 && !b[0].is_ascii_digit()
        }),
        _ => false,
    }
}

/// The regex is a concatenation (possibly inside a capture group) with a
/// punctuation literal after a variable-length part, like the `@` of an
/// email: regex-automata's reverse-inner search handles it with memchr
/// when the rule has an automaton of its own.
fn has_inner_literal(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Capture(cap) => has_inner_literal(&cap.sub),
        HirKind::Concat(parts) => parts.iter().enumerate().any(|(i, p)| {
            let inner = match p.kind() {
                HirKind::Literal(lit) => {
                    i > 0
                        && lit
                            .0
                            .iter()
                            .any(|b| matches!(b, b'@' | b':' | b'/'))
                }
                _ => false,
            };
            inner || has_inner_literal(p)
        }),
        _ => false,
    }
}

/// The longest literal every match contains, if the regex is a
/// concatenation (possibly inside a capture group) with a literal part:
/// a haystack without it holds no match, which a substring search tells
/// far faster than the automaton (`T00:00:00` of a midnight timestamp is
/// rare, while the automaton's own prefilter fires on every `20`).
pub(crate) fn required_literal(pattern: &str) -> Option<Vec<u8>> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()?;
    fn longest(hir: &Hir) -> Option<Vec<u8>> {
        match hir.kind() {
            HirKind::Capture(cap) => longest(&cap.sub),
            HirKind::Literal(lit) => Some(lit.0.to_vec()),
            HirKind::Concat(parts) => parts
                .iter()
                .filter_map(|p| match p.kind() {
                    HirKind::Literal(lit) => Some(lit.0.to_vec()),
                    HirKind::Capture(_) => longest(p),
                    _ => None,
                })
                // The first of the longest: `@` before the `.` of a domain.
                .fold(None, |best: Option<Vec<u8>>, l| match best {
                    Some(b) if b.len() >= l.len() => Some(b),
                    _ => Some(l),
                }),
            _ => None,
        }
    }
    longest(&hir).filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::{lane, required_literal, Lane};

    #[test]
    fn required_literals() {
        assert_eq!(
            required_literal(r"\b(?P<v>(?:19|20)\d{2}-\d{2})T00:00:00")
                .unwrap(),
            b"T00:00:00"
        );
        assert_eq!(
            required_literal(r"[\w.]+@[a-z]+\.[a-z]{2,}").unwrap(),
            b"@"
        );
        assert_eq!(required_literal(r"(?:a@b|c)"), None);
        assert_eq!(required_literal(r"x?@?"), None);
    }

    #[test]
    fn lanes() {
        assert_eq!(lane(r"\beyJ[A-Za-z0-9_-]{10,}"), Lane::Led);
        assert_eq!(lane(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"), Lane::Led);
        assert_eq!(lane(r"\b://(?P<v>[^\s]+)"), Lane::Led);
        assert_eq!(lane(r"[\w.+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}"), Lane::Inner);
        assert_eq!(
            lane(r"(?:^|[^\w])(?P<v>\d{5,20}@[a-z]+\.[a-z]{2,})"),
            Lane::Inner
        );
        assert_eq!(lane(r"\b\d{3}-\d{2}-\d{4}\b"), Lane::Dense);
        assert_eq!(lane(r"\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b"), Lane::Dense);
    }
}
