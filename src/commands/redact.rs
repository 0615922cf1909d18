//! `piiscan redact`: resolve flags, then redact files (in place, into
//! `-o DIR`, or nowhere with `--dry-run` / `--check`) or stream standard
//! input to standard output; print one line per changed or failed file
//! and a closing summary on stderr; write `--report FILE`.
//!
//! Exit codes: 0 when the run succeeded, whether or not anything was
//! redacted (a successful rewrite is not a finding); 1 with `--check` when
//! something would change; 2 when any input failed (the others are still
//! processed). Usage errors name the flag and never print a value.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use anyhow::{anyhow, bail, Result};
use piiscan::redact::{
    self, FileReport, FileStatus, JsonReport, Key, Policy, RedactOptions,
    Redactor, Replacer, ReportHeader, RunSummary, StreamLimits, Style,
    StylePlan, Target,
};

use super::{build_engine, check_kinds, input_options, threads};
use crate::cli::{RedactArgs, StyleArg};
use crate::Status;

/// `piiscan redact`.
pub fn redact(args: RedactArgs) -> Result<Status> {
    let dry_run = args.dry_run || args.check;
    let stdin_mode = resolve_source(&args)?;
    if args.walk.binary {
        bail!("--binary: redact never rewrites binary files");
    }
    if args.in_place && args.walk.follow {
        bail!("--in-place never follows symbolic links; drop -L/--follow");
    }

    let plan = style_plan(&args)?;
    let key = match &args.key_file {
        Some(path) => Some(Key::from_file(path).map_err(|e| anyhow!("{e}"))?),
        None => None,
    };
    let header = ReportHeader {
        version: 1,
        mode: if stdin_mode {
            "stdout"
        } else if args.in_place {
            "in-place"
        } else if args.output.is_some() {
            "output-dir"
        } else {
            "none"
        },
        dry_run,
        style: plan.default.name(),
        style_for: plan
            .per_kind
            .iter()
            .map(|(k, s)| (k.clone(), s.name()))
            .collect::<BTreeMap<_, _>>(),
    };
    let replacer = Replacer::new(plan, key).map_err(|e| anyhow!("{e}"))?;
    let engine = build_engine(&args.select)?;
    let redactor = Redactor::new(&engine, replacer, args.report.is_some());
    let mut report = match &args.report {
        Some(path) => Some(
            JsonReport::create(path, &header).map_err(|e| anyhow!("{e}"))?,
        ),
        None => None,
    };

    let mut report_error = None;
    let mut on_file = |f: &FileReport| {
        if let Some(line) = f.text_line() {
            if f.status == FileStatus::Failed {
                eprintln!("piiscan: {line}");
            } else if !stdin_mode {
                eprintln!("{line}");
            }
        }
        if let Some(r) = report.as_mut() {
            if let Err(e) = r.file(f) {
                report_error.get_or_insert(e);
            }
        }
    };
    let summary = if stdin_mode {
        // Lines already read are redacted in parallel pieces: on -j
        // threads, like files.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads(&args.walk))
            .build()
            .map_err(|e| anyhow!("cannot start threads: {e}"))?;
        pool.install(|| redact_stdin(&redactor, dry_run, &mut on_file))?
    } else {
        let (walk, open) = input_options(&args.walk);
        let target = target(&args, dry_run)?;
        let options = RedactOptions {
            walk,
            open,
            threads: threads(&args.walk),
            target,
            dry_run,
            documents: super::document_options(&args.walk),
        };
        redact::run(&redactor, &args.paths, &options, &mut on_file)
    };
    eprintln!("{}", summary.text_line(dry_run));
    if let Some(r) = report {
        if let Err(e) = r.finish(&summary) {
            report_error.get_or_insert(e);
        }
    }
    if let Some(e) = &report_error {
        eprintln!("piiscan: {e}");
    }
    Ok(if summary.errors > 0 || report_error.is_some() {
        Status::Error
    } else if args.check && summary.files_changed > 0 {
        Status::Found
    } else {
        Status::Clean
    })
}

