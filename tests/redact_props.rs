//! Property tests of the redactor over random text with random personal
//! data inserted: guarantees 1 (the output scanned again is clean),
//! 2 (every byte outside a replaced span is unchanged) and 3 (redacting
//! twice equals redacting once), whatever the chunk size, and the stream
//! mode agreeing with the file mode whatever the read sizes.

use std::io::{self, Read};
use std::ops::Range;
use std::sync::OnceLock;

use piiscan::catalog::Catalog;
use piiscan::engine::{Engine, EngineOptions};
use piiscan::redact::{
    redact_stream, Edit, Key, Redactor, Replacer, StreamLimits, Style,
    StylePlan,
};
use proptest::prelude::*;

/// Values each detected on their own after `" k "`.
const VALUES: &[&str] = &[
    "jane.doe@acme-mail.com",
    "536-22-8741",
    "4929 1234 5678 9015",
    "GB82 WEST 1234 5698 7654 32",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "AKIA2OGYBAH6STMMNXNN",
    "+44 20 7946 0958",
    "00:1A:2B:3C:4D:5E",
    "(415) 867-5309",
    "AB123456C",
    "81.2.69.160",
    "2a00:1450:4001:82b::200e",
];

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let catalog = Catalog::builtin().expect("built-in catalog");
        Engine::new(&catalog, &EngineOptions::default()).expect("engine")
    })
}

fn redactor(style: Style) -> Redactor<'static> {
    let key =
        Key::from_bytes(b"property-test-key-0123456789".to_vec()).unwrap();
    let plan =
        StylePlan { default: style, per_kind: Vec::new(), keep_last: 0 };
    Redactor::new(engine(), Replacer::new(plan, Some(key)).unwrap(), false)
}

/// Random text (letters, digits, punctuation, spaces, newlines) with
/// values inserted; returns the text and where each value went.
fn document() -> impl Strategy<Value = (Vec<u8>, Vec<Range<usize>>)> {
    let filler = prop::collection::vec(
        prop_oneof![
            8 => prop::char::range('a', 'z'),
            2 => prop::char::range('0', '9'),
            3 => Just(' '),
            1 => Just('\n'),
            1 => prop::sample::select(vec![',', '.', ':', ';', '=', '"', '-', '/']),
        ],
        0..120,
    );
    prop::collection::vec((filler, prop::option::of(0..VALUES.len())), 1..40)
        .prop_map(|parts| {
            let mut text = Vec::new();
            let mut spans = Vec::new();
            for (fill, value) in parts {
                text.extend(fill.into_iter().collect::<String>().bytes());
                if let Some(i) = value {
                    text.extend_from_slice(b" k ");
                    let start = text.len();
                    text.extend_from_slice(VALUES[i].as_bytes());
                    spans.push(start..text.len());
                    // A hard stop: digits right after a phone would make
                    // it a longer number that is (rightly) not reported.
                    text.extend_from_slice(b" ; ");
                }
            }
            (text, spans)
        })
}

/// Every byte outside `edits` is copied, in order.
fn outside_unchanged(input: &[u8], output: &[u8], edits: &[Edit]) -> bool {
    let (mut i, mut o) = (0, 0);
    for e in edits {
        if e.src.start < i || e.dst.start < o {
            return false; // unsorted or overlapping
        }
        if input[i..e.src.start] != output[o..e.dst.start] {
            return false;
        }
        i = e.src.end;
        o = e.dst.end;
    }
    input[i..] == output[o..]
}

fn covered(edits: &[Edit], span: &Range<usize>) -> bool {
    edits.iter().any(|e| e.src.start <= span.start && span.end <= e.src.end)
}

/// A reader handing out its bytes in the given piece sizes.
struct Pieces {
    data: Vec<u8>,
    pos: usize,
    sizes: Vec<usize>,
    turn: usize,
}

impl Read for Pieces {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let size = self.sizes[self.turn % self.sizes.len()].max(1);
        self.turn += 1;
        let n = size.min(buf.len()).min(self.data.len() - self.pos);
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn redaction_guarantees(
        (text, planted) in document(),
        chunk_size in 128usize..2048,
        style in prop::sample::select(vec![Style::Tag, Style::Mask, Style::Hash]),
    ) {
        let r = redactor(style);
        let red = r.redact_bytes(&text, chunk_size).unwrap();
        // 2: bytes outside replaced spans unchanged, and every planted
        // value is inside one.
        prop_assert!(outside_unchanged(&text, &red.output, &red.edits));
        for span in &planted {
            prop_assert!(covered(&red.edits, span), "not redacted: {:?}",
                String::from_utf8_lossy(&text[span.clone()]));
        }
        // 1: scanning the output (as one piece) finds nothing.
        let mut found = Vec::new();
        engine().scan(&red.output, 0..red.output.len(), &mut found);
        prop_assert!(found.is_empty(), "found again: {:?}", found.iter()
            .map(|m| String::from_utf8_lossy(&red.output[m.span.clone()]).into_owned())
            .collect::<Vec<_>>());
        // 3: idempotent.
        let again = r.redact_bytes(&red.output, chunk_size).unwrap();
        prop_assert!(again.edits.is_empty());
        prop_assert_eq!(&again.output, &red.output);
        // Chunking does not change the result.
        let whole = r.redact_bytes(&text, 1 << 30).unwrap();
        prop_assert_eq!(&whole.output, &red.output);
    }

