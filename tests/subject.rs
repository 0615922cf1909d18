//! `piiscan subject`, the real binary against temporary trees (and the
//! library for the many-subjects equivalence): every formatting variant
//! is found; exports hold the subject's records and no third party's raw
//! data; erasure leaves nothing to find and every other byte as it was;
//! correction leaves no old value; N subjects in one pass find what N
//! single runs find; bad subjects files are refused with the field named.

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use piiscan::catalog::Catalog;
use piiscan::engine::FileStart;
use piiscan::subject::profile::{identifier, IdKind, ProfileOptions, Subject};
use piiscan::subject::{MatchOptions, SubjectMatcher};
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::gzip;

fn piiscan() -> Command {
    Command::cargo_bin("piiscan").unwrap()
}

fn write(dir: &Path, rel: &str, data: &[u8]) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, data).unwrap();
    path
}

/// The subject's identifiers as flags.
const JANE: &[&str] = &[
    "--email",
    "jane.doe@acme-mail.com",
    "--phone",
    "+1 (415) 555-0100",
    "--name",
    "Jane Doe",
    "--id",
    "us_ssn=536-22-8741",
    "--id",
    "iban=GB82WEST12345698765432",
    "--literal",
    "jdoe42",
];

/// Jane's data mixed with two other people's.
const LOG: &str = "\
2024-03-01T12:00:00Z login user=jane.doe@acme-mail.com from 10.1.2.3 account=jdoe42
2024-03-02T08:00:00Z call from 415.555.0100 to +1 628 555 0199 agent=carla.ruiz@helpdesk-co.com
2024-03-03T09:30:00Z unrelated: bob.smith@other-corp.com ssn 219-09-9999
2024-03-04T10:00:00Z refund to GB82 WEST 1234 5698 7654 32 for Doe, Jane
";

const TICKETS: &str = r#"{"id":1,"name":"Jane Doe","email":"JANE.DOE@acme-mail.com","agent":"carla.ruiz@helpdesk-co.com","agent_phone":"+1 628 555 0199"}
{"id":2,"name":"Bob Smith","email":"bob.smith@other-corp.com","ssn":"219-09-9999"}
"#;

const USERS: &str = "id,name,email,ssn,phone\r\n\
1,\"Doe, Jane\",jane.doe@acme-mail.com,536 22 8741,4155550100\r\n\
2,Bob Smith,bob.smith@other-corp.com,219-09-9999,+1 628 555 0199\r\n";

/// Third parties' raw values that must never appear in Jane's export.
const OTHERS: &[&str] = &[
    "carla.ruiz@helpdesk-co.com",
    "bob.smith@other-corp.com",
    "628 555 0199",
    "219-09-9999",
    "Bob Smith",
];

fn tree() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "logs/app.log", LOG.as_bytes());
    write(dir.path(), "tickets.jsonl", TICKETS.as_bytes());
    write(dir.path(), "users.csv", USERS.as_bytes());
    dir
}

/// Run `subject` with `args` in `dir`, JSON lines out; returns the
/// occurrences and the exit code.
fn occurrences(dir: &Path, args: &[&str]) -> (Vec<Value>, i32) {
    let out = piiscan()
        .current_dir(dir)
        .arg("subject")
        .args(args)
        .args(["--format", "jsonl", "."])
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (list, code)
}

#[test]
fn every_formatting_variant_is_found() {
    let dir = TempDir::new().unwrap();
    let variants = [
        "Jane.Doe@ACME-MAIL.com",
        "jane.doe+newsletter@acme-mail.com",
        "+1 (415) 555-0100",
        "415.555.0100",
        "4155550100",
        "(415) 555-0100",
        "+14155550100",
        "415-555-0100",
        "536-22-8741",
        "536 22 8741",
        "536228741",
        "GB82 WEST 1234 5698 7654 32",
        "gb82west12345698765432",
        "4929 1234 5678 9015",
        "4929-1234-5678-9015",
        "Jane Doe",
        "JANE   DOE",
        "Doe, Jane",
        "Jane Q. Doe",
        "Jane Q Doe",
        "jane.doe",
        "jane_doe",
        "JDOE42",
    ];
    let text: String =
        variants.iter().map(|v| format!("note: {v} end\n")).collect();
    write(dir.path(), "v.txt", text.as_bytes());
    let mut args = JANE.to_vec();
    args.extend([
        "--id",
        "credit_card=4929123456789015",
        "--email-variants",
        "--reveal",
    ]);
    let (found, code) = occurrences(dir.path(), &args);
    assert_eq!(code, 1);
    for (i, v) in variants.iter().enumerate() {
        let line = (i + 1) as u64;
        let hit: Vec<&Value> = found
            .iter()
            .filter(|o| o["line"].as_u64() == Some(line))
            .collect();
        assert_eq!(hit.len(), 1, "variant {v:?} on line {line}: {hit:?}");
        assert_eq!(hit[0]["value"], *v, "variant {v:?}");
        assert_eq!(hit[0]["column"], 7);
    }
}

#[test]
fn locations_name_subject_identifier_and_timestamps() {
    let dir = tree();
    let out = piiscan()
        .current_dir(dir.path())
        .arg("subject")
        .args(JANE)
        .args(["--label", "dsar-17", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let occ = doc["occurrences"].as_array().unwrap();
    assert!(occ.iter().all(|o| o["subject"] == "dsar-17"));
    assert!(occ.iter().all(|o| o.get("value").is_none()), "masked by default");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("jane.doe@acme-mail.com"));
    let first = &occ[0];
    assert_eq!(first["path"], "./logs/app.log");
    assert_eq!(first["identifier"], "email#1");
    assert_eq!(first["line"], 1);
    assert_eq!(first["start"], 32);
    assert_eq!(first["end"], 54);
    let summary = &doc["subjects"][0];
    assert_eq!(summary["first_seen"], "2024-03-01T12:00:00");
    assert_eq!(summary["last_seen"], "2024-03-04T10:00:00");
    assert_eq!(summary["by_source"]["./users.csv"], 4);
    assert_eq!(summary["total"].as_u64().unwrap(), occ.len() as u64);
    // Text and CSV carry the same occurrences.
    let text = piiscan()
        .current_dir(dir.path())
        .arg("subject")
        .args(JANE)
        .arg(".")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("./logs/app.log:1:33 subject email#1"));
    assert!(
        text.contains("first 2024-03-01T12:00:00, last 2024-03-04T10:00:00")
    );
    let csv = piiscan()
        .current_dir(dir.path())
        .arg("subject")
        .args(JANE)
        .args(["--format", "csv", "."])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(csv.lines().count(), occ.len() + 1);
}

