//! Which Office format a zip holds, which of its parts hold text, and
//! the text of each: the one entry point shared by scanning and
//! redaction, so both see exactly the same text.

use super::xml::Rendition;
use super::{name, odf, ooxml};

/// An Office format, recognized by the parts a zip holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeKind {
    /// `.docx`: `word/document.xml`.
    Word,
    /// `.xlsx`: `xl/workbook.xml`.
    Excel,
    /// `.pptx`: `ppt/presentation.xml`.
    PowerPoint,
    /// `.odt`, `.odp`: `mimetype` of a text or presentation.
    OdfText,
    /// `.ods`: `mimetype` of a spreadsheet.
    OdfSheet,
}

/// The Office format of a zip with members `names` (and the content of
/// its `mimetype` member, for OpenDocument), if it is one.
pub fn kind(names: &[String], mimetype: Option<&[u8]>) -> Option<OfficeKind> {
    let has = |n: &str| names.iter().any(|m| m == n);
    if has("word/document.xml") {
        return Some(OfficeKind::Word);
    }
    if has("xl/workbook.xml") {
        return Some(OfficeKind::Excel);
    }
    if has("ppt/presentation.xml") {
        return Some(OfficeKind::PowerPoint);
    }
    let mime =
        mimetype.map(|m| String::from_utf8_lossy(m).trim().to_string())?;
    if !has("content.xml") {
        return None;
    }
    if mime.starts_with("application/vnd.oasis.opendocument.spreadsheet") {
        Some(OfficeKind::OdfSheet)
    } else if mime.starts_with("application/vnd.oasis.opendocument.") {
        Some(OfficeKind::OdfText)
    } else {
        None
    }
}

fn numbered(name: &str, prefix: &str) -> bool {
    name.starts_with(prefix) && name.ends_with(".xml")
}

/// Whether part `name` is read for text.
pub fn wanted(kind: OfficeKind, name: &str) -> bool {
    match kind {
        OfficeKind::Word => {
            name == "docProps/core.xml"
                || (name.starts_with("word/")
                    && !name[5..].contains('/')
                    && name.ends_with(".xml")
                    && [
                        "document",
                        "header",
                        "footer",
                        "footnotes",
                        "endnotes",
                        "comments",
                    ]
                    .iter()
                    .any(|p| name[5..].starts_with(p)))
        }
        OfficeKind::PowerPoint => {
            name == "docProps/core.xml"
                || numbered(name, "ppt/slides/slide")
                || numbered(name, "ppt/notesSlides/notesSlide")
                || numbered(name, "ppt/comments/")
        }
        OfficeKind::Excel => {
            name == "docProps/core.xml"
                || name == "xl/workbook.xml"
                || name == "xl/_rels/workbook.xml.rels"
                || name == "xl/sharedStrings.xml"
                || numbered(name, "xl/worksheets/")
                || numbered(name, "xl/comments")
        }
        OfficeKind::OdfText | OfficeKind::OdfSheet => {
            name == "content.xml" || name == "meta.xml"
        }
    }
}

/// One text of a document: a part, or a sheet.
#[derive(Debug)]
pub struct Rendered {
    /// Member path suffix (`word/document.xml`, `Sheet1`).
    pub suffix: String,
    /// Its text, or why the part could not be read.
    pub result: Result<Rendition, String>,
}

/// The texts of a document whose wanted parts are `parts` (name, bytes),
/// in a stable order. Spans refer to indices into `parts`.
pub fn render(kind: OfficeKind, parts: &[(String, Vec<u8>)]) -> Vec<Rendered> {
    let find = |n: &str| parts.iter().position(|(m, _)| m == n);
    let mut out = Vec::new();
    let plain = |suffix: &str,
                 f: fn(usize, &[u8]) -> Result<Rendition, String>,
                 out: &mut Vec<Rendered>| {
        if let Some(i) = find(suffix) {
            out.push(Rendered {
                suffix: suffix.to_string(),
                result: f(i, &parts[i].1),
            });
        }
    };
    match kind {
        OfficeKind::Word | OfficeKind::PowerPoint => {
            for (i, (n, bytes)) in parts.iter().enumerate() {
                let f = if n.starts_with("docProps/")
                    || n.starts_with("ppt/comments/")
                {
                    ooxml::lines
                } else {
                    ooxml::prose
                };
                out.push(Rendered { suffix: n.clone(), result: f(i, bytes) });
            }
        }
        OfficeKind::Excel => {
            let shared = match find("xl/sharedStrings.xml") {
                Some(i) => match ooxml::shared_strings(i, &parts[i].1) {
                    Ok(s) => s,
                    Err(e) => {
                        out.push(Rendered {
                            suffix: parts[i].0.clone(),
                            result: Err(e),
                        });
                        Vec::new()
                    }
                },
                None => Vec::new(),
            };
            let sheets = match (
                find("xl/workbook.xml"),
                find("xl/_rels/workbook.xml.rels"),
            ) {
                (Some(w), Some(r)) => ooxml::sheets(&parts[w].1, &parts[r].1),
                _ => Ok(Vec::new()),
            };
            match sheets {
                Err(e) => out.push(Rendered {
                    suffix: "xl/workbook.xml".into(),
                    result: Err(e),
                }),
                Ok(sheets) => {
                    for (sheet, part) in sheets {
                        if let Some(i) = find(&part) {
                            out.push(Rendered {
                                suffix: name::clean(&sheet),
                                result: ooxml::worksheet(
                                    i,
                                    &parts[i].1,
                                    &shared,
                                ),
                            });
                        }
                    }
                }
            }
            for (i, (n, bytes)) in parts.iter().enumerate() {
                if n.starts_with("xl/comments") {
                    out.push(Rendered {
                        suffix: n.clone(),
                        result: ooxml::lines(i, bytes),
                    });
                }
            }
            plain("docProps/core.xml", ooxml::lines, &mut out);
        }
        OfficeKind::OdfText => {
            plain("content.xml", odf::prose, &mut out);
            plain("meta.xml", ooxml::lines, &mut out);
        }
        OfficeKind::OdfSheet => {
            if let Some(i) = find("content.xml") {
                match odf::tables(i, &parts[i].1) {
                    Ok(tables) => {
                        for (t, r) in tables {
                            out.push(Rendered {
                                suffix: name::clean(&t),
                                result: Ok(r),
                            });
                        }
                    }
                    Err(e) => out.push(Rendered {
                        suffix: "content.xml".into(),
                        result: Err(e),
                    }),
                }
            }
            plain("meta.xml", ooxml::lines, &mut out);
        }
    }
    out
}
