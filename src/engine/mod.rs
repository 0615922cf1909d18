//! One multi-pattern pass over a buffer, turning candidates into scored,
//! non-overlapping matches.
//!
//! Brief overview: every rule of the catalog is one pattern of a single
//! leftmost-first `meta::Regex` (STYLE.md 2.1: `new_many`, never a pass per
//! pattern). Each candidate is confirmed: capture group, normalization,
//! validator, context words, threshold. A candidate that fails does not hide
//! other rules matching at the same offset: a second automaton built with
//! `MatchKind::All` lists every rule matching there, and the first of those
//! (in priority order) that confirms is taken. Otherwise the search resumes
//! one byte later, so a match starting inside the rejected span is still
//! found.
//!
//! The automata that read every byte (the literal-led one and the two
//! dense halves, see `groups.rs`) walk each haystack together, recording
//! candidates, and the candidates are confirmed afterwards, the search
//! replayed exactly where one is rejected (`lockstep.rs`); one-rule
//! automata search on their own.
//!
//! Rules served by a built-in detector (person names, CSV columns; see
//! `detectors.rs`) are not in the automata: each detector's matches are
//! merged like one more group's. The name of the field holding a value (a
//! JSON/YAML/logfmt key, a CSV column) counts as context like a nearby
//! word (see `fields.rs`).
//!
//! The engine knows nothing about files, chunks or output: callers hand it
//! a haystack and the sub-range to search (bytes before the range are only
//! read as context and for look-behind), and get matches back; a caller
//! scanning a file in chunks also hands it the file's first line
//! ([`FileStart`]), so a CSV header reaches every chunk.
//! It never allocates per candidate on the common path.

mod cesp;
mod chat;
mod chinese_text;
mod cnab240;
mod context;
pub(crate) mod decoded;
mod detectors;
mod dicom;
mod dirf;
mod edifact;
mod epfo;
pub mod examples;
mod fields;
mod fire;
mod fixed_records;
mod gazetteer;
mod gedcom;
mod groups;
mod hl7;
mod host_addresses;
mod html_tables;
mod json_pairs;
mod keyed_lines;
mod lockstep;
mod login_pairs;
mod mail_names;
mod marked_values;
mod modelo190;
mod mybatis;
mod n19;
mod nacha;
mod names;
mod owner_logins;
mod pnr;
mod provisioning;
mod records;
mod repeats;
mod report_authors;
mod sql;
mod swift;
mod vcard;
mod x12;
mod xdt;
mod xml_elements;

pub use sql::{SqlContext, SqlTracker};
pub mod synthetic;
mod tin_elements;

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};

use crate::catalog::{self, Catalog, LoadError, Rule, Verdict};
use context::ContextMatcher;
use detectors::{Detectors, UNSPLIT_DENSE_KINDS};
use fields::{CsvHeader, FieldMap};

/// A confirmed finding in a haystack.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Byte span in the haystack that was passed to [`Engine::scan`].
    pub span: Range<usize>,
    /// Index of the rule in [`Engine::rules`].
    pub rule: usize,
    /// Score after validation and context.
    pub confidence: f64,
    /// The value is fake by convention (example.com, 555-01xx, ...).
    pub synthetic: bool,
}

/// Where a haystack sits in its file, for field-aware context: a CSV
/// file's header row names the column of every value below it, in every
/// chunk.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileStart<'a> {
    /// The file's first bytes: its first line, or through the header of
    /// a W3C log, a fixed-width report or a CSV export below a preamble
    /// ([`crate::input::head_line`]; the engine reads at most 4 KiB).
    pub head: &'a [u8],
    /// `hay[0]` is the file's first byte (so `head` is `hay`'s start).
    pub at_hay: bool,
    /// For a chunk of a streamed SQL dump: what the chunks before it said
    /// (tables created, a `COPY` block still open).
    pub sql: Option<&'a SqlContext>,
}

impl<'a> FileStart<'a> {
    /// A haystack that is a whole file, or starts one.
    pub fn whole(hay: &'a [u8]) -> FileStart<'a> {
        FileStart { head: hay, at_hay: true, sql: None }
    }
}

/// One haystack of [`Engine::scan_batch`]: what
/// [`Engine::scan_in_file`] takes.
#[derive(Debug, Clone)]
pub struct Haystack<'a> {
    /// The bytes, read for context and word boundaries outside `body`.
    pub hay: &'a [u8],
    /// Where matches may start.
    pub body: Range<usize>,
    /// Where `hay` sits in its file.
    pub file: FileStart<'a>,
}

/// Which rules to build the engine from, and the reporting threshold.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Only these kinds (empty: all).
    pub only: Vec<String>,
    /// Never these kinds.
    pub exclude: Vec<String>,
    /// Matches scoring below this are dropped (and do not hide others).
    pub min_confidence: f64,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            only: Vec::new(),
            exclude: Vec::new(),
            min_confidence: catalog::DEFAULT_MIN_CONFIDENCE,
        }
    }
}

/// One automaton over some of the rules (see [`groups`]).
struct Group {
    /// Leftmost-first search over the group's rules.
    first: LazyRegex,
    /// Every rule matching at a place; `None` for a one-rule group.
    all: Option<LazyRegex>,
    /// Pattern id in this group -> the rules with that exact regex, in
    /// priority order (indices into [`Engine::rules`]). Identical regexes
    /// (a bare `\b\d{9}\b` serves several national ids that context tells
    /// apart) are compiled once.
    rules: Vec<Vec<usize>>,
    /// A literal every match of a one-rule group contains: a haystack
    /// without it is skipped with a substring search.
    required: Option<memchr::memmem::Finder<'static>>,
    /// One of [`Engine::walkers`] searches this group.
    walked: bool,
}

/// Where the header row of an HTML table at the start of a file ends, so
/// a chunked scan carries it to every chunk ([`crate::input::head_line`]).
pub fn html_header_end(head: &[u8]) -> Option<usize> {
    html_tables::header_end(head)
}

/// Where the opening of a Telegram Desktop export ends (through its
/// `messages` line), likewise.
pub fn telegram_head_end(head: &[u8]) -> Option<usize> {
    chat::telegram_head_end(head)
}

/// Where the lines that show a file is an xDT or a CESP transaction file
/// end (their sniffs read more than the first line), likewise.
pub fn record_head_end(head: &[u8]) -> Option<usize> {
    xdt::head_end(head).or_else(|| cesp::head_end(head))
}

/// The header row of a CSV export below a preamble (report title lines)
/// in `head`, if it is one: the pipeline keeps a streamed file's head
/// through it.
pub fn preamble_header(head: &[u8]) -> Option<std::ops::Range<usize>> {
    fields::preamble_header(head).map(|(row, _)| row)
}

/// The cell separator of a CSV or TSV file starting with `head`, if its
/// first line reads as a header row (what field-aware context takes for
/// one): lets stdin, which has no file name, be redacted cell by cell.
pub(crate) fn csv_delimiter(head: &[u8]) -> Option<u8> {
    CsvHeader::parse(head, true).and_then(|h| h.delimiter())
}

/// Per-thread search state of one group (caches made on first use).
struct GroupScratch {
    first: Option<meta::Cache>,
    all: Option<meta::Cache>,
    set: PatternSet,
}

/// A group's `meta::Regex`, compiled when first asked for. With walkers,
/// a group's leftmost-first automaton serves only a haystack the walk
/// gave up on, and every group's every-match automaton only rejected
/// candidates: a pre-commit run over a few files may ask for neither.
/// The same patterns have compiled by then (as a walker, or as the
/// group's leftmost-first automaton), so compiling cannot fail.
struct LazyRegex {
    sources: Vec<String>,
    kind: MatchKind,
    cache: usize,
    regex: OnceLock<meta::Regex>,
}

impl LazyRegex {
    fn new(sources: &[&str], kind: MatchKind, cache: usize) -> LazyRegex {
        LazyRegex {
            sources: sources.iter().map(|s| s.to_string()).collect(),
            kind,
            cache,
            regex: OnceLock::new(),
        }
    }

