//! Integration tests for the input module: walking rules, opening
//! (plain, gzip, zstd, caps, corruption) and chunk/line invariants, through
//! the library API on temporary trees.
#![cfg(unix)]

use std::fs;
use std::io::{self, Read, Write};
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::process::Command;

use piiscan::input::{
    chunk_boundaries, chunk_boundaries_sized, open, walk, whole_chunks_sized,
    Content, Input, InputError, LineCounter, OpenOptions, Outcome, OwnedChunk,
    Skip, StreamChunker, WalkOptions, WalkReport, CHUNK_SIZE,
};
use proptest::prelude::*;

mod common;
use common::gzip;

// ---------------------------------------------------------------- helpers

fn put(root: &Path, rel: &str, data: &[u8]) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, data).unwrap();
}

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

/// Displayed paths relative to `root` (for readable assertions).
fn rels(report: &WalkReport, root: &Path) -> Vec<String> {
    let prefix = format!("{}/", s(root));
    report
        .inputs
        .iter()
        .map(|i| {
            i.display.strip_prefix(&prefix).unwrap_or(&i.display).to_string()
        })
        .collect()
}

fn walk_one(root: &Path, opts: &WalkOptions) -> WalkReport {
    walk(&[s(root)], opts)
}

/// Mark `root` as a git work tree. The `ignore` crate only checks that a
/// `.git` entry exists, so a directory is enough and the tests do not depend
/// on a git binary.
fn git_init(root: &Path) {
    fs::create_dir_all(root.join(".git")).unwrap();
}

fn skipped(report: &WalkReport, skip: Skip) -> u64 {
    report.skipped.get(skip.reason()).copied().unwrap_or(0)
}

fn zst(data: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(data, 3).unwrap()
}

/// Read an input to its end through the public API, whichever way it opens.
fn read_all(
    input: &Input,
    opts: &OpenOptions,
) -> Result<(Vec<u8>, Outcome), InputError> {
    match open(input, opts)? {
        Content::Whole(w) => Ok((w.bytes().to_vec(), Outcome::Complete)),
        Content::Stream(st) => {
            let mut ch = st.chunker();
            let mut out = Vec::new();
            while let Some(c) = ch.next_chunk()? {
                out.extend_from_slice(c.body_bytes());
            }
            Ok((out, ch.outcome()))
        }
    }
}

fn file_input(root: &Path, rel: &str) -> Input {
    Input::path(root.join(rel))
}

// ---------------------------------------------------------------- walking

#[test]
fn hidden_files_are_found() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), ".env", b"A=1");
    put(t.path(), ".config/app/.bash_history", b"ls");
    put(t.path(), "visible.txt", b"x");
    let r = walk_one(t.path(), &WalkOptions::default());
    assert_eq!(
        rels(&r, t.path()),
        vec![".config/app/.bash_history", ".env", "visible.txt"]
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}

#[test]
fn gitignore_only_inside_a_git_work_tree() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), ".gitignore", b"secret.log\n");
    put(t.path(), "secret.log", b"x");
    put(t.path(), "kept.log", b"x");
    let r = walk_one(t.path(), &WalkOptions::default());
    assert_eq!(
        rels(&r, t.path()),
        vec![".gitignore", "kept.log", "secret.log"]
    );

    git_init(t.path());
    let r = walk_one(t.path(), &WalkOptions::default());
    assert_eq!(rels(&r, t.path()), vec![".gitignore", "kept.log"]);
    // The .git directory itself is pruned (and counted) by default.
    assert_eq!(skipped(&r, Skip::Ignored), 1);

    // A subdirectory of the work tree named on the command line still knows
    // it is inside git.
    put(t.path(), "sub/.gitignore", b"*.tmp\n");
    put(t.path(), "sub/a.tmp", b"x");
    put(t.path(), "sub/b.txt", b"x");
    let r = walk_one(&t.path().join("sub"), &WalkOptions::default());
    assert_eq!(rels(&r, &t.path().join("sub")), vec![".gitignore", "b.txt"]);
}

