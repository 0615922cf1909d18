//! The baseline file: today's findings as salted, deliberately slow
//! fingerprints, so a gate reports only what is new.
//!
//! ```json
//! {
//!   "version": 1,
//!   "scheme": "pbkdf2-hmac-sha256",
//!   "iterations": 100000,
//!   "salt": "9f1c...",
//!   "keyed": false,
//!   "entries": [
//!     {"path": "tests/data/users.json", "kind": "email", "fingerprint": "3a7f..."}
//!   ]
//! }
//! ```
//!
//! Entries are sorted by path, kind and fingerprint, one per line, so the
//! file is stable and diffs well in review. Paths are relative to the
//! config root; kinds are in the clear so a scan only derives
//! fingerprints for findings whose file and kind have entries.
//!
//! Must never: hold a raw value, a masked preview (it reveals digits) or
//! a line number (lines move), or write a partial file (it goes through
//! the one atomic writer, `crate::redact::atomic`).

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::fingerprint::{self, Fingerprint, Kdf};

/// The current baseline format version.
pub const VERSION: u32 = 1;

/// The default baseline file name, at the config root.
pub const DEFAULT_FILE: &str = ".piiscan-baseline.json";

/// One baselined finding: a value of a kind in a file.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Root-relative path, forward slashes.
    pub path: String,
    /// Kind id.
    pub kind: String,
    /// 32 hex digits (see [`Kdf::fingerprint`]).
    pub fingerprint: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    version: u32,
    scheme: String,
    iterations: u32,
    salt: String,
    keyed: bool,
    #[serde(default)]
    key_id: Option<String>,
    entries: Vec<Entry>,
}

/// A loaded (or new) baseline with its lookup index.
#[derive(Debug, Clone)]
pub struct Baseline {
    kdf: Kdf,
    entries: Vec<Entry>,
    /// (path, kind) -> fingerprint -> entry index.
    index: HashMap<(String, String), HashMap<Fingerprint, usize>>,
}

impl Baseline {
    /// An empty baseline with the given parameters.
    pub fn empty(kdf: Kdf) -> Baseline {
        Baseline { kdf, entries: Vec::new(), index: HashMap::new() }
    }

    /// Read and check `path`. `key` is `PIISCAN_BASELINE_KEY`: required
    /// for a keyed baseline, and it must be the key it was written with.
    pub fn load(
        path: &Path,
        key: Option<Vec<u8>>,
    ) -> Result<Baseline, String> {
        let shown = crate::sanitize::for_terminal(&path.to_string_lossy())
            .into_owned();
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!("{shown}: {}", crate::input::io_reason(&e))
        })?;
        Baseline::parse(&text, key).map_err(|e| format!("{shown}: {e}"))
    }

    /// Parse baseline JSON text.
    pub fn parse(
        text: &str,
        key: Option<Vec<u8>>,
    ) -> Result<Baseline, String> {
        let raw: RawBaseline = serde_json::from_str(text).map_err(|e| {
            format!("line {}: not a piiscan baseline: {e}", e.line())
        })?;
        if raw.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (expected {VERSION})",
                raw.version
            ));
        }
        if raw.scheme != fingerprint::SCHEME {
            return Err(format!(
                "unknown fingerprint scheme {:?} (expected {:?})",
                raw.scheme,
                fingerprint::SCHEME
            ));
        }
        let salt = hex::decode(&raw.salt)
            .map_err(|_| "`salt` is not hex".to_string())?;
        let key = match (raw.keyed, key) {
            (true, None) => {
                return Err(format!(
                    "this baseline was written with {} set; set it to the \
                     same key",
                    fingerprint::KEY_ENV
                ))
            }
            (true, Some(k)) => Some(k),
            // An unkeyed baseline ignores the key.
            (false, _) => None,
        };
        let kdf = Kdf::new(raw.iterations, salt, key)?;
        if raw.keyed && kdf.key_id() != raw.key_id {
            return Err(format!(
                "{} is not the key this baseline was written with",
                fingerprint::KEY_ENV
            ));
        }
        let mut baseline = Baseline::empty(kdf);
        for (i, e) in raw.entries.into_iter().enumerate() {
            if Fingerprint::from_hex(&e.fingerprint).is_none() {
                return Err(format!("entry {}: bad fingerprint", i + 1));
            }
            if crate::catalog::kinds::lookup(&e.kind).is_none() {
                return Err(format!(
                    "entry {}: unknown kind {:?}",
                    i + 1,
                    e.kind
                ));
            }
            baseline.insert(e);
        }
        Ok(baseline)
    }

    fn insert(&mut self, e: Entry) {
        let Some(fp) = Fingerprint::from_hex(&e.fingerprint) else { return };
        let slot =
            self.index.entry((e.path.clone(), e.kind.clone())).or_default();
        if slot.contains_key(&fp) {
            return;
        }
        slot.insert(fp, self.entries.len());
        self.entries.push(e);
    }

    /// The derivation parameters.
    pub fn kdf(&self) -> &Kdf {
        &self.kdf
    }

    /// All entries, in load order (indexes used by [`Baseline::find`]).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether any entry is for `kind` in `path` (no derivation needed
    /// when not).
    pub fn has(&self, path: &str, kind: &str) -> bool {
        self.index.contains_key(&(path.to_string(), kind.to_string()))
    }

    /// The index of the entry for this fingerprint, if any.
    pub fn find(
        &self,
        path: &str,
        kind: &str,
        fp: Fingerprint,
    ) -> Option<usize> {
        self.index
            .get(&(path.to_string(), kind.to_string()))?
            .get(&fp)
            .copied()
    }

    /// A baseline with the same parameters holding exactly `entries`.
    pub fn with_entries(
        &self,
        entries: impl IntoIterator<Item = Entry>,
    ) -> Baseline {
        let mut b = Baseline::empty(self.kdf.clone());
        let sorted: BTreeSet<Entry> = entries.into_iter().collect();
        for e in sorted {
            b.insert(e);
        }
        b
    }

    /// The file text: stable key order, entries sorted, one per line.
    pub fn to_json(&self) -> String {
        let mut sorted: Vec<&Entry> = self.entries.iter().collect();
        sorted.sort();
        let mut out = String::from("{\n");
        let field = |out: &mut String, k: &str, v: String| {
            out.push_str(&format!("  \"{k}\": {v},\n"));
        };
        field(&mut out, "version", VERSION.to_string());
        field(&mut out, "scheme", json(fingerprint::SCHEME));
        field(&mut out, "iterations", self.kdf.iterations().to_string());
        field(&mut out, "salt", json(&hex::encode(self.kdf.salt())));
        field(&mut out, "keyed", self.kdf.keyed().to_string());
        if let Some(id) = self.kdf.key_id() {
            field(&mut out, "key_id", json(&id));
        }
        if sorted.is_empty() {
            out.push_str("  \"entries\": []\n}\n");
            return out;
        }
        out.push_str("  \"entries\": [\n");
        for (i, e) in sorted.iter().enumerate() {
            out.push_str(&format!(
                "    {{\"path\": {}, \"kind\": {}, \"fingerprint\": {}}}{}\n",
                json(&e.path),
                json(&e.kind),
                json(&e.fingerprint),
                if i + 1 < sorted.len() { "," } else { "" }
            ));
        }
        out.push_str("  ]\n}\n");
        out
    }

    /// Write the file atomically (see [`write_atomic`]); `-` writes to
    /// stdout.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let text = self.to_json();
        if path == Path::new("-") {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            return out.flush();
        }
        write_atomic(path, &text)
    }
}

