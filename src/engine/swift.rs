//! SWIFT MT messages (MT103 customer transfers and their kin, as a bank's
//! FIN export writes them): the ordering customer and the beneficiary.
//!
//! Field `:50K:` (ordering customer) and `:59:` (beneficiary) hold an
//! account line, then the name and up to three address lines; their
//! structured forms `:50F:`/`:59F:` number the lines (`1/` name, `2/`
//! address, `3/` country and town). The field says whose name and address
//! the lines are; a company (`... GMBH`, `... LTD`) is left out.
//!
//! Runs on files that start like a FIN message (`{1:F01`, [`sniff`]).

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a line of a party field is reported as.
    enum Role {
        PersonName => "swift-person-name",
        Street => "swift-street-address",
        PostalCode => "swift-postal-code",
    }
}

/// The file whose first line is `head` holds SWIFT FIN messages.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.starts_with(b"{1:F01") || head.starts_with(b"{1:F21")
}

/// Words that make a party a company, not a person.
const COMPANY_WORDS: &[&[u8]] = &[
    b"GMBH",
    b"AG",
    b"KG",
    b"UG",
    b"LTD",
    b"LIMITED",
    b"LLC",
    b"INC",
    b"CORP",
    b"PLC",
    b"SA",
    b"SAS",
    b"SARL",
    b"SRL",
    b"SPA",
    b"BV",
    b"NV",
    b"OY",
    b"AB",
    b"AS",
    b"O.O.",
    b"SP.",
    b"BANK",
    b"COMPANY",
    b"CO.",
    b"ASSOCIATION",
];

/// Where the current line is inside a party field.
#[derive(Default)]
struct Party {
    /// Lines read of the current `:50K:`/`:59:` field (0: not in one).
    line: usize,
    /// The field is structured (`:50F:`, `:59F:`).
    structured: bool,
    /// Its name is a company's: its address is too.
    company: bool,
}

/// Report the values of the lines starting in `body` through `emit`
/// (the caller sorts them), under the `swift-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    let mut party = Party::default();
    for line in lines_starting_in(hay, body) {
        read_line(hay, line, &mut party, emit);
    }
}

/// Read one line of a message.
fn read_line(
    hay: &[u8],
    line: Range<usize>,
    party: &mut Party,
    emit: &mut Emit<Role>,
) {
    let bytes = &hay[line.clone()];
    if bytes.starts_with(b":") || bytes.starts_with(b"-}") {
        party.structured =
            bytes.starts_with(b":50F:") || bytes.starts_with(b":59F:");
        let unstructured =
            bytes.starts_with(b":50K:") || bytes.starts_with(b":59:");
        party.line = usize::from(party.structured || unstructured);
        party.company = false;
        return;
    }
    if party.line == 0 || party.company {
        return;
    }
    party.line += 1;
    if party.structured {
        // `1/NAME`, `2/ADDRESS`, `3/CC/TOWN` (postal code first).
        let (number, text) = match bytes {
            [n @ b'1'..=b'8', b'/', ..] => (*n, line.start + 2..line.end),
            _ => return,
        };
        match number {
            b'1' => party.company = !person(hay, text, emit),
            b'2' => emit.value(Role::Street, text),
            b'3' => {
                let town = &hay[text.clone()];
                if let Some(slash) = memchr::memchr(b'/', town) {
                    postal_in(hay, text.start + slash + 1..text.end, emit);
                }
            }
            _ => {}
        }
        return;
    }
    // Account line (on the tag line), then name, street, town.
    match party.line {
        2 => party.company = !person(hay, line, emit),
        3 => emit.value(Role::Street, line),
        4 => postal_in(hay, line, emit),
        _ => {}
    }
}

/// Report `name` unless it names a company; true if it was a person's.
fn person(hay: &[u8], name: Range<usize>, emit: &mut Emit<Role>) -> bool {
    let company = hay[name.clone()]
        .split(|&b| b == b' ')
        .any(|w| COMPANY_WORDS.iter().any(|c| w.eq_ignore_ascii_case(c)));
    if !company {
        emit.value(Role::PersonName, name);
    }
    !company
}

/// Report the postal code of a town line: its first word (`80797
/// MUENCHEN`, `33-100 TARNOW`) or its last one or two (`EDINBURGH EH9
/// 1HU`), whichever the rule accepts.
fn postal_in(hay: &[u8], town: Range<usize>, emit: &mut Emit<Role>) {
    let bytes = &hay[town.clone()];
    let spaces: Vec<usize> = memchr::memchr_iter(b' ', bytes).collect();
    let mut candidates = Vec::with_capacity(3);
    if let Some(&first) = spaces.first() {
        candidates.push(town.start..town.start + first);
    }
    for k in [1, 2] {
        if spaces.len() >= k {
            candidates
                .push(town.start + spaces[spaces.len() - k] + 1..town.end);
        }
    }
    if let Some(code) = candidates.into_iter().find(|c| {
        emit.accepts(Role::PostalCode, &hay[c.clone()], &hay[c.clone()])
    }) {
        emit.value(Role::PostalCode, code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fin_messages() {
        assert!(sniff(b"{1:F01SSKMDEMMAXXX4472679607}{2:I103WBKPPLPPXXXXN}"));
        assert!(!sniff(b":20:SSKM240612-00381"));
    }
}
