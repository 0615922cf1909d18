//! The redact pipeline over files: walk, plan where each file goes, redact
//! files in parallel, report them in path order.
//!
//! Files are redacted by a pool of `threads` workers (large files also
//! split into chunks redacted in parallel) and reported strictly in the
//! walk's order, so the report is the same whatever the thread count. One
//! file's error never stops the run. Our own leftover temporary files
//! (`.piiscan-tmp-*`, from a killed run) and, with a backup suffix, backup
//! files are never redacted; they are reported as skipped.
//!
//! With an output directory, each file goes to the same relative path
//! under it as it has under the directory named on the command line (a
//! file named on the command line goes to its file name). Files under the
//! output directory itself are not read, so `redact . -o redacted` works.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use crate::input::{self, Input, InputId, OpenOptions, WalkOptions};

use super::atomic::{is_temp_name, Policy};
use super::file::{redact_file, Destination, FileOptions};
use super::redactor::Redactor;
use super::report::{FileReport, RunSummary};

/// Where redacted files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Replace each changed file.
    InPlace {
        /// Hard-link policy (`--force`).
        policy: Policy,
        /// Keep originals at PATH + this suffix (`--backup`).
        backup_suffix: Option<OsString>,
    },
    /// Mirror the tree under this directory (`-o DIR`).
    Directory(PathBuf),
    /// Nowhere: report only (`--dry-run` / `--check` without a target).
    Nowhere,
}

/// Everything a run needs besides the redactor.
#[derive(Debug, Clone)]
pub struct RedactOptions {
    /// How to walk the roots.
    pub walk: WalkOptions,
    /// How to open each input.
    pub open: OpenOptions,
    /// Worker threads.
    pub threads: usize,
    /// Where results go.
    pub target: Target,
    /// Write nothing.
    pub dry_run: bool,
    /// How archives and Office documents are opened and rewritten.
    pub documents: crate::document::Options,
}

/// One planned file, or a problem found while planning.
enum Planned {
    Job(Input, Destination),
    Done(FileReport),
}

/// Redact every file under `roots`; `on_file` gets each file's report in
/// order.
pub fn run(
    redactor: &Redactor<'_>,
    roots: &[String],
    options: &RedactOptions,
    on_file: &mut dyn FnMut(&FileReport),
) -> RunSummary {
    let started = Instant::now();
    let mut summary = RunSummary::default();
    let (planned, skipped) = plan(roots, options);
    for (reason, n) in skipped {
        *summary.skipped.entry(reason.to_string()).or_default() += n;
    }
    let file_options = FileOptions {
        open: options.open.clone(),
        dry_run: options.dry_run,
        // Two batches of chunk copies are in flight per file (one being
        // written, one redacted), and up to `threads` files at once.
        batch: options.threads.clamp(2, 8),
        documents: options.documents.clone(),
    };
    let threads = options.threads.max(1);
    let pool =
        match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(p) => p,
            Err(e) => {
                let r = FileReport::new("-")
                    .failed(format!("cannot start threads: {e}"));
                summary.add(&r);
                on_file(&r);
                return summary;
            }
        };
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, FileReport)>();
    let planned = &planned;
    let file_options = &file_options;
    std::thread::scope(|scope| {
        let next = &next;
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..threads {
                    let tx = tx.clone();
                    s.spawn(move |_| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(p) = planned.get(i) else { break };
                        let report = match p {
                            Planned::Done(r) => r.clone(),
                            Planned::Job(input, dest) => redact_file(
                                redactor,
                                input,
                                dest,
                                file_options,
                            ),
                        };
                        if tx.send((i, report)).is_err() {
                            break;
                        }
                    });
                }
            });
        });
        let mut pending: HashMap<usize, FileReport> = HashMap::new();
        let mut expected = 0;
        for (i, report) in rx {
            pending.insert(i, report);
            while let Some(report) = pending.remove(&expected) {
                expected += 1;
                summary.add(&report);
                on_file(&report);
            }
        }
    });
    summary.elapsed_secs = started.elapsed().as_secs_f64();
    summary
}

