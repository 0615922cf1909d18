//! Canonical forms of identifiers, so that one value matches however it
//! was written: emails lowercased (plus-tag dropped on request), phones as
//! digits with the country calling code, ids without separators and
//! uppercased (the baseline fingerprint's normalization, so `scan`, the
//! gate and `subject` agree on what "the same value" is), names as
//! lowercase parts.
//!
//! Pure functions: no I/O, nothing kept.

use crate::gate::fingerprint;

/// An email address lowercased; with `strip_plus`, `jane+news@x.io`
/// becomes `jane@x.io` (plus-addressing delivers both to one mailbox).
pub fn email(raw: &str, strip_plus: bool) -> String {
    // Letters beyond ASCII too: `JÜRGEN@` is `jürgen@`.
    let lower = raw.trim().to_lowercase();
    if !strip_plus {
        return lower;
    }
    match lower.rsplit_once('@') {
        Some((local, domain)) => {
            let local = local.split_once('+').map_or(local, |(l, _)| l);
            format!("{local}@{domain}")
        }
        None => lower,
    }
}

/// Digits of a phone number with its country calling code: `+1 (415)
/// 555-0100`, `415.555.0100` and `4155550100` all give `14155550100` when
/// `country_code` is `1`. A number written with `+` or `00` keeps its own
/// code; a national number drops its trunk `0` (`020 7946 0958` in the UK
/// is `442079460958` with code `44`). `None` unless 7 to 15 digits.
pub fn phone(raw: &str, country_code: &str) -> Option<String> {
    let t = raw.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let out = if t.starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if country_code == "1" {
        match digits.len() {
            10 => format!("1{digits}"),
            11 if digits.starts_with('1') => digits,
            _ => format!("1{digits}"),
        }
    } else if digits.starts_with(country_code)
        && digits.len() > 9 + country_code.len()
    {
        digits
    } else {
        let national = digits.strip_prefix('0').unwrap_or(&digits);
        format!("{country_code}{national}")
    };
    (7..=15).contains(&out.len()).then_some(out)
}

/// A catalog id without separators, uppercased (`536-22-8741` and
/// `536 22 8741` give `536228741`; IBAN spaces and case vanish).
pub fn id(kind: &str, raw: &str) -> String {
    String::from_utf8_lossy(&fingerprint::normalize(kind, raw.as_bytes()))
        .into_owned()
}

/// Words that start a family name rather than being a middle name
/// (`Ana da Silva`, `Jan van der Berg`).
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do",
    "dos", "du", "ibn", "la", "le", "st", "ten", "ter", "van", "von",
];

/// A person's name split into parts, lowercased. `Jane Q. Doe`,
/// `Doe, Jane Q.` and `jane  q doe` give the same parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    /// Given name.
    pub first: String,
    /// Middle names or initials, without dots.
    pub middle: Vec<String>,
    /// Family name (all words after the middle ones when written
    /// `Last, First`).
    pub last: String,
}

impl NameParts {
    /// Parse `First [Middle...] Last` or `Last, First [Middle...]`;
    /// `None` for a single word.
    pub fn parse(raw: &str) -> Option<NameParts> {
        let clean = |w: &str| w.trim_matches('.').to_lowercase();
        if let Some((last, rest)) = raw.split_once(',') {
            let last: Vec<String> =
                last.split_whitespace().map(clean).collect();
            let rest: Vec<String> = rest
                .split_whitespace()
                .map(clean)
                .filter(|w| !w.is_empty())
                .collect();
            let (first, middle) = rest.split_first()?;
            if last.is_empty() {
                return None;
            }
            return Some(NameParts {
                first: first.clone(),
                middle: middle.to_vec(),
                last: last.join(" "),
            });
        }
        let words: Vec<String> = raw
            .split_whitespace()
            .map(clean)
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() < 2 {
            return None;
        }
        // `da Silva`, `van der Berg`: a particle starts the family name.
        let split = words[1..words.len() - 1]
            .iter()
            .position(|w| PARTICLES.contains(&w.as_str()))
            .map_or(words.len() - 1, |i| i + 1);
        Some(NameParts {
            first: words[0].clone(),
            middle: words[1..split].to_vec(),
            last: words[split..].join(" "),
        })
    }
}

