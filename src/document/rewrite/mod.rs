//! Redacted copies of containers and Office documents: every text member
//! is handed to a redaction callback (this module knows no patterns) and
//! the container is assembled again around the new content, so the copy
//! stays valid: a zip keeps its member order, names, compression and
//! times (untouched members are copied raw); a tar keeps its headers with
//! new sizes; an Office document keeps its XML, with only the text nodes
//! that held a value rewritten (escaped) and, for a numeric spreadsheet
//! cell, its type turned to text.
//!
//! Office text is redacted as the same text the scan reads (one
//! [`super::office::render`] for both), so the engine sees the same
//! context (a column header, a whole paragraph); each replacement goes to
//! the text node where the value starts, and the rest of a value split
//! across runs is removed from the nodes that held it.
//!
//! A member that cannot be read to its end (a cap, a damaged archive)
//! fails the whole file: a container is never rewritten from part of its
//! content. A message (`.eml`) or mailbox (`.mbox`) is rewritten part by
//! part ([`mail`]); PDFs are refused.

mod mail;

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::ops::Range;

use super::container;
use super::detect::{self, Kind};
use super::limits::Budget;
use super::office::{self, OfficeKind};
use super::xml::{escape_text, Span};
use super::{name, Options};
use crate::input::{io_reason, Compression, BINARY_SNIFF_LEN};

/// A member's text after redaction: the new bytes and each replacement
/// (source range in the old text, destination range in the new).
#[derive(Debug, Clone, Default)]
pub struct Redone {
    /// The redacted text.
    pub output: Vec<u8>,
    /// Replacements, in order.
    pub edits: Vec<(Range<usize>, Range<usize>)>,
}

/// Redacts one member's text (shown as the first argument): `None` when
/// nothing changed.
pub type RedactFn<'a> =
    dyn FnMut(&str, &[u8]) -> Result<Option<Redone>, String> + 'a;

struct Ctx<'a, 'b> {
    budget: Budget,
    binary: bool,
    redact: &'a mut RedactFn<'b>,
}

/// Why `kind` cannot be rewritten, if it cannot.
pub fn refusal(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Pdf => Some(
            "PDF cannot be redacted in place (its text cannot be rewritten \
             safely); not rewritten (-o DIR writes a redacted text rendition)",
        ),
        Kind::Zip | Kind::Tar(_) | Kind::Email | Kind::Mbox => None,
    }
}

/// The whole file at `path`, to be rewritten in memory: refused (with
/// the reason, ending "not rewritten") past the per-member or total cap.
pub fn read_whole(
    path: &std::path::Path,
    opts: &Options,
) -> Result<Vec<u8>, String> {
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let cap = opts.limits.max_member.min(opts.limits.max_total);
    if len > cap {
        return Err(format!(
            "larger than {cap} bytes, too large to rewrite in memory; not rewritten"
        ));
    }
    std::fs::read(path).map_err(|e| io_reason(&e))
}

/// Redact the document `bytes` of `kind`, shown as `display`: the new
/// content, or `None` when nothing changed.
pub fn rewrite(
    kind: Kind,
    bytes: Vec<u8>,
    display: &str,
    opts: &Options,
    redact: &mut RedactFn<'_>,
) -> Result<Option<Vec<u8>>, String> {
    let mut ctx =
        Ctx { budget: Budget::new(&opts.limits), binary: opts.binary, redact };
    by_kind(&mut ctx, kind, bytes, display, 1)
}

fn by_kind(
    ctx: &mut Ctx<'_, '_>,
    kind: Kind,
    bytes: Vec<u8>,
    display: &str,
    depth: u32,
) -> Result<Option<Vec<u8>>, String> {
    if let Some(why) = refusal(kind) {
        return Err(format!(
            "{}: {why}",
            crate::sanitize::for_terminal(display)
        ));
    }
    match kind {
        Kind::Zip => zip(ctx, &bytes, display, depth),
        Kind::Tar(c) => tar(ctx, &bytes, c, display, depth),
        Kind::Email => mail::message(ctx, &bytes, display, depth),
        Kind::Mbox => mail::mbox(ctx, &bytes, display, depth),
        _ => unreachable!("refused above"),
    }
}

fn cut(display: &str, why: &str) -> String {
    format!(
        "{}: partial: {why}; not rewritten",
        crate::sanitize::for_terminal(display)
    )
}

