//! Name lists for the person-name detector: given names, surnames,
//! titles and common words, embedded in the binary.
//!
//! The lists live in `patterns/names/` (sources and licences in its
//! README): the 1990 US Census given-name and surname files (public
//! domain) plus hand-curated lists for other locales and of firms and
//! places named with name words (`not_people.txt`). They are
//! parsed once per process into one hash map from the lowercase word to a
//! set of [`Flags`]. Lookups fold case on the fly (ASCII and Latin letters
//! up to Latin Extended Additional), so `MÜLLER`, `Müller` and `müller`
//! are one entry, retry a word without its diacritics (`Nguyễn` finds
//! `nguyen`), and never allocate.
//!
//! This module never holds anything but these public word lists.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The word is a given name.
pub(crate) const GIVEN: u8 = 1;
/// The word is a surname.
pub(crate) const SURNAME: u8 = 2;
/// The word is common in ordinary text (Will, May, Street, Service).
pub(crate) const COMMON: u8 = 4;
/// The word is an honorific written before a name (Mr, Dr, Frau).
pub(crate) const TITLE: u8 = 8;
/// The word is never part of a name (Street, Service, Dear, Monday).
pub(crate) const STOP: u8 = 16;

const LISTS: &[(&str, u8)] = &[
    (include_str!("../../patterns/names/given_us.txt"), GIVEN),
    (include_str!("../../patterns/names/given_intl.txt"), GIVEN),
    (include_str!("../../patterns/names/surnames_us.txt"), SURNAME),
    (include_str!("../../patterns/names/surnames_intl.txt"), SURNAME),
    (include_str!("../../patterns/names/common_words.txt"), COMMON),
    (include_str!("../../patterns/names/titles.txt"), TITLE),
    (include_str!("../../patterns/names/stop_words.txt"), STOP),
];

/// Longest word looked up; longer tokens are never names.
pub(crate) const MAX_WORD: usize = 40;

/// FxHash (rustc's hasher): the keys are short, trusted words, so a
/// multiply-rotate hash beats SipHash several times over.
#[derive(Default)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Phrases of name words that name no person (`Charles Schwab`,
/// `Mercedes Benz`, `Santa Clara`).
const NOT_PEOPLE: &str = include_str!("../../patterns/names/not_people.txt");

/// Word -> flags, built once from the embedded lists.
pub(crate) struct Gazetteer {
    words: FxMap<Box<[u8]>, u8>,
    /// [`NOT_PEOPLE`], folded, words joined by one space.
    not_people: FxMap<Box<[u8]>, ()>,
}

