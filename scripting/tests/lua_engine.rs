//! The Lua engine against a recording bridge: conversions, generated bindings, reactive globals,
//! the sandbox, limits, line mapping, tasks and handle identity.
#![cfg(feature = "lua")]

use kryon_scripting::api::Op;
use kryon_scripting::lua::LuaEngine;
use kryon_scripting::lua::testing::{RecordingBridge, engine_with, engine_with_options};
use kryon_scripting::{
    Engine, EngineOptions, FunctionSource, Limits, ScriptError, TaskStep, UnitSource, Value,
};
use std::rc::Rc;

fn unit(code: &str) -> UnitSource {
    UnitSource {
        chunk_name: "app.kry".into(),
        code: code.into(),
        first_line: 1,
    }
}

fn run(engine: &LuaEngine, code: &str) -> Result<Vec<String>, ScriptError> {
    engine.run_unit(&unit(code))
}

fn ok(engine: &LuaEngine, code: &str) {
    if let Err(e) = run(engine, code) {
        panic!("{code}\n{e}");
    }
}

fn eval(engine: &LuaEngine, expr: &str) -> Value {
    ok(engine, &format!("function __eval() return {expr} end"));
    let f = engine.global_function("__eval").expect("defined");
    engine.call(f, vec![]).unwrap_or_else(|e| panic!("{e}"))
}

fn new() -> (Rc<RecordingBridge>, LuaEngine) {
    engine_with(RecordingBridge::default())
}

#[test]
fn conversions_keep_subtypes_arrays_objects_and_refuse_cycles_and_depth() {
    let (_b, e) = new();
    assert_eq!(eval(&e, "3"), Value::Int(3));
    assert_eq!(eval(&e, "8 / 2"), Value::Float(4.0));
    assert!(matches!(eval(&e, "0/0"), Value::Float(f) if f.is_nan()));
    assert_eq!(
        eval(&e, "{1, 'a', true}"),
        Value::Array(vec![Value::Int(1), Value::str("a"), Value::Bool(true)])
    );
    let Value::Object(o) = eval(&e, "{b = 1, a = 2, [3] = 'x'}") else {
        panic!("object");
    };
    assert_eq!(o.keys().collect::<Vec<_>>(), vec!["3", "a", "b"]);
    assert_eq!(eval(&e, "{}"), Value::Object(Default::default()));
    assert_eq!(eval(&e, "kryon.array()"), Value::Array(vec![]));
    assert_eq!(eval(&e, "kryon.array({})"), Value::Array(vec![]));
    // Arrays into Lua keep the marker, so an empty array round-trips.
    let f = {
        ok(&e, "function echo(x) return x end");
        e.global_function("echo").expect("echo")
    };
    assert_eq!(
        e.call(f, vec![Value::Array(vec![])]).expect("echo"),
        Value::Array(vec![])
    );
    assert_eq!(e.call(f, vec![Value::Int(7)]).expect("echo"), Value::Int(7));
    let cyc = run(&e, "local t = {} t.self = t kryon.setVariable('x', t)").expect_err("cycle");
    assert_eq!(cyc.code, "S0109");
    assert!(cyc.message.contains("cyclic value"), "{}", cyc.message);
    let deep = run(
        &e,
        "local t = {} local c = t for i = 1, 70 do c.x = {} c = c.x end kryon.setVariable('x', t)",
    )
    .expect_err("depth");
    assert_eq!(deep.code, "S0109");
    assert!(
        deep.message.contains("nested deeper than 64"),
        "{}",
        deep.message
    );
    let bad = run(&e, "kryon.setVariable('x', {[1.5] = 1})").expect_err("float key");
    assert_eq!(bad.code, "S0109");
    let th = run(&e, "kryon.setVariable('x', coroutine.create(print))").expect_err("thread");
    assert_eq!(th.code, "S0109");
    // Functions become references kept until released.
    let Value::Function(r) = eval(&e, "function() return 5 end") else {
        panic!("function");
    };
    assert_eq!(e.call(r, vec![]).expect("call"), Value::Int(5));
    e.release(r);
    assert_eq!(e.call(r, vec![]).expect_err("released").code, "S0121");
}

