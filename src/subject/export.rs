//! Right of access and portability: one machine-readable file per
//! subject with every record that holds their data, and an index.
//!
//! A record (a JSON-lines object, a CSV row with its header, a plain
//! line) often holds other people's data too: a support ticket names the
//! agent, a log line the other party of a call. Before a record goes into
//! an export, the full catalog [`Engine`] runs over it and every value it
//! finds that is not one of this subject's occurrences becomes a tag of
//! its kind (`[EMAIL]`), and so does every other subject's identifier: an
//! export carries the subject's own data raw (that is its point) and
//! never a third party's.
//!
//! Files are written `0600` through [`crate::output::private`]. Records
//! are held in memory until the end of the run (exports answer requests
//! about one person; they are small).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::locate::{FileHits, Record};
use super::records::{self, RecordFormat};
use super::rewrite::tag;
use super::SubjectMatcher;
use crate::engine::Engine;
use crate::output::private::write_private;
use crate::redact::syntax::Syntax;

/// Score threshold for third parties' data in exports, below the scan
/// default (0.5): a weak candidate (a capitalized pair of words that may
/// be a name) costs the subject a tag in their export, while a missed one
/// would hand a stranger's data to someone else. Build the engine given
/// to [`Exporter::new`] with it.
pub const THIRD_PARTY_MIN_CONFIDENCE: f64 = 0.3;

/// One exported record.
#[derive(Debug, Clone, Serialize)]
pub struct ExportRecord {
    /// Input path.
    pub source: String,
    /// 1-based line.
    pub line: u64,
    /// `jsonl`, `csv` or `text`.
    pub format: &'static str,
    /// Which of the subject's identifiers it holds (`email#1`).
    pub matched: Vec<String>,
    /// The record, third parties' data redacted.
    pub record: Value,
}

#[derive(Debug, Default)]
struct PerSubject {
    records: Vec<ExportRecord>,
    sources: BTreeMap<String, u64>,
}

/// One line of the index: a subject's export file and counts.
#[derive(Debug, Clone, Serialize)]
pub struct IndexEntry {
    /// The subject's label.
    pub subject: String,
    /// The export file's name, in the export directory.
    pub file: String,
    /// Records exported.
    pub records: u64,
    /// Records per source path.
    pub sources: BTreeMap<String, u64>,
}

/// Collects records per subject, then writes the files.
pub struct Exporter<'a> {
    engine: &'a Engine,
    matcher: &'a SubjectMatcher,
    subjects: Vec<PerSubject>,
}

impl<'a> Exporter<'a> {
    /// `engine` finds third parties' data (use the full catalog).
    pub fn new(engine: &'a Engine, matcher: &'a SubjectMatcher) -> Self {
        let n = matcher.subjects().len();
        Exporter {
            engine,
            matcher,
            subjects: (0..n).map(|_| PerSubject::default()).collect(),
        }
    }

    /// Take the records of one input.
    pub fn add(&mut self, file: &FileHits) {
        let format = file.format.unwrap_or(RecordFormat::Text);
        let syntax = records::value_syntax(&file.path, format);
        for rec in &file.records {
            let mut who: Vec<u32> =
                rec.hits.iter().map(|h| h.subject).collect();
            who.sort_unstable();
            who.dedup();
            for s in who {
                let text = self.redact_for(rec, s, syntax);
                let mut matched: Vec<String> = rec
                    .hits
                    .iter()
                    .filter(|h| h.subject == s)
                    .map(|h| self.ident_name(s, h.ident))
                    .collect();
                matched.dedup();
                let per = &mut self.subjects[s as usize];
                *per.sources.entry(file.path.clone()).or_default() += 1;
                per.records.push(ExportRecord {
                    source: file.path.clone(),
                    line: rec.line,
                    format: format.name(),
                    matched,
                    record: records::to_json(format, &file.head, &text),
                });
            }
        }
    }

    fn ident_name(&self, s: u32, i: u32) -> String {
        let id = &self.matcher.subjects()[s as usize].identifiers[i as usize];
        format!("{}#{}", id.kind.name(), i + 1)
    }

