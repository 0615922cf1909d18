//! A login and its owner's name side by side, one of them in brackets:
//! `Call taker: cbevan (Ceri Bevan)`, `run by tpomare (Tama Pōmare)`,
//! `leaver Ben Cartwright (ben.cartwright)`. The login is spelled from the
//! name (initial and surname, given name and surname with a dot, ...), so
//! each vouches for the other: neither needs a gazetteer, a label or a
//! column. A login so paired is its owner's wherever else it stands in
//! the haystack as a whole token (a dispatch log's `02:11:52 cbevan  999
//! call`, `[cbevan]`).
//!
//! Found from each `(` of the haystack: a byte search, then a few bytes
//! read on each side.

use std::ops::Range;

use super::fields::FieldRule;
use super::gazetteer;
use super::names::PARTICLES;
use super::owner_logins::skip_back;
use super::Match;
use crate::catalog::Rule;

/// Bytes read after a `(` for what is in the brackets.
const MAX_INSIDE: usize = 64;
/// Words of a name.
const MAX_WORDS: usize = 4;

/// Reports logins and names that spell each other.
#[derive(Default)]
pub(crate) struct LoginPairs {
    login: Option<FieldRule>,
    name: Option<FieldRule>,
}

impl LoginPairs {
    /// Report logins under rule `index` (`rule` is that rule).
    pub(crate) fn set_login_rule(&mut self, index: usize, rule: &Rule) {
        self.login = Some(FieldRule::new(index, rule));
    }

    /// Report names under rule `index`.
    pub(crate) fn set_name_rule(&mut self, index: usize, rule: &Rule) {
        self.name = Some(FieldRule::new(index, rule));
    }

    /// Append the pairs whose bracket opens in `body`, and the paired
    /// logins' other occurrences in `body`, to `out`.
    pub(crate) fn scan(
        &self,
        hay: &[u8],
        body: Range<usize>,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        let login_rule =
            self.login.as_ref().filter(|r| r.confidence >= min_confidence);
        let name_rule =
            self.name.as_ref().filter(|r| r.confidence >= min_confidence);
        if login_rule.is_none() && name_rule.is_none() {
            return;
        }
        let mut found = Vec::new();
        let mut logins: Vec<&[u8]> = Vec::new();
        for open in memchr::memchr_iter(b'(', &hay[body.clone()]) {
            let open = body.start + open;
            let Some((login, name)) = pair_at(hay, open) else { continue };
            let accepted = login_rule
                .map_or(true, |r| r.accepts(&hay[login.clone()]))
                && name_rule.map_or(true, |r| r.accepts(&hay[name.clone()]));
            if !accepted {
                continue;
            }
            if let Some(rule) = login_rule {
                found.push(rule.finding(login.clone()));
                if !logins.contains(&&hay[login.clone()]) {
                    logins.push(&hay[login]);
                }
            }
            if let Some(rule) = name_rule {
                found.push(rule.finding(name));
            }
        }
        if let Some(rule) = login_rule {
            for login in logins {
                for at in memchr::memmem::find_iter(&hay[body.clone()], login)
                {
                    let at = body.start + at;
                    let span = at..at + login.len();
                    if whole_token(hay, &span) {
                        found.push(rule.finding(span));
                    }
                }
            }
        }
        // The pairs' own logins were found twice.
        found.sort_by_key(|m| (m.span.start, m.rule));
        found.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        out.extend(found);
    }
}

/// The login and the name around the `(` at `open`, if one spells the
/// other: `login (Name ...)` or `Name (login)`.
fn pair_at(hay: &[u8], open: usize) -> Option<(Range<usize>, Range<usize>)> {
    let limit = (open + 1 + MAX_INSIDE).min(hay.len());
    let close = open + 1 + memchr::memchr(b')', &hay[open + 1..limit])?;
    let inside = open + 1..close;
    let before_end = open.checked_sub(1).filter(|&i| hay[i] == b' ')?;
    // `cbevan (Ceri Bevan)`, `l.chau (Linh Chau, Registry)`.
    if let Some(login) = login_ending_at(hay, before_end) {
        let name_end = memchr::memchr(b',', &hay[inside.clone()])
            .map_or(close, |c| inside.start + c);
        let name = inside.start..name_end;
        let words = name_words(&hay[name.clone()])?;
        return spells(&hay[login.clone()], &words).then_some((login, name));
    }
    // `Ben Cartwright (ben.cartwright)`, `Chiara Fabbri (utente
    // c.fabbri)`, `Mathilde Cordier (RPPS 10101418827, login mcordier)`.
    let login = labelled_login(hay, inside.clone()).unwrap_or(inside);
    if !login_shaped(&hay[login.clone()]) {
        return None;
    }
    let name = name_ending_at(hay, before_end)?;
    let words = name_words(&hay[name.clone()])?;
    spells(&hay[login.clone()], &words).then_some((login, name))
}

