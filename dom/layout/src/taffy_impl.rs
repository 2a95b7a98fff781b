//! taffy's low-level tree traits over [`LayoutTree`]'s own node storage.
//!
//! Implementing the traits ourselves (rather than wrapping `TaffyTree`) lets the tree count every
//! layout cache miss: [`LayoutPartialTree::compute_child_layout`] wraps taffy's
//! [`compute_cached_layout`], and the closure it runs on a miss bumps
//! [`LayoutStats::node_layouts`](crate::LayoutStats). Every node is laid out as a flex container
//! (Kryon's only display besides `none`); childless nodes are leaves measured from their
//! content. The root uses the style recorded by `compute`, with the viewport size forced in.

use taffy::{
    AvailableSpace, CacheTree, Layout, LayoutInput, LayoutOutput, RequestedAxis, RunMode, Size,
    compute_cached_layout, compute_flexbox_layout, compute_hidden_layout, compute_leaf_layout,
    compute_oof_layout,
};

use crate::style::Style;
use crate::text::WidthConstraint;
use crate::tree::{Content, LayoutTree, Node, NodeId};

/// Iterates a node's children as taffy ids.
pub struct ChildIter<'a>(std::slice::Iter<'a, NodeId>);

impl Iterator for ChildIter<'_> {
    type Item = taffy::NodeId;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|id| id.to_taffy())
    }
}

impl LayoutTree {
    #[inline]
    fn style_of(&self, id: taffy::NodeId) -> &Style {
        let id = NodeId::from_taffy(id);
        if self.root == Some(id) {
            &self.root_style
        } else {
            &self.nodes[id].style
        }
    }

    /// Runs the layout algorithm for one node (a cache miss).
    fn compute_uncached(&mut self, id: taffy::NodeId, inputs: LayoutInput) -> LayoutOutput {
        let key = NodeId::from_taffy(id);
        self.stats.node_layouts += 1;
        let epoch = self.stats_epoch;
        let node = &mut self.nodes[key];
        if node.counted_epoch != epoch {
            node.counted_epoch = epoch;
            self.stats.nodes_laid_out += 1;
        }
        if self.style_of(id).display == taffy::Display::None {
            return compute_hidden_layout(self, id);
        }
        let mut output = if self.nodes[key].flow.is_empty() {
            self.compute_leaf(key, inputs)
        } else {
            compute_flexbox_layout(self, id, inputs)
        };
        if inputs.run_mode == RunMode::PerformLayout {
            compute_oof_layout(self, id, &mut output);
        }
        output
    }

    /// Rewrites inputs that cannot change the result into one canonical form, so that taffy's
    /// repeated questions (flex basis, min-content contribution, final layout) hit the cache
    /// instead of re-running layout. Each rule holds for every style it is applied to:
    ///
    /// - A leaf passes its available height only to the measure function, and no content reads
    ///   it (text wraps by width; intrinsic content reads its available size only where the
    ///   matching known dimension is set, which then replaces the available size).
    /// - A width-only query of a text or empty leaf without aspect ratio does not depend on the
    ///   height it is given (known, or the parent's for percentages): the height only clamps
    ///   the height, and taffy reads only the width of a width-only answer.
    /// - A single-line flex row whose children are leaves without min/max height or aspect
    ///   ratio passes a min-content or max-content available height only on to those leaves
    ///   (as their available height: min/max clamping is what could turn it into a size).
    fn canonicalize(&mut self, id: taffy::NodeId, mut inputs: LayoutInput) -> LayoutInput {
        let key = NodeId::from_taffy(id);
        let node = &self.nodes[key];
        if node.flow.is_empty() {
            inputs.available_space.height = AvailableSpace::MaxContent;
            if inputs.run_mode == RunMode::ComputeSize
                && inputs.axis == RequestedAxis::Horizontal
                && matches!(node.content, Content::Text(_) | Content::None)
                && self.style_of(id).aspect_ratio.is_none()
            {
                inputs.known_dimensions.height = None;
                inputs.known_dimensions_are_definite.height = true;
                inputs.parent_size.height = None;
            }
        } else if inputs.run_mode == RunMode::ComputeSize
            && inputs.available_space.height == AvailableSpace::MinContent
            && self.is_plain_row(key)
        {
            inputs.available_space.height = AvailableSpace::MaxContent;
        }
        inputs
    }

