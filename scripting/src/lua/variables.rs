//! Reactive globals (script-api §4.5): declared variables live outside raw `_G` and are served
//! by `_G`'s metatable through `Op::GetVariable`/`Op::SetVariable`; `rawset(_G, name, v)` on a
//! declared name raises S0112; undeclared names behave normally.

use super::convert::{text, to_lua, to_value};
use super::ctx::Ctx;
use super::error::ext;
use crate::api::Op;
use crate::error::ScriptError;
use crate::value::Value;
use mlua::{Lua, Table, Value as LuaValue};
use std::rc::Rc;

/// Installs `_G`'s metatable and the guarded `rawset` (the declared set starts empty).
pub(crate) fn install(lua: &Lua, ctx: &Rc<Ctx>) -> mlua::Result<()> {
    let c = Rc::clone(ctx);
    let get = lua.create_function(move |lua, name: mlua::LuaString| {
        let v = c.invoke(Op::GetVariable, vec![Value::String(text(&c, lua, &name))])?;
        to_lua(&c, lua, v)
    })?;
    let c = Rc::clone(ctx);
    let set = lua.create_function(move |lua, (name, v): (mlua::LuaString, LuaValue)| {
        let v = to_value(&c, lua, v)?;
        c.invoke(
            Op::SetVariable,
            vec![Value::String(text(&c, lua, &name)), v],
        )?;
        Ok(())
    })?;
    let c = Rc::clone(ctx);
    let raw_set = lua.create_function(move |_, (t, k, v): (Table, LuaValue, LuaValue)| {
        if t == c.globals_table()
            && let LuaValue::String(name) = &k
            && c.declared.raw_get::<bool>(name).unwrap_or(false)
        {
            return Err(ext(ScriptError::new(
                "S0112",
                format!(
                    "rawset: '{}' is a declared variable; assign it normally",
                    name.to_string_lossy()
                ),
            )));
        }
        t.raw_set(k, v)?;
        Ok(t)
    })?;
    lua.load(
        "local declared, get, set, rawset_checked, rawset = ...\n\
         setmetatable(_G, {\n\
           __index = function(_, k) if declared[k] then return get(k) end end,\n\
           __newindex = function(t, k, v) if declared[k] then set(k, v) else rawset(t, k, v) end end,\n\
         })\n\
         _G.rawset = rawset_checked",
    )
    .set_name("=[kryon]")
    .call::<()>((
        ctx.declared.clone(),
        get,
        set,
        raw_set,
        lua.globals().raw_get::<mlua::Function>("rawset")?,
    ))
}

/// Replaces the declared set; declared names are removed from raw `_G`.
pub(crate) fn set_names(lua: &Lua, ctx: &Ctx, names: &[String]) -> mlua::Result<()> {
    ctx.declared.clear()?;
    let globals = lua.globals();
    for name in names {
        ctx.declared.raw_set(name.as_str(), true)?;
        globals.raw_remove(name.as_str())?;
    }
    Ok(())
}
