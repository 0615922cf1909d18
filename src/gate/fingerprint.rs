//! Value fingerprints for baselines and config allow entries: normalize a
//! value, then derive a deliberately slow, salted PBKDF2-HMAC-SHA256 over
//! kind, path and value (optionally keyed with a secret from
//! `PIISCAN_BASELINE_KEY`).
//!
//! A fingerprint identifies "this value of this kind in this file" without
//! the line number, so it survives line moves and still tells a different
//! value on the same line apart. The README ("CI gate") explains the cost
//! an attacker faces when guessing low-entropy values.
//!
//! Must never: store or return a raw or normalized value, hash a value
//! without the salt and the iteration count, or accept fewer than
//! [`MIN_ITERATIONS`] unkeyed iterations (a public salt plus a fast hash
//! would make 9-digit SSNs recoverable in seconds).

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The scheme name written into baselines.
pub const SCHEME: &str = "pbkdf2-hmac-sha256";

/// Iterations for new unkeyed baselines: about 14 ms of one core per
/// distinct (kind, value, path), computed once per run.
pub const DEFAULT_ITERATIONS: u32 = 100_000;

/// Iterations for new keyed baselines: the secret key is the protection,
/// so the derivation need not be slow.
pub const KEYED_ITERATIONS: u32 = 1;

/// The fewest iterations accepted for an unkeyed fingerprint.
pub const MIN_ITERATIONS: u32 = 10_000;

/// The most iterations accepted (a typo must not stall every scan).
pub const MAX_ITERATIONS: u32 = 10_000_000;

/// Environment variable holding the optional secret key.
pub const KEY_ENV: &str = "PIISCAN_BASELINE_KEY";

/// Bytes of derived output kept (128 bits).
pub const FINGERPRINT_LEN: usize = 16;

/// Domain separation: a fingerprint is never a hash of anything else.
const DOMAIN: &[u8] = b"piiscan-fingerprint-v1\0";

/// A derived fingerprint.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub [u8; FINGERPRINT_LEN]);

impl Fingerprint {
    /// Lowercase hex, as stored.
    pub fn to_hex(self) -> String {
        hex::encode(self.0)
    }

    /// Parse 32 hex digits.
    pub fn from_hex(s: &str) -> Option<Fingerprint> {
        let bytes = hex::decode(s).ok()?;
        Some(Fingerprint(bytes.try_into().ok()?))
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({})", self.to_hex())
    }
}

/// The derivation parameters: salt, iterations, optional secret key.
#[derive(Clone, PartialEq, Eq)]
pub struct Kdf {
    iterations: u32,
    salt: Vec<u8>,
    key: Option<Vec<u8>>,
}

impl fmt::Debug for Kdf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kdf")
            .field("iterations", &self.iterations)
            .field("salt", &hex::encode(&self.salt))
            .field("keyed", &self.key.is_some())
            .finish()
    }
}

impl Kdf {
    /// Parameters as read from a baseline or an allow entry; checks the
    /// iteration bounds.
    pub fn new(
        iterations: u32,
        salt: Vec<u8>,
        key: Option<Vec<u8>>,
    ) -> Result<Kdf, String> {
        let min = if key.is_some() { 1 } else { MIN_ITERATIONS };
        if !(min..=MAX_ITERATIONS).contains(&iterations) {
            return Err(format!(
                "iterations must be between {min} and {MAX_ITERATIONS} \
                 (got {iterations})"
            ));
        }
        if salt.len() < 8 {
            return Err("salt must be at least 8 bytes".to_string());
        }
        Ok(Kdf { iterations, salt, key })
    }

    /// Fresh parameters for a new baseline: a random salt, and the
    /// default iteration count for keyed or unkeyed use.
    pub fn fresh(key: Option<Vec<u8>>) -> Kdf {
        let iterations =
            if key.is_some() { KEYED_ITERATIONS } else { DEFAULT_ITERATIONS };
        Kdf { iterations, salt: random_salt().to_vec(), key }
    }