#[test]
fn nothing_found_exits_0_and_bad_flags_exit_2() {
    let dir = tree();
    let receipt = dir.path().join("../none.json");
    piiscan()
        .current_dir(dir.path())
        .args(["subject", "--email", "nobody@nowhere-corp.com", "--receipt"])
        .arg(&receipt)
        .arg(".")
        .assert()
        .code(0);
    let doc: Value =
        serde_json::from_slice(&fs::read(&receipt).unwrap()).unwrap();
    assert_eq!(doc["hashing"]["key_source"], "random_per_run");
    assert_eq!(doc["subjects"][0]["found"]["total"], 0);
    assert!(!String::from_utf8_lossy(&fs::read(&receipt).unwrap())
        .contains("nowhere-corp"));
    for bad in [
        &["--email", "a@b.io", "--erase", "--binary", "."][..],
        &["--email", "a@b.io", "--dry-run", "."],
        &["--email", "a@b.io", "--format", "sarif", "."],
        &["--correct", "email=a@b.io", "."],
    ] {
        let out = piiscan()
            .current_dir(dir.path())
            .arg("subject")
            .args(bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(!out.stderr.is_empty());
    }
    let out = piiscan()
        .current_dir(dir.path())
        .args(["subject", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no subject"));
    let out = piiscan()
        .current_dir(dir.path())
        .args(["subject", "--phone", "12", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--phone"));
}

#[test]
fn export_holds_the_subjects_records_and_no_third_party() {
    let dir = tree();
    let exp = dir.path().join("out/export");
    piiscan()
        .current_dir(dir.path())
        .arg("subject")
        .args(JANE)
        .args(["--label", "dsar/17", "--export"])
        .arg(&exp)
        .arg(".")
        .assert()
        .code(1);
    let index: Value =
        serde_json::from_slice(&fs::read(exp.join("index.json")).unwrap())
            .unwrap();
    let entry = &index["subjects"][0];
    assert_eq!(entry["subject"], "dsar/17");
    let file = exp.join(entry["file"].as_str().unwrap());
    assert_eq!(file.parent().unwrap(), exp, "label cannot escape the dir");
    for f in [&file, &exp.join("index.json")] {
        let mode = fs::metadata(f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{f:?}");
    }
    let raw = fs::read_to_string(&file).unwrap();
    let doc: Value = serde_json::from_str(&raw).unwrap();
    let records = doc["records"].as_array().unwrap();
    // Lines 1, 2 and 4 of the log, ticket 1, user row 1.
    let got: BTreeSet<(String, u64)> = records
        .iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap().to_string(),
                r["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: BTreeSet<(String, u64)> = [
        ("./logs/app.log", 1),
        ("./logs/app.log", 2),
        ("./logs/app.log", 4),
        ("./tickets.jsonl", 1),
        ("./users.csv", 2),
    ]
    .iter()
    .map(|(p, l)| (p.to_string(), *l))
    .collect();
    assert_eq!(got, want);
    assert_eq!(entry["records"], 5);
    // The subject's own data is there, raw.
    for own in
        ["jane.doe@acme-mail.com", "415.555.0100", "536 22 8741", "jdoe42"]
    {
        assert!(raw.contains(own), "{own} missing from the export");
    }
    // Nobody else's.
    for other in OTHERS {
        assert!(!raw.contains(other), "{other} leaked into the export");
    }
    // Records keep their structure: the JSON object, the CSV row by
    // column.
    let ticket = records.iter().find(|r| r["format"] == "jsonl").unwrap();
    assert_eq!(ticket["record"]["name"], "Jane Doe");
    assert_eq!(ticket["record"]["agent"], "[EMAIL]");
    let row = records.iter().find(|r| r["format"] == "csv").unwrap();
    assert_eq!(row["record"]["ssn"], "536 22 8741");
    assert_eq!(row["record"]["name"], "Doe, Jane");
}

/// Replace each span of `occ` (start/end) in `original` by `tag(kind)`.
fn expected_erasure(original: &[u8], occ: &[&Value]) -> Vec<u8> {
    let mut spans: Vec<(usize, usize, String)> = occ
        .iter()
        .map(|o| {
            let kind = o["kind"].as_str().unwrap();
            let tag = if kind == "literal" {
                "[REDACTED]".to_string()
            } else {
                format!("[{}]", kind.to_ascii_uppercase())
            };
            (
                o["start"].as_u64().unwrap() as usize,
                o["end"].as_u64().unwrap() as usize,
                tag,
            )
        })
        .collect();
    spans.sort();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e, t) in spans {
        out.extend_from_slice(&original[at..s]);
        out.extend_from_slice(t.as_bytes());
        at = e;
    }
    out.extend_from_slice(&original[at..]);
    out
}

#[test]
fn erase_leaves_nothing_to_find_and_every_other_byte() {
    let dir = tree();
    write(dir.path(), "old/app.log.gz", &gzip(LOG.as_bytes()));
    write(dir.path(), "clean.txt", b"nothing personal\n");
    let clean_mtime = fs::metadata(dir.path().join("clean.txt"))
        .unwrap()
        .modified()
        .unwrap();
    let (before, _) = occurrences(dir.path(), JANE);
    assert!(!before.is_empty());
    // A dry run writes nothing.
    let snapshot = |p: &str| fs::read(dir.path().join(p)).unwrap();
    let files =
        ["logs/app.log", "tickets.jsonl", "users.csv", "old/app.log.gz"];
    let originals: Vec<Vec<u8>> = files.iter().map(|f| snapshot(f)).collect();
    let out = piiscan()
        .current_dir(dir.path())
        .arg("subject")
        .args(JANE)
        .args(["--erase", "--dry-run", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("would be erased ./users.csv"));
    for (f, o) in files.iter().zip(&originals) {
        assert_eq!(&snapshot(f), o, "{f} changed on a dry run");
    }
    piiscan()
        .current_dir(dir.path())
        .arg("subject")
        .args(JANE)
        .args(["--erase", "."])
        .assert()
        .code(1);
    let (after, code) = occurrences(dir.path(), JANE);
    assert_eq!(code, 0, "still found: {after:?}");
    assert!(after.is_empty());
    // Every byte outside an erased span is unchanged.
    for (f, original) in files.iter().zip(&originals) {
        let display = format!("./{f}");
        let occ: Vec<&Value> =
            before.iter().filter(|o| o["path"] == display).collect();
        let mut now = snapshot(f);
        let mut plain = original.clone();
        if f.ends_with(".gz") {
            let mut d = Vec::new();
            flate2::read::MultiGzDecoder::new(&now[..])
                .read_to_end(&mut d)
                .unwrap();
            now = d;
            plain = LOG.as_bytes().to_vec();
        }
        assert_eq!(
            String::from_utf8(now).unwrap(),
            String::from_utf8(expected_erasure(&plain, &occ)).unwrap(),
            "{f}"
        );
    }
    // Third parties are untouched; clean files are not rewritten.
    let log = fs::read_to_string(dir.path().join("logs/app.log")).unwrap();
    assert!(log.contains("carla.ruiz@helpdesk-co.com"));
    assert!(log.contains("+1 628 555 0199"));
    let mtime = fs::metadata(dir.path().join("clean.txt"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(mtime, clean_mtime);
}

#[test]
fn erase_records_removes_whole_records_only() {
    let dir = tree();
    piiscan()
        .current_dir(dir.path())
        .args([
            "subject",
            "--email",
            "jane.doe@acme-mail.com",
            "--erase-records",
            ".",
        ])
        .assert()
        .code(1);
    assert_eq!(
        fs::read_to_string(dir.path().join("tickets.jsonl")).unwrap(),
        TICKETS.lines().nth(1).unwrap().to_string() + "\n"
    );
    let users = fs::read_to_string(dir.path().join("users.csv")).unwrap();
    assert_eq!(
        users,
        "id,name,email,ssn,phone\r\n2,Bob Smith,bob.smith@other-corp.com,219-09-9999,+1 628 555 0199\r\n"
    );
    let log = fs::read_to_string(dir.path().join("logs/app.log")).unwrap();
    assert_eq!(log.lines().count(), 3);
    assert!(!log.contains("jane.doe@"));
}

#[test]
fn correct_leaves_no_old_value() {
    let dir = tree();
    piiscan()
        .current_dir(dir.path())
        .args([
            "subject",
            "--correct",
            "email=jane.doe@acme-mail.com=jane@new-mail.example",
            "--correct",
            "phone=415-555-0100=+1 415 555 0142",
            ".",
        ])
        .assert()
        .code(1);
    let (left, code) = occurrences(
        dir.path(),
        &["--email", "jane.doe@acme-mail.com", "--phone", "4155550100"],
    );
    assert_eq!(code, 0, "old values left: {left:?}");
    let all: String = ["logs/app.log", "tickets.jsonl", "users.csv"]
        .iter()
        .map(|f| fs::read_to_string(dir.path().join(f)).unwrap())
        .collect();
    assert_eq!(all.matches("jane@new-mail.example").count(), 3);
    assert_eq!(all.matches("+1 415 555 0142").count(), 2);
    // Other values, and their formatting, are as they were.
    assert!(
        all.contains("536 22 8741")
            && all.contains("bob.smith@other-corp.com")
    );
    let (again, _) =
        occurrences(dir.path(), &["--email", "jane@new-mail.example"]);
    assert_eq!(again.len(), 3);
}

#[test]
fn receipt_records_hashes_files_and_changes_never_values() {
    let dir = tree();
    let key = write(dir.path(), "../receipt.key", &[42u8; 32]);
    let receipt = dir.path().join("../receipt.json");
    piiscan()
        .current_dir(dir.path())
        .arg("subject")
        .args(JANE)
        .args(["--erase", "--receipt"])
        .arg(&receipt)
        .arg("--receipt-key")
        .arg(&key)
        .arg(".")
        .assert()
        .code(1);
    let raw = fs::read_to_string(&receipt).unwrap();
    let mode = fs::metadata(&receipt).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    for v in
        ["jane.doe", "4155550100", "555-0100", "536", "GB82", "jdoe42", "Jane"]
    {
        assert!(!raw.contains(v), "{v} in the receipt");
    }
    let doc: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(doc["operation"], "erase");
    assert_eq!(doc["hashing"]["key_source"], "file");
    assert_eq!(doc["subjects"][0]["identifiers"].as_array().unwrap().len(), 6);
    assert_eq!(doc["files_read"].as_array().unwrap().len(), 3);
    assert_eq!(doc["changes"].as_array().unwrap().len(), 3);
    assert!(doc["subjects"][0]["found"]["total"].as_u64().unwrap() > 5);
    // Same key, same value, same hash: the receipt can be checked.
    let receipt2 = dir.path().join("../receipt2.json");
    piiscan()
        .current_dir(dir.path())
        .args(["subject", "--email", "JANE.DOE@acme-mail.com", "--receipt"])
        .arg(&receipt2)
        .arg("--receipt-key")
        .arg(&key)
        .arg(".")
        .assert()
        .code(0);
    let doc2: Value =
        serde_json::from_slice(&fs::read(&receipt2).unwrap()).unwrap();
    assert_eq!(
        doc["subjects"][0]["identifiers"][0]["hmac"],
        doc2["subjects"][0]["identifiers"][0]["hmac"]
    );
    assert_eq!(doc2["hashing"]["key_id"], doc["hashing"]["key_id"]);
}

#[test]
fn bad_subject_files_name_the_field() {
    let dir = tree();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "s.json",
            r#"[{"id":"a","email":"jane.doe@acme-mail.com"},{"id":"b","phone":"12"}]"#,
            &["s.json", "subject 2", "\"b\"", "field `phone`"],
        ),
        (
            "s.toml",
            "[[subjects]]\nid = \"a\"\nemial = \"jane.doe@acme-mail.com\"\n",
            &["s.toml", "subject 1", "unknown field `emial`"],
        ),
        (
            "t.json",
            r#"{"subjects":[{"id":"a","ids":{"us_sn":"536-22-8741"}}]}"#,
            &["t.json", "subject 1", "ids.us_sn", "unknown kind"],
        ),
        (
            "u.json",
            r#"[{"email":"jane.doe@acme-mail.com"}]"#,
            &["missing field `id`"],
        ),
        ("v.json", "[{\"id\": ", &["v.json", "not valid JSON"]),
    ];
    for (name, text, wants) in cases {
        let path = write(dir.path(), &format!("../{name}"), text.as_bytes());
        let out = piiscan()
            .current_dir(dir.path())
            .arg("subject")
            .arg("--subjects")
            .arg(&path)
            .arg(".")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        for w in *wants {
            assert!(err.contains(w), "{name}: {err:?} should contain {w:?}");
        }
        assert!(!err.contains("jane.doe@") && !err.contains("8741"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

/// Letters for `i`: a name part unique to subject `i`.
fn letters(mut i: usize) -> String {
    let mut s = String::new();
    for _ in 0..3 {
        s.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
    }
    s
}

/// Subject `i`'s name (`Anaabc Leeabc`) and account id.
fn name_and_account(i: usize) -> (String, String) {
    let l = letters(i);
    (format!("Ana{l} Lee{l}"), format!("acct-{i:05}"))
}

/// Subject `i` of the many-subjects tests: distinct email, phone, SSN.
fn person(i: usize) -> (String, String, String) {
    (
        format!("user{i}.x@corp{}.example-mail.com", i % 7),
        format!("+1 (212) 555-{:04}", 1000 + i),
        format!("{:03}-{:02}-{:04}", 100 + i % 600, 10 + i % 89, 1000 + i),
    )
}

fn many_subjects(n: usize) -> Vec<Subject> {
    let o = ProfileOptions { country_code: "1" };
    (0..n)
        .map(|i| {
            let (e, p, s) = person(i);
            let (name, account) = name_and_account(i);
            Subject {
                label: format!("s{i}"),
                identifiers: vec![
                    identifier(IdKind::Email, &e, o).unwrap(),
                    identifier(IdKind::Phone, &p, o).unwrap(),
                    identifier(IdKind::Catalog("us_ssn"), &s, o).unwrap(),
                    identifier(IdKind::Name, &name, o).unwrap(),
                    identifier(IdKind::Literal, &account, o).unwrap(),
                ],
            }
        })
        .collect()
}

/// Lines mentioning every third subject in various layouts, plus noise.
fn many_corpus(n: usize) -> String {
    let mut text = String::new();
    for i in (0..n).step_by(3) {
        let (e, p, s) = person(i);
        let digits: String = p.chars().filter(char::is_ascii_digit).collect();
        text.push_str(&format!(
            "2024-01-01T00:00:00Z id={i} mail={} tel={} ssn={}\n",
            e.to_uppercase(),
            &digits[1..],
            s.replace('-', " ")
        ));
        text.push_str(&format!(
            "ticket {i}: call {p} about {s}, noise 10.0.{}.1\n",
            i % 250
        ));
        let (name, account) = name_and_account(i);
        let (first, last) = name.split_once(' ').unwrap();
        text.push_str(&format!(
            "note: {last},  {first} opened {} today\n",
            account.to_uppercase()
        ));
    }
    text
}

#[test]
fn a_thousand_subjects_in_one_pass_equal_a_thousand_single_runs() {
    let n = 1000;
    let subjects = many_subjects(n);
    let text = many_corpus(n);
    let hay = text.as_bytes();
    let catalog = Catalog::builtin().unwrap();
    let file = FileStart { head: hay, at_hay: true, sql: None };
    let all = SubjectMatcher::new(
        subjects.clone(),
        &catalog,
        MatchOptions::default(),
    )
    .unwrap();
    let mut combined = Vec::new();
    all.find(hay, 0..hay.len(), file, &mut combined);
    let combined: BTreeSet<(usize, usize, u32, u32)> = combined
        .iter()
        .map(|h| (h.span.start, h.span.end, h.subject, h.ident))
        .collect();
    let mut single = BTreeSet::new();
    for (i, s) in subjects.into_iter().enumerate() {
        let one =
            SubjectMatcher::new(vec![s], &catalog, MatchOptions::default())
                .unwrap();
        let mut hits = Vec::new();
        one.find(hay, 0..hay.len(), file, &mut hits);
        single.extend(
            hits.iter().map(|h| (h.span.start, h.span.end, i as u32, h.ident)),
        );
    }
    assert_eq!(combined, single);
    // Every third subject: email, name and account once, phone and SSN
    // twice each.
    assert_eq!(combined.len(), n.div_ceil(3) * 7);
}

#[test]
fn subjects_file_run_equals_single_cli_runs() {
    let n = 12;
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.log", many_corpus(n).as_bytes());
    let subjects: Vec<Value> = (0..n)
        .map(|i| {
            let (e, p, s) = person(i);
            serde_json::json!({"id": format!("s{i}"), "email": e, "phone": p, "ids": {"us_ssn": s}})
        })
        .collect();
    let file = write(
        dir.path(),
        "../subjects.json",
        serde_json::to_string(&serde_json::json!({ "subjects": subjects }))
            .unwrap()
            .as_bytes(),
    );
    let (together, code) =
        occurrences(dir.path(), &["--subjects", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    let key = |o: &Value| {
        (
            o["subject"].as_str().unwrap().to_string(),
            o["start"].as_u64().unwrap(),
            o["end"].as_u64().unwrap(),
            o["identifier"].as_str().unwrap().to_string(),
        )
    };
    let together: BTreeSet<_> = together.iter().map(key).collect();
    let mut apart = BTreeSet::new();
    for i in [0, 1, 3, 6, 9] {
        let (e, p, s) = person(i);
        let ssn = format!("us_ssn={s}");
        let label = format!("s{i}");
        let (found, _) = occurrences(
            dir.path(),
            &["--email", &e, "--phone", &p, "--id", &ssn, "--label", &label],
        );
        apart.extend(found.iter().map(key));
    }
    let subset: BTreeSet<_> = together
        .iter()
        .filter(|k| ["s0", "s1", "s3", "s6", "s9"].contains(&k.0.as_str()))
        .cloned()
        .collect();
    assert_eq!(subset, apart);
    // s1 is not in the corpus; the others five times each.
    assert_eq!(apart.len(), 4 * 5);
}

#[test]
fn erase_keeps_mode_and_never_writes_through_a_symlink() {
    let dir = tree();
    let log = dir.path().join("logs/app.log");
    fs::set_permissions(&log, fs::Permissions::from_mode(0o640)).unwrap();
    let target = write(dir.path(), "../elsewhere.log", LOG.as_bytes());
    let link = dir.path().join("link.log");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = piiscan()
        .current_dir(dir.path())
        .args(["subject", "--email", "jane.doe@acme-mail.com", "--erase"])
        .args(["logs/app.log", "link.log"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "the symlink is refused");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("link.log: is a symbolic link"), "{err}");
    assert!(err.contains("erased logs/app.log: email 1"), "{err}");
    assert_eq!(fs::read_to_string(&target).unwrap(), LOG);
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    let mode = fs::metadata(&log).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(!fs::read_to_string(&log).unwrap().contains("jane.doe@"));
}

#[test]
fn printed_paths_are_escaped_for_the_terminal() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "evil\x1b[31m.log", b"user=jane.doe@acme-mail.com\n");
    let out = piiscan()
        .current_dir(dir.path())
        .args(["subject", "--email", "jane.doe@acme-mail.com", "--erase", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stdout.contains(&0x1b), "raw ESC on stdout");
    assert!(!out.stderr.contains(&0x1b), "raw ESC on stderr");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("evil\\u{1b}[31m.log:1:6"), "{stdout}");
}

/// Members of archives are searched and exported like files, named
/// `a.zip!b.csv`; erasing inside them is refused by name, never skipped.
#[test]
fn members_of_archives_are_searched_exported_and_never_silently_skipped() {
    let dir = TempDir::new().unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("customers.csv", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(
        b"id,email,phone\n1,jane.doe@acme-mail.com,415.555.0100\n\
          2,bob.smith@other-corp.com,+1 628 555 0199\n",
    )
    .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let archive = write(dir.path(), "exports.zip", &bytes);
    let out = piiscan()
        .args(["subject", "--email", "jane.doe@acme-mail.com"])
        .args(["--format", "jsonl"])
        .arg(&archive)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &Value| v.get("path").is_some())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let member = format!("{}!customers.csv", archive.display());
    assert_eq!(found[0]["path"], member.as_str());
    assert_eq!(found[0]["line"], 2);

    let exp = dir.path().join("export");
    piiscan()
        .args(["subject", "--email", "jane.doe@acme-mail.com", "--export"])
        .arg(&exp)
        .arg(&archive)
        .assert()
        .code(1);
    let index: Value =
        serde_json::from_slice(&fs::read(exp.join("index.json")).unwrap())
            .unwrap();
    let file = exp.join(index["subjects"][0]["file"].as_str().unwrap());
    let raw = fs::read_to_string(file).unwrap();
    assert!(raw.contains("jane.doe@acme-mail.com"));
    assert!(raw.contains("customers.csv"));
    assert!(!raw.contains("bob.smith@other-corp.com"), "{raw}");

    // Removing records inside an archive is refused by name, untouched.
    let out = piiscan()
        .args(["subject", "--email", "jane.doe@acme-mail.com"])
        .arg("--erase-records")
        .arg(&archive)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("exports.zip") && err.contains("not changed"));
    assert_eq!(fs::read(&archive).unwrap(), bytes);

    // Erasure rewrites the member inside the archive, nothing else.
    let out = piiscan()
        .args(["subject", "--email", "jane.doe@acme-mail.com", "--erase"])
        .arg(&archive)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("erased") && err.contains("email 1"), "{err}");
    let mut zip =
        zip::ZipArchive::new(fs::File::open(&archive).unwrap()).unwrap();
    let mut csv = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("customers.csv").unwrap(),
        &mut csv,
    )
    .unwrap();
    assert_eq!(
        csv,
        "id,email,phone\n1,[EMAIL],415.555.0100\n\
         2,bob.smith@other-corp.com,+1 628 555 0199\n"
    );
    piiscan()
        .args(["subject", "--email", "jane.doe@acme-mail.com"])
        .arg(&archive)
        .assert()
        .code(0);
}

/// `--erase-records` removes a CSV row whose quoted cells hold line
/// breaks whole, never one of its lines: from a plain file and from a
/// compressed one (read as a stream). The header row stays.
#[test]
fn records_spanning_lines_are_removed_whole() {
    let dir = TempDir::new().unwrap();
    let text =
        "id,email,note\n1,ann@corp-mail.net,\"first line\nsecond line\"\n\
                2,jane@old-mail.com,\"call her\nback\"\n\
                3,bob@corp-mail.net,\"jane@old-mail.com wrote:\r\n> hi\"\r\n\
                4,amy@corp-mail.net,plain\n";
    let kept =
        "id,email,note\n1,ann@corp-mail.net,\"first line\nsecond line\"\n\
                4,amy@corp-mail.net,plain\n";
    let file = write(dir.path(), "tickets.csv", text.as_bytes());
    let gz_of = |text: &str| {
        let mut gz = flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::default(),
        );
        std::io::Write::write_all(&mut gz, text.as_bytes()).unwrap();
        gz.finish().unwrap()
    };
    let gz = write(dir.path(), "old/tickets.csv.gz", &gz_of(text));
    // A dry run counts and changes nothing.
    let out = piiscan()
        .args(["subject", "--email", "jane@old-mail.com", "--erase-records"])
        .arg("--dry-run")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 records removed"), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
    piiscan()
        .args(["subject", "--email", "jane@old-mail.com", "--erase-records"])
        .arg(&file)
        .arg(&gz)
        .assert()
        .code(1);
    assert_eq!(fs::read_to_string(&file).unwrap(), kept);
    let mut now = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::MultiGzDecoder::new(&fs::read(&gz).unwrap()[..]),
        &mut now,
    )
    .unwrap();
    assert_eq!(now, kept);
}

/// A CSV row whose quoted cell holds line breaks (a ticket's text) is
/// exported whole, every cell under its header, from a plain file and
/// from a compressed one (read as a stream); third parties in the
/// multi-line cell are still tagged.
#[test]
fn exports_hold_whole_rows_that_span_lines() {
    let dir = TempDir::new().unwrap();
    let text = "id,email,note\r\n\
        1,ann@corp-mail.net,\"first line\r\nsecond line\"\r\n\
        2,jane@old-mail.com,\"call her\r\nback, \"\"ext. 12\"\"\r\n\
        cc bob.smith@other-corp.com\"\r\n\
        3,jane@old-mail.com,short\r\n";
    let plain = write(dir.path(), "in/tickets.csv", text.as_bytes());
    let mut gz = flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    );
    std::io::Write::write_all(&mut gz, text.as_bytes()).unwrap();
    write(dir.path(), "in/old/tickets.csv.gz", &gz.finish().unwrap());
    let exp = dir.path().join("export");
    let out = piiscan()
        .args(["subject", "--email", "jane@old-mail.com", "--format"])
        .args(["jsonl", "--export"])
        .arg(&exp)
        .arg(dir.path().join("in"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // Occurrences keep their own lines.
    let lines: BTreeSet<u64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["line"].as_u64())
        .collect();
    assert_eq!(lines, BTreeSet::from([4, 7]));
    let index: Value =
        serde_json::from_slice(&fs::read(exp.join("index.json")).unwrap())
            .unwrap();
    let file = exp.join(index["subjects"][0]["file"].as_str().unwrap());
    let doc: Value = serde_json::from_slice(&fs::read(file).unwrap()).unwrap();
    let records = doc["records"].as_array().unwrap();
    assert_eq!(records.len(), 4, "{doc:#}");
    for source in [plain.to_str().unwrap().to_string(), {
        let gz = dir.path().join("in/old/tickets.csv.gz");
        gz.to_str().unwrap().to_string()
    }] {
        let rows: Vec<&Value> = records
            .iter()
            .filter(|r| r["source"] == source.as_str())
            .collect();
        assert_eq!(rows.len(), 2, "{source}: {doc:#}");
        assert_eq!(rows[0]["line"], 4);
        assert_eq!(
            rows[0]["record"],
            serde_json::json!({
                "id": "2",
                "email": "jane@old-mail.com",
                "note": "call her\r\nback, \"ext. 12\"\r\ncc [EMAIL]",
            })
        );
        assert_eq!(rows[1]["line"], 7);
        assert_eq!(rows[1]["record"]["note"], "short");
    }
}

#[test]
fn correcting_a_value_also_given_as_an_identifier() {
    let dir = TempDir::new().unwrap();
    let file = write(dir.path(), "a.log", b"mail jane@old-mail.com now\n");
    piiscan()
        .args(["subject", "--email", "jane@old-mail.com", "--correct"])
        .arg("email=jane@old-mail.com=jane@new-mail.org")
        .arg(&file)
        .assert()
        .code(1);
    assert_eq!(fs::read(&file).unwrap(), b"mail jane@new-mail.org now\n");
}

#[test]
fn erase_and_correct_inside_a_spreadsheet() {
    let dir = TempDir::new().unwrap();
    let book = dir.path().join("contacts.xlsx");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/documents/contacts.xlsx"),
        &book,
    )
    .unwrap();
    let old = "olivia.brown@corp-mail.net";
    let values = |book: &Path| -> Vec<String> {
        let out = piiscan()
            .args(["scan", "--reveal", "--format", "jsonl", "--only"])
            .arg("email")
            .arg(book)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .map(|v| v["value"].as_str().unwrap().to_string())
            .collect()
    };
    let before = values(&book);
    assert!(before.iter().any(|v| v == old), "{before:?}");
    // Occurrences are named by cell, as `scan` names findings.
    let out = piiscan()
        .args(["subject", "--format", "jsonl", "--email", old])
        .arg(&book)
        .output()
        .unwrap();
    let first: Value = serde_json::from_str(
        String::from_utf8_lossy(&out.stdout).lines().next().unwrap(),
    )
    .unwrap();
    let path = first["path"].as_str().unwrap();
    assert!(path.ends_with("contacts.xlsx!Customers!C2"), "{path}");
    assert_eq!((&first["line"], &first["column"]), (&1.into(), &1.into()));
    let correction = format!("email={old}=o.brown@new-mail.org");
    piiscan()
        .args(["subject", "--correct", &correction])
        .arg(&book)
        .assert()
        .code(1);
    let after = values(&book);
    assert!(!after.iter().any(|v| v == old), "{after:?}");
    assert!(after.iter().any(|v| v == "o.brown@new-mail.org"));
    // Every other address is where it was.
    assert_eq!(after.len(), before.len());
    piiscan()
        .args(["subject", "--email", "o.brown@new-mail.org", "--erase"])
        .arg(&book)
        .assert()
        .code(1);
    let erased = values(&book);
    assert_eq!(erased.len(), before.len() - 1, "{erased:?}");
    piiscan()
        .args(["subject", "--email", "o.brown@new-mail.org"])
        .arg(&book)
        .assert()
        .code(0);
}

/// A pretty-printed JSON export (`{"users": [...]}`), plain and gzip.
const USERS_JSON: &str = r#"{
  "exported": "2024-03-15",
  "users": [
    {
      "id": 1,
      "email": "ann@corp-mail.net",
      "notes": ["likes [brackets]", {"seen": "2024-01-02"}]
    },
    {
      "id": 2,
      "email": "jane@old-mail.com",
      "phone": "+1 415 555 0142",
      "manager": "bob.smith@other-corp.com"
    },
    {"id": 3, "email": "carl@corp-mail.net"}
  ]
}
"#;

/// Run `subject ARGS --export EXP INPUT` (expecting exit code 1) and
/// return the first subject's exported records.
fn exported_records(args: &[&str], exp: &Path, input: &Path) -> Vec<Value> {
    let out = piiscan()
        .arg("subject")
        .args(args)
        .arg("--export")
        .arg(exp)
        .arg(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let index: Value =
        serde_json::from_slice(&fs::read(exp.join("index.json")).unwrap())
            .unwrap();
    let file = exp.join(index["subjects"][0]["file"].as_str().unwrap());
    let doc: Value = serde_json::from_slice(&fs::read(file).unwrap()).unwrap();
    doc["records"].as_array().unwrap().clone()
}

#[test]
fn exports_hold_whole_objects_of_json_documents() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "in/users.json", USERS_JSON.as_bytes());
    write(dir.path(), "in/old/users.json.gz", &gzip(USERS_JSON.as_bytes()));
    let exp = dir.path().join("export");
    let records = exported_records(
        &["--email", "jane@old-mail.com"],
        &exp,
        &dir.path().join("in"),
    );
    assert_eq!(records.len(), 2, "{records:#?}");
    for r in &records {
        assert_eq!(r["format"], "json");
        // The object starts on line 9; its other fields come with it,
        // a third party's address redacted.
        assert_eq!(r["line"], 9);
        assert_eq!(
            r["record"],
            serde_json::json!({
                "id": 2,
                "email": "jane@old-mail.com",
                "phone": "[PHONE]",
                "manager": "[EMAIL]",
            }),
            "{records:#?}"
        );
    }
}

#[test]
fn erase_records_removes_json_objects_and_keeps_the_document_valid() {
    let dir = TempDir::new().unwrap();
    let plain = write(dir.path(), "users.json", USERS_JSON.as_bytes());
    let gz =
        write(dir.path(), "old/users.json.gz", &gzip(USERS_JSON.as_bytes()));
    let out = piiscan()
        .args(["subject", "--email", "jane@old-mail.com", "--erase-records"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let plain_after = fs::read(&plain).unwrap();
    let mut gz_after = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&fs::read(&gz).unwrap()[..]),
        &mut gz_after,
    )
    .unwrap();
    assert_eq!(plain_after, gz_after);
    let mut want: Value = serde_json::from_str(USERS_JSON).unwrap();
    want["users"].as_array_mut().unwrap().remove(1);
    let got: Value = serde_json::from_slice(&plain_after).unwrap();
    assert_eq!(got, want);
    // Every other byte stays: the text is the original minus the object
    // and the comma before it.
    let removed =
        &USERS_JSON[USERS_JSON.find(",\n    {\n      \"id\": 2").unwrap()
            ..USERS_JSON.find(",\n    {\"id\": 3").unwrap()];
    assert_eq!(
        String::from_utf8(plain_after).unwrap(),
        USERS_JSON.replacen(removed, "", 1)
    );
}

/// `--erase-records` of jane@old-mail.com refuses each (file name, text)
/// with a reason naming it, and leaves the file as it was.
fn erase_records_refuses(cases: &[(&str, &str, &str)]) {
    let dir = TempDir::new().unwrap();
    for &(name, text, reason) in cases {
        let path = write(dir.path(), name, text.as_bytes());
        let out = piiscan()
            .args([
                "subject",
                "--email",
                "jane@old-mail.com",
                "--erase-records",
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(reason) && err.contains(name), "{name}: {err}");
        assert_eq!(fs::read(&path).unwrap(), text.as_bytes(), "{name}");
    }
}

#[test]
fn json_objects_are_not_removed_where_no_object_holds_the_value() {
    let cases = [
        // A top-level field: no record to remove.
        ("top.json", "{\n  \"owner\": \"jane@old-mail.com\",\n  \"items\": [{\"a\": 1}]\n}\n", "outside every record"),
        // A plain list value.
        ("list.json", "{\n  \"emails\": [\n    \"jane@old-mail.com\"\n  ]\n}\n", "outside every record"),
        // Cut short: not a document.
        ("cut.json", "[\n  {\"email\": \"jane@old-mail.com\"},\n", "does not parse"),
    ];
    erase_records_refuses(&cases);
}

/// Seed data as YAML: entries of a list under a key, one with a block
/// scalar and a nested list, a comment between entries.
const SEED_YAML: &str = "\
# Staging seed.
customers:
  - id: 1
    email: ann@corp-mail.net
  # Jane moved in March.
  - id: 2
    full_name: Jane Roe
    email: jane@old-mail.com
    note: |
      # not a comment: part of the note
      call before noon
    phones:
      - +1 415 555 0142
  - id: 3
    email: carl@corp-mail.net
settings:
  region: eu
";

#[test]
fn yaml_entries_are_exported_and_removed_whole() {
    let dir = TempDir::new().unwrap();
    let plain = write(dir.path(), "seed.yaml", SEED_YAML.as_bytes());
    let gz = write(dir.path(), "old/seed.yml.gz", &gzip(SEED_YAML.as_bytes()));
    let exp = dir.path().join("export");
    let records = exported_records(
        &["--email", "jane@old-mail.com", "--name", "Jane Roe"],
        &exp,
        dir.path(),
    );
    assert_eq!(records.len(), 2, "{records:#?}");
    for r in &records {
        assert_eq!(r["format"], "yaml");
        assert_eq!(r["line"], 6);
        assert_eq!(
            r["record"],
            serde_json::json!({
                "id": 2,
                "full_name": "Jane Roe",
                "email": "jane@old-mail.com",
                "note": "# not a comment: part of the note\ncall before noon\n",
                "phones": ["[PHONE]"],
            }),
            "{records:#?}"
        );
    }

    let out = piiscan()
        .args(["subject", "--email", "jane@old-mail.com", "--erase-records"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let want = SEED_YAML.replace(
        "  - id: 2\n    full_name: Jane Roe\n    email: jane@old-mail.com\n    \
         note: |\n      # not a comment: part of the note\n      call before noon\n    \
         phones:\n      - +1 415 555 0142\n",
        "",
    );
    assert_ne!(want, SEED_YAML);
    assert_eq!(String::from_utf8(fs::read(&plain).unwrap()).unwrap(), want);
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&fs::read(&gz).unwrap()[..]),
        &mut unzipped,
    )
    .unwrap();
    assert_eq!(String::from_utf8(unzipped).unwrap(), want);
}

#[test]
fn yaml_entries_are_not_removed_when_the_rest_would_change() {
    let cases = [
        // Another entry refers to an anchor the subject's entry defines.
        (
            "anchor.yaml",
            "users:\n  - email: jane@old-mail.com\n    team: &t core\n  - email: x@corp-mail.net\n    team: *t\n",
            "would change the rest",
        ),
        // A top-level value.
        ("top.yaml", "owner: jane@old-mail.com\nusers:\n  - id: 1\n", "outside every record"),
        // Not YAML.
        ("bad.yaml", "users: [\n  jane@old-mail.com\n", "does not parse"),
    ];
    erase_records_refuses(&cases);
}

#[test]
fn erased_yaml_values_stay_strings() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "seed.yaml", SEED_YAML.as_bytes());
    let out = piiscan()
        .args(["subject", "--email", "jane@old-mail.com", "--erase"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let want =
        SEED_YAML.replace("email: jane@old-mail.com", "email: \"[EMAIL]\"");
    assert_ne!(want, SEED_YAML);
    assert_eq!(fs::read_to_string(&path).unwrap(), want);
}

#[test]
fn addresses_with_latin_letters_and_apostrophes_are_found_whole() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "mail.log",
        "to jürgen@bücher.de, o'brien@corp-mail.net\n请联系jane@example.com\n"
            .as_bytes(),
    );
    for (email, found) in [
        ("JÜRGEN@BÜCHER.DE", true),
        ("o'brien@corp-mail.net", true),
        ("jane@example.com", true),
        // Parts of an address are not the address.
        ("rgen@bücher.de", false),
        ("brien@corp-mail.net", false),
    ] {
        let out = piiscan()
            .args(["subject", "--email", email])
            .arg(&path)
            .output()
            .unwrap();
        let code = if found { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(code), "{email}: {out:?}");
    }
}

#[test]
fn names_are_found_as_systems_without_diacritics_store_them() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "crm.log",
        "a Jürgen Müller\nb JÜRGEN MÜLLER\nc Jurgen Muller\nd Juergen Mueller\n\
         e Müller, Jürgen\nf Jürgen Schmidt\n"
            .as_bytes(),
    );
    let out = piiscan()
        .args(["subject", "--name", "Jürgen Müller", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let lines: Vec<u64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["line"].as_u64())
        .collect();
    assert_eq!(lines, [1, 2, 3, 4, 5]);
}