#[test]
fn dot_ignore_applies_everywhere() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), ".ignore", b"*.bak\n");
    put(t.path(), "a.bak", b"x");
    put(t.path(), "deep/b.bak", b"x");
    put(t.path(), "deep/c.txt", b"x");
    let r = walk_one(t.path(), &WalkOptions::default());
    assert_eq!(rels(&r, t.path()), vec![".ignore", "deep/c.txt"]);
}

#[test]
fn explicit_path_under_ignored_dir_is_scanned() {
    let t = tempfile::tempdir().unwrap();
    git_init(t.path());
    put(t.path(), ".gitignore", b"logs/\n*.log\n");
    put(t.path(), "logs/app.log", b"x");
    put(t.path(), "logs/other.txt", b"x");
    put(t.path(), "top.log", b"x");
    let r = walk_one(t.path(), &WalkOptions::default());
    assert_eq!(rels(&r, t.path()), vec![".gitignore"]);

    // Named file: always scanned.
    let file = t.path().join("logs/app.log");
    let r = walk(&[s(&file)], &WalkOptions::default());
    assert_eq!(r.inputs, vec![Input::path(&file)]);

    // Named directory: ignore files above it do not apply below it.
    let r = walk_one(&t.path().join("logs"), &WalkOptions::default());
    assert_eq!(rels(&r, &t.path().join("logs")), vec!["app.log", "other.txt"]);
}

#[test]
fn no_ignore_scans_everything() {
    let t = tempfile::tempdir().unwrap();
    git_init(t.path());
    put(t.path(), ".git/config", b"[core]");
    put(t.path(), ".gitignore", b"*.log\n");
    put(t.path(), ".ignore", b"*.bak\n");
    put(t.path(), "a.log", b"x");
    put(t.path(), "b.bak", b"x");
    let opts = WalkOptions { no_ignore: true, ..WalkOptions::default() };
    let r = walk_one(t.path(), &opts);
    assert_eq!(
        rels(&r, t.path()),
        vec![".git/config", ".gitignore", ".ignore", "a.log", "b.bak"]
    );
}

#[test]
fn globs_include_and_exclude() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), "a.log", b"x");
    put(t.path(), "b.txt", b"x");
    put(t.path(), "sub/c.log", b"x");
    put(t.path(), "sub/d.csv", b"x");

    let include =
        WalkOptions { globs: vec!["*.log".into()], ..WalkOptions::default() };
    let r = walk_one(t.path(), &include);
    assert_eq!(rels(&r, t.path()), vec!["a.log", "sub/c.log"]);

    let exclude =
        WalkOptions { globs: vec!["!*.log".into()], ..WalkOptions::default() };
    let r = walk_one(t.path(), &exclude);
    assert_eq!(rels(&r, t.path()), vec!["b.txt", "sub/d.csv"]);

    let both = WalkOptions {
        globs: vec!["sub/**".into(), "!*.csv".into()],
        ..WalkOptions::default()
    };
    let r = walk_one(t.path(), &both);
    assert_eq!(rels(&r, t.path()), vec!["sub/c.log"]);

    // A file named on the command line is not filtered by globs.
    let r = walk(&[s(&t.path().join("b.txt"))], &include);
    assert_eq!(r.inputs.len(), 1);
}

#[test]
fn include_glob_overrides_gitignore() {
    let t = tempfile::tempdir().unwrap();
    git_init(t.path());
    put(t.path(), ".gitignore", b"*.log\n");
    put(t.path(), "a.log", b"x");
    let opts =
        WalkOptions { globs: vec!["*.log".into()], ..WalkOptions::default() };
    let r = walk_one(t.path(), &opts);
    assert_eq!(rels(&r, t.path()), vec!["a.log"]);
}

#[test]
fn fifo_is_skipped_never_opened() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), "a.txt", b"x");
    let fifo = t.path().join("pipe");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    // Opening the FIFO for reading would block this test forever.
    let r = walk_one(t.path(), &WalkOptions::default());
    assert_eq!(rels(&r, t.path()), vec!["a.txt"]);
    assert_eq!(skipped(&r, Skip::Special), 1);

    let r = walk(&[s(&fifo)], &WalkOptions::default());
    assert!(r.inputs.is_empty());
    assert_eq!(skipped(&r, Skip::Special), 1);

    let err = open(&Input::path(&fifo), &OpenOptions::default()).unwrap_err();
    assert_eq!(err.skip(), Some(Skip::Special));
    assert_eq!(err.skip_reason(), Some("special_file"));
}

