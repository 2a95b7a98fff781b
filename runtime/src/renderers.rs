//! Renderer selection: wgpu when an adapter exists, else the CPU renderer.

use kryon_display::Frame;
use kryon_renderer::cpu::CpuRenderer;
use kryon_renderer::gpu::{GpuOptions, GpuRenderer};
use kryon_renderer::{RenderError, RgbaImage};

/// Which renderer to use (`--renderer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RendererChoice {
    /// wgpu when a hardware adapter exists, else the CPU renderer (see [`gpu_worth_probing`]).
    #[default]
    Auto,
    /// wgpu only (fails without an adapter).
    Gpu,
    /// The CPU renderer (tiny-skia).
    Cpu,
}

impl RendererChoice {
    /// The wgpu renderer this choice calls for, made by `create`, or `None` when the CPU
    /// renderer is to be used: always for `Cpu`; for `Auto` when there is no GPU device node
    /// (without calling `create`), the adapter is a software rasterizer, or `create` fails.
    /// With `Gpu`, `create`'s error is returned.
    pub fn gpu_with(
        self,
        create: impl FnOnce() -> Result<GpuRenderer, RenderError>,
    ) -> Result<Option<GpuRenderer>, RenderError> {
        match self {
            Self::Cpu => Ok(None),
            Self::Gpu => create().map(Some),
            Self::Auto if !gpu_worth_probing() => {
                tracing::info!("no GPU device node; using the CPU renderer");
                Ok(None)
            }
            Self::Auto => match create() {
                Ok(gpu) if is_software(&gpu) => {
                    tracing::info!(
                        "{} is a software rasterizer; using the CPU renderer",
                        gpu.adapter_summary()
                    );
                    Ok(None)
                }
                Ok(gpu) => Ok(Some(gpu)),
                Err(error) => {
                    tracing::info!("no GPU renderer ({error}); using the CPU renderer");
                    Ok(None)
                }
            },
        }
    }
}

/// An offscreen renderer for headless frames.
pub enum OffscreenRenderer {
    /// wgpu into an offscreen texture.
    Gpu(Box<GpuRenderer>),
    /// tiny-skia.
    Cpu(Box<CpuRenderer>),
}

impl OffscreenRenderer {
    /// Creates the renderer `choice` asks for. With `Auto`, a missing adapter falls back to
    /// the CPU renderer; with `Gpu` it is an error.
    pub fn new(choice: RendererChoice) -> Result<Self, RenderError> {
        let gpu = choice.gpu_with(|| GpuRenderer::headless(&GpuOptions::default()))?;
        Ok(match gpu {
            Some(gpu) => Self::Gpu(Box::new(gpu)),
            None => Self::Cpu(Box::new(CpuRenderer::new())),
        })
    }

    /// A one-line description for `--verbose`.
    pub fn describe(&self) -> String {
        match self {
            Self::Gpu(gpu) => format!("wgpu: {}", gpu.adapter_summary()),
            Self::Cpu(_) => "cpu: tiny-skia".to_string(),
        }
    }

    /// Renders a frame and reads the pixels back.
    pub fn render(&mut self, frame: &Frame) -> Result<RgbaImage, RenderError> {
        match self {
            Self::Gpu(gpu) => gpu.render_to_image(frame),
            Self::Cpu(cpu) => Ok(cpu.render(frame)),
        }
    }
}

/// Whether `auto` should try wgpu at all. Starting a graphics API costs 100–200 ms even when it
/// then finds only a software rasterizer (Mesa's lavapipe/llvmpipe), which is slower than the
/// CPU renderer and no more faithful. On Linux a hardware GPU always shows up as a DRM render
/// node or an NVIDIA device node, so their absence means "no GPU" for the price of a directory
/// listing; elsewhere we probe. `--renderer gpu` always uses wgpu, software adapters included.
pub fn gpu_worth_probing() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let has_entry = |dir: &str, prefix: &str| {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(prefix))
        })
    };
    has_entry("/dev/dri", "renderD") || has_entry("/dev", "nvidia")
}

/// True for software rasterizer adapters (lavapipe, llvmpipe, WARP): `auto` prefers the CPU
/// renderer there, which draws UI frames several times faster.
pub fn is_software(gpu: &GpuRenderer) -> bool {
    gpu.device_type() == wgpu::DeviceType::Cpu
}
