//! Pixel-level tests of the CPU renderer on small frames.

use std::sync::Arc;

use kryon_display::{
    Affine, BorderSides, Color, CornerRadii, DisplayItem, Frame, GlyphFormat, GlyphImage,
    GlyphInstance, GlyphKey, ImageData, ImageId, ImageItem, Point, Rect, ResourceChange,
    ShadowItem,
};

use super::CpuRenderer;
use crate::RgbaImage;
use crate::test_frames::{
    BLUE, GREEN, RED, YELLOW, bordered_inset_shadow, frame, near, rect, rgba,
};

const WHITE: [u8; 4] = [255, 255, 255, 255];

fn render(frame: &Frame) -> RgbaImage {
    CpuRenderer::new().render(frame)
}

fn px(img: &RgbaImage, x: u32, y: u32) -> [u8; 4] {
    img.pixel(x, y).expect("pixel inside the image")
}

#[track_caller]
fn assert_near(a: [u8; 4], b: [u8; 4], tol: u8) {
    assert!(near(a, b, tol), "{a:?} != {b:?} (±{tol})");
}

#[test]
fn clear_colour_and_size() {
    let mut f = frame(7.0, 3.0);
    f.clear_color = Color::rgba(10, 20, 30, 255);
    let img = render(&f);
    assert_eq!((img.width, img.height), (7, 3));
    assert_eq!(px(&img, 6, 2), [10, 20, 30, 255]);
}

#[test]
fn solid_rect_interior_and_outside() {
    let mut f = frame(20.0, 20.0);
    f.items.push(rect(5.0, 5.0, 10.0, 10.0, RED));
    let img = render(&f);
    assert_eq!(px(&img, 5, 5), rgba(RED));
    assert_eq!(px(&img, 14, 14), rgba(RED));
    assert_eq!(px(&img, 4, 10), WHITE);
    assert_eq!(px(&img, 15, 10), WHITE);
    assert_eq!(px(&img, 10, 15), WHITE);
}

#[test]
fn fractional_rect_edges_are_antialiased() {
    let mut f = frame(10.0, 10.0);
    f.items.push(rect(2.5, 2.0, 5.0, 5.0, BLUE));
    let img = render(&f);
    let edge = px(&img, 2, 4);
    assert!(edge[0] > 100 && edge[0] < 155, "{edge:?}");
    assert_eq!(px(&img, 4, 4), rgba(BLUE));
}

#[test]
fn rounded_corner_is_background() {
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::Rect {
        rect: Rect::new(0.0, 0.0, 40.0, 40.0),
        radii: CornerRadii::all(12.0),
        color: RED,
    });
    let img = render(&f);
    for (x, y) in [(0, 0), (39, 0), (39, 39), (0, 39), (1, 1)] {
        assert_eq!(px(&img, x, y), WHITE, "corner ({x},{y})");
    }
    assert_eq!(px(&img, 20, 0), rgba(RED));
    assert_eq!(px(&img, 5, 5), rgba(RED));
}

#[test]
fn border_colours_per_side() {
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::Border {
        rect: Rect::new(0.0, 0.0, 40.0, 40.0),
        radii: CornerRadii::ZERO,
        sides: BorderSides {
            widths: [4.0; 4],
            colors: [RED, GREEN, BLUE, YELLOW],
        },
    });
    let img = render(&f);
    assert_eq!(px(&img, 20, 1), rgba(RED));
    assert_eq!(px(&img, 38, 20), rgba(GREEN));
    assert_eq!(px(&img, 20, 38), rgba(BLUE));
    assert_eq!(px(&img, 1, 20), rgba(YELLOW));
    assert_eq!(px(&img, 20, 20), WHITE);
    // The top-left corner splits on the diagonal: above it top, below it left.
    assert_eq!(px(&img, 3, 0), rgba(RED));
    assert_eq!(px(&img, 0, 3), rgba(YELLOW));
    // The diagonal pixel mixes the two without letting the background through.
    let diag = px(&img, 1, 1);
    assert!(diag[3] == 255 && diag[2] < 10, "{diag:?}");
}

