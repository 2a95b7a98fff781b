//! Display list → render passes of batched instances.
//!
//! The batcher walks the items once, keeping the transform, the folded clip and the open
//! groups, and emits instances into *batches* (one draw call each: one pipeline, one texture).
//! An instance joins the most recent batch of its kind when nothing drawn since overlaps it,
//! looking back a few batches: reordering draws that do not overlap cannot change the result,
//! and it turns "background, text, background, text, …" into two draw calls instead of one per
//! element.
//!
//! Opacity groups (and clips that cannot be folded, see `clip.rs`) draw into layers: the
//! enclosing pass is split, the layer gets passes of its own, and a composite instance in the
//! resumed enclosing pass draws it back with its opacity. Passes are listed in execution order.
//!
//! Odd input never panics: non-finite geometry, degenerate transforms and invisible groups hide
//! what they cover, unknown resources are skipped, unbalanced pops are ignored and groups left
//! open are closed at the end.

use kryon_display::{
    Affine, BorderSides, Color, CornerRadii, DisplayItem, Frame, GlyphInstance, ImageId, ImageItem,
    Point, Rect, ShadowItem,
};

use super::atlas::GlyphAtlas;
use super::clip::{Bounds, ClipPush, ClipState, edges, rect_is_finite, sane_radii};
use super::images::ImageStore;
use super::instances::{
    KEEP_BOTTOM, KEEP_LEFT, KEEP_RIGHT, KEEP_TOP, QuadInstance, QuadKind, SpriteInstance,
    SpriteMode, pack, xform_parts,
};

/// How many batches back an instance may move (bounds the batching cost per instance).
const LOOKBACK: usize = 16;

/// What a batch binds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BatchKey {
    Quads,
    Glyphs,
    Image(ImageId),
    /// The layer at this depth, composited.
    Layer(usize),
}

/// One draw call's worth of instances.
pub(crate) struct Batch {
    pub key: BatchKey,
    /// Union of the device bounds of its instances (for the overlap test).
    bounds: Bounds,
    pub quads: Vec<QuadInstance>,
    pub sprites: Vec<SpriteInstance>,
}

/// What a pass draws into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PassTarget {
    Root,
    Layer(usize),
}

/// One render pass.
pub(crate) struct Pass {
    pub target: PassTarget,
    /// Premultiplied clear colour, or `None` to keep what is there.
    pub clear: Option<[f64; 4]>,
    pub batches: Vec<Batch>,
}

/// A frame, ready to encode.
pub(crate) struct Plan {
    pub passes: Vec<Pass>,
    /// Deepest layer nesting used.
    pub max_depth: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Clip,
    Opacity,
    Transform,
}

/// What popping a group undoes.
enum Undo {
    Nothing,
    Unhide,
    Transform(Affine),
    Clip(ClipState),
    /// Close the layer, restore the clip, composite.
    Layer(ClipState),
}

struct OpenLayer {
    opacity: f32,
    /// Device bounds of what was drawn into it.
    bounds: Bounds,
    /// Index in `passes` of its first pass.
    first_pass: usize,
}

/// Builds a [`Plan`] from a frame.
pub(crate) struct Builder<'a> {
    atlas: &'a GlyphAtlas,
    images: &'a ImageStore,
    scale: f32,
    viewport: Bounds,
    target_size: (f32, f32),
    transform: Affine,
    clip: ClipState,
    groups: Vec<(Kind, Undo)>,
    hidden: usize,
    passes: Vec<Pass>,
    current: Pass,
    layers: Vec<OpenLayer>,
    max_depth: usize,
}

fn premultiplied(c: Color) -> [f64; 4] {
    let a = f64::from(c.a) / 255.0;
    [
        f64::from(c.r) / 255.0 * a,
        f64::from(c.g) / 255.0 * a,
        f64::from(c.b) / 255.0 * a,
        a,
    ]
}

