//! Email exports: one message (`.eml`) or a mailbox (`.mbox`, messages
//! split on `From ` lines). A message is scanned as its address and
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

/// Scan one message (shown as `display`) and its attachments, found in a
/// container at `depth`.
pub fn message(ctx: &mut Ctx<'_>, raw: &[u8], display: &str, depth: u32) {
    let Some(msg) = MessageParser::default().parse(raw) else {
        return ctx.note(display, NoteKind::Error, "not an email message");
    };
    ctx.text(display, message_text(&msg).into_bytes(), None);
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
}
