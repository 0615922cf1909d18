//! The real binary against temporary trees: schema, exit codes, ordering,
//! compressed inputs and every bad-input case.

use std::io::Write;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::gzip;

fn piiscan() -> Command {
    let mut cmd = Command::cargo_bin("piiscan").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn write(dir: &Path, rel: &str, data: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, data).unwrap();
}

fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const SAMPLE: &str =
    "2024-03-01T12:00:00Z user=jane.doe@acme-mail.com ip=8.8.4.4\n\
request 3f2b1c9e-8d7a-4c3b-9e1f-0a2b3c4d5e6f took 1700000000123 ms\n\
payment card 4929 1234 5678 9015 ssn 219-09-9999\n";

#[test]
fn jsonl_follows_the_finding_schema_exactly() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.log", SAMPLE.as_bytes());
    let out = piiscan()
        .current_dir(dir.path())
        .args(["scan", "a.log", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("jane.doe"), "raw value printed: {text}");
    let kinds: Vec<String> = jsonl(text.as_bytes())
        .iter()
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["email", "ipv4", "credit_card", "us_ssn"], "{text}");
    let keys = [
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
    for line in text.lines() {
        let v: serde_json::Map<String, Value> =
            serde_json::from_str(line).unwrap();
        let got: Vec<&str> = v.keys().map(|k| k.as_str()).collect();
        // serde_json's map keeps keys sorted; compare sets, then order
        // from the raw text.
        for key in keys {
            assert!(got.contains(&key), "missing {key} in {line}");
        }
        let positions: Vec<usize> = keys
            .iter()
            .map(|k| line.find(&format!("\"{k}\":")).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "order: {line}");
        assert!(!v.contains_key("value"));
        let (start, end) =
            (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
        assert!(start < end);
    }
    let first = &jsonl(text.as_bytes())[0];
    assert_eq!(first["path"], "a.log");
    assert_eq!(first["line"], 1);
    assert_eq!(first["column"], 27);
    assert_eq!(first["start"], 26);
    assert_eq!(first["end"], 26 + "jane.doe@acme-mail.com".len());
    assert_eq!(first["masked"], "j***@a********.com");
    let ssn = &jsonl(text.as_bytes())[3];
    assert_eq!(ssn["line"], 3);
    assert_eq!(ssn["sensitive"], true);
    assert_eq!(ssn["synthetic"], true);
}

#[test]
fn reveal_adds_the_raw_value() {
    let out = piiscan()
        .args(["scan", "-", "--format", "jsonl", "--reveal"])
        .write_stdin("mail jane.doe@acme-mail.com\n")
        .output()
        .unwrap();
    let f = &jsonl(&out.stdout)[0];
    assert_eq!(f["value"], "jane.doe@acme-mail.com");
    assert_eq!(f["path"], "-");
}

#[test]
fn exit_codes_follow_grep() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "clean.txt", b"nothing personal here 1.2.3\n");
    write(dir.path(), "pii.txt", b"mail jane.doe@acme-mail.com\n");
    piiscan().arg("scan").arg(dir.path().join("clean.txt")).assert().code(0);
    piiscan().arg("scan").arg(dir.path().join("pii.txt")).assert().code(1);
    piiscan().arg("scan").arg(dir.path().join("missing.txt")).assert().code(2);
    piiscan().args(["scan", "--only", "emial"]).assert().code(2);
}

#[test]
fn text_format_is_path_line_col_kind_confidence_masked() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.log", b"x\nmail jane.doe@acme-mail.com\n");
    let out = piiscan()
        .current_dir(dir.path())
        .args(["scan", "a.log", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "a.log:2:6 email 1.00 j***@a********.com\n"
    );
}

