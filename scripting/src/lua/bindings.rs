//! The Lua binding, generated from [`crate::api::API`]: compat globals, the `kryon` table and its
//! `shared`/`fs`/`clipboard` sub-tables, handle methods and event methods. Every host entry is the
//! same adapter (convert → [`check_args`] → [`Ctx::invoke`] → convert back); the few
//! [`Native`] entries are supplied here and in `tasks`.

use super::convert::{to_lua, to_value, type_name};
use super::ctx::Ctx;
use super::error::ext;
use super::handles::{EVENT_KEY, EventBox};
use super::tasks;
use crate::api::{self, API, ApiFn, Imp, Native, Op, Receiver, check_args};
use crate::error::{Location, bad_argument};
use crate::value::Value;
use mlua::{
    AnyUserData, Function, Lua, MultiValue, Table, UserDataMethods, UserDataRegistry,
    Value as LuaValue,
};
use std::rc::Rc;

/// One host call: receiver first, arguments checked against the declaration (positions exclude
/// the receiver), result converted back.
#[inline]
pub(crate) fn host_call(
    ctx: &Ctx,
    lua: &Lua,
    f: &'static ApiFn,
    op: Op,
    receiver: Option<Value>,
    args: MultiValue,
) -> mlua::Result<LuaValue> {
    let skip = usize::from(receiver.is_some());
    let mut values = Vec::with_capacity(args.len() + skip);
    if let Some(r) = receiver {
        values.push(r);
    }
    for a in args {
        values.push(to_value(ctx, lua, a)?);
    }
    check_args(f, &values[skip..]).map_err(ext)?;
    let result = ctx.invoke(op, values)?;
    to_lua(ctx, lua, result)
}

/// Adds the method of a handle type for one declaration.
pub(crate) fn add_method<T: 'static>(
    reg: &mut UserDataRegistry<T>,
    ctx: &Rc<Ctx>,
    f: &'static ApiFn,
    receiver: fn(&T) -> Value,
) {
    let Imp::Host(op) = f.imp else {
        return;
    };
    let c = Rc::clone(ctx);
    reg.add_method(f.name, move |lua, h: &T, args: MultiValue| {
        host_call(&c, lua, f, op, Some(receiver(h)), args)
    });
}

/// The method of event tables for one declaration: the event goes first, and after
/// `preventDefault` the table's `defaultPrevented` is set too.
pub(crate) fn event_method(lua: &Lua, ctx: &Rc<Ctx>, f: &'static ApiFn) -> mlua::Result<Function> {
    let c = Rc::clone(ctx);
    let op = match f.imp {
        Imp::Host(op) => op,
        Imp::Native(_) => Op::PreventDefault,
    };
    lua.create_function(move |lua, (t, args): (Table, MultiValue)| {
        let ev = t
            .metatable()
            .and_then(|mt| mt.raw_get::<AnyUserData>(EVENT_KEY).ok())
            .and_then(|ud| ud.borrow::<EventBox>().ok().map(|e| e.0.clone()))
            .ok_or_else(|| ext(bad_argument(f.name, 0, "self", "event", "table")))?;
        let r = host_call(&c, lua, f, op, Some(Value::Event(Box::new(ev))), args)?;
        if op == Op::PreventDefault {
            t.raw_set("defaultPrevented", true)?;
        }
        Ok(r)
    })
}

/// The function for one namespace or global declaration.
fn function(lua: &Lua, ctx: &Rc<Ctx>, f: &'static ApiFn) -> mlua::Result<Function> {
    match f.imp {
        Imp::Host(Op::GetCanvasData) => canvas_data(lua, ctx, f),
        Imp::Host(op) => {
            let c = Rc::clone(ctx);
            lua.create_function(move |lua, args: MultiValue| host_call(&c, lua, f, op, None, args))
        }
        Imp::Native(Native::Print) => print(lua, ctx),
        Imp::Native(Native::Array) => array(lua, ctx, f),
        Imp::Native(n) => tasks::native(lua, ctx, f, n),
    }
}

/// `getCanvasData(canvas?)`: the host answers `[canvas, seed]`; this engine keeps one live table
/// per canvas, seeded from `data:` on first use, and every call returns that same table (§5).
fn canvas_data(lua: &Lua, ctx: &Rc<Ctx>, f: &'static ApiFn) -> mlua::Result<Function> {
    use slotmap::Key as _;
    let c = Rc::clone(ctx);
    let tables = lua.create_table()?;
    lua.create_function(move |lua, args: MultiValue| {
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(to_value(&c, lua, a)?);
        }
        check_args(f, &values).map_err(ext)?;
        let answer = c.invoke(Op::GetCanvasData, values)?;
        let Value::Array(mut pair) = answer else {
            return to_lua(&c, lua, answer);
        };
        let seed = pair.pop().unwrap_or_default();
        let Some(Value::Element(el)) = pair.pop() else {
            return to_lua(&c, lua, seed);
        };
        let key = el.data().as_ffi() as i64;
        if let LuaValue::Table(t) = tables.raw_get::<LuaValue>(key)? {
            return Ok(LuaValue::Table(t));
        }
        let t = to_lua(&c, lua, seed)?;
        tables.raw_set(key, &t)?;
        Ok(t)
    })
}

