//! The window surface: format choice, configuration, acquiring frames.
//!
//! Blending must happen on sRGB-encoded values, so the renderer draws into a *non-sRGB* view.
//! In order of preference:
//!
//! 1. a non-sRGB surface format (`Bgra8Unorm`, `Rgba8Unorm`, …): drawn into directly;
//! 2. an sRGB surface format viewed as its non-sRGB twin (needs `SURFACE_VIEW_FORMATS`);
//! 3. otherwise (GLES): draw into an offscreen `Rgba8Unorm` texture and blit it with a shader
//!    that decodes sRGB, so the surface's sRGB encoding writes back the very same bytes.

use std::sync::Arc;

use wgpu::rwh::HasDisplayHandle;

use crate::RenderError;

use super::layers::OFFSCREEN_FORMAT;

/// A surface target, shareable so each backend tried can make its own surface from it.
#[derive(Clone)]
pub(crate) enum SharedTarget {
    DisplayAndWindow(Arc<Box<dyn wgpu::DisplayAndWindowHandle>>),
    Window(Arc<Box<dyn wgpu::WindowHandle>>),
}

/// The display half of a target, handed to the instance (GLES on Wayland needs it).
struct DisplaySource(Arc<Box<dyn wgpu::DisplayAndWindowHandle>>);

impl std::fmt::Debug for DisplaySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DisplaySource")
    }
}

impl wgpu::rwh::HasDisplayHandle for DisplaySource {
    fn display_handle(&self) -> Result<wgpu::rwh::DisplayHandle<'_>, wgpu::rwh::HandleError> {
        self.0.display_handle()
    }
}

impl SharedTarget {
    pub fn new(target: wgpu::SurfaceTarget<'static>) -> Result<Self, RenderError> {
        match target {
            wgpu::SurfaceTarget::DisplayAndWindow(t) => Ok(Self::DisplayAndWindow(Arc::new(t))),
            wgpu::SurfaceTarget::Window(t) => Ok(Self::Window(Arc::new(t))),
            #[allow(unreachable_patterns)]
            _ => Err(RenderError::Surface("unsupported surface target".into())),
        }
    }

    /// Hands the target's display handle (when it has one) to an instance descriptor: GLES
    /// needs it to present on Wayland; other backends ignore it.
    /// Only a handle that is available now is passed: wgpu panics on one that is not.
    pub fn set_display(&self, desc: &mut wgpu::InstanceDescriptor) {
        if let Self::DisplayAndWindow(t) = self
            && t.display_handle().is_ok()
        {
            desc.display = Some(Box::new(DisplaySource(Arc::clone(t))));
        }
    }

    pub fn create(&self, instance: &wgpu::Instance) -> Result<wgpu::Surface<'static>, RenderError> {
        let target = match self {
            Self::DisplayAndWindow(t) => wgpu::SurfaceTarget::from(Arc::clone(t)),
            Self::Window(t) => wgpu::SurfaceTarget::Window(Box::new(Arc::clone(t))),
        };
        instance
            .create_surface(target)
            .map_err(|e| RenderError::Surface(e.to_string()))
    }
}

/// How frames reach the surface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Draw into the surface texture.
    Direct,
    /// Draw into a non-sRGB view of the (sRGB) surface texture.
    View(wgpu::TextureFormat),
    /// Draw offscreen, then blit with sRGB decoding.
    Blit,
}

/// A configured surface.
pub(crate) struct SurfaceState {
    surface: wgpu::Surface<'static>,
    config: wgpu::SurfaceConfiguration,
    mode: Mode,
    blit: Option<Blit>,
}

/// What [`SurfaceState::acquire`] hands out.
pub(crate) struct Acquired {
    pub texture: wgpu::SurfaceTexture,
    /// The view to draw into (unless blitting).
    pub view: wgpu::TextureView,
    /// The surface wants a reconfigure after this frame.
    pub suboptimal: bool,
}

