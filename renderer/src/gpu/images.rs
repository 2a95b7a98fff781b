//! Image textures: one texture (and bind group) per uploaded image, kept until freed.

use std::collections::HashMap;

use kryon_display::{ImageData, ImageId};

use super::pipelines::Pipelines;

/// One uploaded image.
pub(crate) struct ImageTexture {
    pub bind_group: wgpu::BindGroup,
    // Kept alive for the bind group's view.
    _texture: wgpu::Texture,
}

/// The uploaded images.
#[derive(Default)]
pub(crate) struct ImageStore {
    images: HashMap<ImageId, ImageTexture>,
    uploads: u32,
}

impl ImageStore {
    pub fn get(&self, id: ImageId) -> Option<&ImageTexture> {
        self.images.get(&id)
    }

    pub fn contains(&self, id: ImageId) -> bool {
        self.images.contains_key(&id)
    }

    /// Uploads since the last call.
    pub fn take_uploads(&mut self) -> u32 {
        std::mem::take(&mut self.uploads)
    }

    /// Frees an image; unknown ids are ignored.
    pub fn remove(&mut self, id: ImageId) {
        self.images.remove(&id);
    }

    /// Uploads an image, premultiplied (so bilinear filtering does not bleed the colour of
    /// transparent texels) and, when larger than the device allows, downscaled to fit.
    /// Malformed data (length not `width × height × 4`, zero size) is skipped.
    pub fn insert(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        pipelines: &Pipelines,
        max_side: u32,
        id: ImageId,
        data: &ImageData,
    ) {
        self.images.remove(&id);
        let expected = (data.width as usize)
            .checked_mul(data.height as usize)
            .and_then(|n| n.checked_mul(4));
        if data.width == 0 || data.height == 0 || expected != Some(data.rgba.len()) {
            tracing::warn!("image {id:?}: size does not match its data; skipped");
            return;
        }
        let (width, height, pixels) = fit(data, max_side.max(1));
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("kryon image"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::Rgba8Unorm,
            usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        });
        queue.write_texture(
            texture.as_image_copy(),
            &pixels,
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(width * 4),
                rows_per_image: Some(height),
            },
            texture.size(),
        );
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let bind_group = pipelines.image_bind_group(device, &view, false);
        self.uploads += 1;
        self.images.insert(
            id,
            ImageTexture {
                bind_group,
                _texture: texture,
            },
        );
    }
}

/// Premultiplied pixels, point-sampled down to at most `max_side` on each side.
fn fit(data: &ImageData, max_side: u32) -> (u32, u32, Vec<u8>) {
    let scale = (max_side as f32 / data.width.max(data.height) as f32).min(1.0);
    let width = ((data.width as f32 * scale) as u32).clamp(1, max_side);
    let height = ((data.height as f32 * scale) as u32).clamp(1, max_side);
    let mut out = Vec::with_capacity(width as usize * height as usize * 4);
    for y in 0..height {
        let sy = (u64::from(y) * u64::from(data.height) / u64::from(height)) as usize;
        for x in 0..width {
            let sx = (u64::from(x) * u64::from(data.width) / u64::from(width)) as usize;
            let i = (sy * data.width as usize + sx) * 4;
            let px = &data.rgba[i..i + 4];
            let a = u16::from(px[3]);
            for c in &px[..3] {
                out.push(((u16::from(*c) * a + 127) / 255) as u8);
            }
            out.push(px[3]);
        }
    }
    (width, height, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_premultiplies_and_downscales() {
        let data = ImageData {
            width: 4,
            height: 2,
            rgba: [200, 100, 0, 128].repeat(8).into(),
        };
        let (w, h, px) = fit(&data, 16);
        assert_eq!((w, h), (4, 2));
        assert_eq!(&px[..4], &[100, 50, 0, 128]);
        let (w, h, px) = fit(&data, 2);
        assert_eq!((w, h, px.len()), (2, 1, 8));
    }
}
