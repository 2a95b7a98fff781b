//! The layout tree: nodes with styles, content and children, laid out by taffy.
//!
//! [`LayoutTree`] stores its own nodes (a slotmap) and implements taffy's low-level traits over
//! them (see [`crate::taffy_impl`]), so every run of a layout algorithm is observable. Each node
//! keeps taffy's per-node [`taffy::Cache`]; editing a node ([`LayoutTree::set_style`],
//! [`LayoutTree::set_content`], [`LayoutTree::set_children`]) clears the cache of that node and its
//! ancestors only, so the next [`LayoutTree::compute`] re-runs layout along that path (plus
//! whatever siblings the change really affects) and serves every other subtree from its cache.
//!
//! [`LayoutStats`] counts the work: `node_layouts` is the number of cache misses (layout
//! algorithm or leaf measure runs), `nodes_laid_out` the number of distinct nodes among them,
//! `measure_calls` the leaf measurements, and the text engine's shapings and measurements.
//!
//! Boxes are read with [`LayoutTree::box_of`] / [`LayoutTree::geometry`] in absolute window
//! coordinates, unrounded logical px (edges snap to physical pixels at paint).

use std::rc::Rc;

use slotmap::SlotMap;
use taffy::{Cache, Layout};

use crate::fonts::FontError;
use crate::style::{self, BoxGeometry, Edges, Rect, Style};
use crate::text::{ShapedText, TextEngine, TextStyle};

slotmap::new_key_type! {
    /// Identifies a node of a [`LayoutTree`].
    pub struct NodeId;
}

impl NodeId {
    pub(crate) fn to_taffy(self) -> taffy::NodeId {
        taffy::NodeId::from(slotmap::Key::data(&self).as_ffi())
    }

    pub(crate) fn from_taffy(id: taffy::NodeId) -> Self {
        NodeId::from(slotmap::KeyData::from_ffi(u64::from(id)))
    }
}

/// What a leaf contains, which gives it an intrinsic size.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum NodeContent {
    /// Nothing: sized by style and children only.
    #[default]
    None,
    /// A string shaped with a style; wraps within the width it is given.
    Text(String, TextStyle),
    /// A fixed intrinsic content size (images, canvases, form controls).
    Intrinsic {
        /// Intrinsic content width.
        width: f32,
        /// Intrinsic content height.
        height: f32,
        /// Replaced content (images, canvases) keeps its aspect ratio when only one dimension
        /// is known; form controls do not (a stretched text field stays one line tall).
        keep_aspect: bool,
    },
}

/// Content as stored: text keeps its shaped buffer.
#[derive(Debug)]
pub(crate) enum Content {
    None,
    Text(Box<ShapedText>),
    Intrinsic {
        width: f32,
        height: f32,
        keep_aspect: bool,
    },
}

/// Errors of tree operations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    /// The id does not name a live node of this tree.
    #[error("unknown layout node {0:?}")]
    UnknownNode(NodeId),
    /// Making these children would create a cycle.
    #[error("node {0:?} cannot be a child of itself or of its descendant")]
    Cycle(NodeId),
}

/// Work counters; see the module documentation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LayoutStats {
    /// Layout cache misses: runs of a layout algorithm (flexbox, leaf measure, hidden) on a node.
    pub node_layouts: u64,
    /// Distinct nodes that had at least one cache miss.
    pub nodes_laid_out: u64,
    /// Leaf measure-function calls (text and intrinsic content).
    pub measure_calls: u64,
    /// Text measurements (re-wraps of shaped text against a width).
    pub text_measurements: u64,
    /// Text shapings (content + style cache misses).
    pub text_shapings: u64,
}

