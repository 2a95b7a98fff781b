//! Device-space integer rectangles and the clip state: an axis-aligned pixel rectangle that is
//! always present (cheap culling and scissoring) plus an optional anti-aliased coverage mask
//! for rounded or rotated clips.
//!
//! Masks are full target size (tiny-skia requires the mask and the pixmap to match) and come
//! from a pool, so pushing a clip allocates nothing after the first frames. A mask's non-zero
//! pixels always lie inside its clip state's rectangle, which lets us clear only that area when
//! the mask goes back to the pool.

use kryon_display::Rect;
use tiny_skia::{FillRule, IntSize, Mask, Path};

use super::raster::{Shape, fill_coverage};

/// The largest coordinate we let into integer maths; anything past it is far outside any
/// target anyway.
const COORD_LIMIT: f32 = 1.0e7;

/// Most clip masks alive at once.
const MAX_MASKS: usize = 64;

/// A half-open integer rectangle in device pixels: `x0 ≤ x < x1`, `y0 ≤ y < y1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IRect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl IRect {
    /// The empty rectangle.
    pub const EMPTY: IRect = IRect {
        x0: 0,
        y0: 0,
        x1: 0,
        y1: 0,
    };

    pub const fn new(x0: i32, y0: i32, x1: i32, y1: i32) -> Self {
        Self { x0, y0, x1, y1 }
    }

    /// The rectangle `0,0 – w,h`.
    pub fn of_size(w: u32, h: u32) -> Self {
        Self::new(
            0,
            0,
            w.min(i32::MAX as u32) as i32,
            h.min(i32::MAX as u32) as i32,
        )
    }

    pub fn is_empty(&self) -> bool {
        self.x0 >= self.x1 || self.y0 >= self.y1
    }

    pub fn width(&self) -> u32 {
        if self.is_empty() {
            0
        } else {
            (self.x1 - self.x0) as u32
        }
    }

    pub fn height(&self) -> u32 {
        if self.is_empty() {
            0
        } else {
            (self.y1 - self.y0) as u32
        }
    }

    pub fn intersect(&self, o: &IRect) -> IRect {
        let r = IRect::new(
            self.x0.max(o.x0),
            self.y0.max(o.y0),
            self.x1.min(o.x1),
            self.y1.min(o.y1),
        );
        if r.is_empty() { IRect::EMPTY } else { r }
    }

    /// The smallest rectangle holding both (an empty side is ignored).
    pub fn union(&self, o: &IRect) -> IRect {
        if self.is_empty() {
            return *o;
        }
        if o.is_empty() {
            return *self;
        }
        IRect::new(
            self.x0.min(o.x0),
            self.y0.min(o.y0),
            self.x1.max(o.x1),
            self.y1.max(o.y1),
        )
    }

    /// True when `o` lies inside (an empty `o` always does).
    pub fn contains(&self, o: &IRect) -> bool {
        o.is_empty() || (o.x0 >= self.x0 && o.y0 >= self.y0 && o.x1 <= self.x1 && o.y1 <= self.y1)
    }

    /// Grown by `d` pixels on every side.
    pub fn inflate(&self, d: i32) -> IRect {
        if self.is_empty() {
            return *self;
        }
        IRect::new(
            self.x0.saturating_sub(d),
            self.y0.saturating_sub(d),
            self.x1.saturating_add(d),
            self.y1.saturating_add(d),
        )
    }

    /// The pixels a float rectangle touches (floor/ceil); empty for non-finite input.
    pub fn round_out(r: &Rect) -> IRect {
        let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return IRect::EMPTY;
        }
        let c = |v: f32| v.clamp(-COORD_LIMIT, COORD_LIMIT);
        let r = IRect::new(
            c(x0).floor() as i32,
            c(y0).floor() as i32,
            c(x1).ceil() as i32,
            c(y1).ceil() as i32,
        );
        if r.is_empty() { IRect::EMPTY } else { r }
    }

    /// Pixel-snapped (rounded) edges, as browsers snap overflow clips; empty for non-finite
    /// input.
    pub fn snap(r: &Rect) -> IRect {
        let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return IRect::EMPTY;
        }
        let c = |v: f32| v.clamp(-COORD_LIMIT, COORD_LIMIT).round() as i32;
        let r = IRect::new(c(x0), c(y0), c(x1), c(y1));
        if r.is_empty() { IRect::EMPTY } else { r }
    }

    /// The pixels a float rectangle covers completely (ceil/floor); empty for non-finite
    /// input.
    pub fn round_in(r: &Rect) -> IRect {
        let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return IRect::EMPTY;
        }
        let c = |v: f32| v.clamp(-COORD_LIMIT, COORD_LIMIT);
        let r = IRect::new(
            c(x0).ceil() as i32,
            c(y0).ceil() as i32,
            c(x1).floor() as i32,
            c(y1).floor() as i32,
        );
        if r.is_empty() { IRect::EMPTY } else { r }
    }

    /// Shrunk by `dx` horizontally and `dy` vertically on each side.
    pub fn deflate(&self, dx: i32, dy: i32) -> IRect {
        let r = IRect::new(
            self.x0.saturating_add(dx),
            self.y0.saturating_add(dy),
            self.x1.saturating_sub(dx),
            self.y1.saturating_sub(dy),
        );
        if r.is_empty() { IRect::EMPTY } else { r }
    }

    pub fn to_rect(self) -> Rect {
        Rect::new(
            self.x0 as f32,
            self.y0 as f32,
            self.width() as f32,
            self.height() as f32,
        )
    }
}

