//! `kryon run` in a window: the winit event loop.
//!
//! The loop waits for events (`ControlFlow::Wait`): an idle app neither polls nor repaints.
//! A redraw is requested only when the app has changes ([`AppHost::needs_frame`]) or the
//! window lost its contents (expose, resize, DPI change). The logical viewport is the window's
//! physical size divided by the monitor's DPI scale times the app's `scale_factor`.

use crate::host::AppHost;
use crate::input::InputEvent;
use crate::renderers::RendererChoice;
use anyhow::Context;
use kryon_display::Frame;
use kryon_renderer::cpu::CpuRenderer;
use kryon_renderer::gpu::{GpuOptions, GpuRenderer};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Instant;
use winit::application::ApplicationHandler;
use winit::dpi::LogicalSize;
use winit::event::{ElementState, MouseButton, WindowEvent};
use winit::event_loop::{ActiveEventLoop, ControlFlow, EventLoop};
use winit::window::{Window, WindowId};

/// What `kryon run` (windowed) should do.
#[derive(Debug, Clone)]
pub struct WindowOptions {
    /// Which renderer.
    pub renderer: RendererChoice,
    /// Present this many frames (repainting even when idle), then close the window: for
    /// scripted smoke runs.
    pub exit_after_frames: Option<u32>,
    /// Initial size override in logical px.
    pub size: Option<(u32, u32)>,
}

/// True when a window can plausibly be opened (an X11 or Wayland display is named).
pub fn display_available() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()))
}

