//! Class list operations (script-api §3.2 `getStyle`/`setStyle`, `addClass`…).
//!
//! Only names defined in the style sheet are kept (unknown ones are K0102 warnings). A change
//! marks the element for its cascade and class-entry bindings, and cancels a pending recompute
//! of a `style: $expr` binding (last write wins, kry §6.4).

use super::OpError;
use crate::bind::BindTarget;
use crate::dom::Dom;
use crate::tree::{Dirty, ElementId};
use kryon_markup::Diagnostic;

impl Dom {
    /// The class list, in order.
    pub fn class_list(&self, el: ElementId) -> Result<Vec<String>, OpError> {
        Ok(self.alive(el)?.classes.clone())
    }

    /// True when a style with this name exists.
    pub fn style_exists(&self, name: &str) -> bool {
        self.defs.sheet.get(name).is_some()
    }

    /// Replaces the class list. Unknown names are skipped and returned (the caller warns
    /// K0102); duplicates keep their last position.
    pub fn set_class_list(
        &mut self,
        el: ElementId,
        classes: Vec<String>,
    ) -> Result<Vec<String>, OpError> {
        self.alive(el)?;
        let mut known: Vec<String> = Vec::with_capacity(classes.len());
        let mut unknown = Vec::new();
        for name in classes {
            if !self.style_exists(&name) {
                unknown.push(name);
                continue;
            }
            known.retain(|k| *k != name);
            known.push(name);
        }
        self.replace_classes(el, known);
        Ok(unknown)
    }

    /// Appends a class (so it wins over the others); true when the list changed. An unknown
    /// name changes nothing and is reported as warning K0102 (see [`Dom::take_diagnostics`]).
    pub fn add_class(&mut self, el: ElementId, name: &str) -> Result<bool, OpError> {
        let mut classes = self.alive(el)?.classes.clone();
        if !self.known_or_warn(name) || classes.last().is_some_and(|c| c == name) {
            return Ok(false);
        }
        classes.retain(|c| c != name);
        classes.push(name.to_owned());
        self.replace_classes(el, classes);
        Ok(true)
    }

    /// Removes a class; true when it was present.
    pub fn remove_class(&mut self, el: ElementId, name: &str) -> Result<bool, OpError> {
        let mut classes = self.alive(el)?.classes.clone();
        let before = classes.len();
        classes.retain(|c| c != name);
        if classes.len() == before {
            return Ok(false);
        }
        self.replace_classes(el, classes);
        Ok(true)
    }

    /// Adds the class when absent, removes it when present; returns whether it is present now.
    pub fn toggle_class(&mut self, el: ElementId, name: &str) -> Result<bool, OpError> {
        if self.has_class(el, name)? {
            self.remove_class(el, name)?;
            Ok(false)
        } else {
            self.add_class(el, name)
        }
    }

    /// True when the element carries the class.
    pub fn has_class(&self, el: ElementId, name: &str) -> Result<bool, OpError> {
        Ok(self.alive(el)?.classes.iter().any(|c| c == name))
    }

    fn known_or_warn(&mut self, name: &str) -> bool {
        let known = self.style_exists(name);
        if !known {
            self.report(Diagnostic::warning(
                "K0102",
                format!("unknown style \"{name}\" (skipped)"),
            ));
        }
        known
    }

    /// Stores a class list; marks the element only when it changed.
    fn replace_classes(&mut self, el: ElementId, classes: Vec<String>) {
        self.cancel_class_binding(el);
        let Some(e) = self.arena.elements.get_mut(el) else {
            return;
        };
        if e.classes != classes {
            e.classes = classes;
            self.mark(el, Dirty::STYLE | Dirty::CLASS_BINDINGS);
        }
    }

    fn cancel_class_binding(&mut self, el: ElementId) {
        let Some(e) = self.arena.elements.get(el) else {
            return;
        };
        let queued: Vec<_> = e
            .bindings
            .iter()
            .copied()
            .filter(|b| {
                self.bindings
                    .get(*b)
                    .is_some_and(|b| b.queued && b.target == BindTarget::Classes(el))
            })
            .collect();
        for b in &queued {
            if let Some(binding) = self.bindings.get_mut(*b) {
                binding.queued = false;
            }
        }
        if !queued.is_empty() {
            self.queue.retain(|b| !queued.contains(b));
        }
    }
}
