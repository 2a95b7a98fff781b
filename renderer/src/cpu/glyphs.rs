//! Glyph runs. Bitmaps are cached at upload (see `resources`); drawing one is a blit.
//!
//! Under translation-only transforms (the root scale aside) glyphs land on whole physical
//! pixels and are blitted 1:1, so text stays crisp. Under any other transform the bitmap is
//! drawn through it with bilinear filtering.

use kryon_display::{Affine, Color, GlyphInstance, Point, Rect};
use tiny_skia::PixmapRef;

use super::Canvas;
use super::blit::{self, Source, premultiply};
use super::clip::IRect;
use super::images::draw_pattern;
use super::resources::{CachedGlyph, Resources};

/// True when `t` is the root scale plus a translation: glyph bitmaps map 1:1 to pixels.
pub(crate) fn is_pixel_aligned(t: &Affine, scale_factor: f32) -> bool {
    let tol = 1.0e-4 * scale_factor.max(1.0);
    t.kx == 0.0
        && t.ky == 0.0
        && (t.sx - scale_factor).abs() < tol
        && (t.sy - scale_factor).abs() < tol
}

/// The whole physical pixel a glyph's top-left lands on, when finite.
fn snap_origin(t: &Affine, g: &GlyphInstance) -> Option<(i32, i32)> {
    let p = t.apply(Point::new(g.x, g.y));
    if !(p.x.is_finite() && p.y.is_finite()) || p.x.abs() > 1.0e7 || p.y.abs() > 1.0e7 {
        return None;
    }
    Some((p.x.round() as i32, p.y.round() as i32))
}

/// The glyph's rectangle in current (logical) coordinates.
fn local_rect(g: &GlyphInstance, w: u32, h: u32, scale_factor: f32) -> Rect {
    Rect::new(g.x, g.y, w as f32 / scale_factor, h as f32 / scale_factor)
}

/// Device bounds of a run (for culling and layer bookkeeping).
pub(crate) fn run_bounds(
    t: &Affine,
    scale_factor: f32,
    res: &Resources,
    glyphs: &[GlyphInstance],
) -> IRect {
    let aligned = is_pixel_aligned(t, scale_factor);
    let mut bounds = IRect::EMPTY;
    for g in glyphs {
        let Some(cached) = res.glyphs.get(&g.key) else {
            continue;
        };
        let (w, h) = cached.size();
        let r = if aligned {
            match snap_origin(t, g) {
                Some((x, y)) => {
                    IRect::new(x, y, x.saturating_add(w as i32), y.saturating_add(h as i32))
                }
                None => IRect::EMPTY,
            }
        } else {
            IRect::round_out(&t.bounds_of(&local_rect(g, w, h, scale_factor))).inflate(1)
        };
        bounds = bounds.union(&r);
    }
    bounds
}

/// Draws a run of glyphs in one colour (unknown keys are skipped).
pub(crate) fn draw_glyphs(c: &mut Canvas, res: &Resources, color: Color, glyphs: &[GlyphInstance]) {
    if color.is_transparent() {
        return;
    }
    let t = c.transform;
    let sf = c.scale_factor;
    if is_pixel_aligned(&t, sf) {
        let tint = premultiply(color);
        for g in glyphs {
            let (Some(cached), Some((x, y))) = (res.glyphs.get(&g.key), snap_origin(&t, g)) else {
                continue;
            };
            match cached {
                CachedGlyph::Alpha {
                    width,
                    height,
                    coverage,
                } => {
                    let src = Source {
                        data: coverage,
                        width: *width,
                        height: *height,
                        stride: *width as usize,
                        x,
                        y,
                    };
                    blit::blit_coverage(c.surface, &src, tint, &c.clip);
                }
                CachedGlyph::Rgba(p) => {
                    let src = Source {
                        data: p.data(),
                        width: p.width(),
                        height: p.height(),
                        stride: p.width() as usize * 4,
                        x,
                        y,
                    };
                    blit::blit_premul(c.surface, &src, color.a, &c.clip);
                }
            }
        }
        return;
    }

    // Transformed: draw each bitmap through the transform. Alpha glyphs are tinted into a
    // reused scratch buffer first (a pattern shader cannot tint).
    let tint = premultiply(color);
    let mut buf = std::mem::take(&mut c.scratch.tint);
    for g in glyphs {
        let Some(cached) = res.glyphs.get(&g.key) else {
            continue;
        };
        if !(g.x.is_finite() && g.y.is_finite()) {
            continue;
        }
        let (w, h) = cached.size();
        let local = local_rect(g, w, h, sf);
        let to_local = Affine {
            sx: 1.0 / sf,
            ky: 0.0,
            kx: 0.0,
            sy: 1.0 / sf,
            tx: g.x,
            ty: g.y,
        };
        match cached {
            CachedGlyph::Alpha { coverage, .. } => {
                buf.clear();
                buf.extend(coverage.iter().flat_map(|&a| {
                    [
                        blit::mul255(tint[0], a),
                        blit::mul255(tint[1], a),
                        blit::mul255(tint[2], a),
                        blit::mul255(tint[3], a),
                    ]
                }));
                if let Some(p) = PixmapRef::from_bytes(&buf, w, h) {
                    draw_pattern(c, p, &local, 1.0, to_local);
                }
            }
            CachedGlyph::Rgba(p) => {
                draw_pattern(c, p.as_ref(), &local, f32::from(color.a) / 255.0, to_local);
            }
        }
    }
    c.scratch.tint = buf;
}
