//! Accuracy on hand-written hard cases (`tests/data/hard_cases/`,
//! `tests/data/domain_cases/`, `tests/data/enterprise_cases/`,
//! `tests/data/industry_cases/`, `tests/data/filings_cases/`,
//! `tests/data/systems_cases/`, `tests/data/exports_cases/`,
//! `tests/data/services_cases/`, `tests/data/workplace_cases/`,
//! `tests/data/registers_cases/`, `tests/data/community_cases/`,
//! `tests/data/archives_cases/`, `tests/data/declarations_cases/`,
//! `tests/data/journals_cases/`, `tests/data/dossiers_cases/`,
//! `tests/data/claims_cases/`, `tests/data/ledgers_cases/`,
//! `tests/data/rosters_cases/`, `tests/data/extracts_cases/`,
//! `tests/data/captures_cases/`), and a holdout set written the same way
//! (`tests/data/holdout_cases/`).
//!
//! The labelled corpus in `corpus/` comes from the same generator the
//! rules were tuned on, so it says little about data nobody planned for.
//! These documents were written by hand from real-world formats, with
//! every piece of personal data marked inline as `⟦kind:value⟧` (or
//! `⟦?kind:value⟧` where a scanner may go either way). The test strips the
//! markup, scans the plain files through the real binary and scores the
//! findings per kind, as `tests/accuracy.rs` does: a finding is right when
//! a marked value of the same kind overlaps it.
//!
//! `cargo test --test hard_cases -- --nocapture` prints the table and every
//! miss and false positive.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const OPEN: &str = "⟦";
const CLOSE: &str = "⟧";

/// A marked value or a finding: file name and byte span of the plain text.
#[derive(Debug, Clone)]
struct Span {
    file: String,
    start: usize,
    end: usize,
    kind: String,
    /// A finding inside a decoded member of the file (`x.eml!message`):
    /// its offsets are into the decoded text, so it is compared by value.
    member_value: Option<String>,
}

impl Span {
    /// The same value: overlapping spans of one file, or for a finding in
    /// a decoded member, a value holding the marked one or held in it.
    fn overlaps(&self, truth: &Span, docs: &[Document]) -> bool {
        if self.file != truth.file {
            return false;
        }
        match &self.member_value {
            None => self.start < truth.end && truth.start < self.end,
            Some(v) => {
                let marked = text_of(docs, truth);
                v.contains(&marked) || marked.contains(v.as_str())
            }
        }
    }
}

fn text_of(docs: &[Document], span: &Span) -> String {
    let doc = docs
        .iter()
        .find(|d| d.name == span.file)
        .unwrap_or_else(|| panic!("no document {}", span.file));
    String::from_utf8_lossy(&doc.plain[span.start..span.end]).into_owned()
}

/// A hand-written document with its markup removed.
struct Document {
    name: String,
    plain: Vec<u8>,
    truth: Vec<Span>,
    /// Values a scanner may report or not.
    either: Vec<Span>,
}

/// Remove the markup from `text`, recording each marked value's span.
fn strip(name: &str, text: &str) -> Result<Document, String> {
    let mut doc = Document {
        name: name.to_string(),
        plain: Vec::with_capacity(text.len()),
        truth: Vec::new(),
        either: Vec::new(),
    };
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        doc.plain.extend_from_slice(&rest.as_bytes()[..open]);
        let after = &rest[open + OPEN.len()..];
        let close = after
            .find(CLOSE)
            .ok_or_else(|| format!("{name}: unclosed {OPEN}"))?;
        let inner = &after[..close];
        let (optional, inner) = match inner.strip_prefix('?') {
            Some(inner) => (true, inner),
            None => (false, inner),
        };
        let (kind, value) = inner.split_once(':').ok_or_else(|| {
            format!("{name}: no kind in {OPEN}{inner}{CLOSE}")
        })?;
        if value.contains(OPEN) {
            return Err(format!("{name}: nested markup in {value}"));
        }
        let start = doc.plain.len();
        doc.plain.extend_from_slice(value.as_bytes());
        let span = Span {
            file: name.to_string(),
            start,
            end: doc.plain.len(),
            kind: kind.to_string(),
            member_value: None,
        };
        if optional {
            doc.either.push(span);
        } else {
            doc.truth.push(span);
        }
        rest = &after[close + CLOSE.len()..];
    }
    if rest.contains(CLOSE) {
        return Err(format!("{name}: {CLOSE} without {OPEN}"));
    }
    doc.plain.extend_from_slice(rest.as_bytes());
    Ok(doc)
}