#[test]
fn symlinks_not_followed_by_default() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), "real/a.txt", b"x");
    symlink(t.path().join("real/a.txt"), t.path().join("link.txt")).unwrap();
    symlink(t.path().join("real"), t.path().join("linkdir")).unwrap();
    let r = walk_one(t.path(), &WalkOptions::default());
    assert_eq!(rels(&r, t.path()), vec!["real/a.txt"]);
    assert_eq!(skipped(&r, Skip::Symlink), 2);
}

#[test]
fn follow_stays_inside_the_root() {
    let outside = tempfile::tempdir().unwrap();
    put(outside.path(), "secret.txt", b"outside");
    put(outside.path(), "dir/more.txt", b"outside");
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("root");
    put(&root, "real/a.txt", b"x");
    symlink(root.join("real/a.txt"), root.join("link.txt")).unwrap();
    symlink("real", root.join("linkdir")).unwrap();
    symlink(outside.path().join("secret.txt"), root.join("out.txt")).unwrap();
    symlink(outside.path().join("dir"), root.join("outdir")).unwrap();
    symlink("..", root.join("up")).unwrap();
    symlink(".", root.join("self")).unwrap();

    let opts = WalkOptions { follow: true, ..WalkOptions::default() };
    let r = walk_one(&root, &opts);
    assert_eq!(
        rels(&r, &root),
        vec!["link.txt", "linkdir/a.txt", "real/a.txt"]
    );
    assert_eq!(skipped(&r, Skip::SymlinkOutOfRoot), 3, "{:?}", r.skipped);
    assert_eq!(skipped(&r, Skip::SymlinkLoop), 1, "{:?}", r.skipped);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}

#[test]
fn symlinked_root_is_walked_under_its_given_name() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), "real/a.txt", b"x");
    let link = t.path().join("named");
    symlink(t.path().join("real"), &link).unwrap();
    let r = walk(&[s(&link)], &WalkOptions::default());
    assert_eq!(r.inputs.len(), 1);
    assert_eq!(r.inputs[0].display, format!("{}/a.txt", s(&link)));
    let (data, _) = read_all(&r.inputs[0], &OpenOptions::default()).unwrap();
    assert_eq!(data, b"x");
}

#[test]
fn dangling_symlinks_are_errors_when_named_or_followed() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), "a.txt", b"x");
    let dangling = t.path().join("gone");
    symlink(t.path().join("nowhere"), &dangling).unwrap();

    let r = walk(&[s(&dangling)], &WalkOptions::default());
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].reason, "dangling symlink");
    assert_eq!(r.errors[0].path, s(&dangling));

    // Not following: just a symlink, skipped.
    let r = walk_one(t.path(), &WalkOptions::default());
    assert!(r.errors.is_empty());
    assert_eq!(skipped(&r, Skip::Symlink), 1);

    let opts = WalkOptions { follow: true, ..WalkOptions::default() };
    let r = walk_one(t.path(), &opts);
    assert_eq!(rels(&r, t.path()), vec!["a.txt"]);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(
        r.errors[0].to_string(),
        format!("{}: dangling symlink", s(&dangling))
    );
}

/// Whether permission bits are enforced for us (not when running as root).
fn permissions_enforced(p: &Path) -> bool {
    fs::File::open(p).is_err()
}

