//! Names in the cells of a record whose e-mail address is spelled from
//! them: a headerless export's party line `PTY|...|Bélanger|Jean-François|
//! ...|jf.belanger@videotron.ca|...`, a pipe-separated contact list. No
//! header names the cells and no gazetteer need know the words: the
//! address, written by the person, vouches for them. A name so found is
//! also its owner's where it recurs in the haystack as a whole word (a
//! note's `Nathalie says call her cell`).
//!
//! Runs over the e-mail addresses the catalog found, one line each: only
//! lines holding an address are read, and only in files without a header
//! row (a header's columns name the cells of a table).

use std::ops::Range;

use super::fields::FieldRule;
use super::gazetteer::{self, Gazetteer, COMMON, GIVEN, STOP};
use super::login_pairs::{ascii_letters, german_spelled};
use super::Match;

/// Longest cell read as a name.
const MAX_CELL: usize = 64;
/// Most words in a name cell.
const MAX_WORDS: usize = 4;
/// Most names whose other occurrences are looked for in one haystack.
const MAX_RECURRING: usize = 64;
/// Shortest name word looked for elsewhere.
const MIN_RECURRING: usize = 4;

/// Reports names spelled by an e-mail address on their line.
pub(crate) struct MailNames {
    rule: FieldRule,
}

/// A word's span and its folded spellings (`Hüttenrauch` gives
/// `huttenrauch` and `huettenrauch`).
type Word = (Range<usize>, Vec<Vec<u8>>);

/// A cell that may hold a name, and its words folded to ASCII.
struct Cell {
    span: Range<usize>,
    words: Vec<Word>,
}

impl MailNames {
    pub(crate) fn new(rule: FieldRule) -> MailNames {
        MailNames { rule }
    }

    /// Append the names on the lines of `emails` (spans in `body`, in
    /// order) and their recurrences in `body` to `out`.
    pub(crate) fn scan(
        &self,
        hay: &[u8],
        body: Range<usize>,
        emails: &[Range<usize>],
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        if self.rule.confidence < min_confidence || emails.is_empty() {
            return;
        }
        let gazetteer = Gazetteer::builtin();
        let mut found: Vec<Range<usize>> = Vec::new();
        // The names' words as written, and in capitals without accents
        // (a payee line's `BELANGER JEAN-FRANCOIS`).
        let mut recurring: Vec<Vec<u8>> = Vec::new();
        for email in emails {
            let line = line_around(hay, email.start);
            // Only a record's cells are read: a line parted by `|`, `;`
            // or tabs (an export), not a sentence's or a log's commas.
            let record = hay[line.clone()]
                .iter()
                .filter(|&&b| matches!(b, b'|' | b';' | b'\t'))
                .count()
                >= 3;
            if !record {
                continue;
            }
            let cells = name_cells(hay, line, email, gazetteer);
            let local = local_part(&hay[email.clone()]);
            for (cell, strong) in spelled_cells(local, &cells) {
                let span = cells[cell].span.clone();
                if !self.rule.accepts(&hay[span.clone()]) {
                    continue;
                }
                for (word, _) in &cells[cell].words {
                    let w = &hay[word.clone()];
                    // A word read by its initial only recurs if it is a
                    // known given name.
                    let vouched =
                        record && (strong || gazetteer.flags(w) & GIVEN != 0);
                    let mut buf = [0u8; gazetteer::MAX_WORD * 2];
                    let capitals = gazetteer::without_diacritics(w, &mut buf)
                        .map(<[u8]>::to_ascii_uppercase);
                    let forms = [Some(w.to_vec()), capitals];
                    for form in forms.into_iter().flatten() {
                        if vouched
                            && form.len() >= MIN_RECURRING
                            && recurring.len() < MAX_RECURRING
                            && !recurring.contains(&form)
                        {
                            recurring.push(form);
                        }
                    }
                }
                found.push(span);
            }
        }
        for word in &recurring {
            for at in memchr::memmem::find_iter(&hay[body.clone()], word) {
                let span = body.start + at..body.start + at + word.len();
                if whole_word(hay, &span)
                    && !after_other_word(hay, span.start, &recurring)
                    && !found
                        .iter()
                        .any(|f| f.start <= span.start && span.end <= f.end)
                {
                    found.push(span);
                }
            }
        }
        found.sort_by_key(|s| s.start);
        found.dedup();
        // Words of one name one space apart are that name.
        let mut names: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for span in found {
            match names.last_mut() {
                Some(last)
                    if span.start == last.end + 1 && hay[last.end] == b' ' =>
                {
                    last.end = span.end;
                }
                _ => names.push(span),
            }
        }
        out.extend(names.into_iter().map(|s| self.rule.finding(s)));
    }
}

