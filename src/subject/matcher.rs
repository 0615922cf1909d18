//! One pass over a buffer finds every identifier of every subject.
//!
//! Brief overview. Literals and ids with letters are turned into the
//! literal forms they are written in (an IBAN as given, without spaces
//! and in groups of four), and all forms of all subjects go into a single
//! Aho-Corasick automaton, ASCII case-insensitive so byte offsets stay
//! those of the input (gitleaks lowercases; STYLE.md 3.4 says why not).
//! Each pattern maps back to the (subject, identifier) pairs it serves, so
//! 10,000 subjects cost one automaton walk, like one subject.
//!
//! Emails are found by value: the address around each `@` is normalized
//! and looked up in a hash map, one `memchr` pass whatever the number of
//! subjects (an automaton of 20,000 addresses walks every byte; one of a
//! few keeps a fast literal prefilter).
//!
//! Phones and all-digit ids (SSN, card, BSN, ...) are found by value in
//! any layout by [`super::digits`]: digit runs reduced to digits and
//! looked up in a hash map, again one pass whatever the number of
//! subjects. Ids with letters in layouts no literal form covers come from
//! the catalog [`Engine`], restricted to those kinds: each value it
//! confirms is normalized ([`super::normalize`]) and looked up in a hash
//! map of the subjects' values.
//!
//! Names are anchored, not enumerated: the automaton holds each subject's
//! first name and last name as words, and a hit is extended by a small
//! matcher that allows any run of spaces, a middle name or initial
//! (`Jane Q. Doe`), the `Doe, Jane` order and the username shapes
//! `jane.doe` and `jane_doe`.
//!
//! Every hit must stand on word boundaries: `jane@acme.io` is not found in
//! `xjane@acme.io` or `jane@acme.io.evil.net`, `536228741` not inside a
//! longer number.
//!
//! Never stores a hit's bytes: hits are spans into the caller's buffer.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::digits::DigitIndex;
use super::normalize::{self, NameParts};
use super::profile::{IdKind, Subject};
use crate::catalog::Catalog;
use crate::engine::decoded;
use crate::engine::{Engine, EngineOptions, FileStart};

/// How identifiers are compared.
#[derive(Debug, Clone)]
pub struct MatchOptions {
    /// Also match plus-addressed variants (`jane+news@acme.io` for
    /// `jane@acme.io`).
    pub email_variants: bool,
    /// Calling code assumed for phone numbers written without one.
    pub country_code: String,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions { email_variants: false, country_code: "1".into() }
    }
}

/// One occurrence of one identifier of one subject.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hit {
    /// Byte span in the searched buffer.
    pub span: Range<usize>,
    /// Index into [`SubjectMatcher::subjects`].
    pub subject: u32,
    /// Index into that subject's identifiers.
    pub ident: u32,
}

/// What an automaton pattern means for one identifier.
#[derive(Debug, Clone)]
enum Form {
    /// The pattern is the whole value.
    Exact,
    /// A name's first word: `first [middle] last`, `first.last`.
    NameFirst(u32),
    /// A name's last word(s): `last, first [middle]`.
    NameLast(u32),
}

#[derive(Debug, Clone)]
struct Target {
    subject: u32,
    ident: u32,
    form: Form,
}

/// Why a matcher could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatcherError(pub String);

impl std::fmt::Display for MatcherError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MatcherError {}

