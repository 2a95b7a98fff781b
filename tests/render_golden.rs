//! Golden images: every app in `tests/render/apps/` is rendered headless by the CPU renderer and
//! compared with `tests/render/golden/NAME.png` within a tolerance. When a GPU adapter exists
//! (CI installs lavapipe), the same apps are rendered with wgpu and compared with the CPU output.
//!
//! `KRYON_BLESS=1 cargo test -p kryon-tests --test render_golden` rewrites the goldens (look at
//! them before committing). A failing comparison writes `actual`/`expected` PNGs to
//! `target/golden-failures/`.
#![allow(clippy::unwrap_used, reason = "test code")]

use kryon_renderer::RgbaImage;
use kryon_runtime::headless::{self, HeadlessOptions};
use kryon_runtime::renderers::OffscreenRenderer;
use kryon_runtime::{AppHost, RendererChoice};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("render")
}

fn apps() -> Vec<PathBuf> {
    let mut apps: Vec<PathBuf> = std::fs::read_dir(root().join("apps"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "kry"))
        .collect();
    apps.sort();
    assert!(apps.len() >= 12, "expected a dozen golden apps");
    apps
}

fn render(app: &Path, choice: RendererChoice) -> Option<RgbaImage> {
    let mut host = AppHost::load(app).unwrap_or_else(|e| panic!("{e}"));
    let options = HeadlessOptions {
        frames: 1,
        size: None,
        renderer: choice,
    };
    match headless::run(&mut host, &options) {
        Ok(report) => Some(report.image),
        Err(error) if choice == RendererChoice::Gpu => {
            eprintln!("skipping GPU comparison: {error:#}");
            None
        }
        Err(error) => panic!("{}: {error:#}", app.display()),
    }
}

fn load_png(path: &Path) -> RgbaImage {
    let image = image::open(path)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run with KRYON_BLESS=1 to create it)",
                path.display()
            )
        })
        .to_rgba8();
    RgbaImage {
        width: image.width(),
        height: image.height(),
        pixels: image.into_raw(),
    }
}

/// Writes a PNG with maximum compression (goldens live in git).
fn save_png(image: &RgbaImage, path: &Path) {
    use image::ImageEncoder;
    let file = std::fs::File::create(path).unwrap();
    image::codecs::png::PngEncoder::new_with_quality(
        std::io::BufWriter::new(file),
        image::codecs::png::CompressionType::Best,
        image::codecs::png::FilterType::Adaptive,
    )
    .write_image(
        &image.pixels,
        image.width,
        image.height,
        image::ExtendedColorType::Rgba8,
    )
    .unwrap();
}

fn save_failure(name: &str, actual: &RgbaImage, expected: &RgbaImage) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/golden-failures");
    std::fs::create_dir_all(&dir).unwrap();
    save_png(actual, &dir.join(format!("{name}.actual.png")));
    save_png(expected, &dir.join(format!("{name}.expected.png")));
    dir
}

fn name_of(app: &Path) -> String {
    app.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn cpu_renders_match_goldens() {
    let bless = std::env::var_os("KRYON_BLESS").is_some();
    let mut failures = Vec::new();
    for app in apps() {
        let name = name_of(&app);
        let actual = render(&app, RendererChoice::Cpu).unwrap();
        let golden = root().join("golden").join(format!("{name}.png"));
        if bless {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            save_png(&actual, &golden);
            continue;
        }
        let expected = load_png(&golden);
        // Same renderer, same bundled fonts: only SIMD rounding may differ between machines.
        match actual.diff(&expected, 8) {
            Some(d) if d.differing_fraction <= 0.0005 => {}
            other => {
                let dir = save_failure(&name, &actual, &expected);
                failures.push(format!("{name}: {other:?} (images in {})", dir.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn gpu_renders_match_cpu() {
    if OffscreenRenderer::new(RendererChoice::Gpu).is_err() {
        eprintln!("no GPU adapter: skipping the wgpu vs CPU comparison");
        return;
    }
    let mut failures = Vec::new();
    for app in apps() {
        let name = name_of(&app);
        let cpu = render(&app, RendererChoice::Cpu).unwrap();
        let Some(gpu) = render(&app, RendererChoice::Gpu) else {
            return;
        };
        // Anti-aliasing and blur approximations differ slightly; a wrong colour, a missing
        // shape or a misplaced glyph does not fit in this budget.
        match gpu.diff(&cpu, 40) {
            Some(d) if d.differing_fraction <= 0.002 && d.mean_abs_diff < 0.5 => {
                eprintln!("{name}: gpu vs cpu {d:?}");
            }
            other => {
                let dir = save_failure(&format!("{name}.gpu"), &gpu, &cpu);
                failures.push(format!("{name}: {other:?} (images in {})", dir.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "GPU/CPU mismatches:\n{}",
        failures.join("\n")
    );
}
