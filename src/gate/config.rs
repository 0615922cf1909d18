//! `.piiscan.toml`: discovery (walking up from the working directory),
//! parsing with errors that name the file, line and key, and the settings
//! that apply to one path (top-level values, then matching overrides).
//!
//! ```toml
//! kinds = ["email", "phone", "credit_card"]    # default: every kind
//! exclude_kinds = ["ipv4"]
//! min_confidence = 0.6
//! patterns = ["ci/pii-patterns"]               # extra pattern directories
//!
//! [allow]
//! paths = ["tests/golden/**", "*.snap"]        # never scanned
//! values = ['@example\.(com|org)$']            # regexes on the raw value
//! [[allow.fingerprint]]                        # for files without comments
//! path = "tests/data/users.json"
//! kind = "email"
//! fingerprint = "v1:100000:...:..."
//!
//! [gate]
//! baseline = ".piiscan-baseline.json"
//! strict = false
//!
//! [[override]]
//! paths = ["logs/**"]
//! min_confidence = 0.9
//! allow_values = ['^10\.']
//! ```
//!
//! Paths in the file (globs, pattern directories, the baseline) are
//! relative to the directory holding it, which is also the root that
//! baseline and allow paths are written relative to.
//!
//! Must never: accept an unknown key, kind, bad regex, bad glob or a score
//! outside [0, 1] silently, or report an error without file and line.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::fingerprint::Portable;
use crate::catalog::{kinds, DEFAULT_MIN_CONFIDENCE};

/// The file looked for in the working directory and its ancestors.
pub const FILE_NAME: &str = ".piiscan.toml";

