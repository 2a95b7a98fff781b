//! Showing layer-8 changes: the flush at the end of every animation step.
//!
//! A running animation usually only moves a paint-only value (opacity, a colour, a transform)
//! that the element's computed style already holds from its last cascade. Re-running the whole
//! cascade for that (about 1 µs per element, the bulk of a frame with many animations) is not
//! needed: the flush writes the new layer values straight into the computed style and asks for
//! a repaint. It falls back to marking the element `STYLE` (a full cascade in the next style
//! pass, which applies layer 8 on top) whenever the patch could differ from a cascade:
//!
//! - the layer gained or lost a channel, or a non-paint-only value changed
//!   ([`Layer::restyle`]): a removed channel shows the cascaded value underneath, and a new one
//!   changes which properties are explicitly set;
//! - the element is already `STYLE`-dirty (a script write, a class or state change): its
//!   cascade runs anyway and includes the new layer values;
//! - the element has no animation state left (its last tween ended).
//!
//! Invariant: while [`Layer::restyle`] is false, the computed style equals a fresh cascade
//! except for the paint-only layer values written since, which the patch re-applies.

use super::target::Layer;
use crate::dom::Dom;
use crate::style::ComputedStyle;
use crate::style::computed::is_paint_only;
use crate::tree::{Dirty, ElementId};

/// Writes a layer's paint-only values over a computed style, in cascade order: longhands (the
/// whole `transform` among them), then the transform components over the result.
fn patch_style(style: &mut ComputedStyle, layer: &Layer) {
    for (prop, value) in &layer.props {
        if is_paint_only(*prop) {
            style.apply(*prop, value);
        }
    }
    layer.patch_transform(&mut style.transform);
}

impl Dom {
    /// Shows the layer changes of every touched element: patched in place when paint-only,
    /// else marked style-dirty (only those elements).
    pub(crate) fn flush_touched(&mut self) {
        let mut touched = std::mem::take(&mut self.animations.touched);
        for &id in &touched {
            self.flush_element(id);
        }
        touched.clear();
        self.animations.touched = touched;
    }

    fn flush_element(&mut self, id: ElementId) {
        let state = self.animations.elements.get_mut(&id);
        let patchable = state.is_some_and(|s| !std::mem::take(&mut s.layer.restyle));
        if patchable
            && let Some(element) = self.arena.elements.get_mut(id)
            && !element.dirty.contains(Dirty::STYLE)
            && let Some(state) = self.animations.elements.get(&id)
        {
            patch_style(std::rc::Rc::make_mut(&mut element.computed), &state.layer);
            self.paint.invalidate();
            return;
        }
        self.mark(id, Dirty::STYLE);
    }
}