/// Words naming a login inside the brackets, before it (`login`, `user`,
/// Italian `utente`, Spanish `usuario`, French `utilisateur`, German
/// `Benutzer`).
const LOGIN_LABELS: &[&str] = &[
    "login",
    "user",
    "userid",
    "uid",
    "utente",
    "usuario",
    "utilisateur",
    "benutzer",
];

/// The login closing the bracketed `inside` after one of
/// [`LOGIN_LABELS`] (`utente c.fabbri`, `RPPS 10101418827, login
/// mcordier`).
fn labelled_login(hay: &[u8], inside: Range<usize>) -> Option<Range<usize>> {
    let text = &hay[inside.clone()];
    let space = memchr::memrchr(b' ', text)?;
    let label_start = text[..space]
        .iter()
        .rposition(|&b| b == b' ' || b == b',')
        .map_or(0, |i| i + 1);
    let label = text[label_start..space]
        .strip_suffix(b":")
        .unwrap_or(&text[label_start..space]);
    LOGIN_LABELS
        .iter()
        .any(|l| label.eq_ignore_ascii_case(l.as_bytes()))
        .then_some(inside.start + space + 1..inside.end)
}

/// A login in capitals stands beside a name written in lower case after
/// its capitals (`Lorraine Duran (LDURAN)`): beside words in capitals it
/// is an acronym (`Process ID (PID)`, `Datakonsult AB (KDAB)`).
fn case_fits(login: &[u8], words: &[&[u8]]) -> bool {
    !login.first().is_some_and(u8::is_ascii_uppercase)
        || words.iter().all(|w| {
            w.len() >= 2
                && w[1..].iter().any(|b| b.is_ascii_lowercase() || *b >= 0x80)
        })
}

/// A login's bytes: letters all in one case (a mainframe's `LDURAN`),
/// first, then digits, `.`, `_` or `-`; three letters at least.
fn login_shaped(token: &[u8]) -> bool {
    let case = |b: &u8| {
        if token[0].is_ascii_uppercase() {
            b.is_ascii_uppercase()
        } else {
            b.is_ascii_lowercase()
        }
    };
    (3..=32).contains(&token.len())
        && token[0].is_ascii_alphabetic()
        && token
            .iter()
            .all(|b| case(b) || b.is_ascii_digit() || b"._-".contains(b))
        && token.iter().filter(|b| case(b)).count() >= 3
}

/// The login-shaped token ending at `end`, standing alone.
fn login_ending_at(hay: &[u8], end: usize) -> Option<Range<usize>> {
    let token = skip_back(hay, end, is_login_byte)..end;
    // Not the end of a word with letters beyond ASCII (`Müller`).
    let in_word = token.start > 0 && hay[token.start - 1] >= 0x80;
    (login_shaped(&hay[token.clone()]) && whole_token(hay, &token) && !in_word)
        .then_some(token)
}

fn is_login_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')
}

/// `span` is a token of its own: no login byte, `@` or `/` touching it
/// (not part of an e-mail address, a path or a longer login).
fn whole_token(hay: &[u8], span: &Range<usize>) -> bool {
    let before = span.start.checked_sub(1).map(|i| hay[i]);
    let after = hay.get(span.end).copied();
    let outside = |b: Option<u8>| {
        b.map_or(true, |b| !is_login_byte(b) && !matches!(b, b'@' | b'/'))
    };
    // A sentence's full stop may follow.
    let after_ok = outside(after)
        || (after == Some(b'.')
            && hay.get(span.end + 1).map_or(true, |b| !is_login_byte(*b)));
    outside(before) && after_ok
}

/// Two to four capitalized words ending at `end`, particles between them
/// aside.
fn name_ending_at(hay: &[u8], end: usize) -> Option<Range<usize>> {
    let mut start = end;
    let mut words = 0;
    let mut i = end;
    while words < MAX_WORDS && i > 0 {
        let s = skip_back(hay, i, |b| {
            b.is_ascii_alphabetic() || b >= 0x80 || matches!(b, b'-' | b'\'')
        });
        if s == i {
            break;
        }
        if !starts_capitalized(&hay[s..i]) {
            // A particle counts once a capitalized word follows it, as
            // part of the name (not as one of its words).
            if words > 0 && PARTICLES.contains(&&hay[s..i]) && s > 0 {
                start = s;
                i = s - 1;
                continue;
            }
            break;
        }
        start = s;
        words += 1;
        if s == 0 || hay[s - 1] != b' ' {
            break;
        }
        i = s - 1;
    }
    (words >= 2).then_some(start..end)
}

