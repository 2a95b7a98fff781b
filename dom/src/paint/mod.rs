//! Pass 4, paint: the laid-out tree becomes a [`kryon_display::Frame`] (plain data) for the
//! renderers.
//!
//! [`Dom::paint`] walks the tree in stacking order (kry §15.7, `stacking`) and emits, per
//! element, CSS-like: outer shadows → background → inset shadows → border (`boxes`) → content
//! (text glyphs `text`, images `images`, Canvas drawings `canvas`, control marks `controls`,
//! placeholders `placeholders`) → children. `overflow` clips children (and the element's own content) to the
//! padding box, `opacity < 1` wraps the element and its subtree in an opacity group, a
//! `transform` wraps it in a transform group. Geometry is in logical px; box edges are snapped
//! to physical pixels (kry §15.9), glyph bitmaps are rasterized at physical size.
//!
//! Resources persist in the renderer across frames: [`PaintState`] remembers which glyph
//! bitmaps and images were uploaded, uploads each once, and frees glyphs unused for
//! `GLYPH_TTL_FRAMES` (600) paints and images no element uses any more.
//!
//! [`Dom::needs_paint`] tells the runtime whether anything that affects pixels changed since the
//! last paint, so an idle app does not repaint.

mod boxes;
mod canvas;
mod controls;
mod images;
mod placeholders;
mod stacking;
pub(crate) use stacking::{child_layers, is_painted, layer_z};
mod text;

pub use images::MISSING_IMAGE_SIZE;

use crate::dom::Dom;
use crate::kind::ElementKind;
use crate::layout::LayoutState;
use crate::style::UnitContext;
use crate::tree::{Arena, Element, ElementId};
use kryon_display::{Color, DisplayItem, Frame, Rect, ResourceChange};
use kryon_layout::ShapedText;
use slotmap::SecondaryMap;

/// Smallest and largest scale factor a frame is painted at (a zero, negative or non-finite
/// factor paints at 1).
const SCALE_RANGE: (f32, f32) = (0.05, 16.0);

/// Paint state kept across frames: what the renderer holds, and whether a repaint is due.
#[derive(Debug)]
pub struct PaintState {
    /// Something that affects pixels changed since the last paint.
    needed: bool,
    /// Paints so far (glyph ages are counted in paints).
    frame: u64,
    /// Rasterized glyphs uploaded to the renderer.
    glyphs: text::GlyphCache,
    /// Decoded images, their renderer ids, and which Image uses which file.
    pub(crate) images: images::ImageStore,
    /// Texts shaped by paint itself (input values, placeholders, labels), one per element.
    labels: SecondaryMap<ElementId, ShapedText>,
    /// The element that shows the keyboard focus outline (kry §13.4).
    focus_outline: Option<ElementId>,
}

impl Default for PaintState {
    fn default() -> Self {
        Self {
            needed: true,
            frame: 0,
            glyphs: text::GlyphCache::default(),
            images: images::ImageStore::default(),
            labels: SecondaryMap::new(),
            focus_outline: None,
        }
    }
}

impl PaintState {
    /// Records that the next frame must be painted.
    pub(crate) fn invalidate(&mut self) {
        self.needed = true;
    }

    /// End of a paint: frees what is no longer used and forgets state of removed elements.
    fn sweep(&mut self, arena: &Arena, resources: &mut Vec<ResourceChange>) {
        self.glyphs.sweep(self.frame, resources);
        self.images.sweep(arena, resources);
        self.labels.retain(|id, _| arena.elements.contains_key(id));
        if self
            .focus_outline
            .is_some_and(|id| !arena.elements.contains_key(id))
        {
            self.focus_outline = None;
        }
    }
}

impl Dom {
    /// Paints the tree as last laid out (call [`Dom::update`] first) into a frame of the
    /// viewport's size. `scale_factor` is physical px per logical px (window DPI × the App's
    /// `scale_factor`); glyphs are rasterized for it. Clears [`Dom::needs_paint`].
    pub fn paint(&mut self, scale_factor: f32) -> Frame {
        let scale = if scale_factor.is_finite() && scale_factor > 0.0 {
            scale_factor.clamp(SCALE_RANGE.0, SCALE_RANGE.1)
        } else {
            1.0
        };
        let (width, height) = self.layout.viewport;
        let mut frame = Frame::new(width, height, scale, self.clear_color());
        self.paint.frame += 1;
        let units = self.unit_context();
        let mut painter = Painter {
            arena: &self.arena,
            layout: &mut self.layout,
            state: &mut self.paint,
            canvases: &mut self.canvases,
            units,
            scale,
            visible: Rect::new(0.0, 0.0, width, height),
            items: Vec::new(),
            resources: Vec::new(),
        };
        painter.paint_layer(self.root);
        let Painter {
            items,
            mut resources,
            ..
        } = painter;
        self.canvases
            .sweep(&self.arena, &mut self.paint.images, &mut resources);
        self.paint.sweep(&self.arena, &mut resources);
        self.paint.needed = false;
        frame.items = items;
        frame.resources = resources;
        frame
    }

    /// True when the next [`Dom::paint`] would differ from the last one: after the first
    /// update, any mutation that changed a computed style, the tree's structure or the layout,
    /// and while binding, style or layout work is pending. The runtime skips painting an idle
    /// app with it.
    pub fn needs_paint(&self) -> bool {
        self.paint.needed
            || !self.queue.is_empty()
            || self.style_dirty
            || !self.layout.dirty.is_empty()
    }

    /// Shows the keyboard focus outline (kry §13.4) on an element, or on none. The runtime calls
    /// this when focus moves by Tab / Shift+Tab, and with `None` when focus moves by pointer.
    pub fn set_focus_outline(&mut self, element: Option<ElementId>) {
        if self.paint.focus_outline != element {
            self.paint.focus_outline = element;
            self.paint.invalidate();
        }
    }

