//! Zip and tar archives (tar plain, gzip or zstd): every member is read
//! under the caps of [`super::limits`] and handed on as if it were a file
//! (a large plain-text tar member, such as a log, is handed on as a
//! stream and never held whole):
//! a document or archive is expanded again (one level deeper), a gzip or
//! zstd member is decompressed, anything else is text (or skipped as
//! binary).

use std::fs::File;
use std::io::{self, BufReader, Cursor, Read, Seek};
use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use super::detect::{self, Kind};
use super::limits::{Budget, Counting, RatioGuard, RATIO_ERROR};
use super::office;
use super::{
    email, name, Cells, Item, Member, Note, NoteKind, Options, StreamMember,
};
use crate::input::{io_reason, Compression, BINARY_SNIFF_LEN};

/// Expansion state for one input: caps left and where items go.
pub struct Ctx<'a> {
    opts: &'a Options,
    budget: Budget,
    visit: &'a mut dyn FnMut(Item<'_>) -> bool,
    stopped: bool,
}

impl<'a> Ctx<'a> {
    /// Fresh caps for one input.
    pub fn new(
        opts: &'a Options,
        visit: &'a mut dyn FnMut(Item<'_>) -> bool,
    ) -> Ctx<'a> {
        Ctx { opts, budget: Budget::new(&opts.limits), visit, stopped: false }
    }

    /// Whether the visitor asked to stop.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// The caps left.
    pub fn budget(&mut self) -> &mut Budget {
        &mut self.budget
    }

    fn emit(&mut self, item: Item<'_>) {
        if !self.stopped && !(self.visit)(item) {
            self.stopped = true;
        }
    }

    /// A compressed stream that does not decompress: an error note.
    fn corrupt(
        &mut self,
        path: &str,
        compression: Compression,
        e: &io::Error,
    ) {
        let reason =
            format!("corrupt {} stream: {}", compression.name(), io_reason(e));
        self.note(path, NoteKind::Error, reason);
    }

    /// Report a problem with `path`. The reason is escaped for the
    /// terminal: parser errors may quote member names.
    pub fn note(
        &mut self,
        path: &str,
        kind: NoteKind,
        reason: impl Into<String>,
    ) {
        self.emit(Item::Note(Note {
            path: path.to_string(),
            kind,
            reason: crate::sanitize::for_terminal(&reason.into()).into_owned(),
        }));
    }

    /// Hand on text to scan.
    pub fn text(&mut self, path: &str, text: Vec<u8>, cells: Option<Cells>) {
        self.emit(Item::Text(Member { path: path.to_string(), text, cells }));
    }

    /// Count a member; false (after reporting `container` partial) when
    /// the member cap is reached.
    fn count_member(&mut self, container: &str) -> bool {
        match self.budget.member() {
            Ok(()) => true,
            Err(reason) => {
                self.note(container, NoteKind::Partial, reason);
                false
            }
        }
    }
}

/// A decompressor for `compression` over `raw`.
pub fn decoder(
    raw: Box<dyn Read + Send>,
    compression: Compression,
) -> io::Result<Box<dyn Read + Send>> {
    Ok(match compression {
        Compression::None => raw,
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(raw)),
        Compression::Zstd => {
            let mut d = zstd::stream::read::Decoder::new(raw)?;
            d.window_log_max(27)?;
            Box::new(d)
        }
    })
}

/// Expand the file at `path` (shown as `display`), of `kind`.
pub fn expand_path(ctx: &mut Ctx<'_>, path: &Path, display: &str, kind: Kind) {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return ctx.note(display, NoteKind::Error, io_reason(&e)),
    };
    match kind {
        Kind::Zip => zip(ctx, BufReader::new(file), display, 1),
        Kind::Tar(c) => {
            tar(ctx, Box::new(BufReader::new(file)), c, display, 1)
        }
        Kind::Mbox => email::mbox(ctx, BufReader::new(file), display, 1),
        Kind::Email | Kind::Pdf => {
            let mut file = file;
            match ctx.budget.read(&mut file, None) {
                Ok((bytes, cut)) => {
                    if let Some(why) = cut {
                        ctx.note(display, NoteKind::Partial, why);
                    }
                    by_kind(ctx, kind, bytes, display, 1);
                }
                Err(e) => ctx.note(display, NoteKind::Error, io_reason(&e)),
            }
        }
    }
}

