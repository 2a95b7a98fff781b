//! CPU renderer (tiny-skia): the fallback when no GPU exists and the reference that golden
//! tests compare against.
//!
//! [`CpuRenderer`] keeps the glyph and image caches and scratch buffers across frames. Per
//! frame a `Painter` walks the display list with three pieces of state:
//!
//! - the device transform (root scale × pushed transforms);
//! - the clip: an integer pixel rectangle always, plus a coverage mask for rounded or rotated
//!   clips (see `clip`);
//! - a stack of opacity layers: full-size pooled pixmaps, of which only the touched area is
//!   composited and cleared.
//!
//! Items are culled against the clip rectangle before any work. Drawing never panics on odd
//! input: non-finite geometry, unknown resource keys and unbalanced pops are skipped.

mod blit;
mod clip;
mod glyphs;
mod images;
mod raster;
mod resources;
mod shadow;
mod shapes;

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod tests;

use kryon_display::{Affine, DisplayItem, Frame};
use tiny_skia::{PathBuilder, Pixmap};

use crate::RgbaImage;
use blit::Clip;
use clip::{ClipState, IRect, MaskStack};
use resources::Resources;

/// Largest target side and area we allocate; larger frames are clamped (and logged).
const MAX_SIDE: u32 = 16_384;
const MAX_PIXELS: u64 = 1 << 26;

/// Opacity layers alive at once (each is target-sized); deeper groups draw without a layer.
const MAX_LAYERS: usize = 32;

/// Renders [`Frame`]s with tiny-skia, keeping uploaded glyphs and images across frames.
pub struct CpuRenderer {
    resources: Resources,
    scratch: Scratch,
    masks: MaskStack,
    layer_pool: Vec<Pixmap>,
    /// The target [`CpuRenderer::render`] draws into, kept to avoid reallocating.
    own_target: Option<Pixmap>,
}

impl Default for CpuRenderer {
    fn default() -> Self {
        Self::new()
    }
}

/// Buffers reused from item to item and frame to frame.
#[derive(Default)]
pub(crate) struct Scratch {
    /// A path builder whose storage is recycled.
    pub path: Option<PathBuilder>,
    /// Single-byte buffers (shadow and border coverage).
    pub a8: Vec<u8>,
    pub a8b: Vec<u8>,
    /// Premultiplied RGBA scratch (multi-colour borders).
    pub pixels: Vec<u8>,
    /// Tinted glyph bitmaps for transformed text.
    pub tint: Vec<u8>,
    /// Coverage rows for analytic shapes.
    pub rows: (Vec<u8>, Vec<u8>),
    /// Blur buffers.
    pub blur: shadow::BlurBuffers,
    /// Finished shadow coverage, reused across frames.
    pub shadows: shadow::ShadowCache,
}

/// What a drawing function draws onto: the current surface, clip and transform.
pub(crate) struct Canvas<'a> {
    pub surface: &'a mut Pixmap,
    pub clip: Clip<'a>,
    /// Local → device.
    pub transform: Affine,
    pub scale_factor: f32,
    pub scratch: &'a mut Scratch,
}

impl CpuRenderer {
    /// An empty renderer (no cached resources).
    pub fn new() -> Self {
        Self {
            resources: Resources::default(),
            scratch: Scratch::default(),
            masks: MaskStack::new(),
            layer_pool: Vec::new(),
            own_target: None,
        }
    }

    /// Applies the frame's resource changes, draws it, and returns straight-alpha RGBA at
    /// `frame.physical_size()`.
    pub fn render(&mut self, frame: &Frame) -> RgbaImage {
        let mut target = match self.own_target.take() {
            Some(p) => p,
            None => match Pixmap::new(1, 1) {
                Some(p) => p,
                None => return RgbaImage::filled(1, 1, [0; 4]),
            },
        };
        self.render_into(frame, &mut target);
        let mut pixels = Vec::new();
        resources::demultiply_into(target.pixels(), &mut pixels);
        let image = RgbaImage {
            width: target.width(),
            height: target.height(),
            pixels,
        };
        self.own_target = Some(target);
        image
    }

