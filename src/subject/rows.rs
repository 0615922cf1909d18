//! CSV rows as records. A quoted cell may hold line breaks (a ticket's
//! description, an address), so a row can span several lines: a
//! subject's record is the whole row, with every cell under its header,
//! not the one line their identifier sits on.
//!
//! Rows are read with RFC 4180 quoting: a quote opens a quoted cell only
//! at the start of a cell, `""` inside one is a quote, and a quote in the
//! middle of an unquoted cell (`5" screen`) is a plain byte, so one stray
//! quote cannot swallow the rest of the file. The text is fed in order,
//! piece by piece (chunks of a stream); a row still open at the end of a
//! piece is carried into the next, up to [`MAX_ROW`] bytes.

use std::ops::Range;

use super::locate::{Located, Record};
use super::matcher::Hit;

/// A row longer than this is not one: the quoting is broken (a quote
/// left open). The hits read so far keep their lines as records, and rows
/// are read afresh from the last line break.
pub const MAX_ROW: usize = 8 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// At the start of a cell: a quote here opens a quoted cell.
    Start,
    /// Inside an unquoted cell.
    Plain,
    /// Inside a quoted cell.
    Quoted,
    /// A quote inside a quoted cell: closes it, or escapes a second one.
    QuoteSeen,
}

impl Cell {
    /// Read `piece` from this state, calling `line_break(i, ends_row)` at
    /// each `\n` (`piece[i]`): outside a quoted cell it ends the row.
    fn read(&mut self, piece: &[u8], mut line_break: impl FnMut(usize, bool)) {
        for (i, &b) in piece.iter().enumerate() {
            if b != b'\n' {
                *self = self.next(b);
            } else if *self == Cell::Quoted {
                line_break(i, false);
            } else {
                *self = Cell::Start;
                line_break(i, true);
            }
        }
    }

    /// After byte `b` (not a line break that ends the row).
    fn next(self, b: u8) -> Cell {
        match (self, b) {
            (Cell::Quoted, b'"') => Cell::QuoteSeen,
            (Cell::Quoted, _) => Cell::Quoted,
            (Cell::QuoteSeen, b'"') => Cell::Quoted,
            (Cell::Start, b'"') => Cell::Quoted,
            (_, b',') => Cell::Start,
            _ => Cell::Plain,
        }
    }
}

/// Turns the hits of one CSV input into one record per row holding any,
/// fed the input's text in order.
#[derive(Debug)]
pub struct RowRecords {
    /// [`MAX_ROW`], smaller in tests.
    max_row: usize,
    cell: Cell,
    /// Offset of the current row's first byte.
    row_start: u64,
    /// 1-based line the current row starts on.
    row_line: u64,
    /// Lines begun so far (line of the next byte).
    line: u64,
    /// The current row's bytes from earlier pieces.
    carry: Vec<u8>,
    /// The first hit not yet given a record.
    next_hit: usize,
}

impl Default for RowRecords {
    fn default() -> Self {
        RowRecords {
            max_row: MAX_ROW,
            cell: Cell::Start,
            row_start: 0,
            row_line: 1,
            line: 1,
            carry: Vec::new(),
            next_hit: 0,
        }
    }
}

impl RowRecords {
    /// Read `piece`, the text at offset `at` (right after the previous
    /// piece), and give every complete row that holds hits a record.
    /// `hits` are the input's hits so far, in offset order, with
    /// absolute offsets; each gets `record` set when its row ends.
    pub fn feed(
        &mut self,
        at: u64,
        piece: &[u8],
        hits: &mut [Located],
        records: &mut Vec<Record>,
    ) {
        let mut cell = self.cell;
        cell.read(piece, |i, ends_row| {
            if ends_row {
                self.end_row(at, piece, i, hits, records);
            }
            self.line += 1;
        });
        self.cell = cell;
        // The row goes on in the next piece.
        let from = self.row_start.saturating_sub(at) as usize;
        if self.carry.len() + (piece.len() - from) > self.max_row {
            self.give_up(at, piece, hits, records);
        } else {
            self.carry.extend_from_slice(&piece[from..]);
        }
    }

    /// The text has ended: the last row needs no line break.
    pub fn finish(
        &mut self,
        end: u64,
        hits: &mut [Located],
        records: &mut Vec<Record>,
    ) {
        let row = std::mem::take(&mut self.carry);
        let range = self.row_start..end;
        self.emit(range, &row, hits, records);
    }

