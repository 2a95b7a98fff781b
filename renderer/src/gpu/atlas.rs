//! The glyph atlases: an R8 texture for coverage glyphs and an RGBA one for colour glyphs,
//! packed in shelves.
//!
//! Each glyph keeps a CPU copy of its bitmap, so a full atlas can be repacked (freed glyphs
//! leave holes a shelf packer cannot reuse) or grown without reading anything back from the
//! GPU. Glyphs are stored with a one-texel transparent border so bilinear sampling at their
//! edges never picks up a neighbour.

use std::collections::HashMap;

use kryon_display::{GlyphFormat, GlyphImage, GlyphKey};

/// A shelf ("etagere") packer: rows of fixed height filled left to right.
#[derive(Debug)]
pub(crate) struct ShelfPacker {
    width: u32,
    height: u32,
    shelves: Vec<Shelf>,
    next_y: u32,
}

#[derive(Debug)]
struct Shelf {
    y: u32,
    height: u32,
    x: u32,
}

impl ShelfPacker {
    pub fn new(width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            shelves: Vec::new(),
            next_y: 0,
        }
    }

    /// Finds room for a `w × h` box: the lowest shelf that fits it without wasting more than a
    /// third of its height, else a new shelf. `None` when the atlas is full.
    pub fn alloc(&mut self, w: u32, h: u32) -> Option<(u32, u32)> {
        if w > self.width || h > self.height {
            return None;
        }
        let best = self
            .shelves
            .iter_mut()
            .filter(|s| s.height >= h && s.height <= h + h / 3 + 1 && self.width - s.x >= w)
            .min_by_key(|s| s.height);
        if let Some(shelf) = best {
            let pos = (shelf.x, shelf.y);
            shelf.x += w;
            return Some(pos);
        }
        // Round shelf heights up so glyphs of nearby sizes share shelves.
        let height = h.div_ceil(4) * 4;
        let height = if self.next_y + height > self.height {
            h
        } else {
            height
        };
        if self.next_y + height > self.height {
            return None;
        }
        let pos = (0, self.next_y);
        self.shelves.push(Shelf {
            y: self.next_y,
            height,
            x: w,
        });
        self.next_y += height;
        Some(pos)
    }
}

/// Where a glyph is and how to sample it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct GlyphSlot {
    /// Colour glyph (RGBA atlas) rather than coverage (R8 atlas).
    pub color: bool,
    /// Normalized texture coordinates of the bitmap (without its border), edges.
    pub uv: [f32; 4],
    /// Bitmap size in physical px.
    pub width: u32,
    pub height: u32,
}

struct Glyph {
    image: GlyphImage,
    /// Top-left of the bordered box in its atlas, when it has one.
    pos: Option<(u32, u32)>,
}

/// One atlas texture and its packer.
struct Page {
    format: wgpu::TextureFormat,
    bytes: u32,
    texture: wgpu::Texture,
    view: wgpu::TextureView,
    packer: ShelfPacker,
    side: u32,
}

impl Page {
    fn new(device: &wgpu::Device, format: wgpu::TextureFormat, bytes: u32, side: u32) -> Self {
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("kryon glyph atlas"),
            size: wgpu::Extent3d {
                width: side,
                height: side,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format,
            usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        Self {
            format,
            bytes,
            texture,
            view,
            packer: ShelfPacker::new(side, side),
            side,
        }
    }

    /// Writes a glyph's bitmap with a zero border at `pos`. Colour glyphs are premultiplied
    /// here, once, so that bilinear filtering and blending both see premultiplied texels.
    fn upload(&self, queue: &wgpu::Queue, image: &GlyphImage, pos: (u32, u32)) {
        let (w, h, bpp) = (image.width + 2, image.height + 2, self.bytes as usize);
        let mut padded = vec![0u8; w as usize * h as usize * bpp];
        let src_row = image.width as usize * bpp;
        for (y, row) in image.data.chunks_exact(src_row).enumerate() {
            let start = ((y + 1) * w as usize + 1) * bpp;
            let dst = &mut padded[start..start + src_row];
            dst.copy_from_slice(row);
            if bpp == 4 {
                for px in dst.chunks_exact_mut(4) {
                    let a = u16::from(px[3]);
                    for c in &mut px[..3] {
                        *c = ((u16::from(*c) * a + 127) / 255) as u8;
                    }
                }
            }
        }
        queue.write_texture(
            wgpu::TexelCopyTextureInfo {
                texture: &self.texture,
                mip_level: 0,
                origin: wgpu::Origin3d {
                    x: pos.0,
                    y: pos.1,
                    z: 0,
                },
                aspect: wgpu::TextureAspect::All,
            },
            &padded,
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(w * self.bytes),
                rows_per_image: Some(h),
            },
            wgpu::Extent3d {
                width: w,
                height: h,
                depth_or_array_layers: 1,
            },
        );
    }
}

/// Both atlases and the glyphs in them.
pub(crate) struct GlyphAtlas {
    alpha: Page,
    color: Page,
    glyphs: HashMap<GlyphKey, Glyph>,
    max_side: u32,
    /// Texel uploads since the counter was last taken.
    uploads: u32,
    /// Bumped whenever a texture is replaced (bind groups must be remade).
    pub generation: u64,
}

impl GlyphAtlas {
    pub fn new(device: &wgpu::Device, max_side: u32) -> Self {
        let max_side = max_side.clamp(64, 8192);
        Self {
            alpha: Page::new(device, wgpu::TextureFormat::R8Unorm, 1, 1024.min(max_side)),
            color: Page::new(
                device,
                wgpu::TextureFormat::Rgba8Unorm,
                4,
                512.min(max_side),
            ),
            glyphs: HashMap::new(),
            max_side,
            uploads: 0,
            generation: 0,
        }
    }

