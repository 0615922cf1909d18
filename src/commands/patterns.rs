//! `piiscan patterns list|test`: the catalog as users see it.

use std::io::{self, Write};

use anyhow::{Context, Result};
use piiscan::catalog::kinds;
use piiscan::engine::examples::check_examples;
use piiscan::engine::{Engine, EngineOptions};

use super::load_catalog;
use crate::cli::{ListArgs, PatternsCommand, TestArgs};
use crate::Status;

/// `piiscan patterns list|test`.
pub fn patterns(cmd: PatternsCommand) -> Result<Status> {
    match cmd {
        PatternsCommand::List(args) => list(args),
        PatternsCommand::Test(args) => test(args),
    }
}

fn list(args: ListArgs) -> Result<Status> {
    let catalog = load_catalog(&args.patterns)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if !args.json {
        writeln!(
            out,
            "{:<17} {:<12} {:<9} RULES",
            "KIND", "FAMILY", "SENSITIVE"
        )?;
    }
    for k in kinds::KINDS {
        let rules: Vec<&str> = catalog
            .rules
            .iter()
            .filter(|r| r.kind.id == k.id)
            .map(|r| r.id.as_str())
            .collect();
        if args.json {
            let line = serde_json::json!({
                "kind": k.id, "family": k.family, "sensitive": k.sensitive,
                "description": k.description, "rules": rules,
            });
            writeln!(out, "{line}")?;
        } else {
            let rules = if rules.is_empty() {
                "-".to_string()
            } else {
                rules.join(", ")
            };
            let sensitive = if k.sensitive { "yes" } else { "no" };
            writeln!(
                out,
                "{:<17} {:<12} {:<9} {}",
                k.id, k.family, sensitive, rules
            )?;
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}

fn test(args: TestArgs) -> Result<Status> {
    let mut failed = false;
    for file in &args.files {
        let shown =
            piiscan::sanitize::for_terminal(&file.display().to_string())
                .into_owned();
        let mut catalog = load_catalog(&[])?;
        let before = catalog.rules.len();
        if let Err(e) = catalog.add_file(file) {
            eprintln!("{e}");
            failed = true;
            continue;
        }
        let engine = Engine::new(&catalog, &EngineOptions::default())
            .map_err(|e| anyhow::anyhow!("{e}"))
            .with_context(|| format!("{shown}: cannot compile"))?;
        let path = file.display().to_string();
        let failures = check_examples(&engine, |r| r.origin.file == path);
        let checked = catalog.rules.len() - before;
        if failures.is_empty() {
            println!("{shown}: ok ({checked} rules, all examples pass)");
        } else {
            for f in &failures {
                eprintln!("{f}");
            }
            eprintln!("{shown}: {} example(s) failed", failures.len());
            failed = true;
        }
    }
    Ok(if failed { Status::Error } else { Status::Clean })
}
