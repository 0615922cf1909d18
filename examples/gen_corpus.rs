//! Generates piiscan's labelled sample corpus and benchmark corpora.
//!
//! ```text
//! cargo run --example gen_corpus -- --out corpus
//! cargo run --release --example gen_corpus -- --bench --size 256M --layout single|tree|sparse --out DIR
//! ```
//!
//! The labelled sample (`corpus/`) is a few hundred KB of logs, tickets,
//! mails, contact lists and fixtures in thirteen locales, with
//! `truth.jsonl` naming every planted value and `negatives.jsonl` every
//! planted look-alike. Output is deterministic: a fixed seed, one PRNG stream per file, and offsets
//! recorded while bytes are written (never searched for afterwards), so
//! `tests/accuracy.rs` can regenerate the corpus and demand identical bytes.
//!
//! Every value is synthetic. Checksum-validated kinds are drawn by rejection
//! sampling against `piiscan::catalog::validators`, so the generator cannot
//! disagree with the library about what a valid value is.

#[path = "gen_corpus/bench.rs"]
mod bench;
#[path = "gen_corpus/clock.rs"]
mod clock;
#[path = "gen_corpus/contacts.rs"]
mod contacts;
#[path = "gen_corpus/doc.rs"]
mod doc;
#[path = "gen_corpus/files.rs"]
mod files;
#[path = "gen_corpus/people.rs"]
mod people;
#[path = "gen_corpus/records.rs"]
mod records;
#[path = "gen_corpus/rng.rs"]
mod rng;
#[path = "gen_corpus/values.rs"]
mod values;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use doc::Span;
use files::{Codec, OutFile};

fn main() -> Result<()> {
    let mut out: Option<PathBuf> = None;
    let mut bench = false;
    let mut size = 256u64 << 20;
    let mut layout = bench::Layout::Single;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next().with_context(|| format!("{name} needs a value"))
        };
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--bench" => bench = true,
            "--size" => size = bench::parse_size(&value("--size")?)?,
            "--layout" => {
                layout = match value("--layout")?.as_str() {
                    "single" => bench::Layout::Single,
                    "tree" => bench::Layout::Tree,
                    "sparse" => bench::Layout::Sparse,
                    other => {
                        bail!(
                            "--layout must be single, tree or sparse, not {other:?}"
                        )
                    }
                }
            }
            "-h" | "--help" => {
                println!(
                    "usage: gen_corpus --out DIR\n       gen_corpus --bench --size 256M \
                     --layout single|tree|sparse --out DIR"
                );
                return Ok(());
            }
            other => bail!("unknown argument {other:?} (try --help)"),
        }
    }
    let out = out.context("--out DIR is required")?;
    if bench {
        bench::run(&out, size, layout)
    } else {
        generate(&out)
    }
}

/// Write the labelled sample, its truth and negatives files and README
/// into `out`. Existing files are overwritten; nothing is deleted.
pub fn generate(out: &Path) -> Result<()> {
    let mut files = files::labelled();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut truth = String::new();
    let mut negs = String::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut listing = Vec::new();
    for f in &files {
        check(f)?;
        let bytes = encode(f)?;
        let path = out.join(&f.path);
        fs::create_dir_all(
            path.parent().expect("file paths have a directory"),
        )?;
        fs::write(&path, &bytes)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        let p = serde_json::to_string(&f.path)?;
        for s in &f.doc.truth {
            writeln!(
                truth,
                r#"{{"path":{p},"start":{},"end":{},"kind":"{}"}}"#,
                s.start, s.end, s.tag
            )?;
            *counts.entry(s.tag).or_default() += 1;
        }
        for s in &f.doc.negs {
            writeln!(
                negs,
                r#"{{"path":{p},"start":{},"end":{},"what":"{}"}}"#,
                s.start, s.end, s.tag
            )?;
        }
        listing.push((
            f.path.clone(),
            f.doc.len(),
            f.doc.truth.len(),
            f.doc.negs.len(),
        ));
    }
    fs::write(out.join("truth.jsonl"), &truth)?;
    fs::write(out.join("negatives.jsonl"), &negs)?;
    fs::write(out.join("README.md"), readme(&listing, &counts))?;
    Ok(())
}

