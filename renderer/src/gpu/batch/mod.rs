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

use kryon_display::{Affine, Color, CornerRadii, DisplayItem, Frame, ImageId, Rect};

mod items;

use super::atlas::GlyphAtlas;
use super::clip::{Bounds, ClipPush, ClipState, edges};
use super::images::ImageStore;
use super::instances::{QuadInstance, QuadKind, SpriteInstance, SpriteMode, xform_parts};

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
}