fn documents(set: &str) -> Vec<Document> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(set);
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path.file_name().unwrap().to_string_lossy();
            strip(&name, &text).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

/// Scan the plain documents with the default catalog.
fn scan(docs: &[Document]) -> Vec<Span> {
    let dir = tempfile::tempdir().expect("temporary directory");
    for doc in docs {
        fs::write(dir.path().join(&doc.name), &doc.plain).expect("write");
    }
    let out = Command::cargo_bin("piiscan")
        .expect("piiscan binary")
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "jsonl", "-j", "1", "--reveal"])
        .output()
        .expect("run piiscan");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "scan failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("jsonl is UTF-8")
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("finding");
            let path = Path::new(v["path"].as_str().expect("path"));
            let name = path.file_name().unwrap().to_string_lossy();
            let (file, member) = match name.split_once('!') {
                Some((file, _)) => (file.to_string(), true),
                None => (name.to_string(), false),
            };
            Span {
                file,
                start: v["start"].as_u64().expect("start") as usize,
                end: v["end"].as_u64().expect("end") as usize,
                kind: v["kind"].as_str().expect("kind").to_string(),
                member_value: member
                    .then(|| v["value"].as_str().expect("value").to_string()),
            }
        })
        .collect()
}

#[derive(Default, Debug)]
struct Score {
    hits: usize,
    misses: Vec<String>,
    wrong: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        let reported = self.hits + self.wrong.len();
        if reported == 0 {
            1.0
        } else {
            self.hits as f64 / reported as f64
        }
    }

    fn recall(&self) -> f64 {
        let total = self.hits + self.misses.len();
        if total == 0 {
            1.0
        } else {
            self.hits as f64 / total as f64
        }
    }
}

