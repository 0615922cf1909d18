//! Records of a JSON document (a pretty-printed export, an API dump):
//! each object that is an element of an array with no array above it
//! (`[{...}, {...}]`, `{"users": [{...}], "orders": [{...}]}`). A
//! person's record is then the object holding their data, whatever its
//! line breaks, in exports and in `--erase-records`, which removes such
//! objects with their separators so the document stays valid JSON.
//!
//! Only a document serde_json parses whole is read this way; anything
//! else (JSON lines in a `.json` file, a broken file) keeps line records.

use std::ops::Range;

use serde::de::IgnoredAny;

/// Largest document held in memory to find its records; a larger one
/// keeps line records in exports and is not changed by
/// `--erase-records`.
pub const MAX_DOC: usize = 256 << 20;

/// Where a document's records are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonRecords {
    /// Element spans of each array with no array above it, in order.
    arrays: Vec<Vec<Range<usize>>>,
    /// The object elements among them.
    records: RecordIndex,
}

/// A document's records by start: each a span and its place (list,
/// item), shared by JSON and YAML documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordIndex(Vec<(Range<usize>, usize, usize)>);

impl RecordIndex {
    pub(crate) fn new(mut records: Vec<(Range<usize>, usize, usize)>) -> Self {
        records.sort_by_key(|(r, ..)| r.start);
        RecordIndex(records)
    }

    /// The span of the record holding offset `at`, if any.
    pub(crate) fn record_at(&self, at: usize) -> Option<Range<usize>> {
        self.find(at).map(|(span, ..)| span.clone())
    }

    fn find(&self, at: usize) -> Option<&(Range<usize>, usize, usize)> {
        let i = self.0.partition_point(|(r, ..)| r.start <= at);
        self.0.get(i.checked_sub(1)?).filter(|(r, ..)| at < r.end)
    }

    /// Which items of each list hold one of `hits` (`sizes`: items per
    /// list), and how many items that is.
    pub(crate) fn items_holding(
        &self,
        hits: &[usize],
        sizes: impl Iterator<Item = usize>,
    ) -> Result<(Vec<Vec<bool>>, u64), RemoveError> {
        let mut gone: Vec<Vec<bool>> = sizes.map(|n| vec![false; n]).collect();
        let mut count = 0;
        for &h in hits {
            let (_, list, item) = self.find(h).ok_or(RemoveError::Outside)?;
            if !gone[*list][*item] {
                gone[*list][*item] = true;
                count += 1;
            }
        }
        Ok((gone, count))
    }
}

/// Why records were not removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoveError {
    /// A hit lies outside every record (a top-level field, a string in a
    /// list of strings): there is no record to remove.
    Outside,
    /// The result would not be the document minus those records.
    WouldChangeTheRest,
}

impl JsonRecords {
    /// The records of `text`, if it is one valid JSON document.
    pub fn parse(text: &[u8]) -> Option<JsonRecords> {
        // Valid (and at most serde_json's 128 levels deep) before the
        // scan below, which relies on both.
        serde_json::from_slice::<IgnoredAny>(text).ok()?;
        let mut arrays = Vec::new();
        scan(text, skip_ws(text, 0), &mut arrays);
        let records = arrays
            .iter()
            .enumerate()
            .flat_map(|(a, elems)| {
                elems
                    .iter()
                    .enumerate()
                    .filter(|(_, span)| text[span.start] == b'{')
                    .map(move |(e, span)| (span.clone(), a, e))
            })
            .collect();
        let records = RecordIndex::new(records);
        Some(JsonRecords { arrays, records })
    }

    /// The span of the record holding offset `at`, if any.
    pub fn record_at(&self, at: usize) -> Option<Range<usize>> {
        self.records.record_at(at)
    }

