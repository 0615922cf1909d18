//! Turning command-line paths into a sorted, deduplicated list of inputs.
//!
//! Rules (DESIGN.md, "Walking defaults"): a path named on the command line is
//! always taken, whatever ignore files or globs say; ignore files are read
//! only at and below each named directory (`.gitignore` only inside a git
//! work tree, `.ignore` always); hidden files are walked; `.git`, `.hg` and
//! `.svn` directories are pruned unless `--no-ignore`; FIFOs, sockets and
//! devices are counted, never opened; symlinks are followed only with
//! `--follow`, and never to a target outside the named directory.
//!
//! This module never opens a file's content, and its result never depends on
//! the number of walker threads.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use ignore::overrides::{Override, OverrideBuilder};
use ignore::{
    DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState,
};

use super::error::InputError;

/// How to walk directories (the resolved CLI flags).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// `--no-ignore`: no ignore files, no pruned VCS directories.
    pub no_ignore: bool,
    /// `--glob`: include globs, `!glob` excludes (ripgrep semantics: they
    /// override ignore files, match relative to each named directory, and do
    /// not filter paths named on the command line). With any include glob,
    /// files matching none are left out.
    pub globs: Vec<String>,
    /// `--follow`: follow symlinks, though never out of the named directory.
    pub follow: bool,
    /// `--max-filesize` in bytes: larger files are skipped (for .gz/.zst the
    /// compressed size on disk counts).
    pub max_filesize: Option<u64>,
    /// Walker threads; 0 lets the walker choose.
    pub threads: usize,
}

/// What an input is: a file path or standard input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InputId {
    /// A file to open (as reachable from the current directory).
    Path(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
}

/// One input to scan.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Input {
    /// Where the content comes from.
    pub id: InputId,
    /// The path to show: as given on the command line joined with the walked
    /// relative path; `-` for stdin. Raw: escape it before printing.
    pub display: String,
}

impl Input {
    /// Standard input, shown as `-`.
    pub fn stdin() -> Input {
        Input { id: InputId::Stdin, display: "-".to_string() }
    }

    /// A file path, shown as it is written (lossily if not UTF-8).
    pub fn path(path: impl Into<PathBuf>) -> Input {
        let path = path.into();
        Input {
            display: path.to_string_lossy().into_owned(),
            id: InputId::Path(path),
        }
    }
}

/// Why an entry was not turned into an input (counted for `--stats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    /// A NUL byte in the first 8 KiB (decided when opening, not walking).
    Binary,
    /// Larger than `--max-filesize`.
    TooLarge,
    /// A VCS metadata directory (`.git`, `.hg`, `.svn`) pruned by default.
    /// Entries left out by ignore files or globs are not counted: the walker
    /// drops them without telling.
    Ignored,
    /// A FIFO, socket or device: never opened.
    Special,
    /// A symlink found while walking without `--follow`.
    Symlink,
    /// A symlink whose target lies outside the named directory.
    SymlinkOutOfRoot,
    /// A symlink to one of its own ancestors (its content is walked anyway).
    SymlinkLoop,
}

impl Skip {
    /// Stable snake_case key for stats.
    pub fn reason(self) -> &'static str {
        match self {
            Skip::Binary => "binary",
            Skip::TooLarge => "too_large",
            Skip::Ignored => "ignored",
            Skip::Special => "special_file",
            Skip::Symlink => "symlink_not_followed",
            Skip::SymlinkOutOfRoot => "symlink_out_of_root",
            Skip::SymlinkLoop => "symlink_loop",
        }
    }
}

/// The result of [`walk`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalkReport {
    /// Inputs sorted by `display` (bytewise), each path once.
    pub inputs: Vec<Input>,
    /// Paths that could not be walked, sorted by path.
    pub errors: Vec<InputError>,
    /// Skipped entries by [`Skip::reason`].
    pub skipped: BTreeMap<&'static str, u64>,
}

impl WalkReport {
    fn count(&mut self, skip: Skip, n: u64) {
        if n > 0 {
            *self.skipped.entry(skip.reason()).or_insert(0) += n;
        }
    }

    fn merge(&mut self, other: WalkReport) {
        self.inputs.extend(other.inputs);
        self.errors.extend(other.errors);
        for (k, v) in other.skipped {
            *self.skipped.entry(k).or_insert(0) += v;
        }
    }
}

