//! The CI gate through the real binary, in real git repositories created in
//! temporary directories: staged and since-REV scope, baselines (silencing,
//! line moves, updates, what the file reveals), inline allows, fingerprint
//! allows, synthetic values, config errors and SARIF.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// Two real-looking (not synthetic) emails and other values.
const JANE: &str = "jane.roe@acme-mail.com";
const BOB: &str = "bob.stone@contoso-corp.com";
const ANN: &str = "ann.lee@fabrikam-mail.com";
const SSN: &str = "536-22-1234";

fn isolate(cmd: &mut Command, home: &Path) {
    cmd.env("HOME", home)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@localhost")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@localhost")
        .env_remove("PIISCAN_BASELINE_KEY")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("NO_COLOR");
}

fn git(dir: &Path, args: &[&str]) {
    let mut cmd = Command::new("git");
    isolate(&mut cmd, dir);
    let out = cmd.current_dir(dir).args(args).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

fn repo() -> TempDir {
    let dir = TempDir::new().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    dir
}

fn commit_all(dir: &Path, msg: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", msg]);
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn piiscan(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("piiscan").unwrap();
    isolate(&mut cmd, dir);
    cmd.current_dir(dir).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// (path, line, kind) of each jsonl finding.
fn found(out: &Output) -> Vec<(String, u64, String)> {
    stdout(out)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["path"].as_str().unwrap().to_string(),
                v["line"].as_u64().unwrap(),
                v["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn f(path: &str, line: u64, kind: &str) -> (String, u64, String) {
    (path.to_string(), line, kind.to_string())
}

#[test]
fn staged_scans_only_staged_changes() {
    let dir = repo();
    let d = dir.path();
    write(d, "fixtures/users.txt", &format!("old {JANE}\nplain line\n"));
    write(d, "other.txt", "nothing here\n");
    commit_all(d, "init");

    // Staged: a new line in a tracked file, and a new file.
    write(
        d,
        "fixtures/users.txt",
        &format!("old {JANE}\nplain line\nnew {BOB}\n"),
    );
    write(d, "added.txt", &format!("x\n{SSN} ssn\n"));
    git(d, &["add", "fixtures/users.txt", "added.txt"]);
    // Unstaged edits, untracked files and pre-existing content are ignored;
    // the staged line still counts after it was removed from the work tree.
    write(
        d,
        "fixtures/users.txt",
        &format!("old {JANE}\nplain line\n{ANN}\n"),
    );
    write(d, "other.txt", &format!("nothing here\n{ANN}\n"));
    write(d, "untracked.txt", &format!("{ANN}\n"));

    let out = piiscan(d, &["scan", "--staged", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        found(&out),
        [f("added.txt", 2, "us_ssn"), f("fixtures/users.txt", 3, "email")]
    );
    assert!(!stdout(&out).contains("bob.stone"), "masked by default");
    assert!(
        stderr(&out).contains("gate failed: 2 findings"),
        "{}",
        stderr(&out)
    );
    // And says how to let a value through.
    assert!(
        stderr(&out).contains("piiscan:allow KIND")
            && stderr(&out).contains("piiscan baseline"),
        "{}",
        stderr(&out)
    );

    // Pathspecs narrow the scope; from a subdirectory, paths stay
    // relative to it.
    let out =
        piiscan(d, &["scan", "--staged", "--format", "jsonl", "fixtures"]);
    assert_eq!(found(&out), [f("fixtures/users.txt", 3, "email")]);
    let out = piiscan(
        &d.join("fixtures"),
        &["scan", "--staged", "--format", "jsonl"],
    );
    assert_eq!(
        found(&out),
        [f("../added.txt", 2, "us_ssn"), f("users.txt", 3, "email")]
    );

    // Nothing staged: nothing to report.
    commit_all(d, "second");
    let out = piiscan(d, &["scan", "--staged"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn staged_reads_renames_deletions_and_compressed_blobs() {
    let dir = repo();
    let d = dir.path();
    write(d, "a.txt", &format!("{JANE}\n"));
    write(d, "gone.txt", &format!("{BOB}\n"));
    commit_all(d, "init");
    git(d, &["mv", "a.txt", "renamed.txt"]);
    git(d, &["rm", "-q", "gone.txt"]);
    let out = piiscan(d, &["scan", "--staged", "--format", "jsonl"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "pure rename adds no lines: {out:?}"
    );

    let mut gz =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, format!("log {ANN}\n").as_bytes())
        .unwrap();
    std::fs::write(d.join("log.gz"), gz.finish().unwrap()).unwrap();
    git(d, &["add", "log.gz"]);
    let out = piiscan(d, &["scan", "--staged", "--format", "jsonl"]);
    assert_eq!(found(&out), [f("log.gz", 1, "email")], "{out:?}");
}

#[test]
fn since_reports_lines_changed_since_a_revision() {
    let dir = repo();
    let d = dir.path();
    write(d, "a.txt", &format!("{JANE}\nline\n"));
    commit_all(d, "one");
    write(d, "a.txt", &format!("{JANE}\nline\n{BOB}\n"));
    commit_all(d, "two");
    write(d, "new.txt", &format!("{ANN}\n"));

    let out = piiscan(d, &["scan", "--since", "HEAD~1", "--format", "jsonl"]);
    assert_eq!(
        found(&out),
        [f("a.txt", 3, "email"), f("new.txt", 1, "email")],
        "{out:?}"
    );
    let out = piiscan(d, &["scan", "--since", "HEAD", "--format", "jsonl"]);
    assert_eq!(found(&out), [f("new.txt", 1, "email")]);
    let out = piiscan(d, &["scan", "--since", "--output=x"]);
    assert_eq!(out.status.code(), Some(2));
    let out = piiscan(d, &["scan", "--since", "no-such-rev"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown revision"), "{}", stderr(&out));
}

#[test]
fn baseline_silences_exactly_its_findings() {
    let dir = repo();
    let d = dir.path();
    write(
        d,
        "fixtures/users.txt",
        &format!("{JANE}\nssn {SSN}\nfake bob@example.com\n"),
    );
    let out = piiscan(d, &["baseline"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stderr(&out).contains(".piiscan-baseline.json: 2 entries"));
    let text =
        std::fs::read_to_string(d.join(".piiscan-baseline.json")).unwrap();

    // Nothing a reader could use: no value, no digits of it, no line.
    // (Random salts and fingerprints are hex: they may hold "536" by
    // chance, so they are left out of the search.)
    let hex = regex::Regex::new("\"[0-9a-f]{32}\"").unwrap();
    let plain = hex.replace_all(&text, "\"\"");
    for leak in
        ["jane", "acme", "536", "1234", "\"line\"", "masked", "example"]
    {
        assert!(!plain.contains(leak), "{leak} in {text}");
    }
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["scheme"], "pbkdf2-hmac-sha256");
    assert!(doc["iterations"].as_u64().unwrap() >= 100_000);
    let entries = doc["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "synthetic values are not recorded");
    assert_eq!(
        text.lines().filter(|l| l.contains("\"fingerprint\"")).count(),
        2
    );

    let out = piiscan(d, &["scan", "--baseline", ".piiscan-baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout(&out).is_empty());

    // A new value is reported, and only it.
    write(
        d,
        "fixtures/users.txt",
        &format!("{JANE}\nssn {SSN}\nfake bob@example.com\n{BOB}\n"),
    );
    let out = piiscan(
        d,
        &["scan", "--baseline", ".piiscan-baseline.json", "--format", "jsonl"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found(&out), [f("./fixtures/users.txt", 4, "email")]);

    // The same value in another file is not covered.
    write(d, "other.txt", &format!("{JANE}\n"));
    let out = piiscan(
        d,
        &[
            "scan",
            "other.txt",
            "--baseline",
            ".piiscan-baseline.json",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(found(&out), [f("other.txt", 1, "email")]);

    // Re-running keeps the salt: the file does not churn.
    std::fs::remove_file(d.join("other.txt")).unwrap();
    write(
        d,
        "fixtures/users.txt",
        &format!("{JANE}\nssn {SSN}\nfake bob@example.com\n"),
    );
    let out = piiscan(d, &["baseline"]);
    assert_eq!(out.status.code(), Some(0));
    let again =
        std::fs::read_to_string(d.join(".piiscan-baseline.json")).unwrap();
    assert_eq!(again, text);
}

#[test]
fn moving_a_baselined_line_keeps_it_silenced() {
    let dir = repo();
    let d = dir.path();
    write(d, "data.csv", &format!("id,email\n1,{JANE}\n2,none\n"));
    assert!(piiscan(
        d,
        &["baseline", "-o", "base.json", "--iterations", "10000"]
    )
    .status
    .success());

    // Lines inserted above and the line moved to the end.
    write(
        d,
        "data.csv",
        &format!("id,email\n0,none\n2,none\n\n\n1,  {JANE}\n"),
    );
    let out = piiscan(d, &["scan", "--baseline", "base.json", "data.csv"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    // Formatting differences in the value itself do not matter.
    write(d, "data.csv", &format!("1,{}\n", JANE.to_uppercase()));
    let out = piiscan(d, &["scan", "--baseline", "base.json", "data.csv"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    // A different value on the baselined line is reported.
    write(d, "data.csv", &format!("id,email\n1,{BOB}\n2,none\n"));
    let out = piiscan(
        d,
        &["scan", "--baseline", "base.json", "data.csv", "--format", "jsonl"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found(&out), [f("data.csv", 2, "email")]);
}

#[test]
fn baseline_paths_are_relative_to_the_root() {
    let dir = repo();
    let d = dir.path();
    write(d, "src/deep/a.txt", &format!("{JANE}\n"));
    assert!(piiscan(d, &["baseline", "src", "--iterations", "10000"])
        .status
        .success());
    let text =
        std::fs::read_to_string(d.join(".piiscan-baseline.json")).unwrap();
    assert!(text.contains("\"path\": \"src/deep/a.txt\""), "{text}");
    // From a subdirectory, with another spelling of the path.
    let out = piiscan(
        &d.join("src"),
        &["scan", "--baseline", "../.piiscan-baseline.json", "./deep/../deep"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn update_baseline_adds_new_and_drops_vanished_entries() {
    let dir = repo();
    let d = dir.path();
    write(d, ".piiscan.toml", "[gate]\nbaseline = \"ci/baseline.json\"\n");
    write(d, "a.txt", &format!("{JANE}\n{BOB}\n"));
    write(d, "b.txt", &format!("{ANN}\n"));
    std::fs::create_dir(d.join("ci")).unwrap();
    let out = piiscan(d, &["baseline", "--iterations", "10000"]);
    assert!(out.status.success(), "{out:?}");
    assert!(d.join("ci/baseline.json").exists());

    write(d, "a.txt", &format!("{JANE}\nssn {SSN}\n"));
    let out = piiscan(
        d,
        &["scan", "--gate", "--report-unused-allows", "--format", "jsonl"],
    );
    assert_eq!(found(&out), [f("./a.txt", 2, "us_ssn")]);
    assert!(
        stderr(&out).contains("baseline: unused entry a.txt email"),
        "{}",
        stderr(&out)
    );

    // Scanning only b.txt keeps a.txt's entries whatever they match.
    let out = piiscan(d, &["scan", "b.txt", "--update-baseline"]);
    assert!(
        stderr(&out).contains("0 added, 0 dropped, 3 kept"),
        "{}",
        stderr(&out)
    );

    let out = piiscan(d, &["scan", "--update-baseline", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        found(&out),
        [f("./a.txt", 2, "us_ssn")],
        "new findings are listed"
    );
    assert!(
        stderr(&out).contains("1 added, 1 dropped, 2 kept"),
        "{}",
        stderr(&out)
    );
    let out = piiscan(d, &["scan", "--gate", "--report-unused-allows"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    // A deleted file's entries vanish.
    std::fs::remove_file(d.join("b.txt")).unwrap();
    let out = piiscan(d, &["scan", "a.txt", "--update-baseline"]);
    assert!(
        stderr(&out).contains("0 added, 1 dropped, 2 kept"),
        "{}",
        stderr(&out)
    );

    // Without a configured baseline, the default file at the root is
    // created, then used by --gate.
    std::fs::remove_dir_all(d.join("ci")).unwrap();
    std::fs::remove_file(d.join(".piiscan.toml")).unwrap();
    let out = piiscan(d, &["scan", "--no-config", "--update-baseline"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stderr(&out).contains("2 added, 0 dropped, 0 kept"), "{out:?}");
    assert!(d.join(".piiscan-baseline.json").exists());
    let out = piiscan(d, &["scan", "--no-config", "--gate"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn inline_allows_with_and_without_kinds() {
    let dir = repo();
    let d = dir.path();
    let text = format!(
        "a = \"{JANE}\"  # piiscan:allow\n\
         # piiscan:allow\n\
         b = \"{BOB}\"\n\
         # piiscan:allow phone\n\
         c = \"{ANN}\"\n\
         d = \"{JANE}\" ssn {SSN} // piiscan:allow email\n\
         /* piiscan:allow-begin email */\n\
         e = \"{BOB}\"\n\
         f = \"{ANN}\" {SSN}\n\
         /* piiscan:allow-end */\n\
         g = \"{BOB}\"\n\
         # piiscan:allow\n\
         \n\
         h = \"{ANN}\"\n"
    );
    write(d, "fixture.py", &text);
    let out =
        piiscan(d, &["scan", "--gate", "fixture.py", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        found(&out),
        [
            f("fixture.py", 5, "email"),
            f("fixture.py", 6, "us_ssn"),
            f("fixture.py", 9, "us_ssn"),
            f("fixture.py", 11, "email"),
            f("fixture.py", 14, "email"),
        ]
    );

    // Allows are counted and the unused ones listed.
    let out = piiscan(
        d,
        &["scan", "--gate", "fixture.py", "--stats", "--report-unused-allows"],
    );
    let err = stderr(&out);
    assert!(err.contains("inline allow: 5"), "{err}");
    assert!(err.contains("fixture.py:4: unused piiscan:allow phone"), "{err}");
    assert!(err.contains("fixture.py:12: unused piiscan:allow"), "{err}");

    // An inventory scan (no gate) reports everything: a line in a log
    // cannot hide itself.
    let out = piiscan(d, &["scan", "fixture.py", "--format", "jsonl"]);
    assert_eq!(found(&out).len(), 10);
}

#[test]
fn fingerprint_allows_in_the_config_cover_json() {
    let dir = repo();
    let d = dir.path();
    let json =
        format!("[{{\"email\": \"{JANE}\"}}, {{\"email\": \"{BOB}\"}}]\n");
    write(d, "tests/data/users.json", &json);
    let out = piiscan(
        d,
        &[
            "baseline",
            "tests/data/users.json",
            "--format",
            "toml",
            "--iterations",
            "10000",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let snippet = stdout(&out);
    assert!(!snippet.contains("jane"), "{snippet}");
    // Allow only the first entry.
    let first: String =
        snippet.split("\n# ").nth(1).map(|s| format!("# {s}")).unwrap();
    write(d, ".piiscan.toml", &first);
    let out = piiscan(d, &["scan", "--gate", "--format", "jsonl", "--stats"]);
    assert_eq!(found(&out).len(), 1, "{out:?}");
    assert!(stderr(&out).contains("fingerprint allow: 1"));
    // Outside the gate, the config's fingerprints do not apply.
    let out = piiscan(d, &["scan", "--format", "jsonl"]);
    assert_eq!(found(&out).len(), 2);
}

#[test]
fn synthetic_values_pass_the_gate_unless_strict() {
    let dir = repo();
    let d = dir.path();
    write(
        d,
        "f.txt",
        "user bob@example.com phone 415-555-0123 card 4111 1111 1111 1111\n",
    );
    let out = piiscan(d, &["scan", "f.txt", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1), "scan still reports them");
    assert_eq!(found(&out).len(), 3);
    let out = piiscan(d, &["scan", "--gate", "f.txt"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = piiscan(d, &["scan", "--strict", "f.txt", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found(&out).len(), 3);
    write(d, ".piiscan.toml", "[gate]\nstrict = true\n");
    let out = piiscan(d, &["scan", "--gate", "f.txt"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn config_selects_kinds_paths_and_values() {
    let dir = repo();
    let d = dir.path();
    write(
        d,
        ".piiscan.toml",
        "exclude_kinds = [\"ipv4\"]\n\
         [allow]\n\
         paths = [\"golden\", \"*.snap\"]\n\
         values = ['@acme-mail\\.com$']\n\
         [[override]]\n\
         paths = [\"logs/**\"]\n\
         kinds = [\"us_ssn\"]\n",
    );
    let line = format!("{JANE} {BOB} ip 8.8.4.4 ssn {SSN}\n");
    write(d, "src/a.txt", &line);
    write(d, "logs/app.log", &line);
    write(d, "golden/out.txt", &line);
    write(d, "src/ui.snap", &line);
    let out = piiscan(d, &["scan", "--format", "jsonl", "--stats"]);
    assert_eq!(
        found(&out),
        [
            f("./logs/app.log", 1, "us_ssn"),
            f("./src/a.txt", 1, "email"),
            f("./src/a.txt", 1, "us_ssn"),
        ],
        "{out:?}"
    );
    assert!(
        stderr(&out).contains("skipped (allowed_path): 2"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("allowed value: 1"));

    // Flags win over the file; --no-config ignores it.
    let out =
        piiscan(d, &["scan", "src", "--only", "ipv4", "--format", "jsonl"]);
    assert_eq!(found(&out), [f("src/a.txt", 1, "ipv4")]);
    let out = piiscan(d, &["scan", "--no-config", "src", "--format", "jsonl"]);
    assert_eq!(found(&out).len(), 8, "a.txt and ui.snap");

    let out = piiscan(d, &["scan", "--print-config"]);
    assert_eq!(out.status.code(), Some(0));
    let shown = stdout(&out);
    assert!(shown.contains("exclude_kinds = [\"ipv4\"]"), "{shown}");
    assert!(shown.contains("[[override]]"), "{shown}");
    let reparsed: toml::Table = toml::from_str(&shown).unwrap();
    assert!(reparsed.contains_key("gate"));
}

#[test]
fn config_errors_name_the_file_line_and_key() {
    let dir = repo();
    let d = dir.path();
    let cases = [
        (
            "kinds = [\"email\"]\nfoo = 1\n",
            ".piiscan.toml:2: unknown key `foo`",
        ),
        ("[allow]\npathz = []\n", ".piiscan.toml:2: unknown key `pathz`"),
        (
            "min_confidence = 2\n",
            ".piiscan.toml:1: `min_confidence`: must be between 0 and 1",
        ),
        (
            "\n\nkinds = [\"emial\"]\n",
            ".piiscan.toml:3: `kinds`: unknown kind \"emial\"",
        ),
        (
            "[allow]\nvalues = ['(']\n",
            ".piiscan.toml:2: `values`: invalid regex",
        ),
        ("[gate]\nstrict = 1\n", ".piiscan.toml:2: `strict`: invalid type"),
    ];
    write(d, "a.txt", "nothing\n");
    for (config, want) in cases {
        write(d, ".piiscan.toml", config);
        let out = piiscan(d, &["scan", "a.txt"]);
        assert_eq!(out.status.code(), Some(2), "{config}");
        let err = stderr(&out);
        assert!(err.contains(want), "{config:?}: {err}");
    }
    // Found from a subdirectory, and named by --config.
    std::fs::create_dir(d.join("sub")).unwrap();
    let out = piiscan(&d.join("sub"), &["scan", "--print-config"]);
    assert!(stderr(&out).contains("/.piiscan.toml:2: `strict`"), "{out:?}");
    write(d, "ci.toml", "bogus = true\n");
    let out = piiscan(d, &["scan", "--config", "ci.toml", "a.txt"]);
    assert!(
        stderr(&out).contains("ci.toml:1: unknown key `bogus`"),
        "{out:?}"
    );
    let out = piiscan(d, &["scan", "--config", "missing.toml", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn gated_output_is_independent_of_thread_count() {
    let dir = repo();
    let d = dir.path();
    for i in 0..40 {
        let mut text = String::new();
        for j in 0..12 {
            if (i + j) % 7 == 0 {
                text.push_str("# piiscan:allow\n");
            }
            text.push_str(&format!("row {j} user{i}x{j}@acme-mail.com\n"));
        }
        write(d, &format!("d{}/f{i}.txt", i % 5), &text);
    }
    assert!(piiscan(
        d,
        &["baseline", "d1", "-o", "b.json", "--iterations", "10000"]
    )
    .status
    .success());
    let run = |j: &str| {
        let out = piiscan(
            d,
            &["scan", "--baseline", "b.json", "--format", "jsonl", "-j", j],
        );
        assert_eq!(out.status.code(), Some(1));
        out.stdout
    };
    let one = run("1");
    assert_eq!(one, run("4"));
    assert!(!String::from_utf8_lossy(&one).contains("d1/"));
}

mod sarif {
    use super::*;
    use jsonschema::{Draft, JSONSchema};

    fn schema() -> JSONSchema {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/sarif-schema-2.1.0.json"),
        )
        .unwrap();
        let schema: Value = serde_json::from_str(&text).unwrap();
        JSONSchema::options()
            .with_draft(Draft::Draft7)
            .compile(&schema)
            .unwrap()
    }

    fn validate(text: &str) -> Value {
        let doc: Value = serde_json::from_str(text).unwrap();
        let schema = schema();
        if let Err(errors) = schema.validate(&doc) {
            let list: Vec<String> = errors.map(|e| e.to_string()).collect();
            panic!("invalid SARIF: {list:?}\n{text}");
        }
        doc
    }

    fn fingerprints(doc: &Value) -> Vec<String> {
        doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["piiscan/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn gated_sarif_validates_and_fingerprints_are_stable() {
        let dir = repo();
        let d = dir.path();
        write(d, "a.txt", &format!("{JANE}\n{BOB}\n"));
        assert!(piiscan(
            d,
            &["baseline", "a.txt", "-o", "b.json", "--iterations", "10000"]
        )
        .status
        .success());
        write(
            d,
            "a.txt",
            &format!("{JANE}\n{BOB}\n{ANN}\nssn {SSN} # piiscan:allow\n"),
        );
        let args =
            ["scan", "a.txt", "--baseline", "b.json", "--format", "sarif"];
        let out = piiscan(d, &args);
        assert_eq!(out.status.code(), Some(1));
        let doc = validate(&stdout(&out));
        let results = doc["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 1);
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["region"]
                ["startLine"],
            3
        );
        let before = fingerprints(&doc);

        // Lines move: the result keeps its fingerprint.
        write(d, "a.txt", &format!("\n\n{JANE}\n{BOB}\n\n{ANN}\n"));
        let doc = validate(&stdout(&piiscan(d, &args)));
        assert_eq!(fingerprints(&doc), before);

        // Everything filtered: still a valid, empty run.
        write(d, "a.txt", &format!("{JANE}\n"));
        let out = piiscan(d, &args);
        assert_eq!(out.status.code(), Some(0));
        let doc = validate(&stdout(&out));
        assert!(doc["runs"][0]["results"].as_array().unwrap().is_empty());
        assert_eq!(
            doc["runs"][0]["invocations"][0]["executionSuccessful"],
            true
        );
    }
}

#[test]
fn keyed_baselines_need_the_key() {
    let dir = repo();
    let d = dir.path();
    write(d, "a.txt", &format!("{JANE}\n"));
    let key = "0123456789abcdef0123456789abcdef";
    let mut cmd = Command::cargo_bin("piiscan").unwrap();
    isolate(&mut cmd, d);
    let out = cmd
        .current_dir(d)
        .env("PIISCAN_BASELINE_KEY", key)
        .args(["baseline", "-o", "k.json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(d.join("k.json")).unwrap();
    assert!(text.contains("\"keyed\": true"));
    assert!(text.contains("\"iterations\": 1,"));

    let out = piiscan(d, &["scan", "--baseline", "k.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("PIISCAN_BASELINE_KEY"), "{out:?}");
    let mut cmd = Command::cargo_bin("piiscan").unwrap();
    isolate(&mut cmd, d);
    let out = cmd
        .current_dir(d)
        .env("PIISCAN_BASELINE_KEY", key)
        .args(["scan", "--baseline", "k.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn pre_commit_hook_runs_the_staged_gate() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    assert!(text.contains("- id: piiscan"));
    assert!(text.contains("entry: piiscan scan --staged"));
    assert!(text.contains("pass_filenames: false"));
}

/// An allow after code speaks for its own line only: it cannot silence a
/// different value on the line below (a standalone one above still can).
#[test]
fn a_trailing_allow_does_not_cover_the_next_line() {
    let dir = repo();
    let d = dir.path();
    let text = format!(
        "const a = \"{JANE}\"; // piiscan:allow email\n\
         const b = \"{BOB}\";\n\
         // piiscan:allow email\n\
         const c = \"{ANN}\";\n"
    );
    write(d, "app.js", &text);
    let out = piiscan(d, &["scan", "--gate", "app.js", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(found(&out), [f("app.js", 2, "email")]);
}
