//! Paths for (rounded) rectangles, and drawing backgrounds and borders.
//!
//! Paths are built directly in device coordinates (each point goes through the current
//! transform as it is added), so tiny-skia never clones and re-transforms a path, and the path
//! builder's allocation is reused from item to item.

use kryon_display::{Affine, BorderSides, Color, CornerRadii, Point, Rect};
use tiny_skia::{BlendMode, FillRule, IntSize, Paint, Path, PathBuilder, Pixmap, Transform};

use super::Canvas;
use super::blit::{self, Source};
use super::clip::{IRect, mask_from_pool};
use super::raster::{self, DevRRect, Shape};

/// Cubic control-point distance for a quarter circle (4/3·(√2 − 1)).
const KAPPA: f32 = 0.552_284_8;

/// Tolerance for treating a device coordinate as pixel-aligned.
const ALIGN_EPS: f32 = 1.0e-3;

/// A tiny-skia paint for a solid straight-alpha colour.
pub(crate) fn solid_paint(c: Color) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(c.r, c.g, c.b, c.a);
    p.anti_alias = true;
    p
}

/// True when every field is finite and the rectangle has positive area.
pub(crate) fn rect_ok(r: &Rect) -> bool {
    r.is_finite() && !r.is_empty()
}

/// Radii made safe for path building: NaN and negatives become 0, infinities a huge value,
/// then the CSS clamp to the box.
pub(crate) fn sane_radii(radii: &CornerRadii, w: f32, h: f32) -> CornerRadii {
    let fix = |r: f32| {
        if r.is_nan() { 0.0 } else { r.clamp(0.0, 1.0e7) }
    };
    CornerRadii {
        top_left: fix(radii.top_left),
        top_right: fix(radii.top_right),
        bottom_right: fix(radii.bottom_right),
        bottom_left: fix(radii.bottom_left),
    }
    .clamped_to(w, h)
}

/// A path builder that maps every point through an affine transform.
pub(crate) struct Sink<'a> {
    pub pb: &'a mut PathBuilder,
    pub t: Affine,
}

impl Sink<'_> {
    fn p(&self, x: f32, y: f32) -> (f32, f32) {
        let q = self.t.apply(Point::new(x, y));
        (q.x, q.y)
    }

    pub fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.p(x, y);
        self.pb.move_to(x, y);
    }

    pub fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.p(x, y);
        self.pb.line_to(x, y);
    }

    fn cubic_to(&mut self, c1: (f32, f32), c2: (f32, f32), to: (f32, f32)) {
        let (a, b) = self.p(c1.0, c1.1);
        let (c, d) = self.p(c2.0, c2.1);
        let (e, f) = self.p(to.0, to.1);
        self.pb.cubic_to(a, b, c, d, e, f);
    }

    /// Adds a closed (rounded) rectangle, clockwise. `radii` must already be clamped.
    pub fn rrect(&mut self, r: &Rect, radii: &CornerRadii) {
        let (l, t, rt, b) = (r.x, r.y, r.right(), r.bottom());
        let [tl, tr, br, bl] = radii.as_array();
        self.move_to(l + tl, t);
        self.line_to(rt - tr, t);
        if tr > 0.0 {
            let k = tr * KAPPA;
            self.cubic_to((rt - tr + k, t), (rt, t + tr - k), (rt, t + tr));
        }
        self.line_to(rt, b - br);
        if br > 0.0 {
            let k = br * KAPPA;
            self.cubic_to((rt, b - br + k), (rt - br + k, b), (rt - br, b));
        }
        self.line_to(l + bl, b);
        if bl > 0.0 {
            let k = bl * KAPPA;
            self.cubic_to((l + bl - k, b), (l, b - bl + k), (l, b - bl));
        }
        self.line_to(l, t + tl);
        if tl > 0.0 {
            let k = tl * KAPPA;
            self.cubic_to((l, t + tl - k), (l + tl - k, t), (l + tl, t));
        }
        self.pb.close();
    }

    /// Adds a closed polygon.
    pub fn polygon(&mut self, pts: &[Point]) {
        let Some((first, rest)) = pts.split_first() else {
            return;
        };
        self.move_to(first.x, first.y);
        for p in rest {
            self.line_to(p.x, p.y);
        }
        self.pb.close();
    }
}