/// Compress as the file name says; truth offsets stay those of the plain
/// content. gzip mtime is 0 and the levels are fixed, for stable bytes.
fn encode(f: &OutFile) -> Result<Vec<u8>> {
    Ok(match f.codec {
        Codec::Plain => f.doc.buf.clone(),
        Codec::Gzip => {
            let mut e = flate2::GzBuilder::new()
                .mtime(0)
                .write(Vec::new(), flate2::Compression::new(9));
            e.write_all(&f.doc.buf)?;
            e.finish()?
        }
        Codec::Zstd => zstd::encode_all(&f.doc.buf[..], 19)?,
    })
}

/// Invariants of one file: spans in bounds, on UTF-8 boundaries, sorted,
/// non-overlapping (truth and negatives together); JSON files parse.
fn check(f: &OutFile) -> Result<()> {
    let text = std::str::from_utf8(&f.doc.buf)
        .with_context(|| format!("{}: not UTF-8", f.path))?;
    let mut all: Vec<&Span> = f.doc.truth.iter().chain(&f.doc.negs).collect();
    all.sort_by_key(|s| (s.start, s.end));
    for w in all.windows(2) {
        if w[0].end > w[1].start {
            bail!("{}: spans {:?} and {:?} overlap", f.path, w[0], w[1]);
        }
    }
    for s in &all {
        if s.start >= s.end || text.get(s.start..s.end).is_none() {
            bail!("{}: bad span {s:?}", f.path);
        }
    }
    if f.path.ends_with(".jsonl") {
        for (i, line) in text.lines().enumerate() {
            serde_json::from_str::<serde_json::Value>(line).with_context(
                || format!("{}:{}: invalid JSON", f.path, i + 1),
            )?;
        }
    } else if f.path.ends_with(".json") {
        serde_json::from_str::<serde_json::Value>(text)
            .with_context(|| format!("{}: invalid JSON", f.path))?;
    }
    Ok(())
}

