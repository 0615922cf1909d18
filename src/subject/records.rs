//! Records: the unit a data subject's data comes in. A JSON-lines file's
//! record is one JSON object (one line), a CSV file's is one row read
//! with its header (even one whose quoted cells hold line breaks,
//! [`super::rows`]), a JSON document's is an object in one of its arrays
//! (the `users` of `{"users": [...]}`, [`super::json_doc`]), a YAML
//! document's is a mapping entry of one of its lists ([`super::yaml_doc`]),
//! anything else's is one line.
//!
//! Exports show records as JSON ([`to_json`]); `--erase-records` removes
//! them whole.

use std::ops::Range;

use serde_json::{Map, Value};

use super::json_doc::{JsonRecords, RemoveError, MAX_DOC};
use super::yaml_doc::YamlRecords;
use crate::redact::syntax::Syntax;

/// How the records of one input are shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// One JSON object per line.
    JsonLines,
    /// A header row, then one row per line.
    Csv,
    /// One JSON document (`.json`, or a first line of only `[` or `{`):
    /// records are the objects of its arrays when it parses whole.
    JsonDocument,
    /// A YAML document (`.yaml`, `.yml`): records are the mapping entries
    /// of its outermost block lists when it parses whole.
    YamlDocument,
    /// Plain lines.
    Text,
}

impl RecordFormat {
    /// The name used in exports.
    pub fn name(self) -> &'static str {
        match self {
            RecordFormat::JsonLines => "jsonl",
            RecordFormat::Csv => "csv",
            RecordFormat::JsonDocument => "json",
            RecordFormat::YamlDocument => "yaml",
            RecordFormat::Text => "text",
        }
    }
}

impl RecordFormat {
    /// Records may span lines (CSV rows with quoted line breaks, objects
    /// of a JSON document): removing them needs the whole record, not
    /// the lines holding hits.
    pub fn records_span_lines(self) -> bool {
        self == RecordFormat::Csv || self.is_document()
    }

    /// Records are found in the whole parsed text ([`DocumentRecords`]).
    pub fn is_document(self) -> bool {
        matches!(self, RecordFormat::JsonDocument | RecordFormat::YamlDocument)
    }
}

/// The format of an input from its name (compression suffix ignored) and
/// its first line.
pub fn detect(path: &str, head: &[u8]) -> RecordFormat {
    let lower = path.to_ascii_lowercase();
    let name = crate::input::without_compression_suffix(&lower);
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return RecordFormat::JsonLines;
    }
    if name.ends_with(".csv") {
        return RecordFormat::Csv;
    }
    // A first line holding a whole object: JSON lines, even in a `.json`
    // file (a one-line document is then one record either way).
    let t = head.trim_ascii();
    if t.starts_with(b"{") && t.ends_with(b"}") {
        return RecordFormat::JsonLines;
    }
    if name.ends_with(".json") || t == b"[" || t == b"{" {
        return RecordFormat::JsonDocument;
    }
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        return RecordFormat::YamlDocument;
    }
    RecordFormat::Text
}

/// Split one CSV line into cells (RFC 4180 quoting; `""` is a quote).
pub fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.is_empty() => quoted = true,
            (',', false) => cells.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    cells.push(cur);
    cells
}

/// A record as JSON: the object of a JSON line, a CSV row as an object
/// keyed by its header (or an array when the cells do not line up), a
/// plain line as a string. `text` is the record after redaction.
pub fn to_json(format: RecordFormat, head: &[u8], text: &[u8]) -> Value {
    let s = String::from_utf8_lossy(text);
    match format {
        // A document's record is an object; its lines outside any
        // object are kept as they are, like a broken JSON line.
        RecordFormat::JsonLines | RecordFormat::JsonDocument => {
            serde_json::from_str::<Value>(&s)
                .unwrap_or_else(|_| Value::String(s.into_owned()))
        }
        RecordFormat::Csv => {
            let header = csv_cells(&String::from_utf8_lossy(head));
            let cells = csv_cells(&s);
            if header.len() == cells.len() && text != head {
                let mut obj = Map::new();
                for (k, v) in header.into_iter().zip(cells) {
                    obj.insert(k, Value::String(v));
                }
                Value::Object(obj)
            } else {
                Value::Array(cells.into_iter().map(Value::String).collect())
            }
        }
        RecordFormat::YamlDocument => {
            // An entry's lines parse as a one-item list.
            match yaml_rust2::YamlLoader::load_from_str(&s) {
                Ok(docs) => match docs.first() {
                    Some(yaml_rust2::Yaml::Array(items))
                        if items.len() == 1 =>
                    {
                        yaml_to_json(&items[0])
                    }
                    _ => Value::String(s.into_owned()),
                },
                Err(_) => Value::String(s.into_owned()),
            }
        }
        RecordFormat::Text => Value::String(s.into_owned()),
    }
}

