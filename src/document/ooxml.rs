//! Office Open XML (`.docx`, `.pptx`, `.xlsx`): the text of each part
//! through the XML parser. Word and PowerPoint parts become prose (one
//! line per paragraph, table cells separated by tabs, table rows on
//! their own lines); workbooks become one text per sheet ([`super::sheet`])
//! with shared strings resolved into their cells.

use std::collections::HashMap;

use super::sheet::{self, Cell, NodeText};
use super::xml::{attr, walk, Ev, Rendition};

/// Text of a Word or PowerPoint part (`w:t` / `a:t` runs).
pub fn prose(part: usize, xml: &[u8]) -> Result<Rendition, String> {
    let mut r = Rendition::default();
    let mut in_t = 0u32;
    let mut in_cell = 0u32;
    let mut skip = 0u32;
    walk(xml, |ev| match ev {
        Ev::Open { name, empty, .. } => match (name, empty) {
            (b"t", false) => in_t += 1,
            (b"delText" | b"instrText", false) => skip += 1,
            (b"tab", true) if in_t == 0 => r.sep("\t"),
            (b"br" | b"cr", true) => r.sep("\n"),
            (b"tc", false) => in_cell += 1,
            _ => {}
        },
        Ev::Close { name } => match name {
            b"t" => in_t = in_t.saturating_sub(1),
            b"delText" | b"instrText" => skip = skip.saturating_sub(1),
            b"p" => r.sep(if in_cell > 0 { " " } else { "\n" }),
            b"tc" => {
                in_cell = in_cell.saturating_sub(1);
                r.pop_sep(' ');
                r.sep("\t");
            }
            b"tr" => {
                r.pop_sep('\t');
                r.sep("\n");
            }
            _ => {}
        },
        Ev::Text { text, raw } => {
            if in_t > 0 && skip == 0 {
                r.node(part, raw, text, false);
            }
        }
    })?;
    Ok(r)
}

/// Every text node of a part on its own line (document properties,
/// spreadsheet comments).
pub fn lines(part: usize, xml: &[u8]) -> Result<Rendition, String> {
    let mut r = Rendition::default();
    walk(xml, |ev| {
        if let Ev::Text { text, raw } = ev {
            if !text.trim().is_empty() {
                r.node(part, raw, text, false);
                r.sep("\n");
            }
        }
    })?;
    Ok(r)
}

/// Sheets of a workbook in workbook order: (name, part name).
pub fn sheets(
    workbook: &[u8],
    rels: &[u8],
) -> Result<Vec<(String, String)>, String> {
    let mut targets = HashMap::new();
    walk(rels, |ev| {
        if let Ev::Open { name: b"Relationship", tag, .. } = ev {
            if let (Some(id), Some(target)) =
                (attr(tag, b"Id"), attr(tag, b"Target"))
            {
                let part = match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{target}"),
                };
                targets.insert(id, part);
            }
        }
    })?;
    let mut out = Vec::new();
    walk(workbook, |ev| {
        if let Ev::Open { name: b"sheet", tag, .. } = ev {
            let name = attr(tag, b"name").unwrap_or_default();
            if let Some(part) =
                attr(tag, b"id").and_then(|id| targets.get(&id))
            {
                out.push((name, part.clone()));
            }
        }
    })?;
    Ok(out)
}

/// Shared strings: the text nodes of each `<si>` (phonetic runs left out).
pub fn shared_strings(
    part: usize,
    xml: &[u8],
) -> Result<Vec<Vec<NodeText>>, String> {
    let mut out: Vec<Vec<NodeText>> = Vec::new();
    let mut in_t = 0u32;
    let mut in_rph = 0u32;
    walk(xml, |ev| match ev {
        Ev::Open { name: b"si", empty, .. } => {
            out.push(Vec::new());
            let _ = empty;
        }
        Ev::Open { name: b"t", empty: false, .. } => in_t += 1,
        Ev::Open { name: b"rPh", empty: false, .. } => in_rph += 1,
        Ev::Close { name: b"t" } => in_t = in_t.saturating_sub(1),
        Ev::Close { name: b"rPh" } => in_rph = in_rph.saturating_sub(1),
        Ev::Text { text, raw } if in_t > 0 && in_rph == 0 => {
            if let Some(si) = out.last_mut() {
                si.push(NodeText { part, raw, text: text.to_string() });
            }
        }
        _ => {}
    })?;
    Ok(out)
}

