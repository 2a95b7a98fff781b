//! The `kryon` command-line tool: `check`, `dump` (and, in later issues, `run` and `test`).
//!
//! Exit status: 0 on success, 1 when a checked file has errors (or warnings with
//! `--deny-warnings`), 2 on a usage or I/O problem.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("kryon: {error:#}");
            ExitCode::from(2)
        }
    }
}
