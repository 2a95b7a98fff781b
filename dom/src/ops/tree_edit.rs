//! Tree edits (script-api §4.3): attaching, moving and removing elements.
//!
//! A child may sit directly in its parent's slots or inside an `@for`/`@if` expansion; both
//! are found and edited in place. Removing an element from an expansion also retires that
//! expansion's key, so the block's next re-expansion rebuilds what the markup says. Only the
//! parents involved are marked (children and layout); the moved subtree gets a cascade.

use super::OpError;
use crate::dom::Dom;
use crate::tree::{BlockId, ChildSlot, Dirty, ElementId};
use crate::value::Value;

/// Where a child element's slot is.
#[derive(Debug, Clone, Copy)]
enum SlotPlace {
    /// `parent.slots[index]`.
    Direct(usize),
    /// `blocks[block].expansions[expansion].slots[index]`.
    Expansion(BlockId, usize, usize),
}

/// A key no `@for` item or `@if` branch can produce: its expansion is rebuilt next time.
fn retired_key() -> Value {
    Value::Array(vec![Value::str("\u{0}removed by script")])
}

impl Dom {
    /// `appendChild` / `insertBefore`: attaches `child` under `parent` before `before` (or at
    /// the end), moving it when already attached. S0106 for putting an element inside its own
    /// subtree, moving the App, or a `before` that is not a child of `parent`.
    pub fn insert_child(
        &mut self,
        parent: ElementId,
        child: ElementId,
        before: Option<ElementId>,
    ) -> Result<(), OpError> {
        self.alive(parent)?;
        self.alive(child)?;
        if let Some(b) = before {
            self.alive(b)?;
        }
        if child == self.root {
            return Err(OpError::tree("the App element cannot be moved"));
        }
        if self.is_ancestor_or_self(child, parent) {
            return Err(OpError::tree(format!(
                "cannot insert {} into its own subtree",
                self.describe(child)
            )));
        }
        if let Some(b) = before {
            if b == child {
                return Ok(());
            }
            if self.arena.elements.get(b).and_then(|e| e.parent) != Some(parent) {
                return Err(OpError::tree(format!(
                    "{} is not a child of {}",
                    self.describe(b),
                    self.describe(parent)
                )));
            }
        }
        let old_parent = self.arena.elements.get(child).and_then(|e| e.parent);
        if let Some(old) = old_parent {
            self.detach_slot(old, child, false);
        }
        let place = before.and_then(|b| self.find_slot(parent, b));
        match place {
            Some(SlotPlace::Direct(i)) => {
                if let Some(p) = self.arena.elements.get_mut(parent) {
                    p.slots.insert(i, ChildSlot::Element(child));
                }
            }
            Some(SlotPlace::Expansion(block, x, i)) => {
                if let Some(slots) = self
                    .arena
                    .blocks
                    .get_mut(block)
                    .and_then(|b| b.expansions.get_mut(x))
                    .map(|x| &mut x.slots)
                {
                    slots.insert(i, ChildSlot::Element(child));
                }
            }
            None => {
                if let Some(p) = self.arena.elements.get_mut(parent) {
                    p.slots.push(ChildSlot::Element(child));
                }
            }
        }
        if let Some(c) = self.arena.elements.get_mut(child) {
            c.parent = Some(parent);
        }
        self.arena.refresh_children(parent);
        self.mark(parent, Dirty::CHILDREN | Dirty::LAYOUT);
        if let Some(old) = old_parent
            && old != parent
        {
            self.mark(old, Dirty::CHILDREN | Dirty::LAYOUT);
        }
        // Inherited values and `:disabled` come from the new ancestors.
        self.mark(child, Dirty::STYLE | Dirty::LAYOUT);
        self.mark_subtree_for_attach(child);
        Ok(())
    }

    /// `removeElement(el)`: removes the element and its subtree (bindings, blocks, instances,
    /// ids, layout nodes). S0106 for the App.
    pub fn remove_element(&mut self, el: ElementId) -> Result<(), OpError> {
        self.alive(el)?;
        if el == self.root {
            return Err(OpError::tree("the App element cannot be removed"));
        }
        if let Some(parent) = self.arena.elements.get(el).and_then(|e| e.parent) {
            self.detach_slot(parent, el, true);
            self.arena.refresh_children(parent);
            self.mark(parent, Dirty::CHILDREN | Dirty::LAYOUT);
        }
        self.remove_subtree(el);
        Ok(())
    }

    /// True when `ancestor` is `el` or one of its ancestors.
    pub(crate) fn is_ancestor_or_self(&self, ancestor: ElementId, el: ElementId) -> bool {
        let mut current = Some(el);
        while let Some(id) = current {
            if id == ancestor {
                return true;
            }
            current = self.arena.elements.get(id).and_then(|e| e.parent);
        }
        false
    }

    /// Finds the slot holding `child` among `parent`'s slots, through nested blocks.
    fn find_slot(&self, parent: ElementId, child: ElementId) -> Option<SlotPlace> {
        let slots = &self.arena.elements.get(parent)?.slots;
        for (i, slot) in slots.iter().enumerate() {
            match *slot {
                ChildSlot::Element(id) if id == child => return Some(SlotPlace::Direct(i)),
                ChildSlot::Block(block) => {
                    if let Some(found) = self.find_in_block(block, child) {
                        return Some(found);
                    }
                }
                ChildSlot::Element(_) => {}
            }
        }
        None
    }

    fn find_in_block(&self, block: BlockId, child: ElementId) -> Option<SlotPlace> {
        let b = self.arena.blocks.get(block)?;
        for (x, expansion) in b.expansions.iter().enumerate() {
            for (i, slot) in expansion.slots.iter().enumerate() {
                match *slot {
                    ChildSlot::Element(id) if id == child => {
                        return Some(SlotPlace::Expansion(block, x, i));
                    }
                    ChildSlot::Block(inner) => {
                        if let Some(found) = self.find_in_block(inner, child) {
                            return Some(found);
                        }
                    }
                    ChildSlot::Element(_) => {}
                }
            }
        }
        None
    }

    /// Takes `child` out of `parent`'s slots and refreshes the flattened children. With
    /// `retire`, an `@for`/`@if` expansion it came from is rebuilt on the block's next update.
    fn detach_slot(&mut self, parent: ElementId, child: ElementId, retire: bool) {
        match self.find_slot(parent, child) {
            Some(SlotPlace::Direct(i)) => {
                if let Some(p) = self.arena.elements.get_mut(parent) {
                    p.slots.remove(i);
                }
            }
            Some(SlotPlace::Expansion(block, x, i)) => {
                if let Some(expansion) = self
                    .arena
                    .blocks
                    .get_mut(block)
                    .and_then(|b| b.expansions.get_mut(x))
                {
                    expansion.slots.remove(i);
                    if retire {
                        expansion.key = retired_key();
                    }
                }
            }
            None => {}
        }
        self.arena.refresh_children(parent);
        if let Some(c) = self.arena.elements.get_mut(child) {
            c.parent = None;
        }
    }

    /// A subtree attached for the first time was never laid out: queue its layout nodes.
    fn mark_subtree_for_attach(&mut self, child: ElementId) {
        for id in self.arena.descendants(child) {
            let fresh = self
                .arena
                .elements
                .get(id)
                .is_some_and(|_| !self.layout.nodes.contains_key(id));
            if fresh {
                self.mark(id, Dirty::CHILDREN | Dirty::LAYOUT);
            }
        }
    }
}
