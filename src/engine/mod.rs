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

mod context;
mod detectors;
pub mod examples;
mod fields;
mod gazetteer;
mod groups;
mod names;
pub mod synthetic;

use std::ops::Range;

use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, MatchKind, PatternID, PatternSet};

use crate::catalog::{self, Catalog, LoadError, Rule, Verdict};
use context::ContextMatcher;
use detectors::{Detectors, UNSPLIT_DENSE_KINDS};
use fields::CsvHeader;

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
#[derive(Debug, Clone, Copy)]
pub struct FileStart<'a> {
    /// The file's first bytes: its first line (the engine reads at most
    /// 4 KiB).
    pub head: &'a [u8],
    /// `hay[0]` is the file's first byte (so `head` is `hay`'s start).
    pub at_hay: bool,
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
    first: meta::Regex,
    /// Every rule matching at a place; `None` for a one-rule group.
    all: Option<meta::Regex>,
    /// Pattern id in this group -> the rules with that exact regex, in
    /// priority order (indices into [`Engine::rules`]). Identical regexes
    /// (a bare `\b\d{9}\b` serves several national ids that context tells
    /// apart) are compiled once.
    rules: Vec<Vec<usize>>,
    /// A literal every match of a one-rule group contains: a haystack
    /// without it is skipped with a substring search.
    required: Option<memchr::memmem::Finder<'static>>,
}

/// Per-thread search state of one group.
struct GroupScratch {
    first: meta::Cache,
    all: Option<meta::Cache>,
    set: PatternSet,
}

/// Per-thread search state: lazy DFA caches and capture slots.
struct Scratch {
    groups: Vec<GroupScratch>,
    singles: Vec<Option<meta::Cache>>,
    caps: Vec<Option<Captures>>,
    alternatives: Vec<usize>,
    norm: Vec<u8>,
    merged: Vec<Match>,
    /// The CSV header of the haystack being scanned, if it has one.
    header: Option<CsvHeader>,
}

type ScratchFn = Box<dyn Fn() -> Scratch + Send + Sync>;

