//! Email exports: one message (`.eml`) or a mailbox (`.mbox`, messages
//! split on `From ` lines).
//!
//! An `.eml` that is already plain text (one `text/plain` part in UTF-8
//! or ASCII, 7bit or 8bit, no encoded words) is scanned as the file it is,
//! offsets into the file. Any other message is decoded: its text is the
//! member `x.eml!message` (in a mailbox, `inbox.mbox!msg-N`), so offsets
//! into decoded text are never mistaken for offsets into the file. A
//! message is scanned as its address and
//! subject headers (RFC 2047 words decoded) followed by its text bodies
//! (quoted-printable and base64 decoded, charsets converted, HTML reduced
//! to text), all by the `mail-parser` crate; attachments are handed on as
//! files (`inbox.mbox!msg-42!customers.csv`), so an attached archive or
//! Office document is expanded in turn.

use std::io::BufRead;

use mail_parser::{Address, MessageParser, MimeHeaders};

use super::container::{self, Ctx};
use super::{name, NoteKind};

/// The text a message is scanned as: headers, a blank line, bodies.
pub fn message_text(msg: &mail_parser::Message<'_>) -> String {
    let mut text = String::new();
    let mut addresses = |label: &str, a: Option<&Address<'_>>| {
        for addr in a.into_iter().flat_map(|a| a.iter()) {
            text.push_str(label);
            text.push_str(": ");
            if let Some(n) = addr.name() {
                text.push_str(n);
                text.push(' ');
            }
            if let Some(a) = addr.address() {
                text.push('<');
                text.push_str(a);
                text.push('>');
            }
            text.push('\n');
        }
    };
    addresses("From", msg.from());
    addresses("Sender", msg.sender());
    addresses("Reply-To", msg.reply_to());
    addresses("To", msg.to());
    addresses("Cc", msg.cc());
    addresses("Bcc", msg.bcc());
    if let Some(s) = msg.subject() {
        text.push_str("Subject: ");
        text.push_str(s);
        text.push('\n');
    }
    // Trace and custom headers hold client addresses and logins
    // (`Received: from [86.128.44.17]`, `X-Originating-IP`, an assignee):
    // kept as written, unfolded.
    for (name, raw) in msg.headers_raw() {
        if !is_opaque_or_rendered(name) {
            text.push_str(name);
            text.push(':');
            text.extend(raw.split_whitespace().flat_map(|w| [" ", w]));
            text.push('\n');
        }
    }
    text.push('\n');
    for i in 0..msg.text_body_count() {
        if let Some(body) = msg.body_text(i) {
            text.push_str(&body);
            if !body.ends_with('\n') {
                text.push('\n');
            }
        }
    }
    text
}

/// Headers [`message_text`] writes itself (decoded above) or that hold
/// only ids, hashes and signatures.
fn is_opaque_or_rendered(name: &str) -> bool {
    const SKIPPED: &[&str] = &[
        "from",
        "sender",
        "reply-to",
        "to",
        "cc",
        "bcc",
        "subject",
        "message-id",
        "in-reply-to",
        "references",
        "mime-version",
        "dkim-signature",
        "x-google-dkim-signature",
        "domainkey-signature",
    ];
    let name = name.to_ascii_lowercase();
    SKIPPED.contains(&name.as_str())
        || name.starts_with("content-")
        || name.starts_with("arc-")
        || name.starts_with("x-ms-exchange")
}

/// Whether `raw` is a message that reads as it is: one `text/plain`
/// part, UTF-8 or ASCII, no transfer encoding, no RFC 2047 words.
pub fn is_plain(raw: &[u8]) -> bool {
    let end = memchr::memmem::find(raw, b"\n\n")
        .or_else(|| memchr::memmem::find(raw, b"\r\n\r\n"))
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let header = |name: &str| {
        head.lines().position(|l| l.starts_with(name)).map(|i| {
            let mut v =
                head.lines().nth(i).unwrap_or("")[name.len()..].to_string();
            for l in head
                .lines()
                .skip(i + 1)
                .take_while(|l| l.starts_with([' ', '\t']))
            {
                v.push_str(l);
            }
            v
        })
    };
    let type_ok = header("content-type:").map_or(true, |t| {
        t.trim_start().starts_with("text/plain")
            && (!t.contains("charset")
                || t.contains("utf-8")
                || t.contains("us-ascii")
                || t.contains("\"utf-8\""))
    });
    let encoding_ok = header("content-transfer-encoding:")
        .map_or(true, |e| matches!(e.trim(), "7bit" | "8bit" | "binary"));
    type_ok
        && encoding_ok
        && !head.contains("=?")
        && std::str::from_utf8(raw).is_ok()
}

/// Scan an `.eml` file or member shown as `display`, found at `depth`:
/// as it is when it is plain text, else decoded (see the module doc).
pub fn eml(ctx: &mut Ctx<'_>, raw: Vec<u8>, display: &str, depth: u32) {
    if is_plain(&raw) {
        return ctx.text(display, raw, None);
    }
    let text_path = name::join(display, "message");
    message_at(ctx, &raw, display, &text_path, depth);
}

/// Scan one message (shown as `display`) and its attachments, found in a
/// container at `depth`.
pub fn message(ctx: &mut Ctx<'_>, raw: &[u8], display: &str, depth: u32) {
    message_at(ctx, raw, display, display, depth);
}

