//! OpenDocument (`.odt`, `.ods`, `.odp`): the text of `content.xml`.
//! Text documents become prose (paragraphs and headings on their own
//! lines, table cells separated by tabs); spreadsheets one text per
//! table ([`super::sheet`]), repeated rows and columns counted so cell
//! references stay right.

use super::sheet::{self, Cell, NodeText};
use super::xml::{attr, walk, Ev, Rendition};

/// Text of an OpenDocument text or presentation part.
pub fn prose(part: usize, xml: &[u8]) -> Result<Rendition, String> {
    let mut r = Rendition::default();
    let mut in_par = 0u32;
    let mut in_cell = 0u32;
    walk(xml, |ev| match ev {
        Ev::Open { name, empty, tag, .. } => match (name, empty) {
            (b"p" | b"h", false) => in_par += 1,
            (b"s", true) => {
                let n = attr(tag, b"c")
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1usize);
                r.sep(&" ".repeat(n.min(64)));
            }
            (b"tab", true) => r.sep("\t"),
            (b"line-break", true) => r.sep("\n"),
            (b"table-cell", false) => in_cell += 1,
            _ => {}
        },
        Ev::Close { name } => match name {
            b"p" | b"h" => {
                in_par = in_par.saturating_sub(1);
                r.sep(if in_cell > 0 { " " } else { "\n" });
            }
            b"table-cell" => {
                in_cell = in_cell.saturating_sub(1);
                r.pop_sep(' ');
                r.sep("\t");
            }
            b"table-row" => {
                r.pop_sep('\t');
                r.sep("\n");
            }
            _ => {}
        },
        Ev::Text { text, raw } => {
            if in_par > 0 {
                r.node(part, raw, text, false);
            }
        }
    })?;
    Ok(r)
}

/// Tables of an OpenDocument spreadsheet part: (table name, text).
pub fn tables(
    part: usize,
    xml: &[u8],
) -> Result<Vec<(String, Rendition)>, String> {
    let mut out = Vec::new();
    let mut name: Option<String> = None;
    let mut cells: Vec<Cell> = Vec::new();
    let mut row = 0u32;
    let mut col = 0u32;
    let mut row_repeat = 1u32;
    let mut cur: Option<Cell> = None;
    let mut col_repeat = 1u32;
    let mut in_par = 0u32;
    let repeat = |tag: &quick_xml::events::BytesStart<'_>, key: &[u8]| {
        attr(tag, key).and_then(|n| n.parse::<u32>().ok()).unwrap_or(1).max(1)
    };
    walk(xml, |ev| match ev {
        Ev::Open { name: b"table", tag, empty: false, .. } => {
            name = Some(
                attr(tag, b"name")
                    .unwrap_or_else(|| format!("Sheet{}", out.len() + 1)),
            );
            cells.clear();
            row = 0;
        }
        Ev::Close { name: b"table" } => {
            if let Some(n) = name.take() {
                out.push((n, sheet::render(std::mem::take(&mut cells))));
            }
        }
        Ev::Open { name: b"table-row", tag, empty, .. } => {
            row_repeat = repeat(tag, b"number-rows-repeated");
            col = 0;
            if empty {
                row = row.saturating_add(row_repeat);
            }
        }
        Ev::Close { name: b"table-row" } => {
            row = row.saturating_add(row_repeat);
        }
        Ev::Open {
            name: b"table-cell" | b"covered-table-cell",
            tag,
            empty,
            ..
        } => {
            col_repeat = repeat(tag, b"number-columns-repeated");
            if empty {
                col = col.saturating_add(col_repeat);
            } else {
                cur = Some(Cell { row, col, nodes: Vec::new(), typed: None });
            }
        }
        Ev::Close { name: b"table-cell" | b"covered-table-cell" } => {
            if let Some(c) = cur.take() {
                if c.nodes.iter().any(|n| !n.text.is_empty()) {
                    cells.push(c);
                }
            }
            col = col.saturating_add(col_repeat);
        }
        Ev::Open { name: b"p" | b"h", empty: false, .. } => in_par += 1,
        Ev::Close { name: b"p" | b"h" } => in_par = in_par.saturating_sub(1),
        Ev::Text { text, raw } if in_par > 0 => {
            if let Some(c) = cur.as_mut() {
                c.nodes.push(NodeText { part, raw, text: text.to_string() });
            }
        }
        _ => {}
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odt_paragraphs_and_spaces() {
        let xml = br#"<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text>
<text:h>Contacts</text:h><text:p>Mail<text:s/>jane@corp.example<text:tab/>x</text:p>
</office:text></office:body></office:document-content>"#;
        let r = prose(0, xml).unwrap();
        assert_eq!(r.text, "Contacts\nMail jane@corp.example\tx\n");
    }

    #[test]
    fn ods_repeats_keep_cell_references() {
        let xml = br#"<t:table t:name="People" xmlns:t="t" xmlns:x="x">
<t:table-row><t:table-cell><x:p>name</x:p></t:table-cell><t:table-cell t:number-columns-repeated="2"/><t:table-cell><x:p>email</x:p></t:table-cell></t:table-row>
<t:table-row t:number-rows-repeated="3"><t:table-cell/></t:table-row>
<t:table-row><t:table-cell><x:p>Jo</x:p></t:table-cell><t:table-cell t:number-columns-repeated="2"/><t:table-cell><x:p>jo@corp.example</x:p></t:table-cell></t:table-row>
</t:table>"#;
        let t = tables(0, xml).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].0, "People");
        let r = &t[0].1;
        assert_eq!(r.text, "name\t\t\temail\nJo\t\t\tjo@corp.example\n");
        let at = r.text.find("jo@").unwrap();
        assert_eq!(r.cells.locate(at).map(|c| c.0), Some("D5"));
    }
}
