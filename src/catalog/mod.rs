//! Pattern catalog: the pattern files, their rules, and the checks that run
//! when a file is loaded.
//!
//! The default catalog is compiled into the binary (`include_str!`), and
//! `--patterns DIR` adds user files in the same format. Loading never
//! compiles regexes into the scan automaton (that is the engine's job), but
//! it does check every regex on its own so a broken file is reported with
//! its path, line and rule id instead of failing the whole build later.
//! A catalog never holds raw personal data other than the synthetic
//! examples written in pattern files.

pub mod kinds;
pub mod validators;

use std::collections::HashSet;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

pub use kinds::KindInfo;
pub use validators::{Validator, Verdict};

/// The only pattern file schema this version reads.
pub const SCHEMA_VERSION: u32 = 1;
/// Bytes before a match searched for context words unless a rule says
/// otherwise.
pub const DEFAULT_CONTEXT_WINDOW: usize = 48;
/// Bytes after a match searched for context words.
pub const CONTEXT_AFTER: usize = 16;
/// Confidence added when a context word is near, unless a rule says
/// otherwise.
pub const DEFAULT_CONTEXT_BOOST: f64 = 0.15;
/// Minimum confidence a positive example must reach unless it says
/// otherwise; also the CLI's default reporting threshold.
pub const DEFAULT_MIN_CONFIDENCE: f64 = 0.5;
/// Longest regex source accepted, so one rule cannot blow up the
/// automaton for every other rule.
const MAX_REGEX_LEN: usize = 4096;

/// The built-in pattern files, in priority order of their families.
const BUILTIN: &[(&str, &str)] = &[
    ("credentials.toml", include_str!("../../patterns/credentials.toml")),
    ("financial.toml", include_str!("../../patterns/financial.toml")),
    (
        "government_americas.toml",
        include_str!("../../patterns/government_americas.toml"),
    ),
    (
        "government_europe.toml",
        include_str!("../../patterns/government_europe.toml"),
    ),
    (
        "government_asia_pacific.toml",
        include_str!("../../patterns/government_asia_pacific.toml"),
    ),
    ("contact.toml", include_str!("../../patterns/contact.toml")),
    ("network.toml", include_str!("../../patterns/network.toml")),
];

/// Where a rule was written, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// File name (built-in) or path (user file).
    pub file: String,
    /// 1-based line of the rule's `id`.
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// An example text a rule must match (positive) or leave alone (negative).
#[derive(Debug, Clone)]
pub struct Example {
    /// The haystack.
    pub text: String,
    /// For positives: the exact text of the expected finding.
    pub expect: Option<String>,
    /// For positives: the lowest acceptable confidence.
    pub min_confidence: f64,
    /// 1-based line in the pattern file, for failure messages.
    pub line: usize,
}

