//! German xDT files (BDT practice-data exports, GDT device data, LDT lab
//! data): values by the field id of their lines.
//!
//! Every line is `LLLFFFFcontent`: its length (three digits, counting
//! the length, the field id and the closing CR LF), a four-digit field
//! id from the KBV catalogue, then the value. `0143101Kühne` is a
//! patient's surname, `0173103` a birth date (`TTMMJJJJ`), `0143112` a
//! postal code: the digits are glued to the value, so neither the name
//! detector nor a regex tells `Kühne` or `03061948` from the numbers
//! around it; the field id does. The ids mean the same in every record
//! type and in all three formats.
//!
//! Runs on files whose first line is a record type (field 8000) and
//! whose next lines are xDT lines whose length fields add up
//! ([`sniff`]).

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a field's value is reported as.
    enum Role {
        /// A patient's surname or given name, or the doctor's name.
        PersonName => "xdt-person-name",
        /// A patient's birth date (`TTMMJJJJ`).
        BirthDate => "xdt-date-of-birth",
        /// A patient's street and house number.
        Street => "xdt-street-address",
        /// A patient's postal code.
        PostalCode => "xdt-postal-code",
        /// A patient's telephone or mobile number.
        Phone => "xdt-phone",
    }
}

/// What a field holds.
#[derive(Debug, Clone, Copy)]
enum Field {
    /// A name, alone in its field.
    Name,
    /// A doctor's name, which may follow academic titles (`Dr. med.`)
    /// or be a practice's name.
    Doctor,
    BirthDate,
    Street,
    PostalCode,
    /// Postal code and town in one field (`04157 Leipzig`).
    PostalAndTown,
    Phone,
}

/// Fields holding personal data, by id (KBV xDT field catalogue). Left
/// out: titles (3104), insurance numbers (3105, 3119: no kind of ours),
/// towns and countries (3113, 3114), e-mail (3619, found by the e-mail
/// rule), the practice's address and phone (0205, 0208, 0215, 0216) and
/// free text (6220, 6227, 8490: the other rules read it).
const FIELDS: &[(&[u8; 4], Field)] = &[
    (b"0203", Field::Doctor),
    (b"3101", Field::Name),
    (b"3102", Field::Name),
    (b"3103", Field::BirthDate),
    (b"3106", Field::PostalAndTown),
    (b"3107", Field::Street),
    (b"3112", Field::PostalCode),
    (b"3616", Field::Phone),
    (b"3618", Field::Phone),
    (b"3626", Field::Phone),
];

/// Lines of a file's head its sniff reads.
const HEAD_LINES: usize = 3;

/// The file whose head is `head` is an xDT file: its first line is a
/// record type (field 8000, four digits) and the lines after it, up to
/// [`HEAD_LINES`] in all and at least two, are xDT lines.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut lines = records::first_lines(head, HEAD_LINES);
    let record_type = lines.next().is_some_and(|line| {
        field_id(line) == Some(b"8000")
            && line.len() == 11
            && line[7..].iter().all(u8::is_ascii_digit)
    });
    if !record_type {
        return false;
    }
    let mut rest = 0;
    for line in lines {
        if field_id(line).is_none() {
            return false;
        }
        rest += 1;
    }
    rest > 0
}

/// Where the lines [`sniff`] reads end in the head of an xDT file, so a
/// streamed file's later chunks are known as one.
pub(crate) fn head_end(head: &[u8]) -> Option<usize> {
    sniff(head).then(|| records::lines_end(head, HEAD_LINES))
}

/// The field id of an xDT line (without its line break): seven digits
/// whose first three are the line's length with CR LF, counted in bytes
/// or, for a UTF-8 file written with an ISO 8859 count, in characters.
fn field_id(line: &[u8]) -> Option<&[u8; 4]> {
    let prefix = line.get(..7)?;
    if !prefix.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let declared =
        prefix[..3].iter().fold(0, |n, &d| n * 10 + usize::from(d - b'0'));
    let chars = line.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    (declared == line.len() + 2 || declared == chars + 2)
        .then(|| prefix[3..].try_into().ok())
        .flatten()
}