    /// [`Self::row_of_plain_leaves`], remembered until the node's cache is cleared.
    fn is_plain_row(&mut self, key: NodeId) -> bool {
        if let Some(known) = self.nodes[key].plain_row {
            return known;
        }
        let plain = self.row_of_plain_leaves(key);
        self.nodes[key].plain_row = Some(plain);
        plain
    }

    /// See [`Self::canonicalize`].
    fn row_of_plain_leaves(&self, key: NodeId) -> bool {
        let style = self.style_of(key.to_taffy());
        style.display == taffy::Display::Flex
            && matches!(
                style.flex_direction,
                taffy::FlexDirection::Row | taffy::FlexDirection::RowReverse
            )
            && style.flex_wrap == taffy::FlexWrap::NoWrap
            && self.nodes[key].flow.iter().all(|&child| {
                let child_style = self.style_of(child.to_taffy());
                self.nodes[child].flow.is_empty()
                    && child_style.min_size.height.is_auto()
                    && child_style.max_size.height.is_auto()
                    && child_style.aspect_ratio.is_none()
            })
    }

    fn compute_leaf(&mut self, key: NodeId, inputs: LayoutInput) -> LayoutOutput {
        let LayoutTree {
            nodes,
            text,
            stats,
            root,
            root_style,
            ..
        } = self;
        let Node {
            style: node_style,
            content,
            ..
        } = &mut nodes[key];
        let style = if *root == Some(key) {
            &*root_style
        } else {
            &*node_style
        };
        compute_leaf_layout(
            inputs,
            style,
            |_, _| 0.0,
            |known, available| match content {
                Content::None => Size::ZERO,
                Content::Intrinsic {
                    width,
                    height,
                    keep_aspect,
                } => {
                    stats.measure_calls += 1;
                    measure_intrinsic(known, available, *width, *height, *keep_aspect)
                }
                Content::Text(shaped) => {
                    stats.measure_calls += 1;
                    let constraint = match available.width {
                        AvailableSpace::Definite(w) => WidthConstraint::Definite(w),
                        AvailableSpace::MinContent => WidthConstraint::MinContent,
                        AvailableSpace::MaxContent => WidthConstraint::MaxContent,
                    };
                    let size = text.measure(shaped, constraint);
                    Size {
                        width: size.width,
                        height: size.height,
                    }
                }
            },
        )
    }
}

/// Intrinsic content: replaced content (images, canvases) keeps its aspect ratio when one side
/// is known; form controls keep their intrinsic size on the unknown side.
fn measure_intrinsic(
    known: Size<Option<f32>>,
    available: Size<AvailableSpace>,
    w: f32,
    h: f32,
    keep_aspect: bool,
) -> Size<f32> {
    let content_w = match (known.width, available.width) {
        (Some(_), AvailableSpace::Definite(aw)) => Some(aw),
        (k, _) => k,
    };
    let content_h = match (known.height, available.height) {
        (Some(_), AvailableSpace::Definite(ah)) => Some(ah),
        (k, _) => k,
    };
    match (content_w, content_h) {
        (Some(cw), Some(ch)) => Size {
            width: cw,
            height: ch,
        },
        (Some(cw), None) if !keep_aspect => Size {
            width: cw,
            height: h,
        },
        (None, Some(ch)) if !keep_aspect => Size {
            width: w,
            height: ch,
        },
        (Some(cw), None) if w > 0.0 => Size {
            width: cw,
            height: cw * h / w,
        },
        (None, Some(ch)) if h > 0.0 => Size {
            width: ch * w / h,
            height: ch,
        },
        _ => Size {
            width: w,
            height: h,
        },
    }
}

impl taffy::TraversePartialTree for LayoutTree {
    type ChildIter<'a> = ChildIter<'a>;

    fn child_ids(&self, parent: taffy::NodeId) -> Self::ChildIter<'_> {
        ChildIter(self.nodes[NodeId::from_taffy(parent)].flow.iter())
    }

    fn child_count(&self, parent: taffy::NodeId) -> usize {
        self.nodes[NodeId::from_taffy(parent)].flow.len()
    }

    fn get_child_id(&self, parent: taffy::NodeId, index: usize) -> taffy::NodeId {
        self.nodes[NodeId::from_taffy(parent)].flow[index].to_taffy()
    }
}

