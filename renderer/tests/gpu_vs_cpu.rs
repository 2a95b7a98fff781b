//! The GPU renderer against the CPU reference: the same synthetic frames through both, compared
//! pixel by pixel. Anti-aliasing and blur approximations differ a little at edges; a wrong
//! colour or a missing shape differs on far more pixels than the tolerance allows (checked by
//! the negative control at the end).
//!
//! Without a GPU adapter the tests print a skip message and pass.

use std::sync::Arc;

use kryon_display::{
    Affine, BorderSides, Color, CornerRadii, DisplayItem, Frame, GlyphFormat, GlyphImage,
    GlyphInstance, GlyphKey, ImageData, ImageId, ImageItem, Point, Rect, ResourceChange,
    ShadowItem,
};
use kryon_renderer::cpu::CpuRenderer;
use kryon_renderer::gpu::{GpuOptions, GpuRenderer};
use kryon_renderer::{ImageDiff, RgbaImage};

/// A pixel "differs" when a channel is off by more than this.
const THRESHOLD: u8 = 24;
/// At most this fraction of pixels may differ.
const MAX_FRACTION: f64 = 0.005;
/// The borders scene is held tighter: since the CPU renderer paints the whole ring of
/// multi-colour rounded borders (next to the inner rounded corners too) no pixel differs; it
/// differed on 0.31 % before.
const BORDERS_MAX_FRACTION: f64 = 0.0005;

fn gpu() -> Option<GpuRenderer> {
    match GpuRenderer::headless(&GpuOptions::default()) {
        Ok(r) => Some(r),
        Err(e) => {
            eprintln!("skipping GPU-vs-CPU test: no adapter ({e})");
            None
        }
    }
}

fn render_both(frame: &Frame) -> Option<(RgbaImage, RgbaImage)> {
    let mut gpu = gpu()?;
    let mut cpu = CpuRenderer::new();
    let g = gpu.render_to_image(frame).expect("GPU frame");
    let c = cpu.render(frame);
    Some((g, c))
}

/// Renders with both, prints the difference and checks it (and that the scene is not blank).
fn compare(name: &str, frame: &Frame) -> Option<ImageDiff> {
    compare_within(name, frame, MAX_FRACTION)
}

/// [`compare`] with its own bound on the fraction of differing pixels.
fn compare_within(name: &str, frame: &Frame, max_fraction: f64) -> Option<ImageDiff> {
    let (g, c) = render_both(frame)?;
    let diff = g.diff(&c, THRESHOLD).expect("same size");
    let blank = RgbaImage::filled(c.width, c.height, {
        let k = frame.clear_color;
        [k.r, k.g, k.b, k.a]
    });
    let content = c.diff(&blank, THRESHOLD).expect("same size");
    println!(
        "{name}: {:.3} % of pixels differ by > {THRESHOLD} (max {}, mean {:.3}); scene covers {:.1} %",
        diff.differing_fraction * 100.0,
        diff.max_channel_diff,
        diff.mean_abs_diff,
        content.differing_fraction * 100.0
    );
    if diff.differing_fraction > max_fraction {
        dump(name, &g, &c);
    }
    assert!(
        content.differing_fraction > 0.05,
        "{name}: the scene should draw something"
    );
    assert!(
        diff.differing_fraction <= max_fraction,
        "{name}: GPU and CPU differ on {:.2} % of pixels ({diff:?})",
        diff.differing_fraction * 100.0
    );
    Some(diff)
}

/// Writes both images as PNGs for a failing comparison (into the target dir).
fn dump(name: &str, g: &RgbaImage, c: &RgbaImage) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    for (which, img) in [("gpu", g), ("cpu", c)] {
        let path = dir.join(format!("{name}-{which}.png"));
        if let Some(buf) = image::RgbaImage::from_raw(img.width, img.height, img.pixels.clone()) {
            let _ = buf.save(&path);
            eprintln!("wrote {}", path.display());
        }
    }
}

