//! Shaders, bind group layouts, samplers and the three pipelines (quads, glyphs, images),
//! created once per colour-target format.

use std::collections::HashMap;

use super::instances::{QuadInstance, SpriteInstance, quad_attributes, sprite_attributes};

const COMMON: &str = include_str!("shaders/common.wgsl");
const QUAD: &str = include_str!("shaders/quad.wgsl");
const SPRITE: &str = include_str!("shaders/sprite.wgsl");

/// The three pipelines for one target format.
pub(crate) struct PipelineSet {
    pub quad: wgpu::RenderPipeline,
    pub glyph: wgpu::RenderPipeline,
    pub image: wgpu::RenderPipeline,
}

/// Everything the pipelines share: layouts, samplers, shader modules, the globals uniform.
pub(crate) struct Pipelines {
    pub globals_layout: wgpu::BindGroupLayout,
    pub glyph_layout: wgpu::BindGroupLayout,
    pub image_layout: wgpu::BindGroupLayout,
    /// Bilinear, clamped: images and glyphs (glyphs land on whole pixels, where bilinear
    /// sampling returns the texel itself).
    pub linear: wgpu::Sampler,
    /// Nearest: layers, composited 1:1.
    pub nearest: wgpu::Sampler,
    quad_module: wgpu::ShaderModule,
    sprite_module: wgpu::ShaderModule,
    quad_layout: wgpu::PipelineLayout,
    glyph_pipeline_layout: wgpu::PipelineLayout,
    image_pipeline_layout: wgpu::PipelineLayout,
    sets: HashMap<wgpu::TextureFormat, PipelineSet>,
}

fn texture_entry(binding: u32) -> wgpu::BindGroupLayoutEntry {
    wgpu::BindGroupLayoutEntry {
        binding,
        visibility: wgpu::ShaderStages::FRAGMENT,
        ty: wgpu::BindingType::Texture {
            sample_type: wgpu::TextureSampleType::Float { filterable: true },
            view_dimension: wgpu::TextureViewDimension::D2,
            multisampled: false,
        },
        count: None,
    }
}

fn sampler_entry(binding: u32) -> wgpu::BindGroupLayoutEntry {
    wgpu::BindGroupLayoutEntry {
        binding,
        visibility: wgpu::ShaderStages::FRAGMENT,
        ty: wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
        count: None,
    }
}

fn sampler(device: &wgpu::Device, filter: wgpu::FilterMode) -> wgpu::Sampler {
    device.create_sampler(&wgpu::SamplerDescriptor {
        label: Some("kryon sampler"),
        address_mode_u: wgpu::AddressMode::ClampToEdge,
        address_mode_v: wgpu::AddressMode::ClampToEdge,
        address_mode_w: wgpu::AddressMode::ClampToEdge,
        mag_filter: filter,
        min_filter: filter,
        mipmap_filter: wgpu::MipmapFilterMode::Nearest,
        ..Default::default()
    })
}

