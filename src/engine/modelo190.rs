//! Spanish withholding returns in the AEAT's Modelo 190 file layout
//! (500-character records): values by position.
//!
//! The declarant record (type `1`) names whom the tax office may call
//! about the return: a phone (positions 59-67) and a person (68-107).
//! Each recipient record (type `2`) names a person paid: their NIF
//! (18-26, a DNI or an NIE), a minor's legal representative's NIF
//! (27-35), surnames and name (36-75) and, for some keys, a spouse's NIF
//! (158-166). Ids and names run together in capitals with the declarant's
//! NIF before them: only the layout tells them apart. Positions count
//! characters, which an `Ñ` written in UTF-8 makes differ from bytes.
//!
//! Runs on files whose first line is a declarant record (`1190`, the
//! year, [`sniff`]).

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a field of a Modelo 190 record is reported as.
    enum Role {
        /// The declarant's contact, or a recipient.
        PersonName => "modelo190-person-name",
        /// A NIF that is a DNI.
        Dni => "modelo190-dni",
        /// A NIF that is an NIE.
        Nie => "modelo190-nie",
        /// The contact's phone.
        Phone => "modelo190-phone",
    }
}

/// Length of a record, in characters.
const RECORD: usize = 500;

/// The file whose first line is `head` is a Modelo 190 file: a declarant
/// record (`1190`, a four-digit year) of 500 characters.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let line = records::first_line(head);
    line.starts_with(b"1190")
        && line.get(4..8).is_some_and(|y| y.iter().all(u8::is_ascii_digit))
        && chars(line) == RECORD
}

/// Report the values of the records starting in `body` through `emit`
/// (the caller sorts them), under the `modelo190-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    for line in lines_starting_in(hay, body) {
        let bytes = &hay[line.clone()];
        if !bytes.starts_with(b"1190") && !bytes.starts_with(b"2190") {
            continue;
        }
        if chars(bytes) != RECORD {
            continue;
        }
        // 1-based inclusive character positions to a trimmed byte range.
        let field = |first: usize, last: usize| {
            let start = line.start + byte_at(bytes, first - 1);
            let end = line.start + byte_at(bytes, last);
            records::trimmed(hay, start..end)
        };
        if bytes[0] == b'1' {
            emit.value(Role::Phone, field(59, 67));
            emit.value(Role::PersonName, field(68, 107));
        } else {
            for (first, last) in [(18, 26), (27, 35), (158, 166)] {
                let nif = field(first, last);
                emit.value(Role::Dni, nif.clone());
                emit.value(Role::Nie, nif);
            }
            emit.value(Role::PersonName, field(36, 75));
        }
    }
}

/// Characters in `line` (UTF-8; a byte that is no character's start,
/// as in Latin-1 text, counts as one).
fn chars(line: &[u8]) -> usize {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    line.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The byte offset of character `n` (0-based) of `line`, or its length.
fn byte_at(line: &[u8], n: usize) -> usize {
    line.iter()
        .enumerate()
        .filter(|(_, &b)| b & 0xC0 != 0x80)
        .nth(n)
        .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarant_record_starts_the_file() {
        let mut header = b"11902023G41874405ASOC MUSICAL".to_vec();
        header.resize(RECORD, b' ');
        assert!(sniff(&header));
        assert!(!sniff(b"11902023G41874405 short\n"));
        let mut recipient = b"21902023G4187440528764113Z".to_vec();
        recipient.resize(RECORD, b' ');
        assert!(!sniff(&recipient));
    }

    #[test]
    fn positions_count_characters() {
        let line = "MUÑOZ X".as_bytes();
        assert_eq!(chars(line), 7);
        assert_eq!(&line[byte_at(line, 6)..], b"X");
    }
}
