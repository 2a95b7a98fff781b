//! Device-space bounds and the clip state instances carry.
//!
//! A clip stack is folded into what one instance can evaluate: the intersection of the
//! rectangular, axis-aligned clips (a device rectangle) plus at most one *general* clip (rounded
//! or transformed), evaluated in its own coordinates through the inverse of its transform. A
//! second general clip cannot be folded; the batcher then opens a layer (see `batch.rs`).

use kryon_display::{Affine, CornerRadii, Rect};

use super::instances::{ClipData, pixel_scale};

/// An axis-aligned rectangle in device px, as edges. Empty when `x1 <= x0` or `y1 <= y0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Bounds {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Bounds {
    pub const EMPTY: Bounds = Bounds {
        x0: f32::MAX,
        y0: f32::MAX,
        x1: f32::MIN,
        y1: f32::MIN,
    };

    pub fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Self { x0, y0, x1, y1 }
    }

    /// The device bounds of a local rectangle under a transform, `None` when not finite.
    pub fn of(t: &Affine, r: &Rect) -> Option<Bounds> {
        let b = t.bounds_of(r);
        let out = Bounds::new(b.x, b.y, b.right(), b.bottom());
        out.is_finite().then_some(out)
    }

    pub fn is_finite(&self) -> bool {
        self.x0.is_finite() && self.y0.is_finite() && self.x1.is_finite() && self.y1.is_finite()
    }

    pub fn is_empty(&self) -> bool {
        !(self.x1 > self.x0 && self.y1 > self.y0)
    }

    pub fn intersect(&self, o: &Bounds) -> Bounds {
        Bounds::new(
            self.x0.max(o.x0),
            self.y0.max(o.y0),
            self.x1.min(o.x1),
            self.y1.min(o.y1),
        )
    }

    pub fn union(&self, o: &Bounds) -> Bounds {
        Bounds::new(
            self.x0.min(o.x0),
            self.y0.min(o.y0),
            self.x1.max(o.x1),
            self.y1.max(o.y1),
        )
    }

    pub fn intersects(&self, o: &Bounds) -> bool {
        !self.intersect(o).is_empty()
    }

    /// Grown by `d` on each side.
    pub fn inflate(&self, d: f32) -> Bounds {
        Bounds::new(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)
    }

    /// Each edge rounded to the nearest whole pixel.
    pub fn round(&self) -> Bounds {
        Bounds::new(
            self.x0.round(),
            self.y0.round(),
            self.x1.round(),
            self.y1.round(),
        )
    }

    /// Rounded outwards to whole pixels.
    pub fn round_out(&self) -> Bounds {
        Bounds::new(
            self.x0.floor(),
            self.y0.floor(),
            self.x1.ceil(),
            self.y1.ceil(),
        )
    }

    pub fn edges(&self) -> [f32; 4] {
        [self.x0, self.y0, self.x1, self.y1]
    }
}

/// The edges of a local rectangle.
pub(crate) fn edges(r: &Rect) -> [f32; 4] {
    [r.x, r.y, r.right(), r.bottom()]
}

/// Radii with non-finite or negative values zeroed, clamped to the box as CSS does.
pub(crate) fn sane_radii(radii: &CornerRadii, r: &Rect) -> CornerRadii {
    let [tl, tr, br, bl] = radii
        .as_array()
        .map(|v| if v.is_finite() { v.max(0.0) } else { 0.0 });
    CornerRadii {
        top_left: tl,
        top_right: tr,
        bottom_right: br,
        bottom_left: bl,
    }
    .clamped_to(r.width, r.height)
}

/// The clip in force: what instances carry, and the device area anything visible lies in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ClipState {
    pub data: ClipData,
    /// Device bounds of the clip (culling; not drawn).
    pub cull: Bounds,
    /// A general clip is in `data`.
    pub general: bool,
}

/// What pushing a clip did.
pub(crate) enum ClipPush {
    /// The clip state to use from now on.
    Folded(ClipState),
    /// The clip cannot be folded into the current state (a second general clip): draw its
    /// content into a layer that starts from this state, composited under the current one.
    NeedsLayer(ClipState),
    /// Nothing inside can be visible.
    Empty,
}