fn c(r: u8, g: u8, b: u8, a: u8) -> Color {
    Color::rgba(r, g, b, a)
}

fn rect(x: f32, y: f32, w: f32, h: f32, radii: CornerRadii, color: Color) -> DisplayItem {
    DisplayItem::Rect {
        rect: Rect::new(x, y, w, h),
        radii: radii.clamped_to(w, h),
        color,
    }
}

fn rects_scene() -> Frame {
    let mut f = Frame::new(200.0, 150.0, 1.0, Color::WHITE);
    for i in 0..24u32 {
        let (x, y) = ((i % 6) as f32 * 33.0 + 2.3, (i / 6) as f32 * 37.0 + 1.6);
        let a = if i.is_multiple_of(3) { 140 } else { 255 };
        f.items.push(rect(
            x,
            y,
            28.5,
            31.0,
            CornerRadii::ZERO,
            c((i * 37 % 255) as u8, (i * 91 % 255) as u8, 180, a),
        ));
    }
    f.items.push(rect(
        20.0,
        20.0,
        160.0,
        100.0,
        CornerRadii::ZERO,
        c(0, 0, 255, 100),
    ));
    f
}

fn radii_scene() -> Frame {
    let mut f = Frame::new(220.0, 160.0, 1.0, c(240, 240, 240, 255));
    let radii = [
        CornerRadii::all(8.0),
        CornerRadii::all(40.0),
        CornerRadii {
            top_left: 0.0,
            top_right: 12.0,
            bottom_right: 30.0,
            bottom_left: 5.0,
        },
        CornerRadii::all(2.5),
        CornerRadii {
            top_left: 25.0,
            top_right: 0.0,
            bottom_right: 25.0,
            bottom_left: 0.0,
        },
        CornerRadii::all(100.0),
    ];
    for (i, r) in radii.iter().enumerate() {
        let (x, y) = ((i % 3) as f32 * 72.0 + 4.0, (i / 3) as f32 * 78.0 + 4.0);
        f.items.push(rect(
            x,
            y,
            64.0,
            70.0,
            *r,
            c(30 + i as u8 * 40, 90, 160, 255),
        ));
    }
    f
}

fn borders_scene() -> Frame {
    let mut f = Frame::new(240.0, 160.0, 1.0, Color::WHITE);
    let boxes = [
        (
            BorderSides::uniform(3.0, c(20, 20, 20, 255)),
            CornerRadii::ZERO,
        ),
        (
            BorderSides::uniform(6.0, c(200, 40, 40, 200)),
            CornerRadii::all(16.0),
        ),
        (
            BorderSides {
                widths: [8.0, 4.0, 8.0, 4.0],
                colors: [
                    c(255, 0, 0, 255),
                    c(0, 160, 0, 255),
                    c(0, 0, 255, 255),
                    c(230, 200, 0, 255),
                ],
            },
            CornerRadii::ZERO,
        ),
        (
            BorderSides {
                widths: [10.0, 10.0, 10.0, 10.0],
                colors: [
                    c(120, 0, 120, 255),
                    c(0, 120, 120, 255),
                    c(120, 120, 0, 255),
                    c(0, 0, 0, 255),
                ],
            },
            CornerRadii::all(20.0),
        ),
        (
            BorderSides {
                widths: [0.0, 5.0, 2.0, 12.0],
                colors: [
                    c(255, 0, 0, 255),
                    c(0, 0, 0, 255),
                    c(0, 90, 200, 255),
                    c(250, 120, 0, 255),
                ],
            },
            CornerRadii::all(6.0),
        ),
        (
            BorderSides::uniform(1.0, c(0, 0, 0, 255)),
            CornerRadii::all(4.0),
        ),
    ];
    for (i, (sides, radii)) in boxes.iter().enumerate() {
        let (x, y) = ((i % 3) as f32 * 80.0 + 4.0, (i / 3) as f32 * 80.0 + 4.0);
        f.items
            .push(rect(x, y, 70.0, 70.0, *radii, c(250, 245, 230, 255)));
        f.items.push(DisplayItem::Border {
            rect: Rect::new(x, y, 70.0, 70.0),
            radii: *radii,
            sides: *sides,
        });
    }
    f
}

