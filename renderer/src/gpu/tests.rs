//! GPU renderer tests. They need an adapter: without one each prints why and returns.

use std::sync::Arc;

use kryon_display::{
    Affine, BorderSides, Color, CornerRadii, DisplayItem, Frame, GlyphFormat, GlyphImage,
    GlyphInstance, GlyphKey, ImageData, ImageId, ImageItem, Point, Rect, ResourceChange,
    ShadowItem,
};

use super::{GpuOptions, GpuRenderer};
use crate::test_frames::{
    BLUE, GREEN, RED, YELLOW, bordered_inset_shadow, frame, near as close, rect, rgba,
};

fn renderer() -> Option<GpuRenderer> {
    match GpuRenderer::headless(&GpuOptions::default()) {
        Ok(r) => Some(r),
        Err(e) => {
            eprintln!("skipping GPU test: no adapter ({e})");
            None
        }
    }
}

#[track_caller]
fn assert_px(img: &crate::RgbaImage, x: u32, y: u32, want: [u8; 4], tol: u8) {
    let got = img.pixel(x, y).expect("inside");
    assert!(
        close(got, want, tol),
        "pixel ({x}, {y}) = {got:?}, want {want:?}"
    );
}

#[test]
fn solid_rect_colour_and_edges() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(20.0, 10.0);
    f.items.push(rect(5.0, 2.0, 10.0, 5.0, RED));
    let img = r.render_to_image(&f).unwrap();
    assert_eq!((img.width, img.height), (20, 10));
    assert_px(&img, 0, 0, rgba(Color::WHITE), 0);
    assert_px(&img, 5, 2, rgba(RED), 0);
    assert_px(&img, 14, 6, rgba(RED), 0);
    assert_px(&img, 15, 6, rgba(Color::WHITE), 0);
    assert_px(&img, 4, 2, rgba(Color::WHITE), 0);
    assert_px(&img, 5, 7, rgba(Color::WHITE), 0);
}

#[test]
fn half_red_over_blue_blends_in_srgb_space() {
    let Some(mut r) = renderer() else { return };
    let mut f = Frame::new(4.0, 4.0, 1.0, BLUE);
    f.items
        .push(rect(0.0, 0.0, 4.0, 4.0, RED.with_alpha_factor(0.5)));
    let img = r.render_to_image(&f).unwrap();
    // #800080: linear-light blending would give about #BC00BC.
    assert_px(&img, 2, 2, [0x80, 0x00, 0x80, 0xFF], 1);
}

#[test]
fn transparent_clear_reads_back_straight_alpha() {
    let Some(mut r) = renderer() else { return };
    let mut f = Frame::new(4.0, 4.0, 1.0, Color::TRANSPARENT);
    f.items
        .push(rect(0.0, 0.0, 2.0, 4.0, Color::rgba(200, 100, 50, 128)));
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 0, 0, [200, 100, 50, 128], 2);
    assert_px(&img, 3, 0, [0, 0, 0, 0], 0);
}

#[test]
fn rounded_corner_is_cut_and_anti_aliased() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::Rect {
        rect: Rect::new(0.0, 0.0, 40.0, 40.0),
        radii: CornerRadii::all(20.0),
        color: RED,
    });
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 1, 1, rgba(Color::WHITE), 0);
    assert_px(&img, 20, 20, rgba(RED), 0);
    assert_px(&img, 20, 1, rgba(RED), 0);
    // On the arc, between inside and outside.
    let edge = img.pixel(6, 5).unwrap();
    let partial = (0..40)
        .flat_map(|y| (0..40).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let p = img.pixel(x, y).unwrap();
            p[1] > 10 && p[1] < 245
        })
        .count();
    assert!(
        partial > 20,
        "anti-aliased arc pixels: {partial} (e.g. {edge:?})"
    );
}

