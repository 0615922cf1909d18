//! HL7 v2 messages: values found by the segment field that holds them.
//!
//! Hospital feeds (ADT, ORU, ORM, DFT) are segments of `|`-separated
//! fields whose components are separated by `^`: a patient's name is
//! `GARCIA^MARIA^LUISA`, a birth date `19780412`, an address
//! `1427 W ELM ST^APT 3B^SAINT LOUIS^MO^63110`, an SSN a bare `596258835`.
//! None of these is a capitalized run the name detector reads or a shape a
//! regex can tell from a lab value, but the standard fixes which field of
//! which segment holds what (PID-5 the patient's name, PID-7 the birth
//! date, PID-11 the address, PID-19 the SSN, PV1-7 the attending doctor),
//! so this detector reads those fields.
//!
//! It runs only on files that start like an HL7 feed (an `MSH`, `FHS` or
//! `BHS` header, [`Delimiters::sniff`]), and takes the delimiters from
//! that header. Each value must still match its rule's regex whole and
//! pass the rule's validator, so a pattern file decides what is reported.

use std::ops::Range;

use super::records::{self, Emit};

records::roles! {
    /// What a value of a known field is reported as: one rule each.
    enum Role {
        PersonName => "hl7-person-name",
        BirthDate => "hl7-date-of-birth",
        Street => "hl7-street-address",
        PostalCode => "hl7-postal-code",
        Phone => "hl7-phone",
        Ssn => "hl7-ssn",
        Passport => "hl7-passport",
        /// The login of the operator who triggered an event (EVN-5).
        Operator => "hl7-operator",
    }
}

/// The HL7 data types of the fields read, by what their components hold.
#[derive(Debug, Clone, Copy)]
enum DataType {
    /// Person name: family ^ given ^ middle ^ ...
    Xpn,
    /// Person with an id: id ^ family ^ given ^ middle ^ ...
    Xcn,
    /// [`DataType::Xcn`] whose id is a login when a name comes with it.
    OperatorXcn,
    /// Address: street ^ other ^ city ^ state ^ postal code ^ country.
    Xad,
    /// Telephone: the number as written, or area code (6) and local
    /// number (7).
    Xtn,
    /// A birth date (timestamp, date first).
    BirthTs,
    /// An SSN, alone in its field.
    Ssn,
    /// Identifier list: id ^ ^ ^ authority ^ identifier type code
    /// (`SS` an SSN, `PPN` a passport number).
    Cx,
}

/// Fields holding personal data, as (segment, field number, type), from
/// HL7 v2.5.1 chapters 2-6. Field numbers count from 1 after the
/// segment id (MSH, which counts its separator as field 1, is not read).
const FIELDS: &[(&[u8; 3], usize, DataType)] = &[
    (b"PID", 3, DataType::Cx),
    (b"PID", 5, DataType::Xpn),
    (b"PID", 6, DataType::Xpn),
    (b"PID", 7, DataType::BirthTs),
    (b"PID", 9, DataType::Xpn),
    (b"PID", 11, DataType::Xad),
    (b"PID", 13, DataType::Xtn),
    (b"PID", 14, DataType::Xtn),
    (b"PID", 19, DataType::Ssn),
    (b"PD1", 4, DataType::Xcn),
    (b"NK1", 2, DataType::Xpn),
    (b"NK1", 4, DataType::Xad),
    (b"NK1", 5, DataType::Xtn),
    (b"NK1", 6, DataType::Xtn),
    (b"NK1", 16, DataType::BirthTs),
    (b"NK1", 37, DataType::Ssn),
    (b"PV1", 7, DataType::Xcn),
    (b"PV1", 8, DataType::Xcn),
    (b"PV1", 9, DataType::Xcn),
    (b"PV1", 17, DataType::Xcn),
    (b"PV1", 52, DataType::Xcn),
    (b"EVN", 5, DataType::OperatorXcn),
    (b"ORC", 10, DataType::Xcn),
    (b"ORC", 11, DataType::Xcn),
    (b"ORC", 12, DataType::Xcn),
    (b"OBR", 16, DataType::Xcn),
    (b"OBR", 28, DataType::Xcn),
    (b"GT1", 3, DataType::Xpn),
    (b"GT1", 5, DataType::Xad),
    (b"GT1", 6, DataType::Xtn),
    (b"GT1", 7, DataType::Xtn),
    (b"GT1", 8, DataType::BirthTs),
    (b"GT1", 12, DataType::Ssn),
    (b"IN1", 16, DataType::Xpn),
    (b"IN1", 18, DataType::BirthTs),
    (b"IN1", 19, DataType::Xad),
    (b"IN2", 2, DataType::Ssn),
    (b"MRG", 7, DataType::Xpn),
];

