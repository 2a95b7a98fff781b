//! Property writes, own-layer reads and clears by name (script-api §3.2, §4.2).
//!
//! A name resolves like a handle field (script-api §3.2): `id`, `style`/`class`, a handler key,
//! a catalogue property or alias that applies to the element, else custom data. Writes go to
//! cascade layer 6 through [`crate::build::properties::write_prop`] and mark only the written
//! element. A script write cancels a pending recompute of a binding on the same property, feeds
//! a two-way `value:`/`checked:` variable (kry §6.4) and keeps radio groups exclusive.

use super::OpError;
use crate::bind::BindTarget;
use crate::build::properties::{self as build_props, is_handler_key};
use crate::dom::Dom;
use crate::kind::ElementKind;
use crate::scope::{BindingId, SlotId};
use crate::style::values::{Handler, InputType};
use crate::style::{self, PropId, PropValue};
use crate::tree::{Dirty, Element, ElementId, OwnProps};
use crate::value::Value;
use kryon_markup::Diagnostic;
use kryon_markup::ast::{ExprKind, ValueKind};

/// What a property name means on a given element.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Target<'n> {
    /// `id` (the local id; scoped by the element's instance).
    Id,
    /// `style` / `class`: the class list.
    Classes,
    /// An event handler key (`onClick`, Canvas `draw_script`).
    Handler(&'n str),
    /// A catalogue property that applies to the element.
    Prop(PropId),
    /// Custom data.
    Custom(&'n str),
}

/// The input type an element has now (own layer first: the cascade may not have run yet).
pub(crate) fn input_type(e: &Element) -> InputType {
    match e.own.get(&PropId::Type) {
        Some(PropValue::InputType(t)) => *t,
        _ => e.computed.input_type,
    }
}

/// Resolves a property name for an element.
pub(crate) fn resolve<'n>(e: &Element, name: &'n str) -> Target<'n> {
    match name {
        "id" => return Target::Id,
        "style" | "class" => return Target::Classes,
        _ => {}
    }
    if is_handler_key(name) {
        return Target::Handler(name);
    }
    match super::names::lookup(name) {
        Some(prop) if prop.is_handler() => Target::Handler(name),
        // A text-like Input's text is its value (script-api §3.2 getText/setText).
        Some(PropId::Text) if e.kind == ElementKind::Input && input_type(e).is_text_like() => {
            Target::Prop(PropId::Value)
        }
        Some(prop) if !e.kind.is_reserved() && prop.applies_to(e.kind) => Target::Prop(prop),
        _ => Target::Custom(name),
    }
}

/// True when `a` and `b` write some common longhand (or are the same property).
fn overlaps(a: PropId, b: PropId) -> bool {
    let sides = |p: PropId| -> Vec<PropId> {
        if p.is_shorthand() {
            p.longhands().to_vec()
        } else {
            vec![p]
        }
    };
    let sa = sides(a);
    sides(b).iter().any(|p| sa.contains(p))
}

/// S0109 when a number anywhere in the value is NaN or infinite (script-api §4.2).
fn check_finite(name: &str, v: &Value) -> Result<(), OpError> {
    match v {
        Value::Float(f) if !f.is_finite() => Err(OpError::conversion(format!(
            "cannot set \"{name}\": {f} is not a finite number"
        ))),
        Value::Array(items) => items.iter().try_for_each(|i| check_finite(name, i)),
        Value::Object(map) => map.values().try_for_each(|i| check_finite(name, i)),
        _ => Ok(()),
    }
}

impl Dom {
    /// `setProperty(name, v)` (script-api §4.2): a catalogue property or alias is converted to
    /// its type and written to the own layer; `Value::Null` clears; unknown names are custom
    /// data. Conversion failures and non-finite numbers are S0109.
    pub fn set_property_by_name(
        &mut self,
        el: ElementId,
        name: &str,
        v: Value,
    ) -> Result<(), OpError> {
        if matches!(v, Value::Null) {
            return self.clear_property(el, name);
        }
        let target = resolve(self.alive(el)?, name);
        self.set_target(el, name, target, v)
    }

