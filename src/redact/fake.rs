//! The `fake` style: realistic replacements that still parse.
//!
//! Where a kind has a range reserved for examples, the fake comes from it,
//! so scanning the output again reports it with `synthetic: true`:
//! emails at `example.invalid`, phones in NANP 555-0100..0199, published
//! test card numbers (Luhn-valid), IPv4 documentation ranges (RFC 5737),
//! IPv6 `2001:db8::/32`, URL credentials at `example.invalid`, and the
//! published example SSNs. Other kinds get a value of the same shape
//! (digits for digits, letters for letters, separators kept) that its
//! rule's validator rejects: a random id with a valid check digit could
//! be a real person's. A kind whose rule has no validator has no safe fake
//! and the caller falls back to the tag.
//!
//! Every fake is derived from HMAC-SHA256 of the normalized value under
//! the key, so one key gives the same fake for the same value in every
//! file and run. This module never emits a fake it has not checked
//! against the engine's synthetic rules or the rule's validator.

use crate::catalog::{Rule, Verdict};
use crate::engine::synthetic::{is_synthetic, EXAMPLE_SSNS, TEST_CARDS};

use super::key::Key;
use super::style::normalized;

/// Candidates tried before giving up on a value (each one has a fresh
/// HMAC-derived seed).
const ATTEMPTS: u32 = 24;

/// Append a fake for `value`, a match of `rule`. Returns false (and
/// appends nothing) when the kind has no safe fake.
pub(crate) fn write(
    key: &Key,
    rule: &Rule,
    value: &[u8],
    out: &mut Vec<u8>,
) -> bool {
    let kind = rule.kind.id;
    let special = matches!(
        kind,
        "email"
            | "phone"
            | "credit_card"
            | "ipv4"
            | "ipv6"
            | "url_credentials"
            | "us_ssn"
            | "date_of_birth"
    );
    if !special && rule.validator.is_none() {
        return false;
    }
    let norm = normalized(kind, value);
    let start = out.len();
    for attempt in 0..ATTEMPTS {
        let seed = key.mac(&[
            b"piiscan-fake\0",
            kind.as_bytes(),
            b"\0",
            &norm,
            &attempt.to_le_bytes(),
        ]);
        let mut rng = Rng::new(&seed);
        match kind {
            "email" => email(&mut rng, out),
            "phone" => phone(&mut rng, value, out),
            "credit_card" => card(&mut rng, value, out),
            "ipv4" => ipv4(&mut rng, out),
            "ipv6" => ipv6(&mut rng, out),
            "url_credentials" => url_credentials(&mut rng, out),
            "us_ssn" => {
                let ssn = EXAMPLE_SSNS[rng.below(EXAMPLE_SSNS.len())];
                fill_digits(value, ssn.as_bytes(), out);
            }
            "date_of_birth" => {
                date_of_birth(&mut rng, value, out);
                // A real date in the 1800s: outside every DOB rule's
                // years, so never mistaken for a living person's.
                return true;
            }
            _ => shaped(&mut rng, value, out),
        }
        let candidate = &out[start..];
        if candidate != value
            && (is_synthetic(kind, candidate) || rejected(rule, candidate))
        {
            return true;
        }
        out.truncate(start);
    }
    false
}

/// Whether `rule`'s validator rejects `candidate` (after the rule's
/// normalization).
fn rejected(rule: &Rule, candidate: &[u8]) -> bool {
    let Some((_, validate)) = &rule.validator else {
        return false;
    };
    let norm: Vec<u8> = candidate
        .iter()
        .copied()
        .filter(|b| !rule.normalize.contains(b))
        .collect();
    validate(&norm) == Verdict::Invalid
}

/// splitmix64 over an HMAC-derived seed: not a secret, just a fixed
/// expansion of one.
struct Rng(u64);

