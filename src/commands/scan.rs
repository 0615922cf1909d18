//! `piiscan scan`: resolve flags, run the scan pipeline, print stats.

use std::io::{self, IsTerminal, Write};

use anyhow::Result;
use piiscan::output::{self, Format};
use piiscan::scan::{self, ScanOptions};

use super::{build_engine, input_options, threads};
use crate::cli::{ColorArg, FormatArg, ScanArgs};
use crate::Status;

/// `piiscan scan`.
pub fn scan(args: ScanArgs) -> Result<Status> {
    let engine = build_engine(&args.select)?;
    let threads = threads(&args.walk);
    let (walk, open) = input_options(&args.walk);
    let roots =
        if args.paths.is_empty() { vec![".".to_string()] } else { args.paths };
    let options = ScanOptions {
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
    let summary =
        scan::run(&engine, &roots, &options, &mut *report, &mut out, &mut on_error)?;
    out.flush()?;
    drop(out);
    if args.stats {
        print_stats(&summary);
    }
    Ok(if summary.errors > 0 || summary.partial > 0 {
        Status::Error
    } else if summary.findings_by_kind.values().any(|&n| n > 0) {
        Status::Found
    } else {
        Status::Clean
    })
}

fn print_stats(s: &output::Summary) {
    let mib = s.bytes_scanned as f64 / (1024.0 * 1024.0);
    let total: u64 = s.findings_by_kind.values().sum();
    let mut err = io::stderr().lock();
    let _ = writeln!(
        err,
        "files scanned: {}\nbytes scanned: {} ({:.1} MiB)\nfindings: {}",
        s.files_scanned, s.bytes_scanned, mib, total
    );
    for (kind, n) in &s.findings_by_kind {
        let _ = writeln!(err, "  {kind}: {n}");
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