/// Check `--glob` values without walking, for early usage errors.
pub fn check_globs(globs: &[String]) -> Result<(), InputError> {
    build_overrides(Path::new("."), globs).map(|_| ())
}

fn build_overrides(
    root: &Path,
    globs: &[String],
) -> Result<Override, InputError> {
    let mut b = OverrideBuilder::new(root);
    for g in globs {
        b.add(g).map_err(|e| {
            InputError::new("--glob", format!("invalid glob {g:?}: {e}"))
        })?;
    }
    b.build().map_err(|e| InputError::new("--glob", e.to_string()))
}

/// Walk command-line paths (`-` is stdin) into inputs.
///
/// Never fails as a whole: problems with one path are in
/// [`WalkReport::errors`] and the walk goes on. An invalid glob is the one
/// exception: nothing is walked and the report holds only that error.
pub fn walk(roots: &[String], opts: &WalkOptions) -> WalkReport {
    let mut report = WalkReport::default();
    if let Err(e) = check_globs(&opts.globs) {
        report.errors.push(e);
        return report;
    }
    for root in roots {
        if root == "-" {
            report.inputs.push(Input::stdin());
            continue;
        }
        walk_root(root, opts, &mut report);
    }
    finish(&mut report);
    report
}

/// Sort, and keep each path once (`./a` and `a` are the same path).
fn finish(report: &mut WalkReport) {
    report.inputs.sort_by(|a, b| {
        a.display.cmp(&b.display).then_with(|| a.id.cmp(&b.id))
    });
    let mut seen = HashSet::new();
    report.inputs.retain(|input| {
        let key = match &input.id {
            InputId::Stdin => None,
            InputId::Path(p) => Some(normalized(p)),
        };
        seen.insert(key)
    });
    report.errors.sort_by(|a, b| {
        a.path.cmp(&b.path).then_with(|| a.reason.cmp(&b.reason))
    });
    report.errors.dedup();
}

fn normalized(p: &Path) -> PathBuf {
    let mut comps = p.components().peekable();
    while comps.peek() == Some(&Component::CurDir) {
        comps.next();
    }
    comps.collect()
}

fn too_large(len: u64, opts: &WalkOptions) -> bool {
    opts.max_filesize.is_some_and(|max| len > max)
}

fn walk_root(root: &str, opts: &WalkOptions, report: &mut WalkReport) {
    let path = Path::new(root);
    let lmeta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => return report.errors.push(InputError::io(root, &e)),
    };
    let is_link = lmeta.file_type().is_symlink();
    // A symlink named on the command line is followed: the user chose it.
    let meta = if is_link {
        match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return report
                    .errors
                    .push(InputError::new(root, "dangling symlink"))
            }
            Err(e) => return report.errors.push(InputError::io(root, &e)),
        }
    } else {
        lmeta
    };
    if meta.is_dir() {
        walk_dir(root, is_link, opts, report);
    } else if meta.is_file() {
        if too_large(meta.len(), opts) {
            report.count(Skip::TooLarge, 1);
        } else {
            report.inputs.push(Input {
                id: InputId::Path(path.to_path_buf()),
                display: root.to_string(),
            });
        }
    } else {
        report.count(Skip::Special, 1);
    }
}

/// Everything one directory walk needs to classify entries.
struct RootCtx {
    /// The path the walker starts from.
    walk_root: PathBuf,
    /// When the named directory is a symlink, the walk starts at its target
    /// and displayed paths are rebuilt on the name as given.
    shown_root: Option<PathBuf>,
    /// Canonical walk root, for the out-of-root check (only with `follow`).
    canonical_root: Option<PathBuf>,
    max_filesize: Option<u64>,
}

impl RootCtx {
    fn display(&self, p: &Path) -> String {
        match &self.shown_root {
            Some(shown) => match p.strip_prefix(&self.walk_root) {
                Ok(rel) if rel.as_os_str().is_empty() => {
                    shown.to_string_lossy().into_owned()
                }
                Ok(rel) => shown.join(rel).to_string_lossy().into_owned(),
                Err(_) => p.to_string_lossy().into_owned(),
            },
            None => p.to_string_lossy().into_owned(),
        }
    }

    fn inside(&self, canonical: &Path) -> bool {
        self.canonical_root
            .as_deref()
            .map_or(true, |root| canonical.starts_with(root))
    }
}

