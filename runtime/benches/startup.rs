//! Process start → first headless frame written, for the hello-world app, with each renderer.
//!
//! Spawns the real `kryon` binary (`run --headless --frames 1 --screenshot`), so the figure
//! includes exec, dynamic linking, font loading, parse, build, layout, paint, renderer
//! start-up, render and the PNG write.
#![allow(clippy::unwrap_used, reason = "bench code")]

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn startup(c: &mut Criterion) {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../apps/hello/main.kry");
    let out = std::env::temp_dir().join("kryon-startup-bench.png");
    let mut group = c.benchmark_group("startup");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    for renderer in ["cpu", "gpu", "auto"] {
        let probe = Command::new(env!("CARGO_BIN_EXE_kryon"))
            .args(["run", "--headless", "--renderer", renderer])
            .arg(&app)
            .output()
            .unwrap();
        if !probe.status.success() {
            eprintln!(
                "skipping renderer {renderer}: {}",
                String::from_utf8_lossy(&probe.stderr)
            );
            continue;
        }
        group.bench_function(format!("hello_first_frame_{renderer}"), |b| {
            b.iter(|| {
                let status = Command::new(env!("CARGO_BIN_EXE_kryon"))
                    .args(["run", "--headless", "--frames", "1", "--renderer", renderer])
                    .arg("--screenshot")
                    .arg(&out)
                    .arg(&app)
                    .status()
                    .unwrap();
                assert!(status.success());
            });
        });
    }
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
