//! Uploads to India's Employees' Provident Fund Organisation (EPFO):
//! headerless text files whose fields are separated by `#~#`, the same
//! fields in the same order on every line.
//!
//! Two layouts are read, told apart by their number of fields:
//! - the bulk UAN registration of new members (26 fields): Aadhaar (1),
//!   name (2), birth date (3), father's or husband's name (6), mobile (8),
//!   name as per bank (24), PAN (25) and name as per PAN (26, a person's
//!   only when the PAN's fourth letter is `P`);
//! - the monthly electronic challan-cum-return, ECR (11 fields): the
//!   member's UAN (1) and name (2).
//!
//! Nothing in a line says what its twelve digits or capitals are: only
//! the position does.

use std::ops::Range;

use memchr::memmem;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a field of an EPFO upload is reported as.
    enum Role {
        /// A member, their father or husband.
        PersonName => "epfo-person-name",
        /// The member's Aadhaar number.
        Aadhaar => "epfo-aadhaar",
        /// The member's birth date.
        BirthDate => "epfo-date-of-birth",
        /// The member's mobile.
        Phone => "epfo-phone",
    }
}

/// The separator between fields.
const SEPARATOR: &[u8] = b"#~#";

/// Fields of a bulk UAN registration line.
const REGISTRATION: usize = 26;

/// Fields of an ECR line.
const RETURN: usize = 11;

/// The layout of the file whose head is `head`, by its first line's
/// number of fields (`None`: not an EPFO upload).
pub(crate) fn sniff(head: &[u8]) -> Option<usize> {
    let line = records::first_line(head);
    let fields = memmem::find_iter(line, SEPARATOR).count() + 1;
    let first = line.split(|&b| b == b'#').next().unwrap_or_default();
    (first.len() == 12
        && first.iter().all(u8::is_ascii_digit)
        && (fields == REGISTRATION || fields == RETURN))
        .then_some(fields)
}

/// Report the values of the lines starting in `body` through `emit` (the
/// caller sorts them), under the `epfo-*` rules; `layout` is what
/// [`sniff`] returned.
pub(crate) fn scan(
    emit: &mut Emit<Role>,
    hay: &[u8],
    body: Range<usize>,
    layout: usize,
) {
    let mut fields = Vec::with_capacity(REGISTRATION);
    for line in lines_starting_in(hay, body) {
        fields.clear();
        let mut start = line.start;
        for at in memmem::find_iter(&hay[line.clone()], SEPARATOR) {
            fields.push(start..line.start + at);
            start = line.start + at + SEPARATOR.len();
        }
        fields.push(start..line.end);
        if fields.len() != layout {
            continue;
        }
        let field = |n: usize| records::trimmed(hay, fields[n - 1].clone());
        emit.value(Role::PersonName, field(2));
        if layout == RETURN {
            continue;
        }
        emit.value(Role::Aadhaar, field(1));
        emit.value(Role::BirthDate, field(3));
        emit.value(Role::PersonName, field(6));
        emit.value(Role::Phone, field(8));
        emit.value(Role::PersonName, field(24));
        let pan = &hay[field(25)];
        if pan.len() == 10 && pan[3] == b'P' {
            emit.value(Role::PersonName, field(26));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_by_their_number_of_fields() {
        let registration = b"482193760515#~#MURUGESAN K#~#14/05/1996#~#04/11/2024#~#M#~#KANDASAMY#~#F#~#9843127705#~##~#INDIAN#~#14500#~#10#~#M#~#N#~##~##~##~##~#N#~#N#~#N#~#6112045587320#~#IOBA0001418#~#MURUGESAN K#~#BQWPK7302L#~#MURUGESAN KANDASAMY\n";
        assert_eq!(sniff(registration), Some(REGISTRATION));
        let ecr = b"100987654321#~#ANITA DEVI#~#15000#~#15000#~#15000#~#15000#~#1800#~#1250#~#550#~#0#~#0\n";
        assert_eq!(sniff(ecr), Some(RETURN));
        assert_eq!(sniff(b"a#~#b#~#c\n"), None);
        assert_eq!(sniff(b"1009876543#~#ANITA DEVI#~#15000#~#15000#~#15000#~#15000#~#1800#~#1250#~#550#~#0#~#0\n"), None);
    }
}
