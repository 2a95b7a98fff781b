//! The host: the engine-neutral half of scripting. It owns the element tree while scripts run,
//! implements every [`Op`](crate::api::Op) once for all languages ([`Bridge`]), keeps the
//! function registry, listeners, timers, tasks, watchers and shared data, and exposes the frame
//! phases the runtime's scheduler calls in order (script-api §1.3).
//!
//! Borrowing rule: the world is borrowed only between script calls, never across one, so a
//! script may call back into the host (and the host into a script) to any depth.

mod anim;
mod canvas;
mod dispatch;
mod elements;
mod events;
mod invoke;
mod load;
mod registry;
mod system;
mod tasks;
mod timers;
mod vars;

pub use events::EventInit;
pub use load::SessionOptions;
pub use system::LogLine;

use crate::engine::{Bridge, CallCx, Engine};
use crate::error::ScriptError;
use crate::value::{EngineId, FieldArg, FieldOut, FunctionRef, Value};
use kryon_dom::Dom;
use kryon_dom::tree::{ElementId, InstanceId};
use std::cell::{RefCell, RefMut};
use std::collections::HashMap;
use std::rc::Rc;

/// Who is running: the component context of §2.2 and the element whose handler runs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ctx {
    /// Component instance for plain-id lookups and `kryon.instance()`.
    pub instance: Option<InstanceId>,
    /// Unit owning what the callback creates (hot reload, §9).
    pub owner: Option<usize>,
}

/// Everything the host keeps between script calls.
pub(crate) struct World {
    pub dom: Dom,
    pub now_ms: f64,
    pub frame: u64,
    pub next_id: u64,
    pub registry: registry::Registry,
    pub events: events::Events,
    pub timers: timers::Timers,
    pub tasks: tasks::Tasks,
    pub vars: vars::Vars,
    pub anims: anim::AnimCallbacks,
    pub canvas: canvas::CanvasState,
    pub system: system::System,
    pub contexts: Vec<Ctx>,
    /// Nesting of script callbacks (0 = none running).
    pub depth: usize,
    /// Names of removed elements, for S0104 messages.
    pub removed: HashMap<ElementId, String>,
    /// Handlers given as functions (createElement props, `setProperty("onClick", fn)`).
    pub fn_handlers: HashMap<(ElementId, String), FunctionRef>,
    /// Compiled inline handler code per element and event property.
    pub compiled: HashMap<(ElementId, String), FunctionRef>,
    /// The element with keyboard focus.
    pub focus: Option<ElementId>,
    /// `onReady` callbacks waiting for the first layout.
    pub ready: Vec<FunctionRef>,
    /// Set once the load sequence ran `onReady`.
    pub is_ready: bool,
    /// `onReload` callbacks.
    pub reload_callbacks: Vec<(u64, FunctionRef)>,
    /// Load-time warnings (K0106, K0502) as rendered lines.
    pub warnings: Vec<String>,
    /// Whether the tree has ever held a Canvas: canvas-free apps skip the per-frame canvas
    /// walks entirely.
    pub has_canvases: bool,
}

impl World {
    pub(crate) fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    pub(crate) fn ctx(&self) -> Ctx {
        self.contexts.last().copied().unwrap_or_default()
    }
}

pub(crate) struct HostInner {
    pub world: RefCell<World>,
    pub engines: RefCell<Vec<Rc<dyn Engine>>>,
}

/// An app's scripting session: the tree plus every engine and script registration.
pub struct Session {
    inner: Rc<HostInner>,
}

impl Session {
    /// The element tree (do not hold the guard across a call into the session).
    pub fn dom(&self) -> RefMut<'_, Dom> {
        RefMut::map(self.inner.world.borrow_mut(), |w| &mut w.dom)
    }

    /// The app clock in ms.
    pub fn now_ms(&self) -> f64 {
        self.inner.world.borrow().now_ms
    }

    /// Number of engines started.
    pub fn engine_count(&self) -> usize {
        self.inner.engines.borrow().len()
    }

    /// Bytes used by all engines.
    pub fn script_memory(&self) -> usize {
        let engines = self.inner.engines.borrow().clone();
        engines.iter().map(|e| e.memory_used()).sum()
    }
}

impl HostInner {
    pub(crate) fn engine(&self, id: EngineId) -> Option<Rc<dyn Engine>> {
        self.engines.borrow().get(id.0 as usize).cloned()
    }