impl Pipelines {
    pub fn new(device: &wgpu::Device) -> Self {
        let globals_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("kryon globals"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX_FRAGMENT,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            }],
        });
        let glyph_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("kryon glyph atlases"),
            entries: &[texture_entry(0), texture_entry(1), sampler_entry(2)],
        });
        let image_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("kryon image"),
            entries: &[texture_entry(1), sampler_entry(2)],
        });
        let module = |label: &str, body: &str| {
            device.create_shader_module(wgpu::ShaderModuleDescriptor {
                label: Some(label),
                source: wgpu::ShaderSource::Wgsl(format!("{COMMON}\n{body}").into()),
            })
        };
        let quad_module = module("kryon quad", QUAD);
        let sprite_module = module("kryon sprite", SPRITE);
        let layout = |label: &str, groups: &[Option<&wgpu::BindGroupLayout>]| {
            device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                label: Some(label),
                bind_group_layouts: groups,
                immediate_size: 0,
            })
        };
        let quad_layout = layout("kryon quad", &[Some(&globals_layout)]);
        let glyph_pipeline_layout =
            layout("kryon glyph", &[Some(&globals_layout), Some(&glyph_layout)]);
        let image_pipeline_layout =
            layout("kryon image", &[Some(&globals_layout), Some(&image_layout)]);
        Self {
            linear: sampler(device, wgpu::FilterMode::Linear),
            nearest: sampler(device, wgpu::FilterMode::Nearest),
            globals_layout,
            glyph_layout,
            image_layout,
            quad_module,
            sprite_module,
            quad_layout,
            glyph_pipeline_layout,
            image_pipeline_layout,
            sets: HashMap::new(),
        }
    }

    /// The pipelines for a target format, created on first use.
    pub fn set(&mut self, device: &wgpu::Device, format: wgpu::TextureFormat) -> &PipelineSet {
        let Self {
            sets,
            quad_module,
            sprite_module,
            quad_layout,
            glyph_pipeline_layout,
            image_pipeline_layout,
            ..
        } = self;
        sets.entry(format).or_insert_with(|| {
            let quad_attrs = quad_attributes();
            let sprite_attrs = sprite_attributes();
            let quad_buffers = [Some(wgpu::VertexBufferLayout {
                array_stride: size_of::<QuadInstance>() as u64,
                step_mode: wgpu::VertexStepMode::Instance,
                attributes: &quad_attrs,
            })];
            let sprite_buffers = [Some(wgpu::VertexBufferLayout {
                array_stride: size_of::<SpriteInstance>() as u64,
                step_mode: wgpu::VertexStepMode::Instance,
                attributes: &sprite_attrs,
            })];
            let make = |label: &str,
                        layout: &wgpu::PipelineLayout,
                        module: &wgpu::ShaderModule,
                        fs: &str,
                        buffers: &[Option<wgpu::VertexBufferLayout<'_>>]| {
                device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                    label: Some(label),
                    layout: Some(layout),
                    vertex: wgpu::VertexState {
                        module,
                        entry_point: Some("vs_main"),
                        compilation_options: Default::default(),
                        buffers,
                    },
                    primitive: wgpu::PrimitiveState {
                        topology: wgpu::PrimitiveTopology::TriangleStrip,
                        cull_mode: None,
                        ..Default::default()
                    },
                    depth_stencil: None,
                    multisample: wgpu::MultisampleState::default(),
                    fragment: Some(wgpu::FragmentState {
                        module,
                        entry_point: Some(fs),
                        compilation_options: Default::default(),
                        targets: &[Some(wgpu::ColorTargetState {
                            format,
                            blend: Some(wgpu::BlendState::PREMULTIPLIED_ALPHA_BLENDING),
                            write_mask: wgpu::ColorWrites::ALL,
                        })],
                    }),
                    multiview_mask: None,
                    cache: None,
                })
            };
            PipelineSet {
                quad: make(
                    "kryon quad",
                    quad_layout,
                    quad_module,
                    "fs_main",
                    &quad_buffers,
                ),
                glyph: make(
                    "kryon glyph",
                    glyph_pipeline_layout,
                    sprite_module,
                    "fs_glyph",
                    &sprite_buffers,
                ),
                image: make(
                    "kryon image",
                    image_pipeline_layout,
                    sprite_module,
                    "fs_image",
                    &sprite_buffers,
                ),
            }
        })
    }

    /// The pipelines for a format made earlier by [`Pipelines::set`].
    pub fn get(&self, format: wgpu::TextureFormat) -> Option<&PipelineSet> {
        self.sets.get(&format)
    }

    /// A bind group for one image-like texture (an image or a layer).
    pub fn image_bind_group(
        &self,
        device: &wgpu::Device,
        view: &wgpu::TextureView,
        nearest: bool,
    ) -> wgpu::BindGroup {
        device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("kryon image"),
            layout: &self.image_layout,
            entries: &[
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: wgpu::BindingResource::TextureView(view),
                },
                wgpu::BindGroupEntry {
                    binding: 2,
                    resource: wgpu::BindingResource::Sampler(if nearest {
                        &self.nearest
                    } else {
                        &self.linear
                    }),
                },
            ],
        })
    }
}