#[test]
fn bindings_reach_the_bridge_with_receiver_first_and_standard_argument_errors() {
    let (b, e) = new();
    ok(
        &e,
        "local el = getElementById('save')\nel:setText('hi')\nel.text = 'x'\nlocal t = el.width\n\
         kryon.addClass(el, 'big')\nel:setProperty('text', 3)",
    );
    let el = Value::Element(kryon_dom::ElementId::default());
    assert_eq!(
        b.calls_of(Op::GetElementById),
        vec![vec![Value::str("save")]]
    );
    assert_eq!(
        b.calls_of(Op::SetNamed("text")),
        vec![vec![el.clone(), Value::str("hi")]]
    );
    assert_eq!(
        b.calls_of(Op::SetField),
        vec![vec![el.clone(), Value::str("text"), Value::str("x")]]
    );
    assert_eq!(
        b.calls_of(Op::GetField),
        vec![vec![el.clone(), Value::str("width")]]
    );
    assert_eq!(
        b.calls_of(Op::SetProperty),
        vec![vec![el.clone(), Value::str("text"), Value::Int(3)]]
    );
    let err = run(&e, "local el = getElementById('a')\nel:addClass()").expect_err("bad arg");
    assert_eq!(err.code, "S0103");
    assert_eq!(
        err.message,
        "addClass: argument 1 (name): expected string, got nil"
    );
    assert_eq!(err.location.map(|l| l.line), Some(2));
    // A bridge error keeps its code and can be caught.
    let removed = run(&e, "getElementById('a'):remove()").expect_err("removed");
    assert_eq!(removed.code, "S0104");
    ok(
        &e,
        "local okk, err = pcall(function() getElementById('a'):remove() end)\nassert(not okk)\n\
         assert(tostring(err):find('was removed'))",
    );
    // print joins with tabs and logs with the line.
    ok(&e, "\n\nprint('a', 1, nil, true)");
    assert_eq!(
        b.calls_of(Op::LogAt("info")),
        vec![vec![Value::str("a\t1\tnil\ttrue")]]
    );
}

#[test]
fn invalid_utf8_becomes_replacement_characters_with_warning_s0204() {
    let (b, e) = new();
    ok(
        &e,
        "local el = getElementById('save')\nel.text = 'caf\\xe9'\n\
         el:setProperty('note\\xff', 'ok')\nkryon.addClass(el, 'a\\xffb')",
    );
    let el = Value::Element(kryon_dom::ElementId::default());
    assert_eq!(
        b.calls_of(Op::SetField),
        vec![vec![
            el.clone(),
            Value::str("text"),
            Value::str("caf\u{FFFD}")
        ]]
    );
    assert_eq!(
        b.calls_of(Op::SetProperty),
        vec![vec![
            el.clone(),
            Value::str("note\u{FFFD}"),
            Value::str("ok")
        ]]
    );
    assert_eq!(
        b.calls_of(Op::AddClass),
        vec![vec![el, Value::str("a\u{FFFD}b")]]
    );
    let warnings = b.calls_of(Op::Warn);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    for (w, line) in warnings.iter().zip([2, 3, 4]) {
        assert_eq!(w[0], Value::str("S0204"));
        let message = w[1].as_str().unwrap_or_default();
        assert!(message.contains("U+FFFD"), "{message}");
        assert!(
            message.ends_with(&format!("at app.kry:{line}")),
            "{message}"
        );
    }
    // Valid UTF-8 crosses unchanged and without a warning.
    ok(&e, "getElementById('save').text = 'caf\u{E9} \u{2713}'");
    assert_eq!(b.calls_of(Op::Warn).len(), 3);
    assert_eq!(
        b.calls_of(Op::SetField)
            .last()
            .and_then(|a| a.get(2).cloned()),
        Some(Value::str("caf\u{E9} \u{2713}"))
    );
}

#[test]
fn handles_are_identity_stable_and_describe_themselves() {
    let (_b, e) = new();
    ok(
        &e,
        "local a, b = getElementById('x'), getRootElement()\nassert(a == b)\nassert(rawequal(a, b))\n\
         local t = {} t[a] = 1 assert(t[b] == 1)\nassert(tostring(a) == 'Button#save')\n\
         local anim = kryon.animate(a, {property = 'opacity', to = 1})\nassert(anim.state == 'running')\n\
         anim:cancel()",
    );
}

#[test]
fn events_get_methods_and_prevent_default_marks_the_table() {
    let (b, e) = new();
    ok(
        &e,
        "function h(ev) ev:preventDefault() return ev.defaultPrevented and ev.type end",
    );
    let f = e.global_function("h").expect("h");
    let ev = kryon_scripting::EventValue {
        dispatch: 9,
        fields: [("type".to_string(), Value::str("click"))]
            .into_iter()
            .collect(),
    };
    let r = e
        .call(f, vec![Value::Event(Box::new(ev.clone()))])
        .expect("call");
    assert_eq!(r, Value::str("click"));
    assert_eq!(
        b.calls_of(Op::PreventDefault),
        vec![vec![Value::Event(Box::new(ev))]]
    );
}