/// One loaded, checked rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable kebab-case id (`email-address`); baselines depend on it.
    pub id: String,
    /// The kind the rule reports.
    pub kind: &'static KindInfo,
    /// One line for people.
    pub description: String,
    /// Regex source (bytes, ASCII classes).
    pub regex: String,
    /// Capture group whose span is the finding, if not the whole match.
    pub capture: Option<String>,
    /// A look-behind the automaton cannot express: the match is dropped
    /// when the bytes just before it end with a match of this regex (so
    /// `1.2.3.4.5` rejected as an IP is not found again as `2.3.4.5`).
    pub not_after: Option<String>,
    /// The match is dropped when the field holding it (a key or a column,
    /// normalized: `Eintrittsdatum` -> `eintrittsdatum`) holds one of
    /// these words and no context word is near: a date under `ENROL_DATE`
    /// is no birth date.
    pub not_in_field: Vec<String>,
    /// The match is dropped when one of these words (whole, any case)
    /// stands in the context window before it: a passport number beside
    /// `MEX` or `issuingCountry="GBR"` is no U.S. passport's.
    pub not_near: Vec<String>,
    /// Name and function of the validator, if any.
    pub validator: Option<(String, Validator)>,
    /// Bytes removed from the value before validation.
    pub normalize: Vec<u8>,
    /// Tie-break between rules matching at the same offset: higher first.
    pub priority: i32,
    /// Base score of a validated match without context.
    pub confidence: f64,
    /// Context words (ASCII case-insensitive, whole words).
    pub context: Vec<String>,
    /// Bytes before the match searched for context.
    pub context_window: usize,
    /// Added to the score when context is near.
    pub context_boost: f64,
    /// Context words after the match count too. Off for rules whose
    /// label always comes first, where a word after the value labels the
    /// next field (`"build":"4.4.5.102","ip":"…"`).
    pub context_after: bool,
    /// Drop the match unless context is near.
    pub context_required: bool,
    /// Examples that must match.
    pub positives: Vec<Example>,
    /// Examples that must not match.
    pub negatives: Vec<Example>,
    /// Pattern family (file's `family`).
    pub family: String,
    /// Where the rule was written.
    pub origin: Origin,
    /// `regex` compiled on its own, once: when a user's pattern file is
    /// loaded (to check it), else on first use ([`Rule::compiled`]).
    compiled: OnceLock<regex_automata::meta::Regex>,
    /// `not_after` compiled by [`not_after_regex`], likewise.
    pub not_after_compiled: Option<regex_automata::meta::Regex>,
}

/// A problem in a pattern file, located precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// File name or path.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Rule id, when known.
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = crate::sanitize::for_terminal(&self.file);
        match self.line {
            Some(line) => write!(f, "{file}:{line}")?,
            None => write!(f, "{file}")?,
        }
        if let Some(rule) = &self.rule {
            write!(f, ": rule {}", crate::sanitize::for_terminal(rule))?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

/// All errors of one load, so a user fixes a file in one round.
#[derive(Debug, Clone)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// A set of rules from one or more pattern files.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Rules in priority order (stable sort by `priority`, descending).
    pub rules: Vec<Rule>,
}

impl Catalog {
    /// The default catalog compiled into the binary.
    pub fn builtin() -> Result<Catalog, LoadErrors> {
        let mut catalog = Catalog::default();
        for (name, text) in BUILTIN {
            catalog.add_checked(name, text, Check::Tested)?;
        }
        Ok(catalog)
    }

    /// Add every `*.toml` file of a directory (sorted by name).
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), LoadErrors> {
        let display = dir.display().to_string();
        let read_err = |e: std::io::Error| {
            LoadErrors(vec![LoadError {
                file: display.clone(),
                line: None,
                rule: None,
                message: io_reason(&e),
            }])
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for path in files {
            self.add_file(&path)?;
        }
        Ok(())
    }

    /// Add one pattern file from disk.
    pub fn add_file(&mut self, path: &Path) -> Result<(), LoadErrors> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            LoadErrors(vec![LoadError {
                file: name.clone(),
                line: None,
                rule: None,
                message: io_reason(&e),
            }])
        })?;
        self.add_source(&name, &text)
    }

    /// Parse and check one pattern file's text; on any error nothing is
    /// added.
    pub fn add_source(
        &mut self,
        file: &str,
        text: &str,
    ) -> Result<(), LoadErrors> {
        self.add_checked(file, text, Check::Compile)
    }

    fn add_checked(
        &mut self,
        file: &str,
        text: &str,
        check: Check,
    ) -> Result<(), LoadErrors> {
        let rules = parse_file(file, text, check)?;
        let mut seen: HashSet<&str> =
            self.rules.iter().map(|r| r.id.as_str()).collect();
        let mut errors = Vec::new();
        for rule in &rules {
            if !seen.insert(rule.id.as_str()) {
                errors.push(LoadError {
                    file: file.to_string(),
                    line: Some(rule.origin.line),
                    rule: Some(rule.id.clone()),
                    message: "duplicate rule id".to_string(),
                });
            }
        }
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
        self.rules.extend(rules);
        self.rules.sort_by_key(|r| std::cmp::Reverse(r.priority));
        Ok(())
    }
}

