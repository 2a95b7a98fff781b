//! The synthetic scenes both renderer benches draw, so their figures compare directly.
//!
//! A scene is a grid of 48 panels (shadow, rounded background, border, rounded clip; every
//! eighth in a 0.9 opacity group), each holding rows of (row background, bordered rounded
//! button, six-glyph text run). Rows past a panel's bottom are clipped out, like scrolled
//! content, so the 10k scene is mostly culling.

use kryon_display::{
    Affine, BorderSides, Color, CornerRadii, DisplayItem, Frame, GlyphFormat, GlyphImage,
    GlyphInstance, GlyphKey, Point, Rect, ResourceChange, ShadowItem,
};

const GLYPHS: u32 = 64;

pub fn glyph_uploads() -> Vec<ResourceChange> {
    (0..GLYPHS)
        .map(|k| {
            let (w, h) = (7u32, 10u32);
            let data = (0..w * h)
                .map(|i| {
                    let (x, y) = (i % w, i / w);
                    // A text-like blob: solid stem, soft edges, varying per key.
                    if (x + k).is_multiple_of(3) || y == (k % h) {
                        255
                    } else {
                        ((x * 40 + y * 13 + k * 7) % 200) as u8
                    }
                })
                .collect();
            ResourceChange::UploadGlyph {
                key: GlyphKey(k),
                image: GlyphImage {
                    width: w,
                    height: h,
                    format: GlyphFormat::Alpha,
                    data,
                },
            }
        })
        .collect()
}

/// A scene with about `elements` elements (three per row plus one per panel).
pub fn scene(elements: usize) -> Frame {
    let mut f = Frame::new(800.0, 600.0, 1.0, Color::rgba(240, 240, 244, 255));
    let items = &mut f.items;
    let (cols, rows) = (8usize, 6usize);
    let panels = cols * rows;
    let rows_per_panel = (elements.saturating_sub(panels) / 3).div_ceil(panels);
    let mut glyph = 0u32;
    for p in 0..panels {
        let (px, py) = ((p % cols) as f32 * 100.0, (p / cols) as f32 * 100.0);
        let panel = Rect::new(4.0, 4.0, 92.0, 92.0);
        let faded = p % 8 == 3;
        if faded {
            items.push(DisplayItem::PushOpacity { opacity: 0.9 });
        }
        items.push(DisplayItem::PushTransform {
            transform: Affine::translate(px, py),
        });
        if p.is_multiple_of(4) {
            items.push(DisplayItem::Shadow(ShadowItem {
                rect: panel,
                radii: CornerRadii::all(8.0),
                offset: Point::new(0.0, 2.0),
                blur: 8.0,
                spread: 0.0,
                color: Color::rgba(0, 0, 0, 60),
                inset: false,
                border_widths: [0.0; 4],
            }));
        }
        items.push(DisplayItem::Rect {
            rect: panel,
            radii: CornerRadii::all(8.0),
            color: Color::WHITE,
        });
        items.push(DisplayItem::PushClip {
            rect: panel,
            radii: CornerRadii::all(8.0),
        });
        for r in 0..rows_per_panel {
            let y = 6.0 + r as f32 * 13.0;
            items.push(DisplayItem::Rect {
                rect: Rect::new(4.0, y, 92.0, 13.0),
                radii: CornerRadii::ZERO,
                color: if r.is_multiple_of(2) {
                    Color::rgba(250, 250, 252, 255)
                } else {
                    Color::rgba(236, 238, 244, 255)
                },
            });
            let button = Rect::new(60.0, y + 1.0, 32.0, 11.0);
            items.push(DisplayItem::Rect {
                rect: button,
                radii: CornerRadii::all(4.0),
                color: Color::rgba(70, 120, 220, 255),
            });
            items.push(DisplayItem::Border {
                rect: button,
                radii: CornerRadii::all(4.0),
                sides: BorderSides::uniform(1.0, Color::rgba(30, 60, 140, 255)),
            });
            items.push(DisplayItem::Glyphs {
                color: Color::rgba(20, 20, 30, 255),
                glyphs: (0..6)
                    .map(|i| {
                        glyph = (glyph + 7) % GLYPHS;
                        GlyphInstance {
                            key: GlyphKey(glyph),
                            x: 8.0 + i as f32 * 7.0,
                            y: y + 2.0,
                        }
                    })
                    .collect(),
            });
        }
        items.push(DisplayItem::PopClip);
        items.push(DisplayItem::Border {
            rect: panel,
            radii: CornerRadii::all(8.0),
            sides: BorderSides::uniform(1.0, Color::rgba(200, 200, 210, 255)),
        });
        items.push(DisplayItem::PopTransform);
        if faded {
            items.push(DisplayItem::PopOpacity);
        }
    }
    f
}
