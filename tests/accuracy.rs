//! Accuracy of the default catalog on the labelled corpus (`corpus/`).
//!
//! Three checks, all through the real binary:
//! - per-kind precision and recall against `corpus/truth.jsonl`: a finding
//!   is a true positive when a truth entry has the same path, the same kind
//!   and an overlapping span (scanners legitimately differ on whether a
//!   separator, a `Bearer ` prefix or a name particle belongs to the
//!   value);
//! - no finding overlaps a planted look-alike (`corpus/negatives.jsonl`),
//!   and `corpus/clean/` (no personal data at all) stays under one finding
//!   per MB;
//! - the committed corpus is byte-identical to a fresh run of the generator,
//!   so the truth file can never describe stale content.
//!
//! `cargo test --test accuracy -- --nocapture` prints the tables.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

/// Checksum-validated kinds: precision and recall must reach 0.97.
const STRICT: &[&str] = &[
    "credit_card",
    "iban",
    "us_bank_routing",
    "us_ssn",
    "us_itin",
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
    "cn_resident_id",
    "au_tfn",
];

/// The other kinds with a fixed shape: precision and recall >= 0.90.
const LOOSE: &[&str] = &[
    "email",
    "phone",
    "ipv4",
    "ipv6",
    "mac_address",
    "geo_coordinates",
    "date_of_birth",
    "us_passport",
    "in_pan",
    "jwt",
    "bearer_token",
    "aws_access_key",
    "url_credentials",
    "session_cookie",
];

/// Kinds found from gazetteers, shape and context: (kind, minimum
/// precision, minimum recall).
const CONTEXTUAL: &[(&str, f64, f64)] = &[
    ("person_name", 0.90, 0.85),
    ("street_address", 0.85, 0.80),
    ("postal_code", 0.85, 0.80),
    ("username", 0.85, 0.80),
];

/// Findings per MB of `corpus/clean/` (PII-free look-alikes) allowed.
const MAX_CLEAN_PER_MB: f64 = 1.0;

/// A labelled span or a finding, with its path relative to the corpus root.
#[derive(Debug, Clone)]
struct Span {
    path: String,
    start: u64,
    end: u64,
    /// Kind (truth, findings) or decoy name (negatives).
    tag: String,
    /// Rule id, for findings.
    pattern: String,
}

impl Span {
    fn overlaps(&self, other: &Span) -> bool {
        self.path == other.path
            && self.start < other.end
            && other.start < self.end
    }
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn load(name: &str, tag_field: &str) -> Vec<Span> {
    let path = corpus().join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e} (run the generator)", path.display())
    });
    text.lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line)
                .expect("corpus metadata is JSON lines");
            Span {
                path: v["path"].as_str().expect("path").to_string(),
                start: v["start"].as_u64().expect("start"),
                end: v["end"].as_u64().expect("end"),
                tag: v[tag_field].as_str().expect("tag").to_string(),
                pattern: String::new(),
            }
        })
        .collect()
}

/// Run `piiscan scan <corpus> --format jsonl` once for all tests.
fn findings() -> &'static [Span] {
    static SCAN: OnceLock<Vec<Span>> = OnceLock::new();
    SCAN.get_or_init(|| {
        let root = corpus();
        let out = Command::cargo_bin("piiscan")
            .expect("piiscan binary")
            .arg("scan")
            .arg(&root)
            .args(["--format", "jsonl"])
            .output()
            .expect("run piiscan");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "piiscan scan must exit 1 (findings) on the corpus; stderr:\n{stderr}"
        );
        let root_str = root.to_string_lossy().into_owned();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let v: Value = serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("finding is not JSON ({e}): {line}"));
                let full = v["path"].as_str().expect("finding path");
                let rel = full
                    .strip_prefix(&root_str)
                    .unwrap_or_else(|| panic!("finding path {full} is not under {root_str}"))
                    .trim_start_matches(['/', '\\'])
                    .replace('\\', "/");
                Span {
                    path: rel,
                    start: v["start"].as_u64().expect("start"),
                    end: v["end"].as_u64().expect("end"),
                    tag: v["kind"].as_str().expect("kind").to_string(),
                    pattern: v["pattern"].as_str().unwrap_or("").to_string(),
                }
            })
            .collect()
    })
}

