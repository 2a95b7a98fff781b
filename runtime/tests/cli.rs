//! The `kryon` binary: exit codes, the diagnostic shape of kry §16.1, and the dump format.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::path::PathBuf;
use std::process::Command;

fn kryon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kryon"))
}

fn write(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kryon-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("app.kry");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn check_reports_every_error_with_location_and_caret_and_exits_1() {
    let path = write(
        "errors",
        "style \"card\" { padding: 4 }\nApp {\n    Container { style: \"cardd\" }\n    Text { color: \"#12345\" }\n}\n",
    );
    let out = kryon().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[K0102]: unknown style \"cardd\" at app.kry:3:24\n"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("3 |     Container { style: \"cardd\" }\n  |                        ^^^^^^^"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= help: did you mean \"card\"?"),
        "{stderr}"
    );
    assert!(stderr.contains("error[K0301]"), "{stderr}");
    assert!(
        stderr
            .trim_end()
            .ends_with("kryon: 2 errors, 0 warnings (app.kry)"),
        "{stderr}"
    );
}

#[test]
fn check_passes_clean_files_and_deny_warnings_fails_on_warnings() {
    let path = write("warn", "App { Text { text: \"hi\" hint: \"custom\" } }\n");
    let ok = kryon().arg("check").arg(&path).output().unwrap();
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stderr).contains("warning[K0104]"));
    let deny = kryon()
        .args(["check", "--deny-warnings"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(deny.status.code(), Some(1));
}

#[test]
fn json_diagnostics_are_one_object_per_line() {
    let path = write("json", "App { Bogus { } }\n");
    let out = kryon()
        .args(["check", "--diagnostics", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr.lines().next().unwrap();
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["code"], "K0103");
    assert_eq!(v["severity"], "error");
    assert_eq!(v["line"], 1);
    assert_eq!(v["column"], 7);
}

#[test]
fn dump_json_gives_absolute_border_boxes() {
    let path = write(
        "dump",
        "App { window_width: 400 window_height: 300 padding: 10\n  Container { id: \"box\" height: 50 margin: 5 }\n}\n",
    );
    let out = kryon()
        .args(["dump", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["type"], "App");
    assert_eq!(
        (v["width"].as_f64(), v["height"].as_f64()),
        (Some(400.0), Some(300.0))
    );
    let b = &v["children"][0];
    assert_eq!(b["id"], "box");
    assert_eq!((b["x"].as_f64(), b["y"].as_f64()), (Some(15.0), Some(15.0)));
    assert_eq!(
        (b["width"].as_f64(), b["height"].as_f64()),
        (Some(370.0), Some(50.0))
    );
    let sized = kryon()
        .args(["dump", "--json", "--size", "200x100"])
        .arg(&path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&sized.stdout).unwrap();
    assert_eq!(v["children"][0]["width"].as_f64(), Some(170.0));
}

#[test]
fn dump_refuses_files_with_errors() {
    let path = write("bad", "App { Text { text: $nope } }\n");
    let out = kryon().arg("dump").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[K0101]"));
    assert!(out.stdout.is_empty());
}

#[test]
fn run_headless_writes_a_screenshot_of_the_app() {
    let path = write(
        "shot",
        "App { window_width: 120  window_height: 80  background_color: \"#3366CCFF\"\n\
         Container { width: 40  height: 20  background_color: \"#FF0000FF\" } }\n",
    );
    let shot = path.with_file_name("shot.png");
    let out = kryon()
        .args(["run", "--headless", "--renderer", "cpu", "--screenshot"])
        .arg(&shot)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let image = image::open(&shot).unwrap().to_rgba8();
    assert_eq!(image.dimensions(), (120, 80));
    assert_eq!(image.get_pixel(10, 10).0, [255, 0, 0, 255]);
    assert_eq!(image.get_pixel(100, 60).0, [0x33, 0x66, 0xCC, 255]);

    // --size overrides the window size.
    let out = kryon()
        .args(["run", "--headless", "--size", "60x30", "--screenshot"])
        .arg(&shot)
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        image::open(&shot).unwrap().to_rgba8().dimensions(),
        (60, 30)
    );
}

#[test]
fn run_refuses_an_app_with_errors_and_shows_them() {
    let path = write("run-errors", "App { Container { style: \"nope\" } }\n");
    let out = kryon()
        .args(["run", "--headless", "--screenshot", "/dev/null"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[K0102]"), "{stderr}");
    assert!(stderr.contains("not running it"), "{stderr}");
}

#[test]
fn run_without_a_display_falls_back_to_a_headless_screenshot() {
    let path = write("nodisplay", "App { window_width: 50  window_height: 40 }\n");
    let dir = path.parent().unwrap().to_path_buf();
    let out = kryon()
        .current_dir(&dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .arg("run")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no display found"), "{stderr}");
    assert_eq!(
        image::open(dir.join("app.png"))
            .unwrap()
            .to_rgba8()
            .dimensions(),
        (50, 40)
    );
}

fn workspace_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

#[test]
fn test_drives_the_motion_demo_and_exits_0_when_every_expectation_holds() {
    let out = kryon()
        .arg("test")
        .arg(workspace_file("apps/motion/main.kry"))
        .arg(workspace_file("apps/motion/test.lua"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.ends_with("8 passed, 0 failed\n"), "{stdout}");
}

#[test]
fn test_prints_failures_and_exits_1_and_exits_2_when_the_app_does_not_load() {
    let app = write(
        "test-fail",
        "@variables { n: 0 }\nApp { Button { id: \"b\" text: \"$n\" onClick: \"inc\" } }\n@function \"lua\" inc() { n = n + 1 }\n",
    );
    let script = app.with_file_name("t.lua");
    std::fs::write(
        &script,
        "app.click(\"#b\")\nexpect(app.var(\"n\") == 1, \"one click\")\nexpect(app.get(\"#b\").text == \"5\", \"shows five\")\n",
    )
    .unwrap();
    let out = kryon().arg("test").arg(&app).arg(&script).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(stdout, "FAIL: shows five\n1 passed, 1 failed\n");

    let broken = write("test-broken", "App { Text { color: \"#12345\" } }\n");
    let out = kryon()
        .arg("test")
        .arg(&broken)
        .arg(&script)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "the script does not run");
}
