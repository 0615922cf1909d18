//! Named validators: checksum and structure rules run on a candidate's bytes.
//!
//! A validator is tri-state (Presidio's `validate_result`): it can confirm a
//! candidate, reject it (the candidate is dropped, and does not hide other
//! kinds overlapping it), or have no opinion. Validators get the candidate
//! after the rule's `normalize` characters were removed; they never allocate
//! on the happy path and never panic on any input.
//!
//! "No opinion" is expressed by a pattern not naming a validator at all; a
//! named validator always answers [`Verdict::Valid`] or [`Verdict::Invalid`].
//!
//! What validators do:
//! - check structure (length, character classes, fixed prefixes, embedded
//!   dates) and checksums (Luhn, ISO 7064 mod 97-10, MOD 11-10, MOD 11-2,
//!   Verhoeff, weighted mod 11 / mod 10 / mod 23 sums);
//! - tolerate the separators a value is commonly written with (spaces and
//!   dashes for card, account and id numbers), even though rules usually
//!   strip them before calling, so a validator is safe to call on raw text.
//!
//! What validators must never do:
//! - panic, on any byte sequence (invalid UTF-8, empty, huge);
//! - allocate on the happy path (the only exception is a JWT header larger
//!   than the stack buffer);
//! - decide whether a value is *synthetic* (test cards, advertising SSNs,
//!   documentation ranges): that is the scorer's job, a validator answers only
//!   "could this be a real value of the kind";
//! - look at context, network, clock or any state: same bytes, same verdict.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use std::net::Ipv6Addr;
use std::str::FromStr;

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
///
/// Pattern files refer to validators by these names, so the spelling is part
/// of the pattern-file format: add names, never rename them.
pub const VALIDATORS: &[(&str, Validator)] = &[
    ("luhn", luhn),
    ("credit_card", credit_card),
    ("iban", iban),
    ("aba_routing", aba_routing),
    ("us_ssn", us_ssn),
    ("us_itin", us_itin),
    ("uk_nino", uk_nino),
    ("uk_nhs", uk_nhs),
    ("ca_sin", ca_sin),
    ("fr_nir", fr_nir),
    ("de_tax_id", de_tax_id),
    ("es_dni", es_dni),
    ("es_nie", es_nie),
    ("it_fiscal_code", it_fiscal_code),
    ("nl_bsn", nl_bsn),
    ("pl_pesel", pl_pesel),
    ("br_cpf", br_cpf),
    ("in_aadhaar", in_aadhaar),
    ("in_pan", in_pan),
    ("au_tfn", au_tfn),
    ("cn_resident_id", cn_resident_id),
    ("jwt", jwt),
    ("ipv4", ipv4),
    ("ipv6", ipv6),
    ("mac_address", mac_address),
    ("mac_address_bare", mac_address_bare),
    ("geo_coordinates", geo_coordinates),
    ("date", date),
    ("date_compact", date_compact),
    ("birth_date", birth_date),
    ("email", email),
    ("phone", phone),
    ("username", username),
    ("postal_code", postal_code),
    ("home_street", home_street),
];

/// Look up a validator by the name used in pattern files.
pub fn lookup(name: &str) -> Option<Validator> {
    VALIDATORS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

// ---------------------------------------------------------------------------
// Shared helpers (all allocation-free)
// ---------------------------------------------------------------------------

/// Separators commonly written inside card, account and id numbers.
const SEP: &[u8] = b" -";

fn verdict(ok: bool) -> Verdict {
    if ok {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// Digit values (0-9) of `input`, skipping bytes in `skip`; `None` if another
/// byte appears or there are more than `N` digits. Returns the digits and
/// how many were found.
fn digits<const N: usize>(
    input: &[u8],
    skip: &[u8],
) -> Option<([u8; N], usize)> {
    let mut out = [0u8; N];
    let mut n = 0;
    for &b in input {
        if b.is_ascii_digit() {
            *out.get_mut(n)? = b - b'0';
            n += 1;
        } else if !skip.contains(&b) {
            return None;
        }
    }
    Some((out, n))
}

/// Exactly `N` digit values, separators in `skip` ignored.
fn exact_digits<const N: usize>(input: &[u8], skip: &[u8]) -> Option<[u8; N]> {
    let (d, n) = digits::<N>(input, skip)?;
    (n == N).then_some(d)
}

/// ASCII alphanumerics of `input`, upper-cased, skipping bytes in `skip`;
/// `None` on any other byte or more than `N` characters.
fn alnum_upper<const N: usize>(
    input: &[u8],
    skip: &[u8],
) -> Option<([u8; N], usize)> {
    let mut out = [0u8; N];
    let mut n = 0;
    for &b in input {
        if b.is_ascii_alphanumeric() {
            *out.get_mut(n)? = b.to_ascii_uppercase();
            n += 1;
        } else if !skip.contains(&b) {
            return None;
        }
    }
    Some((out, n))
}

/// Exactly `N` upper-cased alphanumerics, separators in `skip` ignored.
fn exact_alnum<const N: usize>(input: &[u8], skip: &[u8]) -> Option<[u8; N]> {
    let (c, n) = alnum_upper::<N>(input, skip)?;
    (n == N).then_some(c)
}

/// Decimal value of digit values (not ASCII); callers keep `d` short.
fn number(d: &[u8]) -> u64 {
    d.iter()
        .fold(0u64, |acc, &x| acc.wrapping_mul(10).wrapping_add(u64::from(x)))
}

/// Decimal value of an all-ASCII-digit slice of 1..=9 bytes.
fn ascii_number(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0')))
}

fn all_same(d: &[u8]) -> bool {
    d.windows(2).all(|w| w[0] == w[1])
}

/// Luhn mod 10 over digit values (rightmost digit is the check digit).
fn luhn_ok(d: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &x) in d.iter().rev().enumerate() {
        let x = u32::from(x);
        let v = if i % 2 == 1 {
            let y = x * 2;
            if y > 9 {
                y - 9
            } else {
                y
            }
        } else {
            x
        };
        sum = (sum + v) % 10;
    }
    sum == 0
}

fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A real Gregorian calendar date.
fn real_date(year: u32, month: u32, day: u32) -> bool {
    (1..=days_in_month(year, month)).contains(&day)
}

// ---------------------------------------------------------------------------
// Financial
// ---------------------------------------------------------------------------

/// Luhn mod 10 over ASCII digits (spaces and dashes ignored): the checksum of
/// payment cards and several national ids. At least two digits.
pub fn luhn(input: &[u8]) -> Verdict {
    let mut sum = 0u32;
    let mut n = 0usize;
    for &b in input.iter().rev() {
        if b.is_ascii_digit() {
            let x = u32::from(b - b'0');
            let v = if n % 2 == 1 {
                let y = x * 2;
                if y > 9 {
                    y - 9
                } else {
                    y
                }
            } else {
                x
            };
            sum = (sum + v) % 10;
            n = n.saturating_add(1);
        } else if !SEP.contains(&b) {
            return Verdict::Invalid;
        }
    }
    verdict(n >= 2 && sum == 0)
}

/// Whether the digits carry a known issuer prefix with a length that issuer
/// uses.
fn card_issuer_ok(d: &[u8]) -> bool {
    let n = d.len();
    let p = |k: usize| number(d.get(..k).unwrap_or(d));
    let in_len = |lo: usize, hi: usize| (lo..=hi).contains(&n);
    let visa = p(1) == 4 && matches!(n, 13 | 16 | 19);
    let mastercard = ((51..=55).contains(&p(2))
        || (2221..=2720).contains(&p(4)))
        && n == 16;
    let amex = matches!(p(2), 34 | 37) && n == 15;
    let discover = (p(4) == 6011
        || (644..=649).contains(&p(3))
        || p(2) == 65
        || (622_126..=622_925).contains(&p(6)))
        && in_len(16, 19);
    let diners = ((300..=305).contains(&p(3)) || matches!(p(2), 36 | 38 | 39))
        && in_len(14, 19);
    let jcb = (3528..=3589).contains(&p(4)) && in_len(16, 19);
    let unionpay = p(2) == 62 && in_len(16, 19);
    let maestro = (p(2) == 50 || (56..=69).contains(&p(2))) && in_len(12, 19);
    visa || mastercard
        || amex
        || discover
        || diners
        || jcb
        || unionpay
        || maestro
}

/// Payment card number: 13-19 digits, Luhn valid, a known issuer prefix and
/// length, and not one digit repeated. Catches the Luhn-valid noise
/// (`0000 0000 0000 0000`, order numbers) a bare Luhn check lets through.
pub fn credit_card(input: &[u8]) -> Verdict {
    let Some((d, n)) = digits::<19>(input, SEP) else {
        return Verdict::Invalid;
    };
    let d = &d[..n];
    verdict(
        (13..=19).contains(&n)
            && !all_same(d)
            && luhn_ok(d)
            && card_issuer_ok(d),
    )
}

/// IBAN lengths by country, from the SWIFT IBAN registry.
const IBAN_LENGTHS: &[([u8; 2], u8)] = &[
    (*b"AD", 24),
    (*b"AE", 23),
    (*b"AL", 28),
    (*b"AT", 20),
    (*b"AZ", 28),
    (*b"BA", 20),
    (*b"BE", 16),
    (*b"BG", 22),
    (*b"BH", 22),
    (*b"BI", 27),
    (*b"BR", 29),
    (*b"BY", 28),
    (*b"CH", 21),
    (*b"CR", 22),
    (*b"CY", 28),
    (*b"CZ", 24),
    (*b"DE", 22),
    (*b"DJ", 27),
    (*b"DK", 18),
    (*b"DO", 28),
    (*b"EE", 20),
    (*b"EG", 29),
    (*b"ES", 24),
    (*b"FI", 18),
    (*b"FK", 18),
    (*b"FO", 18),
    (*b"FR", 27),
    (*b"GB", 22),
    (*b"GE", 22),
    (*b"GI", 23),
    (*b"GL", 18),
    (*b"GR", 27),
    (*b"GT", 28),
    (*b"HN", 28),
    (*b"HR", 21),
    (*b"HU", 28),
    (*b"IE", 22),
    (*b"IL", 23),
    (*b"IQ", 23),
    (*b"IS", 26),
    (*b"IT", 27),
    (*b"JO", 30),
    (*b"KW", 30),
    (*b"KZ", 20),
    (*b"LB", 28),
    (*b"LC", 32),
    (*b"LI", 21),
    (*b"LT", 20),
    (*b"LU", 20),
    (*b"LV", 21),
    (*b"LY", 25),
    (*b"MC", 27),
    (*b"MD", 24),
    (*b"ME", 22),
    (*b"MK", 19),
    (*b"MN", 20),
    (*b"MR", 27),
    (*b"MT", 31),
    (*b"MU", 30),
    (*b"NI", 28),
    (*b"NL", 18),
    (*b"NO", 15),
    (*b"OM", 23),
    (*b"PK", 24),
    (*b"PL", 28),
    (*b"PS", 29),
    (*b"PT", 25),
    (*b"QA", 29),
    (*b"RO", 24),
    (*b"RS", 22),
    (*b"RU", 33),
    (*b"SA", 24),
    (*b"SC", 31),
    (*b"SD", 18),
    (*b"SE", 24),
    (*b"SI", 19),
    (*b"SK", 24),
    (*b"SM", 27),
    (*b"SO", 23),
    (*b"ST", 25),
    (*b"SV", 28),
    (*b"TL", 23),
    (*b"TN", 24),
    (*b"TR", 26),
    (*b"UA", 29),
    (*b"VA", 22),
    (*b"VG", 24),
    (*b"XK", 20),
    (*b"YE", 30),
];

/// ISO 7064 MOD 97-10 remainder of upper-case alphanumerics (letters count
/// as 10..35).
fn mod97(chars: impl Iterator<Item = u8>) -> u32 {
    chars.fold(0u32, |r, c| {
        if c.is_ascii_digit() {
            (r * 10 + u32::from(c - b'0')) % 97
        } else {
            (r * 100 + u32::from(c - b'A') + 10) % 97
        }
    })
}

/// IBAN: registered country, that country's exact length, and ISO 7064
/// mod 97 == 1 over the rearranged value. Case-insensitive; spaces and
/// dashes ignored.
pub fn iban(input: &[u8]) -> Verdict {
    let Some((c, n)) = alnum_upper::<34>(input, SEP) else {
        return Verdict::Invalid;
    };
    let c = &c[..n];
    let [a, b, k1, k2, ..] = *c else {
        return Verdict::Invalid;
    };
    if !a.is_ascii_uppercase()
        || !b.is_ascii_uppercase()
        || !k1.is_ascii_digit()
        || !k2.is_ascii_digit()
    {
        return Verdict::Invalid;
    }
    let Some(&(_, len)) = IBAN_LENGTHS.iter().find(|(cc, _)| *cc == [a, b])
    else {
        return Verdict::Invalid;
    };
    if n != usize::from(len) {
        return Verdict::Invalid;
    }
    let rearranged = c[4..].iter().chain(&c[..4]).copied();
    verdict(mod97(rearranged) == 1)
}

/// US ABA routing number: 9 digits, weights 3-7-1 sum divisible by 10, and a
/// Federal Reserve prefix (00-12, 21-32, 61-72, 80).
pub fn aba_routing(input: &[u8]) -> Verdict {
    let Some(d) = exact_digits::<9>(input, SEP) else {
        return Verdict::Invalid;
    };
    let sum: u32 = d
        .iter()
        .zip([3u32, 7, 1].iter().cycle())
        .map(|(&x, &w)| u32::from(x) * w)
        .sum();
    let prefix = number(&d[..2]);
    let prefix_ok = matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80);
    verdict(sum % 10 == 0 && prefix_ok && !all_same(&d))
}

// ---------------------------------------------------------------------------
// Government identifiers
// ---------------------------------------------------------------------------

/// US Social Security Number: 9 digits, area not 000/666/900-999, group not
/// 00, serial not 0000. Structural only: well-known advertising numbers stay
/// valid here and are flagged synthetic elsewhere.
pub fn us_ssn(input: &[u8]) -> Verdict {
    let Some(d) = exact_digits::<9>(input, SEP) else {
        return Verdict::Invalid;
    };
    let area = number(&d[..3]);
    let group = number(&d[3..5]);
    let serial = number(&d[5..]);
    verdict(
        area != 0 && area != 666 && area < 900 && group != 0 && serial != 0,
    )
}

/// US Individual Taxpayer Identification Number: 9 digits starting with 9,
/// 4th-5th digits in the IRS ranges 50-65, 70-88, 90-92, 94-99.
pub fn us_itin(input: &[u8]) -> Verdict {
    let Some(d) = exact_digits::<9>(input, SEP) else {
        return Verdict::Invalid;
    };
    let group = number(&d[3..5]);
    // `999-99-9999` is what forms hold where the number is unknown.
    let placeholder = d.iter().all(|&x| x == 9);
    verdict(
        d[0] == 9
            && matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99)
            && !placeholder,
    )
}

