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
    /// Inspect the pattern catalog
    #[command(subcommand)]
    Patterns(PatternsCommand),
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
}

/// Which findings count: shared by every command that scans.
#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Only these kinds (comma-separated kind ids)
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    pub only: Vec<String>,
    /// Never these kinds (comma-separated kind ids)
    #[arg(long = "exclude-kinds", value_delimiter = ',', value_name = "KINDS")]
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
