//! The subcommands: each turns resolved flags into library calls and a
//! [`Status`](crate::Status). One file per subcommand.

mod baseline;
mod patterns;
mod redact;
mod scan;
mod subject;

use anyhow::{bail, Result};
use piiscan::catalog::{kinds, Catalog};
use piiscan::engine::{Engine, EngineOptions};
use piiscan::input::{OpenOptions, WalkOptions};

use crate::cli::{SelectArgs, WalkArgs};

pub use baseline::baseline;
pub use patterns::patterns;
pub use redact::redact;
pub use scan::scan;
pub use subject::subject;

pub(crate) fn load_catalog(dirs: &[std::path::PathBuf]) -> Result<Catalog> {
    let mut catalog = Catalog::builtin()
        .map_err(|e| anyhow::anyhow!("built-in catalog: {e}"))?;
    for dir in dirs {
        catalog.add_dir(dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(catalog)
}

pub(crate) fn check_kinds(list: &[String], flag: &str) -> Result<()> {
    for k in list {
        if kinds::lookup(k).is_none() {
            bail!("{flag}: unknown kind {k:?} (see `piiscan patterns list`)");
        }
    }
    Ok(())
}

/// The engine for `--only`, `--exclude-kinds`, `--min-confidence` and
/// `--patterns`, after checking each of them.
pub(crate) fn build_engine(select: &SelectArgs) -> Result<Engine> {
    check_kinds(&select.only, "--only")?;
    check_kinds(&select.exclude_kinds, "--exclude-kinds")?;
    let min_confidence = select
        .min_confidence
        .unwrap_or(piiscan::catalog::DEFAULT_MIN_CONFIDENCE);
    if !(0.0..=1.0).contains(&min_confidence) {
        bail!("--min-confidence must be between 0 and 1");
    }
    let catalog = load_catalog(&select.patterns)?;
    Engine::new(
        &catalog,
        &EngineOptions {
            only: select.only.clone(),
            exclude: select.exclude_kinds.clone(),
            min_confidence,
        },
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Worker threads: `-j N`, else all cores.
pub(crate) fn threads(walk: &WalkArgs) -> usize {
    walk.threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        })
        .max(1)
}

/// How documents and archives are expanded (`--archive-depth`): caps as
/// documented in [`piiscan::document::limits`]; the total extracted from
/// one input is `--max-decompressed`, as for a `.gz` stream.
pub(crate) fn document_options(walk: &WalkArgs) -> piiscan::document::Options {
    let mut limits = piiscan::document::Limits::default();
    if let Some(depth) = walk.archive_depth {
        limits.depth = depth;
    }
    if let Some(max) = walk.max_decompressed {
        limits.max_total = max;
    }
    piiscan::document::Options { limits, binary: walk.binary }
}

/// Walking and opening options from the shared flags.
pub(crate) fn input_options(walk: &WalkArgs) -> (WalkOptions, OpenOptions) {
    let defaults = OpenOptions::default();
    let open = OpenOptions {
        binary: walk.binary,
        max_decompressed: walk
            .max_decompressed
            .unwrap_or(defaults.max_decompressed),
        ..defaults
    };
    let walk_options = WalkOptions {
        no_ignore: walk.no_ignore,
        globs: walk.globs.clone(),
        follow: walk.follow,
        max_filesize: walk.max_filesize,
        threads: threads(walk),
    };
    (walk_options, open)
}