    /// Like [`CpuRenderer::render`], but into a caller-owned premultiplied pixmap that is
    /// reused across frames (resized when the frame's physical size changes).
    pub fn render_into(&mut self, frame: &Frame, target: &mut Pixmap) {
        self.resources.apply(&frame.resources);
        let (pw, ph) = frame.physical_size();
        let w = pw.min(MAX_SIDE);
        let h = ph
            .min(MAX_SIDE)
            .min((MAX_PIXELS / u64::from(w.max(1))) as u32)
            .max(1);
        if (w, h) != (pw, ph) {
            tracing::warn!(pw, ph, "frame too large for the CPU renderer; clamped");
        }
        if target.width() != w || target.height() != h {
            match Pixmap::new(w, h) {
                Some(p) => *target = p,
                None => {
                    tracing::error!(w, h, "cannot allocate the CPU render target");
                    return;
                }
            }
        }
        let c = frame.clear_color;
        target.fill(tiny_skia::Color::from_rgba8(c.r, c.g, c.b, c.a));
        let sf = frame.scale_factor;
        if !(sf.is_finite() && sf > 0.0) {
            tracing::warn!(sf, "invalid scale factor; frame left cleared");
            return;
        }
        if self
            .layer_pool
            .first()
            .is_some_and(|p| p.width() != w || p.height() != h)
        {
            self.layer_pool.clear();
        }
        self.masks.begin(w, h);
        self.scratch.shadows.begin_frame();
        let mut painter = Painter {
            res: &self.resources,
            scratch: &mut self.scratch,
            masks: &mut self.masks,
            layer_pool: &mut self.layer_pool,
            main: target,
            layers: Vec::new(),
            groups: Vec::new(),
            clip: ClipState::rect(IRect::of_size(w, h)),
            transform: Affine::scale(sf, sf),
            scale_factor: sf,
            skip: 0,
            target_rect: IRect::of_size(w, h),
        };
        for item in &frame.items {
            painter.item(item);
        }
        painter.finish();
    }
}

/// An opacity group being drawn: its pixmap and the area drawn so far.
struct Layer {
    pixmap: Pixmap,
    dirty: IRect,
    opacity: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GroupKind {
    Clip,
    Opacity,
    Transform,
}

/// An open push: what to restore at its pop.
struct Group {
    kind: GroupKind,
    clip: ClipState,
    masks_len: usize,
    transform: Affine,
    /// The push suppressed drawing (zero opacity, singular transform).
    suppresses: bool,
    /// The push opened a layer.
    layer: bool,
}

/// One frame's walk over the display list.
struct Painter<'a> {
    res: &'a Resources,
    scratch: &'a mut Scratch,
    masks: &'a mut MaskStack,
    layer_pool: &'a mut Vec<Pixmap>,
    main: &'a mut Pixmap,
    layers: Vec<Layer>,
    groups: Vec<Group>,
    clip: ClipState,
    transform: Affine,
    scale_factor: f32,
    /// Open groups that suppress drawing; items are skipped while non-zero.
    skip: u32,
    target_rect: IRect,
}

