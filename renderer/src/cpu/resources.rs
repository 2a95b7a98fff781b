//! The glyph and image caches kept across frames, filled and emptied by a frame's
//! [`ResourceChange`]s. Everything is converted once at upload into the form drawing wants
//! (coverage bytes, premultiplied pixmaps), so drawing a cached resource does no conversion.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use kryon_display::{GlyphFormat, GlyphImage, GlyphKey, ImageData, ImageId, ResourceChange};
use tiny_skia::{IntSize, Pixmap, PremultipliedColorU8};

/// A glyph ready to draw.
pub(crate) enum CachedGlyph {
    /// `width × height` coverage bytes, tinted at draw time.
    Alpha {
        width: u32,
        height: u32,
        coverage: Vec<u8>,
    },
    /// A premultiplied colour bitmap (emoji).
    Rgba(Pixmap),
}

impl CachedGlyph {
    pub fn size(&self) -> (u32, u32) {
        match self {
            CachedGlyph::Alpha { width, height, .. } => (*width, *height),
            CachedGlyph::Rgba(p) => (p.width(), p.height()),
        }
    }
}

/// Glyphs and images uploaded by earlier frames.
#[derive(Default)]
pub(crate) struct Resources {
    pub glyphs: HashMap<GlyphKey, CachedGlyph, KeyHash>,
    pub images: HashMap<ImageId, Pixmap, KeyHash>,
}

/// A hasher for small integer keys (glyph keys and image ids are producer-assigned counters,
/// not attacker-chosen): one multiply instead of SipHash, which showed up in profiles of
/// text-heavy frames.
pub(crate) type KeyHash = BuildHasherDefault<IntHasher>;

#[derive(Default)]
pub(crate) struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl Resources {
    /// Applies uploads and frees in order. Malformed uploads (wrong data length, zero size)
    /// are dropped with a warning, so draws that use them are skipped like unknown keys.
    pub fn apply(&mut self, changes: &[ResourceChange]) {
        for change in changes {
            match change {
                ResourceChange::UploadGlyph { key, image } => match glyph_from(image) {
                    Some(g) => {
                        self.glyphs.insert(*key, g);
                    }
                    None => {
                        self.glyphs.remove(key);
                        tracing::warn!(?key, "malformed or empty glyph bitmap ignored");
                    }
                },
                ResourceChange::FreeGlyph(key) => {
                    self.glyphs.remove(key);
                }
                ResourceChange::UploadImage { id, data } => match pixmap_from_straight(data) {
                    Some(p) => {
                        self.images.insert(*id, p);
                    }
                    None => {
                        self.images.remove(id);
                        tracing::warn!(?id, "malformed or empty image ignored");
                    }
                },
                ResourceChange::FreeImage(id) => {
                    self.images.remove(id);
                }
            }
        }
    }
}

fn glyph_from(image: &GlyphImage) -> Option<CachedGlyph> {
    let (w, h) = (image.width, image.height);
    let pixels = (w as usize).checked_mul(h as usize)?;
    match image.format {
        GlyphFormat::Alpha => {
            if pixels == 0 || image.data.len() != pixels {
                return None;
            }
            Some(CachedGlyph::Alpha {
                width: w,
                height: h,
                coverage: image.data.clone(),
            })
        }
        GlyphFormat::Rgba => Some(CachedGlyph::Rgba(premultiplied_pixmap(w, h, &image.data)?)),
    }
}

fn pixmap_from_straight(data: &ImageData) -> Option<Pixmap> {
    premultiplied_pixmap(data.width, data.height, &data.rgba)
}

/// Converts straight-alpha RGBA rows into a premultiplied pixmap (`None` when the length does
/// not match or the size is zero or too large).
pub(crate) fn premultiplied_pixmap(w: u32, h: u32, rgba: &[u8]) -> Option<Pixmap> {
    let size = IntSize::from_wh(w, h)?;
    let len = (w as usize).checked_mul(h as usize)?.checked_mul(4)?;
    if rgba.len() != len {
        return None;
    }
    let mut data = Vec::with_capacity(len);
    for px in rgba.chunks_exact(4) {
        let c = tiny_skia::ColorU8::from_rgba(px[0], px[1], px[2], px[3]).premultiply();
        data.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    Pixmap::from_vec(data, size)
}

/// Converts a premultiplied pixmap's bytes into straight alpha in place (for output).
pub(crate) fn demultiply_into(src: &[PremultipliedColorU8], out: &mut Vec<u8>) {
    out.clear();
    out.reserve(src.len() * 4);
    for p in src {
        let a = p.alpha();
        if a == 255 {
            out.extend_from_slice(&[p.red(), p.green(), p.blue(), 255]);
        } else if a == 0 {
            out.extend_from_slice(&[0, 0, 0, 0]);
        } else {
            let c = p.demultiply();
            out.extend_from_slice(&[c.red(), c.green(), c.blue(), a]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn uploads_frees_and_malformed_data() {
        let mut r = Resources::default();
        r.apply(&[
            ResourceChange::UploadGlyph {
                key: GlyphKey(1),
                image: GlyphImage {
                    width: 2,
                    height: 1,
                    format: GlyphFormat::Alpha,
                    data: vec![1, 2],
                },
            },
            ResourceChange::UploadGlyph {
                key: GlyphKey(2),
                image: GlyphImage {
                    width: 2,
                    height: 2,
                    format: GlyphFormat::Rgba,
                    data: vec![0; 3],
                },
            },
            ResourceChange::UploadImage {
                id: ImageId(1),
                data: ImageData {
                    width: 1,
                    height: 1,
                    rgba: Arc::from(vec![255u8, 0, 0, 128]),
                },
            },
            ResourceChange::FreeGlyph(GlyphKey(99)),
            ResourceChange::FreeImage(ImageId(99)),
        ]);
        assert!(r.glyphs.contains_key(&GlyphKey(1)));
        assert!(!r.glyphs.contains_key(&GlyphKey(2)));
        let px = r.images[&ImageId(1)].pixel(0, 0).unwrap();
        assert_eq!((px.red(), px.alpha()), (128, 128));
        r.apply(&[ResourceChange::FreeGlyph(GlyphKey(1))]);
        assert!(r.glyphs.is_empty());
    }
}