/// The clip in force: `rect` always bounds it; `mask` (an index into [`MaskStack`]) refines it.
/// `full` are two areas where the clip's coverage is known to be complete (for a rounded
/// clip, the cross of its inner bands): items inside either need no mask at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ClipState {
    pub rect: IRect,
    pub mask: Option<usize>,
    pub full: [IRect; 2],
}

impl ClipState {
    /// A clip with no known fully-covered area.
    pub fn new(rect: IRect, mask: Option<usize>) -> Self {
        Self {
            rect,
            mask,
            full: [IRect::EMPTY; 2],
        }
    }

    /// A plain rectangle clip (fully covered everywhere inside).
    pub fn rect(rect: IRect) -> Self {
        Self {
            rect,
            mask: None,
            full: [rect; 2],
        }
    }

    /// True when `bounds` lies where the clip lets everything through.
    pub fn fully_inside(&self, bounds: &IRect) -> bool {
        !bounds.is_empty() && self.full.iter().any(|f| f.contains(bounds))
    }
}

/// Active clip masks (a stack, indexed by [`ClipState::mask`]) and a pool of spare ones.
pub(crate) struct MaskStack {
    active: Vec<Mask>,
    /// Non-zero area of each active mask, to clear only that on release.
    used: Vec<IRect>,
    pool: Vec<Mask>,
    size: (u32, u32),
}

impl MaskStack {
    pub fn new() -> Self {
        Self {
            active: Vec::new(),
            used: Vec::new(),
            pool: Vec::new(),
            size: (0, 0),
        }
    }

    /// Starts a frame at the given target size (drops pooled masks of another size).
    pub fn begin(&mut self, w: u32, h: u32) {
        self.truncate(0);
        if self.size != (w, h) {
            self.pool.clear();
            self.size = (w, h);
        }
    }

    pub fn len(&self) -> usize {
        self.active.len()
    }

    pub fn get(&self, index: Option<usize>) -> Option<&Mask> {
        index.and_then(|i| self.active.get(i))
    }

    /// Releases masks above `len` back to the pool.
    pub fn truncate(&mut self, len: usize) {
        while self.active.len() > len {
            let (Some(mut mask), Some(used)) = (self.active.pop(), self.used.pop()) else {
                break;
            };
            clear_area(&mut mask, used);
            self.pool.push(mask);
        }
    }

    /// A zeroed full-size mask pushed on the stack, or `None` when the size is unusable.
    fn acquire(&mut self, used: IRect) -> Option<usize> {
        // Each mask is target-sized: bound the memory a deeply nested list can claim (callers
        // fall back to the clip's bounding rectangle).
        if self.active.len() >= MAX_MASKS {
            return None;
        }
        let mask = match self.pool.pop() {
            Some(m) => m,
            None => Mask::new(self.size.0, self.size.1)?,
        };
        self.active.push(mask);
        self.used.push(used);
        Some(self.active.len() - 1)
    }

    /// A mask covering exactly `rect` (used when a plain rectangle clip must become a mask).
    pub fn push_rect(&mut self, rect: IRect) -> Option<usize> {
        let index = self.acquire(rect)?;
        let width = self.size.0 as usize;
        let mask = self.active.get_mut(index)?;
        for_rows(mask.data_mut(), width, rect, |row| row.fill(255));
        Some(index)
    }

    /// A mask equal to active mask `parent` inside `rect` and zero outside.
    pub fn push_sub_rect(&mut self, parent: usize, rect: IRect) -> Option<usize> {
        if parent >= self.active.len() {
            return None;
        }
        let rect = rect.intersect(&IRect::of_size(self.size.0, self.size.1));
        let index = self.acquire(rect)?;
        let width = self.size.0 as usize;
        let (before, rest) = self.active.split_at_mut(index);
        let (Some(src), Some(dst)) = (before.get(parent), rest.first_mut()) else {
            return Some(index);
        };
        let src = src.data();
        let dst = dst.data_mut();
        for y in rect.y0..rect.y1 {
            let start = y as usize * width;
            let range = start + rect.x0 as usize..start + rect.x1 as usize;
            if let (Some(d), Some(s)) = (dst.get_mut(range.clone()), src.get(range)) {
                d.copy_from_slice(s);
            }
        }
        Some(index)
    }

