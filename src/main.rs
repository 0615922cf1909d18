//! piiscan's entry point: parse flags, dispatch, decide the exit code.
//!
//! Exit codes follow grep: 0 nothing found, 1 findings, 2 an error (the run
//! still finishes the other inputs). This is the one place that decides
//! them.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

/// The outcome of a command, mapped to a process exit code in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Ran fine, found nothing.
    Clean,
    /// Ran fine, found something.
    Found,
    /// At least one input or setting failed.
    Error,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(match s {
            Status::Clean => 0,
            Status::Found => 1,
            Status::Error => 2,
        })
    }
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    // An interrupted redaction deletes its temporary files.
    if let Err(e) = piiscan::redact::atomic::clean_up_on_signal() {
        eprintln!("piiscan: cannot handle signals: {e}");
        return Status::Error.into();
    }
    let status = match cli.command {
        cli::Command::Scan(args) => commands::scan(args),
        cli::Command::Redact(args) => commands::redact(args),
        cli::Command::Patterns(cmd) => commands::patterns(cmd),
        cli::Command::Baseline(args) => commands::baseline(args),
        cli::Command::Subject(args) => commands::subject(args),
    };
    match status {
        Ok(s) => s.into(),
        Err(e) => {
            if is_broken_pipe(&e) {
                // ripgrep: a closed pipe (`| head`) is not an error.
                return ExitCode::SUCCESS;
            }
            // One line per error (a pattern file can have several), each
            // escaped on its own so line breaks stay line breaks.
            for line in format!("{e:#}").lines() {
                eprintln!(
                    "piiscan: {}",
                    piiscan::sanitize::for_terminal(line)
                );
            }
            Status::Error.into()
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