#[test]
fn uniform_rounded_border_ring() {
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::Border {
        rect: Rect::new(0.0, 0.0, 40.0, 40.0),
        radii: CornerRadii::all(10.0),
        sides: BorderSides::uniform(3.0, BLUE),
    });
    let img = render(&f);
    assert_eq!(px(&img, 20, 1), rgba(BLUE));
    assert_eq!(px(&img, 20, 20), WHITE);
    assert_eq!(px(&img, 0, 0), WHITE);
    assert_eq!(px(&img, 20, 4), WHITE);
}

#[test]
fn srgb_blending_half_red_over_blue() {
    let mut f = frame(4.0, 4.0);
    f.clear_color = BLUE;
    f.items
        .push(rect(0.0, 0.0, 4.0, 4.0, Color::rgba(255, 0, 0, 128)));
    let img = render(&f);
    // #800080 up to the rounding of alpha 128/255 (blue 127 or 128).
    assert_near(px(&img, 2, 2), [0x80, 0, 0x80, 255], 1);
}

#[test]
fn group_opacity_does_not_double_blend() {
    let mut f = frame(30.0, 10.0);
    f.items.push(DisplayItem::PushOpacity { opacity: 0.5 });
    f.items.push(rect(0.0, 0.0, 20.0, 10.0, RED));
    f.items.push(rect(10.0, 0.0, 20.0, 10.0, RED));
    f.items.push(DisplayItem::PopOpacity);
    let img = render(&f);
    let single = px(&img, 5, 5);
    assert_near(single, [255, 127, 127, 255], 1);
    assert_eq!(px(&img, 15, 5), single, "overlap blends once");
    assert_eq!(px(&img, 25, 5), single);
}

#[test]
fn zero_and_full_opacity_groups() {
    let mut f = frame(10.0, 10.0);
    f.items.push(DisplayItem::PushOpacity { opacity: 0.0 });
    f.items.push(rect(0.0, 0.0, 5.0, 10.0, RED));
    f.items.push(DisplayItem::PopOpacity);
    f.items.push(DisplayItem::PushOpacity { opacity: 1.0 });
    f.items.push(rect(5.0, 0.0, 5.0, 10.0, RED));
    f.items.push(DisplayItem::PopOpacity);
    let img = render(&f);
    assert_eq!(px(&img, 2, 5), WHITE);
    assert_eq!(px(&img, 7, 5), rgba(RED));
}

#[test]
fn clip_excludes_outside() {
    let mut f = frame(20.0, 20.0);
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(5.0, 5.0, 10.0, 10.0),
        radii: CornerRadii::ZERO,
    });
    f.items.push(DisplayItem::Rect {
        rect: Rect::new(0.0, 0.0, 20.0, 20.0),
        radii: CornerRadii::all(3.0),
        color: RED,
    });
    f.items.push(DisplayItem::PopClip);
    f.items.push(rect(0.0, 0.0, 2.0, 2.0, GREEN));
    let img = render(&f);
    assert_eq!(px(&img, 5, 5), rgba(RED));
    assert_eq!(px(&img, 14, 14), rgba(RED));
    assert_eq!(px(&img, 4, 10), WHITE);
    assert_eq!(px(&img, 15, 10), WHITE);
    assert_eq!(px(&img, 10, 4), WHITE);
    assert_eq!(px(&img, 10, 15), WHITE);
    assert_eq!(px(&img, 1, 1), rgba(GREEN), "clip popped");
}

#[test]
fn nested_clips_intersect() {
    let mut f = frame(30.0, 30.0);
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(0.0, 0.0, 20.0, 20.0),
        radii: CornerRadii::all(4.0),
    });
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(10.0, 10.0, 20.0, 20.0),
        radii: CornerRadii::ZERO,
    });
    f.items.push(rect(0.0, 0.0, 30.0, 30.0, RED));
    f.items.push(DisplayItem::PopClip);
    f.items.push(DisplayItem::PopClip);
    let img = render(&f);
    assert_eq!(px(&img, 12, 12), rgba(RED));
    assert_eq!(px(&img, 5, 5), WHITE, "outside the inner clip");
    assert_eq!(px(&img, 25, 25), WHITE, "outside the outer clip");
    assert_eq!(px(&img, 19, 19), WHITE, "outer clip's rounded corner");
    assert_eq!(px(&img, 19, 12), rgba(RED));
}

