//! Phones and all-digit ids, found by value in any layout.
//!
//! Brief overview: one left-to-right pass cuts the text into runs of
//! digit groups joined by at most two separators (` -./()`), e.g.
//! `+1 (415) 555-0100` or `536 22 8741`; every stretch of consecutive
//! groups of a plausible length is reduced to its digits and looked up in
//! a hash map of the subjects' normalized values (phones also with the
//! country code added, or a `00` / trunk `0` prefix dropped). The pass
//! costs the same for one subject or 10,000, and finds layouts nobody
//! listed, with or without the context words a detector would want.
//!
//! This replaced literal forms in the automaton (`415.555.0100`,
//! `(415) 555-0100`, ...) for these kinds: on digit-heavy logs, tens of
//! thousands of digit patterns made the automaton walk twice as slow, and
//! each layout had to be spelled out.
//!
//! A run glued to a letter (`ID536228741`, `536228741abc`) does not count
//! at that end: a value is never found inside a longer token.

use std::collections::HashMap;
use std::ops::Range;

use super::matcher::Hit;

/// Separators allowed between digit groups.
const SEPARATORS: &[u8] = b" -./()";
/// Most separator bytes between two groups (`) ` in `(415) 555`).
const MAX_SEP: usize = 2;
/// Most groups followed in one run.
const MAX_GROUPS: usize = 16;
/// Bits of the filter in front of the hash maps (128 KiB: 20,000 values
/// set ~2% of it).
const FILTER_BITS: usize = 1 << 20;

/// The subjects' phones and all-digit ids by normalized digits.
#[derive(Debug, Default)]
pub struct DigitIndex {
    /// International digits (`14155550100`) -> (subject, identifier).
    phones: HashMap<Vec<u8>, Vec<(u32, u32)>>,
    /// Normalized id digits -> (subject, identifier).
    ids: HashMap<Vec<u8>, Vec<(u32, u32)>>,
    country_code: Vec<u8>,
    /// Fewest and most digits a candidate may have to match anything.
    min: usize,
    max: usize,
    /// `lens[n]`: some value may be written with `n` digits; other
    /// candidates are not hashed at all.
    lens: [bool; 24],
    /// One bit per value of `phones` and `ids` (FNV-1a of its digits):
    /// nearly every digit string in a log is nobody's, and one bit test
    /// rejects it before a hash-map probe that, with 10,000 subjects,
    /// misses the cache.
    filter: Vec<u64>,
}

/// FNV-1a: cheap and good enough to spread digit strings over the filter.
fn filter_bit(key: &[u8]) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h as usize) & (FILTER_BITS - 1)
}

impl DigitIndex {
    /// An empty index; `country_code` is prefixed to national numbers.
    pub fn new(country_code: &str) -> DigitIndex {
        DigitIndex {
            country_code: country_code.as_bytes().to_vec(),
            min: usize::MAX,
            ..DigitIndex::default()
        }
    }

