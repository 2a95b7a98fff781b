//! `kryon check`: load, build and report every diagnostic of each file.

use super::DiagnosticsFormat;
use kryon_markup::render;
use std::path::Path;
use std::process::ExitCode;

/// Loads a file and builds its tree; returns the tree and all load-time diagnostics.
pub(crate) fn load(path: &Path) -> (kryon_dom::Dom, kryon_markup::Diagnostics) {
    let loaded = kryon_markup::load_file(path);
    let mut diagnostics = loaded.diagnostics;
    let (dom, build_diagnostics) = kryon_dom::build(loaded.document);
    diagnostics.extend(build_diagnostics);
    (dom, diagnostics)
}

/// Prints diagnostics and a summary line; returns (errors, warnings).
pub(crate) fn print_diagnostics(
    dom: &kryon_dom::Dom,
    diagnostics: &kryon_markup::Diagnostics,
    format: DiagnosticsFormat,
) -> (usize, usize) {
    let sources = &dom.document.sources;
    for d in diagnostics.as_slice() {
        match format {
            DiagnosticsFormat::Text => eprint!("{}", render::render(sources, d)),
            DiagnosticsFormat::Json => eprintln!("{}", render::render_json(sources, d)),
        }
    }
    (diagnostics.error_count(), diagnostics.warning_count())
}

/// Checks every file; exit 1 if any has an error (or a warning with `--deny-warnings`).
pub(crate) fn run(
    files: &[std::path::PathBuf],
    deny_warnings: bool,
    format: DiagnosticsFormat,
) -> ExitCode {
    let mut failed = false;
    for file in files {
        let (dom, diagnostics) = load(file);
        let (errors, warnings) = print_diagnostics(&dom, &diagnostics, format);
        let main = dom
            .document
            .sources
            .get(dom.document.main_file)
            .map_or_else(|| file.display().to_string(), |f| f.display.clone());
        if format == DiagnosticsFormat::Text {
            eprintln!("{}", render::summary(errors, warnings, &main));
        }
        failed |= errors > 0 || (deny_warnings && warnings > 0);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
