//! The script conformance suite (script-api.md): one case per behaviour in `tests/scripts/<case>/`.
//!
//! Each case has `app.kry` (markup whose script is included with `@script "lua" from "logic.lua"`),
//! one `logic.<ext>` per language, and `test.lua`, a `kryon test` driver script that only uses
//! `app.*` and `expect`. For every language that a case provides, the runner copies the case into a
//! temporary directory, points the `@script` line at that language's file, and runs the driver
//! through [`kryon_runtime::test_driver::run`]. The suite fails with each failing case's name and
//! its `FAIL` lines.

use std::path::{Path, PathBuf};
use std::time::Instant;

/// A script language under test: the markup language name and the logic file it loads.
struct Language {
    name: &'static str,
    file: &'static str,
}

/// Every engine the suite runs. A later JS port adds `Language { name: "js", file: "logic.js" }`.
const LANGUAGES: &[Language] = &[Language {
    name: "lua",
    file: "logic.lua",
}];

/// The `@script` line every case's `app.kry` uses; the runner swaps it per language.
const SCRIPT_LINE: &str = r#"@script "lua" from "logic.lua""#;

/// Cases that fail because of a known implementation gap: `(case, language or "*", reason)`.
const KNOWN_GAPS: &[(&str, &str, &str)] = &[];

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts")
}

fn known_gap(case: &str, language: &str) -> Option<&'static str> {
    KNOWN_GAPS
        .iter()
        .find(|(c, l, _)| *c == case && (*l == "*" || *l == language))
        .map(|(_, _, reason)| *reason)
}

/// Copies a directory tree (cases may hold module folders for `require`).
fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Copies a case into a fresh directory with its `@script` line pointing at `lang`.
fn stage(case_dir: &Path, case: &str, lang: &Language) -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!(
        "kryon-script-conformance-{}-{case}-{}",
        std::process::id(),
        lang.name
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    copy_dir(case_dir, &dir)?;
    let markup = std::fs::read_to_string(case_dir.join("app.kry")).map_err(|e| e.to_string())?;
    if !markup.contains(SCRIPT_LINE) {
        return Err(format!("app.kry does not contain `{SCRIPT_LINE}`"));
    }
    let line = format!(r#"@script "{}" from "{}""#, lang.name, lang.file);
    // Markup `@function`s follow too (their bodies are calls that read the same in every language).
    let markup = markup.replace(SCRIPT_LINE, &line).replace(
        r#"@function "lua""#,
        &format!(r#"@function "{}""#, lang.name),
    );
    std::fs::write(dir.join("app.kry"), markup).map_err(|e| e.to_string())?;
    // The shared `checks`/`no_errors` helpers go in front of the case's driver script.
    let prelude = case_dir
        .parent()
        .map(|p| p.join("prelude.lua"))
        .unwrap_or_default();
    let prelude =
        std::fs::read_to_string(&prelude).map_err(|e| format!("{}: {e}", prelude.display()))?;
    let test = std::fs::read_to_string(case_dir.join("test.lua")).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("test.lua"), format!("{prelude}\n{test}"))
        .map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Runs one case in one language; `Err` carries the failure report.
fn run_case(case_dir: &Path, case: &str, lang: &Language) -> Result<usize, String> {
    let dir = stage(case_dir, case, lang)?;
    let outcome = kryon_runtime::test_driver::run(&dir.join("app.kry"), &dir.join("test.lua"))
        .map_err(|e| format!("app failed to load: {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let outcome = outcome?;
    let mut report: Vec<String> = outcome
        .failures
        .iter()
        .map(|m| format!("FAIL: {m}"))
        .collect();
    if let Some(e) = &outcome.error {
        report.push(format!("test script error: {e}"));
    }
    if outcome.passed == 0 && report.is_empty() {
        report.push("no expectations ran".into());
    }
    if report.is_empty() {
        Ok(outcome.passed)
    } else {
        Err(report.join("\n"))
    }
}

#[test]
fn script_conformance() {
    let start = Instant::now();
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(cases_dir())
        .expect("tests/scripts")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("test.lua").is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in tests/scripts");
    let filter = std::env::var("KRYON_CASE").ok();

    let mut jobs = Vec::new();
    for (case, dir) in &cases {
        if filter.as_deref().is_some_and(|f| !case.contains(f)) {
            continue;
        }
        for lang in LANGUAGES {
            if !dir.join(lang.file).is_file() {
                continue;
            }
            if let Some(reason) = known_gap(case, lang.name) {
                println!("SKIP {case} [{}]: known gap: {reason}", lang.name);
                continue;
            }
            jobs.push((case.clone(), dir.clone(), lang));
        }
    }

    // Each case gets its own thread: apps are single-threaded, cases are independent.
    let results: Vec<(String, &Language, Result<usize, String>, f64)> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .iter()
                .map(|(case, dir, lang)| {
                    let case = case.clone();
                    let dir = dir.clone();
                    std::thread::Builder::new()
                        .name(format!("{case}-{}", lang.name))
                        .stack_size(16 << 20)
                        .spawn_scoped(scope, move || {
                            let t = Instant::now();
                            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                run_case(&dir, &case, lang)
                            }))
                            .unwrap_or_else(|_| Err("panicked".into()));
                            (case, *lang, r, t.elapsed().as_secs_f64())
                        })
                        .expect("spawn")
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("case thread"))
                .collect()
        });

    let mut failures = Vec::new();
    for (case, lang, result, secs) in &results {
        match result {
            Ok(n) => println!("ok   {case} [{}] {n} expectations ({secs:.2}s)", lang.name),
            Err(report) => {
                println!("FAIL {case} [{}] ({secs:.2}s)", lang.name);
                failures.push(format!("{case} [{}]:\n{report}", lang.name));
            }
        }
    }
    println!(
        "{} runs, {} failed, {:.2}s",
        results.len(),
        failures.len(),
        start.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} script conformance case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
