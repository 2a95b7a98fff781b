//! `kryon dump`: build the tree, lay it out and print it.

use super::DiagnosticsFormat;
use super::check::{load, print_diagnostics};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Prints the laid-out tree. Errors are printed and the exit status is 1 (nothing is dumped).
pub(crate) fn run(file: &Path, json: bool, size: Option<(u32, u32)>) -> anyhow::Result<ExitCode> {
    let (mut dom, diagnostics) = load(file);
    let (errors, _) = print_diagnostics(&dom, &diagnostics, DiagnosticsFormat::Text);
    if errors > 0 {
        eprintln!(
            "kryon: {file:?} has errors; nothing to dump",
            file = file.display()
        );
        return Ok(ExitCode::from(1));
    }
    let window = dom.window_config();
    let (w, h) = size.unwrap_or((window.width, window.height));
    dom.update((w as f32, h as f32));
    let text = if json {
        let mut text = serde_json::to_string_pretty(&dom.dump_json())?;
        text.push('\n');
        text
    } else {
        dom.dump_text()
    };
    // A closed pipe (`kryon dump app.kry | head`) is not an error worth a panic.
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}
