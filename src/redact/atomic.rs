//! The one writer that replaces files (DESIGN.md invariant): redaction,
//! and later erasure and correction, all go through it.
//!
//! A replacement is written to a temporary file in the target's own
//! directory (named `.piiscan-tmp-*`, created `0600`), flushed and
//! fsynced, given the original's mode (and owner and group: a copy that
//! cannot keep them is refused, so a file never silently changes hands),
//! and renamed over the target; then the directory is fsynced. A reader,
//! or a crash at any instant, sees either the whole original or the whole
//! new content, never a mix. Dropping an [`AtomicFile`] without
//! [`AtomicFile::commit`] deletes the temporary file, so every error path
//! cleans up after itself; so does an interrupted run (SIGINT, SIGTERM,
//! SIGHUP: [`clean_up_on_signal`] deletes the temporary files then in
//! flight). Only SIGKILL or a power cut can leave a `.piiscan-tmp-*` file
//! behind, and never in place of a target.
//!
//! What it refuses, before writing anything: symbolic links (never
//! followed), anything but a regular file, files with several hard links
//! (renaming would split them) unless allowed, read-only files, and, at
//! commit, a target that changed (device, inode, size or modification
//! time) since it was inspected.
//!
//! It never writes through a symlink, never writes outside the target's
//! directory, and never leaves a partial target.

use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File, Permissions};
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::NamedTempFile;

use crate::input::io_reason;

/// Name prefix of the temporary files: walkers skip files named so.
pub const TEMP_PREFIX: &str = ".piiscan-tmp-";

/// Whether `path` names one of our temporary files.
pub fn is_temp_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(TEMP_PREFIX))
}

/// Why a file was not replaced. The target is untouched in every case
/// except [`ErrorKind::Io`] with action `sync_dir` (the rename happened,
/// its durability is in doubt).
#[derive(Debug)]
pub struct Error {
    path: PathBuf,
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The path is a symbolic link: never followed.
    Symlink,
    /// Not a regular file.
    NotRegular,
    /// The file has this many hard links; renaming would split them.
    HardLinks(u64),
    /// The file is not writable.
    ReadOnly,
    /// The file changed since it was inspected.
    Changed,
    /// The file is gone.
    Vanished,
    /// An operation failed; `action` says which, in words.
    Io {
        /// What was being done ("cannot create a temporary file beside it").
        action: &'static str,
        /// The OS error.
        source: io::Error,
    },
}

impl Error {
    fn new(path: &Path, kind: ErrorKind) -> Error {
        Error { path: path.to_path_buf(), kind }
    }

    fn io(path: &Path, action: &'static str, source: io::Error) -> Error {
        Error::new(path, ErrorKind::Io { action, source })
    }

    /// The file the error is about.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The reason alone, without the path (lowercase, no value in it).
    pub fn reason(&self) -> String {
        match &self.kind {
            ErrorKind::Symlink => {
                "is a symbolic link; not followed (name its target)".into()
            }
            ErrorKind::NotRegular => "not a regular file".into(),
            ErrorKind::HardLinks(n) => format!(
                "has {n} hard links; replacing it would split them (--force \
                 allows it)"
            ),
            ErrorKind::ReadOnly => "read-only file; left unchanged".into(),
            ErrorKind::Changed => "changed while it was being redacted (size \
                 or modification time differ); left as it is"
                .into(),
            ErrorKind::Vanished => {
                "vanished while it was being redacted; nothing written".into()
            }
            ErrorKind::Io { action, source } => {
                format!("{action}: {}", io_reason(source))
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            crate::sanitize::for_terminal(&self.path.to_string_lossy()),
            self.reason()
        )
    }
}

impl std::error::Error for Error {}

/// What may be replaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policy {
    /// Replace files with several hard links (the others keep the old
    /// content).
    pub allow_hard_links: bool,
}

/// A file as inspected before reading it: replacing it later checks that
/// it is still the same.
#[derive(Debug, Clone)]
pub struct Original {
    path: PathBuf,
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    mode: u32,
    uid: u32,
    gid: u32,
}

