//! Geometry and colour primitives of the display list.

/// A straight-alpha 8-bit sRGB colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Alpha (255 = opaque).
    pub a: u8,
}

impl Color {
    /// Fully transparent.
    pub const TRANSPARENT: Color = Color::rgba(0, 0, 0, 0);
    /// Opaque white.
    pub const WHITE: Color = Color::rgba(255, 255, 255, 255);
    /// Opaque black.
    pub const BLACK: Color = Color::rgba(0, 0, 0, 255);

    /// A colour from its components.
    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Self {
        Self { r, g, b, a }
    }

    /// True when drawing this colour changes nothing.
    pub fn is_transparent(&self) -> bool {
        self.a == 0
    }

    /// The colour with its alpha multiplied by `factor` (0–1).
    pub fn with_alpha_factor(self, factor: f32) -> Self {
        let a = (f32::from(self.a) * factor.clamp(0.0, 1.0)).round() as u8;
        Self { a, ..self }
    }
}

/// A point in logical px.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Horizontal coordinate.
    pub x: f32,
    /// Vertical coordinate.
    pub y: f32,
}

impl Point {
    /// A point from its coordinates.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle in logical px (origin top-left, y down).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width (never negative in a well-formed list).
    pub width: f32,
    /// Height (never negative in a well-formed list).
    pub height: f32,
}

impl Rect {
    /// A rectangle from origin and size.
    pub const fn new(x: f32, y: f32, width: f32, height: f32) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// True when every field is finite.
    pub fn is_finite(&self) -> bool {
        self.x.is_finite()
            && self.y.is_finite()
            && self.width.is_finite()
            && self.height.is_finite()
    }

    /// True when the rectangle covers no area.
    pub fn is_empty(&self) -> bool {
        !(self.width > 0.0 && self.height > 0.0)
    }

    /// The rectangle grown by `d` on every side (shrunk when negative, never below zero size).
    pub fn inflate(&self, d: f32) -> Rect {
        Rect {
            x: self.x - d,
            y: self.y - d,
            width: (self.width + 2.0 * d).max(0.0),
            height: (self.height + 2.0 * d).max(0.0),
        }
    }

    /// The overlap of two rectangles (empty, with zero size, when they do not meet).
    pub fn intersect(&self, other: &Rect) -> Rect {
        let x = self.x.max(other.x);
        let y = self.y.max(other.y);
        let right = self.right().min(other.right());
        let bottom = self.bottom().min(other.bottom());
        Rect::new(x, y, (right - x).max(0.0), (bottom - y).max(0.0))
    }

    /// True when the point lies inside (left/top edges inclusive).
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.y >= self.y && p.x < self.right() && p.y < self.bottom()
    }

    /// The centre.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
}

/// Corner radii in logical px, CSS order: top-left, top-right, bottom-right, bottom-left.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CornerRadii {
    /// Top-left.
    pub top_left: f32,
    /// Top-right.
    pub top_right: f32,
    /// Bottom-right.
    pub bottom_right: f32,
    /// Bottom-left.
    pub bottom_left: f32,
}

impl CornerRadii {
    /// Square corners.
    pub const ZERO: CornerRadii = CornerRadii::all(0.0);

    /// The same radius on every corner.
    pub const fn all(r: f32) -> Self {
        Self {
            top_left: r,
            top_right: r,
            bottom_right: r,
            bottom_left: r,
        }
    }

    /// True when every corner is square.
    pub fn is_zero(&self) -> bool {
        self.as_array().iter().all(|r| *r <= 0.0)
    }

    /// The radii as `[top_left, top_right, bottom_right, bottom_left]`.
    pub fn as_array(&self) -> [f32; 4] {
        [
            self.top_left,
            self.top_right,
            self.bottom_right,
            self.bottom_left,
        ]
    }

