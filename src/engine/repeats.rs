//! A value found once is found wherever it recurs.
//!
//! Many values are recognised by what stands beside them: a login by its
//! prompt or its `user=` key, a name by its field, a passport number by
//! the word `passport`. The same value elsewhere in the haystack (the
//! login in a table of accounts, the name in a free-text note, the number
//! in a later log line) carries none of that, yet it is the same person's
//! data: a report that lists the first occurrence and not the others
//! leaves them behind in a redaction and out of a subject's export. So
//! every occurrence of a reported value, as a whole word and with the same
//! case, is reported too, with the rule and score of the first.
//!
//! Only kinds whose value names one person wherever it stands: ids,
//! names, logins and secrets. Phone numbers and street addresses recur as
//! an organisation's, postal codes are shared, a private network address
//! found beside one person may be a server's elsewhere, and a date taken
//! for a birth date once is as often the day of every other line's
//! event.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::gazetteer::{Gazetteer, COMMON, STOP};
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

/// At most this many distinct values are looked for in one haystack: a
/// chunk of a log with more logins than that gains little from another
/// pass over it.
const MAX_VALUES: usize = 4096;

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
    if values.len() > MAX_VALUES {
        return;
    }
    let Ok(searcher) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(values.iter().map(|(v, _)| v))
    else {
        return;
    };
    let mut found = Vec::new();
    let mut taken = 0;
    for hit in searcher.find_iter(&hay[body.clone()]) {
        let span = body.start + hit.start()..body.start + hit.end();
        let value = values[hit.pattern().as_usize()];
        if !whole_word(hay, &span) {
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
        let source = &matches[value.1];
        found.push(Match { span, ..source.clone() });
    }
    if found.is_empty() {
        return;
    }
    matches.extend(found);
    matches.sort_by_key(|m| m.span.start);
}

/// `span` is a word of its own: no letter, digit or `_` joins it on
/// either side, nor an `@` (an e-mail's local part) or a `.` inside a
/// dotted name (`jsmith.example.org`, `x.jsmith`). A value whose edge is
/// not ASCII (Chinese, Japanese, Korean names) needs no boundary there:
/// those scripts put no space between words; but it must not run on into
/// a place name.
fn whole_word(hay: &[u8], span: &Range<usize>) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let first = hay[span.start];
    let last = hay[span.end - 1];
    let before_ok = !first.is_ascii()
        || span.start == 0
        || match hay[span.start - 1] {
            b'@' | b'.' => false,
            b => !word(b),
        };
    let after_ok = if last.is_ascii() {
        match hay.get(span.end) {
            None => true,
            Some(b'@') => false,
            Some(b'.') => !hay
                .get(span.end + 1)
                .is_some_and(|&b| b.is_ascii_alphanumeric()),
            Some(&b) => !word(b),
        }
    } else {
        !next_char(&hay[span.end..])
            .is_some_and(|c| PLACE_SUFFIXES.contains(&c))
    };
    before_ok && after_ok
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
    fn cjk_values_need_no_boundary_but_are_no_place() {
        let hay = "客户王芳女士".as_bytes();
        assert!(whole_word(hay, &(6..12)));
        let hay = "名古屋市中村区".as_bytes();
        assert!(!whole_word(hay, &(12..18)));
    }
}