/// Plain content of a corpus file (decompressed for .gz and .zst).
fn content(rel: &str) -> Vec<u8> {
    let path = corpus().join(rel);
    let raw = fs::read(&path).unwrap_or_default();
    decompress(rel, &raw).unwrap_or(raw)
}

fn decompress(name: &str, raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    if name.ends_with(".gz") {
        flate2::read::MultiGzDecoder::new(raw).read_to_end(&mut out).ok()?;
    } else if name.ends_with(".zst") {
        out = zstd::decode_all(raw).ok()?;
    } else {
        return None;
    }
    Some(out)
}

/// `path:start-end "value"` for a report line. Every corpus value is
/// synthetic, so printing it is safe and makes misses easy to act on.
fn show(s: &Span, files: &mut BTreeMap<String, Vec<u8>>) -> String {
    let bytes =
        files.entry(s.path.clone()).or_insert_with(|| content(&s.path));
    let (a, b) = (s.start as usize, (s.end as usize).min(bytes.len()));
    let value =
        bytes.get(a..b).map(String::from_utf8_lossy).unwrap_or_default();
    let rule = if s.pattern.is_empty() {
        String::new()
    } else {
        format!(" [{}]", s.pattern)
    };
    format!("{}:{}-{} {value:?}{rule}", s.path, s.start, s.end)
}

