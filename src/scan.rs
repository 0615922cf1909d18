//! The scan command's pipeline: walk, open, chunk, match, report.
//!
//! Inputs are scanned in parallel (one rayon pool of `threads` workers,
//! files taken in path order, large files split into line-aligned chunks
//! that are scanned in parallel too) and reported strictly in path order,
//! then offset order, so the output is byte-identical whatever the thread
//! count. One input's error never stops the run: it is reported through
//! the error callback and counted.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use rayon::prelude::*;

use crate::engine::{Engine, Match};
use crate::finding::Finding;
use crate::input::{
    self, Content, Input, InputError, LineCounter, OpenOptions, Outcome,
    WalkOptions,
};
use crate::output::{self, Report, RuleMeta, Summary};

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

/// What one input produced.
struct InputResult {
    findings: Vec<Finding>,
    bytes: u64,
    error: Option<InputError>,
    partial: Option<String>,
    skipped: Option<&'static str>,
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.max(1))
        .build()
        .map_err(io::Error::other)?;
    let inputs = &walked.inputs;
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, InputResult)>();
    let mut write_result = Ok(());
    std::thread::scope(|scope| {
        let next = &next;
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..options.threads.max(1) {
                    let tx = tx.clone();
                    s.spawn(move |_| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break };
                        let result = scan_input(engine, input, options);
                        if tx.send((i, result)).is_err() {
                            break;
                        }
                    });
                }
            });
        });
        // Print in input order as results arrive; later inputs wait in
        // `pending` only while an earlier one is still being scanned.
        let mut pending: HashMap<usize, InputResult> = HashMap::new();
        let mut expected = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&expected) {
                expected += 1;
                progress.inc(1);
                if write_result.is_ok() {
                    write_result =
                        emit(result, report, out, &mut summary, on_error);
                }
            }
            if write_result.is_err() {
                // Stop the workers early: broken pipe or full disk.
                next.store(usize::MAX / 2, Ordering::Relaxed);
            }
        }
    });
    progress.finish_and_clear();
    write_result?;
    summary.elapsed_secs = started.elapsed().as_secs_f64();
    report.finish(out, &summary)?;
    out.flush()?;
    Ok(summary)
}

fn emit(
    result: InputResult,
    report: &mut dyn Report,
    out: &mut dyn Write,
    summary: &mut Summary,
    on_error: &mut dyn FnMut(&str),
) -> io::Result<()> {
    if let Some(reason) = result.skipped {
        *summary.skipped.entry(reason.to_string()).or_default() += 1;
        return Ok(());
    }
    summary.files_scanned += 1;
    summary.bytes_scanned += result.bytes;
    for f in &result.findings {
        *summary.findings_by_kind.entry(f.kind.clone()).or_default() += 1;
        report.finding(out, f)?;
    }
    if let Some(e) = result.error {
        summary.errors += 1;
        on_error(&e.to_string());
    }
    if let Some(p) = result.partial {
        summary.partial += 1;
        on_error(&p);
    }
    Ok(())
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

/// Scan one input completely; never panics on bad content.
fn scan_input(engine: &Engine, input: &Input, options: &ScanOptions) -> InputResult {
    let mut result = InputResult {
        findings: Vec::new(),
        bytes: 0,
        error: None,
        partial: None,
        skipped: None,
    };
    let content = match input::open(input, &options.open) {
        Ok(c) => c,
        Err(e) => {
            if let Some(reason) = e.skip_reason() {
                result.skipped = Some(reason);
            } else {
                result.error = Some(e);
            }
            return result;
        }
    };
    let mut build = FindingBuilder::new(engine, &input.display, options.reveal);
    match content {
        Content::Whole(whole) => {
            let bytes = whole.bytes();
            result.bytes = bytes.len() as u64;
            let chunks = input::chunk_boundaries(bytes);
            let matches: Vec<Vec<Match>> = chunks
                .into_par_iter()
                .map(|body| {
                    let mut out = Vec::new();
                    engine.scan(bytes, body, &mut out);
                    out
                })
                .collect();
            for m in matches.iter().flatten() {
                build.push(bytes, 0, m, &mut result.findings);
            }
        }
        Content::Stream(reader) => {
            let mut chunker = reader.chunker();
            let mut found = Vec::new();
            loop {
                match chunker.next_chunk() {
                    Ok(Some(chunk)) => {
                        found.clear();
                        engine.scan(chunk.hay, chunk.body.clone(), &mut found);
                        let base = chunk.offset - chunk.body.start as u64;
                        for m in &found {
                            build.push(chunk.hay, base, m, &mut result.findings);
                        }
                        build.lines.finish_chunk(&chunk);
                        result.bytes = chunk.offset + chunk.body.len() as u64;
                    }
                    Ok(None) => break,
                    Err(e) => {
                        result.error = Some(e.with_path(&input.display));
                        break;
                    }
                }
            }
            if let Outcome::Partial(reason) = chunker.outcome() {
                result.partial = Some(format!(
                    "{}: partial: {}",
                    crate::sanitize::for_terminal(&input.display),
                    reason
                ));
            }
        }
    }
    result
}

/// Turns engine matches into findings: line and column computed lazily
/// (newlines are counted only up to each finding), masked previews.
struct FindingBuilder<'a> {
    engine: &'a Engine,
    path: &'a str,
    reveal: bool,
    lines: LineCounter,
}

impl<'a> FindingBuilder<'a> {
    fn new(engine: &'a Engine, path: &'a str, reveal: bool) -> Self {
        FindingBuilder { engine, path, reveal, lines: LineCounter::new() }
    }

    /// `hay[i]` is content offset `base + i`.
    fn push(&mut self, hay: &[u8], base: u64, m: &Match, out: &mut Vec<Finding>) {
        let rule = &self.engine.rules()[m.rule];
        let value = &hay[m.span.clone()];
        let start = base + m.span.start as u64;
        let (line, column) = self.lines.locate(hay, base, start);
        out.push(Finding {
            path: self.path.to_string(),
            line,
            column,
            start,
            end: base + m.span.end as u64,
            kind: rule.kind.id.to_string(),
            pattern: rule.id.clone(),
            confidence: m.confidence,
            sensitive: rule.kind.sensitive,
            masked: output::mask::mask(rule.kind.id, value),
            value: self
                .reveal
                .then(|| String::from_utf8_lossy(value).into_owned()),
            synthetic: m.synthetic,
        });
    }
}
