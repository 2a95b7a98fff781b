//! Lua ↔ [`Value`] (script-api §6): integer and float subtypes are kept; tables with keys
//! exactly `1..n` or marked with `kryon.array` are arrays (arrays going into Lua get the marker);
//! other tables are objects with sorted keys (integer keys become decimal strings); functions
//! become [`FunctionRef`](crate::FunctionRef)s kept alive until released; handles and events map
//! to their userdata and tables. Deeper than 64 levels, cycles and unconvertible values are S0109.

use super::ctx::Ctx;
use super::error::ext;
use super::handles::{self, AnimHandle, ElementHandle, EventBox, TaskHandle};
use crate::api::Op;
use crate::error::ScriptError;
use crate::value::{HandleKind, HandleRef, Value};
use indexmap::IndexMap;
use mlua::{Lua, Table, Value as LuaValue};
use std::ffi::c_void;
use std::sync::Arc;

/// Maximum nesting of tables.
pub(crate) const MAX_DEPTH: usize = 64;

fn conversion(message: impl Into<String>) -> mlua::Error {
    ext(ScriptError::new("S0109", message))
}

/// The type name of a Lua value as argument errors show it.
pub(crate) fn type_name(v: &LuaValue) -> &'static str {
    match v {
        LuaValue::UserData(ud) if ud.is::<ElementHandle>() => "element",
        LuaValue::UserData(ud) if ud.is::<AnimHandle>() => "animation",
        LuaValue::UserData(ud) if ud.is::<TaskHandle>() => "task",
        LuaValue::Integer(_) | LuaValue::Number(_) => "number",
        other => other.type_name(),
    }
}

/// A Lua string as text. Invalid UTF-8 is replaced with U+FFFD and raises warning S0204 (§6).
pub(crate) fn text(ctx: &Ctx, lua: &Lua, s: &mlua::LuaString) -> Arc<str> {
    match s.to_str() {
        Ok(s) => Arc::from(&*s),
        Err(_) => Arc::from(lossy(ctx, lua, s)),
    }
}

/// The text of a string that is not valid UTF-8: invalid sequences become U+FFFD, and warning
/// S0204 is recorded with the other runtime warnings, naming the calling line when there is one.
#[cold]
pub(crate) fn lossy(ctx: &Ctx, lua: &Lua, s: &mlua::LuaString) -> String {
    let at = lua
        .inspect_stack(1, |d| {
            let file = d.source().short_src.map(|s| s.to_string());
            (file, d.current_line())
        })
        .and_then(|(file, line)| Some(format!(" at {}:{}", file?, line?)))
        .unwrap_or_default();
    let message = format!("invalid UTF-8 in a Lua string was replaced with U+FFFD{at}");
    // A warning that cannot be recorded (the runtime has shut down) is dropped.
    let _ = ctx.invoke(Op::Warn, vec![Value::str("S0204"), Value::from(message)]);
    s.to_string_lossy()
}

/// Lua → neutral value.
pub(crate) fn to_value(ctx: &Ctx, lua: &Lua, v: LuaValue) -> mlua::Result<Value> {
    let mut path = Vec::new();
    conv(ctx, lua, v, &mut path)
}

fn conv(ctx: &Ctx, lua: &Lua, v: LuaValue, path: &mut Vec<*const c_void>) -> mlua::Result<Value> {
    Ok(match v {
        LuaValue::Nil => Value::Null,
        LuaValue::Boolean(b) => Value::Bool(b),
        LuaValue::Integer(i) => Value::Int(i),
        LuaValue::Number(f) => Value::Float(f),
        LuaValue::String(s) => Value::String(text(ctx, lua, &s)),
        LuaValue::Table(t) => table(ctx, lua, t, path)?,
        LuaValue::Function(f) => Value::Function(ctx.register_function(lua, f)?),
        LuaValue::UserData(ud) => {
            if let Ok(h) = ud.borrow::<ElementHandle>() {
                Value::Element(h.0)
            } else if let Ok(h) = ud.borrow::<AnimHandle>() {
                Value::Handle(HandleRef {
                    kind: HandleKind::Animation,
                    id: h.0,
                })
            } else if let Ok(h) = ud.borrow::<TaskHandle>() {
                Value::Handle(HandleRef {
                    kind: HandleKind::Task,
                    id: h.0,
                })
            } else {
                return Err(conversion("a userdata value cannot be converted"));
            }
        }
        other => {
            return Err(conversion(format!(
                "a {} value cannot be converted",
                other.type_name()
            )));
        }
    })
}

