//! Runs every `compat_scripts/<app>.lua` against its corpus app through `kryon test`'s driver
//! (script-api §10): every expectation holds, the script raises no error and the app reports no
//! script error (`app.errors()` is empty). Screenshots go to the system temp folder, and a few
//! canvas pixels are checked there. Skips when `../shared/compat/kryon-examples` is absent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use kryon_tests::corpus_dir;
use std::path::{Path, PathBuf};

/// Apps whose scripts are expected to report script errors (none so far).
const EXPECT_APP_ERRORS: &[&str] = &[];

fn shot_dir() -> PathBuf {
    let dir = std::env::temp_dir().join("kryon-compat-scripts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies the script to the temp folder with its screenshots redirected there and, unless the
/// app is expected to error, a final `app.errors()` check; runs it; returns the screenshot dir.
fn run(name: &str, app: &str) -> Option<PathBuf> {
    let Some(corpus) = corpus_dir() else {
        eprintln!("skipping {name}: compat corpus ../shared/compat/kryon-examples not found");
        return None;
    };
    let app_path = corpus.join(app);
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("compat_scripts")
        .join(format!("{name}.lua"));
    let dir = shot_dir();
    let prefix = dir
        .to_string_lossy()
        .replace('\\', "/")
        .replace('"', "\\\"");
    let mut code = std::fs::read_to_string(&script)
        .unwrap()
        .replace("app.screenshot(\"", &format!("app.screenshot(\"{prefix}/"));
    if !EXPECT_APP_ERRORS.contains(&name) {
        code.push_str(
            "\nlocal __errs = app.errors()\n\
             expect(#__errs == 0, \"compat_scripts.rs: app.errors() is empty, first: \" \
             .. tostring(__errs[1] and (__errs[1].code .. \" \" .. __errs[1].message)))\n",
        );
    }
    let staged = dir.join(format!("{name}.lua"));
    std::fs::write(&staged, code).unwrap();
    let outcome = kryon_runtime::test_driver::run(&app_path, &staged)
        .unwrap_or_else(|e| panic!("{app} failed to load: {e:?}"));
    assert!(
        outcome.error.is_none(),
        "{name}: test script error: {:?}",
        outcome.error
    );
    assert_eq!(
        outcome.failed, 0,
        "{name}: failed expectations: {:#?}",
        outcome.failures
    );
    assert!(outcome.passed > 0, "{name}: no expectations ran");
    Some(dir)
}

/// The RGB of the screenshot pixel at (x, y).
fn pixel(path: &Path, x: u32, y: u32) -> [u8; 3] {
    let img = image::open(path).unwrap().to_rgba8();
    let p = img.get_pixel(x, y).0;
    [p[0], p[1], p[2]]
}

fn near(got: [u8; 3], want: [u8; 3]) -> bool {
    got.iter().zip(want).all(|(a, b)| a.abs_diff(b) <= 8)
}

macro_rules! compat_script {
    ($name:ident, $app:expr) => {
        #[test]
        fn $name() {
            run(stringify!($name), $app);
        }
    };
}

compat_script!(counter_simple, "03_Buttons_and_Events/counter_simple.kry");
compat_script!(button, "03_Buttons_and_Events/button.kry");
compat_script!(dropdown, "02_Layouts/dropdown.kry");
compat_script!(
    dropdown_simple,
    "04_User_Input_Controls/dropdown_simple.kry"
);
compat_script!(tabbar_simple, "04_User_Input_Controls/tabbar_simple.kry");
compat_script!(
    simple_ternary_test,
    "06_Managing_State/simple_ternary_test.kry"
);
compat_script!(
    ternary_simple_test,
    "06_Managing_State/ternary_simple_test.kry"
);
compat_script!(ternary_test, "06_Managing_State/ternary_test.kry");
compat_script!(
    for_loop_demo,
    "07_Conditional_Rendering_and_Loops/for_loop_demo.kry"
);
compat_script!(calculator, "99_Showcase_Apps/Calculator/calculator.kry");
compat_script!(
    canvas_simple,
    "09_Canvas_and_Custom_Drawing/canvas_simple.kry"
);
compat_script!(
    minimal_bundle_demo,
    "10_Embedding_Views/minimal_bundle_demo.kry"
);

#[test]
fn canvas_with_script() {
    let Some(dir) = run(
        "canvas_with_script",
        "09_Canvas_and_Custom_Drawing/canvas_with_script.kry",
    ) else {
        return;
    };
    let shot = dir.join("kryon-compat-canvas_with_script.png");
    // canvas at (0, 0): blue rect (50,50 100x80), red circle at (200,100), purple triangle
    for (x, y, want, what) in [
        (100, 90, [0, 128, 255], "blue rect"),
        (200, 100, [255, 0, 0], "red circle"),
        (150, 235, [204, 51, 204], "purple triangle"),
        (375, 280, [255, 255, 255], "white window background"),
    ] {
        let got = pixel(&shot, x, y);
        assert!(
            near(got, want),
            "{what} at ({x}, {y}): got {got:?}, want {want:?}"
        );
    }
}

#[test]
fn canvas_demo() {
    let Some(dir) = run(
        "canvas_demo",
        "09_Canvas_and_Custom_Drawing/canvas_demo.kry",
    ) else {
        return;
    };
    let shot = dir.join("kryon-compat-canvas_demo.png");
    // canvas content box at (102, 97): green rect at local (50..150, 100..180), yellow circle
    // at local (300, 150), dark clearCanvas elsewhere
    for (x, y, want, what) in [
        (202, 237, [0, 255, 0], "green rect"),
        (402, 247, [255, 255, 0], "yellow circle"),
        (140, 330, [30, 30, 30], "cleared canvas"),
    ] {
        let got = pixel(&shot, x, y);
        assert!(
            near(got, want),
            "{what} at ({x}, {y}): got {got:?}, want {want:?}"
        );
    }
}

#[test]
fn canvas_lifecycle_demo() {
    let Some(dir) = run(
        "canvas_lifecycle_demo",
        "09_Canvas_and_Custom_Drawing/canvas_lifecycle_demo.kry",
    ) else {
        return;
    };
    let before = image::open(dir.join("kryon-compat-canvas_lifecycle_demo-0.png"))
        .unwrap()
        .to_rgba8();
    let after = image::open(dir.join("kryon-compat-canvas_lifecycle_demo.png"))
        .unwrap()
        .to_rgba8();
    assert_ne!(before, after, "the scene animates between frame 0 and 1 s");
    let shot = dir.join("kryon-compat-canvas_lifecycle_demo.png");
    // after 60 frames the red circle moved from (100, 100) to (220, 160)
    for (x, y, want, what) in [
        (220, 160, [255, 0, 0], "red circle after 1 s"),
        (500, 350, [25, 25, 25], "dark background rect"),
        (700, 500, [255, 255, 255], "window outside the canvas"),
    ] {
        let got = pixel(&shot, x, y);
        assert!(
            near(got, want),
            "{what} at ({x}, {y}): got {got:?}, want {want:?}"
        );
    }
}
