//! Values read after words that one multi-literal search finds: the
//! accounts of a Linux audit record (`ausearch -i`: `auid=jmorvan`), a
//! z/OS job log's user ids (`IRR010I  USERID PAOJDH`, `NOTIFY=PAOJDH`), a
//! kintone user's login (`"type": "USER_SELECT", "value": [{"code":
//! "k.fujii"`), a photo's GPS position in `exiftool` output
//! (`GPSLatitude : 51.0877123`) and a Canadian street before its city
//! quadrant (`2216 26 Ave SW`), the account of a remote copy's or
//! shell's target (`scp export.csv jmorvan@86.246.118.27:/home/julien/`),
//! a MikroTik router's accounts (its prompt `[ekaya@MTK-Heim] > `, its
//! hotspot log `hotspot,account,info,debug lhofbauer (10.88.1.23):
//! logged in`) and a caller's display name before their number (`from
//! "HOLBROOK WANDA" <+18597441236>`).
//!
//! As regexes they cost the lockstep automata some 6%
//! of a dense log's instructions (their states multiply with every other
//! rule's); one Aho-Corasick pass over the haystack costs a fraction of
//! that. Each value still has to match its rule's regex whole and pass
//! its validator.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::gazetteer::{self, Gazetteer};
use super::records::{self, Emit};

records::roles! {
    /// What a value after a marker is reported as.
    enum Role {
        /// An account of a Linux audit record, or one `ausearch` was
        /// asked about.
        AuditAccount => "username-linux-audit",
        /// A z/OS user id.
        ZosUser => "username-zos",
        /// A kintone user's login.
        KintoneUser => "username-kintone-user",
        /// A GPS position in `exiftool` output.
        ExifGps => "geo-exif-gps",
        /// A Canadian street before its quadrant.
        QuadrantStreet => "street-address-quadrant-ca",
        /// The account of an `ssh`, `scp`, `sftp` or `rsync` target.
        RemoteLogin => "username-remote-target",
        /// A MikroTik RouterOS account: its prompt, its hotspot and
        /// login log lines.
        RouterOsUser => "username-routeros",
        /// A caller's display name before their number or SIP address.
        CallerName => "person-name-caller-id",
    }
}

/// The words searched for, in the order [`MarkedValues::scan`] reads
/// their indexes.
const MARKERS: &[&str] = &[
    "msg=audit(",
    "ausearch ",
    "IRR010I",
    "ICH70001I",
    "NOTIFY=",
    "USER=",
    "   USER ",
    "USER_SELECT\"",
    "CREATOR\"",
    "MODIFIER\"",
    "STATUS_ASSIGNEE\"",
    "GPS",
    " NW",
    " NE",
    " SW",
    " SE",
    "scp ",
    "ssh ",
    "sftp ",
    "rsync ",
    "] > ",
    "hotspot,",
    ",account user ",
    "\" <+",
    "\" <sip:",
    "\" <tel:",
];

/// A street before its quadrant, ending where the quadrant does.
const QUADRANT_STREET: &str = r"\b\d{1,5} (?:\d{1,3}(?:st|nd|rd|th)? (?:Avenue|Ave|Street|St)|(?:[A-Z][a-z]+ ){1,3}(?:Common|Manor|Gate|Heights|Rise|Landing|Bay|Green|Point|Park|Mews|Close|Crescent|Circle|Court|Place|Way|Drive|Road|Boulevard|Terrace|Link|View|Hill|Grove|Street|Avenue|Ave|St|Dr|Rd|Blvd)) (?:NW|NE|SW|SE)\z";

/// Longest display name read back from a caller's number.
const MAX_CALLER_NAME: usize = 64;

/// Longest street read back from a quadrant.
const MAX_QUADRANT_STREET: usize = 80;

/// The keys of an audit record naming an account.
const AUDIT_KEYS: &[&[u8]] =
    &[b"auid", b"uid", b"euid", b"suid", b"fsuid", b"ouid", b"acct"];

/// `exiftool`'s GPS tags holding a position, with `-s` (run together) or
/// without.
const GPS_TAGS: &[&[u8]] = &[
    b"Latitude",
    b"Longitude",
    b"Position",
    b"DestLatitude",
    b"DestLongitude",
    b"Dest Latitude",
    b"Dest Longitude",
];

