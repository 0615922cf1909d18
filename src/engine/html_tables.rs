//! The column names of HTML tables: a cell (`<td>16121</td>`) is named
//! by the header cell above it (`<th>CAP</th>`), as a CSV value is by its
//! header row. Registers printed from office software, reports saved as
//! `.xls`, and staff tables in captured HTTP responses are HTML tables.
//!
//! FileMaker's XML export (`FMPXMLRESULT`) is the same table in other
//! tags: its `<METADATA>` lists the columns as `<FIELD NAME="CAP">`, and
//! each `<ROW>` holds one `<COL><DATA>70124</DATA></COL>` per column.
//!
//! Excel 2003 XML (SpreadsheetML, `.xml` saved from Excel and exported by
//! many portals) writes a worksheet as `<Table>` of `<Row>`s of
//! `<Cell><Data>` elements; the first row of each table names its columns,
//! and a cell may skip columns with `ss:Index`. A flat OpenDocument sheet
//! (`.fods`, saved from LibreOffice) is the same in other tags:
//! `<table:table-row>` of `<table:table-cell><text:p>`, a cell spanning
//! several columns with `table:number-columns-repeated`. Hangul's HWPX
//! documents (Korea's word processor) write tables as `<hp:tbl>` of
//! `<hp:tr>` of `<hp:tc>`, the text in `<hp:t>` runs of paragraphs inside
//! the cell, and the cell's column in its `<hp:cellAddr colAddr="3"/>`.
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

/// Where a header row starts, and the text of its cells by column.
type HeaderRow = (usize, Vec<Box<[u8]>>);

/// A cell's column name and its header row's names.
type ColumnAndHeader<'a> = (&'a [u8], &'a [Box<[u8]>]);

/// The header rows of one haystack's tables, in order.
#[derive(Debug, Default)]
pub(crate) struct TableHeaders {
    /// Where each header row starts, and the text of its cells.
    rows: Vec<HeaderRow>,
    dialect: Dialect,
}

/// The tags a table is written in.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// `<tr>`, `<th>`, `<td>`.
    #[default]
    Html,
    /// FileMaker's `<ROW>`, `<COL><DATA>`, columns named in `<METADATA>`.
    FileMaker,
    /// SpreadsheetML's `<Row>`, `<Cell><Data>`, named by each table's
    /// first row.
    Spreadsheet,
    /// OpenDocument's `<table:table-row>`, `<table:table-cell><text:p>`,
    /// named as SpreadsheetML's.
    OpenDocument,
    /// HWPX's `<hp:tr>`, `<hp:tc>` holding paragraphs of `<hp:t>` runs,
    /// named as SpreadsheetML's.
    Hwpx,
}

impl Dialect {
    fn row(self) -> &'static [u8] {
        match self {
            Dialect::Html => b"tr",
            Dialect::FileMaker => b"ROW",
            Dialect::Spreadsheet => b"Row",
            Dialect::OpenDocument => b"table:table-row",
            Dialect::Hwpx => b"hp:tr",
        }
    }

    /// A sheet's table, cell and cell-text tags.
    fn sheet_tags(self) -> (&'static [u8], &'static [u8], &'static [u8]) {
        match self {
            Dialect::OpenDocument => {
                (b"table:table", b"table:table-cell", b"text:p")
            }
            Dialect::Hwpx => (b"hp:tbl", b"hp:tc", b"hp:t"),
            _ => (b"Table", b"Cell", b"Data"),
        }
    }

    /// A cell's opening tag starts at `lt`.
    fn opens_cell(self, hay: &[u8], lt: usize) -> bool {
        match self {
            Dialect::Html => is_tag(hay, lt, b"td") || is_tag(hay, lt, b"th"),
            Dialect::FileMaker => is_tag(hay, lt, b"COL"),
            Dialect::Spreadsheet => is_tag(hay, lt, b"Cell"),
            Dialect::OpenDocument => is_tag(hay, lt, b"table:table-cell"),
            Dialect::Hwpx => is_tag(hay, lt, b"hp:tc"),
        }
    }
}

