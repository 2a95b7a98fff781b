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