/// Builds a path with the scratch builder; `None` when it is empty or degenerate.
pub(crate) fn build_path(
    pb_slot: &mut Option<PathBuilder>,
    t: Affine,
    f: impl FnOnce(&mut Sink),
) -> Option<Path> {
    let mut pb = pb_slot.take().unwrap_or_default();
    pb.clear();
    f(&mut Sink { pb: &mut pb, t });
    pb.finish()
}

/// Gives a finished path's storage back to the scratch builder.
pub(crate) fn recycle(pb_slot: &mut Option<PathBuilder>, path: Path) {
    *pb_slot = Some(path.clear());
}

fn near_int(v: f32) -> bool {
    (v - v.round()).abs() < ALIGN_EPS
}

/// A background: a filled, possibly rounded, rectangle.
pub(crate) fn draw_rect(c: &mut Canvas, rect: &Rect, radii: &CornerRadii, color: Color) {
    if color.is_transparent() || !rect_ok(rect) {
        return;
    }
    let radii = sane_radii(radii, rect.width, rect.height);
    let t = c.transform;
    if let Some(dev) = DevRRect::new(&t, rect, &radii) {
        // Axis-aligned: analytic coverage, clipped to the clip rectangle row by row.
        if radii.is_zero() && color.a == 255 && c.clip.mask.is_none() {
            let d = t.bounds_of(rect);
            if near_int(d.x) && near_int(d.y) && near_int(d.right()) && near_int(d.bottom()) {
                let r = IRect::snap(&d).intersect(&c.clip.rect);
                blit::fill_opaque(c.surface, r, blit::premultiply(color));
                return;
            }
        }
        let color = blit::premultiply(color);
        raster::fill_shape(
            c.surface,
            &Shape::Fill(dev),
            color,
            &c.clip,
            &mut c.scratch.rows,
        );
        return;
    }
    let Some(path) = build_path(&mut c.scratch.path, t, |s| s.rrect(rect, &radii)) else {
        return;
    };
    c.surface.fill_path(
        &path,
        &solid_paint(color),
        FillRule::Winding,
        Transform::identity(),
        c.clip.mask,
    );
    recycle(&mut c.scratch.path, path);
}

/// The inner (padding-box) edge of a border: the rectangle inset by the side widths and the
/// CSS inner radii. `None` when the widths meet or cross.
fn inner_edge(rect: &Rect, radii: &CornerRadii, w: [f32; 4]) -> Option<(Rect, CornerRadii)> {
    let [top, right, bottom, left] = w;
    let inner = Rect::new(
        rect.x + left,
        rect.y + top,
        rect.width - left - right,
        rect.height - top - bottom,
    );
    if inner.is_empty() {
        return None;
    }
    let r = radii
        .shrunk(top, right, bottom, left)
        .clamped_to(inner.width, inner.height);
    Some((inner, r))
}

fn sane_widths(sides: &BorderSides) -> [f32; 4] {
    sides
        .widths
        .map(|w| if w.is_finite() { w.max(0.0) } else { 0.0 })
}

/// The one colour of all sides that show (sides with no width do not break uniformity), or
/// `None` when they differ. No visible side counts as uniform transparent.
fn uniform_color(widths: &[f32; 4], sides: &BorderSides) -> Option<Color> {
    let mut visible = widths.iter().zip(&sides.colors).filter(|(w, _)| **w > 0.0);
    let first = visible.next().map_or(Color::TRANSPARENT, |(_, c)| *c);
    visible.all(|(_, c)| *c == first).then_some(first)
}