/// The words of a name: two to four, each capitalized and made of
/// letters, `-` and `'`.
fn name_words(text: &[u8]) -> Option<Vec<&[u8]>> {
    let mut words: Vec<&[u8]> = Vec::new();
    // Particles join the surname after them (`van der Kraan` ->
    // `vanderkraan`, as logins spell it): kept as one word.
    let mut particle_run: Option<usize> = None;
    let mut at = 0;
    for word in text.split(|&b| b == b' ') {
        let start = at;
        at += word.len() + 1;
        if !words.is_empty() && PARTICLES.contains(&word) {
            particle_run.get_or_insert(start);
            continue;
        }
        match particle_run.take() {
            Some(from) => words.push(&text[from..start + word.len()]),
            None => words.push(word),
        }
    }
    if particle_run.is_some() {
        return None;
    }
    let letters = |w: &[u8]| {
        std::str::from_utf8(w).is_ok_and(|s| {
            s.chars().all(|c| {
                c.is_alphabetic() || c == '-' || c == '\'' || c == ' '
            })
        })
    };
    // The word itself, or the surname closing its particles.
    let capitalized = |w: &[u8]| {
        starts_capitalized(w.rsplit(|&b| b == b' ').next().unwrap_or(w))
    };
    ((2..=MAX_WORDS).contains(&words.len())
        && words.iter().all(|w| capitalized(w) && letters(w)))
    .then_some(words)
}

fn starts_capitalized(word: &[u8]) -> bool {
    std::str::from_utf8(word)
        .ok()
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_uppercase)
}

/// `login` is spelled from the name `words`: initial(s) and surname
/// (`cbevan`, `jmsmith`), given name and surname joined or not
/// (`ben.cartwright`, `aroha_ngata`), given name and the surname's
/// initial (`tamap`), surname first (`bevanc`, `bevan.ceri`); after a
/// role prefix too (`op.jsilva`); trailing digits aside. A login in
/// capitals only beside words in lower case ([`case_fits`]).
fn spells(login: &[u8], words: &[&[u8]]) -> bool {
    if !case_fits(login, words) {
        return false;
    }
    // The name as written without diacritics, and with German umlauts
    // and `ß` spelled out (`Meißner` -> `meissner`).
    let plain: Option<Vec<Vec<u8>>> =
        words.iter().map(|w| ascii_letters(w)).collect();
    let german: Option<Vec<Vec<u8>>> = words
        .iter()
        .any(|w| german_spelled(w).is_some())
        .then(|| {
            words
                .iter()
                .map(|w| match german_spelled(w) {
                    Some(g) => ascii_letters(g.as_bytes()),
                    None => ascii_letters(w),
                })
                .collect()
        })
        .flatten();
    [plain, german]
        .into_iter()
        .flatten()
        .filter(|folded| folded.iter().all(|w| !w.is_empty()))
        .any(|folded| spelled_from(login, &folded))
}

/// `word` with German umlauts and `ß` spelled out as logins and e-mail
/// addresses write them (`Meißner` -> `Meissner`, `Müller` ->
/// `Mueller`), if it has any.
pub(crate) fn german_spelled(word: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(word).ok()?;
    if !text.contains(['ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü', 'ß']) {
        return None;
    }
    let mut german = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            'ä' | 'Ä' => german.push_str("ae"),
            'ö' | 'Ö' => german.push_str("oe"),
            'ü' | 'Ü' => german.push_str("ue"),
            'ß' => german.push_str("ss"),
            c => german.push(c),
        }
    }
    Some(german)
}

/// `login` (already checked for case) is spelled from the ASCII `folded`
/// words of a name, as [`spells`] describes.
fn spelled_from(login: &[u8], folded: &[Vec<u8>]) -> bool {
    let first = &folded[0];
    let last = &folded[folded.len() - 1];
    let initials: Vec<u8> =
        folded[..folded.len() - 1].iter().map(|w| w[0]).collect();
    let digits = login.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let login = login[..login.len() - digits].to_ascii_lowercase();
    let login = login.as_slice();
    let spelled = |l: &[u8]| {
        let cat = |parts: &[&[u8]]| parts.concat() == l;
        let joined = |a: &[u8], b: &[u8]| {
            [b"".as_slice(), b".", b"_", b"-"]
                .iter()
                .any(|sep| cat(&[a, sep, b]))
        };
        joined(&first[..1], last)
            || cat(&[&initials, last])
            || joined(first, last)
            || joined(first, &last[..1])
            || joined(last, &first[..1])
            || joined(last, first)
    };
    spelled(login)
        || memchr::memchr(b'.', login)
            .is_some_and(|dot| spelled(&login[dot + 1..]))
}