/// How values are written in the file `name` of `format`, so tags put in
/// place of them (erasure, exports) keep it parsing: by name (`.sql`,
/// `.yaml`, `.json`, ...), else by content.
pub fn value_syntax(name: &str, format: RecordFormat) -> Syntax {
    match (Syntax::of_name(name), format) {
        (Syntax::Plain, RecordFormat::YamlDocument) => Syntax::Yaml,
        (
            Syntax::Plain,
            RecordFormat::JsonLines | RecordFormat::JsonDocument,
        ) => Syntax::Json,
        (by_name, _) => by_name,
    }
}

/// A parsed YAML node as JSON (keys as strings; aliases as null).
fn yaml_to_json(y: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match y {
        Yaml::Real(r) => r
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| Value::String(r.clone()), Value::Number),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(a) => Value::Array(a.iter().map(yaml_to_json).collect()),
        Yaml::Hash(h) => Value::Object(
            h.iter()
                .map(|(k, v)| {
                    let key = match yaml_to_json(k) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

/// The records of a JSON or YAML document, found once its whole text is
/// read (they span lines).
#[derive(Debug, Clone)]
pub enum DocumentRecords {
    /// Objects of a JSON document's arrays.
    Json(JsonRecords),
    /// Mapping entries of a YAML document's lists.
    Yaml(YamlRecords),
}

impl DocumentRecords {
    /// The records of `text` in `format`, if it is a document that
    /// parses whole and fits in memory ([`MAX_DOC`]).
    pub fn parse(format: RecordFormat, text: &[u8]) -> Option<Self> {
        if text.len() > MAX_DOC {
            return None;
        }
        match format {
            RecordFormat::JsonDocument => {
                JsonRecords::parse(text).map(DocumentRecords::Json)
            }
            RecordFormat::YamlDocument => {
                YamlRecords::parse(text).map(DocumentRecords::Yaml)
            }
            _ => None,
        }
    }

    /// The span of the record holding offset `at`, if any.
    pub fn record_at(&self, at: usize) -> Option<Range<usize>> {
        match self {
            DocumentRecords::Json(d) => d.record_at(at),
            DocumentRecords::Yaml(d) => d.record_at(at),
        }
    }

    /// `text` without every record holding one of `hits` (offsets), and
    /// how many were removed; checked to leave the rest as it was.
    pub fn remove(
        &self,
        text: &[u8],
        hits: &[usize],
    ) -> Result<(Vec<u8>, u64), RemoveError> {
        match self {
            DocumentRecords::Json(d) => d.remove(text, hits),
            DocumentRecords::Yaml(d) => d.remove(text, hits),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_detected() {
        assert_eq!(detect("a/b.jsonl.gz", b""), RecordFormat::JsonLines);
        assert_eq!(detect("x.log", b"{\"a\":1}"), RecordFormat::JsonLines);
        assert_eq!(detect("t.CSV", b"a,b"), RecordFormat::Csv);
        assert_eq!(detect("app.log", b"2024 INFO x"), RecordFormat::Text);
        assert_eq!(detect("users.json", b"["), RecordFormat::JsonDocument);
        assert_eq!(detect("dump.json.gz", b"{"), RecordFormat::JsonDocument);
        assert_eq!(detect("export", b"[ \r"), RecordFormat::JsonDocument);
        assert_eq!(detect("app.log", b"[2024-03-15] x"), RecordFormat::Text);
        assert_eq!(
            detect("lines.json", b"{\"a\":1}"),
            RecordFormat::JsonLines
        );
        assert_eq!(detect("seed.yml", b"# x"), RecordFormat::YamlDocument);
        assert_eq!(detect("c.yaml.zst", b"a:"), RecordFormat::YamlDocument);
    }

    #[test]
    fn csv_rows_become_objects() {
        assert_eq!(
            csv_cells(r#"a,"b,c","d""e",,"#),
            ["a", "b,c", "d\"e", "", ""]
        );
        let v = to_json(RecordFormat::Csv, b"id,email", b"7,[EMAIL]");
        assert_eq!(v, serde_json::json!({"id": "7", "email": "[EMAIL]"}));
        let v = to_json(RecordFormat::JsonLines, b"", b"{\"a\":\"[EMAIL]\"}");
        assert_eq!(v, serde_json::json!({"a": "[EMAIL]"}));
        let v = to_json(RecordFormat::JsonLines, b"", b"not json");
        assert_eq!(v, serde_json::json!("not json"));
    }
}