#[test]
fn border_sides_have_their_own_colours() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::Border {
        rect: Rect::new(0.0, 0.0, 40.0, 40.0),
        radii: CornerRadii::ZERO,
        sides: BorderSides {
            widths: [4.0, 4.0, 4.0, 4.0],
            colors: [RED, GREEN, BLUE, YELLOW],
        },
    });
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 20, 1, rgba(RED), 0);
    assert_px(&img, 38, 20, rgba(GREEN), 0);
    assert_px(&img, 20, 38, rgba(BLUE), 0);
    assert_px(&img, 1, 20, rgba(YELLOW), 0);
    assert_px(&img, 20, 20, rgba(Color::WHITE), 0);
    // The corners split diagonally: above the diagonal is top, below it is left.
    assert_px(&img, 3, 0, rgba(RED), 0);
    assert_px(&img, 0, 3, rgba(YELLOW), 0);
}

#[test]
fn inset_shadow_stays_inside_the_padding_box() {
    let Some(mut r) = renderer() else { return };
    let img = r.render_to_image(&bordered_inset_shadow(true)).unwrap();
    let plain = r.render_to_image(&bordered_inset_shadow(false)).unwrap();
    // The padding box: x 16..66, y 18..60.
    let in_padding = |x: u32, y: u32| (16..66).contains(&x) && (18..60).contains(&y);
    for y in 0..80 {
        for x in 0..80 {
            if !in_padding(x, y) {
                let want = plain.pixel(x, y).unwrap();
                assert_px(&img, x, y, want, 1);
            }
        }
    }
    // Inside the padding box's rounded corner (inner radius 12 − 8 = 4), still border.
    assert_px(&img, 16, 18, plain.pixel(16, 18).unwrap(), 1);
    // Just inside the padding edge the shadow is dark; in the middle it is gone.
    let d = |x: u32, y: u32| {
        i32::from(plain.pixel(x, y).unwrap()[0]) - i32::from(img.pixel(x, y).unwrap()[0])
    };
    assert!(
        d(17, 40) > 120 && d(17, 40) > d(22, 40),
        "{} {}",
        d(17, 40),
        d(22, 40)
    );
    assert!(d(40, 19) > 120, "{}", d(40, 19));
    assert!(d(40, 40).abs() <= 1, "centre untouched: {}", d(40, 40));
}

#[test]
fn clips_cut_content_and_intersect() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(10.0, 10.0, 20.0, 20.0),
        radii: CornerRadii::ZERO,
    });
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(0.0, 0.0, 20.0, 40.0),
        radii: CornerRadii::ZERO,
    });
    f.items.push(rect(0.0, 0.0, 40.0, 40.0, RED));
    f.items.push(DisplayItem::PopClip);
    f.items.push(DisplayItem::PopClip);
    f.items.push(rect(35.0, 35.0, 5.0, 5.0, BLUE));
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 15, 15, rgba(RED), 0);
    assert_px(&img, 25, 15, rgba(Color::WHITE), 0);
    assert_px(&img, 5, 5, rgba(Color::WHITE), 0);
    assert_px(&img, 37, 37, rgba(BLUE), 0);
}

#[test]
fn rounded_clip_and_nested_rounded_clips() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(0.0, 0.0, 40.0, 40.0),
        radii: CornerRadii::all(20.0),
    });
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(20.0, 0.0, 20.0, 40.0),
        radii: CornerRadii::all(10.0),
    });
    f.items.push(rect(0.0, 0.0, 40.0, 40.0, RED));
    f.items.push(DisplayItem::PopClip);
    f.items.push(DisplayItem::PopClip);
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 30, 20, rgba(RED), 0);
    assert_px(&img, 10, 20, rgba(Color::WHITE), 0);
    // Outside the outer circle although inside the inner clip's box.
    assert_px(&img, 38, 2, rgba(Color::WHITE), 0);
    assert_eq!(
        r.last_stats().layers,
        1,
        "the second rounded clip uses a layer"
    );
}

#[test]
fn group_opacity_does_not_show_overlaps() {
    let Some(mut r) = renderer() else { return };
    let mut f = Frame::new(30.0, 10.0, 1.0, Color::WHITE);
    f.items.push(DisplayItem::PushOpacity { opacity: 0.5 });
    f.items.push(rect(0.0, 0.0, 20.0, 10.0, RED));
    f.items.push(rect(10.0, 0.0, 20.0, 10.0, BLUE));
    f.items.push(DisplayItem::PopOpacity);
    let img = r.render_to_image(&f).unwrap();
    // Red at 50 % over white, blue at 50 % over white, and in the overlap only blue.
    assert_px(&img, 5, 5, [255, 127, 127, 255], 1);
    assert_px(&img, 15, 5, [127, 127, 255, 255], 1);
    assert_px(&img, 25, 5, [127, 127, 255, 255], 1);
    let stats = r.last_stats();
    assert_eq!(stats.layers, 1);
}

