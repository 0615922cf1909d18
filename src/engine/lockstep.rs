//! Several automata walking one haystack side by side, confirmation
//! afterwards.
//!
//! A lazy DFA's walk is bound by latency, not by work: each transition
//! loads the next state from the one before, so a walk leaves most of the
//! core idle while it waits. The engine's two or three full-walk automata
//! (literal-led, dense) are independent, so one loop steps all of them a
//! byte each and the loads overlap. And a walk interrupted at every
//! candidate to confirm it (context words, capture groups, validators)
//! finds its states evicted from the CPU cache each time it resumes: so
//! the walk only records where candidates end, resuming after each as if
//! it were confirmed, and the engine confirms them afterwards, replaying
//! the search exactly where a candidate was not (see `Engine::replay`).
//!
//! A walker finds exactly the matches `meta::Regex::search` finds from the
//! same position: leftmost-first, the start by a reverse search anchored
//! at the end, as `hybrid::regex::Regex::try_search` does (for the
//! matched pattern only, which finds the same start sooner).

use std::ops::Range;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::{self, LazyStateID};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::{
    Anchored, HalfMatch, Input, Match, MatchKind, PatternID,
};

/// A leftmost-first forward DFA and the reverse DFA that finds where its
/// matches start.
#[derive(Clone, Debug)]
pub(crate) struct Walker {
    forward: DFA,
    reverse: DFA,
    /// `may_start[class][byte]`: a match may begin with `byte` after a
    /// byte of look-behind `class` ([`lookbehind_class`]): the anchored
    /// start state does not die on it. Lets [`Walker::first_starting_in`]
    /// skip most positions without a search.
    may_start: Box<[[bool; 256]; LOOKBEHIND_CLASSES]>,
    /// `fixed_len[p]`: every match of pattern `p` has this many bytes
    /// (`\b\d{9}\b`), so its start needs no reverse search.
    fixed_len: Box<[Option<usize>]>,
}

/// Look-behind classes that pick a start state: none (start of the
/// haystack), `\n`, `\r`, a word byte, any other byte.
const LOOKBEHIND_CLASSES: usize = 5;
const LOOKBEHIND_EXAMPLES: [Option<u8>; LOOKBEHIND_CLASSES] =
    [None, Some(b'\n'), Some(b'\r'), Some(b'a'), Some(b' ')];

/// Which start state a search beginning at `at` takes, as the class of
/// the byte before it (regex-automata picks start states by the same
/// classes). A non-ASCII byte is a non-word byte: the catalog's `\b` is
/// ASCII, and a walker built for a user's `(?u:\b)` quits on such bytes
/// during the walk, before any replay asks.
fn lookbehind_class(hay: &[u8], at: usize) -> usize {
    match at.checked_sub(1).map(|i| hay[i]) {
        None => 0,
        Some(b'\n') => 1,
        Some(b'\r') => 2,
        Some(b) if b.is_ascii_alphanumeric() || b == b'_' => 3,
        Some(_) => 4,
    }
}

/// One thread's lazy DFA states for a [`Walker`].
#[derive(Clone, Debug)]
pub(crate) struct WalkerCache {
    forward: Cache,
    reverse: Cache,
}

/// The walk cannot go on with this configuration (a lazy DFA gave up or
/// met a byte it must quit on); the caller searches another way.
#[derive(Debug)]
pub(crate) struct Unsupported;

