//! `piiscan baseline`: record today's findings as a baseline file (or as
//! `[[allow.fingerprint]]` entries for `.piiscan.toml`).
//!
//! Findings are gathered exactly as a gated `scan` sees them (config,
//! inline allows and fingerprint allows apply; synthetic values are left
//! out unless `--strict`), so `scan --baseline` right after reports
//! nothing. Re-running keeps the salt and iteration count of an existing
//! baseline file (unless `--iterations`), so unchanged findings keep their
//! fingerprints and the diff stays small.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use piiscan::gate::baseline::{self, Baseline};
use piiscan::gate::fingerprint::{self, Kdf};
use piiscan::gate::{Gate, Mode, NewEntry};
use piiscan::output::{self, Format};
use piiscan::sanitize::for_terminal;
use piiscan::scan::{self, Inputs, ScanOptions};

use super::scan::{engine_for, resolve_config};
use super::{input_options, threads};
use crate::cli::{BaselineArgs, BaselineFormatArg};
use crate::Status;

/// `piiscan baseline`.
pub fn baseline(args: BaselineArgs) -> Result<Status> {
    let cwd = std::env::current_dir().context("current directory")?;
    let config = resolve_config(&args.config, &args.select, &cwd)?;
    let engine = engine_for(&config)?;
    let key = fingerprint::key_from_env().map_err(|e| anyhow!(e))?;
    let output = match (&args.output, args.format) {
        (Some(p), _) => p.clone(),
        (None, BaselineFormatArg::Toml) => PathBuf::from("-"),
        (None, BaselineFormatArg::Json) => config
            .baseline
            .clone()
            .unwrap_or_else(|| config.root.join(baseline::DEFAULT_FILE)),
    };
    let shown = for_terminal(&output.to_string_lossy()).into_owned();
    // Keep the salt (and so the fingerprints) of the baseline in force.
    let existing = [Some(output.clone()), config.baseline.clone()]
        .into_iter()
        .flatten()
        .find(|p| p != &PathBuf::from("-") && p.exists());
    let kdf = match (args.iterations, existing) {
        (Some(n), _) => Kdf::fresh_with(n, key.clone())
            .map_err(|e| anyhow!("--iterations: {e}"))?,
        (None, Some(p)) => Baseline::load(&p, key.clone())
            .map_err(|e| anyhow!("{e} (remove it to start afresh)"))?
            .kdf()
            .clone(),
        (None, None) => Kdf::fresh(key.clone()),
    };
    let mode = Mode {
        gated: true,
        strict: args.strict || config.strict,
        accounting: false,
    };
    let configured = config.baseline.clone();
    let mut gate =
        Gate::new(config, &cwd, mode, None, Some(kdf.clone()), None, key)
            .map_err(|e| anyhow!(e))?;
    for own in [Some(&output), configured.as_ref()].into_iter().flatten() {
        gate.exclude_file(own);
    }
    let roots = if args.paths.is_empty() {
        vec![".".to_string()]
    } else {
        args.paths.clone()
    };
    let (walk, open) = input_options(&args.walk);
    let options = ScanOptions {
        documents: super::document_options(&args.walk),
        walk,
        open,
        reveal: false,
        threads: threads(&args.walk),
        progress: !args.no_progress,
    };
    let mut report = output::reporter(Format::Jsonl, false);
    let mut on_error = |msg: &str| eprintln!("piiscan: {msg}");
    let (summary, tally) = scan::run_gated(
        &engine,
        Inputs::Roots(&roots),
        &options,
        Some(&gate),
        &mut *report,
        &mut std::io::sink(),
        &mut on_error,
    )?;
    if summary.errors > 0 || summary.partial > 0 {
        bail!("baseline not written: some inputs could not be read");
    }
    match args.format {
        BaselineFormatArg::Json => {
            let b = Baseline::empty(kdf).with_entries(
                tally.new_entries.iter().map(|n| n.entry.clone()),
            );
            b.write(&output).with_context(|| shown.clone())?;
            if output.as_os_str() != "-" {
                eprintln!(
                    "piiscan: {shown}: {} entr{}",
                    b.entries().len(),
                    if b.entries().len() == 1 { "y" } else { "ies" }
                );
            }
        }
        BaselineFormatArg::Toml => {
            let text = allow_entries(&tally.new_entries);
            if output.as_os_str() == "-" {
                let mut out = std::io::stdout().lock();
                out.write_all(text.as_bytes())?;
                out.flush()?;
            } else {
                baseline::write_atomic(&output, &text)
                    .with_context(|| shown.clone())?;
            }
        }
    }
    Ok(Status::Clean)
}

/// `[[allow.fingerprint]]` tables, one per distinct value and file.
fn allow_entries(entries: &[NewEntry]) -> String {
    let quote = |s: &str| {
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
    };
    let mut out = String::from(
        "# piiscan fingerprint allows: paste into .piiscan.toml\n",
    );
    for n in entries {
        out.push_str(&format!(
            "\n# {}:{}\n[[allow.fingerprint]]\npath = {}\nkind = {}\n\
             fingerprint = {}\n",
            n.entry.path.replace('\n', " "),
            n.line,
            quote(&n.entry.path),
            quote(&n.entry.kind),
            quote(&n.portable)
        ));
    }
    out
}
