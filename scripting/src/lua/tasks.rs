//! Lua tasks (script-api §4.8): `kryon.async` runs a function as a coroutine at once;
//! `kryon.sleep`/`nextFrame`/`waitFor` report their wait to the host (`Op::TaskWait`) and yield;
//! the host resumes the task with the wait's result through [`crate::Engine::resume_task`].
//! A finished task is reported with `Op::TaskDone` (`"done"` or `"error"`).

use super::convert::{to_lua, to_value, type_name};
use super::ctx::Ctx;
use super::error::ext;
use crate::api::{ApiFn, Native, Op, check_args};
use crate::engine::TaskStep;
use crate::error::{ScriptError, bad_argument};
use crate::value::{HandleKind, HandleRef, Value};
use indexmap::IndexMap;
use mlua::thread::ThreadStatus;
use mlua::{Function, Lua, MultiValue, Thread, Value as LuaValue};
use std::rc::Rc;

fn task_value(id: u64) -> Value {
    Value::Handle(HandleRef {
        kind: HandleKind::Task,
        id,
    })
}

/// The function of a task native.
pub(crate) fn native(
    lua: &Lua,
    ctx: &Rc<Ctx>,
    f: &'static ApiFn,
    native: Native,
) -> mlua::Result<Function> {
    if native == Native::Async {
        let c = Rc::clone(ctx);
        return lua.create_function(move |lua, mut args: MultiValue| {
            let func = match args.pop_front() {
                Some(LuaValue::Function(func)) => func,
                other => {
                    let got = other.as_ref().map(type_name).unwrap_or("nil");
                    return Err(ext(bad_argument(f.name, 1, "fn", "function", got)));
                }
            };
            start(&c, lua, func, args)
        });
    }
    // The wait is reported from Rust; the yield happens in a Lua wrapper so the task coroutine
    // (not a Rust frame) is what suspends.
    let c = Rc::clone(ctx);
    let prepare = lua.create_function(move |lua, args: MultiValue| {
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(to_value(&c, lua, a)?);
        }
        check_args(f, &values).map_err(ext)?;
        let id = current_task(&c, lua, f.name)?;
        let mut wait = IndexMap::new();
        match native {
            Native::Sleep => {
                wait.insert("kind".to_string(), Value::str("sleep"));
                wait.insert("ms".to_string(), values.swap_remove(0));
            }
            Native::WaitFor => {
                let mut it = values.into_iter();
                wait.insert("kind".to_string(), Value::str("event"));
                wait.insert("element".to_string(), it.next().unwrap_or_default());
                wait.insert("type".to_string(), it.next().unwrap_or_default());
                wait.insert("timeout".to_string(), it.next().unwrap_or_default());
            }
            _ => {
                wait.insert("kind".to_string(), Value::str("frame"));
            }
        }
        c.invoke(Op::TaskWait, vec![task_value(id), Value::Object(wait)])?;
        Ok(())
    })?;
    lua.load("local prepare, yield = ...\nreturn function(...) prepare(...) return yield() end")
        .set_name("=[kryon]")
        .call((
            prepare,
            lua.globals()
                .raw_get::<mlua::Table>("coroutine")?
                .raw_get::<Function>("yield")?,
        ))
}

/// The task the caller runs in directly, or S0115.
fn current_task(ctx: &Ctx, lua: &Lua, name: &str) -> mlua::Result<u64> {
    let current = lua.current_thread();
    let running = ctx.running.borrow();
    match running.last() {
        Some((id, thread)) if *thread == current => Ok(*id),
        _ => Err(ext(ScriptError::new(
            "S0115",
            format!("kryon.{name} can only be called inside a kryon.async task"),
        ))),
    }
}

/// `kryon.async(fn, ...)`: allocates the task, runs it until it first yields.
fn start(ctx: &Rc<Ctx>, lua: &Lua, func: Function, args: MultiValue) -> mlua::Result<LuaValue> {
    let handle = ctx.invoke(Op::TaskNew, Vec::new())?;
    let Value::Handle(HandleRef {
        kind: HandleKind::Task,
        id,
    }) = handle
    else {
        return Err(ext(ScriptError::new(
            "S0101",
            "the runtime did not allocate a task",
        )));
    };
    let thread = lua.create_thread(func)?;
    ctx.tasks.borrow_mut().insert(id, thread.clone());
    step(ctx, lua, id, thread, args)?;
    to_lua(ctx, lua, handle)
}

/// Resumes a task once and reports how it ended.
pub(crate) fn step(
    ctx: &Ctx,
    lua: &Lua,
    id: u64,
    thread: Thread,
    args: MultiValue,
) -> mlua::Result<TaskStep> {
    let _ = lua;
    ctx.running.borrow_mut().push((id, thread.clone()));
    let result = thread.resume::<MultiValue>(args);
    ctx.running.borrow_mut().pop();
    let finished = result.is_err() || thread.status() != ThreadStatus::Resumable;
    if !finished {
        return Ok(TaskStep::Suspended);
    }
    let known = ctx.tasks.borrow_mut().remove(&id).is_some();
    let status = if result.is_ok() { "done" } else { "error" };
    if known {
        let done = ctx.invoke(Op::TaskDone, vec![task_value(id), Value::str(status)]);
        if let (Ok(_), Err(e)) = (&result, done) {
            return Err(e);
        }
    }
    result.map(|_| TaskStep::Done)
}

/// Resumes a suspended task with its wait's value.
pub(crate) fn resume(ctx: &Ctx, lua: &Lua, id: u64, value: Value) -> mlua::Result<TaskStep> {
    let Some(thread) = ctx.tasks.borrow().get(&id).cloned() else {
        return Err(ext(ScriptError::new(
            "S0101",
            format!("task {id} is not suspended"),
        )));
    };
    let arg = to_lua(ctx, lua, value)?;
    step(ctx, lua, id, thread, MultiValue::from_iter([arg]))
}

/// Drops a task.
pub(crate) fn cancel(ctx: &Ctx, id: u64) {
    ctx.tasks.borrow_mut().remove(&id);
}
