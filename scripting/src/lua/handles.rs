//! Handle userdata: element handles (identity-stable through a weak cache, `==` by element,
//! `tostring` via `Op::Describe`, fields via `Op::GetField`/`Op::SetField` on the bridge's fast
//! path (see `fields`), `props` proxy for
//! component instances), animation and task handles (`state`/`status` fields), and the boxed
//! event behind event tables. Their methods are generated from the API table in `bindings`.

use super::bindings;
use super::convert::{text, to_lua, to_value};
use super::ctx::Ctx;
use super::fields;
use crate::api::{self, Op, Receiver};
use crate::value::{EventValue, HandleKind, HandleRef, Value};
use kryon_dom::ElementId;
use mlua::{AnyUserData, Lua, MetaMethod, UserDataMethods, UserDataRegistry, Value as LuaValue};
use std::rc::Rc;

/// An element handle.
pub(crate) struct ElementHandle(pub ElementId);
/// An animation handle.
pub(crate) struct AnimHandle(pub u64);
/// A task handle.
pub(crate) struct TaskHandle(pub u64);
/// The `props` view of a component instance.
pub(crate) struct PropsProxy(pub ElementId);
/// The event behind an event table (kept in its metatable under [`EVENT_KEY`]).
pub(crate) struct EventBox(pub EventValue);

/// Metatable key of an event table's [`EventBox`].
pub(crate) const EVENT_KEY: &str = "__kryon_event";

/// The handle of an element: the cached one while it is alive, else a new one.
pub(crate) fn element(ctx: &Ctx, lua: &Lua, id: ElementId) -> mlua::Result<AnyUserData> {
    let slot = ctx.handle_slot(id)?;
    if let LuaValue::UserData(ud) = ctx.handle_cache.raw_get::<LuaValue>(slot)? {
        return Ok(ud);
    }
    let ud = lua.create_any_userdata(ElementHandle(id))?;
    ctx.handle_cache.raw_set(slot, &ud)?;
    Ok(ud)
}

fn key_value(ctx: &Ctx, lua: &Lua, key: &LuaValue) -> Value {
    match key {
        LuaValue::String(s) => Value::String(text(ctx, lua, s)),
        LuaValue::Integer(i) => Value::String(i.to_string().into()),
        LuaValue::Number(n) => Value::String(n.to_string().into()),
        _ => Value::Null,
    }
}

/// Registers the handle types. Methods come from the API table.
pub(crate) fn register(lua: &Lua, ctx: &Rc<Ctx>) -> mlua::Result<()> {
    let c = Rc::clone(ctx);
    lua.register_userdata_type::<ElementHandle>(move |reg| {
        let mut seen = std::collections::HashSet::new();
        for f in api::functions_of(Receiver::Element).chain(api::functions_of(Receiver::Instance)) {
            if seen.insert(f.name) && !fields::add_accessor(reg, &c, f) {
                bindings::add_method(reg, &c, f, |h: &ElementHandle| Value::Element(h.0));
            }
        }
        fields::add_getters(reg, &c, &seen);
        element_meta(reg, &c);
    })?;
    let c = Rc::clone(ctx);
    lua.register_userdata_type::<AnimHandle>(move |reg| {
        for f in api::functions_of(Receiver::Animation) {
            bindings::add_method(reg, &c, f, anim_value);
        }
        handle_meta(reg, &c, "state", Op::AnimState, anim_value);
    })?;
    let c = Rc::clone(ctx);
    lua.register_userdata_type::<TaskHandle>(move |reg| {
        for f in api::functions_of(Receiver::Task) {
            bindings::add_method(reg, &c, f, task_value);
        }
        handle_meta(reg, &c, "status", Op::TaskStatus, task_value);
    })?;
    let c = Rc::clone(ctx);
    lua.register_userdata_type::<PropsProxy>(move |reg| {
        let get = Rc::clone(&c);
        reg.add_meta_method(
            MetaMethod::Index,
            move |lua, p: &PropsProxy, key: LuaValue| {
                let r = get.invoke(
                    Op::GetProp,
                    vec![Value::Element(p.0), key_value(&get, lua, &key)],
                )?;
                to_lua(&get, lua, r)
            },
        );
        let set = Rc::clone(&c);
        reg.add_meta_method(
            MetaMethod::NewIndex,
            move |lua, p: &PropsProxy, (key, v): (LuaValue, LuaValue)| {
                let v = to_value(&set, lua, v)?;
                set.invoke(
                    Op::SetProp,
                    vec![Value::Element(p.0), key_value(&set, lua, &key), v],
                )?;
                Ok(())
            },
        );
    })?;
    lua.register_userdata_type::<EventBox>(|_| {})?;
    for f in api::functions_of(Receiver::Event) {
        ctx.event_methods
            .raw_set(f.name, bindings::event_method(lua, ctx, f)?)?;
    }
    Ok(())
}

