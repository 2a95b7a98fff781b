//! Layout pass: mirrors the element tree into a [`kryon_layout::LayoutTree`] and computes it.
//!
//! Only elements flagged `LAYOUT` (computed style changed, created) or `CHILDREN` (structure
//! changed) are re-synced; the layout tree clears taffy caches along the changed paths only, so
//! unchanged subtrees are served from cache. Reads (`box_of`) return the last completed layout.

use crate::dom::Dom;
use crate::kind::ElementKind;
use crate::style::{self, ComputedStyle, UnitContext};
use crate::tree::{Dirty, Element, ElementId};
use crate::value::Value;
use kryon_layout::{LayoutTree, NodeContent, NodeId, Rect, TextAlign, TextStyle, TextWrap};
use slotmap::SecondaryMap;

/// The layout mirror of a tree.
#[derive(Debug, Default)]
pub struct LayoutState {
    /// The taffy-backed tree with the text engine.
    pub tree: LayoutTree,
    /// Element → layout node.
    pub nodes: SecondaryMap<ElementId, NodeId>,
    /// Elements whose node must be re-synced.
    pub(crate) dirty: Vec<ElementId>,
    /// Viewport of the last computation.
    pub viewport: (f32, f32),
    /// Set when a computation is needed.
    pub(crate) needs_compute: bool,
}

impl LayoutState {
    /// Resets the layout work counters.
    pub fn reset_counters(&mut self) {
        self.tree.reset_stats();
    }

    /// Drops the node of a removed element.
    pub(crate) fn forget(&mut self, element: ElementId) {
        if let Some(node) = self.nodes.remove(element) {
            let _ = self.tree.remove(node);
            self.needs_compute = true;
        }
    }
}

impl Dom {
    /// Flags an element for the layout pass.
    pub(crate) fn mark_layout(&mut self, id: ElementId) {
        let Some(e) = self.arena.elements.get_mut(id) else {
            return;
        };
        // A changed style, new element or structural change may change pixels.
        self.paint.invalidate();
        // `LAYOUT` doubles as "already queued", so the dirty list has no duplicates.
        if !e.dirty.contains(Dirty::LAYOUT) {
            e.dirty.insert(Dirty::LAYOUT);
            self.layout.dirty.push(id);
        }
    }

    /// Layout pass: syncs queued elements into the layout tree and recomputes it.
    pub fn run_layout(&mut self, viewport: (f32, f32)) {
        let dirty = std::mem::take(&mut self.layout.dirty);
        let new_nodes = dirty
            .iter()
            .filter(|id| !self.layout.nodes.contains_key(**id))
            .count();
        self.layout.tree.reserve(new_nodes);
        for &id in &dirty {
            if self.sync_node(id) {
                // A new node needs its child list even if the element's children did not change.
                if let Some(e) = self.arena.elements.get_mut(id) {
                    e.dirty.insert(Dirty::CHILDREN);
                }
            }
        }
        // Child lists after every node exists (a parent may be queued before its new children).
        for &id in &dirty {
            let Some(e) = self.arena.elements.get_mut(id) else {
                continue;
            };
            let children_changed = e.dirty.contains(Dirty::CHILDREN);
            e.dirty.remove(Dirty::LAYOUT | Dirty::CHILDREN);
            if children_changed {
                self.sync_children(id);
            }
        }
        let Some(&root) = self.layout.nodes.get(self.root) else {
            return;
        };
        if self.layout.needs_compute || self.layout.viewport != viewport {
            self.layout.viewport = viewport;
            self.layout.needs_compute = false;
            let _ = self.layout.tree.compute(root, viewport.0, viewport.1);
            self.paint.invalidate();
        }
    }