    /// A mask for `path` (device coordinates, anti-aliased) intersected with `parent`. Returns
    /// the new clip state.
    pub fn push_path(&mut self, path: &Path, parent: ClipState) -> Option<ClipState> {
        let b = path.bounds();
        let bounds = IRect::round_out(&Rect::new(b.x(), b.y(), b.width(), b.height()));
        self.push_filled(bounds, parent, |mask, _| {
            mask.fill_path(
                path,
                FillRule::Winding,
                true,
                tiny_skia::Transform::identity(),
            );
        })
    }

    /// A mask for an analytic shape intersected with `parent`.
    pub fn push_shape(
        &mut self,
        shape: &Shape,
        parent: ClipState,
        tmp: &mut Vec<u8>,
    ) -> Option<ClipState> {
        self.push_filled(shape.bounds(), parent, |mask, area| {
            let width = mask.width() as usize;
            fill_coverage(mask.data_mut(), width, shape, area, tmp);
        })
    }

    /// Pushes a mask that `fill` draws (within `bounds`), then intersects it with `parent`.
    fn push_filled(
        &mut self,
        bounds: IRect,
        parent: ClipState,
        fill: impl FnOnce(&mut Mask, IRect),
    ) -> Option<ClipState> {
        let rect = bounds.intersect(&parent.rect);
        if rect.is_empty() {
            return Some(ClipState::rect(IRect::EMPTY));
        }
        // The shape may cover pixels outside the parent rectangle: record the larger area as
        // used so release clears all of it.
        let touched = bounds.intersect(&IRect::of_size(self.size.0, self.size.1));
        let index = self.acquire(touched)?;
        let width = self.size.0 as usize;
        let (before, rest) = self.active.split_at_mut(index);
        let mask = rest.first_mut()?;
        fill(mask, touched);
        let parent_mask = parent.mask.and_then(|i| before.get(i));
        if parent_mask.is_none() && rect == touched {
            // Nothing to cut: the shape lies inside a plain rectangular parent.
            return Some(ClipState::new(rect, Some(index)));
        }
        let data = mask.data_mut();
        // Zero what lies outside the parent rectangle, and multiply by the parent mask inside.
        for y in touched.y0..touched.y1 {
            let start = y as usize * width;
            let Some(row) = data.get_mut(start..start + width) else {
                continue;
            };
            let inside_rows = y >= rect.y0 && y < rect.y1;
            for x in touched.x0..touched.x1 {
                let xi = x as usize;
                if !inside_rows || x < rect.x0 || x >= rect.x1 {
                    row[xi] = 0;
                } else if let Some(pm) = parent_mask {
                    let p = pm.data().get(start + xi).copied().unwrap_or(0);
                    row[xi] = crate::cpu::blit::mul255(row[xi], p);
                }
            }
        }
        Some(ClipState::new(rect, Some(index)))
    }
}

/// Zeroes `area` of a mask.
fn clear_area(mask: &mut Mask, area: IRect) {
    let width = mask.width() as usize;
    for_rows(mask.data_mut(), width, area, |row| row.fill(0));
}

/// Calls `f` with each row slice of `area` inside a `width`-wide single-byte buffer.
fn for_rows(data: &mut [u8], width: usize, area: IRect, mut f: impl FnMut(&mut [u8])) {
    if area.is_empty() || width == 0 {
        return;
    }
    let height = data.len() / width;
    let area = area.intersect(&IRect::of_size(width as u32, height as u32));
    for y in area.y0..area.y1 {
        let start = y as usize * width;
        if let Some(row) = data.get_mut(start + area.x0 as usize..start + area.x1 as usize) {
            f(row);
        }
    }
}

/// A pooled single-byte buffer turned into a `w × h` mask (zeroed), and back.
pub(crate) fn mask_from_pool(pool: &mut Vec<u8>, w: u32, h: u32) -> Option<Mask> {
    let size = IntSize::from_wh(w, h)?;
    let mut data = std::mem::take(pool);
    data.clear();
    data.resize(w as usize * h as usize, 0);
    Mask::from_vec(data, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irect_basics() {
        let a = IRect::new(0, 0, 10, 10);
        let b = IRect::new(5, 5, 20, 20);
        assert_eq!(a.intersect(&b), IRect::new(5, 5, 10, 10));
        assert_eq!(a.union(&b), IRect::new(0, 0, 20, 20));
        assert!(a.intersect(&IRect::new(20, 20, 30, 30)).is_empty());
        assert!(a.contains(&IRect::new(1, 1, 9, 9)));
        assert!(!a.contains(&b));
        assert_eq!(
            IRect::round_out(&Rect::new(0.5, 0.5, 1.0, 1.0)),
            IRect::new(0, 0, 2, 2)
        );
        assert!(IRect::round_out(&Rect::new(f32::NAN, 0.0, 1.0, 1.0)).is_empty());
        assert_eq!(
            IRect::snap(&Rect::new(0.4, 0.6, 2.0, 2.0)),
            IRect::new(0, 1, 2, 3)
        );
    }
}
