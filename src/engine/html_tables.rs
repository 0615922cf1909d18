//! The column names of HTML tables: a cell (`<td>16121</td>`) is named
//! by the header cell above it (`<th>CAP</th>`), as a CSV value is by its
//! header row. Registers printed from office software, reports saved as
//! `.xls`, and staff tables in captured HTTP responses are HTML tables.
//!
//! The header rows of a haystack are found once, in one pass for `<th`;
//! a cell's column is then counted within its own row, so looking one up
//! costs the length of that row, not of the table.

use std::ops::Range;

/// The longest row (from `<tr` to a cell) read to count a cell's column.
const MAX_ROW: usize = 16 << 10;
/// Header rows read per haystack.
const MAX_HEADERS: usize = 256;
/// Columns read per header row.
const MAX_COLUMNS: usize = 64;

/// The header rows of one haystack's tables, in order.
#[derive(Debug, Default)]
pub(crate) struct TableHeaders {
    /// Where each header row starts, and the text of its cells.
    rows: Vec<(usize, Vec<Box<[u8]>>)>,
}

impl TableHeaders {
    /// The header rows of `hay` (`None` if it has none). `head`: the
    /// start of the file, when `hay` is a later part of it: its header
    /// row names the cells above the first header row of `hay`.
    pub(crate) fn parse(
        hay: &[u8],
        head: Option<&[u8]>,
    ) -> Option<TableHeaders> {
        let mut rows: Vec<(usize, Vec<Box<[u8]>>)> = Vec::new();
        if let Some((_, names)) = head.and_then(|h| header_rows(h).next()) {
            rows.push((0, names));
        }
        for (row, names) in header_rows(hay) {
            if row == 0 {
                rows.clear();
            }
            rows.push((row, names));
            if rows.len() == MAX_HEADERS {
                break;
            }
        }
        (!rows.is_empty()).then_some(TableHeaders { rows })
    }

    /// The text of the header cell above the cell whose opening tag
    /// (`<td`) starts at `tag` in `hay`: the same column of the last
    /// header row before the cell's row.
    pub(crate) fn column_of(&self, hay: &[u8], tag: usize) -> Option<&[u8]> {
        let row = row_start(hay, tag)?;
        let header = self.rows.partition_point(|(r, _)| *r < row);
        let (_, names) = match header.checked_sub(1) {
            Some(h) => &self.rows[h],
            // A header carried from the file's head (at 0) stands above
            // a row at the haystack's very start too.
            None => self.rows.first().filter(|(r, _)| *r == 0 && row == 0)?,
        };
        let col = count_cells(&hay[row..tag]);
        names.get(col).map(|n| &n[..]).filter(|n| !n.is_empty())
    }
}

/// Where the first header row in `head` ends (after its `</tr>`), if the
/// file starting with `head` is HTML or XML and holds one.
pub(crate) fn header_end(head: &[u8]) -> Option<usize> {
    if !super::xml_elements::sniff(head) {
        return None;
    }
    let th = find_tag(head, 0, b"th")?;
    let row = row_start(head, th)?;
    let (cells, end) = cells_of_row(head, row);
    if cells.is_empty() || end == head.len() {
        return None;
    }
    Some(end + memchr::memchr(b'>', &head[end..])? + 1)
}

/// The header rows of `hay`: where each starts and its cells' text.
fn header_rows(
    hay: &[u8],
) -> impl Iterator<Item = (usize, Vec<Box<[u8]>>)> + '_ {
    let mut from = 0;
    let mut last = None;
    std::iter::from_fn(move || {
        while let Some(i) = find_tag(hay, from, b"th") {
            let Some(row) = row_start(hay, i) else {
                from = i + 3;
                continue;
            };
            let (cells, end) = cells_of_row(hay, row);
            from = end.max(i + 3);
            if cells.is_empty() || last == Some(row) {
                continue;
            }
            last = Some(row);
            let names = cells.into_iter().map(|c| hay[c].into()).collect();
            return Some((row, names));
        }
        None
    })
}

/// The next `<name` tag (either case, followed by `>` or a space) at or
/// after `from`.
fn find_tag(hay: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = memchr::memchr(b'<', &hay[at..]) {
        let lt = at + i;
        if is_tag(hay, lt, name) {
            return Some(lt);
        }
        at = lt + 1;
    }
    None
}

/// A `<name` tag (either case) starts at `lt`.
fn is_tag(hay: &[u8], lt: usize, name: &[u8]) -> bool {
    let after = lt + 1 + name.len();
    hay.get(lt + 1..after).is_some_and(|n| n.eq_ignore_ascii_case(name))
        && matches!(hay.get(after), Some(b'>' | b' ' | b'\t' | b'\n'))
}

/// Where the row holding the tag at `tag` starts: its `<tr`, within
/// [`MAX_ROW`] bytes and with no `</tr>` between.
fn row_start(hay: &[u8], tag: usize) -> Option<usize> {
    let from = tag.saturating_sub(MAX_ROW);
    let window = &hay[from..tag];
    let mut end = window.len();
    while let Some(i) = memchr::memrchr(b'<', &window[..end]) {
        let lt = from + i;
        if is_tag(hay, lt, b"tr") {
            return Some(lt);
        }
        if closes_row(hay, lt) {
            return None;
        }
        end = i;
    }
    None
}

/// A `</tr` (either case) starts at `lt`.
fn closes_row(hay: &[u8], lt: usize) -> bool {
    hay.get(lt + 1..lt + 4).is_some_and(|t| t.eq_ignore_ascii_case(b"/tr"))
}