    #[test]
    fn stream_mode_matches_file_mode(
        (text, _planted) in document(),
        sizes in prop::collection::vec(1usize..700, 1..8),
        style in prop::sample::select(vec![Style::Tag, Style::Hash]),
    ) {
        let r = redactor(style);
        let expected = r.redact_bytes(&text, 1 << 30).unwrap().output;
        let mut input = Pieces { data: text.clone(), pos: 0, sizes, turn: 0 };
        let mut out = Vec::new();
        let limits = StreamLimits { read_size: 512, ..StreamLimits::default() };
        let report = redact_stream(&r, &mut input, Some(&mut out), "-", &limits).unwrap();
        prop_assert!(report.reason.is_none(), "{:?}", report.reason);
        prop_assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&expected));
    }

    #[test]
    fn fake_is_a_fixed_point_and_only_synthetic_remains(
        (text, planted) in document(),
        chunk_size in 64usize..4096,
    ) {
        let r = redactor(Style::Fake);
        let red = r.redact_bytes(&text, chunk_size).unwrap();
        prop_assert!(outside_unchanged(&text, &red.output, &red.edits));
        for span in &planted {
            // Synthetic originals (none planted here) would stay.
            prop_assert!(covered(&red.edits, span));
        }
        let mut found = Vec::new();
        engine().scan(&red.output, 0..red.output.len(), &mut found);
        prop_assert!(found.iter().all(|m| m.synthetic));
        let again = r.redact_bytes(&red.output, chunk_size).unwrap();
        prop_assert_eq!(&again.output, &red.output);
    }
}

/// Any bytes, values glued in without separators: stresses the rescans
/// (a replacement next to digits, context words, `@`, invalid UTF-8).
fn rough_document() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..24),
        3 => prop::sample::select(VALUES.to_vec()).prop_map(|v| v.as_bytes().to_vec()),
        2 => prop::sample::select(vec![
            "ssn ", "phone: ", "card ", "\n", "@", "1", " 555 ", "tin ", "passport ",
            "dob ", "[US_SSN]", " 123456789 ", "email=", "x.", "-",
        ])
        .prop_map(|v| v.as_bytes().to_vec()),
    ];
    prop::collection::vec(piece, 1..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn rough_input_keeps_the_guarantees(
        text in rough_document(),
        chunk_size in 64usize..1024,
        style in prop::sample::select(vec![Style::Tag, Style::Mask, Style::Hash]),
    ) {
        let r = redactor(style);
        let red = r.redact_bytes(&text, chunk_size).unwrap();
        prop_assert!(outside_unchanged(&text, &red.output, &red.edits));
        let mut found = Vec::new();
        engine().scan(&red.output, 0..red.output.len(), &mut found);
        prop_assert!(found.is_empty(), "found again: {:?}", found.iter()
            .map(|m| String::from_utf8_lossy(&red.output[m.span.clone()]).into_owned())
            .collect::<Vec<_>>());
        let again = r.redact_bytes(&red.output, chunk_size).unwrap();
        prop_assert_eq!(&again.output, &red.output);
    }
}

#[test]
fn planted_values_are_detected_alone() {
    for v in VALUES {
        let text = format!(" k {v} ");
        let mut found = Vec::new();
        engine().scan(text.as_bytes(), 0..text.len(), &mut found);
        assert_eq!(found.len(), 1, "{v}");
        assert_eq!(found[0].span, 3..3 + v.len(), "{v}");
    }
}

#[test]
fn overlong_lines_are_cut_where_no_value_straddles() {
    let r = redactor(Style::Tag);
    // One 3 MiB line, values every ~10 KiB: cuts land among them.
    let mut line = Vec::new();
    let mut planted = 0u64;
    while line.len() < 3 << 20 {
        line.extend(
            std::iter::repeat(b'x').take(10_000 + (planted % 97) as usize),
        );
        line.extend_from_slice(
            b" k jane.doe@acme-mail.com k 4929 1234 5678 9015 ",
        );
        planted += 1;
    }
    line.push(b'\n');
    let mut input = Pieces {
        data: line.clone(),
        pos: 0,
        sizes: vec![65_536, 7_001],
        turn: 0,
    };
    let mut out = Vec::new();
    let report = redact_stream(
        &r,
        &mut input,
        Some(&mut out),
        "-",
        &StreamLimits::default(),
    )
    .unwrap();
    assert_eq!(report.replaced.get("email"), Some(&planted));
    assert_eq!(report.replaced.get("credit_card"), Some(&planted));
    let mut found = Vec::new();
    engine().scan(&out, 0..out.len(), &mut found);
    assert!(found.is_empty());
}

#[test]
fn stream_blocks_redacted_in_parallel_pieces_match_file_mode() {
    let r = redactor(Style::Tag);
    let mut text = Vec::new();
    let mut i = 0usize;
    while text.len() < 6 << 20 {
        let v = VALUES[i % VALUES.len()];
        text.extend_from_slice(
            format!("{i} ssn k {v} ; x{}\n", "y".repeat(i % 200)).as_bytes(),
        );
        i += 1;
    }
    let expected = r.redact_bytes(&text, 1 << 30).unwrap().output;
    // Big reads: each block is split into pieces redacted in parallel.
    let mut input = Pieces {
        data: text.clone(),
        pos: 0,
        sizes: vec![3 << 20, 777_777],
        turn: 0,
    };
    let mut out = Vec::new();
    let limits =
        StreamLimits { read_size: 4 << 20, ..StreamLimits::default() };
    let report =
        redact_stream(&r, &mut input, Some(&mut out), "-", &limits).unwrap();
    assert!(report.reason.is_none(), "{:?}", report.reason);
    assert!(out == expected, "stream pieces differ from file mode");
}
