//! CPU renderer benchmarks: synthetic 800×600 scenes of about 1k and 10k elements.
//!
//! Steady-state frames (caches warm, as when a window redraws) and first frames (fresh
//! renderer) are measured separately.
//! The scenes are in `common/scene.rs`, shared with the GPU bench.

#[path = "common/scene.rs"]
mod scene;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kryon_renderer::cpu::CpuRenderer;

fn bench(c: &mut Criterion) {
    for (name, n) in [("1k", 1_000usize), ("10k", 10_000)] {
        let mut renderer = CpuRenderer::new();
        let mut frame = scene::scene(n);
        frame.resources = scene::glyph_uploads();
        let mut target = tiny_skia::Pixmap::new(1, 1).expect("1×1 pixmap");
        // A first frame: fresh caches (glyph uploads, shadow blurs, pools all cold).
        c.bench_function(&format!("cpu_first_frame_{name}_800x600"), |b| {
            b.iter(|| CpuRenderer::new().render_into(black_box(&frame), &mut target))
        });
        renderer.render_into(&frame, &mut target);
        frame.resources.clear();
        c.bench_function(&format!("cpu_render_into_{name}_800x600"), |b| {
            b.iter(|| renderer.render_into(black_box(&frame), &mut target))
        });
        c.bench_function(&format!("cpu_render_rgba_{name}_800x600"), |b| {
            b.iter(|| black_box(renderer.render(black_box(&frame))))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