/// Report the values of the lines starting in `body` through `emit`
/// (the caller sorts them), under the `xdt-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    for line in lines_starting_in(hay, body) {
        let Some(id) = field_id(&hay[line.clone()]) else { continue };
        let Some(&(_, field)) = FIELDS.iter().find(|(f, _)| *f == id) else {
            continue;
        };
        let value = records::trimmed(hay, line.start + 7..line.end);
        if !value.is_empty() {
            report(hay, value, field, emit);
        }
    }
}

/// Report the value at `span` of a `field`.
fn report(
    hay: &[u8],
    span: Range<usize>,
    field: Field,
    emit: &mut Emit<Role>,
) {
    let bytes = &hay[span.clone()];
    match field {
        Field::Name => emit.value(Role::PersonName, span),
        Field::Doctor => {
            if let Some(name) = doctor_name(hay, span) {
                emit.value(Role::PersonName, name);
            }
        }
        Field::BirthDate => {
            // The validator reads dates year first.
            if let [d1, d2, m1, m2, y1, y2, y3, y4] = *bytes {
                let year_first = [y1, y2, y3, y4, m1, m2, d1, d2];
                emit.value_as(Role::BirthDate, span, &year_first);
            }
        }
        Field::Street => emit.value(Role::Street, span),
        Field::PostalCode => emit.value(Role::PostalCode, span),
        Field::PostalAndTown => {
            let start =
                span.start + if bytes.starts_with(b"D-") { 2 } else { 0 };
            let digits =
                hay[start..span.end].iter().take_while(|b| b.is_ascii_digit());
            let end = start + digits.count();
            if end == span.end || hay[end] == b' ' {
                emit.value(Role::PostalCode, start..end);
            }
        }
        Field::Phone => {
            // `0341/9115638`: the validator knows no slash.
            let mut checked = [0u8; 32];
            if let Some(buf) = checked.get_mut(..bytes.len()) {
                for (to, &from) in buf.iter_mut().zip(bytes) {
                    *to = if from == b'/' { b' ' } else { from };
                }
                emit.value_as(Role::Phone, span, buf);
            }
        }
    }
}

/// Academic titles and forms of address before a doctor's name.
const TITLES: &[&[u8]] = &[b"Dr", b"Prof", b"PD", b"Frau", b"Herr"];

/// Words of a practice's or a lab's name, not a person's.
const PRACTICE_WORDS: &[&[u8]] = &[
    b"praxis",
    b"mvz",
    b"zentrum",
    b"klinik",
    b"labor",
    b"gmbh",
    b"und",
    b"kollegen",
    b"partner",
    b"gemeinschaftspraxis",
];

/// The name in a doctor's name field, after its titles (`Dr. med.`,
/// `Prof. Dr.`, `Dipl.-Med.`: words ending in a dot), unless the field
/// names a practice.
fn doctor_name(hay: &[u8], span: Range<usize>) -> Option<Range<usize>> {
    let mut start = span.start;
    for word in hay[span.clone()].split(|&b| b == b' ') {
        if word.is_empty() || word.ends_with(b".") || TITLES.contains(&word) {
            start += word.len() + 1;
        } else {
            break;
        }
    }
    let name = &hay[start.min(span.end)..span.end];
    let practice = name
        .split(|&b| b == b' ' || b == b'-')
        .any(|w| PRACTICE_WORDS.iter().any(|p| w.eq_ignore_ascii_case(p)));
    (!name.is_empty() && !practice).then_some(start..span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_type_then_xdt_lines() {
        let bdt = b"01380000020\r\n014810000094\r\n017910328092024\r\n";
        assert!(sniff(bdt));
        // LF only, the lengths still counting CR LF.
        assert!(sniff(b"01380006100\n014810000201\n0153101M\xc3\xbcller\n"));
        assert!(!sniff(b"01380000020\n"));
        assert!(!sniff(b"01380000020\n0168100000094\n"));
        assert!(!sniff(b"0153101Kuehne\n014810000201\n"));
        assert!(!sniff(b"01380000020,12\n014810000094\n"));
        assert_eq!(head_end(bdt), Some(bdt.len()));
    }

    #[test]
    fn doctor_after_titles() {
        let hay = b"Dr. med. Cornelia Voigt";
        assert_eq!(doctor_name(hay, 0..hay.len()), Some(9..hay.len()));
        let practice = b"Gemeinschaftspraxis Dr. Roth";
        assert_eq!(doctor_name(practice, 0..practice.len()), None);
    }
}