#[test]
fn reactive_globals_read_write_and_refuse_rawset() {
    let (b, e) = new();
    b.variables
        .borrow_mut()
        .insert("count".into(), Value::Int(1));
    e.install_variables(&["count".to_string()]);
    ok(
        &e,
        "count = count + 1\nplain = 3\nassert(rawget(_G, 'plain') == 3)",
    );
    assert_eq!(b.variables.borrow()["count"], Value::Int(2));
    let err = run(&e, "rawset(_G, 'count', 5)").expect_err("rawset");
    assert_eq!(err.code, "S0112");
    ok(&e, "rawset(_G, 'other', 5) assert(other == 5)");
}

#[test]
fn sandbox_escapes_fail_with_clear_errors() {
    let dir = std::env::temp_dir().join(format!("kryon-lua-sandbox-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("app/lib")).expect("dir");
    std::fs::write(dir.join("x.lua"), "return 1").expect("outside");
    std::fs::write(dir.join("app/lib/util.lua"), "return {n = 42}").expect("module");
    let options = EngineOptions {
        app_dir: Some(dir.join("app")),
        ..EngineOptions::default()
    };
    let (_b, e) = engine_with_options(RecordingBridge::default(), options);
    for (code, needle) in [
        (
            "io.open('x')",
            "io.open requires script_permissions: [\"fs_read\"]",
        ),
        (
            "os.execute('ls')",
            "os.execute requires script_permissions: [\"process\"]",
        ),
        (
            "os.getenv('HOME')",
            "os.getenv requires script_permissions: [\"env\"]",
        ),
        (
            "os.remove('x')",
            "os.remove requires script_permissions: [\"fs_write\"]",
        ),
        ("os.exit()", "os.exit requires"),
        (
            "package.loadlib('x', 'y')",
            "package.loadlib requires script_permissions: [\"native\"]",
        ),
        (
            "debug.getinfo(1)",
            "requires script_permissions: [\"debug\"]",
        ),
        ("require('..x')", "outside the app folder"),
        ("require('../x')", "outside the app folder"),
    ] {
        let err = run(&e, code).expect_err(code);
        assert_eq!(err.code, "S0120", "{code}: {err}");
        assert!(err.message.contains(needle), "{code}: {}", err.message);
    }
    ok(
        &e,
        "assert(string.dump == nil and dofile == nil and loadfile == nil)",
    );
    ok(
        &e,
        "local f, err = load('\\27Lua\\84\\0') assert(f == nil) assert(err:find('binary'), err)",
    );
    ok(
        &e,
        "assert(require('lib.util').n == 42) assert(require('lib.util') == require('lib.util'))",
    );
    let gc = run(&e, "collectgarbage('stop')").expect_err("gc");
    assert!(gc.message.contains("not allowed"));
    ok(
        &e,
        "assert(os.time() == 1735689600) assert(os.clock() == 0) assert(math.random(1, 10) == 6)",
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn runaway_loops_are_interrupted_even_under_pcall_and_the_engine_recovers() {
    let (_b, e) = new();
    e.set_limits(Limits {
        instructions: 1_000_000,
        time_ms: None,
        load_multiplier: 1,
        ..Limits::default()
    });
    ok(
        &e,
        "function spin() while true do end end\nfunction guarded() while true do pcall(spin) end end\nfunction fine() return 1 end",
    );
    for name in ["spin", "guarded"] {
        let f = e.global_function(name).expect(name);
        let err = e.call(f, vec![]).expect_err("interrupted");
        assert_eq!(err.code, "S0111", "{err}");
        assert!(err.message.contains("instruction limit (1000000) exceeded"));
    }
    let f = e.global_function("fine").expect("fine");
    assert_eq!(e.call(f, vec![]).expect("works"), Value::Int(1));
    // Wall-clock budget.
    e.set_limits(Limits {
        instructions: 0,
        time_ms: Some(20.0),
        load_multiplier: 1,
        ..Limits::default()
    });
    let f = e.global_function("guarded").expect("guarded");
    let err = e.call(f, vec![]).expect_err("time");
    assert_eq!(err.code, "S0111");
    assert!(
        err.message.contains("time budget (20 ms)"),
        "{}",
        err.message
    );
}

#[test]
fn memory_bombs_stop_at_the_limit_and_the_engine_keeps_working() {
    let (_b, e) = new();
    e.set_limits(Limits {
        memory_bytes: 8 << 20,
        ..Limits::default()
    });
    let err = run(
        &e,
        "local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end",
    )
    .expect_err("bomb");
    assert_eq!(err.code, "S0113", "{err}");
    ok(&e, "local t = {} for i = 1, 100 do t[i] = i end");
    assert!(e.memory_used() < 8 << 20);
}

#[test]
fn errors_carry_kry_lines_and_stacks() {
    let (_b, e) = new();
    let err = e
        .run_unit(&UnitSource {
            chunk_name: "app.kry".into(),
            code: "local a = 1\nfunction inc()\n  countr = countr + 1\nend\ninc()".into(),
            first_line: 40,
        })
        .expect_err("nil arithmetic");
    assert_eq!(err.code, "S0101");
    let loc = err.location.clone().expect("location");
    assert_eq!((loc.file.as_str(), loc.line), ("app.kry", 42));
    assert!(
        err.message.starts_with("attempt to perform arithmetic"),
        "{}",
        err.message
    );
    assert_eq!(err.source_line.as_deref(), Some("countr = countr + 1"));
    assert!(
        err.stack.first().is_some_and(|f| f.contains("app.kry:42")),
        "{:?}",
        err.stack
    );
    let syntax = e
        .run_unit(&UnitSource {
            chunk_name: "app.kry".into(),
            code: "x = = 1".into(),
            first_line: 7,
        })
        .expect_err("syntax");
    assert_eq!(syntax.code, "S0102");
    assert_eq!(syntax.location.map(|l| l.line), Some(7));
    e.define_function(&FunctionSource {
        name: "boom".into(),
        params: vec!["a".into()],
        body: "local x = a\nerror('bad ' .. x)".into(),
        chunk_name: "app.kry".into(),
        first_line: 20,
    })
    .expect("defined");
    let f = e.global_function("boom").expect("boom");
    let err = e.call(f, vec![Value::Int(1)]).expect_err("boom");
    assert_eq!(err.location.map(|l| l.line), Some(21));
    assert_eq!(err.message, "bad 1");
    let h = e
        .compile_handler("count = 1 + nil", "app.kry", 31)
        .expect("compiled");
    assert_eq!(
        e.call(h, vec![])
            .expect_err("handler")
            .location
            .map(|l| l.line),
        Some(31)
    );
    let h = e
        .compile_handler("function(ev) return ev end", "app.kry", 5)
        .expect("expr");
    assert_eq!(e.call(h, vec![Value::Int(3)]).expect("expr"), Value::Int(3));
    assert_eq!(
        e.compile_handler("x = ", "app.kry", 3)
            .expect_err("syntax")
            .code,
        "S0102"
    );
}

#[test]
fn run_unit_reports_new_and_changed_functions() {
    let (_b, e) = new();
    assert_eq!(
        run(
            &e,
            "function a() end\nfunction b() end\nlocal function c() end"
        )
        .expect("unit"),
        vec!["a", "b"]
    );
    assert_eq!(
        run(&e, "function b() return 1 end\nx = 1").expect("unit"),
        vec!["b"]
    );
}

#[test]
fn tasks_suspend_resume_and_finish() {
    let (b, e) = new();
    ok(
        &e,
        "log = {}\nfunction start() return kryon.async(function(n)\n  log[#log + 1] = n\n  kryon.sleep(100)\n  local dt = kryon.nextFrame()\n  log[#log + 1] = dt\nend, 7) end",
    );
    let f = e.global_function("start").expect("start");
    let Value::Handle(task) = e.call(f, vec![]).expect("async") else {
        panic!("handle");
    };
    let waits = b.calls_of(Op::TaskWait);
    assert_eq!(waits.len(), 1);
    let Value::Object(w) = &waits[0][1] else {
        panic!("wait")
    };
    assert_eq!(w["kind"], Value::str("sleep"));
    assert_eq!(w["ms"], Value::Int(100));
    assert_eq!(
        e.resume_task(task.id, Value::Null).expect("resume"),
        TaskStep::Suspended
    );
    assert_eq!(
        e.resume_task(task.id, Value::Float(0.016)).expect("resume"),
        TaskStep::Done
    );
    assert_eq!(
        b.calls_of(Op::TaskDone),
        vec![vec![Value::Handle(task), Value::str("done")]]
    );
    assert_eq!(eval(&e, "log[1] + log[2]"), Value::Float(7.016));
    let err = run(&e, "kryon.sleep(10)").expect_err("outside");
    assert_eq!(err.code, "S0115");
}