impl TableHeaders {
    /// The header rows of `hay` (`None` if it has none). `head`: the
    /// start of the file, when `hay` is a later part of it: its header
    /// row names the cells above the first header row of `hay`.
    pub(crate) fn parse(
        hay: &[u8],
        head: Option<&[u8]>,
    ) -> Option<TableHeaders> {
        if let Some(names) = filemaker_fields(head.unwrap_or(hay)) {
            return Some(TableHeaders {
                rows: vec![(0, names)],
                dialect: Dialect::FileMaker,
            });
        }
        if let Some(dialect) = sheet_dialect(head.unwrap_or(hay)) {
            let mut rows: Vec<HeaderRow> = Vec::new();
            if let Some((_, names)) = head
                .and_then(|h| first_rows(h, dialect))
                .map(|mut r| r.remove(0))
            {
                rows.push((0, names));
            }
            for (row, names) in first_rows(hay, dialect).into_iter().flatten()
            {
                if row == 0 {
                    rows.clear();
                }
                rows.push((row, names));
            }
            return (!rows.is_empty())
                .then_some(TableHeaders { rows, dialect });
        }
        let mut rows: Vec<HeaderRow> = Vec::new();
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
        if rows.is_empty() {
            rows = plain_header_rows(hay);
        }
        (!rows.is_empty())
            .then_some(TableHeaders { rows, dialect: Dialect::Html })
    }

    /// An element named `name` may hold a cell's text: `<td>` (or inline
    /// markup inside one), or FileMaker's `<DATA>`.
    pub(crate) fn holds_cells(&self, name: &[u8]) -> bool {
        match self.dialect {
            Dialect::Html => {
                name.eq_ignore_ascii_case(b"td")
                    || INLINE_TAGS.iter().any(|t| name.eq_ignore_ascii_case(t))
            }
            Dialect::FileMaker => name == b"DATA",
            Dialect::Spreadsheet => name == b"Data",
            // The local name of `<text:p>`.
            Dialect::OpenDocument => name == b"p",
            // The local name of `<hp:t>`.
            Dialect::Hwpx => name == b"t",
        }
    }

    /// The opening tag of the cell whose text starts at `start`, if the
    /// text is a cell's: right after `<td ...>`, or after `<COL><DATA>`.
    pub(crate) fn cell_tag_before(
        &self,
        hay: &[u8],
        start: usize,
    ) -> Option<usize> {
        if start == 0 || hay[start - 1] != b'>' {
            return None;
        }
        if self.dialect == Dialect::Hwpx {
            // The last cell opened and not closed before the run's text
            // (a cell's text may be split over runs and paragraphs).
            return row_start(hay, start, b"hp:tc");
        }
        let from = start.saturating_sub(256);
        let lt = from + memchr::memrchr(b'<', &hay[from..start])?;
        match self.dialect {
            Dialect::Html => {
                // Inside a few inline tags (`<td><b>16121</b>`).
                let mut lt = lt;
                for _ in 0..3 {
                    if !opens_inline(hay, lt) {
                        break;
                    }
                    let before = hay[from..lt].trim_ascii_end();
                    if !before.ends_with(b">") {
                        return None;
                    }
                    lt = from + memchr::memrchr(b'<', before)?;
                }
                is_tag(hay, lt, b"td").then_some(lt)
            }
            Dialect::FileMaker
            | Dialect::Spreadsheet
            | Dialect::OpenDocument
            | Dialect::Hwpx => {
                let (data, cell): (&[u8], &[u8]) =
                    if self.dialect == Dialect::FileMaker {
                        (b"DATA", b"COL")
                    } else {
                        let (_, cell, data) = self.dialect.sheet_tags();
                        (data, cell)
                    };
                if !is_tag(hay, lt, data) {
                    return None;
                }
                let before = hay[from..lt].trim_ascii_end();
                let col = from + memchr::memrchr(b'<', before)?;
                (is_tag(hay, col, cell) && before.ends_with(b">"))
                    .then_some(col)
            }
        }
    }