/// True when the border is drawn as one shape in one colour.
pub(crate) fn is_uniform(sides: &BorderSides) -> bool {
    uniform_color(&sane_widths(sides), sides).is_some()
}

/// A border ring with per-side colours.
pub(crate) fn draw_border(c: &mut Canvas, rect: &Rect, radii: &CornerRadii, sides: &BorderSides) {
    if !rect_ok(rect) || sides.is_invisible() {
        return;
    }
    let widths = sane_widths(sides);
    let radii = sane_radii(radii, rect.width, rect.height);
    let inner = inner_edge(rect, &radii, widths);

    match uniform_color(&widths, sides) {
        Some(color) => {
            if color.is_transparent() {
                return;
            }
            // One shape (outer minus inner): no seams where the sides meet.
            let t = c.transform;
            let inner_dev = match &inner {
                Some((ir, irad)) => DevRRect::new(&t, ir, irad).map(Some),
                None => Some(None),
            };
            if let (Some(outer), Some(inner)) = (DevRRect::new(&t, rect, &radii), inner_dev) {
                let color = blit::premultiply(color);
                let shape = Shape::Ring(outer, inner);
                raster::fill_shape(c.surface, &shape, color, &c.clip, &mut c.scratch.rows);
                return;
            }
            let Some(path) = build_path(&mut c.scratch.path, c.transform, |s| {
                s.rrect(rect, &radii);
                if let Some((ir, irad)) = &inner {
                    s.rrect(ir, irad);
                }
            }) else {
                return;
            };
            c.surface.fill_path(
                &path,
                &solid_paint(color),
                FillRule::EvenOdd,
                Transform::identity(),
                c.clip.mask,
            );
            recycle(&mut c.scratch.path, path);
        }
        None => draw_multicolor_border(c, rect, &radii, inner.as_ref(), widths, sides),
    }
}

/// Per-side colours: the ring (outer rounded rect minus inner rounded rect) is rasterized once
/// as a coverage mask, then each side's region is added into a scratch bitmap with `Plus`
/// through that mask, so anti-aliased diagonals sum to full coverage without seams. The scratch
/// bitmap is then composited through the clip.
///
/// The regions partition the whole border box (see [`side_regions`]), not just the area
/// outside the inner rectangle, so the ring between an inner rounded corner and the inner
/// rectangle's corner is painted too: the painted area is exactly the ring.
fn draw_multicolor_border(
    c: &mut Canvas,
    rect: &Rect,
    radii: &CornerRadii,
    inner: Option<&(Rect, CornerRadii)>,
    widths: [f32; 4],
    sides: &BorderSides,
) {
    let region = IRect::round_out(&c.transform.bounds_of(rect)).intersect(&c.clip.rect);
    if region.is_empty() {
        return;
    }
    let (w, h) = (region.width(), region.height());
    let t = Affine::translate(-(region.x0 as f32), -(region.y0 as f32)).after(&c.transform);

    let Some(mut ring) = mask_from_pool(&mut c.scratch.a8, w, h) else {
        return;
    };
    if let Some(path) = build_path(&mut c.scratch.path, t, |s| {
        s.rrect(rect, radii);
        if let Some((ir, irad)) = inner {
            s.rrect(ir, irad);
        }
    }) {
        ring.fill_path(&path, FillRule::EvenOdd, true, Transform::identity());
        recycle(&mut c.scratch.path, path);
    }

    let Some(size) = IntSize::from_wh(w, h) else {
        c.scratch.a8 = ring.take();
        return;
    };
    let mut px = std::mem::take(&mut c.scratch.pixels);
    px.clear();
    px.resize(w as usize * h as usize * 4, 0);
    let Some(mut layer) = Pixmap::from_vec(px, size) else {
        c.scratch.a8 = ring.take();
        return;
    };

    let regions = side_regions(rect, widths);
    for (parts, color) in regions.iter().zip(sides.colors) {
        if color.is_transparent() {
            continue;
        }
        let Some(path) = build_path(&mut c.scratch.path, t, |s| {
            for part in parts {
                s.polygon(part);
            }
        }) else {
            continue;
        };
        let mut paint = solid_paint(color);
        paint.blend_mode = BlendMode::Plus;
        layer.fill_path(
            &path,
            &paint,
            FillRule::Winding,
            Transform::identity(),
            Some(&ring),
        );
        recycle(&mut c.scratch.path, path);
    }

    let src = Source {
        data: layer.data(),
        width: w,
        height: h,
        stride: w as usize * 4,
        x: region.x0,
        y: region.y0,
    };
    blit::blit_premul(c.surface, &src, 255, &c.clip);
    c.scratch.pixels = layer.take();
    c.scratch.a8 = ring.take();
}

