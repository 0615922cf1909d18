//! Records of a YAML document (fixtures, seed data, exports): each
//! mapping that is an item of a block sequence with no sequence above it
//! (`customers:` then `  - id: ...` entries). A person's record is the
//! whole entry, every line of it, in exports and in `--erase-records`,
//! which removes the entry's lines and then checks, by parsing both, that
//! the document lost exactly those entries and nothing else.
//!
//! Entries are found from the parser's event positions, so quoting,
//! block scalars, comments and nested lists inside an entry stay with
//! it. Flow sequences (`[{...}]`) hold no records here.

use std::ops::Range;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;
use yaml_rust2::{Yaml, YamlLoader};

use super::json_doc::{RecordIndex, RemoveError};

/// Where a document's records are.
#[derive(Debug, Clone)]
pub struct YamlRecords {
    /// Outermost sequences in document order (numbered as the parsed
    /// value is walked); `None` for one whose items are not block lines.
    sequences: Vec<Option<BlockSequence>>,
    /// The mapping items among them, as whole lines.
    records: RecordIndex,
    /// The parsed documents, to check a removal against.
    parsed: Vec<Yaml>,
}

/// A block sequence's items as whole lines.
#[derive(Debug, Clone)]
struct BlockSequence {
    items: Vec<Range<usize>>,
    /// Columns before each item's `-`.
    indent: usize,
}

impl YamlRecords {
    /// The records of `text`, if it is valid YAML.
    pub fn parse(text: &[u8]) -> Option<YamlRecords> {
        let text = std::str::from_utf8(text).ok()?;
        let parsed = YamlLoader::load_from_str(text).ok()?;
        let mut events = Events::default();
        Parser::new_from_str(text).load(&mut events, true).ok()?;
        let to_byte = char_to_byte(text, &events);
        let mut sequences = Vec::new();
        let mut records = Vec::new();
        for (ordinal, seq) in events.sequences.iter().enumerate() {
            let block = block_sequence(text, seq, &to_byte);
            if let Some(b) = &block {
                for (i, lines) in b.items.iter().enumerate() {
                    if seq.items[i].1 {
                        records.push((lines.clone(), ordinal, i));
                    }
                }
            }
            sequences.push(block);
        }
        let records = RecordIndex::new(records);
        Some(YamlRecords { sequences, records, parsed })
    }

    /// The lines of the record holding offset `at`, if any.
    pub fn record_at(&self, at: usize) -> Option<Range<usize>> {
        self.records.record_at(at)
    }

    /// `text` without the entries holding `hits`, and how many: their
    /// lines go; a sequence left with no entry becomes `[]`. Refused
    /// unless the result parses to the document minus those entries.
    pub fn remove(
        &self,
        text: &[u8],
        hits: &[usize],
    ) -> Result<(Vec<u8>, u64), RemoveError> {
        let sizes = self
            .sequences
            .iter()
            .map(|s| s.as_ref().map_or(0, |s| s.items.len()));
        let (gone, count) = self.records.items_holding(hits, sizes)?;
        let mut cuts: Vec<(Range<usize>, String)> = Vec::new();
        for (seq, gone) in self.sequences.iter().zip(&gone) {
            let Some(seq) = seq else { continue };
            if gone.iter().all(|&g| g) && !gone.is_empty() {
                let all = seq.items[0].start..seq.items[gone.len() - 1].end;
                let empty = format!("{}[]\n", " ".repeat(seq.indent + 2));
                cuts.push((all, empty));
                continue;
            }
            for (lines, _) in seq.items.iter().zip(gone).filter(|(_, &g)| g) {
                cuts.push((lines.clone(), String::new()));
            }
        }
        cuts.sort_by_key(|(r, _)| r.start);
        let mut out = Vec::with_capacity(text.len());
        let mut at = 0;
        for (r, with) in cuts {
            out.extend_from_slice(&text[at..r.start]);
            out.extend_from_slice(with.as_bytes());
            at = r.end;
        }
        out.extend_from_slice(&text[at..]);
        let mut want = self.parsed.clone();
        let mut ordinal = 0;
        for doc in &mut want {
            drop_items(doc, &gone, &mut ordinal);
        }
        let got = std::str::from_utf8(&out)
            .ok()
            .and_then(|s| YamlLoader::load_from_str(s).ok());
        if got.as_ref() != Some(&want) {
            return Err(RemoveError::WouldChangeTheRest);
        }
        Ok((out, count))
    }
}