fn shadows_scene() -> Frame {
    let mut f = Frame::new(240.0, 180.0, 1.0, Color::WHITE);
    // The inset case has a thick translucent border: its shadow stays in the padding box.
    let inset_border = [6.0, 3.0, 8.0, 4.0];
    let shadow = |x: f32, y: f32, radii: f32, blur: f32, spread: f32, inset: bool| {
        DisplayItem::Shadow(ShadowItem {
            rect: Rect::new(x, y, 60.0, 50.0),
            radii: CornerRadii::all(radii),
            offset: Point::new(3.0, 4.0),
            blur,
            spread,
            color: c(0, 0, 0, 150),
            inset,
            border_widths: if inset { inset_border } else { [0.0; 4] },
        })
    };
    let cases = [
        (20.0, 20.0, 0.0, 8.0, 0.0, false),
        (110.0, 20.0, 10.0, 12.0, 2.0, false),
        (20.0, 110.0, 6.0, 0.0, 4.0, false),
        (110.0, 110.0, 8.0, 10.0, 0.0, true),
    ];
    for (x, y, r, blur, spread, inset) in cases {
        if !inset {
            f.items.push(shadow(x, y, r, blur, spread, inset));
        }
        f.items.push(rect(
            x,
            y,
            60.0,
            50.0,
            CornerRadii::all(r),
            c(100, 180, 250, 255),
        ));
        if inset {
            f.items.push(shadow(x, y, r, blur, spread, inset));
            f.items.push(DisplayItem::Border {
                rect: Rect::new(x, y, 60.0, 50.0),
                radii: CornerRadii::all(r),
                sides: BorderSides {
                    widths: inset_border,
                    colors: [c(250, 120, 0, 110); 4],
                },
            });
        }
    }
    f
}

fn glyph(key: u32, w: u32, h: u32, seed: u32) -> ResourceChange {
    // A fake glyph: a filled blob with soft edges, so edges exercise partial coverage.
    let mut data = Vec::with_capacity((w * h) as usize);
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x as f32 - w as f32 / 2.0, y as f32 - h as f32 / 2.0);
            let d = (dx * dx + dy * dy).sqrt() - (w.min(h) as f32 / 2.0 - 1.0);
            let v = ((0.5 - d / 2.0).clamp(0.0, 1.0) * 255.0) as u8;
            data.push(if (x + y + seed).is_multiple_of(7) {
                v / 2
            } else {
                v
            });
        }
    }
    ResourceChange::UploadGlyph {
        key: GlyphKey(key),
        image: GlyphImage {
            width: w,
            height: h,
            format: GlyphFormat::Alpha,
            data,
        },
    }
}

fn emoji(key: u32, side: u32) -> ResourceChange {
    let mut data = Vec::new();
    for y in 0..side {
        for x in 0..side {
            let inside = x > 0 && y > 0 && x + 1 < side && y + 1 < side;
            let a = if inside { 255 } else { 100 };
            data.extend_from_slice(&[(x * 255 / side) as u8, (y * 255 / side) as u8, 120, a]);
        }
    }
    ResourceChange::UploadGlyph {
        key: GlyphKey(key),
        image: GlyphImage {
            width: side,
            height: side,
            format: GlyphFormat::Rgba,
            data,
        },
    }
}

