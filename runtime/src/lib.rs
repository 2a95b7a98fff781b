//! `kryon-runtime`: drives a Kryon app.
//!
//! - [`host`]: an [`AppHost`](host::AppHost) owns a loaded app (the element tree) and turns it
//!   into display-list frames when something changed;
//! - [`renderers`]: picks and owns the renderer (wgpu, or the CPU fallback) for a target;
//! - [`headless`]: renders frames with no display and writes screenshots;
//! - [`window`]: the winit window and event loop of `kryon run`.
//!
//! The `kryon` binary (`src/main.rs`) is a thin command line over these modules.

pub mod headless;
pub mod host;
pub mod renderers;
pub mod window;

pub use host::{AppHost, LoadError};
pub use renderers::RendererChoice;