    /// `text` without every record holding one of `hits` (offsets), and
    /// how many were removed. The comma between a removed element and
    /// its neighbour goes with it; the whitespace around the others stays.
    pub fn remove(
        &self,
        text: &[u8],
        hits: &[usize],
    ) -> Result<(Vec<u8>, u64), RemoveError> {
        let (removed, count) = self
            .records
            .items_holding(hits, self.arrays.iter().map(Vec::len))?;
        let mut cuts: Vec<Range<usize>> = Vec::new();
        for (elems, gone) in self.arrays.iter().zip(&removed) {
            let mut e = 0;
            while e < elems.len() {
                if !gone[e] {
                    e += 1;
                    continue;
                }
                let first = e;
                while e < elems.len() && gone[e] {
                    e += 1;
                }
                let last = e - 1;
                cuts.push(if first > 0 {
                    // `, <removed>...` after the kept element before.
                    elems[first - 1].end..elems[last].end
                } else if e < elems.len() {
                    // `<removed>, ...` up to the kept element after.
                    elems[0].start..elems[e].start
                } else {
                    // Every element: the array keeps its brackets.
                    elems[0].start..elems[last].end
                });
            }
        }
        cuts.sort_by_key(|c| c.start);
        let mut out = Vec::with_capacity(text.len());
        let mut at = 0;
        for c in cuts {
            out.extend_from_slice(&text[at..c.start]);
            at = c.end;
        }
        out.extend_from_slice(&text[at..]);
        if JsonRecords::parse(&out).is_none() {
            return Err(RemoveError::WouldChangeTheRest);
        }
        Ok((out, count))
    }
}

/// Read the value at `i` (only objects above it), noting the element
/// spans of each array met; returns where the value ends.
fn scan(t: &[u8], mut i: usize, arrays: &mut Vec<Vec<Range<usize>>>) -> usize {
    match t[i] {
        b'{' => {
            i += 1;
            loop {
                i = skip_ws(t, i);
                if t[i] == b'}' {
                    return i + 1;
                }
                i = skip_ws(t, skip_string(t, i));
                // The colon, then the member's value.
                i = skip_ws(t, i + 1);
                i = skip_ws(t, scan(t, i, arrays));
                if t[i] == b'}' {
                    return i + 1;
                }
                i += 1;
            }
        }
        b'[' => {
            let mut elems = Vec::new();
            i += 1;
            loop {
                i = skip_ws(t, i);
                if t[i] == b']' {
                    arrays.push(elems);
                    return i + 1;
                }
                let end = skip_value(t, i);
                elems.push(i..end);
                i = skip_ws(t, end);
                if t[i] == b',' {
                    i += 1;
                }
            }
        }
        _ => skip_value(t, i),
    }
}

/// The end of the value at `i` in valid JSON.
fn skip_value(t: &[u8], mut i: usize) -> usize {
    match t[i] {
        b'"' => skip_string(t, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            loop {
                match t[i] {
                    b'"' => i = skip_string(t, i),
                    b'{' | b'[' => {
                        depth += 1;
                        i += 1;
                    }
                    b'}' | b']' => {
                        depth -= 1;
                        i += 1;
                        if depth == 0 {
                            return i;
                        }
                    }
                    _ => i += 1,
                }
            }
        }
        _ => {
            while i < t.len()
                && !matches!(
                    t[i],
                    b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'
                )
            {
                i += 1;
            }
            i
        }
    }
}

/// The end of the string whose opening quote is at `i`.
fn skip_string(t: &[u8], mut i: usize) -> usize {
    i += 1;
    loop {
        match memchr::memchr2(b'"', b'\\', &t[i..]) {
            Some(k) if t[i + k] == b'\\' => i += k + 2,
            Some(k) => return i + k + 1,
            // Unreachable for valid JSON.
            None => return t.len(),
        }
    }
}

