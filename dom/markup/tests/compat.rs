//! Loads every app of the 2025 compatibility corpus (`shared/compat/kryon-examples`).
//!
//! Tier A must load without errors, tier B (3D canvases and embedded views) without errors
//! too (their reserved features are the builder's warnings). The two `widgets/*.kry` files are
//! libraries: they are checked through the apps that include them.

use kryon_markup::{load_file, render};
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/compat/kryon-examples");
    dir.is_dir().then_some(dir)
}

fn kry_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            kry_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "kry") {
            out.push(path);
        }
    }
}

fn is_library(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == "widgets")
}

fn is_tier_b(rel: &str) -> bool {
    rel.contains("canvas_3d_")
        || (rel.starts_with("10_Embedding_Views/") && !rel.ends_with("minimal_bundle_demo.kry"))
}

#[test]
fn every_corpus_app_loads_without_errors() {
    let Some(root) = corpus() else {
        println!("note: compat corpus not found; skipping");
        return;
    };
    let mut files = Vec::new();
    kry_files(&root, &mut files);
    files.sort();
    let mut failures = String::new();
    let (mut tier_a, mut tier_b, mut includes_seen) = (0, 0, 0);
    for path in files.iter().filter(|p| !is_library(p)) {
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        if is_tier_b(&rel) {
            tier_b += 1;
        } else {
            tier_a += 1;
        }
        let loaded = load_file(path);
        includes_seen += loaded
            .document
            .sources
            .iter()
            .filter(|(_, f)| f.display.starts_with("widgets/"))
            .count();
        for diagnostic in loaded
            .diagnostics
            .as_slice()
            .iter()
            .filter(|d| d.is_error())
        {
            failures.push_str(&format!("{rel}:\n"));
            failures.push_str(&render::render(&loaded.document.sources, diagnostic));
        }
        assert!(!loaded.document.items.is_empty(), "{rel} produced no items");
    }
    assert!(failures.is_empty(), "corpus errors:\n{failures}");
    assert_eq!((tier_a, tier_b), (43, 9), "corpus tier sizes changed");
    assert!(
        includes_seen >= 2,
        "the widget libraries were never included"
    );
}