    /// Fresh parameters with a chosen iteration count (bounds checked as
    /// in [`Kdf::new`]).
    pub fn fresh_with(
        iterations: u32,
        key: Option<Vec<u8>>,
    ) -> Result<Kdf, String> {
        Kdf::new(iterations, random_salt().to_vec(), key)
    }

    /// Iterations of the derivation.
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// The public salt.
    pub fn salt(&self) -> &[u8] {
        &self.salt
    }

    /// Whether a secret key is mixed in.
    pub fn keyed(&self) -> bool {
        self.key.is_some()
    }

    /// A short public id of the key (never the key), so a baseline can
    /// tell "wrong key" from "new findings".
    pub fn key_id(&self) -> Option<String> {
        let key = self.key.as_ref()?;
        let mut mac = HmacSha256::new_from_slice(key).expect("any key length");
        mac.update(b"piiscan-key-id\0");
        mac.update(&self.salt);
        Some(hex::encode(&mac.finalize().into_bytes()[..8]))
    }

    /// The fingerprint of `normalized` (see [`normalize`]) of `kind` at
    /// root-relative `path`. Costs `iterations` HMAC-SHA256 calls.
    pub fn fingerprint(
        &self,
        kind: &str,
        path: &str,
        normalized: &[u8],
    ) -> Fingerprint {
        // Length-prefixed fields: no two (kind, path, value) triples
        // share a message.
        let mut message = Vec::with_capacity(
            DOMAIN.len() + kind.len() + path.len() + normalized.len() + 16,
        );
        message.extend_from_slice(DOMAIN);
        for field in [kind.as_bytes(), path.as_bytes(), normalized] {
            message.extend_from_slice(&(field.len() as u64).to_be_bytes());
            message.extend_from_slice(field);
        }
        let password = match &self.key {
            Some(key) => {
                let mut mac =
                    HmacSha256::new_from_slice(key).expect("any key length");
                mac.update(&message);
                mac.finalize().into_bytes().to_vec()
            }
            None => message,
        };
        let block = pbkdf2_first_block(&password, &self.salt, self.iterations);
        let mut out = [0u8; FINGERPRINT_LEN];
        out.copy_from_slice(&block[..FINGERPRINT_LEN]);
        Fingerprint(out)
    }

    /// A self-describing fingerprint for config allow entries:
    /// `v1:ITERATIONS:SALT:HASH` (`v1k:` when keyed).
    pub fn portable(&self, fp: Fingerprint) -> String {
        format!(
            "{}:{}:{}:{}",
            if self.keyed() { "v1k" } else { "v1" },
            self.iterations,
            hex::encode(&self.salt),
            fp.to_hex()
        )
    }
}

/// A parsed `v1:ITERATIONS:SALT:HASH` string (see [`Kdf::portable`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portable {
    /// Whether the secret key was mixed in.
    pub keyed: bool,
    /// Iterations.
    pub iterations: u32,
    /// Salt bytes.
    pub salt: Vec<u8>,
    /// The fingerprint.
    pub fingerprint: Fingerprint,
}

impl Portable {
    /// Parse; the error says what is wrong, never echoing a value.
    pub fn parse(s: &str) -> Result<Portable, String> {
        const FORMAT: &str = "expected v1:ITERATIONS:SALT:HASH as printed \
                              by `piiscan baseline --format toml`";
        let parts: Vec<&str> = s.split(':').collect();
        let [scheme, iterations, salt, hash] = parts[..] else {
            return Err(FORMAT.to_string());
        };
        let keyed = match scheme {
            "v1" => false,
            "v1k" => true,
            _ => return Err(FORMAT.to_string()),
        };
        let iterations: u32 = iterations.parse().map_err(|_| FORMAT)?;
        let salt = hex::decode(salt).map_err(|_| FORMAT)?;
        let fingerprint = Fingerprint::from_hex(hash).ok_or(FORMAT)?;
        Ok(Portable { keyed, iterations, salt, fingerprint })
    }
}

