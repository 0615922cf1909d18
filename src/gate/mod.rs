//! The CI gate: which findings a scan reports, and which it lets through
//! because they were reviewed already.
//!
//! - [`config`]: `.piiscan.toml` (kinds, confidence, allowed paths and
//!   values, per-path overrides, fingerprint allows, gate defaults);
//! - [`allow`]: inline `piiscan:allow` comments;
//! - [`baseline`] / [`fingerprint`]: the baseline file and its salted,
//!   slow fingerprints;
//! - [`git`]: `--staged` / `--since` scope.
//!
//! The scan pipeline (`crate::scan`) asks a [`Gate`] whether to read a
//! path at all, then feeds one [`InputGate`] per input with each finding
//! (and its raw value) and each allow marker; at the end of the input the
//! `InputGate` returns the findings to report and an [`InputTally`], which
//! the pipeline merges, in input order, into a [`Tally`]. Every decision
//! depends on one input only, so the output stays identical whatever the
//! thread count.
//!
//! Filters, in order: the path's settings (kind, confidence, allowed
//! value) apply to every scan that has a config; then, only in a gated
//! scan: the diff scope, inline allows, fingerprint allows, synthetic
//! values (unless strict) and the baseline.
//!
//! Must never: keep a raw value beyond the input it came from, drop a
//! finding without counting why, or let one input's state leak into
//! another's decisions.

pub mod allow;
pub mod baseline;
pub mod config;
pub mod fingerprint;
pub mod git;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::finding::Finding;
use allow::{Allows, Marker};
use baseline::{Baseline, Entry};
use config::{Config, PathSettings};
use fingerprint::{Fingerprint, Kdf};

/// Why a finding was not reported (keys of [`Tally::counts`]).
pub mod reason {
    /// The path's settings disable the kind.
    pub const KIND: &str = "kind disabled";
    /// Below the path's minimum confidence.
    pub const CONFIDENCE: &str = "below min_confidence";
    /// The value matches an allowed-value regex.
    pub const VALUE: &str = "allowed value";
    /// Not on a line the diff scope covers.
    pub const OUTSIDE_DIFF: &str = "outside the diff";
    /// A `piiscan:allow` comment.
    pub const INLINE: &str = "inline allow";
    /// A `[[allow.fingerprint]]` entry.
    pub const FINGERPRINT: &str = "fingerprint allow";
    /// A synthetic value (the gate is not strict).
    pub const SYNTHETIC: &str = "synthetic";
    /// In the baseline.
    pub const BASELINE: &str = "baseline";
}

/// How the gate behaves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mode {
    /// Gated scan: inline allows, fingerprint allows, baseline and the
    /// synthetic rule apply. Off, only the config's settings apply.
    pub gated: bool,
    /// Synthetic values fail the gate too.
    pub strict: bool,
    /// Track use of every allow and baseline entry (update, report unused).
    pub accounting: bool,
}

/// A resolved gate for one run.
#[derive(Debug)]
pub struct Gate {
    config: Config,
    cwd: PathBuf,
    mode: Mode,
    baseline: Option<Baseline>,
    /// Parameters of every derivation in use (deduplicated).
    kdfs: Vec<Kdf>,
    baseline_kdf: Option<usize>,
    collect_kdf: Option<usize>,
    /// Fingerprint allows: (kdf index), by path.
    fp_kdf: Vec<usize>,
    fp_by_path: HashMap<String, Vec<usize>>,
    scope: Option<HashMap<String, git::Changed>>,
    /// piiscan's own files (config, baselines): never scanned.
    own_files: HashSet<PathBuf>,
}

