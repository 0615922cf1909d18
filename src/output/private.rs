//! Report files: receipts, export files and their index. Each is created
//! `0600` through the one atomic writer ([`crate::redact::AtomicFile`]),
//! so it is never written through a symlink (a symlink at the path is
//! replaced, not followed) and never seen half-written.

use std::io::Write;
use std::path::Path;

use crate::redact::AtomicFile;
use crate::sanitize::for_terminal;

/// Write `bytes` to `path` as a private (`0600`) file, atomically.
/// Errors name the path.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = for_terminal(&path.to_string_lossy()).into_owned();
    let file = AtomicFile::create(path, 0o600).map_err(|e| e.to_string())?;
    let mut handle = file.file();
    handle
        .write_all(bytes)
        .and_then(|_| handle.flush())
        .map_err(|e| format!("{shown}: {}", crate::input::io_reason(&e)))?;
    file.commit(None).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn private_files_are_0600_and_replace_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, b"keep").unwrap();
        let link = dir.path().join("r.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_private(&link, b"{}").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(meta.is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }
}
