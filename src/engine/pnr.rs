//! Airline reservations (PNRs) as a reservation system prints them:
//! passenger names, travel documents and the names and numbers that
//! refer back to the passengers.
//!
//! A PNR display (`RP/PEKCA38AB/...`) lists its passengers as name
//! elements, `1.ZHANG/WEI MR   2.LIU/YANG MS`, surname first and in
//! capitals; its history repeats them as `NM/1ZHANG/WEI MR`. The
//! travel-document element `SSR DOCS UA HK1 P/USA/548612379/USA/14MAR86/
//! M/12JUN31/KOWALSKI/ADAM/P1` gives document type, issuing country,
//! number, nationality, birth date, gender, expiry and the name, each in
//! its place. No name list knows `LIU/YANG` is a person and no regex can
//! tell a birth date from the expiry beside it; the element can. Once a
//! passenger is known, the same name elsewhere in the reservation
//! (`RF-ZHANG WEI MR 13910284471`, `OSI ... REF HUANG ZIHAO TEL ...`) is
//! that person too, in either order.
//!
//! The address element `SSR DOCA UA HK1 R/USA/2280 LARKIN ST APT 6/SAN
//! FRANCISCO/CA/94109/P1` is read the same way (a residence, type `R`;
//! the destination, type `D`, is mostly a hotel), and so are the id of
//! `SSR FOID CA HK1 NI110105198507231238/P1`, the mobile of `SSR CTCM`
//! and the card of a form of payment (`FP CCVI4495113407723993/0928`),
//! whose qualifiers are glued to the value where no word boundary holds.
//!
//! Runs on chunks that hold a PNR display or its elements near their
//! start (`RP/`, `SSR `, `SR/`, [`sniff`]), so other text costs one short
//! search per chunk.

use std::ops::Range;

use memchr::memmem;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a value of a reservation is reported as.
    enum Role {
        PersonName => "pnr-person-name",
        BirthDate => "pnr-date-of-birth",
        /// A US passport in a `DOCS` element.
        Passport => "pnr-passport",
        /// A number after a passenger's name (`RF-`) or `TEL`.
        Phone => "pnr-phone",
        /// The street of a residence in a `DOCA` element.
        Street => "pnr-street-address",
        PostalCode => "pnr-postal-code",
        /// A national id in a `FOID` element (`NI110105198507231238`).
        ResidentId => "pnr-resident-id",
        /// A card number in a form of payment (`FP CCVI4495113407723993`).
        Card => "pnr-card",
    }
}

/// Titles written after a passenger's given names.
const TITLES: &[&[u8]] =
    &[b"MR", b"MRS", b"MS", b"MSTR", b"MISS", b"DR", b"CHD", b"INF"];

/// Most passengers a reservation is read with (a group booking beyond it
/// still has its name elements read).
const MAX_PASSENGERS: usize = 99;

/// Bytes at the start of a chunk searched for a reservation: a chunk of
/// a reservation export holds one element or more in far less.
const SNIFF_WINDOW: usize = 64 << 10;

/// `body` starts with a reservation display or its elements (`RP/` heads
/// a display, `SSR ` and, in its history, `SR/` an element).
pub(crate) fn sniff(body: &[u8]) -> bool {
    let body = &body[..body.len().min(SNIFF_WINDOW)];
    memmem::find(body, b"RP/").is_some()
        || memmem::find_iter(body, b"SR")
            .any(|i| matches!(body.get(i + 2), Some(b' ' | b'/')))
}

/// Report the values of the reservation lines starting in `body` through
/// `emit` (the caller sorts them), under the `pnr-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    if !sniff(&hay[body.clone()]) {
        return;
    }
    let mut passengers = Vec::new();
    for line in lines_starting_in(hay, body) {
        read_line(hay, line, &mut passengers, emit);
    }
}

/// A passenger of the reservation being read: surname and given names
/// as written in its name element, in capitals.
struct Passenger {
    surname: Vec<u8>,
    given: Vec<u8>,
}

