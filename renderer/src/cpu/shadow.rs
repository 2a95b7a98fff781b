//! CSS box shadows: the shadow shape is rasterized into a small coverage buffer covering only
//! the visible area plus the blur's reach, blurred with three box passes per axis (the
//! Gaussian approximation the SVG/CSS filter specs describe), cut by the element's shape
//! (outside it for outer shadows, inside for inset ones) and blended tinted with the shadow
//! colour.

use kryon_display::{Affine, CornerRadii, Rect, ShadowItem};
use tiny_skia::{FillRule, Mask, Transform};

use super::Canvas;
use super::blit::{self, Source, mul255, premultiply};
use super::clip::{IRect, mask_from_pool};
use super::shapes::{build_path, rect_ok, recycle, sane_radii};

/// Device-space blur σ for a shadow under transform `t` (σ = blur / 2, scaled by the
/// transform's average scale).
fn device_sigma(t: &Affine, blur: f32) -> f32 {
    let scale = (t.sx * t.sy - t.kx * t.ky).abs().sqrt();
    let sigma = blur.max(0.0) / 2.0 * scale;
    if sigma.is_finite() {
        sigma.min(1000.0)
    } else {
        0.0
    }
}

/// How far (device px) the blur reaches past the shape, plus one for anti-aliasing.
fn reach(sigma: f32) -> i32 {
    (3.0 * sigma).ceil() as i32 + 1
}

/// CSS spread of one corner radius (css-backgrounds §7.1.1: small radii grow less so sharp
/// corners stay sharp).
fn spread_radius(r: f32, spread: f32) -> f32 {
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
}

/// The outer shadow's shape: the border box offset and grown by `spread`.
fn outer_shape(s: &ShadowItem, radii: &CornerRadii) -> Option<(Rect, CornerRadii)> {
    let r = Rect::new(
        s.rect.x + s.offset.x - s.spread,
        s.rect.y + s.offset.y - s.spread,
        s.rect.width + 2.0 * s.spread,
        s.rect.height + 2.0 * s.spread,
    );
    if !rect_ok(&r) {
        return None;
    }
    let grow = |v: f32| spread_radius(v, s.spread);
    let radii = CornerRadii {
        top_left: grow(radii.top_left),
        top_right: grow(radii.top_right),
        bottom_right: grow(radii.bottom_right),
        bottom_left: grow(radii.bottom_left),
    }
    .clamped_to(r.width, r.height);
    Some((r, radii))
}

