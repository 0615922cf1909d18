//! `piiscan subject`: resolve who (identifier flags, `--subjects FILE`,
//! `--correct`) and what (list, export, erase, correct), run the one-pass
//! search, print locations, then export, rewrite and write the receipt.
//!
//! Exit codes: 0 nothing found, 1 found (or changed, or would change), 2
//! an error (bad flags or subjects file; any input that could not be read
//! or rewritten; the others are still processed). Messages name the path
//! or field and never print an identifier.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use piiscan::document::Kind;
use piiscan::engine::{Engine, EngineOptions};
use piiscan::output::subject::{
    Occurrence, RunTotals, SubjectReport, SubjectSummary,
};
use piiscan::output::Format;
use piiscan::redact::{Key, Policy};
use piiscan::sanitize::for_terminal;
use piiscan::subject::export::{Exporter, THIRD_PARTY_MIN_CONFIDENCE};
use piiscan::subject::locate::{self, FileHits};
use piiscan::subject::profile::{self, IdKind, ProfileOptions, Subject};
use piiscan::subject::receipt::{self, Failure, Hashing, KeySource, Receipt};
use piiscan::subject::rewrite::{
    self, Change, FileChange, RewriteOptions, RewriteStatus,
};
use piiscan::subject::{MatchOptions, SubjectMatcher};
use rayon::prelude::*;

use super::{input_options, load_catalog, threads};
use crate::cli::{SubjectArgs, SubjectFormatArg};
use crate::Status;

/// `piiscan subject`.
pub fn subject(args: SubjectArgs) -> Result<Status> {
    let cc = args.country_code.trim_start_matches('+').to_string();
    if cc.is_empty() || cc.len() > 3 || !cc.bytes().all(|b| b.is_ascii_digit())
    {
        bail!("--country-code: expected 1 to 3 digits (e.g. 1, 44, 49)");
    }
    let subjects = resolve_subjects(&args, &cc)?;
    let change = if args.erase {
        Some(Change::Erase)
    } else if args.erase_records {
        Some(Change::EraseRecords)
    } else if !args.correct.is_empty() {
        Some(Change::Correct)
    } else {
        None
    };
    if args.dry_run && change.is_none() {
        bail!("--dry-run applies to --erase, --erase-records and --correct");
    }
    if args.force && change.is_none() {
        bail!("--force applies to --erase, --erase-records and --correct");
    }
    if args.walk.follow && change.is_some() {
        bail!("changes never follow symbolic links; drop -L/--follow");
    }
    let format = match args.format {
        SubjectFormatArg::Text => Format::Text,
        SubjectFormatArg::Json => Format::Json,
        SubjectFormatArg::Jsonl => Format::Jsonl,
        SubjectFormatArg::Csv => Format::Csv,
    };
    if args.walk.binary && change.is_some() {
        bail!("--binary: binary files are never rewritten; drop --binary");
    }
    let key = match &args.receipt_key {
        Some(p) => Some((
            Key::from_file(p).map_err(|e| anyhow!("{e}"))?,
            KeySource::File,
        )),
        None if args.receipt.is_some() => Some((
            Key::random()
                .context("cannot read /dev/urandom for the receipt key")?,
            KeySource::RandomPerRun,
        )),
        None => None,
    };
    let catalog = load_catalog(&[])?;
    let options = MatchOptions {
        email_variants: args.email_variants,
        country_code: cc.clone(),
    };
    let matcher = SubjectMatcher::new(subjects, &catalog, options)
        .map_err(|e| anyhow!("{e}"))?;
    let full_engine = match &args.export {
        Some(_) => Some(
            Engine::new(
                &catalog,
                &EngineOptions {
                    min_confidence: THIRD_PARTY_MIN_CONFIDENCE,
                    ..EngineOptions::default()
                },
            )
            .map_err(|e| anyhow!("{e}"))?,
        ),
        None => None,
    };

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads(&args.walk))
        .build()
        .context("cannot start worker threads")?;
    pool.install(|| {
        run(&args, &matcher, full_engine.as_ref(), change, format, key, &cc)
    })
}