/// Walk and decide each file's destination. Returns the plan in report
/// order and the walk's skip counts.
fn plan(
    roots: &[String],
    options: &RedactOptions,
) -> (Vec<Planned>, Vec<(&'static str, u64)>) {
    let mut planned = Vec::new();
    let mut skipped = Vec::new();
    let backup_suffix = match &options.target {
        Target::InPlace { backup_suffix, .. } => backup_suffix.clone(),
        _ => None,
    };
    let keep = |input: Input,
                dest: Destination,
                planned: &mut Vec<Planned>| {
        let path = match &input.id {
            InputId::Path(p) => p.clone(),
            InputId::Stdin => {
                let r = FileReport::new("-")
                    .failed("standard input cannot be mixed with files");
                planned.push(Planned::Done(r));
                return;
            }
        };
        if is_temp_name(&path) {
            let r = FileReport::new(&input.display)
                .skipped("leftover_temporary_file");
            planned.push(Planned::Done(r));
        } else if backup_suffix.as_ref().is_some_and(|s| has_suffix(&path, s))
        {
            let r = FileReport::new(&input.display).skipped("backup_file");
            planned.push(Planned::Done(r));
        } else {
            planned.push(Planned::Job(input, dest));
        }
    };
    match &options.target {
        Target::InPlace { policy, backup_suffix } => {
            let walked = input::walk(roots, &options.walk);
            push_walk_errors(&walked, &mut planned, &mut skipped);
            for input in walked.inputs {
                let backup = match (&input.id, backup_suffix) {
                    (InputId::Path(p), Some(s)) => Some(with_suffix(p, s)),
                    _ => None,
                };
                keep(
                    input,
                    Destination::InPlace { policy: *policy, backup },
                    &mut planned,
                );
            }
        }
        Target::Nowhere => {
            let walked = input::walk(roots, &options.walk);
            push_walk_errors(&walked, &mut planned, &mut skipped);
            for input in walked.inputs {
                keep(input, Destination::Nowhere, &mut planned);
            }
        }
        Target::Directory(dir) => {
            let dir_canon = fs::canonicalize(dir).ok();
            let mut seen = HashSet::new();
            for root in roots {
                let walked =
                    input::walk(std::slice::from_ref(root), &options.walk);
                push_walk_errors(&walked, &mut planned, &mut skipped);
                let root_path = Path::new(root);
                let root_canon = fs::canonicalize(root_path).ok();
                // The output directory inside this root is not input.
                let exclude = match (&dir_canon, &root_canon) {
                    (Some(d), Some(r)) if d != r => {
                        d.strip_prefix(r).ok().map(Path::to_path_buf)
                    }
                    _ => None,
                };
                let root_is_dir =
                    root_canon.as_deref().is_some_and(Path::is_dir);
                for input in walked.inputs {
                    let InputId::Path(path) = &input.id else {
                        keep(input, Destination::Nowhere, &mut planned);
                        continue;
                    };
                    let rel = relative(
                        path,
                        root_path,
                        root_canon.as_deref(),
                        root_is_dir,
                    );
                    let Some(rel) = rel else {
                        let r = FileReport::new(&input.display).failed(
                            "cannot place it under the output directory",
                        );
                        planned.push(Planned::Done(r));
                        continue;
                    };
                    if exclude.as_deref().is_some_and(|x| rel.starts_with(x)) {
                        continue;
                    }
                    let out = dir.join(&rel);
                    if !seen.insert(out.clone()) {
                        let r =
                            FileReport::new(&input.display).failed(format!(
                                "another input already goes to {}",
                                out.display()
                            ));
                        planned.push(Planned::Done(r));
                        continue;
                    }
                    if !options.dry_run {
                        if let Some(parent) = out.parent() {
                            if let Err(e) = fs::create_dir_all(parent) {
                                let r = FileReport::new(&input.display)
                                    .failed(format!(
                                        "cannot create {}: {}",
                                        parent.display(),
                                        input::io_reason(&e)
                                    ));
                                planned.push(Planned::Done(r));
                                continue;
                            }
                        }
                    }
                    keep(input, Destination::Copy(out), &mut planned);
                }
            }
        }
    }
    (planned, skipped)
}

fn push_walk_errors(
    walked: &input::WalkReport,
    planned: &mut Vec<Planned>,
    skipped: &mut Vec<(&'static str, u64)>,
) {
    for e in &walked.errors {
        planned.push(Planned::Done(
            FileReport::new(&e.path).failed(e.reason.clone()),
        ));
    }
    skipped.extend(walked.skipped.iter().map(|(k, v)| (*k, *v)));
}

/// `path` relative to the named root: below a directory, the walked
/// relative path; for a named file, its file name. Never with `..`.
fn relative(
    path: &Path,
    root: &Path,
    root_canon: Option<&Path>,
    root_is_dir: bool,
) -> Option<PathBuf> {
    let rel = if root_is_dir {
        path.strip_prefix(root)
            .ok()
            .or_else(|| root_canon.and_then(|c| path.strip_prefix(c).ok()))?
            .to_path_buf()
    } else {
        PathBuf::from(path.file_name()?)
    };
    let clean: PathBuf =
        rel.components().filter(|c| !matches!(c, Component::CurDir)).collect();
    let safe = !clean.as_os_str().is_empty()
        && clean.components().all(|c| matches!(c, Component::Normal(_)));
    safe.then_some(clean)
}

fn with_suffix(path: &Path, suffix: &OsString) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn has_suffix(path: &Path, suffix: &OsString) -> bool {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().ends_with(suffix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let r =
            relative(Path::new("logs/a/b.log"), Path::new("logs"), None, true);
        assert_eq!(r, Some(PathBuf::from("a/b.log")));
        let r =
            relative(Path::new("./logs/x"), Path::new("./logs"), None, true);
        assert_eq!(r, Some(PathBuf::from("x")));
        let r = relative(
            Path::new("/var/log/y.log"),
            Path::new("/var/log/y.log"),
            None,
            false,
        );
        assert_eq!(r, Some(PathBuf::from("y.log")));
    }

    #[test]
    fn suffixes() {
        let s = OsString::from(".bak");
        assert_eq!(
            with_suffix(Path::new("a.log"), &s),
            PathBuf::from("a.log.bak")
        );
        assert!(has_suffix(Path::new("d/a.log.bak"), &s));
        assert!(!has_suffix(Path::new("d/a.log"), &s));
    }
}