    /// Whether there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.phones.is_empty() && self.ids.is_empty()
    }

    /// A phone number, as international digits (see
    /// [`super::normalize::phone`]).
    pub fn add_phone(&mut self, digits: &str, subject: u32, ident: u32) {
        let n = digits.len();
        // Written nationally, it has fewer digits (with a trunk 0, one
        // more than that); with `00` before it, two more.
        let national = n.saturating_sub(self.country_code.len());
        self.min = self.min.min(national);
        self.max = self.max.max(n + 2);
        for len in [national, national + 1, n, n + 2] {
            self.mark(len);
        }
        push(&mut self.phones, digits.as_bytes(), subject, ident);
        self.set_filter(digits.as_bytes());
    }

    /// An id whose normalized form is all digits.
    pub fn add_id(&mut self, digits: &str, subject: u32, ident: u32) {
        self.min = self.min.min(digits.len());
        self.max = self.max.max(digits.len());
        self.mark(digits.len());
        push(&mut self.ids, digits.as_bytes(), subject, ident);
        self.set_filter(digits.as_bytes());
    }

    fn set_filter(&mut self, key: &[u8]) {
        // Allocated with the first value: an index without phones or
        // all-digit ids costs nothing.
        if self.filter.is_empty() {
            self.filter = vec![0; FILTER_BITS / 64];
        }
        let bit = filter_bit(key);
        self.filter[bit / 64] |= 1 << (bit % 64);
    }

    /// False when no value is `key` (true may be a false positive).
    fn may_hold(&self, key: &[u8]) -> bool {
        let bit = filter_bit(key);
        self.filter.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    fn mark(&mut self, len: usize) {
        if let Some(slot) = self.lens.get_mut(len) {
            *slot = true;
        }
    }

    /// Append every hit starting in `body` to `out` (unsorted; the
    /// matcher resolves overlaps).
    pub fn find(&self, hay: &[u8], body: Range<usize>, out: &mut Vec<Hit>) {
        if self.is_empty() {
            return;
        }
        let mut groups: Vec<Range<usize>> = Vec::with_capacity(MAX_GROUPS);
        let mut digits: Vec<u8> = Vec::with_capacity(32);
        let mut key: Vec<u8> = Vec::with_capacity(40);
        let mut i = body.start;
        while i < body.end {
            let Some(p) = hay[i..body.end].iter().position(u8::is_ascii_digit)
            else {
                break;
            };
            let start = i + p;
            groups.clear();
            let mut total = 0;
            let mut j = start;
            loop {
                let g = j;
                while j < hay.len() && hay[j].is_ascii_digit() {
                    j += 1;
                }
                total += j - g;
                groups.push(g..j);
                let mut k = j;
                while k < hay.len()
                    && k - j < MAX_SEP
                    && SEPARATORS.contains(&hay[k])
                {
                    k += 1;
                }
                if k > j
                    && k < hay.len()
                    && hay[k].is_ascii_digit()
                    && groups.len() < MAX_GROUPS
                {
                    j = k;
                    continue;
                }
                break;
            }
            i = j;
            if total < self.min {
                // Most runs (times, counters, IP octets) are too short to
                // be anything.
                continue;
            }
            let glued = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
            let first = usize::from(start > 0 && glued(hay[start - 1]));
            let Some(last) = (if j < hay.len() && glued(hay[j]) {
                groups.len().checked_sub(2)
            } else {
                Some(groups.len() - 1)
            }) else {
                continue;
            };
            for a in first..groups.len() {
                if groups[a].start >= body.end {
                    break;
                }
                digits.clear();
                for b in a..=last {
                    // `+44 (0)20 7946 0958`: a `(0)` after the country
                    // code is the trunk prefix, not part of the number.
                    if b > a && is_trunk_in_parens(hay, &groups[b]) {
                        continue;
                    }
                    digits.extend_from_slice(&hay[groups[b].clone()]);
                    if digits.len() > self.max {
                        break;
                    }
                    if !self.lens.get(digits.len()).copied().unwrap_or(true) {
                        continue;
                    }
                    let mut from = groups[a].start;
                    let lead = from.checked_sub(1).map(|f| hay[f]);
                    if matches!(lead, Some(b'+' | b'(')) {
                        from -= 1;
                    }
                    let span = from..groups[b].end;
                    self.lookup(
                        &digits,
                        lead == Some(b'+'),
                        &mut key,
                        |s, id| {
                            out.push(Hit {
                                span: span.clone(),
                                subject: s,
                                ident: id,
                            })
                        },
                    );
                }
            }
        }
    }

    /// Every identifier whose value `digits` may be.
    fn lookup(
        &self,
        digits: &[u8],
        plus: bool,
        key: &mut Vec<u8>,
        mut hit: impl FnMut(u32, u32),
    ) {
        let mut emit = |map: &HashMap<Vec<u8>, Vec<(u32, u32)>>, k: &[u8]| {
            if !self.may_hold(k) {
                return;
            }
            if let Some(list) = map.get(k) {
                for &(s, i) in list {
                    hit(s, i);
                }
            }
        };
        emit(&self.ids, digits);
        if self.phones.is_empty() {
            return;
        }
        emit(&self.phones, digits);
        if plus {
            return;
        }
        if let Some(rest) = digits.strip_prefix(b"00") {
            emit(&self.phones, rest);
        }
        key.clear();
        key.extend_from_slice(&self.country_code);
        match digits.strip_prefix(b"0") {
            Some(national) if self.country_code != b"1" => {
                key.extend_from_slice(national)
            }
            _ => key.extend_from_slice(digits),
        }
        emit(&self.phones, key);
    }
}

/// The group is a lone `0` written in parentheses: `(0)`.
fn is_trunk_in_parens(hay: &[u8], group: &Range<usize>) -> bool {
    &hay[group.clone()] == b"0"
        && group.start > 0
        && hay[group.start - 1] == b'('
        && hay.get(group.end) == Some(&b')')
}

fn push(
    map: &mut HashMap<Vec<u8>, Vec<(u32, u32)>>,
    key: &[u8],
    subject: u32,
    ident: u32,
) {
    let list = map.entry(key.to_vec()).or_default();
    if !list.contains(&(subject, ident)) {
        list.push((subject, ident));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(index: &DigitIndex, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        index.find(text.as_bytes(), 0..text.len(), &mut out);
        out.iter().map(|h| text[h.span.clone()].to_string()).collect()
    }

    #[test]
    fn any_layout_is_found_and_glued_digits_are_not() {
        let mut index = DigitIndex::new("1");
        index.add_phone("14155550100", 0, 0);
        index.add_id("536228741", 0, 1);
        for (text, want) in [
            ("call +1 (415) 555-0100 now", "+1 (415) 555-0100"),
            ("call (415) 555-0100 now", "(415) 555-0100"),
            ("call 415.555.0100", "415.555.0100"),
            ("tel=4155550100;", "4155550100"),
            ("call 001 415 555 0100", "001 415 555 0100"),
            ("ssn 536 22 8741 ok", "536 22 8741"),
            ("ssn 536/22/8741", "536/22/8741"),
        ] {
            assert!(found(&index, text).contains(&want.to_string()), "{text}");
        }
        for text in [
            "ID536228741",
            "536228741abc",
            "1536228741",
            "536-22-87419",
            "4155550101",
        ] {
            assert!(found(&index, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn national_numbers_with_a_trunk_zero() {
        let mut index = DigitIndex::new("44");
        index.add_phone("442079460958", 3, 0);
        assert_eq!(found(&index, "ring 020 7946 0958"), ["020 7946 0958"]);
        // Shorter stretches of a run are found too; the matcher keeps the
        // longest.
        assert!(found(&index, "ring +44 20 7946 0958")
            .contains(&"+44 20 7946 0958".to_string()));
        // The trunk zero in parentheses after the country code.
        for text in ["ring +44 (0)20 7946 0958", "ring +44 (0) 20 7946 0958"] {
            let want = text.strip_prefix("ring ").unwrap().to_string();
            assert!(found(&index, text).contains(&want), "{text}");
        }
    }
}
