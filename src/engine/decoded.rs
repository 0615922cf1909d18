//! Copies of a haystack with some text rewritten, and the way back.
//!
//! [`unescape`]: `\uXXXX` escapes of non-ASCII characters, decoded before
//! matching. Python's `json.dumps` writes `Jürgen Müller` as `J\u00fcrgen
//! M\u00fcller` unless told otherwise, and JavaScript, Java and C# string
//! literals use the same escapes: read as bytes, such a name is no name
//! and such an address (`j\u00fcrgen@example.de`) is cut at the escape.
//! The engine scans a copy with those escapes decoded to UTF-8 and maps
//! each match back to the escaped bytes of the file, so findings,
//! redaction and line numbers stay in the file's own offsets. Only
//! escapes of non-ASCII characters are decoded (surrogate pairs joined):
//! an escaped quote or backslash would change the structure the rules
//! and field detection read. An escape preceded by an escaped backslash
//! (`\\u00fc`) is text, not an escape.
//!
//! [`fold_latin`]: letters with diacritics written as ASCII (`Müller` ->
//! `Muller`, `Łukasz` -> `Lukasz`), so a name given without them finds
//! the person stored with them.

use std::ops::Range;

use super::{FileStart, Haystack};

/// One rewritten piece: `original` bytes of the haystack became
/// `decoded` bytes of the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rewrite {
    original: Range<usize>,
    decoded: Range<usize>,
}

/// A haystack with pieces rewritten, and the way back.
#[derive(Debug)]
pub(crate) struct DecodedCopy {
    pub(crate) text: Vec<u8>,
    rewrites: Vec<Rewrite>,
}

/// Builds a [`DecodedCopy`] from rewrites given in order.
struct Builder<'h> {
    hay: &'h [u8],
    copy: DecodedCopy,
    copied: usize,
    /// Some bytes were overwritten in place ([`Builder::overwrite`]).
    overwritten: bool,
}

impl<'h> Builder<'h> {
    fn new(hay: &'h [u8]) -> Self {
        let copy = DecodedCopy { text: Vec::new(), rewrites: Vec::new() };
        Builder { hay, copy, copied: 0, overwritten: false }
    }

    /// `hay[original]` reads as `with`, of the same length: offsets do not
    /// move, so no way back is recorded (and mapping spans stays cheap).
    fn overwrite(&mut self, original: Range<usize>, with: &[u8]) {
        debug_assert_eq!(original.len(), with.len());
        let text = &mut self.copy.text;
        text.extend_from_slice(&self.hay[self.copied..original.start]);
        text.extend_from_slice(with);
        self.copied = original.end;
        self.overwritten = true;
    }

    /// `hay[original]` reads as `with` (after every earlier rewrite).
    fn rewrite(&mut self, original: Range<usize>, with: &[u8]) {
        let text = &mut self.copy.text;
        text.extend_from_slice(&self.hay[self.copied..original.start]);
        let start = text.len();
        text.extend_from_slice(with);
        self.copied = original.end;
        self.copy
            .rewrites
            .push(Rewrite { original, decoded: start..text.len() });
    }

    fn finish(mut self) -> Option<DecodedCopy> {
        if self.copy.rewrites.is_empty() && !self.overwritten {
            return None;
        }
        self.copy.text.extend_from_slice(&self.hay[self.copied..]);
        Some(self.copy)
    }
}

/// HTML's numeric entities for an apostrophe.
const APOSTROPHES: &[&str] = &["&#x27;", "&#X27;", "&#39;", "&#039;"];

/// Decode `hay`'s non-ASCII `\uXXXX` escapes and its apostrophes written
/// as HTML entities ([`APOSTROPHES`]), and blank the letter of its
/// escaped line breaks and tabs (`\n` becomes `\ `, the same length), or
/// `None` if it has none of them (the common case costs one search for a
/// backslash or an ampersand). In a JSON string, `\n3359 6872 8001` or
/// `\njane@mail.de` starts a line: read as bytes, the `n` glues itself to
/// the value.
pub(crate) fn unescape(hay: &[u8]) -> Option<DecodedCopy> {
    unescape_with(hay, false)
}

/// [`unescape`] for a haystack of the file starting with `head`: in a
/// LaTeX document ([`is_latex`]) a `\\` is a line break too, read as one
/// (` ` and a newline, the same length), and a tabular's `&` a gap. A letter's address block is
/// written `Herrn\\Tobias Leimeister\\Am Galgenberg 17\\97074 Würzburg`:
/// read as bytes, the name runs into the street and the postcode has no
/// line of its own.
pub(crate) fn unescape_file(hay: &[u8], head: &[u8]) -> Option<DecodedCopy> {
    unescape_with(hay, is_latex(head))
}

