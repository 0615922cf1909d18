//! `\uXXXX` escapes of non-ASCII characters, decoded before matching.
//!
//! Python's `json.dumps` writes `Jürgen Müller` as `J\u00fcrgen
//! M\u00fcller` unless told otherwise, and JavaScript, Java and C# string
//! literals use the same escapes: read as bytes, such a name is no name
//! and such an address (`j\u00fcrgen@example.de`) is cut at the escape.
//! The engine scans a copy with those escapes decoded to UTF-8 and maps
//! each match back to the escaped bytes of the file, so findings,
//! redaction and line numbers stay in the file's own offsets.
//!
//! Only escapes of non-ASCII characters are decoded (surrogate pairs
//! joined): an escaped quote or backslash would change the structure the
//! rules and field detection read. An escape preceded by an escaped
//! backslash (`\\u00fc`) is text, not an escape.

use std::ops::Range;

use memchr::memmem;

use super::{FileStart, Haystack};

/// One decoded escape: `original` bytes of the file became `decoded`
/// bytes of the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Escape {
    original: Range<usize>,
    decoded: Range<usize>,
}

/// A haystack with its non-ASCII escapes decoded, and the way back.
#[derive(Debug)]
pub(crate) struct Unescaped {
    pub(crate) text: Vec<u8>,
    escapes: Vec<Escape>,
}

/// Decode `hay`'s non-ASCII `\uXXXX` escapes, or `None` if it has none
/// (the common case costs one substring search).
pub(crate) fn unescape(hay: &[u8]) -> Option<Unescaped> {
    let first = memmem::find(hay, b"\\u")?;
    let mut text = Vec::new();
    let mut escapes = Vec::new();
    let mut copied = 0;
    let mut at = first;
    while let Some(found) = memmem::find(&hay[at..], b"\\u") {
        let slash = at + found;
        at = slash + 2;
        if backslashes_before(hay, slash) % 2 == 1 {
            continue;
        }
        let Some((ch, len)) = escaped_char(&hay[slash..]) else {
            continue;
        };
        text.extend_from_slice(&hay[copied..slash]);
        let start = text.len();
        let mut utf8 = [0; 4];
        text.extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
        escapes.push(Escape {
            original: slash..slash + len,
            decoded: start..text.len(),
        });
        copied = slash + len;
        at = copied;
    }
    if escapes.is_empty() {
        return None;
    }
    text.extend_from_slice(&hay[copied..]);
    Some(Unescaped { text, escapes })
}

/// How many backslashes run right before `at`.
fn backslashes_before(hay: &[u8], at: usize) -> usize {
    hay[..at].iter().rev().take_while(|&&b| b == b'\\').count()
}

/// The non-ASCII character `\uXXXX` (or a `\uD8xx\uDCxx` surrogate pair)
/// at the start of `s` encodes, and the escape's length.
fn escaped_char(s: &[u8]) -> Option<(char, usize)> {
    let unit = code_unit(s)?;
    match unit {
        0..=0x7F => None,
        0xD800..=0xDBFF => {
            let low = code_unit(s.get(6..)?)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return None;
            }
            let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            Some((char::from_u32(code)?, 12))
        }
        _ => Some((char::from_u32(unit)?, 6)),
    }
}

/// The four hex digits of a `\uXXXX` at the start of `s`.
fn code_unit(s: &[u8]) -> Option<u32> {
    let digits = s.strip_prefix(b"\\u")?.get(..4)?;
    digits
        .iter()
        .try_fold(0u32, |acc, &b| Some(acc * 16 + char::from(b).to_digit(16)?))
}