impl Original {
    /// Inspect `path` (without following a symlink) and refuse what may
    /// not be replaced under `policy`. Call this *before* reading the
    /// content, so a change made while reading is caught at commit.
    pub fn inspect(path: &Path, policy: Policy) -> Result<Original, Error> {
        let meta = fs::symlink_metadata(path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                Error::new(path, ErrorKind::Vanished)
            } else {
                Error::io(path, "cannot read its metadata", e)
            }
        })?;
        let ft = meta.file_type();
        if ft.is_symlink() {
            return Err(Error::new(path, ErrorKind::Symlink));
        }
        if !ft.is_file() {
            return Err(Error::new(path, ErrorKind::NotRegular));
        }
        if meta.nlink() > 1 && !policy.allow_hard_links {
            return Err(Error::new(path, ErrorKind::HardLinks(meta.nlink())));
        }
        if meta.permissions().readonly() {
            return Err(Error::new(path, ErrorKind::ReadOnly));
        }
        Ok(Original {
            path: path.to_path_buf(),
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            mode: meta.mode(),
            uid: meta.uid(),
            gid: meta.gid(),
        })
    }

    /// The inspected path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Permission bits (and file type bits) at inspection.
    pub fn mode(&self) -> u32 {
        self.mode
    }

    /// Size in bytes at inspection.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file was empty at inspection.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Fails unless the path still holds the inspected file, unchanged.
    pub fn check_unchanged(&self) -> Result<(), Error> {
        let now = fs::symlink_metadata(&self.path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                Error::new(&self.path, ErrorKind::Vanished)
            } else {
                Error::io(&self.path, "cannot read its metadata", e)
            }
        })?;
        let same = now.file_type().is_file()
            && now.dev() == self.dev
            && now.ino() == self.ino
            && now.len() == self.len
            && (now.mtime(), now.mtime_nsec()) == self.mtime;
        if same {
            Ok(())
        } else {
            Err(Error::new(&self.path, ErrorKind::Changed))
        }
    }
}

/// A replacement being written: write through [`AtomicFile::file`], then
/// [`AtomicFile::commit`]; drop it to discard.
#[derive(Debug)]
pub struct AtomicFile {
    /// Declared first: dropped (unregistered) before the file is deleted.
    _live: Live,
    temp: NamedTempFile,
    target: PathBuf,
    original: Option<Original>,
    mode: u32,
}

impl AtomicFile {
    /// Start replacing `original`: checks it is writable and creates the
    /// temporary file beside it.
    pub fn replace(original: &Original) -> Result<AtomicFile, Error> {
        let path = original.path();
        // The real permission check (owner, groups, ACLs, root): opening
        // for writing changes nothing (no truncation).
        if let Err(e) = fs::OpenOptions::new().write(true).open(path) {
            return Err(match e.kind() {
                io::ErrorKind::PermissionDenied => {
                    Error::new(path, ErrorKind::ReadOnly)
                }
                io::ErrorKind::NotFound => {
                    Error::new(path, ErrorKind::Vanished)
                }
                _ => Error::io(path, "cannot open it for writing", e),
            });
        }
        let (temp, _live) = temp_beside(path)?;
        Ok(AtomicFile {
            _live,
            temp,
            target: path.to_path_buf(),
            original: Some(original.clone()),
            mode: original.mode() & 0o7777,
        })
    }

    /// Start creating `path` (replacing whatever is there, without
    /// following a symlink) with permission bits `mode`. The directory
    /// must exist.
    pub fn create(path: &Path, mode: u32) -> Result<AtomicFile, Error> {
        let (temp, _live) = temp_beside(path)?;
        Ok(AtomicFile {
            _live,
            temp,
            target: path.to_path_buf(),
            original: None,
            mode: mode & 0o7777,
        })
    }

    /// The temporary file to write the new content to.
    pub fn file(&self) -> &File {
        self.temp.as_file()
    }

