//! The receipt: evidence for a privacy team's records of what a run
//! searched, read, found and changed.
//!
//! It never holds an identifier: each one is recorded as its kind and an
//! HMAC-SHA256 (under [`Key`]) of its normalized value, so the receipt
//! proves which values were searched for to whoever holds the key (hash
//! the value again and compare), and to nobody else. A random per-run key
//! makes the hashes unlinkable to anything (the receipt says so); a
//! `--receipt-key FILE` makes them comparable across runs. The key itself
//! is never written, only a short id of it.
//!
//! Written `0600` through [`crate::output::private`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::normalize::{self, NameParts};
use super::profile::{IdKind, Identifier, Subject};
use super::rewrite::FileChange;
use crate::output::private::write_private;
use crate::redact::Key;

/// Domain separation for identifier hashes.
const DOMAIN: &[u8] = b"piiscan-subject-receipt-v1\0";

/// Where the receipt's key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    /// `--receipt-key FILE`: hashes are comparable across runs.
    File,
    /// A random key for this run, discarded: hashes match nothing else.
    RandomPerRun,
}

/// One identifier, hashed.
#[derive(Debug, Clone, Serialize)]
pub struct HashedIdentifier {
    /// Kind id (`email`, `phone`, `person_name`, `literal`, `us_ssn`...).
    pub kind: &'static str,
    /// HMAC-SHA256 of the normalized value, hex (first 128 bits).
    pub hmac: String,
    /// Whether the run corrected it (the new value is hashed too).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected_to_hmac: Option<String>,
}

/// What was found for one subject.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Found {
    /// Occurrences.
    pub total: u64,
    /// Per kind.
    pub by_kind: BTreeMap<String, u64>,
    /// Per source path.
    pub by_source: BTreeMap<String, u64>,
}

/// One subject in the receipt.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectEntry {
    /// The request's label.
    pub subject: String,
    /// Identifiers searched for, hashed.
    pub identifiers: Vec<HashedIdentifier>,
    /// What was found.
    pub found: Found,
}

/// A failed input.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The path.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// The whole receipt.
#[derive(Debug, Clone, Serialize)]
pub struct Receipt {
    /// Schema version.
    pub version: u32,
    /// piiscan's version.
    pub tool: String,
    /// When the run ended (UTC, RFC 3339).
    pub created: String,
    /// `find`, `export`, `erase`, `erase_records`, `correct`.
    pub operation: String,
    /// Whether nothing was written (`--dry-run`).
    pub dry_run: bool,
    /// How identifiers were hashed.
    pub hashing: Hashing,
    /// Roots as given on the command line.
    pub roots: Vec<String>,
    /// Subjects and what was found.
    pub subjects: Vec<SubjectEntry>,
    /// Every input read to its end.
    pub files_read: Vec<String>,
    /// Inputs not read, or not changed, and why.
    pub failures: Vec<Failure>,
    /// Files changed (or that would be, on a dry run).
    pub changes: Vec<FileChange>,
    /// Export files written, if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exports: Vec<String>,
}

/// The hashing scheme, for whoever checks the receipt.
#[derive(Debug, Clone, Serialize)]
pub struct Hashing {
    /// Always `hmac-sha256`.
    pub scheme: &'static str,
    /// What the value is normalized to before hashing.
    pub input: &'static str,
    /// Where the key came from.
    pub key_source: KeySource,
    /// First 64 bits of HMAC(key, "key-id"), hex.
    pub key_id: String,
}

impl Hashing {
    /// The scheme for `key`.
    pub fn new(key: &Key, source: KeySource) -> Hashing {
        Hashing {
            scheme: "hmac-sha256",
            input: "\"piiscan-subject-receipt-v1\\0\" kind \"\\0\" normalized-value",
            key_source: source,
            key_id: hex::encode(&key.mac(&[b"key-id"])[..8]),
        }
    }
}

/// The keyed hash of one identifier.
pub fn hash_identifier(
    key: &Key,
    id: &Identifier,
    country_code: &str,
) -> HashedIdentifier {
    let h = |raw: &str| {
        let norm = canonical(&id.kind, raw, country_code);
        hex::encode(
            &key.mac(&[
                DOMAIN,
                id.kind.name().as_bytes(),
                b"\0",
                norm.as_bytes(),
            ])[..16],
        )
    };
    HashedIdentifier {
        kind: id.kind.name(),
        hmac: h(&id.raw),
        corrected_to_hmac: id.replacement.as_deref().map(h),
    }
}

/// The normalized value hashed for an identifier.
fn canonical(kind: &IdKind, raw: &str, cc: &str) -> String {
    match kind {
        IdKind::Email => normalize::email(raw, false),
        IdKind::Phone => {
            normalize::phone(raw, cc).unwrap_or_else(|| raw.to_string())
        }
        IdKind::Name => NameParts::parse(raw).map_or_else(
            || raw.to_lowercase(),
            |p| {
                let mut words = vec![p.first];
                words.extend(p.middle);
                words.push(p.last);
                words.join(" ")
            },
        ),
        IdKind::Literal => raw.to_lowercase(),
        IdKind::Catalog(k) => normalize::id(k, raw),
    }
}

/// The receipt's subjects, identifiers hashed, nothing found yet.
pub fn subject_entries(
    key: &Key,
    subjects: &[Subject],
    cc: &str,
) -> Vec<SubjectEntry> {
    subjects
        .iter()
        .map(|s| SubjectEntry {
            subject: s.label.clone(),
            identifiers: s
                .identifiers
                .iter()
                .map(|i| hash_identifier(key, i, cc))
                .collect(),
            found: Found::default(),
        })
        .collect()
}

impl Receipt {
    /// Write it to `path` (0600, atomically).
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut bytes =
            serde_json::to_vec_pretty(self).map_err(|e| e.to_string())?;
        bytes.push(b'\n');
        write_private(path, &bytes)
    }
}

/// Now, as RFC 3339 UTC (`2024-03-01T12:00:00Z`).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::profile::{identifier, ProfileOptions};

    #[test]
    fn hashes_ignore_formatting_and_hide_the_value() {
        let key = Key::from_bytes(vec![7; 32]).unwrap();
        let o = ProfileOptions { country_code: "1" };
        let a = identifier(IdKind::Phone, "+1 (415) 555-0100", o).unwrap();
        let b = identifier(IdKind::Phone, "415.555.0100", o).unwrap();
        let ha = hash_identifier(&key, &a, "1");
        assert_eq!(ha.hmac, hash_identifier(&key, &b, "1").hmac);
        assert_eq!(ha.hmac.len(), 32);
        assert!(!ha.hmac.contains("4155550100"));
        let other = Key::from_bytes(vec![8; 32]).unwrap();
        assert_ne!(ha.hmac, hash_identifier(&other, &a, "1").hmac);
    }

    #[test]
    fn dates_are_rfc3339() {
        let now = now_rfc3339();
        assert_eq!(now.len(), 20);
        assert!(now.starts_with("20") && now.ends_with('Z'));
    }
}
