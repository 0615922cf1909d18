//! IPv4 addresses kept only where they can stand for a person.
//!
//! An address from a private range (RFC 1918, loopback, link-local) is not
//! routable on the internet: in load-balancer, container, packet-capture
//! and event logs it names a server, a proxy or a pod far more often than
//! anyone's machine. It is a person's when the log ties it to one: a
//! login, e-mail, name or device (MAC) address beside it on the same line
//! (`10.1.4.22 - jbauer [...]`, `DHCPACK on 192.168.10.57 to
//! 3c:22:fb:12:9a:01`), or a VPN address handed to a user (`vpnIp:
//! 10.8.3.41`); so is the same address anywhere else in the chunk. Other
//! private addresses are dropped, as are networks in CIDR notation
//! (`131.203.112.0/24`, host bits zero); public hosts are left alone.

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

/// Drop the matches in `matches[from..]` that are IPv4 networks, or
/// private IPv4 addresses with no person beside them. `matches` is in file
/// order.
pub(crate) fn drop_unowned(
    rules: &[Rule],
    hay: &[u8],
    matches: &mut Vec<Match>,
    from: usize,
) {
    let scope_of = |m: &Match| {
        if rules[m.rule].kind.id == "ipv4" {
            scope(hay, &m.span)
        } else {
            Scope::Public
        }
    };
    let chunk = &matches[from..];
    let scopes: Vec<Scope> = chunk.iter().map(scope_of).collect();
    if scopes.iter().all(|&s| s == Scope::Public) {
        return;
    }
    let owned_here: Vec<bool> = (0..chunk.len())
        .map(|k| scopes[k] == Scope::Internal && owned(rules, hay, chunk, k))
        .collect();
    // An address shown to be someone's once is theirs wherever it recurs
    // (`DHCPINFORM from 192.168.10.57 via eth1` after its lease).
    let owned_values: Vec<&[u8]> = chunk
        .iter()
        .zip(&owned_here)
        .filter(|(_, &owned)| owned)
        .map(|(m, _)| &hay[m.span.clone()])
        .collect();
    let keep: Vec<bool> = (0..chunk.len())
        .map(|k| match scopes[k] {
            Scope::Public => true,
            Scope::Network => false,
            Scope::Internal => {
                owned_here[k]
                    || owned_values.contains(&&hay[chunk[k].span.clone()])
            }
        })
        .collect();
    let mut flags = keep.into_iter();
    let mut index = 0;
    matches.retain(|_| {
        index += 1;
        index <= from || flags.next().unwrap_or(true)
    });
}

/// Whose an IPv4 match can be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scope {
    /// Routable: left to the rules.
    Public,
    /// Private, loopback or link-local: a person's only when tied to one.
    Internal,
    /// A network in CIDR notation (`131.203.112.0/24`): no one host.
    Network,
}

fn scope(hay: &[u8], span: &Range<usize>) -> Scope {
    let Some(ip) = std::str::from_utf8(&hay[span.clone()])
        .ok()
        .and_then(|s| s.parse::<Ipv4Addr>().ok())
    else {
        return Scope::Public;
    };
    if let Some(prefix) = cidr_prefix(&hay[span.end..]) {
        let host_bits = u32::MAX.checked_shr(prefix).unwrap_or(0);
        if prefix <= 30 && u32::from(ip) & host_bits == 0 {
            return Scope::Network;
        }
    }
    // A carrier's shared address space (100.64.0.0/10, RFC 6598) stays
    // public: the carrier maps each address to one subscriber.
    if ip.is_private() || ip.is_loopback() || ip.is_link_local() {
        Scope::Internal
    } else {
        Scope::Public
    }
}

/// The prefix length of a `/NN` right after an address.
fn cidr_prefix(rest: &[u8]) -> Option<u32> {
    let digits = rest.strip_prefix(b"/")?;
    let len = digits.iter().take(3).take_while(|b| b.is_ascii_digit()).count();
    if !(1..=2).contains(&len) {
        return None;
    }
    std::str::from_utf8(&digits[..len]).ok()?.parse().ok()
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

    fn scope_of(text: &str) -> Scope {
        let end = text.find('/').unwrap_or(text.len());
        scope(text.as_bytes(), &(0..end))
    }

    #[test]
    fn internal_ranges() {
        for ip in [
            "10.0.12.44",
            "172.20.0.1",
            "192.168.1.34",
            "127.0.0.1",
            "169.254.10.2",
            "10.10.5.23/51544",
        ] {
            assert_eq!(scope_of(ip), Scope::Internal, "{ip}");
        }
        for ip in ["172.32.0.1", "86.44.217.103", "100.64.3.2", "192.169.1.1"]
        {
            assert_eq!(scope_of(ip), Scope::Public, "{ip}");
        }
    }

    #[test]
    fn networks_in_cidr_notation() {
        for net in
            ["131.203.112.0/24", "10.8.0.0/16", "81.145.62.0/27", "0.0.0.0/0"]
        {
            assert_eq!(scope_of(net), Scope::Network, "{net}");
        }
        // A host with its prefix, a single address, a port.
        for host in
            ["86.12.144.203/32", "81.2.69.161/29", "62.46.181.203/52210"]
        {
            assert_eq!(scope_of(host), Scope::Public, "{host}");
        }
    }

    #[test]
    fn vpn_label_on_the_same_line_only() {
        let hay = b"vpnIp: 10.8.3.41\nRequest VPN access\n10.8.3.52";
        assert!(vpn_label_before(hay, 7));
        assert!(!vpn_label_before(hay, hay.len() - 9));
    }
}