/// Bytes of a file's head searched for LaTeX's preamble.
const LATEX_HEAD: usize = 8 << 10;

/// The file starting with `head` is a LaTeX document: its preamble
/// (`\documentclass`) is near the top.
fn is_latex(head: &[u8]) -> bool {
    let head = &head[..head.len().min(LATEX_HEAD)];
    memchr::memchr(b'\\', head).is_some()
        && (memchr::memmem::find(head, b"\\documentclass").is_some()
            || memchr::memmem::find(head, b"\\begin{document}").is_some())
}

fn unescape_with(hay: &[u8], latex: bool) -> Option<DecodedCopy> {
    let mut at = memchr::memchr2(b'\\', b'&', hay)?;
    let mut copy = Builder::new(hay);
    while at < hay.len() {
        let slash = match memchr::memchr2(b'\\', b'&', &hay[at..]) {
            Some(i) => at + i,
            None => break,
        };
        if hay[slash] == b'&' && latex {
            // A tabular's column separator (`Ehegatte: & Katrin
            // Leimeister \\`; a literal ampersand is `\&`): a gap
            // between a label and its value.
            copy.overwrite(slash..slash + 1, b" ");
            at = slash + 1;
            continue;
        }
        if hay[slash] == b'&' {
            // An apostrophe as HTML writes it in text (Django's error
            // page shows a dict as `{&#x27;nom&#x27;: &#x27;GONTHIER`).
            let entity = APOSTROPHES
                .iter()
                .find(|e| hay[slash..].starts_with(e.as_bytes()));
            match entity {
                Some(e) => {
                    copy.rewrite(slash..slash + e.len(), b"'");
                    at = slash + e.len();
                }
                None => at = slash + 1,
            }
            continue;
        }
        match hay.get(slash + 1) {
            // `\&`, `\%`: a character LaTeX writes escaped.
            Some(b'&') if latex => at = slash + 2,
            // LaTeX's line break.
            Some(b'\\') if latex => {
                copy.overwrite(slash..slash + 2, b" \n");
                at = slash + 2;
            }
            // An escaped backslash: what follows it is text.
            Some(b'\\') => at = slash + 2,
            Some(b'n' | b'r' | b't') => {
                copy.overwrite(slash..slash + 2, b"\\ ");
                at = slash + 2;
            }
            Some(b'u') => match escaped_char(&hay[slash..]) {
                Some((ch, len)) => {
                    let mut utf8 = [0; 4];
                    copy.rewrite(
                        slash..slash + len,
                        ch.encode_utf8(&mut utf8).as_bytes(),
                    );
                    at = slash + len;
                }
                None => at = slash + 2,
            },
            _ => at = slash + 1,
        }
    }
    copy.finish()
}

