//! The engine's shared state: identity, the bridge, the function registry, the element-handle
//! cache, the array marker, running tasks and the source lines kept for error snippets.
//!
//! One [`Ctx`] per engine, shared (`Rc`) by every generated Lua function. It holds Lua values only
//! as mlua references (which do not keep the state alive), so there is no ownership cycle.

use super::error::ext;
use super::limits::Budget;
use super::names::Names;
use super::texts::Texts;
use crate::api::Op;
use crate::engine::{Bridge, CallCx, EngineOptions};
use crate::error::{Language, ScriptError};
use crate::value::{EngineId, FieldArg, FieldOut, FunctionRef, Value};
use kryon_dom::ElementId;
use mlua::{Function, Lua, RegistryKey, Table, Thread};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Weak;

/// Shared state of one Lua engine.
pub(crate) struct Ctx {
    /// Engine id (the engine half of every [`FunctionRef`]).
    pub id: EngineId,
    /// The call context passed to the bridge (no location: only logging sets one).
    pub cx: CallCx,
    /// The host.
    pub bridge: Weak<dyn Bridge>,
    /// Creation options (app folder, permissions).
    pub options: EngineOptions,
    /// Limits and the running callback's budget.
    pub budget: Budget,
    /// Functions handed out as [`FunctionRef`]s, alive until released.
    functions: RefCell<HashMap<u64, RegistryKey>>,
    next_function: Cell<u64>,
    /// Weak-valued `slot -> element handle` table: one handle per element while it is alive.
    pub handle_cache: Table,
    handle_slots: RefCell<HashMap<ElementId, i64>>,
    next_slot: Cell<i64>,
    prune_at: Cell<usize>,
    /// The metatable marking a table as an array (`kryon.array`).
    pub array_mt: Table,
    /// Methods of event tables (generated from the `Event` entries).
    pub event_methods: Table,
    /// Suspended or running tasks by id.
    pub tasks: RefCell<HashMap<u64, Thread>>,
    /// Tasks being resumed, innermost last.
    pub running: RefCell<Vec<(u64, Thread)>>,
    /// Declared variable names (a Lua set, read by `_G`'s metatable).
    pub declared: Table,
    /// `_G`.
    globals: Table,
    /// Source lines by chunk name and line, for error snippets.
    sources: RefCell<HashMap<String, HashMap<usize, String>>>,
    /// Property names seen as Lua strings.
    pub names: Names,
    /// Short string values written to properties, cached the same way.
    pub values: Names,
    /// Texts read back from the host, as Lua strings.
    pub texts: Texts,
}

impl Ctx {
    /// Creates the state (the Lua tables it needs are created in `lua`).
    pub fn new(
        lua: &Lua,
        id: EngineId,
        bridge: Weak<dyn Bridge>,
        options: EngineOptions,
    ) -> mlua::Result<Ctx> {
        let handle_cache = lua.create_table()?;
        let weak = lua.create_table()?;
        weak.raw_set("__mode", "v")?;
        handle_cache.set_metatable(Some(weak))?;
        let array_mt = lua.create_table()?;
        array_mt.raw_set("__name", "kryon.array")?;
        let limits = options.limits;
        Ok(Ctx {
            id,
            cx: CallCx {
                engine: id,
                language: Language::Lua,
                location: None,
            },
            bridge,
            options,
            budget: Budget::new(limits),
            functions: RefCell::new(HashMap::new()),
            next_function: Cell::new(1),
            handle_cache,
            handle_slots: RefCell::new(HashMap::new()),
            next_slot: Cell::new(1),
            prune_at: Cell::new(256),
            array_mt,
            event_methods: lua.create_table()?,
            tasks: RefCell::new(HashMap::new()),
            running: RefCell::new(Vec::new()),
            declared: lua.create_table()?,
            globals: lua.globals(),
            sources: RefCell::new(HashMap::new()),
            names: Names::new(),
            values: Names::new(),
            texts: Texts::new(),
        })
    }

    /// Runs a host operation; errors become Lua errors carrying the [`ScriptError`].
    #[inline]
    pub fn invoke(&self, op: Op, args: Vec<Value>) -> mlua::Result<Value> {
        self.invoke_cx(&self.cx, op, args)
    }