/// UK National Insurance number: two prefix letters (HMRC's excluded letters
/// and prefixes rejected), six digits, optional suffix A-D. Spaces ignored.
pub fn uk_nino(input: &[u8]) -> Verdict {
    let Some((c, n)) = alnum_upper::<9>(input, SEP) else {
        return Verdict::Invalid;
    };
    let c = &c[..n];
    let (prefix, rest) = match c {
        [a, b, rest @ ..] if n == 8 || n == 9 => ([*a, *b], rest),
        _ => return Verdict::Invalid,
    };
    let (digits_part, suffix) = rest.split_at(6);
    let [a, b] = prefix;
    let letters_ok = a.is_ascii_uppercase()
        && b.is_ascii_uppercase()
        && !b"DFIQUV".contains(&a)
        && !b"DFIOQUV".contains(&b)
        && !matches!(
            &prefix,
            b"BG" | b"GB" | b"NK" | b"KN" | b"TN" | b"NT" | b"ZZ"
        );
    let digits_ok = digits_part.iter().all(u8::is_ascii_digit);
    let suffix_ok = match suffix {
        [] => true,
        [s] => (b'A'..=b'D').contains(s),
        _ => false,
    };
    verdict(letters_ok && digits_ok && suffix_ok)
}

/// UK NHS number: 10 digits, mod 11 check digit (weights 10..2; a computed
/// check of 10 means the number is never issued).
pub fn uk_nhs(input: &[u8]) -> Verdict {
    let Some(d) = exact_digits::<10>(input, SEP) else {
        return Verdict::Invalid;
    };
    let sum: u32 = d[..9]
        .iter()
        .zip((2u32..=10).rev())
        .map(|(&x, w)| u32::from(x) * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return Verdict::Invalid,
        c => c,
    };
    verdict(u32::from(d[9]) == check)
}

/// Canadian Social Insurance Number: 9 digits, Luhn valid, first digit not 0
/// or 8 (never assigned).
pub fn ca_sin(input: &[u8]) -> Verdict {
    let Some(d) = exact_digits::<9>(input, SEP) else {
        return Verdict::Invalid;
    };
    verdict(d[0] != 0 && d[0] != 8 && luhn_ok(&d))
}

/// French NIR (social security number): 13 characters + 2-digit key, sex
/// digit 1/2/3/4/7/8, month 01-12, 20-42 or 50-99, Corsican departments
/// 2A/2B, key = 97 - (number mod 97) with 2A -> 19 and 2B -> 18.
pub fn fr_nir(input: &[u8]) -> Verdict {
    let Some(c) = exact_alnum::<15>(input, SEP) else {
        return Verdict::Invalid;
    };
    let dept: [u8; 2] = match [c[5], c[6]] {
        [b'2', b'A'] => [b'1', b'9'],
        [b'2', b'B'] => [b'1', b'8'],
        other => other,
    };
    let mut body = c;
    body[5] = dept[0];
    body[6] = dept[1];
    if !body.iter().all(u8::is_ascii_digit) {
        return Verdict::Invalid;
    }
    let d = body.map(|b| b - b'0');
    let sex_ok = matches!(d[0], 1 | 2 | 3 | 4 | 7 | 8);
    let month = number(&d[3..5]);
    let month_ok = matches!(month, 1..=12 | 20..=42 | 50..=99);
    let key = number(&d[13..]);
    verdict(sex_ok && month_ok && key == 97 - number(&d[..13]) % 97)
}

/// ISO 7064 MOD 11,10 check digit of digit values.
fn mod11_10_check(d: &[u8]) -> u8 {
    let mut product = 10u32;
    for &x in d {
        let mut sum = (u32::from(x) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (2 * sum) % 11;
    }
    match 11 - product {
        10 => 0,
        c => c as u8,
    }
}

/// German tax identification number (Steuer-IdNr): 11 digits, first not 0,
/// in the first ten exactly one digit appears two or three times and the
/// others at most once, ISO 7064 MOD 11,10 check digit.
pub fn de_tax_id(input: &[u8]) -> Verdict {
    let Some(d) = exact_digits::<11>(input, SEP) else {
        return Verdict::Invalid;
    };
    let mut counts = [0u8; 10];
    for &x in &d[..10] {
        counts[usize::from(x)] += 1;
    }
    let repeated = counts.iter().filter(|&&c| c > 1).count();
    // A digit may stand three times, but never three times in a row.
    let three_in_a_row =
        d[..10].windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
    let repeat_ok =
        repeated == 1 && counts.iter().all(|&c| c <= 3) && !three_in_a_row;
    verdict(d[0] != 0 && repeat_ok && mod11_10_check(&d[..10]) == d[10])
}

/// Letters of the Spanish DNI/NIE check, indexed by the number mod 23.
const ES_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Spanish DNI: 8 digits and the mod 23 control letter.
pub fn es_dni(input: &[u8]) -> Verdict {
    let Some(c) = exact_alnum::<9>(input, SEP) else {
        return Verdict::Invalid;
    };
    let Some(n) = ascii_number(&c[..8]) else {
        return Verdict::Invalid;
    };
    verdict(ES_LETTERS[(n % 23) as usize] == c[8])
}

/// Spanish NIE (foreigner id): X/Y/Z, 7 digits and the DNI control letter,
/// computed with X=0, Y=1, Z=2 prefixed.
pub fn es_nie(input: &[u8]) -> Verdict {
    let Some(c) = exact_alnum::<9>(input, SEP) else {
        return Verdict::Invalid;
    };
    let lead = match c[0] {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        _ => return Verdict::Invalid,
    };
    let Some(n) = ascii_number(&c[1..8]) else {
        return Verdict::Invalid;
    };
    let n = lead * 10_000_000 + n;
    verdict(ES_LETTERS[(n % 23) as usize] == c[8])
}

/// Values of A..Z (and 0..9 as A..J) at odd (1-based) positions of an
/// Italian fiscal code.
const IT_ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
    10, 22, 25, 24, 23,
];

/// Omocodia letters: stand-ins for 0..9 in the digit positions.
const IT_OMOCODIA: &[u8; 10] = b"LMNPQRSTUV";

/// Digit value of a fiscal-code digit position (a digit or omocodia letter).
fn it_digit(c: u8) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(u32::from(c - b'0'));
    }
    IT_OMOCODIA
        .iter()
        .position(|&l| l == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// Month letters of the Italian fiscal code, January first.
const IT_MONTHS: &[u8; 12] = b"ABCDEHLMPRST";

/// Italian codice fiscale (persons): 16 characters, letters and digits in
/// their places (omocodia letters allowed for digits), a month letter, a day
/// of that month (plus 40 for women), and the official odd/even table check
/// character.
pub fn it_fiscal_code(input: &[u8]) -> Verdict {
    let Some(c) = exact_alnum::<16>(input, SEP) else {
        return Verdict::Invalid;
    };
    const LETTER_POS: [usize; 9] = [0, 1, 2, 3, 4, 5, 8, 11, 15];
    const DIGIT_POS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];
    if !LETTER_POS.iter().all(|&i| c[i].is_ascii_uppercase())
        || !DIGIT_POS.iter().all(|&i| it_digit(c[i]).is_some())
    {
        return Verdict::Invalid;
    }
    let Some(month) = IT_MONTHS.iter().position(|&m| m == c[8]) else {
        return Verdict::Invalid;
    };
    let pair = |i: usize| match (it_digit(c[i]), it_digit(c[i + 1])) {
        (Some(t), Some(u)) => t * 10 + u,
        _ => 0,
    };
    let (year, day) = (pair(6), pair(9));
    let day = if day > 40 { day - 40 } else { day };
    // The century is not encoded; 2000 + yy is a leap year exactly when
    // either century reading could be.
    if !real_date(2000 + year, month as u32 + 1, day) {
        return Verdict::Invalid;
    }
    let mut sum = 0u32;
    for (i, &ch) in c[..15].iter().enumerate() {
        // Digits count like the letters A..J in both tables.
        let idx = if ch.is_ascii_digit() { ch - b'0' } else { ch - b'A' };
        let idx = usize::from(idx);
        sum += if i % 2 == 0 { IT_ODD[idx] } else { idx as u32 };
    }
    verdict(c[15] == b'A' + (sum % 26) as u8)
}

