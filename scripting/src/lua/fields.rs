//! The property fast path on element handles: `el.name`, `el.name = v`, and the accessor methods
//! the API table declares (`setProperty`, `setText`, `getProperty`, `getText`…, found by shape
//! through [`Access`]). Names and string values reach the bridge borrowed from Lua
//! ([`FieldArg::Text`]: no `Arc`, no argument list), text comes back as one Lua string
//! ([`FieldOut::Text`]), and every other value converts as usual. Whatever the fast path does not
//! cover (extra arguments, non-string names) goes through the generic binding, so errors and
//! results are the same either way.

use super::bindings::host_call;
use super::convert::{to_lua, to_value};
use super::ctx::Ctx;
use super::error::ext;
use super::handles::ElementHandle;
use crate::api::{Access, ApiFn, Imp, Op, check_field_arg};
use crate::value::{FieldArg, FieldOut, Value};
use mlua::{
    Lua, LuaString, MultiValue, UserDataFields, UserDataMethods, UserDataRegistry,
    Value as LuaValue,
};
use std::collections::HashSet;
use std::rc::Rc;

/// What a read returns to Lua.
pub(crate) type Read = LuaValue;

/// Longest string value kept in the `values` cache: Lua interns strings up to 40 bytes, so a
/// value written again is usually the same string object; longer ones rarely are.
const SHORT: usize = 40;

/// Runs `f` with a property name (cached by string object, see `names`).
pub(crate) fn with_name<R>(
    ctx: &Ctx,
    lua: &Lua,
    s: &LuaString,
    f: impl FnOnce(&str) -> mlua::Result<R>,
) -> mlua::Result<R> {
    ctx.names.with(ctx, lua, s, usize::MAX, f)
}

/// Runs `f` with `v` as a fast-path argument: strings borrowed, numbers and booleans as they
/// are, anything else converted (§6).
pub(crate) fn with_arg<R>(
    ctx: &Ctx,
    lua: &Lua,
    v: LuaValue,
    f: impl FnOnce(FieldArg<'_>) -> mlua::Result<R>,
) -> mlua::Result<R> {
    let value = match v {
        LuaValue::String(s) => {
            return ctx
                .values
                .with(ctx, lua, &s, SHORT, |text| f(FieldArg::Text(text)));
        }
        LuaValue::Nil => Value::Null,
        LuaValue::Boolean(b) => Value::Bool(b),
        LuaValue::Integer(i) => Value::Int(i),
        LuaValue::Number(n) => Value::Float(n),
        other => to_value(ctx, lua, other)?,
    };
    f(FieldArg::Value(value))
}

/// A fast-path answer as what a Lua callback returns (text through the `texts` cache).
pub(crate) fn read(ctx: &Ctx, lua: &Lua, out: FieldOut) -> mlua::Result<Read> {
    Ok(match out {
        FieldOut::Text(s) => LuaValue::String(ctx.texts.string(lua, s)?),
        FieldOut::Value(v) => to_lua(ctx, lua, v)?,
    })
}

/// Registers `f` on element handles through the fast path when it is an accessor; returns
/// false (registering nothing) otherwise.
pub(crate) fn add_accessor(
    reg: &mut UserDataRegistry<ElementHandle>,
    ctx: &Rc<Ctx>,
    f: &'static ApiFn,
) -> bool {
    let (Some(access), Imp::Host(generic_op)) = (Access::of(f), f.imp) else {
        return false;
    };
    let c = Rc::clone(ctx);
    // The generic binding, for calls the fast path does not cover.
    let generic = move |c: &Ctx, lua: &Lua, h: &ElementHandle, args: MultiValue| {
        host_call(c, lua, f, generic_op, Some(Value::Element(h.0)), args)
    };
    match access {
        Access::SetByName(op) => reg.add_method(
            f.name,
            move |lua, h: &ElementHandle, (name, value, rest): (LuaValue, LuaValue, MultiValue)| {
                match &name {
                    LuaValue::String(n) if rest.is_empty() => {
                        with_name(&c, lua, n, |name| {
                            with_arg(&c, lua, value, |arg| {
                                check_field_arg(f, 1, &arg).map_err(ext)?;
                                c.set_named(op, h.0, name, arg)
                            })
                        })?;
                        Ok(LuaValue::Nil)
                    }
                    _ => generic(&c, lua, h, prepend([name, value], rest)),
                }
            },
        ),
        Access::SetFixed(op, name) => reg.add_method(
            f.name,
            move |lua, h: &ElementHandle, (value, rest): (LuaValue, MultiValue)| {
                if !rest.is_empty() {
                    return generic(&c, lua, h, prepend([value], rest));
                }
                with_arg(&c, lua, value, |arg| {
                    check_field_arg(f, 0, &arg).map_err(ext)?;
                    c.set_named(op, h.0, name, arg)
                })?;
                Ok(LuaValue::Nil)
            },
        ),
        Access::GetByName(op) => reg.add_method(
            f.name,
            move |lua, h: &ElementHandle, (name, rest): (LuaValue, MultiValue)| match &name {
                LuaValue::String(n) if rest.is_empty() => {
                    let out = with_name(&c, lua, n, |name| c.get_named(op, h.0, name))?;
                    read(&c, lua, out)
                }
                _ => generic(&c, lua, h, prepend([name], rest)),
            },
        ),
        Access::GetFixed(op, name) => {
            reg.add_method(f.name, move |lua, h: &ElementHandle, rest: MultiValue| {
                if !rest.is_empty() {
                    return generic(&c, lua, h, rest);
                }
                let out = c.get_named(op, h.0, name)?;
                read(&c, lua, out)
            })
        }
    }
    true
}

/// One getter per catalogue property name (canonical names and aliases) that is not a method:
/// mlua's `__index` looks getters up first, so `el.text` calls its getter directly, with no key
/// to convert and no fall-through to `__index`. Other names (identity fields, `props`, custom
/// data) reach `__index`. A getter is exactly `__index` for its name: [`Op::GetField`].
pub(crate) fn add_getters(
    reg: &mut UserDataRegistry<ElementHandle>,
    ctx: &Rc<Ctx>,
    methods: &HashSet<&'static str>,
) {
    for name in kryon_dom::style::catalogue::known_keys() {
        if methods.contains(name) {
            continue;
        }
        let c = Rc::clone(ctx);
        reg.add_field_method_get(name, move |lua, h: &ElementHandle| {
            let out = c.get_named(Op::GetField, h.0, name)?;
            read(&c, lua, out)
        });
    }
}

/// `first` followed by `rest`.
fn prepend<const N: usize>(first: [LuaValue; N], rest: MultiValue) -> MultiValue {
    let mut all = MultiValue::with_capacity(N + rest.len());
    all.extend(first);
    all.extend(rest);
    all
}
