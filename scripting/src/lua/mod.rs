//! The Lua 5.4 engine (mlua, vendored): [`LuaEngine`] implements [`Engine`].
//!
//! - `ctx`: shared state (bridge, function registry, handle cache, tasks);
//! - `convert`: Lua ↔ [`Value`] (§6);
//! - `bindings` + `handles`: the binding generated from [`crate::api::API`];
//! - `fields`: the property fast path on element handles (`el.text`, `el:setProperty`…);
//! - `variables`: reactive globals (§4.5);
//! - `sandbox`: the restricted standard library and `require` (§8.1–§8.2);
//! - `limits`: memory, instruction and time budgets (§8.3);
//! - `tasks`: `kryon.async` coroutines (§4.8);
//! - `error`: mlua errors → [`ScriptError`] (§7).
//!
//! Line mapping: code is prefixed with `first_line - 1` newlines and chunks are named `=file`,
//! so Lua's own line numbers are `.kry` lines and messages read `app.kry:48: …`.

#![allow(
    clippy::result_large_err,
    reason = "ScriptError is the Engine trait's error type, returned by value"
)]

mod bindings;
mod convert;
mod ctx;
mod error;
mod fields;
mod handles;
mod limits;
mod names;
mod sandbox;
mod tasks;
pub mod testing;
mod texts;
mod variables;

use crate::engine::{Bridge, Engine, EngineOptions, FunctionSource, Limits, TaskStep, UnitSource};
use crate::error::{Language, ScriptError};
use crate::value::{EngineId, FunctionRef, Value};
use ctx::Ctx;
use mlua::chunk::ChunkMode;
use mlua::{Function, Lua, LuaOptions, MultiValue, Value as LuaValue};
use std::collections::HashMap;
use std::ffi::c_void;
use std::rc::{Rc, Weak};

/// The Lua engine of one app.
pub struct LuaEngine {
    lua: Lua,
    ctx: Rc<Ctx>,
}

impl std::fmt::Debug for LuaEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LuaEngine")
            .field("id", &self.ctx.id)
            .finish()
    }
}

fn setup_error(e: mlua::Error) -> ScriptError {
    ScriptError::new("S0101", format!("could not start the Lua engine: {e}"))
        .in_language(Language::Lua)
}

impl LuaEngine {
    /// Creates the engine: sandboxed standard library, the generated binding, reactive globals
    /// (none declared yet) and the limits of `options`.
    pub fn new(
        id: EngineId,
        bridge: Weak<dyn Bridge>,
        options: EngineOptions,
    ) -> Result<LuaEngine, ScriptError> {
        let lua = Lua::new_with(sandbox::libs(&options.permissions), LuaOptions::new())
            .map_err(setup_error)?;
        let ctx = Rc::new(Ctx::new(&lua, id, bridge, options).map_err(setup_error)?);
        sandbox::install(&lua, &ctx).map_err(setup_error)?;
        handles::register(&lua, &ctx).map_err(setup_error)?;
        bindings::install(&lua, &ctx).map_err(setup_error)?;
        variables::install(&lua, &ctx).map_err(setup_error)?;
        limits::install(&lua, &ctx).map_err(setup_error)?;
        Ok(LuaEngine { lua, ctx })
    }

    /// The Lua state (benches and embedding tests).
    pub fn lua(&self) -> &Lua {
        &self.lua
    }

    /// Functions currently kept alive for the host.
    pub fn live_functions(&self) -> usize {
        self.ctx.function_count()
    }

    fn error(&self, e: &mlua::Error) -> ScriptError {
        let err = error::to_script_error(&self.ctx, e);
        if err.code == "S0113" {
            let _ = self.lua.gc_collect();
        }
        err
    }

    /// Compiles `code` as chunk `=name` with lines shifted to start at `first_line`.
    fn compile(&self, code: &str, chunk: &str, first_line: usize) -> Result<Function, ScriptError> {
        let mut text = "\n".repeat(first_line.saturating_sub(1));
        text.push_str(code);
        self.lua
            .load(text)
            .set_name(format!("={chunk}"))
            .set_mode(ChunkMode::Text)
            .into_function()
            .map_err(|e| self.error(&e))
    }

    /// Runs `f` as the outermost (or a nested) callback.
    fn run<R>(&self, load: bool, f: impl FnOnce() -> mlua::Result<R>) -> Result<R, ScriptError> {
        let _entered = self
            .ctx
            .budget
            .enter(load)
            .map_err(|e| e.in_language(Language::Lua))?;
        f().map_err(|e| self.error(&e))
    }