/// The line holding `at`, without its line break.
fn line_around(hay: &[u8], at: usize) -> Range<usize> {
    let start = memchr::memrchr(b'\n', &hay[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &hay[at..]).map_or(hay.len(), |i| at + i);
    let end = if end > start && hay[end - 1] == b'\r' { end - 1 } else { end };
    start..end
}

/// The cells of `line` (between `|`, `;`, tabs or commas) that may hold a
/// name: one to four capitalized words of letters, none a common word.
fn name_cells(
    hay: &[u8],
    line: Range<usize>,
    email: &Range<usize>,
    gazetteer: &Gazetteer,
) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut start = line.start;
    for end in (line.start..line.end)
        .filter(|&i| is_separator(hay[i]))
        .chain([line.end])
    {
        let span = trim(hay, start..end);
        start = end + 1;
        if span.is_empty()
            || span.len() > MAX_CELL
            || span.contains(&email.start)
        {
            continue;
        }
        if let Some(words) = name_words(hay, span.clone(), gazetteer) {
            cells.push(Cell { span, words });
        }
    }
    cells
}

fn is_separator(b: u8) -> bool {
    matches!(b, b'|' | b';' | b'\t' | b',')
}

/// `span` without the spaces and quotes around it.
fn trim(hay: &[u8], mut span: Range<usize>) -> Range<usize> {
    while span.start < span.end
        && matches!(hay[span.start], b' ' | b'"' | b'\'')
    {
        span.start += 1;
    }
    while span.end > span.start
        && matches!(hay[span.end - 1], b' ' | b'"' | b'\'')
    {
        span.end -= 1;
    }
    span
}

/// The words of a cell that reads as a name, each with its folded
/// spellings; `None` for any other cell.
fn name_words(
    hay: &[u8],
    span: Range<usize>,
    gazetteer: &Gazetteer,
) -> Option<Vec<Word>> {
    let mut words = Vec::new();
    let mut at = span.start;
    for word in hay[span.clone()].split(|&b| b == b' ') {
        let range = at..at + word.len();
        at = range.end + 1;
        let capital =
            word.first().is_some_and(|&b| b.is_ascii_uppercase() || b >= 0xC3);
        let letters = word.iter().all(|&b| {
            b.is_ascii_alphabetic() || b >= 0x80 || matches!(b, b'-' | b'\'')
        });
        if word.len() < 2
            || !capital
            || !letters
            || words.len() == MAX_WORDS
            || gazetteer.flags(word) & (COMMON | STOP) != 0
        {
            return None;
        }
        words.push((range, spellings(word)?));
    }
    (!words.is_empty()).then_some(words)
}

/// `word` in lower-case ASCII letters, with diacritics dropped and, for
/// German umlauts and `ß`, also as e-mail addresses write them (`ü` as
/// `ue`).
fn spellings(word: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut out = vec![ascii_letters(word)?];
    if let Some(german) = german_spelled(word) {
        let german = ascii_letters(german.as_bytes())?;
        if german != out[0] {
            out.push(german);
        }
    }
    // Each part of a double name (`Pfeiffer-Garza`: `garza`).
    if word.contains(&b'-') {
        for part in word.split(|&b| b == b'-').filter(|p| !p.is_empty()) {
            out.push(ascii_letters(part)?);
        }
    }
    Some(out)
}

/// The lower-case letters of an address's local part, in runs (`.`, `_`,
/// `-`, `+` and digits part them): `jf.belanger62` gives `jf`, `belanger`.
fn local_part(email: &[u8]) -> Vec<Vec<u8>> {
    let local = &email[..memchr::memchr(b'@', email).unwrap_or(email.len())];
    local
        .split(|b| !b.is_ascii_alphabetic())
        .filter(|run| !run.is_empty())
        .map(|run| run.to_ascii_lowercase())
        .collect()
}

