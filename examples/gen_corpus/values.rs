//! Values of every personal-data kind, each valid for its kind.
//!
//! Checksums are not re-implemented here: candidates of the right shape are
//! drawn at random and the first one the library's own validator accepts is
//! kept (rejection sampling against `piiscan::catalog::validators`). A
//! candidate that also passes the checksum of another same-shaped kind (a
//! 9-digit number that is both a valid SIN and a valid BSN, say) is drawn
//! again, so every truth label names the only kind its value can be.

use super::people::{Loc, Person};
use super::rng::Rng;
use piiscan::catalog::validators::{lookup, Verdict};

const ATTEMPTS: usize = 200_000;
const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Checksum validators whose shapes can collide with one another.
const CHECKSUMS: &[&str] = &[
    "credit_card",
    "iban",
    "aba_routing",
    "uk_nhs",
    "ca_sin",
    "fr_nir",
    "de_tax_id",
    "nl_bsn",
    "pl_pesel",
    "br_cpf",
    "in_aadhaar",
    "au_tfn",
    "cn_resident_id",
];

/// Whether the library's validator `name` accepts `value` (normalized: no
/// separators).
pub fn valid(name: &str, value: &str) -> bool {
    match lookup(name) {
        Some(f) => f(value.as_bytes()) == Verdict::Valid,
        None => panic!(
            "validator `{name}` is missing from piiscan::catalog::validators: \
             the generator keeps only values the library itself accepts"
        ),
    }
}

/// True when no checksum validator other than `own` accepts `compact`.
pub fn unambiguous(own: &str, compact: &str) -> bool {
    CHECKSUMS.iter().all(|&n| n == own || !valid(n, compact))
}

/// Draw `prefix`es until one of `prefix + suffix` validates as `own` (and as
/// nothing else). Trying every check digit of one prefix is much faster than
/// drawing whole random values.
fn solve<S: AsRef<str>>(
    r: &mut Rng,
    own: &str,
    mut prefix: impl FnMut(&mut Rng) -> String,
    suffixes: &[S],
) -> String {
    for _ in 0..ATTEMPTS {
        let p = prefix(r);
        for s in suffixes {
            let cand = format!("{p}{}", s.as_ref());
            if valid(own, &cand) && unambiguous(own, &cand) {
                return cand;
            }
        }
    }
    panic!("no `{own}` value found in {ATTEMPTS} draws: does its validator accept anything?")
}

fn digit_suffixes(width: usize) -> Vec<String> {
    (0..10usize.pow(width as u32)).map(|i| format!("{i:0width$}")).collect()
}

fn letter_suffixes() -> Vec<String> {
    UPPER.iter().map(|&b| char::from(b).to_string()).collect()
}

/// Split `s` into groups of `sizes` joined by `sep` (the rest goes last).
pub fn group(s: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = String::with_capacity(s.len() + sizes.len() * sep.len());
    let mut at = 0;
    for (i, &n) in sizes.iter().enumerate() {
        if at >= s.len() {
            break;
        }
        if i > 0 {
            out.push_str(sep);
        }
        let end = (at + n).min(s.len());
        out.push_str(&s[at..end]);
        at = end;
    }
    if at < s.len() {
        out.push_str(sep);
        out.push_str(&s[at..]);
    }
    out
}