/// The subjects: from `--subjects FILE`, plus one from the identifier
/// flags (with the old values of `--correct`) labelled `--label`.
fn resolve_subjects(args: &SubjectArgs, cc: &str) -> Result<Vec<Subject>> {
    let opt = ProfileOptions { country_code: cc };
    let mut subjects = match &args.subjects {
        Some(p) => profile::load_file(p, opt).map_err(|e| anyhow!("{e}"))?,
        None => Vec::new(),
    };
    let mut ids = Vec::new();
    let flags = [
        ("--email", IdKind::Email, &args.email),
        ("--phone", IdKind::Phone, &args.phone),
        ("--name", IdKind::Name, &args.name),
        ("--literal", IdKind::Literal, &args.literal),
    ];
    for (flag, kind, values) in flags {
        for v in values {
            ids.push(
                profile::identifier(kind.clone(), v, opt)
                    .map_err(|e| anyhow!("{flag}: {e}"))?,
            );
        }
    }
    for v in &args.ids {
        ids.push(profile::parse_id_flag(v, opt).map_err(|e| anyhow!("{e}"))?);
    }
    for v in &args.correct {
        let c =
            profile::parse_correction(v, opt).map_err(|e| anyhow!("{e}"))?;
        // The old value also given as an identifier (`--email X --correct
        // email=X=Y`): correct that one. Two identifiers of one value find
        // each occurrence once, and it must carry the replacement.
        let same = ids.iter_mut().find(|i| {
            i.kind == c.kind
                && i.replacement.is_none()
                && i.raw.trim().eq_ignore_ascii_case(c.raw.trim())
        });
        match same {
            Some(id) => id.replacement = c.replacement,
            None => ids.push(c),
        }
    }
    if !ids.is_empty() {
        if subjects.iter().any(|s| s.label == args.label) {
            bail!(
                "--label {:?} is also a label in --subjects",
                for_terminal(&args.label)
            );
        }
        subjects.push(Subject { label: args.label.clone(), identifiers: ids });
    }
    if subjects.is_empty() {
        bail!(
            "no subject: give identifiers (--email, --phone, --name, --id \
             KIND=VALUE, --literal), --correct KIND=OLD=NEW or --subjects FILE"
        );
    }
    Ok(subjects)
}

fn operation(args: &SubjectArgs, change: Option<Change>) -> &'static str {
    match change {
        Some(Change::Erase) => "erase",
        Some(Change::EraseRecords) => "erase_records",
        Some(Change::Correct) => "correct",
        None if args.export.is_some() => "export",
        None => "find",
    }
}

