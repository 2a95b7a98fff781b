//! Layout through the whole pipeline: each Chromium fixture in `layout_fixtures/` is rewritten as
//! a `.kry` app (same properties, kry spelling), built, laid out, and every box compared with the
//! browser's numbers within 0.5 px. This covers markup → coercion → cascade → taffy style, on top
//! of the `kryon-layout` fixture test that feeds taffy styles directly.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use serde_json::Value as Json;
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("layout_fixtures")
}

fn atom(v: &Json) -> String {
    match v {
        Json::String(s) if s.ends_with('%') || s.parse::<f64>().is_ok() => s.clone(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn write_node(node: &Json, out: &mut String, root: bool, viewport: (u64, u64)) {
    let text = node.get("text").and_then(Json::as_str);
    let name = if root {
        "App"
    } else if text.is_some() {
        "Text"
    } else {
        "Container"
    };
    let _ = writeln!(out, "{name} {{");
    if root {
        let _ = writeln!(
            out,
            "window_width: {} window_height: {}",
            viewport.0, viewport.1
        );
    }
    if let Some(style) = node.get("style").and_then(Json::as_object) {
        for (key, value) in style {
            let key = if key == "border" {
                "border_width"
            } else {
                key.as_str()
            };
            let value = match value {
                Json::Array(items) => items.iter().map(atom).collect::<Vec<_>>().join(" "),
                other => atom(other),
            };
            let _ = writeln!(out, "{key}: {value}");
        }
    }
    if let Some(text) = text {
        let _ = writeln!(out, "text: {text:?}");
        if let Some(ts) = node.get("text_style") {
            if let Some(size) = ts.get("size") {
                let _ = writeln!(out, "font_size: {size}");
            }
            if let Some(lh) = ts.get("line_height") {
                let _ = writeln!(out, "line_height: {lh}px");
            }
            if let Some(w) = ts.get("weight") {
                let _ = writeln!(out, "font_weight: {w}");
            }
        }
    }
    for child in node
        .get("children")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        write_node(child, out, false, viewport);
    }
    let _ = writeln!(out, "}}");
}

fn collect(
    dom: &kryon_dom::Dom,
    id: kryon_dom::ElementId,
    path: &str,
    out: &mut Vec<(String, [f32; 4])>,
) {
    let b = dom.box_of(id).unwrap_or_default();
    out.push((path.to_owned(), [b.x, b.y, b.width, b.height]));
    for (i, child) in dom.arena.elements[id].children.iter().enumerate() {
        collect(dom, *child, &format!("{path}/{i}"), out);
    }
}

#[test]
fn chromium_fixtures_match_through_kry_markup() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.to_string_lossy().ends_with(".expected.json")
        })
        .collect();
    names.sort();
    assert!(names.len() >= 20, "fixtures present");
    let mut failures = Vec::new();
    let mut compared = 0;
    for path in &names {
        let fixture: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let expected_path = path.with_extension("expected.json");
        let expected: Json =
            serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
        let vp = &fixture["viewport"];
        let viewport = (vp[0].as_u64().unwrap(), vp[1].as_u64().unwrap());
        let mut src = String::new();
        write_node(&fixture["root"], &mut src, true, viewport);
        let loaded = kryon_markup::load_str(Path::new("fixture.kry"), &src);
        let (mut dom, diags) = kryon_dom::build(loaded.document);
        let errors: Vec<_> = loaded
            .diagnostics
            .as_slice()
            .iter()
            .chain(diags.as_slice())
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}\n{src}", path.display());
        dom.update((viewport.0 as f32, viewport.1 as f32));
        let mut boxes = Vec::new();
        collect(&dom, dom.root, "r", &mut boxes);
        for (key, want) in expected["boxes"].as_object().unwrap() {
            let Some((_, got)) = boxes.iter().find(|(k, _)| k == key) else {
                failures.push(format!("{}: no box {key}", path.display()));
                continue;
            };
            let want: Vec<f32> = want
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap() as f32)
                .collect();
            compared += 1;
            if got.iter().zip(&want).any(|(g, w)| (g - w).abs() > 0.5) {
                failures.push(format!(
                    "{} {key}: got {got:?}, Chromium {want:?}",
                    path.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(compared > 100, "only {compared} boxes compared");
    assert!(
        failures.is_empty(),
        "{} of {compared} boxes differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
