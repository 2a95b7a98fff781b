//! The dispatch algorithm of script-api §4.4 (normative): path, before hooks, capture, target
//! and bubble (markup handlers act as priority-0 listeners that run first), `"*"` listeners,
//! stopping, default actions, observers. Also markup handler invocation (kry §11.4).

use super::events::{DispatchFlags, EventInit, ListenTarget, Listener, bubbles, handler_property};
use super::{Ctx, HostInner};
use crate::error::ScriptError;
use crate::value::{EventValue, FunctionRef, Value};
use indexmap::IndexMap;
use kryon_dom::ElementKind;
use kryon_dom::scope::SlotKind;
use kryon_dom::style::values::Handler;
use kryon_dom::tree::ElementId;

/// Synchronous dispatches may nest this deep (S0117).
const MAX_NESTING: usize = 32;

/// One step of the target/bubble phase.
enum Step {
    Markup,
    Listener(Listener),
}

impl HostInner {
    /// Dispatches an event synchronously. Returns false when a before hook cancelled it.
    pub(crate) fn dispatch(&self, init: EventInit) -> Result<bool, ScriptError> {
        let (id, path, base) = {
            let mut w = self.world.borrow_mut();
            if w.events.dispatches.len() >= MAX_NESTING {
                return Err(ScriptError::new(
                    "S0117",
                    format!("event \"{}\" nested deeper than {MAX_NESTING}", init.ty),
                ));
            }
            w.events.next_dispatch += 1;
            let id = w.events.next_dispatch;
            w.events.dispatches.push(DispatchFlags {
                id,
                ..Default::default()
            });
            let mut path = Vec::new();
            let mut cur = init.target;
            while let Some(el) = cur {
                path.push(el);
                cur = w.dom.arena.elements.get(el).and_then(|e| e.parent);
            }
            let mut base = IndexMap::new();
            base.insert("type".to_owned(), Value::from(init.ty.as_str()));
            base.insert(
                "target".to_owned(),
                init.target.map_or(Value::Null, Value::Element),
            );
            base.insert("timestamp".to_owned(), Value::Float(w.now_ms));
            for (k, v) in &init.fields {
                base.insert(k.clone(), v.clone());
            }
            (id, path, base)
        };
        let result = self.run_dispatch(id, &init, &path, &base);
        let flags = {
            let mut w = self.world.borrow_mut();
            let flags = w.events.flags_mut(id).copied().unwrap_or_default();
            w.events.dispatches.retain(|d| d.id != id);
            flags
        };
        let cancelled = result?;
        if !cancelled && !flags.prevented {
            self.default_action(&init)?;
        }
        self.run_observers(&base, cancelled);
        if let Some(target) = init.target {
            let event = self.event_value(id, &base, None, cancelled);
            self.world
                .borrow_mut()
                .events
                .recent
                .push((target, init.ty.clone(), event));
        }
        Ok(!cancelled)
    }

