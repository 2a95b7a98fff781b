//! Sharing computed styles between elements whose cascade inputs are equal.
//!
//! The cascade of an element is a function of its kind, its states, its parent's computed style,
//! its evaluated classes, its own properties and its own pseudo blocks (layers 3–7; layer 8 is
//! per element and is left out: elements with animations never share). Siblings generated from
//! one template (list rows, grid cells) usually have equal inputs, so the style pass keeps the
//! last few results and hands the same `Rc` to the next element with equal inputs instead of
//! cascading again: the work and the memory are per distinct style, not per element.
//!
//! Inputs are compared by identity where that is exact: the parent's style and the classes
//! (literal classes are one shared `Rc` each; bound ones are evaluated per element and never
//! match). Own properties are compared by value, read from the element that produced the entry
//! (the style pass changes no own property, and the cache lives for one pass).

use super::computed::ComputedStyle;
use super::sheet::EvaluatedStyle;
use super::state::StateSet;
use crate::kind::ElementKind;
use crate::tree::{Arena, ElementId};
use std::rc::Rc;

/// How many recent results are kept (the least recently used is replaced).
const CAPACITY: usize = 8;

/// How many results of one shape (inputs equal but for own values) are kept: elements that
/// differ only in their own values (texts of a list) rarely repeat, and each kept one costs
/// every later lookup a comparison of values.
const PER_SHAPE: usize = 2;

/// What storing a new style into an element did, relative to its old style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// Old and new are equal.
    pub unchanged: bool,
    /// They differ only in paint-only fields (no layout sync needed).
    pub paint_only: bool,
    /// An inherited value changed (children must recompute).
    pub inherited_changed: bool,
}

/// The inputs of one element's cascade that are not read from the arena.
#[derive(Clone, Copy)]
pub(crate) struct ShareKey<'a> {
    /// The element.
    pub id: ElementId,
    /// Its kind.
    pub kind: ElementKind,
    /// Its effective states (with `checked` and inherited `disabled`).
    pub states: StateSet,
    /// Its parent's style.
    pub parent: Option<&'a Rc<ComputedStyle>>,
    /// Its evaluated classes.
    pub classes: &'a [Rc<EvaluatedStyle>],
    /// Which own properties and how many own pseudo blocks it has ([`shape_of`]).
    pub shape: u64,
}

/// A digest of which own properties an element sets and how many own pseudo blocks it has:
/// equal inputs have equal shapes, so most entries are told apart without reading values.
pub(crate) fn shape_of(element: &crate::tree::Element) -> u64 {
    let mut shape = element.own_pseudo.len() as u64;
    for (prop, _) in element.own.as_slice() {
        shape = (shape.rotate_left(7) ^ *prop as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    shape
}

struct Entry {
    /// When it was last found or inserted (the pass's clock).
    used: u64,
    /// Which own properties are set (see [`shape_of`]).
    shape: u64,
    kind: ElementKind,
    states: StateSet,
    parent: Option<Rc<ComputedStyle>>,
    classes: Vec<Rc<EvaluatedStyle>>,
    /// The element whose own properties produced the style.
    source: ElementId,
    style: Rc<ComputedStyle>,
    /// The outcome of replacing the shared initial style by `style` (the same for every new
    /// element), once known.
    from_initial: Option<Outcome>,
}

/// Recent cascade results of one style pass.
#[derive(Default)]
pub(crate) struct StyleShare {
    entries: Vec<Entry>,
    /// Counts finds and inserts (stamps instead of reordering: entries stay where they are).
    clock: u64,
}

/// A found style: the shared result and its entry (for [`StyleShare::from_initial`]).
pub(crate) struct Found {
    /// The style.
    pub style: Rc<ComputedStyle>,
    /// The known outcome of replacing the shared initial style by it.
    pub from_initial: Option<Outcome>,
    /// The entry.
    index: usize,
}

impl StyleShare {
    /// A style cascaded from inputs equal to `key`'s.
    pub fn find(&mut self, arena: &Arena, key: &ShareKey<'_>) -> Option<Found> {
        let element = arena.elements.get(key.id)?;
        let index = self.entries.iter().position(|e| {
            e.same_shape(key)
                && arena.elements.get(e.source).is_some_and(|source| {
                    source.own == element.own && source.own_pseudo == element.own_pseudo
                })
        })?;
        self.clock += 1;
        let entry = &mut self.entries[index];
        entry.used = self.clock;
        Some(Found {
            style: entry.style.clone(),
            from_initial: entry.from_initial,
            index,
        })
    }

    /// Records the outcome of replacing the shared initial style by a found style.
    pub fn set_from_initial(&mut self, found: &Found, outcome: Outcome) {
        if let Some(entry) = self.entries.get_mut(found.index) {
            entry.from_initial = Some(outcome);
        }
    }

    /// Keeps a new result, replacing the least recently used one of its shape when the shape
    /// has its share, else the least recently used one when full. The classes are given as a
    /// vector to keep (`key.classes` is not read).
    pub fn insert(
        &mut self,
        key: &ShareKey<'_>,
        classes: Vec<Rc<EvaluatedStyle>>,
        style: Rc<ComputedStyle>,
        from_initial: Option<Outcome>,
    ) {
        let probe = ShareKey {
            classes: &classes,
            ..*key
        };
        let oldest = |entries: &mut dyn Iterator<Item = (usize, &Entry)>| {
            entries.min_by_key(|(_, e)| e.used).map(|(i, _)| i)
        };
        let same = self.entries.iter().filter(|e| e.same_shape(&probe)).count();
        let replace = if same >= PER_SHAPE {
            oldest(
                &mut self
                    .entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.same_shape(&probe)),
            )
        } else if self.entries.len() == CAPACITY {
            oldest(&mut self.entries.iter().enumerate())
        } else {
            None
        };
        self.clock += 1;
        let entry = Entry {
            used: self.clock,
            shape: key.shape,
            kind: key.kind,
            states: key.states,
            parent: key.parent.cloned(),
            classes,
            source: key.id,
            style,
            from_initial,
        };
        match replace {
            Some(i) => self.entries[i] = entry,
            None => self.entries.push(entry),
        }
    }
}

impl Entry {
    /// Equal inputs but, perhaps, for the values of own properties.
    fn same_shape(&self, key: &ShareKey<'_>) -> bool {
        self.shape == key.shape
            && self.kind == key.kind
            && self.states == key.states
            && same_parent(self.parent.as_ref(), key.parent)
            && self.classes.len() == key.classes.len()
            && self
                .classes
                .iter()
                .zip(key.classes)
                .all(|(a, b)| Rc::ptr_eq(a, b))
    }
}

fn same_parent(a: Option<&Rc<ComputedStyle>>, b: Option<&Rc<ComputedStyle>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}
