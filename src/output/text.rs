//! `--format text`: one line per finding, for people.
//!
//! `path:line:col kind confidence masked`, e.g.
//! `logs/a.log:12:5 email 0.95 j***@e******.com`, with ` (synthetic)`
//! appended for values that are fake by convention. With color, the path
//! is magenta and the kind bold green. No summary: stats go to stderr.
//!
//! Must never: print a raw value unless `Finding.value` is set (then the
//! value replaces the masked preview), or print any field without
//! escaping terminal control characters (file names are untrusted).

use std::io::{self, Write};

use super::{round_confidence, Report, RuleMeta, Summary};
use crate::finding::Finding;
use crate::sanitize::for_terminal;

const MAGENTA: &str = "\x1b[35m";
const BOLD_GREEN: &str = "\x1b[1;32m";
const RESET: &str = "\x1b[0m";

/// Writes findings as lines for a terminal or a pager.
#[derive(Debug, Clone, Default)]
pub struct TextReport {
    color: bool,
}

impl TextReport {
    /// `color` adds ANSI colors; the caller decides (tty, `NO_COLOR`).
    pub fn new(color: bool) -> Self {
        TextReport { color }
    }
}

impl Report for TextReport {
    fn begin(
        &mut self,
        _w: &mut dyn Write,
        _rules: &[RuleMeta],
    ) -> io::Result<()> {
        Ok(())
    }

    fn finding(&mut self, w: &mut dyn Write, f: &Finding) -> io::Result<()> {
        let path = for_terminal(&f.path);
        let kind = for_terminal(f.kind);
        let shown = for_terminal(f.value.as_deref().unwrap_or(&f.masked));
        let confidence = round_confidence(f.confidence);
        if self.color {
            write!(
                w,
                "{MAGENTA}{path}{RESET}:{}:{} {BOLD_GREEN}{kind}{RESET} {confidence:.2} {shown}",
                f.line, f.column
            )?;
        } else {
            write!(
                w,
                "{path}:{}:{} {kind} {confidence:.2} {shown}",
                f.line, f.column
            )?;
        }
        if f.synthetic {
            w.write_all(b" (synthetic)")?;
        }
        w.write_all(b"\n")
    }

    fn finish(
        &mut self,
        _w: &mut dyn Write,
        _summary: &Summary,
    ) -> io::Result<()> {
        Ok(())
    }
}