/// Expand content of `kind` held in memory, as a container at `depth`.
fn by_kind(
    ctx: &mut Ctx<'_>,
    kind: Kind,
    bytes: Vec<u8>,
    display: &str,
    depth: u32,
) {
    match kind {
        Kind::Zip => zip(ctx, Cursor::new(bytes), display, depth),
        Kind::Tar(c) => {
            tar(ctx, Box::new(Cursor::new(bytes)), c, display, depth)
        }
        Kind::Email => email::eml(ctx, bytes, display, depth),
        Kind::Mbox => email::mbox(ctx, Cursor::new(bytes), display, depth),
        Kind::Pdf => super::pdf::pdf(ctx, &bytes, display),
    }
}

/// A member's content, found at `depth` (its container's depth): expand
/// it if it is a document, decompress it if compressed, else scan it.
pub fn member(
    ctx: &mut Ctx<'_>,
    display: &str,
    name: &str,
    bytes: Vec<u8>,
    depth: u32,
) {
    if ctx.stopped {
        return;
    }
    if let Some(kind) = detect::detect_member(name, &bytes) {
        if depth >= ctx.budget.limits().depth {
            let reason = format!(
                "not opened: nested deeper than {} containers (--archive-depth)",
                ctx.budget.limits().depth
            );
            return ctx.note(display, NoteKind::Partial, reason);
        }
        return by_kind(ctx, kind, bytes, display, depth + 1);
    }
    let compression = Compression::sniff(&bytes);
    if compression != Compression::None {
        let compressed = bytes.len() as u64;
        let cap = ctx.budget.ratio_cap(compressed);
        let read = decoder(Box::new(Cursor::new(bytes)), compression)
            .and_then(|mut d| ctx.budget.read(&mut d, Some(cap)));
        return match read {
            Ok((inner, cut)) => {
                if let Some(why) = cut {
                    ctx.note(display, NoteKind::Partial, why);
                }
                let stripped = crate::input::without_compression_suffix(name);
                if Compression::sniff(&inner) != Compression::None {
                    // No decompression loops: a stream inside a stream is
                    // scanned as it is (binary, so skipped).
                    return text(ctx, display, inner);
                }
                member(ctx, display, stripped, inner, depth)
            }
            Err(e) => ctx.corrupt(display, compression, &e),
        };
    }
    text(ctx, display, bytes);
}

fn text(ctx: &mut Ctx<'_>, display: &str, bytes: Vec<u8>) {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if !ctx.opts.binary && memchr::memchr(0, head).is_some() {
        return ctx.note(
            display,
            NoteKind::Skipped("binary"),
            "binary content, skipped",
        );
    }
    ctx.text(display, bytes, None);
}

/// Members of a zip archive at `depth`, or the texts of the Office
/// document it is.
/// A zip's member names, and its `mimetype` member (OpenDocument) if it
/// has a short one: what tells an Office file from a plain archive.
pub fn names_and_mimetype<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
) -> (Vec<String>, Option<Vec<u8>>) {
    let names: Vec<String> = (0..archive.len())
        .filter_map(|i| archive.name_for_index(i).map(str::to_string))
        .collect();
    let mimetype = match archive.by_name("mimetype") {
        Ok(mut f) if f.size() < 256 => {
            let mut m = Vec::new();
            f.read_to_end(&mut m).ok().map(|_| m)
        }
        _ => None,
    };
    (names, mimetype)
}