/// Finds the markers.
pub(crate) struct MarkedValues {
    markers: AhoCorasick,
    /// A street ending at its quadrant, read back from the quadrant.
    quadrant_street: regex::bytes::Regex,
}

impl MarkedValues {
    pub(crate) fn new() -> MarkedValues {
        let markers = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(MARKERS)
            .expect("the markers build an automaton");
        let quadrant_street = regex::bytes::Regex::new(QUADRANT_STREET)
            .expect("the quadrant street's regex compiles");
        MarkedValues { markers, quadrant_street }
    }

    /// The street ending at the quadrant that ends at `end` (`2216 26 Ave
    /// SW`), if a street's shape stands before it on its line.
    fn street_before(&self, hay: &[u8], end: usize) -> Option<Range<usize>> {
        if hay.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        let from = end.saturating_sub(MAX_QUADRANT_STREET);
        let from = memchr::memrchr(b'\n', &hay[from..end])
            .map_or(from, |i| from + i + 1);
        self.quadrant_street
            .find(&hay[from..end])
            .map(|m| from + m.start()..from + m.end())
    }

    /// Report the values after the markers starting in `body` through
    /// `emit` (the caller sorts them).
    pub(crate) fn scan(
        &self,
        emit: &mut Emit<Role>,
        hay: &[u8],
        body: Range<usize>,
    ) {
        for m in self.markers.find_iter(&hay[body.clone()]) {
            let (at, end) = (body.start + m.start(), body.start + m.end());
            let line_end = memchr::memchr(b'\n', &hay[end..])
                .map_or(hay.len(), |i| end + i);
            let line = end..line_end;
            match m.pattern().as_usize() {
                0 => audit_accounts(hay, line, emit),
                1 => ausearch_users(hay, line, emit),
                2 => {
                    let rest = skip_spaces(hay, end);
                    if hay[rest..].starts_with(b"USERID") {
                        let value = token(hay, skip_spaces(hay, rest + 6));
                        emit.value(Role::ZosUser, value);
                    }
                }
                3 => emit
                    .value(Role::ZosUser, token(hay, skip_spaces(hay, end))),
                4 | 5 => {
                    if at > 0 && matches!(hay[at - 1], b',' | b'(' | b' ') {
                        emit.value(Role::ZosUser, token(hay, end));
                    }
                }
                6 => {
                    // A report header's last word.
                    let value = token(hay, end);
                    if records::trimmed(hay, value.end..line_end).is_empty() {
                        emit.value(Role::ZosUser, value);
                    }
                }
                7..=10 => {
                    if let Some(value) = kintone_login(hay, end) {
                        emit.value(Role::KintoneUser, value);
                    }
                }
                11 => {
                    if let Some(value) = gps_position(hay, at, line) {
                        emit.value(Role::ExifGps, value);
                    }
                }
                12..=15 => {
                    if let Some(value) = self.street_before(hay, end) {
                        emit.value(Role::QuadrantStreet, value);
                    }
                }
                16..=19 => {
                    if at == 0 || !hay[at - 1].is_ascii_alphanumeric() {
                        remote_logins(hay, line, emit);
                    }
                }
                20 => {
                    if let Some(value) = routeros_prompt(hay, at) {
                        emit.value(Role::RouterOsUser, value);
                    }
                }
                21 => {
                    if let Some(value) = hotspot_user(hay, line) {
                        emit.value(Role::RouterOsUser, value);
                    }
                }
                23..=25 => {
                    if let Some(value) = caller_name(hay, at) {
                        emit.value(Role::CallerName, value);
                    }
                }
                _ => {
                    let value = token(hay, end);
                    let rest = &hay[value.end..line_end];
                    if rest.starts_with(b" logged in")
                        || rest.starts_with(b" logged out")
                    {
                        emit.value(Role::RouterOsUser, value);
                    }
                }
            }
        }
    }
}

/// The first byte at or after `at` that is no space.
fn skip_spaces(hay: &[u8], mut at: usize) -> usize {
    while hay.get(at) == Some(&b' ') {
        at += 1;
    }
    at
}