/// Remove the gone items of each outermost sequence of `node`, numbered
/// in document order as [`Events`] numbers them.
fn drop_items(node: &mut Yaml, gone: &[Vec<bool>], ordinal: &mut usize) {
    match node {
        Yaml::Array(items) => {
            let g = &gone[*ordinal];
            *ordinal += 1;
            if !g.is_empty() {
                let mut i = 0;
                items.retain(|_| {
                    i += 1;
                    !g[i - 1]
                });
            }
        }
        Yaml::Hash(map) => {
            // Keys and values in document order; a key is rarely a
            // collection, but numbering must see it as the parser did.
            let entries = std::mem::take(map);
            for (mut k, mut v) in entries {
                drop_items(&mut k, gone, ordinal);
                drop_items(&mut v, gone, ordinal);
                map.insert(k, v);
            }
        }
        _ => {}
    }
}

/// An outermost sequence as the parser reported it: where each item's
/// first event is (char index) and whether the item is a mapping, and
/// where the sequence ended.
#[derive(Debug, Default, Clone)]
struct SeqEvents {
    items: Vec<(usize, bool)>,
    end: usize,
}

/// Collects outermost sequences from the parser's events.
#[derive(Default)]
struct Events {
    /// Open collections: `Some(i)` an outermost sequence (index into
    /// `sequences`), `None` anything else.
    stack: Vec<Frame>,
    sequences: Vec<SeqEvents>,
}

#[derive(Clone, Copy)]
enum Frame {
    Outer(usize),
    /// A sequence inside an outermost one: its sequences are not.
    Inner,
    /// A mapping; `item` is the outermost sequence and item it begins,
    /// whose start its first key may move earlier.
    Map {
        first: Option<(usize, usize)>,
    },
}

impl Events {
    fn in_sequence(&self) -> bool {
        self.stack.iter().any(|f| matches!(f, Frame::Outer(_) | Frame::Inner))
    }

    /// A node begins at `at`: if it is an item of an outermost sequence,
    /// note it.
    fn node(&mut self, at: usize, mapping: bool) -> Option<(usize, usize)> {
        if let Some(Frame::Map { first: Some((s, i)) }) = self.stack.last_mut()
        {
            let (s, i) = (*s, *i);
            // The mapping's first key starts before its marker (`:`).
            let start = &mut self.sequences[s].items[i].0;
            *start = (*start).min(at);
            if let Some(Frame::Map { first }) = self.stack.last_mut() {
                *first = None;
            }
        }
        match self.stack.last() {
            Some(Frame::Outer(s)) => {
                let s = *s;
                self.sequences[s].items.push((at, mapping));
                Some((s, self.sequences[s].items.len() - 1))
            }
            _ => None,
        }
    }
}

impl MarkedEventReceiver for Events {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let at = mark.index();
        match ev {
            Event::SequenceStart(..) => {
                self.node(at, false);
                if self.in_sequence() {
                    self.stack.push(Frame::Inner);
                } else {
                    self.sequences.push(SeqEvents::default());
                    self.stack.push(Frame::Outer(self.sequences.len() - 1));
                }
            }
            Event::MappingStart(..) => {
                let first = self.node(at, true);
                self.stack.push(Frame::Map { first });
            }
            Event::Scalar(..) | Event::Alias(..) => {
                self.node(at, false);
            }
            Event::SequenceEnd => {
                if let Some(Frame::Outer(s)) = self.stack.pop() {
                    self.sequences[s].end = at;
                }
            }
            Event::MappingEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// Byte offsets of the char indices the events hold.
fn char_to_byte(text: &str, events: &Events) -> impl Fn(usize) -> usize {
    let len = text.len();
    let mut wanted: Vec<usize> = events
        .sequences
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.0).chain([s.end]))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let ascii = text.is_ascii();
    let mut map = Vec::with_capacity(wanted.len());
    if !ascii {
        let mut w = wanted.iter().peekable();
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            while w.peek().is_some_and(|&&c| c == ci) {
                map.push((ci, bi));
                w.next();
            }
        }
        for &c in w {
            map.push((c, text.len()));
        }
    }
    move |c: usize| {
        if ascii {
            c
        } else {
            map.binary_search_by_key(&c, |&(ci, _)| ci)
                .map_or(len, |k| map[k].1)
        }
    }
}