impl SurfaceState {
    pub fn new(
        surface: wgpu::Surface<'static>,
        adapter: &wgpu::Adapter,
        device: &wgpu::Device,
        width: u32,
        height: u32,
    ) -> Result<Self, RenderError> {
        let caps = surface.get_capabilities(adapter);
        let preferred = [
            wgpu::TextureFormat::Bgra8Unorm,
            wgpu::TextureFormat::Rgba8Unorm,
        ];
        let direct = preferred
            .into_iter()
            .find(|f| caps.formats.contains(f))
            .or_else(|| caps.formats.iter().copied().find(|f| !f.is_srgb()));
        let view_formats_ok = adapter
            .get_downlevel_capabilities()
            .flags
            .contains(wgpu::DownlevelFlags::SURFACE_VIEW_FORMATS);
        let (format, mode) = match (direct, caps.formats.first().copied()) {
            (Some(f), _) => (f, Mode::Direct),
            (None, Some(f)) if view_formats_ok => (f, Mode::View(f.remove_srgb_suffix())),
            (None, Some(f)) => (f, Mode::Blit),
            (None, None) => {
                return Err(RenderError::Surface(
                    "the adapter cannot present to this surface".into(),
                ));
            }
        };
        let config = wgpu::SurfaceConfiguration {
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
            format,
            color_space: wgpu::SurfaceColorSpace::Auto,
            width: width.max(1),
            height: height.max(1),
            present_mode: wgpu::PresentMode::AutoVsync,
            desired_maximum_frame_latency: 2,
            alpha_mode: wgpu::CompositeAlphaMode::Auto,
            view_formats: match mode {
                Mode::View(v) => vec![v],
                _ => Vec::new(),
            },
        };
        tracing::debug!("surface format {format:?}, {mode:?}");
        let blit = (mode == Mode::Blit).then(|| Blit::new(device, format));
        let state = Self {
            surface,
            config,
            mode,
            blit,
        };
        if width > 0 && height > 0 {
            state.surface.configure(device, &state.config);
        }
        Ok(state)
    }

    /// The size the surface is configured to (0 while minimized).
    pub fn size(&self) -> (u32, u32) {
        (self.config.width, self.config.height)
    }

    /// Reconfigures for a new size; a zero size (minimized window) only records it.
    pub fn resize(&mut self, device: &wgpu::Device, width: u32, height: u32) {
        self.config.width = width;
        self.config.height = height;
        if width > 0 && height > 0 {
            self.surface.configure(device, &self.config);
        }
    }

    /// The format pipelines drawing the root pass must target.
    pub fn draw_format(&self) -> wgpu::TextureFormat {
        match self.mode {
            Mode::Direct => self.config.format,
            Mode::View(f) => f,
            Mode::Blit => OFFSCREEN_FORMAT,
        }
    }

    /// True when frames are drawn offscreen and blitted.
    pub fn blits(&self) -> bool {
        self.mode == Mode::Blit
    }

    /// The next texture, reconfiguring once when the surface is outdated or lost. `Ok(None)`
    /// means "skip this frame" (minimized, occluded, timed out).
    pub fn acquire(&mut self, device: &wgpu::Device) -> Result<Option<Acquired>, RenderError> {
        if self.config.width == 0 || self.config.height == 0 {
            return Ok(None);
        }
        for attempt in 0..2 {
            let (texture, suboptimal) = match self.surface.get_current_texture() {
                wgpu::CurrentSurfaceTexture::Success(t) => (t, false),
                wgpu::CurrentSurfaceTexture::Suboptimal(t) => (t, true),
                wgpu::CurrentSurfaceTexture::Timeout | wgpu::CurrentSurfaceTexture::Occluded => {
                    return Ok(None);
                }
                wgpu::CurrentSurfaceTexture::Outdated | wgpu::CurrentSurfaceTexture::Lost
                    if attempt == 0 =>
                {
                    self.surface.configure(device, &self.config);
                    continue;
                }
                wgpu::CurrentSurfaceTexture::Outdated | wgpu::CurrentSurfaceTexture::Lost => {
                    return Err(RenderError::Surface(
                        "surface outdated or lost after reconfiguring".into(),
                    ));
                }
                wgpu::CurrentSurfaceTexture::Validation => {
                    return Err(RenderError::Surface(
                        "validation error acquiring the surface texture".into(),
                    ));
                }
            };
            let view = texture.texture.create_view(&wgpu::TextureViewDescriptor {
                format: match self.mode {
                    Mode::View(f) => Some(f),
                    _ => None,
                },
                ..Default::default()
            });
            return Ok(Some(Acquired {
                texture,
                view,
                suboptimal,
            }));
        }
        Ok(None)
    }