/// The compiled catalog. Cheap to share across threads (`&Engine`).
pub struct Engine {
    rules: Vec<Rule>,
    groups: Vec<Group>,
    capture_index: Vec<Option<usize>>,
    context: Vec<Option<ContextMatcher>>,
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
/// Every other group (literal-led, contact, one-rule groups) runs as fast
/// with 2 MiB as with 8.
const GROUP_CACHE: usize = 2 << 20;
const NFA_LIMIT: usize = 64 << 20;

fn compile_error(rule: Option<&Rule>, e: impl std::fmt::Display) -> LoadError {
    LoadError {
        file: rule.map_or(String::new(), |r| r.origin.file.clone()),
        line: rule.map(|r| r.origin.line),
        rule: rule.map(|r| r.id.clone()),
        message: format!("cannot compile catalog: {e}"),
    }
}

fn build_group(
    rules: &[Rule],
    members: Vec<usize>,
    cache: usize,
) -> Result<Group, LoadError> {
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
    let build = |kind: MatchKind, cache: usize| {
        meta::Regex::builder()
            .syntax(catalog::syntax_config())
            .configure(
                meta::Config::new()
                    .match_kind(kind)
                    .utf8_empty(false)
                    .nfa_size_limit(Some(NFA_LIMIT))
                    .hybrid_cache_capacity(cache),
            )
            .build_many(&sources)
            .map_err(|e| {
                let rule =
                    e.pattern().map(|p| &rules[by_pattern[p.as_usize()][0]]);
                compile_error(rule, e)
            })
    };
    let first = build(MatchKind::LeftmostFirst, cache)?;
    // Only asked at rejected candidates, anchored: a small cache will do.
    let all = if sources.len() > 1 {
        Some(build(MatchKind::All, GROUP_CACHE)?)
    } else {
        None
    };
    Ok(Group { first, all, rules: by_pattern, required: None })
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
                rule.compiled.group_info().to_index(PatternID::ZERO, name)
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
                    let mut group = build_group(&rules, vec![i], GROUP_CACHE)?;
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
        for (members, cache) in [
            (led, GROUP_CACHE),
            (dense, DENSE_CACHE),
            (dense_second, DENSE_CACHE),
        ] {
            if !members.is_empty() {
                groups.push(build_group(&rules, members, cache)?);
            }
        }
        let context =
            rules.iter().map(|r| ContextMatcher::new(&r.context)).collect();
        let pool = {
            let automata: Vec<(meta::Regex, Option<meta::Regex>, usize)> =
                groups
                    .iter()
                    .map(|g| (g.first.clone(), g.all.clone(), g.rules.len()))
                    .collect();
            let n = rules.len();
            let make: ScratchFn = Box::new(move || Scratch {
                groups: automata
                    .iter()
                    .map(|(first, all, len)| GroupScratch {
                        first: first.create_cache(),
                        all: all.as_ref().map(|a| a.create_cache()),
                        set: PatternSet::new(*len),
                    })
                    .collect(),
                singles: (0..n).map(|_| None).collect(),
                caps: (0..n).map(|_| None).collect(),
                alternatives: Vec::with_capacity(8),
                norm: Vec::with_capacity(64),
                merged: Vec::new(),
                header: None,
            });
            Pool::new(make)
        };
        Ok(Engine {
            rules,
            groups,
            capture_index,
            context,
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
            FileStart { head: hay, at_hay: true },
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
        if self.groups.len() == 1 && self.detectors.is_empty() {
            // One sorted run: nothing to merge.
            let mut scratch = self.pool.get();
            scratch.header = CsvHeader::parse(file.head, file.at_hay);
            self.scan_group(0, hay, body, &mut scratch, out);
            return;
        }
        let one = Haystack { hay, body, file };
        self.scan_batch(&[one], std::slice::from_mut(out));
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
        let mut scratch = self.pool.get();
        let scratch = &mut *scratch;
        let mut headers: Vec<Option<CsvHeader>> = items
            .iter()
            .map(|h| CsvHeader::parse(h.file.head, h.file.at_hay))
            .collect();
        let mut merged = std::mem::take(&mut scratch.merged);
        merged.clear();
        // Every haystack's runs, one per group and detector, in `merged`:
        // each comes out sorted, and a k-way merge puts them together.
        let mut runs: Vec<Vec<Range<usize>>> = items
            .iter()
            .map(|_| Vec::with_capacity(self.groups.len() + 2))
            .collect();
        for g in 0..self.groups.len() {
            for (i, h) in items.iter().enumerate() {
                if h.body.is_empty() {
                    continue;
                }
                std::mem::swap(&mut scratch.header, &mut headers[i]);
                let from = merged.len();
                self.scan_group(
                    g,
                    h.hay,
                    h.body.clone(),
                    scratch,
                    &mut merged,
                );
                runs[i].push(from..merged.len());
                std::mem::swap(&mut scratch.header, &mut headers[i]);
            }
        }
        for (i, h) in items.iter().enumerate() {
            if h.body.is_empty() {
                continue;
            }
            self.detectors.scan(
                h.hay,
                h.body.clone(),
                headers[i].as_ref(),
                self.min_confidence,
                &mut merged,
                &mut runs[i],
            );
            merge_runs(&merged, &mut runs[i], &mut out[i]);
        }
        scratch.merged = merged;
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
        let mut pos = body.start;
        while pos < body.end {
            let input = Input::new(hay).span(pos..body.end);
            let Some(m) =
                group.first.search_with(&mut scratch.groups[g].first, &input)
            else {
                break;
            };
            let start = m.start();
            let pattern = m.pattern().as_usize();
            let confirmed = group.rules[pattern]
                .iter()
                .find_map(|&rule| self.confirm(hay, rule, m.range(), scratch));
            if let Some(found) = confirmed {
                pos = found.span.end.max(m.end()).max(start + 1);
                out.push(found);
                continue;
            }
            if let Some(found) =
                self.fallback(g, hay, start, body.end, pattern, scratch)
            {
                pos = found.span.end.max(start + 1);
                out.push(found);
                continue;
            }
            pos = start + 1;
        }
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
        let (Some(all), GroupScratch { all: Some(cache), set, .. }) =
            (&group.all, &mut scratch.groups[g])
        else {
            return None;
        };
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
            let re = &self.rules[rule].compiled;
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
                let re = &self.rules[rule_index].compiled;
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
        if let Some(ctx) = &self.context[rule_index] {
            let (before, after) =
                context_window(hay, &span, rule.context_window);
            // The name of the field holding the value is context too: a
            // CSV column `ssn`, a nested YAML `postal_code:` key.
            let near = ctx.found_in(&hay[before..span.start])
                || (rule.context_after && ctx.found_in(&hay[span.end..after]))
                || fields::field_of(hay, span.start, scratch.header.as_ref())
                    .is_some_and(|field| ctx.found_in(field.name));
            if near {
                confidence = (confidence + rule.context_boost).min(1.0);
            } else if rule.context_required {
                return None;
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

/// Merge sorted runs of `merged` leftmost-first into `out`: at the same
/// start the rule with the higher priority (lower index) wins, and a
/// match overlapping one already taken is dropped. A k-way merge over a
/// handful of runs costs far less than sorting.
fn merge_runs(
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
            out.push(m.clone());
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
        let own_line = hay[nl + 1..span.start]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r'));
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
    (before, after)
}

#[cfg(test)]
mod tests {
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
    fn detectors_merge_like_groups() {
        let catalog = Catalog::builtin().unwrap();
        let engine = Engine::new(&catalog, &EngineOptions::default()).unwrap();
        let text = "Billing: Calle Real 58, 28034 Madrid. Ana Lima";
        let whole = FileStart { head: text.as_bytes(), at_hay: true };
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
        let file = FileStart { head, at_hay: false };
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
                file: FileStart { head: t, at_hay: true },
            })
            .collect();
        items.push(Haystack {
            hay: chunk,
            body: 0..chunk.len(),
            file: FileStart { head, at_hay: false },
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
    }
}