impl Gate {
    /// A gate over `config` for a run from `cwd`. `baseline` is the
    /// baseline in force (gated scans); with `collect`, reported findings
    /// get fingerprints with these parameters (to write a baseline); `scope` maps displayed paths to the
    /// lines that count; `key` is `PIISCAN_BASELINE_KEY`.
    pub fn new(
        config: Config,
        cwd: &Path,
        mode: Mode,
        baseline: Option<Baseline>,
        collect: Option<Kdf>,
        scope: Option<HashMap<String, git::Changed>>,
        key: Option<Vec<u8>>,
    ) -> Result<Gate, String> {
        let mut kdfs: Vec<Kdf> = Vec::new();
        let mut index_of = |k: Kdf| match kdfs.iter().position(|x| *x == k) {
            Some(i) => i,
            None => {
                kdfs.push(k);
                kdfs.len() - 1
            }
        };
        let baseline_kdf =
            baseline.as_ref().map(|b| index_of(b.kdf().clone()));
        let collect_kdf = collect.map(&mut index_of);
        let mut fp_kdf = Vec::new();
        let mut fp_by_path: HashMap<String, Vec<usize>> = HashMap::new();
        // Fingerprint allows only apply in gated scans.
        let allows = if mode.gated { &config.fingerprints[..] } else { &[] };
        for (i, f) in allows.iter().enumerate() {
            let p = &f.fingerprint;
            let key = match (p.keyed, &key) {
                (true, None) => {
                    return Err(format!(
                        "{}:{}: this fingerprint needs {}",
                        config
                            .file
                            .as_deref()
                            .map_or("config".into(), |f| f.to_string_lossy()),
                        f.line,
                        fingerprint::KEY_ENV
                    ))
                }
                (true, Some(k)) => Some(k.clone()),
                (false, _) => None,
            };
            let kdf =
                Kdf::new(p.iterations, p.salt.clone(), key).map_err(|e| {
                    format!("fingerprint allow on line {}: {e}", f.line)
                })?;
            fp_kdf.push(index_of(kdf));
            fp_by_path.entry(f.path.clone()).or_default().push(i);
        }
        let cwd =
            std::fs::canonicalize(cwd).unwrap_or_else(|_| cwd.to_path_buf());
        let own = config.file.clone();
        let mut gate = Gate {
            config,
            cwd,
            mode,
            baseline,
            kdfs,
            baseline_kdf,
            collect_kdf,
            fp_kdf,
            fp_by_path,
            scope,
            own_files: HashSet::new(),
        };
        if let Some(file) = own {
            gate.exclude_file(&file);
        }
        Ok(gate)
    }

    /// Never scan `path` (a baseline or config file).
    pub fn exclude_file(&mut self, path: &Path) {
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.cwd.join(path)
        };
        let canonical = std::fs::canonicalize(&abs)
            .unwrap_or_else(|_| config::normalize_path(&abs));
        self.own_files.insert(canonical);
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The mode.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The baseline in force, if any.
    pub fn baseline(&self) -> Option<&Baseline> {
        self.baseline.as_ref()
    }

    /// `display` (as findings show it) relative to the config root, with
    /// forward slashes; `-` stays `-`; paths outside the root stay
    /// absolute.
    pub fn rel_path(&self, display: &str) -> String {
        if display == "-" {
            return display.to_string();
        }
        let p = Path::new(display);
        let abs =
            if p.is_absolute() { p.to_path_buf() } else { self.cwd.join(p) };
        let norm = config::normalize_path(&abs);
        let rel = norm.strip_prefix(&self.config.root).unwrap_or(&norm);
        let s = rel.to_string_lossy();
        if std::path::MAIN_SEPARATOR == '/' {
            s.into_owned()
        } else {
            s.replace(std::path::MAIN_SEPARATOR, "/")
        }
    }