#[derive(Default)]
struct FilterCounts {
    vcs: AtomicU64,
    out_of_root: AtomicU64,
}

fn is_vcs_dir(dent: &DirEntry) -> bool {
    dent.file_type().is_some_and(|t| t.is_dir())
        && matches!(
            dent.file_name().to_str(),
            Some(".git") | Some(".hg") | Some(".svn")
        )
}

fn walk_dir(
    root: &str,
    is_link: bool,
    opts: &WalkOptions,
    report: &mut WalkReport,
) {
    let given = PathBuf::from(root);
    let (walk_root, shown_root) = if is_link {
        match fs::canonicalize(&given) {
            Ok(target) => (target, Some(given)),
            Err(e) => return report.errors.push(InputError::io(root, &e)),
        }
    } else {
        (given, None)
    };
    let canonical_root = if opts.follow {
        match fs::canonicalize(&walk_root) {
            Ok(c) => Some(c),
            Err(e) => return report.errors.push(InputError::io(root, &e)),
        }
    } else {
        None
    };
    let ctx = Arc::new(RootCtx {
        walk_root,
        shown_root,
        canonical_root,
        max_filesize: opts.max_filesize,
    });

    let mut builder = WalkBuilder::new(&ctx.walk_root);
    builder
        .standard_filters(!opts.no_ignore)
        .hidden(false)
        // Ignore files above the named directory do not apply to it; git
        // work tree detection still looks upward.
        .parents(false)
        .require_git(true)
        .follow_links(opts.follow)
        .threads(opts.threads);
    if !opts.globs.is_empty() {
        match build_overrides(&ctx.walk_root, &opts.globs) {
            Ok(ov) => {
                builder.overrides(ov);
            }
            Err(e) => return report.errors.push(e),
        }
    }
    let counts = Arc::new(FilterCounts::default());
    {
        let counts = Arc::clone(&counts);
        let ctx = Arc::clone(&ctx);
        let prune_vcs = !opts.no_ignore;
        builder.filter_entry(move |dent| {
            if prune_vcs && is_vcs_dir(dent) {
                counts.vcs.fetch_add(1, Ordering::Relaxed);
                return false;
            }
            if ctx.canonical_root.is_some() && dent.path_is_symlink() {
                let inside = match fs::canonicalize(dent.path()) {
                    Ok(target) => ctx.inside(&target),
                    Err(e) => {
                        log::debug!(
                            "{}: cannot resolve symlink: {e}",
                            dent.path().display()
                        );
                        false
                    }
                };
                if !inside {
                    counts.out_of_root.fetch_add(1, Ordering::Relaxed);
                    return false;
                }
            }
            true
        });
    }

    let shared = Mutex::new(WalkReport::default());
    let mut visitors = CollectorBuilder { ctx: &ctx, shared: &shared };
    builder.build_parallel().visit(&mut visitors);

    let found = shared.into_inner().unwrap_or_else(|p| p.into_inner());
    report.merge(found);
    report.count(Skip::Ignored, counts.vcs.load(Ordering::Relaxed));
    report.count(
        Skip::SymlinkOutOfRoot,
        counts.out_of_root.load(Ordering::Relaxed),
    );
}

struct CollectorBuilder<'s> {
    ctx: &'s RootCtx,
    shared: &'s Mutex<WalkReport>,
}

impl<'s> ParallelVisitorBuilder<'s> for CollectorBuilder<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Collector {
            ctx: self.ctx,
            shared: self.shared,
            local: WalkReport::default(),
        })
    }
}

/// One walker thread's findings, merged into the shared report on drop.
struct Collector<'s> {
    ctx: &'s RootCtx,
    shared: &'s Mutex<WalkReport>,
    local: WalkReport,
}

impl Drop for Collector<'_> {
    fn drop(&mut self) {
        let local = std::mem::take(&mut self.local);
        let mut shared = self.shared.lock().unwrap_or_else(|p| p.into_inner());
        shared.merge(local);
    }
}

impl ParallelVisitor for Collector<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(dent) => self.entry(dent),
            Err(err) => self.error(&err),
        }
        WalkState::Continue
    }
}