    /// The text of the header cell above the cell whose opening tag
    /// (`<td`) starts at `tag` in `hay`: the same column of the last
    /// header row before the cell's row.
    pub(crate) fn column_of(&self, hay: &[u8], tag: usize) -> Option<&[u8]> {
        self.column_and_header(hay, tag).map(|(name, _)| name)
    }

    /// The column name of the cell at `tag` (as [`Self::column_of`]) and
    /// all the names of its header row.
    pub(crate) fn column_and_header(
        &self,
        hay: &[u8],
        tag: usize,
    ) -> Option<ColumnAndHeader<'_>> {
        let row = row_start(hay, tag, self.dialect.row())?;
        let header = self.rows.partition_point(|(r, _)| *r < row);
        // A header row names columns; it is no row of the table above.
        if self.rows.get(header).is_some_and(|(r, _)| *r == row) && row > 0 {
            return None;
        }
        let (_, names) = match header.checked_sub(1) {
            Some(h) => &self.rows[h],
            // A header carried from the file's head (at 0) stands above
            // a row at the haystack's very start too.
            None => self.rows.first().filter(|(r, _)| *r == 0 && row == 0)?,
        };
        let col = match self.dialect {
            Dialect::Spreadsheet | Dialect::OpenDocument | Dialect::Hwpx => {
                spreadsheet_column(hay, row, tag, self.dialect)
            }
            _ => count_cells(&hay[row..tag], self.dialect),
        };
        let name = names.get(col).map(|n| &n[..]).filter(|n| !n.is_empty())?;
        Some((name, names))
    }
}

/// Where the first header row in `head` ends (after its `</tr>`), if the
/// file starting with `head` is HTML or XML and holds one.
pub(crate) fn header_end(head: &[u8]) -> Option<usize> {
    if !super::xml_elements::sniff(head) {
        return None;
    }
    if let Some(dialect) = sheet_dialect(head) {
        let (row, _) = first_rows(head, dialect)?.into_iter().next()?;
        let end = row_end(head, row, dialect.row());
        return (end < head.len())
            .then(|| memchr::memchr(b'>', &head[end..]).map(|g| end + g + 1))
            .flatten();
    }
    let th = find_tag(head, 0, b"th")?;
    let row = row_start(head, th, b"tr")?;
    let (cells, end) = cells_of_row(head, row);
    if cells.is_empty() || end == head.len() {
        return None;
    }
    Some(end + memchr::memchr(b'>', &head[end..])? + 1)
}

