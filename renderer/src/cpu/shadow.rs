//! CSS box shadows: the shadow shape is rasterized into a small coverage buffer covering only
//! the visible area plus the blur's reach, blurred with three box passes per axis (the
//! Gaussian approximation the SVG/CSS filter specs describe), cut by the element's shape
//! (outside the border box for outer shadows, inside the padding box for inset ones) and
//! blended tinted with the shadow colour.

use std::collections::HashMap;

use kryon_display::{Affine, CornerRadii, Rect, ShadowItem};
use tiny_skia::{FillRule, Mask, Transform};

use super::Canvas;
use super::blit::{self, Source, mul255, premultiply};
use super::clip::{IRect, mask_from_pool};
use super::raster::{DevRRect, Shape, fill_coverage};
use super::shapes::{build_path, rect_ok, recycle, sane_radii};

/// Largest device σ we blur with: the work grows with the area the blur reaches, and past
/// this a shadow is a faint wash anyway.
const MAX_SIGMA: f32 = 200.0;

/// Device-space blur σ for a shadow under transform `t` (σ = blur / 2, scaled by the
/// transform's average scale).
fn device_sigma(t: &Affine, blur: f32) -> f32 {
    let scale = (t.sx * t.sy - t.kx * t.ky).abs().sqrt();
    let sigma = blur.max(0.0) / 2.0 * scale;
    if sigma.is_finite() {
        sigma.min(MAX_SIGMA)
    } else {
        0.0
    }
}

/// How far (device px) the blur reaches past the shape, plus one for anti-aliasing.
fn reach(sigma: f32) -> i32 {
    (3.0 * sigma).ceil() as i32 + 1
}

/// The outer shadow's shape: the border box `rect` offset and grown by `spread`.
fn outer_shape(s: &ShadowItem, rect: &Rect, radii: &CornerRadii) -> Option<(Rect, CornerRadii)> {
    let r = Rect::new(
        rect.x + s.offset.x - s.spread,
        rect.y + s.offset.y - s.spread,
        rect.width + 2.0 * s.spread,
        rect.height + 2.0 * s.spread,
    );
    if !rect_ok(&r) {
        return None;
    }
    let radii = radii.spread(s.spread).clamped_to(r.width, r.height);
    Some((r, radii))
}

/// The inset shadow's hole: the padding box `rect` offset and shrunk by `spread`.
fn inset_hole(s: &ShadowItem, rect: &Rect, radii: &CornerRadii) -> Option<(Rect, CornerRadii)> {
    let r = Rect::new(
        rect.x + s.offset.x + s.spread,
        rect.y + s.offset.y + s.spread,
        rect.width - 2.0 * s.spread,
        rect.height - 2.0 * s.spread,
    );
    if !rect_ok(&r) {
        return None;
    }
    let radii = radii.spread(-s.spread).clamped_to(r.width, r.height);
    Some((r, radii))
}

fn item_ok(s: &ShadowItem) -> bool {
    rect_ok(&s.rect)
        && !s.color.is_transparent()
        && s.offset.x.is_finite()
        && s.offset.y.is_finite()
        && s.blur.is_finite()
        && s.spread.is_finite()
}

/// The element shape a shadow is cut by: the border box for outer shadows, the padding box
/// (border box inset by the border widths, inner radii) for inset ones. `None` when it is
/// empty and an inset shadow has nowhere to show.
fn element_shape(s: &ShadowItem) -> Option<(Rect, CornerRadii)> {
    let radii = sane_radii(&s.radii, s.rect.width, s.rect.height);
    if !s.inset {
        return Some((s.rect, radii));
    }
    let outer = ShadowItem { radii, ..*s };
    let (rect, inner) = outer.padding_box();
    rect_ok(&rect).then(|| (rect, sane_radii(&inner, rect.width, rect.height)))
}

