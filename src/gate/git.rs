//! Git-diff scope: which files and lines a gated scan looks at.
//!
//! - `--staged`: the staged content of staged files (what would be
//!   committed), read from the index with `git cat-file --batch`; only
//!   lines the staged diff adds or changes count.
//! - `--since REV`: the work-tree content of files changed since REV
//!   (plus untracked, not ignored files); only lines changed since REV
//!   count.
//!
//! Git runs locally with external diff drivers, textconv and fsmonitor
//! off, and every path git prints is read NUL-separated or unquoted.
//! Must never: read the work tree for `--staged`, pass a user string to git
//! where it could be taken for an option, or widen the scope when a diff
//! cannot be parsed (an unparsable file is reported as an error).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::ops::RangeInclusive;
use std::path::Path;
use std::process::{Command, Stdio};

/// The lines of one file that count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Every line (a new or binary file).
    All,
    /// These 1-based line ranges, sorted.
    Lines(Vec<RangeInclusive<u64>>),
}

impl Changed {
    /// Whether `line` is in scope.
    pub fn contains(&self, line: u64) -> bool {
        match self {
            Changed::All => true,
            Changed::Lines(ranges) => {
                let i = ranges.partition_point(|r| *r.end() < line);
                ranges.get(i).is_some_and(|r| r.contains(&line))
            }
        }
    }
}

/// Where a scoped file's content comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// The staged blob.
    Blob(Vec<u8>),
    /// The work-tree file at the displayed path.
    WorkTree,
}

/// One file in scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopedFile {
    /// The path relative to the working directory (as findings show it).
    pub display: String,
    /// The content to scan.
    pub content: Content,
    /// The lines that count.
    pub changed: Changed,
}

/// The files a diff-scoped scan reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Sorted by display path.
    pub files: Vec<ScopedFile>,
}

/// The staged scope, run from `cwd`, limited to `pathspecs` if any.
pub fn staged(cwd: &Path, pathspecs: &[String]) -> Result<Scope, String> {
    let place = place(cwd)?;
    let raw =
        git(cwd, &diff_args(&["--cached", "--raw", "-z"], None, pathspecs))?;
    let records = parse_raw(&raw)?;
    let patch = git(cwd, &diff_args(&["--cached", "-U0"], None, pathspecs))?;
    let hunks = parse_hunks(&patch)?;
    let shas: Vec<&str> = records.iter().map(|r| r.dst_sha.as_str()).collect();
    let mut blobs = cat_blobs(cwd, &shas)?;
    let mut scope = Scope::default();
    for (r, blob) in records.iter().zip(blobs.drain(..)) {
        let changed = changed_lines(r, &hunks);
        scope.files.push(ScopedFile {
            display: display(&place, &r.path),
            content: Content::Blob(blob),
            changed,
        });
    }
    scope.files.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(scope)
}

/// The scope of changes since `rev` (work tree against `rev`, plus
/// untracked files), run from `cwd`, limited to `pathspecs` if any.
pub fn since(
    cwd: &Path,
    rev: &str,
    pathspecs: &[String],
) -> Result<Scope, String> {
    if rev.starts_with('-') || rev.is_empty() {
        return Err(format!("--since: {rev:?} is not a revision"));
    }
    let place = place(cwd)?;
    let commit = git(
        cwd,
        &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]
            .map(String::from),
    )
    .map_err(|_| format!("--since: unknown revision {rev:?}"))?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();
    let raw =
        git(cwd, &diff_args(&["--raw", "-z"], Some(&commit), pathspecs))?;
    let records = parse_raw(&raw)?;
    let patch = git(cwd, &diff_args(&["-U0"], Some(&commit), pathspecs))?;
    let hunks = parse_hunks(&patch)?;
    let mut scope = Scope::default();
    for r in &records {
        scope.files.push(ScopedFile {
            display: display(&place, &r.path),
            content: Content::WorkTree,
            changed: changed_lines(r, &hunks),
        });
    }
    let mut args: Vec<String> = [
        "ls-files",
        "--others",
        "--exclude-standard",
        "--full-name",
        "-z",
        "--",
    ]
    .map(String::from)
    .to_vec();
    args.extend(pathspecs.iter().cloned());
    let untracked = git(cwd, &args)?;
    for path in untracked.split(|&b| b == 0).filter(|p| !p.is_empty()) {
        scope.files.push(ScopedFile {
            display: display(&place, path),
            content: Content::WorkTree,
            changed: Changed::All,
        });
    }
    scope.files.sort_by(|a, b| a.display.cmp(&b.display));
    scope.files.dedup_by(|a, b| a.display == b.display);
    Ok(scope)
}

