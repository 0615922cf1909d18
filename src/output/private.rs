//! Report files: redaction reports, subject receipts, export files and
//! their index; the one place that creates them. Each is created `0600`
//! through the one atomic writer ([`crate::redact::AtomicFile`]), so it is
//! never written through a symlink (a symlink at the path is replaced,
//! not followed) and never seen half-written.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::redact::AtomicFile;
use crate::sanitize::for_terminal;

/// A private report file being written: readable by its owner only, in
/// place (replacing whatever was at the path) only at [`PrivateFile::commit`].
pub struct PrivateFile {
    file: AtomicFile,
}

impl PrivateFile {
    /// Start the report at `path`. Errors name the path.
    pub fn create(path: &Path) -> Result<PrivateFile, String> {
        let file =
            AtomicFile::create(path, 0o600).map_err(|e| e.to_string())?;
        Ok(PrivateFile { file })
    }

    /// A buffered writer to the new content (drop it before committing).
    pub fn writer(&self) -> Result<BufWriter<File>, String> {
        let handle =
            self.file.file().try_clone().map_err(|e| self.reason(&e))?;
        Ok(BufWriter::new(handle))
    }

    /// The path the report goes to.
    pub fn target(&self) -> &Path {
        self.file.target()
    }

    /// `path: reason` for an I/O error on this report.
    pub fn reason(&self, e: &std::io::Error) -> String {
        format!(
            "{}: {}",
            for_terminal(&self.target().to_string_lossy()),
            crate::input::io_reason(e)
        )
    }

    /// Make the report durable and put it in place.
    pub fn commit(self) -> Result<(), String> {
        self.file.commit(None).map_err(|e| e.to_string())
    }
}

/// Write `bytes` to `path` as a private (`0600`) file, atomically.
/// Errors name the path.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let file = PrivateFile::create(path)?;
    let mut out = file.writer()?;
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| file.reason(&e))?;
    drop(out);
    file.commit()
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
