//! Faults during `piiscan redact --in-place`: the process killed at any
//! point (guarantee 4), the disk filling up, a directory without write
//! permission, a file changing or vanishing between read and rename
//! (guarantee 5). In every case each file is exactly its original or
//! fully redacted, errors name the file, and no temporary file is left
//! behind by a run that ends (SIGKILL can leave one: it is never in place
//! of a target, and later runs skip it).

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use piiscan::redact::atomic::ErrorKind;
use piiscan::redact::{AtomicFile, Original, Policy};
use tempfile::TempDir;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("piiscan")
}

fn line(i: usize) -> String {
    format!(
        "2024-03-01T12:00:{:02}Z user=user{i}@acme-mail.com ip=10.{}.{}.{} took {} ms ssn 536-22-{} ok\n",
        i % 60,
        i % 250,
        (i / 250) % 250,
        i % 200 + 1,
        i * 7,
        i % 9000 + 1000
    )
}

fn lines(range: std::ops::Range<usize>) -> String {
    range.map(line).collect()
}

fn temps(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().starts_with(".piiscan-tmp-") {
            out.push(e.path());
        }
    }
    out
}

/// Interrupted (Ctrl-C, `kill`, a closed terminal) in the middle of a
/// large in-place run: the temporary file being written is deleted, the
/// file is left original, and the exit code is 128 + the signal.
#[test]
fn an_interrupted_run_deletes_its_temporary_files() {
    let dir = TempDir::new().unwrap();
    let original = lines(0..400_000);
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let big = dir.path().join("big.log");
        fs::write(&big, &original).unwrap();
        let mut child = Command::new(bin())
            .args(["redact", "--in-place", "-j", "1"])
            .arg(&big)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the replacement is being written.
        let mut waited = 0;
        while temps(dir.path()).is_empty() && waited < 30_000 {
            std::thread::sleep(Duration::from_millis(5));
            waited += 5;
        }
        assert!(!temps(dir.path()).is_empty(), "no temporary file seen");
        // SAFETY: plain kill(2) on our own child's pid.
        let sent = unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        assert_eq!(sent, 0);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(128 + signal), "{signal}");
        assert_eq!(temps(dir.path()), Vec::<PathBuf>::new());
        assert!(fs::read_to_string(&big).unwrap() == original);
    }
}

/// Guarantee 4: SIGKILL at several points of a large in-place run leaves
/// every file either exactly original or exactly fully redacted.
#[test]
fn sigkill_leaves_every_file_original_or_fully_redacted() {
    let dir = TempDir::new().unwrap();
    let src = dir.path().join("src");
    fs::create_dir(&src).unwrap();
    fs::write(src.join("big.log"), lines(0..300_000)).unwrap();
    for f in 0..16 {
        fs::write(
            src.join(format!("f{f:02}.log")),
            lines(f * 1000..f * 1000 + 6000),
        )
        .unwrap();
    }
    let expected_dir = dir.path().join("expected");
    let status = Command::new(bin())
        .arg("redact")
        .arg(&src)
        .arg("-o")
        .arg(&expected_dir)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let names: Vec<String> = fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();

    let mut killed_mid_run = 0;
    let mut saw_both = false;
    for (round, delay_ms) in
        [50u64, 250, 700, 1200, 2000].into_iter().enumerate()
    {
        let work = dir.path().join(format!("work{round}"));
        fs::create_dir(&work).unwrap();
        for n in &names {
            fs::copy(src.join(n), work.join(n)).unwrap();
        }
        let mut child = Command::new(bin())
            .args(["redact", "--in-place", "-j", "2"])
            .arg(&work)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let (mut original, mut redacted) = (0, 0);
        for n in &names {
            let got = fs::read(work.join(n)).unwrap();
            if got == fs::read(src.join(n)).unwrap() {
                original += 1;
            } else if got == fs::read(expected_dir.join(n)).unwrap() {
                redacted += 1;
            } else {
                panic!(
                    "{n} is neither original nor fully redacted after SIGKILL"
                );
            }
        }
        saw_both |= original > 0 && redacted > 0;
        // Anything left over is one of our temporary files, beside the
        // targets; a normal run then skips it and finishes the job.
        let leftovers = temps(&work);
        let out = Command::new(bin())
            .args(["redact", "--in-place"])
            .arg(&work)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for n in &names {
            assert_eq!(
                fs::read(work.join(n)).unwrap(),
                fs::read(expected_dir.join(n)).unwrap(),
                "{n} after the second run"
            );
        }
        assert_eq!(
            temps(&work),
            leftovers,
            "a normal run left temporary files"
        );
        if !leftovers.is_empty() {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("leftover_temporary_file"), "{err}");
        }
    }
    assert!(killed_mid_run >= 3, "the runs finished before the kill");
    assert!(saw_both, "no kill landed between two files");
}

/// Guarantee 5, disk full: a file-size limit (RLIMIT_FSIZE, with SIGXFSZ
/// ignored so writes fail with EFBIG) makes the large file fail with a
/// clear error; it stays as it was, the small one is still redacted, the
/// run exits 2 and leaves no temporary file.
#[test]
fn disk_full_fails_that_file_only() {
    let dir = TempDir::new().unwrap();
    let big = dir.path().join("big.log");
    let small = dir.path().join("small.log");
    let big_text = lines(0..40_000); // ~4 MiB
    fs::write(&big, &big_text).unwrap();
    fs::write(&small, lines(0..10)).unwrap();
    let mut cmd = Command::new(bin());
    cmd.args(["redact", "--in-place"]).arg(dir.path());
    // SAFETY: between fork and exec only async-signal-safe calls are made
    // (signal and setrlimit), with no allocation.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit { rlim_cur: 1 << 20, rlim_max: 1 << 20 };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let want = format!(
        "piiscan: {}: cannot write the redacted copy: file too large",
        big.display()
    );
    assert!(err.lines().any(|l| l == want), "no {want:?} in:\n{err}");
    assert!(!err.contains("acme-mail.com"), "{err}");
    assert_eq!(fs::read_to_string(&big).unwrap(), big_text);
    assert!(fs::read_to_string(&small).unwrap().contains("user=[EMAIL]"));
    assert!(temps(dir.path()).is_empty(), "{:?}", temps(dir.path()));
}