/// Which side's colour each part of the border box takes, as browsers split corners: each
/// quadrant of the box (split at its centre lines) holds one corner, divided between the
/// corner's two sides by the line from the outer corner through the inner corner point
/// (outer corner moved in by the two widths), continued to the quadrant's edge. Per side
/// (top, right, bottom, left): its parts in the two quadrants it touches. Together the eight
/// parts tile the box, so whatever the ring covers (including inside the inner rectangle, next
/// to a rounded inner corner) gets a colour. The GPU shader splits the same way.
fn side_regions(rect: &Rect, widths: [f32; 4]) -> [[[Point; 4]; 2]; 4] {
    let [top, right, bottom, left] = widths;
    let (half_w, half_h) = (rect.width / 2.0, rect.height / 2.0);
    let (x0, y0, x1, y1) = (rect.x, rect.y, rect.right(), rect.bottom());
    /// A quadrilateral in corner-local (u, v) coordinates (triangles repeat a point).
    type Quad = [(f32, f32); 4];
    // One quadrant (u, v from the corner to the centre lines) in corner-local coordinates: u
    // runs along the horizontal side away from the corner, v along the vertical side. The
    // split line is u·hw = v·vw; returns (horizontal side's part, vertical side's part).
    let split = |hw: f32, vw: f32| -> (Quad, Quad) {
        let (hw, vw) = if hw > 0.0 || vw > 0.0 {
            (hw, vw)
        } else {
            (1.0, 1.0)
        };
        let (u, v) = (half_w, half_h);
        if u * hw <= v * vw {
            // The split line leaves through the centre line u = half width.
            let e = (u, u * hw / vw);
            (
                [(0.0, 0.0), (u, 0.0), e, e],
                [(0.0, 0.0), e, (u, v), (0.0, v)],
            )
        } else {
            // Through the centre line v = half height.
            let e = (v * vw / hw, v);
            (
                [(0.0, 0.0), (u, 0.0), (u, v), e],
                [(0.0, 0.0), e, (0.0, v), (0.0, v)],
            )
        }
    };
    let map = |pts: Quad, to: &dyn Fn(f32, f32) -> Point| pts.map(|(u, v)| to(u, v));
    let tl = |u: f32, v: f32| Point::new(x0 + u, y0 + v);
    let tr = |u: f32, v: f32| Point::new(x1 - u, y0 + v);
    let br = |u: f32, v: f32| Point::new(x1 - u, y1 - v);
    let bl = |u: f32, v: f32| Point::new(x0 + u, y1 - v);
    let (tl_h, tl_v) = split(top, left);
    let (tr_h, tr_v) = split(top, right);
    let (br_h, br_v) = split(bottom, right);
    let (bl_h, bl_v) = split(bottom, left);
    [
        [map(tl_h, &tl), map(tr_h, &tr)],
        [map(tr_v, &tr), map(br_v, &br)],
        [map(br_h, &br), map(bl_h, &bl)],
        [map(bl_v, &bl), map(tl_v, &tl)],
    ]
}