fn anim_value(h: &AnimHandle) -> Value {
    Value::Handle(HandleRef {
        kind: HandleKind::Animation,
        id: h.0,
    })
}

fn task_value(h: &TaskHandle) -> Value {
    Value::Handle(HandleRef {
        kind: HandleKind::Task,
        id: h.0,
    })
}

fn element_meta(reg: &mut UserDataRegistry<ElementHandle>, ctx: &Rc<Ctx>) {
    let c = Rc::clone(ctx);
    reg.add_meta_method(
        MetaMethod::Index,
        move |lua, h: &ElementHandle, key: LuaValue| -> mlua::Result<fields::Read> {
            let LuaValue::String(s) = &key else {
                let r = c.invoke(
                    Op::GetField,
                    vec![Value::Element(h.0), key_value(&c, lua, &key)],
                )?;
                return to_lua(&c, lua, r);
            };
            let out = fields::with_name(&c, lua, s, |name| {
                if name == "props" {
                    return Ok(None);
                }
                c.get_named(Op::GetField, h.0, name).map(Some)
            })?;
            match out {
                Some(out) => fields::read(&c, lua, out),
                None => Ok(LuaValue::UserData(
                    lua.create_any_userdata(PropsProxy(h.0))?,
                )),
            }
        },
    );
    let c = Rc::clone(ctx);
    reg.add_meta_method(
        MetaMethod::NewIndex,
        move |lua, h: &ElementHandle, (key, v): (LuaValue, LuaValue)| {
            let LuaValue::String(s) = &key else {
                let v = to_value(&c, lua, v)?;
                c.invoke(
                    Op::SetField,
                    vec![Value::Element(h.0), key_value(&c, lua, &key), v],
                )?;
                return Ok(());
            };
            fields::with_name(&c, lua, s, |name| {
                fields::with_arg(&c, lua, v, |arg| c.set_named(Op::SetField, h.0, name, arg))
            })
        },
    );
    reg.add_meta_function(MetaMethod::Eq, |_, (a, b): (AnyUserData, AnyUserData)| {
        Ok(
            match (a.borrow::<ElementHandle>(), b.borrow::<ElementHandle>()) {
                (Ok(a), Ok(b)) => a.0 == b.0,
                _ => false,
            },
        )
    });
    let c = Rc::clone(ctx);
    reg.add_meta_method(MetaMethod::ToString, move |_, h: &ElementHandle, ()| {
        Ok(match c.invoke(Op::Describe, vec![Value::Element(h.0)]) {
            Ok(Value::String(s)) => s.to_string(),
            _ => "element".to_string(),
        })
    });
}

fn handle_meta<T: 'static>(
    reg: &mut UserDataRegistry<T>,
    ctx: &Rc<Ctx>,
    field: &'static str,
    op: Op,
    value: fn(&T) -> Value,
) {
    let c = Rc::clone(ctx);
    reg.add_meta_method(MetaMethod::Index, move |lua, h: &T, key: LuaValue| {
        if let LuaValue::String(s) = &key
            && s.as_bytes() == field.as_bytes()
        {
            let r = c.invoke(op, vec![value(h)])?;
            return to_lua(&c, lua, r);
        }
        Ok(LuaValue::Nil)
    });
    reg.add_meta_function(
        MetaMethod::Eq,
        move |_, (a, b): (AnyUserData, AnyUserData)| {
            Ok(match (a.borrow::<T>(), b.borrow::<T>()) {
                (Ok(a), Ok(b)) => value(&a) == value(&b),
                _ => false,
            })
        },
    );
    let kind = field;
    reg.add_meta_method(MetaMethod::ToString, move |_, h: &T, ()| {
        Ok(match value(h) {
            Value::Handle(r) if kind == "state" => format!("animation#{}", r.id),
            Value::Handle(r) => format!("task#{}", r.id),
            _ => "handle".to_string(),
        })
    });
}
