//! Analytic anti-aliased coverage for axis-aligned rounded rectangles with circular corners,
//! the shape of nearly everything a UI draws. Faster than general path rasterization by an
//! order of magnitude for small shapes, and exact along straight edges: a pixel's coverage
//! there is the area inside the edge. In corners coverage comes from the distance to the
//! corner circle (`½ − d`, clamped), which is within a few percent of the true area.
//!
//! Used for backgrounds, uniform borders (outer minus inner), clip masks and shadow shapes
//! whenever the transform is an axis-aligned uniform scale plus translation.

use kryon_display::{Affine, CornerRadii, Rect};

use super::blit::{self, Clip};
use super::clip::IRect;
use tiny_skia::Pixmap;

/// True when shapes under `t` can use analytic coverage (which clips itself to the clip
/// rectangle, so callers need no rectangle mask).
pub(crate) fn supports(t: &Affine, square_corners: bool) -> bool {
    t.is_axis_aligned() && (square_corners || (t.sx - t.sy).abs() <= 1.0e-4 * t.sx.abs().max(1.0))
}

/// A rounded rectangle in device pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DevRRect {
    l: f32,
    t: f32,
    r: f32,
    b: f32,
    /// Top-left, top-right, bottom-right, bottom-left.
    radii: [f32; 4],
}

impl DevRRect {
    /// The device shape of `rect`/`radii` under `t`, when `t` keeps circles circles and
    /// rectangles axis-aligned (a positive uniform scale plus translation). `radii` must be
    /// clamped to `rect`.
    pub fn new(t: &Affine, rect: &Rect, radii: &CornerRadii) -> Option<Self> {
        if !supports(t, radii.is_zero()) {
            return None;
        }
        let d = t.bounds_of(rect);
        let s = t.sx;
        let shape = DevRRect {
            l: d.x,
            t: d.y,
            r: d.right(),
            b: d.bottom(),
            radii: radii.as_array().map(|v| v * s),
        };
        let finite = [shape.l, shape.t, shape.r, shape.b]
            .iter()
            .all(|v| v.is_finite() && v.abs() < 1.0e7)
            && shape.radii.iter().all(|v| v.is_finite());
        finite.then_some(shape)
    }

    /// The pixels the shape touches.
    pub fn bounds(&self) -> IRect {
        IRect::round_out(&Rect::new(self.l, self.t, self.r - self.l, self.b - self.t))
    }

    /// Per-row constants, or `None` when the row misses the shape.
    fn row_params(&self, y: i32) -> Option<RowParams> {
        let yf = y as f32;
        let cy = (self.b.min(yf + 1.0) - self.t.max(yf)).clamp(0.0, 1.0);
        if cy <= 0.0 {
            return None;
        }
        let py = yf + 0.5;
        let [tl, tr, br, bl] = self.radii;
        // Which corner circles this row's pixel centres fall beside, if any.
        let left = if py < self.t + tl {
            Some((tl, self.t + tl))
        } else if py > self.b - bl {
            Some((bl, self.b - bl))
        } else {
            None
        };
        let right = if py < self.t + tr {
            Some((tr, self.t + tr))
        } else if py > self.b - br {
            Some((br, self.b - br))
        } else {
            None
        };
        let left_edge = self.l + left.map_or(0.0, |c| c.0);
        let right_edge = self.r - right.map_or(0.0, |c| c.0);
        // Pixels wholly inside horizontally and beside no corner all get the row's vertical
        // coverage: [inner0, inner1).
        let inner0 = self.l.max(left_edge - 0.5).ceil();
        let inner1 = self.r.floor().min((right_edge - 0.5).floor() + 1.0);
        Some(RowParams {
            cy,
            py,
            left,
            right,
            left_edge,
            right_edge,
            inner0,
            inner1,
        })
    }