impl Walker {
    /// Compile `sources` (one pattern each) the way the engine's
    /// `meta::Regex` does, with a lazy DFA cache of `cache` bytes.
    pub(crate) fn new<S: AsRef<str>>(
        sources: &[S],
        syntax: regex_automata::util::syntax::Config,
        nfa_limit: usize,
        cache: usize,
    ) -> Result<Walker, Box<hybrid::BuildError>> {
        let thompson = thompson::Config::new()
            .nfa_size_limit(Some(nfa_limit))
            .which_captures(WhichCaptures::None);
        let dfa = DFA::config()
            // A user's `(?u:\b)`: quit at non-ASCII bytes (the walk
            // reports `Unsupported`), as `meta::Regex` does before it
            // falls back to a slower engine.
            .unicode_word_boundary(true)
            .cache_capacity(cache)
            .minimum_cache_clear_count(None);
        let forward = DFA::builder()
            .syntax(syntax)
            .thompson(thompson.clone())
            .configure(dfa.clone().match_kind(MatchKind::LeftmostFirst))
            .build_many(sources)
            .map_err(Box::new)?;
        // The start of a match is searched for its own pattern only: the
        // same start as a search for any pattern finds (no match starts
        // before it, or the forward search would have ended elsewhere),
        // and a one-pattern search dies a few bytes sooner.
        let reverse = DFA::builder()
            .syntax(syntax)
            .thompson(thompson.reverse(true))
            .configure(
                dfa.match_kind(MatchKind::All).starts_for_each_pattern(true),
            )
            .build_many(sources)
            .map_err(Box::new)?;
        let mut may_start = Box::new([[false; 256]; LOOKBEHIND_CLASSES]);
        let mut cache = forward.create_cache();
        for (class, behind) in LOOKBEHIND_EXAMPLES.iter().enumerate() {
            for byte in 0..=255u8 {
                let hay: Vec<u8> =
                    behind.iter().copied().chain([byte]).collect();
                let at = hay.len() - 1;
                let input = Input::new(&hay)
                    .span(at..hay.len())
                    .anchored(Anchored::Yes);
                may_start[class][usize::from(byte)] = match forward
                    .start_state_forward(&mut cache, &input)
                    .ok()
                    .and_then(|sid| {
                        forward.next_state(&mut cache, sid, byte).ok()
                    }) {
                    Some(next) => !next.is_dead(),
                    // Cannot tell: search there.
                    None => true,
                };
            }
        }
        let fixed_len = sources
            .iter()
            .map(|source| {
                let hir = regex_automata::util::syntax::parse_with(
                    source.as_ref(),
                    &syntax,
                )
                .ok()?;
                let props = hir.properties();
                match (props.minimum_len(), props.maximum_len()) {
                    (Some(min), Some(max)) if min == max && min > 0 => {
                        Some(min)
                    }
                    _ => None,
                }
            })
            .collect();
        Ok(Walker { forward, reverse, may_start, fixed_len })
    }

    /// The leftmost-first match with the first start in `starts` (its
    /// end may lie beyond, up to `end`), if any. A search from
    /// `starts.start` finds this match if there is one; if not, it finds
    /// what a search from `starts.end` finds.
    pub(crate) fn first_starting_in(
        &self,
        cache: &mut WalkerCache,
        hay: &[u8],
        starts: Range<usize>,
        end: usize,
    ) -> Result<Option<Match>, Unsupported> {
        for at in starts {
            if !self.may_start[lookbehind_class(hay, at)][usize::from(hay[at])]
            {
                continue;
            }
            let input = Input::new(hay).span(at..end).anchored(Anchored::Yes);
            match self.forward.try_search_fwd(&mut cache.forward, &input) {
                Ok(Some(half)) => {
                    return Ok(Some(Match::new(
                        half.pattern(),
                        at..half.offset(),
                    )))
                }
                Ok(None) => {}
                Err(_) => return Err(Unsupported),
            }
        }
        Ok(None)
    }

    /// Fresh per-thread state.
    pub(crate) fn create_cache(&self) -> WalkerCache {
        WalkerCache {
            forward: self.forward.create_cache(),
            reverse: self.reverse.create_cache(),
        }
    }

    /// A pattern can match the empty string: a walk that resumes at a
    /// candidate's end would find it again, so the engine searches such
    /// catalogs the ordinary way.
    pub(crate) fn matches_empty(&self) -> bool {
        self.forward.get_nfa().has_empty()
    }

    /// Fill in where each candidate starts: what `hybrid::regex::Regex::
    /// try_search` reports for a search from `candidate.from`. One pass
    /// over a group's candidates keeps the reverse DFA's states in the
    /// CPU cache (interleaved with confirmation: +15% time in reverse
    /// searches).
    pub(crate) fn find_starts(
        &self,
        cache: &mut WalkerCache,
        hay: &[u8],
        candidates: &mut [Candidate],
    ) -> Result<(), Unsupported> {
        let always_anchored =
            self.forward.get_nfa().is_always_start_anchored();
        for c in candidates {
            if c.from == c.end || always_anchored {
                c.start = c.from;
                continue;
            }
            if let Some(len) = self.fixed_len[c.pattern.as_usize()] {
                c.start = c.end - len;
                continue;
            }
            let input = Input::new(hay)
                .span(c.from..c.end)
                .anchored(Anchored::Pattern(c.pattern))
                .earliest(false);
            match self.reverse.try_search_rev(&mut cache.reverse, &input) {
                Ok(Some(start)) => c.start = start.offset(),
                _ => return Err(Unsupported),
            }
        }
        Ok(())
    }
}