#[derive(Default)]
struct Score {
    support: usize,
    found: usize,
    tp_findings: usize,
    matched_truth: usize,
    misses: Vec<Span>,
    false_positives: Vec<Span>,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.found == 0 {
            0.0
        } else {
            self.tp_findings as f64 / self.found as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.support == 0 {
            0.0
        } else {
            self.matched_truth as f64 / self.support as f64
        }
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Group spans by (path, kind) for overlap lookups.
fn index(spans: &[Span]) -> BTreeMap<(&str, &str), Vec<&Span>> {
    let mut m: BTreeMap<(&str, &str), Vec<&Span>> = BTreeMap::new();
    for s in spans {
        m.entry((s.path.as_str(), s.tag.as_str())).or_default().push(s);
    }
    m
}

#[test]
fn precision_and_recall_per_kind() {
    let truth = load("truth.jsonl", "kind");
    let found = findings();
    let truth_ix = index(&truth);
    let found_ix = index(found);

    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    for t in &truth {
        let s = scores.entry(t.tag.clone()).or_default();
        s.support += 1;
        let hit = found_ix
            .get(&(t.path.as_str(), t.tag.as_str()))
            .is_some_and(|fs| fs.iter().any(|f| f.overlaps(t)));
        if hit {
            s.matched_truth += 1;
        } else {
            s.misses.push(t.clone());
        }
    }
    for f in found {
        let s = scores.entry(f.tag.clone()).or_default();
        s.found += 1;
        let hit = truth_ix
            .get(&(f.path.as_str(), f.tag.as_str()))
            .is_some_and(|ts| ts.iter().any(|t| t.overlaps(f)));
        if hit {
            s.tp_findings += 1;
        } else {
            s.false_positives.push(f.clone());
        }
    }
    for k in
        STRICT.iter().chain(LOOSE).chain(CONTEXTUAL.iter().map(|(k, ..)| k))
    {
        assert!(
            scores.get(*k).is_some_and(|s| s.support > 0),
            "corpus has no {k} labels: regenerate it"
        );
    }

    println!(
        "\n{:<16} {:>7} {:>6} {:>6} {:>9} {:>7} {:>6} {:>11}  status",
        "kind",
        "support",
        "found",
        "TP",
        "precision",
        "recall",
        "F1",
        "min P/R"
    );
    let mut failed = Vec::new();
    for (kind, s) in &scores {
        let min = if STRICT.contains(&kind.as_str()) {
            Some((0.97, 0.97))
        } else if LOOSE.contains(&kind.as_str()) {
            Some((0.90, 0.90))
        } else {
            CONTEXTUAL
                .iter()
                .find(|(k, ..)| k == kind)
                .map(|&(_, p, r)| (p, r))
        };
        let status = match min {
            Some((p, r)) if s.precision() >= p && s.recall() >= r => "ok",
            Some(_) => {
                failed.push(kind.clone());
                "FAIL"
            }
            None => "not scored",
        };
        println!(
            "{:<16} {:>7} {:>6} {:>6} {:>9.3} {:>7.3} {:>6.3} {:>11}  {status}",
            kind,
            s.support,
            s.found,
            s.tp_findings,
            s.precision(),
            s.recall(),
            s.f1(),
            min.map_or("-".to_string(), |(p, r)| format!("{p:.2}/{r:.2}")),
        );
    }

    let mut files = BTreeMap::new();
    for kind in &failed {
        let s = &scores[kind];
        println!(
            "\n{kind}: {} missed, {} false positives",
            s.misses.len(),
            s.false_positives.len()
        );
        for m in s.misses.iter().take(12) {
            println!("  miss {}", show(m, &mut files));
        }
        for f in s.false_positives.iter().take(12) {
            println!("  fp   {}", show(f, &mut files));
        }
    }
    assert!(failed.is_empty(), "below threshold: {}", failed.join(", "));
}

#[test]
fn quiet_on_hard_negatives_and_clean_files() {
    let negs = load("negatives.jsonl", "what");
    let found = findings();
    let mut by_path: BTreeMap<&str, Vec<&Span>> = BTreeMap::new();
    for n in &negs {
        by_path.entry(n.path.as_str()).or_default().push(n);
    }

    let mut hits = Vec::new();
    for f in found {
        if let Some(n) = by_path
            .get(f.path.as_str())
            .and_then(|ns| ns.iter().find(|n| n.overlaps(f)))
        {
            hits.push((f, *n));
        }
    }
    let mut what: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (f, n) in &hits {
        *what.entry((n.tag.as_str(), f.tag.as_str())).or_default() += 1;
    }

    let clean_dir = corpus().join("clean");
    let clean_bytes =
        dir_files(&clean_dir).iter().map(|p| content_len(p)).sum::<u64>();
    let clean: Vec<&Span> =
        found.iter().filter(|f| f.path.starts_with("clean/")).collect();
    let per_mb = clean.len() as f64 / (clean_bytes as f64 / 1e6);

    println!(
        "\nfindings on planted negatives: {} of {} negatives",
        hits.len(),
        negs.len()
    );
    for ((n, k), c) in &what {
        println!("  {c:>5}  {n} reported as {k}");
    }
    println!(
        "findings in clean/: {} in {:.3} MB = {per_mb:.1} per MB",
        clean.len(),
        clean_bytes as f64 / 1e6
    );
    let mut files = BTreeMap::new();
    for (f, n) in hits.iter().take(20) {
        println!("  {} on {} ({})", f.tag, show(f, &mut files), n.tag);
    }
    for f in clean.iter().take(20) {
        println!("  clean: {} {}", f.tag, show(f, &mut files));
    }
    assert!(
        hits.is_empty() && per_mb < MAX_CLEAN_PER_MB,
        "{} findings on planted negatives, {} findings in clean/ ({per_mb:.1}/MB, \
         at most {MAX_CLEAN_PER_MB}/MB allowed)",
        hits.len(),
        clean.len()
    );
}

fn content_len(p: &Path) -> u64 {
    let raw = fs::read(p).unwrap_or_default();
    let name = p.to_string_lossy();
    decompress(&name, &raw).map_or(raw.len(), |d| d.len()) as u64
}

/// Every regular file under `dir`, sorted.
fn dir_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in
            fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()))
        {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn relative(root: &Path, files: &[PathBuf]) -> BTreeSet<String> {
    files
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// The generator is an example rather than a library function, so it is run
/// the way a contributor runs it.
#[test]
fn committed_corpus_is_what_the_generator_writes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let status = std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "gen_corpus", "--manifest-path"])
        .arg(&manifest)
        .args(["--", "--out"])
        .arg(tmp.path())
        .status()
        .expect("run cargo");
    assert!(status.success(), "generator failed: {status}");

    let committed_root = corpus();
    let committed = relative(&committed_root, &dir_files(&committed_root));
    let fresh = relative(tmp.path(), &dir_files(tmp.path()));
    let missing: Vec<_> = fresh.difference(&committed).collect();
    let extra: Vec<_> = committed.difference(&fresh).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "corpus/ is stale: not committed {missing:?}, no longer generated {extra:?}; \
         run `cargo run --example gen_corpus -- --out corpus`"
    );
    let mut stale = Vec::new();
    for rel in &fresh {
        let a = fs::read(committed_root.join(rel)).expect("read committed");
        let b = fs::read(tmp.path().join(rel)).expect("read fresh");
        if a == b {
            continue;
        }
        // A compressor upgrade may change compressed bytes; the truth offsets
        // only depend on the decompressed content.
        match (decompress(rel, &a), decompress(rel, &b)) {
            (Some(x), Some(y)) if x == y => {}
            _ => stale.push(rel.clone()),
        }
    }
    assert!(
        stale.is_empty(),
        "corpus/ differs from the generator's output in {stale:?}; \
         run `cargo run --example gen_corpus -- --out corpus`"
    );
}

