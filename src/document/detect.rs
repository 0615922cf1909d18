//! Which kind of document an input or member is: by magic bytes first,
//! by extension where a format has no magic (email) or to give a clear
//! error for a damaged file (`x.zip` that is not a zip).
//!
//! A gzip or zstd stream is a tar only when its name says so (`.tar.gz`,
//! `.tgz`, `.tar.zst`, `.tzst`) and its decompressed start has the tar
//! magic: every other `.gz` stays a log stream, read as before.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::input::Compression;

/// A document or container kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A zip archive (also `.docx`, `.xlsx`, `.pptx`, `.odt`, `.ods`).
    Zip,
    /// A tar archive, possibly compressed.
    Tar(Compression),
    /// One RFC 5322 message (`.eml`).
    Email,
    /// A mailbox of messages separated by `From ` lines (`.mbox`).
    Mbox,
    /// A PDF document.
    Pdf,
}

const ZIP_MAGIC: &[&[u8]] = &[b"PK\x03\x04", b"PK\x05\x06"];
const TAR_MAGIC_AT: usize = 257;
const ZIP_NAMES: &[&str] = &[
    ".zip", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".docm",
    ".xlsm", ".pptm",
];
/// Bytes read to decide.
pub const HEAD_LEN: usize = 512;

fn lower_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\', super::SEP]).next().unwrap_or(name);
    base.to_ascii_lowercase()
}

fn is_tar_head(head: &[u8]) -> bool {
    head.len() >= TAR_MAGIC_AT + 5
        && &head[TAR_MAGIC_AT..TAR_MAGIC_AT + 5] == b"ustar"
}

fn tar_name(lower: &str, c: Compression) -> bool {
    match c {
        Compression::None => lower.ends_with(".tar"),
        Compression::Gzip => {
            lower.ends_with(".tar.gz") || lower.ends_with(".tgz")
        }
        Compression::Zstd => {
            lower.ends_with(".tar.zst")
                || lower.ends_with(".tzst")
                || lower.ends_with(".tar.zstd")
        }
    }
}

/// Kind of content named `name` starting with `head` (at least
/// [`HEAD_LEN`] bytes when there are that many), for content that is not
/// compressed or whose decompressed head is given as `inner_head`.
pub fn detect(
    name: &str,
    head: &[u8],
    inner_head: Option<&[u8]>,
) -> Option<Kind> {
    let lower = lower_name(name);
    if ZIP_MAGIC.iter().any(|m| head.starts_with(m)) {
        return Some(Kind::Zip);
    }
    if head.starts_with(b"%PDF-") {
        return Some(Kind::Pdf);
    }
    if is_tar_head(head) {
        return Some(Kind::Tar(Compression::None));
    }
    let compression = Compression::sniff(head);
    if compression != Compression::None {
        if tar_name(&lower, compression) && inner_head.is_some_and(is_tar_head)
        {
            return Some(Kind::Tar(compression));
        }
        return None;
    }
    if ZIP_NAMES.iter().any(|ext| lower.ends_with(ext)) {
        // Named like a zip without the magic: expanding reports it as a
        // damaged archive rather than scanning garbage as text.
        return Some(Kind::Zip);
    }
    if lower.ends_with(".pdf") {
        return Some(Kind::Pdf);
    }
    if lower.ends_with(".tar") {
        return Some(Kind::Tar(Compression::None));
    }
    if lower.ends_with(".eml") {
        return Some(Kind::Email);
    }
    if lower.ends_with(".mbox") || lower == "mbox" {
        return Some(Kind::Mbox);
    }
    None
}

/// Whether a file name says document or container.
pub fn named(name: &str) -> bool {
    let lower = lower_name(name);
    ZIP_NAMES.iter().any(|ext| lower.ends_with(ext))
        || [Compression::None, Compression::Gzip, Compression::Zstd]
            .into_iter()
            .any(|c| tar_name(&lower, c))
        || [".pdf", ".eml", ".mbox"].iter().any(|e| lower.ends_with(e))
        || lower == "mbox"
}

/// Kind of the file at `path`, reading its first bytes (and, for a
/// compressed file named like a tar, its first decompressed bytes).
pub fn detect_path(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let mut file = File::open(path).ok()?;
    let mut head = Vec::with_capacity(HEAD_LEN);
    (&mut file).take(HEAD_LEN as u64).read_to_end(&mut head).ok()?;
    let compression = Compression::sniff(&head);
    let inner = if compression != Compression::None
        && tar_name(&name.to_ascii_lowercase(), compression)
    {
        let file = File::open(path).ok()?;
        inner_head(Box::new(file), compression)
    } else {
        None
    };
    detect(&name, &head, inner.as_deref())
}

/// First [`HEAD_LEN`] decompressed bytes of a compressed member.
pub fn detect_member(name: &str, bytes: &[u8]) -> Option<Kind> {
    let compression = Compression::sniff(bytes);
    let inner = if compression != Compression::None
        && tar_name(&lower_name(name), compression)
    {
        inner_head(Box::new(std::io::Cursor::new(bytes.to_vec())), compression)
    } else {
        None
    };
    detect(name, &bytes[..bytes.len().min(HEAD_LEN)], inner.as_deref())
}

fn inner_head(
    raw: Box<dyn Read + Send>,
    compression: Compression,
) -> Option<Vec<u8>> {
    let mut dec = super::container::decoder(raw, compression).ok()?;
    let mut head = Vec::with_capacity(HEAD_LEN);
    (&mut dec).take(HEAD_LEN as u64).read_to_end(&mut head).ok()?;
    Some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_magic_then_name() {
        assert_eq!(detect("x.bin", b"PK\x03\x04rest", None), Some(Kind::Zip));
        assert_eq!(detect("a.docx", b"garbage", None), Some(Kind::Zip));
        assert_eq!(detect("r.pdf", b"%PDF-1.4", None), Some(Kind::Pdf));
        assert_eq!(detect("m.eml", b"From: a", None), Some(Kind::Email));
        assert_eq!(detect("in.MBOX", b"From x", None), Some(Kind::Mbox));
        assert_eq!(detect("app.log", b"hello", None), None);
        let mut tar = vec![0u8; 512];
        tar[257..262].copy_from_slice(b"ustar");
        assert_eq!(
            detect("x", &tar, None),
            Some(Kind::Tar(Compression::None))
        );
    }

    #[test]
    fn gzip_is_a_tar_only_by_name_and_content() {
        let gz = [0x1f, 0x8b, 8, 0];
        let mut tar = vec![0u8; 512];
        tar[257..262].copy_from_slice(b"ustar");
        assert_eq!(
            detect("a.tar.gz", &gz, Some(&tar)),
            Some(Kind::Tar(Compression::Gzip))
        );
        assert_eq!(detect("a.log.gz", &gz, Some(&tar)), None);
        assert_eq!(detect("a.tgz", &gz, Some(b"plain text")), None);
    }
}