#[test]
fn rotated_clip_uses_a_mask() {
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::translate(20.0, 20.0).after(&Affine::rotate_deg(45.0)),
    });
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(-10.0, -10.0, 20.0, 20.0),
        radii: CornerRadii::ZERO,
    });
    f.items.push(DisplayItem::PopTransform);
    // Wrong nesting on purpose is not allowed: pop the clip first.
    let mut g = frame(40.0, 40.0);
    g.items.push(DisplayItem::PushTransform {
        transform: Affine::translate(20.0, 20.0).after(&Affine::rotate_deg(45.0)),
    });
    g.items.push(DisplayItem::PushClip {
        rect: Rect::new(-10.0, -10.0, 20.0, 20.0),
        radii: CornerRadii::ZERO,
    });
    g.items.push(DisplayItem::PushTransform {
        transform: Affine::rotate_deg(-45.0).after(&Affine::translate(-20.0, -20.0)),
    });
    g.items.push(rect(0.0, 0.0, 40.0, 40.0, RED));
    g.items.push(DisplayItem::PopTransform);
    g.items.push(DisplayItem::PopClip);
    g.items.push(DisplayItem::PopTransform);
    let img = render(&g);
    assert_eq!(px(&img, 20, 20), rgba(RED));
    assert_eq!(
        px(&img, 20, 7),
        rgba(RED),
        "diamond's top half-diagonal is 14 px"
    );
    assert_eq!(
        px(&img, 8, 8),
        WHITE,
        "corner of the box is outside the diamond"
    );
    // The unbalanced frame still renders without panicking.
    let _ = render(&f);
}

#[test]
fn rotation_by_90_moves_a_pixel() {
    let mut f = frame(20.0, 20.0);
    // Rotate about (10, 10): a red block right of the centre lands below it.
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::translate(10.0, 10.0)
            .after(&Affine::rotate_deg(90.0))
            .after(&Affine::translate(-10.0, -10.0)),
    });
    f.items.push(rect(14.0, 9.0, 4.0, 2.0, RED));
    f.items.push(DisplayItem::PopTransform);
    let img = render(&f);
    assert_eq!(px(&img, 10, 15), rgba(RED));
    assert_eq!(px(&img, 15, 10), WHITE);
}

#[test]
fn scale_factor_doubles_physical_size() {
    let mut f = Frame::new(10.0, 8.0, 2.0, Color::WHITE);
    f.items.push(rect(2.0, 2.0, 3.0, 3.0, RED));
    let img = render(&f);
    assert_eq!((img.width, img.height), (20, 16));
    assert_eq!(px(&img, 4, 4), rgba(RED));
    assert_eq!(px(&img, 9, 9), rgba(RED));
    assert_eq!(px(&img, 10, 10), WHITE);
    assert_eq!(px(&img, 3, 3), WHITE);
}

fn shadow(rect: Rect, blur: f32, inset: bool) -> DisplayItem {
    DisplayItem::Shadow(ShadowItem {
        rect,
        radii: CornerRadii::ZERO,
        offset: Point::new(0.0, 0.0),
        blur,
        spread: 0.0,
        color: Color::rgba(0, 0, 0, 255),
        inset,
        border_widths: [0.0; 4],
    })
}

#[test]
fn outer_shadow_falls_off_and_is_clipped_out_under_the_element() {
    let mut f = frame(60.0, 60.0);
    let r = Rect::new(20.0, 20.0, 20.0, 20.0);
    f.items.push(shadow(r, 10.0, false));
    let img = render(&f);
    // Nothing under the element (outer shadows are clipped out there).
    assert_eq!(px(&img, 30, 30), WHITE);
    // Darkest next to the edge, lighter with distance, gone far away.
    let d = |x: u32| 255 - px(&img, x, 30)[0];
    assert!(
        d(41) > d(45) && d(45) > d(50),
        "{} {} {}",
        d(41),
        d(45),
        d(50)
    );
    assert!(d(41) > 60, "{}", d(41));
    assert_eq!(d(59), 0);
    // With an opaque element on top the shadow only shows outside it.
    f.items.push(rect(20.0, 20.0, 20.0, 20.0, RED));
    let img = render(&f);
    assert_eq!(px(&img, 30, 30), rgba(RED));
}