/// A file larger than two chunks, so one-file parallelism really splits it.
fn big_log() -> Vec<u8> {
    let mut data = Vec::new();
    let mut i = 0u64;
    while data.len() < 10 << 20 {
        i += 1;
        if i % 97 == 0 {
            writeln!(
                data,
                "{i} login user{i}@acme-mail.com from 10.1.{}.{}",
                i % 250,
                i % 199
            )
            .unwrap();
        } else {
            writeln!(
                data,
                "{i} GET /api/v1/items/{} 200 {} ms",
                i * 7,
                i % 1000
            )
            .unwrap();
        }
    }
    data
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = TempDir::new().unwrap();
    let big = big_log();
    write(dir.path(), "big.log", &big);
    for i in 0..40 {
        write(
            dir.path(),
            &format!("tree/d{}/f{i}.log", i % 5),
            format!("user{i}@acme-mail.com 10.0.0.{i}\n").as_bytes(),
        );
    }
    let run = |threads: &str| {
        piiscan()
            .current_dir(dir.path())
            .args(["scan", ".", "--format", "jsonl", "-j", threads])
            .output()
            .unwrap()
    };
    let one = run("1");
    let two = run("2");
    let four = run("4");
    assert_eq!(one.status.code(), Some(1));
    assert!(one.stdout == two.stdout, "-j1 and -j2 differ");
    assert!(one.stdout == four.stdout, "-j1 and -j4 differ");
    let findings = jsonl(&one.stdout);
    let in_big = findings.iter().filter(|f| f["path"] == "./big.log").count();
    let expected_big =
        String::from_utf8_lossy(&big).matches("@acme-mail.com").count();
    // Every planted email in the big file, plus its IP on the same line.
    assert_eq!(in_big, 2 * expected_big);
    // Ordered by path, then offset.
    let keys: Vec<(String, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["start"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn compressed_inputs_are_read_transparently() {
    let dir = TempDir::new().unwrap();
    let plain = b"line one\nmail jane.doe@acme-mail.com\n";
    write(dir.path(), "plain.log", plain);
    // Two gzip members: the second holds the finding.
    let mut multi = gzip(b"line one\n");
    multi.extend(gzip(b"mail jane.doe@acme-mail.com\n"));
    write(dir.path(), "multi.log.gz", &multi);
    write(dir.path(), "z.log.zst", &zstd::encode_all(&plain[..], 3).unwrap());
    let out = piiscan()
        .current_dir(dir.path())
        .args(["scan", ".", "--format", "jsonl"])
        .output()
        .unwrap();
    let findings = jsonl(&out.stdout);
    assert_eq!(findings.len(), 3, "{findings:?}");
    for f in &findings {
        assert_eq!(f["start"], 14, "{f}");
        assert_eq!(f["line"], 2, "{f}");
    }
}

#[test]
fn a_bad_input_is_reported_and_the_rest_is_scanned() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.log", b"mail jane.doe@acme-mail.com\n");
    let mut truncated =
        gzip(b"mail jane.doe@acme-mail.com\n".repeat(200).as_slice());
    truncated.truncate(truncated.len() / 2);
    write(dir.path(), "truncated.log.gz", &truncated);
    write(dir.path(), "garbage.log.zst", b"\x28\xb5\x2f\xfd garbage garbage");
    std::os::unix::fs::symlink(
        dir.path().join("nowhere"),
        dir.path().join("dangling"),
    )
    .unwrap();
    let out = piiscan()
        .current_dir(dir.path())
        .args([
            "scan",
            "good.log",
            "truncated.log.gz",
            "garbage.log.zst",
            "dangling",
        ])
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for name in ["truncated.log.gz", "garbage.log.zst", "dangling"] {
        assert!(
            stderr.lines().any(|l| l.contains(name)),
            "no error line for {name}: {stderr}"
        );
    }
    assert!(!stderr.contains("jane.doe"));
    let findings = jsonl(&out.stdout);
    assert!(findings.iter().any(|f| f["path"] == "good.log"));
}

#[test]
fn decompression_cap_reports_partial() {
    let dir = TempDir::new().unwrap();
    let data = b"mail jane.doe@acme-mail.com\n".repeat(10_000);
    write(dir.path(), "bomb.log.gz", &gzip(&data));
    let out = piiscan()
        .current_dir(dir.path())
        .args(["scan", "bomb.log.gz", "--max-decompressed", "64K"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("bomb.log.gz") && stderr.contains("partial"),
        "{stderr}"
    );
}

#[test]
fn binary_files_are_skipped_unless_asked() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "blob.bin", b"\x00\x01mail jane.doe@acme-mail.com\n");
    piiscan().current_dir(dir.path()).args(["scan", "."]).assert().code(0);
    piiscan()
        .current_dir(dir.path())
        .args(["scan", ".", "--binary"])
        .assert()
        .code(1);
    let out = piiscan()
        .current_dir(dir.path())
        .args(["scan", ".", "--stats"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stderr).unwrap().contains("binary"));
}

#[test]
fn kind_selection() {
    let run = |args: &[&str]| {
        let out = piiscan()
            .args(["scan", "-", "--format", "jsonl"])
            .args(args)
            .write_stdin(SAMPLE)
            .output()
            .unwrap();
        jsonl(&out.stdout)
            .iter()
            .map(|f| f["kind"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(&["--only", "email,ipv4"]), ["email", "ipv4"]);
    assert_eq!(
        run(&["--exclude-kinds", "email,credit_card"]),
        ["ipv4", "us_ssn"]
    );
    assert!(run(&["--min-confidence", "1.0"]).len() < 4);
}

#[test]
fn other_formats_parse() {
    let run = |format: &str| {
        piiscan()
            .args(["scan", "-", "--format", format])
            .write_stdin(SAMPLE)
            .output()
            .unwrap()
            .stdout
    };
    let json: Value = serde_json::from_slice(&run("json")).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 4);
    let sarif: Value = serde_json::from_slice(&run("sarif")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 4);
    let csv = String::from_utf8(run("csv")).unwrap();
    assert_eq!(csv.lines().count(), 5);
    assert!(csv.starts_with("path,line,column,start,end,kind"));
}

#[test]
fn patterns_list_and_test() {
    let out = piiscan().args(["patterns", "list"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text
        .lines()
        .any(|l| l.starts_with("us_ssn") && l.contains("government")));

    let dir = TempDir::new().unwrap();
    let good = r#"schema = 1
family = "internal"

[[rule]]
id = "acme-customer-id"
kind = "username"
regex = '''\bACME-\d{8}\b'''
confidence = 0.9
  [[rule.positive]]
  text = "customer ACME-12345678 logged in"
  match = "ACME-12345678"
  [[rule.positive]]
  text = "ACME-00000001"
  [[rule.negative]]
  text = "ACME-1234"
  [[rule.negative]]
  text = "XACME-12345678"
"#;
    write(dir.path(), "good.toml", good.as_bytes());
    piiscan()
        .args(["patterns", "test"])
        .arg(dir.path().join("good.toml"))
        .assert()
        .code(0);
    // An example that fails names the file, the example's line and the rule.
    let failing =
        good.replace("text = \"ACME-1234\"", "text = \"ACME-12340000\"");
    write(dir.path(), "failing.toml", failing.as_bytes());
    let out = piiscan()
        .args(["patterns", "test"])
        .arg(dir.path().join("failing.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "failing.toml:14: rule acme-customer-id: negative example matched"
        ),
        "{err}"
    );
    // A file that does not load names the line.
    let broken = good.replace("kind = \"username\"", "kind = \"usrname\"");
    write(dir.path(), "broken.toml", broken.as_bytes());
    let out = piiscan()
        .args(["patterns", "test"])
        .arg(dir.path().join("broken.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("broken.toml:4: rule acme-customer-id: unknown kind"),
        "{err}"
    );
    // Several errors in a file given with --patterns: one line each.
    let two = broken.replace("confidence = 0.9", "confidence = 1.9");
    let bad = dir.path().join("bad");
    write(&bad, "two.toml", two.as_bytes());
    let out = piiscan()
        .args(["scan", "-", "--patterns"])
        .arg(&bad)
        .write_stdin("x\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines.iter().all(|l| l.starts_with("piiscan: ")), "{err}");
    assert!(lines[1].contains("confidence 1.9 is outside [0, 1]"), "{err}");

    // User patterns extend a scan.
    let pats = dir.path().join("pats");
    write(&pats, "acme.toml", good.as_bytes());
    let out = piiscan()
        .args(["scan", "-", "--format", "jsonl", "--patterns"])
        .arg(&pats)
        .write_stdin("id ACME-12345678\n")
        .output()
        .unwrap();
    assert_eq!(jsonl(&out.stdout)[0]["pattern"], "acme-customer-id");
}

/// A one-line JSON export (no newline for megabytes) with an email placed
/// across each point where a line longer than two chunks used to be cut
/// blindly (every 4 MiB). Every email is found, mapped or streamed, with
/// any thread count.
#[test]
fn values_in_a_very_long_line_are_not_cut() {
    const BLIND_CUT: usize = 2 * piiscan::input::CHUNK_SIZE;
    let mut json = String::from("[");
    let mut emails = 0usize;
    let mut n = 0usize;
    while json.len() < 9 << 20 {
        let object =
            format!(r#"{{"id":{n},"email":"customer{n}@acme-mail.com"}},"#);
        let at = object.find("customer").unwrap();
        let next_cut = (json.len() / BLIND_CUT + 1) * BLIND_CUT;
        let gap = next_cut - json.len();
        if gap < 200 {
            // A padding object `{"p":"xx…"},` (k + 9 bytes) so that this
            // email starts 5 bytes before the cut.
            let k = gap - 5 - at - 9;
            json.push_str(&format!(r#"{{"p":"{}"}},"#, "x".repeat(k)));
            assert_eq!(json.len() + at, next_cut - 5);
        }
        json.push_str(&object);
        emails += 1;
        n += 1;
    }
    json.push_str(r#"{"end":true}]"#);
    let tmp = TempDir::new().unwrap();
    // 9 MiB is streamed; the first 6 MiB (cut after an object) is mapped.
    write(tmp.path(), "big.json", json.as_bytes());
    let small_end = json[..6 << 20].rfind("},").unwrap() + 2;
    let small = format!("{}{{}}]", &json[..small_end]);
    let small_emails = small.matches("@acme-mail.com").count();
    write(tmp.path(), "small.json", small.as_bytes());
    for (file, want) in [("big.json", emails), ("small.json", small_emails)] {
        let mut outputs = Vec::new();
        for j in ["-j1", "-j2"] {
            let out = piiscan()
                .args(["scan", "--format", "jsonl", "--only", "email", j])
                .arg(tmp.path().join(file))
                .output()
                .unwrap();
            let found = jsonl(&out.stdout);
            assert_eq!(found.len(), want, "{file} {j}");
            outputs.push(out.stdout);
        }
        assert_eq!(outputs[0], outputs[1], "{file}");
    }
}

/// A SQL dump too big for one chunk, compressed so it is streamed: the
/// `CREATE TABLE` (for `mysqldump`'s column-less `INSERT`s) and the `COPY`
/// line (for `pg_dump`'s rows) sit in the first chunk, and their columns
/// still name the cells of rows megabytes later.
#[test]
fn sql_dump_columns_carry_across_streamed_chunks() {
    let (dump, rows) = common::sql_dump();
    let dir = TempDir::new().unwrap();
    write(dir.path(), "dump.sql.gz", &gzip(dump.as_bytes()));
    let out = piiscan()
        .current_dir(dir.path())
        .args(["scan", "dump.sql.gz", "--format", "jsonl", "--only", "us_ssn"])
        .output()
        .unwrap();
    let findings = jsonl(&out.stdout);
    assert_eq!(findings.len(), rows, "one SSN per row, none after the block");
    let last = findings.last().unwrap()["start"].as_u64().unwrap();
    assert!(last > 5 << 20, "rows in late chunks are read: {last}");
}
