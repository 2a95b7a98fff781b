//! `kryon-renderer`: turns a [`kryon_display::Frame`] into pixels.
//!
//! Two renderers draw the same display list to the same pixels (within a small tolerance):
//!
//! - [`gpu`]: wgpu, for windows (a surface) and headless frames (an offscreen texture);
//! - [`cpu`]: tiny-skia, the fallback when no GPU adapter exists and the reference that
//!   golden-image tests compare against.
//!
//! Both blend in sRGB space (as browsers do) and keep the frame's resources (glyph bitmaps and
//! images) cached across frames until the frame's [`kryon_display::ResourceChange`]s free them.
//! This crate knows nothing about the element tree, windows or event loops.

pub mod cpu;
pub mod gpu;
mod image;
#[cfg(test)]
mod test_frames;

pub use image::{ImageDiff, RgbaImage};

/// Why a frame could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No GPU adapter could be found (callers fall back to [`cpu`]).
    #[error("no GPU adapter available: {0}")]
    NoAdapter(String),
    /// The GPU device could not be created or was lost.
    #[error("GPU device error: {0}")]
    Device(String),
    /// The window surface could not be created, configured or acquired.
    #[error("surface error: {0}")]
    Surface(String),
    /// Reading pixels back from the GPU failed.
    #[error("readback failed: {0}")]
    Readback(String),
    /// The target size is zero or larger than the renderer supports.
    #[error("invalid target size {0}×{1}")]
    InvalidSize(u32, u32),
}