#[derive(Debug)]
pub(crate) struct Node {
    /// Shared with other nodes of an equal style (see [`StyleShare`]): a taffy style is about
    /// half a kilobyte, and most nodes of a large tree repeat a few styles.
    pub(crate) style: Rc<Style>,
    pub(crate) content: Content,
    pub(crate) children: Vec<NodeId>,
    /// `children` stably sorted by `order`: the order taffy lays them out in.
    pub(crate) flow: Vec<NodeId>,
    /// The flex `order` property (taffy has none).
    pub(crate) order: i32,
    pub(crate) parent: Option<NodeId>,
    pub(crate) cache: Cache,
    /// Unrounded layout, relative to the containing block (parent for in-flow nodes).
    pub(crate) layout: Layout,
    /// Out-of-flow children this node is the containing block of.
    pub(crate) hoisted: Vec<taffy::NodeId>,
    /// For out-of-flow nodes: the node that positioned it.
    pub(crate) containing_block: Option<NodeId>,
    /// Stats epoch in which this node was last counted in `nodes_laid_out`.
    pub(crate) counted_epoch: u64,
    /// Whether this is a row of plain leaves (see `taffy_impl`), once asked; cleared with the
    /// cache, since it depends on this node's and its children's styles and on the child list.
    pub(crate) plain_row: Option<bool>,
}

/// The layout tree. See the module documentation.
#[derive(Debug)]
pub struct LayoutTree {
    pub(crate) nodes: SlotMap<NodeId, Node>,
    pub(crate) text: TextEngine,
    pub(crate) stats: LayoutStats,
    pub(crate) stats_epoch: u64,
    /// The root of the last `compute` and its style with the viewport size forced in.
    pub(crate) root: Option<NodeId>,
    pub(crate) root_style: Style,
    /// Whether layout inputs are canonicalized before cache lookups (see `taffy_impl`); off
    /// only in tests that check the shortcut changes no box.
    pub(crate) canonical_inputs: bool,
    /// Text nodes left pending by the running shaping batch.
    pub(crate) pending_texts: Vec<NodeId>,
    /// Recently stored styles, which new and restyled nodes share when equal.
    styles: StyleShare,
}

/// Number of recent styles [`StyleShare`] remembers.
const STYLE_SHARE_SLOTS: usize = 8;

/// The last few distinct styles given to nodes. Siblings of a large tree mostly repeat a few
/// styles (rows, cells, texts), so comparing with these finds most repeats without hashing a
/// style (taffy's has no `Hash`).
#[derive(Debug, Default)]
struct StyleShare {
    recent: Vec<Rc<Style>>,
    /// Slot the next new style replaces once all are used.
    next: usize,
}

impl StyleShare {
    fn share(&mut self, style: Style) -> Rc<Style> {
        if let Some(found) = self.recent.iter().find(|s| ***s == style) {
            return Rc::clone(found);
        }
        let style = Rc::new(style);
        if self.recent.len() < STYLE_SHARE_SLOTS {
            self.recent.push(Rc::clone(&style));
        } else {
            self.recent[self.next] = Rc::clone(&style);
            self.next = (self.next + 1) % STYLE_SHARE_SLOTS;
        }
        style
    }
}

impl Default for LayoutTree {
    fn default() -> Self {
        Self::new()
    }
}

impl LayoutTree {
    /// An empty tree with its own [`TextEngine`] (bundled fonts).
    pub fn new() -> Self {
        Self::with_text_engine(TextEngine::new())
    }

    /// An empty tree measuring text with `text`.
    pub fn with_text_engine(text: TextEngine) -> Self {
        Self {
            nodes: SlotMap::with_key(),
            text,
            stats: LayoutStats::default(),
            stats_epoch: 1,
            root: None,
            root_style: style::default_style(),
            canonical_inputs: true,
            pending_texts: Vec::new(),
            styles: StyleShare::default(),
        }
    }

    /// The text engine (font lookups, font system for renderers).
    pub fn text_engine(&self) -> &TextEngine {
        &self.text
    }

    /// Mutable text engine. After adding fonts through it, call [`Self::invalidate_text`].
    pub fn text_engine_mut(&mut self) -> &mut TextEngine {
        &mut self.text
    }

