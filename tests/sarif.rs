//! Output formats through the library: SARIF validated against the
//! official SARIF 2.1.0 JSON schema, plus jsonl, json, csv, text and the
//! masking contract.
//!
//! tests/data/sarif-schema-2.1.0.json is the OASIS SARIF TC's schema,
//! reassembled byte for byte from the public repository
//! oasis-tcs/sarif-spec, file
//! Documents/CommitteeSpecifications/2.1.0/sarif-schema-2.1.0.json at
//! commit 3682e9ee648f2f3e11ba1fcd47fc390a0b8f9dab (draft-07, `$id`
//! https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json,
//! sha256 80cd7ffb9b62a4162d541aa9170862dd264f6cce0f04c57f1ac9f2337b808958).
//! The final 2.1.0 OASIS Standard text differs from it only in
//! descriptions, `suppression.state` (renamed `status`) and the `language`
//! pattern, none of which piiscan emits. Every `$ref` in it is local
//! (`#/definitions/...`), so validation needs no network; the jsonschema
//! crate is built without its HTTP resolver anyway.

use std::collections::BTreeMap;

use jsonschema::{Draft, JSONSchema};
use piiscan::finding::Finding;
use piiscan::output::mask::mask;
use piiscan::output::{reporter, Format, RuleMeta, Summary};
use serde_json::Value;

fn finding(
    path: &str,
    kind: &'static str,
    pattern: &str,
    raw: &str,
    sensitive: bool,
) -> Finding {
    Finding {
        path: path.into(),
        line: 12,
        column: 5,
        start: 1043,
        end: 1043 + raw.len() as u64,
        kind,
        pattern: pattern.into(),
        confidence: 0.9500000001,
        sensitive,
        masked: mask(kind, raw.as_bytes()),
        value: None,
        synthetic: false,
    }
}

fn rules() -> Vec<RuleMeta> {
    let rule =
        |id: &str, kind: &str, description: &str, sensitive: bool| RuleMeta {
            id: id.to_string(),
            kind: kind.to_string(),
            description: description.to_string(),
            sensitive,
        };
    vec![
        rule("email-address", "email", "Email address", false),
        rule("us-ssn", "us_ssn", "US Social Security number", true),
        rule("credit-card", "credit_card", "", true),
        // A duplicate id must not produce a second SARIF rule.
        rule("email-address", "email", "Email address (again)", false),
    ]
}

fn findings() -> Vec<Finding> {
    let mut synthetic = finding(
        "logs/app.log",
        "email",
        "email-address",
        "jane@example.com",
        false,
    );
    synthetic.synthetic = true;
    vec![
        finding(
            "logs/a.log",
            "email",
            "email-address",
            "jane.doe@example.com",
            false,
        ),
        finding(
            "./my logs/été #1.txt",
            "us_ssn",
            "us-ssn",
            "123-45-6789",
            true,
        ),
        finding(
            "dir\\sub\\x?.csv",
            "credit_card",
            "credit-card",
            "4111 1111 1111 1111",
            true,
        ),
        finding(
            "a.tar.gz!logs/données 100%.log",
            "email",
            "email-address",
            "x@y.org",
            false,
        ),
        finding("-", "phone", "phone-unknown-rule", "+1 555 010 9999", false),
        synthetic,
    ]
}

fn summary() -> Summary {
    let mut findings_by_kind = BTreeMap::new();
    findings_by_kind.insert("email".to_string(), 3);
    Summary {
        files_scanned: 4,
        members_scanned: 0,
        bytes_scanned: 4096,
        findings_by_kind,
        errors: 0,
        partial: 0,
        skipped: BTreeMap::new(),
        elapsed_secs: 0.25,
    }
}

fn render(
    format: Format,
    color: bool,
    rules: &[RuleMeta],
    findings: &[Finding],
) -> String {
    let mut report = reporter(format, color);
    let mut out = Vec::new();
    report.begin(&mut out, rules).unwrap();
    for f in findings {
        report.finding(&mut out, f).unwrap();
    }
    report.finish(&mut out, &summary()).unwrap();
    String::from_utf8(out).unwrap()
}

