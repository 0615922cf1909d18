//! A redacted copy of one email message (`.eml`): the top header block
//! with RFC 2047 words decoded, redacted and encoded again (UTF-8, base64
//! words); every text part decoded from its transfer encoding and charset
//! (UTF-8, ASCII or ISO-8859-1), redacted and encoded back the same way;
//! every attachment rewritten as a member (an attached `.docx` or `.zip`
//! is redacted in turn) and encoded back. Bytes outside the changed
//! pieces are kept as they were, so the message structure, boundaries
//! and other headers do not move.
//!
//! A part in another charset or an attached message that would need a
//! change fails the file ("not rewritten") rather than being guessed at.

use std::ops::Range;

use base64::Engine as _;
use mail_parser::{Encoding, MessageParser, MimeHeaders, PartType};

use super::{member, node_texts, Ctx};
use crate::document::name;
use crate::document::xml::Rendition;

const B64: base64::engine::GeneralPurpose =
    base64::engine::general_purpose::STANDARD;

/// Bytes of the message to replace, and what replaces them.
type Cuts = Vec<(Range<usize>, Vec<u8>)>;

fn fail(display: &str, why: &str) -> String {
    format!("{}: {why}; not rewritten", crate::sanitize::for_terminal(display))
}

/// Redact every message of the mailbox `raw` (split on `From ` lines,
/// which are kept as they are), shown as `display!msg-N`.
pub(super) fn mbox(
    ctx: &mut Ctx<'_, '_>,
    raw: &[u8],
    display: &str,
    depth: u32,
) -> Result<Option<Vec<u8>>, String> {
    // Start of every `From ` line: the file start or after a newline.
    let mut starts: Vec<usize> = Vec::new();
    if raw.starts_with(b"From ") {
        starts.push(0);
    }
    for i in memchr::memmem::find_iter(raw, b"\nFrom ") {
        starts.push(i + 1);
    }
    if starts.first() != Some(&0) {
        return Err(fail(display, "not a mailbox (no leading From line)"));
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut changed = false;
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(raw.len());
        let from_end = memchr::memchr(b'\n', &raw[start..end])
            .map_or(end, |i| start + i + 1);
        out.extend_from_slice(&raw[start..from_end]);
        let shown = name::join(display, &format!("msg-{}", n + 1));
        ctx.budget.member().map_err(|why| fail(display, &why))?;
        match message_at(ctx, &raw[from_end..end], &shown, &shown, depth)? {
            Some(new) => {
                out.extend_from_slice(&new);
                changed = true;
            }
            None => out.extend_from_slice(&raw[from_end..end]),
        }
    }
    Ok(changed.then_some(out))
}

/// Redact the message `raw`, shown as `display`.
pub(super) fn message(
    ctx: &mut Ctx<'_, '_>,
    raw: &[u8],
    display: &str,
    depth: u32,
) -> Result<Option<Vec<u8>>, String> {
    message_at(ctx, raw, display, &name::join(display, "message"), depth)
}