    /// `rec`'s text with everything that is not subject `s`'s replaced by
    /// a tag.
    pub fn redact_for(&self, rec: &Record, s: u32, syntax: Syntax) -> Vec<u8> {
        let own: Vec<&Range<usize>> = rec
            .hits
            .iter()
            .filter(|h| h.subject == s)
            .map(|h| &h.span)
            .collect();
        let overlaps_own = |r: &Range<usize>| {
            own.iter().any(|o| o.start < r.end && r.start < o.end)
        };
        let mut cuts: Vec<(Range<usize>, String)> = Vec::new();
        let mut matches = Vec::new();
        self.engine.scan(&rec.text, 0..rec.text.len(), &mut matches);
        for m in &matches {
            if !overlaps_own(&m.span) {
                let kind = self.engine.rules()[m.rule].kind.id;
                cuts.push((
                    m.span.clone(),
                    format!("[{}]", kind.to_ascii_uppercase()),
                ));
            }
        }
        let subjects = self.matcher.subjects();
        for h in rec.hits.iter().filter(|h| h.subject != s) {
            if !overlaps_own(&h.span) {
                let id = &subjects[h.subject as usize].identifiers
                    [h.ident as usize];
                cuts.push((h.span.clone(), tag(&id.kind)));
            }
        }
        cuts.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut out = Vec::with_capacity(rec.text.len());
        let mut at = 0;
        for (r, t) in cuts {
            if r.end <= at {
                continue;
            }
            let start = r.start.max(at);
            out.extend_from_slice(&rec.text[at..start]);
            if start == r.start {
                // So the record still parses: a tag as a whole YAML or
                // bare JSON value is written as a string.
                let t = t.as_bytes();
                syntax.write_replacement(
                    &rec.text,
                    &r,
                    &mut out,
                    |_, o| o.extend_from_slice(t),
                    |o| o.extend_from_slice(t),
                );
            }
            at = r.end;
        }
        out.extend_from_slice(&rec.text[at..]);
        out
    }

    /// Write one file per subject that has records, and `index.json`.
    /// Returns the index entries.
    pub fn write(self, dir: &Path) -> Result<Vec<IndexEntry>, String> {
        let shown =
            crate::sanitize::for_terminal(&dir.to_string_lossy()).into_owned();
        std::fs::create_dir_all(dir).map_err(|e| {
            format!(
                "--export {shown}: cannot create it: {}",
                crate::input::io_reason(&e)
            )
        })?;
        let mut index = Vec::new();
        let mut used = std::collections::HashSet::new();
        for (s, per) in self.subjects.into_iter().enumerate() {
            let label = &self.matcher.subjects()[s].label;
            let mut name = format!("subject-{}.json", file_safe(label));
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("subject-{}-{n}.json", file_safe(label));
                n += 1;
            }
            let doc = serde_json::json!({
                "version": 1,
                "subject": label,
                "records": per.records,
            });
            let bytes =
                serde_json::to_vec_pretty(&doc).map_err(|e| e.to_string())?;
            write_private(&dir.join(&name), &bytes)?;
            index.push(IndexEntry {
                subject: label.clone(),
                file: name,
                records: per.records.len() as u64,
                sources: per.sources,
            });
        }
        let doc = serde_json::json!({ "version": 1, "subjects": index });
        let bytes =
            serde_json::to_vec_pretty(&doc).map_err(|e| e.to_string())?;
        write_private(&index_path(dir), &bytes)?;
        Ok(index)
    }
}

/// Where the index goes.
pub fn index_path(dir: &Path) -> PathBuf {
    dir.join("index.json")
}

/// A label as a file name: letters, digits, `.`, `_` and `-` kept, the
/// rest `_`; never empty, never a dot file.
fn file_safe(label: &str) -> String {
    let s: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() {
        "_".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::file_safe;

    #[test]
    fn labels_become_safe_file_names() {
        assert_eq!(file_safe("dsar-2024/017"), "dsar-2024_017");
        assert_eq!(file_safe("../x"), "_x");
        assert_eq!(file_safe(""), "_");
    }
}
