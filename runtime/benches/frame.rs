//! Headless frame time for generated 1k- and 10k-element scenes at 800×600: paint (display
//! list) + render (+ readback) on the CPU renderer and, when an adapter exists, on wgpu.
//!
//! The scene is a grid of cards (rounded, bordered containers holding a label and a value), so
//! roughly a third of the elements draw text.
#![allow(clippy::unwrap_used, reason = "bench code")]

use criterion::{Criterion, criterion_group, criterion_main};
use kryon_runtime::renderers::OffscreenRenderer;
use kryon_runtime::{AppHost, RendererChoice};
use std::fmt::Write;
use std::time::Duration;

/// An app of about `elements` elements (3 per card).
fn scene(elements: usize) -> String {
    let mut kry = String::from(
        "style \"card\" { width: 70  height: 28  border: 1 solid \"#C8D0DCFF\"  border_radius: 4\n\
         background_color: \"#FFFFFFFF\"  padding: 2  flex_direction: row  gap: 2 }\n\
         App { window_width: 800  window_height: 600  background_color: \"#F4F6FAFF\"\n\
         flex_direction: row  flex_wrap: wrap  gap: 2  overflow: hidden\n",
    );
    for i in 0..elements / 3 {
        let _ = writeln!(
            kry,
            "Container {{ style: \"card\" Text {{ text: \"c{i}\" font_size: 10 }} \
             Container {{ width: 8 height: 8 background_color: \"#3366CCFF\" border_radius: 4 }} }}"
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
