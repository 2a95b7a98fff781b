//! GPU renderer benchmarks (headless): the CPU bench's synthetic 800×600 scenes of about 1k and
//! 10k elements, so the two renderers' figures compare directly.
//! The scenes are in `common/scene.rs`.
//!
//! Two measurements per scene: the whole frame including readback into an `RgbaImage`, and
//! the frame without readback (batching, upload, submit, wait for the GPU).

#[path = "common/scene.rs"]
mod scene;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use kryon_renderer::gpu::{GpuOptions, GpuRenderer};

fn bench(c: &mut Criterion) {
    let mut renderer = match GpuRenderer::headless(&GpuOptions::default()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("skipping GPU benches: no adapter ({e})");
            return;
        }
    };
    println!("adapter: {}", renderer.adapter_summary());
    let mut group = c.benchmark_group("gpu");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    for (name, n) in [("1k", 1_000usize), ("10k", 10_000)] {
        let mut frame = scene::scene(n);
        frame.resources = scene::glyph_uploads();
        if let Err(e) = renderer.render_to_image(&frame) {
            eprintln!("skipping GPU benches: {e}");
            return;
        }
        frame.resources.clear();
        let counts = frame.item_counts();
        let stats = renderer.last_stats();
        println!("{name}: {counts:?} -> {stats:?}");
        group.bench_function(format!("render_to_image_{name}_800x600"), |b| {
            b.iter(|| black_box(renderer.render_to_image(black_box(&frame))))
        });
        group.bench_function(format!("render_no_readback_{name}_800x600"), |b| {
            b.iter(|| black_box(renderer.render_offscreen(black_box(&frame), false)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
