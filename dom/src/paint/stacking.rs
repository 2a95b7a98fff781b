//! Paint order: layers (kry §15.7).
//!
//! An element with an integer `z_index`, or with `opacity` below 1 (as z 0), opens a layer
//! inside the nearest enclosing layer; the App is the root layer. A layer paints
//!
//! 1. its own box (shadows, background, border),
//! 2. its child layers with negative z,
//! 3. its own content and its descendants that are not layers, in document order,
//! 4. its child layers with z ≥ 0,
//!
//! child layers ordered by z, then document order. "Child layers" are the nearest layers below
//! it, however deep. Painting one out of document order re-applies the transforms and `overflow`
//! clips of the elements between it and its enclosing layer, so it is still clipped by its
//! ancestors and moves with them. The enclosing layer's own clip is already open around steps
//! 2–4.
//!
//! `display: none` and `visible: false` elements paint nothing, and neither do their subtrees
//! (`visible: false` hides the whole subtree, kry §14.2). A group at opacity 0 or a transform
//! with a zero scale draws nothing either, so those subtrees are skipped.

use super::boxes::ElementTransform;
use super::{Groups, Painter};
use crate::kind::ElementKind;
use crate::style::values::{InputType, ZIndex};
use crate::tree::{Arena, Element, ElementId};
use kryon_display::DisplayItem;

/// Whether an element paints at all (its subtree neither, when not).
pub(crate) fn is_painted(e: &Element) -> bool {
    let c = &e.computed;
    c.is_displayed()
        && c.is_visible()
        && !(e.kind == ElementKind::Input && c.input_type == InputType::Hidden)
}

/// The group opacity of an element (a non-finite value counts as opaque).
pub(crate) fn opacity_of(e: &Element) -> f32 {
    let o = e.computed.opacity;
    if o.is_finite() {
        o.clamp(0.0, 1.0)
    } else {
        1.0
    }
}

/// The z of the layer an element opens, or `None` when it opens none.
pub(crate) fn layer_z(e: &Element) -> Option<i32> {
    match e.computed.z_index {
        ZIndex::Index(z) => Some(z),
        ZIndex::Auto if opacity_of(e) < 1.0 => Some(0),
        ZIndex::Auto => None,
    }
}

/// The child layers of a layer, split into negative z and z ≥ 0, each sorted by z and then
/// document order (the sort is stable over a document-order walk). Painting and hit testing
/// both walk layers in this order.
pub(crate) fn child_layers(arena: &Arena, layer: ElementId) -> (Vec<ElementId>, Vec<ElementId>) {
    let mut found = Vec::new();
    collect_layers(arena, layer, &mut found);
    found.sort_by_key(|(z, _)| *z);
    let split = found.partition_point(|(z, _)| *z < 0);
    let positive = found.split_off(split);
    (
        found.into_iter().map(|(_, id)| id).collect(),
        positive.into_iter().map(|(_, id)| id).collect(),
    )
}

fn collect_layers(arena: &Arena, id: ElementId, out: &mut Vec<(i32, ElementId)>) {
    let Some(e) = arena.elements.get(id) else {
        return;
    };
    for &child in &e.children {
        let Some(c) = arena.elements.get(child) else {
            continue;
        };
        if !is_painted(c) {
            continue;
        }
        match layer_z(c) {
            Some(z) => out.push((z, child)),
            None => collect_layers(arena, child, out),
        }
    }
}

impl Painter<'_> {
    /// Paints a layer: the root App, or an element [`layer_z`] gives a z.
    pub(super) fn paint_layer(&mut self, id: ElementId) {
        let arena = self.arena;
        let Some(e) = arena.elements.get(id) else {
            return;
        };
        if !is_painted(e) {
            return;
        }
        let opacity = opacity_of(e);
        let Some(info) = self.box_info(id, e) else {
            return;
        };
        let transform = self.transform_of(&e.computed, info.border_box);
        if opacity <= 0.0 || transform == ElementTransform::Collapsed {
            return;
        }
        let mut outer = Groups::default();
        if opacity < 1.0 {
            self.push(&mut outer, DisplayItem::PushOpacity { opacity });
        }
        if let ElementTransform::Affine(transform) = transform {
            self.push(&mut outer, DisplayItem::PushTransform { transform });
        }
        self.decorations(e, &info);
        let (negative, positive) = child_layers(self.arena, id);
        let mut inner = Groups::default();
        self.open_overflow(&e.computed, &info, &mut inner);
        for layer in negative {
            self.paint_nested_layer(id, layer);
        }
        self.content(id, e, &info);
        for &child in &e.children {
            self.paint_flow(child);
        }
        for layer in positive {
            self.paint_nested_layer(id, layer);
        }
        self.close(inner);
        self.focus_outline(id, e, &info);
        self.close(outer);
    }

    /// Paints an element that is not a layer, and its non-layer descendants, in document order.
    fn paint_flow(&mut self, id: ElementId) {
        let arena = self.arena;
        let Some(e) = arena.elements.get(id) else {
            return;
        };
        if !is_painted(e) || layer_z(e).is_some() {
            return;
        }
        let Some(info) = self.box_info(id, e) else {
            return;
        };
        let transform = self.transform_of(&e.computed, info.border_box);
        let mut outer = Groups::default();
        match transform {
            ElementTransform::Collapsed => return,
            ElementTransform::Affine(transform) => {
                self.push(&mut outer, DisplayItem::PushTransform { transform });
            }
            ElementTransform::Identity => {}
        }
        self.decorations(e, &info);
        let mut inner = Groups::default();
        self.open_overflow(&e.computed, &info, &mut inner);
        self.content(id, e, &info);
        for &child in &e.children {
            self.paint_flow(child);
        }
        self.close(inner);
        self.focus_outline(id, e, &info);
        self.close(outer);
    }

    /// Paints `layer`, a child layer of `enclosing`, inside the transforms and clips of the
    /// elements between them.
    fn paint_nested_layer(&mut self, enclosing: ElementId, layer: ElementId) {
        let arena = self.arena;
        let mut path = Vec::new();
        let mut current = arena.elements.get(layer).and_then(|e| e.parent);
        while let Some(p) = current {
            if p == enclosing {
                break;
            }
            path.push(p);
            current = arena.elements.get(p).and_then(|e| e.parent);
        }
        if current.is_none() {
            return;
        }
        let mut groups = Groups::default();
        for &ancestor in path.iter().rev() {
            let Some(e) = arena.elements.get(ancestor) else {
                continue;
            };
            let Some(info) = self.box_info(ancestor, e) else {
                self.close(groups);
                return;
            };
            match self.transform_of(&e.computed, info.border_box) {
                ElementTransform::Collapsed => {
                    self.close(groups);
                    return;
                }
                ElementTransform::Affine(transform) => {
                    self.push(&mut groups, DisplayItem::PushTransform { transform });
                }
                ElementTransform::Identity => {}
            }
            self.open_overflow(&e.computed, &info, &mut groups);
        }
        self.paint_layer(layer);
        self.close(groups);
    }
}