impl ClipState {
    /// No clip but the target.
    pub fn unclipped(viewport: Bounds) -> Self {
        Self {
            data: ClipData {
                dev: viewport.edges(),
                rect: [0.0; 4],
                radii: [0.0; 4],
                inv: [1.0, 0.0, 0.0, 1.0],
                inv_t: [0.0, 0.0, 1.0, 0.0],
            },
            cull: viewport,
            general: false,
        }
    }

    /// Adds a clip `rect` with `radii`, in the coordinates of `t` (local → device).
    pub fn push(&self, t: &Affine, rect: &Rect, radii: &CornerRadii, viewport: Bounds) -> ClipPush {
        if !rect.is_finite() || rect.is_empty() {
            return ClipPush::Empty;
        }
        let Some(dev) = Bounds::of(t, rect) else {
            return ClipPush::Empty;
        };
        let radii = sane_radii(radii, rect);
        if radii.is_zero() && t.is_axis_aligned() {
            // Snapped to whole pixels like a scissor rectangle (as the CPU renderer does), so
            // content is cut crisply at the nearest pixel edge.
            let dev = dev.round();
            let mut next = *self;
            let d = &next.data.dev;
            let folded = Bounds::new(d[0], d[1], d[2], d[3]).intersect(&dev);
            next.data.dev = folded.edges();
            next.cull = self.cull.intersect(&dev);
            return if next.cull.is_empty() {
                ClipPush::Empty
            } else {
                ClipPush::Folded(next)
            };
        }
        let Some(inv) = t.invert() else {
            return ClipPush::Empty;
        };
        let general = |base: &ClipState, cull: Bounds| ClipState {
            data: ClipData {
                dev: base.data.dev,
                rect: edges(rect),
                radii: radii.as_array(),
                inv: [inv.sx, inv.ky, inv.kx, inv.sy],
                inv_t: [inv.tx, inv.ty, pixel_scale(t), 1.0],
            },
            cull,
            general: true,
        };
        if self.general {
            let fresh = ClipState::unclipped(viewport);
            let cull = viewport.intersect(&dev);
            if cull.is_empty() || self.cull.intersect(&dev).is_empty() {
                return ClipPush::Empty;
            }
            return ClipPush::NeedsLayer(general(&fresh, cull));
        }
        let cull = self.cull.intersect(&dev);
        if cull.is_empty() {
            return ClipPush::Empty;
        }
        ClipPush::Folded(general(self, cull))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewport() -> Bounds {
        Bounds::new(0.0, 0.0, 100.0, 100.0)
    }

    #[test]
    fn rect_clips_fold_and_rounded_clips_nest_through_layers() {
        let base = ClipState::unclipped(viewport());
        let t = Affine::IDENTITY;
        let ClipPush::Folded(a) = base.push(
            &t,
            &Rect::new(10.0, 10.0, 50.0, 50.0),
            &CornerRadii::ZERO,
            viewport(),
        ) else {
            panic!("a rectangle folds");
        };
        assert_eq!(a.data.dev, [10.0, 10.0, 60.0, 60.0]);
        assert!(!a.general);
        let ClipPush::Folded(b) = a.push(
            &t,
            &Rect::new(20.0, 20.0, 20.0, 20.0),
            &CornerRadii::all(5.0),
            viewport(),
        ) else {
            panic!("one rounded clip folds");
        };
        assert!(b.general);
        assert_eq!(b.cull, Bounds::new(20.0, 20.0, 40.0, 40.0));
        assert!(matches!(
            b.push(
                &t,
                &Rect::new(25.0, 25.0, 5.0, 5.0),
                &CornerRadii::all(1.0),
                viewport()
            ),
            ClipPush::NeedsLayer(_)
        ));
        assert!(matches!(
            b.push(
                &t,
                &Rect::new(80.0, 80.0, 5.0, 5.0),
                &CornerRadii::ZERO,
                viewport()
            ),
            ClipPush::Empty
        ));
        assert!(matches!(
            base.push(
                &Affine::scale(0.0, 1.0),
                &Rect::new(0.0, 0.0, 5.0, 5.0),
                &CornerRadii::all(1.0),
                viewport()
            ),
            ClipPush::Empty
        ));
    }
}