fn text_scene(scale: f32) -> Frame {
    let mut f = Frame::new(200.0, 100.0, scale, Color::WHITE);
    let s = scale as u32;
    for k in 0..10 {
        f.resources.push(glyph(k, (6 + k % 4) * s, 11 * s, k));
    }
    f.resources.push(emoji(50, 14 * s));
    for line in 0..7 {
        let y = 4.0 + line as f32 * 13.0;
        let glyphs = (0..18)
            .map(|i| GlyphInstance {
                key: GlyphKey((i * 7 + line) % 10),
                x: 4.0 + i as f32 * 10.5,
                y,
            })
            .collect();
        let color = [c(0, 0, 0, 255), c(200, 30, 30, 255), c(20, 60, 200, 180)][line as usize % 3];
        f.items.push(DisplayItem::Glyphs { color, glyphs });
    }
    f.items.push(DisplayItem::Glyphs {
        color: c(0, 0, 0, 255),
        glyphs: vec![
            GlyphInstance {
                key: GlyphKey(50),
                x: 150.0,
                y: 80.0,
            },
            GlyphInstance {
                key: GlyphKey(50),
                x: 170.0,
                y: 80.0,
            },
        ],
    });
    f
}

fn image_data(w: u32, h: u32) -> ImageData {
    let mut px = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let a = if (x / 4 + y / 4).is_multiple_of(5) {
                90
            } else {
                255
            };
            px.extend_from_slice(&[(x * 255 / w) as u8, (y * 255 / h) as u8, 200, a]);
        }
    }
    ImageData {
        width: w,
        height: h,
        rgba: Arc::from(px),
    }
}

fn images_scene() -> Frame {
    let mut f = Frame::new(220.0, 160.0, 1.0, c(250, 250, 250, 255));
    f.resources.push(ResourceChange::UploadImage {
        id: ImageId(1),
        data: image_data(32, 24),
    });
    f.resources.push(ResourceChange::UploadImage {
        id: ImageId(2),
        data: image_data(100, 100),
    });
    let items = [
        (1, Rect::new(4.0, 4.0, 32.0, 24.0)),
        (1, Rect::new(50.0, 4.0, 96.0, 72.0)),
        (2, Rect::new(4.0, 80.0, 100.0, 70.0)),
        (2, Rect::new(120.0, 85.5, 90.3, 60.7)),
    ];
    for (id, r) in items {
        f.items.push(DisplayItem::Image(ImageItem {
            image: ImageId(id),
            rect: r,
        }));
    }
    f
}

fn clips_scene() -> Frame {
    let mut f = Frame::new(220.0, 160.0, 1.0, Color::WHITE);
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(10.0, 10.0, 120.0, 100.0),
        radii: CornerRadii::ZERO,
    });
    f.items.push(rect(
        0.0,
        0.0,
        220.0,
        160.0,
        CornerRadii::ZERO,
        c(220, 220, 250, 255),
    ));
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(30.0, 30.0, 150.0, 110.0),
        radii: CornerRadii::all(24.0),
    });
    f.items.push(rect(
        0.0,
        0.0,
        220.0,
        160.0,
        CornerRadii::ZERO,
        c(250, 120, 40, 255),
    ));
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(60.0, 60.0, 80.0, 60.0),
        radii: CornerRadii::all(15.0),
    });
    f.items.push(rect(
        0.0,
        0.0,
        220.0,
        160.0,
        CornerRadii::ZERO,
        c(40, 120, 40, 255),
    ));
    f.items.push(DisplayItem::PopClip);
    f.items.push(DisplayItem::PopClip);
    f.items.push(DisplayItem::PopClip);
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(150.0, 20.0, 60.0, 60.0),
        radii: CornerRadii::all(30.0),
    });
    f.items.push(rect(
        140.0,
        10.0,
        80.0,
        80.0,
        CornerRadii::ZERO,
        c(0, 0, 0, 255),
    ));
    f.items.push(DisplayItem::PopClip);
    f
}