/// Dutch BSN: 9 digits (8 accepted, left-padded with 0), the "11-test" with
/// weights 9..2 and -1, not all zeros.
pub fn nl_bsn(input: &[u8]) -> Verdict {
    let Some((raw, n)) = digits::<9>(input, b" -.") else {
        return Verdict::Invalid;
    };
    let mut d = [0u8; 9];
    match n {
        9 => d = raw,
        8 => d[1..].copy_from_slice(&raw[..8]),
        _ => return Verdict::Invalid,
    }
    let sum: i32 = d[..8]
        .iter()
        .zip((2i32..=9).rev())
        .map(|(&x, w)| i32::from(x) * w)
        .sum::<i32>()
        - i32::from(d[8]);
    verdict(sum.rem_euclid(11) == 0 && d.iter().any(|&x| x != 0))
}

/// Polish PESEL: 11 digits, weights 1-3-7-9 check digit, and a birth date
/// whose month encodes the century (80s: 1800s, 00s: 1900s, 20s: 2000s,
/// 40s: 2100s, 60s: 2200s).
pub fn pl_pesel(input: &[u8]) -> Verdict {
    let Some(d) = exact_digits::<11>(input, SEP) else {
        return Verdict::Invalid;
    };
    const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 =
        d[..10].iter().zip(WEIGHTS).map(|(&x, w)| u32::from(x) * w).sum();
    let check = (10 - sum % 10) % 10;
    let yy = number(&d[..2]) as u32;
    let mm = number(&d[2..4]) as u32;
    let dd = number(&d[4..6]) as u32;
    let (century, month) = match mm {
        81..=92 => (1800, mm - 80),
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        _ => return Verdict::Invalid,
    };
    verdict(check == u32::from(d[10]) && real_date(century + yy, month, dd))
}

/// One CPF check digit: weighted sum (weights from `first_weight` down to 2)
/// times 10, mod 11, with 10 mapped to 0.
fn cpf_check(d: &[u8], first_weight: u32) -> u8 {
    let sum: u32 = d
        .iter()
        .zip((2..=first_weight).rev())
        .map(|(&x, w)| u32::from(x) * w)
        .sum();
    match (sum * 10) % 11 {
        10 => 0,
        r => r as u8,
    }
}

/// Brazilian CPF: 11 digits ('.', '-' ignored), two mod 11 check digits,
/// not one digit repeated (those pass the checksum but are never issued).
pub fn br_cpf(input: &[u8]) -> Verdict {
    let Some(d) = exact_digits::<11>(input, b" .-") else {
        return Verdict::Invalid;
    };
    verdict(
        !all_same(&d)
            && cpf_check(&d[..9], 10) == d[9]
            && cpf_check(&d[..10], 11) == d[10],
    )
}

/// Verhoeff multiplication table (dihedral group D5).
const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/// Verhoeff position permutations.
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// Verhoeff checksum over digit values (check digit last): valid iff 0.
fn verhoeff_ok(d: &[u8]) -> bool {
    let mut c = 0u8;
    for (i, &x) in d.iter().rev().enumerate() {
        let p = VERHOEFF_P[i % 8][usize::from(x % 10)];
        c = VERHOEFF_D[usize::from(c)][usize::from(p)];
    }
    c == 0
}

/// Indian Aadhaar number: 12 digits (spaces ignored), first digit 2-9,
/// Verhoeff check digit, not one digit repeated.
pub fn in_aadhaar(input: &[u8]) -> Verdict {
    let Some(d) = exact_digits::<12>(input, SEP) else {
        return Verdict::Invalid;
    };
    verdict(d[0] >= 2 && !all_same(&d) && verhoeff_ok(&d))
}

/// Indian PAN: five letters, four digits, a letter; the 4th letter is a
/// holder type. Only a person's (`P`) or a Hindu undivided family's (`H`)
/// is personal data: a company's (`C`), firm's (`F`), trust's (`T`) or
/// government body's PAN is a business identifier.
pub fn in_pan(input: &[u8]) -> Verdict {
    let Some(c) = exact_alnum::<10>(input, SEP) else {
        return Verdict::Invalid;
    };
    let ok = c[..5].iter().all(u8::is_ascii_uppercase)
        && c[5..9].iter().all(u8::is_ascii_digit)
        && c[9].is_ascii_uppercase()
        && b"PH".contains(&c[3]);
    verdict(ok)
}

/// Australian Tax File Number: 9 digits with weights 1,4,3,7,5,8,6,9,10 and
/// sum divisible by 11; legacy 8-digit numbers use the first eight weights.
pub fn au_tfn(input: &[u8]) -> Verdict {
    let Some((d, n)) = digits::<9>(input, SEP) else {
        return Verdict::Invalid;
    };
    if n != 8 && n != 9 {
        return Verdict::Invalid;
    }
    const WEIGHTS: [u32; 9] = [1, 4, 3, 7, 5, 8, 6, 9, 10];
    let sum: u32 =
        d[..n].iter().zip(WEIGHTS).map(|(&x, w)| u32::from(x) * w).sum();
    verdict(sum % 11 == 0 && !all_same(&d[..n]))
}

/// Check characters of the Chinese resident id, indexed by sum mod 11.
const CN_CHECK: &[u8; 11] = b"10X98765432";

/// Chinese resident identity card number: 17 digits and a check digit or X
/// (ISO 7064 MOD 11-2), with a real birth date YYYYMMDD in 1900-2099.
pub fn cn_resident_id(input: &[u8]) -> Verdict {
    let Some(c) = exact_alnum::<18>(input, SEP) else {
        return Verdict::Invalid;
    };
    if !c[..17].iter().all(u8::is_ascii_digit) {
        return Verdict::Invalid;
    }
    const WEIGHTS: [u32; 17] =
        [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = c[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(&b, w)| u32::from(b - b'0') * w)
        .sum();
    let check_ok = CN_CHECK[(sum % 11) as usize] == c[17];
    let (year, month, day) = match (
        ascii_number(&c[6..10]),
        ascii_number(&c[10..12]),
        ascii_number(&c[12..14]),
    ) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => return Verdict::Invalid,
    };
    verdict(
        check_ok
            && (1900..=2099).contains(&year)
            && real_date(year, month, day),
    )
}

// ---------------------------------------------------------------------------
// Credentials and online identifiers
// ---------------------------------------------------------------------------

/// The JWT header fields that mark a JSON object as a JOSE header.
#[derive(serde::Deserialize)]
struct JoseHeader {
    alg: Option<serde::de::IgnoredAny>,
    typ: Option<serde::de::IgnoredAny>,
}

