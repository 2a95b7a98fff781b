//! Per-frame cost of script work through the whole scheduler (`AppHost::tick` on the virtual
//! clock): 1000 interval timers firing every frame, 1000 timers pending, and 1000 script
//! animations running at once (advance + style + layout + display list).
#![allow(clippy::unwrap_used, reason = "bench code")]

use criterion::{Criterion, criterion_group, criterion_main};
use kryon_runtime::AppHost;
use kryon_runtime::harness::FRAME_MS;
use std::time::Duration;

/// The `kryon` binary's allocator, so the figures are what the binary gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn host_for(name: &str, kry: &str) -> AppHost {
    let dir = std::env::temp_dir().join(format!("kryon-scripts-bench-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("main.kry");
    std::fs::write(&path, kry).unwrap();
    let mut host = AppHost::load_headless(&path).unwrap();
    host.set_viewport(800.0, 600.0);
    host.tick(0.0, 1.0);
    host
}

const INTERVALS: &str = r##"
@variables { fired: 0 }
App { Text { text: "timers" } }
@script "lua" {
    local n = 0
    for i = 1, 1000 do setInterval(function() n = n + 1 end, 1) end
}
"##;

const PENDING: &str = r##"
App { Text { text: "timers" } }
@script "lua" {
    for i = 1, 1000 do setTimeout(function() end, 1e9 + i) end
}
"##;

const ANIMATIONS: &str = r##"
App { flex_direction: row  flex_wrap: wrap  gap: 2 }
@script "lua" {
    local props = { "opacity", "background_color", "rotate" }
    local tos = { 0.2, "#CC3366FF", 90 }
    local root = kryon.getRoot()
    for i = 1, 1000 do
        local el = kryon.createElement("Container", { width = 20, height = 14, background_color = "#3366CCFF" })
        root:appendChild(el)
        local k = (i - 1) % 3 + 1
        kryon.animate(el, { property = props[k], to = tos[k], duration = 1000, ["repeat"] = "infinite", yoyo = true, easing = "linear" })
    end
}
"##;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("scripts");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(6));
    for (name, kry) in [
        ("tick_1000_intervals_firing", INTERVALS),
        ("tick_1000_timers_pending", PENDING),
        ("tick_1000_animations", ANIMATIONS),
    ] {
        let mut host = host_for(name, kry);
        let mut now = 0.0;
        group.bench_function(name, |b| {
            b.iter(|| {
                now += FRAME_MS;
                host.tick(now, 1.0)
            });
        });
        assert!(
            host.session().errors().is_empty(),
            "{:?}",
            host.session().errors()
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
