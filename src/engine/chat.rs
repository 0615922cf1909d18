//! Chat exports: who wrote each message, and who added, removed or left.
//! WhatsApp's "Export chat" as text (Android and iOS), and Telegram
//! Desktop's JSON export (`result.json`), whose `from` and `actor` name
//! the sender and whose `members` lists the people a service message
//! added.
//!
//! Every message starts a line with its date and time, then the sender as
//! the exporting phone's address book names them (`Priya ❤️`,
//! `Venkatesh Owner C1204`: a person's name with whatever the owner added)
//! and a colon: `10/06/24, 7:46 pm - Venkatesh Owner C1204: Good
//! evening`, or `[10/06/24, 19:46:12] Venkatesh: ...` on iOS. Events
//! name people the same way (`Rakesh added Priya ❤️ and Venkatesh`).
//! Nothing but that position says the sender is a name, and senders are
//! often a given name alone, which no other rule reports. A sender shown
//! as a phone number (not in the address book) is left to the phone
//! rules; `You` is the exporting user and names nobody.
//!
//! Runs on files whose first line starts like such a message ([`sniff`]),
//! or that open like a Telegram export ([`sniff_telegram`]). A sender
//! whose first word is never a person's (`Studio Ferraris`, `Support
//! Team`) is an organisation.

use std::ops::Range;

use super::gazetteer::{Gazetteer, STOP};
use super::json_pairs;
use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a part of a chat line is reported as.
    enum Role {
        /// A sender, or a member an event names.
        PersonName => "chat-person-name",
    }
}

/// Longest sender name read.
const MAX_NAME: usize = 64;

/// The file whose first line is `head` is a chat export: the line starts
/// with a message's date and time.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let line = records::first_line(head);
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let line = line.strip_prefix(b"\xE2\x80\x8E").unwrap_or(line);
    after_stamp(line).is_some()
}

/// The file whose first bytes are `head` is a Telegram Desktop export:
/// a JSON object naming the chat's type, with its `messages` array.
pub(crate) fn sniff_telegram(head: &[u8]) -> bool {
    const TYPES: &[&[u8]] = &[
        b"\"personal_chat\"",
        b"\"private_group\"",
        b"\"private_supergroup\"",
        b"\"public_supergroup\"",
        b"\"saved_messages\"",
    ];
    let head = &head[..head.len().min(1024)];
    head.trim_ascii_start().starts_with(b"{")
        && memchr::memmem::find(head, b"\"messages\": [").is_some()
        && TYPES.iter().any(|t| memchr::memmem::find(head, t).is_some())
}

/// Where the head of a Telegram export ends: after the line opening its
/// `messages` array, so every chunk of a large export is known as one.
pub(crate) fn telegram_head_end(head: &[u8]) -> Option<usize> {
    if !sniff_telegram(head) {
        return None;
    }
    let at = memchr::memmem::find(head, b"\"messages\": [")?;
    Some(memchr::memchr(b'\n', &head[at..]).map_or(head.len(), |i| at + i + 1))
}

/// Report the senders and members of the Telegram export lines starting
/// in `body` through `emit` (the caller sorts them), under the `chat-*`
/// rules.
/// The export is pretty-printed: one key per line, one member per line.
pub(crate) fn scan_telegram(
    emit: &mut Emit<Role>,
    hay: &[u8],
    body: Range<usize>,
) {
    let mut in_members = false;
    for line in lines_starting_in(hay, body) {
        let text = hay[line.clone()].trim_ascii_start();
        let at = line.end - text.len();
        if in_members {
            if text.starts_with(b"]") {
                in_members = false;
            } else if text.starts_with(b"\"") {
                if let Some(value) =
                    json_pairs::string_at(hay, at + 1, line.end)
                        .filter(|v| !hay[v.clone()].contains(&b'\\'))
                {
                    name(hay, value, emit);
                }
            }
            continue;
        }
        if text.starts_with(b"\"members\": [") {
            in_members = !text.ends_with(b"]") && !text.ends_with(b"],");
            continue;
        }
        json_pairs::pairs(hay, line, |key, value| {
            if matches!(&hay[key], b"from" | b"actor") {
                name(hay, value, emit);
            }
        });
    }
}

/// Report the names in the lines starting in `body` through `emit`
/// (the caller sorts them), under the `chat-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    for line in lines_starting_in(hay, body) {
        let text = &hay[line.clone()];
        let Some(rest) = after_stamp(text) else { continue };
        let start = line.start + rest;
        message(hay, start..line.end, emit);
    }
}

/// Read the part of a message line after its time stamp.
fn message(hay: &[u8], text: Range<usize>, emit: &mut Emit<Role>) {
    let bytes = &hay[text.clone()];
    // `Sender: message`: the sender ends at the first `: `.
    let colon =
        memchr::memmem::find(&bytes[..bytes.len().min(MAX_NAME + 2)], b": ");
    if let Some(end) = colon {
        name(hay, text.start..text.start + end, emit);
        return;
    }
    // Events: `A added B, C and D`, `A removed B`, `A left`, `A created
    // group "..."`, `A joined using this group's invite link`.
    for verb in [&b" added "[..], b" removed "] {
        if let Some(at) = memchr::memmem::find(bytes, verb) {
            name(hay, text.start..text.start + at, emit);
            let from = text.start + at + verb.len();
            for part in split_list(&hay[from..text.end]) {
                name(hay, from + part.start..from + part.end, emit);
            }
            return;
        }
    }
    for verb in [&b" left"[..], b" created group ", b" joined using "] {
        if let Some(at) = memchr::memmem::find(bytes, verb) {
            name(hay, text.start..text.start + at, emit);
            return;
        }
    }
}

