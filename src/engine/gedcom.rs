//! GEDCOM family trees: values by the tag that holds them.
//!
//! Genealogy programs (Gramps, Ancestry, MyHeritage, FamilySearch) export
//! a tree as GEDCOM lines, `level TAG value`: a person is a `0 @I1@ INDI`
//! record, their name `1 NAME Georgios /Papadakis/` (the surname between
//! slashes), their birth `1 BIRT` with `2 DATE 4 JUN 1928` below it, an
//! address `2 ADR1 27 Rosstown Road` and `2 POST 3163` under `ADDR`. The
//! tag says what each value is, which no regex can tell from `4 JUN 1928`
//! (also a death or a marriage date) or from a surname alone in Greek
//! script.
//!
//! It runs only on files that start like one (`0 HEAD`, [`sniff`]). Each
//! value must match its rule's regex whole and pass its validator, so a
//! pattern file decides what is reported.

use std::ops::Range;

use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a tag's value (or a part of it) is reported as.
    enum Role {
        PersonName => "gedcom-person-name",
        Street => "gedcom-street-address",
        PostalCode => "gedcom-postal-code",
        BirthDate => "gedcom-date-of-birth",
    }
}

/// The file whose first line is `head` is a GEDCOM file.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let line = records::first_line(head);
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    line.trim_ascii() == b"0 HEAD"
}

/// The deepest level whose tag is kept: names, events and addresses sit
/// at levels 1 to 3.
const LEVELS: usize = 4;

/// Report the values of the GEDCOM lines starting in `body` through
/// `emit` (the caller sorts them), under the `gedcom-*` rules.
pub(crate) fn scan(emit: &mut Emit<Role>, hay: &[u8], body: Range<usize>) {
    // `tags[n]`: the tag of the last line of level `n` above this one;
    // `tags[0]` is the record's type (`INDI`, `SUBM`, `REPO`, ...). A
    // chunk that starts inside a record takes the type from the record's
    // first line, if the chunk's haystack reaches back to it.
    let mut tags: [&[u8]; LEVELS] = [b""; LEVELS];
    tags[0] = record_type_before(hay, body.start);
    for line in lines_starting_in(hay, body) {
        let Some(line) = Line::parse(hay, line) else { continue };
        if line.level >= LEVELS {
            continue;
        }
        tags[line.level] = line.tag;
        for deeper in &mut tags[line.level + 1..] {
            *deeper = b"";
        }
        if line.level == 0 {
            // `0 @I1@ INDI`: the type follows the cross-reference.
            tags[0] = if line.tag.starts_with(b"@") {
                first_word(&hay[line.value.clone()])
            } else {
                line.tag
            };
            continue;
        }
        let parent = tags[line.level - 1];
        let person = matches!(tags[0], b"INDI" | b"SUBM");
        match line.tag {
            b"NAME" if person && line.level == 1 => {
                name_parts(hay, line.value, emit)
            }
            b"GIVN" | b"SURN" | b"NICK" | b"_MARNM" | b"_AKA"
                if person && parent == b"NAME" =>
            {
                emit.value(Role::PersonName, line.value)
            }
            b"DATE" if person && parent == b"BIRT" => {
                emit.value(Role::BirthDate, line.value)
            }
            b"ADR1" | b"ADR2" | b"ADR3" if parent == b"ADDR" => {
                emit.value(Role::Street, line.value)
            }
            b"POST" if parent == b"ADDR" => {
                emit.value(Role::PostalCode, line.value)
            }
            _ => {}
        }
    }
}

/// One GEDCOM line: `level [@xref@] TAG [value]`.
struct Line<'h> {
    level: usize,
    tag: &'h [u8],
    /// The value after the tag (for a level-0 line, what follows its
    /// cross-reference: `@I1@ INDI` gives `INDI` as the value).
    value: Range<usize>,
}