/// The word starting at `at`: up to a space, a comma, a quote, a
/// parenthesis or the line's end.
fn token(hay: &[u8], at: usize) -> Range<usize> {
    let at = at.min(hay.len());
    let len = hay[at..]
        .iter()
        .position(|b| {
            matches!(b, b' ' | b',' | b')' | b'\'' | b'"' | b'\r' | b'\n')
        })
        .unwrap_or(hay.len() - at);
    at..at + len
}

/// The accounts of the audit record on `line`: `auid=`, `uid=`, ...
/// (quoted or not), and the `id=` of a login's message.
fn audit_accounts(hay: &[u8], line: Range<usize>, emit: &mut Emit<Role>) {
    let mut at = line.start;
    let mut login = false;
    while at < line.end {
        let end = hay[at..line.end]
            .iter()
            .position(|&b| b == b' ' || b == b'\'')
            .map_or(line.end, |i| at + i);
        let word = &hay[at..end];
        if let Some(eq) = memchr::memchr(b'=', word) {
            let key = &word[..eq];
            let mut value = at + eq + 1..end;
            if hay[value.clone()].starts_with(b"\"")
                && hay[value.clone()].ends_with(b"\"")
                && value.len() >= 2
            {
                value = value.start + 1..value.end - 1;
            }
            if AUDIT_KEYS.contains(&key) || (key == b"id" && login) {
                emit.value(Role::AuditAccount, value);
            }
            login = key == b"op" && &word[eq + 1..] == b"login";
        }
        at = end + 1;
    }
}

/// The accounts of the remote targets on the rest of an `ssh`, `scp`,
/// `sftp` or `rsync` command line: `jmorvan@86.246.118.27:/home/...`,
/// `ssh deploy@web01` (each word with one `@`, a host after it that is
/// no e-mail domain's: an IP address, or followed by `:` or nothing).
fn remote_logins(hay: &[u8], line: Range<usize>, emit: &mut Emit<Role>) {
    let mut at = line.start;
    while at < line.end {
        let end = memchr::memchr(b' ', &hay[at..line.end])
            .map_or(line.end, |i| at + i);
        let word = &hay[at..end];
        if let Some(sign) = memchr::memchr(b'@', word) {
            let host = &word[sign + 1..];
            let host = host.split(|&b| b == b':').next().unwrap_or(host);
            let ip = host.iter().all(|b| b.is_ascii_digit() || *b == b'.')
                && host.iter().filter(|&&b| b == b'.').count() == 3;
            let target =
                word.len() > sign + 1 + host.len() || !host.contains(&b'.');
            if sign > 0 && !host.is_empty() && (ip || target) {
                emit.value(Role::RemoteLogin, at..at + sign);
            }
        }
        at = end + 1;
    }
}

/// The account of a RouterOS prompt ending at the `] > ` at `at`:
/// `[ekaya@MTK-Heim-Margareten] > /ip hotspot user print`, the line's
/// first word.
fn routeros_prompt(hay: &[u8], at: usize) -> Option<Range<usize>> {
    let start = memchr::memrchr(b'\n', &hay[..at]).map_or(0, |i| i + 1);
    let prompt = hay.get(start..at)?.strip_prefix(b"[")?;
    let sign = memchr::memchr(b'@', prompt)?;
    let identity = &prompt[sign + 1..];
    let plain = |b: &u8| !matches!(b, b' ' | b'@' | b'[' | b']');
    let login = &prompt[..sign];
    (!login.is_empty()
        && !identity.is_empty()
        && login.iter().chain(identity).all(plain))
    .then_some(start + 1..start + 1 + sign)
}

/// The account of a RouterOS hotspot log line after its topics
/// (`hotspot,account,info,debug lhofbauer (10.88.1.23): logged in`): the
/// word before the client's address in parentheses.
fn hotspot_user(hay: &[u8], line: Range<usize>) -> Option<Range<usize>> {
    let topics_end = memchr::memchr(b' ', &hay[line.clone()])?;
    let value = token(hay, line.start + topics_end + 1);
    let rest = hay[value.end..line.end].strip_prefix(b" (")?;
    let close = memchr::memchr(b')', rest)?;
    let address = &rest[..close];
    let ip = !address.is_empty()
        && address.iter().all(|b| b.is_ascii_hexdigit() || b".:".contains(b));
    (ip && rest[close..].starts_with(b"):")).then_some(value)
}