    /// [`Ctx::invoke`] with an explicit call context.
    pub fn invoke_cx(&self, cx: &CallCx, op: Op, args: Vec<Value>) -> mlua::Result<Value> {
        let Some(bridge) = self.bridge.upgrade() else {
            return Err(ext(ScriptError::new("S0121", "the runtime has shut down")));
        };
        bridge.invoke(cx, op, args).map_err(ext)
    }

    /// A property write through the bridge's fast path ([`Bridge::set_named`]).
    pub fn set_named(
        &self,
        op: Op,
        el: ElementId,
        name: &str,
        value: FieldArg<'_>,
    ) -> mlua::Result<()> {
        let Some(bridge) = self.bridge.upgrade() else {
            return Err(ext(ScriptError::new("S0121", "the runtime has shut down")));
        };
        bridge.set_named(&self.cx, op, el, name, value).map_err(ext)
    }

    /// A property read through the bridge's fast path ([`Bridge::get_named`]).
    pub fn get_named(&self, op: Op, el: ElementId, name: &str) -> mlua::Result<FieldOut> {
        let Some(bridge) = self.bridge.upgrade() else {
            return Err(ext(ScriptError::new("S0121", "the runtime has shut down")));
        };
        bridge.get_named(&self.cx, op, el, name).map_err(ext)
    }

    /// Keeps `f` alive and returns its reference.
    pub fn register_function(&self, lua: &Lua, f: Function) -> mlua::Result<FunctionRef> {
        let key = self.next_function.get();
        self.next_function.set(key + 1);
        let reg = lua.create_registry_value(f)?;
        self.functions.borrow_mut().insert(key, reg);
        Ok(FunctionRef {
            engine: self.id,
            key,
        })
    }

    /// The function behind a reference of this engine.
    pub fn function(&self, lua: &Lua, f: FunctionRef) -> Result<Function, ScriptError> {
        if f.engine != self.id {
            return Err(ScriptError::new(
                "S0109",
                "a function of another engine cannot be used here",
            ));
        }
        let functions = self.functions.borrow();
        let Some(key) = functions.get(&f.key) else {
            return Err(ScriptError::new("S0121", "stale function reference"));
        };
        lua.registry_value(key)
            .map_err(|e| ScriptError::new("S0121", format!("stale function reference: {e}")))
    }

    /// Releases a function reference.
    pub fn release(&self, lua: &Lua, f: FunctionRef) {
        if f.engine != self.id {
            return;
        }
        let removed = self.functions.borrow_mut().remove(&f.key);
        if let Some(key) = removed {
            let _ = lua.remove_registry_value(key);
        }
    }

    /// Number of live function references (tests).
    pub fn function_count(&self) -> usize {
        self.functions.borrow().len()
    }

    /// The cache slot of an element, allocating one on first sight. Slots whose handle was
    /// collected are pruned when the map has doubled since the last prune.
    pub fn handle_slot(&self, id: ElementId) -> mlua::Result<i64> {
        if let Some(slot) = self.handle_slots.borrow().get(&id) {
            return Ok(*slot);
        }
        let len = self.handle_slots.borrow().len();
        if len >= self.prune_at.get() {
            let mut slots = self.handle_slots.borrow_mut();
            let cache = &self.handle_cache;
            slots.retain(|_, slot| {
                cache
                    .raw_get::<mlua::Value>(*slot)
                    .map(|v| !v.is_nil())
                    .unwrap_or(false)
            });
            self.prune_at.set((slots.len() * 2).max(256));
        }
        let slot = self.next_slot.get();
        self.next_slot.set(slot + 1);
        self.handle_slots.borrow_mut().insert(id, slot);
        Ok(slot)
    }

    /// Remembers the lines of loaded code for error snippets.
    pub fn remember_source(&self, chunk: &str, first_line: usize, code: &str) {
        let mut sources = self.sources.borrow_mut();
        let lines = sources.entry(chunk.to_string()).or_default();
        for (i, line) in code.lines().enumerate() {
            lines.insert(first_line + i, line.to_string());
        }
    }

    /// A remembered source line.
    pub fn source_line(&self, chunk: &str, line: usize) -> Option<String> {
        self.sources.borrow().get(chunk)?.get(&line).cloned()
    }

    /// Whether a permission was granted (`native` implies every other one).
    pub fn permitted(&self, permission: &str) -> bool {
        self.options
            .permissions
            .iter()
            .any(|p| p == permission || p == "native")
    }
}

impl Ctx {
    /// `_G` (kept so checks need no state access).
    pub fn globals_table(&self) -> Table {
        self.globals.clone()
    }
}
