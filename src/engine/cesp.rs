//! Canada Education Savings Program transaction files (what RESP
//! promoters send ESDC, Interface Transaction Standards): values by
//! position in their 300-character records.
//!
//! Every record but the header (`001`) and the trailer (`999`) starts
//! with its type, a timestamp, a transaction number, the promoter's
//! business number (positions 33-47), the contract id and the specimen
//! plan id. A contract record (`100`) holds the subscribers' SINs
//! (81-89, 90-98); a beneficiary or subscriber record (`200`) a SIN
//! (74-82), given name (83-102), surname (103-122), birth date
//! (123-130, `YYYYMMDD`), address lines (133-172, 173-202) and postal
//! code (235-244); a financial transaction (`400`) the beneficiary's SIN
//! (73-81); a primary caregiver record (`511`) the beneficiary's SIN
//! (73-81), the caregiver's SIN or, for an agency, its business number
//! (82-96), given name (97-116), surname (117-136) and type (137: `1` a
//! person). The SINs are nine digits glued to dates and names; only the
//! layout tells them apart. Business numbers, contract ids, amounts and
//! other dates are left alone. Positions count characters: a UTF-8 file
//! spells `Amélie` in more bytes than columns.
//!
//! Runs on files whose first line is a header record (`001` and a
//! business number) or whose first lines are transaction records with a
//! business number in place ([`sniff`]).

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a field of a record is reported as.
    enum Role {
        /// A subscriber's, beneficiary's or primary caregiver's SIN.
        Sin => "cesp-sin",
        /// Their given name or surname, each on its own.
        PersonName => "cesp-person-name",
        /// A beneficiary's or subscriber's birth date.
        BirthDate => "cesp-date-of-birth",
        /// Their street line, and a second line naming a unit.
        Street => "cesp-street-address",
        /// Their postal code.
        PostalCode => "cesp-postal-code",
    }
}

/// Lines of a file's head its sniff reads.
const HEAD_LINES: usize = 3;

/// Record types that carry a transaction (and a business number at
/// 33-47).
const TRANSACTIONS: &[&[u8]] =
    &[b"100", b"200", b"400", b"401", b"410", b"511"];

/// The file whose head is `head` is a CESP transaction file: a header
/// record (`001`, a business number at 4-18) first, or transaction
/// records for its first [`HEAD_LINES`] lines.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let mut lines = records::first_lines(head, HEAD_LINES).peekable();
    let header = lines.peek().is_some_and(|line| {
        line.starts_with(b"001") && line.get(3..18).is_some_and(business)
    });
    header || (lines.peek().is_some() && lines.all(transaction))
}

/// Where the lines [`sniff`] reads end in the head of a CESP file, so a
/// streamed file's later chunks are known as one.
pub(crate) fn head_end(head: &[u8]) -> Option<usize> {
    sniff(head).then(|| records::lines_end(head, HEAD_LINES))
}

/// `field` is a business number with its program account (`RR0001`).
fn business(field: &[u8]) -> bool {
    field.len() == 15
        && field[..9].iter().all(u8::is_ascii_digit)
        && &field[9..11] == b"RR"
        && field[11..].iter().all(u8::is_ascii_digit)
}

/// `line` is a transaction record: its type, a timestamp and the
/// promoter's business number in place.
fn transaction(line: &[u8]) -> bool {
    line.len() >= 72
        && TRANSACTIONS.contains(&&line[..3])
        && line[3..17].iter().all(u8::is_ascii_digit)
        && business(&line[32..47])
}

/// Report the values of the records starting in `body` through `emit`
/// (the caller sorts them), under the `cesp-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    for line in lines_starting_in(hay, body) {
        if transaction(&hay[line.clone()]) {
            record(&Record::new(hay, line), emit);
        }
    }
}

/// One record, read by character position.
struct Record<'a> {
    hay: &'a [u8],
    line: Range<usize>,
    /// The line is UTF-8 with characters of more than one byte.
    multibyte: bool,
}

impl<'a> Record<'a> {
    fn new(hay: &'a [u8], line: Range<usize>) -> Self {
        let bytes = &hay[line.clone()];
        let multibyte =
            !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok();
        Record { hay, line, multibyte }
    }

    /// Where character `column` (0-based) starts.
    fn byte(&self, column: usize) -> usize {
        let bytes = &self.hay[self.line.clone()];
        let at = if self.multibyte {
            let mut starts = bytes
                .iter()
                .enumerate()
                .filter(|(_, &b)| b & 0xC0 != 0x80)
                .map(|(i, _)| i);
            starts.nth(column).unwrap_or(bytes.len())
        } else {
            column.min(bytes.len())
        };
        self.line.start + at
    }

