//! The per-frame passes over dirty elements: binding evaluation, style (cascade) and removal.
//!
//! - **bindings** reads the queue filled by slot writes; writes own properties, classes, instance
//!   slots or re-expands blocks; sets `STYLE` on the elements it touched.
//! - **style** walks from the root along `DESCENDANT_STYLE` to elements with `STYLE`, recomputes
//!   their cascade, and flags children when an inherited value changed, and `LAYOUT` when the
//!   layout-relevant result changed. It clears both style flags. Elements whose cascade inputs
//!   equal a recently cascaded element's share its style ([`crate::style::share`]).
//!
//! Layout (the third pass) lives in [`crate::layout`].

use crate::bind::{BindTarget, ScopeEnv, eval_value};
use crate::build::properties;
use crate::dom::Dom;
use crate::scope::BindingId;
use crate::style::share::{Found, Outcome, ShareKey, StyleShare, shape_of};
use crate::style::{self, CascadeInput, PropId, PropValue, StateSet};
use crate::tree::{Dirty, ElementId};
use kryon_markup::Diagnostic;
use std::rc::Rc;

impl Dom {
    /// Evaluates one binding and applies its result.
    pub(crate) fn evaluate_binding(&mut self, id: BindingId) {
        let Some(binding) = self.bindings.get(id) else {
            return;
        };
        let (target, source, scope) = (
            binding.target.clone(),
            binding.source.clone(),
            binding.scope,
        );
        self.stats.bindings_evaluated += 1;
        match target {
            BindTarget::Block(block) => return crate::build::blocks::reexpand(self, block),
            BindTarget::ClassEntries(element) => {
                self.mark(element, Dirty::STYLE | Dirty::CLASS_BINDINGS);
                return;
            }
            _ => {}
        }
        let mut env = ScopeEnv::new(&self.scopes, scope);
        let result = eval_value(&source, &mut env);
        let deps = env.deps;
        self.set_deps(id, deps);
        let value = match result {
            Ok(v) => v,
            Err(e) => {
                self.report(e.to_diagnostic());
                return;
            }
        };
        let list = matches!(source.kind, kryon_markup::ast::ValueKind::List(_));
        match target {
            BindTarget::Prop(element, prop) => {
                if let Err(e) = properties::write_prop_owned(self, element, prop, value, list) {
                    self.report(
                        Diagnostic::warning(
                            "K0310",
                            format!("unusable binding value: {}", e.message),
                        )
                        .at(source.span),
                    );
                }
            }
            BindTarget::Custom(element, key) => properties::set_custom(self, element, &key, value),
            BindTarget::Classes(element) => {
                properties::set_classes(self, element, &value, Some(source.span))
            }
            BindTarget::Key(element) => {
                if let Some(e) = self.arena.elements.get_mut(element) {
                    e.key = Some(value);
                }
            }
            BindTarget::Slot(slot) => {
                if let Err(message) = self.write_slot(slot, value) {
                    self.report(Diagnostic::warning("K0310", message).at(source.span));
                }
            }
            BindTarget::Block(_) | BindTarget::ClassEntries(_) => {}
        }
    }

    /// Style pass: recomputes the cascade of style-dirty elements, parents first.
    pub fn run_styles(&mut self) {
        if !self.style_dirty {
            return;
        }
        self.style_dirty = false;
        let mut share = StyleShare::default();
        let mut stack = vec![self.root];
        while let Some(id) = stack.pop() {
            let Some(element) = self.arena.elements.get_mut(id) else {
                continue;
            };
            let flags = element.dirty;
            element.dirty.remove(Dirty::STYLE | Dirty::DESCENDANT_STYLE);
            if flags.contains(Dirty::STYLE) {
                let inherited_changed = self.compute_element_style(id, &mut share);
                if inherited_changed {
                    // By index: copying the child list would allocate per element.
                    for i in 0.. {
                        let Some(child) = self
                            .arena
                            .elements
                            .get(id)
                            .and_then(|e| e.children.get(i).copied())
                        else {
                            break;
                        };
                        if let Some(c) = self.arena.elements.get_mut(child) {
                            c.dirty.insert(Dirty::STYLE);
                        }
                    }
                }
            }
            if let Some(element) = self.arena.elements.get(id) {
                for &child in element.children.iter().rev() {
                    if self
                        .arena
                        .elements
                        .get(child)
                        .is_some_and(|c| c.dirty.intersects(Dirty::STYLE | Dirty::DESCENDANT_STYLE))
                    {
                        stack.push(child);
                    }
                }
            }
        }
    }

