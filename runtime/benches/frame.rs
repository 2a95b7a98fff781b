//! Headless frame time for generated 1k- and 10k-element scenes at 800×600: paint (display
//! list) + render (+ readback) on the CPU renderer and, when an adapter exists, on wgpu.
//!
//! The scene is a grid of cards (rounded, bordered containers holding a number and a dot), so a
//! third of the elements draw text, all of them on screen.
#![allow(clippy::unwrap_used, reason = "bench code")]

use criterion::{Criterion, criterion_group, criterion_main};
use kryon_runtime::renderers::OffscreenRenderer;
use kryon_runtime::{AppHost, RendererChoice};
use std::fmt::Write;
use std::time::Duration;

/// The `kryon` binary's allocator, so the figures are what the binary gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// An app of about `elements` elements (3 per card), with cards sized so that all of them fit
/// in the 800×600 window: every element is painted and drawn, nothing is culled.
fn scene(elements: usize) -> String {
    let cards = (elements / 3).max(1);
    let side = ((800.0 * 600.0 / cards as f64).sqrt() - 2.0)
        .floor()
        .max(4.0);
    let (w, h) = (side, (side * 0.8).floor());
    let font = (h * 0.45).clamp(4.0, 12.0);
    let dot = (h * 0.3).max(2.0);
    let mut kry = format!(
        "style \"card\" {{ width: {w}  height: {h}  border: 1 solid \"#C8D0DCFF\"  border_radius: 3\n\
         background_color: \"#FFFFFFFF\"  padding: 1  flex_direction: row  gap: 1 }}\n\
         App {{ window_width: 800  window_height: 600  background_color: \"#F4F6FAFF\"\n\
         flex_direction: row  flex_wrap: wrap  align_content: start  gap: 2  overflow: hidden\n"
    );
    for i in 0..cards {
        let _ = writeln!(
            kry,
            "Container {{ style: \"card\" Text {{ text: \"{i}\" font_size: {font} }} \
             Container {{ width: {dot} height: {dot} background_color: \"#3366CCFF\" border_radius: 2 }} }}"
        );
    }
    kry.push_str("}\n");
    kry
}

fn host_for(elements: usize) -> AppHost {
    let dir = std::env::temp_dir().join(format!("kryon-frame-bench-{elements}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("main.kry");
    std::fs::write(&path, scene(elements)).unwrap();
    let mut host = AppHost::load(&path).unwrap();
    host.set_viewport(800.0, 600.0);
    host
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    for elements in [1_000, 10_000] {
        let mut host = host_for(elements);
        let frame = host.frame_always(1.0);
        let counts = frame.item_counts();
        eprintln!("{elements} elements: {counts:?}");
        group.bench_function(format!("paint_{elements}"), |b| {
            b.iter(|| host.frame_always(1.0));
        });
        for choice in [RendererChoice::Cpu, RendererChoice::Gpu] {
            let Ok(mut renderer) = OffscreenRenderer::new(choice) else {
                eprintln!("no {choice:?} renderer; skipped");
                continue;
            };
            // Uploads happen on the first frame; later frames reuse cached resources.
            renderer.render(&frame).unwrap();
            let name = format!("render_{choice:?}_{elements}").to_lowercase();
            group.bench_function(name, |b| b.iter(|| renderer.render(&frame).unwrap()));
        }
    }
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
