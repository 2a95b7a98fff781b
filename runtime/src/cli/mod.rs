//! Command-line parsing and dispatch.

mod check;
mod dump;
mod run;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Kryon: run `.kry` apps, check them, and inspect their layout.
#[derive(Debug, Parser)]
#[command(name = "kryon", version, about)]
pub struct Cli {
    /// Print what the runtime does (renderer and adapter, timings) to stderr.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run an app in a window, or headless (`--headless --screenshot out.png`).
    Run(run::RunArgs),
    /// Parse and validate files; print every diagnostic. Exit 1 on any error.
    Check {
        /// `.kry` files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
        /// Diagnostics format.
        #[arg(long, value_enum, default_value_t = DiagnosticsFormat::Text)]
        diagnostics: DiagnosticsFormat,
    },
    /// Print the element tree after layout.
    Dump {
        /// The app's main `.kry` file.
        file: PathBuf,
        /// Print JSON (one object per element) instead of an outline.
        #[arg(long)]
        json: bool,
        /// Viewport size `WIDTHxHEIGHT` in logical px (default: the App's window size).
        #[arg(long, value_parser = parse_size)]
        size: Option<(u32, u32)>,
    },
    /// Run an app headless on the virtual clock and drive it with a Lua test script
    /// (`app.click`, `app.wait`, `app.get`, `expect`). Exit 0 all passed, 1 failures, 2 load
    /// failure.
    Test {
        /// The app's main `.kry` file.
        app: PathBuf,
        /// The test script (`.lua`).
        script: PathBuf,
    },
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticsFormat {
    /// Human-readable, with source excerpts.
    Text,
    /// One JSON object per line.
    Json,
}

/// Parses `800x600`.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT, got \"{text}\""))?;
    let parse = |s: &str| {
        s.trim()
            .parse::<u32>()
            .map_err(|_| format!("bad size \"{text}\""))
    };
    let (w, h) = (parse(w)?, parse(h)?);
    if w == 0 || h == 0 {
        return Err(format!("size must be positive, got \"{text}\""));
    }
    Ok((w, h))
}

/// Runs a parsed command line.
pub fn run(cli: Cli, started: std::time::Instant) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => run::run(args, started),
        Command::Check {
            files,
            deny_warnings,
            diagnostics,
        } => Ok(check::run(&files, deny_warnings, diagnostics)),
        Command::Dump { file, json, size } => dump::run(&file, json, size),
        Command::Test { app, script } => Ok(match kryon_runtime::test_driver::run(&app, &script) {
            Ok(outcome) => ExitCode::from(outcome.exit_code() as u8),
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        }),
    }
}