/// A member's new content, or `None` when unchanged.
fn member(
    ctx: &mut Ctx<'_, '_>,
    display: &str,
    name: &str,
    bytes: Vec<u8>,
    depth: u32,
) -> Result<Option<Vec<u8>>, String> {
    if let Some(kind) = detect::detect_member(name, &bytes) {
        if depth >= ctx.budget.limits().depth {
            return Err(cut(
                display,
                &format!(
                    "nested deeper than {} containers",
                    ctx.budget.limits().depth
                ),
            ));
        }
        return by_kind(ctx, kind, bytes, display, depth + 1);
    }
    let compression = Compression::sniff(&bytes);
    if compression != Compression::None {
        let cap = ctx.budget.ratio_cap(bytes.len() as u64);
        let (inner, why) = super::container::decoder(
            Box::new(Cursor::new(bytes)),
            compression,
        )
        .and_then(|mut d| ctx.budget.read(&mut d, Some(cap)))
        .map_err(|e| {
            format!(
                "{display}: corrupt {} stream: {}",
                compression.name(),
                io_reason(&e)
            )
        })?;
        if let Some(why) = why {
            return Err(cut(display, &why));
        }
        let stripped = crate::input::without_compression_suffix(name);
        let Some(new) = member(ctx, display, stripped, inner, depth)? else {
            return Ok(None);
        };
        return encode(&new, compression)
            .map(Some)
            .map_err(|e| format!("{display}: {e}"));
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if !ctx.binary && memchr::memchr(0, head).is_some() {
        return Ok(None);
    }
    Ok((ctx.redact)(display, &bytes)?.map(|r| r.output))
}

fn encode(data: &[u8], compression: Compression) -> std::io::Result<Vec<u8>> {
    match compression {
        Compression::None => Ok(data.to_vec()),
        Compression::Gzip => {
            let mut e = flate2::write::GzEncoder::new(
                Vec::new(),
                flate2::Compression::default(),
            );
            e.write_all(data)?;
            e.finish()
        }
        Compression::Zstd => zstd::encode_all(data, 3),
    }
}

fn zip_err(display: &str, e: impl std::fmt::Display) -> String {
    format!(
        "{}: cannot write the redacted zip: {e}",
        crate::sanitize::for_terminal(display)
    )
}

fn zip(
    ctx: &mut Ctx<'_, '_>,
    bytes: &[u8],
    display: &str,
    depth: u32,
) -> Result<Option<Vec<u8>>, String> {
    let shown = crate::sanitize::for_terminal(display).into_owned();
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            format!("{shown}: corrupt zip archive: {e}; not rewritten")
        })?;
    let (names, mimetype) = container::names_and_mimetype(&mut archive);
    let mut changes: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
    if let Some(kind) = office::kind(&names, mimetype.as_deref()) {
        let mut parts = Vec::new();
        let mut index = Vec::new();
        for (i, n) in names.iter().enumerate() {
            if !office::wanted(kind, n) {
                continue;
            }
            let mut f = archive
                .by_index(i)
                .map_err(|e| format!("{shown}!{n}: {e}; not rewritten"))?;
            let cap = ctx.budget.ratio_cap(f.compressed_size());
            let (data, why) = ctx.budget.read(&mut f, Some(cap)).map_err(|e| {
                format!("{shown}!{n}: corrupt document part: {}; not rewritten", io_reason(&e))
            })?;
            if let Some(why) = why {
                return Err(cut(&name::join(display, n), &why));
            }
            parts.push((n.clone(), data));
            index.push(i);
        }
        for (part, new) in office_doc(ctx, kind, &parts, display)? {
            changes.insert(index[part], new);
        }
    } else {
        for (i, n) in names.iter().enumerate() {
            let mut f = archive.by_index(i).map_err(|e| {
                format!(
                    "{shown}!{}: cannot read zip member: {e}; not rewritten",
                    name::clean(n)
                )
            })?;
            if f.is_dir() || f.is_symlink() {
                continue;
            }
            ctx.budget.member().map_err(|why| cut(display, &why))?;
            let clean = name::clean(n);
            let member_shown = name::join(display, &clean);
            let cap = ctx.budget.ratio_cap(f.compressed_size());
            let (data, why) = ctx.budget.read(&mut f, Some(cap)).map_err(|e| {
                format!("{member_shown}: corrupt zip member: {}; not rewritten", io_reason(&e))
            })?;
            if let Some(why) = why {
                return Err(cut(&member_shown, &why));
            }
            drop(f);
            if let Some(new) = member(ctx, &member_shown, &clean, data, depth)?
            {
                changes.insert(i, new);
            }
        }
    }
    if changes.is_empty() {
        return Ok(None);
    }
    let mut out =
        zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    for i in 0..archive.len() {
        let f = archive.by_index_raw(i).map_err(|e| zip_err(display, e))?;
        match changes.remove(&i) {
            None => out.raw_copy_file(f).map_err(|e| zip_err(display, e))?,
            Some(new) => {
                let method = match f.compression() {
                    zip::CompressionMethod::Stored => {
                        zip::CompressionMethod::Stored
                    }
                    _ => zip::CompressionMethod::Deflated,
                };
                let mut o = zip::write::SimpleFileOptions::default()
                    .compression_method(method)
                    .large_file(new.len() as u64 >= u64::from(u32::MAX));
                if let Some(t) = f.last_modified() {
                    o = o.last_modified_time(t);
                }
                if let Some(mode) = f.unix_mode() {
                    o = o.unix_permissions(mode);
                }
                let member_name = f.name().to_string();
                drop(f);
                out.start_file(member_name, o)
                    .map_err(|e| zip_err(display, e))?;
                out.write_all(&new).map_err(|e| zip_err(display, e))?;
            }
        }
    }
    let cursor = out.finish().map_err(|e| zip_err(display, e))?;
    Ok(Some(cursor.into_inner()))
}