/// An HTML table's header row (a report saved as `.xls`) names the cells
/// of rows megabytes below it, in every chunk, whatever the thread count.
#[test]
fn html_table_header_names_cells_in_every_chunk() {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html><body>\n<table>\n\
         <tr><th>Login</th><th>CAP</th><th>Note</th></tr>\n",
    );
    let filler = "x".repeat(200);
    let rows = 24_000; // about 6 MB: two chunks of 4 MiB
    for i in 0..rows {
        html.push_str(&format!(
            "<tr><td>wkamau{}</td><td>16121</td><td>{filler}</td></tr>\n",
            i % 97
        ));
    }
    html.push_str("</table>\n</body></html>\n");
    assert_every_chunk_reports(
        "report.xls",
        &html,
        &["postal_code", "username"],
        rows,
    );
}

/// Field-aware context reaches every chunk: a CSV's header row names the
/// columns of rows megabytes below it, whether the file is memory-mapped
/// or streamed from gzip, and the output does not depend on the thread
/// count.
#[test]
fn csv_header_names_columns_in_every_chunk() {
    let mut csv = String::from("row,first_name,username,notes\n");
    let filler = "x".repeat(200);
    let rows = 24_000; // about 5.5 MB: two chunks of 4 MiB
    for i in 0..rows {
        csv.push_str(&format!("{i},Wanjiru,wkamau{},{filler}\n", i % 97));
    }
    assert_every_chunk_reports(
        "people.csv",
        &csv,
        &["person_name", "username"],
        rows,
    );
}

/// A Telegram Desktop export names each message's sender: in every chunk
/// of a large export, not only in the one that opens it.
#[test]
fn telegram_senders_in_every_chunk() {
    let mut json = String::from(
        "{\n \"name\": \"Lease C-1204\",\n \"type\": \"personal_chat\",\n \
         \"id\": 4471820931,\n \"messages\": [\n",
    );
    let filler = "x".repeat(200);
    let rows = 24_000; // about 8 MB
    for i in 0..rows {
        json.push_str(&format!(
            "  {{\n   \"id\": {i},\n   \"type\": \"message\",\n   \
             \"date\": \"2024-02-18T10:00:00\",\n   \
             \"from\": \"Tevita Vaipulu\",\n   \"from_id\": \"user6051\",\n   \
             \"text\": \"{filler}\"\n  }},\n"
        ));
    }
    json.push_str("  {\"id\": 0, \"type\": \"service\"}\n ]\n}\n");
    assert_every_chunk_reports("result.json", &json, &["person_name"], rows);
}

/// Write `content` as `name` and as `name.gz` (streamed, so each chunk is
/// a haystack of its own) and check that a scan for `kinds` reports
/// `rows` findings of each, the same at one thread and at three.
fn assert_every_chunk_reports(
    name: &str,
    content: &str,
    kinds: &[&str],
    rows: usize,
) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let plain = tmp.path().join(name);
    fs::write(&plain, content).expect("write file");
    let gz = tmp.path().join(format!("{name}.gz"));
    let mut enc =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut enc, content.as_bytes()).expect("gzip");
    fs::write(&gz, enc.finish().expect("gzip")).expect("write gz");
    for path in [&plain, &gz] {
        let run = |threads: &str| {
            let out = Command::cargo_bin("piiscan")
                .expect("piiscan binary")
                .arg("scan")
                .arg(path)
                .args(["--format", "jsonl", "-j", threads])
                .args(["--only", &kinds.join(",")])
                .output()
                .expect("run piiscan");
            String::from_utf8(out.stdout).expect("utf-8")
        };
        let one = run("1");
        for kind in kinds {
            let found = one
                .lines()
                .filter(|l| l.contains(&format!("\"kind\":\"{kind}\"")))
                .count();
            assert_eq!(found, rows, "{kind} in {}", path.display());
        }
        assert_eq!(
            one,
            run("3"),
            "{}: output depends on threads",
            path.display()
        );
    }
}