/// True for the root scale plus a translation: glyph bitmaps can then be placed 1:1.
fn is_pixel_aligned(t: &Affine, scale: f32) -> bool {
    let tol = 1.0e-4 * scale.max(1.0);
    t.kx == 0.0 && t.ky == 0.0 && (t.sx - scale).abs() < tol && (t.sy - scale).abs() < tol
}

/// CSS spread of one corner radius (css-backgrounds §7.1.1): radii smaller than the spread
/// grow less, so square corners stay square.
fn spread_radius(r: f32, spread: f32) -> f32 {
    if spread >= 0.0 {
        if r >= spread || spread == 0.0 {
            r + spread
        } else {
            let x = r / spread - 1.0;
            r + spread * (1.0 + x * x * x)
        }
    } else {
        (r + spread).max(0.0)
    }
}

fn tint(c: Color) -> [f32; 4] {
    [c.r, c.g, c.b, c.a].map(|v| f32::from(v) / 255.0)
}

impl<'a> Builder<'a> {
    /// A builder for a target of `size` physical px.
    pub fn new(
        frame: &Frame,
        size: (u32, u32),
        atlas: &'a GlyphAtlas,
        images: &'a ImageStore,
    ) -> Self {
        let scale = if frame.scale_factor.is_finite() && frame.scale_factor > 0.0 {
            frame.scale_factor
        } else {
            1.0
        };
        let viewport = Bounds::new(0.0, 0.0, size.0 as f32, size.1 as f32);
        Self {
            atlas,
            images,
            scale,
            viewport,
            target_size: (size.0 as f32, size.1 as f32),
            transform: Affine::scale(scale, scale),
            clip: ClipState::unclipped(viewport),
            groups: Vec::new(),
            hidden: 0,
            passes: Vec::new(),
            current: Pass {
                target: PassTarget::Root,
                clear: Some(premultiplied(frame.clear_color)),
                batches: Vec::new(),
            },
            layers: Vec::new(),
            max_depth: 0,
        }
    }

    /// Turns the frame's items into passes.
    pub fn build(mut self, items: &[DisplayItem]) -> Plan {
        for item in items {
            self.item(item);
        }
        while let Some((_, undo)) = self.groups.pop() {
            self.undo(undo);
        }
        self.passes.push(self.current);
        Plan {
            passes: self.passes,
            max_depth: self.max_depth,
        }
    }

    fn item(&mut self, item: &DisplayItem) {
        match item {
            DisplayItem::PushClip { rect, radii } => self.push_clip(rect, radii),
            DisplayItem::PushOpacity { opacity } => self.push_opacity(*opacity),
            DisplayItem::PushTransform { transform } => self.push_transform(transform),
            DisplayItem::PopClip => self.pop(Kind::Clip),
            DisplayItem::PopOpacity => self.pop(Kind::Opacity),
            DisplayItem::PopTransform => self.pop(Kind::Transform),
            _ if self.hidden > 0 => {}
            DisplayItem::Rect { rect, radii, color } => self.rect(rect, radii, *color),
            DisplayItem::Border { rect, radii, sides } => self.border(rect, radii, sides),
            DisplayItem::Shadow(shadow) => self.shadow(shadow),
            DisplayItem::Glyphs { color, glyphs } => self.glyphs(*color, glyphs),
            DisplayItem::Image(image) => self.image(image),
        }
    }

    // ---- groups -------------------------------------------------------------------------

    fn push_group(&mut self, kind: Kind, undo: Undo) {
        self.groups.push((kind, undo));
    }

    fn hide(&mut self, kind: Kind) {
        self.hidden += 1;
        self.push_group(kind, Undo::Unhide);
    }

    fn push_clip(&mut self, rect: &Rect, radii: &CornerRadii) {
        if self.hidden > 0 {
            return self.push_group(Kind::Clip, Undo::Nothing);
        }
        match self.clip.push(&self.transform, rect, radii, self.viewport) {
            ClipPush::Folded(next) => {
                let saved = std::mem::replace(&mut self.clip, next);
                self.push_group(Kind::Clip, Undo::Clip(saved));
            }
            ClipPush::NeedsLayer(inside) => {
                let saved = self.clip;
                self.open_layer(1.0, inside);
                self.push_group(Kind::Clip, Undo::Layer(saved));
            }
            ClipPush::Empty => self.hide(Kind::Clip),
        }
    }

