//! A thin layer over quick-xml for document parts: elements by local name
//! (namespace prefixes dropped), text nodes with their raw byte span in
//! the part (so a redacted copy can replace exactly those bytes), and
//! [`Rendition`], the text a part is scanned as, with the map from text
//! back to nodes.

use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::Cells;

/// One step through a part.
#[derive(Debug)]
pub enum Ev<'a, 'b> {
    /// A start tag (`empty` for `<x/>`, which gets no [`Ev::Close`]).
    Open {
        /// Local name, without prefix.
        name: &'b [u8],
        /// The tag, for attributes ([`attr`]).
        tag: &'b BytesStart<'a>,
        /// Self-closing.
        empty: bool,
        /// Byte span of the tag in the part.
        raw: Range<usize>,
    },
    /// An end tag.
    Close {
        /// Local name, without prefix.
        name: &'b [u8],
    },
    /// Character data between tags, entities and CDATA resolved; `raw` is
    /// its span in the part, markup included.
    Text {
        /// The text.
        text: &'b str,
        /// Byte span in the part.
        raw: Range<usize>,
    },
}

/// Walk `xml`, calling `f` for every element and text node.
pub fn walk(xml: &[u8], mut f: impl FnMut(Ev<'_, '_>)) -> Result<(), String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut text = String::new();
    let mut text_start: Option<usize> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| {
            format!("malformed XML at byte {}: {e}", reader.error_position())
        })?;
        let after = reader.buffer_position() as usize;
        let is_text = matches!(
            ev,
            Event::Text(_) | Event::GeneralRef(_) | Event::CData(_)
        );
        if !is_text {
            if let Some(start) = text_start.take() {
                f(Ev::Text { text: &text, raw: start..before });
                text.clear();
            }
        }
        match ev {
            Event::Eof => break,
            Event::Text(t) => {
                text_start.get_or_insert(before);
                text.push_str(&String::from_utf8_lossy(&t));
            }
            Event::CData(t) => {
                text_start.get_or_insert(before);
                text.push_str(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) => {
                text_start.get_or_insert(before);
                let name = String::from_utf8_lossy(&r);
                match entity(&name) {
                    Some(c) => text.push(c),
                    None => {
                        text.push('&');
                        text.push_str(&name);
                        text.push(';');
                    }
                }
            }
            Event::Start(tag) => {
                let local = tag.local_name();
                f(Ev::Open {
                    name: local.as_ref(),
                    tag: &tag,
                    empty: false,
                    raw: before..after,
                });
            }
            Event::Empty(tag) => {
                let local = tag.local_name();
                f(Ev::Open {
                    name: local.as_ref(),
                    tag: &tag,
                    empty: true,
                    raw: before..after,
                });
            }
            Event::End(tag) => {
                let local = tag.local_name();
                f(Ev::Close { name: local.as_ref() });
            }
            _ => {}
        }
    }
    Ok(())
}

/// The character an entity or character reference stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

/// Resolve entities in an attribute value.
pub fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        match tail.find(';').and_then(|j| Some((entity(&tail[..j])?, j))) {
            Some((c, j)) => {
                out.push(c);
                rest = &tail[j + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escape text for an XML text node.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// The value of the attribute with local name `local`.
pub fn attr(tag: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    tag.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| unescape(&String::from_utf8_lossy(&a.value)))
    })
}

/// Where a piece of a rendition's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Bytes of [`Rendition::text`].
    pub text: Range<usize>,
    /// Which part (index into the caller's part list).
    pub part: usize,
    /// The text node's bytes in that part.
    pub raw: Range<usize>,
    /// For a numeric spreadsheet cell: the span of its `<c ...>` start
    /// tag, whose type must become a string if the value is replaced.
    pub typed_cell: Option<Range<usize>>,
}

/// The text a document part (or a sheet) is scanned as, with the text
/// nodes it came from and, for sheets, its cells.
#[derive(Debug, Clone, Default)]
pub struct Rendition {
    /// The text.
    pub text: String,
    /// Text node pieces, in text order; separators between them are
    /// synthetic.
    pub spans: Vec<Span>,
    /// Spreadsheet cells.
    pub cells: Cells,
}

impl Rendition {
    /// Append a text node of `part` at `raw`; tabs and line breaks become
    /// spaces when `flatten` (a cell must stay on its line and column).
    pub fn node(
        &mut self,
        part: usize,
        raw: Range<usize>,
        text: &str,
        flatten: bool,
    ) {
        let start = self.text.len();
        if flatten {
            self.text.extend(text.chars().map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c => c,
            }));
        } else {
            self.text.push_str(text);
        }
        self.spans.push(Span {
            text: start..self.text.len(),
            part,
            raw,
            typed_cell: None,
        });
    }

    /// Append synthetic text (a separator).
    pub fn sep(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Remove a trailing synthetic `c` (never text from a node).
    pub fn pop_sep(&mut self, c: char) {
        let synthetic_end = self.spans.last().map_or(0, |s| s.text.end);
        if self.text.len() > synthetic_end && self.text.ends_with(c) {
            self.text.pop();
        }
    }

    /// Whether the text ends with `c`.
    pub fn ends_with(&self, c: char) -> bool {
        self.text.ends_with(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_nodes_carry_raw_spans_and_resolve_entities() {
        let xml = br#"<a:p xmlns:a="x"><a:t>Tom &amp; Jo&#233;</a:t><a:t/><a:t><![CDATA[<b>]]></a:t></a:p>"#;
        let mut texts = Vec::new();
        let mut opens = Vec::new();
        walk(xml, |ev| match ev {
            Ev::Text { text, raw } => {
                texts.push((text.to_string(), xml[raw].to_vec()))
            }
            Ev::Open { name, .. } => opens.push(name.to_vec()),
            Ev::Close { .. } => {}
        })
        .unwrap();
        assert_eq!(
            opens,
            vec![b"p".to_vec(), b"t".to_vec(), b"t".to_vec(), b"t".to_vec()]
        );
        assert_eq!(texts[0].0, "Tom & Joé");
        assert_eq!(texts[0].1, b"Tom &amp; Jo&#233;");
        assert_eq!(texts[1].0, "<b>");
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(walk(b"<a><b></a>", |_| {}).is_err());
    }

    #[test]
    fn escaping_round_trips() {
        assert_eq!(escape_text("a<b&c>"), "a&lt;b&amp;c&gt;");
        assert_eq!(unescape("a&lt;b&amp;c&#x41;&bogus;"), "a<b&cA&bogus;");
    }
}