    /// Creates or updates an element's node; returns true when the node was created.
    fn sync_node(&mut self, id: ElementId) -> bool {
        let Some(kind) = self.arena.elements.get(id).map(|e| e.kind) else {
            return false;
        };
        self.stats.layout_syncs += 1;
        let units = self.unit_context();
        // Images and checkbox/radio labels need the image store or the text engine.
        let content = match kind {
            ElementKind::Image => Some(self.image_content(id)),
            ElementKind::Input => self.toggle_content(id, &units),
            _ => None,
        };
        let Some(e) = self.arena.elements.get(id) else {
            return false;
        };
        let taffy = style::taffy_style(&e.computed, e.kind, &units);
        let content = content.unwrap_or_else(|| node_content(e, &units));
        let order = i32::try_from(e.computed.order).unwrap_or(0);
        self.layout.needs_compute = true;
        match self.layout.nodes.get(id).copied() {
            Some(node) => {
                if self.layout.tree.style(node).ok() != Some(&taffy) {
                    let _ = self.layout.tree.set_style(node, taffy);
                }
                let _ = self.layout.tree.set_content(node, content);
                if self.layout.tree.order(node).ok() != Some(order) {
                    let _ = self.layout.tree.set_order(node, order);
                }
                false
            }
            None => {
                let node = self.layout.tree.new_leaf(taffy, content);
                if order != 0 {
                    let _ = self.layout.tree.set_order(node, order);
                }
                self.layout.nodes.insert(id, node);
                true
            }
        }
    }

    fn sync_children(&mut self, id: ElementId) {
        let Some(&node) = self.layout.nodes.get(id) else {
            return;
        };
        let Some(e) = self.arena.elements.get(id) else {
            return;
        };
        let children: Vec<NodeId> = e
            .children
            .iter()
            .filter_map(|c| self.layout.nodes.get(*c).copied())
            .collect();
        if self.layout.tree.children(node).ok() != Some(children.as_slice()) {
            let _ = self.layout.tree.set_children(node, &children);
            self.layout.needs_compute = true;
        }
    }

    pub(crate) fn unit_context(&self) -> UnitContext {
        let rem = self
            .arena
            .elements
            .get(self.root)
            .map_or(14.0, |r| r.computed.font_size_px());
        UnitContext {
            viewport_w: self.layout.viewport.0,
            viewport_h: self.layout.viewport.1,
            rem,
        }
    }

    /// The border box of an element from the last layout (window coordinates, logical px).
    pub fn box_of(&self, id: ElementId) -> Option<Rect> {
        let node = self.layout.nodes.get(id)?;
        self.layout.tree.box_of(*node).ok()
    }
}

/// The measured content of a leaf: text, or a fixed intrinsic size (kry §15.3).
fn node_content(e: &Element, units: &UnitContext) -> NodeContent {
    let computed = &e.computed;
    match e.kind {
        ElementKind::Text | ElementKind::Button | ElementKind::Link => {
            let text = computed.display_text();
            if text.is_empty() {
                NodeContent::None
            } else {
                NodeContent::Text(text, text_style(computed, units))
            }
        }
        ElementKind::Input => {
            let style = text_style(computed, units);
            NodeContent::Intrinsic {
                width: computed.input_intrinsic_width(),
                height: style.line_height_px,
                keep_aspect: false,
            }
        }
        // Canvas is replaced content (keeps 2:1 when one side is set); a reserved element's
        // placeholder is a plain box.
        ElementKind::Canvas => NodeContent::Intrinsic {
            width: 300.0,
            height: 150.0,
            keep_aspect: true,
        },
        // Reserved elements keep their properties as unvalidated data (kry §13.3); numeric
        // `width`/`height` still size the placeholder box.
        ElementKind::ReservedView(_) => {
            let px = |name: &str, default: f32| {
                e.custom
                    .get(name)
                    .and_then(Value::as_f64)
                    .filter(|v| v.is_finite() && *v >= 0.0)
                    .map_or(default, |v| v as f32)
            };
            NodeContent::Intrinsic {
                width: px("width", 300.0),
                height: px("height", 150.0),
                keep_aspect: false,
            }
        }
        _ => NodeContent::None,
    }
}

/// The text style of an element for shaping.
pub(crate) fn text_style(computed: &ComputedStyle, units: &UnitContext) -> TextStyle {
    let size = computed.font_size_px();
    TextStyle {
        family: computed.font_family.clone(),
        size_px: size,
        weight: computed.font_weight.0,
        italic: computed.is_italic(),
        line_height_px: computed.line_height_px(units),
        letter_spacing_px: computed.letter_spacing_px(units),
        wrap: if computed.wraps() {
            TextWrap::Normal
        } else {
            TextWrap::NoWrap
        },
        break_word: computed.breaks_words(),
        align: match computed.text_align_kind() {
            1 => TextAlign::Center,
            2 => TextAlign::End,
            3 => TextAlign::Justify,
            _ => TextAlign::Start,
        },
    }
}