fn io_reason(e: &std::io::Error) -> String {
    let mut s = e.to_string();
    if let Some(i) = s.find(" (os error") {
        s.truncate(i);
    }
    s.to_lowercase()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    schema: u32,
    family: String,
    #[serde(default, rename = "rule")]
    rules: Vec<toml::Spanned<RuleSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    kind: String,
    #[serde(default)]
    description: String,
    regex: String,
    capture: Option<String>,
    not_after: Option<String>,
    #[serde(default)]
    not_in_field: Vec<String>,
    #[serde(default)]
    not_near: Vec<String>,
    validator: Option<String>,
    #[serde(default)]
    normalize: String,
    #[serde(default)]
    priority: i32,
    confidence: f64,
    #[serde(default)]
    context: Vec<String>,
    context_window: Option<usize>,
    context_boost: Option<f64>,
    #[serde(default = "yes")]
    context_after: bool,
    #[serde(default)]
    context_required: bool,
    #[serde(default)]
    positive: Vec<toml::Spanned<PositiveSpec>>,
    #[serde(default)]
    negative: Vec<toml::Spanned<NegativeSpec>>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PositiveSpec {
    text: String,
    #[serde(rename = "match")]
    expect: Option<String>,
    min_confidence: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NegativeSpec {
    text: String,
}

/// Where the lines of a pattern file start, to name the line of a rule or
/// an example without counting from the top each time (a file holds a
/// hundred rules and five hundred examples).
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Lines {
        Lines(memchr::memchr_iter(b'\n', text.as_bytes()).collect())
    }

    /// The 1-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

/// How much of a rule is checked when it is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Compile its regex (a user's pattern file: errors name the rule).
    Compile,
    /// The built-in catalog: `cargo test` compiles every rule and runs its
    /// examples, so start-up (a pre-commit hook) skips compiling the rules
    /// no engine asks for (rules without a capture group are only asked
    /// for when a candidate is rejected).
    Tested,
}

fn parse_file(
    file: &str,
    text: &str,
    check: Check,
) -> Result<Vec<Rule>, LoadErrors> {
    let spec: FileSpec = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| Lines::of(text).line_of(s.start));
        LoadErrors(vec![LoadError {
            file: file.to_string(),
            line,
            rule: None,
            message: e.message().trim().to_string(),
        }])
    })?;
    if spec.schema != SCHEMA_VERSION {
        return Err(LoadErrors(vec![LoadError {
            file: file.to_string(),
            line: None,
            rule: None,
            message: format!(
                "unsupported schema {} (this version reads {})",
                spec.schema, SCHEMA_VERSION
            ),
        }]));
    }
    let lines = Lines::of(text);
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for spanned in spec.rules {
        let line = lines.line_of(spanned.span().start);
        let origin = Origin { file: file.to_string(), line };
        let spec_rule = spanned.into_inner();
        match check_rule(spec_rule, &spec.family, origin, &lines, check) {
            Ok(rule) => rules.push(rule),
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(LoadErrors(errors))
    }
}

