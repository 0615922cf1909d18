//! The closed list of kind ids, their family and whether they are sensitive.
//!
//! Kind ids are a contract (DESIGN.md): never rename one. Pattern files may
//! only use kinds listed here, so a typo in a pattern file is a load error
//! instead of a silently new kind.

/// Static facts about one kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindInfo {
    /// Fixed snake_case id used in findings.
    pub id: &'static str,
    /// Family, as in a privacy statement's categories.
    pub family: &'static str,
    /// Government ids, financial data and credentials.
    pub sensitive: bool,
    /// One line for `piiscan patterns list`.
    pub description: &'static str,
}

const fn k(
    id: &'static str,
    family: &'static str,
    sensitive: bool,
    description: &'static str,
) -> KindInfo {
    KindInfo { id, family, sensitive, description }
}

/// Every kind piiscan knows, in display order.
pub const KINDS: &[KindInfo] = &[
    k("email", "contact", false, "Email address"),
    k("phone", "contact", false, "Telephone number"),
    k("person_name", "contact", false, "Person name"),
    k("street_address", "contact", false, "Postal street address"),
    k("postal_code", "contact", false, "Postal code"),
    k("date_of_birth", "contact", false, "Date of birth"),
    k("ipv4", "online", false, "IPv4 address"),
    k("ipv6", "online", false, "IPv6 address"),
    k("mac_address", "online", false, "MAC address"),
    k("username", "online", false, "User name or handle"),
    k("geo_coordinates", "online", false, "Latitude/longitude pair"),
    k("credit_card", "financial", true, "Payment card number"),
    k("iban", "financial", true, "International bank account number"),
    k("us_bank_routing", "financial", true, "US ABA routing number"),
    k("us_ssn", "government", true, "US Social Security number"),
    k("us_itin", "government", true, "US individual taxpayer id"),
    k("us_passport", "government", true, "US passport number"),
    k("uk_nino", "government", true, "UK National Insurance number"),
    k("uk_nhs", "government", true, "UK NHS number"),
    k("ca_sin", "government", true, "Canadian Social Insurance number"),
    k("fr_nir", "government", true, "French social security number"),
    k("de_tax_id", "government", true, "German tax id (Steuer-IdNr)"),
    k("es_dni", "government", true, "Spanish DNI"),
    k("es_nie", "government", true, "Spanish NIE"),
    k("it_fiscal_code", "government", true, "Italian codice fiscale"),
    k("nl_bsn", "government", true, "Dutch BSN"),
    k("pl_pesel", "government", true, "Polish PESEL"),
    k("br_cpf", "government", true, "Brazilian CPF"),
    k("in_aadhaar", "government", true, "Indian Aadhaar number"),
    k("in_pan", "government", true, "Indian PAN"),
    k("au_tfn", "government", true, "Australian tax file number"),
    k("cn_resident_id", "government", true, "Chinese resident id"),
    k("jwt", "credentials", true, "JSON Web Token"),
    k("bearer_token", "credentials", true, "HTTP bearer token"),
    k("aws_access_key", "credentials", true, "AWS access key id"),
    k("url_credentials", "credentials", true, "Password in a URL"),
    k("session_cookie", "credentials", true, "Session cookie value"),
];

/// Look up a kind by id.
pub fn lookup(id: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_snake_case() {
        for (i, a) in KINDS.iter().enumerate() {
            assert!(a.id.bytes().all(|b| b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || b == b'_'));
            assert!(KINDS[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
        }
        assert!(lookup("us_ssn").unwrap().sensitive);
        assert!(!lookup("email").unwrap().sensitive);
        assert!(lookup("nope").is_none());
    }
}