    /// The span `[x0, x1)` of row `y` (clamped to `[lo, hi)`) where every pixel has the same
    /// coverage, and that coverage. An empty span has `x0 == x1`.
    pub fn interior(&self, y: i32, lo: i32, hi: i32) -> (i32, i32, u8) {
        let Some(p) = self.row_params(y) else {
            return (lo, lo, 0);
        };
        let a = (p.inner0 as i64).clamp(i64::from(lo), i64::from(hi)) as i32;
        let b = (p.inner1 as i64).clamp(i64::from(a), i64::from(hi)) as i32;
        (a, b, p.full())
    }

    /// Writes the coverage (0–255) of pixels `x0 ..` on row `y` into `out`.
    pub fn row(&self, y: i32, x0: i32, out: &mut [u8]) {
        let Some(p) = self.row_params(y) else {
            out.fill(0);
            return;
        };
        let n = out.len() as i64;
        let i0 = (p.inner0 as i64 - i64::from(x0)).clamp(0, n) as usize;
        let i1 = (p.inner1 as i64 - i64::from(x0)).clamp(i0 as i64, n) as usize;
        if let Some(mid) = out.get_mut(i0..i1) {
            mid.fill(p.full());
        }
        for i in (0..i0).chain(i1..out.len()) {
            out[i] = self.edge_pixel(&p, x0 + i as i32);
        }
    }

    /// Coverage of one pixel outside the row's interior span.
    fn edge_pixel(&self, p: &RowParams, x: i32) -> u8 {
        let xf = x as f32;
        let px = xf + 0.5;
        let cov = match (p.left, p.right) {
            (Some((rad, cyc)), _) if px < p.left_edge => {
                corner(px - (self.l + rad), p.py - cyc, rad)
            }
            (_, Some((rad, cyc))) if px > p.right_edge => {
                corner(px - (self.r - rad), p.py - cyc, rad)
            }
            _ => (self.r.min(xf + 1.0) - self.l.max(xf)).clamp(0.0, 1.0) * p.cy,
        };
        (cov * 255.0 + 0.5) as u8
    }
}

/// What [`DevRRect::row`] needs to know about one row.
struct RowParams {
    /// Vertical coverage of the row.
    cy: f32,
    /// Pixel-centre y.
    py: f32,
    /// Corner beside the row's left / right end: (radius, circle centre y).
    left: Option<(f32, f32)>,
    right: Option<(f32, f32)>,
    /// Where the corner zones end.
    left_edge: f32,
    right_edge: f32,
    /// The constant-coverage span.
    inner0: f32,
    inner1: f32,
}

impl RowParams {
    fn full(&self) -> u8 {
        (self.cy * 255.0 + 0.5) as u8
    }
}

/// Coverage of a pixel whose centre is `(dx, dy)` from a corner circle of radius `r`.
#[inline]
fn corner(dx: f32, dy: f32, r: f32) -> f32 {
    let d = (dx * dx + dy * dy).sqrt() - r;
    (0.5 - d).clamp(0.0, 1.0)
}

/// A shape whose coverage can be produced row by row.
pub(crate) enum Shape {
    Fill(DevRRect),
    /// Outer minus inner (a border ring); `None` inner means a solid fill.
    Ring(DevRRect, Option<DevRRect>),
}

impl Shape {
    pub fn bounds(&self) -> IRect {
        match self {
            Shape::Fill(s) | Shape::Ring(s, _) => s.bounds(),
        }
    }

    /// Coverage of row `y` from `x0` into `out`, using `tmp` for ring subtraction.
    pub fn row(&self, y: i32, x0: i32, out: &mut [u8], tmp: &mut Vec<u8>) {
        match self {
            Shape::Fill(s) | Shape::Ring(s, None) => s.row(y, x0, out),
            Shape::Ring(o, Some(i)) => {
                o.row(y, x0, out);
                tmp.clear();
                tmp.resize(out.len(), 0);
                i.row(y, x0, tmp);
                for (a, b) in out.iter_mut().zip(tmp.iter()) {
                    *a = blit::mul255(*a, 255 - *b);
                }
            }
        }
    }
}