impl Painter<'_> {
    fn item(&mut self, item: &DisplayItem) {
        let t = self.transform;
        match item {
            DisplayItem::Rect { rect, radii, color } => {
                if color.is_transparent() {
                    return;
                }
                let analytic = raster::supports(&t, radii.is_zero());
                let bounds = IRect::round_out(&t.bounds_of(rect));
                if let Some(mut c) = self.canvas(bounds, !analytic) {
                    shapes::draw_rect(&mut c, rect, radii, *color);
                }
            }
            DisplayItem::Border { rect, radii, sides } => {
                if sides.is_invisible() {
                    return;
                }
                // Analytic rings and multi-colour composites clip themselves to the rectangle.
                let analytic = raster::supports(&t, radii.is_zero());
                let needs_mask = !analytic && shapes::is_uniform(sides);
                let bounds = IRect::round_out(&t.bounds_of(rect));
                if let Some(mut c) = self.canvas(bounds, needs_mask) {
                    shapes::draw_border(&mut c, rect, radii, sides);
                }
            }
            DisplayItem::Shadow(s) => {
                // Shadows blend through the clip rectangle themselves.
                if let Some(mut c) = self.canvas(shadow::shadow_bounds(&t, s), false) {
                    shadow::draw_shadow(&mut c, s);
                }
            }
            DisplayItem::Glyphs { color, glyphs } => {
                if color.is_transparent() || self.skip > 0 {
                    return;
                }
                let bounds = glyphs::run_bounds(&t, self.scale_factor, self.res, glyphs);
                let res = self.res;
                if let Some(mut c) = self.canvas(bounds, !t.is_axis_aligned()) {
                    glyphs::draw_glyphs(&mut c, res, *color, glyphs);
                }
            }
            DisplayItem::Image(img) => {
                let bounds = IRect::round_out(&t.bounds_of(&img.rect));
                let res = self.res;
                if let Some(mut c) = self.canvas(bounds, !t.is_axis_aligned()) {
                    images::draw_image(&mut c, res, img);
                }
            }
            DisplayItem::PushClip { rect, radii } => self.push_clip(rect, radii),
            DisplayItem::PushOpacity { opacity } => self.push_opacity(*opacity),
            DisplayItem::PushTransform { transform } => self.push_transform(transform),
            DisplayItem::PopClip => self.pop(GroupKind::Clip),
            DisplayItem::PopOpacity => self.pop(GroupKind::Opacity),
            DisplayItem::PopTransform => self.pop(GroupKind::Transform),
        }
    }

    /// The canvas for an item touching `bounds` (device px), or `None` when it is culled.
    /// `needs_mask`: the item cannot clip itself to the clip rectangle, so a partially clipped
    /// item needs the rectangle as a mask.
    fn canvas(&mut self, bounds: IRect, needs_mask: bool) -> Option<Canvas<'_>> {
        if self.skip > 0 {
            return None;
        }
        let visible = bounds.intersect(&self.clip.rect);
        if visible.is_empty() {
            return None;
        }
        let on_target = bounds.intersect(&self.target_rect);
        // Items where the clip is fully open need no mask (the common case inside rounded
        // panels); items partially outside a plain rectangle clip that cannot clip themselves
        // get the rectangle as a mask.
        let unmasked = self.clip.fully_inside(&on_target);
        if needs_mask
            && !unmasked
            && self.clip.mask.is_none()
            && !self.clip.rect.contains(&on_target)
        {
            self.clip.mask = self.masks.push_rect(self.clip.rect);
        }
        let mask = if unmasked {
            None
        } else {
            self.masks.get(self.clip.mask)
        };
        let surface = match self.layers.last_mut() {
            Some(layer) => {
                layer.dirty = layer.dirty.union(&visible);
                &mut layer.pixmap
            }
            None => &mut *self.main,
        };
        Some(Canvas {
            surface,
            clip: Clip {
                rect: self.clip.rect,
                mask,
            },
            transform: self.transform,
            scale_factor: self.scale_factor,
            scratch: self.scratch,
        })
    }

    fn open(&mut self, kind: GroupKind, suppresses: bool, layer: bool) {
        if suppresses {
            self.skip += 1;
        }
        self.groups.push(Group {
            kind,
            clip: self.clip,
            masks_len: self.masks.len(),
            transform: self.transform,
            suppresses,
            layer,
        });
    }

    fn push_clip(&mut self, rect: &kryon_display::Rect, radii: &kryon_display::CornerRadii) {
        let parent = self.clip;
        self.open(GroupKind::Clip, false, false);
        if self.skip > 0 {
            return;
        }
        if !shapes::rect_ok(rect) {
            self.clip = ClipState::rect(IRect::EMPTY);
            return;
        }
        let t = self.transform;
        let radii = shapes::sane_radii(radii, rect.width, rect.height);
        let dev = t.bounds_of(rect);
        if radii.is_zero() && t.is_axis_aligned() {
            // Snapped like a scissor rectangle; a mask only if the parent already has one.
            let r = IRect::snap(&dev).intersect(&parent.rect);
            let mask = match parent.mask {
                Some(pm) if !r.is_empty() && r != parent.rect => {
                    self.masks.push_sub_rect(pm, r).or(parent.mask)
                }
                _ => parent.mask,
            };
            self.clip = ClipState {
                rect: r,
                mask,
                full: parent.full.map(|f| f.intersect(&r)),
            };
            return;
        }
        let state = if let Some(dev) = raster::DevRRect::new(&t, rect, &radii) {
            let tmp = &mut self.scratch.rows.1;
            self.masks
                .push_shape(&raster::Shape::Fill(dev), parent, tmp)
        } else {
            let path = shapes::build_path(&mut self.scratch.path, t, |s| s.rrect(rect, &radii));
            let Some(path) = path else {
                self.clip = ClipState::rect(IRect::EMPTY);
                return;
            };
            let state = self.masks.push_path(&path, parent);
            shapes::recycle(&mut self.scratch.path, path);
            state
        };
        self.clip = match state {
            Some(mut state) => {
                if t.is_axis_aligned() {
                    // Inside the rounded rectangle's two inner bands coverage is complete.
                    let inner = IRect::round_in(&dev);
                    let r = radii.as_array().iter().fold(0.0f32, |a, b| a.max(*b));
                    let (rx, ry) = ((r * t.sx).ceil() as i32, (r * t.sy).ceil() as i32);
                    state.full = [
                        inner.deflate(0, ry).intersect(&parent.full[0]),
                        inner.deflate(rx, 0).intersect(&parent.full[1]),
                    ];
                }
                state
            }
            // Without a mask (allocation failed) fall back to the bounding rectangle.
            None => ClipState::new(IRect::round_out(&dev).intersect(&parent.rect), parent.mask),
        };
    }

    fn push_opacity(&mut self, opacity: f32) {
        if self.skip > 0 {
            self.open(GroupKind::Opacity, false, false);
            return;
        }
        if opacity.is_nan() || opacity <= 0.0 {
            // Zero or NaN: the group draws nothing.
            self.open(GroupKind::Opacity, true, false);
            return;
        }
        if opacity >= 1.0 {
            self.open(GroupKind::Opacity, false, false);
            return;
        }
        let (w, h) = (self.main.width(), self.main.height());
        let pixmap = if self.layers.len() >= MAX_LAYERS {
            None
        } else {
            self.layer_pool.pop().or_else(|| Pixmap::new(w, h))
        };
        match pixmap {
            Some(pixmap) => {
                self.layers.push(Layer {
                    pixmap,
                    dirty: IRect::EMPTY,
                    opacity,
                });
                self.open(GroupKind::Opacity, false, true);
            }
            None => {
                tracing::warn!("no opacity layer available; drawing the group without one");
                self.open(GroupKind::Opacity, false, false);
            }
        }
    }

    fn push_transform(&mut self, local: &Affine) {
        if self.skip > 0 {
            self.open(GroupKind::Transform, false, false);
            return;
        }
        let t = self.transform.after(local);
        let finite = [t.sx, t.ky, t.kx, t.sy, t.tx, t.ty]
            .iter()
            .all(|v| v.is_finite());
        let singular = t.invert().is_none();
        self.open(GroupKind::Transform, !finite || singular, false);
        if finite && !singular {
            self.transform = t;
        }
    }

    /// Closes the innermost group if it is of `kind`; a mismatched pop is ignored.
    fn pop(&mut self, kind: GroupKind) {
        if self.groups.last().is_some_and(|g| g.kind == kind) {
            self.close_top();
        } else {
            tracing::warn!(?kind, "unbalanced pop in display list ignored");
        }
    }

    fn close_top(&mut self) {
        let Some(g) = self.groups.pop() else {
            return;
        };
        if g.suppresses {
            self.skip = self.skip.saturating_sub(1);
        }
        self.clip = g.clip;
        self.masks.truncate(g.masks_len);
        self.transform = g.transform;
        if g.layer {
            self.composite_layer();
        }
    }

    /// Composites the top layer onto the surface below with its opacity.
    fn composite_layer(&mut self) {
        let Some(mut layer) = self.layers.pop() else {
            return;
        };
        let dirty = layer.dirty;
        if !dirty.is_empty() {
            let opacity = (layer.opacity.clamp(0.0, 1.0) * 255.0).round() as u8;
            let below = match self.layers.last_mut() {
                Some(l) => {
                    l.dirty = l.dirty.union(&dirty);
                    &mut l.pixmap
                }
                None => &mut *self.main,
            };
            let src = blit::Source {
                data: layer.pixmap.data(),
                width: layer.pixmap.width(),
                height: layer.pixmap.height(),
                stride: layer.pixmap.width() as usize * 4,
                x: 0,
                y: 0,
            };
            let clip = Clip {
                rect: dirty,
                mask: None,
            };
            blit::blit_premul(below, &src, opacity, &clip);
            blit::clear_rect(&mut layer.pixmap, dirty);
        }
        self.layer_pool.push(layer.pixmap);
    }

    /// Closes groups left open by an unbalanced list, so layers still reach the target.
    fn finish(&mut self) {
        while !self.groups.is_empty() {
            self.close_top();
        }
        self.masks.truncate(0);
    }
}
