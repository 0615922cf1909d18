//! vCard address books and iCalendar files: values by the property that
//! holds them.
//!
//! A phone's or a mail client's contact export (`.vcf`) writes a person as
//! `N:Lefèvre;Anne-Sophie;;;`, `ADR;TYPE=home:;;14 rue des
//! Capucins;Lyon;;69001;France` and `BDAY:1986-04-23`; a calendar
//! (`.ics`) names its people in `ORGANIZER;CN=Inês Carvalho:mailto:...`
//! and `ATTENDEE;...;CN=PARK Ji-woo;...`. The property says what each
//! component is (RFC 6350, RFC 5545), which no regex and no name list can
//! tell from the text alone (`TANAKA Hiroshi`, a surname alone in `N`).
//!
//! It runs only on files that start like one (`BEGIN:VCARD`,
//! `BEGIN:VCALENDAR`, [`sniff`]). Each value must match its rule's regex
//! whole and pass its validator, so a pattern file decides what is
//! reported.

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a property's value (or component) is reported as.
    enum Role {
        PersonName => "vcard-person-name",
        Street => "vcard-street-address",
        PostalCode => "vcard-postal-code",
        BirthDate => "vcard-date-of-birth",
        Phone => "vcard-phone",
        /// `GEO:45.7679;4.8322` (vCard 3, iCalendar) or `geo:` URIs.
        Geo => "vcard-geo",
    }
}

/// The file whose first line is `head` is a vCard or iCalendar file.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let starts = |p: &[u8]| {
        head.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    starts(b"BEGIN:VCARD") || starts(b"BEGIN:VCALENDAR")
}

/// Report the values of the vCard and iCalendar content lines starting in
/// `body` through `emit` (the caller sorts them), under the `vcard-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    let mut card = Card::default();
    for line in lines_starting_in(hay, body) {
        content_line(hay, line, &mut card, emit);
    }
}

/// What the lines of the current card said so far.
#[derive(Default)]
struct Card {
    /// Its `N` property has no name in it (`N:;;;;`): the card is a
    /// company's, and its `FN` the company's name.
    unnamed: bool,
}

/// Read one content line: `[group.]NAME[;PARAM=..]*:VALUE`.
fn content_line(
    hay: &[u8],
    line: Range<usize>,
    card: &mut Card,
    emit: &mut Emit<Role>,
) {
    let bytes = &hay[line.clone()];
    // Folded continuation lines start with a space or a tab.
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return;
    }
    let name_end = bytes
        .iter()
        .position(|&b| b == b';' || b == b':')
        .unwrap_or(bytes.len());
    let name = &bytes[..name_end];
    // `item1.TEL`: a group prefix.
    let name = match memchr::memrchr(b'.', name) {
        Some(i) => &name[i + 1..],
        None => name,
    };
    let Some(colon) = value_start(bytes, name_end) else { return };
    let params = line.start + name_end..line.start + colon;
    let value = line.start + colon + 1..line.end;
    let is = |p: &[u8]| name.eq_ignore_ascii_case(p);
    if is(b"BEGIN") {
        *card = Card::default();
    } else if is(b"N") {
        // Family; given; additional names; prefixes; suffixes.
        card.unnamed = true;
        for part in components(hay, value).take(3) {
            card.unnamed &= part.is_empty();
            emit.value(Role::PersonName, part);
        }
    } else if is(b"FN") {
        if !card.unnamed {
            emit.value(Role::PersonName, value);
        }
    } else if is(b"GEO") {
        let v = &hay[value.clone()];
        let skip = if v.len() > 4 && v[..4].eq_ignore_ascii_case(b"geo:") {
            4
        } else {
            0
        };
        // The validator reads `lat,lon`: vCard 3 and iCalendar write `;`.
        let span = value.start + skip..value.end;
        let mut checked = [0u8; 64];
        let n = span.len().min(checked.len());
        for (c, &b) in checked.iter_mut().zip(&hay[span.clone()]) {
            *c = if b == b';' { b',' } else { b };
        }
        emit.value_as(Role::Geo, span, &checked[..n]);
    } else if is(b"ADR") {
        // PO box; extended; street; locality; region; postal code; country.
        let parts: Vec<Range<usize>> =
            components(hay, value).take(6).collect();
        if let Some(street) = parts.get(2) {
            emit.value(Role::Street, street.clone());
        }
        if let Some(postal) = parts.get(5) {
            emit.value(Role::PostalCode, postal.clone());
        }
    } else if is(b"BDAY") {
        emit.value(Role::BirthDate, value);
    } else if is(b"TEL") {
        let v = &hay[value.clone()];
        let skip = if v.len() > 4 && v[..4].eq_ignore_ascii_case(b"tel:") {
            4
        } else {
            0
        };
        emit.value(Role::Phone, value.start + skip..value.end);
    } else if is(b"ORGANIZER") || is(b"ATTENDEE") {
        // Rooms, resources and groups have names too.
        let person = parameter(hay, params.clone(), b"CUTYPE")
            .map_or(true, |t| hay[t].eq_ignore_ascii_case(b"INDIVIDUAL"));
        if let (true, Some(cn)) = (person, parameter(hay, params, b"CN")) {
            emit.value(Role::PersonName, cn);
        }
    }
}