    fn push_opacity(&mut self, opacity: f32) {
        if self.hidden > 0 {
            return self.push_group(Kind::Opacity, Undo::Nothing);
        }
        // NaN and zero: nothing inside can show.
        if opacity.is_nan() || opacity <= 0.0 {
            return self.hide(Kind::Opacity);
        }
        if opacity >= 1.0 {
            return self.push_group(Kind::Opacity, Undo::Nothing);
        }
        let saved = self.clip;
        self.open_layer(opacity, ClipState::unclipped(self.viewport));
        self.push_group(Kind::Opacity, Undo::Layer(saved));
    }

    fn push_transform(&mut self, transform: &Affine) {
        if self.hidden > 0 {
            return self.push_group(Kind::Transform, Undo::Nothing);
        }
        let next = self.transform.after(transform);
        let finite = [next.sx, next.ky, next.kx, next.sy, next.tx, next.ty]
            .iter()
            .all(|v| v.is_finite());
        if !finite || next.invert().is_none() {
            return self.hide(Kind::Transform);
        }
        let saved = std::mem::replace(&mut self.transform, next);
        self.push_group(Kind::Transform, Undo::Transform(saved));
    }

    /// Pops the innermost group if it is of `kind`; a mismatched pop is ignored.
    fn pop(&mut self, kind: Kind) {
        if self.groups.last().is_some_and(|(k, _)| *k == kind) {
            if let Some((_, undo)) = self.groups.pop() {
                self.undo(undo);
            }
        } else {
            tracing::debug!("unbalanced {kind:?} pop ignored");
        }
    }

    fn undo(&mut self, undo: Undo) {
        match undo {
            Undo::Nothing => {}
            Undo::Unhide => self.hidden = self.hidden.saturating_sub(1),
            Undo::Transform(t) => self.transform = t,
            Undo::Clip(c) => self.clip = c,
            Undo::Layer(c) => {
                self.clip = c;
                self.close_layer();
            }
        }
    }

    // ---- layers -------------------------------------------------------------------------

    fn open_layer(&mut self, opacity: f32, clip: ClipState) {
        let depth = self.layers.len() + 1;
        self.max_depth = self.max_depth.max(depth);
        let layer_pass = Pass {
            target: PassTarget::Layer(depth),
            clear: Some([0.0; 4]),
            batches: Vec::new(),
        };
        self.passes
            .push(std::mem::replace(&mut self.current, layer_pass));
        self.layers.push(OpenLayer {
            opacity,
            bounds: Bounds::EMPTY,
            first_pass: self.passes.len(),
        });
        self.clip = clip;
    }

    /// Ends the innermost layer (the clip must already be the enclosing one) and composites it.
    fn close_layer(&mut self) {
        let Some(layer) = self.layers.pop() else {
            return;
        };
        let parent = match self.layers.len() {
            0 => PassTarget::Root,
            d => PassTarget::Layer(d),
        };
        let area = layer
            .bounds
            .intersect(&self.clip.cull)
            .round_out()
            .intersect(&self.viewport);
        if area.is_empty() {
            // Nothing visible: drop the layer's passes and resume the enclosing pass as if
            // the layer had never been opened.
            self.passes.truncate(layer.first_pass);
            if let Some(resumed) = self.passes.pop() {
                self.current = resumed;
            }
            return;
        }
        let finished = std::mem::replace(
            &mut self.current,
            Pass {
                target: parent,
                clear: None,
                batches: Vec::new(),
            },
        );
        self.passes.push(finished);
        let depth = self.layers.len() + 1;
        let (w, h) = self.target_size;
        let (xform, xform_t) = xform_parts(&Affine::IDENTITY, SpriteMode::Composite as u32);
        let sprite = SpriteInstance {
            xform,
            xform_t,
            rect: area.edges(),
            uv: [area.x0 / w, area.y0 / h, area.x1 / w, area.y1 / h],
            // Opacity in 1/255 steps, as the CPU renderer composites.
            tint: [1.0, 1.0, 1.0, (layer.opacity * 255.0).round() / 255.0],
            clip: self.clip.data,
        };
        self.add_sprite(BatchKey::Layer(depth), sprite, area);
    }