/// All subjects of a run, compiled for one pass per buffer.
pub struct SubjectMatcher {
    subjects: Vec<Subject>,
    ac: Option<AhoCorasick>,
    /// Pattern id -> what it finds.
    targets: Vec<Vec<Target>>,
    /// Pattern id -> for name words shared by many subjects (`james`),
    /// the targets by the word that must come next (see [`Dispatch`]).
    dispatch: Vec<Option<Dispatch>>,
    names: Vec<NameParts>,
    /// Phones and all-digit ids, by value in any layout.
    digits: DigitIndex,
    /// Emails by normalized value (lowercase; without `+tag` with
    /// `--email-variants`) -> (subject, identifier).
    emails: HashMap<String, Vec<(u32, u32)>>,
    email_variants: bool,
    /// The catalog restricted to the kinds that need normalizing.
    engine: Option<Engine>,
    /// (kind, normalized value) -> (subject, identifier).
    by_value: HashMap<(&'static str, String), Vec<(u32, u32)>>,
}

impl SubjectMatcher {
    /// Compile `subjects`. `catalog` supplies the detectors for phones and
    /// ids written in formats no literal form covers.
    pub fn new(
        subjects: Vec<Subject>,
        catalog: &Catalog,
        options: MatchOptions,
    ) -> Result<SubjectMatcher, MatcherError> {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut names = Vec::new();
        let mut by_value: HashMap<(&'static str, String), Vec<(u32, u32)>> =
            HashMap::new();
        let mut engine_kinds: Vec<String> = Vec::new();
        let mut digit_index = DigitIndex::new(&options.country_code);
        let mut emails: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let mut add = |form: Vec<u8>, t: Target| {
            if form.is_empty() {
                return;
            }
            let key = form.to_ascii_lowercase();
            let id = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                targets.push(Vec::new());
                patterns.len() - 1
            });
            let list = &mut targets[id];
            let dup = list.iter().any(|x| {
                x.subject == t.subject
                    && x.ident == t.ident
                    && std::mem::discriminant(&x.form)
                        == std::mem::discriminant(&t.form)
            });
            if !dup {
                list.push(t);
            }
        };
        for (s, subject) in subjects.iter().enumerate() {
            for (i, ident) in subject.identifiers.iter().enumerate() {
                let (s, i) = (s as u32, i as u32);
                let exact = |form: Form| Target { subject: s, ident: i, form };
                match &ident.kind {
                    IdKind::Email => {
                        let key = normalize::email(
                            &ident.raw,
                            options.email_variants,
                        );
                        let list = emails.entry(key).or_default();
                        if !list.contains(&(s, i)) {
                            list.push((s, i));
                        }
                    }
                    IdKind::Literal => {
                        add(ident.raw.clone().into_bytes(), exact(Form::Exact))
                    }
                    IdKind::Name => {
                        let Some(parts) = NameParts::parse(&ident.raw) else {
                            continue;
                        };
                        // Also as systems without diacritics store it.
                        let spellings = parts.spellings();
                        for parts in std::iter::once(parts).chain(spellings) {
                            let n = names.len() as u32;
                            for form in case_forms(&parts.first) {
                                add(
                                    form.into_bytes(),
                                    exact(Form::NameFirst(n)),
                                );
                            }
                            for form in case_forms(&parts.last) {
                                add(
                                    form.into_bytes(),
                                    exact(Form::NameLast(n)),
                                );
                            }
                            names.push(parts);
                        }
                    }
                    IdKind::Phone => {
                        if let Some(d) =
                            normalize::phone(&ident.raw, &options.country_code)
                        {
                            digit_index.add_phone(&d, s, i);
                        }
                    }
                    IdKind::Catalog(kind) => {
                        let norm = normalize::id(kind, &ident.raw);
                        if norm.bytes().all(|b| b.is_ascii_digit()) {
                            digit_index.add_id(&norm, s, i);
                            continue;
                        }
                        for form in id_forms(kind, &ident.raw, &norm) {
                            add(form.into_bytes(), exact(Form::Exact));
                        }
                        by_value.entry((kind, norm)).or_default().push((s, i));
                        if !engine_kinds.iter().any(|k| k == kind) {
                            engine_kinds.push(kind.to_string());
                        }
                    }
                }
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(|e| {
                        MatcherError(format!(
                            "cannot compile identifiers: {e}"
                        ))
                    })?,
            )
        };
        let dispatch =
            targets.iter().map(|list| Dispatch::build(list, &names)).collect();
        let engine = if engine_kinds.is_empty() {
            None
        } else {
            let options = EngineOptions {
                only: engine_kinds,
                exclude: Vec::new(),
                // Equality with a subject's value is the evidence here, so
                // no score threshold drops a validated candidate.
                min_confidence: 0.0,
            };
            Some(
                Engine::new(catalog, &options)
                    .map_err(|e| MatcherError(e.to_string()))?,
            )
        };
        Ok(SubjectMatcher {
            subjects,
            ac,
            targets,
            dispatch,
            names,
            digits: digit_index,
            emails,
            email_variants: options.email_variants,
            engine,
            by_value,
        })
    }

    /// The subjects, in the order hits refer to them.
    pub fn subjects(&self) -> &[Subject] {
        &self.subjects
    }

    /// Append every hit starting in `body` (a range of `hay`; bytes around
    /// it are read for word boundaries and context) to `out`, sorted by
    /// start then subject. Hits of one subject never overlap: the longest
    /// of overlapping ones is kept.
    ///
    /// `\uXXXX` escapes of non-ASCII characters are read decoded, as the
    /// scanner reads them: `J\u00fcrgen` is Jürgen, and the hit covers
    /// the escaped bytes. Names are also looked for with the text's
    /// diacritics dropped: `Jurgen Muller` finds `Jürgen Müller`.
    pub fn find(
        &self,
        hay: &[u8],
        body: Range<usize>,
        file: FileStart<'_>,
        out: &mut Vec<Hit>,
    ) {
        let from = out.len();
        match decoded::unescape(hay) {
            None => self.find_unresolved(hay, body, file, out),
            Some(copy) => {
                let plain = copy.haystack(body, file);
                self.find_unresolved(plain.hay, plain.body, plain.file, out);
                for hit in &mut out[from..] {
                    hit.span = copy.to_original(hit.span.clone());
                }
            }
        }
        let new: Vec<Hit> = out.drain(from..).collect();
        resolve(new, out);
    }

