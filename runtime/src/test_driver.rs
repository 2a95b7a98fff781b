//! `kryon test APP.kry TEST.lua` (script-api §10): loads the app headless on the virtual clock,
//! then runs the test script once in its own Lua state — the standard library without file,
//! OS or module access, plus `app` (the [`Harness`]) and `expect`.

use crate::harness::Harness;
use crate::host::LoadError;
use kryon_scripting::Value;
use mlua::{Lua, LuaOptions, StdLib, Table, Value as LuaValue};
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

/// What a test script run produced.
#[derive(Debug, Default)]
pub struct TestOutcome {
    /// Expectations that held.
    pub passed: usize,
    /// Expectations that failed (each printed as `FAIL: message`).
    pub failed: usize,
    /// The messages of the failed expectations, in order.
    pub failures: Vec<String>,
    /// The test script's own error, if it raised one.
    pub error: Option<String>,
}

impl TestOutcome {
    /// Exit status: 0 when everything passed, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        if self.failed == 0 && self.error.is_none() {
            0
        } else {
            1
        }
    }
}

fn to_lua(lua: &Lua, value: &Value) -> mlua::Result<LuaValue> {
    Ok(match value {
        Value::Null => LuaValue::Nil,
        Value::Bool(b) => LuaValue::Boolean(*b),
        Value::Int(i) => LuaValue::Integer(*i),
        Value::Float(f) => LuaValue::Number(*f),
        Value::String(s) => LuaValue::String(lua.create_string(&**s)?),
        Value::Array(items) => {
            let t = lua.create_table()?;
            for (i, v) in items.iter().enumerate() {
                t.raw_set(i + 1, to_lua(lua, v)?)?;
            }
            LuaValue::Table(t)
        }
        Value::Object(map) => {
            let t = lua.create_table()?;
            for (k, v) in map {
                t.raw_set(k.as_str(), to_lua(lua, v)?)?;
            }
            LuaValue::Table(t)
        }
        other => LuaValue::String(lua.create_string(other.type_name())?),
    })
}

fn from_lua(value: &LuaValue, depth: usize) -> mlua::Result<Value> {
    if depth > 64 {
        return Err(mlua::Error::runtime("value nested deeper than 64"));
    }
    Ok(match value {
        LuaValue::Nil => Value::Null,
        LuaValue::Boolean(b) => Value::Bool(*b),
        LuaValue::Integer(i) => Value::Int(*i),
        LuaValue::Number(n) => Value::Float(*n),
        LuaValue::String(s) => Value::from(s.to_string_lossy()),
        LuaValue::Table(t) => {
            let len = t.raw_len();
            let pairs: Vec<(LuaValue, LuaValue)> = t.pairs().collect::<mlua::Result<_>>()?;
            if len > 0 && pairs.len() == len {
                let mut items = Vec::with_capacity(len);
                for i in 1..=len {
                    items.push(from_lua(&t.raw_get::<LuaValue>(i)?, depth + 1)?);
                }
                Value::Array(items)
            } else {
                let mut keyed: Vec<(String, Value)> = Vec::new();
                for (k, v) in pairs {
                    let key = match k {
                        LuaValue::String(s) => s.to_string_lossy(),
                        LuaValue::Integer(i) => i.to_string(),
                        _ => return Err(mlua::Error::runtime("table keys must be strings")),
                    };
                    keyed.push((key, from_lua(&v, depth + 1)?));
                }
                keyed.sort_by(|a, b| a.0.cmp(&b.0));
                Value::Object(keyed.into_iter().collect())
            }
        }
        other => {
            return Err(mlua::Error::runtime(format!(
                "cannot pass a {} to the app",
                other.type_name()
            )));
        }
    })
}