    /// Writes `v` (not `Null`) to a resolved name.
    pub(super) fn set_target(
        &mut self,
        el: ElementId,
        name: &str,
        target: Target<'_>,
        v: Value,
    ) -> Result<(), OpError> {
        match target {
            Target::Id => {
                self.set_element_id(el, &v.to_string());
                Ok(())
            }
            Target::Classes => {
                let names = class_names(&v);
                let unknown = self.set_class_list(el, names)?;
                for n in unknown {
                    self.report(Diagnostic::warning(
                        "K0102",
                        format!("unknown style \"{n}\" (skipped)"),
                    ));
                }
                Ok(())
            }
            Target::Handler(key) => {
                let Value::Str(text) = &v else {
                    return Err(OpError::conversion(format!(
                        "cannot set \"{name}\": expected a function name or code, got {}",
                        v.type_name()
                    )));
                };
                self.set_handler(el, key, Handler::from_text(text));
                Ok(())
            }
            Target::Prop(prop) => {
                check_finite(name, &v)?;
                // setText on a text-like Input: the value, formatted as text (kry §6.6).
                let v = if prop == PropId::Value && super::names::lookup(name) == Some(PropId::Text)
                {
                    Value::Str(v.to_string())
                } else {
                    v
                };
                self.write_prop_checked(el, prop, &v)?;
                self.after_script_write(el, prop, v.truthy());
                Ok(())
            }
            Target::Custom(key) => {
                check_finite(name, &v)?;
                build_props::set_custom(self, el, key, v);
                Ok(())
            }
        }
    }

    /// `getProperty(name)`: the own layer (or custom data); `Null` when unset.
    pub fn own_property(&self, el: ElementId, name: &str) -> Result<Value, OpError> {
        let e = self.alive(el)?;
        Ok(match resolve(e, name) {
            Target::Id => e.scoped_id.clone().map_or(Value::Null, Value::Str),
            Target::Classes => Value::Str(e.classes.join(" ")),
            Target::Handler(key) => self
                .handler(el, key)
                .map_or(Value::Null, super::read::handler_value),
            Target::Prop(prop) => own_value(&e.own, prop),
            Target::Custom(key) => e.custom.get(key).cloned().unwrap_or(Value::Null),
        })
    }

    /// `clearProperty(name)`: drops the own value so the styles apply again.
    pub fn clear_property(&mut self, el: ElementId, name: &str) -> Result<(), OpError> {
        let target = resolve(self.alive(el)?, name);
        match target {
            Target::Id => self.set_element_id(el, ""),
            Target::Classes => {
                self.set_class_list(el, Vec::new())?;
            }
            Target::Handler(key) => {
                let prop = style::lookup(key);
                if let Some(e) = self.arena.elements.get_mut(el) {
                    e.handlers.retain(|(k, _)| !same_handler_key(k, key, prop));
                }
            }
            Target::Prop(prop) => {
                self.cancel_pending(el, prop);
                let Some(e) = self.arena.elements.get_mut(el) else {
                    return Ok(());
                };
                let before = e.own.as_slice().len();
                let mut kept = OwnProps::default();
                for (p, v) in e.own.as_slice() {
                    if !overlaps(*p, prop) {
                        kept.insert(*p, v.clone());
                    }
                }
                if kept.as_slice().len() != before {
                    e.own = kept;
                    self.mark(el, Dirty::STYLE);
                    if prop == PropId::Disabled {
                        self.mark_descendants_style(el);
                    }
                }
            }
            Target::Custom(key) => {
                if let Some(e) = self.arena.elements.get_mut(el) {
                    e.custom.remove(key);
                }
            }
        }
        Ok(())
    }

