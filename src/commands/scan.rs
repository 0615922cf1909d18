//! `piiscan scan`: resolve flags and `.piiscan.toml`, set up the gate
//! (baseline, diff scope), run the scan pipeline, print stats, and turn
//! the result into a [`Status`].

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use piiscan::engine::{Engine, EngineOptions};
use piiscan::gate::baseline::{self, Baseline};
use piiscan::gate::config::Config;
use piiscan::gate::fingerprint::{self, Kdf};
use piiscan::gate::{git, Gate, Mode, Tally};
use piiscan::input::Input;
use piiscan::output::{self, Format};
use piiscan::sanitize::for_terminal;
use piiscan::scan::{self, Inputs, ScanOptions};

use super::{check_kinds, input_options, load_catalog, threads};
use crate::cli::{ColorArg, ConfigArgs, FormatArg, ScanArgs, SelectArgs};
use crate::Status;

/// `piiscan scan`.
pub fn scan(args: ScanArgs) -> Result<Status> {
    let cwd = std::env::current_dir().context("current directory")?;
    let config = resolve_config(&args.config, &args.select, &cwd)?;
    let g = &args.gate;
    if g.print_config {
        print!("{}", config.to_toml());
        return Ok(Status::Clean);
    }
    let gated = g.gate
        || g.baseline.is_some()
        || g.update_baseline
        || g.strict
        || g.staged
        || g.since.is_some()
        || g.report_unused_allows;
    let scoped = g.staged || g.since.is_some();
    if scoped && !args.walk.globs.is_empty() {
        bail!(
            "--glob does not apply to --staged/--since; limit the scope with \
             PATH arguments (git pathspecs, e.g. ':(glob)src/**/*.json')"
        );
    }
    if scoped && args.paths.iter().any(|p| p == "-") {
        bail!("--staged/--since read git, not standard input");
    }
    let engine = engine_for(&config)?;
    let key = fingerprint::key_from_env().map_err(|e| anyhow!(e))?;

    // The baseline: --baseline FILE; else, gated, the config's; else the
    // default file at the root when it exists (or is to be created).
    let default_baseline = config.root.join(baseline::DEFAULT_FILE);
    let baseline_path = g.baseline.clone().or_else(|| {
        if !gated {
            None
        } else if config.baseline.is_some() {
            config.baseline.clone()
        } else {
            (g.update_baseline || default_baseline.exists())
                .then_some(default_baseline)
        }
    });
    let baseline = match &baseline_path {
        Some(p) if g.update_baseline && !p.exists() => {
            Some(Baseline::empty(Kdf::fresh(key.clone())))
        }
        Some(p) => {
            Some(Baseline::load(p, key.clone()).map_err(|e| anyhow!(e))?)
        }
        None => None,
    };
    let collect = match (&baseline, g.update_baseline) {
        (Some(b), true) => Some(b.kdf().clone()),
        _ => None,
    };
    let mode = Mode {
        gated,
        strict: g.strict || config.strict,
        accounting: g.update_baseline || g.report_unused_allows,
    };

    // The inputs: walked roots, or a git-diff scope.
    let paths = args.paths.clone();
    let scope = if g.staged {
        Some(git::staged(&cwd, &paths).map_err(|e| anyhow!(e))?)
    } else if let Some(rev) = &g.since {
        Some(git::since(&cwd, rev, &paths).map_err(|e| anyhow!(e))?)
    } else {
        None
    };
    let roots = if paths.is_empty() { vec![".".to_string()] } else { paths };
    let (inputs, changed, _blobs) = match scope {
        Some(scope) => {
            let (list, changed, blobs) = scope_inputs(scope)?;
            (Inputs::Listed(list), Some(changed), Some(blobs))
        }
        None => (Inputs::Roots(&roots), None, None),
    };
    let use_gate = gated || config.file.is_some();
    let gate = if use_gate {
        let mut gate =
            Gate::new(config, &cwd, mode, baseline, collect, changed, key)
                .map_err(|e| anyhow!(e))?;
        if let Some(p) = &baseline_path {
            gate.exclude_file(p);
        }
        Some(gate)
    } else {
        None
    };

    let threads = threads(&args.walk);
    let (walk, open) = input_options(&args.walk);
    let options = ScanOptions {
        documents: super::document_options(&args.walk),
        walk,
        open,
        reveal: args.reveal,
        threads,
        progress: !args.no_progress,
    };
    let stdout = io::stdout();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let format = match args.format {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Csv => Format::Csv,
    };
    let mut report = output::reporter(format, color);
    let mut out = io::BufWriter::with_capacity(64 << 10, stdout.lock());
    let mut on_error = |msg: &str| eprintln!("piiscan: {msg}");
    let (summary, tally) = scan::run_gated(
        &engine,
        inputs,
        &options,
        gate.as_ref(),
        &mut *report,
        &mut out,
        &mut on_error,
    )?;
    out.flush()?;
    drop(out);
    if args.stats {
        print_stats(&summary, gate.as_ref().map(|_| &tally));
    }
    let failed = summary.errors > 0 || summary.partial > 0;
    let reported: u64 = summary.findings_by_kind.values().sum();
    if let Some(gate) = &gate {
        if args.gate.report_unused_allows {
            let mut err = io::stderr().lock();
            for line in gate.unused(&tally) {
                let _ = writeln!(err, "piiscan: {line}");
            }
        }
        if args.gate.update_baseline {
            if failed {
                bail!("baseline not updated: some inputs could not be read");
            }
            let path = baseline_path.as_deref().unwrap_or(Path::new("-"));
            let (added, dropped, kept) = gate.baseline_changes(&tally);
            if let Some(updated) = gate.updated_baseline(&tally) {
                updated.write(path).with_context(|| {
                    for_terminal(&path.to_string_lossy()).into_owned()
                })?;
            }
            eprintln!(
                "piiscan: {}: {added} added, {dropped} dropped, {kept} kept",
                for_terminal(&path.to_string_lossy())
            );
            return Ok(Status::Clean);
        }
        if gate.mode().gated && reported > 0 {
            eprintln!("piiscan: {}", gate_message(reported, &tally));
            eprintln!("piiscan: {GATE_HINT}");
        }
    }
    Ok(if failed {
        Status::Error
    } else if reported > 0 {
        Status::Found
    } else {
        Status::Clean
    })
}

