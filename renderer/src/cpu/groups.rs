//! Push/pop groups: clips (rectangles or masks), opacity layers and transforms. Every group
//! saves the whole drawing state at its push and restores it at its pop, so a mismatched or
//! missing pop can never leave state half-restored; a pop of the wrong kind is ignored and
//! groups still open at the end of the list are closed (their layers composited).

use kryon_display::{Affine, CornerRadii, Rect};
use tiny_skia::Pixmap;

use super::blit::{self, Clip};
use super::clip::{ClipState, IRect};
use super::{MAX_LAYERS, Painter, raster, shapes};

/// An opacity group being drawn: its pixmap and the area drawn so far.
pub(crate) struct Layer {
    pub(crate) pixmap: Pixmap,
    pub(crate) dirty: IRect,
    pub(crate) opacity: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GroupKind {
    Clip,
    Opacity,
    Transform,
}

/// An open push: what to restore at its pop.
pub(crate) struct Group {
    pub(crate) kind: GroupKind,
    pub(crate) clip: ClipState,
    pub(crate) masks_len: usize,
    pub(crate) transform: Affine,
    /// The push suppressed drawing (zero opacity, singular transform).
    pub(crate) suppresses: bool,
    /// The push opened a layer.
    pub(crate) layer: bool,
}

impl Painter<'_> {
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

    pub(super) fn push_clip(&mut self, rect: &Rect, radii: &CornerRadii) {
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

    pub(super) fn push_opacity(&mut self, opacity: f32) {
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

    pub(super) fn push_transform(&mut self, local: &Affine) {
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
    pub(super) fn pop(&mut self, kind: GroupKind) {
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
    pub(super) fn finish(&mut self) {
        while !self.groups.is_empty() {
            self.close_top();
        }
        self.masks.truncate(0);
    }
}