/// [`message`], with the message's own text shown as `text_path` (as the
/// scan names it).
fn message_at(
    ctx: &mut Ctx<'_, '_>,
    raw: &[u8],
    display: &str,
    text_path: &str,
    depth: u32,
) -> Result<Option<Vec<u8>>, String> {
    let msg = MessageParser::default()
        .parse(raw)
        .ok_or_else(|| fail(display, "not an email message"))?;
    let crlf = memchr::memmem::find(raw, b"\r\n").is_some();
    let nl: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut cuts: Cuts = Vec::new();
    let head_end = msg
        .parts
        .first()
        .map_or(raw.len(), |p| p.offset_body as usize)
        .min(raw.len());
    cuts.extend(headers(ctx, &raw[..head_end], text_path)?);
    for (i, part) in msg.parts.iter().enumerate() {
        let body = part.offset_body as usize
            ..(part.offset_end as usize).min(raw.len());
        if body.start >= body.end {
            continue;
        }
        let new = match &part.body {
            PartType::Multipart(_) => continue,
            PartType::Text(_) | PartType::Html(_) => {
                let charset = part
                    .content_type()
                    .and_then(|c| c.attribute("charset"))
                    .unwrap_or("us-ascii")
                    .to_ascii_lowercase();
                let decoded =
                    transfer_decode(&raw[body.clone()], part.encoding);
                let text = to_text(&decoded, &charset).ok_or_else(|| {
                    fail(
                        text_path,
                        &format!("charset {charset} cannot be redacted"),
                    )
                })?;
                let Some(r) = (ctx.redact)(text_path, text.as_bytes())? else {
                    continue;
                };
                let out = String::from_utf8_lossy(&r.output).into_owned();
                let bytes = from_text(&out, &charset).ok_or_else(|| {
                    fail(
                        text_path,
                        &format!("replacement does not fit charset {charset}"),
                    )
                })?;
                transfer_encode(&bytes, part.encoding, nl)
            }
            PartType::Binary(_) | PartType::InlineBinary(_) => {
                let fallback = format!("attachment-{i}");
                let clean =
                    name::clean(part.attachment_name().unwrap_or(&fallback));
                let shown = name::join(display, &clean);
                let decoded =
                    transfer_decode(&raw[body.clone()], part.encoding);
                let Some(new) = member(ctx, &shown, &clean, decoded, depth)?
                else {
                    continue;
                };
                transfer_encode(&new, part.encoding, nl)
            }
            PartType::Message(_) => {
                if part.encoding != Encoding::None {
                    return Err(fail(
                        display,
                        "an encoded attached message cannot be redacted",
                    ));
                }
                let shown =
                    name::join(display, &format!("attachment-{i}.eml"));
                let Some(new) =
                    message(ctx, &raw[body.clone()], &shown, depth + 1)?
                else {
                    continue;
                };
                new
            }
        };
        // Keep the line break that ended the original body, if any.
        let mut new = new;
        if raw[body.clone()].ends_with(nl) && !new.ends_with(nl) {
            new.extend_from_slice(nl);
        }
        cuts.push((body, new));
    }
    if cuts.is_empty() {
        return Ok(None);
    }
    cuts.sort_by_key(|(r, _)| r.start);
    let mut out = Vec::with_capacity(raw.len());
    let mut pos = 0;
    for (r, new) in cuts {
        if r.start < pos {
            continue;
        }
        out.extend_from_slice(&raw[pos..r.start]);
        out.extend_from_slice(&new);
        pos = r.end;
    }
    out.extend_from_slice(&raw[pos..]);
    Ok(Some(out))
}

/// The header block with encoded words decoded, redacted; the pieces to
/// replace.
fn headers(
    ctx: &mut Ctx<'_, '_>,
    head: &[u8],
    shown: &str,
) -> Result<Cuts, String> {
    let mut r = Rendition::default();
    let mut words = Vec::new();
    let mut pos = 0;
    let text = String::from_utf8_lossy(head);
    if text.len() != head.len() {
        return Err(fail(shown, "headers are not UTF-8 or ASCII"));
    }
    while pos < head.len() {
        match find_word(&text, pos) {
            Some((start, end, decoded)) => {
                if start > pos {
                    r.node(0, pos..start, &text[pos..start], false);
                    words.push(false);
                }
                let decoded = decoded.ok_or_else(|| {
                    fail(shown, "an encoded header word cannot be decoded")
                })?;
                r.node(0, start..end, &decoded, false);
                words.push(true);
                pos = end;
            }
            None => {
                r.node(0, pos..head.len(), &text[pos..], false);
                words.push(false);
                pos = head.len();
            }
        }
    }
    let Some(redone) = (ctx.redact)(shown, r.text.as_bytes())? else {
        return Ok(Vec::new());
    };
    let mut cuts = Vec::new();
    for (span, new) in node_texts(r.text.as_bytes(), &r.spans, &redone) {
        let idx =
            r.spans.iter().position(|s| std::ptr::eq(s, span)).unwrap_or(0);
        let bytes = if words[idx] || !new.is_ascii() {
            format!("=?utf-8?B?{}?=", B64.encode(new.as_bytes())).into_bytes()
        } else {
            new.into_bytes()
        };
        cuts.push((span.raw.clone(), bytes));
    }
    Ok(cuts)
}

/// The next RFC 2047 word at or after `from`: (start, end, decoded text
/// or `None` when its charset or encoding is not understood).
fn find_word(
    text: &str,
    from: usize,
) -> Option<(usize, usize, Option<String>)> {
    let mut at = from;
    loop {
        let start = at + text[at..].find("=?")?;
        let rest = &text[start + 2..];
        let parse = || -> Option<(usize, &str, char, &str)> {
            let q1 = rest.find('?')?;
            let charset = &rest[..q1];
            let enc = rest[q1 + 1..].chars().next()?;
            if rest.as_bytes().get(q1 + 2) != Some(&b'?') {
                return None;
            }
            let data_start = q1 + 3;
            let len = rest[data_start..].find("?=")?;
            let data = &rest[data_start..data_start + len];
            if data.contains([' ', '\n', '\r']) {
                return None;
            }
            Some((data_start + len + 2, charset, enc, data))
        };
        match parse() {
            Some((end, charset, enc, data)) => {
                let bytes = match enc.to_ascii_uppercase() {
                    'B' => B64
                        .decode(data.trim_end_matches('='))
                        .ok()
                        .or_else(|| B64.decode(data).ok()),
                    'Q' => Some(q_decode(data)),
                    _ => None,
                };
                let charset = charset
                    .split('*')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let decoded = bytes.and_then(|b| to_text(&b, &charset));
                return Some((start, start + 2 + end, decoded));
            }
            None => at = start + 2,
        }
    }
}