    /// Coerces and writes one catalogue property; S0109 on failure.
    fn write_prop_checked(
        &mut self,
        el: ElementId,
        prop: PropId,
        v: &Value,
    ) -> Result<(), OpError> {
        let list = prop.is_shorthand() && matches!(v, Value::Array(_));
        let disabled_before = prop == PropId::Disabled && self.effectively_disabled(el);
        build_props::write_prop(self, el, prop, v, list).map_err(|e| {
            OpError::conversion(format!("cannot set \"{}\": {}", prop.name(), e.message))
        })?;
        if prop == PropId::Disabled && disabled_before != self.effectively_disabled(el) {
            // The :disabled state of every descendant follows (kry §5 pseudo-states).
            self.mark_descendants_style(el);
        }
        Ok(())
    }

    /// Binding bookkeeping after a script write of a value (`truthy` as scripts see it):
    /// cancel the pending recompute, feed a two-way variable, keep a radio group exclusive.
    pub(super) fn after_script_write(&mut self, el: ElementId, prop: PropId, truthy: bool) {
        self.cancel_pending(el, prop);
        self.feed_two_way(el, prop);
        if prop == PropId::Checked && truthy {
            self.uncheck_radio_group(el);
        }
    }

    /// Last write wins (kry §6.4): a queued recompute of a binding on this property is dropped.
    fn cancel_pending(&mut self, el: ElementId, prop: PropId) {
        let Some(e) = self.arena.elements.get(el) else {
            return;
        };
        let cancelled: Vec<BindingId> = e
            .bindings
            .iter()
            .copied()
            .filter(|b| {
                self.bindings.get(*b).is_some_and(|b| {
                    b.queued && matches!(b.target, BindTarget::Prop(t, p) if t == el && overlaps(p, prop))
                })
            })
            .collect();
        if cancelled.is_empty() {
            return;
        }
        for b in &cancelled {
            if let Some(binding) = self.bindings.get_mut(*b) {
                binding.queued = false;
            }
        }
        self.queue.retain(|b| !cancelled.contains(b));
    }

    /// The variable behind a two-way `value: $v` / `checked: $v` on an Input, if any.
    pub(crate) fn two_way_slot(&self, el: ElementId, prop: PropId) -> Option<SlotId> {
        let e = self.arena.elements.get(el)?;
        if e.kind != ElementKind::Input || !matches!(prop, PropId::Value | PropId::Checked) {
            return None;
        }
        e.bindings.iter().find_map(|b| {
            let binding = self.bindings.get(*b)?;
            if binding.target != BindTarget::Prop(el, prop) {
                return None;
            }
            // Two-way only for a single bare reference (kry §6.4).
            let ValueKind::Expr(expr) = &binding.source.kind else {
                return None;
            };
            match &expr.kind {
                ExprKind::Var(path) if path.segments.is_empty() => {
                    self.scopes.resolve(binding.scope, &path.root.text)
                }
                _ => None,
            }
        })
    }

    /// Stores the element's new own value into its two-way variable.
    fn feed_two_way(&mut self, el: ElementId, prop: PropId) {
        let Some(slot) = self.two_way_slot(el, prop) else {
            return;
        };
        let value = match self.arena.elements.get(el).and_then(|e| e.own.get(&prop)) {
            Some(v) => super::read::prop_value(v),
            None => return,
        };
        if let Err(message) = self.write_slot(slot, value) {
            self.report(Diagnostic::warning("S0112", message));
        }
    }

    /// `checked: true` on a radio unchecks the others of its group: Inputs of type radio with
    /// the same `name` in the same component scope.
    fn uncheck_radio_group(&mut self, el: ElementId) {
        let Some(e) = self.arena.elements.get(el) else {
            return;
        };
        if e.kind != ElementKind::Input || input_type(e) != InputType::Radio {
            return;
        }
        let name = radio_name(e);
        if name.is_empty() {
            return;
        }
        let instance = e.instance;
        let others: Vec<ElementId> = self
            .arena
            .elements
            .iter()
            .filter(|(id, o)| {
                *id != el
                    && o.kind == ElementKind::Input
                    && o.instance == instance
                    && input_type(o) == InputType::Radio
                    && radio_name(o) == name
                    && (matches!(o.own.get(&PropId::Checked), Some(PropValue::Bool(true)))
                        || o.computed.checked)
            })
            .map(|(id, _)| id)
            .collect();
        for other in others {
            let off = Value::Bool(false);
            if self
                .write_prop_checked(other, PropId::Checked, &off)
                .is_ok()
            {
                self.cancel_pending(other, PropId::Checked);
                self.feed_two_way(other, PropId::Checked);
            }
        }
    }