    /// The style-sharing key of `id` (see `style::share`), if it exists.
    fn share_key<'a>(
        &'a self,
        id: ElementId,
        states: StateSet,
        classes: &'a [Rc<style::EvaluatedStyle>],
    ) -> Option<ShareKey<'a>> {
        let element = self.arena.elements.get(id)?;
        let parent = element.parent.and_then(|p| self.arena.elements.get(p));
        Some(ShareKey {
            id,
            kind: element.kind,
            states,
            parent: parent.map(|p| &p.computed),
            classes,
            shape: shape_of(element),
        })
    }

    /// Recomputes one element's cascade; returns whether an inherited value changed. Elements
    /// without animations whose inputs equal a recent element's share its style.
    fn compute_element_style(&mut self, id: ElementId, share: &mut StyleShare) -> bool {
        self.stats.styles_computed += 1;
        let class_values = self.class_values(id);
        let Some(element) = self.arena.elements.get(id) else {
            return false;
        };
        let shareable = self.animations.layer(id).is_none();
        let states = self.cascade_states(id);
        if shareable
            && let Some(key) = self.share_key(id, states, &class_values)
            && let Some(found) = share.find(&self.arena, &key)
            && !self.animations.wants_hook(id, &found.style)
        {
            return self.store_shared(id, found, share);
        }
        // The style without layer 8 is only needed by elements with transitions or keyframes.
        let want_target = self.animations.wants_hook(id, &element.computed);
        // Cascaded in place: the style is large, and each move of it is a copy.
        let mut computed = style::ComputedStyle::default();
        let Some(target) = self.cascade(id, &class_values, want_target, &mut computed) else {
            return false;
        };
        let hooked = self.animations.wants_hook(id, &computed);
        if hooked {
            // Transitions and keyframes look at the target style (layers 3–7); when they
            // change the animation layer, cascade once more to show it.
            let target = match target {
                Some(t) => Some(t),
                None if self.animations.layer(id).is_none() => Some(Box::new(computed.clone())),
                None => {
                    let mut displayed = style::ComputedStyle::default();
                    self.cascade(id, &class_values, true, &mut displayed)
                        .flatten()
                }
            };
            if let Some(target) = target
                && self.animation_restyle(id, &target)
            {
                computed = style::ComputedStyle::default();
                if self
                    .cascade(id, &class_values, false, &mut computed)
                    .is_none()
                {
                    return false;
                }
            }
        }
        let Some(element) = self.arena.elements.get_mut(id) else {
            return false;
        };
        let from_initial = style::ComputedStyle::is_shared_initial(&element.computed);
        let outcome = compare(&element.computed, &mut computed);
        let computed = Rc::new(computed);
        if !outcome.unchanged {
            element.computed = computed.clone();
        }
        if shareable && !hooked {
            let Some(key) = self.share_key(id, states, &[]) else {
                return false;
            };
            share.insert(
                &key,
                class_values,
                computed,
                from_initial.then_some(outcome),
            );
        }
        self.apply_outcome(id, outcome)
    }

    /// Gives an element a style found in the share; returns whether an inherited value changed.
    fn store_shared(&mut self, id: ElementId, found: Found, share: &mut StyleShare) -> bool {
        let Some(element) = self.arena.elements.get_mut(id) else {
            return false;
        };
        if Rc::ptr_eq(&element.computed, &found.style) {
            return false;
        }
        let from_initial = style::ComputedStyle::is_shared_initial(&element.computed);
        let outcome = match found.from_initial {
            Some(outcome) if from_initial => outcome,
            _ => {
                let outcome = compare(&element.computed, &mut (*found.style).clone());
                if from_initial {
                    share.set_from_initial(&found, outcome);
                }
                outcome
            }
        };
        if !outcome.unchanged {
            element.computed = found.style;
        }
        self.apply_outcome(id, outcome)
    }

    /// Invalidates what a changed style needs; returns whether an inherited value changed.
    fn apply_outcome(&mut self, id: ElementId, outcome: Outcome) -> bool {
        if outcome.unchanged {
            return false;
        }
        if outcome.paint_only {
            // Animated colours, opacity and transforms do not move boxes: skip the layout sync.
            self.paint.invalidate();
        } else {
            self.mark_layout(id);
        }
        outcome.inherited_changed
    }

    /// The states the cascade matches: the element's own, with `checked` from its property and
    /// `disabled` from it or an ancestor.
    fn cascade_states(&self, id: ElementId) -> StateSet {
        let Some(element) = self.arena.elements.get(id) else {
            return StateSet::EMPTY;
        };
        let mut states = element.states;
        if matches!(
            element.own.get(&PropId::Checked),
            Some(PropValue::Bool(true))
        ) {
            states.insert(kryon_markup::ast::PseudoState::Checked);
        }
        if self.effectively_disabled(id) {
            states.insert(kryon_markup::ast::PseudoState::Disabled);
        }
        states
    }

    /// Cascades one element with its animation layer (layer 8) into `computed` (which holds the
    /// initial values) and returns, with `want_target` and a layer, the style without layer 8.
    /// `None` when the element does not exist.
    fn cascade(
        &self,
        id: ElementId,
        class_values: &[Rc<style::EvaluatedStyle>],
        want_target: bool,
        computed: &mut style::ComputedStyle,
    ) -> Option<Option<Box<style::ComputedStyle>>> {
        let element = self.arena.elements.get(id)?;
        let parent_style = element
            .parent
            .and_then(|p| self.arena.elements.get(p))
            .map(|p| &*p.computed);
        let states = self.cascade_states(id);
        let classes: Vec<&style::EvaluatedStyle> = class_values.iter().map(|c| &**c).collect();
        let layer = self.animations.layer(id);
        let input = CascadeInput {
            kind: element.kind,
            own: element.own.as_slice(),
            own_pseudo: &element.own_pseudo,
            classes: &classes,
            states,
            parent: parent_style,
            animated: layer.map_or(&[], |l| l.props.as_slice()),
        };
        let mut target = style::cascade::cascade_onto(&input, want_target, computed);
        if let Some(layer) = layer {
            if want_target && target.is_none() {
                target = Some(Box::new(computed.clone()));
            }
            // Transform components animate individually over the cascaded transform.
            layer.patch_transform(&mut computed.transform);
        }
        Some(target)
    }

    /// The element's classes with their `$`-bound entries evaluated in the element's scope
    /// (classes without bound entries are shared, not evaluated again).
    fn class_values(&mut self, id: ElementId) -> Vec<Rc<style::EvaluatedStyle>> {
        let Some(element) = self.arena.elements.get(id) else {
            return Vec::new();
        };
        let scope = element.scope;
        let defs = self.defs.clone();
        let mut deps = Vec::new();
        let mut out = Vec::new();
        let mut errors = Vec::new();
        for name in &element.classes {
            let Some(resolved) = defs.sheet.get(name) else {
                continue;
            };
            if let Some(literal) = &resolved.literal {
                out.push(literal.clone());
                continue;
            }
            let mut env = ScopeEnv::new(&self.scopes, scope);
            out.push(Rc::new(resolved.evaluate(
                &mut |value| match eval_value(value, &mut env) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                },
            )));
            deps.extend(env.deps);
        }
        for e in errors {
            self.report(e.to_diagnostic());
        }
        if !deps.is_empty() {
            self.class_binding(id, deps);
        }
        out
    }

    /// Records the slots an element's class entries read, on a per-element binding.
    fn class_binding(&mut self, id: ElementId, deps: Vec<crate::scope::SlotId>) {
        let existing = self.arena.elements.get(id).and_then(|e| {
            e.bindings.iter().copied().find(|b| {
                matches!(
                    self.bindings.get(*b).map(|b| &b.target),
                    Some(BindTarget::ClassEntries(_))
                )
            })
        });
        let binding = match existing {
            Some(b) => b,
            None => {
                let Some(scope) = self.arena.elements.get(id).map(|e| e.scope) else {
                    return;
                };
                let span = self
                    .arena
                    .elements
                    .get(id)
                    .map(|e| e.span)
                    .unwrap_or_default();
                let source = std::rc::Rc::new(kryon_markup::ast::Value {
                    kind: kryon_markup::ast::ValueKind::Expr(kryon_markup::ast::Expr {
                        kind: kryon_markup::ast::ExprKind::Null,
                        span,
                    }),
                    span,
                });
                let b = self.bindings.insert(crate::bind::Binding {
                    target: BindTarget::ClassEntries(id),
                    source,
                    scope,
                    deps: Vec::new(),
                    queued: false,
                });
                if let Some(e) = self.arena.elements.get_mut(id) {
                    e.bindings.push(b);
                }
                b
            }
        };
        self.set_deps(binding, deps);
    }

    /// True if the element or an ancestor has `disabled: true`.
    pub fn effectively_disabled(&self, mut id: ElementId) -> bool {
        loop {
            let Some(e) = self.arena.elements.get(id) else {
                return false;
            };
            if matches!(e.own.get(&PropId::Disabled), Some(PropValue::Bool(true))) {
                return true;
            }
            match e.parent {
                Some(p) => id = p,
                None => return false,
            }
        }
    }

    /// Removes an element and its subtree: bindings, blocks, instance frames, ids, layout nodes.
    pub fn remove_subtree(&mut self, id: ElementId) {
        for element_id in self.arena.descendants(id) {
            let Some(element) = self.arena.elements.remove(element_id) else {
                continue;
            };
            self.stats.elements_removed += 1;
            for b in element.bindings {
                self.drop_binding(b);
            }
            for slot in element.slots {
                if let crate::tree::ChildSlot::Block(block) = slot
                    && let Some(b) = self.arena.blocks.remove(block)
                {
                    for expansion in b.expansions {
                        if let Some(scope) = expansion.scope {
                            self.scopes.drop_frame(scope);
                        }
                    }
                }
            }
            if let Some(scoped) = element.scoped_id
                && self.ids.get(&scoped) == Some(&element_id)
            {
                self.ids.remove(&scoped);
            }
            let instances: Vec<_> = self
                .arena
                .instances
                .iter()
                .filter(|(_, i)| i.root == element_id)
                .map(|(k, i)| (k, i.scope))
                .collect();
            for (instance, scope) in instances {
                self.arena.instances.remove(instance);
                self.scopes.drop_frame(scope);
            }
            self.layout.forget(element_id);
            self.animations.forget(element_id);
        }
    }
}