    /// Why the input shown as `display` is not read at all, if it is not:
    /// `allowed_path` (`[allow] paths`) or `piiscan_file` (the config or a
    /// baseline, whose hex fingerprints must not be taken for personal
    /// data).
    pub fn skips(&self, display: &str) -> Option<&'static str> {
        let own_name = Path::new(display).file_name().is_some_and(|n| {
            self.own_files.iter().any(|f| f.file_name() == Some(n))
        });
        if own_name && display != "-" {
            let abs = config::normalize_path(&self.cwd.join(display));
            let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
            if self.own_files.contains(&abs) {
                return Some("piiscan_file");
            }
        }
        self.config
            .path_allowed(&self.rel_path(display))
            .then_some("allowed_path")
    }

    /// Start filtering the findings of the input shown as `display`.
    pub fn input(&self, display: &str) -> InputGate<'_> {
        let rel = self.rel_path(display);
        let settings = self.config.settings(&rel);
        let changed = self.scope.as_ref().map(|s| s.get(display));
        InputGate {
            gate: self,
            display: display.to_string(),
            settings,
            changed,
            rel,
            pending: Vec::new(),
            markers: Vec::new(),
            counts: BTreeMap::new(),
        }
    }

    fn needs_value(&self, rel: &str, kind: &str) -> bool {
        self.mode.gated
            && (self.collect_kdf.is_some()
                || self.baseline.as_ref().is_some_and(|b| b.has(rel, kind))
                || self.fp_by_path.contains_key(rel))
    }

    fn kind_enabled(&self, rel: &str, kind: &str) -> bool {
        self.config.settings(rel).kind_enabled(kind)
    }

    /// Whether an entry for `rel` no longer matches anything: its file was
    /// scanned completely with its kind enabled and nothing matched, or
    /// the file is gone.
    fn vanished(
        &self,
        rel: &str,
        kind: &str,
        used: bool,
        tally: &Tally,
    ) -> bool {
        if used || rel == "-" {
            return false;
        }
        let gone = !self.config.root.join(rel).exists();
        gone || (tally.scanned.contains(rel) && self.kind_enabled(rel, kind))
    }

    /// The baseline after `--update-baseline`: entries still matching (or
    /// outside what this run looked at) plus the new findings.
    pub fn updated_baseline(&self, tally: &Tally) -> Option<Baseline> {
        let b = self.baseline.as_ref()?;
        let kept = b.entries().iter().enumerate().filter_map(|(i, e)| {
            let used = tally.baseline_used.contains(&i);
            (!self.vanished(&e.path, &e.kind, used, tally)).then(|| e.clone())
        });
        let new = tally.new_entries.iter().map(|n| n.entry.clone());
        Some(b.with_entries(kept.chain(new)))
    }

    /// What `--update-baseline` changes: (added, dropped, kept).
    pub fn baseline_changes(&self, tally: &Tally) -> (usize, usize, usize) {
        let Some(b) = &self.baseline else { return (0, 0, 0) };
        let dropped = b
            .entries()
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                self.vanished(
                    &e.path,
                    &e.kind,
                    tally.baseline_used.contains(i),
                    tally,
                )
            })
            .count();
        let added: BTreeSet<&Entry> =
            tally.new_entries.iter().map(|n| &n.entry).collect();
        (added.len(), dropped, b.entries().len() - dropped)
    }

    /// Allows and baseline entries that silenced nothing in this run, one
    /// line each, for `--report-unused-allows`.
    pub fn unused(&self, tally: &Tally) -> Vec<String> {
        let esc = |s: &str| crate::sanitize::for_terminal(s).into_owned();
        let mut out: Vec<String> = tally
            .unused_allows
            .iter()
            .map(|(path, line, what)| {
                format!("{}:{line}: unused {what}", esc(path))
            })
            .collect();
        let config_file = self.config.file.as_deref().map_or_else(
            || "config".to_string(),
            |f| esc(&f.to_string_lossy()),
        );
        for (i, f) in self.config.fingerprints.iter().enumerate() {
            let kind = f.kind.as_deref().unwrap_or("*");
            if self.vanished(
                &f.path,
                kind,
                tally.fingerprint_used.contains(&i),
                tally,
            ) {
                out.push(format!(
                    "{config_file}:{}: unused fingerprint allow for {}",
                    f.line,
                    esc(&f.path)
                ));
            }
        }
        if let Some(b) = &self.baseline {
            for (i, e) in b.entries().iter().enumerate() {
                if self.vanished(
                    &e.path,
                    &e.kind,
                    tally.baseline_used.contains(&i),
                    tally,
                ) {
                    out.push(format!(
                        "baseline: unused entry {} {} {}",
                        esc(&e.path),
                        e.kind,
                        &e.fingerprint[..12]
                    ));
                }
            }
        }
        out
    }

    /// The parameters new fingerprints were derived with.
    pub fn collect_kdf(&self) -> Option<&Kdf> {
        self.collect_kdf.map(|i| &self.kdfs[i])
    }
}

/// A finding waiting for the end of its input (allow markers may follow
/// it), with the normalized value when a fingerprint may be needed.
struct Pending {
    finding: Finding,
    value: Option<Vec<u8>>,
}

