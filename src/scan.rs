//! The scan command's pipeline: walk, open, chunk, match, report.
//!
//! The walk yields inputs in path order; [`crate::pipeline`] scans them in
//! parallel chunks and hands back events strictly in path order, then
//! offset order, so the output is byte-identical whatever the thread
//! count. One input's error never stops the run: it is reported through
//! the error callback and counted.

use std::io::{self, Write};
use std::time::Instant;

use crate::engine::Engine;
use crate::input::{self, Input, OpenOptions, WalkOptions};
use crate::output::{Report, RuleMeta, Summary};
use crate::pipeline::{self, Event, PipelineOptions, Sink};

/// Everything a scan needs besides the engine.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// How to walk the roots.
    pub walk: WalkOptions,
    /// How to open each input.
    pub open: OpenOptions,
    /// Put raw values into findings (`--reveal`).
    pub reveal: bool,
    /// Worker threads.
    pub threads: usize,
    /// Show a progress bar on stderr (only drawn on a terminal).
    pub progress: bool,
}

/// Run a scan over `roots`, writing findings through `report` to `out`.
/// Errors (already formatted as `path: reason`) go to `on_error`.
pub fn run(
    engine: &Engine,
    roots: &[String],
    options: &ScanOptions,
    report: &mut dyn Report,
    out: &mut dyn Write,
    on_error: &mut dyn FnMut(&str),
) -> io::Result<Summary> {
    let started = Instant::now();
    let walked = input::walk(roots, &options.walk);
    let mut summary = Summary::default();
    for e in &walked.errors {
        on_error(&e.to_string());
        summary.errors += 1;
    }
    for (reason, n) in &walked.skipped {
        *summary.skipped.entry(reason.to_string()).or_default() += n;
    }
    let rules: Vec<RuleMeta> = engine
        .rules()
        .iter()
        .map(|r| RuleMeta {
            id: r.id.clone(),
            kind: r.kind.id.to_string(),
            description: r.description.clone(),
            sensitive: r.kind.sensitive,
        })
        .collect();
    report.begin(out, &rules)?;
    let progress = progress_bar(options.progress, walked.inputs.len());
    let pipeline = PipelineOptions {
        open: options.open.clone(),
        reveal: options.reveal,
        threads: options.threads,
    };
    let mut sink = ReportSink {
        report,
        out,
        summary: &mut summary,
        on_error,
        progress: &progress,
    };
    pipeline::run(engine, &walked.inputs, &pipeline, &mut sink)?;
    progress.finish_and_clear();
    summary.elapsed_secs = started.elapsed().as_secs_f64();
    report.finish(out, &summary)?;
    out.flush()?;
    Ok(summary)
}

/// Writes ordered pipeline events as a report and counts them.
struct ReportSink<'a> {
    report: &'a mut dyn Report,
    out: &'a mut dyn Write,
    summary: &'a mut Summary,
    on_error: &'a mut dyn FnMut(&str),
    progress: &'a indicatif::ProgressBar,
}

impl Sink for ReportSink<'_> {
    fn event(&mut self, _input: &Input, event: Event) -> io::Result<()> {
        match event {
            Event::Findings(findings) => {
                for f in &findings {
                    *self
                        .summary
                        .findings_by_kind
                        .entry(f.kind.clone())
                        .or_default() += 1;
                    self.report.finding(self.out, f)?;
                }
            }
            Event::Done { bytes } => {
                self.summary.files_scanned += 1;
                self.summary.bytes_scanned += bytes;
                self.progress.inc(1);
            }
            Event::Skipped(reason) => {
                *self.summary.skipped.entry(reason.to_string()).or_default() +=
                    1;
                self.progress.inc(1);
            }
            Event::Error(e) => {
                self.summary.errors += 1;
                (self.on_error)(&e.to_string());
                self.progress.inc(1);
            }
            Event::Partial(msg) => {
                self.summary.partial += 1;
                (self.on_error)(&msg);
            }
        }
        Ok(())
    }
}

fn progress_bar(enabled: bool, len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !enabled || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr_with_hz(4),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {pos}/{len} files {elapsed} {wide_bar}",
    ) {
        bar.set_style(style);
    }
    bar
}