    /// The field at positions `first` to `last` (1-based, inclusive, as
    /// the standard numbers them), without its padding.
    fn field(&self, first: usize, last: usize) -> Range<usize> {
        records::trimmed(self.hay, self.byte(first - 1)..self.byte(last))
    }

    /// The character at position `at` (1-based).
    fn at(&self, at: usize) -> Option<u8> {
        let i = self.byte(at - 1);
        (i < self.line.end).then(|| self.hay[i])
    }

    /// The SIN field ending at `last` holds the start of a business
    /// number (`RR` after its nine digits): an agency's.
    fn agency(&self, last: usize) -> bool {
        let after = self.byte(last);
        self.hay.get(after..after + 2) == Some(b"RR")
    }

    /// Report the SIN at `first` to `last`, unless an agency's.
    fn sin(&self, first: usize, last: usize, emit: &mut Emit<Role>) {
        if !self.agency(last) {
            emit.value(Role::Sin, self.field(first, last));
        }
    }
}

/// Read one transaction record.
fn record(r: &Record, emit: &mut Emit<Role>) {
    match &r.hay[r.line.start..r.line.start + 3] {
        b"100" => {
            r.sin(81, 89, emit);
            r.sin(90, 98, emit);
        }
        b"200" if !r.agency(82) => {
            emit.value(Role::Sin, r.field(74, 82));
            emit.value(Role::PersonName, r.field(83, 102));
            emit.value(Role::PersonName, r.field(103, 122));
            emit.value(Role::BirthDate, r.field(123, 130));
            emit.value(Role::Street, r.field(133, 172));
            let second = r.field(173, 202);
            if unit_line(&r.hay[second.clone()]) {
                emit.value(Role::Street, second);
            }
            emit.value(Role::PostalCode, r.field(235, 244));
        }
        b"400" => r.sin(73, 81, emit),
        b"511" => {
            r.sin(73, 81, emit);
            emit.value(Role::Sin, r.field(82, 96));
            if r.at(137) == Some(b'1') {
                emit.value(Role::PersonName, r.field(97, 116));
                emit.value(Role::PersonName, r.field(117, 136));
            }
        }
        _ => {}
    }
}

/// Words that start an address line naming an apartment or unit.
const UNIT_WORDS: &[&[u8]] = &[
    b"apt",
    b"apt.",
    b"apartment",
    b"app",
    b"app.",
    b"appt",
    b"unit",
    b"suite",
    b"ste",
    b"logement",
    b"bureau",
];

/// `line` names an apartment or unit (`Apt 1104`, `#12`, `Unit 5`):
/// part of a person's street address, unlike a `c/o` line.
fn unit_line(line: &[u8]) -> bool {
    let word = line.split(|&b| b == b' ').next().unwrap_or(line);
    line.starts_with(b"#")
        || UNIT_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn padded(record: &str) -> Vec<u8> {
        let mut line = record.as_bytes().to_vec();
        line.resize(300, b' ');
        line.push(b'\n');
        line
    }

    #[test]
    fn header_or_transaction_records() {
        let header = padded("001894521079RR00012024100400004170500ACME CU");
        assert!(sniff(&header));
        let contract = padded(
            "10020240912101522ATC241000000001894521079RR0001\
             ATC-RF-0018842 000051720320240912130724867",
        );
        assert!(sniff(&contract));
        assert!(sniff(&[contract.clone(), contract.clone()].concat()));
        assert!(!sniff(&[contract, header.clone()].concat()));
        assert!(!sniff(&padded("001 ACME CU")));
        assert!(!sniff(&padded("10020240912101522ATC24100000000189452107")));
        assert_eq!(head_end(&header), Some(header.len()));
    }

    #[test]
    fn columns_count_characters() {
        let line = "x\u{e9}y";
        let r = Record::new(line.as_bytes(), 0..line.len());
        assert_eq!(r.field(2, 2), 1..3);
        assert_eq!(r.field(3, 3), 3..4);
        assert_eq!(r.at(3), Some(b'y'));
        assert_eq!(r.at(4), None);
    }

    #[test]
    fn an_agency_is_no_person() {
        let bn = b"9RR0001";
        let r = Record::new(bn, 0..bn.len());
        assert!(r.agency(1));
        assert!(!r.agency(3));
    }

    #[test]
    fn unit_lines() {
        assert!(unit_line(b"Apt 1104"));
        assert!(unit_line(b"#12"));
        assert!(!unit_line(b"c/o Marie Roy"));
        assert!(!unit_line(b"Apartado 4"));
    }
}