/// Device bounds of everything the shadow may touch.
pub(crate) fn shadow_bounds(t: &Affine, s: &ShadowItem) -> IRect {
    if !item_ok(s) {
        return IRect::EMPTY;
    }
    let Some((rect, radii)) = element_shape(s) else {
        return IRect::EMPTY;
    };
    if s.inset {
        return IRect::round_out(&t.bounds_of(&rect)).inflate(1);
    }
    match outer_shape(s, &rect, &radii) {
        Some((r, _)) => IRect::round_out(&t.bounds_of(&r)).inflate(reach(device_sigma(t, s.blur))),
        None => IRect::EMPTY,
    }
}

/// Draws one box shadow.
pub(crate) fn draw_shadow(c: &mut Canvas, s: &ShadowItem) {
    if !item_ok(s) {
        return;
    }
    let t = c.transform;
    let sigma = device_sigma(&t, s.blur);
    let margin = reach(sigma);
    let Some((rect, radii)) = element_shape(s) else {
        return;
    };
    let element_dev = IRect::round_out(&t.bounds_of(&rect)).inflate(1);

    let (shape, visible) = if s.inset {
        (
            inset_hole(s, &rect, &radii),
            element_dev.intersect(&c.clip.rect),
        )
    } else {
        let Some(shape) = outer_shape(s, &rect, &radii) else {
            return;
        };
        let extent = IRect::round_out(&t.bounds_of(&shape.0)).inflate(margin);
        (Some(shape), extent.intersect(&c.clip.rect))
    };
    if visible.is_empty() {
        return;
    }
    // The blur only needs the shape within its reach of the visible area.
    let region = visible.inflate(margin);
    let (w, h) = (region.width(), region.height());
    let local = Affine::translate(-(region.x0 as f32), -(region.y0 as f32)).after(&t);

    let clip = blit::Clip {
        rect: visible,
        mask: c.clip.mask,
    };
    let color = premultiply(s.color);
    let key = ShadowKey::new(&local, s, &rect, &radii, sigma, w, h);
    if let Some(cov) = c.scratch.shadows.get(&key) {
        let src = Source {
            data: cov,
            width: w,
            height: h,
            stride: w as usize,
            x: region.x0,
            y: region.y0,
        };
        blit::blit_coverage(c.surface, &src, color, &clip);
        return;
    }

    let Some(mut cov) = mask_from_pool(&mut c.scratch.a8, w, h) else {
        return;
    };
    if let Some((r, rr)) = &shape {
        fill_shape(c, &mut cov, local, r, rr);
    }
    blur(
        cov.data_mut(),
        w as usize,
        h as usize,
        sigma,
        &mut c.scratch.blur,
    );

    let Some(mut element) = mask_from_pool(&mut c.scratch.a8b, w, h) else {
        c.scratch.a8 = cov.take();
        return;
    };
    fill_shape(c, &mut element, local, &rect, &radii);
    let inset = s.inset;
    for (a, e) in cov.data_mut().iter_mut().zip(element.data()) {
        *a = if inset {
            mul255(255 - *a, *e)
        } else {
            mul255(*a, 255 - *e)
        };
    }
    c.scratch.a8b = element.take();

    let src = Source {
        data: cov.data(),
        width: w,
        height: h,
        stride: w as usize,
        x: region.x0,
        y: region.y0,
    };
    blit::blit_coverage(c.surface, &src, color, &clip);
    // Keep the finished coverage: the same shadow next frame is a single blit.
    c.scratch.shadows.insert(key, cov.take());
}

/// Everything a shadow's coverage buffer depends on (floats by their bits).
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct ShadowKey {
    floats: [u32; 19],
    size: (u32, u32),
    inset: bool,
}

impl ShadowKey {
    fn new(
        local: &Affine,
        s: &ShadowItem,
        rect: &Rect,
        radii: &CornerRadii,
        sigma: f32,
        w: u32,
        h: u32,
    ) -> Self {
        let f = [
            local.sx,
            local.ky,
            local.kx,
            local.sy,
            local.tx,
            local.ty,
            rect.x,
            rect.y,
            rect.width,
            rect.height,
            s.offset.x,
            s.offset.y,
            s.spread,
            radii.top_left,
            radii.top_right,
            radii.bottom_right,
            radii.bottom_left,
            sigma,
            0.0,
        ];
        Self {
            floats: f.map(f32::to_bits),
            size: (w, h),
            inset: s.inset,
        }
    }
}