fn opacity_scene() -> Frame {
    let mut f = Frame::new(200.0, 120.0, 1.0, Color::WHITE);
    f.items.push(DisplayItem::PushOpacity { opacity: 0.5 });
    f.items.push(rect(
        10.0,
        10.0,
        80.0,
        80.0,
        CornerRadii::all(10.0),
        c(255, 0, 0, 255),
    ));
    f.items.push(rect(
        50.0,
        30.0,
        80.0,
        80.0,
        CornerRadii::ZERO,
        c(0, 0, 255, 255),
    ));
    f.items.push(DisplayItem::PushOpacity { opacity: 0.6 });
    f.items.push(rect(
        100.0,
        5.0,
        90.0,
        60.0,
        CornerRadii::ZERO,
        c(0, 160, 0, 255),
    ));
    f.items.push(DisplayItem::PopOpacity);
    f.items.push(DisplayItem::PopOpacity);
    f.items.push(DisplayItem::PushOpacity { opacity: 0.3 });
    f.items.push(rect(
        20.0,
        60.0,
        170.0,
        50.0,
        CornerRadii::ZERO,
        c(0, 0, 0, 255),
    ));
    f.items.push(DisplayItem::PopOpacity);
    f
}

fn transforms_scene() -> Frame {
    let mut f = Frame::new(220.0, 180.0, 1.0, Color::WHITE);
    f.resources.push(glyph(1, 10, 12, 0));
    f.resources.push(ResourceChange::UploadImage {
        id: ImageId(3),
        data: image_data(20, 20),
    });
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::translate(60.0, 60.0).after(&Affine::rotate_deg(30.0)),
    });
    f.items.push(rect(
        -40.0,
        -30.0,
        80.0,
        60.0,
        CornerRadii::all(8.0),
        c(80, 80, 200, 255),
    ));
    f.items.push(DisplayItem::Border {
        rect: Rect::new(-40.0, -30.0, 80.0, 60.0),
        radii: CornerRadii::all(8.0),
        sides: BorderSides::uniform(4.0, c(0, 0, 0, 255)),
    });
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(-30.0, -20.0, 40.0, 40.0),
        radii: CornerRadii::ZERO,
    });
    f.items.push(rect(
        -60.0,
        -60.0,
        120.0,
        120.0,
        CornerRadii::ZERO,
        c(250, 200, 0, 255),
    ));
    f.items.push(DisplayItem::PopClip);
    f.items.push(DisplayItem::PopTransform);
    f.items.push(DisplayItem::PushTransform {
        transform: Affine::translate(120.0, 90.0).after(&Affine::scale(1.5, 2.0)),
    });
    f.items.push(rect(
        0.0,
        0.0,
        50.0,
        30.0,
        CornerRadii::ZERO,
        c(200, 60, 60, 255),
    ));
    f.items.push(DisplayItem::Image(ImageItem {
        image: ImageId(3),
        rect: Rect::new(5.0, 5.0, 20.0, 20.0),
    }));
    f.items.push(DisplayItem::Glyphs {
        color: c(255, 255, 255, 255),
        glyphs: vec![GlyphInstance {
            key: GlyphKey(1),
            x: 30.0,
            y: 10.0,
        }],
    });
    f.items.push(DisplayItem::PopTransform);
    f
}

