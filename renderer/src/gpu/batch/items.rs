//! Display items → instances: backgrounds, borders (split into bands around their hole),
//! box shadows, glyph runs and images, each under the builder's current transform and clip.

use kryon_display::{
    Affine, BorderSides, Color, CornerRadii, GlyphInstance, ImageItem, Point, Rect, ShadowItem,
};

use super::super::clip::{Bounds, edges, sane_radii};
use super::super::instances::{
    KEEP_BOTTOM, KEEP_LEFT, KEEP_RIGHT, KEEP_TOP, QuadKind, SpriteInstance, SpriteMode, pack,
    xform_parts,
};
use super::{BatchKey, Builder};

/// True for the root scale plus a translation: glyph bitmaps can then be placed 1:1.
fn is_pixel_aligned(t: &Affine, scale: f32) -> bool {
    let tol = 1.0e-4 * scale.max(1.0);
    t.kx == 0.0 && t.ky == 0.0 && (t.sx - scale).abs() < tol && (t.sy - scale).abs() < tol
}

fn tint(c: Color) -> [f32; 4] {
    [c.r, c.g, c.b, c.a].map(|v| f32::from(v) / 255.0)
}

impl Builder<'_> {
    pub(super) fn rect(&mut self, rect: &Rect, radii: &CornerRadii, color: Color) {
        if color.is_transparent() || !rect.is_finite() || rect.is_empty() {
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

    pub(super) fn border(&mut self, rect: &Rect, radii: &CornerRadii, sides: &BorderSides) {
        if sides.is_invisible() || !rect.is_finite() || rect.is_empty() {
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

    pub(super) fn shadow(&mut self, s: &ShadowItem) {
        let finite = s.rect.is_finite() && s.offset.x.is_finite() && s.offset.y.is_finite();
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
        // The element shape the shadow is cut by: the border box for outer shadows, the
        // padding box (inner radii) for inset ones, which cast and show only inside it.
        let (element, radii) = if s.inset {
            let (padding, inner) = ShadowItem { radii, ..*s }.padding_box();
            if padding.is_empty() {
                return;
            }
            (padding, sane_radii(&inner, &padding))
        } else {
            (s.rect, radii)
        };
        let moved = Rect::new(
            element.x + s.offset.x,
            element.y + s.offset.y,
            element.width,
            element.height,
        );
        // CSS: the shadow shape is the box grown by the spread (shrunk for inset shadows),
        // its radii grown or shrunk with it.
        let grow = if s.inset { -spread } else { spread };
        let shape = moved.inflate(grow);
        let shape_radii = radii.spread(grow).clamped_to(shape.width, shape.height);
        let (kind, area) = if s.inset {
            (QuadKind::InsetShadow, element)
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
        quad.aux_rect = edges(&element);
        quad.aux_radii = radii.as_array();
        // An inset shadow whose hole vanished (spread larger than the box) covers it all.
        let no_hole = if shape.is_empty() { 1.0 } else { 0.0 };
        quad.params = [sigma, no_hole, 0.0, 0.0];
        quad.colors = [pack(s.color); 4];
        self.add_quad(quad, bounds);
    }

    pub(super) fn glyphs(&mut self, color: Color, glyphs: &[GlyphInstance]) {
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

    pub(super) fn image(&mut self, item: &ImageItem) {
        let rect = &item.rect;
        if !self.images.contains(item.image) || !rect.is_finite() || rect.is_empty() {
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