/// The inset shadow's hole: the box offset and shrunk by `spread`.
fn inset_hole(s: &ShadowItem, radii: &CornerRadii) -> Option<(Rect, CornerRadii)> {
    let r = Rect::new(
        s.rect.x + s.offset.x + s.spread,
        s.rect.y + s.offset.y + s.spread,
        s.rect.width - 2.0 * s.spread,
        s.rect.height - 2.0 * s.spread,
    );
    if !rect_ok(&r) {
        return None;
    }
    let shrink = |v: f32| spread_radius(v, -s.spread);
    let radii = CornerRadii {
        top_left: shrink(radii.top_left),
        top_right: shrink(radii.top_right),
        bottom_right: shrink(radii.bottom_right),
        bottom_left: shrink(radii.bottom_left),
    }
    .clamped_to(r.width, r.height);
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

/// Device bounds of everything the shadow may touch.
pub(crate) fn shadow_bounds(t: &Affine, s: &ShadowItem) -> IRect {
    if !item_ok(s) {
        return IRect::EMPTY;
    }
    if s.inset {
        return IRect::round_out(&t.bounds_of(&s.rect)).inflate(1);
    }
    let radii = sane_radii(&s.radii, s.rect.width, s.rect.height);
    match outer_shape(s, &radii) {
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
    let radii = sane_radii(&s.radii, s.rect.width, s.rect.height);
    let element_dev = IRect::round_out(&t.bounds_of(&s.rect)).inflate(1);

    let (shape, visible) = if s.inset {
        (inset_hole(s, &radii), element_dev.intersect(&c.clip.rect))
    } else {
        let Some(shape) = outer_shape(s, &radii) else {
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
        &mut c.scratch.line,
    );

    let Some(mut element) = mask_from_pool(&mut c.scratch.a8b, w, h) else {
        c.scratch.a8 = cov.take();
        return;
    };
    fill_shape(c, &mut element, local, &s.rect, &radii);
    let inset = s.inset;
    for (a, e) in cov.data_mut().iter_mut().zip(element.data()) {
        *a = if inset {
            mul255(255 - *a, *e)
        } else {
            mul255(*a, 255 - *e)
        };
    }

    let src = Source {
        data: cov.data(),
        width: w,
        height: h,
        stride: w as usize,
        x: region.x0,
        y: region.y0,
    };
    let clip = blit::Clip {
        rect: visible,
        mask: c.clip.mask,
    };
    blit::blit_coverage(c.surface, &src, premultiply(s.color), &clip);
    c.scratch.a8 = cov.take();
    c.scratch.a8b = element.take();
}

fn fill_shape(c: &mut Canvas, mask: &mut Mask, t: Affine, r: &Rect, radii: &CornerRadii) {
    if let Some(path) = build_path(&mut c.scratch.path, t, |s| s.rrect(r, radii)) {
        mask.fill_path(&path, FillRule::Winding, true, Transform::identity());
        recycle(&mut c.scratch.path, path);
    }
}

/// Gaussian blur approximated by three box blurs per axis (SVG feGaussianBlur's recipe:
/// box size d = ⌊σ·3·√(2π)/4 + ½⌋; for even d two offset boxes and one of d + 1).
pub(crate) fn blur(data: &mut [u8], w: usize, h: usize, sigma: f32, line: &mut Vec<u8>) {
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
    let n = w.max(h);
    line.clear();
    line.resize(n * 2, 0);
    let (a, b) = line.split_at_mut(n);
    // Rows.
    for row in data.chunks_exact_mut(w) {
        a[..w].copy_from_slice(row);
        blur_line(&mut a[..w], &mut b[..w], &passes);
        row.copy_from_slice(&a[..w]);
    }
    // Columns.
    for x in 0..w {
        for y in 0..h {
            a[y] = data[y * w + x];
        }
        blur_line(&mut a[..h], &mut b[..h], &passes);
        for y in 0..h {
            data[y * w + x] = a[y];
        }
    }
}

/// Three box passes over one line; the result ends in `a`.
fn blur_line(a: &mut [u8], b: &mut [u8], passes: &[(usize, usize); 3]) {
    box_pass(a, b, passes[0]);
    box_pass(b, a, passes[1]);
    box_pass(a, b, passes[2]);
    a.copy_from_slice(b);
}

/// `dst[x]` = mean of `src[x − lo ..= x + hi]`, zero outside the line.
fn box_pass(src: &[u8], dst: &mut [u8], (lo, hi): (usize, usize)) {
    let n = src.len();
    let d = (lo + hi + 1) as u32;
    // Fixed-point reciprocal: sum × inv >> 24 rounds like sum / d.
    let inv = ((1u64 << 24) / u64::from(d)) as u64;
    let mut sum: u32 = src.iter().take(hi + 1).map(|&v| u32::from(v)).sum();
    for x in 0..n {
        dst[x] = ((u64::from(sum) * inv + (1 << 23)) >> 24).min(255) as u8;
        if let Some(&v) = src.get(x + hi + 1) {
            sum += u32::from(v);
        }
        if x >= lo {
            sum -= u32::from(src[x - lo]);
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
        blur(&mut data, w, h, 3.0, &mut Vec::new());
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

    #[test]
    fn spread_radii_follow_css() {
        assert_eq!(spread_radius(0.0, 10.0), 0.0);
        assert_eq!(spread_radius(20.0, 10.0), 30.0);
        assert_eq!(spread_radius(5.0, -10.0), 0.0);
        let small = spread_radius(5.0, 10.0);
        assert!(small > 5.0 && small < 15.0);
    }
}