/// A mixed "app" frame at scale factor 2: cards with shadows, borders, text, an avatar image,
/// a scroll area clip and a faded item.
fn ui_scene_at(scale: f32) -> Frame {
    let mut f = Frame::new(240.0, 180.0, scale, c(245, 246, 248, 255));
    for k in 0..6 {
        let s = scale.ceil() as u32;
        f.resources.push(glyph(k, (6 + k % 3) * s, 10 * s, k));
    }
    f.resources.push(ResourceChange::UploadImage {
        id: ImageId(9),
        data: image_data(40, 40),
    });
    f.items.push(DisplayItem::PushClip {
        rect: Rect::new(0.0, 20.0, 240.0, 160.0),
        radii: CornerRadii::ZERO,
    });
    for card in 0..4 {
        let y = 10.0 + card as f32 * 45.0;
        let r = Rect::new(10.0, y, 220.0, 38.0);
        let faded = card == 2;
        if faded {
            f.items.push(DisplayItem::PushOpacity { opacity: 0.5 });
        }
        f.items.push(DisplayItem::Shadow(ShadowItem {
            rect: r,
            radii: CornerRadii::all(6.0),
            offset: Point::new(0.0, 2.0),
            blur: 6.0,
            spread: 0.0,
            color: c(0, 0, 0, 60),
            inset: false,
            border_widths: [1.0; 4],
        }));
        f.items.push(DisplayItem::Rect {
            rect: r,
            radii: CornerRadii::all(6.0),
            color: Color::WHITE,
        });
        f.items.push(DisplayItem::Border {
            rect: r,
            radii: CornerRadii::all(6.0),
            sides: BorderSides::uniform(1.0, c(210, 212, 216, 255)),
        });
        f.items.push(DisplayItem::PushClip {
            rect: Rect::new(16.0, y + 5.0, 28.0, 28.0),
            radii: CornerRadii::all(14.0),
        });
        f.items.push(DisplayItem::Image(ImageItem {
            image: ImageId(9),
            rect: Rect::new(16.0, y + 5.0, 28.0, 28.0),
        }));
        f.items.push(DisplayItem::PopClip);
        f.items.push(DisplayItem::Glyphs {
            color: c(20, 24, 30, 255),
            glyphs: (0..14)
                .map(|i| GlyphInstance {
                    key: GlyphKey((i + card) % 6),
                    x: 54.0 + i as f32 * 8.0,
                    y: y + 9.0,
                })
                .collect(),
        });
        if faded {
            f.items.push(DisplayItem::PopOpacity);
        }
    }
    f.items.push(DisplayItem::PopClip);
    f
}

fn ui_scene() -> Frame {
    ui_scene_at(2.0)
}

#[test]
fn rects_match() {
    compare("rects", &rects_scene());
}

#[test]
fn radii_match() {
    compare("radii", &radii_scene());
}

#[test]
fn borders_match() {
    compare_within("borders", &borders_scene(), BORDERS_MAX_FRACTION);
}

#[test]
fn shadows_match() {
    compare("shadows", &shadows_scene());
}

#[test]
fn glyphs_match() {
    compare("glyphs", &text_scene(1.0));
}

#[test]
fn glyphs_at_scale_two_match() {
    compare("glyphs@2x", &text_scene(2.0));
}

#[test]
fn images_match() {
    compare("images", &images_scene());
}

#[test]
fn clips_match() {
    compare("clips", &clips_scene());
}

#[test]
fn opacity_matches() {
    compare("opacity", &opacity_scene());
}

#[test]
fn transforms_match() {
    compare("transforms", &transforms_scene());
}

#[test]
fn ui_frame_matches() {
    compare("ui", &ui_scene());
}

#[test]
fn ui_frame_at_fractional_scale_matches() {
    compare("ui@1.5x", &ui_scene_at(1.5));
}

/// The comparison must catch real mistakes: a changed colour or a missing element in the GPU
/// frame exceeds the tolerance.
#[test]
fn the_tolerance_catches_wrong_colours_and_missing_shapes() {
    let Some(mut gpu) = gpu() else { return };
    let mut cpu = CpuRenderer::new();
    let reference = cpu.render(&ui_scene());

    let mut recoloured = ui_scene();
    for item in &mut recoloured.items {
        if let DisplayItem::Rect { color, .. } = item {
            *color = c(200, 230, 255, 255);
        }
    }
    let g = gpu.render_to_image(&recoloured).expect("GPU frame");
    let d = g.diff(&reference, THRESHOLD).expect("same size");
    assert!(d.differing_fraction > MAX_FRACTION, "recoloured: {d:?}");

    let mut missing = ui_scene();
    let card = missing
        .items
        .iter()
        .position(|i| matches!(i, DisplayItem::Image(_)))
        .expect("an image");
    missing.items.remove(card);
    let mut gpu = GpuRenderer::headless(&GpuOptions::default()).expect("adapter");
    let g = gpu.render_to_image(&missing).expect("GPU frame");
    let d = g.diff(&reference, THRESHOLD).expect("same size");
    assert!(d.differing_fraction > MAX_FRACTION, "missing image: {d:?}");
}
