//! Replacement styles: what a redacted value becomes.
//!
//! - `tag` (default): `[EMAIL]`, `[US_SSN]`: the kind in capitals;
//! - `mask`: one `*` per letter or digit, separators kept
//!   (`***-**-****`); with `keep_last`, cards and phones keep that many
//!   trailing digits (at most half of their digits);
//! - `hash`: `[EMAIL:5f2c9a1b]`, the first 8 hex digits of HMAC-SHA256 of
//!   the normalized value under the user's key, so the same value gets the
//!   same token in every file and run with that key;
//! - `fake`: a realistic value that still parses ([`super::fake`]).
//!
//! Every replacement is chosen so that scanning it again finds nothing
//! (tags, masks and hash tokens match no rule) or only values flagged
//! synthetic (fakes). This module never writes a raw value, never hashes
//! without a key, and never decides *where* to replace: it only answers
//! "what replaces this value".

use std::borrow::Cow;
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::catalog::Rule;

use super::fake;
use super::key::Key;

/// How a value is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `[KIND]`.
    Tag,
    /// `*` for letters and digits, separators kept.
    Mask,
    /// `[KIND:hmac8]`, keyed.
    Hash,
    /// A realistic synthetic value of the same kind.
    Fake,
}

impl Style {
    /// Every style, in the order the CLI lists them.
    pub const ALL: [Style; 4] =
        [Style::Tag, Style::Mask, Style::Hash, Style::Fake];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Style::Tag => "tag",
            Style::Mask => "mask",
            Style::Hash => "hash",
            Style::Fake => "fake",
        }
    }

    /// Parse a style name.
    pub fn parse(s: &str) -> Option<Style> {
        Style::ALL.into_iter().find(|st| st.name() == s)
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which style each kind gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StylePlan {
    /// Style of every kind not listed in `per_kind`.
    pub default: Style,
    /// Overrides by kind id (`--style-for KIND=STYLE`); the last one for a
    /// kind wins.
    pub per_kind: Vec<(String, Style)>,
    /// `mask` only: trailing digits kept for cards and phones.
    pub keep_last: usize,
}

impl Default for StylePlan {
    fn default() -> Self {
        StylePlan { default: Style::Tag, per_kind: Vec::new(), keep_last: 0 }
    }
}

impl StylePlan {
    /// The style for `kind`.
    pub fn style_for(&self, kind: &str) -> Style {
        self.per_kind
            .iter()
            .rev()
            .find(|(k, _)| k == kind)
            .map_or(self.default, |(_, s)| *s)
    }

    /// Whether any kind may get `style`.
    pub fn uses(&self, style: Style) -> bool {
        self.default == style || self.per_kind.iter().any(|(_, s)| *s == style)
    }
}

/// A style that cannot be used as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleError(pub String);

impl fmt::Display for StyleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StyleError {}

/// Writes replacement text: a [`StylePlan`] plus the key it needs.
#[derive(Debug, Clone)]
pub struct Replacer {
    plan: StylePlan,
    key: Option<Key>,
}

impl Replacer {
    /// A replacer for `plan`. The `hash` style needs `key` (there is no
    /// unkeyed hash); `fake` uses `key` when given, so its values are
    /// repeatable, and a random per-run key otherwise.
    pub fn new(
        plan: StylePlan,
        key: Option<Key>,
    ) -> Result<Replacer, StyleError> {
        if plan.uses(Style::Hash) && key.is_none() {
            return Err(StyleError(
                "the hash style needs a key: --key-file FILE with at least 16 \
                 secret bytes (an unkeyed hash of a phone number or an SSN \
                 can be reversed by trying every value)"
                    .into(),
            ));
        }
        if plan.keep_last > 0 && !plan.uses(Style::Mask) {
            return Err(StyleError(
                "--keep-last applies to the mask style only".into(),
            ));
        }
        let key = match key {
            Some(k) => Some(k),
            None if plan.uses(Style::Fake) => {
                Some(Key::random().map_err(|e| {
                    StyleError(format!("cannot draw a random key: {e}"))
                })?)
            }
            None => None,
        };
        Ok(Replacer { plan, key })
    }

    /// The plan this replacer follows.
    pub fn plan(&self) -> &StylePlan {
        &self.plan
    }

    /// The style for `kind`.
    pub fn style_for(&self, kind: &str) -> Style {
        self.plan.style_for(kind)
    }

    /// Append what replaces `value`, a match of `rule`, in `style`.
    pub fn write(
        &self,
        style: Style,
        rule: &Rule,
        value: &[u8],
        out: &mut Vec<u8>,
    ) {
        let kind = rule.kind.id;
        match style {
            Style::Tag => tag(kind, out),
            Style::Mask => mask(kind, value, self.plan.keep_last, out),
            Style::Hash => {
                let key = self.key.as_ref().expect("checked in Replacer::new");
                hash(key, kind, value, out);
            }
            Style::Fake => {
                let key = self.key.as_ref().expect("checked in Replacer::new");
                if !fake::write(key, rule, value, out) {
                    tag(kind, out);
                }
            }
        }
    }
}

/// `[KIND]`.
pub fn tag(kind: &str, out: &mut Vec<u8>) {
    out.push(b'[');
    out.extend(kind.bytes().map(|b| b.to_ascii_uppercase()));
    out.push(b']');
}

/// `[KIND:xxxxxxxx]`: the first 8 hex digits of HMAC-SHA256(key,
/// normalized value).
pub fn hash(key: &Key, kind: &str, value: &[u8], out: &mut Vec<u8>) {
    let mac = key.mac(&[&normalized(kind, value)]);
    out.push(b'[');
    out.extend(kind.bytes().map(|b| b.to_ascii_uppercase()));
    out.push(b':');
    out.extend_from_slice(hex::encode(&mac[..4]).as_bytes());
    out.push(b']');
}

/// Letters and digits become `*`; other characters are kept; bytes that
/// are not UTF-8 become `*` each. For cards and phones the last
/// `keep_last` digits stay, but never more than half of the digits.
pub fn mask(kind: &str, value: &[u8], keep_last: usize, out: &mut Vec<u8>) {
    let digits = value.iter().filter(|b| b.is_ascii_digit()).count();
    let keep = match kind {
        "credit_card" | "phone" => keep_last.min(digits / 2),
        _ => 0,
    };
    let mut seen = 0;
    let mut buf = [0u8; 4];
    for chunk in value.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_ascii_digit() {
                seen += 1;
                out.push(if seen > digits - keep { c as u8 } else { b'*' });
            } else if c.is_alphanumeric() {
                out.push(b'*');
            } else {
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        out.extend(chunk.invalid().iter().map(|_| b'*'));
    }
}

/// The value as hashed: one spelling per real-world value, so the same
/// person gets the same token however the value was written.
///
/// Emails are lowercased; IP addresses take their canonical form; MAC
/// addresses keep lowercase hex digits; ids made of letters and digits
/// keep both, uppercased; phones, cards and numeric ids keep digits only;
/// anything else is hashed as written.
pub fn normalized<'v>(kind: &str, value: &'v [u8]) -> Cow<'v, [u8]> {
    let text = std::str::from_utf8(value).ok();
    match kind {
        "email" => Cow::Owned(value.to_ascii_lowercase()),
        "ipv4" => match text.and_then(|s| s.parse::<Ipv4Addr>().ok()) {
            Some(ip) => Cow::Owned(ip.to_string().into_bytes()),
            None => Cow::Borrowed(value),
        },
        "ipv6" => match text
            .map(|s| s.trim_start_matches('[').trim_end_matches(']'))
            .and_then(|s| s.parse::<Ipv6Addr>().ok())
        {
            Some(ip) => Cow::Owned(ip.to_string().into_bytes()),
            None => Cow::Borrowed(value),
        },
        "mac_address" => Cow::Owned(
            value
                .iter()
                .filter(|b| b.is_ascii_hexdigit())
                .map(u8::to_ascii_lowercase)
                .collect(),
        ),
        "iban" | "uk_nino" | "es_dni" | "es_nie" | "in_pan"
        | "it_fiscal_code" | "us_passport" | "fr_nir" | "cn_resident_id" => {
            Cow::Owned(
                value
                    .iter()
                    .filter(|b| b.is_ascii_alphanumeric())
                    .map(u8::to_ascii_uppercase)
                    .collect(),
            )
        }
        "phone" | "credit_card" | "us_ssn" | "us_itin" | "uk_nhs"
        | "ca_sin" | "de_tax_id" | "nl_bsn" | "pl_pesel" | "br_cpf"
        | "in_aadhaar" | "au_tfn" | "us_bank_routing" => Cow::Owned(
            value.iter().copied().filter(u8::is_ascii_digit).collect(),
        ),
        _ => Cow::Borrowed(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(kind: &str, v: &str, keep: usize) -> String {
        let mut out = Vec::new();
        mask(kind, v.as_bytes(), keep, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn masks_keep_separators_and_length() {
        assert_eq!(masked("us_ssn", "123-45-6789", 0), "***-**-****");
        assert_eq!(masked("us_ssn", "123-45-6789", 4), "***-**-****");
        assert_eq!(
            masked("credit_card", "4111 1111 1111 1111", 4),
            "**** **** **** 1111"
        );
        assert_eq!(
            masked("phone", "+1 (415) 555-0100", 4),
            "+* (***) ***-0100"
        );
        assert_eq!(masked("phone", "555-0100", 6), "***-*100");
        assert_eq!(masked("email", "jo@x.io", 0), "**@*.**");
        assert_eq!(masked("person_name", "José Ñ", 0), "**** *");
        let mut out = Vec::new();
        mask("username", b"a\xffb", 0, &mut out);
        assert_eq!(out, b"***");
    }

    #[test]
    fn tags_and_hashes() {
        let mut out = Vec::new();
        tag("us_ssn", &mut out);
        assert_eq!(out, b"[US_SSN]");
        let key = Key::from_bytes(b"0123456789abcdef".to_vec()).unwrap();
        let mut a = Vec::new();
        hash(&key, "email", b"Jane@Example.COM", &mut a);
        let mut b = Vec::new();
        hash(&key, "email", b"jane@example.com", &mut b);
        assert_eq!(a, b);
        assert!(a.starts_with(b"[EMAIL:") && a.len() == 16, "{a:?}");
        let mut c = Vec::new();
        hash(&key, "phone", b"(415) 555-0100", &mut c);
        let mut d = Vec::new();
        hash(&key, "phone", b"415.555.0100", &mut d);
        assert_eq!(c, d);
    }

    #[test]
    fn plan_picks_the_last_override() {
        let plan = StylePlan {
            default: Style::Tag,
            per_kind: vec![
                ("email".into(), Style::Mask),
                ("email".into(), Style::Hash),
            ],
            keep_last: 0,
        };
        assert_eq!(plan.style_for("email"), Style::Hash);
        assert_eq!(plan.style_for("phone"), Style::Tag);
        assert!(plan.uses(Style::Hash));
        assert!(Replacer::new(plan, None).is_err());
    }

    #[test]
    fn normalization() {
        assert_eq!(&*normalized("ipv6", b"2001:DB8:0:0::1"), b"2001:db8::1");
        assert_eq!(&*normalized("iban", b"de89 3704"), b"DE893704");
        assert_eq!(&*normalized("us_ssn", b"123-45-6789"), b"123456789");
        assert_eq!(&*normalized("jwt", b"eyJ.A"), b"eyJ.A");
    }
}