#[test]
fn shadow_offset_and_spread_without_blur() {
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::Shadow(ShadowItem {
        rect: Rect::new(10.0, 10.0, 10.0, 10.0),
        radii: CornerRadii::ZERO,
        offset: Point::new(5.0, 5.0),
        blur: 0.0,
        spread: 2.0,
        color: BLUE,
        inset: false,
        border_widths: [0.0; 4],
    }));
    let img = render(&f);
    assert_eq!(px(&img, 25, 25), rgba(BLUE));
    assert_eq!(px(&img, 26, 26), rgba(BLUE), "spread grows the shape");
    assert_eq!(px(&img, 28, 28), WHITE);
    assert_eq!(px(&img, 15, 15), WHITE, "under the element");
}

#[test]
fn inset_shadow_darkens_inside_edges_only() {
    let mut f = frame(60.0, 60.0);
    f.items
        .push(shadow(Rect::new(10.0, 10.0, 40.0, 40.0), 8.0, true));
    let img = render(&f);
    let d = |x: u32| 255 - px(&img, x, 30)[0];
    assert!(
        d(10) > d(14) && d(14) > d(20),
        "{} {} {}",
        d(10),
        d(14),
        d(20)
    );
    assert_eq!(d(30), 0, "centre untouched");
    assert_eq!(d(8), 0, "nothing outside");
}

#[test]
fn inset_shadow_stays_inside_the_padding_box() {
    let img = render(&bordered_inset_shadow(true));
    let plain = render(&bordered_inset_shadow(false));
    // The padding box: x 16..66, y 18..60.
    let in_padding = |x: u32, y: u32| (16..66).contains(&x) && (18..60).contains(&y);
    for y in 0..80 {
        for x in 0..80 {
            if !in_padding(x, y) {
                assert_eq!(
                    px(&img, x, y),
                    px(&plain, x, y),
                    "({x}, {y}) under the border"
                );
            }
        }
    }
    // Inside the padding box's rounded corner (inner radius 12 − 8 = 4), still border.
    assert_eq!(px(&img, 16, 18), px(&plain, 16, 18));
    // Just inside the padding edge the shadow is dark; in the middle it is gone.
    let d = |x: u32, y: u32| i32::from(px(&plain, x, y)[0]) - i32::from(px(&img, x, y)[0]);
    assert!(
        d(17, 40) > 120 && d(17, 40) > d(22, 40),
        "{} {}",
        d(17, 40),
        d(22, 40)
    );
    assert!(d(40, 19) > 120, "{}", d(40, 19));
    assert_eq!(d(40, 40), 0, "centre untouched");
}

fn alpha_glyph(key: u32, w: u32, h: u32, cov: u8) -> ResourceChange {
    ResourceChange::UploadGlyph {
        key: GlyphKey(key),
        image: GlyphImage {
            width: w,
            height: h,
            format: GlyphFormat::Alpha,
            data: vec![cov; (w * h) as usize],
        },
    }
}

fn glyphs(color: Color, at: &[(u32, f32, f32)]) -> DisplayItem {
    DisplayItem::Glyphs {
        color,
        glyphs: at
            .iter()
            .map(|&(k, x, y)| GlyphInstance {
                key: GlyphKey(k),
                x,
                y,
            })
            .collect(),
    }
}

#[test]
fn glyph_tint_and_coverage() {
    let mut f = frame(20.0, 10.0);
    f.resources.push(alpha_glyph(1, 4, 4, 255));
    f.resources.push(alpha_glyph(2, 4, 4, 128));
    f.items.push(glyphs(RED, &[(1, 1.0, 1.0), (2, 8.0, 1.0)]));
    f.items
        .push(glyphs(Color::rgba(0, 0, 255, 128), &[(1, 14.0, 1.0)]));
    let mut r = CpuRenderer::new();
    let img = r.render(&f);
    assert_eq!(px(&img, 2, 2), rgba(RED));
    assert_eq!(px(&img, 5, 2), WHITE);
    assert_near(px(&img, 9, 2), [255, 127, 127, 255], 1);
    assert_near(px(&img, 15, 2), [127, 127, 255, 255], 1);
    // The cache survives: the same items without uploads draw the same pixels.
    f.resources.clear();
    assert_eq!(r.render(&f), img);
    // Freed glyphs are skipped.
    f.resources.push(ResourceChange::FreeGlyph(GlyphKey(1)));
    let img = r.render(&f);
    assert_eq!(px(&img, 2, 2), WHITE);
}