fn readme(
    listing: &[(String, usize, usize, usize)],
    counts: &BTreeMap<&str, usize>,
) -> String {
    let mut s = String::from(
        "# piiscan labelled corpus\n\n\
         Generated by `examples/gen_corpus.rs`; do not edit by hand. Regenerate with\n\n\
         ```sh\ncargo run --example gen_corpus -- --out corpus\n```\n\n\
         (the generator overwrites but never deletes: remove the directory first if\n\
         a file was renamed). `tests/accuracy.rs` regenerates it into a temporary\n\
         directory and fails if any file differs (`.gz`/`.zst` are compared after\n\
         decompression, so a compressor upgrade is not a failure), so this directory,\n\
         `truth.jsonl` and the generator never drift apart.\n\n\
         **Every value is synthetic.** Names are random pairs from short lists of common\n\
         first and last names; in the contact files (`fixtures/contacts.csv`,\n\
         `fixtures/staff.yaml`, `logs/crm.jsonl`, `tickets/*-address.eml`) half the people\n\
         have a rare given name or surname that is in none of piiscan's name lists, so\n\
         names are found from fields, titles, greetings and signatures, not only lists.\n\
         Mail domains are reserved (`example.com`, `.test`) or made\n\
         up; US phones are 555-01xx and other countries use their fiction ranges where\n\
         one exists; IPs are mostly documentation and CGNAT ranges; cards, IBANs and\n\
         national ids are random values that pass their checksums (drawn by rejection\n\
         sampling against `piiscan::catalog::validators`). No value describes a real\n\
         person.\n\n\
         `tests/accuracy.rs` runs `piiscan scan corpus --format jsonl` and counts a\n\
         finding as a true positive when a truth entry has the same path, kind and an\n\
         overlapping span; it prints precision, recall and F1 per kind\n\
         (`cargo test --test accuracy -- --nocapture`).\n\n\
         ## Files\n\n\
         Bytes are those of the plain (decompressed) content.\n\n\
         | file | content | bytes | truth | negatives |\n\
         | --- | --- | ---: | ---: | ---: |\n",
    );
    for (path, plain, t, n) in listing {
        let _ = writeln!(
            s,
            "| `{path}` | {} | {plain} | {t} | {n} |",
            describe(path)
        );
    }
    s.push_str(
        "\n`clean/` holds no personal data at all, only things that look like it\n\
         (timestamps, epoch seconds and millis, UUIDs, git SHAs, SHA-256, version and\n\
         build numbers, order and invoice ids, HDFS block ids, byte counters, base64,\n\
         Luhn-invalid 16-digit numbers, SSN-shaped numbers with area 000/666/9xx,\n\
         IBAN-shaped strings with bad check digits, source code, release notes and a\n\
         product inventory full of capitalized phrases): every finding there is a false\n\
         positive. Hard negatives are also planted inside the realistic files.\n\n\
         ## Truth format\n\n\
         `truth.jsonl` has one line per planted personal-data value:\n\n\
         ```json\n{\"path\":\"logs/app.jsonl\",\"start\":123,\"end\":140,\"kind\":\"email\"}\n```\n\n\
         `path` is relative to this directory; `start`/`end` are byte offsets (end\n\
         exclusive) into the file's content, decompressed for `.gz` and `.zst`. `kind` is\n\
         a kind id from DESIGN.md. Cards, IBANs, national ids and phones are labelled as\n\
         written, separators included. A person's name is labelled as written, a lone\n\
         first name after a greeting or sign-off too (`Thanks, Ava`); a leading surname\n\
         particle (`de Jong` in a last-name column) and a title (`Mr.`) are left out.\n\n\
         `negatives.jsonl` lists the planted look-alikes in the same shape with `what`\n\
         instead of `kind` (`epoch_millis`, `uuid`, `build_number`, ...): no finding may\n\
         overlap one. `capitalized_phrase` negatives are capitalized words that look like\n\
         names but are not (`Grant Access`, `May Day Sale`, `Long Beach`, `Rose Gold`).\n\n\
         A value whose digits also pass another kind's checksum (a 9-digit number that\n\
         is both a valid SIN and a valid BSN) is never planted, so each label names the\n\
         only kind its value can be; context decides between structure-only kinds.\n\n\
         ## Labels per kind\n\n| kind | count |\n| --- | ---: |\n",
    );
    for (k, n) in counts {
        let _ = writeln!(s, "| `{k}` | {n} |");
    }
    s
}

fn describe(path: &str) -> &'static str {
    match path {
        "logs/app.jsonl" => "JSON application logs",
        "logs/auth.log" => "sshd/sudo syslog",
        "logs/access.log" => "nginx combined access log",
        "logs/app.log.gz" => "log4j service log, gzip",
        "logs/worker.log.zst" => "logfmt worker log, zstd",
        "tickets/export.csv" => "support-ticket export",
        "fixtures/users.json" => "user records, JSON",
        "fixtures/customers.yaml" => "customer records, YAML",
        "fixtures/seed.sql" => "seed data, SQL",
        "fixtures/app-config.yaml" => "settings with credentials",
        "fixtures/kyc_verifications.csv" => "identity checks, one id per row",
        "fixtures/contacts.csv" => {
            "contacts: split names, addresses, user names"
        }
        "fixtures/staff.yaml" => "staff directory, YAML",
        "logs/crm.jsonl" => "CRM events, JSON lines",
        p if p.ends_with("-address.eml") => "change-of-address mail",
        p if p.ends_with(".eml") => "support mail",
        p if p.starts_with("clean/") => "PII-free look-alikes",
        _ => "",
    }
}