    /// The path that will be replaced.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Make the new content durable and put it in place: mode and owner,
    /// fsync, check the original is unchanged, keep a `backup` (a hard
    /// link to the original, or a copy where links are not supported),
    /// rename, fsync the directory. On error the target is untouched and
    /// the temporary file is deleted.
    pub fn commit(self, backup: Option<&Path>) -> Result<(), Error> {
        let target = self.target.as_path();
        let file = self.temp.as_file();
        if let Some(o) = &self.original {
            let meta = file.metadata().map_err(|e| {
                Error::io(target, "cannot read the new copy", e)
            })?;
            if meta.uid() != o.uid || meta.gid() != o.gid {
                std::os::unix::fs::fchown(file, Some(o.uid), Some(o.gid))
                    .map_err(|e| {
                        Error::io(target, "cannot keep its owner and group", e)
                    })?;
            }
        }
        // After chown, which may clear set-id bits.
        file.set_permissions(Permissions::from_mode(self.mode)).map_err(
            |e| Error::io(target, "cannot keep its permissions", e),
        )?;
        file.sync_all()
            .map_err(|e| Error::io(target, "cannot flush the new copy", e))?;
        if let Some(o) = &self.original {
            o.check_unchanged()?;
        }
        if let Some(b) = backup {
            keep_backup(target, b, self.mode)?;
        }
        self.temp.persist(target).map_err(|e| {
            Error::io(target, "cannot move the new copy into place", e.error)
        })?;
        sync_dir(target)
    }
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Temporary files being written, deleted by [`clean_up_on_signal`].
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file's entry in [`LIVE`], removed when dropped.
#[derive(Debug)]
struct Live(PathBuf);

impl Drop for Live {
    fn drop(&mut self) {
        let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = live.iter().position(|p| *p == self.0) {
            live.swap_remove(i);
        }
    }
}

/// On SIGINT, SIGTERM or SIGHUP: delete every temporary file being
/// written, then exit with 128 + the signal number. Targets are never
/// touched (a rename already done stays done). Call once, early; without
/// it an interrupted run leaves its temporary files behind.
pub fn clean_up_on_signal() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until exit: no temporary file is created after this.
            let live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
            for path in live.iter() {
                let _ = fs::remove_file(path);
            }
            std::process::exit(128 + signal);
        }
    })?;
    Ok(())
}

fn temp_beside(path: &Path) -> Result<(NamedTempFile, Live), Error> {
    // Created and registered under the lock, so a signal never finds a
    // file that is not registered yet.
    let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    let temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(parent_of(path))
        .map_err(|e| {
            // tempfile wraps the OS error with the temporary path (and
            // hides its code); say only what kind of failure it was.
            let plain = match e.kind() {
                io::ErrorKind::Other => e,
                kind => io::Error::from(kind),
            };
            Error::io(path, "cannot create a temporary file beside it", plain)
        })?;
    let entry = Live(temp.path().to_path_buf());
    live.push(entry.0.clone());
    Ok((temp, entry))
}

fn sync_dir(path: &Path) -> Result<(), Error> {
    File::open(parent_of(path))
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(path, "cannot sync its directory", e))
}

/// Keep the current content of `target` at `backup`: a hard link (no copy,
/// same inode), or a copy put in place atomically.
fn keep_backup(target: &Path, backup: &Path, mode: u32) -> Result<(), Error> {
    let fail = |e| Error::io(target, "cannot keep a backup", e);
    match fs::hard_link(target, backup) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            if fs::symlink_metadata(backup).is_ok_and(|m| m.is_dir()) {
                return Err(fail(io::Error::other(format!(
                    "{} is a directory",
                    backup.display()
                ))));
            }
            // Link beside it, then rename over the old backup: the old
            // one stays until the new one is complete.
            let mut name: OsString = TEMP_PREFIX.into();
            name.push("backup-");
            name.push(backup.file_name().unwrap_or_default());
            let staging = parent_of(backup).join(name);
            let _ = fs::remove_file(&staging);
            if fs::hard_link(target, &staging).is_ok() {
                return fs::rename(&staging, backup).map_err(|e| {
                    let _ = fs::remove_file(&staging);
                    fail(e)
                });
            }
        }
        Err(_) => {}
    }
    // No hard links here: copy.
    let (mut temp, _live) = temp_beside(backup)?;
    let mut src = File::open(target).map_err(fail)?;
    io::copy(&mut src, temp.as_file_mut()).map_err(fail)?;
    temp.as_file()
        .set_permissions(Permissions::from_mode(mode))
        .and_then(|_| temp.as_file().sync_all())
        .map_err(fail)?;
    temp.persist(backup).map_err(|e| fail(e.error))?;
    Ok(())
}
