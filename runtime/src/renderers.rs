//! Renderer selection: wgpu when an adapter exists, else the CPU renderer.

use kryon_display::Frame;
use kryon_renderer::cpu::CpuRenderer;
use kryon_renderer::gpu::{GpuOptions, GpuRenderer};
use kryon_renderer::{RenderError, RgbaImage};

/// Which renderer to use (`--renderer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RendererChoice {
    /// wgpu when an adapter exists, else the CPU renderer.
    #[default]
    Auto,
    /// wgpu only (fails without an adapter).
    Gpu,
    /// The CPU renderer (tiny-skia).
    Cpu,
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
        match choice {
            RendererChoice::Cpu => Ok(Self::Cpu(Box::new(CpuRenderer::new()))),
            RendererChoice::Gpu => {
                GpuRenderer::headless(&GpuOptions::default()).map(|g| Self::Gpu(Box::new(g)))
            }
            RendererChoice::Auto => match GpuRenderer::headless(&GpuOptions::default()) {
                Ok(gpu) => Ok(Self::Gpu(Box::new(gpu))),
                Err(error) => {
                    tracing::info!("no GPU renderer ({error}); using the CPU renderer");
                    Ok(Self::Cpu(Box::new(CpuRenderer::new())))
                }
            },
        }
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