fn skip_ws(t: &[u8], mut i: usize) -> usize {
    while i < t.len() && matches!(t[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const USERS: &str = r#"{
  "exported": "2024-03-15",
  "users": [
    {
      "id": 1,
      "name": "Jane Roe",
      "tags": ["a", {"x": "]"}],
      "note": "says \"hi\", [ok]"
    },
    {"id": 2, "name": "John Poe"},
    {
      "id": 3,
      "name": "Ann Moe"
    }
  ],
  "owners": [{"name": "Ops"}, "plain"]
}"#;

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap()
    }

    fn valid(text: &[u8]) -> bool {
        serde_json::from_slice::<IgnoredAny>(text).is_ok()
    }

    #[test]
    fn records_are_the_objects_of_top_level_arrays() {
        let doc = JsonRecords::parse(USERS.as_bytes()).unwrap();
        let span = doc.record_at(at(USERS, "Jane")).unwrap();
        let jane: serde_json::Value =
            serde_json::from_str(&USERS[span]).unwrap();
        assert_eq!(jane["id"], 1);
        assert_eq!(jane["tags"][1]["x"], "]");
        let span = doc.record_at(at(USERS, "Ops")).unwrap();
        assert_eq!(&USERS[span], r#"{"name": "Ops"}"#);
        // Outside every object: a top-level field, a string element.
        assert_eq!(doc.record_at(at(USERS, "2024")), None);
        assert_eq!(doc.record_at(at(USERS, "plain")), None);
        // Not a document: JSON lines, a broken file.
        assert!(JsonRecords::parse(b"{\"a\":1}\n{\"a\":2}\n").is_none());
        assert!(JsonRecords::parse(b"[{\"a\":1},").is_none());
    }

    #[test]
    fn removing_keeps_the_document_valid() {
        let doc = JsonRecords::parse(USERS.as_bytes()).unwrap();
        let cases: [(&[&str], &[i64]); 7] = [
            (&["Jane"], &[2, 3]),
            (&["John"], &[1, 3]),
            (&["Ann"], &[1, 2]),
            (&["Jane", "John"], &[3]),
            (&["Jane", "Ann"], &[2]),
            (&["John", "Ann", "Ann Moe"], &[1]),
            (&["Jane", "John", "Ann"], &[]),
        ];
        for (who, left) in cases {
            let hits: Vec<usize> = who.iter().map(|w| at(USERS, w)).collect();
            let (new, n) = doc.remove(USERS.as_bytes(), &hits).unwrap();
            assert!(valid(&new), "{who:?}: {}", String::from_utf8_lossy(&new));
            let v: serde_json::Value = serde_json::from_slice(&new).unwrap();
            let ids: Vec<i64> = v["users"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["id"].as_i64().unwrap())
                .collect();
            assert_eq!(ids, left, "{who:?}");
            assert_eq!(n as usize, 3 - left.len());
            assert_eq!(v["owners"][1], "plain");
        }
        let (new, n) =
            doc.remove(USERS.as_bytes(), &[at(USERS, "Ops")]).unwrap();
        assert_eq!(n, 1);
        let v: serde_json::Value = serde_json::from_slice(&new).unwrap();
        assert_eq!(v["owners"], serde_json::json!(["plain"]));
        assert_eq!(
            doc.remove(USERS.as_bytes(), &[at(USERS, "plain")]),
            Err(RemoveError::Outside)
        );
    }

    proptest::proptest! {
        /// Any pretty or compact array of records, any records removed:
        /// the result parses, and holds exactly the other records.
        #[test]
        fn removal_equals_filtering_the_parsed_value(
            ids in proptest::collection::vec(0u32..1000, 0..12),
            gone in proptest::collection::vec(proptest::bool::ANY, 12),
            pretty in proptest::bool::ANY,
            nested in proptest::bool::ANY,
        ) {
            let users: Vec<serde_json::Value> = ids
                .iter()
                .map(|i| serde_json::json!({"id": i, "n": format!("u{i}"), "l": [i, {"k": "]"}]}))
                .collect();
            let value = if nested {
                serde_json::json!({"meta": {"count": 1}, "users": users})
            } else {
                serde_json::Value::Array(users.clone())
            };
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let doc = JsonRecords::parse(text.as_bytes()).unwrap();
            // A hit inside each removed record: its `"n"` key.
            let mut hits = Vec::new();
            let mut from = 0;
            let mut kept = Vec::new();
            for (k, u) in users.iter().enumerate() {
                let at = from + text[from..].find("\"n\"").unwrap();
                from = at + 1;
                if gone[k] {
                    hits.push(at);
                } else {
                    kept.push(u.clone());
                }
            }
            let (new, n) = doc.remove(text.as_bytes(), &hits).unwrap();
            let got: serde_json::Value = serde_json::from_slice(&new).unwrap();
            let want = if nested {
                serde_json::json!({"meta": {"count": 1}, "users": kept})
            } else {
                serde_json::Value::Array(kept.clone())
            };
            proptest::prop_assert_eq!(got, want);
            proptest::prop_assert_eq!(n as usize, users.len() - kept.len());
        }
    }

    #[test]
    fn a_top_level_array_of_records() {
        let text = "[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n";
        let doc = JsonRecords::parse(text.as_bytes()).unwrap();
        let (new, _) = doc.remove(text.as_bytes(), &[at(text, "1")]).unwrap();
        assert_eq!(String::from_utf8(new).unwrap(), "[\n  {\"a\": 2}\n]\n");
        let (new, _) = doc.remove(text.as_bytes(), &[at(text, "2")]).unwrap();
        assert_eq!(String::from_utf8(new).unwrap(), "[\n  {\"a\": 1}\n]\n");
    }
}