    /// Every hit in a haystack without escapes, overlaps not resolved.
    fn find_unresolved(
        &self,
        hay: &[u8],
        body: Range<usize>,
        file: FileStart<'_>,
        out: &mut Vec<Hit>,
    ) {
        if let Some(ac) = &self.ac {
            self.find_words(ac, hay, body.clone(), false, out);
            let folded = if self.names.is_empty() {
                None
            } else {
                decoded::fold_latin(hay)
            };
            if let Some(folded) = folded {
                // Only lines with rewritten letters can hold a name the
                // plain search missed.
                let from = out.len();
                let plain = folded.haystack(body.clone(), file);
                for line in folded.rewritten_lines() {
                    let span = line.start.max(plain.body.start)
                        ..line.end.min(plain.body.end);
                    if !span.is_empty() {
                        self.find_words(ac, plain.hay, span, true, out);
                    }
                }
                for hit in &mut out[from..] {
                    hit.span = folded.to_original(hit.span.clone());
                }
            }
        }
        self.digits.find(hay, body.clone(), out);
        self.find_emails(hay, body.clone(), out);
        if let Some(engine) = &self.engine {
            let mut matches = Vec::new();
            engine.scan_in_file(hay, body.clone(), file, &mut matches);
            for m in matches {
                let kind = engine.rules()[m.rule].kind.id;
                let raw = String::from_utf8_lossy(&hay[m.span.clone()]);
                let norm = normalize::id(kind, &raw);
                if let Some(list) = self.by_value.get(&(kind, norm)) {
                    for &(subject, ident) in list {
                        out.push(Hit { span: m.span.clone(), subject, ident });
                    }
                }
            }
        }
    }

    /// Names and literal values from the word automaton (`names_only`:
    /// only name words, for a copy whose letters were rewritten).
    fn find_words(
        &self,
        ac: &AhoCorasick,
        hay: &[u8],
        body: Range<usize>,
        names_only: bool,
        out: &mut Vec<Hit>,
    ) {
        let input = aho_corasick::Input::new(hay).span(body);
        let mut picked = Vec::new();
        for m in ac.find_overlapping_iter(input) {
            let p = m.pattern().as_usize();
            let targets = &self.targets[p];
            let mut check = |t: &Target| {
                if names_only && matches!(t.form, Form::Exact) {
                    return;
                }
                if let Some((span, other)) = self.confirm(hay, m.range(), t) {
                    for span in std::iter::once(span).chain(other) {
                        out.push(Hit {
                            span,
                            subject: t.subject,
                            ident: t.ident,
                        });
                    }
                }
            };
            match &self.dispatch[p] {
                None => targets.iter().for_each(&mut check),
                Some(d) => {
                    d.pick(hay, m.end(), &mut picked);
                    for &i in &picked {
                        check(&targets[i as usize]);
                    }
                }
            }
        }
    }

    /// Emails by value: every address around an `@` (the longest run of
    /// local-part characters before it, of domain characters after it,
    /// without trailing dots) is normalized and looked up, so 10,000
    /// subjects cost one `memchr` pass and a hash lookup per `@`, like
    /// one. Taking the whole address keeps `xjane@acme.io` and
    /// `jane@acme.io.evil.net` from counting as `jane@acme.io`.
    fn find_emails(&self, hay: &[u8], body: Range<usize>, out: &mut Vec<Hit>) {
        if self.emails.is_empty() {
            return;
        }
        let local =
            |b: u8| b.is_ascii_alphanumeric() || b"._%+'-".contains(&b);
        let domain = |b: u8| b.is_ascii_alphanumeric() || b"._-".contains(&b);
        // An address starting in the body may have its `@` a little past
        // it (a line cut inside the address).
        let scan_end = (body.end + 256).min(hay.len());
        for at in memchr::memchr_iter(b'@', &hay[body.start..scan_end]) {
            let at = body.start + at;
            let mut start = at;
            loop {
                if start > 0 && local(hay[start - 1]) {
                    start -= 1;
                } else if start > 1 && latin_letter(&hay[start - 2..start]) {
                    start -= 2;
                } else {
                    break;
                }
            }
            if start == at || !body.contains(&start) {
                continue;
            }
            let mut end = at + 1;
            loop {
                if end < hay.len() && domain(hay[end]) {
                    end += 1;
                } else if hay.get(end..end + 2).is_some_and(latin_letter) {
                    end += 2;
                } else {
                    break;
                }
            }
            while end > at + 1 && hay[end - 1] == b'.' {
                end -= 1;
            }
            if end == at + 1 {
                continue;
            }
            let Ok(text) = std::str::from_utf8(&hay[start..end]) else {
                continue;
            };
            let key = normalize::email(text, self.email_variants);
            if let Some(list) = self.emails.get(&key) {
                for &(subject, ident) in list {
                    out.push(Hit { span: start..end, subject, ident });
                }
            }
        }
    }