    /// Adds a font file and re-measures all text; returns the families it provides.
    pub fn add_font_file(
        &mut self,
        path: impl AsRef<std::path::Path>,
    ) -> Result<Vec<String>, FontError> {
        let families = self.text.add_font_file(path)?;
        self.invalidate_text();
        Ok(families)
    }

    /// Adds font bytes and re-measures all text; returns the families it provides.
    pub fn add_font_bytes(&mut self, bytes: Vec<u8>) -> Result<Vec<String>, FontError> {
        let families = self.text.add_font_bytes(bytes)?;
        self.invalidate_text();
        Ok(families)
    }

    /// Drops every shaped buffer and marks every text node dirty (after font changes).
    pub fn invalidate_text(&mut self) {
        let ids: Vec<NodeId> = self
            .nodes
            .iter_mut()
            .filter_map(|(id, node)| match &mut node.content {
                Content::Text(t) => {
                    let (s, st) = (t.text().to_string(), t.style().clone());
                    **t = ShapedText::new(s, st);
                    Some(id)
                }
                _ => None,
            })
            .collect();
        for id in ids {
            self.mark_dirty(id);
        }
    }

    /// A container node (no content).
    pub fn new_container(&mut self, style: Style) -> NodeId {
        self.new_leaf(style, NodeContent::None)
    }

    /// A node with content (text, intrinsic size). Content is measured only while the node has
    /// no children.
    pub fn new_leaf(&mut self, style: Style, content: NodeContent) -> NodeId {
        let style = self.styles.share(style::normalize(style));
        self.nodes.insert(Node {
            style,
            content: to_content(content),
            children: Vec::new(),
            flow: Vec::new(),
            order: 0,
            parent: None,
            cache: Cache::new(),
            layout: Layout::with_order(0),
            hoisted: Vec::new(),
            containing_block: None,
            counted_epoch: 0,
            plain_row: None,
        })
    }

    /// Makes room for `additional` more nodes (one growth instead of repeated doubling when a
    /// large tree is created).
    pub fn reserve(&mut self, additional: usize) {
        self.nodes.reserve(additional);
    }

    /// Whether `id` names a live node.
    pub fn contains(&self, id: NodeId) -> bool {
        self.nodes.contains_key(id)
    }

