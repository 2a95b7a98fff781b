//! Component instances seen from scripts (script-api §3.3), and element geometry and visibility
//! helpers for handles (`getBounds`, effective visibility).

use super::OpError;
use crate::dom::Dom;
use crate::scope::SlotId;
use crate::style::values::Display;
use crate::style::{PropId, PropValue};
use crate::tree::{ElementId, InstanceId};
use crate::value::Value;

impl Dom {
    /// `kryon.instanceOf(el)`: the nearest component instance enclosing the element (an
    /// instance root belongs to its own instance).
    pub fn instance_of(&self, el: ElementId) -> Option<InstanceId> {
        self.arena
            .elements
            .get(el)?
            .instance
            .filter(|i| self.arena.instances.contains_key(*i))
    }

    /// The instance's template root (its handle).
    pub fn instance_root(&self, inst: InstanceId) -> Option<ElementId> {
        self.arena
            .instances
            .get(inst)
            .map(|i| i.root)
            .filter(|r| self.arena.elements.contains_key(*r))
    }

    /// `componentName`.
    pub fn component_name(&self, inst: InstanceId) -> Option<&str> {
        self.arena.instances.get(inst).map(|i| i.component.as_str())
    }

    /// The instance's scoped id (`picker`, `outer.picker`).
    pub fn instance_scoped_id(&self, inst: InstanceId) -> Option<&str> {
        self.arena.instances.get(inst).map(|i| i.scoped_id.as_str())
    }

    fn instance_slot(&self, inst: InstanceId, name: &str) -> Option<SlotId> {
        let frame = self.arena.instances.get(inst)?.scope;
        self.scopes
            .frames
            .get(frame)?
            .names
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, s)| *s)
    }

    /// `getProp(name)` / `self.props.name`: a declared property's current value.
    pub fn instance_prop(&self, inst: InstanceId, name: &str) -> Option<Value> {
        let slot = self.instance_slot(inst, name)?;
        self.scopes.slots.get(slot).map(|s| s.value.clone())
    }

    /// `setProp(name, v)`: a reactive write converted to the declared type. S0103 for an
    /// undeclared property, S0109 when the value does not convert.
    pub fn set_instance_prop(
        &mut self,
        inst: InstanceId,
        name: &str,
        v: Value,
    ) -> Result<(), OpError> {
        let component = self
            .component_name(inst)
            .ok_or_else(|| OpError::new("S0104", "component instance was removed"))?
            .to_owned();
        let slot = self.instance_slot(inst, name).ok_or_else(|| {
            OpError::bad_argument(format!("`{component}` has no property \"{name}\""))
        })?;
        if let Value::Float(f) = v
            && !f.is_finite()
        {
            return Err(OpError::conversion(format!(
                "cannot set \"{name}\" of `{component}`: {f} is not a finite number"
            )));
        }
        self.write_slot(slot, v).map_err(OpError::conversion)
    }

    /// `get(innerId)`: the element with that local id inside the instance.
    pub fn instance_element(&self, inst: InstanceId, local_id: &str) -> Option<ElementId> {
        let i = self.arena.instances.get(inst)?;
        if let Some(el) = self.element_by_id(&format!("{}.{local_id}", i.scoped_id)) {
            return Some(el);
        }
        // Elements whose id was not registered (a duplicate) are still found by a walk.
        self.arena.descendants(i.root).into_iter().find(|el| {
            self.arena.elements.get(*el).is_some_and(|e| {
                e.instance == Some(inst) && e.local_id.as_deref() == Some(local_id)
            })
        })
    }

    /// `getBounds()`: the border box from the last layout, in window coordinates
    /// (`x, y, width, height`). `None` before the first layout or for a detached element.
    pub fn element_bounds(&self, el: ElementId) -> Option<(f32, f32, f32, f32)> {
        let r = self.box_of(el)?;
        Some((r.x, r.y, r.width, r.height))
    }

    /// False when the element is detached, or it or an ancestor is `visible: false` or `display: none` (own
    /// values first, so a write is seen before the next cascade).
    pub fn effectively_visible(&self, el: ElementId) -> bool {
        let mut current = Some(el);
        while let Some(id) = current {
            let Some(e) = self.arena.elements.get(id) else {
                return false;
            };
            let visible = match e.own.get(&PropId::Visible) {
                Some(PropValue::Bool(b)) => *b,
                _ => e.computed.visible,
            };
            let displayed = match e.own.get(&PropId::Display) {
                Some(PropValue::Display(d)) => *d != Display::None,
                _ => e.computed.is_displayed(),
            };
            if !visible || !displayed {
                return false;
            }
            if e.parent.is_none() {
                // A detached subtree is not on screen.
                return id == self.root;
            }
            current = e.parent;
        }
        false
    }
}