impl Rng {
    fn new(seed: &[u8; 32]) -> Rng {
        let mut s = [0u8; 8];
        s.copy_from_slice(&seed[..8]);
        Rng(u64::from_le_bytes(s))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn digit(&mut self) -> u8 {
        b'0' + self.below(10) as u8
    }

    fn hex(&mut self, n: usize, out: &mut Vec<u8>) {
        for _ in 0..n {
            out.push(b"0123456789abcdef"[self.below(16)]);
        }
    }
}

/// Replace the ASCII digits of `layout`, in order, by `digits` (which must
/// have as many); every other byte is kept.
fn fill_digits(layout: &[u8], digits: &[u8], out: &mut Vec<u8>) {
    let mut next = digits.iter();
    for &b in layout {
        if b.is_ascii_digit() {
            out.push(*next.next().unwrap_or(&b'0'));
        } else {
            out.push(b);
        }
    }
}

fn email(rng: &mut Rng, out: &mut Vec<u8>) {
    out.extend_from_slice(b"user.");
    rng.hex(8, out);
    out.extend_from_slice(b"@example.invalid");
}

/// A NANP number in the fictional 555-01xx range, in the value's own
/// layout when it has a NANP digit count, else written `+1 AAA 555 01XX`
/// (international) or `(AAA) 555-01XX`.
fn phone(rng: &mut Rng, value: &[u8], out: &mut Vec<u8>) {
    let digits: Vec<u8> =
        value.iter().copied().filter(u8::is_ascii_digit).collect();
    let area = [b'2' + rng.below(8) as u8, rng.digit(), rng.digit()];
    let line = [b'5', b'5', b'5', b'0', b'1', rng.digit(), rng.digit()];
    let mut nanp = Vec::with_capacity(11);
    let plus = value.first() == Some(&b'+');
    match digits.len() {
        7 if !plus => nanp.extend_from_slice(&line),
        10 if !plus => {
            nanp.extend_from_slice(&area);
            nanp.extend_from_slice(&line);
        }
        11 if digits[0] == b'1' => {
            nanp.push(b'1');
            nanp.extend_from_slice(&area);
            nanp.extend_from_slice(&line);
        }
        _ => {
            if plus {
                out.extend_from_slice(b"+1 ");
                out.extend_from_slice(&area);
                out.push(b' ');
                out.extend_from_slice(&line[..3]);
                out.push(b' ');
                out.extend_from_slice(&line[3..]);
            } else {
                out.push(b'(');
                out.extend_from_slice(&area);
                out.extend_from_slice(b") ");
                out.extend_from_slice(&line[..3]);
                out.push(b'-');
                out.extend_from_slice(&line[3..]);
            }
            return;
        }
    }
    fill_digits(value, &nanp, out);
}

/// A published test card of the same length in the value's layout, or a
/// 16-digit one grouped like the value when no test card has its length.
fn card(rng: &mut Rng, value: &[u8], out: &mut Vec<u8>) {
    let n = value.iter().filter(|b| b.is_ascii_digit()).count();
    let same: Vec<&str> =
        TEST_CARDS.iter().copied().filter(|c| c.len() == n).collect();
    if !same.is_empty() {
        fill_digits(value, same[rng.below(same.len())].as_bytes(), out);
        return;
    }
    let sixteen: Vec<&str> =
        TEST_CARDS.iter().copied().filter(|c| c.len() == 16).collect();
    let pick = sixteen[rng.below(sixteen.len())].as_bytes();
    let sep = value.iter().copied().find(|b| matches!(b, b' ' | b'-'));
    for (i, group) in pick.chunks(4).enumerate() {
        if i > 0 {
            if let Some(s) = sep {
                out.push(s);
            }
        }
        out.extend_from_slice(group);
    }
}

fn ipv4(rng: &mut Rng, out: &mut Vec<u8>) {
    let net = ["192.0.2.", "198.51.100.", "203.0.113."][rng.below(3)];
    out.extend_from_slice(net.as_bytes());
    out.extend_from_slice((1 + rng.below(254)).to_string().as_bytes());
}

fn ipv6(rng: &mut Rng, out: &mut Vec<u8>) {
    out.extend_from_slice(b"2001:db8::");
    let a = rng.next() as u16;
    let b = rng.next() as u16;
    out.extend_from_slice(format!("{:x}:{:x}", a | 0x1000, b).as_bytes());
}

fn url_credentials(rng: &mut Rng, out: &mut Vec<u8>) {
    out.extend_from_slice(b"user-");
    rng.hex(4, out);
    out.push(b':');
    rng.hex(12, out);
    out.extend_from_slice(b"@example.invalid");
}

/// The value's layout with a year in the 1800s for its 4-digit part, 01
/// to 12 for the first two short parts (a valid day and month in either
/// order) and random digits for any time of day.
fn date_of_birth(rng: &mut Rng, value: &[u8], out: &mut Vec<u8>) {
    let mut short_parts = 0;
    let mut i = 0;
    while i < value.len() {
        if !value[i].is_ascii_digit() {
            out.push(value[i]);
            i += 1;
            continue;
        }
        let len = value[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 4 {
            out.extend_from_slice(
                format!("18{:02}", rng.below(100)).as_bytes(),
            );
        } else if short_parts < 2 && len <= 2 {
            short_parts += 1;
            let n = 1 + rng.below(if len == 1 { 9 } else { 12 });
            out.extend_from_slice(format!("{n:0len$}").as_bytes());
        } else {
            for _ in 0..len {
                out.push(b'0' + rng.below(6) as u8);
            }
        }
        i += len;
    }
}

/// Same shape: a digit for each digit, a letter of the same case for each
/// ASCII letter, `x` for each other letter, everything else kept.
fn shaped(rng: &mut Rng, value: &[u8], out: &mut Vec<u8>) {
    let mut buf = [0u8; 4];
    for chunk in value.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_ascii_digit() {
                out.push(rng.digit());
            } else if c.is_ascii_uppercase() {
                out.push(b'A' + rng.below(26) as u8);
            } else if c.is_ascii_lowercase() {
                out.push(b'a' + rng.below(26) as u8);
            } else if c.is_alphanumeric() {
                out.push(b'x');
            } else {
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        out.extend(chunk.invalid().iter().map(|_| b'x'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::validators;

    #[test]
    fn test_cards_are_valid_and_synthetic() {
        for c in TEST_CARDS {
            assert_eq!(
                validators::credit_card(c.as_bytes()),
                Verdict::Valid,
                "{c}"
            );
            assert!(is_synthetic("credit_card", c.as_bytes()), "{c}");
        }
        for s in EXAMPLE_SSNS {
            assert!(is_synthetic("us_ssn", s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn phones_land_in_the_fiction_range() {
        let seed = [7u8; 32];
        for v in [
            "(415) 555-2671",
            "+1 415 867 5309",
            "+44 20 7946 0958",
            "867-5309",
            "020 7946 0958",
        ] {
            let mut out = Vec::new();
            phone(&mut Rng::new(&seed), v.as_bytes(), &mut out);
            assert!(
                is_synthetic("phone", &out),
                "{v} -> {}",
                String::from_utf8_lossy(&out)
            );
            assert_eq!(validators::phone(&out), Verdict::Valid, "{v}");
        }
    }
}
