//! Command-line definitions. The only module that knows clap: it turns raw
//! flags into the library's resolved options, once, and nothing below it
//! ever sees a flag.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Find personal data in logs, exports and source trees, locally.
#[derive(Debug, Parser)]
#[command(name = "piiscan", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find personal data (PATH '-' reads stdin; default '.')
    Scan(ScanArgs),
    /// Rewrite personal data: --in-place, -o DIR, or stdin to stdout
    Redact(RedactArgs),
    /// Inspect the pattern catalog
    #[command(subcommand)]
    Patterns(PatternsCommand),
    /// Write a baseline of today's findings for the CI gate
    Baseline(BaselineArgs),
    /// One person's data: find it, --export it, --erase or --correct it
    Subject(SubjectArgs),
}

#[derive(Debug, Subcommand)]
pub enum PatternsCommand {
    /// List kinds with their family, sensitivity and rules
    List(ListArgs),
    /// Check a pattern file: it loads, compiles and its examples pass
    Test(TestArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Also load pattern files from DIR
    #[arg(long = "patterns", value_name = "DIR")]
    pub patterns: Vec<PathBuf>,
    /// Print one JSON object per rule instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Pattern files to check
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
    Jsonl,
    Sarif,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan ('-' for stdin)
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    /// Print raw values instead of masked previews
    #[arg(long)]
    pub reveal: bool,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Print files, bytes, findings per kind and throughput to stderr
    #[arg(long)]
    pub stats: bool,
    /// When to color text output
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Never show a progress bar
    #[arg(long = "no-progress")]
    pub no_progress: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub gate: GateArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StyleArg {
    /// [EMAIL], [US_SSN], ...
    Tag,
    /// Same length, '*' for letters and digits, separators kept
    Mask,
    /// [EMAIL:5f2c9a1b], a keyed pseudonym (needs --key-file)
    Hash,
    /// Realistic values that still parse, at reserved domains and ranges
    Fake,
}

#[derive(Debug, Args)]
pub struct RedactArgs {
    /// Files or directories ('-', or none with piped stdin: stdin to
    /// stdout)
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Rewrite each changed file in place, atomically
    #[arg(long = "in-place", conflicts_with = "output")]
    pub in_place: bool,
    /// Write the redacted tree under DIR (unchanged files copied)
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// With --in-place: keep each original as PATH+SUFFIX
    #[arg(long, value_name = "SUFFIX", requires = "in_place")]
    pub backup: Option<String>,
    /// With --in-place: also rewrite files with several hard links
    #[arg(long, requires = "in_place")]
    pub force: bool,
    /// Replacement style
    #[arg(long, value_enum, default_value = "tag")]
    pub style: StyleArg,
    /// Style for one kind, e.g. email=hash (repeatable)
    #[arg(long = "style-for", value_name = "KIND=STYLE", value_parser = parse_style_for)]
    pub style_for: Vec<(String, StyleArg)>,
    /// mask: cards and phones keep their last N digits
    #[arg(long = "keep-last", value_name = "N")]
    pub keep_last: Option<usize>,
    /// Secret key (16+ bytes) for hash, and for repeatable fakes
    #[arg(long = "key-file", value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// Also write the report as JSON to FILE (0600, masked values only)
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Report what would change; write nothing
    #[arg(long = "dry-run")]
    pub dry_run: bool,
    /// Like --dry-run, and exit 1 if anything would change
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
}

/// Parse `KIND=STYLE` for --style-for.
fn parse_style_for(s: &str) -> Result<(String, StyleArg), String> {
    let (kind, style) =
        s.split_once('=').ok_or_else(|| format!("{s:?} is not KIND=STYLE"))?;
    let style = StyleArg::from_str(style, true)?;
    Ok((kind.to_string(), style))
}

/// Which findings count: shared by every command that scans.
#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Only these kinds (comma-separated kind ids)
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    pub only: Vec<String>,
    /// Never these kinds (comma-separated kind ids)
    #[arg(
        long = "exclude-kinds",
        value_delimiter = ',',
        value_name = "KINDS"
    )]
    pub exclude_kinds: Vec<String>,
    /// Drop findings scoring below this (0.0 - 1.0)
    #[arg(long = "min-confidence", value_name = "SCORE")]
    pub min_confidence: Option<f64>,
    /// Add pattern files from DIR (repeatable)
    #[arg(long = "patterns", value_name = "DIR")]
    pub patterns: Vec<PathBuf>,
}