/// Where `cwd` is in the work tree: the way up to the top (`../../`) and
/// the way down from it (`sub/dir/`); both empty at the top.
struct Place {
    cdup: String,
    prefix: String,
}

fn place(cwd: &Path) -> Result<Place, String> {
    let out = git(
        cwd,
        &["rev-parse", "--show-cdup", "--show-prefix"].map(String::from),
    )?;
    let text = String::from_utf8_lossy(&out);
    let mut lines = text.split('\n');
    let cdup = lines.next().unwrap_or("").trim_end_matches('\r').to_string();
    let prefix = lines.next().unwrap_or("").trim_end_matches('\r').to_string();
    Ok(Place { cdup, prefix })
}

/// A top-relative path as seen from the working directory.
fn display(place: &Place, top_path: &[u8]) -> String {
    let path = String::from_utf8_lossy(top_path);
    match path.strip_prefix(place.prefix.as_str()) {
        Some(below) if !place.prefix.is_empty() => below.to_string(),
        _ => format!("{}{path}", place.cdup),
    }
}

/// Common `git diff` flags: no external tools, explicit prefixes, only
/// added/copied/modified/renamed/type-changed files, renames detected.
fn diff_args(
    extra: &[&str],
    rev: Option<&str>,
    pathspecs: &[String],
) -> Vec<String> {
    let mut args: Vec<String> = [
        "diff",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--no-abbrev",
        "-M",
        "--diff-filter=ACMRT",
        "--src-prefix=a/",
        "--dst-prefix=b/",
    ]
    .map(String::from)
    .to_vec();
    args.extend(extra.iter().map(|s| s.to_string()));
    if let Some(rev) = rev {
        args.push(rev.to_string());
    }
    args.push("--".to_string());
    args.extend(pathspecs.iter().cloned());
    args
}

/// Run git in `cwd`; stdout, or an error with git's message.
fn git(cwd: &Path, args: &[String]) -> Result<Vec<u8>, String> {
    let out =
        base_command(cwd).args(args).stdin(Stdio::null()).output().map_err(
            |e| format!("cannot run git: {}", crate::input::io_reason(&e)),
        )?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        let msg =
            msg.lines().find(|l| !l.trim().is_empty()).unwrap_or("failed");
        let msg = msg.trim_start_matches("fatal: ");
        return Err(format!(
            "git {}: {}",
            args.first().map_or("", String::as_str),
            crate::sanitize::for_terminal(msg)
        ));
    }
    Ok(out.stdout)
}

fn base_command(cwd: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(cwd)
        .args(["-c", "core.quotepath=on", "-c", "core.fsmonitor=false"])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env_remove("GIT_EXTERNAL_DIFF");
    cmd
}

/// One file of `git diff --raw -z`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RawRecord {
    status: u8,
    dst_sha: String,
    path: Vec<u8>,
}

fn parse_raw(raw: &[u8]) -> Result<Vec<RawRecord>, String> {
    let bad = || "cannot parse `git diff --raw` output".to_string();
    let mut tokens = raw.split(|&b| b == 0);
    let mut out = Vec::new();
    while let Some(meta) = tokens.next() {
        if meta.is_empty() {
            continue;
        }
        let meta = std::str::from_utf8(meta).map_err(|_| bad())?;
        let fields: Vec<&str> =
            meta.trim_start_matches(':').split(' ').collect();
        let [_src_mode, dst_mode, src_sha, dst_sha, status] = fields[..]
        else {
            return Err(bad());
        };
        let status = *status.as_bytes().first().ok_or_else(bad)?;
        let mut path = tokens.next().ok_or_else(bad)?;
        if matches!(status, b'R' | b'C') {
            path = tokens.next().ok_or_else(bad)?;
        }
        // Submodules and symlinks hold no file content to scan; a pure
        // rename or mode change adds no lines.
        if dst_mode == "160000" || dst_mode == "120000" || src_sha == dst_sha {
            continue;
        }
        out.push(RawRecord {
            status,
            dst_sha: dst_sha.to_string(),
            path: path.to_vec(),
        });
    }
    Ok(out)
}