/// The text of each cell of the row starting at `row` (inner tags and
/// surrounding spaces left out; a cell holding markup is empty), and
/// where the row ends.
fn cells_of_row(hay: &[u8], row: usize) -> (Vec<Range<usize>>, usize) {
    let limit = (row + MAX_ROW).min(hay.len());
    let end = memchr::memchr_iter(b'<', &hay[row..limit])
        .map(|i| row + i)
        .find(|&lt| closes_row(hay, lt))
        .unwrap_or(limit);
    let mut cells = Vec::new();
    let mut at = row + 3;
    while let Some(i) = memchr::memchr(b'<', &hay[at..end]) {
        let lt = at + i;
        at = lt + 1;
        if !(is_tag(hay, lt, b"th") || is_tag(hay, lt, b"td")) {
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', &hay[lt..end]).map(|g| lt + g)
        else {
            break;
        };
        let text_end = memchr::memchr(b'<', &hay[gt + 1..end])
            .map_or(end, |t| gt + 1 + t);
        let text = trim(hay, gt + 1..text_end);
        cells.push(text);
        if cells.len() == MAX_COLUMNS {
            break;
        }
        at = text_end;
    }
    (cells, end)
}

/// `r` without the ASCII spaces around it.
fn trim(hay: &[u8], r: Range<usize>) -> Range<usize> {
    let text = &hay[r.clone()];
    let lead = text.len() - text.trim_ascii_start().len();
    let trail = text.len() - text.trim_ascii_end().len();
    if lead == text.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// The cells (`<td`, `<th`) opened in `row`, the bytes of a row before a
/// cell: that cell's column.
fn count_cells(row: &[u8]) -> usize {
    memchr::memchr_iter(b'<', row)
        .filter(|&lt| is_tag(row, lt, b"td") || is_tag(row, lt, b"th"))
        .count()
}

/// The opening tag of the cell whose text starts at `start`, if the byte
/// before it closes a `<td ...>` tag.
pub(crate) fn cell_tag_before(hay: &[u8], start: usize) -> Option<usize> {
    if start == 0 || hay[start - 1] != b'>' {
        return None;
    }
    let from = start.saturating_sub(256);
    let lt = from + memchr::memrchr(b'<', &hay[from..start])?;
    is_tag(hay, lt, b"td").then_some(lt)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "<table>\n<tr><th>Login</th><th> Name </th>\
        <th>CAP</th></tr>\n<tr><td>jwhitfield</td><td>Jonathan \
        Whitfield</td><td class=\"n\">16121</td></tr>\n</table>\n";

    fn column(hay: &str, value: &str) -> Option<String> {
        let h = TableHeaders::parse(hay.as_bytes(), None)?;
        let start = hay.find(value).unwrap();
        let tag = cell_tag_before(hay.as_bytes(), start)?;
        h.column_of(hay.as_bytes(), tag)
            .map(|n| String::from_utf8_lossy(n).into_owned())
    }

    #[test]
    fn cells_take_the_header_above() {
        assert_eq!(column(TABLE, "jwhitfield").as_deref(), Some("Login"));
        assert_eq!(column(TABLE, "Jonathan").as_deref(), Some("Name"));
        assert_eq!(column(TABLE, "16121").as_deref(), Some("CAP"));
    }

    #[test]
    fn no_header_no_column() {
        let hay = "<table><tr><td>a</td><td>16121</td></tr></table>";
        assert_eq!(column(hay, "16121"), None);
        // A `<thead>` is no header cell.
        let hay = "<thead></thead><tr><td>16121</td></tr>";
        assert!(TableHeaders::parse(hay.as_bytes(), None).is_none());
        // Past the header's columns.
        let hay = "<tr><th>A</th></tr><tr><td>x</td><td>16121</td></tr>";
        assert_eq!(column(hay, "16121"), None);
    }

    #[test]
    fn a_later_chunk_takes_the_header_from_the_file_head() {
        let file =
            "<!DOCTYPE html>\n<table>\n<tr><th>Login</th><th>CAP</th></tr>\n\
            <tr><td>jwhitfield</td><td>16121</td></tr>\n</table>\n";
        let end = header_end(file.as_bytes()).unwrap();
        assert!(file[..end].ends_with("</tr>"));
        let head = Some(&file.as_bytes()[..end]);
        let chunk = &file[end + 1..];
        let h = TableHeaders::parse(chunk.as_bytes(), head).unwrap();
        let start = chunk.find("16121").unwrap();
        let tag = cell_tag_before(chunk.as_bytes(), start).unwrap();
        assert_eq!(h.column_of(chunk.as_bytes(), tag), Some(&b"CAP"[..]));
        // Plain text has no header row to carry.
        assert_eq!(header_end(b"id,zip\n1,16121\n"), None);
    }

    #[test]
    fn the_last_header_before_the_row_counts() {
        let hay = "<tr><th>Phone</th></tr><tr><td>1</td></tr>\
            <table><tr><TH>Zip</TH></tr><tr><TD>16121</TD></tr>";
        assert_eq!(column(hay, "16121").as_deref(), Some("Zip"));
        let hay = "<tr><th>Phone</th></tr><tr><td>1</td></tr>\
            <table><tr><TH>Zip</TH></tr><tr><td>16121</td></tr>";
        assert_eq!(column(hay, "16121").as_deref(), Some("Zip"));
    }
}