impl Gazetteer {
    /// The built-in lists (parsed on first use).
    pub(crate) fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut words: FxMap<Box<[u8]>, u8> = FxMap::default();
            for (text, flag) in LISTS {
                for line in text.lines() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    for w in line.split_whitespace() {
                        let mut buf = [0u8; MAX_WORD];
                        if let Some(k) = fold(w.as_bytes(), &mut buf) {
                            *words.entry(k.into()).or_default() |= flag;
                        }
                    }
                }
            }
            let not_people = NOT_PEOPLE
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| (l.as_bytes().into(), ()))
                .collect();
            Gazetteer { words, not_people }
        })
    }

    /// The name words `words` (as written, in order) begin with a phrase
    /// that names a firm, brand or place (`Charles Schwab`, `Jackson
    /// Hole Mountain Resort`).
    pub(crate) fn starts_not_person(&self, words: &[&[u8]]) -> bool {
        let mut phrase = [0u8; 2 * MAX_WORD + 8];
        let mut len = 0;
        for (i, word) in words.iter().enumerate().take(4) {
            let mut buf = [0u8; MAX_WORD];
            let Some(w) = fold(word, &mut buf) else { return false };
            if len + w.len() + 1 > phrase.len() {
                return false;
            }
            if i > 0 {
                phrase[len] = b' ';
                len += 1;
            }
            for &b in w.iter().filter(|&&b| b != b'-' && b != b'\'') {
                phrase[len] = b;
                len += 1;
            }
            if i > 0 && self.not_people.contains_key(&phrase[..len]) {
                return true;
            }
        }
        false
    }

    /// Flags of `word` as written (any case); 0 when unknown. A word
    /// with an apostrophe is also looked up without it (`O'Brien` is
    /// `obrien` in the Census list); a hyphenated word is a given name if
    /// its first part is one (`Jean-Luc`) and a surname if its last part
    /// is one (`Müller-Schmidt`).
    pub(crate) fn flags(&self, word: &[u8]) -> u8 {
        let f = self.exact(word);
        if f != 0 {
            return f;
        }
        // `Nguyễn`, `Țăranu`, `Yılmaz`: lists keep the common spelling;
        // the word without its diacritics may be there.
        if !word.is_ascii() {
            let mut buf = [0u8; MAX_WORD];
            if let Some(ascii) = without_diacritics(word, &mut buf) {
                let f = self.exact(ascii);
                if f != 0 {
                    return f;
                }
            }
        }
        if word.contains(&b'\'') {
            let mut buf = [0u8; MAX_WORD];
            let mut n = 0;
            for &b in word.iter().filter(|&&b| b != b'\'').take(MAX_WORD) {
                buf[n] = b;
                n += 1;
            }
            return self.exact(&buf[..n]) & (GIVEN | SURNAME);
        }
        if let (Some(first), Some(last)) = (
            word.split(|&b| b == b'-').next(),
            word.rsplit(|&b| b == b'-').next(),
        ) {
            if first.len() < word.len() {
                return (self.exact(first) & GIVEN)
                    | (self.exact(last) & SURNAME);
            }
        }
        if gujarati_given_shape(word) {
            return GIVEN;
        }
        0
    }

    fn exact(&self, word: &[u8]) -> u8 {
        let mut buf = [0u8; MAX_WORD];
        match fold(word, &mut buf) {
            Some(k) => self.words.get(k).copied().unwrap_or(0),
            None => 0,
        }
    }
}

/// `word` with its letters written in ASCII (`Nguyễn` -> `Nguyen`) into
/// `buf`, if every character has an ASCII spelling and it fits.
pub(crate) fn without_diacritics<'a>(
    word: &[u8],
    buf: &'a mut [u8],
) -> Option<&'a [u8]> {
    let text = std::str::from_utf8(word).ok()?;
    let mut len = 0;
    for c in text.chars() {
        let ascii = deunicode::deunicode_char(c)?.as_bytes();
        buf.get_mut(len..len + ascii.len())?.copy_from_slice(ascii);
        len += ascii.len();
    }
    Some(&buf[..len])
}

/// Lowercase `word` into `buf`: ASCII and the Latin letters [`letter_at`]
/// reads (Turkish `İ` becomes `i`); other bytes are copied. `None` if it
/// does not fit.
pub(crate) fn fold<'a>(word: &[u8], buf: &'a mut [u8]) -> Option<&'a [u8]> {
    if word.len() > buf.len() {
        return None;
    }
    let (mut i, mut o) = (0, 0);
    while i < word.len() {
        let b = word[i];
        if b.is_ascii() {
            buf[o] = b.to_ascii_lowercase();
            i += 1;
            o += 1;
            continue;
        }
        match letter_at(word, i) {
            Some((cp, len)) => {
                let lower = to_lower(cp);
                let mut utf8 = [0u8; 4];
                let bytes = lower.encode_utf8(&mut utf8).as_bytes();
                // The same length, or shorter (`İ` -> `i`): fits.
                let bytes =
                    if bytes.len() <= len { bytes } else { &word[i..i + len] };
                buf[o..o + bytes.len()].copy_from_slice(bytes);
                i += len;
                o += bytes.len();
            }
            None => {
                buf[o] = b;
                i += 1;
                o += 1;
            }
        }
    }
    Some(&buf[..o])
}

/// The Latin letter encoded at `word[i]`, if any, and its UTF-8 length:
/// Latin-1 Supplement, Extended-A and Extended-B (`Ș`, `ư`, U+00C0 to
/// U+024F, two bytes) and Latin Extended Additional (Vietnamese `ễ`,
/// U+1E00 to U+1EFF, three bytes).
pub(crate) fn letter_at(word: &[u8], i: usize) -> Option<(u32, usize)> {
    let b = *word.get(i)?;
    let cont = |k: usize| {
        word.get(i + k).filter(|c| (0x80..=0xBF).contains(*c)).copied()
    };
    let (cp, len) = match b {
        0xC3..=0xC9 => {
            ((u32::from(b & 0x1F) << 6) | u32::from(cont(1)? & 0x3F), 2)
        }
        0xE1 => {
            let c1 = cont(1).filter(|c| (0xB8..=0xBB).contains(c))?;
            let c2 = cont(2)?;
            (0x1000 | (u32::from(c1 & 0x3F) << 6) | u32::from(c2 & 0x3F), 3)
        }
        _ => return None,
    };
    let ch = char::from_u32(cp)?;
    ch.is_alphabetic().then_some((cp, len))
}