/// True when `new` equals `old` but for properties that only change pixels (opacity,
/// background and border colours, transform, box shadow). Compares in place without cloning:
/// the paint-only fields are swapped with the old values for the comparison, then restored.
fn differs_only_in_paint(old: &style::ComputedStyle, new: &mut style::ComputedStyle) -> bool {
    let opacity = std::mem::replace(&mut new.opacity, old.opacity);
    let background = std::mem::replace(&mut new.background_color, old.background_color);
    let border = std::mem::replace(&mut new.border_color, old.border_color);
    let transform = std::mem::replace(&mut new.transform, old.transform);
    let shadow_differs = new.box_shadow != old.box_shadow;
    let same = !shadow_differs && *new == *old
        || shadow_differs && {
            let shadow = std::mem::replace(&mut new.box_shadow, old.box_shadow.clone());
            let same = *new == *old;
            new.box_shadow = shadow;
            same
        };
    new.opacity = opacity;
    new.background_color = background;
    new.border_color = border;
    new.transform = transform;
    same
}

/// What replacing `old` by `new` changes (one full comparison: everything but the paint-only
/// fields, then those).
fn compare(old: &style::ComputedStyle, new: &mut style::ComputedStyle) -> Outcome {
    let paint_only = differs_only_in_paint(old, new);
    Outcome {
        unchanged: paint_only && paint_fields_eq(old, new),
        paint_only,
        inherited_changed: !new.inherited_eq(old),
    }
}

fn paint_fields_eq(a: &style::ComputedStyle, b: &style::ComputedStyle) -> bool {
    a.opacity == b.opacity
        && a.background_color == b.background_color
        && a.border_color == b.border_color
        && a.transform == b.transform
        && a.box_shadow == b.box_shadow
}