    // ---- batching -----------------------------------------------------------------------

    /// Culls against the clip, grows the open layer's bounds and finds the batch.
    fn batch_for(&mut self, key: BatchKey, bounds: Bounds) -> Option<&mut Batch> {
        let visible = bounds.intersect(&self.clip.cull);
        if visible.is_empty() {
            return None;
        }
        if let Some(layer) = self.layers.last_mut() {
            layer.bounds = layer.bounds.union(&visible);
        }
        let batches = &mut self.current.batches;
        let mut found = None;
        for (i, batch) in batches.iter().enumerate().rev().take(LOOKBACK) {
            if batch.key == key {
                found = Some(i);
                break;
            }
            if batch.bounds.intersects(&visible) {
                break;
            }
        }
        let index = match found {
            Some(i) => i,
            None => {
                batches.push(Batch {
                    key,
                    bounds: Bounds::EMPTY,
                    quads: Vec::new(),
                    sprites: Vec::new(),
                });
                batches.len() - 1
            }
        };
        let batch = &mut batches[index];
        batch.bounds = batch.bounds.union(&visible);
        Some(batch)
    }

    fn add_quad(&mut self, quad: QuadInstance, bounds: Bounds) {
        if let Some(batch) = self.batch_for(BatchKey::Quads, bounds) {
            batch.quads.push(quad);
        }
    }

    fn add_sprite(&mut self, key: BatchKey, sprite: SpriteInstance, bounds: Bounds) {
        if let Some(batch) = self.batch_for(key, bounds) {
            batch.sprites.push(sprite);
        }
    }

    /// A quad instance of `kind` under the current transform and clip.
    fn quad(
        &self,
        kind: QuadKind,
        local_bounds: &Rect,
        rect: &Rect,
        radii: &CornerRadii,
    ) -> QuadInstance {
        let (xform, xform_t) = xform_parts(&self.transform, kind as u32);
        QuadInstance {
            xform,
            xform_t,
            bounds: edges(local_bounds),
            rect: edges(rect),
            radii: radii.as_array(),
            clip: self.clip.data,
            ..QuadInstance::default()
        }
    }

    /// Device bounds of a local area plus the one-pixel anti-aliasing margin.
    fn device_bounds(&self, local: &Rect) -> Option<Bounds> {
        Bounds::of(&self.transform, local).map(|b| b.inflate(1.0))
    }

    // ---- items --------------------------------------------------------------------------

    fn rect(&mut self, rect: &Rect, radii: &CornerRadii, color: Color) {
        if color.is_transparent() || !rect_is_finite(rect) || rect.is_empty() {
            return;
        }
        let Some(bounds) = self.device_bounds(rect) else {
            return;
        };
        let radii = sane_radii(radii, rect);
        let mut quad = self.quad(QuadKind::Fill, rect, rect, &radii);
        // Four equal colours: the shader's border colour split passes them through.
        quad.colors = [pack(color); 4];
        self.add_quad(quad, bounds);
    }

