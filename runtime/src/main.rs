//! The `kryon` command-line tool: `run`, `check`, `dump` and `test`.
//!
//! Exit status: 0 on success, 1 when a checked file has errors (or warnings with
//! `--deny-warnings`), 2 on a usage or I/O problem.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: building a tree, shaping its text and laying it out
/// allocate many small objects, and glibc's malloc/free took 10–15% of a 10k-element start-up
/// (see ARCHITECTURE.md, "Allocator").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = cli::Cli::parse();
    init_logging(args.verbose);
    match cli::run(args, started) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("kryon: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Logs go to stderr: warnings by default, `info` with `--verbose`, or whatever `RUST_LOG` says.
fn init_logging(verbose: bool) {
    let default = if verbose {
        "info,wgpu_core=warn,wgpu_hal=warn,naga=warn"
    } else {
        // winit warns about desktop settings it cannot read (e.g. no XSETTINGS daemon): noise.
        "warn,winit=error"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .try_init();
}