/// `word` in lower-case ASCII letters, diacritics, hyphens and
/// apostrophes dropped (`Pōmare` -> `pomare`, `O'Donnell` -> `odonnell`).
pub(crate) fn ascii_letters(word: &[u8]) -> Option<Vec<u8>> {
    let mut buf = [0u8; gazetteer::MAX_WORD * 2];
    let plain = gazetteer::without_diacritics(word, &mut buf)?;
    Some(
        plain
            .iter()
            .filter(|b| b.is_ascii_alphabetic())
            .map(u8::to_ascii_lowercase)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(text: &str) -> Option<(String, String)> {
        let open = text.find('(').unwrap();
        pair_at(text.as_bytes(), open)
            .map(|(l, n)| (text[l].to_string(), text[n].to_string()))
    }

    fn both(login: &str, name: &str) -> Option<(String, String)> {
        Some((login.to_string(), name.to_string()))
    }

    #[test]
    fn umlauts_spelled_out_and_labels_in_brackets() {
        assert!(spells(
            b"jmueller",
            &["Jürgen".as_bytes(), "Müller".as_bytes()]
        ));
        assert!(spells(
            b"kmeissner",
            &["Katrin".as_bytes(), "Meißner".as_bytes()]
        ));
        assert!(spells(
            b"jmuller",
            &["Jürgen".as_bytes(), "Müller".as_bytes()]
        ));
        assert_eq!(
            pair("Istruttoria: Chiara Fabbri (utente c.fabbri)"),
            both("c.fabbri", "Chiara Fabbri")
        );
        assert_eq!(
            pair("Praticiens: Mathilde Cordier (RPPS 10101418827, login mcordier)"),
            both("mcordier", "Mathilde Cordier")
        );
        assert_eq!(pair("Chiara Fabbri (ufficio c.fabbri)"), None);
        assert_eq!(
            pair("Locatiebeheerder: Ruud van der Kraan (r.vanderkraan), 0174"),
            both("r.vanderkraan", "Ruud van der Kraan")
        );
        assert_eq!(
            pair("x Jürgen Müller (jmueller)"),
            both("jmueller", "Jürgen Müller")
        );
    }

    #[test]
    fn a_login_and_the_name_it_is_spelled_from() {
        assert_eq!(
            pair("Call taker: cbevan (Ceri Bevan)"),
            both("cbevan", "Ceri Bevan")
        );
        assert_eq!(
            pair("# run by tpomare (Tama Pōmare) for"),
            both("tpomare", "Tama Pōmare")
        );
        assert_eq!(
            pair("leaver Ben Cartwright (ben.cartwright) offboarded"),
            both("ben.cartwright", "Ben Cartwright")
        );
        assert_eq!(
            pair("by l.chau (Linh Chau, Registry)"),
            both("l.chau", "Linh Chau")
        );
        assert_eq!(
            pair("op.jsilva (Joana Silva)"),
            both("op.jsilva", "Joana Silva")
        );
        assert_eq!(
            pair("Kieran O'Donnell (kodonnell2)"),
            both("kodonnell2", "Kieran O'Donnell")
        );
        // A mainframe's logins are in capitals.
        assert_eq!(
            pair("CLAIMS SPECIALISTS: Lorraine Duran (LDURAN), Matt"),
            both("LDURAN", "Lorraine Duran")
        );
    }

    #[test]
    fn no_pair_unless_one_spells_the_other() {
        assert_eq!(pair("Verwezen door wijkteam (Petra Smit)"), None);
        assert_eq!(pair("uses numpy.array (Travis Oliphant)"), None);
        assert_eq!(pair("Ceri Bevan (daughter)"), None);
        assert_eq!(pair("admin (Linh Chau)"), None);
        assert_eq!(pair("Call taker: cbevan(Ceri Bevan)"), None);
        assert_eq!(pair("Ceri Bevan (CBeVAN)"), None);
        // Acronyms.
        assert_eq!(pair("7362 is the Process ID (PID) of the"), None);
        assert_eq!(pair("Add CMAC (Cipher-based MAC) to MAC API"), None);
    }

    #[test]
    fn a_paired_login_stands_alone_elsewhere() {
        let hay = b"02:11:52 cbevan    999 call\ncbevan@x.org /home/cbevan cbevans cbevan.";
        let tokens: Vec<usize> = memchr::memmem::find_iter(hay, b"cbevan")
            .filter(|&at| whole_token(hay, &(at..at + 6)))
            .collect();
        assert_eq!(tokens, [9, hay.len() - 7]);
    }
}