    /// The span an automaton hit stands for, if it is one, and for a name
    /// split over two fields (`Jane,Roe` in a CSV row, `"first_name":
    /// "Jane", "last_name": "Roe"`) the span of its other part: two hits,
    /// so erasing them keeps the separator and the key between.
    fn confirm(
        &self,
        hay: &[u8],
        found: Range<usize>,
        t: &Target,
    ) -> Option<(Range<usize>, Option<Range<usize>>)> {
        let ident =
            &self.subjects[t.subject as usize].identifiers[t.ident as usize];
        match &t.form {
            Form::Exact => {
                let ok = match ident.kind {
                    IdKind::Phone | IdKind::Catalog(_) => {
                        alnum_bounds(hay, &found)
                    }
                    _ => word_bounds(hay, &found),
                };
                ok.then_some((found, None))
            }
            Form::NameFirst(n) => {
                if !before_ok(hay, found.start) {
                    return None;
                }
                let parts = &self.names[*n as usize];
                match name_after_first(hay, found.end, parts)? {
                    NameEnd::Joined(end) => Some((found.start..end, None)),
                    NameEnd::Split(other) => Some((found, Some(other))),
                }
            }
            Form::NameLast(n) => {
                if !before_ok(hay, found.start) {
                    return None;
                }
                let parts = &self.names[*n as usize];
                match name_after_last(hay, found.end, parts)? {
                    NameEnd::Joined(end) => Some((found.start..end, None)),
                    NameEnd::Split(other) => Some((found, Some(other))),
                }
            }
        }
    }
}

/// Name targets of one automaton pattern, by the word that must follow.
///
/// 10,000 subjects share a few hundred first names: a hit on `james`
/// would otherwise be checked against every James. The word after it
/// (after `.`, `_` or spaces, or after a middle name or initial) must be
/// the subject's last name; the word after `Smith,` must be the first
/// name. So the candidates are looked up by that word, and only they are
/// checked.
#[derive(Debug)]
struct Dispatch {
    /// Targets that are not names: always checked.
    always: Vec<u32>,
    /// Name targets by the next word (lowercase).
    by_word: HashMap<String, Vec<u32>>,
    /// Whether the pattern is a first name (else a last name) for at
    /// least one target; decides where next words are looked for.
    first: bool,
    last: bool,
}

/// Patterns with more name targets than this get a [`Dispatch`].
const DISPATCH_MIN: usize = 4;