/// The quoted display name ending at the `"` at `at`, before a caller's
/// number or SIP address (`from "HOLBROOK WANDA" <+18597441236>`): two
/// to four words, one of them a known given name or surname and none a
/// word that is never a name's (`"WIRELESS CALLER"`, `"Support Desk"`).
fn caller_name(hay: &[u8], at: usize) -> Option<Range<usize>> {
    let from = at.saturating_sub(MAX_CALLER_NAME);
    let open = from + memchr::memrchr2(b'"', b'\n', &hay[from..at])? + 1;
    if hay[open - 1] != b'"' {
        return None;
    }
    let value = &hay[open..at];
    let words: Vec<&[u8]> = value.split(|&b| b == b' ').collect();
    let shaped = words.iter().all(|w| {
        !w.is_empty()
            && w.iter().all(|&b| {
                b.is_ascii_alphabetic() || b >= 0x80 || b"-'.".contains(&b)
            })
    });
    let names = Gazetteer::builtin();
    let known = words.iter().any(|w| {
        names.flags(w) & (gazetteer::GIVEN | gazetteer::SURNAME) != 0
    });
    let stop = words.iter().any(|w| names.flags(w) & gazetteer::STOP != 0);
    ((2..=4).contains(&words.len()) && shaped && known && !stop)
        .then_some(open..at)
}

/// The users an `ausearch -ua USER` command line on `line` asks about.
fn ausearch_users(hay: &[u8], line: Range<usize>, emit: &mut Emit<Role>) {
    let text = &hay[line.clone()];
    for flag in memchr::memmem::find_iter(text, b" -ua ") {
        let value = token(hay, line.start + flag + 5);
        emit.value(Role::AuditAccount, value);
    }
}

/// The login after a kintone user field's type at `at` (after its
/// closing quote): `, "value": [ { "code": "LOGIN"`.
fn kintone_login(hay: &[u8], at: usize) -> Option<Range<usize>> {
    let mut i = at;
    for piece in
        [&b","[..], b"\"value\"", b":", b"[", b"{", b"\"code\"", b":", b"\""]
    {
        while hay.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if piece == b"[" {
            // A creator or modifier holds one user, not an array.
            if hay.get(i) == Some(&b'[') {
                i += 1;
            }
            continue;
        }
        if !hay[i..].starts_with(piece) {
            return None;
        }
        i += piece.len();
    }
    let len = memchr::memchr(b'"', &hay[i..hay.len().min(i + 64)])?;
    Some(i..i + len)
}

/// The position after the `GPS` at `at` on `line` (from the marker's end)
/// if it opens one of [`GPS_TAGS`]: `GPSLatitude      : 51.0877123`,
/// `GPS Position    : 51 deg 5' 15.76" N, 114 deg 11' 21.20" W`.
fn gps_position(
    hay: &[u8],
    at: usize,
    line: Range<usize>,
) -> Option<Range<usize>> {
    if at > 0 && hay[at - 1].is_ascii_alphanumeric() {
        return None;
    }
    let mut i = line.start;
    if hay.get(i) == Some(&b' ') {
        i += 1;
    }
    let tag = GPS_TAGS.iter().find(|t| hay[i..line.end].starts_with(t))?;
    i += tag.len();
    i = skip_spaces(hay, i);
    if hay.get(i) != Some(&b':') {
        return None;
    }
    let value = records::trimmed(hay, i + 1..line.end);
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kintone_logins_and_gps_positions() {
        let user = br#""type": "USER_SELECT", "value": [ { "code": "k.fujii", "name": "x" } ]"#;
        let at = user.iter().position(|&b| b == b',').unwrap();
        assert_eq!(
            kintone_login(user, at).map(|r| &user[r]),
            Some(&b"k.fujii"[..])
        );
        let exif =
            b"[GPS]           GPSLatitude                     : 51.0877123\n";
        let at = 16;
        let line = at + 3..exif.len() - 1;
        assert_eq!(
            gps_position(exif, at, line).map(|r| &exif[r]),
            Some(&b"51.0877123"[..])
        );
        // The latitude's reference letter is no position.
        let reference = b"GPSLatitudeRef : N\n";
        assert_eq!(gps_position(reference, 0, 3..reference.len() - 1), None);
    }
}
