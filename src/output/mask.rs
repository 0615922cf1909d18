//! Masked previews: the one place that turns a raw value into something
//! safe to show (`j***@e******.com`, `***-**-6789`).
//!
//! What each kind keeps is a contract (DESIGN.md): enough to recognise a
//! finding, never enough to use it. This module must never return the raw
//! value, never keep more than the rules below allow, never reveal a
//! credential's length, and never emit control, bidi or zero-width
//! characters (previews land in terminals, CSV cells and CI annotations).
//! Invalid UTF-8 is decoded lossily first.

/// Build the masked preview of `value`, a match of kind `kind`.
///
/// - `email`: first char of the local part then `***`; first char of the
///   domain, one `*` per other char before the TLD (dots kept); TLD kept.
/// - `us_ssn`, `credit_card`: digits masked except the last 4.
/// - `phone`: digits masked except the last 2; separators and `+` kept.
/// - `iban`: country code and last 4 kept.
/// - `ipv4`: first octet kept (`10.*.*.*`); `ipv6`: first group (`fe80:*`).
/// - credentials (`jwt`, `bearer_token`, `aws_access_key`,
///   `session_cookie`, `url_credentials`): a known non-secret prefix only
///   (`eyJ`, `AKIA`/`ASIA`, `Bearer `, a known `scheme://`), then a fixed
///   `****` that does not reveal the length.
/// - anything else: first char kept when the value has 6 or more chars,
///   every other letter or digit becomes `*`, separators are kept.
///
/// Short values keep less: at most half of their digits ever survive.
pub fn mask(kind: &str, value: &[u8]) -> String {
    let text = match std::str::from_utf8(value) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(value),
    };
    let s: &str = &text;
    let masked = match kind {
        "email" => email(s),
        "us_ssn" | "credit_card" => keep_last_digits(s, 4),
        "phone" => keep_last_digits(s, 2),
        "iban" => iban(s),
        "ipv4" => ipv4(s),
        "ipv6" => ipv6(s),
        "jwt" | "bearer_token" | "aws_access_key" | "session_cookie"
        | "url_credentials" => credential(kind, s),
        _ => generic(s),
    };
    let masked = if printable_ascii(&masked) || !masked.chars().any(is_unsafe)
    {
        masked
    } else {
        map_chars(&masked, |c| if is_unsafe(c) { '*' } else { c })
    };
    if masked == s && !s.is_empty() {
        // A value of separators only: nothing was masked, so mask it all.
        return "*".repeat(s.chars().count());
    }
    masked
}

/// Printable ASCII only: nothing to check char by char (most values).
fn printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' '..=b'~'))
}

/// `s` with every char mapped, into a string sized once (previews are
/// built for every finding).
fn map_chars(s: &str, mut f: impl FnMut(char) -> char) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push(f(c));
    }
    out
}

/// Characters that may not appear in a preview: they could move the
/// cursor, reorder text or hide characters when printed.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}')
}

/// Letters and digits become `*` except the first char of a value of 6 or
/// more chars; everything else (separators) is kept.
fn generic(s: &str) -> String {
    let mut first = s.chars().nth(5).is_some();
    map_chars(s, |c| {
        if first {
            first = false;
            c
        } else if c.is_alphanumeric() {
            '*'
        } else {
            c
        }
    })
}

/// Mask every ASCII digit but the last `n` (at most half of them), and
/// every other letter; separators are kept.
fn keep_last_digits(s: &str, n: usize) -> String {
    let total = s.bytes().filter(u8::is_ascii_digit).count();
    let keep = n.min(total / 2);
    let mut seen = 0;
    map_chars(s, |c| {
        if c.is_ascii_digit() {
            seen += 1;
            if seen > total - keep {
                c
            } else {
                '*'
            }
        } else if c.is_alphanumeric() {
            '*'
        } else {
            c
        }
    })
}

fn email(s: &str) -> String {
    let Some(at) = s.rfind('@') else {
        return generic(s);
    };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    let mut out = String::with_capacity(s.len());
    if let Some(c) = local.chars().next() {
        out.push(c);
    }
    out.push_str("***@");
    match domain.rfind('.') {
        Some(dot) if dot > 0 && is_plain_tld(&domain[dot + 1..]) => {
            let mut first = true;
            for c in domain[..dot].chars() {
                if c == '.' {
                    out.push('.');
                } else if first {
                    out.push(c);
                    first = false;
                } else {
                    out.push('*');
                }
            }
            out.push_str(&domain[dot..]);
        }
        _ => out
            .extend(domain.chars().map(|c| if c == '.' { '.' } else { '*' })),
    }
    out
}