    fn border(&mut self, rect: &Rect, radii: &CornerRadii, sides: &BorderSides) {
        if sides.is_invisible() || !rect_is_finite(rect) || rect.is_empty() {
            return;
        }
        let Some(bounds) = self.device_bounds(rect) else {
            return;
        };
        let [t, r, b, l] = sides
            .widths
            .map(|w| if w.is_finite() { w.max(0.0) } else { 0.0 });
        let radii = sane_radii(radii, rect);
        // The inner (padding) edge; when the widths overlap it collapses to a line in the
        // middle, leaving the whole box to the border.
        let (mut x0, mut x1) = (rect.x + l, rect.right() - r);
        let (mut y0, mut y1) = (rect.y + t, rect.bottom() - b);
        if x0 > x1 {
            let mid = rect.x + rect.width * l / (l + r);
            (x0, x1) = (mid, mid);
        }
        if y0 > y1 {
            let mid = rect.y + rect.height * t / (t + b);
            (y0, y1) = (mid, mid);
        }
        let inner = Rect::new(x0, y0, x1 - x0, y1 - y0);
        let mut quad = self.quad(QuadKind::Border, rect, rect, &radii);
        quad.aux_rect = edges(&inner);
        quad.aux_radii = radii.shrunk(t, r, b, l).as_array();
        quad.params = [t, r, b, l];
        quad.colors = sides.colors.map(pack);
        match self.border_bands(rect, &radii, [t, r, b, l]) {
            Some(bands) => {
                for (band, keep) in bands {
                    let Some(bounds) = Bounds::of(&self.transform, &band) else {
                        continue;
                    };
                    let mut part = quad;
                    part.bounds = edges(&band);
                    part.xform_t[3] += (keep * 16) as f32;
                    self.add_quad(part, bounds.inflate(1.0));
                }
            }
            None => self.add_quad(quad, bounds),
        }
    }

    /// Splits a border's box into four bands around its hole (top and bottom full width,
    /// left and right between them), so the fragments of the empty middle are never shaded:
    /// on a software rasterizer that is most of a large box's cost. `None` when the hole is
    /// small. Each band comes with the edges it shares with its neighbours, which must not
    /// grow by the anti-aliasing margin.
    fn border_bands(
        &self,
        rect: &Rect,
        radii: &CornerRadii,
        [t, r, b, l]: [f32; 4],
    ) -> Option<[(Rect, u32); 4]> {
        let m = &self.transform;
        // One device pixel in local units along each axis (the inner edge's AA reaches into
        // the hole by half of it).
        let mx = 1.0 / (m.sx * m.sx + m.ky * m.ky).sqrt().max(1e-6);
        let my = 1.0 / (m.kx * m.kx + m.sy * m.sy).sqrt().max(1e-6);
        let top = t.max(radii.top_left).max(radii.top_right) + my;
        let bottom = b.max(radii.bottom_left).max(radii.bottom_right) + my;
        let (left, right) = (l + mx, r + mx);
        let hole = (rect.width - left - right, rect.height - top - bottom);
        if hole.0 <= 0.0 || hole.1 <= 0.0 || hole.0 * hole.1 < 0.25 * rect.width * rect.height {
            return None;
        }
        let (x, y, w) = (rect.x, rect.y, rect.width);
        let mid = y + top;
        Some([
            (Rect::new(x, y, w, top), KEEP_BOTTOM),
            (Rect::new(x, rect.bottom() - bottom, w, bottom), KEEP_TOP),
            (
                Rect::new(x, mid, left, hole.1),
                KEEP_TOP | KEEP_RIGHT | KEEP_BOTTOM,
            ),
            (
                Rect::new(rect.right() - right, mid, right, hole.1),
                KEEP_LEFT | KEEP_TOP | KEEP_BOTTOM,
            ),
        ])
    }