fn tar(
    ctx: &mut Ctx<'_, '_>,
    bytes: &[u8],
    compression: Compression,
    display: &str,
    depth: u32,
) -> Result<Option<Vec<u8>>, String> {
    let shown = crate::sanitize::for_terminal(display).into_owned();
    let corrupt = |e: std::io::Error| {
        format!(
            "{shown}: corrupt tar archive: {}; not rewritten",
            io_reason(&e)
        )
    };
    let cap = ctx.budget.ratio_cap(bytes.len() as u64);
    let mut dec = super::container::decoder(
        Box::new(Cursor::new(bytes.to_vec())),
        compression,
    )
    .map_err(corrupt)?;
    let (plain, why) =
        ctx.budget.read(&mut dec, Some(cap)).map_err(corrupt)?;
    if let Some(why) = why {
        return Err(cut(display, &why));
    }
    let mut archive = tar::Archive::new(Cursor::new(&plain[..]));
    let mut builder = tar::Builder::new(Vec::with_capacity(plain.len()));
    let mut changed = false;
    for entry in archive.entries().map_err(corrupt)? {
        let mut entry = entry.map_err(corrupt)?;
        let mut header = entry.header().clone();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).map_err(corrupt)?;
        if header.entry_type().is_file() {
            ctx.budget.member().map_err(|why| cut(display, &why))?;
            let clean =
                name::clean(&String::from_utf8_lossy(&entry.path_bytes()));
            let member_shown = name::join(display, &clean);
            if let Some(new) =
                member(ctx, &member_shown, &clean, data.clone(), depth)?
            {
                data = new;
                header.set_size(data.len() as u64);
                header.set_cksum();
                changed = true;
            }
        }
        // Long names and pax records come back as their own entries and
        // are copied through as they were.
        builder.append(&header, &data[..]).map_err(corrupt)?;
    }
    if !changed {
        return Ok(None);
    }
    let tar = builder.into_inner().map_err(corrupt)?;
    encode(&tar, compression).map(Some).map_err(|e| format!("{shown}: {e}"))
}

/// Redact the texts of an Office document; the parts that changed
/// (index into `parts`, new bytes).
fn office_doc(
    ctx: &mut Ctx<'_, '_>,
    kind: OfficeKind,
    parts: &[(String, Vec<u8>)],
    display: &str,
) -> Result<Vec<(usize, Vec<u8>)>, String> {
    // part -> raw span start -> (raw span, new text, typed cell tag)
    let mut edits: BTreeMap<usize, BTreeMap<usize, NodeEdit>> =
        BTreeMap::new();
    for r in office::render(kind, parts) {
        let member_shown = name::join(display, &r.suffix);
        let rendition = r.result.map_err(|e| {
            format!(
                "{}: {e}; not rewritten",
                crate::sanitize::for_terminal(&member_shown)
            )
        })?;
        let Some(redone) =
            (ctx.redact)(&member_shown, rendition.text.as_bytes())?
        else {
            continue;
        };
        for (span, text) in
            node_texts(rendition.text.as_bytes(), &rendition.spans, &redone)
        {
            edits
                .entry(span.part)
                .or_default()
                .entry(span.raw.start)
                .or_insert(NodeEdit {
                    raw: span.raw.clone(),
                    text,
                    typed: span.typed_cell.clone(),
                });
        }
    }
    let mut out = Vec::new();
    for (part, nodes) in edits {
        out.push((part, apply(&parts[part].1, nodes.into_values().collect())));
    }
    Ok(out)
}

struct NodeEdit {
    raw: Range<usize>,
    text: String,
    typed: Option<Range<usize>>,
}

