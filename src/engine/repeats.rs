//! A value found once is found wherever it recurs.
//!
//! Many values are recognised by what stands beside them: a login by its
//! prompt or its `user=` key, a name by its field, a passport number by
//! the word `passport`. The same value elsewhere in the haystack (the
//! login in a table of accounts, the name in a free-text note, the number
//! in a later log line) carries none of that, yet it is the same person's
//! data. So every occurrence of a reported value, as a whole word and
//! with the same case, is reported too, with the rule and score of the
//! first: in haystacks up to [`WORD_SCAN_LIMIT`] (documents, exports,
//! small files; a large log is left as it is). The scan pipeline runs
//! this pass on each whole file after the engine; the redactor does not,
//! since it cuts content anywhere and relies on each match depending only
//! on the bytes near it.
//!
//! Only kinds whose value names one person wherever it stands: ids,
//! names, logins and secrets. Phone numbers and street addresses recur as
//! an organisation's, postal codes are shared, a private network address
//! found beside one person may be a server's elsewhere, and a date taken
//! for a birth date once is as often the day of every other line's
//! event.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::gazetteer::{Fx, Gazetteer, COMMON, STOP};
use super::Match;
use crate::catalog::Rule;

/// Shorter values recur by chance (`Li`, `Ana`, `0415`).
const MIN_VALUE_LEN: usize = 4;

/// A name in a script written without spaces may recur inside a place
/// name (`中村` in `名古屋市中村区`, `王府井` for `王府`): not where
/// one of these follows it.
const PLACE_SUFFIXES: &[char] = &[
    '区', '市', '町', '村', '県', '省', '路', '街', '道', '駅', '站', '井',
    '구', '동', '시',
];

/// Haystacks up to this size (documents, exports, small files) are read
/// word by word for the values, some 17 instructions a byte (an
/// Aho-Corasick automaton over the values cost 30 to 60). Larger ones, a
/// log's chunks, are left as they are: such a log names its people and
/// logins where it uses them, and the pass would cost 4-5% of its scan.
const WORD_SCAN_LIMIT: usize = 256 << 10;

/// Endings that make a word a file's or a package's name.
const FILE_SUFFIXES: &[&[u8]] = &[
    b"in", b"js", b"py", b"rs", b"c", b"h", b"md", b"txt", b"json", b"xml",
    b"html", b"cfg", b"conf", b"ini", b"log", b"sh", b"am", b"ac",
];

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Kinds whose repeated value is the same person's.
fn recurs_as_itself(rule: &Rule) -> bool {
    rule.kind.family == "government"
        || matches!(
            rule.kind.id,
            "person_name"
                | "username"
                | "us_bank_routing"
                | "session_cookie"
                | "bearer_token"
        )
}

/// `value` is unlikely to recur as something else: long enough, and a
/// single word of a name or a login no common word (a `Hope` taken for a
/// name once must not be taken for one in every sentence).
fn distinctive(kind: &str, value: &[u8]) -> bool {
    if value.len() < MIN_VALUE_LEN {
        return false;
    }
    if !matches!(kind, "person_name" | "username") {
        return true;
    }
    // A login taken from a file or product name (`Makefile.in`,
    // `Node.js`) must not be taken again wherever the name recurs.
    let file_like = value.iter().any(u8::is_ascii_uppercase)
        || value.rsplit(|&b| b == b'.').next().is_some_and(|ext| {
            ext.len() < value.len() && FILE_SUFFIXES.contains(&ext)
        });
    if kind == "username" && file_like {
        return false;
    }
    let one_word = value.iter().all(|&b| b.is_ascii_alphabetic() || b >= 0x80);
    !one_word || Gazetteer::builtin().flags(value) & (COMMON | STOP) == 0
}