/// Where the value of a content line starts: the first `:` after the
/// name that is not inside a quoted parameter value.
fn value_start(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// The value of parameter `name` (`;CN=Ana Lima` or `;CN="Lima, Ana"`)
/// among `params`, without its quotes.
fn parameter(
    hay: &[u8],
    params: Range<usize>,
    name: &[u8],
) -> Option<Range<usize>> {
    let bytes = &hay[params.clone()];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b';' {
            i += 1;
            continue;
        }
        let key = i + 1;
        let eq = key + bytes[key..].iter().position(|&b| b == b'=')?;
        let (start, end) = if bytes.get(eq + 1) == Some(&b'"') {
            let close = eq + 2 + memchr::memchr(b'"', &bytes[eq + 2..])?;
            (eq + 2, close)
        } else {
            let end = bytes[eq + 1..]
                .iter()
                .position(|&b| b == b';')
                .map_or(bytes.len(), |p| eq + 1 + p);
            (eq + 1, end)
        };
        if bytes[key..eq].eq_ignore_ascii_case(name) {
            return Some(params.start + start..params.start + end);
        }
        i = end;
    }
    None
}

/// The `;`-separated components of a value (`\;` is no separator).
fn components(
    hay: &[u8],
    value: Range<usize>,
) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = value.start;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut i = start;
        while i < value.end {
            match hay[i] {
                b'\\' => i += 2,
                b';' => break,
                _ => i += 1,
            }
        }
        let i = i.min(value.end);
        let part = start..i;
        if i >= value.end {
            done = true;
        }
        start = i + 1;
        Some(part)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_start_like_cards_or_calendars() {
        assert!(sniff(b"BEGIN:VCARD\r\n"));
        assert!(sniff(b"\xEF\xBB\xBFbegin:vcalendar\n"));
        assert!(!sniff(b"BEGIN;\n"));
        assert!(!sniff(b"id,name\n"));
    }

    #[test]
    fn components_and_parameters() {
        let hay = b";;14 rue des Capucins;Lyon;;69001;France";
        let parts: Vec<&[u8]> =
            components(hay, 0..hay.len()).map(|r| &hay[r]).collect();
        assert_eq!(parts[2], b"14 rue des Capucins");
        assert_eq!(parts[5], b"69001");
        let hay = b"a\\;b;c";
        let parts: Vec<&[u8]> =
            components(hay, 0..hay.len()).map(|r| &hay[r]).collect();
        assert_eq!(parts, [&b"a\\;b"[..], b"c"]);
        let hay = b";ROLE=REQ;CN=\"Lima, Ana\";X=1";
        let cn = parameter(hay, 0..hay.len(), b"CN").unwrap();
        assert_eq!(&hay[cn], b"Lima, Ana");
        let hay = b";CUTYPE=ROOM;CN=PARK Ji-woo";
        assert_eq!(
            &hay[parameter(hay, 0..hay.len(), b"CUTYPE").unwrap()],
            b"ROOM"
        );
        let cn = parameter(hay, 0..hay.len(), b"cn").unwrap();
        assert_eq!(&hay[cn], b"PARK Ji-woo");
        assert_eq!(value_start(b"X;A=\"a:b\":v", 1), Some(9));
    }
}