    /// Radii scaled down as CSS does (css-backgrounds §5.5) so adjacent corners never overlap
    /// within a `width` × `height` box. Producers call this; renderers may assume it holds.
    pub fn clamped_to(&self, width: f32, height: f32) -> CornerRadii {
        let [tl, tr, br, bl] = self.as_array().map(|r| r.max(0.0));
        let mut f: f32 = 1.0;
        for (sum, side) in [
            (tl + tr, width),
            (bl + br, width),
            (tl + bl, height),
            (tr + br, height),
        ] {
            if sum > side && sum > 0.0 {
                f = f.min(side.max(0.0) / sum);
            }
        }
        CornerRadii {
            top_left: tl * f,
            top_right: tr * f,
            bottom_right: br * f,
            bottom_left: bl * f,
        }
    }

    /// Radii for a box grown by `spread` on every side (shrunk when negative), as CSS computes a
    /// box shadow's shape (css-backgrounds §7.1.1): radii smaller than the spread grow less, so
    /// square corners stay square. Not clamped to any box.
    pub fn spread(&self, spread: f32) -> CornerRadii {
        let grow = |r: f32| {
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
        };
        let [top_left, top_right, bottom_right, bottom_left] = self.as_array().map(grow);
        CornerRadii {
            top_left,
            top_right,
            bottom_right,
            bottom_left,
        }
    }

    /// Radii for a box inset by the given side widths (top, right, bottom, left), as CSS
    /// computes the inner (padding-box) edge of a border.
    pub fn shrunk(&self, top: f32, right: f32, bottom: f32, left: f32) -> CornerRadii {
        CornerRadii {
            top_left: (self.top_left - left.max(top)).max(0.0),
            top_right: (self.top_right - right.max(top)).max(0.0),
            bottom_right: (self.bottom_right - right.max(bottom)).max(0.0),
            bottom_left: (self.bottom_left - left.max(bottom)).max(0.0),
        }
    }
}

/// A 2D affine transform: `x' = sx·x + kx·y + tx`, `y' = ky·x + sy·y + ty` (the same layout as
/// tiny-skia's `Transform` and a column-major 3×2 matrix).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Affine {
    /// x scale.
    pub sx: f32,
    /// y shear (how much x feeds y').
    pub ky: f32,
    /// x shear (how much y feeds x').
    pub kx: f32,
    /// y scale.
    pub sy: f32,
    /// x translation.
    pub tx: f32,
    /// y translation.
    pub ty: f32,
}

impl Default for Affine {
    fn default() -> Self {
        Self::IDENTITY
    }
}

impl Affine {
    /// The identity.
    pub const IDENTITY: Affine = Affine {
        sx: 1.0,
        ky: 0.0,
        kx: 0.0,
        sy: 1.0,
        tx: 0.0,
        ty: 0.0,
    };

    /// A translation.
    pub const fn translate(tx: f32, ty: f32) -> Self {
        Affine {
            tx,
            ty,
            ..Self::IDENTITY
        }
    }

    /// A scale about the origin.
    pub const fn scale(sx: f32, sy: f32) -> Self {
        Affine {
            sx,
            sy,
            ..Self::IDENTITY
        }
    }

    /// A clockwise rotation (y points down) about the origin, in degrees.
    pub fn rotate_deg(deg: f32) -> Self {
        let (sin, cos) = deg.to_radians().sin_cos();
        Affine {
            sx: cos,
            ky: sin,
            kx: -sin,
            sy: cos,
            tx: 0.0,
            ty: 0.0,
        }
    }

    /// `self` applied after `first`: `(self ∘ first)(p) = self(first(p))`.
    pub fn after(&self, first: &Affine) -> Affine {
        Affine {
            sx: self.sx * first.sx + self.kx * first.ky,
            ky: self.ky * first.sx + self.sy * first.ky,
            kx: self.sx * first.kx + self.kx * first.sy,
            sy: self.ky * first.kx + self.sy * first.sy,
            tx: self.sx * first.tx + self.kx * first.ty + self.tx,
            ty: self.ky * first.tx + self.sy * first.ty + self.ty,
        }
    }

    /// Applies the transform to a point.
    pub fn apply(&self, p: Point) -> Point {
        Point::new(
            self.sx * p.x + self.kx * p.y + self.tx,
            self.ky * p.x + self.sy * p.y + self.ty,
        )
    }