fn changed_lines(
    r: &RawRecord,
    hunks: &HashMap<Vec<u8>, Vec<RangeInclusive<u64>>>,
) -> Changed {
    if r.status == b'A' {
        return Changed::All;
    }
    match hunks.get(&r.path) {
        Some(ranges) => {
            let mut ranges = ranges.clone();
            ranges.sort_by_key(|r| *r.start());
            Changed::Lines(ranges)
        }
        // No text patch: a binary file; every line counts.
        None => Changed::All,
    }
}

/// Added/changed line ranges per destination path from a `-U0` patch.
fn parse_hunks(
    patch: &[u8],
) -> Result<HashMap<Vec<u8>, Vec<RangeInclusive<u64>>>, String> {
    let mut out: HashMap<Vec<u8>, Vec<RangeInclusive<u64>>> = HashMap::new();
    let mut current: Option<Vec<u8>> = None;
    let (mut old_left, mut new_left) = (0u64, 0u64);
    for line in patch.split(|&b| b == b'\n') {
        if old_left > 0 || new_left > 0 {
            match line.first() {
                Some(b'-') => old_left = old_left.saturating_sub(1),
                Some(b'+') => new_left = new_left.saturating_sub(1),
                Some(b'\\') => {}
                _ => {
                    return Err("cannot parse `git diff` output (hunk)".into());
                }
            }
            continue;
        }
        if let Some(path) = line.strip_prefix(b"+++ ") {
            current = if path == b"/dev/null" {
                None
            } else {
                let path = unquote(path);
                let path = path.strip_prefix(b"b/").unwrap_or(&path).to_vec();
                out.entry(path.clone()).or_default();
                Some(path)
            };
        } else if line.starts_with(b"@@ ") {
            let (old, new) = parse_hunk_header(line)
                .ok_or("cannot parse `git diff` output (hunk header)")?;
            old_left = old.1;
            new_left = new.1;
            if let (Some(path), true) = (&current, new.1 > 0) {
                out.entry(path.clone())
                    .or_default()
                    .push(new.0..=new.0 + new.1 - 1);
            }
        }
    }
    Ok(out)
}

/// `@@ -a[,b] +c[,d] @@` to ((a, b), (c, d)); counts default to 1.
fn parse_hunk_header(line: &[u8]) -> Option<((u64, u64), (u64, u64))> {
    let text = std::str::from_utf8(line).ok()?;
    let mut parts = text.split(' ');
    parts.next()?;
    let range = |s: &str, sign: char| -> Option<(u64, u64)> {
        let s = s.strip_prefix(sign)?;
        match s.split_once(',') {
            Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
            None => Some((s.parse().ok()?, 1)),
        }
    };
    let old = range(parts.next()?, '-')?;
    let new = range(parts.next()?, '+')?;
    Some((old, new))
}

/// Undo git's C-style path quoting (`"b/a\tb\303\251"`).
fn unquote(path: &[u8]) -> Vec<u8> {
    let Some(inner) =
        path.strip_prefix(b"\"").and_then(|p| p.strip_suffix(b"\""))
    else {
        return path.to_vec();
    };
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while i < inner.len() {
        let b = inner[i];
        i += 1;
        if b != b'\\' || i >= inner.len() {
            out.push(b);
            continue;
        }
        let e = inner[i];
        i += 1;
        out.push(match e {
            b'a' => 7,
            b'b' => 8,
            b't' => b'\t',
            b'n' => b'\n',
            b'v' => 11,
            b'f' => 12,
            b'r' => b'\r',
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    if let Some(&d @ b'0'..=b'7') = inner.get(i) {
                        v = v * 8 + u32::from(d - b'0');
                        i += 1;
                    }
                }
                v as u8
            }
            other => other,
        });
    }
    out
}