impl NameParts {
    /// The same name as other systems often store it: diacritics dropped
    /// (`Jürgen Müller` -> `jurgen muller`, `Łukasz` -> `lukasz`) and, for
    /// German umlauts and `ß`, transliterated (`juergen mueller`). Only
    /// spellings that differ from this one (and from each other).
    pub fn spellings(&self) -> Vec<NameParts> {
        let mut out: Vec<NameParts> = Vec::new();
        for map in [fold_word as fn(&str) -> String, transliterate_word] {
            let v = NameParts {
                first: map(&self.first),
                middle: self.middle.iter().map(|w| map(w)).collect(),
                last: map(&self.last),
            };
            if v != *self && !out.contains(&v) {
                out.push(v);
            }
        }
        out
    }
}

/// `word` in ASCII, diacritics dropped (lowercase in, lowercase out).
fn fold_word(word: &str) -> String {
    deunicode::deunicode(word).to_lowercase()
}

/// German transliteration: `ä ö ü` -> `ae oe ue`, `ß` -> `ss`; other
/// letters as [`fold_word`].
fn transliterate_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c => out.push_str(&fold_word(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_compare_by_digits_with_country_code() {
        for raw in [
            "+1 (415) 555-0100",
            "415.555.0100",
            "4155550100",
            "(415) 555 0100",
            "1-415-555-0100",
            "001 415 555 0100",
        ] {
            assert_eq!(
                phone(raw, "1").as_deref(),
                Some("14155550100"),
                "{raw}"
            );
        }
        assert_eq!(
            phone("020 7946 0958", "44").as_deref(),
            Some("442079460958")
        );
        assert_eq!(
            phone("+44 20 7946 0958", "1").as_deref(),
            Some("442079460958")
        );
        assert_eq!(phone("12", "1"), None);
    }

    #[test]
    fn emails_and_ids() {
        assert_eq!(email("Jane.Doe@ACME.io", false), "jane.doe@acme.io");
        assert_eq!(email("jane+news@acme.io", true), "jane@acme.io");
        assert_eq!(email("jane+news@acme.io", false), "jane+news@acme.io");
        assert_eq!(email("JÜRGEN@Bücher.DE", false), "jürgen@bücher.de");
        assert_eq!(id("us_ssn", "536-22-8741"), "536228741");
        assert_eq!(id("iban", "gb82 west 1234"), "GB82WEST1234");
    }

    #[test]
    fn names_have_their_ascii_spellings() {
        let p = NameParts::parse("Jürgen Müller").unwrap();
        let v = p.spellings();
        let shown: Vec<String> =
            v.iter().map(|n| format!("{} {}", n.first, n.last)).collect();
        assert_eq!(shown, ["jurgen muller", "juergen mueller"]);
        let p = NameParts::parse("Łukasz Wiśniewski").unwrap();
        let shown: Vec<String> = p
            .spellings()
            .iter()
            .map(|n| format!("{} {}", n.first, n.last))
            .collect();
        assert_eq!(shown, ["lukasz wisniewski"]);
        assert!(NameParts::parse("Jane Doe").unwrap().spellings().is_empty());
    }

    #[test]
    fn names_in_either_order() {
        let a = NameParts::parse("Jane Q. Doe").unwrap();
        let b = NameParts::parse("Doe,  Jane Q").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.middle, vec!["q".to_string()]);
        assert!(NameParts::parse("Cher").is_none());
        let p = NameParts::parse("Jan Q van der Berg").unwrap();
        assert_eq!(
            (p.middle, p.last.as_str()),
            (vec!["q".to_string()], "van der berg")
        );
        let p = NameParts::parse("Ana da Silva").unwrap();
        assert!(p.middle.is_empty());
        assert_eq!(p.last, "da silva");
    }
}