/// Finished shadow coverage buffers, kept while frames keep using them.
#[derive(Default)]
pub(crate) struct ShadowCache {
    map: HashMap<ShadowKey, (Vec<u8>, u64)>,
    frame: u64,
    bytes: usize,
}

/// Upper bound on cached shadow bytes; past it the cache starts over.
const SHADOW_CACHE_BYTES: usize = 32 << 20;

impl ShadowCache {
    /// Drops entries the previous two frames did not use.
    pub fn begin_frame(&mut self) {
        self.frame += 1;
        let keep_after = self.frame.saturating_sub(2);
        if self.map.values().any(|(_, used)| *used < keep_after) {
            self.map.retain(|_, (_, used)| *used >= keep_after);
            self.bytes = self.map.values().map(|(v, _)| v.len()).sum();
        }
    }

    fn get(&mut self, key: &ShadowKey) -> Option<&[u8]> {
        let frame = self.frame;
        self.map.get_mut(key).map(|(v, used)| {
            *used = frame;
            v.as_slice()
        })
    }

    fn insert(&mut self, key: ShadowKey, coverage: Vec<u8>) {
        if self.bytes + coverage.len() > SHADOW_CACHE_BYTES {
            self.map.clear();
            self.bytes = 0;
        }
        self.bytes += coverage.len();
        if let Some((old, _)) = self.map.insert(key, (coverage, self.frame)) {
            self.bytes -= old.len();
        }
    }
}

fn fill_shape(c: &mut Canvas, mask: &mut Mask, t: Affine, r: &Rect, radii: &CornerRadii) {
    if let Some(dev) = DevRRect::new(&t, r, radii) {
        let (w, h) = (mask.width(), mask.height());
        let tmp = &mut c.scratch.rows.1;
        fill_coverage(
            mask.data_mut(),
            w as usize,
            &Shape::Fill(dev),
            IRect::of_size(w, h),
            tmp,
        );
        return;
    }
    // tiny-skia's path filler panics on astronomically large coordinates (fuzz found a
    // 1e30 spread); a shape that large is not drawable, so it is skipped.
    let b = t.bounds_of(r);
    if ![b.x, b.y, b.right(), b.bottom()]
        .iter()
        .all(|v| v.is_finite() && v.abs() < 1.0e6)
    {
        return;
    }
    if let Some(path) = build_path(&mut c.scratch.path, t, |s| s.rrect(r, radii)) {
        mask.fill_path(&path, FillRule::Winding, true, Transform::identity());
        recycle(&mut c.scratch.path, path);
    }
}

/// Gaussian blur approximated by three box blurs per axis (SVG feGaussianBlur's recipe:
/// box size d = ⌊σ·3·√(2π)/4 + ½⌋; for even d two offset boxes and one of d + 1).
pub(crate) fn blur(data: &mut [u8], w: usize, h: usize, sigma: f32, bufs: &mut BlurBuffers) {
    let d = (sigma * 3.0 * (2.0 * std::f32::consts::PI).sqrt() / 4.0 + 0.5).floor() as usize;
    if d <= 1 || w == 0 || h == 0 || data.len() < w * h {
        return;
    }
    let passes: [(usize, usize); 3] = if d % 2 == 1 {
        let r = (d - 1) / 2;
        [(r, r), (r, r), (r, r)]
    } else {
        let r = d / 2;
        [(r, r - 1), (r - 1, r), (r, r)]
    };
    let data = &mut data[..w * h];
    // Rows: each line blurred in place through two line buffers.
    bufs.line.clear();
    bufs.line.resize(w * 2, 0);
    let (a, b) = bufs.line.split_at_mut(w);
    for row in data.chunks_exact_mut(w) {
        box_pass(row, a, passes[0]);
        box_pass(a, b, passes[1]);
        box_pass(b, row, passes[2]);
    }
    // Columns: whole rows at a time with a vector of running sums (cache friendly).
    bufs.image.clear();
    bufs.image.resize(w * h, 0);
    box_pass_columns(data, &mut bufs.image, w, passes[0], &mut bufs.sums);
    let tmp = std::mem::take(&mut bufs.image);
    let mut tmp2 = std::mem::take(&mut bufs.line);
    tmp2.clear();
    tmp2.resize(w * h, 0);
    box_pass_columns(&tmp, &mut tmp2, w, passes[1], &mut bufs.sums);
    box_pass_columns(&tmp2, data, w, passes[2], &mut bufs.sums);
    bufs.image = tmp;
    bufs.line = tmp2;
}