#[test]
fn nested_and_sibling_opacity_groups() {
    let Some(mut r) = renderer() else { return };
    let mut f = Frame::new(30.0, 10.0, 1.0, Color::WHITE);
    for x in [0.0, 10.0] {
        f.items.push(DisplayItem::PushOpacity { opacity: 0.5 });
        f.items.push(DisplayItem::PushOpacity { opacity: 0.5 });
        f.items.push(rect(x, 0.0, 10.0, 10.0, Color::BLACK));
        f.items.push(DisplayItem::PopOpacity);
        f.items.push(DisplayItem::PopOpacity);
    }
    f.items.push(DisplayItem::PushOpacity { opacity: 0.0 });
    f.items.push(rect(20.0, 0.0, 10.0, 10.0, Color::BLACK));
    f.items.push(DisplayItem::PopOpacity);
    let img = r.render_to_image(&f).unwrap();
    // 25 % black over white, twice; the zero-opacity group shows nothing.
    assert_px(&img, 5, 5, [191, 191, 191, 255], 2);
    assert_px(&img, 15, 5, [191, 191, 191, 255], 2);
    assert_px(&img, 25, 5, [255, 255, 255, 255], 0);
    assert_eq!(r.last_stats().layers, 4);
}

#[test]
fn transforms_compose_local_to_parent() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::translate(20.0, 0.0),
    });
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::scale(2.0, 2.0),
    });
    f.items.push(rect(0.0, 0.0, 5.0, 5.0, RED));
    f.items.push(DisplayItem::PopTransform);
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::rotate_deg(90.0),
    });
    // Rotated 90° clockwise about the (translated) origin: x → y, y → −x.
    f.items.push(rect(20.0, 0.0, 10.0, 5.0, BLUE));
    f.items.push(DisplayItem::PopTransform);
    f.items.push(DisplayItem::PopTransform);
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 21, 1, rgba(RED), 0);
    assert_px(&img, 29, 9, rgba(RED), 0);
    assert_px(&img, 31, 1, rgba(Color::WHITE), 0);
    // (20..30, 0..5) rotated → x in (−5..0) + 20, y in 20..30.
    assert_px(&img, 17, 25, rgba(BLUE), 0);
    assert_px(&img, 22, 25, rgba(Color::WHITE), 0);
}

#[test]
fn rotated_clip_clips_in_its_own_coordinates() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(40.0, 40.0);
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::translate(20.0, 20.0).after(&Affine::rotate_deg(45.0)),
    });
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(-10.0, -10.0, 20.0, 20.0),
        radii: CornerRadii::ZERO,
    });
    f.items.push(rect(-20.0, -20.0, 40.0, 40.0, RED));
    f.items.push(DisplayItem::PopClip);
    f.items.push(DisplayItem::PopTransform);
    let img = r.render_to_image(&f).unwrap();
    // A diamond: the clip square turned 45° about the centre.
    assert_px(&img, 20, 20, rgba(RED), 0);
    assert_px(&img, 20, 7, rgba(RED), 0);
    assert_px(&img, 20, 3, rgba(Color::WHITE), 0);
    assert_px(&img, 8, 8, rgba(Color::WHITE), 0);
}

#[test]
fn scale_factor_two_doubles_everything() {
    let Some(mut r) = renderer() else { return };
    let mut f = Frame::new(10.0, 10.0, 2.0, Color::WHITE);
    f.items.push(rect(2.0, 2.0, 3.0, 3.0, RED));
    let img = r.render_to_image(&f).unwrap();
    assert_eq!((img.width, img.height), (20, 20));
    assert_px(&img, 4, 4, rgba(RED), 0);
    assert_px(&img, 9, 9, rgba(RED), 0);
    assert_px(&img, 10, 10, rgba(Color::WHITE), 0);
    assert_px(&img, 3, 3, rgba(Color::WHITE), 0);
}