/// Where a walk found a match: the forward search that began at `from`
/// found a match of `pattern` ending at `end`; its `start` is found after
/// the walk ([`Walker::find_starts`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub(crate) pattern: PatternID,
    pub(crate) from: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Candidate {
    pub(crate) fn to_match(self) -> Match {
        Match::new(self.pattern, self.start..self.end)
    }
}

/// Where one walker is.
#[derive(Clone, Copy)]
struct Stream {
    sid: LazyStateID,
    /// The next byte to read.
    at: usize,
    /// Where the current search began (a match cannot start before).
    from: usize,
    /// The leftmost-first match seen so far, if the DFA has not yet died.
    pending: Option<HalfMatch>,
    live: bool,
}

/// Walk every walker over `body` of `hay` (bytes outside `body` are only
/// look-around), appending to `found[j]` the candidates of walker `j` in
/// order: the matches a `meta::Regex` of the same patterns finds when
/// each search resumes at the end of the match before. Walkers must not
/// match the empty string ([`Walker::matches_empty`]).
pub(crate) fn walk<const N: usize>(
    walkers: [&Walker; N],
    caches: &mut [WalkerCache; N],
    hay: &[u8],
    body: Range<usize>,
    found: &mut [Vec<Candidate>; N],
) -> Result<(), Unsupported> {
    let end = body.end;
    let mut streams = [Stream {
        sid: LazyStateID::default(),
        at: 0,
        from: 0,
        pending: None,
        live: false,
    }; N];
    for j in 0..N {
        restart(
            walkers[j],
            &mut caches[j],
            hay,
            end,
            &mut streams[j],
            body.start,
        )?;
    }
    loop {
        let live = streams.iter().filter(|s| s.live).count();
        if live == 0 {
            return Ok(());
        }
        if live == N {
            run_together(&walkers, caches, hay, end, &mut streams);
        } else {
            for j in 0..N {
                if streams[j].live {
                    run_alone(
                        walkers[j],
                        &caches[j],
                        hay,
                        end,
                        &mut streams[j],
                    );
                }
            }
        }
        for j in 0..N {
            if streams[j].live {
                step(
                    walkers[j],
                    &mut caches[j],
                    hay,
                    end,
                    &mut streams[j],
                    &mut found[j],
                )?;
            }
        }
    }
}

/// Start a new search at `at` (or end the stream at the body's end).
fn restart(
    walker: &Walker,
    cache: &mut WalkerCache,
    hay: &[u8],
    end: usize,
    stream: &mut Stream,
    at: usize,
) -> Result<(), Unsupported> {
    stream.pending = None;
    stream.live = at < end;
    if !stream.live {
        return Ok(());
    }
    let input = Input::new(hay).span(at..end);
    stream.sid = walker
        .forward
        .start_state_forward(&mut cache.forward, &input)
        .map_err(|_| Unsupported)?;
    stream.at = at;
    stream.from = at;
    Ok(())
}

/// Step every stream while all of them stay on untagged states (no
/// match, dead, unknown or quit state): the common case, and the loop
/// whose loads overlap. Leaves each stream before the transition that
/// would tag it, for [`step`] to take.
///
/// Never inlined: compiled on its own, the hot loop's code does not move
/// with its callers'. Inlined, unrelated changes elsewhere in the engine
/// changed it by up to 9% of its instructions (16 MiB benchmark slice:
/// 3,421 M against 3,383 M for the whole scan, the same output).
#[inline(never)]
fn run_together<const N: usize>(
    walkers: &[&Walker; N],
    caches: &[WalkerCache; N],
    hay: &[u8],
    end: usize,
    streams: &mut [Stream; N],
) {
    let mut sid: [LazyStateID; N] = std::array::from_fn(|j| streams[j].sid);
    let mut limit = usize::MAX;
    for s in streams.iter() {
        if s.sid.is_tagged() {
            return;
        }
        limit = limit.min(end - s.at);
    }
    // Each stream's bytes, all `limit` long: indexing them below `limit`
    // needs no bounds check per byte.
    let bytes: [&[u8]; N] =
        std::array::from_fn(|j| &hay[streams[j].at..][..limit]);
    let mut i = 0;
    while i < limit {
        let mut next = sid;
        let mut tagged = false;
        for j in 0..N {
            // `sid[j]` is untagged (checked above and at every step).
            next[j] = walkers[j].forward.next_state_untagged(
                &caches[j].forward,
                sid[j],
                bytes[j][i],
            );
            tagged |= next[j].is_tagged();
        }
        if tagged {
            break;
        }
        sid = next;
        i += 1;
    }
    for j in 0..N {
        streams[j].sid = sid[j];
        streams[j].at += i;
    }
}