#[test]
fn unreadable_file_and_directory_are_errors_and_the_walk_goes_on() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), "a.txt", b"x");
    put(t.path(), "locked.txt", b"x");
    put(t.path(), "closed/inner.txt", b"x");
    let locked = t.path().join("locked.txt");
    let closed = t.path().join("closed");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o000)).unwrap();

    if permissions_enforced(&locked) {
        let err =
            open(&Input::path(&locked), &OpenOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{}: permission denied", s(&locked))
        );

        let r = walk_one(t.path(), &WalkOptions::default());
        assert!(rels(&r, t.path()).contains(&"a.txt".to_string()));
        assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
        assert_eq!(r.errors[0].path, s(&closed));
        assert_eq!(r.errors[0].reason, "permission denied");
    } else {
        // Running as root: permission bits are bypassed, so there is nothing
        // unreadable to observe. Still check the walk itself is unaffected.
        let r = walk_one(t.path(), &WalkOptions::default());
        assert_eq!(
            rels(&r, t.path()),
            vec!["a.txt", "closed/inner.txt", "locked.txt"]
        );
    }
    // A path that cannot exist is an error with the OS reason either way.
    let err = open(&file_input(t.path(), "a.txt/x"), &OpenOptions::default())
        .unwrap_err();
    assert_eq!(err.reason, "not a directory");
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn max_filesize_skips_and_counts() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), "small.txt", b"1234");
    put(t.path(), "big.txt", b"123456789");
    let opts = WalkOptions { max_filesize: Some(5), ..WalkOptions::default() };
    let r = walk_one(t.path(), &opts);
    assert_eq!(rels(&r, t.path()), vec!["small.txt"]);
    assert_eq!(skipped(&r, Skip::TooLarge), 1);
    let r = walk(&[s(&t.path().join("big.txt"))], &opts);
    assert!(r.inputs.is_empty());
    assert_eq!(skipped(&r, Skip::TooLarge), 1);
}

#[test]
fn walk_result_does_not_depend_on_threads() {
    let t = tempfile::tempdir().unwrap();
    for i in 0..60 {
        put(t.path(), &format!("d{}/f{i}.txt", i % 7), b"x");
    }
    let one = walk_one(
        t.path(),
        &WalkOptions { threads: 1, ..WalkOptions::default() },
    );
    let many = walk_one(
        t.path(),
        &WalkOptions { threads: 8, ..WalkOptions::default() },
    );
    assert_eq!(one, many);
    assert_eq!(one.inputs.len(), 60);
}

// ---------------------------------------------------------------- opening

#[test]
fn gzip_single_and_multi_member() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), "one.log.gz", &gzip(b"alice@example.com\n"));
    let mut multi = gzip(b"first member\n");
    multi.extend(gzip(b"second member\n"));
    put(t.path(), "multi.gz", &multi);
    let (data, outcome) =
        read_all(&file_input(t.path(), "one.log.gz"), &OpenOptions::default())
            .unwrap();
    assert_eq!(data, b"alice@example.com\n");
    assert_eq!(outcome, Outcome::Complete);
    let (data, _) =
        read_all(&file_input(t.path(), "multi.gz"), &OpenOptions::default())
            .unwrap();
    assert_eq!(data, b"first member\nsecond member\n");
}

#[test]
fn zstd_frames() {
    let t = tempfile::tempdir().unwrap();
    let mut two = zst(b"frame one\n");
    two.extend(zst(b"frame two\n"));
    put(t.path(), "a.zst", &two);
    put(t.path(), "no-extension", &zst(b"by magic\n"));
    let (data, outcome) =
        read_all(&file_input(t.path(), "a.zst"), &OpenOptions::default())
            .unwrap();
    assert_eq!(data, b"frame one\nframe two\n");
    assert_eq!(outcome, Outcome::Complete);
    let (data, _) = read_all(
        &file_input(t.path(), "no-extension"),
        &OpenOptions::default(),
    )
    .unwrap();
    assert_eq!(data, b"by magic\n");
}

#[test]
fn large_compressed_content_streams_across_chunks() {
    let t = tempfile::tempdir().unwrap();
    let line = b"2024-01-01 user=bob@example.org action=login\n";
    let text = line.repeat((CHUNK_SIZE * 2 + 1000) / line.len());
    put(t.path(), "big.gz", &gzip(&text));
    let input = file_input(t.path(), "big.gz");
    let Content::Stream(st) = open(&input, &OpenOptions::default()).unwrap()
    else {
        panic!("gzip should stream");
    };
    let chunks: Vec<OwnedChunk> =
        st.chunker().collect::<Result<_, _>>().unwrap();
    let ranges: Vec<_> = chunks
        .iter()
        .map(|c| c.offset as usize..c.offset as usize + c.body.len())
        .collect();
    assert_eq!(ranges, chunk_boundaries(&text));
    assert!(ranges.len() >= 2);
}