fn glyph_upload(key: u32, w: u32, h: u32, value: u8) -> ResourceChange {
    ResourceChange::UploadGlyph {
        key: GlyphKey(key),
        image: GlyphImage {
            width: w,
            height: h,
            format: GlyphFormat::Alpha,
            data: vec![value; (w * h) as usize],
        },
    }
}

#[test]
fn glyphs_are_tinted_and_placed_at_physical_size() {
    let Some(mut r) = renderer() else { return };
    let mut f = Frame::new(20.0, 20.0, 2.0, Color::WHITE);
    f.resources.push(glyph_upload(1, 6, 4, 255));
    f.resources.push(glyph_upload(2, 4, 4, 128));
    f.resources.push(ResourceChange::UploadGlyph {
        key: GlyphKey(3),
        image: GlyphImage {
            width: 2,
            height: 2,
            format: GlyphFormat::Rgba,
            data: [0, 255, 0, 255].repeat(4),
        },
    });
    f.items.push(DisplayItem::Glyphs {
        color: RED,
        glyphs: vec![
            GlyphInstance {
                key: GlyphKey(1),
                x: 1.0,
                y: 1.0,
            },
            GlyphInstance {
                key: GlyphKey(2),
                x: 10.0,
                y: 1.0,
            },
            GlyphInstance {
                key: GlyphKey(99),
                x: 0.0,
                y: 0.0,
            },
            GlyphInstance {
                key: GlyphKey(3),
                x: 1.0,
                y: 10.0,
            },
        ],
    });
    let img = r.render_to_image(&f).unwrap();
    // Glyph 1: 6×4 physical px from (2, 2).
    assert_px(&img, 2, 2, rgba(RED), 0);
    assert_px(&img, 7, 5, rgba(RED), 0);
    assert_px(&img, 8, 5, rgba(Color::WHITE), 0);
    assert_px(&img, 7, 6, rgba(Color::WHITE), 0);
    // Glyph 2: half coverage.
    assert_px(&img, 21, 3, [255, 127, 127, 255], 1);
    // Colour glyph keeps its colour.
    assert_px(&img, 2, 20, rgba(GREEN), 0);
    // Kept across frames: no upload in the next frame, same pixels.
    f.resources.clear();
    let again = r.render_to_image(&f).unwrap();
    assert_eq!(again, img);
    assert_eq!(r.last_stats().atlas_uploads, 0);
    // Freed: no longer drawn; freeing unknown keys is harmless.
    f.resources = vec![
        ResourceChange::FreeGlyph(GlyphKey(1)),
        ResourceChange::FreeGlyph(GlyphKey(77)),
        ResourceChange::FreeImage(ImageId(5)),
    ];
    let freed = r.render_to_image(&f).unwrap();
    assert_px(&freed, 2, 2, rgba(Color::WHITE), 0);
}

#[test]
fn the_atlas_repacks_and_grows_when_full() {
    let Some(mut r) = renderer() else { return };
    let mut f = Frame::new(64.0, 64.0, 1.0, Color::WHITE);
    // 3000 glyphs of 30×30 (+ border) need more than one 1024² page.
    for key in 0..3000 {
        f.resources.push(glyph_upload(key, 30, 30, 255));
    }
    f.items.push(DisplayItem::Glyphs {
        color: BLUE,
        glyphs: vec![
            GlyphInstance {
                key: GlyphKey(0),
                x: 0.0,
                y: 0.0,
            },
            GlyphInstance {
                key: GlyphKey(2999),
                x: 32.0,
                y: 32.0,
            },
        ],
    });
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 10, 10, rgba(BLUE), 0);
    assert_px(&img, 40, 40, rgba(BLUE), 0);
    assert_px(&img, 31, 10, rgba(Color::WHITE), 0);
    assert!(r.last_stats().atlas_uploads > 3000, "grown and re-uploaded");
}