fn official_schema() -> JSONSchema {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sarif-schema-2.1.0.json"
    ))
    .unwrap();
    let schema: Value =
        serde_json::from_str(&text).expect("schema parses as JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(schema["title"].as_str().unwrap().contains("2.1.0"));
    JSONSchema::options()
        .with_draft(Draft::Draft7)
        .should_validate_formats(true)
        .compile(&schema)
        .unwrap_or_else(|e| panic!("schema compiles: {e}"))
}

fn assert_valid(schema: &JSONSchema, doc: &Value) {
    if let Err(errors) = schema.validate(doc) {
        let msgs: Vec<String> =
            errors.map(|e| format!("{} at {}", e, e.instance_path)).collect();
        panic!("SARIF does not validate:\n{}\n{doc:#}", msgs.join("\n"));
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema = official_schema();
    let text = render(Format::Sarif, false, &rules(), &findings());
    let doc: Value = serde_json::from_str(&text).expect("SARIF is JSON");
    assert_valid(&schema, &doc);

    // An empty run is valid too.
    let empty: Value =
        serde_json::from_str(&render(Format::Sarif, false, &[], &[])).unwrap();
    assert_valid(&schema, &empty);
    assert_eq!(empty["runs"][0]["results"], Value::Array(vec![]));

    // The validator is really checking: break the log and it must fail.
    let mut broken = doc.clone();
    broken["version"] = "2.0.0".into();
    assert!(!schema.is_valid(&broken));
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema.is_valid(&broken));
    let mut broken = doc;
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["region"]["startLine"] = 0.into();
    assert!(!schema.is_valid(&broken));
}

#[test]
fn sarif_content() {
    let text = render(Format::Sarif, false, &rules(), &findings());
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        doc["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(doc["version"], "2.1.0");
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "piiscan");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver.get("informationUri").is_none());
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 3, "duplicate rule ids are dropped");
    assert_eq!(rules[0]["id"], "email-address");
    assert_eq!(rules[0]["shortDescription"]["text"], "Email address");
    assert_eq!(rules[0]["properties"]["kind"], "email");
    assert_eq!(rules[0]["properties"]["sensitive"], false);
    assert_eq!(rules[2]["shortDescription"]["text"], "credit_card");

    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    let r = &results[0];
    assert_eq!(r["ruleId"], "email-address");
    assert_eq!(r["ruleIndex"], 0);
    assert_eq!(r["level"], "warning");
    assert_eq!(r["message"]["text"], "email found: j***@e******.com");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "logs/a.log");
    assert_eq!(loc["region"]["startLine"], 12);
    assert_eq!(loc["region"]["startColumn"], 5);
    assert_eq!(loc["region"]["byteOffset"], 1043);
    assert_eq!(loc["region"]["byteLength"], 20);
    assert_eq!(r["properties"]["confidence"].to_string(), "0.95");
    assert_eq!(r["properties"]["synthetic"], false);

    assert_eq!(results[1]["level"], "error");
    assert_eq!(results[1]["ruleIndex"], 1);
    assert_eq!(results[1]["message"]["text"], "us_ssn found: ***-**-6789");
    let uri = |i: usize| {
        results[i]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(uri(1), "my%20logs/%C3%A9t%C3%A9%20%231.txt");
    assert_eq!(uri(2), "dir/sub/x%3F.csv");
    assert_eq!(uri(3), "a.tar.gz!logs/donn%C3%A9es%20100%25.log");
    assert_eq!(uri(4), "-");
    for i in 0..results.len() {
        let u = uri(i);
        assert!(
            u.bytes().all(|b| b.is_ascii_graphic()
                && b != b'\\'
                && b != b'#'
                && b != b'?'),
            "{u}"
        );
    }
    // A pattern missing from the rule list still gets a ruleId.
    assert_eq!(results[4]["ruleId"], "phone-unknown-rule");
    assert!(results[4].get("ruleIndex").is_none());
    assert_eq!(results[5]["properties"]["synthetic"], true);
    assert_eq!(runs[0]["invocations"][0]["executionSuccessful"], true);

    // No raw value anywhere without --reveal.
    for raw in [
        "jane.doe@example.com",
        "123-45-6789",
        "4111 1111 1111 1111",
        "010 9999",
    ] {
        assert!(!text.contains(raw), "{raw} leaked");
    }
}