/// The items of `seq` as whole lines, if it is a block sequence whose
/// every item starts with a `-` that only indentation precedes on its
/// line.
fn block_sequence(
    text: &str,
    seq: &SeqEvents,
    to_byte: &impl Fn(usize) -> usize,
) -> Option<BlockSequence> {
    let t = text.as_bytes();
    if seq.items.is_empty() {
        return None;
    }
    let mut starts = Vec::with_capacity(seq.items.len());
    let mut indent = None;
    for &(c, _) in &seq.items {
        let first = to_byte(c);
        // Back over the space (and line breaks) after the `-`.
        let dash = t[..first]
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))?;
        if t[dash] != b'-' {
            return None;
        }
        let line =
            t[..dash].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if !t[line..dash].iter().all(|&b| b == b' ') {
            return None;
        }
        let col = dash - line;
        if *indent.get_or_insert(col) != col {
            return None;
        }
        starts.push(line);
    }
    let indent = indent?;
    let end = to_byte(seq.end).min(t.len());
    let end = t[..end].iter().rposition(|&b| b == b'\n').map_or(end, |i| {
        // The sequence ends on a line of its own after its items (the
        // next key) or at the end of the text.
        if end == t.len()
            && !t[i + 1..].iter().all(|b| b.is_ascii_whitespace())
        {
            end
        } else {
            i + 1
        }
    });
    let mut items = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(end.max(s));
        items.push(s..trim_trailing(t, s, e, indent));
    }
    Some(BlockSequence { items, indent })
}

