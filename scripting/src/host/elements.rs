//! Element operations that need more than one dom call: field access on handles, property
//! writes that may carry functions, creation with function-valued handlers, removal (which
//! cancels the subtree's listeners, timers, animations and waits, §4.3), focus and `click()`.

use super::events::EventInit;
use super::{HostInner, live_element};
use crate::error::ScriptError;
use crate::value::{FieldArg, FieldOut, Value};
use indexmap::IndexMap;
use kryon_dom::ElementKind;
use kryon_dom::ops::OpError;
use kryon_dom::tree::ElementId;

pub(crate) fn op_error(e: OpError) -> ScriptError {
    ScriptError::new(e.code, e.message)
}

fn is_handler_name(name: &str) -> bool {
    name == "draw_script"
        || name
            .strip_prefix("on")
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c.is_ascii_uppercase())
}

impl HostInner {
    /// `el.name` (§3.2): read-only identity fields, then the computed property or custom data.
    pub(crate) fn get_field(&self, el: ElementId, name: &str) -> Result<Value, ScriptError> {
        self.read_field(el, name).map(FieldOut::into_value)
    }

    /// [`HostInner::get_field`] keeping text as the runtime's `String` (the fast path).
    pub(crate) fn read_field(&self, el: ElementId, name: &str) -> Result<FieldOut, ScriptError> {
        let mut w = self.world.borrow_mut();
        let dom = &mut w.dom;
        let Some(element) = dom.arena.elements.get(el) else {
            return Err(ScriptError::new("S0104", "element was removed"));
        };
        Ok(match name {
            "id" => element
                .scoped_id
                .clone()
                .map_or(FieldOut::Value(Value::Null), FieldOut::Text),
            "tag" | "element_type" => FieldOut::Text(dom.tag_of(el).to_owned()),
            "numeric_id" => {
                use slotmap::Key;
                FieldOut::Value(Value::Int((el.data().as_ffi() & 0xFFFF_FFFF) as i64))
            }
            "parent" => FieldOut::Value(element.parent.map_or(Value::Null, Value::Element)),
            "instance" => FieldOut::Value(
                dom.instance_of(el)
                    .and_then(|i| dom.instance_root(i))
                    .map_or(Value::Null, Value::Element),
            ),
            "componentName" => FieldOut::Value(
                dom.instance_of(el)
                    .filter(|i| dom.instance_root(*i) == Some(el))
                    .and_then(|i| dom.component_name(i).map(Value::from))
                    .unwrap_or_default(),
            ),
            _ => FieldOut::from_dom(dom.computed_property(el, name).map_err(op_error)?),
        })
    }

    /// `getText()`-style reads: the computed value of one property.
    pub(crate) fn read_computed(&self, el: ElementId, name: &str) -> Result<FieldOut, ScriptError> {
        let mut w = self.world.borrow_mut();
        w.dom
            .computed_property(el, name)
            .map(FieldOut::from_dom)
            .map_err(op_error)
    }

    /// `getProperty(name)`: a function handler set from a script, else the own value.
    pub(crate) fn read_own(&self, el: ElementId, name: &str) -> Result<FieldOut, ScriptError> {
        let w = self.world.borrow();
        if !w.fn_handlers.is_empty()
            && let Some(f) = w.fn_handlers.get(&(el, name.to_owned()))
        {
            return Ok(FieldOut::Value(Value::Function(*f)));
        }
        w.dom
            .own_property(el, name)
            .map(FieldOut::from_dom)
            .map_err(op_error)
    }

    /// `el.name = v`.
    pub(crate) fn set_field(
        &self,
        el: ElementId,
        name: &str,
        value: FieldArg<'_>,
    ) -> Result<(), ScriptError> {
        if matches!(
            name,
            "id" | "tag" | "element_type" | "numeric_id" | "parent" | "instance" | "componentName"
        ) {
            return Err(ScriptError::new(
                "S0103",
                format!("field \"{name}\" is read-only"),
            ));
        }
        self.set_property_arg(el, name, value)
    }

