//! The engine trait every language implements, and the [`Bridge`] engines call back into.
//!
//! The host owns the engines and calls them through [`Engine`]; an engine reaches the host only
//! through [`Bridge::invoke`] with an [`Op`](crate::api::Op) and neutral arguments, so every
//! language gets the same behaviour from the same code.

use crate::api::Op;
use crate::error::{Language, Location, ScriptError};
use crate::value::{EngineId, FieldArg, FieldOut, FunctionRef, Value};

/// Who is calling the bridge.
#[derive(Debug, Clone)]
pub struct CallCx {
    /// Calling engine.
    pub engine: EngineId,
    /// Its language.
    pub language: Language,
    /// Where the calling script code is, when the engine cheaply knows it (logging calls).
    pub location: Option<Location>,
}

/// The host side, as engines see it.
pub trait Bridge {
    /// Runs a host operation. `args` follow the declaration (receiver first for handle
    /// methods). Errors are catchable script errors in the caller.
    fn invoke(&self, cx: &CallCx, op: Op, args: Vec<Value>) -> Result<Value, ScriptError>;

    /// A property write without an argument list (the hot path of `el.name = v` and
    /// `el:setProperty(name, v)`): `op` is [`Op::SetField`] or [`Op::SetProperty`] with `name`
    /// the name argument, or [`Op::SetNamed`] with `name` its own. Same semantics as
    /// `invoke(cx, op, [el, name, value])` (`[el, value]` for `SetNamed`), which is the default.
    fn set_named(
        &self,
        cx: &CallCx,
        op: Op,
        el: kryon_dom::ElementId,
        name: &str,
        value: FieldArg<'_>,
    ) -> Result<(), ScriptError> {
        self.invoke(cx, op, named_args(op, el, name, Some(value)))
            .map(|_| ())
    }

    /// A property read without an argument list (`el.name`, `el:getProperty(name)`): `op` is
    /// [`Op::GetField`], [`Op::GetProperty`] or [`Op::GetComputed`] with `name` the name
    /// argument, or [`Op::GetNamed`] with `name` its own. Same semantics as
    /// `invoke(cx, op, [el, name])` (`[el]` for `GetNamed`), which is the default.
    fn get_named(
        &self,
        cx: &CallCx,
        op: Op,
        el: kryon_dom::ElementId,
        name: &str,
    ) -> Result<FieldOut, ScriptError> {
        self.invoke(cx, op, named_args(op, el, name, None))
            .map(FieldOut::Value)
    }
}

/// The argument list `invoke` takes for a fast-path call: `[el, name, value]` (`[el, value]` for
/// [`Op::SetNamed`]), or for a read (`value` `None`) `[el, name]` (`[el]` for [`Op::GetNamed`]).
pub fn named_args(
    op: Op,
    el: kryon_dom::ElementId,
    name: &str,
    value: Option<FieldArg<'_>>,
) -> Vec<Value> {
    let mut args = vec![Value::Element(el)];
    if !matches!(op, Op::SetNamed(_) | Op::GetNamed(_)) {
        args.push(Value::str(name));
    }
    if let Some(value) = value {
        args.push(value.into_value());
    }
    args
}

/// One unit of code to run at top level: an `@script` block or a `from` file.
#[derive(Debug, Clone)]
pub struct UnitSource {
    /// Name in messages and stack traces (`app.kry`, `logic.lua`).
    pub chunk_name: String,
    /// The code.
    pub code: String,
    /// The 1-based line of the code's first line in `chunk_name`, so reported lines are
    /// `.kry` lines for embedded blocks.
    pub first_line: usize,
}

/// One `@function` declaration.
#[derive(Debug, Clone)]
pub struct FunctionSource {
    /// Global name.
    pub name: String,
    /// Parameter names.
    pub params: Vec<String>,
    /// Body.
    pub body: String,
    /// Chunk name (`app.kry`).
    pub chunk_name: String,
    /// `.kry` line of the body's first line.
    pub first_line: usize,
}

/// Limits of §8.3, per engine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Memory limit in bytes (0 = none).
    pub memory_bytes: usize,
    /// Wall-clock budget per callback in ms (`None` = off; headless runs use instructions).
    pub time_ms: Option<f64>,
    /// VM instruction budget per callback (0 = none).
    pub instructions: u64,
    /// Nested script calls allowed.
    pub stack_depth: usize,
    /// Budgets of top-level load code are this many times larger.
    pub load_multiplier: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            memory_bytes: 64 << 20,
            time_ms: Some(100.0),
            instructions: 100_000_000,
            stack_depth: 1000,
            load_multiplier: 10,
        }
    }
}

/// What a task did when it last ran.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskStep {
    /// It yielded; the host resumes it when its wait (already reported via `taskWait`) ends.
    Suspended,
    /// It returned.
    Done,
}

/// A script engine: one per language per app.
pub trait Engine {
    /// Its language.
    fn language(&self) -> Language;
    /// Its id (the engine half of every [`FunctionRef`] it hands out).
    fn id(&self) -> EngineId;
    /// Defines an `@function` as a global function (hoisted; runs no user code).
    fn define_function(&self, function: &FunctionSource) -> Result<(), ScriptError>;
    /// Runs a unit's top-level code; returns the names of global functions it defined or
    /// replaced (for the registry).
    fn run_unit(&self, unit: &UnitSource) -> Result<Vec<String>, ScriptError>;
    /// Compiles inline handler code (kry §11.4): a single function expression is the handler,
    /// otherwise the code is the body of `function(event)`. Runs no user code.
    fn compile_handler(
        &self,
        code: &str,
        chunk_name: &str,
        line: usize,
    ) -> Result<FunctionRef, ScriptError>;
    /// The global function called `name`, if any.
    fn global_function(&self, name: &str) -> Option<FunctionRef>;
    /// Calls a function with a fresh budget when this is the outermost call.
    fn call(&self, function: FunctionRef, args: Vec<Value>) -> Result<Value, ScriptError>;
    /// Resumes a suspended task with the value its wait produced.
    fn resume_task(&self, task: u64, value: Value) -> Result<TaskStep, ScriptError>;
    /// Drops a task without resuming it.
    fn cancel_task(&self, task: u64);
    /// Releases a function the host no longer references.
    fn release(&self, function: FunctionRef);
    /// Bytes in use.
    fn memory_used(&self) -> usize;
    /// Runs a full garbage collection.
    fn collect_garbage(&self);
    /// Sets the limits.
    fn set_limits(&self, limits: Limits);
    /// Installs one reactive global per declared variable (reads and writes go through
    /// `Op::GetVariable`/`Op::SetVariable`); called again after a reload with the new set.
    fn install_variables(&self, names: &[String]);
}

/// What an engine is created with.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// The app folder: `require` resolves inside it only; file permissions are rooted here.
    pub app_dir: Option<std::path::PathBuf>,
    /// App `script_permissions` (§8.2), e.g. `["fs_read", "debug"]`.
    pub permissions: Vec<String>,
    /// Limits (§8.3).
    pub limits: Limits,
}
