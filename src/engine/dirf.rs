//! Brazilian DIRF files (Declaração do Imposto sobre a Renda Retido na
//! Fonte) as the Receita's PGD imports them: pipe-separated records, one
//! a line, each named by its first field.
//!
//! A CPF and a name stand bare in numbered fields, with CNPJs, amounts
//! and month columns of the same shape around them: only the record type
//! says which field is whose. Read here: the person responsible for the
//! return (`RESPO|cpf|name|`), the declarant's responsible (`DECPJ`, field
//! 5), each individual paid (`BPFDEC|cpf|name|`), a health plan's holder
//! (`TPSE|cpf|name|`) and dependant (`DTPDSE|cpf|birth date|name|`), and
//! the CPF an extra note is about (`INF|cpf|`).
//!
//! Runs on files whose first line opens with `Dirf|` ([`sniff`]).

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a field of a DIRF record is reported as.
    enum Role {
        /// A person's name.
        PersonName => "dirf-person-name",
        /// A person's CPF.
        Cpf => "dirf-cpf",
        /// A health plan dependant's birth date (`AAAAMMDD`).
        BirthDate => "dirf-date-of-birth",
    }
}

/// The file whose first line is `head` is a DIRF import file.
pub(crate) fn sniff(head: &[u8]) -> bool {
    records::first_line(head).starts_with(b"Dirf|")
}

/// Report the values of the records starting in `body` through `emit`
/// (the caller sorts them), under the `dirf-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    for line in lines_starting_in(hay, body) {
        let fields = split_fields(hay, line);
        let Some(kind) = fields.first().map(|f| &hay[f.clone()]) else {
            continue;
        };
        // (CPF, birth date, name) field numbers, 0 for none.
        let (cpf, birth, name) = match kind {
            b"RESPO" | b"BPFDEC" | b"TPSE" => (1, 0, 2),
            b"DTPDSE" => (1, 2, 3),
            b"DECPJ" => (4, 0, 0),
            b"INF" => (1, 0, 0),
            _ => continue,
        };
        let field = |i: usize| fields.get(i).cloned().filter(|_| i > 0);
        if let Some(value) = field(cpf) {
            emit.value(Role::Cpf, value);
        }
        if let Some(value) = field(birth) {
            emit.value(Role::BirthDate, value);
        }
        if let Some(value) = field(name) {
            emit.value(Role::PersonName, records::trimmed(hay, value));
        }
    }
}

/// The fields of the record on `line`, split at `|`.
fn split_fields(hay: &[u8], line: Range<usize>) -> Vec<Range<usize>> {
    let mut fields = Vec::new();
    let mut start = line.start;
    for cut in memchr::memchr_iter(b'|', &hay[line.clone()]) {
        fields.push(start..line.start + cut);
        start = line.start + cut + 1;
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_names_the_format() {
        assert!(sniff(b"Dirf|2024|2023|S|5W7K2Q9D4R1X|Y0GHU9|\nRESPO|"));
        assert!(!sniff(b"RESPO|52998224725|ANA|\n"));
    }

    #[test]
    fn fields_end_at_each_bar() {
        let line = b"TPSE|52998224725|ANA LIMA|612000|";
        let fields = split_fields(line, 0..line.len());
        let texts: Vec<&[u8]> =
            fields.iter().map(|f| &line[f.clone()]).collect();
        assert_eq!(
            texts,
            [&b"TPSE"[..], b"52998224725", b"ANA LIMA", b"612000"]
        );
    }
}
