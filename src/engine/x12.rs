//! ASC X12 EDI interchanges (benefit enrolments 834, claims 837,
//! eligibility 270/271, remittances 835): values by segment and element.
//!
//! An interchange starts with a fixed-width `ISA` segment that declares
//! its delimiters: the element separator (`*`) right after `ISA`, the
//! component separator at byte 105 and the segment terminator (`~`)
//! after it. A member is written `NM1*IL*1*RAMIREZ*JOSE*L***34*090520054~`:
//! entity, person (1) or organisation (2), last, first and middle name,
//! and an id whose qualifier `34` says it is a Social Security number.
//! `DMG*D8*19840519*M~` is the birth date, `N3`/`N4` the street and the
//! postal code, `PER` the phones, `REF*0F`/`REF*SY` a subscriber's SSN.
//! No regex tells `RAMIREZ` from `LLC` or an SSN from a member id; the
//! segment does.
//!
//! Runs on files that start with an `ISA` segment ([`Delimiters::sniff`]).
//! A person's address and phones are read only after an `NM1` for a
//! person: a billing provider's `N3` is a company's.

use std::ops::Range;

use super::records::{self, Emit};

records::roles! {
    /// What an element's value is reported as.
    enum Role {
        PersonName => "x12-person-name",
        BirthDate => "x12-date-of-birth",
        Street => "x12-street-address",
        PostalCode => "x12-postal-code",
        Phone => "x12-phone",
        /// An id qualified as an SSN (`34`, `SY`) or a subscriber number
        /// (`0F`): reported as an SSN or an ITIN if a validator agrees.
        Ssn => "x12-ssn",
        Itin => "x12-itin",
    }
}

/// The delimiters an interchange declares in its `ISA` segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Delimiters {
    element: u8,
    segment: u8,
}

/// Length of an `ISA` segment without its terminator.
const ISA_LEN: usize = 105;

impl Delimiters {
    /// The delimiters of a file starting with `head`, if it starts with an
    /// `ISA` segment: the element separator after `ISA`, sixteen elements,
    /// the segment terminator right after the last one.
    pub(crate) fn sniff(head: &[u8]) -> Option<Delimiters> {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        if !head.starts_with(b"ISA") {
            return None;
        }
        let element = *head.get(3)?;
        let segment = *head.get(ISA_LEN)?;
        let isa = &head[..ISA_LEN];
        let ok = element.is_ascii_punctuation()
            && segment != element
            && !segment.is_ascii_alphanumeric()
            && memchr::memchr_iter(element, isa).count() == 16;
        ok.then_some(Delimiters { element, segment })
    }
}

/// Entity types of `NM1`'s second element.
const PERSON: &[u8] = b"1";

/// Report the values of the segments starting in `body` through `emit`
/// (the caller sorts them), under the `x12-*` rules.
pub(crate) fn scan(
    emit: &mut Emit<Role>,
    hay: &[u8],
    body: Range<usize>,
    d: Delimiters,
) {
    // The last `NM1` named a person: the `N3`, `N4` and `PER` after it are
    // theirs.
    let mut person = false;
    for seg in records::segments_starting_in(hay, body, d.segment, None) {
        segment(hay, seg, d, &mut person, emit);
    }
}

/// Read one segment (without its terminator).
fn segment(
    hay: &[u8],
    seg: Range<usize>,
    d: Delimiters,
    person: &mut bool,
    emit: &mut Emit<Role>,
) {
    let mut elements: [Range<usize>; 10] = std::array::from_fn(|_| 0..0);
    let mut n = 0;
    let mut start = seg.start;
    for end in memchr::memchr_iter(d.element, &hay[seg.clone()])
        .map(|i| seg.start + i)
        .chain([seg.end])
    {
        if n == elements.len() {
            break;
        }
        elements[n] = start..end;
        n += 1;
        start = end + 1;
    }
    let el =
        |i: usize| elements.get(i).filter(|_| i < n).cloned().unwrap_or(0..0);
    let id = &hay[el(0)];
    let value = |i: usize| &hay[el(i)];
    match id {
        b"NM1" => {
            *person = value(2) == PERSON;
            if !*person {
                return;
            }
            for i in 3..=5 {
                if !el(i).is_empty() {
                    emit.value(Role::PersonName, el(i));
                }
            }
            if value(8) == b"34" {
                tax_id(el(9), emit);
            }
        }
        b"REF" if matches!(value(1), b"0F" | b"SY") => tax_id(el(2), emit),
        b"DMG" if value(1) == b"D8" => emit.value(Role::BirthDate, el(2)),
        b"N3" if *person => emit.value(Role::Street, el(1)),
        b"N4" if *person => emit.value(Role::PostalCode, el(3)),
        b"PER" if *person => {
            // Pairs of qualifier and number after the contact's name.
            for i in [3, 5, 7] {
                if matches!(value(i), b"TE" | b"HP" | b"WP" | b"CP" | b"EX") {
                    emit.value(Role::Phone, el(i + 1));
                }
            }
        }
        _ => {}
    }
}

/// An id that is an SSN or an ITIN when a validator says so.
fn tax_id(id: Range<usize>, emit: &mut Emit<Role>) {
    emit.value(Role::Ssn, id.clone());
    emit.value(Role::Itin, id);
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISA: &[u8] = b"ISA*00*          *00*          *ZZ*LSFAB834       *ZZ*BCBSTXEDI      *240601*0612*^*00501*000004711*0*P*:~";

    #[test]
    fn delimiters_from_the_isa_segment() {
        assert_eq!(ISA.len(), ISA_LEN + 1);
        let d = Delimiters::sniff(ISA).unwrap();
        assert_eq!((d.element, d.segment), (b'*', b'~'));
        assert_eq!(Delimiters::sniff(b"ISA is not EDI\n"), None);
        assert_eq!(Delimiters::sniff(b"MSH|^~\\&|"), None);
    }
}