#[test]
fn colour_glyph_keeps_its_colours_and_takes_run_alpha() {
    let mut f = frame(10.0, 10.0);
    f.resources.push(ResourceChange::UploadGlyph {
        key: GlyphKey(7),
        image: GlyphImage {
            width: 2,
            height: 2,
            format: GlyphFormat::Rgba,
            data: [0, 255, 0, 255].repeat(4),
        },
    });
    f.items
        .push(glyphs(Color::rgba(255, 0, 0, 255), &[(7, 1.0, 1.0)]));
    f.items
        .push(glyphs(Color::rgba(0, 0, 0, 128), &[(7, 5.0, 1.0)]));
    let img = render(&f);
    assert_eq!(px(&img, 1, 1), rgba(GREEN));
    assert_near(px(&img, 5, 1), [127, 255, 127, 255], 1);
}

#[test]
fn glyphs_snap_at_scale_and_follow_transforms() {
    // At scale 2, a 4×4 physical glyph at logical (1, 1) covers physical 2..6.
    let mut f = Frame::new(10.0, 10.0, 2.0, Color::WHITE);
    f.resources.push(alpha_glyph(1, 4, 4, 255));
    f.items.push(glyphs(RED, &[(1, 1.0, 1.0)]));
    let img = render(&f);
    assert_eq!(px(&img, 2, 2), rgba(RED));
    assert_eq!(px(&img, 5, 5), rgba(RED));
    assert_eq!(px(&img, 6, 6), WHITE);
    // Scaled ×2 by a transform: logical 2..6, physical 4..12, drawn bilinear.
    let mut f = Frame::new(10.0, 10.0, 2.0, Color::WHITE);
    f.resources.push(alpha_glyph(1, 4, 4, 255));
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::scale(2.0, 2.0),
    });
    f.items.push(glyphs(RED, &[(1, 1.0, 1.0)]));
    f.items.push(DisplayItem::PopTransform);
    let img = render(&f);
    assert_eq!(px(&img, 5, 5), rgba(RED));
    assert_eq!(px(&img, 10, 10), rgba(RED));
    assert_eq!(px(&img, 12, 12), WHITE);
    assert_eq!(px(&img, 3, 3), WHITE);
}

#[test]
fn image_is_scaled_into_its_rect() {
    let mut f = frame(30.0, 30.0);
    // 2×2: red, green / blue, white-transparent.
    let data: Vec<u8> = [
        [255, 0, 0, 255],
        [0, 255, 0, 255],
        [0, 0, 255, 255],
        [0, 0, 0, 0],
    ]
    .concat();
    f.resources.push(ResourceChange::UploadImage {
        id: ImageId(3),
        data: ImageData {
            width: 2,
            height: 2,
            rgba: Arc::from(data),
        },
    });
    f.items.push(DisplayItem::Image(ImageItem {
        image: ImageId(3),
        rect: Rect::new(5.0, 5.0, 20.0, 20.0),
    }));
    let img = render(&f);
    assert_eq!(px(&img, 7, 7), rgba(RED));
    assert_eq!(px(&img, 22, 7), rgba(GREEN));
    assert_eq!(px(&img, 7, 22), rgba(BLUE));
    assert_eq!(px(&img, 22, 22), WHITE);
    assert_eq!(px(&img, 3, 3), WHITE);
    // Between red and green the bilinear filter mixes.
    let mid = px(&img, 15, 7);
    assert!(mid[0] > 60 && mid[1] > 60, "{mid:?}");
}

#[test]
fn unknown_keys_do_not_panic() {
    let mut f = frame(10.0, 10.0);
    f.resources.push(ResourceChange::FreeGlyph(GlyphKey(42)));
    f.resources.push(ResourceChange::FreeImage(ImageId(42)));
    f.items.push(glyphs(RED, &[(42, 1.0, 1.0)]));
    f.items.push(DisplayItem::Image(ImageItem {
        image: ImageId(42),
        rect: Rect::new(0.0, 0.0, 5.0, 5.0),
    }));
    let img = render(&f);
    assert_eq!(px(&img, 1, 1), WHITE);
}