fn check_rule(
    spec: RuleSpec,
    family: &str,
    origin: Origin,
    lines: &Lines,
    check: Check,
) -> Result<Rule, Vec<LoadError>> {
    let mut errors = Vec::new();
    let mut err = |message: String| {
        errors.push(LoadError {
            file: origin.file.clone(),
            line: Some(origin.line),
            rule: Some(spec.id.clone()),
            message,
        })
    };
    let id_ok = !spec.id.is_empty()
        && spec.id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
        });
    if !id_ok {
        err("id must be non-empty kebab-case".to_string());
    }
    let kind = kinds::lookup(&spec.kind);
    if kind.is_none() {
        err(format!("unknown kind {:?}", spec.kind));
    }
    let validator = match &spec.validator {
        None => None,
        Some(name) => match validators::lookup(name) {
            Some(f) => Some((name.clone(), f)),
            None => {
                err(format!("unknown validator {name:?}"));
                None
            }
        },
    };
    for (what, score) in [
        ("confidence", Some(spec.confidence)),
        ("context_boost", spec.context_boost),
    ] {
        if let Some(s) = score {
            if !(0.0..=1.0).contains(&s) {
                err(format!("{what} {s} is outside [0, 1]"));
            }
        }
    }
    let compiled = OnceLock::new();
    if spec.regex.len() > MAX_REGEX_LEN {
        err(format!("regex longer than {MAX_REGEX_LEN} bytes"));
    } else if check == Check::Compile {
        match compile_single(&spec.regex) {
            Ok(re) => {
                if let Some(name) = &spec.capture {
                    if re.group_info().to_index(0.into(), name).is_none() {
                        err(format!("regex has no capture group {name:?}"));
                    }
                }
                let _ = compiled.set(re);
            }
            Err(e) => err(format!("regex does not compile: {e}")),
        }
    }
    let mut not_after_compiled = None;
    if let Some(lb) = &spec.not_after {
        match compile_single(&not_after_regex(lb)) {
            Ok(re) => not_after_compiled = Some(re),
            Err(e) => err(format!("not_after does not compile: {e}")),
        }
    }
    if spec.context_required && spec.context.is_empty() {
        err("context_required is set but context is empty".to_string());
    }
    if spec.context.iter().any(|w| w.trim().is_empty()) {
        err("context words must not be empty".to_string());
    }
    if spec.positive.len() < 2 || spec.negative.len() < 2 {
        err("needs at least 2 positive and 2 negative examples".to_string());
    }
    let mut positives = Vec::new();
    for p in spec.positive {
        let line = lines.line_of(p.span().start);
        let p = p.into_inner();
        if let Some(m) = &p.expect {
            if !p.text.contains(m.as_str()) {
                err(format!(
                    "positive example at line {line}: match is not in text"
                ));
            }
        }
        positives.push(Example {
            text: p.text,
            expect: p.expect,
            min_confidence: p.min_confidence.unwrap_or(DEFAULT_MIN_CONFIDENCE),
            line,
        });
    }
    let negatives = spec
        .negative
        .into_iter()
        .map(|n| {
            let line = lines.line_of(n.span().start);
            Example {
                text: n.into_inner().text,
                expect: None,
                min_confidence: 0.0,
                line,
            }
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rule {
        id: spec.id,
        kind: kind.expect("checked above"),
        description: spec.description,
        regex: spec.regex,
        capture: spec.capture,
        not_after: spec.not_after,
        not_in_field: spec
            .not_in_field
            .iter()
            .map(|w| w.to_ascii_lowercase())
            .collect(),
        not_near: spec.not_near,
        validator,
        normalize: spec.normalize.into_bytes(),
        priority: spec.priority,
        confidence: spec.confidence,
        context: spec.context,
        context_window: spec.context_window.unwrap_or(DEFAULT_CONTEXT_WINDOW),
        context_boost: spec.context_boost.unwrap_or(DEFAULT_CONTEXT_BOOST),
        context_after: spec.context_after,
        context_required: spec.context_required,
        positives,
        negatives,
        family: family.to_string(),
        origin,
        compiled,
        not_after_compiled,
    })
}

/// Regex syntax every rule is compiled with: bytes, ASCII classes, no
/// Unicode word boundaries (the lazy DFA cannot do those on non-ASCII
/// haystacks, STYLE.md 2.7), `^`/`$` match at line ends.
pub fn syntax_config() -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new()
        .unicode(false)
        .utf8(false)
        .multi_line(true)
}

/// Bytes before a match that a `not_after` look-behind may examine.
pub const NOT_AFTER_WINDOW: usize = 48;

/// The regex a rule's `not_after` is checked with: anchored at the end of
/// the bytes before the match.
pub fn not_after_regex(pattern: &str) -> String {
    format!(r"(?:{pattern})\z")
}