/// Add to `matches` (sorted by start, not overlapping) every whole-word
/// occurrence in `body` of a value reported there, where no match covers
/// it yet; `matches` stays sorted.
pub(crate) fn add_repeats(
    rules: &[Rule],
    hay: &[u8],
    body: Range<usize>,
    matches: &mut Vec<Match>,
) {
    if body.len() > WORD_SCAN_LIMIT {
        return;
    }
    let mut values: Vec<(&[u8], usize)> = matches
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            recurs_as_itself(&rules[m.rule])
                && distinctive(rules[m.rule].kind.id, &hay[m.span.clone()])
        })
        .map(|(i, m)| (&hay[m.span.clone()], i))
        .collect();
    if values.is_empty() {
        return;
    }
    // One source per value: the first, so a value's score is the same
    // wherever it is found.
    values.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    values.dedup_by(|later, first| later.0 == first.0);
    // Values in a script written without spaces may start inside a run
    // of it: an automaton finds them anywhere. The others start a word:
    // each word is looked up among the values' first words.
    let (unspaced, spaced): (Vec<_>, Vec<_>) =
        values.into_iter().partition(|(v, _)| unspaced_script(v[0]));
    let mut hits = Vec::new();
    word_hits(hay, body.clone(), &spaced, &mut hits);
    automaton_hits(hay, body, &unspaced, &mut hits);
    hits.sort_by_key(|(span, _)| span.start);
    let mut found: Vec<Match> = Vec::new();
    let mut taken = 0;
    for (span, source) in hits {
        if found.last().is_some_and(|f| f.span.end > span.start) {
            continue;
        }
        // Matches are sorted and disjoint: skip those ending before this
        // occurrence, then it is new only if the next one starts after it.
        while taken < matches.len() && matches[taken].span.end <= span.start {
            taken += 1;
        }
        if matches.get(taken).is_some_and(|m| m.span.start < span.end) {
            continue;
        }
        found.push(Match { span, ..matches[source].clone() });
    }
    if found.is_empty() {
        return;
    }
    matches.extend(found);
    matches.sort_by_key(|m| m.span.start);
}

/// Bytes that are part of a word: letters, digits, `_` and any
/// non-ASCII byte.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
        b += 1;
    }
    table
};

fn word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// Bits of a filter on a word's first two bytes and length, checked
/// before a word is looked up: most words of a haystack are no value's
/// first word, and the filter says so without hashing them.
const FILTER_BITS: usize = 1 << 16;

/// The filter's bit for a word.
fn filter_bit(word: &[u8]) -> usize {
    let second = word.get(1).copied().unwrap_or(0);
    let key = u32::from(word[0])
        | u32::from(second) << 8
        | (word.len().min(255) as u32) << 16;
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize % FILTER_BITS
}

/// The whole-word occurrences in `body` of `values`, found by an
/// Aho-Corasick automaton (values anywhere, then checked to stand
/// alone): for values of scripts written without spaces, whose lead
/// bytes are rare elsewhere.
fn automaton_hits(
    hay: &[u8],
    body: Range<usize>,
    values: &[(&[u8], usize)],
    hits: &mut Vec<(Range<usize>, usize)>,
) {
    if values.is_empty() {
        return;
    }
    let Ok(searcher) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(values.iter().map(|(v, _)| v))
    else {
        return;
    };
    for hit in searcher.find_iter(&hay[body.clone()]) {
        let span = body.start + hit.start()..body.start + hit.end();
        if whole_word(hay, &span) {
            hits.push((span, values[hit.pattern().as_usize()].1));
        }
    }
}

/// `b` starts a character of Japanese kana, a CJK ideograph or Hangul
/// (U+3000..U+DFFF): scripts written without spaces between words.
fn unspaced_script(b: u8) -> bool {
    (0xE3..=0xED).contains(&b)
}

/// The whole-word occurrences in `body` of `values` (each with its source
/// match), found word by word: a value is looked for where a word equal
/// to its first word starts. In order of their start.
fn word_hits(
    hay: &[u8],
    body: Range<usize>,
    values: &[(&[u8], usize)],
    hits: &mut Vec<(Range<usize>, usize)>,
) {
    let mut by_first: FxMap<&[u8], Vec<usize>> = FxMap::default();
    let mut filter = vec![0u64; FILTER_BITS / 64];
    for (k, (value, _)) in values.iter().enumerate() {
        let first = &value[..value
            .iter()
            .position(|&b| !word_byte(b))
            .unwrap_or(value.len())];
        if !first.is_empty() {
            by_first.entry(first).or_default().push(k);
            let bit = filter_bit(first);
            filter[bit / 64] |= 1 << (bit % 64);
        }
    }
    // Longest value first where several share a first word.
    for list in by_first.values_mut() {
        list.sort_by_key(|&k| std::cmp::Reverse(values[k].0.len()));
    }
    let text = &hay[..body.end];
    let mut i = body.start;
    while i < body.end {
        let gap = text[i..].iter().position(|&b| word_byte(b));
        let Some(gap) = gap else { break };
        let start = i + gap;
        let len = text[start..]
            .iter()
            .position(|&b| !word_byte(b))
            .unwrap_or(body.end - start);
        i = start + len;
        let bit = filter_bit(&hay[start..i]);
        if filter[bit / 64] & (1 << (bit % 64)) == 0 {
            continue;
        }
        let Some(list) = by_first.get(&hay[start..i]) else { continue };
        for &k in list {
            let (value, source) = values[k];
            let span = start..start + value.len();
            if span.end <= body.end
                && hay[span.clone()] == *value
                && whole_word(hay, &span)
            {
                hits.push((span, source));
                break;
            }
        }
    }
}