    /// Number of live nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the tree has no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    fn node(&self, id: NodeId) -> Result<&Node, LayoutError> {
        self.nodes.get(id).ok_or(LayoutError::UnknownNode(id))
    }

    /// The node's style.
    pub fn style(&self, id: NodeId) -> Result<&Style, LayoutError> {
        Ok(&self.node(id)?.style)
    }

    /// Replaces the node's style; a no-op (cache kept) when equal.
    pub fn set_style(&mut self, id: NodeId, style: Style) -> Result<(), LayoutError> {
        let style = style::normalize(style);
        let node = self.nodes.get_mut(id).ok_or(LayoutError::UnknownNode(id))?;
        if *node.style == style {
            return Ok(());
        }
        node.style = self.styles.share(style);
        if self.root == Some(id) {
            self.root = None;
        }
        self.mark_dirty(id);
        Ok(())
    }

    /// Replaces the node's content; a no-op (cache kept) when equal. Text keeps its shaped
    /// buffer when only wrapping changed.
    pub fn set_content(&mut self, id: NodeId, content: NodeContent) -> Result<(), LayoutError> {
        let node = self.nodes.get_mut(id).ok_or(LayoutError::UnknownNode(id))?;
        let changed = match (&mut node.content, content) {
            (Content::Text(shaped), NodeContent::Text(text, style)) => shaped.set(&text, &style),
            (Content::None, NodeContent::None) => false,
            (
                Content::Intrinsic {
                    width,
                    height,
                    keep_aspect,
                },
                NodeContent::Intrinsic {
                    width: w,
                    height: h,
                    keep_aspect: k,
                },
            ) => {
                let changed = *width != w || *height != h || *keep_aspect != k;
                (*width, *height, *keep_aspect) = (w, h, k);
                changed
            }
            (slot, content) => {
                *slot = to_content(content);
                true
            }
        };
        if changed {
            self.mark_dirty(id);
        }
        Ok(())
    }

    /// The node's children.
    pub fn children(&self, id: NodeId) -> Result<&[NodeId], LayoutError> {
        Ok(&self.node(id)?.children)
    }

    /// The node's parent.
    pub fn parent(&self, id: NodeId) -> Result<Option<NodeId>, LayoutError> {
        Ok(self.node(id)?.parent)
    }

    /// Replaces the node's children (in order). Children are detached from previous parents.
    pub fn set_children(&mut self, id: NodeId, children: &[NodeId]) -> Result<(), LayoutError> {
        self.node(id)?;
        for &child in children {
            self.node(child)?;
            let mut cur = Some(id);
            while let Some(c) = cur {
                if c == child {
                    return Err(LayoutError::Cycle(child));
                }
                cur = self.nodes.get(c).and_then(|n| n.parent);
            }
        }
        if self.nodes.get(id).is_some_and(|n| n.children == children) {
            return Ok(());
        }
        let old = std::mem::take(&mut self.nodes[id].children);
        for child in old {
            if let Some(n) = self.nodes.get_mut(child)
                && n.parent == Some(id)
            {
                n.parent = None;
            }
        }
        for &child in children {
            let prev = self.nodes[child].parent;
            if let Some(p) = prev
                && p != id
            {
                if let Some(pn) = self.nodes.get_mut(p) {
                    pn.children.retain(|&c| c != child);
                    pn.flow.retain(|&c| c != child);
                }
                self.mark_dirty(p);
            }
            self.nodes[child].parent = Some(id);
        }
        self.nodes[id].children = children.to_vec();
        self.update_flow(id);
        self.mark_dirty(id);
        Ok(())
    }

    /// Sets the flex `order` of a node (default 0): siblings are laid out by ascending order,
    /// then document order.
    pub fn set_order(&mut self, id: NodeId, order: i32) -> Result<(), LayoutError> {
        let node = self.nodes.get_mut(id).ok_or(LayoutError::UnknownNode(id))?;
        if node.order == order {
            return Ok(());
        }
        node.order = order;
        if let Some(parent) = node.parent {
            self.update_flow(parent);
            self.mark_dirty(parent);
        }
        Ok(())
    }

    /// The node's flex `order`.
    pub fn order(&self, id: NodeId) -> Result<i32, LayoutError> {
        Ok(self.node(id)?.order)
    }

    fn update_flow(&mut self, id: NodeId) {
        let mut flow = std::mem::take(&mut self.nodes[id].flow);
        flow.clear();
        flow.extend_from_slice(&self.nodes[id].children);
        flow.sort_by_key(|c| self.nodes.get(*c).map_or(0, |n| n.order));
        self.nodes[id].flow = flow;
    }

    /// Removes one node. Its children stay in the tree, detached (remove them too, or re-parent
    /// them). Its parent forgets it and is marked dirty.
    pub fn remove(&mut self, id: NodeId) -> Result<(), LayoutError> {
        let node = self.nodes.get(id).ok_or(LayoutError::UnknownNode(id))?;
        if let Some(p) = node.parent {
            self.mark_dirty(p);
            if let Some(pn) = self.nodes.get_mut(p) {
                pn.children.retain(|&c| c != id);
                pn.flow.retain(|&c| c != id);
            }
        }
        if let Some(node) = self.nodes.remove(id) {
            for child in node.children {
                if let Some(c) = self.nodes.get_mut(child) {
                    c.parent = None;
                }
            }
        }
        if self.root == Some(id) {
            self.root = None;
        }
        Ok(())
    }

    /// Removes a node and all its descendants.
    pub fn remove_subtree(&mut self, id: NodeId) -> Result<(), LayoutError> {
        let mut stack = self.node(id)?.children.clone();
        self.remove(id)?;
        while let Some(n) = stack.pop() {
            if let Some(node) = self.nodes.remove(n) {
                stack.extend(node.children);
            }
        }
        Ok(())
    }

    /// Clears the layout cache of `id` and all its ancestors.
    pub fn mark_dirty(&mut self, id: NodeId) {
        // Walk to the root unconditionally: hidden (`display: none`) subtrees have empty caches
        // while their ancestors do not, so stopping at an empty cache would be wrong.
        let mut cur = Some(id);
        while let Some(c) = cur {
            let Some(node) = self.nodes.get_mut(c) else {
                break;
            };
            node.cache.clear();
            node.plain_row = None;
            cur = node.parent;
        }
    }

    /// Lays out the tree under `root`, which fills a `viewport_w` × `viewport_h` window (its
    /// content may overflow, e.g. vertically for a scrolling App).
    pub fn compute(
        &mut self,
        root: NodeId,
        viewport_w: f32,
        viewport_h: f32,
    ) -> Result<(), LayoutError> {
        let style = Style::clone(&self.node(root)?.style);
        let forced = Style {
            size: taffy::Size {
                width: taffy::Dimension::length(viewport_w),
                height: taffy::Dimension::length(viewport_h),
            },
            min_size: taffy::Size::auto(),
            max_size: taffy::Size::auto(),
            ..style
        };
        if self.root != Some(root) || self.root_style != forced {
            if let Some(old) = self.root
                && self.nodes.contains_key(old)
            {
                self.nodes[old].cache.clear();
                self.nodes[old].plain_row = None;
            }
            self.root = Some(root);
            self.root_style = forced;
            self.mark_dirty(root);
        }
        self.shape_new_texts(root);
        taffy::compute_root_layout(
            self,
            root.to_taffy(),
            taffy::Size {
                width: taffy::AvailableSpace::Definite(viewport_w),
                height: taffy::AvailableSpace::Definite(viewport_h),
            },
        );
        self.settle_texts();
        Ok(())
    }

    /// Shapes, in one batch, the unshaped text of leaves that this computation will lay out: those
    /// under nodes whose cache was cleared, outside `display: none`. (Measuring would shape them
    /// one by one; a batch shares duplicates and uses a helper thread.)
    fn shape_new_texts(&mut self, root: NodeId) {
        let mut found: Vec<NodeId> = Vec::new();
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            let Some(node) = self.nodes.get(id) else {
                continue;
            };
            if !node.cache.is_empty() || node.style.display == taffy::Display::None {
                continue;
            }
            if node.children.is_empty() {
                if matches!(&node.content, Content::Text(t) if t.needs_shaping()) {
                    found.push(id);
                }
            } else {
                stack.extend_from_slice(&node.children);
            }
        }
        if found.len() < 2 {
            return;
        }
        // Take the texts out of their nodes for the batch, then put them back.
        let mut texts: Vec<Box<ShapedText>> = Vec::with_capacity(found.len());
        for &id in &found {
            if let Content::Text(t) = std::mem::replace(&mut self.nodes[id].content, Content::None)
            {
                texts.push(t);
            }
        }
        self.text.shape_all(&mut texts);
        for (&id, text) in found.iter().zip(texts) {
            if text.pending.is_some() {
                self.pending_texts.push(id);
            }
            self.nodes[id].content = Content::Text(text);
        }
    }

    /// Ends the shaping batch of `shape_new_texts`: texts layout did not measure (e.g. fixed
    /// size) get their buffers too.
    fn settle_texts(&mut self) {
        self.text.join_batch();
        for id in std::mem::take(&mut self.pending_texts) {
            if let Some(Node {
                content: Content::Text(text),
                ..
            }) = self.nodes.get_mut(id)
            {
                self.text.settle(text);
            }
        }
        self.text.end_batch();
        self.text.end_pass();
    }

    /// The node's border box in absolute window coordinates.
    pub fn box_of(&self, id: NodeId) -> Result<Rect, LayoutError> {
        Ok(self.geometry(id)?.border_box)
    }

    /// The node's border box, border and padding in absolute window coordinates.
    pub fn geometry(&self, id: NodeId) -> Result<BoxGeometry, LayoutError> {
        let node = self.node(id)?;
        let (mut x, mut y) = (0.0, 0.0);
        let mut cur = Some(id);
        while let Some(c) = cur {
            let Some(n) = self.nodes.get(c) else { break };
            x += n.layout.location.x;
            y += n.layout.location.y;
            cur = if n.style.position.is_out_of_flow() {
                n.containing_block.or(n.parent)
            } else {
                n.parent
            };
        }
        let l = &node.layout;
        Ok(BoxGeometry {
            border_box: Rect {
                x,
                y,
                width: l.size.width,
                height: l.size.height,
            },
            border: Edges::from_taffy(l.border),
            padding: Edges::from_taffy(l.padding),
            scrollable_overflow: Rect {
                x: x + l.scrollable_overflow_rect.left,
                y: y + l.scrollable_overflow_rect.top,
                width: l.scrollable_overflow_rect.right - l.scrollable_overflow_rect.left,
                height: l.scrollable_overflow_rect.bottom - l.scrollable_overflow_rect.top,
            },
        })
    }

    /// The node's layout relative to its containing block (its parent for in-flow nodes).
    pub fn relative_layout(&self, id: NodeId) -> Result<Layout, LayoutError> {
        Ok(self.node(id)?.layout)
    }

    /// The node's text, laid out at its final content width (for drawing and hit-testing).
    /// `None` for nodes without text content. Valid after [`Self::compute`].
    pub fn shaped_text(&mut self, id: NodeId) -> Result<Option<&ShapedText>, LayoutError> {
        let node = self.nodes.get_mut(id).ok_or(LayoutError::UnknownNode(id))?;
        let l = &node.layout;
        let content_w =
            l.size.width - l.padding.left - l.padding.right - l.border.left - l.border.right;
        match &mut node.content {
            Content::Text(shaped) => {
                self.text.layout_for_width(shaped, content_w.max(0.0));
                Ok(Some(&**shaped))
            }
            _ => Ok(None),
        }
    }

    /// Work counters since the last [`Self::reset_stats`].
    pub fn stats(&self) -> LayoutStats {
        let t = self.text.counters();
        LayoutStats {
            text_measurements: t.measurements,
            text_shapings: t.shapings,
            ..self.stats
        }
    }

    /// Resets the work counters (layout and text) to zero.
    pub fn reset_stats(&mut self) {
        self.stats = LayoutStats::default();
        self.stats_epoch += 1;
        self.text.reset_counters();
    }

    /// Turns off the layout cache shortcuts (canonical inputs), for tests that check they give
    /// the same boxes as taffy's plain caching.
    #[doc(hidden)]
    pub fn set_cache_shortcuts(&mut self, on: bool) {
        self.canonical_inputs = on;
    }

    /// Whether the node's cached layout was cleared since the last compute.
    pub fn is_dirty(&self, id: NodeId) -> Result<bool, LayoutError> {
        Ok(self.node(id)?.cache.is_empty())
    }
}

fn to_content(content: NodeContent) -> Content {
    match content {
        NodeContent::None => Content::None,
        NodeContent::Text(text, style) => Content::Text(Box::new(ShapedText::new(text, style))),
        NodeContent::Intrinsic {
            width,
            height,
            keep_aspect,
        } => Content::Intrinsic {
            width,
            height,
            keep_aspect,
        },
    }
}
