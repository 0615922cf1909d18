//! Private IPv4 addresses kept only where they stand for a person.
//!
//! An address from a private range (RFC 1918, loopback, link-local) is not
//! routable on the internet: in load-balancer, container, packet-capture
//! and event logs it names a server, a proxy or a pod far more often than
//! anyone's machine. It is a person's when the log ties it to one: a
//! login, e-mail, name or device (MAC) address beside it on the same line
//! (`10.1.4.22 - jbauer [...]`, `DHCPACK on 192.168.10.57 to
//! 3c:22:fb:12:9a:01`), or a VPN address handed to a user (`vpnIp:
//! 10.8.3.41`); so is the same address anywhere else in the chunk. Other
//! private addresses are dropped; public ones are left alone.

use std::net::Ipv4Addr;
use std::ops::Range;

use super::Match;
use crate::catalog::Rule;

/// How far (in bytes, on the same line) a person's value may stand from a
/// private address to claim it.
const TIE_DISTANCE: usize = 40;

/// How far before a private address a `vpn` label is looked for.
const VPN_LABEL_DISTANCE: usize = 48;

/// Kinds whose value says whose a private address is.
const OWNER_KINDS: [&str; 4] =
    ["username", "email", "person_name", "mac_address"];

/// Drop the matches in `matches[from..]` that are private IPv4 addresses
/// with no person beside them. `matches` is in file order.
pub(crate) fn drop_unowned(
    rules: &[Rule],
    hay: &[u8],
    matches: &mut Vec<Match>,
    from: usize,
) {
    let internal = |m: &Match| {
        rules[m.rule].kind.id == "ipv4" && is_internal(&hay[m.span.clone()])
    };
    if !matches[from..].iter().any(internal) {
        return;
    }
    let chunk = &matches[from..];
    let owned_here: Vec<bool> = (0..chunk.len())
        .map(|k| internal(&chunk[k]) && owned(rules, hay, chunk, k))
        .collect();
    // An address shown to be someone's once is theirs wherever it recurs
    // (`DHCPINFORM from 192.168.10.57 via eth1` after its lease).
    let owned_values: Vec<&[u8]> = chunk
        .iter()
        .zip(&owned_here)
        .filter(|(_, &owned)| owned)
        .map(|(m, _)| &hay[m.span.clone()])
        .collect();
    let keep: Vec<bool> = chunk
        .iter()
        .zip(&owned_here)
        .map(|(m, &owned)| {
            owned
                || !internal(m)
                || owned_values.contains(&&hay[m.span.clone()])
        })
        .collect();
    let mut flags = keep.into_iter();
    let mut index = 0;
    matches.retain(|_| {
        index += 1;
        index <= from || flags.next().unwrap_or(true)
    });
}

/// A private, loopback or link-local address.
fn is_internal(value: &[u8]) -> bool {
    std::str::from_utf8(value)
        .ok()
        .and_then(|s| s.parse::<Ipv4Addr>().ok())
        .is_some_and(|ip| {
            ip.is_private() || ip.is_loopback() || ip.is_link_local()
        })
}

/// Whether the address `matches[k]` has a person's value beside it on its
/// line, or a VPN label before it.
fn owned(rules: &[Rule], hay: &[u8], matches: &[Match], k: usize) -> bool {
    let ip = &matches[k].span;
    let same_line =
        |gap: Range<usize>| memchr::memchr(b'\n', &hay[gap]).is_none();
    let is_owner = |m: &Match| OWNER_KINDS.contains(&rules[m.rule].kind.id);
    let before = matches[..k]
        .iter()
        .rev()
        .take_while(|m| m.span.end + TIE_DISTANCE >= ip.start)
        .any(|m| {
            is_owner(m)
                && m.span.end <= ip.start
                && same_line(m.span.end..ip.start)
        });
    let after = matches[k + 1..]
        .iter()
        .take_while(|m| m.span.start <= ip.end + TIE_DISTANCE)
        .any(|m| is_owner(m) && same_line(ip.end..m.span.start));
    before || after || vpn_label_before(hay, ip.start)
}

/// `vpn` (any case) in the line's bytes shortly before `at`.
fn vpn_label_before(hay: &[u8], at: usize) -> bool {
    let from = at.saturating_sub(VPN_LABEL_DISTANCE);
    let line =
        memchr::memrchr(b'\n', &hay[from..at]).map_or(from, |p| from + p + 1);
    hay[line..at].windows(3).any(|w| w.eq_ignore_ascii_case(b"vpn"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_ranges() {
        for ip in [
            "10.0.12.44",
            "172.20.0.1",
            "192.168.1.34",
            "127.0.0.1",
            "169.254.10.2",
        ] {
            assert!(is_internal(ip.as_bytes()), "{ip}");
        }
        for ip in ["172.32.0.1", "86.44.217.103", "100.64.3.2", "192.169.1.1"]
        {
            assert!(!is_internal(ip.as_bytes()), "{ip}");
        }
    }

    #[test]
    fn vpn_label_on_the_same_line_only() {
        let hay = b"vpnIp: 10.8.3.41\nRequest VPN access\n10.8.3.52";
        assert!(vpn_label_before(hay, 7));
        assert!(!vpn_label_before(hay, hay.len() - 9));
    }
}