fn run(
    args: &SubjectArgs,
    matcher: &SubjectMatcher,
    full_engine: Option<&Engine>,
    change: Option<Change>,
    format: Format,
    key: Option<(Key, KeySource)>,
    cc: &str,
) -> Result<Status> {
    let roots = if args.paths.is_empty() {
        vec![".".to_string()]
    } else {
        args.paths.clone()
    };
    if roots.iter().any(|p| p == "-") && change.is_some() {
        bail!("standard input cannot be changed in place; name files");
    }
    let (walk_opts, open) = input_options(&args.walk);
    let walked = piiscan::input::walk(&roots, &walk_opts);
    let mut errors = 0u64;
    let mut failures = Vec::new();
    for e in &walked.errors {
        eprintln!("piiscan: {e}");
        errors += 1;
        failures
            .push(Failure { path: e.path.clone(), reason: e.reason.clone() });
    }
    // Our own outputs are never read: a later run would find the
    // subject in last run's export.
    let skip: Vec<PathBuf> = [args.export.as_ref(), args.receipt.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let inputs: Vec<_> = walked
        .inputs
        .into_iter()
        .filter(|i| match &i.id {
            _ if skip.is_empty() => true,
            piiscan::input::InputId::Path(p) => {
                let c = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                !skip.iter().any(|s| c.starts_with(s))
            }
            piiscan::input::InputId::Stdin => true,
        })
        .collect();

    let subjects = matcher.subjects();
    let mut summaries: Vec<SubjectSummary> = subjects
        .iter()
        .map(|s| SubjectSummary {
            subject: s.label.clone(),
            ..SubjectSummary::default()
        })
        .collect();
    let mut totals = RunTotals::default();
    let mut files_read = Vec::new();
    let mut with_hits: Vec<piiscan::input::Input> = Vec::new();
    let mut exporter = full_engine.map(|e| Exporter::new(e, matcher));
    let mut report = SubjectReport::new(format);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 << 10, stdout.lock());
    report.begin(&mut out)?;
    let keep_records = exporter.is_some();
    let by_path: std::collections::HashMap<String, usize> = inputs
        .iter()
        .enumerate()
        .map(|(i, x)| (x.display.clone(), i))
        .collect();
    let docs = super::document_options(&args.walk);
    // Documents and archives holding a hit in one of their members.
    let mut documents: std::collections::BTreeSet<usize> =
        std::collections::BTreeSet::new();
    let mut in_documents: Vec<String> = Vec::new();
    locate::locate_all(
        matcher,
        &inputs,
        &open,
        &docs,
        keep_records,
        args.reveal,
        &mut |file: FileHits| {
            if let Some(reason) = file.skipped {
                log::debug!("{}: skipped ({reason})", file.path);
                return Ok(());
            }
            if let Some(e) = &file.error {
                eprintln!("piiscan: {e}");
                errors += 1;
                failures.push(Failure {
                    path: file.path.clone(),
                    reason: e.clone(),
                });
            } else {
                files_read.push(file.path.clone());
            }
            totals.files_read += 1;
            totals.bytes_read += file.bytes;
            if !file.hits.is_empty() {
                match by_path.get(&file.path) {
                    Some(&i) => with_hits.push(inputs[i].clone()),
                    // A member of a document or archive: `doc.zip!a.csv`.
                    None => match container_of(&file.path, &by_path) {
                        Some(i) => {
                            documents.insert(i);
                        }
                        None => in_documents.push(file.path.clone()),
                    },
                }
            }
            for h in &file.hits {
                let s = &subjects[h.subject as usize];
                let id = &s.identifiers[h.ident as usize];
                let in_cell = h
                    .cell
                    .as_deref()
                    .map(|c| piiscan::document::name::join(&file.path, c));
                let o = Occurrence {
                    path: in_cell.as_deref().unwrap_or(&file.path),
                    line: h.line,
                    column: h.column,
                    start: h.start,
                    end: h.end,
                    subject: &s.label,
                    identifier: format!("{}#{}", id.kind.name(), h.ident + 1),
                    kind: id.kind.name(),
                    masked: &h.masked,
                    value: h.value.as_deref(),
                    time: h.time.as_deref(),
                };
                summaries[h.subject as usize].add(&o);
                report.occurrence(&mut out, &o)?;
            }
            if let Some(x) = exporter.as_mut() {
                x.add(&file);
            }
            Ok(())
        },
    )?;
    totals.errors = errors;
    report.finish(&mut out, &summaries, &totals)?;
    out.flush()?;
    drop(out);
    let found: u64 = summaries.iter().map(|s| s.total).sum();

    // Changes: only files where something was found are read again.
    let changes = match change {
        Some(change) => {
            let documents: Vec<(piiscan::input::Input, Option<Kind>)> =
                documents
                    .iter()
                    .map(|&i| {
                        let kind = docs
                            .detect_named(&inputs[i])
                            .or_else(|| docs.detect(&inputs[i]));
                        (inputs[i].clone(), kind)
                    })
                    .collect();
            let files: Vec<(piiscan::input::Input, Option<Kind>)> = with_hits
                .into_iter()
                .map(|i| (i, None))
                .chain(documents)
                .collect();
            apply(args, matcher, &open, &docs, change, &files)
        }
        None => Vec::new(),
    };
    for c in changes.iter().filter(|c| c.status == RewriteStatus::Failed) {
        errors += 1;
        failures.push(Failure {
            path: c.path.clone(),
            reason: c.reason.clone().unwrap_or_default(),
        });
    }
    if change.is_some() {
        // Never a silent skip: the subject is still in these members.
        for path in &in_documents {
            let reason = "not changed: its document could not be told \
                          apart from its members' names";
            eprintln!("piiscan: {}: {reason}", for_terminal(path));
            errors += 1;
            failures
                .push(Failure { path: path.clone(), reason: reason.into() });
        }
    }
    let exports = match (exporter, &args.export) {
        (Some(x), Some(dir)) => match x.write(dir) {
            Ok(index) => {
                eprintln!(
                    "piiscan: exported {} subject{} to {}",
                    index.len(),
                    if index.len() == 1 { "" } else { "s" },
                    for_terminal(&dir.to_string_lossy())
                );
                index.into_iter().map(|e| e.file).collect()
            }
            Err(e) => {
                eprintln!("piiscan: {e}");
                errors += 1;
                Vec::new()
            }
        },
        _ => Vec::new(),
    };
    if let (Some(path), Some((key, source))) = (&args.receipt, key) {
        let mut entries = receipt::subject_entries(&key, subjects, cc);
        for (e, s) in entries.iter_mut().zip(&summaries) {
            e.found.total = s.total;
            e.found.by_kind = s.by_kind.clone();
            e.found.by_source = s.by_source.clone();
        }
        let receipt = Receipt {
            version: 1,
            tool: format!("piiscan {}", env!("CARGO_PKG_VERSION")),
            created: receipt::now_rfc3339(),
            operation: operation(args, change).to_string(),
            dry_run: args.dry_run,
            hashing: Hashing::new(&key, source),
            roots,
            subjects: entries,
            files_read,
            failures,
            changes: changes
                .into_iter()
                .filter(|c| c.status != RewriteStatus::Unchanged)
                .collect(),
            exports,
        };
        if let Err(e) = receipt.write(path) {
            eprintln!("piiscan: --receipt {e}");
            errors += 1;
        }
    }
    Ok(if errors > 0 {
        Status::Error
    } else if found > 0 {
        Status::Found
    } else {
        Status::Clean
    })
}

