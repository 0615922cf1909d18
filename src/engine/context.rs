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
    /// separate, so `"customer_email":` counts for `email`).
    pub(crate) fn found_in(&self, window: &[u8]) -> bool {
        let Some(ac) = self.automaton() else { return false };
        ac.find_overlapping_iter(window).any(|m| {
            let before_ok = m.start() == 0
                || !window[m.start() - 1].is_ascii_alphanumeric();
            let after_ok = m.end() == window.len()
                || !window[m.end()].is_ascii_alphanumeric();
            before_ok && after_ok
        })
    }
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
        assert!(c.found_in(b"Social Security no. "));
        assert!(!c.found_in(b"lessons learned "));
        assert!(!c.found_in(b"ssnx"));
        assert!(ContextMatcher::new(&[]).is_none());
    }
}