    /// Before hooks, capture, target and bubble. Returns whether the event was cancelled.
    fn run_dispatch(
        &self,
        id: u64,
        init: &EventInit,
        path: &[ElementId],
        base: &IndexMap<String, Value>,
    ) -> Result<bool, ScriptError> {
        let ty = init.ty.as_str();
        let in_path = |t: ListenTarget| match t {
            ListenTarget::All => true,
            ListenTarget::Element(e) => path.contains(&e),
        };
        // Before hooks: priority, then registration order.
        let mut hooks: Vec<Listener> =
            self.listeners_where(|l| l.before && l.ty == ty && in_path(l.target));
        hooks.sort_by(|a, b| a.priority.total_cmp(&b.priority).then(a.id.cmp(&b.id)));
        for hook in hooks {
            let current = match hook.target {
                ListenTarget::Element(e) => Some(e),
                ListenTarget::All => None,
            };
            if let Some(Value::Bool(false)) = self.run_listener(id, &hook, base, current) {
                return Ok(true);
            }
        }
        // Capture: "*" capture listeners first, then App down to the target's parent.
        let mut all_capture = self.listeners_where(|l| {
            !l.before && l.capture && l.ty == ty && l.target == ListenTarget::All
        });
        sort(&mut all_capture);
        for l in all_capture {
            self.run_listener(id, &l, base, None);
            if self.stopped(id) {
                return Ok(false);
            }
        }
        for &el in path.iter().skip(1).rev() {
            let mut on_el = self.listeners_where(|l| {
                !l.before && l.capture && l.ty == ty && l.target == ListenTarget::Element(el)
            });
            sort(&mut on_el);
            for l in on_el {
                if self.stopped_immediately(id) {
                    return Ok(false);
                }
                self.run_listener(id, &l, base, Some(el));
            }
            if self.stopped(id) {
                return Ok(false);
            }
        }
        // Target and bubble.
        let bubbling = bubbles(ty) && init.target.is_some();
        let markup_prop = handler_property(ty);
        for (i, &el) in path.iter().enumerate() {
            let mut listeners = self.listeners_where(|l| {
                !l.before && !l.capture && l.ty == ty && l.target == ListenTarget::Element(el)
            });
            sort(&mut listeners);
            let has_markup = markup_prop.is_some_and(|p| self.has_markup_handler(el, p));
            let mut steps: Vec<Step> = Vec::with_capacity(listeners.len() + 1);
            let mut markup_pending = has_markup;
            for l in listeners {
                if markup_pending && l.priority >= 0.0 {
                    steps.push(Step::Markup);
                    markup_pending = false;
                }
                steps.push(Step::Listener(l));
            }
            if markup_pending {
                steps.push(Step::Markup);
            }
            for step in steps {
                if self.stopped_immediately(id) {
                    return Ok(false);
                }
                match step {
                    Step::Markup => {
                        if let Some(prop) = markup_prop {
                            let event = self.event_value(id, base, Some(el), false);
                            if let Err(e) = self.invoke_markup_handler(el, prop, vec![event]) {
                                self.report(e);
                            }
                        }
                    }
                    Step::Listener(l) => {
                        self.run_listener(id, &l, base, Some(el));
                    }
                }
            }
            if self.stopped(id) || (i == 0 && !bubbling) {
                break;
            }
        }
        if !self.stopped(id) {
            let mut all = self.listeners_where(|l| {
                !l.before && !l.capture && l.ty == ty && l.target == ListenTarget::All
            });
            sort(&mut all);
            for l in all {
                if self.stopped_immediately(id) {
                    break;
                }
                self.run_listener(id, &l, base, None);
            }
        }
        Ok(false)
    }

    fn listeners_where(&self, keep: impl Fn(&Listener) -> bool) -> Vec<Listener> {
        let w = self.world.borrow();
        w.events
            .listeners
            .iter()
            .filter(|l| keep(l))
            .cloned()
            .collect()
    }

    fn stopped(&self, id: u64) -> bool {
        let mut w = self.world.borrow_mut();
        w.events
            .flags_mut(id)
            .is_some_and(|f| f.stop || f.stop_immediate)
    }

    fn stopped_immediately(&self, id: u64) -> bool {
        let mut w = self.world.borrow_mut();
        w.events.flags_mut(id).is_some_and(|f| f.stop_immediate)
    }

    /// Runs one listener (removing it first when `once`); returns its result.
    fn run_listener(
        &self,
        id: u64,
        listener: &Listener,
        base: &IndexMap<String, Value>,
        current: Option<ElementId>,
    ) -> Option<Value> {
        {
            let mut w = self.world.borrow_mut();
            if !w.events.listeners.iter().any(|l| l.id == listener.id) {
                return None; // removed by an earlier listener of this dispatch
            }
            if listener.once {
                w.events.remove(listener.id);
            }
        }
        let event = self.event_value(id, base, current, false);
        let ctx = self.ctx_for(current, listener.owner);
        let ty = base
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        self.call_reporting(listener.function, vec![event], ctx, &|| {
            format!("{ty} listener")
        })
    }

    fn run_observers(&self, base: &IndexMap<String, Value>, cancelled: bool) {
        let observers: Vec<(u64, FunctionRef)> = self.world.borrow().events.observers.clone();
        for (_, f) in observers {
            let event = self.event_value(0, base, None, cancelled);
            self.call_reporting(f, vec![event], Ctx::default(), &|| "onAny observer".into());
        }
    }

    /// The event object seen by one listener.
    pub(crate) fn event_value(
        &self,
        dispatch: u64,
        base: &IndexMap<String, Value>,
        current: Option<ElementId>,
        cancelled: bool,
    ) -> Value {
        let mut fields = base.clone();
        let prevented = {
            let mut w = self.world.borrow_mut();
            w.events.flags_mut(dispatch).is_some_and(|f| f.prevented)
        };
        fields.insert(
            "currentTarget".into(),
            current.map_or(Value::Null, Value::Element),
        );
        if let (Some(el), Some(x), Some(y)) = (
            current,
            base.get("x").and_then(Value::as_f64),
            base.get("y").and_then(Value::as_f64),
        ) && let Some((bx, by, _, _)) = self.world.borrow().dom.element_bounds(el)
        {
            fields.insert("localX".into(), Value::Float(x - f64::from(bx)));
            fields.insert("localY".into(), Value::Float(y - f64::from(by)));
        }
        if let Some(el) = current {
            let w = self.world.borrow();
            if let Some(inst) = w.dom.instance_of(el).and_then(|i| w.dom.instance_root(i)) {
                fields.insert("instance".into(), Value::Element(inst));
            }
        }
        fields.insert("defaultPrevented".into(), Value::Bool(prevented));
        fields.insert("cancelled".into(), Value::Bool(cancelled));
        Value::Event(Box::new(EventValue { dispatch, fields }))
    }

