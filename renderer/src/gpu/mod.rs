//! GPU renderer (wgpu): draws a [`Frame`] to an offscreen texture (headless, read back into an
//! [`RgbaImage`]) or to a window surface.
//!
//! - `context`: instance, adapter, device; which backend is tried first.
//! - `surface`: window surface format choice, configuration and frame acquisition.
//! - `batch`: display list → passes of batched instances (transforms, clips, layers);
//!   `batch::items` turns each kind of item into instances.
//! - `clip`: how a clip stack folds into what one instance carries.
//! - `instances`: the per-instance data and vertex layouts.
//! - `pipelines` and `shaders/`: one instanced pipeline each for quads (rects, borders,
//!   shadows), glyphs and images (and layer composites).
//! - `atlas`: the glyph atlases; `images`: image textures; `layers`: offscreen textures;
//!   `readback`: texture → pixels.
//!
//! Targets are non-sRGB (`Rgba8Unorm` offscreen, `Bgra8Unorm` or similar on a surface) and
//! blending is premultiplied, so colours blend as sRGB-encoded values exactly as browsers do:
//! 50 % red over blue is `#800080`.
//!
//! Everything that outlives a frame (device, pipelines, atlas, image textures, layer textures,
//! instance buffers) is cached in [`GpuRenderer`].

mod atlas;
mod batch;
mod clip;
mod context;
mod images;
mod instances;
mod layers;
mod pipelines;
mod readback;
mod surface;

#[cfg(test)]
mod tests;

use std::ops::Range;

use kryon_display::{Frame, ResourceChange};

use crate::{RenderError, RgbaImage};

pub use context::AUTO_ORDER;

use atlas::GlyphAtlas;
use batch::{BatchKey, PassTarget, Plan};
use context::GpuContext;
use images::ImageStore;
use instances::{QuadInstance, SpriteInstance};
use layers::{OFFSCREEN_FORMAT, Offscreen};
use pipelines::Pipelines;
use readback::Readback;
use surface::{SharedTarget, SurfaceState};

/// How to pick the adapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GpuOptions {
    /// Backends to use; `None` tries [`AUTO_ORDER`] (or `WGPU_BACKEND` when set) one at a time.
    pub backends: Option<wgpu::Backends>,
    /// Adapter preference (default: low power).
    pub power_preference: wgpu::PowerPreference,
}

impl Default for GpuOptions {
    fn default() -> Self {
        Self {
            backends: None,
            power_preference: wgpu::PowerPreference::LowPower,
        }
    }
}

/// What the last frame cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GpuFrameStats {
    /// Draw calls issued.
    pub draw_calls: u32,
    /// Instances drawn (quads, glyphs, images, layer composites).
    pub instances: u32,
    /// Glyph bitmaps written to the atlas (including re-uploads when it was repacked).
    pub atlas_uploads: u32,
    /// Images uploaded.
    pub image_uploads: u32,
    /// Render passes.
    pub passes: u32,
    /// Offscreen layers drawn (opacity groups, nested rounded clips).
    pub layers: u32,
}

/// A vertex buffer that grows as needed.
struct GrowBuffer {
    buffer: wgpu::Buffer,
    label: &'static str,
}

impl GrowBuffer {
    fn new(device: &wgpu::Device, label: &'static str) -> Self {
        Self {
            buffer: Self::make(device, label, 64 * 1024),
            label,
        }
    }

    fn make(device: &wgpu::Device, label: &'static str, size: u64) -> wgpu::Buffer {
        device.create_buffer(&wgpu::BufferDescriptor {
            label: Some(label),
            size,
            usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        })
    }

    fn upload(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, data: &[u8]) {
        let len = data.len() as u64;
        if len > self.buffer.size() {
            self.buffer = Self::make(device, self.label, len.next_power_of_two());
        }
        if len > 0 {
            queue.write_buffer(&self.buffer, 0, data);
        }
    }
}

/// The wgpu renderer. See the module docs.
pub struct GpuRenderer {
    ctx: GpuContext,
    pipelines: Pipelines,
    atlas: GlyphAtlas,
    glyph_bind_group: Option<(u64, wgpu::BindGroup)>,
    images: ImageStore,
    offscreen: Offscreen,
    readback: Readback,
    surface: Option<SurfaceState>,
    globals: wgpu::Buffer,
    globals_bind_group: wgpu::BindGroup,
    quad_buffer: GrowBuffer,
    sprite_buffer: GrowBuffer,
    stats: GpuFrameStats,
}

/// One draw, after the plan's instances were concatenated into the buffers.
struct Draw {
    key: BatchKey,
    quads: bool,
    range: Range<u32>,
}