/// Components of one field repetition read at most.
const MAX_COMPONENTS: usize = 8;

/// The delimiters of a feed, from its header segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Delimiters {
    field: u8,
    component: u8,
    repetition: u8,
}

impl Delimiters {
    /// The delimiters of a file whose first line is `head`, if it starts
    /// with an HL7 header segment (`MSH|^~\&|...`, or a batch's `FHS`,
    /// `BHS`), optionally after MLLP's start-of-block byte: the field
    /// separator after the segment id, then four distinct encoding
    /// characters (component, repetition, escape, subcomponent).
    pub(crate) fn sniff(head: &[u8]) -> Option<Delimiters> {
        let head = head.strip_prefix(b"\x0b").unwrap_or(head);
        if !matches!(head.get(..3)?, b"MSH" | b"FHS" | b"BHS") {
            return None;
        }
        let field = *head.get(3)?;
        let enc = head.get(4..8)?;
        let punct = |b: u8| b.is_ascii_punctuation();
        let distinct =
            (0..4).all(|i| enc[i] != field && !enc[i + 1..].contains(&enc[i]));
        (punct(field) && enc.iter().all(|&b| punct(b)) && distinct).then_some(
            Delimiters { field, component: enc[0], repetition: enc[1] },
        )
    }
}

/// Report the values of the fields in [`FIELDS`] of the segments starting
/// in `body` through `emit` (the caller sorts them), under the `hl7-*` rules.
pub(crate) fn scan(
    emit: &mut Emit<Role>,
    hay: &[u8],
    body: Range<usize>,
    delims: Delimiters,
) {
    let mut pos = body.start;
    // A segment cut by the chunk boundary belongs to the chunk before.
    if pos > 0 && !matches!(hay[pos - 1], b'\r' | b'\n') {
        pos = next_segment(hay, pos);
    }
    while pos < body.end {
        let end = memchr::memchr2(b'\r', b'\n', &hay[pos..])
            .map_or(hay.len(), |i| pos + i);
        segment(hay, pos..end, delims, emit);
        pos = end + 1;
    }
}

fn next_segment(hay: &[u8], from: usize) -> usize {
    memchr::memchr2(b'\r', b'\n', &hay[from..])
        .map_or(hay.len(), |i| from + i + 1)
}

/// Read one segment (`seg` without its terminator).
fn segment(
    hay: &[u8],
    seg: Range<usize>,
    d: Delimiters,
    emit: &mut Emit<Role>,
) {
    let bytes = &hay[seg.clone()];
    if bytes.len() < 5 || bytes[3] != d.field {
        return;
    }
    let id = &bytes[..3];
    let Some(first) = FIELDS.iter().position(|(s, _, _)| s.as_slice() == id)
    else {
        return;
    };
    let wanted =
        FIELDS[first..].iter().take_while(|(s, _, _)| s.as_slice() == id);
    let last = wanted.clone().map(|(_, n, _)| *n).max().unwrap_or(0);
    let mut wanted = wanted.peekable();
    let mut number = 0;
    let mut start = seg.start + 4;
    while number < last && start <= seg.end {
        number += 1;
        let end = memchr::memchr(d.field, &hay[start..seg.end])
            .map_or(seg.end, |i| start + i);
        while let Some((_, n, ty)) = wanted.peek() {
            if *n > number {
                break;
            }
            if *n == number {
                field(hay, start..end, *ty, d, emit);
            }
            wanted.next();
        }
        start = end + 1;
    }
}

/// Read one field of type `ty`, repetition by repetition.
fn field(
    hay: &[u8],
    f: Range<usize>,
    ty: DataType,
    d: Delimiters,
    emit: &mut Emit<Role>,
) {
    let mut start = f.start;
    while start < f.end {
        let end = memchr::memchr(d.repetition, &hay[start..f.end])
            .map_or(f.end, |i| start + i);
        repetition(hay, start..end, ty, d, emit);
        start = end + 1;
    }
}