/// Read one line of a display.
fn read_line(
    hay: &[u8],
    line: Range<usize>,
    passengers: &mut Vec<Passenger>,
    emit: &mut Emit<Role>,
) {
    let bytes = &hay[line.clone()];
    let at = |i: usize| line.start + i;
    let indent = bytes.iter().take_while(|&&b| b == b' ').count();
    if bytes[indent..].starts_with(b"RP/") {
        // A new reservation: its own passengers.
        passengers.clear();
        return;
    }
    let mut named = false;
    // Name elements: `1.ZHANG/WEI MR   2.LIU/YANG MS`.
    let mut i = indent;
    while let Some(dot) = element_number(bytes, i) {
        let Some(name) = name_at(bytes, dot + 1) else { break };
        named = true;
        add_passenger(passengers, bytes, name.clone());
        emit.value(Role::PersonName, at(name.start)..at(name.end));
        i = name.end + skip_title(&bytes[name.end..]);
        i += bytes[i..].iter().take_while(|&&b| b == b' ').count();
    }
    // History: `NM/1ZHANG/WEI MR`.
    for nm in memmem::find_iter(bytes, b"NM/") {
        let digits =
            bytes[nm + 3..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            continue;
        }
        if let Some(name) = name_at(bytes, nm + 3 + digits) {
            named = true;
            add_passenger(passengers, bytes, name.clone());
            emit.value(Role::PersonName, at(name.start)..at(name.end));
        }
    }
    if let Some(foid) = memmem::find(bytes, b"FOID ") {
        national_id(bytes, foid + 5, line.start, emit);
        return;
    }
    if let Some(ctcm) = memmem::find(bytes, b"CTCM ") {
        if let Some(fields) = element_fields(bytes, ctcm + 5).first() {
            emit.value(Role::Phone, at(fields.start)..at(fields.end));
        }
        return;
    }
    if let Some(fp) = memmem::find(bytes, b"FP ") {
        payment_card(bytes, fp + 3, line.start, emit);
        return;
    }
    if let Some(doca) = memmem::find(bytes, b"DOCA ") {
        address(bytes, doca + 5, line.start, emit);
        return;
    }
    if let Some(docs) = memmem::find(bytes, b"DOCS ") {
        named |=
            travel_document(bytes, docs + 5, line.start, passengers, emit);
    }
    if named {
        return;
    }
    let mentioned = mentions(bytes, passengers, line.start, emit);
    phones(bytes, mentioned, line.start, emit);
}

/// The `.` of a name element's number (`1.`, `12.`) at `i`, if any.
fn element_number(bytes: &[u8], i: usize) -> Option<usize> {
    let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=3).contains(&digits).then_some(i + digits).filter(|&dot| {
        bytes.get(dot) == Some(&b'.')
            && bytes.get(dot + 1).is_some_and(u8::is_ascii_uppercase)
    })
}

/// A `SURNAME/GIVEN NAMES` name starting at `i`, up to its title, two
/// spaces or the end of its element.
fn name_at(bytes: &[u8], i: usize) -> Option<Range<usize>> {
    let word = |from: usize| {
        let n = bytes[from..]
            .iter()
            .take_while(|&&b| {
                b.is_ascii_uppercase() || b == b'\'' || b == b'-'
            })
            .count();
        (n > 0 && bytes[from].is_ascii_uppercase()).then_some(from + n)
    };
    let slash = word(i)?;
    if bytes.get(slash) != Some(&b'/') {
        return None;
    }
    let mut end = word(slash + 1)?;
    while bytes.get(end) == Some(&b' ') {
        let Some(next) = word(end + 1) else { break };
        if TITLES.contains(&&bytes[end + 1..next]) {
            break;
        }
        end = next;
    }
    // `CA/NF6KQP`, a carrier's record locator, is no name.
    if bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some(i..end)
}

/// Bytes of ` MR` (a title) at the start of `rest`.
fn skip_title(rest: &[u8]) -> usize {
    let word_end = |from: usize| {
        from + rest[from..]
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count()
    };
    if rest.first() == Some(&b' ') {
        let end = word_end(1);
        if TITLES.contains(&&rest[1..end]) {
            return end;
        }
    }
    0
}

/// Remember the passenger named at `name` (`SURNAME/GIVEN`).
fn add_passenger(
    passengers: &mut Vec<Passenger>,
    bytes: &[u8],
    name: Range<usize>,
) {
    let text = &bytes[name];
    let Some(slash) = memchr::memchr(b'/', text) else { return };
    let surname = &text[..slash];
    let given = &text[slash + 1..];
    // A DOCS name may carry a middle name after another `/`.
    let given = given.split(|&b| b == b'/').next().unwrap_or(given);
    if passengers.len() >= MAX_PASSENGERS
        || passengers.iter().any(|p| p.surname == surname && p.given == given)
    {
        return;
    }
    passengers
        .push(Passenger { surname: surname.to_vec(), given: given.to_vec() });
}

