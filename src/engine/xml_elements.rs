//! The `<name>text</name>` elements of an XML document, line by line:
//! exports and filings whose element names say what their text holds the
//! way a CSV header does (`<telefono>`, `<cap>`, `<zip>`,
//! `<geburtsdatum>`).
//!
//! Only elements whose text sits on one line, between the opening tag
//! and its closing tag, are read; the element's name is its local name
//! (`<ns:zip>` is `zip`). Text holding markup or entities other than the
//! common ones is skipped.

use std::ops::Range;

use quick_xml::events::BytesStart;

/// The document whose first line is `head` is XML (or HTML): it opens
/// with a declaration, a doctype or a tag.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let line = super::records::first_line(head);
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let line = line.trim_ascii_start();
    line.starts_with(b"<?xml")
        || line
            .get(..14)
            .is_some_and(|d| d.eq_ignore_ascii_case(b"<!doctype html"))
        || (line.first() == Some(&b'<')
            && line.get(1).is_some_and(u8::is_ascii_alphabetic))
}

/// Hand each `<name>text</name>` element of `line` of `hay` to `each`
/// (local name, text).
pub(crate) fn elements(
    hay: &[u8],
    line: Range<usize>,
    mut each: impl FnMut(&[u8], Range<usize>),
) {
    let end = line.end;
    let mut pos = line.start;
    while let Some(open) = memchr::memchr(b'<', &hay[pos..end]) {
        let tag_start = pos + open + 1;
        pos = tag_start;
        let Some(close) = memchr::memchr(b'>', &hay[tag_start..end]) else {
            return;
        };
        let tag = &hay[tag_start..tag_start + close];
        let text_start = tag_start + close + 1;
        // An opening tag: a name, then attributes or nothing.
        if !tag.first().is_some_and(u8::is_ascii_alphabetic)
            || tag.last() == Some(&b'/')
        {
            continue;
        }
        let name_len = tag
            .iter()
            .position(|&b| matches!(b, b' ' | b'\t'))
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        let Some(text_len) = memchr::memchr(b'<', &hay[text_start..end])
        else {
            return;
        };
        let text = text_start..text_start + text_len;
        // The text must end at this element's own closing tag.
        if hay[text.end..end].starts_with(b"</")
            && hay[text.end + 2..end].starts_with(name)
            && hay.get(text.end + 2 + name.len()) == Some(&b'>')
            && !text.is_empty()
        {
            let local = match memchr::memrchr(b':', name) {
                Some(i) => &name[i + 1..],
                None => name,
            };
            let named = generic(local)
                .then(|| name_attribute(tag, name_len))
                .flatten();
            each(named.unwrap_or(local), text.clone());
            pos = text.end;
        }
    }
}

/// Elements that say nothing of their text but name it in an attribute:
/// Windows event data (`<Data Name='TargetUserName'>`), generic field,
/// property and parameter lists.
const GENERIC_ELEMENTS: &[&str] = &[
    "data",
    "field",
    "attribute",
    "attr",
    "property",
    "param",
    "parameter",
    "entry",
    "item",
    "value",
];

/// `local` is one of [`GENERIC_ELEMENTS`], in any case.
fn generic(local: &[u8]) -> bool {
    GENERIC_ELEMENTS.iter().any(|g| local.eq_ignore_ascii_case(g.as_bytes()))
}

/// The value of the opening tag's `Name`, `name` or `key` attribute
/// (`Data Name='TargetUserName'`; `name_len`: the element name's length),
/// read by quick-xml as the document readers read attributes.
fn name_attribute(tag: &[u8], name_len: usize) -> Option<&[u8]> {
    let text = std::str::from_utf8(tag).ok()?;
    let parsed = BytesStart::from_content(text, name_len);
    let value = parsed.attributes().flatten().find_map(|a| {
        let key = a.key.local_name();
        [&b"name"[..], b"key"]
            .iter()
            .any(|k| key.as_ref().eq_ignore_ascii_case(k))
            .then_some(a.value)
    })?;
    // The raw value is a slice of `tag`: hand back that slice, not a copy.
    let start = (value.as_ptr() as usize).checked_sub(tag.as_ptr() as usize)?;
    tag.get(start..start + value.len())
        .filter(|v| !v.is_empty() && *v == &value[..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, String)> {
        let hay = text.as_bytes();
        let mut found = Vec::new();
        elements(hay, 0..hay.len(), |name, v| {
            found.push((
                String::from_utf8_lossy(name).into_owned(),
                text[v].to_string(),
            ))
        });
        found
    }

    #[test]
    fn documents() {
        assert!(sniff(b"<?xml version=\"1.0\"?>\n"));
        assert!(sniff(b"<Export>\n"));
        assert!(!sniff(b"{\"a\": 1}\n"));
        assert!(!sniff(b"< not xml\n"));
    }

    #[test]
    fn one_line_elements() {
        assert_eq!(
            all("      <cap>00179</cap><citta>ROMA</citta>"),
            [("cap".into(), "00179".into()), ("citta".into(), "ROMA".into())]
        );
        assert_eq!(
            all(r#"<ns:zip type="home">80337</ns:zip>"#),
            [("zip".into(), "80337".into())]
        );
        // Nested or empty elements, and text closed by another tag.
        assert!(all("<a><b>x</b></a>").iter().all(|(n, _)| n == "b"));
        assert!(all("<zip></zip><zip/>").is_empty());
        assert!(all("<zip>80337</postcode>").is_empty());
    }

    #[test]
    fn generic_elements_are_named_by_their_attribute() {
        assert_eq!(
            all("<Data Name='SubjectUserSid'>S-1-5-18</Data><Data Name='TargetUserName'>s.roux</Data>"),
            [
                ("SubjectUserSid".into(), "S-1-5-18".into()),
                ("TargetUserName".into(), "s.roux".into())
            ]
        );
        assert_eq!(
            all(r#"<field type="string" name="mobile">0612345678</field>"#),
            [("mobile".into(), "0612345678".into())]
        );
        // Other elements keep their own name; no name attribute, no rename.
        assert_eq!(
            all(r#"<zip name="home">80337</zip><Data>x</Data>"#),
            [("zip".into(), "80337".into()), ("Data".into(), "x".into())]
        );
    }
}