fn table(ctx: &Ctx, lua: &Lua, t: Table, path: &mut Vec<*const c_void>) -> mlua::Result<Value> {
    let ptr = t.to_pointer();
    if path.contains(&ptr) {
        return Err(conversion("cyclic value"));
    }
    if path.len() >= MAX_DEPTH {
        return Err(conversion(format!("value nested deeper than {MAX_DEPTH}")));
    }
    if let Some(mt) = t.metatable() {
        if mt == ctx.array_mt {
            path.push(ptr);
            let n = t.raw_len();
            let mut items = Vec::with_capacity(n);
            for i in 1..=n {
                let v: LuaValue = t.raw_get(i)?;
                items.push(conv(ctx, lua, v, path)?);
            }
            path.pop();
            return Ok(Value::Array(items));
        }
        if let Ok(ud) = mt.raw_get::<mlua::AnyUserData>(handles::EVENT_KEY)
            && let Ok(ev) = ud.borrow::<EventBox>()
        {
            let mut ev = ev.0.clone();
            if let Ok(true) = t.raw_get::<bool>("defaultPrevented") {
                ev.fields
                    .insert("defaultPrevented".to_string(), Value::Bool(true));
            }
            return Ok(Value::Event(Box::new(ev)));
        }
    }
    path.push(ptr);
    let mut entries: Vec<(LuaValue, LuaValue)> = Vec::new();
    for pair in t.pairs::<LuaValue, LuaValue>() {
        entries.push(pair?);
    }
    let n = entries.len();
    let is_array = n > 0
        && entries.iter().all(|(k, _)| match k {
            LuaValue::Integer(i) => *i >= 1 && (*i as usize) <= n,
            _ => false,
        });
    let out = if is_array {
        let mut items = vec![Value::Null; n];
        for (k, v) in entries {
            if let LuaValue::Integer(i) = k {
                items[i as usize - 1] = conv(ctx, lua, v, path)?;
            }
        }
        Value::Array(items)
    } else {
        let mut keyed: Vec<(String, LuaValue)> = Vec::with_capacity(n);
        for (k, v) in entries {
            let key = match k {
                LuaValue::String(s) => text(ctx, lua, &s).to_string(),
                LuaValue::Integer(i) => i.to_string(),
                other => {
                    return Err(conversion(format!(
                        "a table with {} keys cannot be converted",
                        type_name(&other)
                    )));
                }
            };
            keyed.push((key, v));
        }
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut map = IndexMap::with_capacity(keyed.len());
        for (k, v) in keyed {
            let v = conv(ctx, lua, v, path)?;
            map.insert(k, v);
        }
        Value::Object(map)
    };
    path.pop();
    Ok(out)
}

/// Neutral value → Lua.
pub(crate) fn to_lua(ctx: &Ctx, lua: &Lua, v: Value) -> mlua::Result<LuaValue> {
    to_lua_depth(ctx, lua, v, 0)
}

fn to_lua_depth(ctx: &Ctx, lua: &Lua, v: Value, depth: usize) -> mlua::Result<LuaValue> {
    if depth > MAX_DEPTH {
        return Err(conversion(format!("value nested deeper than {MAX_DEPTH}")));
    }
    Ok(match v {
        Value::Null => LuaValue::Nil,
        Value::Bool(b) => LuaValue::Boolean(b),
        Value::Int(i) => LuaValue::Integer(i),
        Value::Float(f) => LuaValue::Number(f),
        Value::String(s) => LuaValue::String(ctx.texts.string(lua, &*s)?),
        Value::Array(items) => {
            let t = lua.create_table_with_capacity(items.len(), 0)?;
            for (i, item) in items.into_iter().enumerate() {
                t.raw_set(i + 1, to_lua_depth(ctx, lua, item, depth + 1)?)?;
            }
            t.set_metatable(Some(ctx.array_mt.clone()))?;
            LuaValue::Table(t)
        }
        Value::Object(map) => {
            let t = lua.create_table_with_capacity(0, map.len())?;
            for (k, v) in map {
                t.raw_set(k, to_lua_depth(ctx, lua, v, depth + 1)?)?;
            }
            LuaValue::Table(t)
        }
        Value::Function(f) => LuaValue::Function(ctx.function(lua, f).map_err(ext)?),
        Value::Element(id) => LuaValue::UserData(handles::element(ctx, lua, id)?),
        Value::Handle(h) => LuaValue::UserData(match h.kind {
            HandleKind::Animation => lua.create_any_userdata(AnimHandle(h.id))?,
            HandleKind::Task => lua.create_any_userdata(TaskHandle(h.id))?,
        }),
        Value::Event(ev) => {
            let t = lua.create_table()?;
            for (k, v) in ev.fields.iter() {
                t.raw_set(k.as_str(), to_lua_depth(ctx, lua, v.clone(), depth + 1)?)?;
            }
            let mt = lua.create_table()?;
            mt.raw_set("__index", ctx.event_methods.clone())?;
            mt.raw_set(handles::EVENT_KEY, lua.create_any_userdata(EventBox(*ev))?)?;
            t.set_metatable(Some(mt))?;
            LuaValue::Table(t)
        }
    })
}