/// Which files are read and how: shared by every command that walks.
#[derive(Debug, Args)]
pub struct WalkArgs {
    /// Worker threads (default: all cores)
    #[arg(short = 'j', long = "threads", value_name = "N")]
    pub threads: Option<usize>,
    /// Read files that ignore rules would skip
    #[arg(long = "no-ignore")]
    pub no_ignore: bool,
    /// Include (or with a leading '!', exclude) paths matching GLOB
    #[arg(short = 'g', long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Follow symbolic links (never out of the root)
    #[arg(short = 'L', long)]
    pub follow: bool,
    /// Read binary files too
    #[arg(long)]
    pub binary: bool,
    /// Skip files larger than SIZE (e.g. 100M)
    #[arg(long = "max-filesize", value_name = "SIZE", value_parser = parse_size)]
    pub max_filesize: Option<u64>,
    /// Stop decompressing a .gz/.zst after SIZE and report it as partial
    #[arg(long = "max-decompressed", value_name = "SIZE", value_parser = parse_size)]
    pub max_decompressed: Option<u64>,
    /// Open archives and documents (zip, tar, Office, email) nested up to
    /// N deep and scan their members; 0 reads them as plain files
    #[arg(long = "archive-depth", value_name = "N")]
    pub archive_depth: Option<u32>,
}

/// Which `.piiscan.toml` applies: shared by `scan` and `baseline`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Read this config file instead of the nearest .piiscan.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any .piiscan.toml
    #[arg(long = "no-config")]
    pub no_config: bool,
}