/// A TLD worth keeping: letters (or a punycode `xn--` label), never a run
/// of digits that could carry data.
fn is_plain_tld(tld: &str) -> bool {
    !tld.is_empty()
        && tld.len() <= 24
        && (tld.chars().all(char::is_alphabetic)
            || (tld.starts_with("xn--")
                && tld.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')))
}

/// Country code (two letters) and the last 4 letters or digits kept.
fn iban(s: &str) -> String {
    let total = s.chars().filter(|c| c.is_alphanumeric()).count();
    let tail = 4.min(total.saturating_sub(2) / 2);
    let mut i = 0;
    map_chars(s, |c| {
        if !c.is_alphanumeric() {
            return c;
        }
        i += 1;
        if (i <= 2 && c.is_ascii_alphabetic()) || i > total - tail {
            c
        } else {
            '*'
        }
    })
}

fn ipv4(s: &str) -> String {
    let mut parts = s.split('.');
    let first = parts.next().unwrap_or("");
    let rest = parts.count();
    if rest == 0
        || first.is_empty()
        || first.len() > 3
        || !first.bytes().all(|b| b.is_ascii_digit())
    {
        return generic(s);
    }
    let mut out = String::with_capacity(first.len() + 2 * rest);
    out.push_str(first);
    for _ in 0..rest {
        out.push_str(".*");
    }
    out
}

fn ipv6(s: &str) -> String {
    let s = s.trim_start_matches('[');
    if s.starts_with("::") {
        return "::*".to_string();
    }
    let first = s.split(':').next().unwrap_or("");
    if first.is_empty()
        || first.len() > 4
        || first.len() == s.len()
        || !first.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return generic(s);
    }
    format!("{first}:*")
}

/// A known non-secret prefix, then a fixed `****` whatever the length.
fn credential(kind: &str, s: &str) -> String {
    let prefix = match kind {
        "jwt" => s.starts_with("eyJ").then_some("eyJ"),
        "aws_access_key" => {
            ["AKIA", "ASIA"].into_iter().find(|p| s.starts_with(p))
        }
        "bearer_token" => s
            .get(..7)
            .filter(|p| p.eq_ignore_ascii_case("bearer "))
            .map(|_| "Bearer "),
        "url_credentials" => url_scheme(s),
        // A cookie value has no non-secret part (and `=` may be base64
        // padding, not a name separator).
        _ => None,
    };
    let prefix = prefix.unwrap_or("");
    let mut out = String::with_capacity(prefix.len() + 4);
    out.push_str(prefix);
    out.push_str("****");
    out
}

/// URL schemes whose `scheme://` prefix may be kept: a fixed list, so a
/// `user:password` value that merely contains `://` keeps nothing.
const KNOWN_SCHEMES: &[&str] = &[
    "http",
    "https",
    "ftp",
    "ftps",
    "sftp",
    "ssh",
    "git",
    "svn",
    "ws",
    "wss",
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "mongodb",
    "mongodb+srv",
    "redis",
    "rediss",
    "amqp",
    "amqps",
    "smtp",
    "smtps",
    "imap",
    "imaps",
    "ldap",
    "ldaps",
    "s3",
    "jdbc",
];

/// `https://` of `https://user:pass@host`, for a known scheme only.
fn url_scheme(s: &str) -> Option<&str> {
    let end = s.find("://")?;
    KNOWN_SCHEMES
        .iter()
        .any(|k| k.eq_ignore_ascii_case(&s[..end]))
        .then(|| &s[..end + 3])
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn contract_examples() {
        let cases = [
            ("email", "jane.doe@example.com", "j***@e******.com"),
            ("email", "a.b@mail.example.co.uk", "a***@m***.*******.**.uk"),
            ("us_ssn", "123-45-6789", "***-**-6789"),
            ("credit_card", "4111-1111-1111-1111", "****-****-****-1111"),
            ("credit_card", "4111111111111111", "************1111"),
            ("phone", "+1 (555) 010-9999", "+* (***) ***-**99"),
            (
                "iban",
                "DE89 3704 0044 0532 0130 00",
                "DE** **** **** **** **30 00",
            ),
            ("ipv4", "10.1.2.3", "10.*.*.*"),
            ("ipv6", "2001:db8::1", "2001:*"),
            ("ipv6", "::1", "::*"),
            ("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "eyJ****"),
            ("aws_access_key", "AKIAIOSFODNN7EXAMPLE", "AKIA****"),
            ("bearer_token", "Bearer abc.def.ghi", "Bearer ****"),
            ("bearer_token", "abcdefghijkl", "****"),
            ("url_credentials", "https://user:hunter2@host", "https://****"),
            ("session_cookie", "sessionid=abc123", "****"),
            ("url_credentials", "a://b:c@d", "****"),
            ("person_name", "John Smith", "J*** *****"),
            ("date_of_birth", "1990-01-02", "1***-**-**"),
            ("mac_address", "00:1A:2B:3C:4D:5E", "0*:**:**:**:**:**"),
            ("username", "bob", "***"),
        ];
        for (kind, value, want) in cases {
            assert_eq!(mask(kind, value.as_bytes()), want, "{kind} {value}");
        }
    }

    #[test]
    fn never_control_chars_and_lossy_utf8() {
        let m = mask("person_name", b"Jo\x1b[31mhn\xff\xfe");
        assert!(!m.chars().any(char::is_control), "{m:?}");
        let m = mask("session_cookie", b"\x1bsid=1");
        assert!(!m.chars().any(char::is_control), "{m:?}");
    }

    #[test]
    fn separators_only_is_still_masked() {
        assert_eq!(mask("username", b"----"), "****");
        assert_eq!(mask("credit_card", b"1234"), "**34");
    }
}