fn show(docs: &[Document], span: &Span) -> String {
    if let Some(v) = &span.member_value {
        return format!("{} (decoded) {v:?}", span.file);
    }
    let doc = docs
        .iter()
        .find(|d| d.name == span.file)
        .unwrap_or_else(|| panic!("no document {}", span.file));
    let line_start = doc.plain[..span.start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line =
        1 + doc.plain[..span.start].iter().filter(|&&b| b == b'\n').count();
    format!(
        "{}:{}:{} {:?}",
        span.file,
        line,
        span.start - line_start + 1,
        String::from_utf8_lossy(&doc.plain[span.start..span.end])
    )
}

/// Score every kind that is marked or reported.
fn score(docs: &[Document], found: &[Span]) -> BTreeMap<String, Score> {
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let truth: Vec<&Span> = docs.iter().flat_map(|d| &d.truth).collect();
    let either: Vec<&Span> = docs.iter().flat_map(|d| &d.either).collect();
    for t in &truth {
        let score = scores.entry(t.kind.clone()).or_default();
        if found.iter().any(|f| f.kind == t.kind && f.overlaps(t, docs)) {
            score.hits += 1;
        } else {
            score.misses.push(show(docs, t));
        }
    }
    for f in found {
        let right =
            truth.iter().any(|t| t.kind == f.kind && f.overlaps(t, docs));
        let excused =
            either.iter().any(|t| t.kind == f.kind && f.overlaps(t, docs));
        if !right && !excused {
            scores
                .entry(f.kind.clone())
                .or_default()
                .wrong
                .push(show(docs, f));
        }
    }
    scores
}

/// Per-kind floors (precision, recall) where the catalog is below
/// [`DEFAULT_FLOOR`] on these cases: what it reaches today, so a change
/// that loses ground fails. Known misses (printed by the test): names
/// from outside the name lists in running text, CJK names, usernames in
/// prose and Markdown tables, a passport number with no label near it,
/// an Aadhaar number under a generic `uid` key.
const FLOORS: &[(&str, f64, f64)] = &[
    ("person_name", 0.95, 0.90),
    ("us_passport", 0.90, 0.85),
    ("username", 0.95, 0.78),
];
const DEFAULT_FLOOR: (f64, f64) = (0.90, 0.90);

#[test]
fn markup_is_stripped_to_exact_spans() {
    let doc =
        strip("a.txt", "to ⟦email:jürgen@bücher.de⟧, ⟦?ipv4:192.0.2.1⟧.")
            .unwrap();
    assert_eq!(doc.plain, "to jürgen@bücher.de, 192.0.2.1.".as_bytes());
    let t = &doc.truth[0];
    assert_eq!(&doc.plain[t.start..t.end], "jürgen@bücher.de".as_bytes());
    assert_eq!(doc.either[0].kind, "ipv4");
    assert!(strip("b.txt", "x ⟦email:a@b.io").is_err());
    assert!(strip("c.txt", "x ⟦a@b.io⟧").is_err());
}

#[test]
fn hand_written_cases_per_kind() {
    score_set("hard_cases", FLOORS);
}

/// Per-kind floors on the domain set (`tests/data/domain_cases/`): 16
/// documents from other domains (HL7, FHIR, FatturaPA, Dutch BRP, IIS,
/// Windows events, a notebook, ...) written as a holdout after the rules
/// were tuned on the hard cases. Measured untuned at precision 0.948,
/// recall 0.734; its format-level misses (HL7 fields, FHIR names and
/// identifiers, XML elements, W3C logs) were then fixed, so it is a tuned
/// set now (0.958 / 0.868) and the floors are what it measures.
const DOMAIN_FLOORS: &[(&str, f64, f64)] = &[
    ("au_tfn", 0.90, 0.20),
    ("ca_sin", 0.90, 0.60),
    ("credit_card", 0.87, 0.90),
    ("date_of_birth", 0.90, 0.84),
    ("de_tax_id", 0.90, 0.80),
    ("es_dni", 0.90, 0.80),
    ("geo_coordinates", 0.90, 0.65),
    ("in_aadhaar", 0.90, 0.83),
    ("jwt", 0.87, 0.90),
    ("mac_address", 0.88, 0.90),
    ("nl_bsn", 0.90, 0.66),
    ("person_name", 0.90, 0.88),
    ("phone", 0.84, 0.90),
    ("postal_code", 0.90, 0.78),
    ("us_ssn", 0.88, 0.90),
];

#[test]
fn domain_cases_per_kind() {
    score_set("domain_cases", DOMAIN_FLOORS);
}

/// Per-kind floors on the enterprise set (`tests/data/enterprise_cases/`):
/// 18 documents (mail and database logs, CloudTrail, ticket and chat
/// exports, LDIF, vCard, iCalendar, payroll, OCR'd forms, search and
/// document-store exports) written as a holdout, measured untuned at
/// precision 0.932, recall 0.747, then used to fix format-level misses.
const ENTERPRISE_FLOORS: &[(&str, f64, f64)] = &[
    ("bearer_token", 0.85, 0.90),
    ("credit_card", 0.85, 0.90),
    ("es_dni", 0.85, 0.90),
    ("person_name", 0.90, 0.87),
    ("phone", 0.86, 0.90),
    ("session_cookie", 0.90, 0.66),
    ("street_address", 0.90, 0.86),
    ("uk_nhs", 0.90, 0.50),
    ("us_passport", 0.90, 0.83),
    ("username", 0.90, 0.78),
];

#[test]
fn enterprise_cases_per_kind() {
    score_set("enterprise_cases", ENTERPRISE_FLOORS);
}

/// Per-kind floors on the industry set (`tests/data/industry_cases/`): 16
/// documents (SEPA pain.001, NF-e, an airline PNR, a hotel's fixed-width
/// guest list, RADIUS, CI logs, lab reports, call transcripts, payroll
/// and school exports, Jira, OpenTelemetry, pdftotext forms) written as a
/// holdout, measured untuned at precision 0.983, recall 0.626, then used
/// to fix format-level misses.
const INDUSTRY_FLOORS: &[(&str, f64, f64)] = &[
    ("de_tax_id", 0.90, 0.75),
    ("geo_coordinates", 0.90, 0.81),
    ("in_aadhaar", 0.90, 0.88),
    ("nl_bsn", 0.90, 0.54),
    ("person_name", 0.90, 0.83),
    ("phone", 0.90, 0.89),
    ("pl_pesel", 0.90, 0.87),
    ("postal_code", 0.90, 0.88),
    ("street_address", 0.90, 0.83),
    ("us_passport", 0.90, 0.88),
    ("username", 0.90, 0.56),
];

#[test]
fn industry_cases_per_kind() {
    score_set("industry_cases", INDUSTRY_FLOORS);
}

/// Per-kind floors on the filings set (`tests/data/filings_cases/`): 18
/// documents (Exchange tracking log, DICOM dumps, a Carte Vitale trace,
/// ELSTER, loonaangifte, ZUS, eSocial, SEPA N19, Telegram and WhatsApp
/// exports, a courier register, a share register, ROE, a MySQL general
/// log, a KYC export, ASA and HAProxy logs, a format-patch) written as a
/// holdout, measured untuned at precision 0.954, recall 0.494, then used
/// to fix format-level misses.
const FILINGS_FLOORS: &[(&str, f64, f64)] = &[
    ("ca_sin", 0.90, 0.00),
    ("date_of_birth", 0.90, 0.78),
    ("email", 0.85, 0.90),
    ("geo_coordinates", 0.88, 0.90),
    ("person_name", 0.90, 0.73),
    ("phone", 0.90, 0.84),
    ("pl_pesel", 0.90, 0.00),
    ("postal_code", 0.90, 0.70),
    ("street_address", 0.90, 0.65),
    ("uk_nhs", 0.90, 0.88),
    ("us_passport", 0.90, 0.00),
    ("username", 0.90, 0.84),
];

#[test]
fn filings_cases_per_kind() {
    score_set("filings_cases", FILINGS_FLOORS);
}

/// Per-kind floors on the systems set (`tests/data/systems_cases/`): 18
/// documents (CloudFront, Okta, Twilio, X12 834, NACHA, PAXLST, SWIFT
/// MT103, DATEV, Workday, ServiceNow, dental and gym exports, MYOB, a
/// Chinese tax template, e-KYC, WooCommerce, UniEmens, a payroll
/// register) written as a holdout, measured untuned at precision 0.977,
/// recall 0.597, then used to fix format-level misses.
const SYSTEMS_FLOORS: &[(&str, f64, f64)] = &[
    ("ca_sin", 0.90, 0.55),
    ("nl_bsn", 0.90, 0.37),
    ("person_name", 0.90, 0.83),
    ("pl_pesel", 0.90, 0.44),
    ("postal_code", 0.90, 0.81),
    ("street_address", 0.90, 0.70),
    ("us_ssn", 0.90, 0.86),
    ("username", 0.75, 0.33),
];

#[test]
fn systems_cases_per_kind() {
    score_set("systems_cases", SYSTEMS_FLOORS);
}

/// Per-kind floors on the exports set (`tests/data/exports_cases/`): 18
/// documents (ALB, OpenVPN, Datadog and Graylog logs, an Intercom export,
/// an IRS FIRE 1099 file, I-9, school, university and hospital exports,
/// Polish tickets, a fleet GPS report, insurance claims and
/// pre-authorisations, an e-prescription log, a Terraform state) written
/// as a holdout, measured untuned at precision 0.923, recall 0.794, then
/// used to fix format-level misses.
const EXPORTS_FLOORS: &[(&str, f64, f64)] = &[
    ("ca_sin", 0.90, 0.88),
    ("session_cookie", 0.90, 0.55),
    ("street_address", 0.90, 0.81),
    ("us_bank_routing", 0.90, 0.86),
    ("username", 0.90, 0.77),
];

#[test]
fn exports_cases_per_kind() {
    score_set("exports_cases", EXPORTS_FLOORS);
}

/// Per-kind floors on public-service and platform exports
/// (`tests/data/services_cases/`: M365 audit, Keycloak, Zoom, Redis
/// MONITOR, a SAP HR IDoc, a tax-clinic intake form, a visa batch, council
/// notes, a pension file, ...) written as a holdout, measured untuned at
/// precision 0.950, recall 0.749, then used to fix format-level misses.
const SERVICES_FLOORS: &[(&str, f64, f64)] = &[
    ("ca_sin", 0.90, 0.00),
    ("date_of_birth", 0.90, 0.78),
    ("de_tax_id", 0.90, 0.00),
    ("geo_coordinates", 0.90, 0.85),
    ("person_name", 0.90, 0.75),
    ("pl_pesel", 0.90, 0.88),
    ("postal_code", 0.90, 0.84),
    ("session_cookie", 0.90, 0.55),
    ("street_address", 0.90, 0.88),
    ("uk_nhs", 0.90, 0.66),
    ("us_bank_routing", 0.90, 0.77),
    ("us_passport", 0.90, 0.88),
    ("username", 0.90, 0.51),
];

#[test]
fn services_cases_per_kind() {
    score_set("services_cases", SERVICES_FLOORS);
}

/// Per-kind floors on workplace systems' exports
/// (`tests/data/workplace_cases/`: Active Directory, Windows logon events,
/// Snowflake, Splunk, Postman, HR and benefits lists, HubSpot, Concur,
/// hospital admissions, a time clock, Shopify, a clinic schedule, OFX, a
/// group-insurance list, a pharmacy audit) written as a holdout, measured
/// untuned at precision 0.935, recall 0.791, then used to fix format-level
/// misses.
const WORKPLACE_FLOORS: &[(&str, f64, f64)] = &[
    ("ca_sin", 0.90, 0.68),
    ("fr_nir", 0.85, 0.90),
    ("ipv4", 0.80, 0.90),
    ("mac_address", 0.87, 0.90),
    ("person_name", 0.90, 0.83),
    ("us_passport", 0.88, 0.90),
];

#[test]
fn workplace_cases_per_kind() {
    score_set("workplace_cases", WORKPLACE_FLOORS);
}

/// Per-kind floors on registers and operational exports
/// (`tests/data/registers_cases/`: a Kubernetes audit log, a Burp export,
/// `docker inspect`, Amplitude, QuickBooks IIF, dealer credit
/// applications, an airline loyalty extract, a tax clinic's intake log,
/// labour-hire onboarding, flat bookings, marathon entries, a library's
/// readers, discharge summaries, CIS checks, occupational-health visits,
/// debt counselling, a sports club, a driving school, a condominium
/// register, event attendees) written as a holdout, measured untuned at
/// precision 0.950, recall 0.865, then used to fix format-level misses.
const REGISTERS_FLOORS: &[(&str, f64, f64)] = &[
    ("credit_card", 0.83, 0.90),
    ("ipv4", 0.71, 0.90),
    ("session_cookie", 0.90, 0.50),
    ("us_itin", 0.90, 0.80),
    ("us_passport", 0.70, 0.87),
    ("username", 0.90, 0.57),
];

#[test]
fn registers_cases_per_kind() {
    score_set("registers_cases", REGISTERS_FLOORS);
}

/// Per-kind floors on community records (`tests/data/community_cases/`: a
/// Rails log, a root shell history, a GitHub audit log, Mailchimp,
/// Calendly, fibre work orders, GEDCOM, child-benefit XML, number porting,
/// a funeral home's FileMaker export, insurance switchers, a scout camp, a
/// party membership form, electricity connections in an `.xls` saved as
/// HTML, a share register, RESP applications, a care home, electoral
/// registrations, a REDCap trial, a ride-hailing review) written as a
/// holdout, measured untuned at precision 0.981, recall 0.747, then used to
/// fix format-level misses.
const COMMUNITY_FLOORS: &[(&str, f64, f64)] = &[
    ("au_tfn", 0.85, 0.90),
    ("br_cpf", 0.90, 0.50),
    ("person_name", 0.90, 0.83),
    ("postal_code", 0.90, 0.89),
    ("session_cookie", 0.90, 0.80),
    ("us_passport", 0.90, 0.80),
    ("us_ssn", 0.88, 0.90),
];

#[test]
fn community_cases_per_kind() {
    score_set("community_cases", COMMUNITY_FLOORS);
}

/// Per-kind floors on archived records (`tests/data/archives_cases/`:
/// FreeSWITCH call records, a Salesforce extract, a DBS report in Excel
/// 2003 XML, an ambulance dispatch print, a WSIB export, French home
/// nursing, a German housing cooperative, a Spanish padrón, Italian
/// residence requests, a Dutch iWmo message, a Polish waste-fee register, a
/// Brazilian condominium's access log, an Indian donation register, a
/// Chinese gym, an Australian SMSF, an Ansible log, a `tshark` capture,
/// Jamf Pro, WordPress users, a Japanese address book) written as a
/// holdout, measured untuned at precision 0.873, recall 0.708, then used to
/// fix format-level misses.
const ARCHIVES_FLOORS: &[(&str, f64, f64)] = &[
    ("geo_coordinates", 0.90, 0.83),
    ("in_aadhaar", 0.90, 0.60),
    ("in_pan", 0.85, 0.90),
    ("ipv4", 0.50, 0.90),
    ("mac_address", 0.85, 0.90),
    ("person_name", 0.90, 0.77),
    ("us_itin", 0.90, 0.60),
    ("username", 0.90, 0.64),
];

#[test]
fn archives_cases_per_kind() {
    score_set("archives_cases", ARCHIVES_FLOORS);
}

/// Per-kind floors on declarations and registers (`tests/data/declarations_cases/`:
/// a FinCEN 8300 batch, a self-storage tenant list, a PowerShell
/// transcript, Equifax Canada prints, Blue Badge applications, school
/// vaccination consents, French medical-taxi trips, a Varnish log, German
/// inheritance-tax drafts, Spanish vehicle transfers, Italian ISEE
/// declarations, Dutch parking permits, a Polish EU-funds export, Brazilian
/// receipts, Indian Form 12BB declarations, a Chinese allowance roster,
/// Korean e-signature audit trails, an Australian ESSREPT file, a UniFi
/// guest export, Argentine RTF letters) written as a holdout, measured
/// untuned at precision 0.935, recall 0.751, then used to fix format-level
/// misses.
const DECLARATIONS_FLOORS: &[(&str, f64, f64)] = &[
    ("au_tfn", 0.90, 0.00),
    ("ipv4", 0.82, 0.90),
    ("person_name", 0.90, 0.71),
    ("postal_code", 0.90, 0.86),
    ("session_cookie", 0.90, 0.63),
    ("street_address", 0.90, 0.73),
    ("us_itin", 0.90, 0.20),
    ("us_passport", 0.90, 0.00),
    ("us_ssn", 0.90, 0.00),
    ("username", 0.90, 0.78),
];

#[test]
fn declarations_cases_per_kind() {
    score_set("declarations_cases", DECLARATIONS_FLOORS);
}

/// Per-kind floors on journals and registers (`tests/data/journals_cases/`:
/// a Florida title closing export, a Texas remote notary's journal, UK
/// Help with Fees applications, an NHS e-Referral worklist, a CESP
/// fixed-width file, French apprenticeship contracts, a German lecturer-fee
/// list, a BDT export, Spanish exam applications, an Italian civic-service
/// ranking, Dutch integration files, a Polish firefighter payment print, a
/// GenieACS export, an Indian forex register, a Karnataka marriage
/// register, a Chinese internet café's log, a Japanese protobuf dump, a
/// Tasmanian bank's audit log, a Vector config, an infostealer triage)
/// written as a holdout, measured untuned at precision 0.951, recall 0.669,
/// then used to fix format-level misses.
const JOURNALS_FLOORS: &[(&str, f64, f64)] = &[
    ("au_tfn", 0.90, 0.87),
    ("br_cpf", 0.90, 0.50),
    ("ipv4", 0.61, 0.90),
    ("jwt", 0.90, 0.80),
    ("mac_address", 0.54, 0.90),
    ("person_name", 0.90, 0.82),
    ("session_cookie", 0.90, 0.88),
    ("street_address", 0.90, 0.85),
    ("username", 0.90, 0.70),
];

#[test]
fn journals_cases_per_kind() {
    score_set("journals_cases", JOURNALS_FLOORS);
}

/// Per-kind floors on dossiers and ledgers (`tests/data/dossiers_cases/`:
/// a US passport acceptance log, utility sign-ups with bank drafts, a bail
/// bondsman's export, UK research-participant payments, a Canadian farm
/// programme's XML, a French thermal spa's arrivals, a German film extras'
/// call sheet, a Spanish irrigation levy print, Italian building-bonus
/// dossiers, Dutch re-integration reports, Polish speed-camera cases, a
/// Brazilian Pix fraud desk's events, an Indian food-licence tracker, a
/// Chinese court's enforcement cases, a Japanese second-hand ledger,
/// Australian family-trust minutes, a Home Assistant log, a heap-dump
/// analysis, a Korean app forensics appendix, a registry export) written
/// as a holdout, measured untuned at precision 0.965, recall 0.736, then
/// used to fix format-level misses.
const DOSSIERS_FLOORS: &[(&str, f64, f64)] = &[
    ("geo_coordinates", 0.90, 0.50),
    ("ipv4", 0.72, 0.90),
    ("person_name", 0.90, 0.84),
    ("postal_code", 0.90, 0.86),
    ("session_cookie", 0.90, 0.12),
    ("street_address", 0.90, 0.88),
    ("us_passport", 0.80, 0.40),
    ("username", 0.90, 0.67),
];

#[test]
fn dossiers_cases_per_kind() {
    score_set("dossiers_cases", DOSSIERS_FLOORS);
}

/// Per-kind floors on claims and registers (`tests/data/claims_cases/`: a
/// New Mexico lottery's prize claims, a trucking driver-file audit,
/// hurricane-recovery cases, UK Tell Us Once XML, a betting operator's
/// affordability e-mails, Canadian tree planters' pay, a Champagne grower's
/// pickers, German household employers, a Spanish market-stall tax roll,
/// Italian student bus passes, Dutch energy-allowance events, Polish
/// clean-air grants, Brazilian auction bidders, an Indian jeweller's PAN
/// register, a Chinese group chat, an Australian mine camp's starters, an
/// EV-charging backend log, a SAML trace, a dating app's safety cases, a
/// password-manager export) written as a holdout, measured untuned at
/// precision 0.953, recall 0.779, then used to fix format-level misses.
const CLAIMS_FLOORS: &[(&str, f64, f64)] = &[
    ("bearer_token", 0.90, 0.85),
    ("in_pan", 0.85, 0.90),
    ("ipv4", 0.84, 0.90),
    ("mac_address", 0.78, 0.90),
    ("person_name", 0.90, 0.80),
    ("username", 0.90, 0.84),
];

#[test]
fn claims_cases_per_kind() {
    score_set("claims_cases", CLAIMS_FLOORS);
}

/// Per-kind floors on licence agents and ledgers
/// (`tests/data/ledgers_cases/`: a Michigan licence agent's fixed-width
/// transactions, a housing authority's re-examination print, 1042-S
/// payments, a marina's arrivals report, UK PIP appointments, a Canadian
/// polytechnic's e-mail, a French physiotherapist's teletransmission
/// journal, a German owners' association's property-tax list, Spanish
/// housing-aid XML, an Italian civil-protection refund print, a Dutch
/// short-stay register, a Brazilian consortium's draw report, an Indian
/// paying guest's tenants, a Chinese e-bike register, an Australian bank's
/// TFN report, a Japanese donor list, a VoIP journal, a Zapier history, an
/// Auth0 export, a WordPress debug log) written as a holdout, measured
/// untuned at precision 0.972, recall 0.738, then used to fix format-level
/// misses.
const LEDGERS_FLOORS: &[(&str, f64, f64)] = &[
    ("ca_sin", 0.90, 0.87),
    ("mac_address", 0.90, 0.71),
    ("person_name", 0.90, 0.88),
    ("pl_pesel", 0.90, 0.83),
    ("session_cookie", 0.90, 0.75),
    ("street_address", 0.90, 0.87),
    ("us_passport", 0.54, 0.90),
    ("username", 0.90, 0.87),
];

#[test]
fn ledgers_cases_per_kind() {
    score_set("ledgers_cases", LEDGERS_FLOORS);
}

/// Per-kind floors on royalty worksheets and rosters
/// (`tests/data/rosters_cases/`: a Crystal Reports royalty suspense
/// worksheet, PDF form fields of volunteer applications, social-care
/// charging referrals, an SMS backup, a Salesforce debug log, a Django error
/// page, a DAC7 report, an SQL*Plus spool, a midwifery export, an allotment
/// register, a CNAB240 file, an EPFO upload, a MySQL result in a ticket, a
/// curl trace, a wedding guest list, an HWPX register, a KML map, an MQTT
/// dump, a JVM crash log, a Stata log) written as a holdout, measured
/// untuned at precision 0.898, recall 0.671, then used to fix format-level
/// misses.
const ROSTERS_FLOORS: &[(&str, f64, f64)] = &[
    ("bearer_token", 0.90, 0.84),
    ("ipv4", 0.75, 0.90),
    ("mac_address", 0.77, 0.90),
    ("person_name", 0.90, 0.87),
    ("us_passport", 0.75, 0.90),
    ("username", 0.90, 0.44),
];

#[test]
fn rosters_cases_per_kind() {
    score_set("rosters_cases", ROSTERS_FLOORS);
}

/// Per-kind floors on mainframe prints and API extracts
/// (`tests/data/extracts_cases/`: a JES2 sysout of homestead exemptions,
/// `kubectl logs` of a compliance service, a SharePoint list, an `strace`
/// of a sync job, a FileMaker XML export, `exiftool` output, a SOAP
/// response, an `ausearch` extract, LaTeX fee letters, a Modelo 190 return,
/// an Excel 2003 workbook, a Lotus Notes DXL export, a Google Sheets API
/// response, a PIT-11 review print, a Spark job's output, a Tally export, a
/// MyBatis SQL log, a kintone API response, Zeek logs, an Apps Script log)
/// written as a holdout, measured untuned at precision 0.904, recall 0.672,
/// then used to fix format-level misses.
const EXTRACTS_FLOORS: &[(&str, f64, f64)] = &[
    ("bearer_token", 0.90, 0.57),
    ("ipv4", 0.42, 0.90),
    ("mac_address", 0.85, 0.90),
    ("person_name", 0.90, 0.83),
    ("phone", 0.87, 0.90),
    ("session_cookie", 0.90, 0.87),
    ("us_passport", 0.64, 0.90),
    ("username", 0.90, 0.76),
];

#[test]
fn extracts_cases_per_kind() {
    score_set("extracts_cases", EXTRACTS_FLOORS);
}

/// Per-kind floors on console captures and queue dumps
/// (`tests/data/captures_cases/`: an ACA 1095-C XML, a saved MHTML page, an
/// FDF export, an Asterisk log, Logstash rubydebug output, Word 2003 XML, a
/// Trello export, a RabbitMQ dump, a Solr response, a RouterOS capture, a
/// cqlsh session, an Odoo log, a Tomcat log with StUF-BG messages, a Rails
/// console, a DIRF file, an Airflow log, ClickHouse output, a Fluentd log,
/// Lambda logs, a Celery log) written as a holdout, measured untuned at
/// precision 0.923, recall 0.675, then used to fix format-level misses.
const CAPTURES_FLOORS: &[(&str, f64, f64)] = &[
    ("date_of_birth", 0.90, 0.81),
    ("iban", 0.70, 0.90),
    ("ipv4", 0.59, 0.90),
    ("ipv6", 0.62, 0.90),
    ("mac_address", 0.88, 0.90),
    ("person_name", 0.90, 0.61),
    ("phone", 0.79, 0.90),
    ("pl_pesel", 0.90, 0.71),
    ("postal_code", 0.90, 0.80),
    ("session_cookie", 0.90, 0.57),
    ("street_address", 0.90, 0.83),
    ("uk_nhs", 0.90, 0.57),
    ("us_bank_routing", 0.90, 0.14),
    ("us_itin", 0.90, 0.71),
    ("username", 0.90, 0.51),
];

#[test]
fn captures_cases_per_kind() {
    score_set("captures_cases", CAPTURES_FLOORS);
}

/// Per-kind floors on the holdout set (`tests/data/holdout_cases/`, 20
/// documents, 1,448 certain values): written by an author who saw neither
/// the rules nor the other sets. Its scores estimate accuracy on data
/// nobody tuned for, so rules are not tuned on it; the floors are what it
/// measures, so a change that loses ground there fails, and a gain shows
/// in the table.
const HOLDOUT_FLOORS: &[(&str, f64, f64)] = &[
    ("au_tfn", 0.90, 0.66),
    ("bearer_token", 0.90, 0.75),
    ("date_of_birth", 0.89, 0.72),
    ("email", 0.86, 0.90),
    ("iban", 0.85, 0.90),
    ("in_pan", 0.84, 0.90),
    ("mac_address", 0.85, 0.90),
    ("person_name", 0.90, 0.50),
    ("postal_code", 0.82, 0.29),
    ("session_cookie", 0.90, 0.03),
    ("street_address", 0.90, 0.60),
    ("us_passport", 0.90, 0.85),
    ("username", 0.43, 0.42),
];

#[test]
fn holdout_cases_per_kind() {
    score_set("holdout_cases", HOLDOUT_FLOORS);
}

/// Scan the documents of `tests/data/<set>/`, print per-kind scores with
/// every miss and false positive, and fail if a kind is below its floor.
fn score_set(set: &str, floors: &[(&str, f64, f64)]) {
    let docs = documents(set);
    let found = scan(&docs);
    let scores = score(&docs, &found);
    let mut failures = Vec::new();
    println!(
        "{:<16} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "kind", "hits", "miss", "wrong", "precision", "recall"
    );
    for (kind, s) in &scores {
        let (p, r) = floors
            .iter()
            .find(|(k, _, _)| k == kind)
            .map_or(DEFAULT_FLOOR, |&(_, p, r)| (p, r));
        let ok = s.precision() >= p && s.recall() >= r;
        println!(
            "{:<16} {:>5} {:>5} {:>5} {:>9.3} {:>7.3}{}",
            kind,
            s.hits,
            s.misses.len(),
            s.wrong.len(),
            s.precision(),
            s.recall(),
            if ok { "" } else { "  BELOW FLOOR" }
        );
        if !ok {
            failures.push(kind.clone());
        }
    }
    let (hits, misses, wrong) = scores.values().fold((0, 0, 0), |t, s| {
        (t.0 + s.hits, t.1 + s.misses.len(), t.2 + s.wrong.len())
    });
    println!(
        "{:<16} {:>5} {:>5} {:>5} {:>9.3} {:>7.3}",
        "all",
        hits,
        misses,
        wrong,
        hits as f64 / (hits + wrong).max(1) as f64,
        hits as f64 / (hits + misses).max(1) as f64,
    );
    for (kind, s) in &scores {
        for m in &s.misses {
            println!("missed {kind}: {m}");
        }
        for w in &s.wrong {
            println!("wrong {kind}: {w}");
        }
    }
    assert!(failures.is_empty(), "{set}: below their floors: {failures:?}");
}
