//! Benchmark corpus: the labelled sample's line generators at volume.
//!
//! The mix is weighted toward logs, with about a third PII-free noise, the
//! shape PERFORMANCE.md measured against. Nothing is labelled and values are
//! drawn from pools, so 256 MiB takes seconds in release mode.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

use super::doc::Doc;
use super::records::{self, Gen};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    /// One file of N bytes.
    Single,
    /// Thousands of 1-64 KiB files in nested directories plus a few
    /// multi-MiB files, N bytes in total.
    Tree,
    /// One file of N bytes where one line in twenty holds personal data
    /// (the rest is the same PII-free noise): logs as they usually are,
    /// where the cost of reading bytes, not of reporting findings, rules.
    Sparse,
}

type LineFn = fn(&mut Gen, &mut Doc);

/// A kind of log file: its line generator, file suffix and weight.
struct Family {
    line: LineFn,
    suffix: &'static str,
    header: &'static str,
    weight: u64,
}

const FAMILIES: &[Family] = &[
    Family {
        line: records::app_json,
        suffix: "app.jsonl",
        header: "",
        weight: 30,
    },
    Family {
        line: records::auth_syslog,
        suffix: "auth.log",
        header: "",
        weight: 12,
    },
    Family {
        line: records::nginx,
        suffix: "access.log",
        header: "",
        weight: 20,
    },
    Family {
        line: records::csv_ticket,
        suffix: "tickets.csv",
        header: records::CSV_HEADER,
        weight: 8,
    },
    Family {
        line: records::log4j,
        suffix: "service.log",
        header: "",
        weight: 15,
    },
    Family {
        line: records::logfmt,
        suffix: "worker.log",
        header: "",
        weight: 15,
    },
];

fn pick_family(g: &mut Gen) -> &'static Family {
    let total: u64 = FAMILIES.iter().map(|f| f.weight).sum();
    let mut x = g.r.below(total);
    for f in FAMILIES {
        if x < f.weight {
            return f;
        }
        x -= f.weight;
    }
    &FAMILIES[0]
}

/// Parse `256M`, `1G`, `512K`, `1048576` (binary units; `MiB`, `MB` too).
pub fn parse_size(s: &str) -> Result<u64> {
    let t = s.trim().trim_end_matches(['B', 'b']).trim_end_matches('i');
    let (num, mult) = match t.chars().last() {
        Some('K' | 'k') => (&t[..t.len() - 1], 1u64 << 10),
        Some('M' | 'm') => (&t[..t.len() - 1], 1 << 20),
        Some('G' | 'g') => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    let n: u64 =
        num.trim().parse().with_context(|| format!("bad size {s:?}"))?;
    Ok(n * mult)
}

/// Write lines from `next` into `path` until at least `target` bytes (the
/// first line end at or past it). Returns the bytes written.
fn write_lines(
    path: &Path,
    target: u64,
    header: &str,
    g: &mut Gen,
    mut next: impl FnMut(&mut Gen) -> LineFn,
) -> Result<u64> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
    }
    let file = File::create(path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut d = Doc::unlabelled(1 << 19);
    d.text(header);
    let mut written = 0u64;
    while written + (d.len() as u64) < target {
        next(g)(g, &mut d);
        if d.len() >= 1 << 18 {
            w.write_all(&d.buf)?;
            written += d.len() as u64;
            d.buf.clear();
        }
    }
    w.write_all(&d.buf)?;
    written += d.len() as u64;
    w.flush()?;
    Ok(written)
}

/// Two thirds of the family's own lines, one third noise; CSV files stay
/// valid CSV (rows only).
fn mixed(family: &'static Family) -> impl FnMut(&mut Gen) -> LineFn {
    move |g: &mut Gen| {
        if family.header.is_empty() && g.r.below(3) == 0 {
            records::noise
        } else {
            family.line
        }
    }
}

pub fn run(out: &Path, size: u64, layout: Layout) -> Result<()> {
    let mut g = Gen::pooled("bench", 512);
    fs::create_dir_all(out)
        .with_context(|| format!("{}: cannot create", out.display()))?;
    match layout {
        Layout::Single => {
            let path = out.join("bench.log");
            let n = write_lines(&path, size, "", &mut g, |g| {
                if g.r.below(3) == 0 {
                    records::noise
                } else {
                    pick_family(g).line
                }
            })?;
            eprintln!("wrote {} ({n} bytes)", path.display());
        }
        Layout::Sparse => {
            let path = out.join("sparse.log");
            let n = write_lines(&path, size, "", &mut g, |g| {
                if g.r.below(20) == 0 {
                    pick_family(g).line
                } else {
                    records::noise
                }
            })?;
            eprintln!("wrote {} ({n} bytes)", path.display());
        }
        Layout::Tree => {
            // A quarter of the volume in four large log files (JSON,
            // access, service, worker), the rest in small files.
            let mut total = 0u64;
            let big = size / 16;
            let big_families = [0, 2, 4, 5].map(|i| &FAMILIES[i]);
            for (i, f) in big_families.into_iter().enumerate() {
                let path =
                    out.join("archive").join(format!("full-{i}.{}", f.suffix));
                total += write_lines(&path, big, f.header, &mut g, mixed(f))?;
            }
            let services = [
                "checkout", "accounts", "gateway", "billing", "search",
                "mailer", "crm", "storage",
            ];
            let mut files = 4u64;
            while total < size {
                let f = pick_family(&mut g);
                let target = g.r.range(1024, 65_536).min(size - total);
                let path = out
                    .join(g.r.pick(&services))
                    .join(format!("2024-03-{:02}", g.r.range(1, 14)))
                    .join(format!("node-{:02}", g.r.range(1, 4)))
                    .join(format!("{:05}-{}", files, f.suffix));
                total +=
                    write_lines(&path, target, f.header, &mut g, mixed(f))?;
                files += 1;
            }
            eprintln!(
                "wrote {files} files ({total} bytes) under {}",
                out.display()
            );
        }
    }
    Ok(())
}
