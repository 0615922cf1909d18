//! Every example of every built-in pattern file, through the full catalog.

use piiscan::catalog::Catalog;
use piiscan::engine::examples::check_examples;
use piiscan::engine::{Engine, EngineOptions};

#[test]
fn every_builtin_example_behaves_as_written() {
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
    let engine = Engine::new(&catalog, &EngineOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let failures = check_examples(&engine, |_| true);
    let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        report.join("\n")
    );
}

#[test]
fn every_kind_of_the_core_catalog_has_a_rule() {
    let catalog = Catalog::builtin().unwrap();
    let core = [
        "email",
        "phone",
        "ipv4",
        "ipv6",
        "mac_address",
        "credit_card",
        "iban",
        "us_bank_routing",
        "us_ssn",
        "us_itin",
        "us_passport",
        "uk_nino",
        "uk_nhs",
        "ca_sin",
        "fr_nir",
        "de_tax_id",
        "es_dni",
        "es_nie",
        "it_fiscal_code",
        "nl_bsn",
        "pl_pesel",
        "br_cpf",
        "in_aadhaar",
        "in_pan",
        "au_tfn",
        "cn_resident_id",
        "geo_coordinates",
        "date_of_birth",
        "jwt",
        "bearer_token",
        "aws_access_key",
        "url_credentials",
        "session_cookie",
    ];
    for kind in core {
        assert!(
            catalog.rules.iter().any(|r| r.kind.id == kind),
            "no rule for kind {kind}"
        );
    }
}

#[test]
fn a_rejected_candidate_does_not_hide_another_kind() {
    // A rule set where the higher-priority rule matches first and is
    // rejected by its validator: the other rule must still report.
    let text = r#"
schema = 1
family = "t"
[[rule]]
id = "t-card"
kind = "credit_card"
regex = '''\b\d{9}\b'''
validator = "luhn"
priority = 10
confidence = 0.9
  [[rule.positive]]
  text = "000000018"
  [[rule.positive]]
  text = "x 000000026 y"
  match = "000000026"
  [[rule.negative]]
  text = "000000019"
  [[rule.negative]]
  text = "none"
[[rule]]
id = "t-any9"
kind = "nl_bsn"
regex = '''\b\d{9}\b'''
confidence = 0.9
  [[rule.positive]]
  text = "000000019"
  [[rule.positive]]
  text = "123456780"
  [[rule.negative]]
  text = "12345678"
  [[rule.negative]]
  text = "1234567890"
"#;
    let mut catalog = Catalog::default();
    catalog.add_source("t.toml", text).unwrap();
    let engine = Engine::new(&catalog, &EngineOptions::default()).unwrap();
    let mut out = Vec::new();
    let hay = b"a 000000019 b";
    engine.scan(hay, 0..hay.len(), &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(engine.rules()[out[0].rule].id, "t-any9");
    assert_eq!(out[0].span, 2..11);
}

/// A built-in detector rule's regex is only the shape its values must
/// have and never goes into an automaton: one that does not compile would
/// let the detector report anything.
#[test]
fn every_builtin_regex_compiles_as_rules_are_compiled() {
    let catalog = Catalog::builtin().unwrap();
    for rule in &catalog.rules {
        if let Err(e) = piiscan::catalog::compile_single(&rule.regex) {
            panic!("rule {}: {e}", rule.id);
        }
    }
}