#[test]
fn render_into_resizes_and_reuses_the_target() {
    let mut r = CpuRenderer::new();
    let mut target = tiny_skia::Pixmap::new(1, 1).unwrap();
    let mut f = frame(12.0, 6.0);
    f.items
        .push(rect(0.0, 0.0, 12.0, 6.0, Color::rgba(255, 0, 0, 128)));
    r.render_into(&f, &mut target);
    assert_eq!((target.width(), target.height()), (12, 6));
    let p = target.pixel(3, 3).unwrap();
    assert_eq!((p.red(), p.green(), p.alpha()), (255, 127, 255));
    // Transparent clear: output stays premultiplied in the pixmap, straight from render().
    f.clear_color = Color::TRANSPARENT;
    r.render_into(&f, &mut target);
    let p = target.pixel(3, 3).unwrap();
    assert_eq!((p.red(), p.alpha()), (128, 128));
    assert_eq!(px(&r.render(&f), 3, 3), [255, 0, 0, 128]);
}

#[test]
fn unbalanced_pops_are_ignored_and_open_groups_composited() {
    let mut f = frame(10.0, 10.0);
    f.items.push(DisplayItem::PopClip);
    f.items.push(DisplayItem::PopOpacity);
    f.items.push(DisplayItem::PushOpacity { opacity: 0.5 });
    f.items.push(DisplayItem::PopTransform);
    f.items.push(rect(0.0, 0.0, 10.0, 10.0, RED));
    let img = render(&f);
    assert_near(px(&img, 5, 5), [255, 127, 127, 255], 1);
}

#[test]
fn multicolour_rounded_border() {
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::Border {
        rect: Rect::new(0.0, 0.0, 40.0, 40.0),
        radii: CornerRadii::all(10.0),
        sides: BorderSides {
            widths: [4.0, 2.0, 4.0, 2.0],
            colors: [RED, BLUE, BLUE, BLUE],
        },
    });
    let img = render(&f);
    assert_eq!(px(&img, 20, 1), rgba(RED));
    assert_eq!(px(&img, 0, 20), rgba(BLUE));
    assert_eq!(px(&img, 20, 38), rgba(BLUE));
    assert_eq!(px(&img, 0, 0), WHITE, "outside the rounded corner");
    assert_eq!(px(&img, 20, 20), WHITE);
}

/// The painted area of a multi-colour rounded border is the same ring as a one-colour one:
/// also next to the inner rounded corners, inside the inner rectangle.
#[test]
fn multicolour_border_fills_the_ring_next_to_inner_rounded_corners() {
    let border = |colors: [Color; 4]| {
        let mut f = Frame::new(60.0, 60.0, 1.0, Color::TRANSPARENT);
        f.items.push(DisplayItem::Border {
            rect: Rect::new(0.0, 0.0, 60.0, 60.0),
            radii: CornerRadii::all(24.0),
            sides: BorderSides {
                widths: [10.0, 6.0, 12.0, 8.0],
                colors,
            },
        });
        render(&f)
    };
    let multi = border([RED, GREEN, BLUE, YELLOW]);
    let uniform = border([RED; 4]);
    // The one-colour ring is rasterized analytically, the multi-colour one through paths:
    // anti-aliased edges differ a little, fully covered and empty pixels must agree.
    for y in 0..60 {
        for x in 0..60 {
            let (a, b) = (px(&multi, x, y)[3], px(&uniform, x, y)[3]);
            let ok = match b {
                255 => a >= 250,
                0 => a == 0,
                _ => a.abs_diff(b) <= 40,
            };
            assert!(ok, "({x}, {y}): coverage {a}, one-colour ring {b}");
        }
    }
    // Inside the inner rectangle (from (8, 10)) but outside the inner corner (centre (22, 24),
    // radius 14): split along the corner's diagonal from (0, 0) through (8, 10).
    assert_eq!(px(&multi, 12, 11), rgba(RED));
    assert_eq!(px(&multi, 9, 14), rgba(YELLOW));
    // The same at the bottom-right corner: inner rectangle ends at (54, 48), inner corner
    // centre (54 − 12, 48 − 12) = (42, 36), radius 12.
    assert_eq!(px(&multi, 53, 44), rgba(GREEN));
    assert_eq!(px(&multi, 49, 47), rgba(BLUE));
    assert_eq!(px(&multi, 30, 30)[3], 0);
}

