//! UN/EDIFACT passenger and crew lists (PAXLST, sent by airlines to
//! border agencies as API data): values by segment.
//!
//! A traveller is a party segment, `NAD+FL+++HOLLOWAY:MARGARET:ANNE+12 ELM
//! ST+EVANSTON+IL+60201+USA'` (qualifier `FL` passenger, `FM` crew; then
//! the name's components, street, city, region, postal code, country),
//! followed by their birth date `DTM+329:590214'` and travel documents
//! `DOC+P:110:111+556527772'` with the issuing country `LOC+91+USA'`
//! after it. The segment and qualifier say what each value is; a passport
//! counts as a US passport once its `LOC+91` says `USA`.
//!
//! Runs on files that start with a `UNA` service string or a `UNB`
//! interchange header ([`Delimiters::sniff`]), with the separators the
//! `UNA` declares (`:+.? '` by default), `?` releasing a separator.

use std::ops::Range;

use super::records::{self, next_separator, Emit};

records::roles! {
    /// What an element's value is reported as.
    enum Role {
        PersonName => "edifact-person-name",
        BirthDate => "edifact-date-of-birth",
        Street => "edifact-street-address",
        PostalCode => "edifact-postal-code",
        /// A passport (`DOC+P`) whose issuing country is the US.
        Passport => "edifact-passport",
    }
}

/// The separators of an interchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Delimiters {
    component: u8,
    element: u8,
    release: u8,
    segment: u8,
}

impl Delimiters {
    /// The separators of a file starting with `head`: those its `UNA`
    /// declares, or the defaults before a `UNB`.
    pub(crate) fn sniff(head: &[u8]) -> Option<Delimiters> {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        if let Some(una) = head.strip_prefix(b"UNA") {
            let c = una.get(..6)?;
            return Some(Delimiters {
                component: c[0],
                element: c[1],
                release: c[3],
                segment: c[5],
            });
        }
        head.starts_with(b"UNB+").then_some(Delimiters {
            component: b':',
            element: b'+',
            release: b'?',
            segment: b'\'',
        })
    }
}

/// Party qualifiers of travellers: passenger, crew member, in-transit
/// passenger and crew.
const TRAVELLERS: &[&[u8]] = &[b"FL", b"FM", b"DDT", b"DDU"];

/// Report the values of the segments starting in `body` through `emit`
/// (the caller sorts them), under the `edifact-*` rules.
pub(crate) fn scan(
    emit: &mut Emit<Role>,
    hay: &[u8],
    body: Range<usize>,
    d: Delimiters,
) {
    let mut state = Traveller::default();
    let segments =
        records::segments_starting_in(hay, body, d.segment, Some(d.release));
    for seg in segments {
        segment(hay, seg, d, &mut state, emit);
    }
}

/// What the current traveller's segments said so far.
#[derive(Default)]
struct Traveller {
    /// The segments after `NAD` belong to a traveller.
    active: bool,
    /// A passport number waiting for its issuing country.
    passport: Option<Range<usize>>,
}

/// Read one segment (without its terminator).
fn segment(
    hay: &[u8],
    seg: Range<usize>,
    d: Delimiters,
    t: &mut Traveller,
    emit: &mut Emit<Role>,
) {
    let mut elements: [Range<usize>; 10] = std::array::from_fn(|_| 0..0);
    let mut n = 0;
    let mut start = seg.start;
    while n < elements.len() {
        let end =
            next_separator(hay, start, seg.end, d.element, Some(d.release))
                .unwrap_or(seg.end);
        elements[n] = start..end;
        n += 1;
        if end >= seg.end {
            break;
        }
        start = end + 1;
    }
    let el = |i: usize| if i < n { elements[i].clone() } else { 0..0 };
    let first_component = |r: Range<usize>| {
        let end =
            next_separator(hay, r.start, r.end, d.component, Some(d.release))
                .unwrap_or(r.end);
        r.start..end
    };
    match &hay[el(0)] {
        b"NAD" => {
            t.passport = None;
            t.active = TRAVELLERS.contains(&&hay[el(1)]);
            if t.active {
                emit.value(Role::PersonName, el(4));
                emit.value(Role::Street, first_component(el(5)));
                emit.value(Role::PostalCode, el(8));
            }
        }
        b"DTM" if t.active => {
            let date = el(1);
            let qualifier = first_component(date.clone());
            if &hay[qualifier.clone()] == b"329" && qualifier.end < date.end {
                emit.value(
                    Role::BirthDate,
                    first_component(qualifier.end + 1..date.end),
                );
            }
        }
        b"DOC" if t.active => {
            let passport = hay[first_component(el(1))] == *b"P";
            t.passport = passport.then(|| first_component(el(2)));
        }
        b"LOC" if t.active && &hay[el(1)] == b"91" => {
            if let Some(number) = t.passport.take() {
                if &hay[first_component(el(2))] == b"USA" {
                    emit.value(Role::Passport, number);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_release() {
        let d = Delimiters::sniff(b"UNA:+.? 'UNB+UNOA:4+X'").unwrap();
        assert_eq!((d.component, d.element, d.segment), (b':', b'+', b'\''));
        assert_eq!(Delimiters::sniff(b"UNB+UNOA:4+X'").unwrap(), d);
        assert_eq!(Delimiters::sniff(b"ISA*00*"), None);
    }
}