/// [`run_together`] for one stream, once the others have finished.
#[inline(always)]
fn run_alone(
    walker: &Walker,
    cache: &WalkerCache,
    hay: &[u8],
    end: usize,
    stream: &mut Stream,
) {
    let mut sid = stream.sid;
    let mut at = stream.at;
    if sid.is_tagged() {
        return;
    }
    while at < end {
        let next =
            walker.forward.next_state_untagged(&cache.forward, sid, hay[at]);
        if next.is_tagged() {
            break;
        }
        sid = next;
        at += 1;
    }
    stream.sid = sid;
    stream.at = at;
}

/// One checked transition of one stream (building the state if the lazy
/// DFA has not yet), with what a tagged state means: a match to remember,
/// a dead state that settles the pending match, the end of the body.
fn step(
    walker: &Walker,
    cache: &mut WalkerCache,
    hay: &[u8],
    end: usize,
    stream: &mut Stream,
    found: &mut Vec<Candidate>,
) -> Result<(), Unsupported> {
    let dfa = &walker.forward;
    if stream.at >= end {
        // The end of the body: the byte after it (if any) is look-ahead.
        let sid = match hay.get(end) {
            Some(&b) => dfa.next_state(&mut cache.forward, stream.sid, b),
            None => dfa.next_eoi_state(&mut cache.forward, stream.sid),
        }
        .map_err(|_| Unsupported)?;
        if sid.is_quit() {
            return Err(Unsupported);
        }
        if sid.is_match() {
            let pattern = dfa.match_pattern(&cache.forward, sid, 0);
            stream.pending = Some(HalfMatch::new(pattern, end));
        }
        return settle(walker, cache, hay, end, stream, found);
    }
    let sid = dfa
        .next_state(&mut cache.forward, stream.sid, hay[stream.at])
        .map_err(|_| Unsupported)?;
    stream.sid = sid;
    if sid.is_tagged() {
        if sid.is_match() {
            // Matches are seen one byte late: this one ends at `at`.
            let pattern = dfa.match_pattern(&cache.forward, sid, 0);
            stream.pending = Some(HalfMatch::new(pattern, stream.at));
        } else if sid.is_dead() {
            return settle(walker, cache, hay, end, stream, found);
        } else if sid.is_quit() {
            return Err(Unsupported);
        }
    }
    stream.at += 1;
    Ok(())
}

/// The search that began at `stream.from` is over: record its match and
/// search again from its end, or end the stream if there was none.
fn settle(
    walker: &Walker,
    cache: &mut WalkerCache,
    hay: &[u8],
    end: usize,
    stream: &mut Stream,
    found: &mut Vec<Candidate>,
) -> Result<(), Unsupported> {
    let Some(half) = stream.pending.take() else {
        stream.live = false;
        return Ok(());
    };
    let candidate = Candidate {
        pattern: half.pattern(),
        from: stream.from,
        start: stream.from,
        end: half.offset(),
    };
    found.push(candidate);
    // Never empty (`Walker::matches_empty`), so the end is past `from`.
    restart(
        walker,
        cache,
        hay,
        end,
        stream,
        candidate.end.max(stream.from + 1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_length_patterns_skip_the_reverse_search() {
        let walker = Walker::new(
            &[
                r"\b\d{9}\b",
                r"\b\d{3}-\d{2}-\d{4}\b",
                r"\b[a-z]+@[a-z]+\.de\b",
            ],
            crate::catalog::syntax_config(),
            1 << 20,
            1 << 20,
        )
        .unwrap();
        assert_eq!(&*walker.fixed_len, &[Some(9), Some(11), None]);
        // Starts found either way are the ones a search reports.
        let hay = b"id 123456789 ssn 078-05-1120 mail jo@mail.de end";
        let mut caches = [walker.create_cache(), walker.create_cache()];
        let mut found = [Vec::new(), Vec::new()];
        walk([&walker, &walker], &mut caches, hay, 0..hay.len(), &mut found)
            .unwrap();
        walker.find_starts(&mut caches[0], hay, &mut found[0]).unwrap();
        let spans: Vec<&[u8]> =
            found[0].iter().map(|c| &hay[c.start..c.end]).collect();
        assert_eq!(spans, [&b"123456789"[..], b"078-05-1120", b"jo@mail.de"]);
    }
}