impl Collector<'_> {
    fn entry(&mut self, dent: DirEntry) {
        if let Some(err) = dent.error() {
            // A problem reading an ignore file: rules are missing, content
            // is not lost, so warn rather than fail the run.
            log::warn!(
                "{}: {err}",
                crate::sanitize::for_terminal(&self.ctx.display(dent.path()))
            );
        }
        if dent.depth() == 0 {
            return; // the named directory itself
        }
        let Some(ft) = dent.file_type() else {
            return;
        };
        if ft.is_dir() {
            return;
        }
        if ft.is_file() {
            if self.ctx.max_filesize.is_some() {
                match dent.metadata() {
                    Ok(m)
                        if self
                            .ctx
                            .max_filesize
                            .is_some_and(|max| m.len() > max) =>
                    {
                        return self.local.count(Skip::TooLarge, 1);
                    }
                    Ok(_) => {}
                    Err(e) => return self.error(&e),
                }
            }
            let path = dent.into_path();
            self.local.inputs.push(Input {
                display: self.ctx.display(&path),
                id: InputId::Path(path),
            });
        } else if ft.is_symlink() {
            self.local.count(Skip::Symlink, 1);
        } else {
            self.local.count(Skip::Special, 1);
        }
    }

    fn error(&mut self, err: &ignore::Error) {
        match err {
            ignore::Error::Partial(errs) => {
                for e in errs {
                    self.error(e);
                }
            }
            ignore::Error::WithDepth { err, .. }
            | ignore::Error::WithLineNumber { err, .. } => self.error(err),
            ignore::Error::Loop { ancestor, child } => {
                let inside = fs::canonicalize(ancestor)
                    .is_ok_and(|a| self.ctx.inside(&a));
                if inside {
                    log::debug!("{}: symlink loop", child.display());
                    self.local.count(Skip::SymlinkLoop, 1);
                } else {
                    self.local.count(Skip::SymlinkOutOfRoot, 1);
                }
            }
            ignore::Error::WithPath { path, err } => match innermost_io(err) {
                Some(io_err) => self.io_error(path, io_err),
                None => log::warn!(
                    "{}: {err}",
                    crate::sanitize::for_terminal(&self.ctx.display(path))
                ),
            },
            other => log::warn!("{other}"),
        }
    }

    fn io_error(&mut self, path: &Path, err: &io::Error) {
        let shown = self.ctx.display(path);
        let dangling = err.kind() == io::ErrorKind::NotFound
            && fs::symlink_metadata(path)
                .is_ok_and(|m| m.file_type().is_symlink());
        self.local.errors.push(if dangling {
            InputError::new(shown, "dangling symlink")
        } else {
            InputError::io(shown, err)
        });
    }
}

fn innermost_io(err: &ignore::Error) -> Option<&io::Error> {
    match err {
        ignore::Error::Io(e) => Some(e),
        ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. }
        | ignore::Error::WithPath { err, .. } => innermost_io(err),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn displays(r: &WalkReport) -> Vec<&str> {
        r.inputs.iter().map(|i| i.display.as_str()).collect()
    }

    #[test]
    fn sorted_and_deduplicated() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_str().unwrap().to_string();
        fs::write(dir.path().join("b.txt"), "b").unwrap();
        fs::write(dir.path().join("a.txt"), "a").unwrap();
        let r = walk(
            &[d.clone(), format!("{d}/a.txt"), "-".into(), "-".into()],
            &WalkOptions::default(),
        );
        assert_eq!(
            displays(&r),
            vec!["-".to_string(), format!("{d}/a.txt"), format!("{d}/b.txt")]
        );
        assert!(r.errors.is_empty());
    }

    #[test]
    fn missing_root_is_an_error() {
        let r =
            walk(&["/no/such/piiscan/path".into()], &WalkOptions::default());
        assert_eq!(r.errors.len(), 1);
        assert_eq!(
            r.errors[0].to_string(),
            "/no/such/piiscan/path: no such file or directory"
        );
    }

    #[test]
    fn bad_glob_walks_nothing() {
        let opts =
            WalkOptions { globs: vec!["a[".into()], ..WalkOptions::default() };
        let r = walk(&[".".into()], &opts);
        assert!(r.inputs.is_empty());
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].path, "--glob");
    }

    #[test]
    fn normalizes_leading_dot() {
        assert_eq!(normalized(Path::new("./a/b")), PathBuf::from("a/b"));
        assert_eq!(normalized(Path::new("a/./b")), PathBuf::from("a/b"));
    }
}