/// `start..end` without its trailing blank and comment lines indented no
/// more than the item's `-` (they belong to what follows).
fn trim_trailing(
    t: &[u8],
    start: usize,
    mut end: usize,
    indent: usize,
) -> usize {
    while end > start {
        let body_end = if t[end - 1] == b'\n' { end - 1 } else { end };
        let line = t[start..body_end]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(start, |i| start + i + 1);
        if line == start {
            break;
        }
        let text = &t[line..body_end];
        let lead = text.iter().take_while(|&&b| b == b' ').count();
        let rest = text[lead..].trim_ascii();
        let trailing = rest.is_empty() || (rest[0] == b'#' && lead <= indent);
        if !trailing {
            break;
        }
        end = line;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUSTOMERS: &str = "\
# Seed data.
customers:
  - id: 1
    name: Jane Roe
    email: jane@old-mail.com
    note: |
      # not a comment
      likes: tea
    tags:
      - vip
  # The second one.
  - id: 2
    name: \"Roe, John\"
    email: john@corp-mail.net

  -
    id: 3
    email: ann@corp-mail.net
owners:
- name: Ops
- plain
flow: [{a: 1}]
";

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap()
    }

    #[test]
    fn entries_are_the_mappings_of_outermost_block_sequences() {
        let doc = YamlRecords::parse(CUSTOMERS.as_bytes()).unwrap();
        let jane = doc.record_at(at(CUSTOMERS, "jane@")).unwrap();
        assert_eq!(
            &CUSTOMERS[jane.clone()],
            "  - id: 1\n    name: Jane Roe\n    email: jane@old-mail.com\n    \
             note: |\n      # not a comment\n      likes: tea\n    tags:\n      - vip\n"
        );
        assert_eq!(doc.record_at(at(CUSTOMERS, "vip")), Some(jane));
        let john = doc.record_at(at(CUSTOMERS, "john@")).unwrap();
        assert!(CUSTOMERS[john].starts_with("  - id: 2\n"));
        let ann = doc.record_at(at(CUSTOMERS, "ann@")).unwrap();
        assert_eq!(
            &CUSTOMERS[ann],
            "  -\n    id: 3\n    email: ann@corp-mail.net\n"
        );
        assert!(doc.record_at(at(CUSTOMERS, "Ops")).is_some());
        // A scalar item, a flow sequence, a comment, a top-level key.
        assert_eq!(doc.record_at(at(CUSTOMERS, "plain")), None);
        assert_eq!(doc.record_at(at(CUSTOMERS, "a: 1")), None);
        assert_eq!(doc.record_at(at(CUSTOMERS, "The second")), None);
        assert_eq!(doc.record_at(at(CUSTOMERS, "owners")), None);
        assert!(YamlRecords::parse(b"a: [1,\n").is_none());
    }

    #[test]
    fn removing_entries_leaves_the_rest_as_it_was() {
        let doc = YamlRecords::parse(CUSTOMERS.as_bytes()).unwrap();
        let ids = |text: &[u8]| -> Vec<i64> {
            let docs =
                YamlLoader::load_from_str(std::str::from_utf8(text).unwrap())
                    .unwrap();
            docs[0]["customers"]
                .as_vec()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_i64().unwrap())
                .collect()
        };
        for (who, left) in [
            (&["jane@"][..], &[2, 3][..]),
            (&["john@"], &[1, 3]),
            (&["ann@"], &[1, 2]),
            (&["jane@", "vip", "ann@"], &[2]),
        ] {
            let hits: Vec<usize> =
                who.iter().map(|w| at(CUSTOMERS, w)).collect();
            let (new, _) = doc.remove(CUSTOMERS.as_bytes(), &hits).unwrap();
            assert_eq!(ids(&new), left, "{who:?}");
            let text = String::from_utf8(new).unwrap();
            assert!(
                text.contains("# The second one.\n") || who.contains(&"john@")
            );
            assert!(text
                .ends_with("owners:\n- name: Ops\n- plain\nflow: [{a: 1}]\n"));
        }
        let all: Vec<usize> = ["jane@", "john@", "ann@"]
            .iter()
            .map(|w| at(CUSTOMERS, w))
            .collect();
        let (new, n) = doc.remove(CUSTOMERS.as_bytes(), &all).unwrap();
        assert_eq!(n, 3);
        assert!(ids(&new).is_empty());
        let (new, _) =
            doc.remove(CUSTOMERS.as_bytes(), &[at(CUSTOMERS, "Ops")]).unwrap();
        assert!(String::from_utf8(new)
            .unwrap()
            .ends_with("owners:\n- plain\nflow: [{a: 1}]\n"));
        assert!(matches!(
            doc.remove(CUSTOMERS.as_bytes(), &[at(CUSTOMERS, "plain")]),
            Err(RemoveError::Outside)
        ));
    }

    proptest::proptest! {
        /// Entries of any shape (nested lists, block text, comments,
        /// blank lines, lists at the key's indentation or deeper), any of
        /// them removed: never refused, and the others are what is left.
        #[test]
        fn any_entries_can_be_removed(
            shapes in proptest::collection::vec(0u8..4, 1..8),
            gone in proptest::collection::vec(proptest::bool::ANY, 8),
            deep in proptest::bool::ANY,
        ) {
            let pad = if deep { "  " } else { "" };
            let mut text = String::from("# seed\nusers:\n");
            for (i, shape) in shapes.iter().enumerate() {
                text += &format!("{pad}- id: {i}\n{pad}  mail: u{i}@corp-mail.net\n");
                match shape {
                    1 => text += &format!("{pad}  tags:\n{pad}    - a\n{pad}    - b: [1, 2]\n"),
                    2 => text += &format!("{pad}  note: |\n{pad}    # kept text\n\n{pad}    more\n"),
                    3 => text += &format!("\n{pad}# comment before the next\n"),
                    _ => {}
                }
            }
            text += "meta:\n  n: 1\n";
            let doc = YamlRecords::parse(text.as_bytes()).unwrap();
            let hits: Vec<usize> = (0..shapes.len())
                .filter(|&i| gone[i])
                .map(|i| text.find(&format!("u{i}@")).unwrap())
                .collect();
            let (new, n) = doc.remove(text.as_bytes(), &hits).unwrap();
            proptest::prop_assert_eq!(n as usize, hits.len());
            let docs = YamlLoader::load_from_str(std::str::from_utf8(&new).unwrap()).unwrap();
            let left: Vec<i64> = docs[0]["users"]
                .as_vec()
                .map(|v| v.iter().map(|u| u["id"].as_i64().unwrap()).collect())
                .unwrap_or_default();
            let want: Vec<i64> =
                (0..shapes.len() as i64).filter(|&i| !gone[i as usize]).collect();
            proptest::prop_assert_eq!(left, want);
            proptest::prop_assert_eq!(docs[0]["meta"]["n"].as_i64(), Some(1));
        }
    }

    #[test]
    fn an_entry_an_anchor_points_into_is_not_removed() {
        let text = "base:\n  - &b {id: 1}\nusers:\n  - id: 2\n    like: *b\n  - k: &k v\n  - id: 4\n    same: *k\n";
        let doc = YamlRecords::parse(text.as_bytes()).unwrap();
        // Removing the entry that defines `&k` breaks `*k`: refused.
        let r = doc.remove(text.as_bytes(), &[at(text, "k: &k")]);
        assert!(matches!(r, Err(RemoveError::WouldChangeTheRest)), "{r:?}");
    }
}
