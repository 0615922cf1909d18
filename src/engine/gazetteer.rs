//! Name lists for the person-name detector: given names, surnames,
//! titles and common words, embedded in the binary.
//!
//! The lists live in `patterns/names/` (sources and licences in its
//! README): the 1990 US Census given-name and surname files (public
//! domain) plus small hand-curated lists for other locales. They are
//! parsed once per process into one hash map from the lowercase word to a
//! set of [`Flags`]. Lookups fold case on the fly (ASCII, Latin-1 and
//! Latin Extended-A), so `MÜLLER`, `Müller` and `müller` are one entry,
//! and never allocate.
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

/// Word -> flags, built once from the embedded lists.
pub(crate) struct Gazetteer {
    words: FxMap<Box<[u8]>, u8>,
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
            Gazetteer { words }
        })
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

/// Lowercase `word` into `buf`: ASCII, Latin-1 Supplement and Latin
/// Extended-A letters; other bytes are copied. `None` if it does not fit.
pub(crate) fn fold<'a>(word: &[u8], buf: &'a mut [u8]) -> Option<&'a [u8]> {
    if word.len() > buf.len() {
        return None;
    }
    let mut i = 0;
    while i < word.len() {
        let b = word[i];
        if b.is_ascii() {
            buf[i] = b.to_ascii_lowercase();
            i += 1;
            continue;
        }
        match (b, word.get(i + 1)) {
            (0xC3..=0xC5, Some(&c)) if (0x80..=0xBF).contains(&c) => {
                let cp = (u32::from(b & 0x1F) << 6) | u32::from(c & 0x3F);
                let lower = to_lower(cp);
                buf[i] = 0xC0 | (lower >> 6) as u8;
                buf[i + 1] = 0x80 | (lower & 0x3F) as u8;
                i += 2;
            }
            _ => {
                buf[i] = b;
                i += 1;
            }
        }
    }
    Some(&buf[..word.len()])
}

/// Lowercase of a code point in U+00C0..U+017F (same UTF-8 length).
fn to_lower(cp: u32) -> u32 {
    if is_upper_cp(cp) {
        if cp < 0x100 {
            cp + 0x20
        } else {
            cp + 1
        }
    } else {
        cp
    }
}

/// Upper-case letters of Latin-1 Supplement and Latin Extended-A.
pub(crate) fn is_upper_cp(cp: u32) -> bool {
    match cp {
        0xC0..=0xDE => cp != 0xD7,
        0x100..=0x137 | 0x14A..=0x177 => cp % 2 == 0,
        0x139..=0x148 | 0x179..=0x17E => cp % 2 == 1,
        0x178 => true,
        _ => false,
    }
}

/// Lower-case letters of Latin-1 Supplement and Latin Extended-A.
pub(crate) fn is_lower_cp(cp: u32) -> bool {
    matches!(cp, 0xDF..=0xFF if cp != 0xF7)
        || (matches!(cp, 0x100..=0x17F) && !is_upper_cp(cp))
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