    /// The component context of a handler attached to `el`.
    pub(crate) fn ctx_for(&self, el: Option<ElementId>, owner: Option<usize>) -> Ctx {
        let instance = el.and_then(|e| self.world.borrow().dom.instance_of(e));
        Ctx { instance, owner }
    }

    fn has_markup_handler(&self, el: ElementId, prop: &str) -> bool {
        let w = self.world.borrow();
        w.fn_handlers.contains_key(&(el, prop.to_owned()))
            || super::canvas::element_handler(&w.dom, el, prop).is_some()
    }

    /// Invokes an element's markup handler for `prop` with `tail` as its trailing arguments
    /// (the event): `fn(event)`, `fn(item, index, event)` in a `@for` body, or the call form's
    /// evaluated arguments.
    pub(crate) fn invoke_markup_handler(
        &self,
        el: ElementId,
        prop: &str,
        tail: Vec<Value>,
    ) -> Result<Value, ScriptError> {
        let (function, handler) = {
            let w = self.world.borrow();
            (
                w.fn_handlers.get(&(el, prop.to_owned())).copied(),
                super::canvas::element_handler(&w.dom, el, prop),
            )
        };
        let ctx = self.ctx_for(Some(el), None);
        // The outermost stack frame names the handler and where the markup attached it (§7).
        let what = || {
            let w = self.world.borrow();
            let place = w
                .dom
                .arena
                .elements
                .get(el)
                .and_then(|e| w.dom.document.sources.location(e.span))
                .map(|(file, line, col)| format!(" ({file}:{line}:{col})"))
                .unwrap_or_default();
            format!("{prop} of {}{place}", w.dom.describe(el))
        };
        if let Some(f) = function {
            let args = self.loop_args(el, tail);
            return self.call(f, args, ctx).map_err(|e| e.with_frame(what()));
        }
        let Some(handler) = handler else {
            return Ok(Value::Null);
        };
        self.run_handler(el, prop, handler, tail, ctx, 0)
            .map_err(|e| e.with_frame(what()))
    }

    fn run_handler(
        &self,
        el: ElementId,
        prop: &str,
        handler: Handler,
        tail: Vec<Value>,
        ctx: Ctx,
        depth: u8,
    ) -> Result<Value, ScriptError> {
        match handler {
            Handler::Name(name) => {
                let args = self.loop_args(el, tail);
                self.call_registered(&name, args, ctx, Some(el))
            }
            Handler::Call { name, args } => {
                let values = {
                    let w = self.world.borrow();
                    let scope = w.dom.arena.elements.get(el).map(|e| e.scope);
                    let mut out = Vec::new();
                    if let Some(scope) = scope {
                        for arg in &args {
                            let mut env = kryon_dom::bind::ScopeEnv::new(&w.dom.scopes, scope);
                            let v = kryon_dom::expr::eval(arg, &mut env)
                                .map_err(|e| ScriptError::new("S0101", e.message))?;
                            out.push(Value::from_dom(v));
                        }
                    }
                    out
                };
                self.call_registered(&name, values, ctx, Some(el))
            }
            Handler::Code(code) => {
                if code.trim().is_empty() {
                    return Ok(Value::Null);
                }
                let f = self.compiled_handler(el, prop, &code)?;
                let args = self.loop_args(el, tail);
                self.call(f, args, ctx)
            }
            Handler::Reference(expr) => {
                let text = {
                    let w = self.world.borrow();
                    let scope = w.dom.arena.elements.get(el).map(|e| e.scope);
                    match scope {
                        Some(scope) => {
                            let mut env = kryon_dom::bind::ScopeEnv::new(&w.dom.scopes, scope);
                            kryon_dom::expr::eval(&expr, &mut env)
                                .map(|v| v.to_string())
                                .map_err(|e| ScriptError::new("S0101", e.message))?
                        }
                        None => String::new(),
                    }
                };
                if depth > 0 || text.trim().is_empty() {
                    return Ok(Value::Null);
                }
                self.run_handler(el, prop, Handler::from_text(&text), tail, ctx, depth + 1)
            }
        }
    }