    /// The atlas texture views: (coverage, colour).
    pub fn views(&self) -> (&wgpu::TextureView, &wgpu::TextureView) {
        (&self.alpha.view, &self.color.view)
    }

    /// Number of glyph uploads (including re-uploads after a repack) since the last call.
    pub fn take_uploads(&mut self) -> u32 {
        std::mem::take(&mut self.uploads)
    }

    /// Adds a glyph. Malformed bitmaps (data not `width × height × bpp`) are skipped; empty
    /// ones are remembered but never drawn.
    pub fn insert(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        key: GlyphKey,
        image: GlyphImage,
    ) {
        let bpp = match image.format {
            GlyphFormat::Alpha => 1,
            GlyphFormat::Rgba => 4,
        };
        let expected = (image.width as usize)
            .checked_mul(image.height as usize)
            .and_then(|n| n.checked_mul(bpp));
        if expected != Some(image.data.len()) {
            tracing::warn!("glyph {key:?}: bitmap size does not match its data; skipped");
            return;
        }
        self.remove(key);
        let pos = if image.width == 0 || image.height == 0 {
            None
        } else {
            self.place(device, queue, &image)
        };
        self.glyphs.insert(key, Glyph { image, pos });
    }

    /// Forgets a glyph (its space is reclaimed at the next repack). Unknown keys are ignored.
    pub fn remove(&mut self, key: GlyphKey) {
        self.glyphs.remove(&key);
    }

    /// Where a glyph is, or `None` when it is unknown, empty or did not fit.
    pub fn lookup(&self, key: GlyphKey) -> Option<GlyphSlot> {
        let glyph = self.glyphs.get(&key)?;
        let (x, y) = glyph.pos?;
        let color = glyph.image.format == GlyphFormat::Rgba;
        let side = if color {
            self.color.side
        } else {
            self.alpha.side
        } as f32;
        let (x0, y0) = (x + 1, y + 1);
        Some(GlyphSlot {
            color,
            uv: [
                x0 as f32 / side,
                y0 as f32 / side,
                (x0 + glyph.image.width) as f32 / side,
                (y0 + glyph.image.height) as f32 / side,
            ],
            width: glyph.image.width,
            height: glyph.image.height,
        })
    }

    /// Allocates and uploads one glyph, repacking or growing its page when it is full.
    fn place(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        image: &GlyphImage,
    ) -> Option<(u32, u32)> {
        let color = image.format == GlyphFormat::Rgba;
        let (w, h) = (image.width + 2, image.height + 2);
        let page = if color {
            &mut self.color
        } else {
            &mut self.alpha
        };
        if let Some(pos) = page.packer.alloc(w, h) {
            page.upload(queue, image, pos);
            self.uploads += 1;
            return Some(pos);
        }
        if w > self.max_side || h > self.max_side {
            tracing::warn!("glyph of {w}×{h} px is larger than the atlas can be; skipped");
            return None;
        }
        // Full: repack the live glyphs, in a bigger texture when they fill more than half of
        // the current one (or the new glyph would not fit anyway).
        let live: u64 = self
            .glyphs
            .values()
            .filter(|g| (g.image.format == GlyphFormat::Rgba) == color && g.image.width > 0)
            .map(|g| u64::from(g.image.width + 2) * u64::from(g.image.height + 2))
            .sum::<u64>()
            + u64::from(w) * u64::from(h);
        let side = page.side;
        let new_side = if live * 2 > u64::from(side) * u64::from(side) {
            (side * 2).min(self.max_side)
        } else {
            side
        };
        self.repack(device, queue, color, new_side);
        let page = if color {
            &mut self.color
        } else {
            &mut self.alpha
        };
        let pos = page.packer.alloc(w, h);
        match pos {
            Some(pos) => {
                page.upload(queue, image, pos);
                self.uploads += 1;
            }
            None => tracing::warn!("glyph atlas full at {new_side} px; glyph skipped"),
        }
        pos
    }

    /// Re-places every live glyph of one page, tallest first, in a page of `side` px.
    fn repack(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, color: bool, side: u32) {
        let page = if color {
            &mut self.color
        } else {
            &mut self.alpha
        };
        if side != page.side {
            *page = Page::new(device, page.format, page.bytes, side);
            self.generation += 1;
            tracing::debug!("glyph atlas grown to {side} px");
        } else {
            page.packer = ShelfPacker::new(side, side);
        }
        let mut keys: Vec<(GlyphKey, u32)> = self
            .glyphs
            .iter()
            .filter(|(_, g)| {
                (g.image.format == GlyphFormat::Rgba) == color
                    && g.image.width > 0
                    && g.image.height > 0
            })
            .map(|(k, g)| (*k, g.image.height))
            .collect();
        keys.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (key, _) in keys {
            let Some(glyph) = self.glyphs.get_mut(&key) else {
                continue;
            };
            glyph.pos = page
                .packer
                .alloc(glyph.image.width + 2, glyph.image.height + 2);
            if let Some(pos) = glyph.pos {
                page.upload(queue, &glyph.image, pos);
                self.uploads += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shelves_fill_left_to_right_then_down() {
        let mut p = ShelfPacker::new(100, 100);
        assert_eq!(p.alloc(40, 10), Some((0, 0)));
        assert_eq!(p.alloc(40, 10), Some((40, 0)));
        assert_eq!(p.alloc(40, 10), Some((0, 12)));
        // A much shorter box opens its own shelf instead of wasting a tall one.
        assert_eq!(p.alloc(10, 3), Some((0, 24)));
        assert_eq!(p.alloc(101, 1), None);
        let mut full = ShelfPacker::new(10, 10);
        assert!(full.alloc(10, 10).is_some());
        assert_eq!(full.alloc(1, 1), None);
    }
}