/// A configuration error: `{file}:{line}: {message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The config file as found or given.
    pub file: String,
    /// 1-based line (0 when the file could not be read).
    pub line: usize,
    /// What is wrong, naming the key.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = crate::sanitize::for_terminal(&self.file);
        if self.line == 0 {
            write!(f, "{file}: {}", self.message)
        } else {
            write!(f, "{file}:{}: {}", self.line, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    kinds: Option<Vec<Spanned<String>>>,
    exclude_kinds: Option<Vec<Spanned<String>>>,
    min_confidence: Option<Spanned<f64>>,
    patterns: Option<Vec<Spanned<String>>>,
    allow: Option<RawAllow>,
    gate: Option<RawGate>,
    #[serde(rename = "override")]
    overrides: Option<Vec<Spanned<RawOverride>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    paths: Option<Vec<Spanned<String>>>,
    values: Option<Vec<Spanned<String>>>,
    fingerprint: Option<Vec<Spanned<RawFingerprint>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFingerprint {
    path: Spanned<String>,
    kind: Option<Spanned<String>>,
    fingerprint: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGate {
    baseline: Option<Spanned<String>>,
    strict: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    kinds: Option<Vec<Spanned<String>>>,
    exclude_kinds: Option<Vec<Spanned<String>>>,
    min_confidence: Option<Spanned<f64>>,
    allow_values: Option<Vec<Spanned<String>>>,
}

/// A `[[allow.fingerprint]]` entry: one value in one file, allowed.
#[derive(Debug, Clone)]
pub struct FingerprintAllow {
    /// Root-relative path (forward slashes).
    pub path: String,
    /// Only for this kind, when given.
    pub kind: Option<String>,
    /// The parsed `v1:...` string.
    pub fingerprint: Portable,
    /// Line in the config file, for `--report-unused-allows`.
    pub line: usize,
}

/// A `[[override]]`: settings for paths matching its globs.
#[derive(Debug, Clone)]
pub struct Override {
    /// The globs as written.
    pub paths: Vec<String>,
    set: GlobSet,
    /// Replaces `kinds` for matching paths.
    pub kinds: Option<Vec<String>>,
    /// Replaces `exclude_kinds` for matching paths.
    pub exclude_kinds: Option<Vec<String>>,
    /// Replaces `min_confidence` for matching paths.
    pub min_confidence: Option<f64>,
    /// Added to `[allow] values` for matching paths.
    pub allow_values: Vec<String>,
    value_res: Vec<Regex>,
}

/// The resolved configuration (file values, then command-line flags).
#[derive(Debug, Clone)]
pub struct Config {
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// Paths in findings, baselines and globs are relative to this.
    pub root: PathBuf,
    /// Enabled kinds; empty means every kind.
    pub kinds: Vec<String>,
    /// Disabled kinds.
    pub exclude_kinds: Vec<String>,
    /// Minimum confidence; `None` means the catalog default.
    pub min_confidence: Option<f64>,
    /// Extra pattern directories.
    pub patterns: Vec<PathBuf>,
    /// Globs of paths never scanned.
    pub allow_paths: Vec<String>,
    allow_path_set: GlobSet,
    /// Regexes: findings whose raw value matches one are allowed.
    pub allow_values: Vec<String>,
    value_res: Vec<Regex>,
    /// Single values allowed by fingerprint.
    pub fingerprints: Vec<FingerprintAllow>,
    /// The baseline the gate uses by default.
    pub baseline: Option<PathBuf>,
    /// Whether synthetic values fail the gate too.
    pub strict: bool,
    /// Per-path overrides, in file order (later ones win).
    pub overrides: Vec<Override>,
}

/// The settings in force for one path.
#[derive(Debug, Clone)]
pub struct PathSettings<'a> {
    kinds: &'a [String],
    exclude: &'a [String],
    min_confidence: f64,
    values: Vec<&'a Regex>,
}

impl PathSettings<'_> {
    /// Whether findings of `kind` count in this path.
    pub fn kind_enabled(&self, kind: &str) -> bool {
        (self.kinds.is_empty() || self.kinds.iter().any(|k| k == kind))
            && !self.exclude.iter().any(|k| k == kind)
    }

    /// Whether a finding of `kind` scoring `confidence` is below the bar.
    pub fn below_threshold(&self, confidence: f64) -> bool {
        confidence < self.min_confidence
    }

    /// Whether `raw` matches an allowed-value regex.
    pub fn value_allowed(&self, raw: &[u8]) -> bool {
        if self.values.is_empty() {
            return false;
        }
        let text = String::from_utf8_lossy(raw);
        self.values.iter().any(|re| re.is_match(&text))
    }
}

/// What the engine must find so that every path's settings can be applied
/// afterwards (the union over the top level and all overrides).
#[derive(Debug, Clone, PartialEq)]
pub struct EngineSelection {
    /// Only these kinds (empty: all).
    pub only: Vec<String>,
    /// Never these kinds.
    pub exclude: Vec<String>,
    /// The lowest threshold in force anywhere.
    pub min_confidence: f64,
}

impl Config {
    /// The configuration for `cwd`: the nearest `.piiscan.toml` in it or an
    /// ancestor, else defaults rooted at the nearest git work tree (or
    /// `cwd`).
    pub fn discover(cwd: &Path) -> Result<Config, ConfigError> {
        for dir in cwd.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
        }
        Ok(Config::none(cwd))
    }

    /// Defaults: no file; the root is the nearest ancestor of `cwd` holding
    /// `.git`, else `cwd`.
    pub fn none(cwd: &Path) -> Config {
        let root = cwd
            .ancestors()
            .find(|d| d.join(".git").exists())
            .unwrap_or(cwd)
            .to_path_buf();
        Config {
            file: None,
            root,
            kinds: Vec::new(),
            exclude_kinds: Vec::new(),
            min_confidence: None,
            patterns: Vec::new(),
            allow_paths: Vec::new(),
            allow_path_set: GlobSet::empty(),
            allow_values: Vec::new(),
            value_res: Vec::new(),
            fingerprints: Vec::new(),
            baseline: None,
            strict: false,
            overrides: Vec::new(),
        }
    }

    /// Read and check one config file.
    pub fn load(file: &Path) -> Result<Config, ConfigError> {
        let shown = file.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file).map_err(|e| ConfigError {
            file: shown.clone(),
            line: 0,
            message: crate::input::io_reason(&e),
        })?;
        let dir = file.parent().filter(|p| !p.as_os_str().is_empty());
        let root = match dir {
            Some(d) => std::fs::canonicalize(d).unwrap_or_else(|_| d.into()),
            None => std::env::current_dir()
                .and_then(std::fs::canonicalize)
                .unwrap_or_else(|_| PathBuf::from(".")),
        };
        let mut config = Config::parse(&text, &shown, &root)?;
        config.file = Some(file.to_path_buf());
        Ok(config)
    }

    /// Parse config `text` (shown as `file` in errors) rooted at `root`.
    pub fn parse(
        text: &str,
        file: &str,
        root: &Path,
    ) -> Result<Config, ConfigError> {
        let err =
            |span: std::ops::Range<usize>, message: String| ConfigError {
                file: file.to_string(),
                line: line_of(text, span.start),
                message,
            };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            err(span.clone(), toml_message(text, span.start, e.message()))
        })?;
        let mut c = Config::none(root);
        c.root = root.to_path_buf();
        if let Some(list) = &raw.kinds {
            c.kinds =
                check_kinds(list, "kinds").map_err(|(s, m)| err(s, m))?;
        }
        if let Some(list) = &raw.exclude_kinds {
            c.exclude_kinds = check_kinds(list, "exclude_kinds")
                .map_err(|(s, m)| err(s, m))?;
        }
        if let Some(v) = &raw.min_confidence {
            c.min_confidence = Some(
                check_confidence(v, "min_confidence")
                    .map_err(|(s, m)| err(s, m))?,
            );
        }
        for dir in raw.patterns.iter().flatten() {
            if dir.get_ref().is_empty() {
                return Err(err(dir.span(), "`patterns`: empty path".into()));
            }
            c.patterns.push(root.join(dir.get_ref()));
        }
        if let Some(allow) = &raw.allow {
            let paths = allow.paths.as_deref().unwrap_or(&[]);
            c.allow_path_set =
                compile_globs(paths, "paths").map_err(|(s, m)| err(s, m))?;
            c.allow_paths =
                paths.iter().map(|p| p.get_ref().clone()).collect();
            let values = allow.values.as_deref().unwrap_or(&[]);
            c.value_res = compile_regexes(values, "values")
                .map_err(|(s, m)| err(s, m))?;
            c.allow_values =
                values.iter().map(|v| v.get_ref().clone()).collect();
            for entry in allow.fingerprint.iter().flatten() {
                let line = line_of(text, entry.span().start);
                let e = entry.get_ref();
                let path = clean_rel(e.path.get_ref());
                if path.is_empty() {
                    return Err(err(
                        e.path.span(),
                        "`path`: must name a file".into(),
                    ));
                }
                let kind = match &e.kind {
                    Some(k) => Some(
                        check_kinds(std::slice::from_ref(k), "kind")
                            .map_err(|(s, m)| err(s, m))?
                            .remove(0),
                    ),
                    None => None,
                };
                let fingerprint = Portable::parse(e.fingerprint.get_ref())
                    .map_err(|m| {
                        err(
                            e.fingerprint.span(),
                            format!("`fingerprint`: {m}"),
                        )
                    })?;
                c.fingerprints.push(FingerprintAllow {
                    path,
                    kind,
                    fingerprint,
                    line,
                });
            }
        }
        if let Some(gate) = &raw.gate {
            if let Some(b) = &gate.baseline {
                if b.get_ref().is_empty() {
                    return Err(err(
                        b.span(),
                        "`baseline`: empty path".into(),
                    ));
                }
                c.baseline = Some(root.join(b.get_ref()));
            }
            c.strict = gate.strict.unwrap_or(false);
        }
        for o in raw.overrides.iter().flatten() {
            let raw_o = o.get_ref();
            if raw_o.paths.is_empty() {
                return Err(err(
                    o.span(),
                    "`paths`: an override needs at least one glob".into(),
                ));
            }
            let kinds = match &raw_o.kinds {
                Some(l) => {
                    Some(check_kinds(l, "kinds").map_err(|(s, m)| err(s, m))?)
                }
                None => None,
            };
            let exclude_kinds = match &raw_o.exclude_kinds {
                Some(l) => Some(
                    check_kinds(l, "exclude_kinds")
                        .map_err(|(s, m)| err(s, m))?,
                ),
                None => None,
            };
            let min_confidence = match &raw_o.min_confidence {
                Some(v) => Some(
                    check_confidence(v, "min_confidence")
                        .map_err(|(s, m)| err(s, m))?,
                ),
                None => None,
            };
            let values = raw_o.allow_values.as_deref().unwrap_or(&[]);
            c.overrides.push(Override {
                paths: raw_o
                    .paths
                    .iter()
                    .map(|p| p.get_ref().clone())
                    .collect(),
                set: compile_globs(&raw_o.paths, "paths")
                    .map_err(|(s, m)| err(s, m))?,
                kinds,
                exclude_kinds,
                min_confidence,
                allow_values: values
                    .iter()
                    .map(|v| v.get_ref().clone())
                    .collect(),
                value_res: compile_regexes(values, "allow_values")
                    .map_err(|(s, m)| err(s, m))?,
            });
        }
        Ok(c)
    }

    /// Apply command-line flags: `--only` replaces `kinds` (and lifts the
    /// file's exclusion of the kinds it names),
    /// `--exclude-kinds` adds to `exclude_kinds`, `--min-confidence`
    /// replaces `min_confidence`, `--patterns` adds directories. Kinds must
    /// already be checked.
    pub fn apply_flags(
        &mut self,
        only: &[String],
        exclude: &[String],
        min_confidence: Option<f64>,
        patterns: &[PathBuf],
    ) {
        if !only.is_empty() {
            // Asking for a kind by name overrides the file's exclusion.
            self.exclude_kinds.retain(|k| !only.contains(k));
            self.kinds = only.to_vec();
        }
        for k in exclude {
            if !self.exclude_kinds.contains(k) {
                self.exclude_kinds.push(k.clone());
            }
        }
        if min_confidence.is_some() {
            self.min_confidence = min_confidence;
        }
        self.patterns.extend(patterns.iter().cloned());
    }

    /// Whether `rel` (root-relative) is never scanned (`[allow] paths`).
    pub fn path_allowed(&self, rel: &str) -> bool {
        !self.allow_paths.is_empty() && self.allow_path_set.is_match(rel)
    }

    /// The settings in force for root-relative `rel`.
    pub fn settings(&self, rel: &str) -> PathSettings<'_> {
        let mut s = PathSettings {
            kinds: &self.kinds,
            exclude: &self.exclude_kinds,
            min_confidence: self
                .min_confidence
                .unwrap_or(DEFAULT_MIN_CONFIDENCE),
            values: self.value_res.iter().collect(),
        };
        for o in &self.overrides {
            if !o.set.is_match(rel) {
                continue;
            }
            if let Some(k) = &o.kinds {
                s.kinds = k;
            }
            if let Some(k) = &o.exclude_kinds {
                s.exclude = k;
            }
            if let Some(m) = o.min_confidence {
                s.min_confidence = m;
            }
            s.values.extend(o.value_res.iter());
        }
        s
    }

    /// What the engine must look for so per-path settings can be applied
    /// to its matches.
    pub fn engine_selection(&self) -> EngineSelection {
        let touches_kinds = self
            .overrides
            .iter()
            .any(|o| o.kinds.is_some() || o.exclude_kinds.is_some());
        let min_confidence = self
            .overrides
            .iter()
            .filter_map(|o| o.min_confidence)
            .chain([self.min_confidence.unwrap_or(DEFAULT_MIN_CONFIDENCE)])
            .fold(1.0, f64::min);
        if touches_kinds {
            EngineSelection {
                only: Vec::new(),
                exclude: Vec::new(),
                min_confidence,
            }
        } else {
            EngineSelection {
                only: self.kinds.clone(),
                exclude: self.exclude_kinds.clone(),
                min_confidence,
            }
        }
    }

    /// The effective configuration as TOML, for `--print-config`.
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        struct Shown<'a> {
            kinds: &'a [String],
            exclude_kinds: &'a [String],
            min_confidence: f64,
            patterns: Vec<String>,
            allow: ShownAllow<'a>,
            gate: ShownGate,
            #[serde(
                rename = "override",
                skip_serializing_if = "Vec::is_empty"
            )]
            overrides: Vec<ShownOverride<'a>>,
        }
        #[derive(Serialize)]
        struct ShownAllow<'a> {
            paths: &'a [String],
            values: &'a [String],
            fingerprint: Vec<ShownFingerprint<'a>>,
        }
        #[derive(Serialize)]
        struct ShownFingerprint<'a> {
            path: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            kind: Option<&'a str>,
            fingerprint: String,
        }
        #[derive(Serialize)]
        struct ShownGate {
            #[serde(skip_serializing_if = "Option::is_none")]
            baseline: Option<String>,
            strict: bool,
        }
        #[derive(Serialize)]
        struct ShownOverride<'a> {
            paths: &'a [String],
            #[serde(skip_serializing_if = "Option::is_none")]
            kinds: Option<&'a [String]>,
            #[serde(skip_serializing_if = "Option::is_none")]
            exclude_kinds: Option<&'a [String]>,
            #[serde(skip_serializing_if = "Option::is_none")]
            min_confidence: Option<f64>,
            allow_values: &'a [String],
        }
        let shown = Shown {
            kinds: &self.kinds,
            exclude_kinds: &self.exclude_kinds,
            min_confidence: self
                .min_confidence
                .unwrap_or(DEFAULT_MIN_CONFIDENCE),
            patterns: self
                .patterns
                .iter()
                .map(|p| self.show_path(p))
                .collect(),
            allow: ShownAllow {
                paths: &self.allow_paths,
                values: &self.allow_values,
                fingerprint: self
                    .fingerprints
                    .iter()
                    .map(|f| ShownFingerprint {
                        path: &f.path,
                        kind: f.kind.as_deref(),
                        fingerprint: format!(
                            "{}:{}:{}:{}",
                            if f.fingerprint.keyed { "v1k" } else { "v1" },
                            f.fingerprint.iterations,
                            hex::encode(&f.fingerprint.salt),
                            f.fingerprint.fingerprint.to_hex()
                        ),
                    })
                    .collect(),
            },
            gate: ShownGate {
                baseline: self.baseline.as_deref().map(|p| self.show_path(p)),
                strict: self.strict,
            },
            overrides: self
                .overrides
                .iter()
                .map(|o| ShownOverride {
                    paths: &o.paths,
                    kinds: o.kinds.as_deref(),
                    exclude_kinds: o.exclude_kinds.as_deref(),
                    min_confidence: o.min_confidence,
                    allow_values: &o.allow_values,
                })
                .collect(),
        };
        let mut out = String::from("# piiscan effective configuration\n");
        match &self.file {
            Some(f) => out.push_str(&format!(
                "# config file: {}\n",
                crate::sanitize::for_terminal(&f.to_string_lossy())
            )),
            None => out.push_str("# config file: none (defaults)\n"),
        }
        out.push_str(&format!(
            "# paths are relative to: {}\n",
            crate::sanitize::for_terminal(&self.root.to_string_lossy())
        ));
        match toml::to_string_pretty(&shown) {
            Ok(body) => out.push_str(&body),
            Err(e) => out.push_str(&format!("# cannot render: {e}\n")),
        }
        out
    }

    /// A path for display: relative to the root when under it.
    fn show_path(&self, p: &Path) -> String {
        p.strip_prefix(&self.root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

/// `a/./b`, `/a/b`, `a\b` to `a/b` (root-relative paths as written).
fn clean_rel(p: &str) -> String {
    let p = p.replace('\\', "/");
    let parts: Vec<&str> =
        p.split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    parts.join("/")
}

/// Lexically normalize `p` (drop `.`, resolve `..`), keeping it absolute.
pub fn normalize_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The key assigned on the line holding `offset` (or the nearest line
/// above it inside the same table), for messages about values.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[..start];
    let mut lines = vec![text[start..].lines().next().unwrap_or("")];
    lines.extend(before.lines().rev().take(200));
    for line in lines {
        let t = line.trim();
        if t.starts_with('[') && !t.contains('=') {
            return None;
        }
        if let Some((k, _)) = t.split_once('=') {
            let k = k.trim().trim_matches('"').trim_matches('\'');
            let bare = !k.is_empty()
                && k.chars().all(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
                });
            if bare {
                return Some(k.to_string());
            }
        }
    }
    None
}

/// The toml crate's message, worded as piiscan's: "unknown key", and the
/// key named for bad values.
fn toml_message(text: &str, offset: usize, message: &str) -> String {
    let message = message.trim().replace('\n', "; ");
    if let Some(rest) = message.strip_prefix("unknown field") {
        return format!("unknown key{rest}");
    }
    if let Some(rest) = message.strip_prefix("missing field") {
        return format!("missing key{rest}");
    }
    if message.starts_with("invalid type")
        || message.starts_with("invalid value")
    {
        if let Some(key) = key_at(text, offset) {
            return format!("`{key}`: {message}");
        }
    }
    message
}

type SpanError = (std::ops::Range<usize>, String);

fn check_kinds(
    list: &[Spanned<String>],
    key: &str,
) -> Result<Vec<String>, SpanError> {
    let mut out = Vec::new();
    for k in list {
        if kinds::lookup(k.get_ref()).is_none() {
            return Err((
                k.span(),
                format!(
                    "`{key}`: unknown kind {:?} (see `piiscan patterns list`)",
                    k.get_ref()
                ),
            ));
        }
        if !out.contains(k.get_ref()) {
            out.push(k.get_ref().clone());
        }
    }
    Ok(out)
}

fn check_confidence(v: &Spanned<f64>, key: &str) -> Result<f64, SpanError> {
    let x = *v.get_ref();
    if !(0.0..=1.0).contains(&x) {
        return Err((
            v.span(),
            format!("`{key}`: must be between 0 and 1 (got {x})"),
        ));
    }
    Ok(x)
}

fn compile_regexes(
    list: &[Spanned<String>],
    key: &str,
) -> Result<Vec<Regex>, SpanError> {
    list.iter()
        .map(|v| {
            Regex::new(v.get_ref()).map_err(|e| {
                let detail = e.to_string().replace('\n', " ");
                let detail =
                    detail.split_whitespace().collect::<Vec<_>>().join(" ");
                (v.span(), format!("`{key}`: invalid regex: {detail}"))
            })
        })
        .collect()
}

/// Globs with gitignore-like conveniences: a pattern without `/` matches
/// the file name at any depth, a leading `/` anchors at the root, and a
/// directory pattern covers everything below it.
fn compile_globs(
    list: &[Spanned<String>],
    key: &str,
) -> Result<GlobSet, SpanError> {
    let mut b = GlobSetBuilder::new();
    for g in list {
        let raw = g.get_ref().trim();
        if raw.is_empty() {
            return Err((g.span(), format!("`{key}`: empty glob")));
        }
        let anchored = raw.strip_prefix('/');
        let body = anchored.unwrap_or(raw).trim_end_matches('/');
        let pattern = if anchored.is_none() && !body.contains('/') {
            format!("**/{body}")
        } else {
            body.to_string()
        };
        for p in [pattern.clone(), format!("{pattern}/**")] {
            let glob = GlobBuilder::new(&p)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    (
                        g.span(),
                        format!("`{key}`: invalid glob {raw:?}: {}", e.kind()),
                    )
                })?;
            b.add(glob);
        }
    }
    b.build().map_err(|e| {
        (list.first().map_or(0..0, |g| g.span()), format!("`{key}`: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, ".piiscan.toml", Path::new("/repo"))
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn full_config_parses() {
        let c = parse(
            r#"
kinds = ["email", "phone", "us_ssn"]
exclude_kinds = ["ipv4"]
min_confidence = 0.6
patterns = ["ci/patterns"]

[allow]
paths = ["tests/golden/**", "*.snap", "/docs"]
values = ['@example\.(com|org)$']

[[allow.fingerprint]]
path = "./tests/data/users.json"
kind = "email"
fingerprint = "v1:100000:00112233445566778899aabbccddeeff:00112233445566778899aabbccddeeff"

[gate]
baseline = ".piiscan-baseline.json"
strict = true

[[override]]
paths = ["logs/**"]
min_confidence = 0.9
kinds = ["email"]
allow_values = ['^10\.']
"#,
        )
        .unwrap();
        assert_eq!(c.kinds, ["email", "phone", "us_ssn"]);
        assert_eq!(c.patterns, [PathBuf::from("/repo/ci/patterns")]);
        assert_eq!(
            c.baseline,
            Some(PathBuf::from("/repo/.piiscan-baseline.json"))
        );
        assert!(c.strict);
        assert_eq!(c.fingerprints[0].path, "tests/data/users.json");
        assert_eq!(c.fingerprints[0].line, 11);
        assert!(c.path_allowed("tests/golden/a/b.json"));
        assert!(c.path_allowed("src/deep/x.snap"));
        assert!(c.path_allowed("docs/guide/x.md"));
        assert!(!c.path_allowed("src/docs/x.md"));
        assert!(!c.path_allowed("tests/data/users.json"));

        let s = c.settings("src/a.txt");
        assert!(s.kind_enabled("phone") && !s.kind_enabled("ipv4"));
        assert!(s.below_threshold(0.55) && !s.below_threshold(0.6));
        assert!(s.value_allowed(b"jane@example.com"));
        assert!(!s.value_allowed(b"10.1.2.3"));
        let logs = c.settings("logs/app.log");
        assert!(!logs.kind_enabled("phone") && logs.kind_enabled("email"));
        assert!(logs.below_threshold(0.8));
        assert!(logs.value_allowed(b"10.1.2.3"));

        // An override changes kinds: the engine must find every kind.
        let sel = c.engine_selection();
        assert!(sel.only.is_empty());
        assert_eq!(sel.min_confidence, 0.6);
        assert!(c.to_toml().contains("strict = true"));
    }

    #[test]
    fn errors_name_the_key_and_line() {
        assert_eq!(
            error("kinds = [\"email\"]\nfoo = 1\n"),
            ".piiscan.toml:2: unknown key `foo`, expected one of `kinds`, \
             `exclude_kinds`, `min_confidence`, `patterns`, `allow`, `gate`, \
             `override`"
        );
        assert!(error("[allow]\n\npathz = []\n")
            .starts_with(".piiscan.toml:3: unknown key `pathz`"));
        assert!(error("[[override]]\npaths = ['a']\nmin_confidnce = 1\n")
            .starts_with(".piiscan.toml:3: unknown key `min_confidnce`"));
        assert_eq!(
            error("min_confidence = 1.5\n"),
            ".piiscan.toml:1: `min_confidence`: must be between 0 and 1 (got 1.5)"
        );
        assert_eq!(
            error("min_confidence = \"high\"\n"),
            ".piiscan.toml:1: `min_confidence`: invalid type: string \"high\", \
             expected f64"
        );
        assert!(error("kinds = [\n  'email',\n  'emial',\n]\n")
            .starts_with(".piiscan.toml:3: `kinds`: unknown kind \"emial\""));
        assert!(error("[allow]\nvalues = ['(']\n")
            .starts_with(".piiscan.toml:2: `values`: invalid regex"));
        assert!(error("[allow]\npaths = ['a[']\n")
            .starts_with(".piiscan.toml:2: `paths`: invalid glob"));
        assert!(error("[gate]\nstrict = 'yes'\n")
            .starts_with(".piiscan.toml:2: `strict`: invalid type"));
        assert!(error(
            "[[allow.fingerprint]]\npath = 'a'\nfingerprint = 'abc'\n"
        )
        .starts_with(".piiscan.toml:3: `fingerprint`: expected v1:"));
        assert!(error("[[override]]\nkinds = ['email']\n")
            .starts_with(".piiscan.toml:1: missing key `paths`"));
        assert!(error("kinds = [\n").starts_with(".piiscan.toml:2: "));
    }

    #[test]
    fn flags_override_the_file() {
        let mut c =
            parse("kinds = ['email']\nexclude_kinds = ['ipv4']\n").unwrap();
        c.apply_flags(&["phone".into()], &["ipv6".into()], Some(0.9), &[]);
        assert_eq!(c.kinds, ["phone"]);
        assert_eq!(c.exclude_kinds, ["ipv4", "ipv6"]);
        let sel = c.engine_selection();
        assert_eq!(sel.only, ["phone"]);
        assert_eq!(sel.min_confidence, 0.9);
        c.apply_flags(&["ipv4".into()], &[], None, &[]);
        assert_eq!(c.exclude_kinds, ["ipv6"]);
    }

    #[test]
    fn paths_normalize() {
        assert_eq!(clean_rel("./a//b/./c"), "a/b/c");
        assert_eq!(
            normalize_path(Path::new("/r/./a/../b")),
            PathBuf::from("/r/b")
        );
    }
}