#[test]
fn truncated_archives_are_errors_naming_the_path() {
    let t = tempfile::tempdir().unwrap();
    let text: Vec<u8> = (0..20_000u32)
        .flat_map(|i| format!("line {i} carol@example.net\n").into_bytes())
        .collect();
    let full = gzip(&text);
    put(t.path(), "cut.gz", &full[..full.len() / 2]);
    let input = file_input(t.path(), "cut.gz");
    let err = read_all(&input, &OpenOptions::default()).unwrap_err();
    assert_eq!(err.path, input.display);
    assert!(err.reason.starts_with("corrupt gzip stream: "), "{}", err.reason);
    assert!(err
        .to_string()
        .starts_with(&format!("{}: corrupt gzip", input.display)));

    let full = zst(&text);
    put(t.path(), "cut.zst", &full[..full.len() / 2]);
    let input = file_input(t.path(), "cut.zst");
    let err = read_all(&input, &OpenOptions::default()).unwrap_err();
    assert!(err.reason.starts_with("corrupt zstd stream: "), "{}", err.reason);

    // Corrupt right at the start: the error comes from open itself.
    put(t.path(), "garbage.gz", b"\x1f\x8bnot really gzip at all");
    let err =
        open(&file_input(t.path(), "garbage.gz"), &OpenOptions::default())
            .unwrap_err();
    assert!(err.reason.starts_with("corrupt gzip stream: "), "{}", err.reason);
}

#[test]
fn zstd_window_over_the_limit_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let mut enc = zstd::stream::write::Encoder::new(Vec::new(), 1).unwrap();
    enc.window_log(30).unwrap();
    enc.long_distance_matching(true).unwrap();
    enc.write_all(&b"x".repeat(1000)).unwrap();
    put(t.path(), "wide.zst", &enc.finish().unwrap());
    let err =
        read_all(&file_input(t.path(), "wide.zst"), &OpenOptions::default())
            .unwrap_err();
    assert!(err.reason.starts_with("corrupt zstd stream: "), "{}", err.reason);
}

#[test]
fn decompressed_cap_gives_partial() {
    let t = tempfile::tempdir().unwrap();
    let text = b"0123456789\n".repeat(1000);
    put(t.path(), "a.gz", &gzip(&text));
    put(t.path(), "a.zst", &zst(&text));
    let opts = OpenOptions { max_decompressed: 100, ..OpenOptions::default() };
    for name in ["a.gz", "a.zst"] {
        let (data, outcome) =
            read_all(&file_input(t.path(), name), &opts).unwrap();
        assert_eq!(data, &text[..100], "{name}");
        assert_eq!(
            outcome,
            Outcome::Partial(
                "decompressed size cap of 100 bytes reached".into()
            ),
            "{name}"
        );
    }
    let (_, outcome) =
        read_all(&file_input(t.path(), "a.gz"), &OpenOptions::default())
            .unwrap();
    assert_eq!(outcome, Outcome::Complete);
}

#[test]
fn binary_content_is_skipped_unless_asked() {
    let t = tempfile::tempdir().unwrap();
    put(t.path(), "img.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    put(t.path(), "bin.zst", &zst(b"abc\0def"));
    for name in ["img.png", "bin.zst"] {
        let err = open(&file_input(t.path(), name), &OpenOptions::default())
            .unwrap_err();
        assert_eq!(err.skip(), Some(Skip::Binary), "{name}");
        let opts = OpenOptions { binary: true, ..OpenOptions::default() };
        assert!(read_all(&file_input(t.path(), name), &opts).is_ok());
    }
}

#[test]
fn mapped_and_read_content_agree() {
    let t = tempfile::tempdir().unwrap();
    let text = b"some line\n".repeat(500);
    put(t.path(), "a.txt", &text);
    let input = file_input(t.path(), "a.txt");
    let mapped = OpenOptions { mmap_threshold: 1, ..OpenOptions::default() };
    let Content::Whole(w) = open(&input, &mapped).unwrap() else { panic!() };
    assert!(w.is_mapped());
    assert_eq!(w.bytes(), &text[..]);
    let Content::Whole(r) = open(&input, &OpenOptions::default()).unwrap()
    else {
        panic!()
    };
    assert!(!r.is_mapped());
    assert_eq!(r.chunks(), w.chunks());
}

// ---------------------------------------------------------------- chunks

#[test]
fn long_line_without_newline_is_cut_at_twice_chunk_size() {
    let text = vec![b'a'; 2 * CHUNK_SIZE + CHUNK_SIZE / 2];
    let expected = vec![0..2 * CHUNK_SIZE, 2 * CHUNK_SIZE..text.len()];
    assert_eq!(chunk_boundaries(&text), expected);
    let streamed: Vec<_> = StreamChunker::new(&text[..])
        .map(|c| {
            let c = c.unwrap();
            c.offset as usize..c.offset as usize + c.body.len()
        })
        .collect();
    assert_eq!(streamed, expected);
}

/// A reader that hands out data in the given (cycled) read sizes, to shake
/// out any dependence of chunking on read sizes.
struct Jittery<'a> {
    data: &'a [u8],
    sizes: Vec<usize>,
    i: usize,
}