impl Dispatch {
    fn build(targets: &[Target], names: &[NameParts]) -> Option<Dispatch> {
        let named = targets
            .iter()
            .filter(|t| {
                matches!(t.form, Form::NameFirst(_) | Form::NameLast(_))
            })
            .count();
        if named <= DISPATCH_MIN {
            return None;
        }
        let mut d = Dispatch {
            always: Vec::new(),
            by_word: HashMap::new(),
            first: false,
            last: false,
        };
        for (i, t) in targets.iter().enumerate() {
            let i = i as u32;
            let keys: Vec<String> = match &t.form {
                Form::NameFirst(n) => {
                    d.first = true;
                    let last = &names[*n as usize].last;
                    let head = last.split(' ').next().unwrap_or(last);
                    vec![head.to_string(), last.replace(' ', "")]
                }
                Form::NameLast(n) => {
                    d.last = true;
                    vec![names[*n as usize].first.clone()]
                }
                _ => {
                    d.always.push(i);
                    continue;
                }
            };
            for k in keys {
                let list = d.by_word.entry(k).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        Some(d)
    }

    /// The targets worth checking for a hit ending at `end`.
    fn pick(&self, hay: &[u8], end: usize, out: &mut Vec<u32>) {
        out.clear();
        out.extend_from_slice(&self.always);
        // At most three places a next word may start; no allocation on
        // this path, which runs for every hit on a common name.
        let mut words = [0usize; 3];
        let mut n = 0;
        let mut push = |at: usize| {
            if n < words.len() {
                words[n] = at;
                n += 1;
            }
        };
        if let Some(v) = next_field_value(hay, end) {
            // The other part in the next field (first or last name).
            push(v);
        }
        if self.first {
            if matches!(hay.get(end), Some(b'.' | b'_')) {
                push(end + 1);
            }
            let s = spaces(hay, end);
            if s > end {
                push(s);
                // After a middle name or initial.
                let m = word_end(hay, s);
                let m = if hay.get(m) == Some(&b'.') { m + 1 } else { m };
                let s2 = spaces(hay, m);
                if s2 > m {
                    push(s2);
                }
            }
        }
        if self.last {
            let s = spaces(hay, end);
            if hay.get(s) == Some(&b',') {
                push(spaces(hay, s + 1));
            }
        }
        let mut buf = [0u8; 64];
        for &at in &words[..n] {
            let w = &hay[at..word_end(hay, at)];
            if w.is_empty() {
                continue;
            }
            let owned;
            let key: &str = if w.is_ascii() && w.len() <= buf.len() {
                let b = &mut buf[..w.len()];
                b.copy_from_slice(w);
                b.make_ascii_lowercase();
                std::str::from_utf8(b).unwrap_or_default()
            } else {
                match std::str::from_utf8(w) {
                    Ok(t) => {
                        owned = t.to_lowercase();
                        &owned
                    }
                    Err(_) => continue,
                }
            };
            if let Some(list) = self.by_word.get(key) {
                for &i in list {
                    if !out.contains(&i) {
                        out.push(i);
                    }
                }
            }
        }
    }
}

/// End of the word starting at `at` (letters, digits, non-ASCII bytes).
fn word_end(hay: &[u8], mut at: usize) -> usize {
    while at < hay.len()
        && (hay[at].is_ascii_alphanumeric() || hay[at] >= 0x80)
    {
        at += 1;
    }
    at
}

/// A lowercase name word as the automaton must see it: ASCII case is
/// folded by the automaton itself, but `Émile` and `ÉMILE` are other bytes
/// than `émile`, so non-ASCII words also go in capitalized and upper case.
fn case_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    if !word.is_ascii() {
        let mut chars = word.chars();
        if let Some(c) = chars.next() {
            forms.push(c.to_uppercase().chain(chars).collect());
        }
        forms.push(word.to_uppercase());
    }
    forms
}

/// Sort `new` hits, drop duplicates, and of overlapping hits of one
/// subject keep the leftmost-longest; append what is left to `out`.
fn resolve(mut new: Vec<Hit>, out: &mut Vec<Hit>) {
    let from = out.len();
    new.sort_by(|a, b| {
        (a.span.start, std::cmp::Reverse(a.span.end), a.subject, a.ident).cmp(
            &(b.span.start, std::cmp::Reverse(b.span.end), b.subject, b.ident),
        )
    });
    // End of the last kept hit, per subject.
    let mut reach: HashMap<u32, usize> = HashMap::new();
    for h in new {
        let end = reach.entry(h.subject).or_insert(0);
        if h.span.start < *end {
            continue;
        }
        *end = h.span.end;
        out.push(h);
    }
    out[from..].sort_by_key(|h| (h.span.start, h.subject, h.ident));
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn before_ok(hay: &[u8], at: usize) -> bool {
    at == 0 || !is_word(hay[at - 1])
}

/// Not inside a longer word.
fn word_bounds(hay: &[u8], r: &Range<usize>) -> bool {
    before_ok(hay, r.start) && hay.get(r.end).map_or(true, |&b| !is_word(b))
}

/// Not inside a longer number or code.
fn alnum_bounds(hay: &[u8], r: &Range<usize>) -> bool {
    let before = r.start == 0 || !hay[r.start - 1].is_ascii_alphanumeric();
    let after = hay.get(r.end).map_or(true, |b| !b.is_ascii_alphanumeric());
    // `123-45-6789-0` is a longer id, not ours.
    let joined = |i: Option<&u8>, j: Option<&u8>| {
        matches!(i, Some(b'-')) && j.is_some_and(u8::is_ascii_digit)
    };
    before
        && after
        && !joined(hay.get(r.end), hay.get(r.end + 1))
        && !(r.start >= 2
            && joined(hay.get(r.start - 1), hay.get(r.start - 2)))
}

/// Skip spaces and tabs from `at`; returns the new position.
fn spaces(hay: &[u8], mut at: usize) -> usize {
    while at < hay.len() && matches!(hay[at], b' ' | b'\t') {
        at += 1;
    }
    at
}

/// `word` at `at` (ASCII case-insensitive, spaces inside it flexible);
/// returns the position after it.
fn word_at(hay: &[u8], at: usize, word: &str) -> Option<usize> {
    let mut pos = at;
    for (k, piece) in word.split(' ').enumerate() {
        if k > 0 {
            let next = spaces(hay, pos);
            if next == pos {
                return None;
            }
            pos = next;
        }
        let end = pos + piece.len();
        let got = hay.get(pos..end)?;
        if !got.eq_ignore_ascii_case(piece.as_bytes())
            && got != piece.as_bytes()
        {
            // Non-ASCII letters: compare lowercased text.
            let text = std::str::from_utf8(got).ok()?;
            if text.to_lowercase() != piece {
                return None;
            }
        }
        pos = end;
    }
    Some(pos)
}

/// A middle name or initial at `at` (`Q`, `Q.`, `Quinn` when given);
/// returns the position after it.
fn middle_at(hay: &[u8], at: usize, parts: &NameParts) -> Option<usize> {
    for m in &parts.middle {
        if let Some(end) = word_at(hay, at, m) {
            if hay.get(end).map_or(true, |&b| !is_word(b)) {
                return Some(if hay.get(end) == Some(&b'.') {
                    end + 1
                } else {
                    end
                });
            }
        }
    }
    let c = *hay.get(at)?;
    let initial_ok = c.is_ascii_alphabetic()
        && hay.get(at + 1).map_or(true, |&b| !is_word(b))
        && (parts.middle.is_empty()
            || parts.middle.iter().any(|m| {
                m.as_bytes()
                    .first()
                    .is_some_and(|f| f.eq_ignore_ascii_case(&c))
            }));
    initial_ok.then(|| {
        if hay.get(at + 1) == Some(&b'.') {
            at + 2
        } else {
            at + 1
        }
    })
}

fn end_ok(hay: &[u8], at: usize) -> Option<usize> {
    hay.get(at).map_or(true, |&b| !is_word(b)).then_some(at)
}

/// Where a name found after its first word ends.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NameEnd {
    /// In the same run of text (`Jane Roe`, `jane.roe`): the end.
    Joined(usize),
    /// In the next field of a record: the other part's span.
    Split(Range<usize>),
}

/// After a first name ending at `at`: ` last`, ` m. last`, `.last`,
/// `_last`, or the last name as the next field (`,Roe`, `\tRoe`,
/// `", "last_name": "Roe`, ` last=Roe`).
fn name_after_first(hay: &[u8], at: usize, p: &NameParts) -> Option<NameEnd> {
    if matches!(hay.get(at), Some(b'.' | b'_')) {
        // Usernames and email local parts: jane.doe, jane_doe.
        let last = p.last.replace(' ', "");
        if let Some(end) = word_at(hay, at + 1, &last) {
            if let Some(e) = end_ok(hay, end) {
                return Some(NameEnd::Joined(e));
            }
        }
    }
    if let Some(v) = next_field_value(hay, at) {
        if let Some(e) = word_at(hay, v, &p.last).and_then(|e| end_ok(hay, e))
        {
            return Some(NameEnd::Split(v..e));
        }
    }
    let s = spaces(hay, at);
    if s == at {
        return None;
    }
    if let Some(end) = word_at(hay, s, &p.last).and_then(|e| end_ok(hay, e)) {
        return Some(NameEnd::Joined(end));
    }
    let m = middle_at(hay, s, p)?;
    let s2 = spaces(hay, m);
    if s2 == m {
        return None;
    }
    word_at(hay, s2, &p.last).and_then(|e| end_ok(hay, e)).map(NameEnd::Joined)
}

/// After a last name ending at `at`: `, first` or `, first m.` (prose,
/// one run), or the first name as the next field (`,Jane` in a CSV row,
/// `", "first_name": "Jane`).
fn name_after_last(hay: &[u8], at: usize, p: &NameParts) -> Option<NameEnd> {
    if let Some(v) = next_field_value(hay, at) {
        if let Some(e) = word_at(hay, v, &p.first).and_then(|e| end_ok(hay, e))
        {
            return Some(NameEnd::Split(v..e));
        }
    }
    let s = spaces(hay, at);
    if hay.get(s) != Some(&b',') {
        return None;
    }
    let f = spaces(hay, s + 1);
    let end = word_at(hay, f, &p.first).and_then(|e| end_ok(hay, e))?;
    let s2 = spaces(hay, end);
    if s2 > end {
        if let Some(m) = middle_at(hay, s2, p) {
            return Some(NameEnd::Joined(m));
        }
    }
    Some(NameEnd::Joined(end))
}

/// Where the next field's value starts when `at` ends a field value: a
/// closing quote, then a separator with no space after it (`,` `;` `|`,
/// CSV) or a tab, or a separator and a key (`, "last_name": "`,
/// ` last=`), then an opening quote. `None` for text running on (`Jane
/// Roe`, `Roe, Jane`): those are one name in one place.
fn next_field_value(hay: &[u8], at: usize) -> Option<usize> {
    const MAX_GAP: usize = 48;
    let quote = |i: usize| matches!(hay.get(i), Some(b'"' | b'\''));
    let mut i = at;
    let closed = quote(i);
    if closed {
        i += 1;
    }
    let tabbed = hay.get(i) == Some(&b'\t');
    let sep = matches!(hay.get(i), Some(b',' | b';' | b'|' | b'\t'));
    if sep {
        i += 1;
    }
    let spaced = spaces(hay, i);
    let key_end = key_at(hay, spaced);
    let i = match key_end {
        Some(k) => k,
        // A separator right before the value (CSV), a tab, or the quotes
        // of quoted cells: `Jane,Roe`, `Jane\tRoe`, `"Jane","Roe"`.
        None if sep && (spaced == i || tabbed || closed) => spaced,
        None => return None,
    };
    if !sep && key_end.is_some() && spaced == at {
        // `Jane last=Roe` needs the space: `Janelast=` is one word.
        return None;
    }
    let i = if quote(i) { i + 1 } else { i };
    (i - at <= MAX_GAP).then_some(i)
}

/// A field key at `at` (`"last_name": `, `surname=`, `last:`), returning
/// where its value may start.
fn key_at(hay: &[u8], at: usize) -> Option<usize> {
    let quoted = hay.get(at) == Some(&b'"');
    let start = at + usize::from(quoted);
    let mut i = start;
    while i < hay.len()
        && i - start < 32
        && (hay[i].is_ascii_alphanumeric()
            || matches!(hay[i], b'_' | b'-' | b'.'))
    {
        i += 1;
    }
    if i == start {
        return None;
    }
    if quoted {
        if hay.get(i) != Some(&b'"') {
            return None;
        }
        i += 1;
    }
    let i = spaces(hay, i);
    match hay.get(i) {
        Some(b'=') if !quoted => Some(i + 1),
        Some(b':') => Some(spaces(hay, i + 1)),
        _ => None,
    }
}

/// Literal forms of a catalog id: as given, without separators, and the
/// grouped layouts of SSNs, cards and IBANs.
fn id_forms(kind: &str, raw: &str, norm: &str) -> Vec<String> {
    let mut forms = vec![raw.trim().to_string(), norm.to_string()];
    let groups = |sizes: &[usize], sep: &str| -> Option<String> {
        let mut out = Vec::new();
        let mut at = 0;
        for &n in sizes {
            out.push(norm.get(at..at + n)?);
            at += n;
        }
        (at == norm.len()).then(|| out.join(sep))
    };
    let fours: Vec<usize> = {
        let mut v = vec![4; norm.len() / 4];
        if norm.len() % 4 != 0 {
            v.push(norm.len() % 4);
        }
        v
    };
    let layouts: Vec<Vec<usize>> = match kind {
        "us_ssn" | "us_itin" => vec![vec![3, 2, 4]],
        "credit_card" => vec![fours.clone(), vec![4, 6, 5]],
        "iban" => vec![fours.clone()],
        "ca_sin" => vec![vec![3, 3, 3]],
        "uk_nhs" => vec![vec![3, 3, 4]],
        "br_cpf" => vec![vec![3, 3, 3, 2]],
        _ => Vec::new(),
    };
    for sizes in layouts {
        for sep in ["-", " ", "."] {
            if let Some(f) = groups(&sizes, sep) {
                forms.push(f);
            }
        }
    }
    forms
}

/// A two-byte UTF-8 Latin letter (U+00C0-U+017F: `ü`, `é`, `ł`), which
/// addresses may hold (`jürgen@bücher.de`); other non-ASCII text (CJK
/// written right before an address) is not part of it.
fn latin_letter(pair: &[u8]) -> bool {
    matches!(pair, [0xC3..=0xC5, 0x80..=0xBF])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::profile::{identifier, ProfileOptions};

    fn matcher(ids: &[(IdKind, &str)], variants: bool) -> SubjectMatcher {
        let o = ProfileOptions { country_code: "1" };
        let subject = Subject {
            label: "s".into(),
            identifiers: ids
                .iter()
                .map(|(k, v)| identifier(k.clone(), v, o).unwrap())
                .collect(),
        };
        let catalog = Catalog::builtin().unwrap();
        let options = MatchOptions {
            email_variants: variants,
            ..MatchOptions::default()
        };
        SubjectMatcher::new(vec![subject], &catalog, options).unwrap()
    }

    fn found(m: &SubjectMatcher, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let file =
            FileStart { head: text.as_bytes(), at_hay: true, sql: None };
        m.find(text.as_bytes(), 0..text.len(), file, &mut out);
        out.iter().map(|h| text[h.span.clone()].to_string()).collect()
    }

    #[test]
    fn escaped_names_and_addresses_are_found() {
        let m = matcher(
            &[
                (IdKind::Name, "Jürgen Müller"),
                (IdKind::Email, "françois@orange.fr"),
            ],
            false,
        );
        let line =
            r#"{"n":"J\u00fcrgen M\u00fcller","m":"fran\u00e7ois@orange.fr"}"#;
        assert_eq!(
            found(&m, line),
            [r"J\u00fcrgen M\u00fcller", r"fran\u00e7ois@orange.fr"]
        );
        // An escaped backslash before `u` is text: no escape there.
        assert!(found(&m, r"J\\u00fcrgen M\\u00fcller").is_empty());
    }

    #[test]
    fn names_given_without_diacritics_find_them() {
        let m = matcher(
            &[(IdKind::Name, "Jurgen Muller"), (IdKind::Literal, "Muller")],
            false,
        );
        assert_eq!(
            found(&m, "von Jürgen Müller, JÜRGEN MÜLLER, Muller"),
            ["Jürgen Müller", "JÜRGEN MÜLLER", "Muller"]
        );
        // A literal stays exact: `Müller` is not the literal `Muller`.
        assert_eq!(found(&m, "Herr Müller"), Vec::<String>::new());
        let m = matcher(&[(IdKind::Name, "Lukasz Zolc")], false);
        assert_eq!(found(&m, "od Łukasz Żółć."), ["Łukasz Żółć"]);
        assert_eq!(
            found(&m, r#"{"n":"\u0141ukasz Zolc"}"#),
            [r"\u0141ukasz Zolc"]
        );
    }

    #[test]
    fn every_formatting_variant_is_found() {
        let m = matcher(
            &[
                (IdKind::Email, "Jane.Doe@Acme.io"),
                (IdKind::Phone, "+1 (415) 555-0100"),
                (IdKind::Catalog("us_ssn"), "536-22-8741"),
                (IdKind::Catalog("iban"), "GB82WEST12345698765432"),
                (IdKind::Catalog("credit_card"), "4929123456789015"),
                (IdKind::Name, "Jane Doe"),
                (IdKind::Literal, "jdoe42"),
            ],
            true,
        );
        let cases = [
            ("mail JANE.DOE@acme.IO ok", "JANE.DOE@acme.IO"),
            ("mail jane.doe+news@acme.io ok", "jane.doe+news@acme.io"),
            ("call 415.555.0100 now", "415.555.0100"),
            ("call 4155550100 now", "4155550100"),
            ("call (415) 555-0100 now", "(415) 555-0100"),
            ("tel: +1 415-555-0100", "+1 415-555-0100"),
            ("ssn 536 22 8741", "536 22 8741"),
            ("ssn=536228741", "536228741"),
            (
                "iban GB82 WEST 1234 5698 7654 32",
                "GB82 WEST 1234 5698 7654 32",
            ),
            ("card 4929-1234-5678-9015", "4929-1234-5678-9015"),
            ("card 4929 1234 5678 9015", "4929 1234 5678 9015"),
            ("from jane   DOE today", "jane   DOE"),
            ("from Doe, Jane today", "Doe, Jane"),
            ("from Jane Q. Doe today", "Jane Q. Doe"),
            ("user jane_doe logged in", "jane_doe"),
            ("account JDOE42 closed", "JDOE42"),
        ];
        for (text, want) in cases {
            assert_eq!(found(&m, text), vec![want.to_string()], "in {text:?}");
        }
    }

    #[test]
    fn names_beyond_ascii_in_any_case() {
        let m = matcher(&[(IdKind::Name, "Émile Zoé Ærøskøbing")], false);
        for text in [
            "Émile Ærøskøbing",
            "ÉMILE ÆRØSKØBING",
            "Ærøskøbing, Émile Z.",
            "émile.ærøskøbing",
        ] {
            assert_eq!(found(&m, text), vec![text.to_string()], "{text:?}");
        }
    }

    #[test]
    fn shared_first_and_last_names_find_the_right_subject() {
        // Eight Janes and eight Does: hits on `jane` and `doe` go through
        // the next-word dispatch.
        let o = ProfileOptions { country_code: "1" };
        let lasts =
            ["doe", "roe", "da silva", "poe", "moe", "lee", "wu", "ng"];
        let firsts = ["ann", "bea", "cid", "dan", "eve", "fay", "gus", "hal"];
        let mut subjects = Vec::new();
        for (i, last) in lasts.iter().enumerate() {
            subjects.push(Subject {
                label: format!("j{i}"),
                identifiers: vec![identifier(
                    IdKind::Name,
                    &format!("Jane {last}"),
                    o,
                )
                .unwrap()],
            });
        }
        for (i, first) in firsts.iter().enumerate() {
            subjects.push(Subject {
                label: format!("d{i}"),
                identifiers: vec![identifier(
                    IdKind::Name,
                    &format!("{first} Doe"),
                    o,
                )
                .unwrap()],
            });
        }
        let catalog = Catalog::builtin().unwrap();
        let m =
            SubjectMatcher::new(subjects, &catalog, MatchOptions::default())
                .unwrap();
        let who = |text: &str| -> Vec<(String, String)> {
            let mut out = Vec::new();
            let file =
                FileStart { head: text.as_bytes(), at_hay: true, sql: None };
            m.find(text.as_bytes(), 0..text.len(), file, &mut out);
            out.iter()
                .map(|h| {
                    (
                        m.subjects()[h.subject as usize].label.clone(),
                        text[h.span.clone()].to_string(),
                    )
                })
                .collect()
        };
        let pair = |l: &str, t: &str| vec![(l.to_string(), t.to_string())];
        assert_eq!(who("hi Jane Da  Silva!"), pair("j2", "Jane Da  Silva"));
        assert_eq!(who("user jane.dasilva@x"), pair("j2", "jane.dasilva"));
        assert_eq!(who("from Jane K. Lee."), pair("j5", "Jane K. Lee"));
        assert_eq!(who("Doe, Eve wrote"), pair("d4", "Doe, Eve"));
        assert_eq!(who("Jane Doe"), pair("j0", "Jane Doe"));
        assert!(who("Jane Smith, Doe, Zed").is_empty());
    }

    #[test]
    fn neighbours_are_not_the_subject() {
        let m = matcher(
            &[
                (IdKind::Email, "jane@acme.io"),
                (IdKind::Catalog("us_ssn"), "536-22-8741"),
                (IdKind::Name, "Jane Doe"),
                (IdKind::Literal, "jdoe42"),
            ],
            false,
        );
        for text in [
            "xjane@acme.io",
            "jane@acme.io.evil.net",
            "jane+x@acme.io",
            "1536228741",
            "536-22-87419",
            "Janet Doe",
            "Jane Doerr",
            "jdoe421",
        ] {
            assert!(found(&m, text).is_empty(), "{text:?}");
        }
        for text in [
            "mail jane@acme.io.",
            "<jane@acme.io>",
            "mailto:JANE@ACME.IO,",
            "\"jane@acme.io\"",
        ] {
            assert_eq!(found(&m, text).len(), 1, "{text:?}");
        }
    }
}