/// The text of one worksheet part, cells resolved against `shared`.
pub fn worksheet(
    part: usize,
    xml: &[u8],
    shared: &[Vec<NodeText>],
) -> Result<Rendition, String> {
    struct Cur {
        row: u32,
        col: u32,
        kind: String,
        tag: std::ops::Range<usize>,
        nodes: Vec<NodeText>,
        value: Option<NodeText>,
    }
    let mut cells = Vec::new();
    let mut row = 0u32;
    let mut next_row = 0u32;
    let mut next_col = 0u32;
    let mut cur: Option<Cur> = None;
    let mut in_v = false;
    let mut in_t = 0u32;
    let finish = |c: Cur, cells: &mut Vec<Cell>| {
        let (nodes, typed) = match c.kind.as_str() {
            "s" => {
                let idx =
                    c.value.and_then(|v| v.text.trim().parse::<usize>().ok());
                (
                    idx.and_then(|i| shared.get(i))
                        .cloned()
                        .unwrap_or_default(),
                    None,
                )
            }
            "inlineStr" => (c.nodes, None),
            "str" | "d" => (c.value.into_iter().collect(), None),
            "b" | "e" => (Vec::new(), None),
            _ => (c.value.into_iter().collect(), Some(c.tag)),
        };
        if nodes.iter().any(|n| !n.text.is_empty()) {
            cells.push(Cell { row: c.row, col: c.col, nodes, typed });
        }
    };
    walk(xml, |ev| match ev {
        Ev::Open { name: b"row", tag, .. } => {
            row = attr(tag, b"r")
                .and_then(|r| r.parse::<u32>().ok())
                .and_then(|r| r.checked_sub(1))
                .unwrap_or(next_row);
            next_row = row + 1;
            next_col = 0;
        }
        Ev::Open { name: b"c", tag, empty, raw } => {
            let (r, c) = attr(tag, b"r")
                .and_then(|r| sheet::parse_ref(&r))
                .unwrap_or((row, next_col));
            next_col = c + 1;
            let kind = attr(tag, b"t").unwrap_or_default();
            if !empty {
                cur = Some(Cur {
                    row: r,
                    col: c,
                    kind,
                    tag: raw,
                    nodes: Vec::new(),
                    value: None,
                });
            }
        }
        Ev::Close { name: b"c" } => {
            if let Some(c) = cur.take() {
                finish(c, &mut cells);
            }
        }
        Ev::Open { name: b"v", empty: false, .. } => in_v = true,
        Ev::Close { name: b"v" } => in_v = false,
        Ev::Open { name: b"t", empty: false, .. } => in_t += 1,
        Ev::Close { name: b"t" } => in_t = in_t.saturating_sub(1),
        Ev::Text { text, raw } => {
            if let Some(c) = cur.as_mut() {
                let node = NodeText { part, raw, text: text.to_string() };
                if in_v {
                    c.value = Some(node);
                } else if in_t > 0 {
                    c.nodes.push(node);
                }
            }
        }
        _ => {}
    })?;
    Ok(sheet::render(cells))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_table_rows_are_lines_cells_tabs() {
        let xml = br#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>Customer list</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>SSN</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Jane </w:t></w:r><w:r><w:t>Doe</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>123-45-6789</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let r = prose(0, xml).unwrap();
        assert_eq!(
            r.text,
            "Customer list\nName\tSSN\nJane Doe\t123-45-6789\n"
        );
        // Spans point at the raw text nodes.
        let s = &r.spans[3];
        assert_eq!(&r.text[s.text.clone()], "Jane ");
        assert_eq!(&xml[s.raw.clone()], b"Jane ");
    }

    #[test]
    fn worksheet_resolves_shared_and_inline_strings() {
        let sst = br#"<sst><si><t>email</t></si><si><r><t>a@</t></r><r><t>b.example</t></r></si></sst>"#;
        let shared = shared_strings(1, sst).unwrap();
        assert_eq!(shared.len(), 2);
        let ws = br#"<worksheet><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>ssn</t></is></c><c r="C1" t="s"><v>0</v></c></row>
<row r="2"><c r="A2"><v>123456789</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="b"><v>1</v></c></row>
</sheetData></worksheet>"#;
        let r = worksheet(0, ws, &shared).unwrap();
        assert_eq!(r.text, "ssn\t\temail\n123456789\t\ta@b.example\n");
        let at = r.text.find("b.example").unwrap();
        assert_eq!(r.cells.locate(at).map(|c| c.0), Some("C2"));
        let num = r
            .spans
            .iter()
            .find(|s| &r.text[s.text.clone()] == "123456789")
            .unwrap();
        assert!(num.typed_cell.is_some());
    }

    #[test]
    fn workbook_sheet_order_and_targets() {
        let wb = br#"<workbook xmlns:r="r"><sheets><sheet name="People" sheetId="1" r:id="rId2"/></sheets></workbook>"#;
        let rels = br#"<Relationships><Relationship Id="rId2" Target="worksheets/sheet1.xml"/></Relationships>"#;
        assert_eq!(
            sheets(wb, rels).unwrap(),
            vec![(
                "People".to_string(),
                "xl/worksheets/sheet1.xml".to_string()
            )]
        );
    }
}