/// The cells the local part is spelled from, each with whether a word of
/// it is written out (not only its initial). Every letter of the local
/// part must be read: whole words, a word's first three letters or more
/// ending a run (`greg` of `Gregory`), initials of a cell beside a written
/// one, and one letter at most read from nothing (a middle initial). At
/// least two pieces, one a written word: `support@` beside `Support`
/// spells no one.
fn spelled_cells(local: Vec<Vec<u8>>, cells: &[Cell]) -> Vec<(usize, bool)> {
    let mut strong = vec![false; cells.len()];
    let mut initial = vec![false; cells.len()];
    let mut pieces = 0;
    let mut unread = 0;
    for run in &local {
        let mut p = 0;
        while p < run.len() {
            let rest = &run[p..];
            // The longest written word, then a prefix ending the run.
            let mut best: Option<(usize, usize)> = None;
            for (c, cell) in cells.iter().enumerate() {
                for (_, spelled) in &cell.words {
                    for s in spelled {
                        let whole = s.len() >= 3 && rest.starts_with(s);
                        let prefix = rest.len() >= 3
                            && s.len() > rest.len()
                            && s.starts_with(rest);
                        let len = if whole {
                            s.len()
                        } else if prefix {
                            rest.len()
                        } else {
                            0
                        };
                        if len > best.map_or(0, |b| b.1) {
                            best = Some((c, len));
                        }
                    }
                }
            }
            if let Some((c, len)) = best {
                strong[c] = true;
                p += len;
                pieces += 1;
                continue;
            }
            let by_initial = cells.iter().position(|cell| {
                cell.words.iter().any(|(_, s)| s[0].first() == Some(&rest[0]))
            });
            match by_initial {
                Some(c) => initial[c] = true,
                None if unread == 0 => unread += 1,
                None => return Vec::new(),
            }
            p += 1;
            pieces += 1;
        }
    }
    if pieces < 2 || !strong.contains(&true) {
        return Vec::new();
    }
    // An initial vouches for a cell only right beside a written one.
    let close = |a: usize, b: usize| {
        strong[a]
            && (cells[b].span.start.abs_diff(cells[a].span.end) <= 3
                || cells[a].span.start.abs_diff(cells[b].span.end) <= 3)
    };
    (0..cells.len())
        .filter_map(|c| {
            let beside = (c + 1 < cells.len() && close(c + 1, c))
                || (c > 0 && close(c - 1, c));
            if strong[c] {
                Some((c, true))
            } else if initial[c] && beside {
                Some((c, false))
            } else {
                None
            }
        })
        .collect()
}

/// A capitalized word without a period, not itself one of the names'
/// `words`, stands right before `at`: the name recurs inside a place's or
/// firm's (`São Paulo`, `Vila Mariana`), not as the person's (`Dr.
/// Hüttenrauch`, `. Camila`, `BELANGER JEAN-FRANCOIS`).
fn after_other_word(hay: &[u8], at: usize, words: &[Vec<u8>]) -> bool {
    if at < 2 || hay[at - 1] != b' ' {
        return false;
    }
    let end = at - 1;
    let start = hay[..end]
        .iter()
        .rposition(|&b| !(b.is_ascii_alphabetic() || b >= 0x80 || b == b'-'))
        .map_or(0, |i| i + 1);
    start < end
        && (hay[start].is_ascii_uppercase() || hay[start] >= 0xC3)
        && !words.iter().any(|w| w.as_slice() == &hay[start..end])
}

/// Nothing alphanumeric touches `span`.
fn whole_word(hay: &[u8], span: &Range<usize>) -> bool {
    let letter = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    (span.start == 0 || !letter(hay[span.start - 1]))
        && hay.get(span.end).map_or(true, |&b| !letter(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<String> {
        let hay = line.as_bytes();
        let at = line.find('@').unwrap();
        let start = line[..at].rfind('|').map_or(0, |i| i + 1);
        let end = line[at..].find('|').map_or(line.len(), |i| at + i);
        let email = start..end;
        let cells =
            name_cells(hay, 0..hay.len(), &email, Gazetteer::builtin());
        spelled_cells(local_part(&hay[email]), &cells)
            .into_iter()
            .map(|(c, _)| line[cells[c].span.clone()].to_string())
            .collect()
    }

    #[test]
    fn cells_spelled_by_the_address() {
        let pty = "PTY|24-1187|SELLER|1|IND|Bélanger|Jean-François||ITIN|927-74-3381|Y|CA|Laval|QC|jf.belanger@videotron.ca|50";
        assert_eq!(names(pty), ["Bélanger", "Jean-François"]);
        let umlaut = "PTY|1|Hüttenrauch|Wolfgang||Starnberg|BY|w.huettenrauch@t-online.de|100";
        assert_eq!(names(umlaut), ["Hüttenrauch", "Wolfgang"]);
        let prefix =
            "PTY|1|Ashworth|Gregory||NONE|US|greg.ashworth@ashworthdental.com";
        assert_eq!(names(prefix), ["Ashworth", "Gregory"]);
        let glued =
            "PTY|1|Pfeiffer-Garza|Linda||SSN|TX|lindapgarza@sbcglobal.net";
        assert_eq!(names(glued), ["Pfeiffer-Garza", "Linda"]);
    }

    #[test]
    fn no_one_spelled() {
        // A role address, a firm's address, a cell the address does not
        // spell.
        assert!(names("Support|Acme Ltd|support@acme.example").is_empty());
        assert!(names("Acme|Billing|acme.billing@acme.example").is_empty());
        assert!(names("Laval|QC|nathalie.ouellet62@gmail.com").is_empty());
    }
}