/// Write `hay`'s letters with diacritics (valid UTF-8, Latin and other
/// scripts `deunicode` spells with one or two ASCII letters) in ASCII, or
/// `None` if it has none.
pub(crate) fn fold_latin(hay: &[u8]) -> Option<DecodedCopy> {
    let mut at = next_non_ascii(hay, 0)?;
    let mut copy = Builder::new(hay);
    while at < hay.len() {
        if hay[at] < 0x80 {
            match next_non_ascii(hay, at) {
                Some(next) => at = next,
                None => break,
            }
        }
        let len = match hay[at] {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        let ch = hay
            .get(at..at + len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|s| s.chars().next());
        if let Some(ascii) = ch
            .filter(|c| c.is_alphabetic())
            .and_then(deunicode::deunicode_char)
            .filter(|a| (1..=2).contains(&a.len()))
            .filter(|a| a.bytes().all(|b| b.is_ascii_alphabetic()))
        {
            copy.rewrite(at..at + len, ascii.as_bytes());
            at += len;
        } else {
            at += 1;
        }
    }
    copy.finish()
}

/// The first byte at or after `from` that is not ASCII, eight bytes
/// checked at a time (most text is ASCII).
fn next_non_ascii(hay: &[u8], from: usize) -> Option<usize> {
    let rest = &hay[from..];
    let mut words = rest.chunks_exact(8);
    let mut at = from;
    for word in words.by_ref() {
        let w = u64::from_ne_bytes(word.try_into().expect("8 bytes"));
        if w & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        at += 8;
    }
    hay[at..].iter().position(|&b| b >= 0x80).map(|i| at + i)
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

impl DecodedCopy {
    /// The copy as a haystack: `body` and `file` given in the original's
    /// terms.
    pub(crate) fn haystack<'a>(
        &'a self,
        body: Range<usize>,
        file: FileStart<'a>,
    ) -> Haystack<'a> {
        let file = if file.at_hay {
            FileStart { head: &self.text, at_hay: true, sql: None }
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
        let i = self.rewrites.partition_point(|e| e.original.start < original);
        match i.checked_sub(1).map(|i| &self.rewrites[i]) {
            None => original,
            Some(e) if original < e.original.end => e.decoded.start,
            Some(e) => e.decoded.end + (original - e.original.end),
        }
    }

    /// The bytes of the file that `decoded` came from: a span touching
    /// part of a rewritten character covers all of its original bytes.
    pub(crate) fn to_original(&self, decoded: Range<usize>) -> Range<usize> {
        let start = {
            let i = self
                .rewrites
                .partition_point(|e| e.decoded.end <= decoded.start);
            match self.rewrites.get(i) {
                Some(e) if e.decoded.start <= decoded.start => {
                    e.original.start
                }
                _ => self.linear(decoded.start),
            }
        };
        let end = {
            let i =
                self.rewrites.partition_point(|e| e.decoded.end < decoded.end);
            match self.rewrites.get(i) {
                Some(e) if e.decoded.start < decoded.end => e.original.end,
                _ => self.linear(decoded.end),
            }
        };
        start..end
    }

    /// The lines of the copy holding rewritten text, in order, merged:
    /// a search for what the rewriting changes need read only these.
    pub(crate) fn rewritten_lines(&self) -> Vec<Range<usize>> {
        let mut lines: Vec<Range<usize>> = Vec::new();
        for e in &self.rewrites {
            if lines.last().is_some_and(|l| e.decoded.start < l.end) {
                continue;
            }
            let text = &self.text;
            let start = memchr::memrchr(b'\n', &text[..e.decoded.start])
                .map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &text[e.decoded.end..])
                .map_or(text.len(), |i| e.decoded.end + i);
            lines.push(start..end);
        }
        lines
    }

    /// An offset of the copy outside every decoded character.
    fn linear(&self, decoded: usize) -> usize {
        let i = self.rewrites.partition_point(|e| e.decoded.end <= decoded);
        match i.checked_sub(1).map(|i| &self.rewrites[i]) {
            None => decoded,
            Some(e) => e.original.end + (decoded - e.decoded.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{fold_latin, unescape};
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
    fn decodes_apostrophes_written_as_entities() {
        let hay =
            b"[{&#x27;nom&#x27;: &#x27;GONTHIER&#x27;, &#39;cp&#39;: 1} &amp;";
        let u = unescape(hay).unwrap();
        assert_eq!(u.text, b"[{'nom': 'GONTHIER', 'cp': 1} &amp;");
        let name = u.text.windows(8).position(|w| w == b"GONTHIER").unwrap();
        assert_eq!(&hay[u.to_original(name..name + 8)], b"GONTHIER");
        assert!(unescape(b"a=1&b=2 &amp; &quot;").is_none());
    }

    #[test]
    fn folds_letters_and_lists_their_lines() {
        let hay = "a\nJürgen Müller\nplain\nŁukasz ☃\n".as_bytes();
        let f = fold_latin(hay).unwrap();
        assert_eq!(f.text, b"a\nJurgen Muller\nplain\nLukasz \xE2\x98\x83\n");
        let lines: Vec<&[u8]> =
            f.rewritten_lines().into_iter().map(|r| &f.text[r]).collect();
        assert_eq!(lines, [&b"Jurgen Muller"[..], b"Lukasz \xE2\x98\x83"]);
        let m = f.text.windows(6).position(|w| w == b"Muller").unwrap();
        assert_eq!(&hay[f.to_original(m..m + 6)], "Müller".as_bytes());
        assert!(fold_latin(b"ascii only").is_none());
        assert!(fold_latin("snow ☃ only".as_bytes()).is_none());
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

    #[test]
    fn blanks_escaped_line_breaks_in_place() {
        let hay = br#"{"ocr":"INDIA\n3359 6872 8001\tMALE","p":"C:\\new"}"#;
        let u = unescape(hay).unwrap();
        assert_eq!(
            u.text.as_slice(),
            br#"{"ocr":"INDIA\ 3359 6872 8001\ MALE","p":"C:\\new"}"#
        );
        // The same length: every span maps to itself.
        assert_eq!(u.text.len(), hay.len());
        let at = u.text.windows(4).position(|w| w == b"3359").unwrap();
        assert_eq!(u.to_original(at..at + 14), at..at + 14);
        assert_eq!(u.to_decoded(at), at);
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