    fn global_functions(&self) -> HashMap<String, *const c_void> {
        let mut out = HashMap::new();
        for (k, v) in self.lua.globals().pairs::<LuaValue, LuaValue>().flatten() {
            if let (LuaValue::String(k), LuaValue::Function(f)) = (k, v) {
                out.insert(k.to_string_lossy(), f.to_pointer());
            }
        }
        out
    }
}

impl Engine for LuaEngine {
    fn language(&self) -> Language {
        Language::Lua
    }

    fn id(&self) -> EngineId {
        self.ctx.id
    }

    fn define_function(&self, function: &FunctionSource) -> Result<(), ScriptError> {
        let code = format!(
            "function {}({}) {}\nend",
            function.name,
            function.params.join(", "),
            function.body
        );
        self.ctx
            .remember_source(&function.chunk_name, function.first_line, &function.body);
        let f = self.compile(&code, &function.chunk_name, function.first_line)?;
        self.run(true, || f.call::<()>(()))
    }

    fn run_unit(&self, unit: &UnitSource) -> Result<Vec<String>, ScriptError> {
        self.ctx
            .remember_source(&unit.chunk_name, unit.first_line, &unit.code);
        let f = self.compile(&unit.code, &unit.chunk_name, unit.first_line)?;
        let before = self.global_functions();
        self.run(true, || f.call::<()>(()))?;
        let mut changed: Vec<String> = self
            .global_functions()
            .into_iter()
            .filter(|(name, ptr)| before.get(name) != Some(ptr))
            .map(|(name, _)| name)
            .collect();
        changed.sort();
        Ok(changed)
    }

    fn compile_handler(
        &self,
        code: &str,
        chunk_name: &str,
        line: usize,
    ) -> Result<FunctionRef, ScriptError> {
        self.ctx.remember_source(chunk_name, line, code);
        let trimmed = code.trim();
        let is_function_expr = trimmed.starts_with("function")
            && trimmed[8..].starts_with(|c: char| c == '(' || c.is_whitespace())
            && trimmed.ends_with("end");
        let expr = if is_function_expr {
            self.compile(&format!("return {code}\n"), chunk_name, line)
                .ok()
        } else {
            None
        };
        let chunk = match expr {
            Some(f) => f,
            None => self.compile(
                &format!("return function(event) {code}\nend"),
                chunk_name,
                line,
            )?,
        };
        // Evaluating `return function … end` only creates the closure.
        let f: Function = self.run(true, || chunk.call(()))?;
        self.ctx
            .register_function(&self.lua, f)
            .map_err(|e| self.error(&e))
    }

    fn global_function(&self, name: &str) -> Option<FunctionRef> {
        match self.lua.globals().raw_get::<LuaValue>(name) {
            Ok(LuaValue::Function(f)) => self.ctx.register_function(&self.lua, f).ok(),
            _ => None,
        }
    }

    fn call(&self, function: FunctionRef, args: Vec<Value>) -> Result<Value, ScriptError> {
        let f = self
            .ctx
            .function(&self.lua, function)
            .map_err(|e| e.in_language(Language::Lua))?;
        self.run(false, || {
            let mut lua_args = MultiValue::with_capacity(args.len());
            for a in args {
                lua_args.push_back(convert::to_lua(&self.ctx, &self.lua, a)?);
            }
            let mut ret: MultiValue = f.call(lua_args)?;
            let first = ret.pop_front().unwrap_or(LuaValue::Nil);
            convert::to_value(&self.ctx, &self.lua, first)
        })
    }

    fn resume_task(&self, task: u64, value: Value) -> Result<TaskStep, ScriptError> {
        self.run(false, || tasks::resume(&self.ctx, &self.lua, task, value))
    }

    fn cancel_task(&self, task: u64) {
        tasks::cancel(&self.ctx, task);
    }

    fn release(&self, function: FunctionRef) {
        self.ctx.release(&self.lua, function);
    }

    fn memory_used(&self) -> usize {
        self.lua.used_memory()
    }

    fn collect_garbage(&self) {
        let _ = self.lua.gc_collect();
    }

    fn set_limits(&self, limits: Limits) {
        self.ctx.budget.set_limits(limits);
        let _ = limits::apply_hook(&self.lua, &self.ctx);
        let _ = limits::apply_memory_limit(&self.lua, limits);
    }

    fn install_variables(&self, names: &[String]) {
        let _ = variables::set_names(&self.lua, &self.ctx, names);
    }
}