fn install(
    lua: &Lua,
    harness: &Rc<RefCell<Harness>>,
    outcome: &Rc<RefCell<TestOutcome>>,
) -> mlua::Result<()> {
    let app: Table = lua.create_table()?;
    let fail = |e: String| mlua::Error::runtime(e);
    macro_rules! action {
        ($name:literal, $method:ident) => {{
            let h = harness.clone();
            app.set(
                $name,
                lua.create_function(move |_, sel: String| {
                    h.borrow_mut().$method(&sel).map_err(fail)
                })?,
            )?;
        }};
    }
    action!("click", click);
    action!("hover", hover);
    action!("press", press);
    action!("release", release);
    let h = harness.clone();
    app.set(
        "clickAt",
        lua.create_function(move |_, (x, y): (f32, f32)| {
            h.borrow_mut().click_at(x, y);
            Ok(())
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "wait",
        lua.create_function(move |_, ms: f64| {
            h.borrow_mut().wait(ms);
            Ok(())
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "frames",
        lua.create_function(move |_, n: Option<u32>| {
            h.borrow_mut().frames(n.unwrap_or(1));
            Ok(())
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "get",
        lua.create_function(move |lua, sel: String| {
            let snapshot = h.borrow_mut().get(&sel);
            snapshot.map_or(Ok(LuaValue::Nil), |v| to_lua(lua, &v))
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "var",
        lua.create_function(move |lua, name: String| {
            let v = h.borrow().var(&name).map_err(fail)?;
            to_lua(lua, &v)
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "setVar",
        lua.create_function(move |_, (name, v): (String, LuaValue)| {
            let value = from_lua(&v, 0)?;
            h.borrow_mut().set_var(&name, &value).map_err(fail)
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "emit",
        lua.create_function(move |_, (name, data): (String, LuaValue)| {
            let value = from_lua(&data, 0)?;
            h.borrow_mut().emit(&name, value);
            Ok(())
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "screenshot",
        lua.create_function(move |_, path: String| {
            h.borrow()
                .screenshot(Path::new(&path))
                .map_err(|e| fail(format!("{e:#}")))
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "log",
        lua.create_function(move |lua, ()| {
            let lines: Vec<Value> = h.borrow().logs().into_iter().map(Value::from).collect();
            to_lua(lua, &Value::Array(lines))
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "alerts",
        lua.create_function(move |lua, ()| {
            let lines: Vec<Value> = h.borrow().alerts().into_iter().map(Value::from).collect();
            to_lua(lua, &Value::Array(lines))
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "opened",
        lua.create_function(move |lua, ()| {
            let urls: Vec<Value> = h
                .borrow_mut()
                .opened_links()
                .iter()
                .map(|u| Value::from(u.as_str()))
                .collect();
            to_lua(lua, &Value::Array(urls))
        })?,
    )?;
    let h = harness.clone();
    app.set(
        "errors",
        lua.create_function(move |lua, ()| {
            let h = h.borrow();
            let list = h
                .errors()
                .into_iter()
                .zip(h.error_origins())
                .map(|((code, message), (location, stack))| {
                    let mut o = indexmap::IndexMap::new();
                    o.insert("code".to_owned(), Value::from(code));
                    o.insert("message".to_owned(), Value::from(message));
                    // ext: where it happened and the stack, innermost first
                    o.insert("location".to_owned(), Value::from(location));
                    o.insert("stack".to_owned(), Value::from(stack));
                    Value::Object(o)
                })
                .collect();
            to_lua(lua, &Value::Array(list))
        })?,
    )?;
    lua.globals().set("app", app)?;
    let o = outcome.clone();
    lua.globals().set(
        "expect",
        lua.create_function(move |_, (cond, message): (LuaValue, Option<String>)| {
            let ok = !matches!(cond, LuaValue::Nil | LuaValue::Boolean(false));
            let mut o = o.borrow_mut();
            if ok {
                o.passed += 1;
            } else {
                o.failed += 1;
                let message = message.unwrap_or_else(|| "expectation failed".into());
                println!("FAIL: {message}");
                o.failures.push(message);
            }
            Ok(())
        })?,
    )?;
    lua.globals().set(
        "print",
        lua.create_function(|_, args: mlua::Variadic<LuaValue>| {
            let parts: Vec<String> = args
                .iter()
                .map(|v| v.to_string().unwrap_or_else(|_| v.type_name().to_owned()))
                .collect();
            eprintln!("{}", parts.join("\t"));
            Ok(())
        })?,
    )?;
    for name in ["dofile", "loadfile", "require"] {
        lua.globals().set(name, LuaValue::Nil)?;
    }
    Ok(())
}

/// Runs `script` against `app`. A load failure of the app is returned as the error (exit 2).
pub fn run(app: &Path, script: &Path) -> Result<TestOutcome, LoadError> {
    let harness = Rc::new(RefCell::new(Harness::load(app)?));
    let outcome = Rc::new(RefCell::new(TestOutcome::default()));
    let result = (|| -> Result<(), String> {
        let code =
            std::fs::read_to_string(script).map_err(|e| format!("{}: {e}", script.display()))?;
        let lua = Lua::new_with(
            StdLib::TABLE | StdLib::STRING | StdLib::MATH | StdLib::UTF8 | StdLib::COROUTINE,
            LuaOptions::default(),
        )
        .map_err(|e| e.to_string())?;
        install(&lua, &harness, &outcome).map_err(|e| e.to_string())?;
        let name = script.display().to_string();
        lua.load(code)
            .set_name(format!("@{name}"))
            .exec()
            .map_err(|e| e.to_string())
    })();
    let mut outcome = std::mem::take(&mut *outcome.borrow_mut());
    if let Err(e) = result {
        eprintln!("error[S0101]: test script failed: {e}");
        outcome.error = Some(e);
    }
    println!("{} passed, {} failed", outcome.passed, outcome.failed);
    Ok(outcome)
}