impl Rule {
    /// `regex` compiled on its own: for capture groups and for trying
    /// one rule at a place. Compiled once, on first use for the built-in
    /// catalog (whose every rule the test suite compiles).
    pub fn compiled(&self) -> &regex_automata::meta::Regex {
        self.compiled.get_or_init(|| {
            compile_single(&self.regex).unwrap_or_else(|e| {
                panic!("built-in rule {} does not compile: {e}", self.id)
            })
        })
    }
}

/// Compile one rule's regex on its own (used for checks and for the
/// anchored confirm step, which needs capture groups).
pub fn compile_single(
    pattern: &str,
) -> Result<regex_automata::meta::Regex, String> {
    regex_automata::meta::Regex::builder()
        .syntax(syntax_config())
        .configure(
            regex_automata::meta::Config::new()
                .nfa_size_limit(Some(10 << 20))
                .utf8_empty(false),
        )
        .build(pattern)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
schema = 1
family = "test"

[[rule]]
id = "test-digits"
kind = "us_ssn"
regex = '''\b\d{3}-\d{2}-\d{4}\b'''
confidence = 0.9
  [[rule.positive]]
  text = "a 123-45-6789 b"
  match = "123-45-6789"
  [[rule.positive]]
  text = "078-05-1120"
  [[rule.negative]]
  text = "nothing"
  [[rule.negative]]
  text = "12-345-6789"
"#;

    #[test]
    fn builtin_catalog_loads() {
        let c = Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
        assert!(c.rules.len() > 20);
        // Start-up compiles no rule on its own; checked like a user's
        // file, every rule compiles and names capture groups it has.
        let mut checked = Catalog::default();
        for (name, text) in BUILTIN {
            checked.add_source(name, text).unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(checked.rules.len(), c.rules.len());
        assert!(c.rules.iter().all(|r| r.compiled.get().is_none()));
        assert!(checked.rules.iter().all(|r| r.compiled.get().is_some()));
    }

    #[test]
    fn good_file_loads_with_lines() {
        let mut c = Catalog::default();
        c.add_source("t.toml", GOOD).unwrap();
        assert_eq!(c.rules.len(), 1);
        assert_eq!(c.rules[0].origin.line, 5);
        assert_eq!(c.rules[0].positives[0].line, 10);
        assert_eq!(c.rules[0].kind.id, "us_ssn");
    }

    #[test]
    fn errors_name_file_line_and_rule() {
        let bad = GOOD
            .replace("us_ssn", "us_snn")
            .replace(r"\d{4}\b'''", r"\d{4}(\b'''");
        let err = Catalog::default().add_source("t.toml", &bad).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("t.toml:5: rule test-digits: unknown kind"),
            "{msg}"
        );
        assert!(msg.contains("regex does not compile"), "{msg}");
    }

    #[test]
    fn unknown_keys_and_duplicates_are_rejected() {
        let bad =
            GOOD.replace("confidence = 0.9", "confidence = 0.9\nscore = 1");
        let err = Catalog::default().add_source("t.toml", &bad).unwrap_err();
        assert!(err.to_string().contains("unknown field `score`"), "{err}");
        assert!(err.to_string().starts_with("t.toml:"), "{err}");
        let mut c = Catalog::default();
        c.add_source("a.toml", GOOD).unwrap();
        let err = c.add_source("b.toml", GOOD).unwrap_err();
        assert!(err.to_string().contains("duplicate rule id"), "{err}");
    }

    #[test]
    fn out_of_range_scores_and_few_examples_are_rejected() {
        let bad = GOOD.replace("confidence = 0.9", "confidence = 1.5");
        let err = Catalog::default().add_source("t.toml", &bad).unwrap_err();
        assert!(err.to_string().contains("outside [0, 1]"), "{err}");
        let few =
            GOOD.replace("  [[rule.negative]]\n  text = \"nothing\"\n", "");
        let err = Catalog::default().add_source("t.toml", &few).unwrap_err();
        assert!(err.to_string().contains("at least 2"), "{err}");
    }
}