#[test]
fn images_are_drawn_scaled_into_their_rect() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(20.0, 20.0);
    // 2×2: red, green / blue, transparent.
    let px = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0];
    f.resources.push(ResourceChange::UploadImage {
        id: ImageId(7),
        data: ImageData {
            width: 2,
            height: 2,
            rgba: Arc::from(&px[..]),
        },
    });
    f.items.push(DisplayItem::Image(ImageItem {
        image: ImageId(7),
        rect: Rect::new(0.0, 0.0, 20.0, 20.0),
    }));
    f.items.push(DisplayItem::Image(ImageItem {
        image: ImageId(8),
        rect: Rect::new(0.0, 0.0, 20.0, 20.0),
    }));
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 1, 1, rgba(RED), 0);
    assert_px(&img, 18, 1, rgba(GREEN), 0);
    assert_px(&img, 1, 18, rgba(BLUE), 0);
    assert_px(&img, 18, 18, rgba(Color::WHITE), 0);
    assert_eq!(r.last_stats().image_uploads, 1);
}

#[test]
fn shadows_fall_outside_and_inside_the_box() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(60.0, 60.0);
    f.items.push(DisplayItem::Shadow(ShadowItem {
        rect: Rect::new(10.0, 10.0, 20.0, 20.0),
        radii: CornerRadii::all(4.0),
        offset: Point::new(4.0, 4.0),
        blur: 6.0,
        spread: 0.0,
        color: Color::BLACK,
        inset: false,
        border_widths: [0.0; 4],
    }));
    f.items.push(DisplayItem::Shadow(ShadowItem {
        rect: Rect::new(35.0, 35.0, 20.0, 20.0),
        radii: CornerRadii::ZERO,
        offset: Point::new(0.0, 0.0),
        blur: 0.0,
        spread: 4.0,
        color: Color::BLACK,
        inset: true,
        border_widths: [0.0; 4],
    }));
    let img = r.render_to_image(&f).unwrap();
    // Outer: nothing under the box, dark beside its offset edge, fading out.
    assert_px(&img, 20, 20, rgba(Color::WHITE), 0);
    let near = img.pixel(31, 25).unwrap()[0];
    let far = img.pixel(38, 25).unwrap()[0];
    assert!(
        near < 160 && far > near && far > 230,
        "near {near}, far {far}"
    );
    // Inset with spread 4: a 4 px black frame inside the box, white in the middle.
    assert_px(&img, 36, 45, rgba(Color::BLACK), 0);
    assert_px(&img, 45, 45, rgba(Color::WHITE), 0);
    assert_px(&img, 33, 45, rgba(Color::WHITE), 0);
}

#[test]
fn two_thousand_rects_are_one_draw_call() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(800.0, 600.0);
    for i in 0..2000 {
        let (x, y) = ((i % 50) as f32 * 16.0, (i / 50) as f32 * 15.0);
        f.items.push(DisplayItem::Rect {
            rect: Rect::new(x, y, 14.0, 13.0),
            radii: CornerRadii::all((i % 4) as f32),
            color: Color::rgba((i % 255) as u8, 100, 200, 255),
        });
    }
    r.render_to_image(&f).unwrap();
    let stats = r.last_stats();
    println!("2000 rects: {stats:?}");
    assert!(stats.draw_calls <= 5, "{stats:?}");
    assert_eq!(stats.instances, 2000);
}

#[test]
fn interleaved_backgrounds_and_text_batch_together() {
    let Some(mut r) = renderer() else { return };
    let mut f = frame(800.0, 600.0);
    f.resources.push(glyph_upload(1, 8, 10, 255));
    for row in 0..40 {
        let y = row as f32 * 15.0;
        f.items
            .push(rect(0.0, y, 800.0, 14.0, Color::rgba(240, 240, 240, 255)));
        f.items.push(DisplayItem::Border {
            rect: Rect::new(0.0, y, 800.0, 14.0),
            radii: CornerRadii::all(3.0),
            sides: BorderSides::uniform(1.0, Color::BLACK),
        });
        f.items.push(DisplayItem::Glyphs {
            color: Color::BLACK,
            glyphs: (0..30)
                .map(|i| GlyphInstance {
                    key: GlyphKey(1),
                    x: 4.0 + i as f32 * 9.0,
                    y: y + 2.0,
                })
                .collect(),
        });
    }
    let img = r.render_to_image(&f).unwrap();
    let stats = r.last_stats();
    println!("40 rows of background, border, text: {stats:?}");
    assert!(stats.draw_calls <= 3, "{stats:?}");
    // Paint order still holds: text over its own row's background.
    assert_px(&img, 6, 5, rgba(Color::BLACK), 0);
    assert_px(&img, 400, 7, [240, 240, 240, 255], 0);
}

