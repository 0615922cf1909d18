//! A spreadsheet sheet as text: one line per row, cells separated by
//! tabs in their column, the first row first, so the engine reads the
//! header row as field names (a column headed `email` or `SSN`) exactly
//! as it does for a TSV file. Each cell's bytes are recorded so findings
//! are put back in their cell (`Sheet1!C7`).

use std::ops::Range;

use super::xml::Rendition;

/// One text node of a cell: where it is (part, raw span) and its text.
#[derive(Debug, Clone)]
pub struct NodeText {
    /// Part index.
    pub part: usize,
    /// Raw span in the part.
    pub raw: Range<usize>,
    /// Text.
    pub text: String,
}

/// One non-empty cell.
#[derive(Debug, Clone)]
pub struct Cell {
    /// 0-based row.
    pub row: u32,
    /// 0-based column.
    pub col: u32,
    /// Its text nodes (a shared string may have several runs).
    pub nodes: Vec<NodeText>,
    /// A numeric cell's `<c>` tag span (its type changes if redacted).
    pub typed: Option<Range<usize>>,
}

/// Column letters of a 0-based column: 0 is `A`, 26 is `AA`.
pub fn column_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// Parse a cell reference (`C7`) into 0-based (row, column).
pub fn parse_ref(r: &str) -> Option<(u32, u32)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() {
        return None;
    }
    let mut col = 0u32;
    for b in letters.bytes() {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        col = col
            .checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1)?;
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// Render cells (any order) as a sheet's text.
pub fn render(mut cells: Vec<Cell>) -> Rendition {
    cells.sort_by_key(|c| (c.row, c.col));
    let mut r = Rendition::default();
    let mut row = None;
    let mut col = 0u32;
    for cell in cells {
        if row != Some(cell.row) {
            if row.is_some() {
                r.sep("\n");
            }
            row = Some(cell.row);
            col = 0;
        }
        while col < cell.col {
            r.sep("\t");
            col += 1;
        }
        let start = r.text.len();
        let first_span = r.spans.len();
        for n in &cell.nodes {
            r.node(n.part, n.raw.clone(), &n.text, true);
        }
        for s in &mut r.spans[first_span..] {
            s.typed_cell.clone_from(&cell.typed);
        }
        let end = r.text.len();
        if end > start {
            r.cells.push(
                start..end,
                format!("{}{}", column_name(cell.col), cell.row + 1),
            );
        }
    }
    if row.is_some() {
        r.sep("\n");
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: u32, col: u32, text: &str) -> Cell {
        Cell {
            row,
            col,
            nodes: vec![NodeText { part: 0, raw: 0..0, text: text.into() }],
            typed: None,
        }
    }

    #[test]
    fn names_and_refs() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(parse_ref("C7"), Some((6, 2)));
        assert_eq!(parse_ref("AA1"), Some((0, 26)));
        assert_eq!(parse_ref("7"), None);
    }

    #[test]
    fn header_first_cells_in_columns() {
        let r = render(vec![
            cell(1, 2, "a@b.example"),
            cell(0, 0, "name"),
            cell(0, 2, "email"),
            cell(1, 0, "Jo\tX"),
        ]);
        assert_eq!(r.text, "name\t\temail\nJo X\t\ta@b.example\n");
        let at = r.text.find("a@b").unwrap();
        assert_eq!(r.cells.locate(at + 2), Some(("C2", at)));
        assert_eq!(r.cells.locate(0), Some(("A1", 0)));
    }
}
