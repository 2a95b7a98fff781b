//! Cost of one bridge call from Lua: `el.text = x`, `el:setProperty("text", x)`, `el.text`, and
//! two floors in the same loop: a bare mlua native call with no arguments (`floor_call`), and a
//! bare native function taking what a write takes (`floor_args`: the element userdata, the key
//! string and the value string) and doing nothing. Run:
//! `cargo bench -p kryon-scripting --bench bridge`.

use criterion::{Criterion, criterion_group, criterion_main};
use kryon_scripting::lua::LuaEngine;
use kryon_scripting::lua::testing::{RecordingBridge, engine_with};
use kryon_scripting::{Engine, FunctionRef, Limits, UnitSource, Value};
use mlua::{AnyUserData, LuaString};
use std::time::{Duration, Instant};

/// The `kryon` binary's allocator, so the figures are what the binary gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const LOOPS: &str = r#"
local el = getElementById("save")
function field_write(n) for i = 1, n do el.text = "x" end end
function method_call(n) for i = 1, n do el:setProperty("text", "x") end end
function field_read(n) local t for i = 1, n do t = el.text end end
function floor_call(n) local f = __floor for i = 1, n do f() end end
function floor_args(n) local f = __floor_args for i = 1, n do f(el, "text", "x") end end
function empty_loop(n) for i = 1, n do end end
"#;

fn setup() -> (std::rc::Rc<RecordingBridge>, LuaEngine) {
    let (bridge, engine) = engine_with(RecordingBridge::default());
    engine.set_limits(Limits {
        instructions: 0,
        time_ms: None,
        ..Limits::default()
    });
    let floor = engine
        .lua()
        .create_function(|_, ()| Ok(()))
        .expect("floor function");
    let floor_args = engine
        .lua()
        .create_function(|_, _: (AnyUserData, LuaString, LuaString)| Ok(()))
        .expect("floor function with arguments");
    let globals = engine.lua().globals();
    globals.set("__floor", floor).expect("floor global");
    globals
        .set("__floor_args", floor_args)
        .expect("floor_args global");
    engine
        .run_unit(&UnitSource {
            chunk_name: "bench.lua".into(),
            code: LOOPS.into(),
            first_line: 1,
        })
        .expect("loops");
    bridge.quiet.set(true);
    (bridge, engine)
}

fn timed(engine: &LuaEngine, f: FunctionRef, iters: u64) -> Duration {
    let start = Instant::now();
    engine
        .call(f, vec![Value::Int(iters as i64)])
        .expect("loop runs");
    start.elapsed()
}

fn bench(c: &mut Criterion) {
    let (_bridge, engine) = setup();
    let mut group = c.benchmark_group("lua_bridge");
    for name in [
        "field_write",
        "method_call",
        "field_read",
        "floor_call",
        "floor_args",
        "empty_loop",
    ] {
        let f = engine.global_function(name).expect("defined");
        group.bench_function(name, |b| b.iter_custom(|iters| timed(&engine, f, iters)));
    }
    group.finish();
}

/// The same loops through the real host: `Session` over a built tree, so a write goes all the
/// way to the element's own property and dirty flags.
const APP: &str = r##"
App {
    script_instruction_limit: 0
    script_time_limit: 0
    Text { id: "save"  text: "start" }
}
@script "lua" {
    local el = getElementById("save")
    function field_write(n) for i = 1, n do el.text = "x" end end
    function method_call(n) for i = 1, n do el:setProperty("text", "x") end end
    function field_read(n) local t for i = 1, n do t = el.text end end
    local values = { "x", "y" }
    function field_write_changing(n) for i = 1, n do el.text = values[i % 2 + 1] end end
    local many = {}
    for i = 1, 1000 do many[i] = "value " .. i end
    function field_write_unique(n) for i = 1, n do el.text = many[i % 1000 + 1] end end
}
"##;

fn bench_host(c: &mut Criterion) {
    let loaded = kryon_markup::load_str(std::path::Path::new("bench.kry"), APP);
    let (dom, _) = kryon_dom::build(loaded.document);
    let session = kryon_scripting::Session::start(
        dom,
        kryon_scripting::SessionOptions {
            app_dir: std::env::temp_dir(),
            headless: true,
            viewport: (800.0, 600.0),
            echo_logs: false,
        },
    );
    let mut group = c.benchmark_group("host_bridge");
    for name in [
        "field_write",
        "method_call",
        "field_read",
        "field_write_changing",
        "field_write_unique",
    ] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                session
                    .call(name, vec![Value::Int(iters as i64)])
                    .expect("loop runs");
                start.elapsed()
            })
        });
    }
    group.finish();
    assert!(session.errors().is_empty(), "{:?}", session.errors());
}

criterion_group!(benches, bench, bench_host);
criterion_main!(benches);
