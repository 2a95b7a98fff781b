//! Per-frame cost of 1000 simultaneous animations (target ≤ 1 ms): 1000 elements, each running
//! an infinite yoyo tween on opacity, background_color or a transform component;
//! one frame = `advance_animations` + `update`.

use criterion::{Criterion, criterion_group};
use kryon_dom::animate::{Easing, Repeat, TweenSpec};
use kryon_dom::{Value, build};
use std::hint::black_box;
use std::path::Path;

/// The `kryon` binary's allocator, so the figures are what the binary gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn app() -> String {
    let mut src = String::from("App { flex_direction: row flex_wrap: wrap\n");
    for i in 0..1000 {
        src.push_str(&format!(
            "  Container {{ id: \"c{i}\" width: 8 height: 8 background_color: #336699 }}\n"
        ));
    }
    src.push_str("}\n");
    src
}

fn benches(c: &mut Criterion) {
    let loaded = kryon_markup::load_str(Path::new("bench.kry"), &app());
    let (mut dom, _) = build(loaded.document);
    dom.update((800.0, 600.0));
    for i in 0..1000 {
        let element = dom.element_by_id(&format!("c{i}")).expect("element");
        let (property, to) = match i % 3 {
            0 => ("opacity", Value::number(0.2)),
            1 => ("background_color", Value::str("#FF8800")),
            _ => ("rotate", Value::number(180.0)),
        };
        dom.animate(TweenSpec {
            duration_ms: 1000.0,
            easing: Easing::EaseInOut,
            repeat: Repeat::Infinite,
            yoyo: true,
            ..TweenSpec::new(element, property, to)
        })
        .expect("animate");
    }
    let mut now = 0.0;
    let mut group = c.benchmark_group("animate");
    group.bench_function("frame_1000_animations", |b| {
        b.iter(|| {
            now += 16.0;
            let events = dom.advance_animations(black_box(now));
            dom.update((800.0, 600.0));
            black_box(events);
        });
    });
    group.finish();
}

criterion_group!(animate, benches);

fn main() {
    animate();
    Criterion::default().configure_from_args().final_summary();
}