/// A checksum-validated kind drawn for person `p` (some kinds encode the
/// person's birth date, gender or name). Panics on a kind it does not know.
pub fn make(r: &mut Rng, kind: &str, p: &Person) -> String {
    match kind {
        "credit_card" => credit_card(r),
        "iban" => {
            let country = iban_country(r, p.loc);
            iban(r, country)
        }
        "us_bank_routing" => aba_routing(r),
        "us_ssn" => us_ssn(r),
        "us_itin" => us_itin(r),
        "us_passport" => us_passport(r),
        "uk_nino" => uk_nino(r),
        "uk_nhs" => uk_nhs(r),
        "ca_sin" => ca_sin(r),
        "fr_nir" => fr_nir(r, p),
        "de_tax_id" => de_tax_id(r),
        "es_dni" => es_dni(r),
        "es_nie" => es_nie(r),
        "it_fiscal_code" => it_fiscal_code(r, p),
        "nl_bsn" => nl_bsn(r),
        "pl_pesel" => pl_pesel(r, p),
        "br_cpf" => br_cpf(r),
        "in_aadhaar" => in_aadhaar(r),
        "in_pan" => in_pan(r, p),
        "au_tfn" => au_tfn(r),
        "cn_resident_id" => cn_resident_id(r, p),
        _ => panic!("no generator for kind {kind}"),
    }
}

/// Every kind `make` knows, with the locale whose people hold it.
pub const MADE: &[(&str, Option<Loc>)] = &[
    ("credit_card", None),
    ("iban", None),
    ("us_bank_routing", Some(Loc::Us)),
    ("us_ssn", Some(Loc::Us)),
    ("us_itin", Some(Loc::Us)),
    ("us_passport", Some(Loc::Us)),
    ("uk_nino", Some(Loc::Gb)),
    ("uk_nhs", Some(Loc::Gb)),
    ("ca_sin", Some(Loc::Ca)),
    ("fr_nir", Some(Loc::Fr)),
    ("de_tax_id", Some(Loc::De)),
    ("es_dni", Some(Loc::Es)),
    ("es_nie", Some(Loc::Es)),
    ("it_fiscal_code", Some(Loc::It)),
    ("nl_bsn", Some(Loc::Nl)),
    ("pl_pesel", Some(Loc::Pl)),
    ("br_cpf", Some(Loc::Br)),
    ("in_aadhaar", Some(Loc::In)),
    ("in_pan", Some(Loc::In)),
    ("au_tfn", Some(Loc::Au)),
    ("cn_resident_id", Some(Loc::Cn)),
];

/// The national ids a person of `loc` carries in records (`variant` picks
/// between alternatives such as DNI and NIE, SSN and ITIN).
pub fn national_ids(loc: Loc, variant: u64) -> &'static [&'static str] {
    match loc {
        Loc::Us if variant % 3 == 2 => &["us_itin", "us_passport"],
        Loc::Us => &["us_ssn", "us_passport"],
        Loc::Gb => &["uk_nino", "uk_nhs"],
        Loc::Ca => &["ca_sin"],
        Loc::Au => &["au_tfn"],
        Loc::In => &["in_aadhaar", "in_pan"],
        Loc::De => &["de_tax_id"],
        Loc::Fr => &["fr_nir"],
        Loc::Es if variant % 2 == 1 => &["es_nie"],
        Loc::Es => &["es_dni"],
        Loc::Nl => &["nl_bsn"],
        Loc::It => &["it_fiscal_code"],
        Loc::Pl => &["pl_pesel"],
        Loc::Br => &["br_cpf"],
        Loc::Cn => &["cn_resident_id"],
    }
}

