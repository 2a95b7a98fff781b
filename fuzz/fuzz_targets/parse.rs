//! Fuzz target: `load_str` and the renderers must never panic on any input.
//!
//! Run with `cargo +nightly fuzz run parse` from the repository root.

#![no_main]

use kryon_markup::{load_str, render};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let loaded = load_str(Path::new("/nonexistent-kryon-fuzz/app.kry"), &text);
    for diagnostic in loaded.diagnostics.as_slice() {
        let _ = render::render(&loaded.document.sources, diagnostic);
        let _ = render::render_json(&loaded.document.sources, diagnostic);
    }
});