impl GpuRenderer {
    /// Headless: no surface. `Err(RenderError::NoAdapter)` when there is none.
    pub fn headless(options: &GpuOptions) -> Result<Self, RenderError> {
        let (ctx, _) = GpuContext::create(options, None)?;
        Ok(Self::with_context(ctx, None))
    }

    /// For a window: `target` is anything wgpu can make a surface of (the runtime passes
    /// `Arc<winit::Window>`). `width × height` is the surface size in physical px.
    pub fn for_surface(
        target: impl Into<wgpu::SurfaceTarget<'static>>,
        width: u32,
        height: u32,
        options: &GpuOptions,
    ) -> Result<Self, RenderError> {
        let shared = SharedTarget::new(target.into())?;
        let (ctx, surface) = GpuContext::create(options, Some(&shared))?;
        let surface = surface.ok_or_else(|| RenderError::Surface("no surface".into()))?;
        let state = SurfaceState::new(surface, &ctx.adapter, &ctx.device, width, height)?;
        Ok(Self::with_context(ctx, Some(state)))
    }

    fn with_context(ctx: GpuContext, surface: Option<SurfaceState>) -> Self {
        let device = &ctx.device;
        let mut pipelines = Pipelines::new(device);
        pipelines.set(device, OFFSCREEN_FORMAT);
        if let Some(s) = &surface {
            pipelines.set(device, s.draw_format());
        }
        let globals = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("kryon globals"),
            size: 16,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let globals_bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("kryon globals"),
            layout: &pipelines.globals_layout,
            entries: &[wgpu::BindGroupEntry {
                binding: 0,
                resource: globals.as_entire_binding(),
            }],
        });
        Self {
            atlas: GlyphAtlas::new(device, ctx.max_texture_side()),
            glyph_bind_group: None,
            images: ImageStore::default(),
            offscreen: Offscreen::default(),
            readback: Readback::default(),
            quad_buffer: GrowBuffer::new(device, "kryon quads"),
            sprite_buffer: GrowBuffer::new(device, "kryon sprites"),
            stats: GpuFrameStats::default(),
            surface,
            globals,
            globals_bind_group,
            pipelines,
            ctx,
        }
    }

    /// Reconfigures the surface for a new window size (physical px). Without a surface, or
    /// with a zero size (minimized), nothing is drawn until a usable size arrives.
    pub fn resize(&mut self, width: u32, height: u32) {
        if let Some(surface) = &mut self.surface {
            surface.resize(&self.ctx.device, width, height);
        }
    }

    /// Draws a frame to the surface and presents it. Outdated or lost surfaces are
    /// reconfigured; a minimized or occluded window skips the frame.
    pub fn present(&mut self, frame: &Frame) -> Result<(), RenderError> {
        if self.surface.is_none() {
            return Err(RenderError::Surface("renderer was created headless".into()));
        }
        self.ctx.check_lost()?;
        self.apply_resources(frame);
        let Some(surface) = self.surface.as_mut() else {
            return Ok(());
        };
        let device = self.ctx.device.clone();
        let surface_size = surface.size();
        let Some(acquired) = surface.acquire(&device)? else {
            return Ok(());
        };
        let blits = surface.blits();
        let draw_format = surface.draw_format();
        let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let mut encoder = device.create_command_encoder(&Default::default());
        if blits {
            let target = self.offscreen.target(&device, surface_size);
            let view = target.view.clone();
            self.draw(&mut encoder, frame, &view, OFFSCREEN_FORMAT, surface_size);
            if let Some(surface) = &self.surface {
                surface.blit(&device, &mut encoder, &view, &acquired.view);
            }
        } else {
            self.draw(
                &mut encoder,
                frame,
                &acquired.view,
                draw_format,
                surface_size,
            );
        }
        self.ctx.queue.submit([encoder.finish()]);
        let suboptimal = acquired.suboptimal;
        drop(acquired.view);
        self.ctx.queue.present(acquired.texture);
        if suboptimal && let Some(surface) = &mut self.surface {
            surface.reconfigure(&device);
        }
        self.finish(scope)
    }

    /// Draws a frame offscreen at `frame.physical_size()` and reads it back.
    pub fn render_to_image(&mut self, frame: &Frame) -> Result<RgbaImage, RenderError> {
        let image = self.render_offscreen(frame, true)?;
        image.ok_or_else(|| RenderError::Readback("no image".into()))
    }

    /// Draws offscreen and waits for the GPU, with or without reading the pixels back (the
    /// bench measures both).
    #[doc(hidden)]
    pub fn render_offscreen(
        &mut self,
        frame: &Frame,
        read_back: bool,
    ) -> Result<Option<RgbaImage>, RenderError> {
        self.ctx.check_lost()?;
        let (width, height) = frame.physical_size();
        let max = self.ctx.max_texture_side();
        if width > max || height > max {
            return Err(RenderError::InvalidSize(width, height));
        }
        let device = self.ctx.device.clone();
        let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
        self.apply_resources(frame);
        let target = self.offscreen.target(&device, (width, height));
        let (texture, view) = (target.texture.clone(), target.view.clone());
        let mut encoder = device.create_command_encoder(&Default::default());
        self.draw(
            &mut encoder,
            frame,
            &view,
            OFFSCREEN_FORMAT,
            (width, height),
        );
        if read_back {
            self.readback.record(&device, &mut encoder, &texture);
        }
        self.ctx.queue.submit([encoder.finish()]);
        let image = if read_back {
            Some(self.readback.read(&device, width, height)?)
        } else {
            device
                .poll(wgpu::PollType::wait_indefinitely())
                .map_err(|e| RenderError::Device(e.to_string()))?;
            None
        };
        self.finish(scope)?;
        Ok(image)
    }

    /// "Vulkan llvmpipe (LLVM 15.0.6, 256 bits) (Cpu)": backend, adapter name, device type.
    pub fn adapter_summary(&self) -> String {
        self.ctx.summary()
    }

    /// The adapter's kind. `DeviceType::Cpu` is a software rasterizer (lavapipe, llvmpipe,
    /// WARP), on which the CPU renderer is several times faster for UI frames.
    pub fn device_type(&self) -> wgpu::DeviceType {
        self.ctx.adapter.get_info().device_type
    }

    /// Draw calls, instances and uploads of the last frame.
    pub fn last_stats(&self) -> GpuFrameStats {
        self.stats
    }

    /// Reports a validation error caught during the frame as a device error.
    fn finish(&self, scope: wgpu::ErrorScopeGuard) -> Result<(), RenderError> {
        if let Some(error) = pollster::block_on(scope.pop()) {
            return Err(RenderError::Device(error.to_string()));
        }
        if self.ctx.take_error() {
            return Err(RenderError::Device(
                "uncaptured wgpu error (see log)".into(),
            ));
        }
        Ok(())
    }

    /// Uploads and frees the frame's resources. Unknown keys are ignored.
    fn apply_resources(&mut self, frame: &Frame) {
        let (device, queue) = (&self.ctx.device, &self.ctx.queue);
        for change in &frame.resources {
            match change {
                ResourceChange::UploadGlyph { key, image } => {
                    self.atlas.insert(device, queue, *key, image.clone());
                }
                ResourceChange::FreeGlyph(key) => self.atlas.remove(*key),
                ResourceChange::UploadImage { id, data } => self.images.insert(
                    device,
                    queue,
                    &self.pipelines,
                    self.ctx.max_texture_side(),
                    *id,
                    data,
                ),
                ResourceChange::FreeImage(id) => self.images.remove(*id),
            }
        }
    }

    /// Batches the frame and records its passes, the root pass into `root`.
    fn draw(
        &mut self,
        encoder: &mut wgpu::CommandEncoder,
        frame: &Frame,
        root: &wgpu::TextureView,
        root_format: wgpu::TextureFormat,
        size: (u32, u32),
    ) {
        let plan = batch::Builder::new(frame, size, &self.atlas, &self.images).build(&frame.items);
        let (passes, quads, sprites) = flatten(&plan);
        let (device, queue) = (&self.ctx.device, &self.ctx.queue);
        self.quad_buffer
            .upload(device, queue, bytemuck::cast_slice(&quads));
        self.sprite_buffer
            .upload(device, queue, bytemuck::cast_slice(&sprites));
        let globals = [size.0 as f32, size.1 as f32, 0.0, 0.0];
        queue.write_buffer(&self.globals, 0, bytemuck::cast_slice(&globals));
        self.offscreen
            .ensure_layers(device, &self.pipelines, size, plan.max_depth);
        if self
            .glyph_bind_group
            .as_ref()
            .is_none_or(|(generation, _)| *generation != self.atlas.generation)
        {
            let (alpha, color) = self.atlas.views();
            let group = device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some("kryon glyph atlases"),
                layout: &self.pipelines.glyph_layout,
                entries: &[
                    wgpu::BindGroupEntry {
                        binding: 0,
                        resource: wgpu::BindingResource::TextureView(alpha),
                    },
                    wgpu::BindGroupEntry {
                        binding: 1,
                        resource: wgpu::BindingResource::TextureView(color),
                    },
                    wgpu::BindGroupEntry {
                        binding: 2,
                        resource: wgpu::BindingResource::Sampler(&self.pipelines.linear),
                    },
                ],
            });
            self.glyph_bind_group = Some((self.atlas.generation, group));
        }
        self.pipelines.set(device, root_format);
        self.pipelines.set(device, OFFSCREEN_FORMAT);

        let mut stats = GpuFrameStats {
            instances: (quads.len() + sprites.len()) as u32,
            atlas_uploads: self.atlas.take_uploads(),
            image_uploads: self.images.take_uploads(),
            ..GpuFrameStats::default()
        };
        for (pass, draws) in plan.passes.iter().zip(&passes) {
            if draws.is_empty() && pass.clear.is_none() {
                continue;
            }
            let (view, format) = match pass.target {
                PassTarget::Root => (root, root_format),
                PassTarget::Layer(depth) => match self.offscreen.layer(depth) {
                    Some(layer) => (&layer.view, OFFSCREEN_FORMAT),
                    None => continue,
                },
            };
            if let (PassTarget::Layer(_), Some(_)) = (pass.target, pass.clear) {
                stats.layers += 1;
            }
            let Some(set) = self.pipelines.get(format) else {
                continue;
            };
            let load = match pass.clear {
                Some([r, g, b, a]) => wgpu::LoadOp::Clear(wgpu::Color { r, g, b, a }),
                None => wgpu::LoadOp::Load,
            };
            let mut rpass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("kryon pass"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load,
                        store: wgpu::StoreOp::Store,
                    },
                })],
                depth_stencil_attachment: None,
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            stats.passes += 1;
            rpass.set_bind_group(0, &self.globals_bind_group, &[]);
            for draw in draws {
                let bind_group = match draw.key {
                    BatchKey::Quads => None,
                    BatchKey::Glyphs => self.glyph_bind_group.as_ref().map(|(_, g)| g),
                    BatchKey::Image(id) => match self.images.get(id) {
                        Some(image) => Some(&image.bind_group),
                        None => continue,
                    },
                    BatchKey::Layer(depth) => {
                        match self
                            .offscreen
                            .layer(depth)
                            .and_then(|l| l.bind_group.as_ref())
                        {
                            Some(group) => Some(group),
                            None => continue,
                        }
                    }
                };
                let pipeline = match draw.key {
                    BatchKey::Quads => &set.quad,
                    BatchKey::Glyphs => &set.glyph,
                    BatchKey::Image(_) | BatchKey::Layer(_) => &set.image,
                };
                rpass.set_pipeline(pipeline);
                if let Some(group) = bind_group {
                    rpass.set_bind_group(1, group, &[]);
                }
                let (buffer, stride) = if draw.quads {
                    (&self.quad_buffer.buffer, size_of::<QuadInstance>())
                } else {
                    (&self.sprite_buffer.buffer, size_of::<SpriteInstance>())
                };
                // Bound at the batch's offset and drawn from instance 0: a non-zero first
                // instance needs base-instance support, which GLES 3.0 adapters lack.
                let (start, end) = (draw.range.start as u64, draw.range.end as u64);
                let stride = stride as u64;
                rpass.set_vertex_buffer(0, buffer.slice(start * stride..end * stride));
                rpass.draw(0..4, 0..(draw.range.end - draw.range.start));
                stats.draw_calls += 1;
            }
        }
        self.stats = stats;
    }
}

/// Concatenates the plan's instances into one array per pipeline family and lists each pass's
/// draws as ranges into them.
fn flatten(plan: &Plan) -> (Vec<Vec<Draw>>, Vec<QuadInstance>, Vec<SpriteInstance>) {
    let mut quads = Vec::new();
    let mut sprites = Vec::new();
    let passes = plan
        .passes
        .iter()
        .map(|pass| {
            pass.batches
                .iter()
                .filter_map(|batch| {
                    let is_quads = batch.key == BatchKey::Quads;
                    let (start, end) = if is_quads {
                        let start = quads.len();
                        quads.extend_from_slice(&batch.quads);
                        (start, quads.len())
                    } else {
                        let start = sprites.len();
                        sprites.extend_from_slice(&batch.sprites);
                        (start, sprites.len())
                    };
                    (end > start).then_some(Draw {
                        key: batch.key,
                        quads: is_quads,
                        range: start as u32..end as u32,
                    })
                })
                .collect()
        })
        .collect();
    (passes, quads, sprites)
}