    /// Frees every glyph and image uploaded so far and forgets them, so the next paint uploads
    /// what it needs again. Apply the returned changes to the old renderer before dropping this
    /// tree (hot reload), or call this when the renderer was recreated and lost its resources.
    pub fn release_paint_resources(&mut self) -> Vec<ResourceChange> {
        let mut out = self.paint.glyphs.release();
        out.extend(self.canvases.release());
        out.extend(self.paint.images.release());
        self.paint.invalidate();
        out
    }

    /// The colour the frame is cleared to: the App's background over white (kry §14.2: the
    /// App's value is the window background).
    fn clear_color(&self) -> Color {
        let Some(app) = self.arena.elements.get(self.root) else {
            return Color::WHITE;
        };
        let bg = app.computed.background_color;
        let a = u32::from(bg.a);
        let over_white = |c: u8| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        Color::rgba(over_white(bg.r), over_white(bg.g), over_white(bg.b), 255)
    }
}

/// Whether two rectangles share some area.
fn overlaps(a: Rect, b: Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

/// A region that culls nothing.
fn everything() -> Rect {
    Rect::new(-1e30, -1e30, 2e30, 2e30)
}

/// A Canvas with `mode: 3d`, or `config: { "mode": "3d" }` (kry §13.3).
pub(crate) fn is_3d_canvas(c: &crate::style::ComputedStyle) -> bool {
    use crate::style::values::CanvasMode;
    c.canvas.canvas_mode == CanvasMode::ThreeD
        || matches!(&c.canvas.config.0, crate::value::Value::Object(map)
            if map.get("mode").is_some_and(|m| m.to_string() == "3d"))
}

/// Converts a style colour to a display-list colour.
pub(crate) fn dc(c: crate::value::Color) -> Color {
    Color::rgba(c.r, c.g, c.b, c.a)
}

/// The state of one paint: what it reads, and the items and resource changes it produces.
pub(crate) struct Painter<'a> {
    /// The element tree.
    arena: &'a Arena,
    /// Layout results and the text engine (for shaping and rasterizing).
    layout: &'a mut LayoutState,
    /// Caches kept across frames.
    state: &'a mut PaintState,
    /// Canvas drawings and their rasterized images.
    canvases: &'a mut crate::canvas::Canvases,
    /// Units for lengths that paint resolves (radii, transform origins, text).
    units: UnitContext,
    /// Physical px per logical px.
    scale: f32,
    /// The visible region in the current coordinates (the viewport narrowed by open clips and
    /// mapped through open transforms): what lies outside it is culled.
    visible: Rect,
    /// Drawing commands so far.
    items: Vec<DisplayItem>,
    /// Resource changes so far.
    resources: Vec<ResourceChange>,
}

/// The pops owed for pushes made so far (with the visible region before each push), closed
/// innermost first. Every push goes through [`Painter::push`] and every `Groups` through
/// [`Painter::close`], which keeps frames balanced.
#[derive(Default)]
#[must_use = "groups must be closed with Painter::close"]
pub(crate) struct Groups(Vec<(DisplayItem, Rect)>);

impl Painter<'_> {
    /// Emits a push item, records its pop in `groups` and narrows the visible region.
    fn push(&mut self, groups: &mut Groups, item: DisplayItem) {
        let before = self.visible;
        let pop = match &item {
            DisplayItem::PushClip { rect, .. } => {
                self.visible = self.visible.intersect(rect);
                DisplayItem::PopClip
            }
            DisplayItem::PushOpacity { .. } => DisplayItem::PopOpacity,
            DisplayItem::PushTransform { transform } => {
                // Invertible by construction (collapsed transforms are never pushed); if not,
                // nothing is culled inside.
                self.visible = transform
                    .invert()
                    .map_or(everything(), |inverse| inverse.bounds_of(&self.visible));
                DisplayItem::PopTransform
            }
            _ => {
                self.items.push(item);
                return;
            }
        };
        self.items.push(item);
        groups.0.push((pop, before));
    }

    /// Emits the pops owed by `groups`, innermost first, restoring the visible region.
    fn close(&mut self, groups: Groups) {
        for (pop, before) in groups.0.into_iter().rev() {
            self.items.push(pop);
            self.visible = before;
        }
    }

    /// Whether anything drawn inside `rect` could be visible.
    fn is_visible(&self, rect: Rect) -> bool {
        overlaps(rect, self.visible)
    }

    /// An element's own content, after its decorations and before its children.
    fn content(&mut self, id: ElementId, e: &Element, info: &boxes::BoxInfo) {
        match e.kind {
            ElementKind::Text | ElementKind::Link | ElementKind::Button => {
                self.layout_text(id, e, info.content_box());
            }
            ElementKind::Input => self.input(id, e, info),
            _ if !self.is_visible(info.border_box) => {}
            ElementKind::Image => self.image(id, e, info),
            ElementKind::Canvas if is_3d_canvas(&e.computed) => {
                self.reserved_placeholder(id, info, "3D Canvas");
            }
            ElementKind::Canvas => self.canvas(id, info),
            ElementKind::ReservedView(_) => self.reserved_placeholder(id, info, e.kind.name()),
            ElementKind::ReservedContainer(_) if e.children.is_empty() => {
                self.reserved_placeholder(id, info, e.kind.name());
            }
            ElementKind::ReservedContainer(_) | ElementKind::App | ElementKind::Container => {}
        }
    }

    /// Snaps a coordinate to the physical pixel grid.
    fn snap(&self, v: f32) -> f32 {
        (v * self.scale).round() / self.scale
    }
}