fn q_decode(data: &str) -> Vec<u8> {
    let b = data.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'_' => out.push(b' '),
            b'=' if i + 2 < b.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or(""),
                    16,
                ) {
                    Ok(v) => {
                        out.push(v);
                        i += 2;
                    }
                    Err(_) => out.push(b'='),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Decode charset bytes into text (UTF-8, ASCII, ISO-8859-1 only).
fn to_text(bytes: &[u8], charset: &str) -> Option<String> {
    match charset.trim_matches('"') {
        "utf-8" | "utf8" | "us-ascii" | "ascii" | "" => {
            String::from_utf8(bytes.to_vec()).ok()
        }
        "iso-8859-1" | "latin1" | "iso8859-1" => {
            Some(bytes.iter().map(|&b| b as char).collect())
        }
        _ => None,
    }
}

/// Encode text back into its charset.
fn from_text(text: &str, charset: &str) -> Option<Vec<u8>> {
    match charset.trim_matches('"') {
        "iso-8859-1" | "latin1" | "iso8859-1" => {
            text.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect()
        }
        _ => Some(text.as_bytes().to_vec()),
    }
}

fn transfer_decode(raw: &[u8], encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::None => raw.to_vec(),
        Encoding::Base64 => {
            let clean: Vec<u8> = raw
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            B64.decode(&clean).unwrap_or_else(|_| raw.to_vec())
        }
        Encoding::QuotedPrintable => qp_decode(raw),
    }
}

fn qp_decode(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'=' {
            if raw[i + 1..].starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            if raw[i + 1..].starts_with(b"\n") {
                i += 2;
                continue;
            }
            if let Some(hex) = raw.get(i + 1..i + 3) {
                if let Ok(v) =
                    u8::from_str_radix(&String::from_utf8_lossy(hex), 16)
                {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

fn transfer_encode(data: &[u8], encoding: Encoding, nl: &[u8]) -> Vec<u8> {
    match encoding {
        Encoding::None => data.to_vec(),
        Encoding::Base64 => {
            let text = B64.encode(data);
            let mut out =
                Vec::with_capacity(text.len() + text.len() / 76 * 2 + 2);
            for line in text.as_bytes().chunks(76) {
                out.extend_from_slice(line);
                out.extend_from_slice(nl);
            }
            out
        }
        Encoding::QuotedPrintable => qp_encode(data, nl),
    }
}

fn qp_encode(data: &[u8], nl: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 16);
    let mut col = 0;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b == b'\n' || (b == b'\r' && data.get(i + 1) == Some(&b'\n')) {
            out.extend_from_slice(nl);
            col = 0;
            i += if b == b'\r' { 2 } else { 1 };
            continue;
        }
        let next_is_break =
            matches!(data.get(i + 1), None | Some(b'\n') | Some(b'\r'));
        let plain = (b == b' ' || b == b'\t') && !next_is_break
            || (b'!'..=b'~').contains(&b) && b != b'=';
        let piece: Vec<u8> =
            if plain { vec![b] } else { format!("={b:02X}").into_bytes() };
        if col + piece.len() > 75 {
            out.push(b'=');
            out.extend_from_slice(nl);
            col = 0;
        }
        col += piece.len();
        out.extend_from_slice(&piece);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_are_found_and_decoded() {
        let t = "From: =?UTF-8?B?SsO8cmdlbg==?= <a@b>\nSubject: =?iso-8859-1?Q?Caf=E9_au_lait?=\n";
        let (s, e, d) = find_word(t, 0).unwrap();
        assert_eq!(&t[s..e], "=?UTF-8?B?SsO8cmdlbg==?=");
        assert_eq!(d.unwrap(), "Jürgen");
        let (_, _, d) = find_word(t, e).unwrap();
        assert_eq!(d.unwrap(), "Café au lait");
    }

    #[test]
    fn quoted_printable_round_trips() {
        let text = "Grüße, call 555=0100 now  \nline two\n".as_bytes();
        let enc = qp_encode(text, b"\n");
        assert!(enc.iter().all(|b| b.is_ascii()));
        assert_eq!(qp_decode(&enc), text);
        let long = "x".repeat(200);
        let enc = qp_encode(long.as_bytes(), b"\r\n");
        assert!(enc.split(|&b| b == b'\n').all(|l| l.len() <= 77));
        assert_eq!(qp_decode(&enc), long.as_bytes());
    }
}
