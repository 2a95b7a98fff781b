//! Drawing bitmaps through the current transform: images, and glyphs under a scale or
//! rotation. Uses a tiny-skia pattern shader with bilinear filtering.

use kryon_display::{Affine, ImageItem, Rect};
use tiny_skia::{FilterQuality, Paint, Pattern, PixmapRef, SpreadMode, Transform};

use super::Canvas;
use super::resources::Resources;
use super::shapes::rect_ok;

/// Converts a display-list affine into tiny-skia's transform (same field layout).
pub(crate) fn to_ts(a: &Affine) -> Transform {
    Transform::from_row(a.sx, a.ky, a.kx, a.sy, a.tx, a.ty)
}

fn is_integer_translation(a: &Affine) -> bool {
    a.sx == 1.0
        && a.sy == 1.0
        && a.kx == 0.0
        && a.ky == 0.0
        && a.tx.fract() == 0.0
        && a.ty.fract() == 0.0
}

/// Draws `pixmap` mapped into `local` (current coordinates) by `image_to_local`, with
/// `opacity` (0–1). Under axis-aligned transforms the destination is clipped geometrically to
/// the clip rectangle; otherwise the caller's canvas carries a clip mask.
pub(crate) fn draw_pattern(
    c: &mut Canvas,
    pixmap: PixmapRef,
    local: &Rect,
    opacity: f32,
    image_to_local: Affine,
) {
    let t = c.transform;
    let full = t.after(&image_to_local);
    // Bilinear sampling exactly at texel centres is a copy; nearest is the same and cheaper.
    let quality = if is_integer_translation(&full) {
        FilterQuality::Nearest
    } else {
        FilterQuality::Bilinear
    };
    if t.is_axis_aligned() {
        let dev = t.bounds_of(local).intersect(&c.clip.rect.to_rect());
        let Some(r) = tiny_skia::Rect::from_xywh(dev.x, dev.y, dev.width, dev.height) else {
            return;
        };
        let paint = Paint {
            shader: Pattern::new(pixmap, SpreadMode::Pad, quality, opacity, to_ts(&full)),
            anti_alias: true,
            ..Paint::default()
        };
        c.surface
            .fill_rect(r, &paint, Transform::identity(), c.clip.mask);
    } else {
        let Some(r) = tiny_skia::Rect::from_xywh(local.x, local.y, local.width, local.height)
        else {
            return;
        };
        let paint = Paint {
            shader: Pattern::new(
                pixmap,
                SpreadMode::Pad,
                quality,
                opacity,
                to_ts(&image_to_local),
            ),
            anti_alias: true,
            ..Paint::default()
        };
        c.surface.fill_rect(r, &paint, to_ts(&t), c.clip.mask);
    }
}

/// An image scaled into its rectangle (unknown ids are skipped).
pub(crate) fn draw_image(c: &mut Canvas, res: &Resources, item: &ImageItem) {
    let Some(pixmap) = res.images.get(&item.image) else {
        return;
    };
    let r = item.rect;
    if !rect_ok(&r) {
        return;
    }
    let to_local = Affine {
        sx: r.width / pixmap.width() as f32,
        ky: 0.0,
        kx: 0.0,
        sy: r.height / pixmap.height() as f32,
        tx: r.x,
        ty: r.y,
    };
    draw_pattern(c, pixmap.as_ref(), &r, 1.0, to_local);
}