impl Read for Jittery<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let want = self.sizes[self.i % self.sizes.len()].max(1);
        self.i += 1;
        let n = want.min(out.len()).min(self.data.len());
        out[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fn content_strategy() -> impl Strategy<Value = Vec<u8>> {
    // Mostly text with newlines of varied density, some long runs.
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(b"abcxyz \t".to_vec()),
            2 => Just(b'\n'),
            1 => any::<u8>(),
        ],
        0..600,
    )
}

proptest! {
    #[test]
    fn stream_chunks_equal_whole_chunks(
        text in content_strategy(),
        cs in 1usize..70,
        sizes in prop::collection::vec(1usize..200, 1..8),
    ) {
        let whole: Vec<OwnedChunk> = whole_chunks_sized(&text, cs)
            .iter()
            .map(|c| c.to_owned_chunk())
            .collect();
        let reader = Jittery { data: &text, sizes, i: 0 };
        let streamed: Vec<OwnedChunk> = StreamChunker::with_chunk_size(reader, cs)
            .collect::<Result<_, _>>()
            .unwrap();
        prop_assert_eq!(&streamed, &whole);

        // Bodies tile the content; each ends at a newline, after a comma
        // that closes a field (`},` in a line too long for one chunk), at
        // 2*cs, or at EOF.
        let bounds = chunk_boundaries_sized(&text, cs);
        let mut p = 0;
        for r in &bounds {
            prop_assert_eq!(r.start, p);
            let len = r.end - r.start;
            prop_assert!(len <= 2 * cs);
            let ends_line = text[r.end - 1] == b'\n' && len > cs;
            let ends_field = len > cs
                && text[r.end - 1] == b','
                && matches!(text[r.end - 2], b'"' | b'}' | b']');
            prop_assert!(
                ends_line || ends_field || len == 2 * cs || r.end == text.len()
            );
            p = r.end;
        }
        prop_assert_eq!(p, text.len());
    }

    #[test]
    fn line_counter_matches_naive_count(
        text in content_strategy(),
        cs in 1usize..50,
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..40),
    ) {
        let naive = |off: usize| {
            let before = &text[..off];
            let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            (
                before.iter().filter(|&&b| b == b'\n').count() as u64 + 1,
                (off - start) as u64 + 1,
            )
        };
        let mut offsets: Vec<usize> = picks.iter().map(|i| i.index(text.len() + 1)).collect();
        offsets.sort_unstable();

        // Whole content.
        let mut lc = LineCounter::new();
        for &off in &offsets {
            prop_assert_eq!(lc.locate(&text, 0, off as u64), naive(off));
        }

        // Chunk by chunk, as the scanner feeds it.
        let mut lc = LineCounter::new();
        let chunks = whole_chunks_sized(&text, cs);
        let mut next = offsets.iter().peekable();
        for c in &chunks {
            while let Some(&&off) = next.peek() {
                if off as u64 >= c.end_offset() {
                    break;
                }
                prop_assert_eq!(lc.locate_in(c, off as u64), naive(off));
                next.next();
            }
            lc.finish_chunk(c);
        }
        prop_assert_eq!(lc.position(), text.len() as u64);
    }
}
