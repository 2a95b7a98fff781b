//! The element arena.
//!
//! Elements live in a slotmap and are addressed by generational [`ElementId`]s, so a stale id
//! (from a removed element) is detected instead of aliasing a new one. An element's children are
//! stored as [`ChildSlot`]s: plain elements, or `@for`/`@if` blocks whose generated elements are
//! spliced in place; `children` caches the flattened list. All changes go through
//! [`crate::Dom`]'s mutation methods, which set the [`Dirty`] flags.

mod dirty;
mod props;

pub use dirty::Dirty;
pub use props::OwnProps;

use crate::kind::ElementKind;
use crate::scope::{BindingId, ScopeId};
use crate::style::values::Handler;
use crate::style::{ComputedStyle, PropId, PropValue, StateSet};
use crate::value::Value;
use kryon_markup::Span;
use kryon_markup::ast;
use slotmap::{SlotMap, new_key_type};
use std::collections::BTreeMap;
use std::rc::Rc;

new_key_type! {
    /// An element.
    pub struct ElementId;
    /// A component instance.
    pub struct InstanceId;
    /// A `@for` or `@if` block.
    pub struct BlockId;
}

/// A child position: an element, or a block that expands to zero or more elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildSlot {
    /// A single element.
    Element(ElementId),
    /// A `@for`/`@if` block.
    Block(BlockId),
}

/// One element.
#[derive(Debug, Clone)]
pub struct Element {
    /// Kind from the built-in catalogue.
    pub kind: ElementKind,
    /// Local id as written (`id: "menu"`).
    pub local_id: Option<String>,
    /// Scoped id (`picker.menu`): unique handle used by lookups.
    pub scoped_id: Option<String>,
    /// Parent element (`None` for the root).
    pub parent: Option<ElementId>,
    /// Child positions (elements and blocks) in source order, then script-added children.
    pub slots: Vec<ChildSlot>,
    /// Flattened children (cache of `slots`).
    pub children: Vec<ElementId>,
    /// Scope the element's bindings evaluate in.
    pub scope: ScopeId,
    /// The component instance whose template created this element.
    pub instance: Option<InstanceId>,
    /// Own catalogue property values (cascade layer 6), by property.
    pub own: OwnProps,
    /// Own pseudo blocks (cascade layer 7), in source order.
    pub own_pseudo: Vec<(StateSet, Vec<(PropId, PropValue)>)>,
    /// Custom (non-catalogue) data, readable by scripts.
    pub custom: BTreeMap<String, Value>,
    /// Class names (`style:`), in order.
    pub classes: Vec<String>,
    /// Event handlers by event property (`onClick`).
    pub handlers: Vec<(String, Handler)>,
    /// Active pseudo-states (hover, focus, active; checked/disabled derive from properties).
    pub states: StateSet,
    /// `@for` identity.
    pub key: Option<Value>,
    /// Result of the cascade, shared with elements whose cascade inputs are equal (and, before
    /// the first cascade, the initial style).
    pub computed: Rc<ComputedStyle>,
    /// Pending work.
    pub dirty: Dirty,
    /// Bindings owned by this element (dropped with it).
    pub bindings: Vec<BindingId>,
    /// Markup that created it.
    pub span: Span,
    /// Where the element's `src` value is written (an Image's path resolves relative to that
    /// file, and K0409 points there); `None` when the markup sets none.
    pub src_span: Option<Span>,
}

/// A component instance (kry §9).
#[derive(Debug, Clone)]
pub struct Instance {
    /// Component name.
    pub component: String,
    /// Instance id (use-site id or `<Name>_<n>`), scoped by enclosing instances.
    pub scoped_id: String,
    /// Template root element.
    pub root: ElementId,
    /// The instance's property frame.
    pub scope: ScopeId,
    /// Enclosing instance.
    pub parent: Option<InstanceId>,
}

/// What a block generates.
#[derive(Debug, Clone)]
pub enum BlockKind {
    /// `@for`.
    For(Rc<ast::ForBlock>),
    /// `@if`.
    If(Rc<ast::IfBlock>),
}

/// One expansion of a block body: an `@for` iteration, or the chosen `@if` branch.
#[derive(Debug, Clone)]
pub struct Expansion {
    /// `@for` key (or the chosen branch index for `@if`).
    pub key: Value,
    /// Scope of the loop variables (`None` for `@if`, which binds nothing).
    pub scope: Option<ScopeId>,
    /// Generated child positions.
    pub slots: Vec<ChildSlot>,
}

/// A live `@for`/`@if` block.
#[derive(Debug, Clone)]
pub struct Block {
    /// The markup.
    pub kind: BlockKind,
    /// Element whose children the block generates.
    pub parent: ElementId,
    /// Scope the header evaluates in.
    pub scope: ScopeId,
    /// Component instance in effect.
    pub instance: Option<InstanceId>,
    /// Current expansions, in order.
    pub expansions: Vec<Expansion>,
    /// The binding that re-expands the block.
    pub binding: Option<BindingId>,
}

/// The arenas.
#[derive(Debug, Default)]
pub struct Arena {
    /// Elements.
    pub elements: SlotMap<ElementId, Element>,
    /// Component instances.
    pub instances: SlotMap<InstanceId, Instance>,
    /// Blocks.
    pub blocks: SlotMap<BlockId, Block>,
}

impl Arena {
    /// Flattens child slots into element ids.
    pub fn flatten(&self, slots: &[ChildSlot], out: &mut Vec<ElementId>) {
        for slot in slots {
            match *slot {
                ChildSlot::Element(id) => out.push(id),
                ChildSlot::Block(block) => {
                    if let Some(b) = self.blocks.get(block) {
                        for expansion in &b.expansions {
                            self.flatten(&expansion.slots, out);
                        }
                    }
                }
            }
        }
    }

    /// Recomputes an element's flattened `children`.
    pub fn refresh_children(&mut self, id: ElementId) {
        let Some(element) = self.elements.get(id) else {
            return;
        };
        let mut children = Vec::with_capacity(element.children.len());
        self.flatten(&element.slots, &mut children);
        if let Some(element) = self.elements.get_mut(id) {
            element.children = children;
        }
    }

    /// Pre-order walk from `root`.
    pub fn descendants(&self, root: ElementId) -> Vec<ElementId> {
        let mut out = Vec::new();
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            if let Some(e) = self.elements.get(id) {
                out.push(id);
                stack.extend(e.children.iter().rev().copied());
            }
        }
        out
    }
}
