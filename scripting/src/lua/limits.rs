//! Limits (script-api §8.3): the memory limit, and an instruction-count hook (installed only
//! while a budget is set) enforcing the instruction and wall-clock budgets per outermost callback (load code gets `load_multiplier`
//! times the budget). Once a budget is exceeded the interruption is sticky: every later hook
//! check and every `pcall`/`xpcall`/`coroutine.resume` return re-raises it until control is
//! back in Rust, so scripts cannot swallow it.

use super::ctx::Ctx;
use super::error::ext;
use crate::engine::Limits;
use crate::error::ScriptError;
use mlua::{HookTriggers, Lua, MultiValue, VmState};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Instructions between hook checks.
pub(crate) const HOOK_EVERY: u32 = 1000;

/// The budget of the running callback.
pub(crate) struct Budget {
    limits: Cell<Limits>,
    depth: Cell<usize>,
    executed: Cell<u64>,
    max: Cell<u64>,
    deadline: Cell<Option<Instant>>,
    budget_ms: Cell<f64>,
    interrupted: RefCell<Option<ScriptError>>,
}

/// Leaves a callback when dropped.
pub(crate) struct Entered<'a>(&'a Budget);

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        self.0.depth.set(self.0.depth.get().saturating_sub(1));
    }
}

impl Budget {
    pub fn new(limits: Limits) -> Budget {
        Budget {
            limits: Cell::new(limits),
            depth: Cell::new(0),
            executed: Cell::new(0),
            max: Cell::new(0),
            deadline: Cell::new(None),
            budget_ms: Cell::new(0.0),
            interrupted: RefCell::new(None),
        }
    }

    pub fn limits(&self) -> Limits {
        self.limits.get()
    }

    pub fn set_limits(&self, limits: Limits) {
        self.limits.set(limits);
    }

    /// Enters a callback from Rust. The outermost one gets a fresh budget (`load` multiplies
    /// it); nesting deeper than `stack_depth` is S0116.
    pub fn enter(&self, load: bool) -> Result<Entered<'_>, ScriptError> {
        let limits = self.limits.get();
        let depth = self.depth.get();
        if depth == 0 {
            let mult = if load {
                u64::from(limits.load_multiplier.max(1))
            } else {
                1
            };
            self.executed.set(0);
            self.max.set(limits.instructions.saturating_mul(mult));
            let ms = limits
                .time_ms
                .filter(|ms| *ms > 0.0)
                .map(|ms| ms * mult as f64);
            self.budget_ms.set(ms.unwrap_or(0.0));
            self.deadline
                .set(ms.map(|ms| Instant::now() + Duration::from_secs_f64(ms / 1000.0)));
            *self.interrupted.borrow_mut() = None;
        } else if depth >= limits.stack_depth.max(1) {
            return Err(ScriptError::new(
                "S0116",
                format!("stack depth limit ({}) exceeded", limits.stack_depth),
            ));
        }
        self.depth.set(depth + 1);
        Ok(Entered(self))
    }

    /// The interruption of the running callback, if its budget ran out.
    pub fn interruption(&self) -> Option<ScriptError> {
        if self.depth.get() == 0 {
            return None;
        }
        self.interrupted.borrow().clone()
    }

    /// Called by the hook every [`HOOK_EVERY`] instructions.
    fn check(&self) -> Result<(), ScriptError> {
        if self.depth.get() == 0 {
            return Ok(());
        }
        if let Some(e) = self.interrupted.borrow().clone() {
            return Err(e);
        }
        let executed = self.executed.get() + u64::from(HOOK_EVERY);
        self.executed.set(executed);
        let max = self.max.get();
        let err = if max > 0 && executed > max {
            Some(ScriptError::new(
                "S0111",
                format!("instruction limit ({max}) exceeded"),
            ))
        } else if self.deadline.get().is_some_and(|d| Instant::now() > d) {
            Some(ScriptError::new(
                "S0111",
                format!(
                    "script exceeded its time budget ({} ms)",
                    self.budget_ms.get()
                ),
            ))
        } else {
            None
        };
        match err {
            Some(e) => {
                *self.interrupted.borrow_mut() = Some(e.clone());
                Err(e)
            }
            None => Ok(()),
        }
    }
}

/// Installs the hook (when a budget is set) and the memory limit.
pub(crate) fn install(lua: &Lua, ctx: &Rc<Ctx>) -> mlua::Result<()> {
    apply_hook(lua, ctx)?;
    apply_memory_limit(lua, ctx.budget.limits())
}

/// Sets the instruction-count hook when an instruction or time budget is set, and removes it
/// otherwise: with the hook installed the VM takes its slow, hook-checking path on every
/// instruction, so unlimited scripts (`script_instruction_limit: 0` without a time budget) run
/// without it. Coroutines get the hook of the state when they are created.
pub(crate) fn apply_hook(lua: &Lua, ctx: &Rc<Ctx>) -> mlua::Result<()> {
    let limits = ctx.budget.limits();
    if limits.instructions == 0 && limits.time_ms.is_none_or(|ms| ms <= 0.0) {
        lua.remove_global_hook();
        lua.remove_hook();
        return Ok(());
    }
    let hook_ctx = Rc::clone(ctx);
    lua.set_global_hook(
        HookTriggers {
            every_nth_instruction: Some(HOOK_EVERY),
            ..HookTriggers::default()
        },
        move |_, _| {
            hook_ctx.budget.check().map_err(ext)?;
            Ok(VmState::Continue)
        },
    )
}

/// Applies the memory limit (0 = none).
pub(crate) fn apply_memory_limit(lua: &Lua, limits: Limits) -> mlua::Result<()> {
    lua.set_memory_limit(limits.memory_bytes).map(|_| ())
}

/// The function wrapped around `pcall`/`xpcall`/`coroutine.resume` results: re-raises a
/// budget interruption, otherwise returns its arguments unchanged.
pub(crate) fn rethrow_fn(lua: &Lua, ctx: &Rc<Ctx>) -> mlua::Result<mlua::Function> {
    let ctx = Rc::clone(ctx);
    lua.create_function(move |_, args: MultiValue| {
        if let Some(e) = ctx.budget.interruption() {
            return Err(ext(e));
        }
        Ok(args)
    })
}
