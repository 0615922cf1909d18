//! PDF: the text layer of each page, by the `lopdf` crate, as members
//! `report.pdf!page-3`. An encrypted PDF, or one without any text (a
//! scan: images only), is reported as unscanned with the reason, never
//! as clean. A parser panic on a hostile file is caught and reported as
//! an error for that file.

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::container::Ctx;
use super::{name, NoteKind};

/// Pages of the PDF `bytes`, shown as `display`: (page member suffix,
/// text), or why it cannot be scanned.
pub fn page_texts(
    bytes: &[u8],
) -> Result<Vec<(String, String)>, (NoteKind, String)> {
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        let doc = match lopdf::Document::load_mem(bytes) {
            Ok(d) => d,
            Err(e) => {
                let msg = e.to_string();
                return Err(
                    if msg.to_lowercase().contains("decrypt")
                        || msg.to_lowercase().contains("encrypt")
                    {
                        (NoteKind::Unscanned, "encrypted PDF".to_string())
                    } else {
                        (NoteKind::Error, format!("corrupt PDF: {msg}"))
                    },
                );
            }
        };
        if doc.is_encrypted() {
            return Err((NoteKind::Unscanned, "encrypted PDF".to_string()));
        }
        let mut out = Vec::new();
        for (n, _) in doc.get_pages() {
            let text = doc.extract_text(&[n]).unwrap_or_default();
            out.push((format!("page-{n}"), text));
        }
        Ok(out)
    }));
    let pages = match parsed {
        Ok(r) => r?,
        Err(_) => {
            return Err((
                NoteKind::Error,
                "corrupt PDF: the parser gave up".to_string(),
            ))
        }
    };
    if pages.iter().all(|(_, t)| t.trim().is_empty()) {
        return Err((
            NoteKind::Unscanned,
            "no text layer (image-only PDF?)".to_string(),
        ));
    }
    Ok(pages)
}

/// Scan the pages of a PDF.
pub fn pdf(ctx: &mut Ctx<'_>, bytes: &[u8], display: &str) {
    match page_texts(bytes) {
        Ok(pages) => {
            for (suffix, text) in pages {
                if !text.trim().is_empty() {
                    ctx.text(
                        &name::join(display, &suffix),
                        text.into_bytes(),
                        None,
                    );
                }
            }
        }
        Err((kind, reason)) => ctx.note(display, kind, reason),
    }
}
