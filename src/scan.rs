//! The scan command's pipeline: walk, open, chunk, match, gate, report.
//!
//! The walk yields inputs in path order; [`crate::pipeline`] scans them in
//! parallel chunks and hands back events strictly in path order, then
//! offset order, so the output is byte-identical whatever the thread
//! count. One input's error never stops the run: it is reported through
//! the error callback and counted.
//!
//! With a [`Gate`] (a config file, or a gated scan), every finding passes
//! through it before it is reported: inputs under `[allow] paths` are not
//! read at all; in a gated scan each input's findings are held until the
//! input is done, because an allow marker may follow a finding (the same
//! line, a block end), and the input is read a second time for markers
//! only when some finding is still waiting. Gate decisions depend on one
//! input only, so the gated output is thread-count independent too.

use std::io::{self, Write};
use std::time::Instant;

use crate::engine::Engine;
use crate::finding::Finding;
use crate::gate::{allow, Gate, InputGate, Tally};
use crate::input::{self, Content, Input, InputId, OpenOptions, WalkOptions};
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
    /// How documents and archives are expanded into members.
    pub documents: crate::document::Options,
}

/// Where a run's inputs come from.
#[derive(Debug, Clone)]
pub enum Inputs<'a> {
    /// Walk these command-line paths.
    Roots(&'a [String]),
    /// Exactly these inputs (a git-diff scope), in this order.
    Listed(Vec<Input>),
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
    run_gated(
        engine,
        Inputs::Roots(roots),
        options,
        None,
        report,
        out,
        on_error,
    )
    .map(|(summary, _)| summary)
}

/// [`run`] over `inputs`, with every finding passing through `gate`.
/// Returns the summary (of reported findings) and the gate's tally.
pub fn run_gated(
    engine: &Engine,
    inputs: Inputs<'_>,
    options: &ScanOptions,
    gate: Option<&Gate>,
    report: &mut dyn Report,
    out: &mut dyn Write,
    on_error: &mut dyn FnMut(&str),
) -> io::Result<(Summary, Tally)> {
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut tally = Tally::default();
    let mut inputs = match inputs {
        Inputs::Roots(roots) => {
            let walked = input::walk(roots, &options.walk);
            for e in &walked.errors {
                on_error(&e.to_string());
                summary.errors += 1;
            }
            for (reason, n) in &walked.skipped {
                *summary.skipped.entry(reason.to_string()).or_default() += n;
            }
            walked.inputs
        }
        Inputs::Listed(list) => list,
    };
    if let Some(gate) = gate {
        inputs.retain(|i| match gate.skips(&i.display) {
            Some(reason) => {
                *tally.skipped.entry(reason).or_default() += 1;
                *summary.skipped.entry(reason.to_string()).or_default() += 1;
                false
            }
            None => true,
        });
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
    let progress = progress_bar(options.progress, inputs.len());
    let pipeline = PipelineOptions {
        open: options.open.clone(),
        // The gate needs raw values (allowed-value regexes, fingerprints);
        // they are dropped again before reporting unless `--reveal`.
        reveal: options.reveal || gate.is_some(),
        threads: options.threads,
        documents: options.documents.clone(),
    };
    let mut sink = ReportSink {
        report,
        out,
        summary: &mut summary,
        on_error,
        progress: &progress,
        gate: gate.map(|g| Gating {
            gate: g,
            reveal: options.reveal,
            open: &options.open,
            current: None,
            tally: &mut tally,
        }),
    };
    pipeline::run(engine, &inputs, &pipeline, &mut sink)?;
    sink.flush()?;
    progress.finish_and_clear();
    summary.elapsed_secs = started.elapsed().as_secs_f64();
    report.finish(out, &summary)?;
    out.flush()?;
    Ok((summary, tally))
}

/// The gate's side of the sink: the input being filtered.
struct Gating<'a> {
    gate: &'a Gate,
    reveal: bool,
    open: &'a OpenOptions,
    current: Option<Current<'a>>,
    tally: &'a mut Tally,
}

/// The input whose findings are being gated.
struct Current<'a> {
    input: Input,
    filter: InputGate<'a>,
    complete: bool,
}

/// Writes ordered pipeline events as a report and counts them.
struct ReportSink<'a> {
    report: &'a mut dyn Report,
    out: &'a mut dyn Write,
    summary: &'a mut Summary,
    on_error: &'a mut dyn FnMut(&str),
    progress: &'a indicatif::ProgressBar,
    gate: Option<Gating<'a>>,
}