/// The gate's state for one input.
pub struct InputGate<'g> {
    gate: &'g Gate,
    display: String,
    rel: String,
    settings: PathSettings<'g>,
    /// `Some(None)`: scoped run, and this input has no changed lines.
    changed: Option<Option<&'g git::Changed>>,
    pending: Vec<Pending>,
    markers: Vec<Marker>,
    counts: BTreeMap<&'static str, u64>,
}

/// The baseline entry for a reported finding (when collecting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The baseline entry.
    pub entry: Entry,
    /// Line of (the first) finding it came from.
    pub line: u64,
    /// The self-describing form for a config `[[allow.fingerprint]]`.
    pub portable: String,
}

/// What one input contributed to the run's [`Tally`].
#[derive(Debug, Clone, Default)]
pub struct InputTally {
    rel: String,
    complete: bool,
    counts: BTreeMap<&'static str, u64>,
    baseline_used: Vec<usize>,
    fingerprint_used: Vec<usize>,
    unused_allows: Vec<(String, u64, String)>,
    new_entries: Vec<NewEntry>,
}

/// Run-wide gate results.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Findings not reported, by reason (see [`reason`]).
    pub counts: BTreeMap<&'static str, u64>,
    /// Inputs not read, by reason (see [`Gate::skips`]).
    pub skipped: BTreeMap<&'static str, u64>,
    /// Baseline entries that matched a finding.
    pub baseline_used: HashSet<usize>,
    /// Fingerprint allows that matched a finding.
    pub fingerprint_used: HashSet<usize>,
    /// Inline allows that silenced nothing: (path, line, allow).
    pub unused_allows: Vec<(String, u64, String)>,
    /// Fingerprints of reported findings (when collecting), in order.
    pub new_entries: Vec<NewEntry>,
    /// Root-relative paths read completely.
    pub scanned: HashSet<String>,
}

impl Tally {
    /// Add one input's results (call in input order).
    pub fn merge(&mut self, t: InputTally) {
        for (k, v) in t.counts {
            *self.counts.entry(k).or_default() += v;
        }
        self.baseline_used.extend(t.baseline_used);
        self.fingerprint_used.extend(t.fingerprint_used);
        self.unused_allows.extend(t.unused_allows);
        self.new_entries.extend(t.new_entries);
        if t.complete {
            self.scanned.insert(t.rel);
        }
    }

    /// Findings not reported, all reasons.
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }
}