#[test]
fn odd_frames_do_not_panic() {
    let Some(mut r) = renderer() else { return };
    let nan = f32::NAN;
    let mut f = Frame::new(16.0, 16.0, 1.0, Color::WHITE);
    f.items = vec![
        DisplayItem::PopClip,
        DisplayItem::PopOpacity,
        rect(nan, 0.0, 4.0, 4.0, RED),
        rect(0.0, 0.0, -4.0, 4.0, RED),
        rect(0.0, 0.0, f32::INFINITY, 4.0, RED),
        DisplayItem::PushTransform {
            transform: Affine::scale(0.0, 0.0),
        },
        rect(0.0, 0.0, 4.0, 4.0, RED),
        DisplayItem::PopTransform,
        DisplayItem::PushTransform {
            transform: Affine::translate(nan, 0.0),
        },
        rect(0.0, 0.0, 4.0, 4.0, RED),
        DisplayItem::PopTransform,
        DisplayItem::PushOpacity { opacity: nan },
        rect(0.0, 0.0, 4.0, 4.0, RED),
        DisplayItem::PopOpacity,
        DisplayItem::PushClip {
            rect: Rect::new(0.0, 0.0, nan, 5.0),
            radii: CornerRadii::all(nan),
        },
        rect(0.0, 0.0, 4.0, 4.0, RED),
        DisplayItem::PopClip,
        DisplayItem::Border {
            rect: Rect::new(2.0, 2.0, 4.0, 4.0),
            radii: CornerRadii::all(f32::INFINITY),
            sides: BorderSides {
                widths: [nan, 100.0, -1.0, 3.0],
                colors: [RED; 4],
            },
        },
        DisplayItem::Shadow(ShadowItem {
            rect: Rect::new(2.0, 2.0, 4.0, 4.0),
            radii: CornerRadii::ZERO,
            offset: Point::new(0.0, 0.0),
            blur: nan,
            spread: f32::INFINITY,
            color: RED,
            inset: true,
            border_widths: [0.0; 4],
        }),
        DisplayItem::Glyphs {
            color: RED,
            glyphs: vec![GlyphInstance {
                key: GlyphKey(4),
                x: nan,
                y: 0.0,
            }],
        },
        // Left open: closed at the end.
        DisplayItem::PushOpacity { opacity: 0.5 },
        DisplayItem::PushClip {
            rect: Rect::new(8.0, 8.0, 8.0, 8.0),
            radii: CornerRadii::all(2.0),
        },
        rect(8.0, 8.0, 8.0, 8.0, Color::BLACK),
    ];
    f.resources = vec![
        ResourceChange::UploadGlyph {
            key: GlyphKey(4),
            image: GlyphImage {
                width: 3,
                height: 3,
                format: GlyphFormat::Alpha,
                data: vec![1, 2],
            },
        },
        ResourceChange::UploadImage {
            id: ImageId(1),
            data: ImageData {
                width: 0,
                height: 5,
                rgba: Arc::from(&[][..]),
            },
        },
    ];
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 12, 12, [128, 128, 128, 255], 1);
    // NaN or huge sizes are errors, not panics.
    let huge = Frame::new(1.0e9, 10.0, 1.0, Color::WHITE);
    assert!(r.render_to_image(&huge).is_err());
    let weird = Frame::new(f32::NAN, 3.0, f32::NAN, Color::WHITE);
    assert!(r.render_to_image(&weird).is_ok());
}

#[test]
fn headless_renderer_has_no_surface() {
    let Some(mut r) = renderer() else { return };
    assert!(r.present(&frame(4.0, 4.0)).is_err());
    r.resize(10, 10);
    let summary = r.adapter_summary();
    assert!(
        summary.contains(&format!("({:?})", r.device_type())),
        "{summary}"
    );
}