/// Guarantee 5, permission denied: a directory without write permission.
/// Root may write anywhere, so as root the child drops to `nobody`.
#[test]
fn read_only_directory_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let t = dir.path().join("t");
    fs::create_dir(&t).unwrap();
    let a = t.join("a.log");
    let text = lines(0..5);
    fs::write(&a, &text).unwrap();
    fs::set_permissions(&a, fs::Permissions::from_mode(0o666)).unwrap();
    fs::set_permissions(&t, fs::Permissions::from_mode(0o555)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755))
        .unwrap();
    // A copy the unprivileged user can run wherever the build tree is
    // (a checkout under a 0700 directory is not theirs to enter).
    let exe = dir.path().join("piiscan");
    fs::copy(bin(), &exe).unwrap();
    fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = Command::new(&exe);
    cmd.args(["redact", "--in-place"]).arg(&a);
    // SAFETY: geteuid is async-signal-safe; the credential calls happen in
    // the child between fork and exec and allocate nothing.
    if unsafe { libc::geteuid() } == 0 {
        unsafe {
            cmd.pre_exec(|| {
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(65534) != 0
                    || libc::setuid(65534) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let want = format!(
        "piiscan: {}: cannot create a temporary file beside it: permission denied",
        a.display()
    );
    assert!(err.lines().any(|l| l == want), "no {want:?} in:\n{err}");
    assert_eq!(fs::read_to_string(&a).unwrap(), text);
    fs::set_permissions(&t, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(temps(&t).is_empty());
}

/// A file changed between read and rename is refused and left as the
/// other writer left it; the temporary copy is removed.
#[test]
fn a_file_changed_before_the_rename_is_left_alone() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.log");
    fs::write(&path, "old content\n").unwrap();
    let original = Original::inspect(&path, Policy::default()).unwrap();
    let atomic = AtomicFile::replace(&original).unwrap();
    atomic.file().write_all(b"new content\n").unwrap();
    assert_eq!(temps(dir.path()).len(), 1);
    // Someone appends meanwhile.
    fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"more\n")
        .unwrap();
    let err = atomic.commit(None).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Changed), "{err}");
    assert!(err.to_string().ends_with("changed while it was being redacted (size or modification time differ); left as it is"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "old content\nmore\n");
    assert!(temps(dir.path()).is_empty());

    // Same size, new mtime: still a change.
    let original = Original::inspect(&path, Policy::default()).unwrap();
    let atomic = AtomicFile::replace(&original).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    fs::write(&path, "OLD CONTENT\nMORE\n").unwrap();
    assert!(matches!(
        atomic.commit(None).unwrap_err().kind(),
        ErrorKind::Changed
    ));
    assert!(temps(dir.path()).is_empty());
}

/// A path that vanished before writing or before the rename: nothing is
/// written, nothing is left.
#[test]
fn a_vanished_file_is_reported_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.log");
    fs::write(&path, "x\n").unwrap();
    let original = Original::inspect(&path, Policy::default()).unwrap();
    fs::remove_file(&path).unwrap();
    let err = AtomicFile::replace(&original).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Vanished), "{err}");

    fs::write(&path, "x\n").unwrap();
    let original = Original::inspect(&path, Policy::default()).unwrap();
    let atomic = AtomicFile::replace(&original).unwrap();
    fs::remove_file(&path).unwrap();
    assert!(matches!(
        atomic.commit(None).unwrap_err().kind(),
        ErrorKind::Vanished
    ));
    assert!(!path.exists());
    assert!(temps(dir.path()).is_empty());
    assert!(matches!(
        Original::inspect(&path, Policy::default()).unwrap_err().kind(),
        ErrorKind::Vanished
    ));
}

/// The stream mode holds a bounded amount whatever the input size.
#[test]
fn stream_memory_is_bounded() {
    let mut child = Command::new(bin())
        .arg("redact")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let drain = std::thread::spawn(move || {
        std::io::copy(&mut stdout, &mut std::io::sink()).unwrap()
    });
    let block = lines(0..2000); // ~200 KiB
    let mut sent = 0;
    let mut peak_kib = 0u64;
    while sent < 160 << 20 {
        stdin.write_all(block.as_bytes()).unwrap();
        sent += block.len();
        if let Ok(status) = fs::read_to_string(format!("/proc/{pid}/status")) {
            for l in status.lines() {
                if let Some(v) = l.strip_prefix("VmHWM:") {
                    peak_kib = v
                        .trim()
                        .trim_end_matches(" kB")
                        .trim()
                        .parse()
                        .unwrap_or(0);
                }
            }
        }
    }
    drop(stdin);
    let written = drain.join().unwrap();
    assert!(child.wait().unwrap().success());
    assert!(written > (100 << 20));
    assert!(
        peak_kib < 96 << 10,
        "peak RSS {peak_kib} KiB for a 160 MiB stream"
    );
}