/// Lowercase of a letter [`letter_at`] reads.
fn to_lower(cp: u32) -> char {
    if cp == 0x130 {
        return 'i';
    }
    let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
    let mut lower = ch.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => ch,
    }
}

/// Upper-case Latin letters (see [`letter_at`]).
pub(crate) fn is_upper_cp(cp: u32) -> bool {
    char::from_u32(cp).is_some_and(char::is_uppercase)
}

/// Lower-case Latin letters (see [`letter_at`]).
pub(crate) fn is_lower_cp(cp: u32) -> bool {
    char::from_u32(cp).is_some_and(char::is_lowercase)
}

/// A Gujarati given name by its ending: `-bhai` and `-sinh` after a
/// man's name, `-ben` and `-ba` after a woman's (`Rameshbhai`,
/// `Bharatsinh`, `Kokilaben`, `Hemlataba`). Registers in Gujarat write
/// every given name and father's name so, far too many to list. A
/// capital first, then lowercase or capitals, long enough that `Leben` or `Cuba`
/// do not qualify.
fn gujarati_given_shape(word: &[u8]) -> bool {
    let mut buf = [0u8; MAX_WORD];
    let Some(lower) = buf.get_mut(..word.len()) else { return false };
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    let cased = word.len() >= 7
        && word[0].is_ascii_uppercase()
        && (word[1..].iter().all(u8::is_ascii_lowercase)
            || word[1..].iter().all(u8::is_ascii_uppercase));
    cased
        && [&b"bhai"[..], b"sinh", b"aben", b"iben", b"taba"]
            .iter()
            .any(|end| lower.ends_with(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_latin_letters() {
        let mut buf = [0u8; MAX_WORD];
        assert_eq!(
            fold("MÜLLER".as_bytes(), &mut buf),
            Some("müller".as_bytes())
        );
        let mut buf = [0u8; MAX_WORD];
        assert_eq!(
            fold("Łukasz".as_bytes(), &mut buf),
            Some("łukasz".as_bytes())
        );
        let mut buf = [0u8; MAX_WORD];
        assert_eq!(fold("ŻÓŁW".as_bytes(), &mut buf), Some("żółw".as_bytes()));
        assert!(is_upper_cp(0x141) && is_lower_cp(0x142));
        assert!(is_upper_cp(0x17B) && is_lower_cp(0x17C));
        assert!(!is_upper_cp(0xD7) && !is_lower_cp(0xF7));
        // Romanian, Vietnamese and Turkish letters beyond Extended-A.
        assert_eq!(
            fold("ȘTEFĂNESCU".as_bytes(), &mut buf),
            Some("ștefănescu".as_bytes())
        );
        assert_eq!(
            fold("NGUYỄN".as_bytes(), &mut buf),
            Some("nguyễn".as_bytes())
        );
        assert_eq!(
            fold("İbrahim".as_bytes(), &mut buf),
            Some("ibrahim".as_bytes())
        );
        assert_eq!(fold("Ươ".as_bytes(), &mut buf), Some("ươ".as_bytes()));
    }

    #[test]
    fn lists_load_with_flags() {
        let g = Gazetteer::builtin();
        assert_ne!(g.flags(b"James") & GIVEN, 0);
        assert_ne!(g.flags(b"SMITH") & SURNAME, 0);
        assert_ne!(g.flags("Wiśniewski".as_bytes()) & SURNAME, 0);
        assert_ne!(g.flags(b"Will") & COMMON, 0);
        assert_ne!(g.flags(b"Will") & GIVEN, 0);
        assert_ne!(g.flags(b"Dr") & TITLE, 0);
        assert_eq!(g.flags(b"Xyzzyq"), 0);
    }
}
