//! Desk phones' MAC addresses naming their provisioning files: Yealink,
//! Polycom, snom and Gigaset phones fetch `/<mac>.cfg` (`GET
//! /cfg/805ec03a71d4.cfg`), Cisco's `SEP<mac>.cnf.xml`. Twelve bare hex
//! digits are everywhere (hashes, ids); as the name of a phone's
//! configuration file they are its MAC address.
//!
//! A byte search for the file's extension finds them: as a regex, every
//! `/` of a log could start twelve hex digits, which cost the automata
//! more than the three searches here.

use std::ops::Range;

use memchr::memmem::Finder;

use super::fields::FieldRule;
use super::Match;

/// The extensions of a provisioning file, searched for; `.cnf.xml` and
/// `-phone.cfg` end with two of them.
const EXTENSIONS: &[&str] = &[".cfg", ".xml", ".boot"];

/// Finds the MAC addresses of provisioning files under one catalog rule.
pub(crate) struct ProvisioningMacs {
    rule: FieldRule,
    finders: Vec<Finder<'static>>,
}

impl ProvisioningMacs {
    /// Report under `rule` (its validator judges the twelve digits).
    pub(crate) fn new(rule: FieldRule) -> ProvisioningMacs {
        let finders =
            EXTENSIONS.iter().map(|e| Finder::new(e.as_bytes())).collect();
        ProvisioningMacs { rule, finders }
    }

    /// Append the addresses starting in `body` to `out` (the caller
    /// sorts them).
    pub(crate) fn scan(
        &self,
        hay: &[u8],
        body: Range<usize>,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        if self.rule.confidence < min_confidence {
            return;
        }
        for (finder, extension) in self.finders.iter().zip(EXTENSIONS) {
            for at in finder.find_iter(&hay[body.clone()]) {
                let dot = body.start + at;
                if hay
                    .get(dot + extension.len())
                    .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    continue;
                }
                let Some(mac) = mac_before(hay, dot, extension) else {
                    continue;
                };
                if self.rule.accepts(&hay[mac.clone()]) {
                    out.push(self.rule.finding(mac));
                }
            }
        }
    }
}

/// The twelve hex digits of the file name ending where `extension` starts
/// at `dot`, after `/` or `SEP` (`-phone` and `.cnf` may stand between).
fn mac_before(
    hay: &[u8],
    dot: usize,
    extension: &str,
) -> Option<Range<usize>> {
    let before = &hay[..dot];
    let end = if extension == ".cfg" && before.ends_with(b"-phone") {
        dot - "-phone".len()
    } else if extension == ".xml" && before.ends_with(b".cnf") {
        dot - ".cnf".len()
    } else {
        dot
    };
    let start = end.checked_sub(12)?;
    if !hay[start..end].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let opens = start > 0 && hay[start - 1] == b'/'
        || hay[..start].ends_with(b"SEP")
            && (start == 3 || !hay[start - 4].is_ascii_alphanumeric());
    opens.then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::mac_before;

    fn mac(text: &str, extension: &str) -> Option<String> {
        let dot = text.rfind(extension)?;
        mac_before(text.as_bytes(), dot, extension)
            .map(|r| text[r].to_string())
    }

    #[test]
    fn file_names_of_provisioning_files() {
        assert_eq!(
            mac("GET /cfg/805ec03a71d4.cfg", ".cfg").as_deref(),
            Some("805ec03a71d4")
        );
        assert_eq!(
            mac("TFTP read SEP00562B0F1A7C.cnf.xml", ".xml").as_deref(),
            Some("00562B0F1A7C")
        );
        assert_eq!(
            mac("GET /0004f2a1b2c3-phone.cfg", ".cfg").as_deref(),
            Some("0004f2a1b2c3")
        );
        // Not after a slash or `SEP`; thirteen digits; a word ending SEP.
        assert_eq!(mac("x805ec03a71d4.cfg", ".cfg"), None);
        assert_eq!(mac("/a805ec03a71d4.cfg", ".cfg"), None);
        assert_eq!(mac("USEP00562B0F1A7C.cnf.xml", ".xml"), None);
    }
}
