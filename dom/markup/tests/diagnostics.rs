//! Diagnostics tested by annotation (as in slint's syntax tests).
//!
//! Every `tests/diagnostics/*.kry` file marks the diagnostics it expects with a comment line
//! under the offending line: `//   ^error{K0003}` puts the caret under the diagnostic's first
//! column, and `// <error{K0208}` stands for column 1 (one line may carry several marks, on
//! consecutive comment lines). The test loads each
//! file and compares the expected `(line, column, severity, code)` set with the actual one.

use kryon_markup::{Severity, load_file, render};
use std::path::Path;

type Mark = (usize, usize, &'static str, String);

fn expected(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut target = 0;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let body = trimmed
            .strip_prefix("//")
            .map(str::trim_start)
            .unwrap_or("");
        let (column, rest) = if let Some(rest) = body.strip_prefix('<') {
            (1, rest)
        } else if body.starts_with('^') {
            let caret = line.find('^').unwrap_or(0);
            (line[..caret].chars().count() + 1, &line[caret + 1..])
        } else {
            target = index + 1;
            continue;
        };
        for (severity, tag) in [("error", "error{"), ("warning", "warning{")] {
            if let Some(start) = rest.find(tag) {
                let code = rest[start + tag.len()..]
                    .split('}')
                    .next()
                    .unwrap_or("")
                    .to_owned();
                marks.push((target, column, severity, code));
            }
        }
    }
    marks.sort();
    marks
}

#[test]
fn annotated_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "kry"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = String::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let loaded = load_file(path);
        let map = &loaded.document.sources;
        let mut actual: Vec<Mark> = loaded
            .diagnostics
            .as_slice()
            .iter()
            .map(|d| {
                let (_, line, column) = d.span.and_then(|s| map.location(s)).unwrap_or(("", 0, 0));
                let severity = if d.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                };
                (line, column, severity, d.code.to_owned())
            })
            .collect();
        actual.sort();
        let expected = expected(&text);
        if actual != expected {
            failures.push_str(&format!(
                "{}:\n  expected {expected:?}\n  actual   {actual:?}\n",
                path.display()
            ));
            for d in loaded.diagnostics.as_slice() {
                failures.push_str(&render::render(map, d));
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
}