impl ReportSink<'_> {
    fn write(&mut self, findings: &[Finding]) -> io::Result<()> {
        for f in findings {
            let by_kind = &mut self.summary.findings_by_kind;
            match by_kind.get_mut(f.kind) {
                Some(n) => *n += 1,
                None => {
                    by_kind.insert(f.kind.to_string(), 1);
                }
            }
            self.report.finding(self.out, f)?;
        }
        Ok(())
    }

    /// Finish the input being gated: read its markers if needed, decide,
    /// report what is left.
    fn flush(&mut self) -> io::Result<()> {
        let Some(g) = &mut self.gate else { return Ok(()) };
        let Some(mut cur) = g.current.take() else { return Ok(()) };
        if cur.filter.needs_markers() {
            for (line, text, own_line) in read_markers(&cur.input, g.open) {
                cur.filter.marker(line, &text, own_line);
            }
        }
        let (mut findings, input_tally) = cur.filter.finish(cur.complete);
        g.tally.merge(input_tally);
        if !g.reveal {
            for f in &mut findings {
                f.value = None;
            }
        }
        self.write(&findings)
    }

    /// Make `input` the input being gated, finishing the previous one.
    fn select(&mut self, input: &Input) -> io::Result<()> {
        let same = self.gate.as_ref().is_some_and(|g| {
            g.current.as_ref().is_some_and(|c| c.input == *input)
        });
        if same || self.gate.is_none() {
            return Ok(());
        }
        self.flush()?;
        if let Some(g) = &mut self.gate {
            g.current = Some(Current {
                input: input.clone(),
                filter: g.gate.input(&input.display),
                complete: true,
            });
        }
        Ok(())
    }
}

impl Sink for ReportSink<'_> {
    fn event(&mut self, input: &Input, event: Event) -> io::Result<()> {
        self.select(input)?;
        match event {
            Event::Findings(findings) => match &mut self.gate {
                None => self.write(&findings)?,
                Some(g) => {
                    let reveal = g.reveal;
                    let Some(cur) = &mut g.current else { return Ok(()) };
                    let mut now = Vec::new();
                    for f in findings {
                        let raw = f.value.clone().unwrap_or_default();
                        if cur.filter.buffers() {
                            cur.filter.push(f, raw.as_bytes());
                        } else if let Some(mut kept) =
                            cur.filter.immediate(f, raw.as_bytes())
                        {
                            if !reveal {
                                kept.value = None;
                            }
                            now.push(kept);
                        }
                    }
                    self.write(&now)?;
                }
            },
            Event::Done { bytes, member } => {
                if member {
                    self.summary.members_scanned += 1;
                } else {
                    self.summary.files_scanned += 1;
                    self.progress.inc(1);
                }
                self.summary.bytes_scanned += bytes;
                self.flush()?;
            }
            Event::Skipped(reason) => {
                *self
                    .summary
                    .skipped
                    .entry(reason.to_string())
                    .or_default() += 1;
                self.progress.inc(1);
                self.mark_incomplete();
            }
            Event::Error(e) => {
                self.summary.errors += 1;
                (self.on_error)(&e.to_string());
                self.progress.inc(1);
                self.mark_incomplete();
            }
            Event::Partial(msg) => {
                self.summary.partial += 1;
                (self.on_error)(&msg);
                self.mark_incomplete();
            }
        }
        Ok(())
    }
}

impl ReportSink<'_> {
    fn mark_incomplete(&mut self) {
        if let Some(cur) = self.gate.as_mut().and_then(|g| g.current.as_mut())
        {
            cur.complete = false;
        }
    }
}

/// Every allow marker of `input`: (1-based line, text from the marker to
/// the end of its line, at most [`allow::MAX_TAIL`] bytes after it,
/// whether only comment punctuation precedes it on its line).
/// Standard input cannot be read twice and has none.
fn read_markers(
    input: &Input,
    open: &OpenOptions,
) -> Vec<(u64, Vec<u8>, bool)> {
    let mut found = Vec::new();
    // A document member's markers would be searched for in the raw
    // container, at meaningless lines.
    if input.id == InputId::Stdin || crate::document::is_member(input) {
        return found;
    }
    let Ok(content) = input::open(input, open) else { return found };
    let mut line = 1u64;
    let mut scan = |body: &[u8]| {
        let mut pos = 0;
        for at in memchr::memmem::find_iter(body, allow::MARKER) {
            line += memchr::memchr_iter(b'\n', &body[pos..at]).count() as u64;
            pos = at;
            let end =
                (at + allow::MARKER.len() + allow::MAX_TAIL).min(body.len());
            let line_start =
                memchr::memrchr(b'\n', &body[..at]).map_or(0, |i| i + 1);
            let own_line = allow::only_comment_before(&body[line_start..at]);
            found.push((line, body[at..end].to_vec(), own_line));
        }
        line += memchr::memchr_iter(b'\n', &body[pos..]).count() as u64;
    };
    match content {
        Content::Whole(whole) => scan(whole.bytes()),
        Content::Stream(stream) => {
            let mut chunker = stream.chunker();
            while let Ok(Some(chunk)) = chunker.next_chunk() {
                scan(chunk.body_bytes());
            }
        }
    }
    found
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