    /// [`HostInner::set_property`] taking text borrowed (the fast path): the dom compares it
    /// with the current value in place and copies it only when it changes.
    pub(crate) fn set_property_arg(
        &self,
        el: ElementId,
        name: &str,
        value: FieldArg<'_>,
    ) -> Result<(), ScriptError> {
        let text = match value {
            FieldArg::Text(text) => text,
            FieldArg::Value(v) => return self.set_property(el, name, &v),
        };
        let mut w = self.world.borrow_mut();
        if is_handler_name(name) {
            w.fn_handlers.remove(&(el, name.to_owned()));
            w.compiled.remove(&(el, name.to_owned()));
        }
        w.dom.set_property_text(el, name, text).map_err(op_error)
    }

    /// `setProperty` with any value: functions become the element's handler for that event.
    pub(crate) fn set_property(
        &self,
        el: ElementId,
        name: &str,
        value: &Value,
    ) -> Result<(), ScriptError> {
        if let Value::Function(f) = value {
            if !is_handler_name(name) {
                return Err(ScriptError::new(
                    "S0109",
                    format!("property \"{name}\" cannot hold a function"),
                ));
            }
            let old = self
                .world
                .borrow_mut()
                .fn_handlers
                .insert((el, name.to_owned()), *f);
            if let Some(old) = old {
                self.release(old);
            }
            return Ok(());
        }
        if !matches!(
            value,
            Value::Null | Value::Bool(_) | Value::Int(_) | Value::String(_)
        ) && value.as_f64().is_some_and(|f| !f.is_finite())
        {
            return Err(ScriptError::new(
                "S0109",
                format!("property \"{name}\": value is not a finite number"),
            ));
        }
        let converted = value
            .to_dom()
            .map_err(|m| ScriptError::new("S0109", format!("property \"{name}\": {m}")))?;
        let mut w = self.world.borrow_mut();
        if is_handler_name(name) {
            w.fn_handlers.remove(&(el, name.to_owned()));
            w.compiled.remove(&(el, name.to_owned()));
        }
        w.dom
            .set_property_by_name(el, name, converted)
            .map_err(op_error)
    }

    /// `createElement(type, props)`.
    pub(crate) fn create_element(&self, tag: &str, props: &Value) -> Result<Value, ScriptError> {
        let mut plain = Vec::new();
        let mut functions = Vec::new();
        if let Value::Object(map) = props {
            for (k, v) in map {
                match v {
                    Value::Function(f) => functions.push((k.clone(), *f)),
                    other => plain.push((
                        k.clone(),
                        other.to_dom().map_err(|m| {
                            ScriptError::new("S0109", format!("createElement: {k}: {m}"))
                        })?,
                    )),
                }
            }
        }
        let mut w = self.world.borrow_mut();
        let context = w.ctx().instance;
        let el = w
            .dom
            .create_element(tag, plain, context)
            .map_err(op_error)?;
        for (name, f) in functions {
            w.fn_handlers.insert((el, name), f);
        }
        if !w.has_canvases {
            let subtree = w.dom.arena.descendants(el);
            w.has_canvases = subtree.iter().any(|e| {
                w.dom
                    .arena
                    .elements
                    .get(*e)
                    .is_some_and(|x| x.kind == ElementKind::Canvas)
            });
        }
        Ok(Value::Element(el))
    }

