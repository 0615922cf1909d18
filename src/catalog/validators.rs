//! Named validators: checksum and structure rules run on a candidate's bytes.
//!
//! A validator is tri-state (Presidio's `validate_result`): it can confirm a
//! candidate, reject it (the candidate is dropped, and does not hide other
//! kinds overlapping it), or have no opinion. Validators get the candidate
//! after the rule's `normalize` characters were removed; they never allocate
//! on the happy path and never panic on any input.

/// What a validator says about one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The structure or checksum holds.
    Valid,
    /// The candidate is not a value of this kind.
    Invalid,
}

/// A validator: bytes of the (normalized) candidate in, verdict out.
pub type Validator = fn(&[u8]) -> Verdict;

/// Every validator name a pattern file may use, with its function.
pub const VALIDATORS: &[(&str, Validator)] = &[];

/// Look up a validator by the name used in pattern files.
pub fn lookup(name: &str) -> Option<Validator> {
    VALIDATORS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}