/// The header rows of `hay`: where each starts and its cells' text.
fn header_rows(hay: &[u8]) -> impl Iterator<Item = HeaderRow> + '_ {
    let mut from = 0;
    let mut last = None;
    std::iter::from_fn(move || {
        while let Some(i) = find_tag(hay, from, b"th") {
            let Some(row) = row_start(hay, i, b"tr") else {
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

/// The header rows of tables that name their columns in plain `<td>`
/// cells (Excel's web pages, many exporters' `.xls`): in each table, the
/// first of its first [`TITLE_ROWS`] rows whose three or more cells all
/// read as column names, one of them a column piiscan knows (a row of
/// names and towns is data, not a header).
fn plain_header_rows(hay: &[u8]) -> Vec<HeaderRow> {
    let mut rows = Vec::new();
    let mut from = 0;
    while let Some(table) = find_tag(hay, from, b"table") {
        from = table + 6;
        let next_table = find_tag(hay, from, b"table").unwrap_or(hay.len());
        for _ in 0..TITLE_ROWS {
            // A row may run past the next table's start (markup cut short).
            if from >= next_table {
                break;
            }
            let Some(row) = find_tag(&hay[..next_table], from, b"tr") else {
                break;
            };
            let (cells, end) = cells_of_row(hay, row);
            from = end.max(row + 3);
            let names = || cells.iter().map(|c| &hay[c.clone()]);
            if cells.len() >= 3
                && names().all(super::fields::is_column_name)
                && names().any(super::fields::known_column)
            {
                rows.push((row, names().map(Into::into).collect()));
                break;
            }
        }
        if rows.len() == MAX_HEADERS {
            break;
        }
        from = from.max(next_table);
    }
    rows
}

/// The next `<name` tag (either case, followed by `>` or a space) at or
/// after `from`.
fn find_tag(hay: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    find_lt(hay, from, |lt| is_tag(hay, lt, name))
}

/// The next `<name` tag at or after `from` (as [`find_tag`]), or an empty
/// element `<name/>`: a sheet's blank cell still takes a column.
fn find_cell(hay: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    find_lt(hay, from, |lt| {
        let after = lt + 1 + name.len();
        is_tag(hay, lt, name)
            || (hay.get(lt + 1..after) == Some(name)
                && hay.get(after) == Some(&b'/'))
    })
}

/// The first `<` at or after `from` that `opens` accepts.
fn find_lt(
    hay: &[u8],
    from: usize,
    opens: impl Fn(usize) -> bool,
) -> Option<usize> {
    memchr::memchr_iter(b'<', &hay[from..])
        .map(|i| from + i)
        .find(|&lt| opens(lt))
}

/// A `<name` tag (either case) starts at `lt`.
fn is_tag(hay: &[u8], lt: usize, name: &[u8]) -> bool {
    let after = lt + 1 + name.len();
    hay.get(lt + 1..after).is_some_and(|n| n.eq_ignore_ascii_case(name))
        && matches!(hay.get(after), Some(b'>' | b' ' | b'\t' | b'\n'))
}

/// Where the row holding the tag at `tag` starts: its `<tr` (or other
/// `row` tag), within [`MAX_ROW`] bytes and with no `</tr>` between.
fn row_start(hay: &[u8], tag: usize, row: &[u8]) -> Option<usize> {
    let from = tag.saturating_sub(MAX_ROW);
    let window = &hay[from..tag];
    let mut end = window.len();
    while let Some(i) = memchr::memrchr(b'<', &window[..end]) {
        let lt = from + i;
        if is_tag(hay, lt, row) {
            return Some(lt);
        }
        if closes(hay, lt, row) {
            return None;
        }
        end = i;
    }
    None
}

/// A `</tr` (or other `row` closing tag, either case) starts at `lt`.
fn closes(hay: &[u8], lt: usize, row: &[u8]) -> bool {
    hay.get(lt + 1) == Some(&b'/')
        && hay
            .get(lt + 2..lt + 2 + row.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(row))
}

/// The column names of a FileMaker XML export (`FMPXMLRESULT`) from the
/// `<FIELD NAME="...">` elements of its `<METADATA>`, in order.
fn filemaker_fields(head: &[u8]) -> Option<Vec<Box<[u8]>>> {
    let metadata = memchr::memmem::find(head, b"<METADATA>")?;
    memchr::memmem::find(&head[..metadata], b"<FMPXMLRESULT")?;
    let end = memchr::memmem::find(&head[metadata..], b"</METADATA>")
        .map_or(head.len(), |i| metadata + i);
    let mut names = Vec::new();
    let mut at = metadata;
    while let Some(lt) = find_tag(&head[..end], at, b"FIELD") {
        let gt = memchr::memchr(b'>', &head[lt..end]).map_or(end, |g| lt + g);
        let tag = &head[lt..gt];
        let name = memchr::memmem::find(tag, b" NAME=\"").and_then(|i| {
            let value = &tag[i + 7..];
            memchr::memchr(b'"', value).map(|q| &value[..q])
        });
        names.push(name.unwrap_or_default().into());
        if names.len() == MAX_COLUMNS {
            break;
        }
        at = gt;
    }
    (!names.is_empty()).then_some(names)
}

/// The dialect of the workbook starting with `head`: Excel 2003 XML or
/// a flat OpenDocument spreadsheet.
fn sheet_dialect(head: &[u8]) -> Option<Dialect> {
    let head = &head[..head.len().min(2048)];
    let has = |s: &[u8]| memchr::memmem::find(head, s).is_some();
    if has(b"urn:schemas-microsoft-com:office:spreadsheet") {
        Some(Dialect::Spreadsheet)
    } else if has(b"application/vnd.oasis.opendocument.spreadsheet")
        || has(b"<office:spreadsheet>")
    {
        Some(Dialect::OpenDocument)
    } else if has(b"http://www.hancom.co.kr/hwpml/2011/paragraph") {
        Some(Dialect::Hwpx)
    } else {
        None
    }
}

/// Rows read from a SpreadsheetML table's start for its header: a sheet
/// often opens with a title and a note in rows of one cell.
const TITLE_ROWS: usize = 8;

/// The header row of each `<Table>` of a SpreadsheetML `hay`: its first
/// row of three or more named cells among the first [`TITLE_ROWS`] (else
/// its first row); where it starts and its cells' text, by column
/// (`None` if there is none).
fn first_rows(hay: &[u8], dialect: Dialect) -> Option<Vec<HeaderRow>> {
    let (table_tag, _, _) = dialect.sheet_tags();
    let row_tag = dialect.row();
    let mut rows = Vec::new();
    let mut from = 0;
    while let Some(table) = find_tag(hay, from, table_tag) {
        let Some(first) = find_tag(hay, table, row_tag) else { break };
        let mut header = None;
        let mut row = first;
        let mut end = row_end(hay, row, row_tag);
        for _ in 0..TITLE_ROWS {
            let names = row_names(hay, row, end, dialect);
            let named = names.iter().filter(|n| !n.is_empty()).count();
            if named >= 3 {
                header = Some((row, names));
                break;
            }
            header = header.or(Some((row, names)));
            match find_tag(hay, end, row_tag) {
                Some(next)
                    if find_tag(&hay[..next], end, table_tag).is_none() =>
                {
                    row = next;
                    end = row_end(hay, row, row_tag);
                }
                _ => break,
            }
        }
        if let Some((row, names)) = header.filter(|(_, n)| !n.is_empty()) {
            rows.push((row, names));
            if rows.len() == MAX_HEADERS {
                break;
            }
        }
        from = end.max(first + 1);
    }
    (!rows.is_empty()).then_some(rows)
}

/// The text of each cell of the SpreadsheetML row from `row` to `end`,
/// by column.
fn row_names(
    hay: &[u8],
    row: usize,
    end: usize,
    dialect: Dialect,
) -> Vec<Box<[u8]>> {
    let (_, cell_tag, data_tag) = dialect.sheet_tags();
    let mut names: Vec<Box<[u8]>> = Vec::new();
    let mut at = row;
    while let Some(cell) = find_cell(&hay[..end], at + 1, cell_tag) {
        let col = spreadsheet_column(hay, row, cell, dialect);
        if col >= MAX_COLUMNS {
            break;
        }
        // The cell's own text: not the next cell's, past an empty one.
        let next = find_cell(&hay[..end], cell + 1, cell_tag).unwrap_or(end);
        let text = find_tag(&hay[..next], cell, data_tag)
            .and_then(|d| {
                memchr::memchr(b'>', &hay[d..end]).map(|g| d + g + 1)
            })
            .map(|t| {
                let stop =
                    memchr::memchr(b'<', &hay[t..end]).map_or(end, |e| t + e);
                trim(hay, t..stop)
            });
        if names.len() <= col {
            names.resize(col + 1, Box::default());
        }
        if let Some(text) = text {
            names[col] = hay[text].into();
        }
        at = cell;
    }
    names
}

/// The column of the cell at `cell`, in the row starting at `row`: one
/// after the cells before it (an OpenDocument cell may span several,
/// `table:number-columns-repeated`), or its `ss:Index` (counted from 1).
fn spreadsheet_column(
    hay: &[u8],
    row: usize,
    cell: usize,
    dialect: Dialect,
) -> usize {
    if dialect == Dialect::Hwpx {
        if let Some(col) = hwpx_column(hay, cell) {
            return col;
        }
    }
    let (_, cell_tag, _) = dialect.sheet_tags();
    let mut next = 0;
    let mut at = row;
    while let Some(lt) =
        find_cell(hay, at + 1, cell_tag).filter(|&lt| lt <= cell)
    {
        let gt =
            memchr::memchr(b'>', &hay[lt..]).map_or(hay.len(), |g| lt + g);
        let tag = &hay[lt..gt];
        let col = cell_index(tag).unwrap_or(next);
        if lt == cell {
            return col;
        }
        next = col + repeated(tag);
        at = lt;
    }
    next
}

/// The column (from 0) of the HWPX cell opened at `cell`, from the
/// `<hp:cellAddr colAddr="..."/>` written after its content.
fn hwpx_column(hay: &[u8], cell: usize) -> Option<usize> {
    let limit = (cell + MAX_ROW).min(hay.len());
    let addr =
        cell + memchr::memmem::find(&hay[cell..limit], b"<hp:cellAddr ")?;
    let close = memchr::memmem::find(&hay[cell..addr], b"</hp:tc>");
    if close.is_some() {
        return None;
    }
    let gt =
        memchr::memchr(b'>', &hay[addr..limit]).map_or(limit, |g| addr + g);
    attribute_number(&hay[addr..gt], b"colAddr=\"")
}

/// How many columns an OpenDocument cell tag spans (at most
/// [`MAX_COLUMNS`]: a row's trailing blank cell may span a thousand).
fn repeated(tag: &[u8]) -> usize {
    attribute_number(tag, b"table:number-columns-repeated=\"")
        .map_or(1, |n| n.clamp(1, MAX_COLUMNS))
}

/// The column (from 0) a SpreadsheetML cell tag names with `ss:Index`.
fn cell_index(tag: &[u8]) -> Option<usize> {
    attribute_number(tag, b"ss:Index=\"")?.checked_sub(1)
}

/// The number a tag's attribute holds, `attribute` being its name, `=`
/// and the opening quote.
fn attribute_number(tag: &[u8], attribute: &[u8]) -> Option<usize> {
    let i = memchr::memmem::find(tag, attribute)? + attribute.len();
    let digits = tag[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&tag[i..i + digits]).ok()?.parse().ok()
}

/// Where the row starting at `row` ends: its closing tag, or as far as a
/// row is read.
fn row_end(hay: &[u8], row: usize, name: &[u8]) -> usize {
    let limit = (row + MAX_ROW).min(hay.len());
    memchr::memchr_iter(b'<', &hay[row..limit])
        .map(|i| row + i)
        .find(|&lt| closes(hay, lt, name))
        .unwrap_or(limit)
}

/// The text of each cell of the row starting at `row` (inner tags and
/// surrounding spaces left out; a cell holding markup is empty), and
/// where the row ends.
fn cells_of_row(hay: &[u8], row: usize) -> (Vec<Range<usize>>, usize) {
    let limit = (row + MAX_ROW).min(hay.len());
    let end = memchr::memchr_iter(b'<', &hay[row..limit])
        .map(|i| row + i)
        .find(|&lt| closes(hay, lt, b"tr"))
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
        let text_start = after_inline_tags(hay, gt + 1, end);
        let text_end = memchr::memchr(b'<', &hay[text_start..end])
            .map_or(end, |t| text_start + t);
        let text = trim(hay, text_start..text_end);
        cells.push(text);
        if cells.len() == MAX_COLUMNS {
            break;
        }
        at = text_end;
    }
    (cells, end)
}

/// Tags that style a cell's text without ending it (`<th><b>CAP</b></th>`,
/// `<td><span class="v">16121</span></td>`).
const INLINE_TAGS: &[&[u8]] =
    &[b"b", b"i", b"u", b"em", b"strong", b"span", b"font", b"small", b"a"];

/// An opening inline tag ([`INLINE_TAGS`]) starts at `lt`.
fn opens_inline(hay: &[u8], lt: usize) -> bool {
    INLINE_TAGS.iter().any(|t| is_tag(hay, lt, t))
}

/// Where a cell's text starts, its content starting at `at`: past the
/// spaces and opening inline tags before it (a few at most).
fn after_inline_tags(hay: &[u8], mut at: usize, end: usize) -> usize {
    for _ in 0..3 {
        let lead = hay[at..end].iter().take_while(|b| b.is_ascii_whitespace());
        let lt = at + lead.count();
        if lt >= end || !opens_inline(hay, lt) {
            return at;
        }
        match memchr::memchr(b'>', &hay[lt..end]) {
            Some(g) => at = lt + g + 1,
            None => return at,
        }
    }
    at
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

/// The cells (`<td`, `<th`, FileMaker's `<COL`) opened in `row`, the
/// bytes of a row before a cell: that cell's column.
fn count_cells(row: &[u8], dialect: Dialect) -> usize {
    memchr::memchr_iter(b'<', row)
        .filter(|&lt| dialect.opens_cell(row, lt))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_running_into_the_next_table() {
        // The first row's `</tr>` comes after the second table opens.
        let hay = b"<table><tr><td>a</td><table><tr><td>x</td></tr></table></tr><tr><td>Name</td><td>Email</td><td>Phone</td></tr></table>";
        assert!(TableHeaders::parse(hay, None).is_none());
        let plain = b"<table><tr><td>Name</td><td>Email</td><td>Phone</td></tr><tr><td>Ann Lee</td><td>a@x.io</td><td>1</td></tr></table>";
        assert!(TableHeaders::parse(plain, None).is_some());
    }

    const TABLE: &str = "<table>\n<tr><th>Login</th><th> Name </th>\
        <th>CAP</th></tr>\n<tr><td>jwhitfield</td><td>Jonathan \
        Whitfield</td><td class=\"n\">16121</td></tr>\n</table>\n";

    fn column(hay: &str, value: &str) -> Option<String> {
        let h = TableHeaders::parse(hay.as_bytes(), None)?;
        let start = hay.find(value).unwrap();
        let tag = h.cell_tag_before(hay.as_bytes(), start)?;
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
        let tag = h.cell_tag_before(chunk.as_bytes(), start).unwrap();
        assert_eq!(h.column_of(chunk.as_bytes(), tag), Some(&b"CAP"[..]));
        // Plain text has no header row to carry.
        assert_eq!(header_end(b"id,zip\n1,16121\n"), None);
    }

    #[test]
    fn filemaker_columns_come_from_its_metadata() {
        let head = "<?xml version=\"1.0\"?>\n<FMPXMLRESULT>\n<METADATA>\n\
            <FIELD EMPTYOK=\"YES\" NAME=\"Defunto_Cognome\" TYPE=\"TEXT\"/>\n\
            <FIELD NAME=\"Defunto_CAP\" TYPE=\"TEXT\"/>\n</METADATA>\n";
        let rows = "<RESULTSET FOUND=\"1\">\n<ROW MODID=\"3\">\n\
            <COL><DATA>LORUSSO</DATA></COL>\n<COL><DATA>70124</DATA></COL>\n\
            </ROW>\n</RESULTSET>\n";
        let file = format!("{head}{rows}");
        assert_eq!(
            column(&file, "LORUSSO").as_deref(),
            Some("Defunto_Cognome")
        );
        assert_eq!(column(&file, "70124").as_deref(), Some("Defunto_CAP"));
        // A later chunk reads the names from the file's head.
        let h = TableHeaders::parse(rows.as_bytes(), Some(head.as_bytes()))
            .unwrap();
        assert!(h.holds_cells(b"DATA"));
        let start = rows.find("70124").unwrap();
        let tag = h.cell_tag_before(rows.as_bytes(), start).unwrap();
        assert_eq!(
            h.column_of(rows.as_bytes(), tag),
            Some(&b"Defunto_CAP"[..])
        );
        // Without `<FMPXMLRESULT`, a `<METADATA>` names nothing.
        assert!(TableHeaders::parse(b"<METADATA><FIELD NAME=\"A\"/>", None)
            .is_none());
    }

    #[test]
    fn hwpx_cells_are_named_by_their_column_address() {
        let cell = |col: usize, text: &str| {
            format!(
                "<hp:tc name=\"\" header=\"0\"><hp:subList id=\"\"><hp:p id=\"1\"><hp:run charPrIDRef=\"8\">{text}</hp:run></hp:p></hp:subList><hp:cellAddr colAddr=\"{col}\" rowAddr=\"0\"/></hp:tc>"
            )
        };
        let t = |s: &str| format!("<hp:t>{s}</hp:t>");
        let doc = format!(
            "<?xml version=\"1.0\"?><hs:sec xmlns:hp=\"http://www.hancom.co.kr/hwpml/2011/paragraph\">\n<hp:tbl rowCnt=\"2\" colCnt=\"3\">\n<hp:tr>{}{}{}</hp:tr>\n<hp:tr>{}{}{}</hp:tr>\n</hp:tbl></hs:sec>\n",
            cell(0, &t("세대주")),
            cell(1, &t("주소")),
            cell(2, &t("우편번호")),
            cell(0, &t("김도현")),
            // A cell's text split over two runs.
            cell(1, &format!("{}</hp:run><hp:run charPrIDRef=\"9\">{}", t("서울특별시 마포구 "), t("월드컵북로 400"))),
            cell(2, &t("03925")),
        );
        assert_eq!(column(&doc, "김도현").as_deref(), Some("세대주"));
        assert_eq!(column(&doc, "월드컵북로 400").as_deref(), Some("주소"));
        assert_eq!(column(&doc, "03925").as_deref(), Some("우편번호"));
    }

    #[test]
    fn spreadsheet_ml_columns_come_from_each_tables_first_row() {
        let head = "<?xml version=\"1.0\"?>\n<Workbook \
            xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">\n\
            <Styles><Style><Font x:Family=\"Swiss\"/></Style></Styles>\n\
            <Worksheet ss:Name=\"Applications\"><Table>\n<Row>\
            <Cell><Data ss:Type=\"String\">Forename</Data></Cell>\
            <Cell><Data ss:Type=\"String\">Surname</Data></Cell>\
            <Cell><Data ss:Type=\"String\">Postcode</Data></Cell></Row>\n";
        let rows = "<Row><Cell><Data ss:Type=\"String\">Tendai</Data></Cell>\
            <Cell ss:StyleID=\"s1\"><Data ss:Type=\"String\">Moyo</Data>\
            </Cell></Row>\n<Row><Cell ss:Index=\"3\"><Data \
            ss:Type=\"String\">LS8 5QA</Data></Cell></Row>\n";
        let file = format!("{head}{rows}");
        assert_eq!(column(&file, "Tendai").as_deref(), Some("Forename"));
        assert_eq!(column(&file, "Moyo").as_deref(), Some("Surname"));
        assert_eq!(column(&file, "LS8 5QA").as_deref(), Some("Postcode"));
        // The header row itself is no cell of a column.
        assert_eq!(column(&file, "Surname"), None);
        // A later chunk takes the first row from the file's head.
        let end = header_end(file.as_bytes()).unwrap();
        assert!(file[..end].ends_with("</Row>"));
        let h = TableHeaders::parse(
            rows.as_bytes(),
            Some(&file.as_bytes()[..end]),
        )
        .unwrap();
        assert!(h.holds_cells(b"Data"));
        let start = rows.find("Moyo").unwrap();
        let tag = h.cell_tag_before(rows.as_bytes(), start).unwrap();
        assert_eq!(h.column_of(rows.as_bytes(), tag), Some(&b"Surname"[..]));
    }

    #[test]
    fn header_and_value_inside_inline_markup() {
        let hay = "<table><tr><th><b>Login</b></th><th><span>CAP</span></th>\
            </tr>\n<tr><td><b>jwhitfield</b></td><td><span class=\"n\">\
            16121</span></td></tr></table>";
        assert_eq!(column(hay, "jwhitfield").as_deref(), Some("Login"));
        assert_eq!(column(hay, "16121").as_deref(), Some("CAP"));
        // A block element is no inline markup: its text names nothing.
        let hay = "<tr><th><div>CAP</div></th></tr><tr><td>16121</td></tr>";
        assert_eq!(column(hay, "16121"), None);
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