/// `print(...)`: `tostring` each argument, join with tabs, log at info with the caller's line.
fn print(lua: &Lua, ctx: &Rc<Ctx>) -> mlua::Result<Function> {
    let c = Rc::clone(ctx);
    let tostring: Function = lua.globals().raw_get("tostring")?;
    lua.create_function(move |lua, args: MultiValue| {
        let mut out = String::new();
        for (i, a) in args.into_iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            let s: mlua::LuaString = tostring.call(a)?;
            out.push_str(&s.to_string_lossy());
        }
        let location = lua
            .inspect_stack(1, |d| {
                let file = d.source().short_src.map(|s| s.to_string());
                (file, d.current_line())
            })
            .and_then(|(file, line)| {
                Some(Location {
                    file: file?,
                    line: line?,
                    column: None,
                })
            });
        let mut cx = c.cx.clone();
        cx.location = location;
        c.invoke_cx(&cx, Op::LogAt("info"), vec![Value::from(out)])?;
        Ok(())
    })
}

/// `kryon.array(t)`: marks (or creates) an array table.
fn array(lua: &Lua, ctx: &Rc<Ctx>, f: &'static ApiFn) -> mlua::Result<Function> {
    let c = Rc::clone(ctx);
    lua.create_function(move |lua, v: LuaValue| {
        let t = match v {
            LuaValue::Nil => lua.create_table()?,
            LuaValue::Table(t) => t,
            other => {
                return Err(ext(bad_argument(
                    f.name,
                    1,
                    "t",
                    "table",
                    type_name(&other),
                )));
            }
        };
        t.set_metatable(Some(c.array_mt.clone()))?;
        Ok(t)
    })
}

/// Installs globals and the `kryon` table.
pub(crate) fn install(lua: &Lua, ctx: &Rc<Ctx>) -> mlua::Result<()> {
    let globals = lua.globals();
    let kryon = lua.create_table()?;
    let shared = lua.create_table()?;
    let fs = lua.create_table()?;
    let clipboard = lua.create_table()?;
    for f in API {
        let target = match f.receiver {
            Receiver::Global => &globals,
            Receiver::Kryon => &kryon,
            Receiver::Shared => &shared,
            Receiver::Fs => &fs,
            Receiver::Clipboard => &clipboard,
            _ => continue,
        };
        target.raw_set(f.name, function(lua, ctx, f)?)?;
    }
    kryon.raw_set("language", "lua")?;
    let fs_meta = lua.create_table()?;
    let c = Rc::clone(ctx);
    fs_meta.raw_set(
        "__index",
        lua.create_function(move |lua, (_, key): (Table, LuaValue)| {
            if let LuaValue::String(s) = &key
                && s.as_bytes() == b"dataDir"
                && let Some(f) = api::find(Receiver::Internal, "dataDir")
                && let Imp::Host(op) = f.imp
            {
                let r = c.invoke(op, Vec::new())?;
                return to_lua(&c, lua, r);
            }
            Ok(LuaValue::Nil)
        })?,
    )?;
    fs.set_metatable(Some(fs_meta))?;
    kryon.raw_set("shared", shared)?;
    kryon.raw_set("fs", fs)?;
    kryon.raw_set("clipboard", clipboard)?;
    globals.raw_set("kryon", kryon)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testing::{RecordingBridge, engine_with};
    use crate::api::{API, Receiver};
    use crate::engine::{Engine, UnitSource};

    /// Anti-drift: every declared function is reachable from Lua at its place.
    #[test]
    fn every_api_entry_is_reachable_from_lua() {
        let (_bridge, engine) = engine_with(RecordingBridge::default());
        let mut checks = String::from(
            "local el = kryon.getElementById('x')\nlocal anim = kryon.animate(el, {})\n\
             local task = kryon.async(function() end)\nlocal ev = __test_event\nlocal missing = {}\n",
        );
        for f in API {
            let expr = match f.receiver {
                Receiver::Global => f.name.to_string(),
                Receiver::Kryon => format!("kryon.{}", f.name),
                Receiver::Shared => format!("kryon.shared.{}", f.name),
                Receiver::Fs => format!("kryon.fs.{}", f.name),
                Receiver::Clipboard => format!("kryon.clipboard.{}", f.name),
                Receiver::Element | Receiver::Instance => format!("el.{}", f.name),
                Receiver::Animation => format!("anim.{}", f.name),
                Receiver::Task => format!("task.{}", f.name),
                Receiver::Event => format!("ev.{}", f.name),
                Receiver::Internal => continue,
            };
            checks.push_str(&format!(
                "if type({expr}) ~= 'function' then missing[#missing + 1] = '{expr}' end\n"
            ));
        }
        checks.push_str(
            "assert(#missing == 0, 'unreachable: ' .. table.concat(missing, ', '))\n\
             assert(kryon.language == 'lua')\nassert(kryon.fs.dataDir == '/data')\n",
        );
        let ev = crate::value::Value::Event(Box::new(crate::value::EventValue {
            dispatch: 1,
            fields: [("type".to_string(), crate::value::Value::str("click"))]
                .into_iter()
                .collect(),
        }));
        let lv = super::super::convert::to_lua(&engine.ctx, &engine.lua, ev).expect("event");
        engine
            .lua
            .globals()
            .set("__test_event", lv)
            .expect("global");
        engine
            .run_unit(&UnitSource {
                chunk_name: "drift.lua".into(),
                code: checks,
                first_line: 1,
            })
            .unwrap_or_else(|e| panic!("{e}"));
    }
}
