//! Headless runs: build the app, render frames offscreen, write a screenshot.
//!
//! No display, no window: `kryon run --headless`. Frames run on the virtual clock, one frame
//! interval apart (script-api §1.5), so timers and animations advance deterministically. A
//! frame is rendered only when the app changed (an idle app renders its first frame and then
//! nothing), so `--frames N` costs one render per frame that actually had changes.

use crate::host::AppHost;
use crate::renderers::{OffscreenRenderer, RendererChoice};
use anyhow::Context;
use kryon_renderer::RgbaImage;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a headless run should do.
#[derive(Debug, Clone)]
pub struct HeadlessOptions {
    /// Frames to run (at least 1).
    pub frames: u32,
    /// Viewport in logical px (default: the app's window size).
    pub size: Option<(u32, u32)>,
    /// Which renderer.
    pub renderer: RendererChoice,
}

/// What a headless run did.
#[derive(Debug)]
pub struct HeadlessReport {
    /// The renderer used, for `--verbose`.
    pub renderer: String,
    /// Frames that had changes and were rendered.
    pub frames_rendered: u32,
    /// The last rendered image.
    pub image: RgbaImage,
    /// Time spent creating the renderer.
    pub renderer_init: Duration,
    /// Time spent in the first frame (passes + paint + render + readback).
    pub first_frame: Duration,
}

/// Runs `host` headless.
pub fn run(host: &mut AppHost, options: &HeadlessOptions) -> anyhow::Result<HeadlessReport> {
    let window = host.window_config();
    let (w, h) = options.size.unwrap_or((window.width, window.height));
    host.set_viewport(w as f32, h as f32);
    let scale = host.app_scale();

    let started = Instant::now();
    let mut renderer = OffscreenRenderer::new(options.renderer).context("creating the renderer")?;
    let renderer_init = started.elapsed();
    tracing::info!("renderer: {} ({renderer_init:.1?})", renderer.describe());

    let first_started = Instant::now();
    let frame = host.frame_always(scale);
    for line in host.take_rendered_diagnostics() {
        eprintln!("{line}");
    }
    let mut image = renderer.render(&frame).context("rendering frame 1")?;
    let first_frame = first_started.elapsed();
    let mut frames_rendered = 1;
    for n in 2..=options.frames.max(1) {
        let now = f64::from(n - 1) * crate::harness::FRAME_MS;
        let frame = host.tick(now, scale);
        for line in host.take_rendered_diagnostics() {
            eprintln!("{line}");
        }
        if let Some(frame) = frame {
            image = renderer
                .render(&frame)
                .with_context(|| format!("rendering frame {n}"))?;
            frames_rendered += 1;
        }
    }
    Ok(HeadlessReport {
        renderer: renderer.describe(),
        frames_rendered,
        image,
        renderer_init,
        first_frame,
    })
}

/// Writes an image as PNG.
pub fn write_png(image: &RgbaImage, path: &Path) -> anyhow::Result<()> {
    image::save_buffer_with_format(
        path,
        &image.pixels,
        image.width,
        image.height,
        image::ExtendedColorType::Rgba8,
        image::ImageFormat::Png,
    )
    .with_context(|| format!("writing {}", path.display()))
}