/// The members of `A, B and C` (spans into `list`).
fn split_list(list: &[u8]) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < list.len() {
        let sep = if list[i..].starts_with(b", ") {
            2
        } else if list[i..].starts_with(b" and ") {
            5
        } else {
            0
        };
        if sep > 0 {
            parts.push(start..i);
            i += sep;
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push(start..list.len());
    parts
}

/// Report `span` as a name: trimmed of emoji and what follows them, not
/// `You`, not a phone number.
fn name(hay: &[u8], span: Range<usize>, emit: &mut Emit<Role>) {
    let bytes = &hay[span.clone()];
    if bytes.len() > MAX_NAME
        || bytes.first().is_some_and(|&b| b == b'+' || b.is_ascii_digit())
        || bytes.eq_ignore_ascii_case(b"you")
    {
        return;
    }
    // Emoji and symbols (U+2040 to U+2FFF, or four bytes: `❤️`, `🌸`)
    // end the name; punctuation such as `’` does not.
    let end = (0..bytes.len())
        .find(|&i| {
            bytes[i] >= 0xF0
                || (bytes[i] == 0xE2
                    && bytes.get(i + 1).is_some_and(|&b| b >= 0x81))
        })
        .unwrap_or(bytes.len());
    let name = &bytes[..end];
    let trimmed =
        name.len() - name.iter().rev().take_while(|&&b| b == b' ').count();
    // `Studio Ferraris Amm.ni`, `Support Team`: an organisation.
    let first = name.split(|&b| b == b' ').next().unwrap_or(name);
    if Gazetteer::builtin().flags(first) & STOP != 0 {
        return;
    }
    if trimmed > 0 {
        emit.value(Role::PersonName, span.start..span.start + trimmed);
    }
}

/// Where the text after a message line's time stamp starts: Android's
/// `10/06/24, 7:41 pm - `, `10.06.24, 19:41 - `, iOS's `[10/06/24,
/// 19:41:12] `. `None` when the line does not start with one.
fn after_stamp(line: &[u8]) -> Option<usize> {
    let bracket = line.first() == Some(&b'[');
    let mut i = usize::from(bracket);
    // The date: day, month (or month, day) and year joined by `/` or
    // `.`, then a comma: `10/06/24,`, `10.06.2024,` (a log's ISO date
    // `2024-06-10 19:41:12 - worker: ...` is none).
    for group in 0..3 {
        let digits =
            line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let ok = if group < 2 {
            (1..=2).contains(&digits)
        } else {
            digits == 2 || digits == 4
        };
        if !ok {
            return None;
        }
        i += digits;
        if group < 2 {
            if !matches!(line.get(i), Some(b'/' | b'.')) {
                return None;
            }
            i += 1;
        }
    }
    if line.get(i..i + 2) != Some(b", ") {
        return None;
    }
    i += 2;
    // The time: `7:41`, `19:41:12`, then `am`/`pm` in any of their forms.
    let hours = line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=2).contains(&hours) || line.get(i + hours) != Some(&b':') {
        return None;
    }
    i += hours;
    while line.get(i) == Some(&b':')
        && line
            .get(i + 1..i + 3)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
    {
        i += 3;
    }
    let close = if bracket { &b"]"[..] } else { &b" - "[..] };
    let end = memchr::memmem::find(&line[i..line.len().min(i + 16)], close)?;
    // Only an am/pm mark may sit between the time and the separator.
    let between = &line[i..i + end];
    let mark = between.iter().all(|&b| {
        b.is_ascii_alphabetic() || matches!(b, b' ' | b'.') || b >= 0x80
    });
    if !mark {
        return None;
    }
    i += end + close.len();
    if bracket {
        if line.get(i) != Some(&b' ') {
            return None;
        }
        i += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_stamps() {
        let android = b"10/06/24, 7:41 pm - Rakesh: Namaskara";
        assert_eq!(after_stamp(android), Some(20));
        assert!(after_stamp(b"10.06.24, 19:41 - Rakesh: hi").is_some());
        assert!(after_stamp(b"[10/06/24, 19:41:12] Rakesh: hi").is_some());
        assert!(after_stamp(b"2024-06-10 19:41:12 INFO start").is_none());
        assert!(after_stamp(b"10/06/24 and more").is_none());
        assert!(
            after_stamp(b"2024-06-10 19:41:12 - worker: started").is_none()
        );
        assert!(sniff(b"10/06/24, 7:41 pm - Messages and calls are end-to-end encrypted.\n"));
    }

    #[test]
    fn telegram_exports() {
        let head = b"{\n \"name\": \"Condominio\",\n \"type\": \"private_supergroup\",\n \"id\": 1,\n \"messages\": [\n";
        assert!(sniff_telegram(head));
        assert!(!sniff_telegram(b"{\n  \"messages\": [\n"));
    }

    #[test]
    fn event_lists() {
        let list = b"Priya and Venkatesh Owner C1204";
        let parts: Vec<_> = split_list(list)
            .into_iter()
            .map(|r| String::from_utf8_lossy(&list[r]).into_owned())
            .collect();
        assert_eq!(parts, ["Priya", "Venkatesh Owner C1204"]);
    }
}