/// Opens the app's window and runs until it is closed.
pub fn run(host: AppHost, options: WindowOptions) -> anyhow::Result<()> {
    let event_loop = EventLoop::new().context("opening the display (is DISPLAY set?)")?;
    event_loop.set_control_flow(ControlFlow::Wait);
    let mut app = WindowApp {
        host,
        options,
        state: None,
        error: None,
        presented: 0,
        started: Instant::now(),
        clock: Instant::now(),
        cursor: (0.0, 0.0),
    };
    event_loop
        .run_app(&mut app)
        .context("running the event loop")?;
    match app.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

struct WindowApp {
    host: AppHost,
    options: WindowOptions,
    state: Option<WindowState>,
    error: Option<anyhow::Error>,
    presented: u32,
    started: Instant,
    /// The app clock's zero: script time is real time since the window opened.
    clock: Instant,
    /// Last cursor position in logical px.
    cursor: (f32, f32),
}

struct WindowState {
    window: Arc<Window>,
    presenter: Presenter,
}

/// Where frames go: a wgpu surface, or CPU pixels copied into a softbuffer surface.
enum Presenter {
    Gpu(Box<GpuRenderer>),
    Cpu {
        renderer: Box<CpuRenderer>,
        surface: softbuffer::Surface<Arc<Window>, Arc<Window>>,
        pixmap: tiny_skia::Pixmap,
    },
}

impl Presenter {
    fn new(window: &Arc<Window>, choice: RendererChoice) -> anyhow::Result<Self> {
        let size = window.inner_size();
        // A software adapter is dropped (and its surface released) before softbuffer takes
        // the window.
        let gpu = choice.gpu_with(|| {
            GpuRenderer::for_surface(
                window.clone(),
                size.width.max(1),
                size.height.max(1),
                &GpuOptions::default(),
            )
        })?;
        match gpu {
            Some(gpu) => Ok(Self::Gpu(Box::new(gpu))),
            None => Self::cpu(window),
        }
    }

    fn cpu(window: &Arc<Window>) -> anyhow::Result<Self> {
        let context = softbuffer::Context::new(window.clone())
            .map_err(|e| anyhow::anyhow!("softbuffer context: {e}"))?;
        let surface = softbuffer::Surface::new(&context, window.clone())
            .map_err(|e| anyhow::anyhow!("softbuffer surface: {e}"))?;
        let pixmap = tiny_skia::Pixmap::new(1, 1).context("allocating the frame buffer")?;
        Ok(Self::Cpu {
            renderer: Box::new(CpuRenderer::new()),
            surface,
            pixmap,
        })
    }

    fn describe(&self) -> String {
        match self {
            Self::Gpu(gpu) => format!("wgpu: {}", gpu.adapter_summary()),
            Self::Cpu { .. } => "cpu: tiny-skia presented with softbuffer".to_string(),
        }
    }

    fn resize(&mut self, width: u32, height: u32) {
        if let Self::Gpu(gpu) = self {
            gpu.resize(width.max(1), height.max(1));
        }
    }

    fn present(&mut self, frame: &Frame) -> anyhow::Result<()> {
        match self {
            Self::Gpu(gpu) => gpu.present(frame).context("presenting"),
            Self::Cpu {
                renderer,
                surface,
                pixmap,
            } => {
                renderer.render_into(frame, pixmap);
                let (w, h) = (pixmap.width(), pixmap.height());
                let (Some(nw), Some(nh)) = (NonZeroU32::new(w), NonZeroU32::new(h)) else {
                    return Ok(());
                };
                surface
                    .resize(nw, nh)
                    .map_err(|e| anyhow::anyhow!("resizing the surface: {e}"))?;
                let mut buffer = surface
                    .buffer_mut()
                    .map_err(|e| anyhow::anyhow!("surface buffer: {e}"))?;
                // softbuffer wants 0RGB words; the pixmap is premultiplied RGBA over the
                // opaque clear colour, so dropping alpha is exact for opaque frames.
                for (dst, src) in buffer.iter_mut().zip(pixmap.data().chunks_exact(4)) {
                    *dst = u32::from(src[0]) << 16 | u32::from(src[1]) << 8 | u32::from(src[2]);
                }
                buffer
                    .present()
                    .map_err(|e| anyhow::anyhow!("presenting: {e}"))
            }
        }
    }
}

impl WindowApp {
    /// Physical px per logical px: monitor DPI × the app's own `scale_factor`.
    fn scale(&self, window: &Window) -> f32 {
        window.scale_factor() as f32 * self.host.app_scale()
    }

    fn sync_viewport(&mut self) {
        let Some(state) = &self.state else { return };
        let size = state.window.inner_size();
        let scale = self.scale(&state.window);
        self.host
            .set_viewport(size.width as f32 / scale, size.height as f32 / scale);
    }

    fn fail(&mut self, event_loop: &ActiveEventLoop, error: anyhow::Error) {
        self.error = Some(error);
        event_loop.exit();
    }

    /// Paints and presents a frame. Always a full one: a redraw is requested only when the app
    /// changed or the surface lost its contents.
    fn redraw(&mut self, event_loop: &ActiveEventLoop) {
        let Some(state) = &self.state else { return };
        let scale = self.scale(&state.window);
        let now = self.clock.elapsed().as_secs_f64() * 1000.0;
        // A redraw the OS asked for needs a full frame even when the app did not change.
        let frame = match self.host.tick(now, scale) {
            Some(frame) => frame,
            None => self.host.repaint(scale),
        };
        for diagnostic in self.host.take_rendered_diagnostics() {
            eprint!("{diagnostic}");
        }
        let Some(state) = &mut self.state else { return };
        if let Err(error) = state.presenter.present(&frame) {
            self.fail(event_loop, error);
            return;
        }
        self.presented += 1;
        if self.presented == 1 {
            tracing::info!(
                "first frame presented {:.1?} after start",
                self.started.elapsed()
            );
        }
        if self
            .options
            .exit_after_frames
            .is_some_and(|n| self.presented >= n)
        {
            event_loop.exit();
        }
    }
}

impl ApplicationHandler for WindowApp {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.state.is_some() {
            return;
        }
        let config = self.host.window_config();
        let (w, h) = self.options.size.unwrap_or((config.width, config.height));
        let app_scale = f64::from(self.host.app_scale());
        let attributes = Window::default_attributes()
            .with_title(config.title.clone())
            .with_resizable(config.resizable)
            .with_inner_size(LogicalSize::new(
                f64::from(w) * app_scale,
                f64::from(h) * app_scale,
            ));
        let window = match event_loop.create_window(attributes) {
            Ok(window) => Arc::new(window),
            Err(error) => {
                return self.fail(event_loop, anyhow::anyhow!("creating the window: {error}"));
            }
        };
        let presenter = match Presenter::new(&window, self.options.renderer) {
            Ok(presenter) => presenter,
            Err(error) => return self.fail(event_loop, error),
        };
        tracing::info!(
            "renderer: {} ({:.1?} after start)",
            presenter.describe(),
            self.started.elapsed()
        );
        self.state = Some(WindowState { window, presenter });
        self.sync_viewport();
        if let Some(state) = &self.state {
            state.window.request_redraw();
        }
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _id: WindowId, event: WindowEvent) {
        match event {
            WindowEvent::CloseRequested | WindowEvent::Destroyed => event_loop.exit(),
            WindowEvent::Resized(size) => {
                if let Some(state) = &mut self.state {
                    state.presenter.resize(size.width, size.height);
                    state.window.request_redraw();
                }
                self.sync_viewport();
            }
            WindowEvent::ScaleFactorChanged { .. } => {
                self.sync_viewport();
                if let Some(state) = &self.state {
                    state.window.request_redraw();
                }
            }
            // A redraw the OS asked for repaints everything: the surface contents are gone.
            WindowEvent::RedrawRequested => self.redraw(event_loop),
            WindowEvent::CursorMoved { position, .. } => {
                if let Some(state) = &self.state {
                    let scale = f64::from(self.scale(&state.window));
                    self.cursor = ((position.x / scale) as f32, (position.y / scale) as f32);
                    let (x, y) = self.cursor;
                    self.host.push_input(InputEvent::Move { x, y });
                    state.window.request_redraw();
                }
            }
            WindowEvent::CursorLeft { .. } => self.host.push_input(InputEvent::Leave),
            WindowEvent::MouseInput {
                state: pressed,
                button,
                ..
            } => {
                let button = match button {
                    MouseButton::Left => 0,
                    MouseButton::Middle => 1,
                    MouseButton::Right => 2,
                    _ => return,
                };
                let (x, y) = self.cursor;
                self.host.push_input(match pressed {
                    ElementState::Pressed => InputEvent::Press { x, y, button },
                    ElementState::Released => InputEvent::Release { x, y, button },
                });
                if let Some(state) = &self.state {
                    state.window.request_redraw();
                }
            }
            _ => {}
        }
    }

    fn about_to_wait(&mut self, event_loop: &ActiveEventLoop) {
        if self.host.quit_requested() {
            event_loop.exit();
            return;
        }
        for url in self.host.session().take_open_requests() {
            if let Err(e) = open::that_detached(&url) {
                tracing::warn!("could not open {url}: {e}");
            }
        }
        // Changes made while handling events (scripts, timers, input) show on the next frame.
        // A counted run (`--frames N`) keeps presenting until it has shown N frames. Otherwise
        // the loop sleeps until the next input or the next timer (no polling).
        let counted = self.options.exit_after_frames.is_some();
        let Some(state) = &self.state else { return };
        if counted || self.host.needs_frame() {
            state.window.request_redraw();
            event_loop.set_control_flow(ControlFlow::Wait);
        } else if let Some(due) = self.host.next_wake_ms() {
            let at = self.clock + std::time::Duration::from_secs_f64(due.max(0.0) / 1000.0);
            event_loop.set_control_flow(ControlFlow::WaitUntil(at));
        } else {
            event_loop.set_control_flow(ControlFlow::Wait);
        }
    }
}
