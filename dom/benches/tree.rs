//! Benchmarks of the issue targets: parse + build + first layout of a generated 10k-element app
//! (target < 50 ms) and one variable change → re-layout (target < 0.2 ms).

use criterion::{BatchSize, Criterion, criterion_group};
use kryon_dom::{Value, build};
use std::hint::black_box;
use std::path::Path;

/// The `kryon` binary's allocator, so the figures are what the binary gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// 100 rows × 100 cells: styled containers and texts, one bound text.
fn generated_app() -> String {
    let mut src = String::from(
        "@variables { label: \"start\" }\nstyle \"cell\" { padding: 2 background_color: #EEF }\nApp {\n",
    );
    for row in 0..100 {
        src.push_str("  Container { flex_direction: row gap: 2\n");
        for col in 0..99 {
            if row == 50 && col == 50 {
                src.push_str("    Text { id: \"target\" text: \"$label\" }\n");
            } else if col % 2 == 0 {
                src.push_str(&format!("    Text {{ text: \"{row}.{col}\" }}\n"));
            } else {
                src.push_str("    Container { style: \"cell\" width: 6 height: 6 }\n");
            }
        }
        src.push_str("  }\n");
    }
    src.push_str("}\n");
    src
}

fn benches(c: &mut Criterion) {
    let src = generated_app();
    let mut group = c.benchmark_group("tree");
    group.sample_size(20);
    // The tree is returned so its teardown (about 14 ms of freeing) is not timed: the target is
    // "built and laid out", and an app frees its tree only when it exits or hot-reloads.
    group.bench_function("parse_build_layout_10k", |b| {
        b.iter_with_large_drop(|| {
            let loaded = kryon_markup::load_str(Path::new("bench.kry"), black_box(&src));
            let (mut dom, _) = build(loaded.document);
            dom.update((1200.0, 800.0));
            dom
        })
    });
    let loaded = kryon_markup::load_str(Path::new("bench.kry"), &src);
    let (mut dom, _) = build(loaded.document);
    dom.update((1200.0, 800.0));
    let mut n = 0u64;
    group.sample_size(100);
    group.bench_function("variable_change_relayout_10k", |b| {
        b.iter(|| {
            n += 1;
            dom.set_variable("label", Value::str(format!("label {n}")))
                .ok();
            dom.update((1200.0, 800.0));
        })
    });
    group.finish();
    breakdown(c, &src);
}

/// The phases of `parse_build_layout_10k` measured one by one (to see where the time goes).
fn breakdown(c: &mut Criterion, src: &str) {
    let mut group = c.benchmark_group("breakdown");
    group.sample_size(20);
    group.bench_function("text_engine_new", |b| {
        b.iter(|| black_box(kryon_layout::TextEngine::new()))
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            black_box(kryon_markup::load_str(
                Path::new("bench.kry"),
                black_box(src),
            ))
        })
    });
    group.bench_function("build", |b| {
        b.iter_batched(
            || kryon_markup::load_str(Path::new("bench.kry"), src).document,
            |doc| black_box(build(doc)),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("first_update", |b| {
        b.iter_batched(
            || build(kryon_markup::load_str(Path::new("bench.kry"), src).document).0,
            |mut dom| {
                dom.update((1200.0, 800.0));
                dom
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// One run of the pipeline with phase timings, for profilers (`KRYON_BENCH_ONCE=1`): criterion's
/// warm-up and sampling would drown a callgrind or perf profile.
fn once() {
    let src = generated_app();
    let t = std::time::Instant::now();
    let loaded = kryon_markup::load_str(Path::new("bench.kry"), &src);
    let parse = t.elapsed();
    let (mut dom, _) = build(loaded.document);
    let built = t.elapsed();
    dom.update((1200.0, 800.0));
    let updated = t.elapsed();
    drop(black_box(dom));
    let dropped = t.elapsed();
    println!(
        "parse {parse:?} build {:?} update {:?} drop {:?}",
        built - parse,
        updated - built,
        dropped - updated
    );
}

criterion_group!(tree, benches);

fn main() {
    if std::env::var_os("KRYON_BENCH_ONCE").is_some() {
        for _ in 0..3 {
            once();
        }
        return;
    }
    tree();
    Criterion::default().configure_from_args().final_summary();
}