impl taffy::TraverseTree for LayoutTree {}

impl taffy::LayoutPartialTree for LayoutTree {
    type CoreContainerStyle<'a> = &'a Style;
    type CustomIdent = String;

    fn get_core_container_style(&self, id: taffy::NodeId) -> Self::CoreContainerStyle<'_> {
        self.style_of(id)
    }

    fn set_unrounded_layout(&mut self, id: taffy::NodeId, layout: &Layout) {
        self.nodes[NodeId::from_taffy(id)].layout = *layout;
    }

    fn compute_child_layout(&mut self, id: taffy::NodeId, inputs: LayoutInput) -> LayoutOutput {
        if inputs.run_mode == RunMode::PerformHiddenLayout {
            // Inside a `display: none` subtree: zero-sized at the parent's origin. Out-of-flow
            // boxes here are in no containing block's hoisted list, so forget the old one.
            self.nodes[NodeId::from_taffy(id)].containing_block = None;
            return compute_hidden_layout(self, id);
        }
        let inputs = if self.canonical_inputs {
            self.canonicalize(id, inputs)
        } else {
            inputs
        };
        compute_cached_layout(self, id, inputs, |tree, id, inputs| {
            tree.compute_uncached(id, inputs)
        })
    }
}

impl taffy::LayoutContainingBlock for LayoutTree {
    type OofItemStyle<'a> = &'a Style;

    fn get_oof_item_style(&self, id: taffy::NodeId) -> Self::OofItemStyle<'_> {
        self.style_of(id)
    }

    fn clear_hoisted_children(&mut self, id: taffy::NodeId) {
        let key = NodeId::from_taffy(id);
        let mut old = std::mem::take(&mut self.nodes[key].hoisted);
        for child in &old {
            if let Some(c) = self.nodes.get_mut(NodeId::from_taffy(*child))
                && c.containing_block == Some(key)
            {
                c.containing_block = None;
            }
        }
        old.clear();
        self.nodes[key].hoisted = old;
    }

    fn add_hoisted_children(&mut self, id: taffy::NodeId, hoisted: &[taffy::NodeId]) {
        let key = NodeId::from_taffy(id);
        for child in hoisted {
            if let Some(c) = self.nodes.get_mut(NodeId::from_taffy(*child)) {
                c.containing_block = Some(key);
            }
        }
        self.nodes[key].hoisted.extend_from_slice(hoisted);
    }
}

impl CacheTree for LayoutTree {
    fn cache_get(&mut self, id: taffy::NodeId, inputs: &LayoutInput) -> Option<LayoutOutput> {
        self.nodes[NodeId::from_taffy(id)].cache.get(inputs)
    }

    fn cache_store(&mut self, id: taffy::NodeId, inputs: &LayoutInput, output: LayoutOutput) {
        self.nodes[NodeId::from_taffy(id)]
            .cache
            .store(inputs, output);
    }

    fn cache_clear(&mut self, id: taffy::NodeId) {
        let node = &mut self.nodes[NodeId::from_taffy(id)];
        node.cache.clear();
        node.plain_row = None;
    }
}

impl taffy::LayoutFlexboxContainer for LayoutTree {
    type FlexboxContainerStyle<'a> = &'a Style;
    type FlexboxItemStyle<'a> = &'a Style;

    fn get_flexbox_container_style(&self, id: taffy::NodeId) -> Self::FlexboxContainerStyle<'_> {
        self.style_of(id)
    }

    fn get_flexbox_child_style(&self, id: taffy::NodeId) -> Self::FlexboxItemStyle<'_> {
        self.style_of(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intrinsic_keeps_aspect_ratio() {
        let def = AvailableSpace::Definite;
        let size = measure_intrinsic(
            Size {
                width: Some(100.0),
                height: None,
            },
            Size {
                width: def(100.0),
                height: AvailableSpace::MaxContent,
            },
            200.0,
            50.0,
            true,
        );
        assert_eq!(
            size,
            Size {
                width: 100.0,
                height: 25.0
            }
        );
        let natural = measure_intrinsic(
            Size::NONE,
            taffy::prelude::TaffyMaxContent::MAX_CONTENT,
            200.0,
            50.0,
            true,
        );
        assert_eq!(
            natural,
            Size {
                width: 200.0,
                height: 50.0
            }
        );
    }
}