#[test]
fn sarif_fingerprints_are_stable_and_not_from_the_raw_value() {
    let fp = |f: &Finding| {
        let doc: Value = serde_json::from_str(&render(
            Format::Sarif,
            false,
            &rules(),
            std::slice::from_ref(f),
        ))
        .unwrap();
        doc["runs"][0]["results"][0]["partialFingerprints"]["piiscan/v1"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let a = finding("logs/a.log", "us_ssn", "us-ssn", "123-45-6789", true);
    let first = fp(&a);
    assert_eq!(first.len(), 32);
    assert!(first.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(first, fp(&a), "stable across runs");

    // Same masked preview, different raw value: same fingerprint.
    let mut b = finding("logs/a.log", "us_ssn", "us-ssn", "987-65-6789", true);
    assert_eq!(b.masked, a.masked);
    b.line = 99;
    assert_eq!(fp(&b), first, "independent of raw value and line");

    let c = finding("logs/b.log", "us_ssn", "us-ssn", "123-45-6789", true);
    assert_ne!(fp(&c), first, "depends on the path");

    // The same file named as `./logs/a.log` (a scan of `.`).
    let d = finding("./logs/a.log", "us_ssn", "us-ssn", "123-45-6789", true);
    assert_eq!(fp(&d), first, "independent of how the path was typed");
}

#[test]
fn sarif_reveal_only_in_properties() {
    let mut f = finding(
        "a.log",
        "email",
        "email-address",
        "jane.doe@example.com",
        false,
    );
    f.value = Some("jane.doe@example.com".to_string());
    let doc: Value =
        serde_json::from_str(&render(Format::Sarif, false, &rules(), &[f]))
            .unwrap();
    let r = &doc["runs"][0]["results"][0];
    assert_eq!(r["properties"]["value"], "jane.doe@example.com");
    assert_eq!(r["message"]["text"], "email found: j***@e******.com");
    assert_valid(&official_schema(), &doc);
}

/// The top-level keys of a one-line JSON object, in textual order.
fn key_order(line: &str) -> Vec<String> {
    let value: serde_json::Map<String, Value> =
        serde_json::from_str(line).unwrap();
    let mut keys: Vec<(usize, String)> = value
        .keys()
        .map(|k| {
            let needle = format!("{}:", serde_json::to_string(k).unwrap());
            (line.find(&needle).unwrap(), k.clone())
        })
        .collect();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}

const FIELDS: [&str; 10] = [
    "path",
    "line",
    "column",
    "start",
    "end",
    "kind",
    "pattern",
    "confidence",
    "sensitive",
    "masked",
];

#[test]
fn jsonl_lines_parse_in_contract_order() {
    let mut all = findings();
    all[0].value = Some("jane.doe@example.com".to_string());
    let text = render(Format::Jsonl, false, &rules(), &all);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), all.len());
    assert!(text.ends_with('\n'));

    let mut with_value = FIELDS.map(String::from).to_vec();
    with_value.push("value".into());
    assert_eq!(key_order(lines[0]), with_value);
    assert_eq!(key_order(lines[1]), FIELDS.map(String::from).to_vec());
    let mut with_synthetic = FIELDS.map(String::from).to_vec();
    with_synthetic.push("synthetic".into());
    assert_eq!(key_order(lines[5]), with_synthetic);

    assert_eq!(
        lines[1],
        r#"{"path":"./my logs/été #1.txt","line":12,"column":5,"start":1043,"end":1054,"kind":"us_ssn","pattern":"us-ssn","confidence":0.95,"sensitive":true,"masked":"***-**-6789"}"#
    );
    for line in &lines {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["confidence"].to_string(), "0.95");
    }
}

#[test]
fn json_document_parses_with_summary() {
    let text = render(Format::Json, false, &rules(), &findings());
    let doc: Value = serde_json::from_str(&text).expect("json parses");
    let list = doc["findings"].as_array().unwrap();
    assert_eq!(list.len(), 6);
    assert_eq!(list[0]["masked"], "j***@e******.com");
    assert!(list[0].get("value").is_none());
    assert_eq!(doc["summary"]["files_scanned"], 4);
    assert_eq!(doc["summary"]["findings_by_kind"]["email"], 3);
    // Findings are written one per line, as they come.
    assert!(text.lines().count() >= 6 + 4);

    let empty: Value =
        serde_json::from_str(&render(Format::Json, false, &[], &[])).unwrap();
    assert_eq!(empty["findings"], Value::Array(vec![]));
}