    fn shadow(&mut self, s: &ShadowItem) {
        let finite = rect_is_finite(&s.rect) && s.offset.x.is_finite() && s.offset.y.is_finite();
        if s.color.is_transparent() || !finite || s.rect.is_empty() {
            return;
        }
        let blur = if s.blur.is_finite() {
            s.blur.max(0.0)
        } else {
            0.0
        };
        let spread = if s.spread.is_finite() { s.spread } else { 0.0 };
        let sigma = blur / 2.0;
        let radii = sane_radii(&s.radii, &s.rect);
        let moved = Rect::new(
            s.rect.x + s.offset.x,
            s.rect.y + s.offset.y,
            s.rect.width,
            s.rect.height,
        );
        // CSS: the shadow shape is the box grown by the spread (shrunk for inset shadows),
        // its radii grown or shrunk with it.
        let grow = if s.inset { -spread } else { spread };
        let shape = moved.inflate(grow);
        let [tl, tr, br, bl] = radii.as_array().map(|r| spread_radius(r, grow));
        let shape_radii = CornerRadii {
            top_left: tl,
            top_right: tr,
            bottom_right: br,
            bottom_left: bl,
        }
        .clamped_to(shape.width, shape.height);
        let (kind, area) = if s.inset {
            (QuadKind::InsetShadow, s.rect)
        } else {
            if shape.is_empty() {
                return;
            }
            (QuadKind::OuterShadow, shape.inflate(3.0 * sigma))
        };
        let Some(bounds) = self.device_bounds(&area) else {
            return;
        };
        let mut quad = self.quad(kind, &area, &shape, &shape_radii);
        quad.aux_rect = edges(&s.rect);
        quad.aux_radii = radii.as_array();
        // An inset shadow whose hole vanished (spread larger than the box) covers it all.
        let no_hole = if shape.is_empty() { 1.0 } else { 0.0 };
        quad.params = [sigma, no_hole, 0.0, 0.0];
        quad.colors = [pack(s.color); 4];
        self.add_quad(quad, bounds);
    }

    fn glyphs(&mut self, color: Color, glyphs: &[GlyphInstance]) {
        if color.is_transparent() {
            return;
        }
        let tint = tint(color);
        let t = self.transform;
        let aligned = is_pixel_aligned(&t, self.scale);
        for glyph in glyphs {
            let Some(slot) = self.atlas.lookup(glyph.key) else {
                continue;
            };
            if !(glyph.x.is_finite() && glyph.y.is_finite()) {
                continue;
            }
            let (w, h) = (slot.width as f32, slot.height as f32);
            // Under a plain scale-factor + translation transform the bitmap is placed 1:1 on
            // the nearest whole pixel (as the CPU renderer does): the instance is then given
            // in device px with an identity transform. Otherwise the bitmap covers
            // width / scale logical px and goes through the transform, filtered.
            let (xform_t, local) = if aligned {
                let p = t.apply(Point::new(glyph.x, glyph.y));
                let (x, y) = (p.x.round(), p.y.round());
                (Affine::IDENTITY, Rect::new(x, y, w, h))
            } else {
                (
                    t,
                    Rect::new(glyph.x, glyph.y, w / self.scale, h / self.scale),
                )
            };
            let Some(bounds) = Bounds::of(&xform_t, &local) else {
                continue;
            };
            let mode = if slot.color {
                SpriteMode::ColorGlyph
            } else {
                SpriteMode::AlphaGlyph
            };
            let (xform, xform_t) = xform_parts(&xform_t, mode as u32);
            let sprite = SpriteInstance {
                xform,
                xform_t,
                rect: edges(&local),
                uv: slot.uv,
                tint,
                clip: self.clip.data,
            };
            self.add_sprite(BatchKey::Glyphs, sprite, bounds);
        }
    }

    fn image(&mut self, item: &ImageItem) {
        let rect = &item.rect;
        if !self.images.contains(item.image) || !rect_is_finite(rect) || rect.is_empty() {
            return;
        }
        let Some(bounds) = self.device_bounds(rect) else {
            return;
        };
        let (xform, xform_t) = xform_parts(&self.transform, SpriteMode::Image as u32);
        let sprite = SpriteInstance {
            xform,
            xform_t,
            rect: edges(rect),
            uv: [0.0, 0.0, 1.0, 1.0],
            tint: [1.0; 4],
            clip: self.clip.data,
        };
        self.add_sprite(BatchKey::Image(item.image), sprite, bounds);
    }
}