fn is_base64url(seg: &[u8]) -> bool {
    seg.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether a decoded header is a JSON object naming `alg` or `typ`.
fn jose_header_ok(json: &[u8]) -> bool {
    if json.trim_ascii_start().first() != Some(&b'{') {
        return false;
    }
    match serde_json::from_slice::<JoseHeader>(json) {
        Ok(h) => h.alg.is_some() || h.typ.is_some(),
        Err(_) => false,
    }
}

/// JSON Web Token: three base64url segments (no padding; the signature may
/// be empty for unsecured tokens), a header decoding to a JSON object with
/// "alg" or "typ", and a payload decoding to bytes starting with '{'.
pub fn jwt(input: &[u8]) -> Verdict {
    let mut parts = input.split(|&b| b == b'.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Verdict::Invalid;
    };
    if header.is_empty()
        || payload.is_empty()
        || !is_base64url(header)
        || !is_base64url(payload)
        || !is_base64url(signature)
    {
        return Verdict::Invalid;
    }
    // Payload: decode a stack buffer at a time (whole 4-char groups, so
    // the pieces decode as the whole would), any size without a heap
    // buffer.
    let mut first = None;
    for group in payload.chunks(1024) {
        let mut out = [0u8; 768];
        match URL_SAFE_NO_PAD.decode_slice(group, &mut out) {
            Ok(k) => {
                if first.is_none() && k > 0 {
                    first = Some(out[0]);
                }
            }
            Err(_) => return Verdict::Invalid,
        }
    }
    if first != Some(b'{') {
        return Verdict::Invalid;
    }
    // Header: small ones on the stack, huge ones (x5c chains) on the heap.
    const STACK: usize = 1536;
    let header_ok = if header.len() / 4 * 3 + 3 <= STACK {
        let mut buf = [0u8; STACK];
        match URL_SAFE_NO_PAD.decode_slice(header, &mut buf) {
            Ok(k) => jose_header_ok(&buf[..k]),
            Err(_) => false,
        }
    } else {
        match URL_SAFE_NO_PAD.decode(header) {
            Ok(v) => jose_header_ok(&v),
            Err(_) => false,
        }
    };
    verdict(header_ok)
}

/// IPv4 dotted quad: four decimal octets 0-255 without leading zeros ("0"
/// itself is fine). Structural only: reserved and documentation ranges stay
/// valid.
pub fn ipv4(input: &[u8]) -> Verdict {
    let mut octets = [0u8; 4];
    let mut count = 0;
    for part in input.split(|&b| b == b'.') {
        let value = ascii_number(part).filter(|&v| v <= 255);
        let ok = count < 4
            && !part.is_empty()
            && part.len() <= 3
            && !(part.len() > 1 && part[0] == b'0');
        match value {
            Some(v) if ok => octets[count] = v as u8,
            _ => return Verdict::Invalid,
        }
        count += 1;
    }
    verdict(count == 4 && is_host_address(octets))
}

/// An address a device (and so a person) can have: not "this network"
/// (`0.x`), loopback (`127.x`), multicast or reserved (`224.x` and up),
/// nor a `/16` network (`10.8.0.0`). Config files and docs are full of
/// these; none of them says who connected.
fn is_host_address(octets: [u8; 4]) -> bool {
    let [first, _, third, fourth] = octets;
    !(first == 0
        || first == 127
        || first >= 224
        || (third == 0 && fourth == 0))
}

/// A login that may be a person's: not one of the accounts systems,
/// CI runners and daemons run as (`root`, `runner`, `www-data`,
/// `postgres`, ...), nor a placeholder (`user`, `test`).
pub fn username(input: &[u8]) -> Verdict {
    const SERVICE: &[&str] = &[
        "root",
        "admin",
        "administrator",
        "runner",
        "ubuntu",
        "ec2-user",
        "centos",
        "debian",
        "fedora",
        "www-data",
        "nobody",
        "daemon",
        "postgres",
        "mysql",
        "redis",
        "nginx",
        "apache",
        "git",
        "jenkins",
        "docker",
        "circleci",
        "vagrant",
        "travis",
        "gitlab-runner",
        "ansible",
        "deploy",
        "system",
        // `"behandelaar": "systeem"`: the system, in Dutch and German.
        "systeem",
        "systemuser",
        "sys",
        "bin",
        "mail",
        "cron",
        "user",
        "username",
        "test",
        "guest",
        "anonymous",
        "null",
        "none",
        // Audit records' "no login session" (`auid=unset`).
        "unset",
        // Flags where a key could hold a login (`admin=true`).
        "true",
        "false",
        "yes",
        "nil",
        "enabled",
        "disabled",
        "undefined",
        "unknown",
        "example",
        // Built-in and shared Windows accounts, and what brute-force
        // attempts try (`administrateur`, `scanner`, `compta`).
        "administrateur",
        "administrador",
        "amministratore",
        "krbtgt",
        "defaultaccount",
        "wdagutilityaccount",
        // Shared profile folders (`C:\\Users\\Public`).
        "public",
        "default",
        "defaultuser0",
        "default user",
        "helpdesk",
        "support",
        "reception",
        "scanner",
        "scan",
        "printer",
        "backup",
        "kiosk",
        "compta",
        "accounting",
        // The user Node.js container images run as (`/home/node`).
        "node",
        // Tools and sign-in methods that stand where a login would
        // (`"created_by": "terraform"`, a guest portal's `"authorized_by":
        // "voucher"`).
        "terraform",
        "api",
        "voucher",
        "password",
        // A home PC's default account, as Windows names it in other
        // languages (a stealer log's `UserName: Usuario`).
        "usuario",
        "utilisateur",
        "benutzer",
        "utente",
        "gebruiker",
        "uzytkownik",
        // A meeting's participant who joined without a name is shown by
        // device (`"user_name": "iPhone"`).
        "iphone",
        "ipad",
        "android",
        // An actor's placeholder for the user acting on their own
        // account (`actor: self`).
        "self",
    ];
    let service_prefix =
        // Windows' virtual accounts (`DWM-1`, `UMFD-0`) too.
        // Batch and system jobs (`batch_intake`) neither.
        [
            "svc_", "svc-", "svc.", "sa-", "bot-", "ci-", "dwm-", "umfd-",
            "batch_", "batch-", "sys_", "system_",
        ]
        .iter()
        .any(|p| {
            input
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
        });
    // Applications and roles (`medivicino_app`, `invoice-mailer-role`).
    let service_suffix = [
        "_app", "-app", "_svc", "-svc", "_role", "-role", "_bot", "-bot",
        "_service", "-service", "_prod", "-prod", "_etl", "-etl", "_ftp",
        "-ftp", "_sftp", "-sftp",
    ]
    .iter()
    .any(|p| {
        input.len() > p.len()
            && input[input.len() - p.len()..]
                .eq_ignore_ascii_case(p.as_bytes())
    });
    // Opaque member ids (Slack's `U04KQ2X9L7M`): capitals and digits,
    // at least three of each.
    let opaque_id = (9..=12).contains(&input.len())
        && input.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && input.iter().filter(|b| b.is_ascii_digit()).count() >= 3
        && input.iter().filter(|b| b.is_ascii_uppercase()).count() >= 3;
    // A database's user ids (`usr_51c0e2a9`, `user-0b77f3d1`): a prefix,
    // then hex digits, at least two of them digits.
    let record_id = memchr::memchr2(b'_', b'-', input).is_some_and(|cut| {
        let (prefix, id) = (&input[..cut], &input[cut + 1..]);
        ["usr", "user", "uid", "u", "acct", "cus", "cust"]
            .iter()
            .any(|p| p.as_bytes().eq_ignore_ascii_case(prefix))
            && id.len() >= 6
            && id.iter().all(u8::is_ascii_hexdigit)
            && id.iter().filter(|b| b.is_ascii_digit()).count() >= 2
    });
    // Staff and agent codes (`AG-0412`, `TRM-017`): capitals, a dash,
    // digits. Numbers of a roster, not accounts.
    let staff_code = input.iter().position(|&b| b == b'-').is_some_and(|d| {
        (1..=4).contains(&d)
            && input[..d].iter().all(u8::is_ascii_uppercase)
            && input.len() - d > 2
            && input[d + 1..].iter().all(u8::is_ascii_digit)
    });
    // An integration named by its domain (`"username": "incident.io"`).
    let domain_name = [".io", ".com", ".net", ".org", ".ai", ".app", ".dev"]
        .iter()
        .any(|tld| {
            input.len() > tld.len() + 1
                && input[input.len() - tld.len()..]
                    .eq_ignore_ascii_case(tld.as_bytes())
        });
    verdict(
        !input.is_empty()
            && !service_prefix
            && !domain_name
            && !service_suffix
            && !opaque_id
            && !record_id
            && !staff_code
            && !SERVICE
                .iter()
                .any(|s| s.as_bytes().eq_ignore_ascii_case(input)),
    )
}

/// IPv6 address as the standard library parses it (embedded IPv4 allowed,
/// zone ids not), excluding the bare "::" and anything with fewer than two
/// colons.
pub fn ipv6(input: &[u8]) -> Verdict {
    let Ok(s) = std::str::from_utf8(input) else {
        return Verdict::Invalid;
    };
    let colons = input.iter().filter(|&&b| b == b':').count();
    verdict(colons >= 2 && s != "::" && Ipv6Addr::from_str(s).is_ok())
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// MAC address: six hex pairs separated consistently by ':' or '-', or three
/// dot-separated groups of four (Cisco style); the all-zero, broadcast and
/// multicast addresses are rejected (they identify no device).
pub fn mac_address(input: &[u8]) -> Verdict {
    let mut nibbles = [0u8; 12];
    let mut n = 0;
    let sep_ok = match input.len() {
        17 => {
            let sep = input[2];
            (sep == b':' || sep == b'-')
                && input
                    .iter()
                    .enumerate()
                    .all(|(i, &b)| (i % 3 == 2) == (b == sep))
        }
        14 => {
            input.iter().enumerate().all(|(i, &b)| (i % 5 == 4) == (b == b'.'))
        }
        _ => false,
    };
    if !sep_ok {
        return Verdict::Invalid;
    }
    for &b in input {
        if matches!(b, b':' | b'-' | b'.') {
            continue;
        }
        let (Some(v), Some(slot)) = (hex_value(b), nibbles.get_mut(n)) else {
            return Verdict::Invalid;
        };
        *slot = v;
        n += 1;
    }
    let all_zero = nibbles.iter().all(|&x| x == 0);
    let broadcast = nibbles.iter().all(|&x| x == 0xf);
    // Docker gives a container on a bridge network `02:42` and the four
    // bytes of its IP address: a container's, never a device's. The
    // prefixes hypervisors give virtual NICs name a server, not a person.
    let docker = nibbles[..4] == [0, 2, 4, 2];
    let virtual_nic = VIRTUAL_NIC_PREFIXES.contains(&[
        nibbles[0] << 4 | nibbles[1],
        nibbles[2] << 4 | nibbles[3],
        nibbles[4] << 4 | nibbles[5],
    ]);
    // A group (multicast) address names no one device. A locally
    // administered one may: a phone's private Wi-Fi address stays the
    // same on one network.
    let group = nibbles[1] & 1 == 1;
    verdict(
        n == 12
            && !all_zero
            && !broadcast
            && !docker
            && !virtual_nic
            && !group,
    )
}

/// MAC address written as twelve bare hex digits, where only its place
/// says it is one (a phone's provisioning file, `805ec03a71d4.cfg`): as
/// [`mac_address`] judges it in pairs.
pub fn mac_address_bare(input: &[u8]) -> Verdict {
    if input.len() != 12 || !input.iter().all(u8::is_ascii_hexdigit) {
        return Verdict::Invalid;
    }
    let mut paired = [b':'; 17];
    for (i, pair) in input.chunks(2).enumerate() {
        paired[i * 3..i * 3 + 2].copy_from_slice(pair);
    }
    mac_address(&paired)
}

/// Organizationally unique identifiers that hypervisors assign to virtual
/// machines' network cards: VMware (`00:50:56`, `00:0c:29`, `00:05:69`,
/// `00:1c:14`), VirtualBox (`08:00:27`), Hyper-V (`00:15:5d`), QEMU/KVM
/// (`52:54:00`), Xen (`00:16:3e`), Parallels (`00:1c:42`).
const VIRTUAL_NIC_PREFIXES: [[u8; 3]; 9] = [
    [0x00, 0x50, 0x56],
    [0x00, 0x0c, 0x29],
    [0x00, 0x05, 0x69],
    [0x00, 0x1c, 0x14],
    [0x08, 0x00, 0x27],
    [0x00, 0x15, 0x5d],
    [0x52, 0x54, 0x00],
    [0x00, 0x16, 0x3e],
    [0x00, 0x1c, 0x42],
];

/// One coordinate: optional sign, 1-3 integer digits, '.', at least four
/// decimals; within +-`limit`.
fn coordinate(s: &[u8], limit: f64) -> Option<f64> {
    let body = match s.first() {
        Some(b'-' | b'+') => &s[1..],
        _ => s,
    };
    let dot = body.iter().position(|&b| b == b'.')?;
    let (int, frac) = (&body[..dot], &body[dot + 1..]);
    let digits_ok = |p: &[u8]| p.iter().all(u8::is_ascii_digit);
    if int.is_empty()
        || int.len() > 3
        || frac.len() < 4
        || frac.len() > 20
        || !digits_ok(int)
        || !digits_ok(frac)
    {
        return None;
    }
    let value: f64 = std::str::from_utf8(s).ok()?.parse().ok()?;
    (value.abs() <= limit).then_some(value)
}

/// Geographic coordinates "lat, lon" (comma with optional spaces, or
/// whitespace): latitude within +-90, longitude within +-180, each with at
/// least four decimals (a precise location, not a version or a price), and
/// not 0,0 (the null island placeholder).
pub fn geo_coordinates(input: &[u8]) -> Verdict {
    let s = input.trim_ascii();
    let (lat, lon) = if let Some(i) = s.iter().position(|&b| b == b',') {
        (s[..i].trim_ascii(), s[i + 1..].trim_ascii())
    } else if let Some(i) = s.iter().position(u8::is_ascii_whitespace) {
        (&s[..i], s[i..].trim_ascii())
    } else {
        return Verdict::Invalid;
    };
    match (coordinate(lat, 90.0), coordinate(lon, 180.0)) {
        (Some(a), Some(b)) => verdict(!(a == 0.0 && b == 0.0)),
        _ => Verdict::Invalid,
    }
}

/// Year, month and day all parse and form a real date in 1900..=2026,
/// other than 1900-01-01 (what forms hold where the date is unknown).
fn plausible_date(year: &[u8], month: &[u8], day: &[u8]) -> bool {
    match (ascii_number(year), ascii_number(month), ascii_number(day)) {
        (Some(y), Some(m), Some(d)) => {
            (1900..=2026).contains(&y)
                && real_date(y, m, d)
                && (y, m, d) != (1900, 1, 1)
        }
        _ => false,
    }
}

/// A street line that is no office's: one with a suite (`6901 Corporate
/// Dr Ste 210`, `1 Main St, Suite 400`) is a business's far more often
/// than a home's.
///
/// Only a suite with its number counts (`Ste 210`, `Suite #4`): French
/// writes Sainte `Ste` (`Ste Catherine St W`).
pub fn home_street(input: &[u8]) -> Verdict {
    let words: Vec<&[u8]> = input
        .split(|&b| matches!(b, b' ' | b','))
        .filter(|w| !w.is_empty())
        .collect();
    let office = words.windows(2).any(|pair| {
        let w = pair[0].strip_suffix(b".").unwrap_or(pair[0]);
        (w.eq_ignore_ascii_case(b"ste") || w.eq_ignore_ascii_case(b"suite"))
            && matches!(pair[1].first(), Some(b'0'..=b'9' | b'#'))
    });
    verdict(!input.is_empty() && !office)
}

/// Postal code: anything but a number made of one digit repeated
/// (`00000`, `99999`), which forms hold where the code is unknown.
pub fn postal_code(input: &[u8]) -> Verdict {
    verdict(!input.is_empty() && !repeated_digit(input))
}

/// A number made of one digit repeated, with any punctuation
/// (`000000000`, `(000)000-0000`, `99999`): what forms hold where the
/// real value is unknown. Letters make it no such number.
pub fn repeated_digit(input: &[u8]) -> bool {
    if input.iter().any(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut digits = input.iter().filter(|b| b.is_ascii_digit());
    match digits.next() {
        Some(first) => digits.all(|d| d == first),
        None => false,
    }
}

/// Calendar date written without separators as YYYYMMDD, optionally
/// followed by the time as HHMM or HHMMSS (HL7 and EDI timestamps:
/// `19780412`, `197804120830`); the date as [`date`] wants it.
pub fn date_compact(input: &[u8]) -> Verdict {
    if !matches!(input.len(), 8 | 12 | 14)
        || !input.iter().all(u8::is_ascii_digit)
    {
        return Verdict::Invalid;
    }
    let time_ok = input[8..]
        .chunks(2)
        .zip([24, 60, 60])
        .all(|(pair, limit)| ascii_number(pair).is_some_and(|v| v < limit));
    verdict(time_ok && plausible_date(&input[..4], &input[4..6], &input[6..8]))
}

/// A birth date written any way a form or an export writes one: what
/// [`date`] accepts, eight digits as [`date_compact`] reads them
/// (`19840312`) or with the year last (`03221961`), and day first with
/// dashes (`12-03-1989`).
pub fn birth_date(input: &[u8]) -> Verdict {
    if input.len() == 8 && input.iter().all(u8::is_ascii_digit) {
        // Eight digits year last too (`03221961`: a US record's MMDDYYYY,
        // a European DDMMYYYY).
        let (a, b, y) = (&input[..2], &input[2..4], &input[4..]);
        let year_last = plausible_date(y, a, b) || plausible_date(y, b, a);
        return if year_last { Verdict::Valid } else { date_compact(input) };
    }
    if let Some(ymd) = japanese_date(input) {
        return ymd;
    }
    if date(input) != Verdict::Invalid {
        return Verdict::Valid;
    }
    // Year first with dots: Korean and Hungarian birth dates
    // (`1984.05.12`; as a plain date it reads like a version number).
    if let [y @ .., b'.', m1, m2, b'.', d1, d2] = input {
        if y.len() == 4 && y.iter().all(u8::is_ascii_digit) {
            return verdict(plausible_date(y, &[*m1, *m2], &[*d1, *d2]));
        }
    }
    let mut parts = input.split(|&b| b == b'-');
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Verdict::Invalid;
    };
    let short = |p: &[u8]| (1..=2).contains(&p.len());
    verdict(
        y.len() == 4
            && short(d)
            && short(m)
            && (plausible_date(y, m, d) || plausible_date(y, d, m)),
    )
}

/// Japanese eras: name, and the Gregorian year of their first year.
const ERAS: [(&str, u32); 5] = [
    ("明治", 1868),
    ("大正", 1912),
    ("昭和", 1926),
    ("平成", 1989),
    ("令和", 2019),
];

/// A date written `昭和58年4月12日` (an era and its year) or `1983年4月12日`:
/// its verdict as a birth date, or `None` if it is not written so.
fn japanese_date(input: &[u8]) -> Option<Verdict> {
    let (rest, base) = match ERAS.iter().find_map(|(era, base)| {
        input.strip_prefix(era.as_bytes()).map(|r| (r, Some(*base)))
    }) {
        Some(found) => found,
        None => (input, None),
    };
    let mut numbers = [0u32; 3];
    let mut rest = rest;
    for (i, unit) in ["年", "月", "日"].iter().enumerate() {
        let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 || n > 4 || !rest[n..].starts_with(unit.as_bytes()) {
            return None;
        }
        numbers[i] = std::str::from_utf8(&rest[..n]).ok()?.parse().ok()?;
        rest = &rest[n + unit.len()..];
    }
    if !rest.is_empty() {
        return None;
    }
    let year = match base {
        Some(base) if numbers[0] >= 1 && numbers[0] <= 64 => {
            base + numbers[0] - 1
        }
        Some(_) => return Some(Verdict::Invalid),
        None => numbers[0],
    };
    let (y, m, d) =
        (year.to_string(), numbers[1].to_string(), numbers[2].to_string());
    Some(verdict(plausible_date(y.as_bytes(), m.as_bytes(), d.as_bytes())))
}

/// Calendar date as YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY or MM/DD/YYYY (valid
/// if either reading is a real date), or DD.MM.YYYY; day and month may have
/// one digit in the day-first forms. Year 1900-2026 (a birth date, not a
/// timestamp far in the future).
pub fn date(input: &[u8]) -> Verdict {
    let Some(&sep) = input.iter().find(|b| !b.is_ascii_digit()) else {
        return Verdict::Invalid;
    };
    let mut parts = input.split(|&b| b == sep);
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Verdict::Invalid;
    };
    let short = |p: &[u8]| (1..=2).contains(&p.len());
    let ok = match sep {
        b'-' | b'/' if a.len() == 4 => {
            b.len() == 2 && c.len() == 2 && plausible_date(a, b, c)
        }
        b'/' => {
            c.len() == 4
                && short(a)
                && short(b)
                && (plausible_date(c, b, a) || plausible_date(c, a, b))
        }
        b'.' => {
            c.len() == 4 && short(a) && short(b) && plausible_date(c, b, a)
        }
        _ => false,
    };
    verdict(ok)
}

/// Characters allowed unquoted in an email local part (RFC 5322 atext).
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b)
}

