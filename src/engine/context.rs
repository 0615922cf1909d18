//! Context words near a candidate: ASCII case-insensitive, whole words.
//!
//! Context raises confidence; it gates only rules that ask for it
//! (`context_required`), following Presidio's context enhancer rather than
//! gitleaks' keyword prefilter, because personal data often appears with no
//! label at all. Matching is on the original bytes (aho-corasick's ASCII
//! case-insensitive mode) so offsets never shift.

use std::sync::OnceLock;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind,
};

/// The context words of one rule, compiled once, when first needed: a
/// rule's automaton is built the first time one of its candidates is
/// scored (building all of them took 16% of start-up, which is most of a
/// pre-commit run).
pub(crate) struct ContextMatcher {
    words: Vec<String>,
    ac: OnceLock<Option<AhoCorasick>>,
}

impl ContextMatcher {
    /// `None` for a rule without context words.
    pub(crate) fn new(words: &[String]) -> Option<ContextMatcher> {
        if words.is_empty() {
            return None;
        }
        Some(ContextMatcher { words: words.to_vec(), ac: OnceLock::new() })
    }

    fn automaton(&self) -> Option<&AhoCorasick> {
        self.ac
            .get_or_init(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    // Windows are tens of bytes: a DFA answers fastest,
                    // and a prefilter would only add start-up cost.
                    .kind(Some(AhoCorasickKind::DFA))
                    .prefilter(false)
                    .build(&self.words)
                    .ok()
            })
            .as_ref()
    }

    /// True if a context word occurs in `window` as a whole word: the bytes
    /// around it are not letters or digits (`_`, `-`, quotes and spaces all
    /// separate, so `"customer_email":` counts for `email`), or it is a
    /// word of a camelCase name (`<cpfTrab>`, `<SofiNr>`, `customerSsn`).
    pub(crate) fn found_in(&self, window: &[u8]) -> bool {
        let Some(ac) = self.automaton() else { return false };
        ac.find_overlapping_iter(window).any(|m| {
            let before_ok = m.start() == 0
                || !window[m.start() - 1].is_ascii_alphanumeric()
                || escaped_break_before(window, m.start())
                || camel_start(window, m.start());
            let after_ok = m.end() == window.len()
                || !window[m.end()].is_ascii_alphanumeric()
                || camel_end(window, m.end());
            // A numbered owner's field (`Carer1NHSNumber`) is an
            // identifier with a digit in it.
            let numbered = m.start() > 0
                && window[m.start() - 1].is_ascii_digit()
                && camel_start(window, m.start());
            before_ok
                && after_ok
                && (whole_word(window, m.start(), m.end())
                    || identifier(window, m.start(), m.end())
                    || numbered)
        })
    }
}

/// Nothing alphanumeric touches `start..end` (a line break escaped in a
/// JSON string before it does not count: `\nName on account:`).
fn whole_word(window: &[u8], start: usize, end: usize) -> bool {
    (start == 0
        || !window[start - 1].is_ascii_alphanumeric()
        || escaped_break_before(window, start))
        && (end == window.len() || !window[end].is_ascii_alphanumeric())
}

/// A line break or tab escaped in a JSON or source string (`\n`, `\r`,
/// `\t`; not `\\n`, an escaped backslash and an `n`) starts at `i`; in
/// the engine's decoded copy it reads `\ ` ([`super::decoded::unescape`]).
pub(crate) fn escaped_break_at(hay: &[u8], i: usize) -> bool {
    hay.get(i) == Some(&b'\\')
        && matches!(hay.get(i + 1), Some(b'n' | b'r' | b't' | b' '))
        && (i == 0 || hay[i - 1] != b'\\')
}

/// An escaped line break or tab ends right before `i`: what follows it
/// starts a line.
pub(crate) fn escaped_break_before(hay: &[u8], i: usize) -> bool {
    i >= 2 && escaped_break_at(hay, i - 2)
}

/// The alphanumeric run around `start..end` reads as a field name: short
/// and without digits (`cpfTrab`, `SessionService`), not a token or hash
/// (`ktIpB1AebfYG4vb6`) whose case changes mean nothing.
fn identifier(window: &[u8], start: usize, end: usize) -> bool {
    let from = window[..start]
        .iter()
        .rposition(|b| !b.is_ascii_alphanumeric())
        .map_or(0, |i| i + 1);
    let to = window[end..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .map_or(window.len(), |i| end + i);
    // The other words of the name have two letters or more (`IpI` at the
    // end of a base64 token is no name with `Ip` in it).
    to - from <= 32
        && to - from >= end - start + 2
        && (start - from == 0 || start - from >= 2)
        && (to - end == 0 || to - end >= 2)
        && window[from..to].iter().all(u8::is_ascii_alphabetic)
}

/// A camelCase word starts at `at`: a capital after two lower-case
/// letters (`customerSsn`; not the `P` of `iPhone`), or after a number
/// that ends a word (`Carer1NHSNumber`).
fn camel_start(window: &[u8], at: usize) -> bool {
    at >= 2
        && window[at].is_ascii_uppercase()
        && ((window[at - 1].is_ascii_lowercase()
            && window[at - 2].is_ascii_lowercase())
            || (window[at - 1].is_ascii_digit()
                && window[at - 2].is_ascii_alphabetic()))
}

/// A camelCase word ends at `at`: a lower-case letter, then a capital;
/// or an acronym, then a capitalized word (the `NHS` of `NHSNumber`).
fn camel_end(window: &[u8], at: usize) -> bool {
    at >= 1
        && window[at].is_ascii_uppercase()
        && (window[at - 1].is_ascii_lowercase()
            || (window[at - 1].is_ascii_uppercase()
                && window.get(at + 1).is_some_and(u8::is_ascii_lowercase)))
}

#[cfg(test)]
mod tests {
    use super::ContextMatcher;

    fn m(words: &[&str]) -> ContextMatcher {
        let words: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        ContextMatcher::new(&words).unwrap()
    }

    #[test]
    fn whole_words_case_insensitive() {
        let c = m(&["ssn", "social security"]);
        assert!(c.found_in(b"{\"customer_SSN\": "));
        assert!(c.found_in(b"<d:Carer1SSNNumber>"));
        assert!(c.found_in(b"Social Security no. "));
        assert!(!c.found_in(b"lessons learned "));
        assert!(!c.found_in(b"ssnx"));
        assert!(ContextMatcher::new(&[]).is_none());
    }

    #[test]
    fn words_of_camel_case_names() {
        let c = m(&["cpf", "sofi", "ssn", "phone", "ip"]);
        assert!(c.found_in(b"<cpfTrab>"));
        assert!(c.found_in(b"<SofiNr>"));
        assert!(c.found_in(b"\"customerSsn\": "));
        assert!(!c.found_in(b"iPhone 15"));
        assert!(!c.found_in(b"SHA256:ktIpB1AebfYG4vb6WJHxOELeGqDKSdrr"));
        assert!(!c.found_in(b"g2Cj/IpI port"));
        assert!(!c.found_in(b"cpfx Sofia"));
    }
}