impl InputGate<'_> {
    /// A marker occurrence on `line`; `text` starts at the marker;
    /// `own_line`: only comment punctuation before it on its line.
    pub fn marker(&mut self, line: u64, text: &[u8], own_line: bool) {
        if let Some(m) = allow::parse(line, text, own_line) {
            self.markers.push(m);
        }
    }

    fn count(&mut self, why: &'static str) {
        *self.counts.entry(why).or_default() += 1;
    }

    /// Whether the path's settings drop `finding` (counted).
    fn dropped_by_settings(&mut self, finding: &Finding, raw: &[u8]) -> bool {
        let why = if !self.settings.kind_enabled(finding.kind) {
            reason::KIND
        } else if self.settings.below_threshold(finding.confidence) {
            reason::CONFIDENCE
        } else if self.settings.value_allowed(raw) {
            reason::VALUE
        } else {
            return false;
        };
        self.count(why);
        true
    }

    /// Whether findings must wait for the end of the input (gated scans:
    /// an allow marker may follow). Otherwise use [`InputGate::immediate`].
    pub fn buffers(&self) -> bool {
        self.gate.mode.gated
    }

    /// Ungated scans: the finding if the path's settings keep it.
    pub fn immediate(
        &mut self,
        finding: Finding,
        raw: &[u8],
    ) -> Option<Finding> {
        (!self.dropped_by_settings(&finding, raw)).then_some(finding)
    }

    /// Whether [`InputGate::finish`] would look at allow markers: gated,
    /// with at least one finding waiting in scope (the caller reads the
    /// input again for markers only then).
    pub fn needs_markers(&self) -> bool {
        self.gate.mode.gated
            && self.pending.iter().any(|p| match self.changed {
                None => true,
                Some(None) => false,
                Some(Some(c)) => c.contains(p.finding.line),
            })
    }

    /// A finding and its raw value, in offset order (gated scans).
    pub fn push(&mut self, finding: Finding, raw: &[u8]) {
        if self.dropped_by_settings(&finding, raw) {
            return;
        }
        let value = self
            .gate
            .needs_value(&self.rel, finding.kind)
            .then(|| fingerprint::normalize(finding.kind, raw));
        self.pending.push(Pending { finding, value });
    }

    /// The findings to report, and the input's tally. `complete`: the
    /// input was read to its end (entries of partly read files are never
    /// taken for vanished).
    pub fn finish(self, complete: bool) -> (Vec<Finding>, InputTally) {
        let InputGate {
            gate,
            display,
            rel,
            changed,
            pending,
            markers,
            counts,
            ..
        } = self;
        let mut counts = counts;
        let mut count =
            |why: &'static str| *counts.entry(why).or_default() += 1;
        let mut allows = Allows::new(&markers);
        let in_scope = |line: u64| match changed {
            None => true,
            Some(None) => false,
            Some(Some(c)) => c.contains(line),
        };
        let fp_allows: &[usize] =
            gate.fp_by_path.get(&rel).map_or(&[], Vec::as_slice);
        let fp_applies = |i: usize, kind: &str| {
            gate.config.fingerprints[i]
                .kind
                .as_deref()
                .map_or(true, |k| k == kind)
        };

        // Derive every fingerprint this input may need, in parallel.
        let mut wanted: BTreeSet<(usize, &str, &[u8])> = BTreeSet::new();
        for p in &pending {
            let f = &p.finding;
            let Some(value) = &p.value else { continue };
            if !in_scope(f.line) || allows.covers(f.line, f.kind) {
                continue;
            }
            for &i in fp_allows {
                if fp_applies(i, f.kind) {
                    wanted.insert((gate.fp_kdf[i], f.kind, value));
                }
            }
            let check_baseline =
                !f.synthetic || gate.mode.strict || gate.mode.accounting;
            if let (Some(k), true) = (gate.baseline_kdf, check_baseline) {
                if gate.baseline.as_ref().is_some_and(|b| b.has(&rel, f.kind))
                {
                    wanted.insert((k, f.kind, value));
                }
            }
            if let (Some(k), true) =
                (gate.collect_kdf, !f.synthetic || gate.mode.strict)
            {
                wanted.insert((k, f.kind, value));
            }
        }
        let rel = rel.as_str();
        let derived: HashMap<(usize, &str, &[u8]), Fingerprint> = wanted
            .into_par_iter()
            .map(|key| {
                let (k, kind, value) = key;
                (key, gate.kdfs[k].fingerprint(kind, rel, value))
            })
            .collect();

        let mut tally = InputTally {
            rel: rel.to_string(),
            complete,
            ..InputTally::default()
        };
        let mut report = Vec::new();
        let mut collected: HashSet<Fingerprint> = HashSet::new();
        for p in &pending {
            let f = &p.finding;
            if !in_scope(f.line) {
                count(reason::OUTSIDE_DIFF);
                continue;
            }
            if !gate.mode.gated {
                report.push(f.clone());
                continue;
            }
            if allows.allows(f.line, f.kind) {
                count(reason::INLINE);
                continue;
            }
            let fp = |k: usize| {
                p.value
                    .as_deref()
                    .and_then(|v| derived.get(&(k, f.kind, v)).copied())
            };
            let by_fp = fp_allows.iter().copied().find(|&i| {
                fp_applies(i, f.kind)
                    && fp(gate.fp_kdf[i])
                        == Some(
                            gate.config.fingerprints[i]
                                .fingerprint
                                .fingerprint,
                        )
            });
            if let Some(i) = by_fp {
                tally.fingerprint_used.push(i);
                count(reason::FINGERPRINT);
                continue;
            }
            let in_baseline = match (&gate.baseline, gate.baseline_kdf) {
                (Some(b), Some(k)) => {
                    fp(k).and_then(|x| b.find(rel, f.kind, x))
                }
                _ => None,
            };
            if let Some(i) = in_baseline {
                tally.baseline_used.push(i);
            }
            if f.synthetic && !gate.mode.strict {
                count(reason::SYNTHETIC);
                continue;
            }
            if in_baseline.is_some() {
                count(reason::BASELINE);
                continue;
            }
            if let Some(x) = gate.collect_kdf.and_then(fp) {
                if collected.insert(x) {
                    let kdf = &gate.kdfs[gate.collect_kdf.unwrap_or(0)];
                    tally.new_entries.push(NewEntry {
                        entry: Entry {
                            path: rel.to_string(),
                            kind: f.kind.to_string(),
                            fingerprint: x.to_hex(),
                        },
                        line: f.line,
                        portable: kdf.portable(x),
                    });
                }
            }
            report.push(f.clone());
        }
        for s in allows.spans.iter().filter(|s| !s.used) {
            tally.unused_allows.push((display.clone(), s.line, s.describe()));
        }
        for &line in &allows.stray_ends {
            tally.unused_allows.push((
                display.clone(),
                line,
                "piiscan:allow-end (no open block)".to_string(),
            ));
        }
        tally.counts = counts;
        (report, tally)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: u64, kind: &'static str, synthetic: bool) -> Finding {
        Finding {
            path: "a.txt".into(),
            line,
            column: 1,
            start: 0,
            end: 1,
            kind,
            pattern: kind.into(),
            confidence: 0.9,
            sensitive: false,
            masked: "*".into(),
            value: None,
            synthetic,
        }
    }

    fn gate(
        mode: Mode,
        baseline: Option<Baseline>,
        collect: Option<Kdf>,
    ) -> Gate {
        let root = std::env::temp_dir();
        let config = Config::parse(
            "[allow]\nvalues = ['^ok@']\n",
            "t.toml",
            &std::fs::canonicalize(&root).unwrap(),
        )
        .unwrap();
        Gate::new(config, &root, mode, baseline, collect, None, None).unwrap()
    }

    fn kdf() -> Kdf {
        Kdf::new(fingerprint::MIN_ITERATIONS, vec![5; 16], None).unwrap()
    }

    #[test]
    fn ungated_scans_apply_only_settings() {
        let g = gate(Mode::default(), None, None);
        let mut i = g.input("a.txt");
        assert!(!i.buffers());
        assert!(i
            .immediate(finding(1, "email", false), b"ok@x.com")
            .is_none());
        assert!(i
            .immediate(finding(2, "email", true), b"a@example.com")
            .is_some());
        assert!(!i.needs_markers());
        let (found, t) = i.finish(true);
        assert!(found.is_empty());
        assert_eq!(t.counts[reason::VALUE], 1);
    }

    #[test]
    fn gated_scans_allow_inline_synthetic_and_baseline() {
        // First run collects the fingerprints of what it reports.
        let mode = Mode { gated: true, ..Mode::default() };
        let g = gate(mode, None, Some(kdf()));
        let mut i = g.input("a.txt");
        i.push(finding(1, "email", false), b"jane@acme.io");
        i.push(finding(2, "email", true), b"a@example.com");
        i.marker(3, b"piiscan:allow phone", true);
        i.push(finding(4, "email", false), b"bob@acme.io");
        i.push(finding(4, "phone", false), b"+1 202 555 7788");
        let (found, t) = i.finish(true);
        assert_eq!(found.iter().map(|f| f.line).collect::<Vec<_>>(), [1, 4]);
        assert_eq!(t.new_entries.len(), 2);
        assert_eq!(t.counts[reason::SYNTHETIC], 1);
        assert_eq!(t.counts[reason::INLINE], 1);

        // A baseline of them silences exactly those values.
        let b = Baseline::empty(kdf())
            .with_entries(t.new_entries.iter().map(|n| n.entry.clone()));
        let mode = Mode { gated: true, ..Mode::default() };
        let g = gate(mode, Some(b), None);
        let mut i = g.input("a.txt");
        i.push(finding(9, "email", false), b"JANE@acme.io");
        i.push(finding(10, "email", false), b"new@acme.io");
        let (found, t) = i.finish(true);
        assert_eq!(found.iter().map(|f| f.line).collect::<Vec<_>>(), [10]);
        assert_eq!(t.counts[reason::BASELINE], 1);
        assert_eq!(t.baseline_used.len(), 1);
    }
}