/// A small RFC 4180 reader: enough to check what the writer produces.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => row.push(std::mem::take(&mut cell)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            '\n' => panic!("bare LF outside quotes"),
            _ => cell.push(c),
        }
    }
    assert!(cell.is_empty() && row.is_empty(), "last record is terminated");
    rows
}

#[test]
fn csv_round_trips_quoting_and_guards_formulas() {
    let mut tricky = finding(
        "a,\"b\"\nc.log",
        "email",
        "email-address",
        "jane.doe@example.com",
        false,
    );
    tricky.value = Some("=HYPERLINK(\"x\")".to_string());
    let formula = finding(
        "=cmd|' /C calc'!A0.csv",
        "email",
        "email-address",
        "x@y.org",
        false,
    );
    let plus = finding("+1.log", "email", "email-address", "x@y.org", false);
    let stdin = finding("-", "email", "email-address", "x@y.org", false);
    let all = vec![tricky, formula, plus, stdin];
    let text = render(Format::Csv, false, &rules(), &all);
    let rows = parse_csv(&text);
    assert_eq!(
        rows[0],
        vec![
            "path",
            "line",
            "column",
            "start",
            "end",
            "kind",
            "pattern",
            "confidence",
            "sensitive",
            "masked",
            "value",
            "synthetic"
        ]
    );
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r.len() == 12));
    assert_eq!(rows[1][0], "a,\"b\"\nc.log");
    assert_eq!(rows[1][7], "0.95");
    assert_eq!(rows[1][8], "false");
    assert_eq!(rows[1][9], "j***@e******.com");
    assert_eq!(rows[1][10], "'=HYPERLINK(\"x\")");
    assert_eq!(rows[1][11], "false");
    assert_eq!(rows[2][0], "'=cmd|' /C calc'!A0.csv");
    assert_eq!(rows[3][0], "'+1.log");
    assert_eq!(rows[4][0], "-");
    assert_eq!(rows[4][10], "", "no value without --reveal");
}

#[test]
fn text_lines_escape_paths_and_mark_synthetic() {
    let mut evil = finding(
        "logs/\x1b]0;pwned\x07a.log",
        "email",
        "email-address",
        "jane.doe@example.com",
        false,
    );
    evil.synthetic = true;
    let plain = finding(
        "logs/a.log",
        "email",
        "email-address",
        "jane.doe@example.com",
        false,
    );
    let text =
        render(Format::Text, false, &rules(), &[plain.clone(), evil.clone()]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "logs/a.log:12:5 email 0.95 j***@e******.com");
    assert_eq!(
        lines[1],
        "logs/\\u{1b}]0;pwned\\u{7}a.log:12:5 email 0.95 j***@e******.com (synthetic)"
    );
    assert_eq!(lines.len(), 2, "no summary in text");
    assert!(!text.contains('\x1b') && !text.contains('\x07'));

    let colored = render(Format::Text, true, &rules(), &[plain, evil]);
    let first = colored.lines().next().unwrap();
    assert_eq!(
        first,
        "\x1b[35mlogs/a.log\x1b[0m:12:5 \x1b[1;32memail\x1b[0m 0.95 j***@e******.com"
    );
    assert!(
        colored.contains("\\u{1b}]0;pwned"),
        "path still escaped with color"
    );
    assert!(colored.lines().nth(1).unwrap().ends_with(" (synthetic)"));
}