/// Replace (or create, mode 0644) `path` with `text` through the one
/// file-replacing writer (`crate::redact::atomic`): a temporary file
/// beside it, fsynced, renamed over it, the directory fsynced; a symlink
/// is never written through.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    use crate::redact::atomic::{AtomicFile, Original, Policy};
    let file = match std::fs::symlink_metadata(path) {
        Ok(_) => Original::inspect(path, Policy::default())
            .and_then(|o| AtomicFile::replace(&o)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            AtomicFile::create(path, 0o644)
        }
        Err(e) => return Err(e),
    }
    .map_err(std::io::Error::other)?;
    file.file().write_all(text.as_bytes())?;
    file.commit(None).map_err(std::io::Error::other)
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kdf() -> Kdf {
        Kdf::new(fingerprint::MIN_ITERATIONS, vec![1; 16], None).unwrap()
    }

    #[test]
    fn round_trips_sorted_and_deduplicated() {
        let base = Baseline::empty(kdf());
        let fp = |n: u8| Fingerprint([n; 16]).to_hex();
        let e = |p: &str, k: &str, f: String| Entry {
            path: p.into(),
            kind: k.into(),
            fingerprint: f,
        };
        let b = base.with_entries([
            e("b.txt", "email", fp(1)),
            e("a.txt", "phone", fp(2)),
            e("a.txt", "email", fp(3)),
            e("a.txt", "email", fp(3)),
        ]);
        let text = b.to_json();
        assert_eq!(text.matches("\"path\"").count(), 3);
        let a_email = text.find("\"a.txt\", \"kind\": \"email\"").unwrap();
        let a_phone = text.find("\"a.txt\", \"kind\": \"phone\"").unwrap();
        let b_email = text.find("\"b.txt\"").unwrap();
        assert!(a_email < a_phone && a_phone < b_email);
        let again = Baseline::parse(&text, None).unwrap();
        assert_eq!(again.to_json(), text, "stable");
        assert!(again.has("a.txt", "phone"));
        assert!(!again.has("b.txt", "phone"));
        let i = again.find("b.txt", "email", Fingerprint([1; 16])).unwrap();
        assert_eq!(again.entries()[i].path, "b.txt");
        let _: serde_json::Value = serde_json::from_str(&text).unwrap();
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(Baseline::parse("{}", None).is_err());
        let good = Baseline::empty(kdf()).to_json();
        let weak = good.replace("\"iterations\": 10000", "\"iterations\": 1");
        assert!(Baseline::parse(&weak, None)
            .unwrap_err()
            .contains("iterations"));
        let extra = good.replace("\"keyed\"", "\"extra\": 1,\n  \"keyed\"");
        assert!(Baseline::parse(&extra, None).is_err());
    }

    #[test]
    fn keyed_baselines_need_the_same_key() {
        let key = b"0123456789abcdef0123".to_vec();
        let keyed = Baseline::empty(
            Kdf::new(1, vec![3; 16], Some(key.clone())).unwrap(),
        );
        let text = keyed.to_json();
        assert!(text.contains("\"keyed\": true"));
        assert!(Baseline::parse(&text, None)
            .unwrap_err()
            .contains("PIISCAN_BASELINE_KEY"));
        assert!(Baseline::parse(&text, Some(b"another key 0123456".to_vec()))
            .unwrap_err()
            .contains("not the key"));
        assert!(Baseline::parse(&text, Some(key)).is_ok());
    }
}