/// [`message`], with its own text shown as `text_path`.
fn message_at(
    ctx: &mut Ctx<'_>,
    raw: &[u8],
    display: &str,
    text_path: &str,
    depth: u32,
) {
    let Some(msg) = MessageParser::default().parse(raw) else {
        return ctx.note(display, NoteKind::Error, "not an email message");
    };
    ctx.text(text_path, message_text(&msg).into_bytes(), None);
    for (i, part) in msg.attachments().enumerate() {
        if ctx.stopped() {
            return;
        }
        let fallback = if part.message().is_some() {
            format!("attachment-{}.eml", i + 1)
        } else {
            format!("attachment-{}", i + 1)
        };
        let clean = name::clean(part.attachment_name().unwrap_or(&fallback));
        let shown = name::join(display, &clean);
        if let Some(inner) = part.message() {
            if depth >= ctx.budget().limits().depth {
                let reason = format!(
                    "not opened: nested deeper than {} containers (--archive-depth)",
                    ctx.budget().limits().depth
                );
                ctx.note(&shown, NoteKind::Partial, reason);
            } else {
                message(ctx, inner.raw_message(), &shown, depth + 1);
            }
            continue;
        }
        let contents = part.contents();
        let (bytes, cut) = match ctx.budget().read(&mut &contents[..], None) {
            Ok(r) => r,
            Err(_) => continue,
        };
        let stop = cut.is_some();
        if let Some(why) = cut {
            ctx.note(&shown, NoteKind::Partial, why);
        }
        container::member(ctx, &shown, &clean, bytes, depth);
        if stop {
            return;
        }
    }
}

/// Scan every message of a mailbox (`display!msg-N`, 1-based).
pub fn mbox(
    ctx: &mut Ctx<'_>,
    reader: impl BufRead,
    display: &str,
    depth: u32,
) {
    for (i, m) in
        mail_parser::mailbox::mbox::MessageIterator::new(reader).enumerate()
    {
        if ctx.stopped() {
            return;
        }
        let m = match m {
            Ok(m) => m,
            Err(e) => {
                return ctx.note(
                    display,
                    NoteKind::Error,
                    crate::input::io_reason(&e),
                )
            }
        };
        if let Err(reason) = ctx.budget().member() {
            return ctx.note(display, NoteKind::Partial, reason);
        }
        if ctx.budget().remaining() < m.contents().len() as u64 {
            let why = ctx.budget().total_reason();
            return ctx.note(display, NoteKind::Partial, why);
        }
        let shown = name::join(display, &format!("msg-{}", i + 1));
        message(ctx, m.contents(), &shown, depth);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_messages_are_told_from_encoded_ones() {
        assert!(is_plain(b"From: a@b.example\nSubject: hi\n\nbody\n"));
        assert!(is_plain(
            b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nx"
        ));
        assert!(!is_plain(b"Subject: =?utf-8?B?SGk=?=\n\nbody"));
        assert!(!is_plain(
            b"Content-Type: multipart/mixed; boundary=x\n\n--x"
        ));
        assert!(!is_plain(b"Content-Transfer-Encoding: base64\n\naGk="));
        assert!(!is_plain(
            b"Content-Type: text/plain; charset=iso-8859-1\n\nx"
        ));
    }

    #[test]
    fn headers_decoded_and_bodies_joined() {
        let raw =
            b"From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <jm@corp.example>\r\n\
To: a@b.example\r\n\
Subject: =?ISO-8859-1?Q?Caf=E9?=\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Call me at 555=2D0100.\r\n";
        let msg = MessageParser::default().parse(&raw[..]).unwrap();
        let t = message_text(&msg);
        assert!(t.contains("From: Jürgen Müller <jm@corp.example>"), "{t}");
        assert!(t.contains("Subject: Café"), "{t}");
        assert!(t.contains("Call me at 555-0100."), "{t}");
    }

    #[test]
    fn trace_and_custom_headers_are_kept_signatures_are_not() {
        let raw = b"Received: from [192.0.2.64] (host [86.128.44.17])\r\n\
\tby mail-store-01 with ESMTPS\r\n\
DKIM-Signature: v=1; b=Qm9yQ2xhaW1z\r\n\
Message-ID: <CAJx9pQ2@mail.example>\r\n\
X-Originating-IP: [86.128.44.17]\r\n\
X-Ticket-Assignee: cfraser\r\n\
Subject: =?UTF-8?Q?Caf=C3=A9?=\r\n\
\r\n\
body\r\n";
        let msg = MessageParser::default().parse(&raw[..]).unwrap();
        let t = message_text(&msg);
        assert!(
            t.contains("Received: from [192.0.2.64] (host [86.128.44.17]) by mail-store-01 with ESMTPS\n"),
            "{t}"
        );
        assert!(t.contains("X-Originating-IP: [86.128.44.17]\n"), "{t}");
        assert!(t.contains("X-Ticket-Assignee: cfraser\n"), "{t}");
        assert!(!t.contains("Qm9yQ2xhaW1z") && !t.contains("CAJx9pQ2"), "{t}");
        assert_eq!(t.matches("Subject").count(), 1, "{t}");
    }
}