/// The `/`-separated fields of the `SSR` element whose carrier code
/// starts at `i` (`UA HK1 P/USA/...` or `UA HK1/P/USA/...`): the first
/// [`MAX_FIELDS`], the last of the line running to its end.
fn element_fields(bytes: &[u8], i: usize) -> Vec<Range<usize>> {
    let mut fields = Vec::new();
    let Some(status_len) = bytes
        .get(i + 3..)
        .and_then(|r| r.iter().position(|&b| b == b' ' || b == b'/'))
    else {
        return fields;
    };
    let first = (i + 3 + status_len + 1).min(bytes.len());
    let mut start = first;
    for end in memchr::memchr_iter(b'/', &bytes[first..])
        .map(|j| first + j)
        .chain([bytes.len()])
    {
        if fields.len() == MAX_FIELDS || end < start {
            break;
        }
        fields.push(start..end);
        start = end + 1;
    }
    fields
}

/// Fields of a `DOCS` element read: type, issuer, number, nationality,
/// birth date, gender, expiry, surname, given names, middle name.
const MAX_FIELDS: usize = 10;

/// Read a `DOCS` element whose carrier code starts at `i`: the name, the
/// birth date and a US passport. True if it named a passenger.
fn travel_document(
    bytes: &[u8],
    i: usize,
    offset: usize,
    passengers: &mut Vec<Passenger>,
    emit: &mut Emit<Role>,
) -> bool {
    let fields = element_fields(bytes, i);
    if fields.len() < 9 {
        return false;
    }
    let field = |k: usize| &bytes[fields[k].clone()];
    let at = |r: &Range<usize>| offset + r.start..offset + r.end;
    if field(0) == b"P" && field(1) == b"USA" {
        emit.value(Role::Passport, at(&fields[2]));
    }
    emit.value(Role::BirthDate, at(&fields[4]));
    if fields[7].is_empty() || fields[8].is_empty() {
        return false;
    }
    // Surname, given names and a middle name (not the `H` of a holder, nor
    // the `P1` passenger association).
    let mut end = fields[8].end;
    if let Some(middle) = fields.get(9).map(|r| &bytes[r.clone()]) {
        let association = middle.first() == Some(&b'P')
            && middle.get(1).is_some_and(u8::is_ascii_digit);
        if middle.len() > 1
            && !association
            && middle.iter().all(|&b| b.is_ascii_uppercase() || b == b' ')
        {
            end = fields[9].end;
        }
    }
    let name = fields[7].start..end;
    add_passenger(passengers, bytes, name.clone());
    emit.value(Role::PersonName, at(&name));
    true
}

/// Read a `DOCA` element whose carrier code starts at `i`: the street and
/// postal code of a residence (type, country, street, city, state, postal
/// code).
fn address(bytes: &[u8], i: usize, offset: usize, emit: &mut Emit<Role>) {
    let fields = element_fields(bytes, i);
    if fields.len() < 6 || &bytes[fields[0].clone()] != b"R" {
        return;
    }
    let at = |r: &Range<usize>| offset + r.start..offset + r.end;
    emit.value(Role::Street, at(&fields[2]));
    emit.value(Role::PostalCode, at(&fields[5]));
}

/// Read a `FOID` element whose carrier code starts at `i`: a national id
/// (`NI`) is a Chinese resident id when its validator says so.
fn national_id(bytes: &[u8], i: usize, offset: usize, emit: &mut Emit<Role>) {
    let fields = element_fields(bytes, i);
    if let Some(id) =
        fields.first().filter(|f| bytes[f.start..].starts_with(b"NI"))
    {
        emit.value(Role::ResidentId, offset + id.start + 2..offset + id.end);
    }
}

