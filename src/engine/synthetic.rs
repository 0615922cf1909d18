//! Values that are fake by convention: reserved example domains, the
//! 555-01xx fictional phone range, documented test card numbers, IANA
//! documentation address ranges and well-known example SSNs.
//!
//! Synthetic values are still reported (a log full of example.com users is
//! worth knowing about); the flag lets a CI gate allow them, because test
//! fixtures are supposed to use them. This module only classifies; it never
//! drops a finding.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Card numbers published by card networks and processors for testing;
/// the `fake` redaction style draws its replacements from them too.
pub const TEST_CARDS: &[&str] = &[
    "4111111111111111",
    "4012888888881881",
    "4222222222222",
    "4242424242424242",
    "4000056655665556",
    "5555555555554444",
    "5105105105105100",
    "5200828282828210",
    "2223003122003222",
    "378282246310005",
    "371449635398431",
    "378734493671000",
    "6011111111111117",
    "6011000990139424",
    "3056930009020004",
    "30569309025904",
    "38520000023237",
    "3530111333300000",
    "3566002020360505",
    "6200000000000005",
];

/// SSNs printed in advertising or used as documentation examples.
pub const EXAMPLE_SSNS: &[&str] = &["078051120", "219099999", "123456789"];

/// True when `value` of `kind` is fake by convention.
pub fn is_synthetic(kind: &str, value: &[u8]) -> bool {
    match kind {
        "email" => synthetic_email(value),
        "url_credentials" => synthetic_domain_in(value),
        "phone" => synthetic_phone(value),
        "credit_card" => {
            digits(value).is_some_and(|d| in_list(d.as_slice(), TEST_CARDS))
        }
        "us_ssn" => {
            digits(value).is_some_and(|d| in_list(d.as_slice(), EXAMPLE_SSNS))
        }
        // The parser takes no leading zeros, so a documentation address
        // is spelled with one of these prefixes: most values stop there.
        "ipv4" => {
            [&b"192.0.2."[..], b"198.51.100.", b"203.0.113."]
                .iter()
                .any(|p| value.starts_with(p))
                && std::str::from_utf8(value)
                    .ok()
                    .and_then(|s| s.parse::<Ipv4Addr>().ok())
                    .is_some_and(documentation_v4)
        }
        "ipv6" => {
            value.starts_with(b"2001:")
                && std::str::from_utf8(value)
                    .ok()
                    .and_then(|s| s.parse::<Ipv6Addr>().ok())
                    .is_some_and(|ip| {
                        let s = ip.segments();
                        s[0] == 0x2001 && s[1] == 0x0db8
                    })
        }
        _ => false,
    }
}

/// The ASCII digits of a value, on the stack (`None` past 24 digits:
/// longer than any value compared here).
struct Digits {
    buf: [u8; 24],
    len: usize,
}

impl Digits {
    fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

fn digits(value: &[u8]) -> Option<Digits> {
    let mut d = Digits { buf: [0; 24], len: 0 };
    for &b in value.iter().filter(|b| b.is_ascii_digit()) {
        *d.buf.get_mut(d.len)? = b;
        d.len += 1;
    }
    Some(d)
}

fn in_list(digits: &[u8], list: &[&str]) -> bool {
    list.iter().any(|s| s.as_bytes() == digits)
}

fn documentation_v4(ip: Ipv4Addr) -> bool {
    matches!(
        ip.octets(),
        [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _]
    )
}

/// RFC 2606 / RFC 6761 reserved names.
fn reserved_domain(domain: &[u8]) -> bool {
    let ends = |suffix: &[u8]| {
        domain.eq_ignore_ascii_case(&suffix[1..])
            || (domain.len() >= suffix.len()
                && domain[domain.len() - suffix.len()..]
                    .eq_ignore_ascii_case(suffix))
    };
    ends(b".example.com")
        || ends(b".example.org")
        || ends(b".example.net")
        || ends(b".example")
        || ends(b".test")
        || ends(b".invalid")
        || ends(b".localhost")
}

fn synthetic_email(value: &[u8]) -> bool {
    match value.iter().rposition(|&b| b == b'@') {
        Some(at) => reserved_domain(&value[at + 1..]),
        None => false,
    }
}

fn synthetic_domain_in(value: &[u8]) -> bool {
    let host_start =
        value.iter().rposition(|&b| b == b'@').map_or(0, |i| i + 1);
    let host = &value[host_start..];
    let end = host
        .iter()
        .position(|&b| matches!(b, b'/' | b':' | b'?' | b'#'))
        .unwrap_or(host.len());
    reserved_domain(&host[..end])
}

/// NANP 555-0100 through 555-0199 are reserved for fiction.
fn synthetic_phone(value: &[u8]) -> bool {
    let Some(d) = digits(value) else { return false };
    let d = d.as_slice();
    let local = match d.len() {
        7 => d,
        10 => &d[3..],
        11 if d[0] == b'1' => &d[4..],
        _ => return false,
    };
    local.starts_with(b"55501")
}

#[cfg(test)]
mod tests {
    use super::is_synthetic;

    #[test]
    fn conventions_are_recognized() {
        assert!(is_synthetic("email", b"jane@example.com"));
        assert!(is_synthetic("email", b"jane@mail.example.org"));
        assert!(is_synthetic("email", b"bob@shop.test"));
        assert!(!is_synthetic("email", b"jane@example.com.evil.io"));
        assert!(!is_synthetic("email", b"jane@acme-mail.com"));
        assert!(is_synthetic("phone", b"(415) 555-0123"));
        assert!(is_synthetic("phone", b"+1 415 555 0199"));
        assert!(!is_synthetic("phone", b"+1 415 555 0200"));
        assert!(is_synthetic("credit_card", b"4111 1111 1111 1111"));
        assert!(!is_synthetic("credit_card", b"4111 1111 1111 1112"));
        assert!(is_synthetic("ipv4", b"203.0.113.9"));
        assert!(!is_synthetic("ipv4", b"8.8.8.8"));
        assert!(is_synthetic("ipv6", b"2001:db8::1"));
        assert!(is_synthetic("us_ssn", b"078-05-1120"));
        assert!(is_synthetic(
            "url_credentials",
            b"https://u:p@db.example.com/x"
        ));
        assert!(!is_synthetic("iban", b"GB82WEST12345698765432"));
    }

    #[test]
    fn prefixes_and_case_decide_as_parsing_does() {
        assert!(is_synthetic("email", b"Jane@Mail.EXAMPLE.com"));
        assert!(is_synthetic("email", b"ops@EXAMPLE"));
        assert!(!is_synthetic("email", b"ops@notexample"));
        assert!(is_synthetic("ipv4", b"192.0.2.255"));
        assert!(is_synthetic("ipv4", b"198.51.100.7"));
        // Leading zeros do not parse: not a documentation address.
        assert!(!is_synthetic("ipv4", b"192.000.2.1"));
        assert!(!is_synthetic("ipv4", b"192.0.20.1"));
        assert!(is_synthetic("ipv6", b"2001:0DB8:0:0::1"));
        assert!(!is_synthetic("ipv6", b"2001:db9::1"));
        assert!(!is_synthetic("ipv6", b"fe80::2001:db8"));
        // More digits than any listed card or SSN.
        let long = "4111 ".repeat(10);
        assert!(!is_synthetic("credit_card", long.as_bytes()));
        assert!(!is_synthetic("phone", b"+1 415 555 0100 555 0100 5550 100"));
    }
}
