//! Offscreen textures: the headless target and the layers opacity groups draw into.
//!
//! A layer is as large as the target and keyed by its nesting depth: sibling groups reuse the
//! same texture, which is safe because each group's composite draw is recorded (and so
//! executed) before the next sibling's pass clears it.

use super::pipelines::Pipelines;

/// The format of the headless target and of every layer: non-sRGB, so blending works on
/// sRGB-encoded values.
pub(crate) const OFFSCREEN_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

/// A render-target texture of one size.
pub(crate) struct Target {
    pub texture: wgpu::Texture,
    pub view: wgpu::TextureView,
    /// Set for layers: the texture bound for compositing.
    pub bind_group: Option<wgpu::BindGroup>,
}

impl Target {
    fn new(device: &wgpu::Device, size: (u32, u32), usage: wgpu::TextureUsages) -> Self {
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("kryon offscreen"),
            size: wgpu::Extent3d {
                width: size.0,
                height: size.1,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: OFFSCREEN_FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | usage,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        Self {
            texture,
            view,
            bind_group: None,
        }
    }

    fn size(&self) -> (u32, u32) {
        (self.texture.width(), self.texture.height())
    }
}

/// The cached offscreen textures.
#[derive(Default)]
pub(crate) struct Offscreen {
    target: Option<Target>,
    layers: Vec<Target>,
}

impl Offscreen {
    /// The headless target of `size`, (re)created when the size changes. It can also be
    /// sampled, for the surface path's sRGB fallback blit.
    pub fn target(&mut self, device: &wgpu::Device, size: (u32, u32)) -> &Target {
        if self.target.as_ref().map(Target::size) != Some(size) {
            self.target = None;
        }
        self.target.get_or_insert_with(|| {
            Target::new(
                device,
                size,
                wgpu::TextureUsages::COPY_SRC | wgpu::TextureUsages::TEXTURE_BINDING,
            )
        })
    }

    /// Makes sure layers for depths `1..=depth` exist at `size` (layers of other sizes are
    /// dropped).
    pub fn ensure_layers(
        &mut self,
        device: &wgpu::Device,
        pipelines: &Pipelines,
        size: (u32, u32),
        depth: usize,
    ) {
        if self.layers.first().is_some_and(|l| l.size() != size) {
            self.layers.clear();
        }
        while self.layers.len() < depth {
            let mut layer = Target::new(device, size, wgpu::TextureUsages::TEXTURE_BINDING);
            layer.bind_group = Some(pipelines.image_bind_group(device, &layer.view, true));
            self.layers.push(layer);
        }
    }

    /// The layer at `depth` (1-based), once [`Offscreen::ensure_layers`] made it.
    pub fn layer(&self, depth: usize) -> Option<&Target> {
        self.layers.get(depth.checked_sub(1)?)
    }
}