/// PBKDF2 (RFC 8018) with HMAC-SHA256: the first 32-byte block `T_1`.
fn pbkdf2_first_block(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
) -> [u8; 32] {
    let prf = HmacSha256::new_from_slice(password).expect("any key length");
    let mut mac = prf.clone();
    mac.update(salt);
    mac.update(&1u32.to_be_bytes());
    let mut u: [u8; 32] = mac.finalize().into_bytes().into();
    let mut out = u;
    for _ in 1..iterations {
        let mut mac = prf.clone();
        mac.update(&u);
        u = mac.finalize().into_bytes().into();
        for (o, x) in out.iter_mut().zip(u) {
            *o ^= x;
        }
    }
    out
}

/// The secret key from `PIISCAN_BASELINE_KEY`, if set: at least 16 bytes.
pub fn key_from_env() -> Result<Option<Vec<u8>>, String> {
    match std::env::var_os(KEY_ENV) {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) => {
            let bytes = v.into_encoded_bytes();
            if bytes.len() < 16 {
                return Err(format!(
                    "{KEY_ENV} must hold at least 16 bytes (use a random key, \
                     e.g. `openssl rand -hex 32`)"
                ));
            }
            Ok(Some(bytes))
        }
    }
}

/// 16 random bytes for a salt: the OS generator when there is one, else a
/// hash of process-unique state (a salt must be unique, not secret).
pub fn random_salt() -> [u8; 16] {
    use std::io::Read;
    let mut salt = [0u8; 16];
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut salt))
        .is_ok()
    {
        return salt;
    }
    use sha2::Digest;
    use std::hash::{BuildHasher, Hasher};
    let mut h = Sha256::new();
    for _ in 0..4 {
        let mut s =
            std::collections::hash_map::RandomState::new().build_hasher();
        s.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        h.update(s.finish().to_le_bytes());
    }
    h.update(std::process::id().to_le_bytes());
    salt.copy_from_slice(&h.finalize()[..16]);
    salt
}

