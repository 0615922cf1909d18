//! Brazilian bank files in FEBRABAN's CNAB 240 layout (boleto
//! remittances, supplier and payroll payments): values by position in
//! their 240-character records.
//!
//! A detail record (type `3` at position 8) carries its segment's code at
//! position 14. Segment Q of a boleto remittance names the payer: the
//! kind of id at 18 (`1` a CPF, `2` a CNPJ), the id at 19-33 (zero
//! padded), the name at 34-73, the street at 74-113, the CEP at 129-136,
//! and the same for a guarantor (kind 154, id 155-169, name 170-209).
//! Segment B of a payment names the payee's id (kind 18, id 19-32),
//! street (33-62, number 63-67) and CEP (118-125); the name stands in the
//! segment A before it (44-73). Ids, names and streets run together in
//! capitals and zeros: only the layout tells them apart. Companies (a
//! CNPJ) are left alone.
//!
//! Runs on files whose first line is a file header record (bank code,
//! lot `0000`, type `0`, 240 characters, [`sniff`]).

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a field of a CNAB 240 record is reported as.
    enum Role {
        /// A payer, guarantor or payee who is a person.
        PersonName => "cnab240-person-name",
        /// Their CPF.
        Cpf => "cnab240-cpf",
        /// Their street line.
        Street => "cnab240-street-address",
        /// Their CEP.
        Postal => "cnab240-postal-code",
    }
}

/// Length of a record.
const RECORD: usize = 240;

/// The file whose first line is `head` is a CNAB 240 file: a file header
/// record (bank code, lot `0000`, record type `0`) of 240 characters.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let line = records::first_line(head);
    line.len() == RECORD
        && line[..3].iter().all(u8::is_ascii_digit)
        && &line[3..8] == b"00000"
}

/// Report the values of the records starting in `body` through `emit`
/// (the caller sorts them), under the `cnab240-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    for line in lines_starting_in(hay, body) {
        let bytes = &hay[line.clone()];
        if bytes.len() != RECORD || bytes[7] != b'3' {
            continue;
        }
        match bytes[13] {
            b'Q' => payer(hay, line.start, emit),
            b'A' => payee_name(hay, line, emit),
            b'B' => payee(hay, line.start, emit),
            _ => {}
        }
    }
}

/// The trimmed field at 1-based inclusive positions `first..=last` of
/// the record starting at `at`.
fn field(hay: &[u8], at: usize, first: usize, last: usize) -> Range<usize> {
    records::trimmed(hay, at + first - 1..at + last)
}

/// Report the CPF at the end of a zero-padded id field `first..=last`
/// whose kind (`1`: a CPF) stands at `kind`; true if it is a person's.
fn person_id(
    hay: &[u8],
    at: usize,
    kind: usize,
    last: usize,
    emit: &mut Emit<Role>,
) -> bool {
    if hay[at + kind - 1] != b'1' {
        return false;
    }
    emit.value(Role::Cpf, at + last - 11..at + last);
    true
}

/// Read segment Q (a boleto's payer and guarantor) starting at `at`.
fn payer(hay: &[u8], at: usize, emit: &mut Emit<Role>) {
    if person_id(hay, at, 18, 33, emit) {
        emit.value(Role::PersonName, field(hay, at, 34, 73));
        emit.value(Role::Street, field(hay, at, 74, 113));
        emit.value(Role::Postal, field(hay, at, 129, 136));
    }
    if person_id(hay, at, 154, 169, emit) {
        emit.value(Role::PersonName, field(hay, at, 170, 209));
    }
}

/// Read segment B (a payment's payee) starting at `at`.
fn payee(hay: &[u8], at: usize, emit: &mut Emit<Role>) {
    if !person_id(hay, at, 18, 32, emit) {
        return;
    }
    let street = field(hay, at, 33, 62);
    let number = field(hay, at, 63, 67);
    let numbered = hay[number.clone()].iter().any(|&b| b != b'0');
    emit.value(
        Role::Street,
        street.start..if numbered { number.end } else { street.end },
    );
    emit.value(Role::Postal, field(hay, at, 118, 125));
}

/// Read the payee's name in segment A `line`, if the segment B after it
/// says the payee is a person.
fn payee_name(hay: &[u8], line: Range<usize>, emit: &mut Emit<Role>) {
    let next = line.end + 1 + usize::from(hay.get(line.end) == Some(&b'\r'));
    let b = hay.get(next..next + RECORD).unwrap_or_default();
    if b.len() == RECORD && b[7] == b'3' && b[13] == b'B' && b[17] == b'1' {
        emit.value(Role::PersonName, field(hay, line.start, 44, 73));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of `RECORD` characters with `fields` (1-based position,
    /// text) written over spaces.
    fn record(fields: &[(usize, &str)]) -> Vec<u8> {
        let mut line = vec![b' '; RECORD];
        for (at, text) in fields {
            line[at - 1..at - 1 + text.len()].copy_from_slice(text.as_bytes());
        }
        line
    }

    #[test]
    fn file_header_starts_the_file() {
        let header = record(&[(1, "75600000"), (18, "2384102770001650")]);
        assert!(sniff(&header));
        let lot = record(&[(1, "75600011R01")]);
        assert!(!sniff(&lot));
        assert!(!sniff(b"75600000 short\n"));
    }
}
