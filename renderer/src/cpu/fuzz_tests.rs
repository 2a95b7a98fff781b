//! Fuzz-style robustness: random, often malformed frames must render without panicking.

use std::sync::Arc;

use kryon_display::{
    Affine, BorderSides, Color, CornerRadii, DisplayItem, Frame, GlyphFormat, GlyphImage,
    GlyphInstance, GlyphKey, ImageData, ImageId, ImageItem, Point, Rect, ResourceChange,
    ShadowItem,
};

use super::CpuRenderer;

/// xorshift64*: deterministic, dependency-free randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A second generator seeded from this one's state without advancing it: extra fields
    /// drawn from it leave the rest of the corpus as it was.
    fn side_stream(&self) -> Rng {
        Rng((self.0.rotate_left(29) ^ 0xD1B5_4A32_D192_ED03) | 1)
    }

    /// Four border widths.
    fn widths(&mut self) -> [f32; 4] {
        [self.f(), self.f(), self.f(), self.f()]
    }

    /// Mostly plausible numbers, sometimes hostile ones.
    fn f(&mut self) -> f32 {
        match self.below(20) {
            0 => f32::NAN,
            1 => f32::INFINITY,
            2 => f32::NEG_INFINITY,
            3 => 1.0e30,
            4 => -1.0e30,
            5 => -(self.below(50) as f32),
            6 => 0.0,
            _ => (self.below(12_000) as f32) / 100.0 - 20.0,
        }
    }

    fn color(&mut self) -> Color {
        let v = self.next().to_le_bytes();
        Color::rgba(
            v[0],
            v[1],
            v[2],
            if v[4].is_multiple_of(4) { 255 } else { v[3] },
        )
    }

    fn rect(&mut self) -> Rect {
        Rect::new(self.f(), self.f(), self.f(), self.f())
    }

    fn radii(&mut self) -> CornerRadii {
        CornerRadii {
            top_left: self.f(),
            top_right: self.f(),
            bottom_right: self.f(),
            bottom_left: self.f(),
        }
    }

    fn affine(&mut self) -> Affine {
        match self.below(5) {
            0 => Affine::rotate_deg(self.f()),
            1 => Affine::scale(self.f() / 20.0, self.f() / 20.0),
            2 => Affine::translate(self.f(), self.f()),
            3 => Affine {
                sx: self.f(),
                ky: self.f(),
                kx: self.f(),
                sy: self.f(),
                tx: self.f(),
                ty: self.f(),
            },
            _ => Affine::IDENTITY,
        }
    }
}

fn random_resource(rng: &mut Rng) -> ResourceChange {
    let w = rng.below(6) as u32;
    let h = rng.below(6) as u32;
    match rng.below(4) {
        0 => {
            let rgba = rng.below(2) == 0;
            let len = (w * h * if rgba { 4 } else { 1 }) as usize + rng.below(2) as usize;
            ResourceChange::UploadGlyph {
                key: GlyphKey(rng.below(8) as u32),
                image: GlyphImage {
                    width: w,
                    height: h,
                    format: if rgba {
                        GlyphFormat::Rgba
                    } else {
                        GlyphFormat::Alpha
                    },
                    data: (0..len).map(|i| (i * 37) as u8).collect(),
                },
            }
        }
        1 => ResourceChange::FreeGlyph(GlyphKey(rng.below(8) as u32)),
        2 => {
            let len = (w * h * 4) as usize + rng.below(2) as usize;
            ResourceChange::UploadImage {
                id: ImageId(rng.below(4) as u32),
                data: ImageData {
                    width: w,
                    height: h,
                    rgba: Arc::from((0..len).map(|i| (i * 13) as u8).collect::<Vec<_>>()),
                },
            }
        }
        _ => ResourceChange::FreeImage(ImageId(rng.below(4) as u32)),
    }
}

fn random_item(rng: &mut Rng) -> DisplayItem {
    match rng.below(13) {
        0 | 1 => DisplayItem::Rect {
            rect: rng.rect(),
            radii: rng.radii(),
            color: rng.color(),
        },
        2 => DisplayItem::Border {
            rect: rng.rect(),
            radii: rng.radii(),
            sides: BorderSides {
                widths: [rng.f(), rng.f(), rng.f(), rng.f()],
                colors: [rng.color(), rng.color(), rng.color(), rng.color()],
            },
        },
        3 => DisplayItem::Shadow(ShadowItem {
            rect: rng.rect(),
            radii: rng.radii(),
            offset: Point::new(rng.f(), rng.f()),
            blur: rng.f(),
            spread: rng.f(),
            color: rng.color(),
            inset: rng.below(2) == 0,
            border_widths: rng.side_stream().widths(),
        }),
        4 => DisplayItem::Glyphs {
            color: rng.color(),
            glyphs: (0..rng.below(4))
                .map(|_| GlyphInstance {
                    key: GlyphKey(rng.below(8) as u32),
                    x: rng.f(),
                    y: rng.f(),
                })
                .collect(),
        },
        5 => DisplayItem::Image(ImageItem {
            image: ImageId(rng.below(4) as u32),
            rect: rng.rect(),
        }),
        6 => DisplayItem::PushClip {
            rect: rng.rect(),
            radii: rng.radii(),
        },
        7 => DisplayItem::PopClip,
        8 => DisplayItem::PushOpacity {
            opacity: rng.f() / 50.0,
        },
        9 => DisplayItem::PopOpacity,
        10 => DisplayItem::PushTransform {
            transform: rng.affine(),
        },
        11 => DisplayItem::PopTransform,
        _ => DisplayItem::Rect {
            rect: Rect::new(0.0, 0.0, 30.0, 30.0),
            radii: CornerRadii::all(5.0),
            color: rng.color(),
        },
    }
}

#[test]
fn random_frames_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut renderer = CpuRenderer::new();
    for _ in 0..400 {
        let scale = match rng.below(6) {
            0 => f32::NAN,
            1 => 0.0,
            2 => 2.0,
            3 => 1.5,
            _ => 1.0,
        };
        let mut frame = Frame::new(
            (rng.below(64) + 1) as f32,
            (rng.below(48) + 1) as f32,
            scale,
            rng.color(),
        );
        frame.resources = (0..rng.below(5))
            .map(|_| random_resource(&mut rng))
            .collect();
        frame.items = (0..rng.below(40)).map(|_| random_item(&mut rng)).collect();
        let img = renderer.render(&frame);
        let (w, h) = frame.physical_size();
        assert_eq!((img.width, img.height), (w, h));
        assert_eq!(img.pixels.len(), (w * h * 4) as usize);
    }
}