/// `span` is a word of its own: no letter, digit or `_` joins it on
/// either side, nor an `@` (an e-mail's local part) or a `.` inside a
/// dotted name (`jsmith.example.org`, `x.jsmith`). A value whose edge is
/// not ASCII (Chinese, Japanese, Korean names) needs no boundary there:
/// those scripts put no space between words; but it must not run on into
/// a place name.
fn whole_word(hay: &[u8], span: &Range<usize>) -> bool {
    let first = hay[span.start];
    let last = hay[span.end - 1];
    let before_ok = unspaced_script(first)
        || span.start == 0
        || match hay[span.start - 1] {
            b'@' | b'.' => false,
            b => !word_byte(b),
        };
    let after_ok = if last.is_ascii() || !ends_unspaced(hay, span) {
        match hay.get(span.end) {
            None => true,
            Some(b'@') => false,
            Some(b'.') => !hay
                .get(span.end + 1)
                .is_some_and(|&b| b.is_ascii_alphanumeric()),
            Some(&b) => !word_byte(b),
        }
    } else {
        !next_char(&hay[span.end..])
            .is_some_and(|c| PLACE_SUFFIXES.contains(&c))
    };
    before_ok && after_ok
}

/// The value at `span` ends with a character of a script written
/// without spaces.
fn ends_unspaced(hay: &[u8], span: &Range<usize>) -> bool {
    let from = span.end.saturating_sub(3).max(span.start);
    (from..span.end).any(|i| unspaced_script(hay[i]))
}

/// The character `bytes` start with, if it is valid UTF-8.
fn next_char(bytes: &[u8]) -> Option<char> {
    let len = match bytes.first()? {
        b if *b < 0x80 => 1,
        b if *b >= 0xF0 => 4,
        b if *b >= 0xE0 => 3,
        _ => 2,
    };
    std::str::from_utf8(bytes.get(..len)?).ok()?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stand_alone() {
        let hay = b"ekaya x.ekaya ekaya@h ekaya2 (ekaya) ekaya.txt ekaya.";
        let at = |i: usize| whole_word(hay, &(i..i + 5));
        assert!(at(0));
        assert!(!at(8));
        assert!(!at(14));
        assert!(!at(22));
        assert!(at(30));
        assert!(!at(37));
        assert!(at(47));
    }

    #[test]
    fn values_are_found_word_by_word() {
        let hay = b"[esteiner-tab] Eva-Maria Steiner; x.esteiner Eva-Maria Steinerova esteiner";
        let values: [(&[u8], usize); 3] =
            [(b"esteiner", 0), (b"Eva-Maria Steiner", 1), (b"Eva-Maria", 2)];
        let mut hits = Vec::new();
        word_hits(hay, 0..hay.len(), &values, &mut hits);
        let found: Vec<(&[u8], usize)> =
            hits.iter().map(|(r, k)| (&hay[r.clone()], *k)).collect();
        assert_eq!(
            found,
            [
                (&b"esteiner"[..], 0),
                (b"Eva-Maria Steiner", 1),
                (b"Eva-Maria", 2),
                (b"esteiner", 0)
            ]
        );
    }

    #[test]
    fn cjk_values_need_no_boundary_but_are_no_place() {
        let hay = "客户王芳女士".as_bytes();
        assert!(whole_word(hay, &(6..12)));
        let hay = "名古屋市中村区".as_bytes();
        assert!(!whole_word(hay, &(12..18)));
    }
}