/// Reusable buffers for [`blur`].
#[derive(Default)]
pub(crate) struct BlurBuffers {
    line: Vec<u8>,
    image: Vec<u8>,
    sums: Vec<u32>,
}

/// Fixed-point reciprocal of a box size: `sum × inv >> 24` rounds like `sum / d`.
fn reciprocal(d: usize) -> u64 {
    (1u64 << 24) / d.max(1) as u64
}

fn scaled(sum: u32, inv: u64) -> u8 {
    ((u64::from(sum) * inv + (1 << 23)) >> 24).min(255) as u8
}

/// `dst[x]` = mean of `src[x − lo ..= x + hi]`, zero outside the line.
fn box_pass(src: &[u8], dst: &mut [u8], (lo, hi): (usize, usize)) {
    let n = src.len().min(dst.len());
    let inv = reciprocal(lo + hi + 1);
    let mut sum: u32 = src.iter().take(hi + 1).map(|&v| u32::from(v)).sum();
    for x in 0..n {
        dst[x] = scaled(sum, inv);
        if let Some(&v) = src.get(x + hi + 1) {
            sum += u32::from(v);
        }
        if x >= lo {
            sum -= u32::from(src[x - lo]);
        }
    }
}

/// The vertical version of [`box_pass`] over a `w`-wide image.
fn box_pass_columns(
    src: &[u8],
    dst: &mut [u8],
    w: usize,
    (lo, hi): (usize, usize),
    sums: &mut Vec<u32>,
) {
    let h = src.len() / w;
    let inv = reciprocal(lo + hi + 1);
    sums.clear();
    sums.resize(w, 0);
    for row in src.chunks_exact(w).take(hi + 1) {
        for (s, &v) in sums.iter_mut().zip(row) {
            *s += u32::from(v);
        }
    }
    for (y, out) in dst.chunks_exact_mut(w).enumerate().take(h) {
        for (o, &s) in out.iter_mut().zip(sums.iter()) {
            *o = scaled(s, inv);
        }
        if let Some(row) = src.get((y + hi + 1) * w..(y + hi + 2) * w) {
            for (s, &v) in sums.iter_mut().zip(row) {
                *s += u32::from(v);
            }
        }
        if let Some(row) = y.checked_sub(lo).and_then(|r| src.get(r * w..(r + 1) * w)) {
            for (s, &v) in sums.iter_mut().zip(row) {
                *s -= u32::from(v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blur_preserves_mass_and_spreads() {
        let (w, h) = (41, 41);
        let mut data = vec![0u8; w * h];
        for y in 15..26 {
            for x in 15..26 {
                data[y * w + x] = 255;
            }
        }
        let before: u32 = data.iter().map(|&v| u32::from(v)).sum();
        blur(&mut data, w, h, 3.0, &mut BlurBuffers::default());
        let after: u32 = data.iter().map(|&v| u32::from(v)).sum();
        let ratio = f64::from(after) / f64::from(before);
        assert!((ratio - 1.0).abs() < 0.03, "{ratio}");
        // Monotonic fall-off from the centre along a row.
        let row = &data[20 * w..21 * w];
        for x in 21..40 {
            assert!(row[x] <= row[x - 1], "{row:?}");
        }
        assert!(row[20] > 200 && row[12] > 0 && row[0] == 0, "{row:?}");
    }
}
