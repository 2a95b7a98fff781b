//! Pixel loops tiny-skia has no fast path for: tinted coverage (glyphs, shadows), premultiplied
//! source-over with opacity (colour glyphs, layers, scratch composites) and opaque fills.
//!
//! All maths is 8-bit premultiplied sRGB with exact rounding, which is how tiny-skia blends
//! too, so results match its own fills to within one step.

use super::clip::IRect;
use tiny_skia::{Mask, Pixmap};

/// `a × b / 255`, rounded.
#[inline]
pub(crate) fn mul255(a: u8, b: u8) -> u8 {
    div255(u32::from(a) * u32::from(b)) as u8
}

/// `x / 255`, rounded, for `x ≤ 255 × 255`.
#[inline]
pub(crate) fn div255(x: u32) -> u32 {
    let x = x + 128;
    (x + (x >> 8)) >> 8
}

/// A straight-alpha colour premultiplied: `[r, g, b, a]`.
pub(crate) fn premultiply(c: kryon_display::Color) -> [u8; 4] {
    [mul255(c.r, c.a), mul255(c.g, c.a), mul255(c.b, c.a), c.a]
}

/// Where a blit may write: a pixel rectangle and an optional full-target coverage mask.
#[derive(Clone, Copy)]
pub(crate) struct Clip<'m> {
    pub rect: IRect,
    pub mask: Option<&'m Mask>,
}

/// A source bitmap placed on the target: `data` has `width × height` pixels of `bpp` bytes,
/// rows `stride` bytes apart; its top-left pixel lands on target `(x, y)`.
#[derive(Clone, Copy)]
pub(crate) struct Source<'s> {
    pub data: &'s [u8],
    pub width: u32,
    pub height: u32,
    pub stride: usize,
    pub x: i32,
    pub y: i32,
}

impl Source<'_> {
    fn rect(&self) -> IRect {
        IRect::new(
            self.x,
            self.y,
            self.x
                .saturating_add(self.width.min(i32::MAX as u32) as i32),
            self.y
                .saturating_add(self.height.min(i32::MAX as u32) as i32),
        )
    }
}

/// Visits each row of the part of `src` that lands inside `clip` and the target: calls
/// `f(target_row, source_row, mask_row)` with equally long pixel runs (mask row bytes per
/// pixel, target 4 bytes per pixel, source `bpp` bytes per pixel).
fn for_each_row(
    dst: &mut Pixmap,
    src: &Source,
    bpp: usize,
    clip: &Clip,
    mut f: impl FnMut(&mut [u8], &[u8], Option<&[u8]>),
) {
    let tw = dst.width();
    let area = src
        .rect()
        .intersect(&clip.rect)
        .intersect(&IRect::of_size(tw, dst.height()));
    if area.is_empty() {
        return;
    }
    let tw = tw as usize;
    let (ax0, ax1) = (area.x0 as usize, area.x1 as usize);
    let sx0 = (area.x0 - src.x) as usize;
    let n = ax1 - ax0;
    let data = dst.data_mut();
    for y in area.y0..area.y1 {
        let sy = (y - src.y) as usize;
        let s_start = sy * src.stride + sx0 * bpp;
        let Some(s_row) = src.data.get(s_start..s_start + n * bpp) else {
            continue;
        };
        let d_start = (y as usize * tw + ax0) * 4;
        let Some(d_row) = data.get_mut(d_start..d_start + n * 4) else {
            continue;
        };
        let m_row = match clip.mask {
            Some(m) => {
                let m_start = y as usize * tw + ax0;
                match m.data().get(m_start..m_start + n) {
                    Some(r) => Some(r),
                    None => continue,
                }
            }
            None => None,
        };
        f(d_row, s_row, m_row);
    }
}

/// Source-over of a premultiplied colour `c` at coverage `cov` onto one pixel.
#[inline(always)]
fn blend_px(d: &mut [u8; 4], c: [u8; 4], cov: u8) {
    if cov == 255 {
        if c[3] == 255 {
            *d = c;
            return;
        }
        let inv = 255 - u32::from(c[3]);
        *d = std::array::from_fn(|i| (u32::from(c[i]) + div255(u32::from(d[i]) * inv)) as u8);
        return;
    }
    let sa = mul255(c[3], cov);
    let inv = 255 - u32::from(sa);
    *d = std::array::from_fn(|i| {
        (u32::from(mul255(c[i], cov)) + div255(u32::from(d[i]) * inv)) as u8
    });
}

/// Blends one row of coverage tinted with `color` onto target pixels `d_row` (4 bytes each),
/// optionally multiplied by a row of clip mask.
#[inline]
fn blend_coverage_row(d_row: &mut [u8], cov: &[u8], color: [u8; 4], m_row: Option<&[u8]>) {
    let (px, _) = d_row.as_chunks_mut::<4>();
    match m_row {
        None if color[3] == 255 => {
            // Opaque colour: full coverage is a plain store, the common case in shapes.
            for (d, &c) in px.iter_mut().zip(cov) {
                if c == 255 {
                    *d = color;
                } else if c != 0 {
                    blend_px(d, color, c);
                }
            }
        }
        None => {
            for (d, &c) in px.iter_mut().zip(cov) {
                if c != 0 {
                    blend_px(d, color, c);
                }
            }
        }
        Some(m) => {
            for ((d, &c), &mv) in px.iter_mut().zip(cov).zip(m) {
                let c = mul255(c, mv);
                if c != 0 {
                    blend_px(d, color, c);
                }
            }
        }
    }
}