    /// Compile now, if not yet: the error names the pattern at fault.
    fn compile(&self) -> Result<&meta::Regex, Box<meta::BuildError>> {
        if let Some(re) = self.regex.get() {
            return Ok(re);
        }
        let re = meta::Regex::builder()
            .syntax(catalog::syntax_config())
            .configure(
                meta::Config::new()
                    .match_kind(self.kind)
                    .utf8_empty(false)
                    .nfa_size_limit(Some(NFA_LIMIT))
                    .hybrid_cache_capacity(self.cache),
            )
            .build_many(&self.sources)
            .map_err(Box::new)?;
        Ok(self.regex.get_or_init(|| re))
    }

    fn get(&self) -> &meta::Regex {
        self.compile().unwrap_or_else(|e| {
            panic!("patterns that compiled before no longer do: {e}")
        })
    }
}

/// Per-thread search state: lazy DFA caches and capture slots.
struct Scratch {
    groups: Vec<GroupScratch>,
    singles: Vec<Option<meta::Cache>>,
    caps: Vec<Option<Captures>>,
    /// One per [`Engine::walkers`].
    walks: Vec<lockstep::WalkerCache>,
    /// Each walker's matches of the haystack being walked.
    walked: Vec<Vec<Match>>,
    /// Each walker's candidates of the haystack being walked.
    candidates: Vec<Vec<lockstep::Candidate>>,
    alternatives: Vec<usize>,
    norm: Vec<u8>,
    merged: Vec<Match>,
    /// What the haystack being scanned tells about its fields (CSV
    /// header, SQL columns).
    fields: FieldMap,
}

type ScratchFn = Box<dyn Fn() -> Scratch + Send + Sync>;

/// The compiled catalog. Cheap to share across threads (`&Engine`).
pub struct Engine {
    rules: Vec<Rule>,
    groups: Vec<Group>,
    /// The full-walk groups (literal-led, dense), as `(group, walker)`,
    /// when there are two or three of them: they walk each haystack in
    /// one loop (see [`lockstep`]) instead of one after the other.
    walkers: Vec<(usize, lockstep::Walker)>,
    capture_index: Vec<Option<usize>>,
    context: Vec<Option<ContextMatcher>>,
    /// Each rule's `not_near` words, if it has any.
    not_near: Vec<Option<ContextMatcher>>,
    /// Match sources that are not regexes (person names, CSV columns).
    detectors: Detectors,
    min_confidence: f64,
    pool: Pool<Scratch, ScratchFn>,
}

/// The lazy DFA cache is a cliff with many patterns: for the dense group
/// (44 regexes) 4 MiB thrashes (3x slower) and 8, 16 or 64 MiB run alike
/// (PERFORMANCE.md, BENCHMARKS.md). Each thread has its own caches, so
/// they are most of the memory a scan holds.
const DENSE_CACHE: usize = 8 << 20;
/// The literal-led group walks every byte beside the dense ones: with
/// this catalog's literal-led rules its states outgrew 2 MiB and were
/// rebuilt over and over (4 MiB slice of the bench log, one thread:
/// 1.81 G instructions with 2 MiB, 1.72 G with 4).
const LED_CACHE: usize = 4 << 20;
/// Every other group (contact, one-rule groups) runs as fast with 2 MiB
/// as with 8.
const GROUP_CACHE: usize = 2 << 20;
const NFA_LIMIT: usize = 64 << 20;
/// The literal-led group and the two dense halves.
const MAX_WALKERS: usize = 3;

fn compile_error(rule: Option<&Rule>, e: impl std::fmt::Display) -> LoadError {
    LoadError {
        file: rule.map_or(String::new(), |r| r.origin.file.clone()),
        line: rule.map(|r| r.origin.line),
        rule: rule.map(|r| r.id.clone()),
        message: format!("cannot compile catalog: {e}"),
    }
}

/// A group over `members` (nothing is compiled yet: see [`LazyRegex`]).
fn build_group(rules: &[Rule], members: Vec<usize>, cache: usize) -> Group {
    let mut sources: Vec<&str> = Vec::new();
    let mut by_pattern: Vec<Vec<usize>> = Vec::new();
    for i in members {
        let regex = rules[i].regex.as_str();
        match sources.iter().position(|s| *s == regex) {
            Some(p) => by_pattern[p].push(i),
            None => {
                sources.push(regex);
                by_pattern.push(vec![i]);
            }
        }
    }
    // Only asked at rejected candidates, anchored: a small cache will do.
    let all = (sources.len() > 1)
        .then(|| LazyRegex::new(&sources, MatchKind::All, GROUP_CACHE));
    Group {
        first: LazyRegex::new(&sources, MatchKind::LeftmostFirst, cache),
        all,
        rules: by_pattern,
        required: None,
        walked: false,
    }
}

/// Compile `group`'s leftmost-first automaton now, so that an error names
/// the rule at fault while the engine is being built.
fn compile_first(rules: &[Rule], group: &Group) -> Result<(), LoadError> {
    group.first.compile().map(|_| ()).map_err(|e| {
        let rule = e.pattern().map(|p| &rules[group.rules[p.as_usize()][0]]);
        compile_error(rule, e)
    })
}