/// Read a form of payment whose text starts at `i`: `CC`, the card
/// issuer's code and the number (`CCVI4495113407723993/0928`), optionally
/// after `PAX `.
fn payment_card(bytes: &[u8], i: usize, offset: usize, emit: &mut Emit<Role>) {
    let rest = &bytes[i..];
    let rest_at = i + if rest.starts_with(b"PAX ") { 4 } else { 0 };
    let form = &bytes[rest_at..];
    if form.len() < 4
        || !form.starts_with(b"CC")
        || !form[2..4].iter().all(u8::is_ascii_uppercase)
    {
        return;
    }
    let start = rest_at + 4;
    let digits =
        bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
    emit.value(Role::Card, offset + start..offset + start + digits);
}

/// Report passengers named in free text (`RF-ZHANG WEI`, `ATTN TAN BEE
/// LENG`), surname first or last; the end of the last one, or 0.
fn mentions(
    bytes: &[u8],
    passengers: &[Passenger],
    offset: usize,
    emit: &mut Emit<Role>,
) -> usize {
    let mut last_end = 0;
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut form = Vec::new();
    for p in passengers {
        let spaced = p.given.contains(&b' ');
        let joined: Vec<u8> =
            p.given.iter().copied().filter(|&b| b != b' ').collect();
        for given in [&p.given[..], &joined[..]]
            .into_iter()
            .take(1 + usize::from(spaced))
        {
            for surname_first in [true, false] {
                form.clear();
                let (a, b) = if surname_first {
                    (&p.surname[..], given)
                } else {
                    (given, &p.surname[..])
                };
                form.extend_from_slice(a);
                form.push(b' ');
                form.extend_from_slice(b);
                for s in memmem::find_iter(bytes, &form) {
                    let e = s + form.len();
                    let bounded = (s == 0
                        || !bytes[s - 1].is_ascii_alphanumeric())
                        && bytes
                            .get(e)
                            .map_or(true, |b| !b.is_ascii_alphanumeric());
                    if bounded
                        && !found.iter().any(|r| r.start < e && s < r.end)
                    {
                        found.push(s..e);
                        last_end = last_end.max(e);
                        emit.value(Role::PersonName, offset + s..offset + e);
                    }
                }
            }
        }
    }
    last_end
}

/// Report a phone number after a passenger's name or after `TEL`
/// (`RF-ZHANG WEI MR 13910284471`, `TEL 18667031942`).
fn phones(
    bytes: &[u8],
    after_name: usize,
    offset: usize,
    emit: &mut Emit<Role>,
) {
    let mut report = |from: usize| {
        let start = from
            + bytes[from..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'+')
                .count();
        let start = if start > from && bytes[start - 1] == b'+' {
            start - 1
        } else {
            start
        };
        let digits = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit() || **b == b'+')
            .count();
        let end = start + digits;
        if digits > 0
            && bytes.get(end).map_or(true, |b| !b.is_ascii_alphanumeric())
        {
            emit.value(Role::Phone, offset + start..offset + end);
        }
    };
    if after_name > 0 {
        let rest = &bytes[after_name..];
        report(after_name + skip_title(rest));
    }
    for tel in memmem::find_iter(bytes, b"TEL ") {
        if tel == 0 || bytes[tel - 1] == b' ' {
            report(tel + 4);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_elements() {
        let line = b"  1.ZHANG/WEI MR   2.TAN/BEE LENG MS";
        let dot = element_number(line, 2).unwrap();
        let name = name_at(line, dot + 1).unwrap();
        assert_eq!(&line[name.clone()], b"ZHANG/WEI");
        let next = name.end + skip_title(&line[name.end..]) + 3;
        let dot = element_number(line, next).unwrap();
        assert_eq!(&line[name_at(line, dot + 1).unwrap()], b"TAN/BEE LENG");
        assert_eq!(element_number(b"  3  CA1519 Y 05JUL", 2), None);
        assert_eq!(name_at(b"CA/NF6KQP", 0), None);
        assert_eq!(name_at(b"PEKSHA HK2", 0), None);
    }

    #[test]
    fn sniffs_displays_and_elements() {
        assert!(sniff(b"RP/PEKCA38AB/PEKCA38AB   SG/SU"));
        assert!(sniff(b" 9 SSR DOCS UA HK1 P/USA/5/USA/14MAR86/M/1/A/B"));
        assert!(sniff(b"    000 SR/DOCS UA HK1 P/USA/5"));
        assert!(!sniff(b"GET /api/v1/users HTTP/1.1 SRE"));
    }
}
