//! DICOM headers as `dcmdump` prints them: values by their tag.
//!
//! A PACS gateway's quarantine report or a support ticket carries image
//! headers dumped one element per line, `(0010,0010) PN
//! [OKAFOR^Chidinma^Grace]  #  22, 1 PatientName`. The value
//! representation says what a value is: `PN` is a person's name, in
//! every tag that has it (patient, referring physician, operator). A few
//! tags carry the patient's other data: birth date (0010,0030), address
//! (0010,1040, `street^town^city^postcode`), telephone numbers
//! (0010,2154) and identifiers (0010,0020 and 0010,1000, often an NHS
//! number). No name list knows `OSEI^Kwame` is a person; the tag does.
//!
//! Runs on chunks that show a dump's patient or study elements near
//! their start (`(0010,`, `(0008,`, [`sniff`]). Each value must match its
//! rule's regex whole and pass its validator, so a pattern file decides
//! what is reported.

use std::ops::Range;

use memchr::memmem;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a DICOM element's value is reported as.
    enum Role {
        PersonName => "dicom-person-name",
        BirthDate => "dicom-date-of-birth",
        Street => "dicom-street-address",
        PostalCode => "dicom-postal-code",
        Phone => "dicom-phone",
        /// A patient identifier that is an NHS number (the validator decides).
        NhsNumber => "dicom-nhs-number",
    }
}

/// Bytes at the start of a chunk searched for a dump's patient module.
const SNIFF_WINDOW: usize = 64 << 10;

/// `body` starts with a DICOM dump: patient (`(0010,`) or study
/// (`(0008,`) elements.
pub(crate) fn sniff(body: &[u8]) -> bool {
    let body = &body[..body.len().min(SNIFF_WINDOW)];
    memmem::find(body, b"(0010,").is_some()
        || memmem::find(body, b"(0008,").is_some()
}

/// Report the values of the DICOM element lines starting in `body`
/// through `emit` (the caller sorts them), under the `dicom-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    if !sniff(&hay[body.clone()]) {
        return;
    }
    for line in lines_starting_in(hay, body) {
        if let Some(element) = Element::parse(hay, line) {
            element.report(hay, emit);
        }
    }
}

/// One element line: `(gggg,eeee) VR [value]  # length, VM Keyword`.
struct Element {
    tag: [u8; 9],
    vr: [u8; 2],
    value: Range<usize>,
}

impl Element {
    /// The element on `line`, if it is one with a value in brackets.
    fn parse(hay: &[u8], line: Range<usize>) -> Option<Element> {
        let bytes = &hay[line.clone()];
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let rest = &bytes[indent..];
        // `(0010,0010) PN [`: 11 bytes of tag, a space, VR, space, `[`.
        if rest.len() < 16
            || rest[0] != b'('
            || rest[5] != b','
            || rest[10] != b')'
            || rest[11] != b' '
            || rest[14] != b' '
            || rest[15] != b'['
            || !rest[1..5]
                .iter()
                .chain(&rest[6..10])
                .all(u8::is_ascii_hexdigit)
        {
            return None;
        }
        let open = line.start + indent + 16;
        // The value ends at the `]` before the `#` comment.
        let close = (open..line.end).rev().find(|&i| {
            hay[i] == b']'
                && hay[i + 1..line.end].iter().find(|&&b| b != b' ')
                    == Some(&b'#')
        })?;
        let mut tag = [0u8; 9];
        tag.copy_from_slice(&rest[1..10]);
        tag.make_ascii_lowercase();
        Some(Element { tag, vr: [rest[12], rest[13]], value: open..close })
    }

    /// Report the parts of the value its tag or representation says.
    fn report(&self, hay: &[u8], emit: &mut Emit<Role>) {
        let value = self.value.clone();
        if &self.vr == b"PN" {
            // Several names are separated by `\`; a name's alphabetic,
            // ideographic and phonetic forms by `=`.
            for name in values(hay, value) {
                let alphabetic = memchr::memchr(b'=', &hay[name.clone()])
                    .map_or(name.clone(), |i| name.start..name.start + i);
                emit.value(Role::PersonName, person_name(hay, alphabetic));
            }
            return;
        }
        match &self.tag {
            b"0010,0030" => emit.value(Role::BirthDate, value),
            b"0010,1040" => {
                // `street^town^city^postcode`, free text otherwise.
                let parts: Vec<Range<usize>> =
                    components(hay, value).collect();
                if parts.len() > 1 {
                    emit.value(Role::Street, parts[0].clone());
                    if let Some(last) =
                        parts.iter().rev().find(|p| !p.is_empty())
                    {
                        emit.value(Role::PostalCode, last.clone());
                    }
                }
            }
            b"0010,2154" => {
                for phone in values(hay, value) {
                    emit.value(Role::Phone, phone);
                }
            }
            b"0010,0020" | b"0010,1000" => {
                for id in values(hay, value) {
                    emit.value(Role::NhsNumber, id);
                }
            }
            _ => {}
        }
    }
}

/// The family, given and middle name components of a `PN` value
/// (`AHMED^Farah^^Dr` -> `AHMED^Farah`): the prefix and suffix (titles)
/// and empty trailing components left out.
fn person_name(hay: &[u8], name: Range<usize>) -> Range<usize> {
    let mut end = name.start;
    for (i, part) in components(hay, name.clone()).enumerate().take(3) {
        if !part.is_empty() && i < 3 {
            end = part.end;
        }
    }
    name.start..end
}

/// The `^`-separated components of a value.
fn components(
    hay: &[u8],
    value: Range<usize>,
) -> impl Iterator<Item = Range<usize>> + '_ {
    split(hay, value, b'^')
}

/// The `\`-separated values of a multi-valued element, spaces trimmed.
fn values(
    hay: &[u8],
    value: Range<usize>,
) -> impl Iterator<Item = Range<usize>> + '_ {
    split(hay, value, b'\\').map(move |r| {
        let lead = hay[r.clone()].iter().take_while(|&&b| b == b' ').count();
        let trail =
            hay[r.clone()].iter().rev().take_while(|&&b| b == b' ').count();
        (r.start + lead)..(r.end - trail).max(r.start + lead)
    })
}

fn split(
    hay: &[u8],
    value: Range<usize>,
    sep: u8,
) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = &hay[value.clone()];
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let end = memchr::memchr(sep, &bytes[start..]).map_or_else(
            || {
                done = true;
                bytes.len()
            },
            |i| start + i,
        );
        let part = value.start + start..value.start + end;
        start = end + 1;
        Some(part)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_and_names() {
        let line = b"(0008,0090) PN [AHMED^Farah^^Dr]                        #  16, 1 ReferringPhysicianName";
        let e = Element::parse(line, 0..line.len()).unwrap();
        assert_eq!(&e.vr, b"PN");
        assert_eq!(&line[e.value.clone()], b"AHMED^Farah^^Dr");
        assert_eq!(&line[person_name(line, e.value)], b"AHMED^Farah");
        let line = b"  (0010,1000) LO [4472404753\\7513162425] #  21, 2 OtherPatientIDs";
        let e = Element::parse(line, 0..line.len()).unwrap();
        let ids: Vec<&[u8]> =
            values(line, e.value).map(|r| &line[r]).collect();
        assert_eq!(ids, [&b"4472404753"[..], b"7513162425"]);
        assert!(Element::parse(
            b"(7fe0,0010) OW (not loaded)  # 524288, 1 PixelData",
            0..48
        )
        .is_none());
        assert!(Element::parse(b"# Dicom-Meta-Information-Header", 0..31)
            .is_none());
    }
}
