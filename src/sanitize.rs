//! Escaping for anything printed to a terminal.
//!
//! File names and member names come from untrusted input; printing them raw
//! would let a file named `\x1b]...` rewrite the user's terminal. Every
//! message that prints a path goes through [`for_terminal`] (fd does the same,
//! sharkdp/fd:src/sanitize.rs).

use std::borrow::Cow;

/// Escape C0/C1 controls, bidi overrides and zero-width characters.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}')
}

#[cfg(test)]
mod tests {
    use super::for_terminal;

    #[test]
    fn escapes_escape_sequences_and_bidi() {
        assert_eq!(for_terminal("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(for_terminal("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(for_terminal("plain/path.log"), "plain/path.log");
    }
}