/// The canonical form of a value of `kind`, so that formatting differences
/// (`123-45-6789` / `123 45 6789`, `Jane@X.com` / `jane@x.com`) fingerprint
/// alike.
pub fn normalize(kind: &str, raw: &[u8]) -> Vec<u8> {
    let trimmed = raw.trim_ascii();
    match kind {
        "email" => trimmed.to_ascii_lowercase(),
        "ipv4" => std::str::from_utf8(trimmed)
            .ok()
            .and_then(|s| s.parse::<Ipv4Addr>().ok())
            .map_or_else(
                || trimmed.to_vec(),
                |ip| ip.to_string().into_bytes(),
            ),
        "ipv6" => std::str::from_utf8(trimmed)
            .ok()
            .and_then(|s| s.parse::<Ipv6Addr>().ok())
            .map_or_else(
                || trimmed.to_ascii_lowercase(),
                |ip| ip.to_string().into_bytes(),
            ),
        "mac_address" => trimmed
            .iter()
            .filter(|b| b.is_ascii_hexdigit())
            .map(u8::to_ascii_lowercase)
            .collect(),
        "phone" => {
            trimmed.iter().copied().filter(u8::is_ascii_digit).collect()
        }
        "person_name" | "street_address" | "username" => {
            let mut out = Vec::with_capacity(trimmed.len());
            for word in trimmed
                .split(|b| b.is_ascii_whitespace())
                .filter(|w| !w.is_empty())
            {
                if !out.is_empty() {
                    out.push(b' ');
                }
                out.extend(word.iter().map(u8::to_ascii_lowercase));
            }
            out
        }
        "jwt" | "bearer_token" | "aws_access_key" | "url_credentials"
        | "session_cookie" | "date_of_birth" | "geo_coordinates" => {
            trimmed.to_vec()
        }
        // Card, bank and government ids: separators vary, letters don't.
        _ => trimmed
            .iter()
            .filter(|b| !matches!(b, b' ' | b'-' | b'.' | b'/' | b'\t'))
            .map(u8::to_ascii_uppercase)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_matches_rfc7914_vectors() {
        // RFC 7914 section 11, first 32 bytes of each derived key.
        assert_eq!(
            hex::encode(pbkdf2_first_block(b"passwd", b"salt", 1)),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
        assert_eq!(
            hex::encode(pbkdf2_first_block(b"Password", b"NaCl", 80000)),
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
        );
    }

    #[test]
    fn fingerprints_depend_on_kind_path_value_salt_and_key() {
        let kdf = Kdf::new(MIN_ITERATIONS, vec![7; 16], None).unwrap();
        let a = kdf.fingerprint("us_ssn", "a.txt", b"123456789");
        assert_eq!(a, kdf.fingerprint("us_ssn", "a.txt", b"123456789"));
        assert_ne!(a, kdf.fingerprint("us_ssn", "b.txt", b"123456789"));
        assert_ne!(a, kdf.fingerprint("us_itin", "a.txt", b"123456789"));
        assert_ne!(a, kdf.fingerprint("us_ssn", "a.txt", b"123456780"));
        // No ambiguity between fields.
        assert_ne!(
            kdf.fingerprint("a", "b\0c", b"d"),
            kdf.fingerprint("a", "b", b"c\0d")
        );
        let other = Kdf::new(MIN_ITERATIONS, vec![8; 16], None).unwrap();
        assert_ne!(a, other.fingerprint("us_ssn", "a.txt", b"123456789"));
        let keyed =
            Kdf::new(1, vec![7; 16], Some(b"0123456789abcdef".to_vec()))
                .unwrap();
        assert_ne!(a, keyed.fingerprint("us_ssn", "a.txt", b"123456789"));
        assert!(keyed.key_id().unwrap().len() == 16);
    }

    #[test]
    fn weak_parameters_are_refused() {
        assert!(Kdf::new(1, vec![1; 16], None).is_err());
        assert!(Kdf::new(MIN_ITERATIONS, vec![1; 4], None).is_err());
        assert!(Kdf::new(MAX_ITERATIONS + 1, vec![1; 16], None).is_err());
        assert!(Kdf::new(1, vec![1; 16], Some(vec![2; 16])).is_ok());
    }

    #[test]
    fn portable_round_trips() {
        let kdf = Kdf::new(MIN_ITERATIONS, vec![9; 16], None).unwrap();
        let fp = kdf.fingerprint("email", "x", b"a@b.c");
        let s = kdf.portable(fp);
        let p = Portable::parse(&s).unwrap();
        assert_eq!(p.fingerprint, fp);
        assert_eq!(p.iterations, MIN_ITERATIONS);
        assert_eq!(p.salt, vec![9; 16]);
        assert!(!p.keyed);
        assert!(Portable::parse("v2:1:00:00").is_err());
        assert!(Portable::parse("nonsense").is_err());
    }

    #[test]
    fn normalization_ignores_formatting() {
        assert_eq!(normalize("us_ssn", b"123-45-6789"), b"123456789");
        assert_eq!(normalize("us_ssn", b"123 45 6789"), b"123456789");
        assert_eq!(
            normalize("email", b"Jane@Example.COM"),
            b"jane@example.com"
        );
        assert_eq!(normalize("phone", b"+1 (202) 555-0143"), b"12025550143");
        assert_eq!(normalize("iban", b"gb82 west 1234"), b"GB82WEST1234");
        assert_eq!(normalize("ipv6", b"2001:DB8:0:0::1"), b"2001:db8::1");
        assert_eq!(normalize("mac_address", b"00-1A-2B"), b"001a2b");
        assert_eq!(normalize("person_name", b" Jane\t DOE "), b"jane doe");
        assert_eq!(normalize("jwt", b"eyJ.a.B"), b"eyJ.a.B");
    }
}