/// The configuration in force: `--config FILE`, the nearest
/// `.piiscan.toml`, or none (`--no-config`), then the selection flags.
pub(crate) fn resolve_config(
    args: &ConfigArgs,
    select: &SelectArgs,
    cwd: &Path,
) -> Result<Config> {
    check_kinds(&select.only, "--only")?;
    check_kinds(&select.exclude_kinds, "--exclude-kinds")?;
    if let Some(m) = select.min_confidence {
        if !(0.0..=1.0).contains(&m) {
            bail!("--min-confidence must be between 0 and 1");
        }
    }
    let mut config = if args.no_config {
        Config::none(&canonical(cwd))
    } else if let Some(file) = &args.config {
        Config::load(file)?
    } else {
        Config::discover(&canonical(cwd))?
    };
    config.apply_flags(
        &select.only,
        &select.exclude_kinds,
        select.min_confidence,
        &select.patterns,
    );
    Ok(config)
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The engine for `config` (kinds, thresholds and pattern directories of
/// the top level and every override).
pub(crate) fn engine_for(config: &Config) -> Result<Engine> {
    let catalog = load_catalog(&config.patterns)?;
    let selection = config.engine_selection();
    Engine::new(
        &catalog,
        &EngineOptions {
            only: selection.only,
            exclude: selection.exclude,
            min_confidence: selection.min_confidence,
        },
    )
    .map_err(|e| anyhow!("{e}"))
}

/// Inputs for a git-diff scope: work-tree files as they are; staged blobs
/// written to a private temporary directory (0700, files 0600, removed
/// when the returned guard drops) and shown under their repository path.
fn scope_inputs(
    scope: git::Scope,
) -> Result<(Vec<Input>, HashMap<String, git::Changed>, tempfile::TempDir)> {
    let dir = tempfile::Builder::new()
        .prefix("piiscan-staged.")
        .tempdir()
        .context("temporary directory for staged content")?;
    let mut inputs = Vec::with_capacity(scope.files.len());
    let mut changed = HashMap::with_capacity(scope.files.len());
    for (i, file) in scope.files.into_iter().enumerate() {
        let input = match file.content {
            git::Content::WorkTree => Input::path(&file.display),
            git::Content::Blob(bytes) => {
                let path = dir.path().join(i.to_string());
                write_private(&path, &bytes)
                    .context("writing staged content to a temporary file")?;
                Input {
                    id: piiscan::input::InputId::Path(path),
                    display: file.display.clone(),
                }
            }
        };
        changed.insert(file.display, file.changed);
        inputs.push(input);
    }
    Ok((inputs, changed, dir))
}

fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}

/// What a developer whose commit the gate stopped can do, besides
/// removing the data.
const GATE_HINT: &str = "a test value that must stay: mark it with a \
    `piiscan:allow KIND` comment on its line; findings to accept as they \
    are: `piiscan baseline` (records today's, by fingerprint)";

/// One line telling why the gate failed and what was let through.
fn gate_message(reported: u64, tally: &Tally) -> String {
    let mut msg = format!(
        "gate failed: {reported} finding{} not allowed and not in the baseline",
        if reported == 1 { "" } else { "s" }
    );
    let let_through: Vec<String> = tally
        .counts
        .iter()
        .filter(|(_, &n)| n > 0)
        .map(|(why, n)| format!("{n} {why}"))
        .collect();
    if !let_through.is_empty() {
        msg.push_str(&format!(" (not reported: {})", let_through.join(", ")));
    }
    msg
}

fn print_stats(s: &output::Summary, tally: Option<&Tally>) {
    let mib = s.bytes_scanned as f64 / (1024.0 * 1024.0);
    let total: u64 = s.findings_by_kind.values().sum();
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "files scanned: {}", s.files_scanned);
    if s.members_scanned > 0 {
        let _ = writeln!(
            err,
            "members scanned (inside documents and archives): {}",
            s.members_scanned
        );
    }
    let _ = writeln!(
        err,
        "bytes scanned: {} ({:.1} MiB)\nfindings: {}",
        s.bytes_scanned, mib, total
    );
    for (kind, n) in &s.findings_by_kind {
        let _ = writeln!(err, "  {kind}: {n}");
    }
    if let Some(t) = tally {
        let _ = writeln!(err, "not reported: {}", t.total());
        for (why, n) in &t.counts {
            let _ = writeln!(err, "  {why}: {n}");
        }
    }
    for (reason, n) in &s.skipped {
        let _ = writeln!(err, "skipped ({reason}): {n}");
    }
    let _ = writeln!(
        err,
        "errors: {}\npartial: {}\nelapsed: {:.3}s ({:.1} MiB/s)",
        s.errors,
        s.partial,
        s.elapsed_secs,
        if s.elapsed_secs > 0.0 { mib / s.elapsed_secs } else { 0.0 }
    );
}