fn sep(r: &mut Rng, choices: &[&'static str]) -> &'static str {
    r.choose(choices)
}

pub fn credit_card(r: &mut Rng) -> String {
    let (prefix, len) = match r.below(10) {
        0..=3 => ("4".to_string(), 16),
        4 | 5 => (format!("5{}", r.range(1, 5)), 16),
        6 => (r.range(2221, 2720).to_string(), 16),
        7 => ((if r.chance(50) { "34" } else { "37" }).to_string(), 15),
        8 => ("6011".to_string(), 16),
        _ => (format!("35{}", r.range(28, 89)), 16),
    };
    let body = len - prefix.len() - 1;
    let pan = solve(
        r,
        "credit_card",
        |r| format!("{prefix}{}", r.digits(body)),
        &digit_suffixes(1),
    );
    let s = sep(r, &[" ", "-", "", " "]);
    if len == 15 {
        group(&pan, &[4, 6, 5], s)
    } else {
        group(&pan, &[4, 4, 4, 4], s)
    }
}

/// BBAN layouts: (count, class) with n = digit, a = upper letter, c = alnum.
const IBAN_SPECS: &[(&str, &[(usize, u8)])] = &[
    ("DE", &[(18, b'n')]),
    ("GB", &[(4, b'a'), (14, b'n')]),
    ("FR", &[(23, b'n')]),
    ("ES", &[(20, b'n')]),
    ("IT", &[(1, b'a'), (22, b'n')]),
    ("NL", &[(4, b'a'), (10, b'n')]),
    ("BE", &[(12, b'n')]),
    ("PL", &[(24, b'n')]),
    ("PT", &[(21, b'n')]),
    ("AT", &[(16, b'n')]),
    ("IE", &[(4, b'a'), (14, b'n')]),
    ("BR", &[(23, b'n'), (1, b'a'), (1, b'c')]),
];

pub fn iban_country(r: &mut Rng, loc: Loc) -> &'static str {
    match loc {
        Loc::Gb => "GB",
        Loc::De => "DE",
        Loc::Fr => "FR",
        Loc::Es => "ES",
        Loc::Nl => "NL",
        Loc::It => "IT",
        Loc::Pl => "PL",
        Loc::Br => "BR",
        _ => r.choose(&["BE", "AT", "IE", "PT"]),
    }
}

fn bban(r: &mut Rng, country: &str) -> String {
    let spec = IBAN_SPECS
        .iter()
        .find(|(c, _)| *c == country)
        .map_or(IBAN_SPECS[0].1, |s| s.1);
    spec.iter()
        .map(|&(n, class)| match class {
            b'n' => r.digits(n),
            b'a' => r.chars(n, UPPER),
            _ => r.chars(n, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        })
        .collect()
}

/// Compact IBAN, valid (check digits found by trying all 97).
pub fn iban_compact(r: &mut Rng, country: &str) -> String {
    for _ in 0..ATTEMPTS {
        let b = bban(r, country);
        for kk in 2..=98 {
            let cand = format!("{country}{kk:02}{b}");
            if valid("iban", &cand) && unambiguous("iban", &cand) {
                return cand;
            }
        }
    }
    panic!("no valid {country} IBAN found: does the iban validator accept anything?")
}

/// Paper format (groups of four) most of the time, electronic otherwise.
pub fn iban_display(r: &mut Rng, compact: &str) -> String {
    if r.chance(65) {
        group(compact, &[4; 9], " ")
    } else {
        compact.to_string()
    }
}

pub fn iban(r: &mut Rng, country: &str) -> String {
    let c = iban_compact(r, country);
    iban_display(r, &c)
}

/// An IBAN-shaped string whose mod-97 check fails.
pub fn iban_bad_checksum(r: &mut Rng, country: &str) -> String {
    loop {
        let b = bban(r, country);
        let cand = format!("{country}{:02}{b}", r.range(2, 98));
        if !valid("iban", &cand) {
            return iban_display(r, &cand);
        }
    }
}

pub fn aba_routing(r: &mut Rng) -> String {
    const FED: &[&str] = &[
        "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
        "12", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30",
        "31", "32", "61", "62", "63", "64", "65", "66", "67", "68", "69",
        "70", "71", "72",
    ];
    solve(
        r,
        "aba_routing",
        |r| format!("{}{}", r.pick(FED), r.digits(6)),
        &digit_suffixes(1),
    )
}

pub fn us_ssn(r: &mut Rng) -> String {
    let compact = solve(
        r,
        "us_ssn",
        |r| {
            let mut area = r.range(1, 899);
            if area == 666 {
                area = 665;
            }
            format!("{area:03}{:02}{:04}", r.range(1, 99), r.range(1, 9999))
        },
        &[""],
    );
    match r.below(10) {
        0 => compact,
        1 => group(&compact, &[3, 2, 4], " "),
        _ => group(&compact, &[3, 2, 4], "-"),
    }
}

pub fn us_itin(r: &mut Rng) -> String {
    const GROUPS: &[(u64, u64)] = &[(50, 65), (70, 88), (90, 92), (94, 99)];
    let compact = solve(
        r,
        "us_itin",
        |r| {
            let &(lo, hi) = r.pick(GROUPS);
            format!(
                "9{:02}{:02}{:04}",
                r.below(100),
                r.range(lo, hi),
                r.range(1, 9999)
            )
        },
        &[""],
    );
    if r.chance(85) {
        group(&compact, &[3, 2, 4], "-")
    } else {
        compact
    }
}

/// Next Generation passports (since 2021): a letter and eight digits; one in
/// six is a legacy nine-digit book number.
pub fn us_passport(r: &mut Rng) -> String {
    if r.chance(17) {
        loop {
            let c = format!("{}{}", r.range(1, 5), r.digits(8));
            if unambiguous("", &c) {
                return c;
            }
        }
    }
    format!("{}{}", r.chars(1, b"ACEFGHJKLMNPRSTUVWXZ"), r.digits(8))
}

pub fn uk_nino(r: &mut Rng) -> String {
    let suffix = *r.pick(&["A", "B", "C", "D"]);
    let c = solve(
        r,
        "uk_nino",
        |r| loop {
            let pre = format!(
                "{}{}",
                r.chars(1, b"ABCEGHJKLMNOPRSTWXYZ"),
                r.chars(1, b"ABCEGHJKLMNPRSTWXYZ")
            );
            if !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]
                .contains(&pre.as_str())
            {
                return format!("{pre}{}", r.digits(6));
            }
        },
        &[suffix],
    );
    if r.chance(50) {
        group(&c, &[2, 2, 2, 2, 1], " ")
    } else {
        c
    }
}

pub fn uk_nhs(r: &mut Rng) -> String {
    let c = solve(
        r,
        "uk_nhs",
        |r| format!("{}{}", r.pick(&["4", "6", "7"]), r.digits(8)),
        &digit_suffixes(1),
    );
    if r.chance(65) {
        group(&c, &[3, 3, 4], " ")
    } else {
        c
    }
}

pub fn ca_sin(r: &mut Rng) -> String {
    let c = solve(
        r,
        "ca_sin",
        |r| {
            format!(
                "{}{}",
                r.pick(&["1", "2", "3", "4", "5", "6", "7", "9"]),
                r.digits(7)
            )
        },
        &digit_suffixes(1),
    );
    let s = sep(r, &[" ", "-", "", " "]);
    group(&c, &[3, 3, 3], s)
}

pub fn fr_nir(r: &mut Rng, p: &Person) -> String {
    let (y, m, _) = p.birth;
    let sex = if p.female { 2 } else { 1 };
    let c = solve(
        r,
        "fr_nir",
        |r| {
            let mut dept = r.range(1, 95);
            if dept == 20 {
                dept = 75; // Corsica is 2A/2B, not 20
            }
            format!(
                "{sex}{:02}{m:02}{dept:02}{:03}{:03}",
                y % 100,
                r.range(1, 999),
                r.range(1, 999)
            )
        },
        &digit_suffixes(2),
    );
    if r.chance(60) {
        group(&c, &[1, 2, 2, 2, 3, 3, 2], " ")
    } else {
        c
    }
}

pub fn de_tax_id(r: &mut Rng) -> String {
    let c = solve(
        r,
        "de_tax_id",
        |r| format!("{}{}", r.range(1, 9), r.digits(9)),
        &digit_suffixes(1),
    );
    if r.chance(50) {
        group(&c, &[2, 3, 3, 3], " ")
    } else {
        c
    }
}

pub fn es_dni(r: &mut Rng) -> String {
    let c = solve(r, "es_dni", |r| r.digits(8), &letter_suffixes());
    if r.chance(20) {
        format!("{}-{}", &c[..8], &c[8..])
    } else {
        c
    }
}

pub fn es_nie(r: &mut Rng) -> String {
    let c = solve(
        r,
        "es_nie",
        |r| format!("{}{}", r.pick(&["X", "Y", "Z"]), r.digits(7)),
        &letter_suffixes(),
    );
    if r.chance(20) {
        format!("{}-{}-{}", &c[..1], &c[1..8], &c[8..])
    } else {
        c
    }
}

/// Three letters of a name for the codice fiscale: consonants first, then
/// vowels, then X; a first name with four or more consonants skips the
/// second one.
fn cf_part(name: &str, first_name: bool) -> String {
    let up: Vec<char> =
        super::people::ascii_slug(name).to_ascii_uppercase().chars().collect();
    let cons: Vec<char> =
        up.iter().copied().filter(|c| !"AEIOU".contains(*c)).collect();
    let vows: Vec<char> =
        up.iter().copied().filter(|c| "AEIOU".contains(*c)).collect();
    if first_name && cons.len() >= 4 {
        return [cons[0], cons[2], cons[3]].iter().collect();
    }
    cons.iter().chain(vows.iter()).chain(['X'; 3].iter()).take(3).collect()
}

pub fn it_fiscal_code(r: &mut Rng, p: &Person) -> String {
    let (y, m, d) = p.birth;
    let day = if p.female { d + 40 } else { d };
    let month = char::from(b"ABCDEHLMPRST"[m as usize - 1]);
    let stem = format!(
        "{}{}{:02}{month}{day:02}",
        cf_part(&p.last, false),
        cf_part(p.first, true),
        y % 100
    );
    // Birthplace (Belfiore codes of Roma, Milano, Napoli, Torino, Bologna,
    // Firenze, Palermo).
    solve(
        r,
        "it_fiscal_code",
        |r| {
            format!(
                "{stem}{}",
                r.pick(&[
                    "H501", "F205", "F839", "L219", "A944", "D612", "G273"
                ])
            )
        },
        &letter_suffixes(),
    )
}

pub fn nl_bsn(r: &mut Rng) -> String {
    let c = solve(
        r,
        "nl_bsn",
        |r| format!("{}{}", r.range(1, 6), r.digits(7)),
        &digit_suffixes(1),
    );
    if r.chance(25) {
        format!("{}.{}.{}", &c[..4], &c[4..6], &c[6..])
    } else {
        c
    }
}

pub fn pl_pesel(r: &mut Rng, p: &Person) -> String {
    let (y, m, d) = p.birth;
    let mm = if y >= 2000 { m + 20 } else { m };
    let sex_digits: &[u64] =
        if p.female { &[0, 2, 4, 6, 8] } else { &[1, 3, 5, 7, 9] };
    solve(
        r,
        "pl_pesel",
        |r| {
            format!(
                "{:02}{mm:02}{d:02}{}{}",
                y % 100,
                r.digits(3),
                r.pick(sex_digits)
            )
        },
        &digit_suffixes(1),
    )
}

pub fn br_cpf(r: &mut Rng) -> String {
    let c = solve(r, "br_cpf", |r| r.digits(9), &digit_suffixes(2));
    if r.chance(70) {
        format!("{}.{}.{}-{}", &c[..3], &c[3..6], &c[6..9], &c[9..])
    } else {
        c
    }
}

pub fn in_aadhaar(r: &mut Rng) -> String {
    let c = solve(
        r,
        "in_aadhaar",
        |r| format!("{}{}", r.range(2, 9), r.digits(10)),
        &digit_suffixes(1),
    );
    if r.chance(70) {
        group(&c, &[4, 4, 4], " ")
    } else {
        c
    }
}

/// PAN: three letters, holder type (P = person), surname initial, four
/// digits, check letter.
pub fn in_pan(r: &mut Rng, p: &Person) -> String {
    let initial = super::people::ascii_slug(&p.last).to_ascii_uppercase();
    let initial = &initial[..1];
    // The last letter is a check character the validator cannot verify
    // (its algorithm is unpublished), so draw it instead of taking the first.
    let last = r.chars(1, UPPER);
    solve(
        r,
        "in_pan",
        |r| format!("{}P{initial}{}", r.chars(3, UPPER), r.digits(4)),
        &[last],
    )
}

pub fn au_tfn(r: &mut Rng) -> String {
    let c = solve(
        r,
        "au_tfn",
        |r| format!("{}{}", r.range(1, 9), r.digits(7)),
        &digit_suffixes(1),
    );
    if r.chance(60) {
        group(&c, &[3, 3, 3], " ")
    } else {
        c
    }
}

pub fn cn_resident_id(r: &mut Rng, p: &Person) -> String {
    let (y, m, d) = p.birth;
    let sex: &[u64] =
        if p.female { &[0, 2, 4, 6, 8] } else { &[1, 3, 5, 7, 9] };
    let mut checks = digit_suffixes(1);
    checks.push("X".to_string());
    solve(
        r,
        "cn_resident_id",
        |r| {
            let region = r.pick(&[
                "110101", "110105", "310104", "310115", "440305", "440106",
                "510107", "330106", "320102", "420111",
            ]);
            format!("{region}{y}{m:02}{d:02}{}{}", r.digits(2), r.pick(sex))
        },
        &checks,
    )
}

/// base64url without padding (JWT segments).
pub fn b64url(data: &[u8]) -> String {
    const T: &[u8] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(data.len() * 4 / 3 + 3);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n =
            (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(T[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// Standard base64 with padding (blobs in the clean section).
pub fn b64(data: &[u8]) -> String {
    let mut s: String = b64url(data)
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while s.len() % 4 != 0 {
        s.push('=');
    }
    s
}

/// A signed-looking JWT whose header and payload decode to real JSON.
pub fn jwt(r: &mut Rng, sub: &str, now_s: u64) -> String {
    let (header, sig_len) = match r.below(3) {
        0 | 1 => (r#"{"alg":"HS256","typ":"JWT"}"#.to_string(), 32),
        _ => (
            format!(r#"{{"alg":"ES256","typ":"JWT","kid":"{}"}}"#, r.hex(8)),
            64,
        ),
    };
    let payload = format!(
        r#"{{"sub":"{sub}","iss":"https://auth.acme-shop.example","iat":{now_s},"exp":{},"scope":"orders:read profile"}}"#,
        now_s + 3600
    );
    let sig = r.bytes(sig_len);
    format!(
        "{}.{}.{}",
        b64url(header.as_bytes()),
        b64url(payload.as_bytes()),
        b64url(&sig)
    )
}

/// An opaque OAuth access token.
pub fn bearer_token(r: &mut Rng) -> String {
    let n = r.range(32, 48) as usize;
    r.chars(
        n,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    )
}

/// (cookie name, session id value) in the style of common frameworks.
pub fn session_cookie(r: &mut Rng) -> (&'static str, String) {
    match r.below(5) {
        0 => ("JSESSIONID", r.chars(32, b"0123456789ABCDEF")),
        1 => {
            ("PHPSESSID", r.chars(26, b"abcdefghijklmnopqrstuvwxyz0123456789"))
        }
        2 => {
            ("sessionid", r.chars(32, b"abcdefghijklmnopqrstuvwxyz0123456789"))
        }
        3 => ("_session_id", r.hex(32)),
        _ => (
            "ASP.NET_SessionId",
            r.chars(24, b"abcdefghijklmnopqrstuvwxyz012345"),
        ),
    }
}

pub fn aws_access_key(r: &mut Rng) -> String {
    let prefix = if r.chance(80) { "AKIA" } else { "ASIA" };
    format!("{prefix}{}", r.chars(16, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"))
}

/// A throwaway password for `user:pass@` URLs.
pub fn password(r: &mut Rng) -> String {
    let n = r.range(10, 18) as usize;
    r.chars(n, ALNUM)
}

pub fn mac_address(r: &mut Rng) -> String {
    let mut b = r.bytes(6);
    b[0] &= 0xfe; // unicast
    match r.below(4) {
        0 | 1 => {
            b.iter().map(|x| format!("{x:02x}")).collect::<Vec<_>>().join(":")
        }
        2 => {
            b.iter().map(|x| format!("{x:02X}")).collect::<Vec<_>>().join("-")
        }
        _ => format!(
            "{:02x}{:02x}.{:02x}{:02x}.{:02x}{:02x}",
            b[0], b[1], b[2], b[3], b[4], b[5]
        ),
    }
}

pub fn ipv4(r: &mut Rng) -> String {
    match r.below(7) {
        0 => format!("192.0.2.{}", r.range(1, 254)),
        1 => format!("198.51.100.{}", r.range(1, 254)),
        2 => format!("203.0.113.{}", r.range(1, 254)),
        // Carrier-grade NAT: one subscriber behind each address.
        3 => format!(
            "100.{}.{}.{}",
            r.range(64, 127),
            r.below(256),
            r.range(1, 254)
        ),
        _ => format!(
            "{}.{}.{}.{}",
            r.pick(&[
                31, 46, 77, 81, 84, 88, 92, 109, 176, 185, 188, 212, 217
            ]),
            r.below(256),
            r.below(256),
            r.range(1, 254)
        ),
    }
}

pub fn ipv6(r: &mut Rng) -> String {
    let mut g = [0u16; 8];
    match r.below(3) {
        0 => {
            g[0] = 0x2001;
            g[1] = 0x0db8;
            g[2] = r.below(0x10000) as u16;
            g[3] = r.below(0x100) as u16;
            g[7] = r.range(1, 0xffff) as u16;
        }
        1 => {
            g[0] = *r.pick(&[0x2a02, 0x2a01, 0x2003, 0x2600, 0x2804]);
            for x in g.iter_mut().skip(1) {
                *x = r.below(0x10000) as u16;
            }
        }
        _ => {
            g[0] = 0x2001;
            g[1] = 0x0db8;
            for x in g.iter_mut().skip(2) {
                *x = r.below(0x10000) as u16;
            }
            g[4] = 0;
        }
    }
    if r.chance(15) {
        return g
            .iter()
            .map(|x| format!("{x:04x}"))
            .collect::<Vec<_>>()
            .join(":");
    }
    // RFC 5952: compress the longest run of two or more zero groups.
    let (mut best, mut best_len, mut i) = (8, 0, 0);
    while i < 8 {
        if g[i] == 0 {
            let j = (i..8).find(|&j| g[j] != 0).unwrap_or(8);
            if j - i > best_len && j - i >= 2 {
                best = i;
                best_len = j - i;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let hexes = |xs: &[u16]| {
        xs.iter().map(|x| format!("{x:x}")).collect::<Vec<_>>().join(":")
    };
    if best_len == 0 {
        hexes(&g)
    } else {
        format!("{}::{}", hexes(&g[..best]), hexes(&g[best + best_len..]))
    }
}

/// Either address family, with its kind.
pub fn ip(r: &mut Rng) -> (&'static str, String) {
    if r.chance(78) {
        ("ipv4", ipv4(r))
    } else {
        ("ipv6", ipv6(r))
    }
}

pub fn uuid(r: &mut Rng) -> String {
    let h = r.hex(32);
    format!(
        "{}-{}-4{}-{}{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        r.pick(&["8", "9", "a", "b"]),
        &h[17..20],
        &h[20..]
    )
}