/// A name kept in two fields (CRM exports: `first_name,last_name`
/// columns, JSON `"first_name"`/`"last_name"`) is found, as its two
/// parts, and erasing it keeps every separator and key between them.
#[test]
fn names_split_over_fields_are_found_and_erased_field_by_field() {
    let dir = TempDir::new().unwrap();
    let csv = write(
        dir.path(),
        "crm.csv",
        b"id,first_name,last_name,city\n1,Jane,Roe,Paris\n2,\"Jane\",\"Roe\",Lyon\n\
          3,Roe,Jane,Nice\n4,Jane,Smith,Nice\n",
    );
    let json = write(
        dir.path(),
        "events.jsonl",
        b"{\"first_name\": \"Jane\", \"last_name\": \"Roe\", \"id\": 1}\n\
          {\"firstName\":\"Jane\",\"lastName\":\"Smith\"}\n",
    );
    let out = piiscan()
        .args(["subject", "--name", "Jane Roe", "--erase"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        fs::read_to_string(&csv).unwrap(),
        "id,first_name,last_name,city\n\
         1,[PERSON_NAME],[PERSON_NAME],Paris\n\
         2,\"[PERSON_NAME]\",\"[PERSON_NAME]\",Lyon\n\
         3,[PERSON_NAME],[PERSON_NAME],Nice\n\
         4,Jane,Smith,Nice\n"
    );
    let text = fs::read_to_string(&json).unwrap();
    let first: Value =
        serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(
        first,
        serde_json::json!({"first_name": "[PERSON_NAME]", "last_name": "[PERSON_NAME]", "id": 1})
    );
    assert!(
        text.ends_with("{\"firstName\":\"Jane\",\"lastName\":\"Smith\"}\n")
    );
}