    /// Calls a registry function by name; a first parameter named `self` gets the component
    /// instance (§2.2).
    pub(crate) fn call_registered(
        &self,
        name: &str,
        mut args: Vec<Value>,
        ctx: Ctx,
        el: Option<ElementId>,
    ) -> Result<Value, ScriptError> {
        let definition = self.resolve_function(name);
        let Some(definition) = definition else {
            return Err(ScriptError::new(
                "S0110",
                format!("function \"{name}\" not found"),
            ));
        };
        let wants_self = definition
            .params
            .as_ref()
            .and_then(|p| p.first())
            .is_some_and(|p| p == "self");
        if wants_self {
            let w = self.world.borrow();
            let inst = ctx
                .instance
                .or_else(|| el.and_then(|e| w.dom.instance_of(e)))
                .and_then(|i| w.dom.instance_root(i));
            args.insert(0, inst.map_or(Value::Null, Value::Element));
        }
        self.call(definition.function, args, ctx)
    }

    /// `(item, index, …tail)` for an element inside a `@for` body, else `tail`.
    fn loop_args(&self, el: ElementId, tail: Vec<Value>) -> Vec<Value> {
        let w = self.world.borrow();
        let Some(mut scope) = w.dom.arena.elements.get(el).map(|e| e.scope) else {
            return tail;
        };
        loop {
            let Some(frame) = w.dom.scopes.frames.get(scope) else {
                return tail;
            };
            let slots: Vec<_> = frame
                .names
                .iter()
                .filter_map(|(_, s)| w.dom.scopes.slots.get(*s))
                .collect();
            if slots.first().is_some_and(|s| s.kind == SlotKind::Loop) {
                let item = slots.first().map(|s| Value::from_dom(s.value.clone()));
                let index = slots.get(1).map(|s| Value::from_dom(s.value.clone()));
                let mut args = vec![item.unwrap_or_default(), index.unwrap_or_default()];
                args.extend(tail);
                return args;
            }
            match frame.parent {
                Some(p) => scope = p,
                None => return tail,
            }
        }
    }

    /// The element's inline handler code, compiled once (kry §11.4).
    pub(crate) fn compiled_handler(
        &self,
        el: ElementId,
        prop: &str,
        code: &str,
    ) -> Result<FunctionRef, ScriptError> {
        if let Some(f) = self.world.borrow().compiled.get(&(el, prop.to_owned())) {
            return Ok(*f);
        }
        let (engine, body, chunk, line) = self.inline_engine(el, code)?;
        let f = engine.compile_handler(&body, &chunk, line)?;
        self.world
            .borrow_mut()
            .compiled
            .insert((el, prop.to_owned()), f);
        Ok(f)
    }

    /// Default actions (§4.4): checkbox toggle, radio select (each fires `change`), submit, and
    /// a Link's `href` queued for the OS handler.
    fn default_action(&self, init: &EventInit) -> Result<(), ScriptError> {
        let Some(target) = init.target else {
            return Ok(());
        };
        match init.ty.as_str() {
            "click" => {
                let (kind, input_type, checked) = {
                    let mut w = self.world.borrow_mut();
                    let kind = w.dom.arena.elements.get(target).map(|e| e.kind);
                    let ty = w
                        .dom
                        .computed_property(target, "type")
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned));
                    let checked = w
                        .dom
                        .computed_property(target, "checked")
                        .is_ok_and(|v| v.truthy());
                    (kind, ty, checked)
                };
                if kind == Some(ElementKind::Link) {
                    let mut w = self.world.borrow_mut();
                    let href = w.dom.computed_property(target, "href").ok();
                    if let Some(href) = href {
                        w.system.request_open(&href.to_string());
                    }
                    return Ok(());
                }
                if kind != Some(ElementKind::Input) {
                    return Ok(());
                }
                let new_state = match input_type.as_deref() {
                    Some("checkbox") => Some(!checked),
                    Some("radio") if !checked => Some(true),
                    Some("submit") => {
                        self.dispatch(EventInit::new("submit", Some(target)))?;
                        None
                    }
                    _ => None,
                };
                if let Some(state) = new_state {
                    let value = {
                        let mut w = self.world.borrow_mut();
                        w.dom
                            .set_property_by_name(target, "checked", kryon_dom::Value::Bool(state))
                            .map_err(|e| ScriptError::new(e.code, e.message))?;
                        w.dom.computed_property(target, "value").ok()
                    };
                    let event = EventInit::new("change", Some(target))
                        .with("checked", Value::Bool(state))
                        .with("value", value.map(Value::from_dom).unwrap_or_default());
                    self.dispatch(event)?;
                }
            }
            "press" => self.focus_from_press(target),
            _ => {}
        }
        Ok(())
    }
}

fn sort(listeners: &mut [Listener]) {
    listeners.sort_by(|a, b| a.priority.total_cmp(&b.priority).then(a.id.cmp(&b.id)));
}