impl<'h> Line<'h> {
    fn parse(hay: &'h [u8], line: Range<usize>) -> Option<Line<'h>> {
        let bytes = &hay[line.clone()];
        let lead =
            bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let digits =
            bytes[lead..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 2 || bytes.get(lead + digits) != Some(&b' ')
        {
            return None;
        }
        let level = std::str::from_utf8(&bytes[lead..lead + digits])
            .ok()?
            .parse()
            .ok()?;
        let tag_start = lead + digits + 1;
        let tag_len = bytes[tag_start..]
            .iter()
            .position(|&b| b == b' ')
            .unwrap_or(bytes.len() - tag_start);
        let tag = &bytes[tag_start..tag_start + tag_len];
        let value_start = (tag_start + tag_len + 1).min(bytes.len());
        let value = records::trimmed(hay, line.start + value_start..line.end);
        Some(Line { level, tag, value })
    }
}

/// The record type of a level-0 line after its `0 `: `@I1@ INDI` ->
/// `INDI`, `HEAD` -> `HEAD`.
fn record_type(rest: &[u8]) -> &[u8] {
    let rest = rest.trim_ascii();
    match rest.strip_prefix(b"@").and_then(|r| memchr::memchr(b'@', r)) {
        Some(close) => first_word(&rest[close + 2..]),
        None => first_word(rest),
    }
}

fn first_word(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.trim_ascii();
    let end = memchr::memchr(b' ', bytes).unwrap_or(bytes.len());
    &bytes[..end]
}

/// The type of the record open at `at`: from the last level-0 line before
/// it in `hay`. Unknown (no such line in reach) counts as a person's
/// record, which most records of a tree are.
fn record_type_before(hay: &[u8], at: usize) -> &[u8] {
    let mut end = at;
    loop {
        let start = memchr::memrchr(b'\n', &hay[..end]).map_or(0, |nl| nl + 1);
        if let Some(rest) = hay[start..end].strip_prefix(b"0 ") {
            return record_type(rest);
        }
        if start == 0 {
            return b"INDI";
        }
        end = start - 1;
    }
}

/// `Georgios /Papadakis/ Jr.`: the given names and the surname are two
/// values; a name without slashes is one.
fn name_parts(hay: &[u8], value: Range<usize>, emit: &mut Emit<Role>) {
    let bytes = &hay[value.clone()];
    let Some(open) = memchr::memchr(b'/', bytes) else {
        emit.value(Role::PersonName, value);
        return;
    };
    let close = memchr::memchr(b'/', &bytes[open + 1..])
        .map_or(bytes.len(), |i| open + 1 + i);
    let given = records::trimmed(hay, value.start..value.start + open);
    let surname =
        records::trimmed(hay, value.start + open + 1..value.start + close);
    for part in [given, surname] {
        if !part.is_empty() {
            emit.value(Role::PersonName, part);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_start_like_a_tree() {
        assert!(sniff(b"0 HEAD\n1 SOUR GRAMPS\n"));
        assert!(sniff(b"\xEF\xBB\xBF0 HEAD\r\n"));
        assert!(!sniff(b"0 HEADLINE\n"));
        assert!(!sniff(b"id,name\n"));
    }

    #[test]
    fn lines_and_record_types() {
        let hay = b"0 @I7@ INDI\n1 NAME Ana /Lima/\n  2 GIVN Ana\n";
        let line = Line::parse(hay, 12..29).unwrap();
        assert_eq!((line.level, line.tag), (1, &b"NAME"[..]));
        assert_eq!(&hay[line.value], b"Ana /Lima/");
        let line = Line::parse(hay, 30..hay.len() - 1).unwrap();
        assert_eq!((line.level, line.tag), (2, &b"GIVN"[..]));
        assert!(Line::parse(b"NAME x", 0..6).is_none());
        assert_eq!(record_type(b"@F1@ FAM"), b"FAM");
        assert_eq!(record_type(b"HEAD"), b"HEAD");
        assert_eq!(record_type_before(hay, 30), b"INDI");
        let hay = b"0 @R1@ REPO\n1 NAME Archive\n";
        assert_eq!(record_type_before(hay, 12), b"REPO");
        assert_eq!(record_type_before(b"1 NAME x\n", 0), b"INDI");
    }
}