    /// After presenting a suboptimal frame.
    pub fn reconfigure(&mut self, device: &wgpu::Device) {
        if self.config.width > 0 && self.config.height > 0 {
            self.surface.configure(device, &self.config);
        }
    }

    /// Records the sRGB-decoding copy of `source` into `target` (blit mode only).
    pub fn blit(
        &self,
        device: &wgpu::Device,
        encoder: &mut wgpu::CommandEncoder,
        source: &wgpu::TextureView,
        target: &wgpu::TextureView,
    ) {
        if let Some(blit) = &self.blit {
            blit.record(device, encoder, source, target);
        }
    }
}

const BLIT: &str = r"
@group(0) @binding(0) var src: texture_2d<f32>;

@vertex
fn vs_main(@builtin(vertex_index) vi: u32) -> @builtin(position) vec4f {
    let p = vec2f(f32((vi << 1u) & 2u), f32(vi & 2u));
    return vec4f(p * 2.0 - 1.0, 0.0, 1.0);
}

fn to_linear(c: vec3f) -> vec3f {
    return select(pow((c + 0.055) / 1.055, vec3f(2.4)), c / 12.92, c <= vec3f(0.04045));
}

@fragment
fn fs_main(@builtin(position) pos: vec4f) -> @location(0) vec4f {
    let c = textureLoad(src, vec2i(pos.xy), 0);
    return vec4f(to_linear(c.rgb), c.a);
}
";

/// The sRGB-decoding full-screen copy.
struct Blit {
    layout: wgpu::BindGroupLayout,
    pipeline: wgpu::RenderPipeline,
}

impl Blit {
    fn new(device: &wgpu::Device, format: wgpu::TextureFormat) -> Self {
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("kryon blit"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::FRAGMENT,
                ty: wgpu::BindingType::Texture {
                    sample_type: wgpu::TextureSampleType::Float { filterable: false },
                    view_dimension: wgpu::TextureViewDimension::D2,
                    multisampled: false,
                },
                count: None,
            }],
        });
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("kryon blit"),
            source: wgpu::ShaderSource::Wgsl(BLIT.into()),
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("kryon blit"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("kryon blit"),
            layout: Some(&pipeline_layout),
            vertex: wgpu::VertexState {
                module: &module,
                entry_point: Some("vs_main"),
                compilation_options: Default::default(),
                buffers: &[],
            },
            primitive: wgpu::PrimitiveState::default(),
            depth_stencil: None,
            multisample: wgpu::MultisampleState::default(),
            fragment: Some(wgpu::FragmentState {
                module: &module,
                entry_point: Some("fs_main"),
                compilation_options: Default::default(),
                targets: &[Some(wgpu::ColorTargetState {
                    format,
                    blend: None,
                    write_mask: wgpu::ColorWrites::ALL,
                })],
            }),
            multiview_mask: None,
            cache: None,
        });
        Self { layout, pipeline }
    }

    fn record(
        &self,
        device: &wgpu::Device,
        encoder: &mut wgpu::CommandEncoder,
        source: &wgpu::TextureView,
        target: &wgpu::TextureView,
    ) {
        let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("kryon blit"),
            layout: &self.layout,
            entries: &[wgpu::BindGroupEntry {
                binding: 0,
                resource: wgpu::BindingResource::TextureView(source),
            }],
        });
        let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
            label: Some("kryon blit"),
            color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                view: target,
                depth_slice: None,
                resolve_target: None,
                ops: wgpu::Operations {
                    load: wgpu::LoadOp::Clear(wgpu::Color::BLACK),
                    store: wgpu::StoreOp::Store,
                },
            })],
            depth_stencil_attachment: None,
            timestamp_writes: None,
            occlusion_query_set: None,
            multiview_mask: None,
        });
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &bind_group, &[]);
        pass.draw(0..3, 0..1);
    }
}
