//! `piiscan redact`, the real binary against temporary trees: the three
//! destinations, the four styles, the report, and the guarantees of the
//! issue (scan finds nothing after redaction, idempotence, refusals and
//! failures that name the file and touch nothing, binary and oversized
//! files never rewritten). Crash safety and disk-full are in
//! tests/redact_faults.rs; the property tests in tests/redact_props.rs.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
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

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Personal data that is not synthetic by convention.
const SAMPLE: &str =
    "2024-03-01T12:00:00Z user=jane.doe@acme-mail.com ip=10.20.30.40\n\
request 3f2b1c9e-8d7a-4c3b-9e1f-0a2b3c4d5e6f took 1700000000123 ms\n\
payment card 4929 1234 5678 9015 ssn 536-22-8741\n";

const SAMPLE_TAGGED: &str = "2024-03-01T12:00:00Z user=[EMAIL] ip=[IPV4]\n\
request 3f2b1c9e-8d7a-4c3b-9e1f-0a2b3c4d5e6f took 1700000000123 ms\n\
payment card [CREDIT_CARD] ssn [US_SSN]\n";

const CLEAN: &str = "nothing personal here, build 1.2.3 done\n";

/// Every `.piiscan-tmp-*` file under `dir`.
fn temps(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                stack.push(e.path());
            } else if e
                .file_name()
                .to_string_lossy()
                .starts_with(".piiscan-tmp-")
            {
                out.push(e.path());
            }
        }
    }
    out
}

fn age(path: &Path) {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
}