    /// Calls a script function as a callback running in `ctx`. Watchers run when the outermost
    /// callback returns (§4.5).
    pub(crate) fn call(
        &self,
        function: FunctionRef,
        args: Vec<Value>,
        ctx: Ctx,
    ) -> Result<Value, ScriptError> {
        let Some(engine) = self.engine(function.engine) else {
            return Err(ScriptError::new("S0121", "stale function reference"));
        };
        let (result, outermost) = self.in_callback(ctx, || engine.call(function, args));
        if outermost {
            self.run_watchers();
        }
        result
    }

    /// Runs `f` (a call into an engine) as a callback in `ctx`; also returns whether it was
    /// the outermost one (watchers run after those, §4.5).
    pub(crate) fn in_callback<T>(&self, ctx: Ctx, f: impl FnOnce() -> T) -> (T, bool) {
        {
            let mut w = self.world.borrow_mut();
            w.contexts.push(ctx);
            w.depth += 1;
        }
        let result = f();
        let mut w = self.world.borrow_mut();
        w.contexts.pop();
        w.depth -= 1;
        (result, w.depth == 0)
    }

    /// Calls a callback and reports its error (with `what` as the outer stack frame).
    pub(crate) fn call_reporting(
        &self,
        function: FunctionRef,
        args: Vec<Value>,
        ctx: Ctx,
        what: &dyn Fn() -> String,
    ) -> Option<Value> {
        match self.call(function, args, ctx) {
            Ok(v) => Some(v),
            Err(e) => {
                self.report(e.with_frame(what()));
                None
            }
        }
    }

    /// Records a script error (stderr, overlay, `app.errors()`).
    pub(crate) fn report(&self, error: ScriptError) {
        self.world.borrow_mut().system.report(error);
    }
}

impl Bridge for HostInner {
    fn invoke(
        &self,
        cx: &CallCx,
        op: crate::api::Op,
        args: Vec<Value>,
    ) -> Result<Value, ScriptError> {
        invoke::invoke(self, cx, op, args)
    }

    fn set_named(
        &self,
        cx: &CallCx,
        op: crate::api::Op,
        el: ElementId,
        name: &str,
        value: FieldArg<'_>,
    ) -> Result<(), ScriptError> {
        use crate::api::Op;
        match op {
            Op::SetField => self.set_field(self.live(el)?, name, value),
            Op::SetProperty | Op::SetNamed(_) => self.set_property_arg(self.live(el)?, name, value),
            _ => invoke::invoke(
                self,
                cx,
                op,
                crate::engine::named_args(op, el, name, Some(value)),
            )
            .map(|_| ()),
        }
    }

    fn get_named(
        &self,
        cx: &CallCx,
        op: crate::api::Op,
        el: ElementId,
        name: &str,
    ) -> Result<FieldOut, ScriptError> {
        use crate::api::Op;
        match op {
            Op::GetField | Op::GetComputed => self.read_field(self.live(el)?, name),
            Op::GetProperty => self.read_own(self.live(el)?, name),
            Op::GetNamed(_) => self.read_computed(self.live(el)?, name),
            _ => invoke::invoke(self, cx, op, crate::engine::named_args(op, el, name, None))
                .map(FieldOut::Value),
        }
    }
}

impl HostInner {
    /// `el` if it is alive, else S0104 (what every element argument gets).
    fn live(&self, el: ElementId) -> Result<ElementId, ScriptError> {
        let w = self.world.borrow();
        if w.dom.is_alive(el) {
            Ok(el)
        } else {
            Err(removed_error(&w, el))
        }
    }
}

/// The S0104 error for a removed element.
pub(crate) fn removed_error(world: &World, el: ElementId) -> ScriptError {
    let name = world
        .removed
        .get(&el)
        .cloned()
        .unwrap_or_else(|| "element".to_owned());
    ScriptError::new("S0104", format!("element {name} was removed"))
}

/// The live element in `value`, or the S0104/S0103 error.
pub(crate) fn live_element(
    world: &World,
    value: &Value,
    what: &str,
) -> Result<ElementId, ScriptError> {
    match value {
        Value::Element(el) if world.dom.is_alive(*el) => Ok(*el),
        Value::Element(el) => Err(removed_error(world, *el)),
        other => Err(ScriptError::new(
            "S0103",
            format!("{what}: expected element, got {}", other.type_name()),
        )),
    }
}
