//! Helpers shared by the `kryon-dom` integration tests.

use kryon_dom::{Dom, build};
use std::path::Path;

/// Loads markup that must have no errors, and runs the first update at 800×600.
pub fn load(src: &str) -> Dom {
    let loaded = kryon_markup::load_str(Path::new("test.kry"), src);
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    let (mut dom, diags) = build(loaded.document);
    assert!(!diags.has_errors(), "{diags:?}");
    dom.update((800.0, 600.0));
    dom
}

/// The displayed text of the element with a scoped id.
#[allow(dead_code, reason = "not every test file reads texts")]
pub fn text_of(dom: &Dom, id: &str) -> String {
    let e = dom
        .element_by_id(id)
        .unwrap_or_else(|| panic!("no element #{id}"));
    dom.arena.elements[e].computed.display_text()
}

/// Loads markup as the file at `path` (relative paths in it resolve from its folder) and runs
/// the first update at 800×600. Returns the tree and every diagnostic (build, then update).
#[allow(dead_code, reason = "not every test file loads from a path")]
pub fn load_at(path: &Path, src: &str) -> (Dom, Vec<kryon_markup::Diagnostic>) {
    let loaded = kryon_markup::load_str(path, src);
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    let (mut dom, diags) = build(loaded.document);
    assert!(!diags.has_errors(), "{diags:?}");
    dom.update((800.0, 600.0));
    let mut all = diags.into_vec();
    all.extend(dom.take_diagnostics());
    (dom, all)
}

/// A fresh, empty folder under the system temp dir, unique to this process and `name`.
#[allow(dead_code, reason = "not every test file writes files")]
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kryon-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}