/// Blends a one-byte-per-pixel coverage bitmap tinted with premultiplied `color`.
pub(crate) fn blit_coverage(dst: &mut Pixmap, src: &Source, color: [u8; 4], clip: &Clip) {
    if color[3] == 0 {
        return;
    }
    for_each_row(dst, src, 1, clip, |d_row, s_row, m_row| {
        blend_coverage_row(d_row, s_row, color, m_row);
    });
}

/// Blends a coverage row starting at target pixel `(x0, y)`; the row must lie inside the
/// target (it is cut otherwise). `mask` is a full-target clip mask.
pub(crate) fn blend_row(
    dst: &mut Pixmap,
    x0: i32,
    y: i32,
    cov: &[u8],
    color: [u8; 4],
    mask: Option<&Mask>,
) {
    let tw = dst.width() as usize;
    if x0 < 0 || y < 0 || x0 as usize >= tw {
        return;
    }
    let n = cov.len().min(tw - x0 as usize);
    let start = y as usize * tw + x0 as usize;
    let Some(d_row) = dst.data_mut().get_mut(start * 4..(start + n) * 4) else {
        return;
    };
    let m_row = match mask {
        Some(m) => match m.data().get(start..start + n) {
            Some(r) => Some(r),
            None => return,
        },
        None => None,
    };
    blend_coverage_row(d_row, &cov[..n], color, m_row);
}

/// Blends pixels `[x0, x1)` of row `y` with `color` at constant coverage `cov` (times the
/// clip mask, if any).
pub(crate) fn blend_span(
    dst: &mut Pixmap,
    x0: i32,
    x1: i32,
    y: i32,
    color: [u8; 4],
    cov: u8,
    mask: Option<&Mask>,
) {
    let tw = dst.width() as usize;
    let th = dst.height() as i32;
    let (x0, x1) = (x0.max(0) as usize, (x1.max(0) as usize).min(tw));
    if x1 <= x0 || y < 0 || y >= th || cov == 0 || color[3] == 0 {
        return;
    }
    let start = y as usize * tw;
    let Some(d_row) = dst.data_mut().get_mut((start + x0) * 4..(start + x1) * 4) else {
        return;
    };
    let (px, _) = d_row.as_chunks_mut::<4>();
    match mask.and_then(|m| m.data().get(start + x0..start + x1)) {
        Some(m) => {
            for (d, &mv) in px.iter_mut().zip(m) {
                let c = mul255(cov, mv);
                if c != 0 {
                    blend_px(d, color, c);
                }
            }
        }
        None if mask.is_some() => {}
        None if cov == 255 && color[3] == 255 => px.fill(color),
        None => {
            for d in px.iter_mut() {
                blend_px(d, color, cov);
            }
        }
    }
}

/// Blends premultiplied RGBA pixels with source-over, scaled by `opacity` (0–255).
pub(crate) fn blit_premul(dst: &mut Pixmap, src: &Source, opacity: u8, clip: &Clip) {
    if opacity == 0 {
        return;
    }
    for_each_row(dst, src, 4, clip, |d_row, s_row, m_row| {
        let (px, _) = d_row.as_chunks_mut::<4>();
        let (sp, _) = s_row.as_chunks::<4>();
        for (i, (d, s)) in px.iter_mut().zip(sp).enumerate() {
            if s[3] == 0 {
                continue;
            }
            let cov = match m_row {
                Some(m) => mul255(opacity, m.get(i).copied().unwrap_or(0)),
                None => opacity,
            };
            if cov != 0 {
                blend_px(d, *s, cov);
            }
        }
    });
}

/// Fills `rect` with an opaque premultiplied colour (no blending needed).
pub(crate) fn fill_opaque(dst: &mut Pixmap, rect: IRect, color: [u8; 4]) {
    let tw = dst.width();
    let area = rect.intersect(&IRect::of_size(tw, dst.height()));
    if area.is_empty() {
        return;
    }
    let tw = tw as usize;
    let data = dst.data_mut();
    for y in area.y0..area.y1 {
        let start = (y as usize * tw + area.x0 as usize) * 4;
        let end = (y as usize * tw + area.x1 as usize) * 4;
        if let Some(row) = data.get_mut(start..end) {
            for px in row.chunks_exact_mut(4) {
                px.copy_from_slice(&color);
            }
        }
    }
}

/// Sets `rect` to transparent (clearing a layer's used area).
pub(crate) fn clear_rect(dst: &mut Pixmap, rect: IRect) {
    let tw = dst.width();
    let area = rect.intersect(&IRect::of_size(tw, dst.height()));
    if area.is_empty() {
        return;
    }
    let tw = tw as usize;
    let data = dst.data_mut();
    for y in area.y0..area.y1 {
        let start = (y as usize * tw + area.x0 as usize) * 4;
        let end = (y as usize * tw + area.x1 as usize) * 4;
        if let Some(row) = data.get_mut(start..end) {
            row.fill(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn div255_rounds_exactly() {
        for x in 0..=255u32 * 255 {
            let exact = (x as f64 / 255.0).round() as u32;
            assert_eq!(div255(x), exact, "x = {x}");
        }
    }

    #[test]
    fn coverage_blit_respects_clip_rect() {
        let mut p = Pixmap::new(4, 1).unwrap();
        let cov = [255u8; 4];
        let src = Source {
            data: &cov,
            width: 4,
            height: 1,
            stride: 4,
            x: 0,
            y: 0,
        };
        let clip = Clip {
            rect: IRect::new(1, 0, 3, 1),
            mask: None,
        };
        blit_coverage(&mut p, &src, [255, 0, 0, 255], &clip);
        let px: Vec<u8> = p.pixels().iter().map(|c| c.red()).collect();
        assert_eq!(px, vec![0, 255, 255, 0]);
    }
}
