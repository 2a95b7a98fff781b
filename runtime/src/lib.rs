//! `kryon-runtime`: drives a Kryon app.
//!
//! - [`host`]: an [`AppHost`](host::AppHost) owns a loaded app (its scripting session and element
//!   tree) and turns it into display-list frames when something changed;
//! - [`renderers`]: picks and owns the renderer (wgpu, or the CPU fallback) for a target;
//! - [`headless`]: renders frames with no display and writes screenshots;
//! - [`window`]: the winit window and event loop of `kryon run`;
//! - the scheduler (`AppHost::tick`): the frame phases of script-api §1.3 on a given clock;
//! - [`input`]: pointer hit testing, hover/active states and pointer events;
//! - [`harness`]: the headless test harness (virtual clock, click, wait, snapshots);
//! - [`test_driver`]: `kryon test APP TEST.lua`, a Lua script driving the harness.
//!
//! The `kryon` binary (`src/main.rs`) is a thin command line over these modules.

pub mod harness;
pub mod headless;
pub mod host;
pub mod input;
mod overlay;
pub mod renderers;
mod scheduler;
pub mod test_driver;
pub mod window;

pub use host::{AppHost, LoadError};
pub use renderers::RendererChoice;