fn zip<R: Read + Seek>(
    ctx: &mut Ctx<'_>,
    reader: R,
    display: &str,
    depth: u32,
) {
    let mut archive = match zip::ZipArchive::new(reader) {
        Ok(a) => a,
        Err(e) => {
            return ctx.note(
                display,
                NoteKind::Error,
                format!("corrupt zip archive: {e}"),
            )
        }
    };
    let (names, mimetype) = names_and_mimetype(&mut archive);
    if let Some(kind) = office::kind(&names, mimetype.as_deref()) {
        return office_doc(ctx, &mut archive, kind, display);
    }
    for i in 0..archive.len() {
        if ctx.stopped {
            return;
        }
        let mut f = match archive.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                let shown = name::join(
                    display,
                    &name::clean(names.get(i).map_or("", |s| s)),
                );
                ctx.note(
                    &shown,
                    NoteKind::Error,
                    format!("cannot read zip member: {e}"),
                );
                continue;
            }
        };
        if f.is_dir() || f.is_symlink() {
            continue;
        }
        if !ctx.count_member(display) {
            return;
        }
        let clean = name::clean(&String::from_utf8_lossy(f.name_raw()));
        let shown = name::join(display, &clean);
        let cap = ctx.budget.ratio_cap(f.compressed_size());
        let (bytes, cut) = match ctx.budget.read(&mut f, Some(cap)) {
            Ok(r) => r,
            Err(e) => {
                ctx.note(
                    &shown,
                    NoteKind::Error,
                    format!("corrupt zip member: {}", io_reason(&e)),
                );
                continue;
            }
        };
        drop(f);
        let total_cut = cut.is_some() && ctx.budget.remaining() == 0;
        if let Some(why) = cut {
            ctx.note(&shown, NoteKind::Partial, why);
        }
        member(ctx, &shown, &clean, bytes, depth);
        if total_cut {
            return;
        }
    }
}

/// Read the text parts of an Office document from its zip, in archive
/// order; `None` (after reporting) when a part cannot be read.
pub fn office_parts<R: Read + Seek>(
    ctx: &mut Ctx<'_>,
    archive: &mut zip::ZipArchive<R>,
    kind: office::OfficeKind,
    display: &str,
) -> Option<Vec<(String, Vec<u8>)>> {
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let Some(n) = archive.name_for_index(i).map(str::to_string) else {
            continue;
        };
        if !office::wanted(kind, &n) {
            continue;
        }
        if !ctx.count_member(display) {
            return None;
        }
        let shown = name::join(display, &name::clean(&n));
        let mut f = match archive.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                ctx.note(
                    &shown,
                    NoteKind::Error,
                    format!("cannot read document part: {e}"),
                );
                continue;
            }
        };
        let cap = ctx.budget.ratio_cap(f.compressed_size());
        match ctx.budget.read(&mut f, Some(cap)) {
            Ok((bytes, None)) => parts.push((n, bytes)),
            Ok((_, Some(why))) => {
                // A cut XML part does not parse: report, don't scan.
                ctx.note(
                    &shown,
                    NoteKind::Partial,
                    format!("{why}; part not scanned"),
                );
            }
            Err(e) => ctx.note(
                &shown,
                NoteKind::Error,
                format!("corrupt document part: {}", io_reason(&e)),
            ),
        }
    }
    Some(parts)
}

fn office_doc<R: Read + Seek>(
    ctx: &mut Ctx<'_>,
    archive: &mut zip::ZipArchive<R>,
    kind: office::OfficeKind,
    display: &str,
) {
    let Some(parts) = office_parts(ctx, archive, kind, display) else {
        return;
    };
    for r in office::render(kind, &parts) {
        let shown = name::join(display, &r.suffix);
        match r.result {
            Ok(rendition) => {
                let cells =
                    (!rendition.cells.is_empty()).then_some(rendition.cells);
                ctx.text(&shown, rendition.text.into_bytes(), cells);
            }
            Err(reason) => ctx.note(&shown, NoteKind::Error, reason),
        }
    }
}