/// Time to first frame for one backend, in a fresh process: run as
/// `KRYON_GPU_BACKEND=vulkan|gl cargo test -p kryon-renderer --release first_frame_timing -- --ignored --nocapture`.
#[test]
#[ignore = "timing probe, run by hand"]
fn first_frame_timing() {
    let start = std::time::Instant::now();
    let backends = match std::env::var("KRYON_GPU_BACKEND").as_deref() {
        Ok("gl") => Some(wgpu::Backends::GL),
        Ok("vulkan") => Some(wgpu::Backends::VULKAN),
        _ => None,
    };
    let options = GpuOptions {
        backends,
        ..GpuOptions::default()
    };
    let mut r = match GpuRenderer::headless(&options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("skipping: {e}");
            return;
        }
    };
    let created = start.elapsed();
    let mut f = Frame::new(800.0, 600.0, 1.0, Color::WHITE);
    f.resources.push(glyph_upload(1, 8, 10, 255));
    for i in 0..200 {
        let (x, y) = ((i % 20) as f32 * 40.0, (i / 20) as f32 * 60.0);
        f.items.push(DisplayItem::Rect {
            rect: Rect::new(x, y, 36.0, 50.0),
            radii: CornerRadii::all(4.0),
            color: Color::rgba(200, 220, 240, 255),
        });
        f.items.push(DisplayItem::Glyphs {
            color: Color::BLACK,
            glyphs: vec![GlyphInstance {
                key: GlyphKey(1),
                x: x + 4.0,
                y: y + 4.0,
            }],
        });
    }
    r.render_to_image(&f).unwrap();
    let first = start.elapsed();
    let t = std::time::Instant::now();
    r.render_to_image(&f).unwrap();
    let second = t.elapsed();
    println!(
        "{}: renderer ready {:.1} ms, first frame at {:.1} ms, next frame {:.2} ms",
        r.adapter_summary(),
        created.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        second.as_secs_f64() * 1e3
    );
}

/// A "window" whose handles are unavailable, as after it was closed.
struct GoneWindow;

impl wgpu::rwh::HasWindowHandle for GoneWindow {
    fn window_handle(&self) -> Result<wgpu::rwh::WindowHandle<'_>, wgpu::rwh::HandleError> {
        Err(wgpu::rwh::HandleError::Unavailable)
    }
}

impl wgpu::rwh::HasDisplayHandle for GoneWindow {
    fn display_handle(&self) -> Result<wgpu::rwh::DisplayHandle<'_>, wgpu::rwh::HandleError> {
        Err(wgpu::rwh::HandleError::Unavailable)
    }
}

#[test]
fn a_surface_target_without_handles_is_an_error_not_a_panic() {
    // What the runtime passes (an `Arc` of a window) goes through `Into<SurfaceTarget>`.
    let result = GpuRenderer::for_surface(Arc::new(GoneWindow), 64, 64, &GpuOptions::default());
    match result {
        Err(e) => println!("for_surface without handles: {e}"),
        Ok(_) => panic!("a surface cannot be made without window handles"),
    }
}

#[test]
fn sizes_and_resources_change_between_frames() {
    let Some(mut r) = renderer() else { return };
    let upload = |rgba: [u8; 4]| ResourceChange::UploadImage {
        id: ImageId(1),
        data: ImageData {
            width: 1,
            height: 1,
            rgba: Arc::from(&rgba[..]),
        },
    };
    let mut f = frame(8.0, 8.0);
    f.resources.push(upload([255, 0, 0, 255]));
    f.items.push(DisplayItem::Image(ImageItem {
        image: ImageId(1),
        rect: Rect::new(0.0, 0.0, 8.0, 8.0),
    }));
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 4, 4, rgba(RED), 0);
    // Bigger target, the id freed and reused for other pixels, an opacity layer at the new size.
    let mut g = frame(300.0, 20.0);
    g.resources = vec![
        ResourceChange::FreeImage(ImageId(1)),
        upload([0, 0, 255, 255]),
    ];
    g.items.push(DisplayItem::PushOpacity { opacity: 0.5 });
    g.items.push(DisplayItem::Image(ImageItem {
        image: ImageId(1),
        rect: Rect::new(200.0, 0.0, 100.0, 20.0),
    }));
    g.items.push(DisplayItem::PopOpacity);
    let img = r.render_to_image(&g).unwrap();
    assert_eq!((img.width, img.height), (300, 20));
    assert_px(&img, 250, 10, [127, 127, 255, 255], 1);
    // And back to the small size.
    f.resources.clear();
    let img = r.render_to_image(&f).unwrap();
    assert_px(&img, 4, 4, rgba(BLUE), 0);
}