/// Blends `shape` in premultiplied `color` onto `dst` through `clip`. Constant-coverage
/// spans (a fill's interior, a ring's hole) skip the per-pixel coverage work.
pub(crate) fn fill_shape(
    dst: &mut Pixmap,
    shape: &Shape,
    color: [u8; 4],
    clip: &Clip,
    rows: &mut (Vec<u8>, Vec<u8>),
) {
    let area = shape
        .bounds()
        .intersect(&clip.rect)
        .intersect(&IRect::of_size(dst.width(), dst.height()));
    if area.is_empty() || color[3] == 0 {
        return;
    }
    let (cov, tmp) = rows;
    cov.clear();
    cov.resize(area.width() as usize, 0);
    let mut edges = |dst: &mut Pixmap, y: i32, a: i32, b: i32, tmp: &mut Vec<u8>| {
        if b > a {
            let seg = &mut cov[..(b - a) as usize];
            shape.row(y, a, seg, tmp);
            blit::blend_row(dst, a, y, seg, color, clip.mask);
        }
    };
    for y in area.y0..area.y1 {
        match shape {
            Shape::Fill(s) | Shape::Ring(s, None) => {
                let (a, b, full) = s.interior(y, area.x0, area.x1);
                edges(dst, y, area.x0, a, tmp);
                blit::blend_span(dst, a, b, y, color, full, clip.mask);
                edges(dst, y, b, area.x1, tmp);
            }
            Shape::Ring(_, Some(inner)) => {
                // Where the hole is fully covered the ring is empty: skip it.
                let (a, b, full) = inner.interior(y, area.x0, area.x1);
                if full == 255 && b > a {
                    edges(dst, y, area.x0, a, tmp);
                    edges(dst, y, b, area.x1, tmp);
                } else {
                    edges(dst, y, area.x0, area.x1, tmp);
                }
            }
        }
    }
}

/// Writes `shape`'s coverage into a `width`-wide single-byte buffer (a mask), inside `area`.
pub(crate) fn fill_coverage(
    data: &mut [u8],
    width: usize,
    shape: &Shape,
    area: IRect,
    tmp: &mut Vec<u8>,
) {
    if width == 0 {
        return;
    }
    let height = data.len() / width;
    let area = shape
        .bounds()
        .intersect(&area)
        .intersect(&IRect::of_size(width as u32, height as u32));
    for y in area.y0..area.y1 {
        let start = y as usize * width;
        if let Some(row) = data.get_mut(start + area.x0 as usize..start + area.x1 as usize) {
            shape.row(y, area.x0, row, tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(rect: Rect, r: f32) -> DevRRect {
        DevRRect::new(&Affine::IDENTITY, &rect, &CornerRadii::all(r)).unwrap()
    }

    #[test]
    fn straight_edges_are_exact_area() {
        let s = shape(Rect::new(1.25, 0.5, 2.5, 1.0), 0.0);
        let mut row = [0u8; 5];
        s.row(0, 0, &mut row);
        // Row 0 is half covered vertically; x: 0, .75, 1, .75 (1.25..3.75), 0.
        assert_eq!(row, [0, 96, 128, 96, 0]);
    }

    #[test]
    fn corners_are_round() {
        let s = shape(Rect::new(0.0, 0.0, 20.0, 30.0), 10.0);
        let mut row = [0u8; 20];
        s.row(0, 0, &mut row);
        assert_eq!(row[0], 0);
        assert!(row[10] >= 250, "{}", row[10]);
        s.row(15, 0, &mut row);
        assert!(row.iter().all(|&v| v == 255));
        // The diagonal of a corner: distance to (10,10) from (3.5, 3.5) ≈ 9.19 → inside.
        s.row(3, 0, &mut row);
        assert_eq!(row[3], 255);
        s.row(2, 0, &mut row);
        assert!(row[2] < 200, "{}", row[2]);
    }

    #[test]
    fn non_uniform_scale_with_radii_is_refused() {
        let t = Affine::scale(2.0, 1.0);
        assert!(
            DevRRect::new(&t, &Rect::new(0.0, 0.0, 4.0, 4.0), &CornerRadii::all(1.0)).is_none()
        );
        assert!(DevRRect::new(&t, &Rect::new(0.0, 0.0, 4.0, 4.0), &CornerRadii::ZERO).is_some());
    }
}
