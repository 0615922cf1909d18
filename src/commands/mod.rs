//! The subcommands: each turns resolved flags into library calls and a
//! [`Status`](crate::Status). One file per subcommand.

mod patterns;
mod scan;

use anyhow::{bail, Result};
use piiscan::catalog::{kinds, Catalog};

pub use patterns::patterns;
pub use scan::scan;

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