/// The first [`MAX_COMPONENTS`] components of `r` (empty past its end).
fn components(
    hay: &[u8],
    r: Range<usize>,
    d: Delimiters,
) -> [Range<usize>; MAX_COMPONENTS] {
    let mut out: [Range<usize>; MAX_COMPONENTS] = Default::default();
    let mut start = r.start;
    for slot in &mut out {
        if start > r.end {
            *slot = r.end..r.end;
            continue;
        }
        let end = memchr::memchr(d.component, &hay[start..r.end])
            .map_or(r.end, |i| start + i);
        *slot = start..end;
        start = end + 1;
    }
    out
}

/// From the first to the last non-empty component of `parts`.
fn spanning(parts: &[Range<usize>]) -> Option<Range<usize>> {
    let first = parts.iter().find(|p| !p.is_empty())?;
    let last = parts.iter().rev().find(|p| !p.is_empty())?;
    Some(first.start..last.end)
}

fn repetition(
    hay: &[u8],
    r: Range<usize>,
    ty: DataType,
    d: Delimiters,
    emit: &mut Emit<Role>,
) {
    let c = components(hay, r.clone(), d);
    match ty {
        // Family, given and middle names; suffixes, titles and degrees
        // stay out.
        DataType::Xpn => {
            if let Some(name) = spanning(&c[..3]) {
                emit.value(Role::PersonName, name);
            }
        }
        DataType::Xcn | DataType::OperatorXcn => {
            let Some(name) = spanning(&c[1..4]) else { return };
            emit.value(Role::PersonName, name);
            // An operator with a name is a person's login (`JTHOMPSON3`);
            // one without is a terminal or an interface (`KIOSK02`).
            if matches!(ty, DataType::OperatorXcn) && !c[1].is_empty() {
                emit.value(Role::Operator, c[0].clone());
            }
        }
        DataType::Xad => {
            emit.value(Role::Street, c[0].clone());
            // Feeds that leave out the empty "other designation" component
            // shift the rest by one: a postal code in the state's place.
            let shifted = !emit.accepts(
                Role::PostalCode,
                &hay[c[4].clone()],
                &hay[c[4].clone()],
            );
            emit.value(
                Role::PostalCode,
                if shifted { c[3].clone() } else { c[4].clone() },
            );
        }
        DataType::Xtn => {
            if !c[0].is_empty() {
                emit.value(Role::Phone, c[0].clone());
            } else if !c[5].is_empty() && !c[6].is_empty() {
                // Area code and local number: the validator reads them as
                // one number.
                let mut digits = [0u8; 24];
                let mut n = 0;
                for &b in hay[c[5].clone()].iter().chain(&hay[c[6].clone()]) {
                    if n < digits.len() {
                        digits[n] = b;
                        n += 1;
                    }
                }
                emit.value_as(Role::Phone, c[5].start..c[6].end, &digits[..n]);
            }
        }
        DataType::BirthTs => emit.value(Role::BirthDate, c[0].clone()),
        DataType::Ssn => emit.value(Role::Ssn, c[0].clone()),
        DataType::Cx => match &hay[c[4].clone()] {
            b"SS" => emit.value(Role::Ssn, c[0].clone()),
            b"PPN" => emit.value(Role::Passport, c[0].clone()),
            _ => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_from_the_header() {
        let d = Delimiters::sniff(b"MSH|^~\\&|EPIC|X\r").unwrap();
        assert_eq!((d.field, d.component, d.repetition), (b'|', b'^', b'~'));
        assert!(Delimiters::sniff(b"\x0bMSH|^~\\&|A").is_some());
        assert!(Delimiters::sniff(b"BHS|^~\\&|A").is_some());
        // Not HL7: a word, repeated or missing encoding characters.
        assert!(Delimiters::sniff(b"MSHIP sailed").is_none());
        assert!(Delimiters::sniff(b"MSH|^^\\&|").is_none());
        assert!(Delimiters::sniff(b"MSH|^~").is_none());
        assert!(Delimiters::sniff(b"PID|1||").is_none());
    }

    #[test]
    fn components_and_spans() {
        let d = Delimiters::sniff(b"MSH|^~\\&|").unwrap();
        let hay = b"1609923484^LINDQVIST^PAUL^R^^^MD";
        let c = components(hay, 0..hay.len(), d);
        assert_eq!(&hay[c[1].clone()], b"LINDQVIST");
        assert_eq!(&hay[spanning(&c[1..4]).unwrap()], b"LINDQVIST^PAUL^R");
        let hay = b"DUFFY";
        let c = components(hay, 0..hay.len(), d);
        assert_eq!(&hay[spanning(&c[..3]).unwrap()], b"DUFFY");
        assert!(c[4].is_empty());
    }
}