impl Unescaped {
    /// The decoded copy of a haystack whose bytes were decoded into
    /// `self`: `body` and `file` given in the original's terms.
    pub(crate) fn haystack<'a>(
        &'a self,
        body: Range<usize>,
        file: FileStart<'a>,
    ) -> Haystack<'a> {
        let file = if file.at_hay {
            FileStart { head: &self.text, at_hay: true }
        } else {
            file
        };
        Haystack {
            hay: &self.text,
            body: self.to_decoded(body.start)..self.to_decoded(body.end),
            file,
        }
    }

    /// Where offset `original` of the file lies in the decoded copy (an
    /// offset inside an escape goes to its start).
    pub(crate) fn to_decoded(&self, original: usize) -> usize {
        let i = self.escapes.partition_point(|e| e.original.start < original);
        match i.checked_sub(1).map(|i| &self.escapes[i]) {
            None => original,
            Some(e) if original < e.original.end => e.decoded.start,
            Some(e) => e.decoded.end + (original - e.original.end),
        }
    }

    /// The bytes of the file that `decoded` came from: a span touching
    /// part of a decoded character covers its whole escape.
    pub(crate) fn to_original(&self, decoded: Range<usize>) -> Range<usize> {
        let start = {
            let i = self
                .escapes
                .partition_point(|e| e.decoded.end <= decoded.start);
            match self.escapes.get(i) {
                Some(e) if e.decoded.start <= decoded.start => {
                    e.original.start
                }
                _ => self.linear(decoded.start),
            }
        };
        let end = {
            let i =
                self.escapes.partition_point(|e| e.decoded.end < decoded.end);
            match self.escapes.get(i) {
                Some(e) if e.decoded.start < decoded.end => e.original.end,
                _ => self.linear(decoded.end),
            }
        };
        start..end
    }

    /// An offset of the copy outside every decoded character.
    fn linear(&self, decoded: usize) -> usize {
        let i = self.escapes.partition_point(|e| e.decoded.end <= decoded);
        match i.checked_sub(1).map(|i| &self.escapes[i]) {
            None => decoded,
            Some(e) => e.original.end + (decoded - e.decoded.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unescape;
    use proptest::prelude::*;

    #[test]
    fn decodes_non_ascii_escapes_only() {
        let hay = br#"{"name":"J\u00fcrgen M\u00fcller","q":"\u0022","e":"\ud83d\ude00"}"#;
        let u = unescape(hay).unwrap();
        assert_eq!(
            String::from_utf8(u.text.clone()).unwrap(),
            r#"{"name":"Jürgen Müller","q":"\u0022","e":"😀"}"#
        );
        // "Jürgen" maps back to the escaped bytes.
        let name =
            u.text.windows(7).position(|w| w == "Jürgen".as_bytes()).unwrap();
        let back = u.to_original(name..name + "Jürgen".len());
        assert_eq!(&hay[back], br"J\u00fcrgen");
        // The start of the haystack and a span after the escapes shift back.
        assert_eq!(u.to_original(0..2), 0..2);
        assert_eq!(u.to_decoded(hay.len()), u.text.len());
    }

    #[test]
    fn leaves_text_that_is_not_an_escape() {
        for hay in [
            &br"no escapes"[..],
            br"C:\\users\\new",
            br"path \\u00fc is text",
            br"\u00f",
            br"\uzzzz",
            br"lone \ud83d surrogate",
            br"ascii \u0041",
        ] {
            assert!(
                unescape(hay).is_none(),
                "{}",
                String::from_utf8_lossy(hay)
            );
        }
        let u = unescape(br"\\\u00e9").unwrap();
        assert_eq!(u.text, "\\\\é".as_bytes());
    }

    proptest! {
        /// Every span of the copy maps to bytes of the file that decode to
        /// it, and every file offset outside escapes round-trips.
        #[test]
        fn spans_map_back_to_their_escapes(
            parts in prop::collection::vec(
                prop_oneof![
                    "[a-z @.]{0,6}".prop_map(|s| (s.clone(), s)),
                    prop::char::range('\u{80}', '\u{FFFF}')
                        .prop_filter("no surrogates", |c| !(0xD800..0xE000).contains(&(*c as u32)))
                        .prop_map(|c| (format!("\\u{:04x}", c as u32), c.to_string())),
                    prop::char::range('\u{10000}', '\u{10FFFF}').prop_map(|c| {
                        let mut units = [0u16; 2];
                        c.encode_utf16(&mut units);
                        (format!("\\u{:04X}\\u{:04x}", units[0], units[1]), c.to_string())
                    }),
                ],
                0..12,
            ),
            cut in any::<prop::sample::Index>(),
            len in 0usize..16,
        ) {
            let original: String = parts.iter().map(|(o, _)| o.as_str()).collect();
            let decoded: String = parts.iter().map(|(_, d)| d.as_str()).collect();
            match unescape(original.as_bytes()) {
                None => prop_assert_eq!(&original, &decoded),
                Some(u) => {
                    prop_assert_eq!(u.text.as_slice(), decoded.as_bytes());
                    // Spans on character boundaries of the copy.
                    let bounds: Vec<usize> = decoded.char_indices().map(|(i, _)| i)
                        .chain([decoded.len()]).collect();
                    let a = cut.index(bounds.len());
                    let b = (a + len).min(bounds.len() - 1);
                    let span = bounds[a]..bounds[b];
                    let back = u.to_original(span.clone());
                    let again = unescape(original[back.clone()].as_bytes())
                        .map_or(original[back.clone()].to_string(), |u| String::from_utf8(u.text).unwrap());
                    prop_assert_eq!(again.as_str(), &decoded[span.clone()]);
                    prop_assert_eq!(u.to_decoded(back.start), span.start);
                }
            }
        }
    }
}