    /// The row ends at `piece[i]` (a line break outside quotes). Only a
    /// row holding hits is copied.
    fn end_row(
        &mut self,
        at: u64,
        piece: &[u8],
        i: usize,
        hits: &mut [Located],
        records: &mut Vec<Record>,
    ) {
        let end = at + i as u64;
        let from = self.row_start.saturating_sub(at) as usize;
        let has_hits = hits.get(self.next_hit).is_some_and(|h| h.start < end);
        if has_hits && self.carry.is_empty() {
            self.emit(self.row_start..end, &piece[from..i], hits, records);
        } else if has_hits {
            let mut row = std::mem::take(&mut self.carry);
            row.extend_from_slice(&piece[from..i]);
            self.emit(self.row_start..end, &row, hits, records);
            self.carry = row;
        }
        self.carry.clear();
        self.row_start = end + 1;
        self.row_line = self.line + 1;
    }

    /// Give the hits inside `range` (the row's bytes `row`) one record.
    fn emit(
        &mut self,
        range: Range<u64>,
        row: &[u8],
        hits: &mut [Located],
        records: &mut Vec<Record>,
    ) {
        let text = row.strip_suffix(b"\r").unwrap_or(row);
        let text_end = range.start + text.len() as u64;
        let mut record: Option<u32> = None;
        while let Some(h) = hits.get_mut(self.next_hit) {
            if h.start >= range.end {
                break;
            }
            self.next_hit += 1;
            let index = *record.get_or_insert_with(|| {
                records.push(Record {
                    line: self.row_line,
                    text: text.to_vec(),
                    hits: Vec::new(),
                });
                records.len() as u32 - 1
            });
            let start = (h.start.max(range.start) - range.start) as usize;
            let end =
                (h.end.min(text_end).max(h.start) - range.start) as usize;
            records[index as usize].hits.push(Hit {
                span: start..end.max(start),
                subject: h.subject,
                ident: h.ident,
            });
            h.record = Some(index);
        }
    }

    /// The current row outgrew [`MAX_ROW`]: the quoting is broken. Each
    /// hit up to the last line break read gets the line it sits on as its
    /// record, and rows are read afresh from that line break.
    fn give_up(
        &mut self,
        at: u64,
        piece: &[u8],
        hits: &mut [Located],
        records: &mut Vec<Record>,
    ) {
        let from = self.row_start.saturating_sub(at) as usize;
        let mut buf = std::mem::take(&mut self.carry);
        buf.extend_from_slice(&piece[from..]);
        // With no line break at all, the lines end where the text read
        // ends (a single line of several MiB).
        let cut = match memchr::memrchr(b'\n', &buf) {
            Some(i) => i + 1,
            None => buf.len(),
        };
        let lines_end = self.row_start + cut as u64;
        while let Some(h) = hits.get_mut(self.next_hit) {
            if h.start >= lines_end {
                break;
            }
            self.next_hit += 1;
            let rel = (h.start - self.row_start) as usize;
            let line_start =
                memchr::memrchr(b'\n', &buf[..rel]).map_or(0, |i| i + 1);
            let line_end =
                memchr::memchr(b'\n', &buf[rel..cut]).map_or(cut, |i| rel + i);
            let line = &buf[line_start..line_end];
            let text = line.strip_suffix(b"\r").unwrap_or(line);
            let end = ((h.end - self.row_start) as usize)
                .clamp(rel, line_start + text.len());
            let hit = Hit {
                span: rel - line_start..end - line_start,
                subject: h.subject,
                ident: h.ident,
            };
            match records.last_mut() {
                Some(r) if r.line == h.line && r.text == text => {
                    r.hits.push(hit)
                }
                _ => records.push(Record {
                    line: h.line,
                    text: text.to_vec(),
                    hits: vec![hit],
                }),
            }
            h.record = Some(records.len() as u32 - 1);
        }
        // The rest of the last line starts a row; read its cells again.
        let rest = buf.split_off(cut);
        self.cell = rest.iter().fold(Cell::Start, |cell, &b| cell.next(b));
        self.row_start = lines_end;
        self.row_line = self.line;
        self.carry = rest;
    }
}