/// A large tar member: streamed when it is plain text, else read whole
/// as any member. False when the run stops or a cap ends the archive.
fn stream_member(
    ctx: &mut Ctx<'_>,
    entry: &mut dyn Read,
    shown: &str,
    clean: &str,
    depth: u32,
) -> io::Result<bool> {
    let mut head = Vec::with_capacity(BINARY_SNIFF_LEN);
    entry.take(BINARY_SNIFF_LEN as u64).read_to_end(&mut head)?;
    let plain = detect::detect_member(clean, &head).is_none()
        && Compression::sniff(&head) == Compression::None
        && (ctx.opts.binary || memchr::memchr(0, &head).is_none());
    if !plain {
        let mut joined = Cursor::new(head).chain(entry);
        let (bytes, cut) = ctx.budget.read(&mut joined, None)?;
        let stop = cut.is_some();
        if let Some(why) = cut {
            ctx.note(shown, NoteKind::Partial, why);
        }
        member(ctx, shown, clean, bytes, depth);
        return Ok(!stop && !ctx.stopped);
    }
    let room = ctx.budget.remaining();
    let counted = Arc::new(AtomicU64::new(0));
    let mut reader = Counting::new(
        Cursor::new(head).chain(&mut *entry).take(room),
        Arc::clone(&counted),
    );
    ctx.emit(Item::Stream(StreamMember {
        path: shown.to_string(),
        reader: &mut reader,
    }));
    // The visitor read to the end, unless it stopped.
    let read = counted.load(std::sync::atomic::Ordering::Relaxed);
    ctx.budget.spend(read);
    if ctx.stopped {
        return Ok(false);
    }
    if read >= room {
        let mut one = [0u8; 1];
        if entry.read(&mut one)? > 0 {
            let why = ctx.budget.total_reason();
            ctx.note(shown, NoteKind::Partial, why);
            return Ok(false);
        }
    }
    Ok(true)
}

/// Members of a tar archive (compressed with `compression`) at `depth`.
fn tar(
    ctx: &mut Ctx<'_>,
    raw: Box<dyn Read + Send>,
    compression: Compression,
    display: &str,
    depth: u32,
) {
    let counted = Arc::new(AtomicU64::new(0));
    let raw: Box<dyn Read + Send> =
        Box::new(Counting::new(raw, Arc::clone(&counted)));
    let reader: Box<dyn Read + Send> = match decoder(raw, compression) {
        Ok(d) if compression == Compression::None => d,
        Ok(d) => Box::new(RatioGuard::new(
            d,
            counted,
            ctx.budget.limits().max_ratio,
        )),
        Err(e) => return ctx.corrupt(display, compression, &e),
    };
    let mut archive = tar::Archive::new(reader);
    let entries = match archive.entries() {
        Ok(e) => e,
        Err(e) => {
            return ctx.note(
                display,
                NoteKind::Error,
                format!("corrupt tar archive: {}", io_reason(&e)),
            )
        }
    };
    let broken = |ctx: &mut Ctx<'_>, e: &io::Error| {
        let reason = io_reason(e);
        if reason.contains(RATIO_ERROR) {
            ctx.note(display, NoteKind::Partial, reason);
        } else {
            ctx.note(
                display,
                NoteKind::Error,
                format!("corrupt tar archive: {reason}"),
            );
        }
    };
    for entry in entries {
        if ctx.stopped {
            return;
        }
        let mut entry = match entry {
            Ok(e) => e,
            Err(e) => return broken(ctx, &e),
        };
        if !entry.header().entry_type().is_file() {
            continue;
        }
        if !ctx.count_member(display) {
            return;
        }
        let clean = name::clean(&String::from_utf8_lossy(&entry.path_bytes()));
        let shown = name::join(display, &clean);
        if entry.header().size().unwrap_or(0)
            >= ctx.budget.limits().stream_member
        {
            match stream_member(ctx, &mut entry, &shown, &clean, depth) {
                Ok(true) => continue,
                Ok(false) => return,
                Err(e) => return broken(ctx, &e),
            }
        }
        let (bytes, cut) = match ctx.budget.read(&mut entry, None) {
            Ok(r) => r,
            Err(e) => return broken(ctx, &e),
        };
        let total_cut = cut.is_some();
        if let Some(why) = cut {
            ctx.note(&shown, NoteKind::Partial, why);
        }
        member(ctx, &shown, &clean, bytes, depth);
        if total_cut {
            return;
        }
    }
}
