//! IRS FIRE files (Publication 1220: 1099 and 1098 information returns
//! sent electronically): values by position in their 750-character
//! records.
//!
//! A payee record (`B`) holds the payee's TIN (positions 12-20, its type
//! at 11: `1` an EIN, `2` an SSN, ITIN or ATIN), the payee's name
//! (248-287, and a second line at 288-327 that may hold `C/O` someone),
//! the mailing address (368-407) and ZIP (490-498, five or nine digits).
//! The transmitter record (`T`) names a contact person (304-343). Nothing
//! in the text says which of the run of capitals is a name or which nine
//! digits are a TIN; the record layout does. Payees with an EIN are
//! businesses: their name and address are left alone.
//!
//! Runs on files whose first line is a transmitter record (`T` and a
//! four-digit payment year, 750 characters, [`sniff`]).

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a field of a record is reported as.
    enum Role {
        /// A payee (with an SSN or ITIN) or the transmitter's contact.
        PersonName => "fire-person-name",
        /// A payee's TIN of type 2 that is an SSN.
        Ssn => "fire-ssn",
        /// A payee's TIN of type 2 that is an ITIN.
        Itin => "fire-itin",
        /// A person payee's mailing address.
        Street => "fire-street-address",
        /// A person payee's ZIP code.
        Postal => "fire-postal-code",
    }
}

/// Length of a FIRE record.
const RECORD: usize = 750;

/// The file whose first line is `head` is a FIRE file: a transmitter
/// record (`T`, a four-digit payment year) of 750 characters.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let line = records::first_line(head);
    line.len() == RECORD
        && line[0] == b'T'
        && line[1..5].iter().all(u8::is_ascii_digit)
}

/// Report the values of the records starting in `body` through `emit`
/// (the caller sorts them), under the `fire-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    for line in lines_starting_in(hay, body) {
        if line.len() == RECORD {
            record(hay, line.start, emit);
        }
    }
}

/// Read the record starting at `at`.
fn record(hay: &[u8], at: usize, emit: &mut Emit<Role>) {
    // Positions are 1-based and inclusive in Publication 1220.
    let field = |first: usize, last: usize| {
        records::trimmed(hay, at + first - 1..at + last)
    };
    match hay[at] {
        b'T' => emit.value(Role::PersonName, field(304, 343)),
        b'B' if hay[at + 10] == b'2' => {
            let tin = field(12, 20);
            emit.value(Role::Ssn, tin.clone());
            emit.value(Role::Itin, tin);
            emit.value(Role::PersonName, field(248, 287));
            let second = field(288, 327);
            if let Some(rest) = hay[second.clone()].strip_prefix(b"C/O ") {
                emit.value(
                    Role::PersonName,
                    second.end - rest.len()..second.end,
                );
            }
            emit.value(Role::Street, field(368, 407));
            emit.value(Role::Postal, field(490, 498));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transmitter_record_starts_the_file() {
        let mut t = b"T2023 760554812".to_vec();
        t.resize(RECORD, b' ');
        t.push(b'\n');
        assert!(sniff(&t));
        assert!(!sniff(b"T2023 short\n"));
        let mut b = b"B2023 FLOR2455712298".to_vec();
        b.resize(RECORD, b' ');
        assert!(!sniff(&b));
    }
}