/// Email address: one '@', local part of 1-64 atext characters with single
/// inner dots, a domain of at least two labels (1-63 letters, digits or
/// inner '-'), an alphabetic TLD of 2-24 letters, at most 254 bytes.
/// Letters may be non-ASCII (`jürgen@bücher.de`, RFC 6531/IDN) when the
/// whole value is valid UTF-8; the TLD stays ASCII.
pub fn email(input: &[u8]) -> Verdict {
    if input.len() > 254 || std::str::from_utf8(input).is_err() {
        return Verdict::Invalid;
    }
    let mut halves = input.split(|&b| b == b'@');
    let (Some(local), Some(domain), None) =
        (halves.next(), halves.next(), halves.next())
    else {
        return Verdict::Invalid;
    };
    let local_ok = (1..=64).contains(&local.len())
        && local.split(|&b| b == b'.').all(|atom| {
            !atom.is_empty() && atom.iter().all(|&b| is_atext(b) || b >= 0x80)
        });
    if !local_ok {
        return Verdict::Invalid;
    }
    let mut labels = 0;
    let mut last: &[u8] = &[];
    for label in domain.split(|&b| b == b'.') {
        let ok = (1..=63).contains(&label.len())
            && label
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80)
            && label.first() != Some(&b'-')
            && label.last() != Some(&b'-');
        if !ok {
            return Verdict::Invalid;
        }
        labels += 1;
        last = label;
    }
    let tld_ok = (2..=24).contains(&last.len())
        && last.iter().all(u8::is_ascii_alphabetic);
    verdict(labels >= 2 && tld_ok)
}

/// ITU-T E.164 country calling codes in use (1-3 digits; the set is
/// prefix-free, so at most one matches the start of a number).
const CALLING_CODES: &[u16] = &[
    1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48,
    49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82,
    84, 86, 90, 91, 92, 93, 94, 95, 98, 211, 212, 213, 216, 218, 220, 221,
    222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236,
    237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251,
    252, 253, 254, 255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267,
    268, 269, 290, 291, 297, 298, 299, 350, 351, 352, 353, 354, 355, 356, 357,
    358, 359, 370, 371, 372, 373, 374, 375, 376, 377, 378, 379, 380, 381, 382,
    383, 385, 386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505, 506,
    507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672,
    673, 674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688,
    689, 690, 691, 692, 800, 808, 850, 852, 853, 855, 856, 870, 878, 880, 881,
    882, 883, 886, 888, 960, 961, 962, 963, 964, 965, 966, 967, 968, 970, 971,
    972, 973, 974, 975, 976, 977, 979, 992, 993, 994, 995, 996, 998,
];

/// Whether international digits start with an assigned calling code.
fn calling_code_ok(d: &[u8]) -> bool {
    if !matches!(d.first(), Some(1..=9)) {
        return false;
    }
    (1..=3).any(|k| {
        d.get(..k).is_some_and(|p| CALLING_CODES.contains(&(number(p) as u16)))
    })
}

/// Phone number: 7-15 digits once '+', '(', ')', '.', '-' and spaces are
/// ignored; with a leading '+', an assigned ITU calling code and 8-15 digits
/// (E.164); never one digit repeated.
pub fn phone(input: &[u8]) -> Verdict {
    let (international, rest) = match input {
        [b'+', rest @ ..] => (true, rest),
        _ => (false, input),
    };
    let Some((d, n)) = digits::<15>(rest, b"(). -") else {
        return Verdict::Invalid;
    };
    let d = &d[..n];
    if n < 7 || all_same(d) || d[n - 7..].iter().all(|&x| x == 0) {
        return Verdict::Invalid;
    }
    if !international && two_times_of_day(d) {
        return Verdict::Invalid;
    }
    verdict(
        !is_toll_free(d, international)
            && (!international || (n >= 8 && calling_code_ok(d))),
    )
}

/// `0700 0920`: a timetable's departure and arrival (`HHMM HHMM`), not
/// an eight-digit number with a trunk 0. `d` holds the digits only (the
/// rule's normalization drops the space before the validator runs).
fn two_times_of_day(d: &[u8]) -> bool {
    let hhmm = |t: &[u8]| t[0] * 10 + t[1] < 24 && t[2] < 6;
    d.len() == 8 && d[0] == 0 && hhmm(&d[..4]) && hhmm(&d[4..])
}