/// Removes every CSV row holding a hit, whole even when its quoted cells
/// hold line breaks (`--erase-records`), fed the text in order. The
/// header row (the first) stays.
#[derive(Debug)]
pub struct RowEraser {
    /// [`MAX_ROW`], smaller in tests.
    max_row: usize,
    cell: Cell,
    /// Offset of the current row's first byte.
    row_start: u64,
    /// The current row's bytes from earlier pieces.
    carry: Vec<u8>,
    /// Rows removed so far.
    pub removed: u64,
}

/// A row outgrew [`MAX_ROW`]: the quoting is broken, and rows cannot be
/// told apart safely.
#[derive(Debug)]
pub struct RowTooLong;

impl Default for RowEraser {
    fn default() -> Self {
        RowEraser {
            max_row: MAX_ROW,
            cell: Cell::Start,
            row_start: 0,
            carry: Vec::new(),
            removed: 0,
        }
    }
}

impl RowEraser {
    /// Where the row being read starts: hits before it are settled.
    pub fn row_start(&self) -> u64 {
        self.row_start
    }

    /// Read `piece`, the text at offset `at` (right after the previous
    /// piece), appending every complete row without a hit to `out`.
    /// `hits` holds the start of every hit in `piece` (and possibly
    /// later), in order.
    pub fn feed(
        &mut self,
        at: u64,
        piece: &[u8],
        hits: &[u64],
        out: &mut Vec<u8>,
    ) -> Result<(), RowTooLong> {
        let (mut cell, mut from) = (self.cell, 0);
        cell.read(piece, |i, ends_row| {
            if ends_row {
                self.end_row(at + i as u64 + 1, &piece[from..=i], hits, out);
                from = i + 1;
            }
        });
        self.cell = cell;
        self.carry.extend_from_slice(&piece[from..]);
        if self.carry.len() > self.max_row {
            return Err(RowTooLong);
        }
        Ok(())
    }

    /// The text has ended at `end`: the last row needs no line break.
    pub fn finish(&mut self, end: u64, hits: &[u64], out: &mut Vec<u8>) {
        if !self.carry.is_empty() {
            self.end_row(end, &[], hits, out);
        }
    }