/// Rewrite each file in `with_hits` for `change` (in parallel), print one
/// line per changed or failed file and a closing count on stderr.
/// The input a member path (`exports/a.zip!customers.csv`) belongs to:
/// the longest prefix before a `!` that is an input's path.
fn container_of(
    member: &str,
    by_path: &std::collections::HashMap<String, usize>,
) -> Option<usize> {
    member
        .match_indices('!')
        .rev()
        .find_map(|(i, _)| by_path.get(&member[..i]).copied())
}

/// Change every file with hits: plain files (`None`) in place, documents
/// and archives (`Some(kind)`) member by member.
fn apply(
    args: &SubjectArgs,
    matcher: &SubjectMatcher,
    open: &piiscan::input::OpenOptions,
    docs: &piiscan::document::Options,
    change: Change,
    with_hits: &[(piiscan::input::Input, Option<Kind>)],
) -> Vec<FileChange> {
    let opts = RewriteOptions {
        open: open.clone(),
        dry_run: args.dry_run,
        policy: Policy { allow_hard_links: args.force },
        change,
    };
    let verb = match change {
        Change::Erase => "erased",
        Change::EraseRecords => "erased records in",
        Change::Correct => "corrected",
    };
    let changes: Vec<FileChange> = with_hits
        .par_iter()
        .map(|(i, kind)| match kind {
            None => rewrite::rewrite(matcher, i, &opts),
            Some(kind) => {
                rewrite::rewrite_document(matcher, i, *kind, docs, &opts)
            }
        })
        .collect();
    let mut err = io::stderr().lock();
    for c in &changes {
        if let Some(line) = c.text_line(verb) {
            if c.status == RewriteStatus::Failed {
                let _ = writeln!(err, "piiscan: {line}");
            } else {
                let _ = writeln!(err, "{line}");
            }
        }
    }
    let n = changes
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                RewriteStatus::Changed | RewriteStatus::WouldChange
            )
        })
        .count();
    let _ = writeln!(
        err,
        "piiscan: {n} file{} {}",
        if n == 1 { "" } else { "s" },
        if args.dry_run {
            "would change (dry run: nothing written)"
        } else {
            "changed"
        }
    );
    changes
}
