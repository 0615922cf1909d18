//! Spanish SEPA direct-debit files in the banks' flat format (AEB
//! Cuaderno 19-14 / 19-15, "formato plano"): values by position in their
//! 600-character records.
//!
//! An individual debit record (`03`) names the debtor (positions
//! 119-188), their street (189-238), postal code and town (239-288), the
//! kind of debtor (331: `1` an organisation, `2` a person), their DNI or
//! NIE (332-367) and account (403: `A` for an IBAN at 404-437). Names,
//! streets and ids of people run together in capitals, padded with
//! spaces, the IBAN glued to the `A` before it: the record layout tells
//! them apart, no regex does. An organisation's name, address and account
//! are left alone.
//!
//! Runs on files whose first line is a presenter header record (`01`,
//! the format's version `191xx`, 600 characters, [`sniff`]).

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a field of a debit record is reported as.
    enum Role {
        /// A debtor who is a person.
        PersonName => "n19-person-name",
        /// Their street line.
        Street => "n19-street-address",
        /// The postal code before their town.
        Postal => "n19-postal-code",
        /// Their id, when it is a DNI.
        Dni => "n19-dni",
        /// Their id, when it is an NIE.
        Nie => "n19-nie",
        /// Their account's IBAN.
        Iban => "n19-iban",
    }
}

/// Length of a record.
const RECORD: usize = 600;

/// The file whose first line is `head` is a Cuaderno 19 flat file: a
/// presenter header record (`01`, version `191..`) of 600 characters.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let line = records::first_line(head);
    line.len() == RECORD
        && line.starts_with(b"01191")
        && line[5..10].iter().all(u8::is_ascii_digit)
}

/// Report the values of the records starting in `body` through `emit`
/// (the caller sorts them), under the `n19-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    for line in lines_starting_in(hay, body) {
        let bytes = &hay[line.clone()];
        if bytes.len() == RECORD && bytes.starts_with(b"03") {
            debit(hay, line.start, emit);
        }
    }
}

/// Read the individual debit record starting at `at`.
fn debit(hay: &[u8], at: usize, emit: &mut Emit<Role>) {
    // Positions are 1-based and inclusive in the standard.
    let field = |first: usize, last: usize| {
        records::trimmed(hay, at + first - 1..at + last)
    };
    if hay[at + 330] != b'2' {
        return;
    }
    emit.value(Role::PersonName, field(119, 188));
    emit.value(Role::Street, field(189, 238));
    let town = field(239, 288);
    let digits =
        hay[town.clone()].iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 5 {
        emit.value(Role::Postal, town.start..town.start + 5);
    }
    let id = field(332, 367);
    emit.value(Role::Dni, id.clone());
    emit.value(Role::Nie, id);
    if hay[at + 402] == b'A' {
        emit.value(Role::Iban, field(404, 437));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presenter_header_starts_the_file() {
        let mut header = b"0119143001ES80000B98741362".to_vec();
        header.resize(RECORD, b' ');
        header.push(b'\n');
        assert!(sniff(&header));
        assert!(!sniff(b"0119143001ES80000B98741362\n"));
        let mut debit = b"0319143003ALB24060001".to_vec();
        debit.resize(RECORD, b' ');
        assert!(!sniff(&debit));
    }
}