/// New text of every span that a replacement touches. A replacement goes
/// to the first span it covers (where the value starts); the rest of the
/// value is removed from the spans after it.
fn node_texts<'s>(
    text: &[u8],
    spans: &'s [Span],
    redone: &Redone,
) -> Vec<(&'s Span, String)> {
    let mut out = Vec::new();
    for span in spans {
        let (a, b) = (span.text.start, span.text.end);
        let touching: Vec<&(Range<usize>, Range<usize>)> = redone
            .edits
            .iter()
            .filter(|(src, _)| src.start < b && src.end.max(src.start + 1) > a)
            .collect();
        if touching.is_empty() {
            continue;
        }
        let mut new = Vec::new();
        let mut pos = a;
        for (src, dst) in touching {
            let owner = spans
                .iter()
                .find(|s| {
                    s.text.end > src.start
                        && s.text.start < src.end.max(src.start + 1)
                })
                .is_some_and(|s| std::ptr::eq(s, span));
            let from = src.start.max(a);
            if from > pos {
                new.extend_from_slice(&text[pos..from]);
            }
            if owner {
                new.extend_from_slice(&redone.output[dst.clone()]);
            }
            pos = pos.max(src.end.min(b));
        }
        if pos < b {
            new.extend_from_slice(&text[pos..b]);
        }
        out.push((span, String::from_utf8_lossy(&new).into_owned()));
    }
    out
}

/// `xml` with each node edit applied (edits sorted, disjoint).
fn apply(xml: &[u8], mut nodes: Vec<NodeEdit>) -> Vec<u8> {
    // Typed cell tags come before their value nodes; both are replaced
    // in one pass over sorted, disjoint ranges.
    let mut cuts: Vec<(Range<usize>, Vec<u8>)> = Vec::new();
    let mut tags = std::collections::BTreeSet::new();
    for n in nodes.drain(..) {
        if let Some(tag) = n.typed {
            if tags.insert(tag.start) {
                cuts.push((tag.clone(), as_text_cell(&xml[tag])));
            }
        }
        cuts.push((n.raw, escape_text(&n.text).into_bytes()));
    }
    cuts.sort_by_key(|(r, _)| r.start);
    let mut out = Vec::with_capacity(xml.len());
    let mut pos = 0;
    for (r, new) in cuts {
        if r.start < pos {
            continue;
        }
        out.extend_from_slice(&xml[pos..r.start]);
        out.extend_from_slice(&new);
        pos = r.end;
    }
    out.extend_from_slice(&xml[pos..]);
    out
}

/// A `<c ...>` start tag with its type set to a string (`t="str"`), so a
/// numeric cell can hold a replacement.
fn as_text_cell(tag: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(tag);
    for q in ['"', '\''] {
        for t in ["n", "d"] {
            let old = format!(" t={q}{t}{q}");
            if s.contains(&old) {
                return s.replacen(&old, " t=\"str\"", 1).into_bytes();
            }
        }
    }
    match s.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/') {
        Some(i) => format!("{} t=\"str\"{}", &s[..i], &s[i..]).into_bytes(),
        None => tag.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::xml::Rendition;

    #[test]
    fn split_value_goes_to_its_first_node() {
        let mut r = Rendition::default();
        r.node(0, 10..13, "Jan", false);
        r.node(0, 20..32, "e Doe called", false);
        // "Jane Doe" (0..8) -> "[NAME]"
        let redone = Redone {
            output: b"[NAME] called".to_vec(),
            edits: vec![(0..8, 0..6)],
        };
        let texts = node_texts(r.text.as_bytes(), &r.spans, &redone);
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[0].1, "[NAME]");
        assert_eq!(texts[1].1, " called");
    }

    #[test]
    fn numeric_cells_become_text_cells() {
        assert_eq!(as_text_cell(b"<c r=\"A2\">"), b"<c t=\"str\" r=\"A2\">");
        assert_eq!(
            as_text_cell(b"<c r=\"A2\" t=\"n\">"),
            b"<c r=\"A2\" t=\"str\">"
        );
    }

    #[test]
    fn apply_escapes_and_keeps_the_rest() {
        let xml = b"<t>a&amp;b</t><c r=\"A1\"><v>1</v></c>";
        let nodes = vec![
            NodeEdit { raw: 3..10, text: "<x>".into(), typed: None },
            NodeEdit { raw: 27..28, text: "[N]".into(), typed: Some(14..24) },
        ];
        let out = apply(xml, nodes);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<t>&lt;x&gt;</t><c t=\"str\" r=\"A1\"><v>[N]</v></c>"
        );
    }
}
