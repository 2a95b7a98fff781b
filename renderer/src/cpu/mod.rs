//! CPU renderer (tiny-skia): the fallback when no GPU exists and the reference that golden
//! tests compare against.
//!
//! [`CpuRenderer`] keeps the glyph, image and shadow caches and scratch buffers across frames.
//! Per frame a `Painter` walks the display list with three pieces of state:
//!
//! - the device transform (root scale × pushed transforms);
//! - the clip: an integer pixel rectangle always, plus a coverage mask for rounded or rotated
//!   clips (see `clip`);
//! - a stack of opacity layers: full-size pooled pixmaps, of which only the touched area is
//!   composited and cleared (see `groups`).
//!
//! Items are culled against the clip rectangle before any work. Axis-aligned (rounded)
//! rectangles, the bulk of a UI, get analytic coverage (`raster`); everything else goes
//! through tiny-skia paths and patterns. Drawing never panics on odd input: non-finite
//! geometry, unknown resource keys and unbalanced pops are skipped.
//!
//! Modules: `blit` (pixel loops), `clip`, `groups`, `raster`, `shapes` (backgrounds, borders),
//! `shadow`, `glyphs`, `images`, `resources` (caches).

mod blit;
mod clip;
mod glyphs;
mod groups;
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

/// One frame's walk over the display list.
pub(crate) struct Painter<'a> {
    res: &'a Resources,
    scratch: &'a mut Scratch,
    masks: &'a mut MaskStack,
    layer_pool: &'a mut Vec<Pixmap>,
    main: &'a mut Pixmap,
    layers: Vec<groups::Layer>,
    groups: Vec<groups::Group>,
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
            DisplayItem::PopClip => self.pop(groups::GroupKind::Clip),
            DisplayItem::PopOpacity => self.pop(groups::GroupKind::Opacity),
            DisplayItem::PopTransform => self.pop(groups::GroupKind::Transform),
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
}