/// A freephone number (`0800`, `+49 800`, `1-800`): a company's line,
/// never a person's.
fn is_toll_free(d: &[u8], international: bool) -> bool {
    const NANP: &[[u8; 3]] = &[
        [8, 0, 0],
        [8, 3, 3],
        [8, 4, 4],
        [8, 5, 5],
        [8, 6, 6],
        [8, 7, 7],
        [8, 8, 8],
    ];
    // Calling code and freephone prefix, as digits.
    const INTERNATIONAL: &[&[u8]] = &[
        &[4, 4, 8, 0, 0],
        &[4, 4, 8, 0, 8],
        &[4, 9, 8, 0, 0],
        &[3, 3, 8, 0],
        &[3, 1, 8, 0, 0],
        &[3, 2, 8, 0, 0],
        &[3, 4, 9, 0, 0],
        &[3, 9, 8, 0, 0],
        &[4, 1, 8, 0, 0],
        &[4, 3, 8, 0, 0],
        &[6, 1, 1, 8, 0, 0],
    ];
    let nanp =
        |d: &[u8]| d.len() == 10 && NANP.iter().any(|p| d.starts_with(p));
    if international {
        (d.first() == Some(&1) && nanp(&d[1..]))
            || INTERNATIONAL.iter().any(|p| d.starts_with(p))
    } else {
        nanp(d)
            || (d.first() == Some(&1) && nanp(&d[1..]))
            || d.starts_with(&[0, 8, 0, 0])
            || d.starts_with(&[0, 8, 0, 8])
            // Spain's nine-digit freephone numbers.
            || (d.len() == 9 && (d.starts_with(&[9, 0, 0]) || d.starts_with(&[8, 0, 0])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn run(name: &str, value: &str) -> Verdict {
        let f = lookup(name).unwrap_or_else(|| panic!("no validator {name}"));
        f(value.as_bytes())
    }

    fn check(name: &str, valid: &[&str], invalid: &[&str]) {
        for v in valid {
            assert_eq!(
                run(name, v),
                Verdict::Valid,
                "{name} should accept {v:?}"
            );
        }
        for v in invalid {
            assert_eq!(
                run(name, v),
                Verdict::Invalid,
                "{name} should reject {v:?}"
            );
        }
    }

    // --- test-only builders: compute check digits the textbook way ---------

    fn digits_str(d: &[u8]) -> String {
        d.iter().map(|&x| char::from(b'0' + x)).collect()
    }

    fn luhn_check_digit(body: &[u8]) -> u8 {
        // The check digit sits at the right, so body digits alternate starting
        // with "doubled" at the rightmost body position.
        let mut sum = 0u32;
        for (i, &x) in body.iter().rev().enumerate() {
            let x = u32::from(x);
            sum += if i % 2 == 0 {
                let y = 2 * x;
                y / 10 + y % 10
            } else {
                x
            };
        }
        ((10 - sum % 10) % 10) as u8
    }

    fn verhoeff_check_digit(body: &[u8]) -> u8 {
        let inv = [0u8, 4, 3, 2, 1, 5, 6, 7, 8, 9];
        let mut c = 0u8;
        for (i, &x) in body.iter().rev().enumerate() {
            c = VERHOEFF_D[usize::from(c)]
                [usize::from(VERHOEFF_P[(i + 1) % 8][usize::from(x)])];
        }
        inv[usize::from(c)]
    }

    fn iban_with_check(country: &str, bban: &str) -> String {
        let rearranged = format!("{bban}{country}00");
        let r = mod97(rearranged.bytes());
        format!("{country}{:02}{bban}", 98 - r)
    }

    fn nhs_check_digit(body: &[u8]) -> Option<u8> {
        let sum: u32 = body
            .iter()
            .zip((2u32..=10).rev())
            .map(|(&x, w)| u32::from(x) * w)
            .sum();
        match 11 - sum % 11 {
            11 => Some(0),
            10 => None,
            c => Some(c as u8),
        }
    }

    fn bsn_check_digit(body: &[u8]) -> Option<u8> {
        let sum: u32 = body
            .iter()
            .zip((2u32..=9).rev())
            .map(|(&x, w)| u32::from(x) * w)
            .sum();
        let c = sum % 11;
        (c < 10).then_some(c as u8)
    }

    fn cn_check_char(body: &str) -> char {
        let weights = [7u32, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = body
            .bytes()
            .zip(weights)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        char::from(CN_CHECK[(sum % 11) as usize])
    }

    fn pesel_check_digit(body: &[u8]) -> u8 {
        let w = [1u32, 3, 7, 9, 1, 3, 7, 9, 1, 3];
        let sum: u32 =
            body.iter().zip(w).map(|(&x, w)| u32::from(x) * w).sum();
        ((10 - sum % 10) % 10) as u8
    }

    /// Replaces the `which`-th ASCII digit (mod the digit count) with a
    /// different digit.
    fn change_one_digit(s: &str, which: usize, delta: u8) -> String {
        let mut bytes = s.as_bytes().to_vec();
        let positions: Vec<usize> = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_digit())
            .map(|(i, _)| i)
            .collect();
        let pos = positions[which % positions.len()];
        let old = bytes[pos] - b'0';
        bytes[pos] = b'0' + (old + 1 + delta % 9) % 10;
        String::from_utf8(bytes).unwrap()
    }

    // --- registry ---------------------------------------------------------

    #[test]
    fn names_are_unique_and_found() {
        for (i, (name, f)) in VALIDATORS.iter().enumerate() {
            assert!(
                VALIDATORS[i + 1..].iter().all(|(n, _)| n != name),
                "duplicate validator name {name}"
            );
            assert!(lookup(name).is_some(), "lookup finds {name}");
            assert_eq!(
                VALIDATORS.iter().position(|(n, _)| n == name),
                Some(i),
                "lookup of {name} reaches its own entry"
            );
            let found = lookup(name).unwrap();
            for sample in [&b"4111111111111111"[..], b"2001:db8::1", b"x@y.io"]
            {
                assert_eq!(found(sample), f(sample), "{name} on {sample:?}");
            }
        }
        assert!(lookup("no_such_validator").is_none());
        assert_eq!(VALIDATORS.len(), 35);
    }

    #[test]
    fn empty_input_is_invalid_everywhere() {
        for (name, f) in VALIDATORS {
            assert_eq!(f(b""), Verdict::Invalid, "{name} on empty input");
        }
    }

    // --- known values -----------------------------------------------------

    #[test]
    fn luhn_values() {
        check(
            "luhn",
            &["4111111111111111", "79927398713", "4111 1111-1111 1111", "18"],
            &["79927398710", "4111111111111112", "1", "7992x7398713", ""],
        );
    }

    #[test]
    fn credit_card_values() {
        check(
            "credit_card",
            &[
                "4111111111111111",
                "4111 1111 1111 1111",
                "5555555555554444",
                "2223003122003222",
                "378282246310005",
                "6011111111111117",
                "30569309025904",
                "3530111333300000",
                "4222222222222",
            ],
            &[
                "4111111111111112",  // one digit changed
                "411111111111111",   // wrong length for Visa
                "1234567812345670",  // Luhn valid, no issuer
                "0000000000000000",  // all same
                "378282246310005 1", // amex + extra digit
                "5555-5555-5555-4445",
            ],
        );
    }

    #[test]
    fn iban_values() {
        check(
            "iban",
            &[
                "GB82WEST12345698765432",
                "DE89370400440532013000",
                "gb82 west 1234 5698 7654 32",
                "FR1420041010050500013M02606",
                "NL91ABNA0417164300",
                "NO9386011117947",
                "BE68539007547034",
            ],
            &[
                "GB82WEST12345698765433", // one digit changed
                "DE8937040044053201300",  // too short for DE
                "XX89370400440532013000", // unknown country
                "DE89370400440532013000X",
                "BE68539007547035",
                "GB8ZWEST12345698765432",
            ],
        );
        assert_eq!(IBAN_LENGTHS.len(), 89);
    }

    #[test]
    fn aba_routing_values() {
        check(
            "aba_routing",
            &["011000015", "021000021", "026009593", "121000358", "322271627"],
            &[
                "021000022",  // checksum
                "02100002",   // length
                "131000005",  // 13 is no Fed prefix (checksum ok)
                "000000000",  // all zero
                "0210000210", // length
            ],
        );
        // 131000005 must fail on the prefix, not the checksum.
        let d = [1u32, 3, 1, 0, 0, 0, 0, 0, 5];
        let w = [3u32, 7, 1, 3, 7, 1, 3, 7, 1];
        assert_eq!(d.iter().zip(w).map(|(a, b)| a * b).sum::<u32>() % 10, 0);
    }

    #[test]
    fn us_ssn_values() {
        check(
            "us_ssn",
            &[
                "123-45-6789",
                "078-05-1120",
                "219 09 9999",
                "665123456",
                "899-99-0001",
            ],
            &[
                "000-12-3456",
                "666-12-3456",
                "900-12-3456",
                "123-00-4567",
                "123-45-0000",
                "123-45-678",
                "123-45-67a9",
            ],
        );
    }

    #[test]
    fn us_itin_values() {
        check(
            "us_itin",
            &["912-50-1234", "900-70-0000", "999-99-9998", "912 94 1234"],
            &[
                "812-50-1234",
                "999-99-9999",
                "912-93-1234",
                "912-66-1234",
                "912-89-1234",
                "91250123",
            ],
        );
    }

    #[test]
    fn uk_nino_values() {
        check(
            "uk_nino",
            &[
                "AB123456C",
                "AB 12 34 56 C",
                "JG103759A",
                "CE123456",
                "ab123456d",
            ],
            &[
                "DA123456A", // D first
                "AO123456A", // O second
                "BG123456A", // excluded prefix
                "ZZ123456A",
                "AB123456E", // suffix
                "AB12345C",
                "QQ123456C", // HMRC's own example uses an unissued prefix
            ],
        );
    }

    #[test]
    fn uk_nhs_values() {
        check(
            "uk_nhs",
            &["9434765919", "943 476 5870", "4010232137", "9876543210"],
            &[
                "9434765918",
                "943476591",
                "94347659190",
                "1000000002",
                "94347659x9",
            ],
        );
        // A body whose check would be 10 is never issued: 0000000060 has
        // sum 6*2 = 12, 11 - 1 = 10.
        for last in 0..=9 {
            assert_eq!(
                run("uk_nhs", &format!("000000006{last}")),
                Verdict::Invalid
            );
        }
    }

    #[test]
    fn ca_sin_values() {
        check(
            "ca_sin",
            &["123-456-782", "130692544", "193 456 787", "999999998"],
            &["046454286", "123456783", "12345678", "823456785"],
        );
        // 823456785 is Luhn valid; it fails on its first digit.
        assert_eq!(run("luhn", "823456785"), Verdict::Valid);
    }

    #[test]
    fn fr_nir_values() {
        check(
            "fr_nir",
            &[
                "295109912611193",
                "2 95 10 99 126 111 93",
                "253072B07300470",
                "253072b07300470",
            ],
            &[
                "295109912611192", // key
                "29510991261119",  // length
                "595109912611193", // sex digit
                "253072C07300443", // not a Corsican department
                "295139912611193",
            ],
        );
    }

    #[test]
    fn de_tax_id_values() {
        check(
            "de_tax_id",
            &[
                "86095742719",
                "47036892816",
                "65929970489",
                "57549285017",
                "12345678995",
                "72918456559", // a digit three times, not in a row
            ],
            &[
                "86095742718", // check digit
                "72918465551", // a digit three times in a row
                "06095742719", // leading zero
                "12345678903", // no repeated digit
                "11223344556", // several repeated digits
                "8609574271",
            ],
        );
    }

    #[test]
    fn es_dni_values() {
        check(
            "es_dni",
            &["12345678Z", "00000000T", "54362315K", "12345678-z"],
            &["12345678A", "1234567Z", "X1234567L", "123456789"],
        );
    }

    #[test]
    fn es_nie_values() {
        check(
            "es_nie",
            &["X1234567L", "Y1234567X", "Z1234567R", "x2482300w"],
            &["X1234567M", "A1234567L", "X123456L", "12345678Z"],
        );
    }

    #[test]
    fn it_fiscal_code_values() {
        check(
            "it_fiscal_code",
            &[
                "RSSMRA85T10A562S",
                "MRTMTT25D09F205Z",
                "RCCMNL83S18D969H",
                "RSSMRA85T10A56NH", // omocodia in the last digit
                "rssmra85t10a562s",
            ],
            &[
                "RSSMRA85T10A562T", // check letter
                "RSSMRA85T10A562",
                "RSSMRA85F10A562S", // F is no month letter
                "RSSMRA85T35A562S", // day 35
                "DRBREV47B29F135B", // 29 February 1947 / 2047
                "OFIMFY48P31E765R", // 31 September
                "RSSMRA85T10A5A2S", // A is no omocodia letter
            ],
        );
    }

    #[test]
    fn nl_bsn_values() {
        check(
            "nl_bsn",
            &["111222333", "123456782", "12345672", "1234.56.782"],
            &["123456781", "111222334", "000000000", "1234567", "1234567820"],
        );
    }

    #[test]
    fn pl_pesel_values() {
        check(
            "pl_pesel",
            &["44051401359", "02070803628", "02270803624"],
            &[
                "44051401358", // check digit
                "4405140135",
                "44133101350", // month 13
                "44023001356", // 30 February (checksum ok)
            ],
        );
        assert_eq!(pesel_check_digit(&[4, 4, 0, 2, 3, 0, 0, 1, 3, 5]), 6);
    }

    #[test]
    fn br_cpf_values() {
        check(
            "br_cpf",
            &[
                "529.982.247-25",
                "11144477735",
                "123.456.789-09",
                "39053344705",
            ],
            &["52998224724", "111.111.111-11", "5299822472", "529982247250"],
        );
    }

    #[test]
    fn in_aadhaar_values() {
        check(
            "in_aadhaar",
            &["234123412346", "4991 1866 5246", "8765 4321 0988"],
            &[
                "234123412341", // check digit
                "134123412345", // first digit 1
                "23412341234",
                "999999999999",
            ],
        );
        // The textbook Verhoeff example: 236 has check digit 3.
        assert_eq!(verhoeff_check_digit(&[2, 3, 6]), 3);
        assert!(verhoeff_ok(&[2, 3, 6, 3]));
    }

    #[test]
    fn japanese_birth_dates() {
        assert_eq!(birth_date("昭和58年4月12日".as_bytes()), Verdict::Valid);
        assert_eq!(birth_date("平成7年11月3日".as_bytes()), Verdict::Valid);
        assert_eq!(birth_date("1983年4月12日".as_bytes()), Verdict::Valid);
        // Showa ended in its 64th year; no 13th month; Reiwa 9 is 2027.
        assert_eq!(birth_date("昭和70年4月12日".as_bytes()), Verdict::Invalid);
        assert_eq!(birth_date("平成7年13月3日".as_bytes()), Verdict::Invalid);
        assert_eq!(birth_date("令和9年1月1日".as_bytes()), Verdict::Invalid);
    }

    #[test]
    fn in_pan_values() {
        check(
            "in_pan",
            &["ABCPE1234F", "AAAPL1234C", "AAAHU2923S", "abcpe1234f"],
            &[
                "ABCDE1234F",
                "ABCP1234F",
                "ABCPE12345",
                "1BCPE1234F",
                "ABCFE1234A",
                "AAACT9876K",
            ],
        );
    }

    #[test]
    fn au_tfn_values() {
        check(
            "au_tfn",
            &["123 456 782", "876543210", "12345679"],
            &["123456783", "1234567", "1234567890", "000000000"],
        );
    }

    #[test]
    fn cn_resident_id_values() {
        check(
            "cn_resident_id",
            &[
                "11010519491231002X",
                "360426199101010071",
                "11010119900307299x",
            ],
            &[
                "11010519491231002Y",
                "110105194912310021", // check digit
                "440524188001010014", // born 1880
                "11010519491331002X", // month 13
                "11010519491231002",
            ],
        );
    }

    #[test]
    fn jwt_values() {
        check(
            "jwt",
            &[
                // jwt.io's HS256 example
                concat!(
                    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
                    "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6",
                    "IkpvaG4gRG9lIiwiaWF0Ij",
                    "oxNTE2MjM5MDIyfQ.",
                    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
                ),
                // {"alg":"none"}.{"a":1}. (unsecured)
                "eyJhbGciOiJub25lIn0.eyJhIjoxfQ.",
                // {"typ":"JWT"}.{}.sig
                "eyJ0eXAiOiJKV1QifQ.e30.c2ln",
            ],
            &[
                // two segments
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0",
                // header without alg/typ
                "eyJmb28iOiJiYXIifQ.e30.c2ln",
                // header is an array
                "WyJhbGciXQ.e30.c2ln",
                // payload is not an object
                "eyJhbGciOiJub25lIn0.W10.c2ln",
                // padding
                "eyJhbGciOiJub25lIn0=.e30.c2ln",
                // four segments
                "eyJhbGciOiJub25lIn0.e30.c2ln.x",
                // bad payload length
                "eyJhbGciOiJub25lIn0.e30xe.c2ln",
            ],
        );
    }

    #[test]
    fn jwt_large_header() {
        let pad = "x".repeat(3000);
        let header = URL_SAFE_NO_PAD
            .encode(format!("{{\"alg\":\"RS256\",\"x5c\":[\"{pad}\"]}}"));
        let token = format!("{header}.e30.c2ln");
        assert_eq!(jwt(token.as_bytes()), Verdict::Valid);
    }

    #[test]
    fn jwt_large_payload_is_decoded_whole() {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256"}"#);
        for len in [1021, 1024, 1025, 3000] {
            let claims = format!(r#"{{"sub":"{}"}}"#, "y".repeat(len));
            let payload = URL_SAFE_NO_PAD.encode(claims);
            let token = format!("{header}.{payload}.c2ln");
            assert_eq!(jwt(token.as_bytes()), Verdict::Valid, "{len}");
            // A stray char at the end: valid exactly when the whole
            // payload still decodes.
            for extra in ["x", "xy", "A", "AA"] {
                let odd = format!("{payload}{extra}");
                let token = format!("{header}.{odd}.c2ln");
                let whole = URL_SAFE_NO_PAD.decode(&odd).is_ok();
                assert_eq!(
                    jwt(token.as_bytes()) == Verdict::Valid,
                    whole,
                    "{len} {extra}"
                );
            }
        }
    }

    #[test]
    fn home_street_values() {
        check(
            "home_street",
            &[
                "742 Evergreen Terrace Apt 5B",
                "1234 Maple St",
                "12 Stevens Rd",
                "4520 Ste Catherine St W",
            ],
            &[
                "6901 Corporate Dr Ste 210",
                "1 Main St, Suite 400",
                "9 Elm Ave STE. 3",
            ],
        );
    }

    #[test]
    fn postal_code_values() {
        check(
            "postal_code",
            &["62704", "3021 CE", "SW1A 1AA", "00501", "2166"],
            &["00000", "99999", "0000", "11111-1111"],
        );
    }

    #[test]
    fn username_values() {
        check(
            "username",
            &[
                "mkowalski",
                "a.schaefer",
                "Root42",
                "JTHOMPSON3",
                "app_dev",
                "ag.mlopez",
                "kwojcik-dev",
                "user_jane",
                "u-beefcafe",
                "j.dev",
            ],
            &[
                "usr_51c0e2a9",
                "true",
                "user-0b77f3d1",
                "root",
                "Runner",
                "www-data",
                "postgres",
                "DWM-1",
                "UMFD-0",
                "svc_backup",
                "Administrateur",
                "scanner",
                "LOOKER_PROD",
                "AG-0412",
                "TRM-017",
                "Usuario",
                "iPhone",
                "incident.io",
                "sabor_ftp",
            ],
        );
    }

    #[test]
    fn ipv4_values() {
        check(
            "ipv4",
            &["192.168.1.1", "1.2.3.4", "10.0.100.9", "10.8.1.0", "223.5.5.5"],
            &[
                "0.0.0.0",
                "127.0.0.1",
                "255.255.255.255",
                "224.0.0.251",
                "10.8.0.0",
                "256.1.1.1",
                "01.02.03.04",
                "1.2.3",
                "1.2.3.4.5",
                "1..2.3",
                "1.2.3.-4",
            ],
        );
    }

    #[test]
    fn ipv6_values() {
        check(
            "ipv6",
            &[
                "2001:db8::1",
                "::1",
                "fe80::1ff:fe23:4567:890a",
                "::ffff:192.0.2.1",
            ],
            &["::", "2001:db8:::1", "12345::1", "1:2", "fe80::1%eth0", "g::1"],
        );
    }

    #[test]
    fn mac_address_values() {
        check(
            "mac_address",
            &["00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "001a.2b3c.4d5e"],
            &[
                "00:00:00:00:00:00",
                "ff:ff:ff:ff:ff:ff",
                "00:1A-2B:3C:4D:5E", // mixed separators
                "00:1A:2B:3C:4D",
                "00:1A:2B:3C:4D:5G",
                "001a2b3c4d5e",
                "02:42:ac:14:00:02", // a Docker container's
                "00:50:56:8a:31:0e", // a VMware virtual machine's
                "52-54-00-12-34-56", // a QEMU/KVM virtual machine's
                "01:00:5e:00:00:fb", // a multicast group's
            ],
        );
        check(
            "mac_address_bare",
            &["805ec03a71d4", "00562B0F1A7C"],
            &["000000000000", "0242ac140002", "805ec03a71d", "805ec03a71dg"],
        );
    }

    #[test]
    fn geo_coordinates_values() {
        check(
            "geo_coordinates",
            &[
                "48.8584, 2.2945",
                "-33.8568,151.2153",
                "40.7128 -74.0060",
                "+51.5007, -0.1246",
            ],
            &[
                "0.0000, 0.0000",
                "91.0000, 10.0000",
                "45.0000, 181.0000",
                "48.858, 2.2945", // three decimals
                "48.8584",
                "48.8584, 2.2945, 1.0000",
            ],
        );
    }

    #[test]
    fn date_values() {
        check(
            "birth_date",
            &[
                "1985-07-14",
                "14/07/1985",
                "14.07.1985",
                "14-07-1985",
                "19850714",
                "03221961", // MMDDYYYY
                "22031961", // DDMMYYYY
                "1985.07.14",
            ],
            &[
                "1985-13-14",
                "31-31-1985",
                "20270101",
                "33221961",
                "1985.14.07",
                "198.507.14",
                "14-07-85",
            ],
        );
        check(
            "date",
            &[
                "1985-07-14",
                "14/07/1985",
                "07/14/1985",
                "14.07.1985",
                "1985/07/14",
                "2000-02-29",
                "1/2/2020",
            ],
            &[
                "1985-13-14",
                "1900-02-29", // not a leap year
                "31/31/1985",
                "1899-12-31",
                "2027-01-01",
                "1985-07-14T",
                "14-07-1985",
                "1985.07.14",
                "1900-01-01", // the unknown-date placeholder
            ],
        );
        check(
            "date_compact",
            &["19780412", "197804120830", "20000229235959", "19000102"],
            &[
                "19781312",
                "19000101",
                "1978041",
                "197804122460",
                "2027010100",
                "1978-04-12",
                "20270101",
            ],
        );
    }

    #[test]
    fn email_values() {
        check(
            "email",
            &[
                "john.doe@example.com",
                "a+tag@sub.example.co.uk",
                "x@y.io",
                "o'neil@mail.example.org",
                "jürgen.müller@bücher.de",
                "josé.garcía@correo.es",
            ],
            &[
                "john@localhost",
                "john@example.c",
                "john@example.123",
                ".john@example.com",
                "jo..hn@example.com",
                "john@-example.com",
                "john@example..com",
                "a@b@example.com",
                "@example.com",
            ],
        );
        // Not UTF-8; a non-ASCII TLD.
        assert_eq!(email(b"j\xfcrgen@example.de"), Verdict::Invalid);
        assert_eq!(email("jane@example.рф".as_bytes()), Verdict::Invalid);
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert_eq!(email(long_local.as_bytes()), Verdict::Invalid);
    }

    #[test]
    fn phone_values() {
        check(
            "phone",
            &[
                "+1 (202) 555-0173",
                "+44 20 7946 0958",
                "+353 1 234 5678",
                "(202) 555-0173",
                "020.7946.0958",
                "+49 30 901820",
                "+1 (212) 800-4000",
                "0171 2345 678",
                "0700 9920", // 99 is no hour
                "0710 2388", // 88 is no minute
            ],
            &[
                "+999 123 4567", // unassigned calling code
                "+49 000 0000000",
                "+49 800 330 1000", // freephone: a company's line
                "0800 917 4455",
                "1-800-555-0199",
                "(888) 555-0199",
                "+44 808 157 0192",
                "+0 123 456 789",
                "123456",           // too short
                "+1234567",         // seven digits with '+'
                "1234567890123456", // too long
                "555-555-5555-5",
                "0000000000",
                "+44 20 7946 0958 ext",
                "0700 0920",   // departure and arrival times
                "900 102 030", // Spanish freephone
            ],
        );
    }

    // --- properties ---------------------------------------------------------

    fn interesting_bytes() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(
            prop::sample::select(
                b"0123456789AXZabfx .-:/+@,()_=\xff\xc3{}\"".to_vec(),
            ),
            0..40,
        )
    }

    fn card_prefixes() -> impl Strategy<Value = (&'static str, usize)> {
        prop::sample::select(vec![
            ("4", 16),
            ("4", 13),
            ("51", 16),
            ("2221", 16),
            ("34", 15),
            ("37", 15),
            ("6011", 16),
            ("65", 19),
            ("3528", 16),
            ("62", 19),
            ("36", 14),
            ("50", 18),
        ])
    }

    /// `n` random digit values.
    fn digit_vec(n: usize) -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(0u8..10, n)
    }

    prop_compose! {
        fn valid_card()(
            (prefix, len) in card_prefixes(),
            body in digit_vec(18),
        ) -> String {
            let mut d: Vec<u8> = prefix.bytes().map(|b| b - b'0').collect();
            d.extend_from_slice(&body[..len - 1 - d.len()]);
            d.push(luhn_check_digit(&d));
            digits_str(&d)
        }
    }

    prop_compose! {
        fn valid_sin()(
            first in prop::sample::select(vec![1u8, 2, 3, 4, 5, 6, 7, 9]),
            body in digit_vec(7),
        ) -> String {
            let mut d = vec![first];
            d.extend(body);
            d.push(luhn_check_digit(&d));
            digits_str(&d)
        }
    }

    prop_compose! {
        fn valid_nhs()(
            body in digit_vec(9)
                .prop_filter("check 10", |b| nhs_check_digit(b).is_some()),
        ) -> String {
            let mut d = body;
            let c = nhs_check_digit(&d).unwrap();
            d.push(c);
            digits_str(&d)
        }
    }

    prop_compose! {
        fn valid_bsn()(
            body in digit_vec(8).prop_filter("check 10 or zero", |b| {
                bsn_check_digit(b).is_some() && b.iter().any(|&x| x != 0)
            }),
        ) -> String {
            let mut d = body;
            let c = bsn_check_digit(&d).unwrap();
            d.push(c);
            digits_str(&d)
        }
    }

    prop_compose! {
        fn valid_iban()(
            idx in 0..IBAN_LENGTHS.len(),
            body in digit_vec(30),
        ) -> String {
            let (cc, len) = IBAN_LENGTHS[idx];
            let country = std::str::from_utf8(&cc).unwrap().to_string();
            let bban = digits_str(&body[..usize::from(len) - 4]);
            iban_with_check(&country, &bban)
        }
    }

    prop_compose! {
        fn valid_aadhaar()(first in 2u8..10, body in digit_vec(10)) -> String {
            let mut d = vec![first];
            d.extend(body);
            d.push(verhoeff_check_digit(&d));
            digits_str(&d)
        }
    }

    prop_compose! {
        fn valid_cn_id()(
            region in 110_000u32..660_000,
            year in 1900u32..2100,
            month in 1u32..13,
            day in 1u32..29,
            seq in 0u32..1000,
        ) -> String {
            let body =
                format!("{region:06}{year:04}{month:02}{day:02}{seq:03}");
            let c = cn_check_char(&body);
            format!("{body}{c}")
        }
    }

    fn assert_single_digit_changes_invalid(
        name: &str,
        valid: &str,
        which: usize,
        delta: u8,
    ) {
        assert_eq!(
            run(name, valid),
            Verdict::Valid,
            "{name} round trip {valid}"
        );
        let changed = change_one_digit(valid, which, delta);
        assert_ne!(changed, valid);
        assert_eq!(
            run(name, &changed),
            Verdict::Invalid,
            "{name}: {valid} -> {changed}"
        );
    }

    proptest! {
        #[test]
        fn no_validator_panics_on_arbitrary_bytes(
            input in prop::collection::vec(any::<u8>(), 0..80),
        ) {
            for (_, f) in VALIDATORS {
                let _ = f(&input);
            }
        }

        #[test]
        fn no_validator_panics_on_near_misses(input in interesting_bytes()) {
            for (_, f) in VALIDATORS {
                let _ = f(&input);
            }
        }

        #[test]
        fn card_single_digit_error_detected(
            card in valid_card(),
            which in 0usize..32,
            delta in 0u8..9,
        ) {
            for name in ["luhn", "credit_card"] {
                assert_single_digit_changes_invalid(name, &card, which, delta);
            }
        }

        #[test]
        fn sin_single_digit_error_detected(
            sin in valid_sin(),
            which in 0usize..32,
            delta in 0u8..9,
        ) {
            assert_single_digit_changes_invalid("ca_sin", &sin, which, delta);
        }

        #[test]
        fn nhs_single_digit_error_detected(
            nhs in valid_nhs(),
            which in 0usize..32,
            delta in 0u8..9,
        ) {
            assert_single_digit_changes_invalid("uk_nhs", &nhs, which, delta);
        }

        #[test]
        fn bsn_single_digit_error_detected(
            bsn in valid_bsn(),
            which in 0usize..32,
            delta in 0u8..9,
        ) {
            assert_single_digit_changes_invalid("nl_bsn", &bsn, which, delta);
        }

        #[test]
        fn iban_single_digit_error_detected(
            iban in valid_iban(),
            which in 0usize..40,
            delta in 0u8..9,
        ) {
            assert_single_digit_changes_invalid("iban", &iban, which, delta);
        }

        #[test]
        fn aadhaar_single_digit_error_detected(
            a in valid_aadhaar(),
            which in 0usize..32,
            delta in 0u8..9,
        ) {
            prop_assume!(!all_same(a.as_bytes()));
            let name = "in_aadhaar";
            assert_single_digit_changes_invalid(name, &a, which, delta);
        }

        #[test]
        fn cn_id_single_digit_error_detected(
            id in valid_cn_id(),
            which in 0usize..32,
            delta in 0u8..9,
        ) {
            let name = "cn_resident_id";
            assert_single_digit_changes_invalid(name, &id, which, delta);
        }

        #[test]
        fn cpf_round_trip(body in digit_vec(9)) {
            prop_assume!(!all_same(&body));
            let mut d = body;
            d.push(cpf_check(&d, 10));
            d.push(cpf_check(&d, 11));
            let cpf = digits_str(&d);
            prop_assert_eq!(br_cpf(cpf.as_bytes()), Verdict::Valid);
        }

        #[test]
        fn pesel_round_trip(
            year in 1800u32..2300,
            month in 1u32..13,
            day in 1u32..29,
            serial in digit_vec(4),
        ) {
            let offset = match year / 100 {
                18 => 80,
                19 => 0,
                20 => 20,
                21 => 40,
                _ => 60,
            };
            let head =
                format!("{:02}{:02}{:02}", year % 100, month + offset, day);
            let mut d: Vec<u8> = head.bytes().map(|b| b - b'0').collect();
            d.extend(serial);
            d.push(pesel_check_digit(&d));
            let pesel = digits_str(&d);
            prop_assert_eq!(pl_pesel(pesel.as_bytes()), Verdict::Valid);
        }

        #[test]
        fn de_tax_id_round_trip(
            order in Just((0u8..10).collect::<Vec<u8>>()).prop_shuffle(),
            dup in 0usize..9,
            at in 0usize..10,
        ) {
            // Nine distinct digits, one of them written twice.
            let mut d: Vec<u8> = order[..9].to_vec();
            d.insert(at, d[dup]);
            prop_assume!(d[0] != 0);
            d.push(mod11_10_check(&d));
            let id = digits_str(&d);
            prop_assert_eq!(de_tax_id(id.as_bytes()), Verdict::Valid);
        }

        #[test]
        fn dni_and_nie_round_trip(n in 0u32..100_000_000, lead in 0u32..3) {
            let letter = |v: u32| char::from(ES_LETTERS[(v % 23) as usize]);
            let dni = format!("{n:08}{}", letter(n));
            prop_assert_eq!(es_dni(dni.as_bytes()), Verdict::Valid);
            let m = n % 10_000_000;
            let prefix = ["X", "Y", "Z"][lead as usize];
            let control = letter(lead * 10_000_000 + m);
            let nie = format!("{prefix}{m:07}{control}");
            prop_assert_eq!(es_nie(nie.as_bytes()), Verdict::Valid);
        }

        #[test]
        fn nir_round_trip(
            sex in 1u32..3,
            yy in 0u32..100,
            month in 1u32..13,
            dept in prop::sample::select(vec!["01", "75", "2A", "2B", "95"]),
            rest in 0u64..1_000_000,
        ) {
            let body = format!("{sex}{yy:02}{month:02}{dept}{rest:06}");
            let numeric: u64 =
                body.replace("2A", "19").replace("2B", "18").parse().unwrap();
            let nir = format!("{body}{:02}", 97 - numeric % 97);
            prop_assert_eq!(fr_nir(nir.as_bytes()), Verdict::Valid);
        }

        #[test]
        fn tfn_round_trip(body in digit_vec(8)) {
            // Solve for the last digit (weight 10, invertible mod 11).
            let w = [1u32, 4, 3, 7, 5, 8, 6, 9];
            let s: u32 =
                body.iter().zip(w).map(|(&x, w)| u32::from(x) * w).sum();
            let last = (0u8..10).find(|&c| (s + 10 * u32::from(c)) % 11 == 0);
            prop_assume!(last.is_some());
            let mut d = body;
            d.extend(last);
            prop_assume!(!all_same(&d));
            let tfn = digits_str(&d);
            prop_assert_eq!(au_tfn(tfn.as_bytes()), Verdict::Valid);
        }

        #[test]
        fn it_fiscal_code_round_trip(
            letters in "[A-Z]{6}",
            yy in 0u32..100,
            month in prop::sample::select(b"ABCDEHLMPRST".to_vec()),
            day in prop::sample::select(vec![1u32, 15, 28, 41, 68]),
            town in "[A-Z][0-9]{3}",
        ) {
            let month = char::from(month);
            let body = format!("{letters}{yy:02}{month}{day:02}{town}");
            let sum: u32 = body
                .bytes()
                .enumerate()
                .map(|(i, b)| {
                    let base = if b.is_ascii_digit() { b'0' } else { b'A' };
                    let idx = b - base;
                    let idx = usize::from(idx);
                    if i % 2 == 0 { IT_ODD[idx] } else { idx as u32 }
                })
                .sum();
            let check = char::from(b'A' + (sum % 26) as u8);
            let code = format!("{body}{check}");
            prop_assert_eq!(it_fiscal_code(code.as_bytes()), Verdict::Valid);
        }
    }
}