/// The CI gate (README, "CI gate"). Every flag but --print-config turns
/// the gate on.
#[derive(Debug, Args)]
pub struct GateArgs {
    /// Gate: honor piiscan:allow comments, fingerprint allows and the
    /// configured baseline; let synthetic values through
    #[arg(long)]
    pub gate: bool,
    /// Report only findings not in this baseline
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Rewrite the baseline: add new findings, drop vanished entries
    #[arg(long = "update-baseline", conflicts_with_all = ["staged", "since"])]
    pub update_baseline: bool,
    /// Synthetic values (example.com, 555-01xx, test cards) fail too
    #[arg(long)]
    pub strict: bool,
    /// Scan what would be committed: staged content, added/changed lines
    #[arg(long, conflicts_with = "since")]
    pub staged: bool,
    /// Scan files changed since REV; report findings on changed lines
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// List allows and baseline entries that no longer match anything
    #[arg(long = "report-unused-allows", conflicts_with_all = ["staged", "since"])]
    pub report_unused_allows: bool,
    /// Print the effective configuration and exit
    #[arg(long = "print-config")]
    pub print_config: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum BaselineFormatArg {
    /// A baseline file for `scan --baseline`
    Json,
    /// `[[allow.fingerprint]]` entries to paste into .piiscan.toml
    Toml,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Files or directories to record (default '.')
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Where to write ('-' for stdout; default: the config's baseline,
    /// else .piiscan-baseline.json at the config root)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What to write
    #[arg(long, value_enum, default_value = "json")]
    pub format: BaselineFormatArg,
    /// Record synthetic values too
    #[arg(long)]
    pub strict: bool,
    /// PBKDF2 iterations for a new baseline (default 100000; 1 when
    /// PIISCAN_BASELINE_KEY is set); starts afresh with a new salt
    #[arg(long, value_name = "N")]
    pub iterations: Option<u32>,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Never show a progress bar
    #[arg(long = "no-progress")]
    pub no_progress: bool,
}

/// `--format` of `subject`: scan's formats but SARIF (occurrences of a
/// person are not code-scanning results).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SubjectFormatArg {
    Text,
    Json,
    Jsonl,
    Csv,
}

/// `piiscan subject`: who (identifier flags or --subjects FILE) and what
/// to do (list, --export, --erase, --erase-records, --correct). The scan
/// selection flags (--only, --min-confidence) do not apply: identifiers
/// are matched by value, not by detector score.
#[derive(Debug, Args)]
pub struct SubjectArgs {
    /// Files or directories to search (default '.')
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// An email address of the subject (repeatable)
    #[arg(long, value_name = "ADDRESS")]
    pub email: Vec<String>,
    /// A phone number of the subject, any format (repeatable)
    #[arg(long, value_name = "NUMBER")]
    pub phone: Vec<String>,
    /// The subject's name, `First [Middle] Last` or `Last, First`
    #[arg(long, value_name = "NAME")]
    pub name: Vec<String>,
    /// An id of any catalog kind, e.g. us_ssn=123-45-6789 (repeatable)
    #[arg(long = "id", value_name = "KIND=VALUE")]
    pub ids: Vec<String>,
    /// An exact string such as an account id or username (repeatable)
    #[arg(long, value_name = "VALUE")]
    pub literal: Vec<String>,
    /// Label of the subject given by flags (reports, export file name)
    #[arg(long, value_name = "LABEL", default_value = "subject")]
    pub label: String,
    /// Many subjects, one pass: a JSON or TOML list (see README)
    #[arg(long, value_name = "FILE")]
    pub subjects: Option<PathBuf>,
    /// Also match plus-addressed emails (jane+news@ for jane@)
    #[arg(long = "email-variants")]
    pub email_variants: bool,
    /// Calling code for phone numbers written without one
    #[arg(long = "country-code", value_name = "CODE", default_value = "1")]
    pub country_code: String,
    /// Output format of the locations
    #[arg(long, value_enum, default_value = "text")]
    pub format: SubjectFormatArg,
    /// Print raw values instead of masked previews
    #[arg(long)]
    pub reveal: bool,
    /// Write one export file per subject, and index.json, into DIR
    #[arg(long, value_name = "DIR")]
    pub export: Option<PathBuf>,
    /// Replace the subject's identifiers in place with tags, atomically
    #[arg(long, conflicts_with_all = ["erase_records", "correct"])]
    pub erase: bool,
    /// Remove whole records (lines, rows, JSON objects) holding them
    #[arg(long = "erase-records", conflicts_with = "correct")]
    pub erase_records: bool,
    /// Replace an outdated value everywhere: KIND=OLD=NEW (repeatable)
    #[arg(long, value_name = "KIND=OLD=NEW")]
    pub correct: Vec<String>,
    /// Show what --erase/--erase-records/--correct would change
    #[arg(long = "dry-run")]
    pub dry_run: bool,
    /// Also rewrite files with several hard links
    #[arg(long)]
    pub force: bool,
    /// Write a JSON receipt of the run (identifiers as keyed hashes)
    #[arg(long, value_name = "FILE")]
    pub receipt: Option<PathBuf>,
    /// Key (16+ bytes) for the receipt's hashes (default: random per run)
    #[arg(long = "receipt-key", value_name = "FILE", requires = "receipt")]
    pub receipt_key: Option<PathBuf>,
    #[command(flatten)]
    pub walk: WalkArgs,
}

/// Parse `123`, `64K`, `10M`, `2G` (binary multiples).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mult = match c.to_ascii_uppercase() {
                'K' => 1u64 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'T' => 1 << 40,
                _ => return Err(format!("unknown size suffix {c:?}")),
            };
            (&s[..i], mult)
        }
        _ => (s, 1),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size like 512K or 10M"))?;
    n.checked_mul(mult).ok_or_else(|| format!("{s:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("64K"), Ok(65536));
        assert_eq!(parse_size("10m"), Ok(10 << 20));
        assert!(parse_size("10X").is_err());
        assert!(parse_size("").is_err());
    }
}