#[test]
fn shadow_cache_is_reused_and_follows_moves() {
    let mut r = CpuRenderer::new();
    let mut f = frame(60.0, 60.0);
    f.items
        .push(shadow(Rect::new(10.0, 10.0, 20.0, 20.0), 6.0, false));
    let first = r.render(&f);
    assert_eq!(r.render(&f), first, "cached shadow draws the same pixels");
    // Moved by 10 px: the picture moves with it.
    f.items[0] = shadow(Rect::new(20.0, 20.0, 20.0, 20.0), 6.0, false);
    let moved = r.render(&f);
    assert_eq!(px(&moved, 45, 30), px(&first, 35, 20));
    assert_ne!(px(&moved, 45, 30), WHITE);
}

#[test]
fn rotated_rounded_rect_and_image_through_paths() {
    let mut f = frame(40.0, 40.0);
    f.resources.push(ResourceChange::UploadImage {
        id: ImageId(1),
        data: ImageData {
            width: 1,
            height: 1,
            rgba: Arc::from(vec![0u8, 0, 255, 255]),
        },
    });
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::translate(20.0, 20.0).after(&Affine::rotate_deg(30.0)),
    });
    f.items.push(DisplayItem::Rect {
        rect: Rect::new(-10.0, -10.0, 20.0, 20.0),
        radii: CornerRadii::all(4.0),
        color: RED,
    });
    f.items.push(DisplayItem::Image(ImageItem {
        image: ImageId(1),
        rect: Rect::new(-3.0, -3.0, 6.0, 6.0),
    }));
    f.items.push(DisplayItem::PopTransform);
    let img = render(&f);
    assert_eq!(px(&img, 20, 20), rgba(BLUE));
    assert_eq!(px(&img, 20, 13), rgba(RED));
    assert_eq!(
        px(&img, 8, 8),
        WHITE,
        "the rotated square leaves the box corner"
    );
}

#[test]
fn opacity_group_inside_rounded_clip() {
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(0.0, 0.0, 40.0, 40.0),
        radii: CornerRadii::all(12.0),
    });
    f.items.push(DisplayItem::PushOpacity { opacity: 0.5 });
    f.items.push(rect(-10.0, -10.0, 60.0, 60.0, RED));
    f.items.push(DisplayItem::PopOpacity);
    f.items.push(DisplayItem::PopClip);
    let img = render(&f);
    assert_near(px(&img, 20, 20), [255, 127, 127, 255], 1);
    assert_eq!(px(&img, 0, 0), WHITE);
}

#[test]
fn rotated_glyphs_are_drawn_bilinear() {
    let mut f = frame(20.0, 20.0);
    f.resources.push(alpha_glyph(1, 6, 6, 255));
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::translate(10.0, 10.0).after(&Affine::rotate_deg(90.0)),
    });
    // Local (0..6, -3..3) rotates to device x -3..3 → 7..13, y 0..6 → 10..16.
    f.items.push(glyphs(RED, &[(1, 0.0, -3.0)]));
    f.items.push(DisplayItem::PopTransform);
    let img = render(&f);
    assert_eq!(px(&img, 10, 13), rgba(RED));
    assert_eq!(px(&img, 10, 8), WHITE);
}

#[test]
fn deep_nesting_is_bounded_and_still_draws() {
    let mut f = frame(20.0, 20.0);
    for _ in 0..200 {
        f.items.push(DisplayItem::PushClip {
            rect: Rect::new(0.0, 0.0, 20.0, 20.0),
            radii: CornerRadii::all(2.0),
        });
        f.items.push(DisplayItem::PushOpacity { opacity: 0.999 });
    }
    f.items.push(rect(0.0, 0.0, 20.0, 20.0, RED));
    for _ in 0..200 {
        f.items.push(DisplayItem::PopOpacity);
        f.items.push(DisplayItem::PopClip);
    }
    let img = render(&f);
    let p = px(&img, 10, 10);
    assert!(p[0] == 255 && p[1] < 40, "{p:?}");
    assert_eq!(px(&img, 0, 0), WHITE);
}

#[test]
fn astronomically_large_shadows_are_skipped_without_panicking() {
    let mut f = frame(24.0, 23.0);
    f.items.push(DisplayItem::Shadow(ShadowItem {
        rect: Rect::new(2.0, 2.0, 10.0, 10.0),
        radii: CornerRadii::all(3.0),
        offset: Point::new(-1.0e30, 0.0),
        blur: 4.0,
        spread: 1.0e30,
        color: Color::BLACK,
        inset: false,
        border_widths: [0.0; 4],
    }));
    let img = render(&f);
    assert_eq!((img.width, img.height), (24, 23));
}