#[test]
fn masking_table() {
    let table = [
        ("email", "jane.doe@example.com", "j***@e******.com"),
        ("us_ssn", "123-45-6789", "***-**-6789"),
        ("credit_card", "4111-1111-1111-1111", "****-****-****-1111"),
        ("credit_card", "4111111111111111", "************1111"),
        ("phone", "+44 20 7946 0958", "+** ** **** **58"),
        ("iban", "GB82WEST12345698765432", "GB****************5432"),
        ("ipv4", "192.168.10.77", "192.*.*.*"),
        ("ipv6", "fe80::1ff:fe23:4567:890a", "fe80:*"),
        (
            "jwt",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc",
            "eyJ****",
        ),
        ("aws_access_key", "ASIAY34FZKBOKMUTVV7A", "ASIA****"),
        (
            "url_credentials",
            "postgres://admin:s3cret@db:5432/x",
            "postgres://****",
        ),
        ("bearer_token", "bearer 0123456789abcdef", "Bearer ****"),
        ("session_cookie", "JSESSIONID=1A2B3C4D5E6F", "****"),
        ("session_cookie", "dGVzdA==", "****"),
        ("url_credentials", "admin:s3cret", "****"),
        ("uk_nino", "QQ 12 34 56 C", "Q* ** ** ** *"),
        ("date_of_birth", "1985-07-14", "1***-**-**"),
        ("geo_coordinates", "48.8584, 2.2945", "4*.****, *.****"),
        ("username", "al", "**"),
        ("person_name", "Zoë Ångström", "Z** ********"),
    ];
    for (kind, value, want) in table {
        assert_eq!(mask(kind, value.as_bytes()), want, "{kind}: {value}");
    }
}

/// The longest run of consecutive ASCII digits in `s`.
fn longest_digit_run(s: &str) -> usize {
    s.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0)
}

#[test]
fn masks_never_return_the_value_or_long_digit_runs() {
    let samples = [
        ("email", "john.smith+tag@mail.example.co.uk"),
        ("email", "12345678@example.com"),
        ("phone", "+1-202-555-0143"),
        ("phone", "5550143"),
        ("person_name", "Alexander Hamilton"),
        ("street_address", "221B Baker Street"),
        ("postal_code", "SW1A 1AA"),
        ("postal_code", "90210"),
        ("date_of_birth", "07/14/1985"),
        ("ipv4", "8.8.8.8"),
        ("ipv6", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
        ("mac_address", "00-1A-2B-3C-4D-5E"),
        ("username", "@octocat"),
        ("geo_coordinates", "40.748817,-73.985428"),
        ("credit_card", "5500 0000 0000 0004"),
        ("iban", "FR1420041010050500013M02606"),
        ("us_bank_routing", "021000021"),
        ("us_ssn", "078051120"),
        ("us_itin", "912-70-1234"),
        ("us_passport", "123456789"),
        ("uk_nino", "AB123456C"),
        ("uk_nhs", "943 476 5919"),
        ("ca_sin", "046 454 286"),
        ("fr_nir", "1 85 07 75 123 456 78"),
        ("de_tax_id", "12345678903"),
        ("es_dni", "12345678Z"),
        ("es_nie", "X1234567L"),
        ("it_fiscal_code", "RSSMRA85T10A562S"),
        ("nl_bsn", "111222333"),
        ("pl_pesel", "44051401359"),
        ("br_cpf", "123.456.789-09"),
        ("in_aadhaar", "2345 6789 0123"),
        ("in_pan", "ABCDE1234F"),
        ("au_tfn", "123 456 782"),
        ("cn_resident_id", "11010519491231002X"),
        ("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
        ("bearer_token", "Bearer 1234567890abcdef1234"),
        ("aws_access_key", "AKIAIOSFODNN7EXAMPLE"),
        ("url_credentials", "https://user:123456789@example.com/path"),
        ("session_cookie", "sid=1234567890"),
        ("unknown_future_kind", "99999999999"),
    ];
    for (kind, value) in samples {
        let m = mask(kind, value.as_bytes());
        assert_ne!(m, value, "{kind}: raw value returned");
        assert!(longest_digit_run(&m) <= 4, "{kind}: {value} -> {m}");
        assert!(
            !m.chars().any(char::is_control),
            "{kind}: control char in {m:?}"
        );
    }
    // Credentials do not reveal their length.
    assert_eq!(
        mask("jwt", b"eyJa.b.c"),
        mask("jwt", b"eyJaaaaaaaaaaaaaaaaaaaaa.b.c")
    );
}

#[test]
fn masks_strip_control_chars_from_invalid_utf8() {
    for kind in
        ["email", "phone", "person_name", "session_cookie", "url_credentials"]
    {
        let m = mask(kind, b"a\x1b[2J\xffb\x00c@\x07d.com\r\n");
        assert!(
            !m.chars().any(|c| c.is_control() || c == '\u{202E}'),
            "{kind}: {m:?}"
        );
    }
    let m = mask("person_name", "Eve\u{202E}lyn".as_bytes());
    assert!(!m.contains('\u{202E}'), "{m:?}");
}