/// Read blobs by object id with one `git cat-file --batch`.
fn cat_blobs(cwd: &Path, shas: &[&str]) -> Result<Vec<Vec<u8>>, String> {
    if shas.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = base_command(cwd)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("cannot run git: {}", crate::input::io_reason(&e))
        })?;
    let mut stdin = child.stdin.take().ok_or("git cat-file: no stdin")?;
    let request: String = shas.iter().map(|s| format!("{s}\n")).collect();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(request.as_bytes());
    });
    let mut stdout = Vec::new();
    child
        .stdout
        .take()
        .ok_or("git cat-file: no stdout")?
        .read_to_end(&mut stdout)
        .map_err(|e| {
            format!("git cat-file: {}", crate::input::io_reason(&e))
        })?;
    let _ = writer.join();
    let status = child.wait().map_err(|e| {
        format!("git cat-file: {}", crate::input::io_reason(&e))
    })?;
    if !status.success() {
        return Err("git cat-file failed".into());
    }
    let mut blobs = Vec::with_capacity(shas.len());
    let mut rest = &stdout[..];
    for sha in shas {
        let nl =
            memchr::memchr(b'\n', rest).ok_or("git cat-file: short output")?;
        let header = String::from_utf8_lossy(&rest[..nl]).into_owned();
        rest = &rest[nl + 1..];
        let fields: Vec<&str> = header.split(' ').collect();
        let [got, _type, size] = fields[..] else {
            return Err(format!("git cat-file: object {sha} is missing"));
        };
        let size: usize = size
            .parse()
            .map_err(|_| "git cat-file: bad header".to_string())?;
        if got != *sha || rest.len() < size + 1 {
            return Err("git cat-file: unexpected output".into());
        }
        blobs.push(rest[..size].to_vec());
        rest = &rest[size + 1..];
    }
    Ok(blobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_records_parse() {
        let z = "0".repeat(40);
        let a = "a".repeat(40);
        let b = "b".repeat(40);
        let raw = format!(
            ":000000 100644 {z} {a} A\0new.txt\0\
             :100644 100644 {a} {b} M\0dir/x y.txt\0\
             :100644 100644 {a} {b} R087\0old.txt\0moved.txt\0\
             :100644 100644 {a} {a} R100\0same.txt\0renamed.txt\0\
             :160000 160000 {a} {b} M\0submodule\0"
        );
        let recs = parse_raw(raw.as_bytes()).unwrap();
        let paths: Vec<&[u8]> = recs.iter().map(|r| &r.path[..]).collect();
        assert_eq!(
            paths,
            [&b"new.txt"[..], &b"dir/x y.txt"[..], &b"moved.txt"[..]]
        );
        assert_eq!(recs[0].status, b'A');
        assert_eq!(recs[1].dst_sha, b);
    }

    #[test]
    fn hunks_parse_including_tricky_added_lines() {
        let patch = b"diff --git a/x.txt b/x.txt\n\
index 1..2 100644\n\
--- a/x.txt\n\
+++ b/x.txt\n\
@@ -3 +3,2 @@ ctx\n\
-old\n\
++++ b/not-a-header\n\
+two\n\
@@ -10,2 +11,0 @@\n\
-gone\n\
-gone\n\
@@ -20,0 +21 @@\n\
+added\n\
diff --git \"a/t\\tab.txt\" \"b/t\\tab.txt\"\n\
--- \"a/t\\tab.txt\"\n\
+++ \"b/t\\tab.txt\"\n\
@@ -1 +1 @@\n\
-a\n\
+b\n";
        let h = parse_hunks(patch).unwrap();
        assert_eq!(h[&b"x.txt"[..].to_vec()], vec![3..=4, 21..=21]);
        assert_eq!(h[&b"t\tab.txt"[..].to_vec()], vec![1..=1]);
        assert!(!h.contains_key(&b"not-a-header"[..]));
        let c = Changed::Lines(vec![3..=4, 21..=21]);
        assert!(c.contains(3) && c.contains(4) && c.contains(21));
        assert!(!c.contains(2) && !c.contains(5) && !c.contains(22));
    }

    #[test]
    fn quoted_paths_unquote() {
        assert_eq!(unquote(b"plain"), b"plain");
        assert_eq!(unquote(b"\"a\\\"b\\\\c\""), b"a\"b\\c");
        assert_eq!(unquote(b"\"\\303\\251t\\303\\251\""), "été".as_bytes());
    }
}