    /// The inverse, or `None` when the transform collapses the plane (zero scale).
    pub fn invert(&self) -> Option<Affine> {
        let det = self.sx * self.sy - self.kx * self.ky;
        if det.abs() < 1e-12 || !det.is_finite() {
            return None;
        }
        let inv = 1.0 / det;
        Some(Affine {
            sx: self.sy * inv,
            ky: -self.ky * inv,
            kx: -self.kx * inv,
            sy: self.sx * inv,
            tx: (self.kx * self.ty - self.sy * self.tx) * inv,
            ty: (self.ky * self.tx - self.sx * self.ty) * inv,
        })
    }

    /// True for the identity.
    pub fn is_identity(&self) -> bool {
        *self == Self::IDENTITY
    }

    /// True when the transform is a translation plus a positive axis-aligned scale (rectangles
    /// stay rectangles, so scissor clipping still works).
    pub fn is_axis_aligned(&self) -> bool {
        self.kx == 0.0 && self.ky == 0.0 && self.sx > 0.0 && self.sy > 0.0
    }

    /// The axis-aligned bounding box of a transformed rectangle.
    pub fn bounds_of(&self, r: &Rect) -> Rect {
        let corners = [
            self.apply(Point::new(r.x, r.y)),
            self.apply(Point::new(r.right(), r.y)),
            self.apply(Point::new(r.right(), r.bottom())),
            self.apply(Point::new(r.x, r.bottom())),
        ];
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for c in corners {
            x0 = x0.min(c.x);
            y0 = y0.min(c.y);
            x1 = x1.max(c.x);
            y1 = y1.max(c.y);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Point, b: Point) -> bool {
        (a.x - b.x).abs() < 1e-4 && (a.y - b.y).abs() < 1e-4
    }

    #[test]
    fn rotation_is_clockwise_with_y_down() {
        let p = Affine::rotate_deg(90.0).apply(Point::new(1.0, 0.0));
        assert!(close(p, Point::new(0.0, 1.0)), "{p:?}");
    }

    #[test]
    fn composition_order_and_inverse() {
        let t = Affine::translate(10.0, 0.0).after(&Affine::scale(2.0, 2.0));
        assert!(close(t.apply(Point::new(1.0, 1.0)), Point::new(12.0, 2.0)));
        let inv = t.invert().expect("invertible");
        assert!(close(
            inv.apply(Point::new(12.0, 2.0)),
            Point::new(1.0, 1.0)
        ));
        assert!(Affine::scale(0.0, 1.0).invert().is_none());
    }

    #[test]
    fn radii_clamp_like_css() {
        let r = CornerRadii::all(80.0).clamped_to(100.0, 40.0);
        assert!((r.top_left - 20.0).abs() < 1e-4);
        assert_eq!(
            CornerRadii::all(5.0).clamped_to(100.0, 40.0),
            CornerRadii::all(5.0)
        );
        let inner = CornerRadii::all(10.0).shrunk(2.0, 4.0, 2.0, 4.0);
        assert_eq!(inner.top_left, 6.0);
    }

    #[test]
    fn spread_radii_follow_css() {
        let spread = |r: f32, s: f32| CornerRadii::all(r).spread(s).top_left;
        assert_eq!(spread(0.0, 10.0), 0.0);
        assert_eq!(spread(20.0, 10.0), 30.0);
        assert_eq!(spread(5.0, -10.0), 0.0);
        let small = spread(5.0, 10.0);
        assert!(small > 5.0 && small < 15.0);
    }

    #[test]
    fn rect_intersection_and_bounds() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        let b = Rect::new(5.0, 5.0, 10.0, 10.0);
        assert_eq!(a.intersect(&b), Rect::new(5.0, 5.0, 5.0, 5.0));
        assert!(a.intersect(&Rect::new(20.0, 20.0, 1.0, 1.0)).is_empty());
        let bounds = Affine::rotate_deg(90.0).bounds_of(&Rect::new(0.0, 0.0, 10.0, 2.0));
        assert!((bounds.width - 2.0).abs() < 1e-4 && (bounds.height - 10.0).abs() < 1e-4);
    }

    #[test]
    fn alpha_factor() {
        assert_eq!(Color::rgba(255, 0, 0, 255).with_alpha_factor(0.5).a, 128);
    }
}
