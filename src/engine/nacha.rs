//! NACHA ACH files (US payroll direct deposits, bill payments): values by
//! position in their 94-character records.
//!
//! An entry detail record (`6`) holds the receiving bank's routing number
//! (positions 4-12, check digit included), the account number, the amount,
//! an id and the receiver's name (positions 55-76). The batch header
//! (`5`) before it says whose the entries are: `PPD`, `WEB` and `TEL`
//! batches pay or debit consumers, `CCD` and `CTX` batches companies.
//! No regex tells a routing number glued to an account number from any
//! other digits; the record layout does.
//!
//! Runs on files whose first line is an ACH file header record (`101`,
//! 94 characters, [`sniff`]).

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a field of an entry is reported as.
    enum Role {
        /// The receiver of an entry in a consumer batch.
        PersonName => "nacha-person-name",
        /// The receiving bank's routing number (with its check digit).
        Routing => "nacha-routing",
    }
}

/// Length of an ACH record.
const RECORD: usize = 94;

/// The file whose first line is `head` is an ACH file: a file header
/// record (`1`, priority `01`) of 94 characters.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let line = records::first_line(head);
    line.len() == RECORD && line.starts_with(b"101")
}

/// Standard entry classes whose receivers are consumers.
const CONSUMER_BATCHES: &[&[u8]] = &[b"PPD", b"WEB", b"TEL", b"ARC", b"BOC"];

/// Report the values of the records starting in `body` through `emit`
/// (the caller sorts them), under the `nacha-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    // A chunk that starts inside a batch cannot see its header: entries
    // count as a consumer's until a batch header says otherwise.
    let mut consumers = true;
    for line in lines_starting_in(hay, body) {
        record(hay, line, &mut consumers, emit);
    }
}

/// Read one record.
fn record(
    hay: &[u8],
    line: Range<usize>,
    consumers: &mut bool,
    emit: &mut Emit<Role>,
) {
    let bytes = &hay[line.clone()];
    if bytes.len() != RECORD {
        return;
    }
    let at = |r: Range<usize>| line.start + r.start..line.start + r.end;
    match bytes[0] {
        b'5' => *consumers = CONSUMER_BATCHES.contains(&&bytes[50..53]),
        b'6' => {
            emit.value(Role::Routing, at(3..12));
            if *consumers {
                let name = &bytes[54..76];
                let len = name.len()
                    - name.iter().rev().take_while(|&&b| b == b' ').count();
                if len > 0 {
                    emit.value(Role::PersonName, at(54..54 + len));
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_header_record() {
        let header = b"101 04400002413187245602406131542A094101HUNTINGTON NATL BANK   BUCKEYE DENTAL GROUP   PR0614  \n";
        assert!(sniff(header));
        assert!(!sniff(b"101 short\n"));
        assert!(!sniff(b"ISA*00*"));
    }
}
