//! Benchmarks of the issue targets: parse + build + first layout of a generated 10k-element app
//! (target < 50 ms) and one variable change → re-layout (target < 0.2 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use kryon_dom::{Value, build};
use std::hint::black_box;
use std::path::Path;

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
    group.bench_function("parse_build_layout_10k", |b| {
        b.iter(|| {
            let loaded = kryon_markup::load_str(Path::new("bench.kry"), black_box(&src));
            let (mut dom, _) = build(loaded.document);
            dom.update((1200.0, 800.0));
            black_box(dom.arena.elements.len())
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
}

criterion_group!(tree, benches);
criterion_main!(tree);
