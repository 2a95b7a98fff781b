//! Hit testing: which element is under a window point (kry §15.7).
//!
//! Hit testing is paint order reversed (see `paint/stacking.rs`): inside a layer, its child
//! layers with z ≥ 0 (highest z, later in document order first), then its flow descendants in
//! reverse document order, then its negative-z child layers, then its own box. A child layer is
//! reached through the transforms, `overflow` clips and scroll offsets of the elements between
//! it and its enclosing layer, as it is painted. `display: none`, `visible: false` and hidden
//! Inputs are skipped with their subtrees; a transform that collapses an element hides it.
//! Disabled elements are returned (the caller drops the event so it does not fall through).
//! Clips are the padding box; rounded clip corners are not considered.

use crate::dom::Dom;
use crate::paint::{child_layers, is_painted, layer_z};
use crate::style::UnitContext;
use crate::style::values::{Length, Overflow};
use crate::tree::{Element, ElementId};
use kryon_display::{Affine, Point};
use kryon_layout::{BoxGeometry, Rect};

impl Dom {
    /// The topmost element under the window point `(x, y)` from the last layout, or `None`
    /// outside the App.
    pub fn hit_test(&self, x: f32, y: f32) -> Option<ElementId> {
        if !x.is_finite() || !y.is_finite() {
            return None;
        }
        let hit = Hit {
            dom: self,
            units: self.unit_context(),
        };
        hit.layer(self.root, Point { x, y })
    }
}

struct Hit<'a> {
    dom: &'a Dom,
    units: UnitContext,
}

fn contains(r: &Rect, p: Point) -> bool {
    p.x >= r.x && p.y >= r.y && p.x < r.x + r.width && p.y < r.y + r.height
}

impl Hit<'_> {
    fn geometry(&self, id: ElementId) -> Option<BoxGeometry> {
        let node = *self.dom.layout.nodes.get(id)?;
        let g = self.dom.layout.tree.geometry(node).ok()?;
        let b = g.border_box;
        [b.x, b.y, b.width, b.height]
            .iter()
            .all(|v| v.is_finite())
            .then_some(g)
    }

    /// The point in the element's untransformed coordinates; `None` when its transform
    /// collapses it (nothing is drawn, so nothing is hit).
    fn local(&self, e: &Element, g: &BoxGeometry, p: Point) -> Option<Point> {
        let c = &e.computed;
        let t = c.transform;
        if t.is_identity() {
            return Some(p);
        }
        let b = g.border_box;
        let origin = |l: Length, size: f32| match l {
            Length::Percent(v) => size * v / 100.0,
            other => self.units.px(other, c.font_px).unwrap_or(size / 2.0),
        };
        let ox = b.x + origin(c.transform_origin.x, b.width);
        let oy = b.y + origin(c.transform_origin.y, b.height);
        let values = [
            t.scale_x,
            t.scale_y,
            t.rotate_deg,
            t.translate_x,
            t.translate_y,
            ox,
            oy,
        ];
        if !values.iter().all(|v| v.is_finite()) {
            // Paint ignores a transform it cannot compute; so does hit testing.
            return Some(p);
        }
        let affine = Affine::translate(ox + t.translate_x, oy + t.translate_y)
            .after(&Affine::rotate_deg(t.rotate_deg))
            .after(&Affine::scale(t.scale_x, t.scale_y))
            .after(&Affine::translate(-ox, -oy));
        Some(affine.invert()?.apply(p))
    }

    /// The point as the element's children see it: `None` outside an `overflow` clip, else
    /// shifted by the scroll offset of the clipped axes.
    fn content_point(&self, e: &Element, g: &BoxGeometry, p: Point) -> Option<Point> {
        let c = &e.computed;
        let (clip_x, clip_y) = (
            c.overflow_x != Overflow::Visible,
            c.overflow_y != Overflow::Visible,
        );
        if !clip_x && !clip_y {
            return Some(p);
        }
        let b = g.border_box;
        let padding_box = Rect {
            x: b.x + g.border.left,
            y: b.y + g.border.top,
            width: (b.width - g.border.left - g.border.right).max(0.0),
            height: (b.height - g.border.top - g.border.bottom).max(0.0),
        };
        if !contains(&padding_box, p) {
            return None;
        }
        let offset = |on: bool, v: f32| {
            if on && v.is_finite() && v > 0.0 {
                v
            } else {
                0.0
            }
        };
        Some(Point {
            x: p.x + offset(clip_x, c.scroll_x),
            y: p.y + offset(clip_y, c.scroll_y),
        })
    }

    /// A layer (the App or an element with a layer z), `p` in its parent's coordinates.
    fn layer(&self, id: ElementId, p: Point) -> Option<ElementId> {
        let e = self.dom.arena.elements.get(id)?;
        if !is_painted(e) {
            return None;
        }
        let g = self.geometry(id)?;
        let lp = self.local(e, &g, p)?;
        if let Some(cp) = self.content_point(e, &g, lp) {
            let (negative, positive) = child_layers(&self.dom.arena, id);
            for &l in positive.iter().rev() {
                if let Some(hit) = self.nested(id, l, cp) {
                    return Some(hit);
                }
            }
            for &child in e.children.iter().rev() {
                if let Some(hit) = self.flow(child, cp) {
                    return Some(hit);
                }
            }
            for &l in negative.iter().rev() {
                if let Some(hit) = self.nested(id, l, cp) {
                    return Some(hit);
                }
            }
        }
        contains(&g.border_box, lp).then_some(id)
    }

    /// An element that is not a layer, and its non-layer descendants.
    fn flow(&self, id: ElementId, p: Point) -> Option<ElementId> {
        let e = self.dom.arena.elements.get(id)?;
        if !is_painted(e) || layer_z(e).is_some() {
            return None;
        }
        let g = self.geometry(id)?;
        let lp = self.local(e, &g, p)?;
        if let Some(cp) = self.content_point(e, &g, lp) {
            for &child in e.children.iter().rev() {
                if let Some(hit) = self.flow(child, cp) {
                    return Some(hit);
                }
            }
        }
        contains(&g.border_box, lp).then_some(id)
    }

    /// `layer`, a child layer of `enclosing`, through the elements between them; `p` in
    /// `enclosing`'s content coordinates.
    fn nested(&self, enclosing: ElementId, layer: ElementId, p: Point) -> Option<ElementId> {
        let arena = &self.dom.arena;
        let mut path = Vec::new();
        let mut current = arena.elements.get(layer).and_then(|e| e.parent);
        while let Some(a) = current {
            if a == enclosing {
                break;
            }
            path.push(a);
            current = arena.elements.get(a).and_then(|e| e.parent);
        }
        current?;
        let mut p = p;
        for &ancestor in path.iter().rev() {
            let e = arena.elements.get(ancestor)?;
            let g = self.geometry(ancestor)?;
            let lp = self.local(e, &g, p)?;
            p = self.content_point(e, &g, lp)?;
        }
        self.layer(layer, p)
    }
}