fn mtime(path: &Path) -> (i64, i64) {
    let m = fs::symlink_metadata(path).unwrap();
    (m.mtime(), m.mtime_nsec())
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

fn read_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                out.push((rel, fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn key_file(dir: &Path) -> PathBuf {
    write(dir, "key", b"0123456789abcdef0123456789abcdef")
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(data).read_to_end(&mut out).unwrap();
    out
}

#[test]
fn in_place_redacts_and_leaves_clean_files_untouched() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "logs/a.log", SAMPLE.as_bytes());
    let b = write(dir.path(), "logs/b.log", CLEAN.as_bytes());
    age(&b);
    let before = mtime(&b);
    let out = piiscan()
        .current_dir(dir.path())
        .args(["redact", "--in-place", "logs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&a).unwrap(), SAMPLE_TAGGED);
    assert_eq!(fs::read_to_string(&b).unwrap(), CLEAN);
    assert_eq!(mtime(&b), before, "a clean file was rewritten");
    let err = stderr(&out);
    assert!(
        err.contains(
            "redacted logs/a.log: credit_card 1, email 1, ipv4 1, us_ssn 1"
        ),
        "{err}"
    );
    assert!(
        err.contains("redact: 1 file changed, 1 unchanged; 4 replacements"),
        "{err}"
    );
    assert!(!err.contains("jane.doe"), "{err}");
    assert!(temps(dir.path()).is_empty());
}

/// Guarantees 1 and 3 over the labeled corpus (every kind, many formats):
/// after tag, mask and hash redaction `scan` finds nothing; after fake it
/// finds only values flagged synthetic; a second run changes nothing.
#[test]
fn corpus_is_clean_after_redaction_and_a_second_run_is_a_no_op() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let dir = TempDir::new().unwrap();
    let key = key_file(dir.path());
    for style in ["tag", "mask", "hash", "fake"] {
        let tree = dir.path().join(style);
        copy_dir(&corpus, &tree);
        let run = |tree: &Path| {
            piiscan()
                .args(["redact", "--in-place", "--style", style, "--key-file"])
                .arg(&key)
                .arg(tree)
                .output()
                .unwrap()
        };
        let out = run(&tree);
        assert_eq!(out.status.code(), Some(0), "{style}: {}", stderr(&out));
        let scan = piiscan()
            .args(["scan", "--format", "jsonl"])
            .arg(&tree)
            .output()
            .unwrap();
        let found = String::from_utf8(scan.stdout).unwrap();
        if style == "fake" {
            assert!(found.lines().count() > 100, "fakes should still parse");
            for line in found.lines() {
                let v: Value = serde_json::from_str(line).unwrap();
                assert_eq!(v["synthetic"], true, "{style}: {line}");
            }
        } else {
            assert_eq!(
                scan.status.code(),
                Some(0),
                "{style}: found again:\n{found}"
            );
        }
        let first = read_tree(&tree);
        let out = run(&tree);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            stderr(&out).contains("redact: 0 files changed"),
            "{style}: {}",
            stderr(&out)
        );
        assert_eq!(
            read_tree(&tree),
            first,
            "{style}: second run changed bytes"
        );
    }
}

#[test]
fn dry_run_and_check_write_nothing() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.log", SAMPLE.as_bytes());
    let c = write(dir.path(), "c.log", CLEAN.as_bytes());
    age(&a);
    let before = mtime(&a);
    let out =
        piiscan().arg("redact").arg(&a).arg("--dry-run").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("would redact"), "{}", stderr(&out));
    let out = piiscan()
        .arg("redact")
        .arg(&a)
        .args(["--in-place", "--check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&a).unwrap(), SAMPLE);
    assert_eq!(mtime(&a), before);
    piiscan().arg("redact").arg(&c).arg("--check").assert().code(0);
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn output_dir_mirrors_the_tree_and_copies_unchanged_files() {
    let dir = TempDir::new().unwrap();
    let src = dir.path().join("src");
    write(&src, "a/x.log", SAMPLE.as_bytes());
    write(&src, "b/y.txt", CLEAN.as_bytes());
    let mut binary = b"\x00\x01binary".to_vec();
    binary.extend_from_slice(SAMPLE.as_bytes());
    write(&src, "bin.dat", &binary);
    write(&src, "z.gz", &gzip(CLEAN.as_bytes()));
    let before = read_tree(&src);
    let out = piiscan()
        .current_dir(dir.path())
        .args(["redact", "src", "-o", "out"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out_dir = dir.path().join("out");
    assert_eq!(
        fs::read_to_string(out_dir.join("a/x.log")).unwrap(),
        SAMPLE_TAGGED
    );
    assert_eq!(fs::read_to_string(out_dir.join("b/y.txt")).unwrap(), CLEAN);
    // An unchanged compressed file is copied byte for byte.
    assert_eq!(
        fs::read(out_dir.join("z.gz")).unwrap(),
        fs::read(src.join("z.gz")).unwrap()
    );
    // Binary content is never rewritten, nor copied unscanned.
    assert!(!out_dir.join("bin.dat").exists());
    assert_eq!(read_tree(&src), before, "the source changed");

    // An output directory inside the tree is not read back.
    for _ in 0..2 {
        let out = piiscan()
            .current_dir(&src)
            .args(["redact", ".", "-o", "redacted"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert!(src.join("redacted/a/x.log").exists());
    assert!(!src.join("redacted/redacted").exists());
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn compressed_files_keep_their_format() {
    let dir = TempDir::new().unwrap();
    let gz = write(dir.path(), "a.log.gz", &gzip(SAMPLE.as_bytes()));
    let zst = write(
        dir.path(),
        "b.log.zst",
        &zstd::stream::encode_all(SAMPLE.as_bytes(), 3).unwrap(),
    );
    let clean = write(dir.path(), "c.log.gz", &gzip(CLEAN.as_bytes()));
    age(&clean);
    let before = mtime(&clean);
    let out = piiscan()
        .args(["redact", "--in-place"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let gz_bytes = fs::read(&gz).unwrap();
    assert_eq!(&gz_bytes[..2], &[0x1f, 0x8b]);
    assert_eq!(String::from_utf8(gunzip(&gz_bytes)).unwrap(), SAMPLE_TAGGED);
    let zst_bytes = fs::read(&zst).unwrap();
    assert_eq!(&zst_bytes[..4], &[0x28, 0xb5, 0x2f, 0xfd]);
    let plain = zstd::stream::decode_all(&zst_bytes[..]).unwrap();
    assert_eq!(String::from_utf8(plain).unwrap(), SAMPLE_TAGGED);
    assert_eq!(mtime(&clean), before);
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn a_truncated_archive_is_not_rewritten() {
    let dir = TempDir::new().unwrap();
    let mut data = gzip(SAMPLE.repeat(2000).as_bytes());
    data.truncate(data.len() / 2);
    let gz = write(dir.path(), "cut.log.gz", &data);
    let out =
        piiscan().args(["redact", "--in-place"]).arg(&gz).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cut.log.gz"), "{}", stderr(&out));
    assert!(stderr(&out).contains("not rewritten"), "{}", stderr(&out));
    assert_eq!(fs::read(&gz).unwrap(), data);
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn stdin_to_stdout() {
    let out =
        piiscan().args(["redact", "-"]).write_stdin(SAMPLE).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), SAMPLE_TAGGED);
    // No path and piped stdin: the same.
    let out = piiscan().arg("redact").write_stdin(SAMPLE).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), SAMPLE_TAGGED);
    assert!(stderr(&out).contains("4 replacements"), "{}", stderr(&out));
    // --check reads, writes nothing, exits 1.
    let out = piiscan()
        .args(["redact", "--check"])
        .write_stdin(SAMPLE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    // Compressed stdin is refused with a hint.
    let out =
        piiscan().arg("redact").write_stdin(gzip(b"x\n")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("decompress"), "{}", stderr(&out));
}

/// `tail -f app.log | piiscan redact`: each line comes out as soon as it
/// is complete, while the input is still open, and a value that arrives
/// in two pieces is still found.
#[test]
fn stdin_is_live_line_by_line() {
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("piiscan"))
        .arg("redact")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let wait = Duration::from_secs(30);
    stdin.write_all(b"login jane.doe@acme-mail.com ok\n").unwrap();
    stdin.flush().unwrap();
    assert_eq!(rx.recv_timeout(wait).unwrap(), "login [EMAIL] ok");
    // A value split across two writes, with a pause between.
    stdin.write_all(b"card 4929 1234 56").unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(rx.try_recv().is_err(), "a partial line was written");
    stdin.write_all(b"78 9015 end\nssn 536-22-8741\n").unwrap();
    stdin.flush().unwrap();
    assert_eq!(rx.recv_timeout(wait).unwrap(), "card [CREDIT_CARD] end");
    assert_eq!(rx.recv_timeout(wait).unwrap(), "ssn [US_SSN]");
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

#[test]
fn hash_tokens_are_joinable_and_need_a_key() {
    let dir = TempDir::new().unwrap();
    let key = key_file(dir.path());
    write(dir.path(), "t/a.log", b"from Jane.Doe@Acme-Mail.com\n");
    write(dir.path(), "t/b.log", b"to jane.doe@acme-mail.com\n");
    let out = piiscan()
        .args(["redact", "--in-place", "--style", "hash", "--key-file"])
        .arg(&key)
        .arg(dir.path().join("t"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let a = fs::read_to_string(dir.path().join("t/a.log")).unwrap();
    let b = fs::read_to_string(dir.path().join("t/b.log")).unwrap();
    let token = a.trim().strip_prefix("from ").unwrap().to_string();
    assert!(token.starts_with("[EMAIL:") && token.len() == 16, "{a}");
    assert_eq!(b.trim(), format!("to {token}"));
    // Same key, another run: the same token.
    let again = piiscan()
        .args(["redact", "--style", "hash", "--key-file"])
        .arg(&key)
        .write_stdin("x jane.doe@acme-mail.com\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        format!("x {token}\n")
    );
    // Another key: another token.
    let other = write(dir.path(), "key2", b"another key, also long enough");
    let out = piiscan()
        .args(["redact", "--style", "hash", "--key-file"])
        .arg(&other)
        .write_stdin("x jane.doe@acme-mail.com\n")
        .output()
        .unwrap();
    assert_ne!(String::from_utf8(out.stdout).unwrap(), format!("x {token}\n"));
    // No key, no hash; a short key is refused.
    let out = piiscan()
        .args(["redact", "--style", "hash"])
        .write_stdin("x\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--key-file"), "{}", stderr(&out));
    let short = write(dir.path(), "short", b"12345678");
    let out = piiscan()
        .args(["redact", "--style-for", "email=hash", "--key-file"])
        .arg(&short)
        .write_stdin("x\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("at least 16"), "{}", stderr(&out));
}

#[test]
fn fake_values_parse_are_synthetic_and_repeatable() {
    let dir = TempDir::new().unwrap();
    let key = key_file(dir.path());
    let input =
        "user jane.doe@acme-mail.com card 4929 1234 5678 9015 ip 10.20.30.40 \
                 ssn 536-22-8741 tel (415) 867-5309\n";
    let run = |text: &str| {
        let out = piiscan()
            .args(["redact", "--style", "fake", "--key-file"])
            .arg(&key)
            .write_stdin(text.to_string())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let faked = run(input);
    assert_ne!(faked, input);
    assert!(faked.contains("@example.invalid"), "{faked}");
    assert_eq!(run(input), faked, "not deterministic under one key");
    assert_eq!(run(&faked), faked, "a second fake pass changed the output");
    let scan = piiscan()
        .args(["scan", "-", "--format", "jsonl"])
        .write_stdin(faked.clone())
        .output()
        .unwrap();
    let found = String::from_utf8(scan.stdout).unwrap();
    let kinds: Vec<String> = found
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            assert_eq!(v["synthetic"], true, "{l}");
            v["kind"].as_str().unwrap().to_string()
        })
        .collect();
    for kind in ["email", "credit_card", "ipv4", "us_ssn", "phone"] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "{kind} does not parse: {faked}"
        );
    }
}

#[test]
fn mask_keeps_length_separators_and_last_digits() {
    let out = piiscan()
        .args(["redact", "--style", "mask", "--keep-last", "4"])
        .write_stdin("ssn 536-22-8741 card 4929 1234 5678 9015\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "ssn ***-**-**** card **** **** **** 9015\n"
    );
    let out = piiscan()
        .args([
            "redact",
            "--style-for",
            "email=mask",
            "--style-for",
            "us_ssn=tag",
        ])
        .write_stdin("a jane.doe@acme-mail.com 536-22-8741\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "a ****.***@****-****.*** [US_SSN]\n"
    );
}

#[test]
fn report_is_json_masked_private_and_never_through_a_symlink() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "t/a.log", SAMPLE.as_bytes());
    let victim = write(dir.path(), "victim.txt", b"keep me\n");
    let report = dir.path().join("report.json");
    std::os::unix::fs::symlink(&victim, &report).unwrap();
    let out = piiscan()
        .args(["redact", "--in-place", "--report"])
        .arg(&report)
        .arg(dir.path().join("t"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me\n");
    let meta = fs::symlink_metadata(&report).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let text = fs::read_to_string(&report).unwrap();
    for raw in ["jane.doe", "4929 1234", "536-22", "10.20.30.40"] {
        assert!(!text.contains(raw), "raw value {raw} in report: {text}");
    }
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["mode"], "in-place");
    assert_eq!(v["summary"]["files_changed"], 1);
    let file = &v["files"][0];
    assert_eq!(file["path"], a.to_string_lossy().as_ref());
    assert_eq!(file["status"], "redacted");
    let reps = file["replacements"].as_array().unwrap();
    assert_eq!(reps.len(), 4);
    assert_eq!(reps[0]["kind"], "email");
    assert_eq!(reps[0]["masked"], "j***@a********.com");
    assert_eq!(reps[0]["line"], 1);
    assert_eq!(reps[0]["start"], 26);
    assert_eq!(reps[3]["kind"], "us_ssn");
    assert_eq!(reps[3]["line"], 3);
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn refusals_name_the_file_touch_nothing_and_the_run_goes_on() {
    let dir = TempDir::new().unwrap();
    let t = dir.path().join("t");
    let good = write(&t, "good.log", SAMPLE.as_bytes());
    let outside = write(dir.path(), "outside.log", SAMPLE.as_bytes());
    let link = t.join("link.log");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let hl = write(&t, "hl.log", SAMPLE.as_bytes());
    let hl2 = dir.path().join("hl2.log");
    fs::hard_link(&hl, &hl2).unwrap();
    let ro = write(&t, "ro.log", SAMPLE.as_bytes());
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let out = piiscan()
        .args(["redact", "--in-place"])
        .args([&link, &hl, &ro, &good])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let line = |p: &Path, what: &str| {
        let want = format!("piiscan: {}: {what}", p.display());
        assert!(
            err.lines().any(|l| l.starts_with(&want)),
            "no {want:?} in:\n{err}"
        );
    };
    line(&link, "is a symbolic link");
    line(&hl, "has 2 hard links");
    line(&ro, "read-only file");
    assert!(!err.contains("jane.doe"));
    assert_eq!(fs::read_to_string(&good).unwrap(), SAMPLE_TAGGED);
    for p in [&outside, &hl, &hl2, &ro] {
        assert_eq!(fs::read_to_string(p).unwrap(), SAMPLE, "{}", p.display());
    }
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    // --force rewrites the hard-linked file; the other link keeps the old
    // content (that is what "splitting" means).
    let out = piiscan()
        .args(["redact", "--in-place", "--force"])
        .arg(&hl)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&hl).unwrap(), SAMPLE_TAGGED);
    assert_eq!(fs::read_to_string(&hl2).unwrap(), SAMPLE);
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn binary_and_oversized_files_are_never_rewritten() {
    let dir = TempDir::new().unwrap();
    let mut binary = SAMPLE.as_bytes().to_vec();
    binary.extend_from_slice(b"\x00\x00\x7fELF");
    let bin = write(dir.path(), "blob.bin", &binary);
    let big = write(dir.path(), "big.log", SAMPLE.repeat(50).as_bytes());
    let small = write(dir.path(), "small.log", SAMPLE.as_bytes());
    age(&bin);
    age(&big);
    let (b0, g0) = (mtime(&bin), mtime(&big));
    let out = piiscan()
        .args(["redact", "--in-place", "--max-filesize", "1K"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read(&bin).unwrap(), binary);
    assert_eq!(fs::read_to_string(&big).unwrap(), SAMPLE.repeat(50));
    assert_eq!((mtime(&bin), mtime(&big)), (b0, g0));
    assert_eq!(fs::read_to_string(&small).unwrap(), SAMPLE_TAGGED);
    assert!(stderr(&out).contains("skipped"), "{}", stderr(&out));
    // --binary is refused outright.
    piiscan()
        .args(["redact", "--in-place", "--binary"])
        .arg(&bin)
        .assert()
        .code(2);
}

#[test]
fn backup_keeps_the_original_beside_it() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.log", SAMPLE.as_bytes());
    for _ in 0..2 {
        let out = piiscan()
            .args(["redact", "--in-place", "--backup", ".orig"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert_eq!(fs::read_to_string(&a).unwrap(), SAMPLE_TAGGED);
    // The second run skipped the backup instead of redacting it.
    assert_eq!(
        fs::read_to_string(dir.path().join("a.log.orig")).unwrap(),
        SAMPLE
    );
    assert!(!dir.path().join("a.log.orig.orig").exists());
}

#[cfg(unix)]
#[test]
fn mode_and_owner_are_kept() {
    let dir = TempDir::new().unwrap();
    let a = write(dir.path(), "a.log", SAMPLE.as_bytes());
    fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
    let root = fs::metadata(dir.path()).unwrap().uid() == 0;
    if root {
        std::os::unix::fs::chown(&a, Some(1234), Some(5678)).unwrap();
    }
    piiscan().args(["redact", "--in-place"]).arg(&a).assert().code(0);
    let m = fs::metadata(&a).unwrap();
    assert_eq!(fs::read_to_string(&a).unwrap(), SAMPLE_TAGGED);
    assert_eq!(m.permissions().mode() & 0o7777, 0o640);
    if root {
        assert_eq!((m.uid(), m.gid()), (1234, 5678));
    }
}

#[test]
fn messages_escape_paths_and_usage_errors_are_clear() {
    let dir = TempDir::new().unwrap();
    let ro = write(dir.path(), "ro\x1b[31m.log", SAMPLE.as_bytes());
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let out =
        piiscan().args(["redact", "--in-place"]).arg(&ro).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains('\x1b'), "{err:?}");
    assert!(err.contains("ro\\u{1b}[31m.log: read-only file"), "{err}");

    let d = dir.path().to_str().unwrap();
    for (args, want) in [
        (vec!["redact", d], "needs --in-place, -o DIR"),
        (vec!["redact", "-", "--in-place"], "standard input"),
        (vec!["redact", "--keep-last", "4", d, "--dry-run"], "--keep-last"),
        (vec!["redact", "--only", "emial", d, "--dry-run"], "unknown kind"),
        (
            vec!["redact", "--style-for", "emial=tag", d, "--dry-run"],
            "unknown kind",
        ),
        (vec!["redact", "--in-place", "-L", d], "symbolic links"),
        (vec!["redact", d, "-o", d], "use --in-place"),
    ] {
        let out = piiscan().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
    }
    piiscan()
        .args(["redact", "--backup", ".b", d, "--dry-run"])
        .assert()
        .code(2);
}

/// A file of many chunks (several batches, so redaction of one batch
/// overlaps writing the previous one) gives the same bytes in place,
/// gzipped, under `-o`, and through the independent line-by-line stdin
/// path; and the result scans clean.
#[test]
fn large_files_agree_across_modes() {
    let dir = TempDir::new().unwrap();
    let mut text = String::new();
    let mut i = 0usize;
    while text.len() < 40 << 20 {
        text.push_str(&format!(
            "{i} user=u{i}@acme-mail.com ip=10.{}.{}.7 ssn 536-22-{:04} \
             note=\"ssn\" {}\n",
            i % 250,
            (i / 250) % 250,
            i % 9000 + 1000,
            "x".repeat(i % 300)
        ));
        i += 1;
    }
    let plain = write(dir.path(), "t/big.log", text.as_bytes());
    let gz = write(dir.path(), "t/big.log.gz", &gzip(text.as_bytes()));
    let out = piiscan()
        .args(["redact", "--in-place", "-j", "2"])
        .arg(dir.path().join("t"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let in_place = fs::read(&plain).unwrap();
    assert_eq!(gunzip(&fs::read(&gz).unwrap()), in_place);
    let src = write(dir.path(), "s/big.log", text.as_bytes());
    let out = piiscan()
        .args(["redact", "-j", "1", "-o"])
        .arg(dir.path().join("o"))
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read(dir.path().join("o/big.log")).unwrap(), in_place);
    let out =
        piiscan().arg("redact").write_stdin(text.clone()).output().unwrap();
    assert_eq!(out.stdout, in_place, "stream and file modes differ");
    piiscan().arg("scan").arg(&plain).assert().code(0);
}

/// A CSV export longer than one chunk whose `ssn` column holds bare
/// 9-digit numbers: only the header says they are SSNs, and it is on the
/// first line. Every chunk must see it, plain, compressed or on stdin.
#[test]
fn header_context_reaches_every_chunk() {
    let mut csv = String::from("id,customer,ssn,note\n");
    let mut row = 0u32;
    while csv.len() < 5 << 20 {
        let area = 100 + row % 500;
        let group = 10 + row % 89;
        let serial = 1000 + row % 8999;
        csv.push_str(&format!(
            "{row},acct-{row},{area:03}{group:02}{serial:04},ok\n"
        ));
        row += 1;
    }
    let tmp = TempDir::new().unwrap();
    let plain = write(tmp.path(), "export.csv", csv.as_bytes());
    let packed = write(tmp.path(), "export.csv.gz", &gzip(csv.as_bytes()));
    let count_ssn = |path: &Path| -> usize {
        let out = piiscan()
            .args(["scan", "--format", "jsonl", "--only", "us_ssn"])
            .arg(path)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).lines().count()
    };
    // Scan sees a value in every row, past the first chunk too.
    assert_eq!(count_ssn(&plain), row as usize);
    assert_eq!(count_ssn(&packed), row as usize);

    let out = piiscan()
        .args(["redact", "--in-place", "--only", "us_ssn"])
        .arg(&plain)
        .arg(&packed)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count_ssn(&plain), 0);
    assert_eq!(count_ssn(&packed), 0);
    let redacted = fs::read_to_string(&plain).unwrap();
    assert_eq!(redacted.matches("[US_SSN]").count(), row as usize);

    let out = piiscan()
        .args(["redact", "--only", "us_ssn", "-"])
        .write_stdin(csv.clone())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let streamed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(streamed, redacted);
}

/// Standard input is redacted on `-j` threads, with the same bytes out
/// whatever the count.
#[test]
fn stdin_output_is_the_same_for_any_thread_count() {
    let input: String = (0..40_000)
        .map(|i| {
            format!(
                "{i} user=user{i}@acme-mail.com ip=10.{}.{}.7 ssn 536-22-{}\n",
                i % 250,
                (i / 250) % 250,
                1000 + i % 9000
            )
        })
        .collect();
    let run = |j: &str| {
        let out = piiscan()
            .args(["redact", j, "-"])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let one = run("-j1");
    assert!(String::from_utf8_lossy(&one).contains("[EMAIL]"));
    assert_eq!(one, run("-j3"));
}

/// `redact --in-place ARGS` in `dir`, expecting success.
fn redact_in_place(dir: &Path, args: &[&str]) {
    let out = piiscan()
        .current_dir(dir)
        .args(["redact", "--in-place"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A YAML file's unquoted values stay strings: a tag (or a mask starting
/// with `*`) that is a whole value is quoted, other bytes are kept, and
/// the file parses to the same shape with the values replaced.
#[test]
fn yaml_values_stay_strings() {
    let dir = TempDir::new().unwrap();
    let text = "\
users:
  - name: Jane Roe
    email: jane.roe@mailbox.org   # primary
    ssn: 536-22-8741
    note: \"reach jane.roe@mailbox.org\"
  - notes:
      - write to jane.roe@mailbox.org today
";
    let plain = write(dir.path(), "seed.yaml", text.as_bytes());
    let gz = write(dir.path(), "seed.yml.gz", &gzip(text.as_bytes()));
    redact_in_place(dir.path(), &["--style-for", "us_ssn=mask", "."]);
    let want = "\
users:
  - name: \"[PERSON_NAME]\"
    email: \"[EMAIL]\"   # primary
    ssn: \"***-**-****\"
    note: \"reach [EMAIL]\"
  - notes:
      - write to [EMAIL] today
";
    assert_eq!(fs::read_to_string(&plain).unwrap(), want);
    assert_eq!(gunzip(&fs::read(&gz).unwrap()), want.as_bytes());
    let docs = yaml_rust2::YamlLoader::load_from_str(want).unwrap();
    assert_eq!(docs[0]["users"][0]["email"].as_str(), Some("[EMAIL]"));
    assert_eq!(docs[0]["users"][0]["ssn"].as_str(), Some("***-**-****"));
    // Redacting again changes nothing.
    redact_in_place(dir.path(), &["--style-for", "us_ssn=mask", "."]);
    assert_eq!(fs::read_to_string(&plain).unwrap(), want);
}

/// A bare JSON number replaced by a tag would break the file: it becomes a
/// string; values inside strings are replaced in place as before.
#[test]
fn json_numbers_become_strings() {
    let dir = TempDir::new().unwrap();
    let text =
        "{\"id\": 7, \"ssn\": 536228741, \"cards\": [4556737586899855], \
                \"note\": \"ssn: 536228741, call\"}\n";
    let path = write(dir.path(), "events.jsonl", text.as_bytes());
    redact_in_place(dir.path(), &["events.jsonl"]);
    let got = fs::read_to_string(&path).unwrap();
    assert_eq!(
        got,
        "{\"id\": 7, \"ssn\": \"[US_SSN]\", \"cards\": [\"[CREDIT_CARD]\"], \
         \"note\": \"ssn: [US_SSN], call\"}\n"
    );
    let v: serde_json::Value = serde_json::from_str(&got).unwrap();
    assert_eq!(v["ssn"], "[US_SSN]");
}

/// Flow collections (`{...}`, `[...]`) on one line: values there end at
/// `,` `}` `]`, and are quoted too; the file reads back with strings.
#[test]
fn yaml_flow_values_stay_strings() {
    let dir = TempDir::new().unwrap();
    let text = "u: {email: jane.roe@mailbox.org, id: 1}\n\
                to: [jane.roe@mailbox.org, bob.smith@mailbox.org]\n\
                note: mail jane.roe@mailbox.org, bob\n";
    let path = write(dir.path(), "flow.yml", text.as_bytes());
    redact_in_place(dir.path(), &["flow.yml"]);
    let got = fs::read_to_string(&path).unwrap();
    assert_eq!(
        got,
        "u: {email: \"[EMAIL]\", id: 1}\n\
         to: [\"[EMAIL]\", \"[EMAIL]\"]\n\
         note: mail [EMAIL], bob\n"
    );
    let docs = yaml_rust2::YamlLoader::load_from_str(&got).unwrap();
    assert_eq!(docs[0]["u"]["email"].as_str(), Some("[EMAIL]"));
    assert_eq!(docs[0]["to"][1].as_str(), Some("[EMAIL]"));
    assert_eq!(docs[0]["note"].as_str(), Some("mail [EMAIL], bob"));
}

/// A value across a CSV field separator (`lat,lon` columns) is replaced
/// cell by cell: every row keeps its number of cells.
#[test]
fn csv_rows_keep_their_cells() {
    let dir = TempDir::new().unwrap();
    let text = "id,lat,lon,place\n1,48.858370,2.294481,Tower\n\
                2,\"742 Evergreen Terrace, Springfield\",x,y\n";
    let path = write(dir.path(), "places.csv", text.as_bytes());
    redact_in_place(dir.path(), &["places.csv"]);
    let got = fs::read_to_string(&path).unwrap();
    assert_eq!(
        got,
        "id,lat,lon,place\n1,[GEO_COORDINATES],[GEO_COORDINATES],Tower\n\
         2,\"[STREET_ADDRESS], Springfield\",x,y\n"
    );
    for style in ["mask", "fake"] {
        write(dir.path(), "places.csv", text.as_bytes());
        let key = key_file(dir.path());
        redact_in_place(
            dir.path(),
            &[
                "--style",
                style,
                "--key-file",
                key.to_str().unwrap(),
                "places.csv",
            ],
        );
        let got = fs::read_to_string(&path).unwrap();
        let cells: Vec<usize> =
            got.lines().map(|l| l.split(',').count()).collect();
        assert_eq!(cells[..2], [4, 4], "{style}: {got}");
    }
}

/// CSV on stdin has no name to go by: a header row on its first line
/// makes it CSV, so rows keep their cells there too; quoted coordinates
/// under `lat`/`lon` columns are found cell by cell.
#[test]
fn csv_on_stdin_keeps_its_cells() {
    let text = "id,lat,lon,place\n1,48.858370,2.294481,Tower\n\
                2,\"48.871970\",\"2.331590\",Opera\n";
    let out = piiscan().arg("redact").write_stdin(text).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "id,lat,lon,place\n1,[GEO_COORDINATES],[GEO_COORDINATES],Tower\n\
         2,\"[GEO_COORDINATES]\",\"[GEO_COORDINATES]\",Opera\n"
    );
    // Text that is not CSV is redacted as text.
    let out = piiscan()
        .arg("redact")
        .write_stdin("to: 48.858370,2.294481 x\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "to: [GEO_COORDINATES] x\n"
    );
}

/// A bare SQL literal replaced by a tag would break the dump: it becomes
/// a quoted string; values inside strings are replaced in place.
#[test]
fn sql_literals_become_strings() {
    let dir = TempDir::new().unwrap();
    let text = "INSERT INTO t VALUES (1, 'jane.roe@mailbox.org', 4556737586899855);\n\
                UPDATE t SET card = 4556737586899855 WHERE id = 1;\n";
    let path = write(dir.path(), "dump.sql", text.as_bytes());
    redact_in_place(dir.path(), &["dump.sql"]);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "INSERT INTO t VALUES (1, '[EMAIL]', '[CREDIT_CARD]');\n\
         UPDATE t SET card = '[CREDIT_CARD]' WHERE id = 1;\n"
    );
}

/// A bare TOML value replaced by a tag would break the file: it becomes a
/// string.
#[test]
fn toml_values_become_strings() {
    let dir = TempDir::new().unwrap();
    let text = "name = \"Jane Roe\"\nssn = 536228741\ncard = 4556737586899855 # test\n";
    let path = write(dir.path(), "seed.toml", text.as_bytes());
    redact_in_place(dir.path(), &["seed.toml"]);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "name = \"[PERSON_NAME]\"\nssn = \"[US_SSN]\"\ncard = \"[CREDIT_CARD]\" # test\n"
    );
}

/// A dump bigger than a chunk: rows far below their `CREATE TABLE` and
/// `COPY` lines are redacted by column, in place, compressed and on stdin,
/// exactly where `scan` finds them.
#[test]
fn sql_dump_rows_beyond_the_first_chunk_are_redacted() {
    let (dump, rows) = common::sql_dump();
    let numbers: std::collections::HashSet<String> =
        (0..rows).map(common::dump_ssn).collect();
    // SSNs of the dump still in `text`.
    let left = |text: &[u8]| {
        text.split(|b| !b.is_ascii_digit())
            .filter(|run| numbers.contains(std::str::from_utf8(run).unwrap()))
            .count()
    };
    let dir = TempDir::new().unwrap();
    let plain = write(dir.path(), "dump.sql", dump.as_bytes());
    let out =
        piiscan().args(["redact", "--in-place"]).arg(&plain).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(left(&fs::read(&plain).unwrap()), 0);
    let out =
        piiscan().arg("redact").write_stdin(dump.as_bytes()).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(left(&out.stdout), 0);
}
