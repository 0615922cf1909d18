//! Taxpayer ids in the TIN elements of the OECD's and the EU's tax
//! reporting schemas (DAC7 platform reports, DAC6, CRS, FATCA):
//! `<dpi:TIN issuedBy="NL">273619044</dpi:TIN>`. The element says which
//! country issued the number, so the number needs no other context: a
//! Dutch one is a BSN, a Polish one a PESEL, a Canadian one a SIN, a
//! Brazilian one a CPF, an Australian one a TFN (each still checked by its
//! rule's validator).
//!
//! One byte search for `issuedBy="` finds them: as regexes led by the
//! element's name, the five cost the automata more than this.

use std::ops::Range;

use memchr::memmem::Finder;

use super::records::{self, Emit};

records::roles! {
    /// What the number of a TIN element is reported as.
    enum Role {
        /// Issued by the Netherlands.
        Bsn => "nl-bsn-tin-issued",
        /// Issued by Poland.
        Pesel => "pl-pesel-tin-issued",
        /// Issued by Canada.
        Sin => "ca-sin-tin-issued",
        /// Issued by Brazil.
        Cpf => "br-cpf-tin-issued",
        /// Issued by Australia.
        Tfn => "au-tfn-tin-issued",
    }
}

/// The attribute naming the issuing country, with its opening quote.
const ISSUED_BY: &[u8] = b"issuedBy=\"";

/// Longest stretch read from the attribute to the element's text, and of
/// the text.
const MAX_TAG_REST: usize = 48;
const MAX_TIN: usize = 32;

/// Finds the numbers of TIN elements.
pub(crate) struct TinElements {
    finder: Finder<'static>,
}

impl TinElements {
    pub(crate) fn new() -> TinElements {
        TinElements { finder: Finder::new(ISSUED_BY) }
    }

    /// Report the numbers of the TIN elements whose attribute starts in
    /// `body` through `emit` (the caller sorts them).
    pub(crate) fn scan(
        &self,
        emit: &mut Emit<Role>,
        hay: &[u8],
        body: Range<usize>,
    ) {
        for at in self.finder.find_iter(&hay[body.clone()]) {
            let attribute = body.start + at;
            if let Some((role, number)) = tin_at(hay, attribute) {
                emit.value(role, number);
            }
        }
    }
}

/// The role and the number of the TIN element whose `issuedBy` attribute
/// starts at `attribute`, if the element is a TIN and its country one
/// read here.
fn tin_at(hay: &[u8], attribute: usize) -> Option<(Role, Range<usize>)> {
    if !hay[..attribute].ends_with(b"TIN ") {
        return None;
    }
    let country = attribute + ISSUED_BY.len();
    let role = match hay.get(country..country + 3)? {
        b"NL\"" => Role::Bsn,
        b"PL\"" => Role::Pesel,
        b"CA\"" => Role::Sin,
        b"BR\"" => Role::Cpf,
        b"AU\"" => Role::Tfn,
        _ => return None,
    };
    let rest = &hay[country + 3..hay.len().min(country + 3 + MAX_TAG_REST)];
    let start = country + 3 + memchr::memchr(b'>', rest)? + 1;
    let text = &hay[start..hay.len().min(start + MAX_TIN)];
    let end = start + memchr::memchr(b'<', text)?;
    Some((role, records::trimmed(hay, start..end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tin(text: &str) -> Option<(Role, String)> {
        let at = text.find("issuedBy")?;
        tin_at(text.as_bytes(), at).map(|(r, s)| (r, text[s].to_string()))
    }

    #[test]
    fn numbers_of_tin_elements_by_country() {
        assert_eq!(
            tin(r#"<dpi:TIN issuedBy="NL">273619044</dpi:TIN>"#),
            Some((Role::Bsn, "273619044".into()))
        );
        assert_eq!(
            tin(r#"<TIN issuedBy="PL" unknown="false"> 95040908209 </TIN>"#),
            Some((Role::Pesel, "95040908209".into()))
        );
        // Another country, another element.
        assert_eq!(
            tin(r#"<dpi:TIN issuedBy="DE">29164837020</dpi:TIN>"#),
            None
        );
        assert_eq!(tin(r#"<dpi:IN issuedBy="NL">NL123</dpi:IN>"#), None);
    }
}