/// Whether the input is standard input; checks that paths and the
/// destination flags fit together.
fn resolve_source(args: &RedactArgs) -> Result<bool> {
    let has_dest = args.in_place || args.output.is_some();
    let dashes = args.paths.iter().filter(|p| *p == "-").count();
    if dashes > 0 {
        if args.paths.len() > 1 {
            bail!("'-' (standard input) cannot be mixed with other paths");
        }
        if has_dest {
            bail!("standard input is redacted to standard output; drop --in-place / -o");
        }
        return Ok(true);
    }
    if args.paths.is_empty() {
        if has_dest {
            bail!("--in-place and -o DIR need at least one PATH");
        }
        if io::stdin().is_terminal() {
            bail!(
                "nothing to redact: give PATHs with --in-place, -o DIR or \
                 --dry-run, or pipe text on standard input"
            );
        }
        return Ok(true);
    }
    if !(has_dest || args.dry_run || args.check) {
        bail!("redact PATH needs --in-place, -o DIR, --dry-run or --check");
    }
    Ok(false)
}

fn to_style(s: StyleArg) -> Style {
    match s {
        StyleArg::Tag => Style::Tag,
        StyleArg::Mask => Style::Mask,
        StyleArg::Hash => Style::Hash,
        StyleArg::Fake => Style::Fake,
    }
}

fn style_plan(args: &RedactArgs) -> Result<StylePlan> {
    let kinds: Vec<String> =
        args.style_for.iter().map(|(k, _)| k.clone()).collect();
    check_kinds(&kinds, "--style-for")?;
    let plan = StylePlan {
        default: to_style(args.style),
        per_kind: args
            .style_for
            .iter()
            .map(|(k, s)| (k.clone(), to_style(*s)))
            .collect(),
        keep_last: args.keep_last.unwrap_or(0),
    };
    if args.keep_last.is_some() && !plan.uses(Style::Mask) {
        bail!("--keep-last applies to the mask style (--style mask or --style-for KIND=mask)");
    }
    Ok(plan)
}

fn target(args: &RedactArgs, dry_run: bool) -> Result<Target> {
    if args.in_place {
        return Ok(Target::InPlace {
            policy: Policy { allow_hard_links: args.force },
            backup_suffix: args.backup.as_ref().map(Into::into),
        });
    }
    let Some(dir) = &args.output else { return Ok(Target::Nowhere) };
    let shown =
        piiscan::sanitize::for_terminal(&dir.to_string_lossy()).into_owned();
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => bail!("-o {shown}: not a directory"),
        Ok(_) => {}
        Err(_) if dry_run => {}
        Err(_) => std::fs::create_dir_all(dir).map_err(|e| {
            anyhow!(
                "-o {shown}: cannot create it: {}",
                piiscan::input::io_reason(&e)
            )
        })?,
    }
    if let Ok(out) = std::fs::canonicalize(dir) {
        for root in &args.paths {
            if std::fs::canonicalize(Path::new(root)).is_ok_and(|r| r == out) {
                bail!("-o {shown} is the directory being redacted; use --in-place");
            }
        }
    }
    Ok(Target::Directory(dir.clone()))
}

fn redact_stdin(
    redactor: &Redactor<'_>,
    dry_run: bool,
    on_file: &mut dyn FnMut(&FileReport),
) -> Result<RunSummary> {
    let started = std::time::Instant::now();
    // Read on its own thread: bulk input arrives in big blocks (redacted
    // in parallel), live input line by line.
    let mut input = redact::Prefetch::new(io::stdin());
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 << 10, stdout.lock());
    let writer: Option<&mut dyn Write> =
        if dry_run { None } else { Some(&mut out) };
    let file = redact::redact_stream(
        redactor,
        &mut input,
        writer,
        "-",
        &StreamLimits::default(),
    )?;
    out.flush()?;
    let mut summary = RunSummary::default();
    summary.add(&file);
    on_file(&file);
    summary.elapsed_secs = started.elapsed().as_secs_f64();
    Ok(summary)
}