    /// The current row ends before `end`; `tail` is its part in the
    /// piece being read.
    fn end_row(
        &mut self,
        end: u64,
        tail: &[u8],
        hits: &[u64],
        out: &mut Vec<u8>,
    ) {
        let first = hits.partition_point(|&h| h < self.row_start);
        let hit = hits.get(first).is_some_and(|&h| h < end);
        if hit && self.row_start > 0 {
            self.removed += 1;
        } else {
            out.extend_from_slice(&self.carry);
            out.extend_from_slice(tail);
        }
        self.carry.clear();
        self.row_start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hit on every occurrence of `needle` in `text`, as `locate` makes
    /// them (absolute offsets, 1-based lines, no record yet).
    fn hits_of(text: &[u8], needle: &[u8]) -> Vec<Located> {
        let finder = memchr::memmem::Finder::new(needle);
        finder
            .find_iter(text)
            .map(|at| Located {
                start: at as u64,
                end: (at + needle.len()) as u64,
                line: 1 + memchr::memchr_iter(b'\n', &text[..at]).count()
                    as u64,
                column: 1,
                subject: 0,
                ident: 0,
                time: None,
                record: None,
                masked: String::new(),
                value: None,
                cell: None,
            })
            .collect()
    }

    /// Records of `text` fed in pieces of `piece` bytes.
    fn records(
        text: &[u8],
        needle: &[u8],
        piece: usize,
        max_row: usize,
    ) -> (Vec<Located>, Vec<Record>) {
        let mut hits = hits_of(text, needle);
        let mut records = Vec::new();
        let mut rows = RowRecords { max_row, ..RowRecords::default() };
        for (i, p) in text.chunks(piece.max(1)).enumerate() {
            rows.feed((i * piece) as u64, p, &mut hits, &mut records);
        }
        rows.finish(text.len() as u64, &mut hits, &mut records);
        (hits, records)
    }

    fn texts(records: &[Record]) -> Vec<String> {
        records
            .iter()
            .map(|r| {
                format!("{}:{}", r.line, String::from_utf8_lossy(&r.text))
            })
            .collect()
    }

    #[test]
    fn a_quoted_line_break_keeps_the_row_whole() {
        let text = b"id,email,note\r\n1,ann@x.io,\"first\r\nsecond, \"\"quoted\"\"\"\r\n2,bob@y.io,plain\r\n3,ann@x.io,\"a\nb\nc\"";
        for piece in [1, 2, 3, 7, 64, text.len()] {
            let (hits, recs) = records(text, b"ann@x.io", piece, MAX_ROW);
            assert_eq!(
                texts(&recs),
                [
                    "2:1,ann@x.io,\"first\r\nsecond, \"\"quoted\"\"\"",
                    "5:3,ann@x.io,\"a\nb\nc\"",
                ],
                "pieces of {piece}"
            );
            assert_eq!(
                hits.iter().map(|h| h.record).collect::<Vec<_>>(),
                [Some(0), Some(1)]
            );
            let r = &recs[0];
            assert_eq!(&r.text[r.hits[0].span.clone()], b"ann@x.io");
        }
    }

    #[test]
    fn stray_quotes_and_one_row_per_record() {
        // A quote inside an unquoted cell is a plain byte; two hits in
        // one row share its record; a row without hits has none.
        let text = b"sku,desc,who\n1,5\" screen,ann@x.io ann@x.io\n2,x,none\n3,y,ann@x.io\n";
        let (hits, recs) = records(text, b"ann@x.io", 5, MAX_ROW);
        assert_eq!(
            texts(&recs),
            ["2:1,5\" screen,ann@x.io ann@x.io", "4:3,y,ann@x.io"]
        );
        assert_eq!(recs[0].hits.len(), 2);
        assert_eq!(
            hits.iter().map(|h| h.record).collect::<Vec<_>>(),
            [Some(0), Some(0), Some(1)]
        );
    }

    /// `text` without the rows holding `needle`, fed in pieces.
    fn erased(text: &[u8], needle: &[u8], piece: usize) -> (Vec<u8>, u64) {
        let hits: Vec<u64> = memchr::memmem::find_iter(text, needle)
            .map(|at| at as u64)
            .collect();
        let (mut eraser, mut out) = (RowEraser::default(), Vec::new());
        for (i, p) in text.chunks(piece.max(1)).enumerate() {
            eraser.feed((i * piece) as u64, p, &hits, &mut out).unwrap();
        }
        eraser.finish(text.len() as u64, &hits, &mut out);
        (out, eraser.removed)
    }

    #[test]
    fn erasing_removes_whole_rows_and_keeps_the_header() {
        let text =
            b"id,who,note\r\n1,ann,\"a\r\nann b\"\r\n2,bob,\"x\ny\"\n3,ann,z";
        for piece in [1, 2, 5, text.len()] {
            assert_eq!(
                erased(text, b"ann", piece),
                (b"id,who,note\r\n2,bob,\"x\ny\"\n".to_vec(), 2),
                "pieces of {piece}"
            );
            // A hit in the header keeps the header.
            assert_eq!(erased(text, b"who", piece), (text.to_vec(), 0));
        }
        let mut eraser = RowEraser { max_row: 8, ..RowEraser::default() };
        let open = b"id\n\"never closed\n1\n2\n3\n";
        assert!(eraser.feed(0, open, &[], &mut Vec::new()).is_err());
    }

    #[test]
    fn an_unclosed_quote_falls_back_to_lines() {
        // The quote never closes: past the cap, hits keep their lines.
        let mut text = b"id,note\n1,\"open\n".to_vec();
        for i in 0..50 {
            text.extend_from_slice(format!("{i},line ann@x.io\n").as_bytes());
        }
        let (hits, recs) = records(&text, b"ann@x.io", 64, 256);
        assert!(hits.iter().all(|h| h.record.is_some()));
        // Once rows are read afresh, the rest of the file is read right.
        let expected: Vec<String> =
            (0..50).map(|i| format!("{}:{i},line ann@x.io", i + 3)).collect();
        let got = texts(&recs);
        assert_eq!(got[got.len() - 40..], expected[10..], "{got:?}");
        // The first lines went by line (the open quote made them a row).
        assert!(got.iter().all(|r| r.ends_with(",line ann@x.io")), "{got:?}");
    }
}