impl Engine {
    /// Compile the rules of `catalog` selected by `options`.
    pub fn new(
        catalog: &Catalog,
        options: &EngineOptions,
    ) -> Result<Engine, LoadError> {
        let rules: Vec<Rule> = catalog
            .rules
            .iter()
            .filter(|r| {
                (options.only.is_empty()
                    || options.only.iter().any(|k| k == r.kind.id))
                    && !options.exclude.iter().any(|k| k == r.kind.id)
            })
            .cloned()
            .collect();
        // Each rule alone (`Rule::compiled`) serves capture groups and
        // the fallback; its capture group is looked up once here.
        let capture_index = rules
            .iter()
            .map(|rule| {
                let name = rule.capture.as_deref()?;
                groups::capture_index(&rule.regex, name)
            })
            .collect();
        let (mut led, mut dense, mut contact) =
            (Vec::new(), Vec::new(), Vec::new());
        let mut groups = Vec::new();
        let mut detectors = Detectors::default();
        for (i, rule) in rules.iter().enumerate() {
            if detectors.claim(i, rule) {
                continue;
            }
            match groups::lane(&rule.regex) {
                groups::Lane::Led => led.push(i),
                groups::Lane::Dense
                    if UNSPLIT_DENSE_KINDS.contains(&rule.kind.id) =>
                {
                    contact.push(i)
                }
                groups::Lane::Dense => dense.push(i),
                groups::Lane::Inner => {
                    let mut group = build_group(&rules, vec![i], GROUP_CACHE);
                    group.required = groups::required_literal(&rule.regex)
                        .map(|l| memchr::memmem::Finder::new(&l).into_owned());
                    groups.push(group)
                }
            }
        }
        // Two dense automata instead of one: each thread builds its lazy
        // DFA states on first sight, and with all digit-shaped rules in one
        // automaton a byte wakes most of them at once, so states are many
        // and costly. Measured (instructions, one thread, bench log):
        // -16% over 16 MiB, -4% over 64 MiB; the walk afterwards costs
        // ~15% more per byte, so it breaks even near 256 MiB per thread.
        // Three or four automata cost more than two.
        let half = dense.len().div_ceil(2);
        let dense_second = dense.split_off(half);
        // The address and username rules join the first half rather than
        // walk the chunk a fourth time: same instructions (callgrind,
        // 16 MiB: 2.920 G against 2.921 G) but one automaton fewer evicting
        // the others' states from the CPU cache. 256 MiB, 5-8 runs each:
        // -j1 4.80 -> 4.53 s, -j2 2.69 -> 2.64 s, tree -j2 3.01 -> 2.79 s;
        // output identical.
        dense.extend(contact);
        dense.sort_unstable();
        let mut walked = Vec::new();
        for (members, cache) in [
            (led, LED_CACHE),
            (dense, DENSE_CACHE),
            (dense_second, DENSE_CACHE),
        ] {
            if !members.is_empty() {
                walked.push((groups.len(), cache));
                groups.push(build_group(&rules, members, cache));
            }
        }
        // A catalog the walkers cannot serve (fewer than two full-walk
        // groups, a pattern matching the empty string) is searched group
        // by group.
        let walkers = if (2..=MAX_WALKERS).contains(&walked.len()) {
            walked
                .into_iter()
                .map(|(g, cache)| {
                    let walker = lockstep::Walker::new(
                        &groups[g].first.sources,
                        catalog::syntax_config(),
                        NFA_LIMIT,
                        cache,
                    )
                    .ok()
                    .filter(|w| !w.matches_empty())?;
                    Some((g, walker))
                })
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        for &(g, _) in &walkers {
            groups[g].walked = true;
        }
        for group in groups.iter().filter(|g| !g.walked) {
            compile_first(&rules, group)?;
        }
        let context =
            rules.iter().map(|r| ContextMatcher::new(&r.context)).collect();
        let not_near =
            rules.iter().map(|r| ContextMatcher::new(&r.not_near)).collect();
        let pool = {
            let sizes: Vec<usize> =
                groups.iter().map(|g| g.rules.len()).collect();
            let n = rules.len();
            let walkers: Vec<lockstep::Walker> =
                walkers.iter().map(|(_, w)| w.clone()).collect();
            let make: ScratchFn = Box::new(move || Scratch {
                groups: sizes
                    .iter()
                    .map(|&len| GroupScratch {
                        first: None,
                        all: None,
                        set: PatternSet::new(len),
                    })
                    .collect(),
                singles: (0..n).map(|_| None).collect(),
                caps: (0..n).map(|_| None).collect(),
                walks: walkers.iter().map(|w| w.create_cache()).collect(),
                walked: walkers.iter().map(|_| Vec::new()).collect(),
                candidates: walkers.iter().map(|_| Vec::new()).collect(),
                alternatives: Vec::with_capacity(8),
                norm: Vec::with_capacity(64),
                merged: Vec::new(),
                fields: FieldMap::default(),
            });
            Pool::new(make)
        };
        Ok(Engine {
            rules,
            groups,
            walkers,
            capture_index,
            context,
            not_near,
            detectors,
            min_confidence: options.min_confidence,
            pool,
        })
    }

    /// The rules this engine runs; [`Match::rule`] indexes this slice.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Find all matches whose start lies in `body` (a range of `hay`),
    /// appending them to `out` in offset order. Bytes of `hay` outside
    /// `body` are read for context and word boundaries only. `hay` starts
    /// at the start of its file (a CSV header on its first line names
    /// the columns below); see [`Engine::scan_in_file`] otherwise.
    ///
    /// Each group is searched on its own; their matches are merged
    /// leftmost-first (at the same start, the rule with the higher
    /// priority wins), so no two matches overlap.
    pub fn scan(&self, hay: &[u8], body: Range<usize>, out: &mut Vec<Match>) {
        self.scan_in_file(
            hay,
            body,
            FileStart { head: hay, at_hay: true, sql: None },
            out,
        )
    }

    /// [`Engine::scan`] for a haystack anywhere in a file: `file` gives
    /// the file's first bytes, whose first line may be a CSV header that
    /// names the column of each value (field-aware context).
    pub fn scan_in_file(
        &self,
        hay: &[u8],
        body: Range<usize>,
        file: FileStart<'_>,
        out: &mut Vec<Match>,
    ) {
        if self.rules.is_empty() || body.is_empty() {
            return;
        }
        let one = Haystack { hay, body, file };
        if let Some(copy) = decoded::unescape_file(hay, file.head) {
            let out = std::slice::from_mut(out);
            return self.scan_batch_decoded(&[one], &[Some(copy)], out);
        }
        if self.groups.len() == 1 && self.detectors.is_empty() {
            // One sorted run: nothing to merge.
            let mut scratch = self.pool.get();
            scratch.fields = FieldMap::new(&file, hay, one.body.clone());
            self.scan_group(0, one.hay, one.body, &mut scratch, out);
            return;
        }
        self.scan_batch_plain(&[one], std::slice::from_mut(out));
    }

    /// Add to `out` (one haystack's matches, in order) every recurrence
    /// in `body` of a value reported there, as a whole word (see
    /// `repeats.rs`): a login found at its prompt is found in the table
    /// of accounts below. Not part of [`Engine::scan`], whose matches
    /// depend only on the bytes near each one (the redactor cuts content
    /// anywhere and relies on that); the scan pipeline adds them to each
    /// whole file's matches.
    pub fn add_repeats(
        &self,
        hay: &[u8],
        body: Range<usize>,
        out: &mut Vec<Match>,
    ) {
        repeats::add_repeats(&self.rules, hay, body, out);
    }

    /// [`Engine::scan_in_file`] over several haystacks (small files),
    /// automaton by automaton: each automaton reads all of them before
    /// the next one starts, so its lazy DFA states stay in the CPU cache.
    /// Scanning 3,000 small files one at a time was 25-40% slower per
    /// byte than the same bytes in 1 MiB chunks. `out[i]` receives the
    /// matches of `items[i]`, exactly as `scan_in_file` would.
    pub fn scan_batch(&self, items: &[Haystack<'_>], out: &mut [Vec<Match>]) {
        assert_eq!(items.len(), out.len(), "one output per haystack");
        if self.rules.is_empty() {
            return;
        }
        let copies: Vec<Option<decoded::DecodedCopy>> = items
            .iter()
            .map(|h| decoded::unescape_file(h.hay, h.file.head))
            .collect();
        if copies.iter().all(Option::is_none) {
            return self.scan_batch_plain(items, out);
        }
        self.scan_batch_decoded(items, &copies, out);
    }

    /// Scan each haystack as its copy with `\uXXXX` escapes decoded where
    /// it has one ([`decoded`]), all in one batch, reporting spans in the
    /// haystacks' own bytes.
    fn scan_batch_decoded(
        &self,
        items: &[Haystack<'_>],
        copies: &[Option<decoded::DecodedCopy>],
        out: &mut [Vec<Match>],
    ) {
        let plain: Vec<Haystack<'_>> = items
            .iter()
            .zip(copies)
            .map(|(item, copy)| match copy {
                Some(copy) => copy.haystack(item.body.clone(), item.file),
                None => item.clone(),
            })
            .collect();
        let from: Vec<usize> = out.iter().map(Vec::len).collect();
        self.scan_batch_plain(&plain, out);
        for ((out, copy), from) in out.iter_mut().zip(copies).zip(from) {
            if let Some(copy) = copy {
                for m in &mut out[from..] {
                    m.span = copy.to_original(m.span.clone());
                }
            }
        }
    }

    /// [`Engine::scan_batch`] of haystacks without escapes to decode.
    fn scan_batch_plain(
        &self,
        items: &[Haystack<'_>],
        out: &mut [Vec<Match>],
    ) {
        let mut scratch = self.pool.get();
        let scratch = &mut *scratch;
        let mut headers: Vec<FieldMap> = items
            .iter()
            .map(|h| FieldMap::new(&h.file, h.hay, h.body.clone()))
            .collect();
        let mut merged = std::mem::take(&mut scratch.merged);
        merged.clear();
        // Every haystack's runs, one per group and detector, in `merged`:
        // each comes out sorted, and a k-way merge puts them together.
        let mut runs: Vec<Vec<Range<usize>>> = items
            .iter()
            .map(|_| Vec::with_capacity(self.groups.len() + 2))
            .collect();
        if !self.walkers.is_empty() {
            for (i, h) in items.iter().enumerate() {
                if h.body.is_empty() {
                    continue;
                }
                std::mem::swap(&mut scratch.fields, &mut headers[i]);
                self.walk_groups(h.hay, h.body.clone(), scratch);
                for found in &scratch.walked {
                    let from = merged.len();
                    merged.extend_from_slice(found);
                    runs[i].push(from..merged.len());
                }
                std::mem::swap(&mut scratch.fields, &mut headers[i]);
            }
        }
        for g in 0..self.groups.len() {
            if self.groups[g].walked {
                continue;
            }
            for (i, h) in items.iter().enumerate() {
                if h.body.is_empty() {
                    continue;
                }
                std::mem::swap(&mut scratch.fields, &mut headers[i]);
                let from = merged.len();
                self.scan_group(
                    g,
                    h.hay,
                    h.body.clone(),
                    scratch,
                    &mut merged,
                );
                runs[i].push(from..merged.len());
                std::mem::swap(&mut scratch.fields, &mut headers[i]);
            }
        }
        for (i, h) in items.iter().enumerate() {
            if h.body.is_empty() {
                continue;
            }
            self.detectors.scan(
                h.hay,
                h.body.clone(),
                &headers[i],
                self.min_confidence,
                &mut merged,
                &mut runs[i],
            );
            let from = out[i].len();
            merge_runs(&self.rules, &merged, &mut runs[i], &mut out[i]);
            host_addresses::drop_unowned(
                &self.rules,
                h.hay,
                &mut out[i],
                from,
            );
        }
        scratch.merged = merged;
    }

    /// The full-walk groups over one haystack: one walk finds every
    /// group's candidates, then each group's are confirmed in turn (see
    /// [`lockstep`]). Each group's matches land in `scratch.walked`, as
    /// `scan_group` would find them.
    fn walk_groups(
        &self,
        hay: &[u8],
        body: Range<usize>,
        scratch: &mut Scratch,
    ) {
        let mut caches = std::mem::take(&mut scratch.walks);
        let mut walked = std::mem::take(&mut scratch.walked);
        let mut candidates = std::mem::take(&mut scratch.candidates);
        walked.iter_mut().for_each(Vec::clear);
        candidates.iter_mut().for_each(Vec::clear);
        let walkers = &self.walkers;
        let mut walk_and_confirm = || {
            let (c, found) = (&mut caches[..], &mut candidates[..]);
            match walkers.len() {
                2 => walk_n::<2>(walkers, c, hay, body.clone(), found),
                3 => walk_n::<3>(walkers, c, hay, body.clone(), found),
                _ => Err(lockstep::Unsupported),
            }?;
            for (j, list) in candidates.iter_mut().enumerate() {
                let (cache, walker) = (&mut caches[j], &walkers[j].1);
                walker.find_starts(cache, hay, list)?;
            }
            for (j, found) in walked.iter_mut().enumerate() {
                let cache = &mut caches[j];
                let body = body.clone();
                self.replay(
                    j,
                    hay,
                    body,
                    &candidates[j],
                    cache,
                    scratch,
                    found,
                )?;
            }
            Ok::<(), lockstep::Unsupported>(())
        };
        let done = walk_and_confirm();
        if done.is_err() {
            // A pattern the lazy DFA cannot walk here (a Unicode word
            // boundary next to a non-ASCII byte): search the slow way.
            for (j, found) in walked.iter_mut().enumerate() {
                found.clear();
                let g = walkers[j].0;
                self.scan_group(g, hay, body.clone(), scratch, found);
            }
        }
        scratch.walks = caches;
        scratch.walked = walked;
        scratch.candidates = candidates;
    }

    /// Confirm walker `j`'s candidates, which assumed each one confirmed
    /// (the search resuming at its end). Where one is not, the search
    /// resumes one byte after its start, as `scan_group`'s does: a match
    /// starting before the walk's next search start is looked for with
    /// anchored searches ([`lockstep::Walker::first_starting_in`]); if
    /// there is none, the walk's next candidate is the next match (a
    /// search from anywhere between a candidate's search start and its
    /// start finds that candidate).
    #[allow(clippy::too_many_arguments)]
    fn replay(
        &self,
        j: usize,
        hay: &[u8],
        body: Range<usize>,
        candidates: &[lockstep::Candidate],
        cache: &mut lockstep::WalkerCache,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
    ) -> Result<(), lockstep::Unsupported> {
        let (g, walker) = (self.walkers[j].0, &self.walkers[j].1);
        let mut pos = body.start;
        let mut next = candidates.iter().peekable();
        // Where the walk's last search began (it found nothing after).
        let walked_to = candidates.last().map_or(body.start, |c| c.end);
        while pos < body.end {
            // Candidates ending at or before `pos` start before it.
            while next.next_if(|c| c.end <= pos).is_some() {}
            let m = match next.peek() {
                Some(&&c) if c.from <= pos => {
                    next.next();
                    let m = c.to_match();
                    if m.start() < pos {
                        continue;
                    }
                    m
                }
                None if walked_to <= pos => {
                    // The walk found nothing from here on.
                    break;
                }
                _ => {
                    // `pos` lies inside a candidate the walk skipped (it
                    // was not confirmed): a match starting before the
                    // walk's next search start comes first; otherwise the
                    // walk's next candidate is the next match.
                    let known = next.peek().map_or(walked_to, |c| c.from);
                    let within = pos..known.min(body.end);
                    match walker
                        .first_starting_in(cache, hay, within, body.end)?
                    {
                        Some(m) => m,
                        None => match next.next() {
                            Some(&c) => c.to_match(),
                            None => break,
                        },
                    }
                }
            };
            #[cfg(test)]
            tests::LONGEST_CANDIDATE.with(|l| l.set(l.get().max(m.len())));
            pos = self.settle(g, hay, m, body.end, scratch, out);
        }
        Ok(())
    }

    /// The leftmost-first search loop over one group.
    fn scan_group(
        &self,
        g: usize,
        hay: &[u8],
        body: Range<usize>,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
    ) {
        let group = &self.groups[g];
        if let Some(required) = &group.required {
            if required.find(&hay[body.clone()]).is_none() {
                return;
            }
        }
        let first = group.first.get();
        let mut pos = body.start;
        while pos < body.end {
            let input = Input::new(hay).span(pos..body.end);
            let cache = scratch.groups[g]
                .first
                .get_or_insert_with(|| first.create_cache());
            let Some(m) = first.search_with(cache, &input) else {
                break;
            };
            pos = self.settle(g, hay, m, body.end, scratch, out);
        }
    }

    /// Confirm candidate `m` of group `g` (or another rule of the group
    /// matching where it starts), pushing what is found to `out`; returns
    /// where the group's search resumes.
    fn settle(
        &self,
        g: usize,
        hay: &[u8],
        m: regex_automata::Match,
        end: usize,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
    ) -> usize {
        let start = m.start();
        let pattern = m.pattern().as_usize();
        let confirmed = self.groups[g].rules[pattern]
            .iter()
            .find_map(|&rule| self.confirm(hay, rule, m.range(), scratch));
        if let Some(found) = confirmed {
            let resume = found.span.end.max(m.end()).max(start + 1);
            out.push(found);
            return resume;
        }
        if let Some(found) =
            self.fallback(g, hay, start, end, pattern, scratch)
        {
            let resume = found.span.end.max(start + 1);
            out.push(found);
            return resume;
        }
        start + 1
    }

    /// Another pattern of group `g` matching at `start`, after the rules
    /// of pattern `rejected` failed there.
    fn fallback(
        &self,
        g: usize,
        hay: &[u8],
        start: usize,
        end: usize,
        rejected: usize,
        scratch: &mut Scratch,
    ) -> Option<Match> {
        let group = &self.groups[g];
        let all = group.all.as_ref().map(LazyRegex::get)?;
        let GroupScratch { all: cache, set, .. } = &mut scratch.groups[g];
        let cache = cache.get_or_insert_with(|| all.create_cache());
        set.clear();
        let input = Input::new(hay).span(start..end).anchored(Anchored::Yes);
        all.which_overlapping_matches_with(cache, &input, set);
        if set.len() < 2 {
            // Only the rejected rule matches here.
            return None;
        }
        // Rules are stored in priority order, so ascending ids try the
        // most specific rule first.
        let mut alternatives = std::mem::take(&mut scratch.alternatives);
        alternatives.clear();
        alternatives.extend(
            set.iter()
                .filter(|p| p.as_usize() != rejected)
                .flat_map(|p| group.rules[p.as_usize()].iter().copied()),
        );
        let mut found = None;
        for &rule in &alternatives {
            let re = self.rules[rule].compiled();
            let cache =
                scratch.singles[rule].get_or_insert_with(|| re.create_cache());
            let Some(m) = re.search_with(cache, &input) else { continue };
            found = self.confirm(hay, rule, m.range(), scratch);
            if found.is_some() {
                break;
            }
        }
        scratch.alternatives = alternatives;
        found
    }

    /// Validate and score one candidate; `None` if it is rejected.
    fn confirm(
        &self,
        hay: &[u8],
        rule_index: usize,
        whole: Range<usize>,
        scratch: &mut Scratch,
    ) -> Option<Match> {
        let rule = &self.rules[rule_index];
        let span = match self.capture_index[rule_index] {
            None => whole,
            Some(group) => {
                let re = self.rules[rule_index].compiled();
                let cache = scratch.singles[rule_index]
                    .get_or_insert_with(|| re.create_cache());
                let caps = scratch.caps[rule_index].get_or_insert_with(|| {
                    Captures::all(re.group_info().clone())
                });
                let input = Input::new(hay)
                    .span(whole.clone())
                    .anchored(Anchored::Yes);
                re.search_captures_with(cache, &input, caps);
                caps.get_group(group)?.range()
            }
        };
        if span.is_empty() {
            return None;
        }
        if let Some(lb) = &self.rules[rule_index].not_after_compiled {
            let from = span.start.saturating_sub(catalog::NOT_AFTER_WINDOW);
            if lb.is_match(&hay[from..span.start]) {
                return None;
            }
        }
        let value = &hay[span.clone()];
        if let Some((_, validate)) = &rule.validator {
            let normalized = if rule.normalize.is_empty() {
                value
            } else {
                scratch.norm.clear();
                scratch.norm.extend(
                    value.iter().filter(|b| !rule.normalize.contains(b)),
                );
                &scratch.norm[..]
            };
            if validate(normalized) == Verdict::Invalid {
                return None;
            }
        }
        let mut confidence = rule.confidence;
        // Context near the value, and the bytes searched for it.
        let mut near = false;
        // The bytes searched for context and for `not_near` words, found
        // once for both.
        let ctx = self.context[rule_index].as_ref();
        let veto = self.not_near[rule_index].as_ref();
        let window = if ctx.is_some() || veto.is_some() {
            let (before, after) =
                context_window(hay, &span, rule.context_window);
            before..after
        } else {
            0..0
        };
        // Another country's words near (`MEX PASSPORT`): checked first,
        // as it rules the match out whatever else holds.
        if veto.is_some_and(|v| v.found_in(&hay[window.start..span.start])) {
            return None;
        }
        // The field holding the value, looked up at most once (context
        // and the `not_in_field` veto both read it).
        let mut field = None;
        let mut field_of = || {
            *field.get_or_insert_with(|| {
                fields::field_of(hay, span.start, &scratch.fields)
            })
        };
        if let Some(ctx) = ctx {
            let (before, after) = (window.start, window.end);
            // The name of the field holding the value is context too: a
            // CSV column `ssn`, a nested YAML `postal_code:` key.
            near = ctx.found_in(&hay[before..span.start])
                || (rule.context_after && ctx.found_in(&hay[span.end..after]))
                || match field_of() {
                    Some(field) => {
                        ctx.found_in(field.name)
                            || fields::names_kind(field.name, rule.kind.id)
                    }
                    // Not a field's value of its own: the column whose cell
                    // holds it, if any, still names it.
                    None => fields::column_containing(
                        hay,
                        span.start,
                        &scratch.fields,
                    )
                    .is_some_and(|name| ctx.found_in(name)),
                }
                // A cell of a table laid out with spaces in a document,
                // under its column's name (`TFN`).
                || fields::aligned_column_above(hay, span.start)
                    .is_some_and(|name| ctx.found_in(name))
                // An attribute's element says what it holds in its other
                // attributes (`<Credential type="US_PASSPORT_BOOK" ...
                // number="566203418"/>`).
                || fields::tag_before(hay, span.start)
                    .is_some_and(|tag| ctx.found_in(&hay[tag]));
            if near {
                confidence = (confidence + rule.context_boost).min(1.0);
            } else if rule.context_required {
                return None;
            }
        }
        if !rule.not_in_field.is_empty() {
            if let Some(f) =
                field_of().filter(|f| field_holds(f.name, &rule.not_in_field))
            {
                // Context lifts the veto only from the text around the
                // field: its own name (`ap_mac` holds `mac`) does not.
                let vouched = near
                    && self.context[rule_index].as_ref().is_some_and(|ctx| {
                        let (before, after) = (window.start, window.end);
                        let mut text = &hay[before..span.start];
                        if let Some(key) = memchr::memmem::rfind(text, f.name)
                        {
                            // What stands before the key on its own line.
                            let line = memchr::memrchr(b'\n', &text[..key])
                                .map_or(0, |nl| nl + 1);
                            text = &text[line..key];
                        }
                        ctx.found_in(text)
                            || (rule.context_after
                                && ctx.found_in(&hay[span.end..after]))
                    });
                if !vouched {
                    return None;
                }
            }
        }
        // Scores are written with two decimals; rounding keeps 0.7 + 0.2
        // from landing just under a 0.9 threshold.
        let confidence = (confidence * 1e6).round() / 1e6;
        if confidence < self.min_confidence {
            return None;
        }
        let synthetic = synthetic::is_synthetic(rule.kind.id, value);
        Some(Match { span, rule: rule_index, confidence, synthetic })
    }
}

/// The normalized field name `name` holds one of `words`.
fn field_holds(name: &[u8], words: &[String]) -> bool {
    let mut buf = [0u8; 48];
    let norm = fields::normalize_key(name, &mut buf);
    // Names are short: comparing windows costs less than building a
    // substring searcher per word.
    words.iter().any(|w| {
        let w = w.as_bytes();
        w.is_empty() || norm.windows(w.len()).any(|part| part == w)
    })
}

/// [`lockstep::walk`] over `N` walkers, given as slices of `N`.
fn walk_n<const N: usize>(
    walkers: &[(usize, lockstep::Walker)],
    caches: &mut [lockstep::WalkerCache],
    hay: &[u8],
    body: Range<usize>,
    found: &mut [Vec<lockstep::Candidate>],
) -> Result<(), lockstep::Unsupported> {
    lockstep::walk::<N>(
        std::array::from_fn(|j| &walkers[j].1),
        caches.try_into().expect("a cache per walker"),
        hay,
        body,
        found.try_into().expect("a list per walker"),
    )
}

/// Merge sorted runs of `merged` leftmost-first into `out`: at the same
/// start the rule with the higher priority (lower index) wins, and a
/// match overlapping one already taken is dropped. Where another rule of
/// the same kind found the same span with more confidence (a column
/// rule and a street rule with `adresse` as context both reading `Am Wall
/// 142`), the winner reports that score: both are evidence for the
/// value. A k-way merge over a handful of runs costs far less than
/// sorting.
fn merge_runs(
    rules: &[Rule],
    merged: &[Match],
    runs: &mut [Range<usize>],
    out: &mut Vec<Match>,
) {
    let mut end = 0;
    loop {
        let next = runs
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .min_by_key(|(_, c)| {
                let m = &merged[c.start];
                (m.span.start, m.rule)
            })
            .map(|(i, _)| i);
        let Some(i) = next else { break };
        let m = &merged[runs[i].start];
        runs[i].start += 1;
        if m.span.start >= end {
            end = m.span.end;
            let kind = rules[m.rule].kind.id;
            let best = runs
                .iter()
                .filter(|c| !c.is_empty())
                .map(|c| &merged[c.start])
                .filter(|o| o.span == m.span && rules[o.rule].kind.id == kind)
                .fold(m.confidence, |best, o| best.max(o.confidence));
            out.push(Match { confidence: best, ..m.clone() });
        }
    }
}

/// The bytes around `span` searched for context words: up to `window`
/// bytes before and [`catalog::CONTEXT_AFTER`] after, on the same line.
/// The line before counts only when the match starts its own line (a
/// label such as `Phone:` above an indented value); otherwise a `dob=` at
/// the end of one log line would vouch for the next line's timestamp.
fn context_window(
    hay: &[u8],
    span: &Range<usize>,
    window: usize,
) -> (usize, usize) {
    let lower = span.start.saturating_sub(window);
    let mut before = lower;
    if let Some(nl) = memchr::memrchr(b'\n', &hay[lower..span.start]) {
        let nl = lower + nl;
        let own_line = label_only(&hay[nl + 1..span.start]);
        before = if own_line {
            // Include the previous line, but not the one before it.
            memchr::memrchr(b'\n', &hay[lower..nl])
                .map_or(lower, |p| lower + p + 1)
        } else {
            nl + 1
        };
    }
    let upper = (span.end + catalog::CONTEXT_AFTER).min(hay.len());
    let after = memchr::memchr(b'\n', &hay[span.end..upper])
        .map_or(upper, |p| span.end + p);
    (before, described_below(hay, before, span, after).unwrap_or(after))
}

/// The longest line read after a value for its description.
const DESCRIPTION_LINE: usize = 256;

/// Where the context after `span` ends when the value is its element's
/// whole content on its line (at or after `line_start`) and the next line
/// is an element whose name extends that one: that element describes the
/// value (Workday's `<wd:National_ID>` then `<wd:National_ID_Type
/// wd:Descriptor="Social Insurance Number">`), so its line counts.
fn described_below(
    hay: &[u8],
    line_start: usize,
    span: &Range<usize>,
    after: usize,
) -> Option<usize> {
    // Most values are followed by something else: ask that first.
    let rest = &hay[span.end..];
    if !rest.starts_with(b"</")
        || span.start == 0
        || hay[span.start - 1] != b'>'
    {
        return None;
    }
    let line = &hay[line_start..span.start];
    let own_line =
        memchr::memrchr(b'\n', line).map_or(line, |nl| &line[nl + 1..]);
    let open = own_line.trim_ascii_start();
    let name = open.strip_prefix(b"<")?.strip_suffix(b">")?;
    if name.is_empty() || name.iter().any(|b| !is_tag_byte(*b)) {
        return None;
    }
    let close_len = name.len() + 3;
    let closes = rest.len() > close_len
        && rest[2..].starts_with(name)
        && rest[close_len - 1] == b'>'
        && rest[close_len] == b'\n';
    if !closes {
        return None;
    }
    let next = span.end + close_len + 1;
    let upper = (next + DESCRIPTION_LINE).min(hay.len());
    let next_line = &hay[next..upper];
    let end = memchr::memchr(b'\n', next_line)?;
    let tag = next_line[..end].trim_ascii_start().strip_prefix(b"<")?;
    let extends = tag.starts_with(name)
        && tag
            .get(name.len())
            .is_some_and(|&b| b == b'_' || b.is_ascii_uppercase());
    extends.then_some(next + end).filter(|&e| e > after)
}

/// A byte of an XML element name (with its namespace prefix).
fn is_tag_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':')
}

/// The bytes before a value on its line are blank, or blank and one
/// element's opening tag or one JSON key (`      <Number>`, `  "number":
/// "`): the value's label is the line above, its parent element or
/// object (`<Passport type="P">`, `"passport": {`).
fn label_only(before: &[u8]) -> bool {
    let text = before.trim_ascii();
    if text.is_empty() {
        return true;
    }
    let tag = text.len() >= 3
        && text[0] == b'<'
        && text[1].is_ascii_alphabetic()
        && text.ends_with(b">")
        && !text[1..text.len() - 1].iter().any(|&b| matches!(b, b'<' | b'>'));
    let key = text.strip_prefix(b"\"").is_some_and(|rest| {
        let rest = rest.strip_suffix(b"\"").unwrap_or(rest).trim_ascii_end();
        rest.strip_suffix(b":").is_some_and(|key| {
            let key = key.trim_ascii_end();
            key.strip_suffix(b"\"").is_some_and(|name| !name.contains(&b'"'))
        })
    });
    tag || key
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use super::{context_window, Engine, EngineOptions, FileStart, Haystack};
    use crate::catalog::Catalog;

    fn kinds(engine: &Engine, text: &str, file: FileStart<'_>) -> Vec<String> {
        let mut out = Vec::new();
        engine.scan_in_file(text.as_bytes(), 0..text.len(), file, &mut out);
        out.iter()
            .map(|m| {
                let kind = engine.rules()[m.rule].kind.id;
                format!("{kind} {}", &text[m.span.clone()])
            })
            .collect()
    }

    #[test]
    fn private_addresses_are_reported_only_beside_a_person() {
        let catalog = Catalog::builtin().unwrap();
        let engine = Engine::new(&catalog, &EngineOptions::default()).unwrap();
        let file = FileStart { head: b"", at_hay: true, sql: None };
        let log = "Src: 10.30.1.10, Dst: 10.30.1.25\n\
                   10.1.4.22 - jbauer [03/Jun/2024:08:41:09 +0000] \"GET /\"\n\
                   DHCPINFORM from 10.1.4.22 via eth1\n\
                   client 81.2.69.160 and 10.0.12.44:443\n\
                   vpnIp: 10.8.3.41\n";
        let ips: Vec<String> = kinds(&engine, log, file)
            .into_iter()
            .filter(|k| k.starts_with("ipv4"))
            .collect();
        assert_eq!(
            ips,
            [
                "ipv4 10.1.4.22",
                "ipv4 10.1.4.22",
                "ipv4 81.2.69.160",
                "ipv4 10.8.3.41"
            ]
        );
    }

    #[test]
    fn the_same_value_found_twice_reports_the_higher_score() {
        let catalog = Catalog::builtin().unwrap();
        let engine = Engine::new(&catalog, &EngineOptions::default()).unwrap();
        let csv = "ID,Vorname,Private Adresse,PLZ\n1,Lena,Am Wall 142,28195\n";
        let mut out = Vec::new();
        engine.scan(csv.as_bytes(), 0..csv.len(), &mut out);
        let street: Vec<_> = out
            .iter()
            .filter(|m| engine.rules()[m.rule].kind.id == "street_address")
            .collect();
        // The column rule (priority 1, 0.8) and the German street rule
        // with `adresse` as context (0.95) read the same cell: the column
        // rule is reported, with the street rule's score.
        assert_eq!(street.len(), 1);
        assert_eq!(&csv[street[0].span.clone()], "Am Wall 142");
        assert_eq!(engine.rules()[street[0].rule].id, "street-address-field");
        assert!(street[0].confidence > 0.9);
    }

    #[test]
    fn an_element_describing_the_value_below_it_is_context() {
        let hay = "<wd:National_ID>236330940</wd:National_ID>\n<wd:National_ID_Type wd:Descriptor=\"Social Insurance Number (SIN)\"/>\n<wd:Next>x</wd:Next>\n";
        let start = hay.find("236").unwrap();
        let (_, after) =
            context_window(hay.as_bytes(), &(start..start + 9), 48);
        assert_eq!(&hay[after..after + 11], "\n<wd:Next>x");
        // Another element below, or text after the value: its own line.
        for hay in [
            "<wd:National_ID>236330940</wd:National_ID>\n<wd:Name_Type>SIN</wd:Name_Type>\n",
            "<ID>236330940</ID> x\n<ID_Type>SIN</ID_Type>\n",
            "id 236330940\n<ID_Type>SIN</ID_Type>\n",
        ] {
            let start = hay.find("236").unwrap();
            let (_, after) =
                context_window(hay.as_bytes(), &(start..start + 9), 48);
            assert!(after <= hay.find('\n').unwrap(), "{hay}");
        }
    }

    #[test]
    fn escaped_characters_are_matched_decoded_and_reported_escaped() {
        let catalog = Catalog::builtin().unwrap();
        let engine = Engine::new(&catalog, &EngineOptions::default()).unwrap();
        let line = r#"{"name":"J\u00fcrgen M\u00fcller","email":"j\u00fcrgen@mail.de","ip":"10.1.2.3"}"#;
        let file =
            FileStart { head: line.as_bytes(), at_hay: true, sql: None };
        assert_eq!(
            kinds(&engine, line, file),
            [
                r"person_name J\u00fcrgen M\u00fcller",
                r"email j\u00fcrgen@mail.de",
                "ipv4 10.1.2.3"
            ]
        );
        // A batch holding haystacks with and without escapes.
        let plain = "mail jane@mail.de";
        let items = [line, plain].map(|t| Haystack {
            hay: t.as_bytes(),
            body: 0..t.len(),
            file: FileStart { head: t.as_bytes(), at_hay: true, sql: None },
        });
        let mut batch = vec![Vec::new(), Vec::new()];
        engine.scan_batch(&items, &mut batch);
        assert_eq!(batch[0].len(), 3);
        assert_eq!(&plain[batch[1][0].span.clone()], "jane@mail.de");
        // A body that starts after an escape: offsets stay the file's.
        let two = format!("{line}\n{line}");
        let mut out = Vec::new();
        engine.scan(two.as_bytes(), line.len() + 1..two.len(), &mut out);
        let spans: Vec<&str> =
            out.iter().map(|m| &two[m.span.clone()]).collect();
        assert_eq!(
            spans,
            [r"J\u00fcrgen M\u00fcller", r"j\u00fcrgen@mail.de", "10.1.2.3"]
        );
        assert!(out.iter().all(|m| m.span.start > line.len()));
    }

    #[test]
    fn detectors_merge_like_groups() {
        let catalog = Catalog::builtin().unwrap();
        let engine = Engine::new(&catalog, &EngineOptions::default()).unwrap();
        let text = "Billing: Calle Real 58, 28034 Madrid. Ana Lima";
        let whole =
            FileStart { head: text.as_bytes(), at_hay: true, sql: None };
        // The street starts before any name inside it and wins.
        assert_eq!(
            kinds(&engine, text, whole),
            [
                "street_address Calle Real 58",
                "postal_code 28034",
                "person_name Ana Lima"
            ]
        );
        // A chunk of a CSV file below its header: the header comes from
        // the file's start, not from the chunk.
        let head = b"id,first_name,ssn\n";
        let chunk = "7,Wanjiru,536225019\n";
        let file = FileStart { head, at_hay: false, sql: None };
        assert_eq!(
            kinds(&engine, chunk, file),
            ["person_name Wanjiru", "us_ssn 536225019"]
        );
        let options = EngineOptions {
            exclude: vec!["person_name".to_string()],
            ..EngineOptions::default()
        };
        let engine = Engine::new(&catalog, &options).unwrap();
        assert_eq!(kinds(&engine, chunk, file), ["us_ssn 536225019"]);
    }

    #[test]
    fn hl7_fields_in_a_later_chunk_of_a_feed() {
        let catalog = Catalog::builtin().unwrap();
        let engine = Engine::new(&catalog, &EngineOptions::default()).unwrap();
        // Segments end in `\r`; the chunk starts at a segment and the
        // file's header segment comes from its head.
        let head = b"MSH|^~\\&|EPIC|MERCY|||20240312||ADT^A01|MSG1|P|2.5.1\r";
        let chunk = "PID|1||E1^^^M^MR||ROE^ANN^B||19750704|F|||12 MAIN ST^^TROY^NY^12180||||||||078051121\r\
                     OBX|1|NM|8867-4^Heart rate^LN||88|/min|60-100|N\r";
        let file = FileStart { head, at_hay: false, sql: None };
        assert_eq!(
            kinds(&engine, chunk, file),
            [
                "person_name ROE^ANN^B",
                "date_of_birth 19750704",
                "street_address 12 MAIN ST",
                "postal_code 12180",
                "us_ssn 078051121"
            ]
        );
        // The same bytes in a file that is no HL7 feed: no fields, only
        // the street line any text in capitals shows.
        let file = FileStart { head: b"# notes\n", at_hay: false, sql: None };
        assert_eq!(kinds(&engine, chunk, file), ["street_address 12 MAIN ST"]);
    }

    #[test]
    fn a_batch_finds_what_each_haystack_finds_alone() {
        let catalog = Catalog::builtin().unwrap();
        let engine = Engine::new(&catalog, &EngineOptions::default()).unwrap();
        let texts: [&[u8]; 5] = [
            b"id,first_name,ssn\n7,Wanjiru,536225019\n",
            b"",
            b"2024-03-15 login from 10.20.30.40 by ana.lima@example.org\n",
            b"card 4111 1111 1111 1111 and IBAN GB82 WEST 1234 5698 7654 32",
            b"nothing here at all\n",
        ];
        // A chunk below a CSV header, seen through the file's head.
        let head = b"id,first_name,ssn\n";
        let chunk = b"8,Amara,536225019\n";
        let mut items: Vec<Haystack<'_>> = texts
            .iter()
            .map(|t| Haystack {
                hay: t,
                body: 0..t.len(),
                file: FileStart { head: t, at_hay: true, sql: None },
            })
            .collect();
        items.push(Haystack {
            hay: chunk,
            body: 0..chunk.len(),
            file: FileStart { head, at_hay: false, sql: None },
        });
        let mut batch = vec![Vec::new(); items.len()];
        engine.scan_batch(&items, &mut batch);
        for (item, got) in items.iter().zip(&batch) {
            let mut alone = Vec::new();
            engine.scan_in_file(
                item.hay,
                item.body.clone(),
                item.file,
                &mut alone,
            );
            assert_eq!(got, &alone);
        }
        assert!(batch.iter().filter(|m| !m.is_empty()).count() >= 4);
        assert_eq!(batch[5].len(), 2, "{:?}", batch[5]);
    }

    /// The same engine searching group by group with `meta::Regex`, as
    /// it does when the catalog has a single full-walk group.
    fn without_walkers(mut engine: Engine) -> Engine {
        engine.walkers.clear();
        engine.groups.iter_mut().for_each(|g| g.walked = false);
        engine
    }

    /// Pieces of log lines: values that confirm, look-alikes that are
    /// rejected (bad checksums, missing context) and overlap the next
    /// piece, separators that make or break word boundaries.
    const PIECES: [&str; 28] = [
        "4111 1111 1111 1111",
        "4111 1111 1111 1112",
        "ssn 536-22-5019",
        "536225019",
        "666-22-5019",
        "GB82 WEST 1234 5698 7654 32",
        "GB82 WEST 1234 5698 7654 33",
        "10.20.30.40",
        "1.2.3.4.5",
        "+1 415 555 0100",
        "(415) 555-0100",
        "ana.lima@example.org",
        "AKIAIOSFODNN7EXAMPLE",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
        "dob=1984-07-12",
        "2024-03-15T07:12:10.005Z",
        "routing 021000021",
        "bearer abcdef0123456789abcdef",
        "https://bob:hunter2@db.internal/",
        "00:1A:2B:3C:4D:5E",
        "fe80::1ff:fe23:4567:890a",
        "48.8566, 2.3522",
        "Calle Real 58, 28034 Madrid",
        "AB123456C",
        "12345678Z",
        " ",
        "\n",
        "-",
    ];

    #[test]
    fn walking_finds_what_searching_finds() {
        use proptest::prelude::*;
        let catalog = Catalog::builtin().unwrap();
        let walking =
            Engine::new(&catalog, &EngineOptions::default()).unwrap();
        assert_eq!(walking.walkers.len(), 3, "led and two dense halves walk");
        let searching = without_walkers(
            Engine::new(&catalog, &EngineOptions::default()).unwrap(),
        );
        let scan = |engine: &Engine, text: &[u8], body: Range<usize>| {
            let mut out = Vec::new();
            engine.scan(text, body, &mut out);
            out
        };
        // The labeled corpus, whole and from an offset inside a line.
        let mut found = 0;
        for dir in ["corpus/logs", "corpus/tickets"] {
            let dir =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(dir).unwrap() {
                let text = std::fs::read(entry.unwrap().path()).unwrap();
                for from in [0, 7.min(text.len())] {
                    let walked = scan(&walking, &text, from..text.len());
                    let searched = scan(&searching, &text, from..text.len());
                    assert_eq!(walked, searched);
                    found += walked.len();
                }
            }
        }
        assert!(found > 1000, "{found}");
        let piece = proptest::sample::select(&PIECES[..]);
        let glue =
            proptest::sample::select(&["", " ", ",", "=", "\n", "x", "7"][..]);
        let texts = proptest::collection::vec((piece, glue), 1..24);
        proptest!(ProptestConfig::with_cases(400), |(parts in texts, cut in 0usize..8)| {
            let text: String = parts.iter().flat_map(|(p, g)| [*p, *g]).collect();
            let text = text.as_bytes();
            let body = cut.min(text.len())..text.len().saturating_sub(cut);
            prop_assume!(body.start <= body.end);
            prop_assert_eq!(
                scan(&walking, text, body.clone()),
                scan(&searching, text, body)
            );
        });
    }

    #[test]
    fn unicode_word_boundaries_fall_back_to_searching() {
        let mut catalog = Catalog::builtin().unwrap();
        let rule = r#"
schema = 1
family = "custom"

[[rule]]
id = "employee"
kind = "us_ssn"
description = "employee number between Unicode word boundaries"
regex = '''(?u:\b)EMP-\d{6}(?u:\b)'''
confidence = 0.8

  [[rule.positive]]
  text = "é EMP-123456 é"
  match = "EMP-123456"

  [[rule.positive]]
  text = "id EMP-123456"
  match = "EMP-123456"

  [[rule.negative]]
  text = "éEMP-123456"

  [[rule.negative]]
  text = "XEMP-123456"
"#;
        catalog.add_source("custom.toml", rule).unwrap();
        let walking =
            Engine::new(&catalog, &EngineOptions::default()).unwrap();
        assert_eq!(walking.walkers.len(), 3);
        let searching = without_walkers(
            Engine::new(&catalog, &EngineOptions::default()).unwrap(),
        );
        for text in [
            "é EMP-123456 é card 4111 1111 1111 1111",
            "ascii EMP-123456 card 4111 1111 1111 1111",
            "éEMP-123456 card 4111 1111 1111 1111 ssn 536-22-5019",
        ] {
            let whole =
                FileStart { head: text.as_bytes(), at_hay: true, sql: None };
            let walked = kinds(&walking, text, whole);
            assert_eq!(walked, kinds(&searching, text, whole));
            assert_eq!(
                walked.iter().any(|k| k.ends_with("EMP-123456")),
                !text.starts_with("éEMP"),
                "{text}: {walked:?}"
            );
            // The walk gave up on the whole haystack, not only the rule.
            assert_eq!(walked.len(), 2, "{walked:?}");
        }
    }

    thread_local! {
        /// The longest candidate the walkers' confirmation saw.
        pub(super) static LONGEST_CANDIDATE: std::cell::Cell<usize> =
            const { std::cell::Cell::new(0) };
    }

    /// A candidate the catalog rejects is searched again from its second
    /// byte; rules whose candidates could run to the end of a long
    /// separated run (dotted version strings, grouped digits) made such a
    /// line quadratic: 200 KB took 77 s. Their repetitions are bounded
    /// now: candidates stay short, and these lines find nothing.
    #[test]
    fn capture_groups_are_numbered_as_the_compiled_regex_numbers_them() {
        let catalog = Catalog::builtin().unwrap();
        let mut checked = 0;
        for rule in &catalog.rules {
            let Some(name) = rule.capture.as_deref() else { continue };
            let compiled = rule
                .compiled()
                .group_info()
                .to_index(regex_automata::PatternID::ZERO, name);
            assert!(compiled.is_some(), "{}", rule.id);
            assert_eq!(
                super::groups::capture_index(&rule.regex, name),
                compiled,
                "{}",
                rule.id
            );
            checked += 1;
        }
        assert!(checked > 10, "{checked}");
        assert_eq!(super::groups::capture_index(r"(a)(?P<v>b)", "v"), Some(2));
        assert_eq!(
            super::groups::capture_index(r"(?:a|(?P<v>b))*", "v"),
            Some(1)
        );
        assert_eq!(super::groups::capture_index(r"(a)", "v"), None);
    }

    #[test]
    fn long_separated_runs_are_not_quadratic() {
        let catalog = Catalog::builtin().unwrap();
        let engine = Engine::new(&catalog, &EngineOptions::default()).unwrap();
        let n = 20_000;
        let runs = [
            (0..n).map(|i| (i % 10).to_string()).collect::<Vec<_>>().join("."),
            (0..n)
                .map(|i| (10 + i % 80).to_string())
                .collect::<Vec<_>>()
                .join("."),
            vec!["4111"; n].join(" "),
            format!("dob {}", vec!["2024"; n].join("-")),
            vec!["ab"; n].join(":"),
            vec!["fe80"; n].join(":"),
        ];
        for run in runs {
            let text = format!("v {run}\n");
            let mut out = Vec::new();
            LONGEST_CANDIDATE.with(|l| l.set(0));
            engine.scan(text.as_bytes(), 0..text.len(), &mut out);
            assert!(out.is_empty(), "{}: {out:?}", &run[..20]);
            let longest = LONGEST_CANDIDATE.with(|l| l.get());
            assert!((1..200).contains(&longest), "{}: {longest}", &run[..20]);
        }
    }

    #[test]
    fn context_stays_on_the_line_unless_the_value_starts_one() {
        let hay = b"x dob=\n2024-03-15 INFO";
        let start = 7;
        let (b, a) = context_window(hay, &(start..start + 10), 48);
        assert_eq!((b, a), (0, hay.len()));
        let hay = b"a dob=\nT 2024-03-15 INFO\nnext";
        let start = 9;
        let (b, a) = context_window(hay, &(start..start + 10), 48);
        assert_eq!(&hay[b..start], b"T ");
        assert_eq!(&hay[start + 10..a], b" INFO");
        // A value whose line holds only its element's tag or its JSON key:
        // the parent on the line above names it.
        for (hay, value) in [
            ("<Passport>\n  <Number>504736662</Number>", "504736662"),
            ("\"passport\": {\n  \"number\": \"504736662\"", "504736662"),
            ("\"passport\": {\n  \"number\": 504736662", "504736662"),
        ] {
            let start = hay.find(value).unwrap();
            let (b, _) =
                context_window(hay.as_bytes(), &(start..start + 9), 48);
            assert_eq!(b, 0, "{hay}");
        }
        for (hay, value) in [
            ("<Passport>\n  <a>x</a><Number>504736662</Number>", "504736662"),
            ("passport\n  id \"number\": \"504736662\"", "504736662"),
        ] {
            let start = hay.find(value).unwrap();
            let (b, _) =
                context_window(hay.as_bytes(), &(start..start + 9), 48);
            assert!(b > 0, "{hay}");
        }
    }

    #[test]
    fn labels_alone_on_a_line() {
        assert!(super::label_only(b"   "));
        assert!(super::label_only(b"      <Number>"));
        assert!(super::label_only(b"  <ns:Number type=\"x\">"));
        assert!(super::label_only(b"  \"number\": \""));
        assert!(super::label_only(b"  \"number\" : "));
        assert!(!super::label_only(b"  <a>x</a><b>"));
        assert!(!super::label_only(b"id=7 <b>"));
        assert!(!super::label_only(b"  \"a\": 1, \"b\": "));
        assert!(!super::label_only(b"</Number>"));
    }
}