    /// Sets or replaces a handler, dropping entries under an alias of the same event.
    pub(crate) fn set_handler(&mut self, el: ElementId, key: &str, handler: Handler) {
        let prop = style::lookup(key);
        if let Some(e) = self.arena.elements.get_mut(el) {
            e.handlers.retain(|(k, _)| !same_handler_key(k, key, prop));
            e.handlers.push((key.to_owned(), handler));
        }
    }

    /// Sets an element's local id (scoped by its instance) and registers it; an id another
    /// element holds is kept on the element but not registered (warning S0202). An empty id
    /// unregisters.
    pub(crate) fn set_element_id(&mut self, el: ElementId, local: &str) {
        let Some(e) = self.arena.elements.get(el) else {
            return;
        };
        if let Some(old) = e.scoped_id.clone()
            && self.ids.get(&old) == Some(&el)
        {
            self.ids.remove(&old);
        }
        if local.is_empty() {
            if let Some(e) = self.arena.elements.get_mut(el) {
                e.local_id = None;
                e.scoped_id = None;
            }
            return;
        }
        let scoped = match e.instance.and_then(|i| self.arena.instances.get(i)) {
            Some(inst) if inst.root != el => format!("{}.{local}", inst.scoped_id),
            _ => local.to_owned(),
        };
        if self.element_by_id(&scoped).is_some_and(|other| other != el) {
            self.report(Diagnostic::warning(
                "S0202",
                format!("duplicate id \"{scoped}\" (the earlier element keeps it)"),
            ));
        } else {
            self.ids.insert(scoped.clone(), el);
        }
        if let Some(e) = self.arena.elements.get_mut(el) {
            e.local_id = Some(local.to_owned());
            e.scoped_id = Some(scoped);
        }
    }

    /// Marks every descendant style-dirty (their `:disabled` state may have changed).
    fn mark_descendants_style(&mut self, el: ElementId) {
        for d in self.arena.descendants(el).into_iter().skip(1) {
            self.mark(d, Dirty::STYLE);
        }
    }
}

/// The own value of a property; a shorthand reads as one value when its longhands agree.
fn own_value(own: &OwnProps, prop: PropId) -> Value {
    if prop.is_shorthand() && own.get(&prop).is_none() {
        let values: Vec<Value> = prop
            .longhands()
            .iter()
            .map(|p| own.get(p).map_or(Value::Null, super::read::prop_value))
            .collect();
        if values.iter().all(|v| matches!(v, Value::Null)) {
            return Value::Null;
        }
        return match values.first() {
            Some(first) if values.iter().all(|v| v.same(first)) => first.clone(),
            _ => Value::Array(values),
        };
    }
    own.get(&prop).map_or(Value::Null, super::read::prop_value)
}

fn radio_name(e: &Element) -> String {
    match e.own.get(&PropId::Name) {
        Some(PropValue::Str(s)) => s.clone(),
        _ => e.computed.input.name.clone(),
    }
}

fn same_handler_key(stored: &str, key: &str, prop: Option<PropId>) -> bool {
    match prop {
        Some(p) => style::lookup(stored) == Some(p),
        None => stored == key,
    }
}

/// Class names from a `style` value: a space-separated string or an array of them.
pub(crate) fn class_names(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items
            .iter()
            .flat_map(|i| {
                i.to_string()
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect(),
        Value::Null => Vec::new(),
        other => other
            .to_string()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    }
}