    /// Removes an element and cancels everything bound to its subtree.
    pub(crate) fn remove_element(&self, el: ElementId) -> Result<(), ScriptError> {
        let released = {
            let mut w = self.world.borrow_mut();
            let subtree = w.dom.arena.descendants(el);
            for &e in &subtree {
                let name = w.dom.describe(e);
                w.removed.insert(e, name);
            }
            w.dom.remove_element(el).map_err(op_error)?;
            let mut released = w.events.forget_elements(&subtree);
            released.extend(w.timers.forget_elements(&subtree));
            let mut dropped = Vec::new();
            w.fn_handlers.retain(|(e, _), f| {
                let keep = !subtree.contains(e);
                if !keep {
                    dropped.push(*f);
                }
                keep
            });
            w.compiled.retain(|(e, _), f| {
                let keep = !subtree.contains(e);
                if !keep {
                    dropped.push(*f);
                }
                keep
            });
            released.extend(dropped);
            if w.focus.is_some_and(|f| subtree.contains(&f)) {
                w.focus = None;
            }
            released
        };
        for f in released {
            self.release(f);
        }
        Ok(())
    }

    /// Whether an element takes focus when pressed.
    fn focusable(&self, el: ElementId) -> bool {
        let mut w = self.world.borrow_mut();
        match w.dom.computed_property(el, "focusable") {
            Ok(kryon_dom::Value::Bool(b)) => b,
            _ => matches!(
                w.dom.arena.elements.get(el).map(|e| e.kind),
                Some(ElementKind::Button | ElementKind::Input | ElementKind::Link)
            ),
        }
    }

    /// Moves focus (dispatching `blur` then `focus`); `None` clears it.
    pub(crate) fn set_focus(&self, target: Option<ElementId>) -> Result<(), ScriptError> {
        let old = self.world.borrow().focus;
        if old == target {
            return Ok(());
        }
        {
            let mut w = self.world.borrow_mut();
            w.focus = target;
            if let Some(o) = old {
                w.dom
                    .set_states(o, kryon_markup::ast::PseudoState::Focus, false);
            }
            if let Some(t) = target {
                w.dom
                    .set_states(t, kryon_markup::ast::PseudoState::Focus, true);
            }
        }
        if let Some(o) = old.filter(|o| self.world.borrow().dom.is_alive(*o)) {
            self.dispatch(EventInit::new("blur", Some(o)))?;
        }
        if let Some(t) = target {
            self.dispatch(EventInit::new("focus", Some(t)))?;
        }
        Ok(())
    }

    /// Default action of `press`: focus the target or its nearest focusable ancestor, or clear.
    pub(crate) fn focus_from_press(&self, target: ElementId) {
        let mut cur = Some(target);
        while let Some(el) = cur {
            if self.focusable(el) {
                break;
            }
            cur = self
                .world
                .borrow()
                .dom
                .arena
                .elements
                .get(el)
                .and_then(|e| e.parent);
        }
        if let Err(e) = self.set_focus(cur) {
            self.report(e);
        }
    }

    /// `el:click()`: a synthetic click at the element's centre, dispatched synchronously.
    pub(crate) fn click(&self, el: ElementId) -> Result<(), ScriptError> {
        let (x, y) = self
            .world
            .borrow()
            .dom
            .element_bounds(el)
            .map_or((0.0, 0.0), |(x, y, w, h)| (x + w / 2.0, y + h / 2.0));
        let init = EventInit::new("click", Some(el))
            .with("x", Value::Float(f64::from(x)))
            .with("y", Value::Float(f64::from(y)))
            .with("button", Value::Int(0));
        self.dispatch(init)?;
        Ok(())
    }

    /// `getBounds()`.
    pub(crate) fn bounds(&self, el: ElementId) -> Value {
        let (x, y, w, h) = self
            .world
            .borrow()
            .dom
            .element_bounds(el)
            .unwrap_or((0.0, 0.0, 0.0, 0.0));
        let mut out = IndexMap::new();
        out.insert("x".into(), Value::Float(f64::from(x)));
        out.insert("y".into(), Value::Float(f64::from(y)));
        out.insert("width".into(), Value::Float(f64::from(w)));
        out.insert("height".into(), Value::Float(f64::from(h)));
        Value::Object(out)
    }

    /// Element from an argument, checked alive.
    pub(crate) fn element_arg(&self, value: &Value, what: &str) -> Result<ElementId, ScriptError> {
        live_element(&self.world.borrow(), value, what)
    }
}
